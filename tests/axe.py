"""The one axe-core helper: WCAG 2.2 AA, target size on, nothing switched off."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from conftest import ROOT

# The version pinned in package-lock.json (npm ci).
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_22_AA},
    # 2.5.8 Target Size (Minimum) is off in axe by default.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}

RUN_AXE = """async (options) => {
  const results = await axe.run(document, options);
  const ran = [...results.passes, ...results.violations, ...results.incomplete,
               ...results.inapplicable].map((rule) => rule.id);
  return {
    ran,
    violations: results.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      nodes: rule.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
    })),
  };
}"""


@cache
def axe_source() -> str:
    if not Path(AXE_SOURCE).is_file():
        raise FileNotFoundError(f"{AXE_SOURCE} is missing: run `npm ci` (make test does)")
    return Path(AXE_SOURCE).read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The WCAG 2.2 AA violations axe finds on the page as it is now."""
    # page.evaluate runs through the DevTools protocol, which the page's CSP
    # does not govern (an injected <script> tag would be blocked). Once per
    # document: an app's screens share one.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate(RUN_AXE, OPTIONS)
    if "target-size" not in result["ran"]:
        raise AssertionError("axe did not run the target-size rule")
    violations: list[dict[str, Any]] = result["violations"]
    return violations
