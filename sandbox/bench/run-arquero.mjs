// Arquero 8.0.3 (flechette pinned to 2.6.0). Usage: node run-arquero.mjs FILE RUNS
import fs from 'node:fs';
import * as aq from 'arquero';
import { timeIt, canonWeekday, canonAge, canonTop, canonRepeat, report } from './common.mjs';

const { op } = aq;
const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const bytes = fs.readFileSync(file);

// dd/mm/yyyy HH:MM → Date (UTC)
const parseDT = (s) => s ? new Date(Date.UTC(+s.slice(6, 10), +s.slice(3, 5) - 1, +s.slice(0, 2), +s.slice(11, 13), +s.slice(14, 16))) : null;
const steps = {};
const raw = {}; // every run, ms
let dt;
const imp = await timeIt(runs, () => {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  dt = aq.fromCSV(text, {
    delimiter: ';', decimal: ',',
    parse: { "Date d'achat": parseDT, 'Date de représentation': parseDT, 'Code postal': String, 'N° commande': String, 'N° client': String },
  });
  return dt.numRows();
});
steps.import = imp.ms; raw.import = imp.all;
const wk = await timeIt(runs, () => dt
  .derive({ day: aq.escape((d) => (d["Date d'achat"].getUTCDay() + 6) % 7) })
  .groupby('day').rollup({ n: op.count(), revenue: op.sum('Prix') }).objects());
steps.weekday = wk.ms; raw.weekday = wk.all;
const age = await timeIt(runs, () => dt
  .filter(aq.escape((d) => d['Année de naissance'] != null))
  .derive({ young: aq.escape((d) => { const a = d['Date de représentation'].getUTCFullYear() - d['Année de naissance']; return a >= 18 && a <= 35 ? 1 : 0; }) })
  .groupby({ discipline: aq.escape((d) => d.Discipline) }).rollup({ share: op.mean('young') }).objects());
steps.age = age.ms; raw.age = age.all;
const top = await timeIt(runs, () => dt
  .filter(aq.escape((d) => d.Canal === 'Web' && d.Discipline === 'Théâtre'))
  .orderby(aq.desc('Prix'), 'N° commande').slice(0, 10)
  .select({ 'N° commande': 'order', Prix: 'price' }).objects());
steps.top = top.ms; raw.top = top.all;
const rep = await timeIt(runs, () => dt
  .groupby('N° client').rollup({ n: op.distinct('N° commande') })
  .derive({ r: aq.escape((d) => (d.n > 1 ? 1 : 0)) })
  .rollup({ customers: op.count(), rate: op.mean('r') }).objects()[0]);
steps.repeat = rep.ms; raw.repeat = rep.all;
report({
  engine: 'arquero', rows: imp.out, steps, raw,
  answers: { weekday: canonWeekday(wk.out), age: canonAge(age.out), top: canonTop(top.out), repeat: canonRepeat(rep.out) },
});
process.exit(0);
