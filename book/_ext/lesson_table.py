"""Sphinx extension: the instructor guide's lesson table, built from the lessons at build time.

Two directives, used in ``book/instructor-guide.md``:

``{lesson-table}``
    One row per lesson of the book (``notebooks/NN_*.ipynb`` in ``_toc.yml``):
    title (linked), learning objectives, prerequisites, estimated time, the
    explorers and the quiz. Everything is read from the notebook by
    :mod:`itband.lessons`, so the table cannot drift from the lessons.

``{lesson-plans}``
    Per lesson, the in-class activity and the short and longer assignments
    with marking criteria, from ``itband/data/instructor_notes.json``.

A malformed "## Learning objectives" cell is a build warning (an error under
``-W``) that names the notebook. Pages using the directives are re-read on
every build, so a new or edited lesson always shows up.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

# The course root, for the checkout-only tools (tools/ is not part of the installed package).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tools import lessons as L  # noqa: E402

logger = logging.getLogger(__name__)

NOTES_FILE = L.ROOT / "itband" / "data" / "instructor_notes.json"
_LESSON_DOC = re.compile(r"^notebooks/\d\d_\w+$")


def lesson_docs(env) -> list[str]:
    """Document names of the book's lessons, in order (only documents in the toc are found)."""
    return sorted(d for d in env.found_docs if _LESSON_DOC.match(d))


def load_notes() -> dict:
    return json.loads(NOTES_FILE.read_text(encoding="utf-8"))


def _cell(text: str) -> str:
    """Text safe inside one list-table cell line."""
    return " ".join(str(text).split())


def _quiz_size(name: str) -> str:
    try:
        from itband.course import quiz
        n = len(quiz.load(name))
    except (ValueError, OSError):
        return f"`{name}` (bank not found)"
    return f"{n} question{'' if n == 1 else 's'}"


def _duration(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m} minutes"
    return f"{h} h {m:02d} min" if m else f"{h} h"


class _LessonDirective(SphinxDirective):
    has_content = False
    optional_arguments = 0

    def _remember_page(self) -> None:
        self.env.lesson_table_pages = getattr(self.env, "lesson_table_pages", set())
        self.env.lesson_table_pages.add(self.env.docname)

    def _lessons(self) -> list[L.Lesson]:
        out = []
        for doc in lesson_docs(self.env):
            path = Path(self.env.doc2path(doc))
            self.env.note_dependency(str(path))
            try:
                out.append(L.read_lesson(path))
            except ValueError as err:
                logger.warning(f"lesson table: {err}", location=(doc, 1), type="lesson_table",
                               subtype="malformed")
        return out

    def _parse(self, markdown: str, titles: bool = False) -> list[nodes.Node]:
        container = nodes.container()
        content = StringList(markdown.splitlines(), source=self.env.docname)
        if titles:
            nested_parse_with_titles(self.state, content, container)
        else:
            self.state.nested_parse(content, self.content_offset, container)
        return container.children


class LessonTable(_LessonDirective):
    """``{lesson-table}``: the overview table of every lesson."""

    def run(self) -> list[nodes.Node]:
        self._remember_page()
        lessons = self._lessons()
        if not lessons:
            return self._parse("*No lessons are in the table of contents yet.*")
        rows = ["```{list-table} Every lesson at a glance (read from the lesson notebooks when the book is built)",
                ":header-rows: 1",
                ":widths: 26 44 30",
                ":class: lesson-table",
                "",
                "* - Lesson, prerequisites, time",
                "  - Learning objectives",
                "  - Explorers and quiz"]
        for les in lessons:
            rows.append(f"* - **{{doc}}`{les.number}. {_cell(les.title)} </{les.docname}>`**")
            rows.append("")
            rows.append(f"    *Before:* {_cell(les.prerequisites)}")
            rows.append("")
            rows.append(f"    *Time:* {_duration(les.minutes)}")
            rows.append(f"  - - {_cell(les.objectives[0])}")
            rows += [f"    - {_cell(o)}" for o in les.objectives[1:]]
            items = [f"Explorer: {_cell(e.describe())}" for e in les.explorers]
            items += [f"Quiz: {_quiz_size(q)}" for q in les.quizzes]
            if items:
                rows.append(f"  - - {items[0]}")
                rows += [f"    - {i}" for i in items[1:]]
            else:
                rows.append("  - none")
        rows.append("```")
        total = sum(les.minutes for les in lessons)
        count = "The lesson takes" if len(lessons) == 1 else f"The {len(lessons)} lessons take"
        rows += ["", f"{count} about **{_duration(total)}** in all "
                 f"({total} minutes) at the estimated times."]
        return self._parse("\n".join(rows))


class LessonPlans(_LessonDirective):
    """``{lesson-plans}``: per lesson, an in-class activity and two assignments with marking criteria."""

    def run(self) -> list[nodes.Node]:
        self._remember_page()
        self.env.note_dependency(str(NOTES_FILE))
        notes = load_notes()
        lessons = self._lessons()
        md: list[str] = []
        for les in lessons:
            md.append(f"### Lesson {les.number}: {les.title}")
            md.append("")
            note = notes.get(les.name)
            if note is None:
                md += [f"*No activities are written for `{les.name}` yet "
                       "(add them to `itband/data/instructor_notes.json`).*", ""]
                continue
            act = note["activity"]
            md += [f"**In class ({act['minutes']} minutes): {act['title']}.** {_cell(act['text'])}", ""]
            for key, label in (("short", "Short assignment"), ("long", "Longer assignment")):
                a = note[key]
                points = sum(p for _, p in a["criteria"])
                md += [f"**{label} (about {_duration(a['minutes'])}): {a['title']}.** {_cell(a['task'])}", "",
                       f"*Marking criteria ({points} points):*", ""]
                md += [f"- {_cell(c)} ({p} {'point' if p == 1 else 'points'})" for c, p in a["criteria"]]
                md.append("")
        return self._parse("\n".join(md), titles=True)


def _always_reread(app, env, added, changed, removed):
    """Pages with a lesson table are re-read every build: lessons may have been added or removed."""
    pages = getattr(env, "lesson_table_pages", set())
    return [d for d in pages if d in env.found_docs and d not in changed and d not in added]


def _purge(app, env, docname):
    pages = getattr(env, "lesson_table_pages", None)
    if pages:
        pages.discard(docname)


def _merge(app, env, docnames, other):
    env.lesson_table_pages = getattr(env, "lesson_table_pages", set()) | getattr(other, "lesson_table_pages", set())


def _add_static(app):
    app.config.html_static_path.append(str(Path(__file__).with_name("static")))


def setup(app):
    app.connect("builder-inited", _add_static)
    app.add_css_file("lesson_table.css")
    app.add_directive("lesson-table", LessonTable)
    app.add_directive("lesson-plans", LessonPlans)
    app.connect("env-get-outdated", _always_reread)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
