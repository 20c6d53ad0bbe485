"""The counselor tools' data for the browser: their words, the monitoring
checklist and the form for risk and protective factors, per language.

The build writes ``app/counselor/<lang>.json`` from ``content/<lang>/counselor/``:
the page draws the forms from it, and the worker reads the same file to score.

It also decides what the viewer shows of a child's file (:func:`viewer_copy`):
a family's copy holds everything, but the counselor sees only what the child
chose to show, the same as in the counselor's copy.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kaketoe._answers import Workbook
from kaketoe._data import DataError, read_yaml
from kaketoe._export import for_counselor
from kaketoe._guidance import count_words, guidance_to_data, load_guidance
from kaketoe._import import ImportedExport
from kaketoe._languages import direction
from kaketoe._monitoring import checklist_to_data, load_checklist
from kaketoe._risk_form import load_risk_form, risk_form_to_data
from kaketoe._schema import read_words

WORDS_FILE = "tools.yml"
WORDS = (
    "tools_title",
    "family_code",
    "family_code_hint",
    "open_code",
    "saved_codes",
    "no_saved_codes",
    "moment",
    "level",
    "this_level",
    "point",
    "points",
    "no_points",
    "not_chosen",
    "note",
    "total",
    "of",
    "scored_domains",
    "trend",
    "scores_loading",
    "scores_failed",
    "retry",
    "saved",
    "storage_failed",
    "handbook",
    "print",
    "back",
    "add_factor",
    "no_answer",
    "needed",
    "summary",
    "present",
    "not_known",
    "still_open",
    "remove",
    "factor",
    "save_file",
    "open_file",
    "open_file_hint",
    "file_ready",
    "file_shows",
    "file_apply",
    "file_exists",
    "file_replace",
    "file_wrong_tool",
    "problem_not_an_export",
    "problem_damaged",
    "problem_checksum",
    "problem_newer_version",
    "problem_unknown_version",
    "problem_bad_content",
    "problem_file_too_large",
    "problem_other_booklet",
    "problem_unknown",
    "problem_not_utf_8",
    "problem_too_deep",
    "problem_duplicate_key",
    "problem_out_of_memory",
    "trend_compared",
    "trend_nothing_compared",
    "summary_loading",
    "summary_failed",
    "file_failed",
    "file_not_opened",
    "file_reading",
    "file_making",
    "failure_time_out",
    "failure_crashed",
    "failure_out_of_memory",
    "failure_start_failed",
    "code_looks_like",
    "code_other_letters",
    "code_open_existing",
    "code_make_new",
    "file_looks_like",
    "file_on_existing",
    "file_as_new",
    "open_elsewhere",
    "take_over",
    "taken_over",
    "take_back",
)


class CounselorWordsError(DataError):
    """The tools' words are wrong somewhere; the message says where."""


def load_words(content_dir: Path, language: str) -> dict[str, str]:
    where = f"content/{language}/counselor/{WORDS_FILE}"
    data = read_yaml(content_dir / language / "counselor" / WORDS_FILE, where, CounselorWordsError)
    return read_words(data, WORDS, where, CounselorWordsError)


def counselor_languages(content_dir: Path) -> list[str]:
    """The languages that have the counselor forms (content/<lang>/counselor/)."""
    return sorted(
        folder.parent.name for folder in content_dir.glob("*/counselor") if folder.is_dir()
    )


def counselor_data(content_dir: Path, language: str) -> dict[str, Any]:
    return {
        "language": language,
        "direction": direction(language),
        "words": load_words(content_dir, language),
        "monitoring": checklist_to_data(load_checklist(content_dir, language)),
        "risk_form": risk_form_to_data(load_risk_form(content_dir, language)),
        "viewer": guidance_to_data(load_guidance(content_dir, language)),
    }


def counselor_to_json(data: dict[str, Any]) -> str:
    """counselor_data() as the JSON file the browser reads."""
    return json.dumps(data, ensure_ascii=False, indent=1)


# What the viewer shows of a child's file ---------------------------------------------------


@dataclass(frozen=True)
class ViewerCopy:
    """A child's file as the viewer shows it."""

    imported: ImportedExport  # with only what the counselor may see, as a counselor's copy
    family: bool  # the file is the family's own copy
    left_out: int  # answers, cards, plan points and goodbye pages the viewer does not show

    def left_out_words(self, guidance: Mapping[str, Any]) -> str:
        """How many items were left out, as a sentence in the viewer's language."""
        return count_words(guidance["left_out"], self.left_out)


def _holds_something(workbook: Workbook) -> int:
    """What a counselor could read in a workbook: answers and cards with content,
    plan points, goodbye pages (a skipped activity holds nothing)."""
    return (
        sum(1 for answer in workbook.answers.values() if answer.state != "skipped")
        + sum(1 for card in workbook.cards.values() if card.state != "skipped")
        + len(workbook.plan)
        + len(workbook.guests)
    )


def viewer_copy(imported: ImportedExport) -> ViewerCopy:
    """What the viewer may show of a file: of a family's copy exactly what the
    counselor's copy would hold (kaketoe._export.for_counselor, the one rule)."""
    if imported.variant == "counselor":
        return ViewerCopy(imported, family=False, left_out=0)
    shown = for_counselor(imported.workbook)
    return ViewerCopy(
        replace(imported, variant="counselor", workbook=shown),
        family=True,
        left_out=_holds_something(imported.workbook) - _holds_something(shown),
    )
