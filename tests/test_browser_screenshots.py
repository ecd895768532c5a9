"""Screenshots for review: a full-page PNG of every lesson page, in light and in dark mode.

``make screenshots`` runs this file as a script on the built book (``_build/html``) and writes
``_build/screenshots/NN_topic-light.png`` and ``...-dark.png``::

    .venv/bin/python tests/test_browser_screenshots.py _build/html _build/screenshots

The test below runs the same code on the first lesson of the session's build, so the
command cannot silently break.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CHROMIUM_ARGS, SCRIPTS_RAN, find_chromium, lesson_pages  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def take_screenshots(browser, base: str, out_dir: Path, pages: list[str]) -> list[Path]:
    """Full-page PNGs of ``pages`` (paths under ``base``) in light and dark mode; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for mode in ("light", "dark"):
        context = browser.new_context(color_scheme=mode, viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:"))
                       else r.abort())
            for name in pages:
                page.goto(base + name, wait_until="load")
                page.wait_for_function(SCRIPTS_RAN, timeout=15000)
                page.wait_for_function("() => !window.MathJax || !MathJax.startup || MathJax.startup.promise")
                page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise.then(() => 1) : 0")
                page.wait_for_timeout(600)
                out = out_dir / f"{Path(name).stem}-{mode}.png"
                page.screenshot(path=str(out), full_page=True)
                written.append(out)
        finally:
            context.close()
    return written


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the built book (_build/html)")
    parser.add_argument("out", type=Path, help="where the PNGs go (_build/screenshots)")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if not chromium:
        print("No Chromium found ($CHROMIUM, /usr/bin/chromium): install the Debian package `chromium`.",
              file=sys.stderr)
        return 2
    pages = [p for p in lesson_pages() if (args.html / p).exists()]
    from playwright.sync_api import sync_playwright

    server, base = serve(args.html)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                for path in take_screenshots(browser, base, args.out, pages):
                    print(path)
            finally:
                browser.close()
    finally:
        server.shutdown()
    return 0


@pytest.mark.book
@pytest.mark.browser
def test_screenshots_are_written_in_light_and_dark(browser, site_url, tmp_path):
    from PIL import Image, ImageStat

    first = lesson_pages()[0]
    files = take_screenshots(browser, site_url, tmp_path, [first])
    assert [f.name for f in files] == [f"{Path(first).stem}-light.png", f"{Path(first).stem}-dark.png"]
    light, dark = (Image.open(f).convert("L") for f in files)
    assert light.height > 2000, "a full-page screenshot of a lesson is long"
    # dark mode really is dark: the page's mean brightness drops a lot
    assert ImageStat.Stat(dark).mean[0] < ImageStat.Stat(light).mean[0] - 60


if __name__ == "__main__":
    sys.exit(main())
