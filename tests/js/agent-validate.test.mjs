// AgentApi.validate(name, args, { locale }): for every Agent API operation, exactly the issues
// its method would refuse the arguments with, without a client, a token or a request. A
// batched method (rows, record ids) takes any count; the others are one request.

import { test, describe, before } from "node:test";
import assert from "node:assert/strict";

import { loadNode, readJson, agentArgumentsFor as argumentsFor, USER_A, TASK_A } from "./helpers.mjs";

const rows = (n) => Array.from({ length: n }, (_, i) => ({ phone: `139${String(i).padStart(8, "0")}` }));

let AgentApi;
let AicallError;
before(async () => {
  ({ AgentApi, AicallError } = await loadNode());
});

/** What the method itself says about `args`: its validation issues, or [] when it sends. */
async function methodVerdict(name, args, locale) {
  let sends = 0;
  // A 400 ends the call at once (never retried): the method got as far as sending.
  const fetch = async () => {
    sends++;
    return new Response("{}", { status: 400 });
  };
  const api = new AgentApi({ token: "t", locale, fetch });
  // A batch that starts resolves with every item in `failed`; any other call that starts
  // rejects with the HTTP error.
  const e = await api[name](args).then(() => null, (err) => err);
  if (e?.kind === "validation") {
    assert.equal(sends, 0, `${name}: nothing is sent when the arguments are refused`);
    return e.issues;
  }
  assert.ok(sends > 0, `${name}: ${e?.code}`);
  return [];
}

describe("AgentApi.validate", () => {
  test("every operation: the same issues as its method (one request, or a batch of any count)", async () => {
    let cases = 0;
    let invalid = 0;
    for (const op of AgentApi.operations()) {
      for (const args of argumentsFor(op)) {
        for (const locale of ["en", "zh-CN"]) {
          const got = AgentApi.validate(op.name, args, { locale });
          const want = await methodVerdict(op.name, args, locale);
          assert.deepEqual(got, want, `${op.name} ${JSON.stringify(args)?.slice(0, 120)} ${locale}`);
          cases++;
          if (got.length) invalid++;
        }
      }
    }
    assert.equal(AgentApi.operations().length, 32);
    assert.ok(invalid > cases / 2 && invalid < cases, `${invalid} of ${cases} invalid`);
  });

  test("a batch is any count; what its planner refuses is refused", () => {
    const args = { userId: USER_A, taskId: TASK_A, body: { data: rows(250) } };
    assert.deepEqual(AgentApi.validate("addNumbers", args), []);
    const dup = AgentApi.validate("addNumbers", { ...args, body: { data: [...rows(2), { phone: "13900000000" }] } }, { locale: "zh-CN" });
    assert.deepEqual(dup.map((i) => [i.path, i.code]), [["body.data[2].phone", "duplicate"]]);
    assert.match(dup[0].message, /与下标为 0 的项重复/);
    assert.deepEqual(AgentApi.validate("batchVoiceUrls", { userId: USER_A, taskId: TASK_A, recordIds: ["a", "a", "b"] }), []);
  });

  test("the arguments' own locale and variant apply, as in a method call; options.locale is the fallback", () => {
    const args = { userId: USER_A, taskId: TASK_A, body: {} };
    const zh = AgentApi.validate("updateTask", args, { locale: "zh-CN" });
    assert.deepEqual(AgentApi.validate("updateTask", { ...args, locale: "zh-CN" }), zh);
    assert.notDeepEqual(AgentApi.validate("updateTask", args), zh);
    const v2 = { ...args, body: readJson("agent_api/update_v2.json") };
    assert.deepEqual(AgentApi.validate("updateTask", v2), []);
    assert.notDeepEqual(AgentApi.validate("updateTask", { ...v2, variant: "legacy" }), []);
  });

  test("an unknown name is an issue with a suggestion; a name that is not a string or bad options throw", () => {
    const [issue] = AgentApi.validate("addNumber", {});
    assert.deepEqual([issue.path, issue.code], ["name", "unknown_action"]);
    assert.match(issue.message, /addNumbers/);
    for (const call of [() => AgentApi.validate(5, {}), () => AgentApi.validate("addNumbers", {}, { locale: "fr" })]) {
      assert.throws(call, (e) => e instanceof AicallError && e.kind === "validation");
    }
  });

  test("an argument this operation does not take is unknown whatever it holds (a function is not \"not JSON\")", () => {
    const args = { userId: USER_A, taskId: TASK_A, body: { data: rows(1) } };
    const [typo] = AgentApi.validate("addNumbers", { ...args, onProgres: () => {} });
    assert.deepEqual([typo.path, typo.code], ["onProgres", "unknown_field"]);
    assert.match(typo.message, /onProgress/);
    const [elsewhere] = AgentApi.validate("getTask", { userId: USER_A, taskId: TASK_A, onProgress: () => {} });
    assert.deepEqual([elsewhere.path, elsewhere.code], ["onProgress", "unknown_field"]);
    // A parameter it takes is still read as JSON.
    const [param] = AgentApi.validate("getTask", { userId: USER_A, taskId: () => {} });
    assert.equal(param.path, "taskId");
    assert.notEqual(param.code, "unknown_field");
  });
});
