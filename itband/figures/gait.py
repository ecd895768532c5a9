"""The gait figures of Lesson 2, each beside its alt text: knee flexion over a stride with the
impingement zone (:func:`draw_gait_zone`), the disputed downhill foot-strike angle
(:func:`draw_foot_strike`) and what a higher cadence does to time in the zone
(:func:`draw_cadence_zone`).

Every number drawn or described comes from :mod:`itband.models.gait` (and through it the
evidence registry). Every curve is illustrative, and the figures say so.
"""
from __future__ import annotations

from ..course import style
from ..course.validate import check_choice, check_number
from ..models.constants import IMPINGEMENT_ZONE_DEG
from ..models.gait import (CADENCE_CHANGE_RANGE_PCT, CITED_FOOT_STRIKE, FOOT_STRIKE_RANGE_DEG, GAITS,
                           KneeCurve, _check_gait_name, cadence_comparison, knee_curve, speed_for,
                           zone_position)

ZONE_DEG = IMPINGEMENT_ZONE_DEG
_ZONE = f"{ZONE_DEG[0]:g}-{ZONE_DEG[1]:g}"
#: The note every gait figure carries.
ILLUSTRATIVE_NOTE = "Illustrative curves, not measurements"


def _check_speed_level(speed_level) -> str:
    if not isinstance(speed_level, str):
        raise ValueError(f"speed_level={speed_level!r} is not one of the allowed values: "
                         "'slow', 'typical', 'fast'")
    return check_choice("speed_level", speed_level, ("slow", "typical", "fast"))


def _check_foot_strike(foot_strike_deg) -> float:
    # None is the model's "typical" default, but a figure the reader steers needs a number
    return check_number("foot_strike_deg", foot_strike_deg, *FOOT_STRIKE_RANGE_DEG, "degrees")


def _check_strike_gait(gait) -> str:
    if not isinstance(gait, str):
        raise ValueError(f"gait={gait!r} is not one of the allowed values: 'easy_run', 'downhill_run'")
    return check_choice("gait", gait, ("easy_run", "downhill_run"))


def _passes_text(curve: KneeCurve) -> str:
    passes = curve.stance_zone_passes()
    if not passes:
        return "no loaded pass through the zone"
    kinds = " and ".join(p.direction for p in passes)
    return f"{len(passes)} loaded pass{'es' if len(passes) != 1 else ''} ({kinds})"

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
    """Knee flexion over a stride for one gait and speed, with the impingement zone.

    The zone is shaded; the moments the knee is inside it are hatched on the
    curve's track, and the share of the stride (and of stance) inside it and
    the number of loaded passes are printed. An easy level run is drawn faintly
    for comparison. The figure is marked as illustrative.
    """
    gait = _check_gait_name(gait)
    speed = speed_for(gait, _check_speed_level(speed_level))
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
    ax.text(99, sum(ZONE_DEG) / 2, f"{_ZONE}° zone", ha="right", va="center", fontsize=8.5,
            color=style.ROLE["text"])
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 128)
    ax.set_xlabel("Stride (%), from foot strike to the next foot strike of the same foot")
    ax.set_ylabel("Knee flexion (degrees)")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 1.17), fontsize=8.5, ncol=1)
    # the numbers, in a side panel
    share, stance_share = curve.zone_share(), curve.stance_zone_share()
    fs = curve.foot_strike_deg
    fs_where = f"{zone_position(fs)} the zone"
    n_passes = len(curve.stance_zone_passes())
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
        "In the zone:",
        f"  {share * 100:.0f} % of the stride",
        f"  {stance_share * 100:.0f} % of stance",
        f"  {curve.swing_zone_share() * 100:.0f} % of swing",
        f"Loaded passes: {n_passes}",
        "",
        ILLUSTRATIVE_NOTE.replace(", ", ",\n"),
    ]
    fig.text(0.745, 0.85, "\n".join(lines), va="top", ha="left", fontsize=9.3, family="DejaVu Sans",
             linespacing=1.25, color=style.ROLE["text"])
    return fig


def gait_zone_alt(gait: str = "easy_run", speed_level: str = "typical") -> str:
    """Alt text for :func:`draw_gait_zone`, with the numbers it shows."""
    gait = _check_gait_name(gait)
    speed = speed_for(gait, _check_speed_level(speed_level))
    c = knee_curve(gait, speed)
    return (f"Illustrative knee flexion curve over one stride for {GAITS[gait].label.lower()} at "
            f"{speed:g} km/h ({GAITS[gait].basis}): "
            f"{c.foot_strike_deg:.0f} degrees at foot strike, {c.value_at('peak stance'):.0f} at peak stance, "
            f"stance ending at {c.stance_fraction * 100:.0f} % of the stride, {c.value_at('peak swing'):.0f} "
            f"degrees at peak swing. The knee is inside the shaded {_ZONE} degree zone for "
            f"{c.zone_share() * 100:.0f} % of the stride and {c.stance_zone_share() * 100:.0f} % of stance, "
            f"with {_passes_text(c)} in stance.")


def draw_foot_strike(foot_strike_deg: float = 17.0, gait: str = "downhill_run"):
    """Set the foot-strike angle: the stance curve on the left, the cited angles on a ruler on the right.

    Left: the first 60 % of the stride of ``gait`` (default the downhill run)
    with the chosen foot-strike angle, the zone shaded, and a level easy run
    faintly for comparison; the shares of stance and stride in the zone are
    printed for both. Right: the foot-strike angles the sources report, with
    the chosen value as a thick line.
    """
    fs = _check_foot_strike(foot_strike_deg)
    gait = _check_strike_gait(gait)
    curve = knee_curve(gait, None, fs)
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
    ax.text(1, 58, ILLUSTRATIVE_NOTE.replace(", ", ",\n"), ha="left", va="top", fontsize=8,
            style="italic", color=style.ROLE["muted"])
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
    r.text(1.35, 36, "Downhill: MORE flexed at strike\n(Robertz 2022, conference paper,\ndirection only)", fontsize=7.8,
           va="center", color=red)
    r.plot([0.5, 1.3], [24.5, 35.0], color=red, lw=0.8, clip_on=False)
    r.plot([0.5, 0.5], [17.5, 24.0], color=red, lw=1.0)
    r.plot([0.5], [24.5], marker="^", color=red, ms=6)
    r.plot([0, 1], [curve.foot_strike_deg] * 2, color=_STYLES[gait]["color"], lw=3.0)
    r.plot([0.5], [curve.foot_strike_deg], _STYLES[gait]["marker"], color=_STYLES[gait]["color"],
           mec="black", ms=7)
    return fig


def foot_strike_alt(foot_strike_deg: float = 17.0, gait: str = "downhill_run") -> str:
    """Alt text for :func:`draw_foot_strike`, with the numbers it shows."""
    fs = _check_foot_strike(foot_strike_deg)
    gait = _check_strike_gait(gait)
    c = knee_curve(gait, None, fs)
    level = knee_curve("easy_run")
    ruler = "; ".join(f"{value:g}, {label}" for value, label, _key in CITED_FOOT_STRIKE)
    return (f"Illustrative stance-phase knee curve of a {GAITS[gait].label.lower()} with the foot-strike "
            f"angle set to {c.foot_strike_deg:.0f} degrees, {zone_position(c.foot_strike_deg)} the shaded "
            f"{_ZONE} degree zone; the knee is in the zone for "
            f"{c.stance_zone_share() * 100:.0f} % of stance and {c.zone_share() * 100:.0f} % of the stride "
            f"(level easy run: {level.stance_zone_share() * 100:.0f} % and {level.zone_share() * 100:.0f} %). "
            f"Beside it a ruler of cited foot-strike angles in degrees: {ruler}; and an arrow for "
            f"Robertz 2022, a conference paper that found the knee more flexed at foot strike downhill.")


def draw_cadence_zone(cadence_change_pct: float = 10.0):
    """Stance of the easy run at the preferred cadence and at a higher one, with the zone.

    The higher cadence takes the changes Heiderscheit et al. 2011 measured (the
    knee lands a little more bent and peaks lower); the printed shares show that
    in the zone framework this can RAISE the share of stance in the zone.
    """
    curves = cadence_comparison(cadence_change_pct)
    pre, hi = curves["preferred"], curves["higher"]
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.7)
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.085, 0.14, 0.60, 0.66))
    lo_z, hi_z = ZONE_DEG
    ax.axhspan(lo_z, hi_z, color=style.ROLE["zone"], alpha=0.28, lw=0, zorder=0)
    for curve, colour, ls, label in (
            (pre, style.ROLE["band"], "-", "Preferred cadence"),
            (hi, style.PALETTE["orange"], "--", f"Cadence +{hi.cadence_change_pct:g} % (same speed)")):
        m = curve.stance_mask
        ax.plot(curve.stride_pct[m], curve.knee_flexion_deg[m], color=colour, ls=ls, lw=2.4,
                label=f"{label}: strike {curve.foot_strike_deg:.1f}°, peak {curve.peak_stance_deg:.1f}°")
    ax.text(1, sum(ZONE_DEG) / 2, f"{_ZONE}° zone", va="center", fontsize=8.5)
    ax.set_xlim(0, pre.stance_fraction * 100)
    ax.set_ylim(10, 45)
    ax.set_xlabel("Stance (% of the stride)")
    ax.set_ylabel("Knee flexion (degrees)")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=8.5)
    lines = ["Share of stance", "in the zone:",
             f"  preferred {pre.stance_zone_share() * 100:.0f} %",
             f"  +{hi.cadence_change_pct:g} % cadence {hi.stance_zone_share() * 100:.0f} %",
             "", "Loaded passes", "per contact:",
             f"  {len(pre.stance_zone_passes())} and {len(hi.stance_zone_passes())}",
             "", ILLUSTRATIVE_NOTE.replace(", ", ",\n")]
    fig.text(0.72, 0.80, "\n".join(lines), va="top", ha="left", fontsize=9.2, linespacing=1.25,
             color=style.ROLE["text"])
    return fig


def cadence_zone_alt(cadence_change_pct: float = 10.0) -> str:
    """Alt text for :func:`draw_cadence_zone`, with the numbers it shows."""
    curves = cadence_comparison(cadence_change_pct)
    pre, hi = curves["preferred"], curves["higher"]
    return (f"Two illustrative stance-phase knee curves of an easy level run. At the preferred cadence the "
            f"knee lands at {pre.foot_strike_deg:.1f} degrees and peaks at {pre.peak_stance_deg:.1f}; at "
            f"+{hi.cadence_change_pct:g} % cadence it lands at {hi.foot_strike_deg:.1f} and peaks at "
            f"{hi.peak_stance_deg:.1f}, the changes measured by Heiderscheit and colleagues. The share of "
            f"stance inside the shaded {_ZONE} degree zone is {pre.stance_zone_share() * 100:.0f} % at the "
            f"preferred cadence and {hi.stance_zone_share() * 100:.0f} % at the higher one; in stance the "
            f"first has {_passes_text(pre)}, the second {_passes_text(hi)}.")
