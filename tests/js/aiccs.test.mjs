// Aiccs (Alibaba Cloud aiccs 2019-10-15, signed RPC) against the local emulator, with
// v3 (ACS3-HMAC-SHA256), v1 (HMAC-SHA1) and STS tokens.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

import {
  parsePairs, parseV3Authorization, v3CanonicalRequest, v3StringToSign, v3Signature, sha256Hex,
} from "../../emulator/sign.mjs";
import {
  loadNode, startEmu, readText, recordingFetch, caught, rejection, assertAicallError, issueKeys, logSince,
  createTaskParams, yesterday, isoSeconds, header, AICCS_SEED, FIXTURES, HAS_CJK,
} from "./helpers.mjs";

let Aiccs;
let AicallError;
let emu;

before(async () => {
  ({ Aiccs, AicallError } = await loadNode());
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});

const client = (opts = {}) => new Aiccs({
  accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: `127.0.0.1:${emu.port}`, protocol: "http", ...opts,
});

const VARIANTS = [
  { name: "v3", opts: { signatureVersion: "v3" } },
  { name: "v1", opts: { signatureVersion: "v1" } },
  { name: "v3 + STS", opts: { signatureVersion: "v3", securityToken: "demo-sts-token" } },
  { name: "v1 + STS", opts: { signatureVersion: "v1", securityToken: "demo-sts-token" } },
];

for (const variant of VARIANTS) {
  describe(`aiccs end to end (${variant.name})`, () => {
    let c;
    let f;
    let taskId;
    let callId;
    const sig = variant.opts.signatureVersion;

    before(() => {
      f = recordingFetch();
      c = client({ ...variant.opts, fetch: f });
    });

    test("every request carried the signature scheme (and the STS token) it was set up with", { concurrency: false }, async () => {
      // Runs first: one cheap call to check what goes on the wire.
      const mark = emu.log.length;
      await c.listAvailableTts({});
      const entry = logSince(emu, mark).find((e) => e.action === "ListAvailableTts");
      assert.equal(entry.signature, sig);
      const { url, headers } = f.calls.at(-1);
      const params = new URL(url).searchParams;
      if (sig === "v3") {
        assert.match(header({ headers }, "authorization"), /^ACS3-HMAC-SHA256 Credential=testid,/);
        assert.equal(header({ headers }, "x-acs-security-token"), variant.opts.securityToken);
      } else {
        assert.equal(params.get("SignatureMethod"), "HMAC-SHA1");
        assert.equal(params.get("AccessKeyId"), "testid");
        assert.equal(params.get("SecurityToken") ?? undefined, variant.opts.securityToken);
      }
      assert.ok(!url.includes("testsecret"));
    });

    test("CreateAiCallTask", async () => {
      const params = createTaskParams({ TaskName: `建任务 ${variant.name} ${Date.now()}`, CallRetryReason: ["NO_ANSWER", "USER_BUSY"], MissCallRetry: true });
      assert.deepEqual(Aiccs.validate("CreateAiCallTask", params), []);
      const r = await c.createAiCallTask(params);
      assert.equal(r.Code, "OK");
      assert.equal(r.Success, true);
      assert.equal(typeof r.RequestId, "string");
      assert.ok(["number", "string"].includes(typeof r.Data));
      taskId = String(r.Data);
      assert.ok(emu.state.aiccs.tasks.has(taskId));
      assert.equal(emu.state.aiccs.tasks.get(taskId).TaskName, params.TaskName);
    });

    test("ImportTaskNumberDatas: PhoneNumberList with Chinese variables", async () => {
      const r = await c.importTaskNumberDatas({
        TaskId: taskId,
        DataType: "JSON",
        PhoneNumberList: [
          { calleeNumber: "13800138000", outId: "o-1", 姓名: "张三", 城市: "杭州" },
          { calleeNumber: "13900139000", outId: "o-2", 姓名: "李四", 备注: "老客户, 优先 & 回访" },
        ],
      });
      assert.equal(r.Code, "OK");
      assert.ok(r.Data !== undefined);
    });

    test("StartAiCallTask", async () => {
      const r = await c.startAiCallTask({ TaskId: taskId });
      assert.equal(r.Data, true);
      assert.equal(emu.state.aiccs.tasks.get(taskId).Status, "RUNNING");
    });

    test("QueryAiCallTaskPage and QueryAiCallTaskDetail", async () => {
      const page = await c.queryAiCallTaskPage({ TaskId: taskId, PageNo: 1, PageSize: 10 });
      assert.equal(page.Data.Total, 1);
      assert.equal(page.Data.List[0].TaskId, taskId);
      assert.equal(page.Data.List[0].TotalCount, 2);
      const detail = await c.queryAiCallTaskDetail({ TaskId: taskId });
      assert.equal(detail.Data.TaskId, taskId);
      assert.deepEqual(detail.Data.CallTimes, [{ StartTime: "09:00:00", EndTime: "18:00:00" }]);
      assert.deepEqual(detail.Data.RetryReasons, ["NO_ANSWER", "USER_BUSY"]);
      assert.equal(detail.Data.RetryEnable, true);
    });

    test("QueryAiCallDetailPage: the imported numbers with their variables", async () => {
      const r = await c.queryAiCallDetailPage({ TaskId: taskId, Status: 0, PageNo: 1, PageSize: 10 });
      assert.equal(r.Data.Total, 2);
      const byOut = Object.fromEntries(r.Data.List.map((d) => [d.OutId, d]));
      assert.deepEqual(JSON.parse(byOut["o-1"].Options), { 姓名: "张三", 城市: "杭州" });
      assert.deepEqual(JSON.parse(byOut["o-2"].Options), { 姓名: "李四", 备注: "老客户, 优先 & 回访" });
    });

    test("LlmSmartCall -> CallId, HangupOperate (vendor key Mesage), GetCallDialogContent", async () => {
      const call = await c.llmSmartCall({
        ApplicationCode: AICCS_SEED.LLM_APP, CalledNumber: "13800138000", StartWordParam: { name: "王五" }, TtsVoiceCode: "V9A0000001",
      });
      assert.equal(call.Code, "OK");
      assert.equal(typeof call.CallId, "string");
      assert.ok(call.CallId.length > 0);
      callId = call.CallId;

      const hang = await c.hangupOperate({ CallId: callId, ImmediateHangup: true });
      assert.equal(hang.Code, "OK");
      assert.equal(hang.Mesage, "OK");
      assert.equal(hang.Result, true);
      assert.ok(!("Message" in hang), "the SDK renamed or invented Message");

      const dialog = await c.getCallDialogContent({ CallId: callId, CallDate: yesterday() });
      assert.equal(dialog.Data.CallId, callId);
      const turns = JSON.parse(dialog.Data.DialogContent);
      assert.ok(Array.isArray(turns) && turns.length >= 1);
      assert.match(turns[0].content, /王五/);
    });

    test("GetCallDialogContent of the seeded call", async () => {
      const r = await c.getCallDialogContent({ CallId: AICCS_SEED.CALL_ENDED, CallDate: yesterday() });
      assert.equal(r.Data.CallId, AICCS_SEED.CALL_ENDED);
      assert.equal(typeof r.Data.DialogContent, "string");
    });

    test("ListAvailableTts", async () => {
      const r = await c.listAvailableTts({});
      const names = r.Data.map((v) => v.TtsVoiceName);
      for (const n of ["龙小夏", "龙婉", "龙橙", "龙华", "知甜"]) assert.ok(names.includes(n), n);
      const one = await c.listAvailableTts({ TtsVoiceCode: "V9A0000001" });
      assert.deepEqual(one.Data.map((v) => v.TtsVoiceCode), ["V9A0000001"]);
    });

    test("GetHotlineServiceStatistics is sent as GET, list params comma-joined", async () => {
      const mark = emu.log.length;
      const r = await c.getHotlineServiceStatistics({ InstanceId: AICCS_SEED.INSTANCE, AgentIds: [111, "112"], ExistAgentGrouping: true });
      const entry = logSince(emu, mark).find((e) => e.action === "GetHotlineServiceStatistics");
      assert.equal(entry.method, "GET");
      assert.equal(entry.status, 200);
      assert.equal(f.calls.at(-1).init.method, "GET");
      assert.equal(new URL(f.calls.at(-1).url).searchParams.get("AgentIds"), "111,112");
      assert.equal(r.Data.TotalNum, 2);
      assert.equal(JSON.parse(r.Data.Rows).length, 2);
    });

    test("business error (unknown task) -> kind api with apiCode and requestId", async () => {
      const e = await rejection(c.queryAiCallTaskDetail({ TaskId: "404404404" }));
      assertAicallError(e, AicallError, { kind: "api", apiCode: "TaskNotExist", status: 200, retryable: false });
      assert.equal(typeof e.requestId, "string");
    });

    test("HangupOperate of an unknown call -> kind api InvalidParameter.CallId", async () => {
      const e = await rejection(c.hangupOperate({ CallId: "no-such-call" }));
      assertAicallError(e, AicallError, { kind: "api", apiCode: "InvalidParameter.CallId" });
    });
  });
}

describe("aiccs signing and gateway errors", () => {
  const TASK = AICCS_SEED.TASK_RUNNING;

  test("buildRequest with fixed nonce + timestamp is deterministic; another nonce changes the signature", () => {
    const ts = "2026-11-21T08:00:00Z";
    for (const signatureVersion of ["v3", "v1"]) {
      const c = client({ signatureVersion });
      const a = c.buildRequest("QueryAiCallTaskDetail", { TaskId: TASK }, { nonce: "nonce-1", timestamp: ts });
      const b = c.buildRequest("QueryAiCallTaskDetail", { TaskId: TASK }, { nonce: "nonce-1", timestamp: ts });
      const d = c.buildRequest("QueryAiCallTaskDetail", { TaskId: TASK }, { nonce: "nonce-2", timestamp: ts });
      assert.deepEqual(a, b);
      // Also from a second client with the same credentials.
      assert.deepEqual(client({ signatureVersion }).buildRequest("QueryAiCallTaskDetail", { TaskId: TASK }, { nonce: "nonce-1", timestamp: ts }), a);
      const sigOf = (r) => (signatureVersion === "v3" ? header(r, "authorization") : new URL(r.url).searchParams.get("Signature"));
      assert.ok(sigOf(a), `${signatureVersion}: no signature found`);
      assert.notEqual(sigOf(a), sigOf(d));
    }
  });

  test("parameter order does not change the signed request", () => {
    const c = client();
    const opts = { nonce: "n", timestamp: "2026-11-21T08:00:00Z" };
    const a = c.buildRequest("QueryAiCallTaskPage", { PageNo: 1, PageSize: 5, TaskName: "x" }, opts);
    const b = c.buildRequest("QueryAiCallTaskPage", { TaskName: "x", PageSize: 5, PageNo: 1 }, opts);
    assert.deepEqual(a, b);
  });

  test("without a nonce, every request gets a fresh one", () => {
    const c = client();
    const a = c.buildRequest("ListAvailableTts", {});
    const b = c.buildRequest("ListAvailableTts", {});
    assert.notEqual(header(a, "x-acs-signature-nonce"), header(b, "x-acs-signature-nonce"));
  });

  test("the built request is accepted when sent with fetch(req.url, req); sending it again -> SignatureNonceUsed", async () => {
    for (const signatureVersion of ["v3", "v1"]) {
      const req = client({ signatureVersion }).buildRequest("QueryAiCallTaskDetail", { TaskId: TASK });
      const r1 = await fetch(req.url, req);
      const ok = Aiccs.parseResponse("QueryAiCallTaskDetail", r1.status, await r1.text());
      assert.equal(ok.Data.TaskId, TASK);
      const r2 = await fetch(req.url, req);
      const text2 = await r2.text();
      const e2 = caught(() => Aiccs.parseResponse("QueryAiCallTaskDetail", r2.status, text2));
      assertAicallError(e2, AicallError, { kind: "http", status: 400, apiCode: "SignatureNonceUsed" });
      assert.equal(typeof e2.requestId, "string", "RequestId from the body");
    }
  });

  test("a timestamp 20 minutes old -> InvalidTimeStamp.Expired", async () => {
    const c = client();
    const req = c.buildRequest("QueryAiCallTaskDetail", { TaskId: TASK }, { timestamp: isoSeconds(Date.now() - 20 * 60e3) });
    const res = await fetch(req.url, req);
    const text = await res.text();
    const e2 = caught(() => Aiccs.parseResponse("QueryAiCallTaskDetail", res.status, text));
    assertAicallError(e2, AicallError, { kind: "http", status: 400, apiCode: "InvalidTimeStamp.Expired" });
  });

  test("a bad timestamp option is a validation error", () => {
    const e = caught(() => client().buildRequest("ListAvailableTts", {}, { timestamp: "yesterday" }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.equal(e.issues[0].path, "timestamp");
  });

  test("wrong secret -> SignatureDoesNotMatch, kind http, status 400, requestId set", async () => {
    for (const signatureVersion of ["v3", "v1"]) {
      const e = await rejection(client({ accessKeySecret: "wrong-secret", signatureVersion }).queryAiCallTaskDetail({ TaskId: TASK }));
      assertAicallError(e, AicallError, { kind: "http", status: 400, apiCode: "SignatureDoesNotMatch", retryable: false });
      assert.equal(typeof e.requestId, "string");
      assert.ok(e.requestId.length > 0);
    }
  });

  test("unknown AccessKeyId -> 404 InvalidAccessKeyId.NotFound; wrong STS token -> InvalidSecurityToken.Malformed", async () => {
    const e1 = await rejection(client({ accessKeyId: "nobody" }).listAvailableTts({}));
    assertAicallError(e1, AicallError, { kind: "http", status: 404, apiCode: "InvalidAccessKeyId.NotFound" });
    const e2 = await rejection(client({ securityToken: "not-the-token" }).listAvailableTts({}));
    assertAicallError(e2, AicallError, { kind: "http", status: 400, apiCode: "InvalidSecurityToken.Malformed" });
  });

  test("__throttle__ -> Throttling.User, retryable; call() tried 3 times with 3 distinct nonces", async () => {
    const f = recordingFetch();
    const c = client({ fetch: f });
    const mark = emu.log.length;
    const noncesBefore = emu.nonces.size;
    const e = await rejection(c.createAiCallTask(createTaskParams({ TaskName: "__throttle__" })));
    assertAicallError(e, AicallError, { apiCode: "Throttling.User", retryable: true, status: 400 });
    const attempts = logSince(emu, mark).filter((x) => x.action === "CreateAiCallTask");
    assert.equal(attempts.length, 3);
    for (const a of attempts) assert.equal(a.outcome, "Throttling.User");
    // The emulator accepted (and remembered) 3 different nonces: no SignatureNonceUsed.
    assert.equal(emu.nonces.size - noncesBefore, 3);
    const nonces = f.calls.map((x) => header(x, "x-acs-signature-nonce"));
    assert.equal(nonces.length, 3);
    assert.equal(new Set(nonces).size, 3);
  });

  test("HTTP 503 on a read is retried; on a write it is not (the first attempt may have run)", async () => {
    let mark = emu.log.length;
    const e1 = await rejection(client().queryAiCallTaskPage({ TaskName: "__5xx__" }));
    assertAicallError(e1, AicallError, { kind: "http", status: 503, retryable: true });
    const reads = logSince(emu, mark).filter((x) => x.action === "QueryAiCallTaskPage").length;
    assert.ok(reads >= 2 && reads <= 3, `${reads} attempts`);

    mark = emu.log.length;
    const e2 = await rejection(client().createAiCallTask(createTaskParams({ TaskName: "__5xx__" })));
    assertAicallError(e2, AicallError, { kind: "http", status: 503 });
    assert.equal(logSince(emu, mark).filter((x) => x.action === "CreateAiCallTask").length, 1);
  });

  test("timeout on a write -> kind timeout, sent once", async () => {
    const hanging = (url, init) => new Promise((resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
    const f = recordingFetch(hanging);
    const t0 = Date.now();
    const e = await rejection(client({ timeoutMs: 200, fetch: f }).createAiCallTask(createTaskParams()));
    assertAicallError(e, AicallError, { kind: "timeout", retryable: false, outcomeUnknown: true });
    assert.ok(Date.now() - t0 < 1500);
    assert.equal(f.calls.length, 1);
  });

  test("AbortController -> kind aborted", async () => {
    const hanging = (url, init) => new Promise((resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await rejection(client({ fetch: hanging }).listAvailableTts({}, { signal: ac.signal }));
    assertAicallError(e, AicallError, { kind: "aborted", retryable: false });
  });

  test("regression: timeoutMs is not enforced when the injected fetch ignores the AbortSignal", async () => {
    const never = () => new Promise(() => {});
    const out = await Promise.race([
      client({ timeoutMs: 200, fetch: never }).hangupOperate({ CallId: "x" }).then(() => "resolved", (e) => e),
      new Promise((r) => setTimeout(() => r("still pending"), 1500)),
    ]);
    assertAicallError(out, AicallError, { kind: "timeout" });
  });

  test("network failure -> kind network", async () => {
    const c = new Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: "127.0.0.1:1", protocol: "http" });
    const e = await rejection(c.createAiCallTask(createTaskParams()));
    assertAicallError(e, AicallError, { kind: "network", retryable: false, outcomeUnknown: true });
  });

  test("unknown action and unknown parameter names are validation errors, nothing is sent", async () => {
    const f = recordingFetch();
    const c = client({ fetch: f });
    const e1 = await rejection(c.call("CreateAiCallTaskk", createTaskParams()));
    assertAicallError(e1, AicallError, { kind: "validation" });
    assert.deepEqual(e1.issues.map((i) => i.path), ["action"]);

    const e2 = await rejection(c.createAiCallTask({ ...createTaskParams(), TaskNmae: "typo", callDay: ["MONDAY"] }));
    assertAicallError(e2, AicallError, { kind: "validation" });
    const keys = issueKeys(e2.issues);
    assert.ok(keys.includes("TaskNmae:unknown_field"), keys.join(" "));
    assert.ok(keys.includes("callDay:unknown_field"), keys.join(" "));

    const e3 = caught(() => c.buildRequest("NoSuchAction", {}));
    assertAicallError(e3, AicallError, { kind: "validation" });
    const e4 = caught(() => c.buildRequest("ListAvailableTts", { Bogus: 1 }));
    assertAicallError(e4, AicallError, { kind: "validation" });
    assert.deepEqual(issueKeys(e4.issues), ["Bogus:unknown_field"]);
    assert.equal(f.calls.length, 0);
  });

  test("Aiccs.validate reports every problem; static validator in zh-CN", () => {
    const bad = { TaskName: "", StartType: "LATER", CallDay: ["FUNDAY"], CallTime: [{ startTime: "19:00:00", endTime: "18:00:00" }], TaskCps: 100000 };
    const keys = issueKeys(Aiccs.validate("CreateAiCallTask", bad));
    for (const p of ["StartType", "CallDay[0]", "CallTime[0].endTime", "TaskCps"]) {
      assert.ok(keys.some((k) => k.startsWith(`${p}:`)), `${p} missing in ${keys.join(" ")}`);
    }
    const zh = Aiccs.validate("CreateAiCallTask", bad, { locale: "zh-CN" });
    assert.equal(zh.length, keys.length);
    for (const i of zh) assert.match(i.message, HAS_CJK);
    assert.deepEqual(issueKeys(Aiccs.validate("NoSuch", {})), ["action:unknown_action"]);
    assert.deepEqual(Aiccs.validate("CreateAiCallTask", createTaskParams()), []);
  });

  test("Aiccs.validate with {now}: CallDate within the last 30 days, not in the future", () => {
    const now = Date.UTC(2025, 5, 15, 4, 0, 0); // 2025-06-15 12:00 in China
    const v = (CallDate) => issueKeys(Aiccs.validate("GetCallDialogContent", { CallId: "1^2", CallDate }, { now }));
    assert.deepEqual(v("2025-06-15"), []);
    assert.deepEqual(v("2025-06-01"), []);
    assert.deepEqual(v("2025-05-20"), []);
    assert.deepEqual(v("2025-04-01"), ["CallDate:too_old"]);
    assert.deepEqual(v("2025-06-20"), ["CallDate:in_future"]);
    assert.deepEqual(v("2025-02-30"), ["CallDate:invalid_date"]); // the right shape, no such day
    assert.deepEqual(v("15/06/2025"), ["CallDate:invalid_format"]);
    // The same date is fine or too old depending on `now`.
    assert.deepEqual(issueKeys(Aiccs.validate("GetCallDialogContent", { CallId: "1^2", CallDate: "2020-01-01" }, { now: Date.UTC(2020, 0, 10) })), []);
    assert.deepEqual(issueKeys(Aiccs.validate("GetCallDialogContent", { CallId: "1^2", CallDate: "2020-01-01" }, { now: Date.UTC(2020, 2, 10) })), ["CallDate:too_old"]);
    const e = caught(() => Aiccs.validate("GetCallDialogContent", { CallId: "1^2", CallDate: "2025-06-15" }, { now: "today" }));
    assertAicallError(e, AicallError, { kind: "validation" });
  });

  test("ImportTaskNumberDatas with 1000 numbers (the maximum) goes in the form body, v3 and v1", async () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({ calleeNumber: `138${String(i).padStart(8, "0")}`, outId: `o${i}`, 姓名: `张三${i}` }));
    for (const signatureVersion of ["v3", "v1"]) {
      const c = client({ signatureVersion });
      const { Data: taskId } = await c.createAiCallTask(createTaskParams());
      const req = c.buildRequest("ImportTaskNumberDatas", { TaskId: String(taskId), DataType: "JSON", PhoneNumberList: list });
      assert.ok(req.url.length < 2000, `URL of ${req.url.length} characters`);
      assert.match(header(req, "content-type"), /^application\/x-www-form-urlencoded/);
      const r = await c.importTaskNumberDatas({ TaskId: String(taskId), DataType: "JSON", PhoneNumberList: list });
      assert.equal(r.Code, "OK");
      const page = await c.queryAiCallDetailPage({ TaskId: String(taskId), Status: 0, PageSize: 1 });
      assert.equal(page.Data.Total, 1000);
    }
    const tooMany = Aiccs.validate("ImportTaskNumberDatas", { TaskId: "1", DataType: "JSON", PhoneNumberList: [...list, { calleeNumber: "13800000000" }] });
    assert.ok(issueKeys(tooMany).some((k) => k.startsWith("PhoneNumberList")), issueKeys(tooMany).join(" "));
  });

  test("special characters in values are signed the same way the gateway checks them (v3 and v1)", async () => {
    const names = ["a+b c*d~e/f=g&h%i'()!", "emoji 😀 中文 ,;:@$", "[]{}|\\^`\"<>#?"];
    for (const signatureVersion of ["v3", "v1"]) {
      const c = client({ signatureVersion });
      for (const n of names) {
        const r = await c.createAiCallTask(createTaskParams({ TaskName: n }));
        const d = await c.queryAiCallTaskDetail({ TaskId: String(r.Data) });
        assert.equal(d.Data.TaskName, n);
      }
    }
  });
});

/** Does the v3 signature hold for the Host header fetch will actually send? (independent check, emulator's sign.mjs) */
function v3HoldsForSentHost(endpoint, protocol) {
  const c = new Aiccs({ accessKeyId: "id", accessKeySecret: "sec", endpoint, protocol });
  const req = c.buildRequest("CreateAiCallTask", createTaskParams({ TaskName: "a b" }), { nonce: "n", timestamp: "2026-01-01T00:00:00Z" });
  const u = new URL(req.url);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const auth = parseV3Authorization(headers.authorization);
  const canonical = v3CanonicalRequest({
    method: req.method, uri: u.pathname, queryPairs: parsePairs(u.search.slice(1)),
    headers: { ...headers, host: u.host }, signedHeaders: auth.signedHeaders, payloadHash: sha256Hex(req.body ?? ""),
  });
  return v3Signature("sec", v3StringToSign(canonical)) === auth.signature;
}

describe("v3 signature vs the Host header fetch sends", () => {
  test("plain endpoints", () => {
    for (const [endpoint, protocol] of [["aiccs.aliyuncs.com", "https"], ["aiccs.cn-shanghai.aliyuncs.com", "https"], ["127.0.0.1:8080", "http"], ["[::1]:8080", "http"]]) {
      assert.ok(v3HoldsForSentHost(endpoint, protocol), `${protocol}://${endpoint}`);
    }
  });

  test("regression: an explicit default port or upper-case host is signed but not sent", () => {
    for (const [endpoint, protocol] of [["aiccs.aliyuncs.com:443", "https"], ["aiccs.aliyuncs.com:80", "http"], ["AICCS.aliyuncs.com", "https"]]) {
      assert.ok(v3HoldsForSentHost(endpoint, protocol), `${protocol}://${endpoint}`);
    }
  });
});

describe("Aiccs.parseResponse on the seed answers", () => {
  const files = fs.readdirSync(path.join(FIXTURES, "aiccs")).filter((f) => f.endsWith(".json"));

  test("there are fixtures", () => assert.ok(files.length >= 19));

  for (const file of files) {
    const action = file.slice(0, -5);
    test(`${action}`, () => {
      const text = readText(`aiccs/${file}`);
      const out = Aiccs.parseResponse(action, 200, text);
      assert.equal(typeof out, "object");
      const raw = JSON.parse(text);
      // Vendor field names kept as they are.
      for (const k of Object.keys(raw)) assert.ok(k in out, `${action}: ${k} lost`);
      assert.equal(out.RequestId, raw.RequestId);
      if (action === "HangupOperate") {
        assert.equal(out.Mesage, raw.Mesage);
        assert.equal(out.Result, true);
      }
    });
  }

  test("int64 values above 2^53 come back as exact strings", () => {
    const out = Aiccs.parseResponse("CreateAiCallTask", 200, '{"RequestId":"r","Code":"OK","Success":true,"Data":9007199254740993}');
    assert.equal(String(out.Data), "9007199254740993");
  });

  test("error answers and broken bodies", () => {
    const e1 = caught(() => Aiccs.parseResponse("CreateAiCallTask", 200, '{"RequestId":"r1","Code":"TaskNotExist","Message":"任务不存在","Success":false}'));
    assertAicallError(e1, AicallError, { kind: "api", apiCode: "TaskNotExist", requestId: "r1" });
    const e2 = caught(() => Aiccs.parseResponse("CreateAiCallTask", 400, '{"RequestId":"r2","Code":"Throttling.User","Message":"m"}'));
    assertAicallError(e2, AicallError, { kind: "http", status: 400, apiCode: "Throttling.User", retryable: true });
    const e3 = caught(() => Aiccs.parseResponse("CreateAiCallTask", 200, "<html>login</html>"));
    assertAicallError(e3, AicallError, { kind: "parse" });
    const e4 = caught(() => Aiccs.parseResponse("NoSuchAction", 200, "{}"));
    assertAicallError(e4, AicallError, { kind: "validation" });
  });
});

describe("constructor options", () => {
  test("missing credentials and bad options are reported together", () => {
    const e = caught(() => new Aiccs({ protocol: "ftp", signatureVersion: "v2", endpoint: "https://x/y" }));
    assertAicallError(e, AicallError, { kind: "validation" });
    const paths = e.issues.map((i) => i.path);
    assert.ok(paths.includes("accessKeyId"), paths.join(" "));
    assert.ok(paths.includes("accessKeySecret"), paths.join(" "));
  });

  test("default endpoint is https://aiccs.aliyuncs.com", () => {
    const req = new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).buildRequest("ListAvailableTts", {});
    assert.ok(req.url.startsWith("https://aiccs.aliyuncs.com/"), req.url);
  });
});
