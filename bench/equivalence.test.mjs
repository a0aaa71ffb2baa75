// `make test-bench-equivalence`: the peers that `make bench` measures (bench/peers/: valibot, zod,
// ajv, and ajv's standalone build of the same schemas) give aicall's verdict — valid or not — on
// every case below. Messages and paths may differ; the verdict may not.
// Cases: the seed v2 task body (tests/fixtures/agent_api/update_v2.json) and variants with one
// rule kept or broken each, and record-id lists. `want` is the verdict the case was written for.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { AgentApi } = await import(path.join(root, "pkg/node/index.mjs"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aicall-bench-eq-"));
const peers = {
  valibot: await import("./peers/valibot.mjs"),
  zod: await import("./peers/zod.mjs"),
  ajv: await import("./peers/ajv.mjs"),
  "ajv standalone": await (await import("./peers/ajv-standalone.mjs")).loadAjvStandalone(tmp),
};
fs.rmSync(tmp, { recursive: true, force: true });
const seed = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/agent_api/update_v2.json"), "utf8"));

/** The seed with edits: [pointer, value] sets (undefined removes), e.g. ["task_extras/pop_mode", 7]. */
function body(...edits) {
  const b = structuredClone(seed);
  for (const [pointer, value] of edits) {
    const keys = pointer.split("/");
    const last = keys.pop();
    const parent = keys.reduce((o, k) => o[k], b);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return b;
}
const VALID = true, INVALID = false;
const X = "task_extras";
const VL = `${X}/destination_extension_with_variable_list`;
const group = (values, extra = {}) => ({ mode: 0, values, destination_extension: 1, sort: 0, ...extra });
const groups = (n, k) => Array.from({ length: n }, (_, g) => group(Array.from({ length: k }, (_, i) => `关键词-${g}-${i}`), { sort: g }));
const lines3 = [{ id: "a", limit: 5 }, { id: "b", limit: 5 }, { id: "c", limit: 2 }];
const multi = { dial_mode: 0, list: [{ destination_extension: "13601", sort: 1 }, { destination_extension: "13716", sort: 2 }] };

const taskCases = [
  // ---- valid
  ["seed v2 example", VALID, seed],
  ["is_group_switch 0", VALID, body(["is_group_switch", 0])],
  ["is_group_switch 2 with the variable list", VALID, body(["is_group_switch", 2])],
  ["is_group_switch 3 with a multi config", VALID, body(["is_group_switch", 3], [`${X}/destination_extension_multi_config`, multi])],
  ["is_group_switch 1 with group_switch_rule only", VALID, body([`${X}/destination_extension_list`, undefined])],
  ["is_group_switch 1 with destination_extension_list only", VALID, body(["group_switch_rule", undefined])],
  ["is_group_switch 1, group_switch_rule [] and a time list", VALID, body(["group_switch_rule", []])],
  ["line and holiday left out", VALID, body([`${X}/line`, undefined], [`${X}/holiday`, undefined])],
  ["3 lines, maximumcall 6 (share 2 within 5/5/2)", VALID, body([`${X}/line`, lines3], ["maximumcall", 6])],
  ["no lines, maximumcall 7", VALID, body([`${X}/line`, []], ["maximumcall", 7])],
  ["sub_user_id, remark, interval_time", VALID, body(["sub_user_id", "5b55bcca"], ["remark", "第一个任务"], ["interval_time", 0])],
  ["remark empty and blank (no minimum)", VALID, body(["remark", "   "])],
  ["bridge_group_id 1", VALID, body(["bridge_group_id", 1])],
  ["id as a long digit string", VALID, body(["destination_extension", "215870475195883520"])],
  ["id 0 and id 2^53-1", VALID, body(["destination_extension", 0], ["dial_time_id", 9007199254740991])],
  ["elasticity_type on, end_action 0", VALID, body(["elasticity_type", true], ["end_action", 0])],
  ["elasticity_type 0, end_action 1", VALID, body(["elasticity_type", 0], ["end_action", 1])],
  ["end_action 5 (0 or 1)", INVALID, body(["end_action", 5])],
  ["stop_time in the table's slash form without seconds", VALID, body([`${X}/stop_time`, "2025/12/25 23:59"])],
  ["start_time with one-digit month and day (slashes)", VALID, body([`${X}/start_time`, "2024/1/2 09:00"])],
  ["leap day", VALID, body([`${X}/start_time`, "2024-02-29 10:00"])],
  ["holiday {begin, end}", VALID, body([`${X}/holiday`, [{ begin: "2024-11-01 13:25", end: "2024-11-03 13:25" }]])],
  ["holiday {start, end}", VALID, body([`${X}/holiday`, [{ start: "2024-11-01 13:25", end: "2024/11/3 13:25:00" }]])],
  ["da_status at the table's depth only", VALID, body([`${X}/redial_conditions`, undefined], [`${X}/da_status`, [2, 3]])],
  ["da_status at both depths, equal", VALID, body([`${X}/da_status`, [2, 3, 4, 6, 8, 9, 12]])],
  ["da_status at both depths, same values in another order", VALID, body([`${X}/da_status`, [3, 2, 4, 6, 8, 9, 12]])],
  ["da_status 11 (blacklisted) accepted", VALID, body([`${X}/redial_conditions/da_status`, [11]])],
  ["redial_conditions without da_status", VALID, body([`${X}/redial_conditions`, {}])],
  ["redial_interval 60, redial_max_times 0, redial_enabled true", VALID,
    body([`${X}/redial_interval`, 60], [`${X}/redial_max_times`, 0], [`${X}/redial_enabled`, true])],
  ["100 groups × 10 values", VALID, body(["is_group_switch", 2], [VL, groups(100, 10)])],
  ["group without sort", VALID, body([VL, [{ mode: 1, values: ["a"], destination_extension: "7" }]])],
  ["work_hour / work_week hold anything", VALID, body([`${X}/work_hour`, [1, "x", {}]], [`${X}/work_week`, [null]])],
  ["interval_time at both places", VALID, body([`${X}/interval_time`, 3], ["interval_time", 5])],
  ["group_switch_rule without default_group_id", VALID,
    body(["group_switch_rule", [{ switch_start: "00:00", switch_end: "23:59", group_id: "1" }]])],
  ["name with spaces around", VALID, body(["name", " 任务 "])],
  ["name U+FEFF (not whitespace in Rust)", VALID, body(["name", "\ufeff"])],
  ["line limit equal to the share", VALID, body([`${X}/line`, [{ id: "a", limit: 3 }, { id: "b", limit: 3 }]], ["maximumcall", 6])],
  ["same line id, different limits (one line selected twice)", INVALID, body([`${X}/line`, [{ id: "a", limit: 1 }, { id: "a", limit: 2 }]])],
  // ---- invalid: not an object
  ["body null", INVALID, null],
  ["body a string", INVALID, "x"],
  ["body an array", INVALID, [seed]],
  ["body a number", INVALID, 3],
  // ---- invalid: required fields
  ...["name", "destination_extension", "maximumcall", "dial_time_id", "task_extras"].map((k) => [`${k} missing`, INVALID, body([k, undefined])]),
  ...["start_time", "stop_time", "pop_mode"].map((k) => [`task_extras.${k} missing`, INVALID, body([`${X}/${k}`, undefined])]),
  // ---- invalid: types, enums, limits
  ["name empty", INVALID, body(["name", ""])],
  ["name blank", INVALID, body(["name", "  \t "])],
  ["name ideographic space only", INVALID, body(["name", "\u3000"])],
  ["name U+0085 only (whitespace in Rust)", INVALID, body(["name", "\u0085"])],
  ["sub_user_id empty", INVALID, body(["sub_user_id", ""])],
  ["group_type empty", INVALID, body(["group_type", ""])],
  ["remark a number", INVALID, body(["remark", 5])],
  ["unknown top-level field", INVALID, body(["maximumCall", 2])],
  ["unknown field in task_extras", INVALID, body([`${X}/foo`, 1])],
  ["unknown field in a line", INVALID, body([`${X}/line`, [{ id: "a", limit: 2, weight: 1 }]])],
  ["new_call_rules (legacy only)", INVALID, body(["new_call_rules", []])],
  ["maximumcall 0", INVALID, body(["maximumcall", 0])],
  ["maximumcall 2.5", INVALID, body(["maximumcall", 2.5])],
  ["maximumcall \"2\"", INVALID, body(["maximumcall", "2"])],
  ["maximumcall 2^53", INVALID, body([`${X}/line`, []], ["maximumcall", 2 ** 53])],
  ["maximumcall 7 over 3 lines", INVALID, body([`${X}/line`, lines3], ["maximumcall", 7])],
  ["maximumcall 9 over 3 lines: share 3 > limit 2", INVALID, body([`${X}/line`, lines3], ["maximumcall", 9])],
  ["maximumcall 3 on one line of limit 2", INVALID, body(["maximumcall", 3])],
  ["line as a plain id (v2 wants objects)", INVALID, body([`${X}/line`, ["d47c3599"]])],
  ["line limit 0", INVALID, body([`${X}/line/0/limit`, 0])],
  ["line id empty", INVALID, body([`${X}/line/0/id`, ""])],
  ["duplicate line", INVALID, body([`${X}/line`, [{ id: "a", limit: 1 }, { id: "a", limit: 1 }]])],
  ["id with a letter", INVALID, body(["destination_extension", "12a"])],
  ["id empty string", INVALID, body(["destination_extension", ""])],
  ["id 1.5", INVALID, body(["destination_extension", 1.5])],
  ["id -1", INVALID, body(["dial_time_id", -1])],
  ["id 2^53 (unsafe)", INVALID, body(["destination_extension", 2 ** 53])],
  ["bridge_group_id null", INVALID, body(["bridge_group_id", null])],
  ["score_scheme_id \"x\"", INVALID, body(["score_scheme_id", "x"])],
  ["task_type -1", INVALID, body(["task_type", -1])],
  ["elasticity_type and end_action both on", INVALID, body(["elasticity_type", true], ["end_action", 1])],
  ["elasticity_type 1 and end_action 2", INVALID, body(["elasticity_type", 1], ["end_action", 2])],
  ["elasticity_type \"yes\"", INVALID, body(["elasticity_type", "yes"])],
  ["elasticity_type 2", INVALID, body(["elasticity_type", 2])],
  ["is_group_switch 4", INVALID, body(["is_group_switch", 4])],
  ["is_group_switch \"1\"", INVALID, body(["is_group_switch", "1"])],
  ["is_group_switch 1 without any time list", INVALID, body([`${X}/destination_extension_list`, undefined], ["group_switch_rule", undefined])],
  ["is_group_switch 1 with both time lists empty", INVALID, body([`${X}/destination_extension_list`, []], ["group_switch_rule", []])],
  ["is_group_switch 2 with an empty variable list", INVALID, body(["is_group_switch", 2], [VL, []])],
  ["is_group_switch 3 without a multi config", INVALID, body(["is_group_switch", 3])],
  ["multi config dial_mode 2", INVALID, body([`${X}/destination_extension_multi_config`, { ...multi, dial_mode: 2 }])],
  ["multi config entry without sort", INVALID, body([`${X}/destination_extension_multi_config`, { dial_mode: 1, list: [{ destination_extension: 5 }] }])],
  ["multi config with an empty list", INVALID, body([`${X}/destination_extension_multi_config`, { dial_mode: 1, list: [] }])],
  ["101 variable groups", INVALID, body([VL, groups(101, 1)])],
  ["11 values in a group", INVALID, body([VL, groups(1, 11)])],
  ["no values in a group", INVALID, body([VL, [group([])]])],
  ["an empty value", INVALID, body([VL, [group(["男", ""])]])],
  ["a blank value", INVALID, body([VL, [group(["  "])]])],
  ["a repeated value", INVALID, body([VL, [group(["男", "男"])]])],
  ["group mode 2", INVALID, body([`${VL}/0/mode`, 2])],
  ["group sort -1", INVALID, body([`${VL}/0/sort`, -1])],
  ["group value a number", INVALID, body([VL, [group(["a", 1])]])],
  ["pop_mode 3", INVALID, body([`${X}/pop_mode`, 3])],
  ["redial_interval 61", INVALID, body([`${X}/redial_interval`, 61])],
  ["redial_interval -1", INVALID, body([`${X}/redial_interval`, -1])],
  ["redial_max_times 4", INVALID, body([`${X}/redial_max_times`, 4])],
  ["redial_enabled 2", INVALID, body([`${X}/redial_enabled`, 2])],
  ["da_status 13", INVALID, body([`${X}/redial_conditions/da_status`, [2, 13]])],
  ["da_status repeated", INVALID, body([`${X}/redial_conditions/da_status`, [2, 2]])],
  ["redial_conditions as an array", INVALID, body([`${X}/redial_conditions`, [{ da_status: [2] }]])],
  ["da_status at both depths, different", INVALID, body([`${X}/da_status`, [2]])],
  ["stop_time equal to start_time", INVALID, body([`${X}/stop_time`, "2024-12-23 19:00:00"])],
  ["stop_time before start_time", INVALID, body([`${X}/stop_time`, "2024-12-01 00:00:00"])],
  ["start_time month 13", INVALID, body([`${X}/start_time`, "2024-13-01 00:00:00"])],
  ["start_time with a T", INVALID, body([`${X}/start_time`, "2024-12-23T19:00:00"])],
  ["start_time 29 February 2023", INVALID, body([`${X}/start_time`, "2023-02-29 10:00"])],
  ["start_time one-digit month with dashes", INVALID, body([`${X}/start_time`, "2024-2-03 10:00"])],
  ["start_time 24:00:00", INVALID, body([`${X}/start_time`, "2024-12-23 24:00:00"])],
  ["time list end before begin", INVALID, body([`${X}/destination_extension_list/0/end`, "08:00"])],
  ["time list end 25:00", INVALID, body([`${X}/destination_extension_list/0/end`, "25:00"])],
  ["time list begin 9:00", INVALID, body([`${X}/destination_extension_list/0/begin`, "9:00"])],
  ["group_switch_rule end equal to start", INVALID, body(["group_switch_rule/0/switch_end", "09:00"])],
  ["group_switch_rule without group_id", INVALID, body(["group_switch_rule/0/group_id", undefined])],
  ["holiday with begin and start", INVALID,
    body([`${X}/holiday`, [{ begin: "2024-11-01 13:25", start: "2024-11-01 13:25", end: "2024-11-03 13:25" }]])],
  ["holiday with neither begin nor start", INVALID, body([`${X}/holiday`, [{ end: "2024-11-03 13:25" }]])],
  ["holiday ending before it begins", INVALID, body([`${X}/holiday`, [{ begin: "2024-11-03 13:25", end: "2024-11-01 13:25" }]])],
  ["holiday item a string", INVALID, body([`${X}/holiday`, ["2024-11-01"]])],
  ["work_hour an object", INVALID, body([`${X}/work_hour`, {}])],
  ["work_week null", INVALID, body([`${X}/work_week`, null])],
  ["task_extras an array", INVALID, body([X, []])],
  ["the six issues of the bench's invalid body", INVALID,
    body(["name", ""], ["maximumcall", 3], [`${X}/pop_mode`, 7], [`${X}/redial_max_times`, 9], [`${X}/redial_interval`, 99], [`${VL}/0/values`, ["男", "男"]])],
];

const ids = (n, f = (i) => `00075047-af8b-4e92-a897-e4ac382a${String(i).padStart(4, "0")}`) => Array.from({ length: n }, (_, i) => f(i));
const idCases = [
  ["1 id", VALID, ["00075047-af8b-4e92-a897-e4ac382acc6a"]],
  ["2 ids", VALID, ["a", "b"]],
  ["30 ids", VALID, ids(30)],
  ["U+FEFF id", VALID, ["\ufeff"]],
  ["a 2,000-character id", VALID, ["x".repeat(2000)]],
  ["31 ids", INVALID, ids(31)],
  ["no ids", INVALID, []],
  ["an empty id and a repeat", INVALID, ["a", "", "a"]],
  ["a blank id", INVALID, [" "]],
  ["an ideographic-space id", INVALID, ["\u3000"]],
  ["a number among the ids", INVALID, ["a", 5]],
  ["null among the ids", INVALID, ["a", null]],
  ["30 ids, the last a repeat", INVALID, [...ids(29), ids(1)[0]]],
  ["a string instead of a list", INVALID, "a"],
  ["null instead of a list", INVALID, null],
  ["an object instead of a list", INVALID, { 0: "a" }],
];

function check(kind, cases, validate) {
  describe(`${kind}: every peer gives aicall's verdict`, () => {
    for (const [name, want, input] of cases) {
      test(name, () => {
        const aicall = validate.aicall(input).length === 0;
        const verdicts = Object.fromEntries(Object.entries(peers).map(([p, m]) => [p, validate.peer(m, input).length === 0]));
        const differ = Object.entries(verdicts).filter(([, v]) => v !== aicall).map(([p, v]) => `${p} says ${v ? "valid" : "invalid"}`);
        assert.deepEqual(differ, [], `case "${name}": aicall says ${aicall ? "valid" : "invalid"}, ${differ.join(", ")}`);
        assert.equal(aicall, want, `case "${name}" was written as ${want ? "valid" : "invalid"}, aicall says ${aicall ? "valid" : "invalid"}`);
      });
    }
  });
}

check("task update v2", taskCases, {
  aicall: (b) => AgentApi.validateTaskUpdate(b),
  peer: (m, b) => m.validateTaskUpdate(b),
});
check("record ids", idCases, {
  aicall: (x) => AgentApi.validateRecordIds(x),
  peer: (m, x) => m.validateRecordIds(x),
});

test("at least 80 cases, both verdicts well represented", () => {
  const all = [...taskCases, ...idCases];
  assert.ok(all.length >= 80, `${all.length} cases`);
  assert.ok(all.filter((c) => c[1]).length >= 30 && all.filter((c) => !c[1]).length >= 30);
  assert.equal(new Set(all.map((c) => c[0])).size, all.length, "case names are unique");
});
