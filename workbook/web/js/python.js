// The page's side of the Python worker. The worker starts in the background
// after the first screen; nothing the child does waits for it. Screens that
// need it (export, import) wait with a message, and get an error after a
// time limit instead of hanging.

const START_LIMIT_MS = 90_000;
const CALL_LIMIT_MS = 60_000;

export class Python {
  /** forms and formLanguages: the counselor tools' data, for the tools that score forms. */
  constructor({ worker, pyodide, bundle, booklets, languages, forms = null, formLanguages = [] }) {
    this.url = new URL(worker, document.baseURI);
    this.url.searchParams.set("pyodide", new URL(pyodide, document.baseURI).href);
    this.url.searchParams.set("bundle", new URL(bundle, document.baseURI).href);
    this.url.searchParams.set("booklets", new URL(booklets, document.baseURI).href);
    this.url.searchParams.set("languages", languages.join(","));
    if (forms) {
      this.url.searchParams.set("forms", new URL(forms, document.baseURI).href);
      this.url.searchParams.set("form_languages", formLanguages.join(","));
    }
    this.worker = null;
    this.ready = null;
    this.pending = new Map();
    this.next = 1;
    this.state = "idle";
  }

  /** Starts the worker once; resolves when Python is ready, rejects on failure or time-out. */
  start() {
    if (this.ready) return this.ready;
    this.state = "starting";
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error("time-out")), START_LIMIT_MS);
      const fail = (error) => {
        clearTimeout(timer);
        this.state = "failed";
        if (this.worker) this.worker.terminate();
        this.worker = null;
        this.ready = null;
        reject(error);
      };
      try {
        this.worker = new Worker(this.url, { type: "module" });
      } catch (error) {
        fail(error);
        return;
      }
      this.worker.onerror = (event) => fail(new Error(event.message || "worker error"));
      this.worker.onmessage = (event) => {
        const message = event.data;
        if (message.type === "ready") {
          clearTimeout(timer);
          // The worker's own stages, in ms since it began (read by the benchmark).
          performance.mark("kaketoe:python-worker-ready", { detail: message.timings });
          this.state = "ready";
          resolve(this);
        } else if (message.type === "failed") {
          fail(new Error(message.error));
        } else if (message.id && this.pending.has(message.id)) {
          const { resolve: done, reject: refuse, timer: callTimer } = this.pending.get(message.id);
          clearTimeout(callTimer);
          this.pending.delete(message.id);
          if (message.ok) done(message.result);
          else refuse(Object.assign(new Error(message.error || message.problem), message));
        }
      };
    });
    return this.ready;
  }

  async call(message) {
    await this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error("time-out"));
      }, CALL_LIMIT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ ...message, id });
    });
  }
}
