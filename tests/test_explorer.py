"""The explorer: one output with a live widget face and a static, pre-rendered face."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband import Choice, Slider, Toggle, explore, show
from itband.course.explorer import MAX_FRAMES, figure_frame, figure_png
from itband.course.style import new_figure

WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(autouse=True)
def book_kernel(book_frames):
    """These tests check the book's face: every frame pre-rendered, as the book build does.
    The student-kernel tests below remove the switch again."""


def draw_line(slope=1.0, colour="blue", dashed=False):
    fig = new_figure(3, 2, layout=None)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.plot([0, 1], [0, slope], color=colour, ls="--" if dashed else "-")
    return fig


@pytest.fixture
def ex(book_kernel):
    return explore(draw_line, alt="A {colour} line rising with slope {slope:g}",
                   slope=Slider(0, 2, 0.5, default=1), colour=["blue", "green"], dashed=False)


def frames(html):
    return re.findall(r'<img class="itb-frame" data-frame="(\d+)" src="data:image/webp;base64,[^"]+" '
                      r'alt="([^"]*)"( hidden)?>', html)


def test_one_output_with_both_faces(ex):
    bundle = ex._repr_mimebundle_()
    assert bundle[WIDGET]["model_id"] == ex.widget().model_id
    assert 'class="itb-explorer"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("<Explorer over Slope, Colour, Dashed")


def test_one_frame_per_position_each_with_its_alt_text(ex):
    found = frames(ex.static_html())
    assert len(found) == 5 * 2 * 2 == ex.frame_count
    assert [int(i) for i, _, _ in found] == list(range(20))
    # last control fastest: frame 0 = slope 0, blue, solid; frame 3 = slope 0, green, dashed
    assert found[0][1] == "A blue line rising with slope 0"
    assert found[3][1] == "A green line rising with slope 0"
    assert found[-1][1] == "A green line rising with slope 2"
    assert all(alt.strip() for _, alt, _ in found)


def test_only_the_default_frame_is_visible(ex):
    found = frames(ex.static_html())
    visible = [int(i) for i, _, hidden in found if not hidden]
    assert visible == [2 * 2 * 2]  # slope 1 is index 2 of [0, .5, 1, 1.5, 2]; blue; not dashed


def test_controls_are_labelled_and_carry_their_readouts(ex):
    html = ex.static_html()
    for name in ("slope", "colour", "dashed"):
        cid = f"{ex.id}-{name}"
        assert f'<label for="{cid}">' in html
        assert f'id="{cid}"' in html
    assert 'type="range"' in html and 'min="0" max="4"' in html and 'aria-valuetext="1"' in html
    assert '<select id=' in html and '<option value="1">green</option>' in html
    assert 'type="checkbox"' in html
    assert 'data-shape="5,2,2"' in html


def test_static_html_is_deterministic():
    a = explore(draw_line, alt="slope {slope}", slope=(0, 1, 0.5))
    b = explore(draw_line, alt="slope {slope}", slope=(0, 1, 0.5))
    assert a.id == b.id
    assert a.static_html() == b.static_html()


def test_live_widget_redraws_when_a_control_moves(ex):
    box = ex.widget()
    before = box.children[-1].value
    box.controls[0].value = 2.0
    after = box.children[-1].value
    assert after != before
    assert 'alt="A blue line rising with slope 2.0"' in after or 'alt="A blue line rising with slope 2"' in after
    box.controls[0].value = 1.0


def test_widgets_only_offer_valid_values(ex):
    slider, dropdown, checkbox = ex.widget().controls
    assert (slider.min, slider.max, slider.step) == (0, 2, 0.5)
    assert [v for _, v in dropdown.options] == ["blue", "green"]
    assert checkbox.value is False


def test_show_gives_one_frame_with_caption_and_no_widget():
    fig = show(draw_line, alt="A steep line", caption="Slope 2.", slope=2)
    bundle = fig._repr_mimebundle_()
    assert WIDGET not in bundle
    html = bundle["text/html"]
    assert len(frames(html)) == 1 and 'alt="A steep line"' in html
    assert "<figcaption>Slope 2.</figcaption>" in html
    assert "itb-controls" not in html


def test_frames_are_lossless_webp_smaller_than_a_png():
    full = figure_png(draw_line())
    frame = figure_frame(draw_line())
    assert full[:8] == b"\x89PNG\r\n\x1a\n"
    assert frame[:4] == b"RIFF" and frame[8:12] == b"WEBP" and b"VP8L" in frame[:40]  # VP8L = lossless
    assert len(frame) < len(full) / 2


@pytest.mark.parametrize("spec, message", [
    ((5, 5, 1), "range is empty"),
    ((5, 1, 1), "range is empty"),
    ((0, 10, 0), "step=0"),
    ((0, 10, -1), "step=-1"),
    ((0, 10, 20), "larger than the range"),
    ("fast", "not a parameter range"),
    ([], "at least one option"),
])
def test_bad_parameter_ranges_are_refused(spec, message):
    with pytest.raises(ValueError, match=message):
        explore(draw_line, alt="x", slope=spec)


def test_other_bad_input_is_refused():
    with pytest.raises(ValueError, match="alt"):
        explore(draw_line, alt="  ", slope=(0, 1, 0.5))
    with pytest.raises(ValueError, match="not callable"):
        explore("draw", alt="x", slope=(0, 1, 0.5))
    with pytest.raises(ValueError, match="at least one parameter"):
        explore(draw_line, alt="x")
    with pytest.raises(ValueError, match=f"MAX_FRAMES={MAX_FRAMES}"):
        explore(draw_line, alt="x", slope=(0, 100, 1))
    with pytest.raises(ValueError, match="whole multiple"):
        Slider(0, 10, 2, static_step=3)
    with pytest.raises(ValueError, match="default=7"):
        Choice(["a", "b"], default=7)
    ex = explore(draw_line, alt="x", slope=(0, 1, 0.5))
    with pytest.raises(ValueError, match="unknown parameter"):
        ex.render(speed=3)


@settings(max_examples=60, deadline=None)
@given(lo=st.integers(-50, 50), span=st.integers(1, 100), step=st.integers(1, 30))
def test_slider_frames_cover_the_range_in_order(lo, span, step):
    hi = lo + span
    if step > span:
        return
    values = Slider(lo, hi, step).static_values()
    assert values[0] == lo and values[-1] == hi
    assert values == sorted(values) and len(set(values)) == len(values)
    assert all(lo <= v <= hi for v in values)
    assert len(values) == span // step + 1 + (1 if span % step else 0)


@settings(max_examples=40, deadline=None)
@given(lo=st.floats(-10, 10), span=st.floats(0.1, 10), n=st.integers(1, 20))
def test_float_slider_default_is_always_a_frame(lo, span, n):
    hi = lo + span
    s = Slider(lo, hi, span / n, default=lo + span / 3)
    assert s.default_value() in s.static_values()
    assert Toggle().static_values() == [False, True]


def test_live_panel_reuses_pre_rendered_frames_and_draws_the_rest():
    ex = explore(draw_line, alt="slope {slope:g}", slope=Slider(0, 2, 0.25, static_step=1))
    box = ex.widget()
    box.controls[0].value = 2.0  # a position the book pre-rendered
    assert box.children[-1].value.startswith('<img src="data:image/webp') and 'alt="slope 2"' in box.children[-1].value
    box.controls[0].value = 1.25  # between frames: drawn live
    assert box.children[-1].value.startswith('<img src="data:image/png') and 'alt="slope 1.25"' in box.children[-1].value


# -- a student's kernel: no book frames, positions drawn on demand and kept

def counting_draw():
    calls = []

    def draw(slope=1.0):
        calls.append(slope)
        return draw_line(slope)
    return draw, calls


def test_a_student_kernel_shows_the_starting_frame_and_draws_no_book_frames(monkeypatch):
    from itband.course.explorer import BOOK_FRAMES_ENV

    monkeypatch.delenv(BOOK_FRAMES_ENV, raising=False)
    draw, calls = counting_draw()
    ex = explore(draw, alt="slope {slope:g}", slope=Slider(0, 2, 0.5, default=1))
    bundle = ex._repr_mimebundle_()
    html = bundle["text/html"]
    assert calls == [1]  # one drawing, shared by the HTML face and the widget panel
    assert html.count("<img") == 1 and 'alt="slope 1"' in html and "itb-controls" not in html
    assert 'class="itb-explorer itb-live"' in html and "running kernel" in html
    assert ex.widget().children[-1].value in html
    assert bundle[WIDGET]["model_id"] == ex.widget().model_id


def test_a_student_kernel_draws_each_position_once_and_keeps_it(monkeypatch):
    from itband.course import explorer as ex_mod

    monkeypatch.delenv(ex_mod.BOOK_FRAMES_ENV, raising=False)
    draw, calls = counting_draw()
    ex = explore(draw, alt="slope {slope:g}", slope=Slider(0, 2, 0.25))
    slider = ex.widget().controls[0]
    for value in (0.5, 1.0, 0.5, 0.0, 1.0):
        slider.value = value
    assert calls == [0, 0.5, 1.0]  # the start, then each new position once
    assert 'alt="slope 1"' in ex.widget().children[-1].value
    monkeypatch.setattr(ex_mod.settings, "LIVE_CACHE", 2)
    for value in (1.5, 2.0):  # two new positions push out the two oldest kept (0 and 0.5)
        slider.value = value
    slider.value = 0.5
    assert calls == [0, 0.5, 1.0, 1.5, 2.0, 0.5]


def test_book_frames_env_switches_pre_rendering(monkeypatch):
    from itband.course import explorer as ex_mod

    for value, expected in (("1", True), ("0", False), ("", False)):
        monkeypatch.setenv(ex_mod.BOOK_FRAMES_ENV, value)
        assert ex_mod.prerendering() is expected
    monkeypatch.delenv(ex_mod.BOOK_FRAMES_ENV)
    assert ex_mod.prerendering() is False


def test_reusing_the_renderer_between_frames_changes_no_pixel():
    from itband.course import explorer as ex_mod

    from itband.course.explorer import renderer
    renderer._RENDERERS.clear()
    fresh = figure_frame(draw_line(2.0))
    figure_frame(draw_line(0.5, "green"))  # same size: its renderer is reused next
    assert len(renderer._RENDERERS) == 1
    assert figure_frame(draw_line(2.0)) == fresh


def test_kernel_env_adds_or_removes_only_the_book_frames_switch(monkeypatch):
    from itband.course import explorer as ex_mod

    monkeypatch.setenv(ex_mod.BOOK_FRAMES_ENV, "1")
    monkeypatch.setenv("ITBAND_UNRELATED", "kept")
    student, book = ex_mod.kernel_env(False), ex_mod.kernel_env(True)
    assert ex_mod.BOOK_FRAMES_ENV not in student and book[ex_mod.BOOK_FRAMES_ENV] == "1"
    assert student["ITBAND_UNRELATED"] == book["ITBAND_UNRELATED"] == "kept"


def test_the_html_contract_is_the_same_on_both_sides():
    """explorer.js declares exactly the names the Python side writes (itband/course/explorer/contract.py)."""
    from itband.course.explorer import contract

    assert contract.js_contract() == contract.js_block(), \
        "explorer.js's contract block is stale: paste `python -m itband.course.explorer.contract` into it"
    from importlib import resources

    js = contract.js_source()
    css = resources.files("itband.course").joinpath("static", "explorer.css").read_text("utf-8")
    for name, value in contract.CONTRACT.items():
        assert f"C.{name}" in js or value in css, \
            f"neither explorer.js nor explorer.css uses {name} ({value}): drop it from the contract"


def test_the_static_face_uses_every_contract_name(ex):
    from itband.course.explorer import CONTRACT

    html = ex.static_html()
    for name, value in CONTRACT.items():
        if name not in ("live", "framesScript", "register", "narrowMedia"):  # a student kernel's, and the build's
            assert value in html, f"{name} ({value}) missing from the static face"


def test_showing_a_figure_leaves_the_garbage_collector_as_it_was():
    import gc

    frozen, enabled, thresholds = gc.get_freeze_count(), gc.isenabled(), gc.get_threshold()
    ex = explore(draw_line, alt="line {slope}", slope=Slider(0, 2, 1))
    ex.widget().redraw()
    ex.static_html()
    assert (gc.get_freeze_count(), gc.isenabled(), gc.get_threshold()) == (frozen, enabled, thresholds)
