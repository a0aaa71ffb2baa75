// aicall demo console. Plain ES module, no framework, no build step.
// Every field is validated by the wasm SDK on each input event; the request preview is the
// SDK's own build; Send goes through the SDK to the local emulator.
import init, { AgentApi, Aiccs, AicallError } from "/pkg/web/index.js";

// ------------------------------------------------------------------ i18n (page chrome only;
// validation messages come from the SDK in the chosen locale)

const UI = {
  en: {
    tagline: "Agent API + Alibaba Cloud aiccs, checked by the wasm SDK as you type",
    emuLog: "emulator log", emuState: "emulator state",
    noteTitle: "Local demo only.",
    noteText: "This page holds an AccessKeySecret in the browser because it talks to a local emulator. In production, validate and build requests in the page, then send them from Node or your backend: aiccs sends no CORS headers, and the secret must stay on the server.",
    noteMore: "The backend pattern",
    settingsTitle: "Connection settings",
    settingsSummary: "Agent API {base} · aiccs {proto}://{endpoint} ({sig})",
    previewTitle: "Request preview", copyCurl: "Copy as cURL",
    curlTitle: "cURL (token, signature and secret redacted)",
    curlCopied: "Copied to the clipboard.", curlNoClipboard: "Clipboard not available: select the text below.",
    answerTitle: "Answer",
    navAgent: "Agent API", navAiccs: "Alibaba Cloud aiccs",
    tabUpdate: "Task update", tabUpdateSub: "PUT …/task/{task_id}",
    tabRecords: "Recording URLs", tabRecordsSub: "GET …/download-full-voice",
    tabCreateSub: "create a call task", tabImportSub: "import numbers", tabLlmSub: "one LLM call", tabDetailsSub: "task details, paged",
    agentGroup: "Agent API", aiccsGroup: "aiccs",
    baseUrl: "Base URL", token: "Token", userId: "User id", taskId: "Task id",
    endpoint: "Endpoint (host[:port])", protocol: "Protocol", accessKeyId: "AccessKeyId",
    accessKeySecret: "AccessKeySecret (local demo only)", sigver: "Signature version",
    updateTitle: "Agent API · task update",
    updateDesc: "Changes a 2.0 task. AgentApi.validateTaskUpdate checks the whole body on every keystroke; edit the fields or the JSON below, they stay in sync.",
    variant: "Variant", variantV2: "v2 (新版任务2.0)", variantLegacy: "legacy (旧版任务2.0)",
    resetSeed: "Reset to the seed example",
    lines: "Lines", linesHint: "task_extras.line: {id, limit} per line", addLine: "Add line", remove: "Remove",
    lineId: "line id", limit: "limit", limitOptional: "limit (optional)",
    jsonBody: "Request body (JSON, editable)", jsonHint: "the whole body; editing it re-validates too",
    jsonSyntax: "The JSON does not parse: {msg}",
    send: "Send", sending: "Sending…", startTask: "Start task (emulator)", stopTask: "Stop task (emulator)",
    taskState: "emulator task", taskRunning: "running", taskStopped: "stopped",
    valid: "Valid, ready to send", issuesN: "{n} issues", issues1: "1 issue",
    otherIssues: "Issues that have no field of their own",
    notSet: "(not set)",
    recordsTitle: "Agent API · batch recording URLs",
    recordsDesc: "AgentApi.validateRecordIds checks the list (1 to 30 distinct ids per request). Send uses batchVoiceUrls, which takes any number of ids and sends them 30 per request.",
    recordsLabel: "recordIds", recordsHint: "one per line, or comma-separated",
    recordsCount: "{n} ids · {r} request(s) of at most 30 when sent",
    fill31: "Paste 31 demo ids", fillSample: "Sample ids",
    recordsSendNote: "Send still works with more than 30: batchVoiceUrls splits the list.",
    headers: "Headers", query: "Query parameters (decoded)", body: "Body", params: "Params (before signing)",
    tokenHidden: "(token hidden)",
    previewBlocked: "{fn} throws AicallError ({kind} / {code}): {n}. Fix the fields marked in red.",
    previewChunk: "Request 1 of {r}: batchVoiceUrls sends these {n} ids as {r} requests of at most 30.",
    previewNone: "No request: fix the settings.",
    emptyResult: "Press Send to call the emulator. The parsed answer, or the AicallError, shows here.",
    ok: "OK", updatedOk: "Task updated: updateTask() resolved, the API accepted the change.",
    urls: "Recording URLs", failed: "Failed", none: "none",
    urlsSummary: "{u} URL(s), {f} failed",
    highlightCreate: "New task id (Data)", highlightImport: "Batch id (Data)", highlightLlm: "CallId",
    highlightDetails: "Details found (Data.Total)",
    errorTitle: "AicallError", taskRunningTitle: "The task is running (6007)",
    taskRunningHint: "Press “Stop task (emulator)” on the left, then Send again.",
    notAicallError: "Unexpected error (not an AicallError)",
    ms: "{ms} ms",
    createTitle: "aiccs · CreateAiCallTask", importTitle: "aiccs · ImportTaskNumberDatas",
    llmTitle: "aiccs · LlmSmartCall", detailsTitle: "aiccs · QueryAiCallDetailPage",
    aiccsDesc: "Aiccs.validate(\"{action}\", params) runs on every keystroke; the preview is client.buildRequest, signed with {sig}.",
    addWindow: "Add window", now1h: "now + 1 h",
    emuFailed: "The emulator control endpoint failed: {msg}",
  },
  "zh-CN": {
    tagline: "Agent API 与阿里云 aiccs:输入即由 wasm SDK 校验",
    emuLog: "模拟器日志", emuState: "模拟器状态",
    noteTitle: "仅限本地演示。",
    noteText: "本页面把 AccessKeySecret 放在浏览器里,只因为它连接的是本地模拟器。生产环境请在页面中校验并构建请求,再由 Node 或你的后端发送:aiccs 不返回 CORS 头,且密钥必须留在服务器上。",
    noteMore: "后端调用方式",
    settingsTitle: "连接设置",
    settingsSummary: "Agent API {base} · aiccs {proto}://{endpoint}({sig})",
    previewTitle: "请求预览", copyCurl: "复制为 cURL",
    curlTitle: "cURL(已隐藏 token、签名与密钥)",
    curlCopied: "已复制到剪贴板。", curlNoClipboard: "剪贴板不可用:请选中下面的文本。",
    answerTitle: "响应",
    navAgent: "Agent API", navAiccs: "阿里云 aiccs",
    tabUpdate: "修改任务", tabUpdateSub: "PUT …/task/{task_id}",
    tabRecords: "录音地址", tabRecordsSub: "GET …/download-full-voice",
    tabCreateSub: "创建外呼任务", tabImportSub: "导入号码", tabLlmSub: "发起一通大模型外呼", tabDetailsSub: "分页查询任务明细",
    agentGroup: "Agent API", aiccsGroup: "aiccs",
    baseUrl: "服务地址", token: "Token", userId: "用户 ID", taskId: "任务 ID",
    endpoint: "Endpoint(host[:port])", protocol: "协议", accessKeyId: "AccessKeyId",
    accessKeySecret: "AccessKeySecret(仅限本地演示)", sigver: "签名版本",
    updateTitle: "Agent API · 修改任务",
    updateDesc: "修改 2.0 任务。每次输入都会由 AgentApi.validateTaskUpdate 校验整个请求体;表单字段与下方 JSON 保持同步。",
    variant: "版本", variantV2: "v2(新版任务2.0)", variantLegacy: "legacy(旧版任务2.0)",
    resetSeed: "恢复示例数据",
    lines: "线路", linesHint: "task_extras.line:每条线路 {id, limit}", addLine: "添加线路", remove: "删除",
    lineId: "线路 ID", limit: "并发上限", limitOptional: "并发上限(可选)",
    jsonBody: "请求体(JSON,可编辑)", jsonHint: "完整请求体;修改后同样会重新校验",
    jsonSyntax: "JSON 无法解析:{msg}",
    send: "发送", sending: "发送中…", startTask: "启动任务(模拟器)", stopTask: "停止任务(模拟器)",
    taskState: "模拟器任务", taskRunning: "运行中", taskStopped: "已停止",
    valid: "校验通过,可以发送", issuesN: "{n} 个问题", issues1: "1 个问题",
    otherIssues: "没有对应字段的问题",
    notSet: "(不设置)",
    recordsTitle: "Agent API · 批量获取录音地址",
    recordsDesc: "AgentApi.validateRecordIds 校验列表(每次请求 1 到 30 个不重复的 ID)。发送使用 batchVoiceUrls:数量不限,每 30 个一次请求。",
    recordsLabel: "recordIds", recordsHint: "每行一个,或用逗号分隔",
    recordsCount: "{n} 个 ID · 发送时分 {r} 次请求(每次最多 30 个)",
    fill31: "粘贴 31 个示例 ID", fillSample: "示例 ID",
    recordsSendNote: "超过 30 个仍可发送:batchVoiceUrls 会自动拆分。",
    headers: "请求头", query: "查询参数(已解码)", body: "请求体", params: "参数(签名前)",
    tokenHidden: "(已隐藏 token)",
    previewBlocked: "{fn} 会抛出 AicallError({kind} / {code}):{n}。请先修正标红的字段。",
    previewChunk: "第 1 次请求,共 {r} 次:batchVoiceUrls 把这 {n} 个 ID 分成 {r} 次请求(每次最多 30 个)。",
    previewNone: "无法构建请求:请检查连接设置。",
    emptyResult: "点击“发送”调用模拟器。解析后的响应或 AicallError 会显示在这里。",
    ok: "成功", updatedOk: "任务已更新:updateTask() 已完成,接口接受了修改。",
    urls: "录音地址", failed: "失败", none: "无",
    urlsSummary: "{u} 个地址,{f} 个失败",
    highlightCreate: "新任务 ID(Data)", highlightImport: "批次 ID(Data)", highlightLlm: "CallId",
    highlightDetails: "明细条数(Data.Total)",
    errorTitle: "AicallError", taskRunningTitle: "任务正在运行(6007)",
    taskRunningHint: "请先点击左侧“停止任务(模拟器)”,再重新发送。",
    notAicallError: "意外错误(不是 AicallError)",
    ms: "{ms} 毫秒",
    createTitle: "aiccs · CreateAiCallTask", importTitle: "aiccs · ImportTaskNumberDatas",
    llmTitle: "aiccs · LlmSmartCall", detailsTitle: "aiccs · QueryAiCallDetailPage",
    aiccsDesc: "每次输入都会运行 Aiccs.validate(\"{action}\", params);预览来自 client.buildRequest,签名方式 {sig}。",
    addWindow: "添加时段", now1h: "现在 + 1 小时",
    emuFailed: "模拟器控制接口调用失败:{msg}",
  },
};

const state = {
  locale: "en",
  tab: "update",
  results: {},      // tab -> { status: "pending" | "ok" | "error", data?, error?, ms? }
  curlShown: false,
  curlStatus: "",
  taskRunning: null,
};

function t(key, vars) {
  let s = UI[state.locale][key] ?? UI.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}
const pick = (pair) => (pair == null ? "" : typeof pair === "string" ? pair : state.locale === "zh-CN" ? pair.zh : pair.en);

// Elements whose text follows the locale: [element, () => text].
const localized = [];
function tx(el, source) {
  const fn = typeof source === "function" ? source : typeof source === "string" ? () => t(source) : () => pick(source);
  localized.push([el, fn]);
  el.textContent = fn();
  return el;
}

// ------------------------------------------------------------------ tiny DOM helper

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "testid") el.dataset.testid = v;
    else if (k === "i18n") tx(el, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "value") el.value = v;
    else if (k === "checked") el.checked = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
const $ = (sel, root = document) => root.querySelector(sel);

// ------------------------------------------------------------------ settings and clients

const SETTINGS = [
  { group: "agentGroup", key: "baseUrl", label: "baseUrl", def: () => location.origin },
  { group: "agentGroup", key: "token", label: "token", def: () => "demo-token", type: "password" },
  { group: "agentGroup", key: "userId", label: "userId", def: () => "5832d184-dd53-42a0-8ace-0bf8d660f4cc" },
  { group: "agentGroup", key: "taskId", label: "taskId", def: () => "f232d184-dd54-42a0-8ace-0bf8d660f4cc" },
  { group: "aiccsGroup", key: "endpoint", label: "endpoint", def: () => location.host },
  { group: "aiccsGroup", key: "protocol", label: "protocol", def: () => (location.protocol === "https:" ? "https" : "http"), options: ["http", "https"] },
  { group: "aiccsGroup", key: "accessKeyId", label: "accessKeyId", def: () => "demo-access-key-id" },
  { group: "aiccsGroup", key: "accessKeySecret", label: "accessKeySecret", def: () => "demo-access-key-secret", type: "password" },
  { group: "aiccsGroup", key: "sigver", label: "sigver", def: () => "v3", options: ["v3", "v1"] },
];
const settings = Object.fromEntries(SETTINGS.map((s) => [s.key, s.def()]));

const cache = { agent: { key: null }, aiccs: { key: null } };
function cached(slot, key, make) {
  const c = cache[slot];
  if (c.key !== key) {
    c.key = key;
    try { c.value = make(); c.error = null; } catch (e) { c.value = null; c.error = e; }
  }
  if (c.error) throw c.error;
  return c.value;
}
function agentApi() {
  const opts = { token: settings.token, baseUrl: settings.baseUrl.replace(/\/+$/, ""), locale: state.locale };
  return cached("agent", JSON.stringify(opts), () => new AgentApi(opts));
}
function aiccsClient() {
  const opts = {
    accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret, endpoint: settings.endpoint,
    protocol: settings.protocol, signatureVersion: settings.sigver, locale: state.locale,
  };
  return cached("aiccs", JSON.stringify(opts), () => new Aiccs(opts));
}

function buildSettings() {
  const body = $("#settings-body");
  for (const group of ["agentGroup", "aiccsGroup"]) {
    const box = h("fieldset", { class: "settings-group" }, h("legend", { i18n: group }));
    for (const s of SETTINGS.filter((x) => x.group === group)) {
      const id = `settings-${s.key}`;
      const control = s.options
        ? h("select", { id, testid: id }, s.options.map((o) => h("option", { value: o }, o)))
        : h("input", { id, testid: id, type: s.type ?? "text", autocomplete: "off", spellcheck: "false" });
      control.value = settings[s.key];
      control.addEventListener(s.options ? "change" : "input", () => {
        settings[s.key] = control.value;
        relocalize();
        refreshAll();
      });
      box.append(h("div", { class: "field" }, h("label", { for: id, i18n: s.label }), control));
    }
    body.append(box);
  }
  tx($("#settings-summary"), () => t("settingsSummary", {
    base: settings.baseUrl, endpoint: settings.endpoint, proto: settings.protocol, sig: sigLabel(),
  }));
}
const sigLabel = () => (settings.sigver === "v1" ? "v1 HMAC-SHA1" : "v3 ACS3-HMAC-SHA256");

// ------------------------------------------------------------------ value helpers

const INT_RE = /^-?\d+$/;
const NUM_RE = /^-?\d+(\.\d+)?$/;
/** "" -> undefined; numeric text -> number (digit strings too long for a double stay strings); anything else stays text for the SDK to judge. */
function coerceNumber(raw) {
  const s = raw.trim();
  if (s === "") return undefined;
  if (INT_RE.test(s)) return Number.isSafeInteger(Number(s)) ? Number(s) : s;
  if (NUM_RE.test(s)) return Number(s);
  return raw;
}
function getPath(obj, path) {
  let cur = obj;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = cur[k];
  }
  return cur;
}
function setPath(obj, path, value) {
  const keys = path.split(".");
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === undefined) cur[k] = {};
    if (cur[k] === null || typeof cur[k] !== "object" || Array.isArray(cur[k])) return;
    cur = cur[k];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
const showValue = (v) => (v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
const pretty = (v) => JSON.stringify(v, null, 2);

// ------------------------------------------------------------------ issues next to fields

/** A form's issue slots: fieldId -> { box, inputs }. */
function makeSlots() { return new Map(); }

function issueBox(testid) {
  return h("div", { class: "issues", testid, "aria-live": "polite" });
}

function renderIssueList(box, issues, withPath) {
  box.replaceChildren(...issues.map((i) => h("div", { class: "issue", "data-code": i.code, "data-path": i.path },
    withPath && i.path ? h("code", { class: "issue-path" }, i.path) : null,
    h("span", { class: "issue-msg" }, i.message),
    h("code", { class: "issue-code" }, i.code))));
  box.classList.toggle("has-issues", issues.length > 0);
}

/** Puts each issue next to its field (mapPath -> slot id) and the rest into the form's top list. */
function renderIssues(form, issues) {
  const bySlot = new Map();
  const rest = [];
  for (const issue of issues) {
    const slot = form.mapPath(issue.path);
    if (slot && form.slots.has(slot)) {
      if (!bySlot.has(slot)) bySlot.set(slot, []);
      bySlot.get(slot).push(issue);
    } else rest.push(issue);
  }
  for (const [id, slot] of form.slots) {
    const list = bySlot.get(id) ?? [];
    renderIssueList(slot.box, list, false);
    for (const input of slot.inputs()) {
      if (list.length) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
  renderIssueList(form.topList, rest, true);
  form.topWrap.hidden = rest.length === 0;
  const n = issues.length;
  form.status.textContent = n === 0 ? t("valid") : n === 1 ? t("issues1") : t("issuesN", { n });
  form.status.classList.toggle("bad", n > 0);
  if (form.navBadge) {
    form.navBadge.textContent = n === 0 ? "✓" : String(n);
    form.navBadge.classList.toggle("bad", n > 0);
  }
}

/** Slot of a path: the longest registered prefix ("CallTime[0].endTime" -> "CallTime"). */
function prefixMapper(slots, special) {
  return (path) => {
    if (special) { const s = special(path); if (s) return s; }
    let p = path;
    while (p) {
      if (slots.has(p)) return p;
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return null;
  };
}

// ------------------------------------------------------------------ form frame

const forms = new Map();
const NAV = [
  { group: "navAgent", tabs: [["update", "tabUpdate", "tabUpdateSub"], ["records", "tabRecords", "tabRecordsSub"]] },
  { group: "navAiccs", tabs: [["create", "CreateAiCallTask", "tabCreateSub"], ["import", "ImportTaskNumberDatas", "tabImportSub"],
    ["llm", "LlmSmartCall", "tabLlmSub"], ["details", "QueryAiCallDetailPage", "tabDetailsSub"]] },
];

function formFrame(id, titleKey, descFn) {
  const status = h("span", { class: "form-status", testid: `status-${id}` });
  const topList = h("div", { class: "issues top-issues", testid: `form-issues-${id}` });
  const topWrap = h("div", { class: "top-issues-wrap" }, h("div", { class: "top-issues-title", i18n: "otherIssues" }), topList);
  topWrap.hidden = true;
  const desc = h("p", { class: "form-desc" });
  tx(desc, descFn);
  const body = h("div", { class: "form-body" });
  const actions = h("div", { class: "form-actions" });
  const el = h("section", { class: "card form", id: `form-${id}`, testid: `form-${id}`, hidden: true },
    h("div", { class: "card-head" }, h("h2", { i18n: titleKey }), status),
    desc, actions, topWrap, body);
  $("#forms").append(el);
  const form = { id, el, body, actions, status, topList, topWrap, slots: makeSlots() };
  forms.set(id, form);
  return form;
}

function sendButton(form) {
  const btn = h("button", { type: "button", class: "btn btn-primary", testid: `send-${form.id}`, onclick: () => send(form) });
  tx(btn, () => (state.results[form.id]?.status === "pending" ? t("sending") : t("send")));
  form.sendBtn = btn;
  return btn;
}

/** A labelled field: wire name, hint, control, issue box. Registers the issue slot. */
function field(form, { slot, testid, wire, hint, control, wide, cls }) {
  const box = issueBox(`issue-${testid}`);
  const controls = Array.isArray(control) ? control : [control];
  const sel = "input:not([type=checkbox]),select,textarea";
  const first = controls.map((c) => (c instanceof HTMLElement ? (c.matches(sel) ? c : c.querySelector(sel)) : null)).find(Boolean);
  if (first && !first.id) first.id = `f-${form.id}-${testid}`;
  const label = h("label", { class: "field-label", for: first ? first.id : undefined }, h("code", { class: "wire" }, wire));
  const help = hint ? tx(h("div", { class: "hint" }), hint) : null;
  const wrap = h("div", { class: `field${wide ? " wide" : ""}${cls ? " " + cls : ""}`, "data-field": slot }, label, ...controls, help, box);
  form.slots.set(slot, { box, inputs: () => [...wrap.querySelectorAll("input:not([type=checkbox]),select,textarea")] });
  return wrap;
}

// ------------------------------------------------------------------ a. Agent API task update

const SEEDS = {};
const upd = { variant: "v2", bodies: {}, jsonError: null };

const UPDATE_FIELDS = [
  { path: "name", id: "name", kind: "text", wide: true, hint: { en: "Task name", zh: "任务名称" } },
  { path: "maximumcall", id: "maximumcall", kind: "num", hint: { en: "Total concurrency: a multiple of the number of lines", zh: "总并发:须为线路数的整数倍" } },
  { path: "destination_extension", id: "destination_extension", kind: "num", hint: { en: "Script group id", zh: "话术组 ID" } },
  { path: "dial_time_id", id: "dial_time_id", kind: "num", hint: { en: "Call time group id", zh: "拨打时间组 ID" } },
  { path: "is_group_switch", id: "is_group_switch", kind: "select", v2: true, hint: { en: "How the script group is chosen", zh: "话术组选择方式" },
    options: [[0, { en: "0 · one group", zh: "0 · 单一话术组" }], [1, { en: "1 · by time of day", zh: "1 · 按时段" }],
      [2, { en: "2 · by number variable", zh: "2 · 按号码变量" }], [3, { en: "3 · several groups", zh: "3 · 多话术组" }]] },
  { path: "task_extras.start_time", id: "start_time", kind: "text", hint: { en: "Start, YYYY-MM-DD HH:MM:SS", zh: "开始时间 YYYY-MM-DD HH:MM:SS" } },
  { path: "task_extras.stop_time", id: "stop_time", kind: "text", hint: { en: "End, after start_time", zh: "结束时间,须晚于开始时间" } },
  { path: "task_extras.pop_mode", id: "pop_mode", kind: "select", v2: true, hint: { en: "Order numbers are dialled", zh: "号码拨打顺序" },
    options: [[0, { en: "0 · random", zh: "0 · 随机" }], [1, { en: "1 · in order", zh: "1 · 顺序" }], [2, { en: "2 · reverse", zh: "2 · 倒序" }]] },
  { path: "task_extras.redial_interval", id: "redial_interval", kind: "num", v2: true, hint: { en: "Minutes between redials, ≤ 60", zh: "重拨间隔(分钟),≤ 60" } },
  { path: "task_extras.redial_max_times", id: "redial_max_times", kind: "num", v2: true, hint: { en: "Redials per number, ≤ 3", zh: "每个号码重拨次数,≤ 3" } },
];

const V2_ONLY = new Set(UPDATE_FIELDS.filter((f) => f.v2).map((f) => f.path));

function buildUpdateForm() {
  const form = formFrame("update", "updateTitle", () => t("updateDesc"));
  const inputs = new Map();

  // variant switch + reset
  const variantSwitch = h("div", { class: "segmented", role: "radiogroup" },
    ...["v2", "legacy"].map((v) => {
      const b = h("button", { type: "button", role: "radio", testid: `variant-${v}`, "data-variant": v,
        onclick: () => { if (upd.variant !== v) { upd.variant = v; upd.jsonError = null; syncFromBody(null); refreshAll(); } } });
      tx(b, v === "v2" ? "variantV2" : "variantLegacy");
      return b;
    }));
  const reset = h("button", { type: "button", class: "btn btn-link", testid: "reset-update",
    onclick: () => { upd.bodies[upd.variant] = structuredClone(SEEDS[upd.variant]); upd.jsonError = null; syncFromBody(null); refreshAll(); } });
  tx(reset, "resetSeed");
  form.body.append(h("div", { class: "row-between" }, h("div", { class: "inline" }, tx(h("span", { class: "muted" }), "variant"), variantSwitch), reset));

  // main fields
  const grid = h("div", { class: "grid" });
  for (const f of UPDATE_FIELDS) {
    let control;
    if (f.kind === "select") {
      control = h("select", { testid: `field-${f.id}` }, tx(h("option", { value: "" }), "notSet"),
        ...f.options.map(([v, label]) => tx(h("option", { value: String(v) }), label)));
      control.addEventListener("change", () => fromField(f, control));
    } else {
      control = h("input", { type: "text", testid: `field-${f.id}`, autocomplete: "off", spellcheck: "false",
        inputmode: f.kind === "num" ? "numeric" : undefined });
      control.addEventListener("input", () => fromField(f, control));
    }
    inputs.set(f.path, control);
    grid.append(field(form, { slot: f.path, testid: f.id, wire: f.path, hint: f.hint, control, wide: f.wide, cls: f.v2 ? "v2-only" : "" }));
  }
  form.body.append(grid);

  // lines
  const lineRows = h("div", { class: "lines", testid: "lines" });
  const addLine = h("button", { type: "button", class: "btn btn-small", testid: "add-line", onclick: () => {
    const body = upd.bodies[upd.variant];
    if (!body.task_extras || typeof body.task_extras !== "object") body.task_extras = {};
    if (!Array.isArray(body.task_extras.line)) body.task_extras.line = [];
    const first = body.task_extras.line.find((l) => l && typeof l === "object" && typeof l.limit === "number");
    body.task_extras.line.push({ id: crypto.randomUUID(), limit: first ? first.limit : 1 });
    syncFromBody(null);
    refreshAll();
  } });
  tx(addLine, "addLine");
  const linesBox = issueBox("issue-lines");
  form.slots.set("task_extras.line", { box: linesBox, inputs: () => [] });
  form.body.append(h("div", { class: "field wide lines-field", "data-field": "task_extras.line" },
    h("div", { class: "row-between" },
      h("div", { class: "field-label" }, h("code", { class: "wire" }, "task_extras.line"), tx(h("span", { class: "hint" }), "linesHint")),
      addLine),
    lineRows, linesBox));

  // JSON body
  const json = h("textarea", { testid: "field-json", class: "json", rows: 14, spellcheck: "false", id: "f-update-json" });
  json.addEventListener("input", () => {
    try {
      const parsed = JSON.parse(json.value);
      upd.bodies[upd.variant] = parsed;
      upd.jsonError = null;
      syncFromBody(json);
    } catch (e) {
      upd.jsonError = e.message;
    }
    refreshAll();
  });
  const jsonBox = issueBox("issue-json");
  form.body.append(h("div", { class: "field wide" },
    h("label", { class: "field-label", for: json.id }, tx(h("strong", {}), "jsonBody"), tx(h("span", { class: "hint" }), "jsonHint")),
    json, jsonBox));

  // actions
  const taskState = h("span", { class: "task-state", testid: "task-state" });
  tx(taskState, () => (state.taskRunning === null ? "" : `${t("taskState")}: ${state.taskRunning ? t("taskRunning") : t("taskStopped")}`));
  const startBtn = h("button", { type: "button", class: "btn btn-small", testid: "start-task", onclick: () => toggleTask("start") });
  const stopBtn = h("button", { type: "button", class: "btn btn-small", testid: "stop-task", onclick: () => toggleTask("stop") });
  tx(startBtn, "startTask");
  tx(stopBtn, "stopTask");
  form.actions.append(sendButton(form), h("span", { class: "spacer" }), h("span", { class: "emu-group" }, taskState, startBtn, stopBtn));
  form.taskState = taskState;

  function fromField(f, control) {
    const body = upd.bodies[upd.variant];
    if (body === null || typeof body !== "object" || Array.isArray(body)) return;
    const raw = control.value;
    const value = f.kind === "text" ? (raw === "" ? undefined : raw) : coerceNumber(raw);
    setPath(body, f.path, value);
    upd.jsonError = null;
    syncFromBody(control);
    refreshAll();
  }

  function readLines() {
    const rows = [...lineRows.querySelectorAll(".line-row")];
    return rows.map((row) => {
      const id = row.querySelector("[data-role=id]").value;
      const limitRaw = row.querySelector("[data-role=limit]").value;
      if (upd.variant === "legacy" && limitRaw.trim() === "") return id;
      const entry = { id };
      const limit = coerceNumber(limitRaw);
      if (limit !== undefined) entry.limit = limit;
      return entry;
    });
  }

  function renderLines(except) {
    const body = upd.bodies[upd.variant];
    const lines = Array.isArray(body?.task_extras?.line) ? body.task_extras.line : [];
    if (except && lineRows.contains(except)) return;  // typing in a row: keep the DOM as is
    lineRows.replaceChildren(...lines.map((line, i) => {
      const isObj = line && typeof line === "object";
      const id = h("input", { type: "text", "data-role": "id", testid: `field-line-${i}-id`, autocomplete: "off", spellcheck: "false",
        "aria-label": `task_extras.line[${i}].id`, value: isObj ? showValue(line.id) : showValue(line) });
      const limit = h("input", { type: "text", "data-role": "limit", testid: `field-line-${i}-limit`, inputmode: "numeric", autocomplete: "off",
        "aria-label": `task_extras.line[${i}].limit`, value: isObj ? showValue(line.limit) : "" });
      id.placeholder = t("lineId");
      limit.placeholder = upd.variant === "legacy" ? t("limitOptional") : t("limit");
      const onInput = (ev) => {
        const b = upd.bodies[upd.variant];
        if (!b.task_extras || typeof b.task_extras !== "object") b.task_extras = {};
        b.task_extras.line = readLines();
        upd.jsonError = null;
        syncFromBody(ev.target);
        refreshAll();
      };
      id.addEventListener("input", onInput);
      limit.addEventListener("input", onInput);
      const remove = h("button", { type: "button", class: "btn btn-small btn-ghost", testid: `remove-line-${i}`, title: t("remove"),
        "aria-label": `${t("remove")} ${i}`, onclick: () => {
          body.task_extras.line.splice(i, 1);
          syncFromBody(null);
          refreshAll();
        } }, "✕");
      const box = issueBox(`issue-line-${i}`);
      return h("div", { class: "line-row", "data-index": i },
        h("div", { class: "line-inputs" }, h("span", { class: "line-index" }, `[${i}]`), id, limit, remove), box);
    }));
  }

  /** Writes the body into every control except `except` (the one being typed in). */
  function syncFromBody(except) {
    const body = upd.bodies[upd.variant];
    for (const [path, control] of inputs) {
      if (control === except) continue;
      const v = body && typeof body === "object" ? getPath(body, path) : undefined;
      if (control.tagName === "SELECT") {
        const sv = showValue(v);
        if (![...control.options].some((o) => o.value === sv)) control.append(h("option", { value: sv, "data-extra": "1" }, sv));
        control.value = sv;
      } else control.value = showValue(v);
    }
    renderLines(except);
    if (except !== json) json.value = pretty(body);
    for (const b of variantSwitch.children) b.setAttribute("aria-checked", String(b.dataset.variant === upd.variant));
    form.el.classList.toggle("legacy", upd.variant === "legacy");
  }

  // slots for line rows are dynamic: "task_extras.line[i]..." -> "line:i"
  form.mapPath = (path) => {
    const m = /^task_extras\.line\[(\d+)\]/.exec(path);
    if (m) {
      const slot = `line:${m[1]}`;
      const row = lineRows.querySelector(`.line-row[data-index="${m[1]}"]`);
      if (row) {
        form.slots.set(slot, { box: row.querySelector(".issues"), inputs: () => [...row.querySelectorAll("input")] });
        return slot;
      }
      return "task_extras.line";
    }
    const slot = prefixMapper(form.slots)(path);
    return upd.variant === "legacy" && V2_ONLY.has(slot) ? null : slot;
  };

  form.validate = () => {
    for (const k of [...form.slots.keys()]) if (k.startsWith("line:")) form.slots.delete(k);
    const jsonIssues = upd.jsonError ? [{ path: "", code: "invalid_json", message: t("jsonSyntax", { msg: upd.jsonError }) }] : [];
    renderIssueList(jsonBox, jsonIssues, false);
    if (upd.jsonError) json.setAttribute("aria-invalid", "true"); else json.removeAttribute("aria-invalid");
    // with a JSON syntax error, the fields keep showing the issues of the last body that parsed
    const issues = AgentApi.validateTaskUpdate(upd.bodies[upd.variant], { variant: upd.variant, locale: state.locale });
    renderIssues(form, issues);
    if (upd.jsonError) {
      form.status.textContent = t("jsonSyntax", { msg: "" }).replace(/[::]\s*$/, "");
      form.status.classList.add("bad");
      form.navBadge?.classList.add("bad");
      if (form.navBadge) form.navBadge.textContent = "!";
    }
    if (form.sendBtn) form.sendBtn.disabled = !!upd.jsonError;
    return [...jsonIssues, ...issues];
  };
  form.relabel = () => {
    for (const row of lineRows.querySelectorAll(".line-row")) {
      row.querySelector("[data-role=id]").placeholder = t("lineId");
      row.querySelector("[data-role=limit]").placeholder = upd.variant === "legacy" ? t("limitOptional") : t("limit");
    }
  };
  form.args = () => ({ userId: settings.userId, taskId: settings.taskId, body: upd.bodies[upd.variant], variant: upd.variant });
  form.fnName = "api.buildUpdateTask";
  form.preview = () => {
    if (upd.jsonError) throw new Error(t("jsonSyntax", { msg: upd.jsonError }));
    return { fn: "buildUpdateTask", request: agentApi().buildUpdateTask(form.args()) };
  };
  form.send = async () => {
    await agentApi().updateTask(form.args());
    return { updated: true };
  };
  form.renderOk = (data) => [h("p", { class: "ok-line" }, t("updatedOk")), h("pre", { class: "code", testid: "result-json" }, pretty(data))];
  form.sync = syncFromBody;
  return form;
}

async function toggleTask(action) {
  const base = settings.baseUrl.replace(/\/+$/, "");
  try {
    const res = await fetch(`${base}/__emulator/agent/tasks/${encodeURIComponent(settings.taskId)}/${action}`, { method: "POST" });
    const data = await res.json();
    if (!res.ok || !data.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
    state.taskRunning = data.running;
    forms.get("update").taskState.dataset.running = String(data.running);
  } catch (e) {
    state.results.update = { status: "error", error: new Error(t("emuFailed", { msg: e.message })) };
  }
  relocalize();
  renderResult();
}

// ------------------------------------------------------------------ b. batch recording URLs

const SAMPLE_IDS = ["rec-0001", "rec-0002", "rec-0003", "missing-0004", "novoice-0005"];

function buildRecordsForm() {
  const form = formFrame("records", "recordsTitle", () => t("recordsDesc"));
  const input = h("textarea", { testid: "records-input", class: "json", rows: 12, spellcheck: "false" });
  input.value = SAMPLE_IDS.join("\n");
  input.addEventListener("input", () => refreshAll());
  const count = h("div", { class: "muted small", testid: "records-count" });
  const fill31 = h("button", { type: "button", class: "btn btn-small", testid: "records-fill-31", onclick: () => {
    input.value = Array.from({ length: 31 }, (_, i) => `rec-${String(i + 1).padStart(4, "0")}`).join("\n");
    refreshAll();
  } });
  tx(fill31, "fill31");
  const sample = h("button", { type: "button", class: "btn btn-small", testid: "records-sample", onclick: () => { input.value = SAMPLE_IDS.join("\n"); refreshAll(); } });
  tx(sample, "fillSample");
  const wrap = field(form, { slot: "recordIds", testid: "recordIds", wire: "recordIds", hint: "recordsHint", control: [input, count], wide: true });
  const note = h("div", { class: "muted small send-note", testid: "records-send-note", hidden: true });
  tx(note, "recordsSendNote");
  wrap.append(note);
  form.body.append(h("div", { class: "row-end" }, sample, fill31), wrap);
  form.actions.append(sendButton(form));
  form.ids = () => input.value.split(/[\s,;,]+/).filter((s) => s !== "");
  form.mapPath = (path) => (path === "recordIds" || path.startsWith("recordIds[") ? "recordIds" : null);
  form.validate = () => {
    const ids = form.ids();
    const distinct = [...new Set(ids)];
    count.textContent = t("recordsCount", { n: ids.length, r: Math.max(1, Math.ceil(distinct.length / 30)) });
    const issues = AgentApi.validateRecordIds(ids, { locale: state.locale });
    renderIssues(form, issues);
    note.hidden = !issues.some((i) => i.code === "too_big");
    return issues;
  };
  form.fnName = "api.buildBatchVoiceUrls";
  form.preview = () => {
    const distinct = [...new Set(form.ids())];
    const chunks = Math.ceil(distinct.length / 30);
    const first = distinct.length > 30 ? distinct.slice(0, 30) : form.ids();
    const request = agentApi().buildBatchVoiceUrls({ userId: settings.userId, taskId: settings.taskId, recordIds: first });
    return { fn: "buildBatchVoiceUrls", request, note: chunks > 1 ? t("previewChunk", { n: distinct.length, r: chunks }) : null };
  };
  form.send = () => agentApi().batchVoiceUrls({ userId: settings.userId, taskId: settings.taskId, recordIds: form.ids() });
  form.renderOk = (data) => {
    const urls = h("table", { class: "kv", testid: "result-urls" },
      h("tbody", {}, data.urls.length ? data.urls.map((u) => h("tr", {}, h("td", {}, h("code", {}, u.record_id)),
        h("td", {}, h("a", { href: u.voice_url, target: "_blank", rel: "noopener" }, shortUrl(u.voice_url)))))
        : h("tr", {}, h("td", { class: "muted" }, t("none")))));
    const failed = h("table", { class: "kv", testid: "result-failed" },
      h("tbody", {}, data.failed.length ? data.failed.map((f) => h("tr", {}, h("td", {}, h("code", {}, f.record_id)),
        h("td", {}, h("span", { class: "tag" }, String(f.error.apiCode ?? f.error.code)), " ", f.error.message)))
        : h("tr", {}, h("td", { class: "muted" }, t("none")))));
    return [
      h("p", { class: "ok-line", testid: "result-summary" }, t("urlsSummary", { u: data.urls.length, f: data.failed.length })),
      h("h4", {}, t("urls")), urls, h("h4", {}, t("failed")), failed,
      h("details", { class: "raw" }, h("summary", {}, "JSON"),
        h("pre", { class: "code", testid: "result-json" }, pretty({ urls: data.urls, failed: data.failed.map((f) => ({ record_id: f.record_id, error: f.error.toJSON ? f.error.toJSON() : f.error })) }))),
    ];
  };
  return form;
}
function shortUrl(u) {
  try { const x = new URL(u); return `${x.pathname}?key=${(x.searchParams.get("key") ?? "").slice(0, 16)}…`; } catch { return u; }
}

// ------------------------------------------------------------------ c. aiccs forms (from specs)

const DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
const DAY_LABEL = { en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], zh: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"] };
const RETRY_REASONS = ["CALL_REJECTED", "USER_BUSY", "SUSPEND", "INVALID_NUMBER", "POWERED_OFF", "NETWORK_BUSY", "NO_ANSWER"];

const AICCS_FORMS = [
  {
    id: "create", action: "CreateAiCallTask", title: "createTitle", highlight: ["highlightCreate", (d) => d.Data],
    fields: [
      { key: "TaskName", type: "text", def: "aicall 演示任务", wide: true, hint: { en: "Task name, unique per account", zh: "任务名称,账号内唯一" } },
      { key: "AgentId", type: "text", def: "1180352918400512", hint: { en: "An online agent (…777 is offline)", zh: "在线的智能体(…777 离线)" } },
      { key: "StartType", type: "select", options: ["IMMEDIATE", "SCHEDULE"], def: "IMMEDIATE", hint: { en: "SCHEDULE needs TaskStartTime", zh: "SCHEDULE 需要 TaskStartTime" } },
      { key: "TaskStartTime", type: "num", def: "", hint: { en: "Scheduled start, ms since epoch", zh: "计划开始时间(毫秒时间戳)" }, helper: "now1h" },
      { key: "TaskCps", type: "num", def: "5", hint: { en: "Concurrency, at most 500", zh: "并发数,最多 500" } },
      { key: "CallDay", type: "days", def: DAYS.slice(0, 5), wide: true, hint: { en: "Weekdays to call on", zh: "外呼日期" } },
      { key: "CallTime", type: "windows", def: [["09:00:00", "12:00:00"], ["13:30:00", "18:00:00"]], wide: true, hint: { en: "Calling windows, HH:MM:SS", zh: "外呼时段 HH:MM:SS" } },
      { key: "MissCallRetry", type: "bool", def: true, hint: { en: "Retry failed calls", zh: "未接通重呼" } },
      { key: "CallRetryTimes", type: "num", def: "2", hint: { en: "Retries, at most 3", zh: "重呼次数,最多 3" } },
      { key: "CallRetryInterval", type: "num", def: "30", hint: { en: "Minutes between retries, ≤ 720", zh: "重呼间隔(分钟),≤ 720" } },
      { key: "CallRetryReason", type: "multi", options: RETRY_REASONS, def: ["USER_BUSY", "NO_ANSWER"], wide: true, hint: { en: "Outcomes that trigger a retry", zh: "触发重呼的结果" } },
    ],
  },
  {
    id: "import", action: "ImportTaskNumberDatas", title: "importTitle", highlight: ["highlightImport", (d) => d.Data],
    fields: [
      { key: "TaskId", type: "text", def: "1187260391845120", hint: { en: "Task id (…120 is running)", zh: "任务 ID(…120 运行中)" } },
      { key: "DataType", type: "select", options: ["JSON", "EXCEL"], def: "JSON", hint: { en: "JSON (EXCEL not through the API)", zh: "JSON(接口不支持 EXCEL)" } },
      { key: "EncryptionType", type: "select", int: true, optional: true, options: ["0", "1", "2", "3"], def: "", hint: { en: "0 plain, 1 MD5, 2 SHA256, 3 SM3", zh: "0 明文,1 MD5,2 SHA256,3 SM3" } },
      { key: "PhoneNumberList", type: "json", rows: 9, wide: true, hint: { en: "1 to 1000 × {calleeNumber, outId?, …variables}", zh: "1 到 1000 个 {calleeNumber, outId?, …变量}" },
        def: pretty([{ calleeNumber: "13800138000", outId: "demo-001", name: "张三" }, { calleeNumber: "13900139000", outId: "demo-002", name: "李四" }]) },
    ],
  },
  {
    id: "llm", action: "LlmSmartCall", title: "llmTitle", highlight: ["highlightLlm", (d) => d.CallId],
    fields: [
      { key: "ApplicationCode", type: "text", def: "demo-llm-app", hint: { en: "LLM application code", zh: "大模型应用编码" } },
      { key: "CalledNumber", type: "text", def: "13800138000", hint: { en: "Number to call", zh: "被叫号码" } },
      { key: "StartWordParam", type: "json", rows: 4, wide: true, def: pretty({ name: "张先生" }), hint: { en: "Opening-line variables (object)", zh: "开场白变量(对象)" } },
      { key: "TtsSpeed", type: "num", def: "0", hint: { en: "-200..200", zh: "-200..200" } },
      { key: "TtsVolume", type: "num", def: "50", hint: { en: "0..100", zh: "0..100" } },
      { key: "SessionTimeout", type: "num", def: "600", hint: { en: "Max call length, seconds", zh: "最长通话(秒)" } },
      { key: "OutId", type: "text", def: "demo-call-001", hint: { en: "Your id, 1 to 32 characters", zh: "业务 ID,1 到 32 个字符" } },
    ],
  },
  {
    id: "details", action: "QueryAiCallDetailPage", title: "detailsTitle", highlight: ["highlightDetails", (d) => d.Data?.Total],
    fields: [
      { key: "TaskId", type: "text", def: "1187260391845120", hint: { en: "Task id", zh: "任务 ID" } },
      { key: "Status", type: "select", int: true, options: ["0", "1", "2"], def: "1", hint: { en: "0 pending, 1 done, 2 failed", zh: "0 待呼,1 已完成,2 失败" } },
      { key: "PageNo", type: "num", def: "1", hint: { en: "Page, from 1", zh: "页码,从 1 开始" } },
      { key: "PageSize", type: "num", def: "10", hint: { en: "Page size", zh: "每页条数" } },
    ],
  },
];

function buildAiccsForm(spec) {
  const form = formFrame(spec.id, spec.title, () => t("aiccsDesc", { action: spec.action, sig: sigLabel() }));
  const readers = [];
  const jsonErrors = new Map();
  const grid = h("div", { class: "grid" });
  const tid = (key) => `${spec.id}-${key}`;
  const onInput = () => refreshAll();

  for (const f of spec.fields) {
    let control;
    if (f.type === "text" || f.type === "num") {
      const input = h("input", { type: "text", testid: `field-${tid(f.key)}`, value: f.def, autocomplete: "off", spellcheck: "false",
        inputmode: f.type === "num" ? "numeric" : undefined, oninput: onInput });
      readers.push([f.key, () => (f.type === "num" ? coerceNumber(input.value) : input.value === "" ? undefined : input.value)]);
      control = input;
      if (f.helper === "now1h") {
        const btn = h("button", { type: "button", class: "btn btn-small btn-ghost", testid: `helper-${tid(f.key)}`,
          onclick: () => { input.value = String(Date.now() + 3600_000); refreshAll(); } });
        tx(btn, "now1h");
        control = h("div", { class: "inline" }, input, btn);
      }
    } else if (f.type === "select") {
      control = h("select", { testid: `field-${tid(f.key)}`, onchange: onInput },
        f.optional ? tx(h("option", { value: "" }), "notSet") : null, ...f.options.map((o) => h("option", { value: o }, o)));
      control.value = f.def;
      readers.push([f.key, () => (control.value === "" ? undefined : f.int ? Number(control.value) : control.value)]);
    } else if (f.type === "bool") {
      const cb = h("input", { type: "checkbox", testid: `field-${tid(f.key)}`, checked: f.def, onchange: onInput });
      control = h("label", { class: "check" }, cb, h("code", {}, "true"));
      readers.push([f.key, () => cb.checked]);
    } else if (f.type === "days" || f.type === "multi") {
      const boxes = f.type === "days" ? DAYS : f.options;
      const cbs = boxes.map((v, i) => {
        const cb = h("input", { type: "checkbox", value: v, testid: `field-${tid(f.key)}-${v}`, checked: f.def.includes(v), onchange: onInput });
        const label = h("span", {});
        if (f.type === "days") tx(label, () => (state.locale === "zh-CN" ? DAY_LABEL.zh[i] : DAY_LABEL.en[i]));
        else label.textContent = v;
        return h("label", { class: "chip", title: v }, cb, label);
      });
      control = h("div", { class: "chips", testid: `field-${tid(f.key)}` }, cbs);
      readers.push([f.key, () => {
        const v = cbs.map((l) => l.querySelector("input")).filter((c) => c.checked).map((c) => c.value);
        return f.type === "multi" && v.length === 0 ? undefined : v;
      }]);
    } else if (f.type === "windows") {
      const rows = h("div", { class: "windows" });
      let counter = 0;
      const addRow = ([s, e]) => {
        const i = counter++;
        const start = h("input", { type: "text", value: s, placeholder: "HH:MM:SS", "data-role": "start", testid: `field-${tid(f.key)}-${i}-start`, oninput: onInput, autocomplete: "off" });
        const end = h("input", { type: "text", value: e, placeholder: "HH:MM:SS", "data-role": "end", testid: `field-${tid(f.key)}-${i}-end`, oninput: onInput, autocomplete: "off" });
        const row = h("div", { class: "window-row" }, start, h("span", { class: "muted" }, "→"), end,
          h("button", { type: "button", class: "btn btn-small btn-ghost", "aria-label": "remove", onclick: () => { row.remove(); refreshAll(); } }, "✕"));
        rows.append(row);
      };
      f.def.forEach(addRow);
      const add = h("button", { type: "button", class: "btn btn-small", testid: `add-${tid(f.key)}`, onclick: () => { addRow(["19:00:00", "20:00:00"]); refreshAll(); } });
      tx(add, "addWindow");
      control = [rows, add];
      readers.push([f.key, () => [...rows.querySelectorAll(".window-row")].map((r) => ({
        startTime: r.querySelector("[data-role=start]").value, endTime: r.querySelector("[data-role=end]").value }))]);
    } else if (f.type === "json") {
      control = h("textarea", { class: "json", rows: f.rows ?? 6, testid: `field-${tid(f.key)}`, spellcheck: "false", oninput: onInput });
      control.value = f.def;
      const ta = control;
      readers.push([f.key, () => {
        if (ta.value.trim() === "") { jsonErrors.delete(f.key); return undefined; }
        try { const v = JSON.parse(ta.value); jsonErrors.delete(f.key); return v; } catch (e) { jsonErrors.set(f.key, e.message); return ta.value; }
      }]);
    }
    grid.append(field(form, { slot: f.key, testid: tid(f.key), wire: f.key, hint: f.hint, control, wide: f.wide }));
  }
  form.body.append(grid);
  form.actions.append(sendButton(form));

  form.params = () => {
    const p = {};
    for (const [key, read] of readers) { const v = read(); if (v !== undefined) p[key] = v; }
    return p;
  };
  form.mapPath = prefixMapper(form.slots);
  form.validate = () => {
    const params = form.params();
    const issues = Aiccs.validate(spec.action, params, { locale: state.locale });
    for (const [key, msg] of jsonErrors) issues.unshift({ path: key, code: "invalid_json", message: t("jsonSyntax", { msg }) });
    renderIssues(form, issues);
    return issues;
  };
  form.fnName = "client.buildRequest";
  form.preview = () => {
    const params = form.params();
    return { fn: "buildRequest", request: aiccsClient().buildRequest(spec.action, params, {}), params };
  };
  form.send = () => aiccsClient().call(spec.action, form.params(), {});
  form.renderOk = (data) => {
    const [labelKey, get] = spec.highlight;
    const value = get(data);
    return [
      h("div", { class: "highlight" }, h("span", { class: "muted" }, t(labelKey)), h("code", { testid: "result-highlight" }, showValue(value))),
      h("pre", { class: "code", testid: "result-json" }, pretty(data)),
    ];
  };
  return form;
}

// ------------------------------------------------------------------ navigation

function buildNav() {
  const nav = h("div", { class: "nav-inner" });
  $("#nav").append(nav);
  for (const g of NAV) {
    nav.append(h("div", { class: "nav-group", i18n: g.group }));
    for (const [id, label, sub] of g.tabs) {
      const badge = h("span", { class: "nav-badge", testid: `tab-${id}-badge` });
      forms.get(id).navBadge = badge;
      const btn = h("button", { type: "button", class: "nav-item", testid: `tab-${id}`, "data-tab": id, onclick: () => selectTab(id) },
        h("span", { class: "nav-text" }, h("span", { class: "nav-label", i18n: label }), h("span", { class: "nav-sub", i18n: sub })), badge);
      nav.append(btn);
    }
  }
}

function selectTab(id) {
  state.tab = id;
  for (const [fid, f] of forms) f.el.hidden = fid !== id;
  for (const b of document.querySelectorAll(".nav-item")) b.setAttribute("aria-current", b.dataset.tab === id ? "page" : "false");
  state.curlShown = false;
  renderPreview();
  renderResult();
}

// ------------------------------------------------------------------ preview and cURL

let currentRequest = null;

function renderPreview() {
  const form = forms.get(state.tab);
  const box = $("#preview");
  currentRequest = null;
  let p;
  try {
    p = form.preview();
  } catch (e) {
    if (e instanceof AicallError && e.kind === "validation") {
      const n = e.issues?.length ?? 0;
      box.replaceChildren(h("div", { class: "blocked", testid: "preview-blocked" },
        t("previewBlocked", { fn: form.fnName,
          kind: e.kind, code: e.code, n: n === 1 ? t("issues1") : t("issuesN", { n }) })),
        e.issues?.length ? h("ul", { class: "blocked-list" }, e.issues.map((i) => h("li", {}, h("code", {}, i.path || "(body)"), " ", i.message))) : null);
    } else {
      box.replaceChildren(h("div", { class: "blocked", testid: "preview-blocked" }, e instanceof Error ? e.message : String(e)));
    }
    renderCurl();
    return;
  }
  const req = p.request;
  currentRequest = req;
  const url = new URL(req.url);
  const headerRows = Object.entries(req.headers).map(([k, v]) => {
    const shown = /^authorization$/i.test(k) && /^Bearer /i.test(v) ? `Bearer *** ${t("tokenHidden")}` : v;
    return h("tr", {}, h("th", {}, k), h("td", {}, h("code", {}, shown)));
  });
  const queryRows = [...url.searchParams].map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, h("code", {}, v))));
  const parts = [
    p.note ? h("div", { class: "info", testid: "preview-note" }, p.note) : null,
    h("div", { class: "req-line" }, h("span", { class: `method m-${req.method.toLowerCase()}`, testid: "preview-method" }, req.method),
      h("code", { class: "url", testid: "preview-url" }, req.url)),
    h("h4", {}, t("headers")), h("table", { class: "kv", testid: "preview-headers" }, h("tbody", {}, headerRows)),
    queryRows.length ? h("details", { class: "query", open: queryRows.length <= 24 },
      h("summary", {}, h("h4", {}, `${t("query")} · ${queryRows.length}`)),
      h("table", { class: "kv", testid: "preview-query" }, h("tbody", {}, queryRows))) : null,
    req.body !== undefined ? [h("h4", {}, t("body")), h("pre", { class: "code", testid: "preview-body" }, prettyBody(req.body))] : null,
    p.params ? h("details", { class: "raw" }, h("summary", {}, t("params")), h("pre", { class: "code" }, pretty(p.params))) : null,
  ];
  box.replaceChildren(...parts.flat().filter(Boolean));
  renderCurl();
}

function prettyBody(body) {
  try { return pretty(JSON.parse(body)); } catch { return body; }
}

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** cURL text with the Bearer token, the signatures and the STS token replaced by ***; the AccessKeySecret is never part of a request. */
function curlText(req) {
  const secrets = [settings.token, settings.accessKeySecret].filter((s) => s && s.length >= 4);
  const redact = (s) => secrets.reduce((acc, sec) => acc.split(sec).join("***"), s);
  let url = req.url.replace(/([?&]Signature=)[^&]*/g, "$1***").replace(/([?&]SecurityToken=)[^&]*/g, "$1***");
  const lines = [];
  const isAiccs = Object.keys(req.headers).some((k) => /^x-acs-/i.test(k)) || /[?&]Signature=/.test(req.url);
  lines.push(isAiccs
    ? "# Signature redacted: sign on your backend, where the AccessKeySecret lives (aiccs sends no CORS headers)."
    : "# Bearer token redacted: put your own token in place of ***.");
  lines.push(`curl -X ${req.method} ${shq(url)}`);
  for (const [k, v] of Object.entries(req.headers)) {
    let value = v;
    if (/^authorization$/i.test(k)) value = /^Bearer /i.test(v) ? "Bearer ***" : v.replace(/Signature=[^,\s]*/g, "Signature=***");
    if (/^x-acs-security-token$/i.test(k)) value = "***";
    lines.push(`  -H ${shq(`${k}: ${value}`)}`);
  }
  if (req.body !== undefined) lines.push(`  --data-raw ${shq(req.body)}`);
  return redact(lines.join(" \\\n").replace(/^(# .*) \\\n/, "$1\n"));
}

function renderCurl() {
  const boxWrap = $("#curl-box");
  boxWrap.hidden = !state.curlShown;
  if (!state.curlShown) return;
  $("#curl").textContent = currentRequest ? curlText(currentRequest) : t("previewNone");
  $("#curl-status").textContent = state.curlStatus ? t(state.curlStatus) : "";
}

async function copyCurl() {
  state.curlShown = true;
  state.curlStatus = "";
  renderCurl();
  if (!currentRequest) return;
  const text = curlText(currentRequest);
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    state.curlStatus = "curlCopied";
  } catch {
    state.curlStatus = "curlNoClipboard";
  }
  renderCurl();
}

// ------------------------------------------------------------------ send and answer

async function send(form) {
  if (state.results[form.id]?.status === "pending") return;
  state.results[form.id] = { status: "pending" };
  relocalize();
  renderResult();
  const t0 = performance.now();
  try {
    const data = await form.send();
    state.results[form.id] = { status: "ok", data, ms: Math.round(performance.now() - t0) };
  } catch (error) {
    state.results[form.id] = { status: "error", error, ms: Math.round(performance.now() - t0) };
  }
  relocalize();
  renderResult();
}

function renderResult() {
  const box = $("#result");
  const r = state.results[state.tab];
  const meta = $("#result-meta");
  meta.textContent = r?.ms !== undefined ? t("ms", { ms: r.ms }) : "";
  if (!r) { box.replaceChildren(h("p", { class: "muted empty", testid: "result-empty" }, t("emptyResult"))); return; }
  if (r.status === "pending") { box.replaceChildren(h("p", { class: "muted", testid: "result-pending" }, h("span", { class: "spinner" }), t("sending"))); return; }
  if (r.status === "ok") {
    box.replaceChildren(h("div", { class: "ok-block", testid: "result-ok" },
      h("div", { class: "ok-head" }, h("span", { class: "ok-dot" }, "✓"), t("ok")), ...forms.get(state.tab).renderOk(r.data)));
    return;
  }
  box.replaceChildren(errorBlock(r.error));
}

function errorBlock(e) {
  const isAicall = e instanceof AicallError;
  const running = isAicall && (String(e.apiCode) === "6007" || e.code === "task_running");
  const rows = [
    ["kind", e.kind], ["code", e.code], ["apiCode", e.apiCode], ["requestId", e.requestId], ["status", e.status],
    ["retryable", isAicall ? e.retryable : undefined],
  ].filter(([, v]) => v !== undefined && v !== null && v !== "");
  return h("div", { class: `error-block${running ? " running" : ""}`, testid: "result-error" },
    h("div", { class: "error-head" }, h("span", { class: "err-dot" }, "!"),
      running ? t("taskRunningTitle") : isAicall ? `${t("errorTitle")} · ${e.kind}` : t("notAicallError")),
    h("p", { class: "error-message", testid: "error-message" }, e.message),
    running ? h("p", { class: "error-hint", testid: "error-hint" }, t("taskRunningHint")) : null,
    h("dl", { class: "error-fields" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { testid: `error-${k.toLowerCase()}` }, h("code", {}, String(v)))])),
    e.issues?.length ? h("div", { class: "error-issues", testid: "error-issues" }, h("div", { class: "muted small" }, "issues"),
      h("ul", {}, e.issues.map((i) => h("li", {}, h("code", {}, i.path || "(body)"), " ", h("span", {}, i.message), " ", h("code", { class: "issue-code" }, i.code))))) : null);
}

// ------------------------------------------------------------------ refresh

function refreshAll() {
  for (const f of forms.values()) {
    try { f.validate(); } catch (e) { renderIssues(f, [{ path: "", code: "error", message: e.message }]); }
  }
  renderPreview();
}

function relocalize() {
  for (const [el, fn] of localized) {
    const v = fn();
    if (el.textContent !== v) el.textContent = v;
  }
}

function setLocale(locale) {
  state.locale = locale;
  document.documentElement.lang = locale;
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === locale));
  relocalize();
  forms.get("update").relabel();   // placeholders follow the locale
  refreshAll();
  renderResult();
}

// ------------------------------------------------------------------ start

async function main() {
  // page chrome that is already in index.html
  for (const el of document.querySelectorAll("[data-i18n]")) tx(el, el.dataset.i18n);
  const [v2, legacy] = await Promise.all([
    fetch("fixtures/update_v2.json").then((r) => r.json()),
    fetch("fixtures/update_legacy.json").then((r) => r.json()),
    init(),
  ]);
  SEEDS.v2 = v2;
  SEEDS.legacy = legacy;
  upd.bodies = { v2: structuredClone(v2), legacy: structuredClone(legacy) };

  buildSettings();
  buildUpdateForm();
  buildRecordsForm();
  for (const spec of AICCS_FORMS) buildAiccsForm(spec);
  buildNav();

  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => setLocale(b.dataset.lang));
  $("#copy-curl").addEventListener("click", copyCurl);

  const wanted = new URLSearchParams(location.search).get("lang");
  if (wanted === "zh-CN" || wanted === "en") state.locale = wanted;
  const tab = location.hash.slice(1);
  forms.get("update").sync(null);
  setLocale(state.locale);
  selectTab(forms.has(tab) ? tab : "update");
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  document.body.dataset.ready = "error";
  document.body.prepend(h("div", { class: "fatal" }, `aicall demo failed to start: ${e && e.message}`));
  throw e;
});
