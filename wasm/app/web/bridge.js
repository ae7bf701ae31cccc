// Coulisses browser bridge: small promise-based helpers the Go client
// calls (IndexedDB key-value store, persistent storage, downloads).
// Nothing here talks to the network.
"use strict";

(function () {
  // A service worker installed on the very first visit is not an update:
  // remember whether one controlled the page when it loaded.
  self.coulissesControlledAtLoad = !!(navigator.serviceWorker && navigator.serviceWorker.controller);

  const DB_NAME = "coulisses";
  const STORE = "kv";
  let dbPromise = null;

  function openDB() {
    if (dbPromise) {
      return dbPromise;
    }
    dbPromise = new Promise((resolve, reject) => {
      if (!("indexedDB" in self)) {
        reject(new Error("IndexedDB indisponible"));
        return;
      }
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => {
        const db = req.result;
        db.onversionchange = () => {
          db.close();
          dbPromise = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error || new Error("ouverture refusée"));
      req.onblocked = () => reject(new Error("base bloquée par un autre onglet"));
    });
    dbPromise.catch(() => {
      dbPromise = null;
    });
    return dbPromise;
  }

  function tx(mode, fn) {
    return openDB().then(
      (db) =>
        new Promise((resolve, reject) => {
          const t = db.transaction(STORE, mode);
          const store = t.objectStore(STORE);
          let result;
          const req = fn(store);
          if (req) {
            req.onsuccess = () => {
              result = req.result;
            };
          }
          t.oncomplete = () => resolve(result);
          t.onerror = () => reject(t.error || new Error("transaction refusée"));
          t.onabort = () => reject(t.error || new Error("transaction annulée"));
        })
    );
  }

  self.coulissesStore = {
    get: (key) => tx("readonly", (s) => s.get(key)).then((v) => (v === undefined ? null : v)),
    put: (key, value) => tx("readwrite", (s) => s.put(value, key)).then(() => true),
    del: (key) => tx("readwrite", (s) => s.delete(key)).then(() => true),
    keys: () => tx("readonly", (s) => s.getAllKeys()),
    // wipe deletes the whole database and the local storage of this origin.
    wipe: () =>
      new Promise((resolve, reject) => {
        const finish = () => {
          try {
            localStorage.clear();
            sessionStorage.clear();
          } catch (e) {}
          resolve(true);
        };
        const close = dbPromise ? dbPromise.then((db) => db.close(), () => {}) : Promise.resolve();
        dbPromise = null;
        close.then(() => {
          const req = indexedDB.deleteDatabase(DB_NAME);
          req.onsuccess = finish;
          req.onerror = () => reject(req.error || new Error("effacement refusé"));
          req.onblocked = finish;
        });
      }),
    // persist asks the browser not to evict this origin's storage.
    persist: () =>
      navigator.storage && navigator.storage.persist
        ? navigator.storage.persist()
        : Promise.resolve(false),
    estimate: () =>
      navigator.storage && navigator.storage.estimate
        ? navigator.storage.estimate().then((e) => JSON.stringify(e))
        : Promise.resolve("{}"),
  };

  // coulissesDownload saves bytes (a Uint8Array) as a file.
  self.coulissesDownload = function (name, mime, bytes) {
    const blob = new Blob([bytes], { type: mime });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.rel = "noopener";
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
      a.remove();
    }, 1000);
  };
})();
