// Issue 2 — the app shell: installable offline PWA, navigation, a11y,
// service worker, offline hard loads, no request leaving 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, clientReady, controlled, offHost, axeAudit, report } from "../lib.mjs";

let server, browser;
const routes = ["/", "/fiches", "/fiches/rgpd-et-consentement", "/glossaire", "/parcours", "/parcours/essentiels", "/parcours/essentiels/attestation", "/positionnement", "/progression", "/atelier", "/bac-a-sable", "/a-propos"];

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the WebAssembly client renders the home page in French", async () => {
  const page = await browser.context.newPage();
  const t0 = Date.now();
  await page.goto(server.url + "/");
  await clientReady(page);
  report("chargement à froid jusqu'au premier rendu client (ms)", Date.now() - t0);
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal(await page.title(), "Coulisses");
  // The loader is removed and the client marked the document: only the
  // WebAssembly client does that (OnMount never runs on the server).
  assert.equal(await page.locator("#app-wasm-loader").count(), 0);
  // The first installation of the service worker is not an update.
  await controlled(page);
  await page.waitForTimeout(500);
  assert.equal(await page.getByText("Nouvelle version disponible").count(), 0);
  await page.getByRole("heading", { level: 1, name: "Coulisses" }).waitFor();
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  for (const name of ["Fiches", "Parcours", "Bac à sable", "À propos"]) {
    assert.equal(await nav.getByRole("link", { name, exact: true }).count(), 1, name);
  }
  await page.close();
});

test("navigation between areas happens in the client, with aria-current", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + "/");
  await clientReady(page);
  await page.evaluate(() => (window.__memeDocument = true));
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  for (const [name, path, h1] of [
    ["Fiches", "/fiches", "Fiches"],
    ["Parcours", "/parcours", "Parcours"],
    ["Bac à sable", "/bac-a-sable", "Bac à sable"],
    ["À propos", "/a-propos", "À propos de Coulisses"],
  ]) {
    await nav.getByRole("link", { name, exact: true }).click();
    await page.waitForURL(server.url + path);
    await page.getByRole("heading", { level: 1, name: h1 }).waitFor();
    assert.equal(await nav.getByRole("link", { name, exact: true }).getAttribute("aria-current"), "page");
    assert.equal(await page.evaluate(() => window.__memeDocument), true, "no full page load");
  }
  await page.close();
});

test("keyboard alone: skip link, then the navigation", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + "/fiches");
  await clientReady(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  const box = await skip.boundingBox();
  assert.ok(box && box.y >= 0, "the focused skip link is visible");
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, "none", "visible focus");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "contenu");
  await page.goto(server.url + "/");
  await clientReady(page);
  const order = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement?.textContent?.trim()));
  }
  assert.deepEqual(order.slice(0, 6), ["Aller au contenu", "Coulisses", "Fiches", "Parcours", "Bac à sable", "À propos"]);
  // Back to the last navigation link, then Enter opens it in the client.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(server.url + "/a-propos");
  await page.getByRole("heading", { level: 1, name: "À propos de Coulisses" }).waitFor();
  await page.close();
});

test("install manifest, icons and headers", async () => {
  const page = await browser.context.newPage();
  const res = await page.goto(server.url + "/");
  const headers = res.headers();
  const csp = headers["content-security-policy"];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /https?:/, "no third-party origin in the policy");
  const href = await page.getAttribute('link[rel="manifest"]', "href");
  const manifest = await (await page.request.get(server.url + href)).json();
  assert.equal(manifest.name.startsWith("Coulisses"), true);
  assert.equal(manifest.short_name, "Coulisses");
  assert.equal(manifest.lang, "fr");
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.display, "standalone");
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  for (const want of ["192x192 any", "512x512 any", "512x512 maskable", "any any"]) {
    assert.ok(sizes.includes(want), `icon ${want} in ${sizes}`);
  }
  for (const icon of manifest.icons) {
    assert.ok(icon.src.startsWith("/web/"), `local icon ${icon.src}`);
    const r = await page.request.get(server.url + icon.src);
    assert.equal(r.status(), 200, icon.src);
    assert.equal(r.headers()["content-type"], icon.type);
  }
  assert.equal(await page.getAttribute('link[rel="icon"]', "href"), "/web/icons/icon.svg");
  const wasm = await page.request.get(server.url + "/web/app.wasm", { headers: { "Accept-Encoding": "gzip" } });
  assert.equal(wasm.headers()["content-type"], "application/wasm");
  assert.equal(wasm.headers()["content-encoding"], "gzip");
  await page.close();
});

test("every route passes an axe audit (no serious or critical violation)", async () => {
  const page = await browser.context.newPage();
  for (const route of routes) {
    await page.goto(server.url + route);
    await clientReady(page);
    const violations = await axeAudit(page);
    assert.deepEqual(violations, [], `${route}: ${JSON.stringify(violations, null, 1)}`);
  }
  await page.close();
});

test("360 px wide: nothing overflows horizontally", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const route of routes) {
    await page.goto(server.url + route);
    await clientReady(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${route} is ${width}px wide`);
  }
  await page.screenshot({ path: "artifacts/accueil-360.png", fullPage: true });
  await page.close();
});

test("after one visit the app works offline: reload, new tab, hard load of any route", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + "/");
  await clientReady(page);
  await controlled(page);
  // Let the service worker finish precaching every route.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active;
  });
  const t0 = Date.now();
  await page.reload();
  await clientReady(page);
  report("rechargement sous le service worker (ms)", Date.now() - t0);

  await server.stop();
  const down = await fetch(server.url + "/").then(() => "up", () => "down");
  assert.equal(down, "down", "the server is stopped");

  await page.reload();
  await clientReady(page);
  await page.getByRole("heading", { level: 1, name: "Coulisses" }).waitFor();

  const tab = await browser.context.newPage();
  for (const route of routes.slice(1)) {
    await tab.goto(server.url + route);
    await clientReady(tab);
    assert.ok((await tab.locator("h1").first().textContent()).length > 0, route);
  }
  // A route that is not precached (e.g. a fiche added by a content update)
  // still gets the app shell.
  await tab.goto(server.url + "/fiches/une-fiche-qui-n-existe-pas");
  await clientReady(tab);
  await tab.getByRole("heading", { level: 1, name: "Fiche introuvable" }).waitFor();
  await tab.close();
  await page.close();
});

test("a new build triggers the French update prompt", async () => {
  const first = await startServer(undefined, { env: { COULISSES_BUILD_ID: "essai-1" } });
  const page = await browser.context.newPage();
  await page.goto(first.url + "/fiches");
  await clientReady(page);
  await controlled(page);
  await first.stop();
  const second = await startServer(undefined, { port: first.port, env: { COULISSES_BUILD_ID: "essai-2" } });
  try {
    await page.reload();
    await clientReady(page);
    const prompt = page.getByText("Nouvelle version disponible");
    await prompt.waitFor({ timeout: 30000 });
    await page.getByRole("button", { name: "recharger" }).click();
    await clientReady(page);
    await page.waitForFunction(() => !document.body.innerText.includes("Nouvelle version disponible"));
  } finally {
    await page.close();
    await second.stop();
  }
});

test("no request left 127.0.0.1 during the whole run", () => {
  assert.ok(browser.requests.length > 20, "requests were recorded");
  assert.deepEqual(offHost(browser.requests), []);
  assert.deepEqual(browser.errors, []);
});
