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
    assert.equal(ops.length, 179);
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
    assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").at(-1)), { issues: ["duplicate"], kind: "validation", ops: 179 });
  });
});

// Loading that cannot be gotten wrong: each case in a fresh process, since the wasm
// instance is per process.
function runFresh(script) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}
const WEB_INDEX = JSON.stringify(pathToFileURL(path.join(PKG, "web/index.js")).href);
const WEB_READY = JSON.stringify(pathToFileURL(path.join(PKG, "web/ready.js")).href);

describe("loading the browser build", () => {
  test("aicall/web before init(): an AicallError saying to `await init()`, from statics and constructors alike", () => {
    const out = runFresh(`
      const web = await import(${WEB_INDEX});
      const seen = [];
      for (const f of [() => web.AgentApi.validateRecordIds(["a"]), () => web.AgentApi.validateTaskUpdate({}),
                       () => web.Aiccs.validate("StartAiCallTask", {}), () => new web.AgentApi({ token: "t" }),
                       () => new web.Aiccs({ accessKeyId: "a", accessKeySecret: "b" }), () => web.AgentApi.parseUpdateTask(200, "{}")]) {
        try { f(); seen.push("no throw"); } catch (e) {
          seen.push({ aicall: e instanceof web.AicallError, kind: e.kind, code: e.code, initHint: e.message.includes("await init()"), issues: e.issues.map((i) => i.path + ":" + i.code) });
        }
      }
      // Metadata is plain JS: there before init.
      console.log(JSON.stringify({ seen, ops: web.Aiccs.operations().length, agentOps: web.AgentApi.operations().length > 0 }));
    `);
    assert.equal(out.seen.length, 6);
    for (const s of out.seen) assert.deepEqual(s, { aicall: true, kind: "validation", code: "not_initialized", initHint: true, issues: ["init():required"] });
    assert.equal(out.ops, 179);
    assert.equal(out.agentOps, true);
  });

  test("a failed init() can be retried: bad bytes, then a missing URL, then the real bytes", () => {
    const out = runFresh(`
      import fs from "node:fs";
      import http from "node:http";
      const web = await import(${WEB_INDEX});
      const errors = [];
      try { await web.default(new Uint8Array([0, 1, 2, 3])); } catch (e) { errors.push(e instanceof web.AicallError && e.code); }
      const server = http.createServer((req, res) => { res.statusCode = 404; res.end("no"); }).listen(0, "127.0.0.1");
      await new Promise((r) => server.once("listening", r));
      try { await web.default(new URL("http://127.0.0.1:" + server.address().port + "/aicall_bg.wasm")); } catch (e) { errors.push(e instanceof web.AicallError && /HTTP 404/.test(e.message) ? e.code + " 404" : e.message); }
      server.close();
      let before;
      try { web.AgentApi.validateRecordIds([]); } catch (e) { before = e.code; }
      await web.default({ module_or_path: fs.readFileSync(${JSON.stringify(WEB_WASM)}) });
      await web.default(); // already loaded: resolves at once
      console.log(JSON.stringify({ errors, before, after: web.AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code) }));
    `);
    // Every failure is an AicallError, and the classes say the last one (not "call init()").
    assert.deepEqual(out, { errors: ["wasm_unavailable", "wasm_unavailable 404"], before: "wasm_unavailable", after: ["duplicate"] });
  });

  test("a module that compiles but cannot be instantiated: init() rejects, and can be retried", () => {
    const out = runFresh(`
      import fs from "node:fs";
      const web = await import(${WEB_INDEX});
      // (module (import "nowhere" "f" (func))): compiles, cannot be instantiated with aicall's imports.
      const foreign = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 13, 1, 7, 110, 111, 119, 104, 101, 114, 101, 1, 102, 0, 0]);
      let first;
      try { await web.default(foreign); } catch (e) { first = e instanceof web.AicallError && e.code; }
      await web.default(fs.readFileSync(${JSON.stringify(WEB_WASM)}));
      console.log(JSON.stringify({ first, after: web.AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code) }));
    `);
    assert.deepEqual(out, { first: "wasm_unavailable", after: ["duplicate"] });
  });

  test("init() without an argument in Node: wasm_unavailable with the Node hint (the main entry, or the bytes), not the CSP one", () => {
    const out = runFresh(`
      import fs from "node:fs";
      const web = await import(${WEB_INDEX});
      let first;
      // No argument: it fetches the wasm's file: URL, which Node's fetch cannot.
      try { await web.default(); first = "resolved"; } catch (e) {
        first = { aicall: e instanceof web.AicallError, kind: e.kind, code: e.code, retryable: e.retryable, message: e.message };
      }
      let classes;
      try { web.AgentApi.validateRecordIds([]); } catch (e) { classes = e.message === first.message; }
      // The hint's way: the bytes.
      await web.default(fs.readFileSync(${JSON.stringify(WEB_WASM)}));
      console.log(JSON.stringify({ first, classes, after: web.AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code) }));
    `);
    assert.deepEqual({ ...out.first, message: undefined }, { aicall: true, kind: "aborted", code: "wasm_unavailable", retryable: true, message: undefined });
    assert.match(out.first.message, /^the WebAssembly module could not be loaded \(TypeError\); in Node, /);
    assert.ok(out.first.message.includes('(`import { AgentApi } from "aicall"`) loads the wasm itself'), out.first.message);
    assert.ok(out.first.message.includes('`init(fs.readFileSync(new URL(import.meta.resolve("aicall/web/aicall_bg.wasm"))))`'), out.first.message);
    assert.doesNotMatch(out.first.message, /Content-Security-Policy|wasm-unsafe-eval/);
    assert.equal(out.classes, true, "the classes repeat why init() failed");
    assert.deepEqual(out.after, ["duplicate"]);
  });

  test("an instance made while init() was loading is kept: its clients keep their own memory", () => {
    const out = runFresh(`
      import fs from "node:fs";
      const web = await import(${WEB_INDEX});
      const bytes = fs.readFileSync(${JSON.stringify(WEB_WASM)});
      const loading = web.default(bytes); // still compiling…
      web.initSync({ module: bytes });    // …when another use loads the wasm synchronously
      const alice = new web.AgentApi({ token: "alice-token-1234", baseUrl: "http://alice.test", locale: "en" });
      await loading;
      const bob = new web.AgentApi({ token: "bob-token-5678", baseUrl: "http://bob.test", locale: "zh-CN" });
      const body = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(path.dirname(WEB_WASM), "..", "..", "tests/fixtures/agent_api/update_v2.json"))}, "utf8"));
      const url = alice.buildUpdateTask({ userId: "u", taskId: "t", body }).url;
      console.log(JSON.stringify({ url: url.slice(0, 17), locale: alice.locale, bob: bob.locale }));
    `);
    assert.deepEqual(out, { url: "http://alice.test", locale: "en", bob: "zh-CN" });
  });

  test("the \"aicall\" browser entry (web/ready.js) is ready on import: no init, wasm inlined", () => {
    const out = runFresh(`
      const m = await import(${WEB_READY});
      const issues = m.AgentApi.validateRecordIds([]).map((i) => i.code);
      let kind;
      try { new m.Aiccs({}); } catch (e) { kind = e instanceof m.AicallError ? e.kind : "not-aicall"; }
      const web = await import(${WEB_INDEX});
      await web.default(); // the explicit entry shares the instance: init() is a no-op now
      const shared = web.AgentApi === m.AgentApi && web.AicallError === m.AicallError;
      const api = new m.AgentApi({ token: "t" });
      const req = api.buildBatchVoiceUrls({ userId: "u", taskId: "t", recordIds: ["a"] });
      api.free();
      console.log(JSON.stringify({ keys: Object.keys(m).sort(), defaultKeys: Object.keys(m.default).sort(), issues, kind, shared, method: req.method,
        ops: typeof m.Aiccs.prototype.createAiCallTask, disposable: typeof m.AgentApi.prototype[Symbol.dispose] }));
    `);
    assert.deepEqual(out, {
      keys: ["AgentApi", "AicallError", "Aiccs", "default"], defaultKeys: ["AgentApi", "AicallError", "Aiccs"],
      issues: ["too_small"], kind: "validation", shared: true, method: "GET", ops: "function", disposable: "function",
    });
  });

  test("package.json: the browser condition of \".\" is ready.js, \"./web\" keeps init, the wasm is exported", () => {
    const pj = JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));
    assert.equal(pj.exports["."].default, "./web/ready.js");
    assert.equal(pj.exports["."].node.import.default, "./node/index.mjs");
    assert.equal(pj.exports["."].node.require.default, "./node/index.cjs");
    assert.equal(pj.exports["."].node.require.types, "./index.d.cts");
    assert.equal(pj.exports["./web"].default, "./web/index.js");
    assert.equal(pj.exports["./web/aicall_bg.wasm"], "./web/aicall_bg.wasm");
    // Bundlers must keep the entries that register state (sideEffects).
    for (const f of ["./web/index.js", "./web/core.js", "./web/ready.js"]) assert.ok(pj.sideEffects.includes(f), f);
    const inline = fs.readFileSync(path.join(PKG, "web/wasm-inline.js"), "utf8");
    const b64 = /export default "([A-Za-z0-9+/=]+)"/.exec(inline)[1];
    assert.deepEqual(Buffer.from(b64, "base64"), fs.readFileSync(WEB_WASM));
  });
});
