"""Booklets from the real content, and workbooks that fill them in, for the core tests."""

from __future__ import annotations

import base64
import struct
import zlib
from functools import cache
from typing import Any

from conftest import ROOT

from kaketoe import Booklet, load_booklet
from kaketoe._booklet import booklet_languages
from kaketoe._deck import Deck
from kaketoe._settings import site_settings

# Every language with a booklet, in the site's order (the default first).
LANGUAGES = tuple(
    language
    for language in site_settings(ROOT).languages
    if language in booklet_languages(ROOT / "content")
)
WHEN = "2026-11-20T10:15:00+01:00"
LATER = "2026-11-22T16:40:00+01:00"
HOSTILE = [
    "<script>alert('x')</script>",
    '" onerror="alert(1)',
    "<img src=x onerror=alert(1)>",
    "\u202eevil\u202c and \u2066isolated\u2069",
    "</script><script>alert(2)</script>",
    "{{ 7*7 }} {% raw %}",
]


@cache
def booklet(language: str) -> Booklet:
    return load_booklet(ROOT / "content", language)


def booklets() -> dict[str, Booklet]:
    return {language: booklet(language) for language in LANGUAGES}


def deck(language: str) -> Deck:
    """The cards of a language: every language of the samples has them."""
    found = booklet(language).deck
    assert found is not None, language
    return found


def png(width: int = 2, height: int = 2) -> bytes:
    """A real, tiny PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def data_url(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def value_for(activity: Any, text: str, booklet: Booklet) -> dict[str, Any]:
    """A typical answer value for an activity of any kind."""
    kind = activity.kind
    if kind == "text":
        return {"text": text}
    if kind == "drawing":
        return {"image": data_url("image/png", png())}
    if kind == "photo":
        return {"image": data_url("image/jpeg", JPEG), "caption": text}
    if kind == "feeling":
        return {"feeling": booklet.feelings[-1].id, "words": text}
    if kind == "choice":
        chosen = [o.id for o in activity.options[: 2 if activity.multiple else 1]]
        return {"chosen": chosen}
    if kind == "people":
        return {"people": [{"name": text, "who": "oma"}, {"name": "Sami", "who": text}]}
    return {"read": True, "question": text}


def full_workbook(booklet: Booklet, texts: list[str] | None = None) -> dict[str, Any]:
    """Every activity answered, skipped or kept for a talk; stickers; two goodbye
    pages, the second one shown to the counselor."""
    texts = texts or ["Mijn oma woont in Kabul.", "Ik mis mijn vriend.", "مرحبا يا صديقي"]
    answers = []
    for index, activity in enumerate(booklet.activities()):
        state = "skipped" if index % 5 == 4 else "talk" if index % 7 == 6 else "answered"
        record: dict[str, Any] = {
            "activity": activity.id,
            "state": state,
            "share": index % 3 != 0,
            "updated": WHEN,
        }
        if state == "answered":
            record["value"] = value_for(activity, texts[index % len(texts)], booklet)
        answers.append(record)
    earned = [a["activity"] for a in answers if a["state"] != "skipped"]
    stickers = [
        {"sticker": booklet.stickers[i % len(booklet.stickers)].id, "station": station}
        for i, station in enumerate(earned[:12])
    ]
    roles = booklet.goodbye.roles
    guests = [
        {
            "id": f"guest-{n}",
            "role": roles[n % len(roles)].id,
            "name": name,
            "memory": texts[n % len(texts)],
            "wish": "Veel geluk!",
            "contact": f"{name.lower()}@example.org",
            "updated": LATER,
            **({"share": True} if n == 1 else {}),
        }
        for n, name in enumerate(["Juf Anna", "Lotte"])
    ]
    return {
        "material": "booklet",
        "profile": {"nickname": "Noor", "colour": "green"},
        "answers": answers,
        "stickers": stickers,
        "guests": guests,
    }


def full_cards(booklet: Booklet, texts: list[str] | None = None) -> dict[str, Any]:
    """An older child's cards: one card of each part answered (two questions),
    one kept for a talk, one skipped; three plan points, two from answers; one
    goodbye page. Every other card and point is shown to the counselor."""
    assert booklet.deck is not None
    texts = texts or ["Ik wil mijn voetbalschoenen meenemen.", "Ik mis mijn vriend.", "مرحبا"]
    cards = []
    for index, part in enumerate(booklet.deck.parts):
        first, second, third = part.cards[:3]
        cards.append(
            {
                "card": first.id,
                "state": "answered",
                "share": index % 2 == 0,
                "updated": WHEN,
                "answers": {
                    first.questions[0].id: texts[index % len(texts)],
                    first.questions[2].id: texts[(index + 1) % len(texts)],
                },
            }
        )
        cards.append({"card": second.id, "state": "talk", "share": True, "updated": WHEN})
        cards.append({"card": third.id, "state": "skipped", "share": False, "updated": WHEN})
    parts = booklet.deck.parts
    plan = [
        {
            "id": "point-1",
            "text": texts[0],
            "share": True,
            "question": parts[0].cards[0].questions[0].id,
            "updated": LATER,
        },
        {
            "id": "point-2",
            "text": texts[1],
            "share": False,
            "question": parts[1].cards[0].questions[2].id,
            "updated": LATER,
        },
        {"id": "point-3", "text": texts[2], "share": True, "question": "", "updated": LATER},
    ]
    guest = {
        "id": "guest-1",
        "role": booklet.goodbye.roles[0].id,
        "name": "Meester Ali",
        "memory": texts[1],
        "wish": "Succes!",
        "contact": "ali@example.org",
        "updated": LATER,
    }
    return {
        "material": "cards",
        "profile": {"nickname": "Dana", "colour": "teal"},
        "cards": cards,
        "plan": plan,
        "guests": [guest],
    }
