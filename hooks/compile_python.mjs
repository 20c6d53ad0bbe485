// Python compiled ahead, for a quicker start in the browser (run by
// hooks/_bytecode.py during the build, under Node, with the pinned Pyodide).
//
//   node hooks/compile_python.mjs <pyodide dir> <bundle.zip> <booklet.json> <out dir>
//
// Pyodide's npm package carries its standard library as Python source, so
// every start compiles each module it imports (about two thirds of a bare
// start on this machine). Upstream publishes a "py-compiled" build for that
// reason; we make the same thing here, because bytecode is tied to
// Pyodide's Python version and only Pyodide's Python can write it.
//
// Writes <out dir>/python_stdlib.zip: the standard library with each module
// the app uses (Pyodide's own start, our package, an export and an import)
// as bytecode; the rest stays source, so the download grows little (0.7 MB).
// And <out dir>/bundle.zip: our bundle with bytecode for every module (next
// to the source for our own package). The bytecode is "unchecked-hash":
// Python uses it without comparing dates, which an unpacked zip does not keep.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, bundlePath, bookletPath, outDir] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
pyodide.FS.mkdirTree("/build/bundle");
pyodide.FS.writeFile("/build/stdlib.zip", readFileSync(`${pyodideDir}/python_stdlib.zip`));
pyodide.FS.writeFile("/build/bundle.zip", readFileSync(bundlePath));
pyodide.FS.writeFile("/build/booklet.json", readFileSync(bookletPath));

pyodide.runPython(`
import compileall, py_compile, sys, zipfile

UNCHECKED = py_compile.PycInvalidationMode.UNCHECKED_HASH
STDLIB = "/lib/python314.zip/"

with zipfile.ZipFile("/build/bundle.zip") as archive:
    archive.extractall("/build/bundle")
sys.path.insert(0, "/build/bundle")

# What the app's worker does: import the package, export, read the file back.
import kaketoe
from kaketoe import _form_file, _monitoring, _report, _risk_form, _worker  # noqa: F401
from kaketoe import booklet_from_json, export_html, read_export, warm_up
from kaketoe._answers import PROFILE_COLOURS, Profile, Workbook
booklet = booklet_from_json(open("/build/booklet.json", encoding="utf-8").read())
warm_up(booklet)
workbook = Workbook(booklet_id=booklet.id, booklet_version=booklet.version,
                    language=booklet.language, profile=Profile(nickname="k", colour=PROFILE_COLOURS[0]))
moment = "2026-01-01T00:00:00+00:00"
for variant in ("family", "counselor"):
    read_export(export_html(workbook, booklet, variant, created=moment, updated=moment).encode(),
                {booklet.language: booklet})

used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(STDLIB) and origin.endswith(".py"):
        used.add(origin[len(STDLIB):])


def entry_named(name, date_time=(1980, 1, 1, 0, 0, 0)):
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def copy(source, target, compiled):
    """source's entries into target, in the same order; the names in compiled as
    bytecode only (name + "c"), as upstream's py-compiled build has them: the
    source would add 0.7 MB to the download for tracebacks' sake. Fixed dates,
    so the same input gives the same bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
        for entry in old.infolist():
            data = old.read(entry)
            if entry.filename not in compiled:
                new.writestr(entry_named(entry.filename), data)
            else:
                with open("/build/module.py", "wb") as file:
                    file.write(data)
                py_compile.compile("/build/module.py", cfile="/build/module.pyc", doraise=True,
                                   dfile=STDLIB + entry.filename, invalidation_mode=UNCHECKED)
                new.writestr(entry_named(entry.filename + "c"), open("/build/module.pyc", "rb").read())

copy("/build/stdlib.zip", "/build/stdlib-compiled.zip", used)
print(f"compiled {len(used)} standard library modules")

compileall.compile_dir("/build/bundle", quiet=1, invalidation_mode=UNCHECKED)
with zipfile.ZipFile("/build/bundle.zip") as old, zipfile.ZipFile(
        "/build/bundle-compiled.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
    for entry in old.infolist():
        if not entry.filename.endswith(".py"):
            new.writestr(entry, old.read(entry))
            continue
        folder, _, name = entry.filename.rpartition("/")
        cached = f"{folder}/__pycache__/{name[:-3]}.{sys.implementation.cache_tag}.pyc"
        bytecode = open("/build/bundle/" + cached, "rb").read()
        if entry.filename.startswith("kaketoe/"):
            # Ours keeps its source, for readable tracebacks.
            new.writestr(entry, old.read(entry))
            new.writestr(entry_named(cached, entry.date_time), bytecode)
        else:
            # Jinja2 and MarkupSafe as bytecode only, as Pyodide's own packages are.
            new.writestr(entry_named(entry.filename + "c", entry.date_time), bytecode)
`);
writeFileSync(`${outDir}/python_stdlib.zip`, pyodide.FS.readFile("/build/stdlib-compiled.zip"));
writeFileSync(`${outDir}/bundle.zip`, pyodide.FS.readFile("/build/bundle-compiled.zip"));
