"""What our hooks need from mkdocs-static-i18n (not a hook itself).

The plugin builds the whole site once per language: the default language
first, then the others from inside its own ``on_post_build``. Every hook event
therefore runs once per language.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def i18n_plugin(config: MkDocsConfig) -> Any:
    """The plugin, for its build state (it ships no type information)."""
    return config.plugins["i18n"]


def all_languages_built(config: MkDocsConfig) -> bool:
    """True only in the last ``on_post_build``, once every language is in site_dir.

    Use it in an ``on_post_build`` with a priority below -100 (the plugin's).
    """
    return not i18n_plugin(config).building
