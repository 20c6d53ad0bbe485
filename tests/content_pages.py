"""What tests read from built content pages: their heading outline and their text."""

from __future__ import annotations

from pathlib import Path

from site_pages import soup


def outline(site: Path, built_file: str) -> list[str]:
    """The heading levels of a page's content in order, e.g. ['h2', 'h3', 'h3', 'h2']."""
    content = soup(site, built_file).select_one("article.md-content__inner")
    assert content is not None, f"{built_file} has no content"
    return [heading.name for heading in content.find_all(["h2", "h3", "h4", "h5", "h6"])]


def chapter_ids(site: Path, built_file: str) -> list[str]:
    """The ids of the chapters a print view holds, in order."""
    page = soup(site, built_file)
    return [str(heading["id"]) for heading in page.select(".print-chapter")]
