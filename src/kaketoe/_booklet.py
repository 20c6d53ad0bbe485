"""The booklet: its parts, story, activities, stickers and words, validated.

A booklet is written as YAML per language in ``content/<lang>/workbook/``
(``booklet.yml``, one file per part, ``goodbye.yml``, ``app.yml``) with the
same ids in every language, and brings that language's cards for older
children (kaketoe._deck). The app build writes each language as one JSON
document (:func:`booklet_to_json`) that the app and this package read back
with :func:`booklet_from_json`. The YAML, the JSON and what must be the same
in every language all follow from the dataclasses below (kaketoe._schema).

Every problem is reported as a :class:`BookletError` that names the file, the
id of the thing and the field, so a translator knows where to look.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from kaketoe import _schema as schema
from kaketoe._data import PART_COLOURS, PART_IDS, DataError, unique
from kaketoe._deck import DECK_FILE, DECK_FOLDER, Deck
from kaketoe._languages import direction
from kaketoe._schema import languages_of, load_language, read, to_data

Kind = Literal["text", "drawing", "feeling", "choice", "people", "photo", "info"]
KINDS: tuple[Kind, ...] = ("text", "drawing", "feeling", "choice", "people", "photo", "info")
WORKBOOK_FOLDER = "workbook"
BOOKLET_FILE = "booklet.yml"
ART_FOLDER = "content/assets/images/{stickers,pictures}"
MAX_ART_BYTES = 8 * 1024

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
# The words of the app's screens (web/workbook/), from app.yml.
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
# The question how the child wants to be addressed, asked with a new profile in
# a language whose texts for the child have forms for a girl and a boy (app.yml,
# under "address"): the question, its hint, and a button per choice.
ADDRESS_WORDS = ("question", "hint", "girl", "boy", "neutral")
# Words with a form per number (Intl.PluralRules categories; "other" always).
APP_PLURALS = ("last_export_days",)
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


CHOICE = ("kind", ("choice",))


@dataclass(frozen=True)
class Option:
    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.FOR_CHILD)
    picture: str = field(default="", metadata=schema.identifier(optional=True))


@dataclass(frozen=True)
class Activity:
    id: str = field(metadata=schema.ID)
    kind: Kind = field(metadata=schema.choice(KINDS))
    title: str = field(metadata=schema.FOR_CHILD)
    prompt: str = field(metadata=schema.FOR_CHILD)
    read_aloud: str = field(metadata=schema.FOR_CHILD)
    # For the adult beside the child: one text, never in forms for a girl and a boy.
    adult_hint: str = field(default="", metadata=schema.text(optional=True))
    paragraphs: tuple[str, ...] = field(
        default=(), metadata=schema.texts(addressed=True, when=("kind", ("info",)))
    )
    options: tuple[Option, ...] = field(
        default=(), metadata=schema.items(Option, "option", when=CHOICE)
    )
    multiple: bool = field(default=False, metadata=schema.flag(when=CHOICE))
    max_people: int = field(
        default=0, metadata=schema.number(range(1, 31), when=("kind", ("people",)))
    )

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        if any(not option.picture for option in self.options):
            raise error(where, "every option of a choice needs a 'picture'")


@dataclass(frozen=True)
class Story:
    title: str = field(metadata=schema.FOR_CHILD)
    paragraphs: tuple[str, ...] = field(metadata=schema.texts(addressed=True))


@dataclass(frozen=True)
class Part:
    id: str = field(metadata=schema.ID)
    name: str = field(metadata=schema.TEXT)  # how the part is called: "Deel A", "الجزء أ"
    colour: str = field(metadata=schema.choice(PART_COLOURS))
    title: str = field(metadata=schema.FOR_CHILD)
    story: Story = field(metadata=schema.one(Story))
    activities: tuple[Activity, ...] = field(metadata=schema.items(Activity, "activity"))


@dataclass(frozen=True)
class Feeling:
    """A feeling of the picker; the app draws the kaketoe showing it by its id
    (web/workbook/kaketoe-art.js)."""

    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.FOR_CHILD)


@dataclass(frozen=True)
class Sticker:
    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.TEXT)


@dataclass(frozen=True)
class GuestField:
    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.TEXT)
    prompt: str = field(metadata=schema.TEXT)


GUEST_FIELDS = ("name", "memory", "wish", "contact")


@dataclass(frozen=True)
class Goodbye:
    # Friends and teachers write these pages: the texts speak to them, in one text.
    title: str = field(metadata=schema.TEXT)
    intro: str = field(metadata=schema.TEXT)
    read_aloud: str = field(metadata=schema.TEXT)
    roles: tuple[Option, ...] = field(metadata=schema.items(Option, "role"))
    # In the YAML a mapping of id -> field; in the JSON a list, as the app reads it.
    fields: tuple[GuestField, ...] = field(
        metadata=schema.items(GuestField, "field", ids=GUEST_FIELDS, keyed=True)
    )


@dataclass(frozen=True)
class Booklet:
    SOURCE: ClassVar[str] = f"{WORKBOOK_FOLDER}/{BOOKLET_FILE}"
    DERIVED: ClassVar[tuple[str, ...]] = ("direction",)

    id: str = field(metadata=schema.ID)
    version: int = field(metadata=schema.number(range(1, 1000)))
    language: str = field(metadata=schema.LANGUAGE)
    title: str = field(metadata=schema.TEXT)
    kaketoe_name_activity: str = field(metadata=schema.ID)
    feelings: tuple[Feeling, ...] = field(metadata=schema.items(Feeling, "feeling"))
    stickers: tuple[Sticker, ...] = field(metadata=schema.items(Sticker, "sticker"))
    parts: tuple[Part, ...] = field(
        metadata=schema.items(Part, "part", ids=PART_IDS, file="part-{id}.yml")
    )
    goodbye: Goodbye = field(metadata=schema.one(Goodbye, file="goodbye.yml"))
    labels: Mapping[str, str] = field(default_factory=dict, metadata=schema.words(LABELS))
    messages: Mapping[str, str] = field(default_factory=dict, metadata=schema.words(MESSAGES))
    # SVG markup of every sticker and picture, by id, so an export carries its art.
    art: Mapping[str, str] = field(default_factory=dict, metadata=schema.MARKUP)
    # The words of the app's screens.
    words: Mapping[str, str] = field(
        default_factory=dict, metadata=schema.words(APP_WORDS, file="app.yml", addressed=True)
    )
    # The question how the child wants to be addressed; only in a language whose
    # texts for the child have forms for a girl and a boy (and there it must be).
    address: Mapping[str, str] = field(
        default_factory=dict,
        metadata=schema.words(ADDRESS_WORDS, file="app.yml", key="address", optional=True),
    )
    # Words with a form per plural category, e.g. {"last_export_days": {"one": ..., "other": ...}}.
    plurals: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict, metadata=schema.plurals(APP_PLURALS, file="app.yml")
    )
    # The conversation cards for children of 10 to 13, in the same language (kaketoe._deck).
    deck: Deck | None = field(
        default=None,
        metadata=schema.one(Deck, file=f"../{DECK_FOLDER}/{DECK_FILE}", optional=True),
    )

    @property
    def direction(self) -> str:
        """How the booklet's language is written: "ltr" or "rtl" (kaketoe._languages)."""
        return direction(self.language)

    def activities(self) -> list[Activity]:
        return [activity for part in self.parts for activity in part.activities]

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities() if a.id == activity_id), None)

    def part_of(self, activity_id: str) -> Part | None:
        return next((p for p in self.parts if any(a.id == activity_id for a in p.activities)), None)

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        unique([a.id for a in self.activities()], where, "activity", error)
        if [p.colour for p in self.parts] != list(PART_COLOURS):
            raise error(where, "the parts must be purple, green, blue and orange, in order")
        for art_id, svg in self.art.items():
            lowered = svg.lower()
            if (
                not lowered.lstrip().startswith("<svg")
                or len(svg.encode("utf-8")) > MAX_ART_BYTES
                or any(
                    bad in lowered for bad in ("<script", "href", "url(", "<foreignobject", " on")
                )
            ):
                raise error(
                    where, f"picture '{art_id}' must be a small SVG without scripts or references"
                )
        pictures = {o.picture for a in self.activities() for o in a.options}
        for art_id in sorted(pictures | {s.id for s in self.stickers}):
            if art_id not in self.art:
                raise error(where, f"no picture for '{art_id}' in {ART_FOLDER}")
        named = self.activity(self.kaketoe_name_activity)
        if named is None or named.kind != "text":
            raise error(
                where, "field 'kaketoe_name_activity' must name a text activity of the booklet"
            )
        if isinstance(self.words.get("app_title"), schema.ChildText):
            # The page's title is written before anyone chose a profile.
            raise error(where, "the app's title 'app_title' is one text, not in forms")
        in_forms = schema.child_texts(self)
        if in_forms and not self.address:
            raise error(
                where,
                f"'{in_forms[0]}' is written in forms for a girl and a boy: app.yml then"
                " needs the question how the child is addressed, under 'address'",
            )
        if self.address and not in_forms:
            raise error(
                where,
                "app.yml asks how the child is addressed, but no text has forms for a girl"
                " and a boy: leave 'address' out",
            )


# Files ---------------------------------------------------------------------------------


def load_booklet(content_dir: Path, language: str) -> Booklet:
    """Read and validate ``content/<language>/workbook/``, with the cards of
    ``content/<language>/cards/`` when that language has them."""
    art = load_art(content_dir)
    return load_language(Booklet, content_dir, language, BookletError, given={"art": art})


def load_art(content_dir: Path) -> dict[str, str]:
    """Every sticker and picture SVG, by file name without '.svg'."""
    art: dict[str, str] = {}
    for folder in ("stickers", "pictures"):
        for path in sorted((content_dir / "assets" / "images" / folder).glob("*.svg")):
            art.setdefault(path.stem, path.read_text(encoding="utf-8"))
    return art


def booklet_languages(content_dir: Path) -> list[str]:
    """The languages that have a booklet."""
    return languages_of(Booklet, content_dir)


def booklet_to_json(booklet: Booklet) -> str:
    """The booklet as one JSON document, for the app and the browser's Python."""
    return json.dumps(to_data(booklet), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def booklet_from_json(text: str) -> Booklet:
    """A booklet written by :func:`booklet_to_json`, validated again."""
    return read(Booklet, json.loads(text), "booklet JSON", BookletError)
