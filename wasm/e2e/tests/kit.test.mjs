// Issue 8 — the trainer kit: the Linux amd64 USB launcher run from a
// read-only copy of dist/usb/, and dist/static/ under a static file server
// that knows nothing of Coulisses. Build first: make usb static (make
// kit-test does both, then runs this file).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, extname, normalize, sep } from "node:path";
import { root, freePort, startServer, launch, clientReady, controlled, offHost, report } from "../lib.mjs";

const usb = join(root, "dist/usb");
const staticDir = join(root, "dist/static");
const launcherName = "Coulisses-Linux-x86_64";

// `make e2e` runs every test file: without a built kit these tests are
// skipped, unless COULISSES_KIT_REQUIRED=1 (make kit-test) makes that an
// error.
const needed = [join(usb, launcherName), join(usb, "LISEZMOI.txt"), join(staticDir, "index.html")];
const skip =
  process.env.COULISSES_KIT_REQUIRED !== "1" && !needed.every((p) => existsSync(p))
    ? "kit non construit : make usb static, ou make kit-test"
    : false;

// Run the launcher as an ordinary user when the tests run as root: root
// writes through any permission, and the point is a stick it cannot write.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let kit, browser;
// Launchers still running when a test fails: stopped in after().
const running = new Set();

before(async () => {
  if (skip) return;
  for (const p of needed) {
    if (!existsSync(p)) throw new Error(`${p} manquant : lancez « make usb static » (ou make kit-test)`);
  }
  // A read-only copy of the stick.
  const parent = mkdtempSync(join(tmpdir(), "coulisses-cle-"));
  kit = join(parent, "cle");
  cpSync(usb, kit, { recursive: true });
  spawnSync("chmod", ["-R", "a-w", kit]);
  spawnSync("chmod", ["a+rx", parent]);
  browser = await launch();
});

after(async () => {
  for (const proc of running) proc.kill("SIGKILL");
  await browser?.close();
  if (kit) {
    spawnSync("chmod", ["-R", "u+w", join(kit, "..")]);
    rmSync(join(kit, ".."), { recursive: true, force: true });
  }
});

/** listing returns every path under dir with its size and mtime. */
function listing(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = statSync(p);
      out.push(`${p} ${st.size} ${st.mtimeMs}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort().join("\n");
}

/**
 * startLauncher runs the launcher of the read-only kit with the given
 * ports. Resolves when it printed a line matching `until` (default: its
 * URL); returns { proc, output(), exited }.
 */
async function startLauncher({ port, fallback, until } = {}) {
  const env = {
    ...process.env,
    HOME: "/nonexistent",
    COULISSES_NO_BROWSER: "1",
    COULISSES_IN_TERMINAL: "1",
    COULISSES_LAUNCHER_PORT: String(port),
    COULISSES_LAUNCHER_FALLBACK_PORT: String(fallback || (await freePort())),
  };
  const proc = spawn(join(kit, launcherName), [], { env, cwd: kit, stdio: ["ignore", "pipe", "pipe"], ...asUser });
  running.add(proc);
  proc.on("exit", () => running.delete(proc));
  let output = "";
  const exited = once(proc, "exit");
  // The whole banner: the address, then how to stop it.
  const wanted = until || /Coulisses est prêt : http:\/\/127\.0\.0\.1:\d+\/[^]*Ctrl\+C\./;
  await new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d.toString();
      if (wanted.test(output)) resolve();
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", onData);
    proc.on("exit", (code) => (wanted.test(output) ? resolve() : reject(new Error(`launcher exited (${code}): ${output}`))));
    setTimeout(() => reject(new Error(`launcher not ready after 20 s: ${output}`)), 20000);
  });
  return { proc, output: () => output, exited };
}

/** sampleFile is the file the sandbox tests import. */
function sampleFile() {
  const dir = join(kit, "jeux-de-donnees");
  const csv = readdirSync(dir).find((n) => n.endsWith(".csv"));
  return csv ? join(dir, csv) : join(root, "sandbox/testdata/questions_billetterie.csv");
}

/** engineReady waits until the sandbox page started its engine worker. */
async function engineReady(page) {
  for (let i = 0; i < 100 && page.workers().length === 0; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(500);
}

/** importInSandbox imports sampleFile() on /bac-a-sable and checks the report. */
async function importInSandbox(page, url) {
  await page.goto(url + "/bac-a-sable");
  await clientReady(page);
  await engineReady(page);
  await page.locator("#fichier").setInputFiles(sampleFile());
  await page.locator(".resume-jeu").waitFor({ timeout: 60000 });
  const facts = await page.locator(".resume-jeu .faits").textContent();
  assert.match(facts, /\d[\d\s\u202f]*\slignes/, facts);
  assert.match(facts, /colonnes/, facts);
}

/** stopLauncher sends a signal and returns the exit code. */
async function stopLauncher(l, signal = "SIGINT") {
  if (l.proc.exitCode !== null) return l.proc.exitCode;
  l.proc.kill(signal);
  const timer = setTimeout(() => l.proc.kill("SIGKILL"), 8000);
  const [code] = await l.exited;
  clearTimeout(timer);
  return code;
}

test("the kit: launchers, LISEZMOI, datasets as plain files, nothing writable", { skip }, () => {
  const names = readdirSync(kit).sort();
  // make usb builds six launchers; make test builds only the one it runs
  // (COULISSES_KIT_NAMES), to keep the suite short.
  const launchers = process.env.COULISSES_KIT_NAMES
    ? process.env.COULISSES_KIT_NAMES.split(/\s+/).filter(Boolean)
    : ["Coulisses-Linux-ARM64", "Coulisses-Linux-x86_64", "Coulisses-Mac-Apple-Silicon", "Coulisses-Mac-Intel", "Coulisses-Windows-ARM.exe", "Coulisses-Windows.exe"];
  for (const want of [...launchers, "LISEZMOI.txt", "jeux-de-donnees"]) {
    assert.ok(names.includes(want), `${want} in ${names}`);
  }
  const lisezmoi = readFileSync(join(kit, "LISEZMOI.txt"), "utf8").replace(/\s+/g, " ");
  for (const want of ["http://127.0.0.1:17717/", "27717", "Ctrl+C", "Exécuter quand même", "Ouvrir quand même", "com.apple.quarantine", "Rien n'est envoyé"]) {
    assert.ok(lisezmoi.includes(want), `LISEZMOI.txt mentions ${want}`);
  }
  let total = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else total += statSync(p).size;
    }
  };
  walk(kit);
  report("taille du kit USB (octets)", total);
  assert.ok(total < 240e6, `the kit (${total} bytes) fits a 256 MB stick`);
  report("jeux d'exemple dans le kit", readdirSync(join(kit, "jeux-de-donnees")).length);
  // The user the launcher runs as cannot write to the copy.
  const touch = spawnSync("sh", ["-c", `touch '${kit}/essai' || exit 3`], asUser);
  assert.notEqual(touch.status, 0, "the copy of the stick is read-only");
});

test("the launcher serves the app from the read-only copy; it keeps working offline once stopped", { skip }, async (t) => {
  const before = listing(kit);
  const port = await freePort();
  const t0 = Date.now();
  const l = await startLauncher({ port });
  report("démarrage du lanceur jusqu'à « prêt » (ms)", Date.now() - t0);
  const url = `http://127.0.0.1:${port}`;
  assert.match(l.output(), /Ctrl\+C/);
  assert.match(l.output(), /fermez cette fenêtre/);
  assert.match(l.output(), /Rien n'est envoyé/);

  // Loopback only.
  const listening = spawnSync("sh", ["-c", `ss -Hltn 'sport = :${port}'`]).stdout.toString();
  if (listening.trim()) assert.match(listening, /127\.0\.0\.1:/, listening);
  assert.doesNotMatch(listening, /(\*|0\.0\.0\.0|\[::\]):\d+/, listening);

  // Its identity, and the same headers as `make run`.
  const id = await (await fetch(url + "/__coulisses")).json();
  assert.equal(id.app, "coulisses");
  const reference = await startServer();
  try {
    const [ours, theirs] = await Promise.all([fetch(url + "/fiches"), fetch(reference.url + "/fiches")]);
    for (const h of ["content-security-policy", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "permissions-policy"]) {
      assert.equal(ours.headers.get(h), theirs.headers.get(h), h);
    }
    assert.equal(ours.headers.get("content-security-policy").includes("'wasm-unsafe-eval'"), true);
    // (That the launcher, which embeds only the .gz twins, serves the same
    // version as `make run` from the same files is a unit test:
    // wasm/app/launcher_test.go. Here the two binaries may come from
    // different builds.)
    const sw = await (await fetch(url + "/app-worker.js")).text();
    assert.equal(sw.match(/coulisses-([0-9a-f]+)/)?.[1], id.version);
  } finally {
    await reference.stop();
  }

  // Pre-compressed WebAssembly; the plain file for a client without gzip.
  const gz = await fetch(url + "/web/app.wasm", { headers: { "Accept-Encoding": "gzip" } });
  assert.equal(gz.headers.get("content-type"), "application/wasm");
  assert.equal(gz.headers.get("content-encoding"), "gzip");
  const plain = await fetch(url + "/web/app.wasm", { headers: { "Accept-Encoding": "identity" } });
  assert.equal(plain.headers.get("content-encoding"), null);
  const bytes = new Uint8Array(await plain.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0, 0x61, 0x73, 0x6d], "\\0asm");

  // The app in Chromium: home, then a fiche.
  const page = await browser.context.newPage();
  const t1 = Date.now();
  await page.goto(url + "/");
  await clientReady(page);
  report("lanceur : premier rendu client (ms)", Date.now() - t1);
  await controlled(page);
  await page.goto(url + "/fiches");
  await clientReady(page);
  const first = page.locator('main a[href^="/fiches/"]').first();
  await first.click();
  await page.waitForURL(/\/fiches\/[a-z0-9-]+$/);
  const fiche = new URL(page.url()).pathname;
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  const h1 = (await page.locator("h1").first().textContent()).trim();
  assert.ok(h1.length > 0, `fiche ${fiche} has a title`);
  const words = await page.locator("main").innerText();
  assert.ok(words.length > 800, `the fiche has a body (${words.length} characters)`);

  // Let the service worker finish precaching everything.
  await page.evaluate(async () => !!(await navigator.serviceWorker.ready).active);
  const precached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith("coulisses-")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(precached.includes("/web/app.wasm") && precached.includes(fiche), "app and fiches precached");

  // Sample datasets: each one of the kit is served by the launcher, byte
  // for byte, and precached; the sandbox opens one.
  const datasets = readdirSync(join(kit, "jeux-de-donnees"));
  await t.test("sample datasets are served, precached and open in the sandbox", async (st) => {
    if (datasets.length === 0) {
      st.skip("aucun jeu d'exemple dans le dépôt (ni content/datasets/ ni wasm/app/web/datasets/)");
      return;
    }
    for (const name of datasets) {
      const path = precached.find((p) => p.endsWith("/" + name));
      assert.ok(path, `${name} is precached (${precached.filter((p) => p.includes("dataset"))})`);
      const served = Buffer.from(await (await fetch(url + path)).arrayBuffer());
      assert.ok(served.equals(readFileSync(join(kit, "jeux-de-donnees", name))), `${name}: same bytes as the plain file`);
    }
    await page.goto(url + "/bac-a-sable");
    await clientReady(page);
    await engineReady(page);
    await page.getByRole("button", { name: /Ouvrir le jeu d'exemple/ }).first().click();
    await page.locator(".resume-jeu").waitFor({ timeout: 60000 });
  });

  // A file imported in the sandbox: the engine (engine.wasm, inflated by
  // the launcher from its .gz copy) runs in its Web Worker. The plain file
  // of a sample dataset when the kit has one, else a test export.
  const t2 = Date.now();
  await importInSandbox(page, url);
  report("lanceur : import dans le bac à sable (ms)", Date.now() - t2);

  // A second copy does not start another server: it points to the first.
  const second = await startLauncher({ port, until: /déjà ouvert/ });
  assert.match(second.output(), new RegExp(`déjà ouvert à l'adresse http://127\\.0\\.0\\.1:${port}/`));
  const [code2] = await second.exited;
  assert.equal(code2, 0);

  // Ctrl+C stops it cleanly.
  const code = await stopLauncher(l, "SIGINT");
  assert.equal(code, 0, l.output());
  assert.match(l.output(), /Coulisses est arrêté/);
  assert.equal(await fetch(url + "/").then(() => "up", () => "down"), "down");

  // Offline, from the service worker: the fiche again, a reload, a new tab.
  await page.goto(url + fiche);
  await clientReady(page);
  await page.reload();
  await clientReady(page);
  assert.equal((await page.locator("h1").first().textContent()).trim(), h1);
  const tab = await browser.context.newPage();
  await tab.goto(url + "/glossaire");
  await clientReady(tab);
  assert.ok((await tab.locator("h1").first().textContent()).length > 0);
  // The sandbox too: engine and worker come from the service worker.
  await importInSandbox(tab, url);
  await tab.close();
  await page.close();

  assert.deepEqual(offHost(browser.requests), [], "no request left 127.0.0.1");
  assert.equal(listing(kit), before, "the launcher wrote nothing on the stick");
});

test("closing the window (SIGHUP) or logging out (SIGTERM) stops the launcher cleanly", { skip }, async () => {
  for (const signal of ["SIGHUP", "SIGTERM"]) {
    const l = await startLauncher({ port: await freePort() });
    const code = await stopLauncher(l, signal);
    assert.equal(code, 0, `${signal}: ${l.output()}`);
    assert.match(l.output(), /Coulisses est arrêté/, signal);
  }
});

test("port taken by another program: the launcher says so and uses the fallback port", { skip }, async () => {
  const other = createServer((req, res) => res.end("un autre programme"));
  other.listen(0, "127.0.0.1");
  await once(other, "listening");
  const port = other.address().port;
  const fallback = await freePort();
  try {
    const l = await startLauncher({ port, fallback });
    assert.match(l.output(), new RegExp(`Le port ${port} est déjà utilisé par un autre programme`));
    assert.match(l.output(), new RegExp(`port de secours ${fallback}`));
    assert.match(l.output(), new RegExp(`Coulisses est prêt : http://127\\.0\\.0\\.1:${fallback}/`));
    assert.equal((await (await fetch(`http://127.0.0.1:${fallback}/__coulisses`)).json()).app, "coulisses");
    assert.equal(await stopLauncher(l), 0);

    // Both taken: a clear message and a non-zero exit.
    const both = createServer((req, res) => res.end("encore un autre"));
    both.listen(fallback, "127.0.0.1");
    await once(both, "listening");
    try {
      const l2 = await startLauncher({ port, fallback, until: /n'a pas pu démarrer/ });
      const [code] = await l2.exited;
      assert.equal(code, 1);
      assert.match(l2.output(), new RegExp(`le port ${port} et le port de secours ${fallback} sont occupés`));
    } finally {
      both.close();
    }
  } finally {
    other.close();
  }
});

// A static file server that knows nothing of Coulisses: files as they are,
// "/x" → "x.html" when "x" is not a file, a directory → its index.html,
// .wasm as application/wasm. `prefix` strips a sub-path.
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv",
};

async function plainStaticServer(dir, prefix = "") {
  const requests = [];
  const missing = [];
  const srv = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    if (prefix) {
      if (path !== prefix && !path.startsWith(prefix + "/")) {
        res.writeHead(404).end();
        return;
      }
      path = path.slice(prefix.length) || "/";
    }
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    const isFile = (f) => existsSync(f) && statSync(f).isFile();
    if (!isFile(file)) {
      if (isFile(file + ".html")) file += ".html";
      else if (isFile(join(file, "index.html"))) file = join(file, "index.html");
      else {
        missing.push(path);
        res.writeHead(404, { "Content-Type": "text/plain" }).end("introuvable");
        return;
      }
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  return {
    url: `http://127.0.0.1:${srv.address().port}${prefix}`,
    requests,
    missing,
    // Drop the browser's keep-alive connections too: "the server is gone".
    close: () =>
      new Promise((r) => {
        srv.close(r);
        srv.closeAllConnections();
      }),
  };
}

/** exportedRoutes lists the routes of an export: one per .html file. */
function exportedRoutes(dir) {
  const routes = [];
  const walk = (d, base) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== "web") walk(join(d, e.name), `${base}/${e.name}`);
      } else if (e.name.endsWith(".html")) {
        routes.push(e.name === "index.html" && base === "" ? "/" : `${base}/${e.name.slice(0, -5)}`);
      }
    }
  };
  walk(dir, "");
  return routes.sort();
}

test("dist/static/ under a plain static file server renders every route, then works offline", { skip }, async () => {
  const srv = await plainStaticServer(staticDir);
  const routes = exportedRoutes(staticDir);
  assert.ok(routes.length >= 10 && routes.includes("/") && routes.includes("/fiches"), `${routes.length} routes`);
  const ctx = await launch();
  try {
    const page = await ctx.context.newPage();
    const t0 = Date.now();
    await page.goto(srv.url + "/");
    await clientReady(page);
    report("export statique : premier rendu client (ms)", Date.now() - t0);
    await controlled(page);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    const t1 = Date.now();
    for (const route of routes) {
      const res = await page.goto(srv.url + route);
      assert.equal(res.status(), 200, route);
      await clientReady(page);
      const h1 = (await page.locator("h1").first().textContent()).trim();
      assert.ok(h1.length > 0, `${route} has a title`);
      assert.equal(await page.getByText("Fiche introuvable").count(), 0, `${route} found`);
    }
    report(`export statique : ${routes.length} routes rendues par le client (ms)`, Date.now() - t1);
    await importInSandbox(page, srv.url);
    assert.deepEqual(ctx.errors, [], "no page error");
    assert.deepEqual(offHost(ctx.requests), [], "no request left 127.0.0.1");
    assert.deepEqual(srv.missing, [], "every request found its file");

    await srv.close();
    for (const route of ["/", "/fiches", routes.find((r) => r.startsWith("/fiches/"))]) {
      await page.goto(srv.url + route);
      await clientReady(page);
      assert.ok((await page.locator("h1").first().textContent()).trim().length > 0, `${route} offline`);
    }
    await page.close();
  } finally {
    await ctx.close();
    await srv.close().catch(() => {});
  }
});

test("static export under a sub-path: pages, scripts, WebAssembly and service worker live under the prefix", { skip }, async (t) => {
  const parent = mkdtempSync(join(tmpdir(), "coulisses-prefixe-"));
  const dir = join(parent, "site");
  const out = spawnSync(join(root, "build/coulisses"), ["-static", dir, "-prefix", "/formation/coulisses"], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /sous \/formation\/coulisses\//);
  const srv = await plainStaticServer(dir, "/formation/coulisses");
  const ctx = await launch();
  try {
    const page = await ctx.context.newPage();
    const res = await page.goto(srv.url + "/fiches");
    assert.equal(res.status(), 200);
    // go-app starts: app.js, wasm_exec.js, the stylesheet and app.wasm are
    // fetched under the prefix, the service worker's scope is the prefix.
    await page.waitForFunction(() => navigator.serviceWorker.controller || document.documentElement.dataset.client, null, { timeout: 30000 }).catch(() => {});
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
    assert.equal(scope, srv.url + "/");
    const fetched = ctx.requests.map((r) => new URL(r.url).pathname);
    for (const p of ["/app.js", "/wasm_exec.js", "/web/coulisses.css", "/web/app.wasm", "/manifest.webmanifest"]) {
      assert.ok(fetched.includes("/formation/coulisses" + p), `${p} fetched under the prefix`);
    }
    const outside = srv.requests.filter((p) => !p.startsWith("/formation/coulisses"));
    await t.test("the client renders under the prefix, and its links stay under it", async () => {
      await clientReady(page, 30000);
      assert.deepEqual(outside, [], "every request stays under the prefix");
      const nav = page.getByRole("navigation", { name: "Navigation principale" });
      assert.equal(await nav.getByRole("link", { name: "Parcours", exact: true }).getAttribute("href"), "/formation/coulisses/parcours");
      await nav.getByRole("link", { name: "Parcours", exact: true }).click();
      await page.waitForURL(srv.url + "/parcours");
      await page.getByRole("heading", { level: 1, name: "Parcours" }).waitFor();
      await page.goto(srv.url + "/fiches/rgpd-et-consentement");
      await clientReady(page, 30000);
      const related = await page.locator(".corps a[href*='/fiches/']").first().getAttribute("href");
      assert.ok(related.startsWith("/formation/coulisses/fiches/"), related);
      assert.deepEqual(srv.requests.filter((p) => !p.startsWith("/formation/coulisses")), [], "still under the prefix");
    });
    await page.close();
  } finally {
    await ctx.close();
    await srv.close();
    rmSync(parent, { recursive: true, force: true });
  }
});

// The nginx configuration written by `make static`, made local (loopback
// port instead of 443 + certificates, a temporary root): served by a real
// nginx when one is installed (apt-get install nginx-light).
const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

async function startNginx(site, conf, prefix = "") {
  const dir = mkdtempSync(join(tmpdir(), "coulisses-nginx-"));
  const www = join(dir, "www");
  cpSync(site, join(www, prefix), { recursive: true });
  spawnSync("chmod", ["-R", "a+rX", dir]); // nginx workers run as an unprivileged user
  const port = await freePort();
  const server = conf
    .replace("listen 443 ssl;", `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate.*$/gm, "")
    .replace("root /var/www/coulisses;", `root ${www};`);
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir}/${t};`).join("\n");
  const main = `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\naccess_log off;\n${temps}\n${server}\n}\n`;
  const confFile = join(dir, "nginx.conf");
  writeFileSync(confFile, main);
  const check = spawnSync(nginx, ["-t", "-q", "-c", confFile, "-p", dir], { encoding: "utf8" });
  assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);
  const proc = spawn(nginx, ["-c", confFile, "-p", dir], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}${prefix}`;
  for (let i = 0; i < 50; i++) {
    if (await fetch(url + "/").then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      proc.kill("SIGTERM");
      await once(proc, "exit");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("the nginx configuration of the export works as written", { skip: skip || (!nginx && "nginx absent") }, async () => {
  const conf = readFileSync(join(root, "dist/static-hebergement/nginx.conf"), "utf8");
  const srv = await startNginx(staticDir, conf);
  const ctx = await launch();
  try {
    const expectHeaders = (await fetch((await startServerOnce()).url + "/fiches")).headers;
    const res = await fetch(srv.url + "/fiches");
    assert.equal(res.status, 200);
    for (const h of ["content-security-policy", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "permissions-policy"]) {
      assert.equal(res.headers.get(h), expectHeaders.get(h), h);
    }
    const wasm = await fetch(srv.url + "/web/app.wasm", { headers: { "Accept-Encoding": "gzip" } });
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.equal(wasm.headers.get("content-encoding"), "gzip", "gzip_static sends app.wasm.gz");
    assert.equal((await fetch(srv.url + "/fiches", { redirect: "manual" })).status, 200, "no redirect");
    assert.equal((await fetch(srv.url + "/web/absent.js")).status, 404);
    const page = await ctx.context.newPage();
    for (const route of ["/", "/fiches", "/fiches/rgpd-et-consentement", "/glossaire", "/bac-a-sable"]) {
      await page.goto(srv.url + route);
      await clientReady(page);
      assert.ok((await page.locator("h1").first().textContent()).trim().length > 0, route);
    }
    // An unknown address gets the shell: the client says it is not found.
    await page.goto(srv.url + "/fiches/une-fiche-qui-n-existe-pas");
    await clientReady(page);
    await page.getByRole("heading", { level: 1, name: "Fiche introuvable" }).waitFor();
    assert.deepEqual(ctx.errors, []);
    await page.close();
  } finally {
    await ctx.close();
    await srv.stop();
    await stopServerOnce();
  }
});

test("the nginx configuration for a sub-path serves the bare prefix without a redirect", { skip: skip || (!nginx && "nginx absent") }, async () => {
  const parent = mkdtempSync(join(tmpdir(), "coulisses-prefixe-"));
  const site = join(parent, "site");
  const hosting = join(parent, "hebergement");
  const out = spawnSync(join(root, "build/coulisses"), ["-static", site, "-hosting", hosting, "-prefix", "/formation/coulisses"], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  const srv = await startNginx(site, readFileSync(join(hosting, "nginx.conf"), "utf8"), "/formation/coulisses");
  try {
    for (const path of ["", "/", "/fiches", "/fiches/rgpd-et-consentement", "/web/app.wasm", "/app-worker.js", "/manifest.webmanifest"]) {
      const res = await fetch(srv.url + path, { redirect: "manual" });
      assert.equal(res.status, 200, `${path || "(bare prefix)"}`);
    }
    const manifest = await (await fetch(srv.url + "/manifest.webmanifest")).json();
    assert.equal(manifest.start_url, "/formation/coulisses/");
  } finally {
    await srv.stop();
    rmSync(parent, { recursive: true, force: true });
  }
});

let reference;
async function startServerOnce() {
  reference ||= await startServer();
  return reference;
}
async function stopServerOnce() {
  await reference?.stop();
  reference = undefined;
}

test("Linux, double-click without a terminal: the launcher reopens itself in a terminal window", { skip }, async () => {
  // A fake terminal emulator that notes how it was called, then runs the
  // command like x-terminal-emulator -e would.
  const bin = mkdtempSync(join(tmpdir(), "coulisses-terminal-"));
  writeFileSync(
    join(bin, "x-terminal-emulator"),
    `#!/bin/sh\necho "$@" > ${bin}/args\nshift\necho $$ > ${bin}/pid\nexec "$@"\n`,
    { mode: 0o755 }
  );
  spawnSync("chmod", ["-R", "a+rwx", bin]);
  const port = await freePort();
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, DISPLAY: ":0", COULISSES_NO_BROWSER: "1", COULISSES_LAUNCHER_PORT: String(port), COULISSES_LAUNCHER_FALLBACK_PORT: String(await freePort()) };
  delete env.COULISSES_IN_TERMINAL;
  // Started like a file manager does: no terminal on stdin/stdout.
  const first = spawn(join(kit, launcherName), [], { env, stdio: ["ignore", "pipe", "pipe"], ...asUser });
  const [code] = await once(first, "exit");
  assert.equal(code, 0, "the first process hands over to the terminal and exits");
  let pid;
  try {
    assert.equal(readFileSync(join(bin, "args"), "utf8").trim(), `-e ${join(kit, launcherName)}`);
    let id;
    for (let i = 0; i < 100 && !id; i++) {
      id = await fetch(`http://127.0.0.1:${port}/__coulisses`).then((r) => r.json(), () => undefined);
      if (!id) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(id?.app, "coulisses", "the launcher runs inside the terminal");
    pid = Number(readFileSync(join(bin, "pid"), "utf8"));
  } finally {
    if (pid) {
      process.kill(pid, "SIGHUP"); // closing the terminal window
      for (let i = 0; i < 50; i++) {
        if (!(await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    rmSync(bin, { recursive: true, force: true });
  }
  assert.equal(await fetch(`http://127.0.0.1:${port}/`).then(() => "up", () => "down"), "down", "stopped with its window");
});
