"""The booklet content: complete in every language, the same shape, clear errors when wrong."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, BuiltSite
from workbook_samples import LANGUAGES, booklet, booklets

from kaketoe import (
    BookletError,
    __version__,
    booklet_from_json,
    booklet_to_json,
    load_booklet,
    parity_problems,
)
from kaketoe._booklet import KINDS
from kaketoe._bundle import bundle
from kaketoe._languages import direction
from kaketoe.cli import main


@pytest.mark.parametrize("language", LANGUAGES)
def test_booklet_has_four_coloured_parts_with_many_activities(language: str) -> None:
    """Parts A-D in purple, green, blue, orange; each with a story and at least 7 activities."""
    loaded = booklet(language)
    assert [(p.id, p.colour) for p in loaded.parts] == [
        ("a", "purple"),
        ("b", "green"),
        ("c", "blue"),
        ("d", "orange"),
    ]
    for part in loaded.parts:
        assert len(part.activities) >= 7
        assert len(part.story.paragraphs) >= 3
    assert {a.kind for a in loaded.activities()} == set(KINDS)
    assert loaded.direction == ("rtl" if language == "ar" else "ltr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sticker_and_picture_has_its_own_art(language: str) -> None:
    """At least 16 stickers; every sticker and choice picture has an SVG the export can carry."""
    loaded = booklet(language)
    assert len(loaded.stickers) >= 16
    pictures = {o.picture for a in loaded.activities() for o in a.options}
    for art_id in pictures | {s.id for s in loaded.stickers}:
        assert loaded.art[art_id].lstrip().startswith("<svg")


def test_every_language_has_the_same_booklet_shape() -> None:
    """Same ids, kinds, options and order in Dutch, English and Arabic."""
    assert parity_problems(booklets(), "nl") == []


def test_a_translation_that_drops_an_activity_is_reported(tmp_path: Path) -> None:
    """Parity names the language and what differs when a translation loses an activity."""
    content = copy_content(tmp_path)
    part = content / "en" / "workbook" / "part-b.yml"
    lines = part.read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
    last = lines[starts[-1]].removeprefix("  - id: ")
    del lines[starts[-1] :]  # the last activity of part B
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = {language: load_booklet(content, language) for language in ("nl", "en")}
    problems = parity_problems(loaded, "nl")
    assert problems
    assert problems == [
        f"content/en/workbook/part-b.yml: there is no activity '{last}' "
        "(in content/nl/workbook/part-b.yml: there is); ids, kinds, order and counts must be "
        "the same in every language: translate only the texts"
    ]


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for language in LANGUAGES:
        shutil.copytree(ROOT / "content" / language / "workbook", content / language / "workbook")
    shutil.copytree(ROOT / "content" / "assets" / "images", content / "assets" / "images")
    return content


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: drawing", "kind: painting", 1), ["part-", "activity '", "'kind'"]),
        (("prompt: ", "promptx: ", 1), ["part-", "activity '", "'prompt'"]),
        (("colour: purple", "colour: pink", 1), ["part-a.yml", "'colour'"]),
    ],
)
def test_an_error_names_file_id_and_field(
    tmp_path: Path, change: tuple[str, str, int], expected: list[str]
) -> None:
    """A mistake in the Dutch booklet is reported with its file, activity id and field."""
    content = copy_content(tmp_path)
    old, new, count = change
    for path in sorted((content / "nl" / "workbook").glob("part-*.yml")):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new, count), encoding="utf-8")
            break
    with pytest.raises(BookletError) as raised:
        load_booklet(content, "nl")
    for fragment in expected:
        assert fragment in str(raised.value)


def test_a_missing_file_and_bad_yaml_are_named(tmp_path: Path) -> None:
    """A missing goodbye file and unreadable YAML each name the file."""
    content = copy_content(tmp_path)
    (content / "nl" / "workbook" / "goodbye.yml").unlink()
    with pytest.raises(BookletError, match=r"content/nl/workbook/goodbye.yml: file is missing"):
        load_booklet(content, "nl")
    (content / "en" / "workbook" / "part-c.yml").write_text("id: [c\n", encoding="utf-8")
    with pytest.raises(BookletError, match=r"content/en/workbook/part-c.yml: not valid YAML"):
        load_booklet(content, "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_text_direction_comes_from_the_language(language: str) -> None:
    """No booklet or deck file says its direction; the app's JSON has the language's."""
    folder = ROOT / "content" / language
    for path in (folder / "workbook" / "booklet.yml", folder / "cards" / "deck.yml"):
        assert "direction" not in yaml.safe_load(path.read_text(encoding="utf-8")), path
    assert json.loads(booklet_to_json(booklet(language)))["direction"] == direction(language)


def test_a_booklet_that_says_another_direction_is_refused(tmp_path: Path) -> None:
    """A direction left in booklet.yml must be the language's own, or the file is refused."""
    content = copy_content(tmp_path)
    main_file = content / "ar" / "workbook" / "booklet.yml"
    main_file.write_text(
        main_file.read_text(encoding="utf-8") + "direction: ltr\n", encoding="utf-8"
    )
    with pytest.raises(BookletError, match=r"ar/workbook/booklet.yml: field 'direction'.*rtl"):
        load_booklet(content, "ar")


@pytest.mark.parametrize("language", LANGUAGES)
def test_booklet_survives_the_trip_through_json(language: str) -> None:
    """The JSON the app reads gives back exactly the same booklet."""
    loaded = booklet(language)
    assert booklet_from_json(booklet_to_json(loaded)) == loaded


def test_check_content_covers_the_booklet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kaketoe check-content` fails on a broken booklet and names the problem."""
    content = copy_content(tmp_path)
    shutil.copy(ROOT / "content" / "untranslated.yml", content / "untranslated.yml")
    for language in LANGUAGES:
        shutil.copytree(ROOT / "content" / language, content / language, dirs_exist_ok=True)
    assert main(["check-content", "--content", str(content)]) == 0
    (content / "ar" / "workbook" / "part-d.yml").write_text("id: d\n", encoding="utf-8")
    assert main(["check-content", "--content", str(content)]) == 1
    assert "content/ar/workbook/part-d.yml" in capsys.readouterr().out


def test_write_booklets_writes_json_per_language(tmp_path: Path) -> None:
    """The build step writes one JSON booklet per language that reads back the same."""
    assert main(["write-booklets", "--content", str(ROOT / "content"), str(tmp_path)]) == 0
    for language in LANGUAGES:
        text = (tmp_path / f"booklet.{language}.json").read_text(encoding="utf-8")
        assert booklet_from_json(text) == booklet(language)


def test_site_carries_each_booklet_and_the_python_bundle(built_site: BuiltSite) -> None:
    """The build writes every language's booklet as JSON and the versioned Pyodide
    bundle: our package's files as they are, Jinja2 and MarkupSafe as bytecode
    (tests/test_python_bytecode.py checks the bytecode)."""
    app = built_site.path / "app"
    for language in LANGUAGES:
        text = (app / "data" / "booklets" / f"{language}.json").read_text(encoding="utf-8")
        assert booklet_from_json(text) == booklet(language)
    served = zipfile.ZipFile(app / "python" / f"kaketoe-{__version__}.zip")
    source = zipfile.ZipFile(io.BytesIO(bundle()))
    names = set(served.namelist())
    for name in source.namelist():
        if name.endswith(".py") and not name.startswith("kaketoe/"):
            assert f"{name}c" in names, name
        else:
            assert served.read(name) == source.read(name), name
    assert not list(built_site.path.rglob("*.yml")), "the booklet YAML is not published"
