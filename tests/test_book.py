"""The built book: warning-free, only the pages in _toc.yml, Lesson 1 with its static explorers and quiz."""
import re
import sys
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))

pytestmark = pytest.mark.book


def test_lesson_1_has_static_explorers_and_a_quiz(built_book):
    html = (built_book / "notebooks" / "01_anatomy.html").read_text()
    assert html.count('<figure class="itb-explorer"') >= 3
    assert re.search(r'<label for="itb-[0-9a-f]{10}-knee_flexion_deg">Knee flexion</label>'
                     r'<input type="range"', html)
    assert '<select id="itb-' in html
    assert "Which tissue between the band" in html  # the quiz's copy for paper and for no JavaScript
    quizzes = re.findall(r'<script defer src="\.\./_static/quiz/([0-9a-f]{20}\.js)"></script>', html)
    assert quizzes and all("show_questions(" in (built_book / "_static" / "quiz" / q).read_text() for q in quizzes)
    assert "interactive(children" not in html and "widget-view+json" not in html
    assert 'src="../_static/explorer.js' in html


def test_every_image_has_alt_text(built_book):
    for page in built_book.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text()):
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt is not None, f"{page.name}: {tag[:100]}"
            assert not alt.group(1).startswith("_images/"), f"{page.name}: hashed file name as alt text"


def test_only_pages_in_the_toc_are_built(built_book):
    assert not (built_book / "CONTRIBUTING.html").exists()
    assert not (built_book / "README.html").exists()
    assert (built_book / "book" / "glossary.html").exists()


def test_footer_states_licence_and_disclaimer(built_book):
    html = (built_book / "book" / "intro.html").read_text()
    assert "CC BY 4.0" in html and "does not diagnose" in html


#: Budgets for the pre-rendered frames of the book (the lessons themselves store only the
#: starting frame: the book build draws the rest and moves them into _static/frames/).
FRAME_BUDGET_BYTES = 40_000           # one WebP frame
PAGE_FRAMES_BUDGET_BYTES = 2_000_000  # every frame of one lesson page
PAGE_HTML_BUDGET_BYTES = 153_600      # the page itself (150 KiB, issue 18's goal), without its frames (only the
#   starting frame's <img> stays in it; the others are in a frames script), its quizzes' scripts and shared style
#   (files in _static/quiz/) and the spans that style nothing (book/_ext/lean_html.py).


def _explorers(html: str) -> list[tuple[str, str | None, list[str]]]:
    """Each kernel-free explorer of a page: its data-shape, its frames script and its frame <img> tags."""
    out = []
    for m in re.finditer(r'<figure class="itb-explorer" id="[^"]+" data-shape="([0-9,]*)"'
                         r'(?: data-frames="([^"]+)")?>(.*?)</figure>', html, re.S):
        out.append((m.group(1), m.group(2), re.findall(r'(?:<picture><source [^>]*>)?<img class="itb-frame"[^>]*>',
                                                         m.group(3))))
    return out


def _script_frames(path: Path) -> list[list]:
    """The frames a frames script hands its explorer: [file, width, height, alt] each, followed by
    [file, width, height] of the narrow version where the explorer has one."""
    import json

    from itband.course.explorer import CONTRACT

    m = re.fullmatch(rf'{CONTRACT["register"]}\("[^"]+", (.*)\);\n', path.read_text(encoding="utf-8"), re.S)
    assert m, f"{path.name} is not a frames script"
    return json.loads(m.group(1))


@pytest.mark.parametrize("lesson", [p.stem for p in NOTEBOOKS])
def test_jupyterquiz_library_and_each_quiz_are_files_loaded_in_order(built_book, lesson):
    import offline_assets

    html = (built_book / "notebooks" / f"{lesson}.html").read_text()
    name, library = offline_assets.quiz_library_file()
    assert (built_book / "_static" / offline_assets.QUIZ_DIR / name).read_text() == library
    # deferred scripts run in page order: the library once, then each quiz's own script (a file)
    tags = re.findall(r'<script defer src="\.\./_static/quiz/([^"]+\.js)"></script>', html)
    assert tags[0] == name and name not in tags[1:], f"{lesson}: the quiz library is loaded by {tags}"
    assert len(tags) > 1 and all(re.fullmatch(r"[0-9a-f]{20}\.js", t) for t in tags[1:]), tags
    for quiz in tags[1:]:
        text = (built_book / "_static" / offline_assets.QUIZ_DIR / quiz).read_text()
        assert text.startswith("var questions") and "show_questions(questions" in text
        assert "class MCQuestion extends Question" not in text, f"{lesson}: a quiz still carries its own library"
    assert "var questions" not in html and "class MCQuestion extends Question" not in html


def test_every_explorer_keeps_a_phone_version(built_book):
    # every explorer has a narrow version for phones: 16 stack their panels (narrow.py), 28 draw a
    # phone layout of their own (style.on_phone); a figure or rule change that loses one (a label
    # that now runs off the phone picture, say) fails here, and tests/test_phone_layout.py says why
    pages = [(built_book / "notebooks" / f"{p.stem}.html").read_text() for p in NOTEBOOKS]
    narrow = sum(len(re.findall(r'<picture><source media=', html)) for html in pages)
    explorers = sum(len(_explorers(html)) for html in pages)
    assert explorers >= 44 and narrow == explorers, f"{narrow} of {explorers} explorers have a phone version"


@pytest.mark.parametrize("lesson", [p.stem for p in NOTEBOOKS])
def test_the_book_prerenders_every_position_of_every_explorer(built_book, lesson):
    from PIL import Image

    from itband.course.explorer import CONTRACT, MAX_FRAMES

    page = built_book / "notebooks" / f"{lesson}.html"
    html = page.read_text()
    assert 'class="itb-explorer itb-live"' not in html, "the book shows a student kernel's starting frame"
    assert "data:image/webp;base64" not in html, "frames are files, not text in the page"
    assert len(html.encode()) <= PAGE_HTML_BUDGET_BYTES, f"{lesson}: the page is {len(html.encode())} bytes"
    explorers = _explorers(html)
    assert explorers, f"{lesson}: no explorer in the built page"
    page_bytes = 0
    for shape, script, imgs in explorers:
        expected = 1
        for n in filter(None, shape.split(",")):
            expected *= int(n)
        # the page holds the starting frame; a script beside the frames lists every frame
        assert len(imgs) == 1 and " hidden" not in imgs[0], f"{lesson}: the page shows {len(imgs)} frames at once"
        start = re.search(r'data-frame="(\d+)" src="([^"]+\.webp)" width="(\d+)" height="(\d+)" '
                          r'decoding="async"(?: loading="lazy")? alt="([^"]+)"', imgs[0])
        assert start, f"{lesson}: the starting frame lacks its file, size or alt text: {imgs[0][:200]}"
        if expected == 1:
            assert script is None, f"{lesson}: a one-frame explorer loads a frames script"
            frames = [[start.group(2).rsplit("/", 1)[1], int(start.group(3)), int(start.group(4)), start.group(5)]]
        else:
            assert script and script.startswith("../_static/frames/"), f"{lesson}: no frames script"
            frames = _script_frames(page.parent / script)
            assert frames[int(start.group(1))][0] == start.group(2).rsplit("/", 1)[1], \
                f"{lesson}: the page's starting frame is not the script's"
        assert len(frames) == expected <= MAX_FRAMES, f"{lesson}: {len(frames)} frames for shape {shape}"
        # a figure of panels has a narrow version of every frame, all one size; the page offers the
        # starting frame's to phones
        source = re.match(r'<picture><source media="([^"]+)" srcset="[^"]*/([0-9a-f]{20}\.webp)" '
                          r'width="(\d+)" height="(\d+)">', imgs[0])
        if expected == 1 and source:
            frames[0] += [source.group(2), int(source.group(3)), int(source.group(4))]
        narrow = {tuple(f[5:]) for f in frames if len(f) == 7}
        assert {len(f) for f in frames} in ({4}, {7}) and len(narrow) <= 1, f"{lesson}: narrow versions of {narrow}"
        assert bool(source) == bool(narrow), f"{lesson}: the page and the script disagree on a narrow version"
        if source:
            assert source.group(1) == CONTRACT["narrowMedia"]
            assert list(source.groups()[1:]) == [str(v) for v in frames[int(start.group(1))][4:]]
        for name, width, height, alt, *small in frames:
            assert len(alt) > 20, f"{lesson}: a frame without real alt text"
            for file, w, h in (name, width, height), *([small] if small else []):
                path = built_book / "_static" / "frames" / file
                assert Image.open(path).size == (w, h), f"{lesson}: {file} is not {w} x {h}"
                size = path.stat().st_size
                assert size <= FRAME_BUDGET_BYTES, f"{lesson}: a frame of {size} bytes"
                page_bytes += size if file == name else 0
            if small:
                assert small[1] <= 0.85 * width, f"{lesson}: a narrow frame {small[1]} px wide beside {width}"
    assert page_bytes <= PAGE_FRAMES_BUDGET_BYTES, f"{lesson}: {page_bytes} bytes of frames"


def test_no_page_loads_mathjax_so_the_site_carries_no_copy(built_book):
    # every formula of the course converts to MathML (book/_ext/mathml.py); MathJax is copied only
    # for a page that still loads it
    pages = [p for p in built_book.rglob("*.html") if "_static" not in p.parts]
    loading = [p.name for p in pages if "vendor/mathjax" in p.read_text("utf-8")]
    assert not loading, f"pages load MathJax: {loading}"
    assert not (built_book / "_static" / "vendor" / "mathjax").exists()
    assert any("<math " in p.read_text("utf-8") for p in pages)
