"""Tests of itband.models.self_care and itband.figures.self_care: GRADE certainty from the registry,
the course's own ratings with their sources, the popular advice, and the roller-pressure model."""
import re

import pytest
from hypothesis import given, strategies as st

from itband import explore
from itband.course import evidence
from itband.figures import self_care as fig
from itband.models import self_care as sc
from itband.models.anatomy import STRUCTURES

REG = evidence.registry()


def test_every_source_named_in_a_rating_is_a_study_of_the_registry():
    assert sc.all_sources() <= set(REG.studies)
    for opt in sc.OPTIONS.values():
        for c in sc.JUDGED:
            assert set(opt.rating(c).sources) <= set(REG.studies), (opt.key, c)
    for claim in sc.ADVICE_CLAIMS.values():
        assert claim.sources and set(claim.sources) <= set(REG.studies), claim.key


def test_every_rated_option_has_a_grade_entry_with_reasons_for_downgrading():
    for key, opt in sc.OPTIONS.items():
        t = evidence.treatment(key)
        assert t.grade in evidence.GRADES
        if t.grade != "high":
            assert t.downgraded_for, f"{key}: graded {t.grade} without saying why"
        assert opt.grade is t


def test_hand_checked_grades_and_studies():
    # Single small randomised trials (low): NSAIDs (Schwellnus 1991, n = 43), the injection
    # (Gunter 2004, n = 18), friction massage (Schwellnus 1992, n = 17). Everything else very low.
    low = {k for k, o in sc.OPTIONS.items() if o.grade.grade == "low"}
    assert low == {"nsaids", "corticosteroid_injection", "friction_massage"}
    assert all(o.grade.grade in ("low", "very low") for o in sc.OPTIONS.values())
    assert "schwellnus1991" in sc.OPTIONS["nsaids"].grade.studies
    assert sc.study_text("schwellnus1991").endswith("n = 43)")
    assert sc.study_text("gunter2004").endswith("n = 18)")
    assert sc.study_text("wilke2020").endswith("26 studies)")          # a review counts studies, not people
    assert "messier1995" not in sc.OPTIONS["hip_strengthening"].sources


def test_nsaids_are_rated():
    nsaids = sc.option("nsaids")
    assert nsaids.risk.value >= 1 and nsaids.risk.judgement_only    # side effects: our judgement
    assert nsaids.benefit.sources == ("schwellnus1991",)


def test_corrected_ratings():
    # A strap presses on the tissue to spare in a flare: not risk 0, and no source says it is safe.
    assert sc.option("strap").risk.value >= 1 and sc.option("strap").risk.judgement_only
    # Pepper 2021 reports no harms: the rolling risk is the course's judgement.
    assert "pepper2021" not in sc.option("foam_rolling").risk.sources
    # Beers 2008 reports nothing on the safety of pain rules.
    assert "beers2008" not in sc.option("hip_strengthening").risk.sources
    # Messier 1995 is a case-control study, not a trial of load reduction.
    assert "messier1995" not in sc.option("load_reduction").benefit.sources
    # Falvey measured strain, not comfort or cost.
    assert "falvey2010" not in sc.option("stretching").risk.sources + sc.option("stretching").cost.sources
    # Never tested as interventions: not "supported".
    for key in ("cut_mileage_at_first_pain", "rolling_not_best"):
        assert sc.ADVICE_CLAIMS[key].verdict == "plausible, untested"
    assert sc.ADVICE_CLAIMS["heat_massage_loosen_band"].verdict == "not supported"
    assert not any(c.verdict == "supported" for c in sc.ADVICE_CLAIMS.values())


def test_registry_numbers_are_filled_into_the_reasons():
    reason = sc.option("stretching").benefit.reason
    assert "{fact}" not in reason
    assert evidence.fact("falvey2010-strain-hip").text() in reason      # 21.1 microstrain
    assert "0.74" in sc.option("foam_rolling").benefit.reason            # Wilke 2020 SMD
    assert "large" in sc.option("foam_rolling").benefit.reason


def test_every_rating_is_0_to_3_with_a_reason():
    for opt in sc.OPTIONS.values():
        for c in sc.JUDGED:
            r = opt.rating(c)
            assert isinstance(r.value, int) and 0 <= r.value <= 3 and r.reason.strip()


def test_targets_are_lesson1_structures():
    for opt in sc.OPTIONS.values():
        assert opt.targets and set(opt.targets) <= set(STRUCTURES)


@pytest.mark.parametrize("data, message", [
    ({"labels": {}, "options": {"cupping": {}}, "advice": {}}, r"option 'cupping': has no GRADE rating"),
    ({"labels": {}, "advice": {}}, r"top level"),
])
def test_a_malformed_data_file_is_named_with_its_entry(data, message):
    with pytest.raises(ValueError, match=r"self_care_options\.yaml, " + message):
        sc.parse(data)


def test_a_rating_citing_a_source_outside_the_registry_is_refused():
    raw = {"value": 1, "reason": "r", "sources": ["konrad2022"]}
    with pytest.raises(ValueError, match=r"source 'konrad2022' is not a study of the evidence registry"):
        sc._rating("option 'x' benefit", raw)


@given(st.sampled_from(sc.CRITERIA))
def test_sort_is_best_first_and_a_permutation(by):
    order = sc.sort_options(by)
    assert sorted(order) == sorted(sc.OPTIONS)
    values = [sc.OPTIONS[n].score(by) for n in order]
    assert values == sorted(values, reverse=sc.HIGHER_IS_BETTER[by])


def test_roller_hand_values():
    # 70 kg x 9.81 m/s² x 0.5 = 343.35 N; over 40 cm² = 0.004 m²: 85.8 kPa.
    assert sc.roller_force_n(70, 50) == pytest.approx(343.35)
    assert sc.pressure_kpa(343.35, 40) == pytest.approx(85.8375)
    # The model's 100 N over a whole palm (100 cm²) is 10 kPa, over the heel of a hand (25 cm²) 40 kPa.
    assert sc.hand_pressure_range_kpa() == pytest.approx((10.0, 40.0))
    assert sc.compare_roller(70, 50, 40).verdict == "above"
    assert sc.compare_roller(50, 100, 200).verdict == "within"    # 490.5 N / 0.02 m² = 24.5 kPa


def test_a_light_lean_on_a_wide_contact_is_below_the_hand():
    # 50 kg x 9.81 x 0.25 = 122.6 N over 200 cm² = 6.1 kPa, below 10 kPa.
    assert sc.pressure_kpa(sc.roller_force_n(50, 25), 200) == pytest.approx(6.13125)


@given(st.floats(30, 200), st.floats(0, 100), st.floats(0, 100), st.floats(10, 200), st.floats(10, 200))
def test_roller_pressure_grows_with_weight_share_and_shrinks_with_area(m, a, b, area1, area2):
    lo, hi = sorted((a, b))
    small, big = sorted((area1, area2))
    assert sc.roller_force_n(m, lo) <= sc.roller_force_n(m, hi) <= m * 9.81 + 1e-9
    f = sc.roller_force_n(m, hi)
    assert sc.pressure_kpa(f, big) <= sc.pressure_kpa(f, small) + 1e-9


@pytest.mark.parametrize("bad, call", [
    ("name", lambda: sc.option("cupping")),
    ("key", lambda: sc.study_text("nobody1999")),
    ("key", lambda: sc.source_label(3)),
    ("option_name", lambda: fig.draw_option_target("acupuncture")),
    ("option_name", lambda: fig.option_target_alt("acupuncture")),
    ("sort_by", lambda: fig.draw_rating_chart("price")),
    ("sort_by", lambda: fig.rating_chart_alt("price")),
    ("by", lambda: sc.sort_options("price")),
    ("criterion", lambda: sc.OPTIONS["ice"].rating("certainty")),
    ("body_mass_kg", lambda: sc.roller_force_n(-5, 50)),
    ("body_mass_kg", lambda: fig.draw_roller_pressure(float("nan"))),
    ("share_on_roller_pct", lambda: sc.roller_force_n(70, 120)),
    ("contact_area_cm2", lambda: sc.compare_roller(70, 50, 0)),
    ("contact_area_cm2", lambda: fig.roller_pressure_alt(70, 50, "big")),
    ("force_n", lambda: sc.pressure_kpa(None, 40)),
])
def test_bad_input_names_the_parameter(bad, call):
    with pytest.raises(ValueError, match=rf"^{bad}="):
        call()


def test_tables_list_every_option_with_its_grade_and_studies():
    t = fig.rating_table()._repr_html_()
    for opt in sc.OPTIONS.values():
        assert opt.label in t
    assert t.count("<tr>") == len(sc.OPTIONS) + 1
    g = fig.grade_table()._repr_html_()
    assert "n = 43" in g and "double-blind" in g
    s = fig.advice_table()._repr_html_()
    assert s.count("<tr>") == len(sc.ADVICE_CLAIMS) + 1


def test_alt_texts_follow_the_data():
    alt = fig.rating_chart_alt("certainty")
    assert "3 low, 11 very low" in alt
    assert alt.index("NSAIDs") < alt.index("Foam rolling")
    assert "very low" in fig.option_target_alt("strap") and "risk 1 of 3" in fig.option_target_alt("strap")
    assert "86 kPa" in fig.roller_pressure_alt(70, 50, 40) and "10 to 40 kPa" in fig.roller_pressure_alt()


def test_explorers_render_every_frame_with_alt_text(book_frames):
    ex = explore(fig.draw_option_target, alt=fig.option_target_alt,
                 option_name=[(o.label, k) for k, o in sc.OPTIONS.items()])
    html = ex.static_html()
    assert html.count("<img") == len(sc.OPTIONS)
    alts = re.findall(r'alt="([^"]+)"', html)
    assert len(alts) == len(sc.OPTIONS) and all(len(a) > 40 for a in alts)
    chart = explore(fig.draw_rating_chart, alt=fig.rating_chart_alt, sort_by=list(sc.CRITERIA))
    assert chart.frame_count == len(sc.CRITERIA)
