//! The one error type every API of the crate returns; the wasm layer turns it into the
//! JS `AicallError` field for field, so Rust and JS users see the same thing.

use crate::issue::{Issue, Locale};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Validation,
    Api,
    Http,
    Network,
    Timeout,
    Aborted,
    Parse,
}

/// The vendor's own error code: numeric for the Agent API (5002), text for aiccs
/// ("Throttling.User").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ApiCode {
    Num(i64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
#[serde(rename_all = "camelCase")]
pub struct Error {
    pub kind: Kind,
    /// Stable machine code, e.g. "validation_failed", "task_running", "http_status".
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issues: Option<Vec<Issue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_code: Option<ApiCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    pub retryable: bool,
    /// A write that may or may not have been carried out (timeout, lost connection or 5xx
    /// on an operation that is not a read): check before sending it again.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub outcome_unknown: bool,
    /// The vendor's own sentence, kept for matching (which record id a 50051 names);
    /// never serialised, never shown.
    #[serde(skip)]
    pub server_message: Option<String>,
    /// What the message says, as data, so the edge can say it in the caller's language
    /// ([`Error::in_locale`]) before redaction (which drops it).
    #[serde(skip)]
    pub says: Option<Says>,
}

/// The shape an answer should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An Agent API envelope: an object with code/status/message.
    Envelope,
    /// An Agent API envelope with its `code`.
    EnvelopeCode,
    /// `data.batch_url` as a list of `{record_id, voice_url}`.
    BatchUrls,
    /// An aiccs answer: a JSON object.
    Object,
    /// An Agent API list: `data` as a list.
    ListData,
    /// An Agent API read of a documented shape: `data` as an object.
    ObjectData,
    /// An aiccs answer: an object with a RequestId, a Code or Success.
    AiccsAnswer,
}

/// Why a walk through pages stopped before the end the server announced (`incomplete_pages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// The server answered this other page.
    Other(u64),
    Empty,
    /// `policy::MAX_PAGES` pages walked, or a page number past 2^53.
    Cap,
    /// The page's rows came as JSON text (aiccs `Rows`) that is not a JSON list.
    Unreadable,
    /// The server's last page came with fewer rows in all than its total.
    Short {
        received: u64,
        total: u64,
    },
}

/// What an error that is not a validation error says; rendered per locale in messages.rs.
/// Text from the server or the platform (`text`, `detail`) is quoted as it came.
#[derive(Debug, Clone, PartialEq)]
pub enum Says {
    Aborted,
    Timeout {
        ms: u32,
    },
    NoAnswer {
        detail: String,
    },
    /// No connection could be made (refused, name not found): nothing was sent.
    NotConnected {
        detail: String,
    },
    CutOff {
        status: u16,
        detail: String,
    },
    NoFetch,
    /// The client was freed while the call was still running (it sends nothing more).
    ClientFreed,
    /// Status 0: an opaque redirect (browsers do not tell where to).
    Redirect {
        status: u16,
        host: Option<String>,
    },
    TooLarge {
        cap: u64,
    },
    /// `text`: the server's own sentence or an excerpt of its body; empty for no body.
    HttpStatus {
        status: u16,
        text: String,
        check_token: bool,
    },
    EmptyBody {
        status: u16,
    },
    Html {
        excerpt: String,
    },
    Truncated {
        bytes: usize,
    },
    InvalidJson {
        line: usize,
        column: usize,
    },
    /// Valid JSON with a number beyond a double (`1e400`), which JS would read as Infinity.
    /// Valid JSON nested deeper than the reader goes.
    TooDeep {
        depth: u32,
    },
    NumberOutOfRange {
        line: usize,
        column: usize,
    },
    /// The answer is JSON of another shape than expected.
    Shape {
        expected: Shape,
    },
    /// `fetch` resolved with something that is not a Response.
    NotAResponse,
    /// The answer (this status) came with a body that cannot be read (no reader, no
    /// `text()`, chunks that are not bytes).
    BadBody {
        status: u16,
    },
    AgentApi {
        /// The envelope's `code`: a number, or text as the server wrote it.
        code: ApiCode,
        text: String,
    },
    /// `code` may be empty (an answer whose `Code` is `""`).
    Aiccs {
        status: Option<u16>,
        code: String,
        text: String,
    },
    MissingRecord {
        id: String,
    },
    /// A page repeating an earlier one although the server says more pages follow.
    RepeatedPage {
        page: u64,
    },
    /// The walk stopped at page `page` for `cut`, with more pages said to follow.
    PagesCutShort {
        page: u64,
        cut: Cut,
    },
    NoCrypto,
}

impl Error {
    pub fn new(kind: Kind, code: &str, message: impl Into<String>) -> Error {
        Error {
            kind,
            code: code.to_string(),
            message: message.into(),
            issues: None,
            status: None,
            api_code: None,
            request_id: None,
            retryable: false,
            outcome_unknown: false,
            server_message: None,
            says: None,
        }
    }

    /// An error whose message is `says`, in English until [`Error::in_locale`].
    pub fn said(kind: Kind, code: &str, says: Says) -> Error {
        let message = crate::messages::say(&says, Locale::En);
        Error {
            says: Some(says),
            ..Error::new(kind, code, message)
        }
    }

    /// The message said in `locale` (an error built with [`Error::said`]; others keep
    /// theirs). Before redaction: redaction drops what the message was made from.
    pub fn in_locale(mut self, locale: Locale) -> Error {
        if let Some(s) = &self.says {
            self.message = crate::messages::say(s, locale);
        }
        self
    }

    /// A validation error carrying ALL issues; the message lists the first few, in the
    /// issues' language.
    pub fn validation(issues: Vec<Issue>, locale: Locale) -> Error {
        let message = crate::messages::validation_summary(&issues, locale);
        Error {
            issues: Some(issues),
            ..Error::new(Kind::Validation, "validation_failed", message)
        }
    }

    pub fn with_status(mut self, status: u16) -> Error {
        self.status = Some(status);
        self
    }

    /// Marks an error that came after the request went out (a caller's abort in flight):
    /// [`crate::policy::retry::settle`] then tells a write's caller the outcome is unknown.
    pub fn sent(mut self) -> Error {
        self.outcome_unknown = true;
        self
    }

    pub fn retryable(mut self, yes: bool) -> Error {
        self.retryable = yes;
        self
    }

    /// The same error with every secret replaced in every text it carries: the message,
    /// the server's code, text and request id (a server may echo anything), and each
    /// issue's path and message (a parameter may hold a secret).
    pub fn redacted(mut self, secrets: &[&str]) -> Error {
        let r = |t: &str| crate::redact::redact(t, secrets);
        self.message = r(&self.message);
        self.says = None;
        self.server_message = self.server_message.map(|m| r(&m));
        self.api_code = self.api_code.map(|c| match c {
            ApiCode::Text(t) => ApiCode::Text(r(&t)),
            n => n,
        });
        self.request_id = self.request_id.map(|m| r(&m));
        if let Some(issues) = self.issues.as_mut() {
            for i in issues.iter_mut() {
                i.path = r(&i.path);
                i.message = r(&i.message);
            }
        }
        self
    }
}

/// A 3xx (or an opaque redirect, status 0): never followed, since the request carries
/// credentials and may be a write. Only the target's host is named.
pub fn redirect_error(status: u16, location: Option<&str>) -> Error {
    let host = location.and_then(crate::endpoint::location_host);
    let e = Error::said(Kind::Http, "redirect", Says::Redirect { status, host });
    if status == 0 {
        e
    } else {
        e.with_status(status)
    }
}

/// Default cap on an answer's size (`maxResponseBytes`).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

/// An answer larger than the cap: reading stopped there (a decompression bomb or a wrong
/// endpoint), not retried.
pub fn too_large_error(status: u16, cap: u64) -> Error {
    Error::said(Kind::Http, "too_large", Says::TooLarge { cap }).with_status(status)
}

/// Text from the server as a message quotes it: at most 300 characters, then `…` (a
/// server can answer megabytes; redaction knows the mark, see redact.rs).
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// HTTP status with a short excerpt of an unexpected body (HTML error pages, proxies).
pub fn http_status_error(status: u16, body: &str) -> Error {
    Error::said(
        Kind::Http,
        "http_status",
        Says::HttpStatus {
            status,
            text: excerpt(body),
            check_token: false,
        },
    )
    .with_status(status)
    .retryable(status >= 500 || status == 429 || status == 408)
}

/// A 2xx answer that is not readable JSON: empty, an HTML page (login or proxy), cut
/// off, or otherwise malformed. Both APIs' parsers report it the same way.
pub fn unreadable_body(status: u16, body: &str, err: &crate::json::tape::ReadError) -> Error {
    let (code, says) = if body.trim().is_empty() {
        ("empty_body", Says::EmptyBody { status })
    } else if body.trim_start().starts_with('<') {
        (
            "not_json",
            Says::Html {
                excerpt: excerpt(body),
            },
        )
    } else if err.is_eof() {
        ("truncated_body", Says::Truncated { bytes: body.len() })
    } else if err.is_too_deep() {
        (
            "invalid_json",
            Says::TooDeep {
                depth: crate::json::tape::MAX_DEPTH,
            },
        )
    } else if err.is_out_of_range() {
        (
            "invalid_json",
            Says::NumberOutOfRange {
                line: err.line(),
                column: err.column(),
            },
        )
    } else {
        (
            "invalid_json",
            Says::InvalidJson {
                line: err.line(),
                column: err.column(),
            },
        )
    };
    Error::said(Kind::Parse, code, says).with_status(status)
}

/// First ~120 characters of a body, tags stripped and whitespace folded: enough to tell
/// an nginx page from a login page, never the whole thing.
pub fn excerpt(body: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut last_space = true;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            }
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            }
            c => {
                out.push(c);
                last_space = false;
            }
        }
        if out.chars().count() >= 120 {
            out.push('…');
            break;
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacted_errors_keep_no_secret_anywhere() {
        let mut e = http_status_error(401, "invalid token Bearer SECRET-TOKEN-abc123");
        e.server_message = Some("SECRET-TOKEN-abc123".into());
        let e = e.redacted(&["SECRET-TOKEN-abc123"]);
        let mut coded = Error::new(Kind::Api, "api_error", "x");
        coded.api_code = Some(ApiCode::Text("Bad.SECRET-TOKEN-abc123".into()));
        coded.request_id = Some("SECRET-TOKEN-abc123".into());
        coded.issues = Some(vec![crate::Issue {
            path: "SECRET-TOKEN-abc123".into(),
            code: "unknown_field".into(),
            message: "SECRET-TOKEN-abc123 is not taken".into(),
        }]);
        let coded = coded.redacted(&["SECRET-TOKEN-abc123"]);
        assert!(!format!("{coded:?}").contains("SECRET-TOKEN"), "{coded:?}");
        assert_eq!(e.message, "HTTP 401: invalid token Bearer [redacted]");
        assert_eq!(e.server_message.as_deref(), Some("[redacted]"));
        assert!(!serde_json::to_string(&e).unwrap().contains("SECRET"));
    }

    #[test]
    fn redirect_and_size_errors() {
        let e = redirect_error(0, None);
        assert_eq!(
            (e.kind, e.code.as_str(), e.status),
            (Kind::Http, "redirect", None)
        );
        let e = redirect_error(301, Some("//other.example/p?q"));
        assert_eq!(
            e.message,
            "HTTP 301 redirect to other.example; redirects are not followed"
        );
        let e = too_large_error(200, 1024);
        assert_eq!(
            (e.code.as_str(), e.status, e.retryable),
            ("too_large", Some(200), false)
        );
        assert!(e.message.contains("1024"));
    }
}
