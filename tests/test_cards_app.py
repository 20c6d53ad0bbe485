"""An older child (10-13) in the workbook app: the cards instead of the story, in
nl, en and ar: pick a card, answer, mark for the plan, change the plan, export
both copies, import on another device, and the counselor's viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import axe_violations
from conftest import new_profile
from playwright.sync_api import expect
from test_counselor_tools import PYTHON_MS, open_tool
from test_workbook_app import export, open_app, reload_to_profiles
from workbook_samples import LANGUAGES, booklet, booklets

from kaketoe import read_export

pytestmark = pytest.mark.browser


def words(language: str) -> dict[str, str]:
    deck = booklet(language).deck
    assert deck is not None
    return dict(deck.words)


def create_older(page: Any, nickname: str) -> None:
    page.fill("#nickname", nickname)
    page.locator(".ages [data-age='10-13']").click()
    page.locator(".colours .colour").nth(2).click()
    page.click(".new-profile button[type=submit]")
    page.wait_for_selector("#draw-card")


def answer_card(page: Any, card_id: str, answer: str, *, important: bool, share: bool) -> None:
    """On a card's screen: turn it, choose its first question, write, mark."""
    deck = booklet("nl").deck
    assert deck is not None
    card = deck.card(card_id)
    assert card is not None
    first = card.questions[0].id
    if page.locator("#turn-card").is_visible():
        page.click("#turn-card")
    page.check(f"#choose-{first}")
    page.fill(f"#answer-{first}", answer)
    if important:
        page.check(f"#important-{first}")
    if share:
        page.check("#share")
    page.locator(".choices-row .button--primary").click()
    page.wait_for_selector(".cards")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_older_child_talks_with_the_cards_and_takes_them_along(
    tablet: Any, browser: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    record = open_app(tablet, site_server, language)
    page = record.page
    create_older(page, "Dana")
    deck = booklet(language).deck
    assert deck is not None
    assert page.locator("main p").first.inner_text() == deck.intro[0]
    # A drawn card is one of the deck's; its front and questions are shown.
    page.click("#draw-card")
    page.wait_for_selector("#turn-card")
    drawn = page.url.split("#/card/")[1]
    assert deck.card(drawn) is not None
    assert page.locator("h1").inner_text() == deck.card(drawn).theme  # type: ignore[union-attr]
    page.click("#turn-card")
    expect(page.locator(".card-question")).to_have_count(len(deck.card(drawn).questions))  # type: ignore[union-attr]
    page.locator(".choices-row .button").nth(1).click()  # rather talk about it
    page.wait_for_selector(".cards")

    # Choosing by part: the first card of part A, answered and marked for the plan.
    # (Another card than the drawn one, which is kept for a talk.)
    first = next(card for card in deck.parts[0].cards if card.id != drawn)
    page.goto(page.url.split("#")[0] + f"#/card/{first.id}")
    answer_card(page, first.id, "Ik wil mijn oma vaak zien.", important=True, share=True)
    second = next(card for card in deck.parts[3].cards[1:] if card.id != drawn)
    page.goto(page.url.split("#")[0] + f"#/card/{second.id}")
    answer_card(page, second.id, "Alleen voor mij.", important=False, share=False)

    # The plan holds the marked answer; the child rewrites it and shows it.
    page.goto(page.url.split("#")[0] + "#/plan")
    expect(page.locator(".plan-point")).to_have_count(1)
    assert page.locator("#point-1").input_value() == "Ik wil mijn oma vaak zien."
    page.fill("#point-1", "Ik wil elke week mijn oma zien.")
    page.check("#point-1-share")
    page.fill("#plan-new", "Voetbal in de nieuwe stad.")
    page.locator(".plan-add button").click()
    expect(page.locator(".plan-point")).to_have_count(2)
    page.goto(page.url.split("#")[0] + "#/info")
    expect(page.locator("main h2")).to_have_count(3)
    assert page.locator("main h1").inner_text() == deck.info.title

    # After a reload everything is there.
    reload_to_profiles(page)
    page.locator(".profile", has_text="Dana").click()
    page.wait_for_selector("#draw-card")
    assert first.theme in page.locator("main").inner_text()
    page.goto(page.url.split("#")[0] + "#/plan")
    assert page.locator("#point-1").input_value() == "Ik wil elke week mijn oma zien."

    family = read_export(export(page, "family", tmp_path / "family.html"), booklets())
    assert family.workbook.material == "cards"
    assert family.booklet.language == language
    assert [p.text for p in family.workbook.plan] == [
        "Ik wil elke week mijn oma zien.",
        "Voetbal in de nieuwe stad.",
    ]
    assert family.workbook.cards[first.id].answers == {
        first.questions[0].id: "Ik wil mijn oma vaak zien."
    }
    assert family.workbook.cards[drawn].state == "talk"
    counselor = read_export(export(page, "counselor", tmp_path / "counselor.html"), booklets())
    assert set(counselor.workbook.cards) == {first.id, drawn}  # drawn: kept for a talk
    assert [p.text for p in counselor.workbook.plan] == ["Ik wil elke week mijn oma zien."]
    assert record.problems(reloaded=True) == {
        "console errors": [],
        "failed requests": [],
        "requests to another origin": [],
        "CSP violations": [],
    }

    # On another device the file brings the cards back.
    other = new_profile(browser, viewport={"width": 820, "height": 1180}, has_touch=True)
    try:
        fresh = open_app(other, site_server, language, "#/import").page
        fresh.set_input_files("#import-file", str(tmp_path / "family.html"))
        fresh.locator("main .button--primary").click(timeout=180_000)
        fresh.wait_for_selector("#draw-card")
        fresh.goto(fresh.url.split("#")[0] + "#/plan")
        expect(fresh.locator(".plan-point")).to_have_count(2)
        fresh.goto(fresh.url.split("#")[0] + f"#/card/{first.id}")
        assert fresh.locator(f"#answer-{first.questions[0].id}").input_value() == (
            "Ik wil mijn oma vaak zien."
        )
    finally:
        other.close()


def test_the_viewer_puts_an_older_childs_plan_first(
    tablet: Any, browser: Any, site_server: str, tmp_path: Path
) -> None:
    page = open_app(tablet, site_server, "nl").page
    create_older(page, "Rim")
    card = booklet("nl").deck.parts[2].cards[0]  # type: ignore[union-attr]
    page.goto(page.url.split("#")[0] + f"#/card/{card.id}")
    answer_card(page, card.id, "Afscheid nemen van juf Mies.", important=True, share=True)
    page.goto(page.url.split("#")[0] + "#/plan")
    page.check("#point-1-share")
    export(page, "counselor", tmp_path / "counselor.html")
    laptop = new_profile(browser, viewport={"width": 1280, "height": 900})
    try:
        viewer = open_tool(laptop, site_server, "en", "viewer").page
        viewer.set_input_files("#child-files", str(tmp_path / "counselor.html"))
        expect(viewer.locator(".report")).to_have_count(1, timeout=PYTHON_MS)
        headings = viewer.locator(".report .answers h2")
        deck = booklet("en").deck
        assert deck is not None
        expect(headings.first).to_have_text(deck.labels["plan"])
        expect(viewer.locator(".report ol.plan")).to_contain_text("Afscheid nemen van juf Mies.")
        assert axe_violations(viewer) == []
    finally:
        laptop.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_of_the_cards_passes_axe(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    record = open_app(tablet_before_python, site_server, language)
    page = record.page
    create_older(page, "Noor")
    assert axe_violations(page) == [], "deck home"
    page.locator(".stretch h3 a").first.click()
    page.wait_for_selector(".cards")
    assert axe_violations(page) == [], "part"
    page.locator(".card-link").first.click()
    page.wait_for_selector("#turn-card")
    assert axe_violations(page) == [], "card front"
    page.click("#turn-card")
    page.locator(".card-question input[type=checkbox]").first.check()
    assert axe_violations(page) == [], "card back"
    page.locator(".card-answer:not([hidden]) input[type=checkbox]").first.check()
    page.goto(page.url.split("#")[0] + "#/plan")
    page.wait_for_selector(".plan-point")
    assert axe_violations(page) == [], "plan"
    page.goto(page.url.split("#")[0] + "#/info")
    page.wait_for_selector(".info-items")
    assert axe_violations(page) == [], "info"
    if language == "ar":  # "IOM" and the Dutch name of the DT&V, marked as such
        assert page.locator(".info-items span[lang=en][dir=ltr]").count() >= 1
        assert page.locator(".info-items span[lang=nl][dir=ltr]").count() == 1
    page.goto(page.url.split("#")[0] + "#/export")
    page.wait_for_selector("h1")
    assert axe_violations(page) == [], "export"
    shown = page.locator("main").inner_text()
    assert "undefined" not in shown
    assert "null" not in shown
    assert record.problems()["console errors"] == []


CARRY_OVER_CARDS = """async () => {
  const { merge } = await import("../shared/store.js");
  const stored = {
    id: "p", age: "10-13", updated: "2026-01-03T00:00:00.000Z",
    answers: {}, stickers: [], guests: [],
    cards: {
      "a-my-name": { card: "a-my-name", state: "talk", share: false, updated: "2026-01-03" },
    },
    plan: [{ id: "old", text: "Oma", share: true, question: "", updated: "2026-01-03" }],
  };
  const edited = {
    ...stored, updated: "2026-01-04T00:00:00.000Z",
    cards: {
      "a-my-name": { card: "a-my-name", state: "skipped", share: false, updated: "2026-01-01" },
      "d-worries": { card: "d-worries", state: "talk", share: true, updated: "2026-01-04" },
    },
    plan: [
      { id: "old", text: "Opa", share: true, question: "", updated: "2026-01-01" },
      { id: "new", text: "Voetbal", share: false, question: "", updated: "2026-01-04" },
    ],
  };
  merge(edited, stored);  // the newer version of each card and point, into edited
  const merged = edited;
  return { cards: merged.cards, plan: merged.plan.map((p) => [p.id, p.text]) };
}"""


def test_cards_done_on_a_stale_copy_are_put_on_top_of_the_newer_version(
    tablet_before_python: Any, site_server: str
) -> None:
    """As for the booklet: per card and plan point the newer version wins, whether
    the child's copy or the database held it; what only one side has stays."""
    page = open_app(tablet_before_python, site_server, "nl").page
    page.wait_for_selector("#nickname")
    merged = page.evaluate(CARRY_OVER_CARDS)
    assert merged["cards"]["a-my-name"]["state"] == "talk"
    assert merged["cards"]["d-worries"]["state"] == "talk"
    assert merged["plan"] == [["old", "Oma"], ["new", "Voetbal"]]


def test_the_cards_work_offline_after_the_first_visit(
    installable_tablet: Any, site_server: str
) -> None:
    """As the booklet: once the service worker has the app, an older child opens the
    cards, answers and finds the plan without a network."""
    from test_workbook_app import COUNT_CACHED

    page = open_app(installable_tablet, site_server, "ar").page
    page.evaluate("() => navigator.serviceWorker.ready")
    for _ in range(120):
        cached = page.evaluate(COUNT_CACHED)
        if cached and cached > 20:
            break
        page.wait_for_timeout(500)
    installable_tablet.set_offline(True)
    try:
        page.reload()
        create_older(page, "Sami")
        card = booklet("ar").deck.parts[1].cards[0]  # type: ignore[union-attr]
        page.goto(page.url.split("#")[0] + f"#/card/{card.id}")
        answer_card(page, card.id, "بدون إنترنت", important=True, share=False)
        reload_to_profiles(page)
        page.locator(".profile", has_text="Sami").click()
        page.goto(page.url.split("#")[0] + "#/plan")
        assert page.locator("#point-1").input_value() == "بدون إنترنت"
    finally:
        installable_tablet.set_offline(False)


def test_a_turned_card_shows_its_questions_and_not_the_turn_button(
    tablet_before_python: Any, site_server: str
) -> None:
    page = open_app(tablet_before_python, site_server, "nl").page
    create_older(page, "Lina")
    page.goto(page.url.split("#")[0] + "#/card/a-my-family")
    expect(page.locator("#card-back")).to_be_hidden()
    page.click("#turn-card")
    expect(page.locator("#turn-card")).to_be_hidden()
    expect(page.locator("#card-back")).to_be_visible()
    expect(page.locator("#questions-title")).to_be_focused()
    expect(page.locator(".card-answer").first).to_be_hidden()


def test_a_card_and_the_information_are_read_aloud_without_the_markers(
    tablet_before_python: Any, site_server: str
) -> None:
    """With an Arabic voice on the device, a turned card reads its theme and
    questions; the information reads its texts, a Latin name without its marker."""
    import json

    from test_workbook_app import FAKE_SPEECH

    tablet_before_python.add_init_script(
        f"({FAKE_SPEECH})({json.dumps([{'lang': 'ar-SA', 'name': 'x'}])})"
    )
    page = open_app(tablet_before_python, site_server, "ar").page
    create_older(page, "Rim")
    deck = booklet("ar").deck
    assert deck is not None
    card = deck.parts[0].cards[1]
    page.goto(page.url.split("#")[0] + f"#/card/{card.id}")
    page.click("#turn-card")
    page.locator(".card-back .read-aloud").click()
    spoken = page.evaluate("window.spoken")
    assert spoken[-1]["text"].startswith(card.theme)
    assert card.questions[-1].text in spoken[-1]["text"]
    page.goto(page.url.split("#")[0] + "#/info")
    page.locator("#info-who ~ .read-aloud-slot .read-aloud, section .read-aloud").first.click()
    said = page.evaluate("window.spoken")[-1]["text"]
    assert "Dienst Terugkeer en Vertrek" in said
    assert "[[" not in said
