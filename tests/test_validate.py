import math

import pytest

from itband.course.validate import check_choice, check_int, check_number, check_positive


def test_in_range_returns_float():
    assert check_number("knee_flexion_deg", 30, 0, 120, "degrees") == 30.0


@pytest.mark.parametrize("bad", [200, -1, 120.5])
def test_out_of_range_names_parameter_value_and_range(bad):
    with pytest.raises(ValueError) as err:
        check_number("knee_flexion_deg", bad, 0, 120, "degrees")
    msg = str(err.value)
    assert "knee_flexion_deg" in msg and f"{bad:g}" in msg and "0 to 120 degrees" in msg


@pytest.mark.parametrize("bad", ["30", None, True, math.nan, math.inf])
def test_non_numbers_are_refused(bad):
    with pytest.raises(ValueError, match="body_mass_kg"):
        check_number("body_mass_kg", bad, 0, 300)


def test_open_bounds():
    with pytest.raises(ValueError, match="cadence_spm=0 .* > 0"):
        check_positive("cadence_spm", 0)
    assert check_positive("cadence_spm", 170) == 170


def test_int_and_choice():
    assert check_int("weeks", 6, 1, 12) == 6
    with pytest.raises(ValueError, match="weeks=2.5"):
        check_int("weeks", 2.5, 1, 12)
    with pytest.raises(ValueError, match="'knee'.*'hip', 'ankle'"):
        check_choice("joint", "knee", ["hip", "ankle"])
