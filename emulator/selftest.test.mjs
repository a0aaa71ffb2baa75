// Self-tests of the emulator:  node --test emulator/
// The tiny signers below are written independently of sign.mjs on purpose.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startEmulator, AGENT_SEED, AICCS_SEED } from "./server.mjs";
import {
  rfc3986, parsePairs, canonicalQuery, v3CanonicalRequest, v3StringToSign, v3Signature,
  v1StringToSign, v1Signature, EMPTY_SHA256,
} from "./sign.mjs";

import { isoSeconds, signV3, signV1, request } from "./testlib/signed-requests.mjs";


// ------------------------------------------------------------------ published vectors

describe("signature vectors (published)", () => {
  test("v3 ACS3-HMAC-SHA256 vector: hashed canonical request and signature", () => {
    const headers = {
      host: "ecs.cn-shanghai.aliyuncs.com",
      "x-acs-action": "RunInstances",
      "x-acs-content-sha256": EMPTY_SHA256,
      "x-acs-date": "2023-10-26T10:22:32Z",
      "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
      "x-acs-version": "2014-05-26",
    };
    const cr = v3CanonicalRequest({
      method: "POST", uri: "/",
      queryPairs: parsePairs("ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"),
      headers, signedHeaders: Object.keys(headers), payloadHash: EMPTY_SHA256,
    });
    const sts = v3StringToSign(cr);
    assert.equal(sts, "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    assert.equal(v3Signature("YourAccessKeySecret", sts), "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  });

  test("v1 HMAC-SHA1 vector: string to sign and signature", () => {
    const pairs = parsePairs("AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1" +
      "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26");
    const sts = v1StringToSign("GET", pairs);
    assert.equal(sts, "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
      "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
    assert.equal(v1Signature("testsecret", sts), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  test("RFC 3986 encoding and canonical query rules", () => {
    assert.equal(rfc3986("a b*c~d-_.!'()"), "a%20b%2Ac~d-_.%21%27%28%29");
    assert.equal(rfc3986("张三"), "%E5%BC%A0%E4%B8%89");
    assert.equal(rfc3986("+/="), "%2B%2F%3D");
    // decoded then re-encoded; '+' in a raw query means space; empty values kept as "k="
    assert.equal(canonicalQuery(parsePairs("b=2&a=x+y&c&a=%7e&D=%E5%BC%A0")), "D=%E5%BC%A0&a=x%20y&a=~&b=2&c=");
  });
});

// ------------------------------------------------------------------ emulator

describe("emulator", () => {
  let emu;
  let port;
  let host;
  let clock = Date.now();
  let www;
  const AK = "demo-access-key-id";
  const SK = "demo-access-key-secret";

  before(async () => {
    www = mkdtempSync(path.join(tmpdir(), "aicall-emu-"));
    mkdirSync(path.join(www, "pkg"));
    writeFileSync(path.join(www, "index.html"), "<!doctype html><title>demo</title>");
    writeFileSync(path.join(www, "app.mjs"), "export const x = 1;\n");
    writeFileSync(path.join(www, "pkg", "aicall_bg.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(path.join(tmpdir(), "aicall-emu-secret.txt"), "secret");
    emu = await startEmulator({
      quiet: true, now: () => clock, slowMs: 300,
      staticDirs: [{ prefix: "/", dir: www }, { prefix: "/pkg/", dir: path.join(www, "pkg") }],
    });
    port = emu.port;
    host = `127.0.0.1:${port}`;
  });
  after(async () => {
    await emu.close();
    rmSync(www, { recursive: true, force: true });
    rmSync(path.join(tmpdir(), "aicall-emu-secret.txt"), { force: true });
  });

  const v3 = (o) => request(port, signV3({ host, ak: AK, sk: SK, date: isoSeconds(clock), ...o }));
  const v1 = (o) => request(port, signV1({ ak: AK, sk: SK, timestamp: isoSeconds(clock), ...o }));
  const bearer = { authorization: "Bearer test-token" };
  const batchPath = (user, task, ids, key = "recordIds[]") =>
    `/agent-api/user/${user}/task/${task}/batch_record/download-full-voice?` + ids.map((id) => `${key}=${encodeURIComponent(id)}`).join("&");
  const putTask = (user, task, body, headers = bearer) =>
    request(port, { method: "PUT", path: `/agent-api/new/user/${user}/task/${task}`, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });

  // ---------------------------------------------------------------- aiccs signing

  test("aiccs v3: correctly signed request is accepted", async () => {
    const r = await v3({ action: "ListAvailableTts", query: { TtsVoiceCode: "V9A0000001" } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.Code, "OK");
    assert.equal(r.json.Success, true);
    assert.equal(r.json.Data.length, 1);
    assert.equal(r.json.Data[0].TtsVoiceName, "龙小夏");
    assert.match(r.headers["x-acs-request-id"], /^[0-9A-F-]{36}$/);
    assert.equal(r.json.RequestId, r.headers["x-acs-request-id"]);
  });

  test("aiccs v3: form body with JSON-style params and Chinese text", async () => {
    const r = await v3({
      action: "CreateAiCallTask",
      query: { TaskName: "测试 任务+1", AgentId: AICCS_SEED.AGENT_ONLINE, StartType: "IMMEDIATE", TaskCps: "5" },
      form: { CallTime: JSON.stringify([JSON.stringify({ startTime: "09:00:00", endTime: "18:00:00" })]), CallDay: '["MONDAY","FRIDAY"]' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.Code, "OK");
    assert.equal(typeof r.json.Data, "number");
    assert.ok(Number.isSafeInteger(r.json.Data));
    const detail = await v3({ action: "QueryAiCallTaskDetail", query: { TaskId: String(r.json.Data) } });
    assert.equal(detail.json.Data.TaskName, "测试 任务+1");
    assert.deepEqual(detail.json.Data.CallDays, ["MONDAY", "FRIDAY"]);
    assert.deepEqual(detail.json.Data.CallTimes, [{ StartTime: "09:00:00", EndTime: "18:00:00" }]);
  });

  test("aiccs v1: correctly signed GET and POST (form body) are accepted", async () => {
    const g = await v1({ action: "QueryAiCallTaskPage", params: { PageNo: "1", PageSize: "10", TaskName: "会员" } });
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.Code, "OK");
    assert.ok(g.json.Data.List.some((t) => t.TaskId === AICCS_SEED.TASK_RUNNING));
    const p = await v1({ method: "POST", action: "StopAiCallTask", form: { TaskId: AICCS_SEED.TASK_STOPPED } });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.Code, "TaskStatusInvalid"); // already stopped: business error in HTTP 200
    assert.equal(p.json.Success, false);
  });

  test("aiccs: tampered requests get SignatureDoesNotMatch with the server string to sign", async () => {
    const signed = signV3({ host, ak: AK, sk: SK, date: isoSeconds(clock), action: "QueryAiCallTaskDetail", query: { TaskId: AICCS_SEED.TASK_RUNNING } });
    const tampered = { ...signed, path: signed.path.replace(AICCS_SEED.TASK_RUNNING, AICCS_SEED.TASK_STOPPED) };
    const r = await request(port, tampered);
    assert.equal(r.status, 400);
    assert.equal(r.json.Code, "SignatureDoesNotMatch");
    assert.match(r.json.Message, /^Specified signature is not matched with our calculation\. server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    assert.deepEqual(Object.keys(r.json).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
    assert.equal(r.json.HostId, "aiccs.aliyuncs.com");
    assert.match(r.json.Recommend, /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=SignatureDoesNotMatch/);

    const withBody = signV3({ host, ak: AK, sk: SK, date: isoSeconds(clock), action: "ImportTaskNumberDatas",
      query: { TaskId: AICCS_SEED.TASK_STOPPED, DataType: "JSON" }, form: { PhoneNumberList: '[{"calleeNumber":"13800000000"}]' } });
    const r2 = await request(port, { ...withBody, body: withBody.body.replace("138", "139") });
    assert.equal(r2.status, 400);
    assert.equal(r2.json.Code, "SignatureDoesNotMatch");

    const v1signed = signV1({ ak: AK, sk: SK, timestamp: isoSeconds(clock), action: "QueryAiCallTaskDetail", params: { TaskId: AICCS_SEED.TASK_RUNNING } });
    const r3 = await request(port, { ...v1signed, path: v1signed.path.replace(AICCS_SEED.TASK_RUNNING, AICCS_SEED.TASK_STOPPED) });
    assert.equal(r3.status, 400);
    assert.equal(r3.json.Code, "SignatureDoesNotMatch");
    assert.match(r3.json.Message, /server string to sign is:GET&%2F&AccessKeyId%3Ddemo-access-key-id%26/);

    const wrongSecret = await request(port, signV3({ host, ak: AK, sk: "wrong", date: isoSeconds(clock), action: "ListAvailableTts" }));
    assert.equal(wrongSecret.json.Code, "SignatureDoesNotMatch");
  });

  test("aiccs: replayed nonce gets SignatureNonceUsed (v3 and v1)", async () => {
    const signed = signV3({ host, ak: AK, sk: SK, date: isoSeconds(clock), action: "ListAvailableTts" });
    assert.equal((await request(port, signed)).status, 200);
    const again = await request(port, signed);
    assert.equal(again.status, 400);
    assert.equal(again.json.Code, "SignatureNonceUsed");

    const s1 = signV1({ ak: AK, sk: SK, timestamp: isoSeconds(clock), action: "ListAvailableTts" });
    assert.equal((await request(port, s1)).status, 200);
    assert.equal((await request(port, s1)).json.Code, "SignatureNonceUsed");
  });

  test("aiccs: old or malformed timestamps are rejected", async () => {
    const old = isoSeconds(clock - 16 * 60 * 1000);
    const r = await v3({ action: "ListAvailableTts", date: old });
    assert.equal(r.status, 400);
    assert.equal(r.json.Code, "InvalidTimeStamp.Expired");
    const r1 = await v1({ action: "ListAvailableTts", timestamp: old });
    assert.equal(r1.json.Code, "InvalidTimeStamp.Expired");
    const future = await v3({ action: "ListAvailableTts", date: isoSeconds(clock + 16 * 60 * 1000) });
    assert.equal(future.json.Code, "InvalidTimeStamp.Expired");
    const within = await v3({ action: "ListAvailableTts", date: isoSeconds(clock - 14 * 60 * 1000) });
    assert.equal(within.status, 200);
    const local = await v3({ action: "ListAvailableTts", date: "2025-06-03 10:00:00" });
    assert.equal(local.json.Code, "InvalidTimeStamp.Format");
  });

  test("aiccs: credential, STS, action, version and parameter errors", async () => {
    const unknownAk = await request(port, signV3({ host, ak: "nobody", sk: "x", date: isoSeconds(clock), action: "ListAvailableTts" }));
    assert.equal(unknownAk.status, 404);
    assert.equal(unknownAk.json.Code, "InvalidAccessKeyId.NotFound");

    const v1Vector = await request(port, signV1({ ak: "testid", sk: "testsecret", timestamp: isoSeconds(clock), action: "ListAvailableTts" }));
    assert.equal(v1Vector.status, 200, v1Vector.text);

    const stsOk = await v3({ action: "ListAvailableTts", token: "demo-sts-token" });
    assert.equal(stsOk.status, 200);
    const stsBad = await v3({ action: "ListAvailableTts", token: "forged" });
    assert.equal(stsBad.status, 400);
    assert.equal(stsBad.json.Code, "InvalidSecurityToken.Malformed");
    const stsBadV1 = await v1({ action: "ListAvailableTts", token: "forged" });
    assert.equal(stsBadV1.json.Code, "InvalidSecurityToken.Malformed");

    const noAction = await v3({ action: "DescribeRegions" });
    assert.equal(noAction.status, 404);
    assert.equal(noAction.json.Code, "InvalidAction.NotFound");

    const badVersion = await v3({ action: "ListAvailableTts", version: "2015-01-01" });
    assert.equal(badVersion.json.Code, "InvalidVersion");

    const missingParam = await v3({ action: "StartAiCallTask" });
    assert.equal(missingParam.status, 400);
    assert.equal(missingParam.json.Code, "MissingParameter");
    assert.match(missingParam.json.Message, /"TaskId"/);

    const badJson = await v3({ action: "CreateAiCallTask", query: { TaskName: "x", StartType: "IMMEDIATE", CallTime: "09:00-10:00", CallDay: '["MONDAY"]' } });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.json.Code, "InvalidParameter");

    const wrongMethod = await v3({ method: "GET", action: "HangupOperate", query: { CallId: "1^2" } });
    assert.equal(wrongMethod.status, 400);

    const unsigned = await request(port, { path: "/?Action=ListAvailableTts" });
    assert.equal(unsigned.status, 400);
    assert.ok(unsigned.headers["x-acs-request-id"]);
  });

  test("aiccs: throttling and 5xx hooks", async () => {
    const t = await v3({ action: "LlmSmartCall", query: { CalledNumber: "__throttle__", ApplicationCode: "demo-llm-app" } });
    assert.equal(t.status, 400);
    assert.equal(t.json.Code, "Throttling.User");
    assert.equal(t.json.Message, "Request was denied due to user flow control.");
    const f = await v1({ method: "POST", action: "CreateAiCallTask", params: { TaskName: "__5xx__", StartType: "IMMEDIATE", CallTime: '["{}"]', CallDay: '["MONDAY"]' } });
    assert.equal(f.status, 503);
    assert.equal(f.json.Code, "ServiceUnavailable");
  });

  test("aiccs: task life cycle, import, details, cancel", async () => {
    const created = await v3({
      action: "CreateAiCallTask",
      query: { TaskName: "生命周期测试", ApplicationCode: "demo-llm-app", StartType: "IMMEDIATE",
        CallTime: JSON.stringify([JSON.stringify({ startTime: "08:00:00", endTime: "21:00:00" })]), CallDay: '["MONDAY"]' },
    });
    const TaskId = String(created.json.Data);
    const page = async (Status) => (await v3({ action: "QueryAiCallTaskPage", query: { TaskId, ...(Status ? { Status } : {}) } })).json.Data;
    assert.equal((await page("INIT")).Total, 1);

    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ calleeNumber: `138${String(i).padStart(8, "0")}` }));
    const rejected = await v3({ action: "ImportTaskNumberDatas", query: { TaskId, DataType: "JSON" }, form: { PhoneNumberList: JSON.stringify(tooMany) } });
    assert.equal(rejected.status, 200);
    assert.equal(rejected.json.Success, false);
    assert.notEqual(rejected.json.Code, "OK");

    const list = [{ calleeNumber: "13800001111", outId: "o-1", name: "张三" }, { calleeNumber: "13900002222", outId: "o-2" }, { calleeNumber: "18600003333" }];
    const imp = await v3({ action: "ImportTaskNumberDatas", query: { TaskId, DataType: "JSON" }, form: { PhoneNumberList: JSON.stringify(list) } });
    assert.equal(imp.json.Code, "OK", imp.text);
    assert.equal(typeof imp.json.Data, "number");

    const pending = await v3({ action: "QueryAiCallDetailPage", query: { TaskId, Status: "0", PageSize: "2" } });
    assert.equal(pending.json.Data.Total, 3);
    assert.equal(pending.json.Data.List.length, 2);
    assert.equal(pending.json.Data.List[0].CalledNumber, "138****1111");
    assert.equal(pending.json.Data.List[0].BatchId, String(imp.json.Data));

    const cancel = await v3({ action: "CancelAiCallDetails", query: { TaskId, PhoneNumbers: '["18600003333"]' } });
    assert.equal(cancel.json.Data.ResultCode, "ALL_SUCCESS");

    assert.equal((await v3({ action: "StartAiCallTask", query: { TaskId } })).json.Data, true);
    assert.equal((await page("RUNNING")).Total, 1);
    assert.equal((await v3({ action: "StartAiCallTask", query: { TaskId } })).json.Success, false);
    const upd = await v3({ action: "UpdateAiCallTask", query: { TaskId, TaskName: "x", StartType: "IMMEDIATE", TaskCps: "3", CallTime: '["{\\"startTime\\":\\"09:00:00\\",\\"endTime\\":\\"10:00:00\\"}"]', CallDay: '["MONDAY"]' } });
    assert.equal(upd.json.Code, "TaskStatusInvalid");

    clock += 6000; // running tasks dial waiting numbers after a few seconds
    const done = await v3({ action: "QueryAiCallDetailPage", query: { TaskId, Status: "1" } });
    assert.ok(done.json.Data.Total >= 1, done.text);
    const failed = await v3({ action: "QueryAiCallDetailPage", query: { TaskId, Status: "2" } });
    assert.equal(done.json.Data.Total + failed.json.Data.Total, 3);

    assert.equal((await v3({ action: "StopAiCallTask", query: { TaskId } })).json.Data, true);
    assert.equal((await page("STOPPED")).Total, 1);
    const missing = await v3({ action: "QueryAiCallTaskDetail", query: { TaskId: "1" } });
    assert.equal(missing.status, 200);
    assert.equal(missing.json.Code, "TaskNotExist");
    assert.equal(missing.json.Success, false);
  });

  test("aiccs: LLM call, dialog content, hang-up", async () => {
    const call = await v3({ action: "LlmSmartCall", query: { CalledNumber: "13700000000", ApplicationCode: "demo-llm-app", StartWordParam: '{"name":"小明"}' } });
    assert.equal(call.status, 200, call.text);
    assert.deepEqual(Object.keys(call.json).sort(), ["CallId", "Code", "Message", "RequestId"]);
    assert.match(call.json.CallId, /^\d+\^\d+$/);
    const dialog = await v3({ action: "GetCallDialogContent", query: { CallId: call.json.CallId, CallDate: "2025-06-06" } });
    assert.equal(dialog.json.Data.CallStatus, 1);
    assert.match(JSON.parse(dialog.json.Data.DialogContent)[0].content, /小明/);
    const hang = await v3({ action: "HangupOperate", query: { CallId: call.json.CallId } });
    assert.deepEqual(hang.json, { RequestId: hang.json.RequestId, Code: "OK", Mesage: "OK", Result: true });
    const again = await v3({ action: "HangupOperate", query: { CallId: "999^999" } });
    assert.equal(again.status, 200);
    assert.equal(again.json.Code, "InvalidParameter.CallId");
    assert.equal(again.json.Success, false);
    const ended = await v3({ action: "GetCallDialogContent", query: { CallId: AICCS_SEED.CALL_ENDED, CallDate: "2025-06-03" } });
    assert.equal(ended.json.Data.CallStatus, 2);
    const badApp = await v3({ action: "LlmSmartCall", query: { CalledNumber: "13700000000", ApplicationCode: "nope" } });
    assert.equal(badApp.status, 400);
    assert.equal(badApp.json.Code, "InvalidParameter.ApplicationCode");
  });

  test("aiccs: every seeded operation answers Code OK with seeded ids", async () => {
    const running = AICCS_SEED.TASK_RUNNING;
    const detailPage = await v3({ action: "QueryAiCallDetailPage", query: { TaskId: AICCS_SEED.TASK_STOPPED, Status: "1" } });
    const d = detailPage.json.Data.List.find((x) => x.CallId);
    assert.ok(d, "seeded finished detail with a call");
    const calls = {
      QueryConversationDetailInfoNew: { query: { TaskId: AICCS_SEED.TASK_STOPPED, CallId: d.CallId } },
      ImportOneTaskPhoneNumber: { query: { TaskId: running, PhoneNumber: "13812345678", Variables: '{"name":"王芳"}' } },
      QueryAiVoiceAgentDetail: { query: { AgentId: AICCS_SEED.AGENT_ONLINE } },
      PageQueryAgentList: { query: { PageNo: "1", PageSize: "10" } },
      QueryConversationDetailInfo: { query: { TaskId: AICCS_SEED.TASK_STOPPED, DetailId: d.DetailId, BatchId: d.BatchId } },
      QueryAiCallDetailPage: { query: { TaskId: running, Status: "1" } },
      StopAiCallTask: { query: { TaskId: running } },
      CancelAiCallDetails: { query: { TaskId: running, BatchId: d.BatchId } },
      StartAiCallTask: { query: { TaskId: running } },
      UpdateAiCallTask: { query: { TaskId: AICCS_SEED.TASK_INIT, TaskName: "更新后", StartType: "IMMEDIATE", TaskCps: "2", CallTime: '["{\\"startTime\\":\\"09:00:00\\",\\"endTime\\":\\"10:00:00\\"}"]', CallDay: '["SUNDAY"]' } },
      QueryAiCallTaskPage: { query: {} },
      QueryAiCallTaskDetail: { query: { TaskId: running } },
      ImportTaskNumberDatas: { query: { TaskId: running, DataType: "JSON" }, form: { PhoneNumberList: '[{"calleeNumber":"13500000001"}]' } },
      CreateAiCallTask: { query: { TaskName: "全量测试", AgentId: AICCS_SEED.AGENT_ONLINE_2, StartType: "IMMEDIATE", CallTime: '[{"startTime":"09:00:00","endTime":"10:00:00"}]', CallDay: '["MONDAY"]' } },
      LlmSmartCall: { query: { CalledNumber: "13700000001", ApplicationCode: "demo-llm-app" } },
      LlmSmartCallEncrypt: { query: { EncryptCalledNumber: "a1b2c3", ApplicationCode: "demo-llm-app", CallerNumber: "13200002054" } },
      HangupOperate: null, // covered above
      ListAvailableTts: { query: {} },
      GetCallDialogContent: { query: { CallId: d.CallId, CallDate: "2025-06-03" } },
      GetHotlineServiceStatistics: { method: "GET", query: { InstanceId: AICCS_SEED.INSTANCE, AgentIds: "111,112" } },
    };
    assert.equal(Object.keys(calls).length, 20);
    for (const [action, o] of Object.entries(calls)) {
      if (!o) continue;
      const r = await v3({ action, ...o });
      assert.equal(r.status, 200, `${action}: ${r.text}`);
      assert.equal(r.json.Code, "OK", `${action}: ${r.text}`);
    }
    const stats = await v3({ action: "GetHotlineServiceStatistics", method: "GET", query: { InstanceId: AICCS_SEED.INSTANCE, AgentIds: "111,112" } });
    assert.equal(JSON.parse(stats.json.Data.Rows).length, 2);
  });

  // ---------------------------------------------------------------- Agent API

  test("agent: token check", async () => {
    const path1 = batchPath(AGENT_SEED.USER_B, AGENT_SEED.TASK_B, [AGENT_SEED.RECORD_B_VOICE]);
    for (const headers of [{}, { authorization: "Bearer wrong" }, { authorization: "demo-token" }]) {
      const r = await request(port, { path: path1, headers });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, { code: 401, status: "error", message: "Unauthenticated.", data: [] });
    }
  });

  test("agent: batch recording URLs (seeded ids, both key spellings, order kept)", async () => {
    const ids = [AGENT_SEED.RECORD_B_VOICE, "rec-2", "rec-1"];
    for (const key of ["recordIds[]", "recordIds%5B%5D"]) {
      const r = await request(port, { path: batchPath(AGENT_SEED.USER_B, AGENT_SEED.TASK_B, ids, key), headers: bearer });
      assert.equal(r.status, 200);
      assert.equal(r.json.code, 200);
      assert.equal(r.json.status, "success");
      assert.equal(r.json.message, "批量返回录音下载地址成功");
      assert.deepEqual(r.json.data.batch_url.map((x) => x.record_id), ids);
      for (const x of r.json.data.batch_url) assert.ok(x.voice_url.startsWith(`${emu.url}/__emulator/voice?key=`));
    }
    const r = await request(port, { path: batchPath(AGENT_SEED.USER_B, AGENT_SEED.TASK_B, ["rec-1"]), headers: bearer });
    const voice = await request(port, { path: new URL(r.json.data.batch_url[0].voice_url).pathname + new URL(r.json.data.batch_url[0].voice_url).search });
    assert.equal(voice.status, 200);
    assert.equal(voice.headers["content-type"], "audio/wav");
  });

  test("agent: 5002 / 50051 / 50061 / 422 errors", async () => {
    const err = (code, message) => ({ code, status: "error", message, data: [] });
    const r1 = await request(port, { path: batchPath(AGENT_SEED.USER_A, AGENT_SEED.TASK_B, ["rec-1"]), headers: bearer });
    assert.deepEqual(r1.json, err(5002, "任务不存在"));
    assert.equal(r1.status, 200);
    const r2 = await request(port, { path: batchPath("any-user", "task-x", ["rec-1", "missing-7", "missing-8"]), headers: bearer });
    assert.deepEqual(r2.json, err(50051, "该任务下的通话记录ID-missing-7-不存在"));
    const r3 = await request(port, { path: batchPath(AGENT_SEED.USER_B, AGENT_SEED.TASK_B, [AGENT_SEED.RECORD_B_NOVOICE]), headers: bearer });
    assert.deepEqual(r3.json, err(50061, `通话记录ID-${AGENT_SEED.RECORD_B_NOVOICE}-录音不存在`));
    const r4 = await request(port, { path: batchPath("u", "task-y", ["novoice-1"]), headers: bearer });
    assert.equal(r4.json.code, 50061);
    const thirty = Array.from({ length: 30 }, (_, i) => `rec-${i}`);
    const r5 = await request(port, { path: batchPath("u", "task-y", thirty), headers: bearer });
    assert.equal(r5.json.data.batch_url.length, 30);
    const r6 = await request(port, { path: batchPath("u", "task-y", [...thirty, "rec-30"]), headers: bearer });
    assert.deepEqual(r6.json, err(422, "recordIds 最多 30 个"));
  });

  test("agent: 2.0 task update (6007, 422 rules, success, control start/stop)", async () => {
    const good = { name: "更新后的任务", maximumcall: 4, task_extras: { start_time: "2025-06-01 09:00:00", stop_time: "2025-12-31 23:59:59", line: [{ id: "l1", limit: 2 }, { id: "l2", limit: 2 }], holiday: [] } };
    const running = await putTask(AGENT_SEED.USER_A, AGENT_SEED.TASK_A_RUNNING, good);
    assert.deepEqual(running.json, { code: 6007, status: "error", message: "2.0任务启动中,请先停止任务", data: [] });

    const noLine = await putTask(AGENT_SEED.USER_A, AGENT_SEED.TASK_A_STOPPED, { ...good, task_extras: { holiday: [] } });
    assert.deepEqual(noLine.json, { code: 422, status: "error", message: "task_extras.line 必须传递(可为空数组)", data: [] });
    const noHoliday = await putTask(AGENT_SEED.USER_A, AGENT_SEED.TASK_A_STOPPED, { ...good, task_extras: { line: [] } });
    assert.equal(noHoliday.json.code, 422);
    const notDivisible = await putTask(AGENT_SEED.USER_A, AGENT_SEED.TASK_A_STOPPED, { ...good, maximumcall: 3 });
    assert.equal(notDivisible.json.code, 422);
    assert.match(notDivisible.json.message, /整除/);

    const ok = await putTask(AGENT_SEED.USER_A, AGENT_SEED.TASK_A_STOPPED, good);
    assert.deepEqual(ok.json, { code: 200, status: "success", message: "修改成功", data: "" });
    assert.deepEqual(emu.state.agent.tasks.get(AGENT_SEED.TASK_A_STOPPED).body, good);

    const unknown = await putTask(AGENT_SEED.USER_B, AGENT_SEED.TASK_A_STOPPED, good);
    assert.equal(unknown.json.code, 5002);

    const start = await request(port, { method: "POST", path: "/__emulator/agent/tasks/task-ctl/start" });
    assert.deepEqual(start.json, { ok: true, task_id: "task-ctl", running: true });
    assert.equal((await putTask("someone", "task-ctl", good)).json.code, 6007);
    await request(port, { method: "POST", path: "/__emulator/agent/tasks/task-ctl/stop" });
    assert.equal((await putTask("someone", "task-ctl", good)).json.code, 200);
  });

  test("agent: fault hooks", async () => {
    const f = (task) => request(port, { path: batchPath("u", task, ["rec-1"]), headers: bearer });
    const e500 = await f("fault-500");
    assert.equal(e500.status, 500);
    assert.deepEqual(e500.json, { message: "Server Error" });
    const e502 = await f("fault-502-html");
    assert.equal(e502.status, 502);
    assert.match(e502.headers["content-type"], /^text\/html/);
    assert.match(e502.text, /502 Bad Gateway/);
    const html = await f("fault-html-200");
    assert.equal(html.status, 200);
    assert.match(html.headers["content-type"], /^text\/html/);
    assert.equal(html.json, undefined);
    const trunc = await f("fault-truncated");
    assert.equal(trunc.status, 200);
    assert.match(trunc.headers["content-type"], /^application\/json/);
    assert.ok(trunc.text.startsWith("{"));
    assert.throws(() => JSON.parse(trunc.text));
    const empty = await f("fault-empty");
    assert.equal(empty.status, 200);
    assert.equal(empty.text, "");
    const e429 = await f("fault-429");
    assert.equal(e429.status, 429);
    assert.equal(e429.headers["retry-after"], "1");
    const put500 = await putTask("u", "fault-500", {});
    assert.equal(put500.status, 500);

    const t0 = Date.now();
    const slow = await f("fault-slow");
    assert.ok(Date.now() - t0 >= 250);
    assert.equal(slow.json.code, 200);

    // client gives up while the emulator waits: nothing crashes, next request is fine
    const ac = new AbortController();
    const aborted = fetch(`${emu.url}${batchPath("u", "fault-slow", ["rec-1"])}`, { headers: bearer, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(aborted);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await request(port, { path: "/__emulator/health" })).json.ok, true);
  });

  test("aiccs: browser-like fetch (Host set by the runtime) is accepted", async () => {
    const signed = signV3({ host, ak: AK, sk: SK, date: isoSeconds(clock), action: "PageQueryAgentList", query: { AgentName: "智能体" },
      form: { PageNo: "1", PageSize: "2" } });
    const { host: _h, ...headers } = signed.headers;
    const r = await fetch(emu.url + signed.path, { method: "POST", headers, body: signed.body });
    assert.equal(r.status, 200);
    const json = await r.json();
    assert.equal(json.Code, "OK");
    assert.equal(json.Data.List.length, 2);
    assert.equal(json.Data.Total, 3);
  });

  test("internal errors become HTTP 500 JSON and the server keeps working", async () => {
    const saved = emu.state.aiccs.tasks;
    emu.state.aiccs.tasks = null; // break the state on purpose
    try {
      const r = await v3({ action: "QueryAiCallTaskDetail", query: { TaskId: AICCS_SEED.TASK_RUNNING } });
      assert.equal(r.status, 500);
      assert.equal(r.json.error, "EmulatorInternalError");
    } finally {
      emu.state.aiccs.tasks = saved;
    }
    const ok = await v3({ action: "QueryAiCallTaskDetail", query: { TaskId: AICCS_SEED.TASK_RUNNING } });
    assert.equal(ok.status, 200);
  });

  // ---------------------------------------------------------------- control, CORS, static, limits

  test("control: reset restores seeded state and clears nonces", async () => {
    const signed = signV3({ host, ak: AK, sk: SK, date: isoSeconds(clock), action: "ListAvailableTts" });
    assert.equal((await request(port, signed)).status, 200);
    await putTask(AGENT_SEED.USER_A, AGENT_SEED.TASK_A_STOPPED, { task_extras: { line: [], holiday: [] } });
    const reset = await request(port, { method: "POST", path: "/__emulator/reset" });
    assert.deepEqual(reset.json, { ok: true });
    assert.equal(emu.state.agent.tasks.get(AGENT_SEED.TASK_A_STOPPED).body, null);
    assert.equal((await request(port, signed)).status, 200, "nonce memory cleared by reset");
    const state = await request(port, { path: "/__emulator/state" });
    assert.ok(state.json.aiccs.tasks.some((t) => t.TaskId === AICCS_SEED.TASK_RUNNING && t.Status === "RUNNING"));
    assert.ok(state.json.agent.tasks.some((t) => t.task_id === AGENT_SEED.TASK_A_RUNNING && t.running));
  });

  test("CORS preflight and headers", async () => {
    const r = await request(port, { method: "OPTIONS", path: "/", headers: { origin: "http://x", "access-control-request-method": "POST", "access-control-request-headers": "authorization,x-acs-date" } });
    assert.equal(r.status, 204);
    assert.equal(r.headers["access-control-allow-origin"], "*");
    assert.match(r.headers["access-control-allow-methods"], /PUT/);
    assert.match(r.headers["access-control-allow-headers"], /authorization/);
    assert.match(r.headers["access-control-allow-headers"], /x-acs-signature-nonce/);
    const e = await v3({ action: "ListAvailableTts" });
    assert.match(e.headers["access-control-expose-headers"], /x-acs-request-id/);
    assert.equal(e.headers["access-control-allow-origin"], "*");
  });

  test("static files: index, content types, prefixes, no traversal", async () => {
    const index = await request(port, { path: "/" });
    assert.equal(index.status, 200);
    assert.match(index.headers["content-type"], /^text\/html/);
    assert.match((await request(port, { path: "/app.mjs" })).headers["content-type"], /^text\/javascript/);
    const wasm = await request(port, { path: "/pkg/aicall_bg.wasm" });
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers["content-type"], "application/wasm");
    for (const p of ["/../aicall-emu-secret.txt", "/%2e%2e/aicall-emu-secret.txt", "/pkg/..%2f..%2faicall-emu-secret.txt", "/nope.js", "/.env", "/.git/config", "/pkg/.hidden/x.js", "/%2eenv"]) {
      assert.equal((await request(port, { path: p })).status, 404, p);
    }
  });

  test("another site's page cannot read the served folder or the log; the APIs answer any origin; loopback names only", async () => {
    const from = { origin: "http://evil.example" };
    for (const p of ["/", "/app.mjs", "/__emulator/log", "/__emulator/state"]) {
      assert.equal((await request(port, { path: p, headers: from })).headers["access-control-allow-origin"], undefined, p);
    }
    assert.equal((await v3({ action: "ListAvailableTts" })).headers["access-control-allow-origin"], "*");
    // DNS rebinding: a request addressed to another name is refused.
    const rebound = await request(port, { path: "/app.mjs", headers: { host: `evil.example:${port}` } });
    assert.equal(rebound.status, 421);
    assert.equal((await request(port, { path: "/app.mjs", headers: { host: `localhost:${port}` } })).status, 200);
    assert.equal((await request(port, { path: "/app.mjs", headers: { host: `app.localhost.:${port}` } })).status, 200);
    // Another site's page cannot make it act (a form POST needs no preflight); its own page can.
    assert.equal((await request(port, { method: "POST", path: "/__emulator/reset", headers: from })).status, 403);
    assert.equal((await request(port, { method: "POST", path: "/__emulator/reset", headers: { origin: `http://127.0.0.1:${port}` } })).status, 200);
  });

  test("limits and logging: 2 MB body, redacted log", async () => {
    const big = await request(port, { method: "POST", path: "/agent-api/x", body: Buffer.alloc(2 * 1024 * 1024 + 10, 0x61) });
    assert.equal(big.status, 413);
    await request(port, { path: batchPath(AGENT_SEED.USER_B, AGENT_SEED.TASK_B, ["rec-1"]), headers: bearer });
    await v1({ action: "ListAvailableTts", token: "demo-sts-token" });
    const log = await request(port, { path: "/__emulator/log?limit=500" });
    const text = log.text;
    assert.ok(log.json.entries.length > 10);
    for (const secret of ["test-token", "demo-token", SK, "testsecret", "demo-sts-token", "Signature=", "ACS3-HMAC-SHA256 Credential"]) {
      assert.ok(!text.includes(secret), `log must not contain ${secret}`);
    }
    assert.ok(log.json.entries.some((e) => e.api === "aiccs" && e.action === "ListAvailableTts"));
  });
});

test("close() ends promptly with open keep-alive connections and pending slow requests", async () => {
  const emu = await startEmulator({ quiet: true, slowMs: 60_000 });
  const agent = new http.Agent({ keepAlive: true });
  await new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: emu.port, path: "/__emulator/health", agent }, (res) => {
      res.resume();
      res.on("end", resolve);
    }).on("error", reject);
  });
  const pending = new Promise((resolve) => {
    http.get({ host: "127.0.0.1", port: emu.port, path: "/agent-api/user/u/task/fault-slow/batch_record/download-full-voice?recordIds[]=rec-1", agent }, (res) => {
      res.resume();
      res.on("end", () => resolve("ended"));
      res.on("error", () => resolve("error"));
    }).on("error", () => resolve("error"));
  });
  await new Promise((r) => setTimeout(r, 50));
  const t0 = Date.now();
  await emu.close();
  assert.ok(Date.now() - t0 < 1000, `close took ${Date.now() - t0} ms`);
  assert.equal(await pending, "error");
  agent.destroy();
});
