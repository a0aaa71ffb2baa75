// `make bench`: µs per call from Node, median of 7 rounds, next to the peer baselines in
// shared/notes/peer-baselines.md (zod / valibot / ajv on the same rules, same machine kind).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const t0 = performance.now();
const { AgentApi, Aiccs } = await import(path.join(root, "pkg/node/index.mjs"));
const v2 = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/agent_api/update_v2.json"), "utf8"));
AgentApi.validateTaskUpdate(v2);
const cold = performance.now() - t0;

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
const client = new Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret" });

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
function bench(fn, n) {
  for (let i = 0; i < Math.min(n, 2000); i++) fn();
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    rounds.push(((performance.now() - t) / n) * 1000);
  }
  return median(rounds);
}

const rows = [
  ["valid task (seed v2 example)", () => AgentApi.validateTaskUpdate(v2), 20000, "1.8 (ajv) / 8.7 (valibot) / 12.3 (zod)"],
  ["invalid task (6 issues, all collected)", () => AgentApi.validateTaskUpdate(invalid), 20000, "2.3 (ajv) / 12.0 (valibot) / 28.6 (zod)"],
  ["valid task, 100 groups × 10 values", () => AgentApi.validateTaskUpdate(big), 1000, "84 (ajv) / 157 (valibot) / 249 (zod)"],
  ["30 valid record ids", () => AgentApi.validateRecordIds(ids30), 20000, "4.2 (ajv) / 5.6 (valibot) / 7.2 (zod)"],
  ["31 record ids (invalid)", () => AgentApi.validateRecordIds(ids31), 20000, "4.6 (ajv) / 5.9 (valibot) / 1.3 (zod)"],
  ["aiccs CreateAiCallTask validate", () => Aiccs.validate("CreateAiCallTask", create), 20000, "—"],
  ["aiccs CreateAiCallTask build + v3 sign", () => client.buildRequest("CreateAiCallTask", create, { nonce: "n", timestamp: "2026-11-21T08:00:00Z" }), 10000, "—"],
  ["JSON.stringify of the seed v2 example (reference)", () => JSON.stringify(v2), 20000, "—"],
];

console.log(`cold start (import + wasm instantiate + first validation): ${cold.toFixed(1)} ms`);
console.log("\n| payload | aicall µs (median of 7) | peers µs (notes) |\n|---|---:|---|");
for (const [name, fn, n, peers] of rows) console.log(`| ${name} | ${bench(fn, n).toFixed(1)} | ${peers} |`);
const wasm = fs.statSync(path.join(root, "pkg/web/aicall_bg.wasm")).size;
console.log(`\nwasm: ${wasm} bytes raw`);
