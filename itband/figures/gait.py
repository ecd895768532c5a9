"""The gait figures of Lesson 2, each beside its alt text: the measured runners' knee flexion
with the impingement zone (:func:`draw_measured_zone`), two runners at three speeds
(:func:`draw_speeds`), the disputed downhill foot-strike angle on an illustrative curve beside the
measured level runners (:func:`draw_foot_strike`) and what a higher cadence does to the measured
runners' time in the zone (:func:`draw_cadence_zone`).

Every number drawn or described comes from :mod:`itband.models.gait` (and through it the
dataset and the evidence registry). Measured figures carry the dataset's attribution
(:data:`DATA_CREDIT`); the illustrative downhill curve is labelled as such.
"""
from __future__ import annotations

from ..course import style
from ..course.validate import check_choice, check_number
from ..models.constants import IMPINGEMENT_ZONE_DEG
import numpy as np
from matplotlib.collections import LineCollection

from ..models.gait import (CITED_FOOT_STRIKE, COHORT_SPEED_MPS, CYCLE_PCT, FOOT_STRIKE_RANGE_DEG, GAITS,
                           KneeCurve, check_runner, cohort_band, cohort_summary, knee_curve,
                           measured_cadence, runner_stats, speed_rows, zone_position)

ZONE_DEG = IMPINGEMENT_ZONE_DEG
_ZONE = f"{ZONE_DEG[0]:g}-{ZONE_DEG[1]:g}"
#: The note every gait figure carries.
ILLUSTRATIVE_NOTE = "Illustrative curves, not measurements"
#: The attribution every figure of measured data carries.
DATA_CREDIT = "Data: Fukuchi, Fukuchi & Duarte 2017 (CC BY 4.0)"
_MEASURED = style.ROLE["band"]
_FAINT = "#9aa4ad"


def _check_foot_strike(foot_strike_deg) -> float:
    # None is the model's "typical" default, but a figure the reader steers needs a number
    return check_number("foot_strike_deg", foot_strike_deg, *FOOT_STRIKE_RANGE_DEG, "degrees")


def _check_strike_gait(gait) -> str:
    if not isinstance(gait, str):
        raise ValueError(f"gait={gait!r} is not one of the allowed values: 'downhill_run'")
    return check_choice("gait", gait, ("downhill_run",))


def _passes_text(curve: KneeCurve) -> str:
    passes = curve.stance_zone_passes()
    if not passes:
        return "no loaded pass through the zone"
    kinds = " and ".join(p.direction for p in passes)
    return f"{len(passes)} loaded pass{'es' if len(passes) != 1 else ''} ({kinds})"

_STYLES = {
    "walk": dict(color=style.PALETTE["green"], ls=":", marker="s"),
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


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def _spread(values, unit="°", pct=False) -> str:
    mean, sd, lo, hi = values
    if pct:
        return f"{mean * 100:.0f} ± {sd * 100:.0f} % ({lo * 100:.0f}-{hi * 100:.0f})"
    return f"{mean:.1f} ± {sd:.1f}{unit} ({lo:.1f}-{hi:.1f})"


def _zone_shade(ax):
    ax.axhspan(*ZONE_DEG, color=style.ROLE["zone"], alpha=0.32, lw=0, zorder=0)


#: The phone layouts' geometry (inches): the charts' left edge and width.
_PHONE_LEFT_IN, _PHONE_WIDE_IN = 0.62, 3.63


def _notes_in_two_columns(fig, lines: list[str], top_in: float) -> None:
    """The side notes of a column figure, on the phone layout: under the chart in two columns,
    split near the middle but never between a heading and its indented value."""
    cut = len(lines) // 2
    while 0 < cut < len(lines) - 1 and (lines[cut].startswith("  ") or not lines[cut]):
        cut += 1
    for left_in, part in ((0.05, lines[:cut]), (2.25, lines[cut:])):
        style.text_at(fig, left_in, top_in, "\n".join(part).strip("\n"), ha="left", fontsize=8.4,
                      linespacing=1.25, color=style.ROLE["text"])


def _draw_band(ax, band, *, faint_curves=True, label="Mean ± SD of the 23 runners"):
    if faint_curves:  # one collection, not 23 lines: a redraw stays quick
        ax.add_collection(LineCollection([np.column_stack([CYCLE_PCT, c]) for c in band.curves.values()],
                                         colors=_FAINT, linewidths=0.6, alpha=0.7, zorder=1))
    ax.fill_between(CYCLE_PCT, band.mean_deg - band.sd_deg, band.mean_deg + band.sd_deg,
                    color=_MEASURED, alpha=0.22, lw=0, zorder=2)
    ax.plot(CYCLE_PCT, band.mean_deg, color=_MEASURED, lw=2.2, zorder=3, label=label)


def draw_measured_zone(runner: str = "all"):
    """Knee flexion of the 23 measured runners at 2.5 m/s over one stride, with the zone.

    ``runner="all"``: every runner faintly, their mean ± SD as a band. A runner's name
    (``"RBDS01"`` ...) draws that runner on top of the band. Stance ends at the stated rule
    (:data:`itband.models.gait.MEASURED_STANCE_END_PCT`); the side panel prints the numbers.
    """
    name = check_runner(runner)
    band, summ = cohort_band(), cohort_summary()
    phone = style.on_phone()  # the notes go under the chart
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 5.55 if phone else 4.1)
    fig.set_layout_engine("none")
    ax = (style.axes_at(fig, _PHONE_LEFT_IN, 0.62, _PHONE_WIDE_IN, 2.75) if phone
          else fig.add_axes((0.09, 0.13, 0.60, 0.72)))
    _zone_shade(ax)
    _draw_band(ax, band)
    if name != "all":
        st = runner_stats(name)
        k = band.curves[name]
        ax.plot(CYCLE_PCT, k, color=style.PALETTE["vermillion"], lw=2.4, zorder=4, label=f"Runner {name}")
        end = band.stance_end_pct
        inside = (k >= ZONE_DEG[0]) & (k <= ZONE_DEG[1]) & (CYCLE_PCT <= end)
        ax.plot(CYCLE_PCT[inside], k[inside], "o", color=style.PALETTE["vermillion"], ms=3.2, zorder=5)
    end = band.stance_end_pct
    ax.axvline(end, color="#555555", lw=0.9, ls=(0, (4, 3)))
    ax.text(end / 2, 98, "stance", ha="center", va="top", fontsize=8.5, color=style.ROLE["muted"])
    ax.text((end + 100) / 2, 98, "swing", ha="center", va="top", fontsize=8.5, color=style.ROLE["muted"])
    ax.text(99, sum(ZONE_DEG) / 2, f"{_ZONE}° zone", ha="right", va="center", fontsize=8.5)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("Stride (%), from foot strike to the next foot strike")
    ax.set_ylabel("Knee flexion (degrees)")
    if phone:
        ax.legend(loc="lower left", bbox_to_anchor=(-0.15, 1.0), fontsize=8.5, ncol=1)
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 1.17), fontsize=8.5, ncol=2)
    if name == "all":
        lines = [f"{summ.n_runners} runners, {COHORT_SPEED_MPS:g} m/s", "mean ± SD (range)", "",
                 "Foot strike:", f"  {_spread(summ.foot_strike_deg)}",
                 "Peak stance:", f"  {_spread(summ.peak_stance_deg)}",
                 "Share of stance in zone:", f"  {_spread(summ.stance_share, pct=True)}",
                 f"Land below {ZONE_DEG[0]:g}°: {summ.n_landing_below_zone} of {summ.n_runners}",
                 f"Cross zone twice: {summ.n_two_crossings} of {summ.n_runners}",
                 f"Stance: 0-{end} % of stride"]
    else:
        lines = [f"Runner {name}, {COHORT_SPEED_MPS:g} m/s", "",
                 f"Foot strike: {st.foot_strike_deg:.1f}°", f"  ({zone_position(st.foot_strike_deg)} the zone)",
                 f"Peak stance: {st.peak_stance_deg:.1f}°",
                 "Share of stance in zone:", f"  {_pct(st.stance_share)} (all runners {_pct(summ.stance_share[0])})",
                 f"Loaded passes: {st.entries}", f"Full crossings: {st.passes}",
                 f"Stance: 0-{end} % of stride"]
    lines += ["", DATA_CREDIT.replace(": ", ":\n").replace(" (", "\n(")]
    if phone:
        _notes_in_two_columns(fig, lines, 3.95)
    else:
        fig.text(0.725, 0.85, "\n".join(lines), va="top", ha="left", fontsize=8.6, linespacing=1.25,
                 color=style.ROLE["text"])
    return fig


def measured_zone_alt(runner: str = "all") -> str:
    """Alt text for :func:`draw_measured_zone`, with the numbers it shows."""
    name = check_runner(runner)
    summ = cohort_summary()
    end = summ.stance_end_pct
    base = (f"Measured knee flexion over one stride of {summ.n_runners} healthy runners at "
            f"{COHORT_SPEED_MPS:g} m/s, drawn faintly with their mean plus or minus one SD as a band; the "
            f"{_ZONE} degree zone is shaded and stance ends at {end} % of the stride. Across the runners "
            f"the knee is at {_spread(summ.foot_strike_deg, ' degrees')} at foot strike and "
            f"{_spread(summ.peak_stance_deg, ' degrees')} at peak stance, and spends "
            f"{_spread(summ.stance_share, pct=True)} of stance in the zone; {summ.n_landing_below_zone} of "
            f"{summ.n_runners} land below the zone and {summ.n_two_crossings} cross it twice in stance.")
    if name != "all":
        st = runner_stats(name)
        base += (f" Highlighted, runner {name}: {st.foot_strike_deg:.1f} degrees at foot strike, "
                 f"{st.peak_stance_deg:.1f} at peak stance, {_pct(st.stance_share)} of stance in the zone, "
                 f"{st.entries} loaded passes.")
    return base + " " + DATA_CREDIT + "."


def draw_speeds():
    """The two force-measured runners at 2.5, 3.5 and 4.5 m/s: stance-phase knee flexion with the
    zone, toe-off from the ground reaction force marked on each curve, and a table of numbers."""
    rows = speed_rows()
    runners = list(dict.fromkeys(r.runner for r in rows))
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.6)
    fig.set_layout_engine("none")
    colours = {2.5: style.PALETTE["blue"], 3.5: style.PALETTE["orange"], 4.5: style.PALETTE["vermillion"]}
    styles = {2.5: "-", 3.5: "--", 4.5: "-."}
    for i, runner in enumerate(runners):
        ax = fig.add_axes((0.08 + i * 0.46, 0.36, 0.40, 0.52))
        _zone_shade(ax)
        for r in (r for r in rows if r.runner == runner):
            end = r.stance_end_pct
            ax.plot(CYCLE_PCT[: end + 1], r.curve_deg[: end + 1], color=colours[r.speed_mps],
                    ls=styles[r.speed_mps], lw=2.0, label=f"{r.speed_mps:g} m/s")
            ax.plot([end], [r.curve_deg[end]], "|", color=colours[r.speed_mps], ms=12, mew=2)
        ax.set_xlim(0, 42)
        ax.set_ylim(0, 50)
        ax.set_title(f"Runner {runner}", fontsize=9.5, loc="left")
        ax.set_xlabel("Stride (%)")
        if i == 0:
            ax.set_ylabel("Knee flexion (degrees)")
            ax.legend(loc="lower right", fontsize=8)
        else:
            ax.set_yticklabels([])
        lines = ["speed   strike   peak   stance   in zone"]
        for r in (r for r in rows if r.runner == runner):
            lines.append(f"{r.speed_mps:g} m/s  {r.stats.foot_strike_deg:5.1f}°  {r.stats.peak_stance_deg:5.1f}°"
                         f"   {r.stance_end_pct:3d} %    {_pct(r.stats.stance_share)}")
        fig.text(0.08 + i * 0.46, 0.20, "\n".join(lines), va="top", ha="left", fontsize=7.6,
                 family="DejaVu Sans Mono", color=style.ROLE["text"])
    fig.text(0.08, 0.015, "Stance ends (|) where the ground reaction force ends.  " + DATA_CREDIT,
             fontsize=7.8, color=style.ROLE["muted"])
    return fig


def speeds_alt() -> str:
    """Alt text for :func:`draw_speeds`, with the numbers it shows."""
    parts = []
    for r in speed_rows():
        parts.append(f"runner {r.runner} at {r.speed_mps:g} m/s lands at {r.stats.foot_strike_deg:.1f} degrees, "
                     f"peaks at {r.stats.peak_stance_deg:.1f}, stance ends at {r.stance_end_pct} % of the stride "
                     f"and {_pct(r.stats.stance_share)} of stance is in the zone")
    return ("Stance-phase knee flexion of two measured runners at three speeds, the " + _ZONE +
            " degree zone shaded, toe-off from the ground reaction force: " + "; ".join(parts) + ". "
            + DATA_CREDIT + ".")


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
    band, summ = cohort_band(), cohort_summary()
    phone = style.on_phone()  # the ruler of cited values goes under the chart
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 6.75 if phone else 3.9)
    fig.set_layout_engine("none")
    ax = (style.axes_at(fig, _PHONE_LEFT_IN, 0.55, _PHONE_WIDE_IN, 2.6) if phone
          else fig.add_axes((0.085, 0.14, 0.45, 0.70)))
    _zone_shade(ax)
    _draw_band(ax, band, faint_curves=False, label=f"Level, measured: mean ± SD of {summ.n_runners} runners")
    _plot_curve(ax, curve, label=f"{GAITS[gait].label}, illustrative, strike {curve.foot_strike_deg:.0f}°")
    ax.axvline(curve.stance_fraction * 100, color="#555555", lw=0.9, ls=(0, (4, 3)))
    ax.text(curve.stance_fraction * 100 + 1, 56, "toe-off", fontsize=8.5, color=style.ROLE["muted"])
    ax.set_xlim(0, 60)
    ax.set_ylim(0, 60)
    ax.set_xticks([0, 20, 40, 60])
    ax.set_yticks([0, 10, 20, 30, 40, 50, 60])
    ax.set_xlabel("Stride (%)")
    ax.set_ylabel("Knee flexion (degrees)")
    ax.legend(loc="lower left", bbox_to_anchor=(-0.15 if phone else 0.0, 1.0), fontsize=8.2)
    txt = (f"Share of stance in the zone:\n  downhill (illustrative) {_pct(curve.stance_zone_share())}\n"
           f"  level (measured) {_spread(summ.stance_share, pct=True)}")
    ax.text(1, 1.5, txt, fontsize=8.2, color=style.ROLE["text"], va="bottom")
    if phone:
        style.text_at(fig, 0.05, 3.62, DATA_CREDIT + " (level)", fontsize=7.6, color=style.ROLE["muted"])
    else:
        fig.text(0.085, 0.01, DATA_CREDIT + " (level)", fontsize=7.6, color=style.ROLE["muted"])
    # ruler of cited values
    r = style.axes_at(fig, 0.75, 4.05, 0.32, 2.5) if phone else fig.add_axes((0.635, 0.14, 0.045, 0.70))
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
    summ = cohort_summary()
    ruler = "; ".join(f"{value:g}, {label}" for value, label, _key in CITED_FOOT_STRIKE)
    return (f"Illustrative stance-phase knee curve of a {GAITS[gait].label.lower()} with the foot-strike "
            f"angle set to {c.foot_strike_deg:.0f} degrees, {zone_position(c.foot_strike_deg)} the shaded "
            f"{_ZONE} degree zone; the knee is in the zone for {_pct(c.stance_zone_share())} of stance. "
            f"Behind it the measured level runners' mean plus or minus one SD ({summ.n_runners} runners, "
            f"{_spread(summ.stance_share, pct=True)} of stance in the zone). Beside it a ruler of cited "
            f"foot-strike angles in degrees: {ruler}; and an arrow for Robertz 2022, a conference paper "
            f"that found the knee more flexed at foot strike downhill. {DATA_CREDIT}.")


def draw_cadence_zone(cadence_change_pct: float = 10.0):
    """The measured runners' stance at the preferred cadence and at a higher one, with the zone.

    Each runner's curve takes the changes Heiderscheit et al. 2011 measured (the knee lands a
    little more bent and peaks lower; :func:`itband.models.gait.measured_cadence`); the means of
    the 23 runners are drawn and the shares of stance in the zone printed.
    """
    r = measured_cadence(cadence_change_pct)
    end = cohort_summary().stance_end_pct
    phone = style.on_phone()  # the notes go under the chart
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 5.2 if phone else 3.7)
    fig.set_layout_engine("none")
    ax = (style.axes_at(fig, _PHONE_LEFT_IN, 0.6, _PHONE_WIDE_IN, 2.55) if phone
          else fig.add_axes((0.085, 0.14, 0.60, 0.66)))
    _zone_shade(ax)
    x = CYCLE_PCT[: end + 1]
    for mean, colour, ls, label in (
            (r.preferred_mean_deg, _MEASURED, "-", "Preferred cadence (measured)"),
            (r.higher_mean_deg, style.PALETTE["orange"], "--", f"Cadence +{r.cadence_change_pct:g} % (modelled)")):
        ax.plot(x, mean[: end + 1], color=colour, ls=ls, lw=2.4,
                label=f"{label}: strike {mean[0]:.1f}°, peak {mean[: end + 1].max():.1f}°")
    ax.text(1, sum(ZONE_DEG) / 2, f"{_ZONE}° zone", va="center", fontsize=8.5)
    ax.set_xlim(0, end)
    ax.set_ylim(0, 45)
    ax.set_xlabel("Stance (% of the stride)")
    ax.set_ylabel("Knee flexion (degrees), mean of 23")
    ax.legend(loc="lower left", bbox_to_anchor=(-0.15 if phone else 0.0, 1.0), fontsize=8.2)
    up = int(np.sum(r.higher_shares > r.preferred_shares + 1e-12))
    lines = ["Share of stance in", "the zone, mean (range):",
             f"  preferred {_pct(r.preferred_shares.mean())}",
             f"    ({_pct(r.preferred_shares.min())}-{_pct(r.preferred_shares.max())})",
             f"  +{r.cadence_change_pct:g} % {_pct(r.higher_shares.mean())}",
             f"    ({_pct(r.higher_shares.min())}-{_pct(r.higher_shares.max())})",
             f"Higher in {up} of {len(r.higher_shares)}", "runners",
             "", DATA_CREDIT.replace(": ", ":\n").replace(" (", "\n("),
             "+ Heiderscheit 2011 shifts"]
    if phone:
        _notes_in_two_columns(fig, lines, 3.7)
    else:
        fig.text(0.72, 0.80, "\n".join(lines), va="top", ha="left", fontsize=8.6, linespacing=1.25,
                 color=style.ROLE["text"])
    return fig


def cadence_zone_alt(cadence_change_pct: float = 10.0) -> str:
    """Alt text for :func:`draw_cadence_zone`, with the numbers it shows."""
    r = measured_cadence(cadence_change_pct)
    end = cohort_summary().stance_end_pct
    pre, hi = r.preferred_mean_deg[: end + 1], r.higher_mean_deg[: end + 1]
    up = int(np.sum(r.higher_shares > r.preferred_shares + 1e-12))
    return (f"Mean stance-phase knee curves of the 23 measured runners. At the preferred cadence the knee "
            f"lands at {pre[0]:.1f} degrees and peaks at {pre.max():.1f}; with each runner's curve moved by the "
            f"changes Heiderscheit and colleagues measured at +{r.cadence_change_pct:g} % cadence it lands at "
            f"{hi[0]:.1f} and peaks at {hi.max():.1f}. The share of stance inside the shaded {_ZONE} degree "
            f"zone is {_pct(r.preferred_shares.mean())} on average at the preferred cadence and "
            f"{_pct(r.higher_shares.mean())} at the higher one, higher in {up} of {len(r.higher_shares)} "
            f"runners. {DATA_CREDIT}.")
