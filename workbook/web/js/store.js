// Where a child's work lives on this device: IndexedDB, with a second copy of
// every profile in localStorage. Nothing here ever leaves the device.
//
// Every write goes to both. Reading takes, per profile, the newer of the two,
// so a profile survives if either store is lost or broken. IndexedDB on WebKit
// can lose its connection after the tab was in the background: on
// InvalidStateError / UnknownError we reopen once and retry.

// The children's profiles; the counselor's forms use their own database and prefix.
const DB_NAME = "kaketoe";
const DB_VERSION = 1;
const PROFILES = "profiles";
const COPY_PREFIX = "kaketoe:profile:";
export const SCHEMA = 1;

/** @returns {Promise<IDBDatabase>} */
function openDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(PROFILES)) db.createObjectStore(PROFILES, { keyPath: "id" });
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

/** Migrates a stored profile of an older schema to the current one. */
export function migrate(profile) {
  const upgraded = { ...profile };
  if (!upgraded.schema) upgraded.schema = 1;
  // Later schemas add their steps here, one version at a time.
  return upgraded;
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
  return {
    ...stored,
    answers,
    drafts,
    stickers: [...(stored.stickers || []), ...(edited.stickers || []).filter((sticker) => !stations.has(sticker.station))],
    guests: [...guests.values()],
    updated: edited.updated,
  };
}

function inOrder(profiles) {
  return [...profiles].map(migrate).sort((a, b) => (a.created < b.created ? -1 : 1));
}

export class Store {
  /** @param {{database?: string, prefix?: string}} where the records live */
  constructor({ database = DB_NAME, prefix = COPY_PREFIX } = {}) {
    this.name = database;
    this.prefix = prefix;
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
   * behind the database when it could not be written: profiles() decides. */
  copiedProfiles() {
    return inOrder((this.firstCopies || this.readCopies()).values());
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
      for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        if (!key || !key.startsWith(this.prefix)) continue;
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
        const request = db.transaction(PROFILES, "readonly").objectStore(PROFILES).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      })).catch(() => {
        this.databaseWorks = false;
        return [];
      })
      : Promise.resolve([]);
    const copies = this.firstCopies || this.readCopies();
    this.firstCopies = null;
    const stored = await reading;
    const byId = new Map(copies);
    for (const profile of stored) {
      const copy = byId.get(profile.id);
      if (!copy || (profile.updated || "") >= (copy.updated || "")) byId.set(profile.id, profile);
    }
    return inOrder(byId.values());
  }

  /** Saves a profile in both places. Resolves to true when at least one store kept it. */
  async save(profile) {
    const record = { ...profile, schema: SCHEMA };
    let kept = false;
    try {
      localStorage.setItem(this.prefix + record.id, JSON.stringify(record));
      this.copyWorks = true;
      kept = true;
    } catch {
      this.copyWorks = false;
    }
    if (this.db) {
      try {
        await this.withDatabase((db) => {
          const transaction = db.transaction(PROFILES, "readwrite", { durability: "strict" });
          transaction.objectStore(PROFILES).put(record);
          return finished(transaction);
        });
        this.databaseWorks = true;
        kept = true;
      } catch {
        this.databaseWorks = false;
      }
    }
    return kept;
  }

  async remove(id) {
    try {
      localStorage.removeItem(this.prefix + id);
    } catch {
      // Nothing to remove where nothing could be stored.
    }
    if (this.db) {
      await this.withDatabase((db) => {
        const transaction = db.transaction(PROFILES, "readwrite", { durability: "strict" });
        transaction.objectStore(PROFILES).delete(id);
        return finished(transaction);
      });
    }
  }
}
