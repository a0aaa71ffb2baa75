// Agent API (ai.api.longlonglong.cn style) emulation:
//   GET /agent-api/user/{user_id}/task/{task_id}/batch_record/download-full-voice?recordIds[]=...
//   PUT /agent-api/new/user/{user_id}/task/{task_id}
// Errors are HTTP 200 {"code":n,"status":"error","message":"...","data":[]} like the real service.

import { parsePairs } from "./sign.mjs";
import { sendJson, sendText, base64url } from "./util.mjs";
import { agentRoute, handleAgentRoute } from "./agent-routes.mjs";

const ROUTE_BATCH = /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/batch_record\/download-full-voice\/?$/;
const ROUTE_UPDATE = /^\/agent-api\/new\/user\/([^/]+)\/task\/([^/]+)\/?$/;
export const MAX_RECORD_IDS = 30;

const FAULTS = new Set(["fault-500", "fault-502-html", "fault-html-200", "fault-truncated", "fault-empty", "fault-slow", "fault-429"]);

function decodeSeg(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

function fail(ctx, code, message) {
  ctx.outcome = `code=${code}`;
  sendJson(ctx.res, 200, { code, status: "error", message, data: [] });
}

const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>登录 - 智能外呼平台</title></head>
<body>
<form method="post" action="/login">
  <h2>账号登录</h2>
  <input name="username" placeholder="手机号/用户名">
  <input name="password" type="password" placeholder="密码">
  <button type="submit">登录</button>
</form>
</body>
</html>
`;

/** Answer a fault hook. Returns true if the request was fully handled. */
function answerFault(ctx, fault) {
  const { res } = ctx;
  ctx.outcome = fault;
  switch (fault) {
    case "fault-500":
      sendJson(res, 500, { message: "Server Error" });
      return true;
    case "fault-502-html":
      sendText(res, 502, NGINX_502, "text/html");
      return true;
    case "fault-html-200":
      sendText(res, 200, LOGIN_PAGE, "text/html; charset=UTF-8");
      return true;
    case "fault-truncated": {
      const full = JSON.stringify({
        code: 200, status: "success", message: "批量返回录音下载地址成功",
        data: { batch_url: [{ record_id: "rec-truncated-1", voice_url: `${ctx.baseUrl}/__emulator/voice?key=xyz` }] },
      });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write(full.slice(0, Math.floor(full.length / 2)));
      res.end();
      return true;
    }
    case "fault-empty":
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": 0 });
      res.end();
      return true;
    case "fault-429":
      sendJson(res, 429, { message: "Too Many Attempts." }, { "Retry-After": "1" });
      return true;
    default:
      return false;
  }
}

function checkToken(ctx) {
  const h = ctx.req.headers.authorization;
  const m = typeof h === "string" ? /^\s*Bearer\s+(\S+)\s*$/i.exec(h) : null;
  if (m && ctx.opts.tokens.includes(m[1])) return true;
  ctx.outcome = "Unauthenticated";
  sendJson(ctx.res, 401, { code: 401, status: "error", message: "Unauthenticated.", data: [] });
  return false;
}

/** Find a 2.0 task visible to user_id; task ids "task-*" (and fault-slow) exist for every user. */
export function findAgentTask(state, userId, taskId) {
  const tasks = state.agent.tasks;
  const t = tasks.get(taskId);
  if (t) return t.user_id === userId || t.user_id === "*" ? t : null;
  if (taskId.startsWith("task-") || taskId === "fault-slow") {
    const created = {
      task_id: taskId, user_id: "*", name: `测试任务 ${taskId}`, version: "2.0",
      running: false, records: new Map(), body: null, updated_at: null,
    };
    tasks.set(taskId, created);
    return created;
  }
  return null;
}

/** Record look-up with the special prefixes: rec-* (has voice), missing-* (absent), novoice-* (no voice). */
function lookupRecord(task, id) {
  if (id.startsWith("rec-")) return { exists: true, voice: true };
  if (id.startsWith("missing-")) return { exists: false, voice: false };
  if (id.startsWith("novoice-")) return { exists: true, voice: false };
  const r = task.records.get(id);
  return r ? { exists: true, voice: !!r.has_voice } : { exists: false, voice: false };
}

function handleBatch(ctx, userId, taskId) {
  const pairs = parsePairs(ctx.rawQuery);
  const ids = [];
  let plain = false;
  for (const [k, v] of pairs) {
    if (/^recordIds\[\d*\]$/.test(k)) ids.push(v);
    else if (k === "recordIds") plain = true;
  }
  if (ids.length === 0 && plain) return fail(ctx, 422, "recordIds 必须是数组");
  if (ids.length === 0) return fail(ctx, 422, "recordIds 不能为空");
  if (ids.length > MAX_RECORD_IDS) return fail(ctx, 422, `recordIds 最多 ${MAX_RECORD_IDS} 个`);
  const emptyAt = ids.findIndex((v) => v.trim() === "");
  if (emptyAt >= 0) return fail(ctx, 422, `recordIds.${emptyAt} 不能为空`);

  const task = findAgentTask(ctx.state, userId, taskId);
  if (!task) return fail(ctx, 5002, "任务不存在");

  const looked = ids.map((id) => [id, lookupRecord(task, id)]);
  const missing = looked.find(([, r]) => !r.exists);
  if (missing) return fail(ctx, 50051, `该任务下的通话记录ID-${missing[0]}-不存在`);
  const novoice = looked.find(([, r]) => !r.voice);
  if (novoice) return fail(ctx, 50061, `通话记录ID-${novoice[0]}-录音不存在`);

  const batch_url = ids.map((id) => ({
    record_id: id,
    voice_url: `${ctx.baseUrl}/__emulator/voice?key=${base64url(JSON.stringify({ k: "agent", t: taskId, r: id }))}`,
  }));
  ctx.outcome = `code=200 n=${ids.length}`;
  sendJson(ctx.res, 200, { code: 200, status: "success", message: "批量返回录音下载地址成功", data: { batch_url } });
}

function isJsonContentType(ct) {
  return typeof ct === "string" && /[/+]json\b/i.test(ct);
}

function handleUpdate(ctx, userId, taskId) {
  const task = findAgentTask(ctx.state, userId, taskId);
  if (!task) return fail(ctx, 5002, "任务不存在");
  if (task.running) return fail(ctx, 6007, "2.0任务启动中,请先停止任务");

  // Like a Laravel backend: the body is only read as JSON when the content type says so;
  // anything unreadable behaves as an empty input.
  let body = {};
  if (isJsonContentType(ctx.req.headers["content-type"]) && ctx.body.length > 0) {
    try { body = JSON.parse(ctx.body.toString("utf8")); } catch { body = {}; }
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) body = {};

  const extras = body.task_extras;
  if (extras === null || typeof extras !== "object" || Array.isArray(extras)) {
    return fail(ctx, 422, "task_extras 必须传递");
  }
  if (!Array.isArray(extras.line)) return fail(ctx, 422, "task_extras.line 必须传递(可为空数组)");
  if (!Array.isArray(extras.holiday)) return fail(ctx, 422, "task_extras.holiday 必须传递(可为空数组)");
  const mc = body.maximumcall;
  if (mc !== undefined && !(Number.isInteger(mc) && mc > 0)) {
    return fail(ctx, 422, "maximumcall 必须是大于 0 的整数");
  }
  if (extras.line.length > 0) {
    if (mc === undefined) return fail(ctx, 422, "选择线路时 maximumcall 必须传递");
    if (mc % extras.line.length !== 0) {
      return fail(ctx, 422, `maximumcall(总并发数 ${mc})必须能被所选线路数量(${extras.line.length})整除`);
    }
  }

  task.body = body;
  if (typeof body.name === "string" && body.name) task.name = body.name;
  task.updated_at = ctx.now();
  ctx.outcome = "code=200";
  sendJson(ctx.res, 200, { code: 200, status: "success", message: "修改成功", data: "" });
}

/** Entry point for every path under /agent-api/. */
export async function handleAgentApi(ctx) {
  const { method, pathname } = ctx;
  const route = agentRoute(ctx);
  if (route) {
    ctx.api = "agent";
    if (!checkToken(ctx)) return;
    return handleAgentRoute(ctx, route, findAgentTask);
  }
  let m = ROUTE_BATCH.exec(pathname);
  let kind = "batch";
  if (!m) {
    m = ROUTE_UPDATE.exec(pathname);
    kind = "update";
  }
  ctx.api = "agent";
  if (!m) {
    ctx.outcome = "not-found";
    return sendJson(ctx.res, 404, { code: 404, status: "error", message: "Not Found", data: [] });
  }
  ctx.action = kind === "batch" ? "batch_record/download-full-voice" : "task-update";
  const wanted = kind === "batch" ? "GET" : "PUT";
  if (method !== wanted && !(kind === "batch" && method === "HEAD")) {
    ctx.outcome = "method-not-allowed";
    return sendJson(ctx.res, 405, {
      code: 405, status: "error", message: `The ${method} method is not supported for this route. Supported methods: ${wanted}.`, data: [],
    }, { Allow: wanted });
  }
  const userId = decodeSeg(m[1]);
  const taskId = decodeSeg(m[2]);

  if (FAULTS.has(taskId) && taskId !== "fault-slow") {
    answerFault(ctx, taskId);
    return;
  }
  if (taskId === "fault-slow") {
    ctx.outcome = "fault-slow (waiting)";
    const ok = await ctx.sleep(ctx.opts.slowMs);
    if (!ok || ctx.res.destroyed || ctx.res.writableEnded) {
      ctx.outcome = "fault-slow (client gone)";
      return;
    }
  }
  if (!checkToken(ctx)) return;
  if (kind === "batch") handleBatch(ctx, userId, taskId);
  else handleUpdate(ctx, userId, taskId);
  if (taskId === "fault-slow") ctx.outcome = `fault-slow ${ctx.outcome}`;
}
