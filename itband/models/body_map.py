"""Where iliotibial band syndrome hurts: the regions of the schematic body map.

Three regions, the typical one first:

* ``"knee"``  - the typical pain: the outside of the knee, over the lateral
  femoral epicondyle, a little above the joint line;
* ``"thigh"`` - where the pain can spread, up the outer thigh along the band;
* ``"hip"``   - the outer hip, where some runners feel it; hip-region pain also
  has other causes, so it is a reason to be examined.

Sources for the regions: the clinical descriptions of BMJ Best Practice
(``bmjbp2018itbs``: sharp or burning pain just above the lateral joint line) and
Medscape (``karageanes2022``: a tender point about 1-2 cm above the lateral joint
line; pain that may radiate up or down the leg and can include the hip). The
drawing itself is :mod:`itband.figures.body_map`.

Units: the map uses arbitrary "body units" (feet at 0, top of the drawn trunk at
125); nothing in it is a measurement.
"""
from __future__ import annotations

from ..course.validate import check_choice, check_flag

#: The regions the map can show: a short label and a one-line description (what the alt text says).
PAIN_REGIONS = {
    "knee": {
        "label": "Knee (typical)",
        "description": "the typical pain region on the outside of the knee, just above the joint line, "
                       "over the lateral femoral epicondyle",
    },
    "thigh": {
        "label": "Outer thigh (spread)",
        "description": "the spread up the outer thigh along the band",
    },
    "hip": {
        "label": "Outer hip (sometimes)",
        "description": "the outer hip, where some runners feel it (hip pain has other causes too)",
    },
}

#: The views the map can be drawn in.
VIEWS = ("both", "lateral", "front")

# Key heights in body units (feet at 0).
KNEE_JOINT_Y = 47.0
EPICONDYLE_Y = 51.5
TROCHANTER_Y = 88.0
ILIAC_CREST_Y = 100.0


def check_view(view) -> str:
    """Return ``view`` if it is one of :data:`VIEWS`."""
    return check_choice("view", view, VIEWS)


def region_names(show_spread: bool = True, show_hip: bool = True) -> list[str]:
    """The regions the map marks for these options, typical one (``"knee"``) first."""
    spread = check_flag("show_spread", show_spread)
    hip = check_flag("show_hip", show_hip)
    return ["knee"] + (["thigh"] if spread else []) + (["hip"] if hip else [])
