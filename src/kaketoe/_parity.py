"""The booklet and the cards are the same in every language: same ids, kinds and order;
only texts differ."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kaketoe._booklet import Booklet
from kaketoe._deck import DECK_FOLDER, deck_shape


def shape(booklet: Booklet) -> dict[str, Any]:
    """Everything about a booklet that must not change with its language."""
    return {
        "id": booklet.id,
        "version": booklet.version,
        "kaketoe_name_activity": booklet.kaketoe_name_activity,
        "feelings": [(f.id, f.crest) for f in booklet.feelings],
        "stickers": [s.id for s in booklet.stickers],
        "goodbye roles": [r.id for r in booklet.goodbye.roles],
        "parts": [(p.id, p.colour) for p in booklet.parts],
        **{
            f"part {part.id} activities": [
                (
                    a.id,
                    a.kind,
                    a.multiple,
                    a.max_people,
                    len(a.paragraphs),
                    [(o.id, o.picture) for o in a.options],
                    bool(a.adult_hint),
                )
                for a in part.activities
            ]
            for part in booklet.parts
        },
        **{
            f"part {part.id} story paragraphs": len(part.story.paragraphs) for part in booklet.parts
        },
        # The cards for older children, in content/<lang>/cards/.
        **(
            {f"cards: {key}": value for key, value in deck_shape(booklet.deck).items()}
            if booklet.deck
            else {"cards": None}
        ),
    }


def parity_problems(booklets: Mapping[str, Booklet], source_language: str) -> list[str]:
    """One sentence per difference between a translation and the source booklet."""
    source = booklets.get(source_language)
    if source is None:
        return [f"content/{source_language}/workbook/ has no booklet"]
    expected = shape(source)
    problems = []
    for language, booklet in sorted(booklets.items()):
        if language == source_language:
            continue
        found = shape(booklet)
        for key, value in expected.items():
            if found.get(key) != value:
                folder = DECK_FOLDER if key.startswith("cards") else "workbook"
                problems.append(
                    f"content/{language}/{folder}/: {key} differ from "
                    f"content/{source_language}/{folder}/ (ids, kinds, order and counts "
                    "must be the same; translate only the texts)"
                )
    return problems
