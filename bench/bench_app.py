"""Benchmark of the workbook app in headless Chromium with the CPU slowed 4x.

    make bench    # builds the site, runs this, writes docs/performance.md

It serves the built site on loopback and measures what a mid-range tablet
would see (Chromium's CPU throttling at 4x), as the median of five runs:

- bare Pyodide start: loading pyodide.mjs up to the first runPython, of
  Pyodide as published (the yardstick) and as this build serves it (its
  standard library compiled ahead), each in a fresh profile on the third
  visit, with Pyodide in the service worker's cache; once on a page (the
  yardstick for the app's first screen, which runs on the page) and once in
  a module worker (the yardstick for the app's worker). Chromium's throttling
  slows the page's thread; it barely slows a worker, so each part of the app
  is compared with the bare start in the same place;
- first activity usable: from navigation to an activity's prompt and text
  field on screen (a child reopening the app in the same tab), cold (first
  visit) and warm (a later visit: the service worker has everything and the
  browser has run the app and compiled Pyodide before, as on a tablet the
  family has used; the second visit is not measured, the third is);
- worker ready: until the Python worker has loaded the package and the
  booklets (the app's `kaketoe:python-ready` mark), from navigation (what a
  child could notice) and from the moment the app starts the worker (what
  the package adds to Pyodide's own start);
- export: from the tap on "family copy" to the file handed to the browser
  (the app's marks), for a full booklet with every image activity filled
  (4 drawings and 3 photos, 800x600 PNGs: the booklet has 7 image
  activities, not 8). The app makes both copies while the export screen is
  open; the tap comes 2 s after the screen opened. A second tap on the same
  copy shows the time to make the file on the tap itself;
- the app shell (HTML, CSS, JS, service worker, manifest) compressed with
  gzip, without Pyodide and without the booklets.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SiteHandler  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from workbook_samples import booklet, full_workbook  # noqa: E402

from kaketoe._settings import site_settings  # noqa: E402

SLOWDOWN = 4
RUNS = int(os.environ.get("BENCH_RUNS", "5"))  # fewer for a quick trial
ACTIVITY = "a-kaketoe-name"
READING_MS = 2000  # how long a child at least looks at the export screen before a tap
REPORT = ROOT / "docs" / "performance.md"
BARE_WORKER = Path(__file__).with_name("bare-worker.js")
BARE_WORKER_PATH = "/app/bench-bare-worker.js"
PUBLISHED_STDLIB = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
# The floor: the app's page with its head as it is, but instead of the app one
# line of script that puts a prompt and a text field on the screen.
FLOOR_PAGE = "/app/nl/bench-floor.html"
FLOOR_SCRIPT = "/app/bench-floor.js"
FLOOR_JS = b"""document.getElementById("screen").append(
  Object.assign(document.createElement("p"), { className: "prompt", textContent: "Hoe heet je?" }),
  document.createElement("textarea"));
"""
# Keeps the app's own Python worker from starting on the page of a bare start.
NO_APP_WORKER = """
const AppWorker = window.Worker;
window.Worker = class extends AppWorker {
  constructor(url, options) {
    if (String(url).includes("python-worker")) throw new Error("off for the bare start");
    super(url, options);
  }
};
"""

BARE_IN_WORKER = """async (url) => new Promise((resolve, reject) => {
  const worker = new Worker(url, { type: "module" });
  worker.onmessage = (event) => { resolve(event.data); worker.terminate(); };
  worker.onerror = (event) => reject(new Error(event.message));
})"""

BARE_PYODIDE = """async (url) => {
  const started = performance.now();
  const { loadPyodide } = await import(url + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: url });
  pyodide.runPython("1 + 1");
  return performance.now() - started;
}"""

# Marks the moment the activity can be used; runs before the app's scripts.
WATCH_ACTIVITY = """
new MutationObserver((_, observer) => {
  if (document.querySelector(".prompt") && document.querySelector("main textarea")) {
    performance.mark("bench:activity-usable");
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""

# An 800x600 drawing with strokes, made by the browser as the app makes one.
DRAWING = """() => {
  const canvas = document.createElement("canvas");
  canvas.width = 800; canvas.height = 600;
  const c = canvas.getContext("2d");
  c.fillStyle = "#fff"; c.fillRect(0, 0, 800, 600);
  c.lineWidth = 12; c.lineCap = "round";
  for (let i = 0; i < 60; i += 1) {
    c.strokeStyle = `hsl(${i * 37 % 360} 70% 45%)`;
    c.beginPath(); c.moveTo((i * 53) % 800, (i * 97) % 600);
    c.bezierCurveTo((i * 131) % 800, (i * 71) % 600, (i * 29) % 800,
                    (i * 113) % 600, (i * 83) % 800, (i * 41) % 600);
    c.stroke();
  }
  return canvas.toDataURL("image/png");
}"""


COUNT_CACHED = """async () => {
  const names = await caches.keys();
  return names.length ? (await (await caches.open(names[0])).keys()).length : 0;
}"""


class BenchHandler(SiteHandler):
    """The built site, plus the bare worker inside the app's scope, so that it
    fetches Pyodide through the app's service worker as the app's worker does.
    With published_stdlib, Pyodide's standard library is the one of the npm
    package (source only) instead of the one the build compiled."""

    published_stdlib = False

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == BARE_WORKER_PATH:
            self.send(BARE_WORKER.read_bytes(), "text/javascript")
        elif path == FLOOR_SCRIPT:
            self.send(FLOOR_JS, "text/javascript")
        elif self.published_stdlib and path.endswith("/python_stdlib.zip"):
            # Pyodide as published: its standard library as the npm package has it.
            self.send(PUBLISHED_STDLIB.read_bytes(), "application/zip")
        elif path == FLOOR_PAGE:
            page = (Path(self.directory) / "app" / "nl" / "index.html").read_text(encoding="utf-8")
            page = re.sub(r'<link rel="(modulepreload|preload)"[^>]*>\n?', "", page)
            page = page.replace("../workbook/main.js", FLOOR_SCRIPT)
            self.send(page.encode("utf-8"), "text/html; charset=utf-8")
        else:
            super().do_GET()

    def send(self, body: bytes, media_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def mark(page: Any, name: str) -> float:
    """The last mark of that name, in ms since the page's navigation started."""
    script = "(name) => performance.getEntriesByName(name).at(-1).startTime"
    return float(page.evaluate(script, name))


def throttled(context: Any) -> Any:
    page = context.new_page()
    page.on("console", lambda message: print(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: print(f"page error: {error}"))
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
    return page


def wait_for_mark(page: Any, name: str, timeout_s: float = 180) -> float:
    """The mark's time in ms since the page's navigation started."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = page.evaluate(
            "(name) => performance.getEntriesByName(name).map((e) => e.startTime)", name
        )
        if found:
            return float(found[0])
        page.wait_for_timeout(50)
    state = page.evaluate(
        """() => ({
          screen: document.body ? document.body.innerText.slice(0, 200) : "",
          stored: Object.keys(localStorage).map((k) => [k, (localStorage.getItem(k) || "").length]),
          current: sessionStorage.getItem("kaketoe:current-profile"),
          controlled: Boolean(navigator.serviceWorker.controller),
          marks: performance.getEntriesByType("mark").map((m) => m.name),
        })"""
    )
    raise TimeoutError(f"{name} at {page.url}: {state!r}")


def full_profile(drawing: str) -> dict[str, Any]:
    loaded = booklet("nl")
    data = full_workbook(loaded)
    answers = {}
    for record in data["answers"]:
        activity = loaded.activity(record["activity"])
        assert activity is not None
        if activity.kind == "drawing":
            record = {**record, "state": "answered", "value": {"image": drawing}}
        elif activity.kind == "photo":
            record = {**record, "state": "answered", "value": {"image": drawing, "caption": "Foto"}}
        answers[record["activity"]] = record
    return {
        "id": "bench",
        "nickname": "Noor",
        "colour": "green",
        "language": "nl",
        "created": "2026-11-20T10:00:00+00:00",
        "updated": "2026-11-22T10:00:00+00:00",
        "answers": answers,
        "stickers": data["stickers"],
        "guests": data["guests"],
        "lastExport": None,
        "schema": 1,
    }


def shell_size(site: Path) -> tuple[int, int]:
    app = site / "app"
    files = [
        app / "nl" / "index.html",
        app / "workbook" / "app.css",
        app / "sw.js",
        app / "manifest.webmanifest",
    ]
    files += sorted((app / "shared").glob("*.js")) + sorted((app / "workbook").glob("*.js"))
    raw = sum(len(f.read_bytes()) for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return raw, packed


class PublishedHandler(BenchHandler):
    published_stdlib = True


def serve(site: Path, handler_class: type[BenchHandler]) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(handler_class, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def fresh_profile(playwright: Any) -> tuple[Any, str]:
    """A browser with a fresh profile on disk, as a tablet has: a context kept
    in memory may drop a site's storage under the load of the service worker's
    15 MB (seen as a child's booklet gone mid-run)."""
    folder = tempfile.mkdtemp(prefix="kaketoe-bench-")
    context = playwright.chromium.launch_persistent_context(
        folder,
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport={"width": 820, "height": 1180},
        has_touch=True,
        accept_downloads=True,
    )
    return context, folder


def bare_starts(playwright: Any, base: str, on_page: bool) -> tuple[float, float]:
    """Bare Pyodide in a module worker (and, if on_page, on the page) of the
    app's throttled page, in a fresh profile, on the third visit: as warm as
    the app's own worker on its measured visit. The app's service worker
    caches Pyodide on the first visit, as for the app."""
    pyodide = f"{base}app/pyodide/{site_settings(ROOT).pyodide_version}/"
    context, folder = fresh_profile(playwright)
    in_worker = page_start = 0.0
    for visit in range(3):
        page = throttled(context)
        page.add_init_script(NO_APP_WORKER)
        page.goto(base + "app/nl/#/")
        page.wait_for_selector("main h1")
        in_worker = page.evaluate(BARE_IN_WORKER, f"{base}{BARE_WORKER_PATH[1:]}?pyodide={pyodide}")
        if visit == 0:
            wait_for_precache(page)
        if visit == 2 and on_page:
            page_start = page.evaluate(BARE_PYODIDE, pyodide)
        page.close()
    context.close()
    shutil.rmtree(folder, ignore_errors=True)
    return in_worker, page_start


def wait_for_precache(page: Any) -> None:
    page.evaluate("() => navigator.serviceWorker.ready")
    for _ in range(240):  # until the service worker has cached the app
        if page.evaluate(COUNT_CACHED) > 20:
            return
        page.wait_for_timeout(250)


WORKER_STAGES = {
    # name: (from, to), the worker's own marks (python-worker.js)
    "Pyodide's start": ("runtime", "package"),
    "unpacking the package": ("package", "booklets"),
    "importing the package": ("booklets", "imported"),
    "reading the booklets": ("imported", "parsed"),
}


def measure(site: Path) -> dict[str, Any]:
    server, base = serve(site, BenchHandler)
    published_server, published_base = serve(site, PublishedHandler)
    keys = (
        "bare page",
        "bare worker",
        "bare worker compiled",
        "cold",
        "warm",
        "floor",
        "ready cold",
        "ready warm",
        "worker own",
        "worker inside",
        *WORKER_STAGES,
        "export",
        "export again",
    )
    runs: dict[str, list[float]] = {key: [] for key in keys}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        browser.close()
        for run in range(1, RUNS + 1):
            print(f"run {run}", flush=True)
            measure_app(playwright, base, runs)
            # The yardsticks: Pyodide as published, and as this build compiled it.
            in_worker, on_page = bare_starts(playwright, published_base, on_page=True)
            runs["bare worker"].append(in_worker)
            runs["bare page"].append(on_page)
            in_worker, _ = bare_starts(playwright, base, on_page=False)
            runs["bare worker compiled"].append(in_worker)
    server.shutdown()
    published_server.shutdown()
    median = {key: statistics.median(values) for key, values in runs.items()}
    raw, packed = shell_size(site)
    return {"median": median, "runs": runs, "chromium": version, "shell": (raw, packed)}


def measure_app(playwright: Any, base: str, runs: dict[str, list[float]]) -> None:
    """One run of the app in a fresh profile: cold, a visit in between, warm
    with the export, and the browser alone on the same page."""
    context, folder = fresh_profile(playwright)
    # The child's full booklet is on the device, stored as the app stores it
    # (written once, from a page outside the app), and this tab was last on
    # this child.
    page = context.new_page()
    page.goto(base + "index.html")
    drawing = page.evaluate(DRAWING)
    page.evaluate(
        """async (profile) => {
          const { Store } = await import("./app/shared/store.js");
          const store = await new Store().open();
          if (!(await store.save(profile))) throw new Error("the profile was not stored");
        }""",
        full_profile(drawing),
    )
    page.close()
    # Chromium commits localStorage a moment later: wait until another
    # page sees it, or the first visit may find no child at all.
    page = context.new_page()
    page.goto(base + "index.html")
    for _ in range(100):
        if page.evaluate("() => localStorage.getItem('kaketoe:profile:bench') !== null"):
            break
        page.wait_for_timeout(100)
    page.close()
    context.add_init_script("sessionStorage.setItem('kaketoe:current-profile', 'bench');")
    context.add_init_script(WATCH_ACTIVITY)
    for label in ("cold", "again", "warm"):
        page = throttled(context)
        page.goto(base + f"app/nl/#/activity/{ACTIVITY}")
        usable = wait_for_mark(page, "bench:activity-usable")
        ready = wait_for_mark(page, "kaketoe:python-ready")
        if label != "again":  # the visit in between is not measured
            runs[label].append(usable)
            runs[f"ready {label}"].append(ready)
        if label == "warm":
            runs["worker own"].append(ready - mark(page, "kaketoe:python-start"))
            inside = page.evaluate(
                "() => performance.getEntriesByName('kaketoe:python-worker-ready')[0].detail"
            )
            runs["worker inside"].append(inside["ready"] - inside["began"])
            for name, (begin, end) in WORKER_STAGES.items():
                runs[name].append(inside[end] - inside[begin])
            page.goto(base + "app/nl/#/export")
            button = page.locator("main > button.button--primary")
            button.wait_for()
            page.wait_for_timeout(READING_MS)  # the child reads the screen
            for key in ("export", "export again"):
                with page.expect_download(timeout=180_000):
                    button.click()
                runs[key].append(
                    mark(page, "kaketoe:export-file") - mark(page, "kaketoe:export-start")
                )
        elif label == "cold":
            wait_for_precache(page)
        page.close()
    page = throttled(context)
    page.goto(base + FLOOR_PAGE[1:])
    runs["floor"].append(wait_for_mark(page, "bench:activity-usable"))
    page.close()
    context.close()
    shutil.rmtree(folder, ignore_errors=True)


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "NOT met"


def report(result: dict[str, Any]) -> str:
    m = result["median"]
    raw, packed = result["shell"]
    first_limit = 0.05 * m["bare page"]
    worker_limit = 1.2 * m["bare worker"]
    rows = [
        (
            "bare Pyodide start as published, on the page",
            f"{m['bare page']:.0f} ms",
            "yardstick",
            "",
        ),
        (
            "bare Pyodide start as published, in a worker",
            f"{m['bare worker']:.0f} ms",
            "yardstick",
            "",
        ),
        (
            "bare Pyodide start as this build serves it, in a worker",
            f"{m['bare worker compiled']:.0f} ms",
            "",
            "",
        ),
        ("first activity usable, cold", f"{m['cold']:.0f} ms", "", ""),
        (
            "first activity usable, warm",
            f"{m['warm']:.0f} ms",
            f"≤ 0.05 x bare on the page = {first_limit:.0f} ms",
            verdict(m["warm"], first_limit),
        ),
        ("the browser alone: the same page, one line of script", f"{m['floor']:.0f} ms", "", ""),
        ("worker ready, from navigation, cold", f"{m['ready cold']:.0f} ms", "", ""),
        ("worker ready, from navigation, warm", f"{m['ready warm']:.0f} ms", "", ""),
        (
            "worker ready, from its start, warm",
            f"{m['worker own']:.0f} ms",
            f"≤ 1.2 x bare in a worker = {worker_limit:.0f} ms",
            verdict(m["worker own"], worker_limit),
        ),
        ("… of which inside the worker", f"{m['worker inside']:.0f} ms", "", ""),
        *((f"… … {name}", f"{m[name]:.0f} ms", "", "") for name in WORKER_STAGES),
        (
            "export, family copy, 7 images",
            f"{m['export']:.0f} ms",
            "≤ 200 ms",
            verdict(m["export"], 200),
        ),
        (
            "export, the same copy again (made on the tap)",
            f"{m['export again']:.0f} ms",
            "",
            "",
        ),
        (
            "app shell, gzip",
            f"{packed / 1024:.1f} KB ({raw / 1024:.1f} KB raw)",
            "≤ 200 KB",
            verdict(packed, 200 * 1024),
        ),
    ]
    lines = [
        "# Performance of the workbook app",
        "",
        "Written by `make bench` (`bench/bench_app.py`); do not edit by hand.",
        "",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"{os.cpu_count()} cores; Chromium {result['chromium']} headless, "
        f"CPU slowed {SLOWDOWN}x (a mid-range tablet); median of {RUNS} runs.",
        "",
        "| measure | result | goal | |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        f"Against the bare start of Pyodide as this build serves it, the worker takes "
        f"{m['worker own'] / m['bare worker compiled']:.2f} x as long: what it adds is "
        "importing Jinja2 and the package, and reading the booklets.",
        "",
        *EXPLANATION,
        "",
        "All runs (ms):",
        "",
        "```json",
        json.dumps({k: [round(v) for v in vs] for k, vs in result["runs"].items()}, indent=1),
        "```",
        "",
    ]
    return "\n".join(lines)


EXPLANATION = [
    "How to read the numbers. The yardstick is Pyodide as published (the npm",
    "package, its standard library as Python source), started bare from loading",
    "pyodide.mjs to the first runPython. This build serves Pyodide with the",
    "standard library modules the app uses compiled to bytecode ahead, as",
    "upstream's py-compiled build has them, and our bundle compiled too",
    "(kaketoe._pyodide_compile): a bare start of that is the third row, for",
    "comparison. Every bare start runs in a fresh browser profile on the third",
    "visit, with Pyodide in the service worker's cache: as warm as the app's own",
    "worker on its measured visit. (The browser keeps Pyodide's compiled",
    "WebAssembly only after a few starts, so the visit matters: the same start",
    "took 2.3-3 s on the first visits and 1.5 s from the fourth on.)",
    "",
    "Chromium's CPU throttling slows the page's own thread, but barely a worker:",
    "Pyodide starts several times slower on the throttled page than in a worker",
    "next to it. So the first activity (on the page) is compared with the bare",
    "start on the page, and the app's worker with the bare start in a worker.",
    "",
    '"The browser alone" is the app\'s page with its head as it is (styles,',
    "fonts, the header picture), and one line of script instead of the app: the",
    "least any page of this kind needs on this machine. What the app adds to the",
    "first activity is the difference between the two rows; of that, the first",
    "read of localStorage (the browser loads all of a site's localStorage at",
    "once: here the child's copy of 2.6 MB with seven 800x600 drawings, stored",
    "as the app stores it, the record and each picture apart) and",
    "drawing the screen are the largest parts. Each run uses a fresh browser",
    "profile on disk, as a tablet has; in-memory profiles were slower and once",
    "lost a site's storage under the service worker's load.",
    "",
    'The worker\'s own stages ("inside the worker") are its marks, sent with its',
    "ready message; the rest of the row above is the page learning of it. The",
    "worker is ready when the package is imported and the booklets are read; it",
    "then makes one small export to compile the templates (about 60 ms), before",
    "it answers a first request. The counselor tools' modules are imported only",
    "by the tools. Without bytecode made ahead, importing Jinja2 and the package",
    "took about 0.35 s in Node and Pyodide's own start about twice as long.",
    "",
    "What makes the other numbers: the page names every module and the booklet in",
    "its head; the first screen is drawn from the child's stored copy while",
    "IndexedDB opens; both export copies are made while the export screen is",
    "open, and the tap comes 2 s after the screen opened (a child reads it first);",
    "the export file crosses from Python to JavaScript as UTF-8 bytes, because",
    "Pyodide converts a long Python string with non-Latin characters slowly (a",
    "3.8 MB file took 250-700 ms as a string and 2-4 ms as bytes).",
]


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    result = measure(site)
    REPORT.write_text(report(result), encoding="utf-8")
    print(REPORT.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
