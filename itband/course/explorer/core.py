"""The :class:`Explorer`: one figure with a static face and a live face; :func:`explore` and :func:`show`."""
from __future__ import annotations

import hashlib
import itertools
import math
from collections import OrderedDict
from typing import Callable

from .. import style
from . import live_face, narrow, renderer, static_face
from .controls import Param, as_control, label_and_unit
from .settings import MAX_FRAMES, prerendering


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
            control = as_control(pname, spec)
            auto_label, auto_unit = label_and_unit(pname)
            label = getattr(control, "label", None) or auto_label
            unit = getattr(control, "unit", None)
            self.params.append(Param(pname, control, label, auto_unit if unit is None else unit))
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
        """Draw the figure for these values and encode it (:func:`.renderer.picture`)."""
        return renderer.picture(lambda: self.render(**values), encode)

    def frames(self) -> list[tuple[dict, str, bytes, bytes | None]]:
        """Every pre-rendered frame as ``(values, alt text, WebP bytes, narrow WebP bytes or None)``,
        last parameter fastest.

        The narrow frames are for a phone. A figure of side-by-side panels gets its panels
        stacked (:mod:`.narrow`), by one plan made from every frame's boxes, so they share one
        size. Any other figure gets its own phone layout when its figure function has one
        (:func:`itband.course.style.on_phone`) and every frame of it keeps its text whole
        (:func:`.narrow.text_problems`). The explorer has none otherwise, and none outside the
        book (:func:`.settings.prerendering`)."""
        combos = self._positions()
        # only the book offers narrow frames (its build writes the <picture>); a student's kernel
        # shows a figure without controls as it always has
        book = prerendering()
        drawn, measure = [], book
        for values in combos:
            boxes: list | None = [] if measure else None
            pixels = self._pixels(values, boxes)
            if measure and not drawn:  # more frames only add boxes (closing gutters): no plan now, none later
                measure = narrow.plan([boxes], pixels.shape[1], pixels.shape[0]) is not None
            drawn.append((values, pixels, boxes))
        small = self._stacked(drawn) if measure else None
        if small is None and book:
            first = self._phone_pixels(combos[0], drawn[0][1].shape[1])
            small = self._phone_frames(drawn, first) if first else None
        return [(values, self.alt_text(**{**self.defaults(), **values}), renderer.encode_frame(pixels),
                 small[i] if small else None)
                for i, (values, pixels, _) in enumerate(drawn)]

    def _positions(self) -> list[dict]:
        """The values of every pre-rendered frame, last parameter fastest."""
        grids = [p.control.static_values() for p in self.params]
        return [dict(zip((p.name for p in self.params), combo)) for combo in itertools.product(*grids)]

    def _pixels(self, values: dict, boxes: list | None = None, texts: list | None = None):
        return renderer.picture(lambda: self.render(**values),
                                lambda fig: renderer.frame_pixels(fig, boxes, texts))

    def _phone_pixels(self, values: dict, column_width: int):
        """``(pixels, texts)`` of the figure's phone layout for these values, or None when its
        figure function has none: the picture is then about as wide as the column one
        (``column_width`` px; more than :data:`.narrow.MAX_SHARE` of it)."""
        texts: list = []
        with style.phone_layout():
            pixels = self._pixels(values, texts=texts)
        return (pixels, texts) if pixels.shape[1] <= narrow.MAX_SHARE * column_width else None

    def _stacked(self, drawn) -> list[bytes] | None:
        """The frames with their panels stacked (:func:`.narrow.plan`), or None."""
        sizes = {pixels.shape for _, pixels, _ in drawn}
        if len(sizes) != 1:
            return None
        height, width, _ = sizes.pop()
        rects = narrow.plan([boxes for _, _, boxes in drawn], width, height)
        if not rects or not all(narrow.keeps_every_pixel(pixels, rects) for _, pixels, _ in drawn):
            return None
        rescaled = narrow.scales_down(rects)
        return [renderer.encode_frame(renderer.quantised(out) if rescaled else out)
                for out in (narrow.stack(pixels, rects) for _, pixels, _ in drawn)]

    def _phone_frames(self, drawn, first) -> list[bytes] | None:
        """The figure's phone layout of every frame, or None if any frame's text is not whole
        or the frames differ in size (:meth:`phone_problems`)."""
        out, shape = [], first[0].shape
        for i, (values, column, _) in enumerate(drawn):
            phone = first if i == 0 else self._phone_pixels(values, column.shape[1])
            if phone is None or phone[0].shape != shape or self._text_problems(values, *phone):
                return None
            out.append(renderer.encode_frame(phone[0]))
        return out

    def _text_problems(self, values: dict, pixels, texts) -> list[str]:
        """:func:`.narrow.text_problems` of a phone frame. The column frame's texts are measured
        (drawing it once more) only if two phone texts overlap: it rarely comes to that, and
        measuring every column frame's texts made the frames about a quarter slower (Lesson 5's
        flowchart: 2.6 -> 1.8 s for its 16 frames)."""
        problems = narrow.text_problems(texts, pixels.shape[1], pixels.shape[0])
        if problems and narrow.overlapping_pairs(texts):  # some may be the column figure's own design
            column: list = []
            self._pixels(values, texts=column)
            problems = narrow.text_problems(texts, pixels.shape[1], pixels.shape[0], column)
        return problems

    def phone_problems(self) -> list[str]:
        """Why the figure's phone layout would not be offered, one line per problem and frame
        (none: it is, or the figure has no phone layout). Tests and authors use it."""
        problems, shapes = [], set()
        for values in self._positions():
            column = self._pixels(values)
            phone = self._phone_pixels(values, column.shape[1])
            if phone is None:
                return problems
            shapes.add(phone[0].shape)
            problems += [f"{values}: {p}" for p in self._text_problems(values, *phone)]
        if len(shapes) > 1:
            problems.append(f"the phone frames differ in size: {sorted(s[:2] for s in shapes)}")
        return problems

    # -- the static face
    def static_html(self) -> str:
        """The kernel-free face: controls plus every pre-rendered frame (cached by inputs).

        In a student's kernel (see :func:`.settings.prerendering`) an explorer's HTML face
        is its starting frame alone: the widget panel is what is shown there.
        """
        if self.params and not prerendering():
            return static_face.starting_frame_html(self)
        return static_face.cached(self)[0]

    def default_img(self) -> str:
        """The ``<img>`` of the default frame, as the live panel shows it before any change."""
        return self.frame_img(**self.defaults())

    def frame_img(self, **values) -> str:
        """The live panel's ``<img>`` for these values (:func:`.live_face.frame_img`)."""
        return live_face.frame_img(self, **values)

    # -- the live face
    def widget(self):
        """The ipywidgets panel for a live kernel (made once per explorer)."""
        if self._widget is None:
            self._widget = live_face.build_widget(self)
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


def explore(draw: Callable, *, alt: str | Callable, caption: str | None = None,
            name: str | None = None, **params) -> Explorer:
    """Make an explorer: a figure ``draw(**params)`` with a control per parameter.

    Parameters
    ----------
    draw
        Function of the parameters returning a matplotlib figure
        (use :func:`itband.course.style.new_figure`).
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
