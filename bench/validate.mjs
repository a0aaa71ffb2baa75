// `make bench`: aicall side by side with the same rules written in valibot, zod and ajv
// (bench/peers/, proven to give aicall's verdicts by bench/equivalence.test.mjs), all in this
// one process. Each payload is timed in interleaved rounds (every subject once per round, in a
// rotating order) and the aicall ÷ valibot ratio is taken per round, so a noisy moment of the
// machine hits both sides of a ratio alike. Then sizes (esbuild-minified, gzip -9, brotli),
// cold starts (fresh Node processes) and aiccs build + sign against a node:crypto signer.
// BENCH_ROUNDS (default 61) and BENCH_CHUNK_MS (default 4) trade time for steadiness.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { signRpc } from "./peers/acs3-signer.mjs";
import { buildAjvStandalone } from "./peers/ajv-standalone.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 61);
const CHUNK_MS = Number(process.env.BENCH_CHUNK_MS ?? 4);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const PEERS = ["valibot", "zod", "ajv"];

const entry = path.join(root, "pkg/node/index.mjs");
const { AgentApi, Aiccs } = await import(entry);
const peers = {};
for (const p of PEERS) peers[p] = await import(`./peers/${p}.mjs`);
const version = (p) => JSON.parse(fs.readFileSync(path.join(here, "node_modules", p, "package.json"), "utf8")).version;

// ---- payloads ---------------------------------------------------------------------------
const seedPath = path.join(root, "tests/fixtures/agent_api/update_v2.json");
const v2 = JSON.parse(fs.readFileSync(seedPath, "utf8"));
const invalid = structuredClone(v2);
Object.assign(invalid, { name: "", maximumcall: 3 });
Object.assign(invalid.task_extras, { pop_mode: 7, redial_max_times: 9, redial_interval: 99 });
invalid.task_extras.destination_extension_with_variable_list[0].values = ["男", "男"];
const big = structuredClone(v2);
big.is_group_switch = 2;
big.task_extras.destination_extension_with_variable_list = Array.from({ length: 100 }, (_, g) => ({
  mode: g % 2, values: Array.from({ length: 10 }, (_, i) => `关键词-${g}-${i}`), destination_extension: 1000 + g, sort: g,
}));
const ids30 = Array.from({ length: 30 }, (_, i) => `00075047-af8b-4e92-a897-e4ac382a${String(i).padStart(4, "0")}`);
const ids31 = [...ids30, "00075047-af8b-4e92-a897-e4ac382aFFFF"];
const create = { TaskName: "测试任务", AgentId: "1180000", StartType: "IMMEDIATE", CallDay: ["MONDAY", "FRIDAY"],
  CallTime: ['{"startTime":"09:00:00","endTime":"12:00:00"}'], CallRetryTimes: 2, TaskCps: 75 };
const creds = { accessKeyId: "testid", accessKeySecret: "testsecret" };
const client = new Aiccs(creds);
const signOpts = { nonce: "n", timestamp: "2026-11-21T08:00:00Z" };
const kb = (x) => `${(Buffer.byteLength(JSON.stringify(x)) / 1024).toFixed(0)} KB`; // UTF-8 bytes as sent

// ---- timing -----------------------------------------------------------------------------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))]; };
let sink; // results are kept, so no call can be dropped as dead

function runFor(fn, ms) {
  const t = performance.now();
  let n = 0;
  while (performance.now() - t < ms) { for (let i = 0; i < 50; i++) sink = fn(); n += 50; }
  return n;
}

/** µs per call of each subject, and base ÷ ref per round, over interleaved rounds. */
function side(fns, base, ref) {
  const names = Object.keys(fns);
  for (const name of names) runFor(fns[name], 150); // warm-up: let V8 tier up every subject
  const n = {};
  for (const name of names) n[name] = Math.max(1, Math.round((runFor(fns[name], 40) * CHUNK_MS) / 40));
  const us = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(r + j) % names.length];
      const fn = fns[name], count = n[name];
      const t = performance.now();
      for (let i = 0; i < count; i++) sink = fn();
      us[name].push(((performance.now() - t) * 1000) / count);
    }
  }
  const ratios = ref ? us[base].map((x, r) => x / us[ref][r]) : [];
  return {
    med: Object.fromEntries(names.map((k) => [k, median(us[k])])),
    ratio: ref ? median(ratios) : null,
    ratioIqr: ref ? [quantile(ratios, 0.25), quantile(ratios, 0.75)] : null,
  };
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratioText = (s) => `${s.ratio.toFixed(2)}× (${s.ratioIqr[0].toFixed(2)}–${s.ratioIqr[1].toFixed(2)})`;

const rows = [
  [`valid seed v2 task (${kb(v2)})`, "task", v2, true],
  ["invalid task, 6 issues (all collected)", "task", invalid, false],
  [`valid task, 100 groups × 10 values (${kb(big)})`, "task", big, true],
  ["30 record ids", "ids", ids30, true],
  ["31 record ids (1 issue)", "ids", ids31, false],
];

console.log(`make bench — Node ${process.versions.node}, ${os.cpus().length} cores, ${ROUNDS} interleaved rounds of ~${CHUNK_MS} ms per subject; ` +
  `valibot ${version("valibot")}, zod ${version("zod")}, ajv ${version("ajv")} (allErrors), esbuild ${version("esbuild")}`);
console.log("µs per call (median over rounds); aicall ÷ valibot: median of the per-round ratios (interquartile range)\n");
console.log("| payload | aicall µs | valibot | zod | ajv | aicall ÷ valibot |\n|---|---:|---:|---:|---:|---:|");
const issueCounts = {};
for (const [label, kind, input, valid] of rows) {
  const fns = kind === "task"
    ? { aicall: () => AgentApi.validateTaskUpdate(input), ...Object.fromEntries(PEERS.map((p) => [p, () => peers[p].validateTaskUpdate(input)])) }
    : { aicall: () => AgentApi.validateRecordIds(input), ...Object.fromEntries(PEERS.map((p) => [p, () => peers[p].validateRecordIds(input)])) };
  for (const [name, fn] of Object.entries(fns)) {
    const got = fn();
    if ((got.length === 0) !== valid) throw new Error(`${name} says ${got.length ? "invalid" : "valid"} on "${label}"`);
    if (input === invalid) issueCounts[name] = got.length;
  }
  const s = side(fns, "aicall", "valibot");
  console.log(`| ${label} | ${fmt(s.med.aicall)} | ${fmt(s.med.valibot)} | ${fmt(s.med.zod)} | ${fmt(s.med.ajv)} | ${ratioText(s)} |`);
}

// Build + sign: the same request, byte for byte, from aicall and from the node:crypto signer.
const ours = JSON.stringify(client.buildRequest("CreateAiCallTask", create, signOpts));
const theirs = JSON.stringify(signRpc(creds, "CreateAiCallTask", create, signOpts));
if (ours !== theirs) throw new Error(`the node:crypto signer disagrees with aicall:\n${ours}\n${theirs}`);
const sign = side({
  aicall: () => client.buildRequest("CreateAiCallTask", create, signOpts),
  signer: () => signRpc(creds, "CreateAiCallTask", create, signOpts),
}, "aicall", "signer");
const only = side({
  validate: () => Aiccs.validate("CreateAiCallTask", create),
  stringify: () => JSON.stringify(v2),
});
console.log(`| aiccs CreateAiCallTask build + ACS3 sign (byte-identical request) | ${fmt(sign.med.aicall)} | node:crypto signer ${fmt(sign.med.signer)} | | | aicall ÷ signer ${ratioText(sign)} |`);
console.log(`| aiccs CreateAiCallTask validate (part of build above; the signer validates nothing) | ${fmt(only.med.validate)} | | | | |`);
console.log(`| JSON.stringify of the seed v2 body (reference: part of every aicall call) | ${fmt(only.med.stringify)} | | | | |`);
console.log(`\nissues reported on the invalid body: ${Object.entries(issueCounts).map(([k, v]) => `${k} ${v}`).join(", ")}`);

// ---- size -------------------------------------------------------------------------------
const out = fs.mkdtempSync(path.join(os.tmpdir(), "aicall-bench-"));
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const br = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
async function bundle(entryPoint, outfile) {
  const r = await build({ entryPoints: [entryPoint], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "error" });
  const code = Buffer.from(r.outputFiles[0].contents);
  if (outfile) fs.writeFileSync(outfile, code);
  return code;
}
const wasm = fs.readFileSync(path.join(root, "pkg/web/aicall_bg.wasm"));
// The wasm-bindgen glue alone, and the explicit-init browser entry ("aicall/web") with all it
// imports (glue, runtime.js, operations.js); the wasm is fetched beside either.
const bindgen = (await build({ entryPoints: [path.join(root, "pkg/web/aicall.js")], minify: true, format: "esm", write: false, logLevel: "error" })).outputFiles[0].contents;
const glue = await bundle(path.join(root, "pkg/web/index.js"));
const B = (n) => n.toLocaleString("en");
const sizes = [
  ["aicall: wasm + wasm-bindgen glue", wasm.length + bindgen.length, gz(wasm) + gz(bindgen), br(wasm) + br(bindgen),
    `pkg/web/aicall_bg.wasm ${B(wasm.length)} B (gzip ${B(gz(wasm))}, brotli ${B(br(wasm))}) + pkg/web/aicall.js minified ${B(bindgen.length)} B (gzip ${B(gz(bindgen))})`],
  ["aicall: wasm + the whole aicall/web entry", wasm.length + glue.length, gz(wasm) + gz(glue), br(wasm) + br(glue),
    `+ pkg/web/index.js bundled with runtime.js and operations.js: ${B(glue.length)} B (gzip ${B(gz(glue))})`],
];
// "aicall/validate": the validation-only wasm and its entry (glue and runtime.js bundled; the
// base64 copy of the wasm it also ships, for bundlers, left out: the wasm is counted once).
{
  const vwasm = fs.readFileSync(path.join(root, "pkg/validate/aicall_bg.wasm"));
  const ventry = Buffer.from((await build({ entryPoints: [path.join(root, "pkg/validate/index.js")], bundle: true, minify: true, format: "esm",
    platform: "browser", target: "es2022", write: false, logLevel: "error", external: ["./wasm-inline.js"] })).outputFiles[0].contents);
  sizes.push(["aicall/validate: validators-only wasm + its entry", vwasm.length + ventry.length, gz(vwasm) + gz(ventry), br(vwasm) + br(ventry),
    `pkg/validate/aicall_bg.wasm ${B(vwasm.length)} B (gzip ${B(gz(vwasm))}) + pkg/validate/index.js bundled with its glue and runtime.js: ${B(ventry.length)} B (gzip ${B(gz(ventry))})`]);
}
for (const p of PEERS) {
  const code = await bundle(path.join(here, "peers", `${p}.mjs`), path.join(out, `${p}.mjs`));
  sizes.push([`${p} + these rules`, code.length, gz(code), br(code), `bench/peers/${p}.mjs bundled: library, schema, rules.mjs`]);
}
{
  const file = await buildAjvStandalone(out);
  const code = fs.readFileSync(file);
  const m = await import(pathToFileURL(file).href);
  for (const [label, kind, input, valid] of rows) {
    if ((kind === "task" ? m.validateTaskUpdate(input) : m.validateRecordIds(input)) !== valid) throw new Error(`ajv standalone disagrees on "${label}"`);
  }
  sizes.push(["ajv standalone (precompiled)", code.length, gz(code), br(code), "the same schemas as ajv.mjs compiled ahead of time (no ajv compiler shipped), bundled"]);
}
console.log("\n| size (minified with esbuild) | raw B | gzip -9 B | brotli B | what |\n|---|---:|---:|---:|---|");
for (const [name, raw, g, b, what] of sizes) console.log(`| ${name} | ${B(raw)} | ${B(g)} | ${B(b)} | ${what} |`);

// ---- cold start -------------------------------------------------------------------------
// A fresh Node process per run: the time from just before the import to just after the first
// validation of the seed body (reading the fixture is outside the timed part). The empty
// module rows are Node's own share: what any library pays before its first line runs.
const emptyEsm = path.join(out, "empty.mjs");
const emptyCjs = path.join(out, "empty.cjs");
fs.writeFileSync(emptyEsm, "export const AgentApi = { validateTaskUpdate: () => [] };\n");
fs.writeFileSync(emptyCjs, "exports.AgentApi = { validateTaskUpdate: () => [] };\n");
const check = `if (r !== true && !(Array.isArray(r) && r.length === 0)) throw new Error("first validation failed");`; // ajv standalone returns true
const probe = (url) => `
import fs from "node:fs";
const body = JSON.parse(fs.readFileSync(${JSON.stringify(seedPath)}, "utf8"));
const t0 = performance.now();
const m = await import(${JSON.stringify(url)});
const r = m.AgentApi ? m.AgentApi.validateTaskUpdate(body) : m.validateTaskUpdate(body);
const ms = performance.now() - t0;
${check}
console.log(ms);`;
// The same through require() (a CommonJS program): Node's CommonJS loader costs less to start.
const requireProbe = (file) => `
const fs = require("node:fs");
const body = JSON.parse(fs.readFileSync(${JSON.stringify(seedPath)}, "utf8"));
const t0 = performance.now();
const m = require(${JSON.stringify(file)});
const r = m.AgentApi.validateTaskUpdate(body);
const ms = performance.now() - t0;
${check}
console.log(ms);`;
const esm = (name, url) => [name, ["--input-type=module", "-e", probe(url)]];
const cjs = (name, file) => [name, ["-e", requireProbe(file)]];
const cold = [esm("Node alone: import of an empty ES module", pathToFileURL(emptyEsm).href),
  esm("aicall (pkg/node, node build)", pathToFileURL(entry).href),
  esm("aicall/validate (pkg/validate/node, validators only)", pathToFileURL(path.join(root, "pkg/validate/node/index.mjs")).href)];
for (const p of PEERS) cold.push(esm(`${p} bundled`, pathToFileURL(path.join(out, `${p}.mjs`)).href));
cold.push(esm("ajv standalone bundled", pathToFileURL(path.join(out, "ajv-standalone.mjs")).href));
for (const p of PEERS) cold.push(esm(`${p} from node_modules`, pathToFileURL(path.join(here, "peers", `${p}.mjs`)).href));
cold.push(cjs("require(): Node alone, an empty CommonJS file", emptyCjs),
  cjs("require(): aicall (pkg/node/index.cjs)", path.join(root, "pkg/node/index.cjs")),
  cjs("require(): aicall/validate (pkg/validate/node/index.cjs)", path.join(root, "pkg/validate/node/index.cjs")));
const coldMs = cold.map(() => []);
for (let r = 0; r < COLD_RUNS; r++) {
  cold.forEach(([, args], i) => {
    coldMs[i].push(Number(execFileSync(process.execPath, args, { cwd: here, encoding: "utf8" }).trim()));
  });
}
console.log(`\n| cold start: fresh Node process, import + first validation | median ms | min–max (${COLD_RUNS} runs) |\n|---|---:|---:|`);
cold.forEach(([name], i) => {
  const xs = coldMs[i];
  console.log(`| ${name} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} |`);
});

// Where a wasm's share goes, per build, in fresh processes: compiling the module (V8 decodes
// and validates every function up front), and the first validation, which pays for compiling
// each function it reaches (V8 compiles wasm functions lazily, on their first call). Both
// grow with the code's size, so they bound how far the import alone can be made cheaper.
const phasesProbe = (dir) => `
const fs = require("node:fs");
const body = JSON.parse(fs.readFileSync(${JSON.stringify(seedPath)}, "utf8"));
const bytes = fs.readFileSync(${JSON.stringify(path.join(dir, "aicall_bg.wasm"))});
const t0 = performance.now();
new WebAssembly.Module(bytes);
const t1 = performance.now();
const m = require(${JSON.stringify(path.join(dir, "index.cjs"))});
const t2 = performance.now();
m.AgentApi.validateTaskUpdate(body);
const t3 = performance.now();
console.log(JSON.stringify([t1 - t0, t3 - t2]));`;
const phaseRows = [["aicall", path.join(root, "pkg/node")], ["aicall/validate", path.join(root, "pkg/validate/node")]];
console.log(`\n| where the wasm's cold start goes (fresh Node process, median of ${COLD_RUNS}) | compile the module, ms | first validation, ms |\n|---|---:|---:|`);
for (const [name, dir] of phaseRows) {
  const runs = Array.from({ length: COLD_RUNS }, () => JSON.parse(execFileSync(process.execPath, ["-e", phasesProbe(dir)], { encoding: "utf8" })));
  const col = (k) => median(runs.map((x) => x[k])).toFixed(2);
  console.log(`| ${name} | ${col(0)} | ${col(1)} |`);
}
fs.rmSync(out, { recursive: true, force: true });
