"""The decision helper of :mod:`itband.models.triage` as a flowchart: :func:`draw_flowchart`
beside its alt text :func:`describe_flowchart`. The path for the given answers is drawn bold and
solid; every box's words come from the model's rules and thresholds."""
from __future__ import annotations

import textwrap

from matplotlib.patches import FancyBboxPatch, Polygon

from ..course.style import PALETTE, ROLE, new_figure
from ..course.validate import check_flag
from ..models.triage import (RULE_LEVELS, SLOW_RECOVERY_WEEKS, TWO_WEEK_RULE_WEEKS, LEVELS,
                             flowchart_rule, recommend)

# --------------------------------------------------------------------------- the flowchart

_NODES = {  # name: (x, y, text); decision nodes are diamonds-as-rounded boxes on the left column
    "flag": (2.2, 5.2, "Any red flag?\n(swelling, locking, night pain,\nfall or twist, numbness, fever...)"),
    "two": (2.2, 3.55, f"More than {TWO_WEEK_RULE_WEEKS:g} weeks\nof symptoms?"),
    "imp": (2.2, 2.05, "Improving with\nself-care?"),
    "six": (2.2, 0.6, f"More than {SLOW_RECOVERY_WEEKS:g} weeks\nof symptoms?"),
}
_LEAVE_XY = {"red flag": (7.6, 5.2), "early days": (7.6, 3.55), "two-week rule": (7.6, 2.05),
             "slow recovery": (7.6, 0.85), "improving": (7.6, -0.25)}
_LEAVES = {rule: (*_LEAVE_XY[rule], level) for rule, level in RULE_LEVELS.items()}  # name: (x, y, level)
_LEVEL_STYLE = {  # colour, hatch: never colour alone (the text says the level too)
    LEVELS[0]: (PALETTE["green"], ""),
    LEVELS[1]: (PALETTE["orange"], ".."),
    LEVELS[2]: (PALETTE["vermillion"], "///"),
}
# edges: (from, to, label, the rule(s) whose path uses it)
_EDGES = [
    ("flag", "red flag", "yes", {"red flag"}),
    ("flag", "two", "no", {"early days", "two-week rule", "slow recovery", "improving"}),
    ("two", "early days", "no", {"early days"}),
    ("two", "imp", "yes", {"two-week rule", "slow recovery", "improving"}),
    ("imp", "two-week rule", "no", {"two-week rule"}),
    ("imp", "six", "yes", {"slow recovery", "improving"}),
    ("six", "slow recovery", "yes", {"slow recovery"}),
    ("six", "improving", "no", {"improving"}),
]


def draw_flowchart(weeks_of_symptoms: float = 1, improving: bool = True, any_red_flag: bool = False):
    """The decision helper as a flowchart, with the path for these answers drawn bold and solid.

    ``any_red_flag`` stands for any one of :data:`RED_FLAGS` (the chart uses
    ``swelling`` as the example). Edges off the path are thin and dashed;
    the reached outcome has a heavy border and the words "Your answers lead here".
    """
    answers = _answers(weeks_of_symptoms, improving, any_red_flag)
    rec = recommend(answers)
    leaf = flowchart_rule(answers)
    weeks_of_symptoms = answers["weeks_of_symptoms"]
    fig = new_figure(7.0, 5.0)
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.0, 0.16, 1.0, 0.84))
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.6, 6.05)
    ax.set_axis_off()
    on_path = {"flag"} | {a for a, b, _l, rules in _EDGES if leaf in rules} | {b for a, b, _l, rules in _EDGES if leaf in rules}
    # edges
    for a, b, label, rules in _EDGES:
        (x0, y0, _t) = _NODES[a]
        x1, y1 = (_NODES[b][0], _NODES[b][1]) if b in _NODES else (_LEAVES[b][0], _LEAVES[b][1])
        active = leaf in rules
        style = dict(color=ROLE["text"] if active else ROLE["muted"], lw=2.6 if active else 1.0,
                     ls="-" if active else (0, (4, 3)), zorder=1)
        if b in _NODES:  # straight down
            ax.plot([x0, x1], [y0 - 0.42, y1 + 0.42], **style)
            _arrowhead(ax, x1, y1 + 0.42, "down", active)
            ax.text(x0 + 0.12, (y0 + y1) / 2, label, fontsize=9, va="center",
                    fontweight="bold" if active else "normal", color=ROLE["text"])
        else:  # to the right, with an elbow when the leaf is lower
            xs, ys = [x0 + 1.75, 5.2, 5.2, x1 - 1.62], [y0, y0, y1, y1]
            ax.plot(xs, ys, **style)
            _arrowhead(ax, x1 - 1.62, y1, "right", active)
            ax.text(5.35, y1 + 0.08, label, fontsize=9, va="bottom",
                    fontweight="bold" if active else "normal", color=ROLE["text"])
    # decision boxes
    for name, (x, y, text) in _NODES.items():
        active = name in on_path
        h = 0.95 if name == "flag" else 0.72
        ax.add_patch(FancyBboxPatch((x - 1.75, y - h / 2), 3.5, h, boxstyle="round,pad=0.02,rounding_size=0.25",
                                    facecolor="#EAF2FA" if active else "white",
                                    edgecolor=ROLE["text"] if active else ROLE["muted"],
                                    lw=2.0 if active else 1.0, zorder=2))
        ax.text(x, y, text, ha="center", va="center", fontsize=8.6 if name == "flag" else 9.2,
                color=ROLE["text"], zorder=3)
    # outcome boxes
    for name, (x, y, level) in _LEAVES.items():
        colour, hatch = _LEVEL_STYLE[level]
        reached = name == leaf
        ax.add_patch(FancyBboxPatch((x - 1.6, y - 0.3), 3.2, 0.6, boxstyle="round,pad=0.02,rounding_size=0.1",
                                    facecolor=colour, alpha=0.85 if reached else 0.3, hatch=hatch,
                                    edgecolor=ROLE["text"], lw=3.0 if reached else 0.8, zorder=2))
        ax.text(x, y, level.capitalize(), ha="center", va="center", fontsize=9.5,
                fontweight="bold" if reached else "normal", color=ROLE["text"], zorder=3,
                bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)
                if hatch else None)
        if reached:
            ax.text(x, y + 0.34, "Your answers lead here \u25BC", ha="center", va="bottom", fontsize=8.5,
                    fontweight="bold", color=ROLE["text"], zorder=3)
    flag_txt = "a red flag" if any_red_flag else "no red flag"
    imp_txt = "improving" if improving else "not improving"
    head = (f"Answers: {weeks_of_symptoms:g} week{'s' if weeks_of_symptoms != 1 else ''}, {imp_txt}, "
            f"{flag_txt}.  Result: {rec.level.upper()}")
    fig.text(0.02, 0.135, head, fontsize=10, fontweight="bold", color=ROLE["text"], va="top")
    fig.text(0.02, 0.085, _wrap(rec.reason, 105), fontsize=8.8, color=ROLE["text"], va="top")
    return fig


def _answers(weeks_of_symptoms, improving, any_red_flag) -> dict:
    """The helper's answers for the chart's three controls (checked: ``ValueError`` naming the control)."""
    answers = {"weeks_of_symptoms": weeks_of_symptoms, "improving": improving}
    recommend(answers)  # checks weeks_of_symptoms and improving under the caller's names
    answers["weeks_of_symptoms"] = float(weeks_of_symptoms)
    if check_flag("any_red_flag", any_red_flag):
        answers["swelling"] = True
    return answers


def _arrowhead(ax, x: float, y: float, direction: str, active: bool) -> None:
    s = 0.16 if active else 0.12
    colour = ROLE["text"] if active else ROLE["muted"]
    if direction == "down":
        pts = [(x - s, y + s * 1.3), (x + s, y + s * 1.3), (x, y)]
    else:
        pts = [(x - s * 1.3 * 0.6, y - s), (x - s * 1.3 * 0.6, y + s), (x, y)]
    ax.add_patch(Polygon(pts, closed=True, facecolor=colour, edgecolor=colour, zorder=1))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def describe_flowchart(weeks_of_symptoms: float = 1, improving: bool = True, any_red_flag: bool = False) -> str:
    """Alt text for :func:`draw_flowchart` with the same answers."""
    answers = _answers(weeks_of_symptoms, improving, any_red_flag)
    rec = recommend(answers)
    weeks = answers["weeks_of_symptoms"]
    return (f"Flowchart: any red flag? then more than {TWO_WEEK_RULE_WEEKS:g} weeks of symptoms? then improving "
            f"with self-care? then more than {SLOW_RECOVERY_WEEKS:g} weeks? For {weeks:g} "
            f"week{'' if weeks == 1 else 's'}, {'improving' if improving else 'not improving'}, "
            f"{'a red flag' if any_red_flag else 'no red flag'}, the highlighted path ends at '{rec.level}'. "
            f"{rec.reason}")
