// The demo page's form model (www/js/meta.js) in Node, without a browser:
// every TypeInfo kind of the operation metadata gets an editor, values are read back with the
// right types, and the page restates none of the core's enums or limits.
// Run: node --test tests/e2e/   (the checks against pkg/ need `make pkg` first)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  batchPlan, editorKind, exampleFor, findSlot, flatObject, formKind, fromText, highlightOf, jsonErrorAt, listItems,
  operationEntries, setPath, structuredBody,
} from "../../www/js/meta.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// A fixture of the metadata's shape, with every TypeInfo kind.
const window = { kind: "object", fields: [
  { name: "startTime", required: true, doc: "", type: { kind: "format", format: "time-hms", example: "09:00:00" } },
  { name: "endTime", required: true, doc: "", type: { kind: "format", format: "time-hms", example: "09:00:00" } },
] };
const AGENT_OPS = [
  {
    name: "updateTask", method: "PUT", path: "/agent-api/new/user/{user_id}/task/{task_id}", summary: "", idempotent: false, paged: false,
    params: [
      { name: "userId", in: "path", required: true, doc: "", type: { kind: "string", minLength: 1 } },
      { name: "body", in: "body", required: true, doc: "", type: { kind: "variants", variants: {
        v2: { kind: "object", fields: [{ name: "maximumcall", required: true, doc: "", type: { kind: "integer", minimum: 1 } }] },
        legacy: { kind: "object", fields: [{ name: "name", required: true, doc: "", type: { kind: "string" } }] },
      } } },
    ],
  },
  {
    name: "batchVoiceUrls", method: "GET", path: "/x", summary: "", idempotent: true, paged: false, batch: { param: "recordIds", perRequest: 7 },
    params: [{ name: "recordIds", in: "query", style: "brackets", required: true, doc: "",
      type: { kind: "array", items: { kind: "string", minLength: 1 }, minItems: 1, maxItems: 7, unique: true } }],
  },
];
const AICCS_OPS = [{
  name: "Demo", action: "Demo", clientMethod: "demo", method: "POST", path: "/", summary: "", idempotent: false, paged: false,
  params: [
    { name: "TaskId", in: "query", required: true, doc: "", type: { kind: "string", minLength: 1 } },
    { name: "Cps", in: "query", required: false, doc: "", type: { kind: "integer", minimum: 1, maximum: 9 } },
    { name: "Owner", in: "query", required: false, doc: "", type: { kind: "id" } },
    { name: "On", in: "query", required: false, doc: "", type: { kind: "boolean" } },
    { name: "Flag", in: "query", required: false, doc: "", type: { kind: "flag" } },
    { name: "Kind", in: "query", required: false, doc: "", type: { kind: "enum", values: [0, 1, 2] } },
    { name: "Day", in: "query", style: "json", required: false, doc: "", type: { kind: "array", items: { kind: "enum", values: ["A", "B"] }, minItems: 1, unique: true } },
    { name: "Ids", in: "query", style: "simple", required: false, doc: "", type: { kind: "array", items: { kind: "integer" }, minItems: 0, unique: false } },
    { name: "Windows", in: "query", style: "json", required: false, doc: "", type: { kind: "array", items: { kind: "either", of: [{ kind: "json-text", of: window }, window] }, minItems: 1, unique: false } },
    { name: "Rows", in: "body", style: "json", required: false, doc: "", type: { kind: "array", items: { kind: "object", open: true, fields: [{ name: "n", required: true, doc: "", type: { kind: "string" } }] }, minItems: 1, maxItems: 5, unique: false } },
    { name: "Vars", in: "query", style: "json", required: false, doc: "", type: { kind: "map" } },
    { name: "Any", in: "query", required: false, doc: "", type: { kind: "any-array" } },
    { name: "Text", in: "query", required: false, doc: "", type: { kind: "json-text", of: { kind: "map" } } },
    { name: "Ext", in: "query", required: false, doc: "", type: { kind: "digits", maxLength: 5 } },
    { name: "When", in: "query", required: false, doc: "", type: { kind: "format", format: "date", example: "2026-01-02" } },
    { name: "IdOrText", in: "query", required: false, doc: "", type: { kind: "either", of: [{ kind: "id" }, { kind: "string" }] } },
  ],
}];

test("every TypeInfo kind has an editor", () => {
  const kinds = Object.fromEntries(AICCS_OPS[0].params.map((p) => [p.name, editorKind(p.type)]));
  assert.deepEqual(kinds, {
    TaskId: "text", Cps: "number", Owner: "text", On: "boolean", Flag: "flag", Kind: "enum", Day: "chips", Ids: "list",
    Windows: "rows", Rows: "json", Vars: "json", Any: "json", Text: "json-text", Ext: "text", When: "text", IdOrText: "text",
  });
  assert.equal(editorKind(AGENT_OPS[0].params[1].type), "json");
  assert.deepEqual(flatObject(AICCS_OPS[0].params.find((p) => p.name === "Windows").type.items), window);
});

test("form kinds: the batch form from the metadata's batch, the body editor for an Agent API body with fields", () => {
  const entries = operationEntries(AGENT_OPS, AICCS_OPS);
  assert.deepEqual(entries.map((e) => [e.api, e.id, formKind(e)]),
    [["agent", "updateTask", "operation"], ["agent", "batchVoiceUrls", "batch"], ["aiccs", "Demo", "operation"]]);
  assert.equal(structuredBody(entries[0]).name, "body");
  assert.equal(structuredBody(entries[2]), null);
  const ex = exampleFor({ agent: { "*": { userId: "u", nope: 1 }, updateTask: { body: { v2: {} } } } }, entries[0]);
  assert.deepEqual(ex, { userId: "u", body: { v2: {} } });
});

test("typed text becomes the value the SDK expects", () => {
  assert.equal(fromText({ kind: "integer" }, "42"), 42);
  assert.equal(fromText({ kind: "integer" }, " "), undefined);
  assert.equal(fromText({ kind: "integer" }, "12345678901234567890"), "12345678901234567890");
  assert.equal(fromText({ kind: "integer" }, "abc"), "abc");
  assert.equal(fromText({ kind: "id" }, "123"), 123);
  assert.equal(fromText({ kind: "string" }, "007"), "007");
  assert.equal(fromText({ kind: "either", of: [{ kind: "id" }, { kind: "string" }] }, "9"), 9);
  assert.deepEqual(listItems({ kind: "string" }, "a\nb, c,,\n"), ["a", "b", "c"]);
  assert.deepEqual(listItems({ kind: "string" }, "a，b、c；d;e\r\nf ，， "), ["a", "b", "c", "d", "e", "f"]);
  assert.deepEqual(listItems({ kind: "integer" }, "1\n2"), [1, 2]);
  // Where JSON stops parsing; nesting deeper than the reader's recursion gives no position
  // rather than throwing out of the page's input handler.
  assert.deepEqual(jsonErrorAt('{\n  "a": 1,\n  "b" 2\n}'), { line: 3, column: 7 });
  assert.equal(jsonErrorAt('{"a": [1, 2]}'), null);
  assert.equal(jsonErrorAt("[".repeat(1_000_000)), null);
  // what is typed is what the SDK checks: no character dropped; full-width digits are digits; spaces around go
  assert.equal(fromText({ kind: "integer" }, "4 0"), "4 0");
  assert.equal(fromText({ kind: "integer" }, "1,000"), "1,000");
  assert.equal(fromText({ kind: "integer" }, "４０"), 40);
  assert.equal(fromText({ kind: "format", format: "date" }, " 2025-06-06 "), "2025-06-06");
  assert.equal(fromText({ kind: "string" }, " a b ", { keepSpaces: true }), " a b ");
  const o = {};
  setPath(o, "task_extras.pop_mode", 1);
  assert.deepEqual(o, { task_extras: { pop_mode: 1 } });
  setPath(o, "task_extras.pop_mode", undefined);
  assert.deepEqual(o, { task_extras: {} });
});

test("issues find the field whose path is a prefix of theirs", () => {
  const slots = new Map([["CallTime", {}], ["body", { exact: true }], ["body.task_extras.line", {}]]);
  const has = (k, exact) => slots.has(k) && (exact || !slots.get(k).exact);
  assert.equal(findSlot("CallTime[0].endTime", has), "CallTime");
  assert.equal(findSlot("body.task_extras.line[1].limit", has), "body.task_extras.line");
  assert.equal(findSlot("body", has), "body");
  assert.equal(findSlot("body.task_extras.pop_mode", has), null);
});

test("answers and batches", () => {
  assert.deepEqual(highlightOf({ Code: "OK", Data: 118755 }), ["Data", 118755]);
  assert.deepEqual(highlightOf({ Code: "OK", RequestId: "r", CallId: "c^1" }), ["CallId", "c^1"]);
  assert.deepEqual(highlightOf({ Data: { Total: 3, List: [] } }), ["Data.Total", 3]);
  assert.deepEqual(batchPlan(["a", "b", "a", "c"], 2), { distinct: 3, requests: 2, size: 2, first: ["a", "b"] });
});

// ---------------------------------------------------------------- against the built package

const hasPkg = fs.existsSync(path.join(ROOT, "pkg/package.json"));

function walk(type, visit) {
  visit(type);
  if (!type || typeof type !== "object") return;
  if (type.items) walk(type.items, visit);
  if (type.of) (Array.isArray(type.of) ? type.of : [type.of]).forEach((t) => walk(t, visit));
  if (type.fields) type.fields.forEach((f) => walk(f.type, visit));
  if (type.variants) Object.values(type.variants).forEach((t) => walk(t, visit));
}

test("every operation the package describes gets a form; the page restates none of its enums or limits", { skip: !hasPkg && "no pkg/" }, () => {
  const require = createRequire(import.meta.url);
  const { AgentApi, Aiccs } = require(path.join(ROOT, "pkg"));
  const entries = operationEntries(typeof AgentApi.operations === "function" ? AgentApi.operations() : [], Aiccs.operations());
  assert.ok(entries.length >= 2);
  const KNOWN = new Set(["text", "number", "enum", "boolean", "flag", "list", "chips", "rows", "json", "json-text"]);
  const enumValues = new Set();
  for (const e of entries) {
    assert.ok(Array.isArray(e.op.params), `${e.id}: the metadata lists its params`);
    assert.ok(["operation", "batch"].includes(formKind(e)));
    for (const p of e.op.params) {
      assert.ok(KNOWN.has(editorKind(p.type)), `${e.id}.${p.name}`);
      walk(p.type, (t) => { if (t?.kind === "enum") for (const v of t.values) if (typeof v === "string" && v.length > 4) enumValues.add(v); });
    }
  }
  const files = [];
  const dir = path.join(ROOT, "www/js");
  for (const f of fs.readdirSync(dir, { recursive: true })) if (String(f).endsWith(".js")) files.push(path.join(dir, String(f)));
  const code = files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  for (const v of enumValues) assert.ok(!code.includes(`"${v}"`), `page code restates the enum value ${v}`);
  for (const e of entries) {
    const b = e.op.batch;
    if (b?.perRequest) assert.doesNotMatch(code, new RegExp(`\\b${b.perRequest}\\b`), `page code restates the batch size ${b.perRequest}`);
    // the list may lie inside a parameter ("body.data" of addNumbers)
    if (b) assert.equal(formKind(e), "batch", `${e.id} (batch ${b.param}) gets the batch form`);
  }
});

test("every aiccs form opens with values the SDK accepts (the SDK-declared ones from fixtures/aiccs-sdk-examples.json)", () => {
  const require = createRequire(import.meta.url);
  const { Aiccs } = require(path.join(ROOT, "pkg/node/index.cjs"));
  const read = (f) => JSON.parse(fs.readFileSync(path.join(ROOT, "www/fixtures", f), "utf8"));
  const examples = { ...read("examples.json"), "aiccs-sdk": read("aiccs-sdk-examples.json") };
  const documented = new Set(Object.keys(read("../../tests/fixtures/aiccs-wire-20.json")));
  const entries = operationEntries([], Aiccs.operations()).filter((e) => !documented.has(e.id));
  assert.equal(entries.length, 159);
  for (const e of entries) assert.deepEqual(Aiccs.validate(e.id, exampleFor(examples, e)), [], e.id);
  // The operation's own entry wins over the generated one.
  const own = exampleFor({ aiccs: { ListTask: { PageSize: 5 } }, "aiccs-sdk": { ListTask: { PageSize: 10 } } }, entries.find((e) => e.id === "ListTask"));
  assert.deepEqual(own, { PageSize: 5 });
});
