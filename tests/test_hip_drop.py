"""Tests of the hip-drop hypothesis model (itband.models.hip_drop) and the Lesson 3 drawings
(itband.figures.hip)."""
import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband import explore
from itband.course import evidence
from itband.figures import hip as fig
from itband.models import hip_balance as hb
from itband.models import hip_drop as hd

strengths = st.floats(min_value=0, max_value=100, allow_nan=False)
activities = st.sampled_from(hb.ACTIVITIES)


# ---------------------------------------------------------------- values checked by hand

def test_full_strength_means_level_pelvis_and_baseline_band():
    d = hd.hip_drop(100, "standing on one leg")
    assert d.pelvic_drop_deg == 0
    assert d.hip_adduction_deg == 0
    assert d.band_tension_ratio == pytest.approx(1.0)
    # band-tensioning muscles: 30 % of the 1144.5 N abductor force = 343.35 N
    assert d.band_tension_n == pytest.approx(343.35)


def test_half_strength_standing_by_hand():
    # needed moment 572.25 N * 0.10 m = 57.225 N·m; half missing = 28.6125 N·m; / 8 N·m per ° = 3.577°
    d = hd.hip_drop(50, "standing on one leg")
    assert d.needed_moment_nm == pytest.approx(57.225)
    assert d.shortfall_nm == pytest.approx(28.6125)
    assert d.pelvic_drop_deg == pytest.approx(3.577, abs=0.001)
    # band: 0.3 * 28.6125 / 0.05 + 0.5 * 28.6125 / 0.05 = 171.675 + 286.125 = 457.8 N
    assert d.band_tension_n == pytest.approx(457.8)
    # free side sinks 18 cm * sin(3.577°) = 1.123 cm
    assert d.free_side_drop_cm == pytest.approx(1.123, abs=0.001)


def test_half_strength_running_by_hand():
    # running: needed 2.5 * 57.225 = 143.06 N·m; half missing = 71.53 N·m; / 8 = 8.941°
    # band: (0.3 + 0.5) * 71.53 / 0.05 = 1144.5 N; full strength 0.3 * 143.06 / 0.05 = 858.4 N; ratio 4/3
    d = hd.hip_drop(50, "running")
    assert d.pelvic_drop_deg == pytest.approx(8.941, abs=0.001)
    assert d.band_tension_n == pytest.approx(1144.5)
    assert d.band_tension_ratio == pytest.approx(4 / 3)


def test_stiffer_tissue_halves_the_drop_but_not_the_band_tension():
    # the lesson's exercise: the missing moment is the same, only the drop needed to carry it changes
    soft, stiff = hd.hip_drop(50, "running"), hd.hip_drop(50, "running", passive_stiffness_nm_per_deg=16)
    assert stiff.pelvic_drop_deg == pytest.approx(soft.pelvic_drop_deg / 2)
    assert stiff.band_tension_n == pytest.approx(soft.band_tension_n)


def test_trunk_lean_by_hand():
    # half strength: sin(lean) = 0.5 * 0.10 / 0.30 -> lean = 9.59°, pelvis level, band at half the baseline
    d = hd.hip_drop(50, "running", trunk_lean=True)
    assert d.trunk_lean_deg == pytest.approx(math.degrees(math.asin(1 / 6)), abs=1e-6)
    assert d.pelvic_drop_deg == pytest.approx(0.0, abs=1e-9)
    assert d.band_tension_ratio == pytest.approx(0.5)
    # 70 % strength (exercise): sin(lean) = 0.3 * 0.10 / 0.30 = 0.1 -> 5.74°, same walking and running
    for act in ("walking", "running"):
        assert hd.hip_drop(70, act, True).trunk_lean_deg == pytest.approx(5.739, abs=0.001)
    # zero strength needs 19.5° of lean; it is capped at 15°, so some drop remains
    z = hd.hip_drop(0, "standing on one leg", trunk_lean=True)
    assert z.trunk_lean_deg == pytest.approx(15.0)
    assert z.pelvic_drop_deg > 0


# ---------------------------------------------------------------- properties (physical sense)

@settings(max_examples=60, deadline=None)
@given(activities, st.booleans(), st.floats(min_value=40, max_value=120))
def test_no_drop_at_full_strength(act, lean, mass):
    d = hd.hip_drop(100, act, lean, body_mass_kg=mass)
    assert d.pelvic_drop_deg == 0 and d.trunk_lean_deg == 0 and d.shortfall_nm == 0


@settings(max_examples=80, deadline=None)
@given(strengths, strengths, activities)
def test_drop_and_band_tension_grow_as_strength_falls(s1, s2, act):
    lo, hi = sorted((s1, s2))
    weak, strong = hd.hip_drop(lo, act), hd.hip_drop(hi, act)
    assert weak.pelvic_drop_deg >= strong.pelvic_drop_deg
    assert weak.band_tension_n >= strong.band_tension_n - 1e-9
    if hi - lo > 1e-6:
        assert weak.pelvic_drop_deg > strong.pelvic_drop_deg


@settings(max_examples=80, deadline=None)
@given(strengths, activities)
def test_trunk_lean_never_makes_the_drop_or_the_band_worse(s, act):
    lean, upright = hd.hip_drop(s, act, True), hd.hip_drop(s, act, False)
    assert lean.pelvic_drop_deg <= upright.pelvic_drop_deg + 1e-12
    assert lean.band_tension_n <= upright.band_tension_n + 1e-9


@settings(max_examples=60, deadline=None)
@given(strengths, activities, st.floats(min_value=1, max_value=100))
def test_band_tension_does_not_depend_on_stiffness(s, act, k):
    assert (hd.hip_drop(s, act, passive_stiffness_nm_per_deg=k).band_tension_n
            == pytest.approx(hd.hip_drop(s, act).band_tension_n))


@settings(max_examples=60, deadline=None)
@given(strengths, st.floats(min_value=0.03, max_value=0.139))
def test_longer_abductor_arm_means_less_band_tension(s, a):
    assert (hd.hip_drop(s, abductor_arm_m=a + 0.01).band_tension_n
            < hd.hip_drop(s, abductor_arm_m=a).band_tension_n)


@settings(max_examples=80, deadline=None)
@given(strengths, activities, st.booleans())
def test_moments_add_up_and_stay_bounded(s, act, lean):
    d = hd.hip_drop(s, act, lean)
    assert d.abductor_moment_nm + d.shortfall_nm == pytest.approx(d.moment_after_lean_nm)
    assert d.abductor_moment_nm <= s / 100 * d.needed_moment_nm + 1e-9
    assert 0 <= d.trunk_lean_deg <= hd.MAX_TRUNK_LEAN_DEG
    assert d.hip_adduction_deg == d.pelvic_drop_deg >= 0


# ---------------------------------------------------------------- bad input names the parameter

BAD = [-1, 1000, float("nan"), float("inf"), -1e9, 1e9, "50", None, True, [50]]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("call, name", [
    (lambda v: hd.hip_drop(v), "abductor_strength_pct"),
    (lambda v: hd.hip_drop(50, body_mass_kg=v), "body_mass_kg"),
    (lambda v: hd.hip_drop(50, abductor_arm_m=v), "abductor_arm_m"),
    (lambda v: hd.hip_drop(50, weight_arm_m=v), "weight_arm_m"),
    (lambda v: hd.hip_drop(50, passive_stiffness_nm_per_deg=v), "passive_stiffness_nm_per_deg"),
    (lambda v: hd.hip_drop(50, band_passive_share=v), "band_passive_share"),
    (lambda v: hd.hip_drop(50, com_height_m=v), "com_height_m"),
    (lambda v: hd.hip_drop(50, max_trunk_lean_deg=v), "max_trunk_lean_deg"),
    (lambda v: hd.drop_curve([0, v]), r"strengths_pct\[1\]"),
    (lambda v: fig.draw_free_body(body_mass_kg=v), "body_mass_kg"),
    (lambda v: fig.free_body_alt(body_mass_kg=v), "body_mass_kg"),
    (lambda v: fig.draw_free_body(abductor_lever_arm_cm=v), "abductor_lever_arm_cm"),
    (lambda v: fig.free_body_alt(abductor_lever_arm_cm=v), "abductor_lever_arm_cm"),
    (lambda v: fig.draw_free_body(body_weight_lever_arm_cm=v), "body_weight_lever_arm_cm"),
    (lambda v: fig.free_body_alt(body_weight_lever_arm_cm=v), "body_weight_lever_arm_cm"),
    (lambda v: fig.draw_hip_drop(abductor_strength_pct=v), "abductor_strength_pct"),
    (lambda v: fig.hip_drop_alt(abductor_strength_pct=v), "abductor_strength_pct"),
])
def test_bad_numbers_are_named(call, name, value):
    with pytest.raises(ValueError, match=rf"^{name}="):
        call(value)


@pytest.mark.parametrize("value", ["yes", 1, 0, None, 0.5])
@pytest.mark.parametrize("call", [
    lambda v: hd.hip_drop(50, trunk_lean=v),
    lambda v: fig.draw_hip_drop(50, trunk_lean=v),
    lambda v: fig.hip_drop_alt(50, trunk_lean=v),
])
def test_trunk_lean_must_be_a_bool(call, value):
    with pytest.raises(ValueError, match=r"^trunk_lean=.*True, False"):
        call(value)


@pytest.mark.parametrize("value", ["jogging", None, 2])
@pytest.mark.parametrize("call", [
    lambda v: hd.hip_drop(50, activity=v),
    lambda v: fig.draw_hip_drop(50, activity=v),
    lambda v: fig.hip_drop_alt(50, activity=v),
    lambda v: fig.draw_free_body(activity=v),
    lambda v: fig.free_body_alt(activity=v),
])
def test_bad_activity_is_named(call, value):
    with pytest.raises(ValueError, match=r"^activity="):
        call(value)


@pytest.mark.parametrize("value", ["0, 50", 50, None])
def test_drop_curve_wants_a_sequence(value):
    with pytest.raises(ValueError, match=r"^strengths_pct="):
        hd.drop_curve(value)


def test_drop_curve_is_the_model_at_each_strength():
    curve = hd.drop_curve((0, 50, 100), "running", True)
    assert [d.abductor_strength_pct for d in curve] == [0, 50, 100]
    assert curve[1] == hd.hip_drop(50, "running", True)


def test_free_body_alt_names_the_lever_arm_in_cm():
    # issue 20: it used to name abductor_arm_m (the model's parameter) and raise a bare TypeError
    with pytest.raises(ValueError, match=r"^abductor_lever_arm_cm=20 is outside the allowed range above 0 to 15 cm"):
        fig.free_body_alt(abductor_lever_arm_cm=20)


# ---------------------------------------------------------------- drawings and their alt texts

def test_alt_texts_carry_the_model_numbers():
    alt = fig.free_body_alt()
    assert "1,145 N (1.67 times body weight)" in alt and "1,694 N (2.47 times body weight)" in alt
    assert "passes 5 cm from the hip centre, measured at right angles" in alt
    alt = fig.hip_drop_alt(50, "standing on one leg", False)
    assert "drops 3.6 degrees" in alt and "458 N" in alt


def test_study_figure_and_its_alt_text_come_from_the_registry():
    for sex, row in fig.FREDERICSON_2000.items():
        assert row["injured side"] < row["uninjured side"] < row["controls"]
        assert f"injured side {evidence.render(f'fredericson2000-torque-{sex}-injured', 'value')}" in fig.GROUP_DIFFERENCES_ALT
    assert f"by {evidence.render('kendall2013-strength-drop')} (Kendall 2013)" in fig.GROUP_DIFFERENCES_ALT
    # unverified numbers are not drawn: no after-rehabilitation bars, no cohort size for Noehren 2007
    for fid in ("fredericson2000-gain-women", "noehren2007-cohort-n"):
        assert evidence.fact(fid).status == "unverified"
    assert "rehabilitation" not in fig.GROUP_DIFFERENCES_ALT and "400" not in fig.GROUP_DIFFERENCES_ALT


@pytest.mark.parametrize("draw, kwargs", [
    (fig.draw_free_body, {"body_mass_kg": 100, "activity": "running"}),
    (fig.draw_free_body, {"abductor_lever_arm_cm": 3, "body_weight_lever_arm_cm": 12}),
    (fig.draw_hip_drop, {"abductor_strength_pct": 30, "trunk_lean": True}),
    (fig.draw_single_leg_squat, {}),
    (fig.draw_group_differences, {}),
])
def test_drawings_return_figures(draw, kwargs):
    f = draw(**kwargs)
    assert f.axes and f.get_size_inches()[0] == pytest.approx(7.0)


def test_explorers_fit_the_frame_budget_and_redraw():
    ex = explore(fig.draw_hip_drop, alt=fig.hip_drop_alt,
                 abductor_strength_pct=(0, 100, 20), activity=list(hb.ACTIVITIES), trunk_lean=False)
    assert ex.frame_count == 36
    w = ex.widget()
    w.controls[0].value = 40
    assert "supplying 40 percent" in w.children[-1].value
    start = time.perf_counter()
    w.redraw()
    assert time.perf_counter() - start < 1.0  # generous: shared CI machines; the lesson reports the real time


def test_model_moment_arm_figure_and_alt_text_come_from_the_model():
    f = fig.draw_model_moment_arms(10)
    assert f.axes and f.get_size_inches()[0] == pytest.approx(7.0)
    bars = fig.model_lever_arm_bars(10)
    # textbook 5 cm: 5/6 * 0.10 / 0.05 = 1.667 BW; 7 cm: 1.190 BW; model mean at 10 deg 3.85 cm: 2.164 BW
    assert [round(b[2], 3) for b in bars] == [1.667, 1.190, 2.164]
    alt = fig.model_moment_arms_alt(10)
    assert "front 5.1 cm at 0" in alt and "TFL / IT band 5.3 cm at 0" in alt and "3.9 cm" in alt and "2.16" in alt
    assert "MyoLeg" in alt
    with pytest.raises(ValueError, match=r"^hip_adduction_deg="):
        fig.draw_model_moment_arms(40)
