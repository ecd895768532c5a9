"""Sphinx extension: a site that loads nothing from outside itself and logs no console errors.

A default Jupyter Book 1 page loads MathJax from cdn.jsdelivr.net, declares
``THEBE_JS_URL`` twice (an uncaught ``SyntaxError`` in the console) although
Thebe is off, embeds the notebook's ipywidgets state (hundreds of kB that no
widget manager will ever read, since the book drops widget views for the HTML
builder), and lets pydata-sphinx-theme log "Got invalid theme mode" on a first
visit. This extension fixes all four at build time:

* copies the MathJax 3 files the pages need (``tex-chtml.js``, its CHTML
  fonts, the TeX extensions it autoloads, the menu and accessibility
  components) from the ``django-static-mathjax`` wheel into
  ``_static/vendor/mathjax/`` and points ``mathjax_path`` there (only when a page loads
  MathJax: ``book/_ext/mathml.py`` writes the course's formulas as MathML at build time);
* drops the sphinx-thebe scripts and stylesheet and its inert config block
  when ``launch_buttons.thebe`` is off (the Binder and Colab buttons stay:
  they are plain links);
* drops the widget-state script when no widget manager is configured
  (``nb_ipywidgets_js`` empty), and removes duplicate scripts;
* gives bibliography entries the ``listitem`` role their ``role="list"``
  parent needs (docutils writes the deprecated ``doc-biblioentry``);
* sets the theme's default mode to ``auto`` (follow the reader's system
  setting) so the theme never sees an empty mode;
* drops the theme's ``fontawesome.js`` (1.5 MB on every page): it only turns
  icons into SVG, and the theme's stylesheet already draws them with the
  Font Awesome web font it ships; source maps are not copied either;
* loads every head script but ``documentation_options.js`` with ``defer``, so none blocks the
  first paint (an inline script marks the page as scripted at once, for a11y.css); the search
  page keeps them as they are, since its template's search scripts run at once and need them;
* drops Sphinx's search index and search scripts (95 kB) from every page but
  the search page when the theme's search-as-you-type box is off (the search
  button then opens a form that goes to the search page);
* moves every pre-rendered explorer frame out of the page into
  ``_static/frames/<hash>.webp`` (one file per distinct picture, cacheable): the page keeps the
  starting frame's ``<img>``, and the others (file, size, alt text) go into a script,
  ``_static/frames/<hash>.js``, that ``explorer.js`` loads once the page has loaded and the
  explorer nears the view. Every starting frame but the page's first is ``loading="lazy"``. A
  lesson page drops from about 1 MB of base64 text to its words and one picture per explorer;
* writes jupyterquiz's library, which every quiz's script repeats (about 37 KiB each; Lesson 8
  has four quizzes), once as ``_static/quiz/jupyterquiz-<hash>.js`` (cacheable, shared by every
  page) and loads it with one ``<script src>`` just before a page's first quiz; each quiz keeps
  its questions and the call that draws it, which run after the library as before.

This is the course's adapter for the theme and sphinx-thebe: it checks that the installed
releases are the ones it was written for, and every edit that matches nothing is a Sphinx
warning (fatal under ``-W``), so an upgrade cannot silently change the pages. Nothing is deleted
unless every reference to it was removed first. ``CONTRIBUTING.md`` lists the upstream problems
it works around. The browser suite (``tests/test_browser_static.py``) checks the result.
"""
from __future__ import annotations

import html
import re
import shutil
from importlib import metadata
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where MathJax goes, relative to ``_static``.
MATHJAX_DIR = "vendor/mathjax"
#: MathJax starts from its small loader and fetches only the components below: about 0.75 MB
#: instead of the 1.16 MB of the combined tex-chtml.js, whose right-click menu (0.43 MB) the
#: course does not need. Assistive MathML still gives screen readers every formula.
MATHJAX_ENTRY = "startup.js"
MATHJAX_COMPONENTS = ["input/tex-base", "[tex]/ams", "output/chtml", "a11y/assistive-mml"]
MATHJAX_CONFIG = {
    "loader": {"load": MATHJAX_COMPONENTS},
    "tex": {"packages": {"[+]": ["ams"]}},
}
#: Parts of MathJax's es5 tree those components need (the speech engine ``sre/``, 3.9 MB, is left out).
MATHJAX_PARTS = [
    MATHJAX_ENTRY,
    "core.js",
    "input/tex-base.js",
    "input/tex/extensions/ams.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "output/chtml/fonts/woff-v2",
    "a11y/assistive-mml.js",
]
_CDN_PREFIXES = ("https://cdn.jsdelivr.net/", "http://", "https://")
#: The releases whose output these edits were written for (pinned in requirements.txt).
WRITTEN_FOR = {"sphinx-book-theme": "1.3.0", "pydata-sphinx-theme": "0.17.1", "sphinx-thebe": "0.3.1"}


def _warn(message: str) -> None:
    logger.warning(f"offline_assets: {message}", type="offline_assets", subtype="adapter")


def _check_versions(app, config):
    for package, version in WRITTEN_FOR.items():
        installed = metadata.version(package)
        if installed != version:
            _warn(f"written for {package} {version}, but {installed} is installed: review its page edits")


def mathjax_source() -> Path:
    """The es5 folder of the vendored MathJax (``pip install django-static-mathjax``)."""
    try:
        import mathjax  # the django-static-mathjax wheel: site-packages/mathjax/static/mathjax/es5
    except ImportError as exc:  # pragma: no cover - the pinned environment has it
        raise RuntimeError("offline_assets needs the django-static-mathjax package "
                           "(pinned in requirements.txt)") from exc
    root = Path(next(iter(mathjax.__path__))) / "static" / "mathjax" / "es5"
    if not (root / MATHJAX_ENTRY).is_file():
        raise RuntimeError(f"MathJax not found at {root}")
    return root


def _config_inited(app, config):
    # Only replace the CDN default; a local path set by hand wins.
    if not config.mathjax_path or str(config.mathjax_path).startswith(_CDN_PREFIXES):
        config.mathjax_path = f"{MATHJAX_DIR}/{MATHJAX_ENTRY}"
        mj = dict(config.mathjax3_config or {})
        for key, value in MATHJAX_CONFIG.items():
            mj[key] = {**mj.get(key, {}), **value}
        config.mathjax3_config = mj
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


def _thebe_off(app) -> bool:
    launch = (app.config.html_theme_options or {}).get("launch_buttons", {}) or {}
    return not launch.get("thebe")


def _count(app, what: str) -> None:
    """Note that one of this adapter's edits matched (checked when the build finishes)."""
    counts = app.__dict__.setdefault("_offline_assets_matches", {})
    counts[what] = counts.get(what, 0) + 1


def _drop_thebe_config(app, doctree, docname):
    """sphinx-thebe writes a ``text/x-thebe-config`` block into every page even when Thebe is off."""
    if not _thebe_off(app):
        return
    for node in list(doctree.findall(nodes.raw)):
        if "text/x-thebe-config" in node.astext():
            node.parent.remove(node)
            _count(app, "thebe config block")


def _page_context(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts is not None:
        keep, seen = [], set()
        no_widget_manager = not app.config.nb_ipywidgets_js
        for js in scripts:
            name = str(js.filename or "")
            attrs = dict(js.attributes)
            body = attrs.get("body", "")
            if _thebe_off(app) and ("THEBE_JS_URL" in body or name.endswith("sphinx-thebe.js")):
                _count(app, "thebe script")
                continue
            if no_widget_manager and attrs.get("type") == "application/vnd.jupyter.widget-state+json":
                continue
            key = (name, tuple(sorted(attrs.items())))
            if key in seen:
                continue
            seen.add(key)
            # the search page's own scripts (written by its template) need doctools.js at once
            keep.append(js if pagename == "search" else _deferred(js))
        scripts[:] = keep
    # Sphinx loads MathJax on a page whose toctree merely includes pages with math (the
    # root page includes them all); a page with no formula of its own does not need it.
    body = context.get("body") or ""
    if scripts is not None and 'class="math' not in body:
        scripts[:] = [js for js in scripts if not _is_mathjax(app, js)]
    if scripts is not None and any(_is_mathjax(app, js) for js in scripts):
        app.__dict__.setdefault("_offline_assets_mathjax_pages", set()).add(pagename)
    # docutils marks bibliography entries with the deprecated role doc-biblioentry inside a
    # role="list": axe-core then finds links as direct list content (a critical violation).
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    css = context.get("css_files")
    if css is not None and _thebe_off(app):
        css[:] = [c for c in css if not str(c.filename or "").endswith("sphinx-thebe.css")]


#: The one head script that stays synchronous: the inline scripts after it set its options.
SYNC_SCRIPTS = ("documentation_options.js",)
#: Run in the head, before the first paint: marks the page as scripted for a11y.css (which then
#: hides the no-script copy of each quiz), so deferring a11y.js cannot flash that copy.
SCRIPTED_MARK = 'document.documentElement.classList.add("itb-js");'


def _deferred(js):
    """A head script file loaded with ``defer`` (fetched in parallel, run in order after the page is
    parsed), so it no longer blocks the first paint. The inline scripts between them only set
    variables, and every script waits for the DOM as before; documentation_options.js stays as it is.
    """
    name = str(js.filename or "")
    attrs = dict(js.attributes)
    if not name or name.endswith(SYNC_SCRIPTS) or {"defer", "async"} & attrs.keys() or attrs.get("type") == "module":
        return js
    return type(js)(js.filename, priority=js.priority, **attrs, defer="defer")


#: The theme's icon script, written into every page by its template (not through script_files).
_FONTAWESOME_TAG = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js\?digest=[0-9a-f]+"></script>')


#: Sphinx's search scripts, also written into every page by the theme's template for its
#: search-as-you-type box (95 kB); with that box off only the search page uses them.
_SEARCH_TAGS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')


#: An explorer as its static face writes it (itband/course/explorer/static_face.py): the figure's
#: opening tag, its controls, and its box of inlined frames.
_EXPLORER = re.compile(r'(<figure class="itb-explorer" id="([^"]+)" data-shape="[0-9,]*")>((?:(?!<figure\b).)*?)'
                       r'<div class="itb-frames">((?:<img class="itb-frame" [^>]*>)+)</div>', re.S)
_FRAME = re.compile(r'<img class="itb-frame" data-frame="(\d+)" src="data:image/webp;base64,([A-Za-z0-9+/=]+)" '
                    r'(?:data-narrow="data:image/webp;base64,([A-Za-z0-9+/=]+)" )?alt="([^"]*)"( hidden)?>')
FRAMES_DIR = "frames"


def _pages_holding(pages: list[Path], marker: str):
    """Each page of ``pages`` whose text holds ``marker``, with its text."""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if marker in text:
            yield page, text


def _write_once(folder: Path, data: bytes, suffix: str) -> str:
    """Write ``data`` to ``folder`` under a name made from its hash (cacheable: a changed file gets a
    new name); returns the name."""
    import hashlib

    name = hashlib.sha1(data).hexdigest()[:20] + suffix
    if not (folder / name).exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return name


def frames_script(figure_id: str, frames: list[list]) -> str:
    """The script that hands an explorer its frames: ``C.register(id, [[file, width, height, alt], ...])``,
    each frame with a narrow version followed by that version's ``file, width, height``
    (a script, not JSON, because a page opened from file:// may not fetch JSON)."""
    import json

    from itband.course.explorer import CONTRACT

    return f"{CONTRACT['register']}({json.dumps(figure_id)}, {json.dumps(frames, ensure_ascii=False)});\n"


def _frame_file(folder: Path, b64: str) -> list:
    """Write one inlined WebP frame to ``folder``: ``[file name, width, height]``."""
    import base64
    import io

    from PIL import Image

    data = base64.b64decode(b64)
    width, height = Image.open(io.BytesIO(data)).size
    return [_write_once(folder, data, ".webp"), width, height]


def frame_markup(index: str, src: str, width: int, height: int, alt: str, narrow: list | None,
                 lazy: bool) -> str:
    """A starting frame's markup in the page: its ``<img>`` (``alt`` already escaped), inside a
    ``<picture>`` offering the narrow version ``[src, width, height]`` to phones when there is one."""
    from itband.course.explorer import CONTRACT

    loading = ' loading="lazy"' if lazy else ""
    img = (f'<img class="itb-frame" data-frame="{index}" src="{src}" width="{width}" height="{height}" '
           f'decoding="async"{loading} alt="{alt}">')
    if not narrow:
        return img
    nsrc, nwidth, nheight = narrow
    return (f'<picture><source media="{CONTRACT["narrowMedia"]}" srcset="{nsrc}" width="{nwidth}" '
            f'height="{nheight}">{img}</picture>')


def _externalise_frames(outdir: Path, pages: list[Path]) -> tuple[int, list[str]]:
    """Write every inlined frame (and narrow version) to ``_static/frames/`` and keep only each
    explorer's starting frame in its page, pointing at its file; the other frames go into a
    script in the same folder, named by the figure's ``framesScript`` attribute. Returns the
    number of frames moved and the problems (a page where an inlined frame was left)."""
    import os

    from itband.course.explorer import CONTRACT

    folder = outdir / "_static" / FRAMES_DIR
    moved, left = 0, []
    for page, text in _pages_holding(pages, "itb-frame"):
        rel = Path(os.path.relpath(folder, page.parent)).as_posix()
        first = True

        def out(m: re.Match) -> str:
            nonlocal moved, first
            found = list(_FRAME.finditer(m.group(4)))
            if (len(found) != m.group(4).count("<img ") or [f.group(5) for f in found].count(None) != 1
                    or [int(f.group(1)) for f in found] != list(range(len(found)))):
                return m.group(0)  # not the markup this was written for (frames in order, one shown): reported below
            frames, start = [], None
            for f in found:
                wide = _frame_file(folder, f.group(2))
                narrow = _frame_file(folder, f.group(3)) if f.group(3) else None
                frames.append([*wide, html.unescape(f.group(4)), *(narrow or [])])
                if not f.group(5):
                    start = (f.group(1), wide, narrow, f.group(4))
            moved += len(frames)
            i, (name, width, height), narrow, alt = start
            # the browser fetches the starting frames of explorers further down as the reader nears them
            img = frame_markup(i, f"{rel}/{name}", width, height, alt,
                               narrow and [f"{rel}/{narrow[0]}", *narrow[1:]], lazy=not first)
            first = False
            head = m.group(1)
            if len(frames) > 1:
                script = _write_once(folder, frames_script(m.group(2), frames).encode(), ".js")
                head += f' {CONTRACT["framesScript"]}="{rel}/{script}"'
            return f'{head}>{m.group(3)}<div class="itb-frames">{img}</div>'

        lean = _EXPLORER.sub(out, text)
        if "data:image/webp;base64" in lean and 'class="itb-frame"' in lean:
            left.append(page.relative_to(outdir).as_posix())
        if lean != text:
            page.write_text(lean, encoding="utf-8")
    problems = [f"inlined explorer frames left in {left[:3]}: the static face's markup has changed"] if left else []
    return moved, problems


# ----------------------------------------------------------------------------- quiz library
#: Where jupyterquiz's library goes, relative to ``_static``.
QUIZ_DIR = "quiz"
#: A notebook's JavaScript output as myst-nb writes it (jupyterquiz's quiz script is one).
_JS_OUTPUT = re.compile(r'<script type="application/javascript">(.*?)</script>', re.S)


def quiz_library_file() -> tuple[str, str]:
    """The shared quiz library: its file name (``jupyterquiz-<hash>.js``, the hash of its content,
    so a changed library gets a new name and caches never serve an old one) and its text.

    The text is jupyterquiz's library as the course's adapter patches it, in a block as every
    quiz script ran it: its classes stay local to the block and its functions become globals
    (the quiz's own call, ``show_questions``, finds them), and loading it twice does no harm."""
    import hashlib

    from itband.course.adapters import jupyterquiz as adapter

    text = (f"/* jupyterquiz {adapter.WRITTEN_FOR} (MIT licence): its js/*.js, as every quiz's script "
            "carries them, with the course's edits (itband/course/adapters/jupyterquiz.py). */\n{\n"
            + adapter.library() + "\n}\n")
    return f"jupyterquiz-{hashlib.sha1(text.encode()).hexdigest()[:12]}.js", text


def share_quiz_library(text: str, src: str, save) -> tuple[str, int]:
    """One page with its quiz scripts out of it: the library's copies are replaced by one
    ``<script defer src="{src}">`` before the first quiz, and each quiz's own script (its questions
    and, in a block, its call, as jupyterquiz wrote them) goes to a file, ``save(script text)``
    giving its address, loaded by a deferred script in the quiz's place. Deferred scripts run in
    page order once the page is parsed, so the library runs first and every quiz finds its box.
    Returns the page and the number of quizzes changed."""
    from itband.course.adapters import jupyterquiz as adapter

    inline = adapter.LIBRARY_GUARD + adapter.library()
    changed = 0

    def lean(m: re.Match) -> str:
        nonlocal changed
        if inline not in m.group(1):
            return m.group(0)
        changed += 1
        body = m.group(1).replace(inline, "{\n", 1)
        tag = f'<script defer src="{html.escape(save(body), quote=True)}"></script>'
        return (f'<script defer src="{html.escape(src, quote=True)}"></script>\n' + tag) if changed == 1 else tag

    return _JS_OUTPUT.sub(lean, text), changed


def _share_quiz_libraries(outdir: Path, pages: list[Path]) -> tuple[int, list[str]]:
    """Write the shared quiz library and each quiz's script to ``_static/quiz/`` and take them out
    of ``pages`` (:func:`share_quiz_library`); returns the number of quizzes changed and the pages
    where a quiz still carries its own library (each a problem)."""
    import os

    name, library = quiz_library_file()
    folder = outdir / "_static" / QUIZ_DIR
    changed, left = 0, []
    for page, text in _pages_holding(pages, "show_questions("):
        rel = Path(os.path.relpath(folder, page.parent)).as_posix()
        lean, n = share_quiz_library(text, f"{rel}/{name}",
                                     lambda body: f"{rel}/{_write_once(folder, body.encode(), '.js')}")
        if n:
            if not (folder / name).exists():
                (folder / name).write_text(library, encoding="utf-8")
            page.write_text(lean, encoding="utf-8")
            changed += n
        if "class MCQuestion extends Question" in lean:
            left.append(page.relative_to(outdir).as_posix())
    problems = ([f"a quiz on {left[:3]} still carries jupyterquiz's library: its script or the adapter's "
                 "library() has changed"] if left else [])
    return changed, problems


# ----------------------------------------------------------------------------- valid markup
# What the Nu HTML Checker finds in markup the extensions write, mended after the pages are
# written (each edit counted; see ``valid_markup``):
#
# * sphinx-togglebutton puts two ``<p>`` in the ``<summary>`` of a hidden code cell (a summary holds
#   phrasing content only) and names it "Toggle hidden content" while it shows "Show code cell
#   source" (WCAG 2.5.3, label in name): the ``<p>`` become ``<span>``, the summary is named by its
#   visible text;
# * sphinx-exercise gives every exercise and solution body the same id (``exercise-content``,
#   ``solution-content``): each gets its box's id in front;
# * a hidden solution is a ``<div>`` that only sphinx-togglebutton's script hides (so it shows
#   open without JavaScript and on paper, behind a button named "Toggle hidden content"): it
#   becomes a ``<details>`` whose summary reads "Show solution to Exercise 3.1";
# * jupyterquiz writes its ``<style>`` inside an unclosed ``<div>`` in the page body, with a
#   property that does not exist (``align``), one the checker does not know yet
#   (``field-sizing``, kept in a11y.css) and a stray parenthesis: the ``<div>`` is closed, the
#   style goes to the ``<head>``, the three declarations are mended;
# * the theme's search field carries the non-standard ``autocorrect`` attribute, and its search
#   button is named "Search" while it shows "Search Ctrl+K": the attribute and the name go, so
#   the button is named by what it shows;
# * the theme's search forms (the header's search dialog, the search page) have no submit button, so
#   a pointer or switch user who types a query has no control to send it (HTML_CodeSniffer H32.2):
#   each gets a visible "Search" button, which submits the form as Enter does.

_CELL_SUMMARY = re.compile(
    r'<summary aria-label="Toggle hidden content">\s*<p class="collapsed admonition-title">(.*?)</p>\s*'
    r'<p class="expanded admonition-title">(.*?)</p>\s*</summary>', re.S)
_EXERCISE_BODY = re.compile(
    r'(<div class="exercise[^"]*" id="([^"]+)">\s*<p class="admonition-title">.*?</p>\s*<section id=")'
    r'exercise-content"', re.S)
_SOLUTION_START = re.compile(r'<div class="solution dropdown admonition" id="([^"]+)">\s*'
                             r'<p class="admonition-title">(.*?)</p>\s*', re.S)
_DIV_TAG = re.compile(r"<div\b|</div>")
_QUIZ_STYLE = re.compile(r'(<div id="[A-Za-z]+" data-shufflequestions="[^"]*"[^>]*>)<style>(.*?)</style></div>', re.S)
_QUIZ_CSS_FIXES = [(re.compile(r"\n\s*align: left;"), ""), (re.compile(r"\n\s*field-sizing: content;"), ""),
                   (re.compile(r"transition: box-shadow 0\.1s\);"), "transition: box-shadow 0.1s;")]
_SEARCH_ARIA = re.compile(r'(<button class="btn search-button-field search-button__button[^"]*" title="Search") '
                          r'aria-label="Search"')
_AUTOCORRECT = re.compile(r'\s+autocorrect="off"')
_SEARCH_FORM = re.compile(r'(<form class="bd-search[^"]*"[^>]*>)(.*?)(\s*</form>)', re.S)
SEARCH_SUBMIT = '<button type="submit" class="btn itb-search-submit">Search</button>'


def _close_div(text: str, start: int) -> int:
    """The index just past the ``</div>`` that closes the ``<div`` opened before ``start``."""
    depth = 1
    for m in _DIV_TAG.finditer(text, start):
        depth += 1 if m.group() == "<div" else -1
        if depth == 0:
            return m.end()
    raise ValueError("unclosed <div>")


def _solution_details(text: str, counts: dict) -> str:
    out, pos = [], 0
    while (m := _SOLUTION_START.search(text, pos)):
        end = _close_div(text, m.end())
        title = " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).split())
        target = re.sub(r"^Solution to\s*", "", title)
        inner = text[m.end():end - len("</div>")]
        inner = inner.replace('<section id="solution-content">',
                              f'<section id="{html.escape(m.group(1), quote=True)}-content">', 1)
        out.append(text[pos:m.start()])
        out.append(f'<details class="solution admonition itb-solution" id="{m.group(1)}">\n'
                   f'<summary class="admonition-title"><span class="itb-show">Show solution</span>'
                   f'<span class="itb-hide">Hide solution</span> to {html.escape(target)}</summary>\n'
                   f'{inner}</details>')
        counts["solution"] = counts.get("solution", 0) + 1
        pos = end
    out.append(text[pos:])
    return "".join(out)


#: A quiz style's first rule: its colours, on the quiz's box (``#nVRJbubYmiKi { --jq-...: ...; }``).
_QUIZ_COLOURS = re.compile(r"\s*(#[A-Za-z]+\s*\{[^{}]*\})", re.S)
#: Where a page's links start from (``<html ... data-content_root="../">``).
_CONTENT_ROOT = re.compile(r'<html\b[^>]*\bdata-content_root="([^"]*)"')


def valid_markup(text: str, save_css=None) -> tuple[str, dict]:
    """One page's markup mended as the section above describes; returns it and what was mended.

    Given ``save_css`` (a function: stylesheet text -> its file name in ``_static/quiz/``), a
    quiz style keeps only its colour rule in the head; the rest, the same for every quiz, is
    linked from that file instead of repeated in every page and every quiz."""
    counts: dict[str, int] = {}

    def sub(what, pattern, repl, s):
        s, n = pattern.subn(repl, s)
        if n:
            counts[what] = counts.get(what, 0) + n
        return s

    text = sub("code-cell summary", _CELL_SUMMARY,
               r'<summary><span class="collapsed admonition-title">\1</span>'
               r'<span class="expanded admonition-title">\2</span></summary>', text)
    text = sub("exercise id", _EXERCISE_BODY, r'\1\2-content"', text)
    text = _solution_details(text, counts)
    styles, links = [], []
    root = _CONTENT_ROOT.search(text)

    def quiz(m):
        css = m.group(2)
        for pattern, repl in _QUIZ_CSS_FIXES:
            css = pattern.sub(repl, css)
        colours = _QUIZ_COLOURS.match(css)
        if save_css and root and colours:
            link = (f'<link rel="stylesheet" href="{root.group(1)}_static/{QUIZ_DIR}/'
                    f'{save_css(css[colours.end():].lstrip())}">')
            if link not in links:
                links.append(link)
            css = colours.group(1)
        styles.append(f"<style>{css}</style>")
        return m.group(1) + "</div></div>"

    text = sub("quiz style", _QUIZ_STYLE, quiz, text)
    if styles:
        text = text.replace("</head>", "\n".join(links + styles) + "\n</head>", 1)
    text = sub("search name", _SEARCH_ARIA, r"\1", text)
    text = sub("autocorrect", _AUTOCORRECT, "", text)

    def submit(m):
        if "itb-search-submit" in m.group(2):
            return m.group(0)
        counts["search submit"] = counts.get("search submit", 0) + 1
        return m.group(1) + m.group(2) + "\n  " + SEARCH_SUBMIT + m.group(3)

    text = _SEARCH_FORM.sub(submit, text)
    return text, counts


def _validate_pages(pages: list[Path], outdir: Path) -> dict:
    """Mend every page in ``pages``; returns how many times each edit matched over all of them."""
    total: dict[str, int] = {}
    folder = outdir / "_static" / QUIZ_DIR
    for page in pages:
        text = page.read_text(encoding="utf-8")
        fixed, counts = valid_markup(text, lambda css: _write_once(folder, css.encode(), ".css"))
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    return total


def _finish(app, exception):
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    # book/_ext/mathml.py writes the formulas as MathML: MathJax is copied only when a page still
    # loads it (a formula the converter could not render); pages not rewritten keep an earlier copy.
    if app.__dict__.get("_offline_assets_mathjax_pages"):
        _copy_mathjax(app)
    options = app.config.html_theme_options or {}
    written = app.__dict__.get("_offline_assets_pages", set())
    if _thebe_off(app) and written and not app.__dict__.get("_offline_assets_matches", {}).get("thebe script"):
        _warn("sphinx-thebe wrote no THEBE_JS_URL script to drop: its output has changed")
    written_files = {app.builder.get_outfilename(p) for p in written}
    for problem in _drop_unused_assets(Path(app.outdir), drop_search=not options.get("search_as_you_type"),
                                       written={Path(f) for f in written_files}):
        _warn(problem)
    _, problems = _externalise_frames(Path(app.outdir), [Path(f) for f in written_files])
    for problem in problems:
        _warn(problem)
    _, problems = _share_quiz_libraries(Path(app.outdir), [Path(f) for f in written_files])
    for problem in problems:
        _warn(problem)
    mended = _validate_pages([Path(f) for f in written_files], Path(app.outdir))
    if any(p.name.startswith("0") or "notebooks" in p.parts for p in map(Path, written_files)):
        for what in ("code-cell summary", "search name", "search submit"):
            if not mended.get(what):
                _warn(f"the {what} edit matched no page: the extension's markup has changed")
    _complete_redirect(Path(app.outdir))


def _drop_unused_assets(outdir: Path, drop_search: bool = True, written: set | None = None) -> list[str]:
    """Strip the icon script (and the search scripts) from the built pages, then delete the icon
    script and the source maps. Returns what did not go as expected (each a warning): a pattern
    that matched none of the pages ``written`` in this build (default: every page), or a file
    still referenced after the edit (then it is kept)."""
    problems, matched, still_used = [], {"icon": 0, "search": 0}, []
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts]
    fresh = [p for p in pages if written is None or p in written]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lean, n = _FONTAWESOME_TAG.subn("", text)
        if page in fresh:
            matched["icon"] += n
        if drop_search and page.name != "search.html":
            lean, n = _SEARCH_TAGS.subn("", lean)
            if page in fresh:
                matched["search"] += n
        if "fontawesome.js" in lean:
            still_used.append(page.relative_to(outdir).as_posix())
        if lean != text:
            page.write_text(lean, encoding="utf-8")
    content_pages = [p for p in fresh if p.name not in ("search.html", "genindex.html")]
    if content_pages and not matched["icon"]:
        problems.append("the theme's fontawesome.js tag matched no page: its template has changed")
    if drop_search and content_pages and not matched["search"]:
        problems.append("the search script tags matched no page: the theme's template has changed")
    static = outdir / "_static"
    if still_used:
        problems.append(f"fontawesome.js is still referenced by {still_used[:3]}: not deleted")
    else:
        (static / "scripts" / "fontawesome.js").unlink(missing_ok=True)
    for f in static.rglob("*.map"):
        f.unlink(missing_ok=True)
    return problems


def _is_mathjax(app, js) -> bool:
    name = str(js.filename or "")
    body = dict(js.attributes).get("body", "")
    return name.endswith(str(app.config.mathjax_path)) or body.lstrip().startswith("window.MathJax")


def _copy_mathjax(app):
    src = mathjax_source()
    dest = Path(app.outdir) / "_static" / MATHJAX_DIR
    for part in MATHJAX_PARTS:
        s, d = src / part, dest / part
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        elif s.is_file():
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, d)
        else:
            logger.warning("offline_assets: MathJax part %s is missing from %s", part, src)


def _note_page(app, pagename, templatename, context, doctree):
    app.__dict__.setdefault("_offline_assets_pages", set()).add(pagename)
    description = page_description(context.get("body") or "", context.get("title") or "")
    if description:
        context["metatags"] = (context.get("metatags") or "") + \
            f'\n<meta name="description" content="{html.escape(description, quote=True)}">'


def page_description(body: str, title: str = "") -> str:
    """A page's meta description: its first paragraph of prose, cut at a word near 160 characters."""
    for m in re.finditer(r"<p\b[^>]*>(.*?)</p>", body, re.S):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).split())
        if len(text) > 40:
            return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + "..."
    return f"{title}: part of an open course on iliotibial band syndrome in runners." if title else ""


_REDIRECT = re.compile(r'^\s*<meta http-equiv="Refresh" content="0; url=([^"]+)"\s*/?>\s*$')


def _complete_redirect(outdir: Path) -> None:
    """jupyter-book's root index.html is a bare refresh tag: give it a doctype, a title and a link."""
    index = outdir / "index.html"
    if not index.is_file():
        return
    m = _REDIRECT.match(index.read_text(encoding="utf-8"))
    if m:
        url = html.escape(m.group(1), quote=True)
        index.write_text(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
                         f'<meta http-equiv="Refresh" content="0; url={url}">\n'
                         f'<title>The IT band in runners: an interactive course</title></head>\n'
                         f'<body><p><a href="{url}">Go to the course</a></p></body></html>\n', encoding="utf-8")


def setup(app):
    app.add_js_file(None, body=SCRIPTED_MARK, priority=100)
    app.connect("config-inited", _check_versions, priority=899)
    app.connect("html-page-context", _note_page, priority=899)
    app.connect("config-inited", _config_inited, priority=900)
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("build-finished", _finish)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
