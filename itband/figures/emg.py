"""Drawing of the gluteus medius EMG table (:mod:`itband.models.emg`): :func:`draw_emg_chart`
beside its alt text :func:`emg_alt`, both read from the registered values."""
from __future__ import annotations

import numpy as np

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, names_above_bars, new_figure, on_phone
from ..course.validate import check_flag
from ..models.emg import STRENGTHENING_THRESHOLD_PCT_MVIC, rows

_SHORT = {"boren2011": "Boren 2011", "macaskill2014": "MacAskill 2014", "distefano2009": "Distefano 2009",
          "youdas2013": "Youdas 2013"}


def _short(key: str) -> str:
    return _SHORT.get(key, key)


def _value(r, show_sd: bool) -> str:
    return f"{r.mean_pct_mvic:g}" + (f" ± {r.sd_pct_mvic:g}" if r.sd_pct_mvic and show_sd else "")


def draw_emg_chart(show_sd: bool = True, include_unverified: bool = True):
    """Horizontal bar chart of gluteus medius % MVIC, highest first.

    Bars of the five lesson exercises are blue, related exercises grey; unverified rows are
    hatched and labelled "(unverified)". Error bars show ± 1 SD (between people) when
    ``show_sd``; the dashed line marks Ekstrom's 45 % MVIC strengthening criterion.
    """
    check_flag("show_sd", show_sd)
    data = rows(include_unverified)
    # the phone layout writes each exercise's name above its bar, so the bars get the full width
    phone = on_phone()
    row_in, bottom_in, top_in = (0.44, 1.25, 0.45) if phone else (0.25, 0.95, 0.45)
    height_in = row_in * len(data) + bottom_in + top_in if phone else 0.25 * len(data) + 1.6
    fig = new_figure(PHONE_WIDTH_IN if phone else 7.0, height_in)
    fig.set_layout_engine("none")
    left, width = (0.03, 0.94) if phone else (0.395, 0.595)
    ax = fig.add_axes((left, bottom_in / height_in, width, 1 - (bottom_in + top_in) / height_in))
    y = np.arange(len(data))[::-1]
    means = np.array([r.mean_pct_mvic for r in data])
    seed = np.array([r.seed_exercise is not None for r in data])
    unverified = np.array([not r.verified for r in data])
    for is_seed in (True, False):
        for is_unverified in (False, True):
            m = (seed == is_seed) & (unverified == is_unverified)
            if m.any():
                ax.barh(y[m], means[m], height=0.45 if phone else 0.7, color=PALETTE["blue"] if is_seed else "#B8B8B8",
                        edgecolor="#222222" if is_seed else "#666666", linewidth=0.6,
                        hatch="///" if is_unverified else None)
    has_sd = np.array([bool(r.sd_pct_mvic) for r in data])
    sds = np.array([r.sd_pct_mvic or 0.0 for r in data])
    if show_sd:
        ax.errorbar(means[has_sd], y[has_sd], xerr=sds[has_sd], fmt="none", ecolor="#111111",
                    elinewidth=1.1, capsize=2.5)
    for yi, r in zip(y, data):
        right = r.mean_pct_mvic + ((r.sd_pct_mvic or 0) if show_sd else 0)
        ax.text(right + 2, yi, f"{_value(r, True)}{'' if r.verified else ' unverified'}  [{_short(r.source)}]",
                va="center", fontsize=7.5, color=ROLE["text"])
    # Row names as plain texts, not tick labels: matplotlib builds a whole tick object per label.
    ax.set_yticks([])
    ax.spines["left"].set_visible(True)
    if phone:
        names_above_bars(ax, y, [r.exercise for r in data], 0.45, fontsize=8, bold=seed)
    else:
        row_names = ax.get_yaxis_transform()  # x in axes fractions, y in data
        for yi, r in zip(y, data):
            ax.text(-0.012, yi, r.exercise, transform=row_names, ha="right", va="center", fontsize=8,
                    fontweight="bold" if r.seed_exercise else "normal", color=ROLE["text"])
    ax.axvline(STRENGTHENING_THRESHOLD_PCT_MVIC, color=ROLE["warn"], lw=1.2, ls="--")
    ax.text(STRENGTHENING_THRESHOLD_PCT_MVIC + 1, len(data) - (0.2 if phone else 0.4),
            f"{STRENGTHENING_THRESHOLD_PCT_MVIC:g} % strengthening criterion", fontsize=8, color=ROLE["warn"],
            va="bottom")
    ax.set_xlim(0, 200 if show_sd else 178)
    ax.set_xticks([0, 50, 100, 150])
    ax.set_ylim(-0.5 if phone else -0.7, len(data) + (0.2 if phone else 0.3))
    ax.set_xlabel("Gluteus medius activity (% MVIC)")
    fig.text(0.01, 1 - 0.1 / height_in, "Which exercise works the gluteus medius hardest?",
             fontsize=11.5, va="top")
    from matplotlib.patches import Patch
    handles = [Patch(facecolor=PALETTE["blue"], edgecolor="#222222",
                     label="one of the five lesson exercises (bold)"),
               Patch(facecolor="#B8B8B8", edgecolor="#666666", label="related exercise")]
    if unverified.any():
        handles.append(Patch(facecolor="white", edgecolor="#444444", hatch="///",
                             label="unverified (secondary pages only)"))
    if show_sd:
        from matplotlib.lines import Line2D
        handles.append(Line2D([], [], color="#111111", marker="|", markersize=8, lw=1.1, label="± 1 SD (spread between people)"))
    fig.legend(handles=handles, loc="lower left" if phone else "lower center", ncol=1 if phone else 2,
               fontsize=7.8, frameon=False, bbox_to_anchor=(0.0, 0.0) if phone else (0.5, 0.0))
    return fig


def emg_alt(show_sd: bool = True, include_unverified: bool = True) -> str:
    """Alt text for :func:`draw_emg_chart` listing every bar."""
    check_flag("show_sd", show_sd)
    data = rows(include_unverified)
    parts = [f"{r.label} {_value(r, show_sd)}" for r in data]
    return ("Horizontal bar chart of gluteus medius activity in % of a maximal contraction, highest first"
            + (", with ± 1 SD error bars (the spread between people)" if show_sd else "")
            + ("" if include_unverified else ", unverified values hidden")
            + ": " + "; ".join(parts)
            + f". A dashed line marks {STRENGTHENING_THRESHOLD_PCT_MVIC:g} %, a level one study called strengthening.")
