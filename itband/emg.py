"""How hard each exercise works the gluteus medius: published surface-EMG values.

Activation is given as a percentage of a maximal voluntary isometric
contraction (% MVIC): the muscle's electrical activity during the exercise
divided by its activity in a maximal test contraction. Values above 100 % are
possible (the test contraction is not a true maximum for every task).

Every row keeps the source's mean and standard deviation (SD, ``None`` when
the source as read gave none), the BibTeX key of the study, and a
confidence tag saying how the number was obtained:

* ``"F"``: read in the cited study itself (its abstract, text or table);
* ``"F2"``: read in a secondary source (a review or clinic page) that reports
  the cited study; not yet checked against the study itself;
* ``"R"``: recalled from earlier reading, not yet checked against the study or
  any source quoting it: approximate, flagged ``approximate``.

The studies used different electrodes, test contractions and people, and
their SDs are wide (often 30-40 % MVIC): the rank order is firmer than the
size of the gaps.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .course.style import PALETTE, ROLE, new_figure
from .course.validate import check_choice


@dataclass(frozen=True)
class EmgRow:
    """One exercise's gluteus medius activation in one study."""

    key: str
    exercise: str
    mean_pct_mvic: float
    sd_pct_mvic: float | None
    source: str          # BibTeX key
    confidence: str      # "F" (read in the study), "F2" (secondary source) or "R" (recalled, approximate)
    seed_exercise: str | None = None   # which of the five lesson exercises it belongs to, if any
    note: str = ""

    @property
    def approximate(self) -> bool:
        """True when the number is tagged R: recalled, not checked against a source."""
        return self.confidence == "R"

    @property
    def label(self) -> str:
        return ("≈ " if self.approximate else "") + self.exercise


#: Gluteus medius % MVIC (mean, SD) per exercise; sources: Boren et al. 2011 (`boren2011`), MacAskill et al.
#: 2014 (`macaskill2014`), Distefano et al. 2009 (`distefano2009`), Ekstrom et al. 2007 (`ekstrom2007`) and
#: Youdas et al. 2013 (`youdas2013`), as the key in each row says.
EMG_TABLE: tuple[EmgRow, ...] = (
    EmgRow("side_plank_abd_bottom", "Side plank + leg lift (dominant leg below)", 103.0, None,
           "boren2011", "F2", "side_plank"),
    EmgRow("side_lying_abduction_10rm", "Side-lying hip abduction, 10-RM load", 99.9, 17.0,
           "macaskill2014", "F", "side_lying_hip_abduction"),
    EmgRow("side_plank_abd_top", "Side plank + leg lift (dominant leg on top)", 89.0, None,
           "boren2011", "F2", "side_plank"),
    EmgRow("single_leg_squat_boren", "Single-leg squat", 82.0, 29.0, "boren2011", "R"),
    EmgRow("side_lying_abduction", "Side-lying hip abduction", 81.0, 42.0,
           "distefano2009", "F", "side_lying_hip_abduction"),
    EmgRow("side_bridge", "Side plank (side bridge)", 74.0, 30.0, "ekstrom2007", "R", "side_plank"),
    EmgRow("single_leg_squat_distefano", "Single-leg squat", 64.0, 24.0, "distefano2009", "R"),
    EmgRow("forward_step_up", "Forward step-up", 62.7, 18.2, "macaskill2014", "F"),
    EmgRow("band_walk_distefano", "Lateral band walk", 61.0, 34.0, "distefano2009", "R", "lateral_band_walk"),
    EmgRow("lateral_step_up", "Lateral step-up", 61.0, 20.0, "macaskill2014", "F"),
    EmgRow("single_limb_deadlift", "Single-leg deadlift", 58.0, 25.0, "distefano2009", "R"),
    EmgRow("band_walk_stance", "Lateral band walk, standing leg", 52.0, 18.0, "youdas2013", "F",
           "lateral_band_walk"),
    EmgRow("lunge", "Lunge", 48.0, 21.0, "distefano2009", "F"),
    EmgRow("hop", "Hop", 48.0, 25.0, "distefano2009", "F"),
    EmgRow("unilateral_bridge", "Single-leg bridge", 47.0, None, "ekstrom2007", "R", "banded_hip_bridge"),
    EmgRow("clam_1", "Clam (first variant)", 40.0, 38.0, "distefano2009", "F",
           note="hip-flexion angle of each variant not confirmed"),
    EmgRow("active_side_lying_abduction", "Side-lying abduction (another study)", 39.0, None,
           "ekstrom2007", "R", "side_lying_hip_abduction"),
    EmgRow("clam_2", "Clam (second variant)", 38.0, 29.0, "distefano2009", "F",
           note="hip-flexion angle of each variant not confirmed"),
    EmgRow("prone_hip_extension_10rm", "Prone hip extension, 10-RM load", 38.0, 22.2, "macaskill2014", "F"),
    EmgRow("band_walk_moving", "Lateral band walk, moving leg", 35.0, 16.0, "youdas2013", "F",
           "lateral_band_walk"),
    EmgRow("bridge", "Bridge (two legs)", 28.0, None, "ekstrom2007", "R", "banded_hip_bridge"),
)

#: A level often used to call an exercise "strengthening" (Ekstrom et al. 2007), % MVIC.
STRENGTHENING_THRESHOLD_PCT_MVIC = 45.0


def rows(include_approximate: bool = True) -> list[EmgRow]:
    """The table's rows, highest mean first (optionally without the approximate ones)."""
    out = [r for r in EMG_TABLE if include_approximate or not r.approximate]
    return sorted(out, key=lambda r: -r.mean_pct_mvic)


def get_row(key: str) -> EmgRow:
    """The row called ``key``; a ``ValueError`` lists the valid keys."""
    check_choice("key", key, [r.key for r in EMG_TABLE])
    return next(r for r in EMG_TABLE if r.key == key)


def interval(key: str) -> tuple[float, float]:
    """Mean minus and plus one SD, in % MVIC (the mean twice when no SD was reported)."""
    r = get_row(key)
    sd = r.sd_pct_mvic or 0.0
    return (r.mean_pct_mvic - sd, r.mean_pct_mvic + sd)


def overlap(key_a: str, key_b: str) -> bool:
    """True when the mean ± 1 SD ranges of two rows overlap (a sign that the gap is not firm)."""
    a, b = interval(key_a), interval(key_b)
    return a[0] <= b[1] and b[0] <= a[1]


def draw_emg_chart(show_sd: bool = True, include_approximate: bool = True):
    """Horizontal bar chart of gluteus medius % MVIC, highest first.

    Bars of the five lesson exercises are blue, related exercises grey;
    approximate rows (tag R, recalled values) are hatched and their labels start
    with "≈". Error bars show ± 1 SD when ``show_sd``; the dashed line marks
    the 45 % MVIC strengthening level.
    """
    data = rows(include_approximate)
    height_in = 0.25 * len(data) + 1.6
    fig = new_figure(7.0, height_in)
    fig.set_layout_engine("none")
    bottom_in, top_in = 0.95, 0.45
    ax = fig.add_axes((0.395, bottom_in / height_in, 0.595, 1 - (bottom_in + top_in) / height_in))
    y = np.arange(len(data))[::-1]
    means = np.array([r.mean_pct_mvic for r in data])
    seed = np.array([r.seed_exercise is not None for r in data])
    approx = np.array([r.approximate for r in data])
    for is_seed in (True, False):
        for is_approx in (False, True):
            m = (seed == is_seed) & (approx == is_approx)
            if m.any():
                ax.barh(y[m], means[m], height=0.7, color=PALETTE["blue"] if is_seed else "#B8B8B8",
                        edgecolor="#222222" if is_seed else "#666666", linewidth=0.6,
                        hatch="///" if is_approx else None)
    has_sd = np.array([bool(r.sd_pct_mvic) for r in data])
    sds = np.array([r.sd_pct_mvic or 0.0 for r in data])
    if show_sd:
        ax.errorbar(means[has_sd], y[has_sd], xerr=sds[has_sd], fmt="none", ecolor="#111111",
                    elinewidth=1.1, capsize=2.5)
    for yi, r in zip(y, data):
        right = r.mean_pct_mvic + ((r.sd_pct_mvic or 0) if show_sd else 0)
        ax.text(right + 2, yi, f"{r.mean_pct_mvic:g}" + (f" ± {r.sd_pct_mvic:g}" if r.sd_pct_mvic else "")
                + f"  [{_short(r.source)}]", va="center", fontsize=7.5, color=ROLE["text"])
    # Row names as plain texts, not tick labels: matplotlib builds a whole tick object per
    # label, and 20 of them made this chart the slowest live redraw of its lesson.
    ax.set_yticks([])
    ax.spines["left"].set_visible(True)
    row_names = ax.get_yaxis_transform()  # x in axes fractions, y in data
    for yi, r in zip(y, data):
        ax.text(-0.012, yi, r.label, transform=row_names, ha="right", va="center", fontsize=8,
                fontweight="bold" if r.seed_exercise else "normal", color=ROLE["text"])
    ax.axvline(STRENGTHENING_THRESHOLD_PCT_MVIC, color=ROLE["warn"], lw=1.2, ls="--")
    ax.text(STRENGTHENING_THRESHOLD_PCT_MVIC + 1, len(data) - 0.4, "45 % strengthening level",
            fontsize=8, color=ROLE["warn"], va="bottom")
    ax.set_xlim(0, 200 if show_sd else 160)
    ax.set_xticks([0, 50, 100, 150])
    ax.set_ylim(-0.7, len(data) + 0.3)
    ax.set_xlabel("Gluteus medius activity (% MVIC)")
    fig.text(0.01, 1 - 0.1 / height_in, "Which exercise works the gluteus medius hardest?",
             fontsize=11.5, va="top")
    from matplotlib.patches import Patch
    handles = [Patch(facecolor=PALETTE["blue"], edgecolor="#222222",
                     label="one of the five lesson exercises (bold)"),
               Patch(facecolor="#B8B8B8", edgecolor="#666666", label="related exercise"),
               Patch(facecolor="white", edgecolor="#444444", hatch="///",
                     label="≈ approximate (secondary source)")]
    if show_sd:
        from matplotlib.lines import Line2D
        handles.append(Line2D([], [], color="#111111", marker="|", markersize=8, lw=1.1, label="± 1 SD"))
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=7.8, frameon=False,
               bbox_to_anchor=(0.5, 0.0))
    return fig


_SHORT = {"boren2011": "Boren 2011", "macaskill2014": "MacAskill 2014", "distefano2009": "Distefano 2009",
          "ekstrom2007": "Ekstrom 2007", "youdas2013": "Youdas 2013"}


def _short(key: str) -> str:
    return _SHORT.get(key, key)


def emg_alt(show_sd: bool = True, include_approximate: bool = True) -> str:
    """Alt text for :func:`draw_emg_chart` listing every bar."""
    data = rows(include_approximate)
    parts = [f"{r.label} {r.mean_pct_mvic:g}" + (f" ± {r.sd_pct_mvic:g}" if r.sd_pct_mvic and show_sd else "")
             for r in data]
    return ("Horizontal bar chart of gluteus medius activity in % of a maximal contraction, highest first"
            + (", with ± 1 SD error bars" if show_sd else "")
            + ("" if include_approximate else ", approximate values hidden")
            + ": " + "; ".join(parts) + ". A dashed line marks 45 %, a level often called strengthening.")
