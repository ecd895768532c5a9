"""Tests of itband.mechanism: the friction and compression stories over knee flexion."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.models import anatomy
from itband.mechanism import (COMPRESSION_PEAK_DEG, PREDICTIONS, compression_index, draw_mechanisms,
                              friction_index, mechanisms_alt, posterior_tension_share)

angles = st.floats(0.0, 90.0, allow_nan=False)


def _argmax(f):
    return max(range(0, 91), key=f)


def test_compression_peaks_at_30_degrees():
    assert COMPRESSION_PEAK_DEG == 30.0
    assert compression_index(30) == pytest.approx(1.0)
    assert _argmax(compression_index) == 30


def test_friction_peaks_where_band_crosses_epicondyle_inside_zone():
    peak = _argmax(friction_index)
    assert abs(peak - anatomy.crossing_angle_deg()) <= 1
    assert 20 <= peak <= 30
    assert friction_index(round(anatomy.crossing_angle_deg())) > 0.9


def test_both_low_with_knee_straight_and_bent_far():
    for f in (friction_index, compression_index):
        assert f(0) < 0.1
        assert f(90) < 0.1


def test_tension_shift_is_half_at_30_and_monotone():
    assert posterior_tension_share(30) == pytest.approx(0.5)
    values = [posterior_tension_share(a) for a in range(0, 91, 5)]
    assert values == sorted(values)


@settings(max_examples=80, deadline=None)
@given(angles)
def test_indices_are_fractions(a):
    for f in (friction_index, compression_index, posterior_tension_share):
        assert 0.0 <= f(a) <= 1.0


@pytest.mark.parametrize("f", [friction_index, compression_index, posterior_tension_share,
                               draw_mechanisms, mechanisms_alt])
@pytest.mark.parametrize("bad", [-5, 120, float("nan"), "30"])
def test_bad_angle_names_the_parameter(f, bad):
    with pytest.raises(ValueError, match="knee_flexion_deg"):
        f(bad)


def test_prediction_table_has_both_sides():
    assert len(PREDICTIONS) >= 4
    assert all(len(row) == 3 and all(cell for cell in row) for row in PREDICTIONS)


def test_figure_and_alt_text():
    fig = draw_mechanisms(30)
    assert len(fig.axes) == 3
    text = mechanisms_alt(30)
    assert "squeezed" in text and "30 degrees" in text
    assert "not squeezed" in mechanisms_alt(0)
