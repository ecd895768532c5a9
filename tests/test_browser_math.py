"""The book's formulas in headless Chromium: MathML written at build time (book/_ext/mathml.py).

For every page with a formula, with JavaScript off and on, on a desktop and a phone, in light and
dark mode: each formula is a ``<math>`` element the browser lays out (a box of non-zero size), no
raw TeX is left in the text a reader sees, no page loads MathJax, and a formula's colour stands
out from its background as the text around it does.
"""
from __future__ import annotations

import re

import pytest
from conftest import SCRIPTS_RAN

pytestmark = [pytest.mark.book, pytest.mark.browser]

#: TeX a reader must never see as text: a command, or a dollar or bracket delimiter.
RAW_TEX = re.compile(r"\\[A-Za-z]+|\$|\\\(|\\\[")
_FORMULAS_JS = """() => Array.from(document.querySelectorAll('.bd-article .math')).map(el => {
    const m = el.querySelector('math');
    const r = m ? m.getBoundingClientRect() : null;
    return {outer: el.tagName.toLowerCase(), math: !!m, display: m ? m.getAttribute('display') : null,
            width: r ? r.width : 0, height: r ? r.height : 0, tex: m ? m.querySelector('annotation').textContent : el.textContent,
            mathml: m ? m.namespaceURI : null};
})"""
_ARTICLE_TEXT_JS = "() => document.querySelector('.bd-article').innerText"


@pytest.fixture(scope="module")
def math_pages(book_html) -> list[str]:
    """The pages (relative to the site root) whose HTML holds a formula."""
    pages = [p.relative_to(book_html).as_posix() for p in sorted(book_html.rglob("*.html"))
             if "_static" not in p.parts and 'class="math' in p.read_text(encoding="utf-8")]
    assert "notebooks/03_hip_drop.html" in pages, f"Lesson 3's lever-arm equations are missing: {pages}"
    return pages


def _open(browser, site_url, page_name, *, javascript: bool, width: int = 1280, mode: str = "light"):
    context = browser.new_context(java_script_enabled=javascript, color_scheme=mode,
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    seen = {"requests": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(site_url + page_name, wait_until="load")
    if javascript:
        page.wait_for_function(SCRIPTS_RAN, timeout=15000)
    page.wait_for_timeout(700 if javascript else 50)  # jupyterquiz's 500 ms typeset timer
    return context, page, seen


def _check_formulas(page, name: str, where: str) -> list[dict]:
    formulas = page.evaluate(_FORMULAS_JS)
    assert formulas, f"{name} ({where}): no formula found"
    for f in formulas:
        assert f["math"], f"{name} ({where}): a formula is not MathML: {f['tex'][:60]!r}"
        assert f["mathml"] == "http://www.w3.org/1998/Math/MathML", f"{name}: <math> not in the MathML namespace"
        assert f["width"] > 0 and f["height"] > 0, f"{name} ({where}): {f['tex'][:60]!r} has no size: {f}"
        assert f["display"] == ("block" if f["outer"] == "div" else "inline"), f"{name}: wrong display {f}"
    text = page.evaluate(_ARTICLE_TEXT_JS)
    raw = sorted(set(RAW_TEX.findall(text)))
    assert not raw, f"{name} ({where}): raw TeX shows as text: {raw[:5]}"
    return formulas


def test_without_javascript_every_formula_is_laid_out_mathml(browser, site_url, math_pages):
    for name in math_pages:
        context, page, seen = _open(browser, site_url, name, javascript=False)
        try:
            formulas = _check_formulas(page, name, "JavaScript off")
            assert not [u for u in seen["requests"] if "mathjax" in u.lower()], f"{name} fetched MathJax"
        finally:
            context.close()
        if name.endswith("03_hip_drop.html"):
            assert sum(f["display"] == "block" for f in formulas) >= 3, "Lesson 3's displayed equations"
            assert any("\\frac{W_s\\, b}{a}" in f["tex"] for f in formulas)


def test_with_javascript_formulas_render_and_mathjax_is_not_loaded(browser, site_url, math_pages):
    for name in math_pages:
        context, page, seen = _open(browser, site_url, name, javascript=True)
        try:
            _check_formulas(page, name, "JavaScript on")
            assert page.evaluate("() => typeof window.MathJax") == "undefined", f"{name} still defines MathJax"
            assert page.evaluate("() => document.querySelectorAll('mjx-container, mjx-merror, merror').length") == 0
            assert not [u for u in seen["requests"] if "mathjax" in u.lower()], f"{name} fetched MathJax"
            assert not seen["errors"], f"{name} logged errors: {seen['errors']}"
        finally:
            context.close()


def test_on_a_phone_a_wide_formula_scrolls_in_its_box_not_the_page(browser, site_url, math_pages):
    for name in math_pages:
        context, page, _ = _open(browser, site_url, name, javascript=False, width=375)
        try:
            _check_formulas(page, name, "375 px phone")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name}: the page scrolls sideways by {overflow} px on a 375 px phone"
            boxes = page.evaluate("""() => Array.from(document.querySelectorAll('.bd-article div.math')).map(d => {
                const r = d.getBoundingClientRect(); return {right: r.right, style: getComputedStyle(d).overflowX}; })""")
            assert all(b["right"] <= 375 + 1 and b["style"] == "auto" for b in boxes), f"{name}: {boxes}"
        finally:
            context.close()


_CONTRAST_JS = """() => {
    const rgba = s => { const v = s.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
    const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    // the colour behind an element: its ancestors' backgrounds composited up to the first opaque one
    const behind = el => { const layers = [];
        for (; el; el = el.parentElement) { const c = rgba(getComputedStyle(el).backgroundColor);
            if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
        let out = [255, 255, 255];
        for (const c of layers.reverse()) out = out.map((x, i) => c[i] * c[3] + x * (1 - c[3]));
        return out; };
    return Array.from(document.querySelectorAll('.bd-article math')).map(m => {
        const glyph = m.querySelector('mi, mn, mo, mtext') || m;
        const fg = rgba(getComputedStyle(glyph).color), text = getComputedStyle(m.parentElement).color;
        const a = lum(fg), b = lum(behind(m));
        return {ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), sameAsText: getComputedStyle(glyph).color === text,
                tex: (m.querySelector('annotation') || m).textContent};
    });
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_formulas_are_readable_in_light_and_dark_mode(browser, site_url, math_pages, mode):
    name = "notebooks/03_hip_drop.html"
    context, page, _ = _open(browser, site_url, name, javascript=True, mode=mode)
    try:
        page.evaluate("m => { localStorage.setItem('mode', m); document.documentElement.dataset.mode = m;"
                      " document.documentElement.dataset.theme = m; }", mode)
        page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => 0)))")
        page.wait_for_timeout(400)
        formulas = page.evaluate(_CONTRAST_JS)
    finally:
        context.close()
    assert formulas
    for f in formulas:
        assert f["sameAsText"], f"{name} in {mode} mode: {f['tex']!r} is not in the colour of its text"
        assert f["ratio"] >= 4.5, f"{name} in {mode} mode: {f['tex']!r} has contrast {f['ratio']:.2f} (WCAG AA: 4.5)"
