"""An ILLUSTRATIVE model of how the pain of iliotibial band syndrome comes on earlier, or later, week by week
(the chart is :mod:`itband.figures.symptoms`).

What it encodes (qualitative clinical observations, not fitted data):

1. The pain starts at a fairly reproducible time or distance into a run
   (clinical descriptions: BMJ Best Practice, ``bmjbp2018itbs``; Medscape, Karageanes 2022, ``karageanes2022``).
2. If training goes on unchanged, the pain starts earlier in each run, and in
   advanced cases walking and stairs hurt too (the same sources).
3. Running load matters: weekly mileage was one of the two measures that best
   told runners with ITBS from uninjured runners in one retrospective comparison
   (Messier et al. 1995, ``messier1995-discriminators``), and expert reviews put
   cutting the load first (Fredericson & Weir 2006). No trial has tested a load
   cut on its own.
4. It can last weeks to months: in one clinic series symptoms often persisted
   2-6 months (Sutker, Jackson & Pagliano 1981, ``sutker1981-duration``); the median
   time to recovery of all running injuries in novices was 71 days among those who
   recovered (Nielsen et al. 2014, ``nielsen2014recovery-median``).

The model: the minutes into a run at which pain starts, ``onset``, is
multiplied each week by a factor that depends on the weekly running load
compared with the load when the pain began (percent, negative = a cut, kept
every week):

    factor = 1 + SENSITIVITY * (BREAK_EVEN_LOAD_CHANGE_PCT - load_change_pct) / 100

so with no change the onset moves earlier, and with a big enough cut it moves
later. The onset is kept between ``FLOOR_MIN`` (pain from the first minutes,
as in advanced cases) and the length of the run (beyond that, the run is pain
free). ``SENSITIVITY`` and ``BREAK_EVEN_LOAD_CHANGE_PCT`` are chosen for
illustration; no study measured them. Read the shapes, not the numbers.
"""
from __future__ import annotations

import numpy as np

from ..course.validate import check_int, check_number

#: Change in weekly load (percent) at which the onset neither moves earlier nor later (illustrative).
BREAK_EVEN_LOAD_CHANGE_PCT = -20.0
#: Fraction of the gap to break-even by which the onset moves per week, per 100 % (illustrative).
SENSITIVITY = 0.5
#: Shortest onset the model allows: pain from the first minutes of a run (minutes).
FLOOR_MIN = 1.0

LOAD_CHANGE_RANGE_PCT = (-60.0, 30.0)


def weekly_factor(load_change_pct: float) -> float:
    """Multiplier applied to the pain-onset time each week for this change in weekly load (percent).

    Below 1: pain comes on earlier next week; above 1: later. Equals 1 at
    :data:`BREAK_EVEN_LOAD_CHANGE_PCT`.
    """
    load = check_number("load_change_pct", load_change_pct, *LOAD_CHANGE_RANGE_PCT, "%")
    return 1.0 + SENSITIVITY * (BREAK_EVEN_LOAD_CHANGE_PCT - load) / 100.0


def onset_minutes(load_change_pct: float, weeks: int = 8, start_onset_min: float = 20.0,
                  run_length_min: float = 40.0) -> np.ndarray:
    """Minutes into a run at which pain starts, for weeks 0..``weeks``.

    Parameters
    ----------
    load_change_pct
        Weekly running load compared with the load when the pain began, in
        percent, kept every week (0 = unchanged; -30 = running 30 % less each
        week; +10 = 10 % more). Allowed -60 to 30.
    weeks
        Number of weeks to follow (1 to 26).
    start_onset_min
        Minutes into the run at which pain starts at week 0 (1 to ``run_length_min``).
    run_length_min
        Length of the usual run in minutes (5 to 180). An onset at the run's
        length means a pain-free run.

    Returns an array of ``weeks + 1`` onset times in minutes, each between
    :data:`FLOOR_MIN` and ``run_length_min``.
    """
    factor = weekly_factor(load_change_pct)
    weeks = check_int("weeks", weeks, 1, 26, "weeks")
    run_length_min = check_number("run_length_min", run_length_min, 5, 180, "min")
    start = check_number("start_onset_min", start_onset_min, FLOOR_MIN, run_length_min, "min")
    out = np.empty(weeks + 1)
    out[0] = start
    for w in range(1, weeks + 1):
        out[w] = min(max(out[w - 1] * factor, FLOOR_MIN), run_length_min)
    return out


def weeks_to_pain_free(load_change_pct: float, start_onset_min: float = 20.0,
                       run_length_min: float = 40.0, max_weeks: int = 26) -> int | None:
    """First week at which the whole run is pain free under this load change, or ``None`` within ``max_weeks``."""
    max_weeks = check_int("max_weeks", max_weeks, 1, 26, "weeks")
    onset = onset_minutes(load_change_pct, max_weeks, start_onset_min, run_length_min)
    hits = np.nonzero(onset >= run_length_min)[0]
    return int(hits[0]) if hits.size else None
