"""Drawing a figure to pixels: full-colour PNGs for live redraws, small WebP frames for the book.

:func:`picture` draws and encodes one figure with the garbage collector paused, then frees the
figure's objects at once with a young-generation collection. It changes no collector setting
beyond the call: nothing here freezes or tunes the student's heap.
"""
from __future__ import annotations

import base64
import gc
import io
from typing import Any, Callable

import numpy as np

from .. import style
from . import narrow
from .settings import FRAME_COLOURS

#: One Agg renderer per figure size (a handful in the course, ~2 MB of pixels each), reused
#: from frame to frame (see :func:`_agg_image`).
_RENDERERS: dict[tuple, Any] = {}


def _agg_image(fig, boxes: list | None = None, texts: list | None = None):
    """Draw ``fig`` with Agg and return the picture as a PIL image (a copy, safe to keep).

    Given a list ``boxes``, it is filled with the boxes of the figure's panels
    (:func:`.narrow.artist_boxes`, in the picture's pixels); given a list ``texts``, with its
    texts and their boxes (:func:`.narrow.text_boxes`); both measured by the same renderer.

    Matplotlib caches the measured size of every text per renderer; a fresh
    canvas brings a fresh renderer, so each frame measured all its labels
    again. Reusing the renderer of the last figure of the same size lets the
    labels that do not change between frames (most of them) skip that step.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    key = (*fig.bbox.size, fig.dpi)
    if key in _RENDERERS:
        # how FigureCanvasAgg.get_renderer decides to reuse its renderer; should a Matplotlib
        # release rename these, the canvas simply makes a fresh renderer, as it did before
        canvas.renderer, canvas._lastKey = _RENDERERS[key], key
    with style.rc():  # some settings (text hinting) are read while drawing, not when building
        canvas.draw()
        if boxes is not None:
            boxes.extend(narrow.artist_boxes(fig, canvas.renderer))
        if texts is not None:
            texts.extend(narrow.text_boxes(fig, canvas.renderer))
    _RENDERERS[key] = canvas.renderer
    return Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).copy()


def figure_png(fig) -> bytes:
    """The figure as a full-colour PNG, quickly (what a live redraw sends to the browser)."""
    out = io.BytesIO()
    _agg_image(fig).convert("RGB").save(out, format="PNG", compress_level=1)  # no alpha: a sixth quicker
    return out.getvalue()


def frame_pixels(fig, boxes: list | None = None, texts: list | None = None) -> np.ndarray:
    """The figure as a book frame's pixels before encoding: an RGB array (height x width x 3,
    uint8) of at most FRAME_COLOURS colours (see :func:`encode_frame`). Given lists ``boxes``
    and ``texts``, they are filled with the figure's panel boxes and texts, as in :func:`_agg_image`."""
    return quantised(_agg_image(fig, boxes, texts).convert("RGB"))


def quantised(picture) -> np.ndarray:
    """An RGB picture (PIL image or height x width x 3 uint8 array) reduced to at most
    FRAME_COLOURS colours, as an array: flat drawings look the same and encode far smaller."""
    from PIL import Image

    img = picture if isinstance(picture, Image.Image) else Image.fromarray(picture)
    return np.asarray(img.quantize(colors=FRAME_COLOURS, method=Image.Quantize.FASTOCTREE,
                                   dither=Image.Dither.NONE).convert("RGB"))


def encode_frame(pixels) -> bytes:
    """Pixels from :func:`frame_pixels` (or a narrow stack of them) as a lossless WebP.

    For these flat, small-palette drawings it is about a quarter of the bytes of a full-colour
    PNG and a quarter smaller than a palette PNG, with no visible change; every current
    browser shows it.
    """
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="WEBP", lossless=True, method=1, quality=50)
    return out.getvalue()


def figure_frame(fig) -> bytes:
    """The figure as a pre-rendered frame for the book (:func:`frame_pixels`, :func:`encode_frame`)."""
    return encode_frame(frame_pixels(fig))


def picture(figure_maker: Callable[[], Any], encode: Callable) -> Any:
    """Build a figure with ``figure_maker()`` and encode it (:func:`figure_frame` or :func:`figure_png`).

    The garbage collector waits until the picture is encoded, then frees the figure at once.
    Left to run while drawing, it moved the figure's thousands of objects (still in use) to its
    oldest generation, where only an occasional full collection freed them, stalling one redraw
    in ten by about 100 ms.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = encode(figure_maker())
    finally:
        if was_enabled:
            gc.enable()
    gc.collect(0)  # this redraw's objects are all young: a quick, small collection
    return data


def data_uri(data: bytes, mime: str) -> str:
    """``data:<mime>;base64,...`` for an encoded picture."""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
