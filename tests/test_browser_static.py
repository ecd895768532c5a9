"""The built book as a reader meets it, in headless Chromium with the network blocked.

The book is built once per session (``built_book``) and served on 127.0.0.1. Every page in
``_toc.yml`` (plus the index and search pages) is opened once, with every request that is not
to that local server blocked and counted, and then checked:

* no request leaves the site, no local file is missing, no console error or uncaught exception;
* every formula is rendered: MathML written at build time (book/_ext/mathml.py), or the vendored
  MathJax for a formula left to it (no ``merror``);
* every image (every explorer frame too, hidden or not) has alt text;
* axe-core (the current release, 4.14.1, kept in ``tests/vendor/axe-core/``) finds no serious or
  critical violation, headings are in order, and every control's accessible name contains its
  visible text (``label-content-name-mismatch``, WCAG 2.5.3); in dark mode, no colour-contrast
  violation;
* every explorer control changes the picture when moved by mouse and by keyboard;
* every quiz is drawn, and every question gives feedback when an answer is clicked and when one
  is chosen from the keyboard;
* every hidden solution opens when its toggle is clicked.

Then the same pages as other readers meet them: on a 320 and a 375 px phone (no control clipped,
no sideways scrolling, every readout visible), on paper (print media: no control or toggle text,
every picture with its caption, quiz questions listed), and with JavaScript off (starting pictures,
quiz questions, solutions closed, controls disabled with a note). Every page is also checked by
the Nu HTML Checker (``vnu-jar`` from npm, pinned in ``tests/node``; it needs Java).

Other tests open lessons from ``file://`` with everything but ``file:`` and ``data:``
blocked (a reader with the network unplugged), and one checks every internal link and anchor.
"""
from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import SCRIPTS_RAN, lesson_pages, toc_pages
from itband.course.explorer import narrow
from tools.pdf import LOAD_PICTURES

pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGES = toc_pages() + ["genindex.html", "search.html"]
#: axe-core, the release the checks are written for: kept unmodified in the repository (MPL-2.0, with its
#: licence) so that they run offline and without npm; the copy axe-playwright-python bundles is older.
AXE_JS = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="  # the npm package's sri-history.json
#: Rules that axe-core may ship disabled (experimental) and that every page must pass.
AXE_ENABLED = ("label-content-name-mismatch",)  # WCAG 2.5.3: the accessible name contains the visible text
BLOCKING = ("serious", "critical")
ALWAYS_CHECKED = ("heading-order", *AXE_ENABLED)  # these fail at any impact


@dataclass
class PageReport:
    name: str
    outside: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    math: dict = field(default_factory=dict)
    images: list[dict] = field(default_factory=list)
    axe_light: list[dict] = field(default_factory=list)
    axe_dark: list[dict] = field(default_factory=list)
    controls: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    quizzes: list[dict] = field(default_factory=list)
    solutions: list[dict] = field(default_factory=list)
    in_axe: bool = False
    timings: dict = field(default_factory=dict)


# ----------------------------------------------------------------------------- page helpers

def _watch(page, allowed_prefixes, report: PageReport):
    """Block and count every request outside ``allowed_prefixes``; record console errors and 404s."""

    def route(r):
        url = r.request.url
        if url.startswith(allowed_prefixes):
            r.continue_()
        else:
            report.outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: report.console.append(f"console.{m.type}: {m.text}")
            if m.type == "error" and not report.in_axe else None)
    page.on("pageerror", lambda e: report.console.append(f"uncaught: {e}"))
    # axe-core fetches the stylesheets itself and resolves the theme's relative @import against the
    # page root (a 404 of its own making): only the page's requests count, not axe's.
    page.on("response", lambda r: report.missing.append(f"{r.status} {r.url}")
            if r.status >= 400 and not report.in_axe else None)
    page.on("requestfailed", lambda r: None if not r.url.startswith(allowed_prefixes) or _favicon_on_disk(r)
            else report.missing.append(f"failed {r.url}: {r.failure}"))


def _favicon_on_disk(request) -> bool:
    """Chromium aborts the favicon of a page opened from file:// itself; the file is there."""
    return request.url.startswith("file://") and request.url.endswith("/favicon.svg") \
        and request.failure == "net::ERR_ABORTED"


def _settle(page):
    """Wait until the page's scripts have run, MathJax (if the page loads it) has typeset and
    jupyterquiz's 500 ms timer has run."""
    page.wait_for_function(SCRIPTS_RAN, timeout=15000)
    page.wait_for_function("() => !window.MathJax || !MathJax.startup || MathJax.startup.promise",
                           timeout=15000)
    page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise.then(() => 1) : 0")
    page.wait_for_timeout(700)


def _math(page) -> dict:
    return page.evaluate("""() => ({
        expected: document.querySelectorAll('.bd-article .math').length,
        rendered: document.querySelectorAll('.bd-article .math > math, .bd-article mjx-container').length,
        errors: Array.from(document.querySelectorAll('mjx-merror, merror')).map(e => e.textContent),
    })""")


def _images(page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('img')).map(img => ({
        src: (img.getAttribute('src') || '').slice(0, 60),
        alt: img.getAttribute('alt'),
        inArticle: !!img.closest('.bd-article'),
    }))""")


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    """The vendored axe-core, checked against the hash of the release it claims to be."""
    import base64
    import hashlib

    data = AXE_JS.read_bytes()
    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    assert digest == AXE_SHA256, f"{AXE_JS} is not axe-core {AXE_VERSION} (sha256-{digest}): see its README.md"
    return data.decode("utf-8")


def _axe(page, rules=None) -> list[dict]:
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=axe_source())
    version = page.evaluate("() => axe.version")
    assert version == AXE_VERSION, f"axe-core {version} on the page, not {AXE_VERSION}"
    opts = {"resultTypes": ["violations"]}
    if rules:
        opts["runOnly"] = {"type": "rule", "values": list(rules)}
    else:
        opts["rules"] = {rule: {"enabled": True} for rule in AXE_ENABLED}
    res = page.evaluate("opts => axe.run(document, opts)", opts)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [" ".join(map(str, n["target"])) + ": " + (n.get("failureSummary") or "")[:300]
                       for n in v["nodes"][:5]]}
            for v in res["violations"]]


def _set_theme(page, mode: str):
    """Switch light/dark as the theme does for a reader whose system is in that mode."""
    page.emulate_media(color_scheme=mode)
    page.evaluate("m => { localStorage.setItem('mode', m); document.documentElement.dataset.mode = m;"
                  " document.documentElement.dataset.theme = m; }", mode)
    # let the theme's colour transitions finish, so axe measures the colours a reader sees
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => 0)))")
    page.wait_for_timeout(400)


_VISIBLE_FRAME = """fig => { const img = fig.querySelector('img.itb-frame:not([hidden])');
    return img ? img.dataset.frame + ':' + img.getAttribute('src').length + ':' +
                 img.getAttribute('src').slice(-64) : null; }"""


#: A key that moves this control from where it is (a slider or list at its end goes back).
_A_KEY_THAT_MOVES = """c => c.type === 'checkbox' ? 'Space' :
    c.tagName === 'SELECT' ? (c.selectedIndex < c.options.length - 1 ? 'ArrowDown' : 'ArrowUp') :
    (Number(c.value) < Number(c.max) ? 'ArrowRight' : 'ArrowLeft')"""


def _frame_after(fig, before, wait_ms: int = 3000):
    """The frame shown once it differs from ``before`` (a control's first move may have to wait for
    the explorer's frames script, when it was not fetched yet), or the same frame after ``wait_ms``."""
    try:
        fig.page.wait_for_function(f"([fig, before]) => ({_VISIBLE_FRAME})(fig) !== before",
                                   arg=[fig.element_handle(), before], timeout=wait_ms)
    except PlaywrightTimeout:
        pass
    return fig.evaluate(_VISIBLE_FRAME)


def _explorer_controls(page) -> list[dict]:
    """Move every control of every explorer by mouse, then by keyboard; did the picture change?"""
    results = []
    figs = page.locator("figure.itb-explorer")
    for i in range(figs.count()):
        fig = figs.nth(i)
        controls = fig.locator(".itb-controls input, .itb-controls select")
        fig_id = fig.get_attribute("id")
        for j in range(controls.count()):
            ctrl = controls.nth(j)
            kind = ctrl.evaluate("c => c.tagName === 'SELECT' ? 'select' : c.type")
            entry = {"explorer": fig_id, "control": ctrl.get_attribute("id"), "kind": kind}
            ctrl.scroll_into_view_if_needed()

            # -- pointer
            before = fig.evaluate(_VISIBLE_FRAME)
            if kind == "range":
                lo, hi, val = ctrl.evaluate("c => [+c.min, +c.max, +c.value]")
                target = hi if val < hi else lo
                box = ctrl.bounding_box()
                x = box["x"] + 4 + (box["width"] - 8) * (target - lo) / max(hi - lo, 1)
                page.mouse.click(x, box["y"] + box["height"] / 2)
            elif kind == "select":
                n = ctrl.evaluate("c => c.options.length")
                cur = ctrl.evaluate("c => c.selectedIndex")
                ctrl.click()  # opens the native list; choose another option as a pointer user would
                ctrl.select_option(index=(cur + 1) % n)
                page.keyboard.press("Escape")
            else:
                ctrl.click()
            after = _frame_after(fig, before)
            entry["mouse"] = bool(after and after != before)

            # -- keyboard
            ctrl.focus()
            before = fig.evaluate(_VISIBLE_FRAME)
            page.keyboard.press(ctrl.evaluate(_A_KEY_THAT_MOVES))
            after = _frame_after(fig, before)
            entry["keyboard"] = bool(after and after != before)
            if kind == "range":  # the value readout and aria-valuetext follow the slider
                entry["readout"] = ctrl.evaluate("""c => {
                    const texts = JSON.parse(c.dataset.texts || '[]'), t = texts[+c.value];
                    const out = document.getElementById(c.id + '-out');
                    return t !== undefined && c.getAttribute('aria-valuetext') === t
                           && (!out || out.textContent === t); }""")
            results.append(entry)
    return results


_QUIZ_CONTAINERS = """() => Array.from(document.querySelectorAll('div[data-shufflequestions]')).map(c => ({
    id: c.id, questions: c.querySelectorAll('.Quiz').length,
    live: Array.from(c.querySelectorAll('.Feedback')).every(f => f.getAttribute('aria-live') === 'polite'
                                                              && f.getAttribute('role') === 'status')}))"""


def _quiz_questions(page) -> list[dict]:
    """Answer every question by mouse and again by keyboard; was there feedback each time?"""
    results = []
    wraps = page.locator("div[data-shufflequestions] .Quiz")
    for i in range(wraps.count()):
        wrap = wraps.nth(i)
        wrap.scroll_into_view_if_needed()
        fb = wrap.locator(".Feedback")
        clear = "el => { el.innerHTML = ''; }"
        entry = {"question": wrap.locator("[id^=quizQn]").first.inner_text()[:70]}
        buttons = wrap.locator(".MCButton")
        if buttons.count():
            entry["kind"] = "choice"
            buttons.nth(0).click()
            entry["mouse"] = bool(fb.inner_text().strip())
            fb.evaluate(clear)
            radio = buttons.nth(1 if buttons.count() > 1 else 0).locator("input")
            radio.focus()
            page.keyboard.press("Space")
            entry["keyboard"] = bool(fb.inner_text().strip())
            entry["focus_ring"] = buttons.nth(1 if buttons.count() > 1 else 0).evaluate(
                "b => getComputedStyle(b).outlineStyle !== 'none'")
        else:
            entry["kind"] = "numeric"
            box = wrap.locator("input.Input-text")
            entry["labelled"] = box.evaluate("i => i.labels.length > 0 && i.labels[0].textContent.trim().length > 0")
            box.click()
            page.keyboard.type("1")
            page.keyboard.press("Enter")
            entry["mouse"] = entry["keyboard"] = bool(fb.inner_text().strip())
        entry["live"] = fb.get_attribute("aria-live") == "polite"
        results.append(entry)
    return results


def _solutions(page) -> list[dict]:
    results = []
    sols = page.locator(".bd-article details.itb-solution, .bd-article div.solution.dropdown")
    for i in range(sols.count()):
        sol = sols.nth(i)
        sol.scroll_into_view_if_needed()
        body_visible = ("s => Array.from(s.children).filter(c => !c.classList.contains('admonition-title'))"
                        ".some(c => c.checkVisibility() && c.offsetHeight > 0)")
        entry = {"id": sol.get_attribute("id"), "hidden_first": not sol.evaluate(body_visible)}
        sol.locator(".admonition-title").first.click()
        page.wait_for_timeout(50)
        entry["opened"] = sol.evaluate(body_visible)
        results.append(entry)
    return results


def visit(browser, base: str, name: str) -> PageReport:
    report = PageReport(name)
    t0 = time.monotonic()

    def lap(what):
        report.timings[what] = round(time.monotonic() - t0, 2)

    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        _watch(page, (base, "data:"), report)
        page.goto(base + name, wait_until="load")
        _settle(page)
        lap("load")
        report.math = _math(page)
        report.images = _images(page)
        report.in_axe = True
        report.axe_light = _axe(page)
        _set_theme(page, "dark")
        report.axe_dark = _axe(page, rules=["color-contrast"])
        _set_theme(page, "light")
        page.wait_for_timeout(100)
        report.in_axe = False
        lap("axe")
        report.controls = _explorer_controls(page)
        lap("explorers")
        report.quizzes = page.evaluate(_QUIZ_CONTAINERS)
        report.questions = _quiz_questions(page)
        lap("quizzes")
        report.solutions = _solutions(page)
        lap("solutions")
        page.wait_for_timeout(100)
    finally:
        context.close()
    return report


@pytest.fixture(scope="module")
def reports(browser, site_url):
    cache: dict[str, PageReport] = {}

    def get(name: str) -> PageReport:
        if name not in cache:
            cache[name] = visit(browser, site_url, name)
        return cache[name]

    return get


# ----------------------------------------------------------------------------- the assertions

@pytest.mark.parametrize("name", PAGES)
def test_page_loads_nothing_from_outside_and_logs_no_error(reports, name):
    r = reports(name)
    assert not r.outside, f"{name} asked for outside resources: {r.outside}"
    assert not r.missing, f"{name} has missing local files: {r.missing}"
    assert not r.console, f"{name} logged errors: {r.console}"


@pytest.mark.parametrize("name", PAGES)
def test_every_formula_is_typeset(reports, name):
    m = reports(name).math
    assert not m["errors"], f"formula errors on {name}: {m['errors']}"
    if m["expected"]:
        assert m["rendered"] >= m["expected"], f"{name}: {m['rendered']} of {m['expected']} formulas typeset"


@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_alt_text(reports, name):
    for img in reports(name).images:
        assert img["alt"] is not None, f"{name}: <img src={img['src']}...> has no alt attribute"
        if img["inArticle"]:
            assert img["alt"].strip(), f"{name}: content image {img['src']}... has empty alt text"


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(reports, name):
    r = reports(name)
    bad = [v for v in r.axe_light if v["impact"] in BLOCKING or v["id"] in ALWAYS_CHECKED]
    assert not bad, f"axe-core on {name} (light):\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in bad)


@pytest.mark.parametrize("name", PAGES)
def test_dark_mode_keeps_contrast(reports, name):
    bad = reports(name).axe_dark
    assert not bad, f"axe-core colour contrast on {name} (dark):\n" + "\n".join(
        f"  {v['impact']} {v['id']}\n    " + "\n    ".join(v["nodes"]) for v in bad)


@pytest.mark.parametrize("name", PAGES)
def test_every_explorer_control_changes_the_picture(reports, name):
    r = reports(name)
    if name.startswith("notebooks/"):
        assert r.controls, f"{name}: a lesson without a working explorer control"
    for c in r.controls:
        assert c["mouse"], f"{name}: moving {c['control']} ({c['kind']}) with the mouse left the picture unchanged"
        assert c["keyboard"], f"{name}: moving {c['control']} ({c['kind']}) from the keyboard left the picture unchanged"
        assert c.get("readout", True), f"{name}: {c['control']}'s value readout did not follow the slider"


@pytest.mark.parametrize("name", PAGES)
def test_every_quiz_question_gives_feedback(reports, name):
    r = reports(name)
    if name.startswith("notebooks/"):
        assert r.questions, f"{name}: a lesson without a quiz"
    for quiz in r.quizzes:  # jupyterquiz's library is a shared file: every quiz still finds it
        assert quiz["questions"], f"{name}: quiz {quiz['id']} was not drawn"
        assert quiz["live"], f"{name}: quiz {quiz['id']} has feedback that is not a polite live region"
    for q in r.questions:
        assert q["mouse"], f"{name}: no feedback after clicking an answer to {q['question']!r}"
        assert q["keyboard"], f"{name}: no feedback after answering {q['question']!r} from the keyboard"
        assert q["live"], f"{name}: feedback of {q['question']!r} is not announced (aria-live)"
        assert q.get("labelled", True), f"{name}: the answer box of {q['question']!r} has no label"
        assert q.get("focus_ring", True), f"{name}: no visible focus on the answers of {q['question']!r}"


@pytest.mark.parametrize("name", PAGES)
def test_every_solution_opens(reports, name):
    r = reports(name)
    if name.startswith("notebooks/"):
        assert r.solutions, f"{name}: a lesson without a hidden solution"
    for s in r.solutions:
        assert s["hidden_first"], f"{name}: solution {s['id']} is not hidden until asked for"
        assert s["opened"], f"{name}: solution {s['id']} did not open when its toggle was clicked"


# ----------------------------------------------------------------------------- offline, links

@pytest.mark.parametrize("lesson", [lesson_pages()[0], "notebooks/08_clinical_reasoning.html"])
def test_a_lesson_works_from_disk_with_the_network_unplugged(browser, book_html, lesson):
    """file:// with everything but file: and data: blocked: the lesson's math, explorers and quizzes
    work (Lesson 8 has several quizzes, all drawn by the one shared quiz library)."""
    report = PageReport(lesson)
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        _watch(page, ("file:", "data:"), report)
        page.goto((book_html / "index.html").as_uri())  # the redirect to the first page works too
        page.wait_for_url(re.compile(r".*/book/.*\.html"), timeout=10000)
        # the page the redirect lands on loads its scripts and later rules after its first paint: leaving
        # before they arrive would abort them and count as failed requests of a page that works
        page.wait_for_function(SCRIPTS_RAN, timeout=15000)
        page.goto((book_html / lesson).as_uri(), wait_until="load")
        _settle(page)
        math = _math(page)
        controls = _explorer_controls(page)
        quizzes = page.evaluate(_QUIZ_CONTAINERS)
        questions = _quiz_questions(page)
    finally:
        context.close()
    assert not report.outside and not report.missing and not report.console, (
        report.outside, report.missing, report.console)
    assert not math["errors"] and math["rendered"] >= math["expected"]
    assert controls and all(c["mouse"] and c["keyboard"] for c in controls)
    assert quizzes and all(q["questions"] and q["live"] for q in quizzes), quizzes
    assert questions and all(q["mouse"] and q["keyboard"] for q in questions)


def _targets(html: str):
    html = re.sub(r"(?s)<script\b[^>]*>.*?</script>", "", html)  # links built inside scripts are not links
    return re.findall(r'<(?:a|link)\b[^>]*\bhref="([^"]+)"|<(?:img|script)\b[^>]*\bsrc="([^"]+)"', html)


def test_every_internal_link_and_anchor_resolves(book_html):
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            text = path.read_text(encoding="utf-8", errors="replace")
            ids[path] = set(re.findall(r'\bid="([^"]+)"', text)) | set(re.findall(r'\bname="([^"]+)"', text))
        return ids[path]

    broken = []
    for page in sorted(book_html.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        for href, src in _targets(page.read_text(encoding="utf-8", errors="replace")):
            link = (href or src).replace("&amp;", "&")
            if urlparse(link).scheme or link.startswith(("//", "mailto:", "javascript:")):
                continue
            path, frag = urldefrag(link)
            path = path.split("?")[0]
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(book_html)} -> {link} (no such file)")
            elif frag and target.suffix == ".html" and unquote(frag) not in anchors(target):
                broken.append(f"{page.relative_to(book_html)} -> {link} (no such anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:40])


@pytest.mark.parametrize("where, how", [("dialog", "Enter"), ("dialog", "button"), ("search page", "button")])
def test_search_finds_the_lessons_from_every_search_form(browser, site_url, book_html, where, how):
    """The search box of any page leads to results, though only the search page loads the index; each
    search form has a visible submit button named "Search" (a form needs one: Enter is not the only way)
    that sends the query as Enter does."""
    lesson = lesson_pages()[0]
    assert "searchindex.js" not in (book_html / lesson).read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        if where == "dialog":
            page.goto(site_url + lesson, wait_until="load")
            # the theme's script, which opens the dialog, runs after the first paint (book/_ext/after_paint.py)
            page.wait_for_function(SCRIPTS_RAN, timeout=10000)
            page.locator("button.search-button__button").first.click()
            form = page.locator("#pst-search-dialog form.bd-search")
        else:
            page.goto(site_url + "search.html", wait_until="load")
            form = page.locator(".bd-search-container form.bd-search")
        button = form.locator("button[type=submit]")
        assert button.count() == 1 and button.is_visible(), f"{where}: no visible submit button"
        assert button.evaluate("b => b.textContent.trim()") == "Search"
        size = button.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, f"{where}: submit button {size}"
        box = form.locator("input[name=q]")
        box.fill("gluteus medius")
        box.press("Enter") if how == "Enter" else button.click()
        page.wait_for_url(re.compile(r".*/search\.html\?q=gluteus"), timeout=10000)
        page.wait_for_selector("#search-results li", timeout=15000)
        found = page.locator("#search-results li a").evaluate_all("els => els.map(e => e.href)")
    finally:
        page.close()
    assert any("notebooks/03_hip_drop.html" in href for href in found), found


def test_the_current_axe_core_finds_a_label_that_hides_the_visible_text(browser):
    """The label-in-name rule runs (it may ship disabled) and fails the markup the build mends: a code-cell
    toggle named "Toggle hidden content" showing "Show code cell source", the search button named
    "Search" showing "Search Ctrl+K"; the mended markup passes."""
    before = ('<details><summary aria-label="Toggle hidden content"><span>Show code cell source</span></summary>'
              '<p>x</p></details><button aria-label="Search">Search <kbd>Ctrl</kbd>+<kbd>K</kbd></button>')
    after = ('<details><summary><span>Show code cell source</span></summary><p>x</p></details>'
             '<button title="Search">Search <kbd>Ctrl</kbd>+<kbd>K</kbd></button>')
    page = browser.new_page()
    try:
        found = {}
        for what, body in (("before", before), ("after", after)):
            page.set_content(f'<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
                             f'<body><main><h1>t</h1>{body}</main></body></html>')
            found[what] = [v for v in _axe(page) if v["id"] in AXE_ENABLED]
    finally:
        page.close()
    assert found["before"] and len(found["before"][0]["nodes"]) == 2, found["before"]
    assert not found["after"], found["after"]


# ----------------------------------------------------------------------------- other readers

PHONE_WIDTHS = (320, 375)

_PHONE_CHECK = """() => {
    const doc = document.documentElement, out = [];
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} px wide in ${doc.clientWidth}`);
    const inView = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const clipped = el => {
        const r = el.getBoundingClientRect();
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const cs = getComputedStyle(a);
            if (/(hidden|clip|auto|scroll)/.test(cs.overflowX)) {
                const b = a.getBoundingClientRect();
                if (r.left < b.left - 1 || r.right > b.right + 1) return true;
            }
        }
        return r.left < -1 || r.right > doc.clientWidth + 1;
    };
    for (const c of document.querySelectorAll('.itb-control')) {
        const parts = c.querySelectorAll('label, input, select, output');
        for (const el of parts) {
            if (!inView(el)) { if (el.tagName === 'OUTPUT') out.push(`${c.querySelector('input,select').id}: readout not shown`); continue; }
            if (clipped(el)) out.push(`${(c.querySelector('input,select') || {}).id}: ${el.tagName.toLowerCase()} clipped`);
        }
        for (const el of c.querySelectorAll('input, select')) {
            const r = el.getBoundingClientRect();
            if (r.height < 24 || r.width < 24) out.push(`${el.id}: target ${Math.round(r.width)}x${Math.round(r.height)} px`);
        }
        const o = c.querySelector('output');
        if (o && o.textContent.trim() && o.scrollWidth > o.clientWidth + 1) out.push(`${o.id}: readout cut off`);
    }
    return out;
}"""


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("name", lesson_pages())
def test_on_a_phone_no_control_is_clipped_and_nothing_scrolls_sideways(browser, site_url, name, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + name, wait_until="load")
        _settle(page)
        problems = page.evaluate(_PHONE_CHECK)
        controls = page.locator(".itb-control").count()
    finally:
        context.close()
    assert controls, f"{name}: no explorer control to check"
    assert not problems, f"{name} at {width} px:\n  " + "\n  ".join(problems[:20])


#: What a frame shown on a phone is: its file, how it is scaled, whether it has a narrow version.
_SHOWN_FRAME = """fig => { const img = fig.querySelector('img.itb-frame:not([hidden])');
    if (!img || !img.complete || !img.naturalWidth) return null;
    const source = img.parentElement.tagName === 'PICTURE' ? img.parentElement.querySelector('source') : null;
    return {frame: img.dataset.frame, shown: img.currentSrc.split('/').pop(), wide: img.src.split('/').pop(),
            narrow: source ? new URL(source.srcset, document.baseURI).href.split('/').pop() : null,
            scale: img.getBoundingClientRect().width / img.naturalWidth,
            wideScale: Math.min(1, fig.querySelector('.itb-frames').clientWidth / Number(img.getAttribute('width')))}; }"""


@pytest.mark.parametrize("name", lesson_pages())
def test_on_a_phone_every_figure_shows_its_narrow_frames_near_full_size(browser, site_url, name):
    # every explorer has a narrow version of every frame (its panels stacked, or its own phone
    # layout): a phone shows it, its labels larger than the wide frame's by at least the width it
    # saves, before and after a control moves; a desktop shows the wide frame
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    seen, problems = 0, []
    try:
        page = context.new_page()
        page.goto(site_url + name, wait_until="load")
        page.wait_for_function(SCRIPTS_RAN, timeout=15000)  # explorer.js arrives after the first paint
        figs = page.locator("figure.itb-explorer:has(picture)")
        without = page.locator("figure.itb-explorer:not(:has(picture))").evaluate_all("fs => fs.map(f => f.id)")
        if without:
            problems.append(f"explorers without a narrow version: {without}")
        for i in range(figs.count()):
            fig = figs.nth(i)
            fig.scroll_into_view_if_needed()
            fig.page.wait_for_function(f"fig => ({_SHOWN_FRAME})(fig)", arg=fig.element_handle(), timeout=5000)
            shots = [fig.evaluate(_SHOWN_FRAME)]
            ctrl = fig.locator(".itb-controls input, .itb-controls select").first
            if ctrl.count():
                ctrl.focus()
                page.keyboard.press(ctrl.evaluate(_A_KEY_THAT_MOVES))
                fig.page.wait_for_function(f"([fig, at]) => {{ const s = ({_SHOWN_FRAME})(fig); "
                                           "return s && s.frame !== at; }",
                                           arg=[fig.element_handle(), shots[0]["frame"]], timeout=5000)
                shots.append(fig.evaluate(_SHOWN_FRAME))
            for shot in shots:
                seen += 1
                if shot["narrow"] is None or shot["shown"] != shot["narrow"]:
                    problems.append(f"{fig.get_attribute('id')} frame {shot['frame']}: shows {shot['shown']}, "
                                    f"not its narrow version {shot['narrow']}")
                elif shot["scale"] < min(1.0, shot["wideScale"] / narrow.MAX_SHARE) - 0.01:
                    problems.append(f"{fig.get_attribute('id')} frame {shot['frame']}: shown at {shot['scale']:.2f}, "
                                    f"the wide frame at {shot['wideScale']:.2f}")
        page.set_viewport_size({"width": 1280, "height": 900})
        wide = page.locator("figure.itb-explorer:has(picture)").first
        wide.scroll_into_view_if_needed()
        page.wait_for_function("fig => { const i = fig.querySelector('img.itb-frame:not([hidden])'); "
                               "return i.complete && i.currentSrc === i.src; }", arg=wide.element_handle(),
                               timeout=5000)
    finally:
        context.close()
    assert seen, f"{name}: no figure with a narrow version"
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


_VISIBLE_TEXT = "() => document.body.innerText"
_PRINT_CHECK = """() => {
    const shown = el => el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
    const ctrls = Array.from(document.querySelectorAll('.bd-article input, .bd-article select, .bd-article button, .bd-article textarea'))
        .filter(shown).map(e => e.outerHTML.slice(0, 80));
    const figs = Array.from(document.querySelectorAll('figure.itb-explorer')).map(f => {
        const img = Array.from(f.querySelectorAll('img')).filter(shown);
        const cap = f.querySelector('figcaption');
        return {id: f.id, pictures: img.length, loaded: img.every(i => i.complete && i.naturalWidth > 0),
                caption: !cap || (shown(cap) && cap.textContent.trim().length > 0),
                breaks: getComputedStyle(f).breakInside};
    });
    const quiz = Array.from(document.querySelectorAll('.itb-quiz-static')).filter(shown)
        .map(q => q.querySelectorAll('li').length);
    return {ctrls, figs, quiz};
}"""
TOGGLE_TEXTS = ("Click to show", "Click to hide", "Show code cell", "Hide code cell", "Show solution",
                "Hide solution", "Type numeric answer here", "Toggle hidden content", "need JavaScript",
                "needs JavaScript")


@pytest.mark.parametrize("name", lesson_pages())
def test_on_paper_no_control_or_toggle_text_and_every_picture_has_its_caption(browser, site_url, name):
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    try:
        page = context.new_page()
        page.goto(site_url + name, wait_until="load")
        _settle(page)
        page.evaluate(LOAD_PICTURES)  # as printing does: explorer.js fetches the lazy pictures
        page.emulate_media(media="print")
        page.wait_for_timeout(200)
        found = page.evaluate(_PRINT_CHECK)
        text = page.evaluate(_VISIBLE_TEXT)
    finally:
        context.close()
    assert not found["ctrls"], f"{name} prints controls: {found['ctrls'][:5]}"
    leaked = [t for t in TOGGLE_TEXTS if t.lower() in text.lower()]
    assert not leaked, f"{name} prints toggle or control text: {leaked}"
    assert found["figs"], f"{name}: no explorer picture on paper"
    for f in found["figs"]:
        assert f["pictures"] == 1 and f["loaded"], f"{name}: explorer {f['id']} prints {f['pictures']} pictures"
        assert f["caption"], f"{name}: explorer {f['id']} prints without its caption"  # (when it has one)
        assert f["breaks"] == "avoid", f"{name}: explorer {f['id']} may split across pages"
    assert found["quiz"] and all(n > 0 for n in found["quiz"]), f"{name}: the quiz is not listed on paper"


_NOSCRIPT_CHECK = """() => {
    const shown = el => el.checkVisibility() && el.getClientRects().length > 0;
    const figs = Array.from(document.querySelectorAll('figure.itb-explorer')).map(f => {
        const img = Array.from(f.querySelectorAll('img.itb-frame')).filter(shown);
        return {id: f.id, pictures: img.length, loaded: img.every(i => i.complete && i.naturalWidth > 0),
                alt: img.every(i => (i.alt || '').length > 20),
                controls: f.querySelectorAll('input, select').length,
                enabled: Array.from(f.querySelectorAll('input, select')).filter(c => !c.disabled).map(c => c.id),
                note: Array.from(f.querySelectorAll('.itb-noscript')).some(n => shown(n) && /JavaScript/.test(n.textContent))};
    });
    const quiz = Array.from(document.querySelectorAll('.itb-quiz-static')).filter(shown).map(q => ({
        questions: q.querySelectorAll('li').length,
        answersHidden: Array.from(q.querySelectorAll('details')).every(d => !d.open)}));
    const sols = Array.from(document.querySelectorAll('.bd-article .solution')).map(s => ({
        id: s.id, details: s.tagName === 'DETAILS', closed: s.tagName === 'DETAILS' && !s.open,
        bodyShown: Array.from(s.children).filter(c => c.tagName !== 'SUMMARY' && !c.classList.contains('admonition-title')).some(shown)}));
    return {figs, quiz, sols};
}"""


@pytest.mark.parametrize("name", lesson_pages())
def test_without_javascript_pictures_quiz_and_closed_solutions_remain(browser, site_url, name):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + name, wait_until="load")
        found = page.evaluate(_NOSCRIPT_CHECK)  # playwright's own scripts run with the page's off
    finally:
        context.close()
    assert found["figs"], f"{name}: no explorer"
    for f in found["figs"]:
        assert f["pictures"] == 1 and f["loaded"] and f["alt"], f"{name}: explorer {f['id']} lost its starting picture"
        assert not f["enabled"], f"{name}: explorer {f['id']} has controls that move without changing anything: {f['enabled']}"
        assert f["note"] or not f["controls"], f"{name}: explorer {f['id']} does not say its controls need JavaScript"
    assert found["quiz"] and all(q["questions"] > 0 for q in found["quiz"]), f"{name}: no quiz questions"
    assert all(q["answersHidden"] for q in found["quiz"]), f"{name}: quiz answers open without JavaScript"
    assert found["sols"], f"{name}: no solution"
    for s in found["sols"]:
        assert s["details"] and s["closed"] and not s["bodyShown"], f"{name}: solution {s['id']} is open: {s}"


# ----------------------------------------------------------------------------- HTML validity

def _all_pages(book_html: Path) -> list[Path]:
    return sorted(p for p in book_html.rglob("*.html")
                  if not {"_static", "_sources"} & set(p.relative_to(book_html).parts))


#: The Nu HTML Checker, the validator's own release on npm (pinned in tests/node/package-lock.json).
VNU_JAR = Path(__file__).parent / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(book_html):
    """The current Nu HTML Checker (it needs Java) finds no error."""
    import os
    import shutil
    import subprocess

    missing = ("NO JAVA: the HTML validity check did NOT run (apt-get install default-jre-headless)"
               if not shutil.which("java") else
               f"NO NU CHECKER: the HTML validity check did NOT run ({VNU_JAR} is missing: "
               "npm ci --prefix tests/node)" if not VNU_JAR.is_file() else None)
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    vnu = VNU_JAR
    pages = _all_pages(book_html)
    assert any(p.name.startswith("0") for p in pages)
    res = subprocess.run(["java", "-Xss1024k", "-jar", str(vnu), "--errors-only", "--format", "gnu",
                          *map(str, pages)], capture_output=True, text=True, timeout=600)
    errors = [line.replace(f"{book_html.as_uri()}/", "").replace(str(book_html) + "/", "")
              for line in (res.stdout + res.stderr).splitlines() if line.strip()]
    assert res.returncode == 0 and not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])


def test_no_id_is_used_twice_on_a_page(book_html):
    dupes = {}
    for page in _all_pages(book_html):
        text = re.sub(r"(?s)<script\b[^>]*>.*?</script>", "", page.read_text(encoding="utf-8"))
        ids = re.findall(r'\bid="([^"]+)"', text)
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            dupes[page.relative_to(book_html).as_posix()] = twice[:5]
    assert not dupes, dupes


def test_an_explorer_whose_frames_script_failed_asks_for_it_again(browser, site_url):
    # on a flaky network the first request for an explorer's other frames may fail: the next move retries
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    failed = []

    def fail_once(route):
        if not failed:
            failed.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    try:
        page = context.new_page()
        page.route("**/_static/frames/*.js", fail_once)
        page.goto(site_url + "notebooks/01_anatomy.html", wait_until="load")
        page.wait_for_function(SCRIPTS_RAN, timeout=15000)  # explorer.js arrives after the first paint
        fig = page.locator("figure.itb-explorer[data-frames]").first
        fig.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        assert failed and failed[0].endswith(fig.get_attribute("data-frames").lstrip("./")), \
            f"this explorer's frames script was not the first requested: {failed}"
        start = fig.evaluate(_VISIBLE_FRAME)
        ctrl = fig.locator(".itb-controls input, .itb-controls select").first
        ctrl.focus()
        page.keyboard.press(ctrl.evaluate(_A_KEY_THAT_MOVES))
        after = _frame_after(fig, start)
    finally:
        context.close()
    assert after and after != start, "after a failed frames script the picture never changes"


# ----------------------------------------------------------------------------- the purged stylesheet
#: What each element looks like, for comparing two loads of a page (sizes aside: a quiz shuffles
#: its answers on every load, so their boxes change height; everything that styles them is here).
_STYLES = """() => { const props = ['color', 'background-color', 'background-image', 'font-family', 'font-size',
    'font-weight', 'font-style', 'display', 'visibility', 'position', 'float', 'opacity', 'z-index',
    'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right',
    'padding-bottom', 'padding-left', 'border-top-width', 'border-top-color', 'border-left-width',
    'border-radius', 'text-align', 'text-decoration-line', 'list-style-type', 'white-space', 'overflow-x',
    'flex-direction', 'justify-content', 'grid-template-columns', 'box-shadow', 'outline-style', 'cursor'];
    return Array.from(document.querySelectorAll('body *')).map(el => {
        const cs = getComputedStyle(el);
        return el.tagName + ' ' + props.map(p => cs.getPropertyValue(p)).join('|'); }); }"""


def _whole_bundles(book_html: Path) -> dict[str, str]:
    """Each built bundle as it would be with no rule left out: its files, from bundles.json."""
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
    import css_bundle

    static = book_html / "_static"
    folder = (static / css_bundle.BUNDLE_DIR).resolve()
    manifest = json.loads((static / css_bundle.BUNDLE_DIR / css_bundle.MANIFEST).read_text(encoding="utf-8"))
    return {name: '@charset "UTF-8";\n' + "\n".join(css_bundle.stylesheet_text(static / f, folder) for f in files)
            for name, files in manifest.items()}


@pytest.mark.parametrize("width", (1280, 375))
def test_the_purged_stylesheet_styles_every_element_as_the_whole_one_does(browser, site_url, book_html, width):
    # the bundles leave out rules that match nothing in the site (css_bundle.purge) and move those only a
    # script's names match into a file loaded after the first paint (css_bundle.partition): loading each
    # page with the whole stylesheet instead must not change how any element is styled
    whole = _whole_bundles(book_html)
    pages = lesson_pages() + (["book/intro.html", "book/evidence.html", "search.html", "genindex.html",
                               "book/instructor-guide.html"] if width > 1000 else [])
    problems = []
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        for name in pages:
            looks = []
            for swap in (False, True):
                page = context.new_page()
                if swap:  # the whole bundle in place of the bundle, and nothing in place of its later rules
                    page.route("**/_static/styles/bundle-*.css", lambda route: route.fulfill(
                        status=200, content_type="text/css", body=whole.get(route.request.url.rsplit("/", 1)[1], "")))
                page.goto(site_url + name, wait_until="load")
                # the later rules arrive after the first paint and start the theme's transitions (a copy
                # button's background fades for 0.3 s): compare the styles they end at, not a moment of one
                page.add_style_tag(content="*, *::before, *::after { transition: none !important; "
                                           "animation: none !important; }")
                _settle(page)
                looks.append(page.evaluate(_STYLES))
                page.close()
            purged, full = looks
            if len(purged) != len(full):
                problems.append(f"{name}: {len(purged)} elements against {len(full)}")
                continue
            diff = [(i, a, b) for i, (a, b) in enumerate(zip(purged, full)) if a != b]
            if diff:
                i, a, b = diff[0]
                problems.append(f"{name}: {len(diff)} elements styled differently, first #{i}:\n    {a}\n    {b}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["book/intro.html", "notebooks/01_anatomy.html", "notebooks/06_self_care_and_return.html"])
def test_scripts_are_requested_after_the_first_paint_and_still_run(browser, site_url, name):
    # book/_ext/after_paint.py: the theme's and the course's scripts and the later rules wait for the
    # first contentful paint; once loaded, the theme's script and the course's have run as before
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + name, wait_until="load")
        _settle(page)
        timing = page.evaluate("""() => {
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const later = performance.getEntriesByType('resource')
                .filter(r => r.initiatorType === 'script' || r.name.includes('.later.css') || r.name.includes('logo_'))
                .map(r => [r.name.split('/').pop(), r.startTime]);
            return {paint: paint ? paint.startTime : null, later: later};
        }""")
        ran = page.evaluate("""() => ({
            theme: document.documentElement.dataset.theme || '',
            box: !!document.getElementById('itb-after-paint'),
            copy: document.querySelectorAll('.copybtn').length,
            signal: document.documentElement.dataset.afterPaint,
            tooltip: typeof window.bootstrap === 'object'})""")
    finally:
        context.close()
    assert timing["paint"] is not None, name
    names = [n for n, _ in timing["later"]]
    assert any(n.startswith("bootstrap.js") for n in names) and any(n.endswith(".later.css") for n in names), names
    early = [(n, round(t)) for n, t in timing["later"] if t < timing["paint"]]
    assert not early, f"{name}: requested before the first paint at {timing['paint']:.0f} ms: {early}"
    assert not any(n.startswith("logo_") for n in names), "the launch menu's logos wait for the menu"
    assert ran["tooltip"] and ran["theme"] in ("light", "dark") and ran["box"] and ran["signal"] == "ran", ran
    assert ran["copy"] or not name.startswith("notebooks/"), "copybutton.js ran: every code cell has its button"
