// Reliability and security of the built package (issue 11): a fault matrix against the
// emulator (emulator/faults.mjs) counting the requests that reached the server, hostile
// JS values at every entry point, redirects, size caps, redaction, own-property options,
// outcomeUnknown and use after free().

import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import {
  loadNode, startEmu, readJson, rejection, caught, assertAicallError, recordingFetch, createTaskParams,
  USER_A, TASK_A, AICCS_SEED,
} from "./helpers.mjs";

const { AgentApi, Aiccs, AicallError } = await loadNode();

// Short for the stall faults (the timeout is what ends them); generous otherwise, so a busy
// machine does not turn another fault into a timeout.
const STALL_TIMEOUT_MS = 300;
const TIMEOUT_MS = 5000;
const CAP = 256 * 1024;
const SETTLE_MS = 20_000;

let emu; // the server the clients talk to
let other; // another host a redirect points to: must never see a request

before(async () => {
  emu = await startEmu();
  other = await startEmu();
});
after(async () => {
  await emu?.close();
  await other?.close();
});
beforeEach(() => {
  emu.reset();
  emu.faults.clear();
  other.faults.clear();
});

const v2 = () => readJson("agent_api/update_v2.json");

function clients(timeoutMs = TIMEOUT_MS) {
  return {
    agent: new AgentApi({ token: "test-token", baseUrl: emu.url, timeoutMs, maxResponseBytes: CAP }),
    aiccs: new Aiccs({
      accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: `127.0.0.1:${emu.port}`, protocol: "http",
      timeoutMs, maxResponseBytes: CAP,
    }),
  };
}

// Every write of both APIs' reliability surface, and one read of each.
const OPS = [
  { op: "updateTask", write: true, run: (c) => c.agent.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }) },
  { op: "batchVoiceUrls", write: false, run: (c) => c.agent.batchVoiceUrls({ userId: USER_A, taskId: "task-rel", recordIds: ["rec-1", "rec-2"] }) },
  { op: "CreateAiCallTask", write: true, run: (c) => c.aiccs.createAiCallTask(createTaskParams()) },
  { op: "LlmSmartCall", write: true, run: (c) => c.aiccs.llmSmartCall({ ApplicationCode: AICCS_SEED.LLM_APP, CalledNumber: "13800000000" }) },
  { op: "QueryAiCallTaskPage", write: false, run: (c) => c.aiccs.queryAiCallTaskPage({ PageNo: 1, PageSize: 10 }) },
];

/**
 * Runs one call and returns { value } or { error }, failing when it does not settle. A batch
 * reports per-id errors in `failed` instead of rejecting: its first error is the error.
 */
async function settle(p) {
  let timer;
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("the call did not settle")), SETTLE_MS); });
  try {
    const value = await Promise.race([p, limit]);
    if (value && Array.isArray(value.failed) && value.failed.length > 0) return { error: value.failed[0].error, value };
    return { value };
  } catch (error) {
    if (error instanceof Error && error.message === "the call did not settle") throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

// fault → what the caller sees, for a write and for a read.
const FAULTS = [
  {
    name: "connection reset mid-body",
    rule: { fault: "reset" },
    write: { count: 1, kind: "network", retryable: false, outcomeUnknown: true },
    read: { count: 3, kind: "network", retryable: true },
  },
  {
    name: "stall after half a body",
    rule: { fault: "stall" },
    write: { count: 1, kind: "timeout", retryable: false, outcomeUnknown: true },
    read: { count: 3, kind: "timeout", retryable: true },
  },
  {
    name: "stall before any header",
    rule: { fault: "stall-headers" },
    write: { count: 1, kind: "timeout", retryable: false, outcomeUnknown: true },
    read: { count: 3, kind: "timeout", retryable: true },
  },
  {
    name: "HTTP 503",
    rule: { fault: "status", status: 503 },
    write: { count: 1, kind: "http", status: 503, retryable: false, outcomeUnknown: true },
    read: { count: 3, kind: "http", status: 503, retryable: true },
  },
  {
    name: "HTTP 500 once, then the normal answer",
    rule: { fault: "status", status: 500, times: 1 },
    write: { count: 1, kind: "http", status: 500, retryable: false, outcomeUnknown: true },
    read: { count: 2, ok: true },
  },
  {
    name: "429 with Retry-After: 1 once, then the normal answer",
    rule: { fault: "throttle", retryAfter: 1, times: 1 },
    write: { count: 2, ok: true, waitedMs: 900 },
    read: { count: 2, ok: true, waitedMs: 900 },
  },
  {
    name: "429 asking for longer than the cap (Retry-After: 120)",
    rule: { fault: "throttle", retryAfter: 120 },
    write: { count: 1, status: 429, retryable: true },
    read: { count: 1, status: 429, retryable: true },
  },
  ...[301, 302, 307, 308].map((status) => ({
    name: `${status} redirect to another host`,
    rule: { fault: "redirect", status, location: () => `${other.url}/agent-api/x?Signature=LEAK-SIG&token=LEAK-TOK` },
    write: { count: 1, kind: "http", code: "redirect", status, retryable: false, otherHost: true },
    read: { count: 1, kind: "http", code: "redirect", status, retryable: false, otherHost: true },
  })),
  {
    name: "307 redirect loop",
    rule: { fault: "redirect-loop" },
    write: { count: 1, kind: "http", code: "redirect", status: 307, retryable: false },
    read: { count: 1, kind: "http", code: "redirect", status: 307, retryable: false },
  },
  {
    name: "oversized answer (16 MiB, chunked)",
    rule: { fault: "oversized", bytes: 16 * 1024 * 1024 },
    write: { count: 1, kind: "http", code: "too_large", retryable: false, outcomeUnknown: true },
    read: { count: 1, kind: "http", code: "too_large", retryable: false },
  },
  {
    name: "oversized Content-Length (1 GB declared)",
    rule: { fault: "oversized-declared", bytes: 1e9 },
    write: { count: 1, kind: "http", code: "too_large", retryable: false, outcomeUnknown: true },
    read: { count: 1, kind: "http", code: "too_large", retryable: false },
  },
  {
    name: "gzip bomb (64 MiB of zeros)",
    rule: { fault: "gzip-bomb", bytes: 64 * 1024 * 1024 },
    write: { count: 1, kind: "http", code: "too_large", retryable: false, outcomeUnknown: true },
    read: { count: 1, kind: "http", code: "too_large", retryable: false },
  },
  {
    name: "malformed JSON",
    rule: { fault: "malformed" },
    // Cut off: the server answered, so a write may have been carried out.
    write: { count: 1, kind: "parse", retryable: false, outcomeUnknown: true },
    read: { count: 1, kind: "parse", retryable: false },
  },
  {
    name: "HTML page with status 200",
    rule: { fault: "malformed", body: "<html><body>login</body></html>" },
    // A login page, or a PHP warning printed before the server's JSON after the write ran.
    write: { count: 1, kind: "parse", code: "not_json", retryable: false, outcomeUnknown: true },
    read: { count: 1, kind: "parse", code: "not_json", retryable: false },
  },
];

describe("fault matrix: every call settles, writes reach the server at most once", () => {
  for (const f of FAULTS) {
    for (const o of OPS) {
      const want = o.write ? f.write : f.read;
      test(`${f.name} · ${o.op}`, async () => {
        const rule = { ...f.rule, op: o.op };
        if (typeof rule.location === "function") rule.location = rule.location();
        emu.faults.add(rule);
        const r = await settle(o.run(clients(rule.fault.startsWith("stall") ? STALL_TIMEOUT_MS : TIMEOUT_MS)));
        assert.equal(emu.faults.count(o.op), want.count, `requests for ${o.op} that reached the server`);
        assert.equal(other.faults.count(), 0, "the redirect target never saw a request");
        if (want.ok) {
          assert.equal(r.error, undefined, `expected success, got ${r.error && r.error.message}`);
          if (want.waitedMs) {
            const [a, b] = emu.faults.seen.filter((s) => s.op === o.op);
            assert.ok(b.at - a.at >= want.waitedMs, `Retry-After honoured (${b.at - a.at} ms)`);
          }
          return;
        }
        assert.ok(r.error, "expected an error");
        const fields = { retryable: want.retryable };
        for (const k of ["kind", "code", "status"]) if (want[k] !== undefined) fields[k] = want[k];
        assertAicallError(r.error, AicallError, fields);
        assert.equal(r.error.outcomeUnknown, want.outcomeUnknown, "outcomeUnknown");
        if (want.otherHost) {
          assert.match(r.error.message, new RegExp(`127\\.0\\.0\\.1:${other.port}`));
          assert.doesNotMatch(r.error.message, /LEAK|Signature|agent-api/);
        }
      });
    }
  }
});

describe("a server that cannot be reached", () => {
  // A port nothing listens on: Node's fetch fails with cause.code ECONNREFUSED.
  const closedPort = async () => {
    const net = await import("node:net");
    const srv = net.createServer();
    await new Promise((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address();
    await new Promise((r) => srv.close(r));
    return port;
  };
  test("a refused connection sent nothing: writes are retried and fail retryable, outcome known", async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}`;
    let attempts = 0;
    const counting = (url, init) => { attempts++; return fetch(url, init); };
    const api = new AgentApi({ token: "test-token", baseUrl: base, fetch: counting });
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "network", code: "not_connected", retryable: true });
    assert.equal(e.outcomeUnknown, undefined, "nothing was sent: the outcome is known");
    assert.match(e.message, /nothing was sent/);
    assert.match(e.message, /ECONNREFUSED/);
    assert.equal(attempts, 3, "a write is tried again when nothing was sent");
    const zh = await rejection(new AgentApi({ token: "test-token", baseUrl: base, locale: "zh-CN" }).getTask({ userId: USER_A, taskId: TASK_A }));
    assert.match(zh.message, /^无法连接到服务端，请求未发出/);
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", endpoint: `127.0.0.1:${port}`, protocol: "http", fetch: counting });
    attempts = 0;
    const w = await rejection(client.startAiCallTask({ TaskId: "1" }));
    assertAicallError(w, AicallError, { kind: "network", code: "not_connected", retryable: true });
    assert.equal(attempts, 3);
    // A fetch that fails with no system code (a browser's "Failed to fetch") may have sent it.
    const lost = new AgentApi({ token: "test-token", baseUrl: base, fetch: async () => { throw new TypeError("Failed to fetch"); } });
    const u = await rejection(lost.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(u, AicallError, { kind: "network", code: "network", retryable: false });
    assert.equal(u.outcomeUnknown, true);
  });
});

describe("hostile values: every entry point settles with an AicallError", () => {
  const odd = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const objMessage = new Error("x");
    objMessage.message = { not: "a string" };
    const symMessage = new Error("x");
    Object.defineProperty(symMessage, "message", { value: Symbol("m") });
    const getterThrows = new Error("x");
    Object.defineProperty(getterThrows, "message", { get() { throw getterThrows; } });
    return { "Error with object message": objMessage, "Error with symbol message": symMessage,
      "Error whose message getter throws": getterThrows, number: 42, symbol: Symbol("s"), "revoked proxy": proxy,
      undefined: undefined, null: null };
  };

  for (const [name, thrown] of Object.entries(odd())) {
    test(`fetch rejecting with ${name}: both APIs settle, the next call too`, async () => {
      const fetch = () => Promise.reject(thrown);
      const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch });
      const e1 = await rejection(api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
      assertAicallError(e1, AicallError, { kind: "network", outcomeUnknown: true, retryable: false });
      const client = new Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: `127.0.0.1:${emu.port}`, protocol: "http", fetch });
      const e2 = await rejection(client.llmSmartCall({ ApplicationCode: AICCS_SEED.LLM_APP, CalledNumber: "138" }));
      assertAicallError(e2, AicallError, { kind: "network" });
      // A sync throw from fetch, and text() rejecting, the same way.
      const sync = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: () => { throw thrown; } });
      assertAicallError(await rejection(sync.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() })), AicallError, { kind: "network" });
      const text = new AgentApi({ token: "test-token", baseUrl: emu.url,
        fetch: async () => ({ status: 200, headers: { get: () => null }, text: () => Promise.reject(thrown) }) });
      assertAicallError(await rejection(text.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() })), AicallError, { kind: "network" });
      // The module still works.
      const ok = new AgentApi({ token: "test-token", baseUrl: emu.url });
      assert.equal(await ok.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }), undefined);
    });
  }

  test("a body stream whose read() rejects with an odd value settles", async () => {
    const body = { getReader: () => ({ read: () => Promise.reject(Symbol("x")), cancel: () => Promise.reject(1) }) };
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch: async () => ({ status: 200, headers: { get: () => null }, body }) });
    assertAicallError(await rejection(api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() })), AicallError, { kind: "network" });
  });

  test("a signal whose `aborted` getter starts throwing during a batch retry", async () => {
    let reads = 0;
    const real = new AbortController().signal;
    const signal = new Proxy(real, {
      get(t, k) {
        if (k === "aborted" && ++reads > 1) { const e = new Error(); e.message = {}; throw e; }
        const v = Reflect.get(t, k, t);
        return typeof v === "function" ? v.bind(t) : v;
      },
    });
    emu.faults.add({ op: "batchVoiceUrls", fault: "status", status: 503, times: 1 });
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const r = await settle(api.batchVoiceUrls({ userId: USER_A, taskId: "task-rel", recordIds: ["rec-1"], signal }));
    assert.equal(r.error, undefined);
    assert.equal(r.value.urls.length, 1);
  });

  test("a body whose toJSON throws an Error with a non-string message", async () => {
    const bad = { toJSON() { const e = new Error(); e.message = {}; throw e; } };
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    assertAicallError(caught(() => api.buildUpdateTask({ userId: "u", taskId: "t", body: bad })), AicallError, { kind: "validation" });
    assertAicallError(await rejection(api.updateTask({ userId: "u", taskId: "t", body: bad })), AicallError, { kind: "validation" });
    const issues = AgentApi.validateTaskUpdate(bad);
    assert.ok(Array.isArray(issues) && issues.length > 0);
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
    assertAicallError(await rejection(client.call("StopAiCallTask", { TaskId: bad })), AicallError, { kind: "validation" });
  });

  test("revoked proxies as options, arguments and params", async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assertAicallError(caught(() => new AgentApi(proxy)), AicallError, { kind: "validation" });
    assertAicallError(caught(() => new Aiccs(proxy)), AicallError, { kind: "validation" });
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    assertAicallError(caught(() => api.buildUpdateTask(proxy)), AicallError, { kind: "validation" });
    assertAicallError(await rejection(api.updateTask(proxy)), AicallError, { kind: "validation" });
    assertAicallError(await rejection(api.batchVoiceUrls(proxy)), AicallError, { kind: "validation" });
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
    assertAicallError(await rejection(client.call("StopAiCallTask", proxy)), AicallError, { kind: "validation" });
    assertAicallError(await rejection(client.call("StopAiCallTask", { TaskId: "1" }, proxy)), AicallError);
    assertAicallError(caught(() => client.buildRequest("StopAiCallTask", proxy)), AicallError, { kind: "validation" });
    assert.equal(emu.faults.count(), 0, "nothing was sent");
  });
});

describe("redirects are never followed", () => {
  test("every request is sent with redirect: \"manual\"", async () => {
    const fetch = recordingFetch();
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch });
    await api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() });
    const client = new Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: `127.0.0.1:${emu.port}`, protocol: "http", fetch });
    await client.queryAiCallTaskPage({ PageNo: 1, PageSize: 10 });
    assert.equal(fetch.calls.length, 2);
    for (const c of fetch.calls) assert.equal(c.init.redirect, "manual");
  });

  test("an opaque redirect (browser fetch, status 0) is an http/redirect error, not retried", async () => {
    let calls = 0;
    const fetch = async () => { calls++; return { type: "opaqueredirect", status: 0, headers: { get: () => null }, text: async () => "" }; };
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch });
    const r = await settle(api.batchVoiceUrls({ userId: USER_A, taskId: "t", recordIds: ["rec-1"] }));
    assertAicallError(r.error, AicallError, { kind: "http", code: "redirect", retryable: false });
    assert.equal(calls, 1);
  });
});

describe("answer size cap", () => {
  test("without a body stream, text() is read and checked against maxResponseBytes", async () => {
    const fetch = async () => ({ status: 200, headers: { get: () => null }, text: async () => "é".repeat(600) }); // 1200 bytes
    const small = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch, maxResponseBytes: 1000 });
    assertAicallError(await rejection(small.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() })), AicallError,
      { kind: "http", code: "too_large", status: 200, retryable: false });
    const roomy = new AgentApi({ token: "test-token", baseUrl: emu.url, fetch, maxResponseBytes: 1200 });
    assertAicallError(await rejection(roomy.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() })), AicallError, { kind: "parse" });
  });

  test("maxResponseBytes is checked at construction (1 byte to 1 GiB)", () => {
    for (const maxResponseBytes of [0, -1, 2 ** 31, Number.NaN, "8MB"]) {
      const e = caught(() => new AgentApi({ token: "t-1234", maxResponseBytes }));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.deepEqual(e.issues.map((i) => i.path), ["maxResponseBytes"]);
      const e2 = caught(() => new Aiccs({ accessKeyId: "a", accessKeySecret: "b", maxResponseBytes }));
      assert.deepEqual(e2.issues.map((i) => i.path), ["maxResponseBytes"]);
    }
  });
});

describe("construction: endpoints parsed, options read from own properties only", () => {
  const STS = "STS-TOKEN-SECRET-123";
  for (const endpoint of ["[x]", "[::1", "a:b:c", "host:0", "host:65536", "user:pw@host", "host/path", "host?x=1", "host#f", "https://host"]) {
    test(`endpoint ${JSON.stringify(endpoint)} is refused at construction (v1, STS token)`, () => {
      const e = caught(() => new Aiccs({ accessKeyId: "a", accessKeySecret: "SK-SECRET", securityToken: STS, endpoint, signatureVersion: "v1" }));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.deepEqual(e.issues.map((i) => i.path), ["endpoint"]);
      for (const text of [e.message, JSON.stringify(e), String(e.stack)]) {
        assert.ok(!text.includes(STS) && !text.includes("SK-SECRET"));
      }
    });
  }
  for (const baseUrl of ["https://[x]", "https://[::1", "https://a:b:c", "https://h:0", "https://h:70000", "https://u:pw@h", "https://h?q=1", "https://h#f", "ftp://h", "https://"]) {
    test(`baseUrl ${JSON.stringify(baseUrl)} is refused at construction`, () => {
      const e = caught(() => new AgentApi({ token: "tok-SECRET", baseUrl }));
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.deepEqual(e.issues.map((i) => i.path), ["baseUrl"]);
      assert.ok(!e.message.includes("pw"), "user-info is not echoed");
    });
  }

  test("Object.prototype pollution of baseUrl, endpoint, fetch, token and secrets has no effect", async () => {
    const spy = recordingFetch(() => Promise.reject(new Error("polluted fetch used")));
    const keys = { baseUrl: "http://evil.example", endpoint: "evil.example", fetch: spy, token: "evil-token",
      accessKeySecret: "evil-secret", protocol: "http", maxResponseBytes: 1 };
    for (const [k, v] of Object.entries(keys)) Object.prototype[k] = v;
    try {
      const api = new AgentApi({ token: "test-token" });
      assert.match(api.buildRequest("updateTask", { userId: "u", taskId: "t", body: v2() }).url, /^https:\/\/ai\.api\.longlonglong\.cn\//);
      assertAicallError(caught(() => new AgentApi({ baseUrl: emu.url })), AicallError, { kind: "validation" });
      const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
      assert.match(client.buildRequest("StopAiCallTask", { TaskId: "1" }).url, /^https:\/\/aiccs\.aliyuncs\.com\//);
      assertAicallError(caught(() => new Aiccs({ accessKeyId: "a" })), AicallError, { kind: "validation" });
      const real = new AgentApi({ token: "test-token", baseUrl: emu.url });
      assert.equal(await real.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }), undefined);
      assert.equal(spy.calls.length, 0);
    } finally {
      for (const k of Object.keys(keys)) delete Object.prototype[k];
    }
  });
});

describe("secrets never appear in an error, even when the server echoes them", () => {
  const TOKEN = "SECRET-TOKEN-abc123";
  const SK = "SK-SECRET-456789";
  const STS = "STS-TOKEN-SECRET-123";
  const surfaces = (e) => [e.message, String(e), String(e.stack), JSON.stringify(e), JSON.stringify(e.toJSON())];

  test("HTTP 401: invalid token Bearer <token> → [redacted]", async () => {
    const fetch = async (url, init) => ({ status: 401, headers: { get: () => null }, text: async () => `invalid token ${init.headers.Authorization}` });
    const api = new AgentApi({ token: TOKEN, baseUrl: emu.url, fetch });
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
    assertAicallError(e, AicallError, { kind: "http", status: 401 });
    assert.match(e.message, /Bearer \[redacted\]/);
    for (const s of surfaces(e)) assert.ok(!s.includes(TOKEN), s);
  });

  for (const signatureVersion of ["v1", "v3"]) {
    test(`aiccs ${signatureVersion}: echoed secret, STS token and signature, and a network error quoting the URL`, async () => {
      let sent;
      const echo = async (url, init) => {
        sent = { url, init };
        return { status: 400, headers: { get: () => null }, text: async () => JSON.stringify({ Code: "Bad", Message: `got ${url} ${JSON.stringify(init.headers)} ${SK} ${decodeURIComponent(url)}` }) };
      };
      const opts = { accessKeyId: "testid", accessKeySecret: SK, securityToken: STS, endpoint: `127.0.0.1:${emu.port}`, protocol: "http", signatureVersion };
      const e1 = await rejection(new Aiccs({ ...opts, fetch: echo }).call("StopAiCallTask", { TaskId: "1" }));
      assertAicallError(e1, AicallError);
      const sig = signatureVersion === "v1"
        ? decodeURIComponent(/[?&]Signature=([^&]*)/.exec(sent.url)[1])
        : /Signature=([0-9a-f]+)/.exec(sent.init.headers.authorization)[1];
      for (const s of surfaces(e1)) for (const secret of [SK, STS, sig, encodeURIComponent(sig)]) assert.ok(!s.includes(secret), `${secret} in ${s}`);
      const quoting = async (url) => { throw new TypeError(`Failed to parse URL from ${url}`); };
      const e2 = await rejection(new Aiccs({ ...opts, fetch: quoting }).call("StopAiCallTask", { TaskId: "1" }));
      assertAicallError(e2, AicallError, { kind: "network" });
      for (const s of surfaces(e2)) for (const secret of [SK, STS, sig, encodeURIComponent(sig), "SecurityToken=", "Signature="]) assert.ok(!s.includes(secret), `${secret} in ${s}`);
    });
  }
});

describe("after free()", () => {
  test("calls fail with a clear AicallError; async methods reject instead of throwing", async () => {
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
    api.free();
    client.free();
    const e = caught(() => api.buildUpdateTask({ userId: "u", taskId: "t", body: v2() }));
    assertAicallError(e, AicallError, { code: "client_freed" });
    assert.match(e.message, /freed/);
    assert.doesNotMatch(e.message, /null pointer/);
    assertAicallError(caught(() => client.buildRequest("StopAiCallTask", { TaskId: "1" })), AicallError, { code: "client_freed" });
    for (const p of [api.updateTask({}), api.batchVoiceUrls({}), api.call("updateTask", {}), client.call("StopAiCallTask", {}), client.stopAiCallTask({ TaskId: "1" })]) {
      assert.ok(p instanceof Promise, "returns a promise");
      assertAicallError(await rejection(p), AicallError, { code: "client_freed" });
    }
    assert.equal(emu.faults.count(), 0);
  });

  test("a call still running when its client is freed sends nothing more (retry, batch chunk)", async () => {
    // aiccs: throttled, so the call waits to retry; freed during the wait.
    let sent = 0;
    const throttle = async () => { sent++; return new Response('{"Code":"Throttling.User","RequestId":"r"}', { status: 400 }); };
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch: throttle });
    const p = client.call("QueryAiCallTaskPage", {});
    while (sent === 0) await new Promise((r) => setTimeout(r, 1));
    client.free();
    const e = await rejection(p);
    assertAicallError(e, AicallError, { kind: "aborted", code: "client_freed" });
    assert.equal(sent, 1);
    // Agent API: 250 rows in chunks of 100, one at a time; freed while the first is out.
    let posts = 0;
    let release;
    const gate = new Promise((r) => { release = r; });
    const slow = async () => { posts++; await gate; return new Response(JSON.stringify({ code: 200, data: [] }), { status: 200 }); };
    const api = new AgentApi({ token: "test-token", baseUrl: "https://h.example", fetch: slow });
    const rows = Array.from({ length: 250 }, (_, i) => ({ phone: `1380000${String(i).padStart(4, "0")}` }));
    const batch = api.addNumbers({ userId: "u", taskId: "t", body: { data: rows }, concurrency: 1 });
    while (posts === 0) await new Promise((r) => setTimeout(r, 1));
    api.free();
    release();
    const out = await batch;
    assert.equal(posts, 1, "no chunk after free()");
    assert.equal(out.added.length + out.failed.length, 250);
    assert.equal(out.failed.length, 150);
    assert.ok(out.failed.every((f) => f.error.code === "client_freed"), JSON.stringify(out.failed[0]));
  });

  test("a client nobody holds is not collected while its call runs (the call goes on)", async () => {
    const v8 = await import("node:v8");
    const vm = await import("node:vm");
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    let posts = 0;
    let release;
    const gate = new Promise((r) => { release = r; });
    const slow = async () => { posts++; await gate; return new Response(JSON.stringify({ code: 200, data: [] }), { status: 200 }); };
    const rows = Array.from({ length: 250 }, (_, i) => ({ phone: `1390000${String(i).padStart(4, "0")}` }));
    // No reference to the client is kept but the call's own.
    const batch = new AgentApi({ token: "test-token", baseUrl: "https://h.example", fetch: slow })
      .addNumbers({ userId: "u", taskId: "t", body: { data: rows }, concurrency: 1 });
    while (posts === 0) await new Promise((r) => setTimeout(r, 1));
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10)); // FinalizationRegistry callbacks run here
    }
    release();
    const out = await batch;
    assert.equal(out.failed.length, 0, JSON.stringify(out.failed[0]));
    assert.equal(out.added.length, 250);
    assert.equal(posts, 3);
  });

  test("freeing twice, or free() then dispose (as `using` does), is a no-op", () => {
    for (const c of [new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }), new AgentApi({ token: "test-token", baseUrl: emu.url })]) {
      c.free();
      c.free();
      if (typeof Symbol.dispose === "symbol") c[Symbol.dispose]();
      assertAicallError(caught(() => c.buildRequest("StopAiCallTask", { TaskId: "1" })), AicallError, { code: "client_freed" });
    }
  });

  test("a method called without its client says so (code unbound_method), and names the method", async () => {
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
    const api = new AgentApi({ token: "test-token", baseUrl: emu.url });
    const { stopAiCallTask, call } = client;
    const { getTask, updateTask, batchVoiceUrls } = api;
    const asyncOnes = [[stopAiCallTask, "stopAiCallTask"], [getTask, "getTask"], [updateTask, "updateTask"], [batchVoiceUrls, "batchVoiceUrls"], [call, "call"]];
    for (const [f, name] of asyncOnes) {
      const p = f({ TaskId: "1" });
      assert.ok(p instanceof Promise, `${name} returns a promise`);
      const e = await rejection(p);
      assertAicallError(e, AicallError, { kind: "aborted", code: "unbound_method" });
      assert.ok(e.message.startsWith(`${name} was called without its client`), e.message);
      assert.match(e.message, /bind/);
    }
    // Sync methods throw it; a method called on an object that is not a client says the same.
    const { buildRequest } = client;
    assertAicallError(caught(() => buildRequest("StopAiCallTask", { TaskId: "1" })), AicallError, { code: "unbound_method" });
    assertAicallError(caught(() => api.buildUpdateTask.call({}, { userId: "u", taskId: "t", body: v2() })), AicallError, { code: "unbound_method" });
    assertAicallError(caught(() => api.paginate.call(undefined, "listTasks", { userId: 1 })), AicallError, { code: "unbound_method" });
    // Bound, the same method works.
    const bound = client.buildRequest.bind(client);
    assert.equal(bound("StopAiCallTask", { TaskId: "1" }).method, "POST");
    client.free();
    api.free();
    assert.equal(emu.faults.count(), 0);
  });
});
