"""The Python side of the app's worker (workbook/web/js/python-worker.js).

The children's app, the counselor viewer and the counselor tools call these
functions in Pyodide; tests call the very same functions on CPython. Each
file arrives as its raw bytes (a JS ``Uint8Array``, or ``bytes``) and goes to
the one reader (kaketoe._import.read_data_block, through :func:`read_export`
or :func:`read_form_file`): no path decodes a file on its own.

Results cross back as JSON text, or as UTF-8 bytes for a made file. A file's
problem is ``{"problem": code}`` with a code of kaketoe._booklet.MESSAGES.
The counselor tools' modules are imported only where they are used: the
children's app never loads them, and starts sooner.
"""

from __future__ import annotations

import json
from typing import Any

from kaketoe._answers import workbook_from_data, workbook_to_data
from kaketoe._booklet import Booklet, booklet_from_json
from kaketoe._export import export_html, warm_up
from kaketoe._import import MAX_FILE_BYTES as MAX_FILE_BYTES  # the worker asks for it
from kaketoe._import import ImportProblem, read_export

BOOKLETS: dict[str, Booklet] = {}  # language -> booklet
CHECKLISTS: dict[str, Any] = {}  # language -> monitoring checklist (counselor tools only)
RISK_FORMS: dict[str, Any] = {}  # language -> risk form (counselor tools only)
VIEWERS: dict[str, Any] = {}  # language -> the viewer's words (counselor tools only)


def _bytes(data: Any) -> bytes:
    """A file's bytes, from a JS Uint8Array (Pyodide) or from bytes (CPython)."""
    return bytes(data.to_bytes()) if hasattr(data, "to_bytes") else bytes(data)


def _problem(problem: ImportProblem) -> str:
    return json.dumps({"problem": problem.code, "detail": problem.detail[:200]})


def load_booklets(texts_json: str) -> None:
    for language, text in json.loads(texts_json).items():
        BOOKLETS[language] = booklet_from_json(text)


def warm_up_export() -> None:
    """Runs an export once, so the child's first export does not compile the templates."""
    warm_up(next(iter(BOOKLETS.values())))


def export_file(request: Any) -> bytes:
    """request: the JSON request as UTF-8 bytes; returns the file as UTF-8 bytes."""
    asked = json.loads(_bytes(request))
    booklet = BOOKLETS[asked["language"]]
    workbook = workbook_from_data(booklet, asked["workbook"])
    html = export_html(
        workbook, booklet, asked["variant"], created=asked["created"], updated=asked["updated"]
    )
    return html.encode("utf-8")


def import_file(data: Any) -> str:
    """A child's file for the app: the workbook to continue with, or a problem."""
    try:
        imported = read_export(_bytes(data), BOOKLETS)
    except ImportProblem as problem:
        return _problem(problem)
    return json.dumps(
        {
            "variant": imported.variant,
            "language": imported.booklet.language,
            "created": imported.created,
            "updated": imported.updated,
            "workbook": workbook_to_data(imported.workbook, imported.booklet),
        }
    )


def load_forms(texts_json: str) -> None:
    """The counselor tools' data (app/counselor/<lang>.json) of each language."""
    from kaketoe._monitoring import checklist_from_data
    from kaketoe._risk_form import risk_form_from_data

    for language, text in json.loads(texts_json).items():
        data = json.loads(text)
        CHECKLISTS[language] = checklist_from_data(data["monitoring"], language)
        RISK_FORMS[language] = risk_form_from_data(data["risk_form"], language)
        VIEWERS[language] = data["viewer"]


def view_file(data: Any, request_json: str) -> str:
    """A child's file for the counselor viewer, in the counselor's language; or a problem."""
    from kaketoe._report import viewer_html

    request = json.loads(request_json)
    language = request["language"]
    try:
        imported = read_export(_bytes(data), BOOKLETS)
    except ImportProblem as problem:
        return _problem(problem)
    html = viewer_html(
        imported,
        BOOKLETS[language],
        VIEWERS[language],
        site_base=request["site_base"],
        index=request["index"],
    )
    return json.dumps(
        {"nickname": imported.workbook.profile.nickname, "variant": imported.variant, "html": html}
    )


def read_form(data: Any) -> str:
    """A form file read back: its kind, language, code, dates and content, or a problem."""
    from kaketoe._form_file import read_form_file

    try:
        found = read_form_file(_bytes(data), CHECKLISTS, RISK_FORMS)
    except ImportProblem as problem:
        return _problem(problem)
    return json.dumps(
        {
            "kind": found.kind,
            "language": found.language,
            "code": found.code,
            "created": found.created,
            "updated": found.updated,
            "content": found.content,
        }
    )


def risk_summary(request_json: str) -> str:
    """The summary of a filled-in risk form; a problem is named, never guessed around."""
    from kaketoe._risk_form import RiskFormError, assessment_from_data, summary_to_data

    request = json.loads(request_json)
    form = RISK_FORMS[request["language"]]
    try:
        assessment = assessment_from_data(form, request["form"])
    except RiskFormError as problem:
        return json.dumps({"error": str(problem)})
    return json.dumps(summary_to_data(form, assessment))


def monitoring_scores(request_json: str) -> str:
    """The scores of what was filled in; a problem is named, never guessed around."""
    from kaketoe._monitoring import ChecklistError, moments_from_data, scores_to_data

    request = json.loads(request_json)
    checklist = CHECKLISTS[request["language"]]
    try:
        moments = moments_from_data(checklist, request["moments"])
    except ChecklistError as problem:
        return json.dumps({"error": str(problem)})
    return json.dumps(scores_to_data(checklist, moments))


def form_file(request_json: str) -> bytes:
    """A counselor's form as a file (UTF-8 bytes); a problem is named, as JSON."""
    from kaketoe._form_file import monitoring_file_html, risk_form_file_html
    from kaketoe._monitoring import ChecklistError
    from kaketoe._risk_form import RiskFormError

    request = json.loads(request_json)
    language, kind = request["language"], request["kind"]
    try:
        if kind == "monitoring":
            html = monitoring_file_html(
                CHECKLISTS[language],
                request["code"],
                request["content"],
                created=request["created"],
                updated=request["updated"],
            )
        else:
            html = risk_form_file_html(
                RISK_FORMS[language],
                request["code"],
                request["content"],
                created=request["created"],
                updated=request["updated"],
            )
    except (ChecklistError, RiskFormError, ValueError) as problem:
        return json.dumps({"error": str(problem)}).encode("utf-8")
    return html.encode("utf-8")
