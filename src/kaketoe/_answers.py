"""A child's answers: one typed value per kind, their state, and the stickers they earn.

Answers are keyed by activity id, never by text, so a booklet can be read in
another language. Every value coming from outside (the app, a file) goes
through :func:`answer_from_data`, which accepts only what the activity's kind
allows and raises :class:`AnswerError` for anything else.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from kaketoe._booklet import Activity, Booklet
from kaketoe._card_answers import (
    CardAnswer,
    PlanPoint,
    card_answer_to_data,
    cards_from_data,
    plan_point_to_data,
)
from kaketoe._checks import (
    MAX_TEXT,
    STATES,
    AnswerError,
    State,
    flag,
    known_keys,
    mapping,
    timestamp,
)
from kaketoe._checks import name as name_of
from kaketoe._checks import text as text_of
from kaketoe._deck import Deck
from kaketoe._schema import CHILD_ADDRESSES

# What the child works in: the story booklet (6-9) or the conversation cards (10-13).
Material = Literal["booklet", "cards"]
MATERIALS: tuple[Material, ...] = ("booklet", "cards")
# The colours a child picks from for the profile: the name (as the file has
# it) and how the app paints it.
PROFILE_COLOUR_VALUES = {
    "purple": "#e6dcf5",
    "green": "#dcefdc",
    "blue": "#dce8f7",
    "orange": "#fbe3cc",
    "red": "#f7d9d9",
    "yellow": "#fff3c4",
    "pink": "#f9dcec",
    "teal": "#d4efec",
}
PROFILE_COLOURS = tuple(PROFILE_COLOUR_VALUES)
# How the child wants to be addressed, in a language whose texts for the child
# have forms for a girl and a boy (kaketoe._schema.ChildText). Not chosen: the
# neutral form; the file then has no "addressed_as".
PROFILE_ADDRESSES = CHILD_ADDRESSES
# An activity done, or kept for a talk, earns a sticker; skipping one costs nothing.
STICKER_STATES = ("answered", "talk")

MAX_SHORT_TEXT = 200  # a name, a caption, a few words with a feeling
MAX_IMAGE_BYTES = 4 * 1024 * 1024  # one drawing or photo, decoded
MAX_GUESTS = 60
MAX_NICKNAME = 40
IMAGE_TYPES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
_DATA_URL = re.compile(r"^data:(image/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$")


@dataclass(frozen=True)
class Image:
    """A PNG drawing or a JPEG/PNG photo, kept as a data URL."""

    media_type: str
    data: bytes

    @property
    def data_url(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Person:
    name: str
    who: str


@dataclass(frozen=True)
class Answer:
    """What the child did with one activity."""

    activity: str
    state: State
    share: bool  # the child lets the counselor see it
    updated: str  # ISO 8601
    text: str = ""  # text; a few words with a feeling; a photo caption; an info question
    image: Image | None = None  # drawing, photo
    feeling: str = ""
    chosen: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    read: bool = False  # info


@dataclass(frozen=True)
class Guest:
    """One goodbye page, written by a friend or teacher. It belongs to the child,
    who decides whether the counselor may see it; unshared is the default."""

    id: str
    role: str
    name: str
    memory: str
    wish: str
    contact: str  # never in the counselor's copy
    updated: str
    share: bool = False  # the child lets the counselor see this page (without its contact)


@dataclass(frozen=True)
class PlacedSticker:
    """A sticker the child put on the road, at a station (an activity id)."""

    sticker: str
    station: str


@dataclass(frozen=True)
class Profile:
    nickname: str
    colour: str
    addressed_as: str = ""  # "girl", "boy", or "" (not chosen: the neutral form)


@dataclass(frozen=True)
class Workbook:
    """Everything one child made: in the booklet (answers, stickers) or with the
    cards (card answers, plan points); goodbye pages in both."""

    # What the child works in, as the file names it: the booklet, or for cards the deck.
    material_id: str
    material_version: int
    language: str
    profile: Profile
    answers: Mapping[str, Answer] = field(default_factory=dict)
    stickers: tuple[PlacedSticker, ...] = ()
    guests: tuple[Guest, ...] = ()
    material: Material = "booklet"
    cards: Mapping[str, CardAnswer] = field(default_factory=dict)
    plan: tuple[PlanPoint, ...] = ()

    def kaketoe_name(self, booklet: Booklet) -> str:
        answer = self.answers.get(booklet.kaketoe_name_activity)
        return answer.text if answer and answer.state == "answered" else ""


def material_of(booklet: Booklet, material: Material) -> Booklet | Deck | None:
    """What a workbook of ``material`` is made for, in ``booklet``'s language: the
    booklet itself, or the deck of cards it brings (None: no cards in this language).
    Its ``id`` and ``version`` are what a file names as its material."""
    return booklet.deck if material == "cards" else booklet


# From plain data -----------------------------------------------------------------------


def image_from_data_url(value: object, where: str) -> Image:
    if not isinstance(value, str):
        raise AnswerError(where, "must be an image")
    match = _DATA_URL.match(value)
    if match is None:
        raise AnswerError(where, "must be a PNG or JPEG image")
    if len(match.group(2)) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise AnswerError(where, "image is too large")
    try:
        data = base64.b64decode(match.group(2), validate=True)
    except (binascii.Error, ValueError):
        raise AnswerError(where, "image is damaged") from None
    if not data.startswith(IMAGE_TYPES[match.group(1)]):
        raise AnswerError(where, "image is not what it says it is")
    return Image(media_type=match.group(1), data=data)


def answer_from_data(booklet: Booklet, data: object) -> Answer:
    """A validated answer from plain data as the app stores it."""
    record = mapping(data, "answer")
    activity_id = record.get("activity")
    activity = booklet.activity(activity_id) if isinstance(activity_id, str) else None
    if activity is None:
        raise AnswerError("answer", f"no activity '{activity_id}' in this booklet")
    where = f"answer '{activity.id}'"
    known_keys(record, ("activity", "state", "share", "updated", "value"), where)
    state = record.get("state")
    if state not in STATES:
        raise AnswerError(where, f"state must be one of {', '.join(STATES)}")
    share = flag(record, "share", where)
    updated = timestamp(record.get("updated"), f"{where} updated")
    if state != "answered":
        if record.get("value") not in (None, {}):
            raise AnswerError(where, "a skipped answer holds no value")
        return Answer(activity=activity.id, state=state, share=share, updated=updated)
    value = mapping(record.get("value"), f"{where} value")
    return Answer(
        activity=activity.id,
        state="answered",
        share=share,
        updated=updated,
        **_value(activity, value, booklet, f"{where} value"),
    )


def _value(activity: Activity, value: Mapping[str, Any], booklet: Booklet, where: str) -> Any:
    kind = activity.kind
    if kind == "text":
        known_keys(value, ("text",), where)
        return {"text": text_of(value.get("text"), where, MAX_TEXT, required=True)}
    if kind == "drawing":
        known_keys(value, ("image",), where)
        image = image_from_data_url(value.get("image"), where)
        if image.media_type != "image/png":
            raise AnswerError(where, "a drawing is a PNG image")
        return {"image": image}
    if kind == "photo":
        known_keys(value, ("image", "caption"), where)
        return {
            "image": image_from_data_url(value.get("image"), where),
            "text": text_of(value.get("caption"), where, MAX_SHORT_TEXT),
        }
    if kind == "feeling":
        known_keys(value, ("feeling", "words"), where)
        feeling = value.get("feeling")
        if feeling not in [f.id for f in booklet.feelings]:  # a list: the value may be unhashable
            raise AnswerError(where, f"no feeling '{feeling}' in this booklet")
        return {"feeling": feeling, "text": text_of(value.get("words"), where, MAX_SHORT_TEXT)}
    if kind == "choice":
        known_keys(value, ("chosen",), where)
        chosen = value.get("chosen")
        options = [option.id for option in activity.options]
        if (
            not isinstance(chosen, list)
            or not chosen
            or any(c not in options for c in chosen)
            or len(set(chosen)) != len(chosen)
        ):
            raise AnswerError(where, "must choose one or more of the activity's options")
        if len(chosen) > 1 and not activity.multiple:
            raise AnswerError(where, "this activity allows one choice")
        return {"chosen": tuple(c for c in options if c in chosen)}
    if kind == "people":
        known_keys(value, ("people",), where)
        people = value.get("people")
        if not isinstance(people, list) or not people or len(people) > activity.max_people:
            raise AnswerError(where, f"must name 1 to {activity.max_people} people")
        named = []
        for index, person in enumerate(people):
            entry = mapping(person, f"{where} person {index + 1}")
            known_keys(entry, ("name", "who"), where)
            named.append(
                Person(
                    name=text_of(entry.get("name"), where, MAX_SHORT_TEXT, required=True),
                    who=text_of(entry.get("who"), where, MAX_SHORT_TEXT),
                )
            )
        return {"people": tuple(named)}
    # info
    known_keys(value, ("read", "question"), where)
    if value.get("read") is not True:
        raise AnswerError(where, "an information card is answered by reading it")
    return {"read": True, "text": text_of(value.get("question"), where, MAX_TEXT)}


def answer_to_data(answer: Answer, booklet: Booklet) -> dict[str, Any]:
    """Plain data for an answer, the inverse of :func:`answer_from_data`."""
    record: dict[str, Any] = {
        "activity": answer.activity,
        "state": answer.state,
        "share": answer.share,
        "updated": answer.updated,
    }
    if answer.state != "answered":
        return record
    activity = booklet.activity(answer.activity)
    kind = activity.kind if activity else "text"
    image = answer.image.data_url if answer.image else None
    values: dict[str, dict[str, Any]] = {
        "text": {"text": answer.text},
        "drawing": {"image": image},
        "photo": {"image": image, "caption": answer.text},
        "feeling": {"feeling": answer.feeling, "words": answer.text},
        "choice": {"chosen": list(answer.chosen)},
        "people": {"people": [{"name": p.name, "who": p.who} for p in answer.people]},
        "info": {"read": True, "question": answer.text},
    }
    record["value"] = values[kind]
    return record


def guest_from_data(booklet: Booklet, data: object, index: int) -> Guest:
    where = f"goodbye page {index + 1}"
    record = mapping(data, where)
    known_keys(
        record, ("id", "role", "name", "memory", "wish", "contact", "updated", "share"), where
    )
    role = record.get("role")
    if role not in [r.id for r in booklet.goodbye.roles]:
        raise AnswerError(where, f"no role '{role}' in this booklet")
    identifier = text_of(record.get("id"), where, 64, required=True)
    return Guest(
        id=identifier,
        role=str(role),
        name=text_of(record.get("name"), where, MAX_SHORT_TEXT, required=True),
        memory=text_of(record.get("memory"), where, MAX_TEXT),
        wish=text_of(record.get("wish"), where, MAX_TEXT),
        contact=text_of(record.get("contact"), where, MAX_SHORT_TEXT * 2),
        updated=timestamp(record.get("updated"), f"{where} updated"),
        share=flag(record, "share", where),  # absent in files made before the choice existed
    )


def guest_to_data(guest: Guest) -> dict[str, Any]:
    """Plain data for a goodbye page; ``share`` is written only when it is true,
    so a page the child keeps to the family reads the same in older apps."""
    record: dict[str, Any] = {
        "id": guest.id,
        "role": guest.role,
        "name": guest.name,
        "memory": guest.memory,
        "wish": guest.wish,
        "contact": guest.contact,
        "updated": guest.updated,
    }
    if guest.share:
        record["share"] = True
    return record


def workbook_from_data(booklet: Booklet, data: object) -> Workbook:
    """A whole workbook from plain data; the booklet must be the one it was made for
    (for cards: the booklet of the language, which holds the deck)."""
    record = mapping(data, "workbook")
    known_keys(
        record,
        ("material", "profile", "answers", "stickers", "guests", "cards", "plan"),
        "workbook",
    )
    material = record.get("material", "booklet")
    if material not in MATERIALS:
        raise AnswerError("workbook", f"material must be one of {', '.join(MATERIALS)}")
    if material == "cards":
        return _cards_workbook(booklet, record)
    if record.get("cards") or record.get("plan"):
        raise AnswerError("workbook", "a booklet holds no cards or plan points")
    answers_data = record.get("answers", [])
    if not isinstance(answers_data, list):
        raise AnswerError("answers", "must be a list")
    answers: dict[str, Answer] = {}
    for item in answers_data:
        answer = answer_from_data(booklet, item)
        if answer.activity in answers:
            raise AnswerError(f"answer '{answer.activity}'", "is given twice")
        answers[answer.activity] = answer
    workbook = Workbook(
        material_id=booklet.id,
        material_version=booklet.version,
        language=booklet.language,
        profile=_profile(record),
        answers=answers,
        stickers=(),
        guests=_guests(booklet, record.get("guests", [])),
    )
    return _with_stickers(workbook, booklet, record.get("stickers", []))


def _profile(record: Mapping[str, Any]) -> Profile:
    profile = mapping(record.get("profile"), "profile")
    known_keys(profile, ("nickname", "colour", "addressed_as"), "profile")
    colour = profile.get("colour")
    if colour not in PROFILE_COLOURS:
        raise AnswerError("profile", f"colour must be one of {', '.join(PROFILE_COLOURS)}")
    # Absent in files made before the choice existed, and when nothing was chosen.
    addressed_as = profile.get("addressed_as", "")
    if "addressed_as" in profile and addressed_as not in PROFILE_ADDRESSES:
        raise AnswerError(
            "profile",
            f"addressed_as must be one of {', '.join(PROFILE_ADDRESSES)}, or left out",
        )
    return Profile(
        nickname=name_of(profile.get("nickname"), "profile nickname", MAX_NICKNAME),
        colour=str(colour),
        addressed_as=str(addressed_as),
    )


def _guests(booklet: Booklet, data: object) -> tuple[Guest, ...]:
    if not isinstance(data, list) or len(data) > MAX_GUESTS:
        raise AnswerError("goodbye pages", f"must be a list of at most {MAX_GUESTS}")
    return tuple(guest_from_data(booklet, g, i) for i, g in enumerate(data))


def _cards_workbook(booklet: Booklet, record: Mapping[str, Any]) -> Workbook:
    deck = material_of(booklet, "cards")
    if not isinstance(deck, Deck):
        raise AnswerError("workbook", "there are no cards in this language")
    if record.get("answers") or record.get("stickers"):
        raise AnswerError("workbook", "cards hold no answers or stickers of the booklet")
    cards, plan = cards_from_data(deck, record.get("cards", []), record.get("plan", []))
    return Workbook(
        material_id=deck.id,
        material_version=deck.version,
        language=booklet.language,
        profile=_profile(record),
        guests=_guests(booklet, record.get("guests", [])),
        material="cards",
        cards=cards,
        plan=plan,
    )


def _with_stickers(workbook: Workbook, booklet: Booklet, data: object) -> Workbook:
    if not isinstance(data, list):
        raise AnswerError("stickers", "must be a list")
    sticker_ids = [s.id for s in booklet.stickers]
    placed = []
    stations: set[str] = set()
    for index, item in enumerate(data):
        entry = mapping(item, f"sticker {index + 1}")
        known_keys(entry, ("sticker", "station"), f"sticker {index + 1}")
        sticker, station = entry.get("sticker"), entry.get("station")
        if sticker not in sticker_ids:
            raise AnswerError(f"sticker {index + 1}", f"no sticker '{sticker}' in this booklet")
        if not isinstance(station, str) or station in stations:
            raise AnswerError(f"sticker {index + 1}", "needs a station of its own")
        answer = workbook.answers.get(station)
        if answer is None or not earns_sticker(answer):
            raise AnswerError(f"sticker {index + 1}", f"station '{station}' has not earned it")
        stations.add(station)
        placed.append(PlacedSticker(sticker=str(sticker), station=station))
    return replace(workbook, stickers=tuple(placed))


def workbook_to_data(workbook: Workbook, booklet: Booklet) -> dict[str, Any]:
    profile: dict[str, str] = {
        "nickname": workbook.profile.nickname,
        "colour": workbook.profile.colour,
    }
    if workbook.profile.addressed_as:  # left out when not chosen: older apps read the file
        profile["addressed_as"] = workbook.profile.addressed_as
    data: dict[str, Any] = {"material": workbook.material, "profile": profile}
    if workbook.material == "cards":
        data["cards"] = [card_answer_to_data(c) for c in workbook.cards.values()]
        data["plan"] = [plan_point_to_data(p) for p in workbook.plan]
    else:
        data["answers"] = [answer_to_data(a, booklet) for a in workbook.answers.values()]
        data["stickers"] = [{"sticker": s.sticker, "station": s.station} for s in workbook.stickers]
    data["guests"] = [guest_to_data(g) for g in workbook.guests]
    return data


# Stickers ------------------------------------------------------------------------------


def earns_sticker(answer: Answer) -> bool:
    """An activity done, or kept for a talk, earns a sticker; skipping one costs nothing."""
    return answer.state in STICKER_STATES


def app_rules() -> dict[str, Any]:
    """The rules the app's screens apply at once, without waiting for Python: the
    build hands them to every page (web/shared/settings.js)."""
    return {"profile_colours": PROFILE_COLOUR_VALUES, "sticker_states": list(STICKER_STATES)}
