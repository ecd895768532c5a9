"""Resistance-band force by colour and stretch (Thera-Band colour scale): approximate values.

The force a band pulls with depends on its colour (thickness) and on how far it is stretched,
as a percentage of its resting length (100 % elongation = the band pulled to twice its resting
length). The same colour gives about the same force at the same percentage whatever the band's
length; a doubled band or a loop, with two strands, gives about twice the force.

**The forces are approximate and unverified.** :data:`BAND_FORCE_LB` holds manufacturer-type
chart values for the Thera-Band colours at 100 % and 200 % elongation as they circulate on web
pages that reproduce the colour chart; no citable source for them (a manufacturer's document
or a measurement study) was found, so none is in the evidence registry or the bibliography.
Use them to see how colour and stretch change the load, not as measured forces. Between the
chart points the model interpolates in straight lines, and from 0 % to 100 % it draws a straight
line from zero: a further approximation (real bands are stiffer at first). Other brands use
other colour scales; do not mix them.

The drawing is :mod:`itband.figures.bands`.
"""
from __future__ import annotations

import numpy as np

from ..course.validate import check_choice, check_number

#: Newtons per pound-force (exact by definition: 0.45359237 kg x 9.80665 m/s²).
N_PER_LBF = 4.4482216152605

#: Approximate pounds-force at 100 % and 200 % elongation, lightest colour first. Unverified
#: manufacturer-type chart values (see the module docstring): not a cited finding.
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
#: What the numbers are, in the words the figure and the lesson use.
FORCE_STATUS = "approximate manufacturer-type chart values, unverified"
#: Colours in order of resistance.
BAND_COLOURS = tuple(BAND_FORCE_LB)
#: The elongations (%) at which the chart gives a force.
CHART_ELONGATIONS_PCT = (100.0, 200.0)
#: Highest elongation the model accepts, % (the chart stops at 200 %).
MAX_ELONGATION_PCT = 200.0


def band_force_n(colour: str, elongation_pct: float, loop: bool = False) -> float:
    """Approximate force (N) of a ``colour`` band stretched ``elongation_pct`` % of its resting length.

    ``loop=True`` doubles it (two strands). Raises ``ValueError`` for an
    unknown colour (listing the valid ones) or an elongation outside 0-200 %.
    """
    check_choice("colour", colour, BAND_COLOURS)
    e = check_number("elongation_pct", elongation_pct, 0, MAX_ELONGATION_PCT, "%")
    if not isinstance(loop, bool):
        raise TypeError(f"loop={loop!r} must be True or False")
    f100, f200 = (v * N_PER_LBF for v in BAND_FORCE_LB[colour])
    force = np.interp(e, [0.0, *CHART_ELONGATIONS_PCT], [0.0, f100, f200])
    return float(force) * (2.0 if loop else 1.0)
