"""Tests of itband.models.mechanism (the friction and compression stories over knee flexion) and its
figure, itband.figures.mechanism."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.course import evidence
from itband.figures.mechanism import draw_mechanisms, mechanisms_alt
from itband.models import anatomy
from itband.models.constants import IMPINGEMENT_ZONE_DEG
from itband.models.mechanism import (PREDICTIONS, compression_index, friction_index,
                                     posterior_tension_share)

angles = st.floats(0.0, 90.0, allow_nan=False)


def _argmax(f):
    return max(range(0, 91), key=f)


def test_compression_peaks_at_the_angle_fairclough_saw_on_mri():
    # Fairclough 2006 abstract: the band pressed on the epicondyle at 30 degrees (registered)
    seen = evidence.value("fairclough2006-compression-30deg")
    assert compression_index(seen) == pytest.approx(1.0)
    assert _argmax(compression_index) == 30
    # by hand: exp(-((44 - 30) / 14)^2) = exp(-1) = 0.3679 one half-width away
    assert compression_index(44) == pytest.approx(0.3679, abs=1e-4)
    assert compression_index(16) == pytest.approx(0.3679, abs=1e-4)


def test_friction_peaks_where_band_crosses_epicondyle_inside_zone():
    peak = _argmax(friction_index)
    assert abs(peak - anatomy.crossing_angle_deg()) <= 1
    assert IMPINGEMENT_ZONE_DEG[0] <= peak <= IMPINGEMENT_ZONE_DEG[1]
    assert friction_index(round(anatomy.crossing_angle_deg())) > 0.9


def test_both_low_with_knee_straight_and_bent_far():
    for f in (friction_index, compression_index):
        assert f(0) < 0.1
        assert f(90) < 0.1


def test_tension_shift_is_half_at_30_and_monotone():
    assert posterior_tension_share(30) == pytest.approx(0.5)
    # by hand: 1 / (1 + exp(-7/7)) = 0.7311 at 37 degrees
    assert posterior_tension_share(37) == pytest.approx(0.7311, abs=1e-4)
    values = [posterior_tension_share(a) for a in range(0, 91, 5)]
    assert values == sorted(values)


@settings(max_examples=80, deadline=None)
@given(angles)
def test_indices_are_fractions(a):
    for f in (friction_index, compression_index, posterior_tension_share):
        assert 0.0 <= f(a) <= 1.0


@pytest.mark.parametrize("f", [friction_index, compression_index, posterior_tension_share,
                               draw_mechanisms, mechanisms_alt])
@pytest.mark.parametrize("bad", [-5, 120, float("nan"), float("inf"), "30", None, True, [30], 1e9])
def test_bad_angle_names_the_parameter(f, bad):
    with pytest.raises(ValueError, match="knee_flexion_deg"):
        f(bad)


def test_prediction_table_has_both_sides_and_the_shared_zone():
    assert len(PREDICTIONS) >= 4
    assert all(len(row) == 3 and all(cell for cell in row) for row in PREDICTIONS)
    peaks = dict((row[0], row[1]) for row in PREDICTIONS)["Where the pain peaks"]
    assert f"{IMPINGEMENT_ZONE_DEG[0]:g}-{IMPINGEMENT_ZONE_DEG[1]:g}°" in peaks


def test_figure_and_alt_text():
    fig = draw_mechanisms(30)
    assert len(fig.axes) == 3
    text = mechanisms_alt(30)
    assert "squeezed" in text and "30 degrees" in text
    assert "not squeezed" in mechanisms_alt(0)
    assert "20-30 degree zone" in text and "rubbing 0.99" in text
