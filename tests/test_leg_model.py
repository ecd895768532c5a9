"""The band in MyoLeg (MuJoCo): path lengths and moment arms, checked by a second route.

The model's own route (the tendon Jacobian, with the coupled knee coordinates moved by the chain
rule) is compared with a central finite difference of path lengths; the shipped tables are
compared with a fresh computation.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.models import leg_model as lm


@pytest.mark.parametrize("tendon, joint, angle", [
    ("tfl_r_tendon", "knee_angle_r", 0.0), ("tfl_r_tendon", "knee_angle_r", 30.0),
    ("tfl_r_tendon", "knee_angle_r", 90.0), ("glmed2_r_tendon", "hip_adduction_r", 0.0),
    ("tfl_r_tendon", "hip_flexion_r", 20.0),
])
def test_jacobian_and_finite_difference_agree(tendon, joint, angle):
    assert lm.moment_arm_m(tendon, joint, angle) == pytest.approx(lm.moment_arm_fd_m(tendon, joint, angle),
                                                                  abs=2e-6)


@settings(max_examples=15, deadline=None)
@given(angle=st.floats(0, 120, allow_nan=False))
def test_the_band_stays_a_knee_extensor_at_every_angle(angle):
    """In this model family the band's knee moment arm never turns into a flexor one past 30°."""
    assert lm.moment_arm_m("tfl_r_tendon", "knee_angle_r", angle) < 0


def test_the_band_lengthens_as_the_knee_bends_and_its_lever_shrinks():
    lengths = [lm.tendon_length_m("tfl_r_tendon", "knee_angle_r", a) for a in (0, 30, 60, 90)]
    assert lengths == sorted(lengths)
    arms = [abs(lm.moment_arm_m("tfl_r_tendon", "knee_angle_r", a)) for a in (0, 30, 60, 90)]
    assert arms == sorted(arms, reverse=True)


def test_gluteus_medius_and_the_band_abduct_the_hip_with_lever_arms_near_the_textbook_range():
    for tendon in lm.TENDONS:
        arm = lm.moment_arm_m(tendon, "hip_adduction_r", 0.0)
        assert arm < 0, tendon                               # negative adduction arm: an abductor
    front = -lm.moment_arm_m("glmed1_r_tendon", "hip_adduction_r", 0.0)
    assert 0.04 < front < 0.07                               # textbook abductor lever arms: 5-7 cm


def test_the_shipped_tables_are_what_the_model_gives():
    fresh, shipped = lm.compute_tables(), lm.tables()
    assert fresh["model"] == shipped["model"]
    for joint, sweep in fresh["sweeps"].items():
        assert sweep["angle_deg"] == shipped["sweeps"][joint]["angle_deg"]
        for tendon in lm.TENDONS:
            for q in ("length_m", "moment_arm_m"):
                assert sweep[tendon][q] == pytest.approx(shipped["sweeps"][joint][tendon][q], abs=2e-6)


@pytest.mark.parametrize("call, message", [
    (lambda: lm.moment_arm_m("gmax", "knee_angle_r", 10), "tendon='gmax'"),
    (lambda: lm.moment_arm_m("tfl_r_tendon", "ankle", 10), "joint='ankle'"),
    (lambda: lm.tendon_length_m("tfl_r_tendon", "knee_angle_r", 150), "angle_deg=150 is outside"),
    (lambda: lm.table("knee_angle_r", "tfl_r_tendon", "force"), "quantity='force'"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
