"""What the app's screens promise about who sees what, checked in the bytes of the
exported files: goodbye pages, talk choices, plan points, nicknames, photo texts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString
from test_export_import import envelope_of
from workbook_samples import LANGUAGES, LATER, WHEN, booklet, booklets, full_cards, full_workbook

from kaketoe import (
    AnswerError,
    export_html,
    read_export,
    report_html,
    workbook_from_data,
    workbook_to_data,
)
from kaketoe._answers import Answer
from kaketoe._card_answers import CardAnswer


def files(data: dict[str, Any], language: str = "nl") -> dict[str, str]:
    """Both copies of a workbook given as plain data, as the app makes them."""
    loaded = booklet(language)
    workbook = workbook_from_data(loaded, data)
    return {
        "family": export_html(workbook, loaded, "family", created=WHEN, updated=LATER),
        "counselor": export_html(workbook, loaded, "counselor", created=WHEN, updated=LATER),
    }


def goodbye_page(number: int, word: str, **more: Any) -> dict[str, Any]:
    """A goodbye page whose every text holds ``word``, a word found nowhere else."""
    return {
        "id": f"page-{number}",
        "role": "teacher",
        "name": f"Juf {word}naam",
        "memory": f"De {word}herinnering in groep 4",
        "wish": f"Veel {word}geluk",
        "contact": f"{word.lower()}@example.org",
        "updated": LATER,
        **more,
    }


# Goodbye pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("material", ["booklet", "cards"])
def test_a_goodbye_page_the_child_keeps_is_in_no_byte_of_the_counselor_copy(
    material: str,
) -> None:
    """Unshared pages (the default) are left out of the counselor's copy entirely; a shared
    one is there without its contact details; the family's copy holds both and says which."""
    loaded = booklet("nl")
    data = full_workbook(loaded) if material == "booklet" else full_cards(loaded)
    data["guests"] = [
        goodbye_page(1, "Kerstmusical"),
        goodbye_page(2, "Schoolreis", share=False),
        goodbye_page(3, "Voetbaltoernooi", share=True),
    ]
    made = files(data)
    counselor = made["counselor"]
    for word in ("Kerstmusical", "kerstmusical", "Schoolreis", "schoolreis"):
        assert word not in counselor
    assert "Voetbaltoernooiherinnering" in counselor
    assert "voetbaltoernooi@example.org" not in counselor
    imported = read_export(counselor, booklets())
    assert [(g.id, g.contact, g.share) for g in imported.workbook.guests] == [("page-3", "", True)]
    family = read_export(made["family"], booklets())
    assert [g.share for g in family.workbook.guests] == [False, False, True]
    assert "kerstmusical@example.org" in made["family"]
    states = [
        p.get_text() for p in BeautifulSoup(made["family"], "html.parser").select(".guest .state")
    ]
    labels = loaded.labels
    assert states == [labels["not_shown"], labels["not_shown"], labels["shown_to_counselor"]]


def test_goodbye_pages_from_before_the_choice_stay_with_the_family() -> None:
    """A page of an older file or profile has no choice: it is not shared, and reads
    back without one, so the file stays format version 2."""
    loaded = booklet("nl")
    data = full_workbook(loaded)
    data["guests"] = [goodbye_page(1, "Afscheidsfeest")]
    made = files(data)
    assert "Afscheidsfeest" not in made["counselor"]
    family = read_export(made["family"], booklets())
    assert envelope_of(made["family"])["version"] == 2
    assert "share" not in workbook_to_data(family.workbook, loaded)["guests"][0]
    with pytest.raises(AnswerError, match="share must be true or false"):
        workbook_from_data(loaded, {**data, "guests": [goodbye_page(1, "X", share="yes")]})


# "Ik praat er liever over" -----------------------------------------------------------------


def test_a_talk_choice_always_reaches_the_counselor_as_its_title_alone() -> None:
    """An activity kept for a talk is in the counselor's copy, shown or not, with its
    title and state; never with anything the child made, even if a value was held."""
    loaded = booklet("nl")
    text_activity = next(a for a in loaded.activities() if a.kind == "text")
    data = full_workbook(loaded)
    data["answers"] = [
        {"activity": text_activity.id, "state": "talk", "share": False, "updated": WHEN}
    ]
    data["stickers"] = [{"sticker": loaded.stickers[0].id, "station": text_activity.id}]
    workbook = workbook_from_data(loaded, data)
    # What the app keeps on the device for a talk activity is a draft; were it ever
    # held with the answer, the counselor's copy still leaves it out.
    held = replace(workbook.answers[text_activity.id], text="Geheimedraftzin van het kind")
    workbook = replace(workbook, answers={text_activity.id: held})
    counselor = export_html(workbook, loaded, "counselor", created=WHEN, updated=LATER)
    assert "Geheimedraftzin" not in counselor
    imported = read_export(counselor, booklets())
    assert imported.workbook.answers[text_activity.id] == Answer(
        activity=text_activity.id, state="talk", share=False, updated=WHEN
    )
    assert imported.workbook.stickers == ()  # a sticker only where the child shows the answer
    page = BeautifulSoup(counselor, "html.parser")
    article = next(a for a in page.select("article.activity") if text_activity.title in a.text)
    assert loaded.labels["talk"] in article.get_text()
    report = report_html(imported, booklet("en"))
    assert booklet("en").activity(text_activity.id).title in report  # type: ignore[union-attr]


def test_a_card_kept_for_a_talk_reaches_the_counselor_without_its_words() -> None:
    """A card kept for a talk is in the counselor's copy, shown or not, as its theme
    and state; the answers the child wrote on it never are."""
    loaded = booklet("nl")
    deck = loaded.deck
    assert deck is not None
    card = deck.parts[1].cards[4]
    data = full_cards(loaded)
    data["cards"] = [{"card": card.id, "state": "talk", "share": False, "updated": WHEN}]
    data["plan"] = []
    workbook = workbook_from_data(loaded, data)
    held = replace(workbook.cards[card.id], answers={card.questions[0].id: "Geheimekaartzin hier"})
    workbook = replace(workbook, cards={card.id: held})
    counselor = export_html(workbook, loaded, "counselor", created=WHEN, updated=LATER)
    assert "Geheimekaartzin" not in counselor
    imported = read_export(counselor, booklets())
    assert imported.workbook.cards[card.id] == CardAnswer(
        card=card.id, state="talk", share=False, updated=WHEN
    )
    assert card.theme in BeautifulSoup(counselor, "html.parser").get_text()


# Plan points -----------------------------------------------------------------------------


def plan_workbook(card_share: bool, point: dict[str, Any], answers: dict[str, str]) -> Any:
    loaded = booklet("nl")
    deck = loaded.deck
    assert deck is not None
    card = deck.parts[0].cards[0]
    data = full_cards(loaded)
    data["cards"] = [
        {"card": card.id, "state": "answered", "share": card_share, "updated": WHEN,
         "answers": answers}
    ]  # fmt: skip
    data["plan"] = [point]
    return files(data)


def test_a_shared_plan_point_never_carries_a_private_cards_words() -> None:
    """A point that came from a private card's answer stays out of the counselor's copy,
    while it follows the answer's edits, after the child rewrites it, and after the card
    was shown and is private again; from a shown answer it reaches the counselor."""
    deck = booklet("nl").deck
    assert deck is not None
    question = deck.parts[0].cards[0].questions[0].id
    other = deck.parts[0].cards[0].questions[1].id
    point = {"id": "p", "share": True, "question": question, "updated": LATER}
    moments = [
        # the point as the answer was first written
        (False, "Mijnprivezin eerst", {question: "Mijnprivezin eerst"}),
        # the answer edited, the point following it
        (False, "Mijnprivezin later anders", {question: "Mijnprivezin later anders"}),
        # the child rewrote the point on the plan
        (False, "Mijnprivezin, en ook voetbal", {question: "Mijnprivezin later anders"}),
        # the question unticked on a shown card: its words are a draft on the device
        (True, "Mijnprivezin later anders", {other: "Iets anders"}),
    ]
    for card_share, text, answers in moments:
        made = plan_workbook(card_share, {**point, "text": text}, answers)
        assert "Mijnprivezin" not in made["counselor"], text
        assert "Mijnprivezin" in made["family"]
        assert read_export(made["counselor"], booklets()).workbook.plan == ()
    shown = plan_workbook(True, {**point, "text": "Gedeeldezin"}, {question: "Gedeeldezin"})
    assert [p.id for p in read_export(shown["counselor"], booklets()).workbook.plan] == ["p"]


def test_the_family_copy_says_which_plan_points_the_counselor_sees() -> None:
    """A point from a private card is marked "only for me" in the family's copy,
    even when the child ticked it."""
    deck = booklet("nl").deck
    assert deck is not None
    question = deck.parts[0].cards[0].questions[0].id
    point = {"id": "p", "text": "Zin", "share": True, "question": question, "updated": LATER}
    made = plan_workbook(False, point, {question: "Zin"})
    state = BeautifulSoup(made["family"], "html.parser").select_one("ol.plan .state")
    assert state is not None
    assert state.get_text() == booklet("nl").labels["not_shown"]


# Nicknames and user text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u202eNoor\u202c", "Noor"),
        ("  \u2067نور\u2069 ", "نور"),
        ("\u200fSami\u200e\u061c", "Sami"),
        ("\uff2e\uff4f\uff4f\uff52", "Noor"),
        ("\u202e" + "a" * 40, "a" * 40),
    ],
)
def test_a_nickname_is_read_as_people_read_it(typed: str, kept: str) -> None:
    """NFKC, no direction controls, no spaces around it, in every copy and the report."""
    loaded = booklet("nl")
    data = full_workbook(loaded)
    data["profile"]["nickname"] = typed
    workbook = workbook_from_data(loaded, data)
    assert workbook.profile.nickname == kept
    made = files(data)
    imported = read_export(made["counselor"], booklets())
    assert imported.workbook.profile.nickname == kept
    for html in (made["family"], made["counselor"], report_html(imported, loaded)):
        cover = BeautifulSoup(html, "html.parser").select_one(".cover bdi")
        assert cover is not None
        assert cover.get_text() == kept


@pytest.mark.parametrize("typed", ["a" * 41, "\u202e\u202c  ", "ﷺ" * 3])
def test_a_nickname_that_is_empty_or_too_long_once_cleaned_is_refused(typed: str) -> None:
    """At most 40 characters after cleaning (NFKC can lengthen a name), and not empty."""
    loaded = booklet("nl")
    data = full_workbook(loaded)
    data["profile"]["nickname"] = typed
    with pytest.raises(AnswerError, match="nickname"):
        workbook_from_data(loaded, data)


MARK = "Qzx"


def isolated(text: NavigableString) -> bool:
    """The text sits in a <bdi> or an element with dir="auto" before any container
    whose direction it would take over."""
    for parent in text.parents:
        if parent.name == "bdi" or parent.get("dir") == "auto":
            return True
        if parent.name in ("article", "section", "main", "body") or "answer" in (
            parent.get("class") or []
        ):
            return False
    return False


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_the_child_or_a_guest_wrote_finds_its_own_direction(language: str) -> None:
    """Answers, names and goodbye pages in the file and the report are each isolated, so an
    Arabic answer in a Dutch booklet (or the reverse) never turns the words around it."""
    loaded = booklet(language)
    data = full_workbook(loaded, [f"{MARK} نص عربي", f"{MARK} Nederlandse tekst"])
    data["profile"]["nickname"] = f"{MARK}نور"
    for guest in data["guests"]:
        guest.update(name=f"{MARK} {guest['name']}", share=True)
    made = files(data, language)
    imported = read_export(made["counselor"], booklets())
    for html in (*made.values(), report_html(imported, booklet("nl"))):
        body = BeautifulSoup(html, "html.parser").body
        assert body is not None
        texts = [t for t in body.find_all(string=True) if MARK in t]
        assert len(texts) > 10
        assert [t for t in texts if not isolated(t)] == []


# The photo activity ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_photo_activities_say_who_may_see_the_photo(language: str) -> None:
    """No photo activity claims the photo stays on the device: it goes into the family's
    file, and to the counselor when the child chooses so."""
    loaded = booklet(language)
    photos = [a for a in loaded.activities() if a.kind == "photo"]
    assert len(photos) == 3
    claims = {"nl": "op dit apparaat", "en": "on this device", "ar": "على هذا الجهاز"}
    counselor = {"nl": "begeleider", "en": "counselor", "ar": "مرشد"}
    for activity in photos:
        said = f"{activity.prompt} {activity.read_aloud}"
        assert claims[language] not in said, activity.id
        assert counselor[language] in said, activity.id
