// Messages that said something other than what was wrong (found by a review): each names
// the real problem, the field and the value, in both languages.

import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";

import { loadNode, HAS_CJK, readJson } from "./helpers.mjs";

let AgentApi;
let Aiccs;

before(async () => {
  ({ AgentApi, Aiccs } = await loadNode());
});

const U = "5832d184-dd53-42a0-8ace-0bf8d660f4cc";
const T = "f232d184-dd54-42a0-8ace-0bf8d660f4cc";
const one = (issues) => {
  assert.equal(issues.length, 1, JSON.stringify(issues));
  return issues[0];
};

describe("what was wrong, said as it is", () => {
  test("a misspelt constructor option is refused, with the option it was likely meant to be", () => {
    const paths = (f) => { try { f(); return []; } catch (e) { return e.issues.map((i) => [i.path, i.code, i.message]); } };
    assert.deepEqual(paths(() => new AgentApi({ token: "x", timeout: 100 })), [["timeout", "unknown_field", 'timeout is not a known field (did you mean "timeoutMs"?).']]);
    assert.deepEqual(paths(() => new Aiccs({ accessKeyId: "a", accessKeySecret: "b", signatureversion: "v1" })).map((p) => p[0]), ["signatureversion"]);
    // Every documented option is known, non-enumerable ones included.
    const o = { token: "x", baseUrl: "https://h", locale: "en", timeoutMs: 5, fetch: async () => {}, maxResponseBytes: 9 };
    Object.defineProperty(o, "extra", { value: 1, enumerable: false, configurable: true });
    assert.deepEqual(paths(() => new AgentApi(o)).map((p) => p[0]), ["extra"]);
    delete o.extra;
    assert.deepEqual(paths(() => new AgentApi(Object.freeze({ ...o }))), []);
  });

  test("a misspelt call or function option is refused too (a `singal` would lose the abort), nothing sent", async () => {
    let sent = 0;
    const c = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch: async () => { sent++; return new Response("{}"); } });
    const ac = new AbortController();
    const e = await c.call("StopAiCallTask", { TaskId: "t" }, { singal: ac.signal }).then(() => null, (x) => x);
    assert.deepEqual(e?.issues?.map((i) => [i.path, i.code]), [["singal", "unknown_field"]]);
    assert.match(e.issues[0].message, /did you mean "signal"/);
    const e2 = await c.stopAiCallTask({ TaskId: "t" }, { timeoutMs: 5 }).then(() => null, (x) => x);
    assert.deepEqual(e2?.issues?.map((i) => i.path), ["timeoutMs"]);
    assert.equal(sent, 0);
    const thrown = (f) => { try { f(); return []; } catch (x) { return x.issues.map((i) => [i.path, i.message]); } };
    assert.deepEqual(thrown(() => c.buildRequest("StopAiCallTask", { TaskId: "t" }, { nonse: "n" })), [["nonse", 'nonse is not a known field (did you mean "nonce"?).']]);
    assert.deepEqual(thrown(() => Aiccs.validate("StopAiCallTask", {}, { lcoale: "zh-CN" })).map((p) => p[0]), ["lcoale"]);
    assert.deepEqual(thrown(() => AgentApi.validateTaskUpdate({}, { varient: "v2" })).map((p) => p[0]), ["varient"]);
    assert.deepEqual(thrown(() => AgentApi.validateRecordIds(["a"], { locale: "en", now: 1 })).map((p) => p[0]), ["now"]);
    assert.deepEqual(thrown(() => AgentApi.validate("listTasks", {}, { variant: "v2" })).map((p) => p[0]), ["variant"]);
    assert.deepEqual(thrown(() => AgentApi.nextPage("listTasks", {}, null, undefined, { local: "en" })).map((p) => p[0]), ["local"]);
    // The documented ones are all known.
    assert.equal(c.buildRequest("StopAiCallTask", { TaskId: "t" }, { nonce: "n", timestamp: "2026-11-21T08:00:00Z", locale: "zh-CN" }).method, "POST");
    assert.deepEqual(Aiccs.validate("StopAiCallTask", { TaskId: "t" }, { locale: "en", now: 1 }), []);
    // A call's locale is the language of its validation issues as well.
    const zh = await c.call("StopAiCallTask", {}, { locale: "zh-CN", signal: ac.signal }).then(() => null, (x) => x);
    assert.equal(zh?.issues?.[0]?.path, "TaskId");
    assert.ok(HAS_CJK.test(zh.issues[0].message), zh.issues[0].message);
  });

  test("a NaN or Infinity inside an argument is refused where it is, and the argument is not also called missing", () => {
    const at = (name, args) => AgentApi.validate(name, { userId: U, taskId: T, ...args }).map((i) => `${i.path}:${i.code}`);
    assert.deepEqual(at("addNumbers", { body: { data: [{ phone: "1", x: NaN }] } }), ["body.data[0].x:invalid_type"]);
    assert.deepEqual(at("addNumbers", { body: { data: [{ phone: "1" }], ignore_crm: Infinity } }), ["body.ignore_crm:invalid_type"]);
    assert.deepEqual(at("batchVoiceUrls", { recordIds: ["a", NaN] }), ["recordIds[1]:invalid_type"]);
    // A task body's issues are named as validateTaskUpdate names them: the NaN's too.
    const task = readJson("agent_api/update_v2.json");
    task.task_extras.line[0].limit = NaN;
    assert.deepEqual(at("updateTask", { body: task }), ["task_extras.line[0].limit:invalid_type"]);
    assert.deepEqual(at("updateTask", { body: NaN }), ["body:invalid_type"]);
    // The static validators and aiccs requests: the NaN and every other problem.
    task.name = "";
    assert.deepEqual(AgentApi.validateTaskUpdate(task).map((i) => `${i.path}:${i.code}`), ["task_extras.line[0].limit:invalid_type", "name:too_small"]);
    assert.deepEqual(AgentApi.validateRecordIds(["a", NaN, "a"]).map((i) => `${i.path}:${i.code}`), ["recordIds[1]:invalid_type", "recordIds[2]:duplicate"]);
    const p = { TaskName: "", StartType: "IMMEDIATE", CallDay: ["FUNDAY"], CallTime: [{ startTime: "09:00:00", endTime: "10:00:00" }], TaskCps: NaN };
    const want = ["TaskCps:invalid_type", "CallDay[0]:invalid_enum", "TaskName:too_small"];
    assert.deepEqual(Aiccs.validate("CreateAiCallTask", p).map((i) => `${i.path}:${i.code}`), want);
    const built = (() => { try { new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).buildRequest("CreateAiCallTask", p); } catch (e) { return e.issues.map((i) => `${i.path}:${i.code}`); } })();
    assert.deepEqual(built, want);
    // Every NaN is named (two empty number inputs read with parseInt), none as "null".
    const two = AgentApi.validateTaskUpdate({ ...readJson("agent_api/update_v2.json"), maximumcall: NaN, dial_time_id: NaN });
    assert.deepEqual(two.map((i) => `${i.path}:${i.code}`).sort(), ["dial_time_id:invalid_type", "maximumcall:invalid_type"]);
    assert.ok(two.every((i) => /NaN/.test(i.message)), JSON.stringify(two));
    assert.deepEqual(at("batchVoiceUrls", { recordIds: [NaN, "a", Infinity] }), ["recordIds[0]:invalid_type", "recordIds[2]:invalid_type"]);
    // aiccs calls name every NaN too, as Aiccs.validate does.
    const nan2 = (() => { try { new Aiccs({ accessKeyId: "a", accessKeySecret: "b" }).buildRequest("StopAiCallTask", { TaskId: NaN, InstanceId: NaN }); } catch (e) { return e.issues.map((i) => `${i.path}:${i.code}`); } })();
    assert.deepEqual(nan2, ["TaskId:invalid_type", "InstanceId:invalid_type"]);
    assert.deepEqual(Aiccs.validate("StopAiCallTask", { TaskId: NaN, InstanceId: NaN }).map((i) => `${i.path}:${i.code}`), nan2);
    // Another problem in the same argument is still found.
    assert.deepEqual(at("addNumbers", { body: { data: [{ phone: "1", x: -Infinity }, { phone: "1" }] } }).sort(), ["body.data[0].x:invalid_type", "body.data[1].phone:duplicate"]);
  });

  test("parseResponse and validate say what they were given in place of a status, a body or params", () => {
    const messages = (f) => { try { f(); return []; } catch (e) { return e.issues.map((i) => i.message); } };
    assert.deepEqual(messages(() => Aiccs.parseResponse("StopAiCallTask", "200", null)), ['status must be an HTTP status (100–599), received "200".', "bodyText must be a string, received null."]);
    assert.deepEqual(Aiccs.validate("StopAiCallTask", [1]).map((i) => i.message), ["the request must be an object, received an array of 1 item."]);
  });

  test("an answer with a number JS would read as Infinity says so", () => {
    const said = (body) => { try { Aiccs.parseResponse("QueryAiCallTaskPage", 200, body); } catch (e) { return [e.code, e.message]; } };
    assert.deepEqual(said('{"Code":"OK","Total":1e400}'), ["invalid_json", "the answer holds a number too large for a double (line 1, column 22)"]);
    assert.deepEqual(said('{"Code":"OK","Total":1 2}'), ["invalid_json", "the answer is not valid JSON (line 1, column 24)"]);
  });

  test("call() with a name that is no string says what it was given", async () => {
    const api = new AgentApi({ token: "x", fetch: async () => { throw new Error("not sent"); } });
    for (const [name, shown] of [[null, "null"], [5, "5"]]) {
      await assert.rejects(api.call(name, {}), (e) => {
        assert.deepEqual(e.issues.map((i) => `${i.path}:${i.code}`), ["name:invalid_type"]);
        assert.equal(e.issues[0].message, `name must be a string, received ${shown}.`);
        return true;
      });
    }
  });

  test("an option of the wrong value or type shows what was given (never a credential)", () => {
    const messages = (f) => { try { f(); return []; } catch (e) { return e.issues.map((i) => i.message); } };
    assert.deepEqual(messages(() => new AgentApi({ token: "x", timeoutMs: -5 })), ["timeoutMs must be at least 1, received -5."]);
    // Whole milliseconds and bytes: 1.5 would be waited as 1 ms and reported as such.
    assert.deepEqual(messages(() => new AgentApi({ token: "x", timeoutMs: 1.5, maxResponseBytes: 1e3 + 0.5 })), ["timeoutMs must be an integer, received 1.5.", "maxResponseBytes must be an integer, received 1000.5."]);
    const issues = AgentApi.validate("batchVoiceUrls", { userId: 1, taskId: 2, recordIds: ["a"], concurrency: 0, signal: 5 });
    assert.deepEqual(issues.map((i) => i.message), ["concurrency must be at least 1, received 0.", "signal must be an AbortSignal, received 5."]);
    assert.match(one(AgentApi.validate("listTasks", { userId: 1, signal: {} })).message, /received an object/);
    // A credential of the wrong type is named, its value never shown.
    for (const securityToken of [1234567890123, true]) {
      const shown = messages(() => new Aiccs({ accessKeyId: "a", accessKeySecret: "b", securityToken }));
      assert.equal(shown.length, 1);
      assert.ok(!shown[0].includes(String(securityToken)), shown[0]);
    }
  });

  test("durations are compared as amounts, not as times", () => {
    const p = { TaskId: "t", Status: 0, MinConversationDuration: 60, MaxConversationDuration: 30 };
    const en = one(Aiccs.validate("QueryAiCallDetailPage", p));
    assert.equal(en.code, "invalid_range");
    assert.match(en.message, /must not be less than MinConversationDuration \(60\), received 30/);
    const zh = one(Aiccs.validate("QueryAiCallDetailPage", p, { locale: "zh-CN" }));
    assert.match(zh.message, /不能小于/);
  });

  test("a day the month does not have is not called a format error", () => {
    const i = one(Aiccs.validate("GetCallDialogContent", { CallId: "c", CallDate: "2026-02-30" }).filter((x) => x.path === "CallDate"));
    assert.equal(i.code, "invalid_date");
    assert.match(i.message, /2026-02-30/);
    const zh = Aiccs.validate("GetCallDialogContent", { CallId: "c", CallDate: "2026-02-30" }, { locale: "zh-CN" }).find((x) => x.path === "CallDate");
    assert.ok(HAS_CJK.test(zh.message));
  });

  test("a whole number too large for JavaScript is called too large, not fractional", () => {
    const i = one(Aiccs.validate("QueryAiCallTaskPage", { OwnerId: 1e21 }));
    assert.match(i.message, /safe integer.*digit string/);
  });

  test("options that are not an object are named as the options", () => {
    const c = new Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret" });
    let e;
    try {
      c.buildRequest("StopAiCallTask", { TaskId: "1" }, 5);
    } catch (x) {
      e = x;
    }
    assert.deepEqual(e.issues.map((i) => [i.path, i.code]), [["options", "invalid_type"]]);
  });

  test("a value JSON cannot carry is not called missing", async () => {
    const api = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9", fetch: () => assert.fail("nothing is sent") });
    const throwing = { taskId: T, get userId() { throw new Error("no"); } };
    for (const args of [{ userId: () => U, taskId: T }, { userId: Symbol("u"), taskId: T }, throwing]) {
      const issues = AgentApi.validate("getTask", args);
      assert.deepEqual(issues.map((i) => [i.path, i.code]), [["userId", "not_supported"]]);
      await assert.rejects(api.getTask(args), (e) => e.issues?.[0]?.code === "not_supported");
    }
  });

  test("an option behind a getter that throws is reported, not replaced by a default", () => {
    let e;
    try {
      new AgentApi({ token: "t", get baseUrl() { throw new Error("no"); } });
    } catch (x) {
      e = x;
    }
    assert.deepEqual(e?.issues?.map((i) => [i.path, i.code]), [["baseUrl", "not_supported"]]);
  });

  test("free() called without its client is a no-op", () => {
    const api = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9" });
    const f = api.free;
    f();
    assert.ok(api.buildRequest("getTask", { userId: U, taskId: T }).url.includes(T));
  });

  test("a security token with a space says what is wrong with it", () => {
    let e;
    try {
      new Aiccs({ accessKeyId: "id", accessKeySecret: "secret", securityToken: "has space" });
    } catch (x) {
      e = x;
    }
    assert.match(e.issues[0].message, /without spaces/);
    assert.doesNotMatch(e.message, /has space/);
  });
});

describe("errors other than validation, in the client's language", () => {
  test("a zh-CN client says server, network and abort errors in Chinese", async () => {
    const answers = {
      api: () => new Response(JSON.stringify({ code: 5002, status: "error", message: "任务不存在", data: [] }), { status: 200 }),
      html: () => new Response("<html><body>login</body></html>", { status: 200 }),
      empty: () => new Response("", { status: 200 }),
      cut: () => new Response('{"code":200,"da', { status: 200 }),
      network: () => { throw new TypeError("fetch failed"); },
    };
    for (const [name, answer] of Object.entries(answers)) {
      const api = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9", locale: "zh-CN", fetch: async () => answer() });
      const e = await api.getTask({ userId: U, taskId: T }).then(() => assert.fail("resolved"), (x) => x);
      assert.ok(HAS_CJK.test(e.message), `${name}: ${e.message}`);
      // No English sentence of ours: Latin words only where names and quoted text stand.
      const ours = e.message.replace(/(fetch failed|login|HTTP|JSON|signal|token)/g, "");
      assert.doesNotMatch(ours, /[a-z]{3,} [a-z]{3,}/i, `${name}: ${e.message}`);
      const en = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9", fetch: async () => answer() });
      const e2 = await en.getTask({ userId: U, taskId: T }).then(() => assert.fail("resolved"), (x) => x);
      assert.equal(e2.code, e.code);
      assert.ok(!HAS_CJK.test(e2.message.replace("任务不存在", "")), `${name}: ${e2.message}`);
    }
    const ac = new AbortController();
    const slow = new AgentApi({ token: "t", baseUrl: "http://127.0.0.1:9", locale: "zh-CN", fetch: () => new Promise(() => {}) });
    setTimeout(() => ac.abort(), 20);
    const aborted = await slow.getTask({ userId: U, taskId: T, signal: ac.signal }).then(() => assert.fail("resolved"), (x) => x);
    assert.equal(aborted.kind, "aborted");
    assert.ok(HAS_CJK.test(aborted.message), aborted.message);
  });
});


describe("aiccs params JSON would drop", () => {
  test("a function among the params: not JSON when the operation takes it, unknown otherwise; nothing is sent", async () => {
    const keys = (list) => list.map((i) => `${i.path}:${i.code}`);
    assert.deepEqual(keys(Aiccs.validate("StopAiCallTask", { TaskId: "t", cb: () => 1 })), ["cb:unknown_field"]);
    assert.deepEqual(keys(Aiccs.validate("StopAiCallTask", { TaskId: () => 1 })), ["TaskId:not_supported"]);
    const [typo] = Aiccs.validate("StopAiCallTask", { TaskId: "t", TaskID: Symbol("x") });
    assert.match(typo.message, /TaskId/);
    let sent = 0;
    const c = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch: async () => { sent++; return new Response("{}"); } });
    const e = await c.call("StopAiCallTask", { TaskId: "t", cb: () => 1 }).then(() => assert.fail("resolved"), (x) => x);
    assert.deepEqual(keys(e.issues), ["cb:unknown_field"]);
    const e2 = await c.call("StopAiCallTask", { TaskId: () => 1 }).then(() => assert.fail("resolved"), (x) => x);
    assert.deepEqual(keys(e2.issues), ["TaskId:not_supported"]);
    assert.equal(sent, 0);
  });
});

describe("network errors say what failed", () => {
  test("Node's \"fetch failed\" comes with its cause (the real fetch, a closed port; an injected one)", async () => {
    // A port that was just free (port 9 is one fetch refuses outright: "bad port").
    const srv = net.createServer();
    await new Promise((r) => srv.listen(0, "127.0.0.1", r));
    const { port } = srv.address();
    await new Promise((r) => srv.close(r));
    const closed = new AgentApi({ token: "t", baseUrl: `http://127.0.0.1:${port}` });
    const e = await closed.getTask({ userId: U, taskId: T }).then(() => assert.fail("resolved"), (x) => x);
    assert.equal(e.code, "not_connected");
    assert.match(e.message, /ECONNREFUSED/);
    const dns = new AgentApi({ token: "t", baseUrl: "http://h", fetch: async () => { throw new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND h") }); } });
    const e2 = await dns.getTask({ userId: U, taskId: T }).then(() => assert.fail("resolved"), (x) => x);
    assert.match(e2.message, /fetch failed \(getaddrinfo ENOTFOUND h\)/);
  });
});

describe("option errors in the options' language", () => {
  test("a zh-CN Aiccs with an accessKeySecret that is not a string says so in Chinese, without the value", () => {
    for (const secret of [5, { s: "hunter2-secret" }]) {
      let e;
      try { new Aiccs({ accessKeyId: "id", accessKeySecret: secret, locale: "zh-CN" }); } catch (x) { e = x; }
      const issue = e.issues.find((i) => i.path === "accessKeySecret");
      assert.ok(issue && HAS_CJK.test(issue.message), JSON.stringify(e.issues));
      assert.doesNotMatch(issue.message, /must be|hunter2/);
    }
  });

  test("undefined, a function or a symbol for a whole argument is called that, not null", () => {
    const msg = (issues) => one(issues).message;
    assert.equal(msg(AgentApi.validateTaskUpdate(undefined)), "the request must be an object, received undefined.");
    assert.equal(msg(AgentApi.validateTaskUpdate(() => 1)), "the request must be an object, received a function.");
    assert.equal(msg(AgentApi.validateTaskUpdate(Symbol("t"), { locale: "zh-CN" })), "请求参数必须是对象，收到：符号值。");
    assert.equal(msg(Aiccs.validate("ListRoles", () => 1)), "the request must be an object, received a function.");
    // null is null, and no params at all is still fine for aiccs.
    assert.equal(msg(AgentApi.validateTaskUpdate(null)), "the request must be an object, received null.");
    assert.equal(Aiccs.validate("ListRoles", undefined).filter((i) => i.path === "").length, 0);
  });

  test("paginate with a name it cannot walk: a near paged name, or that the operation has no pages", async () => {
    const fetch = async () => { throw new Error("nothing may be sent"); };
    const aiccs = new Aiccs({ accessKeyId: "a", accessKeySecret: "b", fetch });
    const api = new AgentApi({ token: "t", baseUrl: "https://h.example", fetch });
    const walk = async (it) => { try { for await (const _ of it); return null; } catch (e) { return one(e.issues); } };
    const typo = await walk(aiccs.paginate("queryAiCallTaskPage", {}));
    assert.equal(typo.code, "unknown_action");
    assert.match(typo.message, /did you mean "QueryAiCallTaskPage"\?/);
    const single = await walk(aiccs.paginate("LlmSmartCall", {}));
    assert.equal(single.message, 'action names an operation that has no pages, received "LlmSmartCall": call it directly; operations() marks the paged ones (paged: true).');
    assert.ok(single.message.length < 200);
    const agent = await walk(api.paginate("listTask", { userId: U }));
    assert.match(agent.message, /did you mean "listTasks"\?/);
    const zh = await walk(api.paginate("getTask", { userId: U, taskId: T, locale: "zh-CN" }));
    assert.equal(zh.message, 'name 对应的接口没有分页，收到："getTask"，请直接调用；哪些接口可分页见 operations()。');
  });
});
