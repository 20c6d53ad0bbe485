// web/counselor/family-code.js: a counselor's family code is kept as they
// meant it, and a code that only looks like one already on the device is caught.

import assert from "node:assert/strict";
import { test } from "node:test";

import { lookAlikeLetters, lookAlikes, normalise, skeleton } from "../../web/counselor/family-code.js";

test("a typed code is kept clean: plain letters, no hidden characters, single spaces", () => {
  assert.equal(normalise("\uff27\uff36-12"), "GV-12");
  assert.equal(normalise(" \u200bG\u00ad 1  2\u202e\u2066 "), "G 1 2");
  assert.equal(normalise(null), "");
});

test("a code with O for 0, l for 1, other dashes or spacing looks like the code on the device", () => {
  assert.deepEqual(lookAlikes("GV-1O", ["GV-10", "XY-99"]), ["GV-10"]);
  assert.deepEqual(lookAlikes("gv l0", ["GV-10"]), ["GV-10"]);
  assert.deepEqual(lookAlikes("GV\u201310", ["GV-10"]), ["GV-10"]);
  assert.equal(skeleton("GV-IO"), skeleton("gv_10"));
});

test("a code with Cyrillic or Greek letters that look Latin looks like the Latin code", () => {
  const cyrillic = "\u0410\u0412-12"; // "АВ-12"
  assert.deepEqual(lookAlikes(cyrillic, ["AB-12"]), ["AB-12"]);
  assert.deepEqual(lookAlikeLetters(cyrillic), ["\u0410", "\u0412"]);
  assert.deepEqual(lookAlikeLetters("AB-12"), []);
});

test("a code shown backwards by a direction override looks like the code it shows", () => {
  // "\u202e1320-G" is shown as "G-0231"; Python's reader keeps "1320-G".
  assert.deepEqual(lookAlikes("\u202e1320-G", ["G-0231"]), ["G-0231"]);
  assert.deepEqual(lookAlikes("G-0231", ["1320-G"]), ["1320-G"]);
  // Only a part overridden: "AB-\u202e21" is shown as "AB-12".
  assert.deepEqual(lookAlikes("AB-\u202e21", ["AB-12"]), ["AB-12"]);
});

test("a code is never its own look-alike, and a different code is not one", () => {
  assert.deepEqual(lookAlikes("AB-12", ["AB-12"]), []);
  assert.deepEqual(lookAlikes("AB-12", ["AB-13", "BA-12"]), []);
});
