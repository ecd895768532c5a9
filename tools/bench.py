"""What students and readers wait for, measured: `make bench` (after `make book`).

Prints one table and writes it as JSON to _build/bench.json:

* per lesson: fresh-kernel execution as a student runs it (median of 3), split
  into kernel start + the import cell vs the lesson's own cells; and once as
  the book executes it, pre-rendering every explorer frame;
* per explorer: median and 95th percentile of one live redraw to a position
  not drawn before (the callback a control triggers, figure drawn to the Agg
  canvas; a position already visited is kept and costs nothing), and the time
  and bytes to pre-render its frames for the book;
* the book: cold build (empty cache, every notebook executed) in a temporary
  copy of the course, cached rebuild with nothing changed and with one lesson
  changed, peak memory of the build (all its processes together);
* page weight of every built page in _build/html (HTML plus the local files it
  loads) and the size of the whole site;
* the ratio of the cold build to the sum of bare notebook executions (run as
  the book runs them, every frame pre-rendered);
* Lighthouse on every page, mobile preset on its simulated slow 4G, median of 3
  runs: performance and accessibility scores, first and largest contentful
  paint, total blocking time, layout shift, bytes transferred, and the savings
  it suggests (`--lighthouse-only` for these alone; without Lighthouse installed
  they are "not measured" and the install command is printed).

Targets (issues 10 and 18) are printed beside each figure. This is a measurement, not
a test: it always exits 0 unless something fails to run.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python tools/bench.py`
    sys.path.insert(0, str(ROOT))

from tools.pdf import CHROMIUM_ARGS, find_chromium, served  # noqa: E402 - one server, one Chromium finder

BIN = Path(sys.executable).parent
TARGETS = {
    "redraw_median_ms": 100, "redraw_p95_ms": 200, "own_cells_s": 5.0, "run_all_s": 8.0,
    "cold_build_s": 90, "cached_rebuild_s": 15, "page_mb": 2.5, "site_mb": 40, "peak_build_mb": 2048,
    "lighthouse_performance": 90, "lcp_ms": 2500,
}


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


# ----------------------------------------------------------------- notebooks

def time_notebook(path: Path, book_frames: bool = False) -> dict:
    """Execute once in a fresh kernel, as a student does (or as the book does, with
    ``book_frames``); return kernel+imports and own-cells seconds."""
    import nbformat
    from nbclient import NotebookClient

    from itband.course.explorer import kernel_env

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    with client.setup_kernel(env=kernel_env(book_frames)):
        first = True
        t_imports = None
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, i)
            if first:
                t_imports = time.perf_counter() - t0
                first = False
        total = time.perf_counter() - t0
    return {"start_and_imports_s": t_imports, "own_cells_s": total - t_imports, "run_all_s": total}


def bench_notebooks(repeats: int = 3) -> dict:
    out = {}
    for path in lessons():
        runs = [time_notebook(path) for _ in range(repeats)]
        out[path.stem] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        out[path.stem]["book_run_all_s"] = time_notebook(path, book_frames=True)["run_all_s"]
    return out


# ----------------------------------------------------------------- explorers

def collect_explorers(path: Path) -> list:
    """Run a lesson's code in this process and return the explorers it makes."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell

    from itband.course import explorer as ex_mod

    made = []
    original = ex_mod.Explorer.__init__

    def recording_init(self, *a, **k):
        original(self, *a, **k)
        made.append(self)

    ex_mod.Explorer.__init__ = recording_init
    shell = InteractiveShell.instance()
    cells = nbformat.read(path, as_version=4).cells
    cwd = os.getcwd()
    try:
        os.chdir(path.parent)
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in cells:
                if cell.cell_type == "code":
                    shell.run_cell(cell.source, silent=True)
    finally:
        os.chdir(cwd)
        ex_mod.Explorer.__init__ = original
    return [e for e in made if e.params]


def bench_explorer(ex, redraws: int = 20) -> dict:
    from itband.course import explorer as ex_mod

    ex_mod.static_face._CACHE.clear()
    os.environ[ex_mod.BOOK_FRAMES_ENV] = "1"
    try:
        t = time.perf_counter()
        html = ex.static_html()
        prerender_s = time.perf_counter() - t
    finally:
        del os.environ[ex_mod.BOOK_FRAMES_ENV]
    ex._widget = None
    box = ex.widget()  # as in a student's kernel: the starting position is drawn when it is shown
    start = ex_mod.static_face.frame_key(ex.defaults())
    times = []
    controls = box.controls
    for k in range(3 * redraws):
        if len(times) == redraws:
            break
        ctrl = controls[k % len(controls)]
        options = _control_values(ctrl)
        value = options[(k // len(controls) + 1) % len(options)]
        if value == ctrl.value:
            value = options[(options.index(value) + 1) % len(options)]
        for key in [key for key in ex._drawn if key != start]:
            del ex._drawn[key]  # time a position not drawn before, the slow case
        t = time.perf_counter()
        ctrl.value = value  # fires the same callback a reader's drag does
        elapsed = (time.perf_counter() - t) * 1000
        now = ex_mod.static_face.frame_key({p.name: c.value for p, c in zip(ex.params, controls)})
        if now != start:  # back at the start is shown from memory, not drawn: not timed
            times.append(elapsed)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {"redraw_median_ms": statistics.median(times), "redraw_p95_ms": p95,
            "frames": ex.frame_count, "prerender_s": prerender_s, "static_kb": len(html) / 1024}


def _control_values(ctrl) -> list:
    if hasattr(ctrl, "options"):
        return [v for _, v in ctrl.options] if isinstance(ctrl.options[0], tuple) else list(ctrl.options)
    if isinstance(ctrl.value, bool):
        return [False, True]
    n = int(round((ctrl.max - ctrl.min) / ctrl.step))
    return [ctrl.min + ctrl.step * i for i in range(0, n + 1, max(1, n // 6))]


def bench_explorers() -> dict:
    from itband.course import explorer as ex_mod

    out = {}
    for path in lessons():
        explorers = collect_explorers(path)
        ex_mod._SETTLED = False  # each lesson has a kernel of its own: settle once per lesson, as there
        for i, ex in enumerate(explorers, 1):
            label = f"{path.stem} #{i} ({', '.join(p.name for p in ex.params)})"
            out[label] = bench_explorer(ex)
    return out


# ----------------------------------------------------------------- the book

def _tree_rss_mb(pid: int) -> float:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc] + proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def timed_build(src: Path) -> tuple[float, float]:
    """Build the book in ``src``; return (seconds, peak MB of the build's processes together)."""
    cmd = [str(BIN / "jupyter-book"), "build", str(src), "--warningiserror", "--nitpick", "--keep-going"]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=src, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0.0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    log, _ = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError("book build failed:\n" + log[-4000:])
    return time.perf_counter() - t, peak[0]


def _edit_one_code_cell(path: Path) -> None:
    """Change a lesson as an author would (a comment in its last code cell), so the cache must re-run it."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = [c for c in nb.cells if c.cell_type == "code"][-1]
    cell.source += "\n# edited"
    nbformat.write(nb, path)


def bench_book() -> dict:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "course"
        for f in files:
            if (ROOT / f).is_file():
                (src / f).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / f, src / f)
        cold, peak = timed_build(src)
        cached, _ = timed_build(src)
        lesson = lessons()[0].name
        _edit_one_code_cell(src / "notebooks" / lesson)
        one_changed, _ = timed_build(src)
    return {"cold_build_s": cold, "cached_rebuild_s": cached, "one_lesson_changed_s": one_changed,
            "changed_lesson": lesson, "peak_build_mb": peak}


# ----------------------------------------------------------------- page weight

def book_pages(html_dir: Path) -> list[Path]:
    """The pages a reader opens in the built book ``html_dir``: every chapter and lesson (not the
    redirecting index, the generated index or the search page)."""
    return [p for p in sorted(html_dir.rglob("*.html"))
            if p.relative_to(html_dir).parts[0] not in ("_static", "_sources", "_images")
            and p.name not in ("genindex.html", "search.html", "index.html")]


def page_weights(html_dir: Path) -> dict:
    """Bytes each page makes a browser download: the HTML, and every file it then loads.

    Measured in headless Chromium (what MathJax fetches on demand included) when
    it is installed; otherwise by reading the files the HTML names.
    """
    pages = book_pages(html_dir)
    first: dict = {}
    try:
        weights = _browser_weights(html_dir, pages, first)
        method = "headless Chromium"
    except Exception as exc:  # noqa: BLE001 - no browser: fall back to the static reading
        print(f"(page weights read from the files, not measured in a browser: {exc})")
        first.clear()
        weights = {str(p.relative_to(html_dir)): _static_weight(p) for p in pages}
        method = "files named in the HTML"
    site = sum(f.stat().st_size for f in html_dir.rglob("*") if f.is_file()) / 2**20
    html_kib = {str(p.relative_to(html_dir)): p.stat().st_size / 2**10 for p in pages}
    return {"pages_mb": weights, "largest_page": max(weights, key=weights.get) if weights else None,
            "html_kib": html_kib, "first_load_mb": first, "site_mb": site, "method": method}


def _browser_weights(html_dir: Path, pages: list[Path], first_load: dict | None = None) -> dict:
    """MB each page loads once the network is idle (explorer frames fetched after load included);
    ``first_load`` gets the MB received before the page's load event (what the first paint waits for)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with served(html_dir) as base:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium() or "/usr/bin/chromium",
                                         args=CHROMIUM_ARGS + ["--disable-background-networking"])
            for page_path in pages:
                rel = str(page_path.relative_to(html_dir))
                page = browser.new_page()
                sizes, before_load, loaded = {}, {}, []

                def on_response(resp, sizes=sizes, before_load=before_load, loaded=loaded):
                    if resp.url.startswith(base):
                        try:
                            sizes[resp.url] = len(resp.body())
                        except Exception:  # noqa: BLE001 - a response without a body
                            return
                        if not loaded:
                            before_load[resp.url] = sizes[resp.url]

                page.on("response", on_response)
                page.on("load", lambda _page, loaded=loaded: loaded.append(True))
                page.goto(base + rel, wait_until="networkidle")
                page.wait_for_timeout(500)
                out[rel] = sum(sizes.values()) / 2**20
                if first_load is not None:
                    first_load[rel] = sum(before_load.values()) / 2**20
                page.close()
            browser.close()
    return out


def _static_weight(page: Path) -> float:
    text = page.read_text(errors="replace")
    size = len(text.encode())
    seen = set()
    for ref in re.findall(r'(?:src|href)="([^"#?]+)', text):
        if ref.startswith(("http:", "https:", "data:", "mailto:")) or not ref.endswith(
                (".js", ".css", ".png", ".svg", ".woff", ".woff2", ".jpg")):
            continue
        target = (page.parent / ref).resolve()
        if target.is_file() and target not in seen:
            seen.add(target)
            size += target.stat().st_size
    return size / 2**20


# ----------------------------------------------------------------- Lighthouse

#: The Lighthouse release the figures in the README were measured with (npm package `lighthouse`).
LIGHTHOUSE_VERSION = "13.5.0"
#: Where `make bench` looks for it first (outside the checkout, so `make clean` keeps it).
LIGHTHOUSE_PREFIX = Path.home() / ".cache" / "itband" / "lighthouse"
LIGHTHOUSE_INSTALL = f"npm install --prefix {LIGHTHOUSE_PREFIX} lighthouse@{LIGHTHOUSE_VERSION}"
#: Lighthouse's mobile preset (a 412 x 823 px phone screen) on its standard simulated slow 4G:
#: 150 ms round trip, 1.6 Mbit/s down, the CPU 4 times slower than this one.
LIGHTHOUSE_ARGS = ["--output=json", "--output-path=stdout", "--quiet", "--form-factor=mobile",
                   "--throttling-method=simulate", "--only-categories=performance,accessibility"]
#: figure in bench.json -> the Lighthouse audit whose ``numericValue`` it is
LIGHTHOUSE_AUDITS = {
    "fcp_ms": "first-contentful-paint",    # first contentful paint, ms (simulated)
    "lcp_ms": "largest-contentful-paint",  # largest contentful paint, ms (simulated)
    "tbt_ms": "total-blocking-time",       # total blocking time, ms (simulated)
    "cls": "cumulative-layout-shift",      # cumulative layout shift, unitless
    "transfer_bytes": "total-byte-weight", # bytes transferred until the page settled
}
LIGHTHOUSE_CATEGORIES = {"performance": "performance", "accessibility": "accessibility"}  # scores 0-100


def find_lighthouse() -> str | None:
    """The Lighthouse command line: $LIGHTHOUSE if set, else the one installed under
    $LIGHTHOUSE_PREFIX or ~/.cache/itband/lighthouse (``npm install --prefix``), else one on PATH."""
    env = os.environ.get("LIGHTHOUSE")
    if env:
        return env if os.access(env, os.X_OK) else None
    prefixes = [os.environ.get("LIGHTHOUSE_PREFIX"), LIGHTHOUSE_PREFIX]
    for prefix in filter(None, prefixes):
        cli = Path(prefix) / "node_modules" / ".bin" / "lighthouse"
        if os.access(cli, os.X_OK):
            return str(cli)
    return shutil.which("lighthouse")


def lighthouse_figures(lhr: dict) -> dict:
    """The figures of one Lighthouse report (the JSON of ``lighthouse --output=json``).

    Returns the performance and accessibility scores (0-100), first and largest contentful
    paint and total blocking time (ms, simulated), cumulative layout shift (unitless) and the
    bytes transferred. A report without them (a failed run) raises ValueError naming what is missing.

    Also the first paint and the load event as seen in the unthrottled trace (ms; None when the
    report does not have them). The simulation counts every request started before the seen
    paint, so a paint seen late (headless Chromium on a busy machine can hold a loaded page's
    first frame back by a second or two) makes the simulated paints late as well.
    """
    if not isinstance(lhr, dict) or not isinstance(lhr.get("audits"), dict) \
            or not isinstance(lhr.get("categories"), dict):
        keys = sorted(lhr)[:8] if isinstance(lhr, dict) else "-"
        raise ValueError("report: not a Lighthouse result (expected a JSON object with 'audits' and "
                         f"'categories', got {type(lhr).__name__} with keys {keys})")
    url = lhr.get("finalDisplayedUrl") or lhr.get("requestedUrl") or "?"
    if lhr.get("runtimeError"):
        err = lhr["runtimeError"]
        raise ValueError(f"report: Lighthouse failed on {url}: {err.get('code')}: {err.get('message')}")
    out = {}
    for name, category in LIGHTHOUSE_CATEGORIES.items():
        score = lhr["categories"].get(category, {}).get("score")
        if not isinstance(score, (int, float)):
            raise ValueError(f"report: category {category!r} of {url} has no score (got {score!r}); "
                             f"run Lighthouse with --only-categories={','.join(LIGHTHOUSE_CATEGORIES)}")
        out[name] = round(score * 100)
    for name, audit_id in LIGHTHOUSE_AUDITS.items():
        audit = lhr["audits"].get(audit_id) or {}
        value = audit.get("numericValue")
        if not isinstance(value, (int, float)):
            why = audit.get("errorMessage") or ("no such audit" if not audit else "no numericValue")
            raise ValueError(f"report: audit {audit_id!r} of {url} has no figure ({why})")
        out[name] = value
    seen = (((lhr["audits"].get("metrics") or {}).get("details") or {}).get("items") or [{}])[0]
    out["observed_fcp_ms"] = seen.get("observedFirstContentfulPaint")
    out["observed_load_ms"] = seen.get("observedLoad")
    return out


def lighthouse_savings(lhr: dict, most: int = 8) -> list[dict]:
    """What Lighthouse says would speed the page up most: its failing audits with estimated
    savings, largest first (by the paint or blocking time they would save, then by bytes).

    Each is ``{"audit", "title", "estimate", "fcp_ms", "lcp_ms", "tbt_ms", "bytes"}``; ms are the
    simulated first/largest paint or blocking time saved, ``bytes`` is None when the audit does not say.
    """
    if most < 1:
        raise ValueError(f"most: at least 1 audit, got {most}")
    found = []
    for audit_id, audit in lhr.get("audits", {}).items():
        saved = audit.get("metricSavings") or {}
        score = audit.get("score")
        details = audit.get("details") or {}
        bytes_saved = details.get("overallSavingsBytes")
        if score is None or score >= 0.9 or not (any(saved.values()) or bytes_saved):
            continue
        found.append({"audit": audit_id, "title": audit.get("title", audit_id),
                      "estimate": audit.get("displayValue", ""),
                      "fcp_ms": saved.get("FCP", 0), "lcp_ms": saved.get("LCP", 0), "tbt_ms": saved.get("TBT", 0),
                      "bytes": bytes_saved})
    found.sort(key=lambda f: (-max(f["lcp_ms"], f["fcp_ms"], f["tbt_ms"]), -(f["bytes"] or 0), f["audit"]))
    return found[:most]


def summarise_lighthouse(reports: list[dict]) -> dict:
    """One page's figures from several Lighthouse runs: the median of each figure (CPU time on a
    shared machine varies between runs), the spread of the performance score, and the savings
    Lighthouse lists in the run whose performance score is the median one."""
    if not reports:
        raise ValueError("reports: at least 1 Lighthouse report per page, got 0")
    runs = [lighthouse_figures(r) for r in reports]
    out = {}
    for name in runs[0]:
        values = [run[name] for run in runs if run[name] is not None]
        out[name] = statistics.median(values) if values else None
    scores = [run["performance"] for run in runs]
    out["runs"] = len(runs)
    out["performance_range"] = [min(scores), max(scores)]
    # Lighthouse's measure of this CPU (about 1000-2000 on a mid-range laptop; lower means the
    # 4x slowdown is applied to a slow or busy CPU, and blocking time reads high)
    index = [r.get("environment", {}).get("benchmarkIndex") for r in reports]
    out["benchmark_index"] = statistics.median(i for i in index if i is not None) if any(index) else None
    out["warnings"] = sorted({w for r in reports for w in r.get("runWarnings", [])})
    middle = sorted(range(len(runs)), key=lambda i: scores[i])[(len(runs) - 1) // 2]
    out["savings"] = lighthouse_savings(reports[middle])
    return out


def _load() -> dict:
    """The machine's load average over 1, 5 and 15 minutes (as `uptime` prints it) and its CPUs."""
    one, five, fifteen = os.getloadavg()
    return {"load_1_5_15_min": [round(one, 2), round(five, 2), round(fifteen, 2)], "cpus": os.cpu_count()}


def bench_lighthouse(html_dir: Path, runs: int = 3, reports_dir: Path | None = None,
                     compressed: bool = False) -> dict:
    """Lighthouse on every page of the built book ``html_dir``, served from 127.0.0.1, ``runs``
    times each (the median is kept). Each report is written to ``reports_dir`` when given.
    ``compressed``: text files are served gzip-compressed, as GitHub Pages serves them.

    Without Lighthouse (or Chromium) returns ``{"measured": False, "why": ..., "install": ...}``.
    """
    if not 1 <= runs <= 20:
        raise ValueError(f"runs: 1 to 20 Lighthouse runs per page, got {runs}")
    cli, chromium = find_lighthouse(), find_chromium()
    if cli is None or chromium is None:
        if cli is None:
            env_cli = os.environ.get("LIGHTHOUSE")
            why = f"LIGHTHOUSE={env_cli} is not an executable file" if env_cli else "Lighthouse is not installed"
        else:
            why = "no Chromium (install the Debian package `chromium`, or set CHROMIUM=/path/to/chrome)"
        return {"measured": False, "why": why, "install": LIGHTHOUSE_INSTALL}
    env = dict(os.environ, CHROME_PATH=chromium)
    flags = "--chrome-flags=" + " ".join(["--headless=new"] + CHROMIUM_ARGS)
    try:
        version = subprocess.run([cli, "--version"], capture_output=True, text=True, env=env, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"measured": False, "why": f"{cli} does not run: {exc}", "install": LIGHTHOUSE_INSTALL}
    if version.returncode != 0:
        why = f"{cli} --version exited {version.returncode}: {version.stderr.strip()[-300:]} (it needs Node.js)"
        return {"measured": False, "why": why, "install": LIGHTHOUSE_INSTALL}
    version = version.stdout.strip()
    out = {"measured": True, "version": version, "cli": cli, "runs_per_page": runs, "load_before": _load(),
           "compressed": compressed, "pages": {}}
    if reports_dir is not None:
        reports_dir.mkdir(parents=True, exist_ok=True)
    with served(html_dir, compress=compressed) as base:
        for page in book_pages(html_dir):
            rel = page.relative_to(html_dir).as_posix()
            reports = []
            try:
                for i in range(runs):
                    proc = subprocess.run([cli, base + rel, flags, *LIGHTHOUSE_ARGS], capture_output=True,
                                          text=True, env=env, timeout=600)
                    try:  # a page Lighthouse could not load still has a report, saying why
                        reports.append(json.loads(proc.stdout))
                    except json.JSONDecodeError:
                        raise RuntimeError(f"lighthouse exited {proc.returncode} without a report: "
                                           f"{proc.stderr.strip()[-500:]}") from None
                    if reports_dir is not None:
                        (reports_dir / f"{rel.replace('/', '_')}.{i + 1}.json").write_text(proc.stdout)
                out["pages"][rel] = summarise_lighthouse(reports)
                out.setdefault("settings", {key: reports[0]["configSettings"].get(key) for key in
                                            ("formFactor", "throttlingMethod", "throttling", "screenEmulation")})
            except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
                out["pages"][rel] = {"error": str(exc)}
            print(f"  lighthouse {rel}: {_lighthouse_row(out['pages'][rel])}", flush=True)
    out["load_after"] = _load()
    return out


def _lighthouse_row(r: dict) -> str:
    if "error" in r:
        return f"not measured: {r['error']}"
    spread = r.get("performance_range", [r["performance"]] * 2)
    seen = (f"{r['observed_fcp_ms'] / 1000:4.1f}/{r['observed_load_ms'] / 1000:3.1f}s"
            if r.get("observed_fcp_ms") is not None and r.get("observed_load_ms") is not None else "   -    ")
    return (f"{r['performance']:4.0f} ({spread[0]:.0f}-{spread[1]:.0f}) {r['fcp_ms'] / 1000:5.1f}s "
            f"{r['lcp_ms'] / 1000:5.1f}s {r['tbt_ms']:5.0f}ms {r['cls']:5.3f} {r['accessibility']:4.0f} "
            f"{r['transfer_bytes'] / 2**10:7.0f} KiB {seen}  {_mark(r['performance'], 90, lower_is_better=False)} "
            f"{_mark(r['lcp_ms'], 2500)}")


def lighthouse_report(lh: dict) -> list[str]:
    """The Lighthouse rows of the printed table."""
    if not lh.get("measured"):
        return ["", f"Lighthouse: not measured ({lh.get('why', 'not run')}). "
                    f"To measure it: {lh.get('install', LIGHTHOUSE_INSTALL)}",
                "  (or set LIGHTHOUSE=/path/to/lighthouse), then: tools/bench.py --lighthouse-only"]
    t = (lh.get("settings") or {}).get("throttling") or {}
    load = lh["load_before"]["load_1_5_15_min"]
    lines = ["", f"Lighthouse {lh['version']}, mobile, simulated slow 4G ({t.get('rttMs', '?')} ms RTT, "
                 f"{t.get('throughputKbps', 0) / 1024:.1f} Mbit/s, "
                 f"CPU {t.get('cpuSlowdownMultiplier', '?')}x slower), "
                 f"median of {lh['runs_per_page']}; load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
                 f"on {lh['load_before']['cpus']} CPUs at the start; "
                 + ("served gzip-compressed" if lh.get("compressed") else "served uncompressed"),
             "  (targets: performance >= 90, largest paint <= 2.5 s; 'seen': first paint / load event in the",
             "  unthrottled trace; a paint seen well after the load inflates the simulated paints)",
             f"  {'page':48} {'perf (range)':>12} {'FCP':>6} {'LCP':>6} {'TBT':>7} {'CLS':>5} {'a11y':>4} "
             f"{'transfer':>11} {'seen':>8}"]
    for page, r in lh["pages"].items():
        lines.append(f"  {page:48} {_lighthouse_row(r)}")
    return lines


# ----------------------------------------------------------------- report

def _mark(value, target, lower_is_better=True) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "ok " if ok else "MISS"


def report(data: dict) -> str:
    lines = ["", "Lessons: a student's fresh kernel, median of 3 (targets: own cells <= 5 s, Run All <= 8 s);",
             "  last column: one run as the book executes it, every explorer frame pre-rendered",
             f"  {'lesson':32} {'start+imports':>14} {'own cells':>10} {'Run All':>8} {'':10} {'book run':>8}"]
    for name, r in data["notebooks"].items():
        lines.append(f"  {name:32} {r['start_and_imports_s']:13.2f}s {r['own_cells_s']:9.2f}s "
                     f"{r['run_all_s']:7.2f}s  {_mark(r['own_cells_s'], 5)} {_mark(r['run_all_s'], 8)} "
                     f"{r['book_run_all_s']:7.2f}s")
    lines += ["", "Explorers: live redraw to a new position (targets: median <= 100 ms, p95 <= 200 ms);",
              "  pre-rendered frames for the book: count, time, size",
              f"  {'explorer':58} {'median':>7} {'p95':>7} {'frames':>6} {'render':>7} {'size':>8}"]
    for name, r in data["explorers"].items():
        lines.append(f"  {name[:58]:58} {r['redraw_median_ms']:5.0f}ms {r['redraw_p95_ms']:5.0f}ms "
                     f"{r['frames']:6d} {r['prerender_s']:6.2f}s {r['static_kb']:6.0f}kB  "
                     f"{_mark(r['redraw_median_ms'], 100)} {_mark(r['redraw_p95_ms'], 200)}")
    b = data.get("book")
    if b:
        lines += ["", "Book build (targets: cold <= 90 s, cached <= 15 s, peak memory <= 2 GB)",
                  f"  cold build (empty cache)      {b['cold_build_s']:7.1f} s  {_mark(b['cold_build_s'], 90)}",
                  f"  cached rebuild, no change     {b['cached_rebuild_s']:7.1f} s  {_mark(b['cached_rebuild_s'], 15)}",
                  f"  rebuild, one lesson changed   {b['one_lesson_changed_s']:7.1f} s  ({b['changed_lesson']})",
                  f"  peak memory of the build      {b['peak_build_mb']:7.0f} MB {_mark(b['peak_build_mb'], 2048)}",
                  f"  cold build / sum of bare notebook runs  {data['build_overhead_ratio']:.2f}"]
    w = data["pages"]
    lines += ["", f"Page weight, HTML + everything it loads, by {w['method']} "
                  "(targets: page <= 2.5 MB, site <= 40 MB)"]
    lines.append(f"  {'page':48} {'HTML':>9} {'first load':>11} {'all':>9}   (HTML of a lesson <= 150 KiB)")
    for page, mb in sorted(w["pages_mb"].items(), key=lambda kv: -kv[1]):
        kib = w.get("html_kib", {}).get(page, float("nan"))
        first = w.get("first_load_mb", {}).get(page, float("nan"))
        html_mark = _mark(kib, 150) if page.startswith("notebooks/") else "   "
        lines.append(f"  {page:48} {kib:5.0f} KiB {first:7.2f} MB {mb:6.2f} MB  {_mark(mb, 2.5)} {html_mark}")
    lines.append(f"  largest: {w['largest_page']}; whole site {w['site_mb']:.1f} MB  {_mark(w['site_mb'], 40)}")
    if "lighthouse" in data:
        lines += lighthouse_report(data["lighthouse"])
    return "\n".join(lines)


def _runs(text: str) -> int:
    try:
        runs = int(text)
    except ValueError:
        runs = None
    if runs is None or not 1 <= runs <= 20:
        import argparse

        raise argparse.ArgumentTypeError(f"a whole number of Lighthouse runs per page from 1 to 20, got {text!r}")
    return runs


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="make bench")
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built book")
    ap.add_argument("--pages-only", action="store_true", help="only the page weights (no kernels, no builds)")
    ap.add_argument("--lighthouse-only", action="store_true",
                    help="only Lighthouse on every page, written into the JSON beside the figures already there")
    ap.add_argument("--no-lighthouse", action="store_true",
                    help="everything but Lighthouse (it takes about a minute a page)")
    ap.add_argument("--runs", type=_runs, default=3,
                    help="Lighthouse runs per page, the median is kept (1-20; default 3)")
    ap.add_argument("--gzip", action="store_true",
                    help="Lighthouse with the book served gzip-compressed, as GitHub Pages serves it")
    ap.add_argument("--json", type=Path, default=ROOT / "_build" / "bench.json",
                    help="where the figures are written (the Lighthouse reports go beside it, in lighthouse/)")
    args = ap.parse_args()
    reports_dir = args.json.parent / "lighthouse"
    html_dir = args.html
    if not (html_dir / "index.html").exists():
        sys.exit("Build the book first: make book")
    if args.pages_only:
        w = page_weights(html_dir)
        print("Page weight" + report({"notebooks": {}, "explorers": {}, "pages": w, "book": None})
              .split("Page weight", 1)[1])
        return
    if args.lighthouse_only:
        data = json.loads(args.json.read_text()) if args.json.is_file() else {}
        data["lighthouse"] = bench_lighthouse(html_dir, args.runs, reports_dir, args.gzip)
        data["targets"] = TARGETS
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2))
        print("\n".join(lighthouse_report(data["lighthouse"])))
        print(f"\nWritten to {args.json}")
        return
    data = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    data["notebooks"] = bench_notebooks()
    data["explorers"] = bench_explorers()
    data["book"] = bench_book()
    bare = sum(r["book_run_all_s"] for r in data["notebooks"].values())
    data["build_overhead_ratio"] = data["book"]["cold_build_s"] / bare if bare else float("nan")
    data["pages"] = page_weights(html_dir)
    skipped = {"measured": False, "why": "left out with --no-lighthouse", "install": LIGHTHOUSE_INSTALL}
    data["lighthouse"] = (skipped if args.no_lighthouse
                          else bench_lighthouse(html_dir, args.runs, reports_dir, args.gzip))
    data["targets"] = TARGETS
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(data, indent=2))
    print(report(data))
    print(f"\nWritten to {args.json}")


if __name__ == "__main__":
    main()
