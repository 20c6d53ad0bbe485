// The Python side of the app, in a module worker: Pyodide with the kaketoe
// package. It starts in named stages and reports a failure itself, because a
// failed start inside a worker does not fire the page's worker.onerror.
//
// Messages in:  {id, type: "export", profile, variant, language, created, updated}
//               {id, type: "import", bytes}  (an ArrayBuffer: the file)
//               {id, type: "monitoring-scores", language, moments}  (the counselor tools)
//               {id, type: "risk-summary", language, form}
//               {id, type: "form-file", kind, language, code, content, created, updated}
//               {id, type: "read-form", bytes}
//               {id, type: "view-file", bytes, language, site_base, index}  (the viewer)
// Messages out: {type: "stage", stage} · {type: "ready"} · {type: "failed", error}
//               {id, ok: true, result} · {id, ok: false, problem?, error?}
//               (an export's result is the file as a Uint8Array)

const params = new URL(import.meta.url).searchParams;
const PYODIDE = params.get("pyodide");
const BUNDLE = params.get("bundle");
const BOOKLETS = params.get("booklets");
const LANGUAGES = (params.get("languages") || "").split(",").filter(Boolean);
const FORMS = params.get("forms");
const FORM_LANGUAGES = (params.get("form_languages") || "").split(",").filter(Boolean);

// The counselor tools' modules are imported only where they are used: the
// children's app never loads them, and starts sooner.
const PYTHON = `
import json
from kaketoe import (
    ImportProblem, booklet_from_json, export_html, read_export,
    warm_up, workbook_from_data, workbook_to_data,
)

BOOKLETS = {}    # language -> kaketoe Booklet
CHECKLISTS = {}  # language -> the monitoring checklist (counselor tools only)
RISK_FORMS = {}  # language -> the risk form (counselor tools only)
VIEWERS = {}     # language -> the viewer's words (counselor tools only)

def load_booklets(texts_json):
    for language, text in json.loads(texts_json).items():
        BOOKLETS[language] = booklet_from_json(text)

def warm_up_export():
    """Runs an export once, so the child's first export does not compile the templates."""
    warm_up(next(iter(BOOKLETS.values())))

def export_file(request):
    """request: the JSON request as UTF-8 bytes (a JS Uint8Array); returns the file as UTF-8 bytes."""
    request = json.loads(request.to_bytes())
    booklet = BOOKLETS[request["language"]]
    workbook = workbook_from_data(booklet, request["workbook"])
    html = export_html(workbook, booklet, request["variant"],
                       created=request["created"], updated=request["updated"])
    return html.encode("utf-8")

def load_forms(texts_json):
    """The counselor tools' data (app/counselor/<lang>.json) of each language."""
    from kaketoe._monitoring import checklist_from_data
    from kaketoe._risk_form import risk_form_from_data
    for language, text in json.loads(texts_json).items():
        data = json.loads(text)
        CHECKLISTS[language] = checklist_from_data(data["monitoring"], language)
        RISK_FORMS[language] = risk_form_from_data(data["risk_form"], language)
        VIEWERS[language] = data["viewer"]

def view_file(data, request_json):
    """A child's file for the counselor viewer, in the counselor's language; or a problem."""
    from kaketoe._report import viewer_html
    request = json.loads(request_json)
    language = request["language"]
    try:
        imported = read_export(data.to_bytes(), BOOKLETS)
    except ImportProblem as problem:
        return json.dumps({"problem": problem.code, "message": problem.message(BOOKLETS[language])})
    html = viewer_html(imported, BOOKLETS[language], VIEWERS[language],
                       site_base=request["site_base"], index=request["index"])
    return json.dumps({"nickname": imported.workbook.profile.nickname,
                       "variant": imported.variant, "html": html})

def risk_summary(request_json):
    """The summary of a filled-in risk form; a problem is named, never guessed around."""
    from kaketoe._risk_form import RiskFormError, assessment_from_data, summary_to_data
    request = json.loads(request_json)
    form = RISK_FORMS[request["language"]]
    try:
        assessment = assessment_from_data(form, request["form"])
    except RiskFormError as problem:
        return json.dumps({"problem": str(problem)})
    return json.dumps(summary_to_data(form, assessment))

def monitoring_scores(request_json):
    """The scores of what was filled in; a problem is named, never guessed around."""
    from kaketoe._monitoring import ChecklistError, moments_from_data, scores_to_data
    request = json.loads(request_json)
    checklist = CHECKLISTS[request["language"]]
    try:
        moments = moments_from_data(checklist, request["moments"])
    except ChecklistError as problem:
        return json.dumps({"problem": str(problem)})
    return json.dumps(scores_to_data(checklist, moments))

def form_file(request_json):
    """A counselor's form as a file (UTF-8 bytes); a problem is named."""
    from kaketoe._form_file import monitoring_file_html, risk_form_file_html
    from kaketoe._monitoring import ChecklistError
    from kaketoe._risk_form import RiskFormError
    request = json.loads(request_json)
    language, kind = request["language"], request["kind"]
    make = monitoring_file_html if kind == "monitoring" else risk_form_file_html
    form = CHECKLISTS[language] if kind == "monitoring" else RISK_FORMS[language]
    try:
        html = make(form, request["code"], request["content"],
                    created=request["created"], updated=request["updated"])
    except (ChecklistError, RiskFormError, ValueError) as problem:
        return json.dumps({"problem": str(problem)}).encode("utf-8")
    return html.encode("utf-8")

def read_form(data):
    """A form file read back: its kind, language, code, dates and content, or a problem code."""
    from kaketoe._form_file import read_form_file
    try:
        found = read_form_file(data.to_bytes(), CHECKLISTS, RISK_FORMS)
    except ImportProblem as problem:
        return json.dumps({"problem": problem.code})
    return json.dumps({
        "kind": found.kind, "language": found.language, "code": found.code,
        "created": found.created, "updated": found.updated, "content": found.content,
    })

def import_file(data):
    """data: the file's bytes (a JS Uint8Array); returns JSON text (ASCII)."""
    try:
        imported = read_export(data.to_bytes().decode("utf-8", errors="replace"), BOOKLETS)
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

/** A file the worker needs, fetched while Pyodide starts. */
async function download(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} ${response.status}`);
  return response.arrayBuffer();
}

// When each stage of the start was reached, in ms since the worker began: the
// ready message carries them, for the benchmark and for a slow tablet's diagnosis.
const timings = { began: performance.now() };
const reached = (stage) => { timings[stage] = performance.now(); postMessage({ type: "stage", stage }); };

async function start() {
  reached("runtime");
  // The package and the booklets are fetched while Pyodide starts.
  const bundle = download(BUNDLE, "bundle");
  const booklets = Promise.all(LANGUAGES.map((language) => download(`${BOOKLETS}${language}.json`, `booklet ${language}`)));
  const forms = Promise.all(FORM_LANGUAGES.map((language) => download(`${FORMS}${language}.json`, `forms ${language}`)));
  bundle.catch(() => {});
  booklets.catch(() => {});
  forms.catch(() => {});
  const { loadPyodide } = await import(PYODIDE + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: PYODIDE, packages: [] });
  reached("package");
  pyodide.unpackArchive(new Uint8Array(await bundle), "zip");
  reached("booklets");
  const decoder = new TextDecoder();
  const texts = Object.fromEntries((await booklets).map((bytes, i) => [LANGUAGES[i], decoder.decode(bytes)]));
  pyodide.runPython(PYTHON);
  timings.imported = performance.now();
  pyodide.globals.get("load_booklets")(JSON.stringify(texts));
  timings.parsed = performance.now();
  if (FORM_LANGUAGES.length) {
    const formTexts = Object.fromEntries((await forms).map((bytes, i) => [FORM_LANGUAGES[i], decoder.decode(bytes)]));
    pyodide.globals.get("load_forms")(JSON.stringify(formTexts));
  }
  python = pyodide;
  timings.ready = performance.now();
  postMessage({ type: "ready", timings });
  // After the page knows: a message that arrives meanwhile waits for this.
  pyodide.globals.get("warm_up_export")();
}

const ready = start().catch((error) => {
  postMessage({ type: "failed", error: String(error && error.message ? error.message : error) });
  throw error;
});

onmessage = async (event) => {
  const { id, type } = event.data;
  try {
    await ready;
    // Large texts cross between JavaScript and Python as UTF-8 bytes: a long
    // Python string with non-Latin characters converts slowly (see docs/performance.md).
    if (type === "export") {
      const { profile, variant, language, created, updated } = event.data;
      const request = new TextEncoder().encode(JSON.stringify({ workbook: profile, variant, language, created, updated }));
      const file = python.globals.get("export_file")(request);
      const bytes = file.toJs();
      file.destroy();
      postMessage({ id, ok: true, result: bytes }, [bytes.buffer]);
    } else if (type === "monitoring-scores") {
      const { language, moments } = event.data;
      const result = JSON.parse(python.globals.get("monitoring_scores")(JSON.stringify({ language, moments })));
      postMessage(result.problem ? { id, ok: false, error: result.problem } : { id, ok: true, result });
    } else if (type === "risk-summary") {
      const { language, form } = event.data;
      const result = JSON.parse(python.globals.get("risk_summary")(JSON.stringify({ language, form })));
      postMessage(result.problem ? { id, ok: false, error: result.problem } : { id, ok: true, result });
    } else if (type === "form-file") {
      const { kind, language, code, content, created, updated } = event.data;
      const file = python.globals.get("form_file")(JSON.stringify({ kind, language, code, content, created, updated }));
      const bytes = file.toJs();
      file.destroy();
      if (bytes[0] === 0x7b) { // "{": a problem, as JSON
        postMessage({ id, ok: false, error: JSON.parse(new TextDecoder().decode(bytes)).problem });
      } else {
        postMessage({ id, ok: true, result: bytes }, [bytes.buffer]);
      }
    } else if (type === "view-file") {
      const { bytes, language, site_base, index } = event.data;
      const result = JSON.parse(python.globals.get("view_file")(new Uint8Array(bytes), JSON.stringify({ language, site_base, index })));
      postMessage(result.problem ? { id, ok: false, problem: result.problem, error: result.message } : { id, ok: true, result });
    } else if (type === "read-form") {
      const result = JSON.parse(python.globals.get("read_form")(new Uint8Array(event.data.bytes)));
      postMessage(result.problem ? { id, ok: false, problem: result.problem } : { id, ok: true, result });
    } else if (type === "import") {
      const result = JSON.parse(python.globals.get("import_file")(new Uint8Array(event.data.bytes)));
      postMessage(result.problem ? { id, ok: false, problem: result.problem } : { id, ok: true, result });
    } else {
      postMessage({ id, ok: false, error: `unknown message ${type}` });
    }
  } catch (error) {
    postMessage({ id, ok: false, error: String(error && error.message ? error.message : error) });
  }
};
