"""The Lighthouse part of `make bench` (tools/bench.py): reading a report, the median of runs,
and saying how to install Lighthouse when it is absent.

The reports in tests/data are recorded runs of Lighthouse 13.5.0 (mobile preset, simulated slow
4G) on the built book served from 127.0.0.1, trimmed to the fields the bench reads: Lesson 3, and a
page that does not exist (a 404, which Lighthouse reports as a runtime error).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools import bench

DATA = Path(__file__).resolve().parent / "data"


def report(name: str) -> dict:
    return json.loads((DATA / f"lighthouse-{name}.json").read_text())


def test_figures_of_a_recorded_report():
    figures = bench.lighthouse_figures(report("03_hip_drop"))
    assert figures == {"performance": 49, "accessibility": 100, "fcp_ms": pytest.approx(7525.3968),
                       "lcp_ms": pytest.approx(14215.1904), "tbt_ms": 364, "cls": 0,
                       "transfer_bytes": 2462750, "observed_fcp_ms": 2291, "observed_load_ms": 1279}


def test_savings_largest_first_and_only_failing_audits():
    savings = bench.lighthouse_savings(report("03_hip_drop"), most=20)
    ids = [s["audit"] for s in savings]
    assert ids[:3] == ["cache-insight", "render-blocking-insight", "unused-css-rules"]
    unused_css = savings[2]
    assert unused_css["bytes"] == 490566 and unused_css["fcp_ms"] == 2550 and unused_css["lcp_ms"] == 2250
    assert "document-latency-insight" not in ids  # it fails, but Lighthouse estimates no time or bytes for it
    assert "cumulative-layout-shift" not in ids   # passing audits are not savings
    keys = [max(s["lcp_ms"], s["fcp_ms"], s["tbt_ms"]) for s in savings]
    assert keys == sorted(keys, reverse=True)
    assert len(bench.lighthouse_savings(report("03_hip_drop"), most=2)) == 2


def test_median_of_runs_and_the_median_runs_savings():
    runs = [report("03_hip_drop") for _ in range(3)]
    for lhr, score, lcp, tbt in zip(runs, (0.49, 0.62, 0.38), (14000, 9000, 16000), (364, 900, 120)):
        lhr["categories"]["performance"]["score"] = score
        lhr["audits"]["largest-contentful-paint"]["numericValue"] = lcp
        lhr["audits"]["total-blocking-time"]["numericValue"] = tbt
        lhr["environment"]["benchmarkIndex"] = tbt  # a distinct value per run
    runs[0]["audits"]["unused-css-rules"]["metricSavings"]["LCP"] = 12345  # only in the median run
    summary = bench.summarise_lighthouse(runs)
    assert summary["performance"] == 49 and summary["performance_range"] == [38, 62]
    assert summary["lcp_ms"] == 14000 and summary["tbt_ms"] == 364  # each figure its own median
    assert summary["runs"] == 3 and summary["benchmark_index"] == 364
    assert summary["savings"][0] == {**summary["savings"][0], "audit": "unused-css-rules", "lcp_ms": 12345}


def test_a_failed_run_names_the_page_and_the_reason():
    with pytest.raises(ValueError, match=r"notebooks/no_such_lesson\.html") as err:
        bench.lighthouse_figures(report("404"))
    assert "ERRORED_DOCUMENT_REQUEST" in str(err.value) and "Status code: 404" in str(err.value)


@pytest.mark.parametrize("broken, message", [
    ({"categories": {}}, "not a Lighthouse result"),
    ("performance", r"category 'performance' .* has no score"),
    ("total-blocking-time", r"audit 'total-blocking-time' .* has no figure \(no such audit\)"),
])
def test_incomplete_reports_say_what_is_missing(broken, message):
    lhr = report("03_hip_drop")
    if isinstance(broken, dict):
        lhr = broken
    elif broken in lhr["categories"]:
        lhr["categories"][broken]["score"] = None
    else:
        del lhr["audits"][broken]
    with pytest.raises(ValueError, match=message):
        bench.lighthouse_figures(lhr)


def test_bad_counts_are_refused_with_their_range(tmp_path):
    with pytest.raises(ValueError, match=r"reports: at least 1 .* got 0"):
        bench.summarise_lighthouse([])
    with pytest.raises(ValueError, match=r"runs: 1 to 20 .* got 0"):
        bench.bench_lighthouse(tmp_path, runs=0)
    with pytest.raises(ValueError, match=r"most: at least 1 .* got 0"):
        bench.lighthouse_savings(report("03_hip_drop"), most=0)


def test_without_lighthouse_it_is_not_measured_and_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("LIGHTHOUSE_PREFIX", str(tmp_path / "none"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("LIGHTHOUSE", raising=False)
    monkeypatch.setattr(bench, "LIGHTHOUSE_PREFIX", tmp_path / "none")
    result = bench.bench_lighthouse(tmp_path)
    assert result == {"measured": False, "why": "Lighthouse is not installed", "install": bench.LIGHTHOUSE_INSTALL}
    assert bench.LIGHTHOUSE_INSTALL.startswith("npm install --prefix ")
    assert bench.LIGHTHOUSE_INSTALL.endswith(" lighthouse@13.5.0")
    printed = "\n".join(bench.lighthouse_report(result))
    assert "not measured" in printed and bench.LIGHTHOUSE_INSTALL in printed


def test_lighthouse_is_found_in_a_prefix(tmp_path, monkeypatch):
    cli = tmp_path / "node_modules" / ".bin" / "lighthouse"
    cli.parent.mkdir(parents=True)
    cli.write_text("#!/bin/sh\n")
    cli.chmod(0o755)
    monkeypatch.delenv("LIGHTHOUSE", raising=False)
    monkeypatch.setenv("LIGHTHOUSE_PREFIX", str(tmp_path))
    assert bench.find_lighthouse() == str(cli)
    monkeypatch.setenv("LIGHTHOUSE", str(tmp_path / "missing"))
    assert bench.find_lighthouse() is None  # an explicit choice is not second-guessed


def test_the_printed_table_marks_misses_and_says_how_it_was_measured():
    lhr = report("03_hip_drop")
    summary = bench.summarise_lighthouse([lhr])
    row = bench._lighthouse_row(summary)
    assert row.split()[:2] == ["49", "(49-49)"] and row.count("MISS") == 2  # performance < 90, LCP > 2.5 s
    assert "14.2s" in row and "2405 KiB" in row and "2.3/1.3s" in row
    del lhr["audits"]["metrics"]  # an older report without the trace's own timings
    assert bench.summarise_lighthouse([lhr])["observed_fcp_ms"] is None
    assert " - " in bench._lighthouse_row(bench.summarise_lighthouse([lhr]))
    measured = {"measured": True, "version": "13.5.0", "runs_per_page": 1, "pages": {"notebooks/03.html": summary},
                "load_before": {"load_1_5_15_min": [1.5, 2.0, 3.0], "cpus": 2},
                "settings": {"throttling": lhr["configSettings"]["throttling"]}}
    header, *_, last = bench.lighthouse_report(measured)[1:]
    assert "150 ms RTT, 1.6 Mbit/s, CPU 4x slower" in header
    assert "load average 1.50 / 2.00 / 3.00 on 2 CPUs" in header
    assert last.split()[0] == "notebooks/03.html"
    assert "not measured: lighthouse exited 1" in bench._lighthouse_row({"error": "lighthouse exited 1"})


def test_a_lighthouse_that_does_not_run_is_not_measured(tmp_path, monkeypatch):
    cli = tmp_path / "lighthouse"
    cli.write_text("#!/bin/sh\necho 'env: node: No such file or directory' >&2\nexit 127\n")
    cli.chmod(0o755)
    monkeypatch.setenv("LIGHTHOUSE", str(cli))
    monkeypatch.setattr(bench, "find_chromium", lambda: "/usr/bin/chromium")  # with or without one here
    result = bench.bench_lighthouse(tmp_path)
    assert result["measured"] is False and "exited 127" in result["why"] and "Node.js" in result["why"]
    assert result["install"] == bench.LIGHTHOUSE_INSTALL


def test_the_compressing_server_gzips_text_to_a_client_that_accepts_it(tmp_path):
    import gzip
    import urllib.request

    from tools.pdf import served

    (tmp_path / "a.css").write_text("body { color: black; }\n" * 200, encoding="utf-8")
    (tmp_path / "b.webp").write_bytes(b"RIFF0000WEBP")
    with served(tmp_path, compress=True) as base:
        asked = urllib.request.Request(base + "a.css", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as r:
            assert r.headers["Content-Encoding"] == "gzip" and r.headers["Content-Type"] == "text/css"
            body = r.read()
        assert len(body) < 200 and gzip.decompress(body) == (tmp_path / "a.css").read_bytes()
        with urllib.request.urlopen(base + "a.css") as r:  # a client that does not accept gzip
            assert r.headers["Content-Encoding"] is None and r.read() == (tmp_path / "a.css").read_bytes()
        asked = urllib.request.Request(base + "b.webp", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as r:  # pictures are sent as they are
            assert r.headers["Content-Encoding"] is None and r.read() == b"RIFF0000WEBP"
    with served(tmp_path) as base:  # the default server does not compress
        asked = urllib.request.Request(base + "a.css", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as r:
            assert r.headers["Content-Encoding"] is None
