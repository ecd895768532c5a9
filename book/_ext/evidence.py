"""Sphinx extension: the evidence registry in the book.

- ``{fact}`id``` (or ``{fact}`id:part```) writes a registered fact into the text:
  its value, SD, range or n, exactly as :mod:`itband.course.evidence` holds it, so
  a correction made in the registry reaches every page. An unknown id or part is
  a warning naming it, fatal under ``-W``.
- ``{evidence-table}`` with ``:section: treatments``, ``studies`` or ``facts``
  renders one part of "The evidence" page (``book/evidence.md``) from the
  registry: the GRADE rating of every option the course rates, every study
  with its design, n and Oxford CEBM level, and every fact with where it stands
  in its source and how it was checked.
- A page with an evidence table cites each study many times (the evidence page
  cites 75 studies about 370 times), and every citation carried the whole
  reference as its hover title: 94 kB of the page's 273 kB. On such a page only
  the first citation of each study keeps its title (:func:`first_titles_only`);
  every citation still links to the reference list.
"""
from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from built_pages import rewrite_pages, site_pages
from itband.course import evidence as E

logger = logging.getLogger(__name__)

_TOPICS = {
    "anatomy": "Anatomy and tissue mechanics",
    "mechanism": "Why it hurts: mechanism, gait and loads",
    "hip": "The hip, exercises and clinical tests",
    "treatment": "Treatment, self-care and the return to running",
    "clinic": "In the clinic: differential diagnosis, tests, imaging and clinic treatments",
    "reasoning": "Clinical reasoning and study design",
}
_STATUS = {"verified": "read in the source", "secondary": "read in a secondary source only",
           "unverified": "**not found in the source: unverified**"}


def fact_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    fact_id, _, part = text.partition(":")
    try:
        rendered = E.render(fact_id.strip(), part.strip() or None)
    except (ValueError, TypeError) as err:
        msg = inliner.reporter.warning(f"{{fact}}`{text}`: {err}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline(rawtext, rendered, classes=["itb-fact"])], []


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def short_design(design: str) -> str:
    """The first clause of a study's design ("randomised trial, 3 arms, ..." -> "randomised trial")."""
    text = " ".join(str(design).split())
    for sep in (" (", ";", ","):
        text = text.split(sep)[0]
    return text.strip()


def _study_line(key: str) -> str:
    s = E.study(key)
    n = f", n = {s.n}" if s.n is not None else ""
    return f"{{cite:t}}`{key}` ({_cell(short_design(s.design))}{n}; CEBM {s.cebm})"


class EvidenceTable(SphinxDirective):
    has_content = False
    option_spec = {"section": lambda arg: directives.choice(arg, ("treatments", "studies", "facts"))}

    def _parse(self, lines: list[str]) -> list[nodes.Node]:
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.env.docname), self.content_offset, container)
        return container.children

    def run(self) -> list[nodes.Node]:
        for path in E.registry_files():
            self.env.note_dependency(str(path))
        section = self.options.get("section", "treatments")
        return self._parse(getattr(self, f"_{section}")())

    def _table(self, title: str, widths: str, header: list[str], rows: list[list[str]]) -> list[str]:
        out = [f"```{{list-table}} {title}", ":header-rows: 1", f":widths: {widths}", ":class: evidence-table", ""]
        for row in [header] + rows:
            cells = [str(c).replace("\n\n", "\n\n    ") for c in row]
            out.append(f"* - {cells[0]}")
            out.extend(f"  - {c}" for c in cells[1:])
        return out + ["```", ""]

    def _treatments(self) -> list[str]:
        reg = E.registry()
        order = {g: i for i, g in enumerate(E.GRADES)}
        rows = []
        for t in sorted(reg.treatments.values(), key=lambda t: (order[t.grade], t.name)):
            studies = "; ".join(_study_line(k) for k in t.studies) or "no study tests it"
            down = ", ".join(t.downgraded_for)
            grade = f"**{t.grade}**" + (f"\n\ndowngraded for {down}" if down else "")
            rows.append([f"**{_cell(t.name)}**", grade, f"{_cell(t.summary)}\n\n*{studies}*"])
        return self._table("Every option the course rates, with its GRADE certainty", "22 20 58",
                           ["Option", "Certainty (GRADE)", "What the studies show (design, n, CEBM level)"], rows)

    def _studies(self) -> list[str]:
        reg = E.registry()
        rows = []
        for s in sorted(reg.studies.values(), key=lambda s: (s.cebm, s.key)):
            n = str(s.n) if s.n is not None else "n/a"
            count = len(reg.facts_of(s.key))
            rows.append([f"{{cite:t}}`{s.key}`", _cell(short_design(s.design)), n,
                         f"{s.cebm} ({s.cebm_question})", str(count)])
        return self._table("Every study the course cites, strongest evidence first", "30 36 8 16 10",
                           ["Study", "Design", "n", "CEBM level (question)", "Facts"], rows)

    def _facts(self) -> list[str]:
        reg = E.registry()
        out: list[str] = []
        # every registry file gets a section: the titled topics first, then any other file by name
        others = sorted({f.topic for f in reg.facts.values()} - set(_TOPICS))
        for topic, title in list(_TOPICS.items()) + [(t, t.replace("_", " ").capitalize()) for t in others]:
            facts = [f for f in reg.facts.values() if f.topic == topic]
            if not facts:
                continue
            rows = []
            for f in facts:
                try:
                    val = f.text()
                except ValueError:
                    val = "finding (no number)"
                note = f" *{_cell(f.note)}*" if f.note else ""
                rows.append([_cell(f.claim), _cell(val), f"{{cite:t}}`{f.source}`",
                             _cell(f.where), _STATUS[f.status] + note])
            out += [f"::::{{admonition}} {title} ({len(facts)} facts)", ":class: dropdown", ""]
            out += self._table(f"{title}: every fact, where it stands and how it was checked", "40 15 15 30",
                               ["Claim", "Value", "Source", "Where, and how checked"],
                               [[r[0], r[1], r[2], f"{r[3]}; {r[4]}"] for r in rows])
            out += ["::::", ""]
        return out


#: A citation as sphinxcontrib-bibtex writes it: a link to the reference list with the whole
#: reference as its title.
_CITATION = re.compile(r'(<a class="reference internal" href="[^"]*references\.html#[^"]*") title="([^"]*)"')
_TABLE_MARK = '<table class="evidence-table'


def first_titles_only(text: str) -> str:
    """``text`` (a built page) with each reference's hover title kept on its first citation only."""
    seen: set[str] = set()

    def one(m: re.Match) -> str:
        if m.group(2) in seen:
            return m.group(1)
        seen.add(m.group(2))
        return m.group(0)

    return _CITATION.sub(one, text)


def _finish(app, exception):
    pages = site_pages(app, exception)
    if pages is not None:
        rewrite_pages(pages, lambda text: first_titles_only(text) if _TABLE_MARK in text else text)


def setup(app):
    app.add_role("fact", fact_role)
    app.add_directive("evidence-table", EvidenceTable)
    # before css_bundle (700) reads the pages' names and after_paint (800) rewrites them
    app.connect("build-finished", _finish, priority=650)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
