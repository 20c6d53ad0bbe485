// The kaketoe drawn in code. Its crest goes from position 0 (flat on its head)
// to 4 (straight up); the body colour is the child's. A feeling shows in the
// whole bird (../shared/art.md): the crest, the eyes, the beak, the wing and
// how it holds itself, so that a child who cannot read tells the eight
// feelings apart.

const CREST = [
  "M30 24 C24 22 16 22 8 26 C14 26 20 27 26 29 Z",
  "M30 23 C24 16 16 12 8 12 C14 16 20 20 26 27 Z",
  "M30 22 C26 12 20 6 12 2 C16 10 20 16 25 26 Z",
  "M31 22 C29 12 26 4 22 0 C22 8 23 16 26 25 Z",
  "M32 22 C32 12 32 4 30 0 C28 6 27 14 27 24 Z",
];

const INK = "#2f2219";
const BODY = "M18 26 C26 18 42 18 50 28 C56 36 54 50 44 56 C34 62 20 60 14 50 C10 42 12 32 18 26 Z";

/** The eye, at (36, 36). */
const EYES = {
  open: `<circle cx="36" cy="36" r="3.5" fill="${INK}"/><circle cx="37" cy="35" r="1" fill="#ffffff"/>`,
  // Closed in peace: a soft curve down.
  resting: `<path d="M31.5 35 Q36 39.5 40.5 35" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>`,
  // Half shut: a heavy lid over the lower half.
  sleepy: `<path d="M32 36 A4 4 0 0 0 40 36 Z" fill="${INK}"/><path d="M31 35.5 L41 35.5" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>`,
  // Looking, a brow raised.
  looking: `<circle cx="36.5" cy="35.5" r="4" fill="${INK}"/><circle cx="38" cy="34" r="1.3" fill="#ffffff"/><path d="M30.5 29.5 Q36 24.5 41.5 29" fill="none" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>`,
  // Closed in a smile: a curve up.
  smiling: `<path d="M31.5 37.5 Q36 31.5 40.5 37.5" fill="none" stroke="${INK}" stroke-width="2.2" stroke-linecap="round"/>`,
  // A brow that slants down to the beak.
  cross: `<circle cx="36" cy="37" r="3" fill="${INK}"/><path d="M30.5 29.5 L41.5 33.5" stroke="${INK}" stroke-width="2.4" stroke-linecap="round"/>`,
  // Wide open: white round the eye, a small pupil.
  wide: `<circle cx="36" cy="36" r="5.5" fill="#ffffff" stroke="${INK}" stroke-width="1.8"/><circle cx="36" cy="36" r="1.8" fill="${INK}"/>`,
  // A brow that rises to the beak, and a tear.
  tearful: `<circle cx="36" cy="37" r="3" fill="${INK}"/><path d="M31 30.5 L41 28" stroke="${INK}" stroke-width="2" stroke-linecap="round"/><path d="M34 42 C32 45 32 47.5 34 47.5 C36 47.5 36 45 34 42 Z" fill="#3b82c4"/>`,
  // Shining: a star.
  shining: `<path d="M36 30 L37.6 34.4 L42 36 L37.6 37.6 L36 42 L34.4 37.6 L30 36 L34.4 34.4 Z" fill="${INK}"/>`,
};

const BEAKS = {
  shut: `<path d="M44 36 C52 36 58 40 58 46 C54 44 50 44 46 46 Z" fill="${INK}"/>`,
  open: `<path d="M44 34 C52 33 58 37 59 42 C55 40 50 40 46 42 Z" fill="${INK}"/><path d="M46 46 C50 45.5 54 47 56 50.5 C52 51.5 48 50.5 45 48.5 Z" fill="${INK}"/>`,
};

/** The wing: a shade of the body, so that it suits every colour. */
const wing = (/** @type {string} */ d) => `<path d="${d}" fill="${INK}" fill-opacity="0.14" stroke="${INK}" stroke-width="1.6" stroke-linejoin="round"/>`;
const WINGS = {
  folded: wing("M18 44 C24 38 34 40 37 48 C31 53 22 52 18 44 Z"),
  drooping: wing("M19 44 C24 44 30 48 31 57 C25 61 18 56 19 44 Z"),
  raised: wing("M22 42 C16 32 8 26 2 26 C6 32 10 42 24 48 Z"),
  hugging: wing("M22 41 C31 39 42 42 45 50 C37 55 27 52 22 41 Z"),
};

/** How it holds itself: a transform of the whole bird. */
const POSTURES = {
  upright: "",
  slumped: "translate(0 4)",
  leaning: "rotate(7 34 44)",
  tilted: "rotate(-9 34 40)",
  shrunk: "translate(3 6) scale(0.9)",
  jumping: "translate(0 -3)",
};

/**
 * The look of each feeling of the booklet (content/<lang>/workbook/booklet.yml,
 * the same ids in every language). Two feelings differ in at least two parts
 * (tests/js/kaketoe-art.test.mjs).
 * @type {{[feeling: string]: {crest: number, eyes: keyof EYES, beak: keyof BEAKS, wing: keyof WINGS, posture: keyof POSTURES}}}
 */
export const FEELINGS = {
  calm: { crest: 0, eyes: "resting", beak: "shut", wing: "folded", posture: "upright" },
  sad: { crest: 0, eyes: "tearful", beak: "shut", wing: "drooping", posture: "slumped" },
  tired: { crest: 0, eyes: "sleepy", beak: "open", wing: "drooping", posture: "leaning" },
  curious: { crest: 2, eyes: "looking", beak: "shut", wing: "folded", posture: "tilted" },
  happy: { crest: 3, eyes: "smiling", beak: "open", wing: "folded", posture: "upright" },
  angry: { crest: 3, eyes: "cross", beak: "shut", wing: "hugging", posture: "leaning" },
  scared: { crest: 4, eyes: "wide", beak: "open", wing: "hugging", posture: "shrunk" },
  excited: { crest: 4, eyes: "shining", beak: "open", wing: "raised", posture: "jumping" },
};

const DEFAULT_LOOK = { crest: 2, eyes: "open", beak: "shut", wing: "folded", posture: "upright" };

/** @param {number} crest @param {string} colour @param {{eyes: string, beak: string, wing: string, posture: string}} look */
function draw(crest, colour, { eyes, beak, wing: wingShape, posture }) {
  const path = CREST[Math.max(0, Math.min(4, crest))];
  const transform = POSTURES[/** @type {keyof POSTURES} */ (posture)];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -4 64 70"><g${transform ? ` transform="${transform}"` : ""}>
  <path d="${path}" fill="#f4c430" stroke="#7a4a00" stroke-width="1.5" stroke-linejoin="round"/>
  <path d="${BODY}" fill="${colour}" stroke="${INK}" stroke-width="2"/>
  ${WINGS[/** @type {keyof WINGS} */ (wingShape)]}
  ${BEAKS[/** @type {keyof BEAKS} */ (beak)]}
  ${EYES[/** @type {keyof EYES} */ (eyes)]}
</g></svg>`;
}

/** The kaketoe as SVG markup: `crest` from 0 (flat) to 4 (straight up), the
 * body in `colour` (a CSS colour).
 * @param {number} [crest] @param {string} [colour] @returns {string} */
export function kaketoe(crest = 2, colour = "#ffffff") {
  return draw(crest, colour, DEFAULT_LOOK);
}

/** The kaketoe showing a feeling of the booklet, by the feeling's id; a feeling
 * this file has no look for is drawn as the plain kaketoe.
 * @param {string} feeling @param {string} [colour] @returns {string} */
export function feelingKaketoe(feeling, colour = "#ffffff") {
  const look = FEELINGS[feeling] || DEFAULT_LOOK;
  return draw(look.crest, colour, look);
}
