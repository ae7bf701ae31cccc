// Issues 5 and 6 — the bac à sable in the real app: a French export
// dropped in the page, analysed by the engine's Web Worker, with no
// network request at all between choosing the file and the results.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync, readFileSync } from "node:fs";
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

// The rows of the Windows-1252 fixture, decoded independently of the app
// (the expected numbers come from here, not from the code under test).
function fixtureRows() {
  const text = new TextDecoder("windows-1252").decode(readFileSync(cp1252));
  const lines = text.split(/\r\n/).filter((l) => l && !l.startsWith("Total"));
  const header = lines.shift().split(";");
  return lines.map((l) => {
    const cells = l.match(/("([^"]|"")*"|[^;]*)(;|$)/g).map((c) => c.replace(/;$/, ""));
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const weekdays = ["Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"];

// tableNumbers reads a result table as {rowHeader: [numbers…]}.
async function tableNumbers(table) {
  return table.evaluate((t) => {
    const out = {};
    for (const tr of t.querySelectorAll("tbody tr")) {
      const cells = [...tr.children].map((c) => c.textContent.trim());
      out[cells[0]] = cells.slice(1).map((c) => parseFloat(c.replace(/[\s\u202f\u00a0€%]/g, "").replace(",", ".")));
    }
    return out;
  });
}

test("issue 6 flow: roles, three guided questions, a pivot, a CSV export, pseudonymisation and wipe — no request at all", async () => {
  const rows = fixtureRows();
  assert.equal(rows.length, 40);
  await page.goto(server.url + "/bac-a-sable");
  await clientReady(page);
  await engineReady();
  const mark = browser.requests.length;

  await page.locator("#fichier").setInputFiles(cp1252);
  await page.locator(".resume-jeu").waitFor();

  // 1. Jour d'achat: counts per weekday, checked against the fixture.
  const expected = {};
  for (const r of rows) {
    const [d, m, y] = r["Date d'achat"].split(" ")[0].split("/").map(Number);
    const day = weekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    expected[day] = (expected[day] || 0) + 1;
  }
  await page.locator('[data-question="jour-achat"]').click();
  const answer = page.locator('.carte-reponse[data-question="jour-achat"]');
  await answer.waitFor();
  assert.ok((await answer.locator(".phrase").textContent()).length > 20, "an answer sentence");
  assert.ok(await answer.locator("figure svg[role=img]").count() >= 1, "a chart");
  const perDay = await tableNumbers(answer.locator(".tableau-resultat").first());
  for (const [day, n] of Object.entries(expected)) {
    assert.equal(perDay[day]?.[0], n, `${day}: ${JSON.stringify(perDay)}`);
  }

  // 2. A missing role: without a postcode, « D'où vient le public ? »
  // says which column it needs; mapping it answers at once.
  await page.getByLabel("Rôle de « Code postal »").selectOption({ label: "Aucun rôle" });
  await page.locator('[data-question="origine"]').click();
  await page.locator(".roles-manquants").waitFor();
  assert.match(await page.locator(".roles-manquants").textContent(), /code postal/i);
  await page.getByLabel("Rôle de « Code postal »").selectOption("postcode");
  const origin = page.locator('.carte-reponse[data-question="origine"]');
  await origin.locator("figure").first().waitFor();
  // Leading zeros kept: 01000 → Ain (01).
  assert.match(await origin.textContent(), /Ain|\b01\b/);

  // 3. 18–35 par discipline.
  await page.locator('[data-question="jeunes-18-35"]').click();
  await page.locator('.carte-reponse[data-question="jeunes-18-35"] figure').first().waitFor();
  assert.match(await page.locator('.carte-reponse[data-question="jeunes-18-35"]').textContent(), /Théâtre|Danse|Musique/);

  // 4. A pivot in free exploration: discipline × canal, counted.
  await page.getByLabel("Étape").selectOption("pivot");
  await page.getByLabel("Grouper par").selectOption("Discipline");
  await page.getByLabel("En colonnes").selectOption("Canal");
  await page.getByLabel("Calculer").selectOption("count");
  await page.locator("#ajouter-etape").click();
  const result = page.locator("#resultat-exploration .carte-reponse > .tableau-defilant table").first();
  await result.waitFor();
  const pivot = await tableNumbers(result);
  const cell = (disc, canal) => rows.filter((r) => r.Discipline === disc && r.Canal === canal).length;
  const headers = await result.locator("thead th").allTextContents();
  const webCol = headers.indexOf("Web") - 1;
  assert.ok(webCol >= 0, `a Web column in ${headers}`);
  assert.equal(pivot["Théâtre"][webCol], cell("Théâtre", "Web"));
  assert.equal(await page.locator("#etapes-recette li").count(), 1);
  assert.match(await page.locator("#etapes-recette li").first().textContent(), /Discipline/);

  // 5. Export of the pivot as CSV: UTF-8 with BOM and « ; ».
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-export="explore-csv"]').click()]);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "BOM");
  const csv = bytes.subarray(3).toString("utf8");
  assert.match(csv.split(/\r?\n/)[0], /;/);
  assert.match(csv, /Théâtre;/);

  const offline = browser.requests.slice(mark).filter((r) => !r.url.startsWith("blob:") && !r.url.startsWith("data:"));
  assert.deepEqual(offline.map((r) => r.url), [], "no request between choosing the file and the export");

  // 6. Pseudonymise the personal columns: customer numbers become tokens.
  await page.locator("#pseudonymiser").click();
  await page.getByText("Colonnes pseudonymisées").waitFor();
  assert.match(await page.locator(".tableau-colonnes").textContent(), /ps_/);

  // 7. Wipe everything: the pseudonymisation key and recipes go too.
  await page.goto(server.url + "/a-propos");
  await clientReady(page);
  await page.locator("#tout-effacer").click();
  await page.locator("#confirmer-effacement").click();
  await page.getByText("Tout a été effacé").waitFor();
  const keys = await page.evaluate(() => coulissesStore.keys().catch(() => []));
  assert.deepEqual(keys, []);
});

test("each fiche's « Essayez dans le bac à sable » opens the right sample dataset on its question", async () => {
  const files = await (await import("../quiz.mjs")).contentFiles(server.url);
  const fiches = Object.entries(files)
    .filter(([p]) => p.startsWith("fiches/"))
    .map(([, text]) => JSON.parse(text.split("\n---\n")[0].replace(/^---\n/, "")))
    .filter((f) => f.sandbox);
  assert.ok(fiches.length >= 8, `${fiches.length} fiches with a sandbox exercise`);
  const catalogue = JSON.parse(files["bac-a-sable.yaml"]);
  const seen = new Set();
  for (const f of fiches) {
    const key = f.sandbox.dataset + "/" + f.sandbox.question;
    if (seen.has(key)) continue;
    seen.add(key);
    await page.goto(server.url + "/fiches/" + f.slug);
    await clientReady(page);
    await page.locator(".essayer-encadre a.bouton").click();
    await page.waitForURL(new RegExp(`/bac-a-sable\\?jeu=${f.sandbox.dataset}`));
    const card = page.locator(`.carte-reponse[data-question="${f.sandbox.question}"]`);
    await card.waitFor({ timeout: 60000 });
    const file = catalogue.datasets.find((d) => d.slug === f.sandbox.dataset).file;
    assert.match(await page.locator("#titre-jeu").textContent(), new RegExp(file.replace(".", "\\.")));
    assert.equal(await card.locator(".roles-manquants").count(), 0, `${key}: the sample has the columns the question needs`);
    assert.ok((await card.locator("figure svg").count()) > 0, `${key}: a chart`);
  }
  assert.ok(seen.size >= 5, `${seen.size} dataset/question pairs opened`);
});

test("every bundled sample dataset opens from the list", async () => {
  const files = await (await import("../quiz.mjs")).contentFiles(server.url);
  const { datasets } = JSON.parse(files["bac-a-sable.yaml"]);
  for (const d of datasets) {
    await page.goto(server.url + "/bac-a-sable");
    await clientReady(page);
    await page.getByRole("button", { name: `Ouvrir le jeu d'exemple « ${d.title} »` }).click();
    await page.locator(".resume-jeu").waitFor({ timeout: 60000 });
    assert.match(await page.locator(".resume-jeu .faits").textContent(), /\d[\d\u202f]* lignes/);
    assert.equal(await page.locator(".avertissements").count(), 0, `${d.file} imports without warnings`);
  }
});

test("charts download as SVG and PNG, made on the device", async () => {
  await page.goto(server.url + "/bac-a-sable?jeu=theatre&question=jour-achat");
  await clientReady(page);
  const card = page.locator('.carte-reponse[data-question="jour-achat"]');
  await card.waitFor({ timeout: 60000 });
  const figure = card.locator("figure").first();
  const [svg] = await Promise.all([page.waitForEvent("download"), figure.getByRole("button", { name: /en SVG/ }).click()]);
  const svgText = readFileSync(await svg.path(), "utf8");
  assert.match(svgText, /^<\?xml[^>]*>\s*<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svgText, /<title[^>]*>/);
  const [png] = await Promise.all([page.waitForEvent("download"), figure.getByRole("button", { name: /en PNG/ }).click()]);
  const pngBytes = readFileSync(await png.path());
  assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
  assert.ok(pngBytes.length > 5000, `${pngBytes.length} bytes`);
});

test("shareable aggregates mask small groups; three partners' files compare with ours", async () => {
  await page.goto(server.url + "/bac-a-sable?jeu=theatre&question=jeunes-18-35");
  await clientReady(page);
  await page.locator('.carte-reponse[data-question="jeunes-18-35"]').waitFor({ timeout: 60000 });
  const files = [];
  for (const venue of ["Scène A", "Scène B", "Scène C"]) {
    await page.getByLabel("Nom du lieu (facultatif)").fill(venue);
    await page.getByLabel("Seuil k (personnes)").fill("10");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#exporter-agregats").click()]);
    const bytes = readFileSync(await dl.path());
    const text = bytes.toString("utf8");
    assert.match(text, /k\D{0,20}10|10\D{0,20}personnes/i, "the file states k");
    assert.match(text, new RegExp(venue));
    files.push({ name: `agregats-${venue}.csv`, mimeType: "text/csv", buffer: bytes });
  }
  await page.locator(".vie-privee .carte-reponse").waitFor();
  await page.locator("#fichiers-pairs").setInputFiles(files);
  const peers = page.locator(".pairs .carte-reponse");
  await peers.waitFor({ timeout: 30000 });
  assert.match(await peers.textContent(), /3 lieux|trois lieux/);
});

test("a workbook's other sheet can be chosen; invalid values are listed with their line", async () => {
  await page.goto(server.url + "/bac-a-sable");
  await clientReady(page);
  await page.locator("#fichier").setInputFiles(join(root, "sandbox/testdata/billetterie.xlsx"));
  await page.locator(".resume-jeu").waitFor();
  const sheet = page.getByLabel("Feuille du classeur");
  assert.deepEqual((await sheet.locator("option").allTextContents()).sort(), ["Notes", "Ventes"]);
  await sheet.selectOption("Ventes");
  await page.waitForFunction(() => /30\s*lignes/.test(document.querySelector(".resume-jeu .faits")?.textContent || ""), null, { timeout: 30000 });
  assert.equal(await page.getByLabel("Feuille du classeur").inputValue(), "Ventes");

  await page.locator("#fermer-jeu").click();
  await page.locator("#fichier").setInputFiles(join(root, "sandbox/testdata/invalid_values.csv"));
  await page.locator(".resume-jeu").waitFor();
  const details = page.locator(".tableau-colonnes details.invalides").first();
  await details.locator("summary").click();
  assert.match(await details.textContent(), /ligne \d+ : « [^»]+ »/);
});
