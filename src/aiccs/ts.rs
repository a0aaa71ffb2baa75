//! TypeScript for the aiccs operations: a params and a response type per action, the
//! action-to-types map used by `call`, and one camelCase method per action.

use super::ops::all;
use super::validate::fields_of;
use crate::schema::ts_object;

pub fn render() -> String {
    let mut out = String::from("\n// ---- Alibaba Cloud aiccs 2019-10-15 ----\n\n");
    out.push_str(AICCS_HEADER);
    for op in all() {
        out.push_str(&format!(
            "/** {} Params as the vendor names them. */\nexport interface {}Params {}\n",
            op.summary,
            op.name,
            ts_object(&fields_of(op), 0)
        ));
        out.push_str(&format!(
            "export interface {}Response {}\n\n",
            op.name, op.response
        ));
    }
    out.push_str("export interface AiccsOperations {\n");
    for op in all() {
        out.push_str(&format!(
            "  {0}: {{ params: {0}Params; response: {0}Response }};\n",
            op.name
        ));
    }
    out.push_str("}\n\nexport type AiccsAction = keyof AiccsOperations;\n");
    let paged: Vec<String> = all()
        .filter(|o| o.paging.is_some())
        .map(|o| format!("\"{}\"", o.name))
        .collect();
    out.push_str(&format!(
        "export type AiccsPagedAction = {};\n",
        paged.join(" | ")
    ));
    out.push_str(&page_items());
    out.push_str(&render_class());
    out
}

/// The item type `paginate` yields per paged action, read from the answer's type where the
/// declaration's paging says the items are (rows sent as JSON text are objects once read).
fn page_items() -> String {
    let mut out = String::from(
        "/** An item of a page: the element type of the list, or an object for rows the service sends as JSON text. */\n\
         export type AiccsPageItem<T> = NonNullable<T> extends readonly (infer U)[] ? U : Record<string, unknown>;\n\
         /** What `paginate` yields, per paged action. */\nexport interface AiccsPageItems {\n",
    );
    for op in all() {
        let Some(p) = op.paging else { continue };
        let at = if p.data.is_empty() {
            format!("{}Response[\"{}\"]", op.name, p.items)
        } else {
            format!(
                "NonNullable<{}Response[\"{}\"]>[\"{}\"]",
                op.name, p.data, p.items
            )
        };
        out.push_str(&format!("  {}: AiccsPageItem<{at}>;\n", op.name));
    }
    out.push_str("}\n");
    out
}

fn render_class() -> String {
    let mut out = String::from(CLASS_HEAD);
    for op in all() {
        out.push_str(&format!(
            "  /** {} */\n  {}(params: {}Params, options?: CallOptions): Promise<{}Response>;\n",
            op.summary,
            op.method_name(),
            op.name,
            op.name
        ));
    }
    out.push_str("  /** Releases the wasm memory of this client; it cannot be used afterwards. */\n  free(): void;\n}\n");
    out
}

const CLASS_HEAD: &str = r#"
/** Client of Alibaba Cloud aiccs 2019-10-15 (AK/SK signed). Every method validates before sending. */
export declare class Aiccs {
  /** In Node, keys left out are read from ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN. */
  constructor(options?: AiccsOptions);
  /** The language of this client's messages. */
  readonly locale: Locale;
  /** All issues of `params` for `action` (`[]` when valid). Pure, no I/O. */
  static validate(action: AiccsAction | (string & {}), params: unknown, options?: ValidateOptions): Issue[];
  /** The answer object (vendor field names) on success; throws `AicallError` otherwise. */
  static parseResponse<A extends AiccsAction>(action: A, status: number, bodyText: string): AiccsOperations[A]["response"];
  /** Every supported operation with its parameters, as data. */
  static operations(): AiccsOperationInfo[];
  /** The signed request, typed per action. Deterministic when nonce and timestamp are given. */
  buildRequest<A extends AiccsAction>(action: A, params: AiccsOperations[A]["params"], options?: BuildOptions): HttpRequest;
  /** Validates, signs, sends and parses one call, typed per action. */
  call<A extends AiccsAction>(action: A, params: AiccsOperations[A]["params"], options?: CallOptions): Promise<AiccsOperations[A]["response"]>;
  /** Every item of every page of a paged read; stops at the end (and on a server that repeats a page). */
  paginate<A extends AiccsPagedAction>(action: A, params: AiccsOperations[A]["params"], options?: CallOptions): AsyncIterableIterator<AiccsPageItems[A]>;
  /** After one page (the result of `call`): its items and the parameters of the next page, or null at the end. Hand the step's `memo` back with the next page: a page the server already gave (the last one, or any earlier one in a cycle) then ends the walk, its items not handed out again. With `page` null (before the first page): `next` is the first page's arguments. `options.locale` is the language of its errors (English when left out). */
  static nextPage(action: AiccsPagedAction, params: Record<string, unknown>, page: unknown, memo?: unknown, options?: { locale?: Locale }): { items: unknown[]; next: Record<string, unknown> | null; memo: unknown };
"#;

const AICCS_HEADER: &str = r#"export interface AiccsOptions {
  /** Required; in Node, when neither key is given, both come from ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET. */
  accessKeyId?: string;
  /** Used to sign only: never sent, never in an error, message or log. */
  accessKeySecret?: string;
  /** STS token, sent as x-acs-security-token (v3) or SecurityToken (v1). In Node, with keys from the environment: ALIBABA_CLOUD_SECURITY_TOKEN. */
  securityToken?: string;
  /** host[:port], default "aiccs.aliyuncs.com". */
  endpoint?: string;
  protocol?: "https" | "http";
  /** "v3" (ACS3-HMAC-SHA256, default) or "v1" (HMAC-SHA1). */
  signatureVersion?: "v3" | "v1";
  /** Per request, default 10000. */
  timeoutMs?: number;
  /** Answers larger than this are refused (kind "http", code "too_large"); default 8 MiB. */
  maxResponseBytes?: number;
  fetch?: typeof fetch | FetchLike;
  locale?: Locale;
}

export interface BuildOptions {
  /** Fixed nonce (tests); default: 32 random hex characters, new for every request. */
  nonce?: string;
  /** Fixed time, ISO-8601 UTC ("2026-11-21T08:00:00Z"); default: now. */
  timestamp?: string;
  /** The language of this call's messages; default: the client's. */
  locale?: Locale;
}

export interface ValidateOptions {
  locale?: Locale;
  /** "Now" in ms for date rules (CallDate within 30 days); default Date.now(). */
  now?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** The language of this call's messages (validation, server, network); default: the client's. */
  locale?: Locale;
}

"#;
