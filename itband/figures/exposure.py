"""The weekly exposure figure of Lesson 2 (and Lesson 6): loaded zone passes per week, as now and
after each change of :data:`itband.models.exposure.SCENARIOS`, with its alt text.

Every number drawn or described comes from :mod:`itband.models.exposure`.
"""
from __future__ import annotations

from ..course import style
from ..models.constants import IMPINGEMENT_ZONE_DEG
from ..models.exposure import EXPOSURE_NOTE, scenarios

_ZONE = f"{IMPINGEMENT_ZONE_DEG[0]:g}-{IMPINGEMENT_ZONE_DEG[1]:g}"


def draw_weekly_exposure(weekly_distance_km: float = 30.0, cadence_spm: float = 165.0,
                         speed_kmh: float = 10.0, run_days_per_week: int = 4):
    """Horizontal bars: loaded zone passes per leg per week, as now and after each change.

    Each bar is labelled with its count and its change from "As now"; the
    cadence bars also note that load per contact falls. Returns a Figure.
    """
    rows = scenarios(weekly_distance_km, speed_kmh, cadence_spm, run_days_per_week)
    base = rows[0][1].zone_passes_per_leg_per_week
    # the phone layout writes each change above its bar, so the bars get the full width
    phone = style.on_phone()
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 5.3 if phone else 3.9)
    fig.set_layout_engine("none")  # fixed layout: a constrained layout costs more than the drawing
    ax = style.axes_at(fig, 0.1, 0.62, 4.0, 3.6) if phone else fig.add_axes((0.245, 0.13, 0.74, 0.77))
    labels = [lbl for lbl, _ in rows][::-1]
    values = [ex.zone_passes_per_leg_per_week for _, ex in rows][::-1]
    colours, hatches = [], []
    for lbl in labels:
        if lbl == "As now":
            colours.append(style.ROLE["muted"]); hatches.append("")
        elif lbl.startswith("Cadence"):
            colours.append(style.PALETTE["orange"]); hatches.append("//")
        else:
            colours.append(style.ROLE["band"]); hatches.append("")
    bars = ax.barh(labels, values, color=colours, hatch=hatches, edgecolor="white", height=0.45 if phone else 0.65)
    top = max(values + [1.0])
    if phone:
        style.names_above_bars(ax, range(len(labels)), labels, 0.45, fontsize=9.5)
    for bar, v, lbl in zip(bars, values, labels):
        change = "" if lbl == "As now" or base == 0 else f"  ({(v / base - 1) * 100:+.0f} %)"
        extra = ", each lighter" if lbl.startswith("Cadence") else ""
        ax.text(v + top * 0.01, bar.get_y() + bar.get_height() / 2, f"{v:,.0f}{change}{extra}",
                va="center", fontsize=9.5, color=style.ROLE["text"])
    ax.set_xlim(0, top * (1.85 if phone else 1.6))
    if phone:  # fewer, shorter tick labels across the narrower axis
        from matplotlib.ticker import FuncFormatter, MaxNLocator
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x / 1000:g}k" if x else "0"))
    xlabel = f"Loaded passes of one knee through the {_ZONE}° zone per week"
    ax.set_xlabel(xlabel.replace(" the ", "\nthe ") if phone else xlabel)
    ex0 = rows[0][1]
    title = (f"{ex0.weekly_distance_km:g} km a week at {ex0.speed_kmh:g} km/h, "
             f"{ex0.cadence_spm:g} steps/min, {ex0.run_days_per_week} run days: "
             f"step {ex0.step_length_m:.2f} m")
    fig.text(0.5, 1 - 0.3 / fig.get_figheight() if phone else 0.955, title.replace(": ", ":\n") if phone else title,
             fontsize=11, ha="center", va="center")
    note = EXPOSURE_NOTE.split(":")[0]
    if phone:
        fig.text(0.5, 0.1 / fig.get_figheight(), note, ha="center", va="bottom", fontsize=9, style="italic",
                 color=style.ROLE["muted"])
    else:
        ax.text(0.99, 1.0, note.replace(", ", ",\n"), transform=ax.transAxes,
                ha="right", va="top", fontsize=9, style="italic", color=style.ROLE["muted"])
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return fig


def weekly_exposure_alt(weekly_distance_km: float = 30.0, cadence_spm: float = 165.0,
                        speed_kmh: float = 10.0, run_days_per_week: int = 4) -> str:
    """Alt text for :func:`draw_weekly_exposure`, with the numbers it shows."""
    rows = scenarios(weekly_distance_km, speed_kmh, cadence_spm, run_days_per_week)
    base = rows[0][1]
    parts = [f"{lbl.lower()} {ex.zone_passes_per_leg_per_week:,.0f}" for lbl, ex in rows[1:]]
    return (f"Bar chart of loaded passes of one knee through the {_ZONE} degree zone per week for "
            f"{base.weekly_distance_km:g} km a week at {base.speed_kmh:g} km/h and {base.cadence_spm:g} steps per "
            f"minute over {base.run_days_per_week} run days (step length {base.step_length_m:.2f} m): "
            f"{base.zone_passes_per_leg_per_week:,.0f} as now; " + "; ".join(parts) +
            ". Marked as an exposure count, not an injury prediction.")
