"""The app, built in one step: ``kaketoe build-app SITE_DIR``.

The site (MkDocs) builds the pages; this step then puts everything under
``SITE_DIR/app/`` that the children's app and the counselor tools need,
in this order:

1. the data: each language's booklet (``data/booklets/<lang>.json``) and the
   counselor tools' forms and words (``data/forms/<lang>.json``), validated
   by the package, so a broken text stops the build with its message;
2. Python for the browser: Pyodide from the pinned npm package at a versioned
   path (``pyodide/<version>/``) and our bundle (``python/kaketoe-<version>.zip``),
   both with bytecode made ahead (:mod:`kaketoe._bytecode_cache`);
3. the web tree (``web/``, served as ``app/`` with the same layout):
   shared modules, the children's app, the counselor tools;
4. the pages: the children's app in each booklet language (``<lang>/``) and
   each counselor tool in each language that has the forms
   (``<lang>/<tool>/``), with the settings every page reads
   (web/shared/settings.js);
5. the service worker, with the list of every file the app needs offline.

It runs once per build (the hook hooks/app.py calls it after every language
is built) and keeps nothing between builds. The Content-Security-Policy is
written after it, over the whole site (hooks/content_security_policy.py).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kaketoe import __version__
from kaketoe._answers import app_rules
from kaketoe._booklet import booklet_languages, booklet_to_json, load_booklet
from kaketoe._bundle import write_bundle
from kaketoe._bytecode_cache import compiled
from kaketoe._counselor import counselor_data, counselor_languages, counselor_to_json
from kaketoe._languages import direction
from kaketoe._settings import SiteSettings

APP = "app"
# The Pyodide files the app serves (the npm package holds more, for Node).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Files of the site itself that the app's pages load.
SITE_FILES = ("assets/css/fonts.css", "assets/images/kaketoe.svg")
# The web tree's templates: rendered into pages, never served as they are.
TEMPLATES = {"workbook/app.html", "counselor/tool.html", "sw.js"}
# The counselor tools: the page's folder -> the key of its form in the data (its title).
TOOLS = {"monitoring": "monitoring", "risk-form": "risk_form", "viewer": "viewer"}


@dataclass(frozen=True)
class Project:
    """Where the build reads from: the project's folders and its settings."""

    root: Path  # the project: content/, web/, node_modules/
    settings: SiteSettings

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def web(self) -> Path:
        return self.root / "web"

    @property
    def pyodide(self) -> Path:
        return self.root / "node_modules" / "pyodide"


class AppBuildError(RuntimeError):
    """The app cannot be built; the message says what to fix."""


def write_data(content: Path, out: Path) -> tuple[list[str], list[str]]:
    """Each booklet and each language's counselor data as JSON under ``out``
    (``booklets/<lang>.json``, ``forms/<lang>.json``); the languages of each."""
    booklets = booklet_languages(content)
    (out / "booklets").mkdir(parents=True, exist_ok=True)
    for language in booklets:
        (out / "booklets" / f"{language}.json").write_text(
            booklet_to_json(load_booklet(content, language)), encoding="utf-8"
        )
    forms = counselor_languages(content)
    (out / "forms").mkdir(parents=True, exist_ok=True)
    for language in forms:
        (out / "forms" / f"{language}.json").write_text(
            counselor_to_json(counselor_data(content, language)), encoding="utf-8"
        )
    return booklets, forms


def _python(project: Project, out: Path, booklet: Path) -> None:
    """Pyodide and our bundle, with bytecode made ahead."""
    version = project.settings.pyodide_version
    installed = json.loads((project.pyodide / "package.json").read_text(encoding="utf-8"))
    if installed["version"] != version:
        raise AppBuildError(
            f"node_modules has Pyodide {installed['version']}, package.json pins {version}: "
            "run `npm ci` (make does)"
        )
    served = out / "pyodide" / version
    served.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = project.pyodide / name
        if not source.is_file():
            raise AppBuildError(f"{source} is missing: run `npm ci` (make does)")
        shutil.copy(source, served / name)
    bundle = write_bundle(out / "python" / f"kaketoe-{__version__}.zip")
    made = compiled(project.root, project.pyodide, bundle, booklet)
    shutil.copy(made["python_stdlib.zip"], served / "python_stdlib.zip")
    shutil.copy(made["bundle.zip"], bundle)


def _web_tree(project: Project, out: Path) -> list[str]:
    """The web tree as it is served; the app's JS modules (for modulepreload)."""
    modules = []
    for source in sorted(project.web.rglob("*")):
        name = source.relative_to(project.web).as_posix()
        if not source.is_file() or name in TEMPLATES:
            continue
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        if name.endswith(".js") and name.startswith(("shared/", "workbook/")):
            modules.append(name)
    # The worker's module is loaded by the worker, not by the page.
    return [name for name in modules if name != "shared/python-worker.js"]


def _pages(
    project: Project, out: Path, booklets: list[str], forms: list[str], modules: list[str]
) -> None:
    environment = Environment(
        loader=FileSystemLoader(str(project.web)), autoescape=True, undefined=StrictUndefined
    )
    settings = {
        "default_language": project.settings.default_language,
        "booklet_languages": ",".join(booklets),
        "version": __version__,
        "pyodide": project.settings.pyodide_version,
        "rules": json.dumps(app_rules()),  # not sorted: the colours are offered in this order
    }
    app = environment.get_template("workbook/app.html")
    for language in booklets:
        booklet = json.loads((out / "data" / "booklets" / f"{language}.json").read_bytes())
        page = out / language / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            app.render(
                lang=language,
                dir=direction(language),
                title=booklet["words"]["app_title"],
                modules=modules,
                **settings,
            ),
            encoding="utf-8",
        )
    tool = environment.get_template("counselor/tool.html")
    for language in forms:
        data = json.loads((out / "data" / "forms" / f"{language}.json").read_bytes())
        # "Back to the site" leads to the section for counselors in this language.
        home = "../../../"
        if language != project.settings.default_language:
            home += f"{language}/"
        for name, key in TOOLS.items():
            page = out / language / name / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                tool.render(
                    lang=language,
                    dir=direction(language),
                    title=data[key]["title"],
                    section=data["words"]["tools_title"],
                    back=data["words"]["back"],
                    site_home=home + "counselor/",
                    tool=name,
                    **settings,
                ),
                encoding="utf-8",
            )


def _service_worker(project: Project, site: Path, out: Path) -> None:
    """sw.js with every file the app needs offline; its cache's name changes
    whenever any of those files changes."""
    font_files = (site / "assets" / "fonts").glob("*.woff2")
    fonts = sorted(p.relative_to(site).as_posix() for p in font_files)
    app_files = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.endswith(".html")
    )
    # Every page under app/ (the children's app, the counselor tools) by its folder.
    pages = sorted(p.parent.relative_to(out).as_posix() + "/" for p in out.rglob("index.html"))
    precache = pages + app_files + [f"../{path}" for path in [*SITE_FILES, *fonts]]
    digest = hashlib.sha256()
    for path in precache:
        target = (out / path).resolve()
        file = target / "index.html" if path.endswith("/") else target
        digest.update(path.encode() + file.read_bytes())
    worker = (project.web / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace("__VERSION__", digest.hexdigest()[:16])
    worker = worker.replace("__PRECACHE__", json.dumps(precache, indent=2))
    (out / "sw.js").write_text(worker, encoding="utf-8")


def build_app(project: Project, site: Path) -> Path:
    """Builds ``site/app/`` from the project (see the module's docstring); returns it."""
    out = site / APP
    if out.exists():
        shutil.rmtree(out)  # nothing of an earlier build may linger
    booklets, forms = write_data(project.content, out / "data")
    if project.settings.default_language not in booklets:
        raise AppBuildError(f"there is no booklet in {project.settings.default_language}")
    _python(project, out, out / "data" / "booklets" / f"{project.settings.default_language}.json")
    modules = _web_tree(project, out)
    _pages(project, out, booklets, forms, modules)
    _service_worker(project, site, out)
    return out
