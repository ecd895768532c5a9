"""The 28 measured runners' Ober test and hip abduction strength (Fukuchi, Fukuchi & Duarte 2017).

Values are pinned to the data, read a second way here (the raw metadata file with the standard
library's csv module), and group statistics are checked against sums done by hand.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itband.figures import measured_runners as fig_mod
from itband.models import measured_runners as mr

INFO = Path(__file__).resolve().parents[1] / "itband" / "data" / "fukuchi2017" / "RBDSinfo.txt"


def _raw_rows():
    with open(INFO, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r for r in rows if r["FileName"].endswith("static.txt")]


def test_every_runner_matches_the_raw_file():
    raw = _raw_rows()
    runners = mr.runners()
    assert len(runners) == len(raw) == 28
    for r, row in zip(runners, raw):
        assert r.subject == int(row["Subject"])
        assert r.ober_right == float(row["ROber"]) and r.ober_left == float(row["LOber"])
        assert r.hip_abduction_right == pytest.approx(float(row["RHIPABD"]))
        assert r.injured == (row["Injury"] == "Yes")


def test_runner_one_as_written_in_the_file():
    first = mr.runners()[0]
    assert (first.ober_right, first.ober_left, first.hip_abduction_right) == (43.0, 40.0, 16.8)
    assert first.value("hip_abduction", "L") == pytest.approx(21.575)
    assert first.knee_injury and first.injury_location == "Right knee"


def test_injury_groups_counted_by_hand():
    runners = mr.runners()
    assert [r.subject for r in runners if r.injured] == [1, 2, 3, 5, 7, 9, 11, 15, 18]
    # right knee (1, 5) and left patella (11); ankle, tibia, fibula, hip and Achilles are not the knee
    assert [r.subject for r in runners if r.knee_injury] == [1, 5, 11]
    assert [r.subject for r in mr.reported_itbs()] == [5]


def test_knee_injury_right_ober_summary_by_hand():
    # runners 1, 5, 11: Ober 43, 33, 29 -> mean 35; deviations 8, -2, -6 -> (64 + 4 + 36) / 2 = 52
    g = mr.group_summaries("ober", "R", "knee_injury")
    assert (g["in"].n, g["in"].mean, g["in"].lo, g["in"].hi) == (3, 35.0, 29.0, 43.0)
    assert g["in"].sd == pytest.approx(math.sqrt(52))
    assert g["out"].n == 25


def test_whole_group_mean_of_the_raw_column():
    raw = [float(r["ROber"]) for r in _raw_rows()]
    s = mr.group_summaries("ober", "R", "none")["all"]
    assert s.n == 28 and s.mean == pytest.approx(sum(raw) / 28) and (s.lo, s.hi) == (25.0, 44.0)


def test_summarise_small_cases():
    s = mr.summarise([1.0, 2.0, 3.0])
    assert (s.n, s.mean, s.sd) == (3, 2.0, 1.0)
    one = mr.summarise([4.0, math.nan])
    assert one.n == 1 and math.isnan(one.sd)
    with pytest.raises(ValueError, match=r"values=\[nan\] holds no finite number"):
        mr.summarise([math.nan])


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40))
def test_summary_lies_inside_its_values(values):
    s = mr.summarise(values)
    assert s.lo <= s.mean + 1e-6 * max(1.0, abs(s.mean)) and s.mean <= s.hi + 1e-6 * max(1.0, abs(s.mean))
    assert s.n == len(values)
    assert math.isnan(s.sd) or s.sd >= 0


@given(st.sampled_from(list(mr.MEASURES)), st.sampled_from(["R", "L"]),
       st.sampled_from(["any_injury", "knee_injury"]))
def test_groups_split_every_runner_once(measure, side, grouping):
    g = mr.group_summaries(measure, side, grouping)
    assert g["in"].n + g["out"].n == 28
    assert min(g["in"].lo, g["out"].lo) == mr.group_summaries(measure, side, "none")["all"].lo


@pytest.mark.parametrize("kwargs, name", [
    (dict(measure="ober_test"), "measure"), (dict(measure="ober", side="right"), "side"),
    (dict(measure="ober", grouping="injured"), "grouping")])
def test_bad_input_is_named(kwargs, name):
    with pytest.raises(ValueError, match=name):
        mr.group_summaries(**kwargs)


def test_figure_marks_the_group_and_carries_the_attribution():
    for grouping in mr.GROUPINGS:
        fig = fig_mod.draw_runner_measures(grouping)
        texts = " ".join(t.get_text() for t in fig.texts)
        assert "Fukuchi" in texts and "CC BY 4.0" in texts and "unverified" in texts
        marked = sum(mr.in_group(r, grouping) for r in mr.runners())
        diamonds = [c for c in fig.axes[0].collections if c.get_offsets().shape[0] == marked]
        assert marked == 0 or diamonds
    with pytest.raises(ValueError, match="grouping"):
        fig_mod.draw_runner_measures("knees")


def test_alt_text_is_built_from_the_data():
    alt = fig_mod.describe_runner_measures("knee_injury")
    s = mr.group_summaries("ober", "R", "none")["all"]
    assert f"mean {s.mean:.1f}" in alt and "units unverified" in alt
    assert "The 3 runners who report a past knee injury" in alt


def test_in_group_names_a_wrong_runner():
    with pytest.raises(TypeError, match="runner=5 must be a Runner"):
        mr.in_group(5, "knee_injury")
