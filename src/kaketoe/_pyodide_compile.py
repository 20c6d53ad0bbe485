"""Python compiled ahead for the browser (run inside Pyodide, by the app build).

Pyodide's npm package carries its standard library as Python source, so every
start in the browser compiles each module it imports; so would our bundle.
Upstream publishes a "py-compiled" build for that reason; we make the same
thing, because bytecode is tied to Pyodide's Python version and only Pyodide's
own Python can write it. ``compile_python.mjs`` (next to this module) starts
the pinned Pyodide under Node, unpacks the bundle and calls :func:`main`.

What it writes:

- the standard library with each module the app uses (Pyodide's own start,
  our package, an export and an import) as bytecode only; the rest stays
  source, so the download grows little (0.7 MB);
- the bundle with bytecode for every module: our own package keeps its source
  beside it, for readable tracebacks; Jinja2 and MarkupSafe become bytecode
  only, as Pyodide's own packages are.

The bytecode is "unchecked-hash": Python uses it without comparing dates,
which an unpacked zip does not keep. Entries keep fixed dates, so the same
input gives the same bytes.
"""

from __future__ import annotations

import compileall
import py_compile
import sys
import zipfile
from pathlib import Path

UNCHECKED = py_compile.PycInvalidationMode.UNCHECKED_HASH
STDLIB = "/lib/python314.zip/"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def _run_the_app(booklet_json: str) -> None:
    """What the app's worker and the counselor tools import and run: an export
    of each kind, read back, so every module they use is imported now."""
    from kaketoe import _form_file, _monitoring, _report, _risk_form, worker  # noqa: F401
    from kaketoe._answers import PROFILE_COLOURS, Profile, Workbook
    from kaketoe._booklet import booklet_from_json
    from kaketoe._export import export_html, warm_up
    from kaketoe._import import read_export

    booklet = booklet_from_json(booklet_json)
    warm_up(booklet)
    workbook = Workbook(
        material_id=booklet.id,
        material_version=booklet.version,
        language=booklet.language,
        profile=Profile(nickname="k", colour=PROFILE_COLOURS[0]),
    )
    moment = "2026-01-01T00:00:00+00:00"
    for variant in ("family", "counselor"):
        made = export_html(workbook, booklet, variant, created=moment, updated=moment)
        read_export(made.encode(), {booklet.language: booklet})


def _standard_library_used() -> set[str]:
    used = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(STDLIB) and origin.endswith(".py"):
            used.add(origin[len(STDLIB) :])
    return used


ZipDate = tuple[int, int, int, int, int, int]


def _entry(name: str, date_time: ZipDate = FIXED_DATE) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def _compile_standard_library(source: Path, target: Path, used: set[str], work: Path) -> None:
    """source's entries into target, in the same order; those in used as bytecode
    only (name + "c"), as upstream's py-compiled build has them."""
    module, compiled = work / "module.py", work / "module.pyc"
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for entry in old.infolist():
            data = old.read(entry)
            if entry.filename not in used:
                new.writestr(_entry(entry.filename), data)
                continue
            module.write_bytes(data)
            py_compile.compile(
                str(module),
                cfile=str(compiled),
                doraise=True,
                dfile=STDLIB + entry.filename,
                invalidation_mode=UNCHECKED,
            )
            new.writestr(_entry(entry.filename + "c"), compiled.read_bytes())


def _compile_bundle(source: Path, unpacked: Path, target: Path) -> None:
    compileall.compile_dir(str(unpacked), quiet=1, invalidation_mode=UNCHECKED)
    tag = sys.implementation.cache_tag
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for entry in old.infolist():
            if not entry.filename.endswith(".py"):
                new.writestr(entry, old.read(entry))
                continue
            folder, _, name = entry.filename.rpartition("/")
            cached = f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc"
            bytecode = (unpacked / cached).read_bytes()
            if entry.filename.startswith("kaketoe/"):
                new.writestr(entry, old.read(entry))
                new.writestr(_entry(cached, entry.date_time), bytecode)
            else:
                new.writestr(_entry(entry.filename + "c", entry.date_time), bytecode)


def main(work: str) -> str:
    """In folder ``work`` (Pyodide's file system): stdlib.zip, bundle.zip (unpacked in
    bundle/, which is on sys.path) and booklet.json in; python_stdlib.zip and
    compiled-bundle.zip out. Returns a line for the build's log."""
    folder = Path(work)
    _run_the_app((folder / "booklet.json").read_text(encoding="utf-8"))
    used = _standard_library_used()
    _compile_standard_library(folder / "stdlib.zip", folder / "python_stdlib.zip", used, folder)
    _compile_bundle(folder / "bundle.zip", folder / "bundle", folder / "compiled-bundle.zip")
    return f"compiled {len(used)} standard library modules"
