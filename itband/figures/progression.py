"""Drawings of the Lesson 4 hip-strengthening plan (:mod:`itband.models.progression`):
:func:`draw_plan` beside its alt text :func:`plan_alt`, both built from the same plan."""
from __future__ import annotations

import textwrap

import numpy as np

from ..course.validate import check_choice, check_int, check_number
from ..models import pain_monitoring
from ..models.progression import MOVES, PHASES, STOP_ADVICE, TOP_LEVEL, WeekReport, build_plan

def _scenario(week: int, pain_during_0_10: float, weeks: int, start_level: int, rules: str):
    """The plan in which only ``week`` goes badly; checks every argument under its own name."""
    n = check_int("weeks", weeks, 1, 12)
    wk = check_int("week", week, 1, n)
    pain = check_number("pain_during_0_10", pain_during_0_10, 0, 10, "/10")
    check_int("start_level", start_level, 1, TOP_LEVEL)
    check_choice("rules", rules, list(pain_monitoring.RULES))
    return build_plan(start_level, n, {wk: WeekReport(pain)}, rules=rules), wk, n, pain


def draw_plan(week: int = 3, pain_during_0_10: float = 1, weeks: int = 8, start_level: int = 1,
              rules: str = pain_monitoring.DEFAULT_RULES):
    """The plan when the runner reports ``pain_during_0_10`` at the end of ``week``
    (every other week going smoothly): level per week, weekly volume, and the
    next week's exercises."""
    from matplotlib.ticker import MaxNLocator

    from ..course.style import PALETTE, ROLE, new_figure

    plan, week, weeks, pain_during_0_10 = _scenario(week, pain_during_0_10, weeks, start_level, rules)
    fig = new_figure(7.0, 4.6, layout=None)
    # Panel titles and the next-week notes are figure texts, not axes titles or a
    # third, hidden axes: matplotlib re-measures every tick label to place an axes
    # title, which made this the slowest redraw of the course.
    ax1 = fig.add_axes((0.085, 0.6, 0.46, 0.28))
    ax2 = fig.add_axes((0.085, 0.11, 0.46, 0.38))
    x = np.arange(1, len(plan.weeks) + 1)   # a plan that stopped has fewer weeks than asked for
    lv = plan.levels()
    phase_colours = {1: "#EAF3FB", 2: "#FDF1E2", 3: "#E8F5EF"}
    for lo, hi, ph in ((0.5, 2.5, 1), (2.5, 5.5, 2), (5.5, 8.5, 3)):
        ax1.axhspan(lo, hi, color=phase_colours[ph], zorder=0)
        if ph == 1:
            ax1.text(weeks + 0.5, lo + 0.15, PHASES[ph][0], fontsize=7, va="bottom", ha="right",
                     color=ROLE["muted"])
        else:
            ax1.text(0.55, hi - 0.15, PHASES[ph][0], fontsize=7, va="top", color=ROLE["muted"])
    ax1.step(x, lv, where="mid", color=PALETTE["blue"], lw=1.8)
    ax1.plot(x, lv, "o", color=PALETTE["blue"], markersize=5)
    w = plan.weeks[min(week, len(plan.weeks)) - 1]
    week = w.week
    marker = {"progress": "^", "hold": "s", "step back": "v", "stop": "X"}[w.decision]
    colour = {"progress": ROLE["ok"], "hold": PALETTE["orange"], "step back": ROLE["warn"],
              "stop": ROLE["warn"]}[w.decision]
    ax1.plot([week], [lv[week - 1]], marker=marker, markersize=11, color=colour, markeredgecolor="black", zorder=5)
    ax1.annotate(f"pain {pain_during_0_10:g}/10: {w.decision}", xy=(week, lv[week - 1]),
                 xytext=(-6 if week == 1 else 0, 12), textcoords="offset points",
                 ha="left" if week == 1 else "center", fontsize=8.5, fontweight="bold",
                 bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    ax1.set_ylim(0.5, 8.9)
    # Levels and weeks as plain texts, not tick labels: matplotlib builds a whole tick object (two
    # marks, a grid line, two labels) per label, a third of this figure's build time.
    ax1.set_yticks([])
    levels_at = ax1.get_yaxis_transform()  # x in axes fractions, y in data
    for level in range(1, TOP_LEVEL + 1):
        ax1.text(-0.015, level, str(level), transform=levels_at, ha="right", va="center", fontsize=8,
                 color=ROLE["text"])
    ax1.set_ylabel("Level", labelpad=14)
    fig.text(0.085, 0.895, "Plan level by week", fontsize=10, va="bottom")
    vol = plan.volumes_min()
    capped = np.array([wk_.capped for wk_ in plan.weeks])
    vol_arr = np.array(vol)
    ax2.bar(x[~capped], vol_arr[~capped], width=0.6, color=PALETTE["sky"], edgecolor=PALETTE["blue"], lw=1)
    if capped.any():
        ax2.bar(x[capped], vol_arr[capped], width=0.6, color="white", edgecolor=PALETTE["blue"],
                hatch="///", lw=1)
    limit = [vol[0]] + [v * (1 + plan.max_weekly_increase_pct / 100) for v in vol[:-1]]
    ax2.step(x, limit, where="mid", color=ROLE["warn"], ls="--", lw=1.2)
    fig.text(0.085, 0.497, f"dashed: most allowed (+{plan.max_weekly_increase_pct:g} % a week); "
             "hatched: trimmed", fontsize=7.5, color=ROLE["warn"], va="bottom")
    ax2.set_ylim(0, max(limit) * 1.05)
    ax2.set_xticks([])
    weeks_at = ax2.get_xaxis_transform()  # x in data, y in axes fractions
    for wk_ in range(1, weeks + 1):
        ax2.text(wk_, -0.03, str(wk_), transform=weeks_at, ha="center", va="top", fontsize=8, color=ROLE["text"])
    top = max(limit) * 1.05
    ax2.set_yticks([])
    minutes_at = ax2.get_yaxis_transform()
    for m in MaxNLocator(4, integer=True).tick_values(0, top):
        if 0 <= m <= top:
            ax2.text(-0.015, m, f"{m:g}", transform=minutes_at, ha="right", va="center", fontsize=8,
                     color=ROLE["text"])
    ax1.set_xticks([])  # the weeks are read off the chart below: no tick objects to build here
    ax1.set_xlim(0.4, weeks + 0.6)
    ax2.set_xlim(0.4, weeks + 0.6)
    ax2.set_xlabel("Week", labelpad=14)
    ax2.set_ylabel("Minutes of work per week", labelpad=16)
    fig.text(0.085, 0.53, "Weekly volume (time under tension, one side)", fontsize=10, va="bottom")
    fig.text(0.01, 0.975, f"Week {week}: pain {pain_during_0_10:g}/10 during the exercises "
             f"({plan.rules} pain rules)", fontsize=11.5, va="top")
    # next week's exercises, in the right-hand column (figure fractions)
    left, y = 0.585, 0.88
    fig.text(left, y, textwrap.fill(f"Decision: {w.reason}.", 38),
             fontsize=8.5, va="top", color=colour if w.decision != "hold" else ROLE["text"],
             fontweight="bold")
    y -= 0.16 * 0.85
    nxt = plan.weeks[week] if week < len(plan.weeks) else None
    if plan.stopped:
        fig.text(left, y, textwrap.fill(f"The plan stops here: {STOP_ADVICE}.", 40), fontsize=8.5, va="top",
                 fontweight="bold", color=ROLE["warn"])
        return fig
    if nxt is None:
        fig.text(left, y, "This was the last week of the plan.", fontsize=8.5, va="top")
        return fig
    fig.text(left, y, f"Week {nxt.week}: level {nxt.level}" + (" (trimmed)" if nxt.capped else "")
             + f"\n{PHASES[nxt.phase][0].lower()}", fontsize=9, fontweight="bold", va="top")
    y -= 0.13 * 0.85
    for p in nxt.prescriptions:
        band = f", {p.band} band" if p.band else ""
        line = textwrap.fill(f"{MOVES[p.move].name}: {p.dose()}{band}", 44, subsequent_indent="   ")
        fig.text(left, y, "• " + line, fontsize=8.2, va="top", linespacing=1.15)
        y -= 0.028 * (line.count("\n") + 1) + 0.032  # one 8.2-pt line is about 0.028 of the height
    return fig


def plan_alt(week: int = 3, pain_during_0_10: float = 1, weeks: int = 8, start_level: int = 1,
             rules: str = pain_monitoring.DEFAULT_RULES) -> str:
    """Alt text for :func:`draw_plan`."""
    plan, week, weeks, pain = _scenario(week, pain_during_0_10, weeks, start_level, rules)
    w = plan.weeks[min(week, len(plan.weeks)) - 1]
    levels = ", ".join(str(v) for v in plan.levels())
    vols = ", ".join(f"{v:.0f}" for v in plan.volumes_min())
    nxt = plan.weeks[w.week] if w.week < len(plan.weeks) else None
    if plan.stopped:
        tail = f" The plan stops after week {plan.weeks[-1].week}: {STOP_ADVICE}."
    elif nxt:
        tail = (f" Week {nxt.week} is level {nxt.level}: "
                + "; ".join(f"{MOVES[p.move].name} {p.dose()}" for p in nxt.prescriptions) + ".")
    else:
        tail = ""
    return (f"Plan ({plan.rules} pain rules) when week {w.week} brings pain {pain:g} out of 10 during the "
            f"exercises: {w.reason}. Levels by week: {levels}. Minutes of work per week: {vols}; "
            f"no week rises more than {plan.max_weekly_increase_pct:g} %.{tail}")
