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


# The one rule: a wrong type raises TypeError (WrongType, also a ValueError); a right type with a
# value that is not allowed raises ValueError and not TypeError.
from itband.course.validate import WrongType, check_flag, check_text  # noqa: E402


@pytest.mark.parametrize("check, bad", [
    (lambda v: check_number("speed_kmh", v, 0, 30), "30"),
    (lambda v: check_number("speed_kmh", v, 0, 30), None),
    (lambda v: check_number("speed_kmh", v, 0, 30), [1.0]),
    (lambda v: check_number("speed_kmh", v, 0, 30), True),
    (lambda v: check_int("weeks", v, 1, 12), "6"),
    (lambda v: check_int("weeks", v, 1, 12), 2.5),
    (lambda v: check_choice("joint", v, ["hip", "ankle"]), 3),
    (lambda v: check_choice("joint", v, ["hip", "ankle"]), ["hip"]),
    (lambda v: check_flag("labels", v), "yes"),
    (lambda v: check_flag("labels", v), 1),
    (lambda v: check_flag("labels", v), None),
    (lambda v: check_text("title", v), 3),
    (lambda v: check_text("title", v), None),
])
def test_a_wrong_type_is_a_type_error_that_is_also_a_value_error(check, bad):
    with pytest.raises(TypeError) as err:
        check(bad)
    assert isinstance(err.value, WrongType) and isinstance(err.value, ValueError)
    assert repr(bad) in str(err.value)


@pytest.mark.parametrize("check, bad", [
    (lambda v: check_number("speed_kmh", v, 0, 30), 31),
    (lambda v: check_number("speed_kmh", v, 0, 30), math.nan),
    (lambda v: check_number("speed_kmh", v, 0, 30), -math.inf),
    (lambda v: check_int("weeks", v, 1, 12), 13),
    (lambda v: check_choice("joint", v, ["hip", "ankle"]), "knee"),
    (lambda v: check_text("title", v, empty=False), "  "),
])
def test_a_bad_value_of_the_right_type_is_a_value_error_only(check, bad):
    with pytest.raises(ValueError) as err:
        check(bad)
    assert not isinstance(err.value, TypeError)


def test_flag_and_text_return_what_they_accept():
    assert check_flag("labels", False) is False and check_flag("labels", True) is True
    assert check_text("title", "Knee") == "Knee" and check_text("title", "") == ""
