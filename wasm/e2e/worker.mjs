// Helpers of the content-update end-to-end tests: sign content with a
// throwaway key (worker/cmd/publish), build a copy of the real worker
// embedding that bundle, and run it under `wrangler dev` (workerd, offline),
// started and stopped by process group.
import { spawn, execFile } from "node:child_process";
import { once } from "node:events";
import { promisify } from "node:util";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { root, freePort } from "./lib.mjs";

const run = promisify(execFile);
export const wrangler = join(root, "worker/node_modules/.bin/wrangler");
const goEnv = { ...process.env, GOFLAGS: "-buildvcs=false" };

/** go runs the go command in the repository. */
async function go(args, env = {}) {
  try {
    return (await run("go", args, { cwd: root, env: { ...goEnv, ...env }, maxBuffer: 16 << 20 })).stdout;
  } catch (e) {
    throw new Error(`go ${args.join(" ")}: ${e.stderr || e.message}`);
  }
}

/**
 * workspace makes the scratch directories: one outside the git work tree
 * (keys: publish refuses a key inside one), one under build/ (the worker
 * copies are Go packages of this module). remove() deletes both.
 */
export async function workspace() {
  const outside = mkdtempSync(join(tmpdir(), "coulisses-maj-"));
  const inside = join(root, "build", "e2e-maj-" + process.pid + "-" + Date.now().toString(36));
  mkdirSync(inside, { recursive: true });
  const publish = join(outside, "publish");
  await go(["build", "-o", publish, "./worker/cmd/publish"]);
  const keyFile = join(outside, "signing.key");
  await run(publish, ["-genkey", "-o", keyFile]);
  const publicKey = (await run(publish, ["-pubkey", "-key", keyFile])).stdout.trim();
  return {
    outside,
    inside,
    publicKey,
    /** publishContent signs dir as version; returns the bundle directory. */
    async publishContent(dir, version, changelog = []) {
      const out = join(outside, `bundle-${version}-${Math.random().toString(36).slice(2, 7)}`);
      const args = ["-content", dir, "-out", out, "-key", keyFile, "-version", String(version)];
      for (const line of changelog) args.push("-changelog", line);
      await run(publish, args);
      return out;
    },
    remove() {
      rmSync(outside, { recursive: true, force: true });
      if (!process.env.COULISSES_E2E_KEEP) rmSync(inside, { recursive: true, force: true });
    },
  };
}

/** writeContent writes { path: text } as a content directory. */
export function writeContent(dir, files) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** bundleFile returns the path of a file of a published bundle, by content path. */
export function bundleFile(bundleDir, path) {
  const env = JSON.parse(readFileSync(join(bundleDir, "manifest.json"), "utf8"));
  const m = JSON.parse(Buffer.from(env.payload, "base64").toString());
  const f = m.files.find((x) => x.path === path);
  if (!f) throw new Error(`${path} not in ${bundleDir}`);
  return join(bundleDir, "files", f.sha256);
}

/**
 * buildWorker compiles the real worker (worker/main.go, worker/handler)
 * with bundleDir embedded, into a directory wrangler can serve.
 */
export async function buildWorker(ws, bundleDir, name) {
  const pkg = join(ws.inside, "pkg-" + name);
  mkdirSync(pkg, { recursive: true });
  cpSync(join(root, "worker/main.go"), join(pkg, "main.go"));
  cpSync(bundleDir, join(pkg, "bundle"), { recursive: true });
  const dir = join(ws.inside, "worker-" + name);
  mkdirSync(join(dir, "build"), { recursive: true });
  await go(["tool", "workers-assets-gen", "-mode=go", "-o", join(dir, "build")]);
  const rel = "./" + pkg.slice(root.length + 1);
  await go(["build", "-trimpath", "-ldflags=-s -w", "-o", join(dir, "build/app.wasm"), rel], { GOOS: "js", GOARCH: "wasm" });
  cpSync(join(root, "worker/wrangler.toml"), join(dir, "wrangler.toml"));
  return dir;
}

const running = new Set();
process.on("exit", () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
});

/**
 * startWorker serves a built worker under `wrangler dev` on 127.0.0.1:port
 * (a free one if not given), allowing the app origin (CORS). It resolves
 * once the manifest answers 200. Returns { url, port, stop, log }.
 */
export async function startWorker(dir, { port, appOrigin }) {
  if (!existsSync(wrangler)) {
    throw new Error(`${wrangler} manquant : cd worker && npm ci (ou make worker-npm)`);
  }
  port = port || (await freePort());
  const proc = spawn(
    wrangler,
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false", "--var", `ALLOWED_ORIGINS:${appOrigin}`],
    {
      cwd: dir,
      detached: true, // its own process group: wrangler, workerd, esbuild
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    }
  );
  running.add(proc.pid);
  let log = "";
  proc.stdout.on("data", (d) => (log += d));
  proc.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  const stop = async () => {
    if (!running.has(proc.pid)) return;
    try {
      process.kill(-proc.pid, "SIGTERM");
    } catch {}
    if (proc.exitCode === null && proc.signalCode === null) {
      await Promise.race([once(proc, "exit"), new Promise((r) => setTimeout(r, 5000))]);
    }
    await new Promise((r) => setTimeout(r, 200));
    try {
      process.kill(-proc.pid, "SIGKILL"); // whatever is left of the group
    } catch {}
    running.delete(proc.pid);
    // The port must be free again before another worker takes it.
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(url + "/v1/manifest.json", { signal: AbortSignal.timeout(300) });
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`port ${port} still answers after stopping wrangler`);
  };
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`wrangler exited (${proc.exitCode}):\n${log}`);
    if (Date.now() - t0 > 90000) {
      await stop();
      throw new Error(`wrangler dev: no 200 within 90 s:\n${log}`);
    }
    try {
      const res = await fetch(url + "/v1/manifest.json", { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, port, stop, log: () => log, startedIn: Date.now() - t0 };
}

/** servedFiles lists what a bundle directory holds (for debugging). */
export function servedFiles(bundleDir) {
  return readdirSync(join(bundleDir, "files"));
}
