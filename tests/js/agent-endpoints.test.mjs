// Every documented Agent API endpoint, called through its method against the emulator:
// validation before sending, the vendor's envelope read into `data` / `{ data, meta }`,
// any count of rows in chunks, pagination, and the server's own field errors.

import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";

import { loadNode, startEmu, readJson, rejection, assertAicallError, issueKeys, logSince, USER_A, TASK_A, TASK_A_RUNNING } from "./helpers.mjs";

let AgentApi;
let AicallError;
let emu;
let api;

before(async () => {
  ({ AgentApi, AicallError } = await loadNode());
  emu = await startEmu();
});
after(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.reset();
  api = new AgentApi({ token: "test-token", baseUrl: emu.url });
});

const v2 = () => readJson("agent_api/update_v2.json");
const rows = (n, from = 0) => Array.from({ length: n }, (_, i) => ({ phone: `139${String(from + i).padStart(8, "0")}`, name: `客户${i}` }));
const sent = (mark, pathEnd) => logSince(emu, mark).filter((e) => e.path.endsWith(pathEnd));

/** One call per endpoint with valid arguments: what each must resolve to. */
const CALLS = [
  ["checkToken", {}, (d) => assert.equal(d.valid, true)],
  ["taskInit", { userId: USER_A }, (d) => assert.ok(Array.isArray(d.task_dial_times) && Array.isArray(d.caller_line_list))],
  ["getTask", { userId: USER_A, taskId: TASK_A }, (d) => assert.equal(typeof d.maximumcall, "number")],
  ["copyTask", { userId: USER_A, taskId: TASK_A }, (d) => assert.match(d.name, /副本$/)],
  ["stopTask", { userId: USER_A, taskId: TASK_A_RUNNING }, (d) => assert.equal(d, "")],
  ["listTasks", { userId: USER_A, query: { page: 1, status: [1, 3] } }, (d) => assert.ok(Array.isArray(d.data) && d.meta.current_page === 1)],
  ["listSubsetTasks", { userId: USER_A, query: { page: 1 } }, (d) => assert.ok(Array.isArray(d.data))],
  ["listLegacyTasks", { userId: USER_A, query: { status: 2 } }, (d) => assert.ok(Array.isArray(d.data))],
  ["stopLegacyTask", { userId: USER_A, taskId: TASK_A }, (d) => assert.equal(d, "")],
  ["listCallRecords", { userId: USER_A, taskId: TASK_A, query: { per_page: 5, levels: [["A"]] } }, (d) => assert.equal(d.data.length, 5)],
  ["listDialTimeGroups", { userId: USER_A, query: { page: 1 } }, (d) => assert.ok(d.data.length >= 1)],
  ["saveDialTimeGroup", { userId: USER_A, body: { name: "周末", content: [{ week: 6, times: [{ begin_time: "09:00", end_time: "12:00" }] }], is_default: 0 } }, (d) => assert.equal(d.name, "周末")],
  ["listLines", { query: { id: 1 } }, (d) => assert.ok(d.data.length >= 1)],
  ["allocateLine", { userId: USER_A, lineId: "101", body: { line_concurrency: 5, deadline_at: "2027-01-01 00:00:00", price: "0.35" } }, (d) => assert.equal(d.line_concurrency, 5)],
  ["listScriptGroups", { userId: USER_A }, (d) => assert.ok(d.data.length >= 1)],
  ["listTenantScripts", { tenantId: "t-1" }, (d) => assert.ok(Array.isArray(d))],
  ["listCustomers", { userId: USER_A, query: { page: 1, operator: 3 } }, (d) => assert.ok(Array.isArray(d.data))],
  ["createSubAccount", { userId: USER_A, body: { name: "子账号", email: "a@b.c", phone: "13800000000", password: "pw-1", password_confirmation: "pw-1", subset_data: { sex: 1 } } }, (d) => assert.equal(d.name, "子账号")],
  ["getAccount", { userId: USER_A }, (d) => assert.equal(d.id, USER_A)],
  ["listCallbackBlacklist", { query: { status: 0 } }, (d) => assert.ok(Array.isArray(d.data))],
  ["listVosCallRecords", { userId: USER_A, query: { time: "2026-11-29" } }, (d) => assert.ok(Array.isArray(d))],
];

describe("every endpoint against the emulator", () => {
  for (const [name, args, check] of CALLS) {
    test(`${name}: method, call(name) and the answer`, async () => {
      assert.equal(typeof api[name], "function");
      check(await api[name](structuredClone(args)));
      check(await api.call(name, structuredClone(args)));
    });
  }

  test("create, read, stop, delete a task; recording URL and call detail", async () => {
    const created = await api.createTask({ userId: USER_A, body: v2() });
    assert.equal(typeof created.id, "string");
    const read = await api.getTask({ userId: USER_A, taskId: created.id });
    assert.equal(read.name, v2().name);
    await api.stopTask({ userId: USER_A, taskId: created.id });
    // A stopped task reads as paused (1), and the list's status filter agrees with it.
    assert.equal((await api.getTask({ userId: USER_A, taskId: created.id })).status, 1);
    const ids = async (status) => (await api.listTasks({ userId: USER_A, query: { status, per_page: 100 } })).data.map((t) => t.id);
    assert.ok((await ids(1)).includes(created.id));
    assert.ok(!(await ids(3)).includes(created.id));
    await api.addNumbers({ userId: USER_A, taskId: created.id, body: { data: rows(3) } });
    const [first] = (await api.listCallRecords({ userId: USER_A, taskId: created.id })).data;
    const detail = await api.getCallRecord({ userId: USER_A, taskId: created.id, recordId: first.id });
    assert.ok(Array.isArray(detail.records));
    const { voice_url } = await api.recordingUrl({ userId: USER_A, taskId: created.id, recordId: first.id });
    assert.match(voice_url, /__emulator\/voice/);
    await api.deleteTask({ userId: USER_A, taskId: created.id });
    const gone = await rejection(api.getTask({ userId: USER_A, taskId: created.id }));
    assertAicallError(gone, AicallError, { kind: "api", code: "task_not_found", apiCode: 5002 });
  });

  test("an asynchronous number batch has a result", async () => {
    const { added, failed } = await api.addNumbersAsync({ userId: USER_A, taskId: TASK_A, body: { data: rows(5), control_select_robot: 1 } });
    assert.deepEqual([added.length, failed.length], [5, 0]);
    const log = logSince(emu, 0).filter((e) => e.path.endsWith("/async_number"));
    assert.equal(log.length, 1);
  });

  test("allocate a line, then take it back", async () => {
    const a = await api.allocateLine({ userId: USER_A, lineId: "102", body: { line_concurrency: 2 } });
    const { data } = await api.listLines({ query: { id: 1 } });
    assert.ok(data.find((l) => l.id === 102).line_allocation.some((x) => x.id === a.id));
    await api.unbindLine({ userId: USER_A, allocationId: String(a.id) });
  });

  test("customers: import any count, then find them", async () => {
    const { added } = await api.importCustomers({ userId: USER_A, body: { data: rows(450).map((r) => ({ ...r, sex: 2 })) } });
    assert.equal(added.length, 450);
    const found = await api.listCustomers({ userId: USER_A, query: { page: 1, phone: rows(1)[0].phone } });
    assert.equal(found.data.length, 1);
  });

  test("getBatchResult reads the result of an asynchronous batch", async () => {
    // 450 rows: three requests of at most 200, each answering its batch id in `answers`.
    const out = await api.addNumbersAsync({ userId: USER_A, taskId: TASK_A, body: { data: rows(450, 500) } });
    assert.deepEqual([out.added.length, out.failed.length, out.answers.length], [450, 0, 3]);
    const ids = out.answers.map((a) => a.unique_id);
    assert.equal(new Set(ids).size, 3);
    const results = await Promise.all(ids.map((uniqueId) => api.getBatchResult({ userId: USER_A, uniqueId })));
    assert.deepEqual(results.map((r) => r.success).sort(), [200, 200, 50].sort());
  });
});

describe("numbers: any count, nothing lost or sent twice", () => {
  test("250 rows go as 3 requests of at most 100, and all 250 are reported added", async () => {
    const mark = emu.log.length;
    const progress = [];
    const out = await api.addNumbers({ userId: USER_A, taskId: TASK_A, body: { data: rows(250) }, concurrency: 2, onProgress: (p) => progress.push(p) });
    assert.deepEqual([out.added.length, out.failed.length], [250, 0]);
    assert.equal(sent(mark, "/number").length, 3);
    assert.deepEqual(progress.at(-1), { done: 250, total: 250, succeeded: 250, failed: 0 });
    const { meta } = await api.listCallRecords({ userId: USER_A, taskId: TASK_A, query: { per_page: 500 } });
    assert.equal(meta.total, 40 + 250);
  });

  test("duplicate phones are refused before anything is sent, naming both indexes", async () => {
    const mark = emu.log.length;
    const data = rows(5);
    data[4].phone = data[1].phone;
    const e = await rejection(api.addNumbers({ userId: USER_A, taskId: TASK_A, body: { data } }));
    assertAicallError(e, AicallError, { kind: "validation" });
    assert.deepEqual(issueKeys(e.issues), ["body.data[4].phone:duplicate"]);
    assert.match(e.issues[0].message, /index 1/);
    assert.equal(sent(mark, "/number").length, 0);
  });

  test("a row without phone, a 101-row single request, an unknown field: validation errors", async () => {
    const e = await rejection(api.addNumbers({ userId: USER_A, taskId: TASK_A, body: { data: [{ name: "x" }], skip_eror: true } }));
    assert.deepEqual(issueKeys(e.issues).sort(), ["body.data[0].phone:required", "body.skip_eror:unknown_field"]);
    const e2 = (() => { try { api.buildRequest("addNumbers", { userId: USER_A, taskId: TASK_A, body: { data: rows(101) } }); } catch (x) { return x; } })();
    assert.deepEqual(issueKeys(e2.issues), ["body.data[100]:too_big"]);
  });

  test("the server's own field errors (Laravel style) become issues at those fields; the row it names fails alone", async () => {
    await api.addNumbers({ userId: USER_A, taskId: TASK_A, body: { data: rows(1, 150) } }); // one number the server now has
    const mark = emu.log.length;
    const out = await api.addNumbers({ userId: USER_A, taskId: TASK_A, body: { data: rows(200) }, concurrency: 1 });
    // The second request was refused for its row 50 alone: its other 99 rows went again.
    assert.equal(out.added.length, 199);
    assert.equal(out.failed.length, 1);
    assert.deepEqual(out.added.map((r) => r.phone), rows(200).map((r) => r.phone).filter((_, i) => i !== 150));
    assert.equal(sent(mark, "/number").length, 3);
    const err = out.failed[0].error;
    assertAicallError(err, AicallError, { kind: "api", code: "rejected_by_server", apiCode: 422 });
    // The server said `data.50.phone` (row 50 of the second request): the caller's row 150.
    assert.deepEqual(issueKeys(err.issues), ["body.data[150].phone:rejected_by_server"]);
    assert.match(err.issues[0].message, /^body\.data\[150\]\.phone: .*号码重复/);
    assert.match(err.message, /body\.data\[150\]\.phone/);
  });
});

describe("pagination", () => {
  test("paginate walks every page of call records and stops", async () => {
    const mark = emu.log.length;
    const seen = [];
    for await (const r of api.paginate("listCallRecords", { userId: USER_A, taskId: TASK_A, query: { per_page: 15 } })) seen.push(r.id);
    assert.equal(seen.length, 40);
    assert.equal(new Set(seen).size, 40);
    assert.equal(sent(mark, "/record").length, 3);
  });

  test("a server that repeats the first page is not walked forever", async () => {
    const page = JSON.stringify({ code: 200, status: "success", message: "ok", data: [{ id: 1 }, { id: 2 }], meta: { current_page: 1, last_page: 9, per_page: "2", has_pages: true } });
    let calls = 0;
    const f = () => { calls++; return Promise.resolve(new Response(page, { status: 200 })); };
    const loop = new AgentApi({ token: "t", baseUrl: "http://h", fetch: f });
    const items = [];
    const e = await (async () => {
      for await (const x of loop.paginate("listTasks", { userId: "u" })) items.push(x);
    })().then(() => null, (x) => x);
    // Page 2 repeats page 1: the walk ends there and its items are not handed out twice;
    // last_page says 9 pages, so the walk says it may be incomplete.
    assert.deepEqual([items.length, calls, e?.code], [2, 2, "repeated_page"]);
  });

  test("paginate's options go inside args: a third argument is refused before anything is sent", async () => {
    let calls = 0;
    const api = new AgentApi({ token: "t", baseUrl: "http://h", fetch: async () => { calls++; return new Response("{}"); } });
    const ac = new AbortController();
    ac.abort();
    const e = await (async () => {
      for await (const x of api.paginate("listTasks", { userId: "u" }, { signal: ac.signal })) void x;
    })().then(() => null, (x) => x);
    assert.deepEqual([e?.kind, e?.issues?.[0]?.path, calls], ["validation", "options", 0]);
    assert.match(e.issues[0].message, /inside the arguments/);
  });

  test("nextPage is the core's decision, usable with your own transport", () => {
    const step = AgentApi.nextPage("listTasks", { userId: "u", query: { per_page: 2 } }, { data: [1, 2], meta: { current_page: 1, last_page: 2 } });
    assert.deepEqual([step.items, step.next], [[1, 2], { userId: "u", query: { per_page: 2, page: 2 } }]);
    // The memo handed back with the next page: that page repeating this one ends the walk,
    // quietly, or with an error when the server says more pages follow (rows may be lost).
    const again = AgentApi.nextPage("listTasks", step.next, { data: [1, 2], meta: { current_page: 2 } }, step.memo);
    assert.deepEqual([again.items, again.next], [[], null]);
    assert.throws(() => AgentApi.nextPage("listTasks", step.next, { data: [1, 2], meta: { current_page: 2, last_page: 9 } }, step.memo),
      (e) => e instanceof AicallError && e.code === "repeated_page");
    assert.equal(AgentApi.nextPage("listTasks", { query: { page: 2 } }, { data: [3], meta: { current_page: 2, last_page: 2 } }).next, null);
    assert.throws(() => AgentApi.nextPage("getTask", {}, {}), (e) => e instanceof AicallError && e.kind === "validation");
  });
});

describe("validation before sending", () => {
  test("query and body fields, path ids and passwords", async () => {
    let sentCount = 0;
    const quiet = new AgentApi({ token: "t", baseUrl: "http://h", fetch: () => { sentCount++; throw new Error("not sent"); } });
    const cases = [
      [quiet.listDialTimeGroups({ userId: "u" }), ["query.page:required"]],
      [quiet.listTasks({ userId: "u", query: { page: 0, status: 2 } }), ["query.page:too_small", "query.status:invalid_enum"]],
      [quiet.listCustomers({ userId: "u", query: { page: 1, operator: 9, created_at: ["2024-01-01"] } }), ["query.created_at:too_small", "query.created_at[0]:invalid_format", "query.operator:invalid_enum"]],
      [quiet.createSubAccount({ userId: "u", body: { name: "n", email: "e", phone: "p", password: "secret-1", password_confirmation: "secret-2" } }), ["body.password_confirmation:mismatch"]],
      [quiet.allocateLine({ userId: "u", lineId: "..", body: { deadline_at: "2024-1-1" } }), ["lineId:invalid_format", "body.deadline_at:invalid_format"]],
      [quiet.getTask({ userId: "u", taskId: "t", query: {} }), ["query:unknown_field"]],
    ];
    for (const [p, keys] of cases) {
      const e = await rejection(p);
      assertAicallError(e, AicallError, { kind: "validation" });
      assert.deepEqual(issueKeys(e.issues), keys);
      assert.doesNotMatch(JSON.stringify(e), /secret-[12]/);
    }
    assert.equal(sentCount, 0);
  });
});
