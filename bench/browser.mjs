// `make bench`: cold start in headless Chromium, the browser counterpart of the Node cold-start
// table of bench/validate.mjs. Every run is a fresh browser context (no HTTP, code or wasm
// cache) loading a page from a local server; the time is the page's performance.now() when
// the first validation has returned, i.e. from navigation start to the result (as
// scripts/measure-browser-load.mjs measures). Subjects run in interleaved rounds (every subject
// once per round, in a rotating order); round 0 is a warm-up and is not counted.
// A page error, a console error or warning, a failed request or an HTTP error fails the run
// (this script throws) rather than giving a number. Without Chromium the table is skipped.
// A second table gives the same runs timed from the arrival of the page's HTML.
// BENCH_BROWSER_RUNS (default 11) sets the runs per subject.
//   node bench/browser.mjs          (needs pkg/, bench/node_modules, /usr/bin/chromium)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { startEmulator } from "../emulator/server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 11);
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];
const TITLE = "cold start: headless Chromium, fresh page, import + first validation";

function skip(why) {
  console.log(`\n${TITLE}: table skipped — ${why}`);
  process.exit(0);
}
if (!fs.existsSync(CHROMIUM)) skip(`${CHROMIUM} not found (scripts/tools.sh browser installs it)`);
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch (e) {
  skip(`playwright-core cannot be imported (npm ci at the repository root): ${e.message}`);
}

// ---- the served folder: a copy of pkg/ (a rebuild during the run changes nothing), the
// valibot bundle and one page per subject ----------------------------------------------------
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aicall-bench-browser-"));
fs.cpSync(path.join(root, "pkg"), path.join(dir, "pkg"), { recursive: true });
// The valibot peer bundled exactly as bench/validate.mjs bundles it for its size table and its
// Node cold start (esbuild: bundle, minify, esm, platform browser, es2022).
const valibot = await build({ entryPoints: [path.join(here, "peers/valibot.mjs")], bundle: true, minify: true,
  format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "error" });
fs.writeFileSync(path.join(dir, "valibot.mjs"), valibot.outputFiles[0].contents);
// aicall as an app's bundler delivers it: the "aicall" browser entry (pkg/web/ready.js, wasm
// inlined) and everything it imports in one file, bundled the same way as valibot. Unbundled,
// the page fetches six modules (in two rounds: ready.js names them all), and that, not the
// wasm, is most of its time.
const aicallBundle = await build({ entryPoints: [path.join(dir, "pkg/web/ready.js")], bundle: true, minify: true,
  format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "error" });
fs.writeFileSync(path.join(dir, "aicall-bundle.mjs"), aicallBundle.outputFiles[0].contents);
const validateBundle = await build({ entryPoints: [path.join(dir, "pkg/validate/index.js")], bundle: true, minify: true,
  format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "error" });
fs.writeFileSync(path.join(dir, "validate-bundle.mjs"), validateBundle.outputFiles[0].contents);

const seed = fs.readFileSync(path.join(root, "tests/fixtures/agent_api/update_v2.json"), "utf8");
const bodyLiteral = JSON.stringify(JSON.parse(seed)).replace(/</g, "\\u003c"); // the same seed body the Node cold start validates
const ids = '["a", "a"]';

// name → [page script, check of the page's `verdict`]. `verdict` is what the first validation
// returned, made JSON; each subject must give the expected verdict or the run fails.
const noIssues = (v) => Array.isArray(v) && v.length === 0;
const SUBJECTS = {
  "baseline: empty page, inline module script, no import": [
    "const verdict = [];", noIssues],
  'aicall ("aicall" = pkg/web/ready.js, wasm inlined), AgentApi.validateTaskUpdate(seed v2 body)': [
    `import { AgentApi } from "/pkg/web/ready.js";\nconst body = ${bodyLiteral};\nconst verdict = AgentApi.validateTaskUpdate(body);`, noIssues],
  'aicall ("aicall" = pkg/web/ready.js), AgentApi.validateRecordIds(["a","a"])': [
    `import { AgentApi } from "/pkg/web/ready.js";\nconst verdict = AgentApi.validateRecordIds(${ids});`,
    (v) => Array.isArray(v) && v.length === 1 && v[0].code === "duplicate"],
  'aicall ("aicall" = pkg/web/ready.js), Aiccs.validate("HangupOperate", {CallId: "1"})': [
    `import { Aiccs } from "/pkg/web/ready.js";\nconst verdict = Aiccs.validate("HangupOperate", { CallId: "1" });`, noIssues],
  '"aicall/validate" (pkg/validate/index.js, validators-only wasm inlined), AgentApi.validateTaskUpdate(seed v2 body)': [
    `import { AgentApi } from "/pkg/validate/index.js";\nconst body = ${bodyLiteral};\nconst verdict = AgentApi.validateTaskUpdate(body);`, noIssues],
  '"aicall/validate" bundled (esbuild, as aicall bundled), validateTaskUpdate(seed v2 body)': [
    `import { AgentApi } from "/validate-bundle.mjs";\nconst body = ${bodyLiteral};\nconst verdict = AgentApi.validateTaskUpdate(body);`, noIssues],
  'aicall bundled (pkg/web/ready.js and its imports in one file, esbuild), validateTaskUpdate(seed v2 body)': [
    `import { AgentApi } from "/aicall-bundle.mjs";\nconst body = ${bodyLiteral};\nconst verdict = AgentApi.validateTaskUpdate(body);`, noIssues],
  'aicall/web (pkg/web/index.js + await init() fetching aicall_bg.wasm), validateTaskUpdate(seed v2 body)': [
    `import init, { AgentApi } from "/pkg/web/index.js";\nconst body = ${bodyLiteral};\nawait init();\nconst verdict = AgentApi.validateTaskUpdate(body);`, noIssues],
  "valibot bundled (bench/peers/valibot.mjs, esbuild), validateTaskUpdate(seed v2 body)": [
    `import { validateTaskUpdate } from "/valibot.mjs";\nconst body = ${bodyLiteral};\nconst verdict = validateTaskUpdate(body);`, noIssues],
  'valibot bundled, validateRecordIds(["a","a"])': [
    `import { validateRecordIds } from "/valibot.mjs";\nconst verdict = validateRecordIds(${ids});`,
    (v) => Array.isArray(v) && v.length === 1],
};
const names = Object.keys(SUBJECTS);
names.forEach((name, i) => {
  const [script] = SUBJECTS[name];
  fs.writeFileSync(path.join(dir, `s${i}.html`), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
${script}
const ms = performance.now();
window.result = { ms, sinceHtml: ms - performance.getEntriesByType("navigation")[0].responseEnd, verdict: JSON.parse(JSON.stringify(verdict)) };
</script>`);
});

// ---- one run: a fresh context and page; any error on the page fails it --------------------
async function run(browser, url, name, check) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    const error = (what) => { errors.push(what); fail(new Error(`${name}: ${what}`)); };
    page.on("pageerror", (e) => error(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") error(`console ${m.type()}: ${m.text()}`); });
    page.on("requestfailed", (r) => error(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on("response", (r) => { if (r.status() >= 400) error(`HTTP ${r.status()} for ${r.url()}`); });
    await Promise.race([
      (async () => {
        const resp = await page.goto(url);
        if (!resp || !resp.ok()) throw new Error(`${name}: navigation to ${url} gave ${resp?.status()}`);
        await page.waitForFunction(() => window.result, null, { timeout: 20000 });
      })(),
      failed,
    ]);
    const r = await page.evaluate(() => window.result);
    if (errors.length) throw new Error(`${name}: ${errors.join("; ")}`);
    if (typeof r?.ms !== "number" || !(r.sinceHtml > 0) || !check(r.verdict)) throw new Error(`${name}: unexpected result ${JSON.stringify(r)}`);
    return r;
  } finally {
    await context.close();
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const loadBefore = load();
const emu = await startEmulator({ quiet: true, port: 0, staticDirs: [{ prefix: "/", dir }] });
let browser;
const ms = names.map(() => []);
const sinceHtml = names.map(() => []);
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  for (let round = 0; round <= RUNS; round++) {
    for (let j = 0; j < names.length; j++) {
      const i = (round + j) % names.length;
      const t = await run(browser, `${emu.url}/s${i}.html`, names[i], SUBJECTS[names[i]][1]);
      if (round > 0) { ms[i].push(t.ms); sinceHtml[i].push(t.sinceHtml); } // round 0 warms the server, the disk cache and Chromium
    }
  }
  console.log(`\nChromium ${browser.version()} (${CHROMIUM}, playwright-core), ${os.cpus().length} cores, ` +
    `load average ${loadBefore} before, ${load()} after; pages and files from a local node:http server (emulator/static.mjs, no compression, no-store)`);
} finally {
  await browser?.close();
  await emu.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
const table = (title, lists) => {
  console.log(`\n| ${title} | median ms | min–max (${RUNS} runs) |\n|---|---:|---:|`);
  names.forEach((name, i) => {
    const xs = lists[i];
    console.log(`| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} |`);
  });
};
table(TITLE, ms);
// The same runs timed from the moment the page's HTML had arrived (navigation timing
// responseEnd): leaves out the renderer start-up and the page request, which every subject
// (the baseline too) pays alike and which carry most of the run-to-run noise.
table("same runs, from the HTML's arrival (responseEnd) to the validation result", sinceHtml);
