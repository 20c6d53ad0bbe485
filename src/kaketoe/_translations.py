"""Which pages of the source language are missing in another language.

The site uses mkdocs-static-i18n's folder structure: ``content/<lang>/`` holds
one language, with the same relative path for the same page in every
language. The source language (Dutch) is the reference. A page may be left
untranslated on purpose only when ``content/untranslated.yml`` says so, with a
reason; that file is the one list of such exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from kaketoe._data import DataError, read_yaml

UNTRANSLATED_FILE = "untranslated.yml"
# The rule mkdocs-static-i18n applies: a two-letter lowercase folder under the
# docs dir is a language.
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}$")
PAGE_SUFFIX = ".md"

ProblemKind = Literal["missing", "orphan", "needless-exception"]


class ContentError(DataError):
    """The content folder or its list of untranslated pages cannot be read."""


@dataclass(frozen=True)
class TranslationProblem:
    """One way in which a language is out of step with the source language."""

    kind: ProblemKind
    language: str
    page: PurePosixPath  # relative to the language folder

    def message(self, source_language: str) -> str:
        """A sentence that names the file and what to do about it."""
        here = f"content/{self.language}/{self.page}"
        source = f"content/{source_language}/{self.page}"
        if self.kind == "missing":
            return (
                f"{here} is missing: translate {source}, or list it under "
                f"'{self.language}' in content/{UNTRANSLATED_FILE} with a reason"
            )
        if self.kind == "orphan":
            return f"{here} has no source page {source}: remove or rename it"
        return (
            f"content/{UNTRANSLATED_FILE} lists {self.page} under '{self.language}', "
            f"but {here} exists or {source} does not: remove the entry"
        )


def languages(content_dir: Path) -> list[str]:
    """The language folders of the content dir, sorted."""
    return sorted(
        child.name
        for child in content_dir.iterdir()
        if child.is_dir() and LANGUAGE_FOLDER.match(child.name)
    )


def pages(language_dir: Path) -> set[PurePosixPath]:
    """The pages of one language, as paths relative to its folder."""
    return {
        PurePosixPath(path.relative_to(language_dir).as_posix())
        for path in language_dir.rglob(f"*{PAGE_SUFFIX}")
        if path.is_file()
    }


def load_untranslated(content_dir: Path) -> dict[str, set[PurePosixPath]]:
    """The pages each language leaves untranslated on purpose.

    The file maps a language to a list of ``{page: ..., reason: ...}``. A
    missing file means no exceptions; a malformed one raises ContentError.
    """
    path = content_dir / UNTRANSLATED_FILE
    if not path.exists():
        return {}
    where = f"content/{UNTRANSLATED_FILE}"
    data = read_yaml(path, where, ContentError)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError(where, "must map a language to a list of pages")
    exceptions: dict[str, set[PurePosixPath]] = {}
    for language, entries in data.items():
        if not isinstance(language, str) or not LANGUAGE_FOLDER.match(language):
            raise ContentError(where, f"{language!r} is not a two-letter language code")
        if entries is None:
            entries = []
        if not isinstance(entries, list):
            raise ContentError(where, f"'{language}' must hold a list of pages")
        pages_of_language: set[PurePosixPath] = set()
        for number, entry in enumerate(entries, start=1):
            if (
                not isinstance(entry, dict)
                or set(entry) != {"page", "reason"}
                or not all(isinstance(entry[key], str) and entry[key].strip() for key in entry)
            ):
                raise ContentError(
                    where,
                    f"entry {number} under '{language}' needs exactly "
                    "a 'page' and a non-empty 'reason'",
                )
            pages_of_language.add(PurePosixPath(entry["page"]))
        exceptions[language] = pages_of_language
    return exceptions


def check_translations(content_dir: Path, source_language: str = "nl") -> list[TranslationProblem]:
    """Every page that is missing, has no source, or is needlessly excused, sorted."""
    if not (content_dir / source_language).is_dir():
        raise ContentError(str(content_dir / source_language), "is not a folder")
    source_pages = pages(content_dir / source_language)
    exceptions = load_untranslated(content_dir)
    found = languages(content_dir)
    for language in exceptions:
        if language not in found or language == source_language:
            raise ContentError(
                f"content/{UNTRANSLATED_FILE}",
                f"names '{language}', which is not a translation folder in content/",
            )
    problems: list[TranslationProblem] = []
    for language in found:
        if language == source_language:
            continue
        translated = pages(content_dir / language)
        excused = exceptions.get(language, set())
        for page in sorted(source_pages - translated - excused):
            problems.append(TranslationProblem("missing", language, page))
        for page in sorted(translated - source_pages):
            problems.append(TranslationProblem("orphan", language, page))
        for page in sorted(excused & translated | excused - source_pages):
            problems.append(TranslationProblem("needless-exception", language, page))
    return problems
