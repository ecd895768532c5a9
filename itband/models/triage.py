"""When to see a clinician: a small, transparent decision helper (education, not diagnosis).

The flowchart that draws these rules is :mod:`itband.figures.triage`.

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

from ..course.validate import check_choice, check_flag, check_number

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

#: Each rule of the helper (a leaf of the flowchart) and the recommendation it gives, in the order tried.
RULE_LEVELS = {
    "red flag": LEVELS[2],
    "early days": LEVELS[0],
    "two-week rule": LEVELS[1],
    "slow recovery": LEVELS[1],
    "improving": LEVELS[0],
}
RULES = tuple(RULE_LEVELS)


@dataclass(frozen=True)
class Recommendation:
    """What :func:`recommend` returns: the level, the reason in plain words, and the rule's name."""

    level: str
    reason: str
    rule: str

    def __post_init__(self):
        check_choice("level", self.level, LEVELS)
        check_choice("rule", self.rule, RULES)
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise ValueError(f"reason={self.reason!r} is not a sentence; reason must be a non-empty string")

    @property
    def urgency(self) -> int:
        """0, 1 or 2: the position of :attr:`level` in :data:`LEVELS`."""
        return LEVELS.index(self.level)


def _check_answers(answers, more: Mapping) -> tuple[float, bool, list[str]]:
    if answers is None:
        answers = {}
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers={answers!r} is not a mapping; give the answers as a dict or as keywords")
    merged = {**answers, **more}
    for key in merged:
        if key not in ANSWER_KEYS:
            raise ValueError(f"unknown answer key {key!r}; the allowed keys are: {', '.join(map(str, ANSWER_KEYS))}")
    for key in ("weeks_of_symptoms", "improving"):
        if key not in merged:
            raise ValueError(f"missing answer {key!r}; weeks_of_symptoms and improving are required")
    weeks = check_number("weeks_of_symptoms", merged["weeks_of_symptoms"], 0, MAX_WEEKS, "weeks")
    improving = check_flag("improving", merged["improving"])
    flags = [key for key in RED_FLAGS if check_flag(key, merged.get(key, False))]
    return weeks, improving, flags


def _weeks(weeks: float) -> str:
    return f"{weeks:g} week{'' if weeks == 1 else 's'}"


def recommend(answers: Mapping | None = None, /, **more) -> Recommendation:
    """Return the recommendation for these answers.

    Give the answers as a dict, as keywords, or both:
    ``recommend(weeks_of_symptoms=3, improving=False, swelling=True)``.

    Keys: ``weeks_of_symptoms`` (0 to 520, weeks since the pain began),
    ``improving`` (True if it is getting better with self-care), and any of
    the red flags in :data:`RED_FLAGS` (True/False, default False).
    An unknown key raises ``ValueError`` naming it. The helper errs on the safe
    side: every self-care answer also says when to see a clinician.
    """
    weeks, improving, flags = _check_answers(answers, more)
    rule = _path_rule(weeks, improving, flags)
    if rule == "red flag":
        listed = "; ".join(RED_FLAGS[f] for f in flags)
        reason = (f"Red flag: {listed}. These can mean a problem other than ITBS (inside the joint, a bone, "
                  "a nerve or an infection) that needs to be examined soon.")
    elif rule == "early days":
        trend = "and already improving" if improving else "so far"
        reason = (f"No red flags and {_weeks(weeks)} {trend}: cut the running load, keep the hip exercises, "
                  f"and look again at {TWO_WEEK_RULE_WEEKS:g} weeks; book an appointment if it has not improved "
                  "by then, and sooner if it gets worse or you are unsure.")
    elif rule == "two-week rule":
        reason = (f"{_weeks(weeks)} of symptoms and not improving with self-care: more than "
                  f"{TWO_WEEK_RULE_WEEKS:g} weeks without progress calls for an examination "
                  "(sports physician or physiotherapist).")
    elif rule == "slow recovery":
        reason = (f"{_weeks(weeks)} of symptoms: improving, but slowly. A clinician can confirm the diagnosis "
                  "and guide the rehabilitation.")
    else:
        reason = (f"No red flags, {_weeks(weeks)} and improving: keep the reduced load and the hip exercises; "
                  "see a clinician if it stops improving or you are unsure.")
    return Recommendation(RULE_LEVELS[rule], reason, rule)


def _path_rule(weeks: float, improving: bool, flags: list[str]) -> str:
    """The rule these (checked) answers reach: the ordered rules of the module docstring."""
    if flags:
        return "red flag"
    if not weeks > TWO_WEEK_RULE_WEEKS:
        return "early days"
    if not improving:
        return "two-week rule"
    return "slow recovery" if weeks > SLOW_RECOVERY_WEEKS else "improving"


def flowchart_rule(answers: Mapping | None = None, /, **more) -> str:
    """The flowchart leaf (a key of :data:`RULE_LEVELS`) these answers reach: what
    :func:`recommend` returns as ``rule``, and the outcome box the chart highlights."""
    return _path_rule(*_check_answers(answers, more))
