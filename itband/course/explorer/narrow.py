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
columns where an empty gutter runs its full height, else into rows; a block that cannot be cut
stays whole. One plan serves every frame of an explorer (it is made from the boxes of all of
them), so the narrow picture keeps one size while the controls move. A plan that would leave
any drawn pixel of any frame out is dropped, and so is one that saves too little width.

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
#: A narrow picture is made only if it is at most this share of the frame's width.
MAX_SHARE = 0.85
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
    for axis, gap in ((0, COL_GAP_PX), (1, ROW_GAP_PX)):
        groups = _split(boxes, axis, gap)
        if len(groups) > 1:
            return [b for g in groups for b in blocks(g, target)]
    return [whole]


def plan(frame_boxes: Iterable[Sequence[Box]], width: int, height: int) -> list[tuple[int, int, int, int]] | None:
    """Pixel rectangles ``(x0, y0, x1, y1)`` to cut from every ``width`` x ``height`` frame and
    stack, from the boxes of all the frames; None when the stack would not be at most
    :data:`MAX_SHARE` of ``width`` wide (a single panel, or a chart across the whole figure)."""
    if width <= 0 or height <= 0:
        raise ValueError(f"width={width}, height={height}: a frame has a positive size in pixels")
    boxes = [b for fb in frame_boxes for b in fb]
    rects = []
    for x0, y0, x1, y1 in blocks(boxes):
        r = (max(0, math.floor(x0) - PAD_PX), max(0, math.floor(y0) - PAD_PX),
             min(width, math.ceil(x1) + PAD_PX), min(height, math.ceil(y1) + PAD_PX))
        if r[2] > r[0] and r[3] > r[1]:
            rects.append(r)
    if len(rects) < 2 or max(r[2] - r[0] for r in rects) > MAX_SHARE * width:
        return None
    return rects


def lost_pixels(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> int:
    """How many drawn (non-background) pixels of ``image`` (height x width x 3, uint8) no rectangle
    covers: a plan is only used when this is 0 for every frame."""
    drawn = (image < WHITE_LEVEL).any(axis=2)
    for x0, y0, x1, y1 in rects:
        drawn[y0:y1, x0:x1] = False
    return int(drawn.sum())


def stack(image: np.ndarray, rects: Sequence[tuple[int, int, int, int]]) -> np.ndarray:
    """The rectangles of ``image`` one above the other, centred, on the frame's background (its
    lightest colour: course figures are drawn on white, which quantising may shift): the narrow frame."""
    width = max(r[2] - r[0] for r in rects)
    height = sum(r[3] - r[1] for r in rects) + STACK_GAP_PX * (len(rects) - 1)
    out = np.empty((height, width, image.shape[2]), dtype=image.dtype)
    flat = image.reshape(-1, image.shape[2])
    out[:] = flat[np.argmax(flat.sum(axis=1, dtype=np.int32))]
    y = 0
    for x0, y0, x1, y1 in rects:
        left = (width - (x1 - x0)) // 2
        out[y:y + y1 - y0, left:left + x1 - x0] = image[y0:y1, x0:x1]
        y += y1 - y0 + STACK_GAP_PX
    return out
