// Issue 3 — the fiches reader, offline: catalogue, role filter, a fiche,
// a related link, glossary definitions by keyboard, search, print view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, clientReady, controlled, offHost } from "../lib.mjs";

let server, browser, page;

before(async () => {
  server = await startServer();
  browser = await launch();
  page = await browser.context.newPage();
  // One visit installs the service worker; then the server goes away.
  await page.goto(server.url + "/");
  await clientReady(page);
  await controlled(page);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).active.state);
  await server.stop();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("catalogue, filter by role, open a fiche, follow a related link — offline", async () => {
  await page.goto(server.url + "/fiches");
  await clientReady(page);
  const count = page.locator("#nombre-fiches");
  const total = parseInt(await count.textContent(), 10);
  assert.ok(total >= 24, `${total} fiches`);
  await page.getByLabel("Métier").selectOption("juridique");
  await page.waitForFunction(() => /sur/.test(document.querySelector("#nombre-fiches").textContent));
  const shown = parseInt(await count.textContent(), 10);
  assert.ok(shown > 0 && shown < total, `${shown} of ${total} after the filter`);
  const items = page.locator(".fiche-resume");
  assert.equal(await items.count(), shown);
  for (const text of await page.locator(".fiche-resume .faits").allTextContents()) {
    assert.match(text, /Administratif et juridique/);
  }
  await page.getByRole("link", { name: /Pseudonymiser n.est pas anonymiser/ }).click();
  await page.waitForURL(/\/fiches\/pseudonymisation-anonymisation$/);
  await page.getByRole("heading", { level: 1, name: /Pseudonymiser/ }).waitFor();
  for (const h of ["Objectifs", "Fiches liées", "Sources"]) {
    await page.getByRole("heading", { name: h, exact: true }).waitFor();
  }
  const related = page.locator(".connexes .fiche-resume a").first();
  const relatedTitle = (await related.textContent()).replace(/^\d\.\d\d\s*/, "").trim();
  await related.click();
  await page.getByRole("heading", { level: 1, name: relatedTitle }).waitFor();
  assert.deepEqual(offHost(browser.requests), []);
});

test("glossary terms are definitions reachable with the keyboard", async () => {
  await page.goto(server.url + "/fiches/rgpd-et-consentement");
  await clientReady(page);
  const term = page.locator(".corps a.terme").first();
  const defID = (await term.getAttribute("aria-describedby"));
  assert.ok(defID && defID.startsWith("def-"));
  const def = page.locator("#" + defID);
  assert.ok((await def.textContent()).length > 20, "the definition is on the page");
  await term.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((id) => document.activeElement?.id === id, defID);
});

test("search « consentement » lands on the RGPD fiche", async () => {
  await page.goto(server.url + "/fiches");
  await clientReady(page);
  const box = page.getByRole("searchbox", { name: /Rechercher/ });
  await box.fill("consentement");
  const results = page.locator(".liste-resultats li");
  await results.first().waitFor();
  const first = results.first();
  assert.ok((await first.locator("mark").count()) > 0, "the matching words are highlighted");
  await first.getByRole("link").click();
  await page.waitForURL(/\/fiches\/rgpd-et-consentement$/);
  // Accent- and case-insensitive.
  await page.goto(server.url + "/fiches?q=DONNEES");
  await clientReady(page);
  await page.locator(".liste-resultats li").first().waitFor();
  assert.match(await page.locator("#titre-resultats").textContent(), /\d+ résultats? pour « DONNEES »/);
});

test("a fiche prints cleanly on A4", async () => {
  await page.goto(server.url + "/fiches/qualite-des-donnees");
  await clientReady(page);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.entete").isVisible(), false, "no navigation on paper");
  assert.equal(await page.locator(".precedent-suivant").isVisible(), false);
  assert.equal(await page.locator("h1").isVisible(), true);
  const pdf = await page.pdf({ format: "A4", path: "artifacts/fiche-a4.pdf" });
  assert.ok(pdf.length > 20000, `PDF of ${pdf.length} bytes`);
  await page.emulateMedia({ media: "screen" });
});
