"""How the child is addressed, in Chromium: asked in Arabic, kept, used on screens and in files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import axe_violations
from page_visit import TABLET
from test_workbook_app import export, open_activity, open_app, reload_to_profiles
from workbook_samples import booklet, booklets

from kaketoe import read_export
from kaketoe._schema import ChildText

pytestmark = pytest.mark.browser

STORED = (
    "() => Object.keys(localStorage).filter((k) => k.startsWith('kaketoe:profile:'))"
    ".map((k) => JSON.parse(localStorage.getItem(k)))"
)


def forms(activity_id: str, field: str = "prompt") -> ChildText:
    text = getattr(booklet("ar").activity(activity_id), field)
    assert isinstance(text, ChildText)
    return text


def create_arabic_profile(page: Any, nickname: str, address: str) -> None:
    page.fill("#nickname", nickname)
    page.locator(f'.addresses [data-address="{address}"]').click()
    page.click(".new-profile button[type=submit]")
    page.wait_for_selector(".road")


def test_an_arabic_girl_is_spoken_to_as_a_girl_on_screen_in_files_and_after_import(
    tablet: Any, browser: Any, site_server: str, tmp_path: Path
) -> None:
    """A girl's profile shows her forms, keeps them after a reload, in her file and its import."""
    record = open_app(tablet, site_server, "ar")
    page = record.page
    assert page.locator(".addresses legend").inner_text() == booklet("ar").address["question"]
    assert axe_violations(page) == [], "new profile with the question"
    create_arabic_profile(page, "Noor", "girl")
    prompt = forms("a-kaketoe-name")
    open_activity(page, "a-kaketoe-name")
    assert page.locator(".prompt").inner_text() == prompt.girl
    assert axe_violations(page) == [], "activity"
    page.fill("main textarea", "Kiki")
    page.locator(".choices-row .button").first.click()
    page.wait_for_selector(".stickers")

    reload_to_profiles(page)
    page.locator(".profile").first.click()
    open_activity(page, "a-crest-today")
    assert page.locator(".prompt").inner_text() == forms("a-crest-today").girl
    assert page.evaluate(STORED)[0]["addressedAs"] == "girl"

    family = export(page, "family", tmp_path / "family.html")
    assert prompt.girl in family
    assert prompt.boy not in family
    assert read_export(family.encode("utf-8"), booklets()).workbook.profile.addressed_as == "girl"
    counselor = export(page, "counselor", tmp_path / "counselor.html")
    assert prompt.girl not in counselor

    other = browser.new_context(viewport=TABLET, has_touch=True)
    try:
        fresh = open_app(other, site_server, "ar", "#/import").page
        fresh.set_input_files("#import-file", str(tmp_path / "family.html"))
        fresh.locator("main .button--primary").click(timeout=180_000)
        fresh.wait_for_selector(".road")
        assert fresh.evaluate(STORED)[0]["addressedAs"] == "girl"
        open_activity(fresh, "a-kaketoe-name")
        assert fresh.locator(".prompt").inner_text() == prompt.girl
    finally:
        other.close()
    assert record.problems()["console errors"] == []


def test_the_change_screen_turns_a_neutral_profile_into_a_boys(
    tablet_before_python: Any, site_server: str
) -> None:
    """Not chosen shows the neutral form; choosing "boy" on the change screen shows his."""
    page = open_app(tablet_before_python, site_server, "ar").page
    page.fill("#nickname", "Sami")
    page.click(".new-profile button[type=submit]")
    page.wait_for_selector(".road")
    prompt = forms("a-me-and-kaketoe")
    open_activity(page, "a-me-and-kaketoe")
    assert page.locator(".prompt").inner_text() == str(prompt)
    page.goto(page.url.split("#")[0] + "#/home")
    page.locator(".home__more a[href^='#/change/']").click()
    page.wait_for_selector(".addresses")
    neutral = page.locator('.addresses [data-address="neutral"]')
    assert neutral.get_attribute("aria-pressed") == "true"
    assert axe_violations(page) == [], "change screen"
    page.locator('.addresses [data-address="boy"]').click()
    page.locator(".new-profile button[type=submit]").click()
    page.wait_for_selector(".road")
    open_activity(page, "a-me-and-kaketoe")
    assert page.locator(".prompt").inner_text() == prompt.boy


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dutch_and_english_do_not_ask(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    """A language whose texts have no forms asks nothing about girl or boy."""
    page = open_app(tablet_before_python, site_server, language).page
    page.wait_for_selector(".new-profile")
    assert page.locator(".addresses").count() == 0
    page.fill("#nickname", "Noor")
    page.click(".new-profile button[type=submit]")
    page.wait_for_selector(".road")
    stored = page.evaluate(STORED)[0]
    assert "addressedAs" not in stored
