"""The conversation cards for children of 10 to 13: the deck in every language,
an older child's answers and plan in the file, and the counselor's view of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from test_export_import import envelope_of, with_envelope
from workbook_samples import HOSTILE, LANGUAGES, LATER, WHEN, booklet, booklets, deck, full_cards

from kaketoe import (
    AnswerError,
    BookletError,
    ImportProblem,
    booklet_from_json,
    booklet_to_json,
    export_html,
    load_booklet,
    read_export,
    report_html,
    workbook_from_data,
    workbook_to_data,
)
from kaketoe._deck import INFO_SECTIONS
from kaketoe._parity import differences
from kaketoe._report import viewer_html
from kaketoe.cli import main

GUIDANCE = {
    "talk_title": "Talk first",
    "talk_intro": "The child would rather talk about:",
    "guidance_label": "Guidance",
    "general": [],
    "parts": {},
}


def cards_file(language: str = "nl", variant: str = "family", **changes: Any) -> str:
    loaded = booklet(language)
    data = {**full_cards(loaded), **changes}
    workbook = workbook_from_data(loaded, data)
    return export_html(workbook, loaded, variant, created=WHEN, updated=LATER)  # type: ignore[arg-type]


# The deck ------------------------------------------------------------------------------


def test_every_language_has_the_same_deck() -> None:
    """Four parts in the booklet's colours, at least 8 cards each with 3-6 questions,
    the information in three sections; the same ids in nl, en and ar."""
    nl = deck("nl")
    assert [p.colour for p in nl.parts] == ["purple", "green", "blue", "orange"]
    assert all(len(part.cards) >= 8 for part in nl.parts)
    assert all(3 <= len(card.questions) <= 6 for card in nl.cards())
    assert tuple(s.id for s in nl.info.sections) == INFO_SECTIONS
    for language in LANGUAGES:
        assert differences(nl, deck(language), language, "nl") == [], language
    titles = {p.title for p in booklet("en").parts}
    assert {p.title for p in deck("en").parts} == titles


def test_the_deck_travels_in_the_booklets_json() -> None:
    """The booklet's JSON carries its cards, and reads back as the same deck."""
    for language in LANGUAGES:
        loaded = booklet(language)
        assert booklet_from_json(booklet_to_json(loaded)) == loaded


def test_words_in_another_language_reach_the_app_as_runs() -> None:
    """The Arabic information's [[en:IOM]] reaches the app's JSON as a run of its own
    language, so the app marks it without parsing the text again."""
    data = json.loads(booklet_to_json(booklet("ar")))
    items = [item for s in data["deck"]["info"]["sections"] for item in s["items"]]
    runs = [run for item in items for run in item["text"]]
    assert ["en", "IOM"] in runs
    assert all(language in ("", "en", "nl") for language, _ in runs)
    assert not any("[[" in words for _, words in runs)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        (
            "part-a.yml",
            lambda d: d["cards"][0].update(questions=d["cards"][0]["questions"][:2]),
            "3 to 6 questions",
        ),
        ("part-b.yml", lambda d: d["cards"][1].update(picture="unicorn"), "no picture 'unicorn'"),
        ("part-c.yml", lambda d: d.update(cards=d["cards"][:7]), "at least 8 cards"),
        (
            "part-d.yml",
            lambda d: d["cards"][0]["questions"][0].update(id="x-1"),
            "must start with the card's",
        ),
        ("info.yml", lambda d: d.update(sections=d["sections"][:2]), "who, when, after"),
        ("info.yml", lambda d: d.update(intro="See [[nl:DT&V]]."), "[[en:IOM]] only in items"),
        ("words.yml", lambda d: d["app"].pop("plan"), "needs text"),
    ],
)
def test_a_broken_deck_is_named_with_its_file(
    content_copy: Path, file: str, change: Any, message: str
) -> None:
    """A mistake in a card file, the information or the words stops the booklet,
    named with its file and what is wrong."""
    edit(content_copy / "en" / "cards" / file, change)
    with pytest.raises(BookletError) as caught:
        load_booklet(content_copy, "en")
    assert f"content/en/cards/{file}" in str(caught.value)
    assert message in str(caught.value)


def test_a_translation_with_other_card_ids_is_found(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kaketoe check-content` names the part file whose cards are in another order."""
    edit(content_copy / "ar" / "cards" / "part-b.yml", lambda d: d["cards"].reverse())
    assert main(["check-content", "--content", str(content_copy)]) != 0
    assert "content/ar/cards/part-b.yml: card 1 is '" in capsys.readouterr().out


# An older child's file -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_family_copy_of_the_cards_reads_back_whole(language: str) -> None:
    loaded = booklet(language)
    data = full_cards(loaded, [*HOSTILE, "Ik wil blijven voetballen.", "أريد أن أرى جدتي"])
    imported = read_export(cards_file(language, **data), booklets())
    assert imported.workbook.material == "cards"
    assert workbook_to_data(imported.workbook, imported.booklet) == data
    envelope = envelope_of(cards_file(language))
    assert envelope["version"] == 2
    assert envelope["booklet"] == {"id": "kaketoe-10-13", "version": 1}


def test_the_plan_comes_first_and_the_counselor_sees_only_what_is_shown() -> None:
    loaded = booklet("nl")
    family = BeautifulSoup(cards_file("nl"), "html.parser")
    headings = [h.get_text() for h in family.select("main h2")]
    assert headings[0] == deck("nl").labels["plan"]
    assert [p.get_text(strip=True) for p in family.select("ol.plan .answer")] == [
        "Ik wil mijn voetbalschoenen meenemen.",
        "Ik mis mijn vriend.",
        "مرحبا",
    ]
    counselor_html = cards_file("nl", "counselor")
    counselor = read_export(counselor_html, booklets())
    shown = {card.card for card in counselor.workbook.cards.values()}
    assert shown == {c["card"] for c in full_cards(loaded)["cards"] if c["share"]}
    assert [p.id for p in counselor.workbook.plan] == ["point-1", "point-3"]
    plan = BeautifulSoup(counselor_html, "html.parser").select_one("ol.plan")
    assert plan is not None
    assert "Ik mis mijn vriend." not in plan.get_text()
    assert "ali@example.org" not in counselor_html


def test_the_arabic_file_reads_right_to_left_with_the_childs_words_marked() -> None:
    page = BeautifulSoup(cards_file("ar"), "html.parser")
    assert page.html is not None
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    for answer in page.select(".answer"):
        assert answer["lang"] == "ar"
        assert answer["dir"] == "auto"


def test_the_viewer_shows_the_plan_first_in_the_counselors_language() -> None:
    """A Dutch child's file in the English viewer: the plan, then the cards with the
    English questions; a card kept for a talk is listed first of all."""
    imported = read_export(cards_file("nl", "counselor"), booklets())
    prompts, cards = booklet("en"), deck("en")
    html = viewer_html(imported, prompts, GUIDANCE, site_base="../../", index=1)
    page = BeautifulSoup(html, "html.parser")
    talk = page.select_one(".talk-first")
    assert talk is not None
    kept = [c for c in full_cards(booklet("nl"))["cards"] if c["state"] == "talk"]
    for record in kept:
        card = cards.card(record["card"])
        assert card is not None
        assert card.theme in talk.get_text()
    sections = [h.get_text() for h in page.select(".answers h2")]
    assert sections[0] == cards.labels["plan"]
    first = cards.parts[0].cards[0]
    assert first.questions[0].text in page.get_text()
    report = BeautifulSoup(report_html(imported, prompts), "html.parser")
    assert report.title is not None
    assert cards.title in report.title.get_text()


def test_a_file_of_version_1_is_a_booklet() -> None:
    """Files made before the cards (format version 1) read as booklets."""
    imported = read_export(
        (ROOT / "tests/fixtures/export-v1-nl-family.html").read_bytes(), booklets()
    )
    assert imported.migrated_from == 1
    assert imported.workbook.material == "booklet"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda c: c["cards"][0].update(card="no-such-card"), "no card 'no-such-card'"),
        (lambda c: c["cards"][0]["answers"].update({"a-my-name-99": "x"}), "no question"),
        (lambda c: c["cards"][0].update(answers={}), "at least one chosen question"),
        (lambda c: c["cards"][1].update(answers={"a-my-family-1": "y"}), "holds no answers"),
        (lambda c: c["plan"][0].update(question="z-nothing-1"), "no question 'z-nothing-1'"),
        (lambda c: c["plan"].append(dict(c["plan"][0])), "same id"),
        (lambda c: c["plan"][2].update(text="  "), "is empty"),
        (lambda c: c.update(answers=[{"activity": "a-kaketoe-name"}]), "no answers or stickers"),
        (lambda c: c.update(material="comic"), "material must be one of"),
    ],
)
def test_cards_that_the_deck_cannot_hold_are_refused(change: Any, problem: str) -> None:
    loaded = booklet("nl")
    data = full_cards(loaded)
    change(data)
    with pytest.raises(AnswerError, match=problem):
        workbook_from_data(loaded, data)


def test_a_file_for_another_version_of_the_cards_is_named() -> None:
    good = cards_file("nl")
    newer = envelope_of(good)
    newer["booklet"]["version"] = 2
    older = envelope_of(good)
    older["booklet"]["id"] = "kaketoe-6-9"
    for envelope, code in ((newer, "newer-version"), (older, "other-booklet")):
        with pytest.raises(ImportProblem) as caught:
            read_export(with_envelope(good, envelope), booklets())
        assert caught.value.code == code


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_childrens_page_carries_the_information_for_teens(
    built_site: Any, language: str
) -> None:
    """The same information as in the app, on the children's page of each language,
    readable and printable without the app."""
    folder = "" if language == "nl" else f"{language}/"
    html = (built_site.path / folder / "workbook" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.html is not None
    assert page.html["lang"] == language
    text = "".join(page.get_text().split())  # compared without any white space
    for section in deck(language).info.sections:
        heading = page.select_one(f"#teen-{section.id}")
        assert heading is not None
        assert heading.get_text(strip=True) == section.title
        for item in section.items:
            assert "".join("".join(words for _, words in item.text).split()) in text
    assert "<!-- teen-info -->" not in html
