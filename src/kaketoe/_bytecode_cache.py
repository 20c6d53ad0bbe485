"""Bytecode for the browser, made once per input and kept in ``.cache/bytecode/``.

Making it (:mod:`kaketoe._pyodide_compile`, under Node with the pinned
Pyodide) takes several seconds; the result depends only on the compile code,
Pyodide and our bundle, so it is kept by the hash of those and a rebuild
during ``mkdocs serve`` costs nothing. The booklet only serves as work to run
(an export and an import) so the compiler sees which modules the app uses; it
is not part of the key: a booklet's text does not change which modules run.

Two builds at once (two test workers on a fresh clone) are safe: each makes
its result in a folder of its own and moves it into place in one step.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "compile_python.mjs"
COMPILER = HERE / "_pyodide_compile.py"
OUTPUTS = ("python_stdlib.zip", "bundle.zip")


class BytecodeError(RuntimeError):
    pass


def compiled(root: Path, pyodide: Path, bundle: Path, booklet: Path) -> dict[str, Path]:
    """The compiled standard library and bundle, by the names in OUTPUTS."""
    key = hashlib.sha256()
    for path in (SCRIPT, COMPILER, pyodide / "package.json", pyodide / "python_stdlib.zip", bundle):
        key.update(path.read_bytes())
    cache = root / ".cache" / "bytecode"
    folder = cache / key.hexdigest()[:20]
    results = {name: folder / name for name in OUTPUTS}
    if all(path.is_file() for path in results.values()):
        return results
    node = shutil.which("node")
    if node is None:
        raise BytecodeError("Node is missing: the build compiles Python with Pyodide under Node")
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=folder.name + ".", suffix=".partial", dir=cache))
    done = subprocess.run(
        [node, str(SCRIPT), str(pyodide), str(bundle), str(booklet), str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise BytecodeError(f"compiling Python for the browser failed:\n{done.stderr[-3000:]}")
    try:
        work.rename(folder)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)  # another build was quicker: same bytes
    # Older results are of no more use; another build's work in progress is left alone.
    for old in cache.iterdir():
        if old != folder and not old.name.endswith(".partial"):
            shutil.rmtree(old, ignore_errors=True)
    return results
