"""The built site: its files per language, lang and dir, 404 page and sitemaps."""

from __future__ import annotations

from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from conftest import BuiltSite
from site_pages import (
    ALL_PAGES,
    DIRECTIONS,
    HANDBOOK_LANGUAGES,
    LANGUAGES,
    NOT_FOUND_PAGES,
    PAGES_OF,
    page_url,
    soup,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_every_language_has_exactly_the_expected_pages(built_site: BuiltSite) -> None:
    """Each language holds the same pages at the same paths, and its own 404 page."""
    found = sorted(
        path.relative_to(built_site.path).as_posix() for path in built_site.path.rglob("*.html")
    )
    expected = sorted(
        [
            f"{LANGUAGES[language]}{page}"
            for language in LANGUAGES
            for page in [*PAGES_OF[language], "404.html"]
        ]
        + [f"app/{language}/index.html" for language in LANGUAGES]  # the workbook app
        + [  # the counselor tools
            f"app/{language}/{tool}/index.html"
            for language in HANDBOOK_LANGUAGES
            for tool in ("monitoring", "risk-form", "viewer")
        ]
    )
    assert found == expected


def test_the_build_warns_about_nothing(built_site: BuiltSite) -> None:
    """A strict build passes, and its log carries no warning either."""
    assert "WARNING" not in built_site.build_log


@pytest.mark.parametrize(("language", "built_file"), ALL_PAGES + NOT_FOUND_PAGES)
def test_page_declares_its_language_and_direction(
    built_site: BuiltSite, language: str, built_file: str
) -> None:
    """Every page says its language and writing direction on <html> (Arabic right to left)."""
    page = soup(built_site.path, built_file)
    assert page.html is not None
    assert page.body is not None
    assert page.html.get("lang") == language
    assert page.html.get("dir") == DIRECTIONS[language]
    assert page.body.get("dir") == DIRECTIONS[language]


def test_not_found_page_is_dutch(built_site: BuiltSite) -> None:
    """The one 404 page the server sends is the Dutch one, whatever language was built last."""
    page = soup(built_site.path, "404.html")
    assert page.html is not None
    assert page.html.get("lang") == "nl"
    assert page.html.get("dir") == "ltr"
    heading = page.find("h1")
    assert heading is not None
    assert heading.get_text() == "Pagina niet gevonden"


def test_sitemap_lists_every_page_with_its_translations(built_site: BuiltSite) -> None:
    """sitemap.xml names every page of every language, each with its alternates by hreflang."""
    root = ElementTree.parse(built_site.path / "sitemap.xml").getroot()
    entries = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SITEMAP}url")
    }
    expected = {
        urljoin(built_site.url, LANGUAGES[language] + page_url(page)): {
            other: urljoin(built_site.url, LANGUAGES[other] + page_url(page))
            for other in LANGUAGES
            if page in PAGES_OF[other]
        }
        for language in LANGUAGES
        for page in PAGES_OF[language]
    }
    assert entries == expected


def test_pages_name_no_alternate_for_the_theme_to_fetch(built_site: BuiltSite) -> None:
    """No <link rel=alternate>: Material would fetch a sitemap.xml next to it that is not there."""
    for _, built_file in ALL_PAGES + NOT_FOUND_PAGES:
        assert soup(built_site.path, built_file).select('link[rel="alternate"]') == []


@pytest.mark.parametrize(("language", "built_file"), ALL_PAGES)
def test_language_switch_leads_to_the_same_page(
    built_site: BuiltSite, language: str, built_file: str
) -> None:
    """The switch names every language and leads to this page in it, where the page exists."""
    page = soup(built_site.path, built_file)
    links = page.select("a.md-select__link")
    assert sorted(str(link.get("hreflang")) for link in links) == sorted(LANGUAGES)
    here = urljoin(built_site.url, page_url(built_file))
    neutral = built_file.removeprefix(LANGUAGES[language])
    for link in links:
        target = str(link.get("hreflang"))
        assert link.get("lang") == target, "a language name must be marked with its language"
        assert link.get("dir") == DIRECTIONS[target]
        if neutral in PAGES_OF[target]:
            expected = urljoin(built_site.url, page_url(LANGUAGES[target] + neutral))
        else:  # untranslated on purpose (content/untranslated.yml): that language's start page
            expected = urljoin(built_site.url, LANGUAGES[target])
        assert urljoin(here, str(link.get("href"))) == expected


def test_the_viewers_handbook_links_reach_their_headings(built_site: BuiltSite) -> None:
    """Every link the counselor viewer offers next to a 'talk' activity lands on a heading."""
    import json

    for language in HANDBOOK_LANGUAGES:
        forms = built_site.path / "app" / "data" / "forms" / f"{language}.json"
        data = json.loads(forms.read_text())
        links = data["viewer"]["general"] + [
            link for part in data["viewer"]["parts"].values() for link in part
        ]
        assert len(links) >= 6
        for link in links:
            page, anchor = link["href"].split("#")
            html = (built_site.path / LANGUAGES[language] / page / "index.html").read_text()
            assert f'id="{anchor}"' in html, (language, link)
