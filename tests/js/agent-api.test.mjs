// AgentApi (Bearer-token SaaS) against the local emulator: task update, errors of every
// kind, timeouts, aborts and the injected fetch.

import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

import {
  loadNode, startEmu, readJson, readText, v2WithoutLineAndHoliday, recordingFetch, caught, rejection,
  assertAicallError, issueKeys, logSince, USER_A, TASK_A, TASK_A_RUNNING, HAS_CJK,
} from "./helpers.mjs";

let AgentApi;
let AicallError;
let emu;
let api;

before(async () => {
  ({ AgentApi, AicallError } = await loadNode());
  emu = await startEmu();
  api = new AgentApi({ token: "test-token", baseUrl: emu.url });
});
after(async () => {
  await emu?.close();
});
beforeEach(() => emu.reset());

const v2 = () => readJson("agent_api/update_v2.json");
const legacy = () => readJson("agent_api/update_legacy.json");
const taskBody = (id) => emu.state.agent.tasks.get(id).body;

describe("validation of the seed bodies", () => {
  test("update_v2.json validates to [] (v2, the default)", () => {
    assert.deepEqual(AgentApi.validateTaskUpdate(v2()), []);
    assert.deepEqual(AgentApi.validateTaskUpdate(v2(), { variant: "v2" }), []);
    assert.deepEqual(AgentApi.validateTaskUpdate(v2(), null), []);
  });

  test("update_legacy.json and update_legacy_params.json validate to [] as legacy", () => {
    assert.deepEqual(AgentApi.validateTaskUpdate(legacy(), { variant: "legacy" }), []);
    assert.deepEqual(AgentApi.validateTaskUpdate(readJson("agent_api/update_legacy_params.json"), { variant: "legacy" }), []);
  });

  test("the v2 seed has v2-only fields: as legacy it is not valid", () => {
    assert.ok(AgentApi.validateTaskUpdate(v2(), { variant: "legacy" }).length > 0);
  });

  test("one line whose limit is below maximumcall -> line_limit_exceeded, same path and code in zh-CN", () => {
    const body = v2();
    body.maximumcall = 3; // the seed's one line has limit 2
    const en = AgentApi.validateTaskUpdate(body);
    assert.deepEqual(issueKeys(en), ["task_extras.line[0].limit:line_limit_exceeded"]);
    assert.match(en[0].message, /3/);
    assert.match(en[0].message, /2/);
    const zh = AgentApi.validateTaskUpdate(body, { locale: "zh-CN" });
    assert.deepEqual(issueKeys(zh), issueKeys(en));
    assert.notEqual(zh[0].message, en[0].message);
    assert.match(zh[0].message, HAS_CJK);
  });

  test("a body with several problems reports all of them, with stable codes and paths", () => {
    const body = v2();
    delete body.name;
    body.maximumcall = 3; // 1 line of the seed: fine; make it 2 lines
    body.task_extras.line.push({ id: "second-line", limit: 1 });
    body.task_extras.redial_max_times = 9;
    const keys = issueKeys(AgentApi.validateTaskUpdate(body));
    assert.ok(keys.includes("name:required"), keys.join(" "));
    assert.ok(keys.includes("maximumcall:not_divisible"), keys.join(" "));
    assert.ok(keys.some((k) => k.startsWith("task_extras.redial_max_times:")), keys.join(" "));
  });

  test("unknown variant is a validation error", () => {
    const e = caught(() => AgentApi.validateTaskUpdate(v2(), { variant: "v3" }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.deepEqual(e.issues.map((i) => i.path), ["variant"]);
  });

  test("bad options are validation errors, all reported together", () => {
    for (const [options, path] of [[{ variant: 5 }, "variant"], [{ locale: "fr" }, "locale"]]) {
      const e = caught(() => AgentApi.validateTaskUpdate(v2(), options));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.deepEqual(e.issues.map((i) => i.path), [path]);
    }
    const e = caught(() => AgentApi.validateTaskUpdate(v2(), { variant: "x", locale: "y" }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.deepEqual(e.issues.map((i) => i.path).sort(), ["locale", "variant"]);
  });

  test("zh-CN locale gives Chinese messages from the static validator", () => {
    const issues = AgentApi.validateTaskUpdate({}, { locale: "zh-CN" });
    assert.ok(issues.length > 0);
    for (const i of issues) assert.match(i.message, HAS_CJK);
    const en = AgentApi.validateTaskUpdate({});
    assert.deepEqual(issueKeys(en), issueKeys(issues));
    for (const i of en) assert.doesNotMatch(i.message, HAS_CJK);
    const several = AgentApi.validateTaskUpdate({ name: "", maximumcall: 0, task_extras: {} }, { locale: "zh-CN" });
    assert.ok(several.length >= 4, issueKeys(several).join(" "));
    for (const i of several) assert.match(i.message, HAS_CJK);
  });
});

describe("updateTask against the emulator", () => {
  test("v2 seed body: succeeds and the emulator stored the body as sent", async () => {
    assert.equal(await api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }), undefined);
    assert.deepEqual(taskBody(TASK_A), v2());
    assert.equal(emu.log.at(-1).method, "PUT");
    assert.equal(emu.log.at(-1).outcome, "code=200");
  });

  test("legacy seed body: succeeds with variant legacy", async () => {
    await api.updateTask({ userId: USER_A, taskId: TASK_A, variant: "legacy", body: legacy() });
    assert.deepEqual(taskBody(TASK_A), legacy());
  });

  test("task_extras.line and holiday are sent as [] when the caller left them out", async () => {
    const body = v2WithoutLineAndHoliday();
    const before = JSON.stringify(body);
    assert.deepEqual(AgentApi.validateTaskUpdate(body), []);
    await api.updateTask({ userId: USER_A, taskId: TASK_A, body });
    const got = taskBody(TASK_A);
    assert.deepEqual(got.task_extras.line, []);
    assert.deepEqual(got.task_extras.holiday, []);
    assert.equal(got.name, body.name);
    assert.equal(JSON.stringify(body), before, "the caller's object was modified");
  });

  test("legacy body without line/holiday: also completed, line ids as strings kept", async () => {
    const body = legacy();
    delete body.task_extras.holiday;
    body.task_extras.line = ["line-a", "line-b"];
    body.maximumcall = 4;
    await api.updateTask({ userId: USER_A, taskId: TASK_A, variant: "legacy", body });
    assert.deepEqual(taskBody(TASK_A).task_extras.line, ["line-a", "line-b"]);
    assert.deepEqual(taskBody(TASK_A).task_extras.holiday, []);
  });

  test("a frozen body is accepted and left untouched", async () => {
    const deepFreeze = (o) => {
      if (o && typeof o === "object") {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const body = deepFreeze(v2WithoutLineAndHoliday());
    await api.updateTask({ userId: USER_A, taskId: TASK_A, body });
    assert.equal(body.task_extras.line, undefined);
    assert.deepEqual(taskBody(TASK_A).task_extras.line, []);
  });

  test("subUserId is sent as sub_user_id", async () => {
    const req = api.buildUpdateTask({ userId: USER_A, taskId: TASK_A, subUserId: "sub-42", body: v2() });
    const sent = JSON.parse(req.body);
    assert.ok(sent.sub_user_id === "sub-42" || new URL(req.url).searchParams.get("sub_user_id") === "sub-42");
    await api.updateTask({ userId: USER_A, taskId: TASK_A, subUserId: "sub-42", body: v2() });
  });

  test("running task (started through the control endpoint) -> api error 6007 task_running", async () => {
    const r = await fetch(`${emu.url}/__emulator/agent/tasks/${TASK_A}/start`, { method: "POST" });
    assert.equal(r.status, 200);
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "api", apiCode: 6007, code: "task_running", retryable: false });
    assert.match(e.message, /stop/i);
    assert.match(e.message, /task/i);
    assert.equal(taskBody(TASK_A), null, "a running task must not be updated");

    await fetch(`${emu.url}/__emulator/agent/tasks/${TASK_A}/stop`, { method: "POST" });
    await api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() });
  });

  test("the seeded running task answers 6007 too", async () => {
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: TASK_A_RUNNING, body: v2() }));
    assertAicallError(e, AicallError, { kind: "api", apiCode: 6007, code: "task_running" });
  });

  test("zh-CN client: the 6007 message is in Chinese and says to stop the task", async () => {
    const zh = new AgentApi({ token: "test-token", baseUrl: emu.url, locale: "zh-CN" });
    const e = await rejection(zh.updateTask({ userId: USER_A, taskId: TASK_A_RUNNING, body: v2() }));
    assertAicallError(e, AicallError, { kind: "api", apiCode: 6007, code: "task_running" });
    assert.match(e.message, HAS_CJK);
    assert.match(e.message, /停止/);
  });

  test("unknown task -> api error 5002", async () => {
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: "no-such-task", body: v2() }));
    assertAicallError(e, AicallError, { kind: "api", apiCode: 5002, retryable: false });
  });

  test("another user's task -> 5002", async () => {
    const e = await rejection(api.updateTask({ userId: "someone-else", taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "api", apiCode: 5002 });
  });

  test("bad token -> kind http, status 401, not retryable", async () => {
    const bad = new AgentApi({ token: "wrong-token", baseUrl: emu.url });
    const e = await rejection(bad.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "http", status: 401, code: "unauthorized", retryable: false });
  });

  const FAULTS = [
    ["fault-500", { kind: "http", status: 500, retryable: false, outcomeUnknown: true }], // a write: may have run
    ["fault-502-html", { kind: "http", status: 502, retryable: false, outcomeUnknown: true }],
    ["fault-html-200", { kind: "parse", status: 200, retryable: false, outcomeUnknown: true }], // may be a PHP warning before the JSON
    ["fault-truncated", { kind: "parse", status: 200 }],
    ["fault-empty", { kind: "parse", status: 200 }],
    ["fault-429", { kind: "http", status: 429, retryable: true }],
  ];
  for (const [taskId, expected] of FAULTS) {
    test(`${taskId} -> ${expected.kind} ${expected.status}`, async () => {
      const mark = emu.log.length;
      const e = await rejection(api.updateTask({ userId: USER_A, taskId, body: v2() }));
      assertAicallError(e, AicallError, expected);
      assert.doesNotMatch(e.message, /<\/?(html|body|center|form)/i, "raw HTML in the message");
      // A PUT is never repeated by the SDK, except after a 429: the server refused it
      // before doing anything (the core's retry classification), so it is sent again.
      const sent = logSince(emu, mark).filter((e) => e.path.endsWith(`/task/${taskId}`)).length;
      assert.equal(sent, taskId === "fault-429" ? 3 : 1);
    });
  }

  test("fault-slow with timeoutMs 300 -> kind timeout, well under the emulator's delay", async () => {
    const quick = new AgentApi({ token: "test-token", baseUrl: emu.url, timeoutMs: 300 });
    const t0 = Date.now();
    const e = await rejection(quick.updateTask({ userId: USER_A, taskId: "fault-slow", body: v2() }));
    const ms = Date.now() - t0;
    assertAicallError(e, AicallError, { kind: "timeout", retryable: false, outcomeUnknown: true });
    assert.ok(ms >= 250, `timed out too early (${ms} ms)`);
    assert.ok(ms < 1500, `took ${ms} ms; the emulator waits ${emu.opts.slowMs} ms`);
  });

  test("headers arrive but the body stalls -> kind timeout", async () => {
    const srv = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"code":');
    });
    await new Promise((r) => srv.listen(0, "127.0.0.1", r));
    try {
      const stalled = new AgentApi({ token: "test-token", baseUrl: `http://127.0.0.1:${srv.address().port}`, timeoutMs: 300 });
      const t0 = Date.now();
      const e = await rejection(stalled.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
      assertAicallError(e, AicallError, { kind: "timeout" });
      assert.ok(Date.now() - t0 < 1500);
    } finally {
      srv.closeAllConnections();
      srv.close();
    }
  });

  test("regression: timeoutMs and signal are not enforced when the injected fetch ignores the AbortSignal", async () => {
    const never = () => new Promise(() => {});
    const settle = (p, ms) => Promise.race([p.then(() => "resolved", (e) => e), new Promise((r) => setTimeout(() => r("still pending"), ms))]);
    const t = await settle(new AgentApi({ token: "t", timeoutMs: 200, fetch: never }).updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }), 1500);
    assertAicallError(t, AicallError, { kind: "timeout" });
    const stalledText = async () => ({ status: 200, text: never });
    const t2 = await settle(new AgentApi({ token: "t", timeoutMs: 200, fetch: stalledText }).updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }), 1500);
    assertAicallError(t2, AicallError, { kind: "timeout" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const a = await settle(new AgentApi({ token: "t", fetch: never }).updateTask({ userId: USER_A, taskId: TASK_A, body: v2(), signal: ac.signal }), 1500);
    assertAicallError(a, AicallError, { kind: "aborted" });
  });

  test("AbortController aborted after 50 ms -> kind aborted", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = Date.now();
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: "fault-slow", body: v2(), signal: ac.signal }));
    const ms = Date.now() - t0;
    assertAicallError(e, AicallError, { kind: "aborted", retryable: false });
    assert.ok(ms < 1000, `abort took ${ms} ms`);
  });

  test("an already aborted signal -> kind aborted and no request is sent", async () => {
    const f = recordingFetch();
    const client = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    const e = await rejection(client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2(), signal: AbortSignal.abort() }));
    assertAicallError(e, AicallError, { kind: "aborted", retryable: false });
    assert.equal(f.calls.length, 0);
  });

  test("a duck-typed signal (another realm's AbortSignal): its `aborted` is what counts", async () => {
    const f = recordingFetch();
    const client = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    // An EventTarget with `aborted`, as jsdom's or another realm's signal is.
    const duck = (aborted) => ({ aborted, addEventListener() {}, removeEventListener() {} });
    const e = await rejection(client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2(), signal: duck(true) }));
    assertAicallError(e, AicallError, { kind: "aborted" });
    assert.equal(f.calls.length, 0);
    await client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2(), signal: duck(false) });
    assert.equal(f.calls.length, 1);
  });

  test("timeoutMs aborts the signal handed to fetch; code timeout", async () => {
    const calls = [];
    const hanging = (url, init) => {
      calls.push(init);
      return new Promise((resolve, reject) => {
        init.signal.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
      });
    };
    const client = new AgentApi({ token: "test-token", timeoutMs: 50, fetch: hanging });
    const t0 = Date.now();
    const e = await rejection(client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "timeout", code: "timeout", retryable: false, outcomeUnknown: true });
    assert.ok(Date.now() - t0 >= 40, "timed out too early");
    assert.equal(calls.length, 1);
    assert.equal(calls[0].signal.aborted, true, "the fetch's signal was not aborted");
  });

  test("network failure (nothing listening) -> kind network; a write is not retryable, its outcome unknown", async () => {
    const dead = new AgentApi({ token: "test-token", baseUrl: "http://127.0.0.1:1", timeoutMs: 5000 });
    const e = await rejection(dead.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "network", retryable: false, outcomeUnknown: true });
    // Without an answer nobody knows whether it was sent (a dropped connection after the
    // server stored the rows looks the same): the message does not claim it was not.
    assert.match(e.message, /got no answer \(it may or may not have reached the server\)/);
    assert.doesNotMatch(e.message, /could not be sent/);
  });

  test("the injected fetch is used, with method, headers, body and a signal", async () => {
    const f = recordingFetch();
    const client = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    const mark = emu.log.length;
    await client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() });
    assert.equal(f.calls.length, 1);
    // (earlier aborted requests may still be logged late: count only this task's PUTs)
    assert.equal(logSince(emu, mark).filter((e) => e.path.endsWith(`/task/${TASK_A}`)).length, 1);
    const [{ url, init }] = f.calls;
    assert.equal(url, `${emu.url}/agent-api/new/user/${USER_A}/task/${TASK_A}`);
    assert.equal(init.method, "PUT");
    const h = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
    assert.equal(h.authorization, "Bearer test-token");
    assert.match(h["content-type"], /^application\/json/);
    assert.deepEqual(JSON.parse(init.body), v2());
    assert.ok(init.signal && typeof init.signal.aborted === "boolean", "no AbortSignal passed to fetch");
  });

  test("the injected fetch replaces the global one", async () => {
    const calls = [];
    const fake = async (url, init) => {
      calls.push({ url, init });
      return new Response(readText("agent_api/update_ok.json"), { status: 200, headers: { "content-type": "application/json" } });
    };
    const client = new AgentApi({ token: "test-token", baseUrl: "https://ai.api.example.invalid", fetch: fake });
    await client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() });
    assert.equal(calls.length, 1);
    assert.ok(calls[0].url.startsWith("https://ai.api.example.invalid/agent-api/new/user/"));
  });

  test("a duck-typed answer ({ status, text() }, no headers) from the injected fetch is enough", async () => {
    const text = readText("agent_api/update_ok.json");
    const client = new AgentApi({ token: "test-token", fetch: async () => ({ status: 200, text: async () => text }) });
    assert.equal(await client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }), undefined);
  });

  test("an injected fetch that throws -> kind network", async () => {
    const client = new AgentApi({ token: "test-token", fetch: () => { throw new TypeError("offline"); } });
    const e = await rejection(client.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "network", retryable: false, outcomeUnknown: true });
    assert.match(e.message, /offline/);
  });

  test("an invalid body is rejected as validation before any request", async () => {
    const f = recordingFetch();
    const client = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: f });
    const body = v2();
    body.maximumcall = 3;
    body.task_extras.line.push({ id: "l2", limit: 1 });
    delete body.dial_time_id;
    const e = await rejection(client.updateTask({ userId: USER_A, taskId: TASK_A, body }));
    assertAicallError(e, AicallError, { kind: "validation", code: "validation_failed" });
    const keys = issueKeys(e.issues);
    assert.ok(keys.includes("maximumcall:not_divisible"), keys.join(" "));
    assert.ok(keys.includes("dial_time_id:required"), keys.join(" "));
    assert.equal(f.calls.length, 0);
  });

  test("missing userId / taskId are validation errors listing both", async () => {
    const e = await rejection(api.updateTask({ body: v2() }));
    assertAicallError(e, AicallError, { kind: "validation" });
    const paths = e.issues.map((i) => i.path);
    assert.ok(paths.includes("userId") && paths.includes("taskId"), paths.join(" "));
  });
});

describe("buildUpdateTask + parseUpdateTask (no I/O in the SDK)", () => {
  test("fetch(req.url, req) works and parseUpdateTask accepts the answer", async () => {
    const req = api.buildUpdateTask({ userId: USER_A, taskId: TASK_A, body: v2WithoutLineAndHoliday() });
    assert.equal(req.method, "PUT");
    assert.equal(req.url, `${emu.url}/agent-api/new/user/${USER_A}/task/${TASK_A}`);
    assert.equal(typeof req.body, "string");
    const res = await fetch(req.url, req);
    const text = await res.text();
    assert.equal(AgentApi.parseUpdateTask(res.status, text), undefined);
    assert.deepEqual(taskBody(TASK_A).task_extras.holiday, []);
  });

  test("buildUpdateTask returns exactly { method, url, headers, body } with the Bearer token and JSON type", () => {
    const req = new AgentApi({ token: "tok-1", baseUrl: "https://agent.test" }).buildUpdateTask({ userId: 42, taskId: "t1", body: v2() });
    assert.deepEqual(Object.keys(req), ["method", "url", "headers", "body"]);
    assert.equal(req.method, "PUT");
    assert.equal(req.url, "https://agent.test/agent-api/new/user/42/task/t1", "a numeric userId is accepted");
    assert.equal(req.headers.Authorization, "Bearer tok-1");
    assert.equal(req.headers["Content-Type"], "application/json");
  });

  test("buildUpdateTask: a bad variant is a validation error at variant", () => {
    const e = caught(() => api.buildUpdateTask({ userId: USER_A, taskId: TASK_A, variant: "v9", body: v2() }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.ok(e.issues.some((i) => i.path === "variant"), issueKeys(e.issues).join(" "));
  });

  test("buildUpdateTask is deterministic and throws validation errors", () => {
    const a = api.buildUpdateTask({ userId: USER_A, taskId: TASK_A, body: v2() });
    const b = api.buildUpdateTask({ userId: USER_A, taskId: TASK_A, body: v2() });
    assert.deepEqual(a, b);
    const e = caught(() => api.buildUpdateTask({ userId: USER_A, taskId: TASK_A, body: { name: "x" } }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.ok(e.issues.length >= 3, "should list every missing field");
  });

  test("ids are percent-encoded as one path segment", () => {
    const req = api.buildUpdateTask({ userId: "a/b", taskId: "c?d#e f", body: v2() });
    const u = new URL(req.url);
    assert.equal(u.search, "");
    assert.equal(u.hash, "");
    assert.equal(u.pathname, "/agent-api/new/user/a%2Fb/task/c%3Fd%23e%20f");
  });

  test("regression: '.' / '..' ids must not turn into path traversal", () => {
    for (const [userId, taskId] of [["..", "t"], ["u", ".."], [".", "."]]) {
      let req;
      try {
        req = api.buildUpdateTask({ userId, taskId, body: v2() });
      } catch (e) {
        assertAicallError(e, AicallError, { kind: "validation" });
        continue;
      }
      const segs = new URL(req.url).pathname.split("/");
      assert.deepEqual(segs.slice(0, 4), ["", "agent-api", "new", "user"], req.url);
      assert.equal(segs.length, 7, `${req.url} -> ${new URL(req.url).pathname}`);
    }
    for (const [userId, taskId] of [["..", ".."], ["u", "."]]) {
      let req;
      try {
        req = api.buildBatchVoiceUrls({ userId, taskId, recordIds: ["a"] });
      } catch (e) {
        assertAicallError(e, AicallError, { kind: "validation" });
        continue;
      }
      const p = new URL(req.url).pathname;
      assert.match(p, /^\/agent-api\/user\/[^/]+\/task\/[^/]+\/batch_record\/download-full-voice$/, `${req.url} -> ${p}`);
    }
  });

  test("parseUpdateTask statics on the seed answers", () => {
    assert.equal(AgentApi.parseUpdateTask(200, readText("agent_api/update_ok.json")), undefined);
    const e = caught(() => AgentApi.parseUpdateTask(200, readText("agent_api/update_6007.json")));
    assertAicallError(e, AicallError, { kind: "api", apiCode: 6007, code: "task_running", status: 200 });
  });

  test("parseUpdateTask: HTML, empty, truncated and odd-shaped bodies are parse errors with their own codes", () => {
    for (const [body, code] of [
      ["<html><body>login</body></html>", "not_json"], ["", "empty_body"], ['{"code":200,"sta', "truncated_body"],
      ["[1,2]", "unexpected_shape"], ['{"status":"success"}', "unexpected_shape"],
    ]) {
      const e = caught(() => AgentApi.parseUpdateTask(200, body));
      assertAicallError(e, AicallError, { kind: "parse", status: 200, code });
    }
  });

  test("parseUpdateTask: an HTML 502 is kind http; bad arguments are kind validation", () => {
    assertAicallError(caught(() => AgentApi.parseUpdateTask(502, "<html>bad gateway</html>")), AicallError, { kind: "http", status: 502 });
    assertAicallError(caught(() => AgentApi.parseUpdateTask("200", 5)), AicallError, { kind: "validation" });
  });
});

describe("constructor options", () => {
  test("token is required; bad options are all reported at once", () => {
    const e = caught(() => new AgentApi({ token: "", timeoutMs: -5, locale: "fr", fetch: 42 }));
    assertAicallError(e, AicallError, { kind: "validation" });
    const paths = e.issues.map((i) => i.path).sort();
    assert.deepEqual(paths, ["fetch", "locale", "timeoutMs", "token"].sort());
    const e2 = caught(() => new AgentApi({ token: "t", baseUrl: "ftp://x", timeoutMs: 0 }));
    assert.deepEqual(e2.issues.map((i) => i.path).sort(), ["baseUrl", "timeoutMs"]);
  });

  test("a missing, empty or blank token: validation error at token, String(e) starts with AicallError:", () => {
    for (const options of [undefined, null, {}, { token: "" }, { token: "   " }, { token: null }]) {
      const e = caught(() => new AgentApi(options));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.ok(e.issues.some((i) => i.path === "token"), JSON.stringify(options));
      assert.match(e.message, /token/);
      assert.ok(String(e).startsWith("AicallError: "), String(e));
    }
  });

  test("a numeric token is read as its digits", () => {
    const req = new AgentApi({ token: 12345 }).buildUpdateTask({ userId: "u", taskId: "t", body: v2() });
    assert.equal(req.headers.Authorization, "Bearer 12345");
  });

  test("builders report argument and body problems together", () => {
    const e1 = caught(() => api.buildUpdateTask({ taskId: "t1", body: { name: "" } }));
    const p1 = e1.issues.map((i) => i.path);
    assert.ok(p1.includes("userId") && p1.includes("name"), p1.join(" "));
    const e2 = caught(() => api.buildBatchVoiceUrls({ userId: "u1", recordIds: ["a", 5] }));
    const p2 = e2.issues.map((i) => i.path);
    assert.ok(p2.includes("taskId") && p2.includes("recordIds[1]"), p2.join(" "));
  });

  test("baseUrl must be http(s)://host[:port]", () => {
    for (const baseUrl of ["ftp://x", "not a url", "//host"]) {
      const e = caught(() => new AgentApi({ token: "t", baseUrl }));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.equal(e.issues[0].path, "baseUrl");
    }
  });

  test("a trailing slash on baseUrl does not double the slash", () => {
    const req = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9/" }).buildUpdateTask({ userId: "u", taskId: "t", body: v2() });
    assert.equal(req.url, "http://127.0.0.1:9/agent-api/new/user/u/task/t");
  });

  test("regression: a baseUrl with a query or fragment is accepted and breaks every URL", () => {
    for (const baseUrl of ["https://example.com?x=1", "https://example.com#f"]) {
      let req;
      try {
        req = new AgentApi({ token: "t", baseUrl }).buildUpdateTask({ userId: "u", taskId: "t", body: v2() });
      } catch (e) {
        assertAicallError(e, AicallError, { kind: "validation" });
        continue;
      }
      assert.equal(new URL(req.url).pathname, "/agent-api/new/user/u/task/t", `${baseUrl} -> ${req.url}`);
    }
  });

  test("default base URL is https://ai.api.longlonglong.cn", () => {
    const req = new AgentApi({ token: "t" }).buildUpdateTask({ userId: "u", taskId: "t", body: v2() });
    assert.ok(req.url.startsWith("https://ai.api.longlonglong.cn/agent-api/new/user/u/task/t"), req.url);
  });

  test("regression: zh-CN validation errors have an English summary message", () => {
    const zh = new AgentApi({ token: "t", locale: "zh-CN" });
    const e = caught(() => zh.buildUpdateTask({ userId: "u", taskId: "t", body: {} }));
    assertAicallError(e, AicallError, { kind: "validation" });
    for (const i of e.issues) assert.match(i.message, HAS_CJK);
    assert.doesNotMatch(e.message, /validation issue|more\)/, e.message);
  });

  test("regression: a token that cannot be sent in an HTTP header is accepted", () => {
    const e = caught(() => new AgentApi({ token: "tok-中文-123" }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.equal(e.issues[0].path, "token");
  });
});
