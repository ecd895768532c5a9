"""How many times a week the knee is loaded through the impingement zone: an exposure count.

The arithmetic (no fitted constants)::

    step length (m)               L = speed (m/s) / (cadence (steps/min) / 60)
    steps per km (both legs)        = 1000 / L
    foot contacts per leg per km    = 500 / L
    contacts per leg per week       = weekly distance (km) x 500 / L

    loaded zone passes per week     = contacts per leg per week x ZONE_PASSES_PER_CONTACT (2)

Cadence counts steps of BOTH feet per minute (the usual "steps per minute");
one leg makes half of them. The impingement zone (:data:`itband.models.constants.IMPINGEMENT_ZONE_DEG`,
where the band presses on the lateral femoral epicondyle; Orchard et al. 1996)
is passed TWICE in each stance, both times under load: once as the knee bends
after foot strike, and again as it straightens before toe-off. The measured runners
of :func:`itband.models.gait.cohort_summary` (Fukuchi, Fukuchi & Duarte 2017) all enter
the zone twice in every stance, so :data:`ZONE_PASSES_PER_CONTACT` is what the data give.
Both passes are counted, because the band is loaded in both: its strain was greater in late
stance than in early stance in one laboratory study (Tomiyama et al. 2016), and
greater at mid-support in the runners who went on to develop ITBS (Hamill et al.
2008). The passes the knee makes through the same angles UNLOADED in swing are
not counted (:mod:`itband.models.gait` finds every crossing).

It is an exposure count, not an injury prediction. More passes a week means
more repetitions of the loading that the mechanism stories blame; it does not
say that any runner will or will not be injured, nor at what count. Load per
contact also matters: raising cadence by 5-10 % adds contacts per km but lowers
knee energy absorption per contact (Heiderscheit et al. 2011), and it also
changes where in the zone each stance is spent (:mod:`itband.models.gait`).
Weekly mileage was one of the two measures (with maximum braking force) that
best told ITBS runners from controls in one retrospective comparison (Messier
et al. 1995): an association, not proof that cutting mileage prevents ITBS.

Public API (kept stable; Lesson 6 imports it too):

* :func:`weekly_exposure` -> :class:`WeeklyExposure` (counts per leg per week)
* :func:`pace_to_speed_kmh`, :func:`speed_to_pace_min_per_km`
* :func:`with_changes` (the same runner after cutting mileage, dropping run days
  or raising cadence) and :func:`scenarios` (the standard set of such changes)
* :func:`loaded_zone_time`: the week's loaded time in the zone, for each measured runner's
  share of stance in the zone
The figure is :func:`itband.figures.exposure.draw_weekly_exposure`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..course.validate import check_int, check_number, check_positive
from . import gait

#: Speeds the model accepts, km/h: a slow walk (3 km/h) to fast running (25 km/h).
SPEED_RANGE_KMH = (3.0, 25.0)
#: Cadences the model accepts, steps per minute (both feet): slow walking to sprinting.
CADENCE_RANGE_SPM = (60.0, 240.0)
#: Weekly distances the model accepts, km.
DISTANCE_RANGE_KM = (0.0, 300.0)
#: Pace range matching :data:`SPEED_RANGE_KMH`, minutes per km.
PACE_RANGE_MIN_PER_KM = (60.0 / SPEED_RANGE_KMH[1], 60.0 / SPEED_RANGE_KMH[0])
#: Loaded passes through the impingement zone counted per foot contact: one as the knee bends
#: after foot strike, one as it straightens before toe-off (the swing passes are unloaded).
ZONE_PASSES_PER_CONTACT = 2

EXPOSURE_NOTE = ("An exposure count, not an injury prediction: it counts repetitions, "
                 "not the load of each one or the tissue's capacity.")


@dataclass(frozen=True)
class WeeklyExposure:
    """One runner's week as counts. Every count is PER LEG unless its name says both legs.

    Attributes
    ----------
    weekly_distance_km, speed_kmh, cadence_spm, run_days_per_week
        The inputs (cadence in steps per minute, both feet).
    step_length_m
        Distance covered by one step (foot contact to the other foot's contact), m.
    steps_per_km
        Steps of both feet per km.
    contacts_per_leg_per_km
        Foot contacts of one leg per km (half of ``steps_per_km``).
    contacts_per_leg_per_week
        Foot contacts of one leg per week.
    contacts_per_leg_per_run
        Foot contacts of one leg in one run, the week's distance shared evenly over the run days.
    zone_passes_per_leg_per_week
        Loaded passes of one knee through the impingement zone per week
        (``ZONE_PASSES_PER_CONTACT`` per foot contact: bending after foot strike
        and straightening before toe-off).
    running_minutes_per_week
        Time spent running per week, minutes.
    """

    weekly_distance_km: float
    speed_kmh: float
    cadence_spm: float
    run_days_per_week: int
    step_length_m: float
    steps_per_km: float
    contacts_per_leg_per_km: float
    contacts_per_leg_per_week: float
    contacts_per_leg_per_run: float
    zone_passes_per_leg_per_week: float
    running_minutes_per_week: float

    @property
    def rest_days_per_week(self) -> int:
        """Days of the week without a run."""
        return 7 - self.run_days_per_week

    @property
    def steps_per_week(self) -> float:
        """Steps of both feet per week."""
        return 2.0 * self.contacts_per_leg_per_week


def pace_to_speed_kmh(pace_min_per_km: float) -> float:
    """Speed in km/h from a pace in minutes per km (5.0 min/km -> 12.0 km/h).

    Raises ``ValueError`` for a pace outside :data:`PACE_RANGE_MIN_PER_KM`.
    """
    lo, hi = PACE_RANGE_MIN_PER_KM
    pace = check_number("pace_min_per_km", pace_min_per_km, round(lo, 2), round(hi, 2), "min/km")
    return 60.0 / pace


def speed_to_pace_min_per_km(speed_kmh: float) -> float:
    """Pace in minutes per km from a speed in km/h (12 km/h -> 5.0 min/km)."""
    speed = check_number("speed_kmh", speed_kmh, *SPEED_RANGE_KMH, "km/h")
    return 60.0 / speed


def step_length_m(speed_kmh: float, cadence_spm: float) -> float:
    """Step length in m from speed (km/h) and cadence (steps/min, both feet).

    ``L = v / (f / 60)`` with v in m/s: 10.8 km/h (3.0 m/s) at 170 steps/min -> 1.06 m.
    """
    speed = check_number("speed_kmh", speed_kmh, *SPEED_RANGE_KMH, "km/h")
    cadence = _check_cadence(cadence_spm)
    return (speed / 3.6) / (cadence / 60.0)


def _check_cadence(cadence_spm) -> float:
    check_positive("cadence_spm", cadence_spm, "steps/min")
    return check_number("cadence_spm", cadence_spm, *CADENCE_RANGE_SPM, "steps/min")


def weekly_exposure(weekly_distance_km: float, speed_kmh: float, cadence_spm: float,
                    run_days_per_week: int = 4) -> WeeklyExposure:
    """Count one runner's weekly foot contacts and loaded zone passes, per leg.

    Parameters
    ----------
    weekly_distance_km
        Distance run per week, km, in ``DISTANCE_RANGE_KM`` (0 to 300).
    speed_kmh
        Average running speed, km/h, in ``SPEED_RANGE_KMH`` (3 to 25). For a pace
        use :func:`pace_to_speed_kmh` (5 min/km = 12 km/h).
    cadence_spm
        Steps per minute of both feet, in ``CADENCE_RANGE_SPM`` (60 to 240);
        recreational runners often run at about 160-170.
    run_days_per_week
        Days with a run, 1 to 7 (the rest are rest days).

    Returns
    -------
    WeeklyExposure
        Frozen dataclass; e.g. 30 km at 10.8 km/h and 170 steps/min gives a step
        of 1.059 m, 472 contacts per leg per km, 14,167 contacts per leg per week
        and 28,333 loaded zone passes per leg per week.

    It is an exposure count, not an injury prediction (see the module docstring).
    """
    distance = check_number("weekly_distance_km", weekly_distance_km, *DISTANCE_RANGE_KM, "km")
    speed = check_number("speed_kmh", speed_kmh, *SPEED_RANGE_KMH, "km/h")
    cadence = _check_cadence(cadence_spm)
    days = check_int("run_days_per_week", run_days_per_week, 1, 7, "days")
    step = step_length_m(speed, cadence)
    per_leg_per_km = 500.0 / step
    per_week = distance * per_leg_per_km
    return WeeklyExposure(
        weekly_distance_km=distance,
        speed_kmh=speed,
        cadence_spm=cadence,
        run_days_per_week=days,
        step_length_m=step,
        steps_per_km=2.0 * per_leg_per_km,
        contacts_per_leg_per_km=per_leg_per_km,
        contacts_per_leg_per_week=per_week,
        contacts_per_leg_per_run=per_week / days,
        zone_passes_per_leg_per_week=ZONE_PASSES_PER_CONTACT * per_week,
        running_minutes_per_week=distance / speed * 60.0,
    )


def with_changes(base: WeeklyExposure, *, mileage_change_pct: float = 0.0,
                 fewer_run_days: int = 0, cadence_change_pct: float = 0.0,
                 keep_distance: bool = False) -> WeeklyExposure:
    """The same runner after a change to the week.

    Parameters
    ----------
    base
        The week before the change (from :func:`weekly_exposure`).
    mileage_change_pct
        Change of weekly distance in percent, -100 to +100 (-20 = run 20 % less).
    fewer_run_days
        Run days turned into rest days, 0 to ``run_days_per_week - 1``. Unless
        ``keep_distance``, those days' distance is dropped (the usual advice: take
        a few days off); with ``keep_distance`` it is spread over the other days,
        which leaves the weekly count unchanged and makes each run longer.
    cadence_change_pct
        Change of cadence in percent at the same speed, -20 to +20 (+5 and +10 are
        the steps Heiderscheit et al. 2011 tested). More steps per km, each shorter
        and with less knee energy absorption: the count rises while load per
        contact falls.
    """
    if not isinstance(base, WeeklyExposure):
        raise ValueError(f"base={base!r} is not a WeeklyExposure; make one with weekly_exposure()")
    if not isinstance(keep_distance, bool):
        raise ValueError(f"keep_distance={keep_distance!r} is not True or False")
    mileage = check_number("mileage_change_pct", mileage_change_pct, -100, 100, "%")
    cut = check_int("fewer_run_days", fewer_run_days, 0, base.run_days_per_week - 1, "days")
    cad = check_number("cadence_change_pct", cadence_change_pct, -20, 20, "%")
    days = base.run_days_per_week - cut
    distance = base.weekly_distance_km * (1 + mileage / 100.0)
    if not keep_distance:
        distance *= days / base.run_days_per_week
    cadence = base.cadence_spm * (1 + cad / 100.0)
    return weekly_exposure(distance, base.speed_kmh, cadence, days)


#: The standard changes compared in the lessons: (label, keyword arguments of :func:`with_changes`).
SCENARIOS = (
    ("As now", {}),
    ("10 % less distance", {"mileage_change_pct": -10}),
    ("25 % less distance", {"mileage_change_pct": -25}),
    ("One run day off", {"fewer_run_days": 1}),
    ("Cadence +5 %", {"cadence_change_pct": 5}),
    ("Cadence +10 %", {"cadence_change_pct": 10}),
)


def scenarios(weekly_distance_km: float, speed_kmh: float, cadence_spm: float,
              run_days_per_week: int = 4) -> list[tuple[str, WeeklyExposure]]:
    """The week as now and after each change in :data:`SCENARIOS`, as ``(label, WeeklyExposure)``.

    "One run day off" needs at least two run days; with one it is left out.
    """
    base = weekly_exposure(weekly_distance_km, speed_kmh, cadence_spm, run_days_per_week)
    out = []
    for label, kwargs in SCENARIOS:
        if kwargs.get("fewer_run_days", 0) >= base.run_days_per_week:
            continue
        out.append((label, with_changes(base, **kwargs)))
    return out


@dataclass(frozen=True)
class ZoneTime:
    """A week's loaded time in the zone for one knee, with each measured runner's stance.

    ``minutes_per_week`` has one value per runner of :func:`itband.models.gait.cohort_band`:
    contacts per leg per week x stance time per contact x that runner's share of stance in the
    zone. Stance time per contact is the stride time (two steps, ``120 / cadence`` s) times the
    measured stance share of the stride (:data:`itband.models.gait.MEASURED_STANCE_END_PCT`).
    """

    stance_time_s: float
    minutes_per_week: np.ndarray
    passes_per_week: np.ndarray

    @property
    def spread(self) -> tuple[float, float, float, float]:
        """Mean, SD, minimum and maximum of ``minutes_per_week`` over the runners."""
        return gait.mg.spread(self.minutes_per_week)


def loaded_zone_time(week: WeeklyExposure) -> ZoneTime:
    """Loaded minutes in the zone per week for ``week``, one value per measured runner.

    The measured stance shares are those of 2.5 m/s (9 km/h); the stance share of the stride
    shortens when running faster (about 40 % to 32 % from 2.5 to 4.5 m/s in the two runners
    measured at three speeds), so at higher speeds this overstates the time a little.
    """
    if not isinstance(week, WeeklyExposure):
        raise ValueError(f"week={week!r} is not a WeeklyExposure; make one with weekly_exposure()")
    stats = gait._cohort_stats()
    shares = np.array([s.stance_share for s in stats.values()])
    entries = np.array([s.entries for s in stats.values()], dtype=float)
    stance_s = 120.0 / week.cadence_spm * gait.MEASURED_STANCE_END_PCT / 100.0
    minutes = week.contacts_per_leg_per_week * stance_s * shares / 60.0
    return ZoneTime(stance_s, minutes, week.contacts_per_leg_per_week * entries)
