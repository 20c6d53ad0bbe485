"""The Python the browser runs comes compiled ahead, and complete (kaketoe._pyodide_compile).

Without bytecode, each start on a child's tablet compiles every module the
app imports; the app's worker was ready twice as slowly (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

from conftest import ROOT, BuiltSite

from kaketoe import __version__

RUNNER = ROOT / "tests" / "pyodide" / "run_python.mjs"
PUBLISHED = ROOT / "node_modules" / "pyodide"


def served_pyodide(site: BuiltSite) -> Path:
    package = json.loads((PUBLISHED / "package.json").read_text(encoding="utf-8"))
    return site.path / "app" / "pyodide" / str(package["version"])


def test_the_app_compiles_nothing_on_the_device(built_site: BuiltSite) -> None:
    """With the Pyodide and bundle the site serves, what the app's worker does
    (import the package and the tools' modules, export, read the file back)
    finds bytecode for every module: Python compiles no source."""
    app = built_site.path / "app"
    finished = subprocess.run(
        [
            "node",
            str(RUNNER),
            str(app / "python" / f"kaketoe-{__version__}.zip"),
            str(ROOT / "tests" / "pyodide" / "worker_imports.py"),
            str(app / "data" / "booklets" / "nl.json"),
        ],
        cwd=ROOT,
        env={**os.environ, "PYODIDE_DIR": str(served_pyodide(built_site))},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    result = json.loads(finished.stdout)
    assert result["read back"] == "Noor"
    assert result["from source"] == []


def test_the_served_standard_library_lacks_nothing(built_site: BuiltSite) -> None:
    """Every module of Pyodide's published standard library is served, as source
    or as bytecode: a module the app did not use when the build looked still works."""
    with zipfile.ZipFile(PUBLISHED / "python_stdlib.zip") as published:
        expected = set(published.namelist())
    with zipfile.ZipFile(served_pyodide(built_site) / "python_stdlib.zip") as served:
        names = served.namelist()
    compiled = [name for name in names if name.endswith(".pyc")]
    assert {name.removesuffix("c") for name in names} == expected
    assert "json/__init__.pyc" in compiled
    assert "dataclasses.pyc" in compiled
    assert "csv.py" in names  # one the app never imports stays source


def test_the_served_bundle_keeps_our_source_next_to_its_bytecode(built_site: BuiltSite) -> None:
    """Our package keeps its source (readable tracebacks) with bytecode beside it;
    Jinja2 and MarkupSafe come as bytecode; the templates are there."""
    bundle = built_site.path / "app" / "python" / f"kaketoe-{__version__}.zip"
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
    ours = sorted(name for name in names if name.startswith("kaketoe/") and name.endswith(".py"))
    assert "kaketoe/_export.py" in ours
    for name in ours:
        folder, _, module = name.rpartition("/")
        assert f"{folder}/__pycache__/{module[:-3]}.cpython-314.pyc" in names
    assert "jinja2/environment.pyc" in names
    assert "jinja2/environment.py" not in names
    assert "markupsafe/__init__.pyc" in names
    assert "kaketoe/templates/export.html.j2" in names
