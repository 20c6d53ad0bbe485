// The monitoring checklist (handbook appendix 9) as a tool: per moment (6, 12
// and 18 months) and per domain the counselor ticks indicators or a level.
// The scores come from Python (the kaketoe package, in the worker): the
// lowest-level rule, the points, the totals and the trend. This page draws
// the form, keeps what is filled in on the device under a family code, and
// draws the numbers it gets back. Nothing here leaves the device.

import { h } from "../../js/dom.js";
import { Python } from "../../js/python.js";
import { Store } from "../../js/store.js";

const SAVE_DELAY_MS = 400;
const KIND = "monitoring";
const body = document.body;
const main = document.getElementById("tool");

const state = {
  words: {},
  checklist: null,
  store: null,
  records: [],
  record: null,
  moment: null,
  python: null,
  scores: null,
  saveTimer: null,
  dirty: false,
};

function now() {
  return new Date().toISOString();
}

// Keeping what was filled in ------------------------------------------------------------

async function saveNow() {
  clearTimeout(state.saveTimer);
  if (!state.record || !state.dirty) return;
  state.dirty = false;
  const kept = await state.store.save(state.record);
  const status = document.getElementById("saved");
  if (status) status.textContent = kept ? state.words.saved : state.words.storage_failed;
}

function changed() {
  state.record.updated = now();
  state.dirty = true;
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  score();
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") saveNow();
});
addEventListener("pagehide", () => saveNow());

// Scores, from Python --------------------------------------------------------------------

let asked = 0;

async function score() {
  const ticket = ++asked;
  const status = document.getElementById("scores-status");
  if (status && !state.scores) status.textContent = state.words.scores_loading;
  try {
    const scores = await state.python.call({
      type: "monitoring-scores",
      language: body.dataset.language,
      moments: state.record.moments,
    });
    if (ticket !== asked) return; // a newer question is on its way
    state.scores = scores;
    if (status) status.textContent = "";
    showScores();
  } catch {
    if (ticket !== asked || !status) return;
    status.replaceChildren(state.words.scores_failed, " ",
      h("button", { type: "button", class: "button", onclick: () => score() }, state.words.retry));
  }
}

function levelOf(domain, levelId) {
  return domain.levels.find((level) => level.id === levelId);
}

function describe(domain, found) {
  const { words } = state;
  if (!found || !found.level) return `${words.level}: ${words.not_chosen}`;
  const level = levelOf(domain, found.level);
  const points = found.points === null ? words.no_points : `${found.points} ${words.of} ${found.most}`;
  return `${words.level}: ${level.label} (${points})`;
}

function showScores() {
  if (!state.scores) return;
  const moment = state.scores.moments[state.moment];
  for (const domain of state.checklist.domains) {
    const line = document.getElementById(`level-${domain.id}`);
    if (line) line.textContent = describe(domain, moment.domains[domain.id]);
  }
  const summary = document.getElementById("summary");
  if (summary) summary.replaceChildren(scoreTable(), trendChart());
}

function scoreTable() {
  const { words, checklist, scores } = state;
  const cell = (domain, moment) => {
    const found = scores.moments[moment.id].domains[domain.id];
    if (!found.level) return h("td", {}, "–");
    const level = levelOf(domain, found.level);
    return h("td", {}, `${level.label} (${found.points === null ? words.no_points : `${found.points} ${words.of} ${found.most}`})`);
  };
  return h("table", { class: "scores" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), ...checklist.moments.map((m) => h("th", { scope: "col" }, m.label)))),
    h("tbody", {}, ...checklist.domains.map((domain) => h("tr", {},
      h("th", { scope: "row" }, domain.title), ...checklist.moments.map((m) => cell(domain, m))))),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, words.total), ...checklist.moments.map((m) => {
      const found = scores.moments[m.id];
      return h("td", { id: `total-${m.id}` }, `${found.total} ${words.of} ${scores.most} · ${words.scored_domains}: ${found.scored}`);
    }))));
}

/** A small line chart of the totals over the moments that have scores. */
function trendChart() {
  const { words, checklist, scores } = state;
  const points = scores.trend.map((item) => ({ ...item, moment: checklist.moments.find((m) => m.id === item.moment) }));
  const spoken = points.map((p) => `${p.moment.label}: ${p.total} ${words.of} ${scores.most}`).join("; ");
  const width = 360;
  const height = 180;
  const x = (months) => 40 + ((months - 6) / 12) * (width - 80);
  const y = (total) => height - 30 - (total / scores.most) * (height - 50);
  const ns = "http://www.w3.org/2000/svg";
  const el = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const chart = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `${words.trend}: ${spoken || words.not_chosen}` });
  chart.append(el("line", { class: "axis", x1: 40, y1: height - 30, x2: width - 20, y2: height - 30 }));
  chart.append(el("line", { class: "axis", x1: 40, y1: 20, x2: 40, y2: height - 30 }));
  chart.append(el("text", { x: 4, y: y(scores.most) + 4 }, String(scores.most)));
  chart.append(el("text", { x: 4, y: y(0) + 4 }, "0"));
  for (const moment of checklist.moments) {
    chart.append(el("text", { x: x(moment.months) - 8, y: height - 10 }, String(moment.months)));
  }
  if (points.length) {
    chart.append(el("polyline", { class: "line", points: points.map((p) => `${x(p.moment.months)},${y(p.total)}`).join(" ") }));
    for (const p of points) {
      chart.append(el("circle", { cx: x(p.moment.months), cy: y(p.total), r: 4, fill: "#8a4312" }));
      chart.append(el("text", { x: x(p.moment.months) + 6, y: y(p.total) - 6 }, String(p.total)));
    }
  }
  return h("figure", { class: "trend" }, h("figcaption", {}, words.trend), chart);
}

// The form ------------------------------------------------------------------------------

function momentData() {
  const moments = state.record.moments;
  if (!moments[state.moment]) moments[state.moment] = { date: "", domains: {} };
  return moments[state.moment];
}

function domainData(domainId) {
  const moment = momentData();
  if (!moment.domains[domainId]) moment.domains[domainId] = { indicators: [], levels: [], note: "" };
  return moment.domains[domainId];
}

function check(id, label, checked, onchange) {
  const input = h("input", { type: "checkbox", id });
  input.checked = checked;
  input.addEventListener("change", () => onchange(input.checked));
  return h("div", { class: "check" }, input, h("label", { for: id }, label));
}

function domainFieldset(domain) {
  const { words } = state;
  const stored = (momentData().domains || {})[domain.id] || { indicators: [], levels: [], note: "" };
  const ticked = new Set(stored.indicators.map(([level, index]) => `${level}/${index}`));
  const levels = domain.levels.map((level) => {
    const heading = `${level.label} (${level.points === null ? words.no_points : `${level.points} ${level.points === 1 ? words.point : words.points}`})`;
    return h("div", { class: "level" },
      h("h3", {}, heading),
      check(`${domain.id}-${level.id}`, words.this_level, stored.levels.includes(level.id), (on) => {
        const data = domainData(domain.id);
        data.levels = on ? [...new Set([...data.levels, level.id])] : data.levels.filter((id) => id !== level.id);
        changed();
      }),
      ...level.indicators.map((text, index) => check(`${domain.id}-${level.id}-${index}`, text, ticked.has(`${level.id}/${index}`), (on) => {
        const data = domainData(domain.id);
        const rest = data.indicators.filter(([l, i]) => !(l === level.id && i === index));
        data.indicators = on ? [...rest, [level.id, index]] : rest;
        changed();
      })));
  });
  const note = h("textarea", { id: `note-${domain.id}`, rows: 2, maxlength: 2000 });
  note.value = stored.note || "";
  note.addEventListener("input", () => { domainData(domain.id).note = note.value; changed(); });
  return h("fieldset", { class: "domain" },
    h("legend", {}, domain.title),
    h("p", { class: "domain__level", id: `level-${domain.id}`, "aria-live": "polite" }, `${words.level}: ${words.not_chosen}`),
    domain.intro ? h("p", {}, domain.intro) : null,
    ...levels,
    domain.note ? h("p", { class: "hint" }, domain.note) : null,
    h("div", { class: "field" }, h("label", { for: `note-${domain.id}` }, words.note), note));
}

function drawForm() {
  const { words, checklist, record } = state;
  const date = h("input", { type: "date", id: "moment-date" });
  date.value = momentData().date || "";
  date.addEventListener("change", () => { momentData().date = date.value; changed(); });
  const moments = h("div", { class: "moments", role: "group", "aria-label": words.moment }, ...checklist.moments.map((moment) => h("button", {
    type: "button",
    class: "button",
    "aria-pressed": String(moment.id === state.moment),
    onclick: () => { state.moment = moment.id; drawForm(); },
  }, moment.label)));
  main.replaceChildren(
    h("h1", {}, checklist.title),
    h("p", {}, `${words.family_code}: `, h("strong", {}, record.code)),
    h("p", {}, checklist.intro),
    h("p", {}, checklist.rule),
    h("p", { class: "no-print" }, h("a", { href: handbookLink(checklist.handbook) }, words.handbook)),
    moments,
    h("h2", {}, checklist.moments.find((m) => m.id === state.moment).label),
    h("div", { class: "field" }, h("label", { for: "moment-date" }, checklist.date_label), date),
    ...checklist.domains.map(domainFieldset),
    h("h2", {}, words.total),
    h("p", { id: "scores-status", class: "status", role: "status" }),
    h("div", { id: "summary" }),
    h("p", { id: "saved", class: "status", role: "status" }),
    h("p", { class: "no-print" }, h("button", { type: "button", class: "button", onclick: () => print() }, words.print)));
  showScores();
}

function handbookLink(page) {
  const language = body.dataset.language;
  const prefix = language === "nl" ? "" : `${language}/`;
  return new URL(`../../../${prefix}handbook/${page}/`, document.baseURI).pathname;
}

// Choosing a family ------------------------------------------------------------------------

function open(code) {
  const id = `${KIND}:${code}`;
  state.record = state.records.find((record) => record.id === id) || null;
  if (!state.record) {
    state.record = { id, kind: KIND, code, created: now(), updated: now(), moments: {} };
    state.records.push(state.record);
    state.dirty = true;
    saveNow();
  }
  state.moment = state.checklist.moments[0].id;
  state.scores = null;
  drawForm();
  main.focus();
  score();
}

function drawCodes() {
  const { words, checklist } = state;
  const input = h("input", { type: "text", id: "family-code", maxlength: 40, autocomplete: "off", required: true, "aria-describedby": "family-code-hint" });
  const saved = state.records.filter((record) => record.kind === KIND);
  main.replaceChildren(
    h("h1", {}, checklist.title),
    h("p", {}, checklist.intro),
    h("form", {
      onsubmit: (event) => {
        event.preventDefault();
        const code = input.value.trim();
        if (code) open(code);
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
      ? h("ul", { class: "codes" }, ...saved.map((record) => h("li", {}, h("button", { type: "button", class: "button", onclick: () => open(record.code) }, record.code))))
      : h("p", {}, words.no_saved_codes));
}

async function start() {
  const data = await (await fetch(body.dataset.forms)).json();
  state.words = data.words;
  state.checklist = data.monitoring;
  state.store = new Store({ database: "kaketoe-counselor", prefix: "kaketoe:form:" });
  await state.store.open();
  state.records = await state.store.profiles();
  state.python = new Python({
    worker: "../../js/python-worker.js",
    pyodide: "../../pyodide/314.0.7/",
    bundle: `../../python/kaketoe-${body.dataset.version}.zip`,
    booklets: "../../booklets/",
    languages: body.dataset.bookletLanguages.split(","),
    forms: "../../counselor/",
    formLanguages: [body.dataset.language],
  });
  drawCodes();
  if (!state.store.databaseWorks && !state.store.copyWorks) {
    main.prepend(h("p", { class: "notice", role: "alert" }, state.words.storage_failed));
  }
  // Python starts in the background; the form never waits for it.
  setTimeout(() => state.python.start().catch(() => {}), 0);
}

start();
