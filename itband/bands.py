"""Resistance-band force by colour and stretch (Thera-Band colour scale).

The force a band pulls with depends on its colour (thickness) and on how far
it is stretched, as a percentage of its resting length (100 % elongation = the
band pulled to twice its resting length). The same colour gives the same
force at the same percentage whatever the band's length; a doubled band or a
loop gives about twice the force (Thera-Band Academy FAQ).

Forces at 100 % and 200 % elongation are the manufacturer's (Hygenic/Thera-Band)
colour chart as reproduced in a secondary web table (donsnotes.com); the red value
(3.7 lb at 100 %) is confirmed on the Thera-Band blog and the green values (4.6
and 6.7 lb) by a retailer quoting the chart (none of these is in references.bib).
Between the chart points this model interpolates in straight
lines, and from 0 % to 100 % it draws a straight line from zero: an
approximation (real bands are stiffer at first). Other brands use other
colour scales; do not mix them.
"""
from __future__ import annotations

import numpy as np

from .course.style import ROLE, new_figure
from .course.validate import check_choice, check_number

#: Newtons per pound-force.
N_PER_LBF = 4.4482216152605

#: Pounds-force at 100 % and 200 % elongation, lightest colour first.
BAND_FORCE_LB = {
    "tan": (2.4, 3.4),
    "yellow": (3.0, 4.3),
    "red": (3.7, 5.5),
    "green": (4.6, 6.7),
    "blue": (5.8, 8.6),
    "black": (7.3, 10.2),
    "silver": (10.2, 15.3),
    "gold": (14.2, 21.3),
}
#: Colours in order of resistance.
BAND_COLOURS = tuple(BAND_FORCE_LB)
#: Highest elongation the model accepts, % (the chart stops at 200 %).
MAX_ELONGATION_PCT = 200.0

# Colours to draw each band line with (its own colour, darkened where needed to read on white).
_DRAW = {"tan": "#B08D57", "yellow": "#C9B200", "red": "#D00000", "green": "#2E8B57",
         "blue": "#1F5FBF", "black": "#111111", "silver": "#8C8C8C", "gold": "#B8860B"}
_STYLE = ["-", "--", "-.", ":", "-", "--", "-.", ":"]
_MARK = ["o", "s", "^", "D", "v", "P", "X", "*"]


def band_force_n(colour: str, elongation_pct: float, loop: bool = False) -> float:
    """Force (N) of a ``colour`` band stretched ``elongation_pct`` % of its resting length.

    ``loop=True`` doubles it (two strands). Raises ``ValueError`` for an
    unknown colour (listing the valid ones) or an elongation outside 0-200 %.
    """
    check_choice("colour", colour, BAND_COLOURS)
    e = check_number("elongation_pct", elongation_pct, 0, MAX_ELONGATION_PCT, "%")
    f100, f200 = (v * N_PER_LBF for v in BAND_FORCE_LB[colour])
    force = np.interp(e, [0.0, 100.0, 200.0], [0.0, f100, f200])
    return float(force) * (2.0 if loop else 1.0)


def draw_band_forces(elongation_pct: float = 100.0):
    """Force against elongation for every colour, with the forces at ``elongation_pct`` marked."""
    e_mark = check_number("elongation_pct", elongation_pct, 0, MAX_ELONGATION_PCT, "%")
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    e = np.linspace(0, MAX_ELONGATION_PCT, 41)
    for i, c in enumerate(BAND_COLOURS):
        f = [band_force_n(c, x) for x in e]
        ax.plot(e, f, color=_DRAW[c], ls=_STYLE[i], lw=1.8)
        ax.plot([100, 200], [band_force_n(c, 100), band_force_n(c, 200)], ls="none",
                marker=_MARK[i], color=_DRAW[c], markersize=5)
        ax.text(203, f[-1], f"{c} {band_force_n(c, e_mark):.0f} N", va="center", fontsize=8, color=_DRAW[c])
    ax.axvline(e_mark, color=ROLE["muted"], lw=1, ls=":")
    ax.set_xlim(0, 245)
    ax.set_xlabel("Stretch (elongation, % of resting length)")
    ax.set_ylabel("Band force (N)")
    ax.set_title(f"Thera-Band force by colour; labels give the force at {e_mark:g} % stretch",
                 loc="left", fontsize=11)
    ax.text(2, 92, "markers: manufacturer's chart values; lines: straight-line approximation",
            fontsize=8, color=ROLE["muted"])
    return fig


def band_alt(elongation_pct: float = 100.0) -> str:
    """Alt text for :func:`draw_band_forces`."""
    e = check_number("elongation_pct", elongation_pct, 0, MAX_ELONGATION_PCT, "%")
    forces = ", ".join(f"{c} {band_force_n(c, e):.0f} N" for c in BAND_COLOURS)
    return ("Line chart of Thera-Band force against stretch (0 to 200 % of resting length) for eight colours, "
            f"each rising with stretch; at {e:g} % stretch, lightest to strongest: {forces}.")
