"""The body map of iliotibial band syndrome pain (:mod:`itband.models.body_map`):
:func:`draw_pain_map` beside its alt text :func:`describe_pain_map`.

The map is a simple outline of the lower body, seen from the side (the right
leg, facing right) and from the front. Each region has its own colour AND its own
hatching AND a text label, so the regions can be told apart without colour. The
outline is schematic: the proportions are for legibility, not measurement.
"""
from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Patch, Polygon
from matplotlib.transforms import Affine2D

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, new_figure, on_phone
from ..course.validate import check_flag
from ..models.body_map import (EPICONDYLE_Y, ILIAC_CREST_Y, KNEE_JOINT_Y, PAIN_REGIONS, TROCHANTER_Y,
                               check_view, region_names)

#: How each region is drawn: colour and hatch (and how the alt text names the hatch).
REGION_STYLE = {
    "knee": {"colour": PALETTE["vermillion"], "hatch": "////", "hatch_name": "hatched with diagonal lines"},
    "thigh": {"colour": PALETTE["orange"], "hatch": "...", "hatch_name": "dotted"},
    "hip": {"colour": PALETTE["purple"], "hatch": "xx", "hatch_name": "cross-hatched"},
}
#: Horizontal distance between the two views when both are drawn (body units).
VIEW_SPACING = 70.0
_VIEW_WORDS = {"both": "a side view and a front view", "lateral": "a side view", "front": "a front view"}

# --------------------------------------------------------------------------- outlines

_FRONT_HALF = [  # person's left half, seen from the front (x >= 0); mirrored for the right half
    (0.0, 125.0), (15.0, 125.0), (13.0, 108.0), (16.5, 99.0), (18.5, 88.0), (17.5, 76.0),
    (14.8, 58.0), (13.6, 51.0), (13.2, 45.0), (13.9, 36.0), (11.0, 12.0), (10.6, 5.0),
    (12.0, 1.0), (11.6, 0.0), (4.2, 0.0), (4.3, 4.0), (5.0, 10.0), (4.7, 30.0),
    (4.2, 42.0), (4.6, 48.0), (3.2, 62.0), (1.6, 78.0), (0.0, 80.0),
]

_LATERAL = [  # the right side of the body, facing right (+x is the front)
    (8.0, 125.0), (7.0, 108.0), (9.0, 98.0), (7.5, 88.0), (9.5, 76.0), (7.6, 57.0),
    (8.4, 51.0), (6.4, 44.0), (5.6, 32.0), (4.0, 8.0), (11.0, 3.5), (13.5, 1.0),
    (13.0, 0.0), (-5.0, 0.0), (-5.8, 3.5), (-3.6, 10.0), (-6.4, 32.0), (-5.4, 44.0),
    (-6.0, 56.0), (-8.2, 75.0), (-11.5, 86.0), (-9.0, 99.0), (-6.5, 108.0), (-8.0, 125.0),
]


def _front_outline() -> np.ndarray:
    half = np.array(_FRONT_HALF)
    mirrored = half[::-1].copy()
    mirrored[:, 0] *= -1
    return np.vstack([half, mirrored[1:-1]])


def _region_patches(view: str, regions: list[str]) -> list[tuple[str, object]]:
    """The region shapes for one view, as ``(region name, patch)`` pairs (unstyled), hip first."""
    if view == "lateral":
        shapes = {"hip": lambda: Ellipse((-1.8, TROCHANTER_Y), 13.0, 13.0),
                  "thigh": lambda: Polygon([(-6.0, 82.0), (3.5, 82.0), (3.8, 57.0), (-4.0, 57.0)]),
                  "knee": lambda: Ellipse((0.3, EPICONDYLE_Y), 8.0, 8.5)}
    else:  # front view: the person's right leg is on the viewer's left (x < 0), outer edge
        shapes = {"hip": lambda: Ellipse((-15.8, TROCHANTER_Y), 10.0, 13.0),
                  "thigh": lambda: Polygon([(-18.5, 82.0), (-11.5, 82.0), (-9.0, 57.0), (-15.0, 57.0)]),
                  "knee": lambda: Ellipse((-11.6, EPICONDYLE_Y), 7.5, 8.5)}
    return [(name, shapes[name]()) for name in ("hip", "thigh", "knee") if name in regions]


def _draw_view(ax, view: str, regions: list[str], show_band: bool, labels: bool, dx: float = 0.0,
               phone: bool = False) -> None:
    """Draw one view into ``ax``, shifted right by ``dx`` body units (both views share one axes: faster);
    ``phone``: its title on two lines, for the phone layout."""
    tr = Affine2D().translate(dx, 0.0) + ax.transData
    outline = _LATERAL if view == "lateral" else _front_outline()
    body = Polygon(outline, closed=True, facecolor="#F4EFE8", edgecolor=ROLE["text"], linewidth=1.4,
                   joinstyle="round", zorder=1, transform=tr)
    ax.add_patch(body)
    # the knee joint line, as a faint guide
    guide = dict(color=ROLE["muted"], lw=0.8, ls=":", zorder=2, transform=tr)
    if view == "lateral":
        ax.plot([-5.4, 7.4], [KNEE_JOINT_Y, KNEE_JOINT_Y], **guide)
    else:
        ax.plot([-13.3, -4.4, np.nan, 4.4, 13.3], [KNEE_JOINT_Y] * 2 + [np.nan] + [KNEE_JOINT_Y] * 2, **guide)
    if show_band:
        if view == "lateral":
            xs, ys = [-2.5, -2.2, -1.0, 1.0, 3.2], [ILIAC_CREST_Y, TROCHANTER_Y, 70.0, EPICONDYLE_Y, 43.0]
        else:
            xs, ys = [-15.2, -16.6, -15.0, -12.6, -11.8], [ILIAC_CREST_Y, TROCHANTER_Y, 70.0, EPICONDYLE_Y, 43.0]
        ax.plot(xs, ys, color=ROLE["band"], lw=2.2, ls="--", zorder=5, solid_capstyle="round", transform=tr)
    for name, patch in _region_patches(view, regions):
        style = REGION_STYLE[name]
        patch.set(facecolor=style["colour"], alpha=0.55, edgecolor=ROLE["text"], hatch=style["hatch"],
                  linewidth=1.0, zorder=3, transform=tr)
        ax.add_patch(patch)
        patch.set_clip_path(body)
    if labels:
        _label_view(ax, view, regions, show_band, tr)
    title = "Side view (right leg)" if view == "lateral" else "Front view (right leg marked)"
    ax.text(0.0, 131.0, title.replace(" (", "\n(") if phone else title, fontsize=11, ha="center", va="bottom", color=ROLE["text"], transform=tr)


def _leader(ax, text: str, xy, xytext, ha: str = "left", colour: str = ROLE["text"], tr=None) -> None:
    """A label with a straight leader line (plain line + text: cheaper to draw than an annotation)."""
    tr = tr or ax.transData
    ax.plot([xy[0], xytext[0] + (-1.0 if ha == "left" else 1.0)], [xy[1], xytext[1]],
            color=colour, lw=0.8, zorder=6, transform=tr)
    ax.text(xytext[0], xytext[1], text, ha=ha, va="center", fontsize=9, color=colour, zorder=6, transform=tr)


def _label_view(ax, view: str, regions: list[str], show_band: bool, tr) -> None:
    muted = dict(fontsize=8, color=ROLE["muted"], transform=tr)
    if view == "lateral":
        _leader(ax, "Knee", (3.0, EPICONDYLE_Y), (17.0, 53.0), tr=tr)
        if "thigh" in regions:
            _leader(ax, "Thigh", (2.5, 70.0), (17.0, 70.0), tr=tr)
        if "hip" in regions:
            _leader(ax, "Hip", (4.0, TROCHANTER_Y), (17.0, 89.0), tr=tr)
        if show_band:
            _leader(ax, "IT band", (-2.3, 96.0), (-16.0, 108.0), ha="right", colour=ROLE["band"], tr=tr)
        ax.text(-20.0, KNEE_JOINT_Y, "joint line", ha="right", va="center", **muted)
        ax.text(15.0, 3.0, "front \u2192", **muted)
    else:
        _leader(ax, "Knee", (-13.5, EPICONDYLE_Y), (-24.0, 53.0), ha="right", tr=tr)
        if "thigh" in regions:
            _leader(ax, "Thigh", (-16.0, 70.0), (-24.0, 70.0), ha="right", tr=tr)
        if "hip" in regions:
            _leader(ax, "Hip", (-19.0, TROCHANTER_Y), (-24.0, 92.0), ha="right", tr=tr)
        ax.text(-8.0, -3.5, "right", ha="center", **muted)
        ax.text(8.0, -3.5, "left", ha="center", **muted)


def _options(view, show_spread, show_hip, show_band, labels) -> tuple[str, list[str], bool, bool]:
    view = check_view(view)
    regions = region_names(show_spread, show_hip)
    return view, regions, check_flag("show_band", show_band), check_flag("labels", labels)


def draw_pain_map(view: str = "both", show_spread: bool = True, show_hip: bool = True,
                  show_band: bool = True, labels: bool = True):
    """Draw the body map of iliotibial band syndrome pain and return the Figure.

    Parameters
    ----------
    view
        ``"both"`` (side and front view, side by side), ``"lateral"`` or ``"front"``.
    show_spread
        Mark the outer thigh, where the pain can spread.
    show_hip
        Mark the outer hip, where some runners feel it.
    show_band
        Draw the line of the IT band (blue, dashed).
    labels
        Write the region names beside the body, and a legend under it.

    The knee region (the typical one) is always drawn. Each region has a
    colour, a hatch and a label (see :data:`REGION_STYLE`).
    """
    view, regions, show_band, labels = _options(view, show_spread, show_hip, show_band, labels)
    views = ["lateral", "front"] if view == "both" else [view]
    # the column figure of both views is limited by its height, so its phone layout draws the
    # body nearly as large in 4.4 in, with the legend in two columns under it; one view alone is
    # already narrow enough
    phone = on_phone() and view == "both"
    if phone:
        fig = new_figure(PHONE_WIDTH_IN, 5.4 if labels else 4.8)
    else:
        fig = new_figure(7.0 if view == "both" else 4.2, 5.4)
    fig.set_layout_engine("none")  # fixed layout: a constrained layout doubles the redraw time
    bottom = (0.16 if phone else 0.09) if labels else 0.01
    ax = fig.add_axes((0.01, bottom, 0.98, 0.99 - bottom))
    for k, v in enumerate(views):
        _draw_view(ax, v, regions, show_band, labels, dx=k * VIEW_SPACING, phone=phone)
    margin = 37 if phone else 34
    ax.set_xlim(-margin, margin + VIEW_SPACING * (len(views) - 1))
    ax.set_ylim(-4, 145 if phone else 138)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if labels:
        handles = [Patch(facecolor=REGION_STYLE[n]["colour"], alpha=0.55, edgecolor=ROLE["text"],
                         hatch=REGION_STYLE[n]["hatch"], label=PAIN_REGIONS[n]["label"]) for n in regions]
        if show_band:
            handles.append(Line2D([], [], color=ROLE["band"], lw=2.2, ls="--", label="IT band (line)"))
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=min(2 if phone else 4, len(handles)),
                   fontsize=9, handleheight=1.6, handlelength=2.4)
    return fig


def describe_pain_map(view: str = "both", show_spread: bool = True, show_hip: bool = True,
                      show_band: bool = True, labels: bool = True) -> str:
    """Alt text for :func:`draw_pain_map` with these options, built from the regions it marks."""
    view, regions, show_band, labels = _options(view, show_spread, show_hip, show_band, labels)
    parts = [f"{PAIN_REGIONS[n]['description']} ({REGION_STYLE[n]['hatch_name']})" for n in regions]
    band = " The IT band is drawn as a dashed line from the pelvis to below the knee." if show_band else ""
    return f"Schematic outline of the lower body in {_VIEW_WORDS[view]}, marking " + "; ".join(parts) + "." + band
