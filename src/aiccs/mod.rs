//! Alibaba Cloud aiccs 2019-10-15: operations as data (`ops`), validation, wire encoding
//! and signing like the official SDK, and response parsing. RPC style, path `/`.

pub mod encode;
mod generated;
pub mod ops;
pub mod paging;
pub mod response;
pub mod responses;
pub mod rules;
pub mod sign;
pub mod ts;
pub mod validate;

use crate::error::Error;
use crate::http::HttpRequest;
use crate::issue::{Format, Locale, Problem};
use crate::json::tape::Node;
use crate::schema::{civil_from_days, days_from_civil, Ctx};
use serde_json::Value;
use sign::{form, sha256_hex, sign_v1, sign_v3_canonical, EMPTY_SHA256};
use std::borrow::Cow;

pub const DEFAULT_ENDPOINT: &str = "aiccs.aliyuncs.com";
pub const VERSION: &str = "2019-10-15";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureVersion {
    #[default]
    V3,
    V1,
}

/// Credentials and endpoint. `Debug` never shows the secret or the STS token.
#[derive(Clone)]
pub struct Config {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: Option<String>,
    pub endpoint: String,
    pub protocol: &'static str,
    pub signature_version: SignatureVersion,
    pub locale: Locale,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"[redacted]")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "[redacted]"),
            )
            .field("endpoint", &self.endpoint)
            .finish()
    }
}

pub struct ConfigInput<'a> {
    pub access_key_id: &'a str,
    pub access_key_secret: &'a str,
    pub security_token: Option<&'a str>,
    pub endpoint: Option<&'a str>,
    pub protocol: Option<&'a str>,
    pub signature_version: Option<&'a str>,
    pub locale: Locale,
}

/// Header values must be visible ASCII (fetch refuses non-Latin-1; spaces are trimmed).
fn header_safe(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_graphic())
}

impl Config {
    pub fn new(i: ConfigInput) -> Result<Config, Error> {
        let mut ctx = Ctx::new(i.locale);
        if i.access_key_id.trim().is_empty() {
            let p = Problem::RequiredCredential {
                env: "ALIBABA_CLOUD_ACCESS_KEY_ID",
            };
            ctx.report_at("accessKeyId", p, None);
        } else if !header_safe(i.access_key_id) {
            ctx.report_at(
                "accessKeyId",
                Problem::InvalidFormat {
                    format: Format::VisibleAscii,
                },
                None,
            );
        }
        // Never echo the secret: no `got` value in these messages. A stray newline or space
        // (a copied key) would only show up later as SignatureDoesNotMatch.
        if i.access_key_secret.is_empty() {
            let p = Problem::RequiredCredential {
                env: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            };
            ctx.report_at("accessKeySecret", p, None);
        } else if !header_safe(i.access_key_secret) {
            ctx.report_at(
                "accessKeySecret",
                Problem::InvalidFormat {
                    format: Format::VisibleAscii,
                },
                None,
            );
        }
        if let Some(t) = i.security_token {
            if t.is_empty() || !header_safe(t) {
                ctx.report_at(
                    "securityToken",
                    Problem::InvalidFormat {
                        format: Format::StsToken,
                    },
                    None,
                );
            }
        }
        let protocol = match i.protocol {
            None | Some("https") => "https",
            Some("http") => "http",
            Some(other) => {
                ctx.report_at(
                    "protocol",
                    Problem::InvalidEnum {
                        allowed: vec!["\"https\"".into(), "\"http\"".into()],
                    },
                    Some(&Value::String(other.into())),
                );
                "https"
            }
        };
        let given = i.endpoint.unwrap_or(DEFAULT_ENDPOINT);
        let endpoint = crate::endpoint::parse_endpoint(given, protocol).unwrap_or_else(|| {
            ctx.report_at(
                "endpoint",
                Problem::InvalidFormat {
                    format: Format::Endpoint,
                },
                crate::endpoint::echo(given).as_ref(),
            );
            String::new()
        });
        let signature_version = match i.signature_version {
            None | Some("v3") => SignatureVersion::V3,
            Some("v1") => SignatureVersion::V1,
            Some(other) => {
                ctx.report_at(
                    "signatureVersion",
                    Problem::InvalidEnum {
                        allowed: vec!["\"v3\"".into(), "\"v1\"".into()],
                    },
                    Some(&Value::String(other.into())),
                );
                SignatureVersion::V3
            }
        };
        if !ctx.issues.is_empty() {
            return Err(Error::validation(ctx.issues, i.locale));
        }
        Ok(Config {
            access_key_id: i.access_key_id.to_string(),
            access_key_secret: i.access_key_secret.to_string(),
            security_token: i.security_token.map(String::from),
            endpoint,
            protocol,
            signature_version,
            locale: i.locale,
        })
    }
}

/// A UTC instant, second precision, as the signatures want it (`2026-11-21T08:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub unix_ms: i64,
}

impl Timestamp {
    /// ISO-8601 in UTC: `YYYY-MM-DDTHH:MM:SSZ`, optionally with fractional seconds
    /// (`Date.prototype.toISOString()`). Local times are refused: they are the usual cause
    /// of `InvalidTimeStamp.Expired`.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.strip_suffix('Z')?;
        let (date, time) = s.split_once('T')?;
        let (y, m, d) = crate::schema::parse_date(date)?;
        let (hms, frac) = match time.split_once('.') {
            Some((a, b))
                if !b.is_empty() && b.len() <= 9 && b.bytes().all(|c| c.is_ascii_digit()) =>
            {
                (a, b)
            }
            Some(_) => return None,
            None => (time, ""),
        };
        let secs = crate::schema::Fmt::HourMinuteSecond.parse(hms)?;
        // Milliseconds: the first three digits, missing ones as zeros (digits checked above).
        let ms_frac = (0..3).fold(0, |ms, i| {
            ms * 10 + frac.as_bytes().get(i).map_or(0, |d| i64::from(d - b'0'))
        });
        Some(Timestamp {
            unix_ms: (days_from_civil(y, m, d) * 86_400 + secs) * 1000 + ms_frac,
        })
    }

    /// Written digit by digit: `format!` (the formatting machinery) cost ~0.3 µs of every
    /// signed request in wasm. Years outside 0..=9999 (never a real request) take `format!`.
    pub fn format(self) -> String {
        let secs = self.unix_ms.div_euclid(1000);
        let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
        let t = secs.rem_euclid(86_400);
        if !(0..=9999).contains(&y) {
            return format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                t / 3600,
                t / 60 % 60,
                t % 60
            );
        }
        let mut out = String::with_capacity(20);
        push_digits(&mut out, y, 4);
        for (sep, n) in [
            ('-', i64::from(m)),
            ('-', i64::from(d)),
            ('T', t / 3600),
            (':', t / 60 % 60),
            (':', t % 60),
        ] {
            out.push(sep);
            push_digits(&mut out, n, 2);
        }
        out.push('Z');
        out
    }
}

/// `n` (0 ≤ n < 10^width) with leading zeros to `width` digits.
fn push_digits(out: &mut String, n: i64, width: u32) {
    for p in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10_i64.pow(p) % 10) as u8));
    }
}

/// Validates, encodes and signs one call. Deterministic for a given nonce and timestamp.
pub fn build_request(
    cfg: &Config,
    action: &str,
    params: &Value,
    nonce: &str,
    ts: Timestamp,
) -> Result<HttpRequest, Error> {
    build_request_json(
        cfg,
        None,
        action,
        crate::json::tape::Tape::of_value(params).root(),
        nonce,
        ts,
    )
}

/// `build_request` of params read from JSON text (the wasm entry: no `Value` is built).
/// `key`: the v3 key of `cfg`'s secret, prepared once by a client that signs many
/// requests (`sign::V3Key`); one made from another secret is not used.
pub fn build_request_json(
    cfg: &Config,
    key: Option<&sign::V3Key>,
    action: &str,
    params: Node,
    nonce: &str,
    ts: Timestamp,
) -> Result<HttpRequest, Error> {
    let (mut issues, given) = validate::validate_given(
        action,
        params,
        cfg.locale,
        validate::Clock { now_ms: ts.unix_ms },
    );
    if nonce.is_empty() || nonce.len() > 128 || !nonce.bytes().all(|b| b.is_ascii_graphic()) {
        issues.push(
            Problem::InvalidFormat {
                format: Format::Nonce,
            }
            .issue(cfg.locale, "nonce", None),
        );
    }
    if !issues.is_empty() {
        return Err(Error::validation(issues, cfg.locale));
    }
    let op = ops::find(action).expect("validated");
    let enc = encode::encode_given(op, &given);
    let body = (!enc.body.is_empty()).then(|| form(&enc.body));
    let date = ts.format();
    let mut headers: Vec<(&'static str, Cow<'static, str>)> = Vec::with_capacity(9);
    headers.push(("accept", Cow::Borrowed("application/json")));
    if body.is_some() {
        headers.push((
            "content-type",
            Cow::Borrowed("application/x-www-form-urlencoded"),
        ));
    }
    // The URL's query, `k=v&…` in the wire order (by raw name), encoded.
    let query = match cfg.signature_version {
        SignatureVersion::V3 => {
            let payload_hash: Cow<'static, str> = match body.as_deref() {
                Some(b) => sha256_hex(b.as_bytes()).into(),
                None => EMPTY_SHA256.into(),
            };
            let mut acs: Vec<(&'static str, &str)> = vec![
                ("x-acs-action", action),
                ("x-acs-version", VERSION),
                ("x-acs-date", &date),
                ("x-acs-signature-nonce", nonce),
                ("x-acs-content-sha256", &payload_hash),
            ];
            if let Some(t) = &cfg.security_token {
                acs.push(("x-acs-security-token", t));
            }
            // Signed: host (set by fetch from the URL, never sent by hand), content-type
            // when there is a body, and every x-acs-* header — what the official TS SDK signs.
            let mut signed: Vec<(&str, &str)> = Vec::with_capacity(acs.len() + 2);
            signed.push(("host", &cfg.endpoint));
            signed.extend(
                headers
                    .iter()
                    .filter(|(k, _)| *k == "content-type")
                    .map(|(k, v)| (*k, v.as_ref())),
            );
            signed.extend(acs.iter().copied());
            let (url_query, canonical) = sign::url_and_canonical_query(&enc.query);
            let canonical = canonical.as_deref().unwrap_or(&url_query);
            let fresh;
            let key = match key.filter(|k| k.is_for(&cfg.access_key_secret)) {
                Some(k) => k,
                None => {
                    fresh = sign::V3Key::new(&cfg.access_key_secret);
                    &fresh
                }
            };
            let v3 = sign_v3_canonical(op.http_method, canonical, &signed, &payload_hash, key);
            // The same headers as `acs`, in its order, owned (constants stay borrowed).
            headers.push(("x-acs-action", action.to_string().into()));
            headers.push(("x-acs-version", VERSION.into()));
            headers.push(("x-acs-date", date.into()));
            headers.push(("x-acs-signature-nonce", nonce.to_string().into()));
            headers.push(("x-acs-content-sha256", payload_hash));
            if let Some(t) = &cfg.security_token {
                headers.push(("x-acs-security-token", t.clone().into()));
            }
            let mut auth =
                String::with_capacity(80 + cfg.access_key_id.len() + v3.signed_headers.len());
            for part in [
                sign::V3_ALGORITHM,
                " Credential=",
                &cfg.access_key_id,
                ",SignedHeaders=",
                &v3.signed_headers,
                ",Signature=",
                &v3.signature,
            ] {
                auth.push_str(part);
            }
            headers.push(("authorization", auth.into()));
            url_query
        }
        SignatureVersion::V1 => {
            let mut q = enc.query;
            for (k, v) in [
                ("AccessKeyId", cfg.access_key_id.as_str()),
                ("Action", action),
                ("Format", "json"), // lowercase, as the official Python SDK sends it
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureNonce", nonce),
                ("SignatureVersion", "1.0"),
                ("Timestamp", date.as_str()),
                ("Version", VERSION),
            ] {
                q.push((k.to_string(), v.to_string()));
            }
            if let Some(t) = &cfg.security_token {
                q.push(("SecurityToken".into(), t.clone()));
            }
            let all: Vec<(String, String)> = q.iter().chain(enc.body.iter()).cloned().collect();
            let signature = sign_v1(op.http_method, &all, &cfg.access_key_secret);
            crate::sort::sort_pairs(&mut q);
            q.push(("Signature".into(), signature));
            form(&q)
        }
    };
    let mut url = String::with_capacity(cfg.protocol.len() + cfg.endpoint.len() + query.len() + 5);
    for part in [cfg.protocol, "://", &cfg.endpoint, "/"] {
        url.push_str(part);
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    Ok(HttpRequest {
        method: op.http_method,
        url,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod timestamp_text {
    use super::Timestamp;

    /// Texts written are read back; fractions of a second are read to the millisecond.
    #[test]
    fn format_and_fractions() {
        for unix_ms in [
            0,
            999,
            1_795_248_000_000,
            951_782_400_000 + 86_399_999,
            253_402_300_799_000,
            -1,
            -62_135_596_800_000,
        ] {
            let text = Timestamp { unix_ms }.format();
            assert_eq!(
                Timestamp::parse(&text).map(|p| p.unix_ms),
                Some(unix_ms.div_euclid(1000) * 1000),
                "{text}"
            );
        }
        let at = |frac: &str| {
            Timestamp::parse(&format!("2026-11-21T08:00:00{frac}Z"))
                .map(|t| t.unix_ms - 1_795_248_000_000)
        };
        assert_eq!(
            [at(".1"), at(".12"), at(".123"), at(".123456789"), at(".05")],
            [Some(100), Some(120), Some(123), Some(123), Some(50)]
        );
        assert_eq!([at("."), at(".1234567890"), at(".1a")], [None, None, None]);
    }
}

#[cfg(test)]
mod timestamp_digits {
    use super::Timestamp;

    /// The hand-written digits agree with `format!` across the years, including the
    /// ones `format!` still writes (before year 0, after 9999).
    #[test]
    fn same_text_as_format() {
        let reference = |ms: i64| {
            let secs = ms.div_euclid(1000);
            let (y, m, d) = crate::schema::civil_from_days(secs.div_euclid(86_400));
            let t = secs.rem_euclid(86_400);
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                t / 3600,
                t / 60 % 60,
                t % 60
            )
        };
        let mut ms: i64 = -70_000_000_000_000;
        while ms < 300_000_000_000_000 {
            assert_eq!(Timestamp { unix_ms: ms }.format(), reference(ms), "{ms}");
            ms += 7_777_777_777;
        }
    }
}
