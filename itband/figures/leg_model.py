"""Drawings of the band in a published leg model (:mod:`itband.models.leg_model`), beside the
course's schematic geometry (:mod:`itband.models.anatomy`), each with alt text built from the tables.

Model: MyoSuite's MyoLeg (PyPI ``myo-sim``, Apache-2.0), a MuJoCo conversion of the Rajagopal et al.
(2016) OpenSim model; values read from the precomputed tables, not recomputed here.
"""
from __future__ import annotations

import numpy as np

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, axes_at, new_figure, on_phone, text_at
from ..course.validate import check_choice
from ..models import anatomy, leg_model

ATTRIBUTION = "Model: MyoSuite MyoLeg (myo-sim, Apache-2.0), from Rajagopal et al. 2016; run in MuJoCo"
#: The views of :func:`draw_leg_model`.
VIEWS = ("knee", "hip_adduction", "hip_flexion")
_BUNDLES = (("glmed1_r_tendon", "gluteus medius, front", "--"),
            ("glmed2_r_tendon", "gluteus medius, middle", "-."),
            ("glmed3_r_tendon", "gluteus medius, back", ":"))


def _mm(values) -> np.ndarray:
    return np.asarray(values, dtype=float) * 1000.0


def knee_curves() -> dict[str, np.ndarray]:
    """The knee view's numbers: angles (degrees), the model's knee moment arm with extension
    positive (mm), its path length change from 0 degrees (mm), and the schematic band offset (mm)."""
    angles, arm = leg_model.table("knee_angle_r", "tfl_r_tendon")
    _, length = leg_model.table("knee_angle_r", "tfl_r_tendon", "length_m")
    angles = np.asarray(angles, dtype=float)
    return {"angle_deg": angles, "extensor_arm_mm": -_mm(arm), "length_change_mm": _mm(length) - _mm(length)[0],
            "schematic_offset_mm": np.array([anatomy.band_offset_mm(a) for a in angles])}


#: The phone layout's size (inches): one for every view, so the picture keeps its place.
_PHONE_SIZE_IN = (PHONE_WIDTH_IN, 6.6)


def _draw_knee(fig, phone: bool = False):
    c = knee_curves()
    if phone:  # the two charts one above the other, under the key
        left, right = axes_at(fig, 0.7, 1.25, 3.55, 1.95), axes_at(fig, 0.7, 3.75, 3.55, 1.95)
    else:
        left = fig.add_axes((0.1, 0.2, 0.4, 0.58))
        right = fig.add_axes((0.63, 0.2, 0.35, 0.58))
    left.axhline(0, color="#333333", lw=0.8)
    schematic = "course schematic (Lesson 1): band ahead of (+) / behind (−) the epicondyle"
    model = "MyoLeg model: the band's knee moment arm, extensor (+)"
    if phone:  # each key entry on two lines
        schematic, model = schematic.replace(": ", ":\n"), model.replace(": ", ":\n")
    left.plot(c["angle_deg"], c["schematic_offset_mm"], color=ROLE["muted"], lw=2, ls="--", label=schematic)
    left.plot(c["angle_deg"], c["extensor_arm_mm"], color=ROLE["band"], lw=2.4, marker="o", ms=3.5, label=model)
    left.set_xlim(0, 90)
    left.set_xlabel("Knee flexion (degrees)")
    left.set_ylabel("mm (+ extends the knee)")
    left.text(88, 12, "extensor side ↑", ha="right", va="bottom", color=ROLE["muted"], fontsize=9)
    left.text(3, -4, "flexor side ↓", ha="left", va="top", color=ROLE["muted"], fontsize=9)
    fig.legend(*left.get_legend_handles_labels(), loc="upper left", fontsize=8.5, frameon=False,
               bbox_to_anchor=(0.0, 1 - 0.45 / fig.get_figheight()) if phone else (0.05, 0.92), ncol=1)
    right.plot(c["angle_deg"], c["length_change_mm"], color=ROLE["band"], lw=2.4)
    right.set_xlim(0, 90)
    right.set_xlabel("Knee flexion (degrees)")
    right.set_ylabel("Band path longer\nthan at 0° (mm)" if phone else "Band path longer than at 0° (mm)")
    title = "Knee: moment arm and path length of the TFL/IT band line"
    fig.text(0.01, 1 - 0.111 / fig.get_figheight(), title.replace(" of ", "\nof ") if phone else title,
             fontsize=11, va="top")


def _draw_hip(fig, joint: str, phone: bool = False):
    ax = axes_at(fig, 0.9, 0.55, 3.35, 4.2) if phone else fig.add_axes((0.1, 0.2, 0.6, 0.66))
    angles, tfl = leg_model.table(joint, "tfl_r_tendon")
    sign = -1.0 if joint == "hip_adduction_r" else 1.0
    ax.plot(angles, sign * _mm(tfl), color=ROLE["band"], lw=2.4, marker="o", ms=3.5, label="TFL / IT band")
    for tendon, label, ls in _BUNDLES:
        _, arm = leg_model.table(joint, tendon)
        ax.plot(angles, sign * _mm(arm), color=ROLE["muscle"], lw=1.8, ls=ls, label=label)
    ax.axhline(0, color="#333333", lw=0.8)
    ax.axvline(0, color=ROLE["muted"], lw=0.8, ls=":")
    if joint == "hip_adduction_r":
        ax.set_xlabel("Hip adduction (degrees; negative = abducted)")
        ax.set_ylabel("Abductor moment arm (mm)")
        title = "Hip, side to side: abductor moment arms"
    else:
        ax.set_xlabel("Hip flexion (degrees)")
        ax.set_ylabel("Flexor (+) / extensor (−)\nmoment arm (mm)")
        title = "Hip, front to back: flexor moment arms"
    if phone:  # the key under the chart
        fig.legend(loc="upper left", fontsize=8.5, frameon=False, ncol=2,
                   bbox_to_anchor=(0.0, 1 - 5.3 / fig.get_figheight()))
    else:
        fig.legend(loc="center right", fontsize=8.5, frameon=False, bbox_to_anchor=(0.995, 0.55))
    fig.text(0.01, 1 - 0.111 / fig.get_figheight(), title, fontsize=11, va="top")


def draw_leg_model(view: str = "knee"):
    """One view of the MyoLeg tables: ``"knee"`` (the band's knee moment arm beside the course's
    schematic offset, and its path length), ``"hip_adduction"`` or ``"hip_flexion"`` (moment arms
    of the band and the three gluteus medius bundles)."""
    check_choice("view", view, VIEWS)
    phone = on_phone()
    fig = new_figure(*(_PHONE_SIZE_IN if phone else (7.0, 3.7)), layout=None)
    if view == "knee":
        _draw_knee(fig, phone)
    else:
        _draw_hip(fig, f"{view}_r", phone)
    fig.text(0.5, 0.012, ATTRIBUTION.replace("2016; ", "2016;\n") if phone else ATTRIBUTION,
             ha="center", fontsize=8, color=ROLE["muted"])
    return fig


def describe_leg_model(view: str = "knee") -> str:
    """Alt text for :func:`draw_leg_model`, built from the tables."""
    check_choice("view", view, VIEWS)
    if view == "knee":
        c = knee_curves()
        arm, off = c["extensor_arm_mm"], c["schematic_offset_mm"]
        return (f"Chart over knee flexion 0 to 90 degrees. In the MyoLeg model the band's knee moment arm "
                f"is an extensor one throughout, {arm[0]:.0f} mm at 0 degrees shrinking to {arm[-1]:.0f} mm "
                f"at 90 degrees. The course's schematic band line runs {off[0]:.0f} mm ahead of the "
                f"epicondyle at 0 degrees, crosses it near {anatomy.crossing_angle_deg():.0f} degrees and "
                f"ends {abs(off[-1]):.0f} mm behind it. Beside it, the model's band path lengthens by "
                f"{c['length_change_mm'][-1]:.0f} mm from 0 to 90 degrees.")
    joint = f"{view}_r"
    angles, tfl = leg_model.table(joint, "tfl_r_tendon")
    i0 = list(angles).index(0.0)
    sign = -1.0 if view == "hip_adduction" else 1.0
    arms = [sign * _mm(leg_model.table(joint, t)[1])[i0] for t, _, _ in _BUNDLES]
    kind = "abductor" if view == "hip_adduction" else "flexor (negative: extensor)"
    return (f"Chart of {kind} moment arms over hip {view.split('_')[1]} from {angles[0]:.0f} to "
            f"{angles[-1]:.0f} degrees in the MyoLeg model. At 0 degrees: TFL and IT band "
            f"{sign * _mm(tfl)[i0]:.0f} mm; gluteus medius front, middle and back bundles "
            f"{arms[0]:.0f}, {arms[1]:.0f} and {arms[2]:.0f} mm.")
