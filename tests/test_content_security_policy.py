"""Every built page carries a strict Content-Security-Policy that fits its own scripts."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from conftest import BuiltSite
from site_pages import ALL_PAGES, NOT_FOUND_PAGES, soup

# Sources a directive may name: nothing that points to another origin.
ALLOWED_SOURCES = re.compile(
    r"^('self'|'none'|'wasm-unsafe-eval'|'sha256-[A-Za-z0-9+/]+=*'|data:)$"
)
JSON_TYPES = {"application/json", "application/ld+json"}


def policy_of(built_site: BuiltSite, built_file: str) -> dict[str, list[str]]:
    page = soup(built_site.path, built_file)
    metas = page.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1, "exactly one policy per page"
    directives = [part.split() for part in str(metas[0]["content"]).split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize("built_file", [page for _, page in ALL_PAGES + NOT_FOUND_PAGES])
def test_policy_is_strict_and_names_no_other_origin(built_site: BuiltSite, built_file: str) -> None:
    """The policy refuses by default, allows no inline or eval'd code, and trusts only this site."""
    policy = policy_of(built_site, built_file)
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'wasm-unsafe-eval'" in policy["script-src"]
    for name, sources in policy.items():
        for source in sources:
            assert ALLOWED_SOURCES.match(source), f"{name} allows {source}"


@pytest.mark.parametrize("built_file", [page for _, page in ALL_PAGES + NOT_FOUND_PAGES])
def test_policy_comes_before_any_script(built_site: BuiltSite, built_file: str) -> None:
    """The policy meta is the first element after the charset, so it governs every script."""
    head = soup(built_site.path, built_file).head
    assert head is not None
    first_two = head.find_all(True, recursive=False)[:2]
    assert str(first_two[0].get("charset", "")).lower() == "utf-8"
    assert first_two[1].get("http-equiv") == "Content-Security-Policy"


@pytest.mark.parametrize("built_file", [page for _, page in ALL_PAGES + NOT_FOUND_PAGES])
def test_every_inline_script_is_allowed_by_its_hash(built_site: BuiltSite, built_file: str) -> None:
    """Each inline script is allowed by exactly its hash, and nothing else inline runs."""
    page = soup(built_site.path, built_file)
    allowed = set(policy_of(built_site, built_file)["script-src"])
    hashes = set()
    for script in page.find_all("script"):
        if script.get("src") or script.get("type") in JSON_TYPES:
            continue
        digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    assert hashes, "Material's pages carry inline scripts; none found means the test looks wrong"
    assert hashes <= allowed
    assert {source for source in allowed if source.startswith("'sha256-")} == hashes
    for element in page.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"inline event handler on <{element.name}>: blocked by the policy"
        assert "style" not in element.attrs, f"inline style on <{element.name}>: blocked"
