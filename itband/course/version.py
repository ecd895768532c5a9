"""Is the ``itband`` a kernel imports the one that matches the notebooks the student pulled?

On a JupyterHub, nbgitpuller updates the course folder in each student's home (notebooks *and*
the ``itband/`` package beside them), but kernels import the package installed in the hub's
image. A course update to ``itband/`` would then reach students only when the image is rebuilt,
and silently. So when ``itband`` is imported, :func:`warn_if_stale` looks for the course folder
the kernel runs in (the notebook's folder or one of its parents holding ``pyproject.toml`` and
``itband/__init__.py``) and compares that copy of the package with the imported one, file by
file (a fingerprint of every source and data file, not just the version number):

- the imported package *is* that copy (a developer's checkout, ``pip install -e``): nothing to do;
- the two are the same: nothing to say;
- they differ: a warning that says which copy is which, and exactly what to run or ask for.

Outside a course folder (the book build of another project, a plain ``pip install``) it is silent.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from .validate import WrongType

#: The files whose content makes up the package (code and data).
SUFFIXES = (".py", ".json", ".yaml", ".yml", ".csv", ".txt", ".md", ".js", ".css")
#: How many folders above the kernel's working folder are searched for the course folder.
MAX_UP = 4


class StalePackageWarning(UserWarning):
    """The imported ``itband`` differs from the copy in the pulled course folder."""


@dataclass(frozen=True)
class Check:
    status: str              #: "in-use", "match" or "stale"
    imported: Path           #: the package the kernel imports
    pulled: Path             #: the package in the course folder
    imported_version: str
    pulled_version: str
    changed: tuple = ()      #: files that differ (relative paths), for "stale"

    @property
    def message(self) -> str:
        if self.status != "stale":
            return ""
        course = self.pulled.parent
        shown = ", ".join(self.changed[:5]) + (f" and {len(self.changed) - 5} more" if len(self.changed) > 5 else "")
        return (
            f"The itband package this kernel imports ({self.imported}, version {self.imported_version}) "
            f"is not the one that came with these notebooks ({self.pulled}, version {self.pulled_version}); "
            f"they differ in {shown}. The lessons may not run as written.\n"
            f"To use the package that matches the notebooks, run this in a cell, then restart the kernel "
            f"(Kernel > Restart Kernel):\n"
            f"    %pip install --no-deps -e {course}\n"
            f"Instructors: rebuild the hub's image from the course's requirements.txt so that every "
            f"student has the updated package.")


def _package_version(package: Path) -> str:
    for line in (package / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "unknown"


def fingerprint(package: str | Path) -> dict[str, str]:
    """{relative path: sha256} of every source and data file of the package folder ``package``."""
    package = _check_folder("package", package, package=True)
    out = {}
    for path in sorted(package.rglob("*")):
        if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            out[path.relative_to(package).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _check_folder(name: str, value, *, package: bool = False) -> Path:
    """``value`` as a path to an existing folder (holding ``__init__.py`` when ``package``)."""
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise WrongType(f"{name}={value!r} is not a path; {name} must be a folder's path (str or Path)")
    path = Path(value)
    if not path.is_dir():
        raise ValueError(f"{name}={value!r} is not an existing folder")
    if package and not (path / "__init__.py").is_file():
        raise ValueError(f"{name}={value!r} is not a package folder: it holds no __init__.py")
    return path


def find_course_folder(start: str | Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the working folder) that holds the course:
    ``pyproject.toml`` naming the itband project and ``itband/__init__.py``."""
    here = (_check_folder("start", start) if start is not None else Path(os.getcwd())).resolve()
    for folder in [here, *here.parents][:MAX_UP + 1]:
        project = folder / "pyproject.toml"
        if (folder / "itband" / "__init__.py").is_file() and project.is_file():
            if 'name = "itband"' in project.read_text("utf-8", errors="replace"):
                return folder
    return None


def check(start: str | Path | None = None, imported: str | Path | None = None) -> Check | None:
    """Compare the imported package with the course folder's copy; ``None`` outside a course folder."""
    if imported is not None:
        _check_folder("imported", imported, package=True)
    course = find_course_folder(start)
    if course is None:
        return None
    pulled = (course / "itband").resolve()
    imported = Path(imported).resolve() if imported is not None else Path(__file__).resolve().parents[1]
    versions = (_package_version(imported), _package_version(pulled))
    if pulled == imported:
        return Check("in-use", imported, pulled, *versions)
    a, b = fingerprint(imported), fingerprint(pulled)
    changed = tuple(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k)))
    return Check("stale" if changed else "match", imported, pulled, *versions, changed)


def warn_if_stale(start: str | Path | None = None) -> Check | None:
    """:func:`check`, and a :class:`StalePackageWarning` with its message when the copies differ.
    Never raises: a failed check must not stop a lesson."""
    if start is not None:
        _check_folder("start", start)  # a caller's mistake is reported; a failed check is not
    try:
        result = check(start)
    except (OSError, UnicodeDecodeError):
        return None
    if result is not None and result.status == "stale":
        warnings.warn(result.message, StalePackageWarning, stacklevel=2)
    return result
