"""Frontal-plane moment balance of the pelvis in single-leg stance.

Standing on one leg, the body above the stance hip (everything but the stance
leg) tends to tip the pelvis down on the free side. The hip abductors
(gluteus medius, gluteus minimus, tensor fasciae latae) hold it level. Taking
moments about the centre of the stance hip::

    W_s * b = F * a        so        F = W_s * b / a

* ``W_s`` supported load (N): the weight above the stance hip, about 5/6 of
  body weight because one leg is about 1/6 (anthropometric convention,
  approximate);
* ``b`` body-weight moment arm (m): perpendicular (here horizontal) distance
  from the hip centre to the line of that weight, about 0.10 m in textbook
  problems;
* ``a`` abductor moment arm (m): PERPENDICULAR distance from the hip centre to
  the abductors' line of action, about 0.05-0.07 m in kinesiology textbooks;
* ``theta`` the abductors' line of pull, 70 degrees to the horizontal in a
  classic teaching problem.

One convention, stated once: both lever arms are perpendicular moment arms,
which is what the textbook 5-7 cm values are. The angle ``theta`` therefore
does not enter the moment balance (multiplying a perpendicular moment arm by
``sin(theta)`` again would count the angle twice and give 1.77 instead of 1.67
x body weight in the worked example); it only splits ``F`` into the components
of the force balance, which gives the hip joint reaction ``J`` pushing up on
the pelvis: ``J_y = W_s + F sin(theta)`` and ``J_x = F cos(theta)``.

A worked example with the textbook inputs above (70 kg, a = 0.05 m, b = 0.10 m,
70 degrees; this module's own arithmetic, checked by hand in the tests) gives
F = 1144.5 N = 1.67 x body weight and J = 1694 N = 2.47 x body weight, close to
the average hip contact force that instrumented hip implants measure in walking
(registry fact ``bergmann2001-walking``, 238 % of body weight). The lever arms
are typical textbook teaching values (``neumann2017-lever-arms-textbook``; the
textbook page is not verified), the 70 degrees is a teaching value, and the
5/6 comes from segment-mass tables; none is a measurement of one person.

Activity scaling is an ASSUMPTION of this teaching model, not a measurement:
the supported load is multiplied by the peak vertical ground reaction force of
the activity in multiples of body weight (Keller et al. 1996, registry facts
``keller1996-grf-walking`` and ``keller1996-grf``), as if the whole peak acted
statically with the same lever arms. Real running adds segment accelerations
and moving lever arms.

A second source for ``a``: :func:`model_abductor_arm_m` reads the abductor moment arms of a
published leg model (MyoSuite's MyoLeg, from the Rajagopal et al. 2016 model; see
:mod:`itband.models.leg_model`) at a chosen hip adduction, and
:func:`model_single_leg_stance` puts the simple mean of its three gluteus medius bundles into the
same balance. That mean is an assumption (equal force in each bundle), and the model is one
generic adult, not anyone measured.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from ..course import evidence
from ..course.validate import check_choice, check_number, check_positive
from . import leg_model
from .constants import G_MPS2

#: Fraction of body weight above the stance hip (each leg is about 1/6; approximate convention).
SUPPORTED_FRACTION = 5 / 6
#: Line of pull of the abductors to the horizontal (degrees), classic teaching problem.
LINE_OF_PULL_DEG = 70.0
#: Typical perpendicular moment arms (m), textbook teaching values: the abductors' is the low end of
#: the registered 5-7 cm range (``neumann2017-lever-arms-textbook``, page unverified); the body
#: weight's about 0.10 m.
ABDUCTOR_ARM_M = evidence.fact("neumann2017-lever-arms-textbook").range[0] / 100
WEIGHT_ARM_M = 0.10
#: Upper bounds of the lever arms (m). The abductors' line of action passes
#: well under 0.15 m from the centre of the femoral head even in a very large
#: adult (the greater trochanter itself is closer than that); and the line of the body's weight cannot lie
#: more than 0.25 m from the stance hip, which is wider than the whole span
#: between the two hip joints (about 0.2 m). Larger numbers are a typing slip,
#: usually centimetres given as metres.
MAX_ABDUCTOR_ARM_M = 0.15
MAX_WEIGHT_ARM_M = 0.25
#: Body mass bounds (kg) accepted by the model.
MAX_BODY_MASS_KG = 300.0

#: Peak vertical ground reaction force of each activity, in multiples of body
#: weight (Keller et al. 1996: walking, and running at fast speed, from the
#: registry). Standing still on one leg is 1 by definition.
ACTIVITY_LOAD_FACTOR = {
    "standing on one leg": 1.0,
    "walking": evidence.value("keller1996-grf-walking"),
    "running": evidence.value("keller1996-grf"),
}
ACTIVITIES = tuple(ACTIVITY_LOAD_FACTOR)

#: Shares of the abductor FORCE (not moment) for single-leg stance in Kummer's
#: calculation, quoted by Grimaldi et al. 2015: the "trochanteric" abductors
#: (gluteus medius and minimus) and the muscles that tension the IT band (upper
#: gluteus maximus, TFL and vastus lateralis). Kummer's geometry is not this
#: model's, so applying the split here is an illustration.
TROCHANTERIC_SHARE = evidence.value("grimaldi2015-kummer-split") / 100
BAND_SHARE = evidence.value("grimaldi2015-kummer-band-share") / 100


@dataclass(frozen=True)
class HipBalance:
    """Result of :func:`single_leg_stance`; forces in newtons, ``*_bw`` in multiples of body weight."""

    body_mass_kg: float
    activity: str
    abductor_arm_m: float
    weight_arm_m: float
    line_of_pull_deg: float
    body_weight_n: float
    load_factor: float
    supported_load_n: float
    moment_nm: float
    abductor_force_n: float
    joint_reaction_x_n: float
    joint_reaction_y_n: float
    joint_reaction_n: float

    @property
    def abductor_force_bw(self) -> float:
        return self.abductor_force_n / self.body_weight_n

    @property
    def joint_reaction_bw(self) -> float:
        return self.joint_reaction_n / self.body_weight_n

    @property
    def supported_load_bw(self) -> float:
        return self.supported_load_n / self.body_weight_n

    @property
    def joint_reaction_angle_deg(self) -> float:
        """Angle of the joint reaction from the vertical (degrees, leaning toward the midline)."""
        return math.degrees(math.atan2(self.joint_reaction_x_n, self.joint_reaction_y_n))

    @property
    def band_tensioner_force_n(self) -> float:
        """Force from the band-tensioning muscles (upper gluteus maximus, TFL, vastus lateralis), N:
        Kummer's 30 % share applied to this model's abductor force. An illustration, not a band tension."""
        return BAND_SHARE * self.abductor_force_n

    @property
    def trochanteric_force_n(self) -> float:
        """Part carried by gluteus medius and minimus, N."""
        return TROCHANTERIC_SHARE * self.abductor_force_n


def body_weight_n(body_mass_kg: float) -> float:
    """Body weight in newtons of a person of ``body_mass_kg`` (0 < mass <= 300 kg)."""
    m = check_positive("body_mass_kg", body_mass_kg, "kg", hi=MAX_BODY_MASS_KG)
    return m * G_MPS2


def load_factor(activity: str = "standing on one leg") -> float:
    """Peak vertical load in multiples of body weight for ``activity`` (see :data:`ACTIVITY_LOAD_FACTOR`)."""
    check_choice("activity", activity, ACTIVITIES)
    return ACTIVITY_LOAD_FACTOR[activity]


def _check_lever_arms(abductor_arm_m: float, weight_arm_m: float) -> tuple[float, float]:
    """Validate both lever arms (metres) against the anatomical bounds; return them as floats."""
    a = check_number("abductor_arm_m", abductor_arm_m, 0.0, MAX_ABDUCTOR_ARM_M, "m", lo_open=True)
    b = check_number("weight_arm_m", weight_arm_m, 0.0, MAX_WEIGHT_ARM_M, "m", lo_open=True)
    return a, b


def single_leg_stance(body_mass_kg: float = 70.0, abductor_arm_m: float = ABDUCTOR_ARM_M,
                      weight_arm_m: float = WEIGHT_ARM_M, activity: str = "standing on one leg",
                      line_of_pull_deg: float = LINE_OF_PULL_DEG,
                      supported_fraction: float = SUPPORTED_FRACTION) -> HipBalance:
    """Abductor force and hip joint reaction for single-leg stance.

    Parameters
    ----------
    body_mass_kg
        Body mass, kg (above 0, at most 300).
    abductor_arm_m
        Perpendicular moment arm of the abductors: distance from the hip centre
        to their line of action, m (above 0, at most 0.15).
    weight_arm_m
        Perpendicular (horizontal) distance from the hip centre to the line of
        the supported weight, m (above 0, at most 0.25).
    activity
        One of :data:`ACTIVITIES`; scales the supported load by the peak
        vertical ground reaction force (a labelled assumption).
    line_of_pull_deg
        Angle of the abductor force to the horizontal, degrees (above 0, at most 90).
        It sets the direction of ``F`` and so the joint reaction, not ``F`` itself.
    supported_fraction
        Fraction of body weight above the stance hip (above 0, at most 1).

    Returns
    -------
    HipBalance
        Forces in newtons and, through its properties, in multiples of body weight.
    """
    w = body_weight_n(body_mass_kg)
    a, b = _check_lever_arms(abductor_arm_m, weight_arm_m)
    k = load_factor(activity)
    theta_deg = check_number("line_of_pull_deg", line_of_pull_deg, 0.0, 90.0, "degrees", lo_open=True)
    frac = check_number("supported_fraction", supported_fraction, 0.0, 1.0, lo_open=True)
    theta = math.radians(theta_deg)
    w_s = frac * w * k
    moment = w_s * b
    force = moment / a              # a is a perpendicular moment arm: no sin(theta) here
    jx = force * math.cos(theta)
    jy = w_s + force * math.sin(theta)
    return HipBalance(
        body_mass_kg=float(body_mass_kg), activity=activity, abductor_arm_m=a, weight_arm_m=b,
        line_of_pull_deg=theta_deg, body_weight_n=w, load_factor=k, supported_load_n=w_s,
        moment_nm=moment, abductor_force_n=force, joint_reaction_x_n=jx, joint_reaction_y_n=jy,
        joint_reaction_n=math.hypot(jx, jy),
    )


def needed_moment_pct_bwh(height_m: float = 1.70, weight_arm_m: float = WEIGHT_ARM_M,
                          activity: str = "standing on one leg",
                          supported_fraction: float = SUPPORTED_FRACTION) -> float:
    """Abductor moment a task needs, in the units of strength studies: % of body weight x height.

    ``W_s * b / (W * h) * 100`` = ``supported_fraction * load_factor * b / h * 100``;
    independent of body mass. Fredericson et al. 2000 report maximal
    isometric abductor torque in these units (registry facts
    ``fredericson2000-torque-*``).
    """
    h = check_number("height_m", height_m, 1.0, 2.3, "m")
    _, b = _check_lever_arms(ABDUCTOR_ARM_M, weight_arm_m)
    k = load_factor(activity)
    frac = check_number("supported_fraction", supported_fraction, 0.0, 1.0, lo_open=True)
    return 100.0 * frac * k * b / h


# --------------------------------------------------------------------------- the published leg model

#: The abductor lines of the published leg model (:mod:`itband.models.leg_model`: MyoSuite's MyoLeg,
#: myo-sim, Apache-2.0, from the Rajagopal et al. 2016 model), right leg: the three gluteus medius
#: bundles, front to back, and the TFL / IT band line.
GLUTEUS_MEDIUS_TENDONS = ("glmed1_r_tendon", "glmed2_r_tendon", "glmed3_r_tendon")
BAND_TENDON = "tfl_r_tendon"
MODEL_TENDON_NAMES = {"glmed1_r_tendon": "gluteus medius, front", "glmed2_r_tendon": "gluteus medius, middle",
                      "glmed3_r_tendon": "gluteus medius, back", "tfl_r_tendon": "TFL / IT band"}
_ADDUCTION_JOINT = "hip_adduction_r"


def model_adduction_range_deg() -> tuple[float, float]:
    """Hip adduction angles (degrees; negative = abducted) that the model's tables cover."""
    angles = leg_model.table(_ADDUCTION_JOINT, BAND_TENDON)[0]
    return float(angles[0]), float(angles[-1])


def model_abductor_arm_m(tendon: str, hip_adduction_deg: float = 0.0) -> float:
    """Abductor moment arm (m, positive) of one of the model's lines at ``hip_adduction_deg``.

    Read from the precomputed MyoLeg tables (5-degree steps, the rest of the leg at the model's
    default pose) and interpolated linearly between the tabulated angles. The tables give
    ``-dL/dq``, negative for an abductor; this returns its size.
    """
    check_choice("tendon", tendon, tuple(MODEL_TENDON_NAMES))
    lo, hi = model_adduction_range_deg()
    q = check_number("hip_adduction_deg", hip_adduction_deg, lo, hi, "degrees")
    angles, arms = leg_model.table(_ADDUCTION_JOINT, tendon)
    i = min(bisect.bisect_right(angles, q), len(angles) - 1)
    q0, q1, r0, r1 = angles[i - 1], angles[i], arms[i - 1], arms[i]
    return -float(r0 + (r1 - r0) * (q - q0) / (q1 - q0))


def model_gluteus_medius_arm_m(hip_adduction_deg: float = 0.0) -> float:
    """Simple mean (m) of the three gluteus medius bundles' abductor moment arms.

    ASSUMPTION: each bundle carries the same force. The model's muscles differ in size, and how
    the nervous system shares force between them is not in a moment-arm table, so this is the
    plainest single number, not the model's answer for the whole muscle.
    """
    return sum(model_abductor_arm_m(t, hip_adduction_deg) for t in GLUTEUS_MEDIUS_TENDONS) / len(
        GLUTEUS_MEDIUS_TENDONS)


def model_single_leg_stance(body_mass_kg: float = 70.0, hip_adduction_deg: float = 0.0,
                            weight_arm_m: float = WEIGHT_ARM_M,
                            activity: str = "standing on one leg") -> HipBalance:
    """:func:`single_leg_stance` with the model's gluteus medius mean as the abductor moment arm."""
    return single_leg_stance(body_mass_kg, model_gluteus_medius_arm_m(hip_adduction_deg), weight_arm_m, activity)
