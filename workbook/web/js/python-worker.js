// The Python side of the app, in a module worker: Pyodide with the kaketoe
// package. It starts in named stages and reports a failure itself, because a
// failed start inside a worker does not fire the page's worker.onerror.
//
// Messages in:  {id, type: "export", profile, variant, language, created, updated}
//               {id, type: "import", text}
// Messages out: {type: "stage", stage} · {type: "ready"} · {type: "failed", error}
//               {id, ok: true, result} · {id, ok: false, problem?, error?}

const params = new URL(import.meta.url).searchParams;
const PYODIDE = params.get("pyodide");
const BUNDLE = params.get("bundle");
const BOOKLETS = params.get("booklets");
const LANGUAGES = (params.get("languages") || "").split(",").filter(Boolean);

const PYTHON = `
import json
from kaketoe import (
    ImportProblem, booklet_from_json, export_html, read_export,
    workbook_from_data, workbook_to_data,
)
from kaketoe._booklet import Booklet

BOOKLETS: dict[str, Booklet] = {}

def load_booklets(texts_json):
    for language, text in json.loads(texts_json).items():
        BOOKLETS[language] = booklet_from_json(text)

def export_file(request_json):
    request = json.loads(request_json)
    booklet = BOOKLETS[request["language"]]
    workbook = workbook_from_data(booklet, request["workbook"])
    return export_html(workbook, booklet, request["variant"],
                       created=request["created"], updated=request["updated"])

def import_file(text):
    try:
        imported = read_export(text, BOOKLETS)
    except ImportProblem as problem:
        return json.dumps({"problem": problem.code})
    return json.dumps({
        "variant": imported.variant,
        "language": imported.booklet.language,
        "created": imported.created,
        "updated": imported.updated,
        "workbook": workbook_to_data(imported.workbook, imported.booklet),
    })
`;

let python = null;

async function start() {
  postMessage({ type: "stage", stage: "runtime" });
  const { loadPyodide } = await import(PYODIDE + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: PYODIDE, packages: [] });
  postMessage({ type: "stage", stage: "package" });
  const bundle = await fetch(BUNDLE);
  if (!bundle.ok) throw new Error(`bundle ${bundle.status}`);
  pyodide.unpackArchive(new Uint8Array(await bundle.arrayBuffer()), "zip");
  postMessage({ type: "stage", stage: "booklets" });
  const texts = {};
  for (const language of LANGUAGES) {
    const response = await fetch(`${BOOKLETS}${language}.json`);
    if (!response.ok) throw new Error(`booklet ${language} ${response.status}`);
    texts[language] = await response.text();
  }
  pyodide.runPython(PYTHON);
  pyodide.globals.get("load_booklets")(JSON.stringify(texts));
  python = pyodide;
  postMessage({ type: "ready" });
}

const ready = start().catch((error) => {
  postMessage({ type: "failed", error: String(error && error.message ? error.message : error) });
  throw error;
});

onmessage = async (event) => {
  const { id, type } = event.data;
  try {
    await ready;
    if (type === "export") {
      const { profile, variant, language, created, updated } = event.data;
      const request = JSON.stringify({ workbook: profile, variant, language, created, updated });
      postMessage({ id, ok: true, result: python.globals.get("export_file")(request) });
    } else if (type === "import") {
      const result = JSON.parse(python.globals.get("import_file")(event.data.text));
      postMessage(result.problem ? { id, ok: false, problem: result.problem } : { id, ok: true, result });
    } else {
      postMessage({ id, ok: false, error: `unknown message ${type}` });
    }
  } catch (error) {
    postMessage({ id, ok: false, error: String(error && error.message ? error.message : error) });
  }
};
