"""Three clinical tests for iliotibial band syndrome: how each is done, when it is positive, and what
is known of its accuracy (the drawings are in :mod:`itband.figures.clinical_tests`).

* **Noble compression test**: lying on the back, hip and knee bent; the
  examiner presses a thumb on the lateral femoral epicondyle and straightens
  the knee. Positive if the runner's own pain comes back as the knee passes
  about 30 degrees of flexion, where the band meets the epicondyle (Orchard 1996,
  ``orchard1996-friction-angle``; Fairclough 2006 on MRI), in the course's
  impingement zone :data:`~itband.models.constants.IMPINGEMENT_ZONE_DEG`.
* **Ober test**: lying on the side, the top leg is lifted, taken back and let
  down. Positive if it cannot drop to horizontal. Reese & Bandy 2003 tested only
  whether the same examiner gets the same angle again with an inclinometer
  (intra-rater reliability, ``reese2003-design``); agreement between examiners
  was not tested. What the test measures is doubtful: a cadaver study reports
  that its end point depends mainly on gluteus medius, gluteus minimus and the
  hip capsule, not on the band (Willett 2016, ``willett2016-ober-structures``;
  not yet checked in the paper, so the lesson says so), and men with ITBS
  differed from controls by only 1.2 degrees, less than the test's minimal
  detectable change (Noehren et al. 2014, ``noehren2014-ober``, ``noehren2014-ober-below-mdc``).
* **Renne test**: standing on the painful leg and bending the knee; positive
  if it reproduces the lateral knee pain (Medscape, ``karageanes2022``).

No sensitivity or specificity has been found for the Noble or Renne tests: the
clinical references that describe them (Medscape, ``karageanes2022``; BMJ Best
Practice, ``bmjbp2018itbs``) give none, and no accuracy study was found.
Diagnosis rests on the history and examination together.

Angles are knee flexion in degrees (0 = straight).
"""
from __future__ import annotations

from ..course import evidence
from ..course.validate import check_choice, check_number
from .constants import IMPINGEMENT_ZONE_DEG

#: Knee flexion range the drawings offer (degrees): the Noble test starts at 90 and straightens the knee.
KNEE_FLEXION_RANGE_DEG = (0.0, 90.0)

_OBER_DIFFERENCE = evidence.fact("noehren2014-ober").text()

TESTS = {
    "noble": {
        "name": "Noble compression test",
        "how": "Lying on the back, hip and knee bent. The examiner presses a thumb on the bony "
               "bump on the outside of the knee and slowly straightens the knee.",
        "positive": "The runner's own pain comes back as the knee passes about "
                    f"{evidence.fact('orchard1996-friction-angle').text()} of bend.",
        "accuracy": "No published sensitivity or specificity found.",
    },
    "ober": {
        "name": "Ober test",
        "how": "Lying on the good side. The examiner lifts the top leg, takes it slightly back, "
               "and lets it down towards the table.",
        "positive": "The leg cannot drop to horizontal (it stays lifted).",
        "accuracy": "Only the same examiner's repeatability was tested (Reese & Bandy 2003). It mainly "
                    "reflects gluteus medius, gluteus minimus and the hip capsule, not band length "
                    f"(cadavers, Willett 2016: not yet checked); men with ITBS differed by only {_OBER_DIFFERENCE}.",
    },
    "renne": {
        "name": "Renne test",
        "how": "Standing on the painful leg, the runner bends the knee (a single-leg knee bend).",
        "positive": "The pain on the outside of the knee comes back, often with a creak.",
        "accuracy": "No published accuracy data found.",
    },
}


def check_test(test) -> str:
    """Return ``test`` if it is one of :data:`TESTS` (``"noble"``, ``"ober"``, ``"renne"``)."""
    return check_choice("test", test, tuple(TESTS))


def check_knee_flexion(knee_flexion_deg) -> float:
    """Return ``knee_flexion_deg`` as a float within :data:`KNEE_FLEXION_RANGE_DEG`."""
    return check_number("knee_flexion_deg", knee_flexion_deg, *KNEE_FLEXION_RANGE_DEG, "degrees")


def in_pain_zone(knee_flexion_deg: float) -> bool:
    """Whether a knee bent ``knee_flexion_deg`` degrees is in the zone where a positive Noble test hurts
    (:data:`~itband.models.constants.IMPINGEMENT_ZONE_DEG`, ends included)."""
    knee = check_knee_flexion(knee_flexion_deg)
    lo, hi = IMPINGEMENT_ZONE_DEG
    return lo <= knee <= hi
