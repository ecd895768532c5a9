"""One look for every figure of the course.

The palette is Okabe & Ito's colour-blind-safe set; every figure also tells
its lines apart by style, marker or label, never by colour alone.
"""
from __future__ import annotations

import contextlib
import contextvars

from matplotlib.figure import Figure

from .validate import check_choice, check_positive

#: Okabe-Ito palette, by name.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#6E6E6E",
}

#: What each colour means across the course, so lessons agree.
ROLE = {
    "band": PALETTE["blue"],          # the iliotibial band
    "muscle": PALETTE["vermillion"],  # muscles that pull on it
    "bone": "#D9D2C3",                # bone fill
    "bone_edge": "#5A5142",
    "fat": PALETTE["yellow"],         # the fat pad / lateral recess
    "zone": PALETTE["orange"],        # the impingement zone
    "highlight": PALETTE["purple"],
    "ok": PALETTE["green"],
    "warn": PALETTE["vermillion"],
    "text": "#1A1A1A",
    "muted": PALETTE["grey"],
}

#: Width of the book's text column in inches at the course's figure dpi (700 px at 100 dpi).
COLUMN_WIDTH_IN = 7.0
#: Pixels per inch used for every figure, live and pre-rendered.
DPI = 100
#: Width in inches of a figure's phone layout (440 px: shown at 0.74 of its size on a 375 px
#: phone, against 0.46 for the 700 px column figure, measured in headless Chromium).
PHONE_WIDTH_IN = 4.4

_PHONE = contextvars.ContextVar("itband_phone_layout", default=False)


@contextlib.contextmanager
def phone_layout():
    """While it lasts, figure functions that have a phone layout draw it (:func:`on_phone`).

    The book draws every frame of an explorer once more inside it; a frame that comes out
    narrower than the column is that figure's phone version (see
    :meth:`itband.course.explorer.Explorer.frames`). A student's kernel never enters it.
    """
    token = _PHONE.set(True)
    try:
        yield
    finally:
        _PHONE.reset(token)


def on_phone() -> bool:
    """Whether the figure being drawn is its phone version: :data:`PHONE_WIDTH_IN` wide, its
    notes wrapped shorter and its legend below, with text no smaller than the column layout's."""
    return _PHONE.get()

_RC = {
    "font.size": 10.5,
    "axes.titlesize": 12,
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#1A1A1A",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
    "svg.hashsalt": "itband",
    # Unhinted glyphs: smooth at 100 dpi and the quickest to draw (a few per cent under
    # Matplotlib 3.10; a third under 3.11, whose hinted text drawing is much slower).
    "text.hinting": "no_hinting",
}


#: The largest figure side the course draws (inches): a frame wider than a page is a mistake.
MAX_FIGURE_IN = 20.0
#: Matplotlib layout engines a figure may use (None: the drawing places its own axes).
LAYOUTS = ("constrained", "tight", "compressed", None)


def new_figure(width_in: float = COLUMN_WIDTH_IN, height_in: float = 4.0,
               layout: str | None = "constrained") -> Figure:
    """Return a fresh, white-backed figure of the given size in inches.

    ``layout="constrained"`` spaces axes and labels automatically; pass
    ``None`` for drawings that place their own axes (about twice as fast).

    It is a plain :class:`matplotlib.figure.Figure`, not a pyplot figure, so
    it never displays itself, keeps no global state and is freed when dropped.
    """
    import matplotlib as mpl

    width = check_positive("width_in", width_in, "inches", MAX_FIGURE_IN)
    height = check_positive("height_in", height_in, "inches", MAX_FIGURE_IN)
    check_choice("layout", layout, LAYOUTS)
    with mpl.rc_context(_RC):
        return Figure(figsize=(width, height), dpi=DPI, facecolor="white", layout=layout)


def fixed_axes(fig: Figure, rect: tuple[float, float, float, float]):
    """Drop ``fig``'s layout engine (a constrained layout costs more than many drawings) and add an
    axes at ``rect``: left, bottom, width, height as fractions of the figure."""
    fig.set_layout_engine(None)
    return fig.add_axes(rect)


def axes_at(fig: Figure, left_in: float, top_in: float, width_in: float, height_in: float, **kw):
    """Add an axes placed in inches from the figure's top-left corner (``kw`` as for
    ``Figure.add_axes``): how the phone layouts stack a chart, its key and its notes down a narrow
    figure without a layout engine."""
    fw, fh = fig.get_size_inches()
    return fig.add_axes((left_in / fw, 1 - (top_in + height_in) / fh, width_in / fw, height_in / fh), **kw)


def text_at(fig: Figure, left_in: float, top_in: float, text: str, **kw):
    """A figure text whose top-left corner is ``left_in``, ``top_in`` inches from the figure's
    top-left corner (``va="top"`` unless given)."""
    fw, fh = fig.get_size_inches()
    return fig.text(left_in / fw, 1 - top_in / fh, text, **{"va": "top", **kw})


def names_above_bars(ax, ys, names, bar_height: float, *, fontsize: float = 9.0, bold=None) -> None:
    """Write each horizontal bar's name just above it, from the axes' left edge: a phone
    layout's way to give the bars the figure's whole width. ``ys`` and ``bar_height`` are in data
    units; ``bold`` optionally says, per bar, whether its name is bold. Each name sits on white,
    so a line across the chart does not run through it."""
    where = ax.get_yaxis_transform()  # x in axes fractions, y in data
    for k, (y, name) in enumerate(zip(ys, names)):
        ax.text(0.005, y + bar_height / 2 + 0.04, name, transform=where, ha="left", va="bottom",
                fontsize=fontsize, fontweight="bold" if bold is not None and bold[k] else "normal",
                color=ROLE["text"], zorder=5,
                bbox=dict(boxstyle="square,pad=0.05", facecolor="white", edgecolor="none"))
    ax.set_yticks([])


def rc():
    """A context manager with the course's matplotlib settings (use around drawing code)."""
    import matplotlib as mpl

    return mpl.rc_context(_RC)
