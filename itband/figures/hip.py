"""Drawings for the hip-drop lesson (Lesson 3): free-body diagram, frontal stick figure,
single-leg squat, study results.

Each ``draw_*`` function returns a :func:`itband.course.style.new_figure` figure and sits
beside the alt text that says in words (with the numbers) what it shows, built from the
same model results (:mod:`itband.models.hip_balance`, :mod:`itband.models.hip_drop`) or
registry facts (:mod:`itband.course.evidence`), never retyped. All figures are schematic:
shapes are not to scale, but force arrows in the free-body diagram are (see its scale bar).
"""
from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib.patches import Circle, FancyArrow, Polygon

from ..course import evidence
from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, axes_at, new_figure, on_phone, text_at
from ..course.validate import check_number
from ..models import hip_balance as hb
from ..models import hip_drop as hd

#: Newtons per centimetre of arrow in the free-body diagram (fixed for every frame).
N_PER_CM = 200.0
#: Force axis limit (N) of the bar panel, fixed so frames compare.
FORCE_AXIS_MAX_N = 6600.0

_W_COLOUR = PALETTE["black"]
_F_COLOUR = ROLE["muscle"]
_J_COLOUR = PALETTE["purple"]


def _blank(ax, title: str | None = None, fontsize: float = 10.5):
    """Hide an axes' frame and ticks cheaply; put its title as plain text (no tick layout needed)."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.axis("off")
    if title:
        ax.text(0.5, 1.0, title, transform=ax.transAxes, ha="center", va="bottom", fontsize=fontsize,
                color=ROLE["text"])


def _arrow(ax, x, y, dx, dy, colour, width=0.55, ls="-"):
    length = math.hypot(dx, dy)
    head = min(2.2, 0.45 * length)
    ax.add_patch(FancyArrow(x, y, dx, dy, width=width, head_width=2.6 * width + 0.6, head_length=head,
                            length_includes_head=True, color=colour, linestyle=ls, zorder=6))


def _pelvis_outline(hip_x: float = 0.0, other_hip_x: float = -18.0) -> np.ndarray:
    """Schematic pelvis (front view), right half first; cm. Symmetric about the midline."""
    mid = (hip_x + other_hip_x) / 2
    right = np.array([(mid, 6.0), (mid + 3.5, 9.0), (mid + 5.0, 14.0), (hip_x - 0.5, 17.0),
                      (hip_x + 3.5, 15.5), (hip_x + 5.0, 11.0), (hip_x + 3.5, 6.0), (hip_x + 2.8, 2.8),
                      (hip_x + 2.6, -0.5), (hip_x + 1.5, -5.0), (hip_x - 1.5, -7.0), (mid + 4.0, -6.0),
                      (mid + 1.0, -5.5), (mid, -5.5)])
    left = right[::-1].copy()
    left[:, 0] = 2 * mid - left[:, 0]
    return np.vstack([right, left[1:-1]])


# --------------------------------------------------------------------------- free-body diagram


def _balance(body_mass_kg, abductor_lever_arm_cm, body_weight_lever_arm_cm, activity):
    """Check the drawing's arguments under the names the caller used; return (a_cm, b_cm, result)."""
    a_cm = check_number("abductor_lever_arm_cm", abductor_lever_arm_cm, 0, 100 * hb.MAX_ABDUCTOR_ARM_M,
                        "cm", lo_open=True)
    b_cm = check_number("body_weight_lever_arm_cm", body_weight_lever_arm_cm, 0,
                        100 * hb.MAX_WEIGHT_ARM_M, "cm", lo_open=True)
    return a_cm, b_cm, hb.single_leg_stance(body_mass_kg, a_cm / 100, b_cm / 100, activity)


def draw_free_body(body_mass_kg: float = 70, abductor_lever_arm_cm: float = 5.0,
                   body_weight_lever_arm_cm: float = 10.0, activity: str = "standing on one leg"):
    """Free-body diagram of the pelvis on the stance hip, arrows scaled to the forces, and a bar panel.

    Lever arms are perpendicular moment arms in cm (converted to m for
    :func:`itband.models.hip_balance.single_leg_stance`): ``a`` is drawn from the hip
    centre at right angles to the abductors' line of action, ``b`` horizontally to the
    line of the weight.
    """
    a_cm, b_cm, r = _balance(body_mass_kg, abductor_lever_arm_cm, body_weight_lever_arm_cm, activity)
    fig = new_figure(7.0, 4.6, layout=None)
    ax = fig.add_axes((0.0, 0.0, 0.56, 0.93))
    bx = fig.add_axes((0.60, 0.13, 0.37, 0.74))

    # -- bones
    ax.add_patch(Polygon(_pelvis_outline(), closed=True, facecolor=ROLE["bone"],
                         edgecolor=ROLE["bone_edge"], lw=1.2, zorder=1))
    theta = math.radians(r.line_of_pull_deg)
    # The abductors insert on the trochanter at t_cm; their line of action passes a_cm from the hip centre.
    t_cm = a_cm / math.sin(theta)
    femur = np.array([(-1.2, 1.6), (t_cm + 0.9, 1.4), (t_cm + 1.3, -3.0), (t_cm - 2.4, -31.0),
                      (t_cm - 5.6, -31.0), (t_cm - 2.8, -5.0), (0.8, -2.6)])
    ax.add_patch(Polygon(femur, closed=True, facecolor="#EEEAE1", edgecolor=ROLE["bone_edge"],
                         lw=1.0, zorder=2))
    ax.add_patch(Circle((0, 0), 2.4, facecolor=ROLE["bone"], edgecolor=ROLE["bone_edge"], lw=1.2, zorder=3))
    ax.add_patch(Circle((-18, 0), 2.4, facecolor="#F4F1EA", edgecolor=ROLE["muted"], lw=0.8, ls="--", zorder=1))
    ax.plot([-18, -20.5], [-2.4, -16], color=ROLE["muted"], lw=1.0, ls="--", zorder=1)
    ax.text(-19.5, -19, "free leg\n(lifted)", ha="center", va="top", fontsize=8.5, color=ROLE["muted"])
    ax.text(t_cm - 8.0, -24.0, "stance\nfemur", ha="right", va="center", fontsize=8.5, color=ROLE["text"])
    ax.plot(0, 0, marker="+", color=ROLE["text"], ms=8, zorder=7)

    # -- abductor muscle: trochanter T to ilium O along the line of pull
    tx, ty = t_cm, 0.0
    ox, oy = tx - 14 * math.cos(theta), 14 * math.sin(theta)
    ax.plot([ox, tx], [oy, ty], color=ROLE["muscle"], lw=9, alpha=0.35, solid_capstyle="round", zorder=4)
    ax.text(ox + 1.6, oy + 1.2, "abductors", color=ROLE["text"], fontsize=8.5, ha="left", va="bottom")

    # -- forces (1 cm of arrow = N_PER_CM newtons)
    wl = r.supported_load_n / N_PER_CM
    cx, cy = -b_cm, 9.0
    ax.plot([cx, cx], [cy, -30], color=_W_COLOUR, lw=0.8, ls=":", zorder=2)
    ax.add_patch(Circle((cx, cy), 0.9, facecolor="white", edgecolor=_W_COLOUR, lw=1.2, zorder=7))
    _arrow(ax, cx, cy - 0.9, 0, -wl, _W_COLOUR)
    ax.text(cx - 1.0, cy - 0.9 - wl / 2, "W", color=_W_COLOUR, ha="right", va="center",
            fontsize=12, fontweight="bold")
    fl = r.abductor_force_n / N_PER_CM
    _arrow(ax, ox, oy, fl * math.cos(theta), -fl * math.sin(theta), _F_COLOUR)
    fx_end, fy_end = ox + fl * math.cos(theta), oy - fl * math.sin(theta)
    ax.text(fx_end + 1.2, fy_end + 1.5, "F", color=_F_COLOUR, ha="left", va="center",
            fontsize=12, fontweight="bold")
    jx, jy = r.joint_reaction_x_n / N_PER_CM, r.joint_reaction_y_n / N_PER_CM
    _arrow(ax, jx, -jy, -jx, jy - 2.4, _J_COLOUR, ls="-")
    ax.text(jx + 1.0, -jy + 1.0, "J", color=_J_COLOUR, ha="left", va="center", fontsize=12,
            fontweight="bold")

    # -- moment arms. b: horizontal, drawn above the pelvis. a: from the hip centre at right angles
    # to the abductors' line of action (extended as a dotted line), to its foot P.
    ax.annotate("", (-b_cm, 21.0), (0.0, 21.0), arrowprops=dict(arrowstyle="<->", color=ROLE["text"], lw=1.0))
    ax.text(-b_cm / 2, 21.6, f"b = {b_cm:g} cm", ha="center", va="bottom", fontsize=9)
    for x, y0 in ((-b_cm, cy), (0.0, 0.0)):
        ax.plot([x, x], [y0, 22.0], color=ROLE["muted"], lw=0.6, ls=":", zorder=0)
    ux, uy = -math.cos(theta), math.sin(theta)            # unit vector along the muscle, trochanter -> ilium
    px, py = a_cm * math.sin(theta), a_cm * math.cos(theta)  # foot of the perpendicular: |P| = a, P on the line
    ax.plot([0.0, px], [0.0, py], color=ROLE["text"], lw=1.6, zorder=8, solid_capstyle="butt")
    sq = 0.9                                              # right-angle mark at P
    ax.plot([px - sq * px / a_cm, px - sq * px / a_cm + sq * ux, px + sq * ux],
            [py - sq * py / a_cm, py - sq * py / a_cm + sq * uy, py + sq * uy], color=ROLE["text"], lw=0.8,
            zorder=8)
    ax.text(7.0, 3.0, f"a = {a_cm:g} cm\n(at right angles\nto the pull)", ha="left", va="bottom",
            fontsize=8.5, color=ROLE["text"])
    ax.plot([0.6 * px, 6.8], [0.6 * py, 3.6], color=ROLE["muted"], lw=0.6, zorder=8)
    # scale bar
    ax.plot([-27, -27 + 1000 / N_PER_CM], [-31, -31], color=ROLE["text"], lw=2.5)
    ax.text(-27 + 500 / N_PER_CM, -32, "1000 N", ha="center", va="top", fontsize=8.5)
    ax.set_xlim(-28, 16)
    ax.set_ylim(-36, 27)
    ax.set_aspect("equal")
    _blank(ax, "Pelvis on the right (stance) hip, seen from behind")

    # -- bar panel
    names = ["W  weight above the hip", "F  abductor force", "J  hip joint reaction"]
    values = [r.supported_load_n, r.abductor_force_n, r.joint_reaction_n]
    colours = [_W_COLOUR, _F_COLOUR, _J_COLOUR]
    hatches = ["", "//", ".."]
    ypos = [2, 1, 0]
    for y, v, c, h, name in zip(ypos, values, colours, hatches, names):
        bx.barh(y, v, color=c, alpha=0.6 if c == _W_COLOUR else 0.85, edgecolor="none", height=0.38)
        bx.text(0, y + 0.24, f"{name}\n{v:,.0f} N = {v / r.body_weight_n:.2f} × BW", ha="left",
                va="bottom", fontsize=9, color=ROLE["text"])
    bx.axvline(r.body_weight_n, color=ROLE["muted"], ls="--", lw=1)
    bx.text(r.body_weight_n + 60, -0.45, f"body weight (BW) {r.body_weight_n:,.0f} N", fontsize=8,
            color=ROLE["muted"], va="bottom", ha="left")
    bx.set_yticks([])
    bx.spines["left"].set_visible(False)
    bx.set_ylim(-0.5, 2.95)
    bx.set_xlim(0, FORCE_AXIS_MAX_N)
    bx.set_xticks([0, 2000, 4000, 6000])
    bx.set_xlabel("Force (N)")
    bx.text(0, 1.02, f"{r.body_mass_kg:g} kg, {activity}\n(load × {r.load_factor:g})", fontsize=10,
            ha="left", va="bottom", transform=bx.transAxes, color=ROLE["text"])
    return fig


def free_body_alt(body_mass_kg: float = 70, abductor_lever_arm_cm: float = 5.0,
                  body_weight_lever_arm_cm: float = 10.0, activity: str = "standing on one leg") -> str:
    """Alt text of :func:`draw_free_body`, with the numbers (same arguments, same checks)."""
    a_cm, b_cm, r = _balance(body_mass_kg, abductor_lever_arm_cm, body_weight_lever_arm_cm, activity)
    return (f"Free-body diagram, seen from behind, of the pelvis balanced on the right (stance) hip for a "
            f"{r.body_mass_kg:g} kg runner, {activity}. The weight above the hip, {r.supported_load_n:,.0f} N, "
            f"acts {b_cm:g} cm to the inside of the hip; the abductors pull at {r.line_of_pull_deg:g} degrees "
            f"to the horizontal along a line that passes {a_cm:g} cm from the hip centre, measured at right "
            f"angles, with {r.abductor_force_n:,.0f} N ({r.abductor_force_bw:.2f} times body weight); the hip "
            f"joint pushes back with {r.joint_reaction_n:,.0f} N ({r.joint_reaction_bw:.2f} times body "
            "weight). Arrows and bars are drawn to scale.")


# --------------------------------------------------------------------------- hip drop stick figure


def _band_colour(ratio: float):
    """Light to dark blue as the band tension ratio goes from 0 to 1.8 (the line width changes too)."""
    t = min(max(ratio / 1.8, 0.0), 1.0)
    light = np.array([0.80, 0.89, 0.96])
    dark = np.array([0.0, 0.20, 0.45])
    return tuple(light + (dark - light) * t)


def _rot(points, angle_deg, origin=(0.0, 0.0)):
    """Rotate points (N x 2) by angle_deg about origin (counter-clockwise)."""
    t = math.radians(angle_deg)
    c, s = math.cos(t), math.sin(t)
    p = np.asarray(points, dtype=float) - origin
    return np.column_stack([c * p[:, 0] - s * p[:, 1], s * p[:, 0] + c * p[:, 1]]) + origin


def _stick_figure(ax, drop_deg: float, lean_deg: float, band_ratio: float, strength_pct: float,
                  knee_in_cm: float = 0.0, squat: float = 0.0, show_labels: bool = True):
    """A frontal stick figure seen from behind, standing on the RIGHT leg (right of the picture).

    ``drop_deg`` tilts the pelvis down on the free (left) side; ``lean_deg`` leans the trunk toward the
    stance side; ``knee_in_cm`` moves the stance knee toward the midline; ``squat`` (0-1) bends the knee.
    """
    hip = np.array([0.0, 0.0])
    thigh, shank = 44.0 * (1 - 0.22 * squat), 42.0 * (1 - 0.22 * squat)
    knee = hip + np.array([-knee_in_cm, -thigh])
    ankle = np.array([0.0, -thigh - shank])
    # pelvis: rotate about the stance hip; positive drop lowers the free side (to the left)
    pelvis = _rot(np.array([[6.5, 9.0], [-24.5, 9.0], [-21.0, -2.0], [3.0, -2.0]]) , drop_deg)
    free_hip = _rot(np.array([[-18.0, 0.0]]), drop_deg)[0]
    mid = (hip + free_hip) / 2
    ax.add_patch(Polygon(pelvis, closed=True, facecolor=ROLE["bone"], edgecolor=ROLE["bone_edge"], lw=1.2, zorder=3))
    # trunk: vertical, plus lean toward the stance side (clockwise rotation)
    top = mid + _rot(np.array([[0.0, 52.0]]), -lean_deg)[0]
    base = mid + _rot(np.array([[0.0, 9.0]]), -lean_deg)[0]
    ax.plot([base[0], top[0]], [base[1], top[1]], color=ROLE["text"], lw=4, solid_capstyle="round", zorder=4)
    shoulders = _rot(np.array([[-17.0, 0.0], [17.0, 0.0]]), -lean_deg) + top
    ax.plot(shoulders[:, 0], shoulders[:, 1], color=ROLE["text"], lw=4, solid_capstyle="round", zorder=4)
    for sh, sx in ((shoulders[0], -1), (shoulders[1], 1)):
        hand = sh + _rot(np.array([[sx * 4.0, -30.0]]), -lean_deg)[0]
        ax.plot([sh[0], hand[0]], [sh[1], hand[1]], color=ROLE["text"], lw=3, solid_capstyle="round", zorder=4)
    head = top + _rot(np.array([[0.0, 11.0]]), -lean_deg)[0]
    ax.add_patch(Circle(head, 8.0, facecolor="white", edgecolor=ROLE["text"], lw=2.5, zorder=4))
    # stance leg
    ax.plot([hip[0], knee[0], ankle[0]], [hip[1], knee[1], ankle[1]], color=ROLE["text"], lw=5,
            solid_capstyle="round", zorder=4)
    ax.plot([ankle[0] - 9, ankle[0] + 5], [ankle[1] - 3, ankle[1] - 3], color=ROLE["text"], lw=5,
            solid_capstyle="round", zorder=4)
    # free leg: thigh forward (looks short from behind), foot lifted
    fknee = free_hip + np.array([0.0, -30.0])
    ffoot = fknee + np.array([1.0, -26.0])
    ax.plot([free_hip[0], fknee[0], ffoot[0]], [free_hip[1], fknee[1], ffoot[1]], color=ROLE["muted"],
            lw=4, solid_capstyle="round", zorder=2)
    # gluteus medius fan: iliac crest to greater trochanter, opacity by strength
    crest = _rot(np.array([[1.0, 10.0], [7.5, 7.0]]), drop_deg)
    troch = np.array([6.0, -3.0])
    alpha = 0.15 + 0.75 * strength_pct / 100
    ax.add_patch(Polygon(np.vstack([crest, troch]), closed=True, facecolor=ROLE["muscle"], alpha=alpha,
                         edgecolor=ROLE["muscle"], lw=1.0, zorder=5))
    # IT band: lateral iliac crest -> lateral thigh -> below the lateral knee
    band_top = _rot(np.array([[7.5, 6.0]]), drop_deg)[0]
    band = np.array([band_top, [8.5, -8.0], [knee[0] + 5.0, knee[1] + 4.0], [knee[0] + 4.0, knee[1] - 6.0]])
    ax.plot(band[:, 0], band[:, 1], color=_band_colour(band_ratio), lw=2.5 + 3.5 * min(band_ratio, 1.8) / 1.8,
            solid_capstyle="round", zorder=6)
    ax.plot(band[:, 0], band[:, 1], color=ROLE["band"], lw=0.8, zorder=7)
    # level reference and drop angle
    ax.plot([-30, 14], [0, 0], color=ROLE["muted"], lw=0.9, ls="--", zorder=1)
    if show_labels:
        ax.text(-31, 0, "level", fontsize=8, color=ROLE["muted"], va="center", ha="right")
        ax.text(troch[0] + 14, 22, f"gluteus medius\n{strength_pct:.0f} % of need", fontsize=8.5,
                color=ROLE["text"], ha="left", va="center")
        ax.annotate("", (troch[0] + 1, 5), (troch[0] + 13, 19),
                    arrowprops=dict(arrowstyle="-", color=ROLE["muted"], lw=0.7))
        ax.text(knee[0] + 10, knee[1] + 8, "IT band", fontsize=8.5, color=ROLE["band"], ha="left", va="center",
                fontweight="bold")
    return dict(hip=hip, free_hip=free_hip, knee=knee, ankle=ankle)


def draw_hip_drop(abductor_strength_pct: float = 100, activity: str = "running", trunk_lean: bool = False):
    """Frontal stick figure with the pelvis tilted and the band shaded by tension, beside the model's curves."""
    d = hd.hip_drop(abductor_strength_pct, activity, trunk_lean)
    phone = on_phone()  # the stick figure above, the two charts side by side under it
    fig = new_figure(PHONE_WIDTH_IN if phone else 7.0, 7.0 if phone else 4.6, layout=None)
    ax = axes_at(fig, 0.0, 0.3, PHONE_WIDTH_IN, 3.8) if phone else fig.add_axes((0.0, 0.0, 0.50, 0.94))
    _stick_figure(ax, d.pelvic_drop_deg, d.trunk_lean_deg, d.band_tension_ratio, d.abductor_strength_pct)
    ax.set_xlim(-60, 50)
    ax.set_ylim(-112, 84)
    ax.set_aspect("equal")
    _blank(ax, "Seen from behind, on the right leg", 10)
    ax.text(-5, -97, f"pelvic drop {d.pelvic_drop_deg:.1f}° ({d.free_side_drop_cm:.1f} cm) · "
            f"trunk lean {d.trunk_lean_deg:.1f}°\nmodel IT band tension {d.band_tension_n:,.0f} N "
            f"(× {d.band_tension_ratio:.2f} of full strength)", fontsize=9, va="top", ha="center",
            color=ROLE["text"])

    strengths = hd.CURVE_STRENGTHS_PCT
    curves = {lean: hd.drop_curve(strengths, activity, lean) for lean in (False, True)}
    if phone:
        ax1 = axes_at(fig, 0.62, 4.55, 1.45, 1.55)
        ax2 = axes_at(fig, 2.8, 4.55, 1.45, 1.55, sharex=ax1)
    else:
        ax1 = fig.add_axes((0.60, 0.56, 0.36, 0.36))
        ax2 = fig.add_axes((0.60, 0.12, 0.36, 0.36), sharex=ax1)
    styles = {False: dict(color=ROLE["warn"], ls="-", marker="", label="pelvis drops"),
              True: dict(color=PALETTE["blue"], ls="--", marker="", label="trunk leans first")}
    for lean, res in curves.items():
        ax1.plot(strengths, [x.pelvic_drop_deg for x in res], lw=2, **styles[lean])
        ax2.plot(strengths, [x.band_tension_ratio for x in res], lw=2, **styles[lean])
    # the marker is not clipped, so it is not cut in half at 0 % or 100 % strength
    mk = dict(marker="o" if not trunk_lean else "s", ms=8, mfc="white", mew=2,
              color=styles[trunk_lean]["color"], ls="none", clip_on=False, zorder=5)
    ax1.plot([d.abductor_strength_pct], [d.pelvic_drop_deg], **mk)
    ax2.plot([d.abductor_strength_pct], [d.band_tension_ratio], **mk)
    ax1.set_ylim(0, 20)
    ax1.set_yticks([0, 5, 10, 15, 20])
    ax2.set_yticks([0, 0.5, 1.0, 1.5])
    ax2.set_xticks([0, 20, 40, 60, 80, 100])
    ax1.set_ylabel("Pelvic drop (°)")
    ax2.set_ylim(0, 1.8)
    ax2.axhline(1.0, color=ROLE["muted"], lw=0.8, ls=":")
    ax2.set_ylabel("Band tension\n(× full strength)")
    ax2.set_xlim(0, 100)
    if phone:
        text_at(fig, PHONE_WIDTH_IN / 2, 4.2, f"Model, {activity}", fontsize=10, ha="center", color=ROLE["text"])
        for a in (ax1, ax2):
            a.set_xticks([0, 50, 100])
            a.set_xlabel("Abductor strength\n(% of need)")
        fig.legend(*ax1.get_legend_handles_labels(), fontsize=8, loc="lower center", ncol=2,
                   bbox_to_anchor=(0.5, 0.0))
    else:
        ax1.text(0.5, 1.03, f"Model, {activity}", fontsize=10, ha="center", va="bottom",
                 transform=ax1.transAxes, color=ROLE["text"])
        ax1.legend(fontsize=8, loc="upper right")
        ax2.set_xlabel("Abductor strength (% of need)")
        ax1.tick_params(labelbottom=False)
    return fig


def hip_drop_alt(abductor_strength_pct: float = 100, activity: str = "running", trunk_lean: bool = False) -> str:
    """Alt text of :func:`draw_hip_drop`, with the numbers."""
    d = hd.hip_drop(abductor_strength_pct, activity, trunk_lean)
    comp = (f"The trunk leans over the stance leg by {d.trunk_lean_deg:.1f} degrees. " if d.trunk_lean_deg > 0
            else "The trunk stays upright. ")
    if d.pelvic_drop_deg > 0:
        pelvis = (f"The pelvis drops {d.pelvic_drop_deg:.1f} degrees on the free side, so the stance hip "
                  f"adducts {d.hip_adduction_deg:.1f} degrees more")
    else:
        pelvis = "The pelvis stays level"
    return (f"Stick figure seen from behind, standing on the right leg while {activity}, with the hip "
            f"abductors supplying {d.abductor_strength_pct:.0f} percent of the needed moment. {comp}"
            f"{pelvis}, and the IT band, shaded darker and drawn thicker as its tension rises, carries a model "
            f"tension of {d.band_tension_n:,.0f} N, {d.band_tension_ratio:.2f} times its full-strength value. "
            "Beside it, two graphs plot pelvic drop and band tension against abductor strength from 0 to "
            "100 percent, with an upright trunk and with trunk lean.")


# --------------------------------------------------------------------------- single-leg squat


#: Pelvic drop (degrees) and inward knee shift (cm) of the schematic squat B.
SQUAT_DROP_DEG = 8.0
SQUAT_KNEE_IN_CM = 7.0


def draw_single_leg_squat():
    """Side-by-side single-leg squats seen from behind: level pelvis vs hip drop with the knee drifting inward."""
    fig = new_figure(7.0, 4.4, layout=None)
    cases = [((0.0, 0.0, 0.5, 0.92), 0.0, 0.0, 1.0, 100, "A. Level pelvis, knee over the foot", ROLE["ok"],
              "pelvis level; knee on the\ndotted hip-to-foot line"),
             ((0.5, 0.0, 0.5, 0.92), SQUAT_DROP_DEG, SQUAT_KNEE_IN_CM, 1.5, 50,
              "B. Hip drop, knee drifting inward", ROLE["warn"],
              f"free side drops {SQUAT_DROP_DEG:g}°; knee moves\ninside the line, toward the midline")]
    for rect, drop, knee_in, ratio, strength, title, colour, note in cases:
        ax = fig.add_axes(rect)
        pts = _stick_figure(ax, drop, 0.0, ratio, strength, knee_in_cm=knee_in, squat=1.0, show_labels=False)
        hip, knee, ankle = pts["hip"], pts["knee"], pts["ankle"]
        ax.plot([hip[0], ankle[0]], [hip[1] + 2, ankle[1] - 6], color=colour, lw=1.6, ls=":", zorder=8)
        if knee_in > 0:
            ax.annotate("", xy=(knee[0] - 1.0, knee[1] - 1.0), xytext=(knee[0] + 15, knee[1] - 15),
                        arrowprops=dict(arrowstyle="->", color=colour, lw=1.8))
            ax.annotate("", xy=(pts["free_hip"][0], pts["free_hip"][1] - 2.5),
                        xytext=(pts["free_hip"][0], pts["free_hip"][1] + 14),
                        arrowprops=dict(arrowstyle="->", color=colour, lw=1.8))
        ax.text(14, -28, "IT band", fontsize=8.5, color=ROLE["band"], fontweight="bold", ha="left")
        ax.text(-6, -86, note, fontsize=9, ha="center", va="top", color=ROLE["text"])
        ax.set_xlim(-50, 38)
        ax.set_ylim(-100, 80)
        ax.set_aspect("equal")
        _blank(ax, title)
    return fig


SINGLE_LEG_SQUAT_ALT = ("Two stick figures seen from behind doing a single-leg squat on the right leg. Left: the "
                        "pelvis stays level and the knee stays over the foot, on the dotted hip-to-foot line. "
                        f"Right: the pelvis drops about {SQUAT_DROP_DEG:g} degrees on the free side and the stance "
                        "knee drifts toward the midline, inside the dotted line; the IT band on the outside of the "
                        "thigh is drawn darker and thicker to suggest more tension. Schematic, not measured.")


# --------------------------------------------------------------------------- what the studies found

def _torque(sex: str, group: str) -> float:
    return evidence.value(f"fredericson2000-torque-{sex}-{group}")


#: Fredericson et al. 2000: maximal isometric hip abductor torque (% body weight x height), group
#: means from the registry (the abstract gives no spreads). The after-rehabilitation gains are not
#: drawn: the registry holds them as unverified.
FREDERICSON_2000 = {
    sex: {"injured side": _torque(sex, "injured"), "uninjured side": _torque(sex, "uninjured"),
          "controls": _torque(sex, "controls"),
          "n_itbs": evidence.fact(f"fredericson2000-torque-{sex}-injured").n}
    for sex in ("women", "men")
}


def _n(key: str) -> str:
    n = evidence.study(key).n
    return f"n = {n}" if n else "n not verified"


#: The hip finding of each study: (label, direction, note, citation words for the alt text).
#: Direction: +1 ITBS group higher, 0 no difference, -1 lower. Sample sizes and numbers come
#: from the registry.
HIP_FINDINGS = [
    ("Noehren 2007\nwomen, prospective cohort", +1,
     "peak hip adduction higher in those who\nlater got ITBS (as a review reports it)",
     "peak hip adduction higher in women who went on to develop ITBS (Noehren 2007, as the Aderem 2015 "
     "review reports it)"),
    (f"Ferber 2010\nwomen, past ITBS, {_n('ferber2010')}", +1, "peak hip adduction higher",
     "higher peak hip adduction in women with past ITBS (Ferber 2010)"),
    (f"Suárez 2019\nwomen, current ITBS, {_n('suarez2019')}", 0, "peak hip adduction:\nno difference",
     "no difference in peak hip adduction in women with current ITBS (Suárez 2019)"),
    (f"Foch 2020\nwomen, past ITBS, {_n('foch2020')}", -1, "hip adduction excursion\nsmaller",
     "smaller hip adduction excursion in women with past ITBS (Foch 2020)"),
    (f"Noehren 2014\nmen, current ITBS, {_n('noehren2014')}", 0,
     "hip adduction not among the differences\n"
     f"(knee adduction +{evidence.render('noehren2014-knee-adduction')})",
     "no hip adduction difference but more knee adduction in men with ITBS (Noehren 2014)"),
    (f"Kendall 2013\nnerve block, {evidence.study('kendall2013').n} men", 0,
     f"strength −{evidence.render('kendall2013-strength-drop')};\npelvic drop unchanged",
     f"no change in pelvic drop after a nerve block that cut abductor strength by "
     f"{evidence.render('kendall2013-strength-drop')} (Kendall 2013)"),
    (f"Pohl 2015\nnerve block, {evidence.study('pohl2015').n} men, walking", 0,
     "strength down; pelvic drop, hip\nadduction, trunk lean unchanged",
     "no change in pelvic drop, hip adduction or trunk lean in walking after a nerve block that "
     "reduced strength (Pohl 2015)"),
]
_N_RUNNER_STUDIES = 5   # the first five rows are studies of runners; the rest are nerve blocks


def draw_group_differences():
    """Two panels: abductor torque by group (Fredericson 2000), and the direction of hip findings by study.

    The phone layout (:func:`itband.course.style.on_phone`) writes each finding under its study's
    name, left of its marker, instead of at the right."""
    phone = on_phone()
    if phone:
        fig = new_figure(PHONE_WIDTH_IN, 8.55, layout=None)
        ax, bx = axes_at(fig, 0.75, 0.62, 3.55, 2.45), axes_at(fig, 2.25, 4.0, 2.0, 3.75)
    else:
        fig = new_figure(7.0, 6.6)
        gs = fig.add_gridspec(2, 1, height_ratios=[1.0, 1.25])
        ax, bx = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    groups = ["injured side", "uninjured side", "controls"]
    colours = [ROLE["warn"], PALETTE["orange"], ROLE["ok"]]
    hatches = ["//", "..", ""]
    width = 0.24
    for i, sex in enumerate(("women", "men")):
        row = FREDERICSON_2000[sex]
        for j, (g, c, h) in enumerate(zip(groups, colours, hatches)):
            x = i + (j - 1) * width
            ax.bar(x, row[g], width, color=c, hatch=h, edgecolor="white", label=g if i == 0 else None)
            ax.text(x, row[g] + 0.15, f"{row[g]:.2f}", ha="center", va="bottom", fontsize=8)
    need = hb.needed_moment_pct_bwh()
    ax.axhline(need, color=ROLE["text"], ls="--", lw=1)
    ax.text(0.5, need - 0.35, f"model: standing on one\nleg needs ≈ {need:.1f}", fontsize=8, ha="center",
            va="top", bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=1.5))
    ax.set_xticks([0, 1], [f"Women ({FREDERICSON_2000['women']['n_itbs']} ITBS)",
                           f"Men ({FREDERICSON_2000['men']['n_itbs']} ITBS)"])
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(0, 14.5)
    ax.set_ylabel("Hip abductor torque\n(% body weight × height)")
    title = "A. Abductor strength, Fredericson et al. 2000 (means; no spreads given)"
    ax.set_title(title.replace(" 2000 ", " 2000\n") if phone else title, fontsize=10, loc="left")
    ax.legend(fontsize=7.5, loc="upper left", ncol=3)

    n = len(HIP_FINDINGS)
    markers = {+1: ("^", ROLE["warn"]), 0: ("o", ROLE["muted"]), -1: ("v", PALETTE["blue"])}
    for k, (study, direction, note, _) in enumerate(HIP_FINDINGS):
        y = n - 1 - k
        m, c = markers[direction]
        bx.plot([direction], [y], marker=m, ms=11, color=c, ls="none")
        if not phone:
            bx.text(1.45, y, note, fontsize=7.5, va="center", ha="left")
        if k == _N_RUNNER_STUDIES - 1:
            bx.axhline(y - 0.5, color=ROLE["muted"], lw=0.6, ls=":")
    names = [f"{study}\n{textwrap.fill(note, 34)}" if phone else study for study, _d, note, _a in HIP_FINDINGS]
    bx.set_yticks(range(n), names[::-1], fontsize=7.5)
    bx.set_xticks([-1, 0, 1], ["lower", "no difference", "higher"], **({"fontsize": 9} if phone else {}))
    bx.set_xlim(-1.5, 1.5 if phone else 3.6)
    bx.set_ylim(-0.6, n - 0.4)
    bx.spines["bottom"].set_bounds(-1.3, 1.3)
    xlabel = "ITBS group (or nerve block) compared with controls (or before)"
    title = "B. Hip adduction and pelvic drop: direction of each finding"
    if phone:  # across the figure, not over the narrow axes of markers
        text_at(fig, 0.05, 3.55, title.replace(": ", ":\n"), fontsize=10)
        text_at(fig, 4.35, 8.1, xlabel.replace(" with ", "\nwith "), ha="right", fontsize=9.5)
    else:
        bx.set_xlabel(xlabel)
        bx.set_title(title, fontsize=10, loc="left")
    return fig


def _group_differences_alt() -> str:
    bars = "; ".join(
        f"{sex.capitalize()} ({row['n_itbs']} with ITBS): injured side {row['injured side']:g}, uninjured side "
        f"{row['uninjured side']:g}, controls {row['controls']:g}" for sex, row in FREDERICSON_2000.items())
    findings = "; ".join(row[3] for row in HIP_FINDINGS)
    return ("Two panels. A: bar chart of hip abductor torque in percent of body weight times height from "
            f"Fredericson et al. 2000. {bars}. A dashed line at about {hb.needed_moment_pct_bwh():.1f} marks what "
            "the lesson's model says standing on one leg needs. No error bars, because only means were "
            f"available. B: direction of the hip findings by study: {findings}.")


GROUP_DIFFERENCES_ALT = _group_differences_alt()


# --------------------------------------------------------------------------- the published leg model

#: Attribution printed on the figure of the model's moment arms.
LEG_MODEL_ATTRIBUTION = ("Model: MyoSuite MyoLeg (myo-sim, Apache-2.0), from Rajagopal et al. 2016; "
                         "run in MuJoCo. Textbook range: typical teaching values.")
_MODEL_LINES = (("glmed1_r_tendon", ROLE["muscle"], "--"), ("glmed2_r_tendon", ROLE["muscle"], "-."),
                ("glmed3_r_tendon", ROLE["muscle"], ":"), (hb.BAND_TENDON, ROLE["band"], "-"))


def _textbook_range_cm() -> tuple[float, float]:
    lo, hi = evidence.fact("neumann2017-lever-arms-textbook").range
    return float(lo), float(hi)


def model_lever_arm_bars(hip_adduction_deg: float = 0.0) -> list[tuple[str, float, float]]:
    """(label, abductor moment arm in cm, abductor force in multiples of body weight) of the bar
    panel: the textbook range's two ends and the model's gluteus medius mean at ``hip_adduction_deg``
    (standing on one leg, b = 10 cm; multiples of body weight do not depend on the mass)."""
    lo, hi = _textbook_range_cm()
    model = hb.model_single_leg_stance(hip_adduction_deg=hip_adduction_deg)
    return [(f"textbook\n{lo:g} cm", lo, hb.single_leg_stance(abductor_arm_m=lo / 100).abductor_force_bw),
            (f"textbook\n{hi:g} cm", hi, hb.single_leg_stance(abductor_arm_m=hi / 100).abductor_force_bw),
            (f"model\n{100 * model.abductor_arm_m:.1f} cm", 100 * model.abductor_arm_m, model.abductor_force_bw)]


def draw_model_moment_arms(hip_adduction_deg: float = 0.0):
    """The published leg model's abductor moment arms against hip adduction, beside the textbook
    range, and the abductor force each gives in single-leg stance."""
    lo_q, hi_q = hb.model_adduction_range_deg()
    q = check_number("hip_adduction_deg", hip_adduction_deg, lo_q, hi_q, "degrees")
    fig = new_figure(7.0, 4.3, layout=None)
    ax = fig.add_axes((0.09, 0.17, 0.52, 0.6))
    bx = fig.add_axes((0.72, 0.17, 0.26, 0.6))
    lo, hi = _textbook_range_cm()
    ax.axhspan(lo, hi, color=ROLE["muted"], alpha=0.18, lw=0)
    ax.text(hi_q - 0.5, hi - 0.1, "textbook range", fontsize=8.5, color=ROLE["text"], va="top", ha="right")
    angles = np.linspace(lo_q, hi_q, 36)
    for tendon, colour, ls in _MODEL_LINES:
        ax.plot(angles, [100 * hb.model_abductor_arm_m(tendon, a) for a in angles], color=colour, ls=ls,
                lw=2.4 if tendon == hb.BAND_TENDON else 1.7, label=hb.MODEL_TENDON_NAMES[tendon])
    ax.plot(angles, [100 * hb.model_gluteus_medius_arm_m(a) for a in angles], color=PALETTE["black"], lw=2.6,
            label="gluteus medius, mean of 3")
    a_q = 100 * hb.model_gluteus_medius_arm_m(q)
    ax.axvline(q, color=ROLE["muted"], lw=0.9, ls=":")
    ax.plot([q], [a_q], marker="o", ms=8, mfc="white", mew=2, color=PALETTE["black"], zorder=5, clip_on=False)
    ax.set_xlim(lo_q, hi_q)
    ax.set_ylim(2, 7.5)
    ax.set_xlabel("Hip adduction (degrees; negative = abducted)")
    ax.set_ylabel("Abductor moment arm (cm)")
    ax.text(hi_q - 0.5, 2.15, "hip drop →", fontsize=8.5, color=ROLE["muted"], ha="right", va="bottom")
    fig.legend(*ax.get_legend_handles_labels(), loc="upper left", fontsize=8.5, frameon=False, ncol=3,
               bbox_to_anchor=(0.0, 0.99), columnspacing=1.2, handlelength=2.2)

    bars = model_lever_arm_bars(q)
    colours = [ROLE["muted"], ROLE["muted"], PALETTE["black"]]
    for i, ((label, _, f_bw), c) in enumerate(zip(bars, colours)):
        bx.bar(i, f_bw, 0.65, color=c, alpha=0.85 if i == 2 else 0.55)
        bx.text(i, f_bw + 0.04, f"{f_bw:.2f}", ha="center", va="bottom", fontsize=8.5)
    bx.set_xticks(range(len(bars)), [b[0] for b in bars], fontsize=8)
    bx.set_ylim(0, 2.6)
    bx.set_ylabel("Abductor force F (× body weight)")
    bx.text(0.5, 1.03, f"standing on one leg,\nmodel at {q:g}° adduction", transform=bx.transAxes, ha="center",
            va="bottom", fontsize=8.5, color=ROLE["text"])
    fig.text(0.5, 0.012, LEG_MODEL_ATTRIBUTION, ha="center", fontsize=7.5, color=ROLE["muted"])
    return fig


def model_moment_arms_alt(hip_adduction_deg: float = 0.0) -> str:
    """Alt text of :func:`draw_model_moment_arms`, with the numbers."""
    lo_q, hi_q = hb.model_adduction_range_deg()
    q = check_number("hip_adduction_deg", hip_adduction_deg, lo_q, hi_q, "degrees")
    lo, hi = _textbook_range_cm()
    at = "; ".join(f"{hb.MODEL_TENDON_NAMES[t]} {100 * hb.model_abductor_arm_m(t, 0):.1f} cm at 0 and "
                   f"{100 * hb.model_abductor_arm_m(t, hi_q):.1f} cm at {hi_q:g}" for t, _, _ in _MODEL_LINES)
    bars = "; ".join(f"{label.replace(chr(10), ' ')}: {f:.2f}" for label, _, f in model_lever_arm_bars(q))
    return (f"Chart of the abductor moment arms of the MyoLeg leg model against hip adduction from {lo_q:g} to "
            f"{hi_q:g} degrees, over a shaded textbook range of {lo:g} to {hi:g} cm. Every line falls as the hip "
            f"adducts: {at} degrees. The mean of the three gluteus medius bundles is marked at {q:g} degrees, "
            f"{100 * hb.model_gluteus_medius_arm_m(q):.1f} cm. Beside it, bars of the abductor force for "
            f"standing on one leg in multiples of body weight: {bars}.")
