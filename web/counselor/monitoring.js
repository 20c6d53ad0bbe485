// The monitoring checklist (handbook appendix 9) as a tool: per moment (6, 12
// and 18 months) and per domain the counselor ticks indicators or a level.
// The scores come from Python (the kaketoe package, in the worker): the
// lowest-level rule, the points, the totals and the trend. This page draws
// the form and the numbers it gets back.

import { fill, h } from "../shared/dom.js";
import { Tool } from "./tool.js";

const tool = new Tool("monitoring", ["moments"]);
const state = { checklist: null, moment: null, scores: null };

function score() {
  tool.ask(
    () => ({ type: "monitoring-scores", language: tool.language, moments: tool.record.moments }),
    (scores) => { state.scores = scores; showScores(); },
  );
}

function levelOf(domain, levelId) {
  return domain.levels.find((level) => level.id === levelId);
}

function pointsOf(found) {
  const { words } = tool;
  return found.points === null ? words.no_points : `${found.points} ${words.of} ${found.most}`;
}

function showScores() {
  if (!state.scores) return;
  const { words } = tool;
  const moment = state.scores.moments[state.moment];
  for (const domain of state.checklist.domains) {
    const line = document.getElementById(`level-${domain.id}`);
    const found = moment.domains[domain.id];
    if (line) line.textContent = `${words.level}: ${found.level ? `${levelOf(domain, found.level).label} (${pointsOf(found)})` : words.not_chosen}`;
  }
  const summary = document.getElementById("summary");
  if (summary) fill(summary, scoreTable(), trendChart());
}

function scoreTable() {
  const { words } = tool;
  const { checklist, scores } = state;
  const cell = (domain, moment) => {
    const found = scores.moments[moment.id].domains[domain.id];
    return h("td", {}, found.level ? `${levelOf(domain, found.level).label} (${pointsOf(found)})` : "–");
  };
  return h("table", { class: "scores" },
    h("thead", {}, h("tr", {}, h("td", {}), ...checklist.moments.map((m) => h("th", { scope: "col" }, m.label)))),
    h("tbody", {}, ...checklist.domains.map((domain) => h("tr", {},
      h("th", { scope: "row" }, domain.title), ...checklist.moments.map((m) => cell(domain, m))))),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, words.total), ...checklist.moments.map((m) => {
      const found = scores.moments[m.id];
      return h("td", { id: `total-${m.id}` }, `${found.total} ${words.of} ${scores.most} · ${words.scored_domains}: ${found.scored}`);
    }))));
}

/** A small line chart of what can be compared over the moments (Python chooses:
 * the points of the domains scored at every moment), with a sentence saying what it shows. */
function trendChart() {
  const { words } = tool;
  const { checklist, scores } = state;
  const { trend } = scores;
  const titles = new Map(checklist.domains.map((domain) => [domain.id, domain.title]));
  const points = trend.points.map((item) => ({ ...item, moment: checklist.moments.find((m) => m.id === item.moment) }));
  const spoken = points.map((p) => `${p.moment.label}: ${p.points} ${words.of} ${trend.most}`).join("; ");
  const width = 360;
  const height = 180;
  const first = checklist.moments[0].months;
  const span = checklist.moments.at(-1).months - first || 1;
  const x = (months) => 40 + ((months - first) / span) * (width - 80);
  const y = (value) => height - 30 - (value / (trend.most || 1)) * (height - 50);
  const el = (tag, attributes, text) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const chart = el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `${words.trend}: ${spoken || words.not_chosen}` });
  chart.append(
    el("line", { class: "axis", x1: 40, y1: height - 30, x2: width - 20, y2: height - 30 }),
    el("line", { class: "axis", x1: 40, y1: 20, x2: 40, y2: height - 30 }),
    el("text", { x: 4, y: y(trend.most) + 4 }, String(trend.most)),
    el("text", { x: 4, y: y(0) + 4 }, "0"),
    ...checklist.moments.map((moment) => el("text", { x: x(moment.months) - 8, y: height - 10 }, String(moment.months))));
  if (points.length) {
    chart.append(el("polyline", { class: "line", points: points.map((p) => `${x(p.moment.months)},${y(p.points)}`).join(" ") }));
    for (const p of points) {
      chart.append(
        el("circle", { cx: x(p.moment.months), cy: y(p.points), r: 4, class: "dot" }),
        el("text", { x: x(p.moment.months) + 6, y: y(p.points) - 6 }, String(p.points)));
    }
  }
  let plotted = "";
  if (trend.domains.length) {
    plotted = words.trend_compared
      .replace("{domains}", trend.domains.map((id) => titles.get(id)).join(", "))
      .replace("{most}", String(trend.most));
  } else if (trend.moments.length) {
    plotted = words.trend_nothing_compared;
  }
  return h("figure", { class: "trend" }, h("figcaption", {}, words.trend), chart,
    plotted ? h("p", { class: "hint", id: "trend-plotted" }, plotted) : null);
}

// The form ------------------------------------------------------------------------------

function momentData() {
  const moments = tool.record.moments;
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
  const { words } = tool;
  const stored = momentData().domains[domain.id] || { indicators: [], levels: [], note: "" };
  const ticked = new Set(stored.indicators.map(([level, index]) => `${level}/${index}`));
  const levels = domain.levels.map((level) => {
    const points = level.points === null ? words.no_points : `${level.points} ${level.points === 1 ? words.point : words.points}`;
    return h("div", { class: "level" },
      h("h3", {}, `${level.label} (${points})`),
      check(`${domain.id}-${level.id}`, `${words.this_level}: ${level.label}`, stored.levels.includes(level.id), (on) => {
        const data = domainData(domain.id);
        data.levels = on ? [...new Set([...data.levels, level.id])] : data.levels.filter((id) => id !== level.id);
        tool.changed();
      }),
      ...level.indicators.map((text, index) => check(`${domain.id}-${level.id}-${index}`, text, ticked.has(`${level.id}/${index}`), (on) => {
        const data = domainData(domain.id);
        const rest = data.indicators.filter(([l, i]) => !(l === level.id && i === index));
        data.indicators = on ? [...rest, [level.id, index]] : rest;
        tool.changed();
      })));
  });
  const note = h("textarea", { id: `note-${domain.id}`, rows: 2, maxlength: 2000, dir: "auto" });
  note.value = stored.note || "";
  note.addEventListener("input", () => { domainData(domain.id).note = note.value; tool.changed(); });
  return h("fieldset", { class: "domain" },
    h("legend", {}, domain.title),
    h("p", { class: "domain__level", id: `level-${domain.id}`, "aria-live": "polite" }, `${words.level}: ${words.not_chosen}`),
    domain.intro ? h("p", {}, domain.intro) : null,
    ...levels,
    domain.note ? h("p", { class: "hint" }, domain.note) : null,
    h("div", { class: "field" }, h("label", { for: `note-${domain.id}` }, words.note), note));
}

function drawForm() {
  const { words } = tool;
  const { checklist } = state;
  const date = h("input", { type: "date", id: "moment-date" });
  date.value = momentData().date || "";
  date.addEventListener("change", () => { momentData().date = date.value; tool.changed(); });
  const moments = h("div", { class: "moments", role: "group", "aria-label": words.moment }, ...checklist.moments.map((moment) => h("button", {
    type: "button",
    class: "button",
    "aria-pressed": String(moment.id === state.moment),
    onclick: () => { state.moment = moment.id; drawForm(); },
  }, moment.label)));
  fill(tool.main,
    h("h1", {}, checklist.title),
    h("p", { class: "family" }, `${words.family_code}: `, h("strong", {}, h("bdi", {}, tool.record.code))),
    h("p", {}, checklist.intro),
    h("p", {}, checklist.rule),
    h("p", { class: "no-print" }, h("a", { href: tool.handbookLink(checklist.handbook) }, words.handbook)),
    moments,
    h("h2", {}, checklist.moments.find((m) => m.id === state.moment).label),
    h("div", { class: "field" }, h("label", { for: "moment-date" }, checklist.date_label), date),
    ...checklist.domains.map(domainFieldset),
    h("h2", {}, words.total),
    h("p", { id: "python-status", class: "status", role: "status" }),
    h("div", { id: "summary" }),
    h("p", { id: "saved", class: "status", role: "status" }),
    h("p", { class: "no-print" }, h("button", { type: "button", class: "button", onclick: () => print() }, words.print)),
    tool.fileButton());
  showScores();
}

/** Draws the form of the family tool.record, at its first moment. */
function showFamily() {
  state.moment = state.checklist.moments[0].id;
  state.scores = null;
  tool.answered = false;
  drawForm();
  tool.main.focus();
  score();
}

async function start() {
  await tool.load();
  state.checklist = tool.data.monitoring;
  tool.onChange = score;
  tool.codeScreen({ title: state.checklist.title, intro: state.checklist.intro, empty: () => ({ moments: {} }), show: showFamily });
}

start();
