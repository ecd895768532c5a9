"""Lesson 8's cases in the built book, in headless Chromium: every branch of every case is walked.

For each case's quiz, every option of every step is clicked (and one per step is chosen from the
keyboard); the feedback shown must be that option's feedback from itband/data/cases.yaml, start
with its verdict ("Unsafe." for an unsafe choice), name a lesson, and sit in a polite live region
so that a screen reader reads it. Only the best option is marked correct. Uses the fixtures of
tests/conftest.py (the book built once per session, served on 127.0.0.1).
"""
from __future__ import annotations

import re

import pytest

from conftest import SCRIPTS_RAN
from itband.course import cases
from test_browser_live import lab  # noqa: F401  (the live suite's JupyterLab server, a fixture)

pytestmark = [pytest.mark.book, pytest.mark.browser]

PAGE = "notebooks/08_clinical_reasoning.html"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def walked(browser, site_url):
    """{case name: [(step index, option text, feedback shown, live, marked correct, keyboard ok)]}."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    out: dict[str, list[tuple]] = {}
    try:
        page = context.new_page()
        page.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort()
                   if not route.request.url.startswith("data:") else route.continue_())
        page.goto(site_url + PAGE, wait_until="load")
        page.wait_for_function(SCRIPTS_RAN, timeout=15000)
        page.wait_for_timeout(300)
        containers = page.locator("div[data-shufflequestions]")
        # the case quizzes are those whose first question is "Step 1 of 6 ..."
        found = []
        for i in range(containers.count()):
            first = containers.nth(i).locator("[id^=quizQn]").first
            if first.count() and first.inner_text().startswith("Step 1 of 6"):
                found.append(containers.nth(i))
        assert len(found) == len(cases.case_names()), f"expected {len(cases.case_names())} case quizzes"
        for name, box in zip(cases.case_names(), found):
            rows = []
            wraps = box.locator(".Quiz")
            for q in range(wraps.count()):
                wrap = wraps.nth(q)
                wrap.scroll_into_view_if_needed()
                fb = wrap.locator(".Feedback")
                buttons = wrap.locator(".MCButton")
                for b in range(buttons.count()):
                    button = buttons.nth(b)
                    button.click()
                    text = _norm(button.inner_text())
                    shown = _norm(fb.inner_text())
                    correct = "correctButton" in (button.get_attribute("class") or "").split()
                    fb.evaluate("el => { el.innerHTML = ''; }")
                    rows.append([q, text, shown, fb.get_attribute("aria-live") == "polite"
                                 and fb.get_attribute("role") == "status", correct, None])
                # the keyboard reaches the answers too: Space on the first (now unchecked) answer
                first = len(rows) - buttons.count()
                buttons.nth(0).locator("input").focus()
                page.keyboard.press("Space")
                rows[first][5] = _norm(fb.inner_text()) == rows[first][2]
            out[name] = rows
    finally:
        context.close()
    return out


@pytest.mark.parametrize("name", cases.case_names())
def test_every_branch_of_the_case_gives_its_own_feedback_in_the_book(walked, name):
    case = cases.load(name)
    rows = walked[name]
    assert len(rows) == len(case.options()), f"{name}: {len(rows)} options clicked, {len(case.options())} in the case"
    expected = {(i, _norm(o.text)): o for i, s in enumerate(case.steps) for o in s.options}
    seen = set()
    for q, text, shown, live, correct, keyboard in rows:
        option = expected.get((q, text))
        assert option is not None, f"{name} step {q + 1}: unexpected option {text!r}"
        seen.add((q, text))
        assert shown == _norm(option.full_feedback), f"{name} step {q + 1}, {text!r}: feedback {shown!r}"
        assert re.search(r"\bLesson \d\b", shown)
        assert shown.startswith("Unsafe.") == (option.verdict == "unsafe")
        assert live, f"{name} step {q + 1}: feedback is not a polite live region"
        assert correct == (option.verdict == "best")
        assert keyboard in (None, True), f"{name} step {q + 1}: no feedback when answered from the keyboard"
    assert seen == set(expected), f"{name}: options never shown: {sorted(set(expected) - seen)}"


# ----------------------------------------------------------------------------- in JupyterLab

def test_every_branch_gives_announced_feedback_in_a_live_kernel(browser, lab):
    """The lesson run in JupyterLab (the live suite's server): in every case, every option's
    feedback appears, is that option's, and sits in a polite live region; so does every answer's
    feedback in the lesson's own quiz. The jupyterquiz adapter makes them live regions (the book's
    a11y.js is not loaded in JupyterLab)."""
    from test_browser_live import _ALL_RAN, _menu, _start_kernel, _wait_idle

    notebook = "08_clinical_reasoning.ipynb"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{lab.base}lab/workspaces/cases/tree/{notebook}?reset&token={lab.token}",
                  wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
        _start_kernel(page, lab, notebook)
        _menu(page, "Run", "runmenu:run-all")
        page.wait_for_function(_ALL_RAN, timeout=180000)
        _wait_idle(lab, notebook)
        page.wait_for_timeout(1000)
        containers = page.locator(".jp-OutputArea-output div[data-shufflequestions]")
        is_case = [containers.nth(i).locator("[id^=quizQn]").first.inner_text().startswith("Step 1 of 6")
                   for i in range(containers.count())]
        boxes = [containers.nth(i) for i in range(containers.count()) if is_case[i]]
        lesson_quizzes = [containers.nth(i) for i in range(containers.count()) if not is_case[i]]
        assert len(boxes) == len(cases.case_names())
        assert lesson_quizzes, "the lesson's own quiz is not drawn in JupyterLab"
        for box in lesson_quizzes:
            wraps = box.locator(".Quiz")
            assert wraps.count() > 0
            for q in range(wraps.count()):
                wrap, fb = wraps.nth(q), wraps.nth(q).locator(".Feedback")
                answer = wrap.locator(".MCButton")
                if not answer.count():
                    continue  # a numeric question: typed, not clicked
                answer.first.scroll_into_view_if_needed()
                answer.first.click()
                assert _norm(fb.inner_text()), f"lesson quiz question {q + 1}: no feedback in JupyterLab"
                assert fb.get_attribute("aria-live") == "polite" and fb.get_attribute("role") == "status", \
                    f"lesson quiz question {q + 1}: feedback not announced in JupyterLab"
        for name, box in zip(cases.case_names(), boxes):
            case = cases.load(name)
            expected = {(i, _norm(o.text)): o for i, s in enumerate(case.steps) for o in s.options}
            seen = set()
            wraps = box.locator(".Quiz")
            for q in range(wraps.count()):
                wrap, fb = wraps.nth(q), wraps.nth(q).locator(".Feedback")
                buttons = wrap.locator(".MCButton")
                for b in range(buttons.count()):
                    buttons.nth(b).scroll_into_view_if_needed()
                    buttons.nth(b).click()
                    text = _norm(buttons.nth(b).inner_text())
                    option = expected[(q, text)]
                    seen.add((q, text))
                    assert _norm(fb.inner_text()) == _norm(option.full_feedback), f"{name} step {q + 1}: {text!r}"
                    assert fb.get_attribute("aria-live") == "polite" and fb.get_attribute("role") == "status", \
                        f"{name} step {q + 1}: not announced"
            assert seen == set(expected), f"{name}: options never shown in JupyterLab"
    finally:
        context.close()
