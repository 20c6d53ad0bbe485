"""Put each language's 404 page where a host looks for it, the Dutch one at the root.

mkdocs-static-i18n renders ``404.html`` once per language into the same file,
so the last language built would win (its issues #284, #326, #349). We keep
each rendering and, once every language is built, write the default
language's page to the root and the others to their own folder
(``en/404.html``), which hosts that look for the nearest 404 page will use.
"""

from __future__ import annotations

from pathlib import Path

from _i18n import all_languages_built, i18n_plugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_pages: dict[str, str] = {}


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _pages[i18n_plugin(config).current_language] = output_content
    return output_content


# Once, after all languages (static-i18n builds them inside its own
# on_post_build at -100), and before the CSP hook (-300) reads every page.
@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    i18n = i18n_plugin(config)
    for language in i18n.build_languages:
        if language not in _pages:
            raise PluginError(f"The 404 page of '{language}' was never rendered.")
        folder = "" if language == i18n.default_language else language
        Path(config.site_dir, folder, "404.html").write_text(_pages[language], encoding="utf-8")
    _pages.clear()  # nothing is kept for the next build (`mkdocs serve`)
