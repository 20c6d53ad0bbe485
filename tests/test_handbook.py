"""The counselor handbook: complete in Dutch and English, parallel, plain, linked, printable."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT, BuiltSite
from content_pages import chapter_ids, outline
from readability import measure
from site_pages import HANDBOOK_CHAPTERS, LANGUAGES, soup

# Dutch for professionals at B1: the source reads at about LIX 47.
HANDBOOK_LIX_LIMIT = 42
CHAPTERS = [name for name in HANDBOOK_CHAPTERS if not name.startswith("appendix")][:8]
# A reference list is titles, not prose: no readability limit.
PROSE = [name for name in HANDBOOK_CHAPTERS if name != "bronnen"]


def source(language: str, name: str) -> str:
    return (ROOT / "content" / language / "handbook" / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", HANDBOOK_CHAPTERS)
def test_english_page_has_the_dutch_heading_outline(built_site: BuiltSite, name: str) -> None:
    """Each handbook page has the same headings, level by level, in Dutch and English."""
    dutch = outline(built_site.path, f"handbook/{name}/index.html")
    english = outline(built_site.path, f"en/handbook/{name}/index.html")
    assert dutch == english
    assert dutch.count("h2") >= 1 or name not in CHAPTERS


@pytest.mark.parametrize("name", HANDBOOK_CHAPTERS)
def test_no_page_is_left_a_draft(name: str) -> None:
    """No handbook page still holds placeholder text."""
    for language in ("nl", "en"):
        assert "Draft in progress" not in source(language, name)


@pytest.mark.parametrize("name", PROSE)
def test_dutch_handbook_reads_plainer_than_the_source(name: str) -> None:
    """Every Dutch handbook page stays within the B1 readability target (LIX)."""
    assert measure(source("nl", name)).lix <= HANDBOOK_LIX_LIMIT


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapters_open_with_a_summary(name: str) -> None:
    """Each chapter starts with an 'in short' box, in both languages."""
    assert '!!! abstract "In het kort"' in source("nl", name)
    assert '!!! abstract "In short"' in source("en", name)


def test_reference_list_is_the_same_in_both_languages() -> None:
    """The Dutch and English reference lists name the same number of works."""
    entries = {
        language: [line for line in source(language, "bronnen").splitlines() if line[:2] == "- "]
        for language in ("nl", "en")
    }
    assert len(entries["nl"]) >= 50
    assert len(entries["nl"]) == len(entries["en"])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_search_index_holds_the_handbook_but_not_its_print_view(
    built_site: BuiltSite, language: str
) -> None:
    """Search finds the handbook's chapters; the print view would only repeat them."""
    index = json.loads((built_site.path / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    prefix = LANGUAGES[language]
    for name in HANDBOOK_CHAPTERS:
        assert f"{prefix}handbook/{name}/" in locations
    assert f"{prefix}handbook/print/" not in locations


@pytest.mark.parametrize("language", ["nl", "en"])
def test_print_view_holds_every_page_in_order(built_site: BuiltSite, language: str) -> None:
    """The whole-handbook print view has every page once, in the order of the navigation."""
    ids = chapter_ids(built_site.path, f"{LANGUAGES[language]}handbook/print/index.html")
    assert ids == ["print-index", *(f"print-{name}" for name in HANDBOOK_CHAPTERS)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_print_view_links_between_chapters_stay_inside_it(
    built_site: BuiltSite, language: str
) -> None:
    """A reference to another chapter in the print view jumps within the printed document."""
    page = soup(built_site.path, f"{LANGUAGES[language]}handbook/print/index.html")
    ids = {str(element["id"]) for element in page.select("[id]")}
    content = page.select_one("article.md-content__inner")
    assert content is not None
    hrefs = [str(link["href"]) for link in content.select("a[href]")]
    internal = [href for href in hrefs if href.startswith("#")]
    assert internal, "the chapters refer to each other"
    assert [href for href in internal if href[1:] not in ids] == []
    chapter_files = [f"../{name}/" for name in HANDBOOK_CHAPTERS]
    assert [href for href in hrefs if href in chapter_files] == []


def test_arabic_navigation_offers_the_dutch_and_english_handbook(built_site: BuiltSite) -> None:
    """The Arabic site has no handbook text but links to both versions, labelled in Arabic."""
    page = soup(built_site.path, "ar/route-map/index.html")
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    here = urljoin(built_site.url, "ar/route-map/")
    links = {
        urljoin(here, str(link["href"])): link.get_text(strip=True)
        for link in nav.select("a[href]")
    }
    assert "بالهولندية" in links[urljoin(built_site.url, "handbook/")]
    assert "بالإنجليزية" in links[urljoin(built_site.url, "en/handbook/")]
    assert not (built_site.path / "ar" / "handbook" / "introduction").exists()


def test_every_handbook_page_is_in_the_navigation(built_site: BuiltSite) -> None:
    """A counselor reaches every chapter and appendix from the Dutch navigation."""
    page = soup(built_site.path, "handbook/index.html")
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    hrefs = {Path(str(link["href"])).name for link in nav.select("a[href]")}
    assert [name for name in HANDBOOK_CHAPTERS if name not in hrefs] == []
