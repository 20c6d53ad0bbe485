# ruff: noqa: RUF001  # the patterns are Arabic words on purpose, not look-alike Latin
"""Words in the children's texts that fit every child and every family.

The Arabic booklet, cards and app words speak of a child's family without
assuming two parents (the handbook warns about children who lost or are
separated from a parent), spell "also" the one right way, and the story in
every language leaves open what the weather is like in the country of return.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

CONTENT = ROOT / "content"
ARABIC_CHILD_TEXTS = sorted(
    [
        *(CONTENT / "ar" / "workbook").glob("*.yml"),
        CONTENT / "ar" / "workbook" / "index.md",
        *(CONTENT / "ar" / "cards").glob("*.yml"),
    ]
)
# Harakat, tanwin, shadda and sukun: removed so a vocalised form is caught too.
DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
# Dual forms for "(your/his/...) two parents": والداك، والديك، الوالدين، أبواك، أبويك ...
PARENTS_DUAL = re.compile(
    r"(?<!\w)(?:[وفل]|لل)?(?:ال)?والد(?:ا|ي|ان|ين)(?:ك|كما|كم|ه|ها|هم|هما)?(?!\w)"
    r"|(?<!\w)(?:[وفل])?أبو(?:ا|ي)(?:ك|كما|كم|ه|ها|هم|هما)(?!\w)"
    r"|(?<!\w)(?:[وفل])?(?:ال)?أبو(?:ان|ين)(?!\w)"
)
# "أيضا" must carry its tanwin, written either before or after the alif.
ALSO_WITHOUT_TANWIN = re.compile(r"أيض(?!ًا)ا(?!ً)")
STORY_FILES = [
    CONTENT / language / "workbook" / f"part-{part}.yml"
    for language in ("nl", "en", "ar")
    for part in "abcd"
] + [CONTENT / language / "cards" / "deck.yml" for language in ("nl", "en", "ar")]
WARM_COUNTRY = re.compile(
    r"warme?\s+(?:land|thuisland|landen)|warm(?:er)?\s+(?:country|homeland|land)"
    r"|kouder\s+dan\s+thuis|colder\s+than\s+(?:at\s+)?home"
    r"|بلد\s+(?:دافئ|حار)|البلد\s+(?:الدافئ|الحار)|أبرد\s+منه\s+في\s+بلده",
    re.IGNORECASE,
)


def lines_matching(paths: list[Path], pattern: re.Pattern[str], *, plain: bool) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = DIACRITICS.sub("", line) if plain else line
            for hit in pattern.finditer(text):
                found.append(f"{path.relative_to(ROOT)}:{number}: {hit[0]}")
    return found


def test_arabic_child_texts_never_assume_two_parents() -> None:
    """No Arabic booklet, card or app text uses a dual form for the child's parents."""
    assert lines_matching(ARABIC_CHILD_TEXTS, PARENTS_DUAL, plain=True) == []


@pytest.mark.parametrize("word", ["والداك يتكلّمان", "مع والدَيك", "اسأل الوالدين", "أبواك"])
def test_the_dual_check_sees_every_form(word: str) -> None:
    """The check for two parents catches vocalised and prefixed forms too."""
    assert PARENTS_DUAL.search(DIACRITICS.sub("", word))


@pytest.mark.parametrize("word", ["أهلك", "والدته", "أبواب", "الوالد"])
def test_the_dual_check_leaves_other_words_alone(word: str) -> None:
    """Family, one parent, and words that only look alike are not taken for the dual."""
    assert not PARENTS_DUAL.search(word)


def test_also_carries_its_tanwin_in_all_arabic_content() -> None:
    """Every Arabic text writes "also" as أيضًا, never as bare أيضا."""
    arabic = sorted(p for p in (CONTENT / "ar").rglob("*") if p.suffix in {".yml", ".md"})
    assert lines_matching(arabic, ALSO_WITHOUT_TANWIN, plain=False) == []


def test_the_story_leaves_the_weather_of_the_home_country_open() -> None:
    """The story and cards never say the country of return is warm (some are cold)."""
    assert lines_matching(STORY_FILES, WARM_COUNTRY, plain=False) == []


# The Arabic letters that stand for A, B, C and D in the old abjad order.
ABJAD = {"a": "أ", "b": "ب", "c": "ج", "d": "د"}


@pytest.mark.parametrize("part", sorted(ABJAD))
def test_arabic_part_names_carry_the_letter_of_the_part(part: str) -> None:
    """An Arabic part is named by the letter that matches A-D, so everyone means one part."""
    text = (CONTENT / "ar" / "workbook" / f"part-{part}.yml").read_text(encoding="utf-8")
    assert f"\nname: الجزء {ABJAD[part]}\n" in text
