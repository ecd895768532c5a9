"""Lesson 6's prevention figures (:mod:`itband.models.prevention`): each ``draw_*`` beside its alt text.

The load figures draw Lesson 2's exposure model; the cited numbers come from the evidence
registry through the model module.
"""
from __future__ import annotations

import numpy as np

from ..course import style
from ..course.validate import check_choice
from ..models import exposure
from ..models.constants import IMPINGEMENT_ZONE_DEG
from ..models.prevention import (DOWNHILL_BRAKING_RISE_PCT, DOWNHILL_IMPACT_RISE_PCT, DOWNHILL_SLOPE_DEG,
                                 DOWNHILL_SPEED_MPS, SHOE_STATES, SHOE_TILT_DEG, WALK_CADENCE_SPM,
                                 WALK_SPEED_KMH, WARM_UP_WALK_M, cadence_rows, exposure_reduction_pct,
                                 mileage_cut_exposure, warm_up_walk)

_ZONE = "-".join(f"{x:g}" for x in IMPINGEMENT_ZONE_DEG)


# --------------------------------------------------------------------------- load


def draw_mileage_cut(mileage_cut_pct: float = 20.0, fewer_run_days: int = 0):
    """Before/after bars of loaded zone passes per leg per week, and the week's run and rest days."""
    before, after = mileage_cut_exposure(mileage_cut_pct, fewer_run_days)
    red = exposure_reduction_pct(mileage_cut_pct, fewer_run_days)
    phone = style.on_phone()  # the bars and the week's boxes across the figure, their names above them
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 4.35 if phone else 3.3)
    ax = style.fixed_axes(fig, (0.023, 0.42, 0.9, 0.34) if phone else (0.27, 0.45, 0.7, 0.36))
    vals = [after.zone_passes_per_leg_per_week, before.zone_passes_per_leg_per_week]
    names = ["After the change", "Before"]
    bars = ax.barh(names, vals, color=[style.ROLE["band"], style.ROLE["muted"]],
                   hatch=["//", ""], edgecolor="white", height=0.4 if phone else 0.6)
    if phone:
        style.names_above_bars(ax, [0, 1], names, 0.4, fontsize=9.5)
        ax.set_ylim(-0.35, 1.6)
        ax.spines["left"].set_visible(False)
    for b, v in zip(bars, vals):
        ax.text(v + before.zone_passes_per_leg_per_week * 0.01, b.get_y() + b.get_height() / 2, f"{v:,.0f}",
                va="center", fontsize=10)
    ax.set_xlim(0, before.zone_passes_per_leg_per_week * 1.25)
    xlabel = f"Loaded passes of one knee through the {_ZONE}° zone per week"
    ax.set_xlabel(xlabel.replace(" the ", "\nthe ") if phone else xlabel, fontsize=9.5)
    if phone:
        from matplotlib.ticker import MaxNLocator
        ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.tick_params(axis="y", length=0)
    days_txt = "no extra rest day" if fewer_run_days == 0 else (
        f"{fewer_run_days} more rest day" + ("s" if fewer_run_days > 1 else ""))
    title = (f"Cut distance {mileage_cut_pct:g} %, {days_txt}: "
             f"{before.weekly_distance_km:g} \u2192 {after.weekly_distance_km:.1f} km, "
             f"{red:.0f} % fewer loaded passes")
    fig.text(0.01, 1 - 0.08 / fig.get_figheight() if phone else 0.975, title.replace(": ", ":\n") if phone else title,
             fontsize=11, va="top")
    # The week as 7 boxes: run days and rest days.
    axw = style.fixed_axes(fig, (0.023, 0.03, 0.955, 0.13) if phone else (0.27, 0.04, 0.7, 0.17))
    axw.set_xlim(0, 7)
    axw.set_ylim(0, 1)
    axw.axis("off")
    run_days = after.run_days_per_week
    for d in range(7):
        run = d < run_days
        axw.add_patch(_box(d + 0.05, 0.05, 0.9, 0.9, style.ROLE["band"] if run else "#F2F2F2",
                           "", "black" if run else style.ROLE["muted"]))
        axw.text(d + 0.5, 0.5, "run" if run else "rest", ha="center", va="center", fontsize=9.5,
                 color="white" if run else style.ROLE["text"], fontweight="bold" if run else "normal")
    if phone:
        fig.text(0.023, 0.17, f"The week after ({run_days} run days)", fontsize=9.5, va="bottom")
    else:
        fig.text(0.01, 0.12, f"The week after\n({run_days} run days)", fontsize=9.5, va="center")
    fig.text(0.99, 1 - 0.6 / fig.get_figheight() if phone else 0.9, exposure.EXPOSURE_NOTE.split(":")[0], fontsize=8.5,
             ha="right", va="top", style="italic", color=style.ROLE["muted"])
    return fig


def _box(x, y, w, h, face, hatch, edge):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=face, hatch=hatch, edgecolor=edge, linewidth=0.8)


def mileage_cut_alt(mileage_cut_pct: float = 20.0, fewer_run_days: int = 0) -> str:
    """Alt text for :func:`draw_mileage_cut`."""
    before, after = mileage_cut_exposure(mileage_cut_pct, fewer_run_days)
    return (f"Two bars: {before.zone_passes_per_leg_per_week:,.0f} loaded passes of one knee through the "
            f"{_ZONE} degree zone per week before, {after.zone_passes_per_leg_per_week:,.0f} after cutting "
            f"distance {mileage_cut_pct:g} % and resting {fewer_run_days} more day{'' if fewer_run_days == 1 else 's'} "
            f"({exposure_reduction_pct(mileage_cut_pct, fewer_run_days):.0f} % fewer); the week then has "
            f"{after.run_days_per_week} run days.")


# --------------------------------------------------------------------------- warm-up walk


def draw_warm_up_walk():
    """Two session timelines: a 400 m and an 800 m walk before the run, with minutes and steps."""
    phone = style.on_phone()  # each walk's name above its bar, the bars across the figure
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 3.3 if phone else 2.5)
    ax = style.fixed_axes(fig, (0.023, 0.22, 0.94, 0.56) if phone else (0.3, 0.26, 0.67, 0.52))
    run_min, height = 20.0, (0.45 if phone else 0.55)
    for i, d in enumerate(WARM_UP_WALK_M[::-1]):
        w = warm_up_walk(d)
        ax.barh(i, w["minutes"], color="white", hatch="..", edgecolor=style.PALETTE["green"], height=height)
        ax.barh(i, run_min, left=w["minutes"], color=style.ROLE["band"], edgecolor="white", height=height)
        ax.text(w["minutes"] / 2, i, f"walk {w['minutes']:.1f} min\n{w['steps']:,.0f} steps", ha="center",
                va="center", fontsize=8 if phone else 9, color=style.ROLE["text"],
                bbox=dict(facecolor="white", edgecolor="none", pad=1.0))
        ax.text(w["minutes"] + run_min / 2, i, "then the run", ha="center", va="center", color="white",
                fontsize=10, fontweight="bold")
    names = [f"{WARM_UP_WALK_M[1]:g} m (half a mile)", f"{WARM_UP_WALK_M[0]:g} m (a quarter mile)"]
    if phone:
        style.names_above_bars(ax, [0, 1], names, height, fontsize=10)
        ax.set_ylim(-0.35, 1.65)
        ax.spines["left"].set_visible(False)
    else:
        ax.set_yticks([0, 1])
        ax.set_yticklabels(names)
    ax.set_xlim(0, 32)
    ax.set_xlabel("Minutes from the start of the session")
    ax.tick_params(axis="y", length=0)
    title = f"Walk 400-800 m before running: 5-10 minutes at {WALK_SPEED_KMH / 3.6:.1f} m/s"
    fig.text(0.01, 1 - 0.1 / fig.get_figheight(), title.replace(": ", ":\n") if phone else title,
             fontsize=11, va="top")
    return fig


def warm_up_alt() -> str:
    """Alt text for :func:`draw_warm_up_walk`, from :func:`itband.models.prevention.warm_up_walk`."""
    walks = [warm_up_walk(d) for d in WARM_UP_WALK_M]
    parts = [f"{w['distance_m']:g} m of walking takes about {w['minutes']:.1f} minutes and {w['steps']:,.0f} steps"
             for w in walks]
    return (f"Two timelines of a session: {parts[0]}, {parts[1]}, at "
            f"{WALK_SPEED_KMH / 3.6:.1f} metres per second and {WALK_CADENCE_SPM:g} steps per minute, before "
            "the run begins.")


# --------------------------------------------------------------------------- shoes


def _sole_outline(n: int = 120):
    """Outline of a right shoe's sole seen from below (x: -1 big-toe side ... +1 little-toe side)."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    y = -np.cos(t)  # -1 heel, +1 toe
    width = 0.34 + 0.14 * (y + 1) / 2 + 0.08 * np.exp(-((y - 0.45) / 0.35) ** 2)
    waist = 1 - 0.28 * np.exp(-((y + 0.05) / 0.25) ** 2)
    x = np.sin(t) * width * waist
    # Seen from below, a right sole has its outer (little-toe) edge on the viewer's left.
    shift = 0.05 * (y + 1) / 2
    return -(x - shift), y * 1.3


def draw_shoe_wear(shoe: str = "worn along the outer edge"):
    """A right shoe's sole from below (wear shaded) and the shoe from behind on a flat table.

    ``shoe`` is one of :data:`SHOE_STATES`. A sole worn through along the outer
    edge tilts the shoe outwards on a table: time for a new pair. Wear at the
    outer heel alone is common and not a fault.
    """
    check_choice("shoe", shoe, SHOE_STATES)
    from matplotlib.patches import Ellipse, Polygon

    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.9)
    ax = style.fixed_axes(fig, (0.02, 0.04, 0.45, 0.84))
    x, y = _sole_outline()
    ax.fill(x, y, facecolor="#E8E8E8", edgecolor="black", linewidth=1.4)
    # Tread lines.
    for yy in np.linspace(-1.1, 1.1, 12):
        ax.plot([-0.3, 0.3], [yy, yy + 0.04], color="#AAAAAA", lw=0.8)
    if shoe != "new":
        heavy = shoe == "worn along the outer edge"
        # Outer heel wear (everyone who lands on the heel shows some).
        ax.add_patch(Ellipse((-0.2, -1.08), 0.26 if not heavy else 0.34, 0.3 if not heavy else 0.5, angle=-25,
                             facecolor=style.PALETTE["orange"], hatch="////", edgecolor="#7A4F00",
                             alpha=0.9, zorder=3))
        if heavy:
            # A band along the outer edge of the outline, from the heel to the forefoot.
            pts = np.column_stack([x, y])
            outer = pts[(x < 0) & (y > -1.05) & (y < 1.0)]
            outer = outer[np.argsort(outer[:, 1])]
            inner = outer + np.array([0.13, 0.0])
            ax.add_patch(Polygon(np.vstack([outer, inner[::-1]]), closed=True,
                                 facecolor=style.PALETTE["vermillion"], hatch="xxx", edgecolor="#5A1F00",
                                 alpha=0.9, zorder=3))
    ax.text(-0.62, 0.0, "outer edge\n(little-toe side)", ha="right", va="center", fontsize=9.5)
    ax.text(0.62, 0.0, "inner edge\n(big-toe side)", ha="left", va="center", fontsize=9.5)
    ax.text(0.0, 1.45, "toe", ha="center", fontsize=9.5)
    ax.text(0.0, -1.55, "heel", ha="center", fontsize=9.5)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.7, 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    # Rear view on a table: the heel counter tilts outwards when the outer edge is worn away.
    tilt = SHOE_TILT_DEG[shoe]
    ax2 = style.fixed_axes(fig, (0.52, 0.12, 0.46, 0.7))
    ax2.text(1.2, 0.04, "flat table", ha="right", va="bottom", fontsize=9, color=style.ROLE["muted"], zorder=4)
    a = np.radians(tilt)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    shoe_pts = np.array([[-0.45, 0.0], [0.45, 0.0], [0.42, 0.25], [0.35, 1.0], [-0.35, 1.0], [-0.42, 0.25]])
    pivot = np.array([0.45, 0.0])  # the inner edge stays; the worn outer edge sinks and the shoe leans out
    pts = (shoe_pts - pivot) @ rot.T + pivot
    ax2.add_patch(Polygon(pts, closed=True, facecolor="#CFCFCF", edgecolor="black", lw=1.4, zorder=1))
    ax2.add_patch(_box(-1.3, -0.4, 2.6, 0.4, "white", "", "white"))  # the worn-away part is gone
    ax2.plot([-1.2, 1.2], [0, 0], color="black", lw=2.0, zorder=3)
    mid_top = (np.array([0.0, 1.0]) - pivot) @ rot.T + pivot
    mid_bot = (np.array([0.0, 0.0]) - pivot) @ rot.T + pivot
    ax2.plot([0, 0], [0, 1.25], ls="--", color=style.ROLE["muted"], lw=1.0, zorder=2)
    ax2.plot([mid_bot[0], mid_top[0]], [max(mid_bot[1], 0), mid_top[1]],
             color=style.PALETTE["vermillion"] if tilt else style.PALETTE["green"], lw=2.2, zorder=2)
    ax2.text(-0.7, 1.15, "outer", ha="center", fontsize=9)
    ax2.text(0.7, 1.15, "inner", ha="center", fontsize=9)
    verdict = {"new": "Sits upright: fine",
               "even wear": "Outer-heel wear only, upright: normal",
               "worn along the outer edge": f"Leans out about {tilt:g}°: replace"}[shoe]
    ax2.set_title("The shoe from behind", fontsize=10.5, loc="center")
    ax2.text(0, -0.3, verdict, ha="center", va="top", fontsize=10, fontweight="bold", zorder=4)
    ax2.set_xlim(-1.3, 1.3)
    ax2.set_ylim(-0.55, 1.45)
    ax2.set_aspect("equal")
    ax2.axis("off")
    fig.text(0.01, 0.975, f"Right shoe, sole seen from below: {shoe}", fontsize=11, va="top")
    return fig


def shoe_wear_alt(shoe: str = "worn along the outer edge") -> str:
    """Alt text for :func:`draw_shoe_wear`."""
    check_choice("shoe", shoe, SHOE_STATES)
    return {
        "new": "Drawing of a new right shoe sole seen from below with no wear, and the shoe from behind "
               "standing upright on a flat table.",
        "even wear": "Drawing of a right shoe sole with a small worn patch at the outer heel, which is common, "
                     "and the shoe from behind still standing upright on a table.",
        "worn along the outer edge": "Drawing of a right shoe sole worn away along the whole outer edge and "
                                     "the outer heel, and the shoe from behind tilting about "
                                     f"{SHOE_TILT_DEG[shoe]:g} degrees outwards on a flat table: time to "
                                     "replace it.",
    }[shoe]


# --------------------------------------------------------------------------- cadence


def draw_cadence_change():
    """Steps per km and step length at the runner's cadence and at +5 % and +10 % (Lesson 2's model)."""
    rows = cadence_rows()
    base = rows[0][1]
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.0)
    fig.set_layout_engine(None)
    ax1 = fig.add_axes((0.08, 0.17, 0.38, 0.62))
    ax2 = fig.add_axes((0.59, 0.17, 0.38, 0.62))
    labels = [f"{'as now' if p == 0 else f'+{p:g} %'}\n{ex.cadence_spm:.0f}/min" for p, ex in rows]
    hatches = ["", "//", "xx"]
    cols = [style.ROLE["muted"], style.PALETTE["orange"], style.PALETTE["vermillion"]]
    v1 = [ex.steps_per_km for _, ex in rows]
    v2 = [ex.step_length_m for _, ex in rows]
    for ax, vals, fmt, title in ((ax1, v1, "{:,.0f}", "Steps per km (more)"),
                                 (ax2, v2, "{:.2f} m", "Step length (shorter, lighter)")):
        bars = ax.bar(labels, vals, color=cols, hatch=hatches, edgecolor="black", linewidth=0.6, width=0.6)
        for b, v in zip(bars, vals):
            ax.text(b.get_x() + b.get_width() / 2, v * 1.01, fmt.format(v), ha="center", va="bottom", fontsize=9.5)
        ax.set_ylim(0, max(vals) * 1.2)
        ax.set_title(title, fontsize=10.5)
        ax.tick_params(axis="x", labelsize=9)
    ups = " and ".join(f"+{p:g} %" for p, _ in rows[1:])
    fig.text(0.01, 0.975, f"Cadence {ups} at the same {base.speed_kmh:g} km/h: more, shorter steps",
             fontsize=10.5, va="top")
    return fig


def cadence_alt() -> str:
    """Alt text for :func:`draw_cadence_change`."""
    rows = cadence_rows()
    ups = " and ".join(f"+{p:g} %" for p, _ in rows[1:])
    return (f"Two bar charts for cadence as now, {ups} at {rows[0][1].speed_kmh:g} km/h: steps per km "
            + ", ".join(f"{ex.steps_per_km:,.0f}" for _, ex in rows) + "; step length "
            + ", ".join(f"{ex.step_length_m:.2f} m" for _, ex in rows) + ".")


# --------------------------------------------------------------------------- slopes


def draw_downhill_and_camber():
    """Left: ground-reaction peaks running downhill vs level (Gottschall & Kram 2005, registry values).
    Right: a cambered road from behind, one foot lower than the other."""
    from matplotlib.patches import Polygon

    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.2)
    fig.set_layout_engine(None)
    ax = fig.add_axes((0.09, 0.16, 0.4, 0.64))
    names = ["Impact peak", "Braking peak"]
    x = np.arange(2)
    ax.bar(x - 0.18, [100, 100], width=0.34, color=style.ROLE["muted"], label="level", edgecolor="black", lw=0.6)
    rises = (DOWNHILL_IMPACT_RISE_PCT, DOWNHILL_BRAKING_RISE_PCT)
    ax.bar(x + 0.18, [100 + r for r in rises], width=0.34, color=style.PALETTE["vermillion"],
           hatch="//", label=f"{DOWNHILL_SLOPE_DEG:g}° downhill", edgecolor="black", lw=0.6)
    for xi, r in zip(x, rises):
        ax.text(xi + 0.18, 100 + r + 3, f"+{r:g} %", ha="center", fontsize=9.5)
    ax.set_xticks(x)
    ax.set_xticklabels(names)
    ax.set_ylabel("% of level running")
    ax.set_ylim(0, 245)
    ax.legend(loc="upper left", fontsize=9, ncol=2)
    ax.set_title(f"Downhill at {DOWNHILL_SPEED_MPS:g} m/s", fontsize=10.5)
    ax2 = fig.add_axes((0.55, 0.1, 0.43, 0.72))
    road = np.array([[-1.6, 0.0], [0.0, 0.25], [1.6, 0.0], [1.6, -0.15], [-1.6, -0.15]])
    ax2.add_patch(Polygon(road, closed=True, facecolor="#BBBBBB", edgecolor="black"))
    # Two feet on the right-hand slope: the outer foot sits lower.
    for fx, lab, dy in ((0.45, "higher\nfoot", 0.0), (1.2, "lower\nfoot", 0.0)):
        fy = 0.25 - 0.25 * fx / 1.6
        ax2.plot([fx, fx], [fy, fy + 0.8], color=style.ROLE["band"], lw=5, solid_capstyle="round")
        ax2.text(fx + 0.12, fy + 0.4 + dy, lab, ha="left", va="center", fontsize=9)
    ax2.text(0.0, -0.32, "crown", ha="center", fontsize=9, color=style.ROLE["muted"])
    ax2.text(1.55, -0.32, "road edge", ha="right", fontsize=9, color=style.ROLE["muted"])
    ax2.set_xlim(-1.7, 1.7)
    ax2.set_ylim(-0.45, 1.35)
    ax2.set_aspect("equal")
    ax2.axis("off")
    ax2.set_title("A cambered road, from behind", fontsize=10.5)
    fig.text(0.01, 0.975, "Ease into downhill and cambered running", fontsize=11, va="top")
    return fig


def downhill_alt() -> str:
    """Alt text for :func:`draw_downhill_and_camber`, from the registry's values."""
    return (f"Left: bar chart, running down a {DOWNHILL_SLOPE_DEG:g} degree slope at {DOWNHILL_SPEED_MPS:g} "
            f"metres per second raised the impact peak of the ground reaction force by "
            f"{DOWNHILL_IMPACT_RISE_PCT:g} % and the braking peak by {DOWNHILL_BRAKING_RISE_PCT:g} % over level "
            "running (Gottschall and Kram 2005). Right: drawing of a road cambered from a central crown, with "
            "a runner's outer foot lower than the inner one.")
