// Where a child's work lives on this device: IndexedDB, with a second copy of
// every profile in localStorage. Nothing here ever leaves the device.
//
// Every write goes to both. Reading takes, per profile, the newer of the two,
// so a profile survives if either store is lost or broken. IndexedDB on WebKit
// can lose its connection after the tab was in the background: on
// InvalidStateError / UnknownError we reopen once and retry.
//
// Two tabs (or a tab and a copy left from before a crash) may each hold the same
// profile. A save never simply overwrites: it first takes in what another tab
// stored since (merge(), item by item: an answer, a card, a plan point, a
// sticker or a goodbye page, the newer one wins; a removal is remembered as a
// "removed" mark with its time), then writes the whole. In IndexedDB the read,
// the merge and the write of one profile hold a Web Lock, so two tabs take
// turns; the localStorage copy is written first and at once, without waiting.
//
// Drawings and photos are stored apart from the profile, each once, when it
// changes (pictures.js). In IndexedDB the profile and its new pictures are
// written in one transaction. In localStorage (about 5 MB for the whole site)
// the pictures are kept as space allows: when one does not fit, the copy still
// takes every word, and names the picture as it was before, or lacks it.

import { apart, keysOf, newKey, together } from "./pictures.js";

// The children's profiles; the counselor's forms use their own database and prefixes.
const DB_NAME = "kaketoe";
const DB_VERSION = 2; // 2: a store for the pictures
const PROFILES = "profiles";
const PICTURES = "pictures";
const COPY_PREFIX = "kaketoe:profile:";
const PICTURE_PREFIX = "kaketoe:picture:";
// 2: pictures stored apart, named in the profile by reference.
export const SCHEMA = 2;

/** @typedef {import("./types.js").StoredRecord} StoredRecord */
/** @typedef {import("./pictures.js").StoredPicture} StoredPicture */
/** A record with its pictures put back (pictures.js: together()).
 * @typedef {ReturnType<typeof together>} Joined */
/** An item of a profile: an answer, a card, a plan point, a sticker, a goodbye page.
 * @typedef {{[field: string]: any}} Item */
/** What the database holds: every record, and every picture by its key.
 * @typedef {{records: StoredRecord[], pictures: Map<string, string>}} DatabaseContent */

/** @param {string} name @returns {Promise<IDBDatabase>} */
function openDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(PROFILES)) db.createObjectStore(PROFILES, { keyPath: "id" });
      if (!db.objectStoreNames.contains(PICTURES)) db.createObjectStore(PICTURES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("blocked"));
  });
}

/** @param {IDBTransaction} transaction @returns {Promise<void>} */
function finished(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error("aborted"));
  });
}

/** Migrates a stored profile of an older schema to the current one (its
 * pictures already put back in their places).
 * @param {StoredRecord} profile @returns {StoredRecord} a new object */
export function migrate(profile) {
  const upgraded = { ...profile };
  if (!upgraded.schema) upgraded.schema = 1;
  // 1 -> 2: pictures were inline; they are stored apart at the next save.
  if (upgraded.schema < 2) upgraded.schema = 2;
  // Later schemas add their steps here, one version at a time.
  return upgraded;
}

/** The pictures of one profile: keys from `${id}/` up to the next id.
 * @param {string} id @returns {IDBKeyRange} */
function picturesOf(id) {
  return IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);
}

// The parts of a profile that hold items, and the field that names each item
// (null: the part is an object keyed by the item's name). goodbyeDrafts are
// the goodbye pages being written, by page id ("" for a new page).
/** @type {{[part: string]: string | null}} */
const ITEMS = { answers: null, cards: null, goodbyeDrafts: null, guests: "id", plan: "id", stickers: "station" };

/** Every item of a profile: "part/name" -> the item.
 * @param {StoredRecord} profile @returns {Map<string, Item>} */
function itemsOf(profile) {
  /** @type {Map<string, Item>} */
  const found = new Map();
  for (const [part, naming] of Object.entries(ITEMS)) {
    const held = profile[part];
    // A damaged part (not a list, not an object) holds no items.
    if (!held || typeof held !== "object" || Boolean(naming) !== Array.isArray(held)) continue;
    const entries = naming ? held.map((/** @type {Item} */ item) => [item && item[naming], item]) : Object.entries(held);
    for (const [name, item] of entries) if (item && typeof item === "object") found.set(`${part}/${name}`, item);
  }
  return found;
}

/** The names of the items a profile holds: "part/name" ("answers/a-draw", "guests/<id>").
 * @param {StoredRecord} profile @returns {Set<string>} */
export function itemNames(profile) {
  return new Set(itemsOf(profile).keys());
}

/** When an item last changed, or "". @param {Item | null | undefined} item @returns {string} */
const when = (item) => (item && item.updated) || "";

/** Takes into `mine` (changed in place, so a screen that holds a part of it
 * keeps working) what `theirs` has newer: per item the newer one wins; an item
 * removed on either side stays removed unless it changed after its removal.
 * `known`: the items mine held when it was last stored or read; one of them
 * missing now was removed here, and is marked so. Says whether anything of
 * theirs was taken.
 * @param {StoredRecord} mine @param {StoredRecord} theirs @param {Set<string>} [known]
 * @returns {boolean} */
export function merge(mine, theirs, known = new Set()) {
  const moment = new Date().toISOString();
  const removed = { ...(theirs.removed || {}) };
  for (const [name, at] of Object.entries(mine.removed || {})) if (at > (removed[name] || "")) removed[name] = at;
  const own = itemsOf(mine);
  for (const name of known) if (!own.has(name)) removed[name] = moment;
  const other = itemsOf(theirs);
  // Two different versions of an item with the same time (a copy that fell
  // behind): the one of the profile changed last. The same item stays mine.
  const theirsLater = (theirs.updated || "") > (mine.updated || "");
  const differ = (/** @type {Item} */ a, /** @type {Item} */ b) => JSON.stringify(a) !== JSON.stringify(b);
  const newer = (/** @type {Item} */ a, /** @type {Item} */ b) => (when(b) > when(a) || (when(b) === when(a) && theirsLater && differ(a, b)) ? b : a);
  let took = false;
  const winners = new Map();
  for (const name of new Set([...own.keys(), ...other.keys()])) {
    const a = own.get(name);
    const b = other.get(name);
    /** @type {Item | null | undefined} */
    let chosen = a && b ? newer(a, b) : a || b;
    if (removed[name] && removed[name] >= when(chosen)) chosen = null;
    else delete removed[name];
    if (chosen) winners.set(name, chosen);
    if (chosen !== (a || null)) took = true;
  }
  for (const [part, naming] of Object.entries(ITEMS)) {
    const chosen = [...winners].filter(([name]) => name.startsWith(`${part}/`));
    const fits = (/** @type {unknown} */ held) => held && typeof held === "object" && Boolean(naming) === Array.isArray(held);
    if (!fits(mine[part])) {
      if (!mine[part] && !chosen.length) continue;
      mine[part] = naming ? [] : {};
    }
    if (!naming) {
      const held = mine[part];
      for (const name of Object.keys(held)) if (!winners.has(`${part}/${name}`)) delete held[name];
      for (const [name, item] of chosen) held[name.slice(part.length + 1)] = item;
    } else {
      const held = mine[part];
      const order = [...held, ...(fits(theirs[part]) ? theirs[part] : [])].map((item) => `${part}/${item && item[naming]}`);
      const list = [...new Set(order)].filter((name) => winners.has(name)).map((name) => winners.get(name));
      held.splice(0, held.length, ...list);
    }
  }
  // What the child made for a skipped answer stays with the answer that won.
  const drafts = mine.drafts || {};
  const theirDrafts = theirs.drafts || {};
  for (const name of new Set([...Object.keys(drafts), ...Object.keys(theirDrafts)])) {
    const winner = winners.get(`answers/${name}`);
    if (winner && winner === (theirs.answers || {})[name]) {
      if (name in theirDrafts) drafts[name] = theirDrafts[name];
      else delete drafts[name];
    } else if (!winner && !(name in drafts)) drafts[name] = theirDrafts[name];
  }
  if (Object.keys(drafts).length) mine.drafts = drafts;
  if (theirs.cardDrafts) mine.cardDrafts = Object.assign(mine.cardDrafts || {}, { ...theirs.cardDrafts, ...(mine.cardDrafts || {}) });
  // Name, colour, age group and how the child is addressed: the side that changed them last.
  if ((theirs.named || "") > (mine.named || "")) {
    for (const field of ["nickname", "colour", "age", "addressedAs", "named"]) {
      if (field in theirs && mine[field] !== theirs[field]) {
        mine[field] = theirs[field];
        took = true;
      }
    }
  }
  if ((theirs.lastExport || "") > (mine.lastExport || "")) mine.lastExport = theirs.lastExport;
  if ((theirs.updated || "") > (mine.updated || "")) mine.updated = theirs.updated;
  mine.removed = removed;
  return took;
}

// A nickname as the app keeps it. The rule for files is Python's (kaketoe._answers,
// with kaketoe._checks.name): this does the same, in the same order: direction
// controls out, NFKC, direction controls out again, the spaces Python's
// str.strip() removes taken off both ends; and at most 40 characters (Python
// refuses a longer name in a file; the app shortens what is typed).
const NICKNAME_LIMIT = 40;
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- Python's str.strip() removes \x1C-\x1F too
const AROUND = /^[\t\n\v\f\r\x1C-\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r\x1C-\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/gu;

/** @param {string | null | undefined} text what was typed, or a file's name @returns {string} */
export function cleanNickname(text) {
  const clean = String(text || "").replace(DIRECTION_CONTROLS, "").normalize("NFKC").replace(DIRECTION_CONTROLS, "").replace(AROUND, "");
  return [...clean].slice(0, NICKNAME_LIMIT).join("").replace(AROUND, "");
}

/** A nickname no other profile has: "Noor (2)", shortened so it stays within 40 characters.
 * @param {string} name @param {Iterable<string>} taken the other profiles' nicknames @returns {string} */
export function uniqueNickname(name, taken) {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  for (let n = 2; ; n += 1) {
    const mark = ` (${n})`;
    const candidate = `${[...name].slice(0, NICKNAME_LIMIT - mark.length).join("").trim()}${mark}`;
    if (!names.has(candidate)) return candidate;
  }
}

/** A profile without the named items (the ones whose pictures were found nowhere).
 * @param {StoredRecord} profile @param {Set<string>} names @returns {StoredRecord} */
function without(profile, names) {
  if (!names.size) return profile;
  const kept = { ...profile };
  for (const [part, naming] of Object.entries(ITEMS)) {
    if (!kept[part]) continue;
    kept[part] = naming
      ? kept[part].filter((/** @type {Item} */ item) => !names.has(`${part}/${item[naming]}`))
      : Object.fromEntries(Object.entries(kept[part]).filter(([name]) => !names.has(`${part}/${name}`)));
  }
  return kept;
}

/** The items of a joined profile that lack a picture: a place is a path such as
 * ["answers", "a-draw", "value", "image"] or ["guests", 2, ...].
 * @param {Joined} joined @returns {Set<string>} */
function incomplete(joined) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const place of joined.missing) {
    const [part, at] = JSON.parse(place);
    if (!(part in ITEMS)) continue;
    const naming = ITEMS[part];
    const item = naming ? (joined.profile[part] || [])[at] : null;
    names.add(naming ? `${part}/${item && item[naming]}` : `${part}/${at}`);
  }
  return names;
}

/** What a page holds of each profile it read or stored: the items' names. An
 * item that is gone at the next save was removed by the child.
 * @type {WeakMap<StoredRecord, Set<string>>} */
const known = new WeakMap();

/** @template {StoredRecord} R @param {R} profile @returns {R} */
function remember(profile) {
  known.set(profile, itemNames(profile));
  return profile;
}

/** Marks the items removed since the profile was last read or stored, with the time.
 * @param {StoredRecord} profile */
function markRemoved(profile) {
  const before = known.get(profile);
  if (!before) return;
  const names = itemNames(profile);
  const moment = new Date().toISOString();
  for (const name of before) {
    if (!names.has(name)) profile.removed = { ...(profile.removed || {}), [name]: moment };
  }
}

/** @param {Iterable<StoredRecord>} profiles @returns {StoredRecord[]} oldest first */
function inOrder(profiles) {
  return [...profiles].map(migrate).map(remember).sort((a, b) => (a.created < b.created ? -1 : 1));
}

/** The records of one kind on this device: a child's profiles (the default
 * prefixes), or a counselor tool's forms.
 * @template {StoredRecord} [R=StoredRecord] what the records are */
export class Store {
  /** @param {{database?: string, prefix?: string, pictures?: string}} where the
   * records live: the database, and the prefixes of the localStorage keys */
  constructor({ database = DB_NAME, prefix = COPY_PREFIX, pictures = PICTURE_PREFIX } = {}) {
    this.name = database;
    this.prefix = prefix;
    this.picturePrefix = pictures;
    // What each store holds of each profile's pictures: id -> place -> {key, value}.
    /** @type {{copy: Map<string, Map<string, StoredPicture>>, database: Map<string, Map<string, StoredPicture>>}} */
    this.stored = { copy: new Map(), database: new Map() };
    // The revision of each profile this page last read or wrote, per store: another
    // revision there means another tab wrote since, and its work is taken in first.
    /** @type {{copy: Map<string, string | undefined>, database: Map<string, string | undefined>}} */
    this.seen = { copy: new Map(), database: new Map() };
    this.tab = Math.random().toString(36).slice(2, 10);
    this.writes = 0;
    // Called with a profile when a save or refresh took in work of another tab.
    /** @type {(profile: R) => unknown} */
    this.taken = (profile) => profile;
    /** @type {IDBDatabase | null} */
    this.db = null;
    this.databaseWorks = true;
    this.copyWorks = true;
    /** @type {Map<string, StoredRecord> | null} */
    this.firstCopies = null;
  }

  /** Opens the database. The copies are read while it opens (that takes a
   * while on a slow tablet): copiedProfiles() has them as soon as open() is
   * called, and the first call of profiles() uses them. */
  async open() {
    const opening = openDatabase(this.name);
    opening.catch(() => {});
    this.firstCopies = this.readCopies();
    try {
      this.db = await opening;
    } catch {
      this.databaseWorks = false;
    }
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().catch(() => {});
    }
    return this;
  }

  /** The profiles as the localStorage copies hold them, at once. A copy can be
   * behind the database when it could not be written: profiles() decides. A
   * copy that lacks a picture is left out: the database has the profile.
   * @returns {R[]} */
  copiedProfiles() {
    /** @type {StoredRecord[]} */
    const complete = [];
    for (const record of (this.firstCopies || this.readCopies()).values()) {
      const joined = this.fromCopy(record);
      if (!joined.missing.length) complete.push(joined.profile);
    }
    return /** @type {R[]} */ (inOrder(complete));
  }

  /** A copy's record with its pictures from localStorage (or, by their key, from
   * `pictures`: those the database holds).
   * @param {StoredRecord} record
   * @param {(place: string) => string | null} [elsewhere] the picture the other store holds at a place
   * @param {Map<string, string>} [pictures]
   * @returns {Joined} */
  fromCopy(record, elsewhere = undefined, pictures = new Map()) {
    /** @type {Set<string>} */
    const local = new Set();
    const joined = together(record, (key) => {
      /** @type {string | null} */
      let value = null;
      try {
        value = localStorage.getItem(this.picturePrefix + key);
      } catch {
        // Not readable: perhaps the database has it.
      }
      if (value !== null) local.add(key);
      return value ?? pictures.get(key) ?? null;
    }, elsewhere);
    // Only what localStorage itself holds counts as stored there.
    this.stored.copy.set(record.id, new Map([...joined.places].filter(([, found]) => local.has(found.key))));
    this.seen.copy.set(record.id, record.revision);
    return joined;
  }

  /** Runs an IndexedDB operation, reopening once if the connection was lost.
   * @template T @param {(db: IDBDatabase) => Promise<T>} operation @returns {Promise<T>} */
  async withDatabase(operation) {
    if (!this.db) throw new Error("no database");
    try {
      return await operation(this.db);
    } catch (error) {
      const name = error && error.name;
      if (name !== "InvalidStateError" && name !== "UnknownError") throw error;
      this.db = await openDatabase(this.name);
      return operation(this.db);
    }
  }

  /** The localStorage copies, by id. @returns {Map<string, StoredRecord>} */
  readCopies() {
    /** @type {Map<string, StoredRecord>} */
    const found = new Map();
    try {
      for (const key of this.storageKeys()) {
        if (!key.startsWith(this.prefix)) continue;
        try {
          const profile = JSON.parse(localStorage.getItem(key) || "null");
          if (profile && profile.id) found.set(profile.id, profile);
        } catch {
          // A damaged copy: the database copy (if any) wins.
        }
      }
    } catch {
      this.copyWorks = false;
    }
    return found;
  }

  /** Every profile on this device, oldest first: per profile what the copy and
   * the database hold together (they differ after a crash or a failed write).
   * @returns {Promise<R[]>} */
  async profiles() {
    /** @type {Promise<DatabaseContent>} */
    const reading = this.db
      ? this.withDatabase((db) => /** @type {Promise<DatabaseContent>} */ (new Promise((resolve, reject) => {
        const transaction = db.transaction([PROFILES, PICTURES], "readonly");
        const records = transaction.objectStore(PROFILES).getAll();
        const keys = /** @type {IDBRequest<string[]>} */ (transaction.objectStore(PICTURES).getAllKeys());
        const pictures = transaction.objectStore(PICTURES).getAll();
        transaction.oncomplete = () => resolve({
          records: records.result,
          pictures: new Map(keys.result.map((key, i) => [key, pictures.result[i]])),
        });
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error || new Error("aborted"));
      }))).catch(/** @returns {DatabaseContent} */ () => {
        this.databaseWorks = false;
        return { records: [], pictures: new Map() };
      })
      : Promise.resolve({ records: [], pictures: new Map() });
    const copies = this.firstCopies || this.readCopies();
    this.firstCopies = null;
    const stored = await reading;
    /** @param {StoredRecord} record @param {(place: string) => string | null} [elsewhere] @returns {Joined} */
    const fromDatabase = (record, elsewhere = undefined) => {
      const joined = together(record, (key) => stored.pictures.get(key) ?? null, elsewhere);
      this.stored.database.set(record.id, joined.places);
      this.seen.database.set(record.id, record.revision);
      return joined;
    };
    /** @type {Map<string, StoredRecord>} */
    const byId = new Map();
    const records = new Map(stored.records.map((record) => [record.id, record]));
    for (const id of new Set([...copies.keys(), ...records.keys()])) {
      const copy = copies.get(id);
      const kept = records.get(id);
      // A picture one store lacks is taken from the other.
      let copyJoined = copy && this.fromCopy(copy, undefined, stored.pictures);
      const keptJoined = kept && fromDatabase(kept, copyJoined && ((place) => /** @type {Joined} */ (copyJoined).places.get(place)?.value ?? null));
      if (copyJoined && copyJoined.missing.length && keptJoined) {
        copyJoined = this.fromCopy(/** @type {StoredRecord} */ (copy), (place) => keptJoined.places.get(place)?.value ?? null, stored.pictures);
      }
      if (copyJoined && keptJoined) {
        // Both: the one that is whole is the base; the other's items are taken in.
        const [base, other] = keptJoined.missing.length > copyJoined.missing.length ? [copyJoined, keptJoined] : [keptJoined, copyJoined];
        merge(base.profile, without(other.profile, incomplete(other)));
        byId.set(id, base.profile);
      } else byId.set(id, /** @type {Joined} the id is of one of them */ (copyJoined || keptJoined).profile);
    }
    return /** @type {R[]} */ (inOrder(byId.values()));
  }

  /** Takes into the profile what another tab stored since this page last read or
   * wrote it: from the copy at once, from the database when it has answered.
   * Says whether anything was taken.
   * @param {R} profile @returns {Promise<boolean>} */
  async refresh(profile) {
    markRemoved(profile);
    let took = this.takeFromCopy(profile);
    if (this.db) {
      try {
        const theirs = await this.withDatabase((db) => /** @type {Promise<StoredRecord | null>} */ (new Promise((resolve, reject) => {
          const transaction = db.transaction([PROFILES, PICTURES], "readonly");
          /** @type {StoredRecord | null} */
          let found = null;
          this.readStored(transaction, profile.id, (joined) => { found = joined; });
          transaction.oncomplete = () => resolve(found);
          transaction.onerror = () => reject(transaction.error);
          transaction.onabort = () => reject(transaction.error || new Error("aborted"));
        })));
        if (theirs) took = merge(profile, theirs) || took;
      } catch {
        // Read at the next save.
      }
    }
    remember(profile);
    if (took) this.taken(profile);
    return took;
  }

  /** What the page holds and what another source holds of the same profile,
   * together in the page's profile (see merge()). Says whether anything was taken.
   * @param {R} profile @param {StoredRecord} theirs @returns {boolean} */
  combine(profile, theirs) {
    markRemoved(profile);
    const took = merge(profile, theirs);
    remember(profile);
    return took;
  }

  /** The copy another tab wrote, taken into the profile (nothing when this page
   * wrote it last, or when it cannot be read: the database has it).
   * @param {StoredRecord} profile @returns {boolean} */
  takeFromCopy(profile) {
    /** @type {StoredRecord | null} */
    let record = null;
    try {
      record = JSON.parse(localStorage.getItem(this.prefix + profile.id) || "null");
    } catch {
      return false;
    }
    if (!record || record.revision === this.seen.copy.get(profile.id)) return false;
    const values = this.knownPictures(profile.id);
    const joined = this.fromCopy(record, undefined, values);
    return merge(profile, without(joined.profile, incomplete(joined)));
  }

  /** The pictures this page knows of a profile, by key.
   * @param {string} id @returns {Map<string, string>} */
  knownPictures(id) {
    /** @type {Map<string, string>} */
    const values = new Map();
    for (const places of [this.stored.copy.get(id), this.stored.database.get(id)]) {
      for (const { key, value } of (places || new Map()).values()) values.set(key, value);
    }
    return values;
  }

  /** In a transaction: the database's record of a profile when another tab wrote
   * it since this page last read or wrote it, with its pictures; `done(profile
   * without the items whose pictures are missing)`, or done(null).
   * @param {IDBTransaction} transaction @param {string} id
   * @param {(theirs: StoredRecord | null) => void} done */
  readStored(transaction, id, done) {
    const request = transaction.objectStore(PROFILES).get(id);
    request.onsuccess = () => {
      const record = request.result;
      if (!record || record.revision === this.seen.database.get(id)) return done(null);
      const values = this.knownPictures(id);
      const wanted = [...keysOf(record)].filter((key) => !values.has(key));
      let left = wanted.length;
      const join = () => {
        const joined = together(record, (key) => values.get(key) ?? null);
        this.seen.database.set(id, record.revision);
        done(without(joined.profile, incomplete(joined)));
      };
      if (!left) return join();
      for (const key of wanted) {
        const picture = transaction.objectStore(PICTURES).get(key);
        picture.onsuccess = () => {
          if (picture.result) values.set(key, picture.result);
          left -= 1;
          if (!left) join();
        };
      }
    };
  }

  /** Saves a profile in both places, after taking in what another tab stored
   * since. Resolves to true when at least one store kept all of it (a copy that
   * lacks a picture does not count).
   * @param {R} profile @returns {Promise<boolean>} */
  async save(profile) {
    markRemoved(profile);
    const name = this.naming(profile.id);
    let kept = false;
    let took = false;
    try {
      took = this.takeFromCopy(profile);
      kept = this.saveCopy(this.whole(profile), name);
      this.copyWorks = true;
    } catch {
      this.copyWorks = false;
    }
    if (this.db) {
      // (Typed by a cast: tsc would take it for null below, not seeing the callback set it.)
      let places = /** @type {Map<string, StoredPicture> | null} */ (null);
      try {
        await this.withDatabase((db) => {
          // Read, take in and write in one transaction: another tab's save of
          // the same profile waits for it, or it waits for that one.
          const transaction = db.transaction([PROFILES, PICTURES], "readwrite", { durability: "strict" });
          const pictureStore = transaction.objectStore(PICTURES);
          this.readStored(transaction, profile.id, (theirs) => {
            if (theirs && merge(profile, theirs)) took = true;
            const whole = this.whole(profile);
            const before = this.stored.database.get(whole.id) || new Map();
            const written = apart(whole, before, (key, value) => {
              pictureStore.put(value, key);
              return true;
            }, name);
            places = written.places;
            transaction.objectStore(PROFILES).put(written.record);
            this.seen.database.set(whole.id, whole.revision);
            if (written.changed) {
              // Pictures no record names any more go, in the same transaction.
              const named = keysOf(written.record);
              const keys = /** @type {IDBRequest<string[]>} */ (pictureStore.getAllKeys(picturesOf(whole.id)));
              keys.onsuccess = () => {
                for (const key of keys.result) if (!named.has(key)) pictureStore.delete(key);
              };
            }
          });
          return finished(transaction);
        });
        // Set when the transaction read the record, before it completed.
        this.stored.database.set(profile.id, /** @type {Map<string, StoredPicture>} */ (places));
        this.databaseWorks = true;
        kept = true;
      } catch {
        this.seen.database.delete(profile.id);
        this.databaseWorks = false;
      }
      if (took) {
        // The copy gets what the database brought.
        try {
          this.saveCopy(this.whole(profile), name);
        } catch {
          this.copyWorks = false;
        }
      }
    }
    remember(profile);
    if (took) this.taken(profile);
    return kept;
  }

  /** The profile as it is written: with the schema and a new revision.
   * @param {StoredRecord} profile @returns {StoredRecord} */
  whole(profile) {
    this.writes += 1;
    return { ...profile, schema: SCHEMA, revision: `${this.tab}-${this.writes}` };
  }

  /** The localStorage copy: new pictures first, as space allows, then the record.
   * Throws when the record itself cannot be written; says whether all was kept.
   * @param {StoredRecord} whole @param {(place: string, value: string) => string} name @returns {boolean} */
  saveCopy(whole, name) {
    const before = this.stored.copy.get(whole.id) || new Map();
    const { record, places, changed, complete } = apart(whole, before, (key, value) => {
      try {
        localStorage.setItem(this.picturePrefix + key, value);
        return true;
      } catch {
        return false;
      }
    }, name);
    localStorage.setItem(this.prefix + record.id, JSON.stringify(record));
    this.stored.copy.set(whole.id, places);
    this.seen.copy.set(whole.id, whole.revision);
    if (changed) {
      const named = keysOf(record);
      const own = `${this.picturePrefix}${whole.id}/`;
      for (const key of this.storageKeys()) {
        if (key.startsWith(own) && !named.has(key.slice(this.picturePrefix.length))) localStorage.removeItem(key);
      }
    }
    return complete;
  }

  /** Gives a new picture the key either store already has it under, or a new
   * one, the same for both stores.
   * @param {string} id @returns {(place: string, value: string) => string} */
  naming(id) {
    /** @type {Map<string, StoredPicture>} */
    const made = new Map();
    return (place, value) => {
      for (const known of [this.stored.copy.get(id), this.stored.database.get(id), made]) {
        const found = known && known.get(place);
        if (found && found.value === value) return found.key;
      }
      const key = newKey(id);
      made.set(place, { key, value });
      return key;
    };
  }

  /** Every key in localStorage. @returns {string[]} */
  storageKeys() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) keys.push(localStorage.key(i));
    return /** @type {string[]} */ (keys.filter(Boolean));
  }

  /** Removes a profile and its pictures from both stores. @param {string} id @returns {Promise<void>} */
  async remove(id) {
    try {
      localStorage.removeItem(this.prefix + id);
      const own = `${this.picturePrefix}${id}/`;
      for (const key of this.storageKeys()) if (key.startsWith(own)) localStorage.removeItem(key);
    } catch {
      // Nothing to remove where nothing could be stored.
    }
    this.stored.copy.delete(id);
    this.stored.database.delete(id);
    if (this.db) {
      await this.withDatabase((db) => {
        const transaction = db.transaction([PROFILES, PICTURES], "readwrite", { durability: "strict" });
        transaction.objectStore(PROFILES).delete(id);
        transaction.objectStore(PICTURES).delete(picturesOf(id));
        return finished(transaction);
      });
    }
  }
}
