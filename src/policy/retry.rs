//! When to send a request again: a typed classification of the failure, crossed with
//! whether the operation is safe to repeat and how many attempts were made. The edge
//! (the wasm transport) performs the waiting; every decision is made here, so native
//! tests cover it.

use crate::error::{ApiCode, Error, Kind};

/// What a failure says about sending the same request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The server refused before doing anything (aiccs `Throttling*`, HTTP 429): safe to
    /// repeat for any operation, reads and writes alike.
    Throttled,
    /// A 5xx answer, a timeout or a lost connection: the request may or may not have been
    /// carried out. Safe to repeat only for operations that merely read.
    Transient,
    /// The request never left: the connection was refused, or the host name did not
    /// resolve. Safe to repeat for any operation, and nothing needs checking first.
    NotSent,
    /// Anything else (validation, 4xx, business errors, unreadable answers): repeating
    /// the same request gives the same answer.
    Permanent,
}

/// Whether a failed `fetch`'s system error code (Node's `cause.code`) means no byte of the
/// request reached a server: it could not connect at all. A reset or a lost connection
/// (`ECONNRESET`, `UND_ERR_SOCKET`) may come after the request went out: not listed.
pub fn never_sent(code: &str) -> bool {
    matches!(
        code,
        "ECONNREFUSED"
            | "ENOTFOUND"
            | "EAI_AGAIN"
            | "EHOSTUNREACH"
            | "ENETUNREACH"
            | "UND_ERR_CONNECT_TIMEOUT"
    )
}

/// An aiccs throttling code (`Throttling`, `Throttling.User`, `Throttling.Api` …), in any
/// letter case: a gateway that lower-cases it still means "too many requests".
pub fn is_throttling(code: &str) -> bool {
    code.get(..10)
        .is_some_and(|head| head.eq_ignore_ascii_case("throttling"))
}

pub fn classify(e: &Error) -> ErrorClass {
    // Never repeated, whatever the status: a redirect would go to the same place again,
    // an oversized answer would be as large again.
    if e.kind == Kind::Http && (e.code == "redirect" || e.code == "too_large") {
        return ErrorClass::Permanent;
    }
    let throttled_code = matches!(&e.api_code, Some(ApiCode::Text(c)) if is_throttling(c));
    if throttled_code || e.status == Some(429) {
        return ErrorClass::Throttled;
    }
    match e.kind {
        Kind::Network if e.code == "not_connected" => ErrorClass::NotSent,
        Kind::Timeout | Kind::Network => ErrorClass::Transient,
        // 408: the server gave up waiting for the request; a proxy may say it too, so a
        // write is not assumed unsent.
        Kind::Http if e.status.is_some_and(|s| s >= 500 || s == 408) => ErrorClass::Transient,
        // A business answer the vendor marks as passing (aiccs `ServiceUnavailable`,
        // `InternalError*`, `ServiceTimeout`), under HTTP 200 or any other status: like a
        // 5xx, it may or may not have run, so only a read repeats it. (A 4xx status does
        // not settle it: the code says the service failed, not the request.)
        Kind::Api | Kind::Http if e.retryable => ErrorClass::Transient,
        _ => ErrorClass::Permanent,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send a NEW request (new nonce and time for aiccs).
    RetryAfterMs(u32),
    Stop,
}

/// Exponential backoff with full jitter, `Retry-After` honoured up to a cap.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_ms: u32,
    /// No computed backoff is longer than this.
    pub max_backoff_ms: u32,
    /// A server asking for a longer wait than this is not waited for: the error is
    /// returned (a browser form should not hang for minutes).
    pub max_retry_after_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_ms: 200,
            max_backoff_ms: 5_000,
            max_retry_after_ms: 30_000,
        }
    }
}

impl RetryPolicy {
    /// `attempts` is how many were made (≥ 1); `retry_after_ms` the server's wish, if it
    /// said one; `jitter` a uniform random number in [0, 1) from the edge.
    pub fn decide(
        &self,
        e: &Error,
        idempotent: bool,
        attempts: u32,
        retry_after_ms: Option<u64>,
        jitter: f64,
    ) -> Decision {
        let repeatable = match classify(e) {
            ErrorClass::Throttled | ErrorClass::NotSent => true,
            ErrorClass::Transient => idempotent,
            ErrorClass::Permanent => false,
        };
        if !repeatable || attempts >= self.max_attempts {
            return Decision::Stop;
        }
        if let Some(ms) = retry_after_ms {
            return if ms > self.max_retry_after_ms as u64 {
                Decision::Stop
            } else {
                Decision::RetryAfterMs(ms as u32)
            };
        }
        let exp = self
            .base_ms
            .saturating_mul(1u32 << (attempts - 1).min(16))
            .min(self.max_backoff_ms);
        let j = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.5
        };
        // Full jitter, but never zero: a burst of clients should not all come straight back.
        Decision::RetryAfterMs(((exp as f64) * j).max(self.base_ms as f64 / 4.0) as u32)
    }
}

/// A client's allowance of retries, shared by all its calls (a token bucket, as the AWS
/// SDKs keep one): a retry spends tokens; a success returns one, or, when it came after a
/// retry, what that retry spent (so a server that fails only first attempts never drains
/// it). When the service is down, the first few calls retry and the rest fail at once,
/// instead of every call of a large batch waiting through its own backoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryBudget {
    available: u32,
    capacity: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget::new(100)
    }
}

impl RetryBudget {
    /// Tokens a retry costs; a throttling rejection costs less (the server is up).
    pub const RETRY_COST: u32 = 5;
    pub const THROTTLED_COST: u32 = 1;

    pub fn new(capacity: u32) -> RetryBudget {
        RetryBudget {
            available: capacity,
            capacity,
        }
    }

    /// A success that needed no retry returns this much.
    pub const SUCCESS_REWARD: u32 = 1;

    /// Takes the tokens for retrying after `e`: what was taken, `None` when the budget
    /// cannot pay.
    pub fn try_spend(&mut self, e: &Error) -> Option<u32> {
        let cost = if classify(e) == ErrorClass::Throttled {
            Self::THROTTLED_COST
        } else {
            Self::RETRY_COST
        };
        if self.available < cost {
            return None;
        }
        self.available -= cost;
        Some(cost)
    }

    /// A call succeeded; `last_retry` is what its last retry took (`None`: no retry).
    pub fn on_success(&mut self, last_retry: Option<u32>) {
        let back = last_retry.unwrap_or(Self::SUCCESS_REWARD);
        self.available = self.available.saturating_add(back).min(self.capacity);
    }

    /// A retry that was paid for and then not sent (aborted, or its batch ended) gives back
    /// what it took.
    pub fn refund(&mut self, taken: u32) {
        self.available = self.available.saturating_add(taken).min(self.capacity);
    }

    pub fn available(&self) -> u32 {
        self.available
    }
}

/// The error as the caller gets it, once no retry follows: `retryable` says whether sending
/// the same call again is safe. A write that failed in a way that may have happened after
/// the server acted (timeout, lost connection, 5xx, aborted in flight, an unreadable 2xx
/// answer) is NOT retryable and carries
/// `outcome_unknown`: a second LlmSmartCall could dial the phone twice.
pub fn settle(mut e: Error, idempotent: bool) -> Error {
    match classify(&e) {
        ErrorClass::Throttled => e.retryable = true,
        ErrorClass::NotSent => {
            e.retryable = true;
            e.outcome_unknown = false;
        }
        ErrorClass::Transient if idempotent => e.retryable = true,
        ErrorClass::Transient => {
            e.retryable = false;
            e.outcome_unknown = true;
        }
        // Sent, then aborted by the caller; or answered 2xx with an answer that cannot be
        // read (cut off, empty, not JSON, another shape: the server acted, what it said is
        // lost): a write may have been carried out. An HTML page counts too: a login page
        // from a proxy cannot be told from a PHP warning printed before the server's JSON
        // (`<br /><b>Warning</b>…{"code":200}`), after the write was done.
        ErrorClass::Permanent
            if !idempotent
                && ((e.kind == Kind::Aborted && e.outcome_unknown) || unreadable_success(&e)) =>
        {
            e.outcome_unknown = true;
        }
        ErrorClass::Permanent => e.outcome_unknown = false,
    }
    e
}

/// An answer from a server that acted, or may have, that the caller cannot read: a 2xx
/// body that is cut off, empty, not JSON or of another shape, or any answer other than a
/// refusal (4xx) too large to read.
fn unreadable_success(e: &Error) -> bool {
    let not_refused = e.status.is_none_or(|s| !(400..500).contains(&s));
    let too_large = e.kind == Kind::Http && e.code == "too_large" && not_refused;
    let unreadable = e.kind == Kind::Parse
        && e.status.is_none_or(|s| (200..300).contains(&s))
        && e.code != "missing_in_answer";
    too_large || unreadable
}

/// A `Retry-After` value: delta-seconds, or an IMF-fixdate (`Wed, 21 Oct 2026 07:28:00 GMT`)
/// taken relative to `now_ms`. Unreadable values read as absent.
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for u64 is a very long wait, not no wait at all.
        return Some(v.parse::<u64>().unwrap_or(u64::MAX).saturating_mul(1000));
    }
    let at = parse_imf_fixdate(v)?;
    Some((at - now_ms).max(0) as u64)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`: fixed width, so read by position.
fn parse_imf_fixdate(v: &str) -> Option<i64> {
    let b = v.as_bytes();
    if b.len() != 29 || &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
        })
    };
    const MONTHS: &[u8; 36] = b"JanFebMarAprMayJunJulAugSepOctNovDec";
    let m = MONTHS.chunks(3).position(|x| x == &b[8..11])? as u32 + 1;
    let (d, y, hh, mm, ss) = (n(5..7)?, n(12..16)?, n(17..19)?, n(20..22)?, n(23..25)?);
    if d == 0 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let days = crate::schema::days_from_civil(y as i64, m, d);
    Some((days * 86_400 + (hh * 3600 + mm * 60 + ss) as i64) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::http_status_error;

    fn throttled() -> Error {
        let mut e = Error::new(Kind::Api, "api_error", "Throttling.User");
        e.api_code = Some(ApiCode::Text("Throttling.User".into()));
        e
    }
    fn timeout() -> Error {
        Error::new(Kind::Timeout, "timeout", "no answer")
    }

    #[test]
    fn classification() {
        assert_eq!(classify(&throttled()), ErrorClass::Throttled);
        assert_eq!(classify(&http_status_error(429, "")), ErrorClass::Throttled);
        assert_eq!(classify(&http_status_error(503, "")), ErrorClass::Transient);
        assert_eq!(classify(&timeout()), ErrorClass::Transient);
        assert_eq!(
            classify(&Error::new(Kind::Network, "network", "reset")),
            ErrorClass::Transient
        );
        assert_eq!(classify(&http_status_error(400, "")), ErrorClass::Permanent);
        assert_eq!(
            classify(&Error::new(Kind::Parse, "truncated_body", "")),
            ErrorClass::Permanent
        );
        assert_eq!(
            classify(&Error::new(Kind::Api, "task_running", "")),
            ErrorClass::Permanent
        );
        let unavailable = crate::aiccs::response::parse_response(
            200,
            r#"{"Code":"ServiceUnavailable","Message":"busy","RequestId":"R"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(classify(&unavailable), ErrorClass::Transient);
        assert_eq!(
            RetryPolicy::default().decide(&unavailable, false, 1, None, 0.5),
            Decision::Stop
        );
        assert!(matches!(
            RetryPolicy::default().decide(&unavailable, true, 1, None, 0.5),
            Decision::RetryAfterMs(_)
        ));
    }

    /// A service-side code under a 4xx status gets the advice it gets under 200: a write
    /// may have run (not retryable, outcome unknown), a read is repeated. (It was
    /// "retryable" and unrepeated for both.)
    #[test]
    fn a_service_code_under_4xx_is_transient_not_a_safe_resend() {
        for status in [200, 400, 404] {
            for code in ["InternalError", "ServiceTimeout", "ServiceUnavailable"] {
                let body = format!(r#"{{"Code":"{code}","Message":"m","RequestId":"R"}}"#);
                let e = crate::aiccs::response::parse_response(status, &body, None).unwrap_err();
                assert_eq!(classify(&e), ErrorClass::Transient, "{status} {code}");
                let write = settle(e.clone(), false);
                assert!(!write.retryable && write.outcome_unknown, "{status} {code}");
                let read = settle(e.clone(), true);
                assert!(read.retryable && !read.outcome_unknown, "{status} {code}");
                assert!(matches!(
                    RetryPolicy::default().decide(&e, true, 1, None, 0.5),
                    Decision::RetryAfterMs(_)
                ));
                assert_eq!(
                    RetryPolicy::default().decide(&e, false, 1, None, 0.5),
                    Decision::Stop
                );
            }
        }
        // A plain refusal stays one.
        let refused = crate::aiccs::response::parse_response(
            400,
            r#"{"Code":"InvalidParameter","Message":"m","RequestId":"R"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(classify(&refused), ErrorClass::Permanent);
        assert!(!settle(refused, true).retryable);
    }

    #[test]
    fn throttling_in_any_case_and_408_for_reads() {
        for code in ["throttling.user", "THROTTLING", "Throttling.Api"] {
            let body = format!(r#"{{"Code":"{code}","Message":"m","RequestId":"R"}}"#);
            let e = crate::aiccs::response::parse_response(400, &body, None).unwrap_err();
            assert_eq!(classify(&e), ErrorClass::Throttled, "{code}");
        }
        assert!(!is_throttling("Throttlin") && !is_throttling("NotThrottling"));
        let late = http_status_error(408, "");
        assert_eq!(classify(&late), ErrorClass::Transient);
        assert!(settle(late.clone(), true).retryable);
        assert!(settle(late, false).outcome_unknown);
    }

    #[test]
    fn writes_are_repeated_only_after_throttling() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(&timeout(), false, 1, None, 0.5), Decision::Stop);
        assert_eq!(
            p.decide(&http_status_error(502, ""), false, 1, None, 0.5),
            Decision::Stop
        );
        assert!(matches!(
            p.decide(&throttled(), false, 1, None, 0.5),
            Decision::RetryAfterMs(_)
        ));
        assert!(matches!(
            p.decide(&timeout(), true, 1, None, 0.5),
            Decision::RetryAfterMs(_)
        ));
        assert_eq!(
            p.decide(&http_status_error(404, ""), true, 1, None, 0.5),
            Decision::Stop
        );
    }

    #[test]
    fn attempts_are_bounded_and_backoff_grows_with_full_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(&timeout(), true, 3, None, 0.5), Decision::Stop);
        assert_eq!(
            p.decide(&timeout(), true, 1, None, 0.999),
            Decision::RetryAfterMs(199)
        );
        assert_eq!(
            p.decide(&timeout(), true, 2, None, 0.999),
            Decision::RetryAfterMs(399)
        );
        // Low jitter is floored at a quarter of the base, never an instant retry.
        assert_eq!(
            p.decide(&timeout(), true, 2, None, 0.0),
            Decision::RetryAfterMs(50)
        );
        assert_eq!(
            p.decide(&timeout(), true, 1, None, f64::NAN),
            Decision::RetryAfterMs(100)
        );
        let long = RetryPolicy {
            max_attempts: 30,
            ..p
        };
        assert_eq!(
            long.decide(&timeout(), true, 29, None, 0.999),
            Decision::RetryAfterMs(4995)
        );
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_cap() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.decide(&throttled(), false, 1, Some(2_000), 0.1),
            Decision::RetryAfterMs(2_000)
        );
        assert_eq!(
            p.decide(&throttled(), false, 1, Some(60_000), 0.1),
            Decision::Stop
        );
        // Retry-After does not make a write repeatable after a 503.
        assert_eq!(
            p.decide(&http_status_error(503, ""), false, 1, Some(1_000), 0.1),
            Decision::Stop
        );
    }

    #[test]
    fn a_connection_never_made_is_repeated_for_writes_too() {
        let refused = || Error::new(Kind::Network, "not_connected", "refused");
        assert_eq!(classify(&refused()), ErrorClass::NotSent);
        let p = RetryPolicy::default();
        assert!(matches!(
            p.decide(&refused(), false, 1, None, 0.5),
            Decision::RetryAfterMs(_)
        ));
        assert_eq!(p.decide(&refused(), false, 3, None, 0.5), Decision::Stop);
        let w = settle(refused(), false);
        assert!(w.retryable && !w.outcome_unknown);
        // A lost connection is still unknown for a write.
        let lost = settle(Error::new(Kind::Network, "network", "reset"), false);
        assert!(!lost.retryable && lost.outcome_unknown);
        // Which system codes mean "never sent".
        for c in [
            "ECONNREFUSED",
            "ENOTFOUND",
            "EAI_AGAIN",
            "UND_ERR_CONNECT_TIMEOUT",
        ] {
            assert!(never_sent(c), "{c}");
        }
        for c in ["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "ETIMEDOUT", ""] {
            assert!(!never_sent(c), "{c}");
        }
    }

    #[test]
    fn settled_errors_say_whether_a_repeat_is_safe() {
        let w = settle(timeout(), false);
        assert!(!w.retryable && w.outcome_unknown);
        let w = settle(http_status_error(502, ""), false);
        assert!(!w.retryable && w.outcome_unknown);
        let w = settle(Error::new(Kind::Network, "network", "reset"), false);
        assert!(!w.retryable && w.outcome_unknown);
        let r = settle(timeout(), true);
        assert!(r.retryable && !r.outcome_unknown);
        let t = settle(throttled(), false);
        assert!(t.retryable && !t.outcome_unknown);
        let t = settle(http_status_error(429, ""), false);
        assert!(t.retryable && !t.outcome_unknown);
        // Aborted by the caller after the request went out: a write may have run, a read
        // has no outcome to know; aborted before anything was sent: nothing to know.
        let aborted = || Error::new(Kind::Aborted, "aborted", "x");
        assert!(settle(aborted().sent(), false).outcome_unknown);
        assert!(!settle(aborted().sent(), true).outcome_unknown);
        assert!(!settle(aborted(), false).outcome_unknown);
        // A write's answer that cannot be read (cut off): it may have run.
        let cut = || Error::new(Kind::Parse, "truncated_body", "x").with_status(200);
        assert!(settle(cut(), false).outcome_unknown && !settle(cut(), false).retryable);
        assert!(!settle(cut(), true).outcome_unknown);
        for code in ["empty_body", "invalid_json", "unexpected_shape", "not_json"] {
            assert!(
                settle(Error::new(Kind::Parse, code, "x").with_status(200), false).outcome_unknown,
                "{code}"
            );
        }
        // Too large to read: a 2xx or a 5xx may have run; a 4xx was refused.
        assert!(settle(crate::error::too_large_error(200, 8), false).outcome_unknown);
        assert!(settle(crate::error::too_large_error(503, 8), false).outcome_unknown);
        assert!(!settle(crate::error::too_large_error(413, 8), false).outcome_unknown);
        assert!(!settle(crate::error::too_large_error(200, 8), true).outcome_unknown);
        // A read answered so is just an error.
        assert!(
            !settle(
                Error::new(Kind::Parse, "not_json", "x").with_status(200),
                true
            )
            .outcome_unknown
        );
        let p = settle(http_status_error(400, ""), false);
        assert!(!p.retryable && !p.outcome_unknown);
        let json = serde_json::to_string(&w).unwrap();
        assert!(json.contains("\"outcomeUnknown\":true"), "{json}");
        assert!(!serde_json::to_string(&r)
            .unwrap()
            .contains("outcomeUnknown"));
    }

    #[test]
    fn redirects_and_oversized_answers_are_final() {
        use crate::error::{redirect_error, too_large_error};
        let p = RetryPolicy::default();
        for e in [
            redirect_error(307, Some("https://evil.example/x?sig=1")),
            redirect_error(0, None),
            too_large_error(503, 10),
        ] {
            assert_eq!(classify(&e), ErrorClass::Permanent);
            assert_eq!(p.decide(&e, true, 1, None, 0.5), Decision::Stop);
            assert!(!settle(e, true).retryable);
        }
        let r = redirect_error(307, Some("https://evil.example/x?sig=1"));
        assert_eq!(
            r.message,
            "HTTP 307 redirect to evil.example; redirects are not followed"
        );
        assert_eq!((r.code.as_str(), r.status), ("redirect", Some(307)));
    }

    #[test]
    fn the_budget_stops_retries_when_the_service_keeps_failing() {
        let mut b = RetryBudget::new(12);
        assert_eq!(b.try_spend(&timeout()), Some(5));
        assert_eq!(b.try_spend(&timeout()), Some(5));
        assert_eq!(b.try_spend(&timeout()), None); // 2 left: a retry costs 5
        assert_eq!(b.try_spend(&throttled()), Some(1)); // throttling costs 1
        for _ in 0..20 {
            b.on_success(None);
        }
        assert_eq!(b.available(), 12); // refilled up to the capacity, not beyond
    }

    #[test]
    fn a_server_that_fails_only_first_attempts_never_drains_the_budget() {
        let mut b = RetryBudget::new(100);
        for call in 0..10_000 {
            let spent = b.try_spend(&timeout());
            assert!(spent.is_some(), "call {call}: no retry left");
            b.on_success(spent);
        }
        assert_eq!(b.available(), 100);
        // A success after a retry gives back that retry only: one that took two retries
        // still costs the first.
        let first = b.try_spend(&timeout());
        let second = b.try_spend(&timeout());
        assert!(first.is_some());
        b.on_success(second);
        assert_eq!(b.available(), 95);
    }

    #[test]
    fn a_retry_never_sent_gives_back_what_it_took() {
        let mut b = RetryBudget::new(10);
        let taken = b.try_spend(&timeout()).unwrap();
        assert_eq!(b.available(), 5);
        b.refund(taken);
        assert_eq!(b.available(), 10);
        b.refund(taken); // never beyond the capacity
        assert_eq!(b.available(), 10);
    }

    #[test]
    fn retry_after_values() {
        assert_eq!(parse_retry_after("30", 0), Some(30_000));
        assert_eq!(parse_retry_after(" 0 ", 0), Some(0));
        let now = crate::schema::days_from_civil(2026, 10, 21) * 86_400_000 + 7 * 3_600_000;
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:00:05 GMT", now),
            Some(5_000)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 06:00:00 GMT", now),
            Some(0)
        );
        // Digits beyond u64: the longest wait there is (the policy then gives up), not none.
        assert_eq!(parse_retry_after("99999999999999999999", 0), Some(u64::MAX));
        assert_eq!(
            parse_retry_after("99999999999", 0),
            Some(99_999_999_999_000)
        );
        for bad in ["", "-1", "soon", "1.5", "Wed, 21 Oct 2026 07:00:05 PST"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }
}
