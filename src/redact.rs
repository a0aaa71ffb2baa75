//! Keeping secrets out of every message: the token, the AccessKeySecret, the STS token and
//! the request signature are replaced by `[redacted]` wherever they appear — in our own
//! messages and in text the server or the network layer echoes back. The edge calls
//! [`crate::error::Error::redacted`] on every error it hands to the caller.

use crate::http::{pct, HttpRequest};
use base64::Engine;
use std::borrow::Cow;

pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not searched for: every message would be shredded, and
/// so short a value cannot be kept secret anyway.
pub const MIN_SECRET_LEN: usize = 4;

/// The shortest piece of a secret removed where a message was cut short (see [`redact`]).
const MIN_CUT_PREFIX: usize = 6;

/// Any run of this many characters of a secret, wherever it stands, is removed.
const WINDOW: usize = 8;

/// `text` with every secret replaced: as is, percent-encoded (as in a URL, with upper- or
/// lower-case hex: RFC 3986 makes them equal) and JSON-escaped with `\/` (PHP's default).
/// A server can spell a secret in more ways than any list (`\u002B`, `&#x2F;`, mixed-case
/// escapes, a line break or a tag inside it, its own `...` cut, another letter case): so
/// besides, any run of [`WINDOW`] characters of a one-word secret (the token, a key, the
/// signature; not a header value with spaces, whose words are common), in any letter case,
/// is removed wherever it appears, and a
/// piece at least [`MIN_CUT_PREFIX`] long right before a cut (`…` or the end of the text).
/// Linear in the text and the secrets.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let decoded = char_refs_decoded(text);
    let mut out = Cow::Borrowed(&*decoded);
    // A secret listed twice (the STS token comes from the options and from the request)
    // is searched for once.
    let mut seen: Vec<&str> = Vec::new();
    for s in secrets.iter().filter(|s| s.len() >= MIN_SECRET_LEN) {
        if seen.contains(s) {
            continue;
        }
        seen.push(s);
        let upper = pct(s);
        let lower = lower_hex(&upper);
        let escaped = s.replace('/', "\\/");
        let [json, u_lower, u_upper] = json_forms(s);
        // JavaScript's encodeURIComponent leaves ! ' ( ) * as they are; a string to sign
        // echoed back holds its query encoded twice; a header or a log may hold base64.
        let js_uri = js_uri_form(&upper);
        let twice = pct(&upper);
        let twice_lower = lower_hex(&pct(&lower));
        // (URL-safe base64 from the standard one: one engine in the wasm.)
        let b64 = base64::engine::general_purpose::STANDARD.encode(s);
        let b64_bare = b64.trim_end_matches('=');
        let b64_url = b64_bare.replace('+', "-").replace('/', "_");
        let forms = [
            *s, &upper, &lower, &escaped, &json, &u_lower, &u_upper, &js_uri, &twice,
        ]
        .into_iter()
        .chain([&*twice_lower, b64_bare, &b64_url]);
        for form in forms {
            if out.contains(form) {
                out = Cow::Owned(out.replace(form, REDACTED));
            }
        }
        if s.contains(char::is_whitespace) {
            continue;
        }
        // A short secret in another letter case (a longer one is caught by its windows).
        if s.len() < WINDOW {
            if let Some(other_case) = replace_ignoring_case(&out, s) {
                out = Cow::Owned(other_case);
            }
        }
        if let Some(cut) = cut_piece(&out, s) {
            out = Cow::Owned(cut);
        }
        if let Some(pieces) = windows_of(&out, s) {
            out = Cow::Owned(pieces);
        }
    }
    strip_url_queries(&out)
}

/// `text` with every numeric character reference (`&#116;`, `&#x74;`, an HTML page's way
/// to write any character) as the character it stands for: a secret written so shows no
/// run of its characters for the searches to find. Read so, the message is plainer too.
/// One pass; a reference that stands for no character, or for one no message shows
/// (`&#27;`, see `messages::hidden`), is kept as written.
fn char_refs_decoded(text: &str) -> Cow<'_, str> {
    if !text.contains("&#") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (radix, start) = match rest.as_bytes().get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits = rest[start..]
            .bytes()
            .take(8)
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        let c = u32::from_str_radix(&rest[start..start + digits], radix)
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| digits > 0 && !crate::messages::hidden(c));
        match c {
            Some(c) => {
                out.push(c);
                let end = start + digits;
                rest = &rest[end + usize::from(rest[end..].starts_with(';'))..];
            }
            None => {
                out.push_str("&#");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `s` as JSON writes it inside a string: escaped (`"`, `\`, control characters), and with
/// every non-ASCII character as `\uXXXX` in lower- and upper-case hex (PHP's
/// `json_encode` default: a Chinese password comes back as `\u5bc6\u7801`). One pass by
/// hand: serde_json's string writer and `format!("{:04x}")` add more to the wasm.
fn json_forms(s: &str) -> [String; 3] {
    [
        json_escaped(s, None),
        json_escaped(s, Some(b"0123456789abcdef")),
        json_escaped(s, Some(b"0123456789ABCDEF")),
    ]
}

/// `s` JSON-escaped; with `hex`, each non-ASCII character as `\u` and these digits.
#[inline(never)]
fn json_escaped(s: &str, hex: Option<&[u8; 16]>) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    let mut units = [0u16; 2];
    for c in s.chars() {
        let short = match c {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            _ => '\0',
        };
        let units: &[u16] = match hex {
            _ if short != '\0' => {
                o.push('\\');
                o.push(short);
                continue;
            }
            _ if (c as u32) < 0x20 => {
                units[0] = c as u16;
                &units[..1]
            }
            Some(_) if !c.is_ascii() => c.encode_utf16(&mut units),
            _ => {
                o.push(c);
                continue;
            }
        };
        let digits = hex.unwrap_or(b"0123456789abcdef");
        for unit in units {
            o.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                o.push(char::from(digits[usize::from(unit >> shift & 0xf)]));
            }
        }
    }
    o
}

/// The windows of a secret as a small open-addressing table (linear probing, twice as many
/// slots as windows, a power of two): one probe or two per window of the text, whatever
/// the secret's length. Written out because `HashSet` or a sort would add kilobytes of
/// generic code to the wasm.
struct Windows {
    slots: Vec<u64>,
    /// `0` is a key no window has (windows never start with a NUL in visible text), kept
    /// apart: the empty slot.
    mask: usize,
}

impl Windows {
    fn of(keys: impl ExactSizeIterator<Item = u64>) -> Windows {
        let size = (keys.len() * 2).next_power_of_two().max(8);
        let mut t = Windows {
            slots: vec![0; size],
            mask: size - 1,
        };
        for k in keys.filter(|&k| k != 0) {
            let mut i = t.slot(k);
            while t.slots[i] != 0 && t.slots[i] != k {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = k;
        }
        t
    }

    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    fn contains(&self, k: u64) -> bool {
        let mut i = self.slot(k);
        while self.slots[i] != 0 {
            if self.slots[i] == k {
                return k != 0;
            }
            i = (i + 1) & self.mask;
        }
        false
    }
}

/// `text` with every run of [`WINDOW`] or more characters of `secret` replaced, if any.
fn windows_of(text: &str, secret: &str) -> Option<String> {
    let (s, t) = (secret.as_bytes(), text.as_bytes());
    if s.len() < WINDOW || t.len() < WINDOW {
        return None;
    }
    // Letter case ignored: a server may echo a secret upper- or lower-cased (a host name,
    // a header it normalised); 8 characters of a random secret are still no common word.
    let key = |w: &[u8]| {
        w.iter()
            .fold(0u64, |k, &b| k << 8 | u64::from(b.to_ascii_lowercase()))
    };
    let known = Windows::of(s.windows(WINDOW).map(key));
    // Byte runs covered by a window of the secret, merged as they overlap.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, w) in t.windows(WINDOW).enumerate() {
        if known.contains(key(w)) {
            match runs.last_mut() {
                Some((_, end)) if *end >= i => *end = i + WINDOW,
                _ => runs.push((i, i + WINDOW)),
            }
        }
    }
    if runs.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (mut a, mut b) in runs {
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        if a >= from {
            out.push_str(&text[from..a]);
            out.push_str(REDACTED);
            from = b;
        }
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// `text` with the piece of `secret` that ends at a cut replaced, if there is one.
pub(crate) fn cut_piece(text: &str, secret: &str) -> Option<String> {
    let ends = text
        .match_indices('…')
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let mut out = String::new();
    let mut from = 0;
    for end in ends {
        let before = &text.as_bytes()[from..end];
        let longest = (MIN_CUT_PREFIX..secret.len().min(before.len()) + 1)
            .rev()
            .find(|&k| before.ends_with(&secret.as_bytes()[..k]));
        if let Some(k) = longest {
            out.push_str(&text[from..end - k]);
            out.push_str(REDACTED);
            from = end;
        }
    }
    (from > 0).then(|| out + &text[from..])
}

/// The percent-encoded `upper` as `encodeURIComponent` writes it.
fn js_uri_form(upper: &str) -> String {
    [
        ("%21", "!"),
        ("%27", "'"),
        ("%28", "("),
        ("%29", ")"),
        ("%2A", "*"),
    ]
    .iter()
    .fold(upper.to_string(), |t, (code, c)| t.replace(code, c))
}

/// `text` with every occurrence of `needle` in any ASCII letter case replaced, if any.
/// (ASCII lower-casing keeps every byte offset, so the matches found in the lowered text
/// stand at the same places in `text`.)
fn replace_ignoring_case(text: &str, needle: &str) -> Option<String> {
    let (hay, want) = (text.to_ascii_lowercase(), needle.to_ascii_lowercase());
    let mut found = hay.match_indices(want.as_str()).peekable();
    found.peek()?;
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, _) in found {
        out.push_str(&text[from..at]);
        out.push_str(REDACTED);
        from = at + want.len();
    }
    out.push_str(&text[from..]);
    Some(out)
}

fn lower_hex(pct: &str) -> String {
    let mut out = String::with_capacity(pct.len());
    let mut hex = 0;
    for c in pct.chars() {
        if c == '%' {
            hex = 2;
            out.push(c);
        } else if hex > 0 {
            hex -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every `http(s)://…?query` in `text` loses its query (up to the next whitespace or
/// quote): a network error that quotes the URL must not carry a v1 signature, an STS
/// token or any other parameter.
pub fn strip_url_queries(text: &str) -> String {
    if !text.contains("://") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_url = false;
    let mut dropping = false;
    let b = text.as_bytes();
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '"' || c == '\'' || c == '<' || c == '>' {
            in_url = false;
            dropping = false;
        } else if !in_url && (b[i..].starts_with(b"http://") || b[i..].starts_with(b"https://")) {
            in_url = true;
        } else if in_url && !dropping && (c == '?' || c == '#') {
            dropping = true;
            out.push_str("?[redacted]");
        }
        if !dropping {
            out.push(c);
        }
    }
    out
}

/// A credential as given in the options, as the secrets to look for: the value, and when it
/// holds spaces or a line break (a token read from a file with its newline, `Bearer …`),
/// each of its words of [`WINDOW`] characters or more as a one-word secret of its own (the
/// shorter ones, `Bearer`, are common words).
pub fn credential_secrets(value: &str) -> Vec<String> {
    let mut out = vec![value.to_string()];
    if value.contains(char::is_whitespace) {
        out.extend(
            value
                .split_whitespace()
                .filter(|w| w.len() >= WINDOW)
                .map(String::from),
        );
    }
    out
}

/// The secrets a built request carries besides the client's own: the signature (v1 query
/// parameter, v3 `Authorization` value) and the token headers.
pub fn request_secrets(req: &HttpRequest) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in &req.headers {
        let k = k.to_ascii_lowercase();
        if k == "authorization" {
            out.push(v.to_string());
            // The parts alone too: a server may echo just the signature or the token.
            out.extend(v.rsplit(['=', ' ', ',']).next().map(String::from));
        } else if k == "x-acs-security-token" {
            out.push(v.to_string());
        }
    }
    if let Some((_, q)) = req.url.split_once('?') {
        for pair in q.split('&') {
            if let Some(v) = pair
                .strip_prefix("Signature=")
                .or_else(|| pair.strip_prefix("SecurityToken="))
            {
                out.push(v.to_string());
                if let Ok(d) = percent_encoding::percent_decode_str(v).decode_utf8() {
                    out.push(d.into_owned());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_written_as_numeric_character_references_is_found() {
        let token = "tok-S3cr3tValue-0123456789";
        let dec: String = token.chars().map(|c| format!("&#{};", c as u32)).collect();
        let hex: String = token
            .chars()
            .map(|c| format!("&#x{:X};", c as u32))
            .collect();
        let bare: String = token.chars().map(|c| format!("&#{}", c as u32)).collect();
        for written in [dec, hex, bare] {
            let t = redact(&format!("<p>Bearer {written}</p>"), &[token]);
            assert_eq!(t, format!("<p>Bearer {REDACTED}</p>"));
            // Cut short, as an excerpt is: the piece before the cut goes too.
            let cut: String = written.chars().take(written.len() / 2).collect();
            let t = redact(&format!("Bearer {cut}…"), &[token]);
            assert!(!t.contains("S3cr3t"), "{t}");
        }
        // References that stand for no character, and text without any, stay as written.
        assert_eq!(
            redact("a &# b &#xZZ; &#99999999; &#27;[2J", &[token]),
            "a &# b &#xZZ; &#99999999; &#27;[2J"
        );
        assert_eq!(redact("caf&#233; 5 &#38; 6", &[token]), "café 5 & 6");
    }

    #[test]
    fn secrets_are_replaced_as_json_writes_them() {
        let pw = "密码很安全的密码";
        for echoed in [
            r#"{"error":"\u5bc6\u7801\u5f88\u5b89\u5168\u7684\u5bc6\u7801"}"#,
            r#"{"error":"\u5BC6\u7801\u5F88\u5B89\u5168\u7684\u5BC6\u7801"}"#,
        ] {
            let t = redact(echoed, &[pw]);
            assert!(
                !t.contains("u5bc6") && !t.contains("u5BC6") && t.contains(REDACTED),
                "{t}"
            );
        }
        let pw = r#"ab"cd\ef 12"#;
        let t = redact(r#"{"password":"ab\"cd\\ef 12"}"#, &[pw]);
        assert_eq!(t, format!(r#"{{"password":"{REDACTED}"}}"#));
        // Astral characters as their surrogate pair.
        let t = redact(r#""\ud83d\udd11key1""#, &["🔑key1"]);
        assert_eq!(t, format!(r#""{REDACTED}""#));
    }

    /// Forms a hostile server echoed that were missed: encodeURIComponent's, encoded
    /// twice, base64, and a short secret in another case.
    #[test]
    fn more_spellings_of_a_secret() {
        let odd = "a.b*c+d?e(f)[g]{h}|i^j$k\\l";
        let js_uri = "a.b*c%2Bd%3Fe(f)%5Bg%5D%7Bh%7D%7Ci%5Ej%24k%5Cl";
        let twice = "CAIS%252Fa%252Bb%253D";
        let b64 = "TXlTdXBlclNlY3JldDEyMw==";
        for (secret, echoed) in [
            (odd, js_uri.to_string()),
            ("CAIS/a+b=", format!("SecurityToken%3D{twice}")),
            (
                "CAIS/a+b=",
                "SecurityToken%3DCAIS%252fa%252bb%253d".to_string(),
            ),
            ("MySuperSecret123", format!("auth {b64}")),
            (
                "MySuperSecret123",
                "auth TXlTdXBlclNlY3JldDEyMw".to_string(),
            ),
            ("abcd", "token ABCD refused".to_string()),
            ("abcdefg", "token ABCDEFG refused".to_string()),
        ] {
            let out = redact(&echoed, &[secret]);
            assert!(out.contains(REDACTED), "{secret}: {out}");
            for piece in [js_uri, twice, b64, "ABCD", "CAIS%25"] {
                assert!(!out.contains(piece), "{secret}: {out}");
            }
        }
        // Other words are left alone.
        assert_eq!(redact("Success: abcx", &["abcd"]), "Success: abcx");
    }

    #[test]
    fn secrets_are_replaced_plain_and_percent_encoded() {
        let t = redact(
            "HTTP 401: invalid token Bearer SECRET-TOKEN-abc123",
            &["SECRET-TOKEN-abc123"],
        );
        assert_eq!(t, "HTTP 401: invalid token Bearer [redacted]");
        let t = redact("sig a+b/c= and a%2Bb%2Fc%3D", &["a+b/c="]);
        assert_eq!(t, "sig [redacted] and [redacted]");
        // Lower-case hex and PHP's escaped slash are the same secret.
        let t = redact("a%2bb%2fc%3d and \"a+b\\/c=\"", &["a+b/c="]);
        assert_eq!(t, "[redacted] and \"[redacted]\"");
        // Short values are left alone (see MIN_SECRET_LEN); empty ones never match.
        assert_eq!(redact("a t b", &["t", ""]), "a t b");
    }

    #[test]
    fn a_secret_cut_short_is_removed_too() {
        let secret = "tok-SECRET-abcdefghijklmnop-123456789";
        // Cut before redaction: an excerpt (…), a quoted value ("…"), a message's end.
        assert_eq!(
            redact("HTTP 502: Bearer tok-SECRET-abcdefg…", &[secret]),
            "HTTP 502: Bearer [redacted]…"
        );
        assert_eq!(
            redact("got \"xxxtok-SECRET-abcdefghijklmnop-12…\" here", &[secret]),
            "got \"xxx[redacted]…\" here"
        );
        assert_eq!(
            redact("could not be sent: Bearer tok-SEC", &[secret]),
            "could not be sent: Bearer [redacted]"
        );
        // Shorter than MIN_CUT_PREFIX, or shorter than WINDOW and not at a cut: left alone.
        assert_eq!(redact("a tok-S…", &[secret]), "a tok-S…");
        assert_eq!(
            redact("tok-SEC in the middle", &[secret]),
            "tok-SEC in the middle"
        );
    }

    #[test]
    fn any_eight_characters_of_a_secret_are_removed() {
        let secret = "tok+SECRET/abcdefghijklmnop=1234567890";
        for shown in [
            "tok\\u002BSECRET\\/abcdefghijklmnop=1234567890",
            "tok%2bSECRET%2Fabcdefghijklmnop%3D1234567890",
            "tok+SECRET&#x2F;abcdefghijklmnop=1234567890",
            "Bearer tok+SECRET/abcdefg hijklmnop=1234567890",
            "Bearer tok+SECRET/abcdefghij...",
            "TOK+SECRET/ABCDEFGHIJKLMNOP=1234567890",
        ] {
            let out = redact(&format!("HTTP 401: {shown} end"), &[secret]);
            let lower = out.to_ascii_lowercase();
            for w in secret.to_ascii_lowercase().as_bytes().windows(WINDOW) {
                assert!(
                    !lower.contains(std::str::from_utf8(w).unwrap()),
                    "{shown} -> {out}"
                );
            }
            assert!(
                out.starts_with("HTTP 401: ") && out.ends_with(" end"),
                "{out}"
            );
        }
        // Words of a header value (with spaces) are common text: only the whole is removed.
        let header = "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=deadbeefdeadbeef";
        assert_eq!(
            redact("check SignedHeaders=host and Bearer", &[header]),
            "check SignedHeaders=host and Bearer"
        );
    }

    #[test]
    fn a_credential_with_spaces_is_looked_for_by_its_words() {
        let secrets = credential_secrets("Zq9SECRETvalueX7k\n");
        let s: Vec<&str> = secrets.iter().map(String::as_str).collect();
        assert_eq!(
            redact(
                "locale must be one of \"en\", received \"Zq9SECRETvalueX7k\".",
                &s
            ),
            "locale must be one of \"en\", received \"[redacted]\"."
        );
        let secrets = credential_secrets("Bearer abcdEFGH1234");
        let s: Vec<&str> = secrets.iter().map(String::as_str).collect();
        assert_eq!(
            redact("Bearer and abcdefgh1234 and abcdEFGH", &s),
            "Bearer and [redacted] and [redacted]"
        );
        assert_eq!(
            credential_secrets("plain-one-word-token"),
            ["plain-one-word-token"]
        );
    }

    #[test]
    fn url_queries_are_dropped() {
        let t = strip_url_queries("Failed to parse URL from https://[x]/?A=1&SecurityToken=STS&Signature=xyz, then http://h/p#f ok");
        assert_eq!(
            t,
            "Failed to parse URL from https://[x]/?[redacted] then http://h/p?[redacted] ok"
        );
        assert_eq!(strip_url_queries("no urls? here"), "no urls? here");
    }

    #[test]
    fn request_secrets_cover_both_signatures() {
        let req = HttpRequest {
            method: "POST",
            url: "https://h/?AccessKeyId=id&Signature=ab%2Bc%3D&SecurityToken=sts%2Ftok".into(),
            headers: vec![
                (
                    "authorization",
                    "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=deadbeef".into(),
                ),
                ("x-acs-security-token", "sts/tok".into()),
            ],
            body: None,
        };
        let s = request_secrets(&req);
        for want in ["deadbeef", "sts/tok", "ab+c=", "ab%2Bc%3D", "sts%2Ftok"] {
            assert!(s.iter().any(|x| x == want), "{want} in {s:?}");
        }
    }

    #[test]
    fn linear_on_large_text() {
        let text = "x".repeat(1_000_000) + " https://h/?" + &"q".repeat(1_000_000);
        let out = redact(&text, &["SECRET-1", "SECRET-2", "SECRET-3"]);
        assert_eq!(out.len(), 1_000_000 + " https://h/?[redacted]".len());
        let cuts = "ab…".repeat(1_000_000);
        assert_eq!(redact(&cuts, &["SECRET-TOKEN-1"]), cuts);
        let pieces = "SECRET-T ".repeat(200_000);
        assert_eq!(
            redact(&pieces, &["SECRET-TOKEN-1"]).len(),
            "[redacted] ".len() * 200_000
        );
        // A long secret over a long text, listed three times: one table lookup per window of
        // the text (a scan of the secret per window took seconds).
        let long: String = (0..2000)
            .map(|i| char::from(b'A' + (i * 7 % 26) as u8))
            .collect();
        let text = format!(
            "{}{}{}",
            "x".repeat(1_000_000),
            &long[500..520],
            "y".repeat(1_000_000)
        );
        let out = redact(&text, &[&long, &long, &long]);
        assert_eq!(out.len(), 2_000_000 + REDACTED.len());
    }
}
