"""Checking plain data that comes from outside (the app, a file): each check
names where the problem is, as an :class:`AnswerError`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

# What a child did with an activity or a card: answered it, skipped it, or kept it for a talk.
State = Literal["answered", "skipped", "talk"]
STATES: tuple[State, ...] = ("answered", "skipped", "talk")
MAX_TEXT = 5_000  # characters in one written answer


class AnswerError(ValueError):
    """Data that cannot be held; ``where`` names the part that is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where


def text(value: object, where: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise AnswerError(where, "must be text")
    if len(value) > limit:
        raise AnswerError(where, f"is longer than {limit} characters")
    if required and not value.strip():
        raise AnswerError(where, "is empty")
    return value


# Characters that change the direction of the text around them: embeddings,
# overrides, isolates and the direction marks. A name never needs them.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def name(value: object, where: str, limit: int) -> str:
    """A name as people read and compare it: NFKC, without direction controls,
    without spaces around it; not empty and at most ``limit`` characters then."""
    raw = text(value, where, limit * 10, required=True)  # bounds the work on a hostile file
    cleaned = BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", BIDI_CONTROLS.sub("", raw)))
    cleaned = cleaned.strip()
    if not cleaned:
        raise AnswerError(where, "is empty")
    if len(cleaned) > limit:
        raise AnswerError(where, f"is longer than {limit} characters")
    return cleaned


def timestamp(value: object, where: str) -> str:
    moment = text(value, where, 40, required=True)
    try:
        datetime.fromisoformat(moment)
    except ValueError:
        raise AnswerError(where, "is not a date and time") from None
    return moment


def mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AnswerError(where, "must be an object")
    return value


def known_keys(data: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise AnswerError(where, f"unknown fields {', '.join(unknown)}")


def flag(data: Mapping[str, Any], name: str, where: str) -> bool:
    """A true/false field, false when absent."""
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise AnswerError(where, f"{name} must be true or false")
    return value
