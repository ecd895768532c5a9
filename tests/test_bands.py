"""Tests of the resistance-band force model (itband.models.bands, itband.figures.bands): the
approximate Thera-Band chart values in newtons, and what the model says about them."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband.figures import bands as bands_fig
from itband.models import bands


def test_chart_values_in_newtons_by_hand():
    # red 3.7 lbf at 100 % = 3.7 x 4.448 = 16.46 N; green 6.7 lbf at 200 % = 29.80 N
    assert bands.band_force_n("red", 100) == pytest.approx(16.46, abs=0.01)
    assert bands.band_force_n("green", 200) == pytest.approx(29.80, abs=0.01)
    assert bands.band_force_n("tan", 100) == pytest.approx(10.68, abs=0.01)
    assert bands.band_force_n("gold", 200) == pytest.approx(94.75, abs=0.01)


def test_pound_force_is_the_defined_one():
    assert bands.N_PER_LBF == pytest.approx(0.45359237 * 9.80665, rel=1e-12)


def test_interpolation_and_loop():
    assert bands.band_force_n("red", 0) == 0
    assert bands.band_force_n("red", 50) == pytest.approx(bands.band_force_n("red", 100) / 2)
    assert bands.band_force_n("red", 150) == pytest.approx(
        (bands.band_force_n("red", 100) + bands.band_force_n("red", 200)) / 2)
    assert bands.band_force_n("blue", 100, loop=True) == pytest.approx(2 * bands.band_force_n("blue", 100))


def test_the_values_are_labelled_approximate_and_unverified():
    assert "approximate" in bands.FORCE_STATUS and "unverified" in bands.FORCE_STATUS
    assert bands.FORCE_STATUS in bands_fig.band_alt()
    assert "unverified" in bands.__doc__ and "approximate" in bands.__doc__.lower()


@given(e=st.floats(0, 200))
def test_colours_ordered_by_resistance(e):
    forces = [bands.band_force_n(c, e) for c in bands.BAND_COLOURS]
    assert forces == sorted(forces)


@given(c=st.sampled_from(bands.BAND_COLOURS), a=st.floats(0, 200), b=st.floats(0, 200))
def test_force_rises_with_stretch(c, a, b):
    lo, hi = sorted((a, b))
    assert bands.band_force_n(c, lo) <= bands.band_force_n(c, hi)


@given(c=st.sampled_from(bands.BAND_COLOURS), e=st.floats(0, 100))
def test_below_the_first_chart_point_force_is_proportional_to_stretch(c, e):
    assert bands.band_force_n(c, e) == pytest.approx(bands.band_force_n(c, 100) * e / 100, abs=1e-9)


@pytest.mark.parametrize("e", [250, -5, math.nan, math.inf, "100", None, True])
def test_bad_elongation_is_named(e):
    with pytest.raises(ValueError, match="^elongation_pct="):
        bands.band_force_n("red", e)
    with pytest.raises(ValueError, match="^elongation_pct="):
        bands_fig.draw_band_forces(e)
    with pytest.raises(ValueError, match="^elongation_pct="):
        bands_fig.band_alt(e)


def test_bad_colour_and_loop():
    with pytest.raises(ValueError, match="^colour=") as err:
        bands.band_force_n("purple", 100)
    assert "yellow" in str(err.value)
    with pytest.raises(TypeError, match="^loop="):
        bands.band_force_n("red", 100, loop=1)


def test_figure_and_alt():
    from matplotlib.figure import Figure
    assert isinstance(bands_fig.draw_band_forces(150), Figure)
    alt = bands_fig.band_alt(100)
    assert "red 16 N" in alt and "gold 63 N" in alt
