"""Pain monitoring: whether the next week of loading goes up, holds or steps back.

The model comes from Thomeé's treatment of patellofemoral pain (Thomeé 1997); Silbernagel and
colleagues adapted it for Achilles tendinopathy (Silbernagel 2007). Its cut-offs are *borrowed*:
no study has tested them in ITBS. The course uses one rule set for the exercises (Lesson 4) and
for the return to running (Lesson 6):

``"published"`` (the default)
    Silbernagel 2007's rules, as registered (``silbernagel2007-rule-during`` and
    ``-rule-after``): pain may reach 5/10 during and after the activity, must have settled by the
    next morning, and must not rise from one week to the next. Within them the load goes up;
    outside them it steps back.
``"stop_at_onset"`` (the course's choice for running on an irritated band)
    ITBS pain comes from compressing an irritated, richly innervated tissue; running on into
    the pain keeps pressing on it. So the run stops when lateral knee pain starts: a week with
    no pain moves up, a week in which pain started but had settled by the next morning is
    repeated, and pain the next morning, or pain rising week on week, steps back. This is the
    course's judgement, erring on the safe side, not a tested rule.

Pain is on the 0-10 numeric rating scale (0 none, 10 worst imaginable).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..course import evidence
from ..course.validate import check_choice, check_number

#: The decisions, from best to worst.
DECISIONS = ("progress", "hold", "step back")


@dataclass(frozen=True)
class PainRules:
    """One rule set: the most pain (0-10) allowed during the activity (after it, pain must have
    settled by the next morning under every rule set)."""

    name: str
    during_max_0_10: float      #: most pain allowed during the activity
    hold_band: bool             #: True: pain within the limits holds the load instead of raising it
    source: str                 #: who the rule comes from, in words


RULES = {
    "published": PainRules(
        "published", evidence.value("silbernagel2007-rule-during"), False, "Silbernagel 2007, after Thomeé 1997 (borrowed from tendon and kneecap pain; untested in ITBS)"),
    "stop_at_onset": PainRules(
        "stop_at_onset", 0.0, True,
        "the course's conservative rule for running: stop when lateral knee pain starts"),
}
DEFAULT_RULES = "published"


def decide(pain_during_0_10: float, pain_next_morning_0_10: float = 0.0, rising: bool = False,
           rules: str = DEFAULT_RULES) -> str:
    """``"progress"``, ``"hold"`` or ``"step back"`` for one week.

    ``pain_during_0_10``: the worst pain during the activity; ``pain_next_morning_0_10``: pain
    the next morning (anything above 0 means it had not settled); ``rising``: pain or stiffness
    higher than the week before.
    """
    during = check_number("pain_during_0_10", pain_during_0_10, 0, 10, "/10")
    morning = check_number("pain_next_morning_0_10", pain_next_morning_0_10, 0, 10, "/10")
    if not isinstance(rising, bool):
        raise TypeError(f"rising must be True or False, got {rising!r}")
    check_choice("rules", rules, list(RULES))
    r = RULES[rules]
    if morning > 0 or rising:
        return "step back"
    if r.hold_band:
        return "progress" if during <= r.during_max_0_10 else "hold"
    return "progress" if during <= r.during_max_0_10 else "step back"


def reason(pain_during_0_10: float, pain_next_morning_0_10: float = 0.0, rising: bool = False,
           rules: str = DEFAULT_RULES) -> str:
    """Why :func:`decide` decided as it did, in one sentence."""
    decision = decide(pain_during_0_10, pain_next_morning_0_10, rising, rules)
    r = RULES[rules]
    if pain_next_morning_0_10 > 0:
        why = f"pain {pain_next_morning_0_10:g}/10 the next morning: it had not settled"
    elif rising:
        why = "pain higher than last week"
    elif decision == "progress":
        why = (f"pain {pain_during_0_10:g}/10 during, within {r.during_max_0_10:g}/10, and settled by morning"
               if pain_during_0_10 else "no pain, and settled by morning")
    elif decision == "hold":
        why = f"pain started during the activity ({pain_during_0_10:g}/10) but settled by morning"
    else:
        why = f"pain {pain_during_0_10:g}/10 during, above the {r.during_max_0_10:g}/10 allowed"
    return f"{decision}: {why}"
