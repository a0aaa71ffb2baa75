// The package's `exports` resolve the way users load it: a project with
// node_modules/aicall (a symlink to pkg/, and the packed tarball) can require("aicall"),
// import("aicall") and import("aicall/web").

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

import { PKG, waitForPkg, loadNode, readJson } from "./helpers.mjs";

/** The IssueCode union declared in pkg/types.d.ts. */
function declaredIssueCodes() {
  const m = /export type IssueCode = ([^;]+);/.exec(fs.readFileSync(path.join(PKG, "types.d.ts"), "utf8"));
  assert.ok(m, "no IssueCode union in types.d.ts");
  return new Set([...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]));
}

/** Issue codes the validators actually produce over a spread of bad inputs. */
async function observedIssueCodes() {
  const { AgentApi, Aiccs } = await loadNode();
  const issues = [];
  const v2 = readJson("agent_api/update_v2.json");
  const bad = structuredClone(v2);
  Object.assign(bad, { name: "", maximumcall: 3, elasticity_type: 1, end_action: 1, bogus: 1, dial_time_id: 1.5 });
  Object.assign(bad.task_extras, { start_time: "2025-13-01 00:00:00", stop_time: "2020-01-01 00:00:00", pop_mode: 9, redial_max_times: 9 });
  bad.task_extras.line.push({ id: "l2", limit: 100000 }, { id: "l2", limit: 1 });
  issues.push(...AgentApi.validateTaskUpdate(bad), ...AgentApi.validateTaskUpdate({}), ...AgentApi.validateTaskUpdate(1));
  issues.push(...AgentApi.validateRecordIds([]), ...AgentApi.validateRecordIds(["a", "a", 1, ""]), ...AgentApi.validateRecordIds(Array(31).fill("x").map((x, i) => x + i)));
  issues.push(...AgentApi.validateTaskUpdate({ a: 1n }));
  issues.push(...Aiccs.validate("CreateAiCallTask", { TaskName: "", StartType: "X", CallDay: ["FUNDAY", "FUNDAY"], CallTime: [{ startTime: "19:00:00", endTime: "18:00:00" }], TaskCps: 1e6, Nope: 1 }));
  issues.push(...Aiccs.validate("GetCallDialogContent", { CallId: "1", CallDate: "2000-01-01" }), ...Aiccs.validate("GetCallDialogContent", { CallId: "1", CallDate: "2999-01-01" }));
  issues.push(...Aiccs.validate("NoSuchAction", {}));
  return issues;
}

const tmpDirs = [];

function project(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aicall-${name}-`));
  tmpDirs.push(dir);
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true }));
  return dir;
}

function node(cwd, args) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 20000 });
  assert.equal(r.status, 0, `node ${args.join(" ")}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

const CJS_CHECK = `
  const m = require("aicall");
  let kind;
  try { new m.AgentApi({}); } catch (e) { kind = e instanceof m.AicallError ? e.kind : "not-aicall"; }
  console.log(JSON.stringify({
    keys: Object.keys(m).sort(),
    resolved: require.resolve("aicall"),
    kind,
    ops: m.Aiccs.operations().length,
    method: typeof m.Aiccs.prototype.createAiCallTask,
    pkgVersion: require("aicall/package.json").version,
  }));
`;

const ESM_CHECK = `
  import { createRequire } from "node:module";
  import fs from "node:fs";
  const require = createRequire(process.cwd() + "/index.js");
  const m = await import("aicall");
  const w = await import("aicall/web");
  const r = require("aicall");
  const wasmPath = new URL("aicall_bg.wasm", import.meta.resolve("aicall/web"));
  w.initSync({ module: fs.readFileSync(wasmPath) });
  let webKind;
  try { new w.Aiccs({}); } catch (e) { webKind = e instanceof w.AicallError ? e.kind : "not-aicall"; }
  let deep;
  try { await import("aicall/node/aicall.js"); deep = "resolved"; } catch (e) { deep = e.code; }
  console.log(JSON.stringify({
    importKeys: Object.keys(m).sort(),
    sameAsRequire: m.AgentApi === r.AgentApi && m.Aiccs === r.Aiccs && m.AicallError === r.AicallError,
    importResolved: import.meta.resolve("aicall"),
    webResolved: import.meta.resolve("aicall/web"),
    wasmResolved: import.meta.resolve("aicall/web/aicall_bg.wasm"),
    webKeys: Object.keys(w).sort(),
    webInit: typeof w.default,
    webKind,
    webIssues: w.AgentApi.validateRecordIds([]).map((i) => i.code),
    deep,
  }));
`;

function checkProject(dir) {
  const c = node(dir, ["-e", CJS_CHECK]);
  assert.deepEqual(c.keys, ["AgentApi", "AicallError", "Aiccs"]);
  assert.ok(c.resolved.endsWith(path.join("node", "index.cjs")), c.resolved);
  assert.equal(c.kind, "validation");
  assert.equal(c.ops, 179);
  assert.equal(c.method, "function");
  assert.equal(c.pkgVersion, JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8")).version);

  const e = node(dir, ["--input-type=module", "-e", ESM_CHECK]);
  assert.deepEqual(e.importKeys, ["AgentApi", "AicallError", "Aiccs", "default"]);
  assert.equal(e.sameAsRequire, true);
  assert.ok(e.importResolved.endsWith("/node/index.mjs"), e.importResolved);
  assert.ok(e.webResolved.endsWith("/web/index.js"), e.webResolved);
  assert.ok(e.wasmResolved.endsWith("/web/aicall_bg.wasm"), e.wasmResolved);
  assert.deepEqual(e.webKeys, ["AgentApi", "AicallError", "Aiccs", "default", "initSync"]);
  assert.equal(e.webInit, "function");
  assert.equal(e.webKind, "validation");
  assert.deepEqual(e.webIssues, ["too_small"]);
  assert.equal(e.deep, "ERR_PACKAGE_PATH_NOT_EXPORTED");
}

before(async () => {
  await waitForPkg();
});
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("package exports", () => {
  test("package.json points at files that exist", () => {
    const pj = JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));
    assert.equal(pj.name, "aicall");
    const targets = [pj.main, pj.types];
    const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
    walk(pj.exports);
    for (const t of targets) assert.ok(fs.existsSync(path.join(PKG, t)), `${t} does not exist in pkg/`);
  });

  test("regression: the public .d.ts files use `any`", () => {
    const found = [];
    for (const rel of ["index.d.ts", "types.d.ts", "node/aicall.d.ts", "web/aicall.d.ts", "web/index.d.ts"]) {
      const file = path.join(PKG, rel);
      if (!fs.existsSync(file)) continue;
      fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "").replace(/\/\*.*?\*\//g, "").replace(/^\s*\*.*$/, "");
        // wasm-bindgen's own InitOutput table (readonly raw exports) and the internal hook are not public API.
        if (/^\s*readonly\s/.test(code) || code.includes("__registerErrorClass")) return;
        if (/[:<,(|]\s*any\b|\bany\s*[>\[|)]/.test(code)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });

  test("issue codes produced at run time are in the declared IssueCode union", async () => {
    const declared = declaredIssueCodes();
    const observed = new Set((await observedIssueCodes()).map((i) => i.code));
    assert.ok(observed.size >= 8, [...observed].join(" "));
    observed.delete("unknown_action"); // see the BUG test below
    assert.deepEqual([...observed].filter((c) => !declared.has(c)), []);
  });

  test("regression: issue code \"unknown_action\" is in the IssueCode union", async () => {
    const declared = declaredIssueCodes();
    const observed = new Set((await observedIssueCodes()).map((i) => i.code));
    assert.deepEqual([...observed].filter((c) => !declared.has(c)), []);
  });

  test("node_modules/aicall -> pkg/ (symlink): require, import, import aicall/web", () => {
    const dir = project("symlink");
    fs.symlinkSync(PKG, path.join(dir, "node_modules", "aicall"), "dir");
    checkProject(dir);
  });

  test("the packed tarball (npm pack) installs and loads the same way", (t) => {
    const dir = project("packed");
    const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: PKG, encoding: "utf8", timeout: 30000 });
    if (packed.error && packed.error.code === "ENOENT") {
      t.skip("npm is not installed");
      return;
    }
    assert.equal(packed.status, 0, packed.stderr);
    const info = JSON.parse(packed.stdout)[0];
    const files = info.files.map((f) => f.path);
    for (const f of ["node/index.cjs", "node/index.mjs", "node/runtime.cjs", "node/aicall_bg.wasm", "web/index.js", "web/core.js", "web/ready.js",
      "web/wasm-inline.js", "web/aicall_bg.wasm", "index.d.ts", "index.d.cts", "types.d.ts", "types.d.cts"]) {
      assert.ok(files.includes(f), `${f} missing from the packed files`);
    }
    const target = path.join(dir, "node_modules", "aicall");
    fs.mkdirSync(target);
    const tar = spawnSync("tar", ["-xzf", path.join(dir, info.filename), "-C", target, "--strip-components=1"], { encoding: "utf8" });
    assert.equal(tar.status, 0, tar.stderr);
    checkProject(dir);
  });
});
