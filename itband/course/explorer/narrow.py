"""A frame's phone layout: the figure's panels cut apart along empty gutters and stacked.

A course figure is drawn 700 px wide (the book's column). On a phone it is shown about half
that size, so its labels shrink to 5-7 CSS px. Most figures are side-by-side panels (a
drawing beside a chart, two charts, a chart beside its notes). For those the book also keeps
a *narrow* version of every frame: the same pixels, cut between panels and stacked one above
the other, which a phone shows at close to full size (``<picture>`` in the page; see
``book/_ext/offline_assets.py``).

Cuts follow the figure's own geometry, not guesses from pixels: every axes (with its tick
labels, axis labels, title and annotations) and every figure-level artist (titles, legends,
texts) is a box that no cut may cross. A block wider than :data:`TARGET_PX` is cut into
columns where an empty gutter runs its full height, else into rows (first peeling off only the
rows across the top or bottom that hide such a gutter); a block that cannot be cut stays
whole. A block still wider than the narrow picture (a title or a note across the figure) is
scaled down to fit it, so it is shown no smaller than before, while the panels are shown
larger. One plan serves every frame of an explorer (it is made from the boxes of all of them),
so the narrow picture keeps one size while the controls move. A plan that would leave any
drawn pixel of any frame out, cut through one or show one twice is dropped, and so is one
that saves too little width or would scale down most of the figure.

A figure drawn as one chart or drawing across the column cannot be cut apart. Its figure
function may instead draw a *phone layout* of its own, :data:`itband.course.style.PHONE_WIDTH_IN`
wide (:func:`itband.course.style.on_phone`). That version is offered only when its text stays
whole (:func:`text_problems`): no text runs past the picture's edge, and no two texts overlap
that do not overlap in the column version too.

Units: pixels of the rendered frame, origin at the top-left corner, x to the right, y down.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

#: A box: ``(x0, y0, x1, y1)`` in pixels, x0 <= x1 and y0 <= y1.
Box = tuple[float, float, float, float]

#: Widest block kept whole (px): shown at about 0.8 of its size on a 375 px phone.
TARGET_PX = 440
#: Narrowest empty gutter that separates two columns / two rows (px).
COL_GAP_PX, ROW_GAP_PX = 12, 6
#: White margin kept around each block (px), and between stacked blocks.
PAD_PX, STACK_GAP_PX = 4, 10
#: Width of the narrow picture at most (px): a block wider than this is scaled down to it.
STACK_PX = TARGET_PX + 2 * PAD_PX
#: A narrow picture is made only if it is at most this share of the frame's width ...
MAX_SHARE = 0.85
#: ... and at least this share of its blocks' area is shown at full size (not scaled down).
MIN_FULL_SIZE = 0.5
#: A pixel with every channel at or above this level counts as empty background (0-255).
WHITE_LEVEL = 250


def artist_boxes(fig, renderer) -> list[Box]:
    """The boxes of ``fig``'s visible axes (each with everything drawn around it) and of its
    figure-level artists, after ``fig`` was drawn with ``renderer``. Empty artists are skipped."""
    height = fig.bbox.height
    artists = [ax for ax in fig.axes if ax.get_visible()]
    artists += [a for a in fig.get_children()
                if a is not fig.patch and a not in fig.axes and a.get_visible()]
    boxes = []
    for a in artists:
        bb = a.get_tightbbox(renderer) if hasattr(a, "get_tightbbox") else a.get_window_extent(renderer)
        if bb is None or not np.all(np.isfinite(bb.extents)) or (bb.width <= 0 and bb.height <= 0):
            continue
        boxes.append((bb.x0, height - bb.y1, bb.x1, height - bb.y0))
    return boxes


#: A text's box may reach this far past the picture's edge (px: antialiasing, rounding).
EDGE_SLACK_PX = 1.0
#: Two texts overlap when their boxes share more than this many pixels each way.
OVERLAP_PX = 1.0

#: A drawn text: its string and its box.
Label = tuple[str, Box]


def text_boxes(fig, renderer) -> list[Label]:
    """Every visible, non-empty text of ``fig`` (titles, labels, tick labels, legend entries,
    annotations) with its box, after ``fig`` was drawn with ``renderer``."""
    from matplotlib.text import Text

    height = fig.bbox.height
    out, undrawn = [], _undrawn_tick_labels(fig)
    for t in fig.findobj(Text):
        if (not t.get_visible() or not t.get_text().strip() or id(t) in undrawn
                or (t.axes is not None and not t.axes.get_visible())):
            continue
        bb = t.get_window_extent(renderer)
        if bb.width <= 0 or bb.height <= 0 or not np.all(np.isfinite(bb.extents)):
            continue
        out.append((t.get_text(), (bb.x0, height - bb.y1, bb.x1, height - bb.y0)))
    return out


def _undrawn_tick_labels(fig) -> set[int]:
    """The ids of axis texts that were not drawn, though Matplotlib keeps them visible: every
    tick label and axis label of an axis switched off (``ax.axis("off")``), and the labels of
    ticks outside their axis's view (only the ticks inside it are drawn)."""
    ids = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not ax.axison or not axis.get_visible():
                ids.update(id(t) for tick in axis.majorTicks + axis.minorTicks for t in (tick.label1, tick.label2))
                ids.update((id(axis.label), id(axis.offsetText)))
                continue
            lo, hi = sorted(axis.get_view_interval())
            slack = 1e-9 * max(abs(lo), abs(hi), 1.0)
            for tick in axis.majorTicks + axis.minorTicks:
                loc = tick.get_loc()
                if loc is None or not lo - slack <= loc <= hi + slack:
                    ids.update((id(tick.label1), id(tick.label2)))
    return ids


def overlapping_pairs(labels: Sequence[Label]) -> set[tuple[str, str]]:
    """The pairs of texts (sorted by string) whose boxes overlap by more than :data:`OVERLAP_PX`."""
    pairs = set()
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(labels):
        for b, (bx0, by0, bx1, by1) in labels[i + 1:]:
            if min(ax1, bx1) - max(ax0, bx0) > OVERLAP_PX and min(ay1, by1) - max(ay0, by0) > OVERLAP_PX:
                pairs.add(tuple(sorted((a, b))))
    return pairs


def text_problems(labels: Sequence[Label], width: float, height: float,
                  column_labels: Sequence[Label] = ()) -> list[str]:
    """What keeps a phone layout's text from being read whole, one line each (none: it may be
    used): a text past the edge of the ``width`` x ``height`` picture, or two texts that overlap
    although they do not in the column version (``column_labels``)."""
    problems = []
    for text, (x0, y0, x1, y1) in labels:
        if x0 < -EDGE_SLACK_PX or y0 < -EDGE_SLACK_PX or x1 > width + EDGE_SLACK_PX or y1 > height + EDGE_SLACK_PX:
            problems.append(f"{text!r} runs past the edge: box ({x0:.0f}, {y0:.0f}, {x1:.0f}, {y1:.0f}) "
                            f"in a {width:.0f} x {height:.0f} px picture")
    allowed = overlapping_pairs(column_labels)
    for a, b in sorted(overlapping_pairs(labels) - allowed):
        problems.append(f"{a!r} overlaps {b!r}")
    return problems


def _bounds(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _split(boxes: Sequence[Box], axis: int, gap: float) -> list[list[Box]]:
    """``boxes`` in groups separated by an empty band at least ``gap`` wide along ``axis``
    (0: columns, left to right; 1: rows, top to bottom)."""
    groups: list[list[Box]] = []
    end = -math.inf
    for b in sorted(boxes, key=lambda b: b[axis]):
        if not groups or b[axis] - end >= gap:
            groups.append([])
        groups[-1].append(b)
        end = max(end, b[axis + 2])
    return groups


def blocks(boxes: Sequence[Box], target: float = TARGET_PX) -> list[Box]:
    """The blocks to stack, in reading order: each the bounds of a group of whole boxes."""
    if not boxes:
        return []
    whole = _bounds(boxes)
    if whole[2] - whole[0] <= target:
        return [whole]
    columns = _split(boxes, 0, COL_GAP_PX)
    if len(columns) > 1:
        return [b for g in columns for b in blocks(g, target)]
    rows = _split(boxes, 1, ROW_GAP_PX)
    if len(rows) == 1:
        return [whole]
    # Rows across the figure (a title, a note) often hide columns below them: peel off as few rows
    # at the top and bottom as lets the rest split into columns, so each column is read whole.
    n = len(rows)
    for size in range(n - 1, 1, -1):
        for top in range(n - size + 1):
            middle = [b for g in rows[top:top + size] for b in g]
            if len(_split(middle, 0, COL_GAP_PX)) > 1:
                parts = rows[:top] + [middle] + rows[top + size:]
                return [b for g in parts for b in blocks(g, target)]
    return [b for g in rows for b in blocks(g, target)]


def plan(frame_boxes: Iterable[Sequence[Box]], width: int, height: int) -> list[tuple[int, int, int, int]] | None:
    """Pixel rectangles ``(x0, y0, x1, y1)`` to cut from every ``width`` x ``height`` frame and
    stack, from the boxes of all the frames; None when the figure is one block, when the stack
    would be wider than :data:`MAX_SHARE` of ``width``, or when less than :data:`MIN_FULL_SIZE`
    of it would be shown at full size (a chart across the whole figure)."""
    if width <= 0 or height <= 0:
        raise ValueError(f"width={width}, height={height}: a frame has a positive size in pixels")
    boxes = [b for fb in frame_boxes for b in fb]
    rects = []
    for x0, y0, x1, y1 in blocks(boxes):
        r = (max(0, math.floor(x0) - PAD_PX), max(0, math.floor(y0) - PAD_PX),
             min(width, math.ceil(x1) + PAD_PX), min(height, math.ceil(y1) + PAD_PX))
        if r[2] > r[0] and r[3] > r[1]:
            rects.append(r)
    if len(rects) < 2 or _stack_width(rects) > MAX_SHARE * width:
        return None
    area = [(r[2] - r[0]) * (r[3] - r[1]) for r in rects]
    full = sum(a for a, r in zip(area, rects) if r[2] - r[0] <= STACK_PX)
    return rects if full >= MIN_FULL_SIZE * sum(area) else None


def scales_down(rects) -> bool:
    """Whether :func:`stack` scales a rectangle of this plan down (adding blended colours)."""
    return any(r[2] - r[0] > STACK_PX for r in rects)


def _stack_width(rects) -> int:
    return max(min(r[2] - r[0], STACK_PX) for r in rects)


def _fitted(block: np.ndarray, width: int) -> np.ndarray:
    """``block`` scaled down to ``width`` pixels (a smooth Lanczos filter), or as it is if narrower."""
    from PIL import Image

    h, w = block.shape[:2]
    if w <= width:
        return block
    size = (width, max(1, round(h * width / w)))
    return np.asarray(Image.fromarray(block).resize(size, Image.Resampling.LANCZOS))


def _drawn(image: np.ndarray) -> np.ndarray:
    return (image < WHITE_LEVEL).any(axis=2)


def _lost(drawn: np.ndarray, rects) -> int:
    left = drawn.copy()
    for x0, y0, x1, y1 in rects:
        left[y0:y1, x0:x1] = False
    return int(left.sum())


def _cut(drawn: np.ndarray, rects) -> int:
    height, width = drawn.shape
    count = 0
    for i, (x0, y0, x1, y1) in enumerate(rects):
        edges = [drawn[y0:y1, x0] if x0 > 0 else None, drawn[y0:y1, x1 - 1] if x1 < width else None,
                 drawn[y0, x0:x1] if y0 > 0 else None, drawn[y1 - 1, x0:x1] if y1 < height else None]
        count += sum(int(e.sum()) for e in edges if e is not None)
        for a0, b0, a1, b1 in rects[i + 1:]:
            ox0, oy0, ox1, oy1 = max(x0, a0), max(y0, b0), min(x1, a1), min(y1, b1)
            if ox1 > ox0 and oy1 > oy0:
                count += int(drawn[oy0:oy1, ox0:ox1].sum())
    return count


def lost_pixels(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> int:
    """How many drawn (non-background) pixels of ``image`` (height x width x 3, uint8) no rectangle
    covers."""
    return _lost(_drawn(image), rects)


def cut_pixels(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> int:
    """How many drawn pixels of ``image`` a plan would cut through or show twice: those on a
    rectangle's edge (other than the frame's own edge), and those where two rectangles overlap.
    The boxes should leave none; this checks the pixels themselves."""
    return _cut(_drawn(image), rects)


def keeps_every_pixel(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> bool:
    """Whether the plan shows every drawn pixel of ``image`` once, cutting through none: a plan is
    used only when this holds for every frame (the drawn pixels are found once for both tests)."""
    drawn = _drawn(image)
    return _lost(drawn, rects) == 0 and _cut(drawn, rects) == 0


def stack(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
    """The rectangles of ``image`` one above the other, centred, on the frame's background (its
    lightest colour: course figures are drawn on white, which quantising may shift): the narrow
    frame. A rectangle wider than :data:`STACK_PX` is scaled down to it, which adds blended
    colours (:func:`scales_down`; quantise the result again)."""
    width = _stack_width(rects)
    blocks_ = [_fitted(image[y0:y1, x0:x1], width) for x0, y0, x1, y1 in rects]
    height = sum(b.shape[0] for b in blocks_) + STACK_GAP_PX * (len(blocks_) - 1)
    out = np.empty((height, width, image.shape[2]), dtype=image.dtype)
    flat = image.reshape(-1, image.shape[2])
    out[:] = flat[np.argmax(flat.sum(axis=1, dtype=np.int32))]
    y = 0
    for b in blocks_:
        left = (width - b.shape[1]) // 2
        out[y:y + b.shape[0], left:left + b.shape[1]] = b
        y += b.shape[0] + STACK_GAP_PX
    return out
