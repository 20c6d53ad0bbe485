"""One reader for every file the product reads: the same verdicts everywhere, quickly.

The hostile corpus (tests/hostile_files.py) goes through the functions the
app's worker runs for the app's import, the counselor viewer and the
counselor tools, on CPython and in Pyodide, and through the command line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hostile_files import (
    EXPORT_START,
    FIXTURE,
    FORM_LANGUAGES,
    FORM_START,
    WHEN,
    envelope_of,
    resealed,
    sealed,
    with_block,
)
from workbook_samples import booklet, booklets, full_cards

from kaketoe import cli, export_html, workbook_from_data
from kaketoe._booklet import MESSAGES
from kaketoe._bundle import bundle
from kaketoe._counselor import counselor_data, counselor_to_json
from kaketoe._export import script_safe_json
from kaketoe._form_file import monitoring_file_html, read_form_file, risk_form_file_html
from kaketoe._import import ImportProblem
from kaketoe._monitoring import load_checklist
from kaketoe._risk_form import load_risk_form

CONTENT = ROOT / "content"
RUNNER = ROOT / "tests" / "pyodide" / "run_python.mjs"
# Only against hanging: the whole corpus takes about a second on CPython. Reading
# it the old way (a regex from every start tag) took many minutes.
NOT_HANGING = 180


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, the booklets and the counselor tools' data as the build writes
    them for the worker, the version 1 fixture, and the corpus maker."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "kaketoe.zip").write_bytes(bundle())
    assert cli.main(["write-booklets", "--content", str(CONTENT), str(folder)]) == 0
    for language in FORM_LANGUAGES:
        (folder / f"counselor.{language}.json").write_text(
            counselor_to_json(counselor_data(CONTENT, language)), encoding="utf-8"
        )
    shutil.copy(ROOT / "tests" / "fixtures" / FIXTURE, folder / FIXTURE)
    shutil.copy(ROOT / "tests" / "hostile_files.py", folder / "hostile_files.py")
    (folder / "main.py").write_text(
        "import hostile_files\nhostile_files.run_in_folder('.')\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def cpython_verdicts(inputs: Path) -> dict[str, list[str]]:
    """The corpus's verdicts on CPython, in a process of its own that may not hang."""
    finished = subprocess.run(
        [sys.executable, "-c", "import hostile_files; print(hostile_files.run_in_folder('.'))"],
        cwd=inputs,
        capture_output=True,
        text=True,
        timeout=NOT_HANGING,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(inputs), *sys.path])},
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    verdicts: dict[str, list[str]] = json.loads(finished.stdout)
    return verdicts


def test_every_hostile_file_gets_its_own_clear_verdict(
    cpython_verdicts: dict[str, list[str]],
) -> None:
    """Each hostile file is refused with the problem it has, the same in the app's
    import and the viewer (or the tools), and a hostile but valid file is shown escaped."""
    assert len(cpython_verdicts) > 80
    wrong = {
        name: f"expected {expected}, got {verdict}"
        for name, (_, expected, verdict) in cpython_verdicts.items()
        if verdict != expected
    }
    assert wrong == {}
    assert {expected for _, expected, _ in cpython_verdicts.values()} <= {*MESSAGES, "ok"}


def test_pyodide_gives_every_hostile_file_the_same_verdict(
    inputs: Path, cpython_verdicts: dict[str, list[str]]
) -> None:
    """In the browser's Python (Pyodide under Node) every case gets CPython's verdict."""
    files = [inputs / "hostile_files.py", inputs / FIXTURE]
    files += sorted(inputs.glob("booklet.*.json")) + sorted(inputs.glob("counselor.*.json"))
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
        timeout=NOT_HANGING * 2,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert json.loads(finished.stdout) == cpython_verdicts


def test_the_command_line_gives_the_apps_verdict(
    inputs: Path,
    cpython_verdicts: dict[str, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kaketoe validate` says of every hostile child's file what the app and the viewer say."""
    import hostile_files

    hostile_files.load(inputs)
    known = booklets()
    monkeypatch.setattr(cli, "_booklets", lambda content_dir: known)  # read once, not per file
    said = {}
    for case in hostile_files.corpus():
        if case.reader != "export":
            continue
        path = tmp_path / "file.html"
        path.write_bytes(case.data)
        code = cli.main(["validate", str(path), "--content", str(CONTENT)])
        out = capsys.readouterr().out
        named = [c for c in MESSAGES if f"({c}:" in out or f"({c})" in out]
        said[f"export: {case.name}"] = "ok" if code == 0 else " / ".join(named)
    expected = {name: v[1] for name, v in cpython_verdicts.items() if v[0] == "export"}
    assert said == expected


def form_in(language: str, code: str = "G-0231") -> str:
    checklist = load_checklist(CONTENT, language)
    filled = {"moments": {"m6": {"domains": {"legal": {"levels": ["good"], "note": "Goed"}}}}}
    return monitoring_file_html(checklist, code, filled, created=WHEN, updated=WHEN)


def test_a_form_file_opens_in_the_tool_of_any_language() -> None:
    """A checklist or risk form made in the English tool opens in the Dutch tool (which
    has only its own language) with what it holds, and the other way round."""
    for made, opened in (("en", "nl"), ("nl", "en")):
        checklists = {opened: load_checklist(CONTENT, opened)}
        risk_forms = {opened: load_risk_form(CONTENT, opened)}
        back = read_form_file(form_in(made), checklists, risk_forms)
        assert (back.kind, back.language, back.code) == ("monitoring", made, "G-0231")
        assert back.content["moments"]["m6"]["domains"]["legal"]["levels"] == ["good"]
        form = load_risk_form(CONTENT, made)
        filled = {
            "details": {form.details[0].id: "Gezin"},
            "factors": {},
            "added": [],
            "measures": {},
        }
        risk = risk_form_file_html(form, "G-0231", filled, created=WHEN, updated=WHEN)
        again = read_form_file(risk, checklists, risk_forms)
        assert again.content["details"] == {form.details[0].id: "Gezin"}


@pytest.mark.parametrize(
    "written", ["\u202eG-0231", "G-0231 ", " G-0231\u200f", "\uff27-\uff10\uff12\uff13\uff11"]
)
def test_a_family_code_is_read_as_people_read_it(written: str) -> None:
    """A code with direction controls, spaces around it or wide letters reads as the plain
    code, so it cannot pose as another family; the file shows the same code."""
    checklists = {"nl": load_checklist(CONTENT, "nl")}
    back = read_form_file(form_in("nl", written), checklists, {})
    assert back.code == "G-0231"
    assert envelope_of(form_in("nl", written), FORM_START)["code"] == "G-0231"


@pytest.mark.parametrize("written", ["\u202e", " \u2066\u2069 ", "\u200f"])
def test_a_family_code_of_nothing_visible_is_refused(written: str) -> None:
    """A code that is empty once direction controls and spaces are gone is no code."""
    checklists = {"nl": load_checklist(CONTENT, "nl")}
    html = resealed(form_in("nl"), FORM_START, lambda envelope: envelope.update(code=written))
    with pytest.raises(ImportProblem) as problem:
        read_form_file(html, checklists, {})
    assert problem.value.code == "bad-content"


def test_validate_says_what_a_file_of_the_cards_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kaketoe validate` names the deck of an older child's file, the cards answered and
    the plan points, never the children's booklet and "0 answer(s)"."""
    loaded = booklet("en")
    assert loaded.deck is not None
    data: dict[str, Any] = full_cards(loaded)
    answered = sum(1 for card in data["cards"] if card["state"] == "answered")
    path = tmp_path / "cards.html"
    path.write_text(
        export_html(workbook_from_data(loaded, data), loaded, "family", created=WHEN, updated=WHEN),
        encoding="utf-8",
    )
    assert cli.main(["validate", str(path), "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert f"the cards {loaded.deck.id} v{loaded.deck.version} in en" in out
    assert f"{answered} card(s) answered" in out
    assert f"{len(data['plan'])} plan point(s)" in out
    assert loaded.id not in out
    assert answered > 0
    assert data["plan"]


def test_an_extra_field_makes_a_file_invalid_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sealed file with a field the format does not have is not "valid"."""
    loaded = booklet("nl")
    good = export_html(
        workbook_from_data(loaded, full_cards(loaded)), loaded, "family", created=WHEN, updated=WHEN
    )
    envelope = envelope_of(good, EXPORT_START)
    envelope["notes"] = "x" * 3_000_000
    path = tmp_path / "extra.html"
    path.write_text(with_block(good, EXPORT_START, script_safe_json(sealed(envelope))), "utf-8")
    assert cli.main(["validate", str(path), "--content", str(CONTENT)]) == 1
    assert "(bad-content: unknown field 'notes')" in capsys.readouterr().out


def test_running_out_of_memory_is_named_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    """A device that runs out of memory while reading a file gets "out-of-memory" from the
    app's import, the viewer and the tools, never a crash or a vague failure."""
    from kaketoe import _import, worker

    def no_memory(block: str) -> None:
        raise MemoryError

    loaded = booklet("nl")
    child = export_html(
        workbook_from_data(loaded, full_cards(loaded)), loaded, "family", created=WHEN, updated=WHEN
    ).encode()
    monkeypatch.setattr(_import, "_check_shape", no_memory)
    view = json.dumps({"language": "nl", "site_base": "", "index": 0}).encode()
    for reply in (
        worker.handle("import", b"{}", child),
        worker.handle("view-file", view, child),
        worker.handle("read-form", b"{}", form_in("nl").encode()),
    ):
        assert json.loads(reply.header)["problem"] == "out-of-memory"
