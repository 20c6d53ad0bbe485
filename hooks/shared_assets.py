"""Let pages of every language link the shared files in ``content/assets/``.

With the folder structure and no fallback, mkdocs-static-i18n leaves
``content/assets/`` out of the file list of every language but the default
one, so ``![](../assets/images/x.svg)`` in an English page is a broken link
that strict mode refuses. For those builds we add each shared file under the
language's folder (``en/assets/...``) with the root copy as its destination:
links resolve, and the site still holds one copy of each file.
"""

from __future__ import annotations

from pathlib import Path

from _i18n import i18n_plugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

SHARED = "assets"


# After the plugin (at 0) has chosen this language's files.
@event_priority(-150)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    i18n = i18n_plugin(config)
    if i18n.is_default_language_build:
        return files
    docs = Path(config.docs_dir)
    for path in sorted((docs / SHARED).rglob("*")):
        if path.is_file():
            shared = path.relative_to(docs).as_posix()
            alias = File(
                f"{i18n.current_language}/{shared}",
                config.docs_dir,
                config.site_dir,
                config.use_directory_urls,
                dest_uri=shared,
            )
            alias.abs_src_path = str(path)
            files.append(alias)
    return files
