"""The site's settings, each read from the one file that owns it.

- The languages of the site and the default one (served at the root):
  ``mkdocs.yml``, where MkDocs itself needs them (``plugins: i18n: languages``).
- Pyodide's version: ``package.json``, the pin npm installs.
- Text direction: :mod:`kaketoe._languages`.

Python, the hooks and the build read them here; the app's pages get them from
the build (``<body data-…>``, read by web/shared/settings.js).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class SiteSettings:
    """What the build and the tests need to know about the site as a whole."""

    languages: tuple[str, ...]  # every language of the site, the default first
    default_language: str
    pyodide_version: str


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (``!ENV``) only MkDocs resolves."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_MkDocsLoader.add_multi_constructor("!", _any_tag)


def site_languages(mkdocs_config: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """The i18n plugin's languages in ``mkdocs_config``, the default first, and the default."""
    for plugin in mkdocs_config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            break
    else:
        raise ValueError("mkdocs.yml has no i18n plugin with languages")
    defaults = [language["locale"] for language in languages if language.get("default")]
    if len(defaults) != 1:
        raise ValueError("mkdocs.yml must name exactly one default language")
    others = [language["locale"] for language in languages if not language.get("default")]
    return (defaults[0], *others), defaults[0]


def pyodide_version(root: Path) -> str:
    """The Pyodide version package.json pins (npm installs exactly that one)."""
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    return str(package["dependencies"]["pyodide"])


def site_settings(root: Path) -> SiteSettings:
    """The settings of the project in folder ``root`` (with mkdocs.yml and package.json)."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml.load(file, Loader=_MkDocsLoader)
    languages, default = site_languages(config)
    return SiteSettings(languages, default, pyodide_version(root))
