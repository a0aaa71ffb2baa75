//! One passing and one failing side for every rule, on the seed's own examples.

use super::*;
use serde_json::json;

const V2: &str = include_str!("../../../tests/fixtures/agent_api/update_v2.json");
const LEGACY: &str = include_str!("../../../tests/fixtures/agent_api/update_legacy.json");
const LEGACY_PARAMS: &str =
    include_str!("../../../tests/fixtures/agent_api/update_legacy_params.json");

fn v2() -> Value {
    serde_json::from_str(V2).unwrap()
}
fn legacy() -> Value {
    serde_json::from_str(LEGACY).unwrap()
}

/// Sets (or with `Value::Null` as marker `None`, removes) the value at a JSON pointer.
fn with(mut v: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent {parent}"));
    match (target, value) {
        (Value::Object(m), Some(x)) => {
            m.insert(key.to_string(), x);
        }
        (Value::Object(m), None) => {
            m.remove(key);
        }
        (Value::Array(a), Some(x)) => a[key.parse::<usize>().unwrap()] = x,
        _ => panic!("bad pointer"),
    }
    v
}

fn found(body: &Value, variant: Variant) -> Vec<(String, String)> {
    validate(body, variant, Locale::En)
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect()
}

fn assert_only(body: Value, variant: Variant, path: &str, code: &str) {
    let got = found(&body, variant);
    assert_eq!(
        got,
        vec![(path.to_string(), code.to_string())],
        "body: {body}"
    );
}

#[test]
fn seed_examples_are_valid() {
    assert_eq!(found(&v2(), Variant::V2), vec![]);
    assert_eq!(found(&legacy(), Variant::Legacy), vec![]);
    assert_eq!(
        found(
            &serde_json::from_str(LEGACY_PARAMS).unwrap(),
            Variant::Legacy
        ),
        vec![]
    );
}

#[test]
fn required_fields_of_each_variant() {
    for key in [
        "name",
        "destination_extension",
        "maximumcall",
        "dial_time_id",
        "task_extras",
    ] {
        assert_only(
            with(v2(), &format!("/{key}"), None),
            Variant::V2,
            key,
            "required",
        );
        assert_only(
            with(legacy(), &format!("/{key}"), None),
            Variant::Legacy,
            key,
            "required",
        );
    }
    assert_only(
        with(v2(), "/task_extras/start_time", None),
        Variant::V2,
        "task_extras.start_time",
        "required",
    );
    assert_only(
        with(legacy(), "/task_extras/stop_time", None),
        Variant::Legacy,
        "task_extras.stop_time",
        "required",
    );
    // pop_mode is required in v2 only.
    assert_only(
        with(v2(), "/task_extras/pop_mode", None),
        Variant::V2,
        "task_extras.pop_mode",
        "required",
    );
}

#[test]
fn everything_reported_at_once() {
    let body = json!({"name": "", "maximumcall": 0, "task_extras": {"start_time": "x", "pop_mode": 9, "redial_max_times": 4}});
    let got = found(&body, Variant::V2);
    for (p, c) in [
        ("name", "too_small"),
        ("maximumcall", "too_small"),
        ("destination_extension", "required"),
        ("dial_time_id", "required"),
        ("task_extras.start_time", "invalid_format"),
        ("task_extras.stop_time", "required"),
        ("task_extras.pop_mode", "invalid_enum"),
        ("task_extras.redial_max_times", "too_big"),
    ] {
        assert!(
            got.contains(&(p.to_string(), c.to_string())),
            "missing {p} {c} in {got:?}"
        );
    }
}

#[test]
fn not_an_object() {
    for v in [json!(null), json!("x"), json!([1]), json!(3)] {
        assert_only(v, Variant::V2, "", "invalid_type");
    }
}

#[test]
fn unknown_fields_are_named_with_hints() {
    assert_only(
        with(v2(), "/maximumCall", Some(json!(2))),
        Variant::V2,
        "maximumCall",
        "unknown_field",
    );
    let issues = validate(
        &with(legacy(), "/task_extras/pop_mode", Some(json!(1))),
        Variant::Legacy,
        Locale::En,
    );
    assert_eq!(issues[0].path, "task_extras.pop_mode");
    assert!(
        issues[0].message.contains("variant \"v2\""),
        "{}",
        issues[0].message
    );
    let issues = validate(
        &with(v2(), "/new_call_rules", Some(json!([]))),
        Variant::V2,
        Locale::En,
    );
    assert!(issues[0].message.contains("legacy"));
    // updateTask's arguments (or an app's own `{ task }`) given for the task.
    for (variant, wrapper) in [
        (Variant::V2, "body"),
        (Variant::Legacy, "task"),
        (Variant::V2, "data"),
    ] {
        let wrapped = json!({ wrapper: v2() });
        let issues = validate(&wrapped, variant, Locale::En);
        let at = issues.iter().find(|i| i.path == wrapper).unwrap();
        assert_eq!(
            at.message,
            format!("{wrapper} is not a task field: pass the task itself (what {wrapper} holds), not an object around it.")
        );
    }
}

#[test]
fn optional_top_level_fields() {
    let ok = with(
        with(
            with(v2(), "/sub_user_id", Some(json!("5b55bcca"))),
            "/remark",
            Some(json!("第一个任务")),
        ),
        "/interval_time",
        Some(json!(0)),
    );
    assert_eq!(found(&ok, Variant::V2), vec![]);
    assert_only(
        with(v2(), "/sub_user_id", Some(json!(""))),
        Variant::V2,
        "sub_user_id",
        "too_small",
    );
    assert_only(
        with(v2(), "/remark", Some(json!(5))),
        Variant::V2,
        "remark",
        "invalid_type",
    );
    assert_only(
        with(v2(), "/interval_time", Some(json!(-1))),
        Variant::V2,
        "interval_time",
        "too_small",
    );
    assert_eq!(
        found(
            &with(legacy(), "/task_extras/interval_time", Some(json!(3))),
            Variant::Legacy
        ),
        vec![]
    );
    // bridge_group_id: leave out for none; when sent it must be an id (not null, not "").
    assert_eq!(
        found(&with(v2(), "/bridge_group_id", Some(json!(1))), Variant::V2),
        vec![]
    );
    assert_only(
        with(v2(), "/bridge_group_id", Some(json!(null))),
        Variant::V2,
        "bridge_group_id",
        "invalid_type",
    );
    assert_only(
        with(v2(), "/bridge_group_id", Some(json!(""))),
        Variant::V2,
        "bridge_group_id",
        "invalid_type",
    );
}

#[test]
fn ids_accept_numbers_and_digit_strings() {
    assert_eq!(
        found(
            &with(
                v2(),
                "/destination_extension",
                Some(json!("215870475195883520"))
            ),
            Variant::V2
        ),
        vec![]
    );
    assert_only(
        with(v2(), "/destination_extension", Some(json!("12a"))),
        Variant::V2,
        "destination_extension",
        "invalid_type",
    );
    assert_only(
        with(v2(), "/destination_extension", Some(json!(1.5))),
        Variant::V2,
        "destination_extension",
        "invalid_type",
    );
    assert_only(
        with(
            v2(),
            "/destination_extension",
            Some(json!(215870475195883520u64)),
        ),
        Variant::V2,
        "destination_extension",
        "unsafe_value",
    );
}

#[test]
fn elasticity_and_end_action_cannot_both_be_on() {
    let one = with(v2(), "/elasticity_type", Some(json!(true)));
    assert_eq!(found(&one, Variant::V2), vec![]);
    assert_eq!(
        found(
            &with(one.clone(), "/end_action", Some(json!(0))),
            Variant::V2
        ),
        vec![]
    );
    assert_only(
        with(one, "/end_action", Some(json!(1))),
        Variant::V2,
        "end_action",
        "conflict",
    );
    assert_only(
        with(
            with(legacy(), "/elasticity_type", Some(json!(1))),
            "/end_action",
            Some(json!(1)),
        ),
        Variant::Legacy,
        "end_action",
        "conflict",
    );
    assert_only(
        with(v2(), "/end_action", Some(json!(2))),
        Variant::V2,
        "end_action",
        "too_big",
    );
    assert_only(
        with(v2(), "/elasticity_type", Some(json!("yes"))),
        Variant::V2,
        "elasticity_type",
        "invalid_type",
    );
}

#[test]
fn is_group_switch_modes() {
    assert_only(
        with(v2(), "/is_group_switch", Some(json!(4))),
        Variant::V2,
        "is_group_switch",
        "invalid_enum",
    );
    assert_eq!(
        found(&with(v2(), "/is_group_switch", Some(json!(0))), Variant::V2),
        vec![]
    );
    // 1 needs a time-based list (task_extras.destination_extension_list, or group_switch_rule)
    let no_time = with(
        with(v2(), "/task_extras/destination_extension_list", None),
        "/group_switch_rule",
        None,
    );
    assert_only(
        no_time.clone(),
        Variant::V2,
        "task_extras.destination_extension_list",
        "required",
    );
    assert_eq!(
        found(
            &with(no_time, "/is_group_switch", Some(json!(0))),
            Variant::V2
        ),
        vec![]
    );
    // 2 needs the variable list
    let two = with(v2(), "/is_group_switch", Some(json!(2)));
    assert_eq!(found(&two, Variant::V2), vec![]);
    let empty = with(
        two,
        "/task_extras/destination_extension_with_variable_list",
        Some(json!([])),
    );
    assert_only(
        empty.clone(),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list",
        "required",
    );
    // The empty list was sent: the message says so.
    assert_eq!(
        validate(&empty, Variant::V2, Locale::En)[0].message,
        "task_extras.destination_extension_with_variable_list is required because is_group_switch is 2, received an array of 0 items."
    );
    // 3 needs the multi config, with dial_mode 0/1 and a sort on every entry
    let three = with(v2(), "/is_group_switch", Some(json!(3)));
    assert_only(
        three.clone(),
        Variant::V2,
        "task_extras.destination_extension_multi_config",
        "required",
    );
    let cfg = json!({"dial_mode": 0, "list": [{"destination_extension": "13601", "sort": 1}, {"destination_extension": "13716", "sort": 2}]});
    let three = with(
        three,
        "/task_extras/destination_extension_multi_config",
        Some(cfg),
    );
    assert_eq!(found(&three, Variant::V2), vec![]);
    assert_only(
        with(
            three.clone(),
            "/task_extras/destination_extension_multi_config/dial_mode",
            Some(json!(2)),
        ),
        Variant::V2,
        "task_extras.destination_extension_multi_config.dial_mode",
        "invalid_enum",
    );
    assert_only(
        with(
            three.clone(),
            "/task_extras/destination_extension_multi_config/list/1",
            Some(json!({"destination_extension": 5})),
        ),
        Variant::V2,
        "task_extras.destination_extension_multi_config.list[1].sort",
        "required",
    );
    assert_only(
        with(
            three,
            "/task_extras/destination_extension_multi_config/list",
            Some(json!([])),
        ),
        Variant::V2,
        "task_extras.destination_extension_multi_config.list",
        "too_small",
    );
}

#[test]
fn variable_groups() {
    let p = "/task_extras/destination_extension_with_variable_list";
    let group =
        |values: Value| json!({"mode": 0, "values": values, "destination_extension": 1, "sort": 0});
    let hundred: Vec<Value> = (0..100).map(|i| group(json!([format!("k{i}")]))).collect();
    assert_eq!(
        found(
            &with(v2(), p, Some(Value::Array(hundred.clone()))),
            Variant::V2
        ),
        vec![]
    );
    let mut many = hundred;
    many.push(group(json!(["x"])));
    assert_only(
        with(v2(), p, Some(Value::Array(many))),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list[100]",
        "too_big",
    );
    let ten: Vec<String> = (0..10).map(|i| format!("v{i}")).collect();
    assert_eq!(
        found(
            &with(v2(), p, Some(json!([group(json!(ten))]))),
            Variant::V2
        ),
        vec![]
    );
    let eleven: Vec<String> = (0..11).map(|i| format!("v{i}")).collect();
    assert_only(
        with(v2(), p, Some(json!([group(json!(eleven))]))),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list[0].values[10]",
        "too_big",
    );
    assert_only(
        with(v2(), p, Some(json!([group(json!([]))]))),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list[0].values",
        "too_small",
    );
    assert_only(
        with(v2(), p, Some(json!([group(json!(["男", ""]))]))),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list[0].values[1]",
        "too_small",
    );
    assert_only(
        with(v2(), p, Some(json!([group(json!(["男", "男"]))]))),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list[0].values[1]",
        "duplicate",
    );
    assert_only(
        with(v2(), &format!("{p}/0/mode"), Some(json!(2))),
        Variant::V2,
        "task_extras.destination_extension_with_variable_list[0].mode",
        "invalid_enum",
    );
}

#[test]
fn redial_bounds_and_da_status() {
    assert_eq!(
        found(
            &with(v2(), "/task_extras/redial_interval", Some(json!(60))),
            Variant::V2
        ),
        vec![]
    );
    assert_only(
        with(v2(), "/task_extras/redial_interval", Some(json!(61))),
        Variant::V2,
        "task_extras.redial_interval",
        "too_big",
    );
    assert_only(
        with(v2(), "/task_extras/redial_max_times", Some(json!(4))),
        Variant::V2,
        "task_extras.redial_max_times",
        "too_big",
    );
    assert_only(
        with(
            v2(),
            "/task_extras/redial_conditions/da_status",
            Some(json!([2, 13])),
        ),
        Variant::V2,
        "task_extras.redial_conditions.da_status[1]",
        "invalid_enum",
    );
    assert_only(
        with(
            v2(),
            "/task_extras/redial_conditions/da_status",
            Some(json!([2, 2])),
        ),
        Variant::V2,
        "task_extras.redial_conditions.da_status[1]",
        "duplicate",
    );
    // 11 (blacklist) is accepted: see the decision on DA_STATUS.
    assert_eq!(
        found(
            &with(
                v2(),
                "/task_extras/redial_conditions/da_status",
                Some(json!([11]))
            ),
            Variant::V2
        ),
        vec![]
    );
    // redial_conditions: an object; the array spelling of one comment is rejected.
    assert_only(
        with(
            v2(),
            "/task_extras/redial_conditions",
            Some(json!([{"da_status": [2]}])),
        ),
        Variant::V2,
        "task_extras.redial_conditions",
        "invalid_type",
    );
    // da_status at the table's depth is accepted; both depths must agree.
    let table = with(
        with(v2(), "/task_extras/redial_conditions", None),
        "/task_extras/da_status",
        Some(json!([2, 3])),
    );
    assert_eq!(found(&table, Variant::V2), vec![]);
    let both_same = with(
        v2(),
        "/task_extras/da_status",
        Some(json!([2, 3, 4, 6, 8, 9, 12])),
    );
    assert_eq!(found(&both_same, Variant::V2), vec![]);
    // The same statuses in another order agree: a set, not a sequence.
    let reordered = with(
        v2(),
        "/task_extras/da_status",
        Some(json!([12, 9, 8, 6, 4, 3, 2])),
    );
    assert_eq!(found(&reordered, Variant::V2), vec![]);
    assert_only(
        with(v2(), "/task_extras/da_status", Some(json!([2]))),
        Variant::V2,
        "task_extras.da_status",
        "conflict",
    );
    // Both lists are shown, the one the message names first first.
    let differ = validate(
        &with(v2(), "/task_extras/da_status", Some(json!([2]))),
        Variant::V2,
        Locale::ZhCn,
    );
    assert_eq!(
        differ[0].message,
        "task_extras.da_status（[2]）与 task_extras.redial_conditions.da_status（[2,3,4,6,8,9,12]）的值不一致，两处都传时必须相同。"
    );
    assert_only(
        with(v2(), "/task_extras/redial_enabled", Some(json!(2))),
        Variant::V2,
        "task_extras.redial_enabled",
        "invalid_type",
    );
    assert_eq!(
        found(
            &with(v2(), "/task_extras/redial_enabled", Some(json!(true))),
            Variant::V2
        ),
        vec![]
    );
}

#[test]
fn dates_and_ranges() {
    assert_only(
        with(
            v2(),
            "/task_extras/stop_time",
            Some(json!("2024-12-23 19:00:00")),
        ),
        Variant::V2,
        "task_extras.stop_time",
        "invalid_range",
    );
    assert_only(
        with(
            v2(),
            "/task_extras/stop_time",
            Some(json!("2024-12-01 00:00:00")),
        ),
        Variant::V2,
        "task_extras.stop_time",
        "invalid_range",
    );
    assert_eq!(
        found(
            &with(
                v2(),
                "/task_extras/stop_time",
                Some(json!("2025/12/25 23:59"))
            ),
            Variant::V2
        ),
        vec![]
    );
    assert_only(
        with(
            v2(),
            "/task_extras/start_time",
            Some(json!("2024-13-01 00:00:00")),
        ),
        Variant::V2,
        "task_extras.start_time",
        "invalid_format",
    );
    // HH:MM ranges: begin < end
    assert_only(
        with(
            v2(),
            "/task_extras/destination_extension_list/0/end",
            Some(json!("08:00")),
        ),
        Variant::V2,
        "task_extras.destination_extension_list[0].end",
        "invalid_range",
    );
    assert_only(
        with(
            v2(),
            "/task_extras/destination_extension_list/0/end",
            Some(json!("25:00")),
        ),
        Variant::V2,
        "task_extras.destination_extension_list[0].end",
        "invalid_format",
    );
    assert_only(
        with(
            v2(),
            "/group_switch_rule/0/switch_end",
            Some(json!("09:00")),
        ),
        Variant::V2,
        "group_switch_rule[0].switch_end",
        "invalid_range",
    );
    // holiday: begin < end
    assert_only(
        with(
            legacy(),
            "/task_extras/holiday/0/end",
            Some(json!("2024-11-01 13:00")),
        ),
        Variant::Legacy,
        "task_extras.holiday[0].end",
        "invalid_range",
    );
}

#[test]
fn holiday_begin_or_start() {
    let start = json!([{"start": "2024-11-01 13:25", "end": "2024-11-03 13:25"}]);
    let body = with(legacy(), "/task_extras/holiday", Some(start));
    assert_eq!(found(&body, Variant::Legacy), vec![]);
    // the builder sends `begin`, first, like the examples
    let sent = normalize(&body);
    assert_eq!(
        sent["task_extras"]["holiday"][0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["begin", "end"]
    );
    assert_eq!(
        sent["task_extras"]["holiday"][0]["begin"],
        "2024-11-01 13:25"
    );
    let both = json!([{"begin": "2024-11-01 13:25", "start": "2024-11-01 13:25", "end": "2024-11-03 13:25"}]);
    assert_only(
        with(legacy(), "/task_extras/holiday", Some(both)),
        Variant::Legacy,
        "task_extras.holiday[0].start",
        "conflict",
    );
    assert_only(
        with(
            legacy(),
            "/task_extras/holiday",
            Some(json!([{"end": "2024-11-03 13:25"}])),
        ),
        Variant::Legacy,
        "task_extras.holiday[0].begin",
        "required",
    );
    assert_only(
        with(
            legacy(),
            "/task_extras/holiday",
            Some(json!([{"from": "x", "begin": "2024-11-01 13:25", "end": "2024-11-03 13:25"}])),
        ),
        Variant::Legacy,
        "task_extras.holiday[0].from",
        "unknown_field",
    );
}

#[test]
fn line_and_holiday_are_always_sent() {
    let body = with(
        with(v2(), "/task_extras/line", None),
        "/task_extras/holiday",
        None,
    );
    assert_eq!(found(&body, Variant::V2), vec![]);
    let sent = normalize(&body);
    assert_eq!(sent["task_extras"]["line"], json!([]));
    assert_eq!(sent["task_extras"]["holiday"], json!([]));
    // given values are kept
    assert_eq!(normalize(&v2())["task_extras"]["line"][0]["limit"], 2);
}

#[test]
fn maximumcall_divisible_and_within_line_limits() {
    let lines = json!([{"id": "a", "limit": 5}, {"id": "b", "limit": 5}, {"id": "c", "limit": 2}]);
    let body = with(
        with(v2(), "/task_extras/line", Some(lines)),
        "/maximumcall",
        Some(json!(6)),
    );
    assert_eq!(found(&body, Variant::V2), vec![]);
    assert_only(
        with(body.clone(), "/maximumcall", Some(json!(7))),
        Variant::V2,
        "maximumcall",
        "not_divisible",
    );
    assert_only(
        with(body.clone(), "/maximumcall", Some(json!(9))),
        Variant::V2,
        "task_extras.line[2].limit",
        "line_limit_exceeded",
    );
    assert_only(
        with(body.clone(), "/maximumcall", Some(json!(0))),
        Variant::V2,
        "maximumcall",
        "too_small",
    );
    assert_only(
        with(body.clone(), "/maximumcall", Some(json!(2.5))),
        Variant::V2,
        "maximumcall",
        "invalid_type",
    );
    assert_only(
        with(body.clone(), "/maximumcall", Some(json!("6"))),
        Variant::V2,
        "maximumcall",
        "invalid_type",
    );
    // no lines: nothing to divide by
    assert_eq!(
        found(
            &with(body, "/task_extras/line", Some(json!([]))),
            Variant::V2
        ),
        vec![]
    );
    let msg = &validate(
        &with(v2(), "/maximumcall", Some(json!(3))),
        Variant::V2,
        Locale::En,
    );
    assert!(msg.iter().any(|i| i.code == "line_limit_exceeded"));
}

#[test]
fn line_shapes_per_variant() {
    // v2: objects {id, limit}; plain ids are rejected
    assert_only(
        with(v2(), "/task_extras/line", Some(json!(["d47c3599"]))),
        Variant::V2,
        "task_extras.line[0]",
        "invalid_type",
    );
    assert_only(
        with(v2(), "/task_extras/line/0/limit", Some(json!(0))),
        Variant::V2,
        "task_extras.line[0].limit",
        "too_small",
    );
    assert_only(
        with(
            v2(),
            "/task_extras/line",
            Some(json!([{"id": "a", "limit": 1}, {"id": "a", "limit": 1}])),
        ),
        Variant::V2,
        "task_extras.line[1]",
        "duplicate",
    );
    // legacy: plain ids (the table) or objects
    assert_eq!(
        found(
            &with(
                legacy(),
                "/task_extras/line",
                Some(json!(["29c39ec4-b292-4af9-a88b-922d61866sub"]))
            ),
            Variant::Legacy
        ),
        vec![]
    );
    assert_eq!(
        found(
            &with(
                legacy(),
                "/task_extras/line",
                Some(json!([{"id": "a", "limit": 1}]))
            ),
            Variant::Legacy
        ),
        vec![]
    );
    assert_only(
        with(legacy(), "/task_extras/line", Some(json!([""]))),
        Variant::Legacy,
        "task_extras.line[0]",
        "too_small",
    );
    assert_only(
        with(legacy(), "/task_extras/line", Some(json!([5]))),
        Variant::Legacy,
        "task_extras.line[0]",
        "invalid_type",
    );
    // legacy divisibility with id lines
    assert_only(
        with(
            with(legacy(), "/task_extras/line", Some(json!(["a", "b"]))),
            "/maximumcall",
            Some(json!(3)),
        ),
        Variant::Legacy,
        "maximumcall",
        "not_divisible",
    );
}

#[test]
fn legacy_new_call_rules_windows() {
    let rules = |t: &str| json!([{"re_call_time": t, "call_interval": 60, "rule_id": 15486}]);
    for ok in ["10:00:00", "10:30:00", "11:00:00", "13:00:00", "22:00:00"] {
        assert_eq!(
            found(
                &with(legacy(), "/new_call_rules", Some(rules(ok))),
                Variant::Legacy
            ),
            vec![],
            "{ok}"
        );
    }
    for bad in ["09:59:59", "11:00:01", "12:00:00", "22:00:01"] {
        assert_only(
            with(legacy(), "/new_call_rules", Some(rules(bad))),
            Variant::Legacy,
            "new_call_rules[0].re_call_time",
            "outside_window",
        );
    }
    assert_only(
        with(legacy(), "/new_call_rules", Some(rules("10:00"))),
        Variant::Legacy,
        "new_call_rules[0].re_call_time",
        "invalid_format",
    );
    assert_only(
        with(
            legacy(),
            "/new_call_rules",
            Some(json!([{"call_interval": 0}])),
        ),
        Variant::Legacy,
        "new_call_rules[0].call_interval",
        "too_small",
    );
}

#[test]
fn messages_in_both_languages_name_field_and_value() {
    // A range out of order shows both ends, as the holiday and time-list ranges do.
    let early = with(
        v2(),
        "/task_extras/stop_time",
        Some(json!("2024-12-01 00:00:00")),
    );
    assert_eq!(
        validate(&early, Variant::V2, Locale::En)[0].message,
        "task_extras.stop_time must be after task_extras.start_time (2024-12-23 19:00:00), received \"2024-12-01 00:00:00\"."
    );
    let body = with(v2(), "/task_extras/redial_max_times", Some(json!(5)));
    let en = &validate(&body, Variant::V2, Locale::En)[0];
    let zh = &validate(&body, Variant::V2, Locale::ZhCn)[0];
    assert_eq!(en.code, zh.code);
    assert_eq!(en.path, zh.path);
    assert_eq!(
        en.message,
        "task_extras.redial_max_times must be at most 3, received 5."
    );
    assert_eq!(
        zh.message,
        "task_extras.redial_max_times 不能大于 3，收到：5。"
    );
    let nd = &validate(
        &with(v2(), "/maximumcall", Some(json!(3))),
        Variant::V2,
        Locale::ZhCn,
    );
    assert!(
        nd.iter()
            .any(|i| i.message.contains("整除") || i.message.contains("上限")),
        "{nd:?}"
    );
}

#[test]
fn hostile_values_never_panic() {
    let deep = (0..200).fold(json!(1), |acc, _| json!({"a": acc}));
    let huge = "x".repeat(1 << 20);
    for v in [
        json!({"name": huge, "task_extras": deep.clone()}),
        json!({"__proto__": {"polluted": true}, "constructor": 1}),
        json!({"task_extras": {"line": [null, {}, [], 1e308]}, "maximumcall": -9007199254740993i64}),
        json!({"maximumcall": 18446744073709551615u64, "task_extras": {"line": [{"id": "a", "limit": 1}]}}),
        deep,
    ] {
        let _ = validate(&v, Variant::V2, Locale::En);
        let _ = validate(&v, Variant::Legacy, Locale::ZhCn);
        let _ = normalize(&v);
    }
}

#[test]
fn each_line_is_selected_once_by_its_id() {
    // Two limits for one line (v2), or a line as a string and as an object (legacy).
    let lines =
        json!([{"id": "L1", "limit": 2}, {"id": "L2", "limit": 2}, {"id": "L1", "limit": 4}]);
    let body = with(
        with(v2(), "/task_extras/line", Some(lines)),
        "/maximumcall",
        Some(json!(3)),
    );
    assert_only(
        body.clone(),
        Variant::V2,
        "task_extras.line[2].id",
        "duplicate",
    );
    let issues = validate(&body, Variant::V2, Locale::En);
    assert_eq!(issues[0].message, "task_extras.line[2].id repeats the value at index 0, received \"L1\"; values must be unique.");
    let legacy_lines = json!(["L1", {"id": "L1", "limit": 1}]);
    assert_only(
        with(
            with(legacy(), "/task_extras/line", Some(legacy_lines)),
            "/maximumcall",
            Some(json!(2)),
        ),
        Variant::Legacy,
        "task_extras.line[1].id",
        "duplicate",
    );
    let legacy_lines = json!([{"id": "L1", "limit": 1}, "L1"]);
    assert_only(
        with(
            with(legacy(), "/task_extras/line", Some(legacy_lines)),
            "/maximumcall",
            Some(json!(2)),
        ),
        Variant::Legacy,
        "task_extras.line[1]",
        "duplicate",
    );
    // The same object twice is said once, by the list.
    let twice = json!([{"id": "L1", "limit": 2}, {"id": "L1", "limit": 2}]);
    assert_only(
        with(v2(), "/task_extras/line", Some(twice)),
        Variant::V2,
        "task_extras.line[1]",
        "duplicate",
    );
    // A repeat of the latest of its id, not of the first: still once per item.
    let again =
        json!([{"id": "L1", "limit": 1}, {"id": "L1", "limit": 2}, {"id": "L1", "limit": 2}]);
    let found: Vec<_> = validate(
        &with(
            with(v2(), "/task_extras/line", Some(again)),
            "/maximumcall",
            Some(json!(3)),
        ),
        Variant::V2,
        Locale::En,
    )
    .into_iter()
    .map(|i| i.path)
    .collect();
    assert_eq!(found, ["task_extras.line[2]", "task_extras.line[1].id"]);
}

#[test]
fn a_task_time_in_neither_documented_form_is_told_both() {
    // Dashes need two-digit months and days; the table's slashes take one or two.
    let body = with(
        v2(),
        "/task_extras/start_time",
        Some(json!("2024-1-3 09:00:00")),
    );
    assert_only(
        body.clone(),
        Variant::V2,
        "task_extras.start_time",
        "invalid_format",
    );
    let en = &validate(&body, Variant::V2, Locale::En)[0].message;
    assert!(
        en.contains("must look like \"2024-12-23 19:00:00\" (or \"2024/11/1 13:25\")"),
        "{en}"
    );
    let zh = &validate(&body, Variant::V2, Locale::ZhCn)[0].message;
    assert!(
        zh.contains("的格式应为 \"2024-12-23 19:00:00\"（或 \"2024/11/1 13:25\"）"),
        "{zh}"
    );
    assert!(found(
        &with(
            v2(),
            "/task_extras/start_time",
            Some(json!("2024/1/3 09:00"))
        ),
        Variant::V2
    )
    .is_empty());
}

/// A misspelled field is told the declared name it is closest to, in the body, its
/// `task_extras` and the queries alike.
#[test]
fn misspellings_get_the_closest_name() {
    let msgs = |body: &Value| -> Vec<String> {
        validate(body, Variant::V2, Locale::En)
            .into_iter()
            .map(|i| i.message)
            .collect()
    };
    assert_eq!(
        msgs(&with(v2(), "/maximumcal", Some(json!(1)))),
        ["maximumcal is not a known field (did you mean \"maximumcall\"?)."]
    );
    assert_eq!(
        msgs(&with(v2(), "/task_extras/redial_condition", Some(json!({})))),
        ["task_extras.redial_condition is not a known field (did you mean \"redial_conditions\"?)."]
    );
    // Nothing close: the plain message.
    assert_eq!(
        msgs(&with(v2(), "/zzzzzzzz", Some(json!(1)))),
        ["zzzzzzzz is not a known field; check the spelling."]
    );
}
