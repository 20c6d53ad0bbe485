"""The export file, format version 2: one self-contained HTML file per child.

The file opens in any browser without the app and without scripts, prints
like the paper booklet, and carries the workbook as JSON inside a
``<script type="application/json">`` block, which browsers never run. The
JSON is an envelope::

    {"format": "kaketoe-booklet-export", "version": 1, "variant": "family",
     "booklet": {"id": ..., "version": ...}, "language": "nl",
     "created": ..., "updated": ..., "app_version": ...,
     "encryption": null, "content": {...}, "checksum": {"algorithm": "sha256", "value": ...}}

``content`` is the workbook (kaketoe._answers.workbook_to_data); the checksum
covers the canonical JSON of every other field. ``encryption`` is null: a later
version may put a sealed ``content`` there. Version 2 added the conversation
cards of older children: ``content.material`` is "booklet" or "cards", and for
cards ``booklet`` names the deck. See docs/file-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

from kaketoe import __version__
from kaketoe._answers import PROFILE_COLOURS, Answer, Profile, Workbook, workbook_to_data
from kaketoe._booklet import Booklet
from kaketoe._card_answers import CardAnswer, plan_point_shown
from kaketoe._checks import AnswerError, timestamp
from kaketoe._render import lookups, render
from kaketoe._schema import for_child

FORMAT = "kaketoe-booklet-export"
VERSION = 2
DATA_ELEMENT_ID = "kaketoe-export"
Variant = Literal["family", "counselor"]
VARIANTS: tuple[Variant, ...] = ("family", "counselor")


def canonical_json(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def checksum(envelope: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the envelope without its checksum."""
    body = {key: value for key, value in envelope.items() if key != "checksum"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def for_counselor(workbook: Workbook) -> Workbook:
    """What the counselor's copy holds: exactly what the screens promise the child.

    - an activity or card the child shows ("my counselor may see this");
    - every activity or card kept for a talk ("I'd rather talk about it"),
      shown or not, as its id and state only: never what the child made;
    - stickers only on the stations the child shows;
    - goodbye pages the child shows, never with their contact details;
    - plan points the child shows, except one that came from a question whose
      answer the counselor does not see (kaketoe._card_answers.plan_point_shown).
    """
    answers = {
        key: _talk_only(answer) if answer.state == "talk" else answer
        for key, answer in workbook.answers.items()
        if answer.share or answer.state == "talk"
    }
    shared = {key for key, answer in workbook.answers.items() if answer.share}
    cards = {
        key: _card_talk_only(card) if card.state == "talk" else card
        for key, card in workbook.cards.items()
        if card.share or card.state == "talk"
    }
    return replace(
        workbook,
        answers=answers,
        stickers=tuple(s for s in workbook.stickers if s.station in shared),
        cards=cards,
        plan=tuple(p for p in workbook.plan if plan_point_shown(p, workbook.cards)),
        guests=tuple(replace(guest, contact="") for guest in workbook.guests if guest.share),
    )


def _talk_only(answer: Answer) -> Answer:
    return Answer(
        activity=answer.activity, state="talk", share=answer.share, updated=answer.updated
    )


def _card_talk_only(card: CardAnswer) -> CardAnswer:
    return CardAnswer(card=card.card, state="talk", share=card.share, updated=card.updated)


def envelope(
    workbook: Workbook, booklet: Booklet, variant: Variant, created: str, updated: str
) -> dict[str, Any]:
    """The file's JSON for a workbook that is already the variant's (see :func:`for_counselor`)."""
    content = workbook_to_data(workbook, booklet)
    result: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "variant": variant,
        "booklet": {"id": workbook.material_id, "version": workbook.material_version},
        "language": booklet.language,
        "created": created,
        "updated": updated,
        "app_version": __version__,
        "encryption": None,
        "content": content,
    }
    result["checksum"] = {"algorithm": "sha256", "value": checksum(result)}
    return result


def script_safe_json(value: object) -> str:
    """JSON that cannot end its <script> element or carry bidi controls as characters."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def export_html(
    workbook: Workbook,
    booklet: Booklet,
    variant: Variant,
    *,
    created: str,
    updated: str,
) -> str:
    """The export file for the family (everything) or the counselor (what the child
    shows). An unknown variant or a date that is not ISO 8601 raises AnswerError."""
    if variant not in VARIANTS:
        raise AnswerError("variant", f"must be one of {', '.join(VARIANTS)}")
    timestamp(created, "created")
    timestamp(updated, "updated")
    shown = for_counselor(workbook) if variant == "counselor" else workbook
    data = envelope(shown, booklet, variant, created, updated)
    # The family's copy speaks to the child as the profile asks; the counselor's
    # copy is read by an adult, in the neutral form.
    texts = for_child(booklet, workbook.profile.addressed_as if variant == "family" else "")
    return render(
        "export.html.j2",
        booklet=texts,
        child=texts,
        workbook=shown,
        **lookups(texts, shown),
        variant=variant,
        created=created,
        updated=updated,
        data_json=script_safe_json(data),
        data_id=DATA_ELEMENT_ID,
        art_url=lambda art_id: art_data_url(booklet, art_id),
    )


def warm_up(booklet: Booklet) -> None:
    """Make one small export and throw it away. The app's worker calls this
    while it starts: the templates are compiled and the code has run once, so
    the child's first export is as quick as the ones after it."""
    empty = Workbook(
        material_id=booklet.id,
        material_version=booklet.version,
        language=booklet.language,
        profile=Profile(nickname="kaketoe", colour=PROFILE_COLOURS[0]),
    )
    moment = "2026-01-01T00:00:00+00:00"
    export_html(empty, booklet, "family", created=moment, updated=moment)


def art_data_url(booklet: Booklet, art_id: str) -> str:
    svg = booklet.art.get(art_id, "")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
