"""The helper in the children's story is a tortoise, never an owl, in every language.

In Arabic, Persian and many African traditions the owl is a bird of ill omen
(content review 2026-12, issue 18), so no text, picture or picture name in
content/ may bring it back. The app's words live there too
(content/<lang>/workbook/app.yml, content/<lang>/cards/words.yml).
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

CONTENT = ROOT / "content"
IMAGES = CONTENT / "assets" / "images"
LANGUAGES = sorted(p.name for p in CONTENT.iterdir() if p.is_dir() and len(p.name) == 2)
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".svg", ".html"}
# Harakat, tanwin, shadda and sukun: removed so a vocalised form is caught too.
DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
# Owl words per language, as whole words: a new language adds its own here.
OWL_WORDS = {
    "nl": re.compile(r"\buil(?:en|tje|tjes)?\b", re.IGNORECASE),
    "en": re.compile(r"\bowl(?:s|et|ets)?\b", re.IGNORECASE),
    # بومة، البومة، البوم، للبومة، والبومة ... (not ألبوم, "album").
    "ar": re.compile(r"(?<!\w)(?:[وفب]?(?:ال|لل)|[وفبل])?بوم(?:ة|ات)?(?!\w)"),
}
# The helper's name in each language's story.
TORTOISE = {"nl": "schildpad", "en": "tortoise", "ar": "السلحفاة"}


def owl_words_in(text: str) -> list[str]:
    plain = DIACRITICS.sub("", text)
    return [hit[0] for pattern in OWL_WORDS.values() for hit in pattern.finditer(plain)]


def test_every_language_lists_its_owl_word_and_its_helper() -> None:
    """Each language in content/ is checked with its own owl word and names its own helper."""
    assert sorted(OWL_WORDS) == LANGUAGES
    assert sorted(TORTOISE) == LANGUAGES


def test_no_text_in_content_names_an_owl() -> None:
    """No page, booklet, card, app word or picture in content/ says owl in any language."""
    found = []
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix in TEXT_SUFFIXES:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found += [f"{path.relative_to(ROOT)}:{number}: {w}" for w in owl_words_in(line)]
    assert found == []


def test_no_picture_is_an_owl() -> None:
    """No picture file in content/assets/images is named after an owl in any language."""
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(IMAGES.rglob("*"))
        if owl_words_in(" ".join(re.split(r"[\W_]+", str(path.relative_to(IMAGES)))))
    ]
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_story_helper_is_the_tortoise(language: str) -> None:
    """The helper who tells the cockatoo what will happen (part C) is the tortoise."""
    story = (CONTENT / language / "workbook" / "part-c.yml").read_text(encoding="utf-8")
    assert TORTOISE[language] in story.split("\nactivities:", 1)[0]


@pytest.mark.parametrize(
    "text",
    [
        "De uil knikt.",
        "twee Uilen",
        "een uiltje",
        "the owl",
        "Owls",
        "البومة",
        "للبومة",
        "وَالْبُومَةُ",
        "بومة",
        "صديق البوم",
    ],
)
def test_the_owl_check_sees_every_form(text: str) -> None:
    """The check catches the owl in each language, plural, small and vocalised forms too."""
    assert owl_words_in(text)


@pytest.mark.parametrize(
    "text",
    ["De kaketoe huilt.", "uitleg", "fluit", "a bowl", "slowly", "knowledge", "ألبوم", "يوم"],
)
def test_the_owl_check_leaves_other_words_alone(text: str) -> None:
    """Words that only contain the letters of an owl word are not taken for an owl."""
    assert owl_words_in(text) == []
