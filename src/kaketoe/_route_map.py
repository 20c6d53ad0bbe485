"""The route map: the three steps of a child-friendly return, as validated data.

One file per language, ``content/<lang>/route-map/route.yml``, with the same
stages, stations and lists in every language. The site's hook draws the map
from it; ``kaketoe check-content`` and the build check it: an unknown key, a
missing text or a link to a page that does not exist is refused with the
file and the field named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaketoe._data import DataError, Reader

ROUTE_FILE = "route.yml"
STAGE_COLOURS = ("blue", "green", "orange")
LABELS = ("stage", "actions", "handbook", "toolkit", "handbook_note", "as_list", "on_map")
TOP_KEYS = ("handbook_language", "labels", "handbook_titles", "toolkit", "stages")
STAGE_KEYS = ("id", "colour", "title", "stations")
STATION_KEYS = ("id", "code", "title", "summary", "actions", "handbook", "toolkit")


class RouteMapError(DataError):
    """The route map's data is wrong somewhere; the message says where."""


class _Reader(Reader):
    error = RouteMapError


@dataclass(frozen=True)
class ToolkitPart:
    id: str
    label: str
    page: str  # a site page, relative to the language folder: "brochure/index.md"


@dataclass(frozen=True)
class Station:
    id: str
    code: str  # as the map shows it: "1A", in Arabic "1أ"
    title: str
    summary: str
    actions: tuple[str, ...]
    handbook: tuple[str, ...]  # handbook page names: "guiding-children"
    toolkit: tuple[str, ...]  # ToolkitPart ids


@dataclass(frozen=True)
class Stage:
    id: str
    colour: str
    title: str
    stations: tuple[Station, ...]


@dataclass(frozen=True)
class RouteMap:
    language: str
    handbook_language: str
    labels: Mapping[str, str]
    handbook_titles: Mapping[str, str]  # page name -> title; empty: use the page's own title
    toolkit: Mapping[str, ToolkitPart]
    stages: tuple[Stage, ...]

    def stations(self) -> list[Station]:
        return [station for stage in self.stages for station in stage.stations]


def _list(reader: _Reader, name: str) -> tuple[str, ...]:
    values = reader.data.get(name)
    if values == []:
        return ()
    return reader.texts(name)


def _station(data: object, where: str) -> Station:
    reader = _Reader(data, where)
    identifier = reader.identifier()
    reader = _Reader(data, f"{where} > station '{identifier}'")
    reader.only(STATION_KEYS)
    return Station(
        id=identifier,
        code=reader.text("code"),
        title=reader.text("title"),
        summary=reader.text("summary"),
        actions=reader.texts("actions"),
        handbook=_list(reader, "handbook"),
        toolkit=_list(reader, "toolkit"),
    )


def _stage(data: object, where: str) -> Stage:
    reader = _Reader(data, where)
    identifier = reader.identifier()
    reader = _Reader(data, f"{where} > stage '{identifier}'")
    reader.only(STAGE_KEYS)
    colour = reader.text("colour")
    if colour not in STAGE_COLOURS:
        raise RouteMapError(
            reader.where, f"field 'colour' must be one of {', '.join(STAGE_COLOURS)}"
        )
    return Stage(
        id=identifier,
        colour=colour,
        title=reader.text("title"),
        stations=tuple(_station(s, reader.where) for s in reader.items("stations")),
    )


def route_map_from_data(data: object, language: str, content_dir: Path) -> RouteMap:
    """A validated route map; links are checked against the pages in ``content_dir``."""
    where = f"content/{language}/route-map/{ROUTE_FILE}"
    reader = _Reader(data, where)
    reader.only(TOP_KEYS)
    handbook_language = reader.identifier("handbook_language")
    labels_reader = _Reader(reader.data.get("labels"), f"{where} > labels")
    labels_reader.only(LABELS)
    # The note after a handbook link is empty where the handbook is in this language.
    labels = {key: labels_reader.text(key, optional=key == "handbook_note") for key in LABELS}
    toolkit_reader = _Reader(reader.data.get("toolkit"), f"{where} > toolkit")
    toolkit = {}
    for part_id, part in toolkit_reader.data.items():
        part_reader = _Reader(part, f"{where} > toolkit > {part_id}")
        part_reader.only(("label", "page"))
        toolkit[str(part_id)] = ToolkitPart(
            id=str(part_id), label=part_reader.text("label"), page=part_reader.text("page")
        )
    titles_data = reader.data.get("handbook_titles", {})
    titles_reader = _Reader(titles_data, f"{where} > handbook_titles")
    titles = {str(page): titles_reader.text(str(page)) for page in titles_reader.data}
    route = RouteMap(
        language=language,
        handbook_language=handbook_language,
        labels=labels,
        handbook_titles=titles,
        toolkit=toolkit,
        stages=tuple(_stage(s, where) for s in reader.items("stages")),
    )
    _check_links(route, where, content_dir)
    return route


def _check_links(route: RouteMap, where: str, content_dir: Path) -> None:
    if [stage.colour for stage in route.stages] != list(STAGE_COLOURS):
        raise RouteMapError(where, "the stages must be blue, green and orange, in order")
    ids = [station.id for station in route.stations()]
    if len(set(ids)) != len(ids):
        raise RouteMapError(where, "every station needs its own id")
    for part in route.toolkit.values():
        if not (content_dir / route.language / part.page).is_file():
            raise RouteMapError(
                f"{where} > toolkit > {part.id}",
                f"field 'page': content/{route.language}/{part.page} does not exist",
            )
    for station in route.stations():
        here = f"{where} > station '{station.id}'"
        for page in station.handbook:
            target = content_dir / route.handbook_language / "handbook" / f"{page}.md"
            if not target.is_file():
                raise RouteMapError(
                    here,
                    f"field 'handbook': content/{route.handbook_language}/handbook/{page}.md "
                    "does not exist",
                )
            if route.handbook_language != route.language and page not in route.handbook_titles:
                raise RouteMapError(
                    f"{where} > handbook_titles",
                    f"'{page}' needs a title in this language (the handbook is in "
                    f"{route.handbook_language})",
                )
        for part_id in station.toolkit:
            if part_id not in route.toolkit:
                raise RouteMapError(here, f"field 'toolkit': no toolkit part '{part_id}'")


def load_route_map(content_dir: Path, language: str) -> RouteMap:
    import yaml  # only here: the browser never reads the route map

    path = content_dir / language / "route-map" / ROUTE_FILE
    where = f"content/{language}/route-map/{ROUTE_FILE}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RouteMapError(where, "file is missing") from None
    except yaml.YAMLError as error:
        raise RouteMapError(where, f"not valid YAML: {error}") from None
    return route_map_from_data(data, language, content_dir)


def route_map_languages(content_dir: Path) -> list[str]:
    return sorted(p.parent.parent.name for p in content_dir.glob(f"*/route-map/{ROUTE_FILE}"))


def _shape(route: RouteMap) -> dict[str, Any]:
    return {
        "stages": [(s.id, s.colour, [st.id for st in s.stations]) for s in route.stages],
        "actions per station": [len(st.actions) for st in route.stations()],
        "handbook links": [st.handbook for st in route.stations()],
        "toolkit links": [st.toolkit for st in route.stations()],
        "toolkit parts": sorted((p.id, p.page) for p in route.toolkit.values()),
    }


def route_map_parity(routes: Mapping[str, RouteMap], source_language: str) -> list[str]:
    """One sentence per way a translation differs from the source language's route map."""
    source = routes.get(source_language)
    if source is None:
        return [f"content/{source_language}/route-map/{ROUTE_FILE} is missing"]
    expected = _shape(source)
    problems = []
    for language, route in sorted(routes.items()):
        found = _shape(route)
        for key, value in expected.items():
            if found[key] != value:
                problems.append(
                    f"content/{language}/route-map/{ROUTE_FILE}: {key} differ from "
                    f"content/{source_language}/route-map/{ROUTE_FILE} (translate only the texts)"
                )
    return problems
