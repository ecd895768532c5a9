"""Two explanations of lateral knee pain in runners, drawn side by side over knee flexion.

* **Friction** (the classic story; Orchard et al. 1996): the posterior edge of
  the band slides forwards and backwards over the lateral femoral epicondyle,
  rubbing it in the impingement zone
  (:data:`itband.models.constants.IMPINGEMENT_ZONE_DEG`). :func:`friction_index`
  is the schematic "rubbing" the model predicts: high while the band's line is
  close to the epicondyle, in the Lesson 1 geometry
  (:func:`itband.models.anatomy.crossing_angle_deg`, near 29 degrees).
* **Compression** (Fairclough et al. 2006, 2007; Falvey et al. 2010): the band
  is anchored to the femur by fibrous strands and cannot slide; what looks
  like movement is a shift of tension from its anterior to its posterior
  fibres. Near 30 degrees of flexion, helped by tibial internal rotation, the
  band presses on a richly innervated layer of fat (and a pouch of the joint
  lining, the lateral recess) between it and the epicondyle.
  :func:`compression_index` is the schematic pressure on that fat: highest
  near 30 degrees, low with the knee straight.

Both indices are relative (0-1) and SCHEMATIC: their shapes encode the
angles the sources name, not measured forces or pressures. The point the
figure makes is that both stories put the pain at the same knee angles, so
the angle cannot tell them apart; the anatomy can (no bursa, a firmly
anchored band, signal change in the fat on MRI).

A third idea, strain rate (Hamill et al. 2008: in a prospective cohort of women,
those who went on to develop ITBS had both greater band strain, especially at
mid-support, and a higher strain rate), is about how fast the band is loaded,
not where; it is not drawn here.

The figure is :func:`itband.figures.mechanism.draw_mechanisms`.
"""
from __future__ import annotations

import math

from ..course import evidence
from ..course.validate import check_number
from . import anatomy
from .constants import IMPINGEMENT_ZONE_DEG

#: Knee flexion range of the explorer and the indices, degrees.
FLEXION_RANGE_DEG = (0.0, 90.0)
#: Angle (degrees) at which Fairclough et al. (2006) saw the band pressed on the epicondyle.
COMPRESSION_PEAK_DEG = float(evidence.value("fairclough2006-compression-30deg"))
#: Half-width (degrees) of the compression index (schematic).
COMPRESSION_WIDTH_DEG = 14.0
#: Distance (mm) of the band's line from the epicondyle at which the friction index halves (schematic).
FRICTION_HALF_MM = 4.0


def _check(knee_flexion_deg) -> float:
    return check_number("knee_flexion_deg", knee_flexion_deg, *FLEXION_RANGE_DEG, "degrees")


def friction_index(knee_flexion_deg: float) -> float:
    """Relative rubbing (0-1) predicted by the friction model at this knee angle (schematic).

    ``1 / (1 + (d / FRICTION_HALF_MM)^2)`` where ``d`` (mm) is the distance of the
    band's line from the epicondyle in the Lesson 1 geometry
    (:func:`itband.models.anatomy.band_offset_mm`): 1 when the band is right over the bone.
    """
    d = anatomy.band_offset_mm(_check(knee_flexion_deg))
    return 1.0 / (1.0 + (d / FRICTION_HALF_MM) ** 2)


def compression_index(knee_flexion_deg: float) -> float:
    """Relative pressure (0-1) on the fat under the band predicted by the compression model (schematic).

    A bell centred on ``COMPRESSION_PEAK_DEG`` (30 degrees; Fairclough 2006) with
    half-width ``COMPRESSION_WIDTH_DEG``; near 0 with the knee straight, when the
    band shifts away from the bone.
    """
    x = (_check(knee_flexion_deg) - COMPRESSION_PEAK_DEG) / COMPRESSION_WIDTH_DEG
    return math.exp(-x * x)


def posterior_tension_share(knee_flexion_deg: float) -> float:
    """Share (0-1) of the band's tension carried by its posterior fibres (schematic).

    Fairclough et al. (2007) explain the band's apparent forward-backward
    movement as tension passing from the anterior fibres (knee straight) to the
    posterior fibres (knee bent), not as sliding. Logistic, half-way at
    ``COMPRESSION_PEAK_DEG`` (schematic).
    """
    return 1.0 / (1.0 + math.exp(-(_check(knee_flexion_deg) - COMPRESSION_PEAK_DEG) / 7.0))


#: What each model predicts, and what was found (for the comparison table in the lesson).
PREDICTIONS = (
    ("What moves", "the band slides forwards and backwards over the epicondyle",
     "the band stays put; tension moves from its front to its back fibres"),
    ("What is irritated", "the band and a bursa between it and the bone",
     "a richly innervated fat layer and the lateral recess of the joint lining"),
    ("Where the pain peaks", f"about {IMPINGEMENT_ZONE_DEG[0]:g}-{IMPINGEMENT_ZONE_DEG[1]:g}° of flexion",
     f"about {COMPRESSION_PEAK_DEG:g}° of flexion, with tibial internal rotation"),
    ("Anatomy it needs", "a gap that lets the band glide; a bursa",
     "fibrous strands anchoring the band to the femur; no bursa"),
    ("What dissection and MRI found", "no bursa in most knees; the band firmly attached",
     "as the model needs: anchoring strands, innervated fat, MRI signal in the fat"),
)
