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
:mod:`itband.models.emg` measured. The coaching text (cues, faults, easier and harder
versions) is data, in ``itband/data/exercise_cards.yaml``; the drawings are
:mod:`itband.figures.poses`.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import yaml

from ..course.validate import check_choice, check_number, check_positive

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


#: The coaching text of each exercise (what works, cues, faults, easier and harder versions),
#: kept as data in ``itband/data/exercise_cards.yaml``.
CARD_FIELDS = ("works", "cues", "faults", "regression", "progression", "note")


@functools.lru_cache(maxsize=1)
def _cards() -> dict:
    file = "itband/data/exercise_cards.yaml"
    data = yaml.safe_load(resources.files("itband.data").joinpath("exercise_cards.yaml").read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{file}: expected a mapping of exercise -> card")
    for key, card in data.items():
        if not isinstance(card, dict):
            raise ValueError(f"{file}, exercise {key!r}: expected a mapping of fields")
        unknown = set(card) - set(CARD_FIELDS)
        missing = set(CARD_FIELDS) - {"note"} - set(card)
        if unknown or missing:
            raise ValueError(f"{file}, exercise {key!r}: unknown field(s) {sorted(unknown)}, "
                             f"missing field(s) {sorted(missing)}")
    return data


def _card(key: str) -> dict:
    """The coaching text of exercise ``key`` as :class:`Exercise` fields."""
    card = _cards()[key]
    return {"works": card["works"], "cues": tuple(card["cues"]), "faults": tuple(card["faults"]),
            "regression": card["regression"], "progression": card["progression"],
            "note": card.get("note", "")}


EXERCISES: dict[str, Exercise] = {
    "banded_hip_bridge": Exercise(
        **_card("banded_hip_bridge"),
        key="banded_hip_bridge",
        title="Banded hip bridge",
        view="side",
        start={"axis_deg": 180.0, "trunk_flex_deg": 0.0, "hip_flex_deg": 45.0, "knee_flex_deg": 102.0,
               "ankle_dorsi_deg": -33.0, "shoulder_flex_deg": 0.0, "elbow_flex_deg": 0.0},
        end={"axis_deg": 199.0, "trunk_flex_deg": 0.0, "hip_flex_deg": 0.0, "knee_flex_deg": 87.0,
             "ankle_dorsi_deg": -22.0, "shoulder_flex_deg": -19.0, "elbow_flex_deg": 0.0},
        anchor="ankle_r",
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
        emg_keys=(),  # no registered, verified gluteus medius value for the bridge
    ),
    "side_lying_hip_abduction": Exercise(
        **_card("side_lying_hip_abduction"),
        key="side_lying_hip_abduction",
        title="Side-lying hip abduction",
        view="behind",
        start=_behind(axis_deg=180.0, trunk_bend_deg=-10.0, shoulder_l_abd_deg=170.0, shoulder_r_abd_deg=10.0,
                      elbow_l_flex_deg=10.0, elbow_r_flex_deg=10.0),
        end=_behind(axis_deg=180.0, trunk_bend_deg=-10.0, hip_r_abd_deg=35.0, shoulder_l_abd_deg=170.0,
                    shoulder_r_abd_deg=10.0, elbow_l_flex_deg=10.0, elbow_r_flex_deg=10.0),
        muscles=(
            Muscle("gluteus medius", _L("pelvis", "neck", 0.25, -0.06), _L("hip_r", "knee_r", 0.15, 0.02),
                   label_offset=(-0.06, 0.14)),
        ),
        contacts_end=("hip_l", "ankle_l", "shoulder_l"),
        emg_keys=("side_lying_abduction", "side_lying_abduction_10rm"),
    ),
    "lateral_band_walk": Exercise(
        **_card("lateral_band_walk"),
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
        muscles=(
            Muscle("gluteus medius\n(moving leg)", _L("pelvis", "neck", 0.25, -0.06),
                   _L("hip_r", "knee_r", 0.12, 0.02), label_offset=(0.15, -0.1)),
            Muscle("gluteus medius\n(standing leg)", _L("pelvis", "neck", 0.25, 0.06),
                   _L("hip_l", "knee_l", 0.12, -0.02), label_offset=(-0.15, -0.1)),
        ),
        band=Band("a loop round the ankles", _L("hip_l", "knee_l", 1.8, 0.0), _L("hip_r", "knee_r", 1.8, 0.0)),
        contacts_end=("ankle_l", "ankle_r"),
        emg_keys=("band_walk_stance", "band_walk_moving"),
    ),
    "side_plank": Exercise(
        **_card("side_plank"),
        key="side_plank",
        title="Side plank",
        view="behind",
        start=_behind(axis_deg=176.25, trunk_bend_deg=-35.0, shoulder_l_abd_deg=46.5,
                      elbow_l_flex_deg=90.0, elbow_r_flex_deg=5.0),
        end=_behind(axis_deg=162.6, shoulder_l_abd_deg=72.6, elbow_l_flex_deg=90.0, elbow_r_flex_deg=5.0),
        anchor="ankle_l",
        muscles=(
            Muscle("gluteus medius (bottom leg)", _L("pelvis", "neck", 0.12, 0.055),
                   _L("hip_l", "knee_l", 0.12, 0.02), label_offset=(0.1, 0.2)),
            Muscle("trunk side muscles", _L("pelvis", "neck", 0.3, 0.04), _L("pelvis", "neck", 0.85, 0.04),
                   label_offset=(-0.04, 0.22)),
        ),
        contacts_end=("ankle_l", "elbow_l"),
        emg_keys=("side_plank_abd_bottom", "side_plank_abd_top"),
    ),
    "standing_itb_stretch": Exercise(
        **_card("standing_itb_stretch"),
        key="standing_itb_stretch",
        title="Standing IT band stretch",
        view="behind",
        start=_behind(axis_deg=90.0, hip_l_abd_deg=4.0, hip_r_abd_deg=4.0, shoulder_l_abd_deg=10.0,
                      shoulder_r_abd_deg=10.0, elbow_l_flex_deg=10.0, elbow_r_flex_deg=10.0),
        end=_behind(axis_deg=80.0, trunk_bend_deg=30.0, hip_l_abd_deg=1.4, hip_r_abd_deg=-16.0,
                    hip_l_flex_deg=20.0, knee_l_flex_deg=35.0, shoulder_l_abd_deg=10.0,
                    shoulder_r_abd_deg=170.0, elbow_l_flex_deg=10.0, elbow_r_flex_deg=20.0),
        anchor="ankle_l",
        muscles=(
            Muscle("TFL and gluteals\n(stretched)", _L("pelvis", "neck", 0.2, -0.06),
                   _L("hip_r", "knee_r", 0.25, 0.025), role="stretched", label_offset=(0.1, 0.06)),
            Muscle("IT band\n(barely lengthens)", _L("hip_r", "knee_r", 0.25, 0.025),
                   _L("hip_r", "knee_r", 1.05, 0.015), role="band", label_offset=(0.12, -0.04)),
        ),
        contacts_end=("ankle_l", "ankle_r"),
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
