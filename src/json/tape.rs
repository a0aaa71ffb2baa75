//! A flat index over JSON text: one pass, one `Vec` of fixed-size tokens, strings and
//! numbers borrowed from the text (only strings with escapes are copied, once).
//!
//! Validation does not need a tree of owned values: it reads each value once, and the
//! cross-field rules read a handful. `serde_json::Value` spends most of a validation in
//! allocation and key hashing; the tape spends none (see `make bench`).
//!
//! The tape accepts exactly what `serde_json` accepts (nesting to the same depth, numbers
//! within f64 range) and refuses the rest with a [`ReadError`]: whether the text was cut
//! off, and where. It is the wasm's only JSON reader (serde_json's would add ~9 KB).

use super::{Got, Json, Kind};
use serde_json::Value;

/// serde_json's limit: 127 arrays or objects inside each other read, 128 do not.
pub const MAX_DEPTH: u32 = 127;

/// Why a text is not JSON: cut off (`eof`) or wrong at byte `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadError {
    eof: bool,
    out_of_range: bool,
    too_deep: bool,
    line: usize,
    column: usize,
}

/// How many `{` / `[` are open at the end of `text` (strings skipped). Only the error
/// path runs it, once.
fn open_brackets(text: &[u8]) -> usize {
    let (mut open, mut in_string, mut escaped) = (0usize, false, false);
    for &b in text {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => open += 1,
            b'}' | b']' => open = open.saturating_sub(1),
            _ => {}
        }
    }
    open
}

impl ReadError {
    fn at(text: &[u8], i: usize, eof: bool) -> ReadError {
        let before = &text[..i.min(text.len())];
        // `Parser::number` stops at the start of a number beyond f64 (`1e400`): valid JSON
        // that JS would read as Infinity. Told apart here, off the hot path, so the message
        // can say so instead of "not valid JSON".
        let rest = &text[i.min(text.len())..];
        let run = rest
            .iter()
            .position(|b| !matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
            .unwrap_or(rest.len());
        let number = &rest[..run];
        let out_of_range = !eof
            && matches!(number.first(), Some(b'-' | b'0'..=b'9'))
            && number.last().is_some_and(u8::is_ascii_digit)
            && std::str::from_utf8(number).is_ok_and(|t| crate::json::float(t).is_none());
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let too_deep = !eof
            && matches!(rest.first(), Some(b'{' | b'['))
            && open_brackets(before) >= MAX_DEPTH as usize;
        ReadError {
            eof,
            out_of_range,
            too_deep,
            line,
            column: i.min(text.len()) - line_start + 1,
        }
    }

    /// The text ended before the value did (a truncated body).
    pub fn is_eof(&self) -> bool {
        self.eof
    }

    /// Reading stopped at a number too large for a double (`1e400`).
    pub fn is_out_of_range(&self) -> bool {
        self.out_of_range
    }

    /// Reading stopped at a `{` or `[` nested deeper than [`MAX_DEPTH`].
    pub fn is_too_deep(&self) -> bool {
        self.too_deep
    }

    /// 1-based line and column (in bytes) where reading stopped.
    pub fn line(&self) -> usize {
        self.line
    }

    pub fn column(&self) -> usize {
        self.column
    }
}

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
/// An integer as written (no fraction, no exponent): `a..b` in the text.
const INT: u8 = 3;
/// A number with a fraction or an exponent: `a..b` in the text.
const FLOAT: u8 = 4;
/// A string without escapes: `a..b` in the text.
const STR: u8 = 5;
/// A float copied from a `serde_json::Value`: its bits, low half in `a`, high half in `b`
/// (as text it could be read back one ulp off, and sent so).
const F64: u8 = 6;
/// Added to a string or number kind whose text is in `Tape::decoded` (a string that had
/// escapes, or any value copied from a `serde_json::Value`), not in the JSON text.
const DECODED: u8 = 0x80;
const STR_DECODED: u8 = STR | DECODED;
/// `a` items follow; the next token after the array is at `b`.
const ARR: u8 = 7;
/// `a` members follow, each a key (a string token) then its value; the next token after
/// the object is at `b`.
const OBJ: u8 = 8;

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: u8,
    a: u32,
    b: u32,
}

pub struct Tape<'s> {
    text: &'s str,
    toks: Vec<Tok>,
    decoded: String,
    has_null: bool,
}

impl<'s> Tape<'s> {
    /// The tape of `text`, or why it is not JSON.
    #[cfg_attr(aicall_speed, optimize(speed))]
    pub fn parse(text: &'s str) -> Result<Tape<'s>, ReadError> {
        Tape::parse_with(text, false)
    }

    /// `parse` for a server's answer: a lone surrogate escape (`"\ud800"`, which
    /// `JSON.parse` takes) reads as U+FFFD instead of making the answer unreadable. (Input
    /// stays strict: a value the caller gave is never sent changed.) A leading byte order
    /// mark is skipped: `fetch`'s `text()` drops it, a body read through `node:https` and
    /// `Buffer#toString` keeps it.
    pub fn parse_answer(text: &'s str) -> Result<Tape<'s>, ReadError> {
        Tape::parse_with(text.strip_prefix('\u{feff}').unwrap_or(text), true)
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn parse_with(text: &'s str, lenient: bool) -> Result<Tape<'s>, ReadError> {
        // u32 offsets: a wasm32 string is below 4 GiB, a native one is checked.
        if text.len() >= u32::MAX as usize {
            return Err(ReadError::at(&[], 0, false));
        }
        let mut p = Parser {
            b: text.as_bytes(),
            i: 0,
            toks: Vec::with_capacity(text.len() / 6 + 2),
            decoded: String::new(),
            has_null: false,
            lenient,
        };
        p.ws();
        let read = p.value(0);
        p.ws();
        if read.is_none() || p.i != p.b.len() {
            let eof = read.is_none() && cut_off(&p.b[p.i.min(p.b.len())..]);
            return Err(ReadError::at(p.b, p.i, eof));
        }
        Ok(Tape {
            text,
            toks: p.toks,
            decoded: p.decoded,
            has_null: p.has_null,
        })
    }

    /// The tape of a parsed value (for the Rust API and the request builders, which hold
    /// one): the validators then read one representation only.
    pub fn of_value(v: &Value) -> Tape<'static> {
        let mut p = Parser {
            b: &[],
            i: 0,
            toks: Vec::new(),
            decoded: String::new(),
            has_null: false,
            lenient: false,
        };
        p.write(v);
        Tape {
            text: "",
            toks: p.toks,
            decoded: p.decoded,
            has_null: p.has_null,
        }
    }

    /// The tape of an object's members (`of_value` without the `Value` around them).
    pub fn of_map(map: &serde_json::Map<String, Value>) -> Tape<'static> {
        let mut p = Parser {
            b: &[],
            i: 0,
            toks: Vec::new(),
            decoded: String::new(),
            has_null: false,
            lenient: false,
        };
        p.write_object(map);
        Tape {
            text: "",
            toks: p.toks,
            decoded: p.decoded,
            has_null: p.has_null,
        }
    }

    /// Whether any value is `null` (where a JS NaN or ±Infinity may have been).
    pub fn has_null(&self) -> bool {
        self.has_null
    }

    pub fn root(&self) -> Node<'_> {
        Node { tape: self, at: 0 }
    }
}

/// Whether reading that stopped before `rest` stopped for want of text: at the end, inside
/// a word (`tr`) or inside an escape (`\u00`). Everything else that stops the reader
/// leaves it at a byte that is wrong whatever follows.
fn cut_off(rest: &[u8]) -> bool {
    let in_word = [&b"true"[..], b"false", b"null"]
        .iter()
        .any(|w| w.starts_with(rest));
    let in_escape = match rest {
        [b'\\'] => true,
        // Fewer than four bytes left for the digits (as serde_json counts a cut escape).
        [b'\\', b'u', rest @ ..] => rest.len() < 4,
        _ => false,
    };
    rest.is_empty() || in_word || in_escape
}

/// A number's text as serde_json's `Value` holds it: an integer that fits as u64 or i64,
/// anything else (a fraction, an exponent, `-0`, more digits) as the nearest f64.
fn number_value(t: &str) -> Value {
    if !t.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) && t != "-0" {
        if let Ok(u) = t.parse::<u64>() {
            return Value::from(u);
        }
        if let Ok(i) = t.parse::<i64>() {
            return Value::from(i);
        }
    }
    crate::json::float(t).map_or(Value::Null, Value::from)
}

struct Parser<'s> {
    b: &'s [u8],
    i: usize,
    toks: Vec<Tok>,
    decoded: String,
    has_null: bool,
    /// A lone surrogate reads as U+FFFD (see `Tape::parse_answer`).
    lenient: bool,
}

impl Parser<'_> {
    fn write(&mut self, v: &Value) {
        let from = self.decoded.len();
        match v {
            Value::Null => {
                self.has_null = true;
                self.push(NULL, 0, 0)
            }
            Value::Bool(b) => self.push(if *b { TRUE } else { FALSE }, 0, 0),
            Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
                Some(x) => {
                    let bits = x.to_bits();
                    self.toks.push(Tok {
                        kind: F64,
                        a: bits as u32,
                        b: (bits >> 32) as u32,
                    });
                }
                None => {
                    use std::fmt::Write;
                    let _ = write!(self.decoded, "{n}");
                    self.push(INT | DECODED, from, self.decoded.len());
                }
            },
            Value::String(s) => self.write_str(s),
            Value::Array(items) => {
                let at = self.toks.len();
                self.push(ARR, 0, 0);
                items.iter().for_each(|x| self.write(x));
                self.toks[at] = Tok {
                    kind: ARR,
                    a: items.len() as u32,
                    b: self.toks.len() as u32,
                };
            }
            Value::Object(map) => self.write_object(map),
        }
    }

    fn write_object(&mut self, map: &serde_json::Map<String, Value>) {
        let at = self.toks.len();
        self.push(OBJ, 0, 0);
        for (k, x) in map {
            self.write_str(k);
            self.write(x);
        }
        self.toks[at] = Tok {
            kind: OBJ,
            a: map.len() as u32,
            b: self.toks.len() as u32,
        };
    }

    fn write_str(&mut self, s: &str) {
        let from = self.decoded.len();
        self.decoded.push_str(s);
        self.push(STR_DECODED, from, self.decoded.len());
    }

    #[inline(always)]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    #[inline(always)]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn push(&mut self, kind: u8, a: usize, b: usize) {
        self.toks.push(Tok {
            kind,
            a: a as u32,
            b: b as u32,
        });
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn value(&mut self, depth: u32) -> Option<()> {
        match *self.b.get(self.i)? {
            b'{' | b'[' if depth >= MAX_DEPTH => None,
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string(),
            b't' => self.literal(b"true", TRUE),
            b'f' => self.literal(b"false", FALSE),
            b'n' => {
                self.has_null = true;
                self.literal(b"null", NULL)
            }
            _ => self.number(),
        }
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn literal(&mut self, word: &[u8], kind: u8) -> Option<()> {
        if !self.b[self.i..].starts_with(word) {
            return None;
        }
        self.i += word.len();
        self.push(kind, 0, 0);
        Some(())
    }

    /// `[`, items separated by `,`, `]`; `close` also ends an empty list.
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn array(&mut self, depth: u32) -> Option<()> {
        let at = self.toks.len();
        self.push(ARR, 0, 0);
        let n = self.sequence(b']', |p| p.value(depth + 1))?;
        self.toks[at] = Tok {
            kind: ARR,
            a: n,
            b: self.toks.len() as u32,
        };
        Some(())
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn object(&mut self, depth: u32) -> Option<()> {
        let at = self.toks.len();
        self.push(OBJ, 0, 0);
        let n = self.sequence(b'}', |p| {
            if p.b.get(p.i) != Some(&b'"') {
                return None;
            }
            p.string()?;
            p.ws();
            if p.b.get(p.i) != Some(&b':') {
                return None;
            }
            p.i += 1;
            p.ws();
            p.value(depth + 1)
        })?;
        self.toks[at] = Tok {
            kind: OBJ,
            a: n,
            b: self.toks.len() as u32,
        };
        Some(())
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn sequence(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<u32> {
        self.i += 1;
        self.ws();
        if self.b.get(self.i) == Some(&close) {
            self.i += 1;
            return Some(0);
        }
        let mut n = 0u32;
        loop {
            item(self)?;
            n += 1;
            self.ws();
            match *self.b.get(self.i)? {
                b',' => {
                    self.i += 1;
                    self.ws();
                }
                c if c == close => {
                    self.i += 1;
                    return Some(n);
                }
                _ => return None,
            }
        }
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn string(&mut self) -> Option<()> {
        self.i += 1;
        let start = self.i;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.push(STR, start, self.i);
                    self.i += 1;
                    return Some(());
                }
                b'\\' => return self.escaped(start),
                c if c < 0x20 => return None,
                _ => self.i += 1,
            }
        }
    }

    /// The rest of a string holding an escape, decoded into `decoded`.
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn escaped(&mut self, start: usize) -> Option<()> {
        let from = self.decoded.len();
        let mut run = start;
        loop {
            match *self.b.get(self.i)? {
                b'"' => break,
                b'\\' => {
                    self.flush(run)?;
                    let c = match *self.b.get(self.i + 1)? {
                        b'u' => {
                            self.unicode()?;
                            run = self.i;
                            continue;
                        }
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        _ => return None,
                    };
                    self.decoded.push(c);
                    self.i += 2;
                    run = self.i;
                }
                c if c < 0x20 => return None,
                _ => self.i += 1,
            }
        }
        self.flush(run)?;
        self.push(STR_DECODED, from, self.decoded.len());
        self.i += 1;
        Some(())
    }

    /// Copies the unescaped text `run..i` (it starts and ends next to ASCII bytes of a
    /// `str`, so on character boundaries).
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn flush(&mut self, run: usize) -> Option<()> {
        self.decoded
            .push_str(std::str::from_utf8(&self.b[run..self.i]).ok()?);
        Some(())
    }

    /// `\uXXXX` at `i` (a surrogate pair as two escapes); a lone surrogate is refused, as
    /// `serde_json` refuses it.
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn unicode(&mut self) -> Option<()> {
        let hi = self.hex4(self.i + 2)?;
        self.i += 6;
        let lone = if self.lenient { Some(0xFFFD) } else { None };
        let code = match hi {
            0xD800..=0xDBFF => {
                let lo = match (self.b.get(self.i), self.b.get(self.i + 1)) {
                    (Some(b'\\'), Some(b'u')) => self.hex4(self.i + 2)?,
                    _ => 0,
                };
                if (0xDC00..=0xDFFF).contains(&lo) {
                    self.i += 6;
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    lone?
                }
            }
            0xDC00..=0xDFFF => lone?,
            _ => hi,
        };
        self.decoded.push(char::from_u32(code)?);
        Some(())
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.b.get(at..at + 4)?;
        digits
            .iter()
            .try_fold(0u32, |acc, &c| Some(acc * 16 + (c as char).to_digit(16)?))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn number(&mut self) -> Option<()> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match *self.b.get(self.i)? {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        let int_end = self.i;
        let mut kind = INT;
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            self.need_digits()?;
            kind = FLOAT;
        }
        let mut exponent = false;
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.need_digits()?;
            kind = FLOAT;
            exponent = true;
        }
        // Out of f64 range is an error in serde_json; only a long or scaled number can be.
        // (The text is ASCII here, so a `str`.)
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        if (exponent || int_end - start > 18) && crate::json::float(text).is_none() {
            // Out of range: wrong at the number, not cut off after it.
            self.i = start;
            return None;
        }
        self.push(kind, start, self.i);
        Some(())
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn digits(&mut self) {
        while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    #[cfg_attr(aicall_speed, optimize(speed))]
    fn need_digits(&mut self) -> Option<()> {
        let at = self.i;
        self.digits();
        (self.i > at).then_some(())
    }
}

/// One value of a tape.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    tape: &'a Tape<'a>,
    at: u32,
}

// The small accessors are inlined: the crate is built for size, and a call per token
// read was a third of the validation time.
impl<'a> Node<'a> {
    #[inline(always)]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn tok(self) -> Tok {
        self.tape.toks[self.at as usize]
    }

    #[inline(always)]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn base(self) -> u8 {
        self.tok().kind & !DECODED
    }

    /// The value of an `F64` token.
    fn f64(self) -> Option<f64> {
        let t = self.tok();
        (t.kind == F64).then(|| f64::from_bits(u64::from(t.b) << 32 | u64::from(t.a)))
    }

    /// The token after this value (and everything inside it).
    #[inline(always)]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn after(self) -> u32 {
        let t = self.tok();
        if t.kind == ARR || t.kind == OBJ {
            t.b
        } else {
            self.at + 1
        }
    }

    /// The text of a string or number token.
    #[inline(always)]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn span(self) -> &'a str {
        let t = self.tok();
        let text = if t.kind & DECODED != 0 {
            self.tape.decoded.as_str()
        } else {
            self.tape.text
        };
        text.get(t.a as usize..t.b as usize).unwrap_or_default()
    }

    /// An integer token as serde_json reads it: `Ok(u64)` when positive, `Err(i64)` when
    /// negative; `None` when serde_json would hold it as a float (too long, or `-0`).
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn integer(self) -> Option<Result<u64, i64>> {
        if self.base() != INT {
            return None;
        }
        let s = self.span().as_bytes();
        let (negative, digits) = match s.first() {
            Some(b'-') => (true, &s[1..]),
            _ => (false, s),
        };
        let mut n: u64 = 0;
        if digits.len() <= 19 {
            // 19 digits always fit a u64: no overflow checks on the common path.
            for &c in digits {
                n = n * 10 + u64::from(c - b'0');
            }
        } else {
            for &c in digits {
                n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            }
        }
        if !negative {
            return Some(Ok(n));
        }
        let neg = (n as i64).wrapping_neg();
        (neg < 0).then_some(Err(neg))
    }
}

/// Whether no key of a (short) object repeats.
fn distinct_keys(obj: Node) -> bool {
    let keys = || obj.members().into_iter().flatten().map(|(k, _)| k);
    keys()
        .enumerate()
        .all(|(i, k)| !keys().take(i).any(|k2| k2 == k))
}

#[derive(Clone)]
pub struct Items<'a> {
    tape: &'a Tape<'a>,
    at: u32,
    left: u32,
}

impl<'a> Iterator for Items<'a> {
    type Item = Node<'a>;
    #[inline]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn next(&mut self) -> Option<Node<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let node = Node {
            tape: self.tape,
            at: self.at,
        };
        self.at = node.after();
        Some(node)
    }
}

#[derive(Clone)]
pub struct Members<'a> {
    tape: &'a Tape<'a>,
    at: u32,
    left: u32,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, Node<'a>);
    #[inline]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn next(&mut self) -> Option<(&'a str, Node<'a>)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let key = Node {
            tape: self.tape,
            at: self.at,
        };
        let value = Node {
            tape: self.tape,
            at: self.at + 1,
        };
        self.at = value.after();
        Some((key.span(), value))
    }
}

impl<'a> Json<'a> for Node<'a> {
    type Items = Items<'a>;
    type Members = Members<'a>;

    #[inline]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn kind(self) -> Kind {
        match self.base() {
            NULL => Kind::Null,
            FALSE | TRUE => Kind::Bool,
            INT | FLOAT | F64 => Kind::Number,
            STR | STR_DECODED => Kind::String,
            ARR => Kind::Array,
            _ => Kind::Object,
        }
    }
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn as_bool(self) -> Option<bool> {
        match self.tok().kind {
            TRUE => Some(true),
            FALSE => Some(false),
            _ => None,
        }
    }
    #[inline]
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn as_str(self) -> Option<&'a str> {
        (self.base() == STR).then(|| self.span())
    }
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn as_i64(self) -> Option<i64> {
        match self.integer()? {
            Ok(u) => i64::try_from(u).ok(),
            Err(i) => Some(i),
        }
    }
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn as_u64(self) -> Option<u64> {
        self.integer()?.ok()
    }
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn sign(self) -> Option<(bool, bool)> {
        match self.base() {
            F64 => self.f64().map(|x| (x < 0.0, x == 0.0)),
            // A JS number never underflows to zero in its own text, but other text can: read
            // scaled numbers the way serde_json does.
            FLOAT if self.span().bytes().any(|c| c == b'e' || c == b'E') => {
                self.to_value().as_f64().map(|x| (x < 0.0, x == 0.0))
            }
            // A long plain decimal can underflow to zero too (more than ~320 zeros).
            FLOAT if self.span().len() > 300 => {
                self.to_value().as_f64().map(|x| (x < 0.0, x == 0.0))
            }
            INT | FLOAT => {
                let s = self.span();
                let zero = !s.bytes().any(|c| matches!(c, b'1'..=b'9'));
                Some((s.starts_with('-') && !zero, zero))
            }
            _ => None,
        }
    }
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn items(self) -> Option<(usize, Items<'a>)> {
        let t = self.tok();
        (t.kind == ARR).then_some((
            t.a as usize,
            Items {
                tape: self.tape,
                at: self.at + 1,
                left: t.a,
            },
        ))
    }
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn members(self) -> Option<Members<'a>> {
        let t = self.tok();
        (t.kind == OBJ).then_some(Members {
            tape: self.tape,
            at: self.at + 1,
            left: t.a,
        })
    }
    /// The member named `key`; of a repeated key the last, as serde_json keeps it (JSON
    /// text inside a string value, such as a CallTime window, can repeat one).
    #[cfg_attr(aicall_speed, optimize(speed))]
    fn get(self, key: &str) -> Option<Node<'a>> {
        self.members()?
            .fold(None, |last, (k, v)| if k == key { Some(v) } else { last })
    }
    fn to_value(self) -> Value {
        match self.base() {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT | FLOAT => number_value(self.span()),
            F64 => self.f64().map_or(Value::Null, Value::from),
            STR => Value::String(self.as_str().unwrap_or_default().to_string()),
            ARR => Value::Array(
                self.items()
                    .map(|(_, items)| items.map(Node::to_value).collect())
                    .unwrap_or_default(),
            ),
            _ => Value::Object(
                self.members()
                    .map(|m| m.map(|(k, v)| (k.to_string(), v.to_value())).collect())
                    .unwrap_or_default(),
            ),
        }
    }
    /// Integers as written; floats through their `Value`, as serde_json reads and writes
    /// them (one copied from a `Value` from its bits).
    fn number_text(self) -> Option<String> {
        let t = self.tok();
        match self.base() {
            INT if t.kind & DECODED != 0 || self.integer().is_some() => {
                Some(self.span().to_string())
            }
            INT | FLOAT | F64 => Some(crate::json::text(&self.to_value())),
            _ => None,
        }
    }
    fn got(self) -> Got {
        match self.kind() {
            Kind::Null => Got::Null,
            Kind::Bool => Got::Bool(self.as_bool().unwrap_or_default()),
            Kind::Number => Got::Number(self.number_text().unwrap_or_default()),
            Kind::String => Got::text(self.as_str().unwrap_or_default()),
            Kind::Array => Got::Array(self.tok().a as usize),
            Kind::Object => Got::Object,
        }
    }
    /// Structural, without building values: a list of a million items compares its
    /// candidate duplicates in place. Only floats, and objects with many members or a
    /// repeated key, are compared as `Value`s.
    fn same_as(self, other: Node<'a>) -> bool {
        match (self.base(), other.base()) {
            (STR, STR) => self.span() == other.span(),
            (NULL | TRUE | FALSE, _) | (_, NULL | TRUE | FALSE) => self.base() == other.base(),
            // Integers that serde_json holds as integers compare as integers.
            (INT, INT) if self.integer().is_some() && other.integer().is_some() => {
                self.integer() == other.integer()
            }
            (ARR, ARR) => match (self.items(), other.items()) {
                (Some((n, a)), Some((m, b))) => n == m && a.zip(b).all(|(x, y)| x.same_as(y)),
                _ => false,
            },
            (OBJ, OBJ)
                if self.tok().a <= 32
                    && self.tok().a == other.tok().a
                    && distinct_keys(self)
                    && distinct_keys(other) =>
            {
                // Same count of distinct keys, each member of one equal to its namesake.
                self.members()
                    .is_some_and(|mut m| m.all(|(k, v)| other.get(k).is_some_and(|w| v.same_as(w))))
            }
            _ => self.to_value() == other.to_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_read_exactly() {
        // serde_json's default reader gave the neighbouring double for these.
        for t in [
            "1000000000000000.5",
            "-407.87482261657715",
            "362381.10065460205",
            "0.1",
            "1e-7",
            "5e-324",
            "1.7976931348623157e308",
        ] {
            let x: f64 = t.parse().unwrap();
            assert_eq!(crate::json::read(t).unwrap().as_f64(), Some(x), "{t}");
            assert_eq!(
                Tape::parse(t)
                    .unwrap()
                    .root()
                    .number_text()
                    .unwrap()
                    .parse::<f64>()
                    .unwrap(),
                x,
                "{t}"
            );
        }
        // A spread of doubles, written shortest (as JavaScript writes them), read back equal.
        let mut bits: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let x = f64::from_bits(bits);
            if !x.is_finite() {
                continue;
            }
            let t = format!("{x:e}");
            assert_eq!(crate::json::read(&t).unwrap().as_f64(), Some(x), "{t}");
        }
        // Integers stay integers; `-0` and out-of-range values as serde_json has them.
        assert_eq!(
            crate::json::read("18446744073709551615").unwrap(),
            serde_json::json!(u64::MAX)
        );
        assert_eq!(
            crate::json::read("-9223372036854775808").unwrap(),
            serde_json::json!(i64::MIN)
        );
        assert!(crate::json::read("-0")
            .unwrap()
            .as_f64()
            .unwrap()
            .is_sign_negative());
        assert!(crate::json::read("1e400").is_err());
    }

    use super::*;
    use serde_json::json;

    /// The tape reads `text` as serde_json does, and refuses what serde_json refuses, for
    /// the same reason (cut off or not) on the same line.
    fn agrees(text: &str) {
        let serde = serde_json::from_str::<Value>(text);
        match Tape::parse(text) {
            Ok(tape) => {
                let v = serde.unwrap_or_else(|e| {
                    panic!("the tape read what serde_json refuses ({e}): {text:?}")
                });
                let node = tape.root();
                assert_eq!(node.to_value(), v, "{text:?}");
                assert_eq!(node.as_i64(), v.as_i64(), "{text:?}");
                assert_eq!(node.as_u64(), v.as_u64(), "{text:?}");
                assert_eq!(
                    node.sign(),
                    v.as_f64().map(|x| (x < 0.0, x == 0.0)),
                    "{text:?}"
                );
                assert_eq!(node.got(), Got::of(&v), "{text:?}");
                // And the copy of the parsed value reads the same.
                let copy = Tape::of_value(&v);
                assert_eq!(copy.root().to_value(), v);
                assert_eq!(copy.root().as_i64(), v.as_i64());
                assert_eq!(copy.root().sign(), node.sign());
            }
            Err(mine) => {
                let theirs = serde
                    .err()
                    .unwrap_or_else(|| panic!("the tape refused what serde_json reads: {text:?}"));
                assert_eq!(
                    mine.is_eof(),
                    theirs.is_eof(),
                    "cut off or not: {text:?} ({theirs})"
                );
                assert_eq!(mine.line(), theirs.line(), "{text:?} ({theirs})");
            }
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "7",
            "-7",
            "0.5",
            "-0.0",
            "1e3",
            "1E+3",
            "-1e-7",
            "1.5e300",
            "1e400",
            "-1e400",
            "9007199254740993",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "123456789012345678901234567890",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "0x10",
            r#""""#,
            r#""abc""#,
            r#""录音 😀""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u0041\u4e2d\ud83d\ude00""#,
            r#""\ud800""#,
            r#""\udc00x""#,
            r#""\ud83dx""#,
            r#""\x""#,
            "\"a\u{1}\"",
            r#""\u00"#,
            r#""abc"#,
            "[]",
            "{}",
            "[1,2,[3,[4]]]",
            r#"{"a":1,"b":[true,null],"c":{"d":"e"}}"#,
            r#" { "a" : [ 1 , 2 ] } "#,
            "[1,]",
            "[,1]",
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{1:2}"#,
            "[1 2]",
            "nul",
            "truex",
            "[]]",
            "",
            r#"{"a":"\u00e9","b\n":"x"}"#,
            r#"["\\u0041"]"#,
            "[1,\n2,\n x]",
            "\n\n[1",
            "[\"\\ud83d\\u00",
            "fals",
            "[tru]",
            "{\"a\":nul",
            "1e",
            "1e+",
            "[-]",
            "\"\\u12\"",
            "[1.5e400]",
            "\"\\",
            "{\"a\":1 \"b\":2}",
            "[\"a\"\n,\n",
            " ",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let mixed = |n: usize| format!("{}{}", r#"{"a":["#.repeat(n), "]}".repeat(n));
        for text in [
            deep(MAX_DEPTH as usize),
            deep(MAX_DEPTH as usize + 1),
            mixed(63),
            mixed(64),
            deep(5000),
            "[".repeat(200),
        ] {
            agrees(&text);
        }
        assert!(Tape::parse(&deep(MAX_DEPTH as usize)).is_ok());
        assert!(!Tape::parse(&deep(MAX_DEPTH as usize + 1))
            .err()
            .unwrap()
            .is_eof());
        // Cut off inside the limit: the text ended.
        assert!(Tape::parse(&"[".repeat(50)).err().unwrap().is_eof());
    }

    #[test]
    fn errors_say_where_and_whether_the_text_was_cut_off() {
        let e = Tape::parse("{\n  \"a\": 1,\n  \"b\": x\n}").err().unwrap();
        assert_eq!((e.is_eof(), e.line(), e.column()), (false, 3, 8));
        for cut in [
            "{\"a\": [1, 2",
            "\"abc",
            "tr",
            "[1.",
            "-",
            "\"\\u00",
            "\"\\",
            "\"\\ud83d",
            "{\"a\"",
            "  ",
        ] {
            assert!(Tape::parse(cut).err().unwrap().is_eof(), "{cut:?}");
        }
        for wrong in [
            "[1,]",
            "trux",
            "\"\\x\"",
            "1e400",
            "[1e400]",
            "\"\u{1}\"",
            "{} x",
            "\"\\ud800\"",
        ] {
            assert!(!Tape::parse(wrong).err().unwrap().is_eof(), "{wrong:?}");
        }
    }

    #[test]
    fn an_answer_reads_a_lone_surrogate_as_a_replacement_character() {
        for (text, want) in [
            (r#""\ud800""#, "\u{fffd}"),
            (r#""a\udc00b""#, "a\u{fffd}b"),
            (r#""\ud83dx""#, "\u{fffd}x"),
            (r#""\ud800\ud83d\ude00""#, "\u{fffd}😀"),
            (r#""\ud83d\ude00""#, "😀"),
        ] {
            assert!(Tape::parse(text).is_err() || want == "😀", "{text}");
            let v = Tape::parse_answer(text).unwrap().root().to_value();
            assert_eq!(v, Value::String(want.into()), "{text}");
        }
        // Malformed escapes stay errors.
        assert!(Tape::parse_answer(r#""\ud800\u00""#).is_err());
    }

    #[test]
    fn nesting_past_the_limit_is_told_apart_from_bad_json() {
        let deep =
            |n: usize, inner: &str| format!("{}{inner}{}", "{\"a\":[".repeat(n), "]}".repeat(n));
        let e = Tape::parse_answer(&deep(100, "1")).err().unwrap();
        assert!(e.is_too_deep() && !e.is_eof(), "{e:?}");
        // Brackets inside strings do not count; a bracket where a colon belongs is bad JSON.
        let strings = format!("[{}1]", "\"[{\\\"\",".repeat(200));
        assert!(Tape::parse_answer(&strings).is_ok());
        assert!(!Tape::parse_answer(r#"{"a" {"#).err().unwrap().is_too_deep());
        assert!(!Tape::parse_answer(&deep(10, "x"))
            .err()
            .unwrap()
            .is_too_deep());
    }

    #[test]
    fn an_answer_may_start_with_a_byte_order_mark() {
        let v = Tape::parse_answer("\u{feff}{\"Code\":\"OK\"}")
            .unwrap()
            .root()
            .to_value();
        assert_eq!(v, serde_json::json!({"Code": "OK"}));
        // Only one, only first; what the caller gives stays strict.
        assert!(Tape::parse_answer("\u{feff}\u{feff}{}").is_err());
        assert!(Tape::parse_answer(" \u{feff}{}").is_err());
        assert!(Tape::parse("\u{feff}{}").is_err());
    }

    #[test]
    fn a_million_items_take_one_token_each() {
        let text = json!((0..1_000_000)
            .map(|i| format!("id-{i}"))
            .collect::<Vec<_>>())
        .to_string();
        let tape = Tape::parse(&text).expect("reads");
        let (n, items) = tape.root().items().expect("an array");
        assert_eq!(n, 1_000_000);
        assert_eq!(items.last().and_then(|x| x.as_str()), Some("id-999999"));
        assert_eq!(tape.toks.len(), 1_000_001);
    }

    #[test]
    fn a_repeated_key_reads_as_serde_json_reads_it() {
        let text = r#"{"a":1,"b":2,"a":3}"#;
        let tape = Tape::parse(text).unwrap();
        let serde: Value = serde_json::from_str(text).unwrap();
        assert_eq!(tape.root().get("a").and_then(|a| a.as_i64()), Some(3));
        assert_eq!(tape.root().to_value(), serde);
        // Equal to the object serde_json reads, although the tape holds both copies.
        let other = Tape::parse(r#"{"b":2,"a":3}"#).unwrap();
        assert!(tape.root().same_as(other.root()));
        assert!(other.root().same_as(tape.root()));
    }

    #[test]
    fn structural_equality_matches_values() {
        let texts = [
            r#"{"a":[1,{"b":"x"}],"c":null}"#,
            r#"{"c":null,"a":[1,{"b":"x"}]}"#,
            r#"{"a":[1,{"b":"y"}],"c":null}"#,
            r#"[1,2]"#,
            r#"[1,2.0]"#,
            r#"[2,1]"#,
            "0.0",
            "-0.0",
            "0",
        ];
        let tapes: Vec<Tape> = texts.iter().map(|t| Tape::parse(t).unwrap()).collect();
        for (i, a) in tapes.iter().enumerate() {
            for (j, b) in tapes.iter().enumerate() {
                let (va, vb): (Value, Value) = (
                    serde_json::from_str(texts[i]).unwrap(),
                    serde_json::from_str(texts[j]).unwrap(),
                );
                assert_eq!(
                    a.root().same_as(b.root()),
                    va == vb,
                    "{} vs {}",
                    texts[i],
                    texts[j]
                );
            }
        }
    }

    #[test]
    fn a_long_decimal_that_underflows_is_zero() {
        let text = format!("0.{}1", "0".repeat(400));
        let tape = Tape::parse(&text).unwrap();
        assert_eq!(tape.root().sign(), Some((false, true)));
        agrees(&text);
        agrees(&format!("-0.{}1", "0".repeat(400)));
    }

    #[test]
    fn members_and_lookups() {
        let text = r#"{"a":{"x":[1,{"y":2}],"z":null},"b":"B","c":[]}"#;
        let tape = Tape::parse(text).unwrap();
        let root = tape.root();
        let keys: Vec<&str> = root.members().unwrap().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(root.get("b").and_then(|b| b.as_str()), Some("B"));
        assert_eq!(
            crate::schema::get(root, &["a", "z"]).map(|z| z.is_null()),
            Some(true)
        );
        assert_eq!(
            root.get("c").and_then(|c| c.items()).map(|(n, _)| n),
            Some(0)
        );
        assert!(root.get("nope").is_none());
        assert!(root.get("b").unwrap().get("x").is_none());
    }
}
