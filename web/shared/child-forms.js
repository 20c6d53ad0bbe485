// Texts for the child written in forms: a girl's, a boy's and a neutral one
// (kaketoe._schema.ChildText, in the booklet's JSON as {neutral, girl, boy}).
// Python decides which texts have forms and checks them; the page only picks.

/** @typedef {import("./types.js").ChildForms} ChildForms */

/** @param {unknown} value @returns {value is ChildForms} */
function isForms(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  return keys.length === 3 && keys[0] === "boy" && keys[1] === "girl" && keys[2] === "neutral";
}

/** `value` (a booklet as the page reads it, or any part of it) with every text in
 * forms replaced by the form for a child addressed as `addressedAs` ("girl" or
 * "boy"); for anything else, such as undefined, the neutral form. Texts without
 * forms, and the rest of the value, stay as they are.
 * @template T
 * @param {T} value @param {string | undefined} addressedAs @returns {T} */
export function forChild(value, addressedAs) {
  if (isForms(value)) {
    const form = addressedAs === "girl" || addressedAs === "boy" ? addressedAs : "neutral";
    return /** @type {T} */ (/** @type {unknown} */ (value[form]));
  }
  if (Array.isArray(value)) return /** @type {T} */ (value.map((item) => forChild(item, addressedAs)));
  if (value && typeof value === "object") {
    return /** @type {T} */ (Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forChild(item, addressedAs)])));
  }
  return value;
}
