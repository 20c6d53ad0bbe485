// The workbook's service worker: the app, every booklet, the Python bundle
// and Pyodide are cached on the first visit, so the app works offline after
// it. The build (hooks/workbook_app.py) fills in VERSION and PRECACHE.
// A new version waits until the page asks for it (never while a child is
// busy): the page shows "new version" and sends "skip-waiting".

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `kaketoe-app-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(new URL(path, self.registration.scope), { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(
      names.filter((name) => name.startsWith("kaketoe-app-") && name !== CACHE).map((name) => caches.delete(name)),
    )).then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
      if (cached) return cached;
      return fetch(request);
    }),
  );
});
