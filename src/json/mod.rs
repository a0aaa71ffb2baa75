//! Read-only views of JSON that the validators walk.
//!
//! The rules in `crate::schema` and the cross-field checks read a body through the [`Json`]
//! trait, so one rule set serves two representations: a parsed `serde_json::Value` (what
//! the Rust API and the request builders hold) and a [`tape::Tape`] (a flat index over the
//! JSON text the JS side hands over: one pass, no tree of allocations, strings borrowed
//! from the text). The validators never need more than the operations below.

pub mod tape;

use serde_json::Value;

/// A value's JSON text, as `Value::to_string` writes it. Through `serde_json::to_string`
/// (the writer the crate already uses) rather than `Display`, whose formatter adapter and
/// pretty-printing branch would add a second and third copy of the serializer to the wasm.
pub fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A value's JSON text for a message: at most 40 characters, then "…".
pub fn shown(v: &Value) -> String {
    let all = text(v);
    match all.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &all[..i]),
        None => all,
    }
}

/// A JSON number's text as the nearest f64, `None` when out of range (as serde_json
/// refuses it). serde_json's default reader can miss by one unit in the last place (7 % of
/// random doubles came back as another number) and its exact mode costs 8 KB gzip of wasm,
/// core's `str::parse` 13 KB: in the wasm, JavaScript's own parser (exact, per ECMA-262)
/// reads it; natively `str::parse` (exact as well).
pub fn float(text: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    let x = js_sys::Number::parse_float(text);
    #[cfg(not(target_arch = "wasm32"))]
    let x = text.parse::<f64>().ok()?;
    x.is_finite().then_some(x)
}

/// A JavaScript number as JSON writes it: a whole number without `.0`, `None` for NaN and
/// ±Infinity (which JSON has not).
pub fn js_number(n: f64) -> Option<Value> {
    if n.fract() == 0.0 && n.abs() <= crate::schema::MAX_SAFE as f64 {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// A JSON text read into a `Value`, numbers read exactly (through the tape and [`float`]);
/// or why it is not JSON (cut off, or wrong where).
pub fn read(text: &str) -> Result<Value, tape::ReadError> {
    tape::Tape::parse(text).map(|t| t.root().to_value())
}

/// `read` for a server's answer (see `Tape::parse_answer`).
pub fn read_answer(text: &str) -> Result<Value, tape::ReadError> {
    tape::Tape::parse_answer(text).map(|t| t.root().to_value())
}

/// The JSON kind of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A JSON value as the validators read it. Number accessors follow `serde_json::Value`
/// exactly (an integer is `as_i64` only when written without fraction or exponent and it
/// fits, `-0` is a float), so both views give the same verdict on the same text.
pub trait Json<'a>: Copy + 'a {
    type Items: Iterator<Item = Self> + Clone;
    type Members: Iterator<Item = (&'a str, Self)>;

    fn kind(self) -> Kind;
    fn as_bool(self) -> Option<bool>;
    fn as_str(self) -> Option<&'a str>;
    fn as_i64(self) -> Option<i64>;
    fn as_u64(self) -> Option<u64>;
    /// For a number: `Some((negative, zero))` as its f64 value would say.
    fn sign(self) -> Option<(bool, bool)>;
    /// The items of an array, with their count.
    fn items(self) -> Option<(usize, Self::Items)>;
    /// The members of an object in the order written.
    fn members(self) -> Option<Self::Members>;
    fn get(self, key: &str) -> Option<Self>;
    /// The value as a `serde_json::Value` (for error paths and rare comparisons only).
    fn to_value(self) -> Value;
    /// What a message shows of the value (cheap: a long string or array is not copied).
    fn got(self) -> Got;
    /// A number's text as serde_json writes its `Value` (`None` for other kinds).
    fn number_text(self) -> Option<String>;

    fn is_string(self) -> bool {
        self.kind() == Kind::String
    }
    fn is_number(self) -> bool {
        self.kind() == Kind::Number
    }
    fn is_boolean(self) -> bool {
        self.kind() == Kind::Bool
    }
    fn is_array(self) -> bool {
        self.kind() == Kind::Array
    }
    fn is_object(self) -> bool {
        self.kind() == Kind::Object
    }
    fn is_null(self) -> bool {
        self.kind() == Kind::Null
    }
    /// Equality as `serde_json::Value`'s `==` (numbers by their parsed value).
    fn same_as(self, other: Self) -> bool {
        self.to_value() == other.to_value()
    }
}

/// The part of a received value a message shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// What JSON has no word for, given as a whole argument (`JSON.stringify` writes
    /// nothing for them; "received null" would send the reader looking for a null).
    Undefined,
    Function,
    Symbol,
    Null,
    Bool(bool),
    /// The number as `serde_json` writes it.
    Number(String),
    /// At most 41 characters of the text, and whether there was more.
    Str(String, bool),
    Array(usize),
    Object,
}

impl Got {
    pub fn of(v: &Value) -> Got {
        match v {
            Value::Null => Got::Null,
            Value::Bool(b) => Got::Bool(*b),
            Value::Number(n) => Got::Number(n.to_string()),
            Value::String(s) => Got::text(s),
            Value::Array(a) => Got::Array(a.len()),
            Value::Object(_) => Got::Object,
        }
    }

    pub fn text(s: &str) -> Got {
        let mut chars = s.chars();
        let head: String = chars.by_ref().take(40).collect();
        Got::Str(head, chars.next().is_some())
    }
}

impl<'a> Json<'a> for &'a Value {
    type Items = std::slice::Iter<'a, Value>;
    type Members = std::iter::Map<
        serde_json::map::Iter<'a>,
        fn((&'a String, &'a Value)) -> (&'a str, &'a Value),
    >;

    fn kind(self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn as_bool(self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn as_str(self) -> Option<&'a str> {
        Value::as_str(self)
    }
    fn as_i64(self) -> Option<i64> {
        Value::as_i64(self)
    }
    fn as_u64(self) -> Option<u64> {
        Value::as_u64(self)
    }
    fn sign(self) -> Option<(bool, bool)> {
        Value::as_f64(self).map(|x| (x < 0.0, x == 0.0))
    }
    fn items(self) -> Option<(usize, Self::Items)> {
        self.as_array().map(|a| (a.len(), a.iter()))
    }
    fn members(self) -> Option<Self::Members> {
        fn entry<'a>((k, v): (&'a String, &'a Value)) -> (&'a str, &'a Value) {
            (k.as_str(), v)
        }
        self.as_object().map(|m| m.iter().map(entry as fn(_) -> _))
    }
    fn get(self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn to_value(self) -> Value {
        self.clone()
    }
    fn got(self) -> Got {
        Got::of(self)
    }
    fn number_text(self) -> Option<String> {
        self.as_number().map(|n| n.to_string())
    }
    fn same_as(self, other: Self) -> bool {
        self == other
    }
}
