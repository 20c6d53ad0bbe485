"""A scripted disruption soak of the workbook app in a real Chromium.

    make soak    # builds the site, runs this, writes the figures into docs/reliability.md

A child's answers are typed into the app (the eight text activities of two
profiles, round after round, each answer a new text) while the app is
disrupted the way a family's tablet disrupts it: reloads, tabs closed, the
browser killed (its profile on disk, as on a tablet), offline, the Python
worker killed, a new version of the service worker, storage that fails for a
while (localStorage, IndexedDB, both) and two tabs on the same child. After
each disruption the app is opened again and every answer of the round is
looked for, as the app itself reads the stores when it starts; at the end
every last answer is looked for on the app's screens. The report counts the
answers written and found, per disruption.

The soak is bounded in time (SOAK_MINUTES, 6 by default) and in rounds
(SOAK_ROUNDS, 3 of each disruption by default).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SiteHandler  # noqa: E402
from killed_browser import kill_browser  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from workbook_samples import booklet  # noqa: E402

REPORT = ROOT / "docs" / "reliability.md"
START, END = "<!-- soak:start -->", "<!-- soak:end -->"
MINUTES = float(os.environ.get("SOAK_MINUTES", "6"))
ROUNDS = int(os.environ.get("SOAK_ROUNDS", "3"))
TEXTS = [a.id for a in booklet("nl").activities() if a.kind == "text"]
PROFILES = ("Soak A", "Soak B")
KILL_AFTER_S = 1.2  # the app promises what was typed up to about 1 s before

# Switches the soak flips on a page: localStorage writes that fail, IndexedDB
# that cannot be used, and a hold on the app's workers (to kill them).
DISRUPTIONS = """
window.__soak = { local: false, database: false, workers: [] };
const write = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (window.__soak.local && key.startsWith("kaketoe:")) {
    throw new DOMException("full", "QuotaExceededError");
  }
  return write.call(this, key, value);
};
const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (...args) {
  if (window.__soak.database) throw new DOMException("gone", "UnknownError");
  return transaction.apply(this, args);
};
const open = IDBFactory.prototype.open;
IDBFactory.prototype.open = function (...args) {
  if (window.__soak.database) throw new DOMException("gone", "UnknownError");
  return open.apply(this, args);
};
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) { super(...args); window.__soak.workers.push(this); }
};
"""

# What the app finds when it starts: the stores read as the app reads them.
FOUND = """async () => {
  const { Store } = await import("../shared/store.js");
  const store = await new Store().open();
  const profiles = await store.profiles();
  if (store.db) store.db.close();
  return Object.fromEntries(profiles.map((p) => [p.nickname, Object.fromEntries(
    Object.entries(p.answers || {}).filter(([, a]) => a.value && a.value.text !== undefined)
      .map(([id, a]) => [id, a.value.text]))]));
}"""

COUNT_CACHED = """async () => {
  const names = await caches.keys();
  return names.length ? (await (await caches.open(names[0])).keys()).length : 0;
}"""


class SoakHandler(SiteHandler):
    """The built site; the service worker's bytes change with `generation`, as
    when a new version of the app is put online."""

    generation = 0

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/app/sw.js" and SoakHandler.generation:
            worker = (Path(self.directory) / "app" / "sw.js").read_text(encoding="utf-8")
            body = worker.replace(
                'const VERSION = "', f'const VERSION = "soak{SoakHandler.generation}-'
            ).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


@dataclass
class Tally:
    written: int = 0
    found: int = 0
    seconds: float = 0.0
    lost: list[str] = field(default_factory=list)


class Soak:
    """One browser on a profile on disk, and the answers the child wrote."""

    def __init__(self, playwright: Any, base: str) -> None:
        self.playwright = playwright
        self.base = base
        self.folder = tempfile.mkdtemp(prefix="kaketoe-soak-")
        self.context: Any = None
        self.page: Any = None
        self.latest: dict[tuple[str, str], str] = {}
        self.count = 0
        self.launch()

    # The browser ---------------------------------------------------------------

    def launch(self) -> None:
        self.context = self.playwright.chromium.launch_persistent_context(
            self.folder,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            viewport={"width": 820, "height": 1180},
            has_touch=True,
        )
        self.context.add_init_script(DISRUPTIONS)
        self.page = self.open_page()

    def open_page(self, profile: str | None = None) -> Any:
        page = self.context.new_page()
        page.on("pageerror", lambda error: print(f"  page error: {error}", flush=True))
        page.goto(self.base + "app/nl/#/")
        page.wait_for_selector("main h1")
        if profile:
            self.choose(page, profile)
        return page

    def choose(self, page: Any, profile: str) -> None:
        """Opens the child's profile in this tab (the road is shown)."""
        page.goto(page.url.split("#")[0] + "#/")
        page.locator(".profile", has_text=profile).wait_for()
        page.locator(".profile", has_text=profile).click()
        page.wait_for_selector(".road")

    def kill(self) -> None:
        """Kills the browser at once, as a tablet that runs out of power or memory."""
        kill_browser(self.context, self.folder)
        time.sleep(0.5)
        self.launch()

    def close(self) -> None:
        self.context.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # The child -------------------------------------------------------------------

    def type_answers(self, page: Any, profile: str, activities: list[str], steady: bool) -> None:
        """A new answer in each activity; the last one is left on the screen."""
        for activity in activities:
            self.count += 1
            text = f"antwoord {self.count} bij {activity}"
            page.goto(page.url.split("#")[0] + f"#/activity/{activity}")
            page.wait_for_selector(".prompt")
            field = page.locator("main textarea")
            if steady:
                field.click()
                page.keyboard.press("Control+A")
                page.keyboard.type(text, delay=25)
            else:
                field.fill(text)
            self.latest[(profile, activity)] = text

    def found(self, page: Any | None = None) -> dict[str, dict[str, str]]:
        page = page or self.page
        result: dict[str, dict[str, str]] = page.evaluate(FOUND)
        return result

    def check(self, tally: Tally, written: dict[tuple[str, str], str], page: Any = None) -> None:
        stored = self.found(page)
        for (profile, activity), text in written.items():
            tally.written += 1
            if stored.get(profile, {}).get(activity) == text:
                tally.found += 1
            else:
                tally.lost.append(f"{profile}/{activity}: {text!r}")


def reload(soak: Soak, profile: str, steady: bool) -> None:
    """Typed, and the page reloaded at once (50 ms after the last key)."""
    activities = TEXTS
    soak.type_answers(soak.page, profile, activities, steady)
    soak.page.wait_for_timeout(50)
    soak.page.reload()
    soak.page.wait_for_selector("main h1")


def tab_closed(soak: Soak, profile: str, steady: bool) -> None:
    """Typed, and the tab closed at once; a new tab opens the app."""
    activities = TEXTS
    soak.type_answers(soak.page, profile, activities, steady)
    soak.page.close()
    soak.page = soak.open_page(profile)


def browser_killed(soak: Soak, profile: str, steady: bool) -> None:
    """Typed; about a second later the browser is killed; it starts again."""
    activities = TEXTS
    soak.type_answers(soak.page, profile, activities, steady)
    soak.page.wait_for_timeout(KILL_AFTER_S * 1000)
    soak.kill()
    soak.choose(soak.page, profile)


def offline(soak: Soak, profile: str, steady: bool) -> None:
    """The network goes away: the app reloads from its cache; typed; reloaded again."""
    soak.context.set_offline(True)
    try:
        soak.page.reload()
        soak.page.wait_for_selector("main h1")
        activities = TEXTS
        soak.type_answers(soak.page, profile, activities, steady)
        soak.page.reload()
        soak.page.wait_for_selector("main h1")
    finally:
        soak.context.set_offline(False)


def worker_killed(soak: Soak, profile: str, steady: bool) -> None:
    """The Python worker is killed while the child types; then a reload."""
    activities = TEXTS
    soak.type_answers(soak.page, profile, activities[:4], steady)
    soak.page.evaluate("() => { for (const w of window.__soak.workers) w.terminate(); }")
    soak.page.goto(soak.page.url.split("#")[0] + "#/export")  # asks the dead worker
    soak.page.wait_for_selector("main h1")
    soak.type_answers(soak.page, profile, activities[4:], steady)
    soak.page.reload()
    soak.page.wait_for_selector("main h1")


def service_worker_update(soak: Soak, profile: str, steady: bool) -> None:
    """A new version is put online while the child types on the export screen's
    neighbours; the child taps "update now" on the export screen."""
    SoakHandler.generation += 1
    page = soak.page
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    activities = TEXTS
    soak.type_answers(page, profile, activities, steady)
    notice = page.locator("#update-notice button")
    notice.wait_for(timeout=120_000)
    page.goto(page.url.split("#")[0] + "#/export")
    page.wait_for_selector("main h1")
    with page.expect_navigation(timeout=60_000):
        notice.click()
    page.wait_for_selector("main h1")


def storage_fails(which: str) -> Callable[[Soak, str, bool], None]:
    def disruption(soak: Soak, profile: str, steady: bool) -> None:
        switches = {"local": ["local"], "database": ["database"], "both": ["local", "database"]}
        page = soak.page
        for switch in switches[which]:
            page.evaluate(f"() => {{ window.__soak.{switch} = true; }}")
        activities = TEXTS
        soak.type_answers(page, profile, activities, steady)
        page.wait_for_timeout(500)
        for switch in switches[which]:
            page.evaluate(f"() => {{ window.__soak.{switch} = false; }}")
        # The app tries again a few seconds after a save that nothing kept.
        page.wait_for_timeout(3500 if which == "both" else 100)
        page.goto(page.url.split("#")[0] + "#/home")
        page.wait_for_selector("main h1")
        page.reload()
        page.wait_for_selector("main h1")

    disruption.__doc__ = {
        "local": "localStorage refuses every write for a while (full); then a reload.",
        "database": "IndexedDB cannot be used for a while; then a reload.",
        "both": "Neither store takes anything for a while (a full disk); then a reload.",
    }[which]
    return disruption


def two_tabs(soak: Soak, profile: str, steady: bool) -> None:
    """Two tabs on the same child, typing different answers in turn; one tab is
    closed, the other reloaded."""
    other = soak.open_page(profile)
    activities = TEXTS
    for index, activity in enumerate(activities):
        soak.type_answers((soak.page, other)[index % 2], profile, [activity], steady)
        soak.page.wait_for_timeout(150)
    other.close()
    soak.page.reload()
    soak.page.wait_for_selector("main h1")


def export_screen_reload(soak: Soak, profile: str, steady: bool) -> None:
    """Reloaded on the export screen; typed; reloaded."""
    page = soak.page
    page.goto(page.url.split("#")[0] + "#/export")
    page.wait_for_selector("main h1")
    page.reload()
    page.wait_for_selector("main h1")
    activities = TEXTS
    soak.type_answers(page, profile, activities, steady)
    page.reload()
    page.wait_for_selector("main h1")


SCENARIOS: dict[str, Callable[[Soak, str, bool], None]] = {
    "reload 50 ms after typing": reload,
    "tab closed after typing": tab_closed,
    "browser killed 1.2 s after typing": browser_killed,
    "offline": offline,
    "Python worker killed": worker_killed,
    "service worker update": service_worker_update,
    "localStorage full": storage_fails("local"),
    "IndexedDB unavailable": storage_fails("database"),
    "both stores failing": storage_fails("both"),
    "two tabs on one child": two_tabs,
    "reload on the export screen": export_screen_reload,
}


def wait_for_precache(page: Any) -> None:
    page.evaluate("() => navigator.serviceWorker.ready")
    for _ in range(240):
        if page.evaluate(COUNT_CACHED) > 20:
            return
        page.wait_for_timeout(250)


def run(site: Path) -> dict[str, Any]:
    handler = functools.partial(SoakHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    tallies = {name: Tally() for name in SCENARIOS}
    began = time.monotonic()
    deadline = began + MINUTES * 60
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        browser.close()
        soak = Soak(playwright, base)
        wait_for_precache(soak.page)
        for nickname in PROFILES:
            soak.page.goto(soak.page.url.split("#")[0] + "#/")
            soak.page.fill("#nickname", nickname)
            soak.page.click(".new-profile button[type=submit]")
            soak.page.wait_for_selector(".road")
        for repeat in range(ROUNDS):
            for index, (name, scenario) in enumerate(SCENARIOS.items()):
                if time.monotonic() > deadline:
                    break
                profile = PROFILES[(repeat + index) % len(PROFILES)]
                steady = (repeat + index) % 3 == 0
                started = time.monotonic()
                before = dict(soak.latest)
                try:
                    soak.choose(soak.page, profile)
                    scenario(soak, profile, steady)
                except Exception as error:  # reported, and the soak goes on
                    errors.append(f"{name}: {type(error).__name__}: {str(error)[:300]}")
                    with contextlib.suppress(Exception):  # a page that is already gone
                        soak.page.close()
                    soak.page = soak.open_page()
                written = {k: v for k, v in soak.latest.items() if before.get(k) != v}
                soak.check(tallies[name], written)
                tallies[name].seconds += time.monotonic() - started
                tally = tallies[name]
                print(f"{name}: {tally.found}/{tally.written}", flush=True)
        # At the end, every last answer on the app's own screens.
        final = Tally()
        for profile in PROFILES:
            soak.choose(soak.page, profile)
            for activity in TEXTS:
                text = soak.latest.get((profile, activity))
                if text is None:
                    continue
                soak.page.goto(soak.page.url.split("#")[0] + f"#/activity/{activity}")
                soak.page.wait_for_selector(".prompt")
                final.written += 1
                if soak.page.locator("main textarea").input_value() == text:
                    final.found += 1
                else:
                    final.lost.append(f"{profile}/{activity}")
        soak.close()
    server.shutdown()
    return {
        "tallies": tallies,
        "final": final,
        "errors": errors,
        "seconds": time.monotonic() - began,
        "chromium": version,
    }


def report(result: dict[str, Any]) -> str:
    tallies: dict[str, Tally] = result["tallies"]
    written = sum(t.written for t in tallies.values())
    found = sum(t.found for t in tallies.values())
    final: Tally = result["final"]
    lines = [
        START,
        f"Last run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, "
        f"Chromium {result['chromium']} headless, {result['seconds']:.0f} s.",
        "",
        f"**{written} answers written, {found} found, {written - found} lost.** "
        f"On the app's screens at the end: {final.found} of {final.written} last answers shown.",
        "",
        "| disruption | what happens | answers written | found | lost |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, tally in tallies.items():
        doc = " ".join((SCENARIOS[name].__doc__ or "").split())
        lost = tally.written - tally.found
        lines.append(f"| {name} | {doc} | {tally.written} | {tally.found} | {lost} |")
    lost_list = [entry for tally in tallies.values() for entry in tally.lost] + final.lost
    if lost_list:
        lines += ["", "Lost:", "", *(f"- {entry}" for entry in lost_list[:40])]
    if result["errors"]:
        lines += ["", "Rounds that broke off (their answers count as written):", ""]
        lines += [f"- {error}" for error in result["errors"]]
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    result = run(site)
    figures = report(result)
    page = REPORT.read_text(encoding="utf-8")
    page = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: figures, page, flags=re.S)
    REPORT.write_text(page, encoding="utf-8")
    print(figures)
    tallies: dict[str, Tally] = result["tallies"]
    total = sum(t.written for t in tallies.values())
    lost = total - sum(t.found for t in tallies.values()) + len(result["final"].lost)
    return 1 if lost or total < 200 else 0


if __name__ == "__main__":
    sys.exit(main())
