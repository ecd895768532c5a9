"""The built book's interactive parts in Firefox as well as Chromium: every explorer control swaps
the picture from the keyboard and from a click, every quiz question gives feedback, every solution
opens, and no page logs an error.

Firefox (Debian package ``firefox-esr``, which ``.ci/run`` installs) is driven over WebDriver BiDi
by puppeteer-core (npm, pinned in tests/node/package-lock.json; ``make test`` runs ``npm ci --prefix
tests/node``), so no geckodriver is needed: ``tests/node/firefox_check.mjs`` does the clicking and
prints a report per page. Without Firefox or the npm packages the tests skip, loudly, except under
CI, where they fail.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, lesson_pages

pytestmark = [pytest.mark.book, pytest.mark.browser]

NODE_DIR = ROOT / "tests" / "node"
CHECK = NODE_DIR / "firefox_check.mjs"
FIREFOX_ENV = "FIREFOX"
FIREFOX_CANDIDATES = ("/usr/bin/firefox-esr", "/usr/bin/firefox")


def find_firefox() -> str | None:
    """``$FIREFOX``, else Debian's firefox-esr or firefox; None if there is none."""
    named = os.environ.get(FIREFOX_ENV)
    if named:
        return named if os.access(named, os.X_OK) else None
    return next((c for c in FIREFOX_CANDIDATES if os.access(c, os.X_OK)), None)


def _missing() -> str | None:
    if not find_firefox():
        return (f"NO FIREFOX FOUND (looked for ${FIREFOX_ENV}, {', '.join(FIREFOX_CANDIDATES)}): the Firefox tests "
                "did NOT run. Install it with `apt-get install firefox-esr`.")
    if not shutil.which("node"):
        return "NO NODE.JS: the Firefox tests did NOT run. Install the Debian packages nodejs and npm."
    if not (NODE_DIR / "node_modules" / "puppeteer-core").is_dir():
        return "puppeteer-core is not installed: the Firefox tests did NOT run. Run `npm ci --prefix tests/node`."
    return None


@pytest.fixture(scope="module")
def reports(site_url) -> dict[str, dict]:
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(why + " CI is set, so this is a failure.")
        pytest.skip(why)
    pages = lesson_pages()
    proc = subprocess.run(["node", str(CHECK), find_firefox(), site_url, *pages], capture_output=True,
                          text=True, timeout=900, cwd=NODE_DIR, env={**os.environ, "MOZ_HEADLESS": "1"})
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and len(lines) == len(pages), \
        f"firefox_check.mjs exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return {r["page"]: r for r in map(json.loads, lines)}


def _report(reports: dict, name: str) -> dict:
    r = reports[name]
    assert "failure" not in r, f"{name} in {r['browser']}: the checker stopped: {r['failure'][:1500]}"
    return r


@pytest.mark.parametrize("name", lesson_pages())
def test_every_explorer_control_swaps_the_picture_in_firefox(reports, name):
    r = _report(reports, name)
    assert r["explorers"], f"{name}: no explorer control found in {r['browser']}"
    stuck = [(e["control"], k) for e in r["explorers"] for k in ("keyboard", "mouse") if not e[k]]
    assert not stuck, f"{name} in {r['browser']}: the picture did not change for {stuck}"
    unloaded = [e["control"] for e in r["explorers"] if not e["loaded"]]
    assert not unloaded, f"{name} in {r['browser']}: the frame shown after moving {unloaded} did not load or has no alt text"


@pytest.mark.parametrize("name", lesson_pages())
def test_every_quiz_question_gives_feedback_in_firefox(reports, name):
    r = _report(reports, name)
    assert r["quizzes"], f"{name}: no quiz question found in {r['browser']}"
    silent = [q["question"] for q in r["quizzes"] if not q["feedback"]]
    assert not silent, f"{name} in {r['browser']}: no feedback for {silent}"


@pytest.mark.parametrize("name", lesson_pages())
def test_every_solution_opens_in_firefox_and_no_page_logs_an_error(reports, name):
    r = _report(reports, name)
    assert r["solutions"], f"{name}: no solution found in {r['browser']}"
    shut = [s["id"] for s in r["solutions"] if not (s["hiddenFirst"] and s["opened"])]
    assert not shut, f"{name} in {r['browser']}: solutions not hidden first or not opening: {shut}"
    assert not r["errors"], f"{name} in {r['browser']}: {r['errors'][:5]}"


def test_the_checker_names_what_it_needs():
    proc = subprocess.run(["node", str(CHECK)], capture_output=True, text=True, timeout=60, cwd=NODE_DIR) \
        if shutil.which("node") and (NODE_DIR / "node_modules" / "puppeteer-core").is_dir() else None
    if proc is None:
        pytest.skip(_missing() or "node is missing")
    assert proc.returncode == 2 and "usage: node firefox_check.mjs" in proc.stderr
