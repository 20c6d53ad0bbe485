"""Draw the route map from its data, and link the handbook's pages back to it.

``content/<lang>/route-map/index.md`` holds the marker ``<!-- route-map -->``;
this hook replaces it with the map rendered from ``route.yml`` of that
language (validated by the ``kaketoe`` package: a bad file stops the build
with the file and field named). Every handbook page that a station links to
gets a line at its end that links back to those stations.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from _i18n import i18n_plugin
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kaketoe._route_map import RouteMap, RouteMapError, load_route_map

MARKER = "<!-- route-map -->"
MAP_PAGE = "route-map/index.md"
TEMPLATE = "route-map/map.html"
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)

# Each build reads route.yml once per language (the map page and every handbook
# page use it); emptied when a build starts, so `mkdocs serve` shows an edit.
_routes: dict[str, RouteMap] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    _routes.clear()


def _route(config: MkDocsConfig, language: str) -> RouteMap:
    if language not in _routes:
        try:
            _routes[language] = load_route_map(Path(config.docs_dir), language)
        except RouteMapError as error:
            raise PluginError(f"The route map cannot be built: {error}") from None
    return _routes[language]


def _language_folder(config: MkDocsConfig, language: str) -> str:
    return "" if language == i18n_plugin(config).default_language else f"{language}/"


def _page_title(config: MkDocsConfig, language: str, page: str) -> str:
    source = Path(config.docs_dir, language, "handbook", f"{page}.md").read_text(encoding="utf-8")
    found = _TITLE.search(source)
    return found.group(1) if found else page


def render_map(config: MkDocsConfig, route: RouteMap) -> str:
    # From <lang>/route-map/ up to the site root, then into the handbook's language.
    to_root = "../" * (1 + _language_folder(config, route.language).count("/"))
    handbook_root = to_root + _language_folder(config, route.handbook_language) + "handbook/"
    other_language = route.handbook_language != route.language
    handbook_links = {
        station.id: [
            {
                "href": f"{handbook_root}{page}/",
                "hreflang": route.handbook_language if other_language else "",
                "title": route.handbook_titles.get(page)
                or _page_title(config, route.handbook_language, page),
            }
            for page in station.handbook
        ]
        for station in route.stations()
    }
    toolkit_links = {
        part.id: "../" + posixpath.dirname(part.page) + "/" for part in route.toolkit.values()
    }
    environment = Environment(
        loader=FileSystemLoader(str(config.theme.custom_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE).render(
        route=route, handbook_links=handbook_links, toolkit_links=toolkit_links
    )


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = i18n_plugin(config).current_language
    path = page.file.src_uri.removeprefix(f"{language}/")
    if path == MAP_PAGE:
        if MARKER not in markdown:
            raise PluginError(f"{page.file.src_uri}: the route map page needs {MARKER}")
        return markdown.replace(MARKER, render_map(config, _route(config, language)))
    name = posixpath.splitext(posixpath.basename(path))[0]
    if (
        posixpath.dirname(path) != "handbook"
        or not Path(config.docs_dir, language, "route-map").is_dir()
    ):
        return markdown
    route = _route(config, language)
    if route.handbook_language != language:
        return markdown
    stations = [station for station in route.stations() if name in station.handbook]
    if not stations:
        return markdown
    links = ", ".join(
        f"[{station.code}. {station.title}](../{MAP_PAGE}#station-{station.id})"
        for station in stations
    )
    return f"{markdown.rstrip()}\n\n{route.labels['on_map']} {links}\n"
