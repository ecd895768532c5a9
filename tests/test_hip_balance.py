"""Tests of the single-leg-stance moment balance (itband.hip_balance)."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband import hip_balance as hb

masses = st.floats(min_value=20, max_value=200, allow_nan=False)
abductor_arms = st.floats(min_value=0.02, max_value=0.15, allow_nan=False)
weight_arms = st.floats(min_value=0.02, max_value=0.25, allow_nan=False)
activities = st.sampled_from(hb.ACTIVITIES)


# ---------------------------------------------------------------- worked examples (textbook inputs, checked by hand)

def test_worked_example_70kg_5cm_10cm_70deg():
    # W = 70 * 9.81 = 686.7 N; W_s = 5/6 W = 572.25 N
    # F = 572.25 * 0.10 / (0.05 * sin 70°) = 57.225 / 0.046985 = 1217.95 N = 1.774 BW
    # J_y = 572.25 + 1217.95 * 0.93969 = 1716.75 N; J_x = 1217.95 * 0.34202 = 416.56 N
    # J = sqrt(1716.75² + 416.56²) = 1766.6 N = 2.573 BW
    r = hb.single_leg_stance(70, 0.05, 0.10)
    assert r.body_weight_n == pytest.approx(686.7)
    assert r.supported_load_n == pytest.approx(572.25)
    assert r.abductor_force_n == pytest.approx(1218.0, abs=1.0)
    assert r.abductor_force_bw == pytest.approx(1.77, abs=0.01)
    assert r.joint_reaction_y_n == pytest.approx(1716.8, abs=0.5)
    assert r.joint_reaction_x_n == pytest.approx(416.6, abs=0.5)
    assert r.joint_reaction_n == pytest.approx(1766.6, abs=1.0)
    assert r.joint_reaction_bw == pytest.approx(2.57, abs=0.01)


@pytest.mark.parametrize("a, b, f_bw, j_bw", [
    (0.07, 0.10, 1.27, 2.07),   # wider trochanter: less force
    (0.04, 0.12, 2.66, 3.46),   # Pauwels-like 3:1 lever ratio
])
def test_other_textbook_lever_arms(a, b, f_bw, j_bw):
    r = hb.single_leg_stance(70, a, b)
    assert r.abductor_force_bw == pytest.approx(f_bw, abs=0.01)
    assert r.joint_reaction_bw == pytest.approx(j_bw, abs=0.01)


def test_perpendicular_pull_gives_moment_arm_answer():
    # With a 90° line of pull, a is the perpendicular moment arm: F = W_s b / a = 1144.5 N = 1.67 BW
    r = hb.single_leg_stance(70, 0.05, 0.10, line_of_pull_deg=90)
    assert r.abductor_force_n == pytest.approx(1144.5, abs=0.1)
    assert r.abductor_force_bw == pytest.approx(1.67, abs=0.01)
    assert r.joint_reaction_x_n == pytest.approx(0.0, abs=1e-9)


def test_textbook_range_for_typical_lever_arms():
    # Textbook single-leg stance: abductor force about 2-3 x BW or a little less, joint reaction higher (2.5-3 x).
    for a in (0.05, 0.06):
        r = hb.single_leg_stance(70, a, 0.10)
        assert 1.4 <= r.abductor_force_bw <= 3.0
        assert 2.0 <= r.joint_reaction_bw <= 3.5


def test_kummer_split_of_the_worked_example():
    r = hb.single_leg_stance(70, 0.05, 0.10)
    assert r.trochanteric_force_n == pytest.approx(852.6, abs=1)
    assert r.band_tensioner_force_n == pytest.approx(365.4, abs=1)


def test_activity_scales_load_by_grf():
    stand = hb.single_leg_stance(70, activity="standing on one leg")
    walk = hb.single_leg_stance(70, activity="walking")
    run = hb.single_leg_stance(70, activity="running")
    assert walk.abductor_force_n == pytest.approx(1.2 * stand.abductor_force_n)
    assert run.joint_reaction_n == pytest.approx(2.5 * stand.joint_reaction_n)


def test_needed_moment_in_strength_units():
    # 5/6 * 0.10 m / 1.70 m * 100 = 4.90 %BW·h standing; x 2.5 running = 12.25
    assert hb.needed_moment_pct_bwh() == pytest.approx(4.902, abs=0.001)
    assert hb.needed_moment_pct_bwh(activity="running") == pytest.approx(12.25, abs=0.01)


# ---------------------------------------------------------------- properties

@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, weight_arms, activities)
def test_balance_holds_and_joint_reaction_exceeds_abductor_force(m, a, b, act):
    r = hb.single_leg_stance(m, a, b, act)
    theta = math.radians(r.line_of_pull_deg)
    # moments about the hip centre sum to zero
    assert r.supported_load_n * b == pytest.approx(r.abductor_force_n * math.sin(theta) * a, rel=1e-9)
    # vertical and horizontal force balance
    assert r.joint_reaction_y_n == pytest.approx(r.supported_load_n + r.abductor_force_n * math.sin(theta))
    assert r.joint_reaction_n > r.abductor_force_n > 0
    assert r.joint_reaction_n > r.supported_load_n


@settings(max_examples=60, deadline=None)
@given(masses, st.floats(min_value=1.01, max_value=1.5), abductor_arms, weight_arms, activities)
def test_forces_scale_linearly_with_mass(m, factor, a, b, act):
    r1 = hb.single_leg_stance(m, a, b, act)
    r2 = hb.single_leg_stance(m * factor, a, b, act)
    assert r2.abductor_force_n == pytest.approx(factor * r1.abductor_force_n, rel=1e-9)
    assert r2.joint_reaction_n == pytest.approx(factor * r1.joint_reaction_n, rel=1e-9)
    # multiples of body weight do not depend on mass
    assert r2.abductor_force_bw == pytest.approx(r1.abductor_force_bw, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, st.floats(min_value=0.02, max_value=0.14), weight_arms)
def test_longer_abductor_arm_means_less_force(m, a, da, b):
    a2 = min(a + abs(da) + 1e-3, 0.15)
    if a2 <= a:
        return
    assert hb.single_leg_stance(m, a2, b).abductor_force_n < hb.single_leg_stance(m, a, b).abductor_force_n


@settings(max_examples=60, deadline=None)
@given(masses, abductor_arms, weight_arms)
def test_heavier_activity_means_more_force(m, a, b):
    forces = [hb.single_leg_stance(m, a, b, act).joint_reaction_n for act in hb.ACTIVITIES]
    assert forces == sorted(forces)


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("mass", [0, -70, 301, float("nan"), "70"])
def test_bad_mass(mass):
    with pytest.raises(ValueError, match="body_mass_kg"):
        hb.single_leg_stance(mass)


@pytest.mark.parametrize("a", [0, -0.05, 0.16, 5])
def test_bad_abductor_arm(a):
    with pytest.raises(ValueError, match=r"abductor_arm_m=.* outside the allowed range above 0 to 0\.15 m"):
        hb.single_leg_stance(70, a, 0.10)


@pytest.mark.parametrize("b", [0, -0.1, 0.26, 10])
def test_bad_weight_arm(b):
    with pytest.raises(ValueError, match=r"weight_arm_m=.* outside the allowed range above 0 to 0\.25 m"):
        hb.single_leg_stance(70, 0.05, b)


def test_bad_activity_and_angle():
    with pytest.raises(ValueError, match="activity"):
        hb.single_leg_stance(70, activity="sprinting")
    with pytest.raises(ValueError, match="line_of_pull_deg"):
        hb.single_leg_stance(70, line_of_pull_deg=0)
    with pytest.raises(ValueError, match="supported_fraction"):
        hb.single_leg_stance(70, supported_fraction=1.2)
    with pytest.raises(ValueError, match="height_m"):
        hb.needed_moment_pct_bwh(height_m=170)
