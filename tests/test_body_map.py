"""Tests of the pain body map: its regions (itband.models.body_map) and drawing (itband.figures.body_map)."""
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from itband.models import body_map
from itband.figures.body_map import REGION_STYLE, describe_pain_map, draw_pain_map
from itband.models.body_map import PAIN_REGIONS, region_names


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
    assert set(REGION_STYLE) == set(PAIN_REGIONS)
    hatches = [r["hatch"] for r in REGION_STYLE.values()]
    colours = [r["colour"] for r in REGION_STYLE.values()]
    labels = [r["label"] for r in PAIN_REGIONS.values()]
    assert len(set(hatches)) == len(set(colours)) == len(set(labels)) == 3


def test_regions_drawn_follow_the_switches():
    assert _hatched(draw_pain_map("lateral")) == sorted(r["hatch"] for r in REGION_STYLE.values())
    only_knee = draw_pain_map("lateral", show_spread=False, show_hip=False)
    assert _hatched(only_knee) == [REGION_STYLE["knee"]["hatch"]]
    assert region_names(False, True) == ["knee", "hip"]


def test_legend_lists_the_regions_shown():
    fig = draw_pain_map("both", show_spread=False)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert PAIN_REGIONS["knee"]["label"] in texts and PAIN_REGIONS["hip"]["label"] in texts
    assert PAIN_REGIONS["thigh"]["label"] not in texts


def test_knee_region_sits_just_above_the_joint_line_and_below_the_hip():
    assert body_map.KNEE_JOINT_Y < body_map.EPICONDYLE_Y < body_map.TROCHANTER_Y < body_map.ILIAC_CREST_Y
    fig = draw_pain_map("lateral")
    knee = [p for p in fig.axes[0].patches if p.get_hatch() == REGION_STYLE["knee"]["hatch"]][0]
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


def test_alt_text_names_each_region_drawn_and_its_hatch():
    alt = describe_pain_map("lateral", show_spread=False, show_hip=True)
    assert alt.startswith("Schematic outline of the lower body in a side view")
    assert PAIN_REGIONS["knee"]["description"] in alt and REGION_STYLE["knee"]["hatch_name"] in alt
    assert PAIN_REGIONS["hip"]["description"] in alt and PAIN_REGIONS["thigh"]["description"] not in alt
    assert "dashed line" in alt and "dashed line" not in describe_pain_map(show_band=False)


@pytest.mark.parametrize("spread, hip", [(True, True), (True, False), (False, True), (False, False)])
def test_figure_legend_and_alt_text_list_the_same_regions(spread, hip):
    names = region_names(spread, hip)
    assert names[0] == "knee" and len(names) == 1 + spread + hip
    legend = [t.get_text() for t in draw_pain_map("both", spread, hip).legends[0].get_texts()]
    assert [t for t in legend if t != "IT band (line)"] == [PAIN_REGIONS[n]["label"] for n in names]
    alt = describe_pain_map("both", spread, hip)
    assert [n for n in PAIN_REGIONS if PAIN_REGIONS[n]["description"] in alt] == sorted(names, key=list(PAIN_REGIONS).index)


BAD_FLAGS = ["yes", None, 1, 0, 2, float("nan"), [True]]


@pytest.mark.parametrize("bad", BAD_FLAGS, ids=repr)
@pytest.mark.parametrize("name", ["show_spread", "show_hip", "show_band", "labels"])
@pytest.mark.parametrize("function", [draw_pain_map, describe_pain_map])
def test_every_switch_refuses_a_non_boolean_by_name(function, name, bad):
    with pytest.raises(ValueError, match=rf"^{name}="):
        function(**{name: bad})


@pytest.mark.parametrize("bad", ["back", "", None, 1, ["both"]], ids=repr)
@pytest.mark.parametrize("function", [draw_pain_map, describe_pain_map])
def test_unknown_views_are_refused_by_name(function, bad):
    with pytest.raises(ValueError, match=r"^view="):
        function(view=bad)


@pytest.mark.parametrize("name", ["show_spread", "show_hip"])
def test_region_names_refuses_a_non_boolean(name):
    with pytest.raises(ValueError, match=rf"^{name}="):
        region_names(**{name: "no"})
