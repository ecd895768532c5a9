"""Tests of itband.models.gait (the measured runners' stance in the impingement zone, the
illustrative downhill and walking curves, the cadence shift) and its figures, itband.figures.gait.

Measured values are pinned to what the data give, each computed a second way here: the knee
curves read from the raw text files by hand, and the share of stance in the zone by exact
interpolation between samples rather than the module's fine sampling."""
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.course import evidence
from itband.figures.gait import (DATA_CREDIT, cadence_zone_alt, draw_cadence_zone, draw_foot_strike,
                                 draw_measured_zone, draw_speeds, foot_strike_alt, measured_zone_alt,
                                 speeds_alt)
from itband.models import exposure
from itband.models import gait
from itband.models.gait import (CITED_FOOT_STRIKE, GAITS, cadence_shift, knee_curve, speed_for,
                                zone_position, zone_share)

TOL_DEG = 0.5  # the curve must pass within half a degree of every cited key angle
DATA = Path(__file__).resolve().parents[1] / "itband" / "data" / "fukuchi2017"


def _at(curve, pct):
    return float(np.interp(pct, curve.stride_pct, curve.knee_flexion_deg))


def raw_knee(name: str) -> list[float]:
    """A runner's knee curve read by hand: whitespace-split rows, knee_Z the sixth column."""
    lines = (DATA / "knee_curves_2.5ms" / f"{name}angs.txt").read_text().splitlines()
    return [float(ln.split()[5]) for ln in lines[1:] if ln.strip()]


def exact_share(curve, end, lo=20.0, hi=30.0) -> float:
    """Share of samples 0..end inside [lo, hi], the curve linear between samples, computed exactly."""
    inside = 0.0
    for a, b in zip(curve[:end], curve[1:end + 1]):
        if a == b:
            inside += 1.0 if lo <= a <= hi else 0.0
            continue
        t0, t1 = sorted(((lo - a) / (b - a), (hi - a) / (b - a)))
        inside += max(0.0, min(1.0, t1) - max(0.0, t0))
    return inside / end


# ---------------------------------------------------------------- measured runners

def test_cohort_band_is_the_mean_and_sd_of_the_raw_curves():
    raw = np.array([raw_knee(f"RBDS{i:02d}") for i in range(1, 24)])
    band = gait.cohort_band()
    assert band.mean_deg == pytest.approx(raw.mean(axis=0))
    sd0 = math.sqrt(sum((x - raw[:, 0].mean()) ** 2 for x in raw[:, 0]) / 22)
    assert band.sd_deg[0] == pytest.approx(sd0)
    assert band.stance_end_pct == 38 == gait.MEASURED_STANCE_END_PCT


def test_cohort_summary_pinned_to_the_data():
    raw = {f"RBDS{i:02d}": raw_knee(f"RBDS{i:02d}") for i in range(1, 24)}
    strikes = [k[0] for k in raw.values()]
    peaks = [max(k[:39]) for k in raw.values()]
    shares = [exact_share(k, 38) for k in raw.values()]
    s = gait.cohort_summary()
    assert s.n_runners == 23
    assert s.foot_strike_deg[0] == pytest.approx(sum(strikes) / 23) == pytest.approx(11.555, abs=1e-3)
    assert s.foot_strike_deg[1] == pytest.approx(4.054, abs=1e-3)
    assert (s.foot_strike_deg[2], s.foot_strike_deg[3]) == pytest.approx((min(strikes), max(strikes)))
    assert s.peak_stance_deg[0] == pytest.approx(sum(peaks) / 23) == pytest.approx(40.03, abs=0.01)
    assert s.stance_share[0] == pytest.approx(sum(shares) / 23, abs=1e-3)
    assert s.stance_share[0] == pytest.approx(0.259, abs=0.001)
    assert s.n_landing_below_zone == sum(x < 20 for x in strikes) == 23
    assert s.n_two_crossings == 21 and s.n_two_entries == 23 and s.mean_entries == 2.0


def test_one_runner_by_hand():
    k = raw_knee("RBDS07")
    st_ = gait.runner_stats("RBDS07")
    assert st_.foot_strike_deg == pytest.approx(k[0])
    assert st_.peak_stance_deg == pytest.approx(max(k[:39]))
    assert st_.stance_share == pytest.approx(exact_share(k, 38), abs=1e-3)
    assert st_.entries == 2


def test_the_two_runners_who_cross_once_toe_off_inside_the_zone():
    for name in ("RBDS18", "RBDS23"):
        k = raw_knee(name)
        assert 20 <= k[38] <= 30            # still inside at toe-off
        assert gait.runner_stats(name).passes == 1 and gait.runner_stats(name).entries == 2


def test_speed_rows_pinned_to_the_force_data():
    rows = {(r.runner, r.speed_mps): r for r in gait.speed_rows()}
    assert [rows[("RBDS001", v)].stance_end_pct for v in (2.5, 3.5, 4.5)] == [40, 34, 32]
    assert [rows[("RBDS0041", v)].stance_end_pct for v in (2.5, 3.5, 4.5)] == [36, 33, 32]
    assert [round(rows[("RBDS001", v)].stats.foot_strike_deg, 1) for v in (2.5, 3.5, 4.5)] == [13.4, 16.3, 16.8]
    assert [round(rows[("RBDS0041", v)].stats.foot_strike_deg, 1) for v in (2.5, 3.5, 4.5)] == [6.7, 6.0, 10.7]
    for r in rows.values():
        assert r.stats.foot_strike_deg < 20 and r.stats.entries == 2
        assert r.stats.stance_share == pytest.approx(exact_share(r.curve_deg, r.stance_end_pct), abs=1e-3)


def test_exposure_counts_the_passes_the_measured_runners_make():
    assert gait.cohort_summary().mean_entries == exposure.ZONE_PASSES_PER_CONTACT
    week = exposure.weekly_exposure(45, 10, 165, 4)
    zone = exposure.loaded_zone_time(week)
    assert zone.passes_per_week == pytest.approx([week.zone_passes_per_leg_per_week] * 23)
    # by hand: 22,275 contacts x (120 / 165 s x 0.38) x the mean share 0.2595, in minutes
    assert zone.stance_time_s == pytest.approx(120 / 165 * 0.38)
    assert zone.spread[0] == pytest.approx(22275 * 120 / 165 * 0.38 * 0.25946 / 60, rel=1e-3)
    assert zone.spread[0] == pytest.approx(26.6, abs=0.1)


@settings(max_examples=30, deadline=None)
@given(st.floats(1, 300), st.floats(6, 20), st.floats(140, 200))
def test_loaded_zone_time_is_proportional_to_distance_and_below_the_running_time(km, kmh, spm):
    week = exposure.weekly_exposure(km, kmh, spm)
    zone = exposure.loaded_zone_time(week)
    double = exposure.loaded_zone_time(exposure.weekly_exposure(min(2 * km, 300), kmh, spm))
    assert np.all(zone.minutes_per_week <= week.running_minutes_per_week * gait.MEASURED_STANCE_END_PCT / 100 + 1e-9)
    if 2 * km <= 300:
        assert double.minutes_per_week == pytest.approx(2 * zone.minutes_per_week)


def test_measured_cadence_pinned():
    r = gait.measured_cadence(10)
    assert (r.d_strike_deg, r.d_peak_deg) == pytest.approx((1.8, -3.5))
    assert r.higher_mean_deg[0] == pytest.approx(r.preferred_mean_deg[0] + 1.8)
    assert r.preferred_shares.mean() == pytest.approx(0.259, abs=0.001)
    assert r.higher_shares.mean() == pytest.approx(0.311, abs=0.001)
    assert np.all(r.higher_shares > r.preferred_shares)
    assert int((r.higher_entries == 1).sum()) == 3
    assert gait.measured_cadence(0).higher_shares == pytest.approx(r.preferred_shares)


def test_the_fast_share_is_the_zone_stats_share():
    for name, curve in list(gait.cohort_band().curves.items())[:6]:
        full = gait.mg.zone_stats(curve, 38)
        assert gait._share_and_entries(curve, 38) == (pytest.approx(full.stance_share), full.entries)


def test_shift_stance_by_hand():
    curve = np.array([10.0, 20.0, 40.0, 30.0, 10.0, 50.0])   # peak at 2, toe-off at 4, swing after
    out = gait.shift_stance(curve, 4, 2.0, -4.0)
    assert out == pytest.approx([12.0, 19.0, 36.0, 28.0, 10.0, 50.0])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 90), min_size=5, max_size=60), st.data(), st.floats(0, 90), st.floats(1, 20))
def test_zone_shares_are_fractions(curve, data, a, width):
    end = data.draw(st.integers(1, len(curve) - 1))
    s = gait.mg.zone_stats(curve, end, (a, a + width))
    assert 0.0 <= s.stance_share <= 1.0
    assert 0 <= s.passes <= s.entries + 1


@settings(max_examples=40, deadline=None)
@given(st.floats(5, 60), st.floats(1, 30), st.floats(0.1, 5), st.floats(0.1, 40), st.floats(0.1, 5))
def test_down_up_down_crosses_the_zone_twice(lo, width, below1, above, below2):
    zone = (lo, lo + width)
    s = gait.mg.zone_stats([lo - below1, lo + width + above, lo - below2], 2, zone)
    assert s.passes == 2 and s.entries == 2
    assert 0.0 < s.stance_share < 1.0


@pytest.mark.parametrize("call, name", [
    (lambda: gait.check_runner("RBDS99"), "runner"),
    (lambda: gait.check_runner(7), "runner"),
    (lambda: gait.runner_stats("all"), "runner"),
    (lambda: gait.measured_cadence(12), "cadence_change_pct"),
    (lambda: gait.measured_cadence("5"), "cadence_change_pct"),
    (lambda: gait.shift_stance([1.0, 2.0, 3.0, 2.0], 9, 1, 1), "stance_end"),
    (lambda: gait.shift_stance([1.0, float("nan"), 3.0], 2, 1, 1), "curve_deg"),
    (lambda: exposure.loaded_zone_time(30), "week"),
    (lambda: draw_measured_zone("Maya"), "runner"),
    (lambda: measured_zone_alt(None), "runner"),
])
def test_bad_measured_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------- illustrative curves (no data)

def test_only_the_gaits_without_data_keep_illustrative_curves():
    assert sorted(GAITS) == ["downhill_run", "walk"]


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
    c = knee_curve("downhill_run")
    assert c.value_at("peak stance") == pytest.approx(43.1)
    with pytest.raises(ValueError, match="name"):
        c.value_at("heel whip")


def test_downhill_crosses_the_zone_twice_in_stance():
    passes = knee_curve("downhill_run").stance_zone_passes()
    assert [p.direction for p in passes] == ["bending", "straightening"]
    assert passes[0].end_pct < passes[1].start_pct
    ex = exposure.weekly_exposure(10, 10, 165)
    assert ex.zone_passes_per_leg_per_week == pytest.approx(len(passes) * ex.contacts_per_leg_per_week)


def test_downhill_shares_of_the_lesson():
    # 13 / 17 / 21 / 29 degrees at foot strike: 37 / 39 / 43 / 30 % of stance (the exercise)
    shares = [knee_curve("downhill_run", foot_strike_deg=a).stance_zone_share() for a in (13, 17, 21, 29)]
    assert shares == pytest.approx([0.368, 0.393, 0.426, 0.305], abs=0.002)


@settings(max_examples=60, deadline=None)
@given(st.just("downhill_run"), st.floats(0, 1), st.floats(0.0, 29.5),
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


@settings(max_examples=30, deadline=None)
@given(st.floats(0.0, 9.0), st.floats(0.5, 1.0))
def test_more_cadence_never_lowers_the_measured_runners_time_in_the_zone(a, step):
    assert (gait.measured_cadence(a + step).higher_shares.mean()
            >= gait.measured_cadence(a).higher_shares.mean() - 1e-9)


def test_downhill_versus_measured_level_depends_on_the_foot_strike_angle():
    level = gait.cohort_summary().stance_share
    assert knee_curve("downhill_run", 10, 21).stance_zone_share() > level[3]   # above every runner
    assert knee_curve("downhill_run", 10, 17).stance_zone_share() > level[0]   # above the mean


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
@given(st.just("downhill_run"), st.floats(0, 1))
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
    assert speed_for("downhill_run", "fast") == 13.0
    assert speed_for("downhill_run") == 10.0


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("call, name", [
    (lambda: knee_curve("jog"), "gait"),
    (lambda: knee_curve("easy_run"), "gait"),
    (lambda: knee_curve("downhill_run", 30), "speed_kmh"),
    (lambda: knee_curve("walk", 10), "speed_kmh"),
    (lambda: knee_curve("downhill_run", None, -5), "foot_strike_deg"),
    (lambda: knee_curve("downhill_run", None, 60), "foot_strike_deg"),
    (lambda: speed_for("walk", "sprint"), "level"),
    (lambda: draw_foot_strike(20, "walk"), "gait"),
    (lambda: knee_curve("downhill_run", cadence_change_pct=15), "cadence_change_pct"),
    (lambda: knee_curve("walk", cadence_change_pct=5), "cadence_change_pct"),
    (lambda: knee_curve("downhill_run").in_zone((30, 20)), "zone_deg"),
    (lambda: knee_curve("downhill_run").stance_zone_passes("20-30"), "zone_deg"),
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


def test_speed_error_gives_range():
    with pytest.raises(ValueError, match=r"allowed range 8 to 13"):
        knee_curve("downhill_run", 30)


# ---------------------------------------------------------------- figures

def test_figures_and_alt_texts():
    assert len(draw_measured_zone("all").axes) == 1
    alt = measured_zone_alt("all")
    assert "11.6 ± 4.1 degrees (1.6-19.0)" in alt and "40.0 ± 4.7 degrees" in alt
    assert "26 ± 5 % (18-39)" in alt and "21 cross it twice" in alt and DATA_CREDIT in alt
    assert "runner RBDS07: 10.9 degrees" in measured_zone_alt("RBDS07")
    assert len(draw_speeds().axes) == 2
    alt = speeds_alt()
    assert "RBDS001 at 4.5 m/s lands at 16.8 degrees" in alt and "stance ends at 32 %" in alt
    assert len(draw_foot_strike(25).axes) == 2
    assert "25 degrees" in foot_strike_alt(25) and "Illustrative" in foot_strike_alt(25)
    assert "20.9, level (Pigos)" in foot_strike_alt(17)
    assert len(draw_cadence_zone(10).axes) == 1
    alt = cadence_zone_alt(10)
    assert "lands at 13.4" in alt and "26 %" in alt and "31 %" in alt and "23 of 23" in alt
