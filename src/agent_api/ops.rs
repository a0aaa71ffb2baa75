//! The Agent API operations, one declaration each.
//!
//! A declaration says where every argument goes (path, query, body), its type and
//! limits, whether the operation is safe to send again, whether it pages, how many items
//! one request may carry, and how its answer reads. Validation, the request, the parsed
//! answer (`call.rs`), the metadata (`crate::meta`), the TypeScript, the client methods
//! and the README rows are all derived from it. Adding an operation is adding an entry
//! to `OPS` (and, only for rules that relate fields, a function in `call.rs`).

use super::record_urls::{MAX_RECORD_IDS, RECORD_IDS};
use super::shapes::*;
use super::MAX_ID_LEN;
use crate::issue::LenUnit;
use crate::schema::{doc, Ctx, Doc, Field, Ty};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// Replaces `{wire}` in the path, percent-encoded.
    Path,
    Query,
    /// A key of the JSON body.
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// PHP brackets: `recordIds[]=a&recordIds[]=b`.
    Brackets,
}

/// One top-level argument of the client method (path ids, `subUserId`, `recordIds`).
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The argument's name in the client call (`userId`, `recordIds`).
    pub arg: &'static str,
    /// Its name on the wire (`user_id`, `recordIds[]`, `sub_user_id`).
    pub wire: &'static str,
    pub loc: In,
    pub style: Style,
    pub ty: Ty,
    pub required: bool,
    pub doc: Doc,
}

#[derive(Debug, Clone, Copy)]
pub enum Body {
    None,
    /// The 2.0 task body, in its `v2` or `legacy` shape (chosen by the `variant` argument).
    Task,
    /// A JSON object with these fields (`args.body`).
    Fields(&'static [Field]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// Success carries nothing the caller needs.
    Unit,
    /// `data.batch_url[]` as `{record_id, voice_url}`.
    RecordUrls,
    /// The envelope's `data`, as the server sent it (its shape is not documented).
    Data,
    /// The envelope's `data`, an object of the documented shape (`returns`): anything else
    /// (none, `"ok"`, `[]`) is `unexpected_shape`, not a value the types promise otherwise.
    /// Reads only: a write that succeeded must not look like one that failed (it could be
    /// sent again).
    Object,
    /// `{ data, meta }`: one page of a list.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    /// Record ids, answered one URL each.
    RecordIds,
    /// Rows (`body.data`), each request accepted or refused as a whole.
    Rows,
}

/// Any count of items, sent `per_request` at a time.
#[derive(Debug, Clone, Copy)]
pub struct Batch {
    /// Where the items are: `recordIds`, or `body.data`.
    pub param: &'static str,
    pub per_request: usize,
    pub kind: BatchKind,
}

/// A check across fields of the arguments, run after the per-field ones.
pub type Rule = fn(&mut Ctx, &Value);

#[derive(Debug)]
pub struct Op {
    /// The client method (`updateTask`).
    pub name: &'static str,
    pub method: &'static str,
    /// With `{wire}` placeholders for the path parameters.
    pub path: &'static str,
    pub summary: Doc,
    /// Safe to send again after a timeout or a 5xx (only reads are).
    pub idempotent: bool,
    /// A list whose pages `paginate` walks (`query.page`).
    pub paged: bool,
    pub params: &'static [Param],
    /// The vendor-named query fields (`args.query`).
    pub query: &'static [Field],
    pub body: Body,
    pub batch: Option<Batch>,
    pub response: Response,
    pub rule: Option<Rule>,
    /// What is checked beyond each argument's own type and limits, in one line (README).
    pub rules: Doc,
    /// The TypeScript shape of the answer's `data` (one item, for a list), where the vendor
    /// documents one; `unknown` where it does not.
    pub returns: Doc,
}

const ID: Ty = Ty::Str {
    min: 1,
    max: Some(MAX_ID_LEN),
    unit: LenUnit::Chars,
};

const fn path(arg: &'static str, wire: &'static str, text: &'static str) -> Param {
    Param {
        arg,
        wire,
        loc: In::Path,
        style: Style::Plain,
        ty: ID,
        required: true,
        doc: doc(text),
    }
}

const USER_ID: Param = path("userId", "user_id", "Main account user id.");
const TASK_ID: Param = path("taskId", "task_id", "Task id.");
const RECORD_ID: Param = path("recordId", "record_id", "Call record id.");
const fn sub_user(loc: In) -> Param {
    Param {
        arg: "subUserId",
        wire: "sub_user_id",
        loc,
        style: Style::Plain,
        ty: ID,
        required: false,
        doc: doc("Sub-account id."),
    }
}
/// `subUserId` as the query's `sub_user_id` (GET, DELETE, and writes without a body).
const SUB_Q: Param = sub_user(In::Query);
/// `subUserId` as the body's `sub_user_id`.
const SUB_B: Param = sub_user(In::Body);

/// An operation with no query, no body, no batch and a plain answer: the common case.
const BASE: Op = Op {
    name: "",
    method: "GET",
    path: "",
    summary: doc(""),
    idempotent: true,
    paged: false,
    params: &[],
    query: &[],
    body: Body::None,
    batch: None,
    response: Response::Data,
    rule: None,
    rules: doc(""),
    returns: doc("unknown"),
};

const TASK_RULES: &str = "Required fields per variant; `maximumcall` divisible by the number of lines and each line's share within its `limit`; what each `is_group_switch` mode needs; variable groups ≤ 100 with 1–10 unique keywords; `redial_interval` ≤ 60, `redial_max_times` ≤ 3; `da_status` codes 2–12, unique, equal at both depths; date-times and `HH:MM` ranges start before they end; legacy `re_call_time` within 10–11 / 13–22 o'clock; `elasticity_type` vs `end_action`; `line` and `holiday` sent as `[]` when left out.";
const ROW_RULES: &str = "Any count of rows, sent in chunks of the documented maximum with bounded concurrency; `phone` required; a number given twice is refused before anything is sent (both indexes named); every row ends in `added` or `failed`; a request the server refuses for some of its rows (naming them, as Laravel's validation does before anything is written) fails those rows and sends the others again. A row's other keys are its call variables, sent as given (not checked: a misspelled `nmae` is a variable too).";

pub const OPS: &[Op] = &[
    Op { name: "checkToken", path: "/agent-api/token", summary: doc("Check the partner token's validity and expiry."), ..BASE },
    Op {
        name: "taskInit",
        path: "/agent-api/new/user/{user_id}/task/create",
        summary: doc("What a new 2.0 task can use: call-time groups and lines."),
        params: &[USER_ID, SUB_Q],
        returns: doc("{ task_dial_times: { id: number; name: string }[]; caller_line_list: { id: string | number; name?: string; [key: string]: unknown }[]; [key: string]: unknown }"),
        response: Response::Object,
        ..BASE
    },
    Op {
        name: "createTask",
        method: "POST",
        path: "/agent-api/new/user/{user_id}/task",
        summary: doc("Create a 2.0 task (v2 or legacy body)."),
        idempotent: false,
        params: &[USER_ID, SUB_B],
        body: Body::Task,
        rules: doc(TASK_RULES),
        returns: doc("TaskDetail"),
        ..BASE
    },
    Op {
        name: "updateTask",
        method: "PUT",
        path: "/agent-api/new/user/{user_id}/task/{task_id}",
        summary: doc("Update a 2.0 task (v2 or legacy body); the task must be stopped."),
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_B],
        body: Body::Task,
        response: Response::Unit,
        rules: doc(TASK_RULES),
        ..BASE
    },
    Op {
        name: "getTask",
        path: "/agent-api/new/user/{user_id}/task/{task_id}/edit",
        summary: doc("A 2.0 task's settings and status."),
        params: &[USER_ID, TASK_ID, SUB_Q],
        returns: doc("TaskDetail"),
        response: Response::Object,
        ..BASE
    },
    Op {
        name: "copyTask",
        path: "/agent-api/new/user/{user_id}/copy/task/{task_id}",
        summary: doc("Copy a 2.0 task."),
        // A GET that creates: never sent twice.
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_Q],
        returns: doc("TaskDetail"),
        ..BASE
    },
    Op {
        name: "stopTask",
        method: "PUT",
        path: "/agent-api/new/user/{user_id}/task_stop/{task_id}",
        summary: doc("Pause a 2.0 task (needed before an update: 6007)."),
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_Q],
        ..BASE
    },
    Op {
        name: "listTasks",
        path: "/agent-api/new/user/{user_id}/task",
        summary: doc("2.0 tasks, a page at a time."),
        paged: true,
        params: &[USER_ID, SUB_Q],
        query: LIST_TASKS,
        response: Response::List,
        returns: doc("TaskDetail"),
        ..BASE
    },
    Op {
        name: "listSubsetTasks",
        path: "/agent-api/new/user/{user_id}/subset_task",
        summary: doc("2.0 tasks across sub-accounts, a page at a time."),
        paged: true,
        params: &[USER_ID],
        query: LIST_SUBSET_TASKS,
        response: Response::List,
        returns: doc("TaskDetail"),
        ..BASE
    },
    Op {
        name: "listLegacyTasks",
        path: "/agent-api/user/{user_id}/task",
        summary: doc("1.x tasks, a page at a time."),
        paged: true,
        params: &[USER_ID, SUB_Q],
        query: LIST_LEGACY_TASKS,
        response: Response::List,
        ..BASE
    },
    Op {
        name: "stopLegacyTask",
        path: "/agent-api/user/{user_id}/task_stop/{task_id}",
        summary: doc("Pause a 1.x task."),
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_Q],
        ..BASE
    },
    Op {
        name: "deleteTask",
        method: "DELETE",
        path: "/agent-api/user/{user_id}/task/{task_id}",
        summary: doc("Delete a task."),
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_Q],
        ..BASE
    },
    Op {
        name: "addNumbers",
        method: "POST",
        path: "/agent-api/user/{user_id}/task/{task_id}/number",
        summary: doc("Add numbers to a task (any count; 100 per request)."),
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_B],
        body: Body::Fields(ADD_NUMBERS),
        batch: Some(Batch { param: "body.data", per_request: MAX_NUMBERS_SYNC, kind: BatchKind::Rows }),
        rule: Some(super::call::unique_phones),
        rules: doc(ROW_RULES),
        ..BASE
    },
    Op {
        name: "addNumbersAsync",
        method: "POST",
        path: "/agent-api/user/{user_id}/task/{task_id}/async_number",
        summary: doc("Add numbers to a task asynchronously (any count; 200 per request); each request returns a batch id."),
        idempotent: false,
        params: &[USER_ID, TASK_ID, SUB_B],
        body: Body::Fields(ADD_NUMBERS_ASYNC),
        batch: Some(Batch { param: "body.data", per_request: MAX_NUMBERS_ASYNC, kind: BatchKind::Rows }),
        rule: Some(super::call::unique_phones),
        rules: doc(ROW_RULES),
        returns: doc("{ unique_id?: string; [key: string]: unknown }"),
        ..BASE
    },
    Op {
        name: "getBatchResult",
        path: "/agent-api/user/{user_id}/identification/{unique_id}",
        summary: doc("The result of an asynchronous number batch."),
        params: &[USER_ID, path("uniqueId", "unique_id", "Batch id from addNumbersAsync."), SUB_Q],
        ..BASE
    },
    Op {
        name: "listCallRecords",
        path: "/agent-api/user/{user_id}/task/{task_id}/record",
        summary: doc("Call records of a task, a page at a time."),
        paged: true,
        params: &[USER_ID, TASK_ID, SUB_Q],
        query: LIST_CALL_RECORDS,
        rule: Some(super::call::filter_range),
        rules: doc("start_at not after end_at."),
        response: Response::List,
        ..BASE
    },
    Op {
        name: "getCallRecord",
        path: "/agent-api/user/{user_id}/task/{task_id}/detail/{record_id}",
        summary: doc("One call record with its dialog."),
        params: &[USER_ID, TASK_ID, RECORD_ID, SUB_Q],
        returns: doc("{ records: { question?: string; answer_content?: string; error_code?: number; callee?: string; record_ms?: number; [key: string]: unknown }[]; [key: string]: unknown }"),
        response: Response::Object,
        ..BASE
    },
    Op {
        name: "recordingUrl",
        path: "/agent-api/user/{user_id}/task/{task_id}/record/{record_id}/download-full-voice",
        summary: doc("The recording URL of one call."),
        params: &[USER_ID, TASK_ID, RECORD_ID, SUB_Q],
        returns: doc("{ voice_url?: string; [key: string]: unknown }"),
        response: Response::Object,
        ..BASE
    },
    Op {
        name: "batchVoiceUrls",
        path: "/agent-api/user/{user_id}/task/{task_id}/batch_record/download-full-voice",
        summary: doc("Recording download URLs for record ids (any count; 30 per request)."),
        params: &[
            USER_ID,
            TASK_ID,
            Param {
                arg: "recordIds",
                wire: "recordIds[]",
                loc: In::Query,
                style: Style::Brackets,
                ty: Ty::List(&RECORD_IDS),
                required: true,
                doc: doc("1 to 30 distinct record ids per request."),
            },
            SUB_Q,
        ],
        batch: Some(Batch { param: "recordIds", per_request: MAX_RECORD_IDS, kind: BatchKind::RecordIds }),
        response: Response::RecordUrls,
        rules: doc("Any count of ids, de-duplicated, sent 30 per request with bounded concurrency; an id that 50051 / 50061 names is failed alone and the rest asked again; every id ends in `urls` or `failed`."),
        ..BASE
    },
    Op {
        name: "listDialTimeGroups",
        path: "/agent-api/user/{user_id}/dial-time-group",
        summary: doc("Call-time groups, a page at a time."),
        paged: true,
        params: &[USER_ID, SUB_Q],
        query: LIST_DIAL_TIME_GROUPS,
        response: Response::List,
        ..BASE
    },
    Op {
        name: "saveDialTimeGroup",
        method: "POST",
        path: "/agent-api/user/{user_id}/dial-time-group",
        summary: doc("Save a call-time group."),
        idempotent: false,
        params: &[USER_ID, SUB_B],
        body: Body::Fields(SAVE_DIAL_TIME_GROUP),
        ..BASE
    },
    Op {
        name: "listLines",
        path: "/agent-api/new_line_list",
        summary: doc("The partner's lines on a cloud node, with their allocations."),
        paged: true,
        query: LIST_LINES,
        response: Response::List,
        returns: doc("{ id: number | string; line_allocation: { id: number | string; [key: string]: unknown }[]; [key: string]: unknown }"),
        ..BASE
    },
    Op {
        name: "allocateLine",
        method: "POST",
        path: "/agent-api/new/user/{user_id}/line/{line_id}",
        summary: doc("Allocate a line to a user."),
        idempotent: false,
        params: &[USER_ID, path("lineId", "line_id", "Line id.")],
        body: Body::Fields(ALLOCATE_LINE),
        ..BASE
    },
    Op {
        name: "unbindLine",
        method: "DELETE",
        path: "/agent-api/new/user/{user_id}/line/{allocation_id}",
        summary: doc("Take a line allocation back (the id is line_allocation.id)."),
        idempotent: false,
        params: &[USER_ID, path("allocationId", "allocation_id", "line_allocation.id from listLines.")],
        ..BASE
    },
    Op {
        name: "listScriptGroups",
        path: "/agent-api/group/{user_id}",
        summary: doc("Script groups, a page at a time."),
        paged: true,
        params: &[USER_ID, SUB_Q],
        query: LIST_SCRIPT_GROUPS,
        response: Response::List,
        ..BASE
    },
    Op {
        name: "listTenantScripts",
        path: "/agent-api/agent_group/tenant/{tenant_id}",
        summary: doc("Every script of the downstream users."),
        params: &[path("tenantId", "tenant_id", "Tenant id.")],
        ..BASE
    },
    Op {
        name: "importCustomers",
        method: "POST",
        path: "/agent-api/user/{user_id}/async_customer",
        summary: doc("Import customers into the CRM asynchronously (any count; 200 per request)."),
        idempotent: false,
        params: &[USER_ID, SUB_B],
        body: Body::Fields(IMPORT_CUSTOMERS),
        batch: Some(Batch { param: "body.data", per_request: MAX_CUSTOMERS, kind: BatchKind::Rows }),
        rule: Some(super::call::unique_phones),
        rules: doc(ROW_RULES),
        returns: doc("{ unique_id?: string; [key: string]: unknown }"),
        ..BASE
    },
    Op {
        name: "listCustomers",
        path: "/agent-api/user/{user_id}/get_customer",
        summary: doc("CRM customers matching a filter, a page at a time."),
        paged: true,
        params: &[USER_ID, SUB_Q],
        query: LIST_CUSTOMERS,
        rule: Some(super::call::filter_range),
        rules: doc("created_at[0] not after created_at[1]."),
        response: Response::List,
        ..BASE
    },
    Op {
        name: "createSubAccount",
        method: "POST",
        path: "/agent-api/user/{user_id}/subset_users",
        summary: doc("Create a sub-account."),
        idempotent: false,
        params: &[USER_ID],
        body: Body::Fields(CREATE_SUB_ACCOUNT),
        rule: Some(super::call::password_confirmed),
        rules: doc("`password_confirmation` must equal `password` (neither is ever shown in a message)."),
        ..BASE
    },
    Op {
        name: "getAccount",
        path: "/agent-api/user/{user_id}/message",
        summary: doc("Account information."),
        params: &[USER_ID, SUB_Q],
        ..BASE
    },
    Op {
        name: "listCallbackBlacklist",
        path: "/agent-api/callback_blacklist",
        summary: doc("Callback URLs the platform stopped calling."),
        paged: true,
        query: LIST_CALLBACK_BLACKLIST,
        response: Response::List,
        ..BASE
    },
    Op {
        name: "listVosCallRecords",
        path: "/agent-api/vos/{user_id}/get_call_record",
        summary: doc("VOS call detail records of one day."),
        params: &[USER_ID],
        query: LIST_VOS_RECORDS,
        ..BASE
    },
];

/// Arguments that steer the SDK rather than the request; never sent.
pub const SDK_OPTIONS: &[&str] = &["variant", "locale", "signal", "onProgress", "concurrency"];

/// Whether `key` is an SDK option of `op`: `locale` and `signal` for all, `variant` where
/// the body is a task, `concurrency` and `onProgress` where items are batched. Any other
/// key is an argument of the request (and unknown if the declaration has no such one).
pub fn is_sdk_option(op: Option<&Op>, key: &str) -> bool {
    match (op, key) {
        (_, "locale" | "signal") => true,
        (None, k) => SDK_OPTIONS.contains(&k),
        (Some(op), "variant") => matches!(op.body, Body::Task),
        (Some(op), "concurrency" | "onProgress") => op.batch.is_some(),
        _ => false,
    }
}

pub fn find(name: &str) -> Option<&'static Op> {
    OPS.iter().find(|op| op.name == name)
}

/// The operation called `name`, or the problem to report at `name` (with the closest
/// known name as a hint).
pub fn lookup(name: &str) -> Result<&'static Op, crate::issue::Problem> {
    find(name).ok_or_else(|| crate::issue::Problem::UnknownAction {
        hint: crate::aiccs::ops::suggest(name, OPS.iter().map(|o| o.name)).map(String::from),
    })
}

/// The fields of a task body shape, for metadata and TypeScript.
pub fn body_fields(variant: super::task_update::Variant) -> &'static [Field] {
    super::task_update::fields(variant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declaration_is_consistent() {
        let mut names = std::collections::HashSet::new();
        for op in OPS {
            assert!(names.insert(op.name), "{} twice", op.name);
            for p in op.params.iter().filter(|p| p.loc == In::Path) {
                assert!(
                    op.path.contains(&format!("{{{}}}", p.wire)),
                    "{} {}",
                    op.name,
                    p.wire
                );
            }
            let placeholders = op.path.matches('{').count();
            assert_eq!(
                placeholders,
                op.params.iter().filter(|p| p.loc == In::Path).count(),
                "{}",
                op.name
            );
            assert!(matches!(op.method, "GET" | "POST" | "PUT" | "DELETE"));
            // Only reads are declared safe to repeat.
            assert!(!op.idempotent || op.method == "GET", "{}", op.name);
            // A body parameter needs a body to go into.
            let body_param = op.params.iter().any(|p| p.loc == In::Body);
            assert!(!body_param || !matches!(op.body, Body::None), "{}", op.name);
            assert_eq!(op.paged, op.response == Response::List, "{}", op.name);
            if op.paged {
                assert!(
                    op.query.iter().any(|f| f.name == "page"),
                    "{} pages without a page field",
                    op.name
                );
            }
        }
    }

    #[test]
    fn the_contract_names_every_endpoint() {
        let contract = [
            "checkToken",
            "taskInit",
            "createTask",
            "updateTask",
            "getTask",
            "copyTask",
            "stopTask",
            "listTasks",
            "listSubsetTasks",
            "listLegacyTasks",
            "stopLegacyTask",
            "deleteTask",
            "addNumbers",
            "addNumbersAsync",
            "getBatchResult",
            "listCallRecords",
            "getCallRecord",
            "recordingUrl",
            "batchVoiceUrls",
            "listDialTimeGroups",
            "saveDialTimeGroup",
            "listLines",
            "allocateLine",
            "unbindLine",
            "listScriptGroups",
            "listTenantScripts",
            "importCustomers",
            "listCustomers",
            "createSubAccount",
            "getAccount",
            "listCallbackBlacklist",
            "listVosCallRecords",
        ];
        let declared: Vec<&str> = OPS.iter().map(|o| o.name).collect();
        assert_eq!(declared, contract);
    }
}
