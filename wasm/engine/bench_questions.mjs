// Times every guided question (and an exploration, an export and the
// shareable aggregates) on a large synthetic export, in the real engine
// (WebAssembly under Node). Usage:
//   make engine-wasm
//   go run ./sandbox/cmd/gendata -rows 1000000 -o /tmp/billetterie-1m.csv
//   node wasm/engine/bench_questions.mjs /tmp/billetterie-1m.csv [runs]
import fs from 'node:fs';
import { createEngine } from '../../sandbox/bench/engine-node.mjs';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const eng = await createEngine();
const buf = fs.readFileSync(file);
const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
let t = performance.now();
const imp = await eng.call({ op: 'import', name: file, buffer: ab, options: {} });
console.log(`import: ${imp.report.rows} rows in ${(performance.now() - t).toFixed(0)} ms`);

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(label, msg) {
  const ms = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await eng.call(msg);
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(28)} ${median(ms).toFixed(0).padStart(6)} ms  (${ms.map((m) => m.toFixed(0)).join(', ')})`);
  return out;
}
const results = {};
for (const slug of ['jour-achat', 'delai-achat', 'jeunes-18-35', 'origine', 'fidelite', 'panier', 'opt-in', 'rfm']) {
  const r = await time(slug, { op: 'question', slug });
  results[slug] = r.answer.sentence.slice(0, 60);
}
await time('origine par discipline', { op: 'question', slug: 'origine', params: { by: 'discipline' } });
await time('explore: season × discipline', { op: 'explore', recipe: { steps: [{ op: 'derive', kind: 'season' }, { op: 'pivot', by: [{ role: 'discipline' }], columns: { name: 'saison de représentation' }, aggs: [{ fn: 'sum', col: { role: 'price' } }] }] } });
await time('explore: filter + median', { op: 'explore', recipe: { steps: [{ op: 'filter', col: { role: 'channel' }, cmp: 'eq', values: ['Web'] }, { op: 'derive', kind: 'leadtime' }, { op: 'group', by: [{ role: 'discipline' }], aggs: [{ fn: 'median', col: { name: "délai d'achat" } }] }] } });
await time('export xlsx (panier)', { op: 'export', what: 'xlsx', source: 'panier' });
await time('aggregates (k = 10)', { op: 'export', what: 'aggregates', k: 10, venue: 'Bench' });
process.exit(0);
