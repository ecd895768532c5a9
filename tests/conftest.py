"""Shared fixtures: the book is built once per test session, warning-free, into a temporary folder."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


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
