// web/counselor/problems.js: what went wrong is said in the counselor tools'
// own words, and a failure of Python is never blamed on the family's file.

import assert from "node:assert/strict";
import { test } from "node:test";

import { failureOf, fileTrouble, workTrouble } from "../../web/counselor/problems.js";

const words = {
  problem_not_an_export: "This is not a file of the app.",
  problem_unknown: "The file could not be read.",
  failure_time_out: "It took too long.",
  failure_start_failed: "Python did not start.",
  failure_out_of_memory: "The device ran out of memory.",
  file_not_opened: "The file was not opened.",
};

test("a file's problem is said in the tools' words for that problem, or in general words", () => {
  assert.equal(fileTrouble({ problem: "not-an-export" }, words), words.problem_not_an_export);
  assert.equal(fileTrouble({ problem: "no-such-code" }, words), words.problem_unknown);
  assert.equal(fileTrouble(new Error("something"), words), words.problem_unknown);
});

test("Python that stopped or could not start says so, and that the file was not opened", () => {
  assert.equal(fileTrouble({ failure: "time-out" }, words), `${words.failure_time_out} ${words.file_not_opened}`);
  assert.equal(failureOf(new Error("time-out")), "time-out");
  assert.equal(failureOf(new Error("refused"), { state: "failed" }), "start-failed");
  assert.equal(failureOf(new Error("refused"), { state: "ready" }), "");
});

test("work on a form that ran out of memory says only what could not be done", () => {
  assert.equal(failureOf({ error: "MemoryError" }), "out-of-memory");
  assert.equal(workTrouble({ error: "MemoryError" }, words, "The form is kept."), "The form is kept.");
  assert.equal(workTrouble({ failure: "time-out" }, words, "The form is kept."), `${words.failure_time_out} The form is kept.`);
});
