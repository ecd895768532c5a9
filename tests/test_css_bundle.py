"""Each page's stylesheets in one file (book/_ext/css_bundle.py): the same rules in the same order,
every url() still pointing at its file, and pages the bundler does not understand left alone."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import css_bundle  # noqa: E402

HEAD = ('<html><head><style>.first{}</style>\n  <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/a.css?v=2" />\n<script src="x.js"></script>\n'
        '<link rel="stylesheet" type="text/css" href="../_static/b.css" />\n<style>.after{}</style></head>'
        '<body><link rel="stylesheet" href="body.css"></body></html>')


def site(tmp_path: Path) -> Path:
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "styles" / "theme.css").write_text('@import "../basic.css";\n.theme{}\n')
    (static / "basic.css").write_text('@charset "UTF-8";\n.basic{background:url(file.png)}\n')
    (static / "a.css").write_text('.a{background:url("img/x.png?v=1#y")} .b{background:url(\'data:image/svg+xml;'
                                  'charset=utf-8,%3Csvg fill=\'rgba(0, 0, 0)\'%3E\')} .c{src:url(https://x.org/f.woff)}\n'
                                  '/*# sourceMappingURL=a.css.map */')
    (static / "b.css").write_text("@font-face{src:url(../_static/vendor/f.woff2) format('woff2')}\n")
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def test_urls_are_rewritten_for_the_bundles_folder_and_imports_inlined(tmp_path):
    static = site(tmp_path) / "_static"
    text = css_bundle.stylesheet_text(static / "a.css", static / "styles")
    assert 'url("../img/x.png?v=1#y")' in text
    assert "url('data:image/svg+xml;charset=utf-8,%3Csvg fill='rgba(0, 0, 0)'%3E')" in text
    assert "url(https://x.org/f.woff)" in text and "sourceMappingURL" not in text
    theme = css_bundle.stylesheet_text(static / "styles" / "theme.css", static / "styles")
    assert "@import" not in theme and "@charset" not in theme
    assert theme.index(".basic{background:url(\"../file.png\")}") < theme.index(".theme{}")


def test_a_page_links_one_bundle_with_its_rules_in_order_and_pages_share_it(tmp_path):
    out = site(tmp_path)
    pages = [out / "notebooks" / "one.html", out / "notebooks" / "two.html"]
    for p in pages:
        p.write_text(HEAD)
    assert css_bundle.bundle_site(out, pages, purge_unused=False) == (1, [])
    page = pages[0].read_text()
    head = page.split("</head>")[0]
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', head)
    assert len(links) == 1 and re.fullmatch(r"\.\./_static/styles/bundle-[0-9a-f]{16}\.css", links[0])
    assert head.index("<style>.first{}") < head.index(links[0]) < head.index('<script src="x.js">') \
        < head.index("<style>.after{}")
    assert '<link rel="stylesheet" href="body.css">' in page, "only the head's links are bundled"
    assert pages[1].read_text() == page
    bundle = (pages[0].parent / links[0]).read_text()
    order = [".basic{", ".theme{}", ".a{", "@font-face{src:url(\"../vendor/f.woff2\")"]
    assert [bundle.index(s) for s in order] == sorted(bundle.index(s) for s in order)
    assert bundle.startswith('@charset "UTF-8";') and bundle.count("@charset") == 1
    assert "\n" not in bundle and "sourceMappingURL" not in bundle, "the bundle is minified"
    # the later rules' file sits beside the bundle and is linked for after_paint to load
    later = links[0][:-len(".css")] + ".later.css"
    assert f'<link rel="stylesheet" href="{later}" data-after-paint>' in head
    assert (pages[0].parent / later).read_text() == "", "nothing purged, nothing later"


def test_pages_it_does_not_understand_keep_their_links_and_say_why(tmp_path):
    out = site(tmp_path)
    cases = {"media.html": HEAD.replace('href="../_static/b.css"', 'href="../_static/b.css" media="print"'),
             "remote.html": HEAD.replace("../_static/b.css", "https://cdn.example.org/b.css"),
             "style.html": HEAD.replace('<script src="x.js"></script>', "<style>.mid{}</style>"),
             "missing.html": HEAD.replace("../_static/b.css", "../_static/gone.css")}
    for name, text in cases.items():
        (out / "notebooks" / name).write_text(text)
    made, problems = css_bundle.bundle_site(out, [out / "notebooks" / n for n in cases], purge_unused=False)
    assert made == 0 and len(problems) == 4
    for name, why in zip(cases, ("a link it does not know", "a stylesheet from elsewhere", "a <style> between",
                                 "gone.css")):
        assert any(p.startswith(f"notebooks/{name} keeps its stylesheets") and why in p for p in problems), why
        assert (out / "notebooks" / name).read_text() == cases[name]


def test_every_built_page_loads_one_stylesheet_whose_files_all_exist(book_html):
    pages = [p for p in book_html.rglob("*.html")
             if "_static" not in p.relative_to(book_html).parts and p != book_html / "index.html"]
    bundles = set()
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        links = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', head)
        assert len(links) == 1 and "_static/styles/bundle-" in links[0], f"{page.name}: {links}"
        bundles.add((page.parent / re.search(r'href="([^"]+)"', links[0]).group(1)).resolve())
    assert 1 <= len(bundles) <= 3, "pages with the same stylesheets share one bundle"
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        parts = re.findall(r"/\*! (\S+\.css) \*/", text)
        # the theme's own stylesheets first (theme.css importing basic.css), the course's last, as linked;
        # on a page with a quiz, the quizzes' shared style after them (offline_assets.valid_markup)
        assert parts[:3] == ["theme.css", "basic.css", "pydata-sphinx-theme.css"], parts
        course = parts[-3:-1] if re.fullmatch(r"[0-9a-f]{20}\.css", parts[-1]) else parts[-2:]
        assert course == ["explorer.css", "a11y.css"] and "sphinx-book-theme.css" in parts, parts
        assert "@import" not in text
        for url in re.findall(r'url\("([^"]+)"\)', text):
            if not url.startswith("data:"):
                assert (bundle.parent / url.split("?")[0].split("#")[0]).is_file(), f"{bundle.name}: {url} is missing"


def test_an_imported_file_outside_the_bundles_folder_keeps_its_urls_and_odd_imports_are_refused(tmp_path):
    static = site(tmp_path) / "_static"
    (static / "sub").mkdir()
    (static / "sub" / "b.css").write_text(".b{background:url(x.png)}")
    (static / "outer.css").write_text('@import url(sub/b.css);\n.outer{background:url("y.png")}')
    text = css_bundle.stylesheet_text(static / "outer.css", static / "styles")
    assert 'url("../sub/x.png")' in text and 'url("../y.png")' in text and "@import" not in text
    (static / "media.css").write_text('@import "sub/b.css" screen;\n.m{}')
    try:
        css_bundle.stylesheet_text(static / "media.css", static / "styles")
    except ValueError as exc:
        assert "media.css has an @import this bundler cannot inline" in str(exc)
    else:
        raise AssertionError("an @import with a media list was dropped silently")


def test_a_later_build_rebundles_pages_it_did_not_write_from_the_current_stylesheets(tmp_path):
    import json

    out = site(tmp_path)
    page = out / "notebooks" / "one.html"
    page.write_text(HEAD)
    css_bundle.bundle_site(out, [page], purge_unused=False)
    first = re.search(r'href="(\.\./_static/styles/bundle-[0-9a-f]+\.css)"', page.read_text()).group(1)
    manifest = json.loads((out / "_static" / "styles" / "bundles.json").read_text())
    assert manifest == {first.rsplit("/", 1)[1]: ["styles/theme.css", "a.css", "b.css"]}
    # a stylesheet changes; Sphinx does not write the page again, but the bundler sees it
    (out / "_static" / "b.css").write_text(".b-changed{}")
    (out / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=notebooks/one.html">')
    assert css_bundle.bundle_site(out, [page, out / "index.html"], purge_unused=False) == (1, []), "a page without stylesheets is fine"
    second = re.search(r'href="(\.\./_static/styles/bundle-[0-9a-f]+\.css)"', page.read_text()).group(1)
    assert second != first and ".b-changed{}" in (page.parent / second).read_text()
    assert not (page.parent / first).exists(), "a bundle no page links is deleted"


# ----------------------------------------------------------------------------- unused rules
def test_a_rule_goes_only_when_every_selector_needs_a_name_nothing_uses():
    used = {"btn", "show", "itb-frame", "main"}
    assert css_bundle.can_match(".btn.show", used) and css_bundle.can_match("div > .btn:hover::after", used)
    assert not css_bundle.can_match(".btn .popover-arrow", used)
    assert css_bundle.can_match(".btn:not(.popover, .tooltip)", used)  # what :not names need not exist
    assert css_bundle.can_match('a[href$=".pdf"]', used)                 # an attribute test names no class
    assert not css_bundle.can_match("#sidebar", used) and css_bundle.can_match("#main", used)
    assert css_bundle.can_match(r".md\:flex", used)                      # escaped: not read, kept
    assert css_bundle._selectors(":is(.a, .b) .c, .d") == [":is(.a, .b) .c", " .d"]
    css = ('@charset "UTF-8";\n/*! Licence text */\n/*! theme.css */\n/* a note */\n'
           ".btn{color:red}.popover{color:blue}.popover,.btn.show{margin:0}"
           "@media (max-width:600px){.popover{x:1}}@media print{.itb-frame{y:2}.tooltip{z:3}}"
           "@font-face{font-family:F}@keyframes spin{to{transform:rotate(1turn)}}body{margin:0}")
    out = css_bundle.purge(css, used)
    assert ".btn{color:red}" in out and ".popover,.btn.show{margin:0}" in out and "body{margin:0}" in out
    assert ".popover{color:blue}" not in out and "x:1" not in out and "(max-width:600px)" not in out
    assert "@media print" in out and ".itb-frame{y:2}" in out and ".tooltip" not in out
    assert "@font-face{font-family:F}" in out and "@keyframes spin" in out and '@charset "UTF-8";' in out
    assert "/*! Licence text */" in out and "/*! theme.css */" in out and "a note" not in out


def test_names_used_come_from_pages_and_scripts_but_not_frames_scripts(tmp_path):
    static = site(tmp_path) / "_static"
    page = tmp_path / "notebooks" / "one.html"
    page.write_text('<script>document.documentElement.classList.add("eta-js");</script>'
                    '<div class="alpha beta" id="gamma"></div>')
    (static / "app.js").write_text('el.classList.add("delta-open"); var x = "show";')
    (static / "frames").mkdir()
    (static / "frames" / "f.js").write_text('itbExplorerFrames("x", [["epsilon.webp", 1, 1, "zeta"]]);')
    used = css_bundle.names_used(static, [page])
    assert {"alpha", "beta", "gamma", "delta-open", "show", "eta-js"} <= used and not {"epsilon", "zeta"} & used


def test_a_built_bundle_keeps_the_rules_the_site_uses_and_drops_others(book_html):
    first = next(p for p in (book_html / "_static" / "styles").glob("bundle-*.css") if ".later." not in p.name)
    bundle = first.read_text(encoding="utf-8")
    later = (first.parent / css_bundle.later_name(first.name)).read_text(encoding="utf-8")
    # the theme's search dialog, the course's explorers and the solution toggles stay in the bundle; a
    # Bootstrap class that only the theme's script adds at run time is in the later rules; Bootstrap's
    # floating forms, accordions and outline buttons, which no page or script of the book uses, go
    for kept in (".search-button-field", ".bd-search", ".itb-control", ".itb-solution"):
        assert kept in bundle, kept
    for kept in (".popover-arrow", ".tooltip-inner"):
        assert kept in later and kept not in bundle, kept
    for gone in (".form-floating", ".accordion-button", ".btn-outline-danger", ".placeholder-glow"):
        assert gone not in bundle + later, gone
    assert len(bundle.encode()) < 250_000, f"the bundle is {len(bundle.encode())} bytes"


def test_rules_only_a_script_can_match_are_split_off_for_after_the_first_paint():
    css = ('/*! theme.css */\n.btn{color:red}.btn.show{margin:0}.popover{x:1}.nothing{y:2}'
           '@media (min-width:600px){.btn{a:1}.tooltip{b:2}.gone{c:3}}@font-face{font-family:F}')
    now, later = css_bundle.partition(css, {"btn"}, {"show", "popover", "tooltip"})
    assert ".btn{color:red}" in now and "@font-face{font-family:F}" in now and "/*! theme.css */" in now
    assert "@media (min-width:600px){" in now and ".btn{a:1}" in now and ".tooltip" not in now
    assert ".btn.show{margin:0}" in later and ".popover{x:1}" in later and ".tooltip{b:2}" in later
    assert "@media (min-width:600px)" in later and ".btn{a:1}" not in later and "@font-face" not in later
    assert ".nothing" not in now + later and ".gone" not in now + later
    assert css_bundle.purge(css, {"btn"}) == now
    assert css_bundle.later_name("bundle-0123.css") == "bundle-0123.later.css"
    assert css_bundle.minified("/*! MIT */\n.a {\n  color: red;\n}\n/* note */\n") == "/*! MIT */.a{color:red}"


def test_a_rebundled_page_renames_its_link_to_the_later_rules_wherever_it_stands(tmp_path):
    out = site(tmp_path)
    page = out / "notebooks" / "one.html"
    page.write_text(HEAD)
    css_bundle.bundle_site(out, [page], purge_unused=False)
    text = page.read_text()
    later = re.search(r'<link rel="stylesheet" href="([^"]+\.later\.css)" data-after-paint>\n', text)
    # after_paint moves that link to the end of the body; a later build must still find it
    moved = text.replace(later.group(0), "").replace("</body>", f"<template>{later.group(0)}</template></body>")
    page.write_text(moved)
    (out / "_static" / "b.css").write_text(".b-changed{}")
    assert css_bundle.bundle_site(out, [page], purge_unused=False) == (1, [])
    text = page.read_text()
    bundle = re.search(r'href="(\.\./_static/styles/bundle-[0-9a-f]+)\.css"', text).group(1)
    assert text.count(".later.css") == 1 and f'<template><link rel="stylesheet" href="{bundle}.later.css"' in text
    assert (page.parent / f"{bundle}.later.css").exists() and not (page.parent / later.group(1)).exists()
