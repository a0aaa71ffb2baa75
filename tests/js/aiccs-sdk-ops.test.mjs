// The 159 aiccs operations declared from the official SDK (src/aiccs/generated.rs): each is a
// method that validates, signs and is answered by the emulator in its response model's shape;
// nested models, repeat lists and paging work as declared.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import fs from "node:fs";
import path from "node:path";

import { loadNode, startEmu, rejection, issueKeys, FIXTURES } from "./helpers.mjs";

// The twenty seed operations have stateful emulator handlers of their own (aiccs.test.mjs).
const SEED = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(FIXTURES, "aiccs-wire-20.json"), "utf8"))));
const op = (action) => Aiccs.operations().find((o) => o.action === action);

let Aiccs;
let emu;

before(async () => {
  ({ Aiccs } = await loadNode());
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});

const client = (opts = {}) => new Aiccs({
  accessKeyId: "testid", accessKeySecret: "testsecret", endpoint: `127.0.0.1:${emu.port}`, protocol: "http", ...opts,
});

/** Values for the required parameters of `op`, from its declared types. */
function requiredParams(op) {
  const out = {};
  for (const p of op.params.filter((x) => x.required)) {
    const k = p.type.kind;
    out[p.name] = k === "boolean" ? true : k === "integer" ? 1 : k === "number" ? 0.5 : k === "array" ? [] : k === "object" ? {} : "x-1";
    // An item with one field given: a required flat list must write something on the wire.
    if (k === "array" && p.type.items?.kind === "object") {
      const f = p.type.items.fields?.[0];
      out[p.name] = [f ? { [f.name]: f.type.kind === "string" ? "a" : f.type.kind === "boolean" ? true : 1 } : {}];
    }
    if (k === "array" && p.type.items?.kind === "integer") out[p.name] = [1];
    if (k === "array" && p.type.items?.kind === "string") out[p.name] = ["a"];
  }
  return out;
}

for (const signatureVersion of ["v3", "v1"]) {
  test(`every SDK-declared operation answers through its method (${signatureVersion})`, async () => {
    const c = client({ signatureVersion });
    const ops = Aiccs.operations().filter((o) => !SEED.has(o.action));
    let n = 0;
    for (const op of ops) {
      const params = requiredParams(op);
      assert.deepEqual(Aiccs.validate(op.action, params), [], `${op.action} ${JSON.stringify(params)}`);
      const body = await c[op.clientMethod](params);
      assert.equal(typeof body, "object", op.action);
      assert.ok(body.RequestId, `${op.action} has a RequestId`);
      n += 1;
    }
    assert.equal(n, 159);
    c.free();
  });
}

test("a nested model is checked field by field, and written in its declared order", () => {
  const c = client();
  const base = requiredParams(op("UpdateAiOutboundTask"));
  const issues = Aiccs.validate("UpdateAiOutboundTask", { ...base, RecallRule: { Count: "two", Intervall: 5 } });
  assert.deepEqual(issueKeys(issues), ["RecallRule.Count:invalid_type", "RecallRule.Intervall:unknown_field"]);
  const req = c.buildRequest("UpdateAiOutboundTask", { ...base, RecallRule: { Interval: 5, Count: 2 } });
  assert.equal(new URL(req.url).searchParams.get("RecallRule"), '{"Count":2,"Interval":5}');
  c.free();
});

test("a repeat list is sent as Name.1.Key (the SDK's flat form), in the query or the form body", () => {
  const c = client();
  const req = c.buildRequest("EditQualityRuleTag", { InstanceId: "i", AnalysisTypes: [{ Id: 3, Name: "情绪 & 语速" }, { Id: 4 }] });
  const q = new URL(req.url).searchParams;
  assert.deepEqual([q.get("AnalysisTypes.1.Id"), q.get("AnalysisTypes.1.Name"), q.get("AnalysisTypes.2.Id")], ["3", "情绪 & 语速", "4"]);
  assert.equal(q.has("AnalysisTypes"), false);
  const flatBody = Aiccs.operations().flatMap((o) => o.params.filter((p) => p.style === "flat" && p.in === "body").map((p) => [o, p]));
  assert.ok(flatBody.length > 0);
  const [op, p] = flatBody[0];
  const params = { ...requiredParams(op), [p.name]: p.type.items?.kind === "string" ? ["a", "b"] : [1, 2] };
  const body = new URLSearchParams(c.buildRequest(op.action, params).body);
  assert.deepEqual([body.get(`${p.name}.1`), body.get(`${p.name}.2`)], p.type.items?.kind === "string" ? ["a", "b"] : ["1", "2"]);
  c.free();
});

test("a required parameter of an SDK-declared operation is named when missing", async () => {
  const c = client();
  const e = await rejection(c.addHotlineNumber({ InstanceId: "i" }));
  assert.equal(e.kind, "validation");
  assert.ok(issueKeys(e.issues).includes("HotlineNumber:required"), issueKeys(e.issues).join());
  c.free();
});

test("paginate reads pages kept at the top level, under Data (rows as JSON text) and under ResultData", async () => {
  const c = client();
  for (const [action, params] of [
    ["GetInstanceList", { PageSize: 10 }],
    ["GetAgentStatistics", { InstanceId: "i", PageSize: 10 }],
    ["ListHotlineRecordDetail", { InstanceId: "i", PageSize: 10 }],
    ["ListTask", { PageSize: 10 }],
  ]) {
    const items = [];
    for await (const x of c.paginate(action, { ...requiredParams(op(action)), ...params })) items.push(x);
    // The emulator's sample answer: 2 items, total 2, page 1.
    assert.equal(items.length, 2, action);
  }
  c.free();
});

test("paginate ends on a page that repeats the one before (page echoed back, no total)", async () => {
  let calls = 0;
  const rows = [{ TaskId: 1 }, { TaskId: 2 }];
  const fetch = (url, init) => {
    calls += 1;
    const asked = Number(new URL(url).searchParams.get("PageNo") ?? new URLSearchParams(init.body ?? "").get("PageNo") ?? 1);
    return Promise.resolve(new Response(JSON.stringify({ Code: "OK", RequestId: "r", Data: { PageNo: asked, Record: rows } }), { status: 200 }));
  };
  const c = client({ fetch });
  const items = [];
  for await (const x of c.paginate("ListTask", { PageSize: 2 })) items.push(x);
  assert.deepEqual([items.length, calls], [2, 2]);
  c.free();
});

test("the page number and size of a paged read count from 1", () => {
  assert.deepEqual(issueKeys(Aiccs.validate("ListTask", { PageNo: 0, PageSize: 0 })), ["PageNo:too_small", "PageSize:too_small"]);
});
