"""What the app's screens promise about who sees what, in Chromium at tablet size:
goodbye pages, "Ik praat er liever over", plan points, and goodbye pages kept
while they are typed. Every promise is checked in the file the app hands over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import axe_violations
from playwright.sync_api import expect
from test_cards_app import create_older
from test_workbook_app import (
    create_profile,
    export,
    finish,
    open_app,
    write_goodbye_page,
)
from workbook_samples import booklet, booklets

from kaketoe import read_export

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "ar")


def words(language: str) -> dict[str, str]:
    return dict(booklet(language).words)


def go(page: Any, screen: str) -> None:
    page.goto(page.url.split("#")[0] + screen)


def counselor_sees(page: Any) -> str:
    """The export screen's list of what the counselor's copy will hold."""
    go(page, "#/export")
    page.wait_for_selector("main h2")
    return str(page.locator("main").inner_text())


def kept_on_device(page: Any, text: str) -> bool:
    """Waits until the app has stored ``text`` in its copy on the device; false if never."""
    for _ in range(50):
        if page.evaluate(
            """(text) => Object.keys(localStorage).some((key) =>
                 key.startsWith("kaketoe:") && (localStorage.getItem(key) || "").includes(text))""",
            text,
        ):
            return True
        page.wait_for_timeout(100)
    return False


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_goodbye_page_reaches_the_counselor_only_when_the_child_shows_it(
    tablet: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    """A new page is the family's only: not in the counselor's copy, not on the list;
    shown by the child, it is both, and its contact details are in neither."""
    said = words(language)
    record = open_app(tablet, site_server, language)
    page = record.page
    create_profile(page, "Noor")
    go(page, "#/goodbye")
    write_goodbye_page(page, "Juf Anna", "Kerstmusical in de aula", "Veel geluk", "anna@x.org")
    share = page.locator("#guest-1-share")
    expect(share).not_to_be_checked()
    expect(page.locator("#guest-share-hint")).to_have_text(said["guest_share_hint"])
    assert axe_violations(page) == [], "goodbye with a page to show or not"
    assert "Juf Anna" not in counselor_sees(page)
    hidden = export(page, "counselor", tmp_path / "hidden.html")
    for word in ("Kerstmusical", "Juf Anna", "Veel geluk", "anna@x.org"):
        assert word not in hidden

    go(page, "#/goodbye")
    page.check("#guest-1-share")
    listed = counselor_sees(page)
    assert f"{said['goodbye']}: Juf Anna" in listed
    assert axe_violations(page) == [], "export with a goodbye page"
    shown = export(page, "counselor", tmp_path / "shown.html")
    assert "Kerstmusical in de aula" in shown
    assert "anna@x.org" not in shown
    guests = read_export(shown, booklets()).workbook.guests
    assert [(g.name, g.contact, g.share) for g in guests] == [("Juf Anna", "", True)]
    family = read_export(export(page, "family", tmp_path / "family.html"), booklets())
    assert [(g.contact, g.share) for g in family.workbook.guests] == [("anna@x.org", True)]
    assert record.problems()["console errors"] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_goodbye_page_being_typed_survives_a_reload(
    tablet: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    """Every key goes into the profile: a reload brings back a new page half written
    and a change to a saved page; the page is a page only once it is saved."""
    said = words(language)
    page = open_app(tablet, site_server, language).page
    create_profile(page, "Sami")
    go(page, "#/goodbye")
    page.select_option("#guest-role", "friend")
    page.fill("#guest-name", "Lotte")
    page.fill("#guest-memory", "Samen naar de Efteling")
    assert kept_on_device(page, "Samen naar de Efteling")
    page.reload()
    page.wait_for_selector("#guest-name")
    assert page.locator("#guest-name").input_value() == "Lotte"
    assert page.locator("#guest-memory").input_value() == "Samen naar de Efteling"
    assert page.locator("#guest-role").input_value() == "friend"
    page.fill("#guest-wish", "Veel plezier")
    page.locator("form .button--primary").click()
    expect(page.locator(".guest")).to_have_count(1)
    expect(page.locator("#guest-name")).to_have_value("")

    page.get_by_role("button", name=f"{said['guest_edit']}: Lotte").click()
    page.fill("#guest-wish", "Veel plezier en zon")
    assert kept_on_device(page, "Veel plezier en zon")
    page.reload()
    page.wait_for_selector("#guest-name")
    expect(page.locator("form h2")).to_have_text(said["guest_change"])
    assert page.locator("#guest-wish").input_value() == "Veel plezier en zon"
    page.locator("form .button--primary").click()
    expect(page.locator("form h2")).to_have_text(said["guest_add"])
    family = read_export(export(page, "family", tmp_path / "family.html"), booklets())
    assert [(g.name, g.memory, g.wish) for g in family.workbook.guests] == [
        ("Lotte", "Samen naar de Efteling", "Veel plezier en zon")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_talk_always_reaches_the_counselor_and_done_keeps_it(
    tablet: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    """The screen says what talk means; the counselor's copy names the activity without
    what the child made; reopened, it shows talk, and done keeps talk unless the child
    changed something."""
    said = words(language)
    loaded = booklet(language)
    activity = [a for a in loaded.activities() if a.kind == "text"][1]
    record = open_app(tablet, site_server, language)
    page = record.page
    create_profile(page, "Jay")
    go(page, f"#/activity/{activity.id}")
    page.wait_for_selector(".prompt")
    expect(page.locator("#talk-note")).to_have_text(said["talk_note"])
    expect(page.locator("#talk-chosen")).to_have_count(0)
    page.fill("main textarea", "Geheimetekst van Jay")
    finish(page, "talk")

    assert f"{activity.title}: {said['talk']}" in counselor_sees(page)
    counselor = export(page, "counselor", tmp_path / "counselor.html")
    assert "Geheimetekst" not in counselor
    assert activity.title in counselor
    answers = read_export(counselor, booklets()).workbook.answers
    assert [(a.activity, a.state, a.text) for a in answers.values()] == [(activity.id, "talk", "")]

    go(page, f"#/activity/{activity.id}")
    page.wait_for_selector(".prompt")
    expect(page.locator("#talk-chosen")).to_have_text(said["talk_chosen"])
    assert page.locator("main textarea").input_value() == "Geheimetekst van Jay"
    assert axe_violations(page) == [], "an activity kept for a talk"
    page.locator(".choices-row .button--primary").click()
    page.wait_for_selector(".stations")
    family = read_export(export(page, "family", tmp_path / "family.html"), booklets())
    assert family.workbook.answers[activity.id].state == "talk", "done without a change"

    go(page, f"#/activity/{activity.id}")
    page.wait_for_selector("#talk-chosen")
    page.fill("main textarea", "Toch zelf geschreven")
    page.locator(".choices-row .button--primary").click()
    page.wait_for_selector(".stations")
    family = read_export(export(page, "family", tmp_path / "family2.html"), booklets())
    answer = family.workbook.answers[activity.id]
    assert (answer.state, answer.text) == ("answered", "Toch zelf geschreven")
    assert "Toch zelf" not in export(page, "counselor", tmp_path / "counselor2.html")
    assert record.problems()["console errors"] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_older_childs_talk_card_and_private_plan_point(
    tablet: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    """A card kept for a talk reaches the counselor as its theme and stays kept after
    done; a plan point from a private card never carries its words, even ticked and
    after the answer was edited; the plan screen says why."""
    said = words(language)
    deck = booklet(language).deck
    assert deck is not None
    private, talked = deck.parts[0].cards[0], deck.parts[1].cards[0]
    asked, kept = private.questions[0].id, talked.questions[0].id
    record = open_app(tablet, site_server, language)
    page = record.page
    create_older(page, "Dana")

    go(page, f"#/card/{private.id}")
    page.click("#turn-card")
    page.check(f"#choose-{asked}")
    page.fill(f"#answer-{asked}", "Privetekst een")
    page.check(f"#important-{asked}")
    page.locator(".choices-row .button--primary").click()
    page.wait_for_selector(".cards")
    go(page, "#/plan")
    page.wait_for_selector(".plan-point")
    page.check("#point-1-share")
    expect(page.locator("#point-1-private")).to_have_text(said["plan_point_private"])
    assert axe_violations(page) == [], "plan with a point from a private card"
    go(page, f"#/card/{private.id}")
    page.fill(f"#answer-{asked}", "Privetekst twee")  # the point follows the answer
    page.locator(".choices-row .button--primary").click()
    page.wait_for_selector(".cards")

    go(page, f"#/card/{talked.id}")
    page.click("#turn-card")
    expect(page.locator("#talk-note")).to_have_text(said["talk_note"])
    page.check(f"#choose-{kept}")
    page.fill(f"#answer-{kept}", "Kaartdraft van Dana")
    page.locator(".choices-row .button").nth(1).click()
    page.wait_for_selector(".cards")
    go(page, f"#/card/{talked.id}")
    expect(page.locator("#talk-chosen")).to_have_text(said["talk_chosen"])
    assert page.locator(f"#answer-{kept}").input_value() == "Kaartdraft van Dana"
    assert axe_violations(page) == [], "a card kept for a talk"
    page.locator(".choices-row .button--primary").click()
    page.wait_for_selector(".cards")

    listed = counselor_sees(page)
    assert f"{talked.theme}: {said['talk']}" in listed
    assert "Privetekst" not in listed
    counselor = export(page, "counselor", tmp_path / "counselor.html")
    for word in ("Privetekst", "Kaartdraft"):
        assert word not in counselor
    shown = read_export(counselor, booklets()).workbook
    assert [(c.card, c.state, dict(c.answers)) for c in shown.cards.values()] == [
        (talked.id, "talk", {})
    ]
    assert shown.plan == ()
    family = read_export(export(page, "family", tmp_path / "family.html"), booklets())
    assert [(p.text, p.share) for p in family.workbook.plan] == [("Privetekst twee", True)]
    assert family.workbook.cards[talked.id].state == "talk"
    assert record.problems()["console errors"] == []
