// DuckDB-WASM 1.32.0 (node blocking build). Usage: node run-duckdb.mjs FILE RUNS
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { timeIt, canonWeekday, canonAge, canonTop, canonRepeat, report } from './common.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const bundles = {
  mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
  eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
};
const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
await db.instantiate();
const conn = db.connect();
const q = (sql) => conn.query(sql).toArray().map((r) => r.toJSON());
const data = new Uint8Array(fs.readFileSync(file));

const steps = {};
const raw = {}; // every run, ms
const imp = await timeIt(runs, () => {
  try { conn.query('DROP TABLE IF EXISTS t'); db.dropFile('data.csv'); } catch {}
  db.registerFileBuffer('data.csv', data.slice());
  conn.query(`CREATE TABLE t AS SELECT * FROM read_csv('data.csv', delim=';', header=true, quote='"',
    decimal_separator=',', timestampformat='%d/%m/%Y %H:%M', types={'Code postal': 'VARCHAR'})`);
  return q('SELECT count(*)::INTEGER AS n FROM t')[0].n;
});
steps.import = imp.ms; raw.import = imp.all;
const wk = await timeIt(runs, () => q(`SELECT (isodow("Date d'achat") - 1)::INTEGER AS day, count(*)::INTEGER AS n, sum("Prix")::DOUBLE AS revenue FROM t GROUP BY 1`));
steps.weekday = wk.ms; raw.weekday = wk.all;
const age = await timeIt(runs, () => q(`SELECT "Discipline" AS discipline,
    avg(CASE WHEN year("Date de représentation") - "Année de naissance" BETWEEN 18 AND 35 THEN 1.0 ELSE 0.0 END)
      FILTER (WHERE "Année de naissance" IS NOT NULL)::DOUBLE AS share FROM t GROUP BY 1`));
steps.age = age.ms; raw.age = age.all;
const top = await timeIt(runs, () => q(`SELECT "N° commande"::VARCHAR AS "order", "Prix"::DOUBLE AS price FROM t
    WHERE "Canal" = 'Web' AND "Discipline" = 'Théâtre' ORDER BY "Prix" DESC, "N° commande" ASC LIMIT 10`));
steps.top = top.ms; raw.top = top.all;
const rep = await timeIt(runs, () => q(`WITH c AS (SELECT "N° client", count(DISTINCT "N° commande") AS n FROM t GROUP BY 1)
    SELECT count(*)::INTEGER AS customers, avg(CASE WHEN n > 1 THEN 1.0 ELSE 0.0 END)::DOUBLE AS rate FROM c`)[0]);
steps.repeat = rep.ms; raw.repeat = rep.all;
report({
  engine: 'duckdb', rows: imp.out, steps, raw,
  answers: { weekday: canonWeekday(wk.out), age: canonAge(age.out), top: canonTop(top.out), repeat: canonRepeat(rep.out) },
});
process.exit(0);
