"""Preventing a relapse of iliotibial band syndrome: load, a warm-up walk, shoes, cadence, slopes.

The load numbers reuse Lesson 2's exposure model (:mod:`itband.models.exposure`): cutting
mileage or adding rest days is :func:`itband.models.exposure.with_changes`, not a second copy
of the arithmetic. Counts are exposure, not injury risk. The figures are in
:mod:`itband.figures.prevention`.

What is cited and what is the course's own:

* Weekly mileage was one of the two measures that best separated runners with ITBS from
  uninjured runners in one retrospective case-control comparison (Messier et al. 1995): an
  association, not a test of cutting mileage.
* Downhill running at -9 degrees raised the impact peak of the ground reaction force and the
  braking peak (Gottschall & Kram 2005, 10 runners at 3 m/s; registry
  ``gottschall2005-impact-peak-minus9`` and ``-braking-peak-minus9``). That band strain rises
  downhill rests on one conference paper (Robertz et al. 2022).
* Worn-out shoes, cambered roads and downhill running are on an expert list of risk factors
  (BMJ Best Practice), with no trial behind them.
* The walk before a run is the 400-800 m that popular advice recommends, taken at an easy
  1.3 m/s and 110 steps/min: typical normal-walking values, chosen for illustration; the
  runner of the load figures is an example. Neither is from a study.
"""
from __future__ import annotations

from ..course import evidence
from ..course.validate import check_int, check_number
from . import exposure

#: The runner of the load figures (an example): 30 km a week at 10 km/h, 165 steps/min, 4 run days.
BASE_RUNNER = dict(weekly_distance_km=30.0, speed_kmh=10.0, cadence_spm=165.0, run_days_per_week=4)
#: Walking before a run: speed (km/h, 1.3 m/s) and cadence (steps/min) of an easy walk (illustrative).
WALK_SPEED_KMH = 4.68
WALK_CADENCE_SPM = 110.0
#: The warm-up walk of the popular advice, a quarter to half a mile, in metres.
WARM_UP_WALK_M = (400.0, 800.0)
#: Cadence changes of the cadence figure, % (the increases Heiderscheit et al. 2011 tested).
CADENCE_CHANGES_PCT = (0.0,) + tuple(float(x) for x in evidence.fact("heiderscheit2011-step-rate-increases").range)
#: Downhill running vs level (Gottschall & Kram 2005): the slope (degrees), the speed (m/s) and
#: the rise of the impact and braking peaks (% above level running).
DOWNHILL_SLOPE_DEG = evidence.value("gottschall2005-conditions")
DOWNHILL_SPEED_MPS = evidence.value("gottschall2005-speed")
DOWNHILL_IMPACT_RISE_PCT = evidence.value("gottschall2005-impact-peak-minus9")
DOWNHILL_BRAKING_RISE_PCT = evidence.value("gottschall2005-braking-peak-minus9")
#: Shoe states of the wear drawing, and how far each leans out on a flat table (degrees; drawn
#: for illustration).
SHOE_STATES = ("new", "even wear", "worn along the outer edge")
SHOE_TILT_DEG = {"new": 0.0, "even wear": 0.0, "worn along the outer edge": 7.0}


def mileage_cut_exposure(mileage_cut_pct: float = 20.0, fewer_run_days: int = 0,
                         **runner) -> tuple[exposure.WeeklyExposure, exposure.WeeklyExposure]:
    """The week before and after cutting distance by ``mileage_cut_pct`` % (0-100) and resting
    ``fewer_run_days`` more days (0 to run days - 1).

    Computed by Lesson 2's model: ``exposure.weekly_exposure`` then
    ``exposure.with_changes(mileage_change_pct=-cut, fewer_run_days=days)`` (dropped run days
    take their distance with them). ``runner`` overrides :data:`BASE_RUNNER`.
    """
    cut = check_number("mileage_cut_pct", mileage_cut_pct, 0, 100, "%")
    args = {**BASE_RUNNER, **runner}
    before = exposure.weekly_exposure(**args)
    days = check_int("fewer_run_days", fewer_run_days, 0, before.run_days_per_week - 1, "days")
    after = exposure.with_changes(before, mileage_change_pct=-cut, fewer_run_days=days)
    return before, after


def exposure_reduction_pct(mileage_cut_pct: float = 20.0, fewer_run_days: int = 0, **runner) -> float:
    """How much the weekly loaded zone passes fall, in % (Lesson 2's model)."""
    before, after = mileage_cut_exposure(mileage_cut_pct, fewer_run_days, **runner)
    if before.zone_passes_per_leg_per_week == 0:
        return 0.0
    return (1.0 - after.zone_passes_per_leg_per_week / before.zone_passes_per_leg_per_week) * 100.0


def warm_up_walk(distance_m: float) -> dict:
    """Minutes and steps of a warm-up walk of ``distance_m`` metres (50-2000) at an easy pace.

    Steps come from Lesson 2's step arithmetic at :data:`WALK_SPEED_KMH` and
    :data:`WALK_CADENCE_SPM`: 400 m at 1.3 m/s takes 400 / 1.3 = 308 s (5.1 min), and a step of
    1.3 / (110 / 60) = 0.709 m makes 564 steps.
    """
    d = check_number("distance_m", distance_m, 50, 2000, "m")
    ex = exposure.weekly_exposure(d / 1000.0, WALK_SPEED_KMH, WALK_CADENCE_SPM, 1)
    return {"distance_m": d, "minutes": ex.running_minutes_per_week, "steps": ex.steps_per_week,
            "step_length_m": ex.step_length_m}


def cadence_rows() -> list[tuple[float, exposure.WeeklyExposure]]:
    """The example runner at her cadence and at each increase of :data:`CADENCE_CHANGES_PCT`."""
    base = exposure.weekly_exposure(**BASE_RUNNER)
    return [(p, exposure.with_changes(base, cadence_change_pct=p)) for p in CADENCE_CHANGES_PCT]
