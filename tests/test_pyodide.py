"""The package in Pyodide (Python 3.14 in WebAssembly) under Node gives CPython's results."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from golden_cases import FIXTURES, run_in_folder

from kaketoe._bundle import bundle
from kaketoe.cli import main

RUNNER = ROOT / "tests" / "pyodide" / "run_python.mjs"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, the booklets as the build writes them, the fixtures and the golden cases."""
    folder = tmp_path_factory.mktemp("pyodide")
    (folder / "kaketoe.zip").write_bytes(bundle())
    assert main(["write-booklets", "--content", str(ROOT / "content"), str(folder)]) == 0
    for name in FIXTURES:
        shutil.copy(ROOT / "tests" / "fixtures" / name, folder / name)
    shutil.copy(ROOT / "tests" / "golden_cases.py", folder / "golden_cases.py")
    (folder / "main.py").write_text(
        "import golden_cases\ngolden_cases.run_in_folder('.')\n", encoding="utf-8"
    )
    return folder


def test_golden_cases_give_the_expected_results_on_cpython(inputs: Path) -> None:
    """Reading, exporting, reporting and refusing files behave as intended on CPython."""
    results = json.loads(run_in_folder(str(inputs)))
    assert results["booklets"]["ar"][2] == "rtl"
    for name in FIXTURES:
        assert results[name]["export reads back the same"] is True
    for language in ("nl", "en", "ar"):
        assert results[f"cards {language}"]["reads back"] is True
    assert results["export-v1-ar-counselor.html"]["variant"] == "counselor"
    assert results["problems"] == {
        "empty": "not-an-export",
        "truncated": "damaged",
        "changed": "checksum",
        "not json": "damaged",
        "deep": "too-deep",
    }


def test_pyodide_gives_the_same_results_as_cpython(inputs: Path) -> None:
    """The same golden cases inside Pyodide give exactly CPython's results."""
    files = [inputs / "golden_cases.py", *(inputs / name for name in FIXTURES)]
    files += sorted(inputs.glob("booklet.*.json"))
    finished = subprocess.run(
        [
            "node",
            str(RUNNER),
            str(inputs / "kaketoe.zip"),
            str(inputs / "main.py"),
            *map(str, files),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert json.loads(finished.stdout) == json.loads(run_in_folder(str(inputs)))


def test_bundle_is_reproducible_and_pure_python() -> None:
    """Two builds of the browser bundle are byte for byte the same and hold no compiled code."""
    import io
    import zipfile

    first, second = bundle(), bundle()
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "kaketoe/templates/export.html.j2" in names
    assert "markupsafe/_native.py" in names
    assert "jinja2/environment.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd", ".pyc"))]
    assert not [n for n in names if n.startswith("yaml/")]
