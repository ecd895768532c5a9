"""The first code cell of a lesson opened on Google Colab.

Colab opens a lesson straight from GitHub: the notebook arrives alone, without
this repository, so ``import itband`` fails there. The cell that
:func:`install_cell` writes installs the course's runtime set
(``requirements.txt``, which ends with the package itself) into the Colab
kernel, and does nothing anywhere else (JupyterLab, a JupyterHub, Binder, the
book build), because it only acts when ``google.colab`` is imported, which
happens only on Colab.

The cell cannot call into :mod:`itband` (it runs before the package exists),
so it is plain IPython. It is the first code cell of every lesson, above the
cell that imports :mod:`itband`, written for the course's own repository and
tagged :data:`BOOK_TAG` so the book does not show it; ``tools/student.py``
replaces it with one for the student repository, and
``book/instructor-guide.md`` says how it works.

Colab comes with its own NumPy and Matplotlib; installing the pinned versions
may ask for one runtime restart ("Restart session"), after which the lesson runs.
"""
from __future__ import annotations

import sys

#: The marker line the cell starts with (how tools recognise it).
MARKER = "# On Colab only: install the course's runtime set (does nothing elsewhere)."

#: Where the cell clones the repository on Colab.
CLONE_DIR = "/content/itband-course"

#: The cell's notebook id, the same in every lesson and student version.
CELL_ID = "colab-install"

#: The tag that keeps the cell out of the book's pages (it does nothing there).
BOOK_TAG = "remove-cell"


def on_colab() -> bool:
    """True in a Colab kernel (where ``google.colab`` is imported at start-up)."""
    return "google.colab" in sys.modules


def is_install_cell(cell: dict) -> bool:
    """True if the notebook cell ``cell`` (a dict in nbformat 4) is a Colab install cell."""
    if not isinstance(cell, dict):
        raise TypeError(f"cell must be a notebook cell (a dict), got {type(cell).__name__}")
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else str(source)
    return cell.get("cell_type") == "code" and source.startswith(MARKER)


def install_cell(repo_url: str, branch: str = "main") -> str:
    """The source of the Colab install cell for the repository ``repo_url`` at ``branch``.

    ``repo_url`` must be an ``https://`` address that ``git clone`` accepts.
    """
    if not isinstance(repo_url, str):
        raise TypeError(f"repo_url must be a string, got {type(repo_url).__name__}")
    if not isinstance(branch, str):
        raise TypeError(f"branch must be a string, got {type(branch).__name__}")
    if not repo_url.startswith("https://") or len(repo_url) <= len("https://"):
        raise ValueError(f"repo_url={repo_url!r} must be an https:// address of a git repository")
    if any(c in repo_url + branch for c in " \n'\";&|$`") or not branch:
        raise ValueError(f"repo_url={repo_url!r}, branch={branch!r}: no spaces, quotes or shell "
                         "characters are allowed, and branch must not be empty")
    return "\n".join([
        MARKER,
        "import sys",
        'if "google.colab" in sys.modules:',
        f"    !git clone -q --depth 1 --branch {branch} {repo_url.rstrip('/')} {CLONE_DIR}",
        f"    !cd {CLONE_DIR} && pip install -q -r requirements.txt",
    ])
