"""The lessons are committed as a student's "Run all" leaves them (each explorer's starting frame),
so strict nbval runs them in a student's kernel: ``ITBAND_BOOK_FRAMES`` is removed here in case the
calling shell set it. Only the book build pre-renders every frame (``book/_ext/book_frames.py``);
``tests/test_book.py`` checks those frames in the built pages."""
import os

from itband.course.explorer import BOOK_FRAMES_ENV

os.environ.pop(BOOK_FRAMES_ENV, None)
