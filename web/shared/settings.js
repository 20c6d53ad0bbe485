// What the build tells every page of the app (kaketoe build-app writes it into
// the page's <body data-…>), read in one place. Addresses are worked out from
// this module's own place in the app, so they are the same from every page.

// Every one of these is written by the build.
const data = /** @type {{[name: string]: string}} */ (document.body.dataset);

/** The app's folder (served at /app/), the site's root, and the page's settings. */
export const APP_ROOT = new URL("../", import.meta.url);
export const SITE_ROOT = new URL("../", APP_ROOT);

/** @type {import("./types.js").PageSettings} */
export const settings = {
  /** The page's language. */
  language: data.language,
  /** The language the site serves at its root (mkdocs.yml). */
  defaultLanguage: data.defaultLanguage,
  /** Every language a child's booklet exists in. */
  bookletLanguages: data.bookletLanguages.split(","),
  /** The kaketoe package's version: the Python bundle's name. */
  version: data.version,
  /** Pyodide's version (package.json): the folder it is served from. */
  pyodide: data.pyodide,
};

/** @type {import("./types.js").PageRules} */
const rules = JSON.parse(data.rules);

/** The colours a child picks for a profile: name (as the file has it) -> how it is painted. */
export const PROFILE_COLOURS = rules.profile_colours;

/** An answer in one of these states earns a sticker (kaketoe._answers.STICKER_STATES).
 * @param {import("./types.js").Answer | null | undefined} answer @returns {boolean} */
export function earnsSticker(answer) {
  return Boolean(answer && answer.state && rules.sticker_states.includes(answer.state));
}

/** The folder of a language's pages in the site: "" for the default language (at the root), else "en/".
 * @param {string} [language] @returns {string} */
export function siteFolder(language = settings.language) {
  return language === settings.defaultLanguage ? "" : `${language}/`;
}

/** The site's pages in a language.
 * @param {string} [language] @returns {URL} */
export function siteHome(language = settings.language) {
  return new URL(siteFolder(language), SITE_ROOT);
}

/** Where a booklet (app/data/booklets/) or the counselor tools' data (app/data/forms/) is.
 * @param {"booklets" | "forms"} kind @param {string} [language] @returns {URL} */
export function dataFile(kind, language = settings.language) {
  return new URL(`data/${kind}/${language}.json`, APP_ROOT);
}
