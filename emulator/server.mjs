#!/usr/bin/env node
// aicall emulator: a local HTTP stand-in for the Agent API and Alibaba Cloud aiccs (2019-10-15),
// plus static file serving for the browser demo. Node 20, built-in modules only.
//
//   import { startEmulator } from "./emulator/server.mjs";
//   const emu = await startEmulator({ quiet: true });   // emu.url, emu.port, emu.state, emu.log
//   ...
//   await emu.close();
//
//   node emulator/server.mjs --port 8787 --static www --pkg pkg

import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { handleAgentApi, findAgentTask } from "./agent.mjs";
import { handleAiccs, NonceStore } from "./aiccs.mjs";
import { createSeedState, AGENT_SEED, AICCS_SEED } from "./data.mjs";
import { parsePairs } from "./sign.mjs";
import { normaliseStaticDirs, resolveStatic, serveFile } from "./static.mjs";
import { sendJson, makeWav } from "./util.mjs";
import { Faults } from "./faults.mjs";

export { AGENT_SEED, AICCS_SEED };

export const BODY_LIMIT = 2 * 1024 * 1024;
const LOG_LIMIT = 500;

export const DEFAULTS = Object.freeze({
  port: 0,
  host: "127.0.0.1",
  staticDirs: [],
  tokens: ["demo-token", "test-token"],
  credentials: { "demo-access-key-id": "demo-access-key-secret", testid: "testsecret" },
  stsToken: "demo-sts-token",
  quiet: false,
  now: () => Date.now(),
  slowMs: 3000,
});

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": [
    "*", "authorization", "content-type", "accept", "x-acs-action", "x-acs-version", "x-acs-date",
    "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "x-acs-accesskey-id",
    "x-acs-retry-attempts",
  ].join(", "),
  "Access-Control-Expose-Headers": "x-acs-request-id, retry-after",
  "Access-Control-Max-Age": "600",
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** A name that resolves to loopback: the list above, `*.localhost`, either with a final dot. */
function isLoopbackName(name) {
  const n = name.endsWith(".") ? name.slice(0, -1) : name;
  return LOOPBACK_NAMES.has(n) || n.endsWith(".localhost");
}

/** `http://127.0.0.1:8787` → `127.0.0.1:8787` (what its requests send as Host). */
function originHost(origin) {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return "";
  }
}

/** The host name of a Host header (`127.0.0.1:8787` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
function hostName(host) {
  const h = String(host ?? "").toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0];
}

function isAiccsRequest(req, rawQuery) {
  return req.headers["x-acs-action"] !== undefined || parsePairs(rawQuery).some(([k]) => k === "Action");
}

function readBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (v) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    req.on("data", (c) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        finish({ tooLarge: true });
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => finish({ body: Buffer.concat(chunks) }));
    req.on("error", () => finish({ aborted: true }));
    req.on("close", () => finish({ aborted: true, body: Buffer.concat(chunks) }));
  });
}

function splitUrl(rawUrl) {
  const s = rawUrl || "/";
  const q = s.indexOf("?");
  const rawPath = q < 0 ? s : s.slice(0, q);
  const rawQuery = q < 0 ? "" : s.slice(q + 1).split("#")[0];
  let pathname = rawPath;
  try { pathname = decodeURI(rawPath); } catch { /* keep raw */ }
  return { rawPath, rawQuery, pathname };
}

export async function startEmulator(userOpts = {}) {
  const opts = { ...DEFAULTS, ...userOpts };
  opts.credentials = { ...(userOpts.credentials ?? DEFAULTS.credentials) };
  opts.tokens = [...(userOpts.tokens ?? DEFAULTS.tokens)];
  const staticDirs = normaliseStaticDirs(opts.staticDirs);
  const now = () => opts.now();

  const state = {};
  const nonces = new NonceStore();
  const log = [];
  const faults = new Faults(); // emulator/faults.mjs: wire faults for the reliability tests
  const timers = new Set();
  const startedAt = Date.now();
  let baseUrl = "";
  let closing = false;

  const reset = () => {
    const fresh = createSeedState();
    state.agent = fresh.agent;
    state.aiccs = fresh.aiccs;
    nonces.clear();
  };
  reset();

  const sleep = (ms, res) => new Promise((resolve) => {
    if (closing) return resolve(false);
    const entry = {};
    entry.resolve = (v) => {
      if (!timers.has(entry)) return;
      timers.delete(entry);
      clearTimeout(entry.t);
      resolve(v);
    };
    entry.t = setTimeout(() => entry.resolve(true), ms);
    timers.add(entry);
    res.on("close", () => entry.resolve(false));
  });

  const record = (ctx, status) => {
    const entry = {
      time: new Date().toISOString(),
      method: ctx.method,
      path: ctx.pathname,
      api: ctx.api ?? "-",
      action: ctx.action ?? null,
      signature: ctx.signature ?? null,
      status,
      outcome: ctx.outcome ?? "",
      ms: Date.now() - ctx.t0,
    };
    log.push(entry);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
    if (!opts.quiet) {
      const what = entry.action ? `${entry.api} ${entry.action}` : entry.api;
      process.stdout.write(`${entry.time} ${entry.method} ${entry.path} ${what} -> ${status} ${entry.outcome}\n`);
    }
  };

  // ------------------------------------------------------------ control endpoints

  const stateSummary = () => ({
    agent: {
      tasks: [...state.agent.tasks.values()].map((t) => ({
        task_id: t.task_id, user_id: t.user_id, name: t.name, running: t.running,
        record_count: t.records.size,
        sample_record_ids: [...t.records.values()].filter((r) => r.has_voice).slice(0, 3).map((r) => r.record_id),
        records_without_voice: [...t.records.values()].filter((r) => !r.has_voice).map((r) => r.record_id),
        last_update_body: t.body, updated_at: t.updated_at,
      })),
    },
    aiccs: {
      tasks: [...state.aiccs.tasks.values()].map((t) => ({
        TaskId: t.TaskId, TaskName: t.TaskName, Status: t.Status, AgentId: t.AgentId,
        details: [...state.aiccs.details.values()].filter((d) => d.TaskId === t.TaskId).length,
      })),
      agents: state.aiccs.agents.map((a) => ({ AgentId: a.AgentId, AgentName: a.AgentName, Status: a.Status })),
      llmApps: state.aiccs.llmApps.map((a) => ({ ApplicationCode: a.ApplicationCode, online: a.online })),
      calls: [...state.aiccs.calls.values()].map((c) => ({ CallId: c.CallId, kind: c.kind, status: c.status })),
      batches: state.aiccs.batches.size,
      details: state.aiccs.details.size,
      nonces: nonces.size,
    },
  });

  const handleControl = async (ctx) => {
    const { method, pathname, res } = ctx;
    ctx.api = "control";
    const sub = pathname.slice("/__emulator".length) || "/";
    ctx.action = sub;
    const toggle = /^\/agent\/tasks\/([^/]+)\/(start|stop)$/.exec(sub);
    const allow = (m) => {
      if (method === m || (m === "GET" && method === "HEAD")) return true;
      ctx.outcome = "method-not-allowed";
      sendJson(res, 405, { error: "method not allowed", allow: m }, { Allow: m });
      return false;
    };
    ctx.outcome = "ok";
    if (sub === "/health" || sub === "/") {
      if (!allow("GET")) return;
      return sendJson(res, 200, {
        ok: true, name: "aicall-emulator", url: baseUrl, uptime_ms: Date.now() - startedAt,
        apis: ["agent-api", "aiccs 2019-10-15"],
        endpoints: ["GET /__emulator/health", "GET /__emulator/log", "GET /__emulator/state", "POST /__emulator/reset",
          "POST /__emulator/agent/tasks/{task_id}/start", "POST /__emulator/agent/tasks/{task_id}/stop", "GET /__emulator/voice?key=..."],
      });
    }
    if (sub === "/log") {
      if (!allow("GET")) return;
      const limit = Number(parsePairs(ctx.rawQuery).find(([k]) => k === "limit")?.[1] ?? 100);
      const n = Number.isInteger(limit) && limit > 0 ? Math.min(limit, LOG_LIMIT) : 100;
      return sendJson(res, 200, { entries: log.slice(-n) });
    }
    if (sub === "/state") {
      if (!allow("GET")) return;
      return sendJson(res, 200, stateSummary());
    }
    if (sub === "/reset") {
      if (!allow("POST")) return;
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (toggle) {
      if (!allow("POST")) return;
      let taskId;
      try { taskId = decodeURIComponent(toggle[1]); } catch { taskId = toggle[1]; }
      let task = state.agent.tasks.get(taskId);
      if (!task && (taskId.startsWith("task-") || taskId === "fault-slow")) task = findAgentTask(state, "*", taskId);
      if (!task) {
        ctx.outcome = "unknown-task";
        return sendJson(res, 404, { ok: false, error: `unknown task ${taskId}` });
      }
      task.running = toggle[2] === "start";
      return sendJson(res, 200, { ok: true, task_id: taskId, running: task.running });
    }
    if (sub === "/voice") {
      if (!allow("GET")) return;
      const key = parsePairs(ctx.rawQuery).find(([k]) => k === "key")?.[1] ?? "";
      let info = null;
      try { info = JSON.parse(Buffer.from(key, "base64url").toString("utf8")); } catch { info = null; }
      if (!info || (info.k !== "agent" && info.k !== "aiccs")) {
        ctx.outcome = "bad-key";
        return sendJson(res, 404, { error: "unknown voice key" });
      }
      const wav = makeWav(1.2, info.k === "agent" ? 440 : 523);
      res.writeHead(200, { "Content-Type": "audio/wav", "Content-Length": wav.length, "Cache-Control": "no-store" });
      return res.end(method === "HEAD" ? undefined : wav);
    }
    ctx.outcome = "not-found";
    return sendJson(res, 404, { error: "unknown control endpoint", path: pathname });
  };

  // ------------------------------------------------------------ main handler

  const handler = async (req, res) => {
    const { rawPath, rawQuery, pathname } = splitUrl(req.url);
    const ctx = {
      req, res, method: (req.method || "GET").toUpperCase(), rawPath, rawQuery, pathname,
      state, opts, nonces, now, baseUrl, t0: Date.now(),
      sleep: (ms) => sleep(ms, res), outcome: "", api: null, action: null, body: Buffer.alloc(0),
    };
    res.on("finish", () => record(ctx, res.statusCode));
    res.on("close", () => {
      if (!res.writableFinished) {
        record({ ...ctx, outcome: `${ctx.outcome ? ctx.outcome + " " : ""}(client closed the connection)` }, res.headersSent ? res.statusCode : "-");
      }
    });
    // Bound to loopback (the default), it answers only requests addressed to loopback: a
    // page whose DNS name is rebound to 127.0.0.1 cannot reach it under its own origin.
    if (LOOPBACK.has(opts.host) && !isLoopbackName(hostName(req.headers.host))) {
      ctx.api = "none";
      ctx.outcome = "foreign-host";
      return sendJson(res, 421, { error: "this emulator answers requests to localhost only" });
    }
    // The APIs answer any origin (a page served elsewhere calls them, as it calls the real
    // services); the served folder and the control endpoints only their own origin: another
    // site's page must not read the project folder (an .env) or the request log.
    // (A preflight tells nothing and is answered for any path.)
    // (The recordings are the Agent API's answers: any origin may fetch them.)
    const control = (pathname === "/__emulator" || pathname.startsWith("/__emulator/")) && !pathname.startsWith("/__emulator/voice");
    // Nor may another site's page make the emulator act (a form posting to /reset needs
    // no preflight): a control request from another origin is refused.
    if (control && ctx.method !== "GET" && ctx.method !== "HEAD" && req.headers.origin !== undefined && originHost(req.headers.origin) !== String(req.headers.host ?? "").toLowerCase()) {
      ctx.api = "control";
      ctx.outcome = "foreign-origin";
      return sendJson(res, 403, { error: "control requests are taken from the emulator's own origin only" });
    }
    const api = ctx.method === "OPTIONS" || pathname.startsWith("/agent-api/") || isAiccsRequest(req, rawQuery);
    const ownOnly = control || !api;
    if (!ownOnly) for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);

    try {
      if (ctx.method === "OPTIONS") {
        ctx.api = "cors";
        ctx.outcome = "preflight";
        res.writeHead(204);
        return res.end();
      }
      const read = await readBody(req, BODY_LIMIT);
      if (read.tooLarge) {
        ctx.outcome = "body-too-large";
        return sendJson(res, 413, { Code: "RequestEntityTooLarge", code: 413, message: `Request body larger than ${BODY_LIMIT} bytes` }, { Connection: "close" });
      }
      if (read.aborted && res.destroyed) return;
      ctx.body = read.body ?? Buffer.alloc(0);
      if (faults.apply(ctx)) return;

      if (isAiccsRequest(req, rawQuery)) return handleAiccs(ctx);
      if (pathname.startsWith("/agent-api/")) return await handleAgentApi(ctx);
      if (pathname === "/__emulator" || pathname.startsWith("/__emulator/")) return await handleControl(ctx);
      if ((ctx.method === "GET" || ctx.method === "HEAD") && staticDirs.length > 0) {
        ctx.api = "static";
        const found = await resolveStatic(staticDirs, rawPath);
        if (found) {
          ctx.outcome = "file";
          return serveFile(req, res, found);
        }
      }
      ctx.api = ctx.api ?? "none";
      ctx.outcome = "not-found";
      return sendJson(res, 404, { error: "not found", path: pathname });
    } catch (err) {
      ctx.outcome = `internal-error: ${err && err.message}`;
      if (!opts.quiet) process.stderr.write(`emulator error: ${err && err.stack}\n`);
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { error: "EmulatorInternalError", message: String(err && err.message) });
      } else if (!res.writableEnded) {
        res.destroy();
      }
    }
  };

  const server = http.createServer((req, res) => {
    handler(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = server.address().port;
  const shownHost = ["0.0.0.0", "::", ""].includes(opts.host) ? "127.0.0.1" : opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  baseUrl = `http://${shownHost}:${port}`;

  const close = () => new Promise((resolve) => {
    if (closing) return resolve();
    closing = true;
    for (const entry of [...timers]) entry.resolve(false);
    server.close(() => resolve());
    server.closeAllConnections();
  });

  return { url: baseUrl, port, server, state, log, close, reset, nonces, opts, faults };
}

// ------------------------------------------------------------ CLI

function parseArgs(argv) {
  const out = { staticDirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    if (a === "--port") out.port = Number(next());
    else if (a === "--host") out.host = next();
    else if (a === "--static") out.staticDirs.push({ prefix: "/", dir: path.resolve(next()) });
    else if (a === "--pkg") out.staticDirs.push({ prefix: "/pkg/", dir: path.resolve(next()) });
    else if (a === "--mount") {
      const [prefix, dir] = next().split("=");
      out.staticDirs.push({ prefix, dir: path.resolve(dir) });
    } else if (a === "--slow-ms") out.slowMs = Number(next());
    else if (a === "--quiet") out.quiet = true;
    else if (a === "--help" || a === "-h") out.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write("usage: node emulator/server.mjs [--port 8787] [--host 127.0.0.1] [--static DIR] [--pkg DIR] [--mount /prefix/=DIR] [--slow-ms 3000] [--quiet]\n");
    process.exit(0);
  }
  const { help, ...opts } = args;
  void help;
  for (const { prefix, dir } of opts.staticDirs) {
    if (!existsSync(dir)) process.stderr.write(`warning: static dir for ${prefix} does not exist (yet): ${dir}\n`);
  }
  const emu = await startEmulator({ port: 8787, ...opts });
  process.stdout.write(`aicall emulator listening on ${emu.url}\n`);
  const stop = () => emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
