"""One helper for every figure of the course, interactive or not.

``explore(draw, alt=..., knee_flexion_deg=(0, 90, 5))`` returns an
:class:`Explorer`. Displayed in a notebook it gives ONE output with two faces:

* in a live kernel (JupyterLab, Notebook 7, VS Code, Colab, Binder) an
  ipywidgets panel whose controls redraw the figure on every change;
* in the static book, and anywhere without a widget manager, kernel-free HTML:
  a labelled ``<input type=range>`` (or ``<select>``, or checkbox) per
  parameter that swaps between frames pre-rendered at every position, each
  frame with its own alt text. ``book/_static/explorer.js`` drives it; it works
  from ``file://`` and offline.

The book drops the widget view for the HTML builder
(``nb_mime_priority_overrides`` in ``_config.yml``), so readers get the frames.

Only a notebook executed *for the book* pre-renders every frame: the book's
Sphinx extension ``book/_ext/book_frames.py``, ``make execute`` and the test
suite set ``ITBAND_BOOK_FRAMES=1``. In a student's kernel nobody sees those
frames (the widget panel is shown instead), so the HTML face there holds the
starting frame only, and the panel draws each position when it is first asked
for and keeps it (:data:`LIVE_CACHE` positions per explorer). That makes
"Run all" several seconds faster per lesson.

A figure without controls (``show(draw, alt=...)``) goes through the same
renderer, so every image in the course carries alt text.
"""
from __future__ import annotations

import base64
import gc
import hashlib
import html
import io
import itertools
import json
import math
import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from . import style
from .validate import check_number

#: At most this many pre-rendered frames per explorer (keeps a page light).
MAX_FRAMES = 64
#: Colours kept in a pre-rendered frame (smaller pages, same look for flat drawings).
FRAME_COLOURS = 64
#: How pre-rendered frames are stored.
FRAME_MIME = "image/webp"
#: Environment variable that asks for every frame to be pre-rendered (set where the book is executed).
BOOK_FRAMES_ENV = "ITBAND_BOOK_FRAMES"
#: Positions a live panel keeps once drawn, per explorer (each a few tens of kB).
LIVE_CACHE = 64


def prerendering() -> bool:
    """True when this kernel executes a notebook for the book (or for the tests that compare it)."""
    return os.environ.get(BOOK_FRAMES_ENV, "") not in ("", "0")


def kernel_env(book_frames: bool) -> dict:
    """This process's environment for a new kernel: one that runs a lesson as a student's kernel
    does (``book_frames=False``) or as the book executes it, drawing every frame."""
    env = {k: v for k, v in os.environ.items() if k != BOOK_FRAMES_ENV}
    if book_frames:
        env[BOOK_FRAMES_ENV] = "1"
    return env

_UNIT_SUFFIXES = {
    "_deg": "°",
    "_pct": "%",
    "_kg": "kg",
    "_m": "m",
    "_cm": "cm",
    "_mm": "mm",
    "_km": "km",
    "_n": "N",
    "_s": "s",
    "_min": "min",
    "_spm": "steps/min",
    "_kmh": "km/h",
    "_mps": "m/s",
    "_weeks": "weeks",
    "_week": "",
}


def _label_and_unit(name: str) -> tuple[str, str]:
    """``knee_flexion_deg`` -> ("Knee flexion", "°")."""
    for suffix, unit in sorted(_UNIT_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            return base.replace("_", " ").capitalize(), unit
    return name.replace("_", " ").capitalize(), ""


def _fmt_value(value: Any, unit: str = "") -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("°", "%") else f"{text} {unit}"


# --------------------------------------------------------------------------- controls


@dataclass(frozen=True)
class Slider:
    """A numeric parameter from ``lo`` to ``hi`` in steps of ``step``.

    ``static_step`` (a multiple of ``step``) makes the book's pre-rendered
    frames coarser than the live slider. ``label`` and ``unit`` default to ones
    read from the parameter name (``knee_flexion_deg`` -> "Knee flexion", "°").
    """

    lo: float
    hi: float
    step: float
    default: float | None = None
    static_step: float | None = None
    label: str | None = None
    unit: str | None = None

    def __post_init__(self):
        lo = check_number("lo", self.lo)
        hi = check_number("hi", self.hi)
        if not hi > lo:
            raise ValueError(f"slider range is empty: lo={lo:g} must be below hi={hi:g}")
        check_number("step", self.step, 0, None, lo_open=True)
        if self.step > (hi - lo) * (1 + 1e-9):
            raise ValueError(f"step={self.step:g} is larger than the range {lo:g} to {hi:g}")
        if self.static_step is not None:
            check_number("static_step", self.static_step, 0, None, lo_open=True)
            ratio = self.static_step / self.step
            if abs(ratio - round(ratio)) > 1e-9:
                raise ValueError(f"static_step={self.static_step:g} must be a whole multiple "
                                 f"of step={self.step:g}")
        if self.default is not None:
            check_number("default", self.default, lo, hi)

    def _grid(self, step: float) -> list[float]:
        n = int(math.floor((self.hi - self.lo) / step + 1e-9))
        values = [self._clean(self.lo + k * step) for k in range(n + 1)]
        if values[-1] < self.hi - 1e-9:
            values.append(self._clean(self.hi))
        return values

    def _clean(self, x: float):
        x = round(x, 10)
        if all(float(v).is_integer() for v in (self.lo, self.hi, self.step)) and float(x).is_integer():
            return int(x)
        return x

    @property
    def is_int(self) -> bool:
        return all(float(v).is_integer() for v in (self.lo, self.hi, self.step))

    def static_values(self) -> list:
        values = self._grid(self.static_step or self.step)
        if self.default is not None and self._clean(self.default) not in values:
            values = sorted(values + [self._clean(self.default)])
        return values

    def default_value(self):
        return self._clean(self.default) if self.default is not None else self._clean(self.lo)


@dataclass(frozen=True)
class Choice:
    """A discrete parameter: ``options`` is a list of values or of ``(label, value)`` pairs."""

    options: Sequence
    default: Any = None
    label: str | None = None

    def __post_init__(self):
        if len(self.options) == 0:
            raise ValueError("Choice needs at least one option; options=[] is empty")
        values = [v for _, v in self.pairs()]
        if len(set(map(repr, values))) != len(values):
            raise ValueError(f"Choice options must be distinct; got {values!r}")
        if self.default is not None and self.default not in values:
            raise ValueError(f"default={self.default!r} is not one of the options {values!r}")

    def pairs(self) -> list[tuple[str, Any]]:
        out = []
        for opt in self.options:
            if isinstance(opt, tuple) and len(opt) == 2:
                out.append((str(opt[0]), opt[1]))
            else:
                out.append((str(opt), opt))
        return out

    def static_values(self) -> list:
        return [v for _, v in self.pairs()]

    def default_value(self):
        return self.default if self.default is not None else self.pairs()[0][1]


@dataclass(frozen=True)
class Toggle:
    """An on/off parameter."""

    default: bool = False
    label: str | None = None

    def static_values(self) -> list:
        return [False, True]

    def default_value(self):
        return bool(self.default)


def _as_control(name: str, spec) -> Slider | Choice | Toggle:
    if isinstance(spec, (Slider, Choice, Toggle)):
        return spec
    if isinstance(spec, bool):
        return Toggle(default=spec)
    if isinstance(spec, tuple) and len(spec) in (2, 3) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in spec
    ):
        lo, hi, *rest = spec
        return Slider(lo, hi, rest[0] if rest else (hi - lo) / 10)
    if isinstance(spec, (list, tuple)):
        return Choice(list(spec))
    raise ValueError(
        f"{name}={spec!r} is not a parameter range: give (lo, hi, step) for a slider, "
        "a list of options for a choice, True/False for a toggle, or a Slider/Choice/Toggle"
    )


@dataclass(frozen=True)
class _Param:
    name: str
    control: Slider | Choice | Toggle
    label: str
    unit: str

    def text(self, value) -> str:
        if isinstance(self.control, Choice):
            return next(lbl for lbl, v in self.control.pairs() if v == value)
        return _fmt_value(value, self.unit)


# --------------------------------------------------------------------------- rendering


#: One Agg renderer per figure size (a handful in the course, ~2 MB of pixels each), reused
#: from frame to frame (see :func:`_agg_image`).
_RENDERERS: dict[tuple, Any] = {}


def _agg_image(fig):
    """Draw ``fig`` with Agg and return the picture as a PIL image (a copy, safe to keep).

    Matplotlib caches the measured size of every text per renderer; a fresh
    canvas brings a fresh renderer, so each frame measured all its labels
    again. Reusing the renderer of the last figure of the same size lets the
    labels that do not change between frames (most of them) skip that step.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    key = (*fig.bbox.size, fig.dpi)
    if key in _RENDERERS:
        # how FigureCanvasAgg.get_renderer decides to reuse its renderer; should a Matplotlib
        # release rename these, the canvas simply makes a fresh renderer, as it did before
        canvas.renderer, canvas._lastKey = _RENDERERS[key], key
    with style.rc():  # some settings (text hinting) are read while drawing, not when building
        canvas.draw()
    _RENDERERS[key] = canvas.renderer
    return Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).copy()


def figure_png(fig) -> bytes:
    """The figure as a full-colour PNG, quickly (what a live redraw sends to the browser)."""
    out = io.BytesIO()
    _agg_image(fig).convert("RGB").save(out, format="PNG", compress_level=1)  # no alpha: a sixth quicker
    return out.getvalue()


def figure_frame(fig) -> bytes:
    """The figure as a pre-rendered frame for the book: a lossless WebP of a small-palette image.

    For these flat drawings it is about a quarter of the bytes of a full-colour
    PNG and a quarter smaller than a palette PNG, with no visible change; every
    current browser shows it.
    """
    from PIL import Image

    img = _agg_image(fig).convert("RGB").quantize(
        colors=FRAME_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).convert("RGB")
    out = io.BytesIO()
    img.save(out, format="WEBP", lossless=True, method=1, quality=50)
    return out.getvalue()


_SETTLED = False


def _settle_long_lived_objects() -> None:
    """When the first panel is made, let the garbage collector stop re-scanning what exists by then.

    Every redraw makes thousands of short-lived matplotlib objects; every so
    often that triggers a full collection, which walks every object in the
    kernel (about 200 000 after a lesson's imports) and stalled a redraw by
    about 100 ms. ``gc.freeze()`` after one collection moves the objects alive
    now (modules, the lesson's set-up) out of those walks. Done once per kernel,
    while the lesson runs rather than at the reader's first drag.
    """
    global _SETTLED
    if not _SETTLED:
        gc.collect()
        gc.freeze()
        _SETTLED = True


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _panel_img(uri: str, escaped_alt: str) -> str:
    """The picture of the live panel, pre-rendered or freshly drawn."""
    return f'<img src="{uri}" alt="{escaped_alt}" style="max-width:100%;height:auto">'


class Explorer:
    """A figure the reader drives; see the module docstring. Build it with :func:`explore`."""

    def __init__(self, draw: Callable, alt: str | Callable, params: dict, *,
                 caption: str | None = None, name: str | None = None):
        if not callable(draw):
            raise ValueError(f"draw={draw!r} is not callable; give a function that returns a figure")
        if not (callable(alt) or (isinstance(alt, str) and alt.strip())):
            raise ValueError("alt must be a non-empty text (it may use {parameter} fields) "
                             "or a function of the parameters returning one")
        self.draw = draw
        self.alt = alt
        self.caption = caption
        self.params = []
        for pname, spec in params.items():
            control = _as_control(pname, spec)
            auto_label, auto_unit = _label_and_unit(pname)
            label = getattr(control, "label", None) or auto_label
            unit = getattr(control, "unit", None)
            self.params.append(_Param(pname, control, label, auto_unit if unit is None else unit))
        n = self.frame_count
        if n > MAX_FRAMES:
            sizes = " x ".join(str(len(p.control.static_values())) for p in self.params)
            raise ValueError(f"the explorer would pre-render {n} frames ({sizes}), more than "
                             f"MAX_FRAMES={MAX_FRAMES}; use coarser steps or a static_step")
        key = name or getattr(draw, "__qualname__", "figure")
        spec_text = repr([(p.name, p.control) for p in self.params]) + repr(caption)
        self.id = "itb-" + hashlib.sha1((key + spec_text).encode()).hexdigest()[:10]
        self._widget = None
        self._drawn: OrderedDict[tuple, str] = OrderedDict()  # live panel: positions drawn so far

    # -- values and text
    @property
    def frame_count(self) -> int:
        return math.prod(len(p.control.static_values()) for p in self.params) if self.params else 1

    def defaults(self) -> dict:
        return {p.name: p.control.default_value() for p in self.params}

    def alt_text(self, **values) -> str:
        text = self.alt(**values) if callable(self.alt) else self.alt.format(**values)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"alt text for {values} is empty; every frame needs one")
        return text.strip()

    def render(self, **values):
        """Draw the figure for these parameter values (missing ones take their defaults)."""
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise ValueError(f"unknown parameter(s) {sorted(unknown)}; this explorer has "
                             f"{[p.name for p in self.params]}")
        args = {**self.defaults(), **values}
        with style.rc():
            return self.draw(**args)

    def picture(self, encode: Callable, **values) -> bytes:
        """Draw the figure for these values and encode it (:func:`figure_frame` or :func:`figure_png`).

        The garbage collector waits until the picture is encoded, then frees the
        figure at once. Left to run while drawing, it moved the figure's
        thousands of objects (still in use) to its oldest generation, where
        only an occasional full collection freed them, stalling one redraw in
        ten by about 100 ms.
        """
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            data = encode(self.render(**values))
        finally:
            if was_enabled:
                gc.enable()
        gc.collect(0)  # this redraw's objects are all young: a quick, small collection
        return data

    def frames(self) -> list[tuple[dict, str, bytes]]:
        """Every pre-rendered frame as ``(values, alt text, WebP bytes)``, last parameter fastest."""
        grids = [p.control.static_values() for p in self.params]
        out = []
        for combo in itertools.product(*grids):
            values = dict(zip((p.name for p in self.params), combo))
            out.append((values, self.alt_text(**{**self.defaults(), **values}),
                        self.picture(figure_frame, **values)))
        return out

    # -- the static face
    def static_html(self) -> str:
        """The kernel-free face: controls plus every pre-rendered frame (cached by inputs).

        In a student's kernel (see :func:`prerendering`) an explorer's HTML face
        is its starting frame alone: the widget panel is what is shown there.
        """
        if self.params and not prerendering():
            return self._starting_frame_html()
        return _static_cached(self)[0]

    def _starting_frame_html(self) -> str:
        parts = [f'<figure class="itb-explorer itb-live" id="{self.id}">', self.default_img(),
                 '<p class="itb-note">This picture is the starting position; the controls '
                 'need a running kernel with ipywidgets, or the online book.</p>']
        if self.caption:
            parts.append(f"<figcaption>{html.escape(self.caption)}</figcaption>")
        parts.append("</figure>")
        return "".join(parts)

    def default_img(self) -> str:
        """The ``<img>`` of the default frame, as the live panel shows it before any change."""
        return self.frame_img(**self.defaults())

    def frame_img(self, **values) -> str:
        """The live panel's ``<img>`` for these values.

        A position the book pre-rendered is reused; any other is drawn once
        (the starting frame as a WebP frame, the rest as quick PNGs) and kept.
        """
        values = {**self.defaults(), **values}
        key = _frame_key(values)
        if prerendering():
            ready = _static_cached(self)[1].get(key)
            if ready is not None:
                return ready
        if key in self._drawn:
            self._drawn.move_to_end(key)
            return self._drawn[key]
        if key == _frame_key(self.defaults()):
            uri = _data_uri(self.picture(figure_frame, **values), FRAME_MIME)
        else:
            uri = _data_uri(self.picture(figure_png, **values), "image/png")
        img = _panel_img(uri, html.escape(self.alt_text(**values)))
        self._drawn[key] = img
        if len(self._drawn) > LIVE_CACHE:
            self._drawn.popitem(last=False)
        return img

    def _build_static(self) -> tuple[str, dict]:
        esc = html.escape
        frames = self.frames()
        grids = [p.control.static_values() for p in self.params]
        defaults = self.defaults()
        default_idx = [g.index(defaults[p.name]) if defaults[p.name] in g else 0
                       for p, g in zip(self.params, grids)]
        flat_default = 0
        for idx, g in zip(default_idx, grids):
            flat_default = flat_default * len(g) + idx
        parts = [f'<figure class="itb-explorer" id="{self.id}" '
                 f'data-shape="{",".join(str(len(g)) for g in grids)}">']
        if self.params:
            parts.append('<div class="itb-controls">')
            for p, g, idx in zip(self.params, grids, default_idx):
                cid = f"{self.id}-{p.name}"
                texts = [p.text(v) for v in g]
                if isinstance(p.control, Slider):
                    parts.append(
                        f'<div class="itb-control"><label for="{cid}">{esc(p.label)}</label>'
                        f'<input type="range" id="{cid}" min="0" max="{len(g) - 1}" step="1" '
                        f'value="{idx}" aria-valuetext="{esc(texts[idx])}" '
                        f"data-texts='{esc(json.dumps(texts))}'>"
                        f'<output for="{cid}" id="{cid}-out">{esc(texts[idx])}</output></div>')
                elif isinstance(p.control, Choice):
                    opts = "".join(f'<option value="{i}"{" selected" if i == idx else ""}>{esc(t)}</option>'
                                   for i, t in enumerate(texts))
                    parts.append(f'<div class="itb-control"><label for="{cid}">{esc(p.label)}</label>'
                                 f'<select id="{cid}">{opts}</select></div>')
                else:
                    checked = " checked" if idx == 1 else ""
                    parts.append(f'<div class="itb-control itb-toggle"><input type="checkbox" id="{cid}"{checked}>'
                                 f'<label for="{cid}">{esc(p.label)}</label></div>')
            parts.append("</div>")
        parts.append('<div class="itb-frames">')
        imgs = {}
        for i, (values, alt, data) in enumerate(frames):
            uri, alt = _data_uri(data, FRAME_MIME), esc(alt)
            hidden = "" if i == flat_default else " hidden"
            parts.append(f'<img class="itb-frame" data-frame="{i}" src="{uri}" alt="{alt}"{hidden}>')
            imgs[_frame_key(values)] = _panel_img(uri, alt)
        parts.append("</div>")
        if self.caption:
            parts.append(f"<figcaption>{esc(self.caption)}</figcaption>")
        parts.append("</figure>")
        return "".join(parts), imgs

    # -- the live face
    def widget(self):
        """The ipywidgets panel for a live kernel (made once per explorer)."""
        if self._widget is None:
            self._widget = _build_widget(self)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {
            "text/plain": f"<{self.describe()}>",
            "text/html": self.static_html(),
        }
        if self.params:
            bundle["application/vnd.jupyter.widget-view+json"] = {
                "version_major": 2, "version_minor": 0, "model_id": self.widget().model_id,
            }
        return bundle

    def describe(self) -> str:
        if not self.params:
            return f"Figure: {self.alt_text(**self.defaults())}"
        names = ", ".join(p.label for p in self.params)
        return f"Explorer over {names} ({self.frame_count} frames in the book)"

    def __repr__(self) -> str:
        return f"<{self.describe()}>"


_STATIC_CACHE: dict[tuple, tuple[str, dict]] = {}


def _frame_key(values: dict) -> tuple:
    """Values as a lookup key; 30 and 30.0 are the same frame."""
    return tuple(sorted((k, float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                        for k, v in values.items()))


def _static_cached(ex: Explorer) -> tuple[str, dict]:
    """Frames depend only on the drawing function, its parameters and the alt text: cache them."""
    key = (ex.draw, ex.id, ex.alt)
    if key not in _STATIC_CACHE:
        _STATIC_CACHE[key] = ex._build_static()
    return _STATIC_CACHE[key]


def _build_widget(ex: Explorer):
    import ipywidgets as w

    _settle_long_lived_objects()

    controls = []
    for p in ex.params:
        c = p.control
        desc = p.label + (f" ({p.unit})" if p.unit else "")
        common = dict(description=desc, style={"description_width": "initial"},
                      layout=w.Layout(width="min(100%, 480px)"))
        if isinstance(c, Slider):
            cls = w.IntSlider if c.is_int else w.FloatSlider
            ctrl = cls(value=c.default_value(), min=c.lo, max=c.hi, step=c.step,
                       continuous_update=True, **common)
        elif isinstance(c, Choice):
            ctrl = w.Dropdown(options=c.pairs(), value=c.default_value(), **common)
        else:
            ctrl = w.Checkbox(value=c.default_value(), indent=False, **common)
        controls.append(ctrl)
    picture = w.HTML()

    def redraw(_change=None):
        picture.value = ex.frame_img(**{p.name: ctrl.value for p, ctrl in zip(ex.params, controls)})

    for ctrl in controls:
        ctrl.observe(redraw, names="value")
    picture.value = ex.default_img()  # shared with the HTML face
    box = w.VBox(controls + [picture])
    box.redraw = redraw  # for tests and benchmarks: one live update, exactly as a slider triggers it
    box.controls = controls
    return box


def explore(draw: Callable, *, alt: str | Callable, caption: str | None = None,
            name: str | None = None, **params) -> Explorer:
    """Make an explorer: a figure ``draw(**params)`` with a control per parameter.

    Parameters
    ----------
    draw
        Function of the parameters returning a matplotlib figure
        (use :func:`itband.style.new_figure`).
    alt
        Alt text for every frame: a text with ``{parameter}`` fields, or a
        function of the parameters returning the text. Say what the figure
        shows, not "plot".
    caption
        Optional visible caption under the figure.
    name
        Optional stable name (the HTML id is derived from it and the parameters).
    **params
        One per parameter of ``draw``: ``(lo, hi, step)`` or :class:`Slider`
        for a number, a list or :class:`Choice` for options, ``True``/``False``
        or :class:`Toggle` for a switch.
    """
    if not params:
        raise ValueError("explore() needs at least one parameter; use show() for a fixed figure")
    return Explorer(draw, alt, params, caption=caption, name=name)


def show(draw: Callable, *, alt: str | Callable, caption: str | None = None,
         name: str | None = None, **fixed) -> Explorer:
    """A fixed figure with alt text and caption: ``draw(**fixed)`` rendered once.

    It goes through the same renderer as :func:`explore`, so the static book
    and a live kernel show the same image and every image has alt text.
    """
    bound = (lambda: draw(**fixed)) if fixed else draw
    if fixed:
        bound.__qualname__ = getattr(draw, "__qualname__", "figure") + repr(sorted(fixed.items()))
    alt_text = alt(**fixed) if callable(alt) else alt.format(**fixed)
    return Explorer(bound, alt_text, {}, caption=caption, name=name)
