// Coulisses engine (Go → WASM) under Node. Usage: node run-ours.mjs FILE RUNS
import fs from 'node:fs';
import { createEngine } from './engine-node.mjs';
import { timeIt, WEEKDAYS, canonWeekday, canonAge, canonTop, canonRepeat, report } from './common.mjs';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const eng = await createEngine();
const buf = fs.readFileSync(file);
// a large readFileSync Buffer owns its ArrayBuffer: use it without a copy
const ab = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
  ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
const steps = {};
const raw = {}; // every run, ms
const imp = await timeIt(runs, () => eng.call({ op: 'import', name: file, buffer: ab, options: {} }));
steps.import = imp.ms; raw.import = imp.all;
const rows = imp.out.report.rows;
const wk = await timeIt(runs, () => eng.call({ op: 'query', question: 'jour-achat' }));
steps.weekday = wk.ms; raw.weekday = wk.all;
const age = await timeIt(runs, () => eng.call({ op: 'query', question: 'jeunes-18-35', params: { min: 18, max: 35 } }));
steps.age = age.ms; raw.age = age.all;
const top = await timeIt(runs, () => eng.call({ op: 'query', question: 'top', params: { n: 10, where: { channel: 'Web', discipline: 'Théâtre' } } }));
steps.top = top.ms; raw.top = top.all;
const rep = await timeIt(runs, () => eng.call({ op: 'query', question: 'fidelite' }));
steps.repeat = rep.ms; raw.repeat = rep.all;

const t = wk.out.table;
const a = age.out.table;
const cols = top.out.rows.columns;
const io = cols.indexOf('N° commande'), ip = cols.indexOf('Prix');
report({
  engine: 'ours', rows, steps, raw,
  answers: {
    weekday: canonWeekday(t.keys.map((k, g) => ({ day: WEEKDAYS.indexOf(k), n: t.values[0][g], revenue: t.values[1][g] }))),
    age: canonAge(a.keys.map((k, g) => ({ discipline: k, share: a.values[0][g] }))),
    top: canonTop(top.out.rows.rows.map((r) => ({ order: r[io], price: r[ip] }))),
    repeat: canonRepeat({ customers: rep.out.value.customers, rate: rep.out.value.repeat_rate }),
  },
});
process.exit(0);
