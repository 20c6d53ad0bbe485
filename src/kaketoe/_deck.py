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

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kaketoe._data import (
    CREST_POSITIONS,
    PART_COLOURS,
    DataError,
    Reader,
    part_file,
    read_yaml,
    unique,
)

DECK_FOLDER = "cards"
DECK_FILE = "deck.yml"
INFO_FILE = "info.yml"
WORDS_FILE = "words.yml"
PART_IDS = ("a", "b", "c", "d")  # coloured as the booklet's parts (PART_COLOURS)
MIN_CARDS = 8
QUESTIONS_PER_CARD = range(3, 7)
INFO_SECTIONS = ("who", "when", "after")
# A few words in another language and script inside the information, such as
# "IOM" in Arabic, are written [[en:IOM]]: the site and the app mark them with
# their language and direction, as the pages do with <span lang dir>.
FOREIGN = re.compile(r"\[\[([a-z]{2}):([^\[\]]+)\]\]")
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


class DeckError(DataError):
    """The deck's content is wrong somewhere; the message says where."""


class _Reader(Reader):
    error = DeckError


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Card:
    id: str
    theme: str
    picture: str  # an SVG of the booklet's art, next to the kaketoe on the front
    crest: int  # the kaketoe's crest on the front: 0 flat ... 4 straight up
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class DeckPart:
    id: str
    colour: str
    title: str
    intro: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class InfoItem:
    id: str
    term: str
    text: str


@dataclass(frozen=True)
class InfoSection:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    items: tuple[InfoItem, ...]


@dataclass(frozen=True)
class Info:
    title: str
    intro: str
    sections: tuple[InfoSection, ...]


@dataclass(frozen=True)
class Deck:
    id: str
    version: int
    direction: str
    title: str
    intro: tuple[str, ...]
    parts: tuple[DeckPart, ...]
    info: Info
    labels: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)

    def cards(self) -> list[Card]:
        return [card for part in self.parts for card in part.cards]

    def card(self, card_id: str) -> Card | None:
        return next((card for card in self.cards() if card.id == card_id), None)

    def part_of(self, card_id: str) -> DeckPart | None:
        return next((p for p in self.parts if any(c.id == card_id for c in p.cards)), None)


# Reading plain data ------------------------------------------------------------------------


def _unique(ids: Sequence[str], where: str, what: str) -> None:
    unique(ids, where, what, DeckError)


def _card(data: object, where: str, art: Mapping[str, str]) -> Card:
    identifier = _Reader(data, where).identifier()
    reader = _Reader(data, f"{where} (card '{identifier}')")
    reader.only(("id", "theme", "picture", "crest", "questions"))
    picture = reader.identifier("picture")
    if picture not in art:
        raise DeckError(reader.where, f"no picture '{picture}' in content/assets/images")
    questions = []
    for number, item in enumerate(reader.items("questions"), start=1):
        entry = _Reader(item, f"{reader.where} > question {number}")
        entry.only(("id", "text"))
        questions.append(Question(id=entry.identifier(), text=entry.text("text")))
    if len(questions) not in QUESTIONS_PER_CARD:
        raise DeckError(reader.where, "a card has 3 to 6 questions")
    for question in questions:
        if not question.id.startswith(f"{identifier}-"):
            raise DeckError(reader.where, f"question id '{question.id}' must start with the card's")
    _unique([q.id for q in questions], reader.where, "question")
    return Card(
        id=identifier,
        theme=reader.text("theme"),
        picture=picture,
        crest=reader.number("crest", CREST_POSITIONS),
        questions=tuple(questions),
    )


def _part(data: object, where: str, art: Mapping[str, str]) -> DeckPart:
    reader = _Reader(data, where)
    reader.only(("id", "title", "intro", "cards", "colour"))
    identifier = reader.identifier()
    if identifier not in PART_IDS:
        raise DeckError(where, f"field 'id' must be one of {', '.join(PART_IDS)}")
    cards = tuple(_card(card, where, art) for card in reader.items("cards"))
    if len(cards) < MIN_CARDS:
        raise DeckError(where, f"a part has at least {MIN_CARDS} cards")
    return DeckPart(
        id=identifier,
        colour=PART_COLOURS[PART_IDS.index(identifier)],
        title=reader.text("title"),
        intro=reader.text("intro"),
        cards=cards,
    )


def text_runs(text: str) -> list[tuple[str, str]]:
    """The text as runs of (language, words); the language is "" for the text's own."""
    runs: list[tuple[str, str]] = []
    at = 0
    for found in FOREIGN.finditer(text):
        if found.start() > at:
            runs.append(("", text[at : found.start()]))
        runs.append((found.group(1), found.group(2)))
        at = found.end()
    if at < len(text):
        runs.append(("", text[at:]))
    return runs


def _marked(reader: _Reader, name: str) -> str:
    """A text of the information, whose words in another language are well marked."""
    value = reader.text(name)
    rest = FOREIGN.sub("", value)
    if "[[" in rest or "]]" in rest:
        raise DeckError(reader.where, f"field '{name}': write other words as [[en:IOM]]")
    return value


def _info(data: object, where: str) -> Info:
    reader = _Reader(data, where)
    reader.only(("title", "intro", "sections"))
    sections = []
    for item in reader.items("sections"):
        section = _Reader(item, f"{where} > section")
        section.only(("id", "title", "paragraphs", "items"))
        section_id = section.identifier()
        inner = f"{where} > section '{section_id}'"
        entries = []
        for entry in _Reader(item, inner).items("items"):
            entry_reader = _Reader(entry, f"{inner} > item")
            entry_reader.only(("id", "term", "text"))
            entries.append(
                InfoItem(
                    id=entry_reader.identifier(),
                    term=_marked(entry_reader, "term"),
                    text=_marked(entry_reader, "text"),
                )
            )
        _unique([e.id for e in entries], inner, "item")
        sections.append(
            InfoSection(
                id=section_id,
                title=section.text("title"),
                paragraphs=section.texts("paragraphs") if section.data.get("paragraphs") else (),
                items=tuple(entries),
            )
        )
    if tuple(s.id for s in sections) != INFO_SECTIONS:
        raise DeckError(where, f"the sections are {', '.join(INFO_SECTIONS)}, in this order")
    return Info(title=reader.text("title"), intro=reader.text("intro"), sections=tuple(sections))


def deck_from_data(
    data: object,
    parts: Sequence[object],
    info: object,
    words: object,
    art: Mapping[str, str],
    where: str,
) -> Deck:
    """A validated deck from plain data (as read from YAML or JSON)."""
    reader = _Reader(data, f"{where}/{DECK_FILE}")
    reader.only(
        ("id", "version", "direction", "title", "intro", "parts", "info", "words", "labels")
    )
    direction = reader.text("direction")
    if direction not in ("ltr", "rtl"):
        raise DeckError(reader.where, "field 'direction' must be ltr or rtl")
    built = tuple(_part(part, f"{where}/{part_file(part)}", art) for part in parts)
    if tuple(p.id for p in built) != PART_IDS:
        raise DeckError(reader.where, "the parts are a, b, c and d, in this order")
    words_reader = _Reader(words, f"{where}/{WORDS_FILE}")
    words_reader.only(("labels", "app"))
    deck = Deck(
        id=reader.identifier(),
        version=reader.number("version", range(1, 1000)),
        direction=direction,
        title=reader.text("title"),
        intro=reader.texts("intro"),
        parts=built,
        info=_info(info, f"{where}/{INFO_FILE}"),
        labels=words_reader.words("labels", LABELS),
        words=words_reader.words("app", APP_WORDS),
    )
    _unique([c.id for c in deck.cards()], reader.where, "card")
    return deck


def deck_from_json_data(data: object, art: Mapping[str, str]) -> Deck:
    """A deck as :func:`dataclasses.asdict` wrote it into the booklet's JSON, validated again."""
    if not isinstance(data, dict):
        raise DeckError("deck JSON", "expected an object")
    parts = [p for p in data.get("parts", []) if isinstance(p, dict)]
    main = {k: v for k, v in data.items() if k not in ("info", "words", "labels")}
    return deck_from_data(
        {**main, "parts": [p.get("id") for p in parts]},
        parts,
        data.get("info"),
        {"labels": data.get("labels"), "app": data.get("words")},
        art,
        where="deck JSON",
    )


# Files ---------------------------------------------------------------------------------


def has_deck(content_dir: Path, language: str) -> bool:
    return (content_dir / language / DECK_FOLDER / DECK_FILE).is_file()


def load_deck(content_dir: Path, language: str, art: Mapping[str, str]) -> Deck:
    """Read and validate ``content/<language>/cards/``."""
    where = f"content/{language}/{DECK_FOLDER}"
    folder = content_dir / language / DECK_FOLDER

    def read(name: str) -> Any:
        return read_yaml(folder / name, f"{where}/{name}", DeckError)

    main = read(DECK_FILE)
    part_ids = _Reader(main, f"{where}/{DECK_FILE}").items("parts")
    parts = [read(f"part-{part_id}.yml") for part_id in part_ids]
    return deck_from_data(main, parts, read(INFO_FILE), read(WORDS_FILE), art, where)


def deck_shape(deck: Deck) -> dict[str, Any]:
    """Everything about a deck that must not change with its language."""
    return {
        "deck id and version": (deck.id, deck.version),
        "intro paragraphs": len(deck.intro),
        **{
            f"cards of part {part.id}": [
                (card.id, card.picture, card.crest, [q.id for q in card.questions])
                for card in part.cards
            ]
            for part in deck.parts
        },
        "information": [
            (s.id, len(s.paragraphs), [item.id for item in s.items]) for s in deck.info.sections
        ],
    }
