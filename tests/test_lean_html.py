"""book/_ext/lean_html.py: spans that style nothing and line indentation leave the pages; the text,
code and preformatted blocks a reader sees and copies stay as they were."""
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import lean_html as lh  # noqa: E402

PYGMENTS = """
html[data-theme="light"] .highlight { background: #fefefe; color: #080808 }
/* Name */
html[data-theme="light"] .highlight .n { color: #080808 } /* Name */
html[data-theme="light"] .highlight .p { color: #080808 }
html[data-theme="light"] .highlight .w { color: #080808 }
html[data-theme="light"] .highlight .o { color: #00622F }
html[data-theme="dark"] .highlight { background: #2b2b2b; color: #F8F8F2 }
html[data-theme="dark"] .highlight .n { color: #F8F8F2 }
html[data-theme="dark"] .highlight .p { color: #F8F8F2 }
html[data-theme="dark"] .highlight .w { color: #f8f8f2 }
"""
CODE = ('<div class="highlight"><pre><span></span><span class="n">force</span><span class="w"> </span>'
        '<span class="o">=</span><span class="w"> </span><span class="n">f</span><span class="p">(</span>'
        '<span class="mi">2</span><span class="p">)</span>\n    <span class="n">x</span></pre></div>')
FOOTNOTE = ('<a class="footnote-reference brackets" href="#id3" id="id4" role="doc-noteref">'
            '<span class="fn-bracket">[</span>3<span class="fn-bracket">]</span></a>')


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_same_colour_pygments_tokens_and_footnote_brackets_style_nothing():
    assert lh.plain_classes([PYGMENTS, ".sig-param.n { font-style: italic }"], ["var a = 1;"]) == \
        ({"n", "p", "w"}, {"fn-bracket"})


@pytest.mark.parametrize("css, js, left", [
    (PYGMENTS.replace(".highlight .p { color: #080808 }", ".highlight .p { color: #112233 }"), "", {"p"}),
    (PYGMENTS + 'html[data-theme="light"] .highlight .w { color: #080808; font-weight: bold }', "", {"w"}),
    (PYGMENTS + "div > .n { color: red }", "", {"n"}),               # a rule that can style the span
    (PYGMENTS + ".fn-bracket { color: grey }", "", {"fn-bracket"}),  # a stylesheet styles the brackets
    (PYGMENTS, "el.querySelector('.fn-bracket')", {"fn-bracket"}),   # a script looks for them
])
def test_a_class_that_something_styles_or_names_keeps_its_spans(css, js, left):
    code, other = lh.plain_classes([css], [js])
    assert not left & (code | other)
    assert (code | other) == ({"n", "p", "w", "fn-bracket"} - left)


def test_without_the_pygments_style_no_code_span_is_unwrapped():
    assert lh.plain_classes([""], [""]) == (set(), {"fn-bracket"})


def test_lean_unwraps_only_plain_spans_and_keeps_every_character_of_code_and_text():
    page = f'<html>\n  <body>\n    <p>Force {FOOTNOTE} rises.</p>\n{CODE}\n    <script>\n  var s = "  x";\n</script></body></html>'
    out = lh.lean(page, {"n", "p", "w"}, {"fn-bracket"})
    assert " ".join(_text(out).split()) == " ".join(_text(page).split())  # the same words, as rendered
    pre = re.search(r"<pre>.*?</pre>", out, re.S).group(0)
    assert _text(pre) == _text(re.search(r"<pre>.*?</pre>", page, re.S).group(0))  # the code reads and copies the same
    assert '<span class="o">=</span>' in pre and '<span class="mi">2</span>' in pre  # coloured tokens keep their spans
    assert 'class="n"' not in out and 'class="p"' not in out and 'class="w"' not in out
    assert "doc-noteref\">[3]</a>" in out and "fn-bracket" not in out
    assert "\n    <span" not in out.split("<pre>")[0] and "\n  <body>" not in out  # indentation gone ...
    assert "\n    x</pre>" in out and '\n  var s = "  x";\n' in out                # ... but not in <pre> or <script>
    assert lh.lean(out, {"n", "p", "w"}, {"fn-bracket"}) == out


def test_code_spans_outside_highlighted_code_are_left_alone():
    page = '<p><span class="n">not code</span></p>'
    assert lh.lean(page, {"n"}, set()) == page
