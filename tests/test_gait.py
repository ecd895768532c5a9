"""Tests of itband.models.gait (knee flexion over the stride, the share and the passes in the
impingement zone, the cadence shift) and its figures, itband.figures.gait."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.course import evidence
from itband.figures.gait import (cadence_zone_alt, draw_cadence_zone, draw_foot_strike, draw_gait_zone,
                                 foot_strike_alt, gait_zone_alt)
from itband.models import exposure
from itband.models.gait import (CITED_FOOT_STRIKE, GAITS, cadence_comparison, cadence_shift, knee_curve,
                                speed_for, zone_position, zone_share)

TOL_DEG = 0.5  # the curve must pass within half a degree of every cited key angle


def _at(curve, pct):
    return float(np.interp(pct, curve.stride_pct, curve.knee_flexion_deg))


# ---------------------------------------------------------------- cited values

def test_level_run_passes_through_cited_foot_strike_and_peak():
    c = knee_curve("easy_run")
    assert c.knee_flexion_deg[0] == pytest.approx(21.0, abs=TOL_DEG)       # Orchard 21.4, Sport Journal 20.9
    assert c.knee_flexion_deg[-1] == pytest.approx(21.0, abs=TOL_DEG)      # periodic: next foot strike
    stance = c.knee_flexion_deg[c.stance_mask]
    assert stance.max() == pytest.approx(40.0, abs=TOL_DEG)                # 36-44 in the sources
    assert c.knee_flexion_deg.max() == pytest.approx(89.0, abs=TOL_DEG)    # ~90 at moderate speed (approx.)


def test_downhill_matches_pigos_values():
    # Pigos 2006 abstract: 17 degrees at foot strike, 43.1 at peak stance, 9 % downhill grade
    c = knee_curve("downhill_run")
    assert c.knee_flexion_deg[0] == pytest.approx(17.0, abs=TOL_DEG)
    assert c.knee_flexion_deg[c.stance_mask].max() == pytest.approx(43.1, abs=TOL_DEG)


def test_cited_ruler_uses_bibliography_keys_and_registered_values():
    # the key "sportjournal_downhill" was not in references.bib; the study is pigos2006
    keys = {key for _v, _label, key in CITED_FOOT_STRIKE}
    assert keys == {"orchard1996", "pigos2006", "suarez2019"}
    values = sorted(v for v, _label, _key in CITED_FOOT_STRIKE)
    assert values == [13.48, 17.0, 17.17, 20.9, 21.4]  # Suárez 2019, Pigos 2006, Orchard 1996 abstracts


def test_walk_key_values():
    c = knee_curve("walk")
    assert c.knee_flexion_deg[0] == pytest.approx(3.0, abs=TOL_DEG)
    assert c.knee_flexion_deg[c.stance_mask].max() == pytest.approx(38.0, abs=TOL_DEG)  # toe-off region
    assert c.knee_flexion_deg.max() == pytest.approx(62.5, abs=TOL_DEG)


def test_curve_hits_every_key_point_and_never_overshoots():
    for gait in GAITS:
        c = knee_curve(gait)
        for pct, deg, _name in c.key_points:
            assert _at(c, pct) == pytest.approx(deg, abs=TOL_DEG)
        keys = [k[1] for k in c.key_points]
        assert c.knee_flexion_deg.max() <= max(keys) + 1e-9
        assert c.knee_flexion_deg.min() >= min(keys) - 1e-9


def test_value_at_and_unknown_name():
    c = knee_curve("easy_run")
    assert c.value_at("peak stance") == 40.0
    with pytest.raises(ValueError, match="name"):
        c.value_at("heel whip")


def test_share_by_hand_for_easy_run():
    # counted from the samples: 20-30 degrees for about 31 % of the stride and 47 % of stance
    c = knee_curve("easy_run")
    assert c.zone_share() == pytest.approx(0.31, abs=0.02)
    assert c.stance_zone_share() == pytest.approx(0.47, abs=0.02)


# ---------------------------------------------------------------- both crossings of stance

def test_easy_run_crosses_the_zone_twice_in_stance():
    # lands inside the zone at 21 degrees and bends to 30 (first pass); bends on to 40, then
    # straightens back through 30 to 20 at toe-off (second pass)
    passes = knee_curve("easy_run").stance_zone_passes()
    assert [p.direction for p in passes] == ["bending", "straightening"]
    assert passes[0].start_pct == 0.0
    assert passes[0].end_pct < passes[1].start_pct


def test_exposure_counts_every_loaded_pass_of_a_running_stance():
    for gait in ("easy_run", "downhill_run"):
        assert len(knee_curve(gait).stance_zone_passes()) == exposure.ZONE_PASSES_PER_CONTACT
    ex = exposure.weekly_exposure(10, 10, 165)
    passes = len(knee_curve("easy_run").stance_zone_passes())
    assert ex.zone_passes_per_leg_per_week == pytest.approx(passes * ex.contacts_per_leg_per_week)


def test_landing_above_the_zone_leaves_only_the_straightening_pass():
    passes = knee_curve("fast_run").stance_zone_passes()   # the 32 degree what-if
    assert [p.direction for p in passes] == ["straightening"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["easy_run", "downhill_run"]), st.floats(0, 1), st.floats(0.0, 29.5),
       st.floats(0.0, 10.0))
def test_both_crossings_are_found_whenever_the_knee_lands_below_the_top_of_the_zone(gait, u, fs, cad):
    lo, hi = GAITS[gait].speed_range_kmh
    c = knee_curve(gait, lo + u * (hi - lo), fs, cad)
    if c.foot_strike_deg >= 29.9:   # a higher cadence lands up to 1.8 degrees more bent
        assert len(c.stance_zone_passes()) >= 1
        return
    passes = c.stance_zone_passes()
    assert [p.direction for p in passes] == ["bending", "straightening"]
    for p in passes:
        assert 0.0 <= p.start_pct <= p.end_pct <= c.stance_fraction * 100


# ---------------------------------------------------------------- cadence (Heiderscheit 2011 Table 3)

def test_cadence_shift_by_hand_from_table_3():
    # Table 3: foot strike 17.8 -> 18.7 -> 19.6, peak 46.3 -> 44.1 -> 42.8 degrees
    assert cadence_shift(0) == (0.0, 0.0)
    assert cadence_shift(5) == pytest.approx((0.9, -2.2))
    assert cadence_shift(10) == pytest.approx((1.8, -3.5))
    assert cadence_shift(7.5) == pytest.approx((1.35, -2.85))   # half-way between the measured steps


def test_higher_cadence_can_raise_the_share_of_stance_in_the_zone():
    both = cadence_comparison(10)
    pre, hi = both["preferred"], both["higher"]
    assert hi.foot_strike_deg == pytest.approx(21.0 + 1.8)
    assert hi.peak_stance_deg == pytest.approx(40.0 - 3.5, abs=0.05)
    # the knee lands deeper in the zone and peaks nearer its top edge: more of stance inside
    assert hi.stance_zone_share() > pre.stance_zone_share()
    assert hi.stance_zone_share() == pytest.approx(0.52, abs=0.02)
    assert len(hi.stance_zone_passes()) == 2


@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 9.0), st.floats(0.5, 1.0))
def test_more_cadence_never_lowers_time_in_the_zone_of_the_easy_run(a, step):
    assert (knee_curve("easy_run", cadence_change_pct=a + step).stance_zone_share()
            >= knee_curve("easy_run", cadence_change_pct=a).stance_zone_share() - 1e-9)


# ---------------------------------------------------------------- what the lesson claims

def test_fast_running_and_walking_spend_less_of_the_stride_in_the_zone():
    easy = zone_share("easy_run")
    assert zone_share("fast_run") < easy
    assert zone_share("walk") < easy


def test_downhill_versus_level_depends_on_the_disputed_foot_strike_angle():
    level = zone_share("easy_run", 10)
    # Robertz 2022 direction: knee MORE flexed at foot strike downhill (e.g. 25 vs 21 degrees)
    assert zone_share("downhill_run", 10, 25) > level
    # Sport Journal direction: straighter knee at foot strike (17 degrees): the knee sweeps through faster
    assert zone_share("downhill_run", 10, 17) < level


def test_slower_running_not_less_in_zone_than_faster():
    assert zone_share("easy_run", 8) >= zone_share("easy_run", 13)
    assert zone_share("fast_run", 14) >= zone_share("fast_run", 22)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(GAITS)), st.floats(0, 1), st.one_of(st.none(), st.floats(0, 45)))
def test_shares_are_fractions(gait, u, fs):
    lo, hi = GAITS[gait].speed_range_kmh
    c = knee_curve(gait, lo + u * (hi - lo), fs)
    for share in (c.zone_share(), c.stance_zone_share(), c.swing_zone_share()):
        assert 0.0 <= share <= 1.0
    assert np.all(np.isfinite(c.knee_flexion_deg))
    assert c.knee_flexion_deg.min() >= 0.0


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["easy_run", "fast_run", "downhill_run"]), st.floats(0, 1))
def test_faster_means_shorter_stance_and_more_swing_flexion(gait, u):
    lo, hi = GAITS[gait].speed_range_kmh
    v = lo + u * (hi - lo)
    a, b = knee_curve(gait, v), knee_curve(gait, min(hi, v + 0.5))
    assert b.stance_fraction <= a.stance_fraction
    assert b.knee_flexion_deg.max() >= a.knee_flexion_deg.max() - 1e-9


def test_zone_position_edges_are_inside():
    lo, hi = evidence.fact("ferber2010-zone-20-30").range
    assert zone_position(lo) == zone_position(hi) == "inside"
    assert zone_position(19.9) == "below" and zone_position(30.1) == "above"


def test_speed_for_levels():
    assert speed_for("walk", "slow") == 3.0
    assert speed_for("fast_run", "fast") == 22.0
    assert speed_for("easy_run") == 10.0


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("call, name", [
    (lambda: knee_curve("jog"), "gait"),
    (lambda: knee_curve("easy_run", 30), "speed_kmh"),
    (lambda: knee_curve("walk", 10), "speed_kmh"),
    (lambda: knee_curve("easy_run", None, -5), "foot_strike_deg"),
    (lambda: knee_curve("easy_run", None, 60), "foot_strike_deg"),
    (lambda: speed_for("walk", "sprint"), "level"),
    (lambda: draw_foot_strike(20, "walk"), "gait"),
    (lambda: knee_curve("easy_run", cadence_change_pct=15), "cadence_change_pct"),
    (lambda: knee_curve("walk", cadence_change_pct=5), "cadence_change_pct"),
    (lambda: cadence_comparison(5, "walk"), "gait"),
    (lambda: knee_curve("easy_run").in_zone((30, 20)), "zone_deg"),
    (lambda: knee_curve("easy_run").stance_zone_passes("20-30"), "zone_deg"),
    (lambda: zone_position(None), "angle_deg"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("bad", [None, float("nan"), float("inf"), -1e9, 1e9, "20", True, [20]])
def test_foot_strike_figure_and_alt_refuse_none_and_other_bad_angles(bad):
    # None used to be taken silently as "the gait's typical angle"
    for func in (draw_foot_strike, foot_strike_alt):
        with pytest.raises(ValueError, match="foot_strike_deg"):
            func(bad)
        with pytest.raises(ValueError, match="foot_strike_deg"):
            func(foot_strike_deg=bad)


@pytest.mark.parametrize("bad", [None, float("nan"), -1, 11, "5", True])
def test_cadence_figure_and_alt_name_the_parameter(bad):
    for func in (draw_cadence_zone, cadence_zone_alt):
        with pytest.raises(ValueError, match="cadence_change_pct"):
            func(bad)


@pytest.mark.parametrize("kwargs, name", [
    (dict(gait=None), "gait"), (dict(gait=["walk"]), "gait"), (dict(gait="jog"), "gait"),
    (dict(speed_level=None), "speed_level"), (dict(speed_level=3), "speed_level"),
    (dict(speed_level="sprint"), "speed_level"),
])
def test_gait_figure_and_alt_name_the_parameter(kwargs, name):
    for func in (draw_gait_zone, gait_zone_alt):
        with pytest.raises(ValueError, match=name):
            func(**kwargs)


def test_speed_error_gives_range():
    with pytest.raises(ValueError, match=r"allowed range 8 to 13"):
        knee_curve("easy_run", 30)


# ---------------------------------------------------------------- figures

def test_figures_and_alt_texts():
    for gait in GAITS:
        assert draw_gait_zone(gait, "fast").axes
        text = gait_zone_alt(gait, "slow")
        assert "zone" in text and "%" in text
    assert len(draw_foot_strike(25).axes) == 2
    assert "25 degrees" in foot_strike_alt(25)
    assert "Illustrative" in gait_zone_alt("fast_run") and "what-if" in gait_zone_alt("fast_run")
    assert "2 loaded passes (bending and straightening)" in gait_zone_alt("easy_run")
    assert "20.9, level (Pigos)" in foot_strike_alt(17)
    assert len(draw_cadence_zone(10).axes) == 1
    alt = cadence_zone_alt(10)
    assert "lands at 22.8" in alt and "47 %" in alt and "52 %" in alt
