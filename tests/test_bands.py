"""Tests of the resistance-band force model (itband.bands): the Thera-Band colour chart in newtons."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband import bands


def test_chart_values_in_newtons():
    # red 3.7 lb at 100 % = 16.5 N; green 6.7 lb at 200 % = 29.8 N (Thera-Band chart in pounds-force,
    # as given in itband/bands.py, times 4.448 N per lbf)
    assert bands.band_force_n("red", 100) == pytest.approx(16.46, abs=0.01)
    assert bands.band_force_n("green", 200) == pytest.approx(29.8, abs=0.05)
    assert bands.band_force_n("tan", 100) == pytest.approx(10.7, abs=0.05)
    assert bands.band_force_n("gold", 200) == pytest.approx(94.7, abs=0.05)


def test_interpolation_and_loop():
    assert bands.band_force_n("red", 0) == 0
    assert bands.band_force_n("red", 50) == pytest.approx(bands.band_force_n("red", 100) / 2)
    assert bands.band_force_n("red", 150) == pytest.approx((3.7 + 5.5) / 2 * bands.N_PER_LBF)
    assert bands.band_force_n("blue", 100, loop=True) == pytest.approx(2 * bands.band_force_n("blue", 100))


@given(e=st.floats(0, 200))
def test_colours_ordered_by_resistance(e):
    forces = [bands.band_force_n(c, e) for c in bands.BAND_COLOURS]
    assert forces == sorted(forces)


@given(c=st.sampled_from(bands.BAND_COLOURS), a=st.floats(0, 200), b=st.floats(0, 200))
def test_force_rises_with_stretch(c, a, b):
    lo, hi = sorted((a, b))
    assert bands.band_force_n(c, lo) <= bands.band_force_n(c, hi)


def test_bad_input():
    with pytest.raises(ValueError, match="colour") as err:
        bands.band_force_n("purple", 100)
    assert "yellow" in str(err.value)
    with pytest.raises(ValueError, match="elongation_pct"):
        bands.band_force_n("red", 250)
    with pytest.raises(ValueError, match="elongation_pct"):
        bands.band_force_n("red", -5)
