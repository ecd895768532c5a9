"""Sphinx extension: notebooks executed for the book pre-render every explorer frame.

The book's kernel-free explorers swap between frames drawn in advance at every
position of their controls. A student's live kernel does not need them (its
widget panel draws on demand), so :mod:`itband.explorer` only draws them when
``ITBAND_BOOK_FRAMES`` is set. Setting it here, before myst-nb starts any
kernel, means every ``jupyter-book build`` of this course gets them, however
it is invoked.
"""
from __future__ import annotations

import os

from itband.course.explorer import BOOK_FRAMES_ENV


def setup(app):
    os.environ[BOOK_FRAMES_ENV] = "1"
    return {"parallel_read_safe": True, "parallel_write_safe": True}
