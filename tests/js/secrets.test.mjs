// No error, message, toString, stack, JSON or inspect output ever contains the token or
// the AccessKeySecret — over errors of every kind, produced against the emulator.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import util from "node:util";

import {
  loadNode, startEmu, readJson, createTaskParams, isoSeconds, SECRET_TOKEN, SECRET_KEY, USER_A, TASK_A, TASK_A_RUNNING,
} from "./helpers.mjs";

let AgentApi;
let Aiccs;
let AicallError;
let emu; // accepts the secret token and key
let other; // default tokens/credentials: the secrets are wrong there
const errors = []; // [label, error]
const logged = []; // everything the SDK printed through console.*

function views(err) {
  return {
    message: String(err?.message),
    string: String(err),
    stack: String(err?.stack),
    json: JSON.stringify(err),
    inspect: util.inspect(err, { depth: Infinity, showHidden: true }),
    issues: JSON.stringify(err?.issues ?? null),
  };
}

function assertNoSecret(label, text) {
  assert.ok(!text.includes(SECRET_TOKEN), `${label} contains the token: ${text.slice(0, 300)}`);
  assert.ok(!text.includes(SECRET_KEY), `${label} contains the AccessKeySecret: ${text.slice(0, 300)}`);
}

async function collect(label, run) {
  try {
    const out = await run();
    // batchVoiceUrls reports per id: its errors count too.
    for (const f of out?.failed ?? []) errors.push([`${label} (failed[${f.record_id}])`, f.error]);
    if (!out?.failed?.length) assert.fail(`${label}: expected an error`);
  } catch (e) {
    if (e?.code === "ERR_ASSERTION") throw e;
    errors.push([label, e]);
  }
}

before(async () => {
  ({ AgentApi, Aiccs, AicallError } = await loadNode());
  emu = await startEmu({ tokens: [SECRET_TOKEN], credentials: { testid: SECRET_KEY, otherid: "another-secret" } });
  other = await startEmu();

  const methods = ["log", "info", "warn", "error", "debug", "trace"];
  const saved = methods.map((m) => console[m]);
  methods.forEach((m) => {
    console[m] = (...args) => logged.push(util.format(...args));
  });
  try {
    await produceErrors();
  } finally {
    methods.forEach((m, i) => {
      console[m] = saved[i];
    });
  }
});
after(async () => {
  await emu?.close();
  await other?.close();
});

async function produceErrors() {
  const v2 = () => readJson("agent_api/update_v2.json");
  const api = new AgentApi({ token: SECRET_TOKEN, baseUrl: emu.url });
  const quick = new AgentApi({ token: SECRET_TOKEN, baseUrl: emu.url, timeoutMs: 200 });
  const rejected = new AgentApi({ token: SECRET_TOKEN, baseUrl: other.url });
  const dead = new AgentApi({ token: SECRET_TOKEN, baseUrl: "http://127.0.0.1:1" });

  // ---- Agent API
  await collect("agent validation: constructor, token with a trailing newline", () => new AgentApi({ token: `${SECRET_TOKEN}\n` }));
  await collect("agent validation: constructor, token with spaces", () => new AgentApi({ token: ` ${SECRET_TOKEN} x` }));
  await collect("agent validation: constructor, other bad options", () => new AgentApi({ token: SECRET_TOKEN, timeoutMs: -1, locale: "xx", fetch: 3 }));
  await collect("agent validation: constructor, ftp baseUrl", () => new AgentApi({ token: SECRET_TOKEN, baseUrl: "ftp://x" }));
  await collect("agent validation: constructor, token with a header injection", () => new AgentApi({ token: `${SECRET_TOKEN}\r\nX-Injected: 1` }));
  await collect("agent validation: constructor, token in an array", () => new AgentApi({ token: [SECRET_TOKEN] }));
  await collect("agent validation: constructor, token in an object", () => new AgentApi({ token: { value: SECRET_TOKEN } }));
  await collect("agent validation: updateTask body", () => api.updateTask({ userId: USER_A, taskId: TASK_A, body: { name: 1 } }));
  await collect("agent validation: buildUpdateTask", () => api.buildUpdateTask({ userId: "", taskId: TASK_A, body: v2() }));
  await collect("agent validation: batch ids", () => api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: [1, ""] }));
  await collect("agent validation: 31 ids", () => api.buildBatchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: Array.from({ length: 31 }, (_, i) => `r${i}`) }));
  await collect("agent api 5002", () => api.updateTask({ userId: USER_A, taskId: "no-such-task", body: v2() }));
  await collect("agent api 6007", () => api.updateTask({ userId: USER_A, taskId: TASK_A_RUNNING, body: v2() }));
  await collect("agent api 6007 zh-CN", () => new AgentApi({ token: SECRET_TOKEN, baseUrl: emu.url, locale: "zh-CN" }).updateTask({ userId: USER_A, taskId: TASK_A_RUNNING, body: v2() }));
  await collect("agent http 401", () => rejected.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
  await collect("agent http 401 (batch)", () => rejected.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: ["rec-1"] }));
  for (const fault of ["fault-500", "fault-502-html", "fault-429", "fault-html-200", "fault-truncated", "fault-empty"]) {
    await collect(`agent ${fault}`, () => api.updateTask({ userId: USER_A, taskId: fault, body: v2() }));
  }
  await collect("agent timeout", () => quick.updateTask({ userId: USER_A, taskId: "fault-slow", body: v2() }));
  await collect("agent aborted", () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    return api.updateTask({ userId: USER_A, taskId: "fault-slow", body: v2(), signal: ac.signal });
  });
  await collect("agent network", () => dead.updateTask({ userId: USER_A, taskId: TASK_A, body: v2() }));
  await collect("agent batch 50051/50061", () => api.batchVoiceUrls({ userId: USER_A, taskId: "task-x", recordIds: ["rec-1", "missing-1", "novoice-1"] }));
  await collect("agent parse (static)", () => AgentApi.parseUpdateTask(200, "<html>login</html>"));

  // ---- aiccs
  const mk = (o = {}) => new Aiccs({ accessKeyId: "testid", accessKeySecret: SECRET_KEY, endpoint: `127.0.0.1:${emu.port}`, protocol: "http", ...o });
  const hanging = (url, init) => new Promise((resolve, reject) => {
    init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });
  await collect("aiccs validation: constructor with the secret and bad options", () => new Aiccs({ accessKeyId: "", accessKeySecret: SECRET_KEY, protocol: "ftp", signatureVersion: "v9", endpoint: "http://x/y" }));
  await collect("aiccs validation: secret of the wrong type", () => new Aiccs({ accessKeyId: "testid", accessKeySecret: { value: SECRET_KEY } }));
  await collect("aiccs validation: unknown action", () => mk().call("NoSuchAction", {}));
  await collect("aiccs validation: unknown param", () => mk().createAiCallTask({ ...createTaskParams(), Nope: 1 }));
  await collect("aiccs validation: buildRequest", () => mk().buildRequest("CreateAiCallTask", {}));
  await collect("aiccs api TaskNotExist", () => mk().queryAiCallTaskDetail({ TaskId: "404" }));
  // A server that echoes the secret in its code and request id (200 envelope and HTTP 400).
  for (const status of [200, 400]) {
    const echo = () => Promise.resolve(new Response(JSON.stringify({ Code: `Bad.${SECRET_KEY}`, Message: "m", RequestId: SECRET_KEY }), { status }));
    await collect(`aiccs echoed secret in Code and RequestId (${status})`, () => mk({ fetch: echo }).stopAiCallTask({ TaskId: "t" }));
  }
  // A parameter (and a parameter name) that is the secret, refused before sending.
  await collect("aiccs validation quoting a parameter that is the secret", () => mk().buildRequest("HangupOperate", { CallId: 5, [SECRET_KEY]: SECRET_KEY }));
  await collect("aiccs validation quoting the secret in call", () => mk().hangupOperate({ CallId: { x: SECRET_KEY }, [SECRET_KEY]: 1 }));
  await collect("aiccs api InvalidParameter.CallId", () => mk().hangupOperate({ CallId: "nope" }));
  // Options: a key that is the secret, a locale that is the secret, in calls and walks.
  await collect("aiccs call option named as the secret", () => mk().stopAiCallTask({ TaskId: "t" }, { [SECRET_KEY]: 1 }));
  await collect("aiccs call locale that is the secret", () => mk().call("StopAiCallTask", { TaskId: "t" }, { locale: SECRET_KEY }));
  await collect("aiccs paginate locale that is the secret", async () => { for await (const _ of mk().paginate("QueryAiCallTaskPage", {}, { locale: SECRET_KEY })); });
  await collect("agent paginate locale that is the token", async () => { for await (const _ of api.paginate("listTasks", { userId: USER_A, locale: SECRET_TOKEN })); });
  // The step before the first page: a name, or arguments, that are the secret.
  await collect("agent paginate of a name that is the token", async () => { for await (const _ of api.paginate(SECRET_TOKEN, {})); });
  await collect("agent paginate of a query key that is the token", async () => { for await (const _ of api.paginate("listTasks", { userId: USER_A, query: { [SECRET_TOKEN]: NaN } })); });
  await collect("aiccs paginate of an action that is the secret", async () => { for await (const _ of mk().paginate(SECRET_KEY, {})); });
  await collect("aiccs paginate of a parameter that is the secret", async () => { for await (const _ of mk().paginate("QueryAiCallTaskPage", { [SECRET_KEY]: NaN })); });
  for (const signatureVersion of ["v3", "v1"]) {
    await collect(`aiccs SignatureDoesNotMatch ${signatureVersion}`, () => mk({ accessKeyId: "otherid", signatureVersion }).listAvailableTts({}));
    await collect(`aiccs SignatureDoesNotMatch on the other emulator ${signatureVersion}`, () => new Aiccs({ accessKeyId: "testid", accessKeySecret: SECRET_KEY, endpoint: `127.0.0.1:${other.port}`, protocol: "http", signatureVersion }).listAvailableTts({}));
  }
  await collect("aiccs Throttling.User", () => mk().createAiCallTask(createTaskParams({ TaskName: "__throttle__" })));
  await collect("aiccs 503", () => mk().createAiCallTask(createTaskParams({ TaskName: "__5xx__" })));
  await collect("aiccs InvalidTimeStamp.Expired", async () => {
    const req = mk().buildRequest("ListAvailableTts", {}, { timestamp: isoSeconds(Date.now() - 20 * 60e3) });
    const res = await fetch(req.url, req);
    return Aiccs.parseResponse("ListAvailableTts", res.status, await res.text());
  });
  await collect("aiccs SignatureNonceUsed", async () => {
    const req = mk({ signatureVersion: "v1" }).buildRequest("ListAvailableTts", {});
    await fetch(req.url, req);
    const res = await fetch(req.url, req);
    return Aiccs.parseResponse("ListAvailableTts", res.status, await res.text());
  });
  await collect("aiccs timeout", () => mk({ timeoutMs: 100, fetch: hanging }).createAiCallTask(createTaskParams()));
  await collect("aiccs aborted", () => mk({ fetch: hanging }).listAvailableTts({}, { signal: AbortSignal.abort() }));
  await collect("aiccs network", () => new Aiccs({ accessKeyId: "testid", accessKeySecret: SECRET_KEY, endpoint: "127.0.0.1:1", protocol: "http" }).createAiCallTask(createTaskParams()));
  await collect("aiccs parse (static)", () => Aiccs.parseResponse("ListAvailableTts", 200, "<html></html>"));
}

describe("secrets never leak", () => {
  test("errors of every kind were produced", () => {
    const kinds = new Set(errors.map(([, e]) => e?.kind));
    for (const k of ["validation", "api", "http", "timeout", "aborted", "network", "parse"]) assert.ok(kinds.has(k), `no ${k} error produced`);
    for (const [label, e] of errors) assert.ok(e instanceof AicallError, `${label}: ${e}`);
    assert.ok(errors.length >= 40, `${errors.length} errors`);
  });

  test("no message, String(), stack, JSON or inspect output of any error contains a secret", () => {
    for (const [label, e] of errors) {
      for (const [view, text] of Object.entries(views(e))) assertNoSecret(`${label} / ${view}`, text);
    }
  });

  test("a refused credential is kept out of the messages about the other options", () => {
    const S = "Zq9SECRETvalueX7k";
    const made = (f) => { try { f(); return null; } catch (e) { return e; } };
    const cases = [
      () => new AgentApi({ token: `${S}\n`, locale: S }), // a token read from a file, newline and all
      () => new AgentApi({ token: `Bearer ${S}`, baseUrl: S }),
      () => new AgentApi({ token: new String(S), locale: S }), // eslint-disable-line no-new-wrappers
      () => new Aiccs({ accessKeyId: "a", accessKeySecret: `${S}\n`, protocol: S }),
      () => new Aiccs({ accessKeyId: "a", accessKeySecret: "b", securityToken: 1234567890123, endpoint: "1234567890123" }),
    ];
    for (const [i, f] of cases.entries()) {
      const e = made(f);
      assert.ok(e instanceof AicallError, `case ${i}: ${e}`);
      for (const text of Object.values(views(e))) {
        assert.ok(!text.includes(S) && !text.includes("1234567890123"), `case ${i}: ${text}`);
      }
    }
  });

  test("a sub-account's password is kept out of every message, the server's echo included", async () => {
    const P = "Pw-7731-zq";
    const body = { name: "n", email: "e@x", phone: "138", password: P, password_confirmation: P };
    const echo = (status, message) => async () => new Response(JSON.stringify({ code: status, status: "error", message, data: [] }), { status });
    const answers = [
      echo(422, { password: [`The password ${P} is too weak.`], email: ["The email has already been taken."] }),
      echo(200, `password ${P} refused`),
      async () => { throw new TypeError(`connect failed for ${P}`); },
    ];
    for (const fetch of answers) {
      const api = new AgentApi({ token: "tok-abcdef", baseUrl: "http://h", fetch });
      const e = await api.createSubAccount({ userId: "u", body }).then(() => null, (x) => x);
      assert.ok(e instanceof AicallError, String(e));
      for (const [view, text] of Object.entries(views(e))) assert.ok(!text.includes(P), `${view}: ${text}`);
    }
    // A wrong type is not shown either (numbers are common PINs).
    const issues = AgentApi.validate("createSubAccount", { userId: "u", body: { ...body, password: 73310042, password_confirmation: [73310042] } }, { locale: "zh-CN" });
    assert.deepEqual(issues.map((i) => i.path), ["body.password", "body.password_confirmation"]);
    assert.ok(!JSON.stringify(issues).includes("73310042"), JSON.stringify(issues));
  });

  test("the SDK printed nothing that contains a secret", () => {
    for (const line of logged) assertNoSecret("console output", line);
  });

  test("clients do not show their credentials (inspect, JSON, String, keys)", () => {
    const clients = [
      new AgentApi({ token: SECRET_TOKEN, baseUrl: emu.url }),
      new Aiccs({ accessKeyId: "testid", accessKeySecret: SECRET_KEY }),
      new Aiccs({ accessKeyId: "testid", accessKeySecret: SECRET_KEY, signatureVersion: "v1", securityToken: "demo-sts-token" }),
    ];
    for (const c of clients) {
      const texts = [
        util.inspect(c, { depth: Infinity, showHidden: true }),
        JSON.stringify(c) ?? "",
        String(c),
        `${c}`,
        JSON.stringify(Object.keys(c)),
        JSON.stringify(Object.getOwnPropertyNames(c)),
      ];
      for (const t of texts) assertNoSecret(`${c.constructor.name}`, t);
    }
  });

  test("signed aiccs requests do not carry the secret (v3 and v1)", () => {
    for (const signatureVersion of ["v3", "v1"]) {
      const c = new Aiccs({ accessKeyId: "testid", accessKeySecret: SECRET_KEY, signatureVersion });
      const req = c.buildRequest("CreateAiCallTask", createTaskParams(), { nonce: "n", timestamp: "2026-01-01T00:00:00Z" });
      assertNoSecret(`buildRequest ${signatureVersion}`, JSON.stringify(req));
    }
  });
});
