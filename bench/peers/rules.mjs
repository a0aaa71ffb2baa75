// What none of the peer libraries knows by itself and all three need, written once in plain JS
// after src/schema.rs and src/agent_api/task_update.rs: the vendor's date-time and clock
// formats, Rust's notion of a blank string, and the value sets and limits. Each peer
// (valibot.mjs, zod.mjs, ajv.mjs) declares the shapes and wires the cross-field rules with its
// own library's means; equivalence.test.mjs proves the three agree with aicall's verdicts.
//
// Known verdict differences, outside the rules and not reproduced by the peers: aicall rejects
// any input holding a string with a lone UTF-16 surrogate, and JSON nested about 127 levels
// deep (e.g. inside work_hour), because the input crosses into wasm as JSON text for serde_json.

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const IS_GROUP_SWITCH = [0, 1, 2, 3];
export const VARIABLE_MODE = [0, 1];
export const DIAL_MODE = [0, 1];
export const POP_MODE = [0, 1, 2];
export const DA_STATUS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
export const MAX_VARIABLE_GROUPS = 100;
export const MAX_KEYWORDS = 10;
export const MAX_REDIAL_INTERVAL = 60;
export const MAX_REDIAL_TIMES = 3;
export const MAX_RECORD_IDS = 30;

/** Rust's `char::is_whitespace` set (`str::trim`), which differs from JS `trim` (U+0085, U+FEFF). */
const WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
/** Source of a regex that matches when a string holds one non-blank character. */
export const NONBLANK_SOURCE = `[^${WS}]`;
export const NONBLANK = new RegExp(NONBLANK_SOURCE);
export const ID_DIGITS = /^[0-9]+$/;

const TWO = /^[0-9]{2}$/;
const ONE_OR_TWO = /^[0-9]{1,2}$/;
const FOUR = /^[0-9]{4}$/;

/** `HH:MM` (or `HH:MM:SS` when `seconds`), 24-hour: seconds of the day, or -1. */
export function parseClock(s, seconds) {
  const p = s.split(":");
  if (p.length !== (seconds ? 3 : 2) || !TWO.test(p[0]) || !TWO.test(p[1]) || (seconds && !TWO.test(p[2]))) return -1;
  const h = +p[0], m = +p[1], sec = seconds ? +p[2] : 0;
  if (h > 23 || m > 59 || sec > 59) return -1;
  return h * 3600 + m * 60 + sec;
}

function validYmd(y, m, d) {
  if (m < 1 || m > 12 || d === 0) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/**
 * Agent API date-time, `YYYY-MM-DD HH:MM[:SS]` or `YYYY/M/D HH:MM[:SS]`: an order-preserving
 * number, or -1.
 */
export function parseDateTime(s) {
  const sp = s.indexOf(" ");
  if (sp < 0) return -1;
  const date = s.slice(0, sp), time = s.slice(sp + 1);
  const strict = date.includes("-");
  const p = date.split(strict ? "-" : "/");
  const md = strict ? TWO : ONE_OR_TWO;
  if (p.length !== 3 || !FOUR.test(p[0]) || !md.test(p[1]) || !md.test(p[2])) return -1;
  const y = +p[0], m = +p[1], d = +p[2];
  if (!validYmd(y, m, d)) return -1;
  let secs = parseClock(time, true);
  if (secs < 0) secs = parseClock(time, false);
  if (secs < 0) return -1;
  return ((y * 13 + m) * 32 + d) * 86400 + secs;
}

export const isDateTime = (s) => parseDateTime(s) >= 0;
export const isHourMinute = (s) => parseClock(s, false) >= 0;

/** `end` strictly after `begin` when both parse (a range that cannot be read is the format rule's). */
export function inOrder(parse, begin, end) {
  if (typeof begin !== "string" || typeof end !== "string") return true;
  const a = parse(begin), b = parse(end);
  return a < 0 || b < 0 || b > a;
}
export const clock = (s) => parseClock(s, false);
/** ajv format definitions (also what ajv standalone code requires). */
export const FORMATS = { "aicall-datetime": { type: "string", validate: isDateTime }, "aicall-hhmm": { type: "string", validate: isHourMinute } };
const PARSERS = { datetime: parseDateTime, hhmm: clock };

/** `obj[end]` after the first of `begin` (a list of keys) present in `obj`, when both parse. */
export function rangeInOrder(obj, { begin, end, format }) {
  const key = begin.find((k) => k in obj);
  return key === undefined || inOrder(PARSERS[format], obj[key], obj[end]);
}

/** maximumcall divides evenly across task_extras.line, and the share fits every line's limit. */
export function lineShareOk(body) {
  const total = body.maximumcall;
  const lines = body.task_extras?.line;
  if (!Number.isSafeInteger(total) || total < 1 || !Array.isArray(lines) || lines.length === 0) return true;
  if (total % lines.length !== 0) return false;
  const share = total / lines.length;
  return lines.every((l) => !(Number.isSafeInteger(l?.limit) && l.limit >= 1 && share > l.limit));
}

/** Each line's id once: two entries of one id select one line twice. */
export function lineIdsOnce(lines) {
  return new Set(lines.map((l) => l?.id)).size === lines.length;
}

/** serde_json `Value` equality for the JSON values the peers see (objects by key set). */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** `da_status` under task_extras and under its redial_conditions, when both are given: the same statuses, in any order. */
export function daStatusAgrees(extras) {
  const a = extras?.da_status;
  const b = extras?.redial_conditions?.da_status;
  if (a === undefined || b === undefined) return true;
  if (!Array.isArray(a) || !Array.isArray(b)) return jsonEqual(a, b);
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
