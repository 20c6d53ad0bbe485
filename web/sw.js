// The workbook's service worker: the app, every booklet, the Python bundle
// and Pyodide are cached on the first visit, so the app works offline after
// it. The build (kaketoe._app_build) fills in VERSION and PRECACHE.
// A new version waits until the page asks for it (never while a child is
// busy): the page shows "new version" and sends "skip-waiting".

const VERSION = "__VERSION__";
/** @type {string[]} paths, relative to this file */
// @ts-expect-error: a placeholder until the build writes the list here
const PRECACHE = __PRECACHE__;
const CACHE = `kaketoe-app-${VERSION}`;
// This script's global scope, as what it is: tsc's lib types `self` as the
// scope of any kind of worker.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(new URL(path, worker.registration.scope), { cache: "reload" })))),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(
      names.filter((name) => name.startsWith("kaketoe-app-") && name !== CACHE).map((name) => caches.delete(name)),
    )).then(() => worker.clients.claim()),
  );
});

worker.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") worker.skipWaiting();
});

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // The Python worker is started with its settings in the query string; no
      // file the app keeps depends on one, so the query never decides what is
      // served. A copy is answered as a new response: the worker then keeps the
      // address it asked for, settings included (a cached response would carry
      // the stored address, without them).
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached && cached.url !== request.url) {
        return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers: cached.headers });
      }
      if (cached) return cached;
      return fetch(request);
    }),
  );
});
