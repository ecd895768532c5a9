"""Tests of itband.models.prevention and itband.figures.prevention: the load numbers reuse Lesson 2's
exposure model, and the cited numbers come from the evidence registry."""
import pytest
from hypothesis import given, strategies as st

from itband.course import evidence
from itband.figures import prevention as fig
from itband.models import exposure
from itband.models import prevention as pv


def test_exposure_reduction_matches_lesson2_model():
    base = exposure.weekly_exposure(**pv.BASE_RUNNER)
    after = exposure.with_changes(base, mileage_change_pct=-20, fewer_run_days=1)
    before2, after2 = pv.mileage_cut_exposure(20, 1)
    assert before2 == base and after2 == after


def test_hand_checked_reduction():
    # Distance x 0.8, and one of 4 run days dropped with its distance: 0.8 x 3/4 = 0.6 -> 40 % fewer.
    assert pv.exposure_reduction_pct(20, 1) == pytest.approx(40.0)
    assert pv.exposure_reduction_pct(0, 0) == pytest.approx(0.0)
    assert pv.exposure_reduction_pct(30, 0) == pytest.approx(30.0)
    # Lesson 6's exercise: 40 km, 5 run days; 25 % less and one day dropped: 0.75 x 4/5 = 0.6.
    runner = dict(weekly_distance_km=40, speed_kmh=11, cadence_spm=170, run_days_per_week=5)
    assert pv.exposure_reduction_pct(25, 1, **runner) == pytest.approx(40.0)


def test_hand_checked_weekly_count():
    # 10 km/h at 165 steps/min: step 2.778 / 2.75 = 1.0101 m, 495 contacts per leg per km;
    # 30 km a week -> 14,850 contacts, and each contact passes the zone twice under load.
    before, _ = pv.mileage_cut_exposure(0, 0)
    assert before.contacts_per_leg_per_week == pytest.approx(14850)
    assert before.zone_passes_per_leg_per_week == pytest.approx(14850 * exposure.ZONE_PASSES_PER_CONTACT)


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


@given(st.floats(50, 2000), st.floats(50, 2000))
def test_a_longer_walk_takes_longer_and_more_steps(a, b):
    lo, hi = sorted((a, b))
    assert pv.warm_up_walk(lo)["minutes"] <= pv.warm_up_walk(hi)["minutes"]
    assert pv.warm_up_walk(lo)["steps"] <= pv.warm_up_walk(hi)["steps"]


def test_the_downhill_bars_are_drawn_from_the_registry():
    f = fig.draw_downhill_and_camber()
    heights = sorted(round(p.get_height(), 6) for p in f.axes[0].patches)
    impact = evidence.value("gottschall2005-impact-peak-minus9")
    braking = evidence.value("gottschall2005-braking-peak-minus9")
    assert heights == [100, 100, 100 + impact, 100 + braking]
    alt = fig.downhill_alt()
    for fid in ("gottschall2005-impact-peak-minus9", "gottschall2005-braking-peak-minus9",
                "gottschall2005-speed"):
        assert f"{evidence.value(fid):g}" in alt


def test_cadence_rows_are_the_tested_step_rates():
    # Heiderscheit 2011 tested +5 % and +10 %: 165 -> 173.25 -> 181.5 steps/min at the same speed.
    rows = pv.cadence_rows()
    assert [round(ex.cadence_spm, 2) for _, ex in rows] == [165, 173.25, 181.5]
    assert rows[0][1].steps_per_km < rows[1][1].steps_per_km < rows[2][1].steps_per_km


@pytest.mark.parametrize("bad, call", [
    ("mileage_cut_pct", lambda: pv.mileage_cut_exposure(-10)),
    ("mileage_cut_pct", lambda: fig.draw_mileage_cut(float("nan"))),
    ("fewer_run_days", lambda: pv.mileage_cut_exposure(10, 4)),
    ("fewer_run_days", lambda: fig.mileage_cut_alt(10, True)),
    ("distance_m", lambda: pv.warm_up_walk(-400)),
    ("shoe", lambda: fig.draw_shoe_wear("sandal")),
    ("shoe", lambda: fig.shoe_wear_alt(None)),
    ("weekly_distance_km", lambda: pv.exposure_reduction_pct(10, 0, weekly_distance_km=-1)),
])
def test_bad_input_names_the_parameter(bad, call):
    with pytest.raises(ValueError, match=rf"^{bad}="):
        call()


def test_alt_texts_carry_the_models_numbers():
    before, after = pv.mileage_cut_exposure(20, 0)
    assert f"{before.zone_passes_per_leg_per_week:,.0f}" in fig.mileage_cut_alt(20, 0)
    assert f"{after.zone_passes_per_leg_per_week:,.0f}" in fig.mileage_cut_alt(20, 0)
    assert "564 steps" in fig.warm_up_alt() and "1,128 steps" in fig.warm_up_alt()
    for shoe in pv.SHOE_STATES:
        assert len(fig.shoe_wear_alt(shoe)) > 60
    assert "1,089" in fig.cadence_alt()          # 1000 / (2.778 / (181.5 / 60)) steps per km


def test_prevention_calls_lesson2_functions_not_a_copy(monkeypatch):
    calls = []
    real = exposure.with_changes

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(exposure, "with_changes", spy)
    pv.exposure_reduction_pct(25, 1)
    assert calls and calls[0] == {"mileage_change_pct": -25, "fewer_run_days": 1}
