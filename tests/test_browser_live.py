"""The path a student in a live kernel takes: JupyterLab in headless Chromium.

JupyterLab (pinned in requirements-dev.txt) is started on 127.0.0.1 with a random free port and a
random token, in a temporary copy of the lesson notebooks (so no checkpoint or workspace file
is written into the repository; ``itband`` comes from the environment's editable install).
For every lesson in ``_toc.yml`` the test opens the notebook, runs all cells, checks that no
cell raised, then moves each explorer's first control (slider by keyboard, dropdown, checkbox)
and asserts the figure (the ``<img>`` in the widget's HTML) changes. Then it clicks a wrong and
the right answer of the lesson's quiz (jupyterquiz, shown by ``itband.course.quiz.show``) and
checks each answer's own feedback appears. The page must raise no uncaught error and log no
console error on the way (such as jupyterquiz's ``MathJax.typeset is not a function`` when an
answer is clicked, which ``itband/course/adapters/jupyterquiz.py`` prevents). The kernel is shut
down after each lesson and the server when the module ends, whatever happened. The steps are in
``tests/lab_helpers.py``, shared with the JupyterHub test (``tests/test_hub.py``).
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, lesson_pages
from itband.course import quiz
from lab_helpers import (ALL_RAN, LabClient, click_quiz_answer, free_port, menu, move_explorers, run_lesson,
                         start_kernel, stop_tree, wait_idle, wait_until_up, watch, write_lab_settings)

pytestmark = pytest.mark.browser

LESSONS = [Path(p).with_suffix(".ipynb").name for p in lesson_pages()]

# The names tests/test_browser_cases.py takes from here.
_ALL_RAN, _menu, _start_kernel, _wait_idle = ALL_RAN, menu, start_kernel, wait_idle


class Lab(LabClient):
    def __init__(self, base: str, token: str, proc, log: Path):
        super().__init__(base, token)
        self.proc, self.log = proc, log


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium_path, student_env):
    """A JupyterLab server on 127.0.0.1 for this module; stopped at the end whatever happened."""
    work = tmp_path_factory.mktemp("lab")
    nb_dir = work / "notebooks"
    nb_dir.mkdir()
    for name in LESSONS:
        shutil.copy(ROOT / "notebooks" / name, nb_dir / name)
    settings = write_lab_settings(work / "settings")
    port, token = free_port(), secrets.token_hex(16)
    env = {**student_env, "JUPYTER_CONFIG_DIR": str(work / "config"),
           "JUPYTER_RUNTIME_DIR": str(work / "runtime"), "PYTHONUNBUFFERED": "1"}
    log = work / "jupyterlab.log"
    cmd = [str(Path(sys.executable).with_name("jupyter-lab")), "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={nb_dir}",
           f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={work / 'workspaces'}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.news_url=",
           "--LabApp.extension_manager=readonly",
           "--ServerApp.shutdown_no_activity_timeout=900"]  # a safety net: it also stops on its own
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        cmd.append("--allow-root")
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=nb_dir, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}/", token, proc, log)
    try:
        wait_until_up("JupyterLab", proc, log, lambda: server.api("GET", "api/status"))
        yield server
    finally:
        try:
            if proc.poll() is None:
                server.shutdown_kernels()
        except OSError:
            pass
        stop_tree(proc)  # the server, and any kernel it left


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_runs_its_explorers_redraw_and_its_quiz_answers(browser, lab, notebook):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    moved: list[str] = []
    try:
        page = context.new_page()
        seen = watch(page, allowed=(lab.base,))
        # a workspace of its own per lesson, so that no earlier lesson's tab is restored beside it
        workspace = Path(notebook).stem.replace("_", "-")
        page.goto(f"{lab.base}lab/workspaces/{workspace}/tree/{notebook}?reset&token={lab.token}",
                  wait_until="domcontentloaded")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
        run_lesson(page, lab, notebook)
        moved = move_explorers(page, notebook)
        bank = quiz.load(Path(notebook).stem)
        wrong = click_quiz_answer(page, notebook, bank, wrong=True)
        right = click_quiz_answer(page, notebook, bank, wrong=False)
        assert wrong != right
        problems = seen.problems()
        assert not problems, f"{notebook}: errors in JupyterLab: {problems}"
    finally:
        context.close()
        try:
            lab.shutdown_kernels()
        except OSError:
            pass
    print(f"{notebook}: {len(moved)} live explorers redrawn ({', '.join(moved)}); quiz feedback shown")
    if seen.outside:
        print(f"{notebook}: JupyterLab asked for {len(seen.outside)} outside URLs (blocked): "
              f"{sorted(set(seen.outside))[:5]}")
