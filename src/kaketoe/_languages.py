"""What a language is written like: one place for the text direction."""

from __future__ import annotations

from typing import Literal

# Languages written from right to left, among those we have and those asked for
# (Arabic; Persian is next, issue 21).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


def direction(language: str) -> Literal["ltr", "rtl"]:
    """The ``dir`` of a text in ``language`` (a code such as "nl" or "ar")."""
    return "rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr"
