"""The conversation cards for children of 10 to 13, and the information for them.

Children of 10 to 13 get cards instead of the story booklet (handbook 4.4): a
card has a theme and a kaketoe picture on its front and 3 to 6 questions on
its back. The deck is written as YAML per language in ``content/<lang>/cards/``
(``deck.yml``, ``part-a.yml`` ... ``part-d.yml``, ``info.yml``, ``words.yml``)
with the same ids in every language; see docs/writing-cards.md.

The deck travels inside its language's booklet (``Booklet.deck``), so all that
is found by language (the app's page, the worker, a file's language) finds
both. Every problem is a :class:`DeckError` that names the file and the thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from kaketoe import _schema as schema
from kaketoe._data import CREST_POSITIONS, PART_COLOURS, PART_IDS, DataError, unique
from kaketoe._schema import Runs, load

DECK_FOLDER = "cards"
DECK_FILE = "deck.yml"
MIN_CARDS = 8
QUESTIONS_PER_CARD = range(3, 7)
INFO_SECTIONS = ("who", "when", "after")
# Words the exported file, the report and the viewer print for a deck.
LABELS = ("cards_for", "plan", "plan_empty", "cards", "important")
# The words of the app's screens for an older child (and the choice of age).
APP_WORDS = (
    "age_group",
    "age_younger",
    "age_older",
    "deck_home",
    "shuffle",
    "shuffle_hint",
    "browse",
    "part_cards",
    "card_front",
    "turn_card",
    "turn_back",
    "choose_questions",
    "your_answer",
    "important",
    "important_hint",
    "another_card",
    "chosen_cards",
    "plan",
    "plan_intro",
    "plan_empty",
    "plan_add",
    "plan_new",
    "plan_save",
    "plan_edit",
    "plan_remove",
    "plan_from",
    "info",
    "info_intro",
)
# The terms and texts of the information may hold a few words in another
# language and script, such as "IOM" in Arabic, written [[en:IOM]]: they are
# kept as runs of (language, words) (kaketoe._schema.Runs), which the site and
# the app mark with their language and direction, as the pages do with <span lang dir>.
MARKED = schema.text(marked=True)


class DeckError(DataError):
    """The deck's content is wrong somewhere; the message says where."""


@dataclass(frozen=True)
class Question:
    id: str = field(metadata=schema.ID)
    text: str = field(metadata=schema.FOR_CHILD)


@dataclass(frozen=True)
class Card:
    id: str = field(metadata=schema.ID)
    theme: str = field(metadata=schema.FOR_CHILD)
    picture: str = field(metadata=schema.ID)  # an SVG of the booklet's art, next to the kaketoe
    crest: int = field(metadata=schema.number(CREST_POSITIONS))  # 0 flat ... 4 straight up
    questions: tuple[Question, ...] = field(metadata=schema.items(Question, "question"))

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        if self.picture not in outer["art"]:
            raise error(where, f"no picture '{self.picture}' in content/assets/images")
        if len(self.questions) not in QUESTIONS_PER_CARD:
            raise error(where, "a card has 3 to 6 questions")
        for question in self.questions:
            if not question.id.startswith(f"{self.id}-"):
                raise error(where, f"question id '{question.id}' must start with the card's")


@dataclass(frozen=True)
class DeckPart:
    DERIVED: ClassVar[tuple[str, ...]] = ("colour",)

    id: str = field(metadata=schema.ID)
    title: str = field(metadata=schema.FOR_CHILD)
    intro: str = field(metadata=schema.FOR_CHILD)
    cards: tuple[Card, ...] = field(metadata=schema.items(Card, "card"))

    @property
    def colour(self) -> str:
        """The colour of the booklet's part with the same id."""
        return PART_COLOURS[PART_IDS.index(self.id)]

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        if len(self.cards) < MIN_CARDS:
            raise error(where, f"a part has at least {MIN_CARDS} cards")


@dataclass(frozen=True)
class InfoItem:
    id: str = field(metadata=schema.ID)
    term: Runs = field(metadata=MARKED)
    text: Runs = field(metadata=MARKED)


@dataclass(frozen=True)
class InfoSection:
    id: str = field(metadata=schema.ID)
    title: str = field(metadata=schema.TEXT)
    items: tuple[InfoItem, ...] = field(metadata=schema.items(InfoItem, "item"))
    paragraphs: tuple[str, ...] = field(default=(), metadata=schema.texts(optional=True))

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        _unmarked(error, where, self.title, *self.paragraphs)


@dataclass(frozen=True)
class Info:
    title: str = field(metadata=schema.TEXT)
    intro: str = field(metadata=schema.TEXT)
    sections: tuple[InfoSection, ...] = field(
        metadata=schema.items(InfoSection, "section", ids=INFO_SECTIONS)
    )

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        _unmarked(error, where, self.title, self.intro)


def _unmarked(error: type[DataError], where: str, *texts: str) -> None:
    """Titles, intros and paragraphs are shown as they are: a mark would show."""
    if any("[[" in text for text in texts):
        raise error(where, "write words in another language as [[en:IOM]] only in items")


@dataclass(frozen=True)
class Deck:
    id: str = field(metadata=schema.ID)
    version: int = field(metadata=schema.number(range(1, 1000)))
    title: str = field(metadata=schema.TEXT)
    intro: tuple[str, ...] = field(metadata=schema.texts(addressed=True))
    parts: tuple[DeckPart, ...] = field(
        metadata=schema.items(DeckPart, "part", ids=PART_IDS, file="part-{id}.yml")
    )
    info: Info = field(metadata=schema.one(Info, file="info.yml"))
    labels: Mapping[str, str] = field(metadata=schema.words(LABELS, file="words.yml", key="labels"))
    words: Mapping[str, str] = field(
        metadata=schema.words(APP_WORDS, file="words.yml", key="app", addressed=True)
    )

    def cards(self) -> list[Card]:
        return [card for part in self.parts for card in part.cards]

    def card(self, card_id: str) -> Card | None:
        return next((card for card in self.cards() if card.id == card_id), None)

    def part_of(self, card_id: str) -> DeckPart | None:
        return next((p for p in self.parts if any(c.id == card_id for c in p.cards)), None)

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        unique([c.id for c in self.cards()], where, "card", error)


def load_deck(content_dir: Path, language: str, art: Mapping[str, str]) -> Deck:
    """Read and validate ``content/<language>/cards/`` on its own (the booklet
    reads it too); the cards' pictures must be in ``art``."""
    where = f"content/{language}/{DECK_FOLDER}/{DECK_FILE}"
    path = content_dir / language / DECK_FOLDER / DECK_FILE
    return load(Deck, path, where, DeckError, outer={"art": art})


def has_deck(content_dir: Path, language: str) -> bool:
    return (content_dir / language / DECK_FOLDER / DECK_FILE).is_file()
