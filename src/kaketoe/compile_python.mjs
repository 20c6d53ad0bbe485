// Runs kaketoe._pyodide_compile inside the pinned Pyodide under Node (the app
// build calls it; see that module for what it makes and why).
//
//   node compile_python.mjs <pyodide dir> <bundle.zip> <booklet.json> <out dir>
//
// Writes <out dir>/python_stdlib.zip and <out dir>/bundle.zip.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, bundlePath, bookletPath, outDir] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
const bundle = readFileSync(bundlePath);
pyodide.FS.mkdirTree("/build/bundle");
pyodide.FS.writeFile("/build/stdlib.zip", readFileSync(`${pyodideDir}/python_stdlib.zip`));
pyodide.FS.writeFile("/build/bundle.zip", bundle);
pyodide.FS.writeFile("/build/booklet.json", readFileSync(bookletPath));
pyodide.unpackArchive(new Uint8Array(bundle), "zip", { extractDir: "/build/bundle" });
pyodide.pyimport("sys").path.insert(0, "/build/bundle");
const said = pyodide.pyimport("kaketoe._pyodide_compile").main("/build");
process.stdout.write(`${said}\n`);
writeFileSync(`${outDir}/python_stdlib.zip`, pyodide.FS.readFile("/build/python_stdlib.zip"));
writeFileSync(`${outDir}/bundle.zip`, pyodide.FS.readFile("/build/compiled-bundle.zip"));
