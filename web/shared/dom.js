// A tiny helper to build elements: h("button", {class: "big", onclick}, "Text").
// Text is always set as text, never as HTML: answers can hold anything.

/** What can go into an element: a node, text, or a list of them; null,
 * undefined and false are left out (an optional part of a screen).
 * @typedef {Node | string | number | false | null | undefined | ChildList} Child */
/** @typedef {Child[]} ChildList */
/** An element's attributes: `onclick` and the like take a function, `dataset`
 * an object of data- attributes; null, undefined and false leave one out.
 * @typedef {{[name: string]: string | number | boolean | null | undefined
 *   | ((event: any) => unknown) | {[key: string]: string}}} Attributes */

/** The children to put in an element: nested lists flattened; optional parts of
 * a screen that are absent (null, undefined, false) left out, so they never show
 * as the words "null" or "undefined".
 * @param {Child[]} children @returns {(Node | string | number)[]} */
export function present(children) {
  // As any[]: tsc cannot follow the type of a list flattened to any depth.
  return /** @type {any[]} */ (children).flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false);
}

/** Replaces an element's children: fill(status, text, cond ? button : null).
 * @template {Element | DocumentFragment} E @param {E} element @param {...Child} children @returns {E} */
export function fill(element, ...children) {
  // A number becomes text, as in h().
  element.replaceChildren(.../** @type {(Node | string)[]} */ (present(children)));
  return element;
}

/** User text (a nickname) kept apart from the text around it: a right-to-left
 * name, or one with direction marks, never turns the words next to it around.
 * @param {string} text @returns {HTMLElement} */
export function isolated(text) {
  return h("bdi", {}, text);
}

/** A new element: h("button", {class: "big", onclick}, "Text").
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Attributes} [attributes] @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]} */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of present(children)) {
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An inline SVG element from our own markup (booklet art is checked by the build).
 * @param {string} markup @param {string} [label] what it shows, for a screen reader; none: hidden from it
 * @returns {Element} */
export function svg(markup, label = "") {
  const template = document.createElement("template");
  template.innerHTML = markup.trim();
  const element = template.content.firstElementChild;
  if (!element) return h("span");
  element.removeAttribute("width");
  element.removeAttribute("height");
  if (label) {
    element.setAttribute("role", "img");
    element.setAttribute("aria-label", label);
  } else {
    element.setAttribute("aria-hidden", "true");
  }
  element.setAttribute("focusable", "false");
  return element;
}
