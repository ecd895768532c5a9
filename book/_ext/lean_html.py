"""Sphinx extension: markup that draws nothing, taken out of every built page.

A lesson's HTML is mostly markup, not words: Lesson 6 holds 65 kB of text in 181 kB. Two kinds
of it change nothing a reader sees, hears or copies:

* ``<span>`` elements whose class no stylesheet or script of the site uses:
  * in highlighted code, Pygments wraps every name, bracket and blank in its own span
    (``<span class="n">x</span>``), and the site's Pygments style gives names, punctuation and
    blanks exactly the colour of the code block itself, in light and in dark mode;
  * Sphinx wraps each bracket of a footnote mark (``[3]``) in ``<span class="fn-bracket">``,
    which no stylesheet styles.

  A class is unwrapped only when every rule that names it is such a same-colour Pygments rule
  (or there is none) and no script names it; the text inside stays as it was.
* the indentation at the start of lines, outside ``<pre>``, ``<textarea>``, ``<script>`` and
  ``<style>``: a line break is already white space where it stands.

It runs after ``offline_assets`` (priority 500) and before ``icons`` (600). ``tests/test_lean_html.py``
checks the rules; the browser suite checks the pages as readers get them.
"""
from __future__ import annotations

import re
from pathlib import Path

from built_pages import site_pages
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Span classes this extension may unwrap: Pygments' name, punctuation and blank tokens (in
#: highlighted code only) and Sphinx's footnote brackets.
CODE_CLASSES = ("n", "p", "w")
OTHER_CLASSES = ("fn-bracket",)
#: The Pygments style's colour of a code block, and of a token, per theme.
_BASE_RULE = re.compile(r'html\[data-theme="(\w+)"\] \.highlight \{[^}]*?\bcolor: *(#[0-9A-Fa-f]+) *\}')
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CODE_BLOCK = re.compile(r'(<div class="highlight"><pre>)(.*?)(</pre>)', re.S)
_PROTECTED = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)


def _warn(message: str) -> None:
    logger.warning(f"lean_html: {message}", type="lean_html", subtype="layout")


def _names_it(selector: str, cls: str) -> bool:
    """Whether a rule with this selector can style ``<span class="{cls}">`` (a span of that one
    class, holding only text): a compound selector naming the class and no other class, id or
    attribute (``.sig-param.n`` needs a second class the span does not have)."""
    token = re.compile(rf"\.{re.escape(cls)}(?![\w-])")
    for part in selector.split(","):
        for compound in re.split(r"\s*[>+~]\s*|\s+", part.strip()):
            if token.search(compound) and not re.search(r"[#\[]|\.[\w-]+", token.sub("", compound)):
                return True
    return False


def plain_classes(css_texts: list[str], js_texts: list[str]) -> tuple[set[str], set[str]]:
    """The classes of :data:`CODE_CLASSES` and :data:`OTHER_CLASSES` whose spans style nothing:
    ``(code classes, other classes)``. A code class qualifies when every rule that can style its
    span is the Pygments rule of a theme setting only ``color``, to that theme's code-block colour;
    another class when no rule can style its span. Neither may appear in a script."""
    css_texts = [re.sub(r"/\*.*?\*/", "", css, flags=re.S) for css in css_texts]
    base = {theme: colour.lower() for css in css_texts for theme, colour in _BASE_RULE.findall(css)}
    code, other = set(), set()
    for cls in CODE_CLASSES + OTHER_CLASSES:
        rules = [(sel.strip(), body.strip()) for css in css_texts for sel, body in _RULE.findall(css)
                 if _names_it(sel, cls)]
        if cls in OTHER_CLASSES:
            if not rules and not any(cls in js for js in js_texts):
                other.add(cls)
            continue
        ok = bool(base) and bool(rules)
        for selector, body in rules:
            m = re.fullmatch(rf'html\[data-theme="(\w+)"\] \.highlight \.{re.escape(cls)}', selector)
            colour = re.fullmatch(r"color: *(#[0-9A-Fa-f]+);?", body)
            ok = ok and bool(m and colour) and base.get(m.group(1)) == colour.group(1).lower()
        if ok:
            code.add(cls)
    return code, other


def _unwrap(text: str, classes) -> str:
    if not classes:
        return text
    names = "|".join(re.escape(c) for c in sorted(classes))
    return re.sub(rf'<span class="(?:{names})">([^<]*)</span>', r"\1", text)


def lean(text: str, code_classes, other_classes) -> str:
    """One page without the spans of ``code_classes`` (inside highlighted code) and
    ``other_classes`` (anywhere), and without indentation outside preformatted elements."""
    text = _CODE_BLOCK.sub(lambda m: m.group(1) + _unwrap(m.group(2), code_classes) + m.group(3), text)
    parts = _PROTECTED.split(text)
    out = []
    # split() with two groups gives: text, protected element, its tag name, text, ...
    for i in range(0, len(parts), 3):
        out.append(re.sub(r"\n[ \t]+", "\n", _unwrap(parts[i], other_classes)))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def _finish(app, exception):
    pages = site_pages(app, exception)
    if pages is None:
        return
    static = Path(app.outdir) / "_static"
    css = [f.read_text(encoding="utf-8") for f in static.rglob("*.css") if not f.name.startswith("bundle-")]
    js = [f.read_text(encoding="utf-8", errors="replace") for f in static.rglob("*.js")
          if "frames" not in f.relative_to(static).parts]
    code, other = plain_classes(css, js)
    if set(code) != set(CODE_CLASSES) or set(other) != set(OTHER_CLASSES):
        _warn(f"only {sorted(code | other)} of {sorted(CODE_CLASSES + OTHER_CLASSES)} style nothing now: "
              "the Pygments style or a stylesheet has changed (their spans stay)")
    before = after = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        leaner = lean(text, code, other)
        before, after = before + len(text.encode()), after + len(leaner.encode())
        if leaner != text:
            page.write_text(leaner, encoding="utf-8")
    logger.info("lean_html: pages %d -> %d KiB", before // 1024, after // 1024)


def setup(app):
    app.connect("build-finished", _finish, priority=550)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
