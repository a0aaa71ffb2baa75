// Every string of the page chrome, in English and Simplified Chinese, in one place.
// Validation messages are not here: the SDK renders them in the chosen locale. Operation
// summaries and parameter docs come from the package metadata (English).

const UI = {
  en: {
    tagline: "Agent API + Alibaba Cloud aiccs, checked by the wasm SDK as you type", skipToForm: "Skip to form",
    emuLog: "emulator log", emuState: "emulator state",
    noteTitle: "Local demo only.",
    noteText: "This page holds an AccessKeySecret in the browser because it talks to a local emulator. In production, validate and build requests in the page, then send them from Node or your backend: aiccs sends no CORS headers, and the secret must stay on the server.",
    noteMore: "The backend pattern",
    settingsTitle: "Connection settings", goToSettings: "Go to the setting",
    settingsSummary: "Agent API {base} · aiccs {proto}://{endpoint} ({sig})",
    previewTitle: "Request preview", copyCurl: "Copy as cURL",
    curlTitle: "cURL (token, signature and secret redacted)",
    curlCopied: "Copied to the clipboard.", curlNoClipboard: "Clipboard not available: select the text below.",
    curlAgentNote: "Bearer token redacted: put your own token in place of ***.",
    curlAiccsNote: "Signature redacted: sign on your backend, where the AccessKeySecret lives (aiccs sends no CORS headers).",
    answerTitle: "Answer",
    navAgent: "Agent API", navAiccs: "Alibaba Cloud aiccs", navFilter: "Filter operations", navNone: "No operation matches.",
    agentGroup: "Agent API", aiccsGroup: "aiccs",
    baseUrl: "Base URL", token: "Token",
    endpoint: "Endpoint (host[:port])", protocol: "Protocol", accessKeyId: "AccessKeyId",
    accessKeySecret: "AccessKeySecret (local demo only)", securityToken: "STS SecurityToken (optional)", sigver: "Signature version",
    agentDesc: "{summary} {fn}(args) builds and checks the request on every keystroke; Send calls api.{name}().",
    aiccsDesc: "{summary} Aiccs.validate(\"{action}\", params) runs on every keystroke; the preview is client.buildRequest, signed with {sig}.",
    batchDesc: "{summary} Send calls api.{name}(), which takes any number of {param} and sends at most {max} per request.",
    variant: "Variant", resetSeed: "Reset to the example",
    required: "required", inPath: "path", inQuery: "query", inBody: "body",
    moreFields: "{n} more optional field(s)", jsonOnly: "Edited in the JSON below: {names}",
    addRow: "Add", remove: "Remove", removeItem: "Remove {item}",
    listHint: "one per line, or separated by commas (, ， 、) or semicolons",
    jsonBody: "Request body (JSON, editable)", jsonHint: "the whole body; the fields above and this JSON stay in sync",
    jsonSyntax: "The JSON does not parse (line {line}, column {col}): {msg}", jsonInvalid: "JSON does not parse",
    fixJsonFirst: "Not applied: the JSON body below does not parse or is not an object. Please fix the JSON first; your JSON text is kept.",
    noParams: "This package's metadata lists no parameters for {name}.",
    send: "Send", sending: "Sending…", startTask: "Start task (emulator)", stopTask: "Stop task (emulator)",
    taskState: "emulator task: {state}", taskRunning: "running", taskStopped: "stopped",
    valid: "Valid, ready to send", issuesN: "{n} issues", issues1: "1 issue",
    otherIssues: "Issues that have no field of their own",
    notSet: "(not set)",
    batchCount: "{n} {param} · {r} request(s) of at most {max} when sent",
    batchSendNote: "Send still works with more than {max}: api.{name}() splits the list.",
    headers: "Headers", query: "Query parameters (decoded)", body: "Body", params: "Params (before signing)",
    tokenHidden: "(token hidden)",
    previewBlocked: "{fn} throws AicallError ({kind} / {code}): {n}. Fix the fields marked in red.",
    previewChunk: "Request 1 of {r}: {name}() sends these {n} {param} as {r} requests of at most {max}.",
    previewNone: "No request: fix the settings.",
    emptyResult: "Press Send to call the emulator. The parsed answer, or the AicallError, shows here.",
    ok: "OK", resolved: "{name}() resolved: the API accepted the request.",
    listSep: ", ", none: "none",
    errorTitle: "AicallError", issuesTitle: "issues", taskRunningTitle: "The task is running (6007)",
    taskRunningHint: "Press “Stop task (emulator)” on the left, then Send again.",
    notAicallError: "Unexpected error (not an AicallError)",
    ms: "{ms} ms",
    emuFailed: "The emulator control endpoint failed: {msg}",
    fatal: "aicall demo failed to start: {msg}",
  },
  "zh-CN": {
    tagline: "Agent API 与阿里云 aiccs：输入即由 wasm SDK 校验", skipToForm: "跳到表单",
    emuLog: "模拟器日志", emuState: "模拟器状态",
    noteTitle: "仅限本地演示。",
    noteText: "本页面把 AccessKeySecret 放在浏览器里，只因为它连接的是本地模拟器。生产环境请在页面中校验并构建请求，再由 Node 或你的后端发送：aiccs 不返回 CORS 头，且密钥必须留在服务器上。",
    noteMore: "后端调用方式",
    settingsTitle: "连接设置", goToSettings: "前往该设置",
    settingsSummary: "Agent API {base} · aiccs {proto}://{endpoint}（{sig}）",
    previewTitle: "请求预览", copyCurl: "复制为 cURL",
    curlTitle: "cURL（已隐藏 token、签名与密钥）",
    curlCopied: "已复制到剪贴板。", curlNoClipboard: "剪贴板不可用：请选中下面的文本。",
    curlAgentNote: "已隐藏 Bearer token：请把 *** 换成你自己的 token。",
    curlAiccsNote: "已隐藏签名：请在保存 AccessKeySecret 的后端签名（aiccs 不返回 CORS 头）。",
    answerTitle: "响应",
    navAgent: "Agent API", navAiccs: "阿里云 aiccs", navFilter: "筛选接口", navNone: "没有匹配的接口。",
    agentGroup: "Agent API", aiccsGroup: "aiccs",
    baseUrl: "服务地址", token: "Token",
    endpoint: "Endpoint（host[:port]）", protocol: "协议", accessKeyId: "AccessKeyId",
    accessKeySecret: "AccessKeySecret（仅限本地演示）", securityToken: "STS SecurityToken（可选）", sigver: "签名版本",
    agentDesc: "{summary} 每次输入都会由 {fn}(args) 构建并校验请求；“发送”调用 api.{name}()。",
    aiccsDesc: "{summary} 每次输入都会运行 Aiccs.validate(\"{action}\", params)；预览来自 client.buildRequest，签名方式 {sig}。",
    batchDesc: "{summary} “发送”调用 api.{name}()：{param} 数量不限，每次请求最多 {max} 个。",
    variant: "版本", resetSeed: "恢复示例数据",
    required: "必填", inPath: "路径", inQuery: "查询", inBody: "请求体",
    moreFields: "另有 {n} 个可选字段", jsonOnly: "以下字段请在下方 JSON 中编辑：{names}",
    addRow: "添加", remove: "删除", removeItem: "删除 {item}",
    listHint: "每行一个，或用逗号、顿号或分号分隔",
    jsonBody: "请求体（JSON，可编辑）", jsonHint: "完整请求体；上方字段与此 JSON 保持同步",
    jsonSyntax: "JSON 无法解析：第 {line} 行第 {col} 列有误。", jsonInvalid: "JSON 无法解析",
    fixJsonFirst: "未应用：下方 JSON 请求体无法解析或不是对象。请先修正 JSON；已输入的 JSON 文本会保留。",
    noParams: "此版本的元数据没有列出 {name} 的参数。",
    send: "发送", sending: "发送中…", startTask: "启动任务（模拟器）", stopTask: "停止任务（模拟器）",
    taskState: "模拟器任务：{state}", taskRunning: "运行中", taskStopped: "已停止",
    valid: "校验通过，可以发送", issuesN: "{n} 个问题", issues1: "1 个问题",
    otherIssues: "没有对应字段的问题",
    notSet: "（不设置）",
    batchCount: "{n} 个 {param} · 发送时分 {r} 次请求（每次最多 {max} 个）",
    batchSendNote: "超过 {max} 个仍可发送：api.{name}() 会自动拆分。",
    headers: "请求头", query: "查询参数（已解码）", body: "请求体", params: "参数（签名前）",
    tokenHidden: "（已隐藏 token）",
    previewBlocked: "{fn} 会抛出 AicallError（{kind} / {code}）：{n}。请先修正标红的字段。",
    previewChunk: "第 1 次请求，共 {r} 次：{name}() 把这 {n} 个 {param} 分成 {r} 次请求（每次最多 {max} 个）。",
    previewNone: "无法构建请求：请检查连接设置。",
    emptyResult: "点击“发送”调用模拟器。解析后的响应或 AicallError 会显示在这里。",
    ok: "成功", resolved: "{name}() 已完成：接口接受了请求。",
    listSep: "，", none: "无",
    errorTitle: "AicallError", issuesTitle: "问题", taskRunningTitle: "任务正在运行（6007）",
    taskRunningHint: "请先点击左侧“停止任务（模拟器）”，再重新发送。",
    notAicallError: "意外错误（不是 AicallError）",
    ms: "{ms} 毫秒",
    emuFailed: "模拟器控制接口调用失败：{msg}",
    fatal: "aicall 演示页面启动失败：{msg}",
  },
};

/** Names of the lists in a batch answer ({ urls, failed }, { added, failed, answers }). */
const RESULT_KEYS = {
  en: { urls: "URL(s)", added: "added", failed: "failed", answers: "answer(s)" },
  "zh-CN": { urls: "个地址", added: "个已添加", failed: "个失败", answers: "个响应" },
};

export const LOCALES = ["en", "zh-CN"];
let locale = "en";
export const getLocale = () => locale;
export function setLocaleValue(l) { locale = LOCALES.includes(l) ? l : "en"; }

/** The UI string `key` in the current locale, with `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  let s = UI[locale][key] ?? UI.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** "31 URL(s)" / "31 个地址" for a list of a batch answer. */
export function countOf(key, n) {
  const label = RESULT_KEYS[locale][key] ?? RESULT_KEYS.en[key] ?? key;
  return `${n} ${label}`;
}

// Elements whose text follows the locale: [element, () => text].
let localized = [];

/** Sets the element's text from a key or a function now and whenever the locale changes. */
export function tx(el, source, vars) {
  const fn = typeof source === "function" ? source : () => t(source, typeof vars === "function" ? vars() : vars);
  localized.push([el, fn]);
  el.textContent = fn();
  return el;
}

/** Like tx, for an attribute (aria-label, title): screen readers read those in the locale too. */
export function ta(el, attr, source, vars) {
  const fn = typeof source === "function" ? source : () => t(source, vars);
  localized.push([el, fn, attr]);
  el.setAttribute(attr, fn());
  return el;
}

/** Re-renders every localized text (elements no longer in the page are forgotten). */
export function relocalize() {
  localized = localized.filter(([el]) => el.isConnected);
  for (const [el, fn, attr] of localized) {
    const v = fn();
    if (attr) { if (el.getAttribute(attr) !== v) el.setAttribute(attr, v); } else if (el.textContent !== v) el.textContent = v;
  }
}
