"""Stick-figure pose model of the five corrective exercises for iliotibial band syndrome.

Each exercise is two key poses, *start* and *end*, written as joint angles in
degrees. A pose at ``phase_pct`` (0 % = start, 100 % = end position) is the
straight-line blend of the two, and :func:`forward_kinematics` turns the
angles into joint positions in metres from segment lengths.

Two views are used, both in one plane:

* ``"side"`` (sagittal plane, seen from the person's right): the angles are
  trunk flexion, hip flexion, knee flexion, ankle dorsiflexion, shoulder
  flexion and elbow flexion of the near (right) limbs.
* ``"behind"`` (frontal plane, seen from behind, so the person's right is on
  the reader's right): trunk side-bend, hip and shoulder abduction of both
  sides (negative = adduction, across the midline) and elbow flexion; hip and
  knee flexion happen out of this plane and only shorten the thigh and shank
  as drawn (orthographic projection).

``axis_deg`` is the direction of the body's long axis at the pelvis (pelvis
towards neck) measured anticlockwise from the +x axis: 90 is upright, 180 is
lying with the head on the left. Positive joint angles are the anatomical
direction named (flexion, abduction, dorsiflexion).

Segment lengths are fractions of body height after the Drillis and Contini
proportions tabulated in Winter's *Biomechanics and Motor Control of Human
Movement*; the drawings are schematic, the exercise details are common clinical
practice, and the muscles highlighted are those the EMG studies of
:mod:`itband.emg` measured.
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

import numpy as np

from .course.style import PALETTE, ROLE, new_figure
from .course.validate import check_choice, check_number, check_positive

#: Segment lengths as fractions of body height (Drillis & Contini, via Winter).
SEGMENT_FRACTIONS = {
    "trunk": 0.29,        # hip-joint level to the base of the neck
    "head": 0.13,         # base of the neck to the top of the head
    "thigh": 0.245,
    "shank": 0.246,
    "foot": 0.11,         # ankle to toes
    "upper_arm": 0.186,
    "forearm": 0.20,      # elbow to the middle of the hand
    "hip_width": 0.10,    # between the hip-joint centres
    "shoulder_width": 0.20,
}

#: Range of motion allowed for each joint angle, degrees (a pose outside is invalid).
JOINT_LIMITS_DEG = {
    "trunk_flex_deg": (-30.0, 90.0),
    "trunk_bend_deg": (-40.0, 40.0),
    "hip_flex_deg": (-25.0, 130.0),
    "knee_flex_deg": (0.0, 150.0),
    "ankle_dorsi_deg": (-50.0, 30.0),
    "shoulder_flex_deg": (-60.0, 180.0),
    "elbow_flex_deg": (0.0, 150.0),
    "hip_l_abd_deg": (-30.0, 50.0),
    "hip_r_abd_deg": (-30.0, 50.0),
    "hip_l_flex_deg": (-25.0, 130.0),
    "hip_r_flex_deg": (-25.0, 130.0),
    "knee_l_flex_deg": (0.0, 150.0),
    "knee_r_flex_deg": (0.0, 150.0),
    "shoulder_l_abd_deg": (-30.0, 180.0),
    "shoulder_r_abd_deg": (-30.0, 180.0),
    "elbow_l_flex_deg": (0.0, 150.0),
    "elbow_r_flex_deg": (0.0, 150.0),
}
_AXIS_LIMITS = (0.0, 360.0)

#: The joint angles each view uses (besides ``axis_deg``).
VIEW_JOINTS = {
    "side": ("trunk_flex_deg", "hip_flex_deg", "knee_flex_deg", "ankle_dorsi_deg",
             "shoulder_flex_deg", "elbow_flex_deg"),
    "behind": ("trunk_bend_deg", "hip_l_abd_deg", "hip_r_abd_deg", "hip_l_flex_deg", "hip_r_flex_deg",
               "knee_l_flex_deg", "knee_r_flex_deg", "shoulder_l_abd_deg",
               "shoulder_r_abd_deg", "elbow_l_flex_deg", "elbow_r_flex_deg"),
}
VIEW_TITLES = {"side": "seen from the right side", "behind": "seen from behind"}

#: Default body height for the drawings, metres.
DEFAULT_HEIGHT_M = 1.75


@dataclass(frozen=True)
class Landmark:
    """A point ``fraction`` of the way from joint ``a`` to joint ``b``, moved ``offset``
    (a fraction of body height) to the left of the direction a -> b."""

    a: str
    b: str
    fraction: float = 0.0
    offset: float = 0.0


@dataclass(frozen=True)
class Muscle:
    """A muscle drawn as a thick stroke between two landmarks.

    ``role`` is ``"working"`` (it contracts to do the exercise) or ``"stretched"``.
    """

    name: str
    origin: Landmark
    insertion: Landmark
    role: str = "working"
    label_offset: tuple[float, float] = (0.0, 0.08)


@dataclass(frozen=True)
class Band:
    """A resistance band: a loop drawn between two landmarks (or round one point)."""

    where: str
    a: Landmark
    b: Landmark | None = None


@dataclass(frozen=True)
class Exercise:
    """One exercise: key poses, what works, and how to coach it."""

    key: str
    title: str
    view: str
    start: dict
    end: dict
    works: str
    muscles: tuple[Muscle, ...]
    cues: tuple[str, ...]
    faults: tuple[str, ...]
    regression: str
    progression: str
    band: Band | None = None
    contacts_end: tuple[str, ...] = ()   # joints on the floor at the end ("head" = back of the head)
    anchor: str = "pelvis"
    note: str = ""
    emg_keys: tuple[str, ...] = field(default_factory=tuple)


def _L(a, b, f=0.0, o=0.0):
    return Landmark(a, b, f, o)


def _behind(**angles) -> dict:
    """A pose seen from behind: every joint angle of that view, 0 unless given."""
    pose = {"axis_deg": 90.0, **{k: 0.0 for k in VIEW_JOINTS["behind"]}}
    unknown = set(angles) - set(pose)
    if unknown:
        raise ValueError(f"unknown joint angle(s) {sorted(unknown)}")
    pose.update(angles)
    return pose


EXERCISES: dict[str, Exercise] = {
    "banded_hip_bridge": Exercise(
        key="banded_hip_bridge",
        title="Banded hip bridge",
        view="side",
        start={"axis_deg": 180.0, "trunk_flex_deg": 0.0, "hip_flex_deg": 45.0, "knee_flex_deg": 102.0,
               "ankle_dorsi_deg": -33.0, "shoulder_flex_deg": 0.0, "elbow_flex_deg": 0.0},
        end={"axis_deg": 199.0, "trunk_flex_deg": 0.0, "hip_flex_deg": 0.0, "knee_flex_deg": 87.0,
             "ankle_dorsi_deg": -22.0, "shoulder_flex_deg": -19.0, "elbow_flex_deg": 0.0},
        anchor="ankle_r",
        works="gluteus maximus and hamstrings lift the hips; gluteus medius pushes the knees out "
              "against the band",
        muscles=(
            Muscle("gluteus maximus", _L("pelvis", "neck", 0.12, 0.035), _L("hip_r", "knee_r", 0.28, -0.035),
                   label_offset=(-0.03, 0.2)),
            Muscle("hamstrings", _L("hip_r", "knee_r", 0.38, -0.04), _L("hip_r", "knee_r", 0.93, -0.035),
                   label_offset=(0.02, -0.1)),
            Muscle("gluteus medius", _L("pelvis", "neck", 0.22, 0.0), _L("hip_r", "knee_r", 0.06, 0.0),
                   label_offset=(-0.12, 0.1)),
        ),
        band=Band("a loop just above the knees", _L("hip_r", "knee_r", 0.86, 0.0)),
        contacts_end=("head", "heel_r", "toe_r"),
        cues=("Feet flat, hip-width apart, heels about a forearm's length from the buttocks.",
              "Press the knees gently out into the band the whole time.",
              "Lift by squeezing the buttocks until shoulders, hips and knees make one line; "
              "hold 2 s, lower slowly.",
              "Feel it in the buttocks, not the lower back or the hamstrings' ends."),
        faults=("Arching the lower back to lift higher (hips past the shoulder-knee line).",
                "Knees falling inwards against the band.",
                "Cramping hamstrings: heels too far from the buttocks."),
        regression="No band, or a smaller lift held for 10 s (an isometric hold).",
        progression="Single-leg bridge (the other knee held to the chest), or a stronger band.",
        emg_keys=("bridge", "unilateral_bridge"),
    ),
    "side_lying_hip_abduction": Exercise(
        key="side_lying_hip_abduction",
        title="Side-lying hip abduction",
        view="behind",
        start=_behind(axis_deg=180.0, trunk_bend_deg=-10.0, shoulder_l_abd_deg=170.0, shoulder_r_abd_deg=10.0,
                      elbow_l_flex_deg=10.0, elbow_r_flex_deg=10.0),
        end=_behind(axis_deg=180.0, trunk_bend_deg=-10.0, hip_r_abd_deg=35.0, shoulder_l_abd_deg=170.0,
                    shoulder_r_abd_deg=10.0, elbow_l_flex_deg=10.0, elbow_r_flex_deg=10.0),
        works="gluteus medius (and minimus) of the top leg lift it against gravity",
        muscles=(
            Muscle("gluteus medius", _L("pelvis", "neck", 0.25, -0.06), _L("hip_r", "knee_r", 0.15, 0.02),
                   label_offset=(-0.06, 0.14)),
        ),
        contacts_end=("hip_l", "ankle_l", "shoulder_l"),
        cues=("Lie on the side in one straight line; stack the hips, the top hip slightly forward.",
              "Lead with the heel, toes pointing forwards, and lift to about 35°, not higher.",
              "Lower slowly over 2-3 s; feel the side of the hip, above the buttock pocket."),
        faults=("Rolling the pelvis back so the hip flexors (TFL) lift the leg.",
                "Hip hitching: lifting the leg by shortening the waist.",
                "Turning the toes up to the ceiling."),
        regression="Bend the bottom knee for balance and lift a smaller range, or hold the leg up 5-10 s.",
        progression="A light ankle weight or a band round the ankles; slower lowering.",
        emg_keys=("side_lying_abduction", "side_lying_abduction_10rm", "active_side_lying_abduction"),
    ),
    "lateral_band_walk": Exercise(
        key="lateral_band_walk",
        title="Lateral band walk",
        view="behind",
        start=_behind(axis_deg=90.0, hip_l_abd_deg=5.0, hip_r_abd_deg=5.0, hip_l_flex_deg=30.0,
                      hip_r_flex_deg=30.0, knee_l_flex_deg=50.0, knee_r_flex_deg=50.0,
                      shoulder_l_abd_deg=15.0, shoulder_r_abd_deg=15.0, elbow_l_flex_deg=60.0,
                      elbow_r_flex_deg=60.0),
        end=_behind(axis_deg=90.0, hip_l_abd_deg=15.0, hip_r_abd_deg=15.0, hip_l_flex_deg=30.0,
                    hip_r_flex_deg=30.0, knee_l_flex_deg=50.0, knee_r_flex_deg=50.0,
                    shoulder_l_abd_deg=15.0, shoulder_r_abd_deg=15.0, elbow_l_flex_deg=60.0,
                    elbow_r_flex_deg=60.0),
        anchor="ankle_l",
        works="gluteus medius of both hips: the moving leg pushes out, the standing leg holds the "
              "pelvis level",
        muscles=(
            Muscle("gluteus medius\n(moving leg)", _L("pelvis", "neck", 0.25, -0.06),
                   _L("hip_r", "knee_r", 0.12, 0.02), label_offset=(0.15, -0.1)),
            Muscle("gluteus medius\n(standing leg)", _L("pelvis", "neck", 0.25, 0.06),
                   _L("hip_l", "knee_l", 0.12, -0.02), label_offset=(-0.15, -0.1)),
        ),
        band=Band("a loop round the ankles", _L("hip_l", "knee_l", 1.8, 0.0), _L("hip_r", "knee_r", 1.8, 0.0)),
        contacts_end=("ankle_l", "ankle_r"),
        cues=("Knees and hips softly bent, weight over the middle of the feet, chest up.",
              "Step sideways a little wider than the hips; keep the band taut the whole time.",
              "Keep the pelvis level and the toes pointing forwards; 10-15 steps each way."),
        faults=("Hip hitching or swaying the trunk over the standing leg.",
                "Letting the trailing foot snap in, so the band goes slack.",
                "Toes turning out, which lets the hip flexors take over."),
        regression="Band above the knees (a shorter lever), smaller steps, or a lighter band.",
        progression="Band round the feet, a deeper squat or a stronger band.",
        note="The slight squat is not drawn in this view.",
        emg_keys=("band_walk_distefano", "band_walk_stance", "band_walk_moving"),
    ),
    "side_plank": Exercise(
        key="side_plank",
        title="Side plank",
        view="behind",
        start=_behind(axis_deg=176.25, trunk_bend_deg=-35.0, shoulder_l_abd_deg=46.5,
                      elbow_l_flex_deg=90.0, elbow_r_flex_deg=5.0),
        end=_behind(axis_deg=162.6, shoulder_l_abd_deg=72.6, elbow_l_flex_deg=90.0, elbow_r_flex_deg=5.0),
        anchor="ankle_l",
        works="gluteus medius of the bottom leg lifts and holds the pelvis; the trunk side muscles "
              "hold the line",
        muscles=(
            Muscle("gluteus medius (bottom leg)", _L("pelvis", "neck", 0.12, 0.055),
                   _L("hip_l", "knee_l", 0.12, 0.02), label_offset=(0.1, 0.2)),
            Muscle("trunk side muscles", _L("pelvis", "neck", 0.3, 0.04), _L("pelvis", "neck", 0.85, 0.04),
                   label_offset=(-0.04, 0.22)),
        ),
        contacts_end=("ankle_l", "elbow_l"),
        cues=("Elbow under the shoulder, feet stacked (or staggered), body in one line.",
              "Lift the hips until head, hips and ankles line up; hold and breathe.",
              "Push the floor away with the bottom foot and forearm."),
        faults=("Hips sagging towards the floor.",
                "Rolling the pelvis back or piking the hips up.",
                "Shoulder shrugged up to the ear."),
        regression="Side plank from the knees (knees bent, shorter lever), shorter holds.",
        progression="Lift the top leg (abduction) while holding the plank, or longer holds.",
        emg_keys=("side_plank_abd_bottom", "side_plank_abd_top", "side_bridge"),
    ),
    "standing_itb_stretch": Exercise(
        key="standing_itb_stretch",
        title="Standing IT band stretch",
        view="behind",
        start=_behind(axis_deg=90.0, hip_l_abd_deg=4.0, hip_r_abd_deg=4.0, shoulder_l_abd_deg=10.0,
                      shoulder_r_abd_deg=10.0, elbow_l_flex_deg=10.0, elbow_r_flex_deg=10.0),
        end=_behind(axis_deg=80.0, trunk_bend_deg=30.0, hip_l_abd_deg=1.4, hip_r_abd_deg=-16.0,
                    hip_l_flex_deg=20.0, knee_l_flex_deg=35.0, shoulder_l_abd_deg=10.0,
                    shoulder_r_abd_deg=170.0, elbow_l_flex_deg=10.0, elbow_r_flex_deg=20.0),
        anchor="ankle_l",
        works="a stretch, not strength work: the outer hip muscles of the back leg (TFL, "
              "gluteals) lengthen; the band itself barely does",
        muscles=(
            Muscle("TFL and gluteals\n(stretched)", _L("pelvis", "neck", 0.2, -0.06),
                   _L("hip_r", "knee_r", 0.25, 0.025), role="stretched", label_offset=(0.1, 0.06)),
            Muscle("IT band\n(barely lengthens)", _L("hip_r", "knee_r", 0.25, 0.025),
                   _L("hip_r", "knee_r", 1.05, 0.015), role="band", label_offset=(0.12, -0.04)),
        ),
        contacts_end=("ankle_l", "ankle_r"),
        cues=("Cross the painful leg behind the other, both feet flat.",
              "Push the hip of the back leg out to the side and reach the arm overhead the other way.",
              "Feel a gentle pull on the outside of the hip; hold about 30 s, breathe."),
        faults=("Bending forwards at the waist instead of sideways.",
                "Bouncing, or pushing into pain at the knee."),
        regression="Hold a wall or chair for balance; a smaller lean.",
        progression="None worth chasing: the band does not lengthen; spend the time on "
                    "hip strength.",
        note="What is stretched is mostly the muscles that pull on the band.",
    ),
}


def exercise_names() -> list[str]:
    """The keys of the five exercises, in the order the popular advice gives them."""
    return list(EXERCISES)


def get_exercise(exercise: str) -> Exercise:
    """Return the :class:`Exercise` called ``exercise``; a ``ValueError`` lists the valid names."""
    check_choice("exercise", exercise, exercise_names())
    return EXERCISES[exercise]


def joint_angles(exercise: str, phase_pct: float) -> dict[str, float]:
    """Joint angles (degrees) of ``exercise`` at ``phase_pct`` (0 = start, 100 = end position)."""
    ex = get_exercise(exercise)
    t = check_number("phase_pct", phase_pct, 0, 100, "%") / 100.0
    return {k: (1 - t) * ex.start[k] + t * ex.end[k] for k in ex.start}


def check_angles(angles: dict, view: str) -> None:
    """Raise ``ValueError`` unless ``angles`` has every joint of ``view`` within its range of motion."""
    check_choice("view", view, list(VIEW_JOINTS))
    needed = ("axis_deg",) + VIEW_JOINTS[view]
    missing = [k for k in needed if k not in angles]
    if missing:
        raise ValueError(f"angles is missing {missing} for view={view!r}")
    check_number("axis_deg", angles["axis_deg"], *_AXIS_LIMITS, "degrees")
    for k in VIEW_JOINTS[view]:
        check_number(k, angles[k], *JOINT_LIMITS_DEG[k], "degrees")


def _dir(deg: float) -> np.ndarray:
    r = math.radians(deg)
    return np.array([math.cos(r), math.sin(r)])


def forward_kinematics(angles: dict, view: str, height_m: float = DEFAULT_HEIGHT_M) -> dict[str, np.ndarray]:
    """Joint positions (metres) from joint angles, with the pelvis centre at the origin.

    Returns a dict of 2-vectors: ``pelvis``, ``neck``, ``head`` (centre of the
    head circle) and the limb joints (``hip_r``, ``knee_r``, ``ankle_r``, ...;
    the side view has ``heel_r`` and ``toe_r``, both views have ``shoulder_*``,
    ``elbow_*`` and ``hand_*``).
    """
    check_angles(angles, view)
    h = check_positive("height_m", height_m, "m", hi=2.5)
    L = {k: v * h for k, v in SEGMENT_FRACTIONS.items()}
    a = angles
    p: dict[str, np.ndarray] = {"pelvis": np.zeros(2)}
    axis = a["axis_deg"]
    if view == "side":
        trunk = axis - a["trunk_flex_deg"]
        p["neck"] = p["pelvis"] + L["trunk"] * _dir(trunk)
        p["head"] = p["neck"] + 0.55 * L["head"] * _dir(trunk)
        p["hip_r"] = p["pelvis"].copy()
        thigh = axis + 180 + a["hip_flex_deg"]
        p["knee_r"] = p["hip_r"] + L["thigh"] * _dir(thigh)
        shank = thigh - a["knee_flex_deg"]
        p["ankle_r"] = p["knee_r"] + L["shank"] * _dir(shank)
        foot = shank + 90 + a["ankle_dorsi_deg"]
        sole = 0.03 * h * _dir(foot - 90)
        p["toe_r"] = p["ankle_r"] + L["foot"] * _dir(foot) + sole
        p["heel_r"] = p["ankle_r"] + 0.04 * h * _dir(foot + 180) + sole
        p["shoulder_r"] = p["neck"] - 0.02 * h * _dir(trunk)
        upper = trunk + 180 + a["shoulder_flex_deg"]
        p["elbow_r"] = p["shoulder_r"] + L["upper_arm"] * _dir(upper)
        p["hand_r"] = p["elbow_r"] + L["forearm"] * _dir(upper + a["elbow_flex_deg"])
        return p
    trunk = axis + a["trunk_bend_deg"]
    p["neck"] = p["pelvis"] + L["trunk"] * _dir(trunk)
    p["head"] = p["neck"] + 0.55 * L["head"] * _dir(trunk)
    for side, sign in (("r", 1), ("l", -1)):
        p[f"hip_{side}"] = p["pelvis"] + 0.5 * L["hip_width"] * _dir(axis - 90 * sign)
        thigh = axis + 180 + sign * a[f"hip_{side}_abd_deg"]
        # hip and knee flexion happen out of the drawing plane: they only shorten
        # the thigh and shank as seen from behind (orthographic projection).
        hip_flex = math.radians(a[f"hip_{side}_flex_deg"])
        shank_tilt = hip_flex - math.radians(a[f"knee_{side}_flex_deg"])
        p[f"knee_{side}"] = p[f"hip_{side}"] + L["thigh"] * math.cos(hip_flex) * _dir(thigh)
        p[f"ankle_{side}"] = p[f"knee_{side}"] + L["shank"] * abs(math.cos(shank_tilt)) * _dir(thigh)
        p[f"shoulder_{side}"] = p["neck"] + 0.5 * L["shoulder_width"] * _dir(trunk - 90 * sign)
        upper = trunk + 180 + sign * a[f"shoulder_{side}_abd_deg"]
        p[f"elbow_{side}"] = p[f"shoulder_{side}"] + L["upper_arm"] * _dir(upper)
        fore = upper + sign * a[f"elbow_{side}_flex_deg"]
        p[f"hand_{side}"] = p[f"elbow_{side}"] + L["forearm"] * _dir(fore)
    return p


def _head_radius(height_m: float) -> float:
    return 0.45 * SEGMENT_FRACTIONS["head"] * height_m


def pose(exercise: str, phase_pct: float, height_m: float = DEFAULT_HEIGHT_M) -> dict[str, np.ndarray]:
    """Joint positions (metres) of ``exercise`` at ``phase_pct``, standing or lying on the floor (y = 0).

    The figure is moved up or down so that its lowest point (a joint or the
    bottom of the head) touches the floor, and sideways so that the exercise's
    anchor joint (a planted foot, or the pelvis) keeps the x it has at the start.
    """
    ex = get_exercise(exercise)
    pts = forward_kinematics(joint_angles(exercise, phase_pct), ex.view, height_m)
    lowest = min(min(v[1] for v in pts.values()), pts["head"][1] - _head_radius(height_m))
    if ex.anchor == "pelvis":
        dx = 0.0
    else:
        start = forward_kinematics(ex.start, ex.view, height_m)
        dx = pts[ex.anchor][0] - (start[ex.anchor][0] - start["pelvis"][0])
    return {k: v - np.array([dx, lowest]) for k, v in pts.items()}


def landmark(points: dict, lm: Landmark, height_m: float = DEFAULT_HEIGHT_M) -> np.ndarray:
    """The position (metres) of a :class:`Landmark` given joint positions."""
    a, b = points[lm.a], points[lm.b]
    d = b - a
    n = np.linalg.norm(d)
    left = np.array([-d[1], d[0]]) / n if n > 0 else np.zeros(2)
    return a + lm.fraction * d + lm.offset * height_m * left


# --------------------------------------------------------------------------- drawing

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
    fig = new_figure(7.0, 5.6)
    gs = fig.add_gridspec(2, 3)
    slots = [gs[0, 0], gs[0, 1], gs[0, 2], gs[1, 0], gs[1, 1]]
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
    key = fig.add_subplot(gs[1, 2])
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
