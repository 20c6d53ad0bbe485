// Where a child's work lives on this device: IndexedDB, with a second copy of
// every profile in localStorage. Nothing here ever leaves the device.
//
// Every write goes to both. Reading takes, per profile, the newer of the two,
// so a profile survives if either store is lost or broken. IndexedDB on WebKit
// can lose its connection after the tab was in the background: on
// InvalidStateError / UnknownError we reopen once and retry.
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

/** @returns {Promise<IDBDatabase>} */
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

function finished(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error("aborted"));
  });
}

/** Migrates a stored profile of an older schema to the current one (its
 * pictures already put back in their places). */
export function migrate(profile) {
  const upgraded = { ...profile };
  if (!upgraded.schema) upgraded.schema = 1;
  // 1 -> 2: pictures were inline; they are stored apart at the next save.
  if (upgraded.schema < 2) upgraded.schema = 2;
  // Later schemas add their steps here, one version at a time.
  return upgraded;
}

/** The pictures of one profile: keys from `${id}/` up to the next id. */
function picturesOf(id) {
  return IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);
}

/** The database had a newer version of a profile than the copy a screen was
 * drawn from (the copy could not be written the last time). The newer version
 * wins, and what the child changed after `since` (the copy's time) is put back
 * on top of it, so neither is lost. */
export function carryOver(edited, stored, since) {
  if ((edited.updated || "") <= since) return stored;
  const answers = { ...(stored.answers || {}) };
  const drafts = { ...(stored.drafts || {}) };
  for (const [id, answer] of Object.entries(edited.answers || {})) {
    if ((answer.updated || "") <= since) continue;
    answers[id] = answer;
    if (edited.drafts && id in edited.drafts) drafts[id] = edited.drafts[id];
  }
  const stations = new Set((stored.stickers || []).map((sticker) => sticker.station));
  const guests = new Map((stored.guests || []).map((guest) => [guest.id, guest]));
  for (const guest of edited.guests || []) {
    if (!guests.has(guest.id) || (guest.updated || "") > since) guests.set(guest.id, guest);
  }
  const merged = {
    ...stored,
    answers,
    drafts,
    stickers: [...(stored.stickers || []), ...(edited.stickers || []).filter((sticker) => !stations.has(sticker.station))],
    guests: [...guests.values()],
    updated: edited.updated,
  };
  if (stored.cards || edited.cards) {
    // An older child's cards and plan points, the same way.
    const cards = { ...(stored.cards || {}) };
    for (const [id, card] of Object.entries(edited.cards || {})) {
      if ((card.updated || "") > since) cards[id] = card;
    }
    const points = new Map((stored.plan || []).map((point) => [point.id, point]));
    for (const point of edited.plan || []) {
      if (!points.has(point.id) || (point.updated || "") > since) points.set(point.id, point);
    }
    Object.assign(merged, { cards, plan: [...points.values()], cardDrafts: { ...(stored.cardDrafts || {}), ...(edited.cardDrafts || {}) } });
  }
  return merged;
}

function inOrder(profiles) {
  return [...profiles].map(migrate).sort((a, b) => (a.created < b.created ? -1 : 1));
}

export class Store {
  /** @param {{database?: string, prefix?: string, pictures?: string}} where the
   * records live: the database, and the prefixes of the localStorage keys */
  constructor({ database = DB_NAME, prefix = COPY_PREFIX, pictures = PICTURE_PREFIX } = {}) {
    this.name = database;
    this.prefix = prefix;
    this.picturePrefix = pictures;
    // What each store holds of each profile's pictures: id -> place -> {key, value}.
    this.stored = { copy: new Map(), database: new Map() };
    /** @type {IDBDatabase | null} */
    this.db = null;
    this.databaseWorks = true;
    this.copyWorks = true;
    /** @type {Map<string, object> | null} */
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
   * copy that lacks a picture is left out: the database has the profile. */
  copiedProfiles() {
    const complete = [];
    for (const record of (this.firstCopies || this.readCopies()).values()) {
      const joined = this.fromCopy(record);
      if (!joined.missing.length) complete.push(joined.profile);
    }
    return inOrder(complete);
  }

  /** A copy's record with its pictures from localStorage. */
  fromCopy(record, elsewhere = undefined) {
    const joined = together(record, (key) => {
      try {
        return localStorage.getItem(this.picturePrefix + key);
      } catch {
        return null;
      }
    }, elsewhere);
    this.stored.copy.set(record.id, joined.places);
    return joined;
  }

  /** Runs an IndexedDB operation, reopening once if the connection was lost. */
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

  readCopies() {
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

  /** Every profile on this device, newest version of each, oldest profile first. */
  async profiles() {
    const reading = this.db
      ? this.withDatabase((db) => new Promise((resolve, reject) => {
        const transaction = db.transaction([PROFILES, PICTURES], "readonly");
        const records = transaction.objectStore(PROFILES).getAll();
        const keys = transaction.objectStore(PICTURES).getAllKeys();
        const pictures = transaction.objectStore(PICTURES).getAll();
        transaction.oncomplete = () => resolve({
          records: records.result,
          pictures: new Map(keys.result.map((key, i) => [key, pictures.result[i]])),
        });
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error || new Error("aborted"));
      })).catch(() => {
        this.databaseWorks = false;
        return { records: [], pictures: new Map() };
      })
      : Promise.resolve({ records: [], pictures: new Map() });
    const copies = this.firstCopies || this.readCopies();
    this.firstCopies = null;
    const stored = await reading;
    const fromDatabase = (record, elsewhere = undefined) => {
      const joined = together(record, (key) => stored.pictures.get(key) ?? null, elsewhere);
      this.stored.database.set(record.id, joined.places);
      return joined;
    };
    const byId = new Map();
    const records = new Map(stored.records.map((record) => [record.id, record]));
    for (const id of new Set([...copies.keys(), ...records.keys()])) {
      const copy = copies.get(id);
      const kept = records.get(id);
      const copyJoined = copy && this.fromCopy(copy);
      const keptJoined = kept && fromDatabase(kept);
      // The newer one wins; a picture it lacks is taken from the other one.
      const copyWins = copy && (!kept || (kept.updated || "") < (copy.updated || ""));
      let chosen = copyWins ? copyJoined : keptJoined;
      const other = copyWins ? keptJoined : copyJoined;
      if (chosen.missing.length && other) {
        const spare = (place) => other.places.get(place)?.value ?? null;
        chosen = copyWins ? this.fromCopy(copy, spare) : fromDatabase(kept, spare);
      }
      byId.set(id, chosen.profile);
    }
    return inOrder(byId.values());
  }

  /** Saves a profile in both places. Resolves to true when at least one store kept
   * all of it (a copy that lacks a picture does not count). */
  async save(profile) {
    const whole = { ...profile, schema: SCHEMA };
    const name = this.naming(whole.id);
    let kept = false;
    try {
      kept = this.saveCopy(whole, name);
      this.copyWorks = true;
    } catch {
      this.copyWorks = false;
    }
    if (this.db) {
      const before = this.stored.database.get(whole.id) || new Map();
      const pictures = [];
      const { record, places, changed } = apart(whole, before, (key, value) => {
        pictures.push([key, value]);
        return true;
      }, name);
      try {
        await this.withDatabase((db) => {
          const transaction = db.transaction([PROFILES, PICTURES], "readwrite", { durability: "strict" });
          const pictureStore = transaction.objectStore(PICTURES);
          for (const [key, value] of pictures) pictureStore.put(value, key);
          transaction.objectStore(PROFILES).put(record);
          if (changed) {
            // Pictures no record names any more go, in the same transaction.
            const named = keysOf(record);
            const keys = pictureStore.getAllKeys(picturesOf(whole.id));
            keys.onsuccess = () => {
              for (const key of keys.result) if (!named.has(key)) pictureStore.delete(key);
            };
          }
          return finished(transaction);
        });
        this.stored.database.set(whole.id, places);
        this.databaseWorks = true;
        kept = true;
      } catch {
        this.databaseWorks = false;
      }
    }
    return kept;
  }

  /** The localStorage copy: new pictures first, as space allows, then the record.
   * Throws when the record itself cannot be written; says whether all was kept. */
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
   * one, the same for both stores. */
  naming(id) {
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

  storageKeys() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) keys.push(localStorage.key(i));
    return keys.filter(Boolean);
  }

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
