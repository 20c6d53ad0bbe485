"""Links in the page tree to pages of another language, made to work under any base path.

The Arabic page tree links to the Dutch and English handbook, which are not
pages of the Arabic build. mkdocs.yml writes them from the site root
(``/en/handbook/``): MkDocs accepts such links without looking for a file.
Here, after MkDocs has checked the tree, each becomes relative to the site
root (``en/handbook/``), which the theme then writes relative to each page,
so the links also work when the site is served from a sub-path.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _relink(nav.items)
    return nav


def _relink(items: Sequence[object]) -> None:
    for item in items:
        if isinstance(item, Link) and item.url.startswith("/") and not item.url.startswith("//"):
            item.url = item.url.lstrip("/")
        elif isinstance(item, Section):
            _relink(item.children)
