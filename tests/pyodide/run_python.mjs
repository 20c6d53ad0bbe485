// Runs a Python file inside Pyodide under Node, with our package unpacked,
// and prints what the file's last expression evaluates to (a string).
//
//   node tests/pyodide/run_python.mjs BUNDLE.zip SCRIPT.py [INPUT_FILE ...]
//
// Input files are copied into Pyodide's working folder under their own names.
// Pyodide is the pinned npm package in node_modules (or the folder named by
// PYODIDE_DIR, such as the one the built site serves): nothing is fetched.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { loadPyodide } from "pyodide";

const [bundle, script, ...inputs] = process.argv.slice(2);
const pyodide = await loadPyodide({
  indexURL: resolve(process.env.PYODIDE_DIR || "node_modules/pyodide") + "/",
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
pyodide.unpackArchive(new Uint8Array(readFileSync(bundle)), "zip");
for (const input of inputs) {
  pyodide.FS.writeFile(basename(input), new Uint8Array(readFileSync(input)));
}
const result = await pyodide.runPythonAsync(readFileSync(script, "utf8"));
process.stdout.write(String(result));
