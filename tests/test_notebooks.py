"""Every lesson notebook has the course's shape, is committed executed, and every figure has alt text."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import NOTEBOOKS, ROOT
from tools import myst

IDS = [p.stem for p in NOTEBOOKS]


def load(path: Path):
    return nbformat.read(path, as_version=4)


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_there_are_lessons_and_all_are_in_the_toc():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    listed = {ch["file"] for part in toc["parts"] for ch in part["chapters"]}
    assert NOTEBOOKS, "no lesson notebooks found"
    for nb in NOTEBOOKS:
        assert f"notebooks/{nb.stem}" in listed, f"{nb.name} is not in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_lesson_has_the_course_shape(path):
    nb = load(path)
    text = markdown(nb)
    assert text.lstrip().startswith("# "), "a lesson opens with its title"
    for heading in ("## Learning objectives", "## Check yourself", "## Exercises", "## Key points",
                    "## References"):
        assert heading in text, f"missing section {heading!r}"
    assert re.search(r"\*\*Estimated time:\*\* \d+ minutes", text)
    assert "**Prerequisites:**" in text
    assert "```{footbibliography}" in text
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "quiz.show(" in code
    assert "explore(" in code, "a lesson has at least one explorer"
    assert len(myst.named(text, "exercise", "exercise-start")) >= 2
    solutions = [c for c in nb.cells if "{solution" in c.source and "{solution-end}" not in c.source]
    assert solutions and all("solution" in c.metadata.get("tags", []) for c in solutions)
    assert all(":class: dropdown" in c.source for c in solutions), "solutions stay hidden until asked for"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_executed_top_to_bottom(path):
    counts = [c.execution_count for c in load(path).cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "re-run the notebook top to bottom in a fresh kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_figure_has_real_alt_text(path):
    images = 0
    for cell in load(path).cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data or "image/svg+xml" in data:
                assert "text/html" in data, "a bare figure: show it with itband.show or explore (alt text)"
            for tag in re.findall(r"<img\b[^>]*>", data.get("text/html", "")):
                images += 1
                alt = re.search(r'\balt="([^"]*)"', tag)
                assert alt and len(alt.group(1).split()) >= 4, f"image without real alt text: {tag[:120]}"
                assert not re.search(r"\.(png|svg|jpg)$", alt.group(1)), "a file name is not alt text"
    assert images > 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_citation_key_is_in_the_bibliography(path):
    bib = (ROOT / "book" / "references.bib").read_text()
    keys = set(re.findall(r"@\w+\{([^,]+),", bib))
    for group in re.findall(r"\{(?:foot)?cite(?::[pt])?\}`([^`]+)`", markdown(load(path))):
        for key in group.split(","):
            assert key.strip() in keys, f"{key} is not in book/references.bib"
