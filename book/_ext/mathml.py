"""Sphinx extension: the book's formulas as MathML, written into the pages at build time.

Sphinx's default renderer writes every formula as TeX between ``\\(`` and ``\\)`` and loads
MathJax (about 0.8 MB on a lesson) to typeset it in the browser, so without JavaScript a reader
sees raw TeX. This renderer converts the TeX to MathML when the page is written (with the
``latex2mathml`` package, pinned in requirements-dev.txt); current Chromium, Firefox and Safari lay
MathML Core out natively, with no script, in the page's own text colour (so in dark mode too),
and screen readers read it as mathematics.

* An inline formula (``$...$``) is ``<span class="math"><math display="inline">``; a display
  formula (``$$...$$``, ``{math}``, amsmath environments) is ``<div class="math"><math
  display="block">``, with its equation number and permalink as Sphinx writes them for MathJax
  (``<span class="eqno">(1)<a class="headerlink">``) and its label as the ``div``'s id.
* Every ``<math>`` holds its TeX source as ``<annotation encoding="application/x-tex">`` (not
  shown; copied with the formula and available to assistive technology).
* The converter's output is mended where MathML Core needs it to read like TeX: a function name
  (``\\sin``, ``\\arctan``) is followed by an invisible function application and, unless a
  parenthesis follows, TeX's thin space (and preceded by one after a symbol, as in
  ``a\\sin\\theta``); a relation written as an identifier (``\\Longrightarrow``) becomes an
  operator; a slash is unspaced, as TeX sets it (``3.0/3.6``), and so are the outer sides of a
  formula's leading or trailing operator (``= 1.63 \\times`` inside a sentence).
* A formula the converter cannot render faithfully (an unknown command, a stray ``&``, an
  empty operator) is a Sphinx warning of type ``mathml.fallback`` (fatal under ``-W``) naming
  the page and the formula; that formula is then written for MathJax and only that page loads
  MathJax (from wherever ``mathjax_path`` points), so it still renders with JavaScript.
* ``mathml.css`` (``book/_ext/static``) is added to the pages with formulas: a display formula
  wider than a phone scrolls inside its box instead of widening the page.

Select it with ``html_math_renderer: mathml`` (``_config.yml``, ``sphinx.config``).
``tests/test_mathml.py`` checks that every formula of the course converts;
``tests/test_browser_math.py`` checks the pages with JavaScript off and on.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

RENDERER = "mathml"
DISPLAYS = ("inline", "block")
CSS_FILE = "mathml.css"
#: The class that marks a formula written for MathJax because it could not be converted.
FALLBACK_CLASS = "itb-tex"
TEX_ENCODING = "application/x-tex"
#: Characters that open a fence: no thin space between a function name and them (``\\sin(x)``).
_OPENERS = {"(", "[", "{", "|", "\u2016", "\u27e8"}
_CLOSERS = {")", "]", "}", "|", "\u2016", "\u27e9"}
#: Elements that are an ordinary atom in TeX's spacing rules (a thin space after ``\\sin`` before them).
_ORDINARY = {"mi", "mn", "mtext", "mfrac", "msqrt", "mroot", "msub", "msup", "msubsup", "mstyle", "mrow"}
_FUNCTION_APPLICATION = "\u2061"
#: Characters TeX sets as ordinary symbols (``3.0/3.6``, no space) that MathML Core's operator
#: dictionary would space as binary operators.
_ORDINARY_OPERATORS = {"/"}
#: Elements whose children are positional (base, script, numerator...): nothing is inserted among them.
_POSITIONAL = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mfrac", "mroot", "mmultiscripts"}
THIN_SPACE = "0.167em"


#: TeX the converter accepts but renders wrongly without a trace in its output: (pattern, advice).
_UNFAITHFUL = [
    (re.compile(r"\\mathrm\{\s*[A-Za-z]\s*\}"),
     "a one-letter \\mathrm{...}, which the converter sets in italic: write \\text{...}"),
]


class TexError(ValueError):
    """A TeX formula that cannot be converted to MathML faithfully (the message says why)."""


def _text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def _check(root: ET.Element, tex: str) -> None:
    """Raise :class:`TexError` where latex2mathml silently wrote something other than the TeX's meaning."""
    for el in root.iter():
        text = (el.text or "").strip()
        if re.match(r"\\[A-Za-z]", text):  # ``\foo`` kept as text; a lone ``\`` is \backslash
            raise TexError(f"unsupported TeX command {text} in {tex!r}")
        if el.tag == "mi" and text == "&":
            raise TexError(f"an alignment '&' outside an environment the converter lays out as a table "
                           f"(use split or align, not aligned) in {tex!r}")
        if el.tag == "mo" and not text and not len(el):
            raise TexError(f"a construction the converter does not support (it wrote an empty operator; "
                           f"\\operatorname is one) in {tex!r}")
        if el.tag == "merror":
            raise TexError(f"the converter reported an error ({_text_of(el)}) in {tex!r}")


def _is_function_name(el: ET.Element) -> bool:
    """``<mi>sin</mi>``: latex2mathml's form of ``\\sin``, ``\\cos``, ``\\arctan``... (a multi-letter identifier)."""
    if el.tag in ("msub", "msup", "msubsup") and len(el):
        return _is_function_name(el[0])
    return el.tag == "mi" and len(el.text or "") > 1 and (el.text or "").isalpha()


def _opens_fence(el: ET.Element) -> bool:
    if el.tag == "mo":
        return (el.text or "").strip() in _OPENERS
    if el.tag == "mrow" and len(el):
        return _opens_fence(el[0])
    return False


def _unescape(root: ET.Element) -> None:
    """latex2mathml writes characters as entity text (``&#x003B8;``), which the serializer would escape again."""
    for el in root.iter():
        if el.text:
            el.text = html.unescape(el.text)
        if el.tail:
            el.tail = html.unescape(el.tail)


def _closes_fence(el: ET.Element) -> bool:
    return el.tag == "mo" and (el.text or "").strip() in _CLOSERS


def _mend(root: ET.Element) -> None:
    """What MathML Core needs to space the converter's output as TeX does (the module docstring lists it)."""
    for el in root.iter("mi"):
        text = el.text or ""
        if len(text) == 1 and unicodedata.category(text) == "Sm":
            el.tag = "mo"
    for el in root.iter("mo"):
        if (el.text or "") in _ORDINARY_OPERATORS and "lspace" not in el.attrib:
            el.set("lspace", "0em")
            el.set("rspace", "0em")
    # TeX spaces an operator only between two atoms: none before a leading "=" (``$= 1.63 \\times$``
    # continues a sentence), none after a trailing one; MathML Core would give both sides space.
    row = root[0] if len(root) == 1 and root[0].tag == "mrow" else root
    if len(row) and row[0].tag == "mo" and "lspace" not in row[0].attrib:
        row[0].set("lspace", "0em")
    if len(row) and row[-1].tag == "mo" and "rspace" not in row[-1].attrib:
        row[-1].set("rspace", "0em")
    for parent in list(root.iter()):
        if parent.tag in _POSITIONAL:
            continue
        children = list(parent)
        for i in range(len(children) - 1, -1, -1):
            child = children[i]
            if not _is_function_name(child):
                continue
            following = children[i + 1] if i + 1 < len(children) else None
            at = i + 1
            apply = ET.Element("mo")
            apply.text = _FUNCTION_APPLICATION
            parent.insert(at, apply)
            if following is not None and following.tag in _ORDINARY and not _opens_fence(following):
                parent.insert(at + 1, ET.Element("mspace", width=THIN_SPACE))
            before = children[i - 1] if i > 0 else None
            if before is not None and (before.tag in _ORDINARY or _closes_fence(before)):
                parent.insert(i, ET.Element("mspace", width=THIN_SPACE))  # TeX: a thin space in ``a\sin``


def tex_to_mathml(tex: str, display: str = "inline") -> str:
    """One TeX formula (without its ``$`` delimiters) as a ``<math>`` element, in HTML text.

    ``display`` is ``"inline"`` (in a line of text) or ``"block"`` (a displayed formula). The
    result holds the TeX source as an ``application/x-tex`` annotation. Raises ``TypeError``
    for a ``tex`` that is not a string, ``ValueError`` for an empty one or an unknown
    ``display``, and :class:`TexError` (a ``ValueError``) for TeX the converter cannot render.
    """
    from latex2mathml.converter import convert_to_element

    if not isinstance(tex, str):
        raise TypeError(f"tex must be a str, got {type(tex).__name__}")
    if display not in DISPLAYS:
        raise ValueError(f"display={display!r} is not one of the allowed values: {', '.join(map(repr, DISPLAYS))}")
    source = tex.strip()
    if not source:
        raise ValueError(f"tex={tex!r} is empty: a formula needs at least one symbol")
    for pattern, advice in _UNFAITHFUL:
        if pattern.search(source):
            raise TexError(f"{advice} in {source!r}")
    try:
        root = convert_to_element(source, display=display)
    except Exception as exc:  # latex2mathml raises its own exceptions, IndexError and others
        detail = str(exc) or "the formula ends before a command's arguments are complete"
        raise TexError(f"cannot convert {source!r}: {type(exc).__name__}: {detail}") from exc
    _unescape(root)
    _check(root, source)
    _mend(root)
    root.attrib.pop("xmlns", None)  # the HTML parser puts <math> in the MathML namespace by itself
    children = list(root)
    for child in children:
        root.remove(child)
    semantics = ET.SubElement(root, "semantics")
    if len(children) == 1 and children[0].tag == "mrow":
        semantics.append(children[0])
    else:
        ET.SubElement(semantics, "mrow").extend(children)
    annotation = ET.SubElement(semantics, "annotation", encoding=TEX_ENCODING)
    annotation.text = source
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def display_parts(tex: str) -> list[str]:
    """A display block's formulas: Sphinx's rule, one formula per paragraph (blank-line separated);
    a formula with a ``\\\\`` line break becomes a ``split`` so its lines align."""
    parts = [p.strip() for p in tex.split("\n\n") if p.strip()]
    return [rf"\begin{{split}}{p}\end{{split}}" if "\\\\" in p and r"\begin" not in p else p for p in parts]


# ----------------------------------------------------------------------------- the HTML writer

def _fallback(self, node, exc: TexError) -> None:
    logger.warning(f"mathml: {exc}; this formula is left to MathJax, which the page now loads",
                   location=node, type="mathml", subtype="fallback")


def html_visit_math(self, node: nodes.math) -> None:
    tex = node.astext()
    try:
        markup = tex_to_mathml(tex, "inline")
        cls = "math notranslate nohighlight"
    except (TexError, ValueError) as exc:
        _fallback(self, node, exc)
        markup, cls = r"\(" + self.encode(tex) + r"\)", f"math notranslate nohighlight {FALLBACK_CLASS}"
    self.body.append(self.starttag(node, "span", "", CLASS=cls))
    self.body.append(markup + "</span>")
    raise nodes.SkipNode


def html_visit_displaymath(self, node: nodes.math_block) -> None:
    tex = node.astext()
    try:
        parts = [tex_to_mathml(p, "block") for p in ([tex.strip()] if node.get("nowrap") else display_parts(tex))]
        cls = "math notranslate nohighlight"
    except (TexError, ValueError) as exc:
        _fallback(self, node, exc)
        parts, cls = None, f"math notranslate nohighlight {FALLBACK_CLASS}"
    self.body.append(self.starttag(node, "div", CLASS=cls))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    if parts is None:
        self.body.append(r"\[" + self.encode(tex) + r"\]")
    else:
        self.body.append("".join(parts))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _page_assets(app, pagename, templatename, context, doctree):
    """mathml.css on pages with a formula; MathJax only on a page with a formula left to it."""
    body = context.get("body") or ""
    if "<math " in body:
        app.builder.add_css_file(CSS_FILE)
    if FALLBACK_CLASS not in body:
        return
    config = app.config
    if config.mathjax3_config:
        app.builder.add_js_file("", body="window.MathJax = " + json.dumps(config.mathjax3_config))
    app.builder.add_js_file(config.mathjax_path, defer="defer")


def _add_static(app):
    static = str(Path(__file__).with_name("static"))
    if static not in map(str, app.config.html_static_path):
        app.config.html_static_path.append(static)


def setup(app):
    app.add_html_math_renderer(RENDERER, (html_visit_math, None), (html_visit_displaymath, None))
    app.connect("builder-inited", _add_static)
    # before offline_assets (900), which drops MathJax from pages without formulas
    app.connect("html-page-context", _page_assets, priority=850)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["TexError", "tex_to_mathml", "display_parts", "RENDERER", "FALLBACK_CLASS"]
