"""Reading an export file back: strict, and never an unexpected exception.

Whatever the bytes, :func:`read_export` returns an :class:`ImportedExport` or
raises :class:`ImportProblem`, whose ``code`` names a message that every
booklet language carries (``messages`` in booklet.yml), so the app can say
what is wrong in the family's language. Nothing is stored by reading.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kaketoe._answers import Workbook, workbook_from_data
from kaketoe._booklet import Booklet
from kaketoe._checks import AnswerError
from kaketoe._export import DATA_ELEMENT_ID, FORMAT, VARIANTS, VERSION, Variant, checksum

MAX_FILE_BYTES = 64 * 1024 * 1024
_DATA_START = f'<script type="application/json" id="{DATA_ELEMENT_ID}">'
_DATA_BLOCK = re.compile(re.escape(_DATA_START) + r"(.*?)</script>", re.S)

# An export is at most about 8 levels deep. Much deeper JSON is hostile, and in
# Pyodide the parser's recursion would exhaust WebAssembly's stack and kill the
# worker instead of raising RecursionError, so it is refused before parsing.
MAX_NESTING = 64
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _cards_arrive(envelope: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: version 2 added the cards of older children; a version 1 file holds
    a booklet. The content says so from now on."""
    content = envelope.get("content")
    if isinstance(content, dict):
        content = {**content, "material": "booklet"}
    return {**envelope, "version": 2, "content": content}


# Version n -> a function that turns an envelope of version n into version n + 1.
# Add one entry per new version.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _cards_arrive}


class ImportProblem(Exception):
    """A file that cannot be read back. ``code`` is one of kaketoe._booklet.MESSAGES."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail

    def message(self, booklet: Booklet) -> str:
        """The message for a person, in the booklet's language."""
        return booklet.messages[self.code]


@dataclass(frozen=True)
class ImportedExport:
    variant: Variant
    booklet: Booklet  # in the language the child used
    workbook: Workbook
    created: str
    updated: str
    app_version: str
    migrated_from: int


def read_export(data: bytes | str, booklets: Mapping[str, Booklet]) -> ImportedExport:
    """Read an export file; ``booklets`` are this app's booklets by language."""
    return read_envelope(read_data_block(data, _DATA_BLOCK, _DATA_START), booklets)


def read_data_block(data: bytes | str, block: re.Pattern[str], start: str) -> object:
    """The JSON in a file's one data block: size, encoding and nesting checked first.

    Shared by the booklet's export files and the counselor's form files."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_FILE_BYTES:
        raise ImportProblem("file-too-large", f"{len(raw)} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportProblem("not-an-export", "not UTF-8 text") from None
    blocks = block.findall(text)
    if not blocks:
        if start in text:  # cut off, for instance by an interrupted copy
            raise ImportProblem("damaged", "the data in the file is incomplete")
        raise ImportProblem("not-an-export", "no kaketoe data in the file")
    if len(blocks) > 1:
        raise ImportProblem("damaged", "more than one data block")
    if _nesting(blocks[0]) > MAX_NESTING:
        raise ImportProblem("damaged", "the data is nested too deeply")
    try:
        return json.loads(blocks[0])
    except (ValueError, RecursionError):
        raise ImportProblem("damaged", "the data is not valid JSON") from None


def check_version(envelope: Mapping[str, Any], latest: int) -> int:
    """The envelope's format version, refused when unknown or newer than ``latest``."""
    version = envelope.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportProblem("unknown-version", repr(version)[:40])
    if version > latest:
        raise ImportProblem("newer-version", f"version {version}")
    return version


def check_checksum(envelope: Mapping[str, Any]) -> None:
    """Refuses an envelope whose stated SHA-256 does not match its content."""
    stated = envelope.get("checksum")
    if (
        not isinstance(stated, dict)
        or stated.get("algorithm") != "sha256"
        or not isinstance(stated.get("value"), str)
    ):
        raise ImportProblem("damaged", "no checksum")
    try:
        actual = checksum(envelope)
    except (ValueError, RecursionError):  # e.g. lone surrogates that cannot be encoded
        raise ImportProblem("damaged", "the data cannot be checked") from None
    if not hmac.compare_digest(actual, stated["value"]):
        raise ImportProblem("checksum", "the content does not match its checksum")


def _nesting(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def read_envelope(envelope: object, booklets: Mapping[str, Booklet]) -> ImportedExport:
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise ImportProblem("not-an-export", "not a kaketoe booklet export")
    version = check_version(envelope, VERSION)
    check_checksum(envelope)
    migrated_from = version
    while version < VERSION:
        envelope = MIGRATIONS[version](envelope)
        version += 1
    return _current(envelope, booklets, migrated_from)


def _current(
    envelope: dict[str, Any], booklets: Mapping[str, Booklet], migrated_from: int
) -> ImportedExport:
    if envelope.get("encryption") is not None:
        raise ImportProblem("unknown-version", "encrypted files are not supported yet")
    variant = envelope.get("variant")
    if variant not in VARIANTS:
        raise ImportProblem("bad-content", "unknown variant")
    language = envelope.get("language")
    booklet = booklets.get(language) if isinstance(language, str) else None
    if booklet is None:
        raise ImportProblem("bad-content", f"no booklet in language {str(language)[:20]!r}")
    content = envelope.get("content")
    cards = isinstance(content, dict) and content.get("material") == "cards"
    # A file of the cards names the deck; the deck is part of its language's booklet.
    made_for = booklet.deck if cards else booklet
    if made_for is None:
        raise ImportProblem("other-booklet", "there are no cards in this language")
    stated = envelope.get("booklet")
    if not isinstance(stated, dict) or stated.get("id") != made_for.id:
        raise ImportProblem("other-booklet", "made for another booklet")
    if stated.get("version") != made_for.version:
        newer = isinstance(stated.get("version"), int) and stated["version"] > made_for.version
        raise ImportProblem(
            "newer-version" if newer else "other-booklet", "another version of the booklet"
        )
    dates = [envelope.get("created"), envelope.get("updated")]
    for value in dates:
        if not isinstance(value, str) or len(value) > 40:
            raise ImportProblem("bad-content", "missing dates")
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ImportProblem("bad-content", "bad dates") from None
    app_version = envelope.get("app_version")
    if not isinstance(app_version, str) or len(app_version) > 40:
        raise ImportProblem("bad-content", "no app version")
    try:
        workbook = workbook_from_data(booklet, envelope.get("content"))
    except AnswerError as error:
        raise ImportProblem("bad-content", str(error)[:200]) from None
    return ImportedExport(
        variant=variant,
        booklet=booklet,
        workbook=workbook,
        created=str(dates[0]),
        updated=str(dates[1]),
        app_version=app_version,
        migrated_from=migrated_from,
    )
