"""Lesson 6's pictures and tables of the return-to-running plan (:mod:`itband.models.return_to_run`).

Each ``draw_*`` sits beside its alt text; the calendar and the CSV link are HTML outputs with a
plain-text version.
"""
from __future__ import annotations

import base64
import html
import textwrap

from ..course import style
from ..course.html import HtmlOutput
from ..models.return_to_run import (DAYS, DEFAULT_MAX_INCREASE_PCT, EXERCISE_LEVELS, RUN_DAYS, SESSIONS_PER_WEEK, STRENGTH_DAYS,
                                    WARM_UP_WALK_MIN, ReturnPlan, _check_plan, _mmss, adapt_plan,
                                    example_plan, gate_text, pain_decision, plan_csv, plan_return)


def csv_download_link(plan: ReturnPlan, filename: str = "return_to_run_plan.csv") -> HtmlOutput:
    """A link that saves the plan as a CSV file (a data URI: works live and in the static book)."""
    _check_plan(plan)
    if not isinstance(filename, str) or not filename.endswith(".csv") or "/" in filename:
        raise ValueError(f"filename={filename!r} must be a plain file name ending in .csv")
    data = base64.b64encode(plan_csv(plan).encode("utf-8")).decode("ascii")
    n = plan.n_weeks
    link = (f'<p><a download="{html.escape(filename)}" href="data:text/csv;charset=utf-8;base64,{data}">'
            f'Download this {n}-week plan as CSV ({html.escape(filename)})</a></p>')
    return HtmlOutput(link, f"CSV download link: {filename}, {n} weeks, {n * 7} rows")


def calendar_table(plan: ReturnPlan) -> HtmlOutput:
    """The plan as a calendar: one row per week, one column per day, plus the week's numbers."""
    esc = html.escape
    _check_plan(plan)
    if not plan.ready:
        return HtmlOutput(f"<p><strong>No plan yet.</strong> {esc(plan.advice)}</p>", plan.advice)
    head = ("<tr><th scope='col'>Week</th>" + "".join(f"<th scope='col'>{d}</th>" for d in DAYS)
            + "<th scope='col'>Run per week</th><th scope='col'>Change</th></tr>")
    body, text = [], []
    prev = None
    for w in plan.weeks:
        cells = [f"<th scope='row'>{w.week}<br><small>{esc(w.kind)}</small></th>"]
        for d in DAYS:
            if d in RUN_DAYS:
                cells.append(f"<td>{w.calendar_html()}</td>")
            elif d in STRENGTH_DAYS:
                cells.append("<td>Hip<br>strength</td>")
            elif d == "Sat":
                cells.append("<td>Rest or<br>cross-train</td>")
            else:
                cells.append("<td>Rest</td>")
        change = "" if not prev else f"{(w.weekly_run_min / prev - 1) * 100:+.0f}&nbsp;%"
        cells.append(f"<td>{_mmss(w.weekly_run_min) if w.weekly_run_min else '0 min'}</td><td>{change}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
        extra = []
        if w.gate is not None:
            extra.append(gate_text(w.gate))
        if w.note:
            extra.append(w.note)
        if extra:
            body.append(f"<tr class='itb-plan-note'><td></td><td colspan='9'><small>Week {w.week}: "
                        f"{esc('. '.join(extra))}</small></td></tr>")
        text.append(f"week {w.week} {w.kind}: {w.short_text()}, {w.weekly_run_min:g} min running")
        prev = w.weekly_run_min or None
    if plan.stopped:
        body.append(f"<tr class='itb-plan-note'><th scope='row'>stop</th><td colspan='9'><strong>"
                    f"{esc(plan.advice)}</strong></td></tr>")
        text.append("stop: " + plan.advice)
    caption = (f"Return-to-running plan: {plan.n_weeks} weeks, starting from {plan.pain_free_walk_min:g} min "
               f"of pain-free walking ({EXERCISE_LEVELS[plan.exercise_level]}); weekly running never rises by "
               f"more than {plan.max_weekly_increase_pct:g} %. Every session starts with an "
               f"{WARM_UP_WALK_MIN:g}-minute walk.")
    table = (f"<div style='overflow-x:auto'><table class='itb-plan-table' style='font-size:0.85em'><caption>{esc(caption)}</caption>"
             f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div>")
    return HtmlOutput(table, caption + "\n" + "\n".join(text))


_KIND_STYLE = {
    "walk": dict(color="#FFFFFF", hatch="..", edgecolor=style.ROLE["muted"]),
    "walk-run": dict(color=style.PALETTE["sky"], hatch="", edgecolor="black"),
    "continuous": dict(color=style.PALETTE["blue"], hatch="", edgecolor="black"),
    "hold": dict(color=style.PALETTE["yellow"], hatch="//", edgecolor="black"),
    "step back": dict(color=style.PALETTE["vermillion"], hatch="xx", edgecolor="black"),
}


def _draw_plan_on(ax, plan: ReturnPlan, *, ghost: ReturnPlan | None = None, mark_week: int | None = None):
    factor = 1.0 + plan.max_weekly_increase_pct / 100.0
    xs = [w.week for w in plan.weeks]
    ys = [w.weekly_run_min for w in plan.weeks]
    if ghost is not None:
        ax.bar([w.week for w in ghost.weeks], [w.weekly_run_min for w in ghost.weeks], width=0.8,
               facecolor="none", edgecolor=style.ROLE["muted"], linestyle="--", linewidth=1.2,
               label="plan before the report", zorder=1)
    seen = set()
    for w in plan.weeks:
        st = _KIND_STYLE[w.kind]
        h = w.weekly_run_min if w.weekly_run_min > 0 else 1.5
        ax.bar(w.week, h, width=0.62, color=st["color"], hatch=st["hatch"], edgecolor=st["edgecolor"],
               linewidth=0.8, zorder=2, label=None if w.kind in seen else w.kind)
        seen.add(w.kind)
        if w.gate is not None:
            ax.text(w.week, 2.5, f"G{w.gate + 1}", ha="center", va="bottom", fontsize=9, fontweight="bold",
                    color=style.ROLE["text"],
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="#444444"))
    # The limit: the most each week may reach, from the week before.
    lim_x, lim_y = [], []
    for prev, cur in zip(plan.weeks[:-1], plan.weeks[1:]):
        if prev.weekly_run_min > 0:
            lim_x.append(cur.week)
            lim_y.append(prev.weekly_run_min * factor)
    ax.plot(lim_x, lim_y, ls="none", marker="_", markersize=18, mew=2.2, color=style.PALETTE["vermillion"],
            label=f"limit: +{plan.max_weekly_increase_pct:g} % on the week before", zorder=3)
    if mark_week is not None:
        ax.axvline(mark_week + 0.5, color="black", lw=1.2, ls=":", zorder=0)
    top = max(ys + lim_y + [plan.target_continuous_min * SESSIONS_PER_WEEK]) * 1.25
    ax.set_ylim(0, top)
    ax.set_xlim(0.4, max(xs) + 0.6)
    ax.set_xticks(xs)
    ax.set_xlabel("Week")
    ax.set_ylabel("Running per week (min)")
    if style.on_phone():  # no room above the bars: the key goes under the axis
        ax.legend(loc="upper left", bbox_to_anchor=(-0.12, -0.2), fontsize=8.5, ncol=2, borderaxespad=0)
    else:
        ax.legend(loc="upper left", fontsize=8.5, ncol=2)


def _phone_axes(fig, top_in: float, bottom_in: float):
    """The chart's axes on the phone layout: ``top_in`` inches for the titles above it and
    ``bottom_in`` for the axis label and the key below it."""
    w, h = fig.get_size_inches()
    return fig.add_axes((0.6 / w, bottom_in / h, 1 - 0.7 / w, 1 - (top_in + bottom_in) / h))


def draw_plan(pain_free_walk_min: float = 30.0, exercise_level: str = "none",
              max_weekly_increase_pct: float = DEFAULT_MAX_INCREASE_PCT):
    """Bar chart of a plan's weekly running minutes, coloured and hatched by kind of week."""
    plan = plan_return(pain_free_walk_min, exercise_level, max_weekly_increase_pct)
    phone = style.on_phone()
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 4.7 if phone else 3.6)
    fig.set_layout_engine(None)
    ax = _phone_axes(fig, 0.62, 1.15) if phone else fig.add_axes((0.1, 0.14, 0.88, 0.74))
    if not plan.ready:
        ax.axis("off")
        ax.text(0.5, 0.5, plan.advice, ha="center", va="center", wrap=True, fontsize=11)
        return fig
    _draw_plan_on(ax, plan)
    title = (f"From {pain_free_walk_min:g} min pain-free walking ({exercise_level.replace('_', ' ')}): "
             f"{plan.n_weeks} weeks to {_mmss(plan.weeks[-1].run_min_per_session)} non-stop")
    fig.text(0.01, 1 - 0.09 / fig.get_figheight(), textwrap.fill(title, 48) if phone else title,
             fontsize=11, va="top")
    return fig


def draw_adapted_plan(week: int = 2, pain_during_run: float = 0.0, pain_next_morning: float = 0.0):
    """The example runner's plan after reporting pain at the end of ``week``.

    Dashed outlines: the plan before the report; bars: the plan after it; the dotted line marks
    when the pain was reported. A plan stopped at its floor says so.
    """
    base = example_plan()
    new = adapt_plan(base, week, pain_during_run, pain_next_morning)
    decision = "stop" if new.stopped else pain_decision(pain_during_run, pain_next_morning)
    phone = style.on_phone()
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else style.COLUMN_WIDTH_IN, 5.6 if phone else 3.8)
    fig.set_layout_engine(None)
    ax = _phone_axes(fig, 1.15, 1.5) if phone else fig.add_axes((0.1, 0.13, 0.88, 0.7))
    _draw_plan_on(ax, new, ghost=base, mark_week=week)
    ax.set_xlim(0.4, max(new.n_weeks, base.n_weeks) + 0.6)
    ax.set_xticks(range(1, max(new.n_weeks, base.n_weeks) + 1))
    height = fig.get_figheight()
    title = (f"After week {week}: pain {pain_during_run:g}/10 during the runs, "
             f"{pain_next_morning:g}/10 next morning \u2192 {decision.upper()}")
    fig.text(0.01, 1 - 0.095 / height, textwrap.fill(title, 46) if phone else title, fontsize=11.5,
             fontweight="bold", va="top")
    if new.stopped:
        sub = "The plan stops here: stop running and see a clinician (Lesson 5)."
    else:
        sub = (f"Continuous running in week {new.n_weeks} (was week {base.n_weeks}); "
               f"weekly running never rises more than {base.max_weekly_increase_pct:g} %.")
    fig.text(0.01, 1 - (0.58 if phone else 0.361) / height, textwrap.fill(sub, 62) if phone else sub,
             fontsize=10, va="top")
    return fig


def adapted_plan_alt(week: int = 2, pain_during_run: float = 0.0, pain_next_morning: float = 0.0) -> str:
    """Alt text for :func:`draw_adapted_plan`."""
    base = example_plan()
    new = adapt_plan(base, week, pain_during_run, pain_next_morning)
    mins = ", ".join(f"{w.weekly_run_min:g}" for w in new.weeks)
    start = (f"Bar chart of weekly running minutes. With pain {pain_during_run:g}/10 during the runs and "
             f"{pain_next_morning:g}/10 next morning after week {week}, ")
    if new.stopped:
        return start + f"the plan stops after week {week}: stop running and see a clinician."
    decision = pain_decision(pain_during_run, pain_next_morning)
    return (start + f"the plan will {decision}: it now takes {new.n_weeks} weeks (before: {base.n_weeks}) "
            f"with weekly running of {mins} minutes, ending with continuous running.")


def plan_alt(pain_free_walk_min: float = 30.0, exercise_level: str = "none",
             max_weekly_increase_pct: float = DEFAULT_MAX_INCREASE_PCT) -> str:
    """Alt text for :func:`draw_plan`."""
    plan = plan_return(pain_free_walk_min, exercise_level, max_weekly_increase_pct)
    if not plan.ready:
        return plan.advice
    mins = ", ".join(f"{w.weekly_run_min:g}" for w in plan.weeks)
    return (f"Bar chart of a {plan.n_weeks}-week return-to-running plan: weekly running of {mins} minutes, "
            f"never more than {max_weekly_increase_pct:g} % above the week before, with strength gates and a "
            f"last week of continuous running.")
