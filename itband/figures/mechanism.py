"""The mechanism figure of Lesson 2 beside its alt text: the friction and the compression story at
one knee angle, and what each predicts over 0-90 degrees (:mod:`itband.models.mechanism`).
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle, Ellipse, Polygon

from ..course import style
from ..models import anatomy
from ..models.constants import IMPINGEMENT_ZONE_DEG
from ..models.mechanism import (FLEXION_RANGE_DEG, _check, compression_index, friction_index,
                                posterior_tension_share)

_ZONE = f"{IMPINGEMENT_ZONE_DEG[0]:g}-{IMPINGEMENT_ZONE_DEG[1]:g}"

def _leader(ax, text: str, xy, end, text_xy, ha: str = "left") -> None:
    """A label under the end of a thin straight line from its point (cheaper than an annotation)."""
    ax.plot([xy[0], end[0]], [xy[1], end[1]], color="#333333", lw=0.7, zorder=5.5)
    ax.text(text_xy[0], text_xy[1], text, fontsize=8.5, ha=ha, va="top", zorder=6)

def _friction_panel(ax, flex: float) -> None:
    """Side view close-up: the band's strip sweeping over the epicondyle (friction story)."""
    bone, edge = style.ROLE["bone"], style.ROLE["bone_edge"]
    # femur end and epicondyle
    ax.add_patch(Polygon([(-3.2, 9.5), (3.2, 9.5), (3.6, 1.5), (3.0, -1.6), (-3.4, -1.8), (-3.8, 1.5)],
                         closed=True, facecolor=bone, edgecolor=edge, lw=1.0, zorder=1))
    ax.add_patch(Circle((0.0, 0.0), 1.15, facecolor="#C9BFA8", edgecolor=edge, lw=1.0, zorder=2))
    # tibia, rotated with the knee
    tib = [anatomy.shank_point(p, flex) for p in [(-3.2, -2.2), (3.4, -2.2), (3.0, -9.5), (-2.6, -9.5)]]
    ax.add_patch(Polygon(tib, closed=True, facecolor=bone, edgecolor=edge, lw=1.0, zorder=1))
    gerdy = anatomy.shank_point(anatomy.GERDY_TIBIA_CM, flex)
    top = np.array(anatomy.BAND_PROXIMAL_CM)
    d = gerdy - top
    # clip the band's line to the window
    t0 = (10.0 - top[1]) / d[1]
    p0 = top + t0 * d
    near = friction_index(flex)
    ax.plot([p0[0], gerdy[0]], [p0[1], gerdy[1]], color=style.ROLE["band"], lw=9, alpha=0.85,
            solid_capstyle="butt", zorder=3)
    if near > 0.5:  # the rub: marks where band and bone meet
        ax.plot([0.0], [0.0], marker=(8, 2, 0), ms=22, color=style.ROLE["warn"], mew=2.2, zorder=5)
        ax.text(1.5, -1.3, "rubbing", ha="left", fontsize=9, color=style.ROLE["warn"],
                fontweight="bold", zorder=6)
    where = anatomy.band_position(flex)
    ax.text(-2.9, 7.6, "femur", fontsize=8.5, color=style.ROLE["text"], zorder=6)
    tib_mid = anatomy.shank_point((0.2, -7.0), flex)
    ax.text(tib_mid[0], tib_mid[1], "tibia", fontsize=8.5, ha="center", color=style.ROLE["text"], zorder=6)
    _leader(ax, "epicondyle", (-0.9, -0.6), (-3.6, -2.0), (-5.9, -2.1))
    ax.text(p0[0] + 0.6, 8.6, "IT band", fontsize=8.5, color=style.ROLE["band"], zorder=6)
    ax.plot([-2.5, 2.5], [4.5, 4.5], color=style.ROLE["text"], lw=1.1, zorder=6)
    ax.plot([-2.6], [4.5], marker="<", color=style.ROLE["text"], ms=6, zorder=6)
    ax.plot([2.6], [4.5], marker=">", color=style.ROLE["text"], ms=6, zorder=6)
    ax.text(0.0, 5.3, "slides", ha="center", fontsize=8.5, color=style.ROLE["text"], zorder=6)
    ax.text(-5.8, -11.6, f"band {where} the epicondyle", fontsize=9, color=style.ROLE["text"])
    ax.set_xlim(-6, 6)
    ax.set_ylim(-12, 10)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.text(0.0, 1.0, "A. Friction story\n(side view)", transform=ax.transAxes, fontsize=10.5,
            ha="left", va="bottom")
    ax.text(5.9, -10.2, "front →", fontsize=8, color=style.ROLE["muted"], ha="right")


def _compression_panel(ax, flex: float) -> None:
    """Cross-section at the epicondyle, seen from above: the fat squeezed under an anchored band."""
    bone, edge = style.ROLE["bone"], style.ROLE["bone_edge"]
    c = compression_index(flex)
    post = posterior_tension_share(flex)
    # femoral condyle cross-section (medial side off to the left), epicondyle bulge on the right
    ax.add_patch(Ellipse((-2.2, 0.0), 8.6, 7.0, facecolor=bone, edgecolor=edge, lw=1.0, zorder=1))
    ax.add_patch(Ellipse((1.7, 0.0), 1.6, 2.6, facecolor="#C9BFA8", edgecolor=edge, lw=1.0, zorder=1.5))
    # fat layer: thinner and redder as it is squeezed
    gap = 1.6 - 1.05 * c           # band-to-bone gap (schematic units)
    fat_x = 2.5 + gap / 2
    ax.add_patch(Ellipse((fat_x, 0.0), max(gap, 0.35), 3.6, facecolor=style.ROLE["fat"],
                         edgecolor="#8A7A00", lw=0.9, hatch="..", zorder=2))
    # nerve endings in the fat (small marks)
    for y in (-1.1, -0.35, 0.35, 1.1):
        ax.plot([fat_x], [y], marker="x", ms=4.5, color="#6B5A00", mew=1.0, zorder=2.5)
    band_x = 2.5 + gap + 0.35
    # band: anterior half (top of the drawing = front) and posterior half, line width = tension
    ant_w, post_w = 2.0 + 6.0 * (1 - post), 2.0 + 6.0 * post
    ax.plot([band_x, band_x], [0.0, 3.4], color=style.ROLE["band"], lw=ant_w, solid_capstyle="butt", zorder=3)
    ax.plot([band_x, band_x], [-3.4, 0.0], color=style.ROLE["band"], lw=post_w, solid_capstyle="butt",
            zorder=3, alpha=0.95)
    ax.text(band_x + 0.55, 2.3, f"front fibres\n{(1 - post) * 100:.0f} % of tension", fontsize=8, va="center")
    ax.text(band_x + 0.55, -2.6, f"back fibres\n{post * 100:.0f} % of tension", fontsize=8, va="center")
    # anchoring strands to the femur
    for y in (3.0, -3.0):
        ax.plot([band_x - 0.1, 1.2], [y, y * 0.72], color=style.ROLE["band"], lw=1.0, ls=(0, (2, 1.5)), zorder=2)
    ax.text(-6.3, 4.25, "dotted: strands anchor the band to the femur", fontsize=8, color=style.ROLE["band"])
    ax.text(-3.5, -0.2, "femur\n(lateral condyle)", fontsize=8.5, ha="center", va="center")
    _leader(ax, "epicondyle", (1.5, -1.1), (0.4, -2.9), (0.4, -3.0), ha="center")
    _leader(ax, f"fat, rich in nerve endings (×):\n{max(gap, 0.35) / 1.6 * 100:.0f} % of its resting thickness",
            (fat_x, -1.6), (3.0, -3.55), (1.2, -3.6))
    ax.text(band_x + 0.55, 3.75, "IT band", fontsize=8.5, color=style.ROLE["band"], ha="left")
    if c > 0.5:
        ax.plot([band_x + 0.5, band_x + 2.6], [0.0, 0.0], color=style.ROLE["warn"], lw=1.6, zorder=6)
        ax.plot([band_x + 0.45], [0.0], marker="<", color=style.ROLE["warn"], ms=7, zorder=6)
        ax.text(band_x + 0.6, 0.45, "squeezed", fontsize=9, color=style.ROLE["warn"], fontweight="bold")
    ax.set_xlim(-6.5, 9.2)
    ax.set_ylim(-5.0, 4.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.text(0.0, 1.0, "B. Compression story\n(cross-section, seen from above)", transform=ax.transAxes,
            fontsize=10.5, ha="left", va="bottom")
    ax.text(9.1, 4.25, "outside →", fontsize=8, color=style.ROLE["muted"], ha="right")


def _prediction_panel(ax, flex: float) -> None:
    angles = np.arange(FLEXION_RANGE_DEG[0], FLEXION_RANGE_DEG[1] + 0.5, 1.0)
    fr = [friction_index(a) for a in angles]
    co = [compression_index(a) for a in angles]
    z0, z1 = IMPINGEMENT_ZONE_DEG
    ax.axvspan(z0, z1, color=style.ROLE["zone"], alpha=0.3, lw=0, hatch="//")
    ax.plot(angles, fr, color=style.ROLE["band"], lw=2.2, label="A. rubbing (friction)")
    ax.plot(angles, co, color=style.PALETTE["vermillion"], lw=2.2, ls="--", label="B. pressure on fat (compression)")
    ax.axvline(flex, color="black", lw=1.2)
    ax.plot([flex], [friction_index(flex)], "o", color=style.ROLE["band"], mec="black", ms=7, zorder=5)
    ax.plot([flex], [compression_index(flex)], "s", color=style.PALETTE["vermillion"], mec="black", ms=7, zorder=5)
    ax.set_xlim(0, 90)
    ax.set_ylim(0, 1.12)
    ax.set_xticks([0, 30, 60, 90])
    ax.set_yticks([0.0, 0.5, 1.0])
    ax.set_xlabel("Knee flexion (degrees)")
    ax.set_ylabel("Predicted irritation\n(relative, schematic)")
    ax.legend(loc="upper right", fontsize=8.3)
    ax.text(sum(IMPINGEMENT_ZONE_DEG) / 2, 1.07, f"{_ZONE}°", ha="center", fontsize=8.5)


def draw_mechanisms(knee_flexion_deg: float = 30.0):
    """Friction and compression stories at one knee angle (0-90 degrees), and what each predicts.

    Top left: side-view close-up, the band's strip over the epicondyle (friction).
    Top right: cross-section, the fat layer under an anchored band (compression),
    with the share of tension in the band's front and back fibres. Bottom: both
    predicted irritation curves over 0-90 degrees with the impingement zone and
    the current angle.
    """
    flex = _check(knee_flexion_deg)
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 6.2)
    fig.set_layout_engine("none")
    a = fig.add_axes((0.01, 0.40, 0.36, 0.52))
    b = fig.add_axes((0.40, 0.40, 0.59, 0.52))
    c = fig.add_axes((0.12, 0.08, 0.84, 0.24))
    _friction_panel(a, flex)
    _compression_panel(b, flex)
    _prediction_panel(c, flex)
    c.text(0.0, 1.03, f"What each story predicts; the black line marks the knee bent {flex:g}°", fontsize=10.5,
           transform=c.transAxes, ha="left", va="bottom")
    return fig


def mechanisms_alt(knee_flexion_deg: float = 30.0) -> str:
    """Alt text for :func:`draw_mechanisms`."""
    flex = _check(knee_flexion_deg)
    fr, co = friction_index(flex), compression_index(flex)
    post = posterior_tension_share(flex)
    where = anatomy.band_position(flex)
    return (f"Two schematics of the knee bent {flex:g} degrees. Friction story, side view: the IT band's strip "
            f"lies {where} the lateral femoral epicondyle{', rubbing it' if fr > 0.5 else ''}. Compression story, "
            f"cross-section: the band is anchored to the femur by strands, its back fibres carry "
            f"{post * 100:.0f} % of the tension, and the innervated fat layer under it is "
            f"{'squeezed' if co > 0.5 else 'not squeezed much'}. Below, a chart of predicted irritation over "
            f"{FLEXION_RANGE_DEG[0]:g}-{FLEXION_RANGE_DEG[1]:g} degrees: rubbing {fr:.2f} and pressure on the "
            f"fat {co:.2f} at this angle; both curves peak in or next to the shaded {_ZONE} degree zone.")
