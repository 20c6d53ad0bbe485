"""Which handbook guidance fits an activity a child would rather talk about.

``content/<lang>/counselor/viewer.yml`` names, per part of the booklet and in
general, handbook pages and the titles of headings on them. When the content
is built, each reference is checked against the handbook page and becomes a
link with the heading's anchor, made the way the site makes it (Python
Markdown's ``toc`` extension). The browser gets the links as data; the viewer
shows them next to the activities the child marked "I'd rather talk about it".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaketoe._data import PART_IDS, DataError, Reader, read_yaml

VIEWER_FILE = "viewer.yml"
WORDS = ("title", "intro", "open_label", "drop_hint", "close", "privacy_note")
TOP_KEYS = (
    *WORDS,
    "talk_title",
    "talk_intro",
    "guidance_label",
    "family_copy",
    "left_out",
    "general",
    "parts",
)
# The counselor tools exist in Dutch and English, which have the same two plural forms.
PLURAL_FORMS = ("one", "other")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


class GuidanceError(DataError):
    """The viewer's guidance is wrong somewhere; the message says where."""


@dataclass(frozen=True)
class Link:
    page: str  # handbook page name: "guiding-children"
    anchor: str  # the heading's id on that page
    title: str

    def href(self) -> str:
        """Relative to the language's site folder."""
        return f"handbook/{self.page}/#{self.anchor}"


@dataclass(frozen=True)
class Guidance:
    language: str
    words: dict[str, str]  # the viewer's own screen words
    talk_title: str
    talk_intro: str
    guidance_label: str
    family_copy: str  # said above a family's copy: what the viewer shows of it
    left_out: dict[str, str]  # "one" and "other": how many items were left out, {n}
    general: tuple[Link, ...]
    parts: dict[str, tuple[Link, ...]]


def headings(page: Path) -> list[str]:
    """The headings of a Markdown page, in order."""
    found = []
    for line in page.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if match:
            found.append(match.group(1))
    return found


def _links(items: Iterable[Any], handbook: Path, where: str) -> tuple[Link, ...]:
    from markdown.extensions.toc import slugify  # the site's own ids; only at build time

    links = []
    for i, item in enumerate(items):
        inner = Reader(item, f"{where} {i + 1}", GuidanceError)
        page, heading = inner.identifier("page"), inner.text("heading")
        path = handbook / f"{page}.md"
        if not path.is_file():
            raise GuidanceError(inner.where, f"there is no handbook page {page}.md")
        if heading not in headings(path):
            raise GuidanceError(inner.where, f"{page}.md has no heading '{heading}'")
        links.append(Link(page, slugify(heading, "-"), heading))
    return tuple(links)


def _plural(reader: Reader, name: str) -> dict[str, str]:
    forms = Reader(reader.data.get(name), f"{reader.where} > {name}", GuidanceError)
    forms.only(PLURAL_FORMS)
    words = {form: forms.text(form) for form in PLURAL_FORMS}
    if "{n}" not in words["other"]:
        raise GuidanceError(forms.where, "the 'other' form needs the number as {n}")
    return words


def count_words(forms: Mapping[str, str], count: int) -> str:
    """The sentence for ``count`` from its plural forms (Dutch and English: one, other)."""
    return forms["one" if count == 1 else "other"].replace("{n}", str(count))


def load_guidance(content_dir: Path, language: str, part_ids: Iterable[str] = PART_IDS) -> Guidance:
    where = f"content/{language}/counselor/{VIEWER_FILE}"
    data = read_yaml(content_dir / language / "counselor" / VIEWER_FILE, where, GuidanceError)
    reader = Reader(data, where, GuidanceError)
    reader.only(TOP_KEYS)
    handbook = content_dir / language / "handbook"
    parts_reader = Reader(reader.data.get("parts"), f"{where} > parts", GuidanceError)
    expected = list(part_ids)
    if sorted(parts_reader.data) != sorted(expected):
        raise GuidanceError(parts_reader.where, f"needs exactly the parts {', '.join(expected)}")
    return Guidance(
        language=language,
        words={key: reader.text(key) for key in WORDS},
        talk_title=reader.text("talk_title"),
        talk_intro=reader.text("talk_intro"),
        guidance_label=reader.text("guidance_label"),
        family_copy=reader.text("family_copy"),
        left_out=_plural(reader, "left_out"),
        general=_links(reader.items("general"), handbook, f"{where} > general"),
        parts={
            part: _links(parts_reader.items(part), handbook, f"{parts_reader.where} > {part}")
            for part in expected
        },
    )


def guidance_to_data(guidance: Guidance) -> dict[str, Any]:
    def links(values: tuple[Link, ...]) -> list[dict[str, str]]:
        return [{"href": link.href(), "title": link.title} for link in values]

    return {
        **guidance.words,
        "talk_title": guidance.talk_title,
        "talk_intro": guidance.talk_intro,
        "guidance_label": guidance.guidance_label,
        "family_copy": guidance.family_copy,
        "left_out": dict(guidance.left_out),
        "general": links(guidance.general),
        "parts": {part: links(values) for part, values in guidance.parts.items()},
    }
