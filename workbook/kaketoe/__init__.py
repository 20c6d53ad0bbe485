"""De reis van de kaketoe: the booklet, its answers, the export format and the report.

The same package runs on CPython (tests, command line) and in the browser in
Pyodide, so it is pure Python. For now it holds the content checks that keep
the languages of the site in step.
"""

from kaketoe._translations import (
    ContentError,
    TranslationProblem,
    check_translations,
    load_untranslated,
)

__all__ = [
    "ContentError",
    "TranslationProblem",
    "check_translations",
    "load_untranslated",
]
