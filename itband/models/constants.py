"""Constants shared by several models, each defined once."""
from __future__ import annotations

from ..course import evidence

#: Standard gravity (m/s²).
G_MPS2 = 9.81

#: Knee flexion range (degrees) in which the band presses hardest on the lateral femoral
#: epicondyle: 20-30°, Orchard's zone as Ferber 2010 states it (the registry's
#: ``ferber2010-zone-20-30``). Lessons 1, 2 and 5 all use this one definition.
IMPINGEMENT_ZONE_DEG: tuple[float, float] = tuple(
    float(x) for x in evidence.fact("ferber2010-zone-20-30").range)
