//! The twenty documented aiccs operations, as one table.
//!
//! Wire facts (method, query vs form body, `json`/`simple` style, requiredness) are the
//! official SDK's, from `shared/spec/aiccs-2019-10-15.wire.json`; limits and value sets are
//! the seed metadata's (`001_…`). Each parameter's `Ty` is the single source of its
//! validator and of its TypeScript type. Rules that relate parameters are in `rules.rs`,
//! named by the operation's `rule`.

use super::{responses, rules};
use crate::issue::LenUnit;
use crate::schema::{doc, f, req, Doc, Fmt, List, Ty};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loc {
    Query,
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A scalar, written as text.
    Plain,
    /// The whole value as one compact JSON string (non-ASCII kept).
    Json,
    /// List items joined by commas.
    Simple,
    /// The SDK's `repeatList`: one wire parameter per item and per object key,
    /// `Name.1=…&Name.2=…`, `Name.1.Key=…` (see encode.rs).
    Flat,
}

#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    /// By reference: a `Ty` is 40 bytes and there are 1,200 parameters (keeps the wasm small).
    pub ty: &'static Ty,
    pub loc: Loc,
    pub style: Style,
    pub required: bool,
    pub doc: Doc,
}

#[derive(Debug)]
pub struct Op {
    pub name: &'static str,
    pub http_method: &'static str,
    pub summary: Doc,
    /// Safe to send again after a timeout, a 5xx or a network error: the operation only
    /// reads. Declared per operation, never guessed from the name at run time. Writes are
    /// retried only after a throttling rejection (the request was refused before it ran).
    pub idempotent: bool,
    /// How the operation pages, for `paginate`.
    pub paging: Option<&'static Paging>,
    /// The TypeScript shape of the answer (in `responses.rs`).
    pub response: Doc,
    /// The rule relating several parameters, if any (in `rules.rs`).
    pub rule: Option<Rule>,
    /// What `rule` checks, in one line (README).
    pub rules: Doc,
    pub params: &'static [Param],
}

/// A check across parameters, run after the per-parameter ones.
pub type Rule = fn(&mut crate::schema::Ctx, crate::json::tape::Node, super::validate::Clock);

/// The page parameters of a paged read and where its answer keeps items and totals.
#[derive(Debug)]
pub struct Paging {
    /// The page number parameter (`PageNo`, `CurrentPage`), counted from 1.
    pub page: &'static str,
    pub size: &'static str,
    /// The answer's key holding the page (`Data`), or "" when the fields sit at the top.
    pub data: &'static str,
    /// Under `data`: the items, the total count, the page it says it is.
    pub items: &'static str,
    pub total: &'static str,
    pub current: &'static str,
}

pub const PAGE_NO: Paging = Paging {
    page: "PageNo",
    size: "PageSize",
    data: "Data",
    items: "List",
    total: "Total",
    current: "PageNo",
};
pub const CURRENT_PAGE: Paging = Paging {
    page: "CurrentPage",
    size: "PageSize",
    data: "Data",
    items: "Rows",
    total: "TotalNum",
    current: "PageNum",
};

pub(super) const fn p(name: &'static str, ty: &'static Ty, text: &'static str) -> Param {
    Param {
        name,
        ty,
        loc: Loc::Query,
        style: Style::Plain,
        required: false,
        doc: doc(text),
    }
}
pub(super) const fn pr(name: &'static str, ty: &'static Ty, doc: &'static str) -> Param {
    Param {
        required: true,
        ..p(name, ty, doc)
    }
}
pub(super) const fn json(name: &'static str, ty: &'static Ty, doc: &'static str) -> Param {
    Param {
        style: Style::Json,
        ..p(name, ty, doc)
    }
}
pub(super) const fn simple(name: &'static str, ty: &'static Ty, doc: &'static str) -> Param {
    Param {
        style: Style::Simple,
        ..p(name, ty, doc)
    }
}
pub(super) const fn required(mut x: Param) -> Param {
    x.required = true;
    x
}
pub(super) const fn in_body(mut x: Param) -> Param {
    x.loc = Loc::Body;
    x
}
pub(super) const fn flat(name: &'static str, ty: &'static Ty, doc: &'static str) -> Param {
    Param {
        style: Style::Flat,
        ..p(name, ty, doc)
    }
}

// ---- value types ------------------------------------------------------------------------

pub(super) const STR: Ty = Ty::Str {
    min: 0,
    max: None,
    unit: LenUnit::Chars,
};
const NON_EMPTY: Ty = Ty::Str {
    min: 1,
    max: None,
    unit: LenUnit::Chars,
};
/// int64 on the wire: a JS number up to 2^53, or a digit string beyond.
pub(super) const I64: Ty = Ty::Int {
    min: None,
    max: None,
    strings: true,
};
const TIMESTAMP_MS: Ty = Ty::Int {
    min: Some(0),
    max: None,
    strings: true,
};
/// A query's time bound, in milliseconds (001: "时间戳,单位:ms"). Not before 2000: the
/// usual slip is seconds (`1748948749`), which would read as January 1970 and match
/// nothing (decision: the seed gives no lower bound; TaskStartTime has the same one).
const SINCE_2000_MS: Ty = Ty::Int {
    min: Some(crate::schema::YEAR_2000_MS),
    max: None,
    strings: true,
};
pub(super) const PAGE: Ty = Ty::Int {
    min: Some(1),
    max: None,
    strings: true,
};
/// A page number or size the seed declares `int32` (GetHotlineServiceStatistics).
const PAGE32: Ty = Ty::Int {
    min: Some(1),
    max: Some(i32::MAX as i64),
    strings: true,
};
pub(super) const BOOL: Ty = Ty::Bool;
pub(super) const MAP: Ty = Ty::Map;
/// A float on the wire (a JS number, or a decimal string sent as given).
pub(super) const FLOAT: Ty = Ty::Number { min: None };

const ENCRYPTION_TYPE: Ty = Ty::IntEnum(&[
    (0, doc("plain")),
    (1, doc("MD5")),
    (2, doc("SHA256")),
    (3, doc("SM3")),
]);
const START_TYPE: Ty = Ty::StrEnum(&["IMMEDIATE", "SCHEDULE"]);
const WEEKDAYS: Ty = Ty::StrEnum(&[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
]);
const RETRY_REASONS: Ty = Ty::StrEnum(&[
    "CALL_REJECTED",
    "USER_BUSY",
    "SUSPEND",
    "INVALID_NUMBER",
    "POWERED_OFF",
    "NETWORK_BUSY",
    "NO_ANSWER",
]);
const CALL_RESULTS: Ty = Ty::StrEnum(&[
    "CALL_FORWARDING",
    "INCOMING_CALL_BARRED",
    "CALL_REJECTED",
    "ANSWERED",
    "USER_BUSY",
    "POWERED_OFF",
    "NO_USER_RESPONSE",
    "OPERATOR_BLOCK",
    "OTHERS",
    "SUSPEND",
    "CANCEL",
    "INVALID_NUMBER",
    "UNAVAILABLE",
    "NETWORK_BUSY",
    "NO_ANSWER",
]);
const AGENT_STATUS: Ty = Ty::IntEnum(&[
    (1, doc("online")),
    (2, doc("offline")),
    (3, doc("in review")),
    (4, doc("review failed")),
    (5, doc("building")),
    (6, doc("debugging")),
    (7, doc("ready to go online")),
    (8, doc("build failed")),
]);
const DETAIL_STATUS: Ty = Ty::IntEnum(&[(0, doc("pending")), (1, doc("done")), (2, doc("failed"))]);
const TASK_STATUS: Ty = Ty::StrEnum(&["INIT", "FAILED", "RUNNING", "STOPPED"]);
/// The API takes JSON only (EXCEL needs an OSS upload the API does not support yet);
/// EXCEL is a known value, refused by a rule with that reason.
const DATA_TYPE: Ty = Ty::StrEnum(&["JSON", "EXCEL"]);
const TIME_LATITUDE: Ty = Ty::StrEnum(&["minute", "hour"]);

/// At most 3 retries (seed: "最大不能超过3次").
pub const MAX_RETRY_TIMES: i64 = 3;
/// Retry interval in minutes: at most 720 when creating, 120 when updating (the seed
/// documents the two operations differently; each gets its own limit).
pub const MAX_RETRY_INTERVAL_CREATE: i64 = 720;
pub const MAX_RETRY_INTERVAL_UPDATE: i64 = 120;
pub const MAX_TASK_CPS: i64 = 500;
pub const MAX_PHONE_NUMBERS: usize = 1000;
pub const MAX_DETAIL_IDS: usize = 100;

/// One calling window. The wire type is a JSON *string* per item
/// (`"{\"startTime\":\"09:00:00\",\"endTime\":\"10:00:00\"}"`, as the official SDK sends);
/// an object is accepted too and sent as that string.
pub const CALL_TIME_WINDOW: Ty = Ty::Obj(&[
    req("startTime", &Ty::Format(Fmt::HourMinuteSecond), "HH:MM:SS"),
    req(
        "endTime",
        &Ty::Format(Fmt::HourMinuteSecond),
        "HH:MM:SS, after startTime",
    ),
]);
const CALL_TIME: Ty = Ty::List(&List {
    item: Ty::Either(&Ty::JsonText(&CALL_TIME_WINDOW), &CALL_TIME_WINDOW),
    min: 1,
    max: None,
    unique: false,
});
const CALL_DAYS: Ty = Ty::List(&List {
    item: WEEKDAYS,
    min: 1,
    max: None,
    unique: true,
});
const RETRY_REASON_LIST: Ty = Ty::List(&List {
    item: RETRY_REASONS,
    min: 0,
    max: None,
    unique: true,
});
pub(super) const STR_LIST: Ty = Ty::List(&List {
    item: STR,
    min: 0,
    max: None,
    unique: false,
});
pub(super) const ID_LIST: Ty = Ty::List(&List {
    item: I64,
    min: 0,
    max: None,
    unique: false,
});

/// One number to call: `calleeNumber` (required), `outId` (≤ 128), and any call
/// variables as further keys.
const PHONE_NUMBER: Ty = Ty::OpenObj(&[
    req("calleeNumber", &NON_EMPTY, "Number to call."),
    f(
        "outId",
        &Ty::Str {
            min: 0,
            max: Some(128),
            unit: LenUnit::Chars,
        },
        "Your own id, returned in receipts; at most 128 characters.",
    ),
]);

// Parameters the official SDK accepts on (almost) every operation.
const OWNER_ID: Param = p("OwnerId", &I64, "");
const RO_ACCOUNT: Param = p("ResourceOwnerAccount", &STR, "");
const RO_ID: Param = p("ResourceOwnerId", &I64, "");

// Task settings that CreateAiCallTask and UpdateAiCallTask share, declared once.
const CALL_DAY: Param = required(json("CallDay", &CALL_DAYS, "Weekdays to call on."));
const CALL_EXPIRE_DATE: Param = p("CallExpireDate", &STR, "");
const CALL_EXPIRE_MINUTES: Param = p("CallExpireMinutes", &I64, "");
const CALL_EXPIRE_TYPE: Param = p("CallExpireType", &I64, "");
const CALL_RETRY_REASON: Param = json(
    "CallRetryReason",
    &RETRY_REASON_LIST,
    "Outcomes that trigger a retry.",
);
const CALL_RETRY_TIMES: Param = p(
    "CallRetryTimes",
    &Ty::Int {
        min: Some(0),
        max: Some(MAX_RETRY_TIMES),
        strings: true,
    },
    "Retries, at most 3.",
);
const CALL_TIME_P: Param = required(json(
    "CallTime",
    &CALL_TIME,
    "Calling windows {startTime, endTime} (HH:MM:SS).",
));
const CALLABLE_TIME: Param = json("CallableTime", &STR_LIST, "");
const LINE_ENCODING: Param = p("LineEncoding", &STR, "");
const LINE_PHONE_NUM: Param = p("LinePhoneNum", &STR, "");
const PHONE_TYPE: Param = p("PhoneType", &I64, "");
const SOURCE: Param = p("Source", &I64, "");
const START_TYPE_P: Param = pr(
    "StartType",
    &START_TYPE,
    "IMMEDIATE or SCHEDULE (then TaskStartTime is required).",
);
// The seed states 500 for CreateAiCallTask ("任务并发,最大不超过500") and nothing for the
// update's TaskCps. Decision: the same setting of the same task, the same limit on both.
const TASK_CPS: Param = p(
    "TaskCps",
    &Ty::Int {
        min: Some(1),
        max: Some(MAX_TASK_CPS),
        strings: true,
    },
    "Concurrency, at most 500.",
);
const TASK_NAME: Param = pr("TaskName", &NON_EMPTY, "Task name, unique per account.");
const TASK_START_TIME: Param = p(
    "TaskStartTime",
    &TIMESTAMP_MS,
    "Scheduled start (ms); required when StartType is SCHEDULE.",
);
const VIRTUAL_NUMBER: Param = p("VirtualNumber", &STR, "Calling service instance.");

macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($x),*] };
}

/// The twenty operations the seed documents, with every constraint it states.
pub const DOCUMENTED: &[Op] = &[
    Op {
        name: "QueryConversationDetailInfoNew",
        http_method: "POST",
        response: doc(responses::QUERY_CONVERSATION_DETAIL_INFO_NEW),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: None,
        summary: doc("Task detail and call detail of a call-task record."),
        params: params![
            p("CallId", &STR, "Call id."),
            p("DetailId", &STR, "Task detail id."),
            p("OutId", &STR, "Your business id."),
            OWNER_ID, RO_ACCOUNT, RO_ID,
            pr("TaskId", &NON_EMPTY, "Task id."),
        ],
    },
    Op {
        name: "ImportOneTaskPhoneNumber",
        http_method: "POST",
        response: doc(responses::IMPORT_ONE_TASK_PHONE_NUMBER),
        rule: None,
        rules: doc(""),
        idempotent: false,
        paging: None,
        summary: doc("Import one number into a task."),
        params: params![
            p("EncryptionType", &ENCRYPTION_TYPE, "0 plain, 1 MD5, 2 SHA256, 3 SM3."),
            p("Extension", &STR, "Extension data."),
            p("OutId", &Ty::Str { min: 0, max: Some(128), unit: LenUnit::Chars }, "Your id for the record, at most 128 characters."),
            OWNER_ID,
            pr("PhoneNumber", &NON_EMPTY, "Number to call."),
            RO_ACCOUNT, RO_ID,
            // The seed and the SDK type this TaskId as int64 (the others are strings).
            pr("TaskId", &I64, "Task id (int64: pass a string above 2^53)."),
            json("Variables", &MAP, "Call variables, key → value."),
        ],
    },
    Op {
        name: "QueryAiVoiceAgentDetail",
        http_method: "POST",
        response: doc(responses::QUERY_AI_VOICE_AGENT_DETAIL),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: None,
        summary: doc("Details of a voice agent."),
        params: params![p("AgentId", &STR, "Agent id."), OWNER_ID, RO_ACCOUNT, RO_ID],
    },
    Op {
        name: "PageQueryAgentList",
        http_method: "POST",
        response: doc(responses::PAGE_QUERY_AGENT_LIST),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: Some(&PAGE_NO),
        summary: doc("Page through voice agents."),
        params: params![
            p("AgentId", &STR, "Agent id."),
            p("AgentName", &STR, "Agent name."),
            OWNER_ID,
            p("PageNo", &PAGE, "Page, from 1."),
            p("PageSize", &PAGE, "Page size, default 10."),
            RO_ACCOUNT, RO_ID,
            // The seed's `enumValueTitles`: 1 已上线 … 8 构建失败.
            p("Status", &AGENT_STATUS, "Agent status: 1 online, 2 offline, 3 in review, 4 review failed, 5 building, 6 debugging, 7 ready to go online, 8 build failed."),
        ],
    },
    Op {
        name: "QueryConversationDetailInfo",
        http_method: "POST",
        response: doc(responses::QUERY_CONVERSATION_DETAIL_INFO),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: None,
        summary: doc("Call detail of a task record."),
        params: params![
            pr("BatchId", &NON_EMPTY, "Import batch id."),
            pr("DetailId", &NON_EMPTY, "Task detail id."),
            OWNER_ID, RO_ACCOUNT, RO_ID,
            pr("TaskId", &NON_EMPTY, "Task id."),
        ],
    },
    Op {
        name: "QueryAiCallDetailPage",
        http_method: "POST",
        response: doc(responses::QUERY_AI_CALL_DETAIL_PAGE),
        rule: Some(rules::detail_page),
        rules: doc("Min ≤ max durations; time ranges in order."),
        idempotent: true,
        paging: Some(&PAGE_NO),
        summary: doc("Page through the details (numbers) of a task."),
        params: params![
            p("BatchId", &STR, "Batch id."),
            p("CallResult", &CALL_RESULTS, "Call outcome."),
            p("CalledNumber", &STR, "Called number."),
            json("DetailIds", &Ty::List(&List { item: I64, min: 0, max: Some(MAX_DETAIL_IDS), unique: false }), "At most 100 detail ids."),
            p("EncryptionType", &ENCRYPTION_TYPE, "0 plain, 1 MD5, 2 SHA256, 3 SM3."),
            p("EndCallingTime", &SINCE_2000_MS, "Calls until (ms)."),
            p("EndImportedTime", &SINCE_2000_MS, "Imported until (ms)."),
            p("MajorIntent", &STR, "Main intent."),
            p("MaxConversationDuration", &Ty::Int { min: Some(0), max: None, strings: true }, "Longest call, minutes."),
            p("MinConversationDuration", &Ty::Int { min: Some(0), max: None, strings: true }, "Shortest call, minutes."),
            p("OutId", &STR, "Your id."),
            OWNER_ID,
            p("PageNo", &PAGE, "Page, from 1."),
            p("PageSize", &PAGE, "Page size, default 10."),
            RO_ACCOUNT, RO_ID,
            p("StartCallingTime", &SINCE_2000_MS, "Calls from (ms)."),
            p("StartImportedTime", &SINCE_2000_MS, "Imported from (ms)."),
            pr("Status", &DETAIL_STATUS, "0 pending, 1 done, 2 failed."),
            pr("TaskId", &NON_EMPTY, "Task id."),
        ],
    },
    Op {
        name: "StopAiCallTask",
        http_method: "POST",
        response: doc(responses::STOP_AI_CALL_TASK),
        rule: None,
        rules: doc(""),
        idempotent: false,
        paging: None,
        summary: doc("Stop a call task."),
        params: params![OWNER_ID, RO_ACCOUNT, RO_ID, pr("TaskId", &NON_EMPTY, "Task id.")],
    },
    Op {
        name: "CancelAiCallDetails",
        http_method: "POST",
        response: doc(responses::CANCEL_AI_CALL_DETAILS),
        rule: Some(rules::cancel_details),
        rules: doc("PhoneNumbers only with BatchId."),
        idempotent: false,
        paging: None,
        summary: doc("Cancel numbers of a task that are not queued or calling yet."),
        params: params![
            p("BatchId", &STR, "Batch id (ignored when DetailIdList is given)."),
            json("DetailIdList", &STR_LIST, "Detail ids; when given, BatchId and PhoneNumbers are ignored."),
            p("EncryptionType", &ENCRYPTION_TYPE, "0 plain, 1 MD5, 2 SHA256, 3 SM3."),
            OWNER_ID,
            json("PhoneNumbers", &STR_LIST, "Numbers to cancel; requires BatchId."),
            RO_ACCOUNT, RO_ID,
            pr("TaskId", &NON_EMPTY, "Task id."),
        ],
    },
    Op {
        name: "StartAiCallTask",
        http_method: "POST",
        response: doc(responses::START_AI_CALL_TASK),
        rule: None,
        rules: doc(""),
        idempotent: false,
        paging: None,
        summary: doc("Start a call task."),
        params: params![OWNER_ID, RO_ACCOUNT, RO_ID, pr("TaskId", &NON_EMPTY, "Task id.")],
    },
    Op {
        name: "UpdateAiCallTask",
        http_method: "POST",
        response: doc(responses::UPDATE_AI_CALL_TASK),
        rule: Some(rules::task_settings),
        rules: doc("TaskStartTime required when StartType is SCHEDULE (it may have passed, but not be before 2000: seconds for milliseconds); each CallTime window (object or JSON text) starts before it ends."),
        idempotent: false,
        paging: None,
        summary: doc("Update a call task's settings."),
        params: params![
            CALL_DAY, CALL_EXPIRE_DATE, CALL_EXPIRE_MINUTES, CALL_EXPIRE_TYPE,
            p("CallRetryInterval", &Ty::Int { min: Some(0), max: Some(MAX_RETRY_INTERVAL_UPDATE), strings: true }, "Minutes between retries, at most 120."),
            CALL_RETRY_REASON, CALL_RETRY_TIMES, CALL_TIME_P, CALLABLE_TIME, LINE_ENCODING, LINE_PHONE_NUM,
            p("MissCallRetry", &BOOL, "Retry failed calls."),
            OWNER_ID, PHONE_TYPE, RO_ACCOUNT, RO_ID, SOURCE, START_TYPE_P,
            required(TASK_CPS),
            pr("TaskId", &NON_EMPTY, "Task to update."),
            TASK_NAME, TASK_START_TIME, VIRTUAL_NUMBER,
        ],
    },
    Op {
        name: "QueryAiCallTaskPage",
        http_method: "POST",
        response: doc(responses::QUERY_AI_CALL_TASK_PAGE),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: Some(&PAGE_NO),
        summary: doc("Page through call tasks."),
        params: params![
            p("AgentName", &STR, "Agent name (fuzzy)."),
            p("ApplicationCode", &STR, ""),
            OWNER_ID,
            p("PageNo", &PAGE, "Page, from 1."),
            p("PageSize", &PAGE, "Page size, default 10."),
            RO_ACCOUNT, RO_ID,
            p("Source", &I64, ""),
            p("Status", &TASK_STATUS, "INIT, FAILED, RUNNING or STOPPED."),
            p("TaskId", &STR, "Task id."),
            p("TaskName", &STR, "Task name (fuzzy)."),
        ],
    },
    Op {
        name: "QueryAiCallTaskDetail",
        http_method: "POST",
        response: doc(responses::QUERY_AI_CALL_TASK_DETAIL),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: None,
        summary: doc("A call task's settings."),
        params: params![OWNER_ID, RO_ACCOUNT, RO_ID, pr("TaskId", &NON_EMPTY, "Task id.")],
    },
    Op {
        name: "ImportTaskNumberDatas",
        http_method: "POST",
        response: doc(responses::IMPORT_TASK_NUMBER_DATAS),
        rule: Some(rules::import_numbers),
        rules: doc("DataType JSON needs PhoneNumberList (sent in the form body: no 414); EXCEL refused, the API does not support it yet."),
        idempotent: false,
        paging: None,
        summary: doc("Import numbers into a task (JSON list, up to 1000 per call)."),
        params: params![
            pr("DataType", &DATA_TYPE, "JSON (EXCEL is not supported through the API)."),
            p("EncryptionType", &ENCRYPTION_TYPE, "0 plain, 1 MD5, 2 SHA256, 3 SM3."),
            p("OssFileName", &STR, "OSS file path (unused while only JSON is supported)."),
            OWNER_ID,
            // In the form body, not the URL: 1000 entries in a query string get 414.
            in_body(json(
                "PhoneNumberList",
                &Ty::List(&List { item: PHONE_NUMBER, min: 1, max: Some(MAX_PHONE_NUMBERS), unique: false }),
                "1 to 1000 numbers {calleeNumber, outId?, ...variables}.",
            )),
            RO_ACCOUNT, RO_ID,
            pr("TaskId", &NON_EMPTY, "Task id."),
        ],
    },
    Op {
        name: "CreateAiCallTask",
        http_method: "POST",
        response: doc(responses::CREATE_AI_CALL_TASK),
        rule: Some(rules::new_task_settings),
        rules: doc("TaskStartTime required and in the future when StartType is SCHEDULE; each CallTime window (object or JSON text) starts before it ends."),
        idempotent: false,
        paging: None,
        summary: doc("Create a call task."),
        params: params![
            p("AgentId", &STR, "Id of an online agent."),
            p("ApplicationCode", &STR, ""),
            // In the seed metadata but not in the official SDK 5.4.3 (so the differential
            // test cannot cover it). Decision: accept it and send it in the query like its
            // neighbours, rather than reject a documented parameter.
            p("ApplicationName", &STR, ""),
            CALL_DAY, CALL_EXPIRE_DATE, CALL_EXPIRE_MINUTES, CALL_EXPIRE_TYPE,
            p("CallRetryInterval", &Ty::Int { min: Some(0), max: Some(MAX_RETRY_INTERVAL_CREATE), strings: true }, "Minutes between retries, at most 720."),
            CALL_RETRY_REASON, CALL_RETRY_TIMES, CALL_TIME_P, CALLABLE_TIME, LINE_ENCODING, LINE_PHONE_NUM,
            p("MissCallRetry", &BOOL, "Retry failed calls (default false)."),
            OWNER_ID, PHONE_TYPE, RO_ACCOUNT, RO_ID, SOURCE, START_TYPE_P, TASK_CPS, TASK_NAME, TASK_START_TIME, VIRTUAL_NUMBER,
        ],
    },
    Op {
        name: "LlmSmartCall",
        http_method: "POST",
        response: doc(responses::LLM_SMART_CALL),
        rule: None,
        rules: doc(""),
        idempotent: false,
        paging: None,
        summary: doc("Place one LLM-driven call."),
        params: params![
            pr("ApplicationCode", &NON_EMPTY, "LLM application code."),
            json("BizParam", &MAP, "Passed to your model."),
            pr("CalledNumber", &NON_EMPTY, "Number to call."),
            // The text calls it mandatory ("主叫号码,为必填参数"), the schema and the wire spec
            // say `required: false`. Decision: optional, as the SDK sends it (an application
            // may carry its own calling number); the server refuses a call that needs one.
            // Given, it is a number: `""` would go out as `CallerNumber=`.
            p("CallerNumber", &NON_EMPTY, "Calling number (mainland China)."),
            p("CustomerLineCode", &STR, "Your own line's code, if enabled."),
            // "不超过5位": at most five digits, and only for AXN extension mode.
            p("Extension", &Ty::Digits { max: 5 }, "Extension of the X number, at most 5 digits."),
            // The text says "1–15 bytes", the schema says maxLength 32. Decision: the
            // schema's 32 characters is what the gateway enforces; 16..32 is accepted.
            p("OutId", &Ty::Str { min: 1, max: Some(32), unit: LenUnit::Chars }, "Your id, returned in receipts; 1 to 32 characters."),
            json("PromptParam", &MAP, "Prompt variables."),
            // The schema says minimum 300, the text 600. Decision: 300 (the schema is what
            // the gateway validates); the TS doc mentions 600 as the documented floor.
            p("SessionTimeout", &Ty::Int { min: Some(300), max: Some(3600), strings: true }, "Maximum call length, seconds: 300..3600 (the text says at least 600)."),
            json("StartWordParam", &MAP, "Opening-line variables."),
            p("TtsSpeed", &Ty::Int { min: Some(-200), max: Some(200), strings: true }, "-200..200."),
            p("TtsVoiceCode", &STR, "Voice code (see ListAvailableTts)."),
            p("TtsVolume", &Ty::Int { min: Some(0), max: Some(100), strings: true }, "0..100."),
        ],
    },
    Op {
        name: "LlmSmartCallEncrypt",
        http_method: "POST",
        response: doc(responses::LLM_SMART_CALL_ENCRYPT),
        rule: None,
        rules: doc(""),
        idempotent: false,
        paging: None,
        summary: doc("Place one LLM-driven call to an encrypted number."),
        params: params![
            pr("ApplicationCode", &NON_EMPTY, "LLM application code."),
            pr("CallerNumber", &NON_EMPTY, "Calling number."),
            pr("EncryptCalledNumber", &NON_EMPTY, "Encrypted number to call."),
            p("OutId", &STR, "Your id."),
            OWNER_ID,
            json("PromptParam", &MAP, "Prompt variables."),
            RO_ACCOUNT, RO_ID,
            json("StartWordParam", &MAP, "Opening-line variables."),
        ],
    },
    Op {
        name: "HangupOperate",
        http_method: "POST",
        response: doc(responses::HANGUP_OPERATE),
        rule: None,
        rules: doc(""),
        idempotent: false,
        paging: None,
        summary: doc("Hang up an LLM call."),
        params: params![pr("CallId", &NON_EMPTY, "CallId from LlmSmartCall."), p("ImmediateHangup", &BOOL, "true (default): now; false: after the current sentence.")],
    },
    Op {
        name: "ListAvailableTts",
        http_method: "POST",
        response: doc(responses::LIST_AVAILABLE_TTS),
        rule: None,
        rules: doc(""),
        idempotent: true,
        paging: None,
        summary: doc("Voices available for LLM calls."),
        params: params![OWNER_ID, RO_ACCOUNT, RO_ID, p("TtsVoiceCode", &STR, "A cloned voice's code."), p("VoiceType", &STR, "")],
    },
    Op {
        name: "GetCallDialogContent",
        http_method: "POST",
        response: doc(responses::GET_CALL_DIALOG_CONTENT),
        rule: Some(rules::dialog_date),
        rules: doc("CallDate within the last 30 days of the Beijing calendar, not in the future."),
        idempotent: true,
        paging: None,
        summary: doc("The dialog of a finished call (last 30 days)."),
        params: params![
            pr("CallDate", &Ty::Format(Fmt::Date), "yyyy-MM-dd, within the last 30 days."),
            pr("CallId", &NON_EMPTY, "CallId from LlmSmartCall."),
            OWNER_ID, RO_ACCOUNT, RO_ID,
        ],
    },
    Op {
        name: "GetHotlineServiceStatistics",
        http_method: "GET",
        response: doc(responses::GET_HOTLINE_SERVICE_STATISTICS),
        rule: Some(rules::hotline_statistics),
        rules: doc("StartDate ≤ EndDate; id lists sent comma-joined."),
        idempotent: true,
        paging: Some(&CURRENT_PAGE),
        summary: doc("Hotline service statistics, optionally grouped."),
        params: params![
            simple("AgentIds", &ID_LIST, "Agent ids."),
            p("CurrentPage", &PAGE32, "Page, from 1."),
            simple("DepIds", &ID_LIST, "Department ids."),
            p("EndDate", &SINCE_2000_MS, "Until (ms)."),
            p("ExistAgentGrouping", &BOOL, "Group by agent."),
            p("ExistDepartmentGrouping", &BOOL, "Group by department."),
            p("ExistSkillGroupGrouping", &BOOL, "Group by skill group."),
            simple("GroupIds", &ID_LIST, "Skill group ids."),
            pr("InstanceId", &NON_EMPTY, "AICCS instance id."),
            p("PageSize", &PAGE32, "Page size."),
            p("StartDate", &SINCE_2000_MS, "From (ms)."),
            p("TimeLatitudeType", &TIME_LATITUDE, "minute or hour."),
        ],
    },
];

/// Every operation of 2019-10-15: the documented twenty first, then the others as the
/// official SDK declares them (`generated.rs`).
pub fn all() -> impl Iterator<Item = &'static Op> + Clone {
    DOCUMENTED.iter().chain(super::generated::GENERATED)
}

impl Op {
    /// The client method (`createAiCallTask`): the action with a lower-case first letter
    /// (derived, so the wasm carries no second copy of every name).
    pub fn method_name(&self) -> String {
        let mut chars = self.name.chars();
        chars
            .next()
            .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
            .unwrap_or_default()
    }
}

pub fn find(action: &str) -> Option<&'static Op> {
    all().find(|op| op.name == action)
}

pub use crate::spelling::suggest;

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions() {
        let names = ["recordIds", "userId", "taskId", "TaskCps"];
        assert_eq!(suggest("recordId", names.into_iter()), Some("recordIds"));
        assert_eq!(suggest("task_cps", names.into_iter()), Some("TaskCps"));
        assert_eq!(suggest("TASKID", names.into_iter()), Some("taskId"));
        assert_eq!(suggest("somethingElse", names.into_iter()), None);
        assert_eq!(suggest(&"x".repeat(10_000), names.into_iter()), None);
        // On a tie, the name the key abbreviates; a page parameter by any of its spellings.
        let page = ["PageNo", "PageSize", "TaskId"];
        assert_eq!(suggest("PageSz", page.into_iter()), Some("PageSize"));
        assert_eq!(suggest("PageNumber", page.into_iter()), Some("PageNo"));
        assert_eq!(suggest("CurrentPage", page.into_iter()), Some("PageNo"));
        assert_eq!(
            suggest("pageSize", ["page", "per_page"].into_iter()),
            Some("per_page")
        );
        assert_eq!(
            suggest("page_no", ["CurrentPage", "PageNo"].into_iter()),
            Some("PageNo")
        );
    }
}
