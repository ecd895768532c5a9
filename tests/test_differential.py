"""The differential-diagnosis model of Lesson 7: the table is complete and consistent, the marks
say what the textbook descriptions say, and the tally behaves as a count should."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband.figures import differential as fig
from itband.models import differential as dx

ROOT = Path(__file__).resolve().parents[1]
BIB_KEYS = set(re.findall(r"@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text("utf-8")))


def test_the_issue_s_diagnoses_and_findings_are_all_there():
    for key in ("itbs", "lateral_meniscus", "discoid_meniscus", "lcl_plc", "biceps_femoris", "popliteus", "ptfj",
                "peroneal_nerve", "lateral_oa", "pfp", "stress_fracture", "referred", "gluteal", "infection",
                "tumour"):
        assert key in dx.DIAGNOSES
    for key in ("epicondyle_pain", "traumatic_onset", "swelling", "locking", "joint_line", "rest_night_pain",
                "numbness", "age_over_50", "young"):
        assert key in dx.FINDINGS
    assert list(dx.DIAGNOSES)[0] == "itbs"


def test_every_diagnosis_has_features_both_ways_and_real_sources():
    for key, d in dx.DIAGNOSES.items():
        assert d.where and d.points_to and d.points_away, key
        assert d.sources and set(d.sources) <= BIB_KEYS, key
        assert d.urgency in ("routine", "prompt", "urgent"), key


def test_fit_table_uses_only_known_keys_and_marks():
    for (d, f), mark in dx.FIT.items():
        assert d in dx.DIAGNOSES and f in dx.FINDINGS
        assert mark in (1, -1)


def test_marks_follow_the_textbook_picture():
    # ITBS: the tender epicondyle and the run pattern point to it; the joint signs point away.
    assert dx.fit("itbs", "epicondyle_pain") == 1 and dx.fit("itbs", "run_pattern") == 1
    for f in ("traumatic_onset", "swelling", "locking", "joint_line", "numbness", "fever"):
        assert dx.fit("itbs", f) == -1, f
    # The epicondyle finding points to ITBS alone.
    assert [d for d, m in dx.fits_for("epicondyle_pain") if m == 1] == ["itbs"]
    # Numbness points to nerve and spine, fever to infection; a finding never listed is neutral.
    assert {d for d, m in dx.fits_for("numbness") if m == 1} == {"peroneal_nerve", "referred"}
    assert [d for d, m in dx.fits_for("fever") if m == 1] == ["infection"]
    assert dx.fit("pfp", "age_over_50") == 0


def test_tally_and_ranking_hand_checked():
    twist = ["traumatic_onset", "swelling", "locking", "joint_line"]
    counts = dx.tally(twist)
    assert counts["lateral_meniscus"] == (4, 0)     # all four point to a meniscal tear
    assert counts["itbs"] == (0, 4)                 # and all four away from ITBS
    assert counts["lcl_plc"] == (3, 0)              # twist, swelling, giving way
    ranked = dx.ranking(twist)
    assert ranked[0] == "lateral_meniscus" and ranked[1] == "lcl_plc"
    assert min(t - a for t, a in counts.values()) == -4 and counts["biceps_femoris"] == (0, 4)
    assert ranked[-2:] == ["itbs", "biceps_femoris"]   # tied at -4: table order breaks the tie
    assert dx.ranking(["epicondyle_pain", "run_pattern"])[0] == "itbs"
    assert dx.red_flags_among(twist) == ["traumatic_onset", "swelling", "locking"]
    assert dx.red_flags_among(["epicondyle_pain"]) == []


def test_teenager_with_night_pain_ranks_the_tumour_first_and_flags_it():
    found = ["young", "rest_night_pain"]
    assert dx.ranking(found)[0] == "tumour"          # the only row that both findings point to
    assert dx.tally(found)["tumour"] == (2, 0)
    assert dx.red_flags_among(found) == ["rest_night_pain"]


def test_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match=r"finding='limp' is not one of the allowed values"):
        dx.fits_for("limp")
    with pytest.raises(ValueError, match=r"diagnosis='gout' is not one of the allowed values"):
        dx.fit("gout", "swelling")
    with pytest.raises(ValueError, match=r"findings='x'"):
        dx.tally(["swelling", "x"])
    with pytest.raises(TypeError, match="findings must be a list"):
        dx.tally("swelling")


FINDING_KEYS = st.lists(st.sampled_from(sorted(dx.FINDINGS)), max_size=8)


@given(found=FINDING_KEYS, extra=st.sampled_from(sorted(dx.FINDINGS)))
def test_adding_a_finding_moves_each_count_by_at_most_one_in_its_direction(found, extra):
    before, after = dx.tally(found), dx.tally(found + [extra])
    for d in dx.DIAGNOSES:
        (t0, a0), (t1, a1) = before[d], after[d]
        if extra in found:
            assert (t1, a1) == (t0, a0)               # a repeated finding counts once
        else:
            mark = dx.fit(d, extra)
            assert (t1 - t0, a1 - a0) == ((1, 0) if mark == 1 else (0, 1) if mark == -1 else (0, 0))


@given(found=FINDING_KEYS)
def test_counts_are_bounded_and_the_ranking_is_a_permutation(found):
    n = len(set(found))
    for towards, away in dx.tally(found).values():
        assert 0 <= towards and 0 <= away and towards + away <= n
    assert sorted(dx.ranking(found)) == sorted(dx.DIAGNOSES)


@given(found=FINDING_KEYS)
def test_order_of_findings_does_not_matter(found):
    assert dx.tally(found) == dx.tally(list(reversed(found)))


def test_chart_and_alt_text_follow_the_model():
    for finding in dx.FINDINGS:
        alt = fig.fit_alt(finding)
        towards = [dx.DIAGNOSES[d].label for d, m in dx.fits_for(finding) if m == 1]
        assert all(label in alt for label in towards)
        assert ("(it is a red flag)" in alt) == dx.FINDINGS[finding].red_flag
    f = fig.draw_fit("fever")
    assert len(f.axes) == 1
    html = fig.table()._repr_html_()
    assert html.count("class='differential-row'") == len(dx.DIAGNOSES)
    assert all(d.label.replace("/", "/") in html for d in dx.DIAGNOSES.values())
