"""The form for risk and protective factors (handbook appendix 5, from appendices 2-4).

Before the return, a counselor goes through four domains (the child; family;
school and friends; society and culture) and notes per factor whether it is
present (yes, no, or not known), with what they saw and what the child said.
Factors that are not on the list are added under "other". At the end they
choose the protection measures to take (none; safety; medical; psychosocial;
education; other), each with who does what.

The handbook is firm that the factors are NOT added up: the form is not a
balance. So the summary lists what is present per domain, and adds nothing
up. The form itself is content as data: ``content/<lang>/counselor/risk-form.yml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from kaketoe import _schema as schema
from kaketoe._data import DataError, Reader
from kaketoe._schema import load_language, read, to_data

RISK_FORM_FILE = "risk-form.yml"
COUNSELOR_FOLDER = "counselor"
PRESENCE = ("yes", "no", "unknown")
Kind = Literal["risk", "protective"]
KINDS: tuple[Kind, ...] = ("risk", "protective")
MAX_TEXT = 2000
MAX_DETAIL = 200
MAX_ADDED = 40


class RiskFormError(DataError):
    """The form's data, or what was filled in, is wrong somewhere; the message says where."""


@dataclass(frozen=True)
class Option:
    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.TEXT)


@dataclass(frozen=True)
class RiskDomain:
    id: str = field(metadata=schema.ID)
    title: str = field(metadata=schema.TEXT)
    risk_title: str = field(metadata=schema.TEXT)
    protective_title: str = field(metadata=schema.TEXT)
    risk: tuple[Option, ...] = field(metadata=schema.items(Option, "risk factor"))
    protective: tuple[Option, ...] = field(metadata=schema.items(Option, "protective factor"))

    def factors(self, kind: Kind) -> tuple[Option, ...]:
        return self.risk if kind == "risk" else self.protective


@dataclass(frozen=True)
class RiskForm:
    SOURCE: ClassVar[str] = f"{COUNSELOR_FOLDER}/{RISK_FORM_FILE}"

    language: str  # given by whoever reads it: the file's folder, the tool's data
    title: str = field(metadata=schema.TEXT)
    intro: str = field(metadata=schema.TEXT)
    warning: str = field(metadata=schema.TEXT)
    handbook: str = field(metadata=schema.identifier())  # the handbook page of appendix 5
    details: tuple[Option, ...] = field(metadata=schema.items(Option, "detail"))
    presence: tuple[Option, ...] = field(
        metadata=schema.items(Option, "presence answer", ids=PRESENCE)
    )
    note_label: str = field(metadata=schema.TEXT)
    other_label: str = field(metadata=schema.TEXT)
    domains: tuple[RiskDomain, ...] = field(metadata=schema.items(RiskDomain, "domain"))
    measures_title: str = field(metadata=schema.TEXT)
    measures_intro: str = field(metadata=schema.TEXT)
    measures: tuple[Option, ...] = field(metadata=schema.items(Option, "measure"))
    measure_note_label: str = field(metadata=schema.TEXT)

    def factor(self, factor_id: str) -> tuple[RiskDomain, Kind, Option] | None:
        for domain in self.domains:
            for kind in KINDS:
                for option in domain.factors(kind):
                    if option.id == factor_id:
                        return domain, kind, option
        return None

    def domain(self, domain_id: str) -> RiskDomain | None:
        return next((domain for domain in self.domains if domain.id == domain_id), None)

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        ids = [o.id for d in self.domains for k in KINDS for o in d.factors(k)]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise error(where, f"factor id(s) used twice: {', '.join(doubled)}")


def risk_form_from_data(data: object, language: str, where: str = RISK_FORM_FILE) -> RiskForm:
    """The form from plain data: its YAML, or the JSON of :func:`risk_form_to_data`."""
    return read(RiskForm, data, where, RiskFormError, given={"language": language})


def risk_form_to_data(form: RiskForm) -> dict[str, Any]:
    """The form as plain data (:func:`risk_form_from_data` reads it back)."""
    return to_data(form)


def load_risk_form(content_dir: Path, language: str) -> RiskForm:
    return load_language(RiskForm, content_dir, language, RiskFormError)


# What a counselor filled in -------------------------------------------------------------


@dataclass(frozen=True)
class FactorAnswer:
    presence: str = ""  # "", or one of PRESENCE
    note: str = ""


@dataclass(frozen=True)
class AddedFactor:
    """A factor the counselor added under "other"."""

    domain: str
    kind: Kind
    label: str
    presence: str = ""
    note: str = ""


@dataclass(frozen=True)
class MeasureAnswer:
    needed: bool = False
    note: str = ""


@dataclass(frozen=True)
class RiskAssessment:
    details: Mapping[str, str] = field(default_factory=dict)
    factors: Mapping[str, FactorAnswer] = field(default_factory=dict)
    added: tuple[AddedFactor, ...] = ()
    measures: Mapping[str, MeasureAnswer] = field(default_factory=dict)


def _text(value: object, where: str, limit: int = MAX_TEXT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise RiskFormError(where, f"must be text of at most {limit} characters")
    return value


def _presence(value: object, where: str) -> str:
    if value in (None, ""):
        return ""
    if value not in PRESENCE:
        raise RiskFormError(where, f"must be one of {', '.join(PRESENCE)}, or empty")
    return str(value)


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise RiskFormError(where, "must map ids to what was filled in")
    return value


def assessment_from_data(form: RiskForm, data: object, where: str = "form") -> RiskAssessment:
    """What was filled in, checked against the form: unknown ids and wrong values are refused."""
    reader = Reader(data, where, RiskFormError)
    reader.only(("details", "factors", "added", "measures"))
    details = {}
    for key, value in _mapping(reader.data.get("details"), f"{where} > details").items():
        if key not in {o.id for o in form.details}:
            raise RiskFormError(f"{where} > details", f"there is no field '{key}'")
        details[key] = _text(value, f"{where} > details > {key}", MAX_DETAIL)
    factors = {}
    for key, value in _mapping(reader.data.get("factors"), f"{where} > factors").items():
        inner = f"{where} > factors > {key}"
        if form.factor(str(key)) is None:
            raise RiskFormError(f"{where} > factors", f"there is no factor '{key}'")
        answer = Reader(value, inner, RiskFormError)
        answer.only(("presence", "note"))
        factors[str(key)] = FactorAnswer(
            _presence(answer.data.get("presence"), f"{inner} > presence"),
            _text(answer.data.get("note"), f"{inner} > note"),
        )
    added_data = reader.data.get("added") or []
    if not isinstance(added_data, list) or len(added_data) > MAX_ADDED:
        raise RiskFormError(f"{where} > added", f"must be a list of at most {MAX_ADDED}")
    added = []
    for i, value in enumerate(added_data):
        inner = f"{where} > added {i + 1}"
        item = Reader(value, inner, RiskFormError)
        item.only(("domain", "kind", "label", "presence", "note"))
        if form.domain(str(item.data.get("domain"))) is None:
            raise RiskFormError(inner, f"there is no domain '{item.data.get('domain')}'")
        kind = next((k for k in KINDS if k == item.data.get("kind")), None)
        if kind is None:
            raise RiskFormError(inner, "kind must be risk or protective")
        added.append(
            AddedFactor(
                domain=str(item.data["domain"]),
                kind=kind,
                label=_text(item.data.get("label"), f"{inner} > label", MAX_DETAIL),
                presence=_presence(item.data.get("presence"), f"{inner} > presence"),
                note=_text(item.data.get("note"), f"{inner} > note"),
            )
        )
    measures = {}
    for key, value in _mapping(reader.data.get("measures"), f"{where} > measures").items():
        inner = f"{where} > measures > {key}"
        if key not in {o.id for o in form.measures}:
            raise RiskFormError(f"{where} > measures", f"there is no measure '{key}'")
        answer = Reader(value, inner, RiskFormError)
        answer.only(("needed", "note"))
        measures[str(key)] = MeasureAnswer(
            answer.flag("needed"), _text(answer.data.get("note"), f"{inner} > note")
        )
    return RiskAssessment(details, factors, tuple(added), measures)


def assessment_to_data(assessment: RiskAssessment) -> dict[str, Any]:
    return {
        "details": dict(assessment.details),
        "factors": {
            key: {"presence": a.presence, "note": a.note} for key, a in assessment.factors.items()
        },
        "added": [
            {
                "domain": a.domain,
                "kind": a.kind,
                "label": a.label,
                "presence": a.presence,
                "note": a.note,
            }
            for a in assessment.added
        ],
        "measures": {
            key: {"needed": m.needed, "note": m.note} for key, m in assessment.measures.items()
        },
    }


@dataclass(frozen=True)
class DomainSummary:
    """Per domain and kind, the factors by presence; nothing is added up."""

    domain: str
    present: Mapping[Kind, tuple[str, ...]]  # labels, in the form's order, added ones last
    unknown: Mapping[Kind, tuple[str, ...]]
    open: Mapping[Kind, int]  # how many factors of the list have no answer yet


def _presence_of(assessment: RiskAssessment, factor_id: str) -> str:
    return assessment.factors.get(factor_id, FactorAnswer()).presence


def summary(form: RiskForm, assessment: RiskAssessment) -> tuple[DomainSummary, ...]:
    result = []
    for domain in form.domains:
        present: dict[Kind, tuple[str, ...]] = {}
        unknown: dict[Kind, tuple[str, ...]] = {}
        still_open: dict[Kind, int] = {}
        for kind in KINDS:
            factors = domain.factors(kind)
            answers = [(o.label, _presence_of(assessment, o.id)) for o in factors]
            answers += [
                (a.label, a.presence)
                for a in assessment.added
                if a.domain == domain.id and a.kind == kind
            ]
            present[kind] = tuple(label for label, p in answers if p == "yes")
            unknown[kind] = tuple(label for label, p in answers if p == "unknown")
            still_open[kind] = sum(1 for o in factors if not _presence_of(assessment, o.id))
        result.append(DomainSummary(domain.id, present, unknown, still_open))
    return tuple(result)


def measures_needed(form: RiskForm, assessment: RiskAssessment) -> tuple[str, ...]:
    """The ids of the measures ticked as needed, in the form's order."""
    return tuple(
        o.id for o in form.measures if assessment.measures.get(o.id, MeasureAnswer()).needed
    )


def summary_to_data(form: RiskForm, assessment: RiskAssessment) -> dict[str, Any]:
    """What the page shows under the form: per domain what is present or not
    known, how many factors are still open, and the measures ticked."""
    return {
        "domains": [
            {
                "domain": s.domain,
                "present": {kind: list(s.present[kind]) for kind in KINDS},
                "unknown": {kind: list(s.unknown[kind]) for kind in KINDS},
                "open": {kind: s.open[kind] for kind in KINDS},
            }
            for s in summary(form, assessment)
        ],
        "measures": list(measures_needed(form, assessment)),
    }
