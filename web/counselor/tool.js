// What every counselor tool shares: its data (app/counselor/<lang>.json), the
// records kept on this device under a family code (IndexedDB with a copy in
// localStorage, as the children's app keeps profiles), saving, the screen to
// choose a family, and Python in a worker. Nothing here leaves the device.
//
// A family's form is open in one tab at a time: the tab holds a Web Lock named
// after the record. Another tab that opens it says so, and can take it over: the
// first tab then saves, lets go and says where the form went. So two tabs never
// overwrite each other's entries.

import { fill, h } from "../shared/dom.js";
import { download, safeName } from "../shared/download.js";
import { Python } from "../shared/python.js";
import { dataFile, settings, siteHome } from "../shared/settings.js";
import { Store } from "../shared/store.js";
import { lookAlikeLetters, lookAlikes, normalise } from "./family-code.js";
import { registerOffline } from "./offline.js";
import { fileTrouble, workTrouble } from "./problems.js";

const SAVE_DELAY_MS = 400;

export function now() {
  return new Date().toISOString();
}

const CHANNEL = "kaketoe-counselor-forms";

export class Tool {
  /**
   * @param {string} kind the kind of record: "monitoring", "risk-form"
   * @param {string[]} fields what the record holds besides its code and dates
   */
  constructor(kind, fields) {
    this.kind = kind;
    this.fields = fields;
    this.main = document.getElementById("tool");
    this.language = settings.language;
    this.data = null;
    this.words = {};
    this.store = null;
    this.records = [];
    this.record = null;
    this.python = null;
    this.saveTimer = null;
    this.saving = Promise.resolve();
    this.dirty = false;
    this.held = null; // {id, release}: the family's form this tab holds
    this.screen = null; // {title, intro, empty, show}: set by codeScreen()
    /** Called after every change, to ask Python again. */
    this.onChange = () => {};
    this.channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
    if (this.channel) this.channel.onmessage = (event) => this.askedToRelease(event.data);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.saveNow();
    });
    addEventListener("pagehide", () => this.saveNow());
  }

  async load() {
    this.data = await (await fetch(dataFile("forms", this.language))).json();
    this.words = this.data.words;
    this.store = new Store({ database: "kaketoe-counselor", prefix: "kaketoe:form:", pictures: "kaketoe:form-picture:" });
    await this.store.open();
    this.records = await this.store.profiles();
    this.python = new Python({ formLanguages: [this.language] });
    // Python starts in the background; the form never waits for it.
    setTimeout(() => this.python.start().catch(() => {}), 0);
    registerOffline();
    return this;
  }

  storageWarning() {
    if (!this.store.databaseWorks && !this.store.copyWorks) {
      this.main.prepend(h("p", { class: "notice", role: "alert" }, this.words.storage_failed));
    }
  }

  /** Saves now; resolves when this and every earlier save is done. */
  saveNow() {
    clearTimeout(this.saveTimer);
    this.saving = this.saving.then(async () => {
      if (!this.record || !this.dirty) return;
      this.dirty = false;
      const kept = await this.store.save(this.record);
      const status = document.getElementById("saved");
      if (status) status.textContent = kept ? this.words.saved : this.words.storage_failed;
    });
    return this.saving;
  }

  changed() {
    if (!this.record) return;
    this.record.updated = now();
    this.dirty = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
    this.onChange();
  }

  /** The family codes of this tool on this device. */
  codes() {
    return this.records.filter((record) => record.kind === this.kind).map((record) => record.code);
  }

  // One tab per family's form ----------------------------------------------------------

  /** Holds the form `id` in this tab; false when another tab holds it (unless `wait`). */
  hold(id, { wait = false } = {}) {
    if (this.held && this.held.id === id) return Promise.resolve(true);
    this.letGo();
    if (!navigator.locks) return Promise.resolve(true); // an old browser: nothing to hold with
    return new Promise((resolve) => {
      navigator.locks.request(`kaketoe-counselor:${id}`, wait ? {} : { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        return new Promise((release) => {
          this.held = { id, release };
          resolve(true);
        });
      }).catch(() => resolve(false));
    });
  }

  letGo() {
    if (this.held) this.held.release();
    this.held = null;
  }

  /** Another tab wants this tab's form: save everything, let go, say where it went. */
  async askedToRelease(message) {
    if (!message || message.type !== "release" || !this.held || message.id !== this.held.id) return;
    const code = this.record ? this.record.code : message.code;
    await this.saveNow();
    this.record = null;
    this.letGo();
    fill(this.main,
      h("h1", {}, this.screen.title),
      h("p", { class: "notice", role: "alert" }, `${this.words.family_code}: `, h("bdi", {}, code), ". ", this.words.taken_over),
      h("p", {}, h("button", { type: "button", class: "button button--primary", onclick: () => this.takeOver(code) }, this.words.take_back)));
    this.main.focus();
  }

  /** Asks the tab that holds the form to let go, waits for it, then opens the form here. */
  async takeOver(code, replacement = null) {
    const id = `${this.kind}:${code}`;
    if (this.channel) this.channel.postMessage({ type: "release", id, code });
    await this.hold(id, { wait: true });
    await this.openFamily(code, replacement);
  }

  /** The form is open in another tab: say so; nothing is written from here. */
  elsewhere(code, replacement) {
    this.record = null;
    fill(this.main,
      h("h1", {}, this.screen.title),
      h("p", { class: "notice", role: "alert" }, `${this.words.family_code}: `, h("bdi", {}, code), ". ", this.words.open_elsewhere),
      this.channel ? h("p", {}, h("button", { type: "button", class: "button button--primary", onclick: () => this.takeOver(code, replacement) }, this.words.take_over)) : null);
    this.main.focus();
  }

  /** Opens the form of a family in this tab, as stored now (another tab may have
   * saved it since this page loaded); a new one when there is none yet.
   * `replacement`: what a form file holds, to put in its place. */
  async openFamily(code, replacement = null) {
    const id = `${this.kind}:${code}`;
    if (!(await this.hold(id))) {
      this.elsewhere(code, replacement);
      return;
    }
    this.records = await this.store.profiles();
    let record = this.records.find((found) => found.id === id) || null;
    const fresh = !record || replacement;
    if (replacement) record = { ...replacement, id, kind: this.kind, code, updated: now() };
    if (!record) record = { id, kind: this.kind, code, created: now(), updated: now(), ...this.screen.empty() };
    this.records = [...this.records.filter((found) => found.id !== id), record];
    this.record = record;
    if (fresh) {
      this.dirty = true;
      await this.saveNow();
    }
    this.screen.show();
  }

  content() {
    return Object.fromEntries(this.fields.map((field) => [field, this.record[field]]));
  }

  /** The form as a file: made by Python, handed over as a download. */
  async saveFile() {
    const { words, record } = this;
    const status = document.getElementById("file-status");
    status.textContent = words.file_making;
    try {
      await this.saveNow();
      const bytes = await this.python.call({
        type: "form-file",
        kind: this.kind,
        language: this.language,
        code: record.code,
        content: this.content(),
        created: record.created,
        updated: record.updated,
      });
      const name = `kaketoe-${this.kind}-${safeName(record.code, "form")}-${now().slice(0, 10)}.html`;
      download(new File([bytes], name, { type: "text/html" }));
      status.textContent = words.file_ready;
    } catch (error) {
      fill(status, workTrouble(error, words, words.file_failed, this.python), " ",
        h("button", { type: "button", class: "button", onclick: () => this.saveFile() }, words.retry));
    }
  }

  fileButton() {
    return h("p", { class: "no-print" },
      h("button", { type: "button", class: "button", onclick: () => this.saveFile() }, this.words.save_file),
      h("span", { id: "file-status", class: "status", role: "status" }));
  }

  /** Opening a file: checked by Python, shown before it is applied, never overwriting
   * silently, never becoming a second family next to one whose code it only resembles. */
  fileOpener() {
    const { words } = this;
    const input = h("input", { type: "file", id: "form-file", accept: ".html,text/html", "aria-describedby": "form-file-hint" });
    const result = h("div", { id: "file-result", role: "status" });
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      if (!file) return;
      result.textContent = words.file_reading;
      let found;
      try {
        found = await this.python.call({ type: "read-form", bytes: await file.arrayBuffer() });
      } catch (error) {
        fill(result, h("p", { class: "notice" }, fileTrouble(error, words, this.python)));
        return;
      }
      if (found.kind !== this.kind) {
        fill(result, h("p", { class: "notice" }, words.file_wrong_tool));
        return;
      }
      const code = normalise(found.code);
      const known = this.codes();
      const exists = known.includes(code);
      const alike = exists ? [] : lookAlikes(found.code, known);
      const letters = lookAlikeLetters(code);
      const content = { created: found.created, ...found.content };
      const apply = (target) => () => this.openFamily(target, content);
      fill(result,
        h("p", {}, `${words.file_shows}: `, h("strong", {}, h("bdi", {}, code)), ` · ${found.updated.slice(0, 10)}`),
        exists ? h("p", { class: "notice" }, words.file_exists) : null,
        alike.length ? h("p", { class: "notice", role: "alert" }, words.file_looks_like) : null,
        letters.length ? h("p", { class: "notice" }, words.code_other_letters.replace("{letters}", letters.join(" "))) : null,
        ...alike.map((other) => h("p", {}, h("button", { type: "button", class: "button button--primary", onclick: apply(other) },
          `${words.file_on_existing}: `, h("bdi", {}, other)))),
        h("p", {}, h("button", { type: "button", class: alike.length ? "button" : "button button--primary", onclick: apply(code) },
          exists ? words.file_replace : alike.length ? [`${words.file_as_new}: `, h("bdi", {}, code)] : words.file_apply)));
    });
    return h("section", { class: "no-print", "aria-labelledby": "open-file" },
      h("h2", { id: "open-file" }, words.open_file),
      h("div", { class: "field" },
        h("label", { for: "form-file" }, words.open_file),
        h("p", { class: "hint", id: "form-file-hint" }, words.open_file_hint),
        input),
      result);
  }

  /** The first screen: a family code to type, or one saved on this device.
   * `empty()` makes a new family's record; `show()` draws the form of this.record. */
  codeScreen({ title, intro, empty, show }) {
    const { words } = this;
    this.screen = { title, intro, empty, show };
    const input = h("input", { type: "text", id: "family-code", maxlength: 40, autocomplete: "off", required: true, dir: "auto", "aria-describedby": "family-code-hint" });
    const warning = h("div", { id: "code-warning", role: "alert" });
    const saved = this.records.filter((record) => record.kind === this.kind);
    const open = (code) => () => this.openFamily(code);
    fill(this.main,
      h("h1", {}, title),
      h("p", {}, intro),
      h("form", {
        onsubmit: (event) => {
          event.preventDefault();
          const code = normalise(input.value);
          if (!code) {
            input.focus();
            return;
          }
          const known = this.codes();
          const alike = known.includes(code) ? [] : lookAlikes(input.value, known);
          const letters = known.includes(code) ? [] : lookAlikeLetters(code);
          if (!alike.length && !letters.length) {
            this.openFamily(code);
            return;
          }
          // Looks like a family already here, or holds letters that pass for others: ask first.
          fill(warning,
            h("div", { class: "notice" },
              alike.length ? h("p", {}, words.code_looks_like) : null,
              letters.length ? h("p", {}, words.code_other_letters.replace("{letters}", letters.join(" "))) : null,
              h("ul", { class: "codes" },
                ...alike.map((other) => h("li", {}, h("button", { type: "button", class: "button button--primary", onclick: open(other) },
                  `${words.code_open_existing}: `, h("bdi", {}, other)))),
                h("li", {}, h("button", { type: "button", class: "button", onclick: open(code) }, `${words.code_make_new}: `, h("bdi", {}, code))))));
          warning.querySelector("button").focus();
        },
      },
      h("div", { class: "field" },
        h("label", { for: "family-code" }, words.family_code),
        h("p", { class: "hint", id: "family-code-hint" }, words.family_code_hint),
        input),
      h("button", { type: "submit", class: "button button--primary" }, words.open_code),
      warning),
      h("h2", {}, words.saved_codes),
      saved.length
        ? h("ul", { class: "codes" }, ...saved.map((record) => h("li", {}, h("button", { type: "button", class: "button", onclick: open(record.code) }, h("bdi", {}, normalise(record.code))))))
        : h("p", {}, words.no_saved_codes),
      this.fileOpener());
    this.storageWarning();
  }

  /** The handbook page in this language, in the site around the app. */
  handbookLink(page) {
    return new URL(`handbook/${page}/`, siteHome(this.language)).pathname;
  }

  /** Asks Python (question() makes the message from the record as it is now);
   * only the answer to the latest question is shown. `what`: "scores" or
   * "summary", for the words while waiting and when it cannot be done. */
  ask(question, show, what = "scores") {
    const ticket = (this.asked = (this.asked || 0) + 1);
    const status = document.getElementById("python-status");
    if (status && !this.answered) status.textContent = this.words[`${what}_loading`];
    this.python.call(question()).then((result) => {
      if (ticket !== this.asked) return;
      this.answered = true;
      if (status) status.textContent = "";
      show(result);
    }).catch((error) => {
      if (ticket !== this.asked || !status) return;
      fill(status, workTrouble(error, this.words, this.words[`${what}_failed`], this.python), " ",
        h("button", { type: "button", class: "button", onclick: () => this.ask(question, show, what) }, this.words.retry));
    });
  }
}
