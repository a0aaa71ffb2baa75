// The sample answers of the aiccs operations without a stateful handler:  node --test emulator/
// Requests are signed by the small test signers (testlib/, independent of sign.mjs) and go
// through the emulator's normal request path.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";

import { startEmulator, AICCS_SEED } from "./server.mjs";
import * as signed from "./testlib/signed-requests.mjs";
import { ACTIONS } from "./aiccs.mjs";
import SAMPLES, { METHODS } from "./aiccs-samples.mjs";

const WIRE = new URL("../../shared/spec/aiccs-2019-10-15.wire.json", import.meta.url);
const AK = "testid";
const SK = "testsecret";

// The shared test signers take the keys; these tests always sign as the seed account.
const signV3 = (o) => signed.signV3({ ak: AK, sk: SK, ...o });
const signV1 = (o) => signed.signV1({ ak: AK, sk: SK, ...o });
const { isoSeconds, request } = signed;

/** The sample without its placeholder request id. */
const withoutId = ({ RequestId, ...rest }) => rest;

describe("aiccs sample answers", () => {
  let emu, port, host;
  const clock = Date.parse("2026-11-21T08:00:00Z");
  before(async () => {
    emu = await startEmulator({ quiet: true, now: () => clock });
    port = emu.port;
    host = `127.0.0.1:${port}`;
  });
  after(async () => { await emu.close(); });

  const v3 = (o) => request(port, signV3({ host, date: isoSeconds(clock), ...o }));
  const v1 = (o) => request(port, signV1({ timestamp: isoSeconds(clock), ...o }));

  /** 200, the real request id (header = body), and otherwise exactly the sample. */
  function assertSample(r, action) {
    assert.equal(r.status, 200, `${action}: ${r.text}`);
    assert.ok(r.headers["x-acs-request-id"]);
    assert.equal(r.json.RequestId, r.headers["x-acs-request-id"]);
    assert.notEqual(r.json.RequestId, "RequestId-1");
    assert.deepEqual(withoutId(r.json), withoutId(SAMPLES[action]));
  }

  test("samples cover exactly the operations without a stateful handler", () => {
    assert.equal(Object.keys(SAMPLES).length, 159);
    assert.deepEqual(Object.keys(METHODS).sort(), Object.keys(SAMPLES).sort());
    for (const action of Object.keys(SAMPLES)) assert.ok(!Object.hasOwn(ACTIONS, action), `${action} has a handler and a sample`);
    for (const [action, body] of Object.entries(SAMPLES)) {
      assert.ok(typeof body.RequestId === "string", `${action} has a RequestId`);
      if ("Code" in body) assert.equal(body.Code, "OK", action);
      if ("Success" in body) assert.ok(body.Success === true || body.Success === "true", action);
      assert.ok(!("AccessDeniedDetail" in body), action);
    }
  });

  test("v3 form body (POST): GetInstanceList pages at the root", async () => {
    const r = await v3({ action: "GetInstanceList", form: { Name: "实例", PageNumber: "1", PageSize: "10" } });
    assertSample(r, "GetInstanceList");
    assert.equal(r.json.CommodityInstances.length, 2);
    assert.deepEqual(r.json.CommodityInstances[1], { InstanceId: "InstanceId-2", Name: "Name-2" });
    assert.equal(r.json.TotalCount, 2);
    assert.equal(r.json.PageNumber, 1);
    assert.equal(r.json.Code, "OK");
    assert.equal(r.json.HttpStatusCode, 200);
  });

  test("v3 query (GET): GetAgentBasisStatus Rows is a JSON string, Success a string", async () => {
    const r = await v3({ method: "GET", action: "GetAgentBasisStatus", query: { InstanceId: "inst-1", CurrentPage: "1", PageSize: "10" } });
    assertSample(r, "GetAgentBasisStatus");
    assert.deepEqual(JSON.parse(r.json.Data.Rows), [{ id: 1, name: "Rows-1" }, { id: 2, name: "Rows-2" }]);
    assert.equal(r.json.Data.TotalNum, 2);
    assert.equal(r.json.Data.PageNum, 1);
    assert.equal(r.json.Success, "true");
  });

  test("v1 (GET and POST form): ListTask and QuerySkillGroups", async () => {
    const lt = await v1({ action: "ListTask", params: { PageNo: "1", PageSize: "10" } });
    assertSample(lt, "ListTask");
    assert.equal(lt.json.Data.Record.length, 2);
    assert.equal(lt.json.Data.Record[0].Id, 1);
    assert.equal(lt.json.Data.Record[1].TaskName, "TaskName-2");
    assert.equal(lt.json.Data.Total, 2);

    const sg = await v1({ method: "POST", action: "QuerySkillGroups", form: { InstanceId: "inst-1", PageNo: "1", PageSize: "10" } });
    assertSample(sg, "QuerySkillGroups");
    assert.ok(Array.isArray(sg.json.Data));
    assert.equal(sg.json.Data.length, 2);
    assert.equal(sg.json.TotalResults, 2);
    assert.equal(sg.json.CurrentPage, 1);
  });

  test("an answer without Data, and the SDK's DELETE / PUT methods", async () => {
    const add = await v3({ action: "AddHotlineNumber", form: { InstanceId: "inst-1", HotlineNumber: "057100000000" } });
    assertSample(add, "AddHotlineNumber");
    assert.deepEqual(Object.keys(add.json).sort(), ["Code", "HttpStatusCode", "Message", "RequestId", "Success"]);
    assert.equal(METHODS.DeleteAgent, "DELETE");
    assertSample(await v3({ method: "DELETE", action: "DeleteAgent", query: { InstanceId: "inst-1", AccountName: "a@b" } }), "DeleteAgent");
    assert.equal(METHODS.UpdateAgent, "PUT");
    assertSample(await v3({ method: "PUT", action: "UpdateAgent", form: { InstanceId: "inst-1", AccountName: "a@b" } }), "UpdateAgent");
    const patch = await v3({ method: "PATCH", action: "UpdateAgent" });
    assert.equal(patch.status, 400);
    assert.equal(patch.json.Code, "UnsupportedHTTPMethod");
  });

  test("samples are fresh copies, and signatures, hooks and unknown actions behave as before", async () => {
    const a = await v3({ action: "QueryTickets", form: { InstanceId: "inst-1" } });
    assertSample(a, "QueryTickets");
    const b = await v3({ action: "QueryTickets", form: { InstanceId: "inst-1" } });
    assert.notEqual(a.json.RequestId, b.json.RequestId);
    assert.equal(SAMPLES.QueryTickets.RequestId, "RequestId-1");

    const tampered = signV3({ host, date: isoSeconds(clock), action: "ListTask", query: { PageNo: "1" } });
    tampered.path = tampered.path.replace("PageNo=1", "PageNo=2");
    const bad = await request(port, tampered);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.Code, "SignatureDoesNotMatch");

    const v1signed = signV1({ timestamp: isoSeconds(clock), action: "ListTask" });
    const wrongKey = await request(port, { ...v1signed, path: v1signed.path.replace(`AccessKeyId=${AK}`, "AccessKeyId=nobody") });
    assert.equal(wrongKey.status, 404);
    assert.equal(wrongKey.json.Code, "InvalidAccessKeyId.NotFound");

    const throttled = await v3({ action: "StartCall", query: { CalledNumber: "__throttle__" } });
    assert.equal(throttled.status, 400);
    assert.equal(throttled.json.Code, "Throttling.User");
    const down = await v1({ method: "POST", action: "CreateTask", form: { TaskName: "__5xx__" } });
    assert.equal(down.status, 503);

    const unknown = await v3({ action: "DescribeRegions" });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.Code, "InvalidAction.NotFound");
  });

  test("every action of the wire spec answers 200 with a body", { skip: existsSync(WIRE) ? false : `no ${WIRE.pathname}` }, async () => {
    const wire = JSON.parse(readFileSync(WIRE, "utf8")).operations;
    const names = Object.keys(wire).sort();
    assert.equal(names.length, 179);
    assert.deepEqual(names, [...Object.keys(ACTIONS), ...Object.keys(SAMPLES)].sort());
    // Enough for the stateful handlers' required parameters (their behaviour is tested in selftest).
    const seeded = {
      QueryConversationDetailInfoNew: { TaskId: AICCS_SEED.TASK_STOPPED },
      ImportOneTaskPhoneNumber: { TaskId: AICCS_SEED.TASK_INIT, PhoneNumber: "13812345678" },
      QueryConversationDetailInfo: { TaskId: AICCS_SEED.TASK_STOPPED, DetailId: "1", BatchId: "1" },
      QueryAiCallDetailPage: { TaskId: AICCS_SEED.TASK_RUNNING, Status: "1" },
      StopAiCallTask: { TaskId: AICCS_SEED.TASK_INIT },
      CancelAiCallDetails: { TaskId: AICCS_SEED.TASK_INIT },
      StartAiCallTask: { TaskId: AICCS_SEED.TASK_INIT },
      UpdateAiCallTask: { TaskId: AICCS_SEED.TASK_INIT, TaskName: "全量", StartType: "IMMEDIATE", TaskCps: "2", CallTime: '[{"startTime":"09:00:00","endTime":"10:00:00"}]', CallDay: '["SUNDAY"]' },
      QueryAiCallTaskDetail: { TaskId: AICCS_SEED.TASK_RUNNING },
      ImportTaskNumberDatas: { TaskId: AICCS_SEED.TASK_INIT, DataType: "JSON", PhoneNumberList: '[{"calleeNumber":"13500000001"}]' },
      CreateAiCallTask: { TaskName: "全量", StartType: "IMMEDIATE", CallTime: '[{"startTime":"09:00:00","endTime":"10:00:00"}]', CallDay: '["MONDAY"]' },
      LlmSmartCall: { CalledNumber: "13700000001", ApplicationCode: "demo-llm-app" },
      LlmSmartCallEncrypt: { EncryptCalledNumber: "a1b2c3", ApplicationCode: "demo-llm-app", CallerNumber: "13200002054" },
      HangupOperate: { CallId: "1^2" },
      GetCallDialogContent: { CallId: "1^2", CallDate: "2026-11-20" },
      GetHotlineServiceStatistics: { InstanceId: "inst-1" },
    };
    for (const action of names) {
      const method = wire[action].method;
      const query = seeded[action] ?? {};
      const r = await v3({ method, action, query });
      assert.equal(r.status, 200, `${action} (${method}): ${r.text}`);
      assert.ok(r.json && typeof r.json === "object" && r.json.RequestId, `${action}: ${r.text}`);
      assert.ok(Object.keys(r.json).length > 1, `${action}: ${r.text}`);
      if (Object.hasOwn(SAMPLES, action)) assert.deepEqual(withoutId(r.json), withoutId(SAMPLES[action]), action);
    }
  });
});
