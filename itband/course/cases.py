"""Clinical cases as branching walk-throughs (Lesson 8), from ``itband/data/cases.yaml``.

A case is six steps, always in the same order (:data:`STEPS`): the history, the examination, the
working diagnosis, the plan, the decision to refer, and the return to running. At each step the
reader chooses one option and every option answers with feedback that says why and names the
lesson that teaches it; the feedback is the branch, telling what that choice leads to.

Each option carries a verdict (:data:`VERDICTS`). Exactly one per step is ``best``; an
``unsafe`` one (it misses a red flag, or loads an irritated knee too fast) is announced as
"Unsafe." in plain words: the prefix is added here, so no case can forget it.

A case is shown as a jupyterquiz multiple-choice quiz, one question per step, as the lesson
quizzes are (:func:`itband.course.adapters.jupyterquiz.display_quiz`): it works in a live kernel
and in the static book, and the jupyterquiz adapter makes each feedback line a polite live region
in both, so a screen reader reads the feedback.

The texts may use ``{fact}`id``` (the evidence registry) and, in a step, ``{weeks}``,
``{final_min}``, ``{limit_pct}`` (the Lesson 6 planner set up for that runner, from the case's
``planner`` entry) and ``{strength_gate_pct}`` (Lesson 4's strength milestone).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from . import evidence
from .validate import WrongType, check_choice

#: The steps of every case, in order, with the heading the reader sees.
STEPS = {
    "history": "The history",
    "examination": "The examination",
    "diagnosis": "The working diagnosis and its look-alikes",
    "plan": "The plan (load, strength, gait)",
    "referral": "Refer or not",
    "return": "The return to running",
}
#: Verdicts an option may have, with the words that open its feedback.
VERDICTS = {
    "best": "Best choice.",
    "reasonable": "Reasonable, but not the best.",
    "wrong": "Not the best choice.",
    "unsafe": "Unsafe.",
}
#: Every feedback names the lesson that teaches the point ("Lesson 5").
_LESSON = re.compile(r"\bLesson (\d+)\b")
#: The lessons a feedback may name.
LESSON_RANGE = (1, 7)
#: Planner arguments a case may set.
_PLANNER_KEYS = {"pain_free_walk_min", "exercise_level", "max_weekly_increase_pct", "strength_results"}


@dataclass(frozen=True)
class Option:
    text: str
    verdict: str
    feedback: str                #: as written, without the verdict's opening words

    @property
    def full_feedback(self) -> str:
        """The feedback the reader sees: the verdict's words, then the reason."""
        return f"{VERDICTS[self.verdict]} {self.feedback}"


@dataclass(frozen=True)
class Step:
    step: str                    #: a key of :data:`STEPS`
    prompt: str
    options: tuple[Option, ...]

    @property
    def heading(self) -> str:
        return STEPS[self.step]


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    steps: tuple[Step, ...]
    planner: dict | None         #: arguments of the Lesson 6 planner for this runner, or None

    def options(self):
        """Every (step, option) pair, in order."""
        return [(s, o) for s in self.steps for o in s.options]


def _fail(where: str, message: str):
    raise ValueError(f"itband/data/cases.yaml, {where}: {message}")


def _values(planner: dict | None) -> dict:
    """What ``{weeks}`` and the other placeholders stand for, from the course's own models."""
    from ..models.progression import STRENGTH_MILESTONES

    gate = next(m.target for m in STRENGTH_MILESTONES if m.key == "abductor_strength_symmetry_pct")
    out = {"strength_gate_pct": f"{gate:g}"}
    if planner:
        plan = plan_for(planner)
        out.update(weeks=str(plan.n_weeks), final_min=f"{plan.weeks[-1].run_min_per_session:g}",
                   limit_pct=f"{plan.max_weekly_increase_pct:g}")
    return out


def plan_for(planner: dict | str):
    """The Lesson 6 plan for a case's ``planner`` arguments (or for the case named ``planner``)."""
    from ..models import return_to_run

    if isinstance(planner, str):
        check_choice("planner", planner, case_names())
        case = load(planner)
        if case.planner is None:
            raise ValueError(f"case {planner!r} has no return-to-running plan (its planner is not set up)")
        planner = case.planner
    elif not isinstance(planner, dict):
        raise WrongType(f"planner={planner!r} is neither a case name nor a dict of plan_return's arguments")
    return return_to_run.plan_return(**planner)


def _fill(text: str, values: dict, where: str) -> str:
    def sub(m):
        name = m.group(1)
        if name not in values:
            _fail(where, f"{{{name}}} is not a value this case can fill in (it has {sorted(values)})")
        return values[name]

    return evidence.expand(re.sub(r"\{([a-z_]+)\}(?!`)", sub, text))


def parse(data) -> dict[str, Case]:
    """Check the cases file's content and return its cases; ``ValueError`` names the case and step."""
    if not isinstance(data, dict) or not isinstance(data.get("cases"), dict) or not data["cases"]:
        _fail("top level", "expected a mapping 'cases' of at least one case")
    cases = {}
    for key, c in data["cases"].items():
        where = f"case {key!r}"
        if not isinstance(c, dict) or not str(c.get("title", "")).strip():
            _fail(where, "needs a title")
        unknown = set(c) - {"title", "planner", "steps"}
        if unknown:
            _fail(where, f"unknown field(s) {sorted(unknown)}")
        planner = c.get("planner")
        if planner is not None:
            if not isinstance(planner, dict) or set(planner) - _PLANNER_KEYS:
                _fail(where, f"planner takes only {sorted(_PLANNER_KEYS)}")
            plan_for(planner)  # a ValueError from the planner names the bad argument
        values = _values(planner)
        raw_steps = c.get("steps") or []
        names = [s.get("step") if isinstance(s, dict) else None for s in raw_steps]
        if names != list(STEPS):
            _fail(where, f"steps must be {list(STEPS)} in that order, got {names}")
        steps = []
        for s in raw_steps:
            swhere = f"{where}, step {s['step']!r}"
            prompt = _fill(str(s.get("prompt", "")).strip(), values, swhere)
            if not prompt:
                _fail(swhere, "has no prompt")
            opts = []
            for i, o in enumerate(s.get("options") or [], 1):
                owhere = f"{swhere}, option {i}"
                if not isinstance(o, dict) or set(o) != {"text", "verdict", "feedback"}:
                    _fail(owhere, "an option has exactly: text, verdict, feedback")
                check_choice(f"{owhere} verdict", o["verdict"], list(VERDICTS))
                text = _fill(str(o["text"]).strip(), values, owhere)
                feedback = _fill(" ".join(str(o["feedback"]).split()), values, owhere)
                if not text or not feedback:
                    _fail(owhere, "has an empty text or feedback")
                lessons = [int(n) for n in _LESSON.findall(feedback)]
                if not lessons:
                    _fail(owhere, "feedback must name the lesson that teaches it ('Lesson N')")
                bad = [n for n in lessons if not LESSON_RANGE[0] <= n <= LESSON_RANGE[1]]
                if bad:
                    _fail(owhere, f"feedback names Lesson {bad[0]}, outside Lessons "
                                  f"{LESSON_RANGE[0]}-{LESSON_RANGE[1]}")
                if feedback.lower().startswith(tuple(v.lower().rstrip(".") for v in VERDICTS.values())):
                    _fail(owhere, "feedback starts with a verdict's words; the verdict adds them")
                opts.append(Option(text, o["verdict"], feedback))
            if len(opts) < 3:
                _fail(swhere, f"needs at least 3 options, has {len(opts)}")
            n_best = sum(o.verdict == "best" for o in opts)
            if n_best != 1:
                _fail(swhere, f"needs exactly one 'best' option, has {n_best}")
            if len({o.text for o in opts}) != len(opts):
                _fail(swhere, "two options have the same text")
            steps.append(Step(s["step"], prompt, tuple(opts)))
        cases[key] = Case(key, str(c["title"]).strip(), tuple(steps), planner)
    return cases


@functools.lru_cache(maxsize=1)
def _cases() -> dict[str, Case]:
    text = resources.files("itband.data").joinpath("cases.yaml").read_text("utf-8")
    return parse(yaml.safe_load(text))


def case_names() -> list[str]:
    """The cases' keys, in the file's order."""
    return list(_cases())


def load(name: str) -> Case:
    """The case ``name`` (checked: six steps, one best option each, feedback naming a lesson)."""
    check_choice("name", name, case_names())
    return _cases()[name]


def questions(name: str) -> list[dict]:
    """The case as a jupyterquiz bank: one multiple-choice question per step."""
    case = load(name)
    bank = []
    for i, s in enumerate(case.steps, 1):
        bank.append({
            "question": f"Step {i} of {len(case.steps)}: {s.heading[0].lower()}{s.heading[1:]}.<br>{s.prompt}",
            "type": "multiple_choice",
            "answers": [{"answer": o.text, "correct": o.verdict == "best", "feedback": o.full_feedback}
                        for o in s.options],
        })
    return bank


def show(name: str) -> None:
    """Display case ``name`` as a walk-through (answers shuffled in the reader's browser), as the
    lesson quizzes are shown: through the jupyterquiz adapter, with the course's quiz options."""
    from . import quiz
    from .adapters import jupyterquiz as jupyterquiz_adapter

    jupyterquiz_adapter.display_quiz(questions(name), **quiz.QUIZ_OPTIONS)


def summary_table(name: str) -> str:
    """Every option of a case with its verdict, as JSON lines (for instructors and tests)."""
    case = load(name)
    return "\n".join(json.dumps({"step": s.step, "option": o.text, "verdict": o.verdict}) for s, o in case.options())


def planner_text(name: str) -> str:
    """How the Lesson 6 planner is set up for case ``name``, one argument a line."""
    case = load(name)
    if case.planner is None:
        raise ValueError(f"case {name!r} has no return-to-running plan (its planner is not set up)")
    lines = []
    for key, value in case.planner.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"    {k} = {v!r}" for k, v in value.items()]
        else:
            lines.append(f"{key} = {value!r}")
    return "\n".join(lines)
