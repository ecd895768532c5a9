"""Sphinx extension: the lessons that the execution cache lacks are executed side by side.

myst-nb (``execute_notebooks: cache``) executes each notebook that its cache lacks when Sphinx
reads it, one after another, so a cold build of the course spends most of its time waiting on one
kernel at a time while the machine's other cores idle. Before Sphinx reads anything
(``env-before-read-docs``), this extension executes those notebooks in a pool of processes, one
kernel each, with the settings myst-nb would use (the notebook's folder as working directory, the
book's timeout, errors not allowed), and stores each result in the same jupyter-cache that myst-nb
reads. myst-nb then finds every notebook cached, exactly as on a rebuild.

It only ever saves time: a notebook that fails here is left out of the cache, and myst-nb executes
it again itself and reports the failure as it always does. It does nothing when the book is not in
cache mode, when one notebook or none is missing, or on a single core. The workers inherit the
build's environment, so they pre-render the explorers' frames as myst-nb's kernel would
(``book/_ext/book_frames.py``). ``tests/test_parallel_execution.py`` checks that what it caches is
what myst-nb matches.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

#: Notebooks executed at once, at most (each is one kernel; the course has eight lessons).
MAX_WORKERS = 4


def execute(path: str, timeout: int | None, allow_errors: bool, in_temp: bool):
    """Execute the notebook at ``path`` as myst-nb's cache mode does; returns (notebook, seconds),
    or (None, error text) when it fails. Runs in a worker process."""
    from contextlib import nullcontext
    from tempfile import TemporaryDirectory

    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.read(path, as_version=4)
    with TemporaryDirectory() if in_temp else nullcontext(str(Path(path).parent)) as cwd:
        result = single_nb_execution(notebook, cwd=os.path.abspath(cwd), allow_errors=allow_errors,
                                     timeout=timeout, meta_override=True)
    if result.err is not None:
        return None, result.exc_string
    return notebook, result.time


def missing(cache, paths: list[Path]) -> list[Path]:
    """Those of ``paths`` (notebooks) that ``cache`` holds no executed copy of."""
    import nbformat

    todo = []
    for path in paths:
        try:
            cache.match_cache_notebook(nbformat.read(str(path), as_version=4))
        except KeyError:
            todo.append(path)
    return todo


def run(cache_path: str, paths: list[Path], timeout: int | None, allow_errors: bool, in_temp: bool,
        workers: int, log=print) -> list[Path]:
    """Execute the notebooks among ``paths`` that the jupyter-cache at ``cache_path`` lacks, in up to
    ``workers`` processes, and cache each one that succeeds; returns the paths cached."""
    from jupyter_cache import get_cache
    from jupyter_cache.cache.main import CacheBundleIn

    cache = get_cache(cache_path)
    todo = missing(cache, paths)
    workers = min(workers, len(todo))
    if workers < 2:
        return []
    log(f"executing {len(todo)} notebooks in {workers} processes")
    done = []
    # spawn, not fork: Sphinx's process holds threads and open databases a fork would copy
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {path: pool.submit(execute, str(path), timeout, allow_errors, in_temp) for path in todo}
        for path, future in futures.items():
            try:
                notebook, outcome = future.result()
            except Exception as error:  # a worker that died: the same as a notebook that failed
                notebook, outcome = None, repr(error)
            if notebook is None:  # myst-nb executes it again and reports the error itself
                log(f"{path.name} failed here; the build executes it again")
                continue
            record = cache.add_nb_to_project(str(path))
            cache.cache_notebook_bundle(CacheBundleIn(notebook, record.uri, data={"execution_seconds": outcome}),
                                        check_validity=False, overwrite=True)
            log(f"{path.name} executed in {outcome:.1f} s")
            done.append(path)
    return done


def _before_read(app, env, docnames):
    # myst-nb's own settings, with the cache path it resolved into the build folder
    config = getattr(env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or (os.cpu_count() or 1) < 2:
        return
    paths = [Path(env.doc2path(name)) for name in sorted(docnames)]
    paths = [p for p in paths if p.suffix == ".ipynb"]
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    run(config.execution_cache_path, paths, config.execution_timeout, config.execution_allow_errors,
        config.execution_in_temp, min(MAX_WORKERS, os.cpu_count() or 1),
        log=lambda m: logger.info(f"parallel execution: {m}"))


def setup(app):
    app.connect("env-before-read-docs", _before_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
