"""What the built site must hold: one list, used by the structure and browser tests."""

from __future__ import annotations

from functools import cache
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
    *(
        f"brochure/{name}/index.html"
        for name in [
            "telling-your-child",
            "reactions",
            "at-home",
            "booklet",
            "goodbye",
            "school",
            "after-return",
            "who-helps",
            "print",
        ]
    ),
    "handbook/index.html",
    "privacy/index.html",
    "route-map/index.html",
    "workbook/index.html",
]

# The handbook's chapters, appendices and lists: Dutch and English only
# (content/untranslated.yml says why).
HANDBOOK_CHAPTERS = [
    "introduction",
    "conditions-for-return",
    "risk-and-protective-factors",
    "guiding-children",
    "guiding-parents",
    "parenting-and-migration",
    "after-return",
    "working-together",
    "appendix-1-conditions",
    "appendix-2-risk-factors",
    "appendix-3-protective-factors",
    "appendix-4-overview",
    "appendix-5-form",
    "appendix-6-talking-by-age",
    "appendix-7-reactions",
    "appendix-8-cultures",
    "appendix-9-monitoring-checklist",
    "glossary",
    "bronnen",
]
HANDBOOK_LANGUAGES = ["nl", "en"]
HANDBOOK_PAGES = [f"handbook/{name}/index.html" for name in [*HANDBOOK_CHAPTERS, "print"]]
# The section for counselors: Dutch and English, like the handbook.
COUNSELOR_PAGES = ["counselor/index.html"]

# Each language's built pages.
PAGES_OF = {
    language: PAGES + (HANDBOOK_PAGES + COUNSELOR_PAGES if language in HANDBOOK_LANGUAGES else [])
    for language in LANGUAGES
}

# Each language's page for an address that does not exist; Dutch at the root.
NOT_FOUND_PAGES = [(language, LANGUAGES[language] + "404.html") for language in LANGUAGES]

ALL_PAGES = [
    (language, LANGUAGES[language] + page) for language in LANGUAGES for page in PAGES_OF[language]
]


def page_url(built_file: str) -> str:
    """The site-relative URL of a built file: 'en/about/index.html' -> 'en/about/'."""
    return built_file.removesuffix("index.html")


@cache
def soup(site: Path, built_file: str) -> BeautifulSoup:
    """A built page, parsed once per run and shared by every test that reads it:
    read it, never change it."""
    return BeautifulSoup((site / built_file).read_text(encoding="utf-8"), "html.parser")
