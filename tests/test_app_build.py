"""The app is built in one step (kaketoe build-app), from one set of settings, into a
tree that mirrors the source (web/ is served as app/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT, BuiltSite

from kaketoe._answers import PROFILE_COLOUR_VALUES, STICKER_STATES
from kaketoe._app_build import TEMPLATES
from kaketoe._languages import direction
from kaketoe._settings import site_settings
from kaketoe.cli import main

SETTINGS = site_settings(ROOT)


def app_pages(site: Path) -> list[Path]:
    return sorted((site / "app").rglob("index.html"))


def test_the_settings_come_from_the_files_that_own_them() -> None:
    """The languages are mkdocs.yml's (the default first, the one MkDocs serves at the
    root) and Pyodide's version is the one package.json pins and npm installed."""
    assert SETTINGS.languages[0] == SETTINGS.default_language == "nl"
    assert set(SETTINGS.languages) == {"nl", "en", "ar"}
    installed = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())
    assert installed["version"] == SETTINGS.pyodide_version


def test_every_app_page_carries_the_one_set_of_settings(built_site: BuiltSite) -> None:
    """Each page of the children's app and the counselor tools tells its scripts the same
    settings: its language and direction, the default language, Pyodide's version (a
    folder that exists), and the rules the screens apply without Python."""
    pages = app_pages(built_site.path)
    assert len(pages) >= 3 + 2 * 3
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = html.body
        assert body is not None
        language = str(body["data-language"])
        assert html.html is not None
        assert html.html["lang"] == language
        assert html.html["dir"] == direction(language)
        assert body["data-default-language"] == SETTINGS.default_language
        assert body["data-pyodide"] == SETTINGS.pyodide_version
        rules = json.loads(str(body["data-rules"]))
        assert rules["profile_colours"] == PROFILE_COLOUR_VALUES
        assert list(rules["profile_colours"]) == list(PROFILE_COLOUR_VALUES)  # offered in order
        assert rules["sticker_states"] == list(STICKER_STATES)
    pyodide = built_site.path / "app" / "pyodide" / SETTINGS.pyodide_version
    assert (pyodide / "pyodide.asm.wasm").is_file()


def test_the_served_app_mirrors_the_web_tree(built_site: BuiltSite) -> None:
    """Every file of web/ (but the templates the build renders) is served at the same
    path under app/, unchanged: an import that resolves in the source resolves served."""
    web = ROOT / "web"
    for source in web.rglob("*"):
        name = source.relative_to(web).as_posix()
        if source.is_file() and name not in TEMPLATES:
            served = built_site.path / "app" / name
            assert served.read_bytes() == source.read_bytes(), name


def test_build_app_runs_alone_on_a_built_site(built_site: BuiltSite, tmp_path: Path) -> None:
    """`kaketoe build-app SITE_DIR` puts the same app into a built site without MkDocs,
    and leaves nothing of an earlier app behind."""
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    (site / "app" / "stale.js").write_text("old", encoding="utf-8")
    assert main(["build-app", str(site), "--root", str(ROOT)]) == 0
    assert not (site / "app" / "stale.js").exists()
    built = sorted(
        p.relative_to(built_site.path).as_posix() for p in (built_site.path / "app").rglob("*")
    )
    again = sorted(p.relative_to(site).as_posix() for p in (site / "app").rglob("*"))
    assert again == built
    for data in ("data/booklets/ar.json", "data/forms/en.json", "workbook/main.js"):
        assert (site / "app" / data).read_bytes() == (built_site.path / "app" / data).read_bytes()
