"""Models, drawings, explorers and quiz banks for the course on iliotibial band syndrome.

Notebooks stay thin: a lesson imports this package and calls it.
"""
from .course import quiz
from .course.explorer import Choice, Explorer, Slider, Toggle, explore, show

__all__ = ["explore", "show", "Explorer", "Slider", "Choice", "Toggle", "quiz"]
__version__ = "0.1.0"

# A kernel on a hub imports the hub's installed package: say so, with what to do, when it is not
# the package that came with the notebooks the student pulled (itband/course/version.py).
from .course import version as _version  # noqa: E402

_version.warn_if_stale()
