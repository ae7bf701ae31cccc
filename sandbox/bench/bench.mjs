// make bench: our engine (Go → WASM, the same engine.wasm as the browser
// worker) vs DuckDB-WASM 1.32.0 vs Arquero 8.0.3 under Node, on the
// deterministic synthetic export at each row count.
//
// The machine may be shared and noisy, so the engines run interleaved:
// ROUNDS rounds, each starting one Node process per engine (in a rotating
// order); each process imports and runs every step REPS times and keeps the
// median. A step's figure is the median over the rounds of those medians;
// its ratio is the median over the rounds of ours/DuckDB measured in the
// same round, with the range (min–max) showing how stable it is. Peak memory
// is each process's max RSS (median and max over the rounds). Answers are
// checked to be identical.
//
// Usage: node bench.mjs [rows,rows…] [rounds] [reps]   (default 100000,1000000, 3 and 3)
// Env: BENCH_ENGINES=ours,duckdb (default: all three), ENGINE_WASM=path (ours).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const sizes = (process.argv[2] || '100000,1000000').split(',').map(Number);
const rounds = Number(process.argv[3] || 3);
const reps = Number(process.argv[4] || 3);
const engines = (process.env.BENCH_ENGINES || 'ours,duckdb,arquero').split(',');
const stepNames = ['import', 'weekday', 'age', 'top', 'repeat'];
const targets = { import: 1, weekday: 0.5, age: 0.5, top: 0.5, repeat: 1 };
const dataDir = path.join(here, 'data');
fs.mkdirSync(dataDir, { recursive: true });

function gzipSize(file) {
  return Number(execFileSync('sh', ['-c', `gzip -9 -c '${file}' | wc -c`]).toString().trim());
}
const round1 = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

let last;
for (const rows of sizes) {
  const file = path.join(dataDir, `billetterie-${rows}.csv`);
  if (!fs.existsSync(file)) {
    execFileSync('go', ['run', './sandbox/cmd/gendata', '-rows', String(rows), '-o', file], { cwd: root, stdio: 'inherit' });
  }
  const fileMB = fs.statSync(file).size / 1e6;
  const runs = Object.fromEntries(engines.map((e) => [e, []])); // per engine, one result per round
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < engines.length; k++) {
      const e = engines[(k + r) % engines.length];
      const out = execFileSync('node', ['--max-old-space-size=8192', path.join(here, `run-${e}.mjs`), file, String(reps)],
        { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 64 << 20 }).toString().trim().split('\n').pop();
      runs[e].push(JSON.parse(out));
    }
  }
  // same answers?
  const ref = JSON.stringify(runs[engines[0]][0].answers);
  let differ = false;
  for (const e of engines) {
    for (const res of runs[e]) {
      if (JSON.stringify(res.answers) !== ref) {
        differ = true;
        console.error(`ANSWERS DIFFER: ${e} vs ${engines[0]} at ${rows} rows`);
        console.error(JSON.stringify(res.answers), '\n', ref);
        process.exitCode = 1;
      }
    }
  }
  const agg = {};
  for (const e of engines) {
    agg[e] = { steps: {}, range: {}, peak: median(runs[e].map((x) => x.peak_mb)), peakMax: Math.max(...runs[e].map((x) => x.peak_mb)) };
    for (const s of stepNames) {
      const xs = runs[e].map((x) => x.steps[s]);
      agg[e].steps[s] = median(xs);
      agg[e].range[s] = [Math.min(...xs), Math.max(...xs)];
    }
  }
  const ratio = {};
  if (runs.ours && runs.duckdb) {
    for (const s of stepNames) {
      const rs = runs.ours.map((x, i) => x.steps[s] / runs.duckdb[i].steps[s]);
      ratio[s] = { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) };
    }
  }
  const fmt = (e, s) => (agg[e] ? `${agg[e].steps[s].toFixed(0)} (${agg[e].range[s][0].toFixed(0)}–${agg[e].range[s][1].toFixed(0)})` : '-');
  console.log(`\n${rows.toLocaleString('fr-FR')} rows, ${fileMB.toFixed(1)} MB — ${rounds} interleaved rounds × ${reps} runs; ms, median (min–max of the rounds' medians)`);
  console.log('step     ours                DuckDB-WASM         Arquero               ours/DuckDB (range)   target');
  for (const s of stepNames) {
    const rt = ratio[s];
    const rtxt = rt ? `${rt.median.toFixed(2)} (${rt.min.toFixed(2)}–${rt.max.toFixed(2)})` : '-';
    const ok = rt ? (rt.median <= targets[s] ? 'ok' : 'MISSED') : '';
    console.log(`${s.padEnd(8)} ${fmt('ours', s).padEnd(19)} ${fmt('duckdb', s).padEnd(19)} ${fmt('arquero', s).padEnd(21)} ${rtxt.padEnd(21)} ≤ ${targets[s]}× ${ok}`);
  }
  const pk = (e) => (agg[e] ? `${agg[e].peak} (max ${agg[e].peakMax})` : '-');
  if (agg.ours) {
    console.log(`peak MB  ${pk('ours').padEnd(19)} ${pk('duckdb').padEnd(19)} ${pk('arquero').padEnd(21)} ours/file ${(agg.ours.peak / fileMB).toFixed(2)} (max ${(agg.ours.peakMax / fileMB).toFixed(2)}; target ≤ 2.5)`);
  }
  console.log(`answers  ${differ ? 'DIFFER' : `identical across ${engines.join(', ')} in every round`}`);
  last = { rows, fileMB, agg, ratio };
}
const wasm = process.env.ENGINE_WASM || path.join(root, 'wasm/app/web/engine.wasm');
const steps = {};
for (const s of stepNames) {
  steps[s] = {};
  for (const e of engines) steps[s][`${e}_ms`] = round1(last.agg[e].steps[s]);
  if (last.ratio[s]) steps[s].ratio = round2(last.ratio[s].median), steps[s].ratio_range = [round2(last.ratio[s].min), round2(last.ratio[s].max)];
}
const gz = gzipSize(wasm);
console.log(`\nengine.wasm: ${fs.statSync(wasm).size} bytes, ${gz} gzip (limit 1.5 MB)`);
console.log(JSON.stringify({
  rows: last.rows, file_mb: round1(last.fileMB), rounds, reps, wasm_gzip_bytes: gz, steps,
  peak_mb: Object.fromEntries(engines.map((e) => [e, last.agg[e].peak])),
  peak_over_file: last.agg.ours ? round2(last.agg.ours.peak / last.fileMB) : undefined,
}));
