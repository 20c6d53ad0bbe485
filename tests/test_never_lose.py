"""Never lose an answer (issue 15, items 6-8, 10, 15, 18, 21): a screen that
fails, two tabs on one child, a browser killed while a child types, imported
and changed names, and what the screens show around them."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from axe import axe_violations
from conftest import CHROMIUM, CHROMIUM_ARGS, new_profile
from killed_browser import kill_browser
from page_visit import PHONE, TABLET
from playwright.sync_api import expect
from test_cards_app import create_older
from test_workbook_app import (
    create_profile,
    export,
    finish,
    first_of,
    open_activity,
    open_app,
    reload_to_profiles,
)
from workbook_samples import booklet, booklets

from kaketoe import read_export

pytestmark = pytest.mark.browser

NAME = "a-kaketoe-name"
TEXTS = [a.id for a in booklet("nl").activities() if a.kind == "text"]
STORED = """() => Object.keys(localStorage).filter((k) => k.startsWith("kaketoe:profile:"))
  .map((k) => JSON.parse(localStorage.getItem(k)))"""


def base(page: Any) -> str:
    return str(page.url.split("#")[0])


def text_of(page: Any, activity: str) -> str:
    """The text an activity shows, opened by its address."""
    page.goto(base(page) + f"#/activity/{activity}")
    page.wait_for_selector(".prompt")
    value: str = page.locator("main textarea").input_value()
    return value


def stored_text(page: Any, activity: str) -> str | None:
    """The text of an activity in this origin's localStorage copy, or None."""
    for profile in page.evaluate(STORED):
        answer = profile.get("answers", {}).get(activity)
        if answer and answer.get("value"):
            return str(answer["value"]["text"])
    return None


def test_a_reload_on_the_export_screen_leaves_saving_on(
    tablet_before_python: Any, site_server: str
) -> None:
    """Reloaded on the export screen (as "update now" does), the app draws that
    screen, and what the child types afterwards survives the next reload."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Noor")
    page.goto(base(page) + "#/export")
    page.wait_for_selector("main h1")
    page.reload()
    expect(page.locator("main h1")).to_have_text(booklet("nl").words["export"])
    open_url = base(page) + f"#/activity/{NAME}"
    page.goto(open_url)
    page.wait_for_selector(".prompt")
    page.fill("main textarea", "Na het vernieuwen")
    page.goto(base(page) + "#/home")  # leaving saves
    page.wait_for_selector(".road")
    page.reload()
    page.wait_for_selector(".road")
    assert text_of(page, NAME) == "Na het vernieuwen"


def test_a_screen_that_fails_says_so_and_saving_goes_on(
    tablet_before_python: Any, site_server: str
) -> None:
    """A screen that cannot be drawn (here: a damaged list of stickers) shows a
    calm message with a way back; answers typed afterwards are still saved."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Sami")
    page.evaluate(
        """() => {
          const key = Object.keys(localStorage).find((k) => k.startsWith("kaketoe:profile:"));
          const profile = JSON.parse(localStorage.getItem(key));
          profile.stickers = "damaged";
          profile.updated = new Date(Date.now() + 60000).toISOString();
          localStorage.setItem(key, JSON.stringify(profile));
        }"""
    )
    page.reload()
    words = booklet("nl").words
    expect(page.locator("main h1")).to_have_text(words["screen_failed"])
    expect(page.locator("main button")).to_have_text(words["to_start"])
    assert axe_violations(page) == [], "the message"
    page.goto(base(page) + f"#/activity/{NAME}")
    page.wait_for_selector(".prompt")
    page.fill("main textarea", "Toch bewaard")
    expect(page.locator("#saved")).to_have_text(words["saved"])
    assert stored_text(page, NAME) == "Toch bewaard"


def test_two_tabs_on_one_child_keep_both_answers(
    tablet_before_python: Any, site_server: str
) -> None:
    """Two tabs on the same child, typing different answers in turn: every answer
    of both survives a reload of either tab."""
    first = open_app(tablet_before_python, site_server, "nl").page
    create_profile(first, "Mila")
    second = open_app(tablet_before_python, site_server, "nl").page
    second.locator(".profile", has_text="Mila").click()
    second.wait_for_selector(".road")
    written = {}
    for turn, activity in enumerate(TEXTS[:6]):
        page = (first, second)[turn % 2]
        text = f"Antwoord {turn} uit tab {turn % 2 + 1}"
        page.goto(base(page) + f"#/activity/{activity}")
        page.wait_for_selector(".prompt")
        page.fill("main textarea", text)
        expect(page.locator("#saved")).to_have_text(booklet("nl").words["saved"])
        written[activity] = text
    for page in (second, first):
        page.reload()
        page.wait_for_selector("main h1")
        assert {activity: text_of(page, activity) for activity in written} == written


def test_the_other_tab_shows_what_was_typed_in_this_one(
    tablet_before_python: Any, site_server: str
) -> None:
    """A tab on the road of a child shows the sticker another tab placed, without a reload."""
    first = open_app(tablet_before_python, site_server, "nl").page
    create_profile(first, "Rim")
    second = open_app(tablet_before_python, site_server, "nl").page
    second.locator(".profile", has_text="Rim").click()
    second.wait_for_selector(".road")
    open_activity(first, NAME)
    first.fill("main textarea", "Kiki")
    finish(first)
    expect(second.locator(f'.station__link[data-station="{NAME}"] svg[role=img]')).to_have_count(1)


def on_disk(browser: Any, folder: str) -> Any:
    """Chromium with its profile on disk, as on a tablet (started by the
    session's Playwright, next to the shared browser)."""
    return browser.browser_type.launch_persistent_context(
        folder, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=TABLET, has_touch=True
    )


def test_steady_typing_survives_a_browser_that_is_killed(browser: Any, site_server: str) -> None:
    """A child types steadily for four seconds and the browser is killed at once:
    after a restart, everything typed up to about a second before is there."""
    typed = "Ik vlieg met de kaketoe naar oma en opa, ver weg"
    with tempfile.TemporaryDirectory(prefix="kaketoe-kill-") as folder:
        context = on_disk(browser, folder)
        page = context.new_page()
        page.goto(urljoin(site_server, "app/nl/"))
        create_profile(page, "Noor")
        open_activity(page, NAME)
        page.locator("main textarea").click()
        page.keyboard.type(typed, delay=85)  # about 4 s, no pause of 0.4 s
        kill_browser(context, folder)
        context = on_disk(browser, folder)
        try:
            page = context.new_page()
            page.goto(urljoin(site_server, "app/nl/"))
            page.locator(".profile", has_text="Noor").click()
            page.wait_for_selector(".road")
            found = text_of(page, NAME)
        finally:
            context.close()
    assert typed.startswith(found), found
    # At most about a second (12 keys at 85 ms) of the last typing is missing.
    assert len(found) >= len(typed) - 14, f"only {len(found)} of {len(typed)} characters"


def test_a_frozen_tab_has_saved_what_was_typed(tablet_before_python: Any, site_server: str) -> None:
    """When the tablet freezes a tab, what was just typed is saved at that moment,
    without waiting for a pause in typing."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Lina")
    open_activity(page, NAME)
    page.locator("main textarea").click()
    page.keyboard.type("Net getypt")
    copy = page.evaluate(
        """() => {
          document.dispatchEvent(new Event("freeze"));
          const key = Object.keys(localStorage).find((k) => k.startsWith("kaketoe:profile:"));
          const answer = JSON.parse(localStorage.getItem(key)).answers["a-kaketoe-name"];
          return answer ? answer.value.text : null;
        }"""
    )
    assert copy == "Net getypt"


# An absent part of a screen shown as a word (no word of the app's content holds either).
SHOWN_ABSENT = re.compile("null|undefined")
LONG_NAME = "Abcdefghij Klmnopqrst Uvwxyzabcd Efghij"  # 39 characters


def test_an_imported_name_that_exists_stays_valid(
    tablet: Any, site_server: str, tmp_path: Path
) -> None:
    """A file of a child whose long nickname is already on the device comes in
    under a new name of at most 40 characters, and that profile exports again."""
    page = open_app(tablet, site_server, "nl").page
    create_profile(page, LONG_NAME)
    open_activity(page, NAME)
    page.fill("main textarea", "Kiki")
    finish(page)
    export(page, "family", tmp_path / "first.html")
    page.goto(base(page) + "#/import")
    page.set_input_files("#import-file", str(tmp_path / "first.html"))
    preview = page.locator("main [role=status]")
    expect(preview.locator("p").first).to_contain_text(LONG_NAME, timeout=180_000)
    assert not SHOWN_ABSENT.search(preview.inner_text())
    preview.locator(".button--primary").click()
    page.wait_for_selector(".road")
    names = sorted(p["nickname"] for p in page.evaluate(STORED))
    assert names == sorted([LONG_NAME, "Abcdefghij Klmnopqrst Uvwxyzabcd Efg (2)"])
    assert all(len(name) <= 40 for name in names)
    again = read_export(export(page, "family", tmp_path / "again.html"), booklets())
    assert again.workbook.profile.nickname == "Abcdefghij Klmnopqrst Uvwxyzabcd Efg (2)"


def test_a_profile_name_colour_and_age_can_be_changed(
    tablet_before_python: Any, site_server: str
) -> None:
    """From the road the child changes name, colour and age group; a name is
    cleaned as when it was made; the booklet's answers wait while the child
    works with the cards, and are there again after changing back."""
    words = booklet("nl").words
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Noor")
    open_activity(page, NAME)
    page.fill("main textarea", "Kiki")
    finish(page)
    page.goto(base(page) + "#/home")
    page.locator(".home__more a[href^='#/change/']").click()
    expect(page.locator("main h1")).to_contain_text(words["change_title"])
    assert page.locator("#nickname").input_value() == "Noor"
    page.fill("#nickname", "  \u202eNoortje\u202c  ")
    page.locator(".colours .colour").nth(2).click()
    assert page.locator("#age-note").is_hidden()
    page.locator(".ages [data-age='10-13']").click()
    expect(page.locator("#age-note")).to_have_text(words["age_change_note"])
    assert axe_violations(page) == [], "the change screen"
    page.locator("main form .button--primary").click()
    page.wait_for_selector("#draw-card")
    assert page.locator("main h1 bdi").inner_text() == "Noortje"
    [stored] = page.evaluate(STORED)
    assert (stored["nickname"], stored["age"], stored["colour"]) == ("Noortje", "10-13", "blue")
    assert stored["answers"][NAME]["value"] == {"text": "Kiki"}, "the booklet's answers stay"
    page.goto(base(page) + f"#/change/{stored['id']}")
    page.locator(".ages [data-age='6-9']").click()
    page.locator("main form .button--primary").click()
    page.wait_for_selector(".road")
    assert text_of(page, NAME) == "Kiki"
    reload_to_profiles(page)
    assert [p.strip() for p in page.locator(".profile").all_inner_texts()] == ["Noortje"]


def test_a_name_is_cleaned_and_kept_apart_from_the_words_around_it(
    tablet_before_python: Any, site_server: str
) -> None:
    """A nickname typed with direction controls and wide letters is stored clean
    (NFKC, no controls, trimmed); every screen shows a name inside <bdi>, also
    one stored before this rule, so it never turns the buttons around."""
    page = open_app(tablet_before_python, site_server, "ar").page
    create_profile(page, " \u202e\uff33\uff41\uff4d\uff49\u2066 ")  # full-width letters
    [stored] = page.evaluate(STORED)
    assert stored["nickname"] == "Sami"
    page.evaluate(
        """() => {
          const key = Object.keys(localStorage).find((k) => k.startsWith("kaketoe:profile:"));
          const profile = JSON.parse(localStorage.getItem(key));
          profile.nickname = "\\u202eimaS";
          profile.named = profile.updated = new Date(Date.now() + 60000).toISOString();
          localStorage.setItem(key, JSON.stringify(profile));
        }"""
    )
    reload_to_profiles(page)
    for tool in page.locator(".profiles .tool").all():
        assert tool.locator("bdi").inner_text() == "\u202eimaS"
    page.locator(".profile").click()
    page.wait_for_selector(".road")
    assert page.locator("main h1 bdi").inner_text() == "\u202eimaS"


def visible_text(page: Any) -> str:
    text: str = page.locator("#notices").inner_text() + "\n" + page.locator("main").inner_text()
    return text


def test_no_screen_shows_null_or_undefined(
    tablet: Any, browser: Any, site_server: str, tmp_path: Path
) -> None:
    """Every screen of a young and an older child, the change screen and the
    import preview: no "null" or "undefined" where an optional part was absent."""
    page = open_app(tablet, site_server, "nl").page
    create_profile(page, "Noor")
    open_activity(page, NAME)
    page.fill("main textarea", "Kiki")
    finish(page)
    deck = booklet("nl").deck
    assert deck is not None
    part = booklet("nl").parts[0].id
    young = ["#/home", f"#/part/{part}", f"#/sticker/{NAME}", "#/export", "#/goodbye", "#/import"]
    young += [f"#/activity/{first_of('nl', kind)}" for kind in ("text", "drawing", "photo")]
    young += [f"#/activity/{first_of('nl', kind)}" for kind in ("feeling", "choice", "people")]
    young += [f"#/activity/{first_of('nl', 'info')}"]
    seen = {}
    for screen in young:
        page.goto(base(page) + screen)
        page.wait_for_selector("main h1")
        seen[screen] = visible_text(page)
    export(page, "family", tmp_path / "family.html")
    [stored] = page.evaluate(STORED)
    page.goto(base(page) + f"#/change/{stored['id']}")
    page.wait_for_selector("#nickname")
    seen["change"] = visible_text(page)
    page.goto(base(page) + "#/")
    page.wait_for_selector(".profile")
    seen["profiles"] = visible_text(page)
    create_older(page, "Dana")
    older = ["#/home", f"#/part/{deck.parts[0].id}", f"#/card/{deck.parts[0].cards[0].id}"]
    older += ["#/plan", "#/info", "#/export", "#/goodbye"]
    for screen in older:
        page.goto(base(page) + screen)
        page.wait_for_selector("main h1")
        seen[f"older {screen}"] = visible_text(page)
    other = new_profile(browser, viewport=PHONE, has_touch=True)
    try:
        fresh = open_app(other, site_server, "nl", "#/import").page
        fresh.set_input_files("#import-file", str(tmp_path / "family.html"))
        fresh.locator("main .button--primary").wait_for(timeout=180_000)
        seen["import preview"] = visible_text(fresh)
    finally:
        other.close()
    shown = {screen: text for screen, text in seen.items() if SHOWN_ABSENT.search(text)}
    assert shown == {}


def test_the_sticker_notice_goes_when_the_child_leaves_the_screen(
    tablet_before_python: Any, site_server: str
) -> None:
    """ "Your sticker is on your road" is shown where the child lands after
    placing it, and is gone on the next screen."""
    words = booklet("nl").words
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Noor")
    open_activity(page, NAME)
    page.fill("main textarea", "Kiki")
    finish(page)
    expect(page.locator("#sticker-notice")).to_have_text(words["sticker_placed"])
    page.goto(base(page) + "#/home")
    page.wait_for_selector(".road")
    expect(page.locator("#sticker-notice")).to_have_count(0)
    open_activity(page, first_of("nl", "choice"))
    assert words["sticker_placed"] not in visible_text(page)


MERGE = """async () => {
  const { merge } = await import("../shared/store.js");
  const at = (s) => `2026-01-01T00:00:0${s}.000Z`;
  const mine = {
    id: "p", updated: at(3),
    answers: { a: { activity: "a", value: { text: "mine, older" }, updated: at(1) },
               b: { activity: "b", value: { text: "only mine" }, updated: at(3) } },
    plan: [{ id: "q", text: "point", updated: at(1) }],
    stickers: [{ station: "b", sticker: "moon", updated: at(3) }],
    goodbyeDrafts: { "": { name: "Sam", updated: at(3) } },
  };
  const plan = mine.plan;
  const theirs = {
    id: "p", updated: at(4),
    answers: { a: { activity: "a", value: { text: "theirs, newer" }, updated: at(2) },
               c: { activity: "c", value: { text: "only theirs" }, updated: at(4) } },
    plan: [{ id: "r", text: "their point", updated: at(4) }],
    guests: [{ id: "g", name: "Juf", updated: at(4) }],
    goodbyeDrafts: { g: { name: "Juf Ans", updated: at(4) } },
    removed: { "plan/q": at(2) },
  };
  const took = merge(mine, theirs);
  return {
    took, samePlanList: plan === mine.plan,
    answers: Object.fromEntries(Object.entries(mine.answers).map(([k, v]) => [k, v.value.text])),
    plan: mine.plan.map((p) => p.id), guests: mine.guests.map((g) => g.name),
    stickers: mine.stickers.map((s) => s.station), updated: mine.updated,
    goodbyeDrafts: Object.fromEntries(
      Object.entries(mine.goodbyeDrafts).map(([k, v]) => [k, v.name])),
  };
}"""


def test_two_versions_of_a_profile_merge_item_by_item(
    tablet_before_python: Any, site_server: str
) -> None:
    """Per answer, point, sticker, page or goodbye page being written the newer one
    wins; what only one side has stays; a removal is kept; lists are changed in
    place for open screens."""
    page = open_app(tablet_before_python, site_server, "nl").page
    page.wait_for_selector("#nickname")
    assert page.evaluate(MERGE) == {
        "took": True,
        "samePlanList": True,
        "answers": {"a": "theirs, newer", "b": "only mine", "c": "only theirs"},
        "plan": ["r"],
        "guests": ["Juf"],
        "stickers": ["b"],
        "updated": "2026-01-01T00:00:04.000Z",
        "goodbyeDrafts": {"": "Sam", "g": "Juf Ans"},
    }
