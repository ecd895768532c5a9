"""One parser for the MyST directives in lesson markdown (exercises, solutions, admonitions).

Built on markdown-it-py, the parser MyST itself uses, with its colon-fence plugin, so that
```` ```{exercise} ```` and ``:::{exercise}`` fences, nested fences and directive options are
read exactly as the book reads them. Lesson parsing (``tools/lessons.py``), student versions
(``tools/student.py``) and the tests all go through :func:`directives`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

_PARSER = MarkdownIt("commonmark").use(colon_fence_plugin)
_NAME = re.compile(r"^\{([\w-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")


@dataclass(frozen=True)
class Directive:
    """One ``{name} argument`` fence: its options and its body (options removed)."""

    name: str                       #: e.g. ``exercise``, ``solution-start``
    argument: str                   #: the text after the name, e.g. a solution's exercise label
    options: dict = field(default_factory=dict)
    body: str = ""
    lines: tuple[int, int] = (0, 0)  #: first and last line (0-based, end exclusive) in the markdown

    @property
    def label(self) -> str | None:
        """An exercise's ``:label:``, or the exercise a solution answers."""
        return self.options.get("label") or (self.argument.split()[0] if self.argument else None)


def _split_options(content: str) -> tuple[dict, str]:
    options, lines = {}, content.splitlines()
    i = 0
    while i < len(lines):
        m = _OPTION.match(lines[i].strip())
        if not m:
            break
        options[m.group(1)] = m.group(2).strip()
        i += 1
    return options, "\n".join(lines[i:]).strip()


def directives(markdown: str) -> list[Directive]:
    """Every MyST directive fence in ``markdown`` (nested ones included), in order."""
    out = []

    def walk(text: str, offset: int) -> None:
        for tok in _PARSER.parse(text):
            if tok.type not in ("fence", "colon_fence"):
                continue
            m = _NAME.match(tok.info.strip())
            if not m:
                continue
            options, body = _split_options(tok.content)
            start, end = tok.map or (0, 0)
            out.append(Directive(m.group(1), m.group(2).strip(), options, body, (offset + start, offset + end)))
            walk(tok.content, offset + start + 1)

    walk(markdown, 0)
    return out


def named(markdown: str, *names: str) -> list[Directive]:
    """The directives of ``markdown`` whose name is one of ``names``."""
    return [d for d in directives(markdown) if d.name in names]
