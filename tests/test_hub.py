"""The course on a real JupyterHub: a student follows a lesson's JupyterHub link in Chromium.

What runs, all on 127.0.0.1 with free ports and everything in a temporary folder:

- a git server speaking git's smart HTTP (``git http-backend``; tests/hub_helpers.py) serving,
  as a self-hosted git host would, a bare repository of this checkout: its HEAD on a clean
  checkout (CI), or HEAD with the changes not yet committed on a developer's (so that the
  student pulls the notebooks and ``itband`` the test's kernel imports);
- JupyterHub (pinned in requirements-dev.txt) configured by tests/hub_config.py: a shared
  password (SharedPasswordAuthenticator), SimpleLocalProcessSpawner, configurable-http-proxy
  (from npm: tests/node/),
  and each student's server is JupyterLab with nbgitpuller from this environment.

The link is the one the book's JupyterHub button carries (tools/launch.py, the code
book/_ext/launch_links.py uses, with ``launch_buttons`` and ``repository`` from _config.yml and
the test hub's address). The student opens it, signs in, and nbgitpuller clones the course into
their home folder and opens the lesson in JupyterLab; the test checks that the lesson is the
pulled copy at the served commit, runs it (Run All, no cell fails), moves its explorers' controls
(the figures change) and clicks a wrong and the right answer of its quiz (each answer's own
feedback), with no uncaught error and no console error in the page (tests/lab_helpers.py, shared
with tests/test_browser_live.py). Every process (hub, proxy, the student's server and kernel) and
the git server are stopped when the module ends, whatever happened; the test fails if one was
left running.

Needs: Chromium (as every browser test) and configurable-http-proxy (``npm ci --prefix tests/node``,
which .ci/run does; or $CONFIGURABLE_HTTP_PROXY naming the executable). Without either it skips,
loudly, unless CI is set, where it fails.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

from conftest import ROOT, lesson_pages
from hub_helpers import PROXY_ENV, GitHTTPServer, find_proxy, snapshot_repository
from itband.course import quiz
from lab_helpers import (LabClient, click_quiz_answer, free_port, move_explorers, run_lesson, stop_tree,
                         wait_until_up, watch, write_lab_settings)
from tools import launch

pytestmark = pytest.mark.browser

USER = "student"
LESSON = str(Path(lesson_pages()[0]).with_suffix(""))  # "notebooks/01_anatomy": the first lesson of the toc
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def lesson_link(hub_url: str, repo_url: str, page: str) -> str:
    """The JupyterHub link of ``page`` (a toc entry) as the book's button builds it, for a book
    whose repository is ``repo_url`` and whose hub is ``hub_url``."""
    repository = CONFIG.get("repository", {})
    buttons = {**CONFIG.get("launch_buttons", {}), "jupyterhub_url": hub_url}
    book = (repository.get("path_to_book") or "").strip("/")
    path = f"{book}/{page}.ipynb" if book else f"{page}.ipynb"
    return launch.launch_links(buttons, repo_url, repository.get("branch") or "main", path)["JupyterHub"]


@pytest.fixture(scope="module")
def proxy_path() -> str:
    path = find_proxy()
    if path:
        return path
    msg = (f"NO configurable-http-proxy FOUND (looked at ${PROXY_ENV}, tests/node/node_modules/.bin and PATH): "
           "the JupyterHub test did NOT run. Install it with `npm ci --prefix tests/node`.")
    if os.environ.get("CI"):
        pytest.fail(msg + " CI is set, so this is a failure.")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def git_server(tmp_path_factory):
    """This checkout (tests/hub_helpers.py's snapshot_repository), served over smart HTTP as
    <url>/<repository name>."""
    root = tmp_path_factory.mktemp("git")
    repo = launch.parse_repository(CONFIG["repository"]["url"])
    branch = CONFIG["repository"].get("branch") or "main"
    commit = snapshot_repository(ROOT, root / repo.name, branch)
    server = GitHTTPServer(root)
    try:
        server.repo_url, server.commit, server.branch = f"{server.url}/{repo.name}", commit, branch
        yield server
    finally:
        server.close()


class Hub:
    def __init__(self, url: str, token: str, password: str, work: Path, proc, log: Path):
        self.url, self.token, self.password, self.work, self.proc, self.log = url, token, password, work, proc, log
        self.api = LabClient(f"{url}/hub/", token).api

    def server(self, user: str) -> LabClient:
        """The REST API of ``user``'s server, through the proxy, with the service's token."""
        return LabClient(f"{self.url}/user/{user}/", self.token)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, chromium_path, proxy_path, student_env):
    """JupyterHub on 127.0.0.1 (tests/hub_config.py); everything it started is stopped at the end."""
    work = tmp_path_factory.mktemp("hub")
    ports = set()
    while len(ports) < 3:
        ports.add(free_port())
    port, api_port, proxy_api_port = sorted(ports)
    token, password = secrets.token_hex(16), secrets.token_urlsafe(16)
    env = {**student_env, "PYTHONUNBUFFERED": "1",
           "ITBAND_HUB_WORK": str(work), "ITBAND_HUB_PORT": str(port), "ITBAND_HUB_API_PORT": str(api_port),
           "ITBAND_HUB_PROXY_API_PORT": str(proxy_api_port), "ITBAND_HUB_PROXY": proxy_path,
           "ITBAND_HUB_PASSWORD": password, "ITBAND_HUB_USER": USER, "ITBAND_HUB_SERVICE_TOKEN": token,
           "ITBAND_HUB_LAB_SETTINGS": str(write_lab_settings(work / "lab-settings"))}
    log = work / "jupyterhub.log"
    cmd = [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(ROOT / "tests" / "hub_config.py")]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", token, password, work, proc, log)

    seen: dict = {}  # every process the hub started, kept while it runs (they outlive it if it dies)
    try:
        wait_until_up("JupyterHub", proc, log, lambda: hub.api("GET", "api/"))
        hub.seen = seen
        hub.remember = lambda: seen.update({p.pid: p for p in psutil.Process(proc.pid).children(recursive=True)})
        hub.remember()
        yield hub
    finally:
        try:
            hub.remember()
        except (psutil.Error, AttributeError):
            pass
        left = stop_tree(proc, timeout=30, known=list(seen.values()))
        still = [p.pid for p in seen.values() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if left:
            print(f"processes left running after JupyterHub stopped (now stopped): {left}")
        assert not still, f"processes of the hub still running after the test: {still}"


def test_student_follows_the_lesson_link_on_a_real_hub(browser, hub, git_server):
    started = time.monotonic()
    timings = {}
    link = lesson_link(hub.url, git_server.repo_url, LESSON)
    repo = launch.parse_repository(git_server.repo_url)
    notebook_path = f"{repo.name}/{LESSON}.ipynb"
    notebook = Path(LESSON).name + ".ipynb"
    assert link.startswith(f"{hub.url}/hub/user-redirect/git-pull?repo=")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        seen = watch(page, allowed=(hub.url + "/",))
        page.goto(link, wait_until="domcontentloaded")
        # not signed in: the hub's login page, which comes back to the link afterwards
        page.wait_for_selector("#username_input", timeout=30000)
        assert "/hub/login" in page.url, page.url
        page.fill("#username_input", USER)
        page.fill("#password_input", hub.password[::-1])  # a wrong password is refused
        page.click("#login_submit")
        page.wait_for_selector(".login_error", timeout=30000)
        assert "/hub/login" in page.url and not hub.api("GET", f"api/users/{USER}").get("servers")
        # the browser logs the refusal (403) as a console error: expected here, and only here
        assert all("403" in c and "/hub/login" in c for c in seen.console), seen.console
        seen.console.clear()
        page.fill("#username_input", USER)
        page.fill("#password_input", hub.password)
        page.click("#login_submit")
        # the hub starts the student's server, nbgitpuller clones the course and opens the lesson
        try:
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120000)
        except Exception:
            pytest.fail(f"the lesson did not open: at {page.url}:\n{page.inner_text('body')[-2000:]}\n"
                        f"hub log:\n{hub.log.read_text()[-3000:]}")
        timings["link opened to lesson open"] = time.monotonic() - started
        hub.remember()
        assert f"/user/{USER}/lab/" in page.url and page.url.rstrip("/").endswith(notebook_path), page.url
        pulled = hub.work / "home" / USER / repo.name
        assert (pulled / f"{LESSON}.ipynb").is_file(), f"nbgitpuller did not clone the course into {pulled}"
        head = subprocess.run(["git", "-C", str(pulled), "rev-parse", "HEAD"], capture_output=True, text=True)
        assert head.stdout.strip() == git_server.commit, "the lesson is not the served commit"
        origin = subprocess.run(["git", "-C", str(pulled), "remote", "get-url", "origin"],
                                capture_output=True, text=True).stdout.strip()
        assert origin == git_server.repo_url
        assert any(p.endswith("/git-upload-pack") for _, p, status in git_server.requests if status == "200")
        user = hub.api("GET", f"api/users/{USER}")
        assert user["servers"][""]["ready"], user

        server = hub.server(USER)
        run_lesson(page, server, notebook)
        hub.remember()
        timings["lesson run"] = time.monotonic() - started
        moved = move_explorers(page, notebook)
        bank = quiz.load(Path(LESSON).name)
        wrong = click_quiz_answer(page, notebook, bank, wrong=True)
        right = click_quiz_answer(page, notebook, bank, wrong=False)
        assert wrong != right
        timings["explorers and quiz"] = time.monotonic() - started
        problems = seen.problems()
        assert not problems, f"{notebook} on the hub: errors in the page: {problems}"
        assert not seen.outside, f"the page asked for outside addresses: {sorted(set(seen.outside))[:5]}"
    finally:
        shot = hub.work / "student-page.png"  # what the student saw last, success or failure
        try:
            page.screenshot(path=str(shot), full_page=False)
            print(f"hub: the student's page at the end: {shot}")
        except Exception as e:  # noqa: BLE001 - a screenshot must not hide the test's own failure
            print(f"hub: no screenshot ({e})")
        context.close()
        try:
            hub.api("DELETE", f"api/users/{USER}/server")
        except OSError:
            pass
    print(f"hub: {notebook} pulled at {git_server.commit[:10]}, {len(moved)} explorers redrawn "
          f"({', '.join(moved)}), quiz feedback shown; " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
