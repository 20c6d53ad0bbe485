"""Write a strict Content-Security-Policy into every built page.

Runs once, after all languages are built and after the other once-only steps,
because the policy of a page depends on its final inline scripts: Material
emits a few on every page, and each is allowed by its SHA-256 hash, so no
``'unsafe-inline'`` is needed. Nothing may be fetched from another origin.

``mkdocs serve`` injects a live-reload script that differs on every request
and cannot be hashed: while serving, and only then, inline scripts are
allowed. Everything else in the policy stays the same.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from _i18n import all_languages_built
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# Directive -> sources. Every directive we need is listed; default-src 'none'
# refuses the rest.
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    # 'wasm-unsafe-eval' lets the workbook run Pyodide's WebAssembly; it does
    # not allow eval() of JavaScript.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    # Material draws its icons as CSS masks from data: SVGs.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
# Script types the browser executes; JSON data blocks need no hash.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
CHARSET_META = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources for the executable inline scripts of a page, in order, without repeats."""
    sources: list[str] = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        script_type = SCRIPT_TYPE.search(attrs)
        if script_type and script_type[1].lower() not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in sources:
            sources.append(source)
    return sources


def policy_for(html: str, *, serving: bool = False) -> str:
    """The policy for one page: the base policy plus the page's script hashes."""
    policy = {directive: list(sources) for directive, sources in BASE_POLICY.items()}
    if serving:
        policy["script-src"].append("'unsafe-inline'")
    else:
        policy["script-src"].extend(inline_script_hashes(html))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def with_policy(html: str, policy: str) -> str:
    """The page with the policy as the first thing after its charset, before any script."""
    charset = CHARSET_META.search(html)
    if charset is None:
        raise PluginError("page has no <meta charset='utf-8'> to put the policy after")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[: charset.end()] + meta + html[charset.end() :]


# After static-i18n (-100) has built every language and the 404 pages
# (-200) are final.
@event_priority(-300)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    for page in sorted(Path(config.site_dir).rglob("*.html")):
        # `mkdocs serve --dirty` leaves unchanged pages with last round's policy.
        html = POLICY_META.sub("", page.read_text(encoding="utf-8"))
        try:
            page.write_text(with_policy(html, policy_for(html, serving=_serving)), "utf-8")
        except PluginError as error:
            raise PluginError(f"{page}: {error}") from None
