// ESLint for the JavaScript the app serves (web/) and its tests (tests/js/):
// the recommended rules, which catch mistakes rather than judge style, and a
// few more that catch real bugs. Each kind of file gets the globals of where
// it runs: a page, the Python worker, the service worker, or Node.

import js from "@eslint/js";
import globals from "globals";

const WORKERS = ["web/shared/python-worker.js", "web/sw.js"];

export default [
  { ignores: ["site/", "node_modules/", ".venv/"] },
  js.configs.recommended,
  {
    rules: {
      // A .map() or .filter() callback that forgets to return.
      "array-callback-return": "error",
      // `${x}` in a plain string, meant as a template.
      "no-template-curly-in-string": "error",
      "no-self-compare": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
    },
  },
  {
    files: ["web/**/*.js"],
    ignores: WORKERS,
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["web/shared/python-worker.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.worker },
  },
  {
    // A classic script; the build writes the list of files in place of the placeholder.
    files: ["web/sw.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.serviceworker, __PRECACHE__: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
