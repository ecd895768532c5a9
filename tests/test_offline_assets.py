"""The book's adapter for the theme and sphinx-thebe (book/_ext/offline_assets.py): every page edit
that matches nothing is reported, and nothing is deleted while a page still refers to it."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import offline_assets as oa  # noqa: E402

ICON = '<script defer src="../_static/scripts/fontawesome.js?digest=0123abcd"></script>'
SEARCH = '<script src="../_static/searchtools.js"></script>'


def site(tmp_path: Path, head: str) -> Path:
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    (tmp_path / "_static" / "scripts" / "fontawesome.js").write_text("icons")
    (tmp_path / "_static" / "theme.js.map").write_text("{}")
    (tmp_path / "lesson.html").write_text(f"<html><head>{head}</head><body>x</body></html>")
    return tmp_path


def test_the_icon_and_search_scripts_are_dropped_and_the_icon_file_deleted(tmp_path):
    out = site(tmp_path, ICON + SEARCH)
    assert oa._drop_unused_assets(out) == []
    page = (out / "lesson.html").read_text()
    assert "fontawesome" not in page and "searchtools" not in page
    assert not (out / "_static" / "scripts" / "fontawesome.js").exists()
    assert not (out / "_static" / "theme.js.map").exists()


def test_a_changed_template_is_reported_and_the_file_kept(tmp_path):
    out = site(tmp_path, '<script src="../_static/scripts/fontawesome.js" async></script>' + SEARCH)
    problems = oa._drop_unused_assets(out)
    assert any("fontawesome.js tag matched no page" in p for p in problems)
    assert any("still referenced" in p and "lesson.html" in p for p in problems)
    assert (out / "_static" / "scripts" / "fontawesome.js").exists()


def test_search_tags_that_no_longer_match_are_reported(tmp_path):
    out = site(tmp_path, ICON + '<script type="module" src="../_static/searchtools.js"></script>')
    assert any("search script tags matched no page" in p for p in oa._drop_unused_assets(out))


def test_pages_not_written_by_this_build_do_not_count_as_a_mismatch(tmp_path):
    out = site(tmp_path, "")                     # already lean from an earlier build
    assert oa._drop_unused_assets(out, written=set()) == []


def test_the_meta_description_is_the_first_real_paragraph_cut_at_a_word():
    body = ("<p>Short.</p><p>Six kilometres into a downhill long run, a sharp pain appears on the <em>outside"
            "</em> of your knee, just above the joint, and it returns sooner on every run after that one.</p>")
    text = oa.page_description(body)
    assert text.startswith("Six kilometres into a downhill long run") and "<em>" not in text
    assert len(text) <= 160 and text.endswith("...")
    assert oa.page_description("", "Glossary") == ("Glossary: part of an open course on iliotibial band "
                                                    "syndrome in runners.")


def test_the_root_redirect_gets_a_doctype_a_title_and_a_link(tmp_path):
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/intro.html" />\n')
    oa._complete_redirect(tmp_path)
    page = (tmp_path / "index.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<title>" in page and 'href="book/intro.html"' in page
