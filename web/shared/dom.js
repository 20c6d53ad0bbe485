// A tiny helper to build elements: h("button", {class: "big", onclick}, "Text").
// Text is always set as text, never as HTML: answers can hold anything.

/** The children to put in an element: nested lists flattened; optional parts of
 * a screen that are absent (null, undefined, false) left out, so they never show
 * as the words "null" or "undefined". */
export function present(children) {
  return children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false);
}

/** Replaces an element's children: fill(status, text, cond ? button : null). */
export function fill(element, ...children) {
  element.replaceChildren(...present(children));
  return element;
}

/** User text (a nickname) kept apart from the text around it: a right-to-left
 * name, or one with direction marks, never turns the words next to it around. */
export function isolated(text) {
  return h("bdi", {}, text);
}

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

/** An inline SVG element from our own markup (booklet art is checked by the build). */
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
