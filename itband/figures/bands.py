"""Drawing of the band-force model (:mod:`itband.models.bands`): :func:`draw_band_forces` beside
its alt text :func:`band_alt`, both built from the model's chart values."""
from __future__ import annotations

import numpy as np

from ..course.style import PHONE_WIDTH_IN, ROLE, new_figure, on_phone
from ..course.validate import check_number
from ..models.bands import (BAND_COLOURS, CHART_ELONGATIONS_PCT, FORCE_STATUS, MAX_ELONGATION_PCT,
                            band_force_n)

# Colours to draw each band line with (its own colour, darkened where needed to read on white).
_DRAW = {"tan": "#B08D57", "yellow": "#C9B200", "red": "#D00000", "green": "#2E8B57",
         "blue": "#1F5FBF", "black": "#111111", "silver": "#8C8C8C", "gold": "#B8860B"}
_STYLE = ["-", "--", "-.", ":", "-", "--", "-.", ":"]
_MARK = ["o", "s", "^", "D", "v", "P", "X", "*"]


def draw_band_forces(elongation_pct: float = 100.0):
    """Approximate force against elongation for every colour, with the forces at ``elongation_pct`` marked."""
    e_mark = check_number("elongation_pct", elongation_pct, 0, MAX_ELONGATION_PCT, "%")
    phone = on_phone()  # the title on two lines, the note under the chart
    fig = new_figure(PHONE_WIDTH_IN, 4.9) if phone else new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    e = np.linspace(0, MAX_ELONGATION_PCT, 41)
    top = 0.0
    for i, c in enumerate(BAND_COLOURS):
        f = [band_force_n(c, x) for x in e]
        top = max(top, f[-1])
        ax.plot(e, f, color=_DRAW[c], ls=_STYLE[i], lw=1.8)
        ax.plot(CHART_ELONGATIONS_PCT, [band_force_n(c, x) for x in CHART_ELONGATIONS_PCT], ls="none",
                marker=_MARK[i], color=_DRAW[c], markersize=5)
        ax.text(207 if phone else 203, f[-1], f"{c} ≈{band_force_n(c, e_mark):.0f} N", va="center", fontsize=8,
                color=_DRAW[c])
    ax.axvline(e_mark, color=ROLE["muted"], lw=1, ls=":")
    ax.set_xlim(0, 250)
    ax.set_xlabel("Stretch (elongation, % of resting length)")
    ax.set_ylabel("Band force (N), approximate")
    title = f"Band force by colour (approximate); labels give the force at {e_mark:g} % stretch"
    ax.set_title(title.replace("; ", ";\n") if phone else title, loc="left", fontsize=11)
    note = f"markers: {FORCE_STATUS};\nlines: straight-line approximation"
    if phone:
        fig.text(0.02, 0.01, note, fontsize=7.5, color=ROLE["muted"], va="bottom")
        fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))  # room for the note
    else:
        ax.text(246, top * 0.02, note, fontsize=7.5, color=ROLE["muted"], va="bottom", ha="right")
    return fig


def band_alt(elongation_pct: float = 100.0) -> str:
    """Alt text for :func:`draw_band_forces`."""
    e = check_number("elongation_pct", elongation_pct, 0, MAX_ELONGATION_PCT, "%")
    forces = ", ".join(f"{c} {band_force_n(c, e):.0f} N" for c in BAND_COLOURS)
    return ("Line chart of resistance-band force against stretch (0 to 200 % of resting length) for eight "
            f"Thera-Band colours, each rising with stretch; the values are {FORCE_STATUS}. At {e:g} % "
            f"stretch, lightest to strongest, about: {forces}.")
