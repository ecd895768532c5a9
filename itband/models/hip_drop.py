"""What happens in single-leg stance when the hip abductors fall short: a HYPOTHESIS model.

The chain it computes is the one the clinical story assumes: weak abductors
-> the pelvis drops on the free side -> the stance hip adducts -> passive
tissue on the outside of the hip, the IT band and TFL among it, is stretched
and takes up the missing moment -> band tension rises. Nerve-block studies
reduced abductor strength in healthy men without any change in pelvic drop
(Kendall et al. 2013: by about half, registry fact ``kendall2013-strength-drop``;
Pohl et al. 2015: reduced, no percentage in the abstract), so this chain is not
a law; it is one path. The other path, leaning the trunk over the stance leg, is built in
(``trunk_lean=True``).

Inputs and what they mean
-------------------------
``abductor_strength_pct`` is the abductors' available moment as a percentage
of what the task needs with a level pelvis and an upright trunk (100 % =
just enough). It is NOT the percentage of someone's maximal strength: a
person whose maximum is twice what standing needs still has 100 % here after
losing half of it.

Simplifications (all stated in the lesson)
------------------------------------------
* Static: the activity's peak load acts as if standing still
  (see :mod:`itband.models.hip_balance`, whose lever arms are perpendicular
  moment arms).
* The passive tissues act as one linear rotational spring about the stance
  hip, ``PASSIVE_STIFFNESS_NM_PER_DEG`` newton-metres per degree of pelvic
  drop. Its value is an assumption chosen to give drops of a few degrees to
  about 15 degrees; nobody has measured it for this purpose, and people differ.
* The stance thigh stays where it is, so each degree of pelvic drop is one more
  degree of hip adduction.
* The model's band tension is the sum of two parts, both illustrations: the
  force of the band-tensioning muscles (upper gluteus maximus, TFL, vastus
  lateralis), taken as Kummer's 30 % share of the abductor force they actually
  supply (:data:`itband.models.hip_balance.BAND_SHARE`), and the band's share,
  ``BAND_PASSIVE_SHARE`` (an assumption), of the passive moment; the hip
  capsule and other tissue carry the rest. The band's moment arm is taken
  equal to the abductors' (it runs just outside the trochanter). Nobody has
  measured the band tension this gives.
* Leaning the trunk moves the supported weight toward the stance hip by
  ``com_height_m * sin(lean)``, with the weight's centre ``com_height_m``
  (assumed 0.30 m) above the hip; the lean is limited to ``max_trunk_lean_deg``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..course.validate import check_number
from . import hip_balance as hb

#: Assumed rotational stiffness of the passive lateral hip tissues (N·m per degree). Not measured.
PASSIVE_STIFFNESS_NM_PER_DEG = 8.0
#: Assumed share of the passive moment carried by the IT band (the rest: capsule, other tissue).
BAND_PASSIVE_SHARE = 0.5
#: Assumed height of the supported weight's centre above the hip (m).
COM_HEIGHT_M = 0.30
#: Assumed largest trunk lean a runner adopts (degrees).
MAX_TRUNK_LEAN_DEG = 15.0
#: Assumed distance between the two hip-joint centres (m), to turn the drop into centimetres.
HIP_WIDTH_M = 0.18


@dataclass(frozen=True)
class HipDrop:
    """Result of :func:`hip_drop`. Moments in N·m, forces in N, angles in degrees."""

    abductor_strength_pct: float
    activity: str
    trunk_lean: bool
    needed_moment_nm: float          # level pelvis, upright trunk
    trunk_lean_deg: float
    moment_after_lean_nm: float      # what the task needs once the trunk leans
    abductor_moment_nm: float        # what the abductors supply
    shortfall_nm: float              # taken by passive tissue
    pelvic_drop_deg: float
    hip_adduction_deg: float         # extra hip adduction of the stance hip from the drop
    band_tension_n: float            # model's band tension (an illustration, see the module docstring)
    band_tension_level_n: float      # the same with full strength, level pelvis, upright trunk
    abductor_arm_m: float

    @property
    def band_tension_ratio(self) -> float:
        """Band tension relative to the full-strength, level-pelvis value (1 = no change)."""
        return self.band_tension_n / self.band_tension_level_n

    @property
    def free_side_drop_cm(self) -> float:
        """How far the free-side hip joint sinks, cm (hip centres ``HIP_WIDTH_M`` apart)."""
        return 100.0 * HIP_WIDTH_M * math.sin(math.radians(self.pelvic_drop_deg))


def _check_strength(abductor_strength_pct: float) -> float:
    """Validate a strength in percent of the needed moment (0 to 100 %)."""
    return check_number("abductor_strength_pct", abductor_strength_pct, 0.0, 100.0, "%")


def hip_drop(abductor_strength_pct: float = 100.0, activity: str = "standing on one leg",
             trunk_lean: bool = False, body_mass_kg: float = 70.0,
             abductor_arm_m: float = hb.ABDUCTOR_ARM_M, weight_arm_m: float = hb.WEIGHT_ARM_M,
             passive_stiffness_nm_per_deg: float = PASSIVE_STIFFNESS_NM_PER_DEG,
             band_passive_share: float = BAND_PASSIVE_SHARE, com_height_m: float = COM_HEIGHT_M,
             max_trunk_lean_deg: float = MAX_TRUNK_LEAN_DEG) -> HipDrop:
    """Pelvic drop, hip adduction and IT band tension when the abductors supply only part of the moment.

    Parameters
    ----------
    abductor_strength_pct
        Available abductor moment as % of the task's need (0 to 100).
    activity
        One of :data:`itband.models.hip_balance.ACTIVITIES`.
    trunk_lean
        If true, the trunk leans over the stance leg (up to ``max_trunk_lean_deg``)
        to cut the needed moment before the pelvis drops.
    body_mass_kg, abductor_arm_m, weight_arm_m
        As in :func:`itband.models.hip_balance.single_leg_stance` (lever arms are
        perpendicular moment arms, m).
    passive_stiffness_nm_per_deg
        Rotational stiffness of the passive lateral hip tissue, N·m per degree (above 0, at most 100).
    band_passive_share
        Share of the passive moment carried by the IT band (0 to 1).
    com_height_m
        Height of the supported weight's centre above the hip, m (0.1 to 0.6).
    max_trunk_lean_deg
        Largest trunk lean allowed, degrees (0 to 30).
    """
    s = _check_strength(abductor_strength_pct) / 100.0
    if not isinstance(trunk_lean, bool):
        raise ValueError(f"trunk_lean={trunk_lean!r} is not one of the allowed values: True, False")
    k = check_number("passive_stiffness_nm_per_deg", passive_stiffness_nm_per_deg, 0.0, 100.0,
                     "N·m/degree", lo_open=True)
    share = check_number("band_passive_share", band_passive_share, 0.0, 1.0)
    h = check_number("com_height_m", com_height_m, 0.1, 0.6, "m")
    lean_max = check_number("max_trunk_lean_deg", max_trunk_lean_deg, 0.0, 30.0, "degrees")
    bal = hb.single_leg_stance(body_mass_kg, abductor_arm_m, weight_arm_m, activity)
    a, b, w_s = bal.abductor_arm_m, bal.weight_arm_m, bal.supported_load_n

    needed = bal.moment_nm
    available = s * needed
    lean = 0.0
    if trunk_lean and s < 1.0:
        # Lean just enough that the available moment suffices: w_s (b - h sin(lean)) = s w_s b.
        lean = min(math.degrees(math.asin(min(1.0, (1.0 - s) * b / h))), lean_max)
    after_lean = w_s * max(0.0, b - h * math.sin(math.radians(lean)))
    supplied = min(available, after_lean)
    shortfall = max(0.0, after_lean - supplied)
    drop = shortfall / k

    # a is a perpendicular moment arm, so a moment M needs a force M / a (no sin of the line of pull).
    band_level = hb.BAND_SHARE * needed / a
    band = hb.BAND_SHARE * supplied / a + share * shortfall / a
    return HipDrop(
        abductor_strength_pct=100.0 * s, activity=activity, trunk_lean=trunk_lean,
        needed_moment_nm=needed, trunk_lean_deg=lean, moment_after_lean_nm=after_lean,
        abductor_moment_nm=supplied, shortfall_nm=shortfall, pelvic_drop_deg=drop,
        hip_adduction_deg=drop, band_tension_n=band, band_tension_level_n=band_level,
        abductor_arm_m=a,
    )


#: The strengths (% of need) at which the lesson's figure draws the model's curves.
CURVE_STRENGTHS_PCT = tuple(range(0, 101, 5))


def drop_curve(strengths_pct=CURVE_STRENGTHS_PCT, activity: str = "standing on one leg",
               trunk_lean: bool = False) -> list[HipDrop]:
    """:func:`hip_drop` at each strength in ``strengths_pct`` (0 to 100 each), for one activity and
    with or without trunk lean."""
    if isinstance(strengths_pct, (str, bytes)) or not hasattr(strengths_pct, "__iter__"):
        raise ValueError(f"strengths_pct={strengths_pct!r} is not a sequence of numbers "
                         "(each 0 to 100 %)")
    values = [check_number(f"strengths_pct[{i}]", s, 0.0, 100.0, "%") for i, s in enumerate(strengths_pct)]
    return [hip_drop(s, activity, trunk_lean) for s in values]
