// The aicall task-update (variant v2) and record-id rules in valibot.
import * as v from "valibot";
import * as R from "./rules.mjs";

const nonEmpty = v.pipe(v.string(), v.regex(R.NONBLANK));
const int = (min, max) =>
  max === undefined
    ? v.pipe(v.number(), v.safeInteger(), v.minValue(min))
    : v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));
const id = v.union([v.pipe(v.number(), v.safeInteger(), v.minValue(0)), v.pipe(v.string(), v.regex(R.ID_DIGITS))]);
const flag = v.union([v.boolean(), v.picklist([0, 1])]);
const dateTime = v.pipe(v.string(), v.check(R.isDateTime));
const hhmm = v.pipe(v.string(), v.check(R.isHourMinute));
const unique = v.check((items) => new Set(items).size === items.length, "values must be unique");
const truthy = (x) => x === true || (typeof x === "number" && x !== 0);
const nonEmptyArray = (x) => Array.isArray(x) && x.length > 0;

const groupSwitchRule = v.pipe(
  v.strictObject({ switch_start: hhmm, switch_end: hhmm, group_id: id, default_group_id: v.optional(id) }),
  v.check((o) => R.inOrder(R.clock, o.switch_start, o.switch_end), "switch_end must be after switch_start"),
);
const line = v.strictObject({ id: nonEmpty, limit: int(1) });
const lines = v.pipe(
  v.array(line),
  v.check((ls) => new Set(ls.map((l) => l.id)).size === ls.length, "each line id once"),
);
const holiday = v.pipe(
  v.strictObject({ begin: v.optional(dateTime), start: v.optional(dateTime), end: dateTime }),
  v.check((o) => ("begin" in o) !== ("start" in o), "exactly one of begin / start"),
  v.check((o) => R.inOrder(R.parseDateTime, o.begin ?? o.start, o.end), "end must be after begin"),
);
const timeScript = v.pipe(
  v.strictObject({ begin: hhmm, end: hhmm, destination_extension: id }),
  v.check((o) => R.inOrder(R.clock, o.begin, o.end), "end must be after begin"),
);
const variableGroup = v.strictObject({
  mode: v.picklist(R.VARIABLE_MODE),
  values: v.pipe(v.array(nonEmpty), v.minLength(1), v.maxLength(R.MAX_KEYWORDS), unique),
  destination_extension: id,
  sort: v.optional(int(0)),
});
const multiConfig = v.strictObject({
  dial_mode: v.picklist(R.DIAL_MODE),
  list: v.pipe(v.array(v.strictObject({ destination_extension: id, sort: int(0) })), v.minLength(1)),
});
const daStatus = v.pipe(v.array(v.picklist(R.DA_STATUS)), unique);

const extras = v.pipe(
  v.strictObject({
    start_time: dateTime,
    stop_time: dateTime,
    line: v.optional(lines),
    destination_extension_list: v.optional(v.array(timeScript)),
    destination_extension_with_variable_list: v.optional(v.pipe(v.array(variableGroup), v.maxLength(R.MAX_VARIABLE_GROUPS))),
    destination_extension_multi_config: v.optional(multiConfig),
    holiday: v.optional(v.array(holiday)),
    work_hour: v.optional(v.array(v.unknown())),
    work_week: v.optional(v.array(v.unknown())),
    pop_mode: v.picklist(R.POP_MODE),
    redial_enabled: v.optional(flag),
    redial_new_number_policy: v.optional(flag),
    redial_interval: v.optional(int(0, R.MAX_REDIAL_INTERVAL)),
    redial_max_times: v.optional(int(0, R.MAX_REDIAL_TIMES)),
    redial_conditions: v.optional(v.strictObject({ da_status: v.optional(daStatus) })),
    da_status: v.optional(daStatus),
    interval_time: v.optional(int(0)),
  }),
  v.check((e) => R.inOrder(R.parseDateTime, e.start_time, e.stop_time), "stop_time must be after start_time"),
  v.check(
    (e) => R.daStatusAgrees(e),
    "da_status differs from redial_conditions.da_status",
  ),
);

export const taskUpdateSchema = v.pipe(
  v.strictObject({
    sub_user_id: v.optional(nonEmpty),
    bridge_group_id: v.optional(id),
    destination_extension: id,
    dial_time_id: id,
    maximumcall: int(1),
    name: nonEmpty,
    remark: v.optional(v.string()),
    auto_recycle_rule_id: v.optional(id),
    elasticity_type: v.optional(flag),
    end_action: v.optional(int(0, 1)),
    background_id: v.optional(id),
    llm_intention_id: v.optional(id),
    interval_time: v.optional(int(0)),
    task_extras: extras,
    group_type: v.optional(nonEmpty),
    is_group_switch: v.optional(v.picklist(R.IS_GROUP_SWITCH)),
    group_switch_rule: v.optional(v.array(groupSwitchRule)),
    task_type: v.optional(int(0)),
    score_scheme_id: v.optional(id),
  }),
  v.check((b) => {
    const ls = b.task_extras.line;
    return !ls || ls.length === 0 || b.maximumcall % ls.length === 0;
  }, "maximumcall must be a multiple of the number of lines"),
  v.check((b) => {
    const ls = b.task_extras.line;
    if (!ls || ls.length === 0 || b.maximumcall % ls.length !== 0) return true;
    const share = b.maximumcall / ls.length;
    return ls.every((l) => share <= l.limit);
  }, "a line's share of maximumcall exceeds its limit"),
  v.check((b) => !(truthy(b.elasticity_type) && truthy(b.end_action)), "elasticity_type and end_action cannot both be on"),
  v.check((b) => {
    const e = b.task_extras;
    switch (b.is_group_switch) {
      case 1: return nonEmptyArray(e.destination_extension_list) || nonEmptyArray(b.group_switch_rule);
      case 2: return nonEmptyArray(e.destination_extension_with_variable_list);
      case 3: return e.destination_extension_multi_config !== undefined;
      default: return true;
    }
  }, "is_group_switch needs its script groups"),
);

export const recordIdsSchema = v.pipe(v.array(nonEmpty), v.minLength(1), v.maxLength(R.MAX_RECORD_IDS), unique);

/** Issues, [] when valid (every issue collected, like aicall). */
export function validateTaskUpdate(body) {
  const r = v.safeParse(taskUpdateSchema, body);
  return r.success ? [] : r.issues;
}
export function validateRecordIds(ids) {
  const r = v.safeParse(recordIdsSchema, ids);
  return r.success ? [] : r.issues;
}
