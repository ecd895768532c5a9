"""Measured running (Fukuchi, Fukuchi & Duarte 2017): the reader, the stance rule and the zone statistics.

Values are pinned to what the data give, each computed a second way here: from the raw text with
the standard library, not through the module's reader.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband.models import measured_gait as mg

DATA = Path(__file__).resolve().parents[1] / "itband" / "data" / "fukuchi2017"


def raw_column(path: Path, column: str) -> list[float]:
    """A column read by hand: split on tabs, empty cells as NaN."""
    lines = path.read_text().splitlines()
    header = lines[0].split("\t")
    i = header.index(column)
    return [float(c) if c.strip() else math.nan for c in (ln.split("\t")[i] for ln in lines[1:] if ln.strip())]


def test_the_data_are_the_shared_dataset_unchanged():
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "fukuchi2017"
    if not shared.is_dir():
        pytest.skip("the shared copy of the dataset is not beside this checkout")
    for f in shared.rglob("*"):
        if f.is_file():
            assert (DATA / f.relative_to(shared)).read_bytes() == f.read_bytes(), f.name


def test_runner_1_knee_curve_by_hand():
    lines = (DATA / "knee_curves_2.5ms" / "RBDS01angs.txt").read_text().splitlines()
    knee = [float(ln.split()[5]) for ln in lines[1:]]            # knee_Z, the sixth column
    assert len(knee) == 101
    assert mg.knee_curves()["RBDS01"] == pytest.approx(knee)
    assert knee[0] == pytest.approx(15.357055)                    # first data row of the file


def test_stance_ends_where_the_first_run_of_force_ends():
    force = raw_column(DATA / "RBDS0041processed.txt", "RgrfY25")
    first_gap = next(i for i, f in enumerate(force) if math.isnan(f))
    assert mg.stance_end_pct("RBDS0041", 2.5) == first_gap - 1 == 36
    assert not math.isnan(force[100])            # force again at 100 %: the next foot strike
    assert mg.stance_end_pct("RBDS001", 2.5) == 40
    assert mg.STANCE_PCT_2_5MS == round((40 + 36) / 2) == 38


def test_faster_running_shortens_stance_in_both_runners():
    for runner in mg.PROCESSED_RUNNERS:
        ends = [mg.stance_end_pct(runner, s) for s in (2.5, 3.5, 4.5)]
        assert ends == sorted(ends, reverse=True) and ends[0] > ends[-1], (runner, ends)


def test_zone_statistics_of_runner_1_by_hand():
    knee = mg.knee_curves()["RBDS01"][: mg.STANCE_PCT_2_5MS + 1]
    fine = np.interp(np.linspace(0, 38, 38_001), np.arange(39), knee)
    share = np.mean((fine >= 20) & (fine <= 30))
    z = mg.zone_stats(mg.knee_curves()["RBDS01"], mg.STANCE_PCT_2_5MS)
    assert z.stance_share == pytest.approx(share)
    assert z.foot_strike_deg == pytest.approx(15.357055) and z.peak_stance_deg == pytest.approx(knee.max())
    assert (z.passes, z.entries) == (2, 2)       # through the zone on the way down and on the way up


def test_the_cohort_lands_below_the_zone_and_passes_it_twice_as_a_rule():
    stats = mg.cohort_stats()
    assert len(stats) == 23
    fs_mean, fs_sd, fs_min, fs_max = mg.spread(s.foot_strike_deg for s in stats.values())
    assert fs_mean == pytest.approx(11.555, abs=1e-3) and fs_sd == pytest.approx(4.054, abs=1e-3)
    assert fs_max < 20                            # no runner lands inside the zone at 2.5 m/s
    assert sum(s.passes == 2 for s in stats.values()) == 21   # two pass only once before toe-off


def test_foot_strike_angle_changes_little_with_speed():
    for runner in mg.PROCESSED_RUNNERS:
        fs = [mg.knee_curve(runner, s)[0] for s in (2.5, 3.5, 4.5)]
        assert max(fs) - min(fs) < 5, (runner, fs)


def test_a_malformed_row_is_named_with_its_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "fukuchi2017"
    bad.mkdir()
    (bad / "broken.txt").write_text("a\tb\tc\n1\t2\t3\n4\t5\n")
    monkeypatch.setattr(mg, "_path", lambda *parts: bad.joinpath(*parts))
    with pytest.raises(ValueError, match=r"fukuchi2017/broken\.txt, line 3: 2 cells, but the header has 3"):
        mg.read_table("broken.txt")
    (bad / "word.txt").write_text("a\tb\n1\tx\n")
    with pytest.raises(ValueError, match=r"word\.txt, line 2: 'x' is not a number"):
        mg.read_table("word.txt")


@pytest.mark.parametrize("call, message", [
    (lambda: mg.processed("RBDS999"), "runner='RBDS999'"),
    (lambda: mg.knee_curve("RBDS001", 3.0), r"speed_mps=3 is not one of the measured speeds"),
    (lambda: mg.knee_curve("RBDS001", 2.5, side="X"), "side='X'"),
    (lambda: mg.zone_stats([10, 20], 5), r"stance_end=5 is outside"),
    (lambda: mg.zone_stats([10, math.nan, 20], 1), "curve_deg must be"),
    (lambda: mg.runner_values("Gender"), "column='Gender' is not numeric"),
])
def test_bad_input_is_refused_by_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


curves = st.lists(st.floats(0, 120, allow_nan=False), min_size=3, max_size=60)


@given(curves)
def test_shares_lie_between_0_and_1_and_passes_never_exceed_entries_plus_one(curve):
    z = mg.zone_stats(curve, len(curve) - 1)
    assert 0.0 <= z.stance_share <= 1.0
    assert z.passes >= 0 and z.entries >= 0


@given(low=st.floats(0, 19, allow_nan=False), high=st.floats(31, 90, allow_nan=False),
       n=st.integers(2, 20))
def test_down_and_up_through_the_zone_counts_two_passes(low, high, n):
    curve = list(np.linspace(low, high, n)) + list(np.linspace(high, low, n))[1:]
    z = mg.zone_stats(curve, len(curve) - 1)
    assert (z.passes, z.entries) == (2, 2)
    one_way = mg.zone_stats(list(np.linspace(low, high, n)), n - 1)
    assert (one_way.passes, one_way.entries) == (1, 1)
