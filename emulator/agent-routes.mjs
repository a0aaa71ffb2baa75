// The Agent API endpoints beyond the two seed ones (see shared/notes/agent-api-endpoints.md),
// emulated statefully: tasks created, copied, stopped and deleted; numbers added (100 / 200
// per request, duplicates refused with the vendor's Laravel-style message); call records
// listed with paging; asynchronous batches with a result; lines, call-time groups, CRM
// customers and sub-accounts. Every answer is the vendor's envelope.

import { randomUUID } from "node:crypto";
import { parsePairs } from "./sign.mjs";
import { sendJson, base64url } from "./util.mjs";

const ok = (ctx, data, extra = {}) => {
  ctx.outcome = "code=200";
  sendJson(ctx.res, 200, { code: 200, status: "success", message: "成功", data, ...extra });
};
const fail = (ctx, code, message) => {
  ctx.outcome = `code=${code}`;
  sendJson(ctx.res, 200, { code, status: "error", message, data: [] });
};

/** `page`, `per_page` and PHP-bracket arrays (`status[]=1`) from the query. */
function query(ctx) {
  const q = {};
  for (const [k, v] of parsePairs(ctx.rawQuery)) {
    const m = /^([^[]+)(\[.*\])$/.exec(k);
    if (m) (q[m[1]] ??= []).push(v);
    else q[k] = v;
  }
  return q;
}

function jsonBody(ctx) {
  if (ctx.body.length === 0) return {};
  try {
    const v = JSON.parse(ctx.body.toString("utf8"));
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** One page of `items`; `per_page` comes back as a string, as in several vendor examples. */
function page(ctx, items, q) {
  const per = Math.max(1, Number(q.per_page) || 15);
  const current = Math.max(1, Number(q.page) || 1);
  const last = Math.max(1, Math.ceil(items.length / per));
  const data = items.slice((current - 1) * per, current * per);
  ok(ctx, data, { meta: { has_pages: last > 1, total: items.length, last_page: last, current_page: current, per_page: String(per) } });
}

function taskView(t) {
  return {
    id: t.task_id, name: t.name, maximumcall: t.body?.maximumcall ?? 1, dial_time_id: t.body?.dial_time_id ?? 1,
    // The list filter's codes (1 paused, 3 running or waiting), as the note derives them
    // from enable/call_status: running is 拨打中, stopped 暂停中.
    status: t.running ? 3 : 1, status_str: t.running ? "拨打中" : "暂停中",
    new_task_extra: { enable: t.running, call_status: t.running, line: t.body?.task_extras?.line ?? [], number_count: t.numbers?.length ?? 0 },
    task_extras: t.body?.task_extras ?? {},
  };
}

function userTasks(ctx, userId) {
  return [...ctx.state.agent.tasks.values()].filter((t) => t.user_id === userId && !t.deleted);
}

function newTask(ctx, userId, body, name) {
  const id = randomUUID();
  const t = { task_id: id, user_id: userId, name, version: "2.0", running: false, records: new Map(), body, numbers: [], updated_at: ctx.now() };
  ctx.state.agent.tasks.set(id, t);
  return t;
}

/** The vendor refuses a body without task_extras.line / holiday (the seed's rule). */
function taskBodyProblem(body) {
  const x = body.task_extras;
  if (!x || typeof x !== "object") return "task_extras 必须传递";
  if (!Array.isArray(x.line) || !Array.isArray(x.holiday)) return "task_extras.line 和 holiday 必须传递(可为空数组)";
  return null;
}

/** Numbers added to a task become call records (as if dialled), with a recording. */
function addNumbers(ctx, task, rows, max) {
  if (!Array.isArray(rows) || rows.length === 0) return { message: { data: ["data 不能为空。"] } };
  if (rows.length > max) return { message: { data: [`data 最多 ${max} 条。`] } };
  const seen = new Map();
  const errors = {};
  rows.forEach((r, i) => {
    const p = typeof r?.phone === "string" ? r.phone.trim() : "";
    if (!p) errors[`data.${i}.phone`] = ["phone 不能为空。"];
    else if (seen.has(p) || task.numbers.some((n) => n.phone === p)) errors[`data.${i}.phone`] = ["号码重复。"];
    seen.set(p, i);
  });
  if (Object.keys(errors).length) return { message: errors };
  for (const r of rows) {
    const n = task.numbers.length;
    task.numbers.push({ ...r, phone: r.phone.trim() });
    const id = `rec-${task.task_id.slice(0, 8)}-${n}`;
    task.records.set(id, { record_id: id, phone: r.phone.trim(), duration: 20 + (n % 90), has_voice: true, called_at: ctx.now() });
  }
  return { count: rows.length };
}

/** Both number endpoints: at most `max` rows, the vendor's field errors, then `answer`. */
function numbersRoute(ctx, [u, id], find, max, answer) {
  const t = find(u, id);
  if (!t) return fail(ctx, 5002, "任务不存在");
  t.numbers ??= [];
  const r = addNumbers(ctx, t, jsonBody(ctx).data, max);
  if (r.message) {
    ctx.outcome = "code=422";
    return sendJson(ctx.res, 200, { code: 422, status: "error", message: r.message, data: [] });
  }
  ok(ctx, answer(r));
}

const ROUTES = [
  ["GET", /^\/agent-api\/token$/, (ctx) => ok(ctx, { valid: true, expires_at: "2099-12-31 23:59:59" })],
  ["GET", /^\/agent-api\/new\/user\/([^/]+)\/task\/create$/, (ctx) => ok(ctx, {
    task_dial_times: [{ id: 1, name: "工作日 9-18 点" }, { id: 5, name: "全天" }],
    caller_line_list: [{ id: "line-a", name: "线路 A", concurrency: 10 }, { id: "line-b", name: "线路 B", concurrency: 10 }],
  })],
  ["POST", /^\/agent-api\/new\/user\/([^/]+)\/task$/, (ctx, [u]) => {
    const body = jsonBody(ctx);
    const problem = taskBodyProblem(body);
    if (problem) return fail(ctx, 422, problem);
    const t = newTask(ctx, u, body, String(body.name ?? "未命名任务"));
    ok(ctx, taskView(t));
  }],
  ["GET", /^\/agent-api\/new\/user\/([^/]+)\/task\/([^/]+)\/edit$/, (ctx, [u, id], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    ok(ctx, taskView(t));
  }],
  ["GET", /^\/agent-api\/new\/user\/([^/]+)\/copy\/task\/([^/]+)$/, (ctx, [u, id], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    ok(ctx, taskView(newTask(ctx, u, t.body, `${t.name}-副本`)));
  }],
  ["PUT", /^\/agent-api\/new\/user\/([^/]+)\/task_stop\/([^/]+)$/, (ctx, [u, id], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    t.running = false;
    ok(ctx, "");
  }],
  ["GET", /^\/agent-api\/new\/user\/([^/]+)\/task$/, (ctx, [u]) => {
    const q = query(ctx);
    const status = [].concat(q.status ?? []).map(Number);
    const items = userTasks(ctx, u)
      .filter((t) => !q.name || t.name.includes(q.name))
      .filter((t) => status.length === 0 || status.includes(t.running ? 3 : 1))
      .map(taskView);
    page(ctx, items, q);
  }],
  ["GET", /^\/agent-api\/new\/user\/([^/]+)\/subset_task$/, (ctx, [u]) => page(ctx, userTasks(ctx, u).map(taskView), query(ctx))],
  ["GET", /^\/agent-api\/user\/([^/]+)\/task$/, (ctx, [u]) => page(ctx, userTasks(ctx, u).map(taskView), query(ctx))],
  ["GET", /^\/agent-api\/user\/([^/]+)\/task_stop\/([^/]+)$/, (ctx, [u, id], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    t.running = false;
    ok(ctx, "");
  }],
  ["DELETE", /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)$/, (ctx, [u, id], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    t.deleted = true;
    ctx.state.agent.tasks.delete(t.task_id);
    ok(ctx, "");
  }],
  ["POST", /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/number$/, (ctx, p, find) => numbersRoute(ctx, p, find, 100, (r) => ({ success_count: r.count }))],
  ["POST", /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/async_number$/, (ctx, p, find) => numbersRoute(ctx, p, find, 200, (r) => {
    const unique = randomUUID();
    ctx.state.agent.batches.set(unique, { success: r.count, fail: 0, status: "done" });
    return { unique_id: unique };
  })],
  ["GET", /^\/agent-api\/user\/([^/]+)\/identification\/([^/]+)$/, (ctx, [, unique]) => {
    const b = ctx.state.agent.batches.get(unique);
    if (!b) return fail(ctx, 404, "批次不存在");
    ok(ctx, b);
  }],
  ["GET", /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/record$/, (ctx, [u, id], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    const q = query(ctx);
    const items = [...t.records.values()].filter((r) => !q.keyword || r.phone.includes(q.keyword))
      .map((r) => ({ id: r.record_id, callee: r.phone, record_ms: r.duration * 1000, level: "A" }));
    page(ctx, items, q);
  }],
  ["GET", /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/detail\/([^/]+)$/, (ctx, [u, id, rec], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    const r = t.records.get(rec);
    if (!r) return fail(ctx, 50051, `该任务下的通话记录ID-${rec}-不存在`);
    ok(ctx, { records: [{ question: "您好,请问是机主本人吗?", answer_content: "是的", error_code: 0, callee: r.phone, record_ms: r.duration * 1000 }] });
  }],
  ["GET", /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/record\/([^/]+)\/download-full-voice$/, (ctx, [u, id, rec], find) => {
    const t = find(u, id);
    if (!t) return fail(ctx, 5002, "任务不存在");
    if (!t.records.has(rec) && !rec.startsWith("rec-")) return fail(ctx, 50051, `该任务下的通话记录ID-${rec}-不存在`);
    ok(ctx, { voice_url: `${ctx.baseUrl}/__emulator/voice?key=${base64url(JSON.stringify({ k: "agent", t: id, r: rec }))}` });
  }],
  ["GET", /^\/agent-api\/user\/([^/]+)\/dial-time-group$/, (ctx, [u]) => {
    const q = query(ctx);
    if (!q.page) return sendJson(ctx.res, 200, { code: 422, status: "error", message: { page: ["page 不能为空。"] }, data: [] });
    page(ctx, ctx.state.agent.dialTimeGroups.filter((g) => g.user_id === u || g.user_id === "*"), q);
  }],
  ["POST", /^\/agent-api\/user\/([^/]+)\/dial-time-group$/, (ctx, [u]) => {
    const b = jsonBody(ctx);
    if (!b.name) return sendJson(ctx.res, 200, { code: 422, status: "error", message: { name: ["name 不能为空。"] }, data: [] });
    const g = { id: ctx.state.agent.dialTimeGroups.length + 1, user_id: u, name: b.name, content: b.content ?? [] };
    ctx.state.agent.dialTimeGroups.push(g);
    ok(ctx, g);
  }],
  ["GET", /^\/agent-api\/new_line_list$/, (ctx) => {
    const q = query(ctx);
    if (!q.id) return sendJson(ctx.res, 200, { code: 422, status: "error", message: { id: ["id 不能为空。"] }, data: [] });
    page(ctx, ctx.state.agent.lines, q);
  }],
  ["POST", /^\/agent-api\/new\/user\/([^/]+)\/line\/([^/]+)$/, (ctx, [u, line]) => {
    const l = ctx.state.agent.lines.find((x) => String(x.id) === line);
    if (!l) return fail(ctx, 404, "线路不存在");
    const b = jsonBody(ctx);
    const a = { id: ctx.state.agent.nextAllocation++, user_id: u, line_concurrency: Number(b.line_concurrency ?? 1), deadline_at: b.deadline_at ?? null };
    l.line_allocation.push(a);
    ok(ctx, a);
  }],
  ["DELETE", /^\/agent-api\/new\/user\/([^/]+)\/line\/([^/]+)$/, (ctx, [, alloc]) => {
    for (const l of ctx.state.agent.lines) {
      const i = l.line_allocation.findIndex((a) => String(a.id) === alloc);
      if (i >= 0) return (l.line_allocation.splice(i, 1), ok(ctx, ""));
    }
    fail(ctx, 404, "分配记录不存在");
  }],
  ["GET", /^\/agent-api\/group\/([^/]+)$/, (ctx) => page(ctx, [{ id: 1, name: "默认分组" }, { id: 2, name: "回访话术" }], query(ctx))],
  ["GET", /^\/agent-api\/agent_group\/tenant\/([^/]+)$/, (ctx) => ok(ctx, [{ id: 11, name: "会员回访话术", user_id: "u-1" }])],
  ["POST", /^\/agent-api\/user\/([^/]+)\/async_customer$/, (ctx, [u]) => {
    const rows = jsonBody(ctx).data;
    if (!Array.isArray(rows) || rows.length === 0) return fail(ctx, 422, "data 不能为空");
    if (rows.length > 200) return sendJson(ctx.res, 200, { code: 422, status: "error", message: { data: ["data 最多 200 条。"] }, data: [] });
    for (const r of rows) ctx.state.agent.customers.push({ ...r, user_id: u, created_at: "2026-11-01 10:00:00" });
    const unique = randomUUID();
    ctx.state.agent.batches.set(unique, { success: rows.length, fail: 0, status: "done" });
    ok(ctx, { unique_id: unique });
  }],
  ["GET", /^\/agent-api\/user\/([^/]+)\/get_customer$/, (ctx, [u]) => {
    const q = query(ctx);
    if (!q.page) return sendJson(ctx.res, 200, { code: 422, status: "error", message: { page: ["page 不能为空。"] }, data: [] });
    page(ctx, ctx.state.agent.customers.filter((c) => c.user_id === u && (!q.phone || c.phone === q.phone)), q);
  }],
  ["POST", /^\/agent-api\/user\/([^/]+)\/subset_users$/, (ctx, [u]) => {
    const b = jsonBody(ctx);
    if (b.password !== b.password_confirmation) {
      return sendJson(ctx.res, 200, { code: 422, status: "error", message: { password: ["两次输入的密码不一致。"] }, data: [] });
    }
    ok(ctx, { id: randomUUID(), parent_id: u, name: b.name, email: b.email });
  }],
  ["GET", /^\/agent-api\/user\/([^/]+)\/message$/, (ctx, [u]) => ok(ctx, { id: u, name: "演示账号", balance: "1000.00" })],
  ["GET", /^\/agent-api\/callback_blacklist$/, (ctx) => page(ctx, [{ url: "https://example.invalid/cb", status: 0 }], query(ctx))],
  ["GET", /^\/agent-api\/vos\/([^/]+)\/get_call_record$/, (ctx) => ok(ctx, [{ caller: "02100000000", callee: "13800000000", duration: 35 }])],
];

/** The route for this method and path, if one of these endpoints is asked for. */
export function agentRoute(ctx) {
  for (const [method, re, handler] of ROUTES) {
    const m = re.exec(ctx.pathname);
    if (m && ctx.method === method) return { handler, params: m.slice(1).map((s) => { try { return decodeURIComponent(s); } catch { return s; } }) };
  }
  return null;
}

/** Answers a request `agentRoute` matched (the token was checked by the caller). */
export function handleAgentRoute(ctx, route, findTask) {
  ctx.action = ctx.pathname.replace(/^\/agent-api\//, "").replace(/\/[0-9a-f-]{8,}/gi, "/{id}");
  route.handler(ctx, route.params, (u, id) => findTask(ctx.state, u, id));
}

/** The emulator's extra Agent API state, seeded. */
export function seedAgentExtras() {
  return {
    batches: new Map(),
    dialTimeGroups: [{ id: 1, user_id: "*", name: "工作日 9-18 点", content: [] }, { id: 5, user_id: "*", name: "全天", content: [] }],
    lines: [{ id: 101, name: "线路 A", line_allocation: [] }, { id: 102, name: "线路 B", line_allocation: [] }],
    nextAllocation: 1,
    customers: [],
  };
}
