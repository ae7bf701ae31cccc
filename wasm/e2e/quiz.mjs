// Helpers to answer quizzes in the page, using the shipped content as the
// oracle: the bundle served at /web/content.bundle holds every quiz.

/** contentFiles reads the content bundle into { path: text }. */
export async function contentFiles(baseURL) {
  const res = await fetch(baseURL + "/web/content.bundle");
  const buf = Buffer.from(await res.arrayBuffer());
  const files = {};
  let pos = buf.indexOf(10) + 1; // after the magic line
  while (pos < buf.length) {
    const nl1 = buf.indexOf(10, pos);
    const name = buf.subarray(pos, nl1).toString();
    const nl2 = buf.indexOf(10, nl1 + 1);
    const size = parseInt(buf.subarray(nl1 + 1, nl2).toString(), 10);
    files[name] = buf.subarray(nl2 + 1, nl2 + 1 + size).toString();
    pos = nl2 + 1 + size + 1;
  }
  return files;
}

/** quizOf returns the parsed quiz of a fiche id. */
export function quizOf(files, id) {
  return JSON.parse(files[`quiz/${id}.yaml`]);
}

/**
 * answer fills a QuizForm: rightly when `right` is true, otherwise with a
 * wrong option wherever one exists. prefix is the form's IDPrefix.
 */
export async function answer(page, prefix, quiz, right = true) {
  for (const q of quiz.questions) {
    const base = `#${prefix}q-${domID(q.id)}`;
    if (q.type === "ordre") {
      if (right) await reorder(page, base, q.options.map((o) => o.text));
      continue;
    }
    const correct = q.options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0);
    let pick = correct;
    if (!right) {
      const wrong = q.options.findIndex((o) => !o.correct);
      pick = [wrong];
    }
    for (const i of pick) {
      await page.locator(`${base}-o${i}`).check();
    }
  }
}

async function reorder(page, base, want) {
  for (let guard = 0; guard < 50; guard++) {
    const items = await page.locator(`${base} .ordre li .option-texte`).allTextContents();
    const norm = (s) => s.replace(/[«»"'’]/g, "").replace(/[\s\u00a0\u202f]+/g, " ").trim();
    const cur = items.map(norm);
    const target = want.map((t) => norm(t));
    const firstWrong = cur.findIndex((t, i) => t !== target[i]);
    if (firstWrong < 0) return;
    const from = cur.indexOf(target[firstWrong]);
    if (from < 0) throw new Error(`option « ${target[firstWrong]} » not found in ${JSON.stringify(cur)}`);
    await page.locator(`${base} .ordre li`).nth(from).getByRole("button", { name: /^Monter/ }).click();
    // Wait for the client to re-render the list.
    await page.waitForFunction(
      ([sel, before]) => [...document.querySelectorAll(sel)].map((e) => e.textContent).join("|") !== before,
      [`${base} .ordre li .option-texte`, items.join("|")]
    );
  }
  throw new Error("could not reorder " + base);
}

// domID mirrors app.domID: content ids made safe for element ids.
function domID(s) {
  return s.replace(/[^a-zA-Z0-9_-]/g, "-");
}
