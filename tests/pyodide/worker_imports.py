# Run inside Pyodide by tests/test_python_bytecode.py: does what the app's
# worker does, and names every module Python had to compile from source.
import importlib.machinery
import json
import zipimport
from typing import Any

from_source: list[str] = []
_zip_source = zipimport._compile_source  # type: ignore[attr-defined]
_file_source = importlib.machinery.SourceFileLoader.source_to_code


def zip_spy(pathname: str, source: bytes) -> Any:
    from_source.append(pathname)
    return _zip_source(pathname, source)


def file_spy(self: Any, data: bytes, path: str, *args: Any, **kwargs: Any) -> Any:
    from_source.append(path)
    return _file_source(self, data, path, *args, **kwargs)


zipimport._compile_source = zip_spy  # type: ignore[attr-defined]
importlib.machinery.SourceFileLoader.source_to_code = file_spy  # type: ignore[method-assign, assignment]

from kaketoe import booklet_from_json, export_html, read_export, warm_up  # noqa: E402
from kaketoe._answers import PROFILE_COLOURS, Profile, Workbook  # noqa: E402
from kaketoe._form_file import read_form_file  # noqa: E402, F401  (the counselor tools)
from kaketoe._monitoring import checklist_from_data  # noqa: E402, F401
from kaketoe._report import viewer_html  # noqa: E402, F401
from kaketoe._risk_form import risk_form_from_data  # noqa: E402, F401
from kaketoe.worker import handle  # noqa: E402, F401  (what the worker runs)

with open("nl.json", encoding="utf-8") as file:
    booklet = booklet_from_json(file.read())
warm_up(booklet)
workbook = Workbook(
    material_id=booklet.id,
    material_version=booklet.version,
    language="nl",
    profile=Profile(nickname="Noor", colour=PROFILE_COLOURS[0]),
)
moment = "2026-12-01T10:00:00+00:00"
made = export_html(workbook, booklet, "family", created=moment, updated=moment)
read_back = read_export(made.encode("utf-8"), {"nl": booklet})
json.dumps({"from source": from_source, "read back": read_back.workbook.profile.nickname})
