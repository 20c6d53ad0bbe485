"""Shared fixtures: the site built once per run, served on loopback, and Chromium.

In a parallel run (`pytest -n 2`, as `make test` and `make check` do) the
controller builds the site once, in the background while the workers collect,
and serves it from its own process; the workers wait for that build and use
it. Two builds at once would share the build's bytecode cache
(hooks/_bytecode.py), which is not safe. Run alone, pytest builds and serves
the site itself, when the first test needs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from page_visit import TABLET

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, quiet: no sandbox as root, and none of the background
# connections that this closed network would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# How long a worker waits for the controller's build before it gives up.
BUILD_LIMIT_S = 600


@dataclass(frozen=True)
class BuiltSite:
    """A site built by `mkdocs build` (strict, as mkdocs.yml says) for a given site URL."""

    path: Path
    url: str  # with a trailing slash
    build_log: str


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as a static host would, with its 404 page."""

    # Replaces the base class's table, as the standard library intends.
    extensions_map = {  # noqa: RUF012
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output readable


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A test that is done closes its browser profile, and with it whatever the
        # page was still downloading (an app's Python): that is no error.
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """Serves a folder on a free loopback port, from a thread, until closed.

    The port is taken before anything is built: the built site carries its URL.
    """

    def __init__(self, folder: Path) -> None:
        self.server = QuietServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def build_site(path: Path, url: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the whole site, every language, into path, for the site URL url."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(path)],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


class SiteForWorkers:
    """On the controller of a parallel run: one build, in the background, served from here.

    The build's outcome is written to a file when it is done; each worker reads
    it (``built_site``) before its first test that needs the site.
    """

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kaketoe-test-site-"))
        self.path = self.folder / "site"
        self.path.mkdir()
        self.outcome = self.folder / "build.json"
        self.server = SiteServer(self.path)
        self.builder = threading.Thread(target=self.build, daemon=True)
        self.builder.start()

    def build(self) -> None:
        try:
            result = build_site(self.path, self.server.url)
            outcome = {"returncode": result.returncode, "log": result.stderr}
        except Exception as error:  # the workers must hear of it, not wait for ever
            outcome = {"returncode": -1, "log": repr(error)}
        written = self.outcome.with_suffix(".partial")
        written.write_text(json.dumps(outcome), encoding="utf-8")
        written.rename(self.outcome)

    def pytest_configure_node(self, node: Any) -> None:
        """Tells each worker where the site is built and served."""
        node.workerinput["kaketoe_site"] = {
            "path": str(self.path),
            "url": self.server.url,
            "outcome": str(self.outcome),
        }

    def close(self) -> None:
        self.builder.join()
        self.server.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # a worker: the controller builds
    if getattr(config.option, "dist", "no") == "no" or config.option.collectonly:
        return  # not parallel: the built_site fixture builds when a test needs it
    site = SiteForWorkers()
    config.pluginmanager.register(site, "kaketoe-site-for-workers")
    config.add_cleanup(site.close)


# Browser tests of the site's pages: many, a second or two each. The browser tests
# of the apps take 2-15 s each (most start the app's Python).
PAGE_TEST_MODULES = {"test_pages_in_browser", "test_printing", "test_route_map"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Runs the tests that need no built site first (meanwhile the site is built), then
    the browser tests of the apps, then those of the site's pages, then the quick checks
    of the built files: a worker that runs out of tests near the end of a parallel run
    takes short ones from the other. Within each group, in the order pytest found them."""

    def group(item: pytest.Item) -> int:
        if "built_site" not in getattr(item, "fixturenames", ()):
            return 0
        if not item.get_closest_marker("browser"):
            return 3
        return 2 if item.path.stem in PAGE_TEST_MODULES else 1

    items.sort(key=group)


def shared_site(shared: dict[str, str]) -> BuiltSite:
    """The controller's build, once it is done (a worker of a parallel run)."""
    outcome = Path(shared["outcome"])
    deadline = time.monotonic() + BUILD_LIMIT_S
    while not outcome.is_file():
        if time.monotonic() > deadline:
            pytest.fail(f"the site was not built within {BUILD_LIMIT_S} s")
        time.sleep(0.1)
    result = json.loads(outcome.read_text(encoding="utf-8"))
    assert result["returncode"] == 0, f"mkdocs build failed:\n{result['log']}"
    return BuiltSite(path=Path(shared["path"]), url=shared["url"], build_log=result["log"])


@pytest.fixture(scope="session")
def built_site(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BuiltSite]:
    """The whole site, every language, built once for the run and served at its URL."""
    shared = getattr(pytestconfig, "workerinput", {}).get("kaketoe_site")
    if shared:
        yield shared_site(shared)
        return
    path = tmp_path_factory.mktemp("site")
    server = SiteServer(path)
    try:
        result = build_site(path, server.url)
        assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
        yield BuiltSite(path=path, url=server.url, build_log=result.stderr)
    finally:
        server.close()


@pytest.fixture(scope="session")
def site_server(built_site: BuiltSite) -> str:
    """The URL at which the built site is served on loopback (with a trailing slash)."""
    return built_site.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Registering a service worker fails in a test's profile, as in a browser that
# refuses them, unless the test is about them (offline use, updates). The app
# works on without one; and a first visit does not download the whole app a
# second time for the service worker's cache (16 MB per app test).
NO_SERVICE_WORKERS = """
if (self.ServiceWorkerContainer) {
  ServiceWorkerContainer.prototype.register = () =>
    Promise.reject(new DOMException("service workers are off in this test", "SecurityError"));
}
"""


HELD_BACK = """
if (self.Worker) {
  const RealWorker = self.Worker;
  self.Worker = new Proxy(RealWorker, {
    construct(target, args, newTarget) {
      if (!String(args[0]).includes(WORKER)) return Reflect.construct(target, args, newTarget);
      return Object.assign(new EventTarget(), {
        onmessage: null, onerror: null, onmessageerror: null,
        postMessage() {}, terminate() {},
      });
    },
  });
}
"""


def held_back(worker: str) -> str:
    """An init script after which the page's workers whose script address holds
    ``worker`` are never started: the page gets a worker that takes messages and
    never answers, as one that is still starting."""
    return HELD_BACK.replace("WORKER", json.dumps(worker))


# The app's Python starts in the background on every app page it opens, and
# costs about 3 s of CPU on this machine each time (Pyodide). A test that asks
# Python nothing (it makes and reads no file, scores no form) may hold it back:
# its pages then stay as a child sees them before Python is ready on a slow
# tablet. They must work the same then (product.md: "screens never wait for
# Python to start").
PYTHON_HELD_BACK = held_back("/python-worker.js")
# Every page of the site builds the search index of the whole site in a worker
# (Material's search: about 0.2 s of CPU here). A test of a page that is not
# about search may hold it back; the search tests keep it
# (test_pages_in_browser.py).
SEARCH_HELD_BACK = held_back("/assets/javascripts/workers/search.")


def new_profile(
    browser: Any, *, service_workers: bool = False, python: bool = True, **options: Any
) -> Any:
    """A fresh browser profile (context) with Playwright's options; service workers
    only when asked for; the app's Python unless held back (``python=False``, see
    PYTHON_HELD_BACK)."""
    context = browser.new_context(**options)
    if not service_workers:
        context.add_init_script(NO_SERVICE_WORKERS)
    if not python:
        context.add_init_script(PYTHON_HELD_BACK)
    return context


def site_profile(browser: Any, *, search: bool = False, **options: Any) -> Any:
    """A fresh browser profile for the site's pages, with Playwright's options; the
    pages' search held back (SEARCH_HELD_BACK) unless asked for."""
    context = browser.new_context(**options)
    if not search:
        context.add_init_script(SEARCH_HELD_BACK)
    return context


@pytest.fixture
def tablet(browser: Any) -> Iterator[Any]:
    """A fresh tablet profile with touch, as a family's shared tablet."""
    context = new_profile(browser, viewport=TABLET, has_touch=True, accept_downloads=True)
    yield context
    context.close()


def profile_before_python(browser: Any, **options: Any) -> Iterator[Any]:
    """A fresh profile with Playwright's options in which the app's Python is held
    back (PYTHON_HELD_BACK), for a fixture to yield from; closed after the test, which
    fails if Pyodide was fetched all the same."""
    context = new_profile(browser, python=False, **options)
    pyodide: list[str] = []

    def fetched(request: Any) -> None:
        if "/pyodide/" in request.url:
            pyodide.append(request.url)

    context.on("request", fetched)
    yield context
    context.close()
    assert pyodide == [], "the app's Python was held back, yet Pyodide was fetched"


@pytest.fixture
def tablet_before_python(browser: Any) -> Iterator[Any]:
    """A fresh tablet profile as ``tablet``, in which the app's Python is held back
    (PYTHON_HELD_BACK): for a test that asks Python nothing."""
    yield from profile_before_python(
        browser, viewport=TABLET, has_touch=True, accept_downloads=True
    )


@pytest.fixture
def installable_tablet(browser: Any) -> Iterator[Any]:
    """A fresh tablet profile as ``tablet``, where the app's service worker may install
    (for the tests of working offline and of updates)."""
    context = new_profile(
        browser, service_workers=True, viewport=TABLET, has_touch=True, accept_downloads=True
    )
    yield context
    context.close()
