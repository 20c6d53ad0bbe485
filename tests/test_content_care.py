"""Content care (issue 18): corrected facts stay corrected in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

CONTENT = ROOT / "content"
ROUTE_LANGUAGES = ("nl", "en", "ar")
# "10-12", "10 tot 12", "10 to 12" (also with an en dash): the source's age range for the cards.
TEN_TO_TWELVE = re.compile(r"\b10\s*(?:-|\u2013|tot|to)\s*12\b")
# Appendix 6 talks by age in three bands (6-8, 8-10, 10-12); a line naming the
# 8-10 band is about those bands, not about the cards.
EIGHT_TO_TEN = re.compile(r"\b8\s*(?:-|\u2013|tot|to)\s*10\b")
# Digits, not word boundaries: Arabic writes "6 و12 و18" with no space after و.
MONTHS_SCHEDULE = re.compile(r"(?<!\d)(?:6|12|18)(?!\d)")


def content_lines() -> list[tuple[Path, int, str]]:
    lines = []
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix in {".md", ".yml"}:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                lines.append((path.relative_to(ROOT), number, line))
    return lines


def test_cards_have_one_age_range_everywhere() -> None:
    """No page or file gives the cards the source's 10-12 next to the edition's 10-13."""
    found = [
        f"{path}:{number}"
        for path, number, line in content_lines()
        if TEN_TO_TWELVE.search(line) and not EIGHT_TO_TEN.search(line)
    ]
    assert found == []


def test_no_dated_video_service_is_named() -> None:
    """The handbook suggests video calling, not Skype, which no longer exists."""
    found = [
        f"{path}:{number}" for path, number, line in content_lines() if "skype" in line.lower()
    ]
    assert found == []


def test_nemeth_almasi_is_spelled_one_way() -> None:
    """Judit Nemeth-Almasi's name is spelled the same in the text, the thanks and the references."""
    found = [f"{path}:{number}" for path, number, line in content_lines() if "Nemeht" in line]
    assert found == []


@pytest.mark.parametrize("language", ROUTE_LANGUAGES)
def test_route_map_step_3_promises_no_schedule(language: str) -> None:
    """Step 3 of the route map says 'monitoring' as the source does, not appendix 9's months."""
    data = yaml.safe_load((CONTENT / language / "route-map" / "route.yml").read_text("utf-8"))
    stage = next(stage for stage in data["stages"] if stage["id"] == "3")
    actions = [action for station in stage["stations"] for action in station["actions"]]
    assert actions
    assert [action for action in actions if MONTHS_SCHEDULE.search(action)] == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_introduction_points_to_the_section_on_booklets_and_cards(language: str) -> None:
    """The introduction refers to the chapter-4 section that holds the booklets and cards."""
    handbook = CONTENT / language / "handbook"
    introduction = (handbook / "introduction.md").read_text(encoding="utf-8")
    chapter = (handbook / "guiding-children.md").read_text(encoding="utf-8")
    word = {"nl": "paragraaf", "en": "section"}[language]
    named = re.search(
        rf"\[(?:hoofdstuk|chapter) 4\]\(guiding-children\.md\), {word} (4\.\d)", introduction
    )
    assert named is not None
    heading = re.search(rf"^## {re.escape(named.group(1))} (.+)$", chapter, re.MULTILINE)
    assert heading is not None
    assert {"nl": "kinderboekjes", "en": "booklets"}[language] in heading.group(1).lower()


# The booklet's "why go back" page, in each language's words: parents who choose
# to return, a family that may not stay, and that it is never the child's fault.
WHY_BACK_TRUTHS = {
    "nl": ("kiezen", "niet blijven", "niet jouw schuld"),
    "en": ("choose", "cannot stay", "not your fault"),
    "ar": ("يختار", "البقاء", "ليس ذنبك"),
}


@pytest.mark.parametrize("language", sorted(WHY_BACK_TRUTHS))
def test_why_back_page_is_true_for_every_family(language: str) -> None:
    """The 'why go back' page names both a chosen return and a family that may not stay."""
    part = yaml.safe_load((CONTENT / language / "workbook" / "part-c.yml").read_text("utf-8"))
    page = next(a for a in part["activities"] if a["id"] == "c-why-back")
    text = " ".join(page["paragraphs"])
    assert [words for words in WHY_BACK_TRUTHS[language] if words not in text] == []


# Dutch "Vraag? Dan ..." copied word by word: an Arabic sentence opening with عندها ("then").
ARABIC_THEN_CALQUE = re.compile(r"(?:^|[.؟!»]\s*)عندها")


def test_arabic_brochure_uses_arabic_conditionals() -> None:
    """The Arabic brochure says إذا ...، فـ for Dutch "Vraag? Dan ...", never "...؟ عندها"."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((CONTENT / "ar" / "brochure").glob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ARABIC_THEN_CALQUE.search(line)
    ]
    assert found == []
