"""Tests of itband.models.exposure (the weekly foot-contact and zone-pass count) and its figure."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband import explore
from itband.figures.exposure import draw_weekly_exposure, weekly_exposure_alt
from itband.models.exposure import (CADENCE_RANGE_SPM, SPEED_RANGE_KMH, WeeklyExposure, pace_to_speed_kmh, scenarios,
                                    speed_to_pace_min_per_km, step_length_m, weekly_exposure,
                                    with_changes)

distances = st.floats(0.0, 300.0, allow_nan=False)
speeds = st.floats(*SPEED_RANGE_KMH, allow_nan=False)
cadences = st.floats(*CADENCE_RANGE_SPM, allow_nan=False)
days = st.integers(1, 7)


# ---------------------------------------------------------------- hand-checked values

def test_step_length_hand_checked_at_3_m_per_s():
    # the worked example of step_length_m's docstring, checked by hand:
    # 3.0 m/s = 10.8 km/h at 170 steps/min: L = 3.0 / (170/60) = 1.0588 m; 944 steps/km; 472 per leg/km
    ex = weekly_exposure(30, 10.8, 170)
    assert ex.step_length_m == pytest.approx(1.0588, abs=1e-4)
    assert ex.steps_per_km == pytest.approx(944.4, abs=0.1)
    assert ex.contacts_per_leg_per_km == pytest.approx(472.2, abs=0.1)
    # 30 km x 472.2 = 14,167 contacts per leg per week; two loaded zone passes each (bending after
    # foot strike, straightening before toe-off): 28,333 passes
    assert ex.contacts_per_leg_per_week == pytest.approx(14166.7, abs=0.1)
    assert ex.zone_passes_per_leg_per_week == pytest.approx(28333.3, abs=0.1)
    assert ex.steps_per_week == pytest.approx(2 * 14166.7, abs=0.2)


def test_easy_warm_up_walk():
    # the warm-up walk of itband.prevention, typical normal-walking values (illustrative, not from
    # references.bib): 1.3 m/s (4.68 km/h) at 110 steps/min: L = 0.709 m, 1410 steps/km, 705 per leg
    assert step_length_m(4.68, 110) == pytest.approx(0.709, abs=1e-3)
    ex = weekly_exposure(1, 4.68, 110)
    assert ex.steps_per_km == pytest.approx(1410, abs=1)
    assert ex.contacts_per_leg_per_km == pytest.approx(705, abs=1)


def test_per_run_time_and_rest_days():
    ex = weekly_exposure(40, 10, 160, run_days_per_week=5)
    assert ex.contacts_per_leg_per_run == pytest.approx(ex.contacts_per_leg_per_week / 5)
    assert ex.running_minutes_per_week == pytest.approx(240.0)
    assert ex.rest_days_per_week == 2


def test_pace_conversion():
    assert pace_to_speed_kmh(5.0) == pytest.approx(12.0)
    assert speed_to_pace_min_per_km(12.0) == pytest.approx(5.0)


def test_cadence_plus_five_percent_matches_worked_example():
    # a +5 % cadence step, the smaller of the increases Heiderscheit et al. 2011 tested (heiderscheit2011),
    # worked by hand: 2.9 m/s, 168 -> 176 steps/min: per leg/km 482 -> 505 (176 is +4.8 %)
    base = weekly_exposure(10, 2.9 * 3.6, 168)
    assert base.contacts_per_leg_per_km == pytest.approx(482.8, abs=0.5)
    up = weekly_exposure(10, 2.9 * 3.6, 176)
    assert up.contacts_per_leg_per_km == pytest.approx(505.7, abs=0.5)


def test_scenarios_cut_mileage_and_days():
    rows = dict(scenarios(30, 10, 165, 4))
    base = rows["As now"].zone_passes_per_leg_per_week
    assert rows["10 % less distance"].zone_passes_per_leg_per_week == pytest.approx(0.9 * base)
    assert rows["25 % less distance"].zone_passes_per_leg_per_week == pytest.approx(0.75 * base)
    # one of four run days off, its distance dropped: -25 %
    assert rows["One run day off"].zone_passes_per_leg_per_week == pytest.approx(0.75 * base)
    assert rows["Cadence +10 %"].zone_passes_per_leg_per_week == pytest.approx(1.1 * base)


def test_scenarios_skip_day_off_with_one_run_day():
    labels = [lbl for lbl, _ in scenarios(10, 10, 165, 1)]
    assert "One run day off" not in labels and labels[0] == "As now"


def test_rest_day_keeping_distance_changes_nothing_weekly():
    base = weekly_exposure(30, 10, 165, 4)
    same = with_changes(base, fewer_run_days=1, keep_distance=True)
    assert same.zone_passes_per_leg_per_week == pytest.approx(base.zone_passes_per_leg_per_week)
    assert same.contacts_per_leg_per_run > base.contacts_per_leg_per_run


def test_both_loaded_crossings_are_counted():
    # the knee passes the zone twice in each stance; both passes are loaded and both count
    ex = weekly_exposure(10, 12, 170, 2)
    assert ex.zone_passes_per_leg_per_week == pytest.approx(2 * ex.contacts_per_leg_per_week)


def test_alt_text_gives_the_counts_drawn():
    alt = weekly_exposure_alt(30, 165, 10, 4)
    base = weekly_exposure(30, 10, 165, 4)
    assert f"{base.zone_passes_per_leg_per_week:,.0f} as now" in alt
    assert "20-30 degree zone" in alt and "not an injury prediction" in alt


def test_result_is_frozen():
    ex = weekly_exposure(30, 10, 165)
    with pytest.raises(Exception):
        ex.weekly_distance_km = 10  # type: ignore[misc]


# ---------------------------------------------------------------- properties

@settings(max_examples=60, deadline=None)
@given(distances, speeds, cadences, days, st.floats(0.01, 10.0))
def test_contacts_scale_linearly_with_distance(d, v, f, n, k):
    if d * k > 300:
        return
    a = weekly_exposure(d, v, f, n).contacts_per_leg_per_week
    b = weekly_exposure(d * k, v, f, n).contacts_per_leg_per_week
    assert b == pytest.approx(a * k, rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(1.0, 300.0), speeds, cadences, days, st.floats(-100.0, -0.5))
def test_exposure_falls_when_mileage_falls(d, v, f, n, cut):
    base = weekly_exposure(d, v, f, n)
    less = with_changes(base, mileage_change_pct=cut)
    assert less.zone_passes_per_leg_per_week < base.zone_passes_per_leg_per_week


@settings(max_examples=60, deadline=None)
@given(st.floats(1.0, 300.0), speeds, st.floats(60.0, 200.0), st.integers(2, 7))
def test_fewer_run_days_lower_exposure_and_higher_cadence_raises_count(d, v, f, n):
    base = weekly_exposure(d, v, f, n)
    assert with_changes(base, fewer_run_days=1).zone_passes_per_leg_per_week < base.zone_passes_per_leg_per_week
    assert with_changes(base, cadence_change_pct=5).zone_passes_per_leg_per_week > base.zone_passes_per_leg_per_week


@settings(max_examples=60, deadline=None)
@given(distances, speeds, cadences, days)
def test_counts_are_finite_nonnegative_and_consistent(d, v, f, n):
    ex = weekly_exposure(d, v, f, n)
    assert isinstance(ex, WeeklyExposure)
    # both loaded crossings of every stance are counted, whatever the runner
    assert ex.zone_passes_per_leg_per_week == pytest.approx(2 * ex.contacts_per_leg_per_week)
    for value in (ex.step_length_m, ex.contacts_per_leg_per_week, ex.running_minutes_per_week):
        assert math.isfinite(value) and value >= 0
    # steps per km times step length is one km
    assert ex.steps_per_km * ex.step_length_m == pytest.approx(1000.0)
    # faster at the same cadence -> longer steps -> fewer contacts per km
    if v < SPEED_RANGE_KMH[1] - 1:
        assert weekly_exposure(d, v + 1, f, n).contacts_per_leg_per_km < ex.contacts_per_leg_per_km


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("kwargs, name", [
    (dict(weekly_distance_km=-1, speed_kmh=10, cadence_spm=165), "weekly_distance_km"),
    (dict(weekly_distance_km=400, speed_kmh=10, cadence_spm=165), "weekly_distance_km"),
    (dict(weekly_distance_km=30, speed_kmh=10, cadence_spm=0), "cadence_spm"),
    (dict(weekly_distance_km=30, speed_kmh=10, cadence_spm=300), "cadence_spm"),
    (dict(weekly_distance_km=30, speed_kmh=40, cadence_spm=165), "speed_kmh"),
    (dict(weekly_distance_km=30, speed_kmh=1, cadence_spm=165), "speed_kmh"),
    (dict(weekly_distance_km=30, speed_kmh=10, cadence_spm=165, run_days_per_week=0), "run_days_per_week"),
    (dict(weekly_distance_km=30, speed_kmh=10, cadence_spm=165, run_days_per_week=8), "run_days_per_week"),
    (dict(weekly_distance_km="30", speed_kmh=10, cadence_spm=165), "weekly_distance_km"),
])
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        weekly_exposure(**kwargs)


def test_bad_input_message_gives_the_range():
    with pytest.raises(ValueError, match=r"speed_kmh=40 is outside the allowed range 3 to 25 km/h"):
        weekly_exposure(30, 40, 165)


def test_bad_changes():
    base = weekly_exposure(30, 10, 165, 3)
    with pytest.raises(ValueError, match="fewer_run_days"):
        with_changes(base, fewer_run_days=3)
    with pytest.raises(ValueError, match="mileage_change_pct"):
        with_changes(base, mileage_change_pct=-150)
    with pytest.raises(ValueError, match="cadence_change_pct"):
        with_changes(base, cadence_change_pct=50)
    with pytest.raises(ValueError, match="base"):
        with_changes("not a week")
    with pytest.raises(ValueError, match="pace_min_per_km"):
        pace_to_speed_kmh(0.5)
    with pytest.raises(ValueError, match="keep_distance"):
        with_changes(base, keep_distance="yes")


@pytest.mark.parametrize("bad", [None, float("nan"), float("inf"), "30", -1e9, 1e9, True])
@pytest.mark.parametrize("func", [draw_weekly_exposure, weekly_exposure_alt])
def test_figure_and_alt_name_the_parameter(func, bad):
    for name in ("weekly_distance_km", "cadence_spm", "speed_kmh", "run_days_per_week"):
        with pytest.raises(ValueError, match=name):
            func(**{name: bad})


# ---------------------------------------------------------------- figure

def test_figure_renders_with_alt_text():
    ex = explore(draw_weekly_exposure, alt="weekly passes {weekly_distance_km} km {cadence_spm}",
                 weekly_distance_km=(10, 30, 20), cadence_spm=(150, 170, 20))
    frames = ex.frames()
    assert len(frames) == 4
    assert all(alt and frame[:4] == b"RIFF" and frame[8:12] == b"WEBP" for _v, alt, frame, _narrow in frames)
