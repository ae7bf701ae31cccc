// Issues 5 and 6 — the bac à sable in the real app: a French export
// dropped in the page, analysed by the engine's Web Worker, with no
// network request at all between choosing the file and the results.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, clientReady, root } from "../lib.mjs";

let server, browser, page;
const cp1252 = join(root, "sandbox/testdata/fr_cp1252_footer.csv");

before(async () => {
  server = await startServer();
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(server.url + "/bac-a-sable");
  await clientReady(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// engineReady waits until the page's engine worker is up (started when
// the page mounts, before any file is chosen).
async function engineReady() {
  await page.waitForFunction(() => true);
  for (let i = 0; i < 100 && page.workers().length === 0; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(500);
}

test("a Windows-1252 « ; » export is analysed with no request at all", async () => {
  await engineReady();
  const mark = browser.requests.length;
  await page.locator("#fichier").setInputFiles(cp1252);
  await page.locator(".resume-jeu").waitFor();
  const facts = await page.locator(".resume-jeu .faits").textContent();
  assert.match(facts, /40\slignes/);
  assert.match(facts, /12\scolonnes/);
  assert.match(facts, /Encodage windows-1252/);
  assert.match(facts, /Séparateur : point-virgule/);
  assert.match(facts, /1\sligne de total mise de côté/);
  // Accents decoded, leading zeros of postcodes kept.
  const columns = await page.locator(".tableau-colonnes").textContent();
  assert.match(columns, /Cœur/);
  assert.match(columns, /01000/);
  assert.equal(await page.locator("#role-10").inputValue(), "birth_year");
  assert.deepEqual(browser.requests.slice(mark).map((r) => r.url), [], "no request after choosing the file");
});

test("a column's role can be changed, and the report follows", async () => {
  const select = page.getByLabel("Rôle de « Canal »");
  assert.equal(await select.inputValue(), "channel");
  await select.selectOption({ label: "Aucun rôle" });
  await page.waitForTimeout(300);
  assert.equal(await page.getByLabel("Rôle de « Canal »").inputValue(), "aucun");
  await page.getByLabel("Rôle de « Canal »").selectOption("channel");
  await page.waitForTimeout(300);
  assert.equal(await page.getByLabel("Rôle de « Canal »").inputValue(), "channel");
});

test("bad files get a clear French message", async () => {
  const dir = mkdtempSync(join(tmpdir(), "coulisses-bad-"));
  const cases = [
    ["vide.csv", "", /est vide/],
    ["rapport.csv", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", /document PDF/],
    ["entete.csv", "Nom;Prénom;Ville\n", /en-tête|aucune ligne/i],
  ];
  for (const [name, body, want] of cases) {
    await page.goto(server.url + "/bac-a-sable");
    await clientReady(page);
    const file = join(dir, name);
    writeFileSync(file, body);
    await page.locator("#fichier").setInputFiles(file);
    const alert = page.locator("#erreur-import");
    await alert.waitFor();
    assert.match(await alert.textContent(), want, name);
  }
});

test("a long import shows progress and can be cancelled", async () => {
  const dir = mkdtempSync(join(tmpdir(), "coulisses-big-"));
  const file = join(dir, "gros-export.csv");
  const line = "123456;98765;12/03/2025 14:05;20/04/2025 20:30;\"Le Misanthrope; ou l'atrabilaire\";Théâtre;Plein;Web;25,50;75011;1984;Oui\r\n";
  writeFileSync(file, "N° commande;N° client;Date d'achat;Date de représentation;Spectacle;Discipline;Tarif;Canal;Prix;Code postal;Année de naissance;Opt-in\r\n" + line.repeat(600000));
  await page.goto(server.url + "/bac-a-sable");
  await clientReady(page);
  await engineReady();
  const workersBefore = page.workers().length;
  await page.locator("#fichier").setInputFiles(file);
  await page.locator("#import-en-cours").waitFor();
  await page.waitForFunction(() => /[1-9][\d\u202f]* lignes/.test(document.querySelector("#etat-import")?.textContent || ""), null, { timeout: 60000 });
  assert.match(await page.locator("#etat-import").textContent(), /Mo sur [\d,]+\sMo/);
  await page.locator("#annuler-import").click();
  await page.getByText("Import annulé").waitFor();
  assert.equal(await page.locator("#import-en-cours").count(), 0);
  // The busy worker was terminated; a fresh one waits for the next file.
  for (let i = 0; i < 50 && page.workers().length > workersBefore; i++) await page.waitForTimeout(100);
  assert.ok(page.workers().length <= workersBefore, `no leaked worker (${page.workers().length} > ${workersBefore})`);
});
