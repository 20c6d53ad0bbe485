// A child's drawings and photos are stored apart from the rest of the profile
// (see store.js): a profile with seven drawings is 2.6 MB, and writing all of
// it on every saved word blocked a slow tablet for a quarter of a second or
// more. Apart, a saved word writes a few kilobytes, and a picture is written
// once, when it changes.
//
// In a stored record each picture is replaced by a reference, {$picture: key}.
// A picture's place in the profile is the path to it, as JSON (["answers",
// "a-draw", "value", "image"]); its key is new each time the picture changes,
// so a record only ever names pictures as they were when it was written.

const SMALLEST = 1024; // a data: URL at least this long is stored apart

/** @typedef {import("./types.js").StoredRecord} StoredRecord */
/** A picture as one store holds it: its key there, and the data: URL.
 * @typedef {{key: string, value: string}} StoredPicture */
/** Where a value is in a profile: the fields and indexes that lead to it.
 * @typedef {(string | number)[]} Path */

/** @param {unknown} value @returns {value is string} */
function isPicture(value) {
  return typeof value === "string" && value.length >= SMALLEST && value.startsWith("data:");
}

/** @param {unknown} value @returns {value is {$picture: string | null}} */
function isReference(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    && "$picture" in value && Object.keys(value).length === 1;
}

let made = 0;

/** A key no picture had before, under the profile's id.
 * @param {string} id @returns {string} */
export function newKey(id) {
  made += 1;
  return `${id}/${Date.now().toString(36)}-${made}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Walks plain data (objects, arrays, strings...), giving each value and its
 * place to `visit`, which returns what to put there, or undefined to go on.
 * @param {unknown} value @param {Path} path
 * @param {(value: unknown, path: Path) => unknown} visit @returns {unknown} */
function rebuild(value, path, visit) {
  const replaced = visit(value, path);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((item, i) => rebuild(item, [...path, i], visit));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, rebuild(item, [...path, name], visit)]));
  }
  return value;
}

/** The record to store for a profile, and the pictures to write first.
 * `stored` maps a place to the {key, value} this store holds there; a picture
 * found unchanged keeps its key, a new or changed one gets a new key, and is
 * given to `write(key, value)`, which says whether it was kept (`name(place,
 * value)` gives the key: the same in both stores). A picture that
 * could not be kept is named by its earlier key if there is one, else its
 * reference is null (the record lacks it).
 * `changed`: the record names other pictures than before (new ones, or fewer).
 * @param {StoredRecord} profile
 * @param {Map<string, StoredPicture>} stored
 * @param {(key: string, value: string) => boolean} write
 * @param {(place: string, value: string) => string} [name]
 * @returns {{record: StoredRecord, places: Map<string, StoredPicture>, changed: boolean, complete: boolean}} */
export function apart(profile, stored, write, name = () => newKey(profile.id)) {
  /** @type {Map<string, StoredPicture>} */
  const places = new Map();
  let changed = false;
  let complete = true;
  const record = /** @type {StoredRecord} */ (rebuild(profile, [], (value, path) => {
    if (!isPicture(value)) return undefined;
    const place = JSON.stringify(path);
    const before = stored.get(place);
    if (before && before.value === value) {
      places.set(place, before);
      return { $picture: before.key };
    }
    const key = name(place, value);
    if (write(key, value)) {
      changed = true;
      places.set(place, { key, value });
      return { $picture: key };
    }
    complete = false;
    if (before) places.set(place, before);
    return { $picture: before ? before.key : null };
  }));
  const dropped = [...stored.keys()].some((place) => !places.has(place));
  return { record, places, changed: changed || dropped, complete };
}

/** The profile of a stored record, its pictures put back. `find(key)` gives a
 * picture this store holds, or null; `elsewhere(place)` one the other store
 * holds at the same place (or null). `places` are the pictures found in this
 * store; `missing` the places found nowhere (left null in the profile).
 * A record of the first schema holds its pictures inline: they stay.
 * @param {StoredRecord} record
 * @param {(key: string) => string | null} find
 * @param {(place: string) => string | null} [elsewhere]
 * @returns {{profile: StoredRecord, places: Map<string, StoredPicture>, missing: string[]}} */
export function together(record, find, elsewhere = () => null) {
  /** @type {Map<string, StoredPicture>} */
  const places = new Map();
  /** @type {string[]} */
  const missing = [];
  const profile = /** @type {StoredRecord} */ (rebuild(record, [], (value, path) => {
    if (!isReference(value)) return undefined;
    const place = JSON.stringify(path);
    const found = value.$picture === null ? null : find(value.$picture);
    if (found) {
      // Found: so it was named by a key.
      places.set(place, { key: /** @type {string} */ (value.$picture), value: found });
      return found;
    }
    const other = elsewhere(place);
    if (other) return other;
    missing.push(place);
    return null;
  }));
  return { profile, places, missing };
}

/** The keys a record names.
 * @param {StoredRecord} record @returns {Set<string>} */
export function keysOf(record) {
  /** @type {Set<string>} */
  const keys = new Set();
  rebuild(record, [], (value) => {
    if (!isReference(value)) return undefined;
    if (value.$picture) keys.add(value.$picture);
    return value;
  });
  return keys;
}
