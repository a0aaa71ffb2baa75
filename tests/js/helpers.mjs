// Small shared helpers for the JS package tests (tests/js/*.test.*).
// They test the BUILT package in pkg/ the way users load it; `make pkg` builds it.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

import { startEmulator, AGENT_SEED, AICCS_SEED } from "../../emulator/server.mjs";

export { AGENT_SEED, AICCS_SEED };

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "../..");
export const PKG = path.join(ROOT, "pkg");
export const FIXTURES = path.join(ROOT, "tests/fixtures");
export const WEB_WASM = path.join(PKG, "web/aicall_bg.wasm");

export const require = createRequire(import.meta.url);

/** The secrets used by the leak checks. */
export const SECRET_TOKEN = "tok-SECRET-123";
export const SECRET_KEY = "sk-SECRET-456";

/** Well-known ids of the emulator's seed (emulator/README.md). */
export const USER_A = AGENT_SEED.USER_A;
export const TASK_A = AGENT_SEED.TASK_A_STOPPED;
export const TASK_A_RUNNING = AGENT_SEED.TASK_A_RUNNING;

const REQUIRED_PKG_FILES = ["package.json", "node/index.mjs", "node/index.cjs", "node/runtime.cjs", "node/aicall.js",
  "node/aicall_bg.wasm", "web/index.js", "web/aicall.js", "web/aicall_bg.wasm", "runtime.js"];

/**
 * Fails with a clear message when pkg/ is missing. Waits a little when a concurrent
 * `make pkg` is in the middle of rewriting it.
 */
export async function waitForPkg(timeoutMs = 20000) {
  const t0 = Date.now();
  for (;;) {
    const missing = REQUIRED_PKG_FILES.filter((f) => !fs.existsSync(path.join(PKG, f)));
    if (missing.length === 0) return;
    if (Date.now() - t0 > timeoutMs) {
      assert.fail(`pkg/ is incomplete (missing ${missing.join(", ")}): run \`make pkg\` first`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `import("aicall")` as Node resolves it: pkg/node/index.mjs. */
export async function loadNode() {
  await waitForPkg();
  return import(pathToFileURL(path.join(PKG, "node/index.mjs")).href);
}

/** `require("aicall")` as Node resolves it: pkg/node/index.cjs. */
export async function requireNode() {
  await waitForPkg();
  return require(path.join(PKG, "node/index.cjs"));
}

/** The browser build, initialised synchronously from the wasm bytes. */
export async function loadWeb() {
  await waitForPkg();
  const web = await import(pathToFileURL(path.join(PKG, "web/index.js")).href);
  web.initSync({ module: fs.readFileSync(WEB_WASM) });
  return web;
}

/** The local emulator, quiet, on a free port. Call `await emu.close()` in `after`. */
export function startEmu(opts = {}) {
  return startEmulator({ quiet: true, ...opts });
}

export function readText(rel) {
  return fs.readFileSync(path.join(FIXTURES, rel), "utf8");
}

export function readJson(rel) {
  return JSON.parse(readText(rel));
}

/** The v2 seed body without `task_extras.line` / `holiday` (and one line's worth of calls). */
export function v2WithoutLineAndHoliday() {
  const body = readJson("agent_api/update_v2.json");
  delete body.task_extras.line;
  delete body.task_extras.holiday;
  return body;
}

/** A task body that is valid for CreateAiCallTask / the emulator. */
export function createTaskParams(overrides = {}) {
  return {
    TaskName: `js-test-${Math.random().toString(36).slice(2, 10)}`,
    AgentId: AICCS_SEED.AGENT_ONLINE,
    StartType: "IMMEDIATE",
    CallDay: ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
    CallTime: [{ startTime: "09:00:00", endTime: "18:00:00" }],
    TaskCps: 5,
    ...overrides,
  };
}

/** Yesterday (UTC) as yyyy-MM-dd: never in the future, whatever the time zone. */
export function yesterday() {
  return new Date(Date.now() - 86400e3).toISOString().slice(0, 10);
}

/** An ISO-8601 UTC timestamp without milliseconds. */
export function isoSeconds(ms = Date.now()) {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}

/** Case-insensitive header read from an HttpRequest-like object. */
export function header(req, name) {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** A fetch that records every call (url + init) and then uses the real fetch (or `impl`). */
export function recordingFetch(impl = globalThis.fetch) {
  const calls = [];
  const fn = (url, init) => {
    calls.push({ url: String(url), init, headers: { ...(init?.headers ?? {}) } });
    return impl(url, init);
  };
  fn.calls = calls;
  return fn;
}

/** Log entries the emulator recorded since `mark` (a previous `emu.log.length`). */
export function logSince(emu, mark) {
  return emu.log.slice(mark);
}

/** Runs `fn`, returns what it threw (fails when it did not throw). */
export function caught(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

/** Awaits `p`, returns the rejection reason (fails when it resolved). */
export async function rejection(p) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

/**
 * Asserts `err` is an AicallError of the given class with the expected fields and the
 * documented shape (name, kind, code, retryable boolean).
 */
export function assertAicallError(err, AicallError, expected = {}) {
  assert.ok(err instanceof AicallError, `expected an AicallError, got ${err && err.constructor && err.constructor.name}: ${err}`);
  assert.ok(err instanceof Error);
  assert.equal(err.name, "AicallError");
  assert.equal(typeof err.message, "string");
  assert.ok(err.message.length > 0, "message is empty");
  assert.equal(typeof err.code, "string");
  assert.equal(typeof err.retryable, "boolean");
  assert.ok(["validation", "api", "http", "network", "timeout", "aborted", "parse"].includes(err.kind), `kind ${err.kind}`);
  for (const [k, v] of Object.entries(expected)) {
    assert.deepEqual(err[k], v, `err.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(err[k])} (${err.message})`);
  }
  if (err.kind === "validation") {
    assert.ok(Array.isArray(err.issues) && err.issues.length > 0, "validation error without issues");
    for (const i of err.issues) assertIssue(i);
  }
  return err;
}

/** Asserts the documented Issue shape. */
export function assertIssue(i) {
  assert.equal(typeof i, "object");
  assert.equal(typeof i.path, "string");
  assert.equal(typeof i.code, "string");
  assert.ok(i.code.length > 0);
  assert.equal(typeof i.message, "string");
  assert.ok(i.message.length > 0);
}

/** Asserts `issues` is an Issue[] and returns the list of "path:code". */
export function issueKeys(issues) {
  assert.ok(Array.isArray(issues), `expected an Issue[], got ${typeof issues}`);
  for (const i of issues) assertIssue(i);
  return issues.map((i) => `${i.path}:${i.code}`);
}

export const HAS_CJK = /[\u4e00-\u9fff]/;

const agentRows = (n) => Array.from({ length: n }, (_, i) => ({ phone: `139${String(i).padStart(8, "0")}` }));

/** Arguments for Agent API operation `op` (an `operations()` entry): nothing, every parameter odd, and a few known shapes. */
export function agentArgumentsFor(op) {
  const fill = (v) => Object.fromEntries(op.params.map((p) => [p.name, v]));
  const ids = { userId: USER_A, taskId: TASK_A, subUserId: "s-1", lineId: "101", tenantId: "t-1", uniqueId: "u-1", recordId: "r-1" };
  const own = Object.fromEntries(op.params.filter((p) => p.name in ids).map((p) => [p.name, ids[p.name]]));
  const sets = [{}, undefined, fill("x"), fill(5), fill(null), fill([]), { ...own }, { ...own, nope: 1 },
    { ...own, body: {} }, { ...own, body: "x" }, { ...own, query: { page: 0, nme: 1 } }, { ...own, body: { data: agentRows(3) } }];
  const v2 = readJson("agent_api/update_v2.json");
  sets.push({ ...own, body: v2 }, { ...own, body: { ...v2, maximumcall: -1 } }, { ...own, body: readJson("agent_api/update_legacy.json"), variant: "legacy" });
  sets.push({ ...own, body: { data: agentRows(250) } }, { ...own, body: { data: [...agentRows(2), { phone: " 13900000000" }, {}] } });
  sets.push({ ...own, recordIds: Array.from({ length: 70 }, (_, i) => `r${i % 40}`) }, { ...own, recordIds: ["a", "", 3] });
  sets.push({ ...own, body: { name: "n", email: "a@b.c", phone: "1", password: "p1", password_confirmation: "p2" } });
  sets.push({ ...own, locale: "zh-CN", body: {} }, { ...own, variant: "v3" });
  // SDK options: checked as the method checks them (a batch's concurrency and onProgress too).
  sets.push({ ...own, signal: 5 }, { signal: {}, concurrency: 0, onProgress: "x" }, { ...own, concurrency: 65, onProgress: () => {}, signal: new AbortController().signal });
  return sets;
}
