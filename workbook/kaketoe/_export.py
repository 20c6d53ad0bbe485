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
from datetime import datetime
from typing import Any, Literal

from kaketoe import __version__
from kaketoe._answers import PROFILE_COLOURS, Profile, Workbook, guest_to_data, workbook_to_data
from kaketoe._booklet import Booklet
from kaketoe._render import lookups, render

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
    """Only what the child chose to show; never a guest's contact details."""
    shown = {key: answer for key, answer in workbook.answers.items() if answer.share}
    stickers = tuple(s for s in workbook.stickers if s.station in shown)
    cards = {key: card for key, card in workbook.cards.items() if card.share}
    plan = tuple(point for point in workbook.plan if point.share)
    return replace(workbook, answers=shown, stickers=stickers, cards=cards, plan=plan)


def envelope(
    workbook: Workbook, booklet: Booklet, variant: Variant, created: str, updated: str
) -> dict[str, Any]:
    content = workbook_to_data(workbook, booklet)
    if variant == "counselor":
        content["guests"] = [guest_to_data(g, with_contact=False) for g in workbook.guests]
    result: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "variant": variant,
        "booklet": {"id": workbook.booklet_id, "version": workbook.booklet_version},
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
    """The export file for the family (everything) or the counselor (what the child shows)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    datetime.fromisoformat(created)
    datetime.fromisoformat(updated)
    shown = for_counselor(workbook) if variant == "counselor" else workbook
    data = envelope(shown, booklet, variant, created, updated)
    return render(
        "export.html.j2",
        booklet=booklet,
        child=booklet,
        workbook=shown,
        **lookups(booklet, shown),
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
        booklet_id=booklet.id,
        booklet_version=booklet.version,
        language=booklet.language,
        profile=Profile(nickname="kaketoe", colour=PROFILE_COLOURS[0]),
    )
    moment = "2026-01-01T00:00:00+00:00"
    export_html(empty, booklet, "family", created=moment, updated=moment)


def art_data_url(booklet: Booklet, art_id: str) -> str:
    svg = booklet.art.get(art_id, "")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
