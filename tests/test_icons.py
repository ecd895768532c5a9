"""The theme's icon rules and fonts cut to the icons the book shows (book/_ext/icons.py): every icon
a page names keeps its rule and its glyph, and the rest go."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import icons  # noqa: E402

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
SUN, MOON, BELL = 0xF185, 0xF186, 0xF0F3  # Font Awesome 6's sun, moon and bell (its icon list)


def cmap(path: Path) -> set[int]:
    return set(TTFont(path).getBestCmap())


def test_rules_naming_a_used_class_are_kept_and_the_rest_dropped():
    css = ('/*! licence */.a{}.fa-sun:before{content:"\\f185"}.fa-moon:before,.fa-crescent:before'
           '{content:"\\f186"}.fa-gear:after{content:"\\f013"}.b{color:red}')
    lean, kept, dropped = icons.trim_rules(css, {"fa-crescent", "fa-solid"})
    assert (kept, dropped) == (1, 2)
    assert lean == '/*! licence */.a{}.fa-moon:before,.fa-crescent:before{content:"\\f186"}.b{color:red}'


def test_class_names_are_found_in_pages_and_scripts_but_not_inside_words(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "theme.js").write_text('icon.classList.add("fa-moon")')
    page = tmp_path / "page.html"
    page.write_text('<i class="fa-solid fa-sun"></i> a sofa-bed, <span class="fa-arrow-up-right">')
    assert icons.classes_used(tmp_path / "_static", [page]) == {"fa-moon", "fa-solid", "fa-sun",
                                                                "fa-arrow-up-right"}


def test_code_points_are_read_from_css_escapes_and_private_use_characters():
    # the theme writes its icon variables as the characters themselves, its icon rules as escapes
    css = ['.fa-sun:before{content:"\\f185"}', ':root{--pst-icon-bell:"\uf0f3";--x:"\u2014 A"}']
    assert icons.code_points(css) == {SUN, BELL}


@pytest.mark.parametrize("name", ["fa-solid-900.woff2", "fa-solid-900.ttf"])
def test_a_font_keeps_only_the_glyphs_asked_for_and_its_names(tmp_path, name):
    font = tmp_path / name
    shutil.copyfile(THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / name, font)
    before_names = {(r.nameID, r.toUnicode()) for r in TTFont(font)["name"].names}
    assert {SUN, MOON} <= cmap(font) and len(cmap(font)) > 1000
    size_before, size_after = icons.subset_font(font, {SUN, MOON, 0x10FFFF})
    assert cmap(font) == {SUN, MOON}
    assert size_after == font.stat().st_size and size_after < size_before / 20
    assert {(r.nameID, r.toUnicode()) for r in TTFont(font)["name"].names} == before_names
    assert TTFont(font).flavor == ("woff2" if name.endswith("woff2") else None)


def test_the_built_book_keeps_every_icon_its_pages_name(book_html):
    built_book = book_html
    static = built_book / "_static"
    original = (THEME_STATIC / icons.STYLESHEET).read_text(encoding="utf-8")
    built = (static / icons.STYLESHEET).read_text(encoding="utf-8")
    rules = {name: cp for sels, cp in icons.ICON_RULE.findall(original)
             for name in (s.split(":", 1)[0][1:] for s in sels.split(",") if s)}
    kept_rules = {name for sels, _ in icons.ICON_RULE.findall(built)
                  for name in (s.split(":", 1)[0][1:] for s in sels.split(",") if s)}
    pages = [p for p in built_book.rglob("*.html") if "_static" not in p.relative_to(built_book).parts]
    named = {n for p in pages for n in re.findall(r'class="[^"]*"', p.read_text(encoding="utf-8"))
             for n in icons.CLASS_NAME.findall(n)}
    shown = named & set(rules)
    assert {"fa-bars", "fa-magnifying-glass", "fa-sun", "fa-moon", "fa-download"} <= shown
    assert shown <= kept_rules, f"icons whose rule was dropped: {sorted(shown - kept_rules)}"
    scripted = {n for js in static.rglob("*.js") for n in icons.CLASS_NAME.findall(js.read_text(errors="replace"))}
    assert "fa-xmark" in scripted & kept_rules, "an icon only the theme's script names (its close button) was dropped"
    assert scripted & set(rules) <= kept_rules
    assert len(kept_rules) < 60 < len(rules)
    fonts = static / icons.FONT_DIR
    glyphs = cmap(fonts / "fa-solid-900.woff2") | cmap(fonts / "fa-regular-400.woff2")
    needed = {int(rules[n][1:], 16) for n in shown}
    variables = {ord(c) for c in re.findall(r'--pst-icon-[a-z-]+:"([\ue000-\uf8ff])"', built)}
    assert variables, "the theme's icon variables are gone from its stylesheet"
    missing = (needed | variables) - glyphs - cmap(fonts / "fa-brands-400.woff2")
    assert not missing, f"code points without a glyph: {sorted(hex(c) for c in missing)}"
    for stem in ("fa-solid-900", "fa-regular-400", "fa-brands-400"):  # the .ttf fallbacks match
        assert cmap(fonts / f"{stem}.ttf") == cmap(fonts / f"{stem}.woff2"), stem
    assert (fonts / "fa-solid-900.woff2").stat().st_size < 10_000
    assert (fonts / "fa-solid-900.ttf").stat().st_size < 20_000
