// web/shared/pictures.js: a child's drawings and photos are stored apart from
// the profile, each once, and put back in their places when it is read.

import assert from "node:assert/strict";
import { test } from "node:test";

import { apart, keysOf, together } from "../../web/shared/pictures.js";

/** A data: URL as long as a small drawing (short ones stay in the profile). */
const drawing = (colour) => `data:image/png;base64,${colour.repeat(2000)}`;
const PLACE = JSON.stringify(["answers", "a-draw", "value", "image"]);

function profileWith(image) {
  return {
    id: "p1",
    nickname: "Noor",
    answers: { "a-draw": { activity: "a-draw", state: "answered", value: { image }, share: false } },
  };
}

/** A store in a Map: `write` keeps everything, unless told to refuse. */
function storeIn(held, refuse = false) {
  return (key, value) => {
    if (refuse) return false;
    held.set(key, value);
    return true;
  };
}

test("a drawing is stored apart, named by a key, and comes back in its place", () => {
  const profile = profileWith(drawing("A"));
  const held = new Map();
  const written = apart(profile, new Map(), storeIn(held));
  const reference = written.record.answers["a-draw"].value.image;
  assert.deepEqual(Object.keys(reference), ["$picture"]);
  assert.equal(held.get(reference.$picture), drawing("A"));
  assert.ok(written.changed && written.complete);
  assert.ok(!JSON.stringify(written.record).includes("data:"), "the record holds no picture itself");
  const read = together(written.record, (key) => held.get(key) ?? null);
  assert.deepEqual(read.profile, profile);
  assert.deepEqual(read.missing, []);
});

test("an unchanged drawing is not written again when the profile is saved", () => {
  const profile = profileWith(drawing("A"));
  const held = new Map();
  const first = apart(profile, new Map(), storeIn(held));
  let writes = 0;
  const again = apart(profile, first.places, () => {
    writes += 1;
    return true;
  });
  assert.equal(writes, 0);
  assert.equal(again.changed, false);
  assert.deepEqual(again.record, first.record);
});

test("a changed drawing gets a new key, so an older record still names the old one", () => {
  const held = new Map();
  const first = apart(profileWith(drawing("A")), new Map(), storeIn(held));
  const second = apart(profileWith(drawing("B")), first.places, storeIn(held));
  assert.ok(second.changed);
  assert.notDeepEqual(keysOf(second.record), keysOf(first.record));
  assert.equal(together(first.record, (key) => held.get(key) ?? null).profile.answers["a-draw"].value.image, drawing("A"));
});

test("a drawing that does not fit keeps its earlier key, and the save says it is not whole", () => {
  const held = new Map();
  const first = apart(profileWith(drawing("A")), new Map(), storeIn(held));
  const full = apart(profileWith(drawing("B")), first.places, storeIn(held, true));
  assert.equal(full.complete, false);
  assert.deepEqual(keysOf(full.record), keysOf(first.record));
  const fresh = apart(profileWith(drawing("C")), new Map(), storeIn(new Map(), true));
  assert.equal(fresh.record.answers["a-draw"].value.image.$picture, null);
});

test("a drawing found nowhere is reported missing and left empty, never invented", () => {
  const written = apart(profileWith(drawing("A")), new Map(), storeIn(new Map()));
  const read = together(written.record, () => null);
  assert.deepEqual(read.missing, [PLACE]);
  assert.equal(read.profile.answers["a-draw"].value.image, null);
  const fromOther = together(written.record, () => null, (place) => (place === PLACE ? drawing("A") : null));
  assert.equal(fromOther.profile.answers["a-draw"].value.image, drawing("A"));
  assert.deepEqual(fromOther.missing, []);
});

test("words, short data and a profile of the first schema stay in the profile as they are", () => {
  const profile = profileWith("data:image/png;base64,AAAA");
  profile.answers["a-story"] = { activity: "a-story", state: "answered", value: { text: "x".repeat(2000) }, share: true };
  const written = apart(profile, new Map(), () => assert.fail("nothing to write"));
  assert.deepEqual(written.record, profile);
  assert.equal(written.changed, false);
  const inline = profileWith(drawing("A"));
  assert.deepEqual(together(inline, () => assert.fail("nothing to find")).profile, inline);
});
