"""Put the workbook app into the site, under ``app/``.

Once, after every language is built (and after hooks/workbook_data.py has
written the booklets and the Python bundle): the shell from ``workbook/web/``
(one page per booklet language, with its ``lang`` and ``dir``), Pyodide from
the pinned npm package at a versioned path (its standard library and our
bundle with bytecode made ahead: hooks/_bytecode.py), and the service worker with the
list of every file the app needs offline. The CSP hook (-300) then gives the
app pages their policy like every other page.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from _bytecode import BytecodeError, compiled
from _i18n import all_languages_built
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from kaketoe import __version__
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

APP = "app"
SHELL = Path("workbook/web")
PYODIDE = Path("node_modules/pyodide")
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Files of the site itself that the app's pages load.
SITE_FILES = ("assets/css/fonts.css", "assets/images/kaketoe.svg")


def pyodide_version(root: Path) -> str:
    package = json.loads((root / PYODIDE / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


# After hooks/workbook_data.py (-250), before the CSP hook (-300).
@event_priority(-260)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    root = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    out = site / APP
    shell = root / SHELL
    for name in ("app.css", "manifest.webmanifest", "icon.svg"):
        shutil.copy(shell / name, out / name)
    shutil.copytree(shell / "js", out / "js", dirs_exist_ok=True)

    version = pyodide_version(root)
    pyodide_out = out / "pyodide" / version
    pyodide_out.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = root / PYODIDE / name
        if not source.is_file():
            raise PluginError(f"{source} is missing: run `npm ci` (make does)")
        shutil.copy(source, pyodide_out / name)
    # Pyodide's standard library and our bundle, with bytecode made ahead.
    bundle = out / "python" / f"kaketoe-{__version__}.zip"
    try:
        made = compiled(root, root / PYODIDE, bundle, out / "booklets" / "nl.json")
    except BytecodeError as error:
        raise PluginError(str(error)) from None
    shutil.copy(made["python_stdlib.zip"], pyodide_out / "python_stdlib.zip")
    shutil.copy(made["bundle.zip"], bundle)

    environment = Environment(
        loader=FileSystemLoader(str(shell)), autoescape=True, undefined=StrictUndefined
    )
    template = environment.get_template("app.html")
    # The booklets as hooks/workbook_data.py validated and wrote them.
    written = sorted((out / "booklets").glob("*.json"))
    # Every module of the app is named in the page, so the browser fetches them
    # at once instead of one import level after another.
    scripts = (out / "js").glob("*.js")
    modules = sorted(path.name for path in scripts if path.name != "python-worker.js")
    for booklet_file in written:
        booklet = json.loads(booklet_file.read_text(encoding="utf-8"))
        page = out / booklet_file.stem / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            template.render(
                lang=booklet_file.stem,
                dir=booklet["direction"],
                title=booklet["words"]["app_title"],
                version=__version__,
                modules=modules,
            ),
            encoding="utf-8",
        )

    font_files = (site / "assets" / "fonts").glob("*.woff2")
    fonts = sorted(path.relative_to(site).as_posix() for path in font_files)
    app_files = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.endswith(".html")
    )
    # Every page under app/ (the children's app, the counselor tools) by its folder.
    pages = sorted(p.parent.relative_to(out).as_posix() + "/" for p in out.rglob("index.html"))
    precache = pages + app_files
    precache += [f"../{path}" for path in [*SITE_FILES, *fonts]]
    # The cache's name changes whenever any file it holds changes.
    digest = hashlib.sha256()
    for path in precache:
        target = (out / path).resolve()
        file = target / "index.html" if path.endswith("/") else target
        digest.update(path.encode() + file.read_bytes())
    worker = (shell / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace("__VERSION__", digest.hexdigest()[:16]).replace(
        "__PRECACHE__", json.dumps(precache, indent=2)
    )
    (out / "sw.js").write_text(worker, encoding="utf-8")
