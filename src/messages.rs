//! Every validation sentence, per locale, in one place.
//!
//! A `Problem` carries data; this module turns it into a sentence naming the field and
//! what was received. English and Simplified Chinese are written side by side per kind so
//! they cannot drift apart; the Chinese is written as a Chinese engineer would write it
//! (full-width punctuation, the condition before the consequence) and contains no English
//! beyond field names, received values, codes and format examples — `tests` below check
//! that for every kind.

use crate::error::{ApiCode, Cut};
use crate::issue::{ConflictKind, Expected, Format, Hint, LenUnit, Locale, Problem, Reason};
use crate::json::Got;
use serde_json::Value;

/// The sentence for `problem` at `path`; `got` is the received value when there is one.
pub fn render(problem: &Problem, locale: Locale, path: &str, got: Option<&Value>) -> String {
    render_got(problem, locale, path, got.map(Got::of))
}

/// `render` with what is shown of the received value already taken from it.
pub fn render_got(problem: &Problem, locale: Locale, path: &str, got: Option<Got>) -> String {
    let mut out = String::with_capacity(path.len() + 80);
    render_into(&mut out, problem, locale, path, got.as_ref());
    out
}

/// `render_got`, written at the end of `out`.
pub fn render_into(
    out: &mut String,
    problem: &Problem,
    locale: Locale,
    path: &str,
    got: Option<&Got>,
) {
    let field = match (path.is_empty(), locale) {
        (false, _) => path,
        (true, Locale::En) => "the request",
        (true, Locale::ZhCn) => "\u{8bf7}\u{6c42}\u{53c2}\u{6570}", // 请求参数
    };
    let (template, args) = template(problem, locale);
    // A Chinese word needs no space before the next one: "请求参数必须是对象".
    let squeeze = path.is_empty() && locale == Locale::ZhCn;
    fill(out, template, field, squeeze, got, locale, &args);
}

/// Replaces `{field}`, `{got}`, `{0}` and `{1}` in a template, writing the sentence into
/// `out` (no text is made for a part on its own). One small function for every message
/// keeps the wasm small (no formatting code per sentence). `squeeze` drops the space after
/// the first `{field}`.
#[cfg_attr(aicall_speed, optimize(speed))]
fn fill(
    out: &mut String,
    template: &str,
    field: &str,
    mut squeeze: bool,
    got: Option<&Got>,
    locale: Locale,
    args: &[Arg; 2],
) {
    let mut rest = template;
    while let Some(i) = rest.bytes().position(|b| b == b'{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let len = if tail.starts_with("{field}") {
            out.push_str(field);
            if std::mem::take(&mut squeeze) && tail[7..].starts_with(' ') {
                8
            } else {
                7
            }
        } else if tail.starts_with("{got}") {
            if let Some(g) = got {
                // One form in zh, whatever comes before: "…不能大于 3，收到：5。"
                out.push_str(pick(
                    locale,
                    ", received ",
                    "\u{ff0c}\u{6536}\u{5230}\u{ff1a}",
                )); // ，收到：
                describe_into(out, g, locale);
            }
            5
        } else if tail.starts_with("{0}") {
            args[0].write(out);
            3
        } else if tail.starts_with("{1}") {
            args[1].write(out);
            3
        } else {
            out.push('{');
            1
        };
        rest = &tail[len..];
    }
    out.push_str(rest);
}

fn pick(locale: Locale, en: &'static str, zh: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::ZhCn => zh,
    }
}

/// A value a template cites: borrowed from the problem where it can be, a number written
/// straight into the sentence.
enum Arg<'p> {
    Text(&'p str),
    Num(i64),
    /// Items with a separator between them (the allowed values of an enum).
    Join(&'p [String], &'static str),
    Owned(String),
}

impl Arg<'_> {
    fn write(&self, out: &mut String) {
        match self {
            Arg::Text(s) => push_plain(out, s),
            Arg::Num(n) => push_num(out, *n),
            Arg::Join(items, sep) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    out.push_str(item);
                }
            }
            Arg::Owned(s) => push_plain(out, s),
        }
    }
}

/// Writes text a message quotes (a server's sentence, a network error's detail) with every
/// control character (C0, DEL, C1) and bidirectional override as a space: a hostile server
/// must not clear a terminal (`ESC[2J`), start a forged log line (CR LF) or reverse what a
/// reader sees (U+202E). Bytes that cannot start one are copied at once.
pub(crate) fn push_plain(out: &mut String, s: &str) {
    if !s
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
    {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        out.push(if hidden(c) { ' ' } else { c });
    }
}

/// A character no message shows as is: a control character or a bidirectional override.
pub(crate) fn hidden(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Writes an integer in decimal (what `to_string` writes, without the formatting machinery).
pub(crate) fn push_num(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.extend(digits[at..].iter().map(|&d| d as char));
}

fn args0<'p>() -> [Arg<'p>; 2] {
    [Arg::Text(""), Arg::Text("")]
}
fn args1(a: Arg<'_>) -> [Arg<'_>; 2] {
    [a, Arg::Text("")]
}
fn args2<'p>(a: Arg<'p>, b: Arg<'p>) -> [Arg<'p>; 2] {
    [a, b]
}
fn num<'p>(n: i64) -> Arg<'p> {
    Arg::Num(n)
}
fn text(s: &str) -> Arg<'_> {
    Arg::Text(s)
}

/// The template of a problem in `l`, and the values of its `{0}` / `{1}`.
fn template(p: &Problem, l: Locale) -> (&'static str, [Arg<'_>; 2]) {
    let t = |en, zh| pick(l, en, zh);
    match p {
        Problem::Required => (t("{field} is required{got}.", "{field} 为必填项{got}。"), args0()),
        Problem::RequiredBecause { field, value: Some(v) } => {
            (t("{field} is required because {0} is {1}{got}.", "{0} 为 {1} 时，{field} 为必填项{got}。"), args2(text(field), text(v)))
        }
        Problem::RequiredBecause { field, value: None } => {
            (t("{field} is required because {0} is given{got}.", "传入 {0} 时，{field} 为必填项{got}。"), args1(text(field)))
        }
        Problem::UnknownField { hint: None } => {
            (t("{field} is not a known field; check the spelling.", "{field} 是未知字段，请检查拼写。"), args0())
        }
        Problem::UnknownField { hint: Some(Hint::DidYouMean(s)) } => {
            (t("{field} is not a known field (did you mean \"{0}\"?).", "{field} 是未知字段，是否应为 \"{0}\"？"), args1(text(s)))
        }
        Problem::UnknownField { hint: Some(Hint::NotTakenBy(op)) } => {
            (t("{field} is not a known field ({0} does not take it).", "{0} 不支持参数 {field}。"), args1(text(op)))
        }
        Problem::UnknownField { hint: Some(Hint::OtherVariant(v)) } => (
            t(
                "{field} is not a known field (a field of the {0} body: pass variant \"{0}\").",
                "{field} 是未知字段：它属于 {0} 版任务，请传 variant \"{0}\"。",
            ),
            args1(text(v)),
        ),
        Problem::UnknownField { hint: Some(Hint::Unwrap) } => (
            t(
                "{field} is not a task field: pass the task itself (what {field} holds), not an object around it.",
                "{field} 不是任务字段：请直接传任务对象（即 {field} 的内容），不要在外面再包一层。",
            ),
            args0(),
        ),
        Problem::UnknownField { hint: Some(Hint::InArgs) } => (
            t(
                "{field}: AgentApi.paginate takes no options argument; pass signal and locale inside the arguments: paginate(name, { ...args, signal }).",
                "{field}：\"AgentApi.paginate\" 没有第三个参数，\"signal\"、\"locale\" 请放在参数对象里。",
            ),
            args0(),
        ),
        Problem::UnknownField { hint: Some(Hint::Under(arg, path)) } => (
            t("{field} is not an argument of this call; it goes inside {0}, as {1}.", "{field} 不是顶层参数，应放在 {0} 里，即 {1}。"),
            args2(text(arg), text(path)),
        ),
        Problem::UnknownField { hint: Some(Hint::Inside(path)) } => (
            t("{field} is not a known field (it belongs inside task_extras: {0}).", "{field} 是未知字段：它应放在 task_extras 下，即 {0}。"),
            args1(text(path)),
        ),
        Problem::InvalidType { expected } => (t("{field} must be {0}{got}.", "{field} 必须是{0}{got}。"), args1(text(expected_text(*expected, l)))),
        Problem::NonFinite { value } => (
            t("{field} cannot be {0}: JSON has no such number (it would be sent as null).", "{field} 不能是 {0}：JSON 不支持 {0}（会被当作 null 发送）。"),
            args1(text(value)),
        ),
        Problem::TooSmall { min } => (t("{field} must be at least {0}{got}.", "{field} 不能小于 {0}{got}。"), args1(num(*min))),
        Problem::RequiredCredential { env } => (
            t(
                "{field} is required (in Node it can also come from the environment variable {0}).",
                "{field} 为必填项（在 Node 中也可通过环境变量 {0} 提供）。",
            ),
            args1(text(env)),
        ),
        Problem::SecondsForMillis => (
            t(
                "{field} is a time in milliseconds; this looks like seconds (multiply by 1000){got}.",
                "{field} 是毫秒时间戳，该值像是以秒为单位（请乘以 1000）{got}。",
            ),
            args0(),
        ),
        Problem::TooBig { max } => (t("{field} must be at most {0}{got}.", "{field} 不能大于 {0}{got}。"), args1(num(*max))),
        Problem::TooShort { min: 1 } => (t("{field} must not be empty.", "{field} 不能为空。"), args0()),
        Problem::TooShort { min } => (t("{field} must have at least {0} characters{got}.", "{field} 至少需要 {0} 个字符{got}。"), args1(num(*min as i64))),
        Problem::TooLong { max, unit: LenUnit::Chars } => {
            (t("{field} must have at most {0} characters{got}.", "{field} 不能超过 {0} 个字符{got}。"), args1(num(*max as i64)))
        }
        Problem::TooLong { max, unit: LenUnit::Bytes } => {
            (t("{field} must have at most {0} bytes (UTF-8){got}.", "{field} 不能超过 {0} 个字节（UTF-8）{got}。"), args1(num(*max as i64)))
        }
        Problem::TooFewItems { min } => {
            (t("{field} must have at least {0} item{1}{got}.", "{field} 至少需要 {0} 项{got}。"), args2(num(*min as i64), text(plural(*min))))
        }
        Problem::NothingToSend => (
            t(
                "{field} has no field to send: give at least one (an empty object puts nothing on the wire).",
                "{field} 没有可发送的字段：请至少填写一个（空对象不会发送任何参数）。",
            ),
            args0(),
        ),
        Problem::TooManyItems { max, got } => {
            (t("{field} is over the limit: the list takes at most {0} items, received {1}.", "{field} 超出上限：列表最多 {0} 项，实际收到 {1} 项。"), args2(num(*max as i64), num(*got as i64)))
        }
        Problem::InvalidEnum { allowed } => {
            (t("{field} must be one of {0}{got}.", "{field} 只能取 {0} 之一{got}。"), args1(Arg::Join(allowed, t(", ", "、"))))
        }
        Problem::Duplicate { first_index } => (
            t("{field} repeats the value at index {0}{got}; values must be unique.", "{field} 与下标为 {0} 的项重复{got}，列表中不能有重复值。"),
            args1(num(*first_index as i64)),
        ),
        Problem::InvalidFormat { format } => format_template(*format, l),
        Problem::NotAfter { other, other_value: Some(v) } => {
            (t("{field} must be after {0} ({1}){got}.", "{field} 必须晚于 {0}（{1}）{got}。"), args2(text(other), text(v)))
        }
        Problem::NotAfter { other, other_value: None } => (t("{field} must be after {0}{got}.", "{field} 必须晚于 {0}{got}。"), args1(text(other))),
        Problem::NoSuchDate => (t("{field} is not a day of the calendar{got}.", "{field} 不是日历上存在的日期{got}。"), args0()),
        Problem::NotBelow { other, other_value, instant: false } => {
            (t("{field} must not be less than {0} ({1}){got}.", "{field} 不能小于 {0}（{1}）{got}。"), args2(text(other), text(other_value)))
        }
        Problem::NotBelow { other, other_value, instant: true } => {
            (t("{field} must not be before {0} ({1}){got}.", "{field} 不能早于 {0}（{1}）{got}。"), args2(text(other), text(other_value)))
        }
        Problem::NotDivisible { total, lines } => (
            t(
                "{field} ({0}) must divide evenly across the {1} selected lines: use a multiple of {1}.",
                "{field}（{0}）必须能被所选线路数 {1} 整除，请使用 {1} 的倍数。",
            ),
            args2(num(*total), num(*lines as i64)),
        ),
        Problem::LineLimitExceeded { share, limit } => (
            t(
                "{field}: each line would get {0} concurrent calls, above this line's limit of {1}.",
                "{field}：每条线路平均分到 {0} 路并发，超过了该线路的上限 {1}。",
            ),
            args2(num(*share), num(*limit)),
        ),
        Problem::Conflict { other, kind } => {
            let tpl = match kind {
                ConflictKind::Exclusive => t("{field} cannot be used together with {0}.", "{field} 与 {0} 不能同时使用。"),
                ConflictKind::SameField => t(
                    "{field} cannot be used together with {0} (send one of them).",
                    "{field} 与 {0} 是同一字段的两种写法，只能传其中一个。",
                ),
            };
            (tpl, args1(text(other)))
        }
        Problem::Differ { other, ours, theirs } => (
            t(
                "{field} ({0}) differs from {1}: when both are given they must be equal.",
                "{field}（{0}）与 {1}的值不一致，两处都传时必须相同。",
            ),
            args2(text(ours), Arg::Owned(format!("{other}{}{theirs}{}", t(" (", "（"), t(")", "）")))),
        ),
        Problem::OutsideWindow { windows } => {
            let text = windows.iter().map(|(a, b)| format!("{a}–{b}")).collect::<Vec<_>>().join(t(" or ", " 或 "));
            (t("{field} must fall within {0}{got}.", "{field} 必须在 {0} 范围内{got}。"), args1(Arg::Owned(text)))
        }
        Problem::NotSupported { reason: Reason::ExcelUnsupported } => (
            t(
                "{field}: the API accepts JSON only for now (EXCEL needs an OSS upload it does not support); send DataType \"JSON\" with PhoneNumberList{got}.",
                "{field}：接口暂时只支持 JSON（EXCEL 需要先上传到 OSS，接口尚不支持），请使用 DataType \"JSON\" 并传 PhoneNumberList{got}。",
            ),
            args0(),
        ),
        Problem::NotSupported { reason: Reason::NotJson } => (
            t(
                "{field} cannot be read as JSON: functions, symbols, BigInt values, Map and Set (use a plain object or an array), cycles, throwing getters and nesting thousands of levels deep are not supported; pass big ids as strings.",
                "{field} 无法按 JSON 读取：不支持函数、符号值、BigInt、Map 和 Set（请改用普通对象或数组）、循环引用、会抛错的属性和数千层的嵌套，大整数 ID 请用字符串传递。",
            ),
            args0(),
        ),
        Problem::NotSupported { reason: Reason::Unreadable } => {
            // The tape's recursion limit: 128 nested arrays or objects.
            (t("{field} cannot be read: the value is nested more than 127 levels deep.", "{field} 无法读取：嵌套超过了 127 层。"), args0())
        }
        Problem::NotSupported { reason: Reason::BigInt } => (
            t(
                "{field} is a BigInt, which JSON cannot carry; pass it as a string (String(id)), or as a number up to 2^53-1.",
                "{field} 是 BigInt，JSON 无法表示；请改传字符串，或不超过 2^53-1 的数字。",
            ),
            args0(),
        ),
        Problem::NotSupported { reason: Reason::Cycle } => (
            t(
                "{field} contains itself (a cycle), which JSON cannot write.",
                "{field} 引用了自身（循环引用），无法转换为 JSON。",
            ),
            args0(),
        ),
        Problem::NotSupported { reason: Reason::LoneSurrogate } => (
            t(
                "{field} holds half of a UTF-16 pair (a lone surrogate, e.g. an emoji cut in two by slice); it cannot be sent as UTF-8.",
                "{field} 含有不成对的 UTF-16 代理字符（例如被截断的表情符号），无法按 UTF-8 发送。",
            ),
            args0(),
        ),
        Problem::UnsafeInteger => (
            t(
                "{field}: ids above 2^53 lose digits as JS numbers; pass them as strings{got}.",
                "{field}：超过 2^53 的 ID 用 JS 数字表示会丢失精度，请改用字符串传递{got}。",
            ),
            args0(),
        ),
        Problem::TooOld { days } => (t("{field} must be within the last {0} days{got}.", "{field} 只能是最近 {0} 天内的日期{got}。"), args1(num(*days))),
        Problem::InFuture => (t("{field} must not be in the future{got}.", "{field} 不能是将来的日期{got}。"), args0()),
        Problem::InPast => (t("{field} must be in the future{got}.", "{field} 必须是将来的时间{got}。"), args0()),
        Problem::UnknownAction { hint: Some(h) } => {
            (t("{field}: unknown operation{got}; did you mean \"{0}\"?", "{field}：未知的接口{got}，是否应为 \"{0}\"？"), args1(text(h)))
        }
        Problem::Mismatch { other } => (t("{field} must equal {0}.", "{field} 必须与 {0} 一致。"), args1(text(other))),
        // A field listed without a sentence (`{"password": []}`): no dangling colon.
        Problem::Rejected { sentence } if sentence.trim().is_empty() => (t("{field}: the server refused it.", "{field}：服务端拒绝了该值。"), args0()),
        Problem::Rejected { sentence } => (t("{field}: the server refused it: {0}", "{field}：服务端拒绝了该值：{0}"), args1(text(sentence))),
        Problem::NotPaged => (
            t(
                "{field} names an operation that has no pages{got}: call it directly; operations() marks the paged ones (paged: true).",
                "{field} 对应的接口没有分页{got}，请直接调用；哪些接口可分页见 operations()。",
            ),
            args0(),
        ),
        Problem::UnknownAction { hint: None } => (
            t("{field}: unknown operation{got}; see operations() for the supported ones.", "{field}：未知的接口{got}，支持的接口见 operations()。"),
            args0(),
        ),
    }
}

fn expected_text(e: Expected, l: Locale) -> &'static str {
    let t = |en, zh| pick(l, en, zh);
    match e {
        Expected::Int => t("an integer", "整数"),
        Expected::Uint => t(
            "a whole number (integer or digit string)",
            "整数（数字或数字字符串）",
        ),
        Expected::SafeInt => t(
            "a safe integer (|n| ≤ 2^53-1)",
            "安全整数（绝对值不超过 2^53-1）",
        ),
        Expected::SafeIntOrDigits => t(
            "a safe integer (|n| ≤ 2^53-1), or a digit string for a larger one",
            "安全整数（绝对值不超过 2^53-1），更大的数请写成数字字符串",
        ),
        Expected::Str => t("a string", "字符串"),
        Expected::Bool => t("true or false", " true 或 false"),
        Expected::Flag => t("0, 1, true or false", " 0、1、true 或 false"),
        Expected::Array => t("an array", "数组"),
        Expected::Object => t("an object", "对象"),
        Expected::Id => t(
            "an id (an integer ≥ 0, or its digits as a string)",
            " ID（非负整数，或由数字组成的字符串）",
        ),
        Expected::FiniteNumber => t("a finite number", "有限的数字"),
        Expected::Function => t("a function", "函数"),
        Expected::AbortSignal => t("an AbortSignal", " AbortSignal"),
        Expected::HttpStatus => t("an HTTP status (100–599)", " HTTP 状态码（100–599）"),
        Expected::Number => t("a number", "数字"),
        Expected::StrOrUint => t("a string or an integer ≥ 0", "字符串或非负整数"),
        Expected::StrOrObject => t("a string or an object", "字符串或对象"),
    }
}

/// A valid example of a date or time format, quoted, with its pattern.
pub fn format_example(f: Format) -> &'static str {
    match f {
        Format::DateTime => "\"2024-12-23 19:00:00\"",
        Format::TaskDateTime => "\"2024-12-23 19:00:00\" (or \"2024/11/1 13:25\")",
        Format::HourMinute => "\"09:00\" (HH:MM)",
        Format::HourMinuteSecond => "\"09:00:00\" (HH:MM:SS)",
        Format::Date => "\"2025-06-06\" (yyyy-MM-dd)",
        _ => "",
    }
}

fn format_template(f: Format, l: Locale) -> (&'static str, [Arg<'static>; 2]) {
    let t = |en, zh| pick(l, en, zh);
    let tpl = match f {
        Format::DateTime | Format::TaskDateTime | Format::HourMinute | Format::HourMinuteSecond | Format::Date => {
            let example = match l {
                Locale::En => format_example(f).to_string(),
                Locale::ZhCn if f == Format::TaskDateTime => "\"2024-12-23 19:00:00\"（或 \"2024/11/1 13:25\"）".to_string(),
                Locale::ZhCn => format_example(f).replace(" (", "\u{ff08}").replace(')', "\u{ff09}"),
            };
            return (t("{field} must look like {0}{got}.", "{field} 的格式应为 {0}{got}。"), args1(Arg::Owned(example)));
        }
        Format::VisibleAscii => t("{field} must contain visible ASCII characters only, without spaces.", "{field} 只能包含可见的 ASCII 字符，不能有空格。"),
        Format::BaseUrl => t(
            "{field} must look like \"https://host[:port][/prefix]\", without query, fragment or user-info{got}.",
            "{field} 的格式应为 \"https://host[:port][/prefix]\"，不能带查询参数、片段或用户信息{got}。",
        ),
        Format::PathId => t("{field} must be an id, not \".\" or \"..\"{got}.", "{field} 必须是有效的 ID，不能是 \".\" 或 \"..\"{got}。"),
        Format::UtcTimestamp => t(
            "{field} must be an ISO-8601 time in UTC, e.g. \"2026-11-21T08:00:00Z\"{got}.",
            "{field} 必须是 UTC 时区的 ISO-8601 时间，例如 \"2026-11-21T08:00:00Z\"{got}。",
        ),
        Format::JsonText => t("{field} must be a JSON text{got}.", "{field} 必须是 JSON 文本{got}。"),
        Format::Digits => t("{field} must contain digits only, e.g. \"123\"{got}.", "{field} 只能包含数字，例如 \"123\"{got}。"),
        Format::PlainText => t("{field} must be text without control characters.", "{field} 不能包含控制字符。"),
        Format::StsToken => t(
            "{field} must be a non-empty STS token of visible ASCII characters, without spaces.",
            "{field} 必须是非空的 STS 令牌，只能包含可见的 ASCII 字符，不能有空格。",
        ),
        Format::Endpoint => t(
            "{field} must be a host with an optional port, like \"aiccs.aliyuncs.com\" or \"127.0.0.1:8787\" (no scheme, no path, port 1–65535){got}.",
            "{field} 应为主机名加可选端口，例如 \"aiccs.aliyuncs.com\" 或 \"127.0.0.1:8787\"（不带协议和路径，端口 1–65535）{got}。",
        ),
        Format::Nonce => t("{field} must be 1 to 128 printable ASCII characters.", "{field} 必须是 1 到 128 个可打印的 ASCII 字符。"),
    };
    (tpl, args0())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A short, safe rendering of a received value for messages (long strings are cut).
pub fn describe(got: Got, locale: Locale) -> String {
    let mut out = String::new();
    describe_into(&mut out, &got, locale);
    out
}

fn describe_into(out: &mut String, got: &Got, locale: Locale) {
    match got {
        Got::Undefined => out.push_str("undefined"),
        Got::Function => out.push_str(pick(locale, "a function", "函数")),
        Got::Symbol => out.push_str(pick(locale, "a symbol", "符号值")),
        Got::Null => out.push_str("null"),
        Got::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Got::Number(n) => out.push_str(n),
        Got::Str(head, more) => {
            out.push('"');
            out.push_str(head);
            out.push_str(if *more { "…\"" } else { "\"" });
        }
        Got::Array(n) => {
            out.push_str(pick(locale, "an array of ", "含 "));
            push_num(out, *n as i64);
            out.push_str(pick(
                locale,
                if *n == 1 { " item" } else { " items" },
                " 项的数组",
            ));
        }
        Got::Object => out.push_str(pick(locale, "an object", "对象")),
    }
}

/// The message of a validation error: how many issues, and the first three.
pub fn validation_summary(issues: &[crate::Issue], locale: Locale) -> String {
    let n = issues.len();
    // The backend's own field errors (`rejected_by_server`) must not read as ours.
    let by_server = n > 0 && issues.iter().all(|i| i.code == "rejected_by_server");
    let mut out = match (locale, by_server) {
        (Locale::En, false) => format!("{n} validation issue{}: ", plural(n)),
        (Locale::ZhCn, false) => format!("{n} 个校验问题\u{ff1a}"),
        (Locale::En, true) => format!("The server found {n} problem{} in the request: ", plural(n)),
        (Locale::ZhCn, true) => format!("服务端指出请求有 {n} 个问题\u{ff1a}"),
    };
    for (k, issue) in issues.iter().take(3).enumerate() {
        // Our sentences end with a stop; a server's text quoted at the end may not, or may
        // end with a stop of the other language.
        let full_stop = out.ends_with(['\u{3002}', '\u{ff01}', '\u{ff1f}', '\u{ff1b}']);
        let ascii_stop = out.ends_with(['.', '!', '?', ';']);
        match locale {
            _ if k == 0 => {}
            Locale::En => out.push_str(if full_stop || ascii_stop { " " } else { "; " }),
            Locale::ZhCn if full_stop => {}
            Locale::ZhCn => out.push_str(if ascii_stop { " " } else { "\u{ff1b}" }),
        }
        out.push_str(&issue.message);
    }
    if n > 3 {
        out.push_str(&match locale {
            Locale::En => format!(" (+{} more)", n - 3),
            Locale::ZhCn => format!("\u{ff08}另有 {} 个\u{ff09}", n - 3),
        });
    }
    out
}

/// An error's message (other than validation) in `locale`. Server and platform text is
/// quoted as it came. Templates filled by the same `fill` as the issues (wasm size).
pub fn say(s: &crate::error::Says, locale: Locale) -> String {
    use crate::error::Says;
    let t = |en, zh| pick(locale, en, zh);
    let num = |n: u64| Arg::Num(n.min(i64::MAX as u64) as i64);
    let (template, args) = match s {
        Says::ClientFreed => (t("this client was freed: create a new one", "该客户端已释放，请新建一个客户端"), args0()),
        Says::Aborted => (t("the request was aborted by the caller's signal", "请求已被调用方的 signal 中止"), args0()),
        Says::Timeout { ms } => (t("no answer within {0} ms", "{0} 毫秒内没有收到应答"), args1(num(u64::from(*ms)))),
        Says::NoAnswer { detail } if detail.trim().is_empty() => (t("the request got no answer (it may or may not have reached the server)", "请求没有收到应答（服务端可能已收到，也可能没有）"), args0()),
        Says::NotConnected { detail } => (
            t(
                "could not connect to the server, so nothing was sent (is it running, and is the address right?): {0}",
                "无法连接到服务端，请求未发出（请确认服务已启动、地址正确）：{0}",
            ),
            args1(Arg::Text(detail)),
        ),
        Says::NoAnswer { detail } => (t("the request got no answer (it may or may not have reached the server): {0}", "请求没有收到应答（服务端可能已收到，也可能没有）：{0}"), args1(Arg::Text(detail))),
        Says::CutOff { status, detail } if detail.trim().is_empty() => {
            (t("the answer (HTTP {0}) was cut off", "应答（HTTP {0}）读取中断"), args1(num(u64::from(*status))))
        }
        Says::CutOff { status, detail } => {
            (t("the answer (HTTP {0}) was cut off: {1}", "应答（HTTP {0}）读取中断：{1}"), args2(num(u64::from(*status)), Arg::Text(detail)))
        }
        Says::NoFetch => (t("no fetch function: pass `fetch` in the options (Node < 18)", "没有可用的 fetch 函数：请在选项中传入 `fetch`（Node 18 以下）"), args0()),
        Says::Redirect { status: 0, host: Some(h) } => {
            (t("the server redirected to {0}; redirects are not followed", "服务端重定向到 {0}；不会跟随重定向"), args1(Arg::Text(h)))
        }
        Says::Redirect { status: 0, host: None } => (t("the server redirected; redirects are not followed", "服务端要求重定向；不会跟随重定向"), args0()),
        Says::Redirect { status, host: Some(h) } => {
            (t("HTTP {0} redirect to {1}; redirects are not followed", "HTTP {0} 重定向到 {1}；不会跟随重定向"), args2(num(u64::from(*status)), Arg::Text(h)))
        }
        Says::Redirect { status, host: None } => (t("HTTP {0} redirect; redirects are not followed", "HTTP {0} 重定向；不会跟随重定向"), args1(num(u64::from(*status)))),
        Says::TooLarge { cap } => {
            (t("the answer is larger than maxResponseBytes ({0} bytes); reading stopped", "应答超过 maxResponseBytes（{0} 字节），已停止读取"), args1(num(*cap)))
        }
        Says::HttpStatus { status, text, check_token } => {
            let template = match (text.trim().is_empty(), check_token) {
                (true, false) => t("HTTP {0} with an empty body", "HTTP {0}，应答为空"),
                (true, true) => t("HTTP {0} with an empty body (check the token)", "HTTP {0}，应答为空（请检查 token）"),
                (false, false) => t("HTTP {0}: {1}", "HTTP {0}：{1}"),
                (false, true) => t("HTTP {0}: {1} (check the token)", "HTTP {0}：{1}（请检查 token）"),
            };
            (template, args2(num(u64::from(*status)), Arg::Text(text)))
        }
        Says::EmptyBody { status } => (t("HTTP {0} with an empty body; expected JSON", "HTTP {0}，应答为空，应为 JSON"), args1(num(u64::from(*status)))),
        Says::Html { excerpt } if excerpt.trim().is_empty() => (t("expected JSON, received an HTML page", "应为 JSON，收到的是 HTML 页面"), args0()),
        Says::Html { excerpt } => (t("expected JSON, received an HTML page: {0}", "应为 JSON，收到的是 HTML 页面：{0}"), args1(Arg::Text(excerpt))),
        Says::Truncated { bytes } => (t("the JSON answer is cut off ({0} bytes received)", "JSON 应答不完整（收到 {0} 字节）"), args1(num(*bytes as u64))),
        Says::InvalidJson { line, column } => (
            t("the answer is not valid JSON (line {0}, column {1})", "应答不是有效的 JSON（第 {0} 行第 {1} 列）"),
            args2(num(*line as u64), num(*column as u64)),
        ),
        Says::TooDeep { depth } => (
            t("the answer is nested more than {0} levels deep, more than this SDK reads", "应答的嵌套超过 {0} 层，超出本 SDK 的读取上限"),
            args1(num(u64::from(*depth))),
        ),
        Says::NumberOutOfRange { line, column } => (
            t(
                "the answer holds a number too large for a double (line {0}, column {1})",
                "应答中有超出双精度浮点数范围的数字（第 {0} 行第 {1} 列）",
            ),
            args2(num(*line as u64), num(*column as u64)),
        ),
        Says::Shape { expected } => (shape(*expected, locale), args0()),
        Says::NotAResponse => (t("fetch returned something that is not a Response", "fetch 返回的不是 Response 对象"), args0()),
        Says::BadBody { status } => {
            (t("the answer (HTTP {0}) has a body that cannot be read", "应答（HTTP {0}）的正文无法读取"), args1(num(u64::from(*status))))
        }
        Says::AgentApi { code, text } => {
            let code = match code {
                ApiCode::Num(n) => Arg::Num(*n),
                ApiCode::Text(c) => Arg::Text(c),
            };
            match text.trim().is_empty() {
                true => (t("Agent API error {0}", "接口返回错误 {0}"), args1(code)),
                false => (t("Agent API error {0}: {1}", "接口返回错误 {0}：{1}"), args2(code, Arg::Text(text))),
            }
        }
        // No colon left dangling when the service gave no text.
        Says::Aiccs { status: Some(s), code, text } => {
            let template = match (code.is_empty(), text.trim().is_empty()) {
                (true, true) => "HTTP {0}",
                (true, false) => t("HTTP {0}: {1}", "HTTP {0}：{1}"),
                (false, true) => "HTTP {0} {field}",
                (false, false) => t("HTTP {0} {field}: {1}", "HTTP {0} {field}：{1}"),
            };
            return fill_said(template, &args2(num(u64::from(*s)), Arg::Text(text)), code, locale);
        }
        Says::Aiccs { status: None, code, text } => {
            let template = match (code.is_empty(), text.trim().is_empty()) {
                // `Success: false`, or an empty `Code`: a failure either way, said without
                // naming a field the answer may not have.
                (true, true) => t("aiccs answered a failure without a Code or a Message", "aiccs 返回了失败，但没有给出 Code 和 Message"),
                (true, false) => t("aiccs error: {1}", "aiccs 返回错误：{1}"),
                (false, true) => t("aiccs error {field}", "aiccs 返回错误 {field}"),
                (false, false) => t("aiccs error {field}: {1}", "aiccs 返回错误 {field}：{1}"),
            };
            return fill_said(template, &args2(Arg::Text(""), Arg::Text(text)), code, locale);
        }
        Says::RepeatedPage { page } => walk_cut(*page, None, locale),
        Says::PagesCutShort { page, cut } => walk_cut(*page, Some(*cut), locale),
        Says::MissingRecord { id } => {
            (t("the server's answer gave no recording URL for record id {0}", "服务端应答中没有记录 ID {0} 的录音地址"), args1(Arg::Text(id)))
        }
        Says::NoCrypto => (
            t("no random source (crypto.getRandomValues is missing or failed): pass an explicit nonce", "无法取得随机数（crypto.getRandomValues 不可用或失败）：请显式传入 nonce"),
            args0(),
        ),
    };
    fill_said(template, &args, "", locale)
}

/// Why a walk through pages stopped early (`repeated_page`: `cut` is `None`;
/// `incomplete_pages`), with its template's arguments.
fn walk_cut(page: u64, cut: Option<Cut>, locale: Locale) -> (&'static str, [Arg<'static>; 2]) {
    let t = |en, zh| pick(locale, en, zh);
    let num = |n: u64| Arg::Num(n.min(i64::MAX as u64) as i64);
    match cut {
        None => (
            t(
                "page {0} repeats an earlier page although the server says more pages follow: the walk stopped and may be incomplete",
                "第 {0} 页与之前的某页相同，但服务端表示后面还有页：已停止遍历，结果可能不完整",
            ),
            args1(num(page)),
        ),
        Some(Cut::Other(other)) => (
            t(
                "page {0} was asked for and the server answered page {1}, although it says more pages follow: the walk stopped and may be incomplete",
                "请求第 {0} 页，服务端却返回了第 {1} 页，但它表示后面还有页：已停止遍历，结果可能不完整",
            ),
            args2(num(page), num(other)),
        ),
        Some(Cut::Empty) => (
            t(
                "page {0} is empty although the server says more pages follow: the walk stopped and may be incomplete",
                "第 {0} 页为空，但服务端表示后面还有页：已停止遍历，结果可能不完整",
            ),
            args1(num(page)),
        ),
        Some(Cut::Unreadable) => (
            t(
                "page {0}'s rows are not a JSON list (they come as JSON text): the walk stopped and may be incomplete",
                "第 {0} 页的行数据不是 JSON 列表（应为 JSON 文本形式的列表）：已停止遍历，结果可能不完整",
            ),
            args1(num(page)),
        ),
        Some(Cut::Cap) => (
            t(
                "the walk stopped at page {0}: it reads at most {1} pages, and the list did not end there, so it may be incomplete",
                "遍历已到上限（最多读取 {1} 页），停在第 {0} 页，列表并未结束：结果可能不完整",
            ),
            args2(num(page), num(crate::policy::MAX_PAGES)),
        ),
        Some(Cut::Short { received, total }) => (
            t(
                "the server ended the list after {0} rows in all, although its total says {1}: the walk may be incomplete",
                "服务端在返回 {0} 行后结束了列表，但它给出的总数是 {1}：结果可能不完整",
            ),
            args2(num(received), num(total)),
        ),
    }
}

fn shape(expected: crate::error::Shape, locale: Locale) -> &'static str {
    use crate::error::Shape;
    match expected {
        Shape::Envelope => pick(locale, "the answer has another shape: expected an object with code, status and message", "应答的结构不对：应为含 code、status、message 的对象"),
        Shape::EnvelopeCode => pick(locale, "the answer has another shape: its `code` is missing", "应答的结构不对：缺少 `code` 字段"),
        Shape::BatchUrls => pick(locale, "the answer has another shape: expected data.batch_url as a list of {record_id, voice_url}", "应答的结构不对：data.batch_url 应为 {record_id, voice_url} 的列表"),
        Shape::Object => pick(locale, "the answer has another shape: expected a JSON object", "应答的结构不对：应为 JSON 对象"),
        Shape::ListData => pick(locale, "the answer has another shape: expected data as a list", "应答的结构不对：data 应为列表"),
        Shape::ObjectData => pick(locale, "the answer has another shape: expected data as an object", "应答的结构不对：data 应为对象"),
        Shape::AiccsAnswer => pick(locale, "the answer has another shape: expected RequestId, Code or Success", "应答的结构不对：应含 RequestId、Code 或 Success"),
    }
}

/// `{field}` in these templates is the vendor's code.
fn fill_said(template: &str, args: &[Arg; 2], code: &str, locale: Locale) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    fill(&mut out, template, code, false, None, locale, args);
    out
}

/// Agent API 6007: what to do about it, and the server's own words.
pub fn task_running(server_msg: &str, locale: Locale) -> String {
    let mut plain = String::new();
    push_plain(&mut plain, &crate::error::shorten(server_msg));
    let server_msg = plain;
    match locale {
        Locale::En if server_msg.trim().is_empty() => {
            "The 2.0 task is running and cannot be updated: stop the task first, then retry the update (6007).".into()
        }
        Locale::En => format!(
            "The 2.0 task is running and cannot be updated: stop the task first, then retry the update (6007: {server_msg})."
        ),
        Locale::ZhCn if server_msg.trim().is_empty() => "2.0 任务正在运行，无法修改：请先停止任务，再重新提交修改（6007）。".into(),
        Locale::ZhCn => format!("2.0 任务正在运行，无法修改：请先停止任务，再重新提交修改（6007：{server_msg}）。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// One problem of every kind, with every variant of the data it carries.
    fn every_problem() -> Vec<Problem> {
        let mut all = vec![
            Problem::Required,
            Problem::RequiredBecause {
                field: "StartType".into(),
                value: Some("SCHEDULE".into()),
            },
            Problem::RequiredBecause {
                field: "PhoneNumbers".into(),
                value: None,
            },
            Problem::UnknownField { hint: None },
            Problem::UnknownField {
                hint: Some(Hint::DidYouMean("TaskCps".into())),
            },
            Problem::UnknownField {
                hint: Some(Hint::NotTakenBy("CreateAiCallTask".into())),
            },
            Problem::UnknownField {
                hint: Some(Hint::OtherVariant("legacy")),
            },
            Problem::UnknownField {
                hint: Some(Hint::Inside("task_extras.line".into())),
            },
            Problem::UnknownField {
                hint: Some(Hint::Unwrap),
            },
            Problem::UnknownField {
                hint: Some(Hint::Under("query", "query.page".into())),
            },
            Problem::UnknownField {
                hint: Some(Hint::InArgs),
            },
            Problem::TooSmall { min: 1 },
            Problem::SecondsForMillis,
            Problem::RequiredCredential {
                env: "AICALL_AGENT_TOKEN",
            },
            Problem::TooBig { max: 500 },
            Problem::TooShort { min: 1 },
            Problem::TooShort { min: 3 },
            Problem::TooLong {
                max: 128,
                unit: LenUnit::Chars,
            },
            Problem::TooLong {
                max: 15,
                unit: LenUnit::Bytes,
            },
            Problem::TooFewItems { min: 1 },
            Problem::NothingToSend,
            Problem::TooManyItems { max: 30, got: 31 },
            Problem::InvalidEnum {
                allowed: vec!["\"IMMEDIATE\"".into(), "\"SCHEDULE\"".into()],
            },
            Problem::Duplicate { first_index: 0 },
            Problem::NotAfter {
                other: "startTime".into(),
                other_value: Some("09:00:00".into()),
            },
            Problem::NotAfter {
                other: "task_extras.start_time".into(),
                other_value: None,
            },
            Problem::NotDivisible { total: 3, lines: 2 },
            Problem::LineLimitExceeded { share: 4, limit: 2 },
            Problem::Conflict {
                other: "elasticity_type".into(),
                kind: ConflictKind::Exclusive,
            },
            Problem::Conflict {
                other: "begin".into(),
                kind: ConflictKind::SameField,
            },
            Problem::Differ {
                other: "task_extras.redial_conditions.da_status".into(),
                ours: "[1]".into(),
                theirs: "[3]".into(),
            },
            Problem::OutsideWindow {
                windows: &[("10:00:00", "11:00:00"), ("13:00:00", "22:00:00")],
            },
            Problem::NotSupported {
                reason: Reason::ExcelUnsupported,
            },
            Problem::NotSupported {
                reason: Reason::NotJson,
            },
            Problem::NotSupported {
                reason: Reason::Unreadable,
            },
            Problem::NotSupported {
                reason: Reason::LoneSurrogate,
            },
            Problem::NotSupported {
                reason: Reason::BigInt,
            },
            Problem::NotSupported {
                reason: Reason::Cycle,
            },
            Problem::UnsafeInteger,
            Problem::TooOld { days: 30 },
            Problem::InFuture,
            Problem::InPast,
            Problem::UnknownAction {
                hint: Some("CreateAiCallTask".into()),
            },
            Problem::UnknownAction { hint: None },
            Problem::NotPaged,
            Problem::Mismatch {
                other: "password".into(),
            },
            Problem::Rejected {
                sentence: "手机号格式不正确。".into(),
            },
            Problem::NonFinite { value: "-Infinity" },
            Problem::NoSuchDate,
            Problem::NotBelow {
                other: "TaskCps".into(),
                other_value: "60".into(),
                instant: false,
            },
            Problem::NotBelow {
                other: "StartDate".into(),
                other_value: "1795161600000".into(),
                instant: true,
            },
        ];
        all.extend(
            Expected::ALL
                .iter()
                .map(|&expected| Problem::InvalidType { expected }),
        );
        all.extend(
            Format::ALL
                .iter()
                .map(|&format| Problem::InvalidFormat { format }),
        );
        all
    }

    /// Words a Chinese engineer writes in Latin letters anyway: field and option names
    /// the messages cite, API names, and types of the JS language.
    const ALLOWED: &[&str] = &[
        "task_extras",
        // A call's arguments, and the field the test hint names in them.
        "query",
        "body",
        "page",
        // The runtime, named as its users name it.
        "Node",
        // JavaScript types, named as code names them.
        "Map",
        "Set",
        "variant",
        "legacy",
        "DataType",
        "PhoneNumberList",
        "StartType",
        "StartDate",
        "PhoneNumbers",
        "CreateAiCallTask",
        "startTime",
        "elasticity_type",
        "begin",
        "redial_conditions",
        "da_status",
        "start_time",
        "line",
        "operations",
        "true",
        "false",
        "null",
        "NaN",
        "Infinity",
        "JSON",
        "BigInt",
        "AbortSignal",
        "TaskCps",
        "recordIds",
        "password",
        // format patterns, cited as examples
        "yyyy",
        "dd",
    ];

    /// The words of `msg` outside quotes, with the path removed: what must be Chinese.
    fn latin_words(msg: &str, path: &str) -> Vec<String> {
        let mut outside = String::new();
        for (i, part) in msg.replace(path, " ").split('"').enumerate() {
            if i % 2 == 0 {
                outside.push_str(part);
                outside.push(' ');
            }
        }
        outside
            .split(|c: char| !c.is_ascii_alphabetic() && c != '_')
            .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()) && w.len() >= 2)
            .filter(|w| !ALLOWED.contains(w))
            .map(String::from)
            .collect()
    }

    /// Each kind of problem by name: a kind added to `Problem` fails to compile here until
    /// it is named, and the test below then wants it in `every_problem()`.
    fn kind(p: &Problem) -> &'static str {
        match p {
            Problem::Required => "Required",
            Problem::RequiredBecause { .. } => "RequiredBecause",
            Problem::UnknownField { .. } => "UnknownField",
            Problem::InvalidType { .. } => "InvalidType",
            Problem::NonFinite { .. } => "NonFinite",
            Problem::TooSmall { .. } => "TooSmall",
            Problem::SecondsForMillis => "SecondsForMillis",
            Problem::RequiredCredential { .. } => "RequiredCredential",
            Problem::TooBig { .. } => "TooBig",
            Problem::TooShort { .. } => "TooShort",
            Problem::TooLong { .. } => "TooLong",
            Problem::TooFewItems { .. } => "TooFewItems",
            Problem::NothingToSend => "NothingToSend",
            Problem::TooManyItems { .. } => "TooManyItems",
            Problem::InvalidEnum { .. } => "InvalidEnum",
            Problem::Duplicate { .. } => "Duplicate",
            Problem::InvalidFormat { .. } => "InvalidFormat",
            Problem::NotAfter { .. } => "NotAfter",
            Problem::NoSuchDate => "NoSuchDate",
            Problem::NotBelow { .. } => "NotBelow",
            Problem::NotDivisible { .. } => "NotDivisible",
            Problem::LineLimitExceeded { .. } => "LineLimitExceeded",
            Problem::Conflict { .. } => "Conflict",
            Problem::Differ { .. } => "Differ",
            Problem::OutsideWindow { .. } => "OutsideWindow",
            Problem::NotSupported { .. } => "NotSupported",
            Problem::UnsafeInteger => "UnsafeInteger",
            Problem::TooOld { .. } => "TooOld",
            Problem::InFuture => "InFuture",
            Problem::InPast => "InPast",
            Problem::UnknownAction { .. } => "UnknownAction",
            Problem::NotPaged => "NotPaged",
            Problem::Mismatch { .. } => "Mismatch",
            Problem::Rejected { .. } => "Rejected",
        }
    }

    #[test]
    fn a_summary_keeps_quoted_server_sentences_apart() {
        let rejected = |path: &str, sentence: &str, l| {
            Problem::Rejected {
                sentence: sentence.into(),
            }
            .issue(l, path, None)
        };
        let zh = validation_summary(
            &[
                rejected("name", "名称太长", Locale::ZhCn),
                rejected("remark", "备注太长", Locale::ZhCn),
            ],
            Locale::ZhCn,
        );
        assert_eq!(
            zh,
            "服务端指出请求有 2 个问题：name：服务端拒绝了该值：名称太长；remark：服务端拒绝了该值：备注太长"
        );
        let en = validation_summary(
            &[
                rejected("name", "too long", Locale::En),
                rejected("remark", "too long.", Locale::En),
                rejected("x", "y", Locale::En),
            ],
            Locale::En,
        );
        assert_eq!(en, "The server found 3 problems in the request: name: the server refused it: too long; remark: the server refused it: too long. x: the server refused it: y");
        let zh = validation_summary(
            &[
                rejected("name", "too long.", Locale::ZhCn),
                rejected("a", "太长;", Locale::ZhCn),
                rejected("b", "x", Locale::ZhCn),
            ],
            Locale::ZhCn,
        );
        assert_eq!(zh, "服务端指出请求有 3 个问题：name：服务端拒绝了该值：too long. a：服务端拒绝了该值：太长; b：服务端拒绝了该值：x");
        let ours = [
            Problem::Required.issue(Locale::ZhCn, "a", None),
            Problem::Required.issue(Locale::ZhCn, "b", None),
        ];
        assert!(!validation_summary(&ours, Locale::ZhCn).contains('；'));
    }

    #[test]
    fn every_kind_reads_as_chinese_in_zh_cn() {
        let kinds: std::collections::BTreeSet<&str> = every_problem().iter().map(kind).collect();
        assert_eq!(
            kinds.len(),
            34,
            "a problem kind is missing from every_problem(): {kinds:?}"
        );
        let codes: std::collections::BTreeSet<&str> =
            every_problem().iter().map(Problem::code).collect();
        let all: std::collections::BTreeSet<&str> = Problem::ALL_CODES.iter().copied().collect();
        assert_eq!(
            codes, all,
            "Problem::ALL_CODES (the TypeScript union) and the codes differ"
        );
        for p in every_problem() {
            for got in [
                None,
                Some(json!("x")),
                Some(json!({"a": 1})),
                Some(json!([1, 2])),
            ] {
                let path = "task_extras.line[1].limit";
                let msg = render(&p, Locale::ZhCn, path, got.as_ref());
                assert_eq!(
                    latin_words(&msg, path),
                    Vec::<String>::new(),
                    "{p:?}: {msg}"
                );
                assert!(msg.ends_with('。') || msg.ends_with('？'), "{p:?}: {msg}");
                assert!(
                    !msg.contains(",") && !msg.contains("; ") && !msg.contains(": "),
                    "half-width punctuation: {msg}"
                );
                let en = render(&p, Locale::En, path, got.as_ref());
                // The server's own sentence is quoted as received, in its language.
                let quotes_server = matches!(p, Problem::Rejected { .. });
                assert!(
                    en.starts_with(path)
                        && (quotes_server
                            || !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
                    "{en}"
                );
            }
        }
    }

    #[test]
    fn every_error_message_reads_as_chinese_in_zh_cn() {
        use crate::error::Says;
        let all = [
            Says::Aborted,
            Says::Timeout { ms: 10_000 },
            Says::NoAnswer {
                detail: String::new(),
            },
            Says::NotConnected { detail: "x".into() },
            Says::CutOff {
                status: 200,
                detail: String::new(),
            },
            Says::NoFetch,
            Says::ClientFreed,
            Says::Redirect {
                status: 0,
                host: None,
            },
            Says::Redirect {
                status: 302,
                host: Some("h".into()),
            },
            Says::Redirect {
                status: 0,
                host: Some("h".into()),
            },
            Says::Redirect {
                status: 302,
                host: None,
            },
            Says::TooLarge { cap: 8 },
            Says::HttpStatus {
                status: 500,
                text: String::new(),
                check_token: false,
            },
            Says::HttpStatus {
                status: 401,
                text: String::new(),
                check_token: true,
            },
            Says::HttpStatus {
                status: 401,
                text: "x".into(),
                check_token: true,
            },
            Says::EmptyBody { status: 200 },
            Says::Html {
                excerpt: String::new(),
            },
            Says::Truncated { bytes: 9 },
            Says::InvalidJson { line: 1, column: 2 },
            Says::NumberOutOfRange { line: 1, column: 2 },
            Says::TooDeep { depth: 127 },
            Says::Shape {
                expected: crate::error::Shape::Envelope,
            },
            Says::Shape {
                expected: crate::error::Shape::EnvelopeCode,
            },
            Says::Shape {
                expected: crate::error::Shape::BatchUrls,
            },
            Says::Shape {
                expected: crate::error::Shape::Object,
            },
            Says::Shape {
                expected: crate::error::Shape::ListData,
            },
            Says::Shape {
                expected: crate::error::Shape::ObjectData,
            },
            Says::Shape {
                expected: crate::error::Shape::AiccsAnswer,
            },
            Says::NotAResponse,
            Says::BadBody { status: 200 },
            Says::AgentApi {
                code: ApiCode::Num(5002),
                text: String::new(),
            },
            Says::Aiccs {
                status: None,
                code: String::new(),
                text: String::new(),
            },
            Says::Aiccs {
                status: None,
                code: "X".into(),
                text: String::new(),
            },
            Says::MissingRecord { id: String::new() },
            Says::NoCrypto,
            Says::RepeatedPage { page: 3 },
            Says::PagesCutShort {
                page: 3,
                cut: crate::error::Cut::Other(1),
            },
            Says::PagesCutShort {
                page: 3,
                cut: crate::error::Cut::Empty,
            },
            Says::PagesCutShort {
                page: 3,
                cut: crate::error::Cut::Cap,
            },
            Says::PagesCutShort {
                page: 2,
                cut: crate::error::Cut::Unreadable,
            },
            Says::PagesCutShort {
                page: 3,
                cut: crate::error::Cut::Short {
                    received: 20,
                    total: 47,
                },
            },
        ];
        // Names of the platform and of options, cited as they are written.
        let allowed = [
            "signal",
            "fetch",
            "maxResponseBytes",
            "token",
            "aiccs",
            "crypto",
            "getRandomValues",
            "nonce",
            "Node",
            "code",
            "status",
            "message",
            "data",
            "batch_url",
            "record_id",
            "voice_url",
            "Response",
            "RequestId",
            "Code",
            "Success",
            "Message",
        ];
        for s in &all {
            let zh = say(s, Locale::ZhCn);
            let words: Vec<String> = latin_words(&zh, "\u{1}")
                .into_iter()
                .filter(|w| !allowed.contains(&w.as_str()))
                .collect();
            assert!(words.is_empty(), "{s:?}: {zh}: {words:?}");
            let plain = matches!(s, Says::HttpStatus { text, check_token: false, .. } if !text.is_empty())
                || matches!(
                    s,
                    Says::Aiccs {
                        status: Some(_),
                        ..
                    }
                );
            assert!(
                plain || zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s:?}: {zh}"
            );
            assert!(!say(s, Locale::En)
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        }
    }

    #[test]
    fn the_four_reported_messages_read_as_chinese() {
        let zh = |p: Problem, path: &str, got: Option<Value>| {
            render(&p, Locale::ZhCn, path, got.as_ref())
        };
        assert_eq!(
            zh(
                Problem::UnknownField {
                    hint: Some(Hint::NotTakenBy("CreateAiCallTask".into()))
                },
                "Foo",
                None
            ),
            "CreateAiCallTask 不支持参数 Foo。"
        );
        assert_eq!(
            zh(
                Problem::RequiredBecause {
                    field: "StartType".into(),
                    value: Some("SCHEDULE".into())
                },
                "TaskStartTime",
                None
            ),
            "StartType 为 SCHEDULE 时，TaskStartTime 为必填项。"
        );
        assert_eq!(
            zh(
                Problem::InvalidFormat {
                    format: Format::VisibleAscii
                },
                "token",
                None
            ),
            "token 只能包含可见的 ASCII 字符，不能有空格。"
        );
        assert_eq!(
            zh(
                Problem::Duplicate { first_index: 0 },
                "task_extras.line[1]",
                Some(json!({"id": "a"}))
            ),
            "task_extras.line[1] 与下标为 0 的项重复，收到：对象，列表中不能有重复值。"
        );
        // After a closing parenthesis, no second one in a row.
        assert_eq!(
            zh(
                Problem::InvalidType {
                    expected: Expected::Id
                },
                "destination_extension",
                Some(json!(null))
            ),
            "destination_extension 必须是 ID（非负整数，或由数字组成的字符串），收到：null。"
        );
    }

    #[test]
    fn the_latin_word_check_can_fail() {
        assert_eq!(
            latin_words("TaskCps 为必填项,因为 StartType is SCHEDULE。", "TaskCps"),
            ["is"]
        );
        assert!(latin_words("x 的格式应为 \"09:00\" (HH:MM)。", "x").is_empty());
    }
}
