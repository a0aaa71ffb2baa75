// The bundler matrix: small consumer projects install the PACKED package (`npm pack pkg/`,
// extracted into node_modules/aicall — real files, no symlink), build with their bundler,
// and run in headless Chromium (Vite, webpack 5, esbuild, a plain <script type="module">
// page with an import map) or Node (ESM, CommonJS). Each page must produce the expected
// validation result with no console error, page error or failed request.
//
// Installs are cached under tests/bundlers/.cache/<project>-<hash of package-lock.json>/
// (git-ignored): a rerun with the same lockfile skips `npm ci`.
// Run: `make test-bundlers` (needs `make pkg`, Chromium and network to npm on the first run).
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startEmulator } from "../../emulator/server.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const PKG = path.join(ROOT, "pkg");
const CACHE = path.join(HERE, ".cache");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

let tarball;
let browser;

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 300_000, env: { ...process.env, npm_config_update_notifier: "false", NEXT_TELEMETRY_DISABLED: "1" } });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function copyDir(from, to) {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (["node_modules", "dist", "package-lock.json"].includes(e.name)) continue;
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      copyDir(src, dst);
    } else fs.copyFileSync(src, dst);
  }
}

/** The project's work folder: cached `npm ci` (keyed by the lockfile), fresh sources, the packed aicall. */
function prepare(name, t) {
  const dir = path.join(HERE, name);
  const lock = path.join(dir, "package-lock.json");
  const key = fs.existsSync(lock) ? crypto.createHash("sha256").update(fs.readFileSync(lock)).digest("hex").slice(0, 16) : "nodeps";
  const work = path.join(CACHE, `${name}-${key}`);
  for (const old of fs.readdirSync(CACHE)) if (old.startsWith(`${name}-`) && old !== `${name}-${key}`) fs.rmSync(path.join(CACHE, old), { recursive: true, force: true });
  const stamp = path.join(work, ".installed");
  const t0 = Date.now();
  if (!fs.existsSync(stamp)) {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    if (key !== "nodeps") {
      fs.copyFileSync(path.join(dir, "package.json"), path.join(work, "package.json"));
      fs.copyFileSync(lock, path.join(work, "package-lock.json"));
      sh("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], work);
    }
    fs.writeFileSync(stamp, key);
    t.diagnostic(`${name}: npm ci ${Date.now() - t0} ms`);
  } else t.diagnostic(`${name}: install cached (${path.relative(ROOT, work)})`);
  copyDir(dir, work);
  fs.mkdirSync(path.join(work, "entries"), { recursive: true });
  copyDir(path.join(HERE, "entries"), path.join(work, "entries"));
  const target = path.join(work, "node_modules", "aicall");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  sh("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"], work);
  assert.ok(!fs.lstatSync(target).isSymbolicLink());
  return work;
}

function build(work, t) {
  const t0 = Date.now();
  sh("npm", ["run", "--silent", "build"], work);
  t.diagnostic(`build ${Date.now() - t0} ms`);
  return path.join(work, "dist");
}

/**
 * Loads each page in a fresh context, returns window.__aicall per page (and in `bytes` the body
 * bytes each page received); fails on any console error.
 */
async function runPages(root, pages, t, expected = []) {
  const emu = await startEmulator({ quiet: true, staticDirs: [{ prefix: "/", dir: root }] });
  const results = { bytes: {} };
  try {
    for (const p of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`); });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
      const bodies = [];
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
        bodies.push(r.body().then((b) => b.length, () => 0));
      });
      const t0 = Date.now();
      await page.goto(`${emu.url}/${p}`);
      try {
        await page.waitForFunction(() => window.__aicall, null, { timeout: 15_000 });
      } catch (e) {
        assert.fail(`${p}: no result (${e.message}); ${problems.join("; ") || "no console output"}`);
      }
      results[p] = await page.evaluate(() => window.__aicall);
      results.bytes[p] = (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
      t.diagnostic(`${p}: ${Date.now() - t0} ms to a result`);
      await context.close();
      const unexpected = problems.filter((x) => !expected.some((re) => re.test(x)));
      assert.deepEqual(unexpected, [], `${p}: no console errors or warnings, page errors or failed requests`);
    }
  } finally {
    await emu.close();
  }
  return results;
}

const READY = { entry: "aicall", codes: ["duplicate"], kind: "validation", method: "GET", ops: 179 };
const WEB = { entry: "aicall/web", before: "not_initialized", codes: ["duplicate"] };
const VALIDATE = { entry: "aicall/validate", codes: ["duplicate"], aiccs: ["TaskId required"], kind: "validation", same: true, client: false };

// Files a complete pkg/ has; a concurrent `make pkg` may be rewriting it, so wait a little.
const PKG_FILES = ["package.json", "index.d.ts", "types.d.ts", "operations.js", "runtime.js", "node/index.cjs", "node/operations.cjs",
  "node/runtime.cjs", "node/aicall_bg.wasm", "web/index.js", "web/core.js", "web/ready.js", "web/wasm-inline.js", "web/aicall_bg.wasm",
  "validate/index.js", "validate/wasm-inline.js", "validate/node/index.cjs", "validate/node/aicall_bg.wasm"];
async function waitForPkg(timeoutMs = 60_000) {
  const t0 = Date.now();
  for (;;) {
    const missing = PKG_FILES.filter((f) => !fs.existsSync(path.join(PKG, f)));
    if (missing.length === 0) return;
    assert.ok(Date.now() - t0 < timeoutMs, `pkg/ is incomplete (missing ${missing.join(", ")}): run \`make pkg\` first`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

before(async () => {
  fs.mkdirSync(CACHE, { recursive: true });
  await waitForPkg();
  for (const f of fs.readdirSync(CACHE)) if (f.endsWith(".tgz")) fs.rmSync(path.join(CACHE, f));
  const out = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", CACHE], { cwd: PKG, encoding: "utf8" }));
  tarball = path.join(CACHE, out[0].filename);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
});

describe("bundlers (packed tarball)", () => {
  for (const name of ["vite", "webpack", "esbuild"]) {
    test(`${name}: "aicall" ready on import, "aicall/web" after init(), "aicall/validate"`, async (t) => {
      const work = prepare(name, t);
      const dist = build(work, t);
      const r = await runPages(dist, ["ready.html", "web.html", "validate.html"], t);
      assert.deepEqual(r["ready.html"], READY);
      assert.deepEqual(r["web.html"], WEB);
      assert.deepEqual(r["validate.html"], VALIDATE);
      // The validators' page must not pull in the whole SDK's wasm: it loads under 60 % of
      // the bytes the "aicall" page loads (measured: about half).
      t.diagnostic(`bytes loaded: ${JSON.stringify(r.bytes)}`);
      assert.ok(r.bytes["validate.html"] < 0.6 * r.bytes["ready.html"], `bytes loaded: ${JSON.stringify(r.bytes)}`);
    });
  }

  test("Next.js (App Router, Turbopack, static export): a client component imports \"aicall\"", async (t) => {
    // The server side of the build (prerendering) resolves the Node build inside a bundle.
    const work = prepare("next", t);
    const dist = build(work, t);
    const r = await runPages(dist, ["index.html"], t);
    assert.deepEqual(r["index.html"], READY);
  });

  test("plain <script type=\"module\"> page with an import map, no build step; a failed init() is retried", async (t) => {
    const work = prepare("plain", t);
    const r = await runPages(work, ["ready.html", "web.html", "validate.html"], t);
    assert.deepEqual(r["ready.html"], READY);
    assert.deepEqual(r["web.html"], WEB);
    assert.deepEqual(r["validate.html"], VALIDATE);
    // The 404 of the first init() shows in the console: that one is expected.
    const retry = await runPages(work, ["retry.html"], t, [/missing\.wasm/, /404 \(Not Found\)/]);
    assert.deepEqual(retry["retry.html"], { entry: "aicall/web", steps: ["404", "wasm_unavailable"], codes: ["duplicate"] });
  });

  for (const name of ["node-esm", "node-cjs"]) {
    test(`${name}: import / require "aicall" and "aicall/validate"`, (t) => {
      const work = prepare(name, t);
      const [out, validate] = sh(process.execPath, ["index.js"], work).trim().split("\n").map((l) => JSON.parse(l));
      assert.deepEqual(out, { entry: "aicall", codes: ["duplicate"], kind: "validation", same: true, ops: 179 });
      assert.deepEqual(validate, { entry: "aicall/validate", codes: ["duplicate"], kind: "validation", same: true });
    });
  }
});
