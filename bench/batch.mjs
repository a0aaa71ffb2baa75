// `make bench`: batchVoiceUrls over 10⁴, 10⁵ and 10⁶ distinct ids and addNumbers over as many
// rows, against an instant fetch (answers every id it is asked for; accepts every chunk of
// rows), and AgentApi.validate on the same rows. The time per item must stay flat as the
// count grows: planning, de-duplication, matching answers and the wasm memory are linear.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { AgentApi } = await import(path.join(root, "pkg/node/index.mjs"));

function instantFetch(url) {
  const ids = new URL(url).searchParams.getAll("recordIds[]");
  const body = JSON.stringify({ code: 200, status: "success", message: "ok",
    data: { batch_url: ids.map((id) => ({ record_id: id, voice_url: `https://v/${id}` })) } });
  return Promise.resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve(body) });
}

const api = new AgentApi({ token: "bench-token", baseUrl: "http://127.0.0.1:9", fetch: instantFetch });
console.log("\n| batchVoiceUrls, instant fetch | seconds | µs per id | requests |\n|---|---:|---:|---:|");
for (const n of [1e4, 1e5, 1e6]) {
  const recordIds = Array.from({ length: n }, (_, i) => `rec-${i}`);
  let requests = 0;
  const t = performance.now();
  const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 8, onProgress: () => { requests++; } });
  const s = (performance.now() - t) / 1000;
  if (urls.length + failed.length !== n || failed.length) throw new Error(`lost ids: ${urls.length} + ${failed.length} != ${n}`);
  console.log(`| ${n.toLocaleString("en")} ids | ${s.toFixed(2)} | ${((s * 1e6) / n).toFixed(2)} | ${requests} |`);
}

// addNumbers: any count of rows, 100 per request; every row ends in `added` or `failed`.
function acceptingFetch() {
  const body = JSON.stringify({ code: 200, status: "success", message: "ok", data: [] });
  return Promise.resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve(body) });
}
const rowsApi = new AgentApi({ token: "bench-token", baseUrl: "http://127.0.0.1:9", fetch: acceptingFetch });
const rowsOf = (n) => Array.from({ length: n }, (_, i) => ({ phone: `1${String(i).padStart(10, "0")}` }));
console.log("\n| addNumbers, instant fetch | seconds | µs per row | requests |\n|---|---:|---:|---:|");
for (const n of [1e4, 1e5, 1e6]) {
  const data = rowsOf(n);
  let requests = 0;
  const t = performance.now();
  const { added, failed } = await rowsApi.addNumbers({ userId: "u", taskId: "t", body: { data }, concurrency: 8, onProgress: () => { requests++; } });
  const s = (performance.now() - t) / 1000;
  if (added.length + failed.length !== n || failed.length) throw new Error(`lost rows: ${added.length} + ${failed.length} != ${n}`);
  console.log(`| ${n.toLocaleString("en")} rows | ${s.toFixed(2)} | ${((s * 1e6) / n).toFixed(2)} | ${requests} |`);
}

console.log("\n| AgentApi.validate(\"addNumbers\", …), no I/O | seconds | µs per row |\n|---|---:|---:|");
for (const n of [1e4, 1e5, 1e6]) {
  const data = rowsOf(n);
  const t = performance.now();
  const issues = AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data } });
  const s = (performance.now() - t) / 1000;
  if (issues.length) throw new Error(`unexpected issues: ${JSON.stringify(issues.slice(0, 2))}`);
  console.log(`| ${n.toLocaleString("en")} rows | ${s.toFixed(2)} | ${((s * 1e6) / n).toFixed(2)} |`);
}
