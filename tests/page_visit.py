"""Open a page in Chromium and record everything that went wrong while it loaded."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "tablet": TABLET}

# Runs before any script of the page (the DevTools protocol is not bound by the
# page's policy) and keeps every CSP violation the page reports. Once per
# document, however often a tab that visits page after page was given it.
RECORD_CSP_VIOLATIONS = """
if (!window.__cspViolations) {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
  });
}
"""

# A page has settled when no request has started or ended for this long: the
# rule of Playwright's "networkidle". On an app page that takes in the Python
# worker's whole start (Pyodide, our bundle, the booklets).
QUIET_S = 0.5
# As long as Playwright waits for a page to load.
SETTLE_LIMIT_S = 30.0


@dataclass
class PageVisit:
    """What one page did: the problems are lists that a clean page leaves empty."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    status: int | None = None
    # Requests started and not yet answered or failed, and when traffic last changed
    # (seconds since the epoch, as the browser saw it).
    in_flight: set[Any] = field(default_factory=set)
    last_traffic: float = field(default_factory=time.time)
    # What visit() attached to the tab, by event.
    listeners: dict[str, Any] = field(default_factory=dict)

    def started(self, request: Any) -> None:
        self.requested.append(request.url)
        # The tab's icon is fetched by the browser, not the page ("other"), and
        # was once never reported as finished (a download had just begun): it is
        # not what the page fetches, so settling does not wait for it.
        if request.resource_type != "other":
            self.in_flight.add(request)
        self.saw_traffic(request.timing["startTime"] / 1000)

    def ended(self, request: Any) -> None:
        self.in_flight.discard(request)
        timing = request.timing
        ended = timing["startTime"] + timing["responseEnd"]
        # A failed request has no end time: it ended by the time we heard of it.
        self.saw_traffic(ended / 1000 if timing["responseEnd"] >= 0 else time.time())

    def saw_traffic(self, moment: float) -> None:
        self.last_traffic = max(self.last_traffic, moment)

    def settle(self) -> None:
        """Waits until the page has fetched all it fetches by itself: no request in
        flight, and none started or ended for QUIET_S (as "networkidle", but measured
        now: what the test did meanwhile counts towards the quiet)."""
        deadline = time.time() + SETTLE_LIMIT_S
        # Playwright hands over the page's events while it waits: first take in
        # those of what the test did last.
        self.page.wait_for_timeout(0)
        while True:
            quiet_for = time.time() - self.last_traffic
            if not self.in_flight and quiet_for >= QUIET_S:
                return
            if time.time() > deadline:
                loading = sorted(request.url for request in self.in_flight)
                raise AssertionError(f"the page never settled; still loading: {loading}")
            # Until the quiet would be long enough, unless a request is still open
            # (then a short look again): each look is a round trip to the browser.
            wait_s = 0.05 if self.in_flight else QUIET_S - quiet_for
            self.page.wait_for_timeout(max(wait_s, 0.01) * 1000)

    def stop(self) -> None:
        """Stops recording, leaving the tab open for another visit."""
        for event, listener in self.listeners.items():
            self.page.remove_listener(event, listener)

    def csp_violations(self) -> list[str]:
        violations: list[str] = self.page.evaluate("window.__cspViolations")
        return violations

    def problems(self, *, reloaded: bool = False) -> dict[str, list[str]]:
        """What went wrong on the page, once it has settled (``settle``). After a reload
        (``reloaded``), what the page was still fetching was cancelled (net::ERR_ABORTED):
        that is not a failure."""
        self.settle()
        failed = self.failed_requests
        if reloaded:
            failed = [request for request in failed if "net::ERR_ABORTED" not in request]
        return {
            "console errors": self.console_errors,
            "failed requests": failed,
            "requests to another origin": self.foreign_requests,
            "CSP violations": self.csp_violations(),
        }


def same_origin(url: str, base: str) -> bool:
    mine, theirs = urlsplit(base), urlsplit(url)
    return (theirs.scheme, theirs.netloc) == (mine.scheme, mine.netloc)


def visit(
    context: Any, url: str, base: str, *, ready: str | None = None, tab: Any = None
) -> PageVisit:
    """Load url in a new tab of context (or in ``tab``, a tab of context that has
    finished its last visit: see ``PageVisit.stop``); requests to any other origin are
    recorded (``foreign_requests``), and fail: this network reaches no other host.

    Returns once the page has loaded (its `load` event) and, if given, the element
    ``ready`` (a CSS selector) is there: what a test needs first. What the page
    fetches after that (an app's Python worker) goes on meanwhile; ``problems()``
    waits for it.
    """
    page = tab or context.new_page()
    record = PageVisit(page)
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    # Seen, not intercepted: a route on every request would cost a round trip to
    # this process each, and Playwright turns the browser's HTTP cache off for a
    # tab with a route.
    def request(sent: Any) -> None:
        if not (sent.url.startswith(("data:", "blob:")) or same_origin(sent.url, base)):
            record.foreign_requests.append(sent.url)
        record.started(sent)

    def console(message: Any) -> None:
        if message.type == "error":
            record.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def page_error(error: Any) -> None:
        record.console_errors.append(str(error))

    def failed(request: Any) -> None:
        record.failed_requests.append(f"{request.url} ({request.failure})")
        record.ended(request)

    def response(answer: Any) -> None:
        if answer.status >= 400 and answer.url != url:
            record.failed_requests.append(f"{answer.url} ({answer.status})")

    record.listeners = {
        "console": console,
        "pageerror": page_error,
        "request": request,
        "requestfinished": record.ended,
        "requestfailed": failed,
        "response": response,
    }
    for event, listener in record.listeners.items():
        page.on(event, listener)
    loaded = page.goto(url, wait_until="load")
    record.status = loaded.status if loaded else None
    if ready:
        page.locator(ready).first.wait_for()
    return record
