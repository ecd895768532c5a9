"""Lesson 8's case-series simulation (itband.models.case_series) and its drawings.

Hand-checked values: with no spread between runners, no wobble and no entry score, a runner at
6/10 whose pain halves every 6 weeks is at 3/10 after 6 weeks (change -3) and at 1.5/10 after 12.
The entry rate is the normal tail 1 - Phi((6 - 5) / sqrt(1.5**2 + 1**2)) = 1 - Phi(0.5547) = 0.2896.
The tolerances of the statistical tests follow from n: a mean of n runners whose changes have SD s
lies within 4.5 s / sqrt(n) of its expectation except about once in 150 000 draws, plus the
Monte-Carlo error of the reference (about 1.5 / sqrt(200 000) < 0.005).
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.figures import case_series as fig
from itband.models import case_series as cs

QUIET = cs.NaturalHistory(mean_pain_0_10=6, between_runner_sd_0_10=0, wobble_sd_0_10=0, entry_pain_0_10=None)
#: Pain far from the ends of the scale for a short follow-up: no clipping at 0 or 10.
NO_FLOOR = cs.NaturalHistory(mean_pain_0_10=5, between_runner_sd_0_10=0.5, wobble_sd_0_10=0.5,
                             half_life_weeks=520, entry_pain_0_10=None)
REF_ERROR = 0.01


def tolerance(sd: float, n: int) -> float:
    return 4.5 * sd / math.sqrt(n) + REF_ERROR


# ----------------------------------------------------------------------------- hand-checked values

def test_a_single_runner_without_noise_follows_the_half_life():
    s = cs.simulate(5, 6, history=QUIET)
    assert np.allclose(s.before_0_10, 6) and np.allclose(s.after_0_10, 3)
    assert s.mean_change() == pytest.approx(-3)
    assert QUIET.usual_fraction(12) == pytest.approx(0.25)
    assert cs.simulate(5, 12, history=QUIET).mean_change() == pytest.approx(-4.5)


def test_a_treatment_lowers_the_noiseless_runner_by_its_effect():
    s = cs.simulate(4, 6, treatment_effect_0_10=1, history=QUIET)
    assert np.allclose(s.after_0_10, 2) and s.natural_change() == pytest.approx(-3)


def test_entry_rate_is_the_normal_tail():
    assert cs.entry_rate() == pytest.approx(0.2896, abs=5e-4)
    assert cs.entry_rate(cs.NaturalHistory(mean_pain_0_10=6)) == pytest.approx(0.5)
    assert cs.entry_rate(QUIET) == 1.0


def test_simulated_entry_share_matches_the_rate():
    rng = np.random.default_rng(1)
    h = cs.DEFAULT_HISTORY
    u = np.clip(rng.normal(h.mean_pain_0_10, h.between_runner_sd_0_10, 200_000), 0, 10)
    m = np.clip(u + rng.normal(0, h.wobble_sd_0_10, u.size), 0, 10)
    assert (m >= h.entry_pain_0_10).mean() == pytest.approx(cs.entry_rate(), abs=0.005)


def test_without_selection_the_natural_change_is_the_recovery_of_the_mean():
    h = cs.NaturalHistory(entry_pain_0_10=None)
    # 5/10 halves in 6 weeks: -2.5, plus under 0.02 from pain that cannot fall below 0
    assert cs.natural_change(6, h) == pytest.approx(-2.5, abs=0.03)
    assert cs.natural_change(0, h) == pytest.approx(0, abs=0.01)


def test_selection_at_a_peak_adds_regression_to_the_mean():
    at_once = [cs.natural_change(0, cs.NaturalHistory(entry_pain_0_10=e)) for e in (4, 6, 8)]
    assert at_once[0] > at_once[1] > at_once[2] and at_once[1] < -0.3
    share = cs.regression_share(6)
    assert 0.05 < share < 0.5
    assert cs.regression_share(0) == pytest.approx(1.0)


# ----------------------------------------------------------------------------- the properties

@settings(max_examples=25, deadline=None)
@given(n=st.integers(20, 2000), weeks=st.sampled_from([0.0, 2.0, 6.0, 8.0, 26.0]), seed=st.integers(0, 10_000))
def test_with_no_treatment_effect_a_case_series_shows_the_natural_change(n, weeks, seed):
    s = cs.simulate(n, weeks, 0.0, seed=seed)
    assert abs(s.mean_change() - cs.natural_change(weeks)) <= tolerance(s.change_sd(), n)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(20, 2000), weeks=st.sampled_from([0.0, 6.0, 26.0]), seed=st.integers(0, 10_000))
def test_a_control_group_removes_the_natural_change(n, weeks, seed):
    s = cs.simulate(n, weeks, 0.0, controlled=True, seed=seed)
    se = math.sqrt(s.change_sd("treated") ** 2 / s.treated.sum() + s.change_sd("control") ** 2 / (~s.treated).sum())
    assert abs(s.effect_estimate()) <= 4.5 * se
    assert abs(s.mean_change("control") - cs.natural_change(weeks)) <= tolerance(s.change_sd("control"), (~s.treated).sum())


@settings(max_examples=20, deadline=None)
@given(effect=st.floats(0, 3), n=st.integers(40, 2000), seed=st.integers(0, 10_000))
def test_away_from_the_floor_a_trial_recovers_the_effect_and_a_series_adds_it_to_recovery(effect, n, seed):
    trial = cs.simulate(n, 1, effect, controlled=True, history=NO_FLOOR, seed=seed)
    se = math.sqrt(trial.change_sd("treated") ** 2 / trial.treated.sum()
                   + trial.change_sd("control") ** 2 / (~trial.treated).sum())
    assert abs(trial.effect_estimate() + effect) <= 4.5 * se
    series = cs.simulate(n, 1, effect, history=NO_FLOOR, seed=seed)
    assert abs(series.mean_change() - (cs.natural_change(1, NO_FLOOR) - effect)) <= tolerance(series.change_sd(), n)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 300), weeks=st.floats(0, 104), effect=st.floats(0, 5), seed=st.integers(0, 2**32 - 1))
def test_scores_stay_on_the_scale_and_enrolled_runners_meet_the_entry_score(n, weeks, effect, seed):
    s = cs.simulate(n, weeks, effect, seed=seed)
    for x in (s.before_0_10, s.after_0_10, s.untreated_after_0_10):
        assert x.min() >= 0 and x.max() <= 10
    assert (s.before_0_10 >= cs.DEFAULT_HISTORY.entry_pain_0_10).all()
    assert (s.after_0_10 <= s.untreated_after_0_10 + 1e-12).all()  # a treatment never raises pain


@settings(max_examples=15, deadline=None)
@given(n=st.integers(2, 500), seed=st.integers(0, 10_000))
def test_randomisation_splits_the_runners_in_half(n, seed):
    s = cs.simulate(n, 6, controlled=True, seed=seed)
    assert s.treated.sum() == n // 2 and s.n == n


def test_the_same_seed_gives_the_same_runners():
    a, b, c = cs.simulate(50, seed=3), cs.simulate(50, seed=3), cs.simulate(50, seed=4)
    assert np.array_equal(a.before_0_10, b.before_0_10) and np.array_equal(a.after_0_10, b.after_0_10)
    assert not np.array_equal(a.before_0_10, c.before_0_10)


def test_more_runners_narrow_the_answer_but_do_not_move_a_case_series_to_the_truth():
    small, large = cs.repeat_studies(10, 200), cs.repeat_studies(400, 200)
    assert (large.high - large.low) < (small.high - small.low) / 3
    assert large.high < -3  # still far from the true effect of 0
    small_t, large_t = cs.repeat_studies(10, 200, controlled=True), cs.repeat_studies(400, 200, controlled=True)
    assert small_t.low < 0 < small_t.high and large_t.low < 0 < large_t.high
    assert (large_t.high - large_t.low) < (small_t.high - small_t.low) / 3


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("kwargs, message", [
    (dict(n_runners=0), r"n_runners=0 is outside"),
    (dict(n_runners=2.5), r"n_runners=2.5 is not a whole number"),
    (dict(n_runners=24, follow_up_weeks=-1), r"follow_up_weeks=-1 is outside the allowed range 0 to 104 weeks"),
    (dict(n_runners=24, treatment_effect_0_10=6), r"treatment_effect_0_10=6 is outside"),
    (dict(n_runners=1, controlled=True), r"n_runners=1 is too few for a controlled trial"),
    (dict(n_runners=24, seed=-1), r"seed=-1 is outside"),
])
def test_bad_arguments_name_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cs.simulate(**kwargs)


def test_wrong_types_and_bad_histories_are_refused():
    with pytest.raises(TypeError, match="controlled must be True or False"):
        cs.simulate(24, controlled="yes")
    with pytest.raises(TypeError, match="history must be a NaturalHistory"):
        cs.simulate(24, history={"mean_pain_0_10": 5})
    with pytest.raises(ValueError, match=r"half_life_weeks=0 is outside"):
        cs.NaturalHistory(half_life_weeks=0)
    with pytest.raises(ValueError, match=r"entry_pain_0_10=9.5 is outside"):
        cs.NaturalHistory(entry_pain_0_10=9.5)


def test_an_entry_score_almost_nobody_reaches_is_refused_quickly():
    rare = cs.NaturalHistory(mean_pain_0_10=1, between_runner_sd_0_10=0.3, wobble_sd_0_10=0.3, entry_pain_0_10=9)
    with pytest.raises(ValueError, match=r"entry_pain_0_10=9 is reached by too few runners"):
        cs.simulate(24, history=rare)


def test_arms_are_named_and_a_case_series_has_no_control_arm():
    s = cs.simulate(10)
    with pytest.raises(ValueError, match=r"arm='placebo' is not one of"):
        s.mean_change("placebo")
    with pytest.raises(ValueError, match=r"arm='control': this study has no runners in that arm"):
        s.effect_estimate()


# ----------------------------------------------------------------------------- the drawings

@pytest.mark.parametrize("control", [False, True])
def test_alt_text_reports_the_numbers_the_figure_draws(control):
    sm = fig.summary(24, 0.0, control)
    alt = fig.case_series_alt(24, 0.0, control)
    assert f"{sm['treated_change']:+.1f}" in alt and "24 runners" in alt
    assert ("treated minus control" in alt) == control
    assert "-0" not in alt.replace("-0.", "")  # zero is written 0, never -0
    assert fig.draw_case_series(24, 0.0, control).axes


def test_the_sample_size_alt_text_comes_from_the_same_studies():
    series, trials = fig._spreads(0.0)
    alt = fig.sample_size_alt(0.0)
    assert f"{series[0].low:+.1f}" in alt and f"{trials[-1].high:+.1f}" in alt
    assert fig.draw_sample_size(0.0).axes


def test_figure_arguments_are_checked():
    with pytest.raises(ValueError, match=r"n_runners=25 is not one of the allowed values"):
        fig.draw_case_series(25)
    with pytest.raises(ValueError, match=r"treatment_effect_0_10=0.5 is not one of the allowed values"):
        fig.draw_sample_size(0.5)


def test_design_table_reads_the_registry():
    from itband.course import evidence

    table = fig.design_table()
    html = table._repr_html_()
    for key in fig.DESIGN_TABLE_STUDIES:
        s = evidence.study(key)
        assert s.design.split(" (")[0].replace("'", "&#x27;") in html
        assert f"{key}:" in repr(table)
    assert "Fredericson 2000" in html
    with pytest.raises(ValueError, match="keys='fredericson2000' must be a non-empty sequence"):
        fig.design_table("fredericson2000")
