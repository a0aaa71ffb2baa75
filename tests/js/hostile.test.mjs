// Hostile values never crash the SDK: every entry point answers with issues, a result,
// or an AicallError — and Object.prototype is not polluted afterwards.

import { test, describe, before } from "node:test";
import assert from "node:assert/strict";

import fs from "node:fs";
import path from "node:path";

import { loadNode, readJson, readText, issueKeys, FIXTURES } from "./helpers.mjs";

let AgentApi;
let Aiccs;
let AicallError;
let api;
let client;

const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayProtoKeysBefore = Object.getOwnPropertyNames(Array.prototype).sort();

let cachedValues;

/** The values are built once: none of them can be modified (frozen, proxies, primitives) or they are not reused by the SDK. */
function hostileValues() {
  cachedValues ??= buildHostileValues();
  return cachedValues;
}

function buildHostileValues() {
  const cyc = { a: 1 };
  cyc.self = cyc;
  const cycArr = [];
  cycArr.push(cycArr);
  let deep = {};
  let cur = deep;
  for (let i = 0; i < 10000; i++) {
    cur.x = {};
    cur = cur.x;
  }
  let deepArr = [];
  let ca = deepArr;
  for (let i = 0; i < 10000; i++) {
    const n = [];
    ca.push(n);
    ca = n;
  }
  const throwingProxy = new Proxy({}, {
    get() { throw new Error("proxy get"); },
    has() { throw new Error("proxy has"); },
    ownKeys() { throw new Error("proxy ownKeys"); },
    getOwnPropertyDescriptor() { throw new Error("proxy gOPD"); },
    getPrototypeOf() { throw new Error("proxy getPrototypeOf"); },
  });
  const trapAll = { apply() { throw new Error("proxy apply"); }, construct() { throw new Error("proxy construct"); } };
  for (const t of ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf"]) trapAll[t] = () => { throw new Error(`proxy ${t}`); };
  const throwingArrayProxy = new Proxy([], trapAll);
  const throwingFunctionProxy = new Proxy(function () {}, trapAll);
  const throwingGetters = {};
  for (const k of ["token", "body", "userId", "taskId", "recordIds", "accessKeyId", "accessKeySecret", "locale", "variant", "TaskName", "nonce", "timestamp", "signal", "fetch", "now", "task_extras"]) {
    Object.defineProperty(throwingGetters, k, { enumerable: true, get() { throw new Error(`getter ${k}`); } });
  }
  const deepFrozen = (o) => {
    Object.values(o).forEach((v) => v && typeof v === "object" && deepFrozen(v));
    return Object.freeze(o);
  };
  return {
    null: null,
    undefined,
    string: "hello",
    emptyString: "",
    number: 42,
    boolean: true,
    negativeZero: -0,
    NaN,
    Infinity,
    bigint: 10n,
    symbol: Symbol("s"),
    function: () => 1,
    cycle: cyc,
    cyclicArray: cycArr,
    deep10k: deep,
    deepArray10k: deepArr,
    string5MB: "x".repeat(5 * 1024 * 1024),
    protoPayload: JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}'),
    throwingProxy,
    throwingArrayProxy,
    throwingFunctionProxy,
    throwingGetters,
    toJSONThrows: { toJSON() { throw new Error("toJSON"); } },
    frozen: deepFrozen({ a: { b: [1, 2] }, task_extras: { line: [] } }),
    frozenV2: deepFrozen(readJson("agent_api/update_v2.json")),
    array: [1, "two", { three: 3 }],
    emptyArray: [],
    sparseArray: [, , 1], // eslint-disable-line no-sparse-arrays
    map: new Map([["a", 1]]),
    date: new Date(0),
    nullProto: Object.assign(Object.create(null), { a: 1 }),
    typedArray: new Uint8Array([1, 2, 3]),
    boxedString: new String("boxed"), // eslint-disable-line no-new-wrappers
    classInstance: new (class Thing { constructor() { this.x = 1; } })(),
    bigintInside: { maximumcall: 10n, recordIds: [1n] },
    weirdKeys: { "": 1, "a.b": 2, "[0]": 3, "\u0000": 4, ["中".repeat(1000)]: 5 },
  };
}

function isThenable(v) {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function";
}

/** Runs fn(value) for every hostile value; collects everything that is not issues, a value or an AicallError. */
async function survey(name, fn, { async = false } = {}) {
  const problems = [];
  for (const [label, value] of Object.entries(hostileValues())) {
    const t0 = Date.now();
    try {
      const out = fn(value);
      if (async) {
        if (!isThenable(out)) {
          problems.push(`${label}: did not return a promise`);
          continue;
        }
        try {
          await out;
        } catch (e) {
          if (!(e instanceof AicallError)) problems.push(`${label}: rejected with ${e?.constructor?.name}: ${String(e).slice(0, 160)}`);
          else if (!e.kind || !e.code || typeof e.message !== "string") problems.push(`${label}: malformed AicallError`);
        }
      } else if (Array.isArray(out)) {
        for (const i of out) {
          if (typeof i?.path !== "string" || typeof i?.code !== "string" || typeof i?.message !== "string") {
            problems.push(`${label}: malformed issue ${JSON.stringify(i)}`);
          }
        }
      }
    } catch (e) {
      if (!(e instanceof AicallError)) problems.push(`${label}: threw ${e?.constructor?.name}: ${String(e).slice(0, 160)}`);
      else if (e.kind === "validation" && !(Array.isArray(e.issues) && e.issues.length > 0)) problems.push(`${label}: validation error without issues`);
    }
    const ms = Date.now() - t0;
    if (ms > 3000) problems.push(`${label}: took ${ms} ms`);
  }
  assert.deepEqual(problems, [], `${name}:\n  ${problems.join("\n  ")}`);
}

before(async () => {
  ({ AgentApi, Aiccs, AicallError } = await loadNode());
  const okFetch = async (url) => {
    const body = String(url).includes("/agent-api/") ? readText("agent_api/update_ok.json") : readText("aiccs/ListAvailableTts.json");
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
  api = new AgentApi({ token: "t", fetch: okFetch, timeoutMs: 2000 });
  client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch: okFetch, timeoutMs: 2000 });
});

describe("hostile values: pure functions", () => {
  test("AgentApi.validateTaskUpdate(body)", () => survey("validateTaskUpdate", (v) => AgentApi.validateTaskUpdate(v)));
  test("AgentApi.validateTaskUpdate(body, options)", () => survey("validateTaskUpdate options", (v) => AgentApi.validateTaskUpdate({}, v)));
  test("AgentApi.validateTaskUpdate(legacy body)", () => survey("validateTaskUpdate legacy", (v) => AgentApi.validateTaskUpdate(v, { variant: "legacy" })));
  test("AgentApi.validateTaskUpdate with hostile task_extras", () => survey("task_extras", (v) => AgentApi.validateTaskUpdate({ ...readJson("agent_api/update_v2.json"), task_extras: v })));
  test("AgentApi.validateRecordIds(ids)", () => survey("validateRecordIds", (v) => AgentApi.validateRecordIds(v)));
  test("AgentApi.validateRecordIds(ids, options)", () => survey("validateRecordIds options", (v) => AgentApi.validateRecordIds(["a"], v)));
  test("api.buildUpdateTask(args)", () => survey("buildUpdateTask args", (v) => api.buildUpdateTask(v)));
  test("api.buildUpdateTask({ body })", () => survey("buildUpdateTask body", (v) => api.buildUpdateTask({ userId: "u", taskId: "t", body: v })));
  test("api.buildUpdateTask({ userId, taskId, subUserId, variant })", async () => {
    await survey("buildUpdateTask userId", (v) => api.buildUpdateTask({ userId: v, taskId: "t", body: readJson("agent_api/update_v2.json") }));
    await survey("buildUpdateTask taskId", (v) => api.buildUpdateTask({ userId: "u", taskId: v, body: readJson("agent_api/update_v2.json") }));
    await survey("buildUpdateTask subUserId", (v) => api.buildUpdateTask({ userId: "u", taskId: "t", subUserId: v, body: readJson("agent_api/update_v2.json") }));
    await survey("buildUpdateTask variant", (v) => api.buildUpdateTask({ userId: "u", taskId: "t", variant: v, body: readJson("agent_api/update_v2.json") }));
  });
  test("api.buildBatchVoiceUrls(args / recordIds)", async () => {
    await survey("buildBatchVoiceUrls args", (v) => api.buildBatchVoiceUrls(v));
    await survey("buildBatchVoiceUrls recordIds", (v) => api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: v }));
    await survey("buildBatchVoiceUrls one id", (v) => api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: [v] }));
  });
  test("Aiccs.validate(action, params, options)", async () => {
    await survey("validate action", (v) => Aiccs.validate(v, {}));
    await survey("validate params", (v) => Aiccs.validate("CreateAiCallTask", v));
    await survey("validate options", (v) => Aiccs.validate("CreateAiCallTask", {}, v));
    await survey("validate a field", (v) => Aiccs.validate("ImportTaskNumberDatas", { TaskId: "1", DataType: "JSON", PhoneNumberList: v }));
    await survey("validate CallTime", (v) => Aiccs.validate("CreateAiCallTask", { TaskName: "x", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: v }));
  });
  test("client.buildRequest(action, params, options)", async () => {
    await survey("buildRequest action", (v) => client.buildRequest(v, {}));
    await survey("buildRequest params", (v) => client.buildRequest("ListAvailableTts", v));
    await survey("buildRequest options", (v) => client.buildRequest("ListAvailableTts", {}, v));
    await survey("buildRequest variables", (v) => client.buildRequest("ImportOneTaskPhoneNumber", { TaskId: "1", PhoneNumber: "13800138000", Variables: v }));
  });
  test("constructors", async () => {
    await survey("new AgentApi", (v) => new AgentApi(v));
    await survey("new AgentApi token", (v) => new AgentApi({ token: v }));
    await survey("new AgentApi baseUrl", (v) => new AgentApi({ token: "t", baseUrl: v }));
    await survey("new AgentApi timeoutMs", (v) => new AgentApi({ token: "t", timeoutMs: v }));
    await survey("new Aiccs", (v) => new Aiccs(v));
    await survey("new Aiccs secret", (v) => new Aiccs({ accessKeyId: "a", accessKeySecret: v }));
    await survey("new Aiccs endpoint", (v) => new Aiccs({ accessKeyId: "a", accessKeySecret: "b", endpoint: v }));
  });
  test("parsers with non-string bodies and bad statuses", async () => {
    await survey("parseResponse body", (v) => Aiccs.parseResponse("ListAvailableTts", 200, v));
    await survey("parseResponse status", (v) => Aiccs.parseResponse("ListAvailableTts", v, "{}"));
    await survey("parseResponse action", (v) => Aiccs.parseResponse(v, 200, "{}"));
    await survey("parseUpdateTask body", (v) => AgentApi.parseUpdateTask(200, v));
    await survey("parseUpdateTask status", (v) => AgentApi.parseUpdateTask(v, readText("agent_api/update_ok.json")));
    await survey("parseBatchVoiceUrls body", (v) => AgentApi.parseBatchVoiceUrls(200, v));
    await survey("parseBatchVoiceUrls status", (v) => AgentApi.parseBatchVoiceUrls(v, readText("agent_api/batch_voice_ok.json")));
  });
  test("parsers with hostile JSON text", () => {
    const texts = [
      "", " ", "null", "true", "0", '"x"', "[]", "{", "}", "{}", "[[[[[[[[[[", "[".repeat(100000), '{"a":'.repeat(5000),
      "\u0000", "\uFEFF{}", '{"Code":"OK"}garbage', "1e999999", '{"Data":1e400}', "-", '{"__proto__":{"polluted":1},"Code":"OK","Success":true}',
      '{"constructor":{"prototype":{"polluted":1}},"Code":"OK"}', `{"k":"${"\\u0000".repeat(1000)}"}`, "\uD800", '{"a":"\uD800"}',
      JSON.stringify({ Code: "OK", Data: "x".repeat(5 * 1024 * 1024) }),
      '{"code":200,"status":"success","data":{"batch_url":{"__proto__":[]}}}',
    ];
    const problems = [];
    for (const t of texts) {
      for (const [name, f] of [
        ["parseResponse", () => Aiccs.parseResponse("HangupOperate", 200, t)],
        ["parseUpdateTask", () => AgentApi.parseUpdateTask(200, t)],
        ["parseBatchVoiceUrls", () => AgentApi.parseBatchVoiceUrls(200, t)],
        ["parseResponse 500", () => Aiccs.parseResponse("ListAvailableTts", 500, t)],
      ]) {
        try {
          const out = f();
          if (out !== undefined && (out === null || typeof out !== "object")) problems.push(`${name}(${t.slice(0, 30)}): returned ${out}`);
        } catch (e) {
          if (!(e instanceof AicallError)) problems.push(`${name}(${t.slice(0, 30)}): threw ${e?.constructor?.name}: ${e}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe("hostile values: async methods reject with AicallError, never throw", () => {
  test("api.updateTask", async () => {
    await survey("updateTask args", (v) => api.updateTask(v), { async: true });
    await survey("updateTask body", (v) => api.updateTask({ userId: "u", taskId: "t", body: v }), { async: true });
    await survey("updateTask signal", (v) => api.updateTask({ userId: "u", taskId: "t", body: readJson("agent_api/update_v2.json"), signal: v }), { async: true });
  });
  test("api.batchVoiceUrls", async () => {
    await survey("batchVoiceUrls args", (v) => api.batchVoiceUrls(v), { async: true });
    await survey("batchVoiceUrls recordIds", (v) => api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: v }), { async: true });
    await survey("batchVoiceUrls onProgress", (v) => api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"], onProgress: v }), { async: true });
    await survey("batchVoiceUrls concurrency", (v) => api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"], concurrency: v }), { async: true });
  });
  test("client.call and the per-action methods", async () => {
    await survey("call action", (v) => client.call(v, {}), { async: true });
    await survey("call params", (v) => client.call("ListAvailableTts", v), { async: true });
    await survey("call options", (v) => client.call("ListAvailableTts", {}, v), { async: true });
    await survey("createAiCallTask", (v) => client.createAiCallTask(v), { async: true });
    await survey("hangupOperate", (v) => client.hangupOperate(v), { async: true });
  });
  test("a fetch that returns junk", async () => {
    // [answer, may resolve] — anything else must reject with an AicallError.
    const junk = [
      [null], [undefined], [42], ["text"], [{}], [{ status: "200" }], [{ status: 200 }], [{ status: 200, text: 5 }],
      [{ status: 200, text: () => 42 }], [{ status: 200, text: () => { throw new Error("x"); } }], [{ status: 700, text: () => "{}" }],
      [{ status: 200, text: () => Promise.reject(new Error("stream")) }],
      [{ status: 200, text: async () => '{"RequestId":"r","Code":"OK","Success":true,"Data":1}', headers: { get() { throw new Error("h"); } } }, true],
    ];
    const runs = [
      ["updateTask", (f) => new AgentApi({ token: "t", fetch: f }).updateTask({ userId: "u", taskId: "t", body: readJson("agent_api/update_v2.json") })],
      ["call", (f) => new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch: f }).call("CreateAiCallTask", {
        TaskName: "x", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [{ startTime: "09:00:00", endTime: "10:00:00" }] })],
    ];
    const problems = [];
    for (const [answer, mayResolve] of junk) {
      for (const [name, run] of runs) {
        try {
          await run(async () => answer);
          if (!mayResolve) problems.push(`${name} ${JSON.stringify(answer)}: resolved`);
        } catch (e) {
          if (!(e instanceof AicallError)) problems.push(`${name} ${JSON.stringify(answer)}: ${e?.constructor?.name} ${e}`);
        }
      }
    }
    // batchVoiceUrls retries a GET after network-like failures (with pauses): a few answers are enough.
    for (const [answer] of [junk[7]]) {
      try {
        const out = await new AgentApi({ token: "t", fetch: async () => answer }).batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
        const ids = [...out.urls.map((u) => u.record_id), ...out.failed.map((f) => f.record_id)];
        if (JSON.stringify(ids) !== '["a"]') problems.push(`batchVoiceUrls ${JSON.stringify(answer)}: ids ${JSON.stringify(ids)}`);
        for (const f of out.failed) if (!(f.error instanceof AicallError)) problems.push("batchVoiceUrls: failed without AicallError");
      } catch (e) {
        if (!(e instanceof AicallError)) problems.push(`batchVoiceUrls ${JSON.stringify(answer)}: ${e?.constructor?.name} ${e}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

/** Runs `fn` for every hostile value and lists the labels where `check(outcome)` fails. */
async function expectEach(name, fn, check, { skip = [] } = {}) {
  const problems = [];
  for (const [label, value] of Object.entries(hostileValues())) {
    if (skip.includes(label)) continue;
    let outcome;
    try {
      outcome = { value: await fn(value) };
    } catch (e) {
      outcome = { error: e };
    }
    const why = check(outcome);
    if (why) problems.push(`${label}: ${why}`);
  }
  assert.deepEqual(problems, [], `${name}:\n  ${problems.join("\n  ")}`);
}

const describeOutcome = (o) => (o.error ? `threw ${o.error?.name} ${o.error?.kind ?? ""}: ${String(o.error?.message).slice(0, 120)}` : `returned ${typeof o.value}`);
/** An Issue[] with at least one issue; never a throw. */
const someIssues = (o) => (!o.error && Array.isArray(o.value) && o.value.length > 0 && issuesOk(o.value) ? null : describeOutcome(o));
/** An Issue[] or a validation AicallError. */
const issuesOrValidation = (o) => ((o.error ? isValidation(o.error) : Array.isArray(o.value) && issuesOk(o.value)) ? null : describeOutcome(o));
/** A validation AicallError, nothing else. */
const validationOnly = (o) => (o.error && isValidation(o.error) ? null : describeOutcome(o));
/** `ok(value)` or a validation AicallError. */
const okOrValidation = (ok) => (o) => ((o.error ? isValidation(o.error) : ok(o.value)) ? null : describeOutcome(o));
const issuesOk = (list) => list.every((i) => typeof i?.path === "string" && typeof i?.code === "string" && typeof i?.message === "string");
const isValidation = (e) => e instanceof AicallError && e.kind === "validation" && Array.isArray(e.issues) && e.issues.length > 0;

describe("hostile values: each AgentApi entry point answers the way it must", () => {
  const v2 = () => readJson("agent_api/update_v2.json");
  test("as the body or id list, the validators return issues and never throw", async () => {
    await expectEach("validateTaskUpdate", (v) => AgentApi.validateTaskUpdate(v), someIssues, { skip: ["frozenV2"] });
    await expectEach("validateTaskUpdate legacy", (v) => AgentApi.validateTaskUpdate(v, { variant: "legacy" }), someIssues);
    await expectEach("validateTaskUpdate zh-CN", (v) => AgentApi.validateTaskUpdate(v, { locale: "zh-CN" }), someIssues, { skip: ["frozenV2"] });
    await expectEach("validateRecordIds", (v) => AgentApi.validateRecordIds(v), someIssues);
  });
  test("as the options, the validators return issues or throw a validation error", async () => {
    await expectEach("validateTaskUpdate options", (v) => AgentApi.validateTaskUpdate(v2(), v), issuesOrValidation);
    await expectEach("validateRecordIds options", (v) => AgentApi.validateRecordIds(["a"], v), issuesOrValidation);
  });
  test("new AgentApi(hostile) is a validation error; a hostile option builds or is a validation error", async () => {
    await expectEach("new AgentApi", (v) => new AgentApi(v), validationOnly);
    for (const key of ["token", "baseUrl", "timeoutMs", "fetch", "locale"]) {
      await expectEach(`new AgentApi ${key}`, (v) => new AgentApi({ token: "t", [key]: v }), okOrValidation((c) => c instanceof AgentApi));
    }
  });
  test("the builders: hostile args are a validation error; a hostile field gives the request or a validation error", async () => {
    await expectEach("buildUpdateTask args", (v) => api.buildUpdateTask(v), validationOnly);
    await expectEach("buildBatchVoiceUrls args", (v) => api.buildBatchVoiceUrls(v), validationOnly);
    for (const key of ["userId", "taskId", "subUserId", "body", "variant", "locale"]) {
      await expectEach(`buildUpdateTask ${key}`, (v) => api.buildUpdateTask({ userId: "u1", taskId: "t1", body: v2(), [key]: v }), okOrValidation((r) => r.method === "PUT"));
    }
    for (const key of ["userId", "taskId", "subUserId", "recordIds", "locale"]) {
      await expectEach(`buildBatchVoiceUrls ${key}`, (v) => api.buildBatchVoiceUrls({ userId: "u1", taskId: "t1", recordIds: ["a", "b"], [key]: v }), okOrValidation((r) => r.method === "GET"));
    }
  });
  test("parseUpdateTask with a hostile status: the answer or a validation error", async () => {
    await expectEach("parseUpdateTask status", (v) => AgentApi.parseUpdateTask(v, readText("agent_api/update_ok.json")), okOrValidation((r) => r === undefined));
  });
  test("updateTask / batchVoiceUrls: hostile args reject with a validation error; a hostile field resolves or rejects with one", async () => {
    await expectEach("updateTask args", (v) => api.updateTask(v), validationOnly);
    await expectEach("batchVoiceUrls args", (v) => api.batchVoiceUrls(v), validationOnly);
    for (const key of ["signal", "body"]) {
      await expectEach(`updateTask ${key}`, (v) => api.updateTask({ userId: "u", taskId: "t", body: v2(), [key]: v }), okOrValidation((r) => r === undefined));
    }
    for (const key of ["signal", "onProgress", "concurrency", "recordIds"]) {
      await expectEach(`batchVoiceUrls ${key}`, (v) => api.batchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"], [key]: v }), okOrValidation((r) => Array.isArray(r.urls)));
    }
  });
});

describe("hostile values: deep, cyclic and big inputs", () => {
  const keys = (list) => list.map((i) => `${i.path}:${i.code}`);
  test("10,000 levels deep: one not_supported issue", () => {
    const { deep10k, deepArray10k } = hostileValues();
    for (const v of [deep10k, deepArray10k]) {
      const out = AgentApi.validateTaskUpdate(v);
      assert.equal(out.length, 1, keys(out).join(" "));
      assert.equal(out[0].code, "not_supported");
    }
  });
  test("nesting is read to serde_json's depth (127) and refused beyond it", () => {
    const nest = (n) => JSON.parse("[".repeat(n) + "]".repeat(n));
    assert.deepEqual(keys(AgentApi.validateRecordIds(nest(127))), ["recordIds[0]:invalid_type"]);
    assert.deepEqual(keys(AgentApi.validateRecordIds(nest(128))), ["recordIds:not_supported"]);
  });
  test("a cycle, a BigInt, a Proxy with throwing traps: one not_supported issue at the root", () => {
    const { cycle, throwingProxy } = hostileValues();
    for (const v of [cycle, 2n ** 64n - 1n, throwingProxy]) assert.deepEqual(keys(AgentApi.validateTaskUpdate(v)), [":not_supported"]);
    assert.deepEqual(keys(AgentApi.validateRecordIds(2n ** 64n - 1n)), ["recordIds:not_supported"]);
  });
  test("a BigInt or a cycle inside the arguments is named where it is, nothing else said about it", () => {
    assert.deepEqual(keys(Aiccs.validate("QueryAiCallTaskPage", { PageSize: 10n })), ["PageSize:not_supported"]);
    assert.deepEqual(keys(AgentApi.validateTaskUpdate({ maximumcall: 10n, task_extras: { line: [{ id: 1n }] } })), ["maximumcall:not_supported"]);
    const rows = [{ phone: "1" }, { phone: "2", extra: { x: 5n } }];
    assert.deepEqual(keys(AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: rows } })), ["body.data[1].extra.x:not_supported"]);
    const c = { a: 1 };
    c.self = c;
    assert.deepEqual(keys(AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: [{ phone: "1", extra: c }] } })), ["body.data[0].extra:not_supported"]);
    let e;
    try { new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).buildRequest("StopAiCallTask", { TaskId: 3n }); } catch (err) { e = err; }
    assert.ok(e instanceof AicallError);
    assert.deepEqual(e.issues.map((i) => `${i.path}:${i.code}`), ["TaskId:not_supported"]);
    assert.match(e.message, /TaskId/);
    // Each says which it is: a BigInt is told to go as a string, a cycle is called one.
    assert.match(e.issues[0].message, /^TaskId is a BigInt, which JSON cannot carry; pass it as a string/);
    const cyc = AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: [{ phone: "1", extra: c }] } }, { locale: "zh-CN" });
    assert.equal(cyc[0].message, "body.data[0].extra 引用了自身（循环引用），无法转换为 JSON。");
    // A getter that throws is neither: the general message.
    const getter = { phone: "1", get extra() { throw new Error("no"); } };
    assert.match(AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: [getter] } })[0].message, /cannot be read as JSON/);
  });
  test("a string with a lone surrogate (an emoji cut in half) is named where it is", () => {
    const cut = "🎉春季".slice(0, 1);
    const params = { TaskName: cut, StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [{ startTime: "09:00:00", endTime: "10:00:00" }] };
    assert.deepEqual(keys(Aiccs.validate("CreateAiCallTask", params)), ["TaskName:not_supported"]);
    let e;
    try { new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).buildRequest("CreateAiCallTask", params); } catch (err) { e = err; }
    assert.ok(e instanceof AicallError);
    assert.deepEqual(e.issues.map((i) => `${i.path}:${i.code}`), ["TaskName:not_supported"]);
    assert.deepEqual(keys(AgentApi.validateTaskUpdate({ name: "a", task_extras: { line: [{ id: 1, name: cut }] } })).filter((k) => k.endsWith("not_supported")), ["task_extras.line[0].name:not_supported"]);
    assert.deepEqual(keys(AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: [{ phone: "1" }, { phone: "2", name: cut }] } })), ["body.data[1].name:not_supported"]);
    // A task body's fields are named without `body.`, whichever validator or method reads them
    // (a form maps every issue of one body the same way).
    const task = { name: "a", task_extras: { line: [{ id: 1, name: cut }] } };
    const inTask = ["task_extras.line[0].name:not_supported"];
    assert.deepEqual(keys(AgentApi.validate("updateTask", { userId: "u", taskId: "t", body: task })).filter((k) => k.endsWith("not_supported")), inTask);
    // (JSON.stringify stops at the BigInt: the first value it cannot write is the one named.)
    assert.deepEqual(keys(AgentApi.validate("createTask", { userId: "u", body: { ...task, maximumcall: 2n } })).filter((k) => k.endsWith("not_supported")), ["maximumcall:not_supported"]);
    const big = AgentApi.validate("createTask", { userId: "u", body: { ...task, maximumcall: 2n } }).find((i) => i.path === "maximumcall");
    assert.match(big.message, /^maximumcall /);
    // The body itself unreadable: named `body` (a root of "" would name nothing).
    assert.deepEqual(keys(AgentApi.validate("createTask", { userId: "u", body: 5n })), ["body:not_supported"]);
    // Nested too deep to read: still said at the root of what was given.
    assert.deepEqual(keys(AgentApi.validateRecordIds(JSON.parse("[".repeat(128) + "]".repeat(128)))), ["recordIds:not_supported"]);
  });
  test("a Map or a Set (which JSON writes as {}) is named where it is, never sent as {}", () => {
    const params = { CalledNumber: "1", ApplicationCode: "a", StartWordParam: new Map([["name", "张三"]]) };
    assert.deepEqual(keys(Aiccs.validate("LlmSmartCall", params)), ["StartWordParam:not_supported"]);
    assert.match(Aiccs.validate("LlmSmartCall", params, { locale: "zh-CN" })[0].message, /Map 和 Set/);
    let e;
    try { new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).buildRequest("ImportOneTaskPhoneNumber", { TaskId: 1, PhoneNumber: "1", Variables: new Map([["a", "b"]]) }); } catch (err) { e = err; }
    assert.ok(e instanceof AicallError);
    assert.deepEqual(e.issues.map((i) => `${i.path}:${i.code}`), ["Variables:not_supported"]);
    const rows = [{ phone: "1", extra: {} }, { phone: "2", extra: { tags: new Set(["vip"]) } }];
    assert.deepEqual(keys(AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: rows } })), ["body.data[1].extra.tags:not_supported"]);
    // An empty plain object is still an object.
    assert.deepEqual(keys(AgentApi.validate("addNumbers", { userId: "u", taskId: "t", body: { data: [rows[0]] } })), []);
  });
  test("params serde_json cannot read are reported next to every other problem of the call", () => {
    const client = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" });
    const deep = JSON.parse("[".repeat(130) + "1" + "]".repeat(130));
    // A lone surrogate in a value is named at its field, in a key at that key (the half
    // pair shown as U+FFFD); nesting too deep at the root.
    for (const [params, at] of [[{ TaskId: "a\uD800b" }, "TaskId"], [{ ["\uDC00"]: "1" }, "\uFFFD"], [{ TaskId: "1", BizParam: { k: deep } }, ""]]) {
      for (const [action, options, want] of [
        [5, undefined, ["action:invalid_type", `${at}:not_supported`]],
        ["StopAiCallTask", { timestamp: "yesterday" }, ["timestamp:invalid_format", `${at}:not_supported`]],
        [5, { timestamp: "yesterday" }, ["timestamp:invalid_format", "action:invalid_type", `${at}:not_supported`]],
      ]) {
        let e;
        try { client.buildRequest(action, params, options); } catch (err) { e = err; }
        assert.ok(e instanceof AicallError, String(e));
        assert.deepEqual(keys(e.issues), want, JSON.stringify({ action, options, at }));
      }
    }
    client.free();
  });
  test("a 5 MB string: invalid_type with a short message; as one id it is still one id", () => {
    for (const big of [hostileValues().string5MB, "y".repeat(5 << 20)]) {
      const out = AgentApi.validateTaskUpdate(big);
      assert.equal(out[0].code, "invalid_type");
      assert.ok(out[0].message.length < 500, `message of ${out[0].message.length} characters`);
      assert.deepEqual(keys(AgentApi.validateRecordIds(big)), ["recordIds:invalid_type"]);
      assert.deepEqual(AgentApi.validateRecordIds([big]), []);
    }
  });
});

describe("hostile fetch answers", () => {
  test("junk returned synchronously, non-Error throws and rejections: kind network, parse or http", async () => {
    // [label, answer maker]: fetch itself is not async here.
    const answers = [
      ["42", () => 42], ["Promise<42>", () => Promise.resolve(42)], ["null", () => null], ["undefined", () => undefined],
      ["string", () => "HTTP/1.1 200 OK"], ["{}", () => ({})], ["status as string", () => ({ status: "200", text: async () => "{}" })],
      ["status 99", () => ({ status: 99, text: async () => "{}" })], ["status NaN", () => ({ status: NaN, text: async () => "{}" })],
      ["no text()", () => ({ status: 200 })], ["text not a function", () => ({ status: 200, text: 5 })],
      ["text() throws", () => ({ status: 200, text() { throw new Error("text threw"); } })],
      ["text() rejects", () => ({ status: 200, text: () => Promise.reject(new Error("text rejected")) })],
      ["text() resolves a number", () => ({ status: 200, text: async () => 12345 })],
      ["rejects with a string", () => Promise.reject("plain string rejection")], // eslint-disable-line prefer-promise-reject-errors
      ["rejects with undefined", () => Promise.reject(undefined)], // eslint-disable-line prefer-promise-reject-errors
      ["throws null", () => { throw null; }], // eslint-disable-line no-throw-literal
      ["thenable that throws", () => ({ then() { throw new Error("then threw"); } })],
      ["Proxy response with throwing traps", () => new Proxy({}, { get() { throw new Error("response trap"); } })],
    ];
    const problems = [];
    for (const [label, make] of answers) {
      const client = new AgentApi({ token: "t", fetch: () => make(), timeoutMs: 2000 });
      try {
        await client.updateTask({ userId: "u", taskId: "t", body: readJson("agent_api/update_v2.json") });
        problems.push(`${label}: resolved`);
      } catch (e) {
        if (!(e instanceof AicallError) || !["network", "parse", "http"].includes(e.kind)) problems.push(`${label}: ${e?.name} ${e?.kind} ${e}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe("no prototype pollution, inputs untouched", () => {
  test("an own __proto__ key in a task body is an unknown_field, and nothing leaks", () => {
    const body = JSON.parse(readText("agent_api/update_v2.json").replace("{", '{"__proto__":{"polluted":true},'));
    assert.deepEqual(AgentApi.validateTaskUpdate(body).map((i) => `${i.path}:${i.code}`), ["__proto__:unknown_field"]);
    assert.equal({}.polluted, undefined);
    assert.deepEqual(AgentApi.validateTaskUpdate(readJson("agent_api/update_v2.json")), []);
  });

  test("__proto__ payloads in bodies, params and answers", () => {
    const payload = () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
    const body = readJson("agent_api/update_v2.json");
    body.task_extras = Object.assign(payload(), body.task_extras);
    AgentApi.validateTaskUpdate(body);
    AgentApi.validateTaskUpdate(payload());
    try { api.buildUpdateTask({ userId: "u", taskId: "t", body: Object.assign(payload(), readJson("agent_api/update_v2.json")) }); } catch { /* issues are fine */ }
    Aiccs.validate("ImportOneTaskPhoneNumber", { TaskId: "1", PhoneNumber: "13800138000", Variables: payload() });
    Aiccs.validate("CreateAiCallTask", payload());
    try { client.buildRequest("ImportOneTaskPhoneNumber", { TaskId: "1", PhoneNumber: "13800138000", Variables: payload() }); } catch { /* fine */ }
    const out = Aiccs.parseResponse("ListAvailableTts", 200, '{"__proto__":{"polluted":"yes"},"RequestId":"r","Code":"OK","Success":true,"Data":[{"__proto__":{"polluted":"yes"}}]}');
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(out.polluted, undefined);
    assert.equal({}.polluted, undefined);
    assert.equal([].polluted, undefined);
  });

  test("Object.prototype and Array.prototype are unchanged after every test above", () => {
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoKeysBefore);
    assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), arrayProtoKeysBefore);
    for (const k of ["polluted", "x", "a"]) {
      assert.equal({}[k], undefined, k);
      assert.equal(Object.prototype[k], undefined, k);
    }
  });

  test("inputs are not modified", () => {
    const body = readJson("agent_api/update_v2.json");
    delete body.task_extras.line;
    const snapshot = JSON.stringify(body);
    AgentApi.validateTaskUpdate(body);
    api.buildUpdateTask({ userId: "u", taskId: "t", body });
    assert.equal(JSON.stringify(body), snapshot);
    const params = { TaskName: "x", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [{ startTime: "09:00:00", endTime: "10:00:00" }] };
    const p = JSON.stringify(params);
    Aiccs.validate("CreateAiCallTask", params);
    client.buildRequest("CreateAiCallTask", params);
    assert.equal(JSON.stringify(params), p);
  });
});

describe("BUGS found with hostile values", () => {
  test("Aiccs.validate: NaN / Symbol / function params read as {} but 42 is invalid_type", () => {
    const typeOfRoot = (v) => Aiccs.validate("ListAvailableTts", v).map((i) => `${i.path}:${i.code}`);
    assert.deepEqual(typeOfRoot(42), [":invalid_type"]);
    for (const v of [NaN, Infinity, Symbol("s"), () => 1]) assert.deepEqual(typeOfRoot(v), [":invalid_type"], String(v));
  });
});

test("NaN and ±Infinity are refused where they stand (JSON would send them as null)", async () => {
  const { Aiccs, AgentApi } = await loadNode();
  assert.deepEqual(issueKeys(Aiccs.validate("AddLargeModel", { Temperature: NaN })), ["Temperature:invalid_type"]);
  const zh = Aiccs.validate("UpdateModelApplication", { ApplicationCode: "a", InterruptConfig: { StartwordProtectDuration: -Infinity } }, { locale: "zh-CN" });
  assert.deepEqual(issueKeys(zh), ["InterruptConfig.StartwordProtectDuration:invalid_type"]);
  assert.match(zh[0].message, /不能是 -Infinity/);
  assert.deepEqual(issueKeys(AgentApi.validateRecordIds(["a", Infinity])), ["recordIds[1]:invalid_type"]);
  const body = JSON.parse(fs.readFileSync(path.join(FIXTURES, "agent_api/update_v2.json"), "utf8"));
  body.task_extras.line[0].limit = NaN;
  assert.deepEqual(issueKeys(AgentApi.validateTaskUpdate(body)), ["task_extras.line[0].limit:invalid_type"]);
  // A real null, and the word "null" in a string, are not mistaken for one.
  assert.deepEqual(Aiccs.validate("AddLargeModel", { Temperature: null, ModelName: "null" }).map((i) => i.code).filter((c) => c === "invalid_type"), []);
  const c = new Aiccs({ accessKeyId: "id", accessKeySecret: "secret" });
  assert.throws(() => c.buildRequest("AddLargeModel", { TopP: Infinity }), (e) => e.kind === "validation" && e.issues[0].path === "TopP");
  c.free();
});

test("an AccessKeySecret with a stray newline or of the wrong type is refused when the client is made, never echoed", async () => {
  const { Aiccs } = await loadNode();
  const made = (o) => { try { new Aiccs({ accessKeyId: "id", ...o }); } catch (e) { return e; } return null; };
  const nl = made({ accessKeySecret: "S3cr3tKey\n" });
  assert.deepEqual(issueKeys(nl.issues), ["accessKeySecret:invalid_format"]);
  assert.ok(!JSON.stringify(nl).includes("S3cr3tKey") && !nl.message.includes("S3cr3tKey"));
  const arr = made({ accessKeySecret: ["S3cr3tKey"] });
  assert.deepEqual(issueKeys(arr.issues), ["accessKeySecret:invalid_type"]);
  assert.ok(!JSON.stringify(arr).includes("S3cr3tKey"));
  assert.equal(made({ accessKeySecret: "S3cr3tKey" }), null);
});

test("issues cross intact when a path or a received value holds a NUL (the separator of the fast path)", async () => {
  const { AgentApi, Aiccs } = await loadNode();
  const body = JSON.parse(fs.readFileSync(path.join(FIXTURES, "agent_api/update_v2.json"), "utf8"));
  const plain = AgentApi.validateTaskUpdate({ ...body, name: "" });
  assert.deepEqual(plain.map((i) => Object.keys(i)), [["path", "code", "message"]]);
  assert.equal(Object.getPrototypeOf(plain), Array.prototype);
  const withNul = AgentApi.validateTaskUpdate({ ...body, "a\u0000b": 1, name: 5 });
  assert.deepEqual(withNul.map((i) => [i.path, i.code]), [["name", "invalid_type"], ["a\u0000b", "unknown_field"]]);
  const got = AgentApi.validateRecordIds(["x\u0000", "x\u0000"]);
  assert.deepEqual(got.map((i) => i.path), ["recordIds[1]"]);
  assert.match(got[0].message, /"x\u0000"/);
  assert.deepEqual(issueKeys(Aiccs.validate("CreateAiCallTask", { "\u0000": 1 })).filter((k) => k.startsWith("\u0000")), ["\u0000:unknown_field"]);
});

test("issues do not depend on built-ins a page patches later (split, indexOf, slice, push)", async () => {
  const { AgentApi, Aiccs } = await loadNode();
  const calls = () => [
    AgentApi.validateTaskUpdate({ name: 5 }, { locale: "en" }),
    AgentApi.validateRecordIds(["a", "a", ""]),
    Aiccs.validate("CreateAiCallTask", { TaskName: 5 }, { locale: "zh-CN" }),
  ];
  const before = calls();
  assert.ok(before.every((list) => list.length > 0));
  const saved = {
    push: Array.prototype.push,
    split: String.prototype.split,
    symbolSplit: String.prototype[Symbol.split],
    slice: String.prototype.slice,
    indexOf: String.prototype.indexOf,
  };
  try {
    Array.prototype.push = function () { return this.length; };
    String.prototype.split = function () { return ["", "", ""]; };
    String.prototype[Symbol.split] = () => ["", "", ""];
    String.prototype.slice = () => "patched";
    String.prototype.indexOf = () => -1;
    assert.deepEqual(calls(), before);
  } finally {
    Array.prototype.push = saved.push;
    String.prototype.split = saved.split;
    String.prototype[Symbol.split] = saved.symbolSplit;
    String.prototype.slice = saved.slice;
    String.prototype.indexOf = saved.indexOf;
  }
});
