"""Tests of the pain body map (itband.body_map)."""
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from itband import body_map
from itband.body_map import PAIN_REGIONS, draw_pain_map, region_names


def _hatched(fig):
    return sorted({p.get_hatch() for ax in fig.axes for p in ax.patches if p.get_hatch()})


@pytest.mark.parametrize("view, n_bodies", [("both", 2), ("lateral", 1), ("front", 1)])
def test_views_give_one_body_outline_each(view, n_bodies):
    fig = draw_pain_map(view)
    assert isinstance(fig, Figure)
    bodies = [p for p in fig.axes[0].patches if isinstance(p, Polygon) and not p.get_hatch()]
    assert len(bodies) == n_bodies
    titles = [t.get_text() for t in fig.axes[0].texts if "view" in t.get_text()]
    assert len(titles) == n_bodies


def test_every_region_has_its_own_hatch_colour_and_label():
    hatches = [r["hatch"] for r in PAIN_REGIONS.values()]
    colours = [r["colour"] for r in PAIN_REGIONS.values()]
    labels = [r["label"] for r in PAIN_REGIONS.values()]
    assert len(set(hatches)) == len(set(colours)) == len(set(labels)) == 3


def test_regions_drawn_follow_the_switches():
    assert _hatched(draw_pain_map("lateral")) == sorted(r["hatch"] for r in PAIN_REGIONS.values())
    only_knee = draw_pain_map("lateral", show_spread=False, show_hip=False)
    assert _hatched(only_knee) == [PAIN_REGIONS["knee"]["hatch"]]
    assert region_names(False, True) == ["knee", "hip"]


def test_legend_lists_the_regions_shown():
    fig = draw_pain_map("both", show_spread=False)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert PAIN_REGIONS["knee"]["label"] in texts and PAIN_REGIONS["hip"]["label"] in texts
    assert PAIN_REGIONS["thigh"]["label"] not in texts


def test_knee_region_sits_just_above_the_joint_line_and_below_the_hip():
    assert body_map.KNEE_JOINT_Y < body_map.EPICONDYLE_Y < body_map.TROCHANTER_Y < body_map.ILIAC_CREST_Y
    fig = draw_pain_map("lateral")
    knee = [p for p in fig.axes[0].patches if p.get_hatch() == PAIN_REGIONS["knee"]["hatch"]][0]
    assert knee.center[1] == pytest.approx(body_map.EPICONDYLE_Y)


def test_regions_are_clipped_to_the_body_outline():
    fig = draw_pain_map("front")
    body = [p for p in fig.axes[0].patches if isinstance(p, Polygon) and not p.get_hatch()][0]
    for p in fig.axes[0].patches:
        if p.get_hatch():
            assert p.get_clip_path() is not None
    assert body.get_xy().shape[0] > 20


@pytest.mark.parametrize("kwargs, name", [
    ({"view": "back"}, "view"),
    ({"show_spread": "yes"}, "show_spread"),
    ({"show_hip": 2}, "show_hip"),
])
def test_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        draw_pain_map(**kwargs)
