"""Launch links for a lesson: JupyterHub (through nbgitpuller), Binder and Colab, for any git host.

The book (``book/_ext/launch_links.py``), the student repository (``tools/student.py``) and the
tests build their links here, from the repository's address and branch:

- **JupyterHub**: nbgitpuller's ``git-pull`` link works with any address ``git clone`` accepts
  (GitHub, GitLab, a self-hosted server, over https or http), and with a hub on https or http,
  at the root of its host or under a path (``https://example.edu/jupyter``).
  nbgitpuller clones into a folder named after the last part of the address (without ``.git``),
  so the lesson opens at ``<ui>/<that folder>/<path in the repository>``.
- **Binder**: only for github.com and gitlab.com (mybinder.org's ``gh`` and ``gl`` providers);
  for any other host there is no Binder link.
- **Colab**: only for github.com (Colab opens notebooks from GitHub alone).

A function returns ``None`` where its service cannot open the repository, so a caller shows
only the buttons that can work and no build warns about the others.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

#: notebook_interface -> the URL prefix that opens a file in it
UI_PREFIX = {"jupyterlab": "lab/tree", "classic": "tree"}


@dataclass(frozen=True)
class Repository:
    url: str       # as given, without a trailing slash
    host: str      # e.g. "github.com"
    path: tuple    # the path parts: ("org", "repo") or ("group", "subgroup", "repo")
    provider: str | None  # "github", "gitlab" (the public hosts) or None (any other host)

    @property
    def name(self) -> str:
        """The folder nbgitpuller clones into."""
        return self.path[-1].removesuffix(".git")


def parse_repository(url: str) -> Repository:
    """Split a repository address; ``ValueError`` unless it is an http(s) address with a path."""
    if not isinstance(url, str):
        raise TypeError(f"repository url must be a string, got {type(url).__name__}")
    parts = urlsplit(url.strip().rstrip("/"))
    path = tuple(p for p in parts.path.split("/") if p)
    if parts.scheme not in ("http", "https") or not parts.netloc or not path or parts.query or parts.fragment:
        raise ValueError(f"repository url={url!r} must be an http:// or https:// address of a git "
                         "repository, e.g. https://git.example.edu/courses/itband-course")
    host = parts.netloc.lower()
    provider = {"github.com": "github", "gitlab.com": "gitlab"}.get(host) if parts.scheme == "https" else None
    if provider == "github" and len(path) != 2:
        provider = None
    return Repository(url.strip().rstrip("/"), host, path, provider)


def _ui(notebook_interface: str) -> str:
    if notebook_interface not in UI_PREFIX:
        raise ValueError(f"notebook_interface={notebook_interface!r} is not one of {sorted(UI_PREFIX)}")
    return UI_PREFIX[notebook_interface]


def _check_service(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{name}={url!r} must be an http:// or https:// address")
    if name == "jupyterhub_url" and parts.path.rstrip("/").endswith("/hub"):
        raise ValueError(f"jupyterhub_url={url!r}: give the hub's address without /hub at the end")
    return url.rstrip("/")


def jupyterhub_link(hub_url: str, repo_url: str, branch: str, path: str,
                    notebook_interface: str = "jupyterlab") -> str:
    """nbgitpuller: ``{hub}/hub/user-redirect/git-pull?repo=...&urlpath=...&branch=...``."""
    hub = _check_service("jupyterhub_url", hub_url)
    repo = parse_repository(repo_url)
    query = urlencode({"repo": repo.url, "urlpath": f"{_ui(notebook_interface)}/{repo.name}/{path}",
                       "branch": branch}, safe="/")
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def binder_link(binderhub_url: str, repo_url: str, branch: str, path: str,
                notebook_interface: str = "jupyterlab") -> str | None:
    """Binder for github.com and gitlab.com; ``None`` for any other host."""
    binder = _check_service("binderhub_url", binderhub_url)
    repo = parse_repository(repo_url)
    if repo.provider == "github":
        spec = f"gh/{repo.path[0]}/{repo.name}/{branch}"
    elif repo.provider == "gitlab":
        spec = f"gl/{quote('/'.join(repo.path[:-1] + (repo.name,)), safe='')}/{branch}"
    else:
        return None
    return f"{binder}/v2/{spec}?urlpath={_ui(notebook_interface)}/{path}"


def colab_link(colab_url: str, repo_url: str, branch: str, path: str) -> str | None:
    """Colab for github.com; ``None`` for any other host."""
    colab = _check_service("colab_url", colab_url)
    repo = parse_repository(repo_url)
    if repo.provider != "github":
        return None
    return f"{colab}/github/{repo.path[0]}/{repo.name}/blob/{branch}/{path}"


def launch_links(launch_buttons: dict, repo_url: str, branch: str, path: str) -> dict[str, str]:
    """{"Binder"|"JupyterHub"|"Colab": url} for the services configured in ``launch_buttons``
    (the ``launch_buttons`` block of ``_config.yml``) that can open this repository."""
    ui = launch_buttons.get("notebook_interface", "classic")
    links = {}
    if launch_buttons.get("binderhub_url"):
        links["Binder"] = binder_link(launch_buttons["binderhub_url"], repo_url, branch, path, ui)
    if launch_buttons.get("jupyterhub_url"):
        links["JupyterHub"] = jupyterhub_link(launch_buttons["jupyterhub_url"], repo_url, branch, path, ui)
    if launch_buttons.get("colab_url"):
        links["Colab"] = colab_link(launch_buttons["colab_url"], repo_url, branch, path)
    return {k: v for k, v in links.items() if v}
