"""Driving a lesson in JupyterLab from headless Chromium, the way a student does.

Shared by ``tests/test_browser_live.py`` (JupyterLab started on its own) and ``tests/test_hub.py``
(the same JupyterLab as a student's server behind JupyterHub). Every step waits on what the page
or the server's REST API shows, never on a fixed delay alone:

- :class:`LabClient`: the server's REST API (kernels, sessions) with a token;
- :func:`watch`: every uncaught page error and every ``console.error`` of a page, and any request
  for an address outside the servers under test (blocked, so the tests need no internet);
- :func:`run_lesson`: start the kernel, clear the saved outputs, Run All, check no cell failed;
- :func:`move_explorers`: move each explorer's first control and see its figure change;
- :func:`click_quiz_answer`: click an answer of the lesson's quiz and read its feedback;
- :func:`stop_tree`: stop a server and every process it started, whatever state it is in.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# JupyterLab settings for a test server: no news or update checks, no virtualised notebook (all
# cells stay in the page so every explorer can be found), no autosave. Written into the folder
# JupyterLab reads as its user settings (--LabApp.user_settings_dir or $JUPYTERLAB_SETTINGS_DIR).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings":
        {"autosave": False},
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_lab_settings(folder: Path) -> Path:
    """Write :data:`LAB_SETTINGS` into ``folder`` (created); return it."""
    for rel, value in LAB_SETTINGS.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    return folder


class LabClient:
    """A Jupyter server's REST API: ``base`` is the server's URL ending in '/', e.g.
    ``http://127.0.0.1:8888/`` or, behind a hub, ``http://127.0.0.1:8000/user/student/``."""

    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def api(self, method: str, path: str, timeout: float = 10):
        req = urllib.request.Request(self.base + path, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def session(self, notebook: str):
        """The kernel session of ``notebook`` (a file name), or None."""
        return next((s for s in self.api("GET", "api/sessions") or []
                     if s.get("path", "").endswith(notebook) and s.get("kernel")), None)

    def shutdown_kernels(self):
        for session in self.api("GET", "api/sessions") or []:
            self.api("DELETE", f"api/sessions/{session['id']}")
        for kernel in self.api("GET", "api/kernels") or []:
            self.api("DELETE", f"api/kernels/{kernel['id']}")


# ------------------------------------------------------------------------------ the page

@dataclass
class Watch:
    """What a page did that a student should never see: see :func:`watch`."""
    errors: list = field(default_factory=list)     # uncaught errors, with their stack
    console: list = field(default_factory=list)    # console.error messages
    outside: list = field(default_factory=list)    # blocked requests to other addresses

    def problems(self) -> list[str]:
        """Uncaught errors and console errors."""
        return self.errors + [f"console.error: {c}" for c in self.console]


def watch(page, allowed: tuple[str, ...]) -> Watch:
    """Record ``page``'s uncaught errors and console errors; block (and record) every request
    whose URL does not start with one of ``allowed`` (``data:`` and ``blob:`` always pass)."""
    seen = Watch()

    def route(r):
        if r.request.url.startswith((*allowed, "data:", "blob:")):
            r.continue_()
        else:
            seen.outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: seen.errors.append(f"{e}\n{e.stack or ''}"))
    page.on("console", lambda m: seen.console.append(f"{m.text} ({m.location.get('url', '')})")
            if m.type == "error" else None)
    return seen


ALL_RAN = """() => {
    const prompts = Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'));
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""

_EXPLORERS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output .widget-vbox'))
    .filter(box => box.querySelector(':scope > .widget-html img'))"""

_IMG = "box => { const img = box.querySelector(':scope > .widget-html img'); return img ? img.src : null; }"


def menu(page, menu_name: str, command: str):
    """Click ``command`` (a data-command, e.g. ``runmenu:run-all``) in the menu bar's ``menu_name``."""
    page.locator(".lm-MenuBar-item", has_text=menu_name).first.click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def wait_idle(lab: LabClient, notebook: str, timeout: float = 120):
    """Wait until ``notebook``'s kernel is idle (``timeout`` in seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = lab.session(notebook)
        if s and s["kernel"].get("execution_state") == "idle":
            return
        time.sleep(0.3)
    pytest.fail(f"{notebook}: the kernel did not become idle within {timeout:.0f} s")


def start_kernel(page, lab: LabClient, notebook: str, timeout: float = 60):
    """JupyterLab may ask which kernel to start: accept its proposal (the notebook's python3)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        s = lab.session(notebook)
        if s and s["kernel"].get("execution_state") == "idle":
            page.wait_for_timeout(300)
            return
        page.wait_for_timeout(300)
    pytest.fail(f"{notebook}: no kernel started within {timeout:.0f} s")


def run_lesson(page, lab: LabClient, notebook: str, run_timeout_ms: int = 180000):
    """With ``notebook`` open in ``page``: start its kernel, clear the saved outputs (so that what
    follows can only come from this run), Run All, wait for every cell, fail if one raised."""
    start_kernel(page, lab, notebook)
    menu(page, "Edit", "editmenu:clear-all")
    page.wait_for_function("() => document.querySelectorAll('.jp-Notebook .jp-OutputArea-output').length === 0",
                           timeout=20000)
    menu(page, "Run", "runmenu:run-all")
    page.wait_for_function(ALL_RAN, timeout=run_timeout_ms)
    wait_idle(lab, notebook)
    failed = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
    assert failed.count() == 0, f"{notebook}: a cell failed:\n{failed.first.inner_text()[:2000]}"


def move_explorers(page, notebook: str, limit: int | None = None) -> list[str]:
    """Move the first control of each live explorer (of the first ``limit``; all if None): a
    slider by keyboard, a dropdown to its next option, a checkbox by a click; fail unless each
    explorer's figure (the ``<img>`` in its HTML) changes. Returns the kinds of control moved."""
    page.wait_for_function(f"() => ({_EXPLORERS})().length > 0", timeout=30000)
    boxes = page.evaluate_handle(_EXPLORERS)
    count = page.evaluate("b => b.length", boxes)
    assert count > 0, f"{notebook}: no live explorer rendered"
    moved: list[str] = []
    for i in range(count if limit is None else min(limit, count)):
        box = page.evaluate_handle("([b, i]) => b[i]", [boxes, i])
        first = box.as_element().query_selector(":scope > .widget-inline-hbox, :scope > .jupyter-widgets")
        assert first is not None, f"{notebook}: explorer {i} has no control"
        first.scroll_into_view_if_needed()
        before = page.evaluate(_IMG, box)
        kind = first.evaluate("""c => c.querySelector('.noUi-handle') ? 'slider'
                               : c.querySelector('select') ? 'dropdown'
                               : c.querySelector('input[type=checkbox]') ? 'checkbox' : 'other'""")
        if kind == "slider":
            handle = first.query_selector(".noUi-handle")
            handle.focus()
            at_max = handle.evaluate("h => +h.getAttribute('aria-valuenow') >= +h.getAttribute('aria-valuemax')")
            page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
        elif kind == "dropdown":
            sel = first.query_selector("select")
            n, cur = sel.evaluate("s => [s.options.length, s.selectedIndex]")
            sel.select_option(index=(cur + 1) % n)
        elif kind == "checkbox":
            first.query_selector("input[type=checkbox]").click()
        else:
            pytest.fail(f"{notebook}: explorer {i}'s first control is not a slider, dropdown or checkbox")
        page.wait_for_function("([b, before]) => { const img = b.querySelector(':scope > .widget-html img');"
                               " return img && img.src !== before; }", arg=[box, before], timeout=20000)
        moved.append(kind)
    return moved


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def click_quiz_answer(page, notebook: str, bank: list[dict], wrong: bool = True) -> str:
    """Click one answer of the first multiple-choice question of the lesson's quiz (a wrong one if
    ``wrong``, else the right one) and return the feedback shown. ``bank`` is the quiz's questions
    as ``itband.course.quiz.load`` gives them: the answer clicked must be one of the bank's, marked
    right or wrong as the bank says, and the feedback shown must be its own."""
    page.wait_for_function("() => document.querySelectorAll('.jp-OutputArea-output .Quiz .MCButton').length > 0",
                           timeout=30000)
    # the first question whose answers are the bank's (a lesson may show other quizzes first)
    index = page.evaluate("""fbs => { const mine = new Set(fbs);
        return [...document.querySelectorAll('.jp-OutputArea-output .Quiz')].findIndex(
            w => [...w.querySelectorAll('.MCButton')].some(b => mine.has(b.dataset.feedback))); }""",
                          [a.get("feedback") for q in bank for a in q["answers"]])
    assert index >= 0, f"{notebook}: no multiple-choice question of the lesson's quiz bank is shown"
    wrap = page.locator(".jp-OutputArea-output .Quiz").nth(index)
    buttons = wrap.locator(".MCButton")
    pick = next((buttons.nth(b) for b in range(buttons.count())
                 if (buttons.nth(b).get_attribute("data-correct") == "true") != wrong), None)
    assert pick is not None, f"{notebook}: no {'wrong' if wrong else 'right'} answer to click"
    given = pick.get_attribute("data-feedback")
    answer = next((a for q in bank for a in q["answers"] if a.get("feedback") == given), None)
    assert answer is not None, f"{notebook}: the answer's feedback {given!r} is not in the lesson's quiz bank"
    assert bool(answer.get("correct")) != wrong, f"{notebook}: the answer is marked unlike its bank entry"
    pick.scroll_into_view_if_needed()
    pick.click()
    verdict = "incorrect" if wrong else "correct"
    fb = wrap.locator(".Feedback")
    page.wait_for_function("([fb, v]) => fb.classList.contains(v) && fb.textContent.trim().length > 0",
                           arg=[fb.element_handle(), verdict], timeout=10000)
    shown = _norm(fb.inner_text())
    # the text up to the first formula, link or markup, which jupyterquiz shows as written
    expected = _norm(re.split(r"[$\[<\\*`]", answer["feedback"])[0])[:40]
    assert shown.startswith(expected), \
        f"{notebook}: feedback {shown!r} is not the answer's own ({answer['feedback']!r})"
    marked = (pick.get_attribute("class") or "").split()
    assert ("incorrectButton" if wrong else "correctButton") in marked, f"{notebook}: the answer clicked is not marked"
    # what jupyterquiz does after a click (typesetting; its 500 ms timer) gets time to fail
    page.wait_for_timeout(1200)
    return shown


# ------------------------------------------------------------------------------ processes

def wait_until_up(name: str, proc: subprocess.Popen, log: Path, probe, timeout: float = 90):
    """Wait until ``probe()`` returns without an OSError (``timeout`` in seconds); fail with the
    tail of ``log`` if ``proc`` exits first or the time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{name} exited at start:\n" + log.read_text(errors="replace")[-4000:])
        try:
            probe()
            return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"{name} did not start within {timeout:.0f} s:\n" + log.read_text(errors="replace")[-4000:])
            time.sleep(0.5)


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def stop_tree(proc: subprocess.Popen, timeout: float = 20, known: list | None = None) -> list[str]:
    """Stop ``proc`` with SIGTERM (SIGKILL after ``timeout`` seconds), then every process it had
    started, even those in sessions of their own (a hub's proxy and user servers, their kernels):
    its descendants found before it stops, plus ``known`` (psutil processes seen earlier).
    Returns those left running once ``proc`` had stopped, as 'pid name' strings (they are then
    terminated, and killed if they do not stop within 5 s)."""
    import psutil

    family = {p.pid: p for p in (known or [])}
    family.update({p.pid: p for p in _descendants(proc.pid)})
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def running(p):
        try:
            return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    left = [p for p in family.values() if running(p)]
    names = []
    for p in left:
        try:
            names.append(f"{p.pid} {p.name()}")
            p.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(left, timeout=5)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=5)
    try:  # anything else still in its process group
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return names
