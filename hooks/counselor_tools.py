"""Put the counselor tools into the site's offline app: their data, pages and scripts.

Once, after every language is built (and before hooks/workbook_app.py lists
what the service worker keeps offline), for each language with
``content/<lang>/counselor/``: the ``kaketoe`` package validates the forms and
their words and writes them as ``app/counselor/<lang>.json``, and each tool
gets its page at ``app/<lang>/<tool>/`` from ``counselor/web/tool.html``.
The scripts and the stylesheet go to ``app/counselor/``. The tools live under
``app/`` so that the service worker keeps them available offline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from _i18n import all_languages_built, i18n_plugin
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from kaketoe import __version__
from kaketoe._counselor import counselor_data, counselor_to_json
from kaketoe._data import DataError
from kaketoe.cli import counselor_languages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SHELL = Path(__file__).resolve().parent.parent / "counselor" / "web"
# The page's folder -> the key of its form in the data (for the page's title).
TOOLS = {"monitoring": "monitoring", "risk-form": "risk_form", "viewer": "viewer"}


# After workbook_data (-250), before workbook_app (-260) writes the precache list.
@event_priority(-255)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    content = Path(config.docs_dir)
    site = Path(config.site_dir)
    out = site / "app"
    (out / "counselor").mkdir(parents=True, exist_ok=True)
    shutil.copy(SHELL / "counselor.css", out / "counselor" / "counselor.css")
    shutil.copytree(SHELL / "js", out / "counselor" / "js", dirs_exist_ok=True)
    booklets = sorted(path.stem for path in (out / "booklets").glob("*.json"))
    template = Environment(
        loader=FileSystemLoader(str(SHELL)), autoescape=True, undefined=StrictUndefined
    ).get_template("tool.html")
    default = i18n_plugin(config).default_language
    for language in counselor_languages(content):
        try:
            data = counselor_data(content, language)
            (out / "counselor" / f"{language}.json").write_text(
                counselor_to_json(data), encoding="utf-8"
            )
        except DataError as error:
            raise PluginError(f"The counselor tools cannot be built: {error}") from None
        # "Back to the site" leads to the section for counselors in this language.
        home = "../../../" if language == default else f"../../../{language}/"
        home += "counselor/"
        for tool, key in TOOLS.items():
            page = out / language / tool / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                template.render(
                    lang=language,
                    dir=data["direction"],
                    title=data[key]["title"],
                    section=data["words"]["tools_title"],
                    back=data["words"]["back"],
                    site_home=home,
                    tool=tool,
                    version=__version__,
                    booklet_languages=",".join(booklets),
                ),
                encoding="utf-8",
            )
