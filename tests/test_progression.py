"""Tests of the progression planner and the strength milestones (itband.models.progression,
itband.figures.progression): hand-checked plans, the shared pain rules, the floor, bad input."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.figures import progression as pr_fig
from itband.models import pain_monitoring as pm
from itband.models import progression as pr
from itband.models.bands import BAND_COLOURS
from itband.models.poses import exercise_names


# --------------------------------------------------------------------------- hand-checked plans

def test_smooth_plan_climbs_one_level_a_week():
    plan = pr.build_plan()
    assert plan.levels() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [w.phase for w in plan.weeks] == [1, 1, 2, 2, 2, 3, 3, 3]
    assert not any(w.capped for w in plan.weeks) and not plan.stopped


def test_volume_by_hand():
    # level 1: bridge hold 5 x 20 s = 100 s; side-lying 2 x 10 reps x 4 s = 80 s;
    # side plank from knees 3 x 20 s = 60 s; the stretch does not count -> 240 s a session
    assert pr.session_seconds(pr.LEVELS[1][1]) == 240
    plan = pr.build_plan(weeks=1)
    assert plan.weeks[0].volume_min == pytest.approx(240 * 3 / 60)  # 3 sessions -> 12 minutes
    # level 8 by hand: squats 3x12x4 = 144, step-downs 144, side plank lifts 144,
    # band walk 3x30x2 = 180, hops 3x15x1 = 45 -> 657 s; x 3 sessions / 60 = 32.85 min
    assert pr.build_plan().weeks[-1].volume_min == pytest.approx(32.85)


def test_nominal_ladder_respects_the_limit():
    for lvl in range(2, pr.TOP_LEVEL + 1):
        prev, cur = pr.session_seconds(pr.LEVELS[lvl - 1][1]), pr.session_seconds(pr.LEVELS[lvl][1])
        assert prev < cur <= prev * (1 + pr.MAX_WEEKLY_INCREASE_PCT / 100)


def test_decisions_follow_the_shared_pain_rules():
    # published rules (Silbernagel 2007 after Thomee 1997): up to 5/10 during, settled next morning
    assert pm.RULES["published"].during_max_0_10 == 5
    assert pr.decide(pr.WeekReport(5)) == "progress"
    assert pr.decide(pr.WeekReport(5.5)) == "step back"
    assert pr.decide(pr.WeekReport(2, pain_next_morning_0_10=1)) == "step back"
    assert pr.decide(pr.WeekReport(2, rising=True)) == "step back"
    assert pr.decide(pr.WeekReport(0, pelvis_level=False)) == "hold"      # the plan's own movement rule
    assert pr.decide(pr.WeekReport(6, pelvis_level=False)) == "step back"  # pain rules come first
    assert pr.decide(pr.WeekReport(3), "stop_at_onset") == "hold"
    assert pr.decide(pr.WeekReport(0), "stop_at_onset") == "progress"


@given(pain=st.floats(0, 10), morning=st.floats(0, 10), rising=st.booleans(),
       rules=st.sampled_from(sorted(pm.RULES)))
def test_a_level_pelvis_leaves_the_pain_rules_decision_alone(pain, morning, rising, rules):
    report = pr.WeekReport(pain, morning, True, rising)
    assert pr.decide(report, rules) == pm.decide(pain, morning, rising, rules)


def test_flare_steps_back_then_recovers():
    plan = pr.build_plan(reports={3: 6})
    assert plan.levels() == [1, 2, 3, 2, 3, 4, 5, 6]
    assert plan.weeks[3].prescriptions == pr.LEVELS[2][1]      # the lower level's own dose
    plan = pr.build_plan(reports={3: pr.WeekReport(0, pelvis_level=False)})
    assert plan.levels() == [1, 2, 3, 3, 4, 5, 6, 7]
    assert plan.weeks[3].prescriptions == plan.weeks[2].prescriptions  # hold repeats the week


def test_stop_at_onset_holds_any_pain():
    assert pr.build_plan(reports={3: 3}).levels()[-1] == 8
    assert pr.build_plan(reports={3: 3}, rules="stop_at_onset").levels() == [1, 2, 3, 3, 4, 5, 6, 7]


def test_cap_trims_a_big_jump():
    plan = pr.build_plan(max_weekly_increase_pct=5)
    assert any(w.capped for w in plan.weeks)
    assert plan.weeks[1].volume_s <= plan.weeks[0].volume_s * 1.05
    # the lesson's exercise: +10 % a week from 12.0 minutes reaches about 20.9 by week 8
    slow = pr.build_plan(max_weekly_increase_pct=10)
    assert slow.levels() == list(range(1, 9))
    assert slow.weeks[-1].volume_min == pytest.approx(20.9, abs=0.05)
    assert slow.weeks[-1].volume_min <= 12.0 * 1.1 ** 7


# --------------------------------------------------------------------------- the floor (issue 21)

def test_the_issue_21_plan_stops_at_its_floor():
    # every week unsettled at level 1: the plan cannot step back, so it stops in week 1
    plan = pr.build_plan(1, 8, {w: pr.WeekReport(0, 1, False) for w in range(1, 8)})
    assert plan.stopped and len(plan.weeks) == 1 and plan.weeks_planned == 8
    assert plan.weeks[0].decision == "stop" and "floor" in plan.weeks[0].reason
    assert "see a physiotherapist or sports physician" in str(plan)


def test_a_second_step_back_in_a_row_stops_the_plan():
    plan = pr.build_plan(reports={3: 6, 4: 7})
    assert plan.levels() == [1, 2, 3, 2]
    assert [w.decision for w in plan.weeks] == ["progress", "progress", "step back", "stop"]
    assert "second week in a row" in plan.weeks[-1].reason
    assert "stop" in plan._repr_html_() and plan.stopped


def test_pain_at_level_1_stops_rather_than_shaving_the_dose():
    plan = pr.build_plan(reports={1: 6})
    assert plan.stopped and plan.levels() == [1] and plan.weeks[0].volume_min == 12.0


reports = st.dictionaries(
    st.integers(1, 8),
    st.builds(pr.WeekReport, st.integers(0, 10).map(float), st.sampled_from([0.0, 0.0, 2.0]),
              st.booleans(), st.booleans()),
    max_size=8)


@settings(max_examples=150, deadline=None)
@given(start=st.integers(1, 8), reps=reports, cap=st.sampled_from([0.0, 10.0, 20.0, 35.0]),
       rules=st.sampled_from(sorted(pm.RULES)))
def test_weekly_volume_never_rises_more_than_the_limit(start, reps, cap, rules):
    plan = pr.build_plan(start, 8, reps, rules=rules, max_weekly_increase_pct=cap)
    for a, b in zip(plan.weeks, plan.weeks[1:]):
        assert b.volume_s <= a.volume_s * (1 + cap / 100) + 1e-9


@settings(max_examples=200, deadline=None)
@given(start=st.integers(1, 8), reps=reports, cap=st.sampled_from([0.0, 10.0, 20.0]),
       rules=st.sampled_from(sorted(pm.RULES)))
def test_every_step_back_steps_back_and_the_floor_stops(start, reps, cap, rules):
    plan = pr.build_plan(start, 8, reps, rules=rules, max_weekly_increase_pct=cap)
    for a, b in zip(plan.weeks, plan.weeks[1:]):
        if a.decision != "progress":
            assert b.level <= a.level and b.volume_s <= a.volume_s
        if a.decision == "step back":                   # a real step back: one level, less volume
            assert b.level == a.level - 1 and b.volume_s < a.volume_s
        assert a.decision != "stop"                     # nothing follows a stop
    # a plan stops exactly when a step back is called for at level 1 or twice in a row
    if plan.stopped:
        last = plan.weeks[-1]
        assert pr.decide(last.report, rules) == "step back"
        assert last.level == 1 or plan.weeks[-2].decision == "step back"
    else:
        assert len(plan.weeks) == 8


# --------------------------------------------------------------------------- the rest of the model

def test_deterministic():
    r = {2: pr.WeekReport(4), 5: pr.WeekReport(7, 2)}
    assert pr.build_plan(2, 8, r) == pr.build_plan(2, 8, dict(r))
    assert pr_fig.plan_alt(4, 6) == pr_fig.plan_alt(4, 6)


def test_plan_contents_are_consistent():
    for lvl, (phase, items) in pr.LEVELS.items():
        assert phase in pr.PHASES
        for p in items:
            assert p.move in pr.MOVES
            assert p.band is None or p.band in BAND_COLOURS
            assert (p.reps > 0) != (p.hold_s > 0)
            pose = pr.MOVES[p.move].pose
            assert pose is None or pose in exercise_names()


def test_milestones():
    keys = [m.key for m in pr.STRENGTH_MILESTONES]
    assert "abductor_strength_symmetry_pct" in keys
    good = {m.key: (m.target + 1 if m.comparison == ">=" else m.target - 1) for m in pr.STRENGTH_MILESTONES}
    assert all(pr.milestones_met(good).values())
    met = pr.milestones_met({"side_plank_hold_s": 20, "pain_during_exercise_0_10": 2})
    assert met["side_plank_hold_s"] is False and met["pain_during_exercise_0_10"] is True
    assert met["single_leg_squat_reps"] is False  # missing counts as not met
    with pytest.raises(ValueError, match="unknown milestone"):
        pr.milestones_met({"vo2max": 50})
    with pytest.raises(TypeError, match="results"):
        pr.milestones_met([("side_plank_hold_s", 50)])


def test_milestone_bases_quote_the_registry_not_retyped_numbers():
    text = pr.describe_milestones()
    assert "Beers et al. 2008 (16 patients" in text and "gone by 6 weeks" in text   # beers2008-n, -strength-gap
    assert "5/10 ceiling" in text and "Thomeé 1997" in text
    assert all(len(line) <= 40 for line in pr.describe_milestones(40).splitlines())


def test_table_and_figure():
    from matplotlib.figure import Figure
    plan = pr.build_plan(reports={4: 6})
    html = plan._repr_html_()
    assert html.count("<tr>") == 9 and "step back" in html and "pain rules: published" in html
    assert isinstance(pr_fig.draw_plan(4, 6), Figure)
    assert "step back" in pr_fig.plan_alt(4, 6)
    assert isinstance(pr_fig.draw_plan(1, 6), Figure)                   # a plan that stopped draws
    assert "stops after week 1" in pr_fig.plan_alt(1, 6)
    assert "hold" in pr_fig.plan_alt(4, 4, rules="stop_at_onset")


# --------------------------------------------------------------------------- bad input (issue 20)

@pytest.mark.parametrize("weeks", [0, -3, 13, 2.5, True, "8", None, math.nan])
def test_bad_weeks_are_named_weeks_everywhere(weeks):
    for call in (lambda: pr.build_plan(weeks=weeks), lambda: pr_fig.draw_plan(weeks=weeks),
                 lambda: pr_fig.plan_alt(weeks=weeks)):
        with pytest.raises(ValueError, match=r"^weeks="):
            call()


def test_the_issue_20_calls():
    with pytest.raises(ValueError, match=r"^weeks=0 is outside the allowed range 1 to 12"):
        pr_fig.draw_plan(weeks=0)
    with pytest.raises(ValueError, match=r"^weeks=-1 is outside"):
        pr_fig.plan_alt(weeks=-1)
    with pytest.raises(ValueError, match=r"^weeks=True is not a whole number"):
        pr_fig.plan_alt(weeks=True)
    with pytest.raises(ValueError, match=r"^week=9 is outside the allowed range 1 to 8"):
        pr_fig.draw_plan(week=9)


@pytest.mark.parametrize("width", [math.nan, math.inf, "a", None, True, 5, 1e9, [78]])
def test_bad_width_is_named_and_never_hangs(width):
    with pytest.raises(ValueError, match=r"^width="):
        pr.describe_milestones(width)


@pytest.mark.parametrize("pain", [-1, 10.5, math.nan, "3", None, True])
def test_bad_pain(pain):
    with pytest.raises(ValueError, match="pain_during_0_10"):
        pr.WeekReport(pain)
    with pytest.raises(ValueError, match="pain_during_0_10"):
        pr.build_plan(reports={2: pain})
    with pytest.raises(ValueError, match="pain_during_0_10"):
        pr_fig.draw_plan(pain_during_0_10=pain)


def test_other_bad_input():
    with pytest.raises(ValueError, match="^start_level=9"):
        pr.build_plan(start_level=9)
    with pytest.raises(ValueError, match="^start_level=0"):
        pr_fig.plan_alt(start_level=0)
    with pytest.raises(ValueError, match="^rules='clinician'"):
        pr.build_plan(rules="clinician")
    with pytest.raises(ValueError, match="^rules="):
        pr_fig.draw_plan(rules="original")
    with pytest.raises(ValueError, match="reports week=7"):
        pr.build_plan(weeks=6, reports={7: 2})
    with pytest.raises(TypeError, match="reports"):
        pr.build_plan(reports=[(2, 3)])
    with pytest.raises(ValueError, match="^max_weekly_increase_pct="):
        pr.build_plan(max_weekly_increase_pct=math.inf)
    with pytest.raises(ValueError, match="^sessions_per_week="):
        pr.build_plan(sessions_per_week=0)
    with pytest.raises(ValueError, match="^pain_next_morning_0_10="):
        pr.WeekReport(1, False)                         # the old positional 'settled' flag
    with pytest.raises(TypeError, match="^pelvis_level="):
        pr.WeekReport(1, 0, "yes")
    with pytest.raises(TypeError, match="report"):
        pr.decide(3)
    with pytest.raises(ValueError, match="^move="):
        pr.Prescription("squat", 3, 10)
    with pytest.raises(ValueError, match="^band="):
        pr.Prescription("bridge", 3, 10, band="purple")
    with pytest.raises(ValueError, match="^sets="):
        pr.Prescription("bridge", 0, 10)
    with pytest.raises(TypeError, match="prescriptions"):
        pr.session_seconds(5)
