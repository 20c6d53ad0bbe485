"""A Python worker that hangs or dies costs one call, never the next; a bad file never
blocks a good one (web/shared/python.js). Faults are real: the worker is made to
hang or to die through the DevTools protocol, or is handed a hostile file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import new_profile
from hostile_files import EXPORT_START, HUNDRED_THOUSAND
from playwright.sync_api import expect
from test_counselor_promises import family_workbook, words
from test_counselor_tools import open_tool
from test_workbook_app import create_profile, export, finish, open_activity, open_app
from workbook_samples import LATER, WHEN, booklet

from kaketoe import export_html, workbook_from_data

pytestmark = pytest.mark.browser

PYTHON_MS = 120_000  # Python's worker starts slowly on a busy machine
# Makes the worker's thread spin for ever: a worker that hangs.
HANG = "setTimeout(() => { for (;;) {} }, 0)"
# Keeps the worker busy a moment (so the next call waits for it), then fails the
# way a broken worker does: an error nothing catches.
DIE = (
    "setTimeout(() => { const end = Date.now() + 1500; while (Date.now() < end) {}"
    " throw new Error('the worker died'); }, 0)"
)


def the_worker(page: Any) -> Any:
    """The page's Python worker (the only worker a page of the app has)."""
    expect(page.locator("body")).to_be_visible()
    assert len(page.workers) == 1, page.workers
    return page.workers[0]


def family_file(path: Path, nickname: str = "Noor") -> Path:
    data = family_workbook()
    data["profile"]["nickname"] = nickname
    loaded = booklet("nl")
    workbook = workbook_from_data(loaded, data)
    path.write_text(
        export_html(workbook, loaded, "family", created=WHEN, updated=LATER), encoding="utf-8"
    )
    return path


def test_after_a_hung_worker_the_retry_makes_the_file(
    tablet: Any, site_server: str, tmp_path: Path
) -> None:
    """Export with a worker that hangs: after its time limit the child sees "try again",
    and "try again" makes the file (a fresh worker), without a reload."""
    tablet.clock.install()
    page = open_app(tablet, site_server, "nl").page
    create_profile(page, "Lina")
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Pip")
    finish(page)
    export(page, "family", tmp_path / "first.html")  # Python is up and working
    the_worker(page).evaluate(HANG)
    page.goto(page.url.split("#")[0] + "#/home")
    page.wait_for_selector(".road")
    page.goto(page.url.split("#")[0] + "#/export")
    page.locator(".button--primary").click()
    status = page.locator("main [role=status]")
    page.clock.fast_forward("01:01")  # past the export's limit of 60 s
    retry = status.locator("button")
    expect(retry).to_be_visible()
    expect(status).to_contain_text(booklet("nl").words["python_failed"])
    with page.expect_download(timeout=PYTHON_MS) as download:
        retry.click()
    download.value.save_as(tmp_path / "again.html")
    assert '"nickname":"Lina"' in (tmp_path / "again.html").read_text(encoding="utf-8")
    expect(status).to_have_text(booklet("nl").words["export_ready"])


def test_a_worker_that_dies_while_a_file_waits_fails_that_file_and_no_other(
    tablet: Any, site_server: str, tmp_path: Path
) -> None:
    """The worker dies while a file waits to be read: the import says so at once (not
    after a minute), and choosing the file again reads it in a fresh worker."""
    good = family_file(tmp_path / "noor.html")
    page = open_app(tablet, site_server, "nl", "#/import").page
    result = page.locator("main [role=status]")
    page.set_input_files("#import-file", str(good))
    expect(result).to_contain_text("Noor", timeout=PYTHON_MS)  # Python is up
    the_worker(page).evaluate(DIE)
    page.set_input_files("#import-file", [])
    page.set_input_files("#import-file", str(good))
    # Without the fix the file waited for the call's limit of a minute.
    # An import that fails says the file could not be read, not that making one failed.
    expect(result).to_have_text(booklet("nl").words["import_failed"], timeout=20_000)
    page.set_input_files("#import-file", [])
    page.set_input_files("#import-file", str(good))
    expect(result).to_contain_text("Noor", timeout=PYTHON_MS)


def test_hostile_and_foreign_files_are_named_and_the_next_good_file_opens(
    tablet: Any, site_server: str, tmp_path: Path
) -> None:
    """In the app's import, a file of a hundred thousand data block tags, one of escaped
    quotes and a file that is not UTF-8 are each named for what they are, quickly, and
    the good file after them opens."""
    messages = booklet("nl").messages
    tags = tmp_path / "tags.html"
    tags.write_text("<html>" + EXPORT_START * HUNDRED_THOUSAND, encoding="utf-8")
    quotes = tmp_path / "quotes.html"
    quotes.write_text(
        f'<html>{EXPORT_START}{{"a":"' + '\\"' * (10 * HUNDRED_THOUSAND), encoding="utf-8"
    )
    good = family_file(tmp_path / "noor.html")
    latin = tmp_path / "latin.html"
    latin.write_bytes(good.read_bytes().replace(b"</title>", b"\xe9</title>", 1))
    page = open_app(tablet, site_server, "nl", "#/import").page
    result = page.locator("main [role=status]")
    for path, code in ((tags, "damaged"), (latin, "not-utf-8"), (quotes, "damaged")):
        page.set_input_files("#import-file", [])
        page.set_input_files("#import-file", str(path))
        # Python may still be starting for the first file; after that each is quick.
        expect(result).to_have_text(messages[code], timeout=PYTHON_MS if path == tags else 20_000)
    page.set_input_files("#import-file", [])
    page.set_input_files("#import-file", str(good))
    expect(result).to_contain_text("Noor", timeout=20_000)


def test_the_viewer_names_a_dead_worker_and_opens_the_next_file(
    browser: Any, site_server: str, tmp_path: Path
) -> None:
    """In the counselor viewer, a worker that dies while a file waits is named in the
    counselor's words (not as a problem of the file), and the next file opens."""
    context = new_profile(browser, viewport={"width": 1280, "height": 900})
    try:
        said = words("en")
        good = family_file(tmp_path / "noor.html")
        other = family_file(tmp_path / "sami.html", "Sami")
        page = open_tool(context, site_server, "en", "viewer").page
        page.set_input_files("#child-files", str(good))
        expect(page.locator(".report")).to_have_count(1, timeout=PYTHON_MS)
        the_worker(page).evaluate(DIE)
        page.set_input_files("#child-files", str(other))
        alert = page.locator(".child [role=alert]")
        expect(alert).to_contain_text(said["failure_crashed"], timeout=20_000)
        expect(alert).to_contain_text("sami.html")
        page.set_input_files("#child-files", str(other))
        expect(page.locator(".report")).to_have_count(2, timeout=PYTHON_MS)
    finally:
        context.close()
