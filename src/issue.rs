//! Validation issues: one `Problem` per kind of broken rule.
//!
//! A rule is declared once (in a schema table or a cross-field check) and reports a
//! `Problem`; the problem alone decides the stable machine `code` and the sentence shown
//! to people, in English and Simplified Chinese. Nothing else formats validation messages,
//! so a code can never drift away from its message.

use serde::Serialize;
use serde_json::Value;

/// Language of human-readable messages. Codes and paths never change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
}

impl Locale {
    /// Accepts the contract's spellings (`"en"`, `"zh-CN"`) and common variants.
    pub fn parse(s: &str) -> Option<Locale> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" => Some(Locale::En),
            "zh-cn" | "zh" | "zh-hans" | "zh_cn" => Some(Locale::ZhCn),
            _ => None,
        }
    }
}

/// One problem found in the input, ready for a form: where, what (stable code), and a
/// sentence naming the field and what was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub code: String,
    pub message: String,
}

/// The kinds of broken rules. `code()` is the stable machine code users switch on.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Required,
    /// Required because another field has a given value ("is_group_switch is 2").
    RequiredBecause { reason: String },
    UnknownField { hint: Option<String> },
    InvalidType { expected: &'static str },
    TooSmall { min: i64 },
    TooBig { max: i64 },
    TooShort { min: usize },
    TooLong { max: usize, unit: LenUnit },
    TooFewItems { min: usize },
    TooManyItems { max: usize, got: usize },
    InvalidEnum { allowed: String },
    Duplicate { first_index: usize },
    InvalidFormat { format: &'static str },
    /// `path` must be after `other` (stop_time after start_time, endTime after startTime).
    NotAfter { other: String },
    NotDivisible { total: i64, lines: usize },
    LineLimitExceeded { share: i64, limit: i64 },
    Conflict { other: String },
    OutsideWindow { windows: &'static str },
    NotSupported { reason: String },
    Unsafe { what: &'static str },
    TooOld { days: i64 },
    InFuture,
    InPast,
    UnknownAction { hint: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LenUnit {
    Chars,
    Bytes,
}

impl Problem {
    /// Every code `code()` can return (for the generated TypeScript union).
    pub const ALL_CODES: &'static [&'static str] = &[
        "required", "unknown_field", "invalid_type", "too_small", "too_big", "invalid_enum", "duplicate",
        "invalid_format", "invalid_range", "not_divisible", "line_limit_exceeded", "conflict",
        "outside_window", "not_supported", "unsafe_value", "too_old", "in_future", "in_past", "unknown_action",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required | Problem::RequiredBecause { .. } => "required",
            Problem::UnknownField { .. } => "unknown_field",
            Problem::InvalidType { .. } => "invalid_type",
            Problem::TooSmall { .. } | Problem::TooShort { .. } | Problem::TooFewItems { .. } => "too_small",
            Problem::TooBig { .. } | Problem::TooLong { .. } | Problem::TooManyItems { .. } => "too_big",
            Problem::InvalidEnum { .. } => "invalid_enum",
            Problem::Duplicate { .. } => "duplicate",
            Problem::InvalidFormat { .. } => "invalid_format",
            Problem::NotAfter { .. } => "invalid_range",
            Problem::NotDivisible { .. } => "not_divisible",
            Problem::LineLimitExceeded { .. } => "line_limit_exceeded",
            Problem::Conflict { .. } => "conflict",
            Problem::OutsideWindow { .. } => "outside_window",
            Problem::NotSupported { .. } => "not_supported",
            Problem::Unsafe { .. } => "unsafe_value",
            Problem::TooOld { .. } => "too_old",
            Problem::InFuture => "in_future",
            Problem::InPast => "in_past",
            Problem::UnknownAction { .. } => "unknown_action",
        }
    }

    /// The sentence for people. `got` is the received value when there is one.
    pub fn message(&self, locale: Locale, path: &str, got: Option<&Value>) -> String {
        let field = if path.is_empty() { "the request" } else { path };
        let g_en = got.map(|v| format!(", received {}", describe(v, Locale::En))).unwrap_or_default();
        let g_zh = got.map(|v| format!(",收到 {}", describe(v, Locale::ZhCn))).unwrap_or_default();
        let zfield = if path.is_empty() { "请求" } else { path };
        match locale {
            Locale::En => match self {
                Problem::Required => format!("{field} is required."),
                Problem::RequiredBecause { reason } => format!("{field} is required because {reason}."),
                Problem::UnknownField { hint } => match hint {
                    Some(h) => format!("{field} is not a known field ({h})."),
                    None => format!("{field} is not a known field; check the spelling."),
                },
                Problem::InvalidType { expected } => format!("{field} must be {}{g_en}.", expected_en(expected)),
                Problem::TooSmall { min } => format!("{field} must be at least {min}{g_en}."),
                Problem::TooBig { max } => format!("{field} must be at most {max}{g_en}."),
                Problem::TooShort { min } => {
                    if *min == 1 {
                        format!("{field} must not be empty.")
                    } else {
                        format!("{field} must have at least {min} characters{g_en}.")
                    }
                }
                Problem::TooLong { max, unit } => {
                    let u = if *unit == LenUnit::Bytes { "bytes (UTF-8)" } else { "characters" };
                    format!("{field} must have at most {max} {u}{g_en}.")
                }
                Problem::TooFewItems { min } => format!("{field} must have at least {min} item{}.", plural(*min)),
                Problem::TooManyItems { max, got } => {
                    format!("{field}: at most {max} items are allowed, received {got}.")
                }
                Problem::InvalidEnum { allowed } => format!("{field} must be one of {allowed}{g_en}."),
                Problem::Duplicate { first_index } => {
                    format!("{field} repeats the value at index {first_index}{g_en}; values must be unique.")
                }
                Problem::InvalidFormat { format } => format!("{field} must look like {format}{g_en}."),
                Problem::NotAfter { other } => format!("{field} must be after {other}{g_en}."),
                Problem::NotDivisible { total, lines } => format!(
                    "{field} ({total}) must divide evenly across the {lines} selected line{}: use a multiple of {lines}.",
                    plural(*lines)
                ),
                Problem::LineLimitExceeded { share, limit } => format!(
                    "{field}: each line would get {share} concurrent calls, above this line's limit of {limit}."
                ),
                Problem::Conflict { other } => format!("{field} cannot be used together with {other}."),
                Problem::OutsideWindow { windows } => format!("{field} must fall within {windows}{g_en}."),
                Problem::NotSupported { reason } => format!("{field}: {reason}{g_en}."),
                Problem::Unsafe { what } => format!("{field}: {what}."),
                Problem::TooOld { days } => format!("{field} must be within the last {days} days{g_en}."),
                Problem::InFuture => format!("{field} must not be in the future{g_en}."),
                Problem::InPast => format!("{field} must be in the future{g_en}."),
                Problem::UnknownAction { hint } => match hint {
                    Some(h) => format!("{field}: unknown action{g_en}; did you mean \"{h}\"?"),
                    None => format!("{field}: unknown action{g_en}; see Aiccs.operations() for the supported ones."),
                },
            },
            Locale::ZhCn => match self {
                Problem::Required => format!("{zfield} 为必填项。"),
                Problem::RequiredBecause { reason } => format!("{zfield} 为必填项,因为 {reason}。"),
                Problem::UnknownField { hint } => match hint {
                    Some(h) => format!("{zfield} 不是可识别的字段({h})。"),
                    None => format!("{zfield} 不是可识别的字段,请检查拼写。"),
                },
                Problem::InvalidType { expected } => format!("{zfield} 必须是{}{g_zh}。", expected_zh(expected)),
                Problem::TooSmall { min } => format!("{zfield} 不能小于 {min}{g_zh}。"),
                Problem::TooBig { max } => format!("{zfield} 不能大于 {max}{g_zh}。"),
                Problem::TooShort { min } => {
                    if *min == 1 {
                        format!("{zfield} 不能为空。")
                    } else {
                        format!("{zfield} 至少需要 {min} 个字符{g_zh}。")
                    }
                }
                Problem::TooLong { max, unit } => {
                    let u = if *unit == LenUnit::Bytes { "个字节(UTF-8)" } else { "个字符" };
                    format!("{zfield} 最多 {max} {u}{g_zh}。")
                }
                Problem::TooFewItems { min } => format!("{zfield} 至少需要 {min} 项。"),
                Problem::TooManyItems { max, got } => format!("{zfield} 最多允许 {max} 项,收到 {got} 项。"),
                Problem::InvalidEnum { allowed } => format!("{zfield} 必须是 {allowed} 之一{g_zh}。"),
                Problem::Duplicate { first_index } => {
                    format!("{zfield} 与第 {first_index} 项重复{g_zh},不能有重复值。")
                }
                Problem::InvalidFormat { format } => format!("{zfield} 格式应为 {format}{g_zh}。"),
                Problem::NotAfter { other } => format!("{zfield} 必须晚于 {other}{g_zh}。"),
                Problem::NotDivisible { total, lines } => format!(
                    "{zfield}({total})必须能被所选线路数 {lines} 整除,请使用 {lines} 的倍数。"
                ),
                Problem::LineLimitExceeded { share, limit } => {
                    format!("{zfield}:每条线路平均并发为 {share},超过该线路的上限 {limit}。")
                }
                Problem::Conflict { other } => format!("{zfield} 不能与 {other} 同时开启。"),
                Problem::OutsideWindow { windows } => format!("{zfield} 必须在 {windows} 范围内{g_zh}。"),
                Problem::NotSupported { reason } => format!("{zfield}:{reason}{g_zh}。"),
                Problem::Unsafe { what } => format!("{zfield}:{what}。"),
                Problem::TooOld { days } => format!("{zfield} 只能是最近 {days} 天内的日期{g_zh}。"),
                Problem::InFuture => format!("{zfield} 不能是将来的日期{g_zh}。"),
                Problem::InPast => format!("{zfield} 必须是将来的时间{g_zh}。"),
                Problem::UnknownAction { hint } => match hint {
                    Some(h) => format!("{zfield}:未知的接口{g_zh},是否要用 \"{h}\"?"),
                    None => format!("{zfield}:未知的接口{g_zh},支持的接口见 Aiccs.operations()。"),
                },
            },
        }
    }

    pub fn issue(&self, locale: Locale, path: &str, got: Option<&Value>) -> Issue {
        Issue { path: path.to_string(), code: self.code().to_string(), message: self.message(locale, path, got) }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn expected_en(e: &str) -> &str {
    match e {
        "int" => "an integer",
        "uint" => "a whole number (integer or digit string)",
        "string" => "a string",
        "bool" => "true or false",
        "flag" => "0, 1, true or false",
        "array" => "an array",
        "object" => "an object",
        "id" => "an id (integer or digit string)",
        other => other,
    }
}

fn expected_zh(e: &str) -> &str {
    match e {
        "int" => "整数",
        "uint" => "整数(数字或数字字符串)",
        "string" => "字符串",
        "bool" => "true 或 false",
        "flag" => "0、1、true 或 false",
        "array" => "数组",
        "object" => "对象",
        "id" => "ID(整数或数字字符串)",
        other => other,
    }
}

/// A short, safe rendering of a received value for messages (long strings are cut).
pub fn describe(v: &Value, locale: Locale) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let mut out: String = s.chars().take(40).collect();
            if s.chars().count() > 40 {
                out.push('…');
            }
            format!("\"{out}\"")
        }
        Value::Array(a) => match locale {
            Locale::En => format!("an array of {} item{}", a.len(), plural(a.len())),
            Locale::ZhCn => format!("含 {} 项的数组", a.len()),
        },
        Value::Object(_) => match locale {
            Locale::En => "an object".into(),
            Locale::ZhCn => "一个对象".into(),
        },
    }
}
