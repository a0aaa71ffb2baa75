// "aicall/validate" (pkg/validate): the validators alone, from the validation-only wasm. Its
// browser module (wasm inlined) and its Node module must give exactly what the whole SDK's
// static validators give — the same issues, messages, paths and thrown errors — for valid,
// invalid and hostile input in both languages.

import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

import { PKG, loadNode, readJson, require, createTaskParams, agentArgumentsFor } from "./helpers.mjs";

let full; // "aicall" (Node build)
let browser; // "aicall/validate" as browsers and bundlers load it: pkg/validate/index.js
let node; // "aicall/validate" in Node: pkg/validate/node/index.cjs
before(async () => {
  full = await loadNode();
  browser = await import(pathToFileURL(path.join(PKG, "validate/index.js")).href);
  node = require(path.join(PKG, "validate/node/index.cjs"));
});

/** What a call gives: its issues, or the thrown error's observable fields. */
function outcome(fn) {
  try {
    return { issues: fn() };
  } catch (e) {
    return { threw: { ctor: e?.constructor?.name, kind: e.kind, code: e.code, message: e.message, issues: e.issues } };
  }
}

/** Runs `call(entry)` on the three entries and asserts the two validator entries agree with "aicall". */
function same(label, call) {
  const want = outcome(() => call(full));
  assert.deepEqual(outcome(() => call(browser)), want, `${label}: browser module`);
  assert.deepEqual(outcome(() => call(node)), want, `${label}: Node module`);
  return want;
}

const LOCALES = [undefined, "en", "zh-CN"];
const ODD_VALUES = [null, "", "x", -1, 0, 1.5, 2 ** 60, true, [], {}, ["x", "x"], { a: 1 }];

function taskBodies() {
  const bodies = [];
  for (const name of ["update_v2.json", "update_legacy.json", "update_ok.json"]) {
    const base = readJson(`agent_api/${name}`);
    bodies.push([name, base]);
    for (const key of Object.keys(base)) {
      const { [key]: _, ...without } = base;
      bodies.push([`${name} without ${key}`, without]);
      ODD_VALUES.forEach((v, i) => bodies.push([`${name} ${key}=odd#${i}`, { ...base, [key]: v }]));
    }
    bodies.push([`${name} + unknown key`, { ...base, "no such field": 1 }]);
  }
  return bodies.concat([["undefined", undefined], ["null", null], ["array", []], ["string", "{}"], ["number", 7]]);
}

describe('"aicall/validate"', () => {
  test("exports the three validators and AicallError, nothing that sends or signs", () => {
    for (const m of [browser, node]) {
      assert.deepEqual(Object.keys(m.AgentApi).sort(), ["validate", "validateRecordIds", "validateTaskUpdate"]);
      assert.deepEqual(Object.keys(m.Aiccs), ["validate"]);
      assert.ok(Object.isFrozen(m.AgentApi) && Object.isFrozen(m.Aiccs));
      assert.equal(typeof m.AicallError, "function");
    }
    assert.equal(browser.default.AgentApi, browser.AgentApi);
    // In Node the error class is the whole SDK's: `instanceof` holds across the two entries.
    assert.equal(node.AicallError, full.AicallError);
  });

  test("task update bodies: the same issues as AgentApi.validateTaskUpdate (both variants, three locales)", () => {
    let invalid = 0;
    let cases = 0;
    for (const [label, body] of taskBodies()) {
      for (const variant of [undefined, "v2", "legacy"]) {
        for (const locale of LOCALES) {
          const r = same(`${label} ${variant} ${locale}`, (m) => m.AgentApi.validateTaskUpdate(body, { variant, locale }));
          if (r.issues?.length) invalid++;
          cases++;
        }
      }
    }
    // The corpus exercises both verdicts (a test that only ever saw [] would prove little).
    assert.ok(invalid > cases / 3 && invalid < cases, `${invalid} of ${cases} invalid`);
  });

  test("record id lists: the same issues as AgentApi.validateRecordIds", () => {
    const lists = [undefined, null, "a", [], [""], ["a", "a"], [1, "a", null, {}]];
    for (let n = 1; n <= 70; n += 3) lists.push(Array.from({ length: n }, (_, i) => `rec-${i % 17}`));
    lists.push(Array.from({ length: 31 }, (_, i) => `r${i}`));
    for (const ids of lists) {
      for (const locale of LOCALES) same(`${JSON.stringify(ids)?.slice(0, 40)} ${locale}`, (m) => m.AgentApi.validateRecordIds(ids, { locale }));
    }
  });

  test("every Agent API operation: the same issues as AgentApi.validate", () => {
    for (const op of full.AgentApi.operations()) {
      for (const args of agentArgumentsFor(op)) {
        for (const locale of LOCALES) same(`${op.name} ${JSON.stringify(args)?.slice(0, 60)} ${locale}`, (m) => m.AgentApi.validate(op.name, args, { locale }));
      }
    }
    same("unknown name", (m) => m.AgentApi.validate("addNumber", {}));
    same("name not a string", (m) => m.AgentApi.validate(null, {}));
  });

  test("every aiccs operation: the same issues as Aiccs.validate for empty, typed, wrongly typed and unknown params", () => {
    const now = Date.UTC(2026, 5, 1, 4);
    const ops = full.Aiccs.operations();
    assert.equal(ops.length, 179);
    let invalid = 0;
    for (const op of ops) {
      const fill = (v) => Object.fromEntries(op.params.map((p) => [p.name, v]));
      const typed = Object.fromEntries(op.params.map((p) => [p.name, p.type.kind === "string" ? "1" : p.type.kind === "boolean" ? true : 1]));
      const sets = [undefined, {}, typed, fill("x"), fill(-5), fill([]), fill({ a: "中文&=?" }), { ...typed, NoSuchParam: 1 }];
      if (op.name === "CreateAiCallTask") sets.push(createTaskParams({ TaskName: "t" }), createTaskParams({ TaskName: "t", CallTime: "[]" }));
      for (const params of sets) {
        for (const locale of LOCALES) {
          const r = same(`${op.name} ${JSON.stringify(params)?.slice(0, 60)} ${locale}`, (m) => m.Aiccs.validate(op.name, params, { locale, now }));
          if (r.issues?.length) invalid++;
        }
      }
    }
    assert.ok(invalid > 0);
    same("unknown action", (m) => m.Aiccs.validate("NoSuchAction", {}));
    same("action not a string", (m) => m.Aiccs.validate(5, {}));
  });

  test("bad options and hostile values: the same issues or the same AicallError", () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const getter = { get name() { throw new Error("boom"); } };
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    const hostile = [revoked.proxy, getter, cyclic, { n: 10n }, { s: "\ud800" }, { toJSON() { throw new Error("no"); } }];
    for (const [i, v] of hostile.entries()) {
      same(`hostile#${i} task`, (m) => m.AgentApi.validateTaskUpdate(v));
      same(`hostile#${i} ids`, (m) => m.AgentApi.validateRecordIds([v]));
      same(`hostile#${i} aiccs`, (m) => m.Aiccs.validate("StartAiCallTask", v));
    }
    const bad = same("locale", (m) => m.AgentApi.validateTaskUpdate({}, { locale: "xx" }));
    assert.equal(bad.threw?.kind, "validation");
    same("variant", (m) => m.AgentApi.validateTaskUpdate({}, { variant: "v3", locale: "zh-CN" }));
    same("options not an object", (m) => m.Aiccs.validate("StartAiCallTask", {}, 5));
    same("now out of range", (m) => m.Aiccs.validate("StartAiCallTask", {}, { now: Infinity }));
  });

  test("a validator called without its object still works (no `this` needed)", () => {
    const { validateRecordIds } = browser.AgentApi;
    assert.deepEqual(validateRecordIds(["a", "a"]).map((i) => i.code), ["duplicate"]);
  });

  test("a stack overflow inside a call does not break the validators for good (the next call gets a fresh instance)", () => {
    for (const m of [browser, node]) {
      // A getter read while the body is serialised recurses to the end of the stack and
      // calls a validator at every depth: some of those calls overflow inside the wasm.
      const hostile = {
        get name() {
          (function deep() {
            try { deep(); } catch { /* the stack's end */ }
            try { m.AgentApi.validateTaskUpdate({ maximumcall: "x", name: "n".repeat(1000) }); } catch { /* expected */ }
          })();
          return "n";
        },
      };
      const first = outcome(() => m.AgentApi.validateTaskUpdate(hostile));
      if (first.threw) assert.equal(first.threw.ctor, "AicallError");
      // Before the reset, every later call failed with internal_error (RuntimeError).
      assert.deepEqual(outcome(() => m.AgentApi.validateRecordIds(["a", "a"])), outcome(() => full.AgentApi.validateRecordIds(["a", "a"])));
      assert.deepEqual(outcome(() => m.Aiccs.validate("StartAiCallTask", {})), outcome(() => full.Aiccs.validate("StartAiCallTask", {})));
    }
  });

  test("overflowing the stack again and again, even while an instance is being made, never leaves the validators broken", () => {
    for (const m of [browser, node]) {
      const call = () => m.AgentApi.validate("listTasks", { userId: "1" });
      for (let round = 0; round < 12; round++) {
        (function rec(n) {
          try { rec(n + 1); } catch { /* the stack's end */ }
          try { call(); } catch { /* may fail this deep */ }
        })(0);
        // At the top of the stack the answer is right, every round (it used to stay
        // wasm_unavailable after an instance was started half-way).
        assert.deepEqual(call(), [], `round ${round}`);
      }
    }
  });

  test("a wasm that cannot be instantiated is an AicallError (wasm_unavailable, retryable), and the next call tries again", () => {
    // In a fresh process: the modules must not have loaded their wasm yet. "aicall" in
    // browsers (web/ready.js) loads the same way and answers the same. First as in a browser
    // (no `process`: the CSP hint), then in Node (no CSP there: no hint for the validators,
    // the Node one for the browser build).
    const script = `
      const Real = WebAssembly.Instance;
      WebAssembly.Instance = function () { throw new WebAssembly.CompileError("blocked"); };
      const entries = [await import(${JSON.stringify(pathToFileURL(path.join(PKG, "validate/index.js")).href)}),
        await import(${JSON.stringify(pathToFileURL(path.join(PKG, "web/ready.js")).href)})];
      const out = [];
      const nodeProcess = globalThis.process;
      for (const asBrowser of [true, false]) {
        for (const m of entries) {
          if (asBrowser) globalThis.process = undefined;
          try { m.AgentApi.validateRecordIds(["a"]); out.push("no error"); }
          catch (e) { out.push({ isAicallError: e instanceof m.AicallError, kind: e.kind, code: e.code, retryable: e.retryable, message: e.message }); }
          finally { globalThis.process = nodeProcess; }
        }
      }
      WebAssembly.Instance = Real;
      for (const m of entries) out.push(m.AgentApi.validateRecordIds(["a", "a"]).map((i) => i.code));
      console.log(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const [v, w, vNode, wNode, vAfter, wAfter] = JSON.parse(r.stdout);
    for (const e of [v, w, vNode, wNode]) {
      assert.deepEqual({ ...e, message: undefined }, { isAicallError: true, kind: "aborted", code: "wasm_unavailable", retryable: true, message: undefined });
    }
    for (const e of [v, w]) assert.match(e.message, /could not be loaded \(CompileError\); where a Content-Security-Policy applies, it must allow 'wasm-unsafe-eval'$/);
    assert.equal(vNode.message, "the WebAssembly module could not be loaded (CompileError)");
    assert.match(wNode.message, /could not be loaded \(CompileError\); in Node, the package's main entry .*"aicall".* loads the wasm itself/);
    assert.deepEqual([vAfter, wAfter], [["duplicate"], ["duplicate"]]);
  });
});
