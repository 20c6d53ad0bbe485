// The Python side of the app, in a module worker: it starts Pyodide, loads
// the kaketoe bundle and the data, and passes messages to kaketoe.worker.handle,
// the same function the tests run on CPython. It starts in named stages and
// reports a failure itself, because a failed start inside a worker does not
// fire the page's worker.onerror.
//
// Messages in:  {id, type, bytes?, ...fields}: a request of a kind of
//               kaketoe.worker.KINDS; `bytes` is a file (an ArrayBuffer or the
//               File itself), the other fields go to Python as JSON.
// Messages out: {type: "stage", stage} · {type: "ready", timings} · {type: "failed", error}
//               {id, ...reply}: kaketoe.worker's reply header ({ok, result} |
//                   {ok: false, problem, detail} | {ok: false, error}); a made
//                   file's bytes are the result, as a Uint8Array
//               {id, ok: false, failure: "crashed", error}  Python itself failed: this
//                   worker is of no more use, the page starts a new one

/**
 * kaketoe.worker as this worker sees it through Pyodide (src/kaketoe/worker.py).
 * @typedef {object} KaketoeWorker
 * @property {number} MAX_FILE_BYTES
 * @property {(texts: string) => void} load_booklets
 * @property {(texts: string) => void} load_forms
 * @property {() => void} warm_up_export
 * @property {(kind: string, request: Uint8Array, file: Uint8Array | undefined) => PythonReply} handle
 */
/** A kaketoe.worker.Reply, borrowed from Python until destroy(): `body` is
 * undefined unless the request made a file.
 * @typedef {{header: string, body: {toJs(): Uint8Array} | undefined, destroy(): void}} PythonReply */

const params = new URL(import.meta.url).searchParams;
// shared/python.js always sets these two.
const PYODIDE = /** @type {string} */ (params.get("pyodide"));
const BUNDLE = /** @type {string} */ (params.get("bundle"));
const BOOKLETS = params.get("booklets");
const LANGUAGES = (params.get("languages") || "").split(",").filter(Boolean);
const FORMS = params.get("forms");
const FORM_LANGUAGES = (params.get("form_languages") || "").split(",").filter(Boolean);

/** @type {KaketoeWorker | null} */
let bridge = null; // kaketoe.worker

/** A file the worker needs, fetched while Pyodide starts.
 * @param {string} url @param {string} what for the message when it fails @returns {Promise<ArrayBuffer>} */
async function download(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} ${response.status}`);
  return response.arrayBuffer();
}

// When each stage of the start was reached, in ms since the worker began: the
// ready message carries them, for the benchmark and for a slow tablet's diagnosis.
/** @type {{[stage: string]: number}} */
const timings = { began: performance.now() };
const reached = (/** @type {string} */ stage) => { timings[stage] = performance.now(); postMessage({ type: "stage", stage }); };

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
  /** @type {KaketoeWorker} */
  const python = pyodide.pyimport("kaketoe.worker");
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

/** A file's bytes for Python; undefined (Python's None: JS null would be Pyodide's
 * jsnull) when it is larger than the reader reads, so it is never copied in.
 * Called once Python is ready. @param {ArrayBuffer | Blob} file @returns {Promise<Uint8Array | undefined>} */
async function fileBytes(file) {
  const size = file instanceof Blob ? file.size : file.byteLength;
  if (size > /** @type {KaketoeWorker} */ (bridge).MAX_FILE_BYTES) return undefined;
  return new Uint8Array(file instanceof Blob ? await file.arrayBuffer() : file);
}

const encoder = new TextEncoder();

onmessage = async (event) => {
  /** @type {import("./types.js").PythonRequest & {id: number}} */
  const { id, type, bytes, ...fields } = event.data;
  try {
    await ready;
    // The request crosses as UTF-8 bytes: a long Python string with non-Latin
    // characters converts slowly (see docs/performance.md).
    const request = encoder.encode(JSON.stringify(fields));
    const file = bytes === undefined ? undefined : await fileBytes(bytes);
    const reply = /** @type {KaketoeWorker} */ (bridge).handle(type, request, file);
    try {
      const header = JSON.parse(reply.header);
      const body = reply.body; // borrowed from reply: used before reply is destroyed
      if (body === undefined) {
        postMessage({ id, ...header });
      } else {
        const made = body.toJs();
        postMessage({ id, ...header, result: made }, [made.buffer]);
      }
    } finally {
      reply.destroy();
    }
  } catch (error) {
    const text = String(error && error.message ? error.message : error);
    if (error && error.pyodide_fatal_error) {
      // Pyodide cannot run again in this worker (its memory or stack ran out):
      // the page replaces the worker.
      postMessage({ id, ok: false, failure: "crashed", error: text });
      close();
    } else {
      postMessage({ id, ok: false, error: text });
    }
  }
};
