// `make bench`: batchVoiceUrls over 10⁴, 10⁵ and 10⁶ distinct ids against an instant fetch
// (answers every id it is asked for). The time per id must stay flat as the count grows:
// planning, de-duplication and matching answers are linear.
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
