// The counselor tools work offline after the first visit: this page registers
// the app's service worker (the same one as the children's app, for all of
// /app/). A new version waits until every page of the app is closed; the
// tools keep nothing that an update could interrupt.

import { APP_ROOT } from "../shared/settings.js";

export function registerOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(new URL("sw.js", APP_ROOT), { scope: APP_ROOT.pathname }).catch(() => {
    // Without a service worker the tools still work online.
  });
}
