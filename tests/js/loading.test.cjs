"use strict";
// The CommonJS entry: `require("aicall")` works synchronously, no init call.

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const PKG = path.resolve(__dirname, "../../pkg");

test("require(pkg/node/index.cjs) gives working classes synchronously", () => {
  const m = require("../../pkg/node/index.cjs");
  assert.deepEqual(Object.keys(m).sort(), ["AgentApi", "AicallError", "Aiccs"]);
  const { AgentApi, Aiccs, AicallError } = m;

  const body = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/agent_api/update_v2.json"), "utf8"));
  assert.deepEqual(AgentApi.validateTaskUpdate(body), []);

  const api = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9" });
  const req = api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a", "b"] });
  assert.equal(req.method, "GET");
  assert.ok(req.url.startsWith("http://127.0.0.1:9/agent-api/user/u/task/t/batch_record/download-full-voice?"));

  let err;
  try {
    new Aiccs({ accessKeyId: "id" });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof AicallError);
  assert.equal(err.kind, "validation");
  assert.deepEqual(err.issues.map((i) => i.path), ["accessKeySecret"]);
});

test("require and import share one module instance", async () => {
  const viaRequire = require("../../pkg/node/index.cjs");
  const viaImport = await import(require("node:url").pathToFileURL(path.join(PKG, "node/index.mjs")).href);
  assert.equal(viaImport.AgentApi, viaRequire.AgentApi);
  assert.equal(viaImport.Aiccs, viaRequire.Aiccs);
  assert.equal(viaImport.AicallError, viaRequire.AicallError);
  let err;
  try {
    viaImport.AgentApi.parseUpdateTask(200, '{"code":5002,"status":"error","message":"任务不存在","data":[]}');
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof viaRequire.AicallError);
  assert.equal(err.apiCode, 5002);
});

test("every action of operations() has its prototype method after require", () => {
  const { Aiccs } = require("../../pkg/node/index.cjs");
  const ops = Aiccs.operations();
  assert.equal(ops.length, 179);
  for (const op of ops) assert.equal(typeof Aiccs.prototype[op.clientMethod], "function", op.clientMethod);
});
