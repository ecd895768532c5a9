"""Tests of the when-to-see-a-clinician helper (itband.models.triage) and its flowchart (itband.figures.triage)."""
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.figures.triage import describe_flowchart, draw_flowchart
from itband.models.triage import (LEVELS, RED_FLAGS, RULE_LEVELS, SLOW_RECOVERY_WEEKS, TWO_WEEK_RULE_WEEKS,
                                  Recommendation, flowchart_rule, recommend)

weeks = st.floats(0, 520, allow_nan=False)
flag_sets = st.sets(st.sampled_from(sorted(RED_FLAGS)))


def test_hand_worked_cases():
    assert recommend(weeks_of_symptoms=1, improving=False).level == "self-care and monitor"
    assert recommend(weeks_of_symptoms=2, improving=False).level == "self-care and monitor"  # not MORE than 2
    assert recommend(weeks_of_symptoms=3, improving=False).level == "book an appointment"
    assert recommend(weeks_of_symptoms=3, improving=True).level == "self-care and monitor"
    assert recommend(weeks_of_symptoms=8, improving=True).level == "book an appointment"
    assert recommend(weeks_of_symptoms=0.5, improving=True, fever=True).level == "seek care promptly"
    assert recommend({"weeks_of_symptoms": 3, "improving": False}).rule == "two-week rule"


@pytest.mark.parametrize("flag", sorted(RED_FLAGS))
@pytest.mark.parametrize("w, improving", [(0, True), (1, False), (3, True), (10, False)])
def test_every_red_flag_means_seek_care_promptly(flag, w, improving):
    rec = recommend(weeks_of_symptoms=w, improving=improving, **{flag: True})
    assert rec.level == "seek care promptly"
    assert RED_FLAGS[flag] in rec.reason


@settings(max_examples=150, deadline=None)
@given(weeks, st.booleans(), flag_sets)
def test_total_and_consistent(w, improving, flags):
    answers = {"weeks_of_symptoms": w, "improving": improving, **{f: True for f in flags}}
    rec = recommend(answers)
    assert rec.level in LEVELS and rec.reason.strip()
    assert flowchart_rule(answers) == rec.rule
    if flags:
        assert rec.level == "seek care promptly"
    if w > TWO_WEEK_RULE_WEEKS and not improving:
        assert rec.urgency >= 1
    if w > SLOW_RECOVERY_WEEKS:
        assert rec.urgency >= 1


def test_total_over_every_combination_of_answers():
    seen = set()
    for w in (0, 1, 2, 2.5, 6, 7, 52):
        for improving in (True, False):
            for bits in itertools.product((False, True), repeat=len(RED_FLAGS)):
                answers = dict(zip(sorted(RED_FLAGS), bits), weeks_of_symptoms=w, improving=improving)
                seen.add(recommend(answers).level)
    assert seen == set(LEVELS)


@settings(max_examples=60, deadline=None)
@given(weeks, weeks, st.booleans())
def test_more_weeks_never_less_urgent(a, b, improving):
    lo, hi = sorted((a, b))
    assert recommend(weeks_of_symptoms=hi, improving=improving).urgency >= \
        recommend(weeks_of_symptoms=lo, improving=improving).urgency


def test_every_self_care_answer_says_when_to_see_a_clinician():
    for w, improving in ((0, False), (1, True), (2, False), (4, True)):
        rec = recommend(weeks_of_symptoms=w, improving=improving)
        assert rec.level == "self-care and monitor"
        assert "clinician" in rec.reason or "appointment" in rec.reason


def test_rule_names_and_levels_agree():
    assert set(RULE_LEVELS) == {"red flag", "early days", "two-week rule", "slow recovery", "improving"}
    for w, improving, flag in itertools.product((0, 3, 8), (True, False), (True, False)):
        rec = recommend(weeks_of_symptoms=w, improving=improving, swelling=flag)
        assert RULE_LEVELS[rec.rule] == rec.level


@pytest.mark.parametrize("w, improving, flag, level", [
    (4, False, False, "BOOK AN APPOINTMENT"), (1, True, False, "SELF-CARE AND MONITOR"),
    (9, True, False, "BOOK AN APPOINTMENT"), (0, True, True, "SEEK CARE PROMPTLY"),
])
def test_flowchart_marks_the_result(w, improving, flag, level):
    fig = draw_flowchart(w, improving, flag)
    texts = " ".join(t.get_text() for t in fig.texts) + " ".join(t.get_text() for t in fig.axes[0].texts)
    assert f"Result: {level}" in texts
    assert texts.count("Your answers lead here") == 1
    # the chart's questions use the model's thresholds
    assert f"More than {TWO_WEEK_RULE_WEEKS:g} weeks" in texts and f"More than {SLOW_RECOVERY_WEEKS:g} weeks" in texts
    assert f"ends at '{level.lower()}'" in describe_flowchart(w, improving, flag)


@pytest.mark.parametrize("answers, name", [
    ({"weeks_of_symptoms": -1, "improving": True}, "weeks_of_symptoms"),
    ({"weeks_of_symptoms": 600, "improving": True}, "weeks_of_symptoms"),
    ({"weeks_of_symptoms": 1, "improving": "maybe"}, "improving"),
    ({"weeks_of_symptoms": 1, "improving": True, "headache": True}, "headache"),
    ({"weeks_of_symptoms": 1, "improving": True, "swelling": "yes"}, "swelling"),
    ({"improving": True}, "weeks_of_symptoms"),
])
def test_bad_input(answers, name):
    with pytest.raises(ValueError, match=name):
        recommend(answers)


def test_answers_must_be_a_mapping():
    with pytest.raises(TypeError, match="answers="):
        recommend([("weeks_of_symptoms", 1)])


def test_a_recommendation_must_be_one_of_the_levels():
    with pytest.raises(ValueError, match="level="):
        Recommendation("wait and see", "because", "early days")


BAD_VALUES = [float("nan"), float("inf"), -float("inf"), 1e9, -1e9, -1, "3", None, [1]]
BAD_FLAGS = ["yes", None, 1, 0, float("nan"), [True]]


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
@pytest.mark.parametrize("function", [recommend, flowchart_rule, draw_flowchart, describe_flowchart])
def test_bad_weeks_are_named(function, bad):
    with pytest.raises(ValueError, match=r"^weeks_of_symptoms="):
        function(weeks_of_symptoms=bad, improving=True)


@pytest.mark.parametrize("bad", BAD_FLAGS, ids=repr)
@pytest.mark.parametrize("function, name", [
    (recommend, "improving"), (recommend, "swelling"), (flowchart_rule, "fever"),
    (draw_flowchart, "improving"), (draw_flowchart, "any_red_flag"),
    (describe_flowchart, "improving"), (describe_flowchart, "any_red_flag"),
])
def test_bad_yes_no_answers_are_named(function, name, bad):
    kwargs = {"weeks_of_symptoms": 3, "improving": True, name: bad}
    with pytest.raises(ValueError, match=rf"^{name}="):
        function(**kwargs)
