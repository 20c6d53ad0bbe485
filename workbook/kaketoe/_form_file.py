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
"measures"}``. Reading a file back checks it as strictly as a child's file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kaketoe import __version__
from kaketoe._export import checksum, script_safe_json
from kaketoe._import import ImportProblem, check_checksum, check_version, read_data_block
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
_START = f'<script type="application/json" id="{FORM_ELEMENT_ID}">'
_BLOCK = re.compile(re.escape(_START) + r"(.*?)</script>", re.S)
MAX_CODE = 40


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
    _check_meta(code, created, updated)
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
    _check_meta(code, created, updated)
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
    """Read a form file back; a problem raises ImportProblem with a code the tools explain."""
    envelope = read_data_block(data, _BLOCK, _START)
    if not isinstance(envelope, dict) or envelope.get("format") != FORM_FORMAT:
        raise ImportProblem("not-an-export", "not a kaketoe counselor form")
    check_version(envelope, FORM_VERSION)
    check_checksum(envelope)
    kind, language, code = envelope.get("kind"), envelope.get("language"), envelope.get("code")
    created, updated = envelope.get("created"), envelope.get("updated")
    if kind not in FORM_KINDS or not isinstance(language, str):
        raise ImportProblem("bad-content", "unknown kind of form")
    try:
        code, created, updated = _check_meta(code, created, updated)
    except ValueError as error:
        raise ImportProblem("bad-content", str(error)) from None
    content: dict[str, Any]
    try:
        if kind == "monitoring":
            checklist = checklists.get(language)
            if checklist is None:
                raise ImportProblem("bad-content", f"no checklist in {language[:20]!r}")
            moments = moments_from_data(
                checklist, _mapping(envelope.get("content")).get("moments", {})
            )
            content = {"moments": moments_to_data(moments)}
        else:
            form = risk_forms.get(language)
            if form is None:
                raise ImportProblem("bad-content", f"no form in {language[:20]!r}")
            content = assessment_to_data(assessment_from_data(form, envelope.get("content")))
    except (ChecklistError, RiskFormError) as error:
        raise ImportProblem("bad-content", str(error)[:200]) from None
    return FormFile(str(kind), language, code, created, updated, content)


def _mapping(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ChecklistError("content", "must be a mapping")
    return value


def _check_meta(code: object, created: object, updated: object) -> tuple[str, str, str]:
    """The family code and the two dates, checked; ValueError names what is wrong."""
    if not isinstance(code, str) or not code.strip() or len(code) > MAX_CODE:
        raise ValueError(f"the family code must be text of 1 to {MAX_CODE} characters")
    if not isinstance(created, str) or not isinstance(updated, str):
        raise ValueError("the dates must be ISO 8601 text")
    datetime.fromisoformat(created)
    datetime.fromisoformat(updated)
    return code, created, updated
