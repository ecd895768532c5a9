"""Quiz banks: one JSON file per lesson in ``itband/data/quizzes/``, shown with jupyterquiz.

A bank is a list of jupyterquiz questions. Every answer carries feedback,
wrong ones too, so a reader learns from each click. The quiz works in a live
kernel and in the static book (its JavaScript is in the output itself).
"""
from __future__ import annotations

import html
import json
from importlib import resources

from . import evidence
from .adapters import jupyterquiz as jupyterquiz_adapter
from .explorer.settings import prerendering
from .validate import check_choice

#: Colours for the quiz cards: dark enough for white text at WCAG AA contrast.
QUIZ_COLOURS = {
    "--jq-multiple-choice-bg": "#1F4E79",
    "--jq-many-choice-bg": "#6B2C5F",
    "--jq-numeric-bg": "#1F4E79",
    "--jq-string-bg": "#6B2C5F",
    "--jq-mc-button-bg": "#FFFFFF",
    "--jq-mc-button-border": "#5A5A5A",
    "--jq-incorrect-color": "#B00020",
    "--jq-correct-color": "#00703C",
    "--jq-text-color": "#FFFFFF",
    "--jq-link-color": "#CFE3FF",
    "--jq-numeric-input-bg": "#FFFFFF",
    "--jq-numeric-input-label": "#101010",
}
#: How every quiz of the course is shown (lesson quizzes and Lesson 8's cases): jupyterquiz's options.
QUIZ_OPTIONS = {"shuffle_answers": True, "colors": QUIZ_COLOURS, "max_width": 720}


def bank_names() -> list[str]:
    """Names of all quiz banks, e.g. ``['01_anatomy', ...]``."""
    return sorted(p.name[:-5] for p in resources.files("itband.data").joinpath("quizzes").iterdir()
                  if p.name.endswith(".json"))


def load(name: str) -> list[dict]:
    """Return the questions of bank ``name`` (checked for feedback on every answer)."""
    check_choice("name", name, bank_names())
    questions = json.loads(resources.files("itband.data").joinpath("quizzes", name + ".json").read_text("utf-8"))
    validate_bank(questions, name)
    return _with_facts(questions)


def _with_facts(item):
    """The bank with every ``{fact}`id``` replaced by its value from the evidence registry."""
    if isinstance(item, str):
        return evidence.expand(item)
    if isinstance(item, list):
        return [_with_facts(x) for x in item]
    if isinstance(item, dict):
        return {k: _with_facts(v) for k, v in item.items()}
    return item


def validate_bank(questions: list[dict], name: str = "bank") -> None:
    """Raise ``ValueError`` unless every question is well formed and every answer has feedback."""
    if not isinstance(questions, list) or not questions:
        raise ValueError(f"quiz bank {name!r} must be a non-empty list of questions")
    for i, q in enumerate(questions, 1):
        where = f"{name} question {i}"
        if not q.get("question", "").strip():
            raise ValueError(f"{where} has no question text")
        qtype = q.get("type")
        check_choice(f"{where} type", qtype, ["multiple_choice", "many_choice", "numeric"])
        answers = q.get("answers") or []
        if not answers:
            raise ValueError(f"{where} has no answers")
        for a in answers:
            if not str(a.get("feedback", "")).strip():
                raise ValueError(f"{where}: an answer has no feedback")
        if qtype in ("multiple_choice", "many_choice"):
            n_correct = sum(bool(a.get("correct")) for a in answers)
            if qtype == "multiple_choice" and n_correct != 1:
                raise ValueError(f"{where} must have exactly one correct answer, has {n_correct}")
            if qtype == "many_choice" and n_correct < 1:
                raise ValueError(f"{where} must have at least one correct answer")
        else:
            if not any(a.get("correct") for a in answers):
                raise ValueError(f"{where} has no correct numeric answer")


def show(name: str) -> None:
    """Display the quiz bank ``name`` (answers shuffled in the reader's browser)."""
    from IPython.display import display

    jupyterquiz_adapter.display_quiz(load(name), **QUIZ_OPTIONS)
    if prerendering():
        display({"text/html": static_html(name)}, raw=True)


def _answer_text(a: dict) -> str:
    if a.get("type") == "range":
        lo, hi = a["range"]
        return f"{lo:g} to {hi:g}"
    if "value" in a:
        return f"{a['value']:g}"
    return str(a.get("answer", ""))


def static_html(name: str) -> str:
    """Bank ``name`` as plain HTML for readers without JavaScript and for paper: numbered
    questions with their options, each answer and its feedback in a closed ``<details>``.

    The book shows it only where the interactive quiz cannot run: ``book/_static/a11y.css``
    hides it on screens with JavaScript and shows it in print (instead of the quiz's buttons).
    """
    check_choice("name", name, bank_names())
    esc = html.escape
    parts = [f'<div class="itb-quiz-static" data-quiz="{esc(name)}"><ol>']
    for i, q in enumerate(load(name), 1):
        parts.append(f"<li><p>{esc(q['question'])}</p>")
        if q["type"] in ("multiple_choice", "many_choice"):
            parts.append("<ul>" + "".join(f"<li>{esc(_answer_text(a))}</li>" for a in q["answers"]) + "</ul>")
        right = [a for a in q["answers"] if a.get("correct")]
        feedback = " ".join(str(a.get("feedback", "")) for a in right)
        parts.append(f"<details><summary>Answer to question {i}</summary><p><strong>"
                     f"{esc('; '.join(_answer_text(a) for a in right))}</strong>. {esc(feedback)}</p></details></li>")
    parts.append("</ol></div>")
    return "".join(parts)
