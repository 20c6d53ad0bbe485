"""Open a page in Chromium and record everything that went wrong while it loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "tablet": TABLET}

# Runs before any script of the page (the DevTools protocol is not bound by the
# page's policy) and keeps every CSP violation the page reports.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@dataclass
class PageVisit:
    """What one page did: the problems are lists that a clean page leaves empty."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    status: int | None = None

    def csp_violations(self) -> list[str]:
        violations: list[str] = self.page.evaluate("window.__cspViolations")
        return violations

    def problems(self, *, reloaded: bool = False) -> dict[str, list[str]]:
        """What went wrong on the page. After a reload (``reloaded``), what the page was
        still fetching was cancelled (net::ERR_ABORTED): that is not a failure."""
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


def visit(context: Any, url: str, base: str) -> PageVisit:
    """Load url in a new tab of context; requests to any other origin are blocked and recorded."""
    page = context.new_page()
    record = PageVisit(page)
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("data:", "blob:")) or same_origin(url, base):
            request_route.continue_()
        else:
            record.foreign_requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: (
            record.console_errors.append(f"{message.text} at {message.location.get('url')}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    page.on("request", lambda request: record.requested.append(request.url))
    page.on(
        "requestfailed",
        lambda request: record.failed_requests.append(f"{request.url} ({request.failure})"),
    )
    page.on(
        "response",
        lambda response: (
            record.failed_requests.append(f"{response.url} ({response.status})")
            if response.status >= 400 and response.url != url
            else None
        ),
    )
    response = page.goto(url, wait_until="networkidle")
    record.status = response.status if response else None
    return record
