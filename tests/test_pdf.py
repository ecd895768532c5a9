"""`make pdf` (tools/pdf.py): the course as handouts, read back with pypdf.

The whole course and every lesson print; the course PDF holds every lesson's title, and no PDF
holds a control's or a toggle's text. Solutions print only when asked for.
"""
from __future__ import annotations

import html
import re
import unicodedata

import pytest

from conftest import lesson_pages

pytestmark = [pytest.mark.book, pytest.mark.browser]

#: What a reader on paper must never see: toggle labels, quiz input prompts, notes for screens.
SCREEN_ONLY = ("Click to show", "Click to hide", "Show code cell", "Hide code cell", "Show solution",
               "Hide solution", "Type numeric answer here", "Toggle hidden content", "need JavaScript",
               "Ctrl+K")


def _text(pdf) -> str:
    from pypdf import PdfReader

    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages)
    return unicodedata.normalize("NFKC", text)  # the "fi" ligature back to two letters


def _title(book_html, page: str) -> str:
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", (book_html / page).read_text(encoding="utf-8"), re.S)
    title = re.sub(r'<span class="section-number">.*?</span>|<a class="headerlink".*?</a>', "", h1.group(1))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split())


@pytest.fixture(scope="module")
def handouts(book_html, chromium_path, tmp_path_factory, monkeypatch_module):
    from tools import pdf

    monkeypatch_module.setenv("CHROMIUM", chromium_path)
    out = tmp_path_factory.mktemp("pdf")
    return pdf.build(book_html, out)


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_the_course_pdf_has_every_lesson_and_no_screen_text(handouts, book_html):
    course = next(f for f in handouts if f.name == "course.pdf")
    text = _text(course)
    for page in lesson_pages():
        title = _title(book_html, page)
        assert title in text, f"the course PDF lacks {page} ({title!r})"
    leaked = [t for t in SCREEN_ONLY if t in text]
    assert not leaked, f"the course PDF prints screen-only text: {leaked}"
    assert "Solution to Exercise" not in text, "solutions print although not asked for"


def test_every_lesson_has_its_own_pdf_with_its_quiz_listed(handouts, book_html):
    names = {f.name for f in handouts}
    for page in lesson_pages():
        pdf = next(f for f in handouts if f.name == page.split("/")[-1].replace(".html", ".pdf"))
        text = _text(pdf)
        assert _title(book_html, page) in text
        assert not [t for t in SCREEN_ONLY if t in text], pdf.name
        assert "Check yourself" in text, f"{pdf.name}: no quiz section"
    assert len(names) == len(lesson_pages()) + 1


def test_solutions_print_when_an_instructor_asks(book_html, chromium_path, tmp_path, monkeypatch):
    from tools import pdf

    monkeypatch.setenv("CHROMIUM", chromium_path)
    lesson = lesson_pages()[2]
    written = pdf.print_pages(book_html, [lesson], tmp_path, solutions=True)
    text = _text(written[lesson])
    assert "Solution to Exercise" in text
    assert not [t for t in SCREEN_ONLY if t in text]
