"""De reis van de kaketoe: the booklet, its answers, the export format and the report.

The same package runs on CPython (tests, command line) and in the browser in
Pyodide, so it is pure Python; only reading the YAML content needs PyYAML.
"""

__version__ = "0.2.0"

from kaketoe._answers import (
    Answer,
    Guest,
    Image,
    Person,
    PlacedSticker,
    Profile,
    Workbook,
    answer_from_data,
    answer_to_data,
    earns_sticker,
    workbook_from_data,
    workbook_to_data,
)
from kaketoe._booklet import (
    Activity,
    Booklet,
    BookletError,
    booklet_from_json,
    booklet_languages,
    booklet_to_json,
    load_booklet,
)
from kaketoe._checks import AnswerError
from kaketoe._export import FORMAT, VERSION, export_html, warm_up
from kaketoe._import import ImportedExport, ImportProblem, read_export
from kaketoe._parity import parity_problems
from kaketoe._report import report_html
from kaketoe._translations import (
    ContentError,
    TranslationProblem,
    check_translations,
    load_untranslated,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "Activity",
    "Answer",
    "AnswerError",
    "Booklet",
    "BookletError",
    "ContentError",
    "Guest",
    "Image",
    "ImportProblem",
    "ImportedExport",
    "Person",
    "PlacedSticker",
    "Profile",
    "TranslationProblem",
    "Workbook",
    "__version__",
    "answer_from_data",
    "answer_to_data",
    "booklet_from_json",
    "booklet_languages",
    "booklet_to_json",
    "check_translations",
    "earns_sticker",
    "export_html",
    "load_booklet",
    "load_untranslated",
    "parity_problems",
    "read_export",
    "report_html",
    "warm_up",
    "workbook_from_data",
    "workbook_to_data",
]
