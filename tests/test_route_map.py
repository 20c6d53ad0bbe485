"""The route map: data checked against one schema, drawn in every language, linked, printable."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from axe import axe_violations
from conftest import ROOT, BuiltSite, site_profile
from page_visit import DESKTOP, PHONE, visit
from site_pages import LANGUAGES, soup

from kaketoe._parity import parity_problems
from kaketoe._route_map import RouteMapError, load_route_map
from kaketoe.cli import main

ROUTE_LANGUAGES = ("nl", "en", "ar")
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def edit_route(content: Path, language: str, change: Any) -> None:
    path = content / language / "route-map" / "route.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def station(data: dict[str, Any], index: int) -> dict[str, Any]:
    stations = [s for stage in data["stages"] for s in stage["stations"]]
    found: dict[str, Any] = stations[index]
    return found


@pytest.mark.parametrize(
    ("language", "change", "expected"),
    [
        (
            "nl",
            lambda d: station(d, 0).update(colour="red"),
            ["station '1a'", "unknown field(s) colour"],
        ),
        ("en", lambda d: station(d, 2).pop("title"), ["content/en/route-map/route.yml", "'title'"]),
        (
            "nl",
            lambda d: station(d, 1)["handbook"].append("no-such-chapter"),
            ["station '1b'", "field 'handbook'", "handbook/no-such-chapter.md does not exist"],
        ),
        (
            "ar",
            lambda d: d["handbook_titles"].pop("guiding-children"),
            ["handbook_titles", "'guiding-children'"],
        ),
        (
            "nl",
            lambda d: station(d, 3)["toolkit"].append("poster"),
            ["station '2b'", "no toolkit part 'poster'"],
        ),
        ("en", lambda d: d["labels"].pop("actions"), ["labels", "'actions'"]),
        ("nl", lambda d: d["stages"][2].update(colour="purple"), ["stage '3'", "'colour'"]),
    ],
)
def test_bad_route_data_is_refused_with_file_and_field(
    tmp_path: Path, language: str, change: Any, expected: list[str]
) -> None:
    """Unknown keys, missing texts and links to pages that do not exist name file and field."""
    content = copy_content(tmp_path)
    edit_route(content, language, change)
    with pytest.raises(RouteMapError) as raised:
        load_route_map(content, language)
    for fragment in expected:
        assert fragment in str(raised.value)


def test_a_translation_that_differs_in_shape_is_reported(tmp_path: Path) -> None:
    """A translation that drops an action or a link is named by the parity check and the CLI."""
    content = copy_content(tmp_path)
    edit_route(content, "ar", lambda d: station(d, 2)["actions"].pop())
    routes = {language: load_route_map(content, language) for language in ROUTE_LANGUAGES}
    problems = parity_problems(routes, "nl")
    assert problems == [
        "content/ar/route-map/route.yml > stage '2' > station '2a': 'actions' has 4 entries "
        "(in content/nl/route-map/route.yml: 5); ids, kinds, order and counts must be the "
        "same in every language: translate only the texts"
    ]
    assert main(["check-content", "--content", str(content)]) == 1


def test_the_build_stops_on_a_broken_route_map(tmp_path: Path) -> None:
    """A link to a missing handbook page stops the site build, naming the file."""
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", ".*cache*"),
    )
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    edit_route(project / "content", "en", lambda d: station(d, 0)["handbook"].append("gone"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "content/en/route-map/route.yml" in result.stderr
    assert "handbook/gone.md does not exist" in result.stderr


@pytest.mark.parametrize("language", ROUTE_LANGUAGES)
def test_every_link_on_the_map_leads_to_a_page(built_site: BuiltSite, language: str) -> None:
    """Each station has actions and links, and every link resolves to a built page."""
    built_file = f"{LANGUAGES[language]}route-map/index.html"
    page = soup(built_site.path, built_file)
    stations = page.select(".route-map .route-map__station")
    assert [s["id"] for s in stations] == [f"station-{i}" for i in ("1a", "1b", "2a", "2b", "3")]
    here = urljoin(built_site.url, LANGUAGES[language] + "route-map/")
    hrefs = [str(a["href"]) for a in page.select(".route-map a, .route-map__list a")]
    assert len(hrefs) >= 2 * 25
    for href in hrefs:
        path = urlsplit(urljoin(here, href)).path.lstrip("/")
        assert (built_site.path / path / "index.html").is_file(), href


def test_arabic_map_links_to_the_english_handbook_and_says_so(built_site: BuiltSite) -> None:
    """In Arabic the handbook links go to the English pages, marked and announced as English."""
    page = soup(built_site.path, "ar/route-map/index.html")
    links = page.select(".route-map__detail a[hreflang]")
    assert links
    assert {link["hreflang"] for link in links} == {"en"}
    assert all(str(link["href"]).startswith("../../en/handbook/") for link in links)
    for link in links:
        assert link.parent is not None
        assert "(بالإنجليزية)" in link.parent.get_text()


@pytest.mark.parametrize(
    ("language", "chapter", "station_id"),
    [("nl", "guiding-children", "2a"), ("en", "appendix-9-monitoring-checklist", "3")],
)
def test_handbook_pages_link_back_to_their_station(
    built_site: BuiltSite, language: str, chapter: str, station_id: str
) -> None:
    """A handbook page names the station of the route map it belongs to."""
    page = soup(built_site.path, f"{LANGUAGES[language]}handbook/{chapter}/index.html")
    back = [a for a in page.select("article a[href]") if "route-map/" in str(a["href"])]
    assert any(str(a["href"]).endswith(f"route-map/#station-{station_id}") for a in back)


@pytest.mark.parametrize("language", ROUTE_LANGUAGES)
def test_start_page_and_handbook_lead_to_the_map(built_site: BuiltSite, language: str) -> None:
    """The start page links to the route map, and so does the handbook's introduction."""
    start = soup(built_site.path, f"{LANGUAGES[language]}index.html")
    assert start.select('article a[href="route-map/"]')
    if language != "ar":
        intro = soup(built_site.path, f"{LANGUAGES[language]}handbook/introduction/index.html")
        assert intro.select('article a[href="../../route-map/"]')


# In Chromium ---------------------------------------------------------------------------


@pytest.fixture
def profile(browser: Any) -> Iterator[Any]:
    context = site_profile(browser, viewport=PHONE, has_touch=True, is_mobile=True)
    yield context
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ROUTE_LANGUAGES)
def test_a_station_opens_from_the_keyboard(browser: Any, site_server: str, language: str) -> None:
    """Tab reaches a station; Enter opens it to show its actions and links."""
    context = site_profile(browser, viewport=DESKTOP)
    try:
        page = visit(
            context, urljoin(site_server, f"{LANGUAGES[language]}route-map/"), site_server
        ).page
        first = page.locator("#station-1a summary")
        first.focus()
        assert (
            page.evaluate("document.activeElement.closest('.route-map__station').id")
            == "station-1a"
        )
        assert not page.locator("#station-1a .route-map__detail a").first.is_visible()
        page.keyboard.press("Enter")
        assert page.locator("#station-1a details").get_attribute("open") is not None
        assert page.locator("#station-1a .route-map__detail a").first.is_visible()
        box = first.bounding_box()
        assert box is not None
        assert box["height"] >= 44
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ROUTE_LANGUAGES)
def test_map_on_a_phone_is_clean_and_accessible(
    profile: Any, site_server: str, language: str
) -> None:
    """At phone size, with a station open, the map has no axe violation and no sideways scroll."""
    record = visit(profile, urljoin(site_server, f"{LANGUAGES[language]}route-map/"), site_server)
    page = record.page
    page.locator("#station-2b summary").click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert record.problems()["console errors"] == []
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ROUTE_LANGUAGES)
def test_the_whole_map_prints_on_one_landscape_sheet(
    browser: Any, site_server: str, language: str
) -> None:
    """Printed to PDF by Chromium, the map with every station open fills one A4 landscape page."""
    context = site_profile(browser, viewport=DESKTOP)
    try:
        record = visit(
            context, urljoin(site_server, f"{LANGUAGES[language]}route-map/"), site_server
        )
        record.settle()  # everything the page fetches is in before it is printed
        page = record.page
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
        assert len(PDF_PAGE.findall(pdf)) == 1
        width, height = (float(value) for value in sizes[0])
        assert width > height, "landscape"
        page.emulate_media(media="print")
        assert page.locator("#station-3 .route-map__detail").is_visible(), "stations print open"
        assert not page.locator(".route-map__list").is_visible()
    finally:
        context.close()


def test_a_rebuild_shows_an_edited_route(tmp_path: Path) -> None:
    """`mkdocs serve` keeps the hook loaded between builds: an edited route.yml is
    read again when the next build starts, not kept from the first."""
    from types import SimpleNamespace

    from hook_module import load_hook

    hook = load_hook("route_map")
    content = copy_content(tmp_path)
    config: Any = SimpleNamespace(docs_dir=str(content))
    hook.on_pre_build(config=config)
    before = next(iter(hook._route(config, "en").stations())).title
    edit_route(content, "en", lambda d: station(d, 0).update(title="Edited while serving"))
    assert next(iter(hook._route(config, "en").stations())).title == before
    hook.on_pre_build(config=config)
    assert next(iter(hook._route(config, "en").stations())).title == "Edited while serving"
