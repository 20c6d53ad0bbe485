// How the child is addressed, in the page's pure modules: the form a profile
// asks for is picked from a booklet's texts (web/shared/child-forms.js), and
// two tabs' copies of a profile keep the choice made last (web/shared/store.js).

import assert from "node:assert/strict";
import { test } from "node:test";

import { forChild } from "../../web/shared/child-forms.js";
import { merge } from "../../web/shared/store.js";

const booklet = {
  words: { done: "انتهيت", activities: { neutral: "ما النشاط التالي؟", girl: "ماذا تريدين أن تفعلي؟", boy: "ماذا تريد أن تفعل؟" } },
  parts: [{ id: "a", story: { paragraphs: ["plain", { neutral: "n", girl: "g", boy: "b" }] } }],
  address: { question: "q", hint: "h", girl: "بنت", boy: "ولد", neutral: "كلمات للجميع" },
};

test("a girl's profile gets the girl's form of every text in forms", () => {
  const texts = forChild(booklet, "girl");
  assert.equal(texts.words.activities, "ماذا تريدين أن تفعلي؟");
  assert.deepEqual(texts.parts[0].story.paragraphs, ["plain", "g"]);
  assert.equal(texts.words.done, "انتهيت");
});

test("nothing chosen, or an unknown value, gets the neutral form", () => {
  for (const addressedAs of [undefined, "", "female"]) {
    assert.equal(forChild(booklet, addressedAs).words.activities, "ما النشاط التالي؟");
  }
});

test("the question's own words, with more keys than the three forms, stay as they are", () => {
  assert.deepEqual(forChild(booklet, "boy").address, booklet.address);
});

test("two tabs' copies keep the address chosen last", () => {
  const base = { id: "p1", nickname: "Noor", colour: "green", created: "2026-01-01T10:00:00.000Z", answers: {}, stickers: [], guests: [], lastExport: null };
  const mine = { ...base, updated: "2026-01-01T10:00:00.000Z", named: "2026-01-01T10:00:00.000Z" };
  const theirs = { ...base, addressedAs: "girl", updated: "2026-01-01T10:05:00.000Z", named: "2026-01-01T10:05:00.000Z" };
  assert.equal(merge(mine, theirs), true);
  assert.equal(mine.addressedAs, "girl");
  const older = { ...base, addressedAs: "boy", updated: "2026-01-01T09:00:00.000Z", named: "2026-01-01T09:00:00.000Z" };
  merge(mine, older);
  assert.equal(mine.addressedAs, "girl");
});
