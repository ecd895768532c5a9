"""The phone layout of a frame (itband.course.explorer.narrow): panels cut apart along empty
gutters, stacked, with every drawn pixel kept and one size for every frame of an explorer."""
import base64
import io
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from itband import explore
from itband.course.explorer import narrow
from itband.course.explorer.renderer import frame_pixels
from itband.course.style import new_figure


def two_panels(lift=0.0):
    """A drawing beside a chart, as many course figures are (700 x 300 px)."""
    fig = new_figure(7.0, 3.0, layout=None)
    left = fig.add_axes((0.08, 0.15, 0.36, 0.7))
    left.plot([0, 1], [0, 1 + lift])
    left.set_ylabel("Force (N)")
    left.set_title("Left panel")
    right = fig.add_axes((0.6, 0.15, 0.36, 0.7))
    right.bar(["a", "b"], [1, 2 + lift])
    right.set_xlabel("Condition")
    return fig


def one_chart():
    fig = new_figure(7.0, 3.0)
    ax = fig.add_subplot()
    ax.plot(range(10), label="a line across the whole figure")
    ax.set_xlabel("x label")
    return fig


# ----------------------------------------------------------------------------- blocks, by hand
def test_a_block_that_fits_stays_whole():
    assert narrow.blocks([(10, 10, 100, 50), (120, 10, 300, 60)]) == [(10, 10, 300, 60)]


def test_side_by_side_boxes_are_cut_into_columns_left_to_right():
    boxes = [(300, 0, 690, 100), (0, 10, 280, 90)]  # 20 px gutter at x 280-300
    assert narrow.blocks(boxes) == [(0, 10, 280, 90), (300, 0, 690, 100)]


def test_a_title_across_the_top_is_cut_off_as_a_row_before_the_columns():
    boxes = [(20, 0, 600, 20), (0, 30, 300, 200), (340, 30, 690, 200)]
    assert narrow.blocks(boxes) == [(20, 0, 600, 20), (0, 30, 300, 200), (340, 30, 690, 200)]


def test_columns_under_a_title_are_read_whole_not_interleaved_by_rows():
    # Lesson 4's plan figure: a title, two charts down the left, notes down the right, whose rows
    # happen to leave a gap across the figure between the charts
    boxes = [(25, 55, 382, 184), (22, 235, 382, 444), (60, 34, 189, 48), (60, 221, 362, 231),
             (60, 202, 380, 216), (7, 12, 502, 26), (410, 55, 662, 83), (410, 118, 517, 146),
             (410, 169, 626, 179), (410, 196, 601, 206), (410, 224, 668, 245), (410, 264, 532, 274),
             (410, 292, 662, 313)]
    assert narrow.blocks(boxes) == [(7, 12, 502, 26), (22, 34, 382, 444), (410, 55, 668, 313)]


def test_a_gutter_narrower_than_the_minimum_does_not_cut():
    boxes = [(0, 0, 340, 100), (340 + narrow.COL_GAP_PX - 1, 0, 690, 100)]
    assert narrow.blocks(boxes) == [(0, 0, 690, 100)]


def test_overlapping_boxes_are_never_cut_apart():
    # a chart across the figure overlaps both halves: nothing to cut
    boxes = [(0, 0, 300, 100), (350, 0, 690, 100), (100, 50, 600, 80)]
    assert narrow.blocks(boxes) == [(0, 0, 690, 100)]


def test_plan_pads_each_block_and_stays_inside_the_frame():
    rects = narrow.plan([[(0, 10, 280, 90), (300, 0, 690, 100)]], 700, 100)
    assert rects == [(0, 6, 284, 94), (296, 0, 694, 100)]


def test_no_plan_when_it_would_not_narrow_the_figure_enough():
    assert narrow.plan([[(0, 0, 690, 100)]], 700, 100) is None  # one block
    # two rows, one of them as wide as the figure
    assert narrow.plan([[(0, 0, 690, 40), (0, 60, 300, 100)]], 700, 100) is None


def test_one_plan_from_every_frame_keeps_a_gutter_only_if_all_frames_have_it():
    a = [(0, 0, 280, 100), (300, 0, 690, 100)]
    b = [(0, 0, 320, 100), (330, 0, 690, 100)]  # this frame's left panel reaches into the gutter
    assert narrow.plan([a], 700, 100) is not None
    assert narrow.plan([a, b], 700, 100) is None


def test_plan_refuses_a_frame_without_size():
    with pytest.raises(ValueError, match="width=0"):
        narrow.plan([[(0, 0, 10, 10)]], 0, 100)


def test_stack_puts_the_rectangles_one_above_the_other_centred():
    img = np.full((10, 20, 3), 255, np.uint8)
    img[1:5, 1:5] = 0     # a 4 x 4 block on the left (the top-left pixel is background)
    img[5:10, 12:20] = 9  # an 8 x 5 block on the right
    out = narrow.stack(img, [(1, 1, 5, 5), (12, 5, 20, 10)])
    assert out.shape == (4 + narrow.STACK_GAP_PX + 5, 8, 3)
    assert (out[0:4, 2:6] == 0).all() and (out[0:4, :2] == 255).all()  # centred in the 8 px width
    assert (out[4 + narrow.STACK_GAP_PX:, :] == 9).all()


def test_lost_pixels_counts_drawn_pixels_outside_every_rectangle():
    img = np.full((10, 10, 3), 255, np.uint8)
    img[1, 1] = img[8, 8] = 0
    assert narrow.lost_pixels(img, [(0, 0, 5, 5)]) == 1
    assert narrow.lost_pixels(img, [(0, 0, 5, 5), (5, 5, 10, 10)]) == 0


def test_cut_pixels_counts_strokes_a_rectangle_edge_crosses_and_pixels_shown_twice():
    img = np.full((20, 40, 3), 255, np.uint8)
    img[5, 2:30] = 0  # a 28 px line
    assert narrow.cut_pixels(img, [(0, 0, 40, 20)]) == 0
    assert narrow.cut_pixels(img, [(0, 0, 20, 20), (20, 0, 40, 20)]) == 2  # both edges at x 19 and 20
    assert narrow.cut_pixels(img, [(0, 0, 25, 20), (15, 0, 40, 20)]) > 10   # the overlap shows it twice
    assert not narrow.keeps_every_pixel(img, [(0, 0, 20, 20), (20, 0, 40, 20)])
    assert narrow.keeps_every_pixel(img, [(0, 0, 40, 10), (0, 10, 40, 20)])


def test_a_block_wider_than_the_phone_layout_is_scaled_down_to_it():
    img = np.full((100, 700, 3), 255, np.uint8)
    img[2:12, 10:690] = 0      # a title across the figure
    img[20:100, 10:300] = 50   # two panels below it
    img[20:100, 360:690] = 90
    rects = [(6, 0, 694, 16), (6, 16, 304, 100), (356, 16, 694, 100)]
    assert narrow.scales_down(rects)
    out = narrow.stack(img, rects)
    assert out.shape[1] == narrow.STACK_PX
    title_h = round(16 * narrow.STACK_PX / 688)
    assert out.shape[0] == title_h + 84 + 84 + 2 * narrow.STACK_GAP_PX
    assert not narrow.scales_down(rects[1:])


def test_no_plan_when_most_of_the_figure_would_be_scaled_down():
    # a chart across the figure with a small key beside it below: the chart would shrink, so no plan
    assert narrow.plan([[(0, 0, 690, 300), (0, 320, 100, 340), (200, 320, 300, 340)]], 700, 360) is None


# ----------------------------------------------------------------------------- real figures
def test_a_two_panel_figure_is_cut_between_its_panels_with_every_pixel_kept():
    boxes: list = []
    pixels = frame_pixels(two_panels(), boxes)
    height, width, _ = pixels.shape
    rects = narrow.plan([boxes], width, height)
    assert rects is not None and len(rects) == 2
    assert narrow.keeps_every_pixel(pixels, rects)
    out = narrow.stack(pixels, rects)
    assert out.shape[1] <= narrow.MAX_SHARE * width and out.shape[1] <= narrow.TARGET_PX + 2 * narrow.PAD_PX
    # the y label and the title stay with their panel: the first block reaches the figure's left edge area
    assert rects[0][0] < 0.02 * width and rects[0][2] < rects[1][0] + narrow.PAD_PX * 2


def test_a_single_chart_across_the_figure_gets_no_narrow_version():
    boxes: list = []
    pixels = frame_pixels(one_chart(), boxes)
    assert narrow.plan([boxes], pixels.shape[1], pixels.shape[0]) is None


def test_an_explorer_of_panels_has_one_narrow_size_for_every_frame(book_frames):
    ex = explore(two_panels, alt="Two panels, lift {lift}", lift=(0.0, 3.0, 1.0))
    sizes = set()
    for _, _, wide, small in ex.frames():
        assert small is not None
        sizes.add(Image.open(io.BytesIO(small)).size)
        assert Image.open(io.BytesIO(wide)).size == (700, 300)
    assert len(sizes) == 1 and sizes.pop()[0] <= 0.85 * 700
    html = ex.static_html()
    assert len(re.findall(r' data-narrow="data:image/webp;base64,', html)) == 4


def test_an_artist_outside_every_box_drops_the_plan(book_frames):
    def stray(k=1):
        fig = two_panels()
        # a line drawn across the gutter that takes no part in layout (so no box holds it)
        line = fig.add_artist(__import__("matplotlib").lines.Line2D([0.3, 0.7], [0.5, 0.5], color="k"))
        line.set_in_layout(False)
        line.get_tightbbox = lambda renderer=None: None  # as an artist without extent reports
        return fig
    ex = explore(stray, alt="Stray line {k}", k=[1, 2])
    assert all(small is None for *_, small in ex.frames())


def test_a_label_reaching_past_its_box_drops_the_plan(book_frames):
    def long_label(k=1):
        fig = two_panels()
        fig.axes[1].text(-0.45, 0.5, "a note that runs into the gutter", transform=fig.axes[1].transAxes,
                         ha="left", in_layout=False)  # drawn, but not part of any box
        return fig
    ex = explore(long_label, alt="Long label {k}", k=[1, 2])
    assert all(small is None for *_, small in ex.frames())


def test_the_narrow_pixels_are_the_wide_frame_s_pixels(book_frames):
    ex = explore(two_panels, alt="Two panels {lift}", lift=[0.0, 1.0])
    (_, _, wide, small), _ = ex.frames()
    w = np.asarray(Image.open(io.BytesIO(wide)).convert("RGB"))
    n = np.asarray(Image.open(io.BytesIO(small)).convert("RGB"))
    drawn = lambda a: int((a < narrow.WHITE_LEVEL).any(axis=2).sum())
    assert drawn(n) == drawn(w)  # nothing lost, nothing added
    assert set(map(tuple, n.reshape(-1, 3))) <= set(map(tuple, w.reshape(-1, 3)))


# ----------------------------------------------------------------------------- properties
box = st.tuples(st.integers(0, 650), st.integers(0, 350), st.integers(1, 200), st.integers(1, 100)).map(
    lambda t: (t[0], t[1], min(700, t[0] + t[2]), min(400, t[1] + t[3])))


@settings(max_examples=200, deadline=None)
@given(st.lists(box, min_size=1, max_size=12))
def test_every_box_lies_inside_exactly_one_block_and_blocks_do_not_overlap(boxes):
    out = narrow.blocks(boxes)
    for b in boxes:
        holders = [k for k in out if k[0] <= b[0] and k[1] <= b[1] and b[2] <= k[2] and b[3] <= k[3]]
        assert len(holders) >= 1
    for i, a in enumerate(out):
        for c in out[i + 1:]:
            assert a[2] <= c[0] or c[2] <= a[0] or a[3] <= c[1] or c[3] <= a[1]


@settings(max_examples=200, deadline=None)
@given(st.lists(box, min_size=1, max_size=12))
def test_a_plan_is_narrower_than_the_frame_and_keeps_every_boxed_pixel(boxes):
    rects = narrow.plan([boxes], 700, 400)
    if rects is None:
        return
    img = np.full((400, 700, 3), 255, np.uint8)
    for x0, y0, x1, y1 in boxes:
        img[y0:y1, x0:x1] = 0
    assert narrow.keeps_every_pixel(img, rects)
    out = narrow.stack(img, rects)
    assert out.shape[1] <= min(narrow.STACK_PX, narrow.MAX_SHARE * 700)
    full = sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects if r[2] - r[0] <= narrow.STACK_PX)
    assert full >= narrow.MIN_FULL_SIZE * sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects)
    if not narrow.scales_down(rects):  # then the stack is the frame's own pixels, each once
        assert int((out < 250).any(axis=2).sum()) == int((img < 250).any(axis=2).sum())
