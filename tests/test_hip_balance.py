"""Tests of the single-leg-stance moment balance (itband.models.hip_balance).

Convention under test: both lever arms are PERPENDICULAR moment arms (the textbook 5-7 cm
values are), so F = W_s * b / a; the line of pull only sets the direction of F.
"""
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from itband.course import evidence
from itband.models import hip_balance as hb

masses = st.floats(min_value=20, max_value=200, allow_nan=False)
abductor_arms = st.floats(min_value=0.02, max_value=0.15, allow_nan=False)
weight_arms = st.floats(min_value=0.02, max_value=0.25, allow_nan=False)
angles = st.floats(min_value=10, max_value=90, allow_nan=False)
activities = st.sampled_from(hb.ACTIVITIES)


# ---------------------------------------------------------------- worked examples, checked by hand

def test_worked_example_70kg_5cm_10cm_70deg():
    # W = 70 * 9.81 = 686.7 N; W_s = 5/6 W = 572.25 N
    # F = W_s b / a = 572.25 * 0.10 / 0.05 = 1144.5 N = 1144.5 / 686.7 = 1.667 BW
    # J_y = 572.25 + 1144.5 * sin 70° = 572.25 + 1144.5 * 0.93969 = 572.25 + 1075.48 = 1647.73 N
    # J_x = 1144.5 * cos 70° = 1144.5 * 0.34202 = 391.44 N
    # J = sqrt(1647.73² + 391.44²) = sqrt(2715014 + 153225) = sqrt(2868239) = 1693.6 N = 2.466 BW
    r = hb.single_leg_stance(70, 0.05, 0.10)
    assert r.body_weight_n == pytest.approx(686.7)
    assert r.supported_load_n == pytest.approx(572.25)
    assert r.abductor_force_n == pytest.approx(1144.5, abs=0.05)
    assert r.abductor_force_bw == pytest.approx(1.667, abs=0.001)
    assert r.joint_reaction_y_n == pytest.approx(1647.73, abs=0.05)
    assert r.joint_reaction_x_n == pytest.approx(391.44, abs=0.05)
    assert r.joint_reaction_n == pytest.approx(1693.6, abs=0.1)
    assert r.joint_reaction_bw == pytest.approx(2.466, abs=0.001)


def test_the_angle_is_not_counted_twice():
    # Dividing the perpendicular moment arm by sin 70° again would give 1144.5 / 0.93969 = 1218 N
    # (1.77 BW): the double count of issue 14. The force must not depend on the line of pull.
    r70 = hb.single_leg_stance(70, 0.05, 0.10, line_of_pull_deg=70)
    r90 = hb.single_leg_stance(70, 0.05, 0.10, line_of_pull_deg=90)
    assert r70.abductor_force_n == pytest.approx(r90.abductor_force_n)
    assert r70.abductor_force_n < 1200
    # a vertical pull has no horizontal component: J = W_s + F = 572.25 + 1144.5 = 1716.75 N
    assert r90.joint_reaction_x_n == pytest.approx(0.0, abs=1e-9)
    assert r90.joint_reaction_n == pytest.approx(1716.75)


@pytest.mark.parametrize("a, b, f_bw, j_bw", [
    # F/BW = 5/6 * 0.10 / 0.07 = 1.190; J/BW = sqrt((0.8333 + 1.190 * 0.9397)² + (1.190 * 0.3420)²)
    #      = sqrt(1.9520² + 0.4072²) = 1.994
    (0.07, 0.10, 1.190, 1.994),
    # F/BW = 5/6 * 0.12 / 0.03 = 3.333; J/BW = sqrt((0.8333 + 3.1323)² + 1.1401²) = 4.126
    (0.03, 0.12, 3.333, 4.126),
])
def test_other_lever_arms_by_hand(a, b, f_bw, j_bw):
    r = hb.single_leg_stance(70, a, b)
    assert r.abductor_force_bw == pytest.approx(f_bw, abs=0.001)
    assert r.joint_reaction_bw == pytest.approx(j_bw, abs=0.001)


def test_exercise_82kg_by_hand():
    # W = 82 * 9.81 = 804.42 N; W_s = 670.35 N; F = 670.35 * 0.11 / 0.06 = 1228.98 N = 1.528 BW
    # J_y = 670.35 + 1228.98 * 0.93969 = 1825.21 N; J_x = 1228.98 * 0.34202 = 420.33 N
    # J = sqrt(1825.21² + 420.33²) = 1872.98 N = 2.328 BW
    r = hb.single_leg_stance(82, 0.06, 0.11)
    assert r.abductor_force_n == pytest.approx(1228.98, abs=0.05)
    assert r.abductor_force_bw == pytest.approx(1.528, abs=0.001)
    assert r.joint_reaction_n == pytest.approx(1872.98, abs=0.05)
    assert r.joint_reaction_bw == pytest.approx(2.328, abs=0.001)


def test_quiz_60kg_by_hand():
    # W = 588.6 N, W_s = 490.5 N, F = 490.5 * 0.10 / 0.05 = 981 N (quiz 03, question 1)
    assert hb.single_leg_stance(60, 0.05, 0.10).abductor_force_n == pytest.approx(981.0)


def test_kummer_force_split_of_the_worked_example():
    # Kummer (quoted by Grimaldi 2015): 70 % of the abductor FORCE from gluteus medius/minimus,
    # 30 % from the band-tensioning muscles. 0.7 * 1144.5 = 801.15 N; 0.3 * 1144.5 = 343.35 N.
    r = hb.single_leg_stance(70, 0.05, 0.10)
    assert r.trochanteric_force_n == pytest.approx(801.15)
    assert r.band_tensioner_force_n == pytest.approx(343.35)
    assert r.trochanteric_force_n + r.band_tensioner_force_n == pytest.approx(r.abductor_force_n)


def test_activity_scales_load_by_the_registered_grf():
    stand = hb.single_leg_stance(70, activity="standing on one leg")
    walk = hb.single_leg_stance(70, activity="walking")
    run = hb.single_leg_stance(70, activity="running")
    # Keller 1996 abstract: about 1.2 BW walking, about 2.5 BW at 6 m/s
    assert walk.abductor_force_n == pytest.approx(1.2 * stand.abductor_force_n)
    assert run.joint_reaction_n == pytest.approx(2.5 * stand.joint_reaction_n)
    assert run.abductor_force_bw == pytest.approx(4.167, abs=0.001)    # 2.5 * 1.667
    assert run.joint_reaction_bw == pytest.approx(6.166, abs=0.001)    # 2.5 * 2.466


def test_joint_reaction_is_near_what_implants_measure_in_walking():
    # Bergmann 2001: average 238 % BW in walking. The static model, walking: 1.2 * 2.466 = 2.96 BW;
    # standing on one leg: 2.47 BW. Same size, which is all the lesson claims.
    implant = evidence.value("bergmann2001-walking") / 100
    stand = hb.single_leg_stance(70).joint_reaction_bw
    assert abs(stand - implant) < 0.25


def test_needed_moment_in_strength_units():
    # 5/6 * 0.10 m / 1.70 m * 100 = 4.90 %BW·h standing; x 2.5 running = 12.25
    assert hb.needed_moment_pct_bwh() == pytest.approx(4.902, abs=0.001)
    assert hb.needed_moment_pct_bwh(activity="running") == pytest.approx(12.25, abs=0.01)


# ---------------------------------------------------------------- properties (physical sense)

@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, weight_arms, activities, angles)
def test_moments_and_forces_balance(m, a, b, act, theta_deg):
    r = hb.single_leg_stance(m, a, b, act, line_of_pull_deg=theta_deg)
    theta = math.radians(theta_deg)
    # moments about the hip centre cancel, with perpendicular moment arms
    assert r.supported_load_n * b == pytest.approx(r.abductor_force_n * a, rel=1e-9)
    # vertical and horizontal force balance
    assert r.joint_reaction_y_n == pytest.approx(r.supported_load_n + r.abductor_force_n * math.sin(theta))
    assert r.joint_reaction_x_n == pytest.approx(r.abductor_force_n * math.cos(theta))
    assert r.joint_reaction_n > r.abductor_force_n > 0
    assert r.joint_reaction_n > r.supported_load_n


@settings(max_examples=60, deadline=None)
@given(masses, st.floats(min_value=1.01, max_value=1.5), abductor_arms, weight_arms, activities)
def test_forces_scale_linearly_with_mass(m, factor, a, b, act):
    r1 = hb.single_leg_stance(m, a, b, act)
    r2 = hb.single_leg_stance(m * factor, a, b, act)
    assert r2.abductor_force_n == pytest.approx(factor * r1.abductor_force_n, rel=1e-9)
    assert r2.joint_reaction_n == pytest.approx(factor * r1.joint_reaction_n, rel=1e-9)
    assert r2.abductor_force_bw == pytest.approx(r1.abductor_force_bw, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(masses, st.floats(min_value=0.02, max_value=0.14), st.floats(min_value=0.001, max_value=0.01),
       weight_arms)
def test_longer_abductor_arm_means_less_force(m, a, da, b):
    short, long_ = hb.single_leg_stance(m, a, b), hb.single_leg_stance(m, min(a + da, 0.15), b)
    assert long_.abductor_force_n < short.abductor_force_n
    assert long_.joint_reaction_n < short.joint_reaction_n


@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, st.floats(min_value=0.02, max_value=0.24),
       st.floats(min_value=0.001, max_value=0.01))
def test_longer_weight_arm_means_more_force(m, a, b, db):
    near, far = hb.single_leg_stance(m, a, b), hb.single_leg_stance(m, a, min(b + db, 0.25))
    assert far.abductor_force_n > near.abductor_force_n
    assert far.joint_reaction_n > near.joint_reaction_n


@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, weight_arms, st.floats(min_value=10, max_value=89), st.floats(0.1, 1))
def test_line_of_pull_changes_the_joint_reaction_but_not_the_force(m, a, b, theta, dtheta):
    flat, steep = (hb.single_leg_stance(m, a, b, line_of_pull_deg=t) for t in (theta, min(theta + dtheta, 90)))
    assert steep.abductor_force_n == pytest.approx(flat.abductor_force_n, rel=1e-12)
    assert steep.joint_reaction_n > flat.joint_reaction_n     # |J|² = W_s² + F² + 2 W_s F sin θ


@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, weight_arms)
def test_heavier_activity_means_more_force(m, a, b):
    forces = [hb.single_leg_stance(m, a, b, act).joint_reaction_n for act in hb.ACTIVITIES]
    assert forces == sorted(forces)


# ---------------------------------------------------------------- bad input names the parameter

BAD_NUMBERS = [0, -1, float("nan"), float("inf"), 1e9, "70", None, True, [70]]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("call, name", [
    (lambda v: hb.single_leg_stance(body_mass_kg=v), "body_mass_kg"),
    (lambda v: hb.single_leg_stance(abductor_arm_m=v), "abductor_arm_m"),
    (lambda v: hb.single_leg_stance(weight_arm_m=v), "weight_arm_m"),
    (lambda v: hb.single_leg_stance(line_of_pull_deg=v), "line_of_pull_deg"),
    (lambda v: hb.single_leg_stance(supported_fraction=v), "supported_fraction"),
    (lambda v: hb.body_weight_n(v), "body_mass_kg"),
    (lambda v: hb.needed_moment_pct_bwh(height_m=v), "height_m"),
    (lambda v: hb.needed_moment_pct_bwh(weight_arm_m=v), "weight_arm_m"),
    (lambda v: hb.needed_moment_pct_bwh(supported_fraction=v), "supported_fraction"),
])
def test_bad_numbers_are_named(call, name, value):
    with pytest.raises(ValueError, match=rf"^{name}="):
        call(value)


@pytest.mark.parametrize("value", ["sprinting", "", None, 3, True])
@pytest.mark.parametrize("call", [
    lambda v: hb.single_leg_stance(activity=v),
    lambda v: hb.load_factor(v),
    lambda v: hb.needed_moment_pct_bwh(activity=v),
])
def test_bad_activity_is_named_with_the_choices(call, value):
    with pytest.raises(ValueError, match=r"^activity=.* is not one of the allowed values: 'standing on one leg'"):
        call(value)


def test_lever_arm_range_in_the_message():
    with pytest.raises(ValueError, match=r"abductor_arm_m=5 is outside the allowed range above 0 to 0\.15 m"):
        hb.single_leg_stance(70, 5, 0.10)


# ---------------------------------------------------------------- the published leg model's moment arms

def test_model_arms_at_neutral_are_the_lesson_numbers():
    # MyoLeg table at 0 degrees adduction (-dL/dq, negative = abductor): glmed1 -0.051308,
    # glmed2 -0.043629, glmed3 -0.032087, tfl -0.053160 m: the lesson's 5.1, 4.4, 3.2 and 5.3 cm.
    arms = {t: hb.model_abductor_arm_m(t, 0.0) for t in hb.MODEL_TENDON_NAMES}
    assert arms["glmed1_r_tendon"] == pytest.approx(0.0513, abs=5e-5)
    assert arms["glmed2_r_tendon"] == pytest.approx(0.0436, abs=5e-5)
    assert arms["glmed3_r_tendon"] == pytest.approx(0.0321, abs=5e-5)
    assert arms[hb.BAND_TENDON] == pytest.approx(0.0532, abs=5e-5)


def test_model_arm_is_interpolated_between_table_angles():
    # glmed1: -0.051308 m at 0 deg, -0.050009 m at 5 deg; halfway: (0.051308 + 0.050009) / 2 = 0.0506585
    assert hb.model_abductor_arm_m("glmed1_r_tendon", 2.5) == pytest.approx(0.0506585, abs=1e-7)
    # tfl: -0.048758 at 5, -0.044262 at 10; at 6 deg: 0.048758 - 0.2 * 0.004496 = 0.0478588
    assert hb.model_abductor_arm_m(hb.BAND_TENDON, 6.0) == pytest.approx(0.0478588, abs=1e-7)
    # the ends of the table are reachable
    assert hb.model_abductor_arm_m(hb.BAND_TENDON, 15.0) == pytest.approx(0.039682, abs=1e-7)
    assert hb.model_abductor_arm_m(hb.BAND_TENDON, -20.0) == pytest.approx(0.069671, abs=1e-7)


def test_model_worked_example_by_hand():
    # mean at 0 deg: (0.051308 + 0.043629 + 0.032087) / 3 = 0.127024 / 3 = 0.0423413 m
    # F = W_s b / a = 572.25 * 0.10 / 0.0423413 = 1351.5 N = 1351.5 / 686.7 = 1.968 BW
    assert hb.model_gluteus_medius_arm_m(0.0) == pytest.approx(0.0423413, abs=1e-7)
    r = hb.model_single_leg_stance(70, 0.0)
    assert r.abductor_force_n == pytest.approx(1351.5, abs=0.1)
    assert r.abductor_force_bw == pytest.approx(1.968, abs=0.001)
    # at 10 deg adduction: (0.048478 + 0.039285 + 0.027780) / 3 = 0.0385143 m
    # F = 57.225 / 0.0385143 = 1485.8 N = 2.164 BW
    r10 = hb.model_single_leg_stance(70, 10.0)
    assert r10.abductor_arm_m == pytest.approx(0.0385143, abs=1e-7)
    assert r10.abductor_force_n == pytest.approx(1485.8, abs=0.1)
    assert r10.abductor_force_bw == pytest.approx(2.164, abs=0.001)


def test_exercise_moment_arm_shrinking_from_5_1_to_4_4_cm():
    # F = 572.25 * 0.10 / 0.051 = 1122.1 N (1.634 BW); / 0.044 = 1300.6 N (1.894 BW); ratio 51/44 = 1.159
    big, small = hb.single_leg_stance(70, 0.051), hb.single_leg_stance(70, 0.044)
    assert big.abductor_force_n == pytest.approx(1122.1, abs=0.1)
    assert small.abductor_force_n == pytest.approx(1300.6, abs=0.1)
    assert small.abductor_force_n / big.abductor_force_n == pytest.approx(1.159, abs=0.001)


_model_angles = st.floats(min_value=-20, max_value=15, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(_model_angles, st.floats(min_value=0.5, max_value=35), st.sampled_from(sorted(hb.MODEL_TENDON_NAMES)))
def test_model_arms_shrink_as_the_hip_adducts(q, dq, tendon):
    q2 = min(q + dq, 15.0)
    assert hb.model_abductor_arm_m(tendon, q2) <= hb.model_abductor_arm_m(tendon, q)
    assert 0.02 < hb.model_abductor_arm_m(tendon, q2) < 0.08


@settings(max_examples=60, deadline=None)
@given(masses, st.floats(min_value=-20, max_value=14.5), st.floats(min_value=0.5, max_value=35), activities)
def test_smaller_model_arm_in_adduction_means_larger_force(m, q, dq, act):
    q2 = min(q + dq, 15.0)
    neutral, adducted = hb.model_single_leg_stance(m, q, activity=act), hb.model_single_leg_stance(m, q2, activity=act)
    assert adducted.abductor_arm_m < neutral.abductor_arm_m
    assert adducted.abductor_force_n > neutral.abductor_force_n
    # the moment needed is the same; only the lever changes
    assert adducted.abductor_force_n * adducted.abductor_arm_m == pytest.approx(neutral.moment_nm)


@settings(max_examples=60, deadline=None)
@given(masses, st.floats(min_value=0.02, max_value=0.15), st.floats(min_value=0.02, max_value=0.15), weight_arms)
def test_smaller_moment_arm_means_larger_force(m, a1, a2, b):
    assume(abs(a1 - a2) > 1e-9)   # arms one float step apart give the same force to rounding
    small, large = sorted((a1, a2))
    f_small = hb.single_leg_stance(m, small, b).abductor_force_n
    f_large = hb.single_leg_stance(m, large, b).abductor_force_n
    assert f_small > f_large
    assert f_small * small == pytest.approx(f_large * large)   # the same moment either way


@pytest.mark.parametrize("call, name, value", [
    (lambda v: hb.model_abductor_arm_m(hb.BAND_TENDON, v), "hip_adduction_deg", 30),
    (lambda v: hb.model_gluteus_medius_arm_m(v), "hip_adduction_deg", -25),
    (lambda v: hb.model_single_leg_stance(70, v), "hip_adduction_deg", float("nan")),
    (lambda v: hb.model_single_leg_stance(v, 0), "body_mass_kg", -1),
])
def test_model_bad_numbers_are_named(call, name, value):
    with pytest.raises(ValueError, match=rf"^{name}="):
        call(value)


def test_model_bad_tendon_is_named_with_the_choices():
    with pytest.raises(ValueError, match=r"^tendon='glmax1_r_tendon' is not one of the allowed values"):
        hb.model_abductor_arm_m("glmax1_r_tendon", 0)
