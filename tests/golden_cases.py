"""Golden cases that must give identical results on CPython and in Pyodide.

Pure Python on top of ``kaketoe`` only: the Pyodide test copies this file
into the browser's Python and calls :func:`run_in_folder` there, while the
CPython test calls it directly; the two results must be equal.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from kaketoe import (
    ImportProblem,
    booklet_from_json,
    export_html,
    read_export,
    report_html,
    workbook_from_data,
    workbook_to_data,
)
from kaketoe._booklet import Booklet
from kaketoe._export import for_counselor

LANGUAGES = ("nl", "en", "ar")
FIXTURES = ("export-v1-nl-family.html", "export-v1-ar-counselor.html")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(booklet_json: dict[str, str], fixtures: dict[str, str]) -> dict[str, Any]:
    booklets = {language: booklet_from_json(text) for language, text in booklet_json.items()}
    results: dict[str, Any] = {
        "booklets": {
            language: [b.id, b.version, b.direction, len(b.activities())]
            for language, b in sorted(booklets.items())
        }
    }
    for name, html in sorted(fixtures.items()):
        imported = read_export(html, booklets)
        data = workbook_to_data(imported.workbook, imported.booklet)
        again = export_html(
            imported.workbook,
            imported.booklet,
            imported.variant,
            created=imported.created,
            updated=imported.updated,
        )
        # A counselor's copy made again holds what the rules keep: a goodbye page of an
        # older file has no "my counselor may see this", so it is the family's only.
        kept = (
            imported.workbook if imported.variant == "family" else for_counselor(imported.workbook)
        )
        results[name] = {
            "variant": imported.variant,
            "language": imported.booklet.language,
            "answers": len(imported.workbook.answers),
            "workbook": digest(json.dumps(data, sort_keys=True)),
            "export reads back the same": workbook_to_data(
                read_export(again, booklets).workbook, imported.booklet
            )
            == workbook_to_data(kept, imported.booklet),
            "export": digest(again),
            "report nl": digest(report_html(imported, booklets["nl"])),
        }
    for language, loaded in sorted(booklets.items()):
        results[f"cards {language}"] = cards_case(loaded, booklets)
    some = fixtures[FIXTURES[0]]
    bad = {
        "empty": "",
        "truncated": some[: some.index("</script>") - 50],
        "changed": some.replace("Noor", "Nora"),
        "not json": some.replace('{"app_version"', "{app_version", 1),
        "deep": '<script type="application/json" id="kaketoe-export">'
        + "[" * 100_000
        + "</script>",
    }
    codes = {}
    for label, text in bad.items():
        try:
            read_export(text, booklets)
            codes[label] = "accepted"
        except ImportProblem as problem:
            codes[label] = problem.code
    results["problems"] = codes
    return results


def cards_case(loaded: Booklet, booklets: dict[str, Booklet]) -> dict[str, Any]:
    """An older child's cards: the first card of each part answered, a plan."""
    assert loaded.deck is not None
    moment = "2026-11-20T10:15:00+01:00"
    cards = [
        {
            "card": part.cards[0].id,
            "state": "answered",
            "share": True,
            "updated": moment,
            "answers": {part.cards[0].questions[0].id: "Mijn oma / جدتي"},
        }
        for part in loaded.deck.parts
    ]
    plan = [{"id": "p1", "text": "Oma", "share": True, "question": "", "updated": moment}]
    data = {
        "material": "cards",
        "profile": {"nickname": "Dana", "colour": "teal"},
        "cards": cards,
        "plan": plan,
        "guests": [],
    }
    workbook = workbook_from_data(loaded, data)
    made = export_html(workbook, loaded, "counselor", created=moment, updated=moment)
    back = read_export(made, booklets)
    return {
        "export": digest(made),
        "reads back": workbook_to_data(back.workbook, back.booklet) == data,
        "report en": digest(report_html(back, booklets["en"])),
    }


def run_in_folder(folder: str) -> str:
    """Read the booklets and fixtures from a folder and return the results as JSON."""
    base = Path(folder)
    booklet_json = {
        language: (base / f"booklet.{language}.json").read_text(encoding="utf-8")
        for language in LANGUAGES
    }
    fixtures = {name: (base / name).read_text(encoding="utf-8") for name in FIXTURES}
    return json.dumps(run(booklet_json, fixtures), sort_keys=True)
