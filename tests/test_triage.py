"""Tests of the when-to-see-a-clinician helper (itband.triage)."""
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.triage import (LEVELS, RED_FLAGS, SLOW_RECOVERY_WEEKS, TWO_WEEK_RULE_WEEKS, describe_flowchart,
                           draw_flowchart, flowchart_rule, recommend)

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


def test_flowchart_marks_the_result():
    fig = draw_flowchart(4, False, False)
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "BOOK AN APPOINTMENT" in texts
    alt = describe_flowchart(4, False, False)
    assert "book an appointment" in alt


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


def test_bad_flowchart_input():
    with pytest.raises(ValueError, match="any_red_flag"):
        draw_flowchart(1, True, "no")
