"""Ship the self-hosted fonts with every language of the site.

The woff2 files come from the Fontsource packages pinned in package-lock.json
(installed by ``npm ci``), so the repository holds no copies of binary fonts.
They land next to ``assets/css/fonts.css``, which declares them; the site then
asks no other host for a font.
"""

from __future__ import annotations

from pathlib import Path

from _i18n import i18n_plugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# Package folder under node_modules/@fontsource-variable -> files we ship.
# Latin (Dutch, English, names) in upright and italic, Arabic upright: the
# subsets fonts.css names, nothing more.
SHIPPED_FONTS = {
    "noto-sans": [
        "noto-sans-latin-wght-normal.woff2",
        "noto-sans-latin-wght-italic.woff2",
        "noto-sans-latin-ext-wght-normal.woff2",
        "noto-sans-latin-ext-wght-italic.woff2",
    ],
    "noto-sans-arabic": [
        "noto-sans-arabic-arabic-wght-normal.woff2",
    ],
}


# After mkdocs-static-i18n (-100) has made the file list of the language
# being built: it rebuilds every File from docs_dir, which these are not in.
@event_priority(-150)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # Pages of every language use the root's assets/ (their base URL is the
    # site root), so the fonts are needed once, with the default language.
    if not i18n_plugin(config).is_default_language_build:
        return files
    fontsource = Path(config.config_file_path).parent / "node_modules" / "@fontsource-variable"
    for package, names in SHIPPED_FONTS.items():
        folder = fontsource / package
        if not folder.is_dir():
            raise PluginError(f"{folder} is missing: run `npm ci` (make build does it for you).")
        shipped = [(folder / "files" / name, name) for name in names]
        shipped.append((folder / "LICENSE", f"{package}-LICENSE.txt"))
        for source, name in shipped:
            if not source.is_file():
                raise PluginError(f"{source} is missing: is package-lock.json out of date?")
            files.append(File.generated(config, f"assets/fonts/{name}", abs_src_path=str(source)))
    return files
