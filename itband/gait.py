"""Knee flexion over one stride, and how much of it falls in the 20-30 degree impingement zone.

A stride runs from one foot strike to the next strike of the SAME foot
(0-100 %). Stance (foot on the ground, the knee loaded) comes first, then
swing. The curve is drawn through a few key angles with a shape-preserving
(monotone cubic, Fritsch-Carlson) interpolation, so it never overshoots them:

========================  ==============================================================
key point                 value and source
========================  ==============================================================
running, foot strike      about 21 degrees: 21.4 +/- 4.3 in runners with ITBS (Orchard et al.
                          1996); 20.9 on the level treadmill (Pigos 2006, The Sport Journal)
running, peak stance      about 40 degrees: 36.2 level (Pigos 2006), 44 +/- 6 in healthy
                          runners (the 2012 J Biomech forward/backward running study)
downhill (about 9 %)      foot strike 17, peak stance 43.1 degrees (Pigos 2006);
                          one study finds MORE flexion at foot strike downhill (Robertz et al. 2022)
running, toe-off, swing   about 20 at toe-off, about 90 peak swing at moderate speed, more when
                          faster (Novacheck 1998: APPROXIMATE, not checked against the source)
fast running foot strike  32 degrees: an ILLUSTRATIVE value for Orchard's statement that at faster
                          speeds the knee is already past the zone at foot strike (not a mean)
walking                   about 3 at heel contact, 18 in loading, 38 at toe-off, 62 in swing
                          (normal-gait teaching values: podiapaedia, Uustal)
stance share, timing      running about 40 % of the stride at easy speed falling to 30 % when fast,
                          walking about 60 % (APPROXIMATE textbook values)
========================  ==============================================================

The impingement zone is 20-30 degrees of flexion (Orchard et al. 1996; cited
by Ferber et al. 2010); Fairclough et al. (2006) saw the band pressed on the
epicondyle at about 30 degrees. Angles are in degrees, speeds in km/h and
shares as fractions 0-1. The curves are typical shapes for teaching, not any
one runner's measurement.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .course import style
from .course.validate import check_choice, check_number

#: Knee flexion zone (degrees) in which the band is pressed on / passes over the epicondyle.
ZONE_DEG = (20.0, 30.0)
#: Foot-strike angles (degrees) a reader may set.
FOOT_STRIKE_RANGE_DEG = (0.0, 45.0)
#: Samples per stride used for shares and plots (every 0.1 % of the stride).
SAMPLES = 1001


@dataclass(frozen=True)
class GaitPattern:
    """Typical key angles (degrees) and timing of one gait; see the module table for sources.

    Timing values are fractions of the stride; ``stance_fraction`` and
    ``peak_swing_deg`` are given at both ends of ``speed_range_kmh`` and
    interpolated linearly in between.
    """

    label: str
    speed_range_kmh: tuple[float, float]
    typical_speed_kmh: float
    foot_strike_deg: float
    peak_stance_deg: float
    toe_off_deg: float
    peak_swing_deg: tuple[float, float]
    stance_fraction: tuple[float, float]
    mid_stance_deg: float | None = None  # walking only: the knee straightens again in mid-stance


GAITS: dict[str, GaitPattern] = {
    "walk": GaitPattern("Walk", (3.0, 7.0), 5.0, foot_strike_deg=3.0, peak_stance_deg=18.0,
                        toe_off_deg=38.0, peak_swing_deg=(60.0, 65.0), stance_fraction=(0.63, 0.58),
                        mid_stance_deg=4.0),
    "easy_run": GaitPattern("Easy run (level)", (8.0, 13.0), 10.0, foot_strike_deg=21.0,
                            peak_stance_deg=40.0, toe_off_deg=20.0, peak_swing_deg=(85.0, 95.0),
                            stance_fraction=(0.41, 0.37)),
    "fast_run": GaitPattern("Fast run (level)", (14.0, 22.0), 18.0, foot_strike_deg=32.0,
                            peak_stance_deg=46.0, toe_off_deg=22.0, peak_swing_deg=(100.0, 120.0),
                            stance_fraction=(0.35, 0.30)),
    "downhill_run": GaitPattern("Downhill run (about 9 %)", (8.0, 13.0), 10.0, foot_strike_deg=17.0,
                                peak_stance_deg=43.1, toe_off_deg=20.0, peak_swing_deg=(85.0, 95.0),
                                stance_fraction=(0.41, 0.37)),
}

#: Cited foot-strike angles (degrees) for the figure's ruler: (value, short label, source key).
CITED_FOOT_STRIKE = (
    (21.4, "ITBS runners (Orchard)", "orchard1996"),
    (20.9, "level (Sport J. study)", "sportjournal_downhill"),
    (17.0, "9 % downhill (Sport J.)", "sportjournal_downhill"),
    (17.17, "healthy women (Suárez)", "suarez2019"),
    (13.48, "women, ITBS (Suárez)", "suarez2019"),
)


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
    stride_pct: np.ndarray
    knee_flexion_deg: np.ndarray
    key_points: tuple

    def value_at(self, name: str) -> float:
        """The angle (degrees) at the named key point, e.g. ``"foot strike"`` or ``"peak swing"``."""
        names = [k[2] for k in self.key_points]
        check_choice("name", name, names)
        return float(next(k[1] for k in self.key_points if k[2] == name))

    @property
    def stance_mask(self) -> np.ndarray:
        return self.stride_pct < self.stance_fraction * 100.0

    def in_zone(self, zone_deg: tuple[float, float] = ZONE_DEG) -> np.ndarray:
        lo, hi = zone_deg
        return (self.knee_flexion_deg >= lo) & (self.knee_flexion_deg <= hi)

    def zone_share(self, zone_deg: tuple[float, float] = ZONE_DEG) -> float:
        """Share (0-1) of the whole stride with the knee inside the zone."""
        inside = self.in_zone(zone_deg)[:-1]  # the last sample repeats the first (the next foot strike)
        return float(inside.mean())

    def stance_zone_share(self, zone_deg: tuple[float, float] = ZONE_DEG) -> float:
        """Share (0-1) of the STANCE phase (knee loaded) with the knee inside the zone."""
        inside = self.in_zone(zone_deg)[:-1][self.stance_mask[:-1]]
        return float(inside.mean())

    def swing_zone_share(self, zone_deg: tuple[float, float] = ZONE_DEG) -> float:
        """Share (0-1) of the SWING phase (foot in the air, knee unloaded) with the knee inside the zone."""
        inside = self.in_zone(zone_deg)[:-1][~self.stance_mask[:-1]]
        return float(inside.mean())


def _check_gait(gait) -> GaitPattern:
    return GAITS[check_choice("gait", gait, list(GAITS))]


def speed_for(gait: str, level: str = "typical") -> float:
    """A speed (km/h) for ``gait``: ``"slow"`` / ``"fast"`` end of its range or ``"typical"``."""
    g = _check_gait(gait)
    check_choice("level", level, ("slow", "typical", "fast"))
    lo, hi = g.speed_range_kmh
    return {"slow": lo, "typical": g.typical_speed_kmh, "fast": hi}[level]


def knee_curve(gait: str = "easy_run", speed_kmh: float | None = None,
               foot_strike_deg: float | None = None) -> KneeCurve:
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
    """
    g = _check_gait(gait)
    lo, hi = g.speed_range_kmh
    speed = g.typical_speed_kmh if speed_kmh is None else check_number(
        "speed_kmh", speed_kmh, lo, hi, f"km/h for gait {gait!r}")
    fs = g.foot_strike_deg if foot_strike_deg is None else check_number(
        "foot_strike_deg", foot_strike_deg, *FOOT_STRIKE_RANGE_DEG, "degrees")
    u = (speed - lo) / (hi - lo)
    s = g.stance_fraction[0] + u * (g.stance_fraction[1] - g.stance_fraction[0])
    swing_peak = g.peak_swing_deg[0] + u * (g.peak_swing_deg[1] - g.peak_swing_deg[0])
    peak_stance = max(g.peak_stance_deg, fs + 6.0)  # the knee always flexes further after foot strike
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
                     stride_pct=t * 100.0, knee_flexion_deg=theta,
                     key_points=tuple((100.0 * a, float(b), n) for a, b, n in keys))


def zone_share(gait: str = "easy_run", speed_kmh: float | None = None,
               foot_strike_deg: float | None = None) -> float:
    """Share (0-1) of one stride with the knee in the 20-30 degree zone (see :func:`knee_curve`)."""
    return knee_curve(gait, speed_kmh, foot_strike_deg).zone_share()


# --------------------------------------------------------------------------- drawing

_STYLES = {
    "walk": dict(color=style.PALETTE["green"], ls=":", marker="s"),
    "easy_run": dict(color=style.ROLE["band"], ls="-", marker="o"),
    "fast_run": dict(color=style.PALETTE["purple"], ls="-.", marker="^"),
    "downhill_run": dict(color=style.PALETTE["vermillion"], ls="--", marker="D"),
}


def _plot_curve(ax, curve: KneeCurve, *, label: str, main: bool = True):
    st = _STYLES[curve.gait]
    ax.plot(curve.stride_pct, curve.knee_flexion_deg, color=st["color"], ls=st["ls"],
            lw=2.4 if main else 1.4, alpha=1.0 if main else 0.55, label=label)
    if main:
        kx = [k[0] for k in curve.key_points]
        ky = [k[1] for k in curve.key_points]
        ax.plot(kx, ky, st["marker"], color=st["color"], ms=5.5, mec="black", mew=0.6, ls="none")


def _zone_band(ax, curve: KneeCurve):
    lo, hi = ZONE_DEG
    ax.axhspan(lo, hi, color=style.ROLE["zone"], alpha=0.28, lw=0, zorder=0)
    inside = curve.in_zone()
    ax.fill_between(curve.stride_pct, lo, hi, where=inside, color=style.ROLE["zone"], alpha=0.55,
                    lw=0, zorder=0.5, hatch="//", edgecolor=style.PALETTE["black"])


def draw_gait_zone(gait: str = "easy_run", speed_level: str = "typical"):
    """Knee flexion over a stride for one gait and speed, with the 20-30 degree zone.

    The zone is shaded; the moments the knee is inside it are hatched on the
    curve's track, and the share of the stride (and of stance) inside it is
    printed. An easy level run is drawn faintly for comparison.
    """
    speed = speed_for(gait, speed_level)
    curve = knee_curve(gait, speed)
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 4.1)
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.09, 0.13, 0.62, 0.72))
    _zone_band(ax, curve)
    if gait != "easy_run":
        _plot_curve(ax, knee_curve("easy_run"), label="Easy run, level, 10 km/h (for comparison)", main=False)
    _plot_curve(ax, curve, label=f"{GAITS[gait].label}, {speed:g} km/h")
    stance_end = curve.stance_fraction * 100
    ax.axvline(stance_end, color="#555555", lw=0.9, ls=(0, (4, 3)))
    ax.text(stance_end / 2, 126, "stance\n(foot on ground)", ha="center", va="top", fontsize=8.5,
            color=style.ROLE["muted"])
    ax.text((stance_end + 100) / 2, 126, "swing\n(foot in the air)", ha="center", va="top", fontsize=8.5,
            color=style.ROLE["muted"])
    ax.text(99, 25, "20-30° zone", ha="right", va="center", fontsize=8.5, color=style.ROLE["text"])
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 128)
    ax.set_xlabel("Stride (%), from foot strike to the next foot strike of the same foot")
    ax.set_ylabel("Knee flexion (degrees)")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 1.17), fontsize=8.5, ncol=1)
    # the numbers, in a side panel
    share, stance_share = curve.zone_share(), curve.stance_zone_share()
    fs = curve.foot_strike_deg
    fs_where = ("inside the zone" if ZONE_DEG[0] <= fs <= ZONE_DEG[1]
                else "below the zone" if fs < ZONE_DEG[0] else "above the zone")
    lines = [
        f"{GAITS[gait].label}",
        f"{speed:g} km/h",
        "",
        f"Foot strike: {fs:.0f}°",
        f"  ({fs_where})",
        f"Peak stance: {curve.value_at('peak stance'):.0f}°",
        f"Peak swing: {curve.value_at('peak swing'):.0f}°",
        f"Stance: {stance_end:.0f} % of stride",
        "",
        f"In the zone:",
        f"  {share * 100:.0f} % of the stride",
        f"  {stance_share * 100:.0f} % of stance",
        f"  {curve.swing_zone_share() * 100:.0f} % of swing",
    ]
    fig.text(0.745, 0.85, "\n".join(lines), va="top", ha="left", fontsize=9.3, family="DejaVu Sans",
             linespacing=1.25, color=style.ROLE["text"])
    return fig


def gait_zone_alt(gait: str = "easy_run", speed_level: str = "typical") -> str:
    """Alt text for :func:`draw_gait_zone`."""
    speed = speed_for(gait, speed_level)
    c = knee_curve(gait, speed)
    return (f"Knee flexion over one stride for {GAITS[gait].label.lower()} at {speed:g} km/h: "
            f"{c.foot_strike_deg:.0f} degrees at foot strike, {c.value_at('peak stance'):.0f} at peak stance, "
            f"stance ending at {c.stance_fraction * 100:.0f} % of the stride, {c.value_at('peak swing'):.0f} "
            f"degrees at peak swing. The knee is inside the shaded 20-30 degree zone for "
            f"{c.zone_share() * 100:.0f} % of the stride and {c.stance_zone_share() * 100:.0f} % of stance.")


def draw_foot_strike(foot_strike_deg: float = 17.0, gait: str = "downhill_run"):
    """Set the foot-strike angle: the stance curve on the left, the cited angles on a ruler on the right.

    Left: the first 60 % of the stride of ``gait`` (default the downhill run)
    with the chosen foot-strike angle, the zone shaded, and a level easy run
    faintly for comparison; the shares of stance and stride in the zone are
    printed for both. Right: the foot-strike angles the sources report, with
    the chosen value as a thick line.
    """
    check_choice("gait", gait, ("easy_run", "downhill_run"))
    curve = knee_curve(gait, None, foot_strike_deg)
    level = knee_curve("easy_run")
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.9)
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.085, 0.14, 0.45, 0.70))
    _zone_band(ax, curve)
    if gait != "easy_run":
        _plot_curve(ax, level, label=f"Easy run, level ({level.foot_strike_deg:.0f}° at strike)", main=False)
    _plot_curve(ax, curve, label=f"{GAITS[gait].label}, foot strike {curve.foot_strike_deg:.0f}°")
    ax.axvline(curve.stance_fraction * 100, color="#555555", lw=0.9, ls=(0, (4, 3)))
    ax.text(curve.stance_fraction * 100 + 1, 56, "toe-off", fontsize=8.5, color=style.ROLE["muted"])
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 60)
    ax.set_xticks([0, 20, 40, 60])
    ax.set_yticks([0, 10, 20, 30, 40, 50, 60])
    ax.set_xlabel("Stride (%)")
    ax.set_ylabel("Knee flexion (degrees)")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=8.5)
    txt = f"In the zone: {curve.stance_zone_share() * 100:.0f} % of stance, {curve.zone_share() * 100:.0f} % of stride"
    if gait != "easy_run":
        txt += (f"\nLevel run: {level.stance_zone_share() * 100:.0f} % of stance, "
                f"{level.zone_share() * 100:.0f} % of stride")
    ax.text(1, 1.5, txt, fontsize=8.6, color=style.ROLE["text"], va="bottom")
    # ruler of cited values
    r = fig.add_axes((0.635, 0.14, 0.045, 0.70))
    r.axhspan(*ZONE_DEG, color=style.ROLE["zone"], alpha=0.35, lw=0)
    r.set_ylim(0, 45)
    r.set_xlim(0, 1)
    r.set_xticks([])
    r.set_yticks([0, 10, 20, 30, 40])
    r.set_ylabel("Knee flexion at foot strike (degrees)", fontsize=9)
    r.spines["bottom"].set_visible(False)
    r.set_title("Cited values", fontsize=9, loc="left")
    placed: list[float] = []
    for value, label, _key in sorted(CITED_FOOT_STRIKE, key=lambda v: v[0]):
        r.plot([0.1, 0.9], [value, value], color="black", lw=1.2)
        ty = value
        while any(abs(ty - p) < 2.5 for p in placed):
            ty += 2.5
        placed.append(ty)
        r.plot([0.9, 1.3], [value, ty], color="#555555", lw=0.6, clip_on=False)
        r.text(1.35, ty, f"{value:.1f}° {label}", fontsize=7.8, va="center")
    red = style.PALETTE["vermillion"]
    r.text(1.35, 36, "Downhill: MORE flexed at strike\n(Robertz 2022, direction only)", fontsize=7.8,
           va="center", color=red)
    r.plot([0.5, 1.3], [24.5, 35.0], color=red, lw=0.8, clip_on=False)
    r.plot([0.5, 0.5], [17.5, 24.0], color=red, lw=1.0)
    r.plot([0.5], [24.5], marker="^", color=red, ms=6)
    r.plot([0, 1], [curve.foot_strike_deg] * 2, color=_STYLES[gait]["color"], lw=3.0)
    r.plot([0.5], [curve.foot_strike_deg], _STYLES[gait]["marker"], color=_STYLES[gait]["color"],
           mec="black", ms=7)
    return fig


def foot_strike_alt(foot_strike_deg: float = 17.0, gait: str = "downhill_run") -> str:
    """Alt text for :func:`draw_foot_strike`."""
    c = knee_curve(gait, None, foot_strike_deg)
    level = knee_curve("easy_run")
    fs = c.foot_strike_deg
    where = ("inside" if ZONE_DEG[0] <= fs <= ZONE_DEG[1] else "below" if fs < ZONE_DEG[0] else "above")
    return (f"Stance-phase knee curve of a {GAITS[gait].label.lower()} with the foot-strike angle set to "
            f"{fs:.0f} degrees, {where} the shaded 20-30 degree zone; the knee is in the zone for "
            f"{c.stance_zone_share() * 100:.0f} % of stance and {c.zone_share() * 100:.0f} % of the stride "
            f"(level easy run: {level.stance_zone_share() * 100:.0f} % and {level.zone_share() * 100:.0f} %). "
            f"Beside it a ruler of cited foot-strike angles: 21.4 (runners with ITBS, Orchard), 20.9 level and "
            f"17 at 9 % downhill (Sport Journal study), 17.2 and 13.5 (healthy women and women with ITBS, "
            f"Suárez), and an arrow for Robertz 2022, who found the knee more flexed at foot strike downhill.")
