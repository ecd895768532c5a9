"""Drawings of the anatomy model (:mod:`itband.models.anatomy`), each beside its alt text.

:func:`draw_lateral_view` is the labelled side view of a right hip, thigh and knee;
:func:`draw_knee_flexion` shows the band's line sweeping across the lateral epicondyle as the
knee bends. Their alt texts (:func:`highlight_alt`, :func:`flexion_alt`) are built from the
model's data, not retyped.
"""
from __future__ import annotations

import numpy as np

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, new_figure, on_phone
from ..course.validate import check_choice
from ..models.anatomy import (BAND_PROXIMAL_CM, EPICONDYLE_CM, FIBULAR_HEAD_TIBIA_CM, GERDY_TIBIA_CM,
                              IMPINGEMENT_ZONE_DEG, STRUCTURES, _check_flexion, band_offset_mm,
                              band_position, crossing_angle_deg, shank_point)


def _check_highlight(highlight) -> str | None:
    """``None`` or a key of :data:`STRUCTURES`; ``TypeError`` for anything that is not text."""
    if highlight is None:
        return None
    if not isinstance(highlight, str):
        raise TypeError(f"highlight={highlight!r} is not text; highlight must be None or one of: "
                        + ", ".join(repr(k) for k in STRUCTURES))
    return check_choice("highlight", highlight, list(STRUCTURES))


def _zone_text(sep: str = "-", unit: str = " degree") -> str:
    lo, hi = IMPINGEMENT_ZONE_DEG
    return f"{lo:g}{sep}{hi:g}{unit}"

def _shank(points, flex):
    return np.array([shank_point(p, flex) for p in points])


def _draw_leg(ax, knee_flexion_deg: float, highlight: str | None, band_width: float = 7.0):
    """Draw the schematic on ``ax``; returns anchor points (cm) for labels."""
    flex = knee_flexion_deg
    dim = highlight is not None

    def style_for(name, face, edge, alpha=0.85):
        if not dim:
            return dict(facecolor=face, edgecolor=edge, alpha=alpha, linewidth=1.0)
        if name == highlight:
            return dict(facecolor=face, edgecolor="black", alpha=1.0, linewidth=2.6)
        return dict(facecolor=face, edgecolor=edge, alpha=0.22, linewidth=0.6)

    bone = dict(face=ROLE["bone"], edge=ROLE["bone_edge"])
    # Pelvis (ilium) and the femur.
    ilium = np.array([[-9, 50], [-7.5, 58.5], [-2, 62], [4.5, 60.5], [6.2, 56.5], [3.5, 53.5], [1, 47.5], [-4, 46.5]])
    ax.fill(*ilium.T, **style_for("iliac_crest", bone["face"], bone["edge"], 1.0), zorder=1)
    crest = np.array([[-7.5, 58.5], [-2, 62], [4.5, 60.5], [6.2, 56.5]])
    ax.plot(*crest.T, color=ROLE["bone_edge"] if highlight != "iliac_crest" else "black",
            lw=4.5 if highlight == "iliac_crest" else 2.2, zorder=21 if highlight == "iliac_crest" else 2,
            solid_capstyle="round")
    femur = np.array([[-1.6, 44], [1.4, 44], [1.5, 5], [2.9, 1.5], [2.7, -1.8], [0.8, -3.0],
                      [-2.2, -2.6], [-3.0, 0.5], [-1.8, 5]])
    ax.fill(*femur.T, facecolor=ROLE["bone"], edgecolor=ROLE["bone_edge"], lw=1.0,
            alpha=0.35 if dim else 1.0, zorder=2)
    ax.add_patch(_circle((0, 46), 3.0, ROLE["bone"], ROLE["bone_edge"], 0.35 if dim else 1.0, 2))
    # Shank: tibia, fibula, patella (the patella moves about half as far as the shank).
    tibia = _shank([[-2.6, -2.9], [2.8, -2.9], [2.6, -5.5], [1.4, -9], [1.3, -24], [-1.3, -24],
                    [-1.5, -9], [-2.4, -5.5]], flex)
    ax.fill(*tibia.T, facecolor=ROLE["bone"], edgecolor=ROLE["bone_edge"], lw=1.0,
            alpha=0.35 if dim else 1.0, zorder=2)
    fibula = _shank([[-3.2, -4.4], [-1.9, -4.4], [-2.2, -24], [-2.9, -24]], flex)
    ax.fill(*fibula.T, **style_for("fibular_head", ROLE["bone"], ROLE["bone_edge"], 1.0), zorder=2)
    patella_c = shank_point((3.9, 1.2), flex / 2)
    ax.add_patch(_ellipse(patella_c, 1.5, 3.4, -flex / 2, ROLE["bone"], ROLE["bone_edge"], 0.35 if dim else 1.0))
    # Muscles.
    gmed = np.array([[-6.5, 56], [-1.5, 60], [3.5, 58.5], [2.5, 52.5], [0.5, 48.5], [-3.5, 50]])
    ax.fill(*gmed.T, hatch="..", **style_for("gluteus_medius", PALETTE["purple"], "#5E2750", 0.55), zorder=3)
    gmax = np.array([[-9.5, 52.5], [-8.8, 45], [-5.5, 37.5], [-1.2, 31], [-0.4, 34.5], [-1.6, 44], [-4.5, 48.5]])
    ax.fill(*gmax.T, **style_for("gluteus_maximus", ROLE["muscle"], "#7A3300"), zorder=4)
    tfl = np.array([[5.4, 56.5], [6.2, 54], [4.4, 43], [2.0, 35.5], [1.2, 37.0], [3.3, 48], [3.8, 55]])
    ax.fill(*tfl.T, **style_for("tfl", ROLE["muscle"], "#7A3300"), zorder=4)
    vl = np.array([[1.4, 40], [3.9, 33], [4.4, 18], [3.6, 6.5], [1.6, 4.5], [1.4, 20]])
    ax.fill(*vl.T, hatch="//", **style_for("vastus_lateralis", PALETTE["sky"], "#1F5F8B", 0.6), zorder=3)
    fh = shank_point(FIBULAR_HEAD_TIBIA_CM, flex)
    bf = np.array([[-1.8, 36], [-4.2, 28], [-4.4, 14], [-3.6, 5], fh + [-0.5, 0.6], fh + [0.6, 0.8],
                   [-2.0, 6], [-1.9, 18]])
    ax.fill(*bf.T, hatch="\\\\", **style_for("biceps_femoris", PALETTE["green"], "#00573F", 0.55), zorder=3)
    # Fat pad / lateral recess, then the band over it.
    ax.add_patch(_ellipse((0.45, 0.3), 1.6, 3.6, 0, ROLE["fat"], "#8A7F00", 1.0 if highlight in (None, "fat_pad") else 0.3,
                          hatch="xx", lw=2.4 if highlight == "fat_pad" else 0.8, zorder=6))
    ax.add_patch(_circle(EPICONDYLE_CM, 0.9, "#B8AC94", "black" if highlight == "lateral_epicondyle" else ROLE["bone_edge"],
                         1.0 if highlight in (None, "lateral_epicondyle") else 0.35, 7,
                         lw=2.6 if highlight == "lateral_epicondyle" else 1.0))
    g = shank_point(GERDY_TIBIA_CM, flex)
    band_top = np.array([[-0.8, 44], [1.6, 44], [1.2, 38]])
    band_alpha = 1.0 if highlight in (None, "it_band") else 0.3
    band_lw = band_width * (1.3 if highlight == "it_band" else 1.0)
    ax.fill(*band_top.T, color=ROLE["band"], alpha=band_alpha * 0.9, zorder=8, lw=0)
    p = np.array(BAND_PROXIMAL_CM)
    ax.plot([p[0], g[0]], [p[1], g[1]], color=ROLE["band"], lw=band_lw, alpha=band_alpha,
            solid_capstyle="round", zorder=8)
    if highlight == "it_band":
        ax.plot([p[0], g[0]], [p[1], g[1]], color="black", lw=1.2, ls="--", zorder=9)
    ax.add_patch(_circle(g, 0.75, PALETTE["blue"] if highlight != "gerdys_tubercle" else PALETTE["yellow"],
                         "black", 1.0, 9, lw=2.4 if highlight == "gerdys_tubercle" else 0.8))
    return anchor_points(flex)


def anchor_points(knee_flexion_deg: float = 0.0) -> dict[str, np.ndarray]:
    """A point (cm, femur frame) on each structure of :data:`STRUCTURES`, where labels point.

    Points on the shank (Gerdy's tubercle, the fibular head) and on the band
    move with ``knee_flexion_deg``.
    """
    flex = _check_flexion(knee_flexion_deg)
    p = np.array(BAND_PROXIMAL_CM)
    g = shank_point(GERDY_TIBIA_CM, flex)
    return {
        "iliac_crest": np.array([-2.0, 62.0]), "tfl": np.array([4.6, 50.0]),
        "gluteus_medius": np.array([-2.5, 56.5]), "gluteus_maximus": np.array([-6.0, 44.0]),
        "it_band": p + (g - p) * 0.45, "vastus_lateralis": np.array([3.6, 24.0]),
        "biceps_femoris": np.array([-3.9, 20.0]), "lateral_epicondyle": np.array(EPICONDYLE_CM, dtype=float),
        "fat_pad": np.array([0.9, 1.6]), "gerdys_tubercle": g,
        "fibular_head": shank_point(FIBULAR_HEAD_TIBIA_CM, flex),
    }


def _circle(xy, r, face, edge, alpha, zorder, lw=1.0):
    from matplotlib.patches import Circle

    return Circle(xy, r, facecolor=face, edgecolor=edge, alpha=alpha, zorder=zorder, lw=lw)


def _ellipse(xy, w, h, angle, face, edge, alpha, hatch=None, lw=1.0, zorder=2):
    from matplotlib.patches import Ellipse

    return Ellipse(xy, w, h, angle=angle, facecolor=face, edgecolor=edge, alpha=alpha,
                   hatch=hatch, lw=lw, zorder=zorder)


# Label positions (cm) on the left (posterior) and right (anterior) of the drawing.
_LABEL_XY = {
    "iliac_crest": (-13, 62), "gluteus_medius": (-13, 57), "gluteus_maximus": (-13, 46),
    "biceps_femoris": (-13, 20), "fibular_head": (-13, -10),
    "tfl": (9.5, 57), "it_band": (9.5, 34), "vastus_lateralis": (9.5, 22),
    "lateral_epicondyle": (9.5, 8), "fat_pad": (9.5, 0), "gerdys_tubercle": (9.5, -8),
}


def draw_lateral_view(highlight: str | None = None, knee_flexion_deg: float = 0.0, labels: bool = True):
    """Labelled lateral-view schematic of a right hip, thigh and knee.

    ``highlight`` names one key of :data:`STRUCTURES` to emphasise (the others
    fade and its role is printed under the drawing); ``knee_flexion_deg``
    bends the knee (0-120 degrees); ``labels`` (True or False) names the structures.
    """
    highlight = _check_highlight(highlight)
    flex = _check_flexion(knee_flexion_deg)
    if not isinstance(labels, bool):
        raise TypeError(f"labels={labels!r} is not True or False; labels must be a bool")
    # the phone layout draws the leg two thirds as wide, with the longer names on two lines
    phone = on_phone()
    if phone:
        height = 5.75 if highlight else 4.85
        fig = new_figure(PHONE_WIDTH_IN, height, layout=None)
        ax = fig.add_axes((0.0, 1.0 / height if highlight else 0.0, 1.0, 1 - (1.4 if highlight else 0.4) / height))
    else:
        fig = new_figure(7.0, 6.6, layout=None)
        ax = fig.add_axes((0.0, 0.1 if highlight else 0.0, 1.0, 0.86 if highlight else 0.94))
    anchors = _draw_leg(ax, flex, highlight)
    if labels:
        for name, (tx, ty) in _LABEL_XY.items():
            on = highlight is None or name == highlight
            label = STRUCTURES[name].label
            ax.text(tx, ty, _wrap(label, 16) if phone else label, ha="right" if tx < 0 else "left", va="center",
                    fontsize=(9.8 if on else 9.0) if phone else (10.5 if on else 9.5), fontweight="bold" if name == highlight else "normal",
                    color=ROLE["text"] if on else "#767676")
            ax.plot([tx + (0.5 if tx < 0 else -0.5), anchors[name][0]], [ty, anchors[name][1]],
                    lw=0.9 if on else 0.5, color="#333333" if on else "#9A9A9A", zorder=30)
    ax.set_xlim(*((-31.5, 28.5) if phone else (-23, 22)))
    ax.set_ylim(-27, 66)
    ax.set_aspect(0.62)  # widths drawn 1.6 times wider than lengths, so the thin structures show
    ax.axis("off")
    ax.text(-22.5, -25, "← back", color=ROLE["muted"], fontsize=9, ha="left")
    ax.text(21.5, -25, "front →", color=ROLE["muted"], fontsize=9, ha="right")
    title = "Right leg seen from the outside"
    if flex:
        title += f", knee bent {flex:g}°"
    fig.text(0.02, 1 - 0.165 / fig.get_figheight(), title, fontsize=12, va="top")
    if highlight is not None:
        s = STRUCTURES[highlight]
        fig.text(0.02, 0.099 / fig.get_figheight(), _wrap(f"{s.label}: {s.role}.", 58 if phone else 95),
                 fontsize=9.8, va="bottom",
                 color=ROLE["text"], bbox=dict(facecolor="#F4F4F4", edgecolor="#BBBBBB", boxstyle="round,pad=0.4"))
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def draw_knee_flexion(knee_flexion_deg: float = 0.0):
    """Two panels: the knee seen from the outside at ``knee_flexion_deg`` (degrees), and the
    band's distance in front of (+) or behind (-) the lateral epicondyle over 0-90 degrees."""
    flex = _check_flexion(knee_flexion_deg)
    fig = new_figure(7.0, 3.9, layout=None)
    left = fig.add_axes((0.0, 0.0, 0.36, 0.84))
    right = fig.add_axes((0.5, 0.14, 0.48, 0.8))
    _draw_leg(left, flex, None, band_width=4.0)
    left.set_xlim(-10, 10)
    left.set_ylim(-13, 16)
    left.set_aspect("equal")
    left.axis("off")
    where = band_position(flex)
    fig.text(0.01, 0.98, f"Knee bent {flex:g}°: band {where}\nthe epicondyle", fontsize=10.5, va="top")
    left.text(4.3, -9.5, "epicondyle", fontsize=9, va="center",
              bbox=dict(facecolor="white", edgecolor="none", pad=1), zorder=31)
    left.plot([4.2, 0.5], [-9.2, -0.5], lw=0.8, color="#333333", zorder=30)
    left.text(3.5, 13, "IT band", fontsize=9, color=ROLE["band"], va="center",
              bbox=dict(facecolor="white", edgecolor="none", pad=1), zorder=31)
    left.plot([3.3, 0.4], [12.8, 10], lw=0.8, color=ROLE["band"], zorder=30)
    angles = np.arange(0, 91, 1.0)
    offsets = [band_offset_mm(a) for a in angles]
    z0, z1 = IMPINGEMENT_ZONE_DEG
    right.axvspan(z0, z1, color=ROLE["zone"], alpha=0.3, hatch="//", lw=0, label=f"{_zone_text(unit='°')} zone")
    right.axhline(0, color="#333333", lw=0.8)
    right.plot(angles, offsets, color=ROLE["band"], lw=2.2, label="band line")
    right.plot([flex], [band_offset_mm(flex)], "o", ms=9, color=PALETTE["vermillion"],
               markeredgecolor="black", label="this knee angle", zorder=5)
    right.set_xlim(0, 90)
    right.set_xlabel("Knee flexion (degrees)")
    right.set_ylabel("Band in front (+) / behind (−)\nthe epicondyle (mm)")
    right.text(88, 4, "band in front ↑", ha="right", color=ROLE["muted"], fontsize=9)
    right.text(88, -7, "band behind ↓", ha="right", color=ROLE["muted"], fontsize=9)
    right.legend(loc="lower left", fontsize=8.5)
    return fig


def flexion_alt(knee_flexion_deg: float) -> str:
    """Alt text for :func:`draw_knee_flexion` at ``knee_flexion_deg`` (0-120 degrees)."""
    flex = _check_flexion(knee_flexion_deg)
    off = band_offset_mm(flex)
    where = band_position(flex)
    dist = "" if where == "over" else f" by about {abs(off):.0f} mm"
    cross = crossing_angle_deg()
    lo, hi = IMPINGEMENT_ZONE_DEG
    inside = "inside" if lo <= cross <= hi else "outside"
    return (f"Side view of a right knee bent {flex:g} degrees: the IT band's line runs {where} the "
            f"lateral femoral epicondyle{dist}. Beside it, a chart of that distance falling from about "
            f"{band_offset_mm(0):.0f} mm in front at 0 degrees to {abs(band_offset_mm(90)):.0f} mm behind at "
            f"90 degrees, crossing zero near {cross:.0f} degrees, {inside} the shaded {_zone_text()} zone.")


def highlight_alt(highlight: str | None) -> str:
    """Alt text for :func:`draw_lateral_view` with one structure highlighted."""
    highlight = _check_highlight(highlight)
    if highlight is None:
        name = {k: s.label if s.label.startswith("Gerdy") else s.label[0].lower() + s.label[1:]
                for k, s in STRUCTURES.items()}
        return (f"Labelled schematic of a right hip, thigh and knee seen from the outside, naming "
                f"{', '.join(list(name.values())[:-1])} and {name['fibular_head']}. The {name['it_band']} "
                f"runs from the hip, where {name['tfl']} pulls on it from the front and {name['gluteus_maximus']} "
                f"from behind, down the outside of the thigh over {name['vastus_lateralis']}, past the "
                f"{name['lateral_epicondyle']} and the {name['fat_pad']}, to {name['gerdys_tubercle']} "
                f"on the tibia; {name['biceps_femoris']} ends at the {name['fibular_head']} behind it.")
    s = STRUCTURES[highlight]
    return f"Schematic side view of a right hip, thigh and knee with the {s.label} highlighted: {s.role}."
