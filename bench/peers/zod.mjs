// The aicall task-update (variant v2) and record-id rules in zod 4.
import * as z from "zod"; // the namespace import lets a bundler drop what is unused (94 KB → 28 KB gzip)
import * as R from "./rules.mjs";

const nonEmpty = z.string().regex(R.NONBLANK);
const int = (min, max) => (max === undefined ? z.int().min(min) : z.int().min(min).max(max));
const id = z.union([z.int().min(0), z.string().regex(R.ID_DIGITS)]);
const flag = z.union([z.boolean(), z.literal([0, 1])]);
const dateTime = z.string().refine(R.isDateTime, "invalid date-time");
const hhmm = z.string().refine(R.isHourMinute, "invalid HH:MM");
const isUnique = (items) => new Set(items).size === items.length;
const truthy = (x) => x === true || (typeof x === "number" && x !== 0);
const nonEmptyArray = (x) => Array.isArray(x) && x.length > 0;
// Object-level refinements read possibly partial input defensively.
const isObj = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

const groupSwitchRule = z
  .strictObject({ switch_start: hhmm, switch_end: hhmm, group_id: id, default_group_id: id.optional() })
  .refine((o) => R.inOrder(R.clock, o.switch_start, o.switch_end), { message: "switch_end must be after switch_start", path: ["switch_end"] });
const line = z.strictObject({ id: nonEmpty, limit: int(1) });
const lines = z
  .array(line)
  .refine((ls) => new Set(ls.map((l) => l?.id)).size === ls.length, "each line id once");
const holiday = z
  .strictObject({ begin: dateTime.optional(), start: dateTime.optional(), end: dateTime })
  .refine((o) => ("begin" in o) !== ("start" in o), "exactly one of begin / start")
  .refine((o) => R.inOrder(R.parseDateTime, o.begin ?? o.start, o.end), { message: "end must be after begin", path: ["end"] });
const timeScript = z
  .strictObject({ begin: hhmm, end: hhmm, destination_extension: id })
  .refine((o) => R.inOrder(R.clock, o.begin, o.end), { message: "end must be after begin", path: ["end"] });
const variableGroup = z.strictObject({
  mode: z.literal(R.VARIABLE_MODE),
  values: z.array(nonEmpty).min(1).max(R.MAX_KEYWORDS).refine(isUnique, "values must be unique"),
  destination_extension: id,
  sort: int(0).optional(),
});
const multiConfig = z.strictObject({
  dial_mode: z.literal(R.DIAL_MODE),
  list: z.array(z.strictObject({ destination_extension: id, sort: int(0) })).min(1),
});
const daStatus = z.array(z.literal(R.DA_STATUS)).refine(isUnique, "values must be unique");

const extras = z
  .strictObject({
    start_time: dateTime,
    stop_time: dateTime,
    line: lines.optional(),
    destination_extension_list: z.array(timeScript).optional(),
    destination_extension_with_variable_list: z.array(variableGroup).max(R.MAX_VARIABLE_GROUPS).optional(),
    destination_extension_multi_config: multiConfig.optional(),
    holiday: z.array(holiday).optional(),
    work_hour: z.array(z.unknown()).optional(),
    work_week: z.array(z.unknown()).optional(),
    pop_mode: z.literal(R.POP_MODE),
    redial_enabled: flag.optional(),
    redial_new_number_policy: flag.optional(),
    redial_interval: int(0, R.MAX_REDIAL_INTERVAL).optional(),
    redial_max_times: int(0, R.MAX_REDIAL_TIMES).optional(),
    redial_conditions: z.strictObject({ da_status: daStatus.optional() }).optional(),
    da_status: daStatus.optional(),
    interval_time: int(0).optional(),
  })
  .refine((e) => R.inOrder(R.parseDateTime, e.start_time, e.stop_time), { message: "stop_time must be after start_time", path: ["stop_time"] })
  .refine(
    (e) => R.daStatusAgrees(e),
    { message: "da_status differs from redial_conditions.da_status", path: ["da_status"] },
  );

export const taskUpdateSchema = z
  .strictObject({
    sub_user_id: nonEmpty.optional(),
    bridge_group_id: id.optional(),
    destination_extension: id,
    dial_time_id: id,
    maximumcall: int(1),
    name: nonEmpty,
    remark: z.string().optional(),
    auto_recycle_rule_id: id.optional(),
    elasticity_type: flag.optional(),
    end_action: int(0, 1).optional(),
    background_id: id.optional(),
    llm_intention_id: id.optional(),
    interval_time: int(0).optional(),
    task_extras: extras,
    group_type: nonEmpty.optional(),
    is_group_switch: z.literal(R.IS_GROUP_SWITCH).optional(),
    group_switch_rule: z.array(groupSwitchRule).optional(),
    task_type: int(0).optional(),
    score_scheme_id: id.optional(),
  })
  .superRefine((b, ctx) => {
    const e = isObj(b.task_extras) ? b.task_extras : {};
    const ls = Array.isArray(e.line) ? e.line : [];
    const total = b.maximumcall;
    if (Number.isSafeInteger(total) && total >= 1 && ls.length > 0) {
      if (total % ls.length !== 0) {
        ctx.addIssue({ code: "custom", path: ["maximumcall"], message: "maximumcall must be a multiple of the number of lines" });
      } else {
        const share = total / ls.length;
        ls.forEach((l, i) => {
          if (isObj(l) && Number.isSafeInteger(l.limit) && l.limit >= 1 && share > l.limit) {
            ctx.addIssue({ code: "custom", path: ["task_extras", "line", i, "limit"], message: `share ${share} exceeds the line's limit` });
          }
        });
      }
    }
    if (truthy(b.elasticity_type) && truthy(b.end_action)) {
      ctx.addIssue({ code: "custom", path: ["end_action"], message: "elasticity_type and end_action cannot both be on" });
    }
    const need = (field) => ctx.addIssue({ code: "custom", path: ["task_extras", field], message: `required by is_group_switch ${b.is_group_switch}` });
    if (b.is_group_switch === 1 && !nonEmptyArray(e.destination_extension_list) && !nonEmptyArray(b.group_switch_rule)) need("destination_extension_list");
    if (b.is_group_switch === 2 && !nonEmptyArray(e.destination_extension_with_variable_list)) need("destination_extension_with_variable_list");
    if (b.is_group_switch === 3 && e.destination_extension_multi_config === undefined) need("destination_extension_multi_config");
  });

export const recordIdsSchema = z.array(nonEmpty).min(1).max(R.MAX_RECORD_IDS).refine(isUnique, "values must be unique");

/** Issues, [] when valid (every issue collected, like aicall). */
export function validateTaskUpdate(body) {
  const r = taskUpdateSchema.safeParse(body);
  return r.success ? [] : r.error.issues;
}
export function validateRecordIds(ids) {
  const r = recordIdsSchema.safeParse(ids);
  return r.success ? [] : r.error.issues;
}
