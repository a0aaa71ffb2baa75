//! The plain request value every builder returns: no I/O, no client types. It has the
//! shape `fetch(req.url, req)` accepts, so the transport is a one-liner at the edge.

use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    /// Header names in the order they are sent; kept as pairs so the order is stable.
    /// Names are the builders' constants and fixed values are borrowed: a signed request
    /// copied nine names and four values per call.
    #[serde(serialize_with = "headers_as_object")]
    pub headers: Vec<(&'static str, Cow<'static, str>)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }

    /// The very text `serde_json::to_string` writes for this value, written directly into
    /// one String: a signed request is handed to JS as JSON text on every call, and in wasm
    /// the serde path (a formatter call per token) took ~5% of `Aiccs#buildRequest`.
    pub fn to_json(&self) -> String {
        let headers_len: usize = self
            .headers
            .iter()
            .map(|(k, v)| k.len() + v.len() + 6)
            .sum();
        let body_len = self.body.as_ref().map_or(0, |b| b.len() + 10);
        let mut out = String::with_capacity(self.url.len() + headers_len + body_len + 48);
        out.push_str("{\"method\":");
        json_str(&mut out, self.method);
        out.push_str(",\"url\":");
        json_str(&mut out, &self.url);
        out.push_str(",\"headers\":{");
        for (i, (k, v)) in self.headers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(&mut out, k);
            out.push(':');
            json_str(&mut out, v);
        }
        out.push('}');
        if let Some(b) = &self.body {
            out.push_str(",\"body\":");
            json_str(&mut out, b);
        }
        out.push('}');
        out
    }
}

/// A JSON string literal, escaped as serde_json escapes: `"`, `\\`, the short forms of
/// \b \f \n \r \t, `\u00XX` for the other control characters; all else as it is.
#[cfg_attr(aicall_speed, optimize(speed))]
pub(crate) fn json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push('"');
    let mut start = 0; // the run not yet copied (ends before an ASCII byte: a char boundary)
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping (nearly always: a request is
        // ASCII text without quotes): a byte-by-byte loop was most of this function's time.
        if let Some(w) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            if !needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x0c => 'f',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(&s[start..i - 1]);
        out.push('\\');
        out.push(short);
        if short == 'u' {
            for h in [b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]] {
                out.push(h as char);
            }
        }
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Whether any of the eight bytes of `w` is below 0x20, `"` or `\\` (the word tricks of
/// "Bit Twiddling Hacks": a byte's high bit survives only where it was zero/below n).
pub(crate) fn needs_escape(w: u64) -> bool {
    const fn splat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    let below = |x: u64, n: u8| x.wrapping_sub(splat(n)) & !x & splat(0x80);
    (below(w, 0x20) | below(w ^ splat(b'"'), 1) | below(w ^ splat(b'\\'), 1)) != 0
}

fn headers_as_object<S: serde::Serializer>(
    h: &[(&'static str, Cow<'static, str>)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(h.len()))?;
    for (k, v) in h {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// RFC 3986 percent-encoding: unreserved `A-Z a-z 0-9 - _ . ~` kept, everything else
/// `%XX` of its UTF-8 bytes (space is `%20`). Both vendors' signatures and paths use it.
pub fn pct(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    pct_bytes(&mut out, s);
    // Only ASCII was added: the fallback is never taken.
    String::from_utf8(out).unwrap_or_default()
}

/// `pct` appended to `out`, as bytes. By hand, without the `percent_encoding` iterator or
/// the fmt machinery, and into bytes so an escape is one 3-byte copy (three `String::push`
/// calls each were the larger part of the time): this runs for every name and value of
/// every signed request.
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn pct_bytes(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Written through a stack buffer, flushed every ~250 bytes: JSON values (CallTime)
    // escape one byte in three, and a `Vec` call per escape was most of this function.
    let mut buf = [0u8; 256];
    let mut n = 0;
    for &b in s.as_bytes() {
        if n > buf.len() - 3 {
            out.extend_from_slice(&buf[..n]);
            n = 0;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            buf[n] = b;
            n += 1;
        } else {
            buf[n] = b'%';
            buf[n + 1] = HEX[(b >> 4) as usize];
            buf[n + 2] = HEX[(b & 15) as usize];
            n += 3;
        }
    }
    out.extend_from_slice(&buf[..n]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written encoder writes what `percent_encoding` writes with the RFC 3986 set.
    #[test]
    fn pct_matches_percent_encoding() {
        use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
        const SET: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'~');
        for s in [
            "",
            "a",
            "张",
            "张三😀",
            "a b+c/d=e&f*g~h%i",
            "é-x",
            "x张",
            "AZaz09-_.~",
            "\u{7f}\0\n",
            "~😀~",
        ] {
            assert_eq!(pct(s), utf8_percent_encode(s, SET).to_string(), "{s:?}");
        }
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(pct(&ascii), utf8_percent_encode(&ascii, SET).to_string());
        // Across the buffer's flushes: every length around its size, plain and escaped.
        for len in 240..520 {
            for s in [
                "a".repeat(len),
                "张".repeat(len / 3),
                format!("{}\"", "x".repeat(len)),
            ] {
                assert_eq!(pct(&s), utf8_percent_encode(&s, SET).to_string(), "{len}");
            }
        }
        let mut out = b"k=".to_vec();
        pct_bytes(&mut out, "v 1");
        assert_eq!(out, b"k=v%201");
    }

    #[test]
    fn to_json_is_what_serde_writes() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        let mut r = HttpRequest {
            method: "POST",
            url: "https://h/?a=%E5%BC%A0".into(),
            headers: vec![
                ("accept", "application/json".into()),
                ("x-n", all_ascii.clone().into()),
                ("x-u", "张三😀\u{7f}\u{2028}".into()),
            ],
            body: Some(all_ascii),
        };
        assert_eq!(r.to_json(), serde_json::to_string(&r).unwrap());
        r.body = None;
        r.headers.clear();
        assert_eq!(r.to_json(), serde_json::to_string(&r).unwrap());
        // Every escaped byte at every place of an 8-byte word, among plain and non-ASCII text.
        for b in (0u8..0x20).chain([b'"', b'\\']) {
            for at in 0..17 {
                let mut t: Vec<char> = "abcdefgh张ijklmnopq".chars().collect();
                t.insert(at, char::from(b));
                r.url = t.into_iter().collect();
                assert_eq!(
                    r.to_json(),
                    serde_json::to_string(&r).unwrap(),
                    "{b} at {at}"
                );
            }
        }
    }
}
