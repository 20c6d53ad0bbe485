"""Put the workbook's data into the site: each booklet as JSON, and the Python bundle.

Once, after every language is built, the ``kaketoe`` package validates the
booklet YAML of each language (content/<lang>/workbook/) and writes it as
``app/booklets/<lang>.json``, and writes the zip that Pyodide unpacks as
``app/python/kaketoe-<version>.zip`` (a versioned name, so a cache never mixes
versions). A broken booklet stops the build with the package's message.
"""

from __future__ import annotations

from pathlib import Path

from _i18n import all_languages_built
from kaketoe import BookletError, __version__, booklet_languages, booklet_to_json, load_booklet
from kaketoe._bundle import write_bundle
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

APP_FOLDER = "app"


# Once, after all languages, before the CSP hook (-300) reads the pages.
@event_priority(-250)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    content = Path(config.docs_dir)
    out = Path(config.site_dir, APP_FOLDER)
    (out / "booklets").mkdir(parents=True, exist_ok=True)
    for language in booklet_languages(content):
        try:
            booklet = load_booklet(content, language)
        except BookletError as error:
            raise PluginError(f"The booklet cannot be built: {error}") from None
        (out / "booklets" / f"{language}.json").write_text(
            booklet_to_json(booklet), encoding="utf-8"
        )
    write_bundle(out / "python" / f"kaketoe-{__version__}.zip")
