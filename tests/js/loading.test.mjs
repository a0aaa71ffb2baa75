// Loading the Node build: import and require give the same working classes, and every
// aiccs operation has its camelCase method.

import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

import { loadNode, requireNode, FIXTURES, caught, assertAicallError, readJson } from "./helpers.mjs";

let esm;
let cjs;

before(async () => {
  esm = await loadNode();
  cjs = await requireNode();
});

describe("import / require", () => {
  test("import gives AgentApi, Aiccs, AicallError usable without init", () => {
    assert.equal(typeof esm.AgentApi, "function");
    assert.equal(typeof esm.Aiccs, "function");
    assert.equal(typeof esm.AicallError, "function");
    assert.ok(esm.AicallError.prototype instanceof Error);
    const api = new esm.AgentApi({ token: "t" });
    assert.deepEqual(esm.AgentApi.validateTaskUpdate(readJson("agent_api/update_v2.json")), []);
    const req = api.buildUpdateTask({ userId: "u", taskId: "t", body: readJson("agent_api/update_v2.json") });
    assert.equal(req.method, "PUT");
    const client = new esm.Aiccs({ accessKeyId: "id", accessKeySecret: "secret" });
    assert.equal(client.buildRequest("ListAvailableTts", {}).method, "POST");
  });

  test("default export of the ESM entry is the same module object as require()", () => {
    assert.equal(esm.default.AgentApi, esm.AgentApi);
    assert.equal(esm.default, cjs);
  });

  test("require and import share the same classes", () => {
    assert.equal(cjs.AgentApi, esm.AgentApi);
    assert.equal(cjs.Aiccs, esm.Aiccs);
    assert.equal(cjs.AicallError, esm.AicallError);
  });

  test("an error thrown through import is instanceof require's AicallError and vice versa", () => {
    const e1 = caught(() => new esm.AgentApi({}));
    assert.ok(e1 instanceof cjs.AicallError);
    const e2 = caught(() => new cjs.Aiccs({}));
    assert.ok(e2 instanceof esm.AicallError);
    assertAicallError(e1, cjs.AicallError, { kind: "validation", code: "validation_failed" });
    assert.deepEqual(e1.issues.map((i) => i.path), ["token"]);
  });

  test("AicallError can be constructed by users and serialises with toJSON", () => {
    const e = new esm.AicallError("boom", { kind: "http", code: "http_status", status: 502, retryable: true });
    assert.equal(e.name, "AicallError");
    assert.equal(e.kind, "http");
    assert.equal(e.status, 502);
    assert.equal(e.retryable, true);
    assert.ok(String(e).startsWith("AicallError: boom"));
    assert.deepEqual(JSON.parse(JSON.stringify(e)), {
      name: "AicallError", kind: "http", code: "http_status", message: "boom", retryable: true, status: 502,
    });
  });
});

describe("aiccs operations", () => {
  test("operations() lists all 179 actions, each with a client method, an HTTP method and its params", () => {
    const ops = esm.Aiccs.operations();
    assert.equal(ops.length, 179);
    const actions = ops.map((o) => o.action);
    assert.equal(new Set(actions).size, 179);
    // Every operation of the official SDK's wire spec (a copy in tests/fixtures/aiccs-wire.json).
    const seed = JSON.parse(fs.readFileSync(path.join(FIXTURES, "aiccs-wire.json"), "utf8")).operations;
    const seedActions = Object.keys(seed);
    assert.deepEqual([...actions].sort(), [...seedActions].sort());
    for (const op of ops) {
      assert.equal(op.name, op.action);
      assert.equal(op.clientMethod, op.action[0].toLowerCase() + op.action.slice(1), op.action);
      assert.equal(op.method, seed[op.action].method, `${op.action} HTTP method`);
      assert.equal(typeof op.idempotent, "boolean");
      // Every parameter of the wire spec is declared, with its placement.
      // Every parameter of the wire spec is declared with the same placement (ApplicationName
      // is in the vendor metadata only: see src/aiccs/ops.rs).
      const declared = op.params.filter((p) => op.action !== "CreateAiCallTask" || p.name !== "ApplicationName").map((p) => `${p.name}:${p.in}`);
      assert.deepEqual(declared.sort(), seed[op.action].params.map((p) => `${p.name}:${p.in}`).sort(), op.action);
      for (const p of op.params) assert.ok(["query", "body"].includes(p.in) && typeof p.type.kind === "string", `${op.action}.${p.name}`);
      assert.equal(typeof op.summary, "string");
      assert.ok(op.summary.length > 0);
    }
    assert.equal(ops.find((o) => o.action === "GetHotlineServiceStatistics").method, "GET");
    assert.equal(ops.find((o) => o.action === "HangupOperate").method, "POST");
    // Reads and writes are declared, not guessed: a write is never marked safe to repeat.
    assert.equal(ops.find((o) => o.action === "QueryAiCallDetailPage").idempotent, true);
    assert.equal(ops.find((o) => o.action === "LlmSmartCall").idempotent, false);
    // Declared from the SDK: reads and writes by an explicit verb list, written into the table.
    assert.equal(ops.find((o) => o.action === "ListHotlineRecordDetail").idempotent, true);
    assert.equal(ops.find((o) => o.action === "MakeCall").idempotent, false);
    assert.equal(ops.find((o) => o.action === "FetchCall").idempotent, false);
    assert.equal(ops.find((o) => o.action === "EditQualityRuleTag").params.find((p) => p.name === "AnalysisTypes").style, "flat");
    const taskCps = ops.find((o) => o.action === "CreateAiCallTask").params.find((p) => p.name === "TaskCps");
    assert.deepEqual(taskCps.type, { kind: "integer", minimum: 1, maximum: 500, digitString: true });
  });

  test("Aiccs.prototype has a method for every action, and it calls call(action, params, options)", async () => {
    const client = new esm.Aiccs({ accessKeyId: "id", accessKeySecret: "secret" });
    const seen = [];
    client.call = (action, params, options) => {
      seen.push({ action, params, options });
      return Promise.resolve({ action });
    };
    for (const op of esm.Aiccs.operations()) {
      assert.equal(typeof esm.Aiccs.prototype[op.clientMethod], "function", `Aiccs.prototype.${op.clientMethod}`);
      const params = { marker: op.action };
      const options = { signal: undefined };
      const out = await client[op.clientMethod](params, options);
      assert.deepEqual(out, { action: op.action });
      assert.equal(seen.at(-1).action, op.action);
      assert.equal(seen.at(-1).params, params);
      assert.equal(seen.at(-1).options, options);
    }
    assert.equal(seen.length, 179);
    assert.equal(typeof esm.Aiccs.prototype.createAiCallTask, "function");
    assert.equal(typeof esm.Aiccs.prototype.getHotlineServiceStatistics, "function");
    assert.equal(typeof esm.Aiccs.prototype.startCallV2, "function");
  });

  test("operations() returns a fresh array (callers cannot corrupt the table)", () => {
    const a = esm.Aiccs.operations();
    a.length = 0;
    assert.equal(esm.Aiccs.operations().length, 179);
  });
});
