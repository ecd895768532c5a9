"""Drawings of the five corrective exercises (:mod:`itband.models.poses`), each beside its alt text,
and the exercise cards.

:func:`draw_exercise` (alt text :func:`alt_text`) shows one exercise at a phase of its movement;
:func:`draw_gallery` (alt text :func:`gallery_alt`) shows all five. :func:`cards` shows the
coaching text of ``itband/data/exercise_cards.yaml`` as collapsible blocks. The alt texts are
built from the pose model, not retyped.
"""
from __future__ import annotations

import textwrap

import numpy as np

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, new_figure, on_phone
from ..course.validate import check_number, check_positive
from ..models.poses import (DEFAULT_HEIGHT_M, EXERCISES, VIEW_TITLES, Exercise, _head_radius,
                            exercise_names, get_exercise, joint_angles, landmark, pose)

_BONES = {
    "side": [("neck", "pelvis"), ("hip_r", "knee_r"), ("knee_r", "ankle_r"), ("ankle_r", "toe_r"),
             ("ankle_r", "heel_r"), ("heel_r", "toe_r"), ("shoulder_r", "elbow_r"), ("elbow_r", "hand_r")],
    "behind": [("neck", "pelvis"), ("hip_l", "hip_r"), ("shoulder_l", "shoulder_r"),
               ("hip_l", "knee_l"), ("knee_l", "ankle_l"), ("hip_r", "knee_r"), ("knee_r", "ankle_r"),
               ("shoulder_l", "elbow_l"), ("elbow_l", "hand_l"),
               ("shoulder_r", "elbow_r"), ("elbow_r", "hand_r")],
}
_BONE_COLOUR = "#3A3A3A"
_STRETCH_COLOUR = PALETTE["purple"]


def _draw_figure(ax, points, view, height_m, *, ghost=False, muscles=(), band=None, labels=True):
    import matplotlib.patches as mpatches

    colour = "#BBBBBB" if ghost else _BONE_COLOUR
    lw = 3.0 if ghost else 4.0
    z = 1 if ghost else 3
    xs, ys = [], []
    for a, b in _BONES[view]:  # one Line2D for the whole skeleton (NaN breaks between bones)
        xs += [points[a][0], points[b][0], np.nan]
        ys += [points[a][1], points[b][1], np.nan]
    ax.plot(xs, ys, color=colour, lw=lw, solid_capstyle="round", solid_joinstyle="round", zorder=z)
    r = _head_radius(height_m)
    ax.add_patch(mpatches.Circle(points["head"], r, facecolor="white", edgecolor=colour, lw=lw * 0.6,
                                 zorder=z))
    if ghost:
        return
    joints = [k for k in points if k not in ("head", "neck", "heel_r", "toe_r")]
    xy = np.array([points[k] for k in joints])
    ax.scatter(xy[:, 0], xy[:, 1], s=14, color="white", edgecolors=_BONE_COLOUR, linewidths=1.2, zorder=5)
    for m in muscles:
        p0, p1 = landmark(points, m.origin, height_m), landmark(points, m.insertion, height_m)
        if m.role == "working":
            style = dict(color=ROLE["muscle"], lw=7, alpha=0.85, solid_capstyle="round", zorder=4)
        elif m.role == "stretched":
            style = dict(color=_STRETCH_COLOUR, lw=7, alpha=0.9, linestyle=(0, (1.2, 0.8)),
                         dash_capstyle="round", zorder=4)
        else:
            style = dict(color=ROLE["band"], lw=3, alpha=0.95, linestyle=(0, (4, 2)), zorder=4)
        ax.plot(*zip(p0, p1), **style)
        if labels:
            mid = (p0 + p1) / 2
            off = np.array(m.label_offset) * height_m
            ha = "left" if off[0] > 0.02 else "right" if off[0] < -0.02 else "center"
            ax.annotate(m.name, xy=mid, xytext=mid + off, fontsize=8.5, color=ROLE["text"],
                        ha=ha, va="center", zorder=6,
                        arrowprops=dict(arrowstyle="-", color="#555555", lw=0.8, shrinkA=2, shrinkB=3))
    if band is not None:
        pa = landmark(points, band.a, height_m)
        if band.b is None:
            ax.add_patch(mpatches.Ellipse(pa, 0.05 * height_m, 0.11 * height_m, angle=0,
                                          facecolor="none", edgecolor=ROLE["band"], lw=3, zorder=6))
            if labels:
                ax.annotate("band", xy=pa, xytext=pa + np.array([0.05, 0.1]) * height_m, fontsize=8.5,
                            color=ROLE["band"], ha="center", zorder=6,
                            arrowprops=dict(arrowstyle="-", color=ROLE["band"], lw=0.8))
        else:
            pb = landmark(points, band.b, height_m)
            ax.plot(*zip(pa, pb), color=ROLE["band"], lw=4, zorder=6, solid_capstyle="round")
            if labels:
                ax.annotate(f"band: {np.linalg.norm(pb - pa) * 100:.0f} cm\nbetween ankles", xy=pb,
                            xytext=pb + np.array([0.08, 0.1]) * height_m, fontsize=8.5, color=ROLE["band"],
                            ha="left", zorder=6,
                            arrowprops=dict(arrowstyle="-", color=ROLE["band"], lw=0.8))


def _floor(ax, x0, x1):
    ax.axhline(0, color="#777777", lw=1.2, zorder=0)
    xs = np.arange(x0, x1, 0.08)
    hx = np.column_stack([xs, xs - 0.04, np.full_like(xs, np.nan)]).ravel()
    hy = np.tile([0.0, -0.04, np.nan], len(xs))
    ax.plot(hx, hy, color="#AAAAAA", lw=0.7, zorder=0)


def _frame(ax, ex: Exercise, height_m: float, pad=0.12):
    pts = [pose(ex.key, ph, height_m) for ph in (0, 50, 100)]
    allxy = np.array([v for p in pts for v in p.values()])
    r = _head_radius(height_m)
    x0, x1 = allxy[:, 0].min() - r - pad, allxy[:, 0].max() + r + pad
    y1 = allxy[:, 1].max() + r + pad
    return x0, x1, -0.06, max(y1, 0.5)


def draw_exercise(exercise: str = "banded_hip_bridge", phase_pct: float = 100.0,
                  height_m: float = DEFAULT_HEIGHT_M):
    """A figure of ``exercise`` at ``phase_pct`` (0 = start, 100 = end position).

    The start pose is drawn in light grey behind the current one; working
    muscles are solid vermillion strokes, stretched tissue a dotted purple
    stroke, the band blue. A panel on the right lists what works and the cues.
    """
    ex = get_exercise(exercise)
    phase = check_number("phase_pct", phase_pct, 0, 100, "%")
    height_m = check_positive("height_m", height_m, "m", hi=2.5)
    fig = new_figure(7.0, 3.9)
    fig.set_layout_engine("none")  # fixed axes: faster redraws than constrained layout
    ax = fig.add_axes((0.01, 0.02, 0.58, 0.8))
    x0, x1, y0, y1 = _frame(ax, ex, height_m)
    _floor(ax, x0, x1)
    if phase > 0:
        _draw_figure(ax, pose(exercise, 0, height_m), ex.view, height_m, ghost=True)
    _draw_figure(ax, pose(exercise, phase, height_m), ex.view, height_m, muscles=ex.muscles, band=ex.band)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.text(0.015, 0.97, f"{ex.title}: {phase:g} % of the movement", fontsize=11.5, va="top")
    fig.text(0.015, 0.905, f"{VIEW_TITLES[ex.view].capitalize()}; grey = start position",
             fontsize=9.5, va="top", color=ROLE["muted"])
    tx = fig.add_axes((0.62, 0.03, 0.37, 0.92))
    tx.axis("off")
    blocks = [("Works", ex.works), ("Cue", ex.cues[1]), ("Avoid", ex.faults[0])]
    y = 1.0
    for head, body in blocks:
        wrapped = textwrap.fill(body, 36)
        tx.text(0, y, head, fontsize=9, fontweight="bold", va="top", transform=tx.transAxes)
        tx.text(0, y - 0.05, wrapped, fontsize=8.5, va="top", transform=tx.transAxes,
                color=ROLE["text"], linespacing=1.2)
        y -= 0.05 + 0.043 * (wrapped.count("\n") + 1) + 0.03
    return fig


def draw_gallery(height_m: float = DEFAULT_HEIGHT_M):
    """All five exercises in one figure: start pose in grey, end position in black, working
    muscles highlighted, band in blue."""
    height_m = check_positive("height_m", height_m, "m", hi=2.5)
    phone = on_phone()  # three rows of two
    fig = new_figure(PHONE_WIDTH_IN, 6.5) if phone else new_figure(7.0, 5.6)
    rows, cols = (3, 2) if phone else (2, 3)
    # on the phone the first row holds the two exercises done lying down: it needs less height
    gs = fig.add_gridspec(rows, cols, **({"height_ratios": [0.55, 1.0, 1.1]} if phone else {}))
    slots = [gs[k // cols, k % cols] for k in range(rows * cols)]
    for slot, ex in zip(slots, EXERCISES.values()):
        ax = fig.add_subplot(slot)
        x0, x1, y0, y1 = _frame(ax, ex, height_m, pad=0.05)
        _floor(ax, x0, x1)
        _draw_figure(ax, pose(ex.key, 0, height_m), ex.view, height_m, ghost=True)
        _draw_figure(ax, pose(ex.key, 100, height_m), ex.view, height_m, muscles=ex.muscles,
                     band=ex.band, labels=False)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(ex.title, fontsize=10)
    key = fig.add_subplot(slots[-1])
    key.axis("off")
    key.plot([0.05, 0.3], [0.8, 0.8], color="#BBBBBB", lw=3)
    key.text(0.36, 0.8, "start position", va="center", fontsize=9)
    key.plot([0.05, 0.3], [0.64, 0.64], color=_BONE_COLOUR, lw=4)
    key.text(0.36, 0.64, "end position", va="center", fontsize=9)
    key.plot([0.05, 0.3], [0.48, 0.48], color=ROLE["muscle"], lw=9, alpha=0.85, solid_capstyle="round")
    key.text(0.36, 0.48, "working muscle", va="center", fontsize=9)
    key.plot([0.05, 0.3], [0.32, 0.32], color=_STRETCH_COLOUR, lw=7, linestyle=(0, (1.2, 0.8)))
    key.text(0.36, 0.32, "stretched muscle", va="center", fontsize=9)
    key.plot([0.05, 0.3], [0.16, 0.16], color=ROLE["band"], lw=4)
    key.text(0.36, 0.16, "resistance band / IT band", va="center", fontsize=9)
    key.set_xlim(0, 1)
    key.set_ylim(0, 1)
    return fig


def alt_text(exercise: str, phase_pct: float) -> str:
    """Alt text for :func:`draw_exercise`: the pose, what works and the main cue, in words."""
    ex = get_exercise(exercise)
    phase = check_number("phase_pct", phase_pct, 0, 100, "%")
    a = joint_angles(exercise, phase)
    if ex.view == "side":
        pose_txt = (f"hip flexion {a['hip_flex_deg']:.0f}°, knee flexion {a['knee_flex_deg']:.0f}°, "
                    f"hips {pose(exercise, phase)['pelvis'][1] * 100:.0f} cm off the floor")
    else:
        def hip(side):
            v = a[f"hip_{side}_abd_deg"]
            return f"{'abduction' if v >= 0 else 'adduction'} {abs(v):.0f}°"
        pose_txt = (f"right hip {hip('r')}, left hip {hip('l')}, trunk side-bend "
                    f"{abs(a['trunk_bend_deg']):.0f}°, pelvis {pose(exercise, phase)['pelvis'][1] * 100:.0f} cm "
                    "above the floor")
    band = f" A band is drawn as {ex.band.where}." if ex.band else ""
    muscles = ", ".join(m.name.replace("\n", " ") for m in ex.muscles)
    return (f"Stick figure of the exercise '{ex.title}' at {phase:g} % of the movement, "
            f"{VIEW_TITLES[ex.view]}: {pose_txt}. Highlighted: {muscles}."
            f"{band} Works: {ex.works}. Cue: {ex.cues[1]}")


def card_markdown(exercise: str) -> str:
    """Cues, common faults, regression and progression of ``exercise`` as Markdown."""
    ex = get_exercise(exercise)
    lines = [f"**{ex.title}** ({VIEW_TITLES[ex.view]}). *Works:* {ex.works}.", ""]
    lines += ["*Cues*"] + [f"- {c}" for c in ex.cues] + [""]
    lines += ["*Common faults*"] + [f"- {f}" for f in ex.faults] + [""]
    lines += [f"*Easier (regression):* {ex.regression}  ", f"*Harder (progression):* {ex.progression}"]
    if ex.note:
        lines += ["", f"*Note:* {ex.note}"]
    return "\n".join(lines)


def card_html(exercise: str, open_: bool = False) -> str:
    """Cues, common faults, regression and progression of ``exercise`` as a collapsible HTML block."""
    import html

    ex = get_exercise(exercise)
    if not isinstance(open_, bool):
        raise TypeError(f"open_={open_!r} must be True or False")
    e = html.escape
    items = lambda xs: "".join(f"<li>{e(x)}</li>" for x in xs)  # noqa: E731
    note = f"<p><em>Note:</em> {e(ex.note)}</p>" if ex.note else ""
    return (f'<details class="itb-card"{" open" if open_ else ""}><summary><strong>{e(ex.title)}</strong>: '
            f"{e(ex.works)}</summary>"
            f"<p><em>Cues</em></p><ul>{items(ex.cues)}</ul>"
            f"<p><em>Common faults</em></p><ul>{items(ex.faults)}</ul>"
            f"<p><em>Easier (regression):</em> {e(ex.regression)}<br>"
            f"<em>Harder (progression):</em> {e(ex.progression)}</p>{note}</details>")


def cards(exercise: str | None = None):
    """The cards of one exercise, or of all five, as collapsible blocks (an IPython HTML object)."""
    from IPython.display import HTML

    names = exercise_names() if exercise is None else [get_exercise(exercise).key]
    return HTML("".join(card_html(n) for n in names))


def gallery_alt() -> str:
    """Alt text for :func:`draw_gallery`."""
    parts = []
    for ex in EXERCISES.values():
        muscles = ", ".join(m.name.replace("\n", " ") for m in ex.muscles)
        band = f"; band {ex.band.where}" if ex.band else ""
        parts.append(f"{ex.title} ({VIEW_TITLES[ex.view]}; highlighted: {muscles}{band})")
    return ("Five stick figures, each showing the start position in grey and the end position in black: "
            + "; ".join(parts) + ".")
