// What every counselor tool shares: its data (app/counselor/<lang>.json), the
// records kept on this device under a family code (IndexedDB with a copy in
// localStorage, as the children's app keeps profiles), saving, the screen to
// choose a family, and Python in a worker. Nothing here leaves the device.

import { h } from "../../js/dom.js";
import { Python } from "../../js/python.js";
import { Store } from "../../js/store.js";
import { registerOffline } from "./offline.js";

const SAVE_DELAY_MS = 400;
const body = document.body;

export function now() {
  return new Date().toISOString();
}

export class Tool {
  /**
   * @param {string} kind the kind of record: "monitoring", "risk-form"
   * @param {string[]} fields what the record holds besides its code and dates
   */
  constructor(kind, fields) {
    this.kind = kind;
    this.fields = fields;
    this.main = document.getElementById("tool");
    this.language = body.dataset.language;
    this.data = null;
    this.words = {};
    this.store = null;
    this.records = [];
    this.record = null;
    this.python = null;
    this.saveTimer = null;
    this.dirty = false;
    /** Called after every change, to ask Python again. */
    this.onChange = () => {};
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.saveNow();
    });
    addEventListener("pagehide", () => this.saveNow());
  }

  async load() {
    this.data = await (await fetch(body.dataset.forms)).json();
    this.words = this.data.words;
    this.store = new Store({ database: "kaketoe-counselor", prefix: "kaketoe:form:", pictures: "kaketoe:form-picture:" });
    await this.store.open();
    this.records = await this.store.profiles();
    this.python = new Python({
      worker: "../../js/python-worker.js",
      pyodide: "../../pyodide/314.0.7/",
      bundle: `../../python/kaketoe-${body.dataset.version}.zip`,
      booklets: "../../booklets/",
      languages: body.dataset.bookletLanguages.split(","),
      forms: "../../counselor/",
      formLanguages: [this.language],
    });
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

  async saveNow() {
    clearTimeout(this.saveTimer);
    if (!this.record || !this.dirty) return;
    this.dirty = false;
    const kept = await this.store.save(this.record);
    const status = document.getElementById("saved");
    if (status) status.textContent = kept ? this.words.saved : this.words.storage_failed;
  }

  changed() {
    this.record.updated = now();
    this.dirty = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
    this.onChange();
  }

  /** The record of this family for this tool; a new one when there is none yet. */
  open(code, empty) {
    const id = `${this.kind}:${code}`;
    this.record = this.records.find((record) => record.id === id) || null;
    if (!this.record) {
      this.record = { id, kind: this.kind, code, created: now(), updated: now(), ...empty() };
      this.records.push(this.record);
      this.dirty = true;
      this.saveNow();
    }
    return this.record;
  }

  content() {
    return Object.fromEntries(this.fields.map((field) => [field, this.record[field]]));
  }

  /** The form as a file: made by Python, handed over as a download. */
  async saveFile() {
    const { words, record } = this;
    const status = document.getElementById("file-status");
    status.textContent = words.scores_loading;
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
      const safe = record.code.normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "form";
      const name = `kaketoe-${this.kind}-${safe}-${now().slice(0, 10)}.html`;
      const url = URL.createObjectURL(new File([bytes], name, { type: "text/html" }));
      const link = h("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = words.file_ready;
    } catch {
      status.replaceChildren(words.scores_failed, " ", h("button", { type: "button", class: "button", onclick: () => this.saveFile() }, words.retry));
    }
  }

  fileButton() {
    return h("p", { class: "no-print" },
      h("button", { type: "button", class: "button", onclick: () => this.saveFile() }, this.words.save_file),
      h("span", { id: "file-status", class: "status", role: "status" }));
  }

  /** Opening a file: checked by Python, shown before it is applied, never overwriting silently. */
  fileOpener(onOpen) {
    const { words } = this;
    const input = h("input", { type: "file", id: "form-file", accept: ".html,text/html", "aria-describedby": "form-file-hint" });
    const result = h("div", { id: "file-result", role: "status" });
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      if (!file) return;
      result.textContent = words.scores_loading;
      let found;
      try {
        found = await this.python.call({ type: "read-form", bytes: await file.arrayBuffer() });
      } catch (error) {
        const key = error && error.problem ? `problem_${error.problem.replace(/-/g, "_")}` : "scores_failed";
        result.replaceChildren(h("p", { class: "notice" }, words[key] || words.problem_bad_content));
        return;
      }
      if (found.kind !== this.kind) {
        result.replaceChildren(h("p", { class: "notice" }, words.file_wrong_tool));
        return;
      }
      const id = `${this.kind}:${found.code}`;
      const exists = this.records.some((record) => record.id === id);
      result.replaceChildren(
        h("p", {}, `${words.file_shows}: `, h("strong", {}, found.code), ` · ${found.updated.slice(0, 10)}`),
        exists ? h("p", { class: "notice" }, words.file_exists) : null,
        h("button", {
          type: "button",
          class: "button button--primary",
          onclick: async () => {
            const record = { id, kind: this.kind, code: found.code, created: found.created, updated: now(), ...found.content };
            this.records = [...this.records.filter((r) => r.id !== id), record];
            this.record = record;
            this.dirty = true;
            await this.saveNow();
            onOpen(found.code);
          },
        }, exists ? words.file_replace : words.file_apply));
    });
    return h("section", { class: "no-print", "aria-labelledby": "open-file" },
      h("h2", { id: "open-file" }, words.open_file),
      h("div", { class: "field" },
        h("label", { for: "form-file" }, words.open_file),
        h("p", { class: "hint", id: "form-file-hint" }, words.open_file_hint),
        input),
      result);
  }

  /** The first screen: a family code to type, or one saved on this device. */
  codeScreen({ title, intro, onOpen }) {
    const { words } = this;
    const input = h("input", { type: "text", id: "family-code", maxlength: 40, autocomplete: "off", required: true, "aria-describedby": "family-code-hint" });
    const saved = this.records.filter((record) => record.kind === this.kind);
    this.main.replaceChildren(
      h("h1", {}, title),
      h("p", {}, intro),
      h("form", {
        onsubmit: (event) => {
          event.preventDefault();
          const code = input.value.trim();
          if (code) onOpen(code);
          else input.focus();
        },
      },
      h("div", { class: "field" },
        h("label", { for: "family-code" }, words.family_code),
        h("p", { class: "hint", id: "family-code-hint" }, words.family_code_hint),
        input),
      h("button", { type: "submit", class: "button button--primary" }, words.open_code)),
      h("h2", {}, words.saved_codes),
      saved.length
        ? h("ul", { class: "codes" }, ...saved.map((record) => h("li", {}, h("button", { type: "button", class: "button", onclick: () => onOpen(record.code) }, record.code))))
        : h("p", {}, words.no_saved_codes),
      this.fileOpener(onOpen));
    this.storageWarning();
  }

  /** The handbook page in this language, in the site around the app. */
  handbookLink(page) {
    const prefix = this.language === "nl" ? "" : `${this.language}/`;
    return new URL(`../../../${prefix}handbook/${page}/`, document.baseURI).pathname;
  }

  /** Asks Python (question() makes the message from the record as it is now);
   * only the answer to the latest question is shown. */
  ask(question, show) {
    const ticket = (this.asked = (this.asked || 0) + 1);
    const status = document.getElementById("python-status");
    if (status && !this.answered) status.textContent = this.words.scores_loading;
    this.python.call(question()).then((result) => {
      if (ticket !== this.asked) return;
      this.answered = true;
      if (status) status.textContent = "";
      show(result);
    }).catch(() => {
      if (ticket !== this.asked || !status) return;
      status.replaceChildren(this.words.scores_failed, " ",
        h("button", { type: "button", class: "button", onclick: () => this.ask(question, show) }, this.words.retry));
    });
  }
}
