"""No text is marked with the wrong language (WCAG 3.1.1 and 3.1.2).

Arabic pages may hold Latin-script names and titles only inside an element
marked with their own language; Dutch and English pages hold no Arabic script
outside an element marked Arabic. Visible text and the attributes a screen
reader speaks are checked.
"""

from __future__ import annotations

import re

import pytest
from bs4.element import Comment, Doctype, NavigableString, Tag
from conftest import BuiltSite
from site_pages import ALL_PAGES, NOT_FOUND_PAGES, soup

LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]{2,}")
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
NOT_TEXT = {"script", "style", "template"}


def language_of(element: Tag) -> str:
    """The language in force at an element: its own lang, or the nearest ancestor's."""
    for node in [element, *element.parents]:
        if isinstance(node, Tag) and node.get("lang"):
            return str(node["lang"]).split("-")[0].lower()
    return ""


def wrongly_marked(text: str, language: str) -> str | None:
    if language == "ar":
        latin = LATIN.search(text)
        return latin[0] if latin else None
    arabic = ARABIC.search(text)
    return arabic[0] if arabic else None


def mislabelled_texts(built_site: BuiltSite, built_file: str) -> list[str]:
    page = soup(built_site.path, built_file)
    found: list[str] = []
    for node in page.descendants:
        if isinstance(node, Tag):
            for attribute in SPOKEN_ATTRIBUTES:
                value = node.get(attribute)
                if isinstance(value, str) and wrongly_marked(value, language_of(node)):
                    found.append(
                        f'<{node.name} {attribute}="{value}"> under lang={language_of(node)}'
                    )
        elif isinstance(node, NavigableString) and not isinstance(node, Comment | Doctype):
            parent = node.parent
            if parent is None or parent.name in NOT_TEXT:
                continue
            hit = wrongly_marked(str(node), language_of(parent))
            if hit:
                found.append(f"{hit!r} in <{parent.name}> under lang={language_of(parent)}")
    return found


@pytest.mark.parametrize(("language", "built_file"), ALL_PAGES + NOT_FOUND_PAGES)
def test_no_text_is_marked_with_another_language(
    built_site: BuiltSite, language: str, built_file: str
) -> None:
    """Latin text inside Arabic, or Arabic inside Dutch or English, carries its own lang."""
    assert mislabelled_texts(built_site, built_file) == []


def test_the_check_finds_unmarked_latin_in_arabic() -> None:
    """The checker itself flags a Dutch title left bare in Arabic text, and accepts it marked."""
    from bs4 import BeautifulSoup

    bare = BeautifulSoup('<html lang="ar"><p>كتيب De reis</p></html>', "html.parser")
    marked = BeautifulSoup(
        '<html lang="ar"><p>كتيب <span lang="nl">De reis</span></p></html>', "html.parser"
    )
    bare_p, marked_p = bare.find("p"), marked.find("p")
    assert isinstance(bare_p, Tag)
    assert isinstance(marked_p, Tag)
    assert wrongly_marked(bare_p.get_text(), language_of(bare_p)) == "De"
    span = marked_p.find("span")
    assert isinstance(span, Tag)
    assert wrongly_marked(span.get_text(), language_of(span)) is None
