// Coulisses service worker (template filled in by the Go server).
// Cache-first for every precached resource; navigations fall back to the
// cached route, then to the cached shell "/", so a hard load of any route
// works offline — including routes added later by a content update.
const cacheName = "coulisses-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll(resourcesToCache);
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(
        keys
          .filter((key) => key.startsWith("coulisses-") && key !== cacheName)
          .map((key) => caches.delete(key))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  event.respondWith(respond(request, url));
});

async function respond(request, url) {
  const cache = await caches.open(cacheName);
  if (request.mode === "navigate") {
    const page =
      (await cache.match(url.pathname)) ||
      (await cache.match(url.pathname.replace(/\/+$/, "") || "/"));
    if (page) {
      return page;
    }
    try {
      return await fetch(request);
    } catch (err) {
      // The shell is "/" (or "/prefix" when the app lives under a sub-path).
      const shell = await cache.match(new URL(self.registration.scope).pathname.replace(/\/+$/, "") || "/");
      if (shell) {
        return shell;
      }
      throw err;
    }
  }
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  return fetch(request);
}
