// web/shared/store.js, the parts that need no browser: how two tabs' copies of
// one profile come together, how an older profile is read, and the nickname a
// profile keeps. (Its import touches no browser API: Store opens IndexedDB and
// localStorage only when it is used.)

import assert from "node:assert/strict";
import { test } from "node:test";

import { cleanNickname, itemNames, merge, migrate, SCHEMA, uniqueNickname } from "../../web/shared/store.js";

const answer = (activity, updated, text = activity) => ({
  activity,
  state: "answered",
  value: { text },
  share: false,
  updated,
});

function profile(fields = {}) {
  return {
    id: "p1",
    nickname: "Noor",
    colour: "green",
    created: "2026-01-01T10:00:00.000Z",
    updated: "2026-01-01T10:00:00.000Z",
    answers: {},
    stickers: [],
    guests: [],
    lastExport: null,
    ...fields,
  };
}

test("two tabs' answers merge per answer by time: the newer answer wins, none is lost", () => {
  const mine = profile({ answers: { a: answer("a", "2026-01-02", "mine"), b: answer("b", "2026-01-05") } });
  const theirs = profile({ answers: { a: answer("a", "2026-01-03", "theirs"), c: answer("c", "2026-01-01") } });
  assert.equal(merge(mine, theirs), true);
  assert.equal(mine.answers.a.value.text, "theirs");
  assert.deepEqual(Object.keys(mine.answers).sort(), ["a", "b", "c"]);
});

test("a tab's own newer answer stays, and nothing is taken from an older copy", () => {
  const mine = profile({ answers: { a: answer("a", "2026-01-05", "mine") } });
  const theirs = profile({ answers: { a: answer("a", "2026-01-03", "theirs") } });
  assert.equal(merge(mine, theirs), false);
  assert.equal(mine.answers.a.value.text, "mine");
});

test("an answer removed in one tab stays removed, unless it was changed after the removal", () => {
  const older = profile({ answers: {} });
  // Changed before the removal (which is marked with the time now).
  const theirs = profile({ answers: { a: answer("a", "2020-01-03") } });
  merge(older, theirs, new Set(["answers/a"]));
  assert.ok(!("a" in older.answers), "the other tab's older copy brings it back");
  assert.ok(older.removed["answers/a"], "the removal is remembered with its time");
  const later = profile({ answers: {}, removed: { "answers/a": "2026-01-04" } });
  merge(later, profile({ answers: { a: answer("a", "2026-01-09") } }));
  assert.ok("a" in later.answers);
});

test("stickers merge per station, in place: a screen that holds the list sees the change", () => {
  const stickers = [{ sticker: "star", station: "a", updated: "2026-01-02" }];
  const mine = profile({ stickers });
  const theirs = profile({
    stickers: [
      { sticker: "sun", station: "a", updated: "2026-01-03" },
      { sticker: "moon", station: "b", updated: "2026-01-01" },
    ],
  });
  merge(mine, theirs);
  assert.equal(mine.stickers, stickers);
  assert.deepEqual(stickers.map((s) => [s.station, s.sticker]), [["a", "sun"], ["b", "moon"]]);
  assert.deepEqual([...itemNames(mine)].sort(), ["stickers/a", "stickers/b"]);
});

test("name, colour and age group come from the tab that changed them last", () => {
  const mine = profile({ nickname: "Noor", colour: "green", named: "2026-01-02" });
  const theirs = profile({ nickname: "Nora", colour: "blue", age: "10-13", named: "2026-01-03" });
  assert.equal(merge(mine, theirs), true);
  assert.deepEqual([mine.nickname, mine.colour, mine.age], ["Nora", "blue", "10-13"]);
  const renamed = profile({ nickname: "Noor", named: "2026-01-05" });
  merge(renamed, theirs);
  assert.equal(renamed.nickname, "Noor");
});

test("what a child made for a skipped answer stays with the answer that won", () => {
  const skipped = { activity: "a", state: "skipped", share: false, updated: "2026-01-04" };
  const mine = profile({ answers: { a: answer("a", "2026-01-02") } });
  const theirs = profile({ answers: { a: skipped }, drafts: { a: { text: "later" } } });
  merge(mine, theirs);
  assert.equal(mine.answers.a.state, "skipped");
  assert.deepEqual(mine.drafts, { a: { text: "later" } });
});

test("a profile of the first schema is read as the current one, and the stored copy is left alone", () => {
  const stored = profile();
  const read = migrate(stored);
  assert.equal(read.schema, SCHEMA);
  assert.notEqual(read, stored);
  assert.equal(stored.schema, undefined);
  assert.deepEqual({ ...read, schema: undefined }, { ...stored, schema: undefined });
});

test("a nickname loses direction controls and the spaces around it, in plain letters, at most 40", () => {
  assert.equal(cleanNickname("  \u202eNoor\u2066 "), "Noor");
  assert.equal(cleanNickname("\uff2e\uff4f\uff4f\uff52"), "Noor");
  // As Python reads it: a mark split from its letter by a direction control joins it.
  assert.equal(cleanNickname("Rene\u200e\u0301"), "Ren\u00e9");
  assert.equal(cleanNickname(`${"x".repeat(39)} y`), "x".repeat(39));
  assert.equal([...cleanNickname("\u0646".repeat(50))].length, 40);
  assert.equal(cleanNickname(undefined), "");
});

test("an imported nickname that is taken gets a number, and stays within 40 characters", () => {
  assert.equal(uniqueNickname("Noor", ["Sami"]), "Noor");
  assert.equal(uniqueNickname("Noor", ["Noor"]), "Noor (2)");
  assert.equal(uniqueNickname("Noor", ["Noor", "Noor (2)"]), "Noor (3)");
  const long = "x".repeat(40);
  const made = uniqueNickname(long, [long]);
  assert.equal(made, `${"x".repeat(36)} (2)`);
  assert.ok([...made].length <= 40);
});
