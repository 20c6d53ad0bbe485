"""Whole-section print views and printable link targets.

A page whose Markdown holds the marker ``<!-- print-view -->`` becomes the
print view of its navigation section: the marker is replaced by the Markdown
of every other page of that section, in navigation order, one heading level
down, each page starting on a new sheet. Links between pages of the section
become links inside the print view, so "see chapter 5" still works on paper.
The handbook and the parent brochure each have such a page in every language.

Why our own hook and not mkdocs-print-site-plugin: that plugin builds one
print page for the whole site and does not know mkdocs-static-i18n's
per-language builds; we need one per section and per language, which is a
few lines here.

Every link in a page's content also gets ``data-print-href``, its absolute
address, which the print stylesheet shows after the link text. A link to
another page of this site gets one only when the site's public address is
known (``SITE_URL`` set for the build): a build without it would print
``http://127.0.0.1:8000/...`` on a parent's sheet, an address that leads
nowhere. Links to other sites always show their address.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# "new-sheet": every page of the section starts on a new sheet of paper.
MARKER = re.compile(r"<!-- print-view( new-sheet)? -->")

_HEADING = re.compile(r"^(#{1,5})(\s)", re.M)
_FENCE = re.compile(r"^\s*(```|~~~)", re.M)
_MARKDOWN_LINK = re.compile(r"(\]\()([^)\s#]+\.md)(#[^)\s]*)?(\))")
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)
_HTML_LINK = re.compile(r"<a\s([^>]*?)href=\"([^\"]*)\"")

_navigation: Navigation | None = None


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # Called once per language build, before that language's pages.
    global _navigation
    _navigation = nav
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    marker = MARKER.search(markdown)
    if marker is None:
        return markdown
    if _navigation is None:
        raise PluginError(f"{page.file.src_path}: a print view needs the navigation.")
    section = _section_of(_navigation.items, page)
    if section is None:
        raise PluginError(
            f"{page.file.src_path}: a print view must be in a section of the navigation."
        )
    others = [other for other in _pages_in(section) if other is not page]
    in_view = {other.file.src_uri for other in others}
    classes = ".print-chapter" + (" .print-new-sheet" if marker.group(1) else "")
    chapters = [_printable(other, page, in_view, classes) for other in others]
    return markdown[: marker.start()] + "\n\n".join(chapters) + markdown[marker.end() :]


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = config.site_url or "/"
    page_address = urljoin(site, page.url)
    # Only a published build knows where its pages will be found on paper.
    published = bool(os.environ.get("SITE_URL"))
    own_host = urlsplit(site).netloc

    def with_print_href(match: re.Match[str]) -> str:
        attributes, href = match.group(1), match.group(2)
        if not href or href.startswith("#") or "data-print-href" in attributes:
            return match.group(0)
        address = urljoin(page_address, href)
        if not published and urlsplit(address).netloc == own_host:
            return match.group(0)
        return f'<a {attributes}data-print-href="{address}" href="{href}"'

    return _HTML_LINK.sub(with_print_href, html)


def _section_of(items: Sequence[object], page: Page) -> Section | None:
    for item in items:
        if isinstance(item, Section):
            if any(child is page for child in item.children):
                return item
            found = _section_of(item.children, page)
            if found is not None:
                return found
    return None


def _pages_in(section: Section) -> list[Page]:
    pages: list[Page] = []
    for child in section.children:
        if isinstance(child, Page):
            pages.append(child)
        elif isinstance(child, Section):
            pages.extend(_pages_in(child))
    return pages


def anchor_for(src_uri: str, print_folder: str) -> str:
    """The id a page gets in a print view: 'nl/handbook/glossary.md' -> 'print-glossary'."""
    stem = posixpath.relpath(posixpath.splitext(src_uri)[0], print_folder)
    return "print-" + stem.replace("/", "-")


def _printable(page: Page, print_page: Page, in_view: set[str], classes: str) -> str:
    path = page.file.abs_src_path
    if path is None:
        raise PluginError(f"{page.file.src_path}: has no source file to print.")
    markdown = Path(path).read_text(encoding="utf-8-sig")
    if _FENCE.search(markdown):
        raise PluginError(f"{page.file.src_path}: code blocks are not supported in a print view.")
    if not _FIRST_HEADING.search(markdown):
        raise PluginError(f"{page.file.src_path}: a page in a print view needs a '# title'.")
    # The page's title becomes a chapter of the print view.
    folder = posixpath.dirname(page.file.src_uri)
    print_folder = posixpath.dirname(print_page.file.src_uri)
    anchor = anchor_for(page.file.src_uri, print_folder)
    markdown = _FIRST_HEADING.sub(
        lambda m: f"# {m.group(1)} {{#{anchor} {classes}}}", markdown, count=1
    )
    markdown = _HEADING.sub(lambda m: "#" + m.group(1) + m.group(2), markdown)

    def relinked(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, match.group(2)))
        if target in in_view:
            return f"{match.group(1)}#{anchor_for(target, print_folder)}{match.group(4)}"
        # Elsewhere on the site: keep the link, relative to the print view.
        relative = posixpath.relpath(target, print_folder)
        return f"{match.group(1)}{relative}{match.group(3) or ''}{match.group(4)}"

    return _MARKDOWN_LINK.sub(relinked, markdown)
