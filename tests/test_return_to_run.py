"""Tests of itband.models.return_to_run and itband.figures.return_to_run: the walk-run planner,
its rules (the course's one pain rule set), its floor, and its outputs."""
import base64
import csv
import io
import re

import pytest
from hypothesis import given, settings, strategies as st

from itband import explore
from itband.figures import return_to_run as fig
from itband.models import pain_monitoring
from itband.models import return_to_run as rr
from itband.models.progression import STRENGTH_MILESTONES

levels = st.sampled_from(sorted(rr.EXERCISE_LEVELS))
walks = st.floats(rr.MIN_WALK_FOR_PLAN_MIN, 120)
limits = st.floats(*rr.MAX_INCREASE_RANGE_PCT)
pains = st.integers(0, 10)


def _within_limit(plan):
    """Every rise of weekly running keeps to the plan's limit (first running week: the entry level)."""
    factor = 1 + plan.max_weekly_increase_pct / 100
    for prev, cur in zip(plan.weeks[:-1], plan.weeks[1:]):
        if prev.weekly_run_min > 0:
            assert cur.weekly_run_min <= prev.weekly_run_min * factor + 1e-9, (prev, cur)
        else:
            assert cur.run_min_per_session <= rr.START_RUN_MIN_PER_SESSION[plan.exercise_level] + 1e-9


def test_hand_worked_plan():
    # Cross-training, 30 min walking, 30 %: 8, then 8 x 1.3 = 10.4 -> 10, 13, 16.9 -> 16.5 min per
    # session (rounded down to the half minute), then 20 min non-stop (16.5 x 1.3 = 21.45 > 20).
    plan = rr.plan_return(30, "cross_training", 30)
    assert [w.run_min_per_session for w in plan.weeks] == [8, 10, 13, 16.5, 20]
    assert [w.kind for w in plan.weeks][-1] == "continuous"
    assert plan.weeks[0].gate == 0 and plan.weeks[-1].gate == 2
    # 8 min in 5 repeats: 1.6 min = 1:36 running, 4 - 1.6 = 2.4 -> 2 min walking (half minutes, down).
    assert plan.weeks[0].short_text() == "5 x (run 1:36 / walk 2 min)"


def test_walk_build_weeks_come_first():
    plan = rr.plan_return(15, "none")
    assert [w.kind for w in plan.weeks[:2]] == ["walk", "walk"]
    assert [w.walk_only_min for w in plan.weeks[:2]] == [25, 30]
    assert plan.weeks[2].run_min_per_session == rr.START_RUN_MIN_PER_SESSION["none"]


def test_too_little_walking_gives_no_plan():
    plan = rr.plan_return(5, "none")
    assert not plan.ready and plan.weeks == () and "clinician" in plan.advice


@settings(max_examples=60, deadline=None)
@given(walks, levels, limits)
def test_plan_is_4_to_8_weeks_keeps_the_limit_and_ends_continuous(walk, level, limit):
    plan = rr.plan_return(walk, level, limit)
    assert rr.PLAN_WEEKS_RANGE[0] <= plan.n_weeks <= rr.PLAN_WEEKS_RANGE[1]
    _within_limit(plan)
    assert plan.ends_continuous()
    assert plan.weeks[-1].run_min_per_session <= rr.TARGET_CONTINUOUS_MIN[level]
    assert [w.week for w in plan.weeks] == list(range(1, plan.n_weeks + 1))


@settings(max_examples=80, deadline=None)
@given(walks, levels, limits, st.data(), pains, pains)
def test_an_adapted_plan_keeps_the_limit_and_ends_continuous_or_stops(walk, level, limit, data, during, morning):
    plan = rr.plan_return(walk, level, limit)
    week = data.draw(st.integers(1, plan.n_weeks))
    new = rr.adapt_plan(plan, week, during, morning)
    _within_limit(new)
    assert new.weeks[:week] == plan.weeks[:week]
    assert [w.week for w in new.weeks] == list(range(1, new.n_weeks + 1))
    if new.stopped:
        assert new.weeks == plan.weeks[:week] and "clinician" in new.advice and not new.complete
    else:
        assert new.ends_continuous()


@settings(max_examples=40, deadline=None)
@given(walks, levels, st.lists(st.tuples(pains, pains), min_size=1, max_size=6))
def test_repeated_reports_always_end_continuous_or_stopped_never_loop(walk, level, reports):
    plan = rr.plan_return(walk, level)
    week = 1
    for during, morning in reports:
        if plan.stopped or week > plan.n_weeks:
            break
        plan = rr.adapt_plan(plan, week, during, morning)
        week += 1
    assert plan.stopped or plan.ends_continuous()
    assert sum(w.kind == "step back" for w in plan.weeks) <= 1          # a second step back stops the plan


@pytest.mark.parametrize("during, morning, expected", [
    (0, 0, "progress"),                 # no pain at all
    (1, 0, "hold"), (5, 0, "hold"),      # pain started during the run (it stops there), settled by morning
    (0, 1, "step back"), (10, 10, "step back"),   # any pain the next morning
])
def test_pain_decision_uses_the_stop_at_onset_rules(during, morning, expected):
    assert rr.pain_decision(during, morning) == expected
    assert pain_monitoring.decide(during, morning, rules=rr.RUN_RULES) == expected


def test_running_through_4_of_10_is_not_allowed():
    # The published (Achilles) rules would progress at 4/10 during; the running rules hold.
    assert pain_monitoring.decide(4, 0, rules="published") == "progress"
    assert rr.pain_decision(4, 0) == "hold"
    assert rr.pain_decision(0, 0, rising=True) == "step back"


def test_return_to_run_has_no_pain_thresholds_of_its_own():
    assert not [name for name in vars(rr) if name.startswith("PAIN_")]


@given(pains, pains, pains, pains)
def test_more_pain_never_gives_a_milder_decision(a, b, c, d):
    rank = {"progress": 0, "hold": 1, "step back": 2}
    lo = rr.pain_decision(min(a, b), min(c, d))
    hi = rr.pain_decision(max(a, b), max(c, d))
    assert rank[hi] >= rank[lo]


def test_next_morning_pain_steps_back_to_the_week_before():
    plan = rr.example_plan()
    new = rr.adapt_plan(plan, 3, pain_during_run=0, pain_next_morning=2)
    assert new.weeks[3].kind == "step back"
    assert new.weeks[3].run_min_per_session == plan.weeks[1].run_min_per_session  # week 2's load
    assert new.n_weeks == plan.n_weeks + 2


def test_pain_during_a_run_holds_and_none_progresses():
    plan = rr.example_plan()
    held = rr.adapt_plan(plan, 2, pain_during_run=3)
    assert held.weeks[2].kind == "hold"
    assert held.weeks[2].run_min_per_session == plan.weeks[1].run_min_per_session
    assert held.n_weeks == plan.n_weeks + 1
    assert rr.adapt_plan(plan, 2, pain_during_run=0) == plan


def test_step_back_in_the_first_running_week_goes_to_walking():
    plan = rr.example_plan()
    new = rr.adapt_plan(plan, 1, pain_during_run=0, pain_next_morning=3)
    assert new.weeks[1].kind == "step back" and new.weeks[1].run_min_per_session == 0
    assert not new.stopped and new.ends_continuous()


def test_the_floor_stop_and_see_a_clinician():
    # Below walking there is nothing gentler: a step back from a walking week stops the plan.
    walking = rr.plan_return(15, "none")
    stopped = rr.adapt_plan(walking, 1, pain_during_run=0, pain_next_morning=2)
    assert stopped.stopped and stopped.weeks == walking.weeks[:1] and "see a clinician" in stopped.advice
    # A second step back stops it too.
    once = rr.adapt_plan(rr.example_plan(), 2, 0, 2)
    twice = rr.adapt_plan(once, 3, 0, 2)
    assert twice.stopped and twice.n_weeks == 3
    # A stopped plan cannot be adapted further, and its CSV ends with the advice.
    with pytest.raises(ValueError, match="stopped=True"):
        rr.adapt_plan(twice, 1, 0, 0)
    assert list(csv.DictReader(io.StringIO(rr.plan_csv(twice))))[-1]["kind"] == "stop"


def test_walking_pain_that_settles_repeats_the_walking_week():
    plan = rr.plan_return(15, "none")
    new = rr.adapt_plan(plan, 1, pain_during_run=2, pain_next_morning=0)
    assert new.weeks[1].kind == "hold" and new.weeks[1].walk_only_min == plan.weeks[0].walk_only_min


def test_unmet_strength_gate_holds_the_plan():
    weak = {"pain_during_exercise_0_10": 2, "single_leg_squat_reps": 8, "side_plank_hold_s": 20}
    plan = rr.plan_return(30, "none", strength_results=weak)
    assert not plan.complete and not plan.ends_continuous()
    assert plan.weeks[-1].kind == "hold" and plan.weeks[-1].gate == 1
    strong = {m.key: m.target for m in STRENGTH_MILESTONES}
    assert rr.plan_return(30, "none", strength_results=strong).ends_continuous()


def test_gates_come_from_lesson4_milestones():
    keys = {m.key for m in STRENGTH_MILESTONES}
    for _, gate_keys, _ in rr.GATES:
        assert set(gate_keys) <= keys
    side_plank = next(m for m in STRENGTH_MILESTONES if m.key == "side_plank_hold_s")
    assert f"{side_plank.target:g} s" in rr.gate_text(1)


def test_csv_has_one_row_per_day_and_the_link_decodes_to_it():
    plan = rr.example_plan()
    text = rr.plan_csv(plan)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 7 * plan.n_weeks
    assert rows[0]["day"] == "Mon" and rows[-1]["kind"] == "continuous"
    link = fig.csv_download_link(plan)._repr_html_()
    assert 'download="return_to_run_plan.csv"' in link
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    assert base64.b64decode(data).decode("utf-8") == text


def test_calendar_table_has_a_row_per_week_and_a_stop_row():
    plan = rr.example_plan()
    html = fig.calendar_table(plan)._repr_html_()
    assert html.count("<th scope='row'>") == plan.n_weeks
    assert "Mon" in html and "Sun" in html
    stopped = rr.adapt_plan(rr.adapt_plan(plan, 2, 0, 2), 3, 0, 2)
    assert "see a clinician" in fig.calendar_table(stopped)._repr_html_()


@pytest.mark.parametrize("bad, call", [
    ("pain_free_walk_min", lambda: rr.plan_return(-5)),
    ("pain_free_walk_min", lambda: fig.draw_plan(float("inf"))),
    ("pain_free_walk_min", lambda: fig.plan_alt(None)),
    ("exercise_level", lambda: rr.plan_return(30, "elite")),
    ("max_weekly_increase_pct", lambda: rr.plan_return(30, "none", 80)),
    ("pain_during_run", lambda: rr.pain_decision(11)),
    ("pain_during_run", lambda: rr.pain_decision(-1)),
    ("pain_next_morning", lambda: rr.pain_decision(2, 12)),
    ("pain_next_morning", lambda: fig.draw_adapted_plan(2, 0, "a lot")),
    ("week", lambda: rr.adapt_plan(rr.example_plan(), 0, 2)),
    ("week", lambda: fig.adapted_plan_alt(99)),
    ("plan", lambda: rr.adapt_plan("plan", 1, 2)),
    ("plan", lambda: rr.plan_csv([])),
    ("plan", lambda: fig.calendar_table(None)),
    ("results", lambda: rr.plan_return(30, strength_results={"bench_press_kg": 80})),
    ("filename", lambda: fig.csv_download_link(rr.example_plan(), "plan.txt")),
    ("gate_index", lambda: rr.gate_text(5)),
])
def test_bad_input_names_the_parameter(bad, call):
    with pytest.raises(ValueError, match=bad):
        call()


def test_rising_must_be_a_bool():
    with pytest.raises(TypeError, match="rising"):
        rr.pain_decision(0, 0, rising="yes")


def test_explorer_frames_and_alt_text():
    n = rr.example_plan().n_weeks
    ex = explore(fig.draw_adapted_plan, alt=fig.adapted_plan_alt, week=(1, n - 1, 1),
                 pain_next_morning=(0, 4, 2))
    assert ex.frame_count == (n - 1) * 3 <= 64
    assert "step back" in fig.adapted_plan_alt(3, 0, 2)
    assert "hold" in fig.adapted_plan_alt(3, 4, 0)


@pytest.mark.parametrize("week", range(1, 5))
def test_a_hold_costs_one_week_and_a_step_back_two(week):
    plan = rr.example_plan()
    assert rr.adapt_plan(plan, week, 4, 0).n_weeks == plan.n_weeks + 1
    assert rr.adapt_plan(plan, week, 0, 4).n_weeks == plan.n_weeks + 2


@pytest.mark.parametrize("week, form, sentence, calendar, short", [
    (rr.PlanWeek(1, "walk", 0.0, 0, 0.0, 0.0, walk_only_min=30.0), "walk",
     "brisk walk 30 min", "Walk<br>30 min", "Walk 30 min"),
    (rr.PlanWeek(5, "continuous", 20.0, 1, 20.0, 0.0), "non-stop",
     "walk 8 min, then run 20 min without a break", "Run<br>20 min<br>non-stop", "Run 20 min non-stop"),
    (rr.PlanWeek(2, "walk-run", 8.0, 5, 1.6, 2.5), "intervals",
     "walk 8 min, then 5 x (run 1:36, walk 2:30)", "5 &times;<br>1:36 run<br>2:30 walk",
     "5 x (run 1:36 / walk 2:30)"),
])
def test_each_kind_of_session_is_written_the_same_way_in_every_format(week, form, sentence, calendar, short):
    assert week.form == form
    assert (week.session_text(), week.calendar_html(), week.short_text()) == (sentence, calendar, short)
