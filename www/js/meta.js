// What the page knows about operations comes from the package: AgentApi.operations() and
// Aiccs.operations(). This module turns that metadata into editor choices and values.
// Pure functions (no DOM), so they can be tested in Node (tests/e2e/page-model.test.mjs).

const SCALAR_KINDS = new Set(["string", "integer", "id", "boolean", "flag", "enum", "format", "digits"]);

/** A value typed in one input: string, number, enum value, boolean. */
export function isScalar(type) {
  if (!type) return false;
  if (type.kind === "either") return type.of.every(isScalar);
  return SCALAR_KINDS.has(type.kind);
}

/** The object type of an array item when every field is a scalar (a row of inputs), else null. */
export function flatObject(type) {
  if (!type) return null;
  if (type.kind === "object" && !type.open && Array.isArray(type.fields) && type.fields.length > 0
    && type.fields.every((f) => isScalar(f.type))) return type;
  if (type.kind === "either") {
    for (const t of type.of) {
      const o = flatObject(t);
      if (o) return o;
    }
  }
  return null;
}

/** An object type with declared fields (edited field by field), else null. */
export function fieldsObject(type) {
  return type && type.kind === "object" && Array.isArray(type.fields) && type.fields.length > 0 ? type : null;
}

/**
 * The editor for a value type:
 * "text" | "number" | "enum" | "boolean" | "flag" | "list" | "chips" | "rows" | "json" | "json-text".
 */
export function editorKind(type) {
  switch (type?.kind) {
    case "string": case "id": case "format": case "digits": return "text";
    case "integer": return "number";
    case "enum": return "enum";
    case "boolean": return "boolean";
    case "flag": return "flag";
    case "json-text": return "json-text";
    case "either": return type.of.every(isScalar) ? "text" : "json";
    case "array":
      if (type.items?.kind === "enum") return "chips";
      if (isScalar(type.items)) return "list";
      if (flatObject(type.items)) return "rows";
      return "json";
    default: return "json";   // object, map, any-array, variants, unknown kinds
  }
}

const INT_RE = /^-?\d+$/;
const NUM_RE = /^-?\d+(\.\d+)?$/;

function numberish(type) {
  if (!type) return false;
  if (type.kind === "either") return type.of.some(numberish);
  return type.kind === "integer" || type.kind === "id";
}

// Full-width digits (an IME's ０-９) are digits: "４０" is 40, as the operator meant.
const halfWidth = (s) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0));

/**
 * The value of typed text for a scalar type: "" → undefined; digits → number where the type
 * takes numbers (digit strings too long for a double stay strings); anything else stays text,
 * for the SDK to judge and name as typed ("4 0", "1,000"). Spaces around a pasted value are
 * dropped, unless `keepSpaces` (a password: its spaces are part of it).
 */
export function fromText(type, raw, { keepSpaces = false } = {}) {
  const text = String(raw ?? "");
  if (text.trim() === "") return undefined;
  const s = text.trim();
  if (numberish(type)) {
    const n = halfWidth(s);
    if (INT_RE.test(n)) return Number.isSafeInteger(Number(n)) ? Number(n) : n;
    if (type.kind === "integer" && NUM_RE.test(n)) return Number(n);
  }
  return keepSpaces ? text : s;
}

/** A field whose value keeps its spaces: a password (the metadata has no other mark for it). */
export const keepsSpaces = (path) => /password/i.test(String(path ?? "").split(/[.[]/).at(-1));

/** Text shown in an input for a value. */
export function toText(value) {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

// Operators paste lists from spreadsheets and chat: lines, ASCII or full-width commas, the
// enumeration comma 、 and semicolons all separate items.
const LIST_SEP = /[\n,，、;；]/;

/** Items of a one-per-line (or comma-separated) list. */
export function listItems(itemType, raw) {
  return String(raw ?? "").split(LIST_SEP).map((s) => s.trim()).filter((s) => s !== "").map((s) => fromText(itemType, s) ?? s);
}

/**
 * Where JSON text stops being JSON, as { line, column } (1-based), or null when it parses.
 * The page says where itself: the engine's JSON.parse message is English, and not every
 * message gives a position.
 */
export function jsonErrorAt(text) {
  let i = 0;
  const fail = () => { throw new JsonStop(i); };
  const ws = () => { while (" \t\n\r".includes(text[i] ?? "x")) i++; };
  const expect = (c) => { ws(); if (text[i] !== c) fail(); i++; };
  const word = (w) => { for (const c of w) { if (text[i] !== c) fail(); i++; } };
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < " ") fail();
      i++;
      if (c === '"') return;
      if (c === "\\") {
        if (text[i] === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i])) i++;
        else fail();
      }
    }
  };
  const list = (close, item) => {
    i++;
    ws();
    if (text[i] === close) { i++; return; }
    for (;;) {
      item();
      ws();
      if (text[i] === close) { i++; return; }
      if (text[i] !== ",") fail();
      i++;
    }
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") return list("}", () => { string(); expect(":"); value(); });
    if (c === "[") return list("]", value);
    if (c === '"') return string();
    if (c === "t") return word("true");
    if (c === "f") return word("false");
    if (c === "n") return word("null");
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) fail();
    i = NUMBER.lastIndex;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    // Nesting too deep for this reader's recursion (a RangeError): no position to give.
    if (!(e instanceof JsonStop)) return null;
    const before = text.slice(0, e.at).split("\n");
    return { line: before.length, column: before.at(-1).length + 1 };
  }
}

class JsonStop {
  constructor(at) { this.at = at; }
}

/** Options of a select for enum / boolean / flag types: [{ value, label }]. */
export function choices(type) {
  if (type.kind === "enum") {
    return type.values.map((v, i) => ({ value: v, label: type.labels?.[i] ? `${v} · ${type.labels[i]}` : String(v) }));
  }
  if (type.kind === "boolean") return [{ value: true, label: "true" }, { value: false, label: "false" }];
  if (type.kind === "flag") return [{ value: 1, label: "1" }, { value: 0, label: "0" }];
  return [];
}

/** The longest registered slot that is `path` or a prefix of it ("CallTime[0].endTime" → "CallTime"). */
export function findSlot(path, hasSlot) {
  let p = path;
  let exact = true;
  while (p) {
    const hit = hasSlot(p, exact);
    if (hit) return p;
    exact = false;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

export function getPath(obj, path) {
  let cur = obj;
  for (const k of splitPath(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Sets (or with `undefined`, deletes) a value inside nested objects, creating objects on the way. */
export function setPath(obj, path, value) {
  const keys = splitPath(path);
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === undefined && value === undefined) return;
    if (cur[k] === undefined) cur[k] = {};
    if (cur[k] === null || typeof cur[k] !== "object" || Array.isArray(cur[k])) return;
    cur = cur[k];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

function splitPath(path) {
  return path.split(".").filter((k) => k !== "");
}

/** "updateTask" → "UpdateTask". */
export const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Both APIs' operations as form entries: { api: "agent" | "aiccs", id, op }.
 * `id` is the operation name (Agent API method name, aiccs action).
 */
export function operationEntries(agentOps, aiccsOps) {
  const out = [];
  for (const op of agentOps ?? []) out.push({ api: "agent", id: op.name, op });
  for (const op of aiccsOps ?? []) out.push({ api: "aiccs", id: op.action ?? op.name, op });
  return out;
}

/**
 * The form kind of an operation: "batch" (a list sent in chunks), or "operation". The batch's
 * list is a parameter ("recordIds") or a path inside one ("body.data").
 */
export function formKind(entry) {
  const b = entry.op.batch;
  if (b && b.param && entry.op.params?.some((p) => p.name === b.param.split(".")[0])) return "batch";
  return "operation";
}

/** The structured body param (`body` with fields or variants) of an Agent API operation, or null. */
export function structuredBody(entry) {
  if (entry.api !== "agent") return null;
  const p = entry.op.params?.find((x) => x.name === "body");
  if (!p) return null;
  if (p.type?.kind === "variants" && Object.values(p.type.variants ?? {}).every((t) => fieldsObject(t))) return p;
  if (fieldsObject(p.type)) return p;
  return null;
}

/**
 * Example values of an operation: the "*" defaults for params it has, then its own (for an
 * aiccs operation declared from the SDK, the generated "aiccs-sdk" entry).
 */
export function exampleFor(examples, entry) {
  const group = examples?.[entry.api] ?? {};
  const names = new Set((entry.op.params ?? []).map((p) => p.name));
  const out = {};
  for (const [k, v] of Object.entries(group["*"] ?? {})) if (names.has(k)) out[k] = v;
  Object.assign(out, group[entry.id] ?? examples?.[`${entry.api}-sdk`]?.[entry.id] ?? {});
  return structuredClone(out);
}

/**
 * The value to point out in an aiccs answer: a scalar `Data` (a new task id, a batch id), a
 * top-level `…Id` (CallId), then `Data.Total` or an id inside `Data`. [label, value] or null.
 */
export function highlightOf(answer) {
  if (!answer || typeof answer !== "object") return null;
  const scalar = (v) => v !== undefined && v !== null && typeof v !== "object";
  const idKey = (o) => Object.keys(o).find((k) => /Id$/.test(k) && k !== "RequestId" && scalar(o[k]));
  if (scalar(answer.Data)) return ["Data", answer.Data];
  const top = idKey(answer);
  if (top) return [top, answer[top]];
  const d = answer.Data;
  if (d && typeof d === "object" && !Array.isArray(d)) {
    if (scalar(d.Total)) return ["Data.Total", d.Total];
    const k = idKey(d);
    if (k) return [`Data.${k}`, d[k]];
  }
  return null;
}

/** How a batch operation sends a list: distinct items, `perRequest` (from the metadata) at a time. */
export function batchPlan(items, perRequest) {
  const seen = new Set();
  const distinct = [];
  for (const x of items) {
    const key = typeof x === "string" ? x : JSON.stringify(x);
    if (!seen.has(key)) { seen.add(key); distinct.push(x); }
  }
  const size = Math.max(1, perRequest || distinct.length || 1);
  return { distinct: distinct.length, requests: Math.max(1, Math.ceil(distinct.length / size)), size, first: distinct.slice(0, size) };
}
