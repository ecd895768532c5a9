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
near 29° of flexion, inside the 20-30° zone of :data:`IMPINGEMENT_ZONE_DEG` (Orchard's
zone as Ferber et al. 2010 state it) and close to the 30° at which Fairclough et al.
(2006) saw the band pressed against the epicondyle on MRI in six volunteers
(registry fact ``fairclough2006-compression-30deg``). The proportions are schematic,
not measured: the geometry is the course's, the angles it is compared with are cited.

Every public function checks its arguments: a value of the wrong type (a string, None,
a list) raises ``TypeError`` and a number out of range ``ValueError``, each naming the
parameter, the value and what is allowed.

The drawings of this model are in :mod:`itband.figures.anatomy`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np

from ..course.validate import check_number
from .constants import IMPINGEMENT_ZONE_DEG

__all__ = [
    "KNEE_FLEXION_RANGE_DEG", "GERDY_TIBIA_CM", "FIBULAR_HEAD_TIBIA_CM", "BAND_PROXIMAL_CM",
    "EPICONDYLE_CM", "IMPINGEMENT_ZONE_DEG", "GERDY_FORWARD_RANGE_CM", "GERDY_HEIGHT_RANGE_CM",
    "SHANK_POINT_LIMIT_CM",
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

    def __post_init__(self):
        for name in ("label", "role"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"{name}={value!r} is not text; a structure's {name} must be a string")
            if not value.strip():
                raise ValueError(f"{name}={value!r} is empty; a structure's {name} must say something")


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
        "the main hip abductor, below the crest; it holds the pelvis level when you stand on one leg"),
    "gluteus_maximus": Structure(
        "Gluteus maximus",
        "the large buttock muscle; with tensor fasciae latae one of the band's two muscles, pulling on it "
        "from behind"),
    "it_band": Structure(
        "Iliotibial band",
        "a thickened strip of the fascia lata from the hip to Gerdy's tubercle; it is tied to the femur "
        "along its length and carries the pull of its two muscles down to the knee"),
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


def _number(name: str, value, lo: float, hi: float, unit: str) -> float:
    """:func:`~itband.course.validate.check_number`, with a ``TypeError`` for a value that is not a
    number at all (a string, None, a list, True), naming ``name``, the value and the range."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}={value!r} is not a number; {name} must be a number from "
                        f"{lo:g} to {hi:g} {unit}")
    return check_number(name, value, lo, hi, unit)


def _pair(name: str, value, what: str) -> tuple:
    """``value`` unpacked as a pair, or a ``TypeError`` naming ``name`` and what the pair holds."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
        raise TypeError(f"{name}={value!r} is not a pair; {name} must be ({what})")
    return tuple(value)


def _check_flexion(knee_flexion_deg, name: str = "knee_flexion_deg") -> float:
    return _number(name, knee_flexion_deg, *KNEE_FLEXION_RANGE_DEG, "degrees")


#: How far from the flexion axis a point given to :func:`shank_point` may lie (cm, each coordinate).
SHANK_POINT_LIMIT_CM = 60.0


def shank_point(point_cm: tuple[float, float], knee_flexion_deg: float) -> np.ndarray:
    """Position (cm, femur frame) of a point fixed to the shank, after the knee bends.

    ``point_cm`` is (cm in front of, cm above) the flexion axis with the knee straight, each
    within ±60 cm. Flexion (``knee_flexion_deg``, 0-120 degrees) swings the shank backwards
    about the flexion axis at the origin.
    """
    x, y = _pair("point_cm", point_cm, "cm in front of the axis, cm above it")
    x = _number("point_cm[0]", x, -SHANK_POINT_LIMIT_CM, SHANK_POINT_LIMIT_CM, "cm")
    y = _number("point_cm[1]", y, -SHANK_POINT_LIMIT_CM, SHANK_POINT_LIMIT_CM, "cm")
    theta = math.radians(_check_flexion(knee_flexion_deg))
    return np.array([x * math.cos(theta) + y * math.sin(theta),
                     -x * math.sin(theta) + y * math.cos(theta)])


#: Where the model lets Gerdy's tubercle be, with the knee straight: cm in front of the flexion
#: axis, and cm above it (negative: below).
GERDY_FORWARD_RANGE_CM = (0.5, 4.0)
GERDY_HEIGHT_RANGE_CM = (-6.0, -1.5)


def _check_gerdy(gerdy_cm) -> tuple[float, float]:
    forward, up = _pair("gerdy_cm", gerdy_cm, "cm in front of the axis, cm above it (negative: below)")
    return (_number("gerdy_cm[0]", forward, *GERDY_FORWARD_RANGE_CM, "cm in front of the axis"),
            _number("gerdy_cm[1]", up, *GERDY_HEIGHT_RANGE_CM, "cm above the axis (below it)"))


def band_offset_mm(knee_flexion_deg: float, gerdy_cm: tuple[float, float] = GERDY_TIBIA_CM) -> float:
    """Signed distance (mm) of the band's line from the lateral epicondyle.

    Positive: the line runs in front of (anterior to) the epicondyle; negative:
    behind it; zero: directly over it. ``knee_flexion_deg`` is 0-120 degrees;
    ``gerdy_cm`` places Gerdy's tubercle with the knee straight: 0.5-4 cm in front of the
    flexion axis and 1.5-6 cm below it (given as -6 to -1.5).
    """
    flex = _check_flexion(knee_flexion_deg)
    p = np.array(BAND_PROXIMAL_CM)
    g = shank_point(_check_gerdy(gerdy_cm), flex)
    e = np.array(EPICONDYLE_CM)
    d = g - p
    # 2-D cross product: > 0 when the epicondyle lies behind the line (to its posterior side).
    cross = d[0] * (e[1] - p[1]) - d[1] * (e[0] - p[0])
    return float(-cross / np.hypot(*d) * 10.0)


def crossing_angle_deg(gerdy_cm: tuple[float, float] = GERDY_TIBIA_CM) -> float:
    """Knee flexion (degrees) at which the band's line passes directly over the epicondyle.

    For a distant proximal end the line passes over the axis when Gerdy's tubercle is straight
    below it, so the angle is close to ``atan(forward / below)``: about 29 degrees with the
    default geometry (2.0 cm in front, 3.6 cm below). ``gerdy_cm`` as for :func:`band_offset_mm`.
    """
    gerdy_cm = _check_gerdy(gerdy_cm)
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
    """'in front of', 'over' (within 1 mm) or 'behind': where the band's line runs relative to
    the lateral epicondyle at ``knee_flexion_deg`` (0-120 degrees)."""
    off = band_offset_mm(_check_flexion(knee_flexion_deg))
    if abs(off) < 1.0:
        return "over"
    return "in front of" if off > 0 else "behind"
