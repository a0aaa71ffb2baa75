//! aiccs: each documented constraint with a passing and a failing side, the decisions
//! taken where the metadata contradicts itself, request building, and the seed fixtures.

use super::validate::{validate, Clock};
use super::*;
use crate::issue::Locale;
use serde_json::json;

/// 2026-11-21T08:00:00Z
const NOW: i64 = 1_795_248_000_000;

fn clock() -> Clock {
    Clock { now_ms: NOW }
}

fn found(action: &str, params: Value) -> Vec<(String, String)> {
    validate(action, &params, Locale::En, clock())
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect()
}

fn only(action: &str, params: Value, path: &str, code: &str) {
    assert_eq!(
        found(action, params.clone()),
        vec![(path.to_string(), code.to_string())],
        "{action} {params}"
    );
}

fn ok(action: &str, params: Value) {
    assert_eq!(found(action, params.clone()), vec![], "{action} {params}");
}

fn with(mut base: Value, key: &str, v: Value) -> Value {
    base.as_object_mut().unwrap().insert(key.into(), v);
    base
}

fn create() -> Value {
    json!({
        "TaskName": "测试任务", "AgentId": "1180000", "StartType": "IMMEDIATE",
        "CallDay": ["MONDAY", "FRIDAY"],
        "CallTime": ["{\"startTime\":\"09:00:00\",\"endTime\":\"12:00:00\"}"],
        "CallRetryTimes": 2, "CallRetryInterval": 32, "CallRetryReason": ["CALL_REJECTED", "NO_ANSWER"],
        "TaskCps": 75, "MissCallRetry": true
    })
}

fn update() -> Value {
    let mut v = with(
        with(create(), "TaskId", json!("1187000000000000001")),
        "CallRetryInterval",
        json!(25),
    );
    v.as_object_mut().unwrap().remove("AgentId"); // not a parameter of the update
    v
}

#[test]
fn timestamps() {
    assert_eq!(
        Timestamp::parse("2026-11-21T08:00:00Z").unwrap().unix_ms,
        NOW
    );
    assert_eq!(
        Timestamp::parse("2026-11-21T08:00:00.123Z")
            .unwrap()
            .unix_ms,
        NOW + 123
    );
    assert_eq!(
        Timestamp { unix_ms: NOW + 999 }.format(),
        "2026-11-21T08:00:00Z"
    );
    assert!(Timestamp::parse("2026-11-21T08:00:00+08:00").is_none());
    assert!(Timestamp::parse("2026-11-21 08:00:00").is_none());
    assert!(Timestamp::parse("2026-13-21T08:00:00Z").is_none());
}

#[test]
fn unknown_action_and_parameter() {
    let i = validate("CreateAICallTask", &json!({}), Locale::En, clock());
    assert_eq!(
        (i[0].path.as_str(), i[0].code.as_str()),
        ("action", "unknown_action")
    );
    assert!(
        i[0].message.contains("CreateAiCallTask"),
        "{}",
        i[0].message
    );
    only(
        "StartAiCallTask",
        json!({"TaskId": "1", "taskid": "2"}),
        "taskid",
        "unknown_field",
    );
    let i = validate(
        "StartAiCallTask",
        &json!({"TaskId": "1", "taskid": "2"}),
        Locale::En,
        clock(),
    );
    assert!(
        i[0].message.contains("did you mean \"TaskId\""),
        "{}",
        i[0].message
    );
    only("StartAiCallTask", json!("TaskId=1"), "", "invalid_type");
    only("StartAiCallTask", json!(null), "TaskId", "required");
    // null reads as "not given", like the official SDK's unset values
    ok("StartAiCallTask", json!({"TaskId": "1", "OwnerId": null}));
}

#[test]
fn create_and_update_tasks() {
    ok("CreateAiCallTask", create());
    ok("UpdateAiCallTask", update());
    for key in ["TaskName", "StartType", "CallDay", "CallTime"] {
        let mut p = create();
        p.as_object_mut().unwrap().remove(key);
        only("CreateAiCallTask", p, key, "required");
    }
    let mut p = update();
    p.as_object_mut().unwrap().remove("TaskCps");
    only("UpdateAiCallTask", p, "TaskCps", "required");
    only(
        "CreateAiCallTask",
        with(create(), "StartType", json!("LATER")),
        "StartType",
        "invalid_enum",
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallDay", json!(["MONDAY", "FUNDAY"])),
        "CallDay[1]",
        "invalid_enum",
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallDay", json!(["MONDAY", "MONDAY"])),
        "CallDay[1]",
        "duplicate",
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallDay", json!([])),
        "CallDay",
        "too_small",
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallRetryReason", json!(["HUNG_UP"])),
        "CallRetryReason[0]",
        "invalid_enum",
    );
    ok(
        "CreateAiCallTask",
        with(create(), "CallRetryTimes", json!(3)),
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallRetryTimes", json!(4)),
        "CallRetryTimes",
        "too_big",
    );
    ok(
        "CreateAiCallTask",
        with(create(), "CallRetryInterval", json!(720)),
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallRetryInterval", json!(721)),
        "CallRetryInterval",
        "too_big",
    );
    ok(
        "UpdateAiCallTask",
        with(update(), "CallRetryInterval", json!(120)),
    );
    only(
        "UpdateAiCallTask",
        with(update(), "CallRetryInterval", json!(121)),
        "CallRetryInterval",
        "too_big",
    );
    ok("CreateAiCallTask", with(create(), "TaskCps", json!(500)));
    only(
        "CreateAiCallTask",
        with(create(), "TaskCps", json!(501)),
        "TaskCps",
        "too_big",
    );
    only(
        "CreateAiCallTask",
        with(create(), "TaskCps", json!(0)),
        "TaskCps",
        "too_small",
    );
    only(
        "CreateAiCallTask",
        with(create(), "TaskCps", json!(7.5)),
        "TaskCps",
        "invalid_type",
    );
    only(
        "CreateAiCallTask",
        with(create(), "MissCallRetry", json!("yes")),
        "MissCallRetry",
        "invalid_type",
    );
}

#[test]
fn schedule_needs_start_time() {
    let s = with(create(), "StartType", json!("SCHEDULE"));
    only("CreateAiCallTask", s.clone(), "TaskStartTime", "required");
    ok(
        "CreateAiCallTask",
        with(s.clone(), "TaskStartTime", json!(NOW + 3_600_000)),
    );
    ok(
        "CreateAiCallTask",
        with(
            s.clone(),
            "TaskStartTime",
            json!((NOW + 60_000).to_string()),
        ),
    );
    only(
        "CreateAiCallTask",
        with(s.clone(), "TaskStartTime", json!(1748923429000i64)),
        "TaskStartTime",
        "in_past",
    );
    only(
        "CreateAiCallTask",
        with(s, "TaskStartTime", json!(NOW)),
        "TaskStartTime",
        "in_past",
    );
    // Only a scheduled start is checked against the clock.
    ok(
        "CreateAiCallTask",
        with(create(), "TaskStartTime", json!(1)),
    );
    only(
        "UpdateAiCallTask",
        with(update(), "StartType", json!("SCHEDULE")),
        "TaskStartTime",
        "required",
    );
    // An update may resend a start that has passed (the task was scheduled earlier).
    let u = with(update(), "StartType", json!("SCHEDULE"));
    ok(
        "UpdateAiCallTask",
        with(u.clone(), "TaskStartTime", json!(1748923429000i64)),
    );
    // ... but not seconds where milliseconds are meant (a start in 1970).
    // (Said as the limit it is: "in the future" would be wrong for an update.)
    only(
        "UpdateAiCallTask",
        with(u.clone(), "TaskStartTime", json!(1748923429i64)),
        "TaskStartTime",
        "too_small",
    );
    // 2000-01-01T00:00:00Z itself is not before 2000.
    ok(
        "UpdateAiCallTask",
        with(u.clone(), "TaskStartTime", json!(946_684_800_000i64)),
    );
    only(
        "UpdateAiCallTask",
        with(u.clone(), "TaskStartTime", json!(946_684_799_999i64)),
        "TaskStartTime",
        "too_small",
    );
    only(
        "UpdateAiCallTask",
        with(u.clone(), "TaskStartTime", json!(-1)),
        "TaskStartTime",
        "too_small",
    );
    ok(
        "UpdateAiCallTask",
        with(u, "TaskStartTime", json!(NOW + 3_600_000)),
    );
}

#[test]
fn call_time_windows() {
    let obj = json!([{"startTime": "09:00:00", "endTime": "12:00:00"}, {"startTime": "13:00:00", "endTime": "18:30:00"}]);
    ok("CreateAiCallTask", with(create(), "CallTime", obj));
    only(
        "CreateAiCallTask",
        with(
            create(),
            "CallTime",
            json!(["{\"startTime\":\"12:00:00\",\"endTime\":\"09:00:00\"}"]),
        ),
        "CallTime[0].endTime",
        "invalid_range",
    );
    only(
        "CreateAiCallTask",
        with(
            create(),
            "CallTime",
            json!([{"startTime": "09:00:00", "endTime": "09:00:00"}]),
        ),
        "CallTime[0].endTime",
        "invalid_range",
    );
    // A window written as JSON text may repeat a key: the last counts, as serde_json (and
    // so the service's own JSON reader) reads it.
    ok(
        "CreateAiCallTask",
        with(
            create(),
            "CallTime",
            json!([
                "{\"startTime\":\"10:00:00\",\"endTime\":\"09:00:00\",\"startTime\":\"08:00:00\"}"
            ]),
        ),
    );
    only(
        "CreateAiCallTask",
        with(
            create(),
            "CallTime",
            json!(["{\"startTime\":\"08:00:00\",\"endTime\":\"09:00:00\",\"startTime\":\"xx\"}"]),
        ),
        "CallTime[0].startTime",
        "invalid_format",
    );
    only(
        "CreateAiCallTask",
        with(
            create(),
            "CallTime",
            json!([{"startTime": "9:00", "endTime": "12:00:00"}]),
        ),
        "CallTime[0].startTime",
        "invalid_format",
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallTime", json!(["09:00-12:00"])),
        "CallTime[0]",
        "invalid_format",
    );
    only(
        "CreateAiCallTask",
        with(create(), "CallTime", json!([{"startTime": "09:00:00"}])),
        "CallTime[0].endTime",
        "required",
    );
    only(
        "CreateAiCallTask",
        with(
            create(),
            "CallTime",
            json!([{"startTime": "09:00:00", "endTime": "12:00:00", "x": 1}]),
        ),
        "CallTime[0].x",
        "unknown_field",
    );
}

#[test]
fn import_numbers() {
    let base = json!({"TaskId": "119181071278", "DataType": "JSON", "PhoneNumberList": [{"calleeNumber": "13800000000", "outId": "a", "name": "Tom"}]});
    ok("ImportTaskNumberDatas", base.clone());
    let thousand: Vec<Value> = (0..1000)
        .map(|i| json!({"calleeNumber": format!("138{i:08}")}))
        .collect();
    ok(
        "ImportTaskNumberDatas",
        with(
            base.clone(),
            "PhoneNumberList",
            Value::Array(thousand.clone()),
        ),
    );
    let mut more = thousand;
    more.push(json!({"calleeNumber": "1"}));
    only(
        "ImportTaskNumberDatas",
        with(base.clone(), "PhoneNumberList", Value::Array(more)),
        "PhoneNumberList[1000]",
        "too_big",
    );
    only(
        "ImportTaskNumberDatas",
        with(base.clone(), "PhoneNumberList", json!([{"outId": "x"}])),
        "PhoneNumberList[0].calleeNumber",
        "required",
    );
    only(
        "ImportTaskNumberDatas",
        with(
            base.clone(),
            "PhoneNumberList",
            json!([{"calleeNumber": ""}]),
        ),
        "PhoneNumberList[0].calleeNumber",
        "too_small",
    );
    ok(
        "ImportTaskNumberDatas",
        with(
            base.clone(),
            "PhoneNumberList",
            json!([{"calleeNumber": "1", "outId": "x".repeat(128)}]),
        ),
    );
    only(
        "ImportTaskNumberDatas",
        with(
            base.clone(),
            "PhoneNumberList",
            json!([{"calleeNumber": "1", "outId": "x".repeat(129)}]),
        ),
        "PhoneNumberList[0].outId",
        "too_big",
    );
    only(
        "ImportTaskNumberDatas",
        with(base.clone(), "DataType", json!("CSV")),
        "DataType",
        "invalid_enum",
    );
    only(
        "ImportTaskNumberDatas",
        with(base.clone(), "DataType", json!("EXCEL")),
        "DataType",
        "not_supported",
    );
    let mut no_list = base.clone();
    no_list.as_object_mut().unwrap().remove("PhoneNumberList");
    only(
        "ImportTaskNumberDatas",
        no_list,
        "PhoneNumberList",
        "required",
    );
    only(
        "ImportTaskNumberDatas",
        with(base.clone(), "EncryptionType", json!(4)),
        "EncryptionType",
        "invalid_enum",
    );
    ok(
        "ImportTaskNumberDatas",
        with(base, "EncryptionType", json!(3)),
    );
    // ImportOneTaskPhoneNumber: int64 TaskId, OutId ≤ 128, Variables a map
    let one = json!({"TaskId": "1231231212000000001", "PhoneNumber": "18000000000", "Variables": {"变量key1": "变量值1"}});
    ok("ImportOneTaskPhoneNumber", one.clone());
    ok(
        "ImportOneTaskPhoneNumber",
        with(one.clone(), "TaskId", json!(123)),
    );
    only(
        "ImportOneTaskPhoneNumber",
        with(one.clone(), "TaskId", json!("12a")),
        "TaskId",
        "invalid_type",
    );
    only(
        "ImportOneTaskPhoneNumber",
        with(one.clone(), "OutId", json!("x".repeat(129))),
        "OutId",
        "too_big",
    );
    only(
        "ImportOneTaskPhoneNumber",
        with(one, "Variables", json!(["a"])),
        "Variables",
        "invalid_type",
    );
}

#[test]
fn a_day_the_month_does_not_have_is_named_as_such() {
    let p = |d: &str| json!({"CallDate": d, "CallId": "c"});
    let codes = |d: &str| {
        found("GetCallDialogContent", p(d))
            .into_iter()
            .map(|(_, c)| c)
            .collect::<Vec<_>>()
    };
    assert!(
        codes("2026-02-30").contains(&"invalid_date".to_string()),
        "{:?}",
        codes("2026-02-30")
    );
    assert!(codes("2026-13-01").contains(&"invalid_format".to_string()));
    assert!(codes("2026/2/3").contains(&"invalid_format".to_string()));
    assert!(crate::schema::Fmt::DateTime.only_the_day_is_wrong("2024-02-30 10:00:00"));
    assert!(!crate::schema::Fmt::DateTime.only_the_day_is_wrong("2024-02-30 25:00:00"));
    assert!(crate::schema::Fmt::DateTime.only_the_day_is_wrong("2024/2/31 10:00"));
}

#[test]
fn details_and_cancel() {
    let base = json!({"TaskId": "1187", "Status": 0});
    ok("QueryAiCallDetailPage", base.clone());
    only(
        "QueryAiCallDetailPage",
        with(base.clone(), "Status", json!(3)),
        "Status",
        "invalid_enum",
    );
    only(
        "QueryAiCallDetailPage",
        with(base.clone(), "CallResult", json!("HAPPY")),
        "CallResult",
        "invalid_enum",
    );
    ok(
        "QueryAiCallDetailPage",
        with(base.clone(), "CallResult", json!("ANSWERED")),
    );
    let hundred: Vec<i64> = (0..100).collect();
    ok(
        "QueryAiCallDetailPage",
        with(base.clone(), "DetailIds", json!(hundred)),
    );
    let more: Vec<i64> = (0..101).collect();
    only(
        "QueryAiCallDetailPage",
        with(base.clone(), "DetailIds", json!(more)),
        "DetailIds[100]",
        "too_big",
    );
    only(
        "QueryAiCallDetailPage",
        with(base.clone(), "PageNo", json!(0)),
        "PageNo",
        "too_small",
    );
    ok(
        "QueryAiCallDetailPage",
        with(base.clone(), "PageNo", json!(1)),
    );
    only(
        "QueryAiCallDetailPage",
        with(
            with(base.clone(), "MinConversationDuration", json!(5)),
            "MaxConversationDuration",
            json!(2),
        ),
        "MaxConversationDuration",
        "invalid_range",
    );
    only(
        "QueryAiCallDetailPage",
        with(
            with(
                base.clone(),
                "StartCallingTime",
                json!(1_795_161_602_000i64),
            ),
            "EndCallingTime",
            json!(1_795_161_601_000i64),
        ),
        "EndCallingTime",
        "invalid_range",
    );
    // A range of one instant is a range.
    ok(
        "QueryAiCallDetailPage",
        with(
            with(
                base.clone(),
                "StartImportedTime",
                json!(1_795_161_600_000i64),
            ),
            "EndImportedTime",
            json!(1_795_161_600_000i64),
        ),
    );
    // Seconds where milliseconds are meant read as January 1970: refused, the value shown.
    for key in [
        "StartImportedTime",
        "EndImportedTime",
        "StartCallingTime",
        "EndCallingTime",
    ] {
        only(
            "QueryAiCallDetailPage",
            with(base.clone(), key, json!(1_748_948_749)),
            key,
            "too_small",
        );
    }
    assert!(validate(
        "QueryAiCallDetailPage",
        &with(base.clone(), "StartCallingTime", json!(1_748_948_749)),
        Locale::En,
        clock()
    )[0]
    .message
    .contains("1748948749"));
    // Durations are amounts ("less than"), calling times instants ("not before").
    let words = |p: Value| {
        validate("QueryAiCallDetailPage", &p, Locale::En, clock())[0]
            .message
            .clone()
    };
    assert!(words(with(
        with(base.clone(), "MinConversationDuration", json!(60)),
        "MaxConversationDuration",
        json!(30)
    ))
    .contains("must not be less than MinConversationDuration (60)"));
    assert!(words(with(
        with(base, "StartCallingTime", json!(1_795_161_602_000i64)),
        "EndCallingTime",
        json!(1_795_161_601_000i64)
    ))
    .contains("must not be before StartCallingTime"));
    // PhoneNumbers only together with BatchId
    only(
        "CancelAiCallDetails",
        json!({"TaskId": "1", "PhoneNumbers": ["138"]}),
        "BatchId",
        "required",
    );
    ok(
        "CancelAiCallDetails",
        json!({"TaskId": "1", "PhoneNumbers": ["138"], "BatchId": "42"}),
    );
    ok(
        "CancelAiCallDetails",
        json!({"TaskId": "1", "DetailIdList": ["9"]}),
    );
    // An empty or blank BatchId names no batch (and the message shows what was given).
    for empty in ["", "  "] {
        only(
            "CancelAiCallDetails",
            json!({"TaskId": "1", "PhoneNumbers": ["138"], "BatchId": empty}),
            "BatchId",
            "required",
        );
    }
    let p = json!({"TaskId": "1", "PhoneNumbers": ["138"], "BatchId": ""});
    assert_eq!(
        validate("CancelAiCallDetails", &p, Locale::ZhCn, clock())[0].message,
        "传入 PhoneNumbers 时，BatchId 为必填项，收到：\"\"。"
    );
    // An empty list names no number: no batch needed.
    ok(
        "CancelAiCallDetails",
        json!({"TaskId": "1", "PhoneNumbers": []}),
    );
    only(
        "QueryAiCallTaskPage",
        json!({"Status": "DONE"}),
        "Status",
        "invalid_enum",
    );
    ok(
        "QueryAiCallTaskPage",
        json!({"Status": "RUNNING", "PageNo": 1, "PageSize": 20}),
    );
    only(
        "PageQueryAgentList",
        json!({"PageSize": 0}),
        "PageSize",
        "too_small",
    );
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "i", "CurrentPage": 0}),
        "CurrentPage",
        "too_small",
    );
}

#[test]
fn llm_smart_call() {
    let base = json!({"ApplicationCode": "F32", "CalledNumber": "13700000000", "StartWordParam": {"name": "小明"}});
    ok("LlmSmartCall", base.clone());
    ok("LlmSmartCall", with(base.clone(), "TtsSpeed", json!(-200)));
    only(
        "LlmSmartCall",
        with(base.clone(), "TtsSpeed", json!(201)),
        "TtsSpeed",
        "too_big",
    );
    ok("LlmSmartCall", with(base.clone(), "TtsVolume", json!(100)));
    // Optional, but given it is a number (`""` would go out as `CallerNumber=`).
    ok(
        "LlmSmartCall",
        with(base.clone(), "CallerNumber", json!("13200000000")),
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "CallerNumber", json!("")),
        "CallerNumber",
        "too_small",
    );
    // PageQueryAgentList's Status: the seed's eight values.
    for status in [1, 8] {
        ok("PageQueryAgentList", json!({ "Status": status }));
    }
    for status in [0, 9] {
        only(
            "PageQueryAgentList",
            json!({ "Status": status }),
            "Status",
            "invalid_enum",
        );
    }
    only(
        "LlmSmartCall",
        with(base.clone(), "TtsVolume", json!(-1)),
        "TtsVolume",
        "too_small",
    );
    // SessionTimeout: 300 (schema) is the floor, not 600 (text) — see the decision in ops.rs.
    ok(
        "LlmSmartCall",
        with(base.clone(), "SessionTimeout", json!(300)),
    );
    ok(
        "LlmSmartCall",
        with(base.clone(), "SessionTimeout", json!(3600)),
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "SessionTimeout", json!(299)),
        "SessionTimeout",
        "too_small",
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "SessionTimeout", json!(3601)),
        "SessionTimeout",
        "too_big",
    );
    // OutId: maxLength 32 (schema) rather than 15 bytes (text).
    ok(
        "LlmSmartCall",
        with(base.clone(), "OutId", json!("x".repeat(32))),
    );
    ok(
        "LlmSmartCall",
        with(base.clone(), "OutId", json!("x".repeat(16))),
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "OutId", json!("x".repeat(33))),
        "OutId",
        "too_big",
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "OutId", json!("")),
        "OutId",
        "too_small",
    );
    ok(
        "LlmSmartCall",
        with(base.clone(), "Extension", json!("12345")),
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "Extension", json!("123456")),
        "Extension",
        "too_big",
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "Extension", json!("12a")),
        "Extension",
        "invalid_format",
    );
    only(
        "LlmSmartCall",
        with(base.clone(), "PromptParam", json!("style=温柔")),
        "PromptParam",
        "invalid_type",
    );
    only(
        "LlmSmartCall",
        json!({"ApplicationCode": "F32"}),
        "CalledNumber",
        "required",
    );
    ok(
        "HangupOperate",
        json!({"CallId": "1^2", "ImmediateHangup": false}),
    );
    only("HangupOperate", json!({}), "CallId", "required");
    only(
        "LlmSmartCallEncrypt",
        json!({"ApplicationCode": "a", "CallerNumber": "1"}),
        "EncryptCalledNumber",
        "required",
    );
}

#[test]
fn call_date_within_thirty_days() {
    // NOW is 2026-11-21 16:00 in Beijing.
    ok(
        "GetCallDialogContent",
        json!({"CallId": "1^2", "CallDate": "2026-11-21"}),
    );
    ok(
        "GetCallDialogContent",
        json!({"CallId": "1^2", "CallDate": "2026-10-22"}),
    );
    only(
        "GetCallDialogContent",
        json!({"CallId": "1^2", "CallDate": "2026-10-21"}),
        "CallDate",
        "too_old",
    );
    only(
        "GetCallDialogContent",
        json!({"CallId": "1^2", "CallDate": "2026-11-22"}),
        "CallDate",
        "in_future",
    );
    only(
        "GetCallDialogContent",
        json!({"CallId": "1^2", "CallDate": "2026/11/21"}),
        "CallDate",
        "invalid_format",
    );
    // Beijing is already on the 22nd at 17:00 UTC on the 21st.
    let late = Clock {
        now_ms: NOW + 9 * 3600 * 1000,
    };
    assert!(validate(
        "GetCallDialogContent",
        &json!({"CallId": "1", "CallDate": "2026-11-22"}),
        Locale::En,
        late
    )
    .is_empty());
}

#[test]
fn hotline_statistics() {
    ok(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "ccc", "AgentIds": [111, "222"], "TimeLatitudeType": "minute", "ExistAgentGrouping": true}),
    );
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "ccc", "TimeLatitudeType": "day"}),
        "TimeLatitudeType",
        "invalid_enum",
    );
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "ccc", "AgentIds": ["a"]}),
        "AgentIds[0]",
        "invalid_type",
    );
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "ccc", "StartDate": 1_795_161_602_000i64, "EndDate": 1_795_161_601_000i64}),
        "EndDate",
        "invalid_range",
    );
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "ccc", "StartDate": 1_615_083_365, "EndDate": 1_617_761_765_000i64}),
        "StartDate",
        "too_small",
    );
}

#[test]
fn all_issues_at_once_in_both_languages() {
    let p = json!({"TaskName": "", "StartType": "SCHEDULE", "CallDay": ["X"], "CallTime": [], "TaskCps": 900, "Bogus": 1});
    let en = validate("CreateAiCallTask", &p, Locale::En, clock());
    let zh = validate("CreateAiCallTask", &p, Locale::ZhCn, clock());
    assert_eq!(en.len(), 6, "{en:?}");
    assert_eq!(
        en.iter().map(|i| (&i.path, &i.code)).collect::<Vec<_>>(),
        zh.iter().map(|i| (&i.path, &i.code)).collect::<Vec<_>>()
    );
    assert!(
        zh.iter().any(|i| i.message.contains("不能大于 500")),
        "{zh:?}"
    );
}

fn cfg(version: &str, sts: Option<&str>) -> Config {
    Config::new(ConfigInput {
        access_key_id: "testid",
        access_key_secret: "testsecret",
        security_token: sts,
        endpoint: Some("127.0.0.1:18080"),
        protocol: Some("http"),
        signature_version: Some(version),
        locale: Locale::En,
    })
    .unwrap()
}

#[test]
fn build_v3_is_deterministic_and_signed() {
    let ts = Timestamp::parse("2026-11-21T08:00:00Z").unwrap();
    let a = build_request(&cfg("v3", None), "CreateAiCallTask", &create(), "n1", ts).unwrap();
    let b = build_request(&cfg("v3", None), "CreateAiCallTask", &create(), "n1", ts).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.method, "POST");
    assert!(
        a.url.starts_with(
            "http://127.0.0.1:18080/?AgentId=1180000&CallDay=%5B%22MONDAY%22%2C%22FRIDAY%22%5D"
        ),
        "{}",
        a.url
    );
    assert_eq!(a.header("x-acs-action"), Some("CreateAiCallTask"));
    assert_eq!(a.header("x-acs-version"), Some("2019-10-15"));
    assert_eq!(a.header("x-acs-date"), Some("2026-11-21T08:00:00Z"));
    assert_eq!(a.header("x-acs-signature-nonce"), Some("n1"));
    assert_eq!(a.header("x-acs-content-sha256"), Some(sign::EMPTY_SHA256));
    assert!(a.header("host").is_none());
    let auth = a.header("authorization").unwrap();
    assert!(auth.starts_with("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="), "{auth}");
    let c = build_request(&cfg("v3", None), "CreateAiCallTask", &create(), "n2", ts).unwrap();
    assert_ne!(c.header("authorization"), a.header("authorization"));
    assert!(!format!("{a:?}").contains("testsecret"));
}

#[test]
fn build_body_params_and_sts() {
    let ts = Timestamp::parse("2026-11-21T08:00:00Z").unwrap();
    let p = json!({"TaskId": "1", "DataType": "JSON", "PhoneNumberList": [{"calleeNumber": "138 0000", "name": "张三"}]});
    let r = build_request(
        &cfg("v3", Some("demo-sts-token")),
        "ImportTaskNumberDatas",
        &p,
        "n",
        ts,
    )
    .unwrap();
    assert_eq!(r.url, "http://127.0.0.1:18080/?DataType=JSON&TaskId=1");
    let body = r.body.clone().unwrap();
    assert_eq!(body, "PhoneNumberList=%5B%7B%22calleeNumber%22%3A%22138%200000%22%2C%22name%22%3A%22%E5%BC%A0%E4%B8%89%22%7D%5D");
    assert_eq!(
        r.header("x-acs-content-sha256"),
        Some(sign::sha256_hex(body.as_bytes()).as_str())
    );
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(r.header("x-acs-security-token"), Some("demo-sts-token"));
    assert!(r.header("authorization").unwrap().contains(
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;"
    ));
}

#[test]
fn endpoint_is_signed_as_fetch_sends_it() {
    let mk = |endpoint: &str, protocol: &str| {
        Config::new(ConfigInput {
            access_key_id: "id",
            access_key_secret: "s",
            security_token: None,
            endpoint: Some(endpoint),
            protocol: Some(protocol),
            signature_version: None,
            locale: Locale::En,
        })
    };
    assert_eq!(
        mk("AICCS.aliyuncs.com:443", "https").unwrap().endpoint,
        "aiccs.aliyuncs.com"
    );
    assert_eq!(mk("127.0.0.1:80", "http").unwrap().endpoint, "127.0.0.1");
    assert_eq!(
        mk("127.0.0.1:8787", "http").unwrap().endpoint,
        "127.0.0.1:8787"
    );
    assert_eq!(mk("[::1]:8443", "https").unwrap().endpoint, "[::1]:8443");
    for bad in [
        "127.0.0.1:99999",
        "host:0",
        "host:",
        "https://aiccs.aliyuncs.com",
        "a/b",
        "user@host",
        "",
    ] {
        assert!(mk(bad, "https").is_err(), "{bad}");
    }
    // User-info is refused without being shown: the part before `@` may be a password.
    let e = mk("admin:S3cretPassw0rd@aiccs.example.com", "https").unwrap_err();
    assert!(!format!("{e:?}").contains("S3cret"), "{e:?}");
    assert!(e.message.contains("endpoint"), "{}", e.message);
    let e = Config::new(ConfigInput {
        access_key_id: "id 中",
        access_key_secret: "s",
        security_token: Some("tok\n"),
        endpoint: None,
        protocol: None,
        signature_version: None,
        locale: Locale::En,
    })
    .unwrap_err();
    assert_eq!(e.issues.unwrap().len(), 2);
}

#[test]
fn build_v1() {
    let ts = Timestamp::parse("2026-11-21T08:00:00Z").unwrap();
    let r = build_request(
        &cfg("v1", None),
        "HangupOperate",
        &json!({"CallId": "116012854210^102309456789"}),
        "3156853299f313e23d1673dc12e10022",
        ts,
    )
    .unwrap();
    assert!(r.header("authorization").is_none());
    assert!(
        r.url.contains("Action=HangupOperate")
            && r.url.contains("SignatureMethod=HMAC-SHA1")
            && r.url.contains("Timestamp=2026-11-21T08%3A00%3A00Z"),
        "{}",
        r.url
    );
    // Recomputed independently from the published algorithm over the sent parameters.
    let params = [
        ("AccessKeyId", "testid"),
        ("Action", "HangupOperate"),
        ("CallId", "116012854210^102309456789"),
        ("Format", "json"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3156853299f313e23d1673dc12e10022"),
        ("SignatureVersion", "1.0"),
        ("Timestamp", "2026-11-21T08:00:00Z"),
        ("Version", "2019-10-15"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    let sig = sign::sign_v1("POST", &params, "testsecret");
    assert!(
        r.url
            .ends_with(&format!("&Signature={}", crate::http::pct(&sig))),
        "{}",
        r.url
    );
    let g = build_request(
        &cfg("v1", Some("tok")),
        "GetHotlineServiceStatistics",
        &json!({"InstanceId": "i"}),
        "n",
        ts,
    )
    .unwrap();
    assert_eq!(g.method, "GET");
    assert!(g.url.contains("SecurityToken=tok") && g.body.is_none());
}

#[test]
fn build_refuses_bad_input_and_config() {
    let ts = Timestamp::parse("2026-11-21T08:00:00Z").unwrap();
    let e = build_request(&cfg("v3", None), "StartAiCallTask", &json!({}), "", ts).unwrap_err();
    let paths: Vec<_> = e.issues.unwrap().into_iter().map(|i| i.path).collect();
    assert_eq!(paths, ["TaskId", "nonce"]);
    let e = Config::new(ConfigInput {
        access_key_id: "",
        access_key_secret: "",
        security_token: None,
        endpoint: Some("https://aiccs.aliyuncs.com/"),
        protocol: Some("ftp"),
        signature_version: Some("v2"),
        locale: Locale::En,
    })
    .unwrap_err();
    assert_eq!(e.issues.unwrap().len(), 5);
}

#[test]
fn every_seed_response_demo_parses() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/aiccs");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let action = path.file_stem().unwrap().to_str().unwrap().to_string();
        assert!(ops::find(&action).is_some(), "{action}");
        let body = std::fs::read_to_string(&path).unwrap();
        let v = response::parse_response(200, &body, None)
            .unwrap_or_else(|e| panic!("{action}: {e:?}"));
        assert!(v.get("RequestId").is_some(), "{action}");
        n += 1;
    }
    assert_eq!(
        n, 19,
        "GetHotlineServiceStatistics has no demo in the seed (it is cut off)"
    );
}

#[test]
fn the_table_matches_the_wire_spec() {
    // A copy of shared/spec/aiccs-2019-10-15.wire.json (the official SDK's wire facts).
    let wire: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/aiccs-wire.json")).unwrap();
    let wire = &wire["operations"];
    for op in ops::all() {
        let w = &wire[op.name];
        assert_eq!(w["method"], op.http_method, "{}", op.name);
        for wp in w["params"].as_array().unwrap() {
            let name = wp["name"].as_str().unwrap();
            let p = op
                .params
                .iter()
                .find(|p| p.name == name)
                .unwrap_or_else(|| panic!("{}.{name} missing", op.name));
            assert_eq!(
                wp["required"].as_bool().unwrap(),
                p.required,
                "{}.{name} required",
                op.name
            );
            assert_eq!(
                wp["in"] == "body",
                p.loc == ops::Loc::Body,
                "{}.{name} location",
                op.name
            );
            let style = match p.style {
                ops::Style::Json => json!("json"),
                ops::Style::Simple => json!("simple"),
                ops::Style::Flat => json!("repeatList(flat: X.1, X.1.Key)"),
                ops::Style::Plain => Value::Null,
            };
            assert_eq!(wp["style"], style, "{}.{name} style", op.name);
        }
        let extra: Vec<_> = op
            .params
            .iter()
            .filter(|p| {
                !w["params"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["name"] == p.name)
            })
            .map(|p| p.name)
            .collect();
        let allowed: &[&str] = if op.name == "CreateAiCallTask" {
            &["ApplicationName"]
        } else {
            &[]
        };
        assert_eq!(
            extra, allowed,
            "{} has params the SDK does not send",
            op.name
        );
    }
    assert_eq!(ops::DOCUMENTED.len(), 20);
    let names: std::collections::BTreeSet<&str> = ops::all().map(|o| o.name).collect();
    assert_eq!(names.len(), 179, "every operation once");
    assert_eq!(
        names,
        wire.as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect()
    );
}

/// `given` finds a parameter by binary search over the declaration: every operation
/// declares its parameters sorted by name (byte order), each name once.
#[test]
fn parameters_are_declared_sorted_and_unique() {
    for op in crate::aiccs::ops::all() {
        for w in op.params.windows(2) {
            assert!(
                w[0].name < w[1].name,
                "{}: {} before {}",
                op.name,
                w[0].name,
                w[1].name
            );
        }
    }
}

/// A secret changed after `Config::new` signs as a client made with it would, and a
/// prepared v3 key made from another secret is not used.
#[test]
fn a_changed_secret_signs_with_the_new_secret() {
    let ts = Timestamp::parse("2026-11-21T08:00:00Z").unwrap();
    let mut changed = cfg("v3", None);
    changed.access_key_secret = "othersecret".into();
    let made_with = Config::new(ConfigInput {
        access_key_id: "testid",
        access_key_secret: "othersecret",
        security_token: None,
        endpoint: Some("127.0.0.1:18080"),
        protocol: Some("http"),
        signature_version: Some("v3"),
        locale: Locale::En,
    })
    .unwrap();
    let a = build_request(&changed, "CreateAiCallTask", &create(), "n1", ts).unwrap();
    let b = build_request(&made_with, "CreateAiCallTask", &create(), "n1", ts).unwrap();
    let old = build_request(&cfg("v3", None), "CreateAiCallTask", &create(), "n1", ts).unwrap();
    assert_eq!(a.header("authorization"), b.header("authorization"));
    assert_ne!(a.header("authorization"), old.header("authorization"));
    let text = create().to_string();
    let tape = crate::json::tape::Tape::parse(&text).unwrap();
    let stale = sign::V3Key::new("testsecret");
    let keyed = crate::aiccs::build_request_json(
        &changed,
        Some(&stale),
        "CreateAiCallTask",
        tape.root(),
        "n1",
        ts,
    )
    .unwrap();
    assert_eq!(keyed.header("authorization"), b.header("authorization"));
    let fitting = sign::V3Key::new("othersecret");
    let keyed = crate::aiccs::build_request_json(
        &changed,
        Some(&fitting),
        "CreateAiCallTask",
        tape.root(),
        "n1",
        ts,
    )
    .unwrap();
    assert_eq!(keyed.header("authorization"), b.header("authorization"));
}

#[test]
fn a_required_flat_list_is_not_empty() {
    // Nothing of an empty repeatList reaches the wire: the required parameter would be missing.
    only(
        "EditQualityRuleTag",
        json!({"InstanceId": "i", "AnalysisTypes": []}),
        "AnalysisTypes",
        "too_small",
    );
    ok(
        "EditQualityRuleTag",
        json!({"InstanceId": "i", "AnalysisTypes": [{"Id": 1, "Name": "x"}]}),
    );
    // Items that flatten to nothing put nothing on the wire either (named at the first).
    only(
        "EditQualityRuleTag",
        json!({"InstanceId": "i", "AnalysisTypes": [{}]}),
        "AnalysisTypes[0]",
        "too_small",
    );
    only(
        "EditQualityRuleTag",
        json!({"InstanceId": "i", "AnalysisTypes": [{"Id": null, "Name": null}]}),
        "AnalysisTypes[0]",
        "too_small",
    );
    // Another kind is refused as such, once.
    only(
        "EditQualityRuleTag",
        json!({"InstanceId": "i", "AnalysisTypes": {}}),
        "AnalysisTypes",
        "invalid_type",
    );
    only(
        "CreateQualityRule",
        json!({"InstanceId": "i", "MatchType": 1, "Name": "x", "RuleTag": 1, "KeyWords": []}),
        "KeyWords",
        "too_small",
    );
    // An optional one may be empty (it is left out, as the SDK leaves it out).
    ok(
        "CreateAgent",
        json!({"AccountName": "a", "DisplayName": "d", "InstanceId": "i", "SkillGroupIdList": []}),
    );
}

#[test]
fn integers_stay_within_their_declared_width() {
    // int64 (the seed's `format`): a digit string beyond it is refused, its bounds pass.
    only(
        "ImportOneTaskPhoneNumber",
        json!({"TaskId": "99999999999999999999999999", "PhoneNumber": "1"}),
        "TaskId",
        "too_big",
    );
    ok(
        "ImportOneTaskPhoneNumber",
        json!({"TaskId": "9223372036854775807", "PhoneNumber": "1"}),
    );
    only(
        "QueryAiCallDetailPage",
        json!({"TaskId": "1", "Status": 1, "DetailIds": ["12345678901234567890", "9223372036854775807"]}),
        "DetailIds[0]",
        "too_big",
    );
    // int32 pages of GetHotlineServiceStatistics.
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "i", "CurrentPage": "4294967296"}),
        "CurrentPage",
        "too_big",
    );
    only(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "i", "PageSize": 2147483648u64}),
        "PageSize",
        "too_big",
    );
    ok(
        "GetHotlineServiceStatistics",
        json!({"InstanceId": "i", "CurrentPage": 2147483647, "PageSize": "2147483647"}),
    );
    // Beyond int64 on a field with its own limit: that limit is the one named.
    let msg = validate(
        "GetHotlineServiceStatistics",
        &json!({"InstanceId": "i", "CurrentPage": "99999999999999999999"}),
        Locale::En,
        clock(),
    );
    assert!(msg[0].message.contains("2147483647"), "{}", msg[0].message);
}

#[test]
fn a_param_json_drops_is_not_json_when_taken_and_unknown_otherwise() {
    use super::validate::dropped_param;
    let taken = dropped_param("StopAiCallTask", "TaskId", Locale::En);
    assert_eq!(
        (taken.path.as_str(), taken.code.as_str()),
        ("TaskId", "not_supported")
    );
    let typo = dropped_param("StopAiCallTask", "TaskID", Locale::En);
    assert_eq!(
        (typo.path.as_str(), typo.code.as_str()),
        ("TaskID", "unknown_field")
    );
    assert!(typo.message.contains("TaskId"), "{}", typo.message);
    let other = dropped_param("StopAiCallTask", "cb", Locale::En);
    assert_eq!(other.code, "unknown_field");
    // An unknown action: the action's own issue says the rest.
    assert_eq!(
        dropped_param("Nope", "cb", Locale::En).code,
        "not_supported"
    );
}

/// Items of the wrong type that repeat are each a wrong type, not also duplicates; a right
/// item repeated is a duplicate.
#[test]
fn a_wrong_item_repeated_is_not_also_a_duplicate() {
    let days = |v: Value| found("CreateAiCallTask", with(create(), "CallDay", v));
    assert_eq!(
        days(json!([{}, {}])),
        vec![
            ("CallDay[0]".to_string(), "invalid_type".to_string()),
            ("CallDay[1]".to_string(), "invalid_type".to_string())
        ]
    );
    assert_eq!(
        days(json!(["MONDAY", "MONDAY"])),
        vec![("CallDay[1]".to_string(), "duplicate".to_string())]
    );
}

/// A required `repeatList` parameter that would put nothing on the wire: `[]` has too few
/// items; `[{}]` (or `{}`) has an item with no field, and says so where it is.
#[test]
fn a_required_flat_list_of_empty_objects_names_the_empty_item() {
    let with_instance = |v: Value| json!({"InstanceId": "i", "AnalysisTypes": v});
    only(
        "EditQualityRuleTag",
        with_instance(json!([])),
        "AnalysisTypes",
        "too_small",
    );
    only(
        "EditQualityRuleTag",
        with_instance(json!([{}])),
        "AnalysisTypes[0]",
        "too_small",
    );
    ok("EditQualityRuleTag", with_instance(json!([{"Id": 1}])));
    let msg = |locale| {
        validate(
            "EditQualityRuleTag",
            &with_instance(json!([{}, {}])),
            locale,
            clock(),
        )[0]
        .message
        .clone()
    };
    assert_eq!(
        msg(Locale::En),
        "AnalysisTypes[0] has no field to send: give at least one (an empty object puts nothing on the wire)."
    );
    assert!(msg(Locale::ZhCn).starts_with("AnalysisTypes[0] 没有可发送的字段"));
}

#[test]
fn a_required_parameter_given_empty_is_missing() {
    // Declared from the SDK (no length rule of its own): "" would go out as `InstanceId=`.
    let hotline = |instance: &str| {
        json!({"Description": "d", "InstanceId": instance, "EnableInbound": true,
            "EnableInboundEvaluation": true, "EnableOutbound": true,
            "EnableOutboundEvaluation": true, "HotlineNumber": "1", "OutboundAllDepart": true})
    };
    only("AddHotlineNumber", hotline(""), "InstanceId", "too_small");
    only("AddHotlineNumber", hotline("  "), "InstanceId", "too_small");
    ok("AddHotlineNumber", hotline("i-1"));
    // A seed operation too, said once.
    only(
        "StopAiCallTask",
        json!({"TaskId": ""}),
        "TaskId",
        "too_small",
    );
    let said = validate(
        "StopAiCallTask",
        &json!({"TaskId": " "}),
        Locale::En,
        clock(),
    );
    assert_eq!(said[0].message, "TaskId must not be empty.");
}

#[test]
fn an_integer_enum_sent_as_text_takes_its_digits_as_its_integers_do() {
    // What a form's <select> gives: "1". Sent as `Status=1` either way.
    let base = json!({"TaskId": "1187", "Status": "1"});
    ok("QueryAiCallDetailPage", base.clone());
    only(
        "QueryAiCallDetailPage",
        with(base.clone(), "Status", json!("3")),
        "Status",
        "invalid_enum",
    );
    // A number beyond 2^53 is an integer, just not one of these.
    only(
        "QueryAiCallDetailPage",
        with(base.clone(), "Status", json!(9_007_199_254_740_992u64)),
        "Status",
        "invalid_enum",
    );
    // Digits as a number writes them, only: "01" would go out as Status=01.
    for wrong in [
        json!("1.0"),
        json!(" 1"),
        json!("one"),
        json!(true),
        json!("01"),
        json!("-0"),
        json!("+1"),
    ] {
        only(
            "QueryAiCallDetailPage",
            with(base.clone(), "Status", wrong),
            "Status",
            "invalid_type",
        );
    }
    let ts = Timestamp::parse("2026-11-21T08:00:00Z").unwrap();
    let req = build_request(&cfg("v3", None), "QueryAiCallDetailPage", &base, "n1", ts).unwrap();
    assert!(req.url.contains("Status=1"), "{}", req.url);
}

#[test]
fn a_time_in_seconds_where_milliseconds_are_meant_is_said_so() {
    let said = |action: &str, params: Value| {
        validate(action, &params, Locale::En, clock())
            .into_iter()
            .map(|i| (i.code, i.message))
            .collect::<Vec<_>>()
    };
    let seconds = "is a time in milliseconds; this looks like seconds (multiply by 1000)";
    // A new task's start (said "in the past" before), an update's, a query's bound.
    let new_task = with(
        with(create(), "StartType", json!("SCHEDULE")),
        "TaskStartTime",
        json!(1_795_248_000i64),
    );
    let got = said("CreateAiCallTask", new_task);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "too_small");
    assert!(
        got[0]
            .1
            .starts_with(&format!("TaskStartTime {seconds}, received 1795248000")),
        "{got:?}"
    );
    let details = json!({"TaskId": "1", "Status": 0, "StartCallingTime": 1_748_923_429i64});
    let got = said("QueryAiCallDetailPage", details);
    assert!(
        got[0].1.starts_with(&format!("StartCallingTime {seconds}")),
        "{got:?}"
    );
    // Milliseconds before 2000 (1999-12-31, 1998) are no seconds: the plain limit.
    for ms in [946_684_799_999i64, 900_000_000_000] {
        let details = json!({"TaskId": "1", "Status": 0, "StartCallingTime": ms});
        assert_eq!(
            said("QueryAiCallDetailPage", details)[0].1,
            format!("StartCallingTime must be at least 946684800000, received {ms}.")
        );
    }
    // A small number is no time in seconds either: the plain limit, as before.
    let details = json!({"TaskId": "1", "Status": 0, "StartCallingTime": 5});
    assert_eq!(
        said("QueryAiCallDetailPage", details)[0].1,
        "StartCallingTime must be at least 946684800000, received 5."
    );
    // A past start in milliseconds is still "in the past".
    let past = with(
        with(create(), "StartType", json!("SCHEDULE")),
        "TaskStartTime",
        json!(NOW - 1),
    );
    assert_eq!(said("CreateAiCallTask", past)[0].0, "in_past");
}

#[test]
fn a_number_beyond_2_53_over_a_lower_bound_is_too_big_not_a_digit_string() {
    let base = json!({"TaskName": "t", "StartType": "IMMEDIATE", "CallDay": ["MONDAY"],
        "CallTime": [{"startTime": "09:00:00", "endTime": "10:00:00"}]});
    only(
        "CreateAiCallTask",
        with(base.clone(), "TaskCps", json!(1_152_921_504_606_846_976u64)),
        "TaskCps",
        "too_big",
    );
    only(
        "CreateAiCallTask",
        with(base, "TaskCps", json!(-1_152_921_504_606_846_976i64)),
        "TaskCps",
        "too_small",
    );
    // With no bound of its own, a big id is still told to go as a string.
    let said = validate(
        "AttachTask",
        &json!({"TaskId": 1_152_921_504_606_846_976u64}),
        Locale::En,
        clock(),
    );
    let task_id: Vec<_> = said.iter().filter(|i| i.path == "TaskId").collect();
    assert_eq!(task_id.len(), 1, "{said:?}");
    assert_eq!(task_id[0].code, "invalid_type");
    assert!(task_id[0].message.contains("digit string"), "{said:?}");
}
