"""Models, drawings, explorers and quiz banks for the course on iliotibial band syndrome.

Notebooks stay thin: a lesson imports this package and calls it.
"""
from .course import quiz
from .course.explorer import Choice, Explorer, Slider, Toggle, explore, show

__all__ = ["explore", "show", "Explorer", "Slider", "Choice", "Toggle", "quiz"]
__version__ = "0.1.0"
