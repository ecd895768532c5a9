"""Drawings of the 28 measured runners' Ober test and hip abduction strength
(:mod:`itband.models.measured_runners`), each beside its alt text built from the data.

Data: Fukuchi, Fukuchi & Duarte (2017), *PeerJ* 5:e3298, CC BY 4.0.
"""
from __future__ import annotations

import numpy as np

from ..course.style import PALETTE, ROLE, new_figure
from ..course.validate import check_choice
from ..models.measured_runners import GROUPINGS, MEASURES, group_summaries, in_group, runners

ATTRIBUTION = "Data: Fukuchi, Fukuchi & Duarte 2017, PeerJ 5:e3298 (CC BY 4.0); units unverified"
_GROUP_LABEL = {"none": None, "any_injury": "reports a past injury", "knee_injury": "reports a past knee injury"}


def _jitter(n: int) -> np.ndarray:
    """Fixed vertical offsets so that equal values do not hide each other (no randomness)."""
    return ((np.arange(n) * 7) % 9 - 4) * 0.045


def draw_runner_measures(grouping: str = "none"):
    """Two strip charts, Ober test and hip abduction strength, one dot per runner and leg; with
    ``grouping`` ("none", "any_injury" or "knee_injury") the runners of that group are filled."""
    check_choice("grouping", grouping, GROUPINGS)
    rows = runners()
    fig = new_figure(7.0, 3.6, layout=None)
    axes = [fig.add_axes((0.1, 0.2, 0.38, 0.62)), fig.add_axes((0.6, 0.2, 0.38, 0.62))]
    jit = _jitter(len(rows))
    marked = np.array([in_group(r, grouping) for r in rows])
    for ax, (key, (_, _, label)) in zip(axes, MEASURES.items()):
        for y, side in ((1.0, "R"), (0.0, "L")):
            vals = np.array([r.value(key, side) for r in rows])
            ax.scatter(vals[~marked], y + jit[~marked], s=30, facecolor="white",
                       edgecolor=ROLE["band"], lw=1.3, zorder=3,
                       label="other runners" if grouping != "none" else "one runner")
            if marked.any():
                ax.scatter(vals[marked], y + jit[marked], s=46, marker="D", color=PALETTE["vermillion"],
                           edgecolor="black", lw=0.8, zorder=4, label=_GROUP_LABEL[grouping])
            mean = np.nanmean(vals)
            ax.plot([mean, mean], [y - 0.3, y + 0.3], color="#333333", lw=2, zorder=2,
                    label="mean of all 28")
        ax.set_ylim(-0.55, 1.55)
        ax.set_yticks([0, 1])
        ax.set_yticklabels(["left", "right"])
        ax.set_xlabel(label)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    handles, labels = axes[0].get_legend_handles_labels()
    seen = {}
    for h, lab in zip(handles, labels):
        seen.setdefault(lab, h)
    fig.legend(list(seen.values()), list(seen.keys()), loc="upper center", ncol=3, fontsize=8.5,
               frameon=False, bbox_to_anchor=(0.5, 0.99))
    fig.text(0.5, 0.015, ATTRIBUTION, ha="center", fontsize=8, color=ROLE["muted"])
    return fig


def describe_runner_measures(grouping: str = "none") -> str:
    """Alt text for :func:`draw_runner_measures`, built from the data."""
    check_choice("grouping", grouping, GROUPINGS)
    parts = []
    for key, (_, _, label) in MEASURES.items():
        for side, name in (("R", "right"), ("L", "left")):
            s = group_summaries(key, side, "none")["all"]
            parts.append(f"{label.split(' (')[0]}, {name} leg: {s.lo:.0f} to {s.hi:.0f}, "
                         f"mean {s.mean:.1f}")
    text = (f"Two strip charts of {len(runners())} runners, one dot per runner and leg, values as "
            f"recorded (units unverified): " + "; ".join(parts) + ".")
    if grouping != "none":
        n = sum(in_group(r, grouping) for r in runners())
        text += (f" The {n} runners who {_GROUP_LABEL[grouping].replace('reports', 'report')} are drawn "
                 f"as filled diamonds.")
    return text
