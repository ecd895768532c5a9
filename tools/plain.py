"""Lesson markdown made plain Jupyter Markdown, for student notebooks read in JupyterLab.

JupyterLab renders CommonMark with ``$maths$``, not MyST: a lesson's roles and directive fences
would show as raw text there. :func:`plain_notebook` rewrites every markdown cell:

- ``{footcite:p}`a,b``` -> "(Author 2006; Author and Other 2010)", ``{footcite:t}`a``` ->
  "Author et al. (2006)", from ``book/references.bib``; ``{footbibliography}`` -> a list of every
  work the lesson cites, author-year, with title, journal and DOI;
- ``{term}`text <target>``` and ``{doc}`text <path>``` -> their text (``{doc}`path``` -> the page's
  first heading or its file name);
- ``{fact}`id``` (and ``:part``) -> the registered value, by :func:`itband.course.evidence.expand`;
- ``{exercise}`` / ``{exercise-start}`` -> a "### Exercise N" heading and the statement,
  ``{exercise-end}`` dropped; solution blocks dropped (student versions have none left);
- admonitions (``{admonition} Title``, ``{important}``, ``{note}``, ``{tip}``, ``{warning}``)
  -> a blockquote headed by their title in bold.

Anything else in ``{name}`` role or fence form is an error naming the notebook and cell, so a
new MyST construct in a lesson cannot slip into the student version unconverted.
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path

from tools import lessons as L
from tools import myst

BIB = L.ROOT / "book" / "references.bib"
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_ADMONITIONS = {"admonition", "important", "note", "tip", "warning", "caution", "attention", "hint",
                "seealso", "danger", "error"}
_DROP = {"solution", "solution-start", "solution-end", "exercise-end"}


class PlainError(ValueError):
    pass


@lru_cache(maxsize=None)
def _bibliography(path: str = str(BIB)) -> dict:
    from pybtex.database import parse_file

    return parse_file(path, bib_format="bibtex").entries


def _last_names(entry) -> list[str]:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    return [" ".join(p.prelast_names + p.last_names).replace("{", "").replace("}", "") for p in people]


def _tex(text: str) -> str:
    return re.sub(r"\\([&%$#_])", r"\1", text.replace("{", "").replace("}", "").replace("--", "–"))


def author_year(key: str, where: str = "") -> tuple[str, str]:
    """("Fairclough et al.", "2006") for BibTeX key ``key``."""
    entries = _bibliography()
    if key not in entries:
        raise PlainError(f"{where}: citation key {key!r} is not in {BIB.name}")
    entry = entries[key]
    names = _last_names(entry)
    if not names:
        who = _tex(entry.fields.get("organization", entry.fields.get("title", key)))
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return _tex(who), entry.fields.get("year", "n.d.")


def reference(key: str) -> str:
    """One entry of a reference list: authors (year). Title. Journal volume(number), pages. DOI."""
    entry = _bibliography()[key]
    names = _last_names(entry)
    who = ", ".join(names[:6]) + (" et al." if len(names) > 6 else "") if names else ""
    f = {k: _tex(v) for k, v in entry.fields.items()}
    title = f.get("title", key).rstrip(".")
    text = f"{who} ({f.get('year', 'n.d.')}). {title}{'' if title.endswith(('?', '!')) else '.'}"
    venue = f.get("journal") or f.get("booktitle") or f.get("publisher") or f.get("howpublished", "")
    if venue:
        text += f" *{venue}*"
        if f.get("volume"):
            text += f" {f['volume']}" + (f"({f['number']})" if f.get("number") else "")
        if f.get("pages"):
            text += f", {f['pages']}"
        text += "."
    if f.get("doi"):
        text += f" <https://doi.org/{f['doi']}>"
    elif f.get("url"):
        text += f" <{f['url']}>"
    return text.strip()


def _keys(body: str) -> list[str]:
    return [k.strip() for k in body.split(",") if k.strip()]


def _doc_title(target: str) -> str:
    """The first heading of the book page ``target`` (a path without suffix), or its file name."""
    rel = target.strip().lstrip("/")
    md, nb = (L.ROOT / rel).with_suffix(".md"), (L.ROOT / rel).with_suffix(".ipynb")
    texts = [md.read_text("utf-8")] if md.exists() else []
    if nb.exists():
        texts += [L.cell_source(c) for c in L.load_notebook(nb)["cells"] if c.get("cell_type") == "markdown"]
    for text in texts:
        m = re.search(r"^#\s+(.+?)\s*$", text, re.M)
        if m:
            return m.group(1)
    return Path(rel).name.replace("_", " ")


def plain_roles(text: str, where: str, cited: list[str]) -> str:
    """Every role of ``text`` made plain; the keys cited are appended to ``cited``."""
    from itband.course import evidence

    text = evidence.expand(text)

    def role(m: re.Match) -> str:
        name, body = m.group(1), m.group(2)
        if name in ("footcite:p", "footcite", "cite:p", "cite", "footcite:ps", "cite:ps"):
            keys = _keys(body)
            cited.extend(keys)
            return "(" + "; ".join(" ".join(author_year(k, where)) for k in keys) + ")"
        if name in ("footcite:t", "cite:t", "footcite:ts", "cite:ts"):
            keys = _keys(body)
            cited.extend(keys)
            return "; ".join("{} ({})".format(*author_year(k, where)) for k in keys)
        if name in ("term", "doc", "ref", "numref"):
            m2 = re.match(r"^(.*?)\s*<([^>]*)>$", body, re.S)
            if m2:
                return m2.group(1)
            return _doc_title(body) if name == "doc" else body
        raise PlainError(f"{where}: the role {{{name}}} has no plain form (tools/plain.py)")

    return _ROLE.sub(role, text)


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines())


class _Lesson:
    def __init__(self, where: str):
        self.where = where
        self.exercises = 0
        self.cited: list[str] = []

    def cell(self, src: str, i: int) -> str:
        return self._markdown(src, f"{self.where}: cell {i}")

    def _markdown(self, src: str, where: str) -> str:
        found = myst.directives(src)
        top = [d for d in found if not any(o is not d and o.lines[0] < d.lines[0] and d.lines[1] <= o.lines[1]
                                           for o in found)]
        lines = src.splitlines()
        for d in sorted(top, key=lambda d: d.lines[0], reverse=True):
            start, end = d.lines
            lines[start:end] = self._directive(d, where).splitlines() or []
        out = "\n".join(lines)
        out = plain_roles(out, where, self.cited)
        return re.sub(r"\n{3,}", "\n\n", out).strip()

    def _directive(self, d: myst.Directive, where: str) -> str:
        if d.name in _DROP:
            return ""
        if d.name in ("exercise", "exercise-start"):
            self.exercises += 1
            title = f"### Exercise {self.exercises}" + (f": {d.argument}" if d.argument else "")
            body = self._markdown(d.body, where) if d.body else ""
            return f"\n{title}\n\n{body}\n" if body else f"\n{title}\n\n"
        if d.name in _ADMONITIONS:
            # {admonition} takes a title; the others are titled by their name, and MyST reads
            # any text after the name as the first line of their content
            title = d.argument if d.name == "admonition" else d.name.capitalize()
            content = d.body if d.name == "admonition" or not d.argument else f"{d.argument}\n{d.body}"
            body = self._markdown(content, where)
            return "\n" + _quote(f"**{plain_roles(title, where, self.cited)}**\n\n{body}") + "\n"
        if d.name in ("footbibliography", "bibliography"):
            return "\n{{REFERENCES}}\n"
        raise PlainError(f"{where}: the directive {{{d.name}}} has no plain form (tools/plain.py)")

    def references(self) -> str:
        keys = sorted(dict.fromkeys(self.cited), key=lambda k: (author_year(k)[0].lower(), author_year(k)[1]))
        if not keys:
            return "*This lesson cites no sources.*"
        return "\n".join(f"- {reference(k)}" for k in keys)


def plain_notebook(nb: dict, where: str = "notebook") -> dict:
    """A copy of ``nb`` whose markdown cells are plain Jupyter Markdown (see the module docstring)."""
    out = copy.deepcopy(nb)
    lesson = _Lesson(where)
    cells = [c for c in out["cells"] if c.get("cell_type") == "markdown"]
    for i, cell in enumerate(out["cells"]):
        if cell.get("cell_type") == "markdown":
            cell["source"] = lesson.cell(L.cell_source(cell), i)
    refs = lesson.references()
    placed = False
    for cell in cells:
        if "{{REFERENCES}}" in cell["source"]:
            cell["source"] = cell["source"].replace("{{REFERENCES}}", refs)
            placed = True
    if not placed and lesson.cited:
        import nbformat

        out["cells"].append(dict(nbformat.v4.new_markdown_cell("## References\n\n" + refs)))
    return out


def leftover_myst(markdown: str) -> list[str]:
    """MyST constructs left in ``markdown`` (roles, directive fences, directive options)."""
    found = [m.group(0) for m in _ROLE.finditer(markdown)]
    found += re.findall(r"^\s*(?:```+|:::+)\s*\{[\w-]+\}.*$", markdown, re.M)
    found += re.findall(r"^\s*:(?:class|label|name|nonumber):.*$", markdown, re.M)
    return found
