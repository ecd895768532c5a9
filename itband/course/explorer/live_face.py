"""The live face of an explorer: an ipywidgets panel whose controls redraw the picture.

The panel reuses a frame the book pre-rendered whenever a control sits on one, and otherwise
draws each position the first time it is asked for and keeps it (:data:`.settings.LIVE_CACHE` per explorer).
"""
from __future__ import annotations

import html

from . import settings, static_face
from .controls import Choice, Slider
from .renderer import data_uri, figure_frame, figure_png
from .settings import FRAME_MIME, prerendering


def frame_img(ex, **values) -> str:
    """The live panel's ``<img>`` for these values of explorer ``ex``.

    A position the book pre-rendered is reused; any other is drawn once (the starting frame as
    a WebP frame, the rest as quick PNGs) and kept.
    """
    values = {**ex.defaults(), **values}
    key = static_face.frame_key(values)
    if prerendering():
        ready = static_face.cached(ex)[1].get(key)
        if ready is not None:
            return ready
    drawn = ex._drawn
    if key in drawn:
        drawn.move_to_end(key)
        return drawn[key]
    if key == static_face.frame_key(ex.defaults()):
        uri = data_uri(ex.picture(figure_frame, **values), FRAME_MIME)
    else:
        uri = data_uri(ex.picture(figure_png, **values), "image/png")
    img = static_face.panel_img(uri, html.escape(ex.alt_text(**values)))
    drawn[key] = img
    if len(drawn) > settings.LIVE_CACHE:
        drawn.popitem(last=False)
    return img


def build_widget(ex):
    """The ipywidgets panel of explorer ``ex``: one widget per control, then the picture."""
    import ipywidgets as w

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
