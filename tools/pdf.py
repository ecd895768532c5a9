"""Handouts: `make pdf` (after `make book`) prints the built course to PDF.

Headless Chromium (the one the browser tests drive, through playwright) opens every page of the
book from ``_build/html``, waits until its formulas are typeset and its pictures loaded, and
prints it with the book's print stylesheet: no controls, no toggle labels, each explorer's
starting picture with its caption, every quiz as a numbered list of questions with its options.
Solutions and quiz answers stay closed unless asked for (``--solutions``; ``make pdf
SOLUTIONS=1``).

Writes ``<out>/NN_topic.pdf`` for every lesson and ``<out>/course.pdf``: every page of the table of
contents, in its order, as one file.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
#: A4 with margins wide enough for a hole punch.
PAGE = {"format": "A4", "margin": {"top": "16mm", "bottom": "16mm", "left": "18mm", "right": "14mm"}}


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every page of ``_toc.yml``, in reading order, as built paths (``notebooks/01_anatomy.html``)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                pages.append(e["file"])
            walk(e.get("sections"))
            walk(e.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [str(Path(p).with_suffix("")) + ".html" for p in pages]


def find_chromium() -> str | None:
    """The Chromium to drive: $CHROMIUM if set, else the Debian package's binary, else one on PATH
    (the PDF handouts and the browser test suite both use this one)."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


#: What a compressing host (GitHub Pages, most web servers) sends gzip-compressed.
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml")


class _Gzip(_Quiet):
    """Sends text files gzip-compressed to a client that accepts it, as a compressing host does."""

    def do_GET(self):
        import gzip
        import urllib.parse

        path = Path(self.translate_path(urllib.parse.urlsplit(self.path).path))
        if (path.is_file() and path.suffix in COMPRESSED_SUFFIXES
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@contextmanager
def served(folder: Path, compress: bool = False):
    """``folder`` served on a free port of 127.0.0.1 (yields its address); ``compress``: text files
    gzip-compressed, as a compressing host serves them."""
    handler = _Gzip if compress else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


#: What a browser does when the reader prints (explorer.js then fetches the pictures it loads
#: lazily), and a wait until every picture of the article has arrived (the launch menu's logos,
#: lazy and hidden, never print and never load). The print test runs it too.
LOAD_PICTURES = """() => { window.dispatchEvent(new Event('beforeprint'));
    return Promise.all(Array.from(document.querySelectorAll('.bd-article img')).filter(i => !i.complete)
        .map(i => new Promise(r => { i.onload = i.onerror = r; }))); }"""
#: True once a built page's scripts have run and its later rules have arrived: they load after the first
#: paint (book/_ext/after_paint.py), so on a fast local server they may still be on their way at the load
#: event.
SCRIPTS_RAN = ("() => !document.getElementById('itb-after-paint') "
               "|| document.documentElement.dataset.afterPaint === 'ran'")
_READY = """async (solutions) => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
    document.querySelectorAll('details.itb-solution, .itb-quiz-static details').forEach(d => { d.open = solutions; });
    return document.fonts ? document.fonts.ready.then(() => true) : true;
}"""


def print_pages(html: Path, pages: list[str], out: Path, solutions: bool = False) -> dict[str, Path]:
    """Print each of ``pages`` (paths inside the built book ``html``) to ``out``; returns page -> PDF."""
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if not chromium:
        raise SystemExit("make pdf needs Chromium (Debian package `chromium`, or set CHROMIUM=/path/to/chrome)")
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    with served(html) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 794, "height": 1123}, color_scheme="light")
            for name in pages:
                page = context.new_page()
                page.goto(base + name, wait_until="load")
                page.wait_for_function(SCRIPTS_RAN, timeout=30000)
                page.wait_for_timeout(700)  # jupyterquiz draws its quizzes on a 500 ms timer
                page.evaluate(_READY, solutions)
                page.evaluate(LOAD_PICTURES)
                page.emulate_media(media="print")
                target = out / (Path(name).stem + ".pdf")
                page.pdf(path=str(target), print_background=False, **PAGE)
                written[name] = target
                page.close()
        finally:
            browser.close()
    return written


def build(html: Path, out: Path, solutions: bool = False) -> list[Path]:
    """Every lesson as its own PDF and the whole course as ``course.pdf``; returns the files written."""
    from pypdf import PdfWriter

    pages = [p for p in toc_pages() if (html / p).is_file()]
    missing = [p for p in toc_pages() if not (html / p).is_file()]
    if missing:
        raise SystemExit(f"not built: {missing} (run `make book` first)")
    with_tmp = out / ".pages"
    written = print_pages(html, pages, with_tmp, solutions=solutions)
    files = []
    for name, pdf in written.items():
        if name.startswith("notebooks/"):
            target = out / pdf.name
            pdf.replace(target)
            written[name] = target
            files.append(target)
    course = PdfWriter()
    for name in pages:
        course.append(str(written[name]), outline_item=None)
    target = out / "course.pdf"
    with target.open("wb") as fh:
        course.write(fh)
    for leftover in with_tmp.glob("*.pdf"):
        leftover.unlink()
    with_tmp.rmdir()
    return [target, *files]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built book")
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    ap.add_argument("--solutions", action="store_true", help="print solutions and quiz answers open")
    args = ap.parse_args(argv)
    if not (args.html / "index.html").is_file():
        raise SystemExit(f"no built book in {args.html}: run `make book` first")
    for f in build(args.html, args.out, solutions=args.solutions):
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
