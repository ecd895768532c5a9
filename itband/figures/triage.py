"""The decision helper of :mod:`itband.models.triage` as a flowchart: :func:`draw_flowchart`
beside its alt text :func:`describe_flowchart`. The path for the given answers is drawn bold and
solid; every box's words come from the model's rules and thresholds."""
from __future__ import annotations

import textwrap

from matplotlib.patches import FancyBboxPatch, Polygon

from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, new_figure, on_phone
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


#: Where things go on the column figure and on its phone layout: figure size (in), the chart's
#: axes (figure fractions), the x (data units, 10 across) and width of the decision and outcome
#: boxes, the x of the elbows, and how many characters the reason under the chart is wrapped at.
_GEOMETRY = {
    False: dict(size=(7.0, 5.0), axes=(0.0, 0.16, 1.0, 0.84), node=(2.2, 3.5), leaf=(7.6, 3.2),
                elbow=5.2, wrap=105),
    True: dict(size=(PHONE_WIDTH_IN, 5.9), axes=(0.0, 0.232, 1.0, 0.768), node=(2.25, 4.3), leaf=(7.85, 4.1),
               elbow=4.8, wrap=62),
}
#: The red-flag question wrapped for the phone's narrower box.
_PHONE_FLAG_TEXT = "Any red flag?\n(swelling, locking,\nnight pain, fall or twist,\nnumbness, fever...)"


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
    phone = on_phone()
    geo = _GEOMETRY[phone]
    (node_x, node_w), (leaf_x, leaf_w) = geo["node"], geo["leaf"]
    fig = new_figure(*geo["size"])
    fig.set_layout_engine("none")
    ax = fig.add_axes(geo["axes"])
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.6, 6.05 if not phone else 6.25)
    ax.set_axis_off()
    on_path = {"flag"} | {a for a, b, _l, rules in _EDGES if leaf in rules} | {b for a, b, _l, rules in _EDGES if leaf in rules}
    # edges
    for a, b, label, rules in _EDGES:
        x0, y0 = node_x, _NODES[a][1]
        x1, y1 = (node_x, _NODES[b][1]) if b in _NODES else (leaf_x, _LEAVES[b][1])
        active = leaf in rules
        style = dict(color=ROLE["text"] if active else ROLE["muted"], lw=2.6 if active else 1.0,
                     ls="-" if active else (0, (4, 3)), zorder=1)
        if b in _NODES:  # straight down
            ax.plot([x0, x1], [y0 - 0.42, y1 + 0.42], **style)
            _arrowhead(ax, x1, y1 + 0.42, "down", active)
            ax.text(x0 + 0.12, (y0 + y1) / 2, label, fontsize=9, va="center",
                    fontweight="bold" if active else "normal", color=ROLE["text"])
        else:  # to the right, with an elbow when the leaf is lower
            elbow = geo["elbow"]
            xs, ys = [x0 + node_w / 2, elbow, elbow, x1 - leaf_w / 2 - 0.02], [y0, y0, y1, y1]
            ax.plot(xs, ys, **style)
            _arrowhead(ax, x1 - leaf_w / 2 - 0.02, y1, "right", active)
            # on the phone the last straight run is short: its label sits centred on it
            label_x, ha = ((elbow + x1 - leaf_w / 2) / 2, "center") if phone else (elbow + 0.15, "left")
            ax.text(label_x, y1 + 0.08, label, fontsize=9, va="bottom", ha=ha,
                    fontweight="bold" if active else "normal", color=ROLE["text"])
    # decision boxes
    for name, (_x, y, text) in _NODES.items():
        x = node_x
        if phone and name == "flag":
            text = _PHONE_FLAG_TEXT
        active = name in on_path
        h = (1.25 if phone else 0.95) if name == "flag" else 0.72
        ax.add_patch(FancyBboxPatch((x - node_w / 2, y - h / 2), node_w, h, boxstyle="round,pad=0.02,rounding_size=0.25",
                                    facecolor="#EAF2FA" if active else "white",
                                    edgecolor=ROLE["text"] if active else ROLE["muted"],
                                    lw=2.0 if active else 1.0, zorder=2))
        ax.text(x, y, text, ha="center", va="center", fontsize=8.6 if name == "flag" else 9.2,
                color=ROLE["text"], zorder=3)
    # outcome boxes
    for name, (_x, y, level) in _LEAVES.items():
        x = leaf_x
        colour, hatch = _LEVEL_STYLE[level]
        reached = name == leaf
        ax.add_patch(FancyBboxPatch((x - leaf_w / 2, y - 0.3), leaf_w, 0.6, boxstyle="round,pad=0.02,rounding_size=0.1",
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
            f"{flag_txt}.{chr(10) if phone else '  '}Result: {rec.level.upper()}")
    height_in = geo["size"][1]
    top = geo["axes"][1] - 0.025 * 5.0 / height_in  # 0.125 in under the chart
    fig.text(0.02, top, head, fontsize=10, fontweight="bold", color=ROLE["text"], va="top", linespacing=1.3)
    below = top - (0.42 if phone else 0.25) / height_in
    fig.text(0.02, below, _wrap(rec.reason, geo["wrap"]), fontsize=8.8, color=ROLE["text"], va="top")
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
