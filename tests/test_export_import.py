"""Export files and reading them back: round trips, the two copies, hostile text, bad files."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from workbook_samples import (
    HOSTILE,
    LANGUAGES,
    LATER,
    WHEN,
    booklet,
    booklets,
    data_url,
    full_workbook,
    png,
    value_for,
)

from kaketoe import (
    AnswerError,
    ImportProblem,
    answer_from_data,
    answer_to_data,
    export_html,
    read_export,
    report_html,
    warm_up,
    workbook_from_data,
    workbook_to_data,
)
from kaketoe._booklet import MESSAGES
from kaketoe._export import VERSION, checksum
from kaketoe.cli import main

FIXTURES = ROOT / "tests" / "fixtures"
DATA = re.compile(r'<script type="application/json" id="kaketoe-export">(.*?)</script>', re.S)


def exported(language: str = "nl", variant: str = "family", texts: list[str] | None = None) -> str:
    loaded = booklet(language)
    workbook = workbook_from_data(loaded, full_workbook(loaded, texts))
    return export_html(workbook, loaded, variant, created=WHEN, updated=LATER)  # type: ignore[arg-type]


def envelope_of(html: str) -> dict[str, Any]:
    match = DATA.search(html)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def with_envelope(html: str, envelope: dict[str, Any], *, reseal: bool = True) -> str:
    if reseal:
        envelope["checksum"]["value"] = checksum(envelope)
    return DATA.sub(
        lambda _: (
            f'<script type="application/json" id="kaketoe-export">{json.dumps(envelope)}</script>'
        ),
        html,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_answer_survives_the_round_trip(language: str) -> None:
    """Each kind's answer comes back from plain data exactly as it went in."""
    loaded = booklet(language)
    for activity in loaded.activities():
        record = {
            "activity": activity.id,
            "state": "answered",
            "share": True,
            "updated": WHEN,
            "value": value_for(activity, "Hallo", loaded),
        }
        answer = answer_from_data(loaded, record)
        assert answer_to_data(answer, loaded) == record


@pytest.mark.parametrize(
    "value",
    [
        {"text": "x" * 5001},
        {"text": ""},
        {"text": 12},
        {"image": "data:image/png;base64,AAAA"},
        {"feeling": "no-such-feeling"},
        {"chosen": ["no-such-option"]},
        {"chosen": []},
        {"people": []},
        {"read": False},
        {"text": "hi", "extra": 1},
    ],
)
def test_an_answer_the_activity_cannot_hold_is_refused(value: dict[str, Any]) -> None:
    """Wrong types, sizes, ids or fields give an AnswerError, for whichever activity it hits."""
    loaded = booklet("nl")
    kinds_refusing = 0
    for activity in loaded.activities():
        record = {"activity": activity.id, "state": "answered", "updated": WHEN, "value": value}
        try:
            answer_from_data(loaded, record)
        except AnswerError:
            kinds_refusing += 1
    assert kinds_refusing == len(loaded.activities())


def test_one_choice_activity_refuses_two_choices() -> None:
    """A choice that allows one picture refuses two."""
    loaded = booklet("nl")
    single = next(a for a in loaded.activities() if a.kind == "choice" and not a.multiple)
    record = {
        "activity": single.id,
        "state": "answered",
        "updated": WHEN,
        "value": {"chosen": [o.id for o in single.options[:2]]},
    }
    with pytest.raises(AnswerError, match="one choice"):
        answer_from_data(loaded, record)


@pytest.mark.parametrize("language", LANGUAGES)
def test_family_copy_reads_back_as_the_same_workbook(language: str) -> None:
    """Export, then import: the same answers of every kind, stickers and goodbye pages."""
    loaded = booklet(language)
    workbook = workbook_from_data(loaded, full_workbook(loaded))
    html = export_html(workbook, loaded, "family", created=WHEN, updated=LATER)
    imported = read_export(html, booklets())
    assert imported.variant == "family"
    assert imported.booklet == loaded
    assert imported.workbook == workbook
    assert (imported.created, imported.updated) == (WHEN, LATER)
    assert workbook_to_data(imported.workbook, loaded) == full_workbook(loaded)


def test_counselor_copy_holds_only_what_the_child_shows() -> None:
    """Only answers marked 'show my counselor' and talk choices; shown goodbye pages
    without contact details."""
    loaded = booklet("nl")
    workbook = workbook_from_data(loaded, full_workbook(loaded))
    html = export_html(workbook, loaded, "counselor", created=WHEN, updated=LATER)
    imported = read_export(html, booklets())
    shown = {key for key, a in workbook.answers.items() if a.share or a.state == "talk"}
    assert imported.variant == "counselor"
    assert set(imported.workbook.answers) == shown
    assert len(shown) < len(workbook.answers)
    assert [guest.name for guest in imported.workbook.guests] == ["Lotte"]
    assert all(guest.contact == "" for guest in imported.workbook.guests)
    assert "@example.org" not in html
    page = BeautifulSoup(html, "html.parser")
    assert len(page.select("article.activity")) == len(shown)


def test_export_opens_without_scripts_and_prints_the_booklet() -> None:
    """The file runs no script, loads nothing, and shows titles, prompts, answers and the road."""
    loaded = booklet("nl")
    html = exported("nl")
    page = BeautifulSoup(html, "html.parser")
    scripts = page.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json"]
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None
    assert "default-src 'none'" in str(policy["content"])
    assert "script-src" not in str(policy["content"])
    assert not re.search(r"""(src|href)=["']?https?:""", html)
    text = page.get_text(" ")
    for part in loaded.parts:
        assert part.title in text
        assert part.story.title in text
    assert loaded.activities()[1].prompt in text
    assert len(page.select(".road img")) == 12
    assert len(page.select("img[src^='data:image/png']")) >= 1
    assert "Juf Anna" in text
    assert page.html is not None
    assert page.html.get("lang") == "nl"


def test_export_style_is_allowed_by_its_own_policy() -> None:
    """The inline stylesheet's hash is the one the file's policy allows."""
    html = exported("ar")
    page = BeautifulSoup(html, "html.parser")
    style = page.find("style")
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.get_text().encode()).digest()).decode()
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None
    assert f"'sha256-{digest}'" in str(policy["content"])
    assert page.html is not None
    assert (page.html.get("lang"), page.html.get("dir")) == ("ar", "rtl")


@pytest.mark.parametrize("variant", ["family", "counselor"])
def test_hostile_answers_come_out_as_harmless_text(variant: str) -> None:
    """Markup, event handlers, template syntax and bidi overrides in answers do nothing."""
    loaded = booklet("nl")
    workbook = workbook_from_data(loaded, full_workbook(loaded, HOSTILE))
    for html in (
        export_html(workbook, loaded, variant, created=WHEN, updated=LATER),  # type: ignore[arg-type]
        report_html(read_export(exported("nl", variant, HOSTILE), booklets()), booklet("en")),
    ):
        page = BeautifulSoup(html, "html.parser")
        assert [s.get("type") for s in page.find_all("script")] in (["application/json"], [])
        assert not page.select("[onerror]")
        assert page.find("img", src="x") is None
        for control in ("\u202e", "\u202c", "\u2066", "\u2069"):
            assert control not in html
        assert "49" not in page.get_text()  # {{ 7*7 }} was not evaluated
        assert "&lt;script&gt;" in html
    imported = read_export(
        export_html(workbook, loaded, variant, created=WHEN, updated=LATER),  # type: ignore[arg-type]
        booklets(),
    )
    assert {a.text for a in imported.workbook.answers.values()} & set(HOSTILE)


def test_report_puts_dutch_questions_next_to_arabic_answers() -> None:
    """The report asks in the counselor's language and quotes the child's words in theirs."""
    imported = read_export(exported("ar", "counselor"), booklets())
    html = report_html(imported, booklet("nl"))
    page = BeautifulSoup(html, "html.parser")
    assert page.html is not None
    assert page.html.get("lang") == "nl"
    answers = page.select(".answer")
    assert answers
    assert all(a.get("lang") == "ar" and a.get("dir") == "rtl" for a in answers)
    first_shown = next(a for a in booklet("nl").activities() if a.id in imported.workbook.answers)
    assert first_shown.prompt in page.get_text()
    assert "مرحبا يا صديقي" in page.get_text()


def test_report_needs_the_booklet_the_file_was_made_with() -> None:
    """Questions from another booklet version are refused, not mixed in."""
    imported = read_export(exported("nl"), booklets())
    other = booklet("en").__class__(**{**booklet("en").__dict__, "version": 99})
    with pytest.raises(ValueError, match="booklet"):
        report_html(imported, other)


# Files that cannot be read -----------------------------------------------------------


def bad_files() -> list[tuple[str, bytes | str]]:
    good = exported("nl")
    envelope = envelope_of(good)
    tampered = envelope_of(good)
    tampered["content"]["profile"]["nickname"] = "Iemand anders"
    newer = {**envelope_of(good), "version": VERSION + 1}
    other = envelope_of(good)
    other["booklet"]["id"] = "another-booklet"
    answer_error = envelope_of(good)
    answer_error["content"]["answers"][0]["state"] = "maybe"
    unknown_language = {**envelope_of(good), "language": "xx"}
    encrypted = {**envelope, "encryption": {"scheme": "future"}}
    return [
        ("not-an-export", "<html><body>Hallo</body></html>"),
        ("not-utf-8", b"\xff\xfe\x00garbage"),
        ("not-an-export", good.replace('"format":"kaketoe-booklet-export"', '"format":"x"')),
        ("damaged", good[: good.index("</script>") - 100]),
        ("damaged", good.replace('"content":', '"content"', 1)),
        ("damaged", good + good),
        ("checksum", with_envelope(good, tampered, reseal=False)),
        ("newer-version", with_envelope(good, newer)),
        ("unknown-version", with_envelope(good, {**envelope_of(good), "version": "1"})),
        ("unknown-version", with_envelope(good, encrypted)),
        ("other-booklet", with_envelope(good, other)),
        ("bad-content", with_envelope(good, answer_error)),
        ("bad-content", with_envelope(good, unknown_language)),
        ("file-too-large", b" " * (64 * 1024 * 1024 + 1)),
    ]


@pytest.mark.parametrize(
    ("code", "data"), bad_files(), ids=lambda x: x if isinstance(x, str) and len(x) < 20 else ""
)
def test_a_bad_file_gets_a_clear_problem(code: str, data: bytes | str) -> None:
    """Each kind of bad file is refused with its own problem code."""
    with pytest.raises(ImportProblem) as raised:
        read_export(data, booklets())
    assert raised.value.code == code


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_problem_has_a_message_in_every_language(language: str) -> None:
    """A person reads what went wrong in their own language, for every problem code."""
    loaded = booklet(language)
    for code in MESSAGES:
        message = ImportProblem(code).message(loaded)
        assert len(message) > 20
    if language == "ar":
        assert re.search("[\u0600-\u06ff]", ImportProblem("damaged").message(loaded))


def test_stored_version_1_files_still_read() -> None:
    """Files saved by version 1 of the format keep opening, whatever the current version is."""
    for path in sorted(FIXTURES.glob("export-v1-*.html")):
        imported = read_export(path.read_bytes(), booklets())
        assert imported.migrated_from == 1
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        assert workbook_to_data(imported.workbook, imported.booklet) == expected
    assert len(list(FIXTURES.glob("export-v1-*.html"))) >= 2


# Command line -------------------------------------------------------------------------


def test_validate_and_report_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kaketoe validate` accepts a good file and refuses a changed one; `report` writes HTML."""
    good = tmp_path / "noor.html"
    good.write_text(exported("ar"), encoding="utf-8")
    content = ["--content", str(ROOT / "content")]
    assert main(["validate", str(good), *content]) == 0
    assert "valid family export" in capsys.readouterr().out
    bad = tmp_path / "changed.html"
    bad.write_text(good.read_text(encoding="utf-8").replace("Noor", "Nora"), encoding="utf-8")
    assert main(["validate", str(bad), "--lang", "en", *content]) == 1
    assert booklet("en").messages["checksum"] in capsys.readouterr().out
    report = tmp_path / "report.html"
    assert main(["report", str(good), "--lang", "nl", "-o", str(report), *content]) == 0
    assert 'lang="nl"' in report.read_text(encoding="utf-8")
    assert main(["validate", str(tmp_path / "missing.html"), *content]) == 2


def test_images_are_checked_for_what_they_claim() -> None:
    """A drawing must really be a PNG; a photo may be PNG or JPEG."""
    loaded = booklet("nl")
    drawing = next(a for a in loaded.activities() if a.kind == "drawing")
    fake = data_url("image/png", b"GIF89a" + png()[8:])
    with pytest.raises(AnswerError):
        answer_from_data(
            loaded,
            {
                "activity": drawing.id,
                "state": "answered",
                "updated": WHEN,
                "value": {"image": fake},
            },
        )


@pytest.mark.parametrize(
    ("changes", "named"),
    [({"created": "yesterday"}, "created"), ({"variant": "teacher"}, "variant")],
)
def test_an_export_asked_with_a_bad_date_or_copy_names_it(
    changes: dict[str, str], named: str
) -> None:
    """An export asked for with a date that is not ISO 8601, or a copy that does not
    exist, is refused as data the package cannot hold, naming the field."""
    loaded = booklet("nl")
    workbook = workbook_from_data(loaded, full_workbook(loaded))
    asked: dict[str, Any] = {"variant": "family", "created": WHEN, "updated": LATER, **changes}
    with pytest.raises(AnswerError, match=f"^{named}: "):
        export_html(workbook, loaded, **asked)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workers_warm_up_export_works_for_every_booklet(language: str) -> None:
    """The app's worker makes one small export while it starts; it must not fail."""
    warm_up(booklet(language))
