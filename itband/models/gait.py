"""Knee flexion over one stride, and how much of it falls in the impingement zone.

LEVEL RUNNING IS MEASURED: the stance curves of 23 healthy runners at 2.5 m/s, and of two
runners at 2.5, 3.5 and 4.5 m/s, from the public dataset of Fukuchi, Fukuchi & Duarte (2017,
CC BY 4.0; read by :mod:`itband.models.measured_gait`). :func:`cohort_band`,
:func:`cohort_summary`, :func:`speed_rows` and :func:`measured_cadence` work on them.

Where the dataset has no curve (walking, downhill running), the illustrative curves below remain.

A stride runs from one foot strike to the next strike of the SAME foot
(0-100 %). Stance (foot on the ground, the knee loaded) comes first, then
swing. The curve is drawn through a few key angles with a shape-preserving
(monotone cubic, Fritsch-Carlson) interpolation, so it never overshoots them.

THE ILLUSTRATIVE CURVES (:data:`GAITS`, :func:`knee_curve`) are teaching shapes through the key
angles below, not any runner's measurement. Cited values come from the evidence registry
(:mod:`itband.course.evidence`); the rest are the course's own round numbers.

========================  ==============================================================
key point                 value and basis (cited numbers are registry facts, named here)
========================  ==============================================================
downhill (9 % gradient)   ``pigos2006-footstrike-downhill`` and ``pigos2006-peak-stance-downhill``;
                          one conference paper finds MORE flexion at foot strike downhill
                          (``robertz2022-downhill``)
downhill, toe-off, swing  about 20 at toe-off, about 90 peak swing: APPROXIMATE teaching values
walking                   about 3 at heel contact, 18 in loading, 38 at toe-off, 62 in swing
                          (normal-gait teaching values, approximate)
stance share, timing      downhill about 40 % of the stride, walking about 60 % (APPROXIMATE
                          teaching values; measured level runners: :data:`MEASURED_STANCE_END_PCT`)
higher cadence            the CHANGES from the preferred step rate that Heiderscheit et al. 2011
                          measured at +5 % and +10 % (Table 3: ``heiderscheit2011-ic-knee-flexion*``
                          and ``heiderscheit2011-peak-knee-flexion*``), added to each MEASURED
                          runner's stance (:func:`measured_cadence`) or to the illustrative downhill
                          curve. The stance share is kept (the table gives none).
========================  ==============================================================

The impingement zone is :data:`itband.models.constants.IMPINGEMENT_ZONE_DEG`
(20-30 degrees, Orchard's zone as Ferber et al. 2010 state it).

**The knee passes through the zone twice in each running stance**: bending after foot
strike, and straightening again before toe-off. Both passes are loaded. In the measured
runners every stance enters the zone twice (:func:`cohort_summary`);
:data:`itband.models.exposure.ZONE_PASSES_PER_CONTACT` counts both.

Angles are in degrees, speeds in km/h, cadence changes in percent and shares
as fractions 0-1.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..course import evidence
from ..course.validate import check_choice, check_number
from . import measured_gait as mg
from .constants import IMPINGEMENT_ZONE_DEG

#: Foot-strike angles (degrees) a reader may set.
FOOT_STRIKE_RANGE_DEG = (0.0, 45.0)
#: Samples per stride used for shares and plots (every 0.1 % of the stride).
SAMPLES = 1001
#: Cadence (step-rate) changes the model accepts, percent at the same speed: the range measured
#: by Heiderscheit et al. 2011 above the preferred rate (0 to +10 %).
CADENCE_CHANGE_RANGE_PCT = (0.0, 10.0)


@dataclass(frozen=True)
class GaitPattern:
    """Typical key angles (degrees) and timing of one gait; see the module table for the basis.

    Timing values are fractions of the stride; ``stance_fraction`` and
    ``peak_swing_deg`` are given at both ends of ``speed_range_kmh`` and
    interpolated linearly in between. ``basis`` says in a few words what the
    curve rests on (every curve is illustrative).
    """

    label: str
    speed_range_kmh: tuple[float, float]
    typical_speed_kmh: float
    foot_strike_deg: float
    peak_stance_deg: float
    toe_off_deg: float
    peak_swing_deg: tuple[float, float]
    stance_fraction: tuple[float, float]
    basis: str
    mid_stance_deg: float | None = None  # walking only: the knee straightens again in mid-stance
    running: bool = True


GAITS: dict[str, GaitPattern] = {
    "walk": GaitPattern("Walk", (3.0, 7.0), 5.0, foot_strike_deg=3.0, peak_stance_deg=18.0,
                        toe_off_deg=38.0, peak_swing_deg=(60.0, 65.0), stance_fraction=(0.63, 0.58),
                        basis="illustrative: approximate gait-teaching values",
                        mid_stance_deg=4.0, running=False),
    "downhill_run": GaitPattern("Downhill run (9 % gradient)", (8.0, 13.0), 10.0,
                                foot_strike_deg=evidence.value("pigos2006-footstrike-downhill"),
                                peak_stance_deg=evidence.value("pigos2006-peak-stance-downhill"),
                                toe_off_deg=20.0, peak_swing_deg=(85.0, 95.0),
                                stance_fraction=(0.41, 0.37),
                                basis="illustrative: shape through one treadmill study's angles"),
}

#: Cited foot-strike angles for the figure's ruler: (registry fact id, short label).
CITED_FOOT_STRIKE_FACTS = (
    ("orchard1996-knee-flexion-footstrike", "ITBS runners (Orchard)"),
    ("pigos2006-footstrike-level", "level (Pigos)"),
    ("pigos2006-footstrike-downhill", "9 % downhill (Pigos)"),
    ("suarez2019-ic-flexion-healthy", "healthy women (Suárez)"),
    ("suarez2019-ic-flexion", "women, ITBS (Suárez)"),
)
#: The same as ``(degrees, short label, source key)``, read from the registry.
CITED_FOOT_STRIKE = tuple((evidence.value(fid), label, evidence.fact(fid).source)
                          for fid, label in CITED_FOOT_STRIKE_FACTS)

#: Heiderscheit et al. 2011, Table 3: (step-rate change %, knee flexion at initial contact,
#: peak knee flexion in loading response), degrees, means of 45 runners.
STEP_RATE_TABLE = (
    (0.0, evidence.value("heiderscheit2011-ic-knee-flexion"),
     evidence.value("heiderscheit2011-peak-knee-flexion")),
    (5.0, evidence.value("heiderscheit2011-ic-knee-flexion-plus5"),
     evidence.value("heiderscheit2011-peak-knee-flexion-plus5")),
    (10.0, evidence.value("heiderscheit2011-ic-knee-flexion-plus10"),
     evidence.value("heiderscheit2011-peak-knee-flexion-plus10")),
)


def _check_zone(zone_deg) -> tuple[float, float]:
    if not isinstance(zone_deg, (tuple, list)) or len(zone_deg) != 2:
        raise ValueError(f"zone_deg={zone_deg!r} is not a pair (low, high) of knee angles in degrees")
    lo = check_number("zone_deg", zone_deg[0], 0.0, 180.0, "degrees")
    hi = check_number("zone_deg", zone_deg[1], lo, 180.0, "degrees", lo_open=True)
    return lo, hi


def cadence_shift(cadence_change_pct: float) -> tuple[float, float]:
    """How a higher cadence moves the knee, from Heiderscheit et al. 2011 Table 3 (degrees).

    Returns ``(change of foot-strike flexion, change of peak stance flexion)`` for a step-rate
    rise of ``cadence_change_pct`` (0 to +10 % at the same speed), interpolated linearly between
    the measured +5 % and +10 %: e.g. +10 % -> (+1.8, -3.5): the knee lands a little more bent
    and bends less at its peak.
    """
    pct = check_number("cadence_change_pct", cadence_change_pct, *CADENCE_CHANGE_RANGE_PCT, "%")
    steps = [row[0] for row in STEP_RATE_TABLE]
    ic = float(np.interp(pct, steps, [row[1] for row in STEP_RATE_TABLE]))
    peak = float(np.interp(pct, steps, [row[2] for row in STEP_RATE_TABLE]))
    return ic - STEP_RATE_TABLE[0][1], peak - STEP_RATE_TABLE[0][2]


@dataclass(frozen=True)
class ZonePass:
    """One stretch of stance with the knee inside the zone (stride %, and which way it moves)."""

    start_pct: float
    end_pct: float
    direction: str  #: "bending" (angle rising through it) or "straightening" (falling)

def _pchip(x: np.ndarray, y: np.ndarray, xq: np.ndarray) -> np.ndarray:
    """Monotone piecewise-cubic (Fritsch-Carlson) interpolation; ``x`` strictly increasing."""
    h = np.diff(x)
    delta = np.diff(y) / h
    d = np.zeros_like(y)
    for k in range(1, len(x) - 1):
        if delta[k - 1] * delta[k] > 0:
            w1, w2 = 2 * h[k] + h[k - 1], h[k] + 2 * h[k - 1]
            d[k] = (w1 + w2) * delta[k - 1] * delta[k] / (w1 * delta[k] + w2 * delta[k - 1])
    # the two end slopes stay 0: callers pad the ends with points outside the range they sample
    idx = np.clip(np.searchsorted(x, xq, side="right") - 1, 0, len(x) - 2)
    t = (xq - x[idx]) / h[idx]
    h00 = (1 + 2 * t) * (1 - t) ** 2
    h10 = t * (1 - t) ** 2
    h01 = t ** 2 * (3 - 2 * t)
    h11 = t ** 2 * (t - 1)
    return h00 * y[idx] + h10 * h[idx] * d[idx] + h01 * y[idx + 1] + h11 * h[idx] * d[idx + 1]


@dataclass(frozen=True)
class KneeCurve:
    """Knee flexion over one stride.

    ``stride_pct`` (0-100) and ``knee_flexion_deg`` are arrays of ``SAMPLES`` points;
    ``key_points`` lists ``(stride %, degrees, name)`` the curve passes through.
    """

    gait: str
    speed_kmh: float
    foot_strike_deg: float
    stance_fraction: float
    cadence_change_pct: float
    stride_pct: np.ndarray
    knee_flexion_deg: np.ndarray
    key_points: tuple

    @property
    def peak_stance_deg(self) -> float:
        """The largest knee flexion of stance, degrees."""
        return float(self.knee_flexion_deg[self.stance_mask].max())

    def value_at(self, name: str) -> float:
        """The angle (degrees) at the named key point, e.g. ``"foot strike"`` or ``"peak swing"``."""
        names = [k[2] for k in self.key_points]
        check_choice("name", name, names)
        return float(next(k[1] for k in self.key_points if k[2] == name))

    @property
    def stance_mask(self) -> np.ndarray:
        """True for the samples in stance (foot on the ground)."""
        return self.stride_pct < self.stance_fraction * 100.0

    def in_zone(self, zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> np.ndarray:
        """True for the samples with the knee inside ``zone_deg`` (ends included)."""
        lo, hi = _check_zone(zone_deg)
        return (self.knee_flexion_deg >= lo) & (self.knee_flexion_deg <= hi)

    def stance_zone_passes(self, zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> tuple[ZonePass, ...]:
        """The loaded passes through the zone: each stretch of stance with the knee inside it.

        A running stance that lands at or below the top of the zone and bends past it has two:
        bending after foot strike, and straightening before toe-off.
        """
        inside = self.in_zone(zone_deg)
        stance = np.flatnonzero(self.stance_mask)
        passes, run = [], []
        for i in stance:
            if inside[i]:
                run.append(i)
            if run and (not inside[i] or i == stance[-1]):
                a, b = run[0], run[-1]
                rising = self.knee_flexion_deg[b] >= self.knee_flexion_deg[a]
                passes.append(ZonePass(float(self.stride_pct[a]), float(self.stride_pct[b]),
                                       "bending" if rising else "straightening"))
                run = []
        return tuple(passes)

    def zone_share(self, zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> float:
        """Share (0-1) of the whole stride with the knee inside the zone."""
        inside = self.in_zone(zone_deg)[:-1]  # the last sample repeats the first (the next foot strike)
        return float(inside.mean())

    def stance_zone_share(self, zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> float:
        """Share (0-1) of the STANCE phase (knee loaded) with the knee inside the zone."""
        inside = self.in_zone(zone_deg)[:-1][self.stance_mask[:-1]]
        return float(inside.mean())

    def swing_zone_share(self, zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> float:
        """Share (0-1) of the SWING phase (foot in the air, knee unloaded) with the knee inside the zone."""
        inside = self.in_zone(zone_deg)[:-1][~self.stance_mask[:-1]]
        return float(inside.mean())


def _check_gait(gait) -> GaitPattern:
    return GAITS[_check_gait_name(gait)]


def _check_gait_name(gait) -> str:
    if not isinstance(gait, str):
        raise ValueError(f"gait={gait!r} is not one of the allowed values: "
                         + ", ".join(repr(k) for k in GAITS))
    return check_choice("gait", gait, list(GAITS))


def speed_for(gait: str, level: str = "typical") -> float:
    """A speed (km/h) for ``gait``: ``"slow"`` / ``"fast"`` end of its range or ``"typical"``."""
    g = _check_gait(gait)
    check_choice("level", level, ("slow", "typical", "fast"))
    lo, hi = g.speed_range_kmh
    return {"slow": lo, "typical": g.typical_speed_kmh, "fast": hi}[level]


def knee_curve(gait: str = "downhill_run", speed_kmh: float | None = None,
               foot_strike_deg: float | None = None, cadence_change_pct: float = 0.0) -> KneeCurve:
    """Knee flexion (degrees) over one stride (0-100 %) for a gait.

    Parameters
    ----------
    gait
        One of ``GAITS``: ``"walk"``, ``"downhill_run"`` (level running is measured: see
        :func:`cohort_band`).
    speed_kmh
        Within the gait's ``speed_range_kmh`` (walk 3-7, downhill run 8-13); ``None`` = the
        gait's typical speed. Faster = shorter stance
        share and more swing flexion.
    foot_strike_deg
        Knee flexion at foot strike, 0-45 degrees; ``None`` = the gait's typical value.
        The knee's terminal-swing minimum moves with it (3 degrees below it when running).
    cadence_change_pct
        Step-rate rise at the same speed, 0 to +10 % (running gaits only): the foot-strike and
        peak-stance angles move by the changes Heiderscheit et al. 2011 measured
        (:func:`cadence_shift`).
    """
    g = _check_gait(gait)
    pct = check_number("cadence_change_pct", cadence_change_pct, *CADENCE_CHANGE_RANGE_PCT, "%")
    if pct and not g.running:
        raise ValueError(f"cadence_change_pct={pct:g} is only modelled for running gaits "
                         f"(gait={gait!r} is not one); use 0")
    d_strike, d_peak = cadence_shift(pct)
    lo, hi = g.speed_range_kmh
    speed = g.typical_speed_kmh if speed_kmh is None else check_number(
        "speed_kmh", speed_kmh, lo, hi, f"km/h for gait {gait!r}")
    fs = g.foot_strike_deg if foot_strike_deg is None else check_number(
        "foot_strike_deg", foot_strike_deg, *FOOT_STRIKE_RANGE_DEG, "degrees")
    fs = min(fs + d_strike, FOOT_STRIKE_RANGE_DEG[1])
    u = (speed - lo) / (hi - lo)
    s = g.stance_fraction[0] + u * (g.stance_fraction[1] - g.stance_fraction[0])
    swing_peak = g.peak_swing_deg[0] + u * (g.peak_swing_deg[1] - g.peak_swing_deg[0])
    # the knee always flexes further after foot strike
    peak_stance = max(g.peak_stance_deg + d_peak, fs + 6.0)
    if g.mid_stance_deg is not None:  # walking: flex in loading, straighten, flex for swing
        keys = [(0.0, fs, "foot strike"), (0.21 * s, peak_stance, "peak stance"),
                (0.64 * s, g.mid_stance_deg, "mid stance"), (s, g.toe_off_deg, "toe-off"),
                (s + 0.35 * (1 - s), swing_peak, "peak swing"),
                (0.97, max(fs - 2.0, 0.0), "terminal swing")]
    else:
        keys = [(0.0, fs, "foot strike"), (0.40 * s, peak_stance, "peak stance"),
                (s, min(g.toe_off_deg, peak_stance - 4.0), "toe-off"),
                (s + 0.45 * (1 - s), swing_peak, "peak swing"),
                (0.95, max(fs - 3.0, 0.0), "terminal swing")]
    x = np.array([k[0] for k in keys] + [1.0])
    y = np.array([k[1] for k in keys] + [fs])
    # periodic: pad with the neighbouring points of the previous and next stride
    xp = np.concatenate([[x[-2] - 1.0], x, [1.0 + x[1]]])
    yp = np.concatenate([[y[-2]], y, [y[1]]])
    t = np.linspace(0.0, 1.0, SAMPLES)
    theta = _pchip(xp, yp, t)
    return KneeCurve(gait=gait, speed_kmh=speed, foot_strike_deg=fs, stance_fraction=s,
                     cadence_change_pct=pct,
                     stride_pct=t * 100.0, knee_flexion_deg=theta,
                     key_points=tuple((100.0 * a, float(b), n) for a, b, n in keys))


def zone_share(gait: str = "downhill_run", speed_kmh: float | None = None,
               foot_strike_deg: float | None = None, cadence_change_pct: float = 0.0) -> float:
    """Share (0-1) of one stride with the knee in the impingement zone (see :func:`knee_curve`)."""
    return knee_curve(gait, speed_kmh, foot_strike_deg, cadence_change_pct).zone_share()


def zone_position(angle_deg: float) -> str:
    """``"inside"``, ``"below"`` or ``"above"`` the impingement zone for a knee angle (degrees)."""
    a = check_number("angle_deg", angle_deg, 0.0, 180.0, "degrees")
    lo, hi = IMPINGEMENT_ZONE_DEG
    return "inside" if lo <= a <= hi else "below" if a < lo else "above"


# --- Measured level running (Fukuchi, Fukuchi & Duarte 2017) -------------------------------------

#: Toe-off (percent of the gait cycle) of the 23 runners measured without force: the stated rule
#: of :data:`itband.models.measured_gait.STANCE_PCT_2_5MS`.
MEASURED_STANCE_END_PCT = mg.STANCE_PCT_2_5MS
#: The measured speed of the 23-runner cohort, m/s.
COHORT_SPEED_MPS = 2.5
#: The gait-cycle positions of the measured samples, percent (0, 1, ..., 100).
CYCLE_PCT = np.arange(mg.SAMPLES, dtype=float)


@dataclass(frozen=True)
class CohortBand:
    """The 23 measured knee curves (degrees, one per cycle percent) with their mean and SD (n - 1)."""

    curves: dict
    mean_deg: np.ndarray
    sd_deg: np.ndarray
    stance_end_pct: int


@functools.lru_cache(maxsize=None)
def cohort_band() -> CohortBand:
    """Every runner's knee flexion at 2.5 m/s, and the between-runner mean and SD at each sample."""
    curves = mg.knee_curves()
    stack = np.vstack(list(curves.values()))
    return CohortBand(curves, stack.mean(axis=0), stack.std(axis=0, ddof=1), MEASURED_STANCE_END_PCT)


def measured_runners() -> tuple[str, ...]:
    """The names of the 23 runners measured at 2.5 m/s (``RBDS01`` ... ``RBDS23``)."""
    return tuple(mg.knee_curves())


def check_runner(runner) -> str:
    """``runner`` if it is one of :func:`measured_runners` or ``"all"``; else ``ValueError``."""
    if not isinstance(runner, str):
        raise ValueError(f"runner={runner!r} is not a runner name such as 'RBDS01', or 'all'")
    return check_choice("runner", runner, ("all",) + measured_runners())


@functools.lru_cache(maxsize=None)
def _cohort_stats() -> dict:
    return mg.cohort_stats()


def _share_and_entries(curve_deg: np.ndarray, stance_end: int) -> tuple[float, int]:
    """Share of stance in the zone and entries into it, as :func:`itband.models.measured_gait.zone_stats`
    computes them (the same 1000 points per sample interval), vectorised for redraws."""
    lo, hi = IMPINGEMENT_ZONE_DEG
    fine = np.interp(np.linspace(0, stance_end, stance_end * 1000 + 1), np.arange(stance_end + 1),
                     curve_deg[: stance_end + 1])
    inside = (fine >= lo) & (fine <= hi)
    return float(inside.mean()), int(inside[0]) + int(np.sum(inside[1:] & ~inside[:-1]))


@dataclass(frozen=True)
class CohortSummary:
    """The measured cohort's stance in numbers; each spread is (mean, SD, minimum, maximum)."""

    n_runners: int
    stance_end_pct: int
    foot_strike_deg: tuple
    peak_stance_deg: tuple
    stance_share: tuple
    n_landing_below_zone: int     #: runners whose knee is below the zone at foot strike
    n_two_crossings: int          #: runners who cross the whole zone twice in stance
    n_two_entries: int            #: runners whose knee enters the zone twice in stance (loaded passes)
    mean_entries: float           #: loaded passes per stance, mean of the runners


@functools.lru_cache(maxsize=None)
def cohort_summary() -> CohortSummary:
    """Foot-strike and peak-stance flexion, share of stance in the zone (both crossings counted)
    and passes per stance of the 23 runners (:func:`itband.models.measured_gait.cohort_stats`)."""
    stats = list(_cohort_stats().values())
    return CohortSummary(
        n_runners=len(stats), stance_end_pct=MEASURED_STANCE_END_PCT,
        foot_strike_deg=mg.spread(s.foot_strike_deg for s in stats),
        peak_stance_deg=mg.spread(s.peak_stance_deg for s in stats),
        stance_share=mg.spread(s.stance_share for s in stats),
        n_landing_below_zone=sum(s.foot_strike_deg < IMPINGEMENT_ZONE_DEG[0] for s in stats),
        n_two_crossings=sum(s.passes == 2 for s in stats),
        n_two_entries=sum(s.entries == 2 for s in stats),
        mean_entries=float(np.mean([s.entries for s in stats])),
    )


def runner_stats(runner: str) -> "mg.ZoneStats":
    """The zone statistics of one of the 23 runners (toe-off by :data:`MEASURED_STANCE_END_PCT`)."""
    name = check_runner(runner)
    if name == "all":
        raise ValueError("runner='all' is the whole cohort; use cohort_summary() for it")
    return _cohort_stats()[name]


@dataclass(frozen=True)
class SpeedRow:
    """One of the two force-measured runners at one speed (toe-off from the force)."""

    runner: str
    speed_mps: float
    stance_end_pct: int
    stats: "mg.ZoneStats"
    curve_deg: np.ndarray


@functools.lru_cache(maxsize=None)
def speed_rows() -> tuple[SpeedRow, ...]:
    """The two runners measured at 2.5, 3.5 and 4.5 m/s: stance from the ground reaction force."""
    rows = []
    for runner in mg.PROCESSED_RUNNERS:
        for speed in mg.SPEEDS_MPS:
            end = mg.stance_end_pct(runner, speed)
            curve = mg.knee_curve(runner, speed)
            rows.append(SpeedRow(runner, speed, end, mg.zone_stats(curve, end), curve))
    return tuple(rows)


def shift_stance(curve_deg, stance_end: int, d_strike_deg: float, d_peak_deg: float) -> np.ndarray:
    """A measured curve with its foot-strike angle moved by ``d_strike_deg`` and its stance peak by
    ``d_peak_deg``: the change ramps linearly from foot strike to the peak, then back to nothing at
    toe-off (``stance_end``); swing is unchanged. Used to apply a cadence change (the measured
    study gives the two angles only, so the ramp is the course's assumption)."""
    k = np.asarray(curve_deg, dtype=float)
    if k.ndim != 1 or k.size < 3 or not np.all(np.isfinite(k)):
        raise ValueError("curve_deg must be a one-dimensional series of finite angles (degrees)")
    end = int(check_number("stance_end", stance_end, 2, k.size - 1))
    d_strike_deg = check_number("d_strike_deg", d_strike_deg, -45, 45, "degrees")
    d_peak_deg = check_number("d_peak_deg", d_peak_deg, -45, 45, "degrees")
    peak = int(np.argmax(k[: end + 1]))
    peak = min(max(peak, 1), end - 1)
    i = np.arange(k.size, dtype=float)
    delta = np.zeros_like(k)
    up = i <= peak
    delta[up] = d_strike_deg + (d_peak_deg - d_strike_deg) * i[up] / peak
    down = (i > peak) & (i <= end)
    delta[down] = d_peak_deg * (end - i[down]) / (end - peak)
    return k + delta


@dataclass(frozen=True)
class CadenceResult:
    """The 23 measured runners at their preferred cadence and at a higher one (same speed)."""

    cadence_change_pct: float
    d_strike_deg: float
    d_peak_deg: float
    preferred_mean_deg: np.ndarray
    higher_mean_deg: np.ndarray
    preferred_shares: np.ndarray   #: share of stance in the zone, one per runner
    higher_shares: np.ndarray
    higher_entries: np.ndarray     #: loaded passes per stance at the higher cadence, one per runner


@functools.lru_cache(maxsize=64)
def _measured_cadence(pct: float) -> CadenceResult:
    d_strike, d_peak = cadence_shift(pct)
    band = cohort_band()
    end = band.stance_end_pct
    shifted = [shift_stance(c, end, d_strike, d_peak) for c in band.curves.values()]
    pre = np.array([s.stance_share for s in _cohort_stats().values()])
    hi = [_share_and_entries(c, end) for c in shifted]
    return CadenceResult(pct, d_strike, d_peak, band.mean_deg, np.mean(shifted, axis=0), pre,
                         np.array([h[0] for h in hi]), np.array([h[1] for h in hi]))


def measured_cadence(cadence_change_pct: float = 10.0) -> CadenceResult:
    """Each measured runner's stance moved by the changes Heiderscheit et al. 2011 measured for a
    step-rate rise of ``cadence_change_pct`` (0 to +10 %; :func:`cadence_shift`, :func:`shift_stance`)."""
    pct = check_number("cadence_change_pct", cadence_change_pct, *CADENCE_CHANGE_RANGE_PCT, "%")
    return _measured_cadence(round(float(pct), 6))
