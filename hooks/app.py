"""Put the children's app and the counselor tools into the site, under ``app/``.

Once, after every language is built: ``kaketoe build-app`` does the work
(kaketoe._app_build: data, Python for the browser, the web tree, the pages,
the service worker), with the site's settings as MkDocs has them. A broken
booklet or form stops the build with the package's message. The CSP hook
(-300) then gives the app's pages their policy like every other page.
"""

from __future__ import annotations

from pathlib import Path

from _i18n import all_languages_built
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kaketoe._app_build import AppBuildError, Project, build_app
from kaketoe._bytecode_cache import BytecodeError
from kaketoe._data import DataError
from kaketoe._settings import site_settings


# Once, after all languages (the i18n plugin's own step is -100), before the CSP hook (-300).
@event_priority(-250)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    root = Path(config.config_file_path).parent
    try:
        build_app(Project(root, site_settings(root)), Path(config.site_dir))
    except (AppBuildError, BytecodeError, DataError) as error:
        raise PluginError(f"The app cannot be built: {error}") from None
