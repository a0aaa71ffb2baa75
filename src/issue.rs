//! Validation issues: one `Problem` per kind of broken rule.
//!
//! A rule is declared once (in a schema table or a cross-field check) and reports a
//! `Problem` that carries data only — limits, other field names, which format — never a
//! sentence. The problem alone decides the stable machine `code`; the sentence shown to
//! people is rendered from it per locale in `crate::messages`, the one place that knows
//! any language. So a code can never drift away from its message, and a Chinese message
//! never carries an English clause.

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
    /// Accepts the contract's spellings (`"en"`, `"zh-CN"`) and any tag of those languages,
    /// as `navigator.language` and `$LANG` give them: `en-US`, `en_GB`, `zh-Hans-CN`,
    /// `zh_CN.UTF-8`, `zh-TW` (the one Chinese there is), and `C`/`POSIX` as English.
    /// Another language is refused: there is no message in it to fall back from.
    pub fn parse(s: &str) -> Option<Locale> {
        let language = s.split(['-', '_', '.', '@']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("en")
            || language.eq_ignore_ascii_case("c")
            || language.eq_ignore_ascii_case("posix")
        {
            Some(Locale::En)
        } else if language.eq_ignore_ascii_case("zh") {
            Some(Locale::ZhCn)
        } else {
            None
        }
    }

    /// The contract's spelling (`"en"`, `"zh-CN"`).
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
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

impl Issue {
    /// The same issue named at `path`: its message, which starts with the old path (the
    /// server's sentences do, as ours do), starts with the new one.
    pub fn move_to(&mut self, path: String) {
        if let Some(said) = self.message.strip_prefix(self.path.as_str()) {
            self.message = format!("{path}{said}");
        }
        self.path = path;
    }
}

/// Issues as the JSON text `serde_json::to_string` writes for them, written directly:
/// every invalid form value crosses to JS this way, and serde's formatter was a tenth of it.
pub fn issues_json(issues: &[Issue]) -> String {
    let mut out = String::with_capacity(
        issues
            .iter()
            .map(|i| i.path.len() + i.code.len() + i.message.len() + 40)
            .sum::<usize>()
            + 2,
    );
    out.push('[');
    for (k, issue) in issues.iter().enumerate() {
        out.push_str(if k == 0 { "{\"path\":" } else { ",{\"path\":" });
        crate::http::json_str(&mut out, &issue.path);
        out.push_str(",\"code\":");
        crate::http::json_str(&mut out, &issue.code);
        out.push_str(",\"message\":");
        crate::http::json_str(&mut out, &issue.message);
        out.push('}');
    }
    out.push(']');
    out
}

/// Issues as one text, `path NUL code NUL message NUL …`, for the JS side to split (a
/// fraction of `JSON.parse`'s cost); `None` when a field holds a NUL itself.
pub fn issues_text(issues: &[Issue]) -> Option<String> {
    let mut out = String::with_capacity(
        issues
            .iter()
            .map(|i| i.path.len() + i.code.len() + i.message.len() + 3)
            .sum(),
    );
    for issue in issues {
        for field in [&issue.path, &issue.code, &issue.message] {
            if !push_text_field(&mut out, field) {
                return None;
            }
        }
    }
    Some(out)
}

/// Appends one field of an issues text and its separator; false (nothing appended) when
/// the field holds a NUL.
pub(crate) fn push_text_field(out: &mut String, field: &str) -> bool {
    if field.as_bytes().contains(&0) {
        return false;
    }
    out.push_str(field);
    out.push('\0');
    true
}

/// The issues of an `issues_text` (whose fields hold no NUL).
pub fn issues_of_text(text: &str) -> Vec<Issue> {
    let mut parts = text.split('\0');
    let mut out = Vec::new();
    while let (Some(path), Some(code), Some(message)) = (parts.next(), parts.next(), parts.next()) {
        out.push(Issue {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        });
    }
    out
}

/// The kinds of broken rules. `code()` is the stable machine code users switch on.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Required,
    /// Required because another field is given (`value: None`) or has a value.
    RequiredBecause {
        field: String,
        value: Option<String>,
    },
    UnknownField {
        hint: Option<Hint>,
    },
    InvalidType {
        expected: Expected,
    },
    /// NaN or ±Infinity given for a value (JSON has no such number: it would be sent as null).
    NonFinite {
        value: &'static str,
    },
    TooSmall {
        min: i64,
    },
    /// A client's credential left out: required, and in Node it may come from `env` (the
    /// Node entry reads that variable when the option is not given).
    RequiredCredential {
        env: &'static str,
    },
    /// A time in milliseconds given in seconds (`1700000000`): below 2000-01-01 in ms,
    /// after it in seconds.
    SecondsForMillis,
    TooBig {
        max: i64,
    },
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
        unit: LenUnit,
    },
    TooFewItems {
        min: usize,
    },
    /// A `repeatList` object (or list of them) whose fields are all empty: it puts nothing
    /// on the wire, so a required parameter would go missing.
    NothingToSend,
    TooManyItems {
        max: usize,
        got: usize,
    },
    /// `allowed` lists the accepted values, each written as it is sent (`"SCHEDULE"`, `2`).
    InvalidEnum {
        allowed: Vec<String>,
    },
    Duplicate {
        first_index: usize,
    },
    InvalidFormat {
        format: Format,
    },
    /// The field must be after `other` (its name, and its value when known).
    NotAfter {
        other: String,
        other_value: Option<String>,
    },
    /// A date of the right shape that the calendar does not have (`2026-02-30`).
    NoSuchDate,
    /// The field must not be less than `other` (its name and value); `instant`: the two
    /// are points in time (equal is fine, earlier is not: "not before").
    NotBelow {
        other: String,
        other_value: String,
        instant: bool,
    },
    NotDivisible {
        total: i64,
        lines: usize,
    },
    LineLimitExceeded {
        share: i64,
        limit: i64,
    },
    Conflict {
        other: String,
        kind: ConflictKind,
    },
    /// The same setting given twice with different values: both are shown (JSON, cut).
    Differ {
        other: String,
        ours: String,
        theirs: String,
    },
    /// Inclusive `HH:MM:SS` windows the value must fall in.
    OutsideWindow {
        windows: &'static [(&'static str, &'static str)],
    },
    NotSupported {
        reason: Reason,
    },
    /// A JS number above 2^53: digits are already lost.
    UnsafeInteger,
    TooOld {
        days: i64,
    },
    InFuture,
    InPast,
    UnknownAction {
        hint: Option<String>,
    },
    /// `paginate` given an operation that exists but has no pages.
    NotPaged,
    /// Must equal another field (`password_confirmation` and `password`).
    Mismatch {
        other: String,
    },
    /// The server's own validation refused the field, in its words (Agent API answers
    /// whose `message` is `{field: [sentences]}`).
    Rejected {
        sentence: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LenUnit {
    Chars,
    Bytes,
}

/// What a value should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Int,
    /// An integer or a digit string.
    Uint,
    /// An integer within ±(2^53 − 1).
    SafeInt,
    /// An integer within ±(2^53 − 1), or a digit string (for larger ones).
    SafeIntOrDigits,
    Str,
    Bool,
    /// 0, 1, true or false.
    Flag,
    Array,
    Object,
    /// An integer or a digit string naming something.
    Id,
    FiniteNumber,
    Function,
    AbortSignal,
    /// An HTTP status code, 100–599.
    HttpStatus,
    /// A number, decimals allowed (or a decimal string).
    Number,
    /// A string, or an integer ≥ 0 (an id that goes into the URL).
    StrOrUint,
    /// A string or an object (free text or structured data).
    StrOrObject,
}

impl Expected {
    pub const ALL: &'static [Expected] = &[
        Expected::Int,
        Expected::Uint,
        Expected::SafeInt,
        Expected::SafeIntOrDigits,
        Expected::Str,
        Expected::Bool,
        Expected::Flag,
        Expected::Array,
        Expected::Object,
        Expected::Id,
        Expected::FiniteNumber,
        Expected::Function,
        Expected::AbortSignal,
        Expected::HttpStatus,
        Expected::Number,
        Expected::StrOrUint,
        Expected::StrOrObject,
    ];
}

/// The shape a text must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `YYYY-MM-DD HH:MM[:SS]`.
    DateTime,
    /// A task's times: `YYYY-MM-DD HH:MM[:SS]` or the table's `YYYY/M/D HH:MM[:SS]`.
    TaskDateTime,
    HourMinute,
    HourMinuteSecond,
    /// `yyyy-MM-dd`.
    Date,
    /// Header-safe credentials: visible ASCII, no spaces.
    VisibleAscii,
    /// `https://host[:port][/prefix]`.
    BaseUrl,
    /// An id that is not `.` or `..`.
    PathId,
    /// ISO-8601 in UTC.
    UtcTimestamp,
    JsonText,
    Digits,
    /// No control characters.
    PlainText,
    StsToken,
    /// `host[:port]`.
    Endpoint,
    /// 1–128 printable ASCII characters.
    Nonce,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::DateTime,
        Format::TaskDateTime,
        Format::HourMinute,
        Format::HourMinuteSecond,
        Format::Date,
        Format::VisibleAscii,
        Format::BaseUrl,
        Format::PathId,
        Format::UtcTimestamp,
        Format::JsonText,
        Format::Digits,
        Format::PlainText,
        Format::StsToken,
        Format::Endpoint,
        Format::Nonce,
    ];
}

/// Why an unknown field is unknown, when something more useful than "check the spelling"
/// can be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    DidYouMean(String),
    /// The operation (named) takes no such parameter.
    NotTakenBy(String),
    /// The field belongs to the other task body variant (`"v2"` or `"legacy"`).
    OtherVariant(&'static str),
    /// The field belongs under `task_extras` (the full path).
    Inside(String),
    /// A vendor field given as a call's argument: it belongs in its `query` or `body`
    /// (named), at the full path.
    Under(&'static str, String),
    /// The task wrapped in an object of its own (`{ body: task }`): the task goes as it is.
    Unwrap,
    /// Options given to `AgentApi.paginate` as a third argument: the Agent API takes them
    /// inside the arguments.
    InArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Both switched on, where only one may be.
    Exclusive,
    /// Two spellings of the same field: send one.
    SameField,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// aiccs ImportTaskNumberDatas with DataType EXCEL.
    ExcelUnsupported,
    /// A JS value that JSON cannot carry (BigInt, a cycle, a throwing getter).
    NotJson,
    /// Text that did not parse (nesting too deep).
    Unreadable,
    /// A string holding half of a UTF-16 pair (an emoji cut by `slice`).
    LoneSurrogate,
    /// A BigInt, which JSON cannot write.
    BigInt,
    /// An object that contains itself.
    Cycle,
}

impl Problem {
    /// Every code `code()` can return (for the generated TypeScript union).
    pub const ALL_CODES: &'static [&'static str] = &[
        "required",
        "unknown_field",
        "invalid_type",
        "too_small",
        "too_big",
        "invalid_enum",
        "duplicate",
        "invalid_format",
        "invalid_range",
        "not_divisible",
        "line_limit_exceeded",
        "conflict",
        "outside_window",
        "not_supported",
        "unsafe_value",
        "too_old",
        "in_future",
        "in_past",
        "unknown_action",
        "mismatch",
        "rejected_by_server",
        "invalid_date",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required
            | Problem::RequiredBecause { .. }
            | Problem::RequiredCredential { .. } => "required",
            Problem::UnknownField { .. } => "unknown_field",
            Problem::InvalidType { .. } | Problem::NonFinite { .. } => "invalid_type",
            Problem::TooSmall { .. }
            | Problem::SecondsForMillis
            | Problem::TooShort { .. }
            | Problem::TooFewItems { .. }
            | Problem::NothingToSend => "too_small",
            Problem::TooBig { .. } | Problem::TooLong { .. } | Problem::TooManyItems { .. } => {
                "too_big"
            }
            Problem::InvalidEnum { .. } => "invalid_enum",
            Problem::Duplicate { .. } => "duplicate",
            Problem::InvalidFormat { .. } => "invalid_format",
            Problem::NotAfter { .. } | Problem::NotBelow { .. } => "invalid_range",
            Problem::NoSuchDate => "invalid_date",
            Problem::NotDivisible { .. } => "not_divisible",
            Problem::LineLimitExceeded { .. } => "line_limit_exceeded",
            Problem::Conflict { .. } | Problem::Differ { .. } => "conflict",
            Problem::OutsideWindow { .. } => "outside_window",
            Problem::NotSupported { .. } => "not_supported",
            Problem::UnsafeInteger => "unsafe_value",
            Problem::TooOld { .. } => "too_old",
            Problem::InFuture => "in_future",
            Problem::InPast => "in_past",
            Problem::UnknownAction { .. } => "unknown_action",
            Problem::NotPaged => "invalid_enum",
            Problem::Mismatch { .. } => "mismatch",
            Problem::Rejected { .. } => "rejected_by_server",
        }
    }

    /// The sentence for people, in `locale` (see `crate::messages`).
    pub fn message(&self, locale: Locale, path: &str, got: Option<&Value>) -> String {
        crate::messages::render(self, locale, path, got)
    }

    pub fn issue(&self, locale: Locale, path: &str, got: Option<&Value>) -> Issue {
        self.issue_got(locale, path, got.map(crate::json::Got::of))
    }

    /// `issue` with what is shown of the received value already taken from it.
    pub fn issue_got(&self, locale: Locale, path: &str, got: Option<crate::json::Got>) -> Issue {
        Issue {
            path: path.to_string(),
            code: self.code().to_string(),
            message: crate::messages::render_got(self, locale, path, got),
        }
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn issues_json_is_what_serde_writes() {
        let issue = |path: &str, message: &str| Issue {
            path: path.into(),
            code: "too_big".into(),
            message: message.into(),
        };
        for issues in [
            vec![],
            vec![issue("a.b[0]", "plain")],
            vec![
                issue("", "引号 \" 反斜杠 \\ 换行 \n 控制 \u{1} 制表 \t"),
                issue("x\u{7f}", "中文 ok 😀"),
            ],
        ] {
            assert_eq!(
                issues_json(&issues),
                serde_json::to_string(&issues).unwrap()
            );
        }
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn issues_text_joins_fields_with_nul_unless_one_holds_it() {
        let issue = |path: &str, message: &str| Issue {
            path: path.into(),
            code: "too_big".into(),
            message: message.into(),
        };
        assert_eq!(
            issues_text(&[issue("a[0]", "m \"1\""), issue("", "中文")]).as_deref(),
            Some("a[0]\0too_big\0m \"1\"\0\0too_big\0中文\0")
        );
        assert_eq!(issues_text(&[issue("a", "x"), issue("b\0c", "y")]), None);
        assert_eq!(issues_text(&[issue("a", "received \"\0\"")]), None);
        let two = [issue("a[0]", "m"), issue("", "中文")];
        assert_eq!(issues_of_text(&issues_text(&two).unwrap()), two);
        assert!(issues_of_text("").is_empty());
    }
}

#[cfg(test)]
mod locale_tests {
    use super::*;

    #[test]
    fn any_tag_of_english_or_chinese_is_taken_and_others_are_not() {
        for s in [
            "en",
            "EN",
            "en-US",
            "en_GB",
            "en-US.UTF-8",
            "C",
            "C.UTF-8",
            "POSIX",
        ] {
            assert_eq!(Locale::parse(s), Some(Locale::En), "{s}");
        }
        for s in [
            "zh-CN",
            "zh",
            "zh_CN",
            "zh-Hans",
            "zh-Hans-CN",
            "zh-SG",
            "zh-TW",
            "zh_CN.UTF-8",
        ] {
            assert_eq!(Locale::parse(s), Some(Locale::ZhCn), "{s}");
        }
        for s in ["fr", "fr-FR", "", "-", "english", "zhx", "ja_JP.UTF-8"] {
            assert_eq!(Locale::parse(s), None, "{s}");
        }
    }
}
