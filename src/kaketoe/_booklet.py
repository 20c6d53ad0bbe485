"""The booklet: its parts, story, activities, stickers and words, validated.

A booklet is written as YAML per language in ``content/<lang>/workbook/``
(``booklet.yml``, one file per part, ``goodbye.yml``) with the same ids in
every language. The site build turns each language into one JSON document
that the app and this package read back with :func:`booklet_from_json`.

Every problem is reported as a :class:`BookletError` that names the file, the
id of the thing and the field, so a translator knows where to look.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from kaketoe._data import (
    CREST_POSITIONS,
    PART_COLOURS,
    DataError,
    Reader,
    part_file,
    read_yaml,
    unique,
)
from kaketoe._deck import Deck, DeckError, deck_from_json_data, has_deck, load_deck

Kind = Literal["text", "drawing", "feeling", "choice", "people", "photo", "info"]
KINDS: tuple[Kind, ...] = ("text", "drawing", "feeling", "choice", "people", "photo", "info")
BOOKLET_FILE = "booklet.yml"
APP_WORDS_FILE = "app.yml"
ART_FOLDER = "content/assets/images/{stickers,pictures}"
MAX_ART_BYTES = 8 * 1024
GOODBYE_FILE = "goodbye.yml"

# Words the exported booklet and the report print, in the booklet's language.
LABELS = (
    "booklet_for",
    "kaketoe_named",
    "story",
    "answered",
    "skipped",
    "talk",
    "not_yet",
    "shown_to_counselor",
    "not_shown",
    "no_answer",
    "drawing",
    "photo",
    "people_name",
    "people_who",
    "road",
    "stickers",
    "goodbye",
    "guest_memory",
    "guest_wish",
    "guest_contact",
    "family_copy",
    "counselor_copy",
    "counselor_copy_note",
    "made_on",
    "updated_on",
    "page_of_part",
    "question_language",
)
# The words of the app's screens (workbook/web/), from app.yml.
APP_WORDS = (
    "app_title",
    "profiles_title",
    "profiles_intro",
    "new_profile",
    "nickname",
    "nickname_hint",
    "colour",
    "start",
    "delete_profile",
    "delete_gate",
    "delete_confirm",
    "change_profile",
    "change_title",
    "change_save",
    "age_change_note",
    "cancel",
    "home",
    "road_intro",
    "part",
    "story",
    "read_aloud",
    "stop_reading",
    "activities",
    "for_adults",
    "back",
    "skip",
    "talk",
    "done",
    "show_counselor",
    "talk_note",
    "talk_chosen",
    "saved",
    "choose_sticker",
    "sticker_placed",
    "write_here",
    "colours",
    "thickness",
    "thin",
    "thick",
    "eraser",
    "undo",
    "clear",
    "photo_choose",
    "photo_caption",
    "people_add",
    "people_name",
    "people_who",
    "remove",
    "read_done",
    "question",
    "feeling_words",
    "goodbye",
    "guest_add",
    "guest_save",
    "guest_edit",
    "guest_change",
    "guest_remove_question",
    "guest_share_hint",
    "export",
    "export_intro",
    "export_family",
    "export_counselor",
    "export_counselor_shows",
    "export_nothing_shown",
    "plan_point_private",
    "export_ready",
    "import",
    "import_intro",
    "import_preview",
    "import_apply",
    "import_exists",
    "python_loading",
    "python_failed",
    "import_failed",
    "retry",
    "storage_failed",
    "screen_failed",
    "to_start",
    "new_version",
    "update_now",
    "install_ipad",
    "last_export_never",
)
# Words with a form per number (Intl.PluralRules categories; "other" always).
APP_PLURALS = ("last_export_days",)
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Messages for a file that cannot be read back; see kaketoe._import.
MESSAGES = (
    "file-too-large",
    "not-an-export",
    "damaged",
    "checksum",
    "newer-version",
    "unknown-version",
    "other-booklet",
    "bad-content",
    "not-utf-8",
    "too-deep",
    "duplicate-key",
    "out-of-memory",
)


class BookletError(DataError):
    """The booklet's content is wrong somewhere; the message says where."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    picture: str


@dataclass(frozen=True)
class Activity:
    id: str
    kind: Kind
    title: str
    prompt: str
    read_aloud: str
    adult_hint: str = ""
    paragraphs: tuple[str, ...] = ()  # info cards
    options: tuple[Option, ...] = ()  # choice
    multiple: bool = False  # choice
    max_people: int = 0  # people


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    id: str
    name: str  # how the part is called: "Deel A", "الجزء أ"
    colour: str
    title: str
    story: Story
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Feeling:
    id: str
    crest: int
    label: str


@dataclass(frozen=True)
class Sticker:
    id: str
    label: str


@dataclass(frozen=True)
class GuestField:
    id: str
    label: str
    prompt: str


@dataclass(frozen=True)
class Goodbye:
    title: str
    intro: str
    read_aloud: str
    roles: tuple[Option, ...]
    fields: tuple[GuestField, ...]


GUEST_FIELDS = ("name", "memory", "wish", "contact")


@dataclass(frozen=True)
class Booklet:
    id: str
    version: int
    language: str
    direction: str
    title: str
    kaketoe_name_activity: str
    feelings: tuple[Feeling, ...]
    stickers: tuple[Sticker, ...]
    parts: tuple[Part, ...]
    goodbye: Goodbye
    labels: Mapping[str, str] = field(default_factory=dict)
    messages: Mapping[str, str] = field(default_factory=dict)
    # SVG markup of every sticker and picture, by id, so an export carries its art.
    art: Mapping[str, str] = field(default_factory=dict)
    # The words of the app's screens.
    words: Mapping[str, str] = field(default_factory=dict)
    # Words with a form per plural category, e.g. {"last_export_days": {"one": ..., "other": ...}}.
    plurals: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The conversation cards for children of 10 to 13, in the same language (kaketoe._deck).
    deck: Deck | None = None

    def activities(self) -> list[Activity]:
        return [activity for part in self.parts for activity in part.activities]

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities() if a.id == activity_id), None)

    def part_of(self, activity_id: str) -> Part | None:
        return next((p for p in self.parts if any(a.id == activity_id for a in p.activities)), None)


# Reading plain data ------------------------------------------------------------------------


class _Reader(Reader):
    error = BookletError


def _unique(ids: Sequence[str], where: str, what: str) -> None:
    unique(ids, where, what, BookletError)


def _option(data: object, where: str) -> Option:
    reader = _Reader(data, where)
    return Option(
        id=reader.identifier(),
        label=reader.text("label"),
        picture=reader.identifier("picture") if reader.data.get("picture") else "",
    )


def _activity(data: object, where: str) -> Activity:
    reader = _Reader(data, where)
    identifier = reader.identifier()
    where = f"{where} (activity '{identifier}')"
    reader = _Reader(data, where)
    kind = reader.text("kind")
    if kind not in KINDS:
        raise BookletError(where, f"field 'kind' must be one of {', '.join(KINDS)}")
    options: tuple[Option, ...] = ()
    if kind == "choice":
        options = tuple(_option(o, f"{where} > options") for o in reader.items("options"))
        _unique([o.id for o in options], where, "option")
        if any(not o.picture for o in options):
            raise BookletError(where, "every option of a choice needs a 'picture'")
    return Activity(
        id=identifier,
        kind=kind,
        title=reader.text("title"),
        prompt=reader.text("prompt"),
        read_aloud=reader.text("read_aloud"),
        adult_hint=reader.text("adult_hint", optional=True),
        paragraphs=reader.texts("paragraphs") if kind == "info" else (),
        options=options,
        multiple=reader.flag("multiple") if kind == "choice" else False,
        max_people=reader.number("max_people", range(1, 31)) if kind == "people" else 0,
    )


def _part(data: object, where: str) -> Part:
    reader = _Reader(data, where)
    identifier = reader.identifier()
    colour = reader.text("colour")
    if colour not in PART_COLOURS:
        raise BookletError(where, f"field 'colour' must be one of {', '.join(PART_COLOURS)}")
    story = _Reader(reader.data.get("story"), f"{where} > story")
    activities = tuple(_activity(a, where) for a in reader.items("activities"))
    return Part(
        id=identifier,
        name=reader.text("name"),
        colour=colour,
        title=reader.text("title"),
        story=Story(title=story.text("title"), paragraphs=story.texts("paragraphs")),
        activities=activities,
    )


def _goodbye(data: object, where: str) -> Goodbye:
    reader = _Reader(data, where)
    roles = tuple(_option(o, f"{where} > roles") for o in reader.items("roles"))
    fields_reader = _Reader(reader.data.get("fields"), f"{where} > fields")
    fields = []
    for name in GUEST_FIELDS:
        inner = _Reader(fields_reader.data.get(name), f"{where} > fields > {name}")
        fields.append(GuestField(id=name, label=inner.text("label"), prompt=inner.text("prompt")))
    return Goodbye(
        title=reader.text("title"),
        intro=reader.text("intro"),
        read_aloud=reader.text("read_aloud"),
        roles=roles,
        fields=tuple(fields),
    )


def booklet_from_data(
    data: object,
    parts: Sequence[object],
    goodbye: object,
    language: str,
    art: Mapping[str, str],
    words: object,
    where: str = "",
    deck: Deck | None = None,
) -> Booklet:
    """A validated booklet from plain data (as read from YAML or JSON), with its
    language's deck of cards for older children if there is one."""
    where = where or f"content/{language}/workbook"
    reader = _Reader(data, f"{where}/{BOOKLET_FILE}")
    direction = reader.text("direction")
    if direction not in ("ltr", "rtl"):
        raise BookletError(reader.where, "field 'direction' must be ltr or rtl")
    feelings = tuple(
        Feeling(id=r.identifier(), crest=r.number("crest", CREST_POSITIONS), label=r.text("label"))
        for r in (_Reader(f, f"{reader.where} > feelings") for f in reader.items("feelings"))
    )
    stickers = tuple(
        Sticker(id=r.identifier(), label=r.text("label"))
        for r in (_Reader(s, f"{reader.where} > stickers") for s in reader.items("stickers"))
    )
    built_parts = tuple(_part(p, f"{where}/{part_file(p)}") for p in parts)
    booklet = Booklet(
        id=reader.identifier(),
        version=reader.number("version", range(1, 1000)),
        language=language,
        direction=direction,
        title=reader.text("title"),
        kaketoe_name_activity=reader.identifier("kaketoe_name_activity"),
        feelings=feelings,
        stickers=stickers,
        parts=built_parts,
        goodbye=_goodbye(goodbye, f"{where}/{GOODBYE_FILE}"),
        labels=reader.words("labels", LABELS),
        messages=reader.words("messages", MESSAGES),
        art=_checked_art(art, where),
        words=_app_words(words, f"{where}/{APP_WORDS_FILE}"),
        plurals=_app_plurals(words, f"{where}/{APP_WORDS_FILE}"),
        deck=deck,
    )
    _check_whole(booklet, reader.where)
    if deck is not None and deck.direction != direction:
        raise BookletError(reader.where, "the cards are written in another direction")
    return booklet


def _checked_art(art: Mapping[str, str], where: str) -> dict[str, str]:
    checked = {}
    for art_id, svg in art.items():
        lowered = svg.lower()
        if (
            not lowered.lstrip().startswith("<svg")
            or len(svg.encode("utf-8")) > MAX_ART_BYTES
            or any(bad in lowered for bad in ("<script", "href", "url(", "<foreignobject", " on"))
        ):
            raise BookletError(
                where, f"picture '{art_id}' must be a small SVG without scripts or references"
            )
        checked[art_id] = svg
    return checked


def _app_words(data: object, where: str) -> dict[str, str]:
    reader = _Reader(data, where)
    unknown = sorted(set(reader.data) - set(APP_WORDS) - set(APP_PLURALS))
    if unknown:
        raise BookletError(where, f"unknown entries {', '.join(unknown)}")
    return {key: reader.text(key) for key in APP_WORDS}


def _app_plurals(data: object, where: str) -> dict[str, dict[str, str]]:
    reader = _Reader(data, where)
    plurals = {}
    for key in APP_PLURALS:
        forms = _Reader(reader.data.get(key), f"{where} > {key}")
        if "other" not in forms.data or set(forms.data) - set(PLURAL_CATEGORIES):
            raise BookletError(
                forms.where, f"needs an 'other' form, and only {', '.join(PLURAL_CATEGORIES)}"
            )
        plurals[key] = {category: forms.text(category) for category in forms.data}
    return plurals


def _check_whole(booklet: Booklet, where: str) -> None:
    _unique([f.id for f in booklet.feelings], where, "feeling")
    _unique([s.id for s in booklet.stickers], where, "sticker")
    _unique([p.id for p in booklet.parts], where, "part")
    _unique([a.id for a in booklet.activities()], where, "activity")
    if [p.colour for p in booklet.parts] != list(PART_COLOURS):
        raise BookletError(where, "the parts must be purple, green, blue and orange, in order")
    pictures = {o.picture for a in booklet.activities() for o in a.options}
    for art_id in sorted(pictures | {s.id for s in booklet.stickers}):
        if art_id not in booklet.art:
            raise BookletError(where, f"no picture for '{art_id}' in {ART_FOLDER}")
    named = booklet.activity(booklet.kaketoe_name_activity)
    if named is None or named.kind != "text":
        raise BookletError(
            where, "field 'kaketoe_name_activity' must name a text activity of the booklet"
        )


# Files ---------------------------------------------------------------------------------


def load_booklet(content_dir: Path, language: str) -> Booklet:
    """Read and validate ``content/<language>/workbook/``."""
    folder = content_dir / language / "workbook"

    def read(name: str) -> object:
        return read_yaml(folder / name, f"content/{language}/workbook/{name}", BookletError)

    main = read(BOOKLET_FILE)
    part_ids = _Reader(main, f"content/{language}/workbook/{BOOKLET_FILE}").items("parts")
    parts = [read(f"part-{part_id}.yml") for part_id in part_ids]
    art = load_art(content_dir)
    try:
        deck = load_deck(content_dir, language, art) if has_deck(content_dir, language) else None
    except DeckError as error:  # one kind of error for whoever reads a booklet
        raise BookletError(error.where, error.problem) from None
    return booklet_from_data(
        main, parts, read(GOODBYE_FILE), language, art, read(APP_WORDS_FILE), deck=deck
    )


def load_art(content_dir: Path) -> dict[str, str]:
    """Every sticker and picture SVG, by file name without '.svg'."""
    art: dict[str, str] = {}
    for folder in ("stickers", "pictures"):
        for path in sorted((content_dir / "assets" / "images" / folder).glob("*.svg")):
            art.setdefault(path.stem, path.read_text(encoding="utf-8"))
    return art


def booklet_languages(content_dir: Path) -> list[str]:
    """The languages that have a booklet."""
    return sorted(p.parent.parent.name for p in content_dir.glob(f"*/workbook/{BOOKLET_FILE}"))


def booklet_to_json(booklet: Booklet) -> str:
    """The booklet as one JSON document, for the app and the browser's Python."""
    return json.dumps(asdict(booklet), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def booklet_from_json(text: str) -> Booklet:
    """A booklet written by :func:`booklet_to_json`, validated again."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise BookletError("booklet JSON", "expected an object")
    parts = data.get("parts", [])
    goodbye = data.get("goodbye", {})
    if isinstance(goodbye, dict):
        goodbye = {**goodbye, "fields": {f["id"]: f for f in goodbye.get("fields", [])}}
    if isinstance(parts, list):
        parts = [p for p in parts if isinstance(p, dict)]
    art = data.get("art", {})
    if not isinstance(art, dict):
        art = {}
    try:
        deck = None if data.get("deck") is None else deck_from_json_data(data["deck"], art)
    except DeckError as error:
        raise BookletError(error.where, error.problem) from None
    return booklet_from_data(
        {k: v for k, v in data.items() if k != "deck"} | {"parts": [p.get("id") for p in parts]},
        parts,
        goodbye,
        str(data.get("language", "")),
        art,
        {**(data.get("words") or {}), **(data.get("plurals") or {})},
        where="booklet JSON",
        deck=deck,
    )
