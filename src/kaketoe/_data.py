"""Reading content data (YAML or JSON) with messages that say where a problem is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
# The four parts of the booklet and of the cards, a to d, in these colours.
PART_IDS = ("a", "b", "c", "d")
PART_COLOURS = ("purple", "green", "blue", "orange")
CREST_POSITIONS = range(5)  # the kaketoe's crest: 0 flat on the head ... 4 straight up


class DataError(ValueError):
    """Content data is wrong somewhere: ``where`` names the file and the thing, ``problem`` what."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class Reader:
    """Reads one mapping of plain data, naming the file and the thing on any problem
    as an ``error`` (the content type's own kind of :class:`DataError`)."""

    def __init__(self, data: object, where: str, error: type[DataError] = DataError) -> None:
        if not isinstance(data, Mapping):
            raise error(where, "expected a mapping of fields")
        self.data: Mapping[str, Any] = data
        self.where = where
        self.error = error

    def only(self, keys: tuple[str, ...]) -> None:
        """Refuses any field not in ``keys``."""
        unknown = sorted(str(key) for key in self.data if key not in keys)
        if unknown:
            raise self.error(self.where, f"unknown field(s) {', '.join(unknown)}")

    def text(self, name: str, *, optional: bool = False) -> str:
        value = self.data.get(name)
        if optional and value in (None, ""):
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.error(self.where, f"field '{name}' needs text")
        return value.strip()

    def identifier(self, name: str = "id") -> str:
        value = self.text(name)
        if not set(value) <= ID_CHARACTERS:
            raise self.error(self.where, f"field '{name}' may hold only a-z, 0-9 and '-'")
        return value

    def number(self, name: str, allowed: range) -> int:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise self.error(
                self.where,
                f"field '{name}' must be a whole number from {allowed.start} to {allowed.stop - 1}",
            )
        return value

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            raise self.error(self.where, f"field '{name}' must be true or false")
        return value

    def items(self, name: str, *, optional: bool = False) -> list[Any]:
        value = self.data.get(name)
        if value is None and optional:
            return []
        if not isinstance(value, list) or not value:
            raise self.error(self.where, f"field '{name}' needs a list")
        return value

    def texts(self, name: str, *, optional: bool = False) -> tuple[str, ...]:
        values = self.items(name, optional=optional)
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.error(self.where, f"every entry of '{name}' needs text")
        return tuple(v.strip() for v in values)


def unique(ids: Sequence[str], where: str, what: str, error: type[DataError]) -> None:
    """Refuses an id given twice."""
    seen: set[str] = set()
    for identifier in ids:
        if identifier in seen:
            raise error(where, f"{what} id '{identifier}' is used twice")
        seen.add(identifier)


def read_yaml(path: Path, where: str, error: type[DataError]) -> Any:
    """One content file as plain data; a missing or broken file is named."""
    import yaml  # only here: the browser reads JSON and has no YAML

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(where, "file is missing") from None
    except yaml.YAMLError as problem:
        raise error(where, f"not valid YAML: {problem}") from None
