//! Alibaba Cloud request signatures: v3 (ACS3-HMAC-SHA256, the default) and v1 (RPC
//! HMAC-SHA1). Pure functions over the request parts; both reproduce the published
//! vectors in the tests below.

use crate::http::{pct, pct_bytes};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

pub const V3_ALGORITHM: &str = "ACS3-HMAC-SHA256";
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lower-case hex of a 32-byte digest, written through a table into one buffer (the `hex`
/// crate pushes char by char into a growing String).
fn hex32(bytes: &[u8]) -> [u8; 64] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (i, b) in bytes.iter().take(32).enumerate() {
        out[2 * i] = HEX[(b >> 4) as usize];
        out[2 * i + 1] = HEX[(b & 15) as usize];
    }
    out
}

fn hex_str(h: &[u8; 64]) -> &str {
    // Only table bytes (ASCII) are written; the fallback keeps this total without a panic.
    std::str::from_utf8(h).unwrap_or_default()
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex_str(&hex32(&Sha256::digest(data))).to_string()
}

/// `name=value` pairs, RFC 3986-encoded, sorted by encoded name then value, joined by `&`.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut enc: Vec<(String, String)> = pairs.iter().map(|(k, v)| (pct(k), pct(v))).collect();
    // The crate's pair sort (core's would add ~3.5 KB of wasm).
    crate::sort::sort_pairs(&mut enc);
    join_encoded(&enc)
}

/// Already-encoded pairs as `k=v&k=v`, in the order given, into one String.
pub fn join_encoded(pairs: &[(String, String)]) -> String {
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// The URL query of `pairs` (in their order, encoded: what `form` writes) and, only when
/// it differs from that text, their canonical query. Each name and value is encoded once,
/// straight into the URL text; the canonical order (by encoded name, then value) is nearly
/// always the wire order (by raw name) already, and is checked on that text as it grows.
pub fn url_and_canonical_query(pairs: &[(String, String)]) -> (String, Option<String>) {
    let mut url = Vec::with_capacity(
        pairs
            .iter()
            .map(|(k, v)| k.len() + v.len() + 2)
            .sum::<usize>()
            + 64,
    );
    let mut sorted = true;
    // The previous pair's name and value as ranges of `url`.
    let mut prev: Option<(usize, usize, usize)> = None;
    for (k, v) in pairs {
        if prev.is_some() {
            url.push(b'&');
        }
        let start = url.len();
        pct_bytes(&mut url, k);
        let eq = url.len();
        url.push(b'=');
        pct_bytes(&mut url, v);
        let end = url.len();
        if let Some((a, e, z)) = prev {
            sorted &= (&url[a..e], &url[e + 1..z]) <= (&url[start..eq], &url[eq + 1..end]);
        }
        prev = Some((start, eq, end));
    }
    // Rare (names with characters that sort differently once encoded): encoded again.
    let canonical = (!sorted).then(|| canonical_query(pairs));
    // Only ASCII was written: the fallback is never taken.
    (String::from_utf8(url).unwrap_or_default(), canonical)
}

/// `k=v&k=v` with names and values percent-encoded on the way (form bodies, v1 queries).
pub fn form(pairs: &[(String, String)]) -> String {
    let mut out = Vec::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        pct_bytes(&mut out, k);
        out.push(b'=');
        pct_bytes(&mut out, v);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The HMAC-SHA256 key of v3 signatures, prepared once: its two pad blocks are
/// compressed when the key is made, not on every request (2 of the ~16 SHA-256 block
/// compressions of a typical signed call). Holds the secret it was made from, so a key
/// that no longer matches its client's secret is never used.
#[derive(Clone)]
pub struct V3Key {
    secret: String,
    mac: Hmac<Sha256>,
}

impl V3Key {
    pub fn new(secret: &str) -> V3Key {
        // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
        let mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
            .unwrap_or_else(|_| Hmac::<Sha256>::new(&Default::default()));
        V3Key {
            secret: secret.to_string(),
            mac,
        }
    }

    /// Whether this key was made from `secret`.
    pub fn is_for(&self, secret: &str) -> bool {
        self.secret == secret
    }
}

pub struct V3 {
    pub signed_headers: String,
    pub canonical_request: String,
    pub signature: String,
}

/// `headers` are the headers to sign (any case); they are lower-cased, trimmed and sorted.
pub fn sign_v3(
    method: &str,
    query: &[(String, String)],
    headers: &[(&str, &str)],
    payload_hash: &str,
    secret: &str,
) -> V3 {
    sign_v3_canonical(
        method,
        &canonical_query(query),
        headers,
        payload_hash,
        &V3Key::new(secret),
    )
}

/// `sign_v3` with the query already canonical (encoded, sorted, joined): a caller that
/// also writes the URL encodes each pair once for both.
pub fn sign_v3_canonical(
    method: &str,
    canonical_query: &str,
    headers: &[(&str, &str)],
    payload_hash: &str,
    key: &V3Key,
) -> V3 {
    // Names are copied only when they have an upper-case letter (callers pass them lower-case).
    let mut h: Vec<(Cow<str>, &str)> = headers
        .iter()
        .map(|&(k, v)| {
            (
                if k.bytes().any(|b| b.is_ascii_uppercase()) {
                    Cow::Owned(k.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(k)
                },
                v.trim(),
            )
        })
        .collect();
    // An insertion sort: a handful of headers, and the library's sort would be
    // instantiated again for this element type (~3 KB of wasm).
    for i in 1..h.len() {
        let mut j = i;
        while j > 0 && h[j] < h[j - 1] {
            h.swap(j, j - 1);
            j -= 1;
        }
    }
    let mut signed_headers = String::with_capacity(h.iter().map(|(k, _)| k.len() + 1).sum());
    for (i, (k, _)) in h.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(k);
    }
    // One buffer, sized up front, instead of a format! per header and per part.
    let headers_len: usize = h.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut cr = String::with_capacity(
        method.len()
            + canonical_query.len()
            + headers_len
            + signed_headers.len()
            + payload_hash.len()
            + 8,
    );
    for part in [method, "\n/\n", canonical_query, "\n"] {
        cr.push_str(part);
    }
    for (k, v) in &h {
        for part in [k.as_ref(), ":", v, "\n"] {
            cr.push_str(part);
        }
    }
    for part in ["\n", signed_headers.as_str(), "\n", payload_hash] {
        cr.push_str(part);
    }
    // The string to sign (`ACS3-HMAC-SHA256\n` + hex digest) goes into the HMAC in parts.
    let digest = hex32(&Sha256::digest(cr.as_bytes()));
    let mut m = key.mac.clone();
    m.update(V3_ALGORITHM.as_bytes());
    m.update(b"\n");
    m.update(&digest);
    let signature = hex_str(&hex32(&m.finalize().into_bytes())).to_string();
    V3 {
        signed_headers,
        canonical_request: cr,
        signature,
    }
}

/// v1 string to sign: `METHOD&%2F&` + encode(sorted, encoded `k=v` pairs joined by `&`).
pub fn v1_string_to_sign(method: &str, params: &[(String, String)]) -> String {
    format!("{method}&%2F&{}", pct(&canonical_query(params)))
}

pub fn sign_v1(method: &str, params: &[(String, String)], secret: &str) -> String {
    let sts = v1_string_to_sign(method, params);
    let key = format!("{secret}&");
    match Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()) {
        Ok(mut m) => {
            m.update(sts.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// Alibaba Cloud, "v3 request structure and signature" (see shared/notes/aliyun-signing.md).
    #[test]
    fn v3_published_vector() {
        let query = s(&[
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
            ("RegionId", "cn-shanghai"),
        ]);
        let headers: &[(&str, &str)] = &[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_SHA256),
        ];
        let v3 = sign_v3("POST", &query, headers, EMPTY_SHA256, "YourAccessKeySecret");
        assert_eq!(
            v3.signed_headers,
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
        );
        assert_eq!(
            sha256_hex(v3.canonical_request.as_bytes()),
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            v3.signature,
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
        // Names in any case, values with spaces around: the same signature.
        let loud: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_ascii_uppercase(), format!(" {v}\t")))
            .collect();
        let loud: Vec<(&str, &str)> = loud.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let again = sign_v3("POST", &query, &loud, EMPTY_SHA256, "YourAccessKeySecret");
        assert_eq!(
            (again.signed_headers, again.signature),
            (v3.signed_headers, v3.signature)
        );
    }

    /// Alibaba Cloud, "Request signatures" (RPC, HMAC-SHA1).
    #[test]
    fn v1_published_vector() {
        let params = s(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(
            v1_string_to_sign("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            sign_v1("GET", &params, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn url_and_canonical_query_encode_once() {
        // '_' sorts before '{' raw, after it encoded ("%7B"): the canonical text differs.
        for pairs in [
            s(&[("a_", "1"), ("a{", "2")]),
            s(&[("A", "x y"), ("B", "张")]),
            s(&[]),
        ] {
            let (url, canonical) = url_and_canonical_query(&pairs);
            assert_eq!(url, form(&pairs));
            assert_eq!(
                canonical.unwrap_or_else(|| url.clone()),
                canonical_query(&pairs)
            );
        }
        assert_eq!(
            url_and_canonical_query(&s(&[("a_", "1"), ("a{", "2")]))
                .1
                .as_deref(),
            Some("a%7B=2&a_=1")
        );
    }

    #[test]
    fn canonical_query_encoding() {
        let q = canonical_query(&s(&[
            ("b", "a b+c/d=e&f*g~h%i"),
            ("a", "张三😀"),
            ("A", ""),
        ]));
        assert_eq!(
            q,
            "A=&a=%E5%BC%A0%E4%B8%89%F0%9F%98%80&b=a%20b%2Bc%2Fd%3De%26f%2Ag~h%25i"
        );
    }
}
