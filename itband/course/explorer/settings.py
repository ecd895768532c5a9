"""Where a kernel runs: a student's (starting frame only) or the book's (every frame pre-rendered)."""
from __future__ import annotations

import os

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

