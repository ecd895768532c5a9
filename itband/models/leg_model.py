"""The band in a published leg model: path lengths and moment arms from MyoSuite's MyoLeg in MuJoCo.

MyoLeg (PyPI ``myo-sim``, Apache-2.0) is a MuJoCo conversion of the Rajagopal et al. (2016)
OpenSim full-body gait model. Its ``tfl_r`` actuator pulls through a tendon path from the iliac
crest along the thigh to the lateral tibia: the tensor fasciae latae and the iliotibial band as
one line of action. Its gluteus medius is three bundles, ``glmed1_r`` (front) to ``glmed3_r``
(back).

A tendon's moment arm about a joint is ``r = -dL/dq`` (metres per radian, so metres): the change
of its path length ``L`` as the joint angle ``q`` turns. Positive means that pulling on the path
turns the joint the positive way. In this model a positive knee angle is flexion and a positive
hip adduction angle is adduction, so a *negative* knee moment arm is an *extensor* one and a
negative adduction moment arm is an *abductor* one.

The model's knee is a coupled joint: translations and small rotations follow the knee angle
through polynomial constraints. :func:`moment_arm_m` therefore moves every coupled coordinate with
the angle, using MuJoCo's tendon Jacobian and the chain rule through those polynomials;
:func:`moment_arm_fd_m` gets the same number by a central finite difference of path lengths, a
separate route the tests compare.

Building the model takes a few seconds, too slow for a student's "Run all", so the lessons read
:data:`TABLE_FILE`, which ``python -m itband.models.leg_model`` writes from this module; a test
checks the table against a fresh computation. Angles in the public functions are degrees;
lengths and moment arms are metres.
"""
from __future__ import annotations

import functools
import json
import math
from importlib import resources

from ..course.validate import check_choice, check_number

#: The MyoLeg model that the computations build (``myo_sim.build.compose``).
MODEL = "myolegs"
#: Tendons the course uses: the band's line and the three gluteus medius bundles (right leg).
TENDONS = ("tfl_r_tendon", "glmed1_r_tendon", "glmed2_r_tendon", "glmed3_r_tendon")
#: Joints the course moves, with the angles it samples (degrees).
JOINTS = {"knee_angle_r": (0.0, 120.0), "hip_adduction_r": (-30.0, 20.0), "hip_flexion_r": (-20.0, 90.0)}
#: The precomputed tables, in the package.
TABLE_FILE = ("itband.data", "leg_model_tables.json")
#: Knee angles (degrees) of the tables.
KNEE_DEG = tuple(float(a) for a in range(0, 91, 5))
#: Hip angles (degrees) of the tables.
HIP_ADDUCTION_DEG = tuple(float(a) for a in range(-20, 16, 5))
HIP_FLEXION_DEG = tuple(float(a) for a in range(-10, 61, 10))
_FD_STEP_RAD = 1e-5


@functools.lru_cache(maxsize=1)
def _model():
    """The compiled MyoLeg model and its joint couplings (needs ``mujoco`` and ``myo-sim``)."""
    try:
        import mujoco
        from myo_sim.build import compose
    except ImportError as err:  # pragma: no cover - pinned in requirements.txt
        raise RuntimeError("the leg model needs the mujoco and myo-sim packages (requirements.txt); "
                           "the lessons use the precomputed tables instead") from err
    model = compose.build_spec(MODEL).compile()
    couplings = []
    for i in range(model.neq):
        if model.eq_type[i] == mujoco.mjtEq.mjEQ_JOINT and model.eq_obj2id[i] >= 0:
            couplings.append((int(model.eq_obj1id[i]), int(model.eq_obj2id[i]), tuple(model.eq_data[i][:5])))
    return mujoco, model, couplings


def _ids(tendon: str, joint: str):
    check_choice("tendon", tendon, TENDONS)
    check_choice("joint", joint, list(JOINTS))
    mujoco, model, _ = _model()  # checked first: loading the model takes seconds
    return (mujoco.mj_name2id(model, mujoco.mjtObj.mjOBJ_TENDON, tendon),
            mujoco.mj_name2id(model, mujoco.mjtObj.mjOBJ_JOINT, joint))


def _poly(c, x: float) -> float:
    return c[0] + c[1] * x + c[2] * x ** 2 + c[3] * x ** 3 + c[4] * x ** 4


def _dpoly(c, x: float) -> float:
    return c[1] + 2 * c[2] * x + 3 * c[3] * x ** 2 + 4 * c[4] * x ** 3


def _posed(angles_rad: dict[int, float]):
    """MuJoCo data at the default pose with these joints set and every coupled coordinate following."""
    mujoco, model, couplings = _model()
    data = mujoco.MjData(model)
    data.qpos[:] = model.qpos0
    for joint, angle in angles_rad.items():
        data.qpos[model.jnt_qposadr[joint]] = angle
    for follower, leader, c in couplings:
        x = data.qpos[model.jnt_qposadr[leader]] - model.qpos0[model.jnt_qposadr[leader]]
        data.qpos[model.jnt_qposadr[follower]] = model.qpos0[model.jnt_qposadr[follower]] + _poly(c, x)
    mujoco.mj_fwdPosition(model, data)
    return data


def _pose(joint: str, angle_deg: float) -> float:
    check_choice("joint", joint, list(JOINTS))
    lo, hi = JOINTS[joint]
    return math.radians(check_number("angle_deg", angle_deg, lo, hi, "degrees"))


def tendon_length_m(tendon: str, joint: str, angle_deg: float) -> float:
    """Path length (m) of ``tendon`` with ``joint`` at ``angle_deg`` and the rest of the leg at
    the model's default pose."""
    q = _pose(joint, angle_deg)  # every argument checked before the model loads (it takes seconds)
    t, j = _ids(tendon, joint)
    return float(_posed({j: q}).ten_length[t])


def moment_arm_m(tendon: str, joint: str, angle_deg: float) -> float:
    """Moment arm (m) of ``tendon`` about ``joint``, ``-dL/dq``, from MuJoCo's tendon Jacobian with
    the coupled knee coordinates moved by the chain rule."""
    q = _pose(joint, angle_deg)  # every argument checked before the model loads (it takes seconds)
    t, j = _ids(tendon, joint)
    _, model, couplings = _model()
    data = _posed({j: q})
    jac = data.ten_J.reshape(model.ntendon, model.nv)[t]
    total = jac[model.jnt_dofadr[j]]
    for follower, leader, c in couplings:
        if leader == j:
            x = data.qpos[model.jnt_qposadr[leader]] - model.qpos0[model.jnt_qposadr[leader]]
            total += jac[model.jnt_dofadr[follower]] * _dpoly(c, x)
    return float(-total)


def moment_arm_fd_m(tendon: str, joint: str, angle_deg: float) -> float:
    """The same moment arm by a central finite difference of path lengths (a separate route)."""
    q = _pose(joint, angle_deg)
    t, j = _ids(tendon, joint)
    up = _posed({j: q + _FD_STEP_RAD}).ten_length[t]
    down = _posed({j: q - _FD_STEP_RAD}).ten_length[t]
    return float(-(up - down) / (2 * _FD_STEP_RAD))


def compute_tables() -> dict:
    """Path lengths and moment arms over the course's angles (the content of :data:`TABLE_FILE`)."""
    import myo_sim

    sweeps = {"knee_angle_r": KNEE_DEG, "hip_adduction_r": HIP_ADDUCTION_DEG, "hip_flexion_r": HIP_FLEXION_DEG}
    tables = {"model": f"myo-sim {myo_sim.__version__} {MODEL}", "units": "degrees; metres",
              "sign": "moment arm = -dL/dq; knee: negative = extensor; hip adduction: negative = abductor",
              "sweeps": {}}
    for joint, angles in sweeps.items():
        tables["sweeps"][joint] = {
            "angle_deg": list(angles),
            **{t: {"length_m": [round(tendon_length_m(t, joint, a), 6) for a in angles],
                   "moment_arm_m": [round(moment_arm_m(t, joint, a), 6) for a in angles]}
               for t in TENDONS},
        }
    return tables


@functools.lru_cache(maxsize=1)
def tables() -> dict:
    """The precomputed tables (fast: no MuJoCo needed)."""
    return json.loads(resources.files(TABLE_FILE[0]).joinpath(TABLE_FILE[1]).read_text("utf-8"))


def table(joint: str, tendon: str, quantity: str = "moment_arm_m") -> tuple[list[float], list[float]]:
    """``(angles_deg, values)`` of one tendon over one joint's sweep, from the precomputed tables."""
    sweeps = tables()["sweeps"]
    check_choice("joint", joint, list(sweeps))
    check_choice("tendon", tendon, TENDONS)
    check_choice("quantity", quantity, ("moment_arm_m", "length_m"))
    return sweeps[joint]["angle_deg"], sweeps[joint][tendon][quantity]


if __name__ == "__main__":  # rewrite the shipped tables from the model
    target = resources.files(TABLE_FILE[0]).joinpath(TABLE_FILE[1])
    with open(str(target), "w", encoding="utf-8") as fh:
        json.dump(compute_tables(), fh, indent=1)
        fh.write("\n")
    print(f"wrote {target}")
