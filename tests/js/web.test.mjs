// The browser build (pkg/web) in Node: initSync from the wasm bytes, init() twice,
// and real calls against the emulator with the global fetch.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

import {
  PKG, WEB_WASM, waitForPkg, startEmu, readJson, caught, rejection, assertAicallError,
  USER_A, TASK_A, createTaskParams,
} from "./helpers.mjs";

let web;
let emu;

before(async () => {
  await waitForPkg();
  web = await import(pathToFileURL(path.join(PKG, "web/index.js")).href);
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});

describe("web build", () => {
  test("exports init (default), initSync and the three classes", () => {
    assert.equal(typeof web.default, "function");
    assert.equal(typeof web.initSync, "function");
    assert.equal(typeof web.AgentApi, "function");
    assert.equal(typeof web.Aiccs, "function");
    assert.equal(typeof web.AicallError, "function");
  });

  test("initSync, then init() twice is safe and resolves", async () => {
    web.initSync({ module: fs.readFileSync(WEB_WASM) });
    web.initSync({ module: fs.readFileSync(WEB_WASM) }); // second call: no-op
    const p1 = web.default();
    const p2 = web.default();
    assert.ok(p1 instanceof Promise);
    await p1;
    await p2;
    assert.deepEqual(web.AgentApi.validateTaskUpdate(readJson("agent_api/update_v2.json")), []);
  });

  test("after init: AicallError instances, operations and prototype methods", () => {
    const err = caught(() => new web.AgentApi({ token: "" }));
    assertAicallError(err, web.AicallError, { kind: "validation" });
    const ops = web.Aiccs.operations();
    assert.equal(ops.length, 20);
    for (const op of ops) assert.equal(typeof web.Aiccs.prototype[op.clientMethod], "function", op.clientMethod);
  });

  test("updateTask against the emulator through the global fetch", async () => {
    const api = new web.AgentApi({ token: "test-token", baseUrl: emu.url });
    await api.updateTask({ userId: USER_A, taskId: TASK_A, body: readJson("agent_api/update_v2.json") });
    assert.equal(emu.log.at(-1).outcome, "code=200");
    const e = await rejection(api.updateTask({ userId: USER_A, taskId: "no-such-task", body: readJson("agent_api/update_v2.json") }));
    assertAicallError(e, web.AicallError, { kind: "api", apiCode: 5002 });
  });

  test("batchVoiceUrls and aiccs calls work in the web build", async () => {
    const api = new web.AgentApi({ token: "test-token", baseUrl: emu.url });
    const ids = Array.from({ length: 35 }, (_, i) => `rec-web-${i}`);
    const r = await api.batchVoiceUrls({ userId: USER_A, taskId: "task-web", recordIds: ids });
    assert.equal(r.urls.length, 35);
    assert.deepEqual(r.failed, []);

    const client = new web.Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: `127.0.0.1:${emu.port}`, protocol: "http" });
    const created = await client.createAiCallTask(createTaskParams());
    assert.equal(created.Code, "OK");
    const tts = await client.listAvailableTts({});
    assert.ok(tts.Data.some((v) => v.TtsVoiceName === "龙小夏"));
    const e = await rejection(client.queryAiCallTaskDetail({ TaskId: "404404" }));
    assertAicallError(e, web.AicallError, { kind: "api", apiCode: "TaskNotExist" });
    assert.equal(typeof e.requestId, "string");
  });

  test("a fresh process: await init(bytes) twice concurrently, then initSync is a no-op", () => {
    const script = `
      import fs from "node:fs";
      const web = await import(${JSON.stringify(pathToFileURL(path.join(PKG, "web/index.js")).href)});
      const bytes = fs.readFileSync(${JSON.stringify(WEB_WASM)});
      await Promise.all([web.default(bytes), web.default({ module_or_path: bytes })]);
      web.initSync({ module: bytes });
      const issues = web.AgentApi.validateRecordIds(["a", "a"]);
      let kind;
      try { new web.Aiccs({}); } catch (e) { kind = e instanceof web.AicallError ? e.kind : "not-aicall"; }
      console.log(JSON.stringify({ issues: issues.map((i) => i.code), kind, ops: web.Aiccs.operations().length }));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").at(-1)), { issues: ["duplicate"], kind: "validation", ops: 20 });
  });
});
