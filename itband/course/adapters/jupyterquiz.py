"""Adapter for jupyterquiz: quizzes that typeset with the page's own MathJax and never load a CDN.

jupyterquiz's script (``js/show_questions.js`` and ``js/helpers.js`` of the package) typesets a
quiz's formulas with ``MathJax.typeset``. Two upstream problems follow:

* in the book, if the page's MathJax is still starting 0.5 s after the quiz is drawn, the script
  replaces ``window.MathJax`` with a copy from cdn.jsdelivr.net, which breaks every formula on
  the page and needs the internet;
* in JupyterLab 4, whose MathJax 3 has no global ``typeset``, clicking an answer throws
  ``MathJax.typeset is not a function``.

:data:`EDITS` make every typeset call wait for ``MathJax.startup.promise`` when the page has one
and do nothing otherwise, and drop the CDN address.
"""
from __future__ import annotations

import warnings
from importlib import metadata

from ..explorer.settings import prerendering

#: The jupyterquiz release these edits were written for (pinned in pyproject.toml).
WRITTEN_FOR = "2.9.6.4"

_SAFE_TYPESET = ("if (window.MathJax && MathJax.startup && MathJax.startup.promise && MathJax.typesetPromise) "
                 "{ MathJax.startup.promise.then(function () { return MathJax.typesetPromise([container]); }); }")

#: (what jupyterquiz writes, what the course writes instead)
EDITS = (
    ("MathJax.hasOwnProperty('typeset') ", "true "),  # never take the CDN branch
    ("MathJax.typeset([container]);", _SAFE_TYPESET),
    ("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js", ""),
)


class AdapterMismatch(RuntimeError):
    """jupyterquiz's output no longer has what the adapter edits."""


def installed_version() -> str:
    return metadata.version("jupyterquiz")


def _problem(message: str, strict: bool) -> None:
    if strict:
        raise AdapterMismatch(message)
    warnings.warn(message + " Quizzes still work; formulas in them may not be typeset.", stacklevel=3)


def patch_script(script: str, strict: bool | None = None) -> str:
    """jupyterquiz's script with :data:`EDITS` applied.

    ``strict`` (default: while the book is built) raises :class:`AdapterMismatch` when the
    installed jupyterquiz is not :data:`WRITTEN_FOR` or an edit matches nothing; otherwise the
    script is returned unpatched with a warning.
    """
    if not isinstance(script, str):
        raise TypeError(f"script must be a string, got {type(script).__name__}")
    strict = prerendering() if strict is None else bool(strict)
    version = installed_version()
    if version != WRITTEN_FOR:
        _problem(f"itband's jupyterquiz adapter was written for jupyterquiz {WRITTEN_FOR}, "
                 f"but {version} is installed.", strict)
    patched = script
    for old, new in EDITS:
        if old not in patched:
            _problem(f"jupyterquiz's script has changed ({old!r} not found): review "
                     "itband/course/adapters/jupyterquiz.py.", strict)
            return script
        patched = patched.replace(old, new)
    return patched
