"""The same in every language: a translation changes only the texts.

What must not change with the language follows from each content type's one
definition (kaketoe._schema): ids, kinds, numbers and choices, the order of
every list, how many texts a list holds, whether an optional text is there.
One comparer serves every content type; ``kaketoe check-content`` runs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kaketoe._schema import Spec, beside, named, source_where, specs

RULE = "ids, kinds, order and counts must be the same in every language: translate only the texts"


def parity_problems(values: Mapping[str, Any], source_language: str) -> list[str]:
    """One sentence per difference between a translation and the source language's
    value of the same content type (booklets, route maps, forms), naming the file
    and the thing."""
    source = values.get(source_language)
    if source is None:
        if not values:
            return []
        where = source_where(type(next(iter(values.values()))), source_language)
        return [f"{where}: missing or not valid, so no translation can be compared with it"]
    problems = []
    for language, found in sorted(values.items()):
        if language != source_language:
            problems += differences(
                source,
                found,
                source_where(type(found), language),
                source_where(type(source), source_language),
            )
    return problems


def differences(source: object, found: object, here: str, there: str) -> list[str]:
    """How ``found`` (at ``here``) differs from ``source`` (at ``there``) in what
    must be the same in every language."""
    problems = []
    for entry in specs(type(source)):
        spec, name = entry.spec, entry.name
        mine, theirs = getattr(found, name), getattr(source, name)
        if spec.kind in ("items", "table"):
            problems += _entries(spec, mine, theirs, here, there)
        elif spec.kind == "one":
            inner_here, inner_there = _inner(spec, name, here), _inner(spec, name, there)
            if mine is not None and theirs is not None:
                problems += differences(theirs, mine, inner_here, inner_there)
            elif (mine is None) != (theirs is None):
                problems.append(_differ(here, there, *_presence(name, mine, theirs)))
        elif spec.same:
            if mine != theirs:
                problems.append(
                    _differ(here, there, f"field '{name}' is {_shown(mine)}", _shown(theirs))
                )
        elif spec.kind == "texts" and len(mine) != len(theirs):
            problems.append(
                _differ(here, there, f"'{name}' has {len(mine)} entries", str(len(theirs)))
            )
        elif spec.kind == "text" and spec.optional and bool(mine) != bool(theirs):
            problems.append(_differ(here, there, *_presence(name, mine, theirs)))
    return problems


def _entries(spec: Spec, mine: Any, theirs: Any, here: str, there: str) -> list[str]:
    """The entries of a list in the same order (of a table: the same ids), then each entry."""
    if isinstance(mine, Mapping):  # a table: its order means nothing
        mine_ids, their_ids = sorted(mine), sorted(theirs)
    else:
        mine_ids, their_ids = [entry.id for entry in mine], [entry.id for entry in theirs]
    missing = [i for i in their_ids if i not in mine_ids]
    extra = [i for i in mine_ids if i not in their_ids]
    if missing:
        return [_differ(here, there, f"there is no {spec.thing} '{missing[0]}'", "there is")]
    if extra:
        return [_differ(here, there, f"there is a {spec.thing} '{extra[0]}'", "there is none")]
    if mine_ids != their_ids:
        at = next(i for i, (a, b) in enumerate(zip(mine_ids, their_ids, strict=True)) if a != b)
        said = f"{spec.thing} {at + 1} is '{mine_ids[at]}'"
        return [_differ(here, there, said, f"'{their_ids[at]}'")]
    problems = []
    pairs = (
        [(mine[key], theirs[key]) for key in mine]
        if isinstance(mine, Mapping)
        else list(zip(mine, theirs, strict=True))
    )
    for number, (found, source) in enumerate(pairs, start=1):
        if spec.file:
            inner_here, inner_there = (
                beside(w, spec.file.format(id=found.id)) for w in (here, there)
            )
        else:
            inner_here, inner_there = (
                named(w, spec.thing, found.id, number) for w in (here, there)
            )
        problems += differences(source, found, inner_here, inner_there)
    return problems


def _inner(spec: Spec, name: str, where: str) -> str:
    return beside(where, spec.file) if spec.file else f"{where} > {name}"


def _presence(name: str, mine: object, theirs: object) -> tuple[str, str]:
    return (
        (f"field '{name}' is missing", "there")
        if not mine
        else (f"field '{name}' is there", "missing")
    )


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return (
        "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    )


def _differ(here: str, there: str, said: str, expected: str) -> str:
    source_file = there.split(" > ")[0]
    return f"{here}: {said} (in {source_file}: {expected}); {RULE}"
