"""Drawings and photos are stored apart from the profile (web/shared/pictures.js).

A saved word must not rewrite a child's drawings; a drawing that does not fit
in localStorage stays safe in IndexedDB; a profile stored by the first version
(pictures inline) opens and moves its pictures apart; nothing is left behind.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_workbook_app import create_profile, first_of, open_activity, open_app, reload_to_profiles

pytestmark = pytest.mark.browser

DRAWING = first_of("nl", "drawing")

# What each store holds: the localStorage keys of pictures and profiles, and
# the IndexedDB pictures' keys.
STORED = """async () => {
  const local = Object.keys(localStorage);
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("kaketoe");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const keys = await new Promise((resolve, reject) => {
    const request = db.transaction("pictures").objectStore("pictures").getAllKeys();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  const profiles = local.filter((k) => k.startsWith("kaketoe:profile:"));
  return {
    local: local.filter((k) => k.startsWith("kaketoe:picture:")).map((k) => k.slice(16)).sort(),
    database: keys.sort(),
    records: profiles.map((k) => localStorage.getItem(k)),
  };
}"""

# How much of the canvas is not white: 0 for an empty drawing.
INKED = """async () => {
  const canvas = document.querySelector(".drawing__canvas");
  for (let i = 0; i < 50; i += 1) {
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let p = 0; p < pixels.length; p += 4) if (pixels[p] < 200) inked += 1;
    if (inked) return inked;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 0;
}"""


def draw(page: Any, offset: int = 0) -> None:
    canvas = page.locator(".drawing__canvas").bounding_box()
    assert canvas is not None
    page.mouse.move(canvas["x"] + 40 + offset, canvas["y"] + 40)
    page.mouse.down()
    page.mouse.move(canvas["x"] + 200 + offset, canvas["y"] + 150, steps=8)
    page.mouse.up()


def leave(page: Any) -> None:
    """Back to the road; the app saves on the way (hashchange)."""
    page.goto(page.url.split("#")[0] + "#/home")
    page.wait_for_selector(".road")


def settled(page: Any, check: Any) -> dict[str, Any]:
    """What is stored, once the (debounced) save has happened."""
    for _ in range(50):
        stored: dict[str, Any] = page.evaluate(STORED)
        if check(stored):
            return stored
        page.wait_for_timeout(100)
    raise AssertionError(f"never stored as expected: {stored}")


def test_a_saved_word_leaves_the_drawing_as_it_is(
    tablet_before_python: Any, site_server: str
) -> None:
    """The drawing is written once, apart; typing afterwards writes only the small
    record, which names the drawing; after a reload the drawing is there."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Noor")
    open_activity(page, DRAWING)
    draw(page)
    leave(page)
    before = settled(page, lambda s: len(s["local"]) == 1 and len(s["database"]) == 1)
    assert before["local"] == before["database"]
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Kiki")
    leave(page)
    after = settled(page, lambda s: "Kiki" in s["records"][0])
    assert after["local"] == before["local"], "the drawing was not written again"
    assert after["database"] == before["database"]
    assert len(after["records"][0]) < 20_000
    assert f'{{"$picture":"{before["local"][0]}"}}' in after["records"][0]
    reload_to_profiles(page)
    page.locator(".profile", has_text="Noor").click()
    open_activity(page, DRAWING)
    assert page.evaluate(INKED) > 100


def test_a_drawing_too_big_for_local_storage_stays_safe_in_the_database(
    tablet_before_python: Any, site_server: str
) -> None:
    """localStorage is full for pictures: the copy still takes every word, the
    database the drawing; no warning, and after a reload both are there."""
    tablet_before_python.add_init_script(
        """const write = Storage.prototype.setItem;
           Storage.prototype.setItem = function (key, value) {
             if (key.startsWith("kaketoe:picture:")) {
               throw new DOMException("full", "QuotaExceededError");
             }
             return write.call(this, key, value);
           };"""
    )
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Sami")
    open_activity(page, DRAWING)
    draw(page)
    leave(page)
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Pip")
    leave(page)
    stored = settled(page, lambda s: len(s["database"]) == 1 and "Pip" in s["records"][0])
    assert stored["local"] == []
    assert '{"$picture":null}' in stored["records"][0]
    assert page.locator("#storage-warning").count() == 0
    reload_to_profiles(page)
    page.locator(".profile", has_text="Sami").click()
    open_activity(page, "a-kaketoe-name")
    assert page.locator("main textarea").input_value() == "Pip"
    leave(page)
    open_activity(page, DRAWING)
    assert page.evaluate(INKED) > 100


def test_a_profile_of_the_first_version_opens_and_stores_its_pictures_apart(
    tablet_before_python: Any, site_server: str
) -> None:
    """A profile stored with its drawing inline (schema 1, the first version) is
    read as it is; at the next save its drawing moves apart."""
    page = open_app(tablet_before_python, site_server, "nl").page
    page.wait_for_selector("#nickname")
    page.evaluate(
        """(activity) => {
          const canvas = document.createElement("canvas");
          canvas.width = 400; canvas.height = 300;
          const c = canvas.getContext("2d");
          c.fillStyle = "#fff"; c.fillRect(0, 0, 400, 300);
          c.fillStyle = "#7a1fa2"; c.fillRect(50, 50, 200, 120);
          const image = canvas.toDataURL("image/png");
          const moment = "2026-11-01T10:00:00.000Z";
          localStorage.setItem("kaketoe:profile:old", JSON.stringify({
            id: "old", nickname: "Lina", colour: "blue", language: "nl",
            created: moment, updated: moment, schema: 1, lastExport: null,
            answers: { [activity]: { activity, state: "answered", share: false,
                                     value: { image }, updated: moment } },
            stickers: [], guests: [],
          }));
        }""",
        DRAWING,
    )
    page.reload()
    page.locator(".profile", has_text="Lina").click()
    open_activity(page, DRAWING)
    assert page.evaluate(INKED) > 1000
    leave(page)
    open_activity(page, "a-kaketoe-name")
    page.fill("main textarea", "Later")
    leave(page)
    stored = settled(page, lambda s: "Later" in s["records"][0])
    assert len(stored["local"]) == 1
    assert stored["local"][0].startswith("old/")
    assert '"schema":2' in stored["records"][0]
    assert "data:image" not in stored["records"][0]


def test_a_redrawn_or_deleted_profile_leaves_no_old_pictures(
    tablet_before_python: Any, site_server: str
) -> None:
    """Drawing again replaces the stored picture; deleting the profile removes its
    pictures from both stores, and a sibling's stay."""
    page = open_app(tablet_before_python, site_server, "nl").page
    create_profile(page, "Mila")
    open_activity(page, DRAWING)
    draw(page)
    leave(page)
    first = settled(page, lambda s: len(s["database"]) == 1)
    open_activity(page, DRAWING)
    page.evaluate(INKED)  # the drawing is back on the canvas
    draw(page, offset=120)
    leave(page)
    second = settled(page, lambda s: len(s["database"]) == 1 and s["database"] != first["database"])
    assert second["local"] == second["database"]
    page.goto(page.url.split("#")[0] + "#/")
    create_profile(page, "Rim")
    open_activity(page, DRAWING)
    draw(page)
    leave(page)
    settled(page, lambda s: len(s["database"]) == 2 and len(s["local"]) == 2)
    page.goto(page.url.split("#")[0] + "#/")
    page.locator("button.tool", has_text="Mila").click()
    page.fill("#confirm", "Mila")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".profile")
    left = settled(page, lambda s: len(s["database"]) == 1)
    assert left["local"] == left["database"]
    assert left["local"][0] not in second["local"]
    assert [p.strip() for p in page.locator(".profile").all_inner_texts()] == ["Rim"]


APART_AND_TOGETHER = """async () => {
  const { apart, together } = await import("../shared/pictures.js");
  const big = (n) => "data:image/png;base64," + String(n).repeat(2000);
  const profile = {
    id: "p",
    answers: { a: { value: { image: big(1) } }, b: { value: { text: "kort" } } },
    drafts: { c: { image: big(2) } },
  };
  const first = apart(profile, new Map(), () => true);
  const again = apart(profile, first.places, () => { throw new Error("not written again"); });
  const changed = { ...profile, answers: { ...profile.answers, a: { value: { image: big(3) } } } };
  const full = apart(changed, first.places, () => false);
  const store = new Map([...first.places.values()].map(({ key, value }) => [key, value]));
  const back = together(first.record, (key) => store.get(key) ?? null);
  const spare = (place) => (place.includes('"c"') ? big(2) : null);
  const lost = together(full.record, () => null, spare);
  return {
    written: first.places.size, changed: first.changed, complete: first.complete,
    same: JSON.stringify(again.record) === JSON.stringify(first.record),
    againChanged: again.changed,
    fullComplete: full.complete,
    keptOld: full.record.answers.a.value.image.$picture
      === first.record.answers.a.value.image.$picture,
    text: first.record.answers.b.value.text,
    back: JSON.stringify(back.profile) === JSON.stringify(profile),
    lostMissing: lost.missing, lostDraft: lost.profile.drafts.c.image === big(2),
  };
}"""


def test_pictures_go_apart_and_come_back_together(
    tablet_before_python: Any, site_server: str
) -> None:
    """The rules of pictures.js: written once, kept under their key while unchanged;
    a picture that cannot be written keeps its earlier key; put back whole; a
    picture missing in one store is taken from the other."""
    page = open_app(tablet_before_python, site_server, "nl").page
    page.wait_for_selector("#nickname")
    result = page.evaluate(APART_AND_TOGETHER)
    assert result == {
        "written": 2,
        "changed": True,
        "complete": True,
        "same": True,
        "againChanged": False,
        "fullComplete": False,
        "keptOld": True,
        "text": "kort",
        "back": True,
        "lostMissing": ['["answers","a","value","image"]'],
        "lostDraft": True,
    }
