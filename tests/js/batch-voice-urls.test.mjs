// AgentApi.batchVoiceUrls (any count, 30 per request) and the single-request builder,
// validator and parser.

import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import {
  loadNode, startEmu, readText, recordingFetch, caught, rejection, assertAicallError, issueKeys, logSince,
  USER_A, HAS_CJK, AGENT_SEED,
} from "./helpers.mjs";

let AgentApi;
let AicallError;
let emu;

before(async () => {
  ({ AgentApi, AicallError } = await loadNode());
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});
beforeEach(() => emu.reset());

const ids = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const batchEntries = (entries) => entries.filter((e) => e.action === "batch_record/download-full-voice");
const idsInUrl = (url) => [...new URL(url).searchParams.entries()].filter(([k]) => /^recordIds\[\d*\]$/.test(k)).map(([, v]) => v);

/** Every distinct input id is in exactly one of urls / failed, and nothing else is. */
function assertPartition(input, result) {
  const urlIds = result.urls.map((u) => u.record_id);
  const failedIds = result.failed.map((f) => f.record_id);
  const all = [...urlIds, ...failedIds];
  assert.equal(new Set(all).size, all.length, "an id is listed twice");
  assert.deepEqual([...new Set(input)].sort(), [...all].sort(), "urls ∪ failed must equal the distinct input ids");
}

describe("batchVoiceUrls against the emulator", () => {
  test("95 rec-* ids, concurrency 2: 95 urls, requests of at most 30 ids, progress ends at done == total", async () => {
    const f = recordingFetch();
    let inFlight = 0;
    let maxInFlight = 0;
    const tracking = async (url, init) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await f(url, init);
      } finally {
        inFlight--;
      }
    };
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: tracking });
    const input = ids("rec-", 95);
    const progress = [];
    const mark = emu.log.length;
    const r = await api.batchVoiceUrls({
      userId: USER_A, taskId: "task-batch", recordIds: input, concurrency: 2, onProgress: (p) => progress.push({ ...p }),
    });

    assert.equal(r.urls.length, 95);
    assert.deepEqual(r.failed, []);
    assertPartition(input, r);
    for (const u of r.urls) {
      assert.equal(typeof u.voice_url, "string");
      assert.ok(u.voice_url.startsWith(`${emu.url}/__emulator/voice?key=`), u.voice_url);
    }

    // What the emulator saw: 4 successful requests of <= 30 ids, 95 in all.
    const seen = batchEntries(logSince(emu, mark));
    assert.equal(seen.length, 4);
    const counts = seen.map((e) => {
      const m = /^code=200 n=(\d+)$/.exec(e.outcome);
      assert.ok(m, `unexpected outcome ${e.outcome}`);
      return Number(m[1]);
    });
    assert.ok(counts.every((n) => n <= 30), counts.join(","));
    assert.equal(counts.reduce((a, b) => a + b, 0), 95);
    // And what was sent (query strings are not in the emulator log).
    assert.equal(f.calls.length, 4);
    const sent = f.calls.flatMap((c) => idsInUrl(c.url));
    for (const c of f.calls) {
      assert.ok(idsInUrl(c.url).length <= 30);
      assert.ok(c.url.startsWith(`${emu.url}/agent-api/user/${USER_A}/task/task-batch/batch_record/download-full-voice?`), c.url);
      assert.equal(c.init.method, "GET");
      assert.equal(c.headers.Authorization, "Bearer test-token");
      assert.equal(c.init.body, undefined);
    }
    assert.deepEqual([...sent].sort(), [...input].sort());
    assert.equal(maxInFlight, 2, `concurrency 2: two requests side by side, saw ${maxInFlight}`);

    assert.ok(progress.length >= 1);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i].done >= progress[i - 1].done, "progress went backwards");
    for (const p of progress) {
      assert.equal(p.total, 95);
      assert.equal(p.succeeded + p.failed, p.done);
    }
    assert.deepEqual(progress.at(-1), { done: 95, total: 95, succeeded: 95, failed: 0 });
  });

  test("a voice_url answers with audio", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-audio", recordIds: ["rec-audio"] });
    const res = await fetch(r.urls[0].voice_url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /^audio\//);
    await res.arrayBuffer();
  });

  test("missing-1 and novoice-2 among 40 ids: those two fail with 50051 / 50061, the other 38 succeed", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const input = ids("rec-mix-", 40);
    input[7] = "missing-1";
    input[33] = "novoice-2";
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-mix", recordIds: input });
    assertPartition(input, r);
    assert.equal(r.urls.length, 38);
    assert.deepEqual(r.failed.map((f) => f.record_id).sort(), ["missing-1", "novoice-2"]);
    const byId = Object.fromEntries(r.failed.map((f) => [f.record_id, f.error]));
    assertAicallError(byId["missing-1"], AicallError, { kind: "api", apiCode: 50051 });
    assertAicallError(byId["novoice-2"], AicallError, { kind: "api", apiCode: 50061 });
  });

  test("missing ids at chunk edges and two in one chunk: each fails on its own with record_not_found", async () => {
    const f = recordingFetch();
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    const input = ids("rec-", 65);
    for (const [i, m] of [[0, "missing-a"], [29, "missing-b"], [30, "missing-c"], [64, "missing-d"]]) input[i] = m;
    input.push("missing-e"); // the last chunk holds missing-d and missing-e
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-edges", recordIds: input, concurrency: 2 });
    assertPartition(input, r);
    assert.deepEqual(r.failed.map((x) => x.record_id).sort(), ["missing-a", "missing-b", "missing-c", "missing-d", "missing-e"]);
    assert.equal(r.urls.length, 61);
    for (const x of r.failed) {
      assertAicallError(x.error, AicallError, { kind: "api", apiCode: 50051, code: "record_not_found" });
      assert.ok(x.error.message.includes(x.record_id), x.error.message);
    }
    for (const c of f.calls) assert.ok(idsInUrl(c.url).length <= 30);
  });

  test("the seeded task: a record with a recording and one without", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const r = await api.batchVoiceUrls({
      userId: AGENT_SEED.USER_B, taskId: AGENT_SEED.TASK_B, recordIds: [AGENT_SEED.RECORD_B_VOICE, AGENT_SEED.RECORD_B_NOVOICE],
    });
    assert.deepEqual(r.urls.map((u) => u.record_id), [AGENT_SEED.RECORD_B_VOICE]);
    assert.deepEqual(r.failed.map((f) => [f.record_id, f.error.apiCode]), [[AGENT_SEED.RECORD_B_NOVOICE, 50061]]);
  });

  test("repeated ids are asked for once and reported once", async () => {
    const f = recordingFetch();
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    const input = ["rec-a", "rec-b", "rec-a", "missing-x", "missing-x"];
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-dup", recordIds: input });
    assertPartition(input, r);
    assert.deepEqual(r.urls.map((u) => u.record_id).sort(), ["rec-a", "rec-b"]);
    assert.deepEqual(r.failed.map((x) => x.record_id), ["missing-x"]);
    for (const c of f.calls) {
      const sent = idsInUrl(c.url);
      assert.equal(new Set(sent).size, sent.length, "an id was sent twice in one request");
    }
  });

  test("concurrency 1 with repeated ids: one request at a time, each distinct id asked once", async () => {
    const f = recordingFetch();
    let inFlight = 0;
    let maxInFlight = 0;
    const tracking = async (url, init) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await f(url, init);
      } finally {
        inFlight--;
      }
    };
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: tracking });
    const input = [...ids("rec-", 61), ...ids("rec-", 5)];
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-dup", recordIds: input, concurrency: 1 });
    assertPartition(input, r);
    assert.equal(r.urls.length, 61);
    assert.equal(f.calls.length, 3);
    assert.equal(maxInFlight, 1);
    assert.deepEqual(f.calls.flatMap((c) => idsInUrl(c.url)).sort(), ids("rec-", 61).sort());
  });

  test("unknown task: every id fails with 5002", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const input = ids("rec-", 3);
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "no-such-task", recordIds: input });
    assertPartition(input, r);
    assert.equal(r.urls.length, 0);
    for (const x of r.failed) assertAicallError(x.error, AicallError, { kind: "api", apiCode: 5002, code: "task_not_found" });
  });

  test("bad token: every id fails with HTTP 401", async () => {
    const api = new AgentApi({ token: "nope", baseUrl: emu.url });
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: ["rec-1", "rec-2"] });
    assert.equal(r.urls.length, 0);
    for (const x of r.failed) assertAicallError(x.error, AicallError, { kind: "http", status: 401 });
  });

  test("fault-500: the GET is retried, then every id fails with kind http 500", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const mark = emu.log.length;
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "fault-500", recordIds: ["rec-1", "rec-2"] });
    assertPartition(["rec-1", "rec-2"], r);
    for (const x of r.failed) assertAicallError(x.error, AicallError, { kind: "http", status: 500, retryable: true });
    const attempts = logSince(emu, mark).filter((e) => e.outcome === "fault-500").length;
    assert.ok(attempts >= 1 && attempts <= 3, `${attempts} attempts`);
  });

  test("fault-html-200: ids fail with kind parse", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "fault-html-200", recordIds: ["rec-1"] });
    assertAicallError(r.failed[0].error, AicallError, { kind: "parse", status: 200 });
  });

  test("an already aborted signal: no request, ids reported as aborted (or the promise rejects)", async () => {
    const f = recordingFetch();
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    const input = ids("rec-", 40);
    try {
      const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: input, signal: AbortSignal.abort() });
      assertPartition(input, r);
      for (const x of r.failed) assertAicallError(x.error, AicallError, { kind: "aborted" });
      assert.equal(r.urls.length, 0);
    } catch (e) {
      assertAicallError(e, AicallError, { kind: "aborted" });
    }
    assert.equal(f.calls.length, 0);
  });

  test("a 503 answer is retried (GET) and then every id arrives; a throwing onProgress is still called per request", async () => {
    let served = 0;
    const f = recordingFetch(async (url) => {
      if (served++ === 0) return new Response("<html><body>503 busy</body></html>", { status: 503 });
      const batch_url = idsInUrl(url).map((id) => ({ record_id: id, voice_url: `https://cdn.example/${id}.wav` }));
      return new Response(JSON.stringify({ code: 200, status: "success", message: "ok", data: { batch_url } }), { status: 200 });
    });
    let reports = 0;
    const api = new AgentApi({ token: "t", fetch: f });
    const input = ids("rec-", 40);
    const r = await api.batchVoiceUrls({
      userId: "u", taskId: "t", recordIds: input, concurrency: 1, onProgress: () => { reports++; throw new Error("ui bug"); },
    });
    assertPartition(input, r);
    assert.equal(r.urls.length, 40);
    assert.equal(f.calls.length, 3, "2 chunks + 1 retry");
    assert.equal(reports, 2);
  });

  test("a throwing onProgress does not lose results", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const input = ids("rec-", 31);
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: input, onProgress: () => { throw new Error("ui bug"); } });
    assert.equal(r.urls.length, 31);
  });

  test("an async onProgress that rejects neither loses results nor becomes an unhandled rejection", async () => {
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
      let reports = 0;
      const thenable = { get then() { throw new Error("ui bug in a getter"); } };
      const r = await api.batchVoiceUrls({
        userId: USER_A, taskId: "task-x", recordIds: ids("rec-", 61), concurrency: 1,
        onProgress: async () => { reports++; if (reports === 2) return thenable; throw new Error("ui bug"); },
      });
      assert.deepEqual([r.urls.length, r.failed.length, reports], [61, 0, 3]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  const INVALID = [
    ["an empty list", [], "recordIds:too_small"],
    ["non-string ids", ["rec-1", 2, null], "recordIds[1]:invalid_type"],
    ["an empty string id", ["rec-1", ""], "recordIds[1]:too_small"],
    ["not an array", "rec-1", "recordIds:invalid_type"],
    ["missing", undefined, "recordIds:required"],
  ];
  for (const [what, recordIds, key] of INVALID) {
    test(`${what} -> validation error before any request`, async () => {
      const f = recordingFetch();
      const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
      const e = await rejection(api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds }));
      assertAicallError(e, AicallError, { kind: "validation", code: "validation_failed" });
      assert.ok(issueKeys(e.issues).includes(key), issueKeys(e.issues).join(" "));
      assert.equal(f.calls.length, 0);
    });
  }

  test("non-string ids: every bad index is reported", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const e = await rejection(api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: [1, "ok", {}, true] }));
    assert.deepEqual(e.issues.map((i) => i.path), ["recordIds[0]", "recordIds[2]", "recordIds[3]"]);
  });

  test("bad concurrency values are validation errors", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    for (const concurrency of [0, -1, 1000, "2", NaN]) {
      const e = await rejection(api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: ["rec-1"], concurrency }));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.equal(e.issues[0].path, "concurrency");
    }
  });

  // Regression: an earlier build blamed rec-1 because the 50051 message names missing-rec-1.
  test("an id that is a substring of the failing id is not blamed", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const input = ["rec-1", "missing-rec-1", "rec-2"];
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-sub", recordIds: input });
    assertPartition(input, r);
    assert.deepEqual(r.urls.map((u) => u.record_id).sort(), ["rec-1", "rec-2"]);
    assert.deepEqual(r.failed.map((f) => [f.record_id, f.error.apiCode]), [["missing-rec-1", 50051]]);
  });

  // Regression: an earlier build dropped ids missing from a 200 answer and added ids not asked for.
  test("an answer that leaves out an id (or adds one) keeps the partition", async () => {
    const fake = async (url) => {
      const asked = idsInUrl(url);
      const batch_url = asked.slice(1).map((id) => ({ record_id: id, voice_url: `https://cdn.example/${id}.wav` }));
      batch_url.push({ record_id: "never-asked", voice_url: "https://cdn.example/x.wav" });
      return new Response(JSON.stringify({ code: 200, status: "success", message: "ok", data: { batch_url } }), { status: 200 });
    };
    const api = new AgentApi({ token: "t", fetch: fake });
    const input = ["a", "b", "c"];
    const r = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: input });
    assertPartition(input, r);
    assert.deepEqual(r.urls.map((u) => u.record_id), ["b", "c"]);
    assert.equal(r.failed[0].record_id, "a");
    assertAicallError(r.failed[0].error, AicallError, {});
  });
});

describe("single-request builder, validator and parser", () => {
  test("buildBatchVoiceUrls with 31 ids -> validation issue at recordIds[30]", () => {
    const api = new AgentApi({ token: "t" });
    const e = caught(() => api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ids("r", 31) }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.deepEqual(issueKeys(e.issues), ["recordIds[30]:too_big"]);
  });

  test("buildBatchVoiceUrls: the exact URL, the Bearer header and no body key", () => {
    const api = new AgentApi({ token: "tok-1", baseUrl: "https://agent.test" });
    const req = api.buildBatchVoiceUrls({ userId: "u1", taskId: "t1", recordIds: ["a", "b c", "d/é"], subUserId: "s1" });
    assert.equal(req.method, "GET");
    assert.equal(req.url, "https://agent.test/agent-api/user/u1/task/t1/batch_record/download-full-voice"
      + "?recordIds%5B%5D=a&recordIds%5B%5D=b%20c&recordIds%5B%5D=d%2F%C3%A9&sub_user_id=s1");
    assert.equal(req.headers.Authorization, "Bearer tok-1");
    assert.ok(!("body" in req), "a GET request has no body key");
  });

  test("buildBatchVoiceUrls: a missing taskId or recordIds is named", () => {
    const api = new AgentApi({ token: "t" });
    const e1 = caught(() => api.buildBatchVoiceUrls({ userId: "u1", recordIds: ["a"] }));
    assertAicallError(e1, AicallError, { kind: "validation" });
    assert.ok(e1.issues.some((i) => i.path === "taskId"), issueKeys(e1.issues).join(" "));
    const e2 = caught(() => api.buildBatchVoiceUrls({ userId: "u1", taskId: "t" }));
    assert.deepEqual(e2.issues.map((i) => i.path), ["recordIds"]);
  });

  test("buildBatchVoiceUrls with 30 ids: a GET the emulator answers, parsed by parseBatchVoiceUrls", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const input = ids("rec-b", 30);
    const req = api.buildBatchVoiceUrls({ userId: USER_A, taskId: "task-build", recordIds: input, subUserId: "sub 1" });
    assert.equal(req.method, "GET");
    assert.equal(req.body, undefined);
    assert.deepEqual(idsInUrl(req.url), input);
    assert.equal(new URL(req.url).searchParams.get("sub_user_id"), "sub 1");
    const res = await fetch(req.url, req);
    const list = AgentApi.parseBatchVoiceUrls(res.status, await res.text());
    assert.deepEqual(list.map((x) => x.record_id), input);
  });

  test("ids with reserved characters survive the query string", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const input = ["rec-a b", "rec-c&d=e", "rec-f#g", "rec-中文", "rec-+%"];
    const req = api.buildBatchVoiceUrls({ userId: USER_A, taskId: "task-chars", recordIds: input });
    assert.deepEqual(idsInUrl(req.url), input);
    const res = await fetch(req.url, req);
    assert.deepEqual(AgentApi.parseBatchVoiceUrls(res.status, await res.text()).map((x) => x.record_id), input);
  });

  test("AgentApi.validateRecordIds", () => {
    assert.deepEqual(AgentApi.validateRecordIds(["a"]), []);
    assert.deepEqual(AgentApi.validateRecordIds(ids("r", 30)), []);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds(ids("r", 31))), ["recordIds[30]:too_big"]);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds([])), ["recordIds:too_small"]);
    // Blank ids are refused whichever way the list is read (the quick scan or the general check).
    for (const blank of [" ", "\u3000", "\u00a0"]) {
      assert.deepEqual(issueKeys(AgentApi.validateRecordIds([blank])), ["recordIds[0]:too_small"], JSON.stringify(blank));
      assert.deepEqual(issueKeys(AgentApi.validateRecordIds([blank, "a\\b"])), ["recordIds[0]:too_small"]);
    }
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds(["a", "b", "a"])), ["recordIds[2]:duplicate"]);
    assert.deepEqual(AgentApi.validateRecordIds(["录音-1", " a "]), []);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds(["a", "b", "a"])), ["recordIds[2]:duplicate"]);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds(["a", "b", "a", "b", "c"])), ["recordIds[2]:duplicate", "recordIds[3]:duplicate"]);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds(["a", 7])), ["recordIds[1]:invalid_type"]);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds(["a", 5, null, {}, [], true, ""])), [
      "recordIds[1]:invalid_type", "recordIds[2]:invalid_type", "recordIds[3]:invalid_type", "recordIds[4]:invalid_type",
      "recordIds[5]:invalid_type", "recordIds[6]:too_small",
    ]);
    assert.deepEqual(issueKeys(AgentApi.validateRecordIds("a")), ["recordIds:invalid_type"]);
    const zh = AgentApi.validateRecordIds([], { locale: "zh-CN" });
    assert.match(zh[0].message, HAS_CJK);
    const zh31 = AgentApi.validateRecordIds(ids("r", 31), { locale: "zh-CN" });
    assert.match(zh31[0].message, /最多/);
  });

  test("parseBatchVoiceUrls on the seed answer", () => {
    const list = AgentApi.parseBatchVoiceUrls(200, readText("agent_api/batch_voice_ok.json"));
    const raw = JSON.parse(readText("agent_api/batch_voice_ok.json")).data.batch_url;
    assert.deepEqual(list, raw);
    assert.ok(list.length >= 1);
    for (const x of list) assert.deepEqual(Object.keys(x).sort(), ["record_id", "voice_url"]);
  });

  test("parseBatchVoiceUrls: vendor errors and broken bodies", () => {
    const e1 = caught(() => AgentApi.parseBatchVoiceUrls(200, '{"code":50051,"status":"error","message":"该任务下的通话记录ID-x-不存在","data":[]}'));
    assertAicallError(e1, AicallError, { kind: "api", apiCode: 50051 });
    const e2 = caught(() => AgentApi.parseBatchVoiceUrls(401, '{"code":401,"status":"error","message":"Unauthenticated.","data":[]}'));
    assertAicallError(e2, AicallError, { kind: "http", status: 401 });
    const e3 = caught(() => AgentApi.parseBatchVoiceUrls(200, '{"code":200,"status":"success","data":{}}'));
    assertAicallError(e3, AicallError, { kind: "parse" });
    const e4 = caught(() => AgentApi.parseBatchVoiceUrls(200, ""));
    assertAicallError(e4, AicallError, { kind: "parse" });
  });
});
