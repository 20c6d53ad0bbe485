// The Python side of the app, in a module worker: Pyodide with the kaketoe
// package. It starts in named stages and reports a failure itself, because a
// failed start inside a worker does not fire the page's worker.onerror. What
// it runs is kaketoe._worker: the same functions the tests run on CPython.
//
// Messages in:  {id, type: "export", profile, variant, language, created, updated}
//               {id, type: "import", bytes}  (the file: an ArrayBuffer, or the File itself)
//               {id, type: "monitoring-scores", language, moments}  (the counselor tools)
//               {id, type: "risk-summary", language, form}
//               {id, type: "form-file", kind, language, code, content, created, updated}
//               {id, type: "read-form", bytes}
//               {id, type: "view-file", bytes, language, site_base, index}  (the viewer)
// Messages out: {type: "stage", stage} · {type: "ready", timings} · {type: "failed", error}
//               {id, ok: true, result}  (an export's result is the file as a Uint8Array)
//               {id, ok: false, problem, detail}  a file's problem, or out of memory:
//                   a code of kaketoe._booklet.MESSAGES
//               {id, ok: false, error}  what was filled in cannot be scored or saved
//               {id, ok: false, failure: "crashed", error}  Python itself failed: this
//                   worker is of no more use, the page starts a new one

const params = new URL(import.meta.url).searchParams;
const PYODIDE = params.get("pyodide");
const BUNDLE = params.get("bundle");
const BOOKLETS = params.get("booklets");
const LANGUAGES = (params.get("languages") || "").split(",").filter(Boolean);
const FORMS = params.get("forms");
const FORM_LANGUAGES = (params.get("form_languages") || "").split(",").filter(Boolean);

let bridge = null; // kaketoe._worker

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
  const python = pyodide.pyimport("kaketoe._worker");
  timings.imported = performance.now();
  python.load_booklets(JSON.stringify(texts));
  timings.parsed = performance.now();
  if (FORM_LANGUAGES.length) {
    const formTexts = Object.fromEntries((await forms).map((bytes, i) => [FORM_LANGUAGES[i], decoder.decode(bytes)]));
    python.load_forms(JSON.stringify(formTexts));
  }
  bridge = python;
  timings.ready = performance.now();
  postMessage({ type: "ready", timings });
  // After the page knows: a message that arrives meanwhile waits for this.
  python.warm_up_export();
}

const ready = start().catch((error) => {
  postMessage({ type: "failed", error: String(error && error.message ? error.message : error) });
  throw error;
});

/** A file's bytes for Python: none larger than the reader's limit is even copied in. */
async function fileBytes(file) {
  const size = file instanceof Blob ? file.size : file.byteLength;
  if (size > bridge.MAX_FILE_BYTES) return null;
  return new Uint8Array(file instanceof Blob ? await file.arrayBuffer() : file);
}

/** Runs a reader of kaketoe._worker on a file; its JSON answer as a message. */
async function readFile(id, file, read) {
  const bytes = await fileBytes(file);
  const result = bytes === null
    ? { problem: "file-too-large", detail: "larger than the reader reads" }
    : JSON.parse(read(bytes));
  postMessage(result.problem ? { id, ok: false, problem: result.problem, detail: result.detail } : { id, ok: true, result });
}

/** A made file (UTF-8 bytes) as a message; "{" starts a problem, as JSON. */
function madeFile(id, file) {
  const bytes = file.toJs();
  file.destroy();
  if (bytes[0] === 0x7b) postMessage({ id, ok: false, error: JSON.parse(new TextDecoder().decode(bytes)).error });
  else postMessage({ id, ok: true, result: bytes }, [bytes.buffer]);
}

/** A JSON answer that may name what cannot be worked out. */
function worked(id, text) {
  const result = JSON.parse(text);
  postMessage(result.error ? { id, ok: false, error: result.error } : { id, ok: true, result });
}

onmessage = async (event) => {
  const { id, type } = event.data;
  try {
    await ready;
    // Large texts cross between JavaScript and Python as UTF-8 bytes: a long
    // Python string with non-Latin characters converts slowly (see docs/performance.md).
    if (type === "export") {
      const { profile, variant, language, created, updated } = event.data;
      const request = new TextEncoder().encode(JSON.stringify({ workbook: profile, variant, language, created, updated }));
      madeFile(id, bridge.export_file(request));
    } else if (type === "import") {
      await readFile(id, event.data.bytes, (bytes) => bridge.import_file(bytes));
    } else if (type === "view-file") {
      const { bytes, language, site_base, index } = event.data;
      await readFile(id, bytes, (file) => bridge.view_file(file, JSON.stringify({ language, site_base, index })));
    } else if (type === "read-form") {
      await readFile(id, event.data.bytes, (bytes) => bridge.read_form(bytes));
    } else if (type === "monitoring-scores") {
      const { language, moments } = event.data;
      worked(id, bridge.monitoring_scores(JSON.stringify({ language, moments })));
    } else if (type === "risk-summary") {
      const { language, form } = event.data;
      worked(id, bridge.risk_summary(JSON.stringify({ language, form })));
    } else if (type === "form-file") {
      const { kind, language, code, content, created, updated } = event.data;
      madeFile(id, bridge.form_file(JSON.stringify({ kind, language, code, content, created, updated })));
    } else {
      postMessage({ id, ok: false, error: `unknown message ${type}` });
    }
  } catch (error) {
    const text = String(error && error.message ? error.message : error);
    if (error && error.pyodide_fatal_error) {
      // Pyodide cannot run again in this worker (its memory or stack ran out):
      // the page replaces the worker.
      postMessage({ id, ok: false, failure: "crashed", error: text });
      close();
    } else if (error && error.type === "MemoryError") {
      postMessage({ id, ok: false, problem: "out-of-memory", error: text });
    } else {
      postMessage({ id, ok: false, error: text });
    }
  }
};
