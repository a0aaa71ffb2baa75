// Alibaba Cloud aiccs (2019-10-15, RPC style) emulation: signature checks (v3 + v1),
// gateway-style errors, stateful business behaviour for the 20 seeded operations, and a
// fixed sample answer (aiccs-samples.mjs, generated from the SDK's response models) for
// every other operation of the API.

import {
  parsePairs, parseV3Authorization, v3CanonicalRequest, v3StringToSign, v3Signature,
  v1StringToSign, v1Signature, sha256Hex, safeEqual, parseAcsTimestamp,
} from "./sign.mjs";
import { sendJson, newRequestId, maskPhone, hash32, cnDateTime, base64url } from "./util.mjs";
import {
  AGENT_STATUS, TASK_STATUS_CODE, DIAL_OUTCOMES, makeDialog, newDetail, finishDetail, nextCallId,
} from "./data.mjs";
import SAMPLES, { METHODS as SAMPLE_METHODS } from "./aiccs-samples.mjs";

export const API_VERSION = "2019-10-15";
export const HOST_ID = "aiccs.aliyuncs.com";
export const TIME_WINDOW_MS = 15 * 60 * 1000;
export const MAX_IMPORT = 1000;
const AUTO_DIAL_DELAY_MS = 5000;

const V3_REQUIRED_HEADERS = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

// ---------------------------------------------------------------- errors

/** Gateway-level error: non-200 HTTP status with the standard Alibaba Cloud error body. */
export class AcsError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Business error: HTTP 200, Success false, Code not OK. */
class BizError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.code = code;
    this.extra = extra;
  }
}

const missing = (name) =>
  new AcsError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
const invalid = (name, why) =>
  new AcsError(400, "InvalidParameter", `The specified parameter "${name}" is invalid.${why ? " " + why : ""}`);
const bizInvalid = (msg) => new BizError("InvalidParameter", `参数不合法:${msg}`);

function acsErrorBody(requestId, code, message) {
  return {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=aiccs&requestId=${requestId}`,
  };
}

// ---------------------------------------------------------------- nonce memory

/** Remembers nonces for the time window; bounded in size (oldest dropped first). */
export class NonceStore {
  constructor(max = 100000) {
    this.max = max;
    this.map = new Map(); // key -> time seen
  }
  prune(now) {
    for (const [k, t] of this.map) {
      if (now - t <= TIME_WINDOW_MS) break; // insertion order == time order (mostly)
      this.map.delete(k);
    }
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value);
  }
  seen(key, now) {
    this.prune(now);
    const t = this.map.get(key);
    return t !== undefined && Math.abs(now - t) <= TIME_WINDOW_MS;
  }
  add(key, now) {
    this.map.delete(key);
    this.map.set(key, now);
    this.prune(now);
  }
  clear() {
    this.map.clear();
  }
  get size() {
    return this.map.size;
  }
}

// ---------------------------------------------------------------- authentication

function lastValue(pairs, name) {
  let v;
  for (const [k, val] of pairs) if (k === name) v = val;
  return v;
}

function checkSecurityToken(ctx, token) {
  if (token === undefined) return;
  if (token !== ctx.opts.stsToken) {
    throw new AcsError(400, "InvalidSecurityToken.Malformed", "The specified SecurityToken is malformed.");
  }
}

function checkTimestamp(ctx, value, name) {
  const ts = parseAcsTimestamp(value);
  if (Number.isNaN(ts)) {
    throw new AcsError(400, "InvalidTimeStamp.Format", `Specified time stamp or date value is not well formatted. (${name})`);
  }
  if (Math.abs(ctx.now() - ts) > TIME_WINDOW_MS) {
    throw new AcsError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
  }
}

function checkNonce(ctx, accessKeyId, nonce) {
  const key = `${accessKeyId}\n${nonce}`;
  if (ctx.nonces.seen(key, ctx.now())) {
    throw new AcsError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  ctx.nonces.add(key, ctx.now());
}

function lookupSecret(ctx, accessKeyId) {
  const secret = Object.prototype.hasOwnProperty.call(ctx.opts.credentials, accessKeyId)
    ? ctx.opts.credentials[accessKeyId]
    : undefined;
  if (typeof secret !== "string") {
    throw new AcsError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  return secret;
}

function verifyV3(ctx, queryPairs) {
  const h = ctx.req.headers;
  const auth = parseV3Authorization(h.authorization);
  if (!auth) {
    throw new AcsError(400, "IncompleteSignature",
      "The request signature does not conform to Aliyun standards. Expected: ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...");
  }
  for (const name of V3_REQUIRED_HEADERS) {
    if (h[name] === undefined || h[name] === "") {
      throw new AcsError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards. Header "${name}" is missing.`);
    }
    if (!auth.signedHeaders.includes(name)) {
      throw new AcsError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards. Header "${name}" must be signed.`);
    }
  }
  if (h["x-acs-version"] !== API_VERSION) {
    throw new AcsError(400, "InvalidVersion", "Specified parameter Version is not valid.");
  }
  const secret = lookupSecret(ctx, auth.accessKeyId);
  checkSecurityToken(ctx, h["x-acs-security-token"]);
  checkTimestamp(ctx, h["x-acs-date"], "x-acs-date");

  const bodyHash = sha256Hex(ctx.body);
  const claimedHash = String(h["x-acs-content-sha256"]).trim().toLowerCase();
  const signedHeaders = auth.signedHeaders.filter((n) => n !== "");
  const build = (payloadHash) => v3StringToSign(v3CanonicalRequest({
    method: ctx.method,
    uri: ctx.rawPath || "/",
    queryPairs,
    headers: h,
    signedHeaders,
    payloadHash,
  }));
  if (claimedHash !== bodyHash) {
    throw new AcsError(400, "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. x-acs-content-sha256 does not match the request body. server string to sign is:${build(bodyHash)}`);
  }
  const sts = build(bodyHash);
  const expected = v3Signature(secret, sts);
  if (!safeEqual(expected, auth.signature.toLowerCase())) {
    throw new AcsError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${sts}`);
  }
  checkNonce(ctx, auth.accessKeyId, h["x-acs-signature-nonce"]);
  return { signature: "v3", accessKeyId: auth.accessKeyId, action: String(h["x-acs-action"]) };
}

function verifyV1(ctx, allPairs) {
  const get = (n) => lastValue(allPairs, n);
  for (const n of ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Action", "Version"]) {
    const v = get(n);
    if (v === undefined || v === "") throw missing(n);
  }
  if (get("SignatureMethod") !== "HMAC-SHA1") {
    throw new AcsError(400, "InvalidSignatureMethod", "Specified signature method is not supported.");
  }
  if (get("SignatureVersion") !== "1.0") {
    throw new AcsError(400, "InvalidSignatureVersion", "Specified signature version is not valid.");
  }
  if (get("Version") !== API_VERSION) {
    throw new AcsError(400, "InvalidVersion", "Specified parameter Version is not valid.");
  }
  const accessKeyId = get("AccessKeyId");
  const secret = lookupSecret(ctx, accessKeyId);
  checkSecurityToken(ctx, get("SecurityToken"));
  checkTimestamp(ctx, get("Timestamp"), "Timestamp");
  const sts = v1StringToSign(ctx.method, allPairs);
  const expected = v1Signature(secret, sts);
  if (!safeEqual(expected, get("Signature"))) {
    throw new AcsError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${sts}`);
  }
  checkNonce(ctx, accessKeyId, get("SignatureNonce"));
  const headerAction = ctx.req.headers["x-acs-action"];
  return { signature: "v1", accessKeyId, action: headerAction ? String(headerAction) : get("Action") };
}

function authenticate(ctx, queryPairs, bodyPairs) {
  const auth = ctx.req.headers.authorization;
  const allPairs = [...queryPairs, ...bodyPairs];
  if (typeof auth === "string" && /^\s*ACS3-/i.test(auth)) {
    if (!/^\s*ACS3-HMAC-SHA256\s/.test(auth)) {
      throw new AcsError(400, "InvalidSignatureMethod", "Specified signature method is not supported. Use ACS3-HMAC-SHA256.");
    }
    return verifyV3(ctx, queryPairs);
  }
  if (lastValue(allPairs, "Signature") !== undefined) return verifyV1(ctx, allPairs);
  if (typeof auth === "string" && auth.trim() !== "") {
    throw new AcsError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. Unsupported Authorization scheme.");
  }
  if (lastValue(allPairs, "AccessKeyId") !== undefined) throw missing("Signature");
  throw new AcsError(400, "MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
}

// ---------------------------------------------------------------- parameter specs

// Spec string: "Name[!][:type]" separated by spaces; ! = required.
// Types: s string (default), i integer, b boolean, ja JSON array, jo JSON object, si comma-joined integers.
const PG = ["POST", "GET"];
const OPS = {
  QueryConversationDetailInfoNew: [PG, "TaskId! DetailId CallId OutId"],
  ImportOneTaskPhoneNumber: [PG, "TaskId!:i OutId PhoneNumber! EncryptionType:i Variables:jo Extension"],
  QueryAiVoiceAgentDetail: [PG, "AgentId"],
  PageQueryAgentList: [PG, "AgentId PageSize:i PageNo:i AgentName Status:i"],
  QueryConversationDetailInfo: [PG, "TaskId! DetailId! BatchId!"],
  QueryAiCallDetailPage: [PG, "TaskId! Status!:i BatchId CalledNumber EncryptionType:i CallResult MajorIntent " +
    "MinConversationDuration:i MaxConversationDuration:i StartImportedTime:i EndImportedTime:i StartCallingTime:i " +
    "EndCallingTime:i OutId DetailIds:ja PageNo:i PageSize:i"],
  StopAiCallTask: [PG, "TaskId!"],
  CancelAiCallDetails: [PG, "TaskId! DetailIdList:ja BatchId PhoneNumbers:ja EncryptionType:i"],
  StartAiCallTask: [PG, "TaskId!"],
  UpdateAiCallTask: [PG, "TaskName! VirtualNumber StartType! MissCallRetry:b CallRetryReason:ja CallRetryTimes:i " +
    "CallRetryInterval:i CallTime!:ja CallDay!:ja TaskStartTime:i TaskId! TaskCps!:i PhoneType:i LineEncoding " +
    "LinePhoneNum Source:i CallableTime:ja CallExpireType:i CallExpireMinutes:i CallExpireDate"],
  QueryAiCallTaskPage: [PG, "PageNo:i PageSize:i Status TaskName AgentName TaskId ApplicationCode Source:i"],
  QueryAiCallTaskDetail: [PG, "TaskId!"],
  ImportTaskNumberDatas: [PG, "OssFileName TaskId! PhoneNumberList:ja DataType! EncryptionType:i"],
  CreateAiCallTask: [PG, "TaskName! AgentId VirtualNumber StartType! MissCallRetry:b CallRetryReason:ja " +
    "CallRetryTimes:i CallRetryInterval:i CallTime!:ja CallDay!:ja TaskStartTime:i TaskCps:i Source:i " +
    "ApplicationCode ApplicationName PhoneType:i LineEncoding LinePhoneNum CallableTime:ja CallExpireType:i " +
    "CallExpireMinutes:i CallExpireDate"],
  LlmSmartCall: [PG, "CalledNumber! CallerNumber ApplicationCode! StartWordParam:jo PromptParam:jo OutId BizParam:jo " +
    "Extension SessionTimeout:i TtsVoiceCode TtsSpeed:i TtsVolume:i CustomerLineCode"],
  LlmSmartCallEncrypt: [PG, "EncryptCalledNumber! PromptParam:jo StartWordParam:jo ApplicationCode! CallerNumber! OutId"],
  HangupOperate: [["POST"], "CallId! ImmediateHangup:b"],
  ListAvailableTts: [PG, "TtsVoiceCode VoiceType"],
  GetCallDialogContent: [PG, "CallDate! CallId!"],
  GetHotlineServiceStatistics: [["GET"], "InstanceId! StartDate:i EndDate:i PageSize:i CurrentPage:i AgentIds:si " +
    "DepIds:si GroupIds:si TimeLatitudeType ExistAgentGrouping:b ExistDepartmentGrouping:b ExistSkillGroupGrouping:b"],
};
const COMMON_PARAMS = "OwnerId:i ResourceOwnerAccount ResourceOwnerId:i";

function compileSpec(str) {
  return `${str} ${COMMON_PARAMS}`.trim().split(/\s+/).map((tok) => {
    const m = /^([A-Za-z]+)(!?)(?::([a-z]+))?$/.exec(tok);
    if (!m) throw new Error(`bad spec token ${tok}`);
    return { name: m[1], required: m[2] === "!", type: m[3] || "s" };
  });
}

export const ACTIONS = Object.fromEntries(
  Object.entries(OPS).map(([name, [methods, spec]]) => [name, { methods, params: compileSpec(spec) }]),
);

/** Typed parameters from the raw decoded pairs, per the action's spec. Throws AcsError 400. */
function readParams(action, pairs) {
  const raw = new Map();
  for (const [k, v] of pairs) raw.set(k, v);
  const out = {};
  for (const { name, required, type } of ACTIONS[action].params) {
    const v = raw.get(name);
    if (v === undefined || v === "") {
      if (required) throw missing(name);
      continue;
    }
    switch (type) {
      case "s":
        out[name] = v;
        break;
      case "i": {
        if (!/^-?\d{1,19}$/.test(v.trim())) throw invalid(name, "Expected an integer.");
        const n = Number(v.trim());
        out[name] = Number.isSafeInteger(n) ? n : v.trim();
        break;
      }
      case "b":
        if (!/^(true|false)$/i.test(v)) throw invalid(name, "Expected true or false.");
        out[name] = v.toLowerCase() === "true";
        break;
      case "ja":
      case "jo": {
        let parsed;
        try { parsed = JSON.parse(v); } catch { throw invalid(name, `Expected a JSON ${type === "ja" ? "array" : "object"} string.`); }
        const isArr = Array.isArray(parsed);
        const isObj = parsed !== null && typeof parsed === "object" && !isArr;
        if (type === "ja" && !isArr) throw invalid(name, "Expected a JSON array string.");
        if (type === "jo" && !isObj) throw invalid(name, "Expected a JSON object string.");
        out[name] = parsed;
        break;
      }
      case "si": {
        const items = v.split(",");
        if (items.some((x) => !/^-?\d+$/.test(x.trim()))) throw invalid(name, "Expected comma separated integers.");
        out[name] = items.map((x) => Number(x.trim()));
        break;
      }
      default:
        throw new Error(`unknown type ${type}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- business helpers

const ok = (Data, Message = "成功") => ({ Message, Data, Code: "OK", Success: true });
const pct = (num, den, digits = 2) => (den > 0 ? ((num * 100) / den).toFixed(digits) : (0).toFixed(digits)) + "%";
const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
const RETRY_REASONS = ["CALL_REJECTED", "USER_BUSY", "SUSPEND", "INVALID_NUMBER", "POWERED_OFF", "NETWORK_BUSY", "NO_ANSWER"];
const PHONE_RE = /^\+?\d{5,20}$/;

function getTask(S, id) {
  const t = S.tasks.get(String(id));
  if (!t) throw new BizError("TaskNotExist", "任务不存在");
  return t;
}

function detailsOf(S, taskId) {
  const out = [];
  for (const d of S.details.values()) if (d.TaskId === taskId) out.push(d);
  return out;
}

/** Running tasks dial their waiting numbers a few seconds after import/start (driven by opts.now). */
function advanceTask(S, task, now) {
  if (task.Status !== "RUNNING") return;
  for (const d of detailsOf(S, task.TaskId)) {
    if (d.Status > 2) continue;
    const readyAt = Math.max(d.ImportedTime, task.RealStartTime ?? 0) + AUTO_DIAL_DELAY_MS;
    if (now >= readyAt) {
      const outcome = DIAL_OUTCOMES[hash32(d.CalledNumber) % DIAL_OUTCOMES.length];
      finishDetail(S, task, d, outcome, readyAt);
    }
  }
}

function paging(p, noKey = "PageNo", sizeKey = "PageSize", defSize = 10) {
  const PageNo = p[noKey] ?? 1;
  const PageSize = p[sizeKey] ?? defSize;
  if (!Number.isInteger(PageNo) || PageNo < 1) throw bizInvalid(`${noKey} 必须大于 0`);
  if (!Number.isInteger(PageSize) || PageSize < 1 || PageSize > 100) throw bizInvalid(`${sizeKey} 取值范围 1~100`);
  return { PageNo, PageSize, slice: (arr) => arr.slice((PageNo - 1) * PageSize, PageNo * PageSize) };
}

/** Drop null/undefined fields (the service omits fields it has no value for). */
function compact(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

function recordingUrl(ctx, d) {
  return `${ctx.baseUrl}/__emulator/voice?key=${base64url(JSON.stringify({ k: "aiccs", d: d.DetailId }))}`;
}

const CALL_STATUS = {
  ANSWERED: ["200005", "呼叫结束"],
  NO_ANSWER: ["200010", "被叫无应答"],
  USER_BUSY: ["200011", "被叫忙"],
  POWERED_OFF: ["200002", "被叫关机"],
  INVALID_NUMBER: ["200003", "被叫号码不存在"],
  CANCEL: ["200100", "主动取消"],
};
const VAR_NAMES = { name: "姓名", sex: "性别", city: "城市", age: "年龄", date: "日期" };

function taskListItem(S, t, now) {
  const ds = detailsOf(S, t.TaskId);
  const called = ds.filter((d) => d.CallingTime);
  const answered = called.filter((d) => d.CallResult === "ANSWERED");
  const dayStart = now - 86400e3;
  const dayCalled = called.filter((d) => d.CallingTime >= dayStart);
  const done = ds.filter((d) => d.Status >= 4).length;
  return compact({
    Status: TASK_STATUS_CODE[t.Status],
    TaskId: t.TaskId,
    CompleteRate: pct(done, ds.length, 0),
    ApplicationName: t.ApplicationName,
    CreateTime: t.CreateTime,
    StartTime: t.TaskStartTime ?? t.CreateTime,
    RealStartTime: t.RealStartTime,
    TotalCallCount: called.length,
    DayCallCount: dayCalled.length,
    ApplicationCode: t.ApplicationCode,
    TotalCount: ds.length,
    TaskName: t.TaskName,
    StartFailedReason: t.StartFailedReason || null,
    FailedCount: ds.filter((d) => d.Status === 5).length,
    AgentName: t.AgentName,
    CallingCount: ds.filter((d) => d.Status === 3).length,
    AgentId: t.AgentId,
    SucceedCount: ds.filter((d) => d.Status === 4).length,
    DayImportCount: ds.filter((d) => d.ImportedTime >= dayStart).length,
    ConcurrentCount: t.ConcurrentCount,
    HistoryConnectRate: pct(answered.length, called.length),
    DayConnectRate: pct(dayCalled.filter((d) => d.CallResult === "ANSWERED").length, dayCalled.length),
  });
}

function detailListItem(ctx, d) {
  const answered = d.CallResult === "ANSWERED";
  return compact({
    ImportedTime: d.ImportedTime,
    Status: d.Status,
    Options: JSON.stringify(d.Variables ?? {}),
    EncryptionType: d.EncryptionType,
    CalledNumber: d.EncryptionType ? d.CalledNumber : maskPhone(d.CalledNumber),
    CallResult: d.CallResult,
    ConversationTurnCount: d.ConversationTurnCount,
    TaskId: d.TaskId,
    BatchId: d.BatchId,
    MajorIntent: d.MajorIntent,
    FailedReason: d.FailedReason,
    BranchId: answered ? 1 : null,
    RecordingFilePath: answered ? recordingUrl(ctx, d) : null,
    CallingTime: d.CallingTime,
    DetailId: d.DetailId,
    OutId: d.OutId || null,
    BranchVersionId: answered ? 1 : null,
    ConversationRecord: d.ConversationRecord,
    ConversationDuration: d.ConversationDuration,
    CallId: d.CallId,
  });
}

function conversationDetail(ctx, S, d, extended) {
  const call = d.CallId ? S.calls.get(d.CallId) : null;
  const [StatusCode, StatusMsg] = d.CallResult ? CALL_STATUS[d.CallResult] ?? ["200000", "呼叫结束"] : [null, null];
  const answered = d.CallResult === "ANSWERED";
  const vars = Object.entries(d.Variables ?? {}).map(([Key, Value], i) => ({
    Required: false, Value: String(Value), Id: String(i + 1), Key, Source: "import", Name: VAR_NAMES[Key] ?? Key,
  }));
  const base = {
    CallerPhone: call ? maskPhone(call.CallerNumber) : null,
    EncryptionType: d.EncryptionType,
    CallResult: d.CallResult,
    StatusMsg,
    StartCallTime: d.CallingTime,
    MajorIntent: d.MajorIntent,
    CallId: d.CallId,
    FailedReason: d.FailedReason,
    Duration: d.ConversationDuration,
    HangupDirection: call ? call.HangupDirection : null,
    StatusCode,
    CalledPhone: d.EncryptionType ? d.CalledNumber : maskPhone(d.CalledNumber),
    Variables: vars,
    RecordingFileDownloadUrl: answered ? recordingUrl(ctx, d) : null,
    ReleaseTime: call ? call.EndTime : null,
    PickUpTime: call ? call.PickUpTime : null,
    OutId: d.OutId || null,
    ConversationRecord: d.ConversationRecord,
    OutputTags: answered
      ? [{
        OutputTagDescription: "评估客户的兴趣和转化可能性",
        OutputTagName: "客户意向度",
        OutputTagValue: JSON.stringify([{ A: "高", B: "中", D: "低" }[d.MajorIntent] ?? "中"]),
        Id: "1",
      }]
      : null,
  };
  if (extended) {
    Object.assign(base, {
      Options: JSON.stringify(d.Variables ?? {}),
      ConversationTurnCount: d.ConversationTurnCount,
      TaskId: d.TaskId,
      Status: d.Status,
      ImportedTime: d.ImportedTime,
      BatchId: d.BatchId,
      DetailId: d.DetailId,
      ReleaseTime: call ? Math.round((call.EndTime - call.PickUpTime) / 1000) : null,
    });
  }
  return compact(base);
}

function parseCallTimes(list) {
  if (!Array.isArray(list) || list.length === 0) throw bizInvalid("CallTime 不能为空");
  return list.map((item, i) => {
    let o = item;
    if (typeof item === "string") {
      try { o = JSON.parse(item); } catch { throw bizInvalid(`CallTime[${i}] 不是合法的 JSON`); }
    }
    const re = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
    if (!o || typeof o !== "object" || !re.test(o.startTime ?? "") || !re.test(o.endTime ?? "")) {
      throw bizInvalid(`CallTime[${i}] 格式应为 {"startTime":"HH:mm:ss","endTime":"HH:mm:ss"}`);
    }
    if (o.startTime >= o.endTime) throw bizInvalid(`CallTime[${i}] 开始时间必须早于结束时间`);
    return { StartTime: o.startTime, EndTime: o.endTime };
  });
}

function parseCallDays(list) {
  if (!Array.isArray(list) || list.length === 0) throw bizInvalid("CallDay 不能为空");
  for (const d of list) if (!WEEKDAYS.includes(d)) throw bizInvalid(`CallDay 取值非法: ${JSON.stringify(d)}`);
  return [...new Set(list)];
}

/** Shared validation of Create/Update task parameters; returns the task fields to set. */
function taskFields(S, p, now) {
  if (!["IMMEDIATE", "SCHEDULE"].includes(p.StartType)) throw bizInvalid("StartType 仅支持 IMMEDIATE 或 SCHEDULE");
  if (p.StartType === "SCHEDULE" && p.TaskStartTime === undefined) throw bizInvalid("StartType 为 SCHEDULE 时 TaskStartTime 必填");
  const fields = {
    TaskName: p.TaskName,
    StartType: p.StartType,
    TaskStartTime: p.StartType === "SCHEDULE" ? p.TaskStartTime : null,
    CallTimes: parseCallTimes(p.CallTime),
    CallDays: parseCallDays(p.CallDay),
  };
  if (p.TaskName.length > 50) throw bizInvalid("TaskName 长度不能超过 50");
  if (p.MissCallRetry !== undefined) fields.RetryEnable = p.MissCallRetry;
  if (p.CallRetryReason !== undefined) {
    for (const r of p.CallRetryReason) if (!RETRY_REASONS.includes(r)) throw bizInvalid(`CallRetryReason 取值非法: ${JSON.stringify(r)}`);
    fields.RetryReasons = p.CallRetryReason;
  }
  if (p.CallRetryTimes !== undefined) {
    if (p.CallRetryTimes < 0 || p.CallRetryTimes > 10) throw bizInvalid("CallRetryTimes 取值范围 0~10");
    fields.RetryCount = p.CallRetryTimes;
  }
  if (p.CallRetryInterval !== undefined) {
    if (p.CallRetryInterval < 1) throw bizInvalid("CallRetryInterval 必须大于 0");
    fields.RetryInterval = p.CallRetryInterval;
  }
  if (p.TaskCps !== undefined) {
    if (p.TaskCps < 1) throw bizInvalid("TaskCps 必须大于 0");
    fields.ConcurrentCount = p.TaskCps;
  }
  for (const [src, dst] of [["VirtualNumber", "CallerNumber"], ["PhoneType", "PhoneType"], ["LineEncoding", "LineEncoding"],
    ["LinePhoneNum", "LinePhoneNum"], ["CallExpireType", "CallExpireType"], ["CallExpireMinutes", "CallExpireMinutes"],
    ["CallExpireDate", "CallExpireDate"]]) {
    if (p[src] !== undefined) fields[dst] = p[src];
  }
  if (p.CallableTime !== undefined) fields.CallableTimes = parseCallTimes(p.CallableTime);
  void S; void now;
  return fields;
}

function findApp(S, code) {
  return S.llmApps.find((a) => a.ApplicationCode === code) ?? null;
}

function startLlmCall(ctx, S, { CalledNumber, CallerNumber, ApplicationCode, StartWordParam, OutId, encrypted }) {
  const app = findApp(S, ApplicationCode);
  const CallId = nextCallId(S);
  const name = StartWordParam && typeof StartWordParam.name === "string" ? StartWordParam.name : "您";
  const now = ctx.now();
  const dialog = makeDialog("accept", name, app?.topic ?? "试驾").slice(0, 1); // greeting so far
  S.calls.set(CallId, {
    CallId, kind: encrypted ? "llm-encrypt" : "llm", ApplicationCode,
    CalledNumber, CallerNumber: CallerNumber ?? "", OutId: OutId ?? "",
    status: "ACTIVE", StartTime: now, PickUpTime: now + 5000, EndTime: null, dialog, HangupDirection: null,
  });
  return CallId;
}

function checkLlmApp(S, code) {
  const app = findApp(S, code);
  if (!app) throw new AcsError(400, "InvalidParameter.ApplicationCode", 'The specified parameter "ApplicationCode" is invalid.');
  if (!app.online) throw new AcsError(400, "ModelStatus.Invalid", "Model state invalid.");
  return app;
}

// ---------------------------------------------------------------- the 20 operations

const HANDLERS = {
  CreateAiCallTask(ctx, S, p) {
    const now = ctx.now();
    const fields = taskFields(S, p, now);
    let agent = null;
    let app = null;
    if (p.AgentId !== undefined) {
      agent = S.agents.find((a) => a.AgentId === p.AgentId);
      if (!agent) throw new BizError("AgentNotExist", "智能体不存在");
    } else if (p.ApplicationCode !== undefined) {
      app = findApp(S, p.ApplicationCode) ?? S.agents.find((a) => a.ApplicationCode === p.ApplicationCode) ?? null;
      if (!app) throw new BizError("ApplicationNotExist", "应用不存在");
    } else {
      throw bizInvalid("AgentId 与 ApplicationCode 不能同时为空");
    }
    const TaskId = String(S.seq.task++);
    S.tasks.set(TaskId, {
      TaskId, Status: "INIT",
      AgentId: agent?.AgentId ?? "", AgentName: agent?.AgentName ?? "",
      ApplicationCode: agent?.ApplicationCode ?? app.ApplicationCode,
      ApplicationName: p.ApplicationName ?? agent?.AgentName ?? app.ApplicationName ?? app.AgentName,
      Source: p.Source ?? (agent ? 0 : 1),
      RetryEnable: false, RetryReasons: [], RetryCount: 0, RetryInterval: 0,
      CallerNumber: "", PhoneType: 0, LineEncoding: "", LinePhoneNum: "", ConcurrentCount: 10,
      CreateTime: now, RealStartTime: null, StartFailedReason: "", CallExpireType: 0,
      topic: agent?.topic ?? app?.topic ?? "试驾",
      ...fields,
    });
    return ok(Number(TaskId));
  },

  UpdateAiCallTask(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    if (t.Status === "RUNNING") throw new BizError("TaskStatusInvalid", "任务运行中,请先停止任务", { Data: false });
    Object.assign(t, taskFields(S, p, ctx.now()));
    if (p.Source !== undefined) t.Source = p.Source;
    return ok(true);
  },

  StartAiCallTask(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    if (t.Status === "RUNNING") throw new BizError("TaskStatusInvalid", "任务已在运行中", { Data: false });
    const agent = t.AgentId ? S.agents.find((a) => a.AgentId === t.AgentId) : null;
    if (agent && agent.Status !== AGENT_STATUS.ONLINE) {
      t.Status = "FAILED";
      t.StartFailedReason = "智能体不在线";
      throw new BizError("AgentNotOnline", "智能体不在线", { Data: false });
    }
    t.Status = "RUNNING";
    t.StartFailedReason = "";
    t.RealStartTime = ctx.now();
    return ok(true);
  },

  StopAiCallTask(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    advanceTask(S, t, ctx.now());
    if (t.Status !== "RUNNING") throw new BizError("TaskStatusInvalid", "任务未在运行中,无法停止", { Data: false });
    t.Status = "STOPPED";
    return ok(true);
  },

  QueryAiCallTaskPage(ctx, S, p) {
    const now = ctx.now();
    const pg = paging(p, "PageNo", "PageSize", 10);
    let list = [...S.tasks.values()];
    if (p.Status !== undefined) {
      if (!Object.hasOwn(TASK_STATUS_CODE, p.Status)) throw bizInvalid("Status 取值非法,可选 INIT/FAILED/RUNNING/STOPPED");
      list = list.filter((t) => t.Status === p.Status);
    }
    if (p.TaskId !== undefined) list = list.filter((t) => t.TaskId === p.TaskId.trim());
    if (p.TaskName !== undefined) list = list.filter((t) => t.TaskName.includes(p.TaskName));
    if (p.AgentName !== undefined) list = list.filter((t) => t.AgentName.includes(p.AgentName));
    if (p.ApplicationCode !== undefined) list = list.filter((t) => t.ApplicationCode === p.ApplicationCode);
    if (p.Source !== undefined) list = list.filter((t) => t.Source === p.Source);
    list.sort((a, b) => b.CreateTime - a.CreateTime || (a.TaskId < b.TaskId ? 1 : -1));
    for (const t of list) advanceTask(S, t, now);
    return ok({ PageSize: pg.PageSize, Total: list.length, PageNo: pg.PageNo, List: pg.slice(list).map((t) => taskListItem(S, t, now)) });
  },

  QueryAiCallTaskDetail(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    return ok(compact({
      TaskId: t.TaskId, ApplicationName: t.ApplicationName, RetryEnable: t.RetryEnable,
      StartTime: t.TaskStartTime ?? t.CreateTime, RealStartTime: t.RealStartTime,
      LinePhoneNum: t.LinePhoneNum, ApplicationCode: t.ApplicationCode, CallerNumber: t.CallerNumber,
      CallTimes: t.CallTimes, RetryReasons: t.RetryReasons, RetryCount: t.RetryCount, PhoneType: t.PhoneType,
      TaskName: t.TaskName, LineEncoding: t.LineEncoding, StartType: t.StartType, AgentName: t.AgentName,
      AgentId: t.AgentId, RetryInterval: t.RetryInterval, CallDays: t.CallDays, ConcurrentCount: t.ConcurrentCount,
      CallExpireType: t.CallExpireType, CallExpireMinutes: t.CallExpireMinutes, CallExpireDate: t.CallExpireDate,
      CallableTimes: t.CallableTimes,
    }));
  },

  ImportTaskNumberDatas(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    if (String(p.DataType).toUpperCase() !== "JSON") throw bizInvalid("DataType 暂仅支持 JSON");
    if (p.PhoneNumberList === undefined) {
      if (p.OssFileName !== undefined) throw bizInvalid("模拟器不支持 OssFileName 导入,请使用 PhoneNumberList");
      throw bizInvalid("PhoneNumberList 不能为空");
    }
    const list = p.PhoneNumberList;
    if (list.length === 0) throw bizInvalid("PhoneNumberList 不能为空");
    if (list.length > MAX_IMPORT) throw bizInvalid(`PhoneNumberList 单次最多导入 ${MAX_IMPORT} 条,当前 ${list.length} 条`);
    const enc = p.EncryptionType ?? 0;
    if (![0, 1, 2, 3].includes(enc)) throw bizInvalid("EncryptionType 取值范围 0~3");
    list.forEach((item, i) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) throw bizInvalid(`PhoneNumberList[${i}] 必须是对象`);
      const num = item.calleeNumber;
      if (typeof num !== "string" || num === "") throw bizInvalid(`PhoneNumberList[${i}].calleeNumber 不能为空`);
      if (enc === 0 && !PHONE_RE.test(num)) throw bizInvalid(`PhoneNumberList[${i}].calleeNumber 号码格式错误`);
      if (item.outId !== undefined && String(item.outId).length > 128) throw bizInvalid(`PhoneNumberList[${i}].outId 长度不能超过 128`);
    });
    const now = ctx.now();
    const BatchId = String(S.seq.batch++);
    S.batches.set(BatchId, { BatchId, TaskId: t.TaskId, Count: list.length, ImportedTime: now });
    for (const item of list) {
      const { calleeNumber, outId, ...vars } = item;
      newDetail(S, t, BatchId, { CalledNumber: calleeNumber, OutId: outId ?? "", Variables: vars, EncryptionType: enc }, now);
    }
    return ok(Number(BatchId), "OK");
  },

  ImportOneTaskPhoneNumber(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    const enc = p.EncryptionType ?? 0;
    if (![0, 1, 2, 3].includes(enc)) throw bizInvalid("EncryptionType 取值范围 0~3");
    if (enc === 0 && !PHONE_RE.test(p.PhoneNumber)) throw bizInvalid("PhoneNumber 号码格式错误");
    const now = ctx.now();
    const BatchId = String(S.seq.batch++);
    S.batches.set(BatchId, { BatchId, TaskId: t.TaskId, Count: 1, ImportedTime: now });
    const d = newDetail(S, t, BatchId, { CalledNumber: p.PhoneNumber, OutId: p.OutId ?? "", Variables: p.Variables ?? {}, EncryptionType: enc }, now);
    return ok({ DetailId: Number(d.DetailId) });
  },

  QueryAiCallDetailPage(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    advanceTask(S, t, ctx.now());
    const pg = paging(p, "PageNo", "PageSize", 10);
    const groups = { 0: [0, 1, 2, 3], 1: [4], 2: [5] };
    if (!groups[p.Status]) throw bizInvalid("Status 取值范围 0(待完成)/1(已完成)/2(失败)");
    let list = detailsOf(S, t.TaskId).filter((d) => groups[p.Status].includes(d.Status));
    if (p.BatchId !== undefined) list = list.filter((d) => d.BatchId === p.BatchId.trim());
    if (p.CalledNumber !== undefined) list = list.filter((d) => d.CalledNumber === p.CalledNumber);
    if (p.CallResult !== undefined) list = list.filter((d) => d.CallResult === p.CallResult);
    if (p.MajorIntent !== undefined) list = list.filter((d) => d.MajorIntent === p.MajorIntent);
    if (p.OutId !== undefined) list = list.filter((d) => d.OutId === p.OutId);
    if (p.EncryptionType !== undefined) list = list.filter((d) => d.EncryptionType === p.EncryptionType);
    if (p.DetailIds !== undefined) {
      if (p.DetailIds.length > 100) throw bizInvalid("DetailIds 最多 100 个");
      const ids = new Set(p.DetailIds.map(String));
      list = list.filter((d) => ids.has(d.DetailId));
    }
    const dur = (d) => (d.ConversationDuration ?? 0) / 60;
    if (p.MinConversationDuration !== undefined) list = list.filter((d) => dur(d) >= p.MinConversationDuration);
    if (p.MaxConversationDuration !== undefined) list = list.filter((d) => dur(d) <= p.MaxConversationDuration);
    if (p.StartImportedTime !== undefined) list = list.filter((d) => d.ImportedTime >= p.StartImportedTime);
    if (p.EndImportedTime !== undefined) list = list.filter((d) => d.ImportedTime <= p.EndImportedTime);
    if (p.StartCallingTime !== undefined) list = list.filter((d) => d.CallingTime && d.CallingTime >= p.StartCallingTime);
    if (p.EndCallingTime !== undefined) list = list.filter((d) => d.CallingTime && d.CallingTime <= p.EndCallingTime);
    return ok({ PageSize: pg.PageSize, Total: list.length, PageNo: pg.PageNo, List: pg.slice(list).map((d) => detailListItem(ctx, d)) });
  },

  CancelAiCallDetails(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    advanceTask(S, t, ctx.now());
    const mine = detailsOf(S, t.TaskId);
    const FailedDetails = {};
    let ok1 = 0;
    let total = 0;
    const cancel = (d) => {
      d.Status = 5;
      d.CallResult = "CANCEL";
      d.FailedReason = "主动取消";
    };
    const pending = (d) => d.Status <= 2;
    if (p.DetailIdList === undefined && p.PhoneNumbers === undefined && p.BatchId === undefined) {
      throw bizInvalid("DetailIdList、PhoneNumbers、BatchId 至少传一个");
    }
    for (const id of p.DetailIdList ?? []) {
      total++;
      const d = mine.find((x) => x.DetailId === String(id));
      if (!d) FailedDetails[String(id)] = "明细记录不存在";
      else if (!pending(d)) FailedDetails[String(id)] = "明细记录当前状态不可取消";
      else { cancel(d); ok1++; }
    }
    for (const num of p.PhoneNumbers ?? []) {
      total++;
      const ds = mine.filter((x) => x.CalledNumber === String(num));
      const todo = ds.filter(pending);
      if (ds.length === 0) FailedDetails[maskPhone(num)] = "明细记录不存在";
      else if (todo.length === 0) FailedDetails[maskPhone(num)] = "明细记录当前状态不可取消";
      else { todo.forEach(cancel); ok1++; }
    }
    if (p.BatchId !== undefined) {
      const ds = mine.filter((x) => x.BatchId === p.BatchId.trim());
      if (ds.length === 0) { total++; FailedDetails[p.BatchId] = "批次不存在"; }
      for (const d of ds) {
        total++;
        if (pending(d)) { cancel(d); ok1++; } else FailedDetails[d.DetailId] = "明细记录当前状态不可取消";
      }
    }
    const failed = total - ok1;
    return ok({
      TotalCount: total, FailedDetails, FailedCount: failed, SucceedCount: ok1,
      ResultCode: failed === 0 ? "ALL_SUCCESS" : ok1 === 0 ? "ALL_FAILED" : "PART_FAILED",
    });
  },

  QueryConversationDetailInfo(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    advanceTask(S, t, ctx.now());
    const d = S.details.get(p.DetailId.trim());
    if (!d || d.TaskId !== t.TaskId || d.BatchId !== p.BatchId.trim()) throw new BizError("DetailNotExist", "明细记录不存在");
    return ok(conversationDetail(ctx, S, d, false));
  },

  QueryConversationDetailInfoNew(ctx, S, p) {
    const t = getTask(S, p.TaskId);
    advanceTask(S, t, ctx.now());
    if (p.DetailId === undefined && p.CallId === undefined && p.OutId === undefined) {
      throw bizInvalid("DetailId、CallId、OutId 至少传一个");
    }
    const d = detailsOf(S, t.TaskId).find((x) =>
      (p.DetailId === undefined || x.DetailId === p.DetailId.trim()) &&
      (p.CallId === undefined || x.CallId === p.CallId) &&
      (p.OutId === undefined || x.OutId === p.OutId));
    if (!d) throw new BizError("DetailNotExist", "明细记录不存在");
    return ok(conversationDetail(ctx, S, d, true), "success");
  },

  QueryAiVoiceAgentDetail(ctx, S, p) {
    if (p.AgentId === undefined) throw bizInvalid("AgentId 不能为空");
    const a = S.agents.find((x) => x.AgentId === p.AgentId.trim());
    if (!a) throw new BizError("AgentNotExist", "智能体不存在");
    return ok({
      Status: a.Status,
      BusinessTypeName: a.BusinessTypeName,
      Description: a.Description,
      AiVoiceAgentModelConfig: {
        BasicTaskDescription: a.Description,
        MainPurpose: {
          MainPurposeEnum: [
            { Description: "意向强烈,愿意进一步沟通", Value: "A", Id: "mp-a" },
            { Description: "有一定兴趣,需要再跟进", Value: "B", Id: "mp-b" },
            { Description: "明确拒绝", Value: "D", Id: "mp-d" },
          ],
          MainPurposeName: "通话效果评级",
          MainPurposeType: "ENUM",
          MainPurposeDescription: "根据客户意愿评级:A、B、D(A 最好)",
          Id: "mp-1",
        },
        ChildTaskList: [
          { ChildTaskName: "开场与确认身份", ChildTaskDescription: "礼貌问候并确认对方身份", Id: "ct-1" },
          { ChildTaskName: "介绍与邀约", ChildTaskDescription: "简要介绍活动并邀约时间", Id: "ct-2" },
        ],
        StartWordType: 1,
        BusinessType: 1,
        KnowledgeEnable: !!a.KnowledgeName,
        CustomExceptionEnable: false,
        Prologue: a.topic === "回访" ? "您好,这里是悦享生活会员中心。" : "您好,这里是星途汽车。",
        PhoneTagConfig: [],
        FlowDesc: "开场确认身份 > 介绍 > 邀约或记录反馈 > 结束",
        UserRole: a.topic === "回访" ? "近期下单的会员" : "有购车意向的潜在客户",
        TaskType: "ADVANCED",
        SysRole: a.topic === "回访" ? "会员回访专员" : "汽车销售顾问",
        OutputTagConfig: [{
          OutputTagDescription: "评估客户的兴趣和转化可能性", OutputTagType: "ENUM", OutputTagName: "客户意向度", Id: "ot-1",
          OutputTagEnum: [{ Description: "非常积极", Value: "高", Id: "ot-1-a" }, { Description: "一般", Value: "中", Id: "ot-1-b" }],
        }],
        KnowledgeDocNameList: [],
        KnowledgeDocIdList: [],
        KnowledgeDocOriginalNameList: [],
      },
      KnowledgeName: a.KnowledgeName,
      VoiceStyleName: a.VoiceStyleName,
      AgentId: Number(a.AgentId),
      AgentName: a.AgentName,
      AiVoiceAgentCallConfig: {
        TtsConfig: {
          VoiceCode: "V9A0000001", MixingTemplate: 1, BackgroundEnabled: false, TtsVolume: 50,
          TtsStyle: "longxiaoxia_v2", VoiceType: "SYSTEM", MixingEnabled: false, TtsSpeed: 0,
          BackgroundSound: 1, BackgroundVolume: 1,
        },
        EventConfig: {
          MuteActive: true, SessionTimeout: 600, CallAssistantHangup: false, CallAssistantRecognize: true,
          MuteDuration: 10, MuteHangupNum: 2,
        },
      },
    });
  },

  PageQueryAgentList(ctx, S, p) {
    const pg = paging(p, "PageNo", "PageSize", 10);
    let list = [...S.agents];
    if (p.AgentId !== undefined) list = list.filter((a) => a.AgentId === p.AgentId.trim());
    if (p.AgentName !== undefined) list = list.filter((a) => a.AgentName.includes(p.AgentName));
    if (p.Status !== undefined) list = list.filter((a) => a.Status === p.Status);
    return ok({
      PageSize: pg.PageSize,
      Total: list.length,
      List: pg.slice(list).map((a) => compact({
        Status: a.Status, LastOnlineTime: a.LastOnlineTime || null, ModifyTime: a.ModifyTime, Description: a.Description,
        CreateTime: a.CreateTime, AuditReason: a.AuditReason || null, BuildFailReason: a.BuildFailReason || null,
        ApplicationCode: a.ApplicationCode, BusinessTypeName: a.BusinessTypeName, WithConfig: a.WithConfig,
        AgentName: a.AgentName, AgentId: a.AgentId, WithActivePrompt: a.WithActivePrompt,
      })),
      PageNo: pg.PageNo,
    });
  },

  LlmSmartCall(ctx, S, p) {
    checkLlmApp(S, p.ApplicationCode);
    if (!PHONE_RE.test(p.CalledNumber)) {
      throw new AcsError(400, "InvalidParameter.CalledNumber", 'The specified parameter "CalledNumber" is invalid.');
    }
    if (p.CallerNumber !== undefined && !PHONE_RE.test(p.CallerNumber)) {
      throw new AcsError(400, "InvalidParameter.CallerNumber", 'The specified parameter "CallerNumber" is invalid.');
    }
    if (p.TtsVoiceCode !== undefined && !S.ttsVoices.some((v) => v.TtsVoiceCode === p.TtsVoiceCode)) {
      throw new AcsError(400, "InvalidParameter.TtsVoiceCode", 'The specified parameter "TtsVoiceCode" is invalid.');
    }
    const CallId = startLlmCall(ctx, S, { ...p, encrypted: false });
    return { Code: "OK", Message: "OK", CallId };
  },

  LlmSmartCallEncrypt(ctx, S, p) {
    checkLlmApp(S, p.ApplicationCode);
    if (!PHONE_RE.test(p.CallerNumber)) {
      throw new AcsError(400, "InvalidParameter.CallerNumber", 'The specified parameter "CallerNumber" is invalid.');
    }
    const CallId = startLlmCall(ctx, S, { ...p, CalledNumber: p.EncryptCalledNumber, encrypted: true });
    return ok({ CallId });
  },

  HangupOperate(ctx, S, p) {
    const call = S.calls.get(p.CallId);
    if (!call || call.status !== "ACTIVE") {
      const msg = call ? "The call has already ended." : "The parameter CallId is invalid.";
      return { Code: "InvalidParameter.CallId", Message: msg, Mesage: msg, Result: false, Success: false };
    }
    const now = ctx.now();
    call.status = "ENDED";
    call.EndTime = now;
    call.HangupDirection = "机器人";
    if (call.dialog.length < 3) call.dialog.push({ content: "好的,那先不打扰您了,再见!", role: "assistant" });
    return { Code: "OK", Mesage: "OK", Result: true };
  },

  ListAvailableTts(ctx, S, p) {
    let list = S.ttsVoices;
    if (p.TtsVoiceCode !== undefined) list = list.filter((v) => v.TtsVoiceCode === p.TtsVoiceCode);
    return ok(list.map((v) => ({ ...v })), "OK");
  },

  GetCallDialogContent(ctx, S, p) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.CallDate)) {
      return { Code: "InvalidParameter.CallDate", Message: "The parameter CallDate is invalid, expected yyyy-MM-dd.", Success: false };
    }
    const call = S.calls.get(p.CallId);
    if (!call) return { Code: "InvalidParameter.CallId", Message: "The parameter CallId is invalid.", Success: false };
    return ok({
      DialogContent: JSON.stringify(call.dialog),
      CallId: call.CallId,
      CallStatus: call.status === "ACTIVE" ? 1 : 2,
    });
  },

  GetHotlineServiceStatistics(ctx, S, p) {
    const pg = paging(p, "CurrentPage", "PageSize", 20);
    let rows = S.hotlineAgents;
    if (p.AgentIds) rows = rows.filter((r) => p.AgentIds.includes(r.servicer_id));
    if (p.DepIds) rows = rows.filter((r) => p.DepIds.includes(r.department_id));
    if (p.GroupIds) rows = rows.filter((r) => p.GroupIds.includes(r.group_id));
    const day = cnDateTime(p.StartDate ?? ctx.now()).slice(0, 10).replace(/-/g, "");
    const out = rows.map((r) => {
      const h = hash32(`${p.InstanceId}/${r.servicer_id}/${day}`);
      const incall = 20 + (h % 40);
      const answer = incall - (h % 5);
      return {
        date_id: day, servicer_id: r.servicer_id, servicer_name: r.servicer_name, servicer_real_name: r.servicer_real_name,
        department_id: r.department_id, department_name: r.department_name, group_id: r.group_id, group_name: r.group_name,
        n_inline: incall + 2, n_incall: incall, n_normal_answer: answer, n_normal_answer_20s: answer - (h % 3),
        n_normal_answer_60s: answer, n_queuecall_loss: incall - answer, n_ringcall_loss: 0,
        service_time_len: answer * (90 + (h % 60)), wait_time_len: incall * (5 + (h % 7)),
        call_in_sat_cnt: Math.floor(answer * 0.8), call_in_normal_cnt: Math.ceil(answer * 0.15), all_in_unsat_cnt: 0,
      };
    });
    return ok({ TotalNum: out.length, PageNum: pg.PageNo, PageSize: pg.PageSize, Rows: JSON.stringify(pg.slice(out)) }, "success");
  },
};

// ---------------------------------------------------------------- entry point

/** The sample answer of an operation without a stateful handler: its SDK method (or POST/GET,
 * as every RPC action), the throttling and 5xx hooks, then the sample with the request id.
 * Parameters are not checked (the SDK validates before sending). */
function answerSample(ctx, action, pairs, requestId, headers) {
  const methods = [...new Set([SAMPLE_METHODS[action], "POST", "GET"])];
  if (!methods.includes(ctx.method)) {
    throw new AcsError(400, "UnsupportedHTTPMethod", `This http method is not supported. Use ${methods.join(" or ")}.`);
  }
  const hook = ["TaskName", "CalledNumber", "EncryptCalledNumber"].map((n) => lastValue(pairs, n))
    .find((v) => v === "__throttle__" || v === "__5xx__");
  if (hook === "__throttle__") throw new AcsError(400, "Throttling.User", "Request was denied due to user flow control.");
  if (hook === "__5xx__") throw new AcsError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
  ctx.outcome = "OK (sample)";
  sendJson(ctx.res, 200, { ...structuredClone(SAMPLES[action]), RequestId: requestId }, headers);
}

function isForm(ct) {
  return typeof ct === "string" && /^application\/x-www-form-urlencoded/i.test(ct.trim());
}

/** Handle one aiccs request. ctx: { req, res, method, rawPath, rawQuery, body, state, opts, nonces, now, baseUrl }. */
export function handleAiccs(ctx) {
  const requestId = newRequestId();
  const headers = { "x-acs-request-id": requestId };
  ctx.api = "aiccs";
  const respondError = (e) => {
    ctx.outcome = e.code;
    sendJson(ctx.res, e.status, acsErrorBody(requestId, e.code, e.message), headers);
  };
  try {
    const queryPairs = parsePairs(ctx.rawQuery);
    const bodyPairs = isForm(ctx.req.headers["content-type"]) ? parsePairs(ctx.body.toString("utf8")) : [];
    ctx.action = ctx.req.headers["x-acs-action"] ?? lastValue(queryPairs, "Action");
    const auth = authenticate(ctx, queryPairs, bodyPairs);
    ctx.action = auth.action;
    ctx.signature = auth.signature;

    const spec = Object.hasOwn(ACTIONS, auth.action) ? ACTIONS[auth.action] : null;
    if (!spec && Object.hasOwn(SAMPLES, auth.action)) return answerSample(ctx, auth.action, [...queryPairs, ...bodyPairs], requestId, headers);
    if (!spec) throw new AcsError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    if (!spec.methods.includes(ctx.method)) {
      throw new AcsError(400, "UnsupportedHTTPMethod", `This http method is not supported. Use ${spec.methods.join(" or ")}.`);
    }
    const p = readParams(auth.action, [...queryPairs, ...bodyPairs]);

    const hook = [p.TaskName, p.CalledNumber, p.EncryptCalledNumber].find((v) => v === "__throttle__" || v === "__5xx__");
    if (hook === "__throttle__") throw new AcsError(400, "Throttling.User", "Request was denied due to user flow control.");
    if (hook === "__5xx__") throw new AcsError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");

    let body;
    try {
      body = HANDLERS[auth.action](ctx, ctx.state.aiccs, p);
    } catch (e) {
      if (!(e instanceof BizError)) throw e;
      body = { Code: e.code, Message: e.message, Success: false, ...e.extra };
    }
    ctx.outcome = body.Code === "OK" ? "OK" : body.Code;
    sendJson(ctx.res, 200, { RequestId: requestId, ...body }, headers);
  } catch (e) {
    if (e instanceof AcsError) return respondError(e);
    throw e;
  }
}
