"""The ``kaketoe`` command line: check the content, validate a file, write a report."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from kaketoe._booklet import Booklet, BookletError, booklet_languages, booklet_to_json, load_booklet
from kaketoe._counselor import counselor_languages, load_words
from kaketoe._data import DataError
from kaketoe._guidance import load_guidance
from kaketoe._import import ImportedExport, ImportProblem, read_export
from kaketoe._monitoring import Checklist, load_checklist
from kaketoe._parity import parity_problems
from kaketoe._report import report_html
from kaketoe._risk_form import RiskForm, load_risk_form
from kaketoe._route_map import load_route_map, route_map_languages
from kaketoe._schema import source_where
from kaketoe._translations import ContentError, check_translations

# Exit codes: 0 fine, 1 the checked thing has problems, 2 the command could not run.
OK, PROBLEMS, CANNOT_RUN = 0, 1, 2
T = TypeVar("T")


def _booklets(content_dir: Path) -> dict[str, Booklet]:
    return {
        language: load_booklet(content_dir, language) for language in booklet_languages(content_dir)
    }


def _loaded(languages: list[str], load: Callable[[str], T], problems: list[str]) -> dict[str, T]:
    """What loads in each language; the problem of each that does not, in ``problems``."""
    found = {}
    for language in languages:
        try:
            found[language] = load(language)
        except DataError as error:
            problems.append(str(error))
    return found


def check_content(content_dir: Path, source_language: str) -> int:
    """Print every translation gap and content problem; 0 when there is none."""
    try:
        problems = [
            p.message(source_language) for p in check_translations(content_dir, source_language)
        ]
    except ContentError as error:
        print(f"kaketoe check-content: {error}", file=sys.stderr)
        return CANNOT_RUN
    booklets = _loaded(
        booklet_languages(content_dir), lambda lang: load_booklet(content_dir, lang), problems
    )
    problems += parity_problems(booklets, source_language)
    routes = _loaded(
        route_map_languages(content_dir), lambda lang: load_route_map(content_dir, lang), problems
    )
    problems += parity_problems(routes, source_language)
    forms = counselor_languages(content_dir)
    problems += counselor_form_problems(content_dir, forms, source_language)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} content problem(s) in {content_dir}")
        return PROBLEMS
    print(
        f"every page of content/{source_language}/ has its counterparts in {content_dir}; "
        f"the booklet is valid and the same in {', '.join(sorted(booklets)) or 'no language'}; "
        f"so is the route map in {', '.join(sorted(routes)) or 'no language'}; "
        f"and the counselor forms in {', '.join(forms) or 'no language'}"
    )
    return OK


def counselor_form_problems(
    content_dir: Path, languages: list[str], source_language: str
) -> list[str]:
    """Each form must be valid, link to a handbook page, and be the same in every language;
    the tools' words and the viewer's guidance must be valid."""
    problems: list[str] = []
    _loaded(languages, lambda lang: load_words(content_dir, lang), problems)
    _loaded(languages, lambda lang: load_guidance(content_dir, lang), problems)
    checklists = _loaded(languages, lambda lang: load_checklist(content_dir, lang), problems)
    risk_forms = _loaded(languages, lambda lang: load_risk_form(content_dir, lang), problems)
    found: list[Checklist | RiskForm] = [*checklists.values(), *risk_forms.values()]
    for form in found:
        if not (content_dir / form.language / "handbook" / f"{form.handbook}.md").is_file():
            where = source_where(type(form), form.language)
            problems.append(f"{where}: there is no handbook page {form.handbook}.md")
    return (
        problems
        + parity_problems(checklists, source_language)
        + parity_problems(risk_forms, source_language)
    )


def validate(path: Path, content_dir: Path, language: str) -> int:
    """Say whether an export file can be read back, in the given language."""
    try:
        booklets = _booklets(content_dir)
        data = path.read_bytes()
    except (BookletError, OSError) as error:
        print(f"kaketoe validate: {error}", file=sys.stderr)
        return CANNOT_RUN
    try:
        imported = read_export(data, booklets)
    except ImportProblem as problem:
        speaker = booklets.get(language) or next(iter(booklets.values()))
        print(f"{path}: {problem.message(speaker)} ({problem})")
        return PROBLEMS
    print(f"{path}: valid {imported.variant} export, {holds(imported)}")
    return OK


def holds(imported: ImportedExport) -> str:
    """What a file holds, in a few words: the booklet and its answers, or the
    deck of cards with the cards answered and the plan points."""
    workbook, language = imported.workbook, imported.booklet.language
    pages = f"{len(workbook.guests)} goodbye page(s)"
    made_for = f"{workbook.material_id} v{workbook.material_version} in {language}"
    if workbook.material == "cards":
        cards = Counter(card.state for card in workbook.cards.values())
        return (
            f"the cards {made_for}, "
            f"{cards['answered']} card(s) answered, {cards['talk']} kept for a talk, "
            f"{len(workbook.plan)} plan point(s), {pages}"
        )
    answers = Counter(answer.state for answer in workbook.answers.values())
    return (
        f"booklet {made_for}, "
        f"{answers['answered']} answer(s), {answers['talk']} kept for a talk, "
        f"{len(workbook.stickers)} sticker(s), {pages}"
    )


def report(path: Path, content_dir: Path, language: str, output: Path | None) -> int:
    """Write the counselor's report of an export file, questions in ``language``."""
    try:
        booklets = _booklets(content_dir)
        data = path.read_bytes()
    except (BookletError, OSError) as error:
        print(f"kaketoe report: {error}", file=sys.stderr)
        return CANNOT_RUN
    if language not in booklets:
        print(f"kaketoe report: no booklet in language '{language}'", file=sys.stderr)
        return CANNOT_RUN
    try:
        imported = read_export(data, booklets)
    except ImportProblem as problem:
        print(f"{path}: {problem.message(booklets[language])} ({problem})")
        return PROBLEMS
    html = report_html(imported, booklets[language])
    if output is None:
        sys.stdout.write(html)
    else:
        output.write_text(html, encoding="utf-8")
        print(f"report written to {output}")
    return OK


def write_booklets(content_dir: Path, out_dir: Path) -> int:
    """Write each language's booklet as JSON, as booklet.<lang>.json: for scripts and
    tests that run the package in Pyodide outside the site (the app build writes
    its own, with kaketoe build-app)."""
    try:
        booklets = _booklets(content_dir)
    except BookletError as error:
        print(f"kaketoe write-booklets: {error}", file=sys.stderr)
        return PROBLEMS
    out_dir.mkdir(parents=True, exist_ok=True)
    for language, booklet in booklets.items():
        (out_dir / f"booklet.{language}.json").write_text(
            booklet_to_json(booklet), encoding="utf-8"
        )
    print(f"wrote {len(booklets)} booklet(s) to {out_dir}")
    return OK


def build_app_command(site: Path, root: Path) -> int:
    """Put the app into a built site (the site build's last step does the same)."""
    from kaketoe._app_build import AppBuildError, Project, build_app
    from kaketoe._bytecode_cache import BytecodeError
    from kaketoe._data import DataError
    from kaketoe._settings import site_settings

    try:
        out = build_app(Project(root, site_settings(root)), site)
    except (AppBuildError, BytecodeError, DataError) as error:
        print(f"kaketoe build-app: {error}", file=sys.stderr)
        return PROBLEMS
    print(f"built the app in {out}")
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kaketoe", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def content_option(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--content",
            type=Path,
            default=Path("content"),
            help="the content folder (default: content)",
        )

    check = commands.add_parser(
        "check-content", help="check translations of pages and the booklet in every language"
    )
    content_option(check)
    check.add_argument("--source", default="nl", help="the source language (default: nl)")
    check.set_defaults(run=lambda args: check_content(args.content, args.source))

    valid = commands.add_parser("validate", help="check that an export file can be read back")
    valid.add_argument("file", type=Path)
    valid.add_argument("--lang", default="nl", help="language of the messages (default: nl)")
    content_option(valid)
    valid.set_defaults(run=lambda args: validate(args.file, args.content, args.lang))

    rep = commands.add_parser("report", help="write the counselor's report of an export file")
    rep.add_argument("file", type=Path)
    rep.add_argument("--lang", default="nl", help="language of the questions (default: nl)")
    rep.add_argument("-o", "--output", type=Path, help="the HTML file to write (default: stdout)")
    content_option(rep)
    rep.set_defaults(run=lambda args: report(args.file, args.content, args.lang, args.output))

    write = commands.add_parser("write-booklets", help="write the booklets as JSON for the app")
    content_option(write)
    write.add_argument("out", type=Path)
    write.set_defaults(run=lambda args: write_booklets(args.content, args.out))

    app = commands.add_parser("build-app", help="put the app into a built site (SITE_DIR/app/)")
    app.add_argument("site", type=Path, metavar="SITE_DIR")
    app.add_argument(
        "--root", type=Path, default=Path(), help="the project folder (default: the current one)"
    )
    app.set_defaults(run=lambda args: build_app_command(args.site, args.root))

    args = parser.parse_args(argv)
    exit_code: int = args.run(args)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
