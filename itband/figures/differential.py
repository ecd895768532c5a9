"""The differential-diagnosis chart of Lesson 7: how one finding fits each diagnosis.

Reads everything from :mod:`itband.models.differential`; marks differ by shape and by a word,
not by colour alone.
"""
from __future__ import annotations

import textwrap

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, axes_at, new_figure, on_phone
from ..models import differential as dx

_MARK = {1: ("^", PALETTE["blue"], "towards"), 0: ("o", PALETTE["grey"], "neutral"),
         -1: ("v", PALETTE["vermillion"], "away")}


def draw_fit(finding: str = "epicondyle_pain"):
    """One row per diagnosis: does ``finding``, when present, point towards it, away, or neither?"""
    marks = dx.fits_for(finding)
    n = len(marks)
    phone = on_phone()  # names on two lines, the title wrapped, each row a little taller
    height = 0.4 * n + 1.35 if phone else 0.3 * n + 1.3
    if phone:
        fig = new_figure(PHONE_WIDTH_IN, height, layout=None)
        ax = axes_at(fig, 1.85, 0.68, 1.75, 0.4 * n)
    else:
        fig = new_figure(7.0, height, layout=None)
        ax = fig.add_axes([0.47, 0.04, 0.36, 1 - 1.0 / height])
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks([])
    ax.set_xticks([-1, 0, 1])
    ax.set_xticklabels(["points\naway", "neutral", "points\ntowards"] if phone
                       else ["points away", "neutral", "points towards"])
    ax.tick_params(axis="x", labelsize=9)
    for spine in ("left", "top", "right"):
        ax.spines[spine].set_visible(False)
    for x in (-1, 0, 1):
        ax.axvline(x, color="#DDDDDD", lw=0.8, zorder=0)
    for i, (key, mark) in enumerate(marks):
        d = dx.DIAGNOSES[key]
        marker, colour, word = _MARK[mark]
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#F3F3F3", zorder=-1)
        ax.plot([0, mark], [i, i], color=colour, lw=2, solid_capstyle="butt")
        ax.plot(mark, i, marker=marker, ms=10, color=colour, mec="black", mew=0.6, ls="none")
        weight = "bold" if key == "itbs" else "normal"
        ax.text(-1.75, i, textwrap.fill(d.label, 22) if phone else d.label, ha="right", va="center",
                fontsize=9 if phone else 9.5, weight=weight, clip_on=False, color=ROLE["text"], linespacing=1.0)
        ax.text(1.75, i, word, ha="left", va="center", fontsize=9, color=colour, clip_on=False,
                style="italic" if mark == 0 else "normal")
    f = dx.FINDINGS[finding]
    flag = "  (a red flag)" if f.red_flag else ""
    title = f"Finding: {f.label}{flag}"
    fig.text(0.02, 1 - (0.12 if phone else 0.35) / height, textwrap.fill(title, 40) if phone else title,
             fontsize=12, weight="bold", va="top", color=ROLE["warn"] if f.red_flag else ROLE["text"])
    return fig


def fit_alt(finding: str = "epicondyle_pain") -> str:
    """Alt text for :func:`draw_fit`, built from the model's marks."""
    marks = dx.fits_for(finding)  # checks finding first
    f = dx.FINDINGS[finding]
    towards = [dx.DIAGNOSES[d].label for d, m in marks if m == 1]
    away = [dx.DIAGNOSES[d].label for d, m in marks if m == -1]
    parts = [f"Chart of how the finding '{f.text}' fits each of {len(marks)} causes of lateral knee pain"
             + (" (it is a red flag)" if f.red_flag else "") + "."]
    parts.append("It points towards: " + (", ".join(towards) if towards else "none") + ".")
    parts.append("It points away from: " + (", ".join(away) if away else "none") + ".")
    parts.append("It does not separate the others.")
    return " ".join(parts)


def table():
    """The differential-diagnosis table (HTML in Jupyter and the book, text elsewhere), read from the model.

    One block per condition rather than a five-column table, so that it reads on a phone too."""
    import html

    from ..course.html import HtmlOutput

    blocks, text = [], []
    for d in dx.DIAGNOSES.values():
        e = html.escape
        blocks.append(f"<div class='differential-row'><p><strong>{e(d.label)}</strong> "
                      f"<em>(to be seen: {e(d.urgency)})</em><br>"
                      f"<strong>Where:</strong> {e(d.where)}<br>"
                      f"<strong>Points towards it:</strong> {e(d.points_to)}<br>"
                      f"<strong>Points away (or to ITBS):</strong> {e(d.points_away)}</p></div>")
        text.append(f"{d.label}: {d.where}")
    return HtmlOutput("<div class='differential'>" + "".join(blocks) + "</div>", "\n".join(text))
