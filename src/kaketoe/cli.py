"""The ``kaketoe`` command line: check the content, validate a file, write a report."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from kaketoe._booklet import Booklet, BookletError, booklet_languages, booklet_to_json, load_booklet
from kaketoe._bundle import write_bundle
from kaketoe._counselor import CounselorWordsError, load_words
from kaketoe._guidance import GuidanceError, load_guidance
from kaketoe._import import ImportedExport, ImportProblem, read_export
from kaketoe._monitoring import ChecklistError, checklist_shape, load_checklist
from kaketoe._parity import parity_problems
from kaketoe._report import report_html
from kaketoe._risk_form import RiskFormError, load_risk_form, risk_form_shape
from kaketoe._route_map import (
    RouteMap,
    RouteMapError,
    load_route_map,
    route_map_languages,
    route_map_parity,
)
from kaketoe._translations import ContentError, check_translations

# Exit codes: 0 fine, 1 the checked thing has problems, 2 the command could not run.
OK, PROBLEMS, CANNOT_RUN = 0, 1, 2


def _booklets(content_dir: Path) -> dict[str, Booklet]:
    return {
        language: load_booklet(content_dir, language) for language in booklet_languages(content_dir)
    }


def check_content(content_dir: Path, source_language: str) -> int:
    """Print every translation gap and booklet problem; 0 when there is none."""
    try:
        problems = [
            p.message(source_language) for p in check_translations(content_dir, source_language)
        ]
    except ContentError as error:
        print(f"kaketoe check-content: {error}", file=sys.stderr)
        return CANNOT_RUN
    booklets: dict[str, Booklet] = {}
    for language in booklet_languages(content_dir):
        try:
            booklets[language] = load_booklet(content_dir, language)
        except BookletError as error:
            problems.append(str(error))
    if booklets:
        problems += parity_problems(booklets, source_language)
    routes: dict[str, RouteMap] = {}
    for language in route_map_languages(content_dir):
        try:
            routes[language] = load_route_map(content_dir, language)
        except RouteMapError as error:
            problems.append(str(error))
    if routes:
        problems += route_map_parity(routes, source_language)
    forms = counselor_languages(content_dir)
    problems += counselor_form_problems(content_dir, forms, source_language, booklets)
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


def counselor_languages(content_dir: Path) -> list[str]:
    """The languages that have the counselor forms (content/<lang>/counselor/)."""
    return sorted(
        folder.parent.name for folder in content_dir.glob("*/counselor") if folder.is_dir()
    )


def counselor_form_problems(
    content_dir: Path,
    languages: list[str],
    source_language: str,
    booklets: Mapping[str, Booklet] | None = None,
) -> list[str]:
    """Each form must be valid, link to a handbook page, and have the source's ids."""
    problems: list[str] = []
    shapes: dict[tuple[str, str], object] = {}
    for language in languages:
        found: list[tuple[str, str, object]] = []  # (file, handbook page, shape)
        try:
            risk = load_risk_form(content_dir, language)
            found.append(("risk-form.yml", risk.handbook, risk_form_shape(risk)))
        except RiskFormError as error:
            problems.append(str(error))
        try:
            checklist = load_checklist(content_dir, language)
            found.append(("monitoring.yml", checklist.handbook, checklist_shape(checklist)))
        except ChecklistError as error:
            problems.append(str(error))
        try:
            load_words(content_dir, language)
        except CounselorWordsError as error:
            problems.append(str(error))
        try:
            known = (booklets or {}).get(language)
            parts = [p.id for p in (known or load_booklet(content_dir, language)).parts]
            load_guidance(content_dir, language, parts)
        except (GuidanceError, BookletError) as error:
            problems.append(str(error))
        for name, handbook, shape in found:
            where = f"content/{language}/counselor/{name}"
            if not (content_dir / language / "handbook" / f"{handbook}.md").is_file():
                problems.append(f"{where}: there is no handbook page {handbook}.md")
            shapes[language, name] = shape
    for (language, name), shape in shapes.items():
        source = shapes.get((source_language, name))
        if language != source_language and source is not None and shape != source:
            problems.append(
                f"content/{language}/counselor/{name}: its ids, points or lists differ "
                f"from content/{source_language}/counselor/{name}"
            )
    return problems


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
    workbook, booklet = imported.workbook, imported.booklet
    pages = f"{len(workbook.guests)} goodbye page(s)"
    if workbook.material == "cards" and booklet.deck is not None:
        cards = Counter(card.state for card in workbook.cards.values())
        return (
            f"the cards {booklet.deck.id} v{booklet.deck.version} in {booklet.language}, "
            f"{cards['answered']} card(s) answered, {cards['talk']} kept for a talk, "
            f"{len(workbook.plan)} plan point(s), {pages}"
        )
    answers = Counter(answer.state for answer in workbook.answers.values())
    return (
        f"booklet {booklet.id} v{booklet.version} in {booklet.language}, "
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
    """Write each language's booklet as JSON for the app (the site build calls this)."""
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


def bundle_command(out: Path) -> int:
    """Write the package and its pure-Python dependencies as a zip for Pyodide."""
    write_bundle(out)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
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

    pack = commands.add_parser("bundle", help="write the zip that Pyodide loads in the browser")
    pack.add_argument("out", type=Path)
    pack.set_defaults(run=lambda args: bundle_command(args.out))

    args = parser.parse_args(argv)
    exit_code: int = args.run(args)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
