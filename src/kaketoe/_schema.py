"""Content types defined once: each field says how it is read, written and compared.

A content type (the booklet, the cards, the route map, a counselor's form) is
a frozen dataclass whose fields carry a :class:`Spec` in their metadata, as
``field(metadata=TEXT)``. From that one definition come

- :func:`read`: the value from plain data (YAML or JSON); every problem is a
  :class:`~kaketoe._data.DataError` that names the file, the thing and the field;
- :func:`to_data`: plain data for JSON, which :func:`read` reads back as it is;
- :func:`load`: the value from its YAML files, where a field may live in a
  file of its own (``part-{id}.yml``, ``goodbye.yml``, ``app.yml``);
- the shape that must be the same in every language (kaketoe._parity).

A type may add what no field can say alone: a ``validate(where, outer, error)``
method, called once its fields are read (``outer`` holds the fields of the
things around it, and what the caller passes as ``outer``; ``error`` is the
kind of error the caller reads with), and ``DERIVED``,
names of properties that the JSON carries for the app but that are never
written in the YAML (the text direction, which follows from the language).

A text the child reads may be written in forms, one for a girl, one for a boy
and a neutral one (``addressed=True`` on the field; see :class:`ChildText`).
:func:`for_child` gives a value with every such text in the form a profile
asks for; the neutral one is the form wherever the reader is not the child.
"""

from __future__ import annotations

import posixpath
import re
from collections import ChainMap
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from kaketoe._data import ID_CHARACTERS, DataError, Reader, read_yaml, unique

SPEC = "kaketoe"  # the key of a field's Spec in its metadata
Kind = Literal[
    "text",
    "id",
    "choice",
    "number",
    "flag",
    "texts",
    "items",
    "one",
    "words",
    "plurals",
    "table",
    "markup",
]
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# Words in another language and script inside a text, such as "IOM" in Arabic,
# are written [[en:IOM]]; such a text is kept as runs of (language, words),
# the language "" for the text's own.
FOREIGN = re.compile(r"\[\[([a-z]{2}):([^\[\]]+)\]\]")
Runs = tuple[tuple[str, str], ...]
# How a child may want to be addressed (a profile's choice, kaketoe._answers), and
# the forms a text for the child is written in: these two, and a neutral one for
# a child who did not choose and for every adult reader.
CHILD_ADDRESSES = ("girl", "boy")
NEUTRAL = "neutral"
CHILD_FORMS = (NEUTRAL, *CHILD_ADDRESSES)
T = TypeVar("T")


class ChildText(str):
    """A text for the child written in forms: as a ``str`` it is the neutral form.

    In the YAML and the JSON it is a mapping ``{neutral: ..., girl: ..., boy: ...}``.
    Code that does not know whom it speaks to (the report, the viewer, a check)
    reads it as the neutral text; :func:`for_child` picks the child's form.
    """

    girl: str
    boy: str

    def __new__(cls, neutral: str, girl: str, boy: str) -> ChildText:
        made = super().__new__(cls, neutral)
        made.girl, made.boy = girl, boy
        return made

    def form(self, address: str) -> str:
        """The text for a child addressed as ``address`` ("girl", "boy"); else the neutral one."""
        if address == "girl":
            return self.girl
        if address == "boy":
            return self.boy
        return str(self)

    def to_data(self) -> dict[str, str]:
        return {NEUTRAL: str(self), "girl": self.girl, "boy": self.boy}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChildText):
            return self.to_data() == other.to_data()
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__

    def __reduce__(self) -> tuple[type[ChildText], tuple[str, str, str]]:
        return (ChildText, (str(self), self.girl, self.boy))


@dataclass(frozen=True)
class Spec:
    """What a field holds, and so how it is read, written and compared."""

    kind: Kind
    same: bool = False  # the same in every language (ids, kinds, numbers)
    optional: bool = False  # may be left out (a text: or empty)
    marked: bool = False  # text: words in another language may be marked; kept as Runs
    choices: tuple[str, ...] = ()  # choice: one of these
    allowed: range = range(0)  # number: from .start to .stop - 1
    item: type | None = None  # items, one, table: the content type of an entry
    thing: str = ""  # items, table: how an entry is called in a message ("activity")
    ids: tuple[str, ...] = ()  # items: exactly these ids, in this order
    keyed: bool = False  # items: the YAML may write them as a mapping of id -> entry
    keys: tuple[str, ...] = ()  # words, plurals: exactly these keys (words: none = any key)
    blank: tuple[str, ...] = ()  # words: these may be empty
    when: tuple[str, tuple[str, ...]] | None = None  # read only when this field has these values
    file: str = ""  # in the YAML, in a file of its own; items: "part-{id}.yml"
    key: str = ""  # words from a file: under this key of it ("" for the whole file)
    addressed: bool = False  # text, texts, words: may be written in forms for a girl and a boy


Metadata = Mapping[str, Spec]


def _spec(kind: Kind, **options: Any) -> Metadata:
    return MappingProxyType({SPEC: Spec(kind, **options)})


TEXT = _spec("text")
ID = _spec("id", same=True)
FLAG = _spec("flag", same=True)
LANGUAGE = _spec("id")  # a language code: the one thing that differs between languages
MARKUP = _spec("markup", optional=True)  # name -> markup (an SVG), kept exactly as written


def text(
    *, optional: bool = False, same: bool = False, marked: bool = False, addressed: bool = False
) -> Metadata:
    return _spec("text", optional=optional, same=same, marked=marked, addressed=addressed)


# A text the child reads, which may be written in forms for a girl and a boy (ChildText).
FOR_CHILD = text(addressed=True)


def identifier(*, optional: bool = False, same: bool = True) -> Metadata:
    return _spec("id", optional=optional, same=same)


def choice(choices: tuple[str, ...]) -> Metadata:
    return _spec("choice", same=True, choices=choices)


def number(
    allowed: range, *, optional: bool = False, when: tuple[str, tuple[str, ...]] | None = None
) -> Metadata:
    return _spec("number", same=True, allowed=allowed, optional=optional, when=when)


def flag(*, when: tuple[str, tuple[str, ...]] | None = None) -> Metadata:
    return _spec("flag", same=True, when=when)


def texts(
    *,
    optional: bool = False,
    same: bool = False,
    addressed: bool = False,
    when: tuple[str, tuple[str, ...]] | None = None,
) -> Metadata:
    return _spec("texts", optional=optional, same=same, addressed=addressed, when=when)


def items(
    item: type,
    thing: str,
    *,
    ids: tuple[str, ...] = (),
    keyed: bool = False,
    file: str = "",
    when: tuple[str, tuple[str, ...]] | None = None,
) -> Metadata:
    return _spec("items", item=item, thing=thing, ids=ids, keyed=keyed, file=file, when=when)


def one(item: type, *, file: str = "", optional: bool = False) -> Metadata:
    return _spec("one", item=item, file=file, optional=optional)


def words(
    keys: tuple[str, ...] = (),
    *,
    blank: tuple[str, ...] = (),
    optional: bool = False,
    file: str = "",
    key: str = "",
    addressed: bool = False,
) -> Metadata:
    return _spec(
        "words", keys=keys, blank=blank, optional=optional, file=file, key=key, addressed=addressed
    )


def plurals(keys: tuple[str, ...], *, file: str = "", key: str = "") -> Metadata:
    return _spec("plurals", keys=keys, file=file, key=key)


def table(item: type, thing: str) -> Metadata:
    """A mapping of id -> entry, kept as such (the entry's ``id`` is its key)."""
    return _spec("table", item=item, thing=thing)


@dataclass(frozen=True)
class Field:
    name: str
    spec: Spec
    default: Any  # MISSING when the field has none


_SPECS: dict[type, tuple[Field, ...]] = {}


def specs(cls: type) -> tuple[Field, ...]:
    """The fields of a content type that carry a Spec, in their order."""
    if cls not in _SPECS:
        found = []
        for entry in fields(cls):
            spec = entry.metadata.get(SPEC)
            if spec is not None:
                default = entry.default
                if entry.default_factory is not MISSING:
                    default = entry.default_factory()
                found.append(Field(entry.name, spec, default))
        _SPECS[cls] = tuple(found)
    return _SPECS[cls]


_KNOWN: dict[type, tuple[str, ...]] = {}


def _known(cls: type) -> tuple[str, ...]:
    """The keys plain data of ``cls`` may hold: its fields and what is derived from them."""
    if cls not in _KNOWN:
        _KNOWN[cls] = (*(entry.name for entry in specs(cls)), *derived(cls))
    return _KNOWN[cls]


def derived(cls: type) -> tuple[str, ...]:
    names: tuple[str, ...] = getattr(cls, "DERIVED", ())
    return names


def named(where: str, thing: str, identifier: object, number: int) -> str:
    """Where an entry of a list is: by its id when it has a good one, else by its place."""
    if isinstance(identifier, str) and identifier and set(identifier) <= ID_CHARACTERS:
        return f"{where} > {thing} '{identifier}'"
    return f"{where} > {thing} {number}"


def beside(where: str, file: str) -> str:
    """The name of ``file`` next to the file that ``where`` is in."""
    holder = where.split(" > ")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(holder), file))


# Reading ---------------------------------------------------------------------------------


def read(
    cls: type[T],
    data: object,
    where: str,
    error: type[DataError],
    *,
    given: Mapping[str, Any] | None = None,
    outer: Mapping[str, Any] | None = None,
) -> T:
    """A validated ``cls`` from plain data; ``given`` fields are taken as they are."""
    reader = Reader(data, where, error)
    values: dict[str, Any] = dict(given or {})
    around: Mapping[str, Any] = ChainMap(values, outer or {})  # type: ignore[arg-type]
    for entry in specs(cls):
        if entry.name in values:
            continue
        spec = entry.spec
        if spec.when is not None and values.get(spec.when[0]) not in spec.when[1]:
            found = reader.data.get(entry.name)
            if found is not None and found != value_to_data(spec, entry.default):
                raise error(
                    where,
                    f"field '{entry.name}' is only for {spec.when[0]} {'/'.join(spec.when[1])}",
                )
            values[entry.name] = entry.default
            continue
        values[entry.name] = _value(spec, reader, entry.name, entry.default, around)
    reader.only(_known(cls))
    made = cls(**values)
    for name in derived(cls):
        expected = getattr(made, name)
        if name in reader.data and reader.data[name] != expected:
            raise error(
                where,
                f"field '{name}' follows from the others and is {expected} here: leave it out",
            )
    check = getattr(made, "validate", None)
    if check is not None:
        check(where, outer or {}, error)
    return made


def _value(spec: Spec, reader: Reader, name: str, default: Any, around: Mapping[str, Any]) -> Any:
    raw = reader.data.get(name)
    if spec.optional and raw in (None, "", [], {}) and default is not MISSING:
        return default
    where, error = reader.where, reader.error
    kind = spec.kind
    if kind == "text":
        if spec.addressed and isinstance(raw, Mapping):
            return child_text(raw, f"{where} > {name}", error)
        if isinstance(raw, Mapping):
            raise error(
                where,
                f"field '{name}' needs one text: forms for a girl and a boy are only for"
                " texts the child reads",
            )
        return _runs(raw, where, name, error) if spec.marked else reader.text(name)
    if kind == "id":
        return reader.identifier(name)
    if kind == "choice":
        value = reader.text(name)
        if value not in spec.choices:
            raise error(where, f"field '{name}' must be one of {', '.join(spec.choices)}")
        return value
    if kind == "number":
        return reader.number(name, spec.allowed)
    if kind == "flag":
        return reader.flag(name)
    if kind == "texts":
        if spec.addressed:
            return _child_texts(reader, name, spec.optional)
        return reader.texts(name)
    if kind == "items":
        entries = raw if spec.keyed and isinstance(raw, Mapping) else reader.items(name)
        return _items(spec, entries, where, error, around)
    if kind == "one":
        assert spec.item is not None
        return read(spec.item, raw, f"{where} > {name}", error, outer=around)
    if kind == "words":
        return _words(spec, raw, f"{where} > {name}", error, strict=True)
    if kind == "plurals":
        return _plurals(spec, raw, f"{where} > {name}", error, strict=True)
    if kind == "markup":
        markup = Reader(raw, f"{where} > {name}", error).data
        if not all(isinstance(value, str) for value in markup.values()):
            raise error(f"{where} > {name}", "every entry needs text")
        return dict(markup)
    # a table: a mapping of id -> entry, in the YAML and in the model
    entries = Reader(raw, f"{where} > {name}", error).data
    return {entry.id: entry for entry in _items(spec, entries, where, error, around)}


def _runs(raw: object, where: str, name: str, error: type[DataError]) -> Runs:
    """A marked text: written with [[en:IOM]] marks (YAML), or as runs (JSON)."""
    if isinstance(raw, list):
        runs = []
        for run in raw:
            if (
                not isinstance(run, list)
                or len(run) != 2
                or not all(isinstance(part, str) for part in run)
                or not (run[0] == "" or FOREIGN.fullmatch(f"[[{run[0]}:{run[1]}]]"))
                or not run[1]
            ):
                raise error(where, f"field '{name}' must be runs of [language, words]")
            runs.append((run[0], run[1]))
        if not runs:
            raise error(where, f"field '{name}' needs text")
        return tuple(runs)
    value = Reader({name: raw}, where, error).text(name)
    if "[[" in FOREIGN.sub("", value) or "]]" in FOREIGN.sub("", value):
        raise error(where, f"field '{name}': write other words as [[en:IOM]]")
    return text_runs(value)


def child_text(raw: Mapping[Any, Any], where: str, error: type[DataError]) -> ChildText:
    """A text in forms: exactly a neutral form, a girl's and a boy's, each with text."""
    if set(raw) != set(CHILD_FORMS):
        raise error(
            where,
            "a text in forms has exactly these: neutral, girl, boy "
            "(the neutral form is for a child who did not choose, and for adults)",
        )
    forms = Reader(raw, where, error)
    neutral, girl, boy = (forms.text(form) for form in CHILD_FORMS)
    if girl == boy:
        raise error(where, "the girl's and the boy's forms are the same: write one text instead")
    return ChildText(neutral, girl, boy)


def _child_texts(reader: Reader, name: str, optional: bool) -> tuple[str, ...]:
    values = reader.items(name, optional=optional)
    made: list[str] = []
    for number, value in enumerate(values, start=1):
        if isinstance(value, Mapping):
            made.append(child_text(value, f"{reader.where} > {name} {number}", reader.error))
        elif isinstance(value, str) and value.strip():
            made.append(value.strip())
        else:
            raise reader.error(reader.where, f"every entry of '{name}' needs text")
    return tuple(made)


def text_runs(text: str) -> Runs:
    """The text as runs of (language, words); the language is "" for the text's own."""
    runs: list[tuple[str, str]] = []
    at = 0
    for found in FOREIGN.finditer(text):
        if found.start() > at:
            runs.append(("", text[at : found.start()]))
        runs.append((found.group(1), found.group(2)))
        at = found.end()
    if at < len(text):
        runs.append(("", text[at:]))
    return tuple(runs)


def _items(
    spec: Spec,
    entries: Mapping[Any, Any] | list[Any],
    where: str,
    error: type[DataError],
    around: Mapping[str, Any],
) -> tuple[Any, ...]:
    assert spec.item is not None
    made: list[Any] = []
    pairs: list[tuple[str | None, Any]] = (
        [(str(key), entry) for key, entry in entries.items()]
        if isinstance(entries, Mapping)
        else [(None, entry) for entry in entries]
    )
    for number, (key, entry) in enumerate(pairs, start=1):
        identifier = entry.get("id") if key is None and isinstance(entry, Mapping) else key
        made.append(
            read(
                spec.item,
                entry,
                named(where, spec.thing, identifier, number),
                error,
                given=None if key is None else {"id": str(key)},
                outer=around,
            )
        )
    return checked_items(spec, made, where, error)


def checked_items(
    spec: Spec, made: list[Any], where: str, error: type[DataError]
) -> tuple[Any, ...]:
    """Entries with ids of their own, and the fixed ids where the spec has them."""
    ids = [entry.id for entry in made]
    unique(ids, where, spec.thing, error)
    if spec.ids and tuple(ids) != spec.ids:
        raise error(where, f"the {spec.thing}s are {', '.join(spec.ids)}, in this order")
    return tuple(made)


def _words(
    spec: Spec, raw: object, where: str, error: type[DataError], *, strict: bool
) -> dict[str, str]:
    if raw is None and spec.optional:
        return {}
    reader = Reader(raw, where, error)
    keys = spec.keys or tuple(str(key) for key in reader.data)
    found = {
        key: child_text(value, f"{where} > {key}", error)
        if spec.addressed and isinstance(value := reader.data.get(key), Mapping)
        else reader.text(key, optional=key in spec.blank)
        for key in keys
    }
    if strict:
        _no_other(reader, keys)
    return found


def _plurals(
    spec: Spec, raw: object, where: str, error: type[DataError], *, strict: bool
) -> dict[str, dict[str, str]]:
    reader = Reader(raw, where, error)
    found = {}
    for key in spec.keys:
        forms = Reader(reader.data.get(key), f"{where} > {key}", error)
        if "other" not in forms.data or set(forms.data) - set(PLURAL_CATEGORIES):
            raise error(
                forms.where, f"needs an 'other' form, and only {', '.join(PLURAL_CATEGORIES)}"
            )
        found[key] = {str(category): forms.text(str(category)) for category in forms.data}
    if strict:
        _no_other(reader, spec.keys)
    return found


def read_words(
    raw: object, keys: tuple[str, ...], where: str, error: type[DataError]
) -> dict[str, str]:
    """A mapping of exactly ``keys`` to their texts (the words of a screen)."""
    return _words(Spec("words", keys=keys), raw, where, error, strict=True)


def _no_other(reader: Reader, keys: tuple[str, ...]) -> None:
    unknown = sorted(str(key) for key in reader.data if key not in keys)
    if unknown:
        raise reader.error(reader.where, f"unknown entries {', '.join(unknown)}")


# Writing ---------------------------------------------------------------------------------


def to_data(value: object) -> dict[str, Any]:
    """Plain data for JSON, in the shape :func:`read` reads back."""
    cls = type(value)
    data = {
        entry.name: value_to_data(entry.spec, getattr(value, entry.name)) for entry in specs(cls)
    }
    for name in derived(cls):
        data[name] = getattr(value, name)
    return data


def value_to_data(spec: Spec, value: Any) -> Any:
    kind = spec.kind
    if value is None or kind in ("id", "choice", "number", "flag"):
        return value
    if kind == "text":
        return [list(run) for run in value] if spec.marked else _text_data(value)
    if kind == "texts":
        return [_text_data(text) for text in value]
    if kind == "items":
        return [to_data(entry) for entry in value]
    if kind == "one":
        return to_data(value)
    if kind == "words":
        return {key: _text_data(text) for key, text in value.items()}
    if kind == "markup":
        return dict(value)
    if kind == "plurals":
        return {key: dict(forms) for key, forms in value.items()}
    return {key: to_data(entry) for key, entry in value.items()}  # a table


def _text_data(text: str) -> str | dict[str, str]:
    return text.to_data() if isinstance(text, ChildText) else text


# Forms for the child ---------------------------------------------------------------------


def for_child(value: T, address: str) -> T:
    """``value`` (a booklet, a deck, a part ...) with every text in forms replaced by
    the form for a child addressed as ``address`` ("girl" or "boy"; anything else,
    such as "", gives the neutral form). Texts without forms stay as they are."""
    changes: dict[str, Any] = {}
    for entry in specs(type(value)):
        spec, current = entry.spec, getattr(value, entry.name)
        if current is None:
            continue
        if spec.kind == "text" and isinstance(current, ChildText):
            changes[entry.name] = current.form(address)
        elif spec.kind == "texts" and any(isinstance(t, ChildText) for t in current):
            changes[entry.name] = tuple(_form(t, address) for t in current)
        elif spec.kind == "words" and spec.addressed:
            changes[entry.name] = {key: _form(t, address) for key, t in current.items()}
        elif spec.kind == "items":
            changes[entry.name] = tuple(for_child(item, address) for item in current)
        elif spec.kind == "one":
            changes[entry.name] = for_child(current, address)
        elif spec.kind == "table":
            changes[entry.name] = {key: for_child(item, address) for key, item in current.items()}
    return replace(value, **changes) if changes else value  # type: ignore[type-var]


def _form(text: str, address: str) -> str:
    return text.form(address) if isinstance(text, ChildText) else text


def child_texts(value: object) -> list[ChildText]:
    """Every text in forms inside ``value``, in order."""
    found: list[ChildText] = []
    for entry in specs(type(value)):
        spec, current = entry.spec, getattr(value, entry.name)
        if current is None:
            continue
        if spec.kind == "text":
            found += [current] if isinstance(current, ChildText) else []
        elif spec.kind == "texts":
            found += [t for t in current if isinstance(t, ChildText)]
        elif spec.kind == "words":
            found += [t for t in current.values() if isinstance(t, ChildText)]
        elif spec.kind == "items":
            for item in current:
                found += child_texts(item)
        elif spec.kind == "one":
            found += child_texts(current)
        elif spec.kind == "table":
            for item in current.values():
                found += child_texts(item)
    return found


# Files -----------------------------------------------------------------------------------


def load(
    cls: type[T],
    path: Path,
    where: str,
    error: type[DataError],
    *,
    given: Mapping[str, Any] | None = None,
    outer: Mapping[str, Any] | None = None,
) -> T:
    """``cls`` from its YAML file (``where`` names it in messages), each field with a
    ``file`` of its own read from that file, next to this one."""
    data = read_yaml(path, where, error)
    values: dict[str, Any] = dict(given or {})
    around: Mapping[str, Any] = ChainMap(values, outer or {})  # type: ignore[arg-type]
    shared: dict[str, Any] = {}  # a file of words that several fields read
    keys: dict[str, set[str]] = {}  # and the keys those fields read in it
    for entry in specs(cls):
        spec = entry.spec
        if not spec.file or entry.name in values:
            continue
        if spec.kind == "items":
            assert spec.item is not None
            made: list[Any] = []
            for part_id in Reader(data, where, error).texts(entry.name):
                name = spec.file.format(id=part_id)
                item: Any = load(
                    spec.item, path.parent / name, beside(where, name), error, outer=around
                )
                if item.id != part_id:
                    raise error(beside(where, name), f"field 'id' must be '{part_id}'")
                made.append(item)
            values[entry.name] = checked_items(spec, made, where, error)
        elif spec.kind == "one":
            assert spec.item is not None
            target = path.parent / spec.file
            values[entry.name] = (
                None
                if spec.optional and not target.is_file()
                else load(spec.item, target, beside(where, spec.file), error, outer=around)
            )
        else:  # words or plurals, from a file of words
            file_where = beside(where, spec.file)
            if spec.file not in shared:
                shared[spec.file] = read_yaml(path.parent / spec.file, file_where, error)
            raw: object = shared[spec.file]
            read_words = _words if spec.kind == "words" else _plurals
            if spec.key:
                raw = Reader(raw, file_where, error).data.get(spec.key)
                values[entry.name] = read_words(
                    spec, raw, f"{file_where} > {spec.key}", error, strict=True
                )
            else:
                values[entry.name] = read_words(spec, raw, file_where, error, strict=False)
            keys.setdefault(spec.file, set()).update({spec.key} if spec.key else spec.keys)
    for name, known in keys.items():
        _no_other(Reader(shared[name], beside(where, name), error), tuple(known))
    return read(cls, data, where, error, given=values, outer=outer)


def source_where(cls: type, language: str) -> str:
    """The file a content type is read from in ``language`` (its ``SOURCE`` in the
    language's folder), as messages name it."""
    source: str = getattr(cls, "SOURCE", "")  # Booklet.SOURCE, RouteMap.SOURCE, ...
    return f"content/{language}/{source}"


def languages_of(cls: type, content_dir: Path) -> list[str]:
    """The languages that have ``cls``: the folders of ``content_dir`` with its SOURCE."""
    source: str = getattr(cls, "SOURCE", "")
    folders = content_dir.iterdir() if content_dir.is_dir() else ()
    return sorted(p.name for p in folders if (p / source).is_file())


def load_language(
    cls: type[T],
    content_dir: Path,
    language: str,
    error: type[DataError],
    *,
    given: Mapping[str, Any] | None = None,
    outer: Mapping[str, Any] | None = None,
) -> T:
    """``cls`` in one language, from ``content_dir/<language>/<cls.SOURCE>``."""
    where = source_where(cls, language)
    path = content_dir / language / where.removeprefix(f"content/{language}/")
    given = {"language": language, **(given or {})}
    return load(cls, path, where, error, given=given, outer=outer)
