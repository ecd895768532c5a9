"""The lateral-view anatomy model: where the band runs relative to the epicondyle."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.figures import anatomy as anatomy_fig
from itband.models import anatomy


def test_band_crosses_the_epicondyle_inside_the_cited_zone():
    # Orchard et al. (1996): the band meets the epicondyle at 20-30 degrees of flexion;
    # Fairclough et al. (2006): pressed against it at about 30 degrees.
    angle = anatomy.crossing_angle_deg()
    lo, hi = anatomy.IMPINGEMENT_ZONE_DEG
    assert lo <= angle <= hi
    assert angle == pytest.approx(29.5, abs=0.1)


def test_crossing_is_close_to_the_hand_formula():
    # For a distant upper end the line passes the axis when the tubercle is straight below it:
    # tan(theta) = forward / below = 2.0 / 3.6  ->  29.05 degrees.
    assert anatomy.crossing_angle_deg() == pytest.approx(math.degrees(math.atan(2.0 / 3.6)), abs=0.6)
    assert anatomy.crossing_angle_deg((3.0, -3.6)) == pytest.approx(math.degrees(math.atan(3.0 / 3.6)), abs=0.6)


def test_band_in_front_when_straight_behind_when_bent():
    assert anatomy.band_offset_mm(0) == pytest.approx(18.6, abs=0.1)
    assert anatomy.band_offset_mm(90) == pytest.approx(-34.0, abs=0.1)
    assert anatomy.band_offset_mm(anatomy.crossing_angle_deg()) == pytest.approx(0, abs=1e-6)
    assert anatomy.band_position(0) == "in front of"
    assert anatomy.band_position(30) == "over"
    assert anatomy.band_position(60) == "behind"


@settings(max_examples=80, deadline=None)
@given(a=st.floats(0, 119), da=st.floats(0.5, 1))
def test_band_moves_backwards_steadily_as_the_knee_bends(a, da):
    assert anatomy.band_offset_mm(a + da) < anatomy.band_offset_mm(a)


@settings(max_examples=80, deadline=None)
@given(flex=st.floats(0, 120), x=st.floats(-5, 5), y=st.floats(-30, 0))
def test_the_shank_turns_rigidly_about_the_axis(flex, x, y):
    p = anatomy.shank_point((x, y), flex)
    assert np.hypot(*p) == pytest.approx(math.hypot(x, y), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(fwd=st.floats(0.5, 3.5), below=st.floats(2.0, 6.0))
def test_a_more_forward_tubercle_crosses_later(fwd, below):
    a = anatomy.crossing_angle_deg((fwd, -below))
    b = anatomy.crossing_angle_deg((fwd + 0.5, -below))
    assert b > a


@pytest.mark.parametrize("bad", [200, -5, float("nan"), "30"])
def test_bad_knee_angles_are_refused(bad):
    with pytest.raises(ValueError, match="knee_flexion_deg"):
        anatomy.band_offset_mm(bad)


def test_other_bad_input_is_refused():
    with pytest.raises(ValueError, match=r"highlight='kneecap'.*'it_band'"):
        anatomy_fig.draw_lateral_view(highlight="kneecap")
    with pytest.raises(ValueError, match=r"gerdy_cm\[0\]"):
        anatomy.band_offset_mm(10, gerdy_cm=(9.0, -3.6))
    with pytest.raises(ValueError, match="gerdy_cm"):
        anatomy.crossing_angle_deg(gerdy_cm=3.0)


def test_drawing_labels_every_structure():
    fig = anatomy_fig.draw_lateral_view()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {s.label for s in anatomy.STRUCTURES.values()} <= texts


def test_highlight_prints_the_role():
    fig = anatomy_fig.draw_lateral_view(highlight="fat_pad")
    assert any("rich in nerves" in t.get_text() for t in fig.texts)


def test_alt_texts_say_what_the_figure_shows():
    assert "in front of" in anatomy_fig.flexion_alt(0) and "19 mm" in anatomy_fig.flexion_alt(0)
    assert "behind" in anatomy_fig.flexion_alt(80)
    assert "Gerdy's tubercle" in anatomy_fig.highlight_alt(None)
    assert "Tensor fasciae latae highlighted" in anatomy_fig.highlight_alt("tfl")
