"""The ``kaketoe`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kaketoe._translations import ContentError, check_translations


def check_content(content_dir: Path, source_language: str) -> int:
    """Print every translation gap; 0 when there is none, 1 when there are, 2 on bad input."""
    try:
        problems = check_translations(content_dir, source_language)
    except ContentError as error:
        print(f"kaketoe check-content: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.message(source_language))
    if problems:
        print(f"{len(problems)} translation problem(s) in {content_dir}")
        return 1
    print(f"every page of content/{source_language}/ has its counterparts in {content_dir}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kaketoe", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check-content",
        help="report pages of the source language that another language lacks",
    )
    check.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="the content folder (default: content)",
    )
    check.add_argument("--source", default="nl", help="the source language (default: nl)")
    check.set_defaults(run=lambda args: check_content(args.content, args.source))
    args = parser.parse_args(argv)
    exit_code: int = args.run(args)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
