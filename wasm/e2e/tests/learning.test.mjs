// Issue 4 — the learning journey, from first visit to a completed path,
// offline: positioning test, recommended path, quizzes with explanations,
// progress kept across reloads, export → wipe → import, attestation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startServer, launch, clientReady, controlled, offHost } from "../lib.mjs";
import { contentFiles, quizOf, answer } from "../quiz.mjs";

let server, browser, page, files, essentials;

before(async () => {
  server = await startServer();
  files = await contentFiles(server.url);
  const paths = JSON.parse(files["parcours.yaml"]);
  essentials = paths.find((p) => p.slug === "essentiels").fiches;
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(server.url + "/");
  await clientReady(page);
  await controlled(page);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).active.state);
  // From here on, everything happens offline.
  await server.stop();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("positioning test gives a profile and recommends a path", async () => {
  await page.getByRole("link", { name: "Faire le test de positionnement" }).click();
  await page.getByRole("heading", { level: 1, name: "Test de positionnement" }).waitFor();
  await page.getByRole("button", { name: "Commencer le test" }).click();
  await page.getByRole("alert").filter({ hasText: "Choisissez votre métier" }).waitFor();
  await page.getByLabel("Billetterie").check();
  await page.getByRole("button", { name: "Commencer le test" }).click();
  const test = JSON.parse(files["positionnement.yaml"]);
  // A beginner: every answer wrong.
  await answer(page, "pos-", test, false);
  await page.getByRole("button", { name: "Voir mon profil" }).click();
  const profile = page.locator(".profil");
  await profile.getByRole("heading", { name: "Votre profil" }).waitFor();
  const rows = await profile.locator(".tableau-profil tbody tr").count();
  assert.equal(rows, 9, "a level for each of the 9 competences");
  assert.match(await profile.locator(".tableau-profil").textContent(), /Découverte/);
  const recommended = profile.locator(".conseil a");
  assert.equal(await recommended.textContent(), JSON.parse(files["parcours.yaml"]).find((p) => p.slug === "essentiels").title);
  await profile.getByRole("button", { name: "Suivre ce parcours" }).click();
  await profile.getByRole("button", { name: /Parcours suivi/ }).waitFor();
  // The result is kept with its date.
  await page.locator(".historique li").first().waitFor();
  assert.match(await page.locator(".historique li").first().textContent(), /\d{1,2}\s\S+\s20\d\d — 0\s%/);
});

test("a quiz answered wrongly, then rightly, with explanations", async () => {
  await page.goto(server.url + "/");
  await clientReady(page);
  await page.locator("#reprendre").click();
  const first = essentials[0];
  await page.getByRole("heading", { level: 2, name: "Vérifiez vos acquis" }).waitFor();
  const quiz = quizOf(files, first);
  await answer(page, "fq-", quiz, false);
  await page.getByRole("button", { name: "Valider mes réponses" }).click();
  const verdict = page.locator(".quiz-fiche .verdict");
  await verdict.waitFor();
  assert.match(await verdict.textContent(), /Quiz non réussi/);
  // Every option carries its explanation once answered.
  const options = quiz.questions.reduce((n, q) => n + q.options.length, 0);
  assert.equal(await page.locator(".quiz-fiche .explication").count(), options);
  await page.getByRole("button", { name: "Recommencer" }).click();
  await answer(page, "fq-", quiz, true);
  await page.getByRole("button", { name: "Valider mes réponses" }).click();
  await page.locator(".quiz-fiche .verdict.reussi").waitFor();
  assert.match(await page.locator(".quiz-fiche .verdict").textContent(), /100\s%/);
  await page.locator("#marquer-lue").filter({ hasText: "Lue ✓" }).waitFor();
  // Bookmark and note.
  await page.locator("#favori").click();
  await page.locator("#note-fiche").fill("À présenter à l'équipe lundi.");
  await page.locator("#note-fiche").blur();
  await page.getByText("Note enregistrée").waitFor();
});

test("the rest of the path, then progress survives an offline reload", async () => {
  for (const id of essentials.slice(1)) {
    await page.goto(server.url + "/parcours/essentiels");
    await clientReady(page);
    await page.locator("#reprendre-parcours").click();
    await page.getByRole("heading", { level: 2, name: "Vérifiez vos acquis" }).waitFor();
    await answer(page, "fq-", quizOf(files, id), true);
    await page.getByRole("button", { name: "Valider mes réponses" }).click();
    await page.locator(".quiz-fiche .verdict.reussi").waitFor();
  }
  await page.goto(server.url + "/parcours/essentiels");
  await clientReady(page);
  const total = essentials.length;
  await page.getByText(`${total} fiches faites sur ${total}`).first().waitFor();
  await page.reload();
  await clientReady(page);
  await page.getByText(`${total} fiches faites sur ${total}`).first().waitFor();
  await page.getByRole("link", { name: "Imprimer mon attestation" }).waitFor();
});

test("export, wipe, import: the same state comes back", async () => {
  await page.goto(server.url + "/progression");
  await clientReady(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#exporter").click()]);
  assert.match(download.suggestedFilename(), /^coulisses-progression-\d{4}-\d\d-\d\d\.json$/);
  const exported = readFileSync(await download.path(), "utf8");
  const before = JSON.parse(exported);
  assert.equal(Object.values(before.fiches).filter((f) => f.lue).length, essentials.length);

  // A wrong file is refused and changes nothing.
  await page.locator("#importer").setInputFiles({ name: "autre.json", mimeType: "application/json", buffer: Buffer.from('{"name":"x"}') });
  await page.getByText("n'est pas une sauvegarde de progression Coulisses").waitFor();
  await page.locator("#importer").setInputFiles({ name: "futur.json", mimeType: "application/json", buffer: Buffer.from('{"schema":99,"type":"coulisses-progression"}') });
  await page.getByText("version plus récente de Coulisses").waitFor();
  await page.locator("#importer").setInputFiles({ name: "casse.json", mimeType: "application/json", buffer: Buffer.from(exported.slice(0, 200)) });
  await page.getByText("JSON invalide ou fichier tronqué").waitFor();

  await page.locator("#tout-effacer").click();
  await page.locator("#confirmer-effacement").click();
  await page.getByText("Tout a été effacé de cet appareil.").waitFor();
  await page.goto(server.url + "/parcours/essentiels");
  await clientReady(page);
  await page.getByText(`0 fiche faite sur ${essentials.length}`).first().waitFor();

  await page.goto(server.url + "/progression");
  await clientReady(page);
  await page.locator("#importer").setInputFiles({ name: "sauvegarde.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await page.getByText("Progression importée").waitFor();
  const [again] = await Promise.all([page.waitForEvent("download"), page.locator("#exporter").click()]);
  const after = JSON.parse(readFileSync(await again.path(), "utf8"));
  delete before.mis_a_jour;
  delete after.mis_a_jour;
  assert.deepEqual(after, before);
  await page.reload();
  await clientReady(page);
  assert.match(await page.locator(".chapo").textContent(), new RegExp(`${essentials.length} fiches lues`));
});

test("a printable attestation for the completed path", async () => {
  await page.goto(server.url + "/parcours/essentiels/attestation");
  await clientReady(page);
  assert.equal(await page.locator("#imprimer").isDisabled(), true, "a name is needed first");
  await page.getByLabel("Nom et prénom").fill("Camille Martin");
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await page.locator("#imprimer").click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#nom-attestation").isVisible(), false);
  const sheet = page.locator(".attestation");
  assert.match(await sheet.textContent(), /Camille Martin a suivi le parcours « Les essentiels »/);
  assert.equal(await sheet.locator("tbody tr").count(), essentials.length);
  await page.pdf({ format: "A4", path: "artifacts/attestation.pdf" });
  await page.emulateMedia({ media: "screen" });
});

test("nothing left 127.0.0.1", () => {
  assert.deepEqual(offHost(browser.requests), []);
  assert.deepEqual(browser.errors, []);
});
