"""Tests of the stick-figure pose model of the five exercises (itband.models.poses, itband.figures.poses)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itband.figures import poses as poses_fig
from itband.models import poses

NAMES = poses.exercise_names()


def test_five_seed_exercises_in_order():
    assert NAMES == ["banded_hip_bridge", "side_lying_hip_abduction", "lateral_band_walk",
                     "side_plank", "standing_itb_stretch"]


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_has_coaching_content(name):
    ex = poses.get_exercise(name)
    assert ex.cues and ex.faults and ex.regression and ex.progression and ex.works
    assert ex.muscles, "each exercise highlights at least one muscle"
    assert set(ex.start) == set(ex.end)


def test_band_drawn_only_where_used():
    with_band = {n for n in NAMES if poses.get_exercise(n).band is not None}
    assert with_band == {"banded_hip_bridge", "lateral_band_walk"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("phase", [0, 25, 50, 75, 100])
def test_joint_angles_valid_at_every_phase(name, phase):
    ex = poses.get_exercise(name)
    angles = poses.joint_angles(name, phase)
    poses.check_angles(angles, ex.view)  # raises if any joint is outside its range of motion
    for k in poses.VIEW_JOINTS[ex.view]:
        lo, hi = poses.JOINT_LIMITS_DEG[k]
        assert lo <= angles[k] <= hi


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(NAMES), phase=st.floats(0, 100))
def test_any_phase_valid_and_on_or_above_floor(name, phase):
    ex = poses.get_exercise(name)
    poses.check_angles(poses.joint_angles(name, phase), ex.view)
    pts = poses.pose(name, phase)
    assert min(v[1] for v in pts.values()) >= -1e-9


def test_interpolation_is_linear_by_hand():
    # side-lying abduction: the top hip goes from 0 to 35 degrees
    assert poses.joint_angles("side_lying_hip_abduction", 0)["hip_r_abd_deg"] == 0
    assert poses.joint_angles("side_lying_hip_abduction", 100)["hip_r_abd_deg"] == 35
    assert poses.joint_angles("side_lying_hip_abduction", 40)["hip_r_abd_deg"] == pytest.approx(14.0)
    # bridge: hip flexion 45 -> 0, so 22.5 at half way
    assert poses.joint_angles("banded_hip_bridge", 50)["hip_flex_deg"] == pytest.approx(22.5)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(NAMES), phase=st.floats(0, 100), height=st.floats(1.4, 2.1))
def test_forward_kinematics_keeps_segment_lengths(name, phase, height):
    ex = poses.get_exercise(name)
    angles = poses.joint_angles(name, phase)
    p = poses.forward_kinematics(angles, ex.view, height)
    L = {k: v * height for k, v in poses.SEGMENT_FRACTIONS.items()}
    d = lambda a, b: float(np.linalg.norm(p[a] - p[b]))  # noqa: E731
    assert d("pelvis", "neck") == pytest.approx(L["trunk"])
    if ex.view == "side":
        assert d("hip_r", "knee_r") == pytest.approx(L["thigh"])
        assert d("knee_r", "ankle_r") == pytest.approx(L["shank"])
        assert d("shoulder_r", "elbow_r") == pytest.approx(L["upper_arm"])
    else:
        assert d("hip_l", "hip_r") == pytest.approx(L["hip_width"])
        for s in "lr":
            # hip flexion out of the plane shortens the drawn thigh by its cosine
            flex = math.radians(angles[f"hip_{s}_flex_deg"])
            assert d(f"hip_{s}", f"knee_{s}") == pytest.approx(L["thigh"] * math.cos(flex))
            assert d(f"shoulder_{s}", f"elbow_{s}") == pytest.approx(L["upper_arm"])


def test_forward_kinematics_standing_by_hand():
    # upright, legs straight down: the ankle is thigh + shank below the hip
    angles = poses._behind(axis_deg=90.0)
    p = poses.forward_kinematics(angles, "behind", 1.0)
    assert p["neck"] == pytest.approx([0.0, 0.29])
    assert p["hip_r"] == pytest.approx([0.05, 0.0])
    assert p["ankle_r"] == pytest.approx([0.05, -(0.245 + 0.246)])
    # 90 degrees of right hip abduction puts the right leg horizontal, to the right
    p = poses.forward_kinematics({**angles, "hip_r_abd_deg": 45.0}, "behind", 1.0)
    knee = p["knee_r"] - p["hip_r"]
    assert math.degrees(math.atan2(knee[1], knee[0])) == pytest.approx(-45.0)


@pytest.mark.parametrize("name", NAMES)
def test_contacts_touch_the_floor_at_the_end(name):
    ex = poses.get_exercise(name)
    pts = poses.pose(name, 100)
    for c in ex.contacts_end:
        y = pts[c][1] - (poses._head_radius(poses.DEFAULT_HEIGHT_M) if c == "head" else 0.0)
        assert abs(y) < 0.03, f"{c} should touch the floor (within 3 cm)"


def test_movement_direction_makes_sense():
    # the bridge lifts the hips; side-lying abduction lifts the top ankle; the band walk widens the stance
    hips = [poses.pose("banded_hip_bridge", ph)["pelvis"][1] for ph in (0, 100)]
    assert hips[1] > hips[0] + 0.1
    assert poses.pose("side_lying_hip_abduction", 100)["ankle_r"][1] > 0.3

    def stance(ph):
        p = poses.pose("lateral_band_walk", ph)
        return abs(p["ankle_r"][0] - p["ankle_l"][0])

    assert stance(100) > stance(50) > stance(0)
    # the side plank raises the pelvis
    assert poses.pose("side_plank", 100)["pelvis"][1] > poses.pose("side_plank", 0)["pelvis"][1]


def test_planted_foot_stays_put():
    x0 = poses.pose("lateral_band_walk", 0)["ankle_l"][0]
    for ph in (25, 50, 100):
        assert poses.pose("lateral_band_walk", ph)["ankle_l"][0] == pytest.approx(x0)


def test_unknown_exercise_lists_valid_names():
    with pytest.raises(ValueError, match="exercise") as err:
        poses.joint_angles("clamshell", 50)
    for n in NAMES:
        assert n in str(err.value)


@pytest.mark.parametrize("phase", [-1, 100.5, float("nan"), "half"])
def test_bad_phase(phase):
    with pytest.raises(ValueError, match="phase_pct"):
        poses.joint_angles("side_plank", phase)


def test_bad_angles_and_height():
    angles = poses.joint_angles("side_plank", 0)
    with pytest.raises(ValueError, match="hip_r_abd_deg"):
        poses.forward_kinematics({**angles, "hip_r_abd_deg": 80.0}, "behind")
    with pytest.raises(ValueError, match="height_m"):
        poses.forward_kinematics(angles, "behind", height_m=0)
    with pytest.raises(ValueError, match="view"):
        poses.forward_kinematics(angles, "above")


def test_drawings_and_text():
    from matplotlib.figure import Figure
    assert isinstance(poses_fig.draw_exercise("side_plank", 50), Figure)
    assert isinstance(poses_fig.draw_gallery(), Figure)
    alt = poses_fig.alt_text("side_lying_hip_abduction", 100)
    assert "35°" in alt and "gluteus medius" in alt
    card = poses_fig.card_markdown("lateral_band_walk")
    assert "Common faults" in card and "Hip hitching" in card


def test_coaching_text_is_data():
    # the cues, faults and versions come from itband/data/exercise_cards.yaml
    cards = poses._cards()
    assert list(cards) == NAMES
    for name in NAMES:
        ex = poses.get_exercise(name)
        assert ex.cues == tuple(cards[name]["cues"]) and ex.works == cards[name]["works"]
    html = poses_fig.card_html("side_plank")
    assert "<details" in html and "Hips sagging" in html


def test_the_model_draws_nothing():
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(poses))
    imported = {n.names[0].name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "matplotlib" not in imported


@pytest.mark.parametrize("height", [0, -1, 3.0, float("nan"), "tall", None])
def test_bad_height_in_the_drawings_is_named(height):
    with pytest.raises(ValueError, match="^height_m="):
        poses_fig.draw_exercise("side_plank", 50, height)
    with pytest.raises(ValueError, match="^height_m="):
        poses_fig.draw_gallery(height)


def test_bad_card_arguments():
    with pytest.raises(ValueError, match="^exercise="):
        poses_fig.card_markdown("clamshell")
    with pytest.raises(TypeError, match="^open_="):
        poses_fig.card_html("side_plank", open_="yes")
