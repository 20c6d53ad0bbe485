"""The route map: the three steps of a child-friendly return, as validated data.

One file per language, ``content/<lang>/route-map/route.yml``, with the same
stages, stations and lists in every language. The site's hook draws the map
from it; ``kaketoe check-content`` and the build check it: an unknown key, a
missing text or a link to a page that does not exist is refused with the
file and the field named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from kaketoe import _schema as schema
from kaketoe._data import DataError
from kaketoe._schema import languages_of, load_language

ROUTE_FILE = "route.yml"
STAGE_COLOURS = ("blue", "green", "orange")
LABELS = ("stage", "actions", "handbook", "toolkit", "handbook_note", "as_list", "on_map")


class RouteMapError(DataError):
    """The route map's data is wrong somewhere; the message says where."""


@dataclass(frozen=True)
class ToolkitPart:
    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.TEXT)
    # a site page, relative to the language folder: "brochure/index.md"
    page: str = field(metadata=schema.text(same=True))

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        language = outer["language"]
        if not (outer["content_dir"] / language / self.page).is_file():
            raise error(where, f"field 'page': content/{language}/{self.page} does not exist")


@dataclass(frozen=True)
class Station:
    id: str = field(metadata=schema.ID)
    code: str = field(metadata=schema.TEXT)  # as the map shows it: "1A", in Arabic "1أ"
    title: str = field(metadata=schema.TEXT)
    summary: str = field(metadata=schema.TEXT)
    actions: tuple[str, ...] = field(metadata=schema.texts())
    # handbook page names: "guiding-children"
    handbook: tuple[str, ...] = field(default=(), metadata=schema.texts(optional=True, same=True))
    toolkit: tuple[str, ...] = field(default=(), metadata=schema.texts(optional=True, same=True))

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        handbook_language, language = outer["handbook_language"], outer["language"]
        for page in self.handbook:
            if not (outer["content_dir"] / handbook_language / "handbook" / f"{page}.md").is_file():
                raise error(
                    where,
                    f"field 'handbook': content/{handbook_language}/handbook/{page}.md "
                    "does not exist",
                )
            if handbook_language != language and page not in outer["handbook_titles"]:
                raise error(
                    where,
                    f"'{page}' needs a title in handbook_titles, in this language (the handbook "
                    f"is in {handbook_language})",
                )
        for part_id in self.toolkit:
            if part_id not in outer["toolkit"]:
                raise error(where, f"field 'toolkit': no toolkit part '{part_id}'")


@dataclass(frozen=True)
class Stage:
    id: str = field(metadata=schema.ID)
    colour: str = field(metadata=schema.choice(STAGE_COLOURS))
    title: str = field(metadata=schema.TEXT)
    stations: tuple[Station, ...] = field(metadata=schema.items(Station, "station"))


@dataclass(frozen=True)
class RouteMap:
    SOURCE: ClassVar[str] = f"route-map/{ROUTE_FILE}"

    language: str  # the folder it is read from
    # the language of the handbook pages the map links to
    handbook_language: str = field(metadata=schema.identifier(same=False))
    labels: Mapping[str, str] = field(metadata=schema.words(LABELS, blank=("handbook_note",)))
    # page name -> title; empty: use the page's own title
    handbook_titles: Mapping[str, str] = field(metadata=schema.words(optional=True))
    toolkit: Mapping[str, ToolkitPart] = field(metadata=schema.table(ToolkitPart, "toolkit part"))
    stages: tuple[Stage, ...] = field(metadata=schema.items(Stage, "stage"))

    def stations(self) -> list[Station]:
        return [station for stage in self.stages for station in stage.stations]

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        if [stage.colour for stage in self.stages] != list(STAGE_COLOURS):
            raise error(where, "the stages must be blue, green and orange, in order")
        ids = [station.id for station in self.stations()]
        if len(set(ids)) != len(ids):
            raise error(where, "every station needs its own id")


def load_route_map(content_dir: Path, language: str) -> RouteMap:
    """The route map of ``content/<language>/route-map/``; its links are checked
    against the pages in ``content_dir``."""
    return load_language(
        RouteMap, content_dir, language, RouteMapError, outer={"content_dir": content_dir}
    )


def route_map_languages(content_dir: Path) -> list[str]:
    return languages_of(RouteMap, content_dir)
