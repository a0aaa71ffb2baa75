// How the browser build of "aicall" loads: the chosen inline build (web/ready.js: wasm inlined,
// instantiated synchronously on first use) against the alternative (top-level `await init()`
// fetching aicall_bg.wasm). Prints the median time from navigation to a first validation
// result over fresh Chromium contexts, and the bytes each page downloads.
//   node scripts/measure-browser-load.mjs [rounds=20]        (needs `make pkg`, Chromium)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startEmulator } from "../emulator/server.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rounds = Number(process.argv[2] ?? 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aicall-load-"));
fs.cpSync(path.join(ROOT, "pkg"), path.join(dir, "pkg"), { recursive: true });
fs.writeFileSync(path.join(dir, "pkg/web/ready-tla.js"),
  'import init, { AgentApi, Aiccs, AicallError } from "./index.js";\nawait init();\nexport { AgentApi, Aiccs, AicallError };\n');
const VARIANTS = { inline: "ready.js", "top-level await": "ready-tla.js" };
for (const [name, entry] of Object.entries(VARIANTS)) {
  fs.writeFileSync(path.join(dir, `${entry}.html`), `<!doctype html><link rel="icon" href="data:,"><script type="module">
import { AgentApi } from "/pkg/web/${entry}";
const r = AgentApi.validateRecordIds(["a", "a"]);
window.result = { ms: performance.now(), code: r[0].code };
</script>`);
  void name;
}

const emu = await startEmulator({ quiet: true, staticDirs: [{ prefix: "/", dir }] });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const times = {};
const bytes = {};
try {
  for (let round = 0; round <= rounds; round++) {
    for (const [name, entry] of Object.entries(VARIANTS)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const files = new Set();
      page.on("response", (r) => { if (r.url().includes("/pkg/")) files.add(new URL(r.url()).pathname); });
      await page.goto(`${emu.url}/${entry}.html`);
      await page.waitForFunction(() => window.result, null, { timeout: 15000 });
      const r = await page.evaluate(() => window.result);
      if (r.code !== "duplicate") throw new Error(`${name}: unexpected result ${JSON.stringify(r)}`);
      if (round > 0) (times[name] ??= []).push(r.ms); // round 0 warms the server
      bytes[name] = [...files];
      await context.close();
    }
  }
} finally {
  await browser.close();
  await emu.close();
}
for (const [name, list] of Object.entries(times)) {
  list.sort((a, b) => a - b);
  let raw = 0;
  let gz = 0;
  for (const f of bytes[name]) {
    const data = fs.readFileSync(path.join(dir, f));
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
  }
  console.log(`${name.padEnd(16)} median ${list[list.length >> 1].toFixed(0)} ms (min ${list[0].toFixed(0)}, max ${list.at(-1).toFixed(0)}, n=${list.length}); ` +
    `downloads ${bytes[name].length} files, ${(raw / 1000).toFixed(0)} KB raw, ${(gz / 1000).toFixed(0)} KB gzip`);
}
fs.rmSync(dir, { recursive: true, force: true });
