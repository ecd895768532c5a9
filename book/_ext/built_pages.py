"""The pages of a finished HTML build, for the extensions that rewrite them at ``build-finished``
(``lean_html``, ``icons``, ``evidence``, ``css_bundle``, ``after_paint``)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def site_pages(app, exception) -> list[Path] | None:
    """Every page (``.html`` outside ``_static``) of the build that just finished, sorted; None when
    it failed or was not an HTML build, where there is nothing to rewrite."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return None
    out = Path(app.outdir)
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)


def rewrite_pages(pages: list[Path], change: Callable[[str], str]) -> None:
    """Write ``change(text)`` over each of ``pages`` whose text it changes."""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        new = change(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
