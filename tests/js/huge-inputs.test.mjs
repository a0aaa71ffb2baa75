// Issue 11, item 2: the entry points that used to do quadratic work on large inputs answer
// 100,000-item inputs with their issues (linear work), and nothing is sent. The timeout is
// only a guard against a hang; speed is measured in `make bench`, not here.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadNode, rejection, caught, assertAicallError } from "./helpers.mjs";

let AgentApi;
let Aiccs;
let AicallError;
before(async () => {
  ({ AgentApi, Aiccs, AicallError } = await loadNode());
});

const N = 100_000;
const ids = Array.from({ length: N }, (_, i) => `x${i}`);
let sent = 0;
const fetch = () => { sent++; return Promise.reject(new Error("must not be sent")); };

test("100,000-item inputs are answered with issues and nothing is sent", { timeout: 120_000 }, async () => {
  const api = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9", fetch });
  const aiccs = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch });

  const agentIds = caught(() => aiccs.buildRequest("GetHotlineServiceStatistics", { InstanceId: "i", AgentIds: ids }));
  assertAicallError(agentIds, AicallError, { kind: "validation" });
  assert.equal(agentIds.issues.length, N);

  const batch = caught(() => api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ids }));
  assert.deepEqual(batch.issues.map((i) => `${i.path}:${i.code}`), ["recordIds[30]:too_big"]);

  const numbers = await rejection(aiccs.call("ImportTaskNumberDatas", { TaskId: "t", DataType: "JSON", PhoneNumberList: ids.map((p) => ({ calleeNumber: p })) }));
  assert.deepEqual(numbers.issues.map((i) => `${i.path}:${i.code}`), ["PhoneNumberList[1000]:too_big"]);

  const body = {
    name: "n", destination_extension: 1, dial_time_id: 1, maximumcall: 1,
    task_extras: { start_time: "2024-11-01 13:25:26", stop_time: "2025-11-01 13:25:26", pop_mode: 1, line: ids.map((id) => ({ id, limit: 1 })), holiday: [] },
  };
  const update = caught(() => api.buildUpdateTask({ userId: "u", taskId: "t", body }));
  // 100,000 distinct line objects (none repeated) over maximumcall 1: one issue, found without comparing every pair.
  assert.deepEqual(update.issues.map((i) => `${i.path}:${i.code}`), ["maximumcall:not_divisible"]);

  assert.equal(sent, 0);
});
