// Issue 7 — content updates, end to end, against the REAL worker runtime
// (`wrangler dev`, workerd) and the real app server (build/coulisses):
//   app installed at content v1 → the worker publishes v2 → the app shows
//   and applies it → servers stopped → v2 still readable offline;
//   and the same with a tampered file: v1 must remain.
// The content v1 is what the app server ships (its /web/content.bundle);
// both versions are signed with a throwaway key the app server is given
// through COULISSES_UPDATE_KEY.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, clientReady, controlled, freePort, report, axeAudit } from "../lib.mjs";
import { contentFiles, quizOf, answer } from "../quiz.mjs";
import { workspace, writeContent, buildWorker, startWorker, bundleFile } from "../worker.mjs";

const FICHE = "fiches/4.02-indicateurs-cles.md";
const FICHE_URL = "/fiches/indicateurs-cles";
const MARK = "Phrase ajoutée par la mise à jour de démonstration.";
const QUIZ_MARK = " (version mise à jour)";
const CHANGELOG = "Fiche 4.02 : une phrase ajoutée ; quiz 4.02 reformulé";
const V1 = 1795000000;
const V2 = V1 + 3600;

let ws, files, workers;
const cleanups = [];

before(async () => {
  ws = await workspace();
  // Content v1: what the app ships, read from a server started just for that.
  const probe = await startServer();
  files = await contentFiles(probe.url);
  await probe.stop();
  const v1dir = writeContent(mkdtempSync(join(ws.outside, "contenu-v1-")), files);
  // v2: one fiche gains a sentence, its quiz gets a reworded question.
  const v2files = { ...files };
  v2files[FICHE] = files[FICHE] + "\n" + MARK + "\n";
  const quiz = quizOf(files, "4.02");
  quiz.questions[0].question += QUIZ_MARK;
  v2files["quiz/4.02.yaml"] = JSON.stringify(quiz);
  const v2dir = writeContent(mkdtempSync(join(ws.outside, "contenu-v2-")), v2files);

  const b1 = await ws.publishContent(v1dir, V1);
  const b2 = await ws.publishContent(v2dir, V2, [CHANGELOG]);
  // The tampered v2: one byte of the fiche changed after signing (same size).
  const bad = await ws.publishContent(v2dir, V2, [CHANGELOG]);
  const f = bundleFile(bad, FICHE);
  const bytes = readFileSync(f);
  const at = bytes.indexOf(Buffer.from(MARK));
  bytes[at] = bytes[at] === 0x50 ? 0x51 : 0x50;
  writeFileSync(f, bytes);

  const t0 = Date.now();
  workers = {
    v1: await buildWorker(ws, b1, "v1"),
    v2: await buildWorker(ws, b2, "v2"),
    bad: await buildWorker(ws, bad, "v2-altere"),
  };
  report("construction des trois workers (ms)", Date.now() - t0);
});

after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  ws?.remove();
});

/** app starts the app server configured for a worker on workerPort. */
async function app(workerPort) {
  const server = await startServer(undefined, {
    env: {
      COULISSES_UPDATE_ORIGIN: `http://127.0.0.1:${workerPort}`,
      COULISSES_UPDATE_KEY: ws.publicKey,
      COULISSES_CONTENT_VERSION: String(V1),
    },
  });
  cleanups.push(server.stop);
  return server;
}

async function worker(dir, port, appOrigin) {
  const w = await startWorker(dir, { port, appOrigin });
  cleanups.push(w.stop);
  report(`wrangler dev prêt (ms)`, w.startedIn);
  return w;
}

/** recordBytes lists what the pages receive from origin: status, body size, time. */
function recordBytes(context, origin) {
  const seen = [];
  context.on("response", async (res) => {
    if (!res.url().startsWith(origin)) return;
    const entry = { url: res.url().slice(origin.length), status: res.status(), bytes: 0, ms: 0 };
    seen.push(entry);
    try {
      entry.bytes = (await res.body()).length;
      entry.ms = Math.round(res.request().timing().responseEnd);
    } catch {}
  });
  return seen;
}

async function fichePage(page, url) {
  await page.goto(url + FICHE_URL);
  await clientReady(page);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

async function openAbout(page, url) {
  await page.goto(url + "/a-propos");
  await clientReady(page);
  await page.locator("#mises-a-jour").waitFor();
}

test("v1 installed, the worker publishes v2: verified, applied, kept offline", async () => {
  const workerPort = await freePort();
  const server = await app(workerPort);
  const w1 = await worker(workers.v1, workerPort, server.url);
  const browser = await launch();
  cleanups.push(browser.close);
  const page = await browser.context.newPage();
  const received = recordBytes(browser.context, w1.url);

  // Installed at v1: the first check finds v1 again, nothing to download.
  await fichePage(page, server.url);
  await controlled(page);
  await openAbout(page, server.url);
  await page.getByText(/Dernière vérification :/).waitFor();
  assert.match(await page.locator("#version-contenu").textContent(), new RegExp(`version ${V1}, livrée`));
  assert.equal(received.filter((r) => r.url.startsWith("/v1/files/")).length, 0, "no file downloaded at v1");
  assert.equal(await page.locator(".contenu-maj").count(), 0);

  // A score on the quiz that v2 changes.
  const t3 = Date.now();
  await fichePage(page, server.url);
  report("rechargement d'une fiche avec le contenu livré, jusqu'au rendu client (ms)", Date.now() - t3);
  assert.equal(await page.getByText(MARK).count(), 0);
  await page.getByRole("heading", { level: 2, name: "Vérifiez vos acquis" }).waitFor();
  await answer(page, "fq-", quizOf(files, "4.02"), true);
  await page.getByRole("button", { name: "Valider mes réponses" }).click();
  await page.locator(".quiz-fiche .verdict.reussi").waitFor();
  await page.locator(".quiz-fiche .record").filter({ hasText: "100 %" }).waitFor();

  // The worker publishes v2 (redeployed on the same origin).
  await w1.stop();
  const w2 = await worker(workers.v2, workerPort, server.url);
  received.length = 0;
  await openAbout(page, server.url);
  const t0 = Date.now();
  await page.getByRole("button", { name: "Vérifier les mises à jour" }).click();
  const banner = page.locator(".contenu-maj");
  await banner.waitFor({ timeout: 20000 });
  const applied = Date.now() - t0;
  assert.match(await banner.textContent(), /Contenu mis à jour : 1 fiche modifiée, 1 quiz modifié/);
  assert.match(await page.locator("#resultat-maj").textContent(), /Contenu mis à jour/);
  await page.waitForTimeout(300); // let the body sizes come in
  const files2 = received.filter((r) => r.url.startsWith("/v1/files/"));
  const total = received.reduce((n, r) => n + r.bytes, 0);
  report("clic « Vérifier » → mise à jour appliquée (ms)", applied);
  report("octets reçus pour v2 (manifeste + fichiers)", `${total} (${received.map((r) => `${r.url.slice(0, 20)}… ${r.status} ${r.bytes} o en ${r.ms} ms`).join(", ")})`);
  assert.equal(files2.length, 2, "only the fiche and the quiz are downloaded");
  // Changelog and journal in « À propos ».
  await page.getByText(CHANGELOG).waitFor();
  assert.match(await page.locator("#version-contenu").textContent(), new RegExp(`version ${V2}, reçue`));
  await page.getByText(/Diagnostic des mises à jour/).click();
  await page.locator(".entree-appliquee").filter({ hasText: `Version ${V2} appliquée` }).waitFor();
  assert.deepEqual(await axeAudit(page), [], "« À propos » with the banner, the changelog and the journal open");

  // Checked again: the manifest is revalidated (If-None-Match → 304).
  received.length = 0;
  await page.getByRole("button", { name: "Vérifier les mises à jour" }).click();
  await page.locator("#resultat-maj").filter({ hasText: "Le contenu est à jour." }).waitFor();
  await page.waitForTimeout(200);
  const again = received.filter((r) => r.url === "/v1/manifest.json" && r.status !== 204);
  assert.deepEqual(again.map((r) => [r.status, r.bytes]), [[304, 0]], "revalidated, nothing downloaded");

  // v2 shows everywhere; the changed quiz's score is reset, with a note.
  const t2 = Date.now();
  await fichePage(page, server.url);
  report("rechargement d'une fiche avec la mise à jour stockée, jusqu'au rendu client (ms)", Date.now() - t2);
  await page.getByText(MARK).waitFor();
  await page.getByText(QUIZ_MARK.trim(), { exact: false }).first().waitFor();
  assert.equal((await page.locator(".quiz-fiche .record").textContent()).trim(), "");
  await page.goto(server.url + "/progression");
  await clientReady(page);
  await page.locator(".avis li").filter({ hasText: "le quiz de la fiche 4.02" }).waitFor();
  assert.match(await page.locator(".avis li").first().textContent(), /remis à zéro/);

  // A fresh install, online while v2 is served, applies it on its own.
  const fresh = await launch();
  cleanups.push(fresh.close);
  const p2 = await fresh.context.newPage();
  const t1 = Date.now();
  await p2.goto(server.url + FICHE_URL);
  await clientReady(p2);
  const ready = Date.now() - t1;
  await p2.locator(".contenu-maj").waitFor({ timeout: 20000 });
  report("installation neuve : premier rendu → v2 appliquée (ms)", Date.now() - t1 - ready);
  await fresh.close();

  // Worker unreachable: nothing changes, only a discreet « hors ligne ».
  await w2.stop();
  await openAbout(page, server.url);
  await page.getByRole("button", { name: "Vérifier les mises à jour" }).click();
  await page.locator("#resultat-maj").filter({ hasText: "Hors ligne" }).waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);

  // Both servers gone, the browser offline: v2 is still what is read.
  await server.stop();
  await browser.context.setOffline(true);
  await page.goto(server.url + FICHE_URL);
  await clientReady(page);
  await page.getByText(MARK).waitFor();
  await page.goto(server.url + "/a-propos");
  await clientReady(page);
  assert.match(await page.locator("#version-contenu").textContent(), new RegExp(`version ${V2}`));
  await browser.close();
});

test("a tampered file is refused, logged, and v1 remains, offline too", async () => {
  const workerPort = await freePort();
  const server = await app(workerPort);
  const w = await worker(workers.bad, workerPort, server.url);
  const browser = await launch();
  cleanups.push(browser.close);
  const page = await browser.context.newPage();

  // Installed online while the worker serves the tampered v2: the automatic
  // check downloads, verifies, refuses.
  await fichePage(page, server.url);
  await controlled(page);
  await openAbout(page, server.url);
  await page.getByText(/Diagnostic des mises à jour/).click();
  const entry = page.locator(".entree-empreinte");
  await entry.waitFor({ timeout: 20000 });
  assert.match(await entry.textContent(), new RegExp(`Refusée : Fichier ${FICHE.replace(".", "\\.")} altéré`));
  report("journal (fichier altéré)", (await entry.textContent()).replace(/\s+/g, " ").slice(0, 240));
  assert.match(await page.locator("#version-contenu").textContent(), new RegExp(`version ${V1}, livrée`));
  assert.equal(await page.locator(".contenu-maj").count(), 0);
  // The button says the same, and nothing else appears.
  await page.getByRole("button", { name: "Vérifier les mises à jour" }).click();
  await page.locator("#resultat-maj").filter({ hasText: "altéré" }).waitFor();
  assert.match(await page.locator("#resultat-maj").textContent(), /Le contenu actuel est conservé/);

  await fichePage(page, server.url);
  assert.equal(await page.getByText(MARK).count(), 0, "v1 shown");

  await w.stop();
  await server.stop();
  await browser.context.setOffline(true);
  await page.goto(server.url + FICHE_URL);
  await clientReady(page);
  await page.getByRole("heading", { level: 1 }).waitFor();
  assert.equal(await page.getByText(MARK).count(), 0, "v1 still shown offline");
  await browser.close();
});
