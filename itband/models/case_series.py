"""Why case series look good: runners whose pain recovers on its own, treated with nothing.

A simulation for Lesson 8. Each simulated runner's *usual* pain (0-10 numeric rating scale)
falls by itself over the weeks, and each measurement of it wobbles around that usual level:

    usual pain at week t   = usual pain at the first visit x 2 ** (-t / half_life_weeks)
    measured pain          = usual pain + a wobble (normal, SD ``wobble_sd_0_10``), kept in 0-10

Runners differ: their usual pain at the first visit is normal with mean ``mean_pain_0_10`` and
SD ``between_runner_sd_0_10``. They come to a clinic, and into a study, when their measured pain
is high: only runners whose measured pain at the first visit reaches ``entry_pain_0_10`` are
enrolled. That selection at a peak makes the enrolled runners' first score higher than their
usual pain, on average, so their next score is lower even with no recovery at all:
regression to the mean. Recovery with time adds to it.

**The natural-history curve is an assumption of this course, not a measured curve for ITBS.**
No study has followed untreated runners with ITBS week by week. The default half-life of
six weeks leaves about a third of a runner's usual pain after ten weeks; read it beside the
median time to recovery of all kinds of running injury in the Danish novice cohort
(``nielsen2014recovery-median``, all injuries, not ITBS alone) and the 2-6 months of an early
clinic series (``sutker1981-duration``). The other defaults (mean 5/10, SD 1.5 between runners,
wobble SD 1.0, entry at 6/10) are illustrative choices too.

A *treatment* lowers the measured pain at follow-up by ``treatment_effect_0_10`` (0: a useless
treatment). A *case series* treats every enrolled runner and reports the mean change from the
first visit to follow-up. A *controlled trial* allocates the enrolled runners at random, half to
the treatment and half to no treatment, and reports the difference in mean change between the
arms: time and regression to the mean change both arms alike and cancel.

Every function takes a ``seed``: the same seed gives the same runners.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..course.validate import check_int, check_number

#: The 0-10 numeric rating scale.
PAIN_SCALE = (0.0, 10.0)
#: Largest number of runners one call simulates (keeps every call quick).
MAX_RUNNERS = 200_000
#: Most runners one call may draw while filling a study (entry criteria rarer than this refuse).
_MAX_DRAWS = 20_000_000


@dataclass(frozen=True)
class NaturalHistory:
    """The assumed course of untreated pain (see the module docstring; every default is illustrative)."""

    mean_pain_0_10: float = 5.0          #: mean usual pain at the first visit
    between_runner_sd_0_10: float = 1.5  #: SD of usual pain between runners at the first visit
    wobble_sd_0_10: float = 1.0          #: SD of one measurement around the usual pain
    half_life_weeks: float = 6.0         #: weeks for usual pain to halve without treatment
    entry_pain_0_10: float | None = 6.0  #: enrol only runners who score at least this (None: everyone)

    def __post_init__(self):
        check_number("mean_pain_0_10", self.mean_pain_0_10, 0, 10, "/10")
        check_number("between_runner_sd_0_10", self.between_runner_sd_0_10, 0, 5, "/10")
        check_number("wobble_sd_0_10", self.wobble_sd_0_10, 0, 5, "/10")
        check_number("half_life_weeks", self.half_life_weeks, 0.5, 520, "weeks")
        if self.entry_pain_0_10 is not None:
            check_number("entry_pain_0_10", self.entry_pain_0_10, 0, 9, "/10")

    def usual_fraction(self, weeks: float) -> float:
        """Share of the usual pain left after ``weeks`` without treatment: ``2 ** (-weeks / half-life)``."""
        t = check_number("weeks", weeks, 0, 520, "weeks")
        return 2.0 ** (-t / self.half_life_weeks)


DEFAULT_HISTORY = NaturalHistory()


@dataclass(frozen=True)
class Study:
    """One simulated study: each enrolled runner's scores and arm."""

    before_0_10: np.ndarray     #: measured pain at the first visit (all at or above the entry score)
    after_0_10: np.ndarray      #: measured pain at follow-up (treated runners include the effect)
    untreated_after_0_10: np.ndarray  #: the follow-up score each runner would have had untreated
    treated: np.ndarray         #: True for runners in the treated arm
    follow_up_weeks: float
    treatment_effect_0_10: float
    history: NaturalHistory

    @property
    def n(self) -> int:
        return int(self.before_0_10.size)

    @property
    def change_0_10(self) -> np.ndarray:
        """Follow-up minus first visit, per runner (negative: better)."""
        return self.after_0_10 - self.before_0_10

    def mean_change(self, arm: str = "treated") -> float:
        """Mean change in the treated arm, the control arm or everyone (``"all"``)."""
        mask = {"treated": self.treated, "control": ~self.treated,
                "all": np.ones(self.n, bool)}.get(arm)
        if mask is None:
            raise ValueError(f"arm={arm!r} is not one of the allowed values: 'treated', 'control', 'all'")
        if not mask.any():
            raise ValueError(f"arm={arm!r}: this study has no runners in that arm")
        return float(self.change_0_10[mask].mean())

    def natural_change(self) -> float:
        """Mean change the treated runners would have had untreated: recovery plus regression to the mean."""
        return float((self.untreated_after_0_10 - self.before_0_10)[self.treated].mean())

    def effect_estimate(self) -> float:
        """Treated minus control mean change (a controlled trial's answer); needs both arms."""
        return self.mean_change("treated") - self.mean_change("control")

    def change_sd(self, arm: str = "treated") -> float:
        """SD of the change between runners of one arm (ddof 1)."""
        mask = self.treated if arm == "treated" else ~self.treated
        return float(self.change_0_10[mask].std(ddof=1)) if mask.sum() > 1 else float("nan")


def _check_history(history) -> NaturalHistory:
    if history is None:
        return DEFAULT_HISTORY
    if not isinstance(history, NaturalHistory):
        raise TypeError(f"history must be a NaturalHistory, got {type(history).__name__}")
    return history


def _enrol(rng: np.random.Generator, n: int, h: NaturalHistory) -> tuple[np.ndarray, np.ndarray]:
    """Usual pain and first measured score of ``n`` runners who meet the entry criterion.

    Runners are drawn in batches sized from the expected entry rate; the loop is bounded, and the
    caller has refused entry criteria that would need more than :data:`_MAX_DRAWS` draws."""
    rate = max(entry_rate(h), 1e-9)
    batch = int(min(2_000_000, max(4096, 1.25 * n / rate + 1000)))
    usual, first = [], []
    have = 0
    for _ in range(1000):
        u = np.clip(rng.normal(h.mean_pain_0_10, h.between_runner_sd_0_10, batch), *PAIN_SCALE)
        m = np.clip(u + rng.normal(0.0, h.wobble_sd_0_10, batch), *PAIN_SCALE)
        keep = m >= h.entry_pain_0_10 if h.entry_pain_0_10 is not None else np.ones(batch, bool)
        usual.append(u[keep])
        first.append(m[keep])
        have += int(keep.sum())
        if have >= n:
            return np.concatenate(usual)[:n], np.concatenate(first)[:n]
    raise ValueError(f"entry_pain_0_10={h.entry_pain_0_10:g} is reached too rarely with mean "
                     f"{h.mean_pain_0_10:g}/10 and these SDs: lower it or raise the mean")


def entry_rate(history: NaturalHistory | None = None) -> float:
    """Share of runners whose first measured score reaches the entry score (normal approximation,
    ignoring the 0-10 limits): ``1 - Phi((entry - mean) / sqrt(sd_between**2 + sd_wobble**2))``."""
    h = _check_history(history)
    if h.entry_pain_0_10 is None:
        return 1.0
    sd = math.hypot(h.between_runner_sd_0_10, h.wobble_sd_0_10)
    if sd == 0:
        return 1.0 if h.mean_pain_0_10 >= h.entry_pain_0_10 else 0.0
    z = (h.entry_pain_0_10 - h.mean_pain_0_10) / sd
    return 0.5 * math.erfc(z / math.sqrt(2))


def simulate(n_runners: int, follow_up_weeks: float = 6.0, treatment_effect_0_10: float = 0.0,
             controlled: bool = False, history: NaturalHistory | None = None, seed: int = 0) -> Study:
    """Simulate one study of ``n_runners`` enrolled runners.

    ``controlled=False``: a case series, every runner treated. ``controlled=True``: a randomised
    trial, half the runners (rounded down) treated and the rest untreated (needs at least 2).
    ``treatment_effect_0_10`` (0-5) is how much the treatment lowers pain at follow-up.
    """
    n = check_int("n_runners", n_runners, 1, MAX_RUNNERS)
    weeks = check_number("follow_up_weeks", follow_up_weeks, 0, 104, "weeks")
    effect = check_number("treatment_effect_0_10", treatment_effect_0_10, 0, 5, "/10")
    if not isinstance(controlled, bool):
        raise TypeError(f"controlled must be True or False, got {controlled!r}")
    if controlled and n < 2:
        raise ValueError(f"n_runners={n} is too few for a controlled trial: at least 2 are needed")
    seed = check_int("seed", seed, 0, 2**32 - 1)
    h = _check_history(history)
    if n / max(entry_rate(h), 1e-12) > _MAX_DRAWS:
        raise ValueError(f"entry_pain_0_10={h.entry_pain_0_10:g} is reached by too few runners "
                         f"(about {entry_rate(h):.2g} of them) to enrol n_runners={n}: "
                         "lower it, raise the mean or enrol fewer runners")
    rng = np.random.default_rng(seed)
    usual, before = _enrol(rng, n, h)
    usual_later = usual * h.usual_fraction(weeks)
    untreated_after = np.clip(usual_later + rng.normal(0.0, h.wobble_sd_0_10, n), *PAIN_SCALE)
    treated = np.ones(n, bool)
    if controlled:
        treated = np.zeros(n, bool)
        treated[rng.permutation(n)[: n // 2]] = True
    after = np.where(treated, np.clip(untreated_after - effect, *PAIN_SCALE), untreated_after)
    return Study(before, after, untreated_after, treated, weeks, effect, h)


def natural_change(follow_up_weeks: float = 6.0, history: NaturalHistory | None = None,
                   n_runners: int = MAX_RUNNERS, seed: int = 12345) -> float:
    """The expected mean change of an untreated enrolled runner (recovery + regression to the mean),
    estimated from ``n_runners`` simulated runners (Monte-Carlo error about 1.5/sqrt(n), 0.003 at the default)."""
    return simulate(n_runners, follow_up_weeks, 0.0, False, history, seed).natural_change()


def regression_share(follow_up_weeks: float = 6.0, history: NaturalHistory | None = None,
                     seed: int = 12345) -> float:
    """Share (0-1) of the untreated change that is regression to the mean rather than recovery.

    With no recovery at all (follow-up at week 0) the whole change is regression to the mean;
    the recovery part is the change of the *usual* pain, ``usual x (fraction left - 1)``.
    """
    h = _check_history(history)
    total = natural_change(follow_up_weeks, h, seed=seed)
    regression = natural_change(0.0, h, seed=seed)
    if total == 0:
        return 0.0
    return min(1.0, max(0.0, regression / total))


@dataclass(frozen=True)
class Spread:
    """What repeated studies of one size show: the middle 95 % of their answers."""

    n_runners: int
    mean: float
    low: float       #: 2.5th percentile
    high: float      #: 97.5th percentile


def repeat_studies(n_runners: int, n_studies: int = 200, follow_up_weeks: float = 6.0,
                   treatment_effect_0_10: float = 0.0, controlled: bool = False,
                   history: NaturalHistory | None = None, seed: int = 0) -> Spread:
    """Run ``n_studies`` studies of ``n_runners`` each and summarise their answers: the mean change
    of a case series, or the effect estimate of a controlled trial."""
    n = check_int("n_runners", n_runners, 2 if controlled else 1, 5000)
    k = check_int("n_studies", n_studies, 10, 2000)
    seed = check_int("seed", seed, 0, (2**32 - 1 - k) // 100_003)  # each study's seed stays a valid seed
    answers = np.empty(k)
    for i in range(k):
        s = simulate(n, follow_up_weeks, treatment_effect_0_10, controlled, history, seed * 100_003 + i)
        answers[i] = s.effect_estimate() if controlled else s.mean_change()
    lo, hi = np.percentile(answers, [2.5, 97.5])
    return Spread(n, float(answers.mean()), float(lo), float(hi))
