"""The app's worker runs one Python entry (kaketoe.worker.handle) with one reply shape.

The JavaScript worker (web/shared/python-worker.js) only passes messages; what
a page gets back is decided here, on CPython as in Pyodide."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT
from workbook_samples import LATER, WHEN, booklet, full_workbook

from kaketoe import worker
from kaketoe._app_build import write_data


@pytest.fixture(scope="module", autouse=True)
def loaded(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The worker holds the booklets and the tools' data as the build writes them."""
    folder = tmp_path_factory.mktemp("data")
    booklets, forms = write_data(ROOT / "content", folder)
    worker.load_booklets(
        json.dumps({lang: (folder / "booklets" / f"{lang}.json").read_text() for lang in booklets})
    )
    worker.load_forms(
        json.dumps({lang: (folder / "forms" / f"{lang}.json").read_text() for lang in forms})
    )


def ask(kind: str, fields: dict[str, Any], file: bytes | None = None) -> tuple[dict[str, Any], Any]:
    reply = worker.handle(kind, json.dumps(fields).encode(), file)
    return json.loads(reply.header), reply.body


def test_an_export_comes_back_as_a_file_the_import_reads() -> None:
    """An export's reply is ok with the file's bytes as its body; importing those
    bytes gives back the same child's workbook."""
    nl = booklet("nl")
    header, body = ask(
        "export",
        {
            "workbook": full_workbook(nl),
            "variant": "family",
            "language": "nl",
            "created": WHEN,
            "updated": LATER,
        },
    )
    assert header == {"ok": True}
    assert body.lower().startswith(b"<!doctype html>")
    read, _ = ask("import", {}, body)
    assert read["ok"] is True
    assert read["result"]["language"] == "nl"
    assert read["result"]["workbook"]["profile"] == full_workbook(nl)["profile"]


def test_a_file_too_large_to_read_is_named_without_reading_it() -> None:
    """A file the page did not copy in (None) is 'file-too-large' for every reader."""
    for kind in ("import", "view-file", "read-form"):
        header, body = ask(kind, {"language": "nl", "site_base": "", "index": 0}, None)
        assert header["ok"] is False
        assert header["problem"] == "file-too-large"
        assert body is None


def test_a_file_that_is_not_ours_is_a_problem_with_a_code() -> None:
    """A file that is no child's file gets a problem code the app can say, never a crash."""
    header, _ = ask("import", {}, b"<html><body>hello</body></html>")
    assert header["ok"] is False
    assert header["problem"] == "not-an-export"


def test_what_cannot_be_scored_is_an_error_not_a_problem() -> None:
    """A monitoring form filled in wrongly gets {ok: false, error}, so the tool says it
    cannot score it rather than that a file is wrong."""
    header, _ = ask("monitoring-scores", {"language": "nl", "moments": {"never": {}}})
    assert header["ok"] is False
    assert "error" in header
    assert "problem" not in header


def test_an_unknown_request_is_refused() -> None:
    """A kind the worker does not know is refused by name."""
    header, _ = ask("delete-everything", {})
    assert header == {"ok": False, "error": "unknown request delete-everything"}
