// Credentials from the environment (Node only), the Alibaba Cloud way: `new Aiccs()` reads
// ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN, `new AgentApi()` reads
// AICALL_AGENT_TOKEN; explicit options win; the browser build never reads an environment.
// Each case runs in a child process with exactly the environment it names.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";

import { PKG, waitForPkg, startEmu, USER_A, TASK_A } from "./helpers.mjs";

const NODE_ESM = JSON.stringify(pathToFileURL(path.join(PKG, "node/index.mjs")).href);
const WEB_READY = JSON.stringify(pathToFileURL(path.join(PKG, "web/ready.js")).href);
const ENV_NAMES = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "AICALL_AGENT_TOKEN"];

let emu;
before(async () => {
  await waitForPkg();
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});

/** Runs an ES module script with only PATH plus `env`; returns the last stdout line as JSON. */
async function run(script, env = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !ENV_NAMES.includes(k)));
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { env: { ...clean, ...env }, timeout: 20000 });
  return JSON.parse(stdout.trim().split("\n").at(-1));
}

const SIGNED = `
  const opts = { nonce: "n-1", timestamp: "2026-11-21T08:00:00Z" };
  const sign = (client) => client.buildRequest("StartAiCallTask", { TaskId: "1" }, opts).headers;
  const credential = (h) => /Credential=([^,]+)/.exec(h.authorization)[1];
`;

describe("credentials from the environment (Node)", () => {
  test("new Aiccs() signs with ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET and sends ALIBABA_CLOUD_SECURITY_TOKEN", async () => {
    const out = await run(`
      const { Aiccs } = await import(${NODE_ESM});
      ${SIGNED}
      const fromEnv = sign(new Aiccs());
      const explicit = sign(new Aiccs({ accessKeyId: "env-id", accessKeySecret: "env-secret", securityToken: "env-sts" }));
      const withEndpoint = new Aiccs({ endpoint: "127.0.0.1:9", protocol: "http" }).buildRequest("StartAiCallTask", { TaskId: "1" }, opts);
      console.log(JSON.stringify({ credential: credential(fromEnv), sts: fromEnv["x-acs-security-token"], same: JSON.stringify(fromEnv) === JSON.stringify(explicit), url: withEndpoint.url.startsWith("http://127.0.0.1:9/") }));
    `, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", ALIBABA_CLOUD_SECURITY_TOKEN: "env-sts" });
    assert.deepEqual(out, { credential: "env-id", sts: "env-sts", same: true, url: true });
  });

  test("explicit keys win and never mix with the environment (not even its security token)", async () => {
    const out = await run(`
      const { Aiccs } = await import(${NODE_ESM});
      ${SIGNED}
      const h = sign(new Aiccs({ accessKeyId: "code-id", accessKeySecret: "code-secret" }));
      const h2 = sign(new Aiccs({ securityToken: "code-sts" }));
      let partial;
      try { new Aiccs({ accessKeyId: "code-id" }); } catch (e) { partial = e.issues.map((i) => i.path); }
      console.log(JSON.stringify({ credential: credential(h), sts: h["x-acs-security-token"] ?? null, sts2: h2["x-acs-security-token"], id2: credential(h2), partial }));
    `, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", ALIBABA_CLOUD_SECURITY_TOKEN: "env-sts" });
    assert.deepEqual(out, { credential: "code-id", sts: null, sts2: "code-sts", id2: "env-id", partial: ["accessKeySecret"] });
  });

  test("a polluted Object.prototype neither blocks nor replaces the environment", async () => {
    const out = await run(`
      const { Aiccs } = await import(${NODE_ESM});
      ${SIGNED}
      Object.prototype.securityToken = "polluted-sts";
      Object.prototype.accessKeyId = "polluted-id";
      const h = sign(new Aiccs());
      delete Object.prototype.securityToken;
      delete Object.prototype.accessKeyId;
      console.log(JSON.stringify({ credential: credential(h), sts: h["x-acs-security-token"] }));
    `, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", ALIBABA_CLOUD_SECURITY_TOKEN: "env-sts" });
    assert.deepEqual(out, { credential: "env-id", sts: "env-sts" });
  });

  test("with the token from the environment, options that are not enumerable still count", async () => {
    const out = await run(`
      const { AgentApi } = await import(${NODE_ESM});
      const seen = [];
      const o = {};
      Object.defineProperty(o, "baseUrl", { value: "https://proxy.internal", enumerable: false });
      Object.defineProperty(o, "fetch", { value: async (url) => { seen.push(url); return new Response('{"code":200,"status":"success","message":"","data":{}}'); }, enumerable: false });
      await new AgentApi(o).getTask({ userId: "u", taskId: "t" });
      console.log(JSON.stringify(seen.map((u) => new URL(u).host)));
    `, { AICALL_AGENT_TOKEN: "env-token" });
    assert.deepEqual(out, ["proxy.internal"]);
  });

  test("no keys anywhere: a validation error naming both keys, without any secret", async () => {
    const out = await run(`
      const { Aiccs, AgentApi, AicallError } = await import(${NODE_ESM});
      const r = {};
      try { new Aiccs(); } catch (e) { r.aiccs = { aicall: e instanceof AicallError, code: e.code, paths: e.issues.map((i) => i.path) }; }
      try { new AgentApi({ baseUrl: "http://127.0.0.1:9" }); } catch (e) { r.agent = { code: e.code, paths: e.issues.map((i) => i.path) }; }
      try { new Aiccs(); } catch (e) { r.onlySecret = e.issues.map((i) => i.path); }
      console.log(JSON.stringify(r));
    `);
    assert.deepEqual(out.aiccs, { aicall: true, code: "validation_failed", paths: ["accessKeyId", "accessKeySecret"] });
    assert.deepEqual(out.agent, { code: "validation_failed", paths: ["token"] });
    const onlySecret = await run(`
      const { Aiccs } = await import(${NODE_ESM});
      try { new Aiccs(); console.log(JSON.stringify({ threw: false })); } catch (e) {
        console.log(JSON.stringify({ paths: e.issues.map((i) => i.path), said: e.issues[0].message, leaked: JSON.stringify(e).includes("env-secret-only") || String(e).includes("env-secret-only") }));
      }
    `, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret-only" });
    // The missing half is named with the variable that would give it.
    assert.deepEqual(onlySecret, { paths: ["accessKeyId"], said: "accessKeyId is required (in Node it can also come from the environment variable ALIBABA_CLOUD_ACCESS_KEY_ID).", leaked: false });
  });

  test("AgentApi reads AICALL_AGENT_TOKEN; an explicit token wins", async () => {
    const out = await run(`
      const { AgentApi } = await import(${NODE_ESM});
      const args = { userId: "u", taskId: "t", recordIds: ["a"] };
      console.log(JSON.stringify({
        env: new AgentApi().buildBatchVoiceUrls(args).headers.Authorization,
        envWithBase: new AgentApi({ baseUrl: "http://127.0.0.1:9" }).buildBatchVoiceUrls(args).url.startsWith("http://127.0.0.1:9/"),
        explicit: new AgentApi({ token: "code-token" }).buildBatchVoiceUrls(args).headers.Authorization,
      }));
    `, { AICALL_AGENT_TOKEN: "env-token" });
    assert.deepEqual(out, { env: "Bearer env-token", envWithBase: true, explicit: "Bearer code-token" });
  });

  test("require(\"aicall\") reads the environment too, and real calls work with it (emulator)", async () => {
    const out = await run(`
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const { Aiccs, AgentApi } = require(${JSON.stringify(path.join(PKG, "node/index.cjs"))});
      const client = new Aiccs({ endpoint: "127.0.0.1:${emu.port}", protocol: "http" });
      const tts = await client.listAvailableTts({});
      const api = new AgentApi({ baseUrl: ${JSON.stringify(emu.url)} });
      const { urls } = await api.batchVoiceUrls({ userId: ${JSON.stringify(USER_A)}, taskId: ${JSON.stringify(TASK_A)}, recordIds: ["rec-1", "rec-2"] });
      console.log(JSON.stringify({ code: tts.Code, urls: urls.length }));
    `, { ALIBABA_CLOUD_ACCESS_KEY_ID: "testid", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "testsecret", ALIBABA_CLOUD_SECURITY_TOKEN: "demo-sts-token", AICALL_AGENT_TOKEN: "test-token" });
    assert.deepEqual(out, { code: "OK", urls: 2 });
  });

  test("the browser build never reads an environment, even in Node", async () => {
    const out = await run(`
      const m = await import(${WEB_READY});
      const r = {};
      try { new m.Aiccs(); r.aiccs = "no throw"; } catch (e) { r.aiccs = e.issues.map((i) => i.path); }
      try { new m.AgentApi({}); r.agent = "no throw"; } catch (e) { r.agent = e.issues.map((i) => i.path); }
      console.log(JSON.stringify(r));
    `, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", AICALL_AGENT_TOKEN: "env-token" });
    assert.deepEqual(out, { aiccs: ["accessKeyId", "accessKeySecret"], agent: ["token"] });
  });
});
