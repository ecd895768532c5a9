"""Tests of itband.prevention: the load figures reuse Lesson 2's exposure model."""
import pytest
from hypothesis import given, strategies as st

from itband import prevention as pv
from itband.models import exposure


def test_exposure_reduction_matches_lesson2_model():
    base = exposure.weekly_exposure(**pv.BASE_RUNNER)
    after = exposure.with_changes(base, mileage_change_pct=-20, fewer_run_days=1)
    before2, after2 = pv.mileage_cut_exposure(20, 1)
    assert before2 == base and after2 == after
    expected = (1 - after.zone_passes_per_leg_per_week / base.zone_passes_per_leg_per_week) * 100
    assert pv.exposure_reduction_pct(20, 1) == pytest.approx(expected)


def test_hand_checked_reduction():
    # Distance x 0.8, and one of 4 run days dropped with its distance: 0.8 x 3/4 = 0.6 -> 40 % fewer.
    assert pv.exposure_reduction_pct(20, 1) == pytest.approx(40.0)
    assert pv.exposure_reduction_pct(0, 0) == pytest.approx(0.0)
    assert pv.exposure_reduction_pct(30, 0) == pytest.approx(30.0)


@given(st.floats(0, 90), st.floats(0, 90), st.integers(0, 3))
def test_cutting_more_never_adds_exposure(a, b, days):
    lo, hi = sorted((a, b))
    assert pv.exposure_reduction_pct(hi, days) >= pv.exposure_reduction_pct(lo, days) - 1e-9
    assert 0 <= pv.exposure_reduction_pct(lo, days) <= 100


def test_warm_up_walk_hand_values():
    # 400 m at 1.3 m/s: 307.7 s = 5.13 min; step 1.3 / (110/60) = 0.709 m -> 564 steps.
    w = pv.warm_up_walk(400)
    assert w["minutes"] == pytest.approx(400 / 1.3 / 60, rel=1e-3)
    assert w["steps"] == pytest.approx(564.1, abs=0.5)
    assert pv.warm_up_walk(800)["steps"] == pytest.approx(2 * w["steps"])


def test_downhill_numbers_are_the_cited_ones():
    # Gottschall & Kram 2005, -9 degrees at 3 m/s: impact peak +54 %, braking peak +73 %.
    assert pv.DOWNHILL_IMPACT_PCT == 154 and pv.DOWNHILL_BRAKING_PCT == 173


@pytest.mark.parametrize("bad, call", [
    ("mileage_cut_pct", lambda: pv.mileage_cut_exposure(-10)),
    ("fewer_run_days", lambda: pv.mileage_cut_exposure(10, 4)),
    ("distance_m", lambda: pv.warm_up_walk(-400)),
    ("shoe", lambda: pv.draw_shoe_wear("sandal")),
])
def test_bad_input_names_the_parameter(bad, call):
    with pytest.raises(ValueError, match=bad):
        call()


def test_alt_texts_carry_the_numbers():
    assert "29,700" in pv.mileage_cut_alt(20, 0)  # 14,850 contacts x 2 loaded zone passes each
    assert "564 steps" in pv.WARM_UP_ALT
    for shoe in pv.SHOE_STATES:
        assert len(pv.shoe_wear_alt(shoe)) > 60
    assert "1,089" in pv.cadence_alt()


def test_prevention_calls_lesson2_functions_not_a_copy(monkeypatch):
    calls = []
    real = exposure.with_changes

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(exposure, "with_changes", spy)
    pv.exposure_reduction_pct(25, 1)
    assert calls and calls[0] == {"mileage_change_pct": -25, "fewer_run_days": 1}
