"""Lesson 7's clinic model: tests, imaging reference values and the clinic treatments.

Values are checked by hand against the registered source numbers (Goh 2003's 1.95 ± 0.3 mm and
3.4 ± 0.5 mm; Ekman 1994's 5.49 ± 2.12 mm and 2.52 ± 1.56 mm)."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband.course import evidence
from itband.figures import clinic as fig
from itband.models import clinic

ROOT = Path(__file__).resolve().parents[1]


def test_registered_sources_for_the_reference_values():
    # The registry holds these as read in the abstracts; the model must return them unchanged.
    assert clinic.normal_thickness_mm("femoral") == (1.95, 0.3)      # Goh 2003 abstract
    assert clinic.normal_thickness_mm("tibial") == (3.4, 0.5)        # Goh 2003 abstract
    assert clinic.ekman_groups() == {"itbs": (5.49, 2.12, 7), "control": (2.52, 1.56, 10)}   # Ekman 1994


def test_z_scores_by_hand():
    assert clinic.thickness_z(1.95) == pytest.approx(0.0)
    assert clinic.thickness_z(2.55) == pytest.approx(2.0)            # (2.55 - 1.95) / 0.3
    assert clinic.thickness_z(5.49) == pytest.approx(11.8)           # (5.49 - 1.95) / 0.3
    assert clinic.thickness_z(3.4, "tibial") == pytest.approx(0.0)
    assert clinic.upper_reference_mm() == pytest.approx(2.55)
    assert clinic.upper_reference_mm("tibial", 1.0) == pytest.approx(3.9)


def test_cutoff_performance_by_hand():
    # cut-off 4 mm: z = (4 - 5.49)/2.12 = -0.7028 -> sens = 1 - Phi(-0.7028) = 0.7589;
    #               z = (4 - 2.52)/1.56 = 0.9487  -> spec = Phi(0.9487) = 0.8286
    sens, spec = clinic.cutoff_performance(4.0)
    assert sens == pytest.approx(0.7589, abs=1e-3) and spec == pytest.approx(0.8286, abs=1e-3)
    # at the ITBS mean, half the ITBS curve lies above
    assert clinic.cutoff_performance(5.49)[0] == pytest.approx(0.5)
    # cut-off 3 mm (the exercise): sens 0.880, spec 0.621
    sens3, spec3 = clinic.cutoff_performance(3.0)
    assert sens3 == pytest.approx(0.880, abs=1e-3) and spec3 == pytest.approx(0.621, abs=1e-3)


@given(a=st.floats(*clinic.CUTOFF_RANGE_MM), b=st.floats(*clinic.CUTOFF_RANGE_MM))
def test_a_higher_cutoff_trades_sensitivity_for_specificity(a, b):
    lo, hi = sorted((a, b))
    s_lo, p_lo = clinic.cutoff_performance(lo)
    s_hi, p_hi = clinic.cutoff_performance(hi)
    assert 0 <= s_hi <= s_lo <= 1 and 0 <= p_lo <= p_hi <= 1


@given(t=st.floats(0.01, 30), level=st.sampled_from(clinic.LEVELS))
def test_z_is_increasing_and_zero_at_the_mean(t, level):
    mean, sd = clinic.normal_thickness_mm(level)
    z = clinic.thickness_z(t, level)
    assert math.isfinite(z) and (z > 0) == (t > mean) and z * sd == pytest.approx(t - mean)


@pytest.mark.parametrize("call, message", [
    (lambda: clinic.thickness_z(0), r"thickness_mm=0 is outside the allowed range above 0 to 30 mm"),
    (lambda: clinic.thickness_z(2, "patellar"), r"level='patellar' is not one of the allowed values"),
    (lambda: clinic.cutoff_performance(9), r"cutoff_mm=9 is outside the allowed range 1 to 8 mm"),
    (lambda: clinic.cutoff_performance("4"), r"cutoff_mm='4' is not a number"),
    (lambda: clinic.upper_reference_mm(k_sd=-1), r"k_sd=-1 is outside"),
    (lambda: clinic.test_info("lachman"), r"test='lachman' is not one of the allowed values"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_every_test_is_described_and_none_claims_an_accuracy_study():
    assert set(clinic.TESTS) == {"noble", "ober", "modified_ober", "renne", "modified_thomas"}
    for key, t in clinic.TESTS.items():
        assert t.how and t.positive and t.thought_to_test and t.known and t.not_known, key
        for source in t.sources:
            evidence.study(source)                   # every source is a registered study
    # No accuracy study for ITBS exists for any of them (the lesson says so).
    assert clinic.tests_without_accuracy_study() == list(clinic.TESTS)
    # Reese & Bandy 2003 measured intra-rater reliability only: the text must not claim more.
    for key in ("ober", "modified_ober"):
        assert "Intra-rater" in clinic.TESTS[key].known and "inter-rater" in clinic.TESTS[key].not_known


def test_treatment_rows_come_from_the_registry_grades():
    rows = {r["id"]: r for r in clinic.treatment_rows()}
    assert list(rows) == list(clinic.CLINIC_TREATMENTS)
    for tid, r in rows.items():
        t = evidence.treatment(tid)
        assert r["grade"] == t.grade and r["downgraded_for"] == t.downgraded_for
        assert [s[0] for s in r["studies"]] == list(t.studies)
    assert rows["nsaids"]["grade"] == "low" and rows["surgery"]["grade"] == "very low"
    assert ("schwellnus1991", evidence.study("schwellnus1991").design, 43, 2) in rows["nsaids"]["studies"]
    html = clinic.treatment_table()._repr_html_()
    assert html.count("class='clinic-grade'") == len(rows) and "very low" in html
    assert "Schwellnus 1991" in html and clinic.author_year("nielsen2014recovery") == "Nielsen 2014"
    assert html.count("<li>") == sum(len(r["studies"]) for r in rows.values())


def test_gunter_no_running_stays_marked_unverified():
    # The lesson calls the 14 days without running unverified; if someone checks the trial
    # report and upgrades the registry, the lesson's wording must change with it.
    assert evidence.fact("gunter2004-no-running").status == "unverified"
    assert evidence.fact("willett2016-itb-transection").status == "secondary"


def test_figures_and_alt_texts_are_built_from_the_model():
    for key in clinic.TESTS:
        assert clinic.TESTS[key].name in fig.test_alt(key)
        assert fig.draw_test(key).axes
    alt = fig.thickness_alt(4.0)
    assert "76%" in alt and "83%" in alt and "2.52" in alt and "5.49" in alt
    assert "1.95" in fig.imaging_alt() and "5.5" in fig.imaging_alt()
    assert fig.draw_thickness(2.5).axes and fig.draw_imaging_schematic().axes
