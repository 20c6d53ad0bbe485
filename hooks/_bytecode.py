"""Python compiled ahead for the browser: the standard library and our bundle.

Pyodide's npm package carries its standard library as source, so every start
in the browser compiles the modules it imports; so would our bundle. With
bytecode made ahead the app's worker is ready about twice as fast (see
docs/performance.md). Only Pyodide's own Python 3.14 can write that bytecode,
so ``hooks/compile_python.mjs`` does the work under Node with the pinned
Pyodide; this module runs it and keeps the result in ``.cache/bytecode/``,
by the hash of the inputs, so a rebuild during ``mkdocs serve`` costs nothing.

The booklet only serves as work to run (an export and an import) so the
compiler sees which modules the app uses; it is not part of the key: a
booklet's text does not change which modules run.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("compile_python.mjs")
OUTPUTS = ("python_stdlib.zip", "bundle.zip")


class BytecodeError(RuntimeError):
    pass


def compiled(root: Path, pyodide: Path, bundle: Path, booklet: Path) -> dict[str, Path]:
    """The compiled standard library and bundle, by the names in OUTPUTS."""
    key = hashlib.sha256()
    for path in (SCRIPT, pyodide / "package.json", pyodide / "python_stdlib.zip", bundle):
        key.update(path.read_bytes())
    folder = root / ".cache" / "bytecode" / key.hexdigest()[:20]
    results = {name: folder / name for name in OUTPUTS}
    if all(path.is_file() for path in results.values()):
        return results
    node = shutil.which("node")
    if node is None:
        raise BytecodeError("Node is missing: the build compiles Python with Pyodide under Node")
    shutil.rmtree(folder.parent, ignore_errors=True)  # older results are of no use
    work = folder.with_name(folder.name + ".partial")
    work.mkdir(parents=True)
    done = subprocess.run(
        [node, str(SCRIPT), str(pyodide), str(bundle), str(booklet), str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise BytecodeError(f"compiling Python for the browser failed:\n{done.stderr[-3000:]}")
    work.rename(folder)
    return results
