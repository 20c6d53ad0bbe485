"""A corpus of hostile files, made on the fly, and the one reader's verdict on each.

Pure Python on top of ``kaketoe`` only: tests/test_one_reader.py runs
:func:`run_in_folder` on CPython and, with the same inputs, inside Pyodide
under Node; both must give the same verdicts, and each verdict must be the
expected one. Nothing large is committed: the largest files (a few MB) are
made here.

Each case goes through the functions the app's worker runs
(kaketoe.worker): a child's file through the app's import *and* the
counselor viewer, a form file through the counselor tools' reader. A verdict
is the problem code they name, or "ok" for a file that is valid: then every
text in it must come out escaped where it is shown.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaketoe import export_html, read_export, workbook_from_data, worker
from kaketoe._export import checksum, script_safe_json
from kaketoe._form_file import monitoring_file_html, read_form_file, risk_form_file_html
from kaketoe._import import MAX_FILE_BYTES, MAX_ITEMS, ImportProblem

LANGUAGES = ("nl", "en", "ar")
FORM_LANGUAGES = ("nl", "en")
FIXTURE = "export-v1-nl-family.html"
EXPORT_START = '<script type="application/json" id="kaketoe-export">'
FORM_START = '<script type="application/json" id="kaketoe-form">'
END = "</script>"
WHEN, LATER = "2026-11-20T10:15:00+01:00", "2026-12-01T09:00:00+01:00"
# What a hostile file writes into every text it can: markup that would run if
# it were not escaped, and a right-to-left override. Short enough for a nickname.
HOSTILE = "<script>x()</script>\u202e"
RAW = "<script>x()"  # never in a page that shows such a file
HUNDRED_THOUSAND = 100_000


@dataclass(frozen=True)
class Case:
    name: str
    reader: str  # "export" (the app's import and the viewer) or "form" (the tools)
    data: bytes
    expected: str  # a problem code of kaketoe._booklet.MESSAGES, or "ok"


# Files and envelopes ------------------------------------------------------------------------


def envelope_of(html: str, start: str) -> dict[str, Any]:
    begin = html.index(start) + len(start)
    envelope: dict[str, Any] = json.loads(html[begin : html.index(END, begin)])
    return envelope


def with_block(html: str, start: str, block: str) -> str:
    """The file with its data block's JSON text replaced by ``block``."""
    begin = html.index(start) + len(start)
    return html[:begin] + block + html[html.index(END, begin) :]


def sealed(envelope: dict[str, Any]) -> dict[str, Any]:
    """The envelope with its checksum made again: a tampered file that looks untouched."""
    envelope["checksum"] = {"algorithm": "sha256", "value": checksum(envelope)}
    return envelope


def resealed(html: str, start: str, change: Callable[[dict[str, Any]], None]) -> str:
    envelope = envelope_of(html, start)
    change(envelope)
    return with_block(html, start, script_safe_json(sealed(envelope)))


def text_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every text in a JSON value."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from text_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from text_paths(inner, (*path, index))


def put(value: Any, path: tuple[Any, ...], text: str) -> None:
    for key in path[:-1]:
        value = value[key]
    value[path[-1]] = text


def hostile_everywhere(html: str, start: str, accepted: Callable[[str], bool]) -> str:
    """The file with HOSTILE in every text of its content (and its family code) that a
    valid file may hold, resealed: tried one text at a time, then all together."""
    envelope = envelope_of(html, start)
    paths = [("code",)] if "code" in envelope else []
    paths += [("content", *path) for path in text_paths(envelope["content"])]
    kept = []
    for path in paths:
        trial = copy.deepcopy(envelope)
        put(trial, path, HOSTILE)
        if accepted(with_block(html, start, script_safe_json(sealed(trial)))):
            kept.append(path)
    for path in kept:
        put(envelope, path, HOSTILE)
    return with_block(html, start, script_safe_json(sealed(envelope)))


# The corpus ---------------------------------------------------------------------------------


def reader_cases(html: str, start: str, reader: str) -> list[Case]:
    """Hostile bytes for the one reader: the same for a child's file and a form file."""
    envelope = envelope_of(html, start)
    block = script_safe_json(envelope)
    first_key = block[1 : block.index(":")]  # '"app_version"', a key of every envelope
    before, after = html[: html.index(start)], html[html.index(start) + len(start) :]
    nested = "[" * 100 + "]" * 100
    many = "[" + "0," * (MAX_ITEMS + 10) + "0]"
    utf8 = html.encode("utf-8")
    cases: dict[str, tuple[str, str | bytes]] = {
        # Encodings: only UTF-8 is read, and strictly.
        "latin-1 byte in the data": (
            "not-utf-8",
            with_block(html, start, block).encode().replace(b'"content":', b'"content\xe9":', 1),
        ),
        "UTF-16": ("not-utf-8", html.encode("utf-16")),
        "overlong slash": ("not-utf-8", utf8.replace(b"</title>", b"\xc0\xaf</title>", 1)),
        "lone surrogate as bytes": (
            "not-utf-8",
            utf8.replace(b"</title>", b"\xed\xa0\x80</title>", 1),
        ),
        "byte order mark": ("ok", b"\xef\xbb\xbf" + utf8),
        # Size: refused before any reading.
        "larger than the limit": ("file-too-large", utf8 + b" " * (MAX_FILE_BYTES + 1 - len(utf8))),
        # Keys: one value per key, or which one counts?
        "duplicate key in the envelope": (
            "duplicate-key",
            with_block(html, start, "{" + first_key + ':"0",' + block[1:]),
        ),
        "duplicate key deep inside": (
            "duplicate-key",
            with_block(html, start, block.replace('"content":{', '"content":{"x":1,"x":2,', 1)),
        ),
        # Nesting and size of the JSON.
        "nested 100 deep": (
            "too-deep",
            with_block(html, start, block.replace('"content":', f'"content":{nested},"c":', 1)),
        ),
        "a hundred thousand open brackets": (
            "too-deep",
            with_block(html, start, "[" * HUNDRED_THOUSAND),
        ),
        "a comb nested deep": (
            "too-deep",
            with_block(html, start, "[1," * HUNDRED_THOUSAND + "1" + "]" * HUNDRED_THOUSAND),
        ),
        "more items than any booklet": (
            "bad-content",
            with_block(html, start, block.replace('"content":', f'"content":{many},"c":', 1)),
        ),
        "NaN": (
            "damaged",
            with_block(html, start, block.replace('"version":', '"version":NaN,"v":', 1)),
        ),
        "a number of 5000 digits": (
            "damaged",
            with_block(
                html, start, block.replace('"version":', '"version":' + "9" * 5000 + ',"v":', 1)
            ),
        ),
        # Blocks: exactly one, whole.
        "no data block": ("not-an-export", before + after),
        "data block cut off": ("damaged", html[: html.index(END, html.index(start))]),
        "data block split in two": (
            "damaged",
            with_block(
                html, start, block[: len(block) // 2] + END + start + block[len(block) // 2 :]
            ),
        ),
        "data block twice": ("damaged", html + html),
        "end tag inside the data": (
            "damaged",
            with_block(html, start, block.replace(":", ":" + '"' + END, 1)),
        ),
        "a hundred thousand start tags, none closed": (
            "damaged",
            before + start * HUNDRED_THOUSAND,
        ),
        "a hundred thousand start tags, then the file": (
            "damaged",
            start * HUNDRED_THOUSAND + html,
        ),
        "a hundred thousand end tags, then the file": ("ok", END * HUNDRED_THOUSAND + html),
        # Escaped quotes and backslashes by the hundred thousand.
        "escaped quotes, never closed": (
            "damaged",
            with_block(html, start, '{"a":"' + '\\"' * HUNDRED_THOUSAND),
        ),
        "backslashes, never closed": (
            "damaged",
            with_block(html, start, '{"a":"' + "\\" * HUNDRED_THOUSAND),
        ),
        "quotes by the hundred thousand": (
            "damaged",
            with_block(html, start, '"' * HUNDRED_THOUSAND),
        ),
        "escaped quotes in an extra field": (
            "bad-content",
            resealed(html, start, lambda e: e.update(extra='"' * HUNDRED_THOUSAND)),
        ),
        # Fields: only the envelope's own, none huge.
        "an extra field of 2 MB": (
            "bad-content",
            resealed(html, start, lambda e: e.update(extra="A" * 2_000_000)),
        ),
        "an extra field in the checksum": (
            "damaged",
            with_block(html, start, block.replace('"algorithm":', '"x":1,"algorithm":', 1)),
        ),
        # Versions.
        "a newer version": ("newer-version", resealed(html, start, lambda e: e.update(version=99))),
        "version 0": ("unknown-version", resealed(html, start, lambda e: e.update(version=0))),
        "version as text": (
            "unknown-version",
            resealed(html, start, lambda e: e.update(version="1")),
        ),
        "version true": (
            "unknown-version",
            resealed(html, start, lambda e: e.update(version=True)),
        ),
        # Tampered: changed and not resealed; a lone surrogate cannot be sealed at all.
        "changed after saving": (
            "checksum",
            with_block(html, start, block.replace(WHEN, "2026-11-21T10:15:00+01:00", 1)),
        ),
        "a lone surrogate in a text": (
            "damaged",
            with_block(html, start, block.replace('"created":"', '"created":"\\ud800', 1)),
        ),
        "random bytes": ("not-utf-8", bytes(range(256)) * 64),
        "text that is no file of ours": ("not-an-export", "<html><p>" + "kaketoe " * 9999),
        "empty": ("not-an-export", b""),
    }
    return [
        Case(name, reader, data if isinstance(data, bytes) else data.encode(), expected)
        for name, (expected, data) in cases.items()
    ]


def fake_picture(content: dict[str, Any]) -> None:
    """The first picture made into markup that calls itself a PNG."""
    answer = next(a for a in content["answers"] if "image" in a.get("value", {}))
    answer["value"]["image"] = "data:image/png;base64,PHNjcmlwdD54KCk8L3NjcmlwdD4="


def export_cases(family: str, cards: str) -> list[Case]:
    """Hostile content in a child's file, resealed, so only the content can give it away."""

    def accepted(html: str) -> bool:
        try:
            read_export(html, worker.BOOKLETS)
        except ImportProblem:
            return False
        return True

    def content(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
        return lambda envelope: change(envelope["content"])

    def answer_to(activity: str) -> Callable[[dict[str, Any]], None]:
        return content(lambda c: c["answers"][0].update(activity=activity))

    s = EXPORT_START
    cases = {
        "script in every text, resealed": ("ok", hostile_everywhere(family, s, accepted)),
        "script in every text of the cards, resealed": (
            "ok",
            hostile_everywhere(cards, s, accepted),
        ),
        "an answer to an unknown activity": ("bad-content", resealed(family, s, answer_to("zz"))),
        "a nickname of 1 MB": (
            "bad-content",
            resealed(family, s, content(lambda c: c["profile"].update(nickname="A" * 1_000_000))),
        ),
        "a nickname of direction controls only": (
            "bad-content",
            resealed(family, s, content(lambda c: c["profile"].update(nickname="\u202e\u2066 "))),
        ),
        "a picture that is not one": ("bad-content", resealed(family, s, content(fake_picture))),
        "a sticker on no station": (
            "bad-content",
            resealed(
                family,
                s,
                content(lambda c: c.update(stickers=[{"sticker": "<b>", "station": "zz"}])),
            ),
        ),
        "a plan point of 10,000 characters": (
            "bad-content",
            resealed(cards, s, content(lambda c: c["plan"][0].update(text="x" * 10_000))),
        ),
        "another booklet": (
            "other-booklet",
            resealed(family, s, lambda e: e["booklet"].update(id="kaketoe-9-99")),
        ),
        "the deck named for the booklet": (
            "other-booklet",
            resealed(cards, s, lambda e: e["content"].update(material="booklet")),
        ),
        "a form file": ("not-an-export", form_files()[0]),
    }
    return [
        Case(name, "export", data.encode(), expected) for name, (expected, data) in cases.items()
    ]


def form_cases(monitoring: str, risk: str) -> list[Case]:
    """Hostile content and family codes in a counselor's form file, resealed."""

    def accepted(html: str) -> bool:
        try:
            read_form_file(html, worker.CHECKLISTS, worker.RISK_FORMS)
        except ImportProblem:
            return False
        return True

    def code(value: str) -> Callable[[dict[str, Any]], None]:
        return lambda envelope: envelope.update(code=value)

    s = FORM_START
    cases = {
        "script in every text of a checklist, resealed": (
            "ok",
            hostile_everywhere(monitoring, s, accepted),
        ),
        "script in every text of a risk form, resealed": (
            "ok",
            hostile_everywhere(risk, s, accepted),
        ),
        "a code of direction controls and spaces": (
            "bad-content",
            resealed(monitoring, s, code("\u202e \u2066\u200f ")),
        ),
        "a code of 1 MB": ("bad-content", resealed(monitoring, s, code("G" * 1_000_000))),
        "an unknown kind": ("bad-content", resealed(monitoring, s, lambda e: e.update(kind="x"))),
        "a child's file": ("not-an-export", child_file()),
    }
    return [Case(name, "form", data.encode(), expected) for name, (expected, data) in cases.items()]


# The files the corpus starts from -----------------------------------------------------------

_FILES: dict[str, str] = {}


def child_file() -> str:
    return _FILES["family"]


def form_files() -> tuple[str, str]:
    return _FILES["monitoring"], _FILES["risk"]


def make_files(fixture: str) -> None:
    """A family's file with answers of every kind and goodbye pages (the version 1
    fixture, exported again), an older child's cards, and the two forms."""
    imported = read_export(fixture, worker.BOOKLETS)
    _FILES["family"] = export_html(
        imported.workbook, imported.booklet, "family", created=WHEN, updated=LATER
    )
    booklet = worker.BOOKLETS["nl"]
    assert booklet.deck is not None
    cards = {
        "material": "cards",
        "profile": {"nickname": "Dana", "colour": "teal"},
        "cards": [
            {
                "card": part.cards[0].id,
                "state": "answered",
                "share": True,
                "updated": WHEN,
                "answers": {part.cards[0].questions[0].id: "Mijn oma"},
            }
            for part in booklet.deck.parts
        ],
        "plan": [{"id": "p1", "text": "Oma", "share": True, "question": "", "updated": WHEN}],
        "guests": [],
    }
    _FILES["cards"] = export_html(
        workbook_from_data(booklet, cards), booklet, "family", created=WHEN, updated=LATER
    )
    checklist, form = worker.CHECKLISTS["en"], worker.RISK_FORMS["en"]
    domain = checklist.domains[0].id
    moments = {"moments": {"m6": {"date": "2027-03-01", "domains": {domain: {"note": "Goed"}}}}}
    _FILES["monitoring"] = monitoring_file_html(
        checklist, "G-0231", moments, created=WHEN, updated=LATER
    )
    details = {option.id: "Gezin" for option in form.details}
    measures = {option.id: {"needed": True, "note": "Nu"} for option in form.measures}
    _FILES["risk"] = risk_form_file_html(
        form,
        "G-0231",
        {"details": details, "factors": {}, "added": [], "measures": measures},
        created=WHEN,
        updated=LATER,
    )


def corpus() -> list[Case]:
    family, cards = _FILES["family"], _FILES["cards"]
    monitoring, risk = form_files()
    return [
        *reader_cases(family, EXPORT_START, "export"),
        *reader_cases(monitoring, FORM_START, "form"),
        *export_cases(family, cards),
        *form_cases(monitoring, risk),
    ]


# Verdicts -----------------------------------------------------------------------------------

VIEW = json.dumps({"language": "en", "site_base": "../../en/", "index": 1}).encode()


def _said(reply: worker.Reply, shown: Callable[[dict[str, Any]], str]) -> str:
    header = json.loads(reply.header)
    if "problem" in header:
        return str(header["problem"])
    return "ok" if RAW not in shown(header["result"]) else "shown unescaped"


def _form_shown(result: dict[str, Any]) -> str:
    """The form file the tool makes again from what it read: its texts escaped."""
    make = monitoring_file_html if result["kind"] == "monitoring" else risk_form_file_html
    forms = worker.CHECKLISTS if result["kind"] == "monitoring" else worker.RISK_FORMS
    html: str = make(
        forms[result["language"]],
        result["code"],
        result["content"],
        created=result["created"],
        updated=result["updated"],
    )
    return html


def verdict(case: Case) -> str:
    """What the app's import and the viewer (a child's file) or the tools (a form
    file) say; when they disagree, both, so the case cannot pass."""
    if case.reader == "export":
        said = {
            _said(worker.handle("import", b"{}", case.data), lambda r: ""),
            _said(worker.handle("view-file", VIEW, case.data), lambda r: str(r["html"])),
        }
    else:
        said = {_said(worker.handle("read-form", b"{}", case.data), _form_shown)}
    return " / ".join(sorted(said))


def load(folder: Path) -> None:
    """The booklets and the counselor tools' data, as the build writes them for the worker."""
    worker.load_booklets(
        json.dumps(
            {
                language: (folder / f"booklet.{language}.json").read_text(encoding="utf-8")
                for language in LANGUAGES
            }
        )
    )
    worker.load_forms(
        json.dumps(
            {
                language: (folder / f"counselor.{language}.json").read_text(encoding="utf-8")
                for language in FORM_LANGUAGES
            }
        )
    )
    make_files((folder / FIXTURE).read_text(encoding="utf-8"))


def run_in_folder(folder: str) -> str:
    """Every case's verdict, as JSON: {case: [reader, expected, verdict]}."""
    load(Path(folder))
    return json.dumps(
        {f"{c.reader}: {c.name}": [c.reader, c.expected, verdict(c)] for c in corpus()},
        sort_keys=True,
    )
