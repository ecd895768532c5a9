"""The 28 measured runners' clinical measures: Ober test and hip abduction strength, with injury history.

The rows come from the metadata of the public dataset of Fukuchi, Fukuchi & Duarte (2017, *PeerJ*
5:e3298, CC BY 4.0), read by :func:`itband.models.measured_gait.runners`. The dataset records, for
each leg, an Ober test value (``ROber``/``LOber``) and a hip abduction strength value
(``RHIPABD``/``LHIPABD``). The columns carry no units, and the course could not read the paper's
methods to check them (the evidence registry marks both units unverified), so this module keeps the
values as recorded and names them "as recorded".

Injury history is the runners' own report (``Injury``, ``InjuryLoc``, ``Diagnostic``). A knee injury
here is a reported location that names the knee or the patella. Nothing in this module diagnoses
anyone; it counts what was written down.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..course.validate import check_choice
from . import measured_gait

#: The measures the lessons show: key -> (right column, left column, label).
MEASURES = {
    "ober": ("ROber", "LOber", "Ober test (as recorded)"),
    "hip_abduction": ("RHIPABD", "LHIPABD", "Hip abduction strength (as recorded)"),
}
#: Words of ``InjuryLoc`` that make a reported injury a knee injury.
KNEE_WORDS = ("knee", "patela", "patella")
#: How runners can be grouped.
GROUPINGS = ("none", "any_injury", "knee_injury")


@dataclass(frozen=True)
class Runner:
    """One runner's clinical measures (values as recorded; NaN where blank) and reported history."""

    subject: int
    ober_right: float
    ober_left: float
    hip_abduction_right: float
    hip_abduction_left: float
    injured: bool
    injury_location: str
    diagnostic: str

    @property
    def knee_injury(self) -> bool:
        """Whether the reported injury's location names the knee or the patella."""
        where = self.injury_location.lower()
        return self.injured and any(word in where for word in KNEE_WORDS)

    def value(self, measure: str, side: str) -> float:
        """The runner's ``measure`` (a key of :data:`MEASURES`) on ``side`` ("R" or "L")."""
        check_choice("measure", measure, list(MEASURES))
        check_choice("side", side, ("R", "L"))
        return getattr(self, f"{measure}_{'right' if side == 'R' else 'left'}")


def _float(text: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def runners() -> list[Runner]:
    """The 28 runners, in the order of the dataset's metadata."""
    rows = measured_gait.runners()
    return [Runner(subject=int(r["Subject"]),
                   ober_right=_float(r["ROber"]), ober_left=_float(r["LOber"]),
                   hip_abduction_right=_float(r["RHIPABD"]), hip_abduction_left=_float(r["LHIPABD"]),
                   injured=r["Injury"].strip().lower() == "yes",
                   injury_location=r["InjuryLoc"].strip(), diagnostic=r["Diagnostic"].strip())
            for r in rows]


def in_group(runner: Runner, grouping: str) -> bool:
    """Whether ``runner`` falls in the marked group of ``grouping`` (a value of :data:`GROUPINGS`)."""
    if not isinstance(runner, Runner):
        raise TypeError(f"runner={runner!r} must be a Runner from measured_runners.runners()")
    check_choice("grouping", grouping, GROUPINGS)
    if grouping == "none":
        return False
    return runner.injured if grouping == "any_injury" else runner.knee_injury


@dataclass(frozen=True)
class Summary:
    """Mean, SD (n - 1; NaN for one value), minimum, maximum and n of a set of values."""

    n: int
    mean: float
    sd: float
    lo: float
    hi: float


def summarise(values) -> Summary:
    """:class:`Summary` of the finite ``values``; ``ValueError`` if there are none."""
    arr = np.asarray([v for v in values if math.isfinite(v)], dtype=float)
    if arr.size == 0:
        raise ValueError(f"values={list(values)!r} holds no finite number to summarise")
    sd = float(arr.std(ddof=1)) if arr.size > 1 else math.nan
    return Summary(int(arr.size), float(arr.mean()), sd, float(arr.min()), float(arr.max()))


def group_summaries(measure: str, side: str = "R", grouping: str = "knee_injury") -> dict[str, Summary]:
    """Summaries of ``measure`` on ``side`` for the runners in and out of ``grouping``'s group
    (keys ``"in"`` and ``"out"``; with ``grouping="none"`` only ``"all"``)."""
    check_choice("measure", measure, list(MEASURES))
    check_choice("side", side, ("R", "L"))
    check_choice("grouping", grouping, GROUPINGS)
    rows = runners()
    if grouping == "none":
        return {"all": summarise([r.value(measure, side) for r in rows])}
    return {"in": summarise([r.value(measure, side) for r in rows if in_group(r, grouping)]),
            "out": summarise([r.value(measure, side) for r in rows if not in_group(r, grouping)])}


def reported_itbs() -> list[Runner]:
    """Runners whose self-reported ``Diagnostic`` names iliotibial band syndrome."""
    return [r for r in runners() if "iliotibial" in r.diagnostic.lower()]
