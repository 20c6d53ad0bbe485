"""Put the writing direction on <html>, not only on <body>.

Material writes ``dir`` on ``<body>`` from its language files (Arabic: rtl).
The root element should carry it as well, so that the page's scroll bars,
text fields outside the body and assistive technology all see the direction
of the language declared by ``<html lang>``.

Templates of our own get the direction of any language from the one rule
(kaketoe._languages) as the filter ``direction``: ``{{ "ar" | direction }}``.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kaketoe._languages import direction

HTML_TAG = re.compile(r"<html (?P<attrs>[^>]*)>")
BODY_DIR = re.compile(r'<body dir="(?P<dir>ltr|rtl)"')


def with_direction(html: str) -> str:
    """The page with its <body> direction also on <html>."""
    body = BODY_DIR.search(html)
    root = HTML_TAG.search(html)
    if body is None or root is None:
        raise PluginError("expected <html ...> and <body dir=...> from the Material theme")
    if "dir=" in root["attrs"]:
        return html
    return f'{html[: root.end() - 1]} dir="{body["dir"]}">{html[root.end() :]}'


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    try:
        return with_direction(output)
    except PluginError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return with_direction(output_content)
    return output_content


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["direction"] = direction
    return env
