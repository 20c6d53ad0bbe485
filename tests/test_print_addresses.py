"""The addresses printed after links: real ones for a published site, never a loopback one."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hook_module import load_hook

hook = load_hook("print_view")
CONTENT = (
    '<p><a href="../tips/">Tips</a> and <a href="#top">top</a> and '
    '<a href="https://www.iom.int/">IOM</a></p>'
)


def printed(site_url: str) -> str:
    config: Any = SimpleNamespace(site_url=site_url)
    page: Any = SimpleNamespace(url="brochure/talking/")
    result: str = hook.on_page_content(CONTENT, page=page, config=config, files=None)
    return result


def test_a_build_without_site_url_prints_no_loopback_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without SITE_URL (mkdocs.yml's loopback default) a page prints no 127.0.0.1 address."""
    monkeypatch.delenv("SITE_URL", raising=False)
    html = printed("http://127.0.0.1:8000/")
    assert "127.0.0.1" not in html
    assert 'data-print-href="https://www.iom.int/"' in html  # another site's address still prints
    assert '<a href="../tips/">' in html  # the link itself is unchanged


def test_a_published_build_prints_the_full_address_of_its_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With SITE_URL set, a link to another page prints that page's public address."""
    monkeypatch.setenv("SITE_URL", "https://example.org/kaketoe/")
    html = printed("https://example.org/kaketoe/")
    assert 'data-print-href="https://example.org/kaketoe/brochure/tips/"' in html
    assert 'data-print-href="https://www.iom.int/"' in html
    assert '<a href="#top">' in html  # a link within the page needs no address
