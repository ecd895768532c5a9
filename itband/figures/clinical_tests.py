"""Schematic stick figures of the three clinical tests (:mod:`itband.models.clinical_tests`):
:func:`draw_clinical_test` beside its alt text :func:`describe_clinical_test`."""
from __future__ import annotations

import math
import textwrap

from matplotlib.patches import Circle, FancyBboxPatch, Wedge

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, new_figure, on_phone
from ..models.clinical_tests import TESTS, check_knee_flexion, check_test, in_pain_zone
from ..models.constants import IMPINGEMENT_ZONE_DEG

_LIMB = dict(color=ROLE["text"], lw=5)
#: Text lines under the drawing: the characters per line, and the height of one line (inches);
#: the column figure's, then the phone layout's (:func:`itband.course.style.on_phone`).
_WRAP_CHARS = {False: 80, True: 47}
_LINE_IN = {False: 0.20, True: 0.16}
#: Figure size (inches), and the drawing's axes as (top, height) in inches from the figure's top.
_SIZE_IN = {False: (7.0, 5.0), True: (PHONE_WIDTH_IN, 5.9)}
_AXES_IN = {False: (0.35, 2.85), True: (0.55, 2.75)}
#: How many characters a title line holds on the phone.
_PHONE_TITLE_CHARS = 50


def _zone_words() -> str:
    lo, hi = IMPINGEMENT_ZONE_DEG
    return f"{lo:.0f}-{hi:.0f}"


def _title(ax, text: str, **kw) -> None:
    """The drawing's title across the top of the figure (wrapped on the phone layout)."""
    fig = ax.figure
    if on_phone():
        text = textwrap.fill(text, _PHONE_TITLE_CHARS)
    fig.text(0.02, 1 - 0.175 / fig.get_figheight(), text, fontsize=10, color=ROLE["text"], va="top", **kw)


def _segment(ax, p0, length, angle_deg, **kw):
    """Draw a limb segment from ``p0`` at ``angle_deg`` (0 = +x, counter-clockwise); return its end."""
    a = math.radians(angle_deg)
    p1 = (p0[0] + length * math.cos(a), p0[1] + length * math.sin(a))
    ax.plot([p0[0], p1[0]], [p0[1], p1[1]], solid_capstyle="round", **kw)
    return p1


def _table(ax, x0, x1, y):
    ax.add_patch(FancyBboxPatch((x0, y - 0.35), x1 - x0, 0.3, boxstyle="round,pad=0.02",
                                facecolor="#D9D2C3", edgecolor=ROLE["bone_edge"], lw=1))
    ax.text((x0 + x1) / 2, y - 0.75, "examination table", ha="center", fontsize=8, color=ROLE["muted"])


def _pain_star(ax, xy, label="pain?"):
    ax.plot([xy[0]], [xy[1]], marker="*", ms=17, color=PALETTE["vermillion"], mec=ROLE["text"], mew=0.8, zorder=6)
    if label:
        ax.text(xy[0] + 0.25, xy[1] + 0.3, label, fontsize=9, color=ROLE["text"], zorder=6)


def _draw_noble(ax, knee_flexion_deg: float):
    _table(ax, 0.0, 9.5, 1.0)
    hip = (4.5, 1.35)
    ax.plot([0.6, hip[0]], [1.35, hip[1]], **_LIMB)                   # trunk, lying
    ax.add_patch(Circle((0.3, 1.45), 0.38, facecolor="white", edgecolor=ROLE["text"], lw=2))  # head
    thigh_angle = 55.0                                                 # hip flexed, thigh raised
    knee = _segment(ax, hip, 2.6, thigh_angle, **_LIMB)
    _segment(ax, knee, 2.5, thigh_angle - knee_flexion_deg, **_LIMB)
    # the examiner's thumb on the lateral epicondyle, just above the knee
    a = math.radians(thigh_angle)
    thumb = (knee[0] - 0.35 * math.cos(a), knee[1] - 0.35 * math.sin(a))
    ax.add_patch(Circle(thumb, 0.22, facecolor=PALETTE["sky"], edgecolor=ROLE["text"], lw=1.2, zorder=5))
    ax.annotate("examiner's thumb", xy=thumb, xytext=(thumb[0] - 3.4, thumb[1] + 0.9), fontsize=9,
                color=ROLE["text"], arrowprops=dict(arrowstyle="-", lw=0.8, color=ROLE["text"]))
    # knee angle gauge: zone shaded
    lo, hi = IMPINGEMENT_ZONE_DEG
    ax.add_patch(Wedge(knee, 2.0, thigh_angle - hi, thigh_angle - lo, facecolor=ROLE["zone"], alpha=0.45,
                       hatch="///", edgecolor=ROLE["text"], lw=0.6, zorder=2))
    # the key sits top left, where the shin never reaches (its tip sweeps a circle 2.5 units round the knee)
    ax.add_patch(Wedge((0.6, 6.0), 0.7, 200, 230, facecolor=ROLE["zone"], alpha=0.45, hatch="///",
                       edgecolor=ROLE["text"], lw=0.6))
    ax.text(1.0, 5.7, f"shaded: where the shin\npoints in the {_zone_words()}\u00b0 pain zone",
            fontsize=8.5, color=ROLE["text"], va="center")
    inside = in_pain_zone(knee_flexion_deg)
    if inside:
        _pain_star(ax, (knee[0] + 0.1, knee[1] - 0.55), "pain if positive")
    _title(ax, f"Noble test. Knee bent {knee_flexion_deg:g}\u00b0"
           + (" \u2014 in the zone where a positive test hurts" if inside else
              " \u2014 outside the zone" + ("" if knee_flexion_deg < lo else ": keep straightening")),
           fontweight="bold" if inside else "normal")
    ax.set_xlim(-0.3, 10.5)
    ax.set_ylim(-0.2, 6.1)


def _draw_ober(ax):
    # seen from behind: lying on the left side, right leg on top
    _table(ax, 0.0, 9.5, 1.0)
    pelvis = (3.0, 1.9)
    ax.plot([0.5, pelvis[0]], [1.55, 1.55], **_LIMB)                 # trunk along the table
    ax.add_patch(Circle((0.2, 1.6), 0.38, facecolor="white", edgecolor=ROLE["text"], lw=2))
    ax.plot([pelvis[0], pelvis[0]], [1.4, 2.4], color=ROLE["text"], lw=5)  # pelvis, vertical when side-lying
    ax.plot([pelvis[0], 6.8], [1.4, 1.3], color=ROLE["muted"], lw=4)       # bottom leg on the table
    top_hip = (pelvis[0], 2.4)
    ax.plot([top_hip[0], 7.3], [top_hip[1], top_hip[1]], color=ROLE["muted"], lw=1, ls=":")
    ax.text(7.4, top_hip[1], "horizontal", fontsize=8.5, color=ROLE["muted"], va="center")
    # normal: drops below horizontal (dashed); positive: stays above (solid)
    _segment(ax, top_hip, 4.0, -12.0, color=PALETTE["blue"], lw=3, ls=(0, (5, 3)))
    ax.text(7.2, 1.55, "normal: drops\nbelow horizontal" if on_phone() else "normal: drops below horizontal",
            fontsize=8.5, color=ROLE["text"], va="center")
    end = _segment(ax, top_hip, 4.0, 14.0, color=ROLE["text"], lw=5)
    ax.text(end[0] + 0.15, end[1] + 0.15, "positive: stays lifted", fontsize=8.5, color=ROLE["text"])
    ax.annotate("", xy=(top_hip[0] + 2.0, top_hip[1] + 0.6), xytext=(top_hip[0] + 2.0, top_hip[1] + 2.0),
                arrowprops=dict(arrowstyle="->", lw=1.4, color=ROLE["text"]))
    ax.text(top_hip[0] + 1.85, top_hip[1] + 1.6, "examiner lets the\ntop leg down", fontsize=8.5,
            color=ROLE["text"], ha="right")
    _title(ax, "Ober test, seen from behind (lying on the good side)")
    ax.set_xlim(-0.3, 11.5)
    ax.set_ylim(-0.2, 6.1)


def _draw_renne(ax, knee_flexion_deg: float):
    ax.plot([1.5, 8.0], [0.3, 0.3], color=ROLE["bone_edge"], lw=2)   # floor
    ankle = (4.5, 0.4)
    half = knee_flexion_deg / 2
    knee = _segment(ax, ankle, 1.7, 90 - half, **_LIMB)                 # shin leans forward (+x)
    hip = _segment(ax, knee, 1.7, 90 + half, **_LIMB)                   # thigh leans back
    top = _segment(ax, hip, 1.6, 82, **_LIMB)                            # trunk, slight forward lean
    ax.add_patch(Circle((top[0] + 0.05, top[1] + 0.42), 0.36, facecolor="white", edgecolor=ROLE["text"], lw=2))
    _segment(ax, (top[0] - 0.05, top[1] - 0.25), 1.3, -40, color=ROLE["text"], lw=3)   # arm forward for balance
    free_knee = _segment(ax, hip, 1.6, -20, color=ROLE["muted"], lw=4)   # free leg lifted in front
    _segment(ax, free_knee, 1.5, -95, color=ROLE["muted"], lw=4)
    ax.plot([ankle[0] - 0.2, ankle[0] + 0.8], [0.4, 0.4], color=ROLE["text"], lw=5, solid_capstyle="round")
    _pain_star(ax, (knee[0] - 0.05, knee[1]), "")
    words = "pain on the outside\nof the knee?" if on_phone() else "pain on the outside of the knee?"
    ax.annotate(words, xy=(knee[0] - 0.25, knee[1]), xytext=(0.0, knee[1] + 1.2),
                fontsize=9, color=ROLE["text"], arrowprops=dict(arrowstyle="-", lw=0.8, color=ROLE["text"]))
    ax.text(ankle[0] + 1.2, 0.55, "standing on the painful leg", fontsize=8.5, color=ROLE["muted"])
    _title(ax, f"Renne test: a single-leg knee bend to about {knee_flexion_deg:g}\u00b0")
    ax.set_xlim(-0.3, 10.5)
    ax.set_ylim(-0.2, 6.1)


def draw_clinical_test(test: str = "noble", knee_flexion_deg: float = 30.0):
    """One clinical test as a schematic figure, with how it is done, when it is positive and its known accuracy.

    ``test``: ``"noble"``, ``"ober"`` or ``"renne"``. ``knee_flexion_deg``
    (0 to 90) sets the knee bend in the Noble drawing (the examiner straightens
    the knee through the pain zone); it is ignored for the Ober test and sets
    the depth of the knee bend for the Renne test.
    """
    test = check_test(test)
    knee = check_knee_flexion(knee_flexion_deg)
    phone = on_phone()
    width, height = _SIZE_IN[phone]
    fig = new_figure(width, height)
    fig.set_layout_engine("none")
    top, tall = _AXES_IN[phone]
    ax = fig.add_axes((0.0, 1 - (top + tall) / height, 1.0, tall / height))
    ax.set_aspect("equal")
    ax.set_axis_off()
    if test == "noble":
        _draw_noble(ax, knee)
    elif test == "ober":
        _draw_ober(ax)
    else:
        _draw_renne(ax, knee)
    info = TESTS[test]
    y = 1 - (top + tall + 0.15) / height  # figure fraction: 0.15 in under the drawing
    indent = (0.85 if phone else 0.98) / width  # where the words start, after "Accuracy: "
    for head, body in (("How: ", info["how"]), ("Positive: ", info["positive"]), ("Accuracy: ", info["accuracy"])):
        wrapped = textwrap.wrap(body, _WRAP_CHARS[phone])
        fig.text(0.02, y, head, fontsize=9.5, fontweight="bold", color=ROLE["text"], va="top")
        fig.text(0.02 + indent, y, "\n".join(wrapped), fontsize=9.5, color=ROLE["text"], va="top")
        y -= (_LINE_IN[phone] * len(wrapped) + 0.1) / height
    return fig


def describe_clinical_test(test: str = "noble", knee_flexion_deg: float = 30.0) -> str:
    """Alt text for :func:`draw_clinical_test` with the same arguments."""
    test = check_test(test)
    knee = check_knee_flexion(knee_flexion_deg)
    info = TESTS[test]
    extra = ""
    if test == "noble":
        where = "inside" if in_pain_zone(knee) else "outside"
        extra = f" The knee is drawn bent {knee:g} degrees, {where} the shaded {_zone_words()} degree pain zone."
    return (f"Stick-figure drawing of the {info['name']}.{extra} How: {info['how']} "
            f"Positive: {info['positive']} Accuracy: {info['accuracy']}")
