"""An ILLUSTRATIVE model of how the pain of iliotibial band syndrome comes on earlier, or later, week by week.

What it encodes (qualitative clinical observations, not fitted data):

1. The pain starts at a fairly reproducible time or distance into a run
   (clinical descriptions: BMJ Best Practice, `bmjbp2018itbs`; Medscape, Karageanes 2022, `karageanes2022`).
2. If training goes on unchanged, the pain starts earlier in each run, and in
   advanced cases walking and stairs hurt too (the same sources; the popular
   advice says the same).
3. Cutting the running load is the first step of care, and weekly mileage is
   linked to the condition (Messier et al. 1995; Fredericson & Weir 2006).
4. It can last weeks to months (Sutker's series: 2-6 months; median time to
   recovery of running injuries in novices about 10 weeks, Nielsen et al. 2014).

The model: the minutes into a run at which pain starts, ``onset``, is
multiplied each week by a factor that depends on the weekly running load
compared with the load when the pain began (percent, negative = a cut, kept
every week):

    factor = 1 + SENSITIVITY * (BREAK_EVEN_LOAD_CHANGE_PCT - load_change_pct) / 100

so with no change the onset moves earlier, and with a big enough cut it moves
later. The onset is kept between ``FLOOR_MIN`` (pain from the first minutes,
as in advanced cases) and the length of the run (beyond that, the run is pain
free). ``SENSITIVITY`` and ``BREAK_EVEN_LOAD_CHANGE_PCT`` are chosen for
illustration; no study measured them. Read the shapes, not the numbers.
"""
from __future__ import annotations

import numpy as np

from .course.style import PALETTE, ROLE, new_figure
from .course.validate import check_int, check_number

#: Change in weekly load (percent) at which the onset neither moves earlier nor later (illustrative).
BREAK_EVEN_LOAD_CHANGE_PCT = -20.0
#: Fraction of the gap to break-even by which the onset moves per week, per 100 % (illustrative).
SENSITIVITY = 0.5
#: Shortest onset the model allows: pain from the first minutes of a run (minutes).
FLOOR_MIN = 1.0

LOAD_CHANGE_RANGE_PCT = (-60.0, 30.0)


def weekly_factor(load_change_pct: float) -> float:
    """Multiplier applied to the pain-onset time each week for this change in weekly load (percent).

    Below 1: pain comes on earlier next week; above 1: later. Equals 1 at
    :data:`BREAK_EVEN_LOAD_CHANGE_PCT`.
    """
    load = check_number("load_change_pct", load_change_pct, *LOAD_CHANGE_RANGE_PCT, "%")
    return 1.0 + SENSITIVITY * (BREAK_EVEN_LOAD_CHANGE_PCT - load) / 100.0


def onset_minutes(load_change_pct: float, weeks: int = 8, start_onset_min: float = 20.0,
                  run_length_min: float = 40.0) -> np.ndarray:
    """Minutes into a run at which pain starts, for weeks 0..``weeks``.

    Parameters
    ----------
    load_change_pct
        Weekly running load compared with the load when the pain began, in
        percent, kept every week (0 = unchanged; -30 = running 30 % less each
        week; +10 = 10 % more). Allowed -60 to 30.
    weeks
        Number of weeks to follow (1 to 26).
    start_onset_min
        Minutes into the run at which pain starts at week 0 (1 to ``run_length_min``).
    run_length_min
        Length of the usual run in minutes (5 to 180). An onset at the run's
        length means a pain-free run.

    Returns an array of ``weeks + 1`` onset times in minutes, each between
    :data:`FLOOR_MIN` and ``run_length_min``.
    """
    factor = weekly_factor(load_change_pct)
    weeks = check_int("weeks", weeks, 1, 26, "weeks")
    run_length_min = check_number("run_length_min", run_length_min, 5, 180, "min")
    start = check_number("start_onset_min", start_onset_min, FLOOR_MIN, run_length_min, "min")
    out = np.empty(weeks + 1)
    out[0] = start
    for w in range(1, weeks + 1):
        out[w] = min(max(out[w - 1] * factor, FLOOR_MIN), run_length_min)
    return out


def weeks_to_pain_free(load_change_pct: float, start_onset_min: float = 20.0,
                       run_length_min: float = 40.0, max_weeks: int = 26) -> int | None:
    """First week at which the whole run is pain free under this load change, or ``None`` within ``max_weeks``."""
    onset = onset_minutes(load_change_pct, max_weeks, start_onset_min, run_length_min)
    hits = np.nonzero(onset >= run_length_min)[0]
    return int(hits[0]) if hits.size else None


def draw_onset(load_change_pct: float = -30.0, weeks: int = 10, start_onset_min: float = 20.0,
               run_length_min: float = 40.0):
    """Chart: minutes into the run at which pain starts, week by week.

    Two lines: training unchanged (0 %, dashed, circles) and the chosen load
    change (solid, squares). The band above the run length is "pain-free run";
    the band at the floor is "pain from the first minutes".
    """
    weeks = check_int("weeks", weeks, 1, 26, "weeks")
    same = onset_minutes(0.0, weeks, start_onset_min, run_length_min)
    chosen = onset_minutes(load_change_pct, weeks, start_onset_min, run_length_min)
    x = np.arange(weeks + 1)
    fig = new_figure(7.0, 4.0)
    fig.set_layout_engine("none")  # fixed margins: faster to redraw than a constrained layout
    ax = fig.add_axes((0.115, 0.25, 0.87, 0.68))
    top = run_length_min * 1.12
    ax.axhspan(run_length_min, top, color=PALETTE["green"], alpha=0.12, lw=0)
    ax.axhline(run_length_min, color=ROLE["ok"], lw=1.0, ls="-.")
    ax.text(0.1, run_length_min * 1.05, f"Pain-free run ({run_length_min:g} min or more)",
            fontsize=9, color=ROLE["text"], va="center")
    ax.axhspan(0, 3.0, color=PALETTE["vermillion"], alpha=0.10, lw=0)
    ax.text(0.1, 1.6, "Pain from the first minutes", fontsize=9, color=ROLE["text"], va="center")
    ax.plot(x, same, ls="--", marker="o", color=ROLE["warn"], lw=2,
            label="Training unchanged (0 %)")
    sign = "+" if load_change_pct > 0 else ""
    ax.plot(x, chosen, ls="-", marker="s", color=ROLE["band"], lw=2.2,
            label=f"Weekly load change {sign}{load_change_pct:g} %")
    ax.set_xlim(-0.2, weeks + 0.2)
    ax.set_ylim(0, top)
    ax.set_xlabel("Week")
    ax.set_ylabel("Minutes into the run\nwhen pain starts")
    ax.set_xticks(x)
    fig.legend(loc="lower center", bbox_to_anchor=(0.55, 0.0), ncol=2, fontsize=9)
    ax.set_title("Illustrative model (not measured data)", fontsize=10.5, color=ROLE["muted"], loc="left")
    return fig


def describe_onset(load_change_pct: float, weeks: int = 10, start_onset_min: float = 20.0,
                   run_length_min: float = 40.0) -> str:
    """One sentence for alt text: where the onset goes under unchanged load and under this change."""
    same = onset_minutes(0.0, weeks, start_onset_min, run_length_min)
    chosen = onset_minutes(load_change_pct, weeks, start_onset_min, run_length_min)
    sign = "+" if load_change_pct > 0 else ""
    return (f"Line chart over {weeks} weeks of the minutes into a {run_length_min:g}-minute run at which "
            f"pain starts, starting at {start_onset_min:g} minutes. With training unchanged the onset "
            f"falls to {same[-1]:.0f} minutes by week {weeks}; with a weekly load change of "
            f"{sign}{load_change_pct:g} % it is {chosen[-1]:.0f} minutes by week {weeks}"
            + (" (a pain-free run)." if chosen[-1] >= run_length_min else "."))
