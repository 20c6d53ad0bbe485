"""The information for children of 10 to 13 on the children's page, too.

``content/<lang>/workbook/index.md`` holds the marker ``<!-- teen-info -->``;
this hook replaces it with the information of that language's cards
(``content/<lang>/cards/info.yml``, validated by the ``kaketoe`` package), so
a child or a parent can read it on any device, without the app, and print it.
The app shows the same data on its own screen.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from _i18n import i18n_plugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kaketoe._booklet import load_art
from kaketoe._deck import DeckError, Info, has_deck, load_deck
from kaketoe._schema import Runs

MARKER = "<!-- teen-info -->"
PAGE = "workbook/index.md"
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")
_SPACES = re.compile(r"\s+")


def _text(text: str | Runs) -> str:
    """Text as Markdown shows it, never as Markdown or HTML; words in another
    language (written [[en:IOM]], read as runs by the package) marked with their
    language, as the pages do."""
    parts = []
    for language, words in (("", text),) if isinstance(text, str) else text:
        words = _SPACES.sub(" ", words)  # a line break would end the Markdown paragraph
        if language:
            parts.append(f'<span lang="{language}" dir="ltr">{html.escape(words)}</span>')
        else:
            parts.append(_MARKDOWN.sub(r"\\\1", words))
    return "".join(parts)


def render_info(info: Info) -> str:
    lines = [f"## {_text(info.title)}", "", _text(info.intro), ""]
    for section in info.sections:
        lines += [f"### {_text(section.title)} {{ #teen-{section.id} }}", ""]
        for paragraph in section.paragraphs:
            lines += [_text(paragraph), ""]
        lines += [f"- **{_text(item.term)}**: {_text(item.text)}" for item in section.items]
        lines.append("")
    return "\n".join(lines)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = i18n_plugin(config).current_language
    if page.file.src_uri.removeprefix(f"{language}/") != PAGE:
        return markdown
    content = Path(config.docs_dir)
    if not has_deck(content, language):
        return markdown.replace(MARKER, "")
    if MARKER not in markdown:
        raise PluginError(f"{page.file.src_uri}: the children's page needs {MARKER}")
    try:
        deck = load_deck(content, language, load_art(content))
    except DeckError as error:
        raise PluginError(f"The cards cannot be built: {error}") from None
    return markdown.replace(MARKER, render_info(deck.info))
