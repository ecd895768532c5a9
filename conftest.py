"""Strict nbval compares each lesson with its committed outputs, which were executed for the book
(``make execute``): so the test kernels pre-render every explorer frame too."""
import os

from itband.explorer import BOOK_FRAMES_ENV

os.environ[BOOK_FRAMES_ENV] = "1"
