"""What the app's worker runs: one entry, :func:`handle`, and one reply shape.

The children's app, the counselor viewer and the counselor tools post their
requests to a module worker (web/shared/python-worker.js). That worker only
starts Pyodide, loads the bundle and the data, and hands every request to
:func:`handle`; the tests call the very same function on CPython.

A request is a kind (see ``KINDS``), its fields as JSON in UTF-8 bytes, and
for a file's kinds the file's raw bytes (a JS ``Uint8Array``, or ``bytes``),
or ``None`` when the page found it larger than ``MAX_FILE_BYTES`` and did not
copy it. Every file goes to the one reader (kaketoe._import.read_data_block,
through :func:`read_export` or :func:`read_form_file`): no path decodes a file
on its own.

Every reply is a :class:`Reply`: ``header`` is JSON text, one of

- ``{"ok": true, "result": ...}``; a made file's bytes are in ``body``;
- ``{"ok": false, "problem": code, "detail": text}``: a file's problem, or
  out of memory, with a code of kaketoe._booklet.MESSAGES;
- ``{"ok": false, "error": text}``: what was filled in cannot be scored or
  made into a file.

The counselor tools' modules are imported only where they are used: the
children's app never loads them, and starts sooner.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Reply:
    """One reply to one request: ``header`` is JSON text (see the module's
    docstring), ``body`` the bytes of a made file, if the request made one."""

    header: str
    body: bytes | None = None


class _Refused(Exception):
    """A request that gets no result: a file's problem, or what cannot be worked out."""

    def __init__(self, **header: str) -> None:
        super().__init__(header)
        self.header = {"ok": False, **header}


def _bytes(data: Any) -> bytes:
    """Bytes from a JS Uint8Array (Pyodide) or from bytes (CPython)."""
    return bytes(data.to_bytes()) if hasattr(data, "to_bytes") else bytes(data)


def _file_problem(problem: ImportProblem) -> _Refused:
    return _Refused(problem=problem.code, detail=problem.detail[:200])


def load_booklets(texts_json: str) -> None:
    """The booklets (app/data/booklets/<lang>.json) of each language, by language."""
    for language, text in json.loads(texts_json).items():
        BOOKLETS[language] = booklet_from_json(text)


def load_forms(texts_json: str) -> None:
    """The counselor tools' data (app/data/forms/<lang>.json) of each language."""
    from kaketoe._monitoring import checklist_from_data
    from kaketoe._risk_form import risk_form_from_data

    for language, text in json.loads(texts_json).items():
        data = json.loads(text)
        CHECKLISTS[language] = checklist_from_data(data["monitoring"], language)
        RISK_FORMS[language] = risk_form_from_data(data["risk_form"], language)
        VIEWERS[language] = data["viewer"]


def warm_up_export() -> None:
    """Runs an export once, so the child's first export does not compile the templates."""
    warm_up(next(iter(BOOKLETS.values())))


def _export(request: dict[str, Any], file: bytes | None) -> bytes:
    """A child's file (family or counselor copy) as UTF-8 bytes."""
    booklet = BOOKLETS[request["language"]]
    workbook = workbook_from_data(booklet, request["workbook"])
    html = export_html(
        workbook,
        booklet,
        request["variant"],
        created=request["created"],
        updated=request["updated"],
    )
    return html.encode("utf-8")


def _import(request: dict[str, Any], file: bytes | None) -> dict[str, Any]:
    """A child's file for the app: the workbook to continue with."""
    assert file is not None
    try:
        imported = read_export(file, BOOKLETS)
    except ImportProblem as problem:
        raise _file_problem(problem) from None
    return {
        "variant": imported.variant,
        "language": imported.booklet.language,
        "created": imported.created,
        "updated": imported.updated,
        "workbook": workbook_to_data(imported.workbook, imported.booklet),
    }


def _view_file(request: dict[str, Any], file: bytes | None) -> dict[str, Any]:
    """A child's file for the counselor viewer, in the counselor's language."""
    from kaketoe._report import viewer_html

    assert file is not None
    language = request["language"]
    try:
        imported = read_export(file, BOOKLETS)
    except ImportProblem as problem:
        raise _file_problem(problem) from None
    html = viewer_html(
        imported,
        BOOKLETS[language],
        VIEWERS[language],
        site_base=request["site_base"],
        index=request["index"],
    )
    return {
        "nickname": imported.workbook.profile.nickname,
        "variant": imported.variant,
        "html": html,
    }


def _read_form(request: dict[str, Any], file: bytes | None) -> dict[str, Any]:
    """A form file read back: its kind, language, code, dates and content."""
    from kaketoe._form_file import read_form_file

    assert file is not None
    try:
        found = read_form_file(file, CHECKLISTS, RISK_FORMS)
    except ImportProblem as problem:
        raise _file_problem(problem) from None
    return {
        "kind": found.kind,
        "language": found.language,
        "code": found.code,
        "created": found.created,
        "updated": found.updated,
        "content": found.content,
    }


def _risk_summary(request: dict[str, Any], file: bytes | None) -> dict[str, Any]:
    """The summary of a filled-in risk form; a problem is named, never guessed around."""
    from kaketoe._risk_form import RiskFormError, assessment_from_data, summary_to_data

    form = RISK_FORMS[request["language"]]
    try:
        assessment = assessment_from_data(form, request["form"])
    except RiskFormError as problem:
        raise _Refused(error=str(problem)) from None
    return summary_to_data(form, assessment)


def _monitoring_scores(request: dict[str, Any], file: bytes | None) -> dict[str, Any]:
    """The scores of what was filled in; a problem is named, never guessed around."""
    from kaketoe._monitoring import ChecklistError, moments_from_data, scores_to_data

    checklist = CHECKLISTS[request["language"]]
    try:
        moments = moments_from_data(checklist, request["moments"])
    except ChecklistError as problem:
        raise _Refused(error=str(problem)) from None
    return scores_to_data(checklist, moments)


def _form_file(request: dict[str, Any], file: bytes | None) -> bytes:
    """A counselor's form as a file (UTF-8 bytes)."""
    from kaketoe._form_file import monitoring_file_html, risk_form_file_html
    from kaketoe._monitoring import ChecklistError
    from kaketoe._risk_form import RiskFormError

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
        raise _Refused(error=str(problem)) from None
    return html.encode("utf-8")


Work = Callable[[dict[str, Any], bytes | None], Any]
# Each kind of request, and whether it reads a file.
KINDS: dict[str, tuple[Work, bool]] = {
    "export": (_export, False),
    "import": (_import, True),
    "view-file": (_view_file, True),
    "read-form": (_read_form, True),
    "risk-summary": (_risk_summary, False),
    "monitoring-scores": (_monitoring_scores, False),
    "form-file": (_form_file, False),
}


def _header(**fields: Any) -> str:
    # ASCII JSON: a long Python string with non-Latin letters crosses to
    # JavaScript slowly, an ASCII one quickly (see docs/performance.md).
    return json.dumps(fields)


def handle(kind: str, request: Any, file: Any = None) -> Reply:
    """Answers one request: ``kind`` of KINDS, ``request`` its fields as JSON in
    UTF-8 bytes, ``file`` a file's bytes (or None: too large to be read)."""
    if kind not in KINDS:
        return Reply(_header(ok=False, error=f"unknown request {kind}"))
    work, reads_file = KINDS[kind]
    if reads_file and file is None:
        return Reply(
            _header(ok=False, problem="file-too-large", detail="larger than the reader reads")
        )
    try:
        result = work(json.loads(_bytes(request)), _bytes(file) if reads_file else None)
    except _Refused as refused:
        return Reply(json.dumps(refused.header))
    except MemoryError:
        return Reply(_header(ok=False, problem="out-of-memory", detail=""))
    if isinstance(result, bytes):
        return Reply(_header(ok=True), result)
    return Reply(_header(ok=True, result=result))
