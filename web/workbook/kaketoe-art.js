// The kaketoe drawn in code: its crest shows how it feels, from position 0
// (flat on its head) to 4 (straight up). The body colour is the child's.

const CREST = [
  "M30 24 C24 22 16 22 8 26 C14 26 20 27 26 29 Z",
  "M30 23 C24 16 16 12 8 12 C14 16 20 20 26 27 Z",
  "M30 22 C26 12 20 6 12 2 C16 10 20 16 25 26 Z",
  "M31 22 C29 12 26 4 22 0 C22 8 23 16 26 25 Z",
  "M32 22 C32 12 32 4 30 0 C28 6 27 14 27 24 Z",
];

/** The kaketoe as SVG markup: `crest` from 0 (flat) to 4 (straight up), the
 * body in `colour` (a CSS colour).
 * @param {number} [crest] @param {string} [colour] @returns {string} */
export function kaketoe(crest = 2, colour = "#ffffff") {
  const path = CREST[Math.max(0, Math.min(4, crest))];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <path d="${path}" fill="#f4c430" stroke="#7a4a00" stroke-width="1.5" stroke-linejoin="round"/>
  <path d="M18 26 C26 18 42 18 50 28 C56 36 54 50 44 56 C34 62 20 60 14 50 C10 42 12 32 18 26 Z" fill="${colour}" stroke="#2f2219" stroke-width="2"/>
  <path d="M44 36 C52 36 58 40 58 46 C54 44 50 44 46 46 Z" fill="#2f2219"/>
  <circle cx="36" cy="36" r="3.5" fill="#2f2219"/><circle cx="37" cy="35" r="1" fill="#ffffff"/>
</svg>`;
}
