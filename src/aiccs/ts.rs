//! TypeScript for the aiccs operations: a params and a response type per action, the
//! action-to-types map used by `call`, and one camelCase method per action.

use super::ops::OPS;
use super::responses::response_ts;
use super::validate::fields_of;
use crate::schema::ts_object;

pub fn render() -> String {
    let mut out = String::from("\n// ---- Alibaba Cloud aiccs 2019-10-15 ----\n\n");
    out.push_str(AICCS_HEADER);
    for op in OPS {
        out.push_str(&format!("/** {} Params as the vendor names them. */\nexport interface {}Params {}\n", op.summary, op.name, ts_object(&fields_of(op), 0)));
        out.push_str(&format!("export interface {}Response {}\n\n", op.name, response_ts(op.name)));
    }
    out.push_str("export interface AiccsOperations {\n");
    for op in OPS {
        out.push_str(&format!("  {0}: {{ params: {0}Params; response: {0}Response }};\n", op.name));
    }
    out.push_str("}\n\nexport type AiccsAction = keyof AiccsOperations;\n");
    out
}

/// Declarations merged into the generated `Aiccs` class (the methods are installed from
/// `Aiccs.operations()` by the package entry points).
pub fn render_class_methods() -> String {
    let mut out = String::from("\nexport interface Aiccs {\n");
    out.push_str("  /** Validates, signs, sends and parses one call, typed per action. */\n");
    out.push_str("  call<A extends T.AiccsAction>(action: A, params: T.AiccsOperations[A][\"params\"], options?: T.CallOptions): Promise<T.AiccsOperations[A][\"response\"]>;\n");
    out.push_str("  /** The signed request, typed per action. */\n");
    out.push_str("  buildRequest<A extends T.AiccsAction>(action: A, params: T.AiccsOperations[A][\"params\"], options?: T.BuildOptions): T.HttpRequest;\n");
    for op in OPS {
        out.push_str(&format!(
            "  /** {} */\n  {}(params: T.{}Params, options?: T.CallOptions): Promise<T.{}Response>;\n",
            op.summary, op.method_name, op.name, op.name
        ));
    }
    out.push_str("}\n");
    out
}

const AICCS_HEADER: &str = r#"export interface AiccsOptions {
  accessKeyId: string;
  /** Used to sign only: never sent, never in an error, message or log. */
  accessKeySecret: string;
  /** STS token, sent as x-acs-security-token (v3) or SecurityToken (v1). */
  securityToken?: string;
  /** host[:port], default "aiccs.aliyuncs.com". */
  endpoint?: string;
  protocol?: "https" | "http";
  /** "v3" (ACS3-HMAC-SHA256, default) or "v1" (HMAC-SHA1). */
  signatureVersion?: "v3" | "v1";
  /** Per request, default 10000. */
  timeoutMs?: number;
  fetch?: typeof fetch | FetchLike;
  locale?: Locale;
}

export interface BuildOptions {
  /** Fixed nonce (tests); default: 32 random hex characters, new for every request. */
  nonce?: string;
  /** Fixed time, ISO-8601 UTC ("2026-11-21T08:00:00Z"); default: now. */
  timestamp?: string;
}

export interface ValidateOptions {
  locale?: Locale;
  /** "Now" in ms for date rules (CallDate within 30 days); default Date.now(). */
  now?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface AiccsOperationInfo {
  action: AiccsAction;
  method: string;
  httpMethod: "GET" | "POST";
  summary: string;
}

"#;
