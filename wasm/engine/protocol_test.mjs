// End-to-end check of the engine's Web Worker protocol (wasm/engine/main.go)
// under Node: every operation once, on a small fixture.
//   make engine-wasm && node wasm/engine/protocol_test.mjs
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../sandbox/bench/engine-node.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => {
  const b = fs.readFileSync(path.join(here, '../../sandbox/testdata', name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
const eng = await createEngine();
const call = (msg) => eng.call(msg);

let r = await call({ op: 'question', slug: 'jour-achat' }).catch((e) => e);
assert.equal(r.kind, 'no_data', 'question before import');

r = await call({ op: 'import', name: 'b.csv', buffer: fixture('questions_billetterie.csv'), options: {} });
assert.equal(r.type, 'report');
assert.equal(r.report.rows, 8);

r = await call({ op: 'preview', n: 3 });
assert.equal(r.type, 'table');
assert.equal(r.table.rows.length, 3);

r = await call({ op: 'questions' });
assert.equal(r.questions.length, 9);
assert.ok(r.questions.find((q) => q.slug === 'information').missing.length > 0);

r = await call({ op: 'question', slug: 'delai-achat', params: { by: 'discipline' } });
assert.equal(r.type, 'answer');
assert.match(r.answer.sentence, /10,5 jours/);

r = await call({ op: 'explore', recipe: { version: 1, steps: [{ op: 'derive', kind: 'weekday' }, { op: 'group', by: [{ name: "jour d'achat" }], aggs: [{ fn: 'count' }] }] } });
assert.equal(r.answer.tables[0].rows.length, 4);
assert.deepEqual(r.recipe.steps[0].from, [{ role: 'purchase_date', name: "Date d'achat" }]);

r = await call({ op: 'explore', recipe: { steps: [{ op: 'filter', col: { name: 'Nope' }, cmp: 'eq', values: ['x'] }] } }).catch((e) => e);
assert.equal(r.kind, 'recipe');
assert.match(r.message, /^Étape 1 : /);

r = await call({ op: 'personal' });
assert.ok(r.columns.some((c) => c.column === 'N° client'));

const key = Buffer.alloc(32, 7).toString('base64');
r = await call({ op: 'pseudonymise', columns: ['N° client'], key });
assert.equal(r.type, 'report');
const col = r.report.columns.find((c) => c.name === 'N° client');
assert.match(col.examples[0], /^ps_[a-z2-7]{16}$/);
r = await call({ op: 'question', slug: 'fidelite' });
assert.match(r.answer.sentence, /40\u202f% sont venus/);

r = await call({ op: 'drop', columns: ['Code postal'] });
assert.ok(!r.report.columns.some((c) => c.name === 'Code postal'));
r = await call({ op: 'reset' });
assert.ok(r.report.columns.some((c) => c.name === 'Code postal'));

for (const what of ['csv', 'xlsx']) {
  r = await call({ op: 'export', what, source: 'panier' });
  assert.equal(r.type, 'file');
  assert.ok(r.buffer.byteLength > 100, what);
}
r = await call({ op: 'export', what: 'csv', source: { steps: [] } });
assert.match(new TextDecoder('utf-8', { ignoreBOM: true }).decode(r.buffer), /^\uFEFFN° commande;/);

r = await call({ op: 'export', what: 'xlsx', source: { recipe: { steps: [{ op: 'group', by: [{ role: 'discipline' }] }] } } });
assert.equal(r.name, 'coulisses-exploration.xlsx');

r = await call({ op: 'export', what: 'aggregates', k: 2, venue: 'Théâtre A' });
assert.equal(r.name, 'coulisses-agregats-theatre-a.csv');
assert.ok(r.answer.tables.length > 0);
const agg = r.buffer;
r = await call({ op: 'peers', files: [agg, agg.slice(0), agg.slice(0)], names: ['a.csv', 'b.csv', 'c.csv'] });
assert.equal(r.type, 'answer');
r = await call({ op: 'peers', files: [new TextEncoder().encode('nope').buffer], names: ['x.csv'] }).catch((e) => e);
assert.equal(r.kind, 'peers_file');

r = await call({ op: 'query', question: 'jour-achat' });
assert.equal(r.type, 'result');
console.log('protocol ok');
process.exit(0);
