// What went wrong, in the counselor tools' own words (content/<lang>/counselor/tools.yml),
// never in the children's. Python names a file's problem (`error.problem`: a code of
// kaketoe._booklet.MESSAGES); the page's side of the worker names a failure of
// Python itself (`error.failure`: "time-out", "crashed", "start-failed", ...).

/** @typedef {import("../shared/types.js").Words} Words */
/** A call's error: usually a refusal (shared/python.js), perhaps another error.
 * @typedef {{problem?: string, failure?: string, message?: string, error?: string} | null | undefined} CallError */
/** The Python of a page, as far as these words need it (shared/python.js).
 * @typedef {{state: string} | null} PythonState */

/** The words for one problem or failure code: `problem_not_an_export`, `failure_time_out`.
 * @param {Words} words @param {"problem" | "failure"} prefix @param {string} code
 * @returns {string | undefined} */
function wordsFor(words, prefix, code) {
  return words[`${prefix}_${String(code).replace(/-/g, "_")}`];
}

/** The failure of Python behind an error, or "" when the error names none. Older
 * messages are understood too: a plain "time-out", a MemoryError, a worker that
 * could not start.
 * @param {CallError} error @param {PythonState} [python] @returns {string} */
export function failureOf(error, python = null) {
  if (!error) return "";
  if (error.failure) return String(error.failure);
  const text = String(error.message || error.error || "");
  if (/MemoryError|out of memory|allocation failed/i.test(text)) return "out-of-memory";
  if (text === "time-out") return "time-out";
  if (python && python.state === "failed") return "start-failed";
  return "";
}

/** One sentence (or two) saying what went wrong while reading a file.
 * @param {CallError} error @param {Words} words @param {PythonState} [python] @returns {string} */
export function fileTrouble(error, words, python = null) {
  if (error && error.problem) return wordsFor(words, "problem", error.problem) || words.problem_unknown;
  const failure = failureOf(error, python);
  const said = failure && wordsFor(words, "failure", failure);
  return said ? `${said} ${words.file_not_opened}` : words.problem_unknown;
}

/** What went wrong while Python worked on a form: why, when known, then `context`
 * (what could not be done, and that the form is kept). Never blames a file.
 * @param {CallError} error @param {Words} words @param {string} context @param {PythonState} [python]
 * @returns {string} */
export function workTrouble(error, words, context, python = null) {
  const failure = failureOf(error, python);
  const said = failure && wordsFor(words, "failure", failure);
  return said && failure !== "out-of-memory" ? `${said} ${context}` : context;
}
