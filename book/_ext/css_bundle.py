"""Sphinx extension: each page loads one stylesheet instead of thirteen.

A page of the book links the theme's stylesheets and those of six extensions and the course, and
one of them (``styles/theme.css``) only ``@import``s a fourteenth. Every stylesheet blocks the first
paint, and on a phone's slow network each costs a round trip: about a second before anything
shows. Once the pages are written (after ``icons`` has cut the theme's icon rules), this extension

* writes the stylesheets a page links, in the page's order, into one file,
  ``_static/styles/bundle-<hash>.css`` (named by its content: cacheable, and shared by every page
  that links the same set), with each ``url()`` rewritten for the new folder and each
  ``@import`` of a local file replaced by that file;
* replaces the page's ``<link rel="stylesheet">`` tags with one link to it.

The cascade is unchanged: the rules come in the order the links gave them. A page whose links do not
look as expected (a ``media`` attribute, a remote file, a ``<style>`` between two links) keeps
its links, with a warning. ``tests/test_css_bundle.py`` checks the bundles.
"""
from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the bundles go, relative to ``_static`` (beside the theme's own stylesheet, so its
#: ``url(../vendor/...)`` stay as they are).
BUNDLE_DIR = "styles"
_LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\s*')
_HREF = re.compile(r'\bhref="([^"]+)"')
_URL = re.compile(r'url\(\s*(?:"([^"]*)"|\'([^\']*)\'|([^"\')\s]+))\s*\)')
_CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
_IMPORT = re.compile(r'@import\s+(?:url\(\s*)?(["\'])([^"\']+)\1\s*\)?\s*;')


def _warn(message: str) -> None:
    logger.warning(f"css_bundle: {message}", type="css_bundle", subtype="bundle")


def _local(url: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.I)


def stylesheet_text(path: Path, bundle_dir: Path, seen: tuple = ()) -> str:
    """The stylesheet at ``path`` as it reads from ``bundle_dir``: its relative ``url()``s rewritten
    and its local ``@import``s replaced by the files they name (each once per chain)."""
    if path in seen:
        raise ValueError(f"{path.name} imports itself")
    text = path.read_text(encoding="utf-8")

    def inline(m: re.Match) -> str:
        target = m.group(2)
        if not _local(target):
            raise ValueError(f"{path.name} imports {target}, which is not a file of the site")
        return stylesheet_text((path.parent / target.split("?")[0]).resolve(), bundle_dir, (*seen, path))

    def rebase(m: re.Match) -> str:
        url = next(g for g in m.groups() if g is not None).strip()
        if not _local(url):
            return m.group(0)
        new = posixpath.normpath(Path(os.path.relpath(path.parent / url.split("?")[0].split("#")[0],
                                                      bundle_dir)).as_posix())
        suffix = url[len(url.split("?")[0].split("#")[0]):]
        return f'url("{new}{suffix}")'

    # the build does not copy source maps; the bundle declares its encoding once, at its top
    text = _CHARSET.sub("", _SOURCE_MAP.sub("", _IMPORT.sub(inline, text)))
    return f"/* {path.name} */\n" + _URL.sub(rebase, text)


def _links(head: str) -> list[re.Match] | str:
    """The stylesheet links of a page's head, or why they cannot be bundled."""
    links = list(_LINK.finditer(head))
    if len(links) < 2:
        return "fewer than two stylesheets"
    between = head[links[0].start():links[-1].end()]
    if "<style" in between:
        return "a <style> between its stylesheet links"
    for m in links:
        if " media=" in m.group(0) or not _HREF.search(m.group(0)):
            return f"a link it does not know: {m.group(0).strip()}"
        if not _local(html.unescape(_HREF.search(m.group(0)).group(1))):
            return f"a stylesheet from elsewhere: {m.group(0).strip()}"
    return links


def bundle_page(page: Path, static: Path, made: dict) -> str | None:
    """Point ``page`` at one bundle of its stylesheets (written into ``static/styles`` once per set;
    ``made`` remembers them). Returns why the page was left as it is, or None."""
    text = page.read_text(encoding="utf-8")
    end = text.find("</head>")
    if end < 0:
        return "no </head>"
    head = text[:end]
    links = _links(head)
    if isinstance(links, str):
        return links
    files = tuple((page.parent / html.unescape(_HREF.search(m.group(0)).group(1)).split("?")[0]).resolve()
                  for m in links)
    if files not in made:
        folder = static / BUNDLE_DIR
        body = '@charset "UTF-8";\n' + "\n".join(stylesheet_text(f, folder.resolve()) for f in files)
        name = f"bundle-{hashlib.sha1(body.encode()).hexdigest()[:16]}.css"
        (folder / name).write_text(body, encoding="utf-8")
        made[files] = folder / name
    href = Path(os.path.relpath(made[files], page.parent)).as_posix()
    tag = f'<link rel="stylesheet" href="{html.escape(href, quote=True)}">\n'
    new_head = head[:links[0].start()] + tag + "".join(
        head[a.end():b.start()] for a, b in zip(links, links[1:])) + head[links[-1].end():]
    page.write_text(new_head + text[end:], encoding="utf-8")
    return None


def bundle_site(outdir: Path, pages: list[Path]) -> tuple[int, list[str]]:
    """Bundle the stylesheets of every page of ``pages``; returns the number of bundles written and
    the problems (a page left as it is, and why)."""
    made: dict = {}
    problems = []
    for page in pages:
        try:
            why = bundle_page(page, outdir / "_static", made)
        except (OSError, ValueError) as exc:
            why = str(exc)
        if why:
            problems.append(f"{page.relative_to(outdir).as_posix()} keeps its stylesheets: {why}")
    return len(made), problems


def _note_page(app, pagename, templatename, context, doctree):
    app.__dict__.setdefault("_css_bundle_pages", set()).add(pagename)


def _finish(app, exception):
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    # only the pages this build wrote: the others already link their bundle
    written = {Path(app.builder.get_outfilename(p)) for p in app.__dict__.get("_css_bundle_pages", set())}
    _, problems = bundle_site(Path(app.outdir), sorted(p for p in written if p.is_file()))
    for problem in problems:
        _warn(problem)


def setup(app):
    app.connect("html-page-context", _note_page)
    # After icons (priority 600) has cut the theme's stylesheet.
    app.connect("build-finished", _finish, priority=700)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
