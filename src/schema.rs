//! A small declarative schema for JSON request shapes.
//!
//! Every documented per-field constraint is written once, as data (`Field` / `Ty`), and
//! that one declaration drives three things: the validator (`check`), the issue codes and
//! messages (through `Problem`), and the TypeScript types shipped in the npm package
//! (`ts_type`). Rules that relate several fields live next to the schema of their API
//! as plain functions, reporting through the same `Ctx`.

use crate::issue::{Expected, Format, Hint, Issue, LenUnit, Locale, Problem};
use crate::json::tape::Tape;
use crate::json::{Got, Json, Kind};
use serde_json::Value;

/// Largest integer a JS number holds exactly (2^53 - 1).
pub const MAX_SAFE: i64 = 9_007_199_254_740_991;

#[derive(Debug, Clone, Copy)]
pub enum Fmt {
    /// Agent API date-time: `YYYY-MM-DD HH:MM[:SS]` (examples) or `YYYY/M/D HH:MM[:SS]` (table).
    DateTime,
    /// `YYYY-MM-DD HH:mm:ss` exactly: the one form the endpoints note gives (`deadline_at`).
    Timestamp,
    /// `HH:MM`, 24-hour.
    HourMinute,
    /// `HH:MM:SS`, 24-hour.
    HourMinuteSecond,
    /// `yyyy-MM-dd`.
    Date,
}

impl Fmt {
    /// The problem a text of the wrong shape reports.
    pub fn format(self) -> Format {
        match self {
            Fmt::DateTime => Format::TaskDateTime,
            Fmt::Timestamp => Format::DateTime,
            Fmt::HourMinute => Format::HourMinute,
            Fmt::HourMinuteSecond => Format::HourMinuteSecond,
            Fmt::Date => Format::Date,
        }
    }

    /// A valid value, bare (for forms and docs).
    pub fn sample(self) -> &'static str {
        match self {
            Fmt::DateTime | Fmt::Timestamp => "2024-12-23 19:00:00",
            Fmt::HourMinute => "09:00",
            Fmt::HourMinuteSecond => "09:00:00",
            Fmt::Date => "2025-06-06",
        }
    }

    /// A text of the right shape naming a day the month does not have (`2026-02-30`):
    /// read again with the day set to 1, it parses.
    pub fn only_the_day_is_wrong(self, s: &str) -> bool {
        if !matches!(self, Fmt::Date | Fmt::DateTime | Fmt::Timestamp) {
            return false;
        }
        let (date, time) = s.split_once(' ').map_or((s, None), |(d, t)| (d, Some(t)));
        let Some(cut) = date.rfind(['-', '/']) else {
            return false;
        };
        let day = &date[cut + 1..];
        if day.is_empty() || !day.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let first = if day.len() == 1 { "1" } else { "01" };
        let again = match time {
            Some(t) => format!("{}{first} {t}", &date[..=cut]),
            None => format!("{}{first}", &date[..=cut]),
        };
        self.parse(&again).is_some()
    }

    /// Parses into a comparable tuple-number (seconds for times, a sortable key for dates).
    #[cfg_attr(aicall_speed, optimize(speed))]
    pub fn parse(self, s: &str) -> Option<i64> {
        match self {
            Fmt::DateTime => parse_datetime(s),
            Fmt::Timestamp => {
                let shape = s.len() == 19
                    && s.bytes().enumerate().all(|(i, b)| match i {
                        4 | 7 => b == b'-',
                        10 => b == b' ',
                        13 | 16 => b == b':',
                        _ => b.is_ascii_digit(),
                    });
                shape.then(|| parse_datetime(s)).flatten()
            }
            Fmt::HourMinute => parse_clock(s, false),
            Fmt::HourMinuteSecond => parse_clock(s, true),
            Fmt::Date => parse_date(s).map(|(y, m, d)| days_from_civil(y, m, d)),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Str {
        min: usize,
        max: Option<usize>,
        unit: LenUnit,
    },
    /// An integer. `strings` also accepts a decimal digit string (ids above 2^53 survive JS).
    Int {
        min: Option<i64>,
        max: Option<i64>,
        strings: bool,
    },
    /// An id the vendor documents both as number and as digit string; sent as given.
    Id,
    /// 0/1 or true/false.
    Flag,
    Bool,
    IntEnum(&'static [(i64, Doc)]),
    StrEnum(&'static [&'static str]),
    Format(Fmt),
    List(&'static List),
    Obj(&'static [Field]),
    /// Any JSON object (variables, free maps).
    Map,
    /// Any JSON array (shapes the vendor never documents, always `[]` in its examples).
    AnyList,
    /// Either of two shapes (checked against the first whose JSON kind matches).
    Either(&'static Ty, &'static Ty),
    /// A string holding JSON of the inner shape (aiccs `CallTime` items).
    JsonText(&'static Ty),
    /// An object with these fields checked and any other keys allowed (call variables).
    OpenObj(&'static [Field]),
    /// 1..=max ASCII digits, as a string.
    Digits {
        max: usize,
    },
    /// A finite number (decimals allowed) or a decimal string, at least `min` (only 0 or
    /// none are used).
    Number {
        min: Option<i64>,
    },
}

#[derive(Debug)]
pub struct List {
    pub item: Ty,
    pub min: usize,
    pub max: Option<usize>,
    pub unique: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    /// By reference: a `Ty` is 40 bytes, a reference 4 (the declarations are most of the wasm's data).
    pub ty: &'static Ty,
    pub required: bool,
    /// A password: its value is never shown in an issue (nor kept in one as `received`).
    pub secret: bool,
    /// Shown in the generated TypeScript as the field's doc comment.
    pub doc: Doc,
}

/// Documentation text that only the generated TypeScript, metadata and README read. Native
/// builds (where those are generated) keep it; in the wasm it is zero-sized: not even an empty
/// string's pointer and length per parameter, field and operation in the declaration tables.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    #[cfg(not(target_arch = "wasm32"))]
    text: &'static str,
}

pub const fn doc(text: &'static str) -> Doc {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = text;
        Doc {}
    }
    #[cfg(not(target_arch = "wasm32"))]
    Doc { text }
}

impl Doc {
    /// The text; always "" in the wasm.
    pub const fn as_str(self) -> &'static str {
        #[cfg(target_arch = "wasm32")]
        {
            ""
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.text
    }
}

impl std::ops::Deref for Doc {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for Doc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

pub const fn f(name: &'static str, ty: &'static Ty, text: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        secret: false,
        doc: doc(text),
    }
}
pub const fn req(name: &'static str, ty: &'static Ty, text: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        secret: false,
        doc: doc(text),
    }
}
/// A required field whose value is a secret (see [`Field::secret`]).
pub const fn req_secret(name: &'static str, ty: &'static Ty, text: &'static str) -> Field {
    Field {
        secret: true,
        ..req(name, ty, text)
    }
}
pub const fn str_nonempty() -> Ty {
    Ty::Str {
        min: 1,
        max: None,
        unit: LenUnit::Chars,
    }
}
pub const fn int(min: Option<i64>, max: Option<i64>) -> Ty {
    Ty::Int {
        min,
        max,
        strings: false,
    }
}

/// Collects every issue of one validation run, with the current path.
pub struct Ctx {
    pub locale: Locale,
    pub issues: Vec<Issue>,
    /// The path as text ("task_extras.line[1]"), written only when something needs it (a
    /// report): most fields are valid, and writing each key and index (and cutting it back)
    /// was about a tenth of validating a valid body.
    path: String,
    /// The keys and indexes entered, innermost last; the first `written` of them are in
    /// `path`, each with the length `path` had before it.
    segs: Vec<(Seg, usize)>,
    written: usize,
    /// When set, issues are written here as one text (`issue::issues_text`'s form, for the
    /// JS crossing) instead of into `issues`; until a field holds a NUL, which turns the
    /// text back into `issues` and ends it.
    text: Option<String>,
    /// aiccs treats `null` as "not given" (the official SDK drops unset values);
    /// the Agent API sends JSON as is, so there `null` is a wrong value.
    pub null_is_absent: bool,
    /// Extra words for an unknown field (e.g. "a field of the v2 body").
    pub unknown_hint: Option<fn(&str) -> Option<Hint>>,
    /// Inside a sent-as-text value (an aiccs parameter that is not JSON, an Agent API
    /// query): an integer enum's value may be given as its digits, as its integers may.
    /// A form's inputs are strings, and `"1"` goes out exactly as `1` would.
    pub text_wire: bool,
    /// Inside a secret field: issues do not show the value.
    pub hide: bool,
}

/// One step of a path.
#[derive(Clone, Copy)]
enum Seg {
    Key(&'static str),
    Index(usize),
    /// A key already written into the path when it was entered (`key_text`).
    Written,
}

impl Ctx {
    pub fn new(locale: Locale) -> Ctx {
        Ctx {
            locale,
            issues: Vec::new(),
            path: String::new(),
            segs: Vec::with_capacity(16),
            written: 0,
            text: None,
            null_is_absent: false,
            unknown_hint: None,
            text_wire: false,
            hide: false,
        }
    }

    pub fn report(&mut self, problem: Problem, got: Option<&Value>) {
        self.report_got(problem, got.map(Got::of));
    }

    /// A context whose issues are written as one text (see `into_text`).
    pub fn new_text(locale: Locale) -> Ctx {
        Ctx {
            text: Some(String::new()),
            ..Ctx::new(locale)
        }
    }

    /// The issues as `issue::issues_text` writes them, or as values when a field held a NUL
    /// (or the context was not made by `new_text`).
    pub fn into_text(self) -> Result<String, Vec<Issue>> {
        self.text.ok_or(self.issues)
    }

    pub fn report_got(&mut self, problem: Problem, got: Option<Got>) {
        let got = got.filter(|_| !self.hide);
        self.write_path();
        if let Some(text) = self.text.as_mut() {
            let start = text.len();
            if crate::issue::push_text_field(text, &self.path)
                && crate::issue::push_text_field(text, problem.code())
            {
                let message = text.len();
                crate::messages::render_into(text, &problem, self.locale, &self.path, got.as_ref());
                if !text.as_bytes()[message..].contains(&0) {
                    text.push('\0');
                    return;
                }
            }
            text.truncate(start);
            self.issues = crate::issue::issues_of_text(text);
            self.text = None;
        }
        self.issues
            .push(problem.issue_got(self.locale, &self.path, got));
    }

    /// Reports a problem with the value received.
    fn wrong<'a, J: Json<'a>>(&mut self, problem: Problem, v: J) {
        self.report_got(problem, Some(v.got()));
    }

    /// Reports at `key` below the current path.
    pub fn report_at(&mut self, key: &str, problem: Problem, got: Option<&Value>) {
        self.key_text(key, |c| c.report(problem, got));
    }

    /// Runs `f` with `key` added to the path (a declared name: kept as is until needed).
    pub fn key<R>(&mut self, key: &'static str, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.segs.push((Seg::Key(key), 0));
        let r = f(self);
        self.leave();
        r
    }

    /// `key` for a name read from the input (written into the path at once).
    pub fn key_text<R>(&mut self, key: &str, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.write_path();
        let start = self.path.len();
        self.push_key(key);
        self.segs.push((Seg::Written, start));
        self.written = self.segs.len();
        let r = f(self);
        self.leave();
        r
    }

    pub fn index<R>(&mut self, i: usize, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.segs.push((Seg::Index(i), 0));
        let r = f(self);
        self.leave();
        r
    }

    /// The current path, written out.
    pub fn path(&mut self) -> &str {
        self.write_path();
        &self.path
    }

    /// Drops the innermost segment (and its text, if it was written).
    #[inline]
    fn leave(&mut self) {
        if let Some((_, start)) = self.segs.pop() {
            if self.written > self.segs.len() {
                self.written = self.segs.len();
                self.path.truncate(start);
            }
        }
    }

    /// Writes the segments not yet in `path`.
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn write_path(&mut self) {
        while let Some(&(seg, _)) = self.segs.get(self.written) {
            let start = self.path.len();
            match seg {
                Seg::Key(k) => self.push_key(k),
                Seg::Index(i) => self.push_index(i),
                Seg::Written => {}
            }
            self.segs[self.written].1 = start;
            self.written += 1;
        }
    }

    /// Grows the path by `.key`.
    fn push_key(&mut self, key: &str) {
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
    }

    /// Writes `[i]` into the path (the digits by the messages' writer: `write!` would bring
    /// the formatting machinery in).
    fn push_index(&mut self, i: usize) {
        self.path.push('[');
        crate::messages::push_num(&mut self.path, i64::try_from(i).unwrap_or(i64::MAX));
        self.path.push(']');
    }

    /// `check` of a parsed value (copied into a tape: the rules read one representation).
    pub fn check_value(&mut self, ty: &Ty, v: &Value) {
        let tape = Tape::of_value(v);
        self.check(ty, tape.root());
    }

    /// Walks `v` against `ty`, reporting every problem.
    pub fn check<'a, J: Json<'a>>(&mut self, ty: &Ty, v: J) {
        match ty {
            Ty::Str { min, max, unit } => match v.as_str() {
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Str,
                    },
                    v,
                ),
                Some(s) => {
                    // A character takes 1..=4 bytes: the byte length settles most limits
                    // without counting characters.
                    let len = || match unit {
                        LenUnit::Chars => s.chars().count(),
                        LenUnit::Bytes => s.len(),
                    };
                    let short = if *min <= 1 {
                        *min == 1 && s.is_empty()
                    } else {
                        s.len() < *min || len() < *min
                    };
                    // Blank text (what `trim` would empty): a visible ASCII first byte rules
                    // it out at once, else the first character that is not white space.
                    let blank = || {
                        !s.as_bytes().first().is_some_and(|&b| b > b' ' && b < 0x7f)
                            && s.chars().all(char::is_whitespace)
                    };
                    if short {
                        self.wrong(Problem::TooShort { min: *min }, v);
                    } else if *min > 0 && blank() {
                        self.wrong(Problem::TooShort { min: 1 }, v);
                    }
                    if let Some(max) = max {
                        if s.len() > *max && len() > *max {
                            self.wrong(
                                Problem::TooLong {
                                    max: *max,
                                    unit: *unit,
                                },
                                v,
                            );
                        }
                    }
                }
            },
            Ty::Int { min, max, strings } => match int_value(v, *strings) {
                // A whole number beyond 2^53 where the field's own bound is lower: over (or
                // under) that bound, not "pass a digit string" (which would be refused next).
                Err(expected) => {
                    let past = match expected {
                        Expected::SafeInt | Expected::SafeIntOrDigits => past_bound(v, *min, *max),
                        _ => None,
                    };
                    self.wrong(past.unwrap_or(Problem::InvalidType { expected }), v)
                }
                // A digit string beyond int64, the widest integer either API declares (read
                // as i64::MAX or MIN, which a literal "9223372036854775807" also reads as).
                Ok(n) if beyond_int64(v) => {
                    let p = if n < 0 {
                        Problem::TooSmall {
                            min: min.unwrap_or(i64::MIN),
                        }
                    } else {
                        Problem::TooBig {
                            max: max.unwrap_or(i64::MAX),
                        }
                    };
                    self.wrong(p, v)
                }
                Ok(n) => {
                    if let Some(min) = min {
                        if n < *min {
                            self.wrong(too_small(*min, n), v);
                        }
                    }
                    if let Some(max) = max {
                        if n > *max {
                            self.wrong(Problem::TooBig { max: *max }, v);
                        }
                    }
                }
            },
            Ty::Id => {
                let ok = match v.kind() {
                    Kind::Number => v.as_u64().is_some_and(|x| x <= MAX_SAFE as u64),
                    Kind::String => v
                        .as_str()
                        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())),
                    _ => false,
                };
                if !ok {
                    if v.as_u64().is_some() {
                        self.wrong(Problem::UnsafeInteger, v);
                    } else {
                        self.wrong(
                            Problem::InvalidType {
                                expected: Expected::Id,
                            },
                            v,
                        );
                    }
                }
            }
            Ty::Flag => {
                let ok = v.is_boolean() || matches!(v.as_i64(), Some(0) | Some(1));
                if !ok {
                    self.wrong(
                        Problem::InvalidType {
                            expected: Expected::Flag,
                        },
                        v,
                    );
                }
            }
            Ty::Bool => {
                if !v.is_boolean() {
                    self.wrong(
                        Problem::InvalidType {
                            expected: Expected::Bool,
                        },
                        v,
                    );
                }
            }
            Ty::IntEnum(values) => match if self.text_wire {
                enum_digits(v)
            } else {
                v.as_i64()
            } {
                Some(n) if values.iter().any(|(x, _)| *x == n) => {}
                Some(_) => self.wrong(
                    Problem::InvalidEnum {
                        allowed: int_enum_list(values),
                    },
                    v,
                ),
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Int,
                    },
                    v,
                ),
            },
            Ty::StrEnum(values) => match v.as_str() {
                Some(s) if values.contains(&s) => {}
                Some(_) => self.wrong(
                    Problem::InvalidEnum {
                        allowed: str_enum_list(values),
                    },
                    v,
                ),
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Str,
                    },
                    v,
                ),
            },
            Ty::Format(fmt) => match v.as_str() {
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Str,
                    },
                    v,
                ),
                Some(s) => {
                    if fmt.parse(s).is_none() {
                        let p = if fmt.only_the_day_is_wrong(s) {
                            Problem::NoSuchDate
                        } else {
                            Problem::InvalidFormat {
                                format: fmt.format(),
                            }
                        };
                        self.wrong(p, v);
                    }
                }
            },
            Ty::List(list) => match v.items() {
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Array,
                    },
                    v,
                ),
                Some((len, items)) => self.check_list(list, len, items, v),
            },
            Ty::Obj(fields) => {
                if v.is_object() {
                    self.check_fields(fields, v)
                } else {
                    self.wrong(
                        Problem::InvalidType {
                            expected: Expected::Object,
                        },
                        v,
                    )
                }
            }
            Ty::Map => {
                if !v.is_object() {
                    self.wrong(
                        Problem::InvalidType {
                            expected: Expected::Object,
                        },
                        v,
                    );
                }
            }
            Ty::AnyList => {
                if !v.is_array() {
                    self.wrong(
                        Problem::InvalidType {
                            expected: Expected::Array,
                        },
                        v,
                    );
                }
            }
            Ty::JsonText(inner) => match v.as_str() {
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Str,
                    },
                    v,
                ),
                Some(s) => match Tape::parse(s) {
                    Ok(tape) => self.check(inner, tape.root()),
                    Err(_) => self.wrong(
                        Problem::InvalidFormat {
                            format: Format::JsonText,
                        },
                        v,
                    ),
                },
            },
            Ty::OpenObj(fields) => match v.members() {
                None => self.wrong(
                    Problem::InvalidType {
                        expected: Expected::Object,
                    },
                    v,
                ),
                Some(_) => {
                    for field in fields.iter() {
                        match v.get(field.name) {
                            Some(x) => self.key(field.name, |c| c.check(&field.ty, x)),
                            None if field.required => {
                                self.report_at(field.name, Problem::Required, None)
                            }
                            None => {}
                        }
                    }
                }
            },
            Ty::Digits { max } => match v.as_str() {
                Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                    if s.len() > *max {
                        self.wrong(
                            Problem::TooLong {
                                max: *max,
                                unit: LenUnit::Chars,
                            },
                            v,
                        );
                    }
                }
                _ => self.wrong(
                    Problem::InvalidFormat {
                        format: Format::Digits,
                    },
                    v,
                ),
            },
            Ty::Number { min } => {
                // Sign only: the limits used are whole numbers (0), so no float parsing
                // (and its code) is needed for decimal strings.
                let negative = match v.kind() {
                    Kind::Number => v.sign().map(|(negative, _)| negative),
                    // Not trimmed: the text is sent as given, so " 1" is refused, not sent.
                    Kind::String => v.as_str().and_then(decimal_text),
                    _ => None,
                };
                match negative {
                    None => self.wrong(
                        Problem::InvalidType {
                            expected: Expected::Number,
                        },
                        v,
                    ),
                    Some(true) if min.is_some_and(|m| m >= 0) => self.wrong(
                        Problem::TooSmall {
                            min: min.unwrap_or(0),
                        },
                        v,
                    ),
                    Some(_) => {}
                }
            }
            Ty::Either(a, b) => {
                if kind_matches(a, v) {
                    self.check(a, v)
                } else if kind_matches(b, v) {
                    self.check(b, v)
                } else {
                    // Neither kind: name both where one word covers them, else the first's.
                    let both = match (a, b) {
                        (Ty::Str { .. }, Ty::Int { min: Some(0), .. }) => Some(Expected::StrOrUint),
                        (Ty::Str { .. }, Ty::Map) => Some(Expected::StrOrObject),
                        _ => None,
                    };
                    match both {
                        Some(expected) => self.wrong(Problem::InvalidType { expected }, v),
                        None => self.check(a, v),
                    }
                }
            }
        }
    }

    /// The items of a list (`v`, of `len` items): each checked, the ones over the limit and
    /// the repeated ones reported. One index segment serves every item (set in place).
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn check_list<'a, J: Json<'a>>(
        &mut self,
        list: &List,
        len: usize,
        items: impl Iterator<Item = J>,
        v: J,
    ) {
        if len < list.min {
            self.report_got(Problem::TooFewItems { min: list.min }, Some(v.got()));
        }
        let limit = list.max.unwrap_or(usize::MAX);
        let firsts = match v.items() {
            Some((_, all)) if list.unique => first_occurrences(all, len),
            _ => Vec::new(),
        };
        self.segs.push((Seg::Index(0), 0));
        for (i, item) in items.enumerate() {
            self.at_seg(Seg::Index(i));
            if i == limit {
                // Point at the first item over the limit: that is what a form highlights.
                self.report(
                    Problem::TooManyItems {
                        max: limit,
                        got: len,
                    },
                    None,
                );
            }
            let before = self.issues.len();
            self.check(&list.item, item);
            // A repeat is said only of an item that is right otherwise (`[{}, {}]` in a list
            // of day names: two wrong types, not also a duplicate).
            if let Some(&first) = firsts
                .get(i)
                .filter(|f| **f != i && self.issues.len() == before)
            {
                self.wrong(Problem::Duplicate { first_index: first }, item);
            }
        }
        self.leave();
    }

    /// Makes the innermost segment point at another item or field, cutting its old text.
    #[inline]
    fn at_seg(&mut self, seg: Seg) {
        let Some(top) = self.segs.len().checked_sub(1) else {
            return;
        };
        if self.written > top {
            self.written = top;
            self.path.truncate(self.segs[top].1);
        }
        self.segs[top].0 = seg;
    }

    /// Checks the known fields of an object and reports the unknown ones: the known ones
    /// in declaration order, then the unknown ones as written. The members are read once;
    /// each key is matched against the (short) field list, never hashed.
    #[cfg_attr(aicall_speed, optimize(speed))]
    pub fn check_fields<'a, J: Json<'a>>(&mut self, fields: &[Field], obj: J) {
        const SLOTS: usize = 64;
        let Some(members) = obj.members() else { return };
        let mut found: [Option<J>; SLOTS] = [None; SLOTS];
        let mut unknown = false;
        // Keys mostly come in declaration order: the search starts after the last match.
        let mut from = 0;
        for (key, v) in members {
            let found_at = fields[from..]
                .iter()
                .position(|f| f.name == key)
                .map(|i| i + from);
            match found_at.or_else(|| fields[..from].iter().position(|f| f.name == key)) {
                // A repeated key: the last counts, as in serde_json's map.
                Some(i) if i < SLOTS => {
                    found[i] = Some(v);
                    from = i + 1;
                }
                Some(i) => from = i + 1,
                None => unknown = true,
            }
        }
        // One key segment serves every field (set in place).
        self.segs.push((Seg::Key(""), 0));
        for (i, field) in fields.iter().enumerate() {
            let v = if i < SLOTS {
                found[i]
            } else {
                obj.get(field.name)
            };
            match v {
                Some(v) if !(v.is_null() && self.null_is_absent) => {
                    self.at_seg(Seg::Key(field.name));
                    let hide = self.hide;
                    self.hide |= field.secret;
                    self.check(&field.ty, v);
                    self.hide = hide;
                }
                _ => {
                    if field.required {
                        self.at_seg(Seg::Key(field.name));
                        self.report(Problem::Required, None);
                    }
                }
            }
        }
        self.leave();
        if unknown {
            // Each unknown key once, where it first appears (as serde_json's map holds it).
            // (A map, not a set: the same map type as `first_occurrences`, one copy in the wasm.)
            let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for (key, _) in obj.members().into_iter().flatten() {
                if !fields.iter().any(|f| f.name == key) && seen.insert(key, 0).is_none() {
                    // The rules' own hint first (another variant, under task_extras), else
                    // the declared name it is closest to (`maximumcal` → `maximumcall`).
                    let hint = self
                        .key_text(key, |c| c.unknown_hint.and_then(|h| h(c.path())))
                        .or_else(|| {
                            let names = fields.iter().map(|f| f.name);
                            crate::spelling::suggest(key, names).map(|n| Hint::DidYouMean(n.into()))
                        });
                    self.report_at(key, Problem::UnknownField { hint }, None);
                }
            }
        }
    }
}

/// For each item, the index of its first equal item (itself when it is the first); an
/// empty list may stand for "every item is the first" (callers read it with `get`).
/// Up to 64 items are compared pair by pair (by a hash first); a longer list of strings goes through one
/// map from text to index; anything else through a map keyed by a structural hash that
/// agrees with `==` (object keys in any order), equal hashes confirmed with `same_as`. So
/// n items cost n lookups, never n² comparisons (a million line objects take a second).
fn first_occurrences<'a, J: Json<'a>>(
    items: impl Iterator<Item = J> + Clone,
    len: usize,
) -> Vec<usize> {
    use std::collections::HashMap;
    if len < 2 {
        return Vec::new();
    }
    if len <= PAIRWISE {
        return pairwise_texts(items.clone(), len).unwrap_or_else(|| pairwise_hashed(items, len));
    }
    // A long list of strings: one map from text to first index (no allocation per item).
    let all: Vec<J> = items.collect();
    if all.iter().all(|x| x.is_string()) {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(all.len());
        return all
            .iter()
            .enumerate()
            .map(|(i, x)| *first.entry(x.as_str().unwrap_or_default()).or_insert(i))
            .collect();
    }
    // Anything else by a structural SipHash (a real 64-bit collision is needed to put two
    // different values in one slot; values that do collide are kept aside and compared).
    let mut first: HashMap<u64, usize> = HashMap::with_capacity(all.len());
    let mut collided: Vec<usize> = Vec::new();
    (0..all.len())
        .map(|i| {
            let item = all[i];
            let j = *first.entry(json_hash(item)).or_insert(i);
            if j == i || (all[j].kind() == item.kind() && all[j].same_as(item)) {
                return j;
            }
            match collided
                .iter()
                .copied()
                .find(|&c| all[c].kind() == item.kind() && all[c].same_as(item))
            {
                Some(c) => c,
                None => {
                    collided.push(i);
                    i
                }
            }
        })
        .collect()
}

/// Up to this many items are compared pair by pair (at most 2,016 integer comparisons,
/// cheaper than a hash map for the lists forms hold, and bounded), nothing allocated while
/// every item is its own first (the usual answer, returned as an empty list).
const PAIRWISE: usize = 64;

/// A short list of strings, by a quick hash first (ids often share their length and a long
/// prefix), bytes only on a match. `None` when an item is not a string.
fn pairwise_texts<'a, J: Json<'a>>(
    items: impl Iterator<Item = J>,
    len: usize,
) -> Option<Vec<usize>> {
    let mut texts: [(u64, &str); PAIRWISE] = [(0, ""); PAIRWISE];
    for (item, slot) in items.zip(texts.iter_mut()) {
        let s = item.as_str()?;
        *slot = (quick_hash(s.as_bytes()), s);
    }
    let texts = &texts[..len];
    let mut firsts = Vec::new();
    for i in 1..len {
        if let Some(j) = texts[..i].iter().position(|t| *t == texts[i]) {
            if firsts.is_empty() {
                firsts = (0..len).collect();
            }
            firsts[i] = j;
        }
    }
    Some(firsts)
}

/// A short list holding other values (line objects, enum numbers): each item's structural
/// hash, pair by pair; the items themselves are gathered (and compared) only once two
/// hashes agree.
fn pairwise_hashed<'a, J: Json<'a>>(
    items: impl Iterator<Item = J> + Clone,
    len: usize,
) -> Vec<usize> {
    let mut hashes = [0u64; PAIRWISE];
    items
        .clone()
        .zip(hashes.iter_mut())
        .for_each(|(item, slot)| *slot = short_hash(item));
    let hashes = &hashes[..len];
    let mut all: Vec<J> = Vec::new();
    let mut firsts = Vec::new();
    for i in 1..len {
        for j in 0..i {
            if hashes[j] != hashes[i] {
                continue;
            }
            if all.is_empty() {
                all = items.clone().collect();
            }
            if all[j].kind() == all[i].kind() && all[j].same_as(all[i]) {
                if firsts.is_empty() {
                    firsts = (0..len).collect();
                }
                firsts[i] = j;
                break;
            }
        }
    }
    firsts
}

/// A hash equal for equal values, cheap for the items of short lists: an integer is its own
/// hash, a text its quick hash, anything else its structural hash (a match is always
/// confirmed by comparing the items, so collisions across kinds cost only a comparison).
fn short_hash<'a, J: Json<'a>>(v: J) -> u64 {
    match (v.as_i64(), v.as_u64(), v.as_str()) {
        (Some(i), _, _) => i as u64,
        (None, Some(u), _) => u,
        (None, None, Some(s)) => quick_hash(s.as_bytes()),
        _ => json_hash(v),
    }
}

/// A hash of text to tell most unequal texts apart before comparing bytes: FNV-1a's
/// multiplier over eight bytes at a time (a byte at a time was most of the duplicate
/// search in a list of keywords). Equal hashes are always confirmed on the bytes.
pub(crate) fn quick_hash(s: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ s.len() as u64;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default());
        h = (h ^ word).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A hash equal for equal values (objects in any key order, numbers by the value
/// serde_json holds: an integer, or the float's bits with -0 as 0). Every part goes
/// through SipHash in order, so no arithmetic on the values can make hashes collide.
fn json_hash<'a, J: Json<'a>>(v: J) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    feed(v, &mut h);
    std::hash::Hasher::finish(&h)
}

fn feed<'a, J: Json<'a>>(v: J, h: &mut std::collections::hash_map::DefaultHasher) {
    use std::hash::Hasher;
    match v.kind() {
        Kind::Null => h.write_u8(1),
        Kind::Bool => h.write_u8(if v.as_bool() == Some(true) { 3 } else { 2 }),
        Kind::Number => match (v.as_i64(), v.as_u64()) {
            (Some(i), _) => {
                h.write_u8(4);
                h.write_i64(i);
            }
            (None, Some(u)) => {
                h.write_u8(4);
                h.write_u64(u);
            }
            _ => {
                h.write_u8(5);
                h.write_u64(v.to_value().as_f64().map_or(0, |x| {
                    if x == 0.0 {
                        0
                    } else {
                        x.to_bits()
                    }
                }));
            }
        },
        Kind::String => {
            h.write_u8(6);
            h.write(v.as_str().unwrap_or_default().as_bytes());
            h.write_u8(0xff);
        }
        Kind::Array => {
            h.write_u8(7);
            for x in v.items().into_iter().flat_map(|(_, items)| items) {
                feed(x, h);
            }
            h.write_u8(0xfe);
        }
        Kind::Object => {
            // Key order must not matter: each member hashed alone, the hashes sorted.
            let member = |(k, x): (&str, J)| {
                let mut m = std::collections::hash_map::DefaultHasher::new();
                m.write(k.as_bytes());
                m.write_u8(0xff);
                feed(x, &mut m);
                m.finish()
            };
            // Up to 16 members sorted on the stack (list items are small objects).
            let mut small = [0u64; 16];
            let mut large: Vec<u64>;
            let count = v.members().map_or(0, |m| m.count());
            let hashes: &mut [u64] = if count <= small.len() {
                v.members()
                    .into_iter()
                    .flatten()
                    .zip(small.iter_mut())
                    .for_each(|(m, slot)| *slot = member(m));
                &mut small[..count]
            } else {
                large = v.members().into_iter().flatten().map(member).collect();
                &mut large
            };
            crate::sort::heapsort(hashes);
            h.write_u8(8);
            hashes.iter().for_each(|&x| h.write_u64(x));
            h.write_u8(0xfd);
        }
    }
}

/// `Some(negative)` for a plain decimal (`-12`, `0.35`, `3.`), `None` otherwise.
fn decimal_text(s: &str) -> Option<bool> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    // As a JSON number writes it (the encoder sends it as one inside JSON text): no leading
    // zeros, digits after a point. `01`, `1.` and `007.50` would go out as strings.
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let int_ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'));
    let ok = int_ok && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    ok.then_some(neg && digits.bytes().any(|b| b != b'0' && b != b'.'))
}

fn kind_matches<'a, J: Json<'a>>(ty: &Ty, v: J) -> bool {
    match ty {
        Ty::Str { .. } | Ty::StrEnum(_) | Ty::Format(_) => v.is_string(),
        Ty::Int { .. } | Ty::IntEnum(_) => v.is_number(),
        Ty::Id => v.is_number() || v.is_string(),
        Ty::Flag => v.is_number() || v.is_boolean(),
        Ty::Bool => v.is_boolean(),
        Ty::List(_) | Ty::AnyList => v.is_array(),
        Ty::Obj(_) | Ty::Map | Ty::OpenObj(_) => v.is_object(),
        Ty::JsonText(_) | Ty::Digits { .. } => v.is_string(),
        Ty::Number { .. } => v.is_number() || v.is_string(),
        Ty::Either(a, b) => kind_matches(a, v) || kind_matches(b, v),
    }
}

/// A string of digits (optionally signed) that i64 cannot hold.
fn beyond_int64<'a, J: Json<'a>>(v: J) -> bool {
    v.as_str().is_some_and(|s| s.parse::<i64>().is_err())
}

/// The integer, or `Err(expected)`. A digit string too long for i64 reads as i64::MAX (or
/// MIN): beyond every limit, so no limit is skipped (the value itself is sent as given).
pub fn int_value<'a, J: Json<'a>>(v: J, strings: bool) -> Result<i64, Expected> {
    let expected = if strings {
        Expected::Uint
    } else {
        Expected::Int
    };
    match v.kind() {
        Kind::Number => {
            // A whole number JavaScript cannot hold exactly (2^60, 1e21): too large, not "not whole".
            let unsafe_int = if strings {
                Expected::SafeIntOrDigits
            } else {
                Expected::SafeInt
            };
            match v.as_i64() {
                Some(i) if i.unsigned_abs() <= MAX_SAFE as u64 => Ok(i),
                Some(_) => Err(unsafe_int),
                None if v
                    .to_value()
                    .as_f64()
                    .is_some_and(|x| x.fract() == 0.0 && x.abs() > MAX_SAFE as f64) =>
                {
                    Err(unsafe_int)
                }
                None => Err(expected),
            }
        }
        Kind::String if strings => {
            let s = v.as_str().unwrap_or_default();
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(expected);
            }
            let beyond = if s.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            };
            Ok(s.parse::<i64>().unwrap_or(beyond))
        }
        _ => Err(expected),
    }
}

/// The bound a whole number JS cannot hold exactly is past, when the field has one within
/// 2^53 on its side.
fn past_bound<'a, J: Json<'a>>(v: J, min: Option<i64>, max: Option<i64>) -> Option<Problem> {
    match v.sign()? {
        (false, _) => max
            .filter(|&m| m <= MAX_SAFE)
            .map(|max| Problem::TooBig { max }),
        (true, _) => min
            .filter(|&m| m >= -MAX_SAFE)
            .map(|min| Problem::TooSmall { min }),
    }
}

/// 2000-01-01T00:00:00Z in milliseconds: the lower bound of the times in milliseconds.
pub const YEAR_2000_MS: i64 = 946_684_800_000;

/// An integer enum's value where it goes out as text: a number, or the digits a number
/// would be written with (`"1"`, not `"01"`, `"-0"` or `"+1"`: the text is sent as given).
fn enum_digits<'a, J: Json<'a>>(v: J) -> Option<i64> {
    match v.as_str() {
        Some(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            let canonical = s == "0" || matches!(digits.as_bytes().first(), Some(b'1'..=b'9'));
            canonical.then(|| s.parse::<i64>().ok()).flatten()
        }
        None => v.as_i64(),
    }
}

/// 2100-01-01T00:00:00Z in seconds.
const YEAR_2100_S: i64 = 4_102_444_800;

/// `n` is below `min`; read as seconds, a time in 2000–2099, it is seconds given where
/// milliseconds are meant, the usual slip, and said so. (Milliseconds of the 1970s–1990s,
/// 9.5e8 and up, are read as milliseconds: ×1000 would make them the year 31970.)
pub fn too_small(min: i64, n: i64) -> Problem {
    if min == YEAR_2000_MS && (YEAR_2000_MS / 1000..YEAR_2100_S).contains(&n) {
        Problem::SecondsForMillis
    } else {
        Problem::TooSmall { min }
    }
}

fn int_enum_list(values: &[(i64, Doc)]) -> Vec<String> {
    values.iter().map(|(v, _)| v.to_string()).collect()
}
fn str_enum_list(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| format!("\"{v}\"")).collect()
}

/// Follows object keys from `v`.
pub fn get<'a, J: Json<'a>>(v: J, keys: &[&str]) -> Option<J> {
    let mut cur = v;
    for k in keys {
        cur = Json::get(cur, k)?;
    }
    Some(cur)
}

// ---------------------------------------------------------------------------------------
// Dates and times (no chrono: these formats are tiny and a date crate costs wasm size).

#[cfg_attr(aicall_speed, optimize(speed))]
fn two(s: &str) -> Option<u32> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Exactly `N` parts of `s` split at `sep` (no allocation: forms are checked per keystroke).
#[cfg_attr(aicall_speed, optimize(speed))]
fn parts<const N: usize>(s: &str, sep: char) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut it = s.split(sep);
    for slot in out.iter_mut() {
        *slot = it.next()?;
    }
    it.next().is_none().then_some(out)
}

#[cfg_attr(aicall_speed, optimize(speed))]
fn parse_clock(s: &str, seconds: bool) -> Option<i64> {
    let (h, m, sec) = if seconds {
        let [h, m, sec] = parts::<3>(s, ':')?;
        (two(h)?, two(m)?, two(sec)?)
    } else {
        let [h, m] = parts::<2>(s, ':')?;
        (two(h)?, two(m)?, 0)
    };
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some((h * 3600 + m * 60 + sec) as i64)
}

/// `yyyy-MM-dd` strictly (two-digit month and day).
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let p = parts::<3>(s, '-')?;
    if p[0].len() != 4 || !p[0].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (p[0].parse().ok()?, two(p[1])?, two(p[2])?);
    valid_ymd(y, m, d).then_some((y, m, d))
}

#[cfg_attr(aicall_speed, optimize(speed))]
fn valid_ymd(y: i64, m: u32, d: u32) -> bool {
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][(m - 1) as usize];
    d <= dim
}

#[cfg_attr(aicall_speed, optimize(speed))]
fn parse_datetime(s: &str) -> Option<i64> {
    let (date, time) = s.split_once(' ')?;
    let (sep, strict) = if date.contains('-') {
        ('-', true)
    } else {
        ('/', false)
    };
    let p = parts::<3>(date, sep)?;
    if p[0].len() != 4 {
        return None;
    }
    let num = |x: &str, lens: &[usize]| -> Option<u32> {
        (lens.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let y = num(p[0], &[4])? as i64;
    // The examples write `2024-12-23`; the table writes `2024/11/1`. Dashes need two digits.
    let lens: &[usize] = if strict { &[2] } else { &[1, 2] };
    let (m, d) = (num(p[1], lens)?, num(p[2], lens)?);
    if !valid_ymd(y, m, d) {
        return None;
    }
    let secs = parse_clock(time, true).or_else(|| parse_clock(time, false))?;
    Some(days_from_civil(y, m, d) * 86_400 + secs)
}

/// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's algorithm.
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of `days_from_civil`.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

// ---------------------------------------------------------------------------------------
// TypeScript generation from the same declarations.

pub fn ts_type(ty: &Ty, indent: usize) -> String {
    match ty {
        Ty::Str { .. } | Ty::Format(_) => "string".into(),
        Ty::Int { strings: true, .. } => "number | string".into(),
        Ty::Int { .. } => "number".into(),
        Ty::Id => "number | string".into(),
        Ty::Flag => "0 | 1 | boolean".into(),
        Ty::Bool => "boolean".into(),
        Ty::IntEnum(v) => v
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::StrEnum(v) => v
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::List(l) => {
            let inner = ts_type(&l.item, indent);
            if inner.contains(' ') && !inner.starts_with('{') {
                format!("Array<{inner}>")
            } else {
                format!("{inner}[]")
            }
        }
        Ty::Obj(fields) => ts_object(fields, indent),
        Ty::Map => "Record<string, unknown>".into(),
        Ty::AnyList => "unknown[]".into(),
        Ty::Either(a, b) => format!("{} | {}", ts_type(a, indent), ts_type(b, indent)),
        Ty::JsonText(_) | Ty::Digits { .. } => "string".into(),
        Ty::Number { .. } => "number | string".into(),
        Ty::OpenObj(fields) => {
            let obj = ts_object(fields, indent);
            format!(
                "{}{}[variable: string]: unknown;\n{}}}",
                &obj[..obj.len() - 1 - 2 * indent],
                "  ".repeat(indent + 1),
                "  ".repeat(indent)
            )
        }
    }
}

pub fn ts_object(fields: &[Field], indent: usize) -> String {
    let pad = "  ".repeat(indent + 1);
    let mut out = String::from("{\n");
    for field in fields {
        if !field.doc.is_empty() {
            out.push_str(&format!("{pad}/** {} */\n", field.doc));
        }
        let opt = if field.required { "" } else { "?" };
        out.push_str(&format!(
            "{pad}{}{opt}: {};\n",
            field.name,
            ts_type(&field.ty, indent + 1)
        ));
    }
    out.push_str(&"  ".repeat(indent));
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal_strings_as_json_writes_numbers() {
        for ok in ["0", "1", "-1", "1.5", "0.25", "-0.0", "120"] {
            assert!(decimal_text(ok).is_some(), "{ok}");
        }
        for bad in ["01", "1.", "007.50", ".5", "-", "1e3", " 1", "1,5", ""] {
            assert!(decimal_text(bad).is_none(), "{bad}");
        }
        assert_eq!(decimal_text("-0.0"), Some(false));
        assert_eq!(decimal_text("-0.5"), Some(true));
    }

    use super::*;

    /// Text that `trim` would leave empty is too short for a required text; anything
    /// with one visible character is not.
    #[test]
    fn blank_text_is_what_trim_empties() {
        let ty = Ty::Str {
            min: 1,
            max: None,
            unit: LenUnit::Chars,
        };
        for s in [
            " ",
            "\t\n",
            "\u{3000}",
            "\u{a0}\u{85}",
            "\u{2028} ",
            " a",
            "关",
            "\u{3000}关",
            "\u{200b}",
            "\u{feff}",
            "é ",
        ] {
            let mut ctx = Ctx::new(Locale::En);
            ctx.check_value(&ty, &Value::String(s.into()));
            assert_eq!(!ctx.issues.is_empty(), s.trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn datetime_formats() {
        assert!(Fmt::DateTime.parse("2024-12-23 19:00:00").is_some());
        assert!(Fmt::DateTime.parse("2024-11-01 13:25").is_some());
        assert!(Fmt::DateTime.parse("2024/11/1 13:25").is_some());
        assert!(Fmt::DateTime.parse("2024-2-30 13:25").is_none());
        assert!(Fmt::DateTime.parse("2023-02-29 10:00").is_none());
        assert!(Fmt::DateTime.parse("2024-02-29 10:00").is_some());
        assert!(Fmt::DateTime.parse("2024-12-23T19:00:00").is_none());
        assert!(Fmt::DateTime.parse("2024-12-23 24:00:00").is_none());
        assert!(Fmt::Timestamp.parse("2024-12-23 19:00:00").is_some());
        for wrong in [
            "2024-11-01 13:25",
            "2024/11/01 13:25:00",
            "2024-1-01 13:25:00",
            "2024-02-30 10:00:00",
            "2024-12-23 24:00:00",
            "2024-12-23T19:00:00",
            " 2024-12-23 19:00:00",
        ] {
            assert!(Fmt::Timestamp.parse(wrong).is_none(), "{wrong}");
        }
        assert!(Fmt::Timestamp.only_the_day_is_wrong("2024-02-30 10:00:00"));
        assert!(Fmt::HourMinute.parse("09:00").is_some());
        assert!(Fmt::HourMinute.parse("9:00").is_none());
        assert!(Fmt::HourMinuteSecond.parse("23:59:59").is_some());
        assert!(Fmt::Date.parse("2025-06-06").is_some());
        assert!(Fmt::Date.parse("2025-6-6").is_none());
    }

    #[test]
    fn duplicates_among_objects_are_found_in_linear_time() {
        // Every first index (an empty answer stands for "each item is its own first").
        let firsts = |items: &[Value]| {
            let f = first_occurrences(items.iter(), items.len());
            if f.is_empty() {
                (0..items.len()).collect()
            } else {
                f
            }
        };
        let a = serde_json::json!({"id": "x", "limit": 2});
        let b = serde_json::json!({"limit": 2, "id": "x"}); // same value, other key order
        let items = vec![
            a.clone(),
            serde_json::json!("x"),
            b,
            serde_json::json!({"id": "y"}),
            serde_json::json!(["x"]),
        ];
        assert_eq!(firsts(&items), [0, 1, 0, 3, 4]);
        // A string never equals a non-string whose canonical text is the same.
        assert_eq!(
            firsts(&[
                serde_json::json!("1"),
                serde_json::json!(1),
                serde_json::json!("\u{0}1")
            ]),
            [0, 1, 2]
        );
        // The same over 16 items (the hashed path).
        let mut long = items.clone();
        long.extend((0..20).map(|i| serde_json::json!(i)));
        long.push(serde_json::json!({"limit": 2, "id": "x"}));
        long.extend([
            serde_json::json!(0.0),
            serde_json::json!(-0.0),
            serde_json::json!(2.5),
            serde_json::json!(2.5),
            serde_json::json!(1.0),
        ]);
        let got = firsts(&long);
        assert_eq!(&got[..5], [0, 1, 0, 3, 4]);
        assert_eq!(got[25], 0);
        // -0 equals 0 as floats; 1.0 is not the integer 1 (serde_json's `==`).
        assert_eq!(&got[26..], [26, 26, 28, 28, 30]);
        // And the same read from text, through the tape.
        let text = serde_json::Value::Array(long.clone()).to_string();
        let tape = crate::json::tape::Tape::parse(&text).unwrap();
        let (n, items) = tape.root().items().unwrap();
        assert_eq!(first_occurrences(items, n), got);
        // Short lists of other values: pair by pair, nothing allocated when all differ.
        let (one, two) = (
            serde_json::json!([{"id": "x"}]),
            serde_json::json!([{"id": "x", "n": 1}, {"n": 1, "id": "x"}, 3, 3.0, 3]),
        );
        for (list, want) in [(&one, vec![]), (&two, vec![0, 0, 2, 3, 2])] {
            let items = list.as_array().unwrap();
            assert_eq!(first_occurrences(items.iter(), items.len()), want);
            let text = list.to_string();
            let tape = crate::json::tape::Tape::parse(&text).unwrap();
            let (n, nodes) = tape.root().items().unwrap();
            assert_eq!(first_occurrences(nodes, n), want);
        }
        let distinct: Vec<Value> = (0..64).map(|i| serde_json::json!({"id": i})).collect();
        assert!(first_occurrences(distinct.iter(), 64).is_empty());
        let many: Vec<Value> = (0..100_000)
            .map(|i| serde_json::json!({"id": format!("line-{i}"), "limit": 1}))
            .collect();
        assert!(firsts(&many).iter().enumerate().all(|(i, f)| i == *f));
    }

    /// Short lists of text: nothing allocated when all differ, every first index otherwise.
    #[test]
    fn short_text_lists() {
        let texts = |xs: &[&str]| -> Vec<Value> { xs.iter().map(|x| Value::from(*x)).collect() };
        let distinct = texts(&["关键词-0-1", "关键词-0-2", "a", ""]);
        assert!(first_occurrences(distinct.iter(), 4).is_empty());
        let repeated = texts(&["a", "b", "a", "b", "a"]);
        assert_eq!(first_occurrences(repeated.iter(), 5), [0, 1, 0, 1, 0]);
        let sixty_four: Vec<Value> = (0..64)
            .map(|i| Value::from(format!("k{}", i % 63)))
            .collect();
        let firsts = first_occurrences(sixty_four.iter(), 64);
        assert_eq!((firsts.len(), firsts[63], firsts[62]), (64, 0, 62));
    }

    /// Paths are written only when reported: every reported path is exact, whatever was
    /// written (and cut back) before it.
    #[test]
    fn lazy_paths_name_each_item() {
        const INNER: Ty = Ty::List(&List {
            item: Ty::Int {
                min: Some(0),
                max: None,
                strings: false,
            },
            min: 0,
            max: Some(2),
            unique: true,
        });
        const OUTER: Ty = Ty::List(&List {
            item: Ty::Obj(&[f("xs", &INNER, "")]),
            min: 0,
            max: None,
            unique: false,
        });
        let v = serde_json::json!([{"xs": [1, -1]}, {"xs": [1]}, {"xs": [2, 2, -3]}, {"y": 1}, {"xs": [0]}]);
        let mut ctx = Ctx::new(Locale::En);
        ctx.key("top", |c| c.check_value(&OUTER, &v));
        ctx.key_text("after", |c| c.report(Problem::Required, None));
        let paths: Vec<(&str, &str)> = ctx
            .issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("top[0].xs[1]", "too_small"),
                ("top[2].xs[1]", "duplicate"),
                ("top[2].xs[2]", "too_big"),
                ("top[2].xs[2]", "too_small"),
                ("top[3].y", "unknown_field"),
                ("after", "required"),
            ]
        );
    }

    /// Issues written as text are the issues written as values, and a NUL in a path or a
    /// received value (the text's separator) turns the text back into values, none lost.
    #[test]
    fn issues_as_text_are_the_issues() {
        const TY: Ty = Ty::Obj(&[
            f("a", &Ty::Bool, ""),
            f("b", &Ty::Bool, ""),
            f("c", &Ty::Bool, ""),
        ]);
        for v in [
            serde_json::json!({"a": 1, "b": true, "c": "x"}),
            serde_json::json!({"a": 1, "b": "x\u{0}", "c": 2}),
            serde_json::json!({"a": 1, "x\u{0}y": 2, "c": 2}),
            serde_json::json!({"a": true}),
        ] {
            let text = v.to_string();
            let tape = Tape::parse(&text).unwrap();
            let (mut plain, mut texted) = (Ctx::new(Locale::ZhCn), Ctx::new_text(Locale::ZhCn));
            plain.check(&TY, tape.root());
            texted.check(&TY, tape.root());
            let got = match texted.into_text() {
                Ok(t) => crate::issue::issues_of_text(&t),
                Err(issues) => issues,
            };
            assert_eq!(got, plain.issues, "{v}");
        }
    }

    #[test]
    fn crafted_lists_stay_linear() {
        // Arrays [8j, 8(k-31j)] all hashed alike under a linear mix of the values: with
        // SipHash over the structure they spread, and 20,000 of them take milliseconds.
        let n = 20_000i64;
        let k = 31 * n;
        let items: Vec<Value> = (0..n)
            .map(|j| serde_json::json!([8 * j, 8 * (k - 31 * j)]))
            .collect();
        let started = std::time::Instant::now();
        let firsts = first_occurrences(items.iter(), items.len());
        assert!(firsts.iter().enumerate().all(|(i, f)| i == *f));
        // Not a timing test of speed, a guard against n²: 20,000² comparisons take minutes.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        // A million strings, all distinct, then all alike.
        let ids: Vec<Value> = (0..1_000_000)
            .map(|i| Value::from(format!("id-{i}")))
            .collect();
        assert_eq!(first_occurrences(ids.iter(), ids.len())[999_999], 999_999);
        let same: Vec<Value> = (0..1_000_000).map(|_| Value::from("x")).collect();
        assert_eq!(first_occurrences(same.iter(), same.len())[999_999], 0);
    }

    #[test]
    fn civil_round_trip() {
        for z in [-1000, 0, 1, 20_000, 20_613, 30_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(20_413), (2025, 11, 21));
    }
}
