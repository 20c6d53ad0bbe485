"""Jinja2 with autoescape for the export file and the report.

Every answer is the child's own text, and a file may come from anywhere, so
nothing is ever marked safe except our own stylesheet. Bidi override and
isolate controls are removed from answers: they could make a printed answer
read differently from what was typed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from kaketoe._answers import Workbook
from kaketoe._booklet import Booklet
from kaketoe._card_answers import plan_point_shown, question_texts

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """The text without characters that reorder what follows them."""
    return _BIDI_CONTROLS.sub("", text)


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("kaketoe", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["plain"] = plain
    return environment


_ENVIRONMENT = _environment()


@cache
def stylesheet(name: str) -> str:
    return resources.files("kaketoe").joinpath("templates", name).read_text(encoding="utf-8")


def style_hash(css: str) -> str:
    """The CSP source that allows exactly this inline <style> element."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def lookups(booklet: Booklet, workbook: Workbook) -> dict[str, Any]:
    """Labels by id, in the booklet's language, for what an answer stores as ids."""
    return {
        "feelings": {feeling.id: feeling.label for feeling in booklet.feelings},
        "options": {
            activity.id: {option.id: option.label for option in activity.options}
            for activity in booklet.activities()
        },
        "roles": {role.id: role.label for role in booklet.goodbye.roles},
        "sticker_labels": {sticker.id: sticker.label for sticker in booklet.stickers},
        "placed": {sticker.station: sticker.sticker for sticker in workbook.stickers},
        "questions": question_texts(booklet.deck) if booklet.deck else {},
        # Whether the counselor's copy holds a plan point: the family's copy says so per point.
        "point_shown": lambda point: plan_point_shown(point, workbook.cards),
    }


def render(template: str, stylesheet_name: str = "booklet.css", **context: Any) -> str:
    css = stylesheet(stylesheet_name)
    return _ENVIRONMENT.get_template(template).render(
        css=css, css_source=style_hash(css), **context
    )


def render_fragment(template: str, **context: Any) -> str:
    """A template that is part of another page: no stylesheet of its own."""
    return _ENVIRONMENT.get_template(template).render(**context)
