// The viewer: a counselor opens one or more files that families gave them
// (file picker or drag and drop). The kaketoe package checks each file in
// the worker and writes what the child chose to show, with the questions in
// the counselor's language, what the child would rather talk about first,
// and links to the handbook. Nothing is stored: closing the page forgets all.

import { fill, h } from "../shared/dom.js";
import { Python } from "../shared/python.js";
import { dataFile, settings, siteFolder } from "../shared/settings.js";
import { registerOffline } from "./offline.js";
import { fileTrouble } from "./problems.js";

const main = document.getElementById("tool");
const language = settings.language;
/** @type {import("../shared/types.js").Words} the tools' words */
let words = {};
/** @type {import("../shared/types.js").Words} the viewer's own words */
let viewer = {};
/** @type {import("../shared/python.js").Python | null} */
let python = null;
let opened = 0;

/** The site's folder of this language, seen from this page (app/<lang>/viewer/), for the
 * handbook links: relative, so they work under any address the site is published at. */
function siteBase() {
  return `../../../${siteFolder(language)}`;
}

/** The fragment Python wrote, as elements: parsed inert, never run. */
function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  for (const node of template.content.querySelectorAll("script, iframe, object, embed")) node.remove();
  return template.content;
}

async function show(file) {
  const index = opened++;
  const column = h("div", { class: "child", id: `file-${index}` }, h("p", { role: "status" }, h("bdi", {}, file.name), `: ${words.file_reading}`));
  document.getElementById("children").append(column);
  try {
    const found = await python.call({
      type: "view-file",
      bytes: await file.arrayBuffer(),
      language,
      site_base: siteBase(),
      index,
    });
    fill(column,
      h("p", { class: "no-print" }, h("button", { type: "button", class: "button", onclick: () => column.remove() }, `${viewer.close}: `, h("bdi", {}, found.nickname))),
      fragment(found.html));
  } catch (error) {
    // The counselor's own words for what went wrong, never the child's booklet's.
    fill(column, h("p", { class: "notice", role: "alert" }, h("bdi", {}, file.name), `: ${fileTrouble(error, words, python)}`),
      h("button", { type: "button", class: "button no-print", onclick: () => column.remove() }, viewer.close));
  }
}

function openAll(files) {
  for (const file of files) show(file);
}

function draw() {
  const input = h("input", { type: "file", id: "child-files", multiple: true, accept: ".html,text/html", "aria-describedby": "drop-hint" });
  input.addEventListener("change", () => {
    openAll([...input.files]);
    input.value = "";
  });
  const drop = h("div", { class: "drop no-print", id: "drop" },
    h("label", { for: "child-files" }, viewer.open_label),
    input,
    h("p", { class: "hint", id: "drop-hint" }, viewer.drop_hint));
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("drop--over");
    openAll([...event.dataTransfer.files]);
  });
  fill(main,
    h("h1", {}, viewer.title),
    h("p", {}, viewer.intro),
    h("p", { class: "hint" }, viewer.privacy_note),
    drop,
    h("div", { class: "children", id: "children", "aria-live": "polite" }),
    h("p", { class: "no-print" }, h("button", { type: "button", class: "button", onclick: () => print() }, words.print)));
}

async function start() {
  const data = await (await fetch(dataFile("forms", language))).json();
  words = data.words;
  viewer = data.viewer;
  python = new Python({ formLanguages: [language] });
  draw();
  // Python starts in the background; opening a file waits for it with a message.
  setTimeout(() => python.start().catch(() => {}), 0);
  registerOffline();
}

start();
