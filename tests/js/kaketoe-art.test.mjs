// The kaketoe's feelings: eight looks a child tells apart without reading.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { FEELINGS, feelingKaketoe, kaketoe } from "../../web/workbook/kaketoe-art.js";

const PARTS = ["crest", "eyes", "beak", "wing", "posture"];
const LANGUAGES = ["nl", "en", "ar"];

/** The feeling ids of a language's booklet, in order (the `feelings:` list of booklet.yml). */
function bookletFeelings(language) {
  const text = readFileSync(new URL(`../../content/${language}/workbook/booklet.yml`, import.meta.url), "utf8");
  const list = text.split(/^feelings:\s*$/m)[1].split(/^\S/m)[0];
  return [...list.matchAll(/^\s+- \{id: ([a-z-]+)/gm)].map((match) => match[1]);
}

test("every feeling of every booklet has a look of its own", () => {
  for (const language of LANGUAGES) {
    const ids = bookletFeelings(language);
    assert.equal(ids.length, 8, language);
    for (const id of ids) assert.ok(FEELINGS[id], `${language}: no look for the feeling ${id}`);
  }
});

test("any two feelings differ in at least two parts of the bird", () => {
  const ids = Object.keys(FEELINGS);
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const differ = PARTS.filter((part) => FEELINGS[a][part] !== FEELINGS[b][part]);
      assert.ok(differ.length >= 2, `${a} and ${b} differ only in ${differ.join(", ") || "nothing"}`);
    }
  }
});

test("each feeling is drawn differently, in the child's colour", () => {
  const drawings = Object.keys(FEELINGS).map((id) => feelingKaketoe(id, "#7fb069"));
  assert.equal(new Set(drawings).size, drawings.length);
  for (const drawing of drawings) assert.match(drawing, /fill="#7fb069"/);
  assert.notEqual(feelingKaketoe("calm"), kaketoe());
});

test("a feeling without a look is drawn as the plain kaketoe", () => {
  assert.equal(feelingKaketoe("no-such-feeling"), kaketoe());
});
