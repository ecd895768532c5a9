"""A notebook output that is HTML in Jupyter and the book, and plain text everywhere else."""
from __future__ import annotations


class HtmlOutput:
    """Shows ``html_text`` where HTML renders (Jupyter, the book) and ``text`` in a plain console."""

    def __init__(self, html_text: str, text: str):
        self._html = html_text
        self._text = text

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return self._text
