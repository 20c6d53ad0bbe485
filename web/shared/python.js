// The page's side of the Python worker. The worker starts in the background
// after the first screen; nothing the child does waits for it. Screens that
// need it (export, import) wait with a message, and get an error after a
// time limit instead of hanging.
//
// Calls go to the worker one at a time, so each call's time limit measures its
// own work. A call that runs out of time, or a worker that fails, costs one
// call and never the next: the worker is stopped, every call still waiting is
// sent to a fresh one. A refused call is an Error with
//   error.problem  a file's problem: a code of kaketoe._booklet.MESSAGES
//                  (the app says it with the booklet's `messages`), or
//   error.failure  "time-out" (stopped after its time limit), "crashed" (the
//                  worker died or Python failed) or "start-failed" (Python
//                  could not start), or neither: what was filled in was refused
//                  (error.message says why).

import { APP_ROOT, settings } from "./settings.js";

const START_LIMIT_MS = 90_000;
// Reading a file is bounded by the reader (kaketoe._import: at most 16 MiB,
// every check linear in the file): on this machine the largest file is judged
// in about a second on CPython and a few in Pyodide; a mid-range tablet is about
// four times slower. A read still running after 20 s is stuck, not slow.
const READ_LIMIT_MS = 20_000;
// Making a file, scoring a form: bounded by what the app lets a child or a
// counselor make; generous, for the slowest tablets.
const WORK_LIMIT_MS = 60_000;
const READS = new Set(["import", "view-file", "read-form"]);

/** @typedef {import("./types.js").PythonRequest} PythonRequest */
/** @typedef {import("./types.js").Refusal} Refusal */
/** A call not sent yet.
 * @typedef {{message: PythonRequest, resolve: (result: any) => void, reject: (error: Refusal) => void}} Waiting */
/** The call the worker works on.
 * @typedef {{id: number, resolve: (result: any) => void, reject: (error: Refusal) => void, timer: ReturnType<typeof setTimeout>}} Running */

/** The limit of one call, by its kind.
 * @param {string} type @returns {number} ms */
export function limitOf(type) {
  return READS.has(type) ? READ_LIMIT_MS : WORK_LIMIT_MS;
}

/** A refused call as an Error that carries what went wrong (problem, failure, detail).
 * @param {{problem?: string, failure?: string, error?: string, [field: string]: unknown}} fields
 * @returns {Refusal} */
function refusal(fields) {
  return Object.assign(new Error(fields.error || fields.problem || fields.failure || "refused"), fields);
}

export class Python {
  /** forms: the counselor tools' data, in the languages named, for the tools that score forms.
   * @param {{formLanguages?: string[]}} [options] */
  constructor({ formLanguages = [] } = {}) {
    this.url = new URL("./python-worker.js", import.meta.url);
    /** @param {string} name @param {string} value */
    const use = (name, value) => this.url.searchParams.set(name, value);
    use("pyodide", new URL(`pyodide/${settings.pyodide}/`, APP_ROOT).href);
    use("bundle", new URL(`python/kaketoe-${settings.version}.zip`, APP_ROOT).href);
    use("booklets", new URL("data/booklets/", APP_ROOT).href);
    use("languages", settings.bookletLanguages.join(","));
    if (formLanguages.length) {
      use("forms", new URL("data/forms/", APP_ROOT).href);
      use("form_languages", formLanguages.join(","));
    }
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Promise<Python> | null} */
    this.ready = null;
    /** @type {Waiting[]} */
    this.waiting = []; // calls not sent yet: {message, resolve, reject}
    /** @type {Running | null} */
    this.running = null; // the call the worker works on: {id, resolve, reject, timer}
    this.next = 1;
    // "idle" (no worker), "starting", "ready", or "failed" (the last start failed).
    /** @type {"idle" | "starting" | "ready" | "failed"} */
    this.state = "idle";
  }

  /** Starts a worker if none runs; resolves when Python is ready, rejects when it cannot start.
   * @returns {Promise<Python>} */
  start() {
    if (this.ready) return this.ready;
    this.state = "starting";
    /** @type {Worker | null} */
    let worker;
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => failed("the start took too long"), START_LIMIT_MS);
      /** @param {unknown} why */
      const failed = (why) => {
        clearTimeout(timer);
        if (worker !== this.worker) return; // a worker stopped meanwhile
        this.stop();
        this.state = "failed";
        reject(refusal({ failure: "start-failed", error: String(why) }));
      };
      try {
        worker = new Worker(this.url, { type: "module" });
      } catch {
        worker = null;
      }
      this.worker = worker;
      if (!worker) {
        failed("the worker could not be made");
        return;
      }
      worker.onerror = (event) => {
        if (this.state === "starting") failed(event.message || "worker error");
        else this.lost(worker, "crashed", event.message || "worker error");
      };
      worker.onmessage = (event) => {
        if (worker !== this.worker) return; // a worker stopped meanwhile
        /** @type {import("./types.js").WorkerMessage} */
        const message = event.data;
        if (message.type === "ready") {
          clearTimeout(timer);
          // The worker's own stages, in ms since it began (read by the benchmark).
          performance.mark("kaketoe:python-worker-ready", { detail: message.timings });
          this.state = "ready";
          resolve(this);
        } else if (message.type === "failed") {
          failed(message.error);
        } else if (this.running && message.id === this.running.id) {
          // A message with the running call's id is a reply (a start's messages have none).
          this.answered(/** @type {import("./types.js").WorkerReply} */ (/** @type {unknown} */ (message)));
        }
      };
    });
    return this.ready;
  }

  /** Asks the worker; resolves with the result, or rejects as described at the top.
   * @param {PythonRequest} message @returns {Promise<any>} */
  call(message) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      this.send();
    });
  }

  /** Sends the first waiting call when the worker is free, starting a worker if needed. */
  send() {
    if (this.running || !this.waiting.length) return;
    if (this.state !== "ready") {
      this.start().then(() => this.send(), (error) => {
        // Every waiting call hears why; the next call tries a fresh start.
        for (const { reject } of this.waiting.splice(0)) reject(error);
      });
      return;
    }
    const { message, resolve, reject } = /** @type {Waiting} */ (this.waiting.shift());
    const id = this.next++;
    const timer = setTimeout(() => this.lost(this.worker, "time-out", "the call took too long"), limitOf(message.type));
    this.running = { id, resolve, reject, timer };
    // A file is handed over as it is; the worker copies it only when it is not too large.
    /** @type {Worker} */ (this.worker).postMessage({ ...message, id });
  }

  /** The worker answered the running call. @param {import("./types.js").WorkerReply} message */
  answered(message) {
    const { resolve, reject, timer } = /** @type {Running} */ (this.running);
    clearTimeout(timer);
    this.running = null;
    if (message.ok) resolve(message.result);
    else reject(refusal(message));
    if (message.failure) this.stop(); // Python cannot go on in that worker
    this.send();
  }

  /** The worker hangs or died: the running call fails, the others go to a fresh worker.
   * @param {Worker | null} worker @param {string} failure @param {string} why */
  lost(worker, failure, why) {
    if (worker !== this.worker) return;
    const running = this.running;
    this.running = null;
    this.stop();
    if (running) {
      clearTimeout(running.timer);
      running.reject(refusal({ failure, error: why }));
    }
    this.send();
  }

  /** Ends the worker; the next call starts another. */
  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.state = "idle";
  }
}
