"""Sphinx extension: each page loads one stylesheet instead of thirteen.

A page of the book links the theme's stylesheets and those of six extensions and the course, and
one of them (``styles/theme.css``) only ``@import``s a fourteenth. Every stylesheet blocks the first
paint, and on a phone's slow network each costs a round trip: about a second before anything
shows. Once the pages are written (after ``icons`` has cut the theme's icon rules), this extension

* writes the stylesheets a page links, in the page's order, into one file,
  ``_static/styles/bundle-<hash>.css`` (named by its content: cacheable, and shared by every page
  that links the same set), with each ``url()`` rewritten for the new folder and each
  ``@import`` of a local file replaced by that file;
* leaves out of each bundle the rules that can match nothing in the site (:func:`purge`): a rule
  goes only when each of its selectors names a class or id that no page carries and no script of
  the site mentions (the theme's scripts add Bootstrap's classes as they run, and name them);
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

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the bundles go, relative to ``_static`` (beside the theme's own stylesheet, so its
#: ``url(../vendor/...)`` stay as they are).
BUNDLE_DIR = "styles"
#: Beside the bundles: each bundle's stylesheets, so the next build can bundle them again.
MANIFEST = "bundles.json"
_LINK = re.compile(r'<link\b[^>]*\brel=["\']?stylesheet\b["\']?[^>]*>\s*')
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
    return f"/* {path.name} */\n" + "".join(parts)


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


def names_used(static: Path, pages: list[Path]) -> set[str]:
    """Every class and id that ``pages`` carry, every word of their inline scripts (one marks the
    page ``itb-js``) and every word of the site's scripts under ``static`` (the explorers' frames
    scripts aside: they hold file names and alt texts)."""
    used: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for m in _CLASS_ATTR.finditer(text):
            used.update(m.group(1).split())
        for m in _INLINE_SCRIPT.finditer(text):
            used.update(_WORD.findall(m.group(1)))
    for script in static.rglob("*.js"):
        if "frames" not in script.relative_to(static).parts:
            used.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


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


def purge(css: str, used: set[str]) -> str:
    """``css`` without the rules none of whose selectors :func:`can_match`; rules inside ``@media``,
    ``@supports`` and ``@layer`` blocks are weighed one by one (an emptied block goes). Other
    at-rules (``@font-face``, ``@keyframes``, ``@charset``), ``/*!`` licence comments and the
    bundle's ``/* file.css */`` markers stay."""
    import tinycss2

    def keep(nodes, top):
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                if any(can_match(s, used) for s in _selectors(tinycss2.serialize(node.prelude))):
                    out.append(node)
            elif node.type == "at-rule" and node.content is not None and \
                    node.lower_at_keyword in ("media", "supports", "layer"):
                inner = keep(tinycss2.parse_blocks_contents(node.content, skip_whitespace=True,
                                                            skip_comments=True), False)
                if inner:
                    node.content = [tinycss2.ast.WhitespaceToken(0, 0, "\n")] + [
                        t for n in inner for t in (n, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                    out.append(node)
            elif node.type == "comment":  # licences, and the bundle's name of each file in it
                if top and (node.value.startswith("!") or re.fullmatch(r" \S+ ", node.value)):
                    out.append(node)
            elif node.type not in ("whitespace",):
                out.append(node)
        return out

    nodes = keep(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=False), True)
    return "\n".join(tinycss2.serialize([n]) for n in nodes) + "\n"


def _write_bundle(files: tuple[Path, ...], static: Path, made: dict, used: set[str] | None) -> Path:
    """The bundle of ``files`` (in that order), written once per set into ``static/styles``, purged
    of the rules that need a name not in ``used`` (nothing purged when ``used`` is None)."""
    if files not in made:
        folder = static / BUNDLE_DIR
        body = '@charset "UTF-8";\n' + "\n".join(stylesheet_text(f, folder.resolve()) for f in files)
        if used is not None:
            body = purge(body, used)
        path = folder / f"bundle-{hashlib.sha1(body.encode()).hexdigest()[:16]}.css"
        path.write_text(body, encoding="utf-8")
        made[files] = path
    return made[files]


def bundle_page(page: Path, static: Path, made: dict, manifest: dict, used: set[str] | None = None) -> str | None:
    """Point ``page`` at one bundle of its stylesheets. A page written by this build links the
    stylesheets themselves; a page an earlier build bundled links its bundle, which ``manifest``
    (bundle name -> its files, relative to ``static``) turns back into its files, so a changed
    stylesheet reaches pages that Sphinx did not write again. ``made`` remembers the bundles
    written. Returns why the page was left as it is, or None."""
    text = page.read_text(encoding="utf-8")
    end = text.find("</head>")
    if end < 0:
        return None if "stylesheet" not in text else "no </head>"
    head = text[:end]
    links = _links(head)
    if isinstance(links, str):
        return links
    hrefs = [html.unescape(_HREF.search(m.group(0)).group(1)).split("?")[0] for m in links]
    if len(links) == 1 and posixpath.basename(hrefs[0]) in manifest:
        files = tuple((static / f).resolve() for f in manifest[posixpath.basename(hrefs[0])])
    elif len(links) < 2:
        return None  # nothing to bundle (the redirecting root page)
    else:
        files = tuple((page.parent / unquote(h)).resolve() for h in hrefs)
    bundle = _write_bundle(files, static, made, used)
    href = Path(os.path.relpath(bundle, page.parent)).as_posix()
    tag = f'<link rel="stylesheet" href="{html.escape(href, quote=True)}">\n'
    new_head = head[:links[0].start()] + tag + "".join(
        head[a.end():b.start()] for a, b in zip(links, links[1:])) + head[links[-1].end():]
    if new_head != head:
        page.write_text(new_head + text[end:], encoding="utf-8")
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
    used = names_used(static, pages) if purge_unused else None
    for page in pages:
        try:
            why = bundle_page(page, static, made, manifest, used)
        except (OSError, ValueError) as exc:
            why = str(exc)
        if why:
            problems.append(f"{page.relative_to(outdir).as_posix()} keeps its stylesheets: {why}")
    linked = {path.name: [f.relative_to(static.resolve()).as_posix() for f in files] for files, path in made.items()}
    if made:
        listing.write_text(json.dumps(linked, indent=1), encoding="utf-8")
    if made:  # a run that bundled nothing knows nothing of which bundles are linked
        for old in (static / BUNDLE_DIR).glob("bundle-*.css"):
            if old.name not in linked:
                old.unlink()
    return len(made), problems


def _finish(app, exception):
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = sorted(p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)
    _, problems = bundle_site(out, pages)
    for problem in problems:
        _warn(problem)


def setup(app):
    # After icons (priority 600) has cut the theme's stylesheet.
    app.connect("build-finished", _finish, priority=700)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
