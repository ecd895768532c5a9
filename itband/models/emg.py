"""How hard each exercise drives the gluteus medius: published surface-EMG values, from the registry.

Activation is given as a percentage of a maximal voluntary isometric contraction (% MVIC): the
muscle's electrical activity during the exercise divided by its activity in a maximal test
contraction. Values above 100 % are possible (the test contraction is not a true maximum for
every task).

Every row takes its mean and SD from the evidence registry (:mod:`itband.course.evidence`),
never retyped here: :data:`EMG_TABLE` names the registered fact of each row. Rows whose fact is
``verified`` were read in the study's own abstract; the two side-plank rows of Boren 2011 are
``unverified`` (read only on secondary pages) and are drawn hatched and labelled so. Values that
could not be found in their cited source at all (the Ekstrom 2007 table values, three Distefano
2009 table values and Boren's single-leg squat) are not used.

**How to read the SDs.** Each SD describes how much *people* differed on one exercise. Every
study measured all its exercises in the same people, so whether one exercise beats another in
each person depends on the SD (or confidence interval) of the *paired* differences, which
depends on how strongly a person's two values go together (their correlation). Two overlapping
mean ± 1 SD ranges are consistent with a gap that every participant showed and with one that
many reversed: :func:`difference_sd_range` gives the span the reported SDs allow. The abstracts
read give no paired SD or CI; Youdas 2013 and MacAskill 2014 give within-subject p-values, which
show that the average difference is unlikely to be chance, not how many individuals show it.

The drawing is :mod:`itband.figures.emg`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..course import evidence
from ..course.validate import check_choice, check_flag, check_number


@dataclass(frozen=True)
class EmgRow:
    """One exercise's gluteus medius activation in one study, read from registered fact ``fact_id``."""

    key: str
    exercise: str
    fact_id: str
    seed_exercise: str | None = None   # which of the five lesson exercises it belongs to, if any
    note: str = ""

    def __post_init__(self):
        for name in ("key", "exercise", "note"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name}={getattr(self, name)!r} must be a string")
        if not isinstance(self.fact_id, str):
            raise TypeError(f"fact_id={self.fact_id!r} must be a registered fact id (a string)")
        try:
            f = evidence.fact(self.fact_id)
        except ValueError as err:
            raise ValueError(f"fact_id={self.fact_id!r}: {err}") from None
        if f.value is None or f.unit != "% MVIC":
            raise ValueError(f"fact_id={self.fact_id!r} is not a % MVIC value")
        if self.seed_exercise is not None:
            from .poses import exercise_names
            check_choice("seed_exercise", self.seed_exercise, exercise_names())

    @property
    def fact(self) -> evidence.Fact:
        return evidence.fact(self.fact_id)

    @property
    def mean_pct_mvic(self) -> float:
        return float(self.fact.value)

    @property
    def sd_pct_mvic(self) -> float | None:
        return None if self.fact.sd is None else float(self.fact.sd)

    @property
    def source(self) -> str:
        """The BibTeX key of the study."""
        return self.fact.source

    @property
    def verified(self) -> bool:
        """True when the registry holds the value as read in the study itself."""
        return self.fact.status == "verified"

    @property
    def label(self) -> str:
        """The exercise, with "(unverified)" after it when the value is not verified."""
        return self.exercise + ("" if self.verified else " (unverified)")


#: The chart's rows: each names its registered fact (see ``itband/data/evidence/hip.yaml``).
EMG_TABLE: tuple[EmgRow, ...] = (
    EmgRow("side_plank_abd_bottom", "Side plank + lift, dominant leg below", "boren2011-side-plank-bottom",
           "side_plank"),
    EmgRow("side_lying_abduction_10rm", "Side-lying hip abduction, 10-RM load", "macaskill2014-side-lying-10rm",
           "side_lying_hip_abduction"),
    EmgRow("side_plank_abd_top", "Side plank + lift, dominant leg on top", "boren2011-side-plank-top",
           "side_plank"),
    EmgRow("side_lying_abduction", "Side-lying hip abduction", "distefano2009-side-lying-abduction",
           "side_lying_hip_abduction"),
    EmgRow("forward_step_up", "Forward step-up", "macaskill2014-forward-step-up"),
    EmgRow("lateral_step_up", "Lateral step-up", "macaskill2014-lateral-step-up"),
    EmgRow("band_walk_stance", "Lateral band walk, standing leg", "youdas2013-stance-limb", "lateral_band_walk"),
    EmgRow("lunge", "Lunge", "distefano2009-lunge"),
    EmgRow("hop", "Hop", "distefano2009-hop"),
    EmgRow("clam_1", "Clam (first variant)", "distefano2009-clam-1",
           note="hip-flexion angle of each variant not confirmed"),
    EmgRow("clam_2", "Clam (second variant)", "distefano2009-clam-2",
           note="hip-flexion angle of each variant not confirmed"),
    EmgRow("prone_hip_extension_10rm", "Prone hip extension, 10-RM load", "macaskill2014-prone-extension"),
    EmgRow("band_walk_moving", "Lateral band walk, moving leg", "youdas2013-moving-limb", "lateral_band_walk"),
)

#: The level Ekstrom et al. 2007 used to call an exercise "strengthening", % MVIC (their criterion).
STRENGTHENING_THRESHOLD_PCT_MVIC = evidence.value("ekstrom2007-design")

#: What each study's abstract reports about paired (within-person) differences.
PAIRED_REPORTING = {
    "distefano2009": "each exercise's mean ± SD; no SD or confidence interval of the paired differences",
    "macaskill2014": ("each exercise's mean ± SD and a within-subject p-value (p < "
                      f"{evidence.fact('macaskill2014-side-lying-vs-others-p').text()}); "
                      "no SD or confidence interval of the paired differences"),
    "youdas2013": ("each limb's mean ± SD and a within-subject p-value (p = "
                   f"{evidence.fact('youdas2013-stance-vs-moving-p').text()}); "
                   "no SD or confidence interval of the paired difference"),
    "boren2011": "whole-number means only; no SD or confidence interval of the paired differences",
}


def rows(include_unverified: bool = True) -> list[EmgRow]:
    """The table's rows, highest mean first (optionally without the unverified ones)."""
    check_flag("include_unverified", include_unverified)
    out = [r for r in EMG_TABLE if include_unverified or r.verified]
    return sorted(out, key=lambda r: -r.mean_pct_mvic)


def _row(name: str, key: str) -> EmgRow:
    check_choice(name, key, [r.key for r in EMG_TABLE])
    return next(r for r in EMG_TABLE if r.key == key)


def get_row(key: str) -> EmgRow:
    """The row called ``key``; a ``ValueError`` lists the valid keys."""
    return _row("key", key)


def _interval(r: EmgRow) -> tuple[float, float]:
    sd = r.sd_pct_mvic or 0.0
    return (r.mean_pct_mvic - sd, r.mean_pct_mvic + sd)


def interval(key: str) -> tuple[float, float]:
    """Mean minus and plus one SD, in % MVIC (the mean twice when no SD was reported)."""
    return _interval(get_row(key))


def overlap(key_a: str, key_b: str) -> bool:
    """True when the mean ± 1 SD ranges of two rows overlap.

    The SDs are between-subject SDs: an overlap says that people differ a lot on each exercise.
    It says nothing about whether the gap holds, shrinks or reverses within a person; that needs
    the SD or confidence interval of the paired difference (see :func:`difference_sd_range`).
    """
    a, b = _interval(_row("key_a", key_a)), _interval(_row("key_b", key_b))
    return a[0] <= b[1] and b[0] <= a[1]


def _sds(key_a: str, key_b: str) -> tuple[float, float]:
    a, b = _row("key_a", key_a), _row("key_b", key_b)
    if a.source != b.source:
        raise ValueError(f"key_a={key_a!r} ({a.source}) and key_b={key_b!r} ({b.source}) come from different "
                         "studies: a paired difference needs both values measured in the same people")
    if a.sd_pct_mvic is None or b.sd_pct_mvic is None:
        raise ValueError(f"key_a={key_a!r} or key_b={key_b!r} has no reported SD")
    return a.sd_pct_mvic, b.sd_pct_mvic


def mean_difference(key_a: str, key_b: str) -> float:
    """Mean of ``key_a`` minus mean of ``key_b``, % MVIC (a paired design's mean difference)."""
    return _row("key_a", key_a).mean_pct_mvic - _row("key_b", key_b).mean_pct_mvic


def difference_sd(key_a: str, key_b: str, correlation: float) -> float:
    """SD of the within-person difference (a - b) if a person's two values correlate by ``correlation``.

    ``sqrt(sd_a² + sd_b² - 2 r sd_a sd_b)``, for two rows of the same study. The papers do not
    report ``r``; this shows what their between-subject SDs allow.
    """
    sa, sb = _sds(key_a, key_b)
    r = check_number("correlation", correlation, -1, 1)
    return math.sqrt(max(sa * sa + sb * sb - 2 * r * sa * sb, 0.0))


def difference_sd_range(key_a: str, key_b: str) -> tuple[float, float]:
    """The lowest and highest SD of the within-person difference that the two reported SDs allow
    (correlation +1 and -1): ``(|sd_a - sd_b|, sd_a + sd_b)``."""
    return difference_sd(key_a, key_b, 1.0), difference_sd(key_a, key_b, -1.0)
