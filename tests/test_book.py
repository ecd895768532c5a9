"""The built book: warning-free, only the pages in _toc.yml, Lesson 1 with its static explorers and quiz."""
import re

import pytest

pytestmark = pytest.mark.book


def test_lesson_1_has_static_explorers_and_a_quiz(built_book):
    html = (built_book / "notebooks" / "01_anatomy.html").read_text()
    assert html.count('<figure class="itb-explorer"') >= 3
    assert re.search(r'<label for="itb-[0-9a-f]{10}-knee_flexion_deg">Knee flexion</label>'
                     r'<input type="range"', html)
    assert '<select id="itb-' in html
    assert "show_questions(" in html and "Which tissue between the band" in html
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
