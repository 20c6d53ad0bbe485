// Family codes, wherever the tools take one (typed on the first screen, or
// brought by a form file): one way to clean them, and one way to tell when a
// code only looks like one already on this device.
//
// Cleaning (normalise): Unicode NFKC (full-width "Ｇ" is "G"), without
// direction controls and invisible characters, spaces trimmed and single.
// Looking alike (skeleton): the same after cleaning, with case folded, letters
// from other alphabets that look Latin made Latin (Cyrillic "Ѕ" is "S"),
// O and 0, I, l and 1 taken as one, and dashes and spaces left out. A code
// written with a right-to-left override ("\u202e1320-G" shows as "G-0231") is
// compared as it was shown, too; and since Python's reader of form files takes
// the override out ("1320-G"), a code that is another one written backwards
// looks alike as well.

const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;
const OVERRIDDEN = /\u202e([^\u202c]*)(?:\u202c|$)/gu;
const SEPARATORS = /[\s\-_./\u2010-\u2015\u2212\ufe58\ufe63]+/gu;

// Lower-case letters of Cyrillic and Greek that look like Latin ones.
const LOOKS_LATIN = new Map(Object.entries({
  а: "a", в: "b", с: "c", ԁ: "d", е: "e", һ: "h", н: "h", і: "i", ӏ: "l", ј: "j", к: "k",
  м: "m", о: "o", р: "p", ԛ: "q", ѕ: "s", т: "t", у: "y", ԝ: "w", х: "x", ү: "y",
  α: "a", β: "b", ε: "e", η: "h", ι: "i", κ: "k", μ: "m", ν: "n", ο: "o", ρ: "p",
  τ: "t", υ: "y", χ: "x", ζ: "z",
}));

/** The code as it is kept: what a counselor means by what they typed or opened.
 * @param {string | null | undefined} code @returns {string} */
export function normalise(code) {
  return String(code ?? "")
    .normalize("NFKC")
    .replace(DIRECTION_CONTROLS, "")
    .replace(INVISIBLE, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** The code as a screen showed it before cleaning: an overridden run reads backwards.
 * @param {string | null | undefined} code @returns {string} */
function asShown(code) {
  return String(code ?? "").normalize("NFKC").replace(OVERRIDDEN, (_, /** @type {string} */ run) => [...run].reverse().join(""));
}

/** What a code looks like, for comparing: two codes with one skeleton are easily confused.
 * @param {string | null | undefined} code @returns {string} */
export function skeleton(code) {
  const folded = normalise(code).toLowerCase();
  let latin = "";
  for (const letter of folded) latin += LOOKS_LATIN.get(letter) ?? letter;
  return latin.replace(SEPARATORS, "").replace(/o/g, "0").replace(/[il]/g, "1");
}

/** The letters of a code from another alphabet that look like Latin letters.
 * @param {string} code @returns {string[]} */
export function lookAlikeLetters(code) {
  return [...new Set([...normalise(code)].filter((letter) => LOOKS_LATIN.has(letter.toLowerCase())))];
}

/** The codes in `known` that `code` may be mistaken for (never `code` itself, once cleaned).
 * @param {string} code @param {Iterable<string>} known @returns {string[]} */
export function lookAlikes(code, known) {
  const own = normalise(code);
  const backwards = (/** @type {string} */ shape) => [...shape].reverse().join("");
  const shapes = new Set([skeleton(code), skeleton(asShown(code)), backwards(skeleton(code))]);
  return [...new Set(known)].filter((other) => other !== own && shapes.has(skeleton(other)));
}
