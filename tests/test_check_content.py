"""`kaketoe check-content`: every Dutch page has its counterpart in every other language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from kaketoe import ContentError, check_translations
from kaketoe.cli import main


def write(folder: Path, relative: str, text: str = "# Titel\n") -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder in step: two pages in nl, en and ar, and a shared assets folder."""
    for language in ("nl", "en", "ar"):
        write(tmp_path, f"{language}/index.md")
        write(tmp_path, f"{language}/brochure/index.md")
    write(tmp_path, "assets/css/site.css", "body {}\n")
    return tmp_path


def test_the_real_content_has_no_gaps() -> None:
    """The site's own content passes, run as a user runs it: the installed console script."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "kaketoe"), "check-content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_content_in_step_passes(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Matching pages in every language give exit code 0; assets are not taken for a language."""
    assert main(["check-content", "--content", str(content)]) == 0
    assert "every page of content/nl/" in capsys.readouterr().out


def test_a_missing_translation_is_named_and_fails(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Dutch page without its Arabic counterpart is reported by path, with exit code 1."""
    write(content, "nl/brochure/tips.md")
    write(content, "en/brochure/tips.md")
    assert main(["check-content", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert "content/ar/brochure/tips.md is missing" in out
    assert "content/en/brochure/tips.md" not in out


def test_a_page_listed_as_untranslated_passes(content: Path) -> None:
    """A page listed for a language in untranslated.yml, with a reason, is not a gap there."""
    write(content, "nl/handbook/chapter-1.md")
    write(content, "en/handbook/chapter-1.md")
    (content / "untranslated.yml").write_text(
        "ar:\n  - page: handbook/chapter-1.md\n    reason: For professionals, in nl and en.\n",
        encoding="utf-8",
    )
    assert check_translations(content) == []


def test_the_exception_counts_for_its_language_only(content: Path) -> None:
    """An exception for Arabic does not excuse the same page missing in English."""
    write(content, "nl/handbook/chapter-1.md")
    (content / "untranslated.yml").write_text(
        "ar:\n  - page: handbook/chapter-1.md\n    reason: For professionals.\n", encoding="utf-8"
    )
    problems = check_translations(content)
    assert [(p.kind, p.language, str(p.page)) for p in problems] == [
        ("missing", "en", "handbook/chapter-1.md")
    ]


def test_a_translation_without_source_is_reported(content: Path) -> None:
    """A page in English that Dutch does not have is an orphan (renamed or stale)."""
    write(content, "en/old-name.md")
    problems = check_translations(content)
    assert [(p.kind, p.language, str(p.page)) for p in problems] == [
        ("orphan", "en", "old-name.md")
    ]


def test_a_needless_exception_is_reported(content: Path) -> None:
    """An exception for a page that is translated after all, or no longer exists, must go."""
    (content / "untranslated.yml").write_text(
        "ar:\n"
        "  - page: brochure/index.md\n    reason: Was not translated yet.\n"
        "  - page: gone.md\n    reason: Removed page.\n",
        encoding="utf-8",
    )
    problems = check_translations(content)
    assert sorted(str(p.page) for p in problems if p.kind == "needless-exception") == [
        "brochure/index.md",
        "gone.md",
    ]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("ar: [handbook.md]\n", "needs exactly a 'page' and a non-empty 'reason'"),
        ("ar:\n  - page: a.md\n", "needs exactly a 'page' and a non-empty 'reason'"),
        ("ar:\n  - page: a.md\n    reason: ''\n", "non-empty 'reason'"),
        ("- ar\n", "must map a language to a list of pages"),
        ("Arabic: []\n", "is not a two-letter language code"),
        ("fr: []\n", "'fr', which is not a translation folder"),
        ("ar: [unclosed\n", "content/untranslated.yml: not valid YAML"),
    ],
)
def test_a_malformed_exception_list_is_refused_with_a_clear_message(
    content: Path, capsys: pytest.CaptureFixture[str], text: str, complaint: str
) -> None:
    """A broken untranslated.yml stops the check (exit 2) and says what is wrong with it."""
    (content / "untranslated.yml").write_text(text, encoding="utf-8")
    assert main(["check-content", "--content", str(content)]) == 2
    assert complaint in capsys.readouterr().err


def test_a_missing_source_folder_is_refused(tmp_path: Path) -> None:
    """Pointing the check at a folder without content/nl/ is an error, not a pass."""
    with pytest.raises(ContentError):
        check_translations(tmp_path)
    assert main(["check-content", "--content", str(tmp_path)]) == 2
