"""Tests of the clinical-test figures (itband.clinical_tests)."""
import pytest

from itband.clinical_tests import NOBLE_ZONE_DEG, TESTS, describe_clinical_test, draw_clinical_test


@pytest.mark.parametrize("test", sorted(TESTS))
def test_each_test_draws_with_its_accuracy_text(test):
    fig = draw_clinical_test(test)
    texts = " ".join(t.get_text() for t in fig.texts)
    assert TESTS[test]["accuracy"].split(":")[0][:20] in texts
    assert "Positive" in texts


def test_ober_accuracy_numbers_match_the_sources():
    # Reese & Bandy 2003: ICC 0.90; Noehren et al. 2014: 1.2 degrees
    assert "0.90" in TESTS["ober"]["accuracy"] and "1.2" in TESTS["ober"]["accuracy"]


def test_noble_zone_is_20_to_30_degrees_and_marked_only_inside():
    assert NOBLE_ZONE_DEG == (20.0, 30.0)
    assert "inside" in describe_clinical_test("noble", 25)
    assert "outside" in describe_clinical_test("noble", 60)


@pytest.mark.parametrize("kwargs, name", [
    ({"test": "lachman"}, "test"),
    ({"knee_flexion_deg": 120}, "knee_flexion_deg"),
    ({"knee_flexion_deg": -5}, "knee_flexion_deg"),
])
def test_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        draw_clinical_test(**kwargs)
