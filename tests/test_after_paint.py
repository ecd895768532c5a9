"""Scripts fetched after the first paint (book/_ext/after_paint.py) and citation titles kept once on
the evidence page (book/_ext/evidence.py)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import after_paint  # noqa: E402
import evidence  # noqa: E402

PAGE = ('<html><head>\n<link rel="stylesheet" href="../_static/styles/bundle-1.css">\n'
        '<link rel="stylesheet" href="../_static/styles/bundle-1.later.css" data-after-paint>\n'
        '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=9" />\n'
        '<link rel="preload" as="font" href="../_static/f.woff2" />\n'
        '<script src="../_static/documentation_options.js?v=1"></script>\n'
        '<script defer="defer" src="../_static/doctools.js?v=2"></script>\n'
        '<script>let hint = "x";</script>\n'
        '<script data-sd-tabs-storage-prefix="t-" defer="defer" src="../_static/design-tabs.js?v=3"></script>\n'
        '</head><body><span class="btn__icon-container">\n<img alt="Binder logo" src="../_static/images/logo_binder.svg">'
        '</span><div id="quiz"></div><script defer src="../_static/quiz/q.js"></script>\n'
        '<script src="../_static/searchtools.js"></script>\n'
        '<script defer src="../_static/scripts/bootstrap.js?digest=9"></script>\n</body></html>')
OPTIONS = "const DOCUMENTATION_OPTIONS = {VERSION: ''};\n"


def test_deferred_scripts_and_later_rules_move_into_one_box_in_their_order():
    out = after_paint.after_paint(PAGE, OPTIONS)
    box = re.search(r'<template id="itb-after-paint">(.*?)</template>', out, re.S).group(1)
    assert re.findall(r'(?:src|href)="([^"]+)"', box) == [
        "../_static/styles/bundle-1.later.css", "../_static/doctools.js?v=2", "../_static/quiz/q.js",
        "../_static/scripts/bootstrap.js?digest=9"]
    outside = out.replace(box, "")
    assert "<script defer" not in outside and "data-after-paint" not in outside
    # the page's own stylesheet, its inline and synchronous scripts and other preloads stay where they were
    assert '<link rel="stylesheet" href="../_static/styles/bundle-1.css">' in outside
    assert '<script>let hint = "x";</script>' in outside and '<script src="../_static/searchtools.js">' in outside
    assert 'as="font"' in outside and 'as="script"' not in outside
    # documentation_options.js is inlined; design-tabs.js goes from a page with no tabs
    assert f"<script>{OPTIONS.strip()}</script>" in outside and "documentation_options.js" not in out
    assert "design-tabs.js" not in out
    # the launch menu's logos wait until the menu opens
    assert '<img loading="lazy" alt="Binder logo" src="../_static/images/logo_binder.svg">' in out
    assert out.index("</template>") < out.index(after_paint.LOADER) < out.index("</body>")


def test_a_page_with_tabs_keeps_the_tabs_script_and_a_rewritten_page_is_left_alone():
    tabs = PAGE.replace('<div id="quiz">', '<div class="sd-tab-set">')
    out = after_paint.after_paint(tabs, OPTIONS)
    assert '<script data-sd-tabs-storage-prefix="t-" defer="defer" src="../_static/design-tabs.js?v=3"></script>' \
        in out.split("<template")[0]
    assert after_paint.after_paint(out, OPTIONS) == out
    bare = "<html><head></head><body><p>text</p></body></html>"
    assert after_paint.after_paint(bare, OPTIONS) == bare
    # without the options' text the script tag stays as it is
    assert '<script src="../_static/documentation_options.js?v=1"></script>' in after_paint.after_paint(PAGE)


def test_the_loader_waits_for_the_first_paint_and_keeps_the_scripts_order():
    loader = after_paint.LOADER
    assert 'getEntriesByName("first-contentful-paint")' in loader and "function soon() { setTimeout(start, 0); }" in loader
    assert "requestAnimationFrame(function () { requestAnimationFrame(soon); })" in loader, "a frame painted"
    # after load: a hidden tab paints nothing; otherwise the paint is awaited, for a second at most
    assert 'if (document.hidden) { start(); } else if (observed) { setTimeout(start, 1000); } else { painted(); }' \
        in loader
    assert "if (started) { return; }" in loader
    assert 'document.documentElement.dataset.afterPaint = "ran"' in loader, "the signal that the scripts have run"
    assert 'el.addEventListener("load", arrived)' in loader and 'last.addEventListener("load", arrived)' in loader, \
        "the signal waits for the later rules as well as the last script"
    assert "el.async = false" in loader and f'getElementById("{after_paint.BOX_ID}")' in loader


def test_built_pages_fetch_no_script_before_the_first_paint(book_html):
    for page in sorted(book_html.rglob("*.html")):
        if "_static" in page.relative_to(book_html).parts or page.name in ("index.html", "search.html"):
            continue
        text = page.read_text(encoding="utf-8")
        box = re.search(r'<template id="itb-after-paint">(.*?)</template>', text, re.S)
        assert box, page
        outside = text.replace(box.group(0), "")
        assert not re.search(r"<script\b[^>]*\bsrc=", outside), f"{page.name}: a script outside the box"
        assert 'rel="preload"' not in outside or 'as="script"' not in outside, page.name
        later = re.findall(r'href="([^"]+\.later\.css)"', box.group(1))
        assert len(later) == 1 and (page.parent / later[0]).is_file(), page.name


def test_only_the_first_citation_of_a_reference_keeps_its_title():
    a = '<a class="reference internal" href="references.html#id{}" title="{}">'
    text = a.format(1, "Noble 1980.") + a.format(2, "Orchard 1996.") + a.format(1, "Noble 1980.") \
        + '<a class="headerlink" href="#x" title="Link to this heading">' * 2
    out = evidence.first_titles_only(text)
    assert out.count('title="Noble 1980."') == 1 and out.count('title="Orchard 1996."') == 1
    assert out.count('<a class="reference internal" href="references.html#id1">') == 1
    assert out.count('title="Link to this heading"') == 2, "other links keep their titles"


def test_the_built_evidence_page_gives_each_reference_one_title(book_html):
    text = (book_html / "book" / "evidence.html").read_text(encoding="utf-8")
    titles = re.findall(r'href="references\.html#[^"]*" title="([^"]*)"', text)
    assert titles and len(titles) == len(set(titles))
    assert len(re.findall(r'href="references\.html#', text)) > 3 * len(titles)
