// Web Worker bootstrap of the Coulisses data engine (wasm/engine, Go →
// WebAssembly). The page creates it with new Worker('/web/engine-worker.js')
// and talks to it with the message protocol documented in
// wasm/engine/main.go. Messages that arrive before the engine is ready are
// queued. To cancel an import, the page terminates the worker.
// Paths relative to this script, so the app also works under a sub-path.
importScripts('../wasm_exec.js'); // served at the app's root by go-app

const queue = [];
self.onmessage = (e) => queue.push(e);

const go = new Go();
const load = WebAssembly.instantiateStreaming
  ? WebAssembly.instantiateStreaming(fetch('engine.wasm'), go.importObject)
  : fetch('engine.wasm').then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject));

load.then((r) => {
  go.run(r.instance); // main() replaces self.onmessage and posts {type:"ready"}
  for (const e of queue.splice(0)) self.onmessage(e);
}).catch((err) => {
  self.postMessage({ type: 'error', kind: 'engine', message: "Le moteur d'analyse n'a pas pu démarrer : " + err + '. Rechargez la page.' });
});
