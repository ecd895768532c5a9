"""Tests of itband.gait: knee flexion over the stride and the share in the 20-30 degree zone."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.gait import (GAITS, ZONE_DEG, draw_foot_strike, draw_gait_zone, foot_strike_alt, gait_zone_alt,
                         knee_curve, speed_for, zone_share)

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


def test_downhill_matches_sport_journal_values():
    c = knee_curve("downhill_run")
    assert c.knee_flexion_deg[0] == pytest.approx(17.0, abs=TOL_DEG)
    assert c.knee_flexion_deg[c.stance_mask].max() == pytest.approx(43.1, abs=TOL_DEG)


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


def test_zone_is_20_to_30():
    assert ZONE_DEG == (20.0, 30.0)


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
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


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
