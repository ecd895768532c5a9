"""Knee flexion over one stride, and how much of it falls in the impingement zone.

A stride runs from one foot strike to the next strike of the SAME foot
(0-100 %). Stance (foot on the ground, the knee loaded) comes first, then
swing. The curve is drawn through a few key angles with a shape-preserving
(monotone cubic, Fritsch-Carlson) interpolation, so it never overshoots them.

EVERY CURVE IS ILLUSTRATIVE: a teaching shape through the key angles below,
not any runner's measurement. Cited values come from the evidence registry
(:mod:`itband.course.evidence`); the rest are the course's own round numbers.

========================  ==============================================================
key point                 value and basis (cited numbers are registry facts, named here)
========================  ==============================================================
running, foot strike      21 degrees, a round value between ``orchard1996-knee-flexion-footstrike``
                          (runners with ITBS) and ``pigos2006-footstrike-level`` (level treadmill)
running, peak stance      40 degrees, a round value between ``pigos2006-peak-stance`` and the
                          larger peaks of other labs (``heiderscheit2011-peak-knee-flexion``)
downhill (9 % gradient)   ``pigos2006-footstrike-downhill`` and ``pigos2006-peak-stance-downhill``;
                          one conference paper finds MORE flexion at foot strike downhill
                          (``robertz2022-downhill``)
running, toe-off, swing   about 20 at toe-off, about 90 peak swing at moderate speed, more when
                          faster: APPROXIMATE teaching values (novacheck1998 not checked)
fast run (what-if)        32 degrees at foot strike: Orchard's PREDICTION that at sprint speeds
                          the knee lands past the zone (``orchard1996-downhill-speed``), not a
                          measurement. Measured foot-strike angles appear to change only a few
                          degrees with speed (``orchard1996-speed-ic-knee-flexion``, unverified),
                          so this curve is a what-if.
walking                   about 3 at heel contact, 18 in loading, 38 at toe-off, 62 in swing
                          (normal-gait teaching values, approximate)
stance share, timing      running about 40 % of the stride at easy speed falling to 30 % when fast,
                          walking about 60 % (APPROXIMATE teaching values)
higher cadence            the CHANGES from the preferred step rate that Heiderscheit et al. 2011
                          measured at +5 % and +10 % (Table 3: ``heiderscheit2011-ic-knee-flexion*``
                          and ``heiderscheit2011-peak-knee-flexion*``) are added to the running
                          curve: the knee lands a little more bent and peaks lower. The stance
                          share is kept (the table gives none).
========================  ==============================================================

The impingement zone is :data:`itband.models.constants.IMPINGEMENT_ZONE_DEG`
(20-30 degrees, Orchard's zone as Ferber et al. 2010 state it).

**The knee crosses the zone twice in each running stance**: bending after foot
strike (or landing inside it), and straightening again before toe-off. Both
passes are loaded. :meth:`KneeCurve.stance_zone_passes` lists them;
:data:`itband.models.exposure.ZONE_PASSES_PER_CONTACT` counts both.

Angles are in degrees, speeds in km/h, cadence changes in percent and shares
as fractions 0-1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..course import evidence
from ..course.validate import check_choice, check_number
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
    "easy_run": GaitPattern("Easy run (level)", (8.0, 13.0), 10.0, foot_strike_deg=21.0,
                            peak_stance_deg=40.0, toe_off_deg=20.0, peak_swing_deg=(85.0, 95.0),
                            stance_fraction=(0.41, 0.37),
                            basis="illustrative: shape through cited foot-strike and peak angles"),
    "fast_run": GaitPattern("Fast run, what-if (level)", (14.0, 22.0), 18.0, foot_strike_deg=32.0,
                            peak_stance_deg=46.0, toe_off_deg=22.0, peak_swing_deg=(100.0, 120.0),
                            stance_fraction=(0.35, 0.30),
                            basis="illustrative what-if: Orchard's prediction, not measured"),
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


def knee_curve(gait: str = "easy_run", speed_kmh: float | None = None,
               foot_strike_deg: float | None = None, cadence_change_pct: float = 0.0) -> KneeCurve:
    """Knee flexion (degrees) over one stride (0-100 %) for a gait.

    Parameters
    ----------
    gait
        One of ``GAITS``: ``"walk"``, ``"easy_run"``, ``"fast_run"``, ``"downhill_run"``.
    speed_kmh
        Within the gait's ``speed_range_kmh`` (walk 3-7, easy and downhill run 8-13,
        fast run 14-22); ``None`` = the gait's typical speed. Faster = shorter stance
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


def zone_share(gait: str = "easy_run", speed_kmh: float | None = None,
               foot_strike_deg: float | None = None, cadence_change_pct: float = 0.0) -> float:
    """Share (0-1) of one stride with the knee in the impingement zone (see :func:`knee_curve`)."""
    return knee_curve(gait, speed_kmh, foot_strike_deg, cadence_change_pct).zone_share()


def zone_position(angle_deg: float) -> str:
    """``"inside"``, ``"below"`` or ``"above"`` the impingement zone for a knee angle (degrees)."""
    a = check_number("angle_deg", angle_deg, 0.0, 180.0, "degrees")
    lo, hi = IMPINGEMENT_ZONE_DEG
    return "inside" if lo <= a <= hi else "below" if a < lo else "above"


def cadence_comparison(cadence_change_pct: float = 10.0, gait: str = "easy_run") -> dict[str, KneeCurve]:
    """The running curve at the preferred cadence and at ``cadence_change_pct`` higher (same speed).

    ``{"preferred": KneeCurve, "higher": KneeCurve}``. In the zone framework the higher cadence
    lands nearer the zone's bottom edge and peaks nearer its top edge, so it can RAISE the share
    of stance spent inside the zone, while the exposure model counts more contacts per km.
    """
    pct = check_number("cadence_change_pct", cadence_change_pct, *CADENCE_CHANGE_RANGE_PCT, "%")
    name = _check_gait_name(gait)
    if not GAITS[name].running:
        raise ValueError(f"gait={gait!r} is not a running gait; cadence changes are modelled for "
                         + ", ".join(repr(k) for k, g in GAITS.items() if g.running))
    return {"preferred": knee_curve(name), "higher": knee_curve(name, cadence_change_pct=pct)}
