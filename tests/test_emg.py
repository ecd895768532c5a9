"""Tests of the gluteus medius EMG table (itband.models.emg, itband.figures.emg): values from the
evidence registry, pinned against the cited abstracts, and the paired-difference arithmetic."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband.course import evidence
from itband.figures import emg as emg_fig
from itband.models import emg

# Means and SDs as printed in the abstracts (Distefano 2009; MacAskill 2014; Youdas 2013; Boren 2011,
# whole numbers without SDs), typed by hand.
ABSTRACTS = {
    "side_plank_abd_bottom": (103, None, "boren2011"),
    "side_plank_abd_top": (89, None, "boren2011"),
    "side_lying_abduction": (81, 42, "distefano2009"),
    "clam_1": (40, 38, "distefano2009"),
    "clam_2": (38, 29, "distefano2009"),
    "lunge": (48, 21, "distefano2009"),
    "hop": (48, 25, "distefano2009"),
    "side_lying_abduction_10rm": (99.9, 17, "macaskill2014"),
    "lateral_step_up": (61, 20, "macaskill2014"),
    "forward_step_up": (62.7, 18.2, "macaskill2014"),
    "prone_hip_extension_10rm": (38, 22.2, "macaskill2014"),
    "band_walk_stance": (52, 18, "youdas2013"),
    "band_walk_moving": (35, 16, "youdas2013"),
}


@pytest.mark.parametrize("key", sorted(ABSTRACTS))
def test_verified_rows_match_the_abstracts(key):
    r = emg.get_row(key)
    assert (r.mean_pct_mvic, r.sd_pct_mvic, r.source) == ABSTRACTS[key]
    assert r.verified and r.label == r.exercise


def test_every_row_is_verified_and_the_unfound_values_are_gone():
    # Boren 2011's side planks: the abstract's whole numbers (the decimals seen on secondary pages
    # are not used)
    assert not [r.key for r in emg.EMG_TABLE if not r.verified]
    # values not found in their cited source are not in the chart (Ekstrom 74/47/28/39;
    # Distefano 64/58/61; Boren's single-leg squat)
    used = {r.fact_id for r in emg.EMG_TABLE}
    for fid in ("ekstrom2007-side-bridge", "ekstrom2007-bridge", "ekstrom2007-unilateral-bridge",
                "ekstrom2007-active-abduction", "distefano2009-single-limb-squat",
                "distefano2009-single-limb-deadlift", "distefano2009-band-walk", "boren2011-single-limb-squat"):
        assert evidence.fact(fid).status == "unverified" and fid not in used
    # every row's number is the registry's, and a verified row's fact is verified
    for r in emg.EMG_TABLE:
        assert r.verified == (evidence.fact(r.fact_id).status == "verified")


def test_rows_sorted_and_filter():
    means = [r.mean_pct_mvic for r in emg.rows()]
    assert means == sorted(means, reverse=True)
    assert all(r.verified for r in emg.rows(include_unverified=False))
    assert len(emg.rows(False)) == len(emg.rows(True))


def test_strengthening_criterion_is_ekstroms():
    assert emg.STRENGTHENING_THRESHOLD_PCT_MVIC == 45   # Ekstrom 2007 abstract


def test_intervals_by_hand():
    assert emg.interval("side_lying_abduction") == (39.0, 123.0)   # 81 - 42, 81 + 42
    assert emg.interval("band_walk_stance") == (34.0, 70.0)
    assert emg.overlap("side_lying_abduction", "clam_1")
    assert not emg.overlap("side_lying_abduction_10rm", "band_walk_moving")   # 82.9-116.9 v 19-51
    assert emg.interval("side_plank_abd_top") == (89.0, 89.0)                 # no SD reported


def test_paired_difference_by_hand():
    a, b = "side_lying_abduction", "clam_1"
    assert emg.mean_difference(a, b) == 41
    assert emg.difference_sd(a, b, 0) == pytest.approx(math.hypot(42, 38))   # 56.64
    assert emg.difference_sd(a, b, 0.9) == pytest.approx(18.308, abs=1e-3)
    assert emg.difference_sd_range(a, b) == pytest.approx((4, 80))
    assert emg.difference_sd_range("band_walk_stance", "band_walk_moving") == pytest.approx((2, 34))


@given(r1=st.floats(-1, 1), r2=st.floats(-1, 1))
def test_a_stronger_correlation_narrows_the_paired_sd(r1, r2):
    lo, hi = sorted((r1, r2))
    sd_lo = emg.difference_sd("side_lying_abduction", "clam_1", hi)
    sd_hi = emg.difference_sd("side_lying_abduction", "clam_1", lo)
    low, high = emg.difference_sd_range("side_lying_abduction", "clam_1")
    assert low - 1e-9 <= sd_lo <= sd_hi + 1e-9 <= high + 2e-9


def test_paired_differences_need_one_study_and_reported_sds():
    with pytest.raises(ValueError, match="different studies"):
        emg.difference_sd("side_lying_abduction", "band_walk_stance", 0.5)
    with pytest.raises(ValueError, match="no reported SD"):
        emg.difference_sd_range("side_plank_abd_top", "side_plank_abd_bottom")
    with pytest.raises(ValueError, match="^correlation=1.5"):
        emg.difference_sd("side_lying_abduction", "clam_1", 1.5)


def test_what_each_study_reports_about_paired_differences():
    for key in ("distefano2009", "macaskill2014", "youdas2013"):
        assert "no SD or confidence interval of the paired" in emg.PAIRED_REPORTING[key]
    assert "p = 0.001" in emg.PAIRED_REPORTING["youdas2013"]


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="^key=") as err:
        emg.get_row("squat")
    assert "side_lying_abduction" in str(err.value)
    for bad in (1, "yes", None):
        with pytest.raises(TypeError, match="include_unverified"):
            emg.rows(bad)
        with pytest.raises(TypeError, match="show_sd"):
            emg_fig.emg_alt(show_sd=bad)


def test_chart_and_alt():
    from matplotlib.figure import Figure
    assert isinstance(emg_fig.draw_emg_chart(), Figure)
    alt = emg_fig.emg_alt()
    assert "81 ± 42" in alt and "45 %" in alt and "dominant leg on top 89;" in alt
    assert "(unverified)" not in alt  # every row's value is read in its study's abstract
