"""Shared fixtures: the book is built once per test session, warning-free, into a temporary folder."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tools.pdf import SCRIPTS_RAN, CHROMIUM_CANDIDATES, find_chromium, toc_pages  # noqa: F401 - one reader of the toc, one Chromium finder, one signal

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

# Hypothesis: on a developer's machine, fresh random examples every run, with the example database
# in .hypothesis/examples replaying any failure found until it is fixed; in CI (CI set, as .ci/run
# does), the same examples every run (derandomized: a red run is a real change, and it reproduces
# locally with HYPOTHESIS_PROFILE=ci). A failure worth keeping is written into its test with
# @example(...), beside a comment saying what it found.
settings.register_profile("dev", deadline=None,
                          database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")))
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the whole book with -W -n --keep-going; return the folder holding index.html."""
    out = tmp_path_factory.mktemp("book")
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run(
        [str(jb), "build", str(ROOT), "--path-output", str(out),
         "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True, text=True, cwd=ROOT,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, "the book build failed or warned:\n" + log[-6000:]
    html = out / "_build" / "html"
    assert (html / "index.html").exists()
    return html


@pytest.fixture
def book_frames(monkeypatch):
    """Run the test as the book build does: every explorer frame pre-rendered."""
    from itband.course.explorer import BOOK_FRAMES_ENV

    monkeypatch.setenv(BOOK_FRAMES_ENV, "1")


@pytest.fixture(scope="session")
def student_env() -> dict:
    """The environment of a student's kernel: no book frames."""
    from itband.course.explorer import kernel_env

    return kernel_env(book_frames=False)


# --------------------------------------------------------------------------- browser suites
# tests/test_browser_static.py (the built book) and tests/test_browser_live.py (JupyterLab)
# drive the system Chromium with playwright. Without a Chromium they skip, loudly, unless CI
# is set, where a missing browser fails the run.

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
_BROWSER_SKIPS: list[str] = []


def lesson_pages() -> list[str]:
    """The lesson pages in the toc (notebooks/NN_*.html)."""
    return [p for p in toc_pages() if p.startswith("notebooks/")]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path:
        return path
    msg = ("NO CHROMIUM FOUND (looked for $CHROMIUM, " + ", ".join(CHROMIUM_CANDIDATES)
           + "): the browser tests did NOT run. Install it with `apt-get install chromium`.")
    if os.environ.get("CI"):
        pytest.fail(msg + " CI is set, so this is a failure.")
    _BROWSER_SKIPS.append(msg)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def browser(chromium_path):
    """A headless Chromium per test module, closed when the module ends, whatever happened.

    Module scope on purpose: while playwright's sync API is active it marks its own asyncio loop
    as running in this thread, which would confuse later asyncio users (nbval, nbclient)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def book_html(request) -> Path:
    """The built book for the browser tests: the session's build (``built_book``), or, to iterate
    on the browser tests without rebuilding, an existing build named by $BOOK_HTML."""
    override = os.environ.get("BOOK_HTML")
    if override:
        path = Path(override)
        assert (path / "index.html").exists(), f"BOOK_HTML={override} holds no built book"
        return path
    return request.getfixturevalue("built_book")


@pytest.fixture(scope="session")
def site_url(book_html):
    """The built book served on 127.0.0.1 (a random free port); yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def pytest_terminal_summary(terminalreporter):
    if _BROWSER_SKIPS:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(_BROWSER_SKIPS[0], red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)

