"""One helper for every figure of the course, interactive or not.

``explore(draw, alt=..., knee_flexion_deg=(0, 90, 5))`` returns an
:class:`Explorer`. Displayed in a notebook it gives ONE output with two faces:

* in a live kernel (JupyterLab, Notebook 7, VS Code, Colab, Binder) an
  ipywidgets panel whose controls redraw the figure on every change;
* in the static book, and anywhere without a widget manager, kernel-free HTML:
  a labelled ``<input type=range>`` (or ``<select>``, or checkbox) per
  parameter that swaps between frames pre-rendered at every position, each
  frame with its own alt text. ``itband/course/static/explorer.js`` drives it (shipped with the package); it works
  from ``file://`` and offline.

The book drops the widget view for the HTML builder
(``nb_mime_priority_overrides`` in ``_config.yml``), so readers get the frames.

Only a notebook executed *for the book* pre-renders every frame: the book's
Sphinx extension ``book/_ext/book_frames.py``, ``make execute`` and the test
suite set ``ITBAND_BOOK_FRAMES=1``. In a student's kernel nobody sees those
frames (the widget panel is shown instead), so the HTML face there holds the
starting frame only, and the panel draws each position when it is first asked
for and keeps it (:data:`LIVE_CACHE` positions per explorer). That makes
"Run all" several seconds faster per lesson.

A figure without controls (``show(draw, alt=...)``) goes through the same
renderer, so every image in the course carries alt text.

The package is split by role:

* :mod:`.controls`: sliders, choices and toggles;
* :mod:`.renderer`: figure to pixels (PNG for live redraws, WebP frames for the book);
* :mod:`.narrow`: a frame's phone layout, its side-by-side panels stacked;
* :mod:`.static_face` and :mod:`.live_face`: the two faces;
* :mod:`.contract`: the HTML names shared with ``explorer.js``, defined once;
* :mod:`.settings`: frame budgets and the book-or-student switch;
* :mod:`.core`: :class:`Explorer`, :func:`explore` and :func:`show`.
"""
from .contract import CONTRACT
from .controls import Choice, Slider, Toggle
from .core import Explorer, explore, show
from .renderer import figure_frame, figure_png
from .settings import (BOOK_FRAMES_ENV, FRAME_COLOURS, FRAME_MIME, LIVE_CACHE, MAX_FRAMES, kernel_env,
                       prerendering)

__all__ = ["explore", "show", "Explorer", "Slider", "Choice", "Toggle", "figure_frame", "figure_png",
           "BOOK_FRAMES_ENV", "FRAME_COLOURS", "FRAME_MIME", "LIVE_CACHE", "MAX_FRAMES", "CONTRACT",
           "kernel_env", "prerendering"]
