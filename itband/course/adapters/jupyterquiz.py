"""Adapter for jupyterquiz: quizzes that typeset with the page's own MathJax, never load a CDN,
and announce their feedback to screen readers.

jupyterquiz's script (``js/show_questions.js``, ``js/helpers.js`` ... of the package) has three
upstream problems:

* in the book, if the page's MathJax is still starting 0.5 s after the quiz is drawn, the script
  replaces ``window.MathJax`` with a copy from cdn.jsdelivr.net, which breaks every formula on
  the page and needs the internet;
* in JupyterLab 4, whose MathJax 3 has no global ``typeset``, clicking an answer throws
  ``MathJax.typeset is not a function``;
* the feedback line that appears after an answer is a plain ``<div>``, so a screen reader says
  nothing when it changes.

:data:`EDITS` make every typeset call wait for ``MathJax.startup.promise`` when the page has one
and do nothing otherwise, drop the CDN address, and create every feedback line as a polite live
region (``aria-live="polite"``, ``role="status"``) from the start, so the feedback is read out in
the book and in a live kernel alike, for lesson quizzes and Lesson 8's cases.

Every quiz's script carries jupyterquiz's whole library (:func:`library`, about 37 KiB); the book
build (``book/_ext/offline_assets.py``) writes it once as a shared file and leaves each quiz its
questions and the call that draws them.
"""
from __future__ import annotations

import warnings
from importlib import metadata, resources

from ..explorer.settings import prerendering

#: The jupyterquiz release these edits were written for (pinned in pyproject.toml).
WRITTEN_FOR = "2.9.6.4"

_SAFE_TYPESET = ("if (window.MathJax && MathJax.startup && MathJax.startup.promise && MathJax.typesetPromise) "
                 "{ MathJax.startup.promise.then(function () { return MathJax.typesetPromise([container]); }); }")
_FEEDBACK = "this.fbDiv.className = 'Feedback';"
_LIVE_FEEDBACK = (_FEEDBACK + " this.fbDiv.setAttribute('aria-live', 'polite');"
                  " this.fbDiv.setAttribute('role', 'status');")

#: (what jupyterquiz writes, what the course writes instead)
EDITS = (
    ("MathJax.hasOwnProperty('typeset') ", "true "),  # never take the CDN branch
    ("MathJax.typeset([container]);", _SAFE_TYPESET),
    # a click on an answer typesets its feedback (multiple_choice.js, numeric.js, string.js)
    ("MathJax.typeset([fb]);", _SAFE_TYPESET.replace("[container]", "[fb]")),
    ("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js", ""),
    (_FEEDBACK, _LIVE_FEEDBACK),  # the feedback line is a polite live region
)

#: What jupyterquiz writes between a quiz's questions and its library: the library and the call
#: that draws the quiz run only inside this block.
LIBRARY_GUARD = "if (typeof Question === 'undefined') {\n"


class AdapterMismatch(RuntimeError):
    """jupyterquiz's output no longer has what the adapter edits."""


def installed_version() -> str:
    return metadata.version("jupyterquiz")


def _problem(message: str, strict: bool) -> None:
    if strict:
        raise AdapterMismatch(message)
    warnings.warn(message + " Quizzes still work; formulas in them may not be typeset and their "
                  "feedback may not be read out.", stacklevel=3)


def _apply(script: str, strict: bool) -> str:
    patched = script
    for old, new in EDITS:
        if old not in patched:
            _problem(f"jupyterquiz's script has changed ({old!r} not found): review "
                     "itband/course/adapters/jupyterquiz.py.", strict)
            return script
        patched = patched.replace(old, new)
    return patched


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
    return _apply(script, strict)


def library() -> str:
    """jupyterquiz's library with :data:`EDITS` applied, exactly as every patched quiz script
    carries it after :data:`LIBRARY_GUARD`: the package's ``js/*.js`` files in name order, as
    jupyterquiz joins them. Raises :class:`AdapterMismatch` if an edit matches nothing."""
    files = sorted(resources.files("jupyterquiz").joinpath("js").iterdir(), key=lambda f: f.name)
    raw = "".join(f.read_bytes().decode("utf-8") for f in files if f.name.endswith(".js"))
    return _apply(raw, strict=True)


def display_quiz(questions: list[dict], **options) -> None:
    """Display ``questions`` (a jupyterquiz bank) with ``jupyterquiz.display_quiz(questions,
    **options)``, its script patched by :func:`patch_script`: the one way the course shows a quiz
    (``itband.course.quiz.show`` and ``itband.course.cases.show``)."""
    from IPython.display import display
    from IPython.utils.capture import capture_output
    from jupyterquiz import display_quiz as jupyterquiz_display

    with capture_output(stdout=False, stderr=False) as captured:
        jupyterquiz_display(questions, **options)
    for out in captured.outputs:
        data = dict(out.data)
        if "application/javascript" in data:
            data["application/javascript"] = patch_script(data["application/javascript"])
        display(data, metadata=out.metadata, raw=True)
