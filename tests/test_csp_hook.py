"""The Content-Security-Policy hook on small pages: hashes, JSON data, serve mode, errors."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hook_module import load_hook
from mkdocs.exceptions import PluginError

hook = load_hook("content_security_policy")
PAGE = (
    '<html><head><meta charset="utf-8"><script>var a = 1;</script>'
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="app.js"></script></head><body><script>var a = 1;</script></body></html>'
)


def sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_only_executable_inline_scripts_are_hashed_once_each() -> None:
    """A repeated inline script gives one hash; JSON data and external scripts give none."""
    assert hook.inline_script_hashes(PAGE) == [sha256("var a = 1;")]


def test_built_pages_get_hashes_and_never_unsafe_inline() -> None:
    """`mkdocs build` allows the page's inline scripts by hash, not by 'unsafe-inline'."""
    policy = hook.policy_for(PAGE)
    assert sha256("var a = 1;") in policy
    assert "'unsafe-inline'" not in policy


def test_serve_mode_allows_live_reload_but_keeps_the_rest() -> None:
    """Under `mkdocs serve` inline scripts are allowed; every other directive stays strict."""
    built = hook.policy_for(PAGE).split("; ")
    served = hook.policy_for(PAGE, serving=True).split("; ")
    assert [d for d in served if not d.startswith("script-src")] == [
        d for d in built if not d.startswith("script-src")
    ]
    assert "'unsafe-inline'" in served[1]
    assert "sha256" not in served[1]


def test_policy_goes_right_after_the_charset() -> None:
    """The meta comes before the first script, so the browser applies it to all of them."""
    page = hook.with_policy(PAGE, "default-src 'none'")
    assert page.index("Content-Security-Policy") < page.index("<script")
    assert page.startswith('<html><head><meta charset="utf-8"><meta http-equiv=')


def test_a_page_without_charset_stops_the_build() -> None:
    """A page the hook cannot place a policy in is an error, never a page without policy."""
    with pytest.raises(PluginError):
        hook.with_policy("<html><head><script>x()</script></head></html>", "default-src 'none'")
