// Operations as data: the metadata both classes export, the generic `call` / `buildRequest`
// of the Agent API, and the retry policy the core decides (Retry-After, writes vs reads).

import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import { loadNode, startEmu, readJson, rejection, assertAicallError, issueKeys, USER_A, TASK_A } from "./helpers.mjs";

let AgentApi;
let Aiccs;
let AicallError;
let emu;

before(async () => {
  ({ AgentApi, Aiccs, AicallError } = await loadNode());
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});
beforeEach(() => emu.reset());

const v2 = () => readJson("agent_api/update_v2.json");

/** A fetch that answers from a list of { status, body, headers } in turn, recording each call. */
function scripted(answers) {
  const calls = [];
  const fetch = (url, init) => {
    calls.push({ url, init, at: Date.now() });
    const a = answers[Math.min(calls.length - 1, answers.length - 1)];
    const headers = new Headers(a.headers ?? {});
    return Promise.resolve({ status: a.status, headers, text: () => Promise.resolve(a.body) });
  };
  return { fetch, calls };
}

const okUrls = (ids) => JSON.stringify({ code: 200, status: "success", message: "ok", data: { batch_url: ids.map((id) => ({ record_id: id, voice_url: `https://v/${id}` })) } });

describe("AgentApi.operations()", () => {
  test("lists every operation with method, path, retry safety and typed params", () => {
    const ops = AgentApi.operations();
    assert.equal(ops.length, 32);
    assert.ok(ops.some((o) => o.name === "listTasks" && o.paged && o.params.some((p) => p.name === "query")));
    const update = ops.find((o) => o.name === "updateTask");
    assert.equal(update.method, "PUT");
    assert.equal(update.path, "/agent-api/new/user/{user_id}/task/{task_id}");
    assert.equal(update.idempotent, false);
    assert.deepEqual(update.params.map((p) => [p.name, p.in, p.required]), [
      ["userId", "path", true], ["taskId", "path", true], ["subUserId", "body", false], ["body", "body", true],
    ]);
    const add = ops.find((o) => o.name === "addNumbers");
    assert.deepEqual(add.batch, { param: "body.data", perRequest: 100 });
    // The method takes any count: the per-request limit is in `batch`, not in the type.
    assert.equal(add.params.find((p) => p.name === "body").type.fields.find((f) => f.name === "data").type.maxItems, undefined);
    const body = update.params.find((p) => p.name === "body").type;
    assert.equal(body.kind, "variants");
    const pop = body.variants.v2.fields.find((f) => f.name === "task_extras").type.fields.find((f) => f.name === "pop_mode");
    assert.deepEqual(pop.type.values, [0, 1, 2]);
    const batch = ops.find((o) => o.name === "batchVoiceUrls");
    assert.deepEqual([batch.method, batch.idempotent, batch.batch], ["GET", true, { param: "recordIds", perRequest: 30 }]);
    const ids = batch.params.find((p) => p.name === "recordIds");
    assert.deepEqual([ids.in, ids.style, ids.wire, ids.type.maxItems, ids.type.unique], ["query", "brackets", "recordIds[]", undefined, true]);
  });

  test("returns a fresh copy, and every operation has its method on the prototype", () => {
    const a = AgentApi.operations();
    a[0].name = "changed";
    assert.equal(AgentApi.operations()[0].name, "checkToken");
    for (const op of AgentApi.operations()) assert.equal(typeof AgentApi.prototype[op.name], "function", op.name);
    for (const op of Aiccs.operations()) assert.equal(typeof Aiccs.prototype[op.clientMethod], "function", op.clientMethod);
  });
});

describe("AgentApi.call and buildRequest", () => {
  test("call(name, args) is the named method", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const out = await api.call("updateTask", { userId: USER_A, taskId: TASK_A, body: v2() });
    assert.equal(out, undefined);
    const ids = ["00075047-af8b-4e92-a897-e4ac382acc6a"];
    const { urls, failed } = await api.call("batchVoiceUrls", { userId: USER_A, taskId: TASK_A, recordIds: ids });
    assert.equal(urls.length + failed.length, 1);
  });

  test("buildRequest(name, args) equals the named builder", () => {
    const api = new AgentApi({ token: "t", baseUrl: "http://h" });
    const args = { userId: "u", taskId: "t", recordIds: ["a", "b"], subUserId: "s" };
    assert.deepEqual(api.buildRequest("batchVoiceUrls", args), api.buildBatchVoiceUrls(args));
    assert.deepEqual(api.buildRequest("updateTask", { userId: "u", taskId: "t", body: v2() }), api.buildUpdateTask({ userId: "u", taskId: "t", body: v2() }));
  });

  test("an unknown operation or argument is a validation error naming it, and nothing is sent", async () => {
    let sent = 0;
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch: () => { sent++; throw new Error("must not be called"); } });
    const e = await rejection(api.call("updateTasks", { userId: "u", taskId: "t", body: v2() }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.deepEqual(issueKeys(e.issues), ["name:unknown_action"]);
    assert.match(e.issues[0].message, /updateTask/);
    const e2 = await rejection(api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"], recordId: "b" }));
    assert.deepEqual(issueKeys(e2.issues), ["recordId:unknown_field"]);
    assert.match(e2.issues[0].message, /did you mean "recordIds"/);
    const e3 = await rejection(api.call("updateTask", { userId: "u", taskId: "t", body: v2(), varient: "legacy", locale: "zh-CN" }));
    assert.deepEqual(issueKeys(e3.issues), ["varient:unknown_field"]);
    assert.equal(sent, 0);
  });
});

describe("retry policy (decided in the core)", () => {
  test("Retry-After is honoured on a 429, and the read is sent again", async () => {
    const { fetch, calls } = scripted([
      { status: 429, body: "{}", headers: { "retry-after": "1" } },
      { status: 200, body: okUrls(["a"]) },
    ]);
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const { urls } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
    assert.deepEqual(urls.map((u) => u.record_id), ["a"]);
    assert.equal(calls.length, 2);
    const waited = calls[1].at - calls[0].at;
    assert.ok(waited >= 950, `waited ${waited} ms for Retry-After: 1`);
  });

  test("a Retry-After beyond 30 s is not waited for: the error comes back", async () => {
    const { fetch, calls } = scripted([{ status: 429, body: "{}", headers: { "retry-after": "120" } }]);
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const t = Date.now();
    const { failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
    assert.equal(calls.length, 1);
    assert.ok(Date.now() - t < 1000);
    assertAicallError(failed[0].error, AicallError, { kind: "http", status: 429 });
  });

  test("a 5xx is sent again for a read (at most 3 attempts) but never for a write", async () => {
    const five = () => scripted([{ status: 503, body: "busy" }]);
    const read = five();
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch: read.fetch });
    const { failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
    assert.equal(read.calls.length, 3);
    assertAicallError(failed[0].error, AicallError, { kind: "http", status: 503 });
    const write = five();
    const api2 = new AgentApi({ token: "t", baseUrl: "http://h", fetch: write.fetch });
    await rejection(api2.updateTask({ userId: "u", taskId: "t", body: v2() }));
    assert.equal(write.calls.length, 1);
  });

  test("a retry budget per client: when the service keeps failing, calls stop retrying", async () => {
    let calls = 0;
    const fetch = () => { calls++; return Promise.reject(new TypeError("fetch failed")); };
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const recordIds = Array.from({ length: 3000 }, (_, i) => `r${i}`);
    const t = Date.now();
    const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 8 });
    assert.deepEqual([urls.length, failed.length], [0, 3000]);
    // 100 requests; the budget (100 tokens, 5 per retry) pays for 20 retries in all.
    assert.ok(calls >= 100 && calls <= 120, `${calls} fetch calls`);
    assert.ok(Date.now() - t < 5000, "the batch did not wait through 100 backoffs");
    assertAicallError(failed[0].error, AicallError, { kind: "network", retryable: true });
  });

  test("the retry budget is not drained by a server that fails only first attempts", async () => {
    // Every request fails once (503, retry at once) and then succeeds: each success after
    // a retry gives back what the retry took. (It gave back 1 of 5: 25 requests drained it.)
    const seen = new Set();
    let calls = 0;
    const fetch = async (url) => {
      calls++;
      const ids = new URL(url).searchParams.getAll("recordIds[]");
      const key = ids.join(",");
      if (!seen.has(key)) {
        seen.add(key);
        return new Response("busy", { status: 503, headers: { "retry-after": "0" } });
      }
      return new Response(JSON.stringify({ code: 200, status: "success", message: "", data: { batch_url: ids.map((id) => ({ record_id: id, voice_url: `https://v/${id}` })) } }));
    };
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const recordIds = Array.from({ length: 1800 }, (_, i) => `r${i}`);
    const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 1 });
    assert.deepEqual([urls.length, failed.length, calls], [1800, 0, 120]);
  });

  test("ids of one failed request share one AicallError", async () => {
    const { fetch } = scripted([{ status: 200, body: JSON.stringify({ code: 5002, status: "error", message: "任务不存在", data: [] }) }]);
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const recordIds = Array.from({ length: 45 }, (_, i) => `r${i}`);
    const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 1 });
    assert.equal(urls.length, 0);
    assert.equal(failed.length, 45);
    assert.equal(failed[0].error, failed[29].error);
    // The second request is not sent (the task is gone for it too): its ids fail with the
    // same refusal, in an error of their own that says they were not sent.
    assert.notEqual(failed[0].error, failed[30].error);
    assertAicallError(failed[44].error, AicallError, { kind: "api", code: "task_not_found", apiCode: 5002 });
    assert.ok(!failed[44].error.outcomeUnknown);
  });

  test("a batch that ends does not wait out another request's Retry-After", async () => {
    // The first request is throttled for 25 s; the second is refused (the token): the batch
    // is over, and the throttled request is not retried, so nothing is left to wait for.
    let calls = 0;
    const fetch = async () => {
      calls++;
      if (calls === 1) return new Response("slow down", { status: 429, headers: { "retry-after": "25" } });
      await new Promise((r) => setTimeout(r, 20));
      return new Response(JSON.stringify({ message: "Unauthenticated." }), { status: 401 });
    };
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const recordIds = Array.from({ length: 90 }, (_, i) => `r${i}`);
    const t = Date.now();
    const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 2 });
    assert.ok(Date.now() - t < 5000, `the batch took ${Date.now() - t} ms`);
    assert.deepEqual([urls.length, failed.length, calls], [0, 90, 2]);
    assertAicallError(failed[0].error, AicallError, { code: "unauthorized" });
  });

  test("many requests at once on one signal: no listener warning, and an abort stops them all", async () => {
    // One listener on the caller's signal for the whole batch (Node warns past 10 on one
    // AbortSignal: it took one per request in flight).
    const warnings = [];
    const onWarning = (w) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      let calls = 0;
      const fetch = (url, init) => new Promise((resolve, reject) => {
        calls++;
        const ids = new URL(url).searchParams.getAll("recordIds[]");
        if (calls === 40) setTimeout(() => controller.abort(), 5);
        const done = setTimeout(() => resolve(new Response(okUrls(ids))), calls < 40 ? 5 : 60_000);
        init.signal.addEventListener("abort", () => { clearTimeout(done); reject(init.signal.reason); });
      });
      const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch, timeoutMs: 120_000 });
      const recordIds = Array.from({ length: 30 * 200 }, (_, i) => `r${i}`);
      const t = Date.now();
      const { urls, failed } = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 16, signal: controller.signal });
      assert.ok(Date.now() - t < 10_000, `the abort took ${Date.now() - t} ms`);
      assert.equal(urls.length + failed.length, recordIds.length);
      assert.ok(failed.length > 0 && failed.every((f) => f.error.code === "aborted"));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings.filter((w) => w === "MaxListenersExceededWarning"), []);
    } finally {
      process.off("warning", onWarning);
    }
  });

  test("an abort inside fetch, which then throws: the call rejects aborted, nothing else rejects", async () => {
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      for (const signalFirst of [true, false]) {
        const ac = new AbortController();
        const fetch = () => { ac.abort(); throw new TypeError("offline"); };
        const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
        const aiccs = new Aiccs({ accessKeyId: "id", accessKeySecret: "s", fetch });
        const calls = signalFirst
          ? [api.getTask({ userId: "u", taskId: "t", signal: ac.signal })]
          : [aiccs.call("GetAiOutboundTaskProgress", { InstanceId: "i", TaskId: 1 }, { signal: ac.signal }),
             api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a", "b"], signal: ac.signal })];
        for (const c of await Promise.allSettled(calls)) {
          const e = c.status === "rejected" ? c.reason : c.value.failed[0].error;
          assertAicallError(e, AicallError, { code: "aborted" });
        }
      }
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("an abort event stops the call as aborted (not retried), whatever `aborted` says after", async () => {
    let calls = 0;
    const ac = new AbortController();
    const fetch = (u, init) => {
      calls++;
      if (calls === 1) setTimeout(() => ac.signal.dispatchEvent(new Event("abort")), 10);
      return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
    };
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    assertAicallError(await rejection(api.getTask({ userId: "u", taskId: "t", signal: ac.signal })), AicallError, { code: "aborted" });
    assert.equal(calls, 1);
  });

  test("a signal without addEventListener is refused (its abort could not stop a request)", async () => {
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch: () => assert.fail("sent") });
    const noop = () => {};
    for (const signal of [{ aborted: false }, { aborted: false, addEventListener: noop }, { aborted: false, removeEventListener: noop }]) {
      const e = await rejection(api.getTask({ userId: "u", taskId: "t", signal }));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.equal(e.issues[0].path, "signal");
    }
  });

  test("a signal whose removeEventListener throws or does nothing: its later abort still runs cleanly", async () => {
    const target = new EventTarget();
    const add = (t, f) => target.addEventListener(t, f);
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch: async () => new Response(JSON.stringify({ code: 200, status: "success", data: {} })) });
    for (const remove of [() => { throw new Error("no"); }, () => {}]) {
      await api.getTask({ userId: "u", taskId: "t", signal: { aborted: false, addEventListener: add, removeEventListener: remove } });
    }
    let uncaught = null;
    const onUncaught = (e) => { uncaught = e; };
    process.on("uncaughtException", onUncaught);
    try {
      target.dispatchEvent(new Event("abort"));
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    assert.equal(uncaught, null);
  });

  test("retries a batch's end cancelled give their budget back: the next call is still retried", async () => {
    let calls = 0;
    let phase = "batch";
    // 503 without Retry-After: the retries back off (~200 ms), and the 401 ends the batch first.
    const answer = (status, body) => new Response(body, { status, headers: phase === "batch" ? {} : { "retry-after": "0" } });
    const fetch = async () => {
      calls++;
      if (phase === "batch") {
        if (calls <= 20) return answer(503, "busy");
        await new Promise((r) => setTimeout(r, 20));
        return answer(401, JSON.stringify({ message: "Unauthenticated." }));
      }
      return calls % 2 === 1 ? answer(503, "busy") : answer(200, JSON.stringify({ code: 200, status: "success", message: "ok", data: { id: 1 } }));
    };
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const recordIds = Array.from({ length: 21 * 30 }, (_, i) => `r${i}`);
    const out = await api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds, concurrency: 21 });
    assert.equal(out.failed.length, recordIds.length);
    phase = "single";
    calls = 0;
    assert.deepEqual(await api.getTask({ userId: "u", taskId: "t" }), { id: 1 });
    assert.equal(calls, 2);
  });

  test("a refused token ends a batch: the rows not sent yet fail with the refusal, unsent", async () => {
    let calls = 0;
    const fetch = async () => { calls++; return new Response(JSON.stringify({ message: "Unauthenticated." }), { status: 401 }); };
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch });
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ phone: `138${String(i).padStart(8, "0")}` }));
    const out = await api.addNumbers({ userId: "u", taskId: "t", body: { data: rows }, concurrency: 3 });
    assert.deepEqual([out.added.length, out.failed.length], [0, 10_000]);
    assert.ok(calls <= 3, `${calls} requests for a token the server refuses`);
    assertAicallError(out.failed[9_999].error, AicallError, { code: "unauthorized" });
    assert.ok(!out.failed[9_999].error.outcomeUnknown);
  });
});
