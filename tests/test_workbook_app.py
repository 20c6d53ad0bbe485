"""The workbook app in Chromium at tablet size with touch: the child's journey and its failures."""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from axe import axe_violations
from conftest import new_profile
from page_visit import PHONE, TABLET, PageVisit, visit
from playwright.sync_api import expect
from workbook_samples import LANGUAGES, booklet, booklets

from kaketoe import read_export, workbook_to_data
from kaketoe._schema import for_child

pytestmark = pytest.mark.browser

# The app has drawn its first screen in place of the page's placeholder.
FIRST_SCREEN = "#screen > :not(noscript)"


def open_app(context: Any, site_server: str, language: str, path: str = "") -> PageVisit:
    record = visit(
        context, urljoin(site_server, f"app/{language}/{path}"), site_server, ready=FIRST_SCREEN
    )
    assert record.status == 200
    return record


def create_profile(page: Any, nickname: str, colour_index: int = 0) -> None:
    page.fill("#nickname", nickname)
    page.locator(".colours .colour").nth(colour_index).click()
    page.click(".new-profile button[type=submit]")
    page.wait_for_selector(".road")


def open_activity(page: Any, activity_id: str) -> None:
    page.locator(f'.station__link[data-station="{activity_id}"]').first.click()
    page.wait_for_selector(".prompt")


def finish(page: Any, choice: str = "done") -> None:
    """Leaves an activity; a done or talked-about one asks for a sticker, which the child places."""
    index = {"done": 0, "talk": 1, "skip": 2}[choice]
    page.locator(".choices-row .button").nth(index).click()
    if choice != "skip":
        page.wait_for_selector(".stickers")
        page.locator(".sticker").nth(1).click()
    page.wait_for_selector(".stations")


def reload_to_profiles(page: Any) -> None:
    """Reloads the app at its first screen, as a child who opens it again."""
    page.goto(page.url.split("#")[0] + "#/")
    page.reload()
    page.wait_for_selector(".profile")


def first_of(language: str, kind: str) -> str:
    return next(a.id for a in booklet(language).activities() if a.kind == kind)


def png_file(path: Path) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x20\x80\xc0" * 8 for _ in range(8))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def write_goodbye_page(page: Any, name: str, memory: str, wish: str, contact: str) -> None:
    count = page.locator(".guest").count()
    page.fill("#guest-name", name)
    page.fill("#guest-memory", memory)
    page.fill("#guest-wish", wish)
    page.fill("#guest-contact", contact)
    page.locator("form .button--primary").click()
    expect(page.locator(".guest")).to_have_count(count + 1)


def export(page: Any, variant: str, target: Path) -> str:
    page.goto(page.url.split("#")[0] + "#/export")
    page.wait_for_selector("h1")
    button = page.locator(
        ".button--primary" if variant == "family" else "main > button.button:not(.button--primary)"
    )
    with page.expect_download(timeout=180_000) as download:
        button.click()
    download.value.save_as(target)
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_child_fills_in_the_booklet_and_takes_it_to_another_device(
    tablet: Any, browser: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    """Two profiles, every kind of activity, stickers, reload, both exports valid, import."""
    record = open_app(tablet, site_server, language)
    page = record.page
    create_profile(page, "Sami", 3)
    page.goto(page.url.split("#")[0] + "#/")
    create_profile(page, "Noor", 1)

    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Kiki")
    page.check("#share")
    finish(page)

    open_activity(page, first_of(language, "choice"))
    page.locator(".choice").first.click()
    page.check("#share")
    finish(page)

    open_activity(page, first_of(language, "feeling"))
    page.locator(".feeling").nth(2).click()
    finish(page)

    open_activity(page, first_of(language, "people"))
    page.locator(".person input").nth(0).fill("Oma")
    page.locator(".person input").nth(1).fill("<script>alert(1)</script>")
    finish(page, "talk")

    open_activity(page, first_of(language, "info"))
    page.locator(".info .button").click()
    finish(page)

    open_activity(page, first_of(language, "drawing"))
    canvas = page.locator(".drawing__canvas").bounding_box()
    assert canvas is not None
    page.mouse.move(canvas["x"] + 40, canvas["y"] + 40)
    page.mouse.down()
    page.mouse.move(canvas["x"] + 200, canvas["y"] + 150, steps=8)
    page.mouse.up()
    finish(page)

    open_activity(page, first_of(language, "photo"))
    page.set_input_files(".photo__input", str(png_file(tmp_path / "photo.png")))
    page.wait_for_selector(".photo__preview:not([hidden])")
    finish(page)

    second_text = [a.id for a in booklet(language).activities() if a.kind == "text"][1]
    open_activity(page, second_text)
    page.fill("main textarea", "Misschien later")
    finish(page, "skip")

    reload_to_profiles(page)
    assert page.locator(".profile").count() == 2
    page.locator(".profile", has_text="Noor").click()
    page.wait_for_selector(".road")
    assert page.locator(".station__link svg[role=img]").count() == 7
    open_activity(page, "a-kaketoe-name")
    assert page.locator("main textarea").input_value() == "Kiki"
    page.goto(page.url.split("#")[0] + "#/home")
    open_activity(page, second_text)
    assert page.locator("main textarea").input_value() == "Misschien later", "skipping keeps it"

    family = export(page, "family", tmp_path / "family.html")
    counselor = export(page, "counselor", tmp_path / "counselor.html")
    imported = read_export(family, booklets())
    assert imported.booklet.language == language
    assert len(imported.workbook.answers) == 8
    assert {a.state for a in imported.workbook.answers.values()} == {"answered", "talk", "skipped"}
    drawn = next(
        a
        for a in imported.workbook.answers.values()
        if a.image and a.image.media_type == "image/png"
    )
    assert drawn.image is not None
    assert len(drawn.image.data) > 1000
    shown = read_export(counselor, booklets())
    # What the child shows, and the activity kept for a talk (its title only).
    assert set(shown.workbook.answers) == {
        "a-kaketoe-name",
        first_of(language, "choice"),
        first_of(language, "people"),
    }
    assert "alert(1)" not in counselor  # typed on the people activity before choosing talk
    assert record.problems(reloaded=True) == {
        "console errors": [],
        "failed requests": [],
        "requests to another origin": [],
        "CSP violations": [],
    }

    other = new_profile(browser, viewport=TABLET, has_touch=True)
    try:
        fresh = open_app(other, site_server, language, "#/import").page
        fresh.set_input_files("#import-file", str(tmp_path / "family.html"))
        fresh.locator("main .button--primary").click(timeout=180_000)
        fresh.wait_for_selector(".road")
        assert fresh.locator(".station__link svg[role=img]").count() == 7
        stored = fresh.evaluate(
            "() => Object.keys(localStorage).filter((k) => k.startsWith('kaketoe:profile:'))"
            ".map((k) => JSON.parse(localStorage.getItem(k)))"
        )
        assert len(stored) == 1
        again = read_export(family, booklets())
        assert sorted(stored[0]["answers"]) == sorted(again.workbook.answers)
        assert stored[0]["answers"]["a-kaketoe-name"]["value"] == {"text": "Kiki"}
    finally:
        other.close()
    assert workbook_to_data(imported.workbook, imported.booklet)["profile"]["nickname"] == "Noor"


COUNT_CACHED = """async () => {
  const names = await caches.keys();
  return names.length ? (await (await caches.open(names[0])).keys()).length : 0;
}"""


def test_the_app_works_offline_after_the_first_visit(
    installable_tablet: Any, site_server: str, tmp_path: Path
) -> None:
    """Once the service worker has cached the app, it opens, saves and makes a file
    (Python included) without a network."""
    page = open_app(installable_tablet, site_server, "nl").page
    page.evaluate("() => navigator.serviceWorker.ready")
    # Under the strict CSP wait_for_function is blocked: poll with evaluate.
    for _ in range(120):
        cached = page.evaluate(COUNT_CACHED)
        if cached and cached > 20:
            break
        page.wait_for_timeout(500)
    installable_tablet.set_offline(True)
    page.reload()
    page.wait_for_selector("#nickname")
    create_profile(page, "Offline")
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Zonder internet")
    finish(page)
    reload_to_profiles(page)
    page.locator(".profile", has_text="Offline").click()
    open_activity(page, "a-kaketoe-name")
    assert page.locator("main textarea").input_value() == "Zonder internet"
    made = read_export(export(page, "family", tmp_path / "offline.html"), booklets())
    answers = workbook_to_data(made.workbook, made.booklet)["answers"]
    assert {"text": "Zonder internet"} in [a.get("value") for a in answers]
    installable_tablet.set_offline(False)


def test_a_worker_that_cannot_start_leaves_the_answers_safe(tablet: Any, site_server: str) -> None:
    """When Python cannot start, export says so with a retry, and nothing is lost."""
    tablet.add_init_script(
        "window.Worker = class { constructor() { throw new Error('no worker'); } };"
    )
    page = open_app(tablet, site_server, "nl").page
    create_profile(page, "Lina")
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Pip")
    finish(page)
    page.goto(page.url.split("#")[0] + "#/export")
    page.locator(".button--primary").click()
    page.wait_for_selector("main [role=status] button")
    assert booklet("nl").words["python_failed"] in page.locator("main [role=status]").inner_text()
    reload_to_profiles(page)
    page.locator(".profile", has_text="Lina").click()
    open_activity(page, "a-kaketoe-name")
    assert page.locator("main textarea").input_value() == "Pip"


def test_storage_that_fails_gives_a_clear_warning(
    tablet_before_python: Any, site_server: str
) -> None:
    """With no storage at all (private mode, full disk), the child is told and offered an export."""
    tablet_before_python.add_init_script(
        """Object.defineProperty(window, "indexedDB", {get() { throw new Error("no db"); }});
           Storage.prototype.setItem = function () {
             throw new DOMException("full", "QuotaExceededError");
           };"""
    )
    page = open_app(tablet_before_python, site_server, "en").page
    create_profile(page, "Ali")
    warning = page.locator("#storage-warning")
    warning.wait_for()
    assert booklet("en").words["storage_failed"] in warning.inner_text()
    assert warning.locator("a[href='#/export']").count() == 1


@pytest.mark.parametrize(
    ("language", "content", "code"),
    [
        ("nl", "<html><body>geen boekje</body></html>", "not-an-export"),
        (
            "ar",
            '<script type="application/json" id="kaketoe-export">'
            + '{"format": "kaketoe-booklet-export", "version": 9}</script>',
            "newer-version",
        ),
    ],
)
def test_a_bad_file_is_refused_in_the_family_language(
    tablet: Any, site_server: str, tmp_path: Path, language: str, content: str, code: str
) -> None:
    """Importing a wrong or newer file shows the message in the app's language; nothing changes."""
    bad = tmp_path / "bad.html"
    bad.write_text(content, encoding="utf-8")
    page = open_app(tablet, site_server, language, "#/import").page
    page.set_input_files("#import-file", str(bad))
    message = booklet(language).messages[code]
    page.locator("main [role=status]", has_text=message[:20]).wait_for(timeout=180_000)
    assert (
        page.evaluate(
            "() => Object.keys(localStorage).filter((k) => k.startsWith('kaketoe:')).length"
        )
        == 0
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_passes_axe(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    """Profiles, road, part, each kind of activity, stickers and export: no axe violation."""
    record = open_app(tablet_before_python, site_server, language)
    page = record.page
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
    create_profile(page, "Noor")
    assert axe_violations(page) == [], "road"
    page.locator(".stretch h2 a").first.click()
    page.wait_for_selector(".story")
    assert axe_violations(page) == [], "part"
    for kind in ("text", "drawing", "feeling", "choice", "people", "photo", "info"):
        page.goto(page.url.split("#")[0] + f"#/activity/{first_of(language, kind)}")
        page.wait_for_selector(".prompt")
        assert axe_violations(page) == [], kind
        shown = page.locator("main").inner_text()
        assert "null" not in shown, f"{kind}: {shown[:200]}"
        assert "undefined" not in shown, f"{kind}: {shown[:200]}"
    page.goto(page.url.split("#")[0] + f"#/sticker/{first_of(language, 'text')}")
    page.wait_for_selector(".stickers")
    assert axe_violations(page) == [], "stickers"
    page.goto(page.url.split("#")[0] + "#/export")
    page.wait_for_selector("h1")
    assert axe_violations(page) == [], "export"
    page.goto(page.url.split("#")[0] + "#/goodbye")
    page.wait_for_selector("form")
    assert axe_violations(page) == [], "goodbye"
    write_goodbye_page(page, "Juf Anna", "Zingen", "Veel geluk", "anna@example.org")
    assert axe_violations(page) == [], "goodbye with a page"
    page.locator(".guest .tool").nth(0).click()
    assert axe_violations(page) == [], "goodbye, changing a page"
    page.locator("form .button:not(.button--primary)").click()
    page.locator(".guest .tool").nth(1).click()
    assert axe_violations(page) == [], "goodbye, removing a page"
    assert record.problems()["console errors"] == []
    assert record.problems()["requests to another origin"] == []


def test_precache_holds_everything_the_app_needs(site_server: str, built_site: Any) -> None:
    """The service worker's list names the shell, every booklet, the Python bundle and Pyodide."""
    worker = (built_site.path / "app" / "sw.js").read_text(encoding="utf-8")
    found = re.search(r"const PRECACHE = (\[.*?\]);", worker, re.S)
    assert found is not None
    listed = json.loads(found.group(1))
    for language in LANGUAGES:
        assert f"{language}/" in listed
        assert f"data/booklets/{language}.json" in listed
    assert any(path.endswith("pyodide.asm.wasm") for path in listed)
    assert any(re.fullmatch(r"python/kaketoe-.*\.zip", path) for path in listed)
    app = built_site.path / "app"
    for path in listed:
        target = (app / path).resolve()
        assert (target / "index.html" if path.endswith("/") else target).is_file(), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_childrens_page_opens_the_app(built_site: Any, language: str) -> None:
    """The page for children in each language links to the app in that language."""
    prefix = "" if language == "nl" else f"{language}/"
    page = (built_site.path / prefix / "workbook" / "index.html").read_text(encoding="utf-8")
    href = re.search(r'href="([^"]*app/' + language + r'/)"', page)
    assert href is not None
    target = urljoin(f"{built_site.url}{prefix}workbook/", href.group(1))
    assert target == urljoin(built_site.url, f"app/{language}/")
    assert (built_site.path / "app" / language / "index.html").is_file()


def test_a_new_version_is_announced_and_applied_on_request(
    installable_tablet: Any, site_server: str, built_site: Any
) -> None:
    """After an update the app says so; the new version starts only when someone chooses it."""
    page = open_app(installable_tablet, site_server, "en").page
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()
    assert page.evaluate("() => Boolean(navigator.serviceWorker.controller)")
    create_profile(page, "Mo")
    worker = built_site.path / "app" / "sw.js"
    original = worker.read_text(encoding="utf-8")
    try:
        worker.write_text(original.replace('const VERSION = "', 'const VERSION = "next-'), "utf-8")
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        notice = page.locator("#update-notice")
        notice.wait_for(timeout=60_000)
        assert booklet("en").words["new_version"] in notice.inner_text()
        assert page.locator(".road").is_visible(), "nothing changes until someone chooses"
        with page.expect_navigation(timeout=60_000):
            notice.locator("button").click()
        page.wait_for_selector(".road")
        names = page.evaluate("async () => await caches.keys()")
        assert any(name.startswith("kaketoe-app-next-") for name in names)
        assert "Mo" in page.locator("h1").inner_text(), "the same child, the same work"
    finally:
        worker.write_text(original, "utf-8")


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [("en", 1, "one"), ("ar", 2, "two"), ("ar", 5, "few"), ("nl", 12, "other")],
)
def test_the_road_reminds_when_the_booklet_was_last_saved_to_a_file(
    tablet_before_python: Any, site_server: str, language: str, days: int, expected: str
) -> None:
    """The home screen says how many days ago the last file was made, in the right plural form."""
    page = open_app(tablet_before_python, site_server, language).page
    create_profile(page, "Rim")
    assert page.locator(".reminder").count() == 0, "nothing to save yet"
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Kiki")
    finish(page, "skip")
    page.goto(page.url.split("#")[0] + "#/home")
    assert page.locator(".reminder").inner_text() == booklet(language).words["last_export_never"]
    page.evaluate(
        """(days) => {
             const key = Object.keys(localStorage).find((k) => k.startsWith("kaketoe:profile:"));
             const profile = JSON.parse(localStorage.getItem(key));
             profile.lastExport = new Date(Date.now() - days * 86400000 - 60000).toISOString();
             profile.updated = new Date(Date.now() + 60000).toISOString();
             localStorage.setItem(key, JSON.stringify(profile));
           }""",
        days,
    )
    reload_to_profiles(page)
    page.locator(".profile", has_text="Rim").click()
    page.wait_for_selector(".road")
    form = booklet(language).plurals["last_export_days"][expected]
    assert page.locator(".reminder").inner_text() == form.replace("{n}", str(days))


def test_deleting_a_profile_needs_an_adult_and_touches_no_other(
    tablet_before_python: Any, site_server: str
) -> None:
    """A profile is wiped only when its name is typed; a sibling's profile stays."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Sami")
    page.goto(page.url.split("#")[0] + "#/")
    create_profile(page, "Noor")
    page.goto(page.url.split("#")[0] + "#/")
    page.locator("button.tool", has_text="Sami").click()
    page.fill("#confirm", "sami?")
    page.locator("main form button[type=submit]").click()
    assert page.locator("main [role=alert]").inner_text() == booklet("nl").words["delete_gate"]
    page.fill("#confirm", "Sami")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".profile")
    assert [p.strip() for p in page.locator(".profile").all_inner_texts()] == ["Noor"]
    reload_to_profiles(page)
    assert [p.strip() for p in page.locator(".profile").all_inner_texts()] == ["Noor"]


def test_a_copy_that_fell_behind_the_database_never_wins(
    tablet_before_python: Any, site_server: str
) -> None:
    """The first screen comes from the localStorage copy; when the database holds
    a newer version (the copy could not be written), the newer answer is shown."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Mila")
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Pip")
    finish(page)
    page.evaluate(
        """() => {
          const key = Object.keys(localStorage).find((k) => k.startsWith("kaketoe:profile:"));
          const copy = JSON.parse(localStorage.getItem(key));
          copy.answers["a-kaketoe-name"].value = { text: "Oud" };
          copy.updated = "2000-01-01T00:00:00.000Z";
          localStorage.setItem(key, JSON.stringify(copy));
        }"""
    )
    page.goto(page.url.split("#")[0] + "#/activity/a-kaketoe-name")
    page.reload()
    expect(page.locator("main textarea")).to_have_value("Pip")
    page.wait_for_timeout(500)  # the screen stays with the newer answer
    assert page.locator("main textarea").input_value() == "Pip"


@pytest.mark.parametrize("language", LANGUAGES)
def test_goodbye_pages_are_written_changed_and_removed(
    tablet: Any, site_server: str, language: str, tmp_path: Path
) -> None:
    """Guests write pages; a page can be changed, and removed only after a question;
    the family copy holds them, the counselor copy never holds contact details."""
    words = booklet(language).words
    page = open_app(tablet, site_server, language).page
    create_profile(page, "Noor")
    page.goto(page.url.split("#")[0] + "#/goodbye")
    write_goodbye_page(page, "Juf Anna", "Zingen in de klas", "Veel geluk", "anna@example.org")
    page.select_option("#guest-role", "friend")
    write_goodbye_page(page, "Sem", "Voetbal", "Tot ziens", "sem@example.org")

    page.get_by_role("button", name=f"{words['guest_edit']}: Juf Anna").click()
    assert page.locator("h2").inner_text() == words["guest_change"]
    assert page.locator("#guest-memory").input_value() == "Zingen in de klas"
    assert page.evaluate("document.activeElement.id") == "guest-name"
    page.fill("#guest-wish", "Veel geluk en plezier")
    page.locator("form .button--primary").click()
    expect(page.locator("h2")).to_have_text(words["guest_add"])

    page.get_by_role("button", name=f"{words['remove']}: Sem").click()
    assert words["guest_remove_question"] in page.locator(".guest .question").inner_text()
    assert page.evaluate("document.activeElement.id") == "keep-guest"
    page.keyboard.press("Enter")  # the safe choice has the focus: the page stays
    expect(page.locator(".guest")).to_have_count(2)
    page.get_by_role("button", name=f"{words['remove']}: Sem").click()
    page.locator(".guest .question .button:not(.button--primary)").click()
    expect(page.locator(".guest")).to_have_count(1)

    page.reload()
    page.wait_for_selector(".guest")
    assert [n.split("·")[0].strip() for n in page.locator(".guest__name").all_inner_texts()] == [
        "Juf Anna"
    ]
    family = read_export(export(page, "family", tmp_path / "family.html"), booklets())
    guests = workbook_to_data(family.workbook, family.booklet)["guests"]
    assert [(g["name"], g["wish"], g["contact"]) for g in guests] == [
        ("Juf Anna", "Veel geluk en plezier", "anna@example.org")
    ]
    counselor = export(page, "counselor", tmp_path / "counselor.html")
    assert "anna@example.org" not in counselor
    assert "Veel geluk en plezier" not in counselor  # the child has not shown the page


# The tablet's speech engine: headless Chromium has no voices, so the test
# gives it one, listed a moment after the page opens, as browsers do.
FAKE_SPEECH = """(voices) => {
  let listed = false;
  const engine = new EventTarget();
  window.spoken = [];
  window.cancelled = 0;
  Object.assign(engine, {
    speaking: false,
    getVoices() { return listed ? voices : []; },
    speak(utterance) {
      this.speaking = true;
      window.spoken.push({ text: utterance.text, lang: utterance.lang });
    },
    cancel() { this.speaking = false; window.cancelled += 1; },
  });
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  setTimeout(() => { listed = true; engine.dispatchEvent(new Event("voiceschanged")); }, 300);
}"""

VOICES = {"nl": "nl-NL", "en": "en-GB", "ar": "ar-SA"}


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_feelings_are_kaketoes_a_child_tells_apart(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    """The feeling picker shows each feeling as a drawing of its own, large enough to
    see the eyes and beak, with its word; a tap chooses it."""
    page = open_app(tablet_before_python, site_server, language).page
    if language == "ar":
        page.locator('.addresses [data-address="girl"]').click()
    create_profile(page, "Noor", 2)
    open_activity(page, first_of(language, "feeling"))
    feelings = page.locator(".feeling")
    count = len(booklet(language).feelings)
    expect(feelings).to_have_count(count)
    drawings = feelings.locator("svg").evaluate_all("(svgs) => svgs.map((svg) => svg.outerHTML)")
    assert len(set(drawings)) == count, "two feelings share a drawing"
    labels = [feelings.nth(i).inner_text().strip() for i in range(count)]
    assert labels == [feeling.label for feeling in booklet(language).feelings]
    for i in range(count):
        box = feelings.nth(i).locator("svg").bounding_box()
        assert box is not None
        assert box["width"] >= 80
    feelings.nth(4).click()
    expect(feelings.nth(4)).to_have_attribute("aria-pressed", "true")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_a_tapped_feeling_or_option_says_its_word(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    """With a voice for the language, a tap on a feeling or a picture option says its
    word; the read-aloud button shows a speaker."""
    voices = [{"lang": VOICES[language], "name": "x"}]
    tablet_before_python.add_init_script(f"({FAKE_SPEECH})({json.dumps(voices)})")
    shown = for_child(booklet(language), "girl" if language == "ar" else "")
    page = open_app(tablet_before_python, site_server, language).page
    if language == "ar":
        page.locator('.addresses [data-address="girl"]').click()
    create_profile(page, "Noor")
    open_activity(page, first_of(language, "feeling"))
    expect(page.locator(".read-aloud svg[aria-hidden=true]")).to_have_count(1)  # voices listed
    page.locator(".feeling").nth(5).click()
    spoken = page.evaluate("window.spoken")
    assert spoken[-1] == {"text": shown.feelings[5].label, "lang": VOICES[language]}
    page.locator(".choices-row .button").nth(2).click()  # skip, back to the part
    choice = next(a for a in shown.activities() if a.kind == "choice")
    open_activity(page, choice.id)
    page.locator(".choice").nth(1).click()
    assert page.evaluate("window.spoken")[-1]["text"] == choice.options[1].label


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_information_page_is_read_aloud_whole(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    """ "Read aloud" on an information page speaks its introduction and every paragraph."""
    voices = [{"lang": VOICES[language], "name": "x"}]
    tablet_before_python.add_init_script(f"({FAKE_SPEECH})({json.dumps(voices)})")
    # As the screen shows it: in Arabic, to a boy.
    shown = for_child(booklet(language), "boy" if language == "ar" else "")
    info = next(a for a in shown.activities() if a.kind == "info")
    page = open_app(tablet_before_python, site_server, language).page
    if language == "ar":
        page.locator('.addresses [data-address="boy"]').click()
    create_profile(page, "Sami")
    open_activity(page, info.id)
    page.locator(".read-aloud").click()
    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1
    assert spoken[0]["text"].startswith(info.read_aloud)
    for paragraph in info.paragraphs:
        assert paragraph in spoken[0]["text"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_story_is_read_aloud_with_a_voice_for_the_page_language(
    tablet_before_python: Any, site_server: str, language: str
) -> None:
    voices = [{"lang": "de-DE", "name": "de"}, {"lang": VOICES[language], "name": "x"}]
    tablet_before_python.add_init_script(f"({FAKE_SPEECH})({json.dumps(voices)})")
    words = booklet(language).words
    part = booklet(language).parts[0]
    page = open_app(tablet_before_python, site_server, language).page
    create_profile(page, "Noor")
    page.goto(page.url.split("#")[0] + f"#/part/{part.id}")
    button = page.locator(".story .read-aloud")
    expect(button).to_have_text(words["read_aloud"])  # once the voices are listed
    button.click()
    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1
    assert spoken[0]["lang"] == VOICES[language]
    assert spoken[0]["text"].startswith(part.story.title)
    assert part.story.paragraphs[-1] in spoken[0]["text"]
    expect(button).to_have_text(words["stop_reading"])
    button.click()
    expect(button).to_have_text(words["read_aloud"])
    button.click()
    page.goto(page.url.split("#")[0] + "#/home")  # leaving the screen stops the voice
    page.wait_for_selector(".road")
    assert page.evaluate("window.cancelled") == 2


def test_without_a_voice_for_the_language_there_is_no_read_aloud_button(
    tablet_before_python: Any, site_server: str
) -> None:
    tablet_before_python.add_init_script(
        f"({FAKE_SPEECH})({json.dumps([{'lang': 'en-US', 'name': 'en'}])})"
    )
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Noor")
    part = booklet("nl").parts[0]
    page.goto(page.url.split("#")[0] + f"#/part/{part.id}")
    page.wait_for_selector(".story p")
    page.wait_for_timeout(600)  # the voices have been listed by now
    assert page.locator(".read-aloud").count() == 0
    assert part.story.paragraphs[0] in page.locator(".story").inner_text()


LANDSCAPE = {"width": TABLET["height"], "height": TABLET["width"]}


def finger_line(page: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A finger drawn across the screen: touch events, which the page gets as pointer events."""
    cdp = page.context.new_cdp_session(page)
    (x0, y0), (x1, y1) = start, end

    def touch(kind: str, points: list[dict[str, float]]) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", [{"x": x0, "y": y0}])
    for step in range(1, 9):
        touch("touchMove", [{"x": x0 + (x1 - x0) * step / 8, "y": y0 + (y1 - y0) * step / 8}])
    touch("touchEnd", [])


INKED_PIXELS = """() => {
  const canvas = document.querySelector(".drawing__canvas");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked += 1;
  }
  return inked;
}"""

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_app_works_in_landscape_and_a_turn_keeps_the_drawing(
    browser: Any, site_server: str, language: str
) -> None:
    """Held sideways, every screen fits without sideways scrolling, the drawing
    canvas fits on the screen, a finger draws, and turning the tablet keeps it."""
    context = new_profile(browser, python=False, viewport=LANDSCAPE, has_touch=True)
    try:
        record = open_app(context, site_server, language)
        page = record.page
        create_profile(page, "Noor")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), "road"
        assert axe_violations(page) == [], "road in landscape"
        page.goto(page.url.split("#")[0] + f"#/activity/{first_of(language, 'drawing')}")
        page.wait_for_selector(".drawing__canvas")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), "drawing"
        canvas = page.locator(".drawing__canvas")
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box is not None
        assert box["height"] <= LANDSCAPE["height"], "the canvas fits on the screen"
        finger_line(
            page,
            (box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.3),
            (box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.6),
        )
        inked = page.evaluate(INKED_PIXELS)
        assert inked > 100
        page.set_viewport_size(TABLET)  # the tablet is turned upright
        assert page.evaluate(INKED_PIXELS) == inked
        assert page.evaluate(NO_SIDEWAYS_SCROLL), "drawing upright"
        phone_sideways = {"width": PHONE["height"], "height": PHONE["width"]}
        page.set_viewport_size(phone_sideways)  # on a phone held sideways it fits too
        small = canvas.bounding_box()
        assert small is not None
        assert small["height"] <= phone_sideways["height"]
        assert page.evaluate(INKED_PIXELS) == inked
        page.set_viewport_size(TABLET)
        finish(page)
        page.reload()
        page.goto(page.url.split("#")[0] + f"#/activity/{first_of(language, 'drawing')}")
        page.wait_for_selector(".drawing__canvas")
        expect(page.locator(".drawing__canvas")).to_be_visible()
        for _ in range(20):  # the stored image is drawn once it has loaded
            if page.evaluate(INKED_PIXELS) == inked:
                break
            page.wait_for_timeout(100)
        assert page.evaluate(INKED_PIXELS) == inked
        for screen in (
            "#/home",
            f"#/part/{booklet(language).parts[0].id}",
            "#/export",
            "#/goodbye",
        ):
            page.goto(page.url.split("#")[0] + screen)
            page.wait_for_selector("main h1")
            page.set_viewport_size(LANDSCAPE)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), screen
        assert record.problems()["console errors"] == []
    finally:
        context.close()
