// Servers (or fetch implementations) that misbehave in ways a review found the SDK did not
// survive: cycling pages, waits the caller aborts, bodies that starve the event loop, writes
// aborted in flight, secrets echoed in other spellings or cut short, odd Retry-After values.
// Every case uses an injected `fetch`: nothing here needs the network.

import { test, describe, before } from "node:test";
import assert from "node:assert/strict";

import { loadNode, assertAicallError } from "./helpers.mjs";

let AgentApi;
let Aiccs;
let AicallError;

before(async () => {
  ({ AgentApi, Aiccs, AicallError } = await loadNode());
});

const TOKEN = "tok-SECRET/abcdefghijklmnop+1234567890=";
const U = "5832d184-dd53-42a0-8ace-0bf8d660f4cc";
const T = "f232d184-dd54-42a0-8ace-0bf8d660f4cc";
const json = (status, body, headers = {}) => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
const agent = (fetch, o = {}) => new AgentApi({ token: TOKEN, baseUrl: "http://127.0.0.1:9", fetch, ...o });
const STS = "CAIS0123+abc/XYZ==";
const aiccs = (fetch, o = {}) => new Aiccs({ accessKeyId: "testid", accessKeySecret: "testsecret-0123456789", securityToken: STS, fetch, ...o });

/** Every text an error shows or serialises. */
const shown = (e) => [String(e), e.stack, JSON.stringify(e), JSON.stringify(e.issues ?? [])].join("\n");

async function failure(p) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}

describe("paging", () => {
  test("a server cycling through pages it already gave is not walked to the page cap", async () => {
    for (const period of [2, 3, 5]) {
      let requests = 0;
      const api = agent(async (url) => {
        requests++;
        const page = Number(new URL(url).searchParams.get("page") ?? 1);
        const k = page % period;
        return json(200, { code: 200, status: "success", message: "", data: [{ id: `r${k}` }], meta: { current_page: page, has_pages: true, per_page: 1, last_page: 99999 } });
      });
      const ids = [];
      // The server says more pages follow (last_page), so the walk ends with an error that
      // says it stopped early, after every page it could trust.
      const e = await (async () => {
        for await (const item of api.paginate("listCallRecords", { userId: U, taskId: T })) {
          ids.push(item.id);
          assert.ok(ids.length < 100, `period ${period}: still walking after ${ids.length} items`);
        }
      })().then(() => null, (x) => x);
      assertAicallError(e, AicallError, { kind: "parse", code: "repeated_page" });
      assert.equal(new Set(ids).size, period, `period ${period}: every distinct page seen`);
      assert.ok(requests <= 3 * period + 1, `period ${period}: ${requests} requests`);
    }
  });

  test("a server stuck on its last page, from page 1 or page 5: nothing is handed out twice", async () => {
    for (const start of [1, 5]) {
      let requests = 0;
      const api = agent(async (url) => {
        requests++;
        const page = Number(new URL(url).searchParams.get("page"));
        const k = Math.min(page - start, 3); // pages A, B, C, D, D, D…
        return json(200, { code: 200, status: "success", message: "", data: [{ id: `r${k}` }], meta: { current_page: page, last_page: 99999 } });
      });
      const ids = [];
      const e = await (async () => {
        for await (const item of api.paginate("listCallRecords", { userId: U, taskId: T, query: { page: start } })) {
          ids.push(item.id);
          assert.ok(ids.length < 50, "still walking");
        }
      })().then(() => null, (x) => x);
      assert.equal(e?.code, "repeated_page", "last_page says more follow: the early stop is told");
      assert.deepEqual(ids, ["r0", "r1", "r2", "r3"], `from page ${start}`);
      assert.equal(requests, 5);
    }
  });

  test("a server that ignores the page asked for, or answers an empty page early, while saying more follow: told, never a silent half", async () => {
    const walk = async (client, name, args) => {
      const got = [];
      const e = await (async () => {
        for await (const item of client.paginate(name, args)) got.push(item);
      })().then(() => null, (x) => x);
      return [got.length, e?.code];
    };
    const stuck = agent(async () => json(200, { code: 200, status: "success", message: "", data: [{ id: "a" }, { id: "b" }], meta: { has_pages: true, current_page: 1, last_page: 5, total: 10 } }));
    assert.deepEqual(await walk(stuck, "listCallRecords", { userId: U, taskId: T }), [2, "repeated_page"]);
    // Page 1 again, with other rows (a list that changes under the walk).
    let n = 0;
    const ignoring = agent(async () => json(200, { code: 200, status: "success", message: "", data: [{ id: `r${n++}` }], meta: { current_page: 1, last_page: 5 } }));
    assert.deepEqual(await walk(ignoring, "listCallRecords", { userId: U, taskId: T }), [1, "incomplete_pages"]);
    const hollow = agent(async (url) => {
      const page = Number(new URL(url).searchParams.get("page"));
      return json(200, { code: 200, status: "success", message: "", data: page === 1 ? [{ id: "a" }] : [], meta: { current_page: page, last_page: 4 } });
    });
    assert.deepEqual(await walk(hollow, "listCallRecords", { userId: U, taskId: T }), [1, "incomplete_pages"]);
    const stuckAiccs = aiccs(async () => json(200, { Code: "OK", RequestId: "r", Data: { PageNo: 1, PageSize: 2, Total: 10, List: [{ TaskId: "a" }, { TaskId: "b" }] } }));
    assert.deepEqual(await walk(stuckAiccs, "QueryAiCallTaskPage", { PageSize: 2 }), [2, "repeated_page"]);
    const ignoringAiccs = aiccs(async () => json(200, { Code: "OK", RequestId: "r", Data: { PageNo: 1, PageSize: 2, Total: 10, List: [{ TaskId: `t${n++}` }, { TaskId: `t${n++}` }] } }));
    assert.deepEqual(await walk(ignoringAiccs, "QueryAiCallTaskPage", { PageSize: 2 }), [2, "incomplete_pages"]);
    const e = await failure((async () => { for await (const _ of ignoring.paginate("listCallRecords", { userId: U, taskId: T })); })());
    assert.match(e.message, /page 2 was asked for and the server answered page 1/);
  });

  test("a last page short of the server's total: its rows are handed out, then the walk is told", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: i }));
    // 47 rows, served 20 a page whatever per_page asks, page 1 called the last.
    const capped = agent(async () => json(200, { code: 200, status: "success", message: "", data: rows, meta: { current_page: 1, last_page: 1, per_page: 100, total: 47 } }));
    const got = [];
    const e = await failure((async () => { for await (const r of capped.paginate("listCallRecords", { userId: U, taskId: T })) got.push(r); })());
    assert.equal(got.length, 20);
    assertAicallError(e, AicallError, { kind: "parse", code: "incomplete_pages" });
    assert.match(e.message, /after 20 rows in all, although its total says 47/);
    // nextPage, for your own transport, throws the same error.
    assert.throws(() => AgentApi.nextPage("listCallRecords", { userId: U, taskId: T, query: { page: 1 } }, { data: rows, meta: { current_page: 1, last_page: 1, total: 47 } }),
      (x) => x instanceof AicallError && x.code === "incomplete_pages");
  });

  test("a walk's own errors speak the client's language (or the call's), and nextPage's locale option", async () => {
    const rows = [{ id: 1 }, { id: 2 }];
    const capped = (o) => agent(async () => json(200, { code: 200, status: "success", message: "", data: rows, meta: { current_page: 1, last_page: 1, total: 5 } }), o);
    const end = async (client, args = {}) => failure((async () => { for await (const _ of client.paginate("listCallRecords", { userId: U, taskId: T, ...args })); })());
    const zh = await end(capped({ locale: "zh-CN" }));
    assertAicallError(zh, AicallError, { kind: "parse", code: "incomplete_pages" });
    assert.doesNotMatch(zh.message, /[A-Za-z]{4,}/, zh.message);
    assert.match((await end(capped())).message, /although its total says 5/);
    // An Agent API call's own locale argument wins over the client's.
    assert.doesNotMatch((await end(capped(), { locale: "zh-CN" })).message, /[A-Za-z]{4,}/);
    const stuck = aiccs(async () => json(200, { Code: "OK", RequestId: "r", Data: { PageNo: 1, PageSize: 2, Total: 10, List: [{ TaskId: "a" }, { TaskId: "b" }] } }), { locale: "zh-CN" });
    assert.equal(stuck.locale, "zh-CN");
    const e = await failure((async () => { for await (const _ of stuck.paginate("QueryAiCallTaskPage", { PageSize: 2 })); })());
    assertAicallError(e, AicallError, { kind: "parse", code: "repeated_page" });
    assert.doesNotMatch(e.message, /[A-Za-z]{4,}/, e.message);
    // …and the aiccs call's locale option wins over the client's.
    const en = await failure((async () => { for await (const _ of stuck.paginate("QueryAiCallTaskPage", { PageSize: 2 }, { locale: "en" })); })());
    assert.match(en.message, /page/);
    // nextPage for your own transport: English unless options.locale says otherwise.
    const page = { data: rows, meta: { current_page: 1, last_page: 1, total: 5 } };
    const args = { userId: U, taskId: T, query: { page: 1 } };
    assert.throws(() => AgentApi.nextPage("listCallRecords", args, page), (x) => /total says 5/.test(x.message));
    assert.throws(() => AgentApi.nextPage("listCallRecords", args, page, undefined, { locale: "zh-CN" }), (x) => x.code === "incomplete_pages" && !/[A-Za-z]{4,}/.test(x.message));
    assert.throws(() => AgentApi.nextPage("listTasksNope", {}, null, undefined, { locale: "zh-CN" }), (x) => x.kind === "validation" && x.issues[0].path === "name" && !/[A-Za-z]{5,}/.test(x.issues[0].message.replace(/"[^"]*"|\w+\(\)/g, "")));
    assert.throws(() => Aiccs.nextPage("QueryAiCallTaskPage", {}, null, undefined, { locale: "fr" }), (x) => x.kind === "validation" && x.issues[0].path === "locale");
    // Options or arguments that throw when read: an AicallError, never the thrown value.
    const boom = { get locale() { throw new Error("boom: private text"); } };
    for (const walk of [() => stuck.paginate("QueryAiCallTaskPage", { PageSize: 2 }, boom), () => capped().paginate("listCallRecords", Object.defineProperty({ userId: U, taskId: T }, "locale", { get() { throw new Error("boom: private text"); }, enumerable: true })),
      () => stuck.paginate("QueryAiCallTaskPage", {}, (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })())]) {
      const x = await (async () => { for await (const _ of walk()); })().then(() => null, (y) => y);
      if (x !== null) {
        assert.ok(x instanceof AicallError, String(x));
        assert.doesNotMatch(x.message, /private text/);
      }
    }
    // A freed client's locale: the freed-client error, as from its methods.
    const freed = capped();
    freed.free();
    assert.throws(() => freed.locale, (x) => x instanceof AicallError && x.code === "client_freed");
    assertAicallError(await end(freed), AicallError, { code: "client_freed" });
  });

  test("a list that requires query.page is walked from page 1 when none is given", async () => {
    const asked = [];
    const api = agent(async (url) => {
      const page = Number(new URL(url).searchParams.get("page"));
      asked.push(page);
      return json(200, { code: 200, status: "success", message: "", data: page === 1 ? [{ id: 1 }] : [], meta: { current_page: page, last_page: 1 } });
    });
    const items = [];
    for await (const item of api.paginate("listCustomers", { userId: U })) items.push(item);
    assert.deepEqual([items.length, asked], [1, [1]]);
  });

  test("an operation that does not page is refused before anything is sent", async () => {
    let sent = 0;
    const count = async () => {
      sent++;
      return json(200, {});
    };
    const walk = async (it) => {
      for await (const _ of it) break;
    };
    const e1 = await failure(walk(aiccs(count).paginate("StopAiCallTask", { TaskId: "t" })));
    assertAicallError(e1, AicallError, { kind: "validation" });
    const e2 = await failure(walk(agent(count).paginate("stopTask", { userId: U, taskId: T })));
    assertAicallError(e2, AicallError, { kind: "validation" });
    assert.equal(sent, 0);
  });
});

describe("waiting and aborting", () => {
  test("the caller's abort ends a Retry-After wait at once (single calls and batches)", async () => {
    const throttled = async () => json(429, "{}", { "retry-after": "8" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t0 = Date.now();
    const e = await failure(agent(throttled).getTask({ userId: U, taskId: T, signal: ac.signal }));
    assertAicallError(e, AicallError, { kind: "aborted" });
    assert.ok(Date.now() - t0 < 3000, `settled after ${Date.now() - t0} ms`);

    const ac2 = new AbortController();
    setTimeout(() => ac2.abort(), 100);
    const t1 = Date.now();
    const r = await agent(throttled).addNumbers({ userId: U, taskId: T, body: { data: [{ phone: "13800000000" }] }, signal: ac2.signal });
    assert.equal(r.failed.length, 1);
    assert.ok(Date.now() - t1 < 3000, `batch settled after ${Date.now() - t1} ms`);
  });

  test("rows never sent after an abort are not marked outcomeUnknown; the chunk in flight is", async () => {
    const ac = new AbortController();
    const api = agent(async () => {
      ac.abort();
      await new Promise((r) => setTimeout(r, 20));
      return json(200, { code: 200, status: "success", message: "ok", data: {} });
    });
    const data = Array.from({ length: 250 }, (_, i) => ({ phone: `1380000${String(i).padStart(4, "0")}` }));
    const r = await api.addNumbers({ userId: U, taskId: T, body: { data }, concurrency: 1, signal: ac.signal });
    assert.equal(r.failed.length, 250);
    const unknown = r.failed.filter((f) => f.error.outcomeUnknown === true).length;
    assert.equal(unknown, 100, "the first chunk went out; the other 150 rows never did");
  });

  test("a body that never ends and never yields to the event loop still times out", async () => {
    const endless = () => new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(0)); } });
    const api = agent(async () => new Response(endless(), { status: 200 }), { timeoutMs: 200 });
    const e = await failure(api.getTask({ userId: U, taskId: T }));
    assertAicallError(e, AicallError, { kind: "timeout" });
  });

  test("a write aborted after it went out may have been carried out: outcomeUnknown", async () => {
    let reached = 0;
    const slow = async (url, init) => {
      reached++;
      await new Promise((r) => setTimeout(r, 300));
      if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
      return json(200, { code: 200, status: "success", message: "ok", data: {} });
    };
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await failure(agent(slow).stopTask({ userId: U, taskId: T, signal: ac.signal }));
    assertAicallError(e, AicallError, { kind: "aborted", retryable: false });
    assert.equal(e.outcomeUnknown, true);
    // A read aborted the same way has no outcome to know; an abort before sending neither.
    const ac2 = new AbortController();
    setTimeout(() => ac2.abort(), 50);
    const r = await failure(agent(slow).getTask({ userId: U, taskId: T, signal: ac2.signal }));
    assert.equal(r.outcomeUnknown, undefined);
    const before = reached;
    const early = await failure(agent(slow).stopTask({ userId: U, taskId: T, signal: AbortSignal.abort() }));
    assert.equal(early.outcomeUnknown, undefined);
    assert.equal(reached, before, "nothing sent");
  });

  test("a Retry-After too long to count is a long wait (the error comes back), not none", async () => {
    let requests = 0;
    const api = aiccs(async () => {
      requests++;
      return json(503, { Code: "ServiceUnavailable", Message: "busy" }, { "retry-after": "99999999999999999999" });
    });
    await failure(api.call("QueryAiCallTaskPage", { PageSize: 10 }));
    assert.equal(requests, 1);
  });
});

describe("secrets in other spellings", () => {
  test("lower-case percent-encoding, PHP's escaped slash, and a token cut short are all removed", async () => {
    const answers = [
      // Echoed JSON-escaped (\/) in a body that is quoted raw.
      () => json(500, `{"error":"Unauthenticated","authorization":"Bearer ${TOKEN.replaceAll("/", "\\/")}"}`),
      // Percent-encoded with lower-case hex.
      () => json(401, `token ${encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`),
      // An HTML page whose excerpt is cut inside the token.
      () => json(502, `<html><body>${"x".repeat(100)} Bearer ${TOKEN}</body></html>`),
    ];
    for (const answer of answers) {
      const e = await failure(agent(async () => answer()).getTask({ userId: U, taskId: T }));
      assert.ok(e instanceof AicallError);
      const text = shown(e);
      for (let i = 0; i + 8 <= TOKEN.length; i++) assert.ok(!text.includes(TOKEN.slice(i, i + 8)), `${TOKEN.slice(i, i + 8)} in ${e.message}`);
    }
  });

  test("a fetch error cut at 300 characters inside the token", async () => {
    const e = await failure(agent(async () => { throw new Error(`${"y".repeat(280)} Bearer ${TOKEN}`); }).getTask({ userId: U, taskId: T }));
    assertAicallError(e, AicallError, { kind: "network" });
    assert.ok(!shown(e).includes(TOKEN.slice(0, 10)), e.message);
  });

  test("a redirect whose Location carries credentials names no part of them", async () => {
    const api = aiccs(async () => json(307, "", { location: `https://user:${STS}@evil.example/` }));
    const e = await failure(api.call("QueryAiCallTaskPage", { PageSize: 10 }));
    assertAicallError(e, AicallError, { kind: "http", code: "redirect" });
    assert.ok(!shown(e).includes("CAIS0123"), e.message);
  });
});

describe("limits", () => {
  test("a digit string too long for 64 bits is still held to the field's limits", () => {
    const base = { TaskName: "x", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [{ startTime: "09:00:00", endTime: "10:00:00" }] };
    const issues = Aiccs.validate("CreateAiCallTask", { ...base, TaskCps: "99999999999999999999999" });
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [["TaskCps", "too_big"]]);
    assert.match(issues[0].message, /99999999999999999999999/);
    const low = Aiccs.validate("LlmSmartCall", { ApplicationCode: "a", CalledNumber: "1", TtsSpeed: "-99999999999999999999999" });
    assert.deepEqual(low.map((i) => [i.path, i.code]), [["TtsSpeed", "too_small"]]);
  });
});

describe("answers read as fetch reads them", () => {
  test("a UTF-8 BOM before the JSON is dropped, as Response.text() drops it", async () => {
    const api = agent(async () => new Response(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"code":200,"status":"success","message":"","data":{"id":1}}')]), { status: 200 }));
    assert.deepEqual(await api.getTask({ userId: U, taskId: T }), { id: 1 });
  });

  test("body chunks from another realm (an iframe's fetch) are read, not called unreadable", async () => {
    const { runInNewContext } = await import("node:vm");
    const text = '{"code":200,"status":"success","message":"","data":{"id":1}}';
    const bytes = [...new TextEncoder().encode(text)];
    // Chunks as another realm makes them: its own Uint8Array, and a DataView over its buffer.
    const chunks = runInNewContext(`[new Uint8Array(b.slice(0, 9)), new DataView(new Uint8Array(b.slice(9)).buffer)]`, { b: bytes });
    assert.equal(chunks[0] instanceof Uint8Array, false);
    const foreign = () => {
      let i = 0;
      const body = { getReader: () => ({ read: async () => (i < chunks.length ? { done: false, value: chunks[i++] } : { done: true }), cancel: async () => {} }) };
      return { ok: true, status: 200, headers: new Headers(), body };
    };
    assert.deepEqual(await agent(async () => foreign()).getTask({ userId: U, taskId: T }), { id: 1 });
    // A write answered so is a success, not an unknown outcome.
    await agent(async () => foreign()).stopTask({ userId: U, taskId: T });
    // A view over a detached buffer (or one lying about its length): an unreadable body,
    // never an exception escaping the call (it ended the Node process).
    for (const make of [() => { const f = new Float32Array(4); structuredClone(f.buffer, { transfer: [f.buffer] }); return f; },
      () => Object.defineProperty(new Float32Array(2), "byteLength", { value: 1e6 })]) {
      const chunk = make();
      const odd = { ok: true, status: 200, headers: new Headers(), body: { getReader: () => ({ read: async () => ({ done: false, value: chunk }), cancel: async () => {} }) } };
      assertAicallError(await failure(agent(async () => odd).getTask({ userId: U, taskId: T })), AicallError, { kind: "network" });
    }
    // Anything else in the stream is still an unreadable body.
    const odd = { ok: true, status: 200, headers: new Headers(), body: { getReader: () => ({ read: async () => ({ done: false, value: "text" }), cancel: async () => {} }) } };
    assertAicallError(await failure(agent(async () => odd).getTask({ userId: U, taskId: T })), AicallError, { kind: "network" });
  });

  test("added and answers keep the rows' order whatever order the answers come in", async () => {
    let n = 0;
    const api = agent(async (url, init) => {
      const k = n++;
      await new Promise((r) => setTimeout(r, k === 0 ? 60 : 5)); // the first request answers last
      return json(200, { code: 200, status: "success", message: "", data: { unique_id: `b${JSON.parse(init.body).data[0].phone}` } });
    });
    const data = Array.from({ length: 450 }, (_, i) => ({ phone: `1390000${String(i).padStart(4, "0")}` }));
    const r = await api.addNumbersAsync({ userId: U, taskId: T, body: { data }, concurrency: 3 });
    assert.deepEqual(r.added.map((x) => x.phone), data.map((x) => x.phone));
    assert.deepEqual(r.answers.map((a) => a.unique_id), [0, 200, 400].map((i) => `b${data[i].phone}`));
  });
});

describe("numbers", () => {
  test("floats go out and come back as the same number (JSON.parse's, String(x)'s)", async () => {
    const xs = [1000000000000000.5, -407.87482261657715, 362381.10065460205, 0.1, 5e-324, 1.7976931348623157e308, 123456789.12345679];
    const c = aiccs(async () => json(200, `{"Code":"OK","Data":[${xs.map(String).join(",")}]}`));
    const opts = { nonce: "n", timestamp: "2026-01-01T00:00:00Z" };
    for (const x of xs) {
      const q = new URL(c.buildRequest("AddLargeModel", { Temperature: x }, opts).url).searchParams;
      assert.equal(Number(q.get("Temperature")), x, `sent ${x} as ${q.get("Temperature")}`);
    }
    const answer = await c.call("QueryAiCallTaskPage", { PageSize: 10 });
    assert.deepEqual(answer.Data, xs);
  });
});


describe("answers JSON.parse takes", () => {
  test("a lone surrogate escape in an answer reads as U+FFFD, not as an unreadable answer (a write it accepted is not reported failed)", async () => {
    const body = '{"code":200,"status":"success","message":"ok","data":{"id":"t1","name":"a\\ud800b"}}';
    const api = agent(async () => json(200, body));
    const task = await api.getTask({ userId: U, taskId: T });
    assert.equal(task.name, "a\ufffdb");
    const rows = [{ phone: "13900000000" }, { phone: "13900000001" }];
    const out = await agent(async () => json(200, '{"code":200,"status":"success","message":"\\udc00","data":[]}')).addNumbers({ userId: U, taskId: T, body: { data: rows } });
    assert.deepEqual([out.added.length, out.failed.length], [2, 0]);
    const c = aiccs(async () => json(200, '{"Code":"OK","Success":true,"RequestId":"R","Data":"\\ud83d"}'));
    assert.equal((await c.call("StopAiCallTask", { TaskId: "t" })).Data, "\ufffd");
  });
});
