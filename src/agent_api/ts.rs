//! TypeScript for the Agent API: the argument and result type of every declared
//! operation, the name-to-types map `call` uses, and the `AgentApi` class itself.

use super::ops::{Body, Op, Response, OPS};
use crate::schema::ts_type;

fn pascal(name: &str) -> String {
    let mut c = name.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
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

fn result_type(op: &Op) -> &'static str {
    match (op.response, op.batch.is_some()) {
        (Response::Unit, _) => "void",
        (Response::RecordUrls, true) => "BatchVoiceUrlsResult",
        (Response::RecordUrls, false) => "RecordUrl[]",
    }
}

pub fn render() -> String {
    let mut out = String::from("\n// ---- Agent API ----\n\n");
    for op in OPS {
        out.push_str(&format!("/** {} */\nexport type {}Args = {};\n\n", op.summary, pascal(op.name), args_type(op)));
    }
    out.push_str("export interface AgentOperations {\n");
    for op in OPS {
        out.push_str(&format!("  {}: {{ args: {}Args; result: {} }};\n", op.name, pascal(op.name), result_type(op)));
    }
    out.push_str("}\n\nexport type AgentOperationName = keyof AgentOperations;\n");
    out.push_str(CLASS_HEAD);
    for op in OPS {
        out.push_str(&format!("  /** {} */\n  {}(args: {}Args): Promise<{}>;\n", op.summary, op.name, pascal(op.name), result_type(op)));
    }
    out.push_str("  /** Releases the wasm memory of this client; it cannot be used afterwards. */\n  free(): void;\n}\n");
    out
}

const CLASS_HEAD: &str = r#"
/** Client of the Agent API (Bearer token). Every method validates before sending. */
export declare class AgentApi {
  constructor(options: AgentApiOptions);
  /** All issues of a task body (`[]` when valid). Pure, no I/O. */
  static validateTaskUpdate(body: TaskUpdateV2 | TaskUpdateLegacy | unknown, options?: { variant?: "v2" | "legacy"; locale?: Locale }): Issue[];
  /** Issues of a record id list: 1..30 unique non-empty strings. */
  static validateRecordIds(recordIds: string[] | unknown, options?: { locale?: Locale }): Issue[];
  /** Throws `AicallError` unless the answer is a success. */
  static parseUpdateTask(status: number, bodyText: string): void;
  static parseBatchVoiceUrls(status: number, bodyText: string): RecordUrl[];
  /** Every operation with its parameters, as data. */
  static operations(): AgentOperationInfo[];
  buildUpdateTask(args: UpdateTaskArgs): HttpRequest;
  buildBatchVoiceUrls(args: BatchVoiceUrlsArgs): HttpRequest;
  /** The validated request of any operation (for your own transport or a preview). */
  buildRequest<N extends AgentOperationName>(name: N, args: AgentOperations[N]["args"]): HttpRequest;
  /** Any operation by name: `api.call("updateTask", args)` is `api.updateTask(args)`. */
  call<N extends AgentOperationName>(name: N, args: AgentOperations[N]["args"]): Promise<AgentOperations[N]["result"]>;
"#;
