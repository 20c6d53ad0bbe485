// The form for risk and protective factors (handbook appendix 5) as a tool.
// Per domain and factor: present (yes, no, not known) and a note; factors the
// counselor adds; the protection measures to take. The overview under the
// form comes from Python (the kaketoe package): what is present per domain,
// what is not known, what is still open. Nothing is added up: the handbook
// says the form is not a balance.

import { fill, h } from "../shared/dom.js";
import { Tool } from "./tool.js";

const tool = new Tool("risk-form", ["details", "factors", "added", "measures"]);
let form = null;

function summarize() {
  const { details, factors, added, measures } = tool.record;
  tool.ask(
    () => ({ type: "risk-summary", language: tool.language, form: { details, factors, added, measures } }),
    showSummary,
    "summary",
  );
}

function list(items) {
  return items.length ? h("ul", {}, ...items.map((item) => h("li", {}, h("bdi", {}, item)))) : h("p", {}, "–");
}

function showSummary(summary) {
  const { words } = tool;
  const place = document.getElementById("summary");
  if (!place) return;
  const byId = new Map(form.domains.map((domain) => [domain.id, domain]));
  const measures = new Map(form.measures.map((measure) => [measure.id, measure.label]));
  fill(place,
    ...summary.domains.map((found) => {
      const domain = byId.get(found.domain);
      return h("section", { class: "summary-domain", "aria-labelledby": `summary-${domain.id}` },
        h("h3", { id: `summary-${domain.id}` }, domain.title),
        h("h4", {}, `${domain.risk_title}: ${words.present}`), list(found.present.risk),
        h("h4", {}, `${domain.protective_title}: ${words.present}`), list(found.present.protective),
        found.unknown.risk.length || found.unknown.protective.length
          ? [h("h4", {}, words.not_known), list([...found.unknown.risk, ...found.unknown.protective])]
          : null,
        h("p", { class: "hint" }, `${words.still_open}: ${found.open.risk + found.open.protective}`));
    }),
    h("h3", {}, form.measures_title),
    list(summary.measures.map((id) => measures.get(id))));
}

function presenceSelect(id, value, onchange, label = null) {
  const { words } = tool;
  const select = h("select", { id, "aria-label": label },
    h("option", { value: "" }, words.no_answer),
    ...form.presence.map((option) => h("option", { value: option.id }, option.label)));
  select.value = value || "";
  select.addEventListener("change", () => onchange(select.value));
  return select;
}

function noteInput(id, value, label, oninput) {
  const input = h("input", { type: "text", id, maxlength: 2000, dir: "auto", "aria-label": label });
  input.value = value || "";
  input.addEventListener("input", () => oninput(input.value));
  return input;
}

function factorRow(factor) {
  const stored = tool.record.factors[factor.id] || { presence: "", note: "" };
  const update = (patch) => {
    tool.record.factors[factor.id] = { ...(tool.record.factors[factor.id] || { presence: "", note: "" }), ...patch };
    tool.changed();
  };
  return h("div", { class: "factor" },
    h("label", { for: `presence-${factor.id}` }, factor.label),
    presenceSelect(`presence-${factor.id}`, stored.presence, (presence) => update({ presence })),
    noteInput(`note-${factor.id}`, stored.note, `${form.note_label}: ${factor.label}`, (note) => update({ note })));
}

function addedRow(entry, index) {
  const { words } = tool;
  const update = (patch) => {
    Object.assign(tool.record.added[index], patch);
    tool.changed();
  };
  const label = h("input", { type: "text", id: `added-${index}`, maxlength: 200, dir: "auto" });
  label.value = entry.label;
  label.addEventListener("input", () => update({ label: label.value }));
  return h("div", { class: "factor factor--added" },
    h("div", { class: "field" }, h("label", { for: `added-${index}` }, `${form.other_label}: ${words.factor}`), label),
    presenceSelect(`added-presence-${index}`, entry.presence, (presence) => update({ presence }), `${words.present}: ${entry.label || form.other_label}`),
    noteInput(`added-note-${index}`, entry.note, `${form.note_label}: ${entry.label || form.other_label}`, (note) => update({ note })),
    h("button", {
      type: "button",
      class: "button",
      onclick: () => {
        tool.record.added.splice(index, 1);
        tool.changed();
        drawForm();
      },
    }, words.remove));
}

function kindBlock(domain, kind) {
  const { words } = tool;
  const title = kind === "risk" ? domain.risk_title : domain.protective_title;
  const added = tool.record.added.map((entry, index) => [entry, index]).filter(([entry]) => entry.domain === domain.id && entry.kind === kind);
  return h("fieldset", { class: "factors" },
    h("legend", {}, title),
    ...domain[kind].map(factorRow),
    ...added.map(([entry, index]) => addedRow(entry, index)),
    h("button", {
      type: "button",
      class: "button no-print",
      onclick: () => {
        tool.record.added.push({ domain: domain.id, kind, label: "", presence: "", note: "" });
        tool.changed();
        drawForm();
        document.getElementById(`added-${tool.record.added.length - 1}`).focus();
      },
    }, `${words.add_factor}: ${title}`));
}

function measuresBlock() {
  const { words } = tool;
  return h("fieldset", { class: "factors" },
    h("legend", {}, form.measures_title),
    h("p", { class: "hint" }, form.measures_intro),
    ...form.measures.map((measure) => {
      const stored = tool.record.measures[measure.id] || { needed: false, note: "" };
      const update = (patch) => {
        tool.record.measures[measure.id] = { ...(tool.record.measures[measure.id] || { needed: false, note: "" }), ...patch };
        tool.changed();
      };
      const box = h("input", { type: "checkbox", id: `measure-${measure.id}` });
      box.checked = stored.needed;
      box.addEventListener("change", () => update({ needed: box.checked }));
      return h("div", { class: "factor" },
        h("div", { class: "check" }, box, h("label", { for: `measure-${measure.id}` }, `${measure.label} · ${words.needed}`)),
        noteInput(`measure-note-${measure.id}`, stored.note, `${form.measure_note_label}: ${measure.label}`, (note) => update({ note })));
    }));
}

function drawForm() {
  const { words } = tool;
  const details = form.details.map((detail) => {
    const input = h("input", { type: detail.id === "date" ? "date" : "text", id: `detail-${detail.id}`, maxlength: 200, dir: "auto" });
    input.value = tool.record.details[detail.id] || "";
    input.addEventListener("input", () => { tool.record.details[detail.id] = input.value; tool.changed(); });
    return h("div", { class: "field" }, h("label", { for: `detail-${detail.id}` }, detail.label), input);
  });
  fill(tool.main,
    h("h1", {}, form.title),
    h("p", { class: "family" }, `${words.family_code}: `, h("strong", {}, h("bdi", {}, tool.record.code))),
    h("p", {}, form.intro),
    h("p", { class: "notice" }, form.warning),
    h("p", { class: "no-print" }, h("a", { href: tool.handbookLink(form.handbook) }, words.handbook)),
    h("div", { class: "details" }, ...details),
    ...form.domains.map((domain) => h("section", { class: "risk-domain", "aria-labelledby": `domain-${domain.id}` },
      h("h2", { id: `domain-${domain.id}` }, domain.title),
      kindBlock(domain, "risk"),
      kindBlock(domain, "protective"))),
    measuresBlock(),
    h("h2", {}, words.summary),
    h("p", { id: "python-status", class: "status", role: "status" }),
    h("div", { id: "summary" }),
    h("p", { id: "saved", class: "status", role: "status" }),
    h("p", { class: "no-print" }, h("button", { type: "button", class: "button", onclick: () => print() }, words.print)),
    tool.fileButton());
}

/** Draws the form of the family tool.record. */
function showFamily() {
  tool.answered = false;
  drawForm();
  tool.main.focus();
  summarize();
}

async function start() {
  await tool.load();
  form = tool.data.risk_form;
  tool.onChange = summarize;
  tool.codeScreen({
    title: form.title,
    intro: form.intro,
    empty: () => ({ details: {}, factors: {}, added: [], measures: {} }),
    show: showFamily,
  });
}

start();
