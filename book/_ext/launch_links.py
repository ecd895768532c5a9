"""Sphinx extension: the lesson pages' launch buttons, for a repository on any git host.

sphinx-book-theme builds its launch buttons only for GitHub-like addresses: with any other
``repository.url`` it stops the build ("Provider not recognized in repository url"), and with a
GitLab address its Colab button is a warning, so a ``-W`` build fails. This extension takes the
``launch_buttons`` block of ``_config.yml`` away from the theme and builds the buttons itself with
``tools/launch.py``:

- the JupyterHub button (nbgitpuller) from ``repository.url`` and ``repository.branch``, for any
  host and for a hub on http or https;
- Binder only for github.com and gitlab.com, Colab only for github.com; elsewhere the button is
  left out, without a warning.

The buttons look and sit as the theme's would (first in the header, in a "launch" group). For an
address the theme cannot name, the theme is told the provider is plain "git", which its source
buttons (off in this book) would ignore.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tools import launch as LAUNCH  # noqa: E402

ICONS = {"Binder": "_static/images/logo_binder.svg", "JupyterHub": "_static/images/logo_jupyterhub.svg",
         "Colab": "_static/images/logo_colab.png"}
_KNOWN = ("github", "gitlab", "bitbucket")


def _config_inited(app, config):
    opts = dict(config.html_theme_options or {})
    launch = dict(opts.get("launch_buttons") or {})
    app._course_launch = launch
    # The theme keeps Thebe (off here) and the interface; it builds no launch button itself.
    opts["launch_buttons"] = {k: launch[k] for k in ("thebe", "notebook_interface") if k in launch}
    repo_url = opts.get("repository_url", "")
    if repo_url:
        LAUNCH.parse_repository(repo_url)  # a malformed address stops the build with a clear message
        if not opts.get("repository_provider") and not any(p in repo_url.lower() for p in _KNOWN):
            opts["repository_provider"] = "git"
    config.html_theme_options = opts


def _is_notebook(app, pagename, context) -> bool:
    return "kernelspec" in app.env.metadata.get(pagename, {}) or "ipynb" in context.get("page_source_suffix", "")


def _page_context(app, pagename, templatename, context, doctree):
    launch = getattr(app, "_course_launch", {})
    opts = app.config.html_theme_options or {}
    repo_url = opts.get("repository_url", "")
    if not launch or not repo_url or doctree is None or not _is_notebook(app, pagename, context):
        return
    book = (opts.get("path_to_docs") or "").strip("/")
    path = f"{book}/{pagename}.ipynb" if book else f"{pagename}.ipynb"
    links = LAUNCH.launch_links(launch, repo_url, opts.get("repository_branch") or "main", path)
    if not links:
        return
    buttons = [{"type": "link", "text": name, "tooltip": f"Launch on {name}", "icon": ICONS[name], "url": url}
               for name, url in links.items()]
    context.setdefault("header_buttons", []).insert(0, {
        "type": "group", "tooltip": "Launch interactive content", "icon": "fas fa-rocket",
        "buttons": buttons, "label": "launch-buttons"})


def setup(app):
    app.connect("config-inited", _config_inited, priority=900)
    # After the theme has emptied the header buttons (500) and before its own run at 501 renders.
    app.connect("html-page-context", _page_context, priority=501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
