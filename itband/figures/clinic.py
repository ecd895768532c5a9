"""Lesson 7's pictures: the clinical tests as schematic stick figures, a schematic of what
imaging shows, and the band-thickness chart.

Every number is read from :mod:`itband.models.clinic` (which reads the evidence registry).
Figures are schematic drawings made here, not copies of published images.
"""
from __future__ import annotations

import math
import textwrap

import numpy as np

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, axes_at, new_figure, on_phone, text_at
from ..models import clinic

# --------------------------------------------------------------------------- the clinical tests

_THIGH, _SHANK, _TRUNK = 1.0, 0.95, 1.3


def _seg(start, angle_deg, length):
    a = math.radians(angle_deg)
    return (start[0] + length * math.cos(a), start[1] + length * math.sin(a))


def _limb(ax, hip, thigh_deg, knee_rel_deg, colour, ls="-", lw=5, label=None, shank=_SHANK):
    """Draw a thigh from ``hip`` at ``thigh_deg`` and a shank bent ``knee_rel_deg`` from it; return the knee.

    ``shank`` shortens the shank where it points out of the picture (drawn foreshortened)."""
    knee = _seg(hip, thigh_deg, _THIGH)
    ankle = _seg(knee, thigh_deg - knee_rel_deg, shank)
    ax.plot([hip[0], knee[0], ankle[0]], [hip[1], knee[1], ankle[1]], color=colour, lw=lw, ls=ls,
            solid_capstyle="round", label=label)
    ax.plot(*knee, "o", color="white", mec=colour, ms=7, mew=2)
    return knee, ankle


def _body(ax, hip, trunk_deg):
    shoulder = _seg(hip, trunk_deg, _TRUNK)
    ax.plot([hip[0], shoulder[0]], [hip[1], shoulder[1]], color=ROLE["text"], lw=6, solid_capstyle="round")
    head = _seg(shoulder, trunk_deg, 0.28)
    ax.add_patch(_circle(head, 0.2))
    return shoulder


def _circle(xy, r):
    from matplotlib.patches import Circle

    return Circle(xy, r, facecolor="white", edgecolor=ROLE["text"], lw=2)


def _couch(ax, x0, x1, y):
    ax.fill_between([x0, x1], [y - 0.15, y - 0.15], [y, y], color=ROLE["bone"], ec=ROLE["bone_edge"], lw=1)


def _arrow(ax, start, end, text=None, colour=None):
    colour = colour or ROLE["highlight"]
    ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="-|>", color=colour, lw=2))
    if text:
        ax.text((start[0] + end[0]) / 2 + 0.08, (start[1] + end[1]) / 2 + 0.08, text, color=colour, fontsize=9)


def _pose(ax, test: str):
    tested, other = ROLE["band"], ROLE["muted"]
    if test == "noble":
        _couch(ax, -1.6, 1.6, -0.12)
        hip = (0.0, 0.0)
        _body(ax, hip, 180)
        knee, _ = _limb(ax, hip, 60, 150, other, ls=":", lw=3)
        knee, _ = _limb(ax, hip, 30, 30, tested)
        ax.plot(knee[0], knee[1] + 0.08, marker="s", ms=11, color=ROLE["muscle"], mec="black", ls="none")
        ax.text(-1.5, -0.55, "square: the examiner's thumb on the band", fontsize=9, color=ROLE["muscle"])
        _arrow(ax, (knee[0] + 0.3, knee[1] - 0.45), (knee[0] + 0.8, knee[1] - 0.25))
        ax.text(knee[0] + 0.85, knee[1] - 0.3, "knee\nstraightens", fontsize=9, color=ROLE["highlight"])
        ax.text(-1.5, 1.3, "dotted: start, knee at 90°\nsolid: near 30°, where it hurts if positive",
                fontsize=9, color=ROLE["text"], va="top")
    elif test in ("ober", "modified_ober"):
        _couch(ax, -1.6, 1.8, -0.12)
        hip = (0.0, 0.1)
        _body(ax, hip, 180)
        _limb(ax, (0.0, 0.05), -5, -80, other, lw=3)
        bent = test == "ober"
        shank = 0.3 if bent else _SHANK     # a bent knee's shank points away from the viewer
        _limb(ax, (0.0, 0.15), 25, 20 if bent else 0, tested, shank=shank)
        _limb(ax, (0.0, 0.15), 0, 20 if bent else 0, tested, ls="--", lw=2, shank=shank)
        _arrow(ax, (1.55, 0.95), (1.55, 0.4))
        ax.text(1.62, 0.6, "let\nfall", fontsize=9, color=ROLE["highlight"])
        ax.text(-1.5, 1.75, "seen from behind, lying on the good side;\ntop leg lifted, then let fall "
                "(dashed: horizontal)", fontsize=9, va="top", color=ROLE["text"])
        ax.text(-0.4, -0.5, "knee bent 90° (shank points away)" if bent else "knee straight", fontsize=9,
                color=tested)
    elif test == "renne":
        ax.plot([-1.2, 1.2], [-1.85, -1.85], color=ROLE["bone_edge"], lw=2)
        hip = (0.0, 0.0)
        _body(ax, hip, 95)
        knee, ankle = _limb(ax, hip, -70, 40, tested)
        _limb(ax, hip, -100, 70, other, lw=3)
        _arrow(ax, (0.9, -0.3), (0.9, -0.8))
        ax.text(0.5, -0.15, "bends to 30-40°", fontsize=9, color=ROLE["highlight"])
        ax.text(-1.6, -2.1, "standing on the painful leg, the other foot lifted", fontsize=9, va="top")
        ax.set_ylim(-2.5, 1.9)
    elif test == "modified_thomas":
        _couch(ax, -1.6, 0.1, -0.12)
        hip = (0.0, 0.0)
        _body(ax, hip, 175)
        _limb(ax, hip, 135, 140, other, lw=3)
        knee, _ = _limb(ax, hip, -10, 80, tested)
        ax.plot([0, 1.2], [0, 0], color=ROLE["muted"], lw=1, ls="--")
        ax.text(1.22, 0.0, "horizontal", fontsize=8, color=ROLE["muted"], va="center")
        ax.text(-1.5, 1.4, "lying back at the end of the couch,\nother knee held to the chest",
                fontsize=9, va="top")
        ax.text(-1.6, -0.5, "read: thigh level, knee bend,\nthigh drifting outwards", fontsize=9,
                color=tested, va="top")
    ax.set_aspect("equal")
    if test != "renne":
        ax.set_ylim(-1.0, 1.8)
    ax.set_xlim(-1.7, 2.0)
    ax.axis("off")


def draw_test(test: str = "noble"):
    """A schematic of how ``test`` is done (left) beside what is and is not known of it (right)."""
    t = clinic.test_info(test)
    phone = on_phone()  # the drawing above, what is known of the test under it
    height = 6.85 if phone else 4.2
    fig = new_figure(PHONE_WIDTH_IN if phone else 7.0, height, layout=None)
    ax = axes_at(fig, 0.0, 0.5, PHONE_WIDTH_IN, 2.85) if phone else fig.add_axes([0.0, 0.04, 0.42, 0.82])
    _pose(ax, test)
    if phone:  # the drawing is larger here: room on the right for its labels
        ax.set_xlim(-1.95, 2.5)
    fig.text(0.02, 1 - 0.168 / height, t.name, fontsize=13, weight="bold", va="top", color=ROLE["text"])
    # in inches down from the top: where the notes start, and how far each line and heading moves them on
    x, y, line_in, wrap = (0.05, 3.45, 0.165, 64) if phone else (0.44 * 7.0, 0.14 * 4.2, 0.1932, 58)
    rows = (("Positive if", t.positive), ("Thought to test", t.thought_to_test), ("Known", t.known),
            ("NOT known", t.not_known + ("" if t.accuracy_study else " (no accuracy study for ITBS)")))
    for head, body in rows:
        text_at(fig, x, y, head, fontsize=9.5, weight="bold",
                color=ROLE["warn"] if head == "NOT known" else ROLE["text"])
        lines = textwrap.wrap(body, wrap)
        text_at(fig, x, y + 0.189, "\n".join(lines), fontsize=9, linespacing=1.25, color=ROLE["text"])
        y += 0.189 + line_in * len(lines) + 0.126
    return fig


def test_alt(test: str = "noble") -> str:
    """Alt text for :func:`draw_test`, built from the test's record."""
    t = clinic.test_info(test)
    return (f"Schematic stick figure of the {t.name}. How it is done: {t.how} Positive if {t.positive}. "
            f"Thought to test {t.thought_to_test}. Known: {t.known} Not known: {t.not_known}.")


# --------------------------------------------------------------------------- imaging

def draw_imaging_schematic():
    """Two schematic coronal slices of the outer knee: a healthy one and one with ITBS findings."""
    fig = new_figure(7.0, 3.4, layout=None)
    mean, _ = clinic.normal_thickness_mm("femoral")
    itbs_mm = clinic.ekman_groups()["itbs"][0]
    for i, (title, band_mm, fluid) in enumerate((("Healthy (schematic)", mean, False),
                                                 ("ITBS (schematic)", itbs_mm, True))):
        ax = fig.add_axes([0.02 + 0.5 * i, 0.05, 0.46, 0.8])
        theta = np.linspace(-math.pi / 2, math.pi / 2, 60)
        cx, cy, r = 0.0, 0.0, 2.0
        ax.fill(np.r_[cx + r * np.cos(theta), -3, -3], np.r_[cy + r * np.sin(theta), 2, -2],
                color=ROLE["bone"], ec=ROLE["bone_edge"], lw=1.5)
        ax.text(-1.8, 0, "femur\n(lateral condyle)", fontsize=9, va="center", color=ROLE["bone_edge"])
        gap = 0.35
        scale = 0.12  # drawing units per mm: band thickness drawn to scale between the two panels
        x_in = cx + r + gap
        ax.fill_between([x_in, x_in + band_mm * scale], [-3, -3], [3, 3], color=ROLE["band"], alpha=0.9)
        ax.text(x_in + band_mm * scale + 0.1, 2.4, f"band {band_mm:g} mm", fontsize=9, color=ROLE["band"])
        ax.fill_between([cx + r, x_in], [-1.2, -1.2], [1.2, 1.2], color=ROLE["fat"], alpha=0.6, hatch="xx",
                        ec="#8A7B00", lw=0)
        if fluid:
            ax.add_patch(__import__("matplotlib.patches", fromlist=["Ellipse"]).Ellipse(
                (cx + r + gap / 2, 0.2), gap * 0.9, 1.6, facecolor="white", edgecolor=ROLE["warn"], lw=2,
                hatch="..", ls="--"))
            ax.text(x_in + band_mm * scale + 0.1, -0.5, "bright fluid\nsignal in fat\nand recess", fontsize=9, color=ROLE["warn"])
        else:
            ax.text(x_in + band_mm * scale + 0.1, -0.5, "fat under band;\nsome recess\nfluid is normal",
                    fontsize=9, color="#6B5E00")
        ax.set_xlim(-3, 6.0)
        ax.set_ylim(-3, 3)
        ax.set_aspect("equal")
        ax.axis("off")
        fig.text(0.02 + 0.5 * i, 0.95, title, fontsize=11, weight="bold", va="top")
    return fig


def imaging_alt() -> str:
    mean, sd = clinic.normal_thickness_mm("femoral")
    itbs = clinic.ekman_groups()["itbs"][0]
    return (f"Two schematic coronal slices of the outer knee. Left, healthy: the band lies over a layer of fat "
            f"beside the lateral femoral condyle, drawn {mean:.2f} mm thick (the ultrasound mean of healthy "
            f"volunteers); a little fluid in the lateral recess is normal. Right, ITBS: the band is drawn "
            f"{itbs:.1f} mm thick (the mean of a small MRI series of ITBS knees) with bright fluid signal in the "
            "fat and lateral recess beneath it. Schematic, not a scan.")


def draw_thickness(cutoff_mm: float = 4.0):
    """Band thickness in Ekman's ITBS and control knees (as normal curves), Goh's healthy range, and a
    cut-off with the sensitivity and specificity it would give (illustrative)."""
    sens, spec = clinic.cutoff_performance(cutoff_mm)
    groups = clinic.ekman_groups()
    mean, sd = clinic.normal_thickness_mm("femoral")
    # Fixed axes (where constrained layout put them): re-laying out every frame was 40 % of a redraw.
    phone = on_phone()  # the key under the chart, the verdict where the key was
    fig = new_figure(PHONE_WIDTH_IN if phone else 7.0, 4.35 if phone else 3.6, layout=None)
    ax = axes_at(fig, 0.65, 0.1, 3.65, 3.0) if phone else fig.add_axes((0.092, 0.132, 0.889, 0.856))
    x = np.linspace(0, 12, 241)
    styles = {"control": ("-", PALETTE["green"], "control knees, MRI"), "itbs": ("--", PALETTE["vermillion"],
                                                                              "ITBS knees, MRI")}
    for g, (m, s, n) in groups.items():
        ls, colour, label = styles[g]
        y = np.exp(-0.5 * ((x - m) / s) ** 2) / (s * math.sqrt(2 * math.pi))
        ax.plot(x, y, ls=ls, color=colour, lw=2, label=f"{label} (n = {n})")
        side = x > cutoff_mm if g == "itbs" else x <= cutoff_mm
        ax.fill_between(x, 0, y, where=side, color=colour, alpha=0.18, hatch="//" if g == "itbs" else None)
    ax.axvspan(mean - 2 * sd, mean + 2 * sd, color=PALETTE["sky"], alpha=0.25, hatch="..",
               label="healthy range by ultrasound (mean ± 2 SD)")
    ax.axvline(cutoff_mm, color=ROLE["text"], lw=1.5)
    # along the line, at the foot of the chart: clear of the legend and of the curves' peaks at any cut-off
    ax.text(cutoff_mm + 0.12, 0.004, f"cut-off {cutoff_mm:g} mm", fontsize=9, rotation=90, va="bottom",
            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    ax.set_xlabel("Band thickness over the femoral condyle (mm)")
    ax.set_ylabel("Share of knees (density)")
    ax.set_xlim(0, 12)
    ax.set_ylim(bottom=0)
    verdict = f"sensitivity {sens:.0%}\nspecificity {spec:.0%}\n(illustrative)"
    if phone:
        ax.legend(fontsize=8.5, loc="upper left", bbox_to_anchor=(-0.17, -0.17), borderaxespad=0)
        ax.text(0.98, 0.97, verdict, transform=ax.transAxes, ha="right", va="top", fontsize=10, weight="bold",
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85), zorder=5)
    else:
        ax.legend(fontsize=8.5, loc="upper right")
        ax.text(0.98, 0.45, verdict, transform=ax.transAxes, ha="right", fontsize=10, weight="bold")
    return fig


def thickness_alt(cutoff_mm: float = 4.0) -> str:
    sens, spec = clinic.cutoff_performance(cutoff_mm)
    g = clinic.ekman_groups()
    mean, sd = clinic.normal_thickness_mm("femoral")
    return (f"Two bell curves of band thickness: control knees centred on {g['control'][0]:.2f} mm and ITBS "
            f"knees centred on {g['itbs'][0]:.2f} mm, overlapping widely, with the healthy ultrasound range "
            f"{mean - 2 * sd:.2f} to {mean + 2 * sd:.2f} mm shaded. A cut-off at {cutoff_mm:g} mm would flag "
            f"{sens:.0%} of the ITBS curve (sensitivity) and clear {spec:.0%} of the control curve (specificity), "
            "on the course's illustrative assumption of normal spread.")
