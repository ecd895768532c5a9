"""The kernel-free face of an explorer: labelled HTML controls over frames pre-rendered at every
position, each with its own alt text. ``static/explorer.js`` swaps the frames in the book; the
names both sides use are in :mod:`.contract`."""
from __future__ import annotations

import html
import json

from .contract import CONTRACT as C
from .controls import Choice, Slider
from .renderer import data_uri
from .settings import FRAME_MIME

_CACHE: dict[tuple, tuple[str, dict]] = {}
#: Names only this side uses (for tests and styling hooks); the shared ones are in the contract.
NOTE_CLASS, TOGGLE_CLASS, FRAME_INDEX = "itb-note", "itb-toggle", "data-frame"
#: On a frame's <img>: its narrow version (:mod:`.narrow`) as a data URI, for the book build to
#: write beside it and offer to phones.
NARROW_SRC = "data-narrow"


def frame_key(values: dict) -> tuple:
    """Values as a lookup key; 30 and 30.0 are the same frame."""
    return tuple(sorted((k, float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                        for k, v in values.items()))


def panel_img(uri: str, escaped_alt: str) -> str:
    """The ``<img>`` of one position, as the live panel shows it (pre-rendered or freshly drawn)."""
    return f'<img src="{uri}" alt="{escaped_alt}" style="max-width:100%;height:auto">'


def cached(ex) -> tuple[str, dict]:
    """``(html, {frame key: panel <img>})`` of explorer ``ex``, built once: frames depend only on
    the drawing function, its parameters and the alt text."""
    key = (ex.draw, ex.id, ex.alt)
    if key not in _CACHE:
        _CACHE[key] = build(ex)
    return _CACHE[key]


def starting_frame_html(ex) -> str:
    """The face in a student's kernel: the starting frame and a note (the widget panel is shown there)."""
    parts = [f'<figure class="{C["figure"]} {C["live"]}" id="{ex.id}">', ex.default_img(),
             f'<p class="{NOTE_CLASS}">This picture is the starting position; the controls '
             'need a running kernel with ipywidgets, or the online book.</p>']
    if ex.caption:
        parts.append(f"<figcaption>{html.escape(ex.caption)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


#: Controls are written disabled: ``explorer.js`` enables them, so a page read without JavaScript
#: shows the starting picture with controls that plainly do nothing, and says why.
NO_SCRIPT = ('<noscript><p class="itb-noscript">These controls need JavaScript; the picture shows '
             'the starting position.</p></noscript>')


def _control_html(p, grid: list, idx: int, cid: str) -> str:
    esc = html.escape
    texts = [p.text(v) for v in grid]
    if isinstance(p.control, Slider):
        return (f'<div class="{C["control"]}"><label for="{cid}">{esc(p.label)}</label>'
                f'<input type="range" id="{cid}" min="0" max="{len(grid) - 1}" step="1" '
                f'value="{idx}" aria-valuetext="{esc(texts[idx])}" disabled '
                f"{C['texts']}='{esc(json.dumps(texts))}'>"
                f'<output for="{cid}" id="{cid}{C["outputSuffix"]}">{esc(texts[idx])}</output></div>')
    if isinstance(p.control, Choice):
        opts = "".join(f'<option value="{i}"{" selected" if i == idx else ""}>{esc(t)}</option>'
                       for i, t in enumerate(texts))
        return (f'<div class="{C["control"]}"><label for="{cid}">{esc(p.label)}</label>'
                f'<select id="{cid}" disabled>{opts}</select></div>')
    checked = " checked" if idx == 1 else ""
    return (f'<div class="{C["control"]} {TOGGLE_CLASS}"><input type="checkbox" id="{cid}"{checked} disabled>'
            f'<label for="{cid}">{esc(p.label)}</label></div>')


def build(ex) -> tuple[str, dict]:
    """Draw every frame of ``ex`` and write its static face."""
    esc = html.escape
    frames = ex.frames()
    grids = [p.control.static_values() for p in ex.params]
    defaults = ex.defaults()
    default_idx = [g.index(defaults[p.name]) if defaults[p.name] in g else 0
                   for p, g in zip(ex.params, grids)]
    flat_default = 0
    for idx, g in zip(default_idx, grids):
        flat_default = flat_default * len(g) + idx
    parts = [f'<figure class="{C["figure"]}" id="{ex.id}" '
             f'{C["shape"]}="{",".join(str(len(g)) for g in grids)}">']
    if ex.params:
        parts.append(f'<div class="{C["controls"]}">')
        parts += [_control_html(p, g, idx, f"{ex.id}-{p.name}")
                  for p, g, idx in zip(ex.params, grids, default_idx)]
        parts.append(NO_SCRIPT + "</div>")
    parts.append(f'<div class="{C["frames"]}">')
    imgs = {}
    for i, (values, alt, data, narrow) in enumerate(frames):
        uri, alt = data_uri(data, FRAME_MIME), esc(alt)
        hidden = "" if i == flat_default else " hidden"
        small = f' {NARROW_SRC}="{data_uri(narrow, FRAME_MIME)}"' if narrow else ""
        parts.append(f'<img class="{C["frame"]}" {FRAME_INDEX}="{i}" src="{uri}"{small} alt="{alt}"{hidden}>')
        imgs[frame_key(values)] = panel_img(uri, alt)
    parts.append("</div>")
    if ex.caption:
        parts.append(f"<figcaption>{esc(ex.caption)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts), imgs
