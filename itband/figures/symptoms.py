"""The chart of the illustrative pain-onset model (:mod:`itband.models.symptoms`):
:func:`draw_onset` beside its alt text :func:`describe_onset`."""
from __future__ import annotations

import numpy as np

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, axes_at, new_figure, on_phone
from ..models.symptoms import onset_minutes


def draw_onset(load_change_pct: float = -30.0, weeks: int = 10, start_onset_min: float = 20.0,
               run_length_min: float = 40.0):
    """Chart: minutes into the run at which pain starts, week by week.

    Two lines: training unchanged (0 %, dashed, circles) and the chosen load
    change (solid, squares). The band above the run length is "pain-free run";
    the band at the floor is "pain from the first minutes".
    """
    chosen = onset_minutes(load_change_pct, weeks, start_onset_min, run_length_min)   # validates every argument
    same = onset_minutes(0.0, weeks, start_onset_min, run_length_min)
    weeks, run_length_min = len(chosen) - 1, float(run_length_min)
    x = np.arange(weeks + 1)
    phone = on_phone()  # narrower, with the key in one column under the chart
    fig = new_figure(PHONE_WIDTH_IN, 4.5) if phone else new_figure(7.0, 4.0)
    fig.set_layout_engine("none")  # fixed margins: faster to redraw than a constrained layout
    ax = axes_at(fig, 0.75, 0.3, 3.55, 3.0) if phone else fig.add_axes((0.115, 0.25, 0.87, 0.68))
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
    fig.legend(loc="lower center", bbox_to_anchor=(0.55, 0.0), ncol=1 if phone else 2, fontsize=9)
    ax.set_title("Illustrative model (not measured data)", fontsize=10.5, color=ROLE["muted"], loc="left")
    return fig


def describe_onset(load_change_pct: float = -30.0, weeks: int = 10, start_onset_min: float = 20.0,
                   run_length_min: float = 40.0) -> str:
    """Alt text for :func:`draw_onset`: where the onset goes under unchanged load and under this change."""
    chosen = onset_minutes(load_change_pct, weeks, start_onset_min, run_length_min)   # validates every argument
    same = onset_minutes(0.0, weeks, start_onset_min, run_length_min)
    weeks = len(chosen) - 1
    sign = "+" if load_change_pct > 0 else ""
    return (f"Line chart over {weeks} weeks of the minutes into a {run_length_min:g}-minute run at which "
            f"pain starts, starting at {start_onset_min:g} minutes. With training unchanged the onset "
            f"falls to {same[-1]:.0f} minutes by week {weeks}; with a weekly load change of "
            f"{sign}{load_change_pct:g} % it is {chosen[-1]:.0f} minutes by week {weeks}"
            + (" (a pain-free run)." if chosen[-1] >= run_length_min else "."))
