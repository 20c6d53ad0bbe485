"""Paper: pages print without navigation and with link targets; print views fit their budget."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import pytest
from axe import axe_violations
from conftest import site_profile
from page_visit import PHONE, TABLET, PageVisit, visit
from site_pages import LANGUAGES, PAGES

pytestmark = pytest.mark.browser

# The brochure is handed out on paper: at most eight A4 sheets per language.
BROCHURE_SHEETS_LIMIT = 8
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


@pytest.fixture
def tablet(browser: Any) -> Iterator[Any]:
    context = site_profile(browser, viewport=TABLET)
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    """A phone-sized profile with touch, as most parents read the brochure: one tab in
    it that visits page after page."""
    context = site_profile(browser, viewport=PHONE, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def open_(context: Any, site_server: str, path: str, tab: Any = None) -> PageVisit:
    record = visit(context, urljoin(site_server, path), site_server, tab=tab)
    assert record.status == 200
    record.settle()  # everything the page fetches is in before it is measured or printed
    return record


@pytest.mark.parametrize("language", LANGUAGES)
def test_brochure_prints_on_at_most_eight_sheets(
    tablet: Any, site_server: str, language: str
) -> None:
    """The brochure's print view, printed to PDF on A4 by Chromium, takes eight pages or fewer."""
    record = open_(tablet, site_server, f"{LANGUAGES[language]}brochure/print/")
    pdf = record.page.pdf(format="A4", print_background=True)
    sheets = len(PDF_PAGE.findall(pdf))
    assert 1 <= sheets <= BROCHURE_SHEETS_LIMIT


@pytest.mark.parametrize(
    "path", ["brochure/print/", "en/brochure/print/", "ar/brochure/print/", "handbook/print/"]
)
def test_print_button_opens_the_print_dialog(tablet: Any, site_server: str, path: str) -> None:
    """The visible print button calls the browser's print dialog and is not itself printed."""
    page = open_(tablet, site_server, path).page
    page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
    button = page.locator("button[data-print]")
    assert button.is_visible()
    box = button.bounding_box()
    assert box is not None
    assert box["height"] >= 44
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()


def test_printed_page_has_no_navigation_and_shows_link_targets(
    tablet: Any, site_server: str
) -> None:
    """On paper a page keeps only its text; every link shows its full address."""
    page = open_(tablet, site_server, "handbook/").page
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    shown = page.evaluate(
        """() => [...document.querySelectorAll("article a[data-print-href]")].map(
             (a) => getComputedStyle(a, "::after").content)"""
    )
    assert shown, "the page has links"
    assert all(content.startswith(f'" ({site_server}') for content in shown), shown


def test_every_handbook_chapter_starts_on_a_new_sheet(tablet: Any, site_server: str) -> None:
    """In the whole-handbook print view each chapter begins on its own sheet."""
    page = open_(tablet, site_server, "en/handbook/print/").page
    page.emulate_media(media="print")
    breaks = page.evaluate(
        """() => [...document.querySelectorAll(".print-chapter")].map(
             (h) => getComputedStyle(h).breakBefore)"""
    )
    assert len(breaks) >= 20
    assert set(breaks) == {"page"}


@pytest.mark.parametrize("built_file", [page for page in PAGES if page.startswith("brochure/")])
@pytest.mark.parametrize("language", LANGUAGES)
def test_brochure_on_a_phone_passes_axe(
    phone: Any, site_server: str, language: str, built_file: str
) -> None:
    """Every brochure page, at phone size in every language, loads cleanly and passes axe."""
    path = LANGUAGES[language] + built_file.removesuffix("index.html")
    record = open_(phone.context, site_server, path, tab=phone)
    try:
        assert record.problems() == {
            "console errors": [],
            "failed requests": [],
            "requests to another origin": [],
            "CSP violations": [],
        }
        assert record.page.evaluate("document.documentElement.dir") == (
            "rtl" if language == "ar" else "ltr"
        )
        assert record.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            "the page scrolls sideways on a phone"
        )
        if language == "ar":  # lists and tables read right to left too
            directions = record.page.evaluate(
                """() => [...document.querySelectorAll("article li, article table")]
                       .map((e) => getComputedStyle(e).direction)"""
            )
            assert set(directions) <= {"rtl"}
        assert axe_violations(record.page) == []
    finally:
        record.stop()
