//! TypeScript for the Agent API: the argument and result type of every declared
//! operation, the name-to-types map `call` uses, and the `AgentApi` class itself.

use super::ops::{BatchKind, Body, Op, Response, OPS};
use crate::schema::{ts_object, ts_type};

fn pascal(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// `{ userId: string; ... }` plus the body and the SDK options of `op`.
fn args_type(op: &Op) -> String {
    let mut out = String::from("{\n");
    for p in op.params {
        let opt = if p.required { "" } else { "?" };
        let ty = match p.loc {
            super::ops::In::Path => "string | number".to_string(),
            _ => ts_type(&p.ty, 1),
        };
        out.push_str(&format!("  /** {} */\n  {}{opt}: {ty};\n", p.doc, p.arg));
    }
    if !op.query.is_empty() {
        let opt = if op.query.iter().any(|f| f.required) {
            ""
        } else {
            "?"
        };
        out.push_str(&format!(
            "  /** Query parameters, vendor field names. */\n  query{opt}: {};\n",
            ts_object(op.query, 1)
        ));
    }
    if let Body::Fields(fields) = op.body {
        out.push_str(&format!(
            "  /** The request body, vendor field names. */\n  body: {};\n",
            ts_object(fields, 1)
        ));
    }
    out.push_str("  signal?: AbortSignal;\n  locale?: Locale;\n");
    if op.batch.is_some() {
        out.push_str("  /** Requests at a time, default 4. */\n  concurrency?: number;\n");
        out.push_str("  onProgress?: (p: { done: number; total: number; succeeded: number; failed: number }) => void;\n");
    }
    out.push('}');
    if let Body::Task = op.body {
        out.push_str(" & ({ variant?: \"v2\"; body: TaskUpdateV2 } | { variant: \"legacy\"; body: TaskUpdateLegacy })");
    }
    out
}

fn result_type(op: &Op) -> String {
    match (op.response, op.batch.map(|b| b.kind)) {
        (_, Some(BatchKind::Rows)) => format!(
            "RowsResult<{}Args[\"body\"][\"data\"][number]>",
            pascal(op.name)
        ),
        (_, Some(BatchKind::RecordIds)) => "BatchVoiceUrlsResult".into(),
        (Response::Unit, _) => "void".into(),
        (Response::RecordUrls, _) => "RecordUrl[]".into(),
        // Typed where the vendor documents a shape (`returns`), `unknown` elsewhere.
        (Response::Data | Response::Object, _) => op.returns.as_str().into(),
        (Response::List, _) => format!("ListPage<{}>", op.returns),
    }
}

pub fn render() -> String {
    let mut out = String::from("\n// ---- Agent API ----\n\n");
    for op in OPS {
        out.push_str(&format!(
            "/** {} */\nexport type {}Args = {};\n\n",
            op.summary,
            pascal(op.name),
            args_type(op)
        ));
    }
    out.push_str("export interface AgentOperations {\n");
    for op in OPS {
        out.push_str(&format!(
            "  {}: {{ args: {}Args; result: {} }};\n",
            op.name,
            pascal(op.name),
            result_type(op)
        ));
    }
    out.push_str("}\n\nexport type AgentOperationName = keyof AgentOperations;\n");
    let paged: Vec<String> = OPS
        .iter()
        .filter(|o| o.paged)
        .map(|o| format!("\"{}\"", o.name))
        .collect();
    out.push_str(&format!(
        "export type AgentPagedOperation = {};\n",
        paged.join(" | ")
    ));
    out.push_str(CLASS_HEAD);
    for op in OPS {
        // `api.checkToken()`: arguments that are all optional may be left out.
        let none_needed = !op.params.iter().any(|p| p.required)
            && !op.query.iter().any(|f| f.required)
            && matches!(op.body, Body::None);
        let q = if none_needed { "?" } else { "" };
        out.push_str(&format!(
            "  /** {} */\n  {}(args{q}: {}Args): Promise<{}>;\n",
            op.summary,
            op.name,
            pascal(op.name),
            result_type(op)
        ));
    }
    out.push_str("  /** Releases the wasm memory of this client; it cannot be used afterwards. */\n  free(): void;\n}\n");
    out
}

const CLASS_HEAD: &str = r#"
/** Client of the Agent API (Bearer token). Every method validates before sending. */
export declare class AgentApi {
  /** In Node, a token left out is read from AICALL_AGENT_TOKEN. */
  constructor(options?: AgentApiOptions);
  /** The language of this client's messages. */
  readonly locale: Locale;
  /** All issues of a task body (`[]` when valid). Pure, no I/O. */
  static validateTaskUpdate(body: TaskUpdateV2 | TaskUpdateLegacy | unknown, options?: { variant?: "v2" | "legacy"; locale?: Locale }): Issue[];
  /** Issues of a record id list: 1..30 unique non-empty strings. */
  static validateRecordIds(recordIds: string[] | unknown, options?: { locale?: Locale }): Issue[];
  /**
   * Every issue the method `name` would refuse `args` with (`[]` when it would send them): the
   * arguments as `api.call(name, args)` takes them, a batch's rows or ids in any count. Pure, no I/O.
   */
  static validate<N extends AgentOperationName>(name: N | (string & {}), args: Partial<AgentOperations[N]["args"]> | unknown, options?: { locale?: Locale }): Issue[];
  /** Throws `AicallError` unless the answer is a success. */
  static parseUpdateTask(status: number, bodyText: string): void;
  /** The answer's `{record_id, voice_url}` items; an item without a URL or a readable id is left out (compare with the ids you asked for). */
  static parseBatchVoiceUrls(status: number, bodyText: string): RecordUrl[];
  /** Every operation with its parameters, as data. */
  static operations(): AgentOperationInfo[];
  buildUpdateTask(args: UpdateTaskArgs): HttpRequest;
  buildBatchVoiceUrls(args: BatchVoiceUrlsArgs): HttpRequest;
  /** The validated request of any operation (for your own transport or a preview). */
  buildRequest<N extends AgentOperationName>(name: N, args: AgentOperations[N]["args"]): HttpRequest;
  /** Any operation by name: `api.call("updateTask", args)` is `api.updateTask(args)`. */
  call<N extends AgentOperationName>(name: N, args: AgentOperations[N]["args"]): Promise<AgentOperations[N]["result"]>;
  /** Every item of every page of a list operation; stops at the end (and on a server that repeats a page). */
  paginate<N extends AgentPagedOperation>(name: N, args: AgentOperations[N]["args"]): AsyncIterableIterator<AgentOperations[N]["result"] extends ListPage<infer Item> ? Item : unknown>;
  /** After one page (the result of `call`): its items and the arguments of the next page, or null at the end. Hand the step's `memo` back with the next page: a page the server already gave (the last one, or any earlier one in a cycle) then ends the walk, its items not handed out again. With `page` null (before the first page): `next` is the first page's arguments. `options.locale` is the language of its errors (English when left out). */
  static nextPage(name: AgentPagedOperation, args: Record<string, unknown>, page: ListPage<unknown> | null, memo?: unknown, options?: { locale?: Locale }): { items: unknown[]; next: Record<string, unknown> | null; memo: unknown };
"#;
