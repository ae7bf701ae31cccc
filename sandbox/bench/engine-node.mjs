// Loads the browser engine (wasm/app/web/engine.wasm, built by
// `make engine-wasm`) in Node with a tiny Web Worker shim: the Go program
// sets self.onmessage and calls self.postMessage exactly as in the worker,
// so the bench measures the real thing.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// ENGINE_WASM overrides the path (profiling builds, size experiments).
export const wasmPath = process.env.ENGINE_WASM || path.resolve(here, '../../wasm/app/web/engine.wasm');

export async function createEngine() {
  const goroot = execFileSync('go', ['env', 'GOROOT']).toString().trim();
  globalThis.self = globalThis;
  await import(path.join(goroot, 'lib/wasm/wasm_exec.js')); // defines globalThis.Go
  const pending = new Map();
  let ready;
  const readyP = new Promise((r) => (ready = r));
  globalThis.postMessage = (msg) => {
    if (msg.type === 'ready') return ready();
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') return p.progress && p.progress(msg);
    pending.delete(msg.id);
    if (msg.type === 'error') p.reject(Object.assign(new Error(msg.message), msg));
    else p.resolve(msg);
  };
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), go.importObject);
  go.run(instance);
  await readyP;
  let next = 1;
  return {
    // memory is the engine's linear memory (its size never shrinks).
    memory: instance.exports.mem,
    // call posts a message to the engine and resolves with its result.
    call(msg, progress) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, progress });
        globalThis.onmessage({ data: { ...msg, id } });
      });
    },
  };
}
