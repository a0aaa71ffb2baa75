// The aicall task-update (variant v2) and record-id rules as JSON Schema for ajv 8: shapes,
// enums, limits, uniqueness and the is_group_switch / elasticity rules in plain JSON Schema
// (if/then, $data); date formats and the range / line-share rules as custom formats and
// code keywords calling rules.mjs, so the same schemas also compile to standalone code
// (ajv-standalone.mjs, what `make bench` sizes as "ajv standalone").
import AjvModule, { _ } from "ajv";
import * as R from "./rules.mjs";

const Ajv = AjvModule.default ?? AjvModule;

/**
 * An ajv instance with the formats and keywords. For standalone code, `code` holds ajv's code
 * options and `rules` the Code expression that loads rules.mjs in the generated module.
 */
export function newAjv(code, rules) {
  const ajv = new Ajv({ allErrors: true, $data: true, strictTypes: false, strictRequired: false, code });
  for (const [name, def] of Object.entries(R.FORMATS)) ajv.addFormat(name, def);
  // `_([name])` is the bare identifier (a plain `${name}` would be a quoted string).
  const fn = (cxt, name) => cxt.gen.scopeValue("func", rules ? { ref: R[name], code: _`${rules}.${_([name])}` } : { ref: R[name] });
  // { begin: [keys...], end: key, format }: the end is after the first begin key present.
  ajv.addKeyword({
    keyword: "aicallAfter",
    type: "object",
    schemaType: "object",
    code(cxt) {
      cxt.fail(_`!${fn(cxt, "rangeInOrder")}(${cxt.data}, ${cxt.schemaValue})`);
    },
  });
  // maximumcall divides evenly across task_extras.line and the share fits every line's limit.
  ajv.addKeyword({
    keyword: "aicallLineShare",
    type: "object",
    schemaType: "boolean",
    code(cxt) {
      cxt.fail(_`!${fn(cxt, "lineShareOk")}(${cxt.data})`);
    },
  });
  // da_status at both depths holds the same statuses (in any order).
  ajv.addKeyword({
    keyword: "aicallDaStatus",
    type: "object",
    schemaType: "boolean",
    code(cxt) {
      cxt.fail(_`!${fn(cxt, "daStatusAgrees")}(${cxt.data})`);
    },
  });
  // Each line id once (a line selected twice would be counted twice by the share rule).
  ajv.addKeyword({
    keyword: "aicallLineIds",
    type: "array",
    schemaType: "boolean",
    code(cxt) {
      cxt.fail(_`!${fn(cxt, "lineIdsOnce")}(${cxt.data})`);
    },
  });
  return ajv;
}

const nonEmpty = { type: "string", pattern: R.NONBLANK_SOURCE };
const int = (min, max = R.MAX_SAFE) => ({ type: "integer", minimum: min, maximum: max });
const id = { anyOf: [{ type: "integer", minimum: 0, maximum: R.MAX_SAFE }, { type: "string", pattern: "^[0-9]+$" }] };
const flag = { enum: [0, 1, true, false] };
const dateTime = { type: "string", format: "aicall-datetime" };
const hhmm = { type: "string", format: "aicall-hhmm" };
const obj = (properties, required, extra = {}) => ({ type: "object", properties, required, additionalProperties: false, ...extra });
const daStatus = { type: "array", uniqueItems: true, items: { enum: R.DA_STATUS } };
const nonEmptyList = (key) => ({ required: [key], properties: { [key]: { minItems: 1 } } });
const when = (mode, then) => ({ if: { required: ["is_group_switch"], properties: { is_group_switch: { const: mode } } }, then });

const extras = obj(
  {
    start_time: dateTime,
    stop_time: dateTime,
    line: { type: "array", aicallLineIds: true, items: obj({ id: nonEmpty, limit: int(1) }, ["id", "limit"]) },
    destination_extension_list: {
      type: "array",
      items: obj({ begin: hhmm, end: hhmm, destination_extension: id }, ["begin", "end", "destination_extension"], {
        aicallAfter: { begin: ["begin"], end: "end", format: "hhmm" },
      }),
    },
    destination_extension_with_variable_list: {
      type: "array",
      maxItems: R.MAX_VARIABLE_GROUPS,
      items: obj(
        {
          mode: { enum: R.VARIABLE_MODE },
          values: { type: "array", minItems: 1, maxItems: R.MAX_KEYWORDS, uniqueItems: true, items: nonEmpty },
          destination_extension: id,
          sort: int(0),
        },
        ["mode", "values", "destination_extension"],
      ),
    },
    destination_extension_multi_config: obj(
      {
        dial_mode: { enum: R.DIAL_MODE },
        list: { type: "array", minItems: 1, items: obj({ destination_extension: id, sort: int(0) }, ["destination_extension", "sort"]) },
      },
      ["dial_mode", "list"],
    ),
    holiday: {
      type: "array",
      items: obj({ begin: dateTime, start: dateTime, end: dateTime }, ["end"], {
        oneOf: [{ required: ["begin"] }, { required: ["start"] }],
        aicallAfter: { begin: ["begin", "start"], end: "end", format: "datetime" },
      }),
    },
    work_hour: { type: "array" },
    work_week: { type: "array" },
    pop_mode: { enum: R.POP_MODE },
    redial_enabled: flag,
    redial_new_number_policy: flag,
    redial_interval: int(0, R.MAX_REDIAL_INTERVAL),
    redial_max_times: int(0, R.MAX_REDIAL_TIMES),
    redial_conditions: obj({ da_status: daStatus }, []),
    // Given at both depths, the two lists hold the same statuses (aicallDaStatus below).
    da_status: daStatus,
    interval_time: int(0),
  },
  ["start_time", "stop_time", "pop_mode"],
  { aicallAfter: { begin: ["start_time"], end: "stop_time", format: "datetime" }, aicallDaStatus: true },
);

export const taskUpdateSchema = obj(
  {
    sub_user_id: nonEmpty,
    bridge_group_id: id,
    destination_extension: id,
    dial_time_id: id,
    maximumcall: int(1),
    name: nonEmpty,
    remark: { type: "string" },
    auto_recycle_rule_id: id,
    elasticity_type: flag,
    end_action: int(0, 1),
    background_id: id,
    llm_intention_id: id,
    interval_time: int(0),
    task_extras: extras,
    group_type: nonEmpty,
    is_group_switch: { enum: R.IS_GROUP_SWITCH },
    group_switch_rule: {
      type: "array",
      items: obj({ switch_start: hhmm, switch_end: hhmm, group_id: id, default_group_id: id }, ["switch_start", "switch_end", "group_id"], {
        aicallAfter: { begin: ["switch_start"], end: "switch_end", format: "hhmm" },
      }),
    },
    task_type: int(0),
    score_scheme_id: id,
  },
  ["destination_extension", "dial_time_id", "maximumcall", "name", "task_extras"],
  {
    aicallLineShare: true,
    allOf: [
      when(1, { anyOf: [{ properties: { task_extras: nonEmptyList("destination_extension_list") } }, nonEmptyList("group_switch_rule")] }),
      when(2, { properties: { task_extras: nonEmptyList("destination_extension_with_variable_list") } }),
      when(3, { properties: { task_extras: { required: ["destination_extension_multi_config"] } } }),
      // elasticity_type on (true / 1) and end_action on (> 0) exclude each other.
      { if: { required: ["elasticity_type"], properties: { elasticity_type: { enum: [true, 1] } } }, then: { properties: { end_action: { maximum: 0 } } } },
    ],
  },
);

export const recordIdsSchema = { type: "array", minItems: 1, maxItems: R.MAX_RECORD_IDS, uniqueItems: true, items: nonEmpty };

const ajv = newAjv();
const taskUpdate = ajv.compile(taskUpdateSchema);
const recordIds = ajv.compile(recordIdsSchema);

/** Issues, [] when valid (allErrors: every issue collected, like aicall). */
export function validateTaskUpdate(body) {
  return taskUpdate(body) ? [] : taskUpdate.errors;
}
export function validateRecordIds(ids) {
  return recordIds(ids) ? [] : recordIds.errors;
}

