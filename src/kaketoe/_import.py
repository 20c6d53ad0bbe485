"""Reading a kaketoe file back: one reader, strict, bounded, and never an unexpected exception.

Every file the product reads goes through :func:`read_data_block`: the app's
import, the counselor viewer, the counselor tools' form files and the command
line alike, on CPython and in Pyodide. It takes the file's raw bytes and
applies one set of rules in time that grows linearly with the file:

- at most :data:`MAX_FILE_BYTES`, strict UTF-8;
- exactly one data block, found with ``str.find`` (never a regex that scans
  ahead from every start tag);
- JSON nested at most :data:`MAX_NESTING` deep, with at most :data:`MAX_ITEMS`
  values, no text longer than :data:`MAX_FIELD_CHARS`,
  no key twice in one object, no ``NaN`` or ``Infinity``;
- then the envelope: only its own fields, the version, the checksum, and
  every field against what the booklet or form can hold.

Whatever the bytes, :func:`read_export` returns an :class:`ImportedExport` or
raises :class:`ImportProblem`, whose ``code`` names a message that every
booklet language carries (``messages`` in booklet.yml), so the app can say
what is wrong in the family's language. Nothing is stored by reading.
"""

from __future__ import annotations

import hmac
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Any

from kaketoe._answers import MAX_IMAGE_BYTES, Workbook, material_of, workbook_from_data
from kaketoe._booklet import Booklet
from kaketoe._checks import AnswerError
from kaketoe._export import DATA_ELEMENT_ID, FORMAT, VARIANTS, VERSION, Variant, checksum

# A child's export with a picture on each of the seven picture activities is a
# few MB (2.6 MB measured; each picture is in the file twice, in the data and on
# the printed page). Photos are at most 1280 px, so even seven large ones stay
# near 10 MB. 16 MiB leaves room for that and bounds the work on any file: a
# larger file is not one the app made. See docs/file-format.md.
MAX_FILE_BYTES = 16 * 1024 * 1024
# The longest text a file holds is a picture as a data: URL (base64 of at most
# MAX_IMAGE_BYTES); every other text is far shorter.
MAX_FIELD_CHARS = MAX_IMAGE_BYTES * 4 // 3 + 64
# An export is at most about 8 levels deep. Much deeper JSON is hostile, and in
# Pyodide the parser's recursion would exhaust WebAssembly's stack and kill the
# worker instead of raising RecursionError, so it is refused before parsing.
MAX_NESTING = 64
# Values in one data block (texts, numbers, lists, objects). Every card of the
# deck answered, 100 plan points and 60 goodbye pages come to about 1,500.
MAX_ITEMS = 50_000

# A JSON string from its opening quote to its closing one, or to the end of an
# unclosed one. Possessive, so it never backtracks: a text of escaped quotes is
# read once, whatever its length.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_END_TAG = "</script>"

# The envelope's fields: nothing else may ride along (a 60 MB extra field is not valid).
ENVELOPE_FIELDS = frozenset(
    {"format", "version", "variant", "booklet", "language", "created", "updated"}
    | {"app_version", "encryption", "content", "checksum"}
)


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
    with memory_bounded():
        return read_envelope(read_data_block(data, DATA_ELEMENT_ID), booklets)


@contextmanager
def memory_bounded() -> Iterator[None]:
    """Running out of memory while reading is the file's problem, named as such."""
    try:
        yield
    except MemoryError:
        raise ImportProblem("out-of-memory", "not enough memory to read the file") from None


def data_start_tag(element_id: str) -> str:
    return f'<script type="application/json" id="{element_id}">'


def read_data_block(data: bytes | str, element_id: str) -> object:
    """The JSON in a file's one data block (``<script type="application/json"
    id=element_id>``), read in linear time: size, encoding, shape and keys checked.

    Shared by the booklet's export files and the counselor's form files."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_FILE_BYTES:
        raise ImportProblem("file-too-large", f"{len(raw)} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportProblem("not-utf-8", f"byte {error.start} is not UTF-8") from None
    block = _one_block(text, data_start_tag(element_id))
    _check_shape(block)
    try:
        return json.loads(block, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _DuplicateKey as error:
        raise ImportProblem("duplicate-key", str(error)) from None
    except (ValueError, RecursionError):
        raise ImportProblem("damaged", "the data is not valid JSON") from None


def _one_block(text: str, start_tag: str) -> str:
    """The text between the one start tag and the next end tag."""
    start = text.find(start_tag)
    if start < 0:
        raise ImportProblem("not-an-export", "no kaketoe data in the file")
    begin = start + len(start_tag)
    end = text.find(_END_TAG, begin)
    if end < 0:  # cut off, for instance by an interrupted copy
        raise ImportProblem("damaged", "the data in the file is incomplete")
    if text.find(start_tag, begin) >= 0:
        raise ImportProblem("damaged", "more than one data block")
    return text[begin:end]


def _check_shape(block: str) -> None:
    """Nesting, number of items and the longest text, each in one linear pass."""
    skeleton = _STRING.sub('""', block)  # every text empty: what is left is structure
    brackets = _NOT_BRACKET.sub("", skeleton)
    if brackets.count("[") + brackets.count("{") > MAX_NESTING:
        steps = memoryview(brackets.encode("ascii").translate(_BRACKET_STEPS)).cast("b")
        if max(accumulate(steps)) > MAX_NESTING:
            raise ImportProblem("too-deep", f"nested deeper than {MAX_NESTING} levels")
    # Each value after the first in a list or object follows a comma.
    if len(brackets) // 2 + skeleton.count(",") > MAX_ITEMS:
        raise ImportProblem("bad-content", f"more than {MAX_ITEMS} items")
    # Only when the texts together are long can one of them be too long.
    if len(block) - len(skeleton) > MAX_FIELD_CHARS:
        longest = max(map(len, _STRING.findall(block)))
        if longest > MAX_FIELD_CHARS:
            raise ImportProblem("bad-content", f"a text of {longest} characters")


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):
        counted = Counter(key for key, _ in pairs)
        twice = next(key for key, times in counted.items() if times > 1)
        raise _DuplicateKey(f"the key {twice[:40]!r} is there twice")
    return found


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def check_fields(envelope: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """Refuses fields the format does not have, before any work is spent on them."""
    unknown = sorted(key for key in envelope if key not in allowed)
    if unknown:
        raise ImportProblem("bad-content", f"unknown field {unknown[0][:40]!r}")


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
        or set(stated) != {"algorithm", "value"}
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


def read_envelope(envelope: object, booklets: Mapping[str, Booklet]) -> ImportedExport:
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise ImportProblem("not-an-export", "not a kaketoe booklet export")
    version = check_version(envelope, VERSION)
    check_fields(envelope, ENVELOPE_FIELDS)
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
    # A file names its material: the booklet, or the deck of cards the booklet brings.
    made_for = material_of(booklet, "cards" if cards else "booklet")
    if made_for is None:
        raise ImportProblem("other-booklet", "there are no cards in this language")
    stated = envelope.get("booklet")
    if not isinstance(stated, dict) or set(stated) != {"id", "version"}:
        raise ImportProblem("bad-content", "the booklet must be named by its id and version")
    if stated.get("id") != made_for.id:
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
