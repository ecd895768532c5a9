"""The book's MathML renderer (book/_ext/mathml.py): every formula of the course converts, the
markup is what MathML Core and assistive technology need, bad TeX fails clearly, and a small
Sphinx project built with the renderer numbers its equations and loads MathJax only for a
formula it cannot convert."""
from __future__ import annotations

import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

from tools.lessons import cell_source, load_notebook
from tools.myst import directives

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import mathml  # noqa: E402  (book/_ext is not a package)

# The parser MyST uses, with the book's math extensions (dollarmath with MyST's defaults, amsmath).
_PARSER = (MarkdownIt("commonmark").use(colon_fence_plugin).use(amsmath_plugin)
           .use(dollarmath_plugin, allow_labels=True, allow_space=True, allow_digits=True, double_inline=False))
_MATH_ROLE = re.compile(r"\{(?:math|eq)\}`([^`]+)`")
_TEX_IN_DATA = re.compile(r"\$[^$\s][^$]*\$|\\\(|\\\[|\\(?:frac|sqrt|sin|cos|times|approx|begin)\b")


def _formulas(markdown: str) -> list[tuple[str, str]]:
    """(display, tex) of every formula in one markdown text, outside fences."""
    out = []
    for tok in _PARSER.parse(markdown):
        if tok.type in ("math_block", "math_block_label", "amsmath"):
            out.append(("block", tok.content))
        for child in tok.children or []:
            if child.type in ("math_inline", "math_inline_double"):
                out.append(("inline", child.content))
        if tok.type == "inline":
            out += [("inline", m.group(1)) for m in _MATH_ROLE.finditer(tok.content)]
    return out


def course_formulas() -> list[tuple[str, str, str]]:
    """(where, display, tex) of every formula in the lessons' markdown and the book's pages,
    directive bodies (exercises, solutions, admonitions, {math}) included."""
    texts = []
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(load_notebook(nb)["cells"]):
            if cell["cell_type"] == "markdown":
                texts.append((f"{nb.name} cell {i}", cell_source(cell)))
    texts += [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "book").glob("*.md"))]
    out = []
    for where, text in texts:
        found = _formulas(text)
        for d in directives(text):
            found += [("block", d.body)] if d.name == "math" else _formulas(d.body)
        out += [(where, display, tex) for display, tex in found]
    return out


FORMULAS = course_formulas()


def test_the_course_has_the_formulas_this_test_expects():
    # Lesson 3's lever-arm equations are the heaviest maths; if the reader finds none, it is broken.
    lesson3 = [f for f in FORMULAS if f[0].startswith("03_hip_drop")]
    assert len(FORMULAS) >= 60 and len(lesson3) >= 50
    assert any(display == "block" and r"\frac{W_s\, b}{a}" in tex for _, display, tex in lesson3)


@pytest.mark.parametrize("where,display,tex", FORMULAS, ids=[f"{w}:{t[:30]}" for w, _, t in FORMULAS])
def test_every_course_formula_converts_to_mathml(where, display, tex):
    markup = mathml.tex_to_mathml(tex, display)
    root = ET.fromstring(markup)
    assert root.tag == "math" and root.get("display") == display
    semantics = root.find("semantics")
    assert semantics is not None and len(semantics) == 2, f"{where}: <math> must hold one <semantics>"
    shown, annotation = semantics
    assert annotation.tag == "annotation" and annotation.get("encoding") == "application/x-tex"
    assert annotation.text == tex.strip(), f"{where}: the annotation must be the formula's TeX"
    text = "".join(shown.itertext())
    assert "\\" not in text and "$" not in text, f"{where}: TeX left in the rendered formula {tex!r}: {text!r}"
    assert text.strip(), f"{where}: {tex!r} rendered to nothing"


def test_the_data_the_pages_show_holds_no_tex():
    """Quiz banks, cases and the other data files are shown on pages that load no MathJax (jupyterquiz
    typesets only when the page has MathJax): TeX there would show raw. Write it in a lesson's
    markdown, or as plain text (e.g. "5/6 W")."""
    data = ROOT / "itband" / "data"
    files = sorted(data.rglob("*.json")) + sorted(data.rglob("*.yaml"))
    assert any(f.parent.name == "quizzes" for f in files) and any(f.name == "cases.yaml" for f in files)

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    for f in files:
        text = f.read_text(encoding="utf-8")
        value = json.loads(text) if f.suffix == ".json" else yaml.safe_load(text)
        bad = [s[:80] for s in strings(value) if _TEX_IN_DATA.search(s)]
        assert not bad, f"{f.relative_to(ROOT)} holds TeX, which no page would typeset: {bad[:3]}"


def test_function_names_get_a_function_application_and_a_thin_space():
    root = ET.fromstring(mathml.tex_to_mathml(r"J_y = W_s + F\sin\theta"))
    row = [el.tag + ":" + (el.text or el.get("width", "")) for el in root.find("semantics")[0]]
    i = row.index("mi:sin")
    assert row[i + 1] == "mo:\u2061" and row[i + 2] == f"mspace:{mathml.THIN_SPACE}" and row[i + 3] == "mi:θ"
    # after a symbol, a thin space before the name too (TeX's a\sin\theta)
    root = ET.fromstring(mathml.tex_to_mathml(r"a\sin\theta"))
    row = [el.tag + ":" + (el.text or el.get("width", "")) for el in root.find("semantics")[0]]
    assert row[:3] == ["mi:a", f"mspace:{mathml.THIN_SPACE}", "mi:sin"]
    # before a parenthesis, no space (TeX's \arctan(x))
    root = ET.fromstring(mathml.tex_to_mathml(r"\arctan(3.0/3.6)"))
    row = [el.tag + ":" + (el.text or "") for el in root.find("semantics")[0]]
    assert row[:3] == ["mi:arctan", "mo:\u2061", "mo:("]
    # a script on the name: the application goes after the whole msup, not inside it
    root = ET.fromstring(mathml.tex_to_mathml(r"\sin^2\theta"))
    msup = root.find("semantics/mrow/msup")
    assert msup is not None and len(msup) == 2


def test_an_arrow_is_an_operator_and_characters_are_not_escaped_twice():
    markup = mathml.tex_to_mathml(r"a \Longrightarrow \frac{W_s}{a} \approx 40°", "block")
    assert "<mo>⟹</mo>" in markup and "<mo>≈</mo>" in markup and "&amp;" not in markup
    assert 'display="block"' in markup


def test_a_slash_is_unspaced_as_in_tex():
    assert '<mo lspace="0em" rspace="0em">/</mo>' in mathml.tex_to_mathml(r"F = W_s b / a")


def test_a_leading_or_trailing_operator_is_unspaced_on_its_outer_side():
    root = ET.fromstring(mathml.tex_to_mathml(r"= 1.63 \times"))
    first, *_, last = root.find("semantics/mrow")
    assert (first.text, first.get("lspace"), first.get("rspace")) == ("=", "0em", None)
    assert (last.text, last.get("rspace"), last.get("lspace")) == ("×", "0em", None)


def test_tex_special_characters_are_escaped_in_the_annotation():
    root = ET.fromstring(mathml.tex_to_mathml(r"a < b"))
    assert root.find("semantics/annotation").text == "a < b"
    # a backslash symbol is a character, not an unknown command
    assert "\\" in "".join(ET.fromstring(mathml.tex_to_mathml(r"a \backslash b")).find("semantics/mrow").itertext())


@pytest.mark.parametrize("tex,message", [
    (r"\foo x", r"unsupported TeX command \\foo"),
    (r"\frac{1}{", "cannot convert"),
    (r"\begin{aligned} a &= b \end{aligned}", "alignment '&'"),
    (r"\operatorname{atan2}(y, x)", "empty operator"),
    (r"\int f(x)\, \mathrm{d}x", r"one-letter \\mathrm"),
])
def test_tex_the_converter_cannot_render_is_a_clear_error(tex, message):
    with pytest.raises(mathml.TexError, match=message) as err:
        mathml.tex_to_mathml(tex)
    assert repr(tex.strip()) in str(err.value)


def test_bad_arguments_name_the_parameter_and_the_allowed_values():
    with pytest.raises(ValueError, match=r"display='display' is not one of the allowed values: 'inline', 'block'"):
        mathml.tex_to_mathml("x", "display")
    with pytest.raises(ValueError, match=r"tex='  ' is empty"):
        mathml.tex_to_mathml("  ")
    with pytest.raises(TypeError, match="tex must be a str, got int"):
        mathml.tex_to_mathml(3)


def test_display_parts_follow_sphinx_paragraphs_and_align_line_breaks():
    assert mathml.display_parts("a = b\n\n c = d \n") == ["a = b", "c = d"]
    assert mathml.display_parts(r"a &= b \\ c &= d") == [r"\begin{split}a &= b \\ c &= d\end{split}"]
    assert mathml.display_parts(r"\begin{split}a \\ b\end{split}") == [r"\begin{split}a \\ b\end{split}"]


# ----------------------------------------------------------------------------- in a Sphinx build

_RST_GOOD = r"""Good
====

Inline :math:`F = W_s b / a` in a sentence.

.. math:: J = \sqrt{J_x^2 + J_y^2}
   :label: joint

.. math::

   a = b

   c = d

See :eq:`joint`.
"""
_RST_BAD = r"""Bad
===

Inline :math:`\foo x` that the converter cannot render.
"""


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory):
    """A two-page Sphinx project built with the renderer: one page whose formulas all convert, one with a formula that does not."""
    from sphinx.application import Sphinx

    src = tmp_path_factory.mktemp("mini")
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['mathml']\nhtml_math_renderer = 'mathml'\nproject = 'mini'\n"
        "mathjax_path = 'vendor/mathjax/startup.js'\nmathjax3_config = {'tex': {}}\n"
        "show_warning_types = True\n", encoding="utf-8")
    (src / "index.rst").write_text(_RST_GOOD + "\n.. toctree::\n\n   bad\n", encoding="utf-8")
    (src / "bad.rst").write_text(_RST_BAD, encoding="utf-8")
    out = src / "_build"
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(out), str(out / ".doctrees"), "html", status=None, warning=warnings,
                 freshenv=True)
    app.build()
    return out, warnings.getvalue()


def test_a_page_whose_formulas_convert_has_mathml_numbers_and_no_mathjax(mini_build):
    out, _ = mini_build
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="_static/mathml.css' in page
    assert "mathjax" not in page.lower() and r"\(" not in page
    assert page.count('<math display="inline">') == 1
    assert page.count('<math display="block">') == 3  # the labelled one, and the two paragraphs of the second
    labelled = re.search(r'<div class="math notranslate nohighlight" id="equation-joint">\s*'
                         r'<span class="eqno">\(1\)<a class="headerlink" href="#equation-joint"[^>]*>.*?</a></span>'
                         r'<math display="block">', page, re.S)
    assert labelled, "the labelled equation must keep its id, number and permalink"
    assert 'href="#equation-joint"' in page.split("See")[-1]  # :eq: still links to it
    assert (out / "_static" / "mathml.css").is_file()


def test_a_formula_that_cannot_convert_warns_and_only_its_page_loads_mathjax(mini_build):
    out, warnings = mini_build
    assert "bad.rst" in warnings and r"unsupported TeX command \foo" in warnings and "[mathml.fallback]" in warnings
    page = (out / "bad.html").read_text(encoding="utf-8")
    assert f'class="math notranslate nohighlight {mathml.FALLBACK_CLASS}">\\(\\foo x\\)</span>' in page
    assert 'src="_static/vendor/mathjax/startup.js"' in page and "window.MathJax = " in page
    assert "mathjax" not in (out / "index.html").read_text(encoding="utf-8").lower()
