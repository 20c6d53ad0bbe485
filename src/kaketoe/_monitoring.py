"""The monitoring checklist (handbook appendix 9) and its scores.

After the return, a counselor looks three times (6, 12 and 18 months) at how
a child is doing, in eight domains. Per domain they tick the indicators that
fit, or a level directly. The rule of the checklist: a domain covers several
subjects, and it gets the LOWEST level among everything ticked. Each level
has points; the points differ per domain, and one level (health, "below
average") has none in the original. The total of a moment is the sum of the
points of its scored domains, next to the most it could be.

The checklist itself is content as data: ``content/<lang>/counselor/monitoring.yml``,
with the same ids in every language. What a counselor filled in is plain data
keyed by those ids, so a checklist filled in in Dutch reads in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from kaketoe import _schema as schema
from kaketoe._data import DataError, Reader
from kaketoe._schema import load_language, read, to_data

COUNSELOR_FOLDER = "counselor"
MONITORING_FILE = "monitoring.yml"
MAX_NOTE = 2000
MAX_DATE = 40


class ChecklistError(DataError):
    """The checklist's data, or what was filled in, is wrong somewhere; the message says where."""


@dataclass(frozen=True)
class Level:
    id: str = field(metadata=schema.ID)
    label: str = field(metadata=schema.TEXT)
    # the level's name in the English original: "below average"
    original: str = field(metadata=schema.text(same=True))
    indicators: tuple[str, ...] = field(default=(), metadata=schema.texts(optional=True))
    # None: the original gives this level no points
    points: int | None = field(default=None, metadata=schema.number(range(0, 11), optional=True))
    any_one: bool = field(
        default=False, metadata=schema.FLAG
    )  # one indicator of this level is enough

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        if self.points is not None and not self.indicators:
            raise error(where, "a level with points needs its indicators")


@dataclass(frozen=True)
class Domain:
    id: str = field(metadata=schema.ID)
    title: str = field(metadata=schema.TEXT)
    levels: tuple[Level, ...] = field(metadata=schema.items(Level, "level"))  # from high to low
    intro: str = field(default="", metadata=schema.text(optional=True))
    note: str = field(default="", metadata=schema.text(optional=True))

    def level(self, level_id: str) -> Level | None:
        return next((level for level in self.levels if level.id == level_id), None)

    @property
    def most(self) -> int:
        return max(level.points for level in self.levels if level.points is not None)

    def validate(self, where: str, outer: Mapping[str, Any], error: type[DataError]) -> None:
        scored = [level.points for level in self.levels if level.points is not None]
        if len(scored) < 2:
            raise error(where, "needs at least two levels with points")
        if scored != sorted(scored, reverse=True) or len(set(scored)) != len(scored):
            raise error(where, "levels must go from the most points to the fewest")


@dataclass(frozen=True)
class Moment:
    id: str = field(metadata=schema.ID)
    months: int = field(metadata=schema.number(range(1, 61)))
    label: str = field(metadata=schema.TEXT)


@dataclass(frozen=True)
class Checklist:
    SOURCE: ClassVar[str] = f"{COUNSELOR_FOLDER}/{MONITORING_FILE}"

    language: str  # given by whoever reads it: the file's folder, the tool's data
    title: str = field(metadata=schema.TEXT)
    intro: str = field(metadata=schema.TEXT)
    rule: str = field(metadata=schema.TEXT)
    handbook: str = field(metadata=schema.identifier())  # the handbook page of appendix 9
    moments: tuple[Moment, ...] = field(metadata=schema.items(Moment, "moment"))
    date_label: str = field(metadata=schema.TEXT)
    domains: tuple[Domain, ...] = field(metadata=schema.items(Domain, "domain"))

    def domain(self, domain_id: str) -> Domain | None:
        return next((domain for domain in self.domains if domain.id == domain_id), None)

    @property
    def most(self) -> int:
        """The highest total a moment can have."""
        return sum(domain.most for domain in self.domains)


def checklist_from_data(data: object, language: str, where: str = MONITORING_FILE) -> Checklist:
    """The checklist from plain data: its YAML, or the JSON of :func:`checklist_to_data`."""
    return read(Checklist, data, where, ChecklistError, given={"language": language})


def checklist_to_data(checklist: Checklist) -> dict[str, Any]:
    """The checklist as plain data: the page draws the form from it, and the
    worker reads it back with :func:`checklist_from_data`."""
    return to_data(checklist)


def load_checklist(content_dir: Path, language: str) -> Checklist:
    return load_language(Checklist, content_dir, language, ChecklistError)


# What a counselor filled in -------------------------------------------------------------


@dataclass(frozen=True)
class DomainCheck:
    """One domain at one moment: the indicators that fit, levels ticked directly, a note."""

    indicators: frozenset[tuple[str, int]] = frozenset()  # (level id, indicator number from 0)
    levels: frozenset[str] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class MomentCheck:
    date: str = ""
    domains: Mapping[str, DomainCheck] = field(default_factory=dict)


@dataclass(frozen=True)
class DomainScore:
    domain: str
    level: str | None  # None: nothing ticked yet
    points: int | None  # None: nothing ticked, or a level without points
    most: int


@dataclass(frozen=True)
class MomentScore:
    moment: str
    domains: tuple[DomainScore, ...]
    total: int  # the points of the scored domains
    scored: int  # how many domains have points
    most: int  # the highest total the checklist allows

    @property
    def complete(self) -> bool:
        return self.scored == len(self.domains)


def _text(value: object, where: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise ChecklistError(where, f"must be text of at most {limit} characters")
    return value


def domain_check_from_data(domain: Domain, data: object, where: str) -> DomainCheck:
    reader = Reader(data, where, ChecklistError)
    reader.only(("indicators", "levels", "note"))
    indicators: set[tuple[str, int]] = set()
    for item in reader.data.get("indicators") or []:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], str)
            or isinstance(item[1], bool)
            or not isinstance(item[1], int)
        ):
            raise ChecklistError(where, "an indicator is given as [level id, number]")
        level = domain.level(item[0])
        if level is None or not 0 <= item[1] < len(level.indicators):
            raise ChecklistError(where, f"there is no indicator {item[1]} of level '{item[0]}'")
        indicators.add((item[0], item[1]))
    levels: set[str] = set()
    for item in reader.data.get("levels") or []:
        if not isinstance(item, str) or domain.level(item) is None:
            raise ChecklistError(where, f"there is no level '{item}'")
        levels.add(item)
    return DomainCheck(
        frozenset(indicators), frozenset(levels), _text(reader.data.get("note"), where, MAX_NOTE)
    )


def moment_check_from_data(checklist: Checklist, data: object, where: str) -> MomentCheck:
    reader = Reader(data, where, ChecklistError)
    reader.only(("date", "domains"))
    domains_data = reader.data.get("domains") or {}
    if not isinstance(domains_data, Mapping):
        raise ChecklistError(where, "field 'domains' must map domain ids to what was ticked")
    domains = {}
    for domain_id, domain_data in domains_data.items():
        domain = checklist.domain(str(domain_id))
        if domain is None:
            raise ChecklistError(where, f"there is no domain '{domain_id}'")
        domains[domain.id] = domain_check_from_data(domain, domain_data, f"{where} > {domain.id}")
    return MomentCheck(_text(reader.data.get("date"), f"{where} > date", MAX_DATE), domains)


def domain_check_to_data(check: DomainCheck) -> dict[str, Any]:
    return {
        "indicators": [list(item) for item in sorted(check.indicators)],
        "levels": sorted(check.levels),
        "note": check.note,
    }


def domain_level(domain: Domain, check: DomainCheck | None) -> Level | None:
    """The lowest level among everything ticked (the checklist's rule), or None."""
    if check is None:
        return None
    ticked = {level_id for level_id, _ in check.indicators} | set(check.levels)
    lowest = None
    for level in domain.levels:  # from high to low: the last one ticked is the lowest
        if level.id in ticked:
            lowest = level
    return lowest


def moment_score(checklist: Checklist, moment_id: str, check: MomentCheck) -> MomentScore:
    scores = []
    for domain in checklist.domains:
        level = domain_level(domain, check.domains.get(domain.id))
        scores.append(
            DomainScore(
                domain=domain.id,
                level=level.id if level else None,
                points=level.points if level else None,
                most=domain.most,
            )
        )
    points = [score.points for score in scores if score.points is not None]
    return MomentScore(
        moment=moment_id,
        domains=tuple(scores),
        total=sum(points),
        scored=len(points),
        most=checklist.most,
    )


def trend(checklist: Checklist, moments: Mapping[str, MomentCheck]) -> list[MomentScore]:
    """The score of every moment that has something ticked, in the checklist's order."""
    found = []
    for moment in checklist.moments:
        check = moments.get(moment.id)
        if check is None:
            continue
        score = moment_score(checklist, moment.id, check)
        if any(domain.level for domain in score.domains):
            found.append(score)
    return found


@dataclass(frozen=True)
class Comparison:
    """What the trend chart may plot: the points of the domains scored at every
    moment of the trend, so that a domain scored once only cannot move the line.
    Raw totals are not comparable when different domains were scored."""

    domains: tuple[str, ...]  # scored at every moment of the trend, in the checklist's order
    most: int  # the highest sum these domains can reach
    points: tuple[tuple[str, int], ...]  # (moment id, the sum of these domains' points)


def comparison(checklist: Checklist, scores: list[MomentScore]) -> Comparison:
    """The comparable part of a trend (see :class:`Comparison`)."""
    common = [
        domain
        for domain in checklist.domains
        if scores
        and all(
            any(found.domain == domain.id and found.points is not None for found in score.domains)
            for score in scores
        )
    ]
    ids = {domain.id for domain in common}
    return Comparison(
        domains=tuple(domain.id for domain in common),
        most=sum(domain.most for domain in common),
        points=tuple(
            (
                score.moment,
                sum(found.points or 0 for found in score.domains if found.domain in ids),
            )
            for score in scores
        )
        if common
        else (),
    )


# For the browser -------------------------------------------------------------------------


def moments_from_data(checklist: Checklist, data: object) -> dict[str, MomentCheck]:
    """What was filled in at every moment: ``{"m6": {"date": ..., "domains": {...}}, ...}``."""
    if not isinstance(data, Mapping):
        raise ChecklistError("moments", "must map moment ids to what was filled in")
    known = {moment.id for moment in checklist.moments}
    moments = {}
    for key, value in data.items():
        if key not in known:
            raise ChecklistError("moments", f"there is no moment '{key}'")
        moments[str(key)] = moment_check_from_data(checklist, value, str(key))
    return moments


def moments_to_data(moments: Mapping[str, MomentCheck]) -> dict[str, Any]:
    """What was filled in, as plain data (moments_from_data reads it back)."""
    return {
        key: {
            "date": moment.date,
            "domains": {d: domain_check_to_data(check) for d, check in moment.domains.items()},
        }
        for key, moment in moments.items()
    }


def scores_to_data(checklist: Checklist, moments: Mapping[str, MomentCheck]) -> dict[str, Any]:
    """The score of every moment (also of empty ones), and the trend of the ticked
    ones: only what can be compared (see :class:`Comparison`)."""
    result: dict[str, Any] = {"most": checklist.most, "moments": {}}
    for moment in checklist.moments:
        score = moment_score(checklist, moment.id, moments.get(moment.id, MomentCheck()))
        result["moments"][moment.id] = {
            "total": score.total,
            "scored": score.scored,
            "complete": score.complete,
            "domains": {
                d.domain: {"level": d.level, "points": d.points, "most": d.most}
                for d in score.domains
            },
        }
    scores = trend(checklist, moments)
    compared = comparison(checklist, scores)
    result["trend"] = {
        "moments": [s.moment for s in scores],  # the moments with something ticked
        "domains": list(compared.domains),  # the domains the line adds up
        "most": compared.most,
        "points": [{"moment": moment, "points": points} for moment, points in compared.points],
    }
    return result
