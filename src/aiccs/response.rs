//! Reading aiccs answers. Success is decided by `Code`, not `Success`: several of the
//! vendor's own documented examples say `"Code": "OK", "Success": false` for a normal
//! answer (QueryConversationDetailInfoNew, PageQueryAgentList, ...), and LlmSmartCallEncrypt
//! answers `"Code": "ok"`. Decision: `Code` equal to OK/ok/200/Success (any case) is a
//! success whatever `Success` says; without a `Code`, `Success: false` is an error.

use crate::error::{http_status_error, unreadable_body, ApiCode, Error, Kind, Says};
use crate::schema::MAX_SAFE;
use serde_json::{Map, Value};

fn is_ok_code(code: &str) -> bool {
    ["ok", "200", "success"].contains(&code.to_ascii_lowercase().as_str())
}

/// Throttling and server-side unavailability are worth retrying (with a new nonce).
pub fn retryable_code(code: &str) -> bool {
    crate::policy::retry::is_throttling(code)
        || code == "ServiceUnavailable"
        || code.starts_with("InternalError")
        || code == "ServiceTimeout"
}

/// `Code` as text; `null` counts as absent. Any other shape (`false`, a list, an object)
/// is not one of the codes meaning OK, so the answer is an error that quotes it.
fn code_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(crate::error::shorten(s)),
        Value::Number(n) => Some(n.to_string()),
        other => Some(crate::error::shorten(&crate::json::text(other))),
    }
}

/// The vendor's code as the caller gets it (`apiCode`): a whole number stays a number, as
/// the Agent API's codes do (contract: `string | number`), anything else its text.
fn api_code(v: Option<&Value>, text: String) -> ApiCode {
    // (One JavaScript cannot hold exactly stays text.)
    match v
        .and_then(Value::as_i64)
        .filter(|n| n.unsigned_abs() <= crate::schema::MAX_SAFE as u64)
    {
        Some(n) => ApiCode::Num(n),
        None => ApiCode::Text(text),
    }
}

fn message_of(obj: &Map<String, Value>) -> String {
    // HangupOperate spells it `Mesage`.
    let m = ["Message", "Mesage", "message"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(|v| v.as_str()))
        .unwrap_or("");
    crate::error::shorten(m)
}

/// Integers a JS number cannot hold exactly (ids) become strings.
fn protect_big_ints(v: &mut Value) {
    match v {
        Value::Number(n) => {
            let big = n
                .as_i64()
                .map(|i| i.abs() > MAX_SAFE)
                .unwrap_or_else(|| n.as_u64().is_some());
            if big {
                *v = Value::String(n.to_string());
            }
        }
        Value::Array(a) => a.iter_mut().for_each(protect_big_ints),
        Value::Object(o) => o.values_mut().for_each(protect_big_ints),
        _ => {}
    }
}

/// An error the gateway wrote as XML (`<Error><Code>Throttling.User</Code>…</Error>`) as
/// the object its JSON form would be: `Code`, `Message` and `RequestId`, so a throttling
/// rejection is still retried and its code and request id handed on. `None` without a
/// `<Code>`.
fn xml_error(body: &str) -> Option<Value> {
    let body = body.trim_start();
    if !body.starts_with('<') {
        return None;
    }
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = body.find(&open)? + open.len();
        let len = body[start..].find("</")?;
        Some(xml_text(&body[start..start + len]))
    };
    let mut o = serde_json::Map::new();
    o.insert("Code".into(), Value::String(tag("Code")?));
    for name in ["Message", "RequestId"] {
        if let Some(text) = tag(name) {
            o.insert(name.into(), Value::String(text));
        }
    }
    Some(Value::Object(o))
}

/// XML text with the five predefined entities read (others are left as written).
fn xml_text(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The whole answer object (vendor field names) on success; an `Error` otherwise.
pub fn parse_response(
    status: u16,
    body: &str,
    request_id_header: Option<&str>,
) -> Result<Value, Error> {
    let parsed = crate::json::read_answer(body);
    let refused = !(200..300).contains(&status);
    let xml = if refused && parsed.is_err() {
        xml_error(body)
    } else {
        None
    };
    let obj = match &parsed {
        Ok(v) => v.as_object(),
        Err(_) => xml.as_ref().and_then(Value::as_object),
    };
    // Server text like any other: a request id is ~36 characters, not a megabyte.
    let request_id = obj
        .and_then(|o| o.get("RequestId"))
        .and_then(|v| v.as_str())
        .or(request_id_header)
        .map(crate::error::shorten);
    if refused {
        let mut err = http_status_error(status, body);
        if let Some(o) = obj {
            if let Some(code) = code_text(o.get("Code")) {
                let retryable = err.retryable || retryable_code(&code);
                let says = Says::Aiccs {
                    status: Some(status),
                    code: code.clone(),
                    text: message_of(o),
                };
                err = Error::said(Kind::Http, "http_status", says)
                    .with_status(status)
                    .retryable(retryable);
                err.api_code = Some(api_code(o.get("Code"), code));
            }
        }
        err.request_id = request_id;
        return Err(err);
    }
    let mut v = match parsed {
        Ok(v) if v.is_object() => v,
        Ok(_) => {
            return Err(Error::said(
                Kind::Parse,
                "unexpected_shape",
                Says::Shape {
                    expected: crate::error::Shape::Object,
                },
            )
            .with_status(status))
        }
        Err(e) => {
            return Err(Error {
                request_id,
                ..unreadable_body(status, body, &e)
            })
        }
    };
    let o = v.as_object().expect("checked above");
    let code = code_text(o.get("Code"));
    let failed = match &code {
        Some(c) => !is_ok_code(c),
        None => o.get("Success") == Some(&Value::Bool(false)),
    };
    // Every aiccs answer carries a RequestId (in the body or the x-acs-request-id header),
    // and most a Code or Success: an object with none of them (`{}`, `{"error":"Bad
    // Gateway"}`) is a stand-in for the service, not its answer.
    if !o.contains_key("Code") && !o.contains_key("Success") && request_id.is_none() {
        let says = Says::Shape {
            expected: crate::error::Shape::AiccsAnswer,
        };
        return Err(Error::said(Kind::Parse, "unexpected_shape", says).with_status(status));
    }
    if failed {
        // `Success: false` without a `Code`: no code is made up (`apiCode` stays absent).
        let says = Says::Aiccs {
            status: None,
            code: code
                .as_deref()
                .map_or(String::new(), |c| c.trim().to_string()),
            text: message_of(o),
        };
        let mut err = Error::said(Kind::Api, "api_error", says).with_status(status);
        err.retryable = code.as_deref().is_some_and(retryable_code);
        // An empty `Code` still marks a failure, but is no code to hand on (`apiCode` absent).
        err.api_code = code
            .filter(|c| !c.trim().is_empty())
            .map(|c| api_code(o.get("Code"), c));
        err.request_id = request_id;
        return Err(err);
    }
    protect_big_ints(&mut v);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_error_is_read_as_its_json_form() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>ABC-123</RequestId><HostId>h</HostId><Code>Throttling.User</Code><Message>Request was denied &amp; throttled.</Message></Error>"#;
        let e = parse_response(400, xml, None).unwrap_err();
        assert_eq!(e.api_code, Some(ApiCode::Text("Throttling.User".into())));
        assert_eq!(e.request_id.as_deref(), Some("ABC-123"));
        assert_eq!(
            crate::policy::retry::classify(&e),
            crate::policy::retry::ErrorClass::Throttled
        );
        assert!(e
            .in_locale(crate::issue::Locale::En)
            .message
            .contains("Request was denied & throttled."));
        // An HTML page, or XML without a Code, stays a plain HTTP error.
        for page in [
            "<html><body>502</body></html>",
            "<Error><Message>m</Message></Error>",
        ] {
            let e = parse_response(502, page, None).unwrap_err();
            assert_eq!(e.api_code, None, "{page}");
        }
    }

    #[test]
    fn a_failure_without_code_or_message_names_no_missing_field() {
        for body in [
            r#"{"Code":"","RequestId":"r"}"#,
            r#"{"Success":false,"RequestId":"r"}"#,
        ] {
            let e = parse_response(200, body, None).unwrap_err();
            let en = e.clone().in_locale(crate::issue::Locale::En).message;
            assert_eq!(
                en, "aiccs answered a failure without a Code or a Message",
                "{body}"
            );
        }
        let ok = parse_response(200, "\u{feff}{\"Code\":\"OK\",\"RequestId\":\"r\"}", None);
        assert_eq!(ok.unwrap()["Code"], "OK");
    }

    #[test]
    fn success_false_without_a_code_makes_none_up() {
        for (body, text) in [
            (r#"{"Success":false,"RequestId":"R"}"#, None),
            (r#"{"Success":false,"Code":"","RequestId":"R"}"#, None),
            (
                r#"{"Success":false,"Message":"参数错误","RequestId":"R"}"#,
                Some("参数错误"),
            ),
        ] {
            let e = parse_response(200, body, None).unwrap_err();
            assert_eq!(
                (e.kind, e.code.as_str(), e.api_code.clone()),
                (Kind::Api, "api_error", None)
            );
            assert!(!e.retryable);
            assert!(
                !e.message.contains("Unsuccessful") && !e.message.ends_with(':'),
                "{}",
                e.message
            );
            if let Some(t) = text {
                assert!(e.message.contains(t), "{}", e.message);
            }
        }
    }

    #[test]
    fn ok_even_when_success_false() {
        let v = parse_response(
            200,
            r#"{"Code":"OK","Success":false,"Data":{"DetailId":0},"RequestId":"R"}"#,
            None,
        )
        .unwrap();
        assert_eq!(v["Data"]["DetailId"], 0);
        parse_response(
            200,
            r#"{"Code":"ok","Success":true,"Data":{"CallId":"1"}}"#,
            None,
        )
        .unwrap();
        let v = parse_response(
            200,
            r#"{"RequestId":"E","Code":"OK","Mesage":"OK","Result":true}"#,
            None,
        )
        .unwrap();
        assert_eq!(v["Mesage"], "OK");
    }

    #[test]
    fn an_object_without_code_success_or_request_id_is_no_answer() {
        for body in ["{}", r#"{"error":"Bad Gateway"}"#] {
            let e = parse_response(200, body, None).unwrap_err();
            assert_eq!(
                (e.kind, e.code.as_str()),
                (Kind::Parse, "unexpected_shape"),
                "{body}"
            );
            // A write answered so may have run.
            assert!(
                crate::policy::retry::settle(e, false).outcome_unknown,
                "{body}"
            );
        }
        assert!(parse_response(200, r#"{"RequestId":"R"}"#, None).is_ok());
        assert!(parse_response(200, "{}", Some("R-from-header")).is_ok());
    }

    #[test]
    fn a_code_of_another_shape_is_an_error() {
        for code in ["false", "{\"a\":1}", "[\"Throttling\"]", "\"\""] {
            let e = parse_response(200, &format!(r#"{{"Code":{code},"Message":"m"}}"#), None)
                .unwrap_err();
            assert_eq!(e.kind, Kind::Api, "{code}");
            assert!(!e.message.contains("error :"), "{}", e.message);
        }
        // `null` is no code: `Success` decides.
        parse_response(200, r#"{"Code":null,"Data":1}"#, None).unwrap();
    }

    #[test]
    fn business_errors_under_200() {
        let e = parse_response(200, r#"{"Code":"InvalidParameter.CallId","Success":false,"Message":"bad","RequestId":"R1"}"#, None).unwrap_err();
        assert_eq!(
            (
                e.kind,
                e.api_code.clone(),
                e.request_id.as_deref(),
                e.retryable
            ),
            (
                Kind::Api,
                Some(ApiCode::Text("InvalidParameter.CallId".into())),
                Some("R1"),
                false
            )
        );
        let e = parse_response(200, r#"{"Success":false,"Message":"no"}"#, None).unwrap_err();
        assert_eq!(e.kind, Kind::Api);
        let e = parse_response(
            200,
            r#"{"Code":"Throttling.User","Message":"slow down"}"#,
            None,
        )
        .unwrap_err();
        assert!(e.retryable);
        // A numeric code stays a number (as the contract's `apiCode: string | number`).
        let e = parse_response(
            200,
            r#"{"Code":5002,"Message":"bad","RequestId":"R1"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(e.api_code, Some(ApiCode::Num(5002)));
        let e = parse_response(
            500,
            r#"{"Code":500,"Message":"oops","RequestId":"R1"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(e.api_code, Some(ApiCode::Num(500)));
        let e = parse_response(
            200,
            r#"{"Code":9007199254740993,"Message":"x","RequestId":"R1"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(e.api_code, Some(ApiCode::Text("9007199254740993".into())));
    }

    #[test]
    fn http_errors() {
        let e = parse_response(
            400,
            r#"{"RequestId":"R2","Code":"SignatureDoesNotMatch","Message":"sig"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(
            (e.kind, e.status, e.request_id.as_deref(), e.retryable),
            (Kind::Http, Some(400), Some("R2"), false)
        );
        assert_eq!(
            e.api_code,
            Some(ApiCode::Text("SignatureDoesNotMatch".into()))
        );
        let e = parse_response(400, r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#, None).unwrap_err();
        assert!(e.retryable);
        let e = parse_response(503, "<html>busy</html>", Some("H1")).unwrap_err();
        assert_eq!(
            (e.kind, e.retryable, e.request_id.as_deref()),
            (Kind::Http, true, Some("H1"))
        );
        assert_eq!(
            parse_response(200, "", None).unwrap_err().code,
            "empty_body"
        );
        assert_eq!(
            parse_response(200, "{\"Code\":\"OK\",\"Da", None)
                .unwrap_err()
                .code,
            "truncated_body"
        );
        assert_eq!(
            parse_response(200, "<html/>", None).unwrap_err().code,
            "not_json"
        );
        // Valid JSON JS would read as Infinity: said as such, at the number; a grammar
        // error at a number or a sign is still "not valid JSON".
        for (body, says) in [
            (
                r#"{"Code":"OK","Total":1e400}"#,
                "too large for a double (line 1, column 22)",
            ),
            (
                r#"{"Code":"OK","Total":-123456789e999}"#,
                "too large for a double (line 1, column 22)",
            ),
            (
                r#"{"Code":"OK","Total":1 2}"#,
                "not valid JSON (line 1, column 24)",
            ),
            (
                r#"{"Code":"OK","Total":-}"#,
                "not valid JSON (line 1, column 23)",
            ),
            (
                r#"{"Code":"OK","Total":01}"#,
                "not valid JSON (line 1, column 23)",
            ),
        ] {
            let e = parse_response(200, body, None).unwrap_err();
            assert_eq!(
                (e.kind, e.code.as_str()),
                (Kind::Parse, "invalid_json"),
                "{body}"
            );
            assert!(e.message.contains(says), "{body}: {}", e.message);
        }
        assert_eq!(
            parse_response(200, "[]", None).unwrap_err().code,
            "unexpected_shape"
        );
    }

    #[test]
    fn big_ids_become_strings() {
        let v = parse_response(
            200,
            r#"{"Code":"OK","Data":118700000000000001,"Small":42}"#,
            None,
        )
        .unwrap();
        assert_eq!(v["Data"], "118700000000000001");
        assert_eq!(v["Small"], 42);
    }
}
