// The counselor tools work offline after the first visit: this page registers
// the app's service worker (the same one as the children's app, for all of
// /app/). A new version waits until every page of the app is closed; the
// tools keep nothing that an update could interrupt.

export function registerOffline() {
  if (!("serviceWorker" in navigator)) return;
  const app = new URL("../../", document.baseURI);
  navigator.serviceWorker.register(new URL("sw.js", app), { scope: app.pathname }).catch(() => {
    // Without a service worker the tools still work online.
  });
}
