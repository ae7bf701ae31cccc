// make bench: our engine (Go → WASM, the same engine.wasm as the browser
// worker) vs DuckDB-WASM 1.32.0 vs Arquero 8.0.3 under Node, on the
// deterministic synthetic export at each row count. Each engine runs in its
// own Node process (peak memory = that process's max RSS); each step is the
// median of RUNS runs; answers are checked to be identical.
// Usage: node bench.mjs [rows,rows…] [runs]   (default 100000,1000000 and 3)
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const sizes = (process.argv[2] || '100000,1000000').split(',').map(Number);
const runs = Number(process.argv[3] || 3);
const engines = ['ours', 'duckdb', 'arquero'];
const stepNames = ['import', 'weekday', 'age', 'top', 'repeat'];
const dataDir = path.join(here, 'data');
fs.mkdirSync(dataDir, { recursive: true });

function gzipSize(file) {
  return Number(execFileSync('sh', ['-c', `gzip -9 -c '${file}' | wc -c`]).toString().trim());
}

let last;
for (const rows of sizes) {
  const file = path.join(dataDir, `billetterie-${rows}.csv`);
  if (!fs.existsSync(file)) {
    execFileSync('go', ['run', './sandbox/cmd/gendata', '-rows', String(rows), '-o', file], { cwd: root, stdio: 'inherit' });
  }
  const fileMB = fs.statSync(file).size / 1e6;
  const res = {};
  for (const e of engines) {
    const out = execFileSync('node', ['--max-old-space-size=8192', path.join(here, `run-${e}.mjs`), file, String(runs)],
      { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 64 << 20 }).toString().trim().split('\n').pop();
    res[e] = JSON.parse(out);
  }
  // same answers?
  const ref = JSON.stringify(res.ours.answers);
  for (const e of engines) {
    if (JSON.stringify(res[e].answers) !== ref) {
      console.error(`ANSWERS DIFFER: ${e} vs ours at ${rows} rows`);
      console.error(JSON.stringify(res[e].answers), '\n', ref);
      process.exitCode = 1;
    }
  }
  console.log(`\n${rows.toLocaleString('fr-FR')} rows, ${fileMB.toFixed(1)} MB — median of ${runs} runs, ms (ratio ours/DuckDB)`);
  console.log('step      ours        DuckDB-WASM  Arquero     ours/DuckDB  target');
  const targets = { import: 1, weekday: 0.5, age: 0.5, top: 0.5, repeat: 1 };
  for (const s of stepNames) {
    const o = res.ours.steps[s], d = res.duckdb.steps[s], a = res.arquero.steps[s];
    const r = o / d;
    console.log(`${s.padEnd(9)} ${o.toFixed(0).padStart(8)}  ${d.toFixed(0).padStart(11)}  ${a.toFixed(0).padStart(9)}  ${r.toFixed(2).padStart(11)}  ≤ ${targets[s]}× ${r <= targets[s] ? 'ok' : 'MISSED'}`);
  }
  console.log(`peak MB   ${String(res.ours.peak_mb).padStart(8)}  ${String(res.duckdb.peak_mb).padStart(11)}  ${String(res.arquero.peak_mb).padStart(9)}  ours/file ${(res.ours.peak_mb / fileMB).toFixed(2)} (target ≤ 2.5)`);
  console.log(`answers   ${process.exitCode ? 'DIFFER' : 'identical across the three engines'}`);
  last = { rows, fileMB, res };
}
const wasm = path.join(root, 'wasm/app/web/engine.wasm');
const round = (x) => Math.round(x * 10) / 10;
const steps = {};
for (const s of stepNames) {
  steps[s] = { ours_ms: round(last.res.ours.steps[s]), duckdb_ms: round(last.res.duckdb.steps[s]), arquero_ms: round(last.res.arquero.steps[s]) };
}
console.log(`\nengine.wasm: ${fs.statSync(wasm).size} bytes, ${gzipSize(wasm)} gzip`);
console.log(JSON.stringify({
  rows: last.rows, file_mb: round(last.fileMB), wasm_gzip_bytes: gzipSize(wasm), steps,
  peak_mb: { ours: last.res.ours.peak_mb, duckdb: last.res.duckdb.peak_mb, arquero: last.res.arquero.peak_mb },
}));
