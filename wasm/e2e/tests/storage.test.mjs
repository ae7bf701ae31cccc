// Issue 4 — storage refused (private browsing, quota): the app still works
// for the session and says clearly that progress will not be kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, clientReady } from "../lib.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launch();
  // As in some private modes: IndexedDB exists but refuses to open.
  await browser.context.addInitScript(() => {
    const refuse = () => {
      const req = { result: null, error: new DOMException("refusé", "InvalidStateError") };
      setTimeout(() => req.onerror && req.onerror(new Event("error")), 0);
      return req;
    };
    Object.defineProperty(window, "indexedDB", { value: { open: refuse, deleteDatabase: refuse } });
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("with storage refused, the app works and says progress will not be kept", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + "/fiches/culture-des-donnees");
  await clientReady(page);
  const banner = page.getByRole("alert").filter({ hasText: "votre progression ne sera pas conservée" });
  await banner.waitFor();
  // Reading and marking a fiche still work for the session.
  await page.locator("#marquer-lue").click();
  await page.locator("#marquer-lue").filter({ hasText: "Lue ✓" }).waitFor();
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Parcours", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Parcours" }).waitFor();
  await banner.waitFor();
  await page.close();
});
