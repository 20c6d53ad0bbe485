"""A counselor's form as a file: one HTML file per family and form.

Like the children's export (see ``_export.py``), the file opens and prints in
any browser without the tools, and carries what was filled in as JSON in a
``<script type="application/json">`` block, so the tool can read it back on
another device. The JSON is an envelope::

    {"format": "kaketoe-counselor-form", "version": 1, "kind": "monitoring",
     "language": "nl", "code": "G-0231", "created": ..., "updated": ...,
     "app_version": ..., "content": {...}, "checksum": {"algorithm": "sha256", ...}}

``content`` is what the tool keeps: for the monitoring checklist
``{"moments": {...}}``, for the risk form ``{"details", "factors", "added",
"measures"}``. Reading a file back checks it as strictly as a child's file,
with the same reader (kaketoe._import.read_data_block). A form's ids are the
same in every language, so a file made in one language opens in the tool of
any other: its content is checked against the tool's own form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from kaketoe import __version__
from kaketoe._checks import AnswerError, name, timestamp
from kaketoe._export import checksum, script_safe_json
from kaketoe._import import (
    ImportProblem,
    check_checksum,
    check_fields,
    check_version,
    memory_bounded,
    read_data_block,
)
from kaketoe._monitoring import (
    Checklist,
    ChecklistError,
    moments_from_data,
    moments_to_data,
    scores_to_data,
)
from kaketoe._render import render
from kaketoe._risk_form import (
    RiskForm,
    RiskFormError,
    assessment_from_data,
    assessment_to_data,
    summary,
)

FORM_FORMAT = "kaketoe-counselor-form"
FORM_VERSION = 1
FORM_KINDS = ("monitoring", "risk-form")
FORM_ELEMENT_ID = "kaketoe-form"
FORM_FIELDS = frozenset(
    {"format", "version", "kind", "language", "code", "created", "updated"}
    | {"app_version", "content", "checksum"}
)
MAX_CODE = 40
_Form = TypeVar("_Form", Checklist, RiskForm)


@dataclass(frozen=True)
class FormFile:
    kind: str
    language: str
    code: str
    created: str
    updated: str
    content: dict[str, Any]  # checked against the form, in the tool's own shape


def _envelope(
    kind: str, language: str, code: str, content: dict[str, Any], created: str, updated: str
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "format": FORM_FORMAT,
        "version": FORM_VERSION,
        "kind": kind,
        "language": language,
        "code": code,
        "created": created,
        "updated": updated,
        "app_version": __version__,
        "content": content,
    }
    result["checksum"] = {"algorithm": "sha256", "value": checksum(result)}
    return result


def monitoring_file_html(
    checklist: Checklist, code: str, content: object, *, created: str, updated: str
) -> str:
    """The file of a monitoring checklist: every moment's levels, points, ticks and notes."""
    moments = moments_from_data(checklist, _mapping(content).get("moments", {}))
    clean = {"moments": moments_to_data(moments)}
    code, created, updated = _check_meta(code, created, updated)
    return render(
        "form.html.j2",
        stylesheet_name="form.css",
        kind="monitoring",
        language=checklist.language,
        title=checklist.title,
        code=code,
        checklist=checklist,
        moments=moments,
        scores=scores_to_data(checklist, moments),
        created=created,
        updated=updated,
        data_json=script_safe_json(
            _envelope("monitoring", checklist.language, code, clean, created, updated)
        ),
        data_id=FORM_ELEMENT_ID,
    )


def risk_form_file_html(
    form: RiskForm, code: str, content: object, *, created: str, updated: str
) -> str:
    """The file of a risk form: the details, every answered factor, the measures."""
    assessment = assessment_from_data(form, content)
    code, created, updated = _check_meta(code, created, updated)
    return render(
        "form.html.j2",
        stylesheet_name="form.css",
        kind="risk-form",
        language=form.language,
        title=form.title,
        code=code,
        form=form,
        assessment=assessment,
        summary={s.domain: s for s in summary(form, assessment)},
        created=created,
        updated=updated,
        data_json=script_safe_json(
            _envelope(
                "risk-form", form.language, code, assessment_to_data(assessment), created, updated
            )
        ),
        data_id=FORM_ELEMENT_ID,
    )


def read_form_file(
    data: bytes | str,
    checklists: Mapping[str, Checklist],
    risk_forms: Mapping[str, RiskForm],
) -> FormFile:
    """Read a form file back; a problem raises ImportProblem with a code the tools explain.

    ``checklists`` and ``risk_forms`` are the tool's forms by language. The
    content is checked against the form in the file's language when the tool
    has it, else against the tool's own: the ids are the same in every
    language (``kaketoe check-content`` sees to that)."""
    with memory_bounded():
        return _read_form_file(data, checklists, risk_forms)


def _read_form_file(
    data: bytes | str,
    checklists: Mapping[str, Checklist],
    risk_forms: Mapping[str, RiskForm],
) -> FormFile:
    envelope = read_data_block(data, FORM_ELEMENT_ID)
    if not isinstance(envelope, dict) or envelope.get("format") != FORM_FORMAT:
        raise ImportProblem("not-an-export", "not a kaketoe counselor form")
    check_version(envelope, FORM_VERSION)
    check_fields(envelope, FORM_FIELDS)
    check_checksum(envelope)
    kind, language, code = envelope.get("kind"), envelope.get("language"), envelope.get("code")
    created, updated = envelope.get("created"), envelope.get("updated")
    if kind not in FORM_KINDS or not isinstance(language, str) or len(language) > 20:
        raise ImportProblem("bad-content", "unknown kind of form")
    try:
        code, created, updated = _check_meta(code, created, updated)
    except AnswerError as error:
        raise ImportProblem("bad-content", str(error)) from None
    content: dict[str, Any]
    try:
        if kind == "monitoring":
            checklist = _in_language(checklists, language)
            if checklist is None:
                raise ImportProblem("bad-content", "this tool has no checklist")
            moments = moments_from_data(
                checklist, _mapping(envelope.get("content")).get("moments", {})
            )
            content = {"moments": moments_to_data(moments)}
        else:
            form = _in_language(risk_forms, language)
            if form is None:
                raise ImportProblem("bad-content", "this tool has no risk form")
            content = assessment_to_data(assessment_from_data(form, envelope.get("content")))
    except (ChecklistError, RiskFormError) as error:
        raise ImportProblem("bad-content", str(error)[:200]) from None
    return FormFile(str(kind), language, code, created, updated, content)


def _in_language(forms: Mapping[str, _Form], language: str) -> _Form | None:
    """The form in ``language``, or else any: a form's ids are the same in every language."""
    return forms.get(language) or next(iter(forms.values()), None)


def _mapping(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ChecklistError("content", "must be a mapping")
    return value


def _check_meta(code: object, created: object, updated: object) -> tuple[str, str, str]:
    """The family code as people read it (NFKC, no direction controls, trimmed) and
    the two dates, checked; an AnswerError names what is wrong."""
    try:
        code = name(code, "the family code", MAX_CODE)
    except AnswerError:
        raise AnswerError(
            "the family code", f"must be text of 1 to {MAX_CODE} characters"
        ) from None
    return code, timestamp(created, "created"), timestamp(updated, "updated")
