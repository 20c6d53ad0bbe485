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
from typing import Any, Literal

from kaketoe._data import DataError, Reader

RISK_FORM_FILE = "risk-form.yml"
COUNSELOR_FOLDER = "counselor"
TOP_KEYS = (
    "title",
    "intro",
    "warning",
    "handbook",
    "details",
    "presence",
    "note_label",
    "other_label",
    "domains",
    "measures_title",
    "measures_intro",
    "measures",
    "measure_note_label",
)
DOMAIN_KEYS = ("id", "title", "risk_title", "protective_title", "risk", "protective")
PRESENCE = ("yes", "no", "unknown")
Kind = Literal["risk", "protective"]
KINDS: tuple[Kind, ...] = ("risk", "protective")
MAX_TEXT = 2000
MAX_DETAIL = 200
MAX_ADDED = 40


class RiskFormError(DataError):
    """The form's data, or what was filled in, is wrong somewhere; the message says where."""


class _Reader(Reader):
    error = RiskFormError


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class RiskDomain:
    id: str
    title: str
    risk_title: str
    protective_title: str
    risk: tuple[Option, ...]
    protective: tuple[Option, ...]

    def factors(self, kind: Kind) -> tuple[Option, ...]:
        return self.risk if kind == "risk" else self.protective


@dataclass(frozen=True)
class RiskForm:
    language: str
    title: str
    intro: str
    warning: str
    handbook: str
    details: tuple[Option, ...]
    presence: tuple[Option, ...]
    note_label: str
    other_label: str
    domains: tuple[RiskDomain, ...]
    measures_title: str
    measures_intro: str
    measures: tuple[Option, ...]
    measure_note_label: str

    def factor(self, factor_id: str) -> tuple[RiskDomain, Kind, Option] | None:
        for domain in self.domains:
            for kind in KINDS:
                for option in domain.factors(kind):
                    if option.id == factor_id:
                        return domain, kind, option
        return None

    def domain(self, domain_id: str) -> RiskDomain | None:
        return next((domain for domain in self.domains if domain.id == domain_id), None)


def _options(reader: _Reader, name: str) -> tuple[Option, ...]:
    options = []
    for i, item in enumerate(reader.items(name)):
        inner = _Reader(item, f"{reader.where} > {name} {i + 1}")
        inner.only(("id", "label"))
        options.append(Option(inner.identifier(), inner.text("label")))
    return tuple(options)


def risk_form_from_data(data: object, language: str, where: str = RISK_FORM_FILE) -> RiskForm:
    reader = _Reader(data, where)
    reader.only(TOP_KEYS)
    domains = []
    for i, item in enumerate(reader.items("domains")):
        inner = _Reader(item, f"{where} > domain {i + 1}")
        inner.only(DOMAIN_KEYS)
        domains.append(
            RiskDomain(
                id=inner.identifier(),
                title=inner.text("title"),
                risk_title=inner.text("risk_title"),
                protective_title=inner.text("protective_title"),
                risk=_options(inner, "risk"),
                protective=_options(inner, "protective"),
            )
        )
    form = RiskForm(
        language=language,
        title=reader.text("title"),
        intro=reader.text("intro"),
        warning=reader.text("warning"),
        handbook=reader.identifier("handbook"),
        details=_options(reader, "details"),
        presence=_options(reader, "presence"),
        note_label=reader.text("note_label"),
        other_label=reader.text("other_label"),
        domains=tuple(domains),
        measures_title=reader.text("measures_title"),
        measures_intro=reader.text("measures_intro"),
        measures=_options(reader, "measures"),
        measure_note_label=reader.text("measure_note_label"),
    )
    if tuple(option.id for option in form.presence) != PRESENCE:
        raise RiskFormError(where, f"'presence' must be, in this order: {', '.join(PRESENCE)}")
    factor_ids = [o.id for d in form.domains for k in KINDS for o in d.factors(k)]
    for name, ids in (
        ("factor", factor_ids),
        ("domain", [d.id for d in form.domains]),
        ("detail", [o.id for o in form.details]),
        ("measure", [o.id for o in form.measures]),
    ):
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise RiskFormError(where, f"{name} id(s) used twice: {', '.join(doubled)}")
    return form


def load_risk_form(content_dir: Path, language: str) -> RiskForm:
    import yaml  # only on the machine that builds; the browser gets JSON

    path = content_dir / language / COUNSELOR_FOLDER / RISK_FORM_FILE
    where = path.relative_to(content_dir.parent).as_posix()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RiskFormError(where, f"cannot be read: {error}") from None
    return risk_form_from_data(data, language, where)


def risk_form_shape(form: RiskForm) -> dict[str, Any]:
    """Everything that must be the same in every language: the ids, in order."""
    return {
        "handbook": form.handbook,
        "details": [o.id for o in form.details],
        "domains": [
            (d.id, [o.id for o in d.risk], [o.id for o in d.protective]) for d in form.domains
        ],
        "measures": [o.id for o in form.measures],
    }


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
    reader = _Reader(data, where)
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
        answer = _Reader(value, inner)
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
        item = _Reader(value, inner)
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
        answer = _Reader(value, inner)
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


def risk_form_to_data(form: RiskForm) -> dict[str, Any]:
    """The form as plain data in the YAML's own shape (risk_form_from_data reads it back)."""

    def options(values: tuple[Option, ...]) -> list[dict[str, str]]:
        return [{"id": o.id, "label": o.label} for o in values]

    return {
        "title": form.title,
        "intro": form.intro,
        "warning": form.warning,
        "handbook": form.handbook,
        "details": options(form.details),
        "presence": options(form.presence),
        "note_label": form.note_label,
        "other_label": form.other_label,
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                "risk_title": d.risk_title,
                "protective_title": d.protective_title,
                "risk": options(d.risk),
                "protective": options(d.protective),
            }
            for d in form.domains
        ],
        "measures_title": form.measures_title,
        "measures_intro": form.measures_intro,
        "measures": options(form.measures),
        "measure_note_label": form.measure_note_label,
    }


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
