"""Schematic anatomy of the iliotibial band in a lateral (side) view of a right leg.

All lengths are in centimetres in a femur-fixed frame: the origin is the knee's
flexion axis, which runs close to the line through the femoral epicondyles
(so the lateral epicondyle sits at the origin), x points forwards (anterior)
and y upwards (proximal). Knee flexion rotates the shank about the origin.

The band's line of action is modelled as a straight line from its proximal
part on the thigh to Gerdy's tubercle on the tibia. Gerdy's tubercle lies in
front of and below the flexion axis, so as the knee bends the line sweeps
backwards across the epicondyle: in front of it when the knee is straight,
behind it when the knee is bent. With the default geometry the crossing falls
near 29° of flexion, inside the 20-30° zone (:data:`IMPINGEMENT_ZONE_DEG`) and
close to the 30° at which Fairclough et al. (2006) saw the band pressed against
the epicondyle on MRI. The proportions are schematic, not measured.

The drawings of this model are in :mod:`itband.figures.anatomy`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..course.validate import check_number
from .constants import IMPINGEMENT_ZONE_DEG

__all__ = [
    "KNEE_FLEXION_RANGE_DEG", "GERDY_TIBIA_CM", "FIBULAR_HEAD_TIBIA_CM", "BAND_PROXIMAL_CM",
    "EPICONDYLE_CM", "IMPINGEMENT_ZONE_DEG", "GERDY_FORWARD_RANGE_CM", "GERDY_BELOW_RANGE_CM",
    "Structure", "STRUCTURES", "shank_point", "band_offset_mm", "crossing_angle_deg", "band_position",
]

#: Knee flexion range the anatomy model accepts, in degrees (0 = straight knee).
KNEE_FLEXION_RANGE_DEG = (0.0, 120.0)

#: Gerdy's tubercle relative to the flexion axis, in the shank's own frame (cm):
#: 2.0 cm in front of it and 3.6 cm below it (schematic).
GERDY_TIBIA_CM = (2.0, -3.6)
#: Fibular head in the shank frame (cm): behind and below Gerdy's tubercle.
FIBULAR_HEAD_TIBIA_CM = (-2.6, -5.2)
#: The point on the thigh where the band's line is taken to start (cm), in line with the femur.
BAND_PROXIMAL_CM = (0.3, 40.0)
#: The lateral femoral epicondyle (cm): on the flexion axis.
EPICONDYLE_CM = (0.0, 0.0)


@dataclass(frozen=True)
class Structure:
    """A labelled structure of the lateral-view schematic and what it does."""

    label: str
    role: str


STRUCTURES: dict[str, Structure] = {
    "iliac_crest": Structure(
        "Iliac crest",
        "the upper rim of the pelvis; the fascia lata, of which the band is a part, is anchored along it"),
    "tfl": Structure(
        "Tensor fasciae latae",
        "a small muscle at the front of the hip that pulls on the band from in front; it helps flex, "
        "abduct and inwardly rotate the hip"),
    "gluteus_medius": Structure(
        "Gluteus medius",
        "the main hip abductor, below the crest; it holds the pelvis level when you stand on one leg, "
        "and some of its fibres blend into the band"),
    "gluteus_maximus": Structure(
        "Gluteus maximus",
        "the large buttock muscle; most of its upper tendon runs into the band, pulling on it from behind"),
    "it_band": Structure(
        "Iliotibial band",
        "a thickened strip of the fascia lata from the hip to Gerdy's tubercle; it is tied to the femur "
        "along its length and stores and returns elastic energy in running"),
    "vastus_lateralis": Structure(
        "Vastus lateralis",
        "the outer part of the quadriceps, lying under the band; the band is tied to the femur next to it "
        "by the lateral intermuscular septum"),
    "biceps_femoris": Structure(
        "Biceps femoris",
        "the outer hamstring at the back of the thigh; it ends at the fibular head and sends fibres to the band"),
    "lateral_epicondyle": Structure(
        "Lateral femoral epicondyle",
        "the bony bump on the outer side of the femur just above the knee joint; the band lies over it "
        "at about 20-30 degrees of knee bend"),
    "fat_pad": Structure(
        "Fat pad and lateral recess",
        "a layer of fat and loose tissue, rich in nerves and blood vessels, between the band and the "
        "epicondyle, next to a pouch of the knee joint lining; the tissue most likely to hurt in ITBS"),
    "gerdys_tubercle": Structure(
        "Gerdy's tubercle",
        "a bump on the front-outer side of the tibia where the band's main lower fibres attach"),
    "fibular_head": Structure(
        "Fibular head",
        "the top of the fibula, behind and below Gerdy's tubercle; the biceps femoris attaches here"),
}


def _check_flexion(knee_flexion_deg) -> float:
    return check_number("knee_flexion_deg", knee_flexion_deg, *KNEE_FLEXION_RANGE_DEG, "degrees")


def shank_point(point_cm: tuple[float, float], knee_flexion_deg: float) -> np.ndarray:
    """Position (cm, femur frame) of a point fixed to the shank, after the knee bends.

    ``point_cm`` is given with the knee straight. Flexion swings the shank
    backwards about the flexion axis at the origin.
    """
    theta = math.radians(_check_flexion(knee_flexion_deg))
    x, y = point_cm
    return np.array([x * math.cos(theta) + y * math.sin(theta),
                     -x * math.sin(theta) + y * math.cos(theta)])


#: Where the model lets Gerdy's tubercle be (cm in front of, cm below the flexion axis).
GERDY_FORWARD_RANGE_CM = (0.5, 4.0)
GERDY_BELOW_RANGE_CM = (1.5, 6.0)


def _check_gerdy(gerdy_cm) -> tuple[float, float]:
    try:
        forward, down = gerdy_cm
    except (TypeError, ValueError):
        raise ValueError(f"gerdy_cm={gerdy_cm!r} must be a pair (cm in front, cm below the axis "
                         f"as a negative number)") from None
    check_number("gerdy_cm[0] (cm in front of the axis)", forward, *GERDY_FORWARD_RANGE_CM, "cm")
    check_number("gerdy_cm[1] (cm below the axis, negative)", -down, *GERDY_BELOW_RANGE_CM, "cm")
    return float(forward), float(down)


def band_offset_mm(knee_flexion_deg: float, gerdy_cm: tuple[float, float] = GERDY_TIBIA_CM) -> float:
    """Signed distance (mm) of the band's line from the lateral epicondyle.

    Positive: the line runs in front of (anterior to) the epicondyle; negative:
    behind it; zero: directly over it. ``gerdy_cm`` places Gerdy's tubercle
    (cm in front of the flexion axis, cm below it as a negative number) with
    the knee straight.
    """
    p = np.array(BAND_PROXIMAL_CM)
    g = shank_point(_check_gerdy(gerdy_cm), knee_flexion_deg)
    e = np.array(EPICONDYLE_CM)
    d = g - p
    # 2-D cross product: > 0 when the epicondyle lies behind the line (to its posterior side).
    cross = d[0] * (e[1] - p[1]) - d[1] * (e[0] - p[0])
    return float(-cross / np.hypot(*d) * 10.0)


def crossing_angle_deg(gerdy_cm: tuple[float, float] = GERDY_TIBIA_CM) -> float:
    """Knee flexion (degrees) at which the band's line passes directly over the epicondyle.

    For a distant proximal end this is close to ``atan(forward / below)`` of
    Gerdy's tubercle, about 29 degrees with the default geometry.
    """
    lo, hi = KNEE_FLEXION_RANGE_DEG
    if band_offset_mm(lo, gerdy_cm) * band_offset_mm(hi, gerdy_cm) > 0:
        raise ValueError(f"gerdy_cm={gerdy_cm!r}: the band does not cross the epicondyle between "
                         f"{lo:g} and {hi:g} degrees")
    for _ in range(60):  # bisection: the offset falls steadily with flexion
        mid = 0.5 * (lo + hi)
        if band_offset_mm(mid, gerdy_cm) > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def band_position(knee_flexion_deg: float) -> str:
    """'in front of', 'over' (within 1 mm) or 'behind' the epicondyle."""
    off = band_offset_mm(knee_flexion_deg)
    if abs(off) < 1.0:
        return "over"
    return "in front of" if off > 0 else "behind"
