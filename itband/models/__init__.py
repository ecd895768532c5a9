"""The subject models: numbers and rules only, no drawing (the pictures are in :mod:`itband.figures`).

Each module is named for what it models and gives units in its docstrings. Cited numbers come
from the evidence registry (:mod:`itband.course.evidence`), never retyped.
"""
