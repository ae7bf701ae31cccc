// Shared helpers of the end-to-end tests: start the real server, launch
// Debian's Chromium through playwright-core, record every request, wait for
// the WebAssembly client.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const serverBinary = join(root, "build/coulisses");

const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** freePort asks the kernel for an unused loopback port. */
export async function freePort() {
  const srv = net.createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  srv.close();
  await once(srv, "close");
  return port;
}

/**
 * startServer runs a Coulisses binary on a free port and resolves once it
 * prints its URL. Returns { url, port, stop }.
 */
export async function startServer(binary = serverBinary, { args = [], port, env = {} } = {}) {
  if (!existsSync(binary)) {
    throw new Error(`${binary} manquant : lancez « make build » d'abord`);
  }
  port = port || (await freePort());
  const proc = spawn(binary, args, {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise((resolveReady, reject) => {
    const onData = (d) => {
      output += d.toString();
      if (output.includes(`http://127.0.0.1:${port}`)) resolveReady();
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
    setTimeout(() => reject(new Error(`server not ready after 20 s: ${output}`)), 20000);
  });
  await ready;
  const stop = async () => {
    if (proc.exitCode !== null) return;
    proc.kill("SIGINT");
    await Promise.race([once(proc, "exit"), new Promise((r) => setTimeout(r, 5000))]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
  };
  return { url: `http://127.0.0.1:${port}`, port, stop, output: () => output, proc };
}

/**
 * launch starts Chromium with a fresh profile. Every request any page makes
 * is appended to `requests` (url, method, resourceType, fromServiceWorker).
 */
export async function launch({ viewport = { width: 1280, height: 900 }, acceptDownloads = true } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), "coulisses-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport,
    acceptDownloads,
    locale: "fr-FR",
    serviceWorkers: "allow",
  });
  const requests = [];
  const record = (req) =>
    requests.push({
      url: req.url(),
      method: req.method(),
      type: req.resourceType(),
      sw: !!req.serviceWorker?.(),
      at: Date.now(),
    });
  context.on("request", record);
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, requests, errors, close };
}

/** clientReady waits until the WebAssembly client has rendered the page. */
export async function clientReady(page, timeout = 30000) {
  await page.waitForFunction(() => document.documentElement.getAttribute("data-client") === "pret", null, { timeout });
}

/** controlled waits until a service worker controls the page. */
export async function controlled(page, timeout = 30000) {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout });
}

/** offHost returns the recorded requests that left 127.0.0.1. */
export function offHost(requests) {
  return requests.filter((r) => {
    try {
      const u = new URL(r.url);
      if (u.protocol === "data:" || u.protocol === "blob:") return false;
      return u.hostname !== "127.0.0.1";
    } catch {
      return true;
    }
  });
}

/** axeAudit injects axe-core and returns serious and critical violations. */
export async function axeAudit(page) {
  const source = join(root, "wasm/e2e/node_modules/axe-core/axe.min.js");
  // evaluate() is not subject to the page's Content-Security-Policy.
  await page.evaluate(readFileSync(source, "utf8"));
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** log prints a measurement line the closing notes can quote. */
export function report(label, value) {
  console.log(`# mesure : ${label} = ${value}`);
}
