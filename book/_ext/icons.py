"""Sphinx extension: the theme's icon font and icon rules cut to the icons the book shows.

pydata-sphinx-theme draws its icons with Font Awesome 6 Free's web fonts. Its stylesheet, which
every page must load before it can paint, carries one rule per Font Awesome icon (about 1 900
rules, 84 KiB of its 388 KiB), and the solid font alone is 153 KiB: a phone on a slow network
spends seconds on them, for the dozen or so icons the book shows (menu, search, theme mode,
download, launch, admonitions). Once the pages are written, this extension

* collects every Font Awesome class name (``fa-*``) in the built pages and in the site's scripts
  (the theme's scripts name some icons themselves);
* drops from the theme's stylesheet every icon rule (``.fa-sun:before{content:"\\f185"}``) whose
  selectors name none of them;
* subsets each Font Awesome font (``.woff2`` and the ``.ttf`` fallback) with fontTools to the code
  points that the site's stylesheets still use: the rules kept and the theme's own icon
  variables (``--pst-icon-*``, which draw admonition and link icons).

Sphinx copies the theme's files afresh on every build, so the cut always starts from the theme's
release. The fonts keep their whole name tables (their copyright notice); the stylesheet keeps its
``/*!`` comment naming Font Awesome Free's licences (icons CC BY 4.0, fonts SIL OFL 1.1).
``tests/test_icons.py`` checks that every icon a page names still has its rule and its glyph.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from built_pages import site_pages
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The theme's stylesheet and fonts, relative to ``_static``.
STYLESHEET = "styles/pydata-sphinx-theme.css"
FONT_DIR = "vendor/fontawesome/webfonts"
#: One icon rule as the theme's minified stylesheet writes it: one or more ``.fa-name:before``
#: (or ``:after``) selectors and a ``content`` string.
ICON_RULE = re.compile(r'(?<=\})((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"([^"]*)"\}')
#: A Font Awesome class name in a page or script (``\b`` keeps words such as "sofa-bed" out).
CLASS_NAME = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
#: A code point in a CSS string, as an escape (``"\f185"``, the icon rules) or as the character
#: itself from a private use area, where icon fonts put their glyphs (the theme's icon variables).
CSS_CODE_POINT = re.compile(r'\\([0-9a-fA-F]{2,6})|([\ue000-\uf8ff\U000f0000-\U0010fffd])')


def _warn(message: str) -> None:
    logger.warning(f"icons: {message}", type="icons", subtype="subset")


def classes_used(static_root: Path, pages: list[Path]) -> set[str]:
    """Every ``fa-*`` name in ``pages`` and in the scripts under ``static_root``."""
    names: set[str] = set()
    for f in [*pages, *static_root.rglob("*.js")]:
        names.update(CLASS_NAME.findall(f.read_text(encoding="utf-8", errors="replace")))
    return names


def trim_rules(css: str, used: set[str]) -> tuple[str, int, int]:
    """``css`` without the icon rules that name no class in ``used``; returns it, the number of
    rules kept and the number dropped."""
    kept = dropped = 0

    def keep(m: re.Match) -> str:
        nonlocal kept, dropped
        names = {s.split(":", 1)[0][1:] for s in m.group(1).split(",") if s}
        if names & used:
            kept += 1
            return m.group(0)
        dropped += 1
        return ""

    return ICON_RULE.sub(keep, css), kept, dropped


def code_points(css_texts: list[str]) -> set[int]:
    """Every icon code point in ``css_texts``: escapes and private-use characters (see ``CSS_CODE_POINT``)."""
    return {int(h, 16) if h else ord(c) for text in css_texts for h, c in CSS_CODE_POINT.findall(text)}


def subset_font(path: Path, keep: set[int]) -> tuple[int, int]:
    """Cut the font at ``path`` (``.woff2`` or ``.ttf``) to the glyphs of ``keep``, in place, keeping
    its whole name table (the copyright notice); returns its size in bytes before and after."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    data = path.read_bytes()
    font = TTFont(io.BytesIO(data))
    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    options.name_IDs, options.name_languages, options.name_legacy = ["*"], ["*"], True
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep & set(font.getBestCmap())))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    path.write_bytes(out.getvalue())
    return len(data), len(out.getvalue())


def cut(static_root: Path, pages: list[Path]) -> dict:
    """Cut the stylesheet's icon rules and the fonts under ``static_root`` to what ``pages`` use;
    returns what was done (rules kept and dropped, bytes before and after per file)."""
    sheet = static_root / STYLESHEET
    css = sheet.read_text(encoding="utf-8")
    used = classes_used(static_root, pages)
    lean, kept, dropped = trim_rules(css, used)
    sheet.write_text(lean, encoding="utf-8")
    others = [f.read_text(encoding="utf-8") for f in static_root.rglob("*.css") if f != sheet]
    keep = code_points([lean, *others])
    report = {"rules kept": kept, "rules dropped": dropped, "stylesheet": (len(css.encode()), len(lean.encode())),
              "fonts": {}}
    for font in sorted((static_root / FONT_DIR).glob("*")):
        if font.suffix in (".woff2", ".ttf"):
            report["fonts"][font.name] = subset_font(font, keep)
    return report


def _finish(app, exception):
    pages = site_pages(app, exception)
    if pages is None:
        return
    static = Path(app.outdir) / "_static"
    if not (static / STYLESHEET).is_file() or not (static / FONT_DIR).is_dir():
        _warn(f"the theme's {STYLESHEET} or {FONT_DIR} is missing: its layout has changed")
        return
    report = cut(static, pages)
    if not report["rules kept"] or not report["rules dropped"]:
        _warn(f"kept {report['rules kept']} and dropped {report['rules dropped']} icon rules: "
              "the theme's stylesheet has changed")
    if not report["fonts"]:
        _warn(f"no font found in {FONT_DIR}")
    logger.info("icons: %d icon rules kept, %d dropped; fonts %s", report["rules kept"], report["rules dropped"],
                ", ".join(f"{k} {a // 1024}->{b // 1024} KiB" for k, (a, b) in report["fonts"].items()))


def setup(app):
    # After offline_assets (priority 500) has finished its page edits.
    app.connect("build-finished", _finish, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
