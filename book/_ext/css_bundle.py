"""Sphinx extension: each page loads one stylesheet instead of thirteen.

A page of the book links the theme's stylesheets and those of six extensions and the course, and
one of them (``styles/theme.css``) only ``@import``s a fourteenth. Every stylesheet blocks the first
paint, and on a phone's slow network each costs a round trip: about a second before anything
shows. Once the pages are written (after ``icons`` has cut the theme's icon rules), this extension

* writes the stylesheets a page links, in the page's order, into one file,
  ``_static/styles/bundle-<hash>.css`` (named by its content: cacheable, and shared by every page
  that links the same set), with each ``url()`` rewritten for the new folder and each
  ``@import`` of a local file replaced by that file;
* leaves out of each bundle the rules that can match nothing in the site (:func:`partition`): a
  rule goes only when each of its selectors names a class or id that no page carries and no script
  of the site mentions (the theme's scripts add Bootstrap's classes as they run, and name them);
* splits what is left in two. ``bundle-<hash>.css`` holds the rules that can match a page as it
  arrives, and blocks the first paint as every stylesheet does. ``bundle-<hash>.later.css`` holds the
  rules that need a class or id only a script adds (Bootstrap's open menus and tooltips, the copy
  buttons, the quizzes the quiz script draws): nothing on a page can match them before its scripts
  run, so the page links it with ``data-after-paint`` and ``after_paint`` loads it with the scripts,
  after the first paint. On Lesson 5 this took the render-blocking stylesheet from 156 kB to about
  100 kB. The later rules come after the others in the cascade, which matters only where a
  script-made element is also styled by a later rule of the same specificity;
* minifies both (``rcssmin``: white space and comments, licence comments kept);
* replaces the page's ``<link rel="stylesheet">`` tags with one link to it;
* keeps ``_static/styles/bundles.json`` (each bundle's stylesheets), so that an incremental build
  bundles the pages Sphinx did not write again from the current stylesheets too, and deletes the
  bundles no page links any more.

The cascade is unchanged: the rules kept come in the order the links gave them. A page whose links do not
look as expected (a ``media`` attribute, a remote file, a ``<style>`` between two links) keeps
its links, with a warning. ``tests/test_css_bundle.py`` checks the bundles.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from built_pages import site_pages
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the bundles go, relative to ``_static`` (beside the theme's own stylesheet, so its
#: ``url(../vendor/...)`` stay as they are).
BUNDLE_DIR = "styles"
#: Beside the bundles: each bundle's stylesheets, so the next build can bundle them again.
MANIFEST = "bundles.json"
#: A page's stylesheet link; the link to a bundle's later rules (``data-after-paint``) is not one to bundle.
_LINK = re.compile(r'<link\b(?![^>]*\bdata-after-paint\b)[^>]*\brel=["\']?stylesheet\b["\']?[^>]*>\s*')
#: Marks the link to a bundle's later rules, which ``after_paint`` loads after the first paint.
LATER_MARK = "data-after-paint"
_HREF = re.compile(r'\bhref="([^"]+)"')
_URL = re.compile(r'url\(\s*(?:"([^"]*)"|\'([^\']*)\'|([^"\')\s]+))\s*\)')
_CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_IMPORT = re.compile(r'@import\s+(?:url\(\s*(["\']?)([^"\')\s]+)\1\s*\)|(["\'])([^"\']+)\3)\s*;')


def _warn(message: str) -> None:
    logger.warning(f"css_bundle: {message}", type="css_bundle", subtype="bundle")


def _local(url: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.I)


def stylesheet_text(path: Path, bundle_dir: Path, seen: tuple = ()) -> str:
    """The stylesheet at ``path`` as it reads from ``bundle_dir``: its relative ``url()``s rewritten
    and its local ``@import``s replaced by the files they name (each rewritten for its own folder).
    Raises ValueError for an ``@import`` it cannot inline (remote, with a media list, circular)."""
    if path in seen:
        raise ValueError(f"{path.name} imports itself")
    text = path.read_text(encoding="utf-8-sig")

    def rebase(m: re.Match) -> str:
        url = next(g for g in m.groups() if g is not None).strip()
        if not _local(url):
            return m.group(0)
        bare = url.split("?")[0].split("#")[0]
        new = posixpath.normpath(Path(os.path.relpath(path.parent / bare, bundle_dir)).as_posix())
        return f'url("{new}{url[len(bare):]}")'

    # the build does not copy source maps; the bundle declares its encoding once, at its top
    text = _CHARSET.sub("", _SOURCE_MAP.sub("", text))
    parts, pos = [], 0
    for m in _IMPORT.finditer(text):
        target = m.group(2) or m.group(4)
        if not _local(target):
            raise ValueError(f"{path.name} imports {target}, which is not a file of the site")
        parts.append(_URL.sub(rebase, text[pos:m.start()]))
        parts.append(stylesheet_text((path.parent / target.split("?")[0]).resolve(), bundle_dir, (*seen, path)))
        pos = m.end()
    parts.append(_URL.sub(rebase, text[pos:]))
    if re.search(r"@import\b", "".join(parts[::2])):  # this file's own text, not the files it imported
        raise ValueError(f"{path.name} has an @import this bundler cannot inline (a media list or a layer?)")
    return f"/*! {path.name} */\n" + "".join(parts)


def _links(head: str) -> list[re.Match] | str:
    """The stylesheet links of a page's head, or why they cannot be bundled."""
    links = list(_LINK.finditer(head))
    if links and "<style" in head[links[0].start():links[-1].end()]:
        return "a <style> between its stylesheet links"
    for m in links:
        if " media=" in m.group(0) or not _HREF.search(m.group(0)):
            return f"a link it does not know: {m.group(0).strip()}"
        if not _local(html.unescape(_HREF.search(m.group(0)).group(1))):
            return f"a stylesheet from elsewhere: {m.group(0).strip()}"
    return links


#: A class or id in a selector; a word in a script (where class names hide in strings).
_SELECTOR_NAME = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
_WORD = re.compile(r"-?[A-Za-z_][\w-]*")
_CLASS_ATTR = re.compile(r'\b(?:class|id)="([^"]*)"')
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)


def names_in_pages(pages: list[Path]) -> set[str]:
    """Every class and id that ``pages`` carry, and every word of their inline scripts (one marks the
    page ``itb-js`` before it is painted)."""
    used: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for m in _CLASS_ATTR.finditer(text):
            used.update(m.group(1).split())
        for m in _INLINE_SCRIPT.finditer(text):
            used.update(_WORD.findall(m.group(1)))
    return used


def names_in_scripts(static: Path) -> set[str]:
    """Every word of the site's scripts under ``static`` (the explorers' frames scripts aside: they
    hold file names and alt texts)."""
    used: set[str] = set()
    for script in static.rglob("*.js"):
        if "frames" not in script.relative_to(static).parts:
            used.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


def names_used(static: Path, pages: list[Path]) -> set[str]:
    """The names of :func:`names_in_pages` and :func:`names_in_scripts` together."""
    return names_in_pages(pages) | names_in_scripts(static)


def _selectors(prelude: str) -> list[str]:
    """A rule's selector list split at its top-level commas (not those inside ``:is(...)``)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return parts + [prelude[start:]]


def _strip_negations(selector: str) -> str:
    """``selector`` without its ``:not(...)`` parts (what they name need not exist) and attribute
    tests (``[href$=".pdf"]`` names no class)."""
    out, i = [], 0
    while i < len(selector):
        if selector.startswith(":not(", i) or selector[i] == "[":
            depth, j = 0, i
            while j < len(selector):
                depth += (selector[j] in "([") - (selector[j] in ")]")
                j += 1
                if depth == 0 and selector[j - 1] in ")]":
                    break
            i = j
            continue
        out.append(selector[i])
        i += 1
    return "".join(out)


def can_match(selector: str, used: set[str]) -> bool:
    """False only when ``selector`` needs a class or id that is not in ``used``. A selector this
    cannot read (an escaped name) is taken to match."""
    if "\\" in selector:
        return True
    return all(name in used for name in _SELECTOR_NAME.findall(_strip_negations(selector)))


def partition(css: str, page_names: set[str], script_names: set[str] = frozenset()) -> tuple[str, str]:
    """``css`` split into the rules that can match a page as it arrives (some selector
    :func:`can_match` ``page_names``) and the later rules, which can match only once a script has
    added a name of ``script_names``; rules that can match neither go. Rules inside ``@media``,
    ``@supports`` and ``@layer`` blocks are weighed one by one (a block goes to each part that keeps
    one of its rules; an emptied block goes). Other at-rules (``@font-face``, ``@keyframes``,
    ``@charset``), ``/*!`` comments (licences, and the bundle's ``/*! file.css */`` markers) stay in the
    first part."""
    import tinycss2

    every = page_names | script_names

    def rebuilt(node, inner):
        node = tinycss2.ast.AtRule(node.source_line, node.source_column, node.at_keyword,
                                   node.lower_at_keyword, node.prelude, [tinycss2.ast.WhitespaceToken(0, 0, "\n")] + [
                                       t for n in inner for t in (n, tinycss2.ast.WhitespaceToken(0, 0, "\n"))])
        return node

    def split(nodes, top):
        now, later = [], []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors = _selectors(tinycss2.serialize(node.prelude))
                if any(can_match(s, page_names) for s in selectors):
                    now.append(node)
                elif any(can_match(s, every) for s in selectors):
                    later.append(node)
            elif node.type == "at-rule" and node.content is not None and \
                    node.lower_at_keyword in ("media", "supports", "layer"):
                inner_now, inner_later = split(tinycss2.parse_blocks_contents(
                    node.content, skip_whitespace=True, skip_comments=True), False)
                if inner_now:
                    now.append(rebuilt(node, inner_now))
                if inner_later:
                    later.append(rebuilt(node, inner_later))
            elif node.type == "comment":  # licences, and the bundle's name of each file in it
                if top and node.value.startswith("!"):
                    now.append(node)
            elif node.type not in ("whitespace",):
                now.append(node)
        return now, later

    now, later = split(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=False), True)
    return tuple("".join(tinycss2.serialize([n]) + "\n" for n in part) for part in (now, later))


def purge(css: str, used: set[str]) -> str:
    """``css`` without the rules none of whose selectors :func:`can_match` ``used``."""
    return partition(css, used)[0]


def minified(css: str) -> str:
    """``css`` without its white space and comments, licence comments (``/*!``) kept."""
    import rcssmin

    return rcssmin.cssmin(css, keep_bang_comments=True)


def later_name(bundle: str) -> str:
    """The file of a bundle's later rules: ``bundle-<hash>.css`` -> ``bundle-<hash>.later.css``."""
    return bundle[:-len(".css")] + ".later.css"


def _write_bundle(files: tuple[Path, ...], static: Path, made: dict,
                  names: tuple[set[str], set[str]] | None) -> Path:
    """The bundle of ``files`` (in that order), written once per set into ``static/styles``, with its
    later rules beside it (:func:`later_name`). ``names`` are the names the pages carry and those
    only scripts add (:func:`partition`); when None, nothing is purged and nothing is later."""
    if files not in made:
        folder = static / BUNDLE_DIR
        body = '@charset "UTF-8";\n' + "\n".join(stylesheet_text(f, folder.resolve()) for f in files)
        now, later = partition(body, *names) if names is not None else (body, "")
        now, later = minified(now), minified(later)
        path = folder / f"bundle-{hashlib.sha1((now + later).encode()).hexdigest()[:16]}.css"
        path.write_text(now, encoding="utf-8")
        (folder / later_name(path.name)).write_text(later, encoding="utf-8")
        made[files] = path
    return made[files]


def bundle_page(page: Path, static: Path, made: dict, manifest: dict,
                names: tuple[set[str], set[str]] | None = None) -> str | None:
    """Point ``page`` at one bundle of its stylesheets, and at the bundle's later rules (a link
    marked ``data-after-paint``, which ``after_paint`` loads after the first paint). A page written
    by this build links the stylesheets themselves; a page an earlier build bundled links its bundle,
    which ``manifest`` (bundle name -> its files, relative to ``static``) turns back into its files,
    so a changed stylesheet reaches pages that Sphinx did not write again (its link to the old later
    rules, wherever it stands, is renamed too). ``made`` remembers the bundles written. Returns why
    the page was left as it is, or None."""
    text = page.read_text(encoding="utf-8")
    end = text.find("</head>")
    if end < 0:
        return None if "stylesheet" not in text else "no </head>"
    head = text[:end]
    links = _links(head)
    if isinstance(links, str):
        return links
    hrefs = [html.unescape(_HREF.search(m.group(0)).group(1)).split("?")[0] for m in links]
    old = posixpath.basename(hrefs[0]) if len(links) == 1 else None
    if old in manifest:
        files = tuple((static / f).resolve() for f in manifest[old])
    elif len(links) < 2:
        return None  # nothing to bundle (the redirecting root page)
    else:
        files, old = tuple((page.parent / unquote(h)).resolve() for h in hrefs), None
    bundle = _write_bundle(files, static, made, names)
    href = Path(os.path.relpath(bundle, page.parent)).as_posix()
    tag = f'<link rel="stylesheet" href="{html.escape(href, quote=True)}">\n'
    if old is None:  # a page this build wrote: its later rules are linked beside the bundle
        tag += f'<link rel="stylesheet" href="{html.escape(later_name(href), quote=True)}" {LATER_MARK}>\n'
    new_head = head[:links[0].start()] + tag + "".join(
        head[a.end():b.start()] for a, b in zip(links, links[1:])) + head[links[-1].end():]
    new = new_head + text[end:]
    if old is not None:
        new = new.replace(f"/{later_name(old)}\"", f"/{later_name(bundle.name)}\"")
    if new != text:
        page.write_text(new, encoding="utf-8")
    return None


def bundle_site(outdir: Path, pages: list[Path], purge_unused: bool = True) -> tuple[int, list[str]]:
    """Bundle the stylesheets of every page of ``pages``, keep ``styles/bundles.json`` (each bundle's
    files) for the next build and delete the bundles no page links any more. Returns the number of
    bundles the pages link and the problems (a page left as it is, and why)."""
    static = outdir / "_static"
    listing = static / BUNDLE_DIR / MANIFEST
    manifest = json.loads(listing.read_text(encoding="utf-8")) if listing.is_file() else {}
    made: dict = {}
    problems = []
    names = (names_in_pages(pages), names_in_scripts(static)) if purge_unused else None
    for page in pages:
        try:
            why = bundle_page(page, static, made, manifest, names)
        except (OSError, ValueError) as exc:
            why = str(exc)
        if why:
            problems.append(f"{page.relative_to(outdir).as_posix()} keeps its stylesheets: {why}")
    linked = {path.name: [f.relative_to(static.resolve()).as_posix() for f in files] for files, path in made.items()}
    if made:
        listing.write_text(json.dumps(linked, indent=1), encoding="utf-8")
    if made:  # a run that bundled nothing knows nothing of which bundles are linked
        keep = set(linked) | {later_name(name) for name in linked}
        for old in (static / BUNDLE_DIR).glob("bundle-*.css"):
            if old.name not in keep:
                old.unlink()
    return len(made), problems


def _finish(app, exception):
    pages = site_pages(app, exception)
    if pages is None:
        return
    _, problems = bundle_site(Path(app.outdir), pages)
    for problem in problems:
        _warn(problem)


def setup(app):
    # After icons (priority 600) has cut the theme's stylesheet.
    app.connect("build-finished", _finish, priority=700)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
