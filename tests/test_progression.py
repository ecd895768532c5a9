"""Tests of the progression planner and the strength milestones (itband.models.progression, itband.figures.progression)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.models import progression as pr
from itband.figures import progression as pr_fig
from itband.bands import BAND_COLOURS
from itband.poses import exercise_names


def test_smooth_plan_climbs_one_level_a_week():
    plan = pr.build_plan()
    assert plan.levels() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [w.phase for w in plan.weeks] == [1, 1, 2, 2, 2, 3, 3, 3]
    assert not any(w.capped for w in plan.weeks)


def test_volume_by_hand():
    # level 1: bridge hold 5 x 20 s = 100 s; side-lying 2 x 10 reps x 4 s = 80 s;
    # side plank from knees 3 x 20 s = 60 s; the stretch does not count -> 240 s a session
    assert pr.session_seconds(pr.LEVELS[1][1]) == 240
    plan = pr.build_plan(weeks=1)
    assert plan.weeks[0].volume_min == pytest.approx(240 * 3 / 60)  # 3 sessions -> 12 minutes


def test_nominal_ladder_respects_the_limit():
    for lvl in range(2, pr.TOP_LEVEL + 1):
        prev, cur = pr.session_seconds(pr.LEVELS[lvl - 1][1]), pr.session_seconds(pr.LEVELS[lvl][1])
        assert cur <= prev * (1 + pr.MAX_WEEKLY_INCREASE_PCT / 100)


reports = st.dictionaries(
    st.integers(1, 8),
    st.builds(pr.WeekReport, st.integers(0, 10).map(float), st.booleans(), st.booleans()),
    max_size=8)


@settings(max_examples=150, deadline=None)
@given(start=st.integers(1, 8), reps=reports, cap=st.sampled_from([0.0, 10.0, 20.0, 35.0]),
       cutoffs=st.sampled_from(["clinician", "original"]))
def test_weekly_volume_never_rises_more_than_the_limit(start, reps, cap, cutoffs):
    plan = pr.build_plan(start, 8, reps, cutoffs=cutoffs, max_weekly_increase_pct=cap)
    for a, b in zip(plan.weeks, plan.weeks[1:]):
        assert b.volume_s <= a.volume_s * (1 + cap / 100) + 1e-9


@settings(max_examples=150, deadline=None)
@given(start=st.integers(1, 8), reps=reports, cutoffs=st.sampled_from(["clinician", "original"]))
def test_pain_above_safe_never_moves_up(start, reps, cutoffs):
    safe, acceptable = pr.PAIN_CUTOFFS[cutoffs]
    plan = pr.build_plan(start, 8, reps, cutoffs=cutoffs)
    for a, b in zip(plan.weeks, plan.weeks[1:]):
        r = a.report
        if r.pain_during_0_10 > safe or not r.settled_24h or not r.pelvis_level:
            assert b.level <= a.level and b.volume_s <= a.volume_s
        if r.pain_during_0_10 > acceptable or not r.settled_24h:
            assert b.volume_s < a.volume_s and (b.level < a.level or a.level == 1)


def test_decisions_by_hand():
    assert pr.decide(pr.WeekReport(3)) == "advance"             # <= 3 is safe (clinician)
    assert pr.decide(pr.WeekReport(3), "original") == "hold"     # but not with 0-2 safe
    assert pr.decide(pr.WeekReport(5)) == "hold"
    assert pr.decide(pr.WeekReport(6)) == "step back"
    assert pr.decide(pr.WeekReport(1, settled_24h=False)) == "step back"
    assert pr.decide(pr.WeekReport(0, pelvis_level=False)) == "hold"


def test_flare_steps_back_then_recovers():
    plan = pr.build_plan(reports={3: 6})
    assert plan.levels() == [1, 2, 3, 2, 3, 4, 5, 6]
    plan = pr.build_plan(reports={3: 4})
    assert plan.levels() == [1, 2, 3, 3, 4, 5, 6, 7]
    assert plan.weeks[3].prescriptions == plan.weeks[2].prescriptions  # hold repeats the week


def test_cap_trims_a_big_jump():
    plan = pr.build_plan(max_weekly_increase_pct=5)
    assert any(w.capped for w in plan.weeks)
    assert plan.weeks[1].volume_s <= plan.weeks[0].volume_s * 1.05


def test_deterministic():
    r = {2: pr.WeekReport(4), 5: pr.WeekReport(7, settled_24h=False)}
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


@pytest.mark.parametrize("weeks", [0, -3, 13, 2.5])
def test_bad_weeks(weeks):
    with pytest.raises(ValueError, match="weeks"):
        pr.build_plan(weeks=weeks)


@pytest.mark.parametrize("pain", [-1, 10.5, float("nan")])
def test_bad_pain(pain):
    with pytest.raises(ValueError, match="pain_during_0_10"):
        pr.WeekReport(pain)
    with pytest.raises(ValueError, match="pain_during_0_10"):
        pr.build_plan(reports={2: pain})


def test_other_bad_input():
    with pytest.raises(ValueError, match="start_level"):
        pr.build_plan(start_level=9)
    with pytest.raises(ValueError, match="cutoffs"):
        pr.build_plan(cutoffs="strict")
    with pytest.raises(ValueError, match="reports week"):
        pr.build_plan(weeks=6, reports={7: 2})
    with pytest.raises(ValueError, match="week"):
        pr_fig.draw_plan(week=9)


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


def test_table_and_figure():
    from matplotlib.figure import Figure
    plan = pr.build_plan(reports={4: 6})
    html = plan._repr_html_()
    assert html.count("<tr>") == 9 and "step back" in html
    assert isinstance(pr_fig.draw_plan(4, 6), Figure)
    assert "step back" in pr_fig.plan_alt(4, 6)
