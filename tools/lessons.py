"""What each lesson notebook contains, read from the notebook itself.

The instructor guide (``book/instructor-guide.md``), the student versions and
the tests all read lessons through this module, so a lesson's objectives,
prerequisites and time are written once: in the lesson's markdown cell of the
form (see ``CONTRIBUTING.md``)::

    ## Learning objectives
    By the end of this lesson you can:
    - **Explain** ...
    - **Calculate** ...

    **Prerequisites:** Lesson 1 (anatomy), or none.
    **Estimated time:** 40 minutes

>>> lesson = read_lesson("notebooks/01_anatomy.ipynb")      # doctest: +SKIP
>>> lesson.minutes, lesson.objectives[0]                    # doctest: +SKIP
(40, '**Explain** ...')

A malformed objectives cell raises ``ValueError`` naming the notebook and what
is wrong, so a lesson cannot silently drop out of the guide.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tools import myst

#: The course root (the folder holding ``_config.yml``).
ROOT = Path(__file__).resolve().parent.parent
#: Lesson notebooks are ``notebooks/NN_topic.ipynb``.
LESSON_GLOB = "[0-9][0-9]_*.ipynb"
#: Cell tag that marks a solution cell (removed from student versions).
SOLUTION_TAG = "solution"

_OBJECTIVES_HEADING = re.compile(r"^##\s+Learning objectives\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*\S)\s*$")
_PREREQ = re.compile(r"^\*\*Prerequisites:?\*\*:?\s*(.*?)[\s\\]*$", re.IGNORECASE)
_TIME = re.compile(r"^\*\*Estimated time:?\*\*:?\s*(.*?)[\s\\]*$", re.IGNORECASE)
_MINUTES = re.compile(r"^(?:about\s+|~\s*)?(\d+)\s*(?:minutes|mins?)\.?$", re.IGNORECASE)
_LESSON_REF = re.compile(r"\bLessons?\s+(\d+(?:\s*(?:,|and|&)\s*\d+)*)", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")
_EXPLORER_OPTIONS = {"alt", "caption", "name"}


@dataclass(frozen=True)
class ExplorerUse:
    """One ``explore(...)`` call in a lesson."""

    function: str                 #: the drawing function, e.g. ``draw_knee``
    controls: tuple[str, ...]     #: its parameters, e.g. ``('knee_flexion_deg',)``
    caption: str | None = None    #: the ``caption=`` text when it is a literal
    section: str | None = None    #: the heading of the section it sits in

    def describe(self) -> str:
        """One line for the instructor guide."""
        what = self.section or self.caption or self.function
        controls = ", ".join(control_label(c) for c in self.controls)
        return f"{what} (controls: {controls})" if controls else what


_UNIT_SUFFIX = re.compile(r"_(deg|pct|percent|kg|n|nm|m|cm|mm|km|min|s|h|spm|bw|kmh|mps|week|weeks|per_week)$")


def control_label(name: str) -> str:
    """A parameter name as a reader says it: ``knee_flexion_deg`` -> ``knee flexion``."""
    return _UNIT_SUFFIX.sub("", name).replace("_", " ").strip() or name


@dataclass(frozen=True)
class Lesson:
    """The front matter and interactive parts of one lesson notebook."""

    path: Path
    name: str                           #: notebook stem, e.g. ``01_anatomy``
    number: int                         #: from the file name
    title: str                          #: the ``# Title`` heading
    objectives: tuple[str, ...]         #: markdown text of each bullet
    prerequisites: str                  #: as written after **Prerequisites:**
    prerequisite_lessons: tuple[int, ...]  #: lesson numbers named there
    minutes: int                        #: estimated time
    explorers: tuple[ExplorerUse, ...] = ()
    quizzes: tuple[str, ...] = ()       #: quiz bank names shown
    exercises: tuple[str, ...] = ()     #: exercise labels
    terms: tuple[str, ...] = field(default=())  #: glossary targets linked with {term}

    @property
    def docname(self) -> str:
        """The Sphinx document name, e.g. ``notebooks/01_anatomy``."""
        try:
            rel = self.path.resolve().relative_to(ROOT)
        except ValueError:
            rel = Path("notebooks") / self.path.name
        return rel.with_suffix("").as_posix()


# --------------------------------------------------------------------------- reading

def load_notebook(path: str | Path) -> dict:
    """The notebook as a JSON dict (no kernel, no validation beyond JSON)."""
    path = Path(path)
    if path.suffix != ".ipynb":
        raise ValueError(f"path={str(path)!r} is not a notebook (.ipynb)")
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"path={str(path)!r} does not exist") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"{path.name}: not valid notebook JSON ({err})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError(f"{path.name}: not a notebook (no list of cells)")
    return nb


def cell_source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def cell_tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_solution_cell(cell: dict) -> bool:
    return SOLUTION_TAG in cell_tags(cell)


def lesson_paths(root: str | Path | None = None) -> list[Path]:
    """Every lesson notebook ``notebooks/NN_*.ipynb`` under ``root``, in lesson order."""
    root = Path(root) if root is not None else ROOT
    return sorted((root / "notebooks").glob(LESSON_GLOB))


def read_lessons(root: str | Path | None = None) -> list[Lesson]:
    """:func:`read_lesson` of every lesson notebook, in order."""
    return [read_lesson(p) for p in lesson_paths(root)]


def read_lesson(path: str | Path) -> Lesson:
    """Read a lesson's title, objectives, prerequisites, time, explorers and quizzes.

    Raises ``ValueError`` naming the notebook when the file name is not
    ``NN_topic.ipynb``, there is no ``# Title``, or the "## Learning objectives"
    cell is missing, repeated or malformed.
    """
    path = Path(path)
    nb = load_notebook(path)
    name = path.stem
    m = re.match(r"^(\d{2})_\w+$", name)
    if not m:
        raise ValueError(f"{path.name}: a lesson notebook must be named NN_topic.ipynb")
    number = int(m.group(1))

    cells = nb["cells"]
    md_cells = [(i, cell_source(c)) for i, c in enumerate(cells) if c.get("cell_type") == "markdown"]
    obj_cells = [(i, s) for i, s in md_cells if _first_line(s) and _OBJECTIVES_HEADING.match(_first_line(s))]
    if not obj_cells:
        raise ValueError(f"{path.name}: no markdown cell starting with '## Learning objectives' "
                         "(see CONTRIBUTING.md for its form)")
    if len(obj_cells) > 1:
        raise ValueError(f"{path.name}: {len(obj_cells)} '## Learning objectives' cells "
                         f"(cells {[i for i, _ in obj_cells]}); there must be exactly one")
    obj_index, obj_src = obj_cells[0]
    objectives, prerequisites, minutes = _parse_objectives(obj_src, path.name)

    title = None
    for i, src in md_cells:
        if i > obj_index:
            break
        for line in src.splitlines():
            hm = _HEADING.match(line)
            if hm and len(hm.group(1)) == 1:
                title = hm.group(2).strip()
                break
        if title:
            break
    if not title:
        raise ValueError(f"{path.name}: no '# Title' heading before the learning objectives")

    prereq_lessons = tuple(sorted({int(n) for g in _LESSON_REF.findall(prerequisites)
                                   for n in re.findall(r"\d+", g)}))
    explorers, quizzes = _interactive_parts(cells)
    markdown = "\n".join(s for _, s in md_cells)
    exercises = tuple(_exercise_labels(markdown))
    terms = tuple(term_target(t) for t in _TERM_ROLE.findall(markdown))
    return Lesson(path=path, name=name, number=number, title=title, objectives=tuple(objectives),
                  prerequisites=prerequisites, prerequisite_lessons=prereq_lessons, minutes=minutes,
                  explorers=tuple(explorers), quizzes=tuple(quizzes), exercises=exercises,
                  terms=tuple(dict.fromkeys(terms)))


def _first_line(src: str) -> str:
    for line in src.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _parse_objectives(src: str, where: str) -> tuple[list[str], str, int]:
    lines = src.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    lines = lines[1:]  # the heading
    objectives: list[str] = []
    prerequisites = minutes_text = None
    in_list = False
    for line in lines:
        if not line.strip():
            in_list = False if objectives else in_list
            continue
        bm = _BULLET.match(line)
        if bm and prerequisites is None and minutes_text is None:
            objectives.append(bm.group(1).strip())
            in_list = True
            continue
        pm, tm = _PREREQ.match(line.strip()), _TIME.match(line.strip())
        if pm:
            if prerequisites is not None:
                raise ValueError(f"{where}: learning objectives cell has two '**Prerequisites:**' lines")
            prerequisites = pm.group(1).strip()
        elif tm:
            if minutes_text is not None:
                raise ValueError(f"{where}: learning objectives cell has two '**Estimated time:**' lines")
            minutes_text = tm.group(1).strip()
        elif in_list and line[:1].isspace():
            objectives[-1] += " " + line.strip()  # continuation of a bullet
    if not objectives:
        raise ValueError(f"{where}: the learning objectives cell lists no objectives "
                         "(expected '- **Verb** ...' bullets)")
    if not prerequisites:
        raise ValueError(f"{where}: the learning objectives cell has no '**Prerequisites:** ...' line "
                         "(write 'none' when there are none)")
    if minutes_text is None:
        raise ValueError(f"{where}: the learning objectives cell has no '**Estimated time:** N minutes' line")
    mm = _MINUTES.match(minutes_text)
    if not mm:
        raise ValueError(f"{where}: estimated time {minutes_text!r} is not of the form 'N minutes'")
    minutes = int(mm.group(1))
    if not 1 <= minutes <= 600:
        raise ValueError(f"{where}: estimated time {minutes} minutes is outside 1 to 600 minutes")
    return objectives, prerequisites.rstrip(), minutes


# ----------------------------------------------------------------------- code cells

def _python_only(src: str) -> str:
    """Drop IPython magics and shell lines so the cell parses as Python."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in src.splitlines())


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Lambda):
        return "lambda"
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "(...)"
    return type(node).__name__


def _interactive_parts(cells: list[dict]) -> tuple[list[ExplorerUse], list[str]]:
    explorers: list[ExplorerUse] = []
    quizzes: list[str] = []
    section = None
    for cell in cells:
        src = cell_source(cell)
        if cell.get("cell_type") == "markdown":
            for line in src.splitlines():
                hm = _HEADING.match(line)
                if hm and len(hm.group(1)) >= 2:
                    section = _plain(hm.group(2))
            continue
        if cell.get("cell_type") != "code" or is_solution_cell(cell):
            continue
        try:
            tree = ast.parse(_python_only(src))
        except SyntaxError:
            for fn in re.findall(r"\bexplore\(\s*([\w.]+)", src):
                explorers.append(ExplorerUse(fn.split(".")[-1], (), None, section))
            quizzes += re.findall(r"\bquiz\.show\(\s*[\"']([^\"']+)", src)
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = _dotted(node.func)
            if func == "explore" or func.endswith(".explore"):
                fn = _dotted(node.args[0]).split(".")[-1] if node.args else "?"
                controls = tuple(k.arg if k.arg else "**" + _dotted(k.value)
                                 for k in node.keywords if k.arg not in _EXPLORER_OPTIONS)
                caption = next((k.value.value for k in node.keywords if k.arg == "caption"
                                and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)),
                               None)
                explorers.append(ExplorerUse(fn, controls, caption, section))
            elif func == "quiz.show" or func.endswith(".quiz.show"):
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    quizzes.append(node.args[0].value)
                else:
                    quizzes.append("?")
    return explorers, list(dict.fromkeys(quizzes))


def _plain(text: str) -> str:
    """Heading text without markdown emphasis, code ticks or roles."""
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def _exercise_labels(markdown: str) -> list[str]:
    return [d.options["label"] for d in myst.named(markdown, "exercise", "exercise-start")
            if "label" in d.options]


# ------------------------------------------------------------------------- glossary

def term_target(role_text: str) -> str:
    """The glossary entry a ``{term}`` role points at: ``text <Target>`` or ``text``."""
    m = re.match(r"^(.*?)\s*<([^<>]+)>\s*$", role_text, re.DOTALL)
    target = m.group(2) if m else role_text
    return " ".join(target.split())


def glossary_terms(path: str | Path | None = None) -> dict[str, str]:
    """Terms defined in the glossary block of ``book/glossary.md``, keyed by lower case.

    Sphinx matches ``{term}`` targets case-insensitively, so the keys are lower
    case and the values the terms as written.
    """
    path = Path(path) if path is not None else ROOT / "book" / "glossary.md"
    text = path.read_text(encoding="utf-8")
    terms: dict[str, str] = {}
    for block in re.finditer(r"^(?P<fence>`{3,}|:{3,})\{glossary\}[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$",
                             text, re.MULTILINE | re.DOTALL):
        for line in block.group("body").splitlines():
            if not line.strip() or line[0].isspace() or re.match(r"^:\w+:", line):
                continue
            term = line.split(" : ")[0].strip()  # "term : classifier"
            terms[" ".join(term.split()).lower()] = term
    if not terms:
        raise ValueError(f"{path.name}: no glossary block with terms")
    return terms


def undefined_terms(lesson: Lesson, glossary: dict[str, str]) -> list[str]:
    """``{term}`` targets used in ``lesson`` that the glossary does not define."""
    return [t for t in lesson.terms if t.lower() not in glossary]


def unlinked_first_uses(lesson_path: str | Path, glossary: dict[str, str]) -> list[str]:
    """Glossary terms whose first mention in a lesson's prose is not a ``{term}`` link.

    Conservative, to avoid false alarms: a term counts only when it is written
    exactly as in the glossary (whole words, any case), outside code, math,
    headings, directive options, solution cells and the learning objectives
    (a link there counts, a plain mention does not); a term
    linked anywhere before or at that point is fine, and terms that end in a
    parenthesised qualifier ("Abduction (hip)") are matched without it only if
    the qualifier word is adjacent. Returns the terms as written in the glossary.
    """
    nb = load_notebook(lesson_path)
    chunks = []
    for cell in nb["cells"]:
        if cell.get("cell_type") != "markdown" or is_solution_cell(cell):
            continue
        src = cell_source(cell)
        if _OBJECTIVES_HEADING.match(_first_line(src) or "-"):
            # the objectives summarise the lesson: a link there counts, a plain mention does not
            src = re.sub(r"[^\n]", " ", _blank_roles(src)) + "".join(
                m.group(0) for m in _TERM_ROLE.finditer(src))
        chunks.append(src)
    text = "\n\n".join(chunks)
    flagged = []
    for key, term in glossary.items():
        base = re.sub(r"\s*\(.*\)\s*$", "", key)
        qual = re.search(r"\((.*)\)\s*$", key)
        words = re.escape(base).replace(r"\ ", r"\s+")
        if qual:
            q = re.escape(qual.group(1).strip())
            word_re = rf"(?:{q}\s+{words}|{words}\s+(?:of\s+the\s+)?{q})"
        else:
            word_re = words
        first_plain = None
        for m in re.finditer(rf"(?<![\w-]){word_re}(?![\w-])", _blank_roles(text), re.IGNORECASE):
            first_plain = m.start()
            break
        if first_plain is None:
            continue
        linked_before = any(term_target(r.group(1)).lower() == key and r.start() <= first_plain
                            for r in _TERM_ROLE.finditer(text))
        if not linked_before:
            flagged.append(term)
    return flagged


def _blank_roles(text: str) -> str:
    """Same-length view of markdown ``text`` keeping only prose: code, math, headings,
    directive fences and options, link targets and every role (with its content) are blanked,
    so that match offsets in the view are offsets in ``text``."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    def fenced(m: re.Match) -> str:
        info = m.group("info").strip()
        if info.startswith("{") and not re.match(r"\{(code|code-block|code-cell|math)\}", info):
            # a MyST directive: keep its body (prose), blank the fences
            body = m.group("body")
            return blank_text(m.group("open")) + body + blank_text(m.group("close"))
        return blank(m)

    def blank_text(s: str) -> str:
        return re.sub(r"[^\n]", " ", s)

    text = re.sub(r"^(?P<open>(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n)(?P<body>.*?)(?P<close>^(?P=fence)[ \t]*$)",
                  fenced, text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"^\s*:[\w-]+:.*$", blank, text, flags=re.MULTILINE)      # directive options
    text = re.sub(r"^:{3,}.*$", blank, text, flags=re.MULTILINE)              # colon fences
    text = re.sub(r"^\(.*\)=\s*$", blank, text, flags=re.MULTILINE)         # targets
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", blank, text, flags=re.DOTALL)  # math
    text = re.sub(r"^\s*#{1,6}\s.*$", blank, text, flags=re.MULTILINE)       # headings
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", blank, text)                        # roles
    text = re.sub(r"`[^`\n]*`", blank, text)                                 # inline code
    text = re.sub(r"\]\([^)]*\)", blank, text)                               # link targets
    return text
