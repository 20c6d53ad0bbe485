"""What the built site must hold: one list, used by the structure and browser tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

# Language -> its folder in the built site (Dutch, the default, at the root).
LANGUAGES = {"nl": "", "en": "en/", "ar": "ar/"}
DIRECTIONS = {"nl": "ltr", "en": "ltr", "ar": "rtl"}

# The pages every language has, as built files.
PAGES = [
    "index.html",
    "about/index.html",
    "accessibility/index.html",
    "brochure/index.html",
    "handbook/index.html",
    "privacy/index.html",
    "route-map/index.html",
    "workbook/index.html",
]

# Each language's page for an address that does not exist; Dutch at the root.
NOT_FOUND_PAGES = [(language, LANGUAGES[language] + "404.html") for language in LANGUAGES]

ALL_PAGES = [(language, LANGUAGES[language] + page) for language in LANGUAGES for page in PAGES]


def page_url(built_file: str) -> str:
    """The site-relative URL of a built file: 'en/about/index.html' -> 'en/about/'."""
    return built_file.removesuffix("index.html")


def soup(site: Path, built_file: str) -> BeautifulSoup:
    return BeautifulSoup((site / built_file).read_text(encoding="utf-8"), "html.parser")
