"""When to see a clinician: a small, transparent decision helper (education, not diagnosis).

:func:`recommend` takes a runner's answers and returns one of three
recommendations with the rule that produced it:

* ``"seek care promptly"`` - any red flag (see :data:`RED_FLAGS`);
* ``"book an appointment"`` - more than two weeks of symptoms without
  improvement on self-care (the two-week rule of the popular advice), or more
  than six weeks even if slowly improving;
* ``"self-care and monitor"`` - otherwise (reduce the running load, look
  again at two weeks).

Sources: the red flags follow conservative clinical convention for lateral knee
pain in runners, drawn from the differential diagnoses in Brukner & Khan 2017
(`brukner2017`) and Medscape (Karageanes 2022, `karageanes2022`) and from clinic
differential-diagnosis summaries (e.g. Houston Methodist, "Sorting out lateral
knee pain"; not in references.bib); most are convention rather than measured
criteria. Locking, catching or giving way point to a problem inside the joint
(such as a meniscus tear, in the same differential lists). The two-week threshold
is pragmatic rather than evidence-derived: no study tested it; it fits the early
window of the one injection trial (Gunter & Schwellnus 2004, `gunter2004`,
enrolled runners within 2 weeks of onset). Six weeks is the upper end of the
2-6 weeks of load reduction after which lack of improvement conventionally calls
for review (a clinical convention, no single source). The rules are ordered and
total: every combination of answers gets exactly one recommendation.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from matplotlib.patches import FancyBboxPatch, Polygon

from .course.style import PALETTE, ROLE, new_figure
from .course.validate import check_choice, check_number

#: The three recommendations, from least to most urgent.
LEVELS = ("self-care and monitor", "book an appointment", "seek care promptly")

#: Red flags: answer key -> what it means (any one of them -> seek care promptly).
RED_FLAGS = {
    "swelling": "marked swelling of the knee",
    "locking_or_giving_way": "the knee locks, catches or gives way",
    "pain_at_rest_or_night": "pain at rest or at night",
    "fall_or_twist": "it started with a fall, a twist or a 'pop'",
    "numbness": "numbness, tingling or weakness below the knee",
    "fever": "fever, redness or feeling unwell",
    "cannot_bear_weight": "cannot put weight on the leg",
    "focal_bone_pain": "pain at one spot on the bone, or pain on hopping",
}

#: Symptoms lasting longer than this without improvement -> book an appointment (the rule of the popular advice).
TWO_WEEK_RULE_WEEKS = 2.0
#: Symptoms lasting longer than this, even if improving -> book an appointment.
SLOW_RECOVERY_WEEKS = 6.0
#: Largest number of weeks the helper accepts (ten years).
MAX_WEEKS = 520.0

ANSWER_KEYS = ("weeks_of_symptoms", "improving", *RED_FLAGS)


@dataclass(frozen=True)
class Recommendation:
    """What :func:`recommend` returns: the level, the reason in plain words, and the rule's name."""

    level: str
    reason: str
    rule: str

    @property
    def urgency(self) -> int:
        """0, 1 or 2: the position of :attr:`level` in :data:`LEVELS`."""
        return LEVELS.index(self.level)


def _check_answers(answers: Mapping) -> tuple[float, bool, list[str]]:
    for key in answers:
        if key not in ANSWER_KEYS:
            raise ValueError(f"unknown answer key {key!r}; the allowed keys are: {', '.join(ANSWER_KEYS)}")
    for key in ("weeks_of_symptoms", "improving"):
        if key not in answers:
            raise ValueError(f"missing answer {key!r}; weeks_of_symptoms and improving are required")
    weeks = check_number("weeks_of_symptoms", answers["weeks_of_symptoms"], 0, MAX_WEEKS, "weeks")
    improving = check_choice("improving", answers["improving"], (True, False))
    flags = []
    for key in RED_FLAGS:
        value = check_choice(key, answers.get(key, False), (True, False))
        if value:
            flags.append(key)
    return weeks, bool(improving), flags


def recommend(answers: Mapping | None = None, /, **more) -> Recommendation:
    """Return the recommendation for these answers.

    Give the answers as a dict, as keywords, or both:
    ``recommend(weeks_of_symptoms=3, improving=False, swelling=True)``.

    Keys: ``weeks_of_symptoms`` (0 to 520, weeks since the pain began),
    ``improving`` (True if it is getting better with self-care), and any of
    the red flags in :data:`RED_FLAGS` (True/False, default False).
    An unknown key raises ``ValueError`` naming it.
    """
    merged = {**(answers or {}), **more}
    weeks, improving, flags = _check_answers(merged)
    if flags:
        listed = "; ".join(RED_FLAGS[f] for f in flags)
        return Recommendation(LEVELS[2], f"Red flag: {listed}. These can mean a problem other than ITBS "
                              "(inside the joint, a bone, a nerve or an infection) that needs to be "
                              "examined soon.", "red flag")
    if not weeks > TWO_WEEK_RULE_WEEKS:
        trend = "and already improving" if improving else "so far"
        return Recommendation(LEVELS[0], f"No red flags and {weeks:g} weeks {trend}: cut the running load, "
                              "keep the hip exercises, and look again at two weeks; book an appointment if it "
                              "has not improved by then.", "early days")
    if not improving:
        return Recommendation(LEVELS[1], f"{weeks:g} weeks of symptoms and not improving with self-care: "
                              "more than two weeks without progress calls for an examination "
                              "(sports physician or physiotherapist).", "two-week rule")
    if weeks > SLOW_RECOVERY_WEEKS:
        return Recommendation(LEVELS[1], f"{weeks:g} weeks of symptoms: improving, but slowly. A clinician "
                              "can confirm the diagnosis and guide the rehabilitation.", "slow recovery")
    return Recommendation(LEVELS[0], f"No red flags, {weeks:g} weeks and improving: keep the reduced load "
                          "and the hip exercises; see a clinician if it stops improving.", "improving")


# --------------------------------------------------------------------------- the flowchart

_NODES = {  # name: (x, y, text); decision nodes are diamonds-as-rounded boxes on the left column
    "flag": (2.2, 5.2, "Any red flag?\n(swelling, locking, night pain,\nfall or twist, numbness, fever...)"),
    "two": (2.2, 3.55, "More than 2 weeks\nof symptoms?"),
    "imp": (2.2, 2.05, "Improving with\nself-care?"),
    "six": (2.2, 0.6, "More than 6 weeks\nof symptoms?"),
}
_LEAVES = {  # name: (x, y, level)
    "red flag": (7.6, 5.2, LEVELS[2]),
    "early days": (7.6, 3.55, LEVELS[0]),
    "two-week rule": (7.6, 2.05, LEVELS[1]),
    "slow recovery": (7.6, 0.85, LEVELS[1]),
    "improving": (7.6, -0.25, LEVELS[0]),
}
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


def _path_rule(weeks: float, improving: bool, flags: list[str]) -> str:
    """The leaf of the flowchart these answers reach (the chart's own walk, not recommend's)."""
    if flags:
        return "red flag"
    if not weeks > TWO_WEEK_RULE_WEEKS:
        return "early days"
    if not improving:
        return "two-week rule"
    return "slow recovery" if weeks > SLOW_RECOVERY_WEEKS else "improving"


def flowchart_rule(answers: Mapping | None = None, /, **more) -> str:
    """The flowchart leaf for these answers: equals ``recommend(...).rule`` except when
    the chart's path and the rules disagree (a test checks that they never do)."""
    weeks, improving, flags = _check_answers({**(answers or {}), **more})
    return _path_rule(weeks, improving, flags)


def draw_flowchart(weeks_of_symptoms: float = 1, improving: bool = True, any_red_flag: bool = False):
    """The decision helper as a flowchart, with the path for these answers drawn bold and solid.

    ``any_red_flag`` stands for any one of :data:`RED_FLAGS` (the chart uses
    ``swelling`` as the example). Edges off the path are thin and dashed;
    the reached outcome has a heavy border and the words "Your answers lead here".
    """
    answers = {"weeks_of_symptoms": weeks_of_symptoms, "improving": improving}
    if check_choice("any_red_flag", any_red_flag, (True, False)):
        answers["swelling"] = True
    rec = recommend(answers)
    leaf = flowchart_rule(answers)
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


def _arrowhead(ax, x: float, y: float, direction: str, active: bool) -> None:
    s = 0.16 if active else 0.12
    colour = ROLE["text"] if active else ROLE["muted"]
    if direction == "down":
        pts = [(x - s, y + s * 1.3), (x + s, y + s * 1.3), (x, y)]
    else:
        pts = [(x - s * 1.3 * 0.6, y - s), (x - s * 1.3 * 0.6, y + s), (x, y)]
    ax.add_patch(Polygon(pts, closed=True, facecolor=colour, edgecolor=colour, zorder=1))


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def describe_flowchart(weeks_of_symptoms: float = 1, improving: bool = True, any_red_flag: bool = False) -> str:
    """Alt text for :func:`draw_flowchart`."""
    answers = {"weeks_of_symptoms": weeks_of_symptoms, "improving": improving}
    if any_red_flag:
        answers["swelling"] = True
    rec = recommend(answers)
    return (f"Flowchart: any red flag? then more than 2 weeks of symptoms? then improving with self-care? "
            f"then more than 6 weeks? For {weeks_of_symptoms:g} weeks, "
            f"{'improving' if improving else 'not improving'}, {'a red flag' if any_red_flag else 'no red flag'}, "
            f"the highlighted path ends at '{rec.level}'. {rec.reason}")
