"""Sphinx extension: a page is painted before its scripts are fetched.

On a phone's slow network every byte fetched before the first paint delays it. The theme and the
extensions give each page about 200 kB of deferred scripts (Bootstrap alone is 80 kB), and the
browser fetches them at once, beside the page and its stylesheet, though none of them draws the
page's words and pictures. Once the pages are written (after ``css_bundle``), this extension

* inlines ``documentation_options.js`` (300 bytes; the one script that blocked the first paint, and a
  round trip of its own);
* moves every ``<script defer src>`` of the page, in its order, and the link to its stylesheet
  bundle's later rules (``data-after-paint``: rules only a script-made element can match, see
  ``css_bundle``) into one ``<template id="itb-after-paint">`` at the end of the body, which the
  browser parses but does not fetch, and drops the theme's ``<link rel="preload">`` of those
  scripts;
* gives the launch menu's logos (Binder, Colab: hidden until the menu opens) ``loading="lazy"``,
  so they are fetched when the menu is opened, not beside the page;
* adds a small inline loader (:data:`LOADER`) that inserts them, the stylesheet first, then the
  scripts with ``async = false``, so they run in the page's order as before. It does so in the task
  after the browser reports the first contentful paint (``PerformanceObserver``, paint timing);
  should that not come, :data:`FALLBACK_MS` after the page's ``load`` event; where paint timing
  is missing, two animation frames after the script runs or after ``load`` (a frame has then been
  painted); in a hidden tab, which paints nothing, at ``load``. (Two frames after ``load`` is not
  the first *contentful* paint: on a loaded machine the first frames can come before the text
  does, and the scripts were then requested 10 ms before it.) On a slow
  network they are inserted before ``load`` and still delay it, so ``load`` still means "the page's
  scripts have run"; on a fast one they may run just after it. Once the last script has run and
  the later rules have arrived, the loader sets ``data-after-paint="ran"`` on ``<html>`` (what a
  test waits for before it clicks or compares styles). (One animation frame was not
  enough: in Lesson 1 the scripts were requested 70 ms before the first paint.)

Every script that moved waits for the DOM by checking ``document.readyState`` first, so running
after ``DOMContentLoaded`` changes nothing for them. sphinx-design's ``design-tabs.js`` does not (it
only listens for ``DOMContentLoaded``): a page with tabs keeps it as it was; a page without tabs
(all of them today) does not need it, and it goes. Without JavaScript the template stays inert, as
the scripts did. The search page keeps its own synchronous scripts. ``tests/test_after_paint.py``
checks the rewriting; the browser suite checks the pages work.
"""
from __future__ import annotations

import re
from pathlib import Path

from built_pages import rewrite_pages, site_pages

#: The box of what loads after the first paint, and the loader that empties it.
BOX_ID = "itb-after-paint"
#: How long after ``load`` the loader waits for a first contentful paint that has not come (ms).
FALLBACK_MS = 1000
LOADER = """(function () {
  var box = document.getElementById("%s"), started = false;
  function start() {
    if (started) { return; }
    started = true;
    var last = null, pending = 1;
    function arrived() { if (--pending === 0) { document.documentElement.dataset.afterPaint = "ran"; } }
    Array.prototype.forEach.call(box.content.children, function (old) {
      var el = document.createElement(old.localName);
      Array.prototype.forEach.call(old.attributes, function (a) { el.setAttribute(a.name, a.value); });
      if (el.localName === "script") { el.async = false; document.body.appendChild(el); last = el; }
      else { pending += 1; el.addEventListener("load", arrived); document.head.appendChild(el); }
    });
    if (last) { last.addEventListener("load", arrived); } else { arrived(); }
  }
  function soon() { setTimeout(start, 0); }
  function painted() { requestAnimationFrame(function () { requestAnimationFrame(soon); }); }
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  var observed = !!(types && types.indexOf("paint") >= 0);
  if (observed) {
    new PerformanceObserver(function (list, seen) {
      if (list.getEntriesByName("first-contentful-paint").length) { seen.disconnect(); soon(); }
    }).observe({type: "paint", buffered: true});
  } else {
    painted();
  }
  addEventListener("load", function () {
    if (document.hidden) { start(); } else if (observed) { setTimeout(start, %d); } else { painted(); }
  });
})();""" % (BOX_ID, FALLBACK_MS)

_DEFERRED = re.compile(r'[ \t]*<script\b(?=[^>]*\bdefer\b)(?=[^>]*\bsrc="([^"]+)")[^>]*></script>\n?')
_LATER_CSS = re.compile(r'[ \t]*<link\b[^>]*\bdata-after-paint\b[^>]*>\n?')
_PRELOAD = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="preload")(?=[^>]*\bas="script")[^>]*\bhref="([^"]+)"[^>]*/?>\n?')
_OPTIONS = re.compile(r'<script src="[^"]*documentation_options\.js(?:\?[^"]*)?"></script>')
_MENU_LOGO = re.compile(r'(<span class="btn__icon-container">\s*<img\b)(?![^>]*\bloading=)')
_TABS_SCRIPT = "design-tabs.js"
_TABS_MARK = "sd-tab-set"


def after_paint(text: str, options_js: str | None = None) -> str:
    """``text`` (a built page) with its deferred scripts and its later stylesheet moved into the box
    loaded after the first paint, their preloads dropped, and ``documentation_options.js`` inlined
    (when its text ``options_js`` is given). A page with no deferred script, or already rewritten,
    comes back as it is."""
    if f'id="{BOX_ID}"' in text or "</body>" not in text:
        return text
    if options_js is not None:
        text = _OPTIONS.sub(lambda m: f"<script>{options_js.strip()}</script>", text)
    tabs = _TABS_MARK in text
    moved, sources = [], set()

    def take(m: re.Match) -> str:
        if _TABS_SCRIPT in m.group(1).split("?")[0]:
            return m.group(0) if tabs else ""
        moved.append(m.group(0).strip())
        sources.add(m.group(1))
        return ""

    text = _DEFERRED.sub(take, text)
    if not moved:
        return text
    later = [m.group(0).strip() for m in _LATER_CSS.finditer(text)]
    text = _LATER_CSS.sub("", text)
    text = _PRELOAD.sub(lambda m: "" if m.group(1) in sources else m.group(0), text)
    text = _MENU_LOGO.sub(r'\1 loading="lazy"', text)
    box = (f'<template id="{BOX_ID}">' + "".join(later + moved) + "</template>\n"
           f"<script>{LOADER}</script>\n")
    end = text.rindex("</body>")
    return text[:end] + box + text[end:]


def _finish(app, exception):
    pages = site_pages(app, exception)
    if pages is None:
        return
    options = Path(app.outdir) / "_static" / "documentation_options.js"
    options_js = options.read_text(encoding="utf-8") if options.is_file() else None
    rewrite_pages(pages, lambda text: after_paint(text, options_js))


def setup(app):
    # After css_bundle (priority 700) has linked each page's later rules.
    app.connect("build-finished", _finish, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
