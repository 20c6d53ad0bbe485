"""The parent brochure: the same pages in Dutch, English and Arabic, plain, for phones."""

from __future__ import annotations

import pytest
from conftest import ROOT, BuiltSite
from content_pages import outline
from readability import measure, measure_files
from site_pages import LANGUAGES, PAGES

BROCHURE_PAGES = [page for page in PAGES if page.startswith("brochure/") and "/print/" not in page]
# Plain Dutch for parents (A2/B1).
BROCHURE_LIX_LIMIT = 30
WORDS_PER_SENTENCE_LIMIT = 12


def brochure_sources(language: str) -> list[str]:
    folder = ROOT / "content" / language / "brochure"
    return [path.name for path in sorted(folder.glob("*.md")) if path.name != "print.md"]


def test_every_language_has_the_same_brochure_pages() -> None:
    """Dutch, English and Arabic have the same brochure pages, and the site builds them all."""
    dutch = brochure_sources("nl")
    assert len(dutch) == len(BROCHURE_PAGES) == 9
    assert brochure_sources("en") == dutch
    assert brochure_sources("ar") == dutch


@pytest.mark.parametrize("built_file", BROCHURE_PAGES)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_translation_has_the_dutch_heading_outline(
    built_site: BuiltSite, language: str, built_file: str
) -> None:
    """Each translated brochure page has the Dutch page's headings, level by level."""
    dutch = outline(built_site.path, built_file)
    assert outline(built_site.path, LANGUAGES[language] + built_file) == dutch
    assert dutch, f"{built_file} has no sections"


@pytest.mark.parametrize("name", brochure_sources("nl"))
def test_dutch_brochure_page_is_plain(name: str) -> None:
    """Every Dutch brochure page stays within the readability target for parents (LIX)."""
    text = (ROOT / "content" / "nl" / "brochure" / name).read_text(encoding="utf-8")
    assert "Draft in progress" not in text
    assert measure(text).lix <= BROCHURE_LIX_LIMIT


def test_dutch_brochure_sentences_are_short() -> None:
    """Across the Dutch brochure, sentences are about twelve words or fewer on average."""
    folder = ROOT / "content" / "nl" / "brochure"
    pages = [folder / name for name in brochure_sources("nl")]
    assert measure_files(pages).words_per_sentence <= WORDS_PER_SENTENCE_LIMIT
