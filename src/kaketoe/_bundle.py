"""The package for the browser: a reproducible zip that Pyodide unpacks.

Pyodide's npm package holds no wheels and we never let it fetch any, so the
zip carries ``kaketoe`` with its pure-Python dependencies: Jinja2, and
MarkupSafe without its C speedups (it falls back to its own pure-Python
code). PyYAML stays out: the browser reads the booklet as JSON.

The same inputs always give the same bytes: entries are sorted and carry a
fixed date (``SOURCE_DATE_EPOCH``, or 1980-01-01) and fixed permissions.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from importlib import metadata, util
from pathlib import Path

PACKAGES = {"kaketoe": "kaketoe", "jinja2": "Jinja2", "markupsafe": "MarkupSafe"}
# compile_python.mjs runs at build time, under Node: the browser never needs it.
SKIPPED_SUFFIXES = {".so", ".pyd", ".c", ".pyi", ".pyc", ".mjs"}
EARLIEST_ZIP_DATE = 315532800  # 1980-01-01, the first date a zip file can hold


def _package_dir(name: str) -> Path:
    spec = util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _files() -> Iterator[tuple[str, Path]]:
    for name, distribution in PACKAGES.items():
        folder = _package_dir(name)
        for path in sorted(folder.rglob("*")):
            wanted = path.suffix not in SKIPPED_SUFFIXES and "__pycache__" not in path.parts
            if wanted and path.is_file():
                yield f"{name}/{path.relative_to(folder).as_posix()}", path
        if name == "kaketoe":
            continue
        for file in metadata.files(distribution) or []:
            if "licen" in file.name.lower():
                yield f"licenses/{distribution}-{file.name}", Path(str(file.locate()))


def _date() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", EARLIEST_ZIP_DATE)), EARLIEST_ZIP_DATE)
    return time.gmtime(epoch)[:6]


def bundle() -> bytes:
    """The zip, as bytes."""
    buffer = io.BytesIO()
    date = _date()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in sorted(_files()):
            entry = zipfile.ZipInfo(name, date_time=date)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    return buffer.getvalue()


def write_bundle(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bundle())
    return path
