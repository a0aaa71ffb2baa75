//! The 2.0 task update body (`PUT /agent-api/new/user/{user_id}/task/{task_id}`), in its
//! two documented shapes: `v2` (新版任务2.0) and `legacy` (旧版任务2.0).
//!
//! Where the vendor documents contradict themselves, the decision is written next to the
//! rule it affects, and both sides are tested in `tests` below.

use crate::issue::{ConflictKind, Expected, Hint, LenUnit, Locale, Problem};
use crate::json::Json;
use crate::schema::{doc, f, get, int, req, str_nonempty, Ctx, Doc, Field, Fmt, List, Ty};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    #[default]
    V2,
    Legacy,
}

impl Variant {
    /// The names `parse` accepts, as they are written.
    pub const NAMES: [&'static str; 2] = ["v2", "legacy"];

    pub fn parse(s: &str) -> Option<Variant> {
        match s {
            "v2" => Some(Variant::V2),
            "legacy" => Some(Variant::Legacy),
            _ => None,
        }
    }
}

// ---- value sets -------------------------------------------------------------------------

const IS_GROUP_SWITCH: &[(i64, Doc)] = &[
    (0, doc("one script group")),
    (1, doc("by time of day")),
    (2, doc("by number variable")),
    (3, doc("several groups, polled or random")),
];
const VARIABLE_MODE: &[(i64, Doc)] = &[
    (0, doc("contains any keyword")),
    (1, doc("equals any keyword")),
];
const DIAL_MODE: &[(i64, Doc)] = &[(0, doc("round robin by sort")), (1, doc("random"))];
const POP_MODE: &[(i64, Doc)] = &[
    (0, doc("random")),
    (1, doc("in order")),
    (2, doc("reverse order")),
];
/// Call outcomes that may trigger a redial. The request comment lists 2..12 including
/// 11 (blacklist); the parameter table leaves 11 out. Decision: accept 11, because the
/// longer list is the one written next to the example request the server accepted.
const DA_STATUS: &[(i64, Doc)] = &[
    (2, doc("blocked by carrier")),
    (3, doc("rejected")),
    (4, doc("no answer")),
    (5, doc("number does not exist")),
    (6, doc("powered off")),
    (7, doc("out of service")),
    (8, doc("busy")),
    (9, doc("incoming calls barred")),
    (10, doc("arrears")),
    (11, doc("blacklisted")),
    (12, doc("blocked by user")),
];

/// Limits from the seed: at most 100 variable groups, 10 keywords each, redial interval
/// at most 60 minutes, at most 3 redials.
pub const MAX_VARIABLE_GROUPS: usize = 100;
pub const MAX_KEYWORDS: usize = 10;
pub const MAX_REDIAL_INTERVAL: i64 = 60;
pub const MAX_REDIAL_TIMES: i64 = 3;

/// Legacy `new_call_rules.*.re_call_time` must fall in 10–11 or 13–22 o'clock.
/// Decision: both ends inclusive (`10:00:00`..=`11:00:00`, `13:00:00`..=`22:00:00`).
const RECALL_WINDOWS: &[(i64, i64)] = &[(10 * 3600, 11 * 3600), (13 * 3600, 22 * 3600)];
const RECALL_WINDOWS_TEXT: &[(&str, &str)] = &[("10:00:00", "11:00:00"), ("13:00:00", "22:00:00")];

// ---- shapes -----------------------------------------------------------------------------

const ID: Ty = Ty::Id;
const DATETIME: Ty = Ty::Format(Fmt::DateTime);
const HHMM: Ty = Ty::Format(Fmt::HourMinute);

const GROUP_SWITCH_RULE: List = List {
    item: Ty::Obj(&[
        req("switch_start", &HHMM, "Start of the period, HH:MM."),
        req(
            "switch_end",
            &HHMM,
            "End of the period, HH:MM (after switch_start).",
        ),
        req("group_id", &ID, "Script group used in the period."),
        f(
            "default_group_id",
            &ID,
            "Script group used outside every period.",
        ),
    ]),
    min: 0,
    max: None,
    unique: false,
};

/// v2 lines are objects with a per-line concurrency limit.
const LINE_V2: Ty = Ty::Obj(&[
    req("id", &str_nonempty(), "Line id."),
    req(
        "limit",
        &int(Some(1), None),
        "Maximum concurrent calls on this line.",
    ),
]);

/// Decision (the docs disagree): the v2 example sends `line` as objects `{id, limit}`, the
/// legacy table as plain id strings. v2 requires objects (the divisibility and per-line
/// limit rules need `limit`); legacy accepts either form and sends what it was given.
const LINES_V2: List = List {
    item: LINE_V2,
    min: 0,
    max: None,
    unique: true,
};
const LINE_ID: Ty = str_nonempty();
const LINES_LEGACY: List = List {
    item: Ty::Either(&LINE_ID, &LINE_V2),
    min: 0,
    max: None,
    unique: true,
};

/// Decision (the docs disagree): the examples write holiday ranges as `{begin, end}`, the
/// table as `{start, end}`. Both are accepted; the builder sends `begin`, the spelling of
/// the example requests.
const HOLIDAY: List = List {
    item: Ty::Obj(&[
        f(
            "begin",
            &DATETIME,
            "First moment of the break (or `start`).",
        ),
        f(
            "start",
            &DATETIME,
            "Same as `begin` (the spelling of the parameter table).",
        ),
        req("end", &DATETIME, "Last moment of the break, after begin."),
    ]),
    min: 0,
    max: None,
    unique: false,
};

const TIME_SCRIPTS: List = List {
    item: Ty::Obj(&[
        req("begin", &HHMM, "Start, HH:MM."),
        req("end", &HHMM, "End, HH:MM (after begin)."),
        req(
            "destination_extension",
            &ID,
            "Script group used in this period.",
        ),
    ]),
    min: 0,
    max: None,
    unique: false,
};

const VARIABLE_GROUPS: List = List {
    item: Ty::Obj(&[
        req(
            "mode",
            &Ty::IntEnum(VARIABLE_MODE),
            "0 = contains any keyword, 1 = equals any keyword.",
        ),
        req(
            "values",
            &Ty::List(&List {
                item: Ty::Str {
                    min: 1,
                    max: None,
                    unit: LenUnit::Chars,
                },
                min: 1,
                max: Some(MAX_KEYWORDS),
                unique: true,
            }),
            "1 to 10 distinct keywords.",
        ),
        req(
            "destination_extension",
            &ID,
            "Script group used when the number's variable matches.",
        ),
        f("sort", &int(Some(0), None), "Priority: larger sorts later."),
    ]),
    min: 0,
    max: Some(MAX_VARIABLE_GROUPS),
    unique: false,
};

const MULTI_CONFIG: Ty = Ty::Obj(&[
    req(
        "dial_mode",
        &Ty::IntEnum(DIAL_MODE),
        "0 = round robin by sort, 1 = random.",
    ),
    req(
        "list",
        &Ty::List(&List {
            item: Ty::Obj(&[
                req("destination_extension", &ID, "Script group."),
                req(
                    "sort",
                    &int(Some(0), None),
                    "Required on every entry: the round-robin order.",
                ),
            ]),
            min: 1,
            max: None,
            unique: false,
        }),
        "Script groups to dial with.",
    ),
]);

const DA_STATUS_LIST: Ty = Ty::List(&List {
    item: Ty::IntEnum(DA_STATUS),
    min: 0,
    max: None,
    unique: true,
});

const NEW_CALL_RULES: List = List {
    item: Ty::Obj(&[
        f(
            "re_call_time",
            &Ty::Format(Fmt::HourMinuteSecond),
            "Redial time, HH:MM:SS within 10–11 or 13–22 o'clock.",
        ),
        f(
            "call_interval",
            &int(Some(1), None),
            "Minutes between calls.",
        ),
        f("rule_id", &ID, "Redial rule id."),
    ]),
    min: 0,
    max: None,
    unique: false,
};

/// The top-level fields both variants share, followed by the variant's own.
macro_rules! top_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            f("sub_user_id", &str_nonempty(), "Sub-account id: the update applies to that sub-account."),
            // "不传这个键,则表示为空 传了则必填": leave the key out for none; when sent it must be an id.
            f("bridge_group_id", &ID, "Transfer group id. Leave the key out for none; null is not accepted."),
            req("destination_extension", &ID, "Script group id."),
            req("dial_time_id", &ID, "Call time group id."),
            req("maximumcall", &int(Some(1), None), "Total concurrency: a multiple of the number of lines."),
            req("name", &str_nonempty(), "Task name."),
            f("remark", &Ty::Str { min: 0, max: None, unit: LenUnit::Chars }, "Task description."),
            f("auto_recycle_rule_id", &ID, "Redial rule id."),
            f("elasticity_type", &Ty::Flag, "Dynamic seats; cannot be on together with end_action."),
            // The seed types it `int` (example 1), the endpoints note gives 0/1 for creation.
            // Decision: an integer, 0 or 1, on both (one body schema serves create and update).
            f("end_action", &int(Some(0), Some(1)), "Action when the task ends, 0 or 1; cannot be on with elasticity_type."),
            f("background_id", &ID, "Background sound id."),
            f("llm_intention_id", &ID, "LLM quality-check configuration id."),
            // Documented for task creation only (`is_call_in` 0/1). Decision: one body schema
            // for create and update, so it is accepted on both.
            f("is_call_in", &Ty::Flag, "Allow inbound calls to the task's numbers (0/1)."),
            // The v2 table lists interval_time at the top level, the legacy table inside
            // task_extras. Decision: accept it at either place in both variants.
            f("interval_time", &int(Some(0), None), "Seconds between calls (default 0)."),
            $($extra),*
        ]
    };
}

const V2_EXTRAS: &[Field] = &[
    req(
        "start_time",
        &DATETIME,
        "Task start, \"YYYY-MM-DD HH:MM:SS\".",
    ),
    req("stop_time", &DATETIME, "Task end, after start_time."),
    f(
        "line",
        &Ty::List(&LINES_V2),
        "Lines `{id, limit}`; sent as [] when left out.",
    ),
    f(
        "destination_extension_list",
        &Ty::List(&TIME_SCRIPTS),
        "Script groups by time of day (is_group_switch 1).",
    ),
    f(
        "destination_extension_with_variable_list",
        &Ty::List(&VARIABLE_GROUPS),
        "Script groups by number variable, at most 100 (is_group_switch 2).",
    ),
    f(
        "destination_extension_multi_config",
        &MULTI_CONFIG,
        "Several script groups (is_group_switch 3).",
    ),
    f(
        "holiday",
        &Ty::List(&HOLIDAY),
        "Breaks `{begin, end}`; sent as [] when left out.",
    ),
    f(
        "work_hour",
        &Ty::AnyList,
        "Working hours (shape undocumented; [] in the examples).",
    ),
    f(
        "work_week",
        &Ty::AnyList,
        "Working week (shape undocumented; [] in the examples).",
    ),
    req(
        "pop_mode",
        &Ty::IntEnum(POP_MODE),
        "Order numbers are dialled: 0 random, 1 in order, 2 reverse.",
    ),
    f("redial_enabled", &Ty::Flag, "Redial on/off."),
    f(
        "redial_new_number_policy",
        &Ty::Flag,
        "Call new numbers before redials.",
    ),
    f(
        "redial_interval",
        &int(Some(0), Some(MAX_REDIAL_INTERVAL)),
        "Minutes between redials, at most 60.",
    ),
    f(
        "redial_max_times",
        &int(Some(0), Some(MAX_REDIAL_TIMES)),
        "Redials per number, at most 3.",
    ),
    // Decision (the docs disagree): one comment writes redial_conditions as an array
    // (`[ "da_status": [...] ]`, not even valid JSON), the example as an object. Only the
    // object is accepted and sent.
    f(
        "redial_conditions",
        &Ty::Obj(&[f(
            "da_status",
            &DA_STATUS_LIST,
            "Call outcomes that trigger a redial.",
        )]),
        "Redial conditions.",
    ),
    // The table puts da_status directly under task_extras, the example under
    // redial_conditions. Decision: accept both; when both are given they must agree.
    f(
        "da_status",
        &DA_STATUS_LIST,
        "Call outcomes that trigger a redial (table spelling).",
    ),
    f(
        "interval_time",
        &int(Some(0), None),
        "Seconds between calls (legacy table spelling).",
    ),
];

const LEGACY_EXTRAS: &[Field] = &[
    req(
        "start_time",
        &DATETIME,
        "Task start, \"YYYY-MM-DD HH:MM:SS\".",
    ),
    req("stop_time", &DATETIME, "Task end, after start_time."),
    f(
        "line",
        &Ty::List(&LINES_LEGACY),
        "Line ids (or `{id, limit}`); sent as [] when left out.",
    ),
    f(
        "holiday",
        &Ty::List(&HOLIDAY),
        "Breaks `{begin, end}`; sent as [] when left out.",
    ),
    f(
        "interval_time",
        &int(Some(0), None),
        "Seconds between calls (default 0).",
    ),
];

pub const V2_FIELDS: &[Field] = top_fields![
    req("task_extras", &Ty::Obj(V2_EXTRAS), "2.0 task settings."),
    f(
        "group_type",
        &str_nonempty(),
        "Script grouping kind (\"group\" in the example)."
    ),
    f(
        "is_group_switch",
        &Ty::IntEnum(IS_GROUP_SWITCH),
        "How the script group is chosen: 0 one, 1 by time, 2 by variable, 3 several."
    ),
    f(
        "group_switch_rule",
        &Ty::List(&GROUP_SWITCH_RULE),
        "Script groups by time (older spelling; v2 uses task_extras.destination_extension_list)."
    ),
    f(
        "task_type",
        &int(Some(0), None),
        "Task type (7 in the example)."
    ),
    f("score_scheme_id", &ID, "Scoring scheme id."),
];

pub const LEGACY_FIELDS: &[Field] = top_fields![
    req("task_extras", &Ty::Obj(LEGACY_EXTRAS), "2.0 task settings."),
    f(
        "group_switch_rule",
        &Ty::List(&GROUP_SWITCH_RULE),
        "Script groups by time of day."
    ),
    f(
        "new_call_rules",
        &Ty::List(&NEW_CALL_RULES),
        "Redial rules."
    ),
];

pub fn fields(variant: Variant) -> &'static [Field] {
    match variant {
        Variant::V2 => V2_FIELDS,
        Variant::Legacy => LEGACY_FIELDS,
    }
}

// ---- validation -------------------------------------------------------------------------

/// Every issue of a task update body, all at once (an empty list means valid).
pub fn validate(body: &Value, variant: Variant, locale: Locale) -> Vec<crate::Issue> {
    validate_json(
        crate::json::tape::Tape::of_value(body).root(),
        variant,
        locale,
    )
}

/// `validate` of a body read from JSON text (the wasm entry: no `Value` is built).
pub fn validate_json<'a, J: Json<'a>>(
    body: J,
    variant: Variant,
    locale: Locale,
) -> Vec<crate::Issue> {
    let mut ctx = Ctx::new(locale);
    check_json(&mut ctx, body, variant);
    ctx.issues
}

/// `validate_json`, reporting into `ctx`.
pub fn check_json<'a, J: Json<'a>>(ctx: &mut Ctx, body: J, variant: Variant) {
    ctx.unknown_hint = Some(match variant {
        Variant::V2 => hint_for_v2,
        Variant::Legacy => hint_for_legacy,
    });
    if !body.is_object() {
        ctx.report_got(
            Problem::InvalidType {
                expected: Expected::Object,
            },
            Some(body.got()),
        );
        return;
    }
    ctx.check_fields(fields(variant), body);
    cross_field_rules(ctx, body, variant);
}

/// Where a whole task may be wrapped by mistake: `updateTask`'s `body`, or an app's own
/// `{ task }` / `{ data }`.
const WRAPPERS: [&str; 3] = ["body", "task", "data"];

fn hint_for_v2(path: &str) -> Option<Hint> {
    match path {
        _ if WRAPPERS.contains(&path) => Some(Hint::Unwrap),
        "new_call_rules" => Some(Hint::OtherVariant("legacy")),
        "line" | "holiday" | "start_time" | "stop_time" | "pop_mode" => {
            Some(Hint::Inside(format!("task_extras.{path}")))
        }
        _ => None,
    }
}

fn hint_for_legacy(path: &str) -> Option<Hint> {
    let v2_only = [
        "group_type",
        "is_group_switch",
        "task_type",
        "score_scheme_id",
    ];
    if v2_only.contains(&path)
        || (path.starts_with("task_extras.")
            && V2_EXTRAS
                .iter()
                .any(|f| path == format!("task_extras.{}", f.name)))
    {
        return Some(Hint::OtherVariant("v2"));
    }
    match path {
        _ if WRAPPERS.contains(&path) => Some(Hint::Unwrap),
        "line" | "holiday" | "start_time" | "stop_time" => {
            Some(Hint::Inside(format!("task_extras.{path}")))
        }
        _ => None,
    }
}

fn truthy<'a, J: Json<'a>>(v: Option<J>) -> bool {
    match v {
        Some(v) if v.is_boolean() => v.as_bool() == Some(true),
        Some(v) => v.sign().is_some_and(|(_, zero)| !zero),
        None => false,
    }
}

fn cross_field_rules<'a, J: Json<'a>>(ctx: &mut Ctx, body: J, variant: Variant) {
    let extras = get(body, &["task_extras"]);

    // start < stop
    ctx.key("task_extras", |ctx| {
        let start_text = extras
            .and_then(|e| get(e, &["start_time"]))
            .and_then(|v| v.as_str());
        let start = start_text.and_then(|s| Fmt::DateTime.parse(s));
        let stop_v = extras.and_then(|e| get(e, &["stop_time"]));
        let stop = stop_v
            .and_then(|v| v.as_str())
            .and_then(|s| Fmt::DateTime.parse(s));
        if let (Some(a), Some(b)) = (start, stop) {
            if b <= a {
                let p = Problem::NotAfter {
                    other: "task_extras.start_time".into(),
                    other_value: start_text.map(String::from),
                };
                ctx.key("stop_time", |c| c.report_got(p, stop_v.map(J::got)));
            }
        }
        // holiday ranges, and exactly one of begin/start
        if let Some((_, items)) = extras
            .and_then(|e| get(e, &["holiday"]))
            .and_then(|v| v.items())
        {
            ctx.key("holiday", |ctx| {
                for (i, obj) in items.enumerate() {
                    if !obj.is_object() {
                        continue;
                    }
                    ctx.index(i, |ctx| {
                        let (begin_key, begin) = match (obj.get("begin"), obj.get("start")) {
                            (Some(_), Some(v)) => {
                                let p = Problem::Conflict {
                                    other: "begin".into(),
                                    kind: ConflictKind::SameField,
                                };
                                ctx.key("start", |c| c.report_got(p, Some(v.got())));
                                return;
                            }
                            (Some(b), None) => ("begin", b),
                            (None, Some(s)) => ("start", s),
                            (None, None) => {
                                ctx.report_at("begin", Problem::Required, None);
                                return;
                            }
                        };
                        range_order(ctx, Fmt::DateTime, begin_key, begin, "end", obj.get("end"));
                    });
                }
            });
        }
        // HH:MM ranges in the time-based script list
        if let Some((_, items)) = extras
            .and_then(|e| get(e, &["destination_extension_list"]))
            .and_then(|v| v.items())
        {
            ctx.key("destination_extension_list", |ctx| {
                for (i, item) in items.enumerate() {
                    if let Some(b) = item.get("begin") {
                        ctx.index(i, |ctx| {
                            range_order(ctx, Fmt::HourMinute, "begin", b, "end", item.get("end"))
                        });
                    }
                }
            });
        }
    });
    if let Some((_, items)) = get(body, &["group_switch_rule"]).and_then(|v| v.items()) {
        ctx.key("group_switch_rule", |ctx| {
            for (i, item) in items.enumerate() {
                if let Some(b) = item.get("switch_start") {
                    ctx.index(i, |ctx| {
                        range_order(
                            ctx,
                            Fmt::HourMinute,
                            "switch_start",
                            b,
                            "switch_end",
                            item.get("switch_end"),
                        )
                    });
                }
            }
        });
    }

    line_ids_once(ctx, extras);

    // maximumcall divides evenly across the lines; the share fits every line's limit.
    if let (Some(total), Some(lines)) = (
        get(body, &["maximumcall"])
            .and_then(|v| v.as_i64())
            .filter(|n| *n >= 1),
        extras
            .and_then(|e| get(e, &["line"]))
            .and_then(|v| v.items()),
    ) {
        let (n, lines) = lines;
        if n > 0 {
            if total % n as i64 != 0 {
                ctx.report_at(
                    "maximumcall",
                    Problem::NotDivisible { total, lines: n },
                    None,
                );
            } else {
                let share = total / n as i64;
                for (i, line) in lines.enumerate() {
                    if let Some(limit) = line
                        .get("limit")
                        .and_then(|v| v.as_i64())
                        .filter(|l| *l >= 1)
                    {
                        if share > limit {
                            ctx.key("task_extras", |c| {
                                c.key("line", |c| {
                                    c.index(i, |c| {
                                        c.report_at(
                                            "limit",
                                            Problem::LineLimitExceeded { share, limit },
                                            None,
                                        )
                                    })
                                })
                            });
                        }
                    }
                }
            }
        }
    }

    // elasticity_type and end_action cannot both be on.
    if truthy(get(body, &["elasticity_type"])) && truthy(get(body, &["end_action"])) {
        let p = Problem::Conflict {
            other: "elasticity_type".into(),
            kind: ConflictKind::Exclusive,
        };
        ctx.key("end_action", |c| {
            c.report_got(p, get(body, &["end_action"]).map(J::got))
        });
    }

    match variant {
        Variant::V2 => v2_rules(ctx, body, extras),
        Variant::Legacy => legacy_rules(ctx, body),
    }
}

/// Each line once: `["L1", {"id": "L1", "limit": 1}]` (legacy) or two objects of one id with
/// different limits select one line twice, and the divisibility rule would count it twice.
/// (Items equal as a whole are the list's own `duplicate` already.)
fn line_ids_once<'a, J: Json<'a>>(ctx: &mut Ctx, extras: Option<J>) {
    let Some((_, lines)) = extras
        .and_then(|e| get(e, &["line"]))
        .and_then(|v| v.items())
    else {
        return;
    };
    let lines: Vec<J> = lines.collect();
    let id = |line: J| {
        if line.as_str().is_some() {
            Some(line)
        } else {
            line.get("id")
        }
    };
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // The latest index of each id, by its first: an item equal to the first or the latest
    // of its id is the list's own duplicate, said once.
    let mut latest: Vec<usize> = (0..lines.len()).collect();
    for (i, &line) in lines.iter().enumerate() {
        let Some((id, text)) = id(line).and_then(|v| Some((v, v.as_str()?))) else {
            continue;
        };
        let at = *first.entry(text).or_insert(i);
        let before = std::mem::replace(&mut latest[at], i);
        if at != i && !line.same_as(lines[at]) && !line.same_as(lines[before]) {
            let p = Problem::Duplicate { first_index: at };
            let got = Some(id.got());
            ctx.key("task_extras", |c| {
                c.key("line", |c| {
                    c.index(i, |c| match line.as_str() {
                        Some(_) => c.report_got(p, got),
                        None => c.key("id", |c| c.report_got(p, got)),
                    })
                })
            });
        }
    }
}

fn range_order<'a, J: Json<'a>>(
    ctx: &mut Ctx,
    fmt: Fmt,
    begin_key: &str,
    begin: J,
    end_key: &str,
    end: Option<J>,
) {
    let a = begin.as_str().and_then(|s| fmt.parse(s));
    let b = end.and_then(|v| v.as_str()).and_then(|s| fmt.parse(s));
    if let (Some(a), Some(b)) = (a, b) {
        if b <= a {
            let other_value = begin.as_str().map(String::from);
            let p = Problem::NotAfter {
                other: begin_key.into(),
                other_value,
            };
            ctx.key_text(end_key, |c| c.report_got(p, end.map(J::got)));
        }
    }
}

fn non_empty_array<'a, J: Json<'a>>(v: Option<J>) -> bool {
    v.and_then(|v| v.items()).is_some_and(|(n, _)| n > 0)
}

fn v2_rules<'a, J: Json<'a>>(ctx: &mut Ctx, body: J, extras: Option<J>) {
    // What each is_group_switch mode needs. The table marks only mode 2's list as required
    // ("is_group_switch 为 2 时必填"); the example names the modes ("1-按时间配置 2-变量分组配置
    // 3-多项外呼话术组配置"). Decision: a mode also needs the configuration it names (1: the
    // time list, or the legacy `group_switch_rule`; 3: the multi config), as 2 does.
    let mode = get(body, &["is_group_switch"]).and_then(|v| v.as_i64());
    let extras_has = |k: &str| extras.and_then(|e| get(e, &[k]));
    // An empty list given is shown as received: it was sent, it just holds nothing.
    let need = |ctx: &mut Ctx, field: &str, m: i64| {
        let p = Problem::RequiredBecause {
            field: "is_group_switch".into(),
            value: Some(m.to_string()),
        };
        let given = extras_has(field).filter(|v| !v.is_null()).map(J::got);
        ctx.key("task_extras", |c| {
            c.key_text(field, |c| c.report_got(p, given))
        });
    };
    match mode {
        Some(1)
            if !non_empty_array(extras_has("destination_extension_list"))
                && !non_empty_array(get(body, &["group_switch_rule"])) =>
        {
            need(ctx, "destination_extension_list", 1)
        }
        Some(2) if !non_empty_array(extras_has("destination_extension_with_variable_list")) => {
            need(ctx, "destination_extension_with_variable_list", 2)
        }
        Some(3) if extras_has("destination_extension_multi_config").is_none() => {
            need(ctx, "destination_extension_multi_config", 3)
        }
        _ => {}
    }

    // da_status given at both depths must agree: as sets (a list of statuses to redial,
    // whose order means nothing).
    if let (Some(a), Some(b)) = (
        extras_has("da_status"),
        extras.and_then(|e| get(e, &["redial_conditions", "da_status"])),
    ) {
        // The statuses are small numbers: a bit each (anything else compares as written).
        let set = |v: J| {
            let (_, mut items) = v.items()?;
            items.try_fold(0u64, |bits, x| {
                let n = x.as_i64().filter(|n| (0..64).contains(n))?;
                Some(bits | 1 << n)
            })
        };
        let agree = match (set(a), set(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a.kind() == b.kind() && a.same_as(b),
        };
        if !agree {
            let p = Problem::Differ {
                other: "task_extras.redial_conditions.da_status".into(),
                ours: crate::json::shown(&a.to_value()),
                theirs: crate::json::shown(&b.to_value()),
            };
            ctx.key("task_extras", |c| {
                c.key("da_status", |c| c.report_got(p, None))
            });
        }
    }
}

fn legacy_rules<'a, J: Json<'a>>(ctx: &mut Ctx, body: J) {
    if let Some((_, rules)) = get(body, &["new_call_rules"]).and_then(|v| v.items()) {
        ctx.key("new_call_rules", |ctx| {
            for (i, rule) in rules.enumerate() {
                let Some(t) = rule.get("re_call_time") else {
                    continue;
                };
                let Some(secs) = t.as_str().and_then(|s| Fmt::HourMinuteSecond.parse(s)) else {
                    continue;
                };
                if !RECALL_WINDOWS
                    .iter()
                    .any(|(a, b)| (*a..=*b).contains(&secs))
                {
                    let p = Problem::OutsideWindow {
                        windows: RECALL_WINDOWS_TEXT,
                    };
                    ctx.index(i, |c| {
                        c.key("re_call_time", |c| c.report_got(p, Some(t.got())))
                    });
                }
            }
        });
    }
}

// ---- building ---------------------------------------------------------------------------

/// The body as sent: the caller's JSON (key order kept) with `task_extras.line` and
/// `task_extras.holiday` added as `[]` when missing — the server rejects a body without
/// them — and holiday `start` spelled `begin`.
pub fn normalize(body: &Value) -> Value {
    let mut out = body.clone();
    if let Some(extras) = out.get_mut("task_extras").and_then(|v| v.as_object_mut()) {
        extras.entry("line").or_insert_with(|| Value::Array(vec![]));
        extras
            .entry("holiday")
            .or_insert_with(|| Value::Array(vec![]));
        if let Some(items) = extras.get_mut("holiday").and_then(|v| v.as_array_mut()) {
            for item in items.iter_mut() {
                if let Some(obj) = item.as_object_mut() {
                    if !obj.contains_key("begin") {
                        if let Some(v) = obj.remove("start") {
                            let rest: Map<String, Value> = std::mem::take(obj);
                            obj.insert("begin".into(), v);
                            obj.extend(rest);
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
