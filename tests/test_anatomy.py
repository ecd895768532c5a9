"""The lateral-view anatomy model (where the band runs relative to the epicondyle) and its drawings."""
import ast
import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.course import evidence
from itband.figures import anatomy as anatomy_fig
from itband.models import anatomy


def _closed_form_crossing_deg(forward_cm, up_cm):
    """Hand derivation: the line from P = (px, py) to the turned tubercle G(theta) passes the
    origin when P x G = 0, i.e. tan(theta) = (py*f - px*u) / (-px*f - py*u)."""
    px, py = anatomy.BAND_PROXIMAL_CM
    return math.degrees(math.atan2(py * forward_cm - px * up_cm, -px * forward_cm - py * up_cm))


# --------------------------------------------------------------------------- hand-checked values

def test_crossing_angle_matches_the_hand_derivation():
    # P = (0.3, 40), tubercle (2.0, -3.6): tan(theta) = (40*2.0 + 0.3*3.6) / (40*3.6 - 0.3*2.0)
    # = 81.08 / 143.4, theta = 29.49 degrees.
    assert anatomy.crossing_angle_deg() == pytest.approx(math.degrees(math.atan(81.08 / 143.4)), abs=1e-6)
    assert anatomy.crossing_angle_deg() == pytest.approx(29.49, abs=0.01)
    # Tubercle 3.0 cm forward (the lesson's exercise): tan = (120 + 1.08) / (144 - 0.9), 40.24 degrees.
    assert anatomy.crossing_angle_deg((3.0, -3.6)) == pytest.approx(40.24, abs=0.01)


def test_crossing_is_near_the_distant_end_approximation():
    # For a distant upper end the tubercle is straight below the axis: tan = forward / below.
    assert anatomy.crossing_angle_deg() == pytest.approx(math.degrees(math.atan(2.0 / 3.6)), abs=0.6)
    assert anatomy.crossing_angle_deg((3.0, -3.6)) == pytest.approx(math.degrees(math.atan(3.0 / 3.6)), abs=0.6)


def test_offsets_straight_and_at_90_degrees_by_hand():
    # Straight knee: line from (0.3, 40) to (2.0, -3.6); distance of the origin from it is
    # |P x (G - P)| / |G - P| = 81.08 / hypot(1.7, 43.6) cm = 18.58 mm, in front.
    assert anatomy.band_offset_mm(0) == pytest.approx(10 * 81.08 / math.hypot(1.7, 43.6), abs=1e-9)
    # At 90 degrees the tubercle turns to (-3.6, -2.0): |P x (G - P)| = 143.4,
    # |G - P| = hypot(3.9, 42), so 34.00 mm, behind.
    assert anatomy.band_offset_mm(90) == pytest.approx(-10 * 143.4 / math.hypot(3.9, 42.0), abs=1e-9)
    assert anatomy.band_position(0) == "in front of"
    assert anatomy.band_position(30) == "over"
    assert anatomy.band_position(60) == "behind"


def test_shank_point_turns_a_quarter_turn_by_hand():
    # Flexion by 90 degrees turns (x, y) into (y, -x): the shank swings backwards.
    assert anatomy.shank_point((2.0, -3.6), 90) == pytest.approx(np.array([-3.6, -2.0]), abs=1e-12)
    assert anatomy.shank_point((2.0, -3.6), 0) == pytest.approx(np.array([2.0, -3.6]), abs=1e-12)


def test_model_crossing_agrees_with_the_cited_angles():
    # The geometry is the course's own; the angles it is compared with come from the registry.
    lo, hi = evidence.fact("ferber2010-zone-20-30").range
    angle = anatomy.crossing_angle_deg()
    assert lo <= angle <= hi
    assert abs(angle - evidence.value("fairclough2006-compression-30deg")) < 1.0
    assert anatomy.IMPINGEMENT_ZONE_DEG == (lo, hi)       # the zone is the shared one, not a copy


# --------------------------------------------------------------------------- properties

@settings(max_examples=80, deadline=None)
@given(a=st.floats(0, 119), da=st.floats(0.5, 1))
def test_band_moves_backwards_steadily_as_the_knee_bends(a, da):
    assert anatomy.band_offset_mm(a + da) < anatomy.band_offset_mm(a)


@settings(max_examples=80, deadline=None)
@given(flex=st.floats(0, 120), x=st.floats(-5, 5), y=st.floats(-30, 0))
def test_the_shank_turns_rigidly_about_the_axis(flex, x, y):
    p = anatomy.shank_point((x, y), flex)
    assert np.hypot(*p) == pytest.approx(math.hypot(x, y), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(fwd=st.floats(0.5, 4.0), up=st.floats(-6.0, -1.5))
def test_crossing_angle_equals_the_closed_form_everywhere(fwd, up):
    angle = anatomy.crossing_angle_deg((fwd, up))
    assert angle == pytest.approx(_closed_form_crossing_deg(fwd, up), abs=1e-6)
    assert anatomy.band_offset_mm(angle, (fwd, up)) == pytest.approx(0, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(fwd=st.floats(0.5, 3.5), up=st.floats(-6.0, -1.5))
def test_a_more_forward_tubercle_crosses_later(fwd, up):
    assert anatomy.crossing_angle_deg((fwd + 0.5, up)) > anatomy.crossing_angle_deg((fwd, up))


@settings(max_examples=40, deadline=None)
@given(fwd=st.floats(0.5, 4.0), up=st.floats(-5.5, -1.5))
def test_a_lower_tubercle_crosses_earlier(fwd, up):
    assert anatomy.crossing_angle_deg((fwd, up - 0.5)) < anatomy.crossing_angle_deg((fwd, up))


@settings(max_examples=80, deadline=None)
@given(flex=st.floats(0, 120))
def test_the_position_word_follows_the_sign_of_the_offset(flex):
    off = anatomy.band_offset_mm(flex)
    expected = "over" if abs(off) < 1.0 else ("in front of" if off > 0 else "behind")
    assert anatomy.band_position(flex) == expected
    assert expected in anatomy_fig.flexion_alt(flex)


# --------------------------------------------------------------------------- bad input (issue 20)

_NOT_NUMBERS = ["30", None, [30], True]
_BAD_NUMBERS = [math.nan, math.inf, -math.inf, 1e9, -1e9, -1, 121]
_FLEX = [(f, "knee_flexion_deg") for f in (
    anatomy.band_position, anatomy_fig.anchor_points, anatomy_fig.draw_knee_flexion, anatomy_fig.flexion_alt)]
#: (function, the parameter the caller passes, the other arguments at valid values)
_CALLS = (
    [(f, name, {}) for f, name in _FLEX]
    + [(anatomy.band_offset_mm, "knee_flexion_deg", {}),
       (anatomy.shank_point, "knee_flexion_deg", {"point_cm": (1.0, -2.0)}),
       (anatomy_fig.draw_lateral_view, "knee_flexion_deg", {})]
)
_PAIRS = [(anatomy.band_offset_mm, "gerdy_cm", {"knee_flexion_deg": 10}),
          (anatomy.crossing_angle_deg, "gerdy_cm", {}),
          (anatomy.shank_point, "point_cm", {"knee_flexion_deg": 10})]


@pytest.mark.parametrize("bad", _BAD_NUMBERS)
@pytest.mark.parametrize("func, name, others", _CALLS, ids=lambda x: getattr(x, "__name__", None))
def test_an_out_of_range_knee_angle_is_a_named_value_error(func, name, others, bad):
    with pytest.raises(ValueError, match=name) as err:
        func(**{name: bad}, **others)
    assert "finite" in str(err.value) or "0 to 120 degrees" in str(err.value)


@pytest.mark.parametrize("bad", _NOT_NUMBERS)
@pytest.mark.parametrize("func, name, others", _CALLS, ids=lambda x: getattr(x, "__name__", None))
def test_a_knee_angle_that_is_not_a_number_is_a_named_type_error(func, name, others, bad):
    with pytest.raises(TypeError, match=rf"{name}=.*0 to 120 degrees"):
        func(**{name: bad}, **others)


@pytest.mark.parametrize("bad", [3.0, "2,-3", None, (1.0,), (1.0, 2.0, 3.0)])
@pytest.mark.parametrize("func, name, others", _PAIRS, ids=lambda x: getattr(x, "__name__", None))
def test_a_point_that_is_not_a_pair_is_a_named_type_error(func, name, others, bad):
    with pytest.raises(TypeError, match=rf"{name}=.* is not a pair"):
        func(**{name: bad}, **others)


@pytest.mark.parametrize("bad, part, kind", [
    ((9.0, -3.6), r"gerdy_cm\[0\]=9 is outside the allowed range 0.5 to 4", ValueError),
    ((2.0, -9.0), r"gerdy_cm\[1\]=-9 is outside the allowed range -6 to -1.5", ValueError),
    ((2.0, 3.6), r"gerdy_cm\[1\]=3.6 is outside", ValueError),
    ((math.nan, -3.6), r"gerdy_cm\[0\]=nan is not a finite number", ValueError),
    (("2", -3.6), r"gerdy_cm\[0\]='2' is not a number", TypeError),
    ((2.0, None), r"gerdy_cm\[1\]=None is not a number", TypeError),
])
def test_a_bad_tubercle_names_the_coordinate_and_its_range(bad, part, kind):
    for call in (lambda: anatomy.crossing_angle_deg(gerdy_cm=bad),
                 lambda: anatomy.band_offset_mm(10, gerdy_cm=bad)):
        with pytest.raises(kind, match=part):
            call()


@pytest.mark.parametrize("bad, kind", [((1e9, 0.0), ValueError), ((0.0, math.inf), ValueError),
                                       (("a", 0.0), TypeError), ((0.0, True), TypeError)])
def test_a_bad_shank_point_names_the_coordinate(bad, kind):
    with pytest.raises(kind, match=r"point_cm\[[01]\]="):
        anatomy.shank_point(bad, 10)


@pytest.mark.parametrize("func", [anatomy_fig.draw_lateral_view, anatomy_fig.highlight_alt])
def test_a_bad_highlight_lists_the_structures(func):
    with pytest.raises(ValueError, match=r"highlight='kneecap' is not one of the allowed values: 'iliac_crest'"):
        func(highlight="kneecap")
    for bad in (3, ["it_band"], True):
        with pytest.raises(TypeError, match=r"highlight=.* is not text.*'it_band'"):
            func(highlight=bad)


@pytest.mark.parametrize("bad", [1, "yes", None])
def test_labels_must_be_true_or_false(bad):
    with pytest.raises(TypeError, match=r"labels=.* is not True or False"):
        anatomy_fig.draw_lateral_view(labels=bad)


@pytest.mark.parametrize("label, role, kind", [(3, "a role", TypeError), ("A label", None, TypeError),
                                               ("  ", "a role", ValueError)])
def test_a_structure_needs_a_label_and_a_role(label, role, kind):
    with pytest.raises(kind, match="label" if kind is not TypeError or label == 3 else "role"):
        anatomy.Structure(label, role)


def test_every_public_function_is_covered_by_the_bad_input_tests():
    covered = {f for f, _, _ in _CALLS + _PAIRS} | {anatomy_fig.highlight_alt}
    for module in (anatomy, anatomy_fig):
        for name, obj in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and obj.__module__ == module.__name__:
                assert obj in covered, f"{module.__name__}.{name} has no bad-input test"


# --------------------------------------------------------------------------- layout and drawings

def test_the_model_does_not_import_matplotlib():
    # (``import itband`` loads the explorer, which uses matplotlib, so look at the module's own imports.)
    tree = ast.parse(inspect.getsource(anatomy))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not [m for m in imported if "matplotlib" in m or "figures" in m or m.endswith("style")]


def test_drawing_labels_every_structure_unless_asked_not_to():
    labels = {s.label for s in anatomy.STRUCTURES.values()}
    fig = anatomy_fig.draw_lateral_view()
    assert labels <= {t.get_text() for t in fig.axes[0].texts}
    bare = anatomy_fig.draw_lateral_view(labels=False)
    assert not labels & {t.get_text() for t in bare.axes[0].texts}


def test_highlight_prints_the_role():
    fig = anatomy_fig.draw_lateral_view(highlight="fat_pad")
    assert any(anatomy.STRUCTURES["fat_pad"].role in t.get_text().replace("\n", " ") for t in fig.texts)


def test_the_zone_is_drawn_and_described_from_the_shared_constant():
    lo, hi = anatomy.IMPINGEMENT_ZONE_DEG
    fig = anatomy_fig.draw_knee_flexion(30)
    legend = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert f"{lo:g}-{hi:g}° zone" in legend
    assert f"inside the shaded {lo:g}-{hi:g} degree zone" in anatomy_fig.flexion_alt(30)


def test_alt_texts_say_what_the_figure_shows():
    straight = anatomy_fig.flexion_alt(0)
    assert "in front of" in straight and f"{anatomy.band_offset_mm(0):.0f} mm" in straight
    assert "behind" in anatomy_fig.flexion_alt(80)
    overview = anatomy_fig.highlight_alt(None)
    for s in anatomy.STRUCTURES.values():
        assert s.label.lower() in overview.lower()
    assert "Tensor fasciae latae highlighted" in anatomy_fig.highlight_alt("tfl")


# --------------------------------------------------------------------------- the band in MyoLeg (figures)

from itband.figures import leg_model as leg_model_fig  # noqa: E402
from itband.models import leg_model  # noqa: E402


def test_knee_curves_come_from_the_tables():
    c = leg_model_fig.knee_curves()
    _, length = leg_model.table("knee_angle_r", "tfl_r_tendon", "length_m")
    # table: -0.008182 m at 0 degrees (extensor), path 0.547572 m at 0 and 0.556765 m at 90 degrees
    assert c["extensor_arm_mm"][0] == pytest.approx(8.182)
    assert c["length_change_mm"][-1] == pytest.approx((0.556765 - 0.547572) * 1000)
    assert c["schematic_offset_mm"][0] == pytest.approx(anatomy.band_offset_mm(0))
    assert (c["extensor_arm_mm"] > 0).all()                       # an extensor at every angle
    assert (c["schematic_offset_mm"][0] > 0) and (c["schematic_offset_mm"][-1] < 0)   # the schematic crosses


def test_the_model_path_lengthens_as_the_knee_bends_so_its_mean_slope_is_the_mean_arm():
    c = leg_model_fig.knee_curves()
    slope_mm_per_rad = c["length_change_mm"][-1] / np.radians(90)
    assert slope_mm_per_rad == pytest.approx(c["extensor_arm_mm"].mean(), abs=0.3)


def test_leg_model_views_and_alt_texts():
    for view in leg_model_fig.VIEWS:
        fig = leg_model_fig.draw_leg_model(view)
        assert any("MyoLeg" in t.get_text() and "Apache-2.0" in t.get_text() for t in fig.texts)
    knee = leg_model_fig.describe_leg_model("knee")
    assert "extensor one throughout, 8 mm" in knee and "crosses it near 29 degrees" in knee
    hip = leg_model_fig.describe_leg_model("hip_adduction")
    assert "TFL and IT band 53 mm" in hip and "51, 44 and 32 mm" in hip
    with pytest.raises(ValueError, match="view"):
        leg_model_fig.draw_leg_model("ankle")
    with pytest.raises(ValueError, match="view"):
        leg_model_fig.describe_leg_model("ankle")
