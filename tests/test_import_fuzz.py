"""Fuzzing the import: whatever a file holds, a clear problem or a valid workbook, no crash."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_samples import LATER, WHEN, booklet, booklets, full_workbook

from kaketoe import ImportProblem, export_html, read_export, workbook_from_data
from kaketoe._booklet import MESSAGES
from kaketoe._export import checksum

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPEN = '<script type="application/json" id="kaketoe-export">'


def good_file() -> str:
    loaded = booklet("nl")
    workbook = workbook_from_data(loaded, full_workbook(loaded))
    return export_html(workbook, loaded, "family", created=WHEN, updated=LATER)


GOOD = good_file()
ENVELOPE: dict[str, Any] = json.loads(GOOD[GOOD.index(OPEN) + len(OPEN) : GOOD.index("</script>")])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.sampled_from(["<script>", "\u202e", "data:image/png;base64,AAAA", "answered", "nl"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def outcome(data: bytes | str) -> str:
    """'ok', or the problem's code; any other exception fails the test."""
    try:
        read_export(data, booklets())
    except ImportProblem as problem:
        code = problem.code
    else:
        return "ok"
    assert code in MESSAGES
    return code


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_clearly(data: bytes) -> None:
    """Random bytes never crash the import; they are not taken for a booklet."""
    assert outcome(data) != "ok"


@FUZZ
@given(st.integers(min_value=0, max_value=len(GOOD)))
def test_a_file_cut_off_anywhere_is_refused_or_still_whole(cut: int) -> None:
    """A file cut short is refused as damaged or not an export, unless its data is whole."""
    result = outcome(GOOD[:cut])
    data_end = GOOD.index("</script>") + len("</script>")
    expected = {"ok"} if cut >= data_end else {"damaged", "not-an-export"}
    assert result in expected


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:3]):
            found += paths(inner, (*prefix, index))
    return found


ENVELOPE_PATHS = [p for p in paths(ENVELOPE) if p and p[0] != "checksum"]


def envelope_file(envelope: Any) -> str:
    text = json.dumps(envelope, ensure_ascii=True).replace("<", "\\u003c")
    return GOOD[: GOOD.index(OPEN) + len(OPEN)] + text + GOOD[GOOD.index("</script>") :]


@FUZZ
@given(st.sampled_from(ENVELOPE_PATHS), json_values)
def test_any_field_replaced_by_anything_is_handled(path: tuple[Any, ...], value: Any) -> None:
    """Any field of a sealed file set to any JSON value: a clear problem or a valid read."""
    envelope = copy.deepcopy(ENVELOPE)
    target = envelope
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    # A lone surrogate cannot even be sealed: then the file is read unsealed.
    with contextlib.suppress(ValueError):
        envelope["checksum"]["value"] = checksum(envelope)
    outcome(envelope_file(envelope))


@FUZZ
@given(json_values)
def test_any_json_in_place_of_the_envelope_is_refused(value: Any) -> None:
    """Any JSON value where the envelope should be is refused clearly."""
    assert outcome(envelope_file(value)) != "ok"


@FUZZ
@given(st.text(max_size=300))
def test_any_text_around_the_data_changes_nothing(noise: str) -> None:
    """Text before and after the data block does not stop a good file from reading."""
    start = GOOD.index(OPEN)
    assert outcome(noise.replace(OPEN, "") + GOOD[start:]) == "ok"
