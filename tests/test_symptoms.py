"""Tests of the illustrative pain-onset model (itband.models.symptoms) and its chart (itband.figures.symptoms)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.figures.symptoms import describe_onset, draw_onset
from itband.models.symptoms import (BREAK_EVEN_LOAD_CHANGE_PCT, FLOOR_MIN, onset_minutes, weekly_factor,
                                    weeks_to_pain_free)

load = st.floats(-60, 30, allow_nan=False)


def test_hand_worked_values():
    # factor = 1 + 0.5 * (-20 - L) / 100
    assert weekly_factor(0) == pytest.approx(0.9)
    assert weekly_factor(-30) == pytest.approx(1.05)
    assert weekly_factor(-60) == pytest.approx(1.2)
    assert weekly_factor(BREAK_EVEN_LOAD_CHANGE_PCT) == pytest.approx(1.0)
    # unchanged training, 20 min at week 0: 18, 16.2, 14.58 minutes
    np.testing.assert_allclose(onset_minutes(0, 3, 20, 40), [20, 18, 16.2, 14.58])
    # a 60 % cut: 20 * 1.2**4 = 41.5 -> capped at the 40-min run: pain free at week 4
    assert weeks_to_pain_free(-60, 20, 40) == 4
    assert weeks_to_pain_free(0, 20, 40) is None


def test_unchanged_load_moves_onset_earlier_and_reduced_load_later():
    same = onset_minutes(0, 8)
    cut = onset_minutes(-40, 8)
    assert np.all(np.diff(same) < 0)
    assert np.all(np.diff(cut) >= 0) and cut[-1] > cut[0]


@settings(max_examples=60, deadline=None)
@given(load, st.integers(1, 26), st.floats(1, 60), st.floats(60, 180))
def test_onset_stays_between_floor_and_run_length(l, weeks, start, run):
    out = onset_minutes(l, weeks, start, run)
    assert out.shape == (weeks + 1,)
    assert np.all(out >= FLOOR_MIN - 1e-12) and np.all(out <= run + 1e-12)
    assert out[0] == pytest.approx(start)


@settings(max_examples=60, deadline=None)
@given(load, load)
def test_a_bigger_cut_never_gives_earlier_pain(a, b):
    lo, hi = sorted((a, b))  # lo is the bigger cut
    assert np.all(onset_minutes(lo, 10) >= onset_minutes(hi, 10) - 1e-9)


@settings(max_examples=40, deadline=None)
@given(load)
def test_onset_is_monotone_in_time(l):
    out = onset_minutes(l, 12)
    d = np.diff(out)
    assert np.all(d >= -1e-12) or np.all(d <= 1e-12)


def test_chart_has_two_lines_with_different_styles():
    fig = draw_onset(-30, 6)
    lines = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) == 7]
    assert len(lines) == 2
    assert {ln.get_linestyle() for ln in lines} == {"--", "-"}
    assert {ln.get_marker() for ln in lines} == {"o", "s"}


def test_description_mentions_the_numbers():
    text = describe_onset(-60, 8, 20, 40)
    assert "pain-free" in text and "-60 %" in text
    # unchanged training: 20 * 0.9**8 = 8.6 min by week 8; a 60 % cut reaches the 40-min run
    assert "falls to 9 minutes by week 8" in text and "40 minutes by week 8" in text


@pytest.mark.parametrize("call, name", [
    (lambda: onset_minutes(-80), "load_change_pct"),
    (lambda: onset_minutes(50), "load_change_pct"),
    (lambda: onset_minutes(0, weeks=0), "weeks"),
    (lambda: onset_minutes(0, weeks=-3), "weeks"),
    (lambda: onset_minutes(0, start_onset_min=50, run_length_min=40), "start_onset_min"),
    (lambda: onset_minutes(0, run_length_min=2), "run_length_min"),
    (lambda: weekly_factor("a lot"), "load_change_pct"),
])
def test_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


BAD_VALUES = [float("nan"), float("inf"), -float("inf"), 1e9, -1e9, "20", None, True, [1]]


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
@pytest.mark.parametrize("function, name", [
    (weekly_factor, "load_change_pct"), (onset_minutes, "load_change_pct"), (onset_minutes, "weeks"),
    (onset_minutes, "start_onset_min"), (onset_minutes, "run_length_min"),
    (weeks_to_pain_free, "load_change_pct"), (weeks_to_pain_free, "max_weeks"),
    (weeks_to_pain_free, "start_onset_min"), (weeks_to_pain_free, "run_length_min"),
    (draw_onset, "load_change_pct"), (draw_onset, "weeks"), (draw_onset, "run_length_min"),
    (describe_onset, "load_change_pct"), (describe_onset, "weeks"), (describe_onset, "start_onset_min"),
])
def test_every_public_function_names_the_bad_parameter(function, name, bad):
    kwargs = {"load_change_pct": -30} if name != "load_change_pct" else {}
    kwargs[name] = bad
    with pytest.raises(ValueError, match=rf"^{name}="):
        function(**kwargs)
