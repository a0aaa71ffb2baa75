//! Reading Agent API answers. The server reports most errors as HTTP 200 with
//! `{"code": <n>, "status": "error", "message": ...}`; anything that is not that envelope
//! (proxy pages, truncated bodies) is a transport problem, not a business answer.

use crate::error::{http_status_error, unreadable_body, ApiCode, Error, Kind, Says, Shape};
use crate::issue::{Locale, Problem};
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordUrl {
    pub record_id: String,
    pub voice_url: String,
}

/// The task is running: a 2.0 task must be stopped before it can be updated.
pub const TASK_RUNNING: i64 = 6007;

fn api_code_name(code: i64) -> &'static str {
    match code {
        5002 => "task_not_found",
        50051 => "record_not_found",
        50061 => "recording_not_found",
        TASK_RUNNING => "task_running",
        401 => "unauthorized",
        _ => "api_error",
    }
}

/// Parses the envelope and returns it (`code`, `status`, `message`, `data`, `meta`)
/// when the answer is a success.
pub fn envelope(status: u16, body: &str, locale: Locale) -> Result<Map<String, Value>, Error> {
    let parsed = crate::json::read_answer(body);
    if !(200..300).contains(&status) {
        // Field errors sent with a 400 or 422 (Laravel answers 422 `{message, errors: {field:
        // […]}}`; some backends put the fields under `message`): the same issues as under
        // HTTP 200. Not for 401/403, which stay `unauthorized` whatever their body.
        let fields = parsed
            .as_ref()
            .ok()
            .filter(|_| status == 400 || status == 422)
            .and_then(|v| {
                [v.get("message"), v.get("errors")]
                    .into_iter()
                    .flatten()
                    .find_map(Value::as_object)
                    .filter(|f| !f.is_empty())
            });
        if let Some(fields) = fields {
            let code = parsed
                .as_ref()
                .ok()
                .and_then(|v| v.get("code"))
                .and_then(Value::as_i64);
            return Err(rejected(fields, code, status, locale));
        }
        let mut err = http_status_error(status, body);
        let unauthorized = status == 401 || status == 403;
        let said = parsed
            .as_ref()
            .ok()
            .and_then(|v| v.get("message"))
            .and_then(Value::as_str)
            .map(crate::error::shorten);
        if said.is_some() || unauthorized {
            let text = said.unwrap_or_else(|| crate::error::excerpt(body));
            err = Error {
                api_code: None,
                ..Error::said(
                    Kind::Http,
                    &err.code,
                    Says::HttpStatus {
                        status,
                        text,
                        check_token: unauthorized,
                    },
                )
            }
            .with_status(status)
            .retryable(err.retryable);
        }
        if let Some(code) = parsed
            .as_ref()
            .ok()
            .and_then(|v| v.get("code"))
            .and_then(Value::as_i64)
        {
            err.api_code = Some(ApiCode::Num(code));
        }
        if unauthorized {
            err.code = "unauthorized".into();
        }
        return Err(err);
    }
    let v = parsed.map_err(|e| unreadable_body(status, body, &e))?;
    let Value::Object(obj) = v else {
        return Err(Error::said(
            Kind::Parse,
            "unexpected_shape",
            Says::Shape {
                expected: Shape::Envelope,
            },
        )
        .with_status(status));
    };
    let code = obj.get("code").and_then(|c| {
        c.as_i64()
            .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
    });
    let is_error = obj.get("status").and_then(|s| s.as_str()) == Some("error")
        || code.is_some_and(|c| c != 200);
    if is_error {
        // Laravel's `{field: [sentences]}`; an empty object names nothing: the plain error.
        if let Some(Value::Object(fields)) = obj
            .get("message")
            .filter(|m| m.as_object().is_some_and(|f| !f.is_empty()))
        {
            return Err(rejected(fields, code, status, locale));
        }
        let server_msg = obj.get("message").map(message_text).unwrap_or_default();
        // A code that is text but no number (`"E_FAIL"`) is kept as the server wrote it.
        let api_code = match (code, obj.get("code").and_then(Value::as_str)) {
            (None, Some(t)) if !t.trim().is_empty() => ApiCode::Text(t.to_string()),
            _ => ApiCode::Num(code.unwrap_or(0)),
        };
        let code = code.unwrap_or(0);
        let mut err = if code == TASK_RUNNING {
            Error::new(
                Kind::Api,
                api_code_name(code),
                crate::messages::task_running(&server_msg, locale),
            )
        } else {
            Error::said(
                Kind::Api,
                api_code_name(code),
                Says::AgentApi {
                    code: api_code.clone(),
                    text: crate::error::shorten(&server_msg),
                },
            )
        }
        .with_status(status);
        err.api_code = Some(api_code);
        err.server_message = Some(server_msg);
        return Err(err);
    }
    if code.is_none() {
        return Err(Error::said(
            Kind::Parse,
            "unexpected_shape",
            Says::Shape {
                expected: Shape::EnvelopeCode,
            },
        )
        .with_status(status));
    }
    Ok(obj)
}

/// The envelope's `message` as text: a string as it is; a list (`["名称不能为空", "线路无效"]`)
/// as its sentences joined by "; "; anything else as its JSON text (`null`: none).
fn message_text(m: &Value) -> String {
    match m {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(items) => {
            let mut out = String::new();
            for item in items.iter().filter(|v| !v.is_null()) {
                if !out.is_empty() {
                    out.push_str("; ");
                }
                out.push_str(&sentence(item));
            }
            out
        }
        other => crate::json::text(other),
    }
}

/// A server's sentence: a string as it is, anything else as its JSON text.
fn sentence(v: &Value) -> String {
    v.as_str()
        .map_or_else(|| crate::json::text(v), String::from)
}

/// The backend's own validation (Laravel style): `message` is `{field: [sentences]}`.
/// Each sentence becomes an issue at its field, so a form can show it there.
fn rejected(fields: &Map<String, Value>, code: Option<i64>, status: u16, locale: Locale) -> Error {
    let mut issues = Vec::new();
    for (field, sentences) in fields {
        // Every field named gets at least one issue (`[]`: refused, no reason given); an item
        // that is not a sentence is shown as its JSON text.
        // (`null` is no sentence.)
        let mut list: Vec<String> = match sentences {
            Value::Array(items) => items
                .iter()
                .filter(|v| !v.is_null())
                .map(sentence)
                .collect(),
            Value::Null => Vec::new(),
            other => vec![sentence(other)],
        };
        if list.is_empty() {
            list.push(String::new());
        }
        for sentence in list {
            let sentence = crate::error::shorten(&sentence);
            issues.push(Problem::Rejected { sentence }.issue(locale, field, None));
        }
    }
    let mut err = Error::validation(issues, locale);
    err.kind = Kind::Api;
    err.code = "rejected_by_server".into();
    err.status = Some(status);
    err.api_code = code.map(ApiCode::Num);
    err
}

/// Success of a task update is `{"code":200,"status":"success",...}`; its data is unused.
pub fn parse_update_task(status: u16, body: &str, locale: Locale) -> Result<(), Error> {
    envelope(status, body, locale).map(|_| ())
}

fn data_of(mut envelope: Map<String, Value>) -> Value {
    envelope.remove("data").unwrap_or(Value::Null)
}

/// `data.batch_url[]` as `{record_id, voice_url}` in the server's order. An item without a
/// URL or a readable id is left out (the batch then reports each id it left out, as
/// `missing_in_answer`; a caller parsing answers itself sees it missing).
pub fn parse_batch_voice_urls(
    status: u16,
    body: &str,
    locale: Locale,
) -> Result<Vec<RecordUrl>, Error> {
    let data = data_of(envelope(status, body, locale)?);
    let shape = || {
        Error::said(
            Kind::Parse,
            "unexpected_shape",
            Says::Shape {
                expected: Shape::BatchUrls,
            },
        )
        .with_status(status)
    };
    let items = data
        .get("batch_url")
        .and_then(|v| v.as_array())
        .ok_or_else(shape)?;
    // One odd item does not sink the others: an item without a URL (or without a readable
    // id) is left out, and the batch reports each id it left out on its own. An id written
    // as a number is the same id.
    let id_of = |v: &Value| {
        v.as_str()
            .map(String::from)
            .or_else(|| v.as_u64().map(|n| n.to_string()))
    };
    Ok(items
        .iter()
        .filter_map(|item| {
            let id = item.get("record_id").and_then(id_of)?;
            let url = item
                .get("voice_url")
                .and_then(Value::as_str)
                .filter(|u| !u.is_empty())?;
            Some(RecordUrl {
                record_id: id,
                voice_url: url.to_string(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"{"code":200,"status":"success","message":"批量返回录音下载地址成功","data":{"batch_url":[{"record_id":"00075047-af8b-4e92-a897-e4ac382acc6a","voice_url":"saas.test/api/agent-api/download-voice?key=abc"}]}}"#;

    #[test]
    fn one_odd_item_does_not_sink_the_others() {
        let body = r#"{"code":200,"status":"success","message":"","data":{"batch_url":[
            {"record_id":"a","voice_url":"https://v/a"},{"record_id":"b","voice_url":null},
            {"record_id":123,"voice_url":"https://v/123"},{"voice_url":"https://v/x"}]}}"#;
        let ids: Vec<String> = parse_batch_voice_urls(200, body, Locale::En)
            .unwrap()
            .into_iter()
            .map(|u| u.record_id)
            .collect();
        assert_eq!(ids, ["a", "123"]);
    }

    #[test]
    fn seed_success_parses() {
        let urls = parse_batch_voice_urls(200, OK, Locale::En).unwrap();
        assert_eq!(urls.len(), 1);
        assert_eq!(urls[0].record_id, "00075047-af8b-4e92-a897-e4ac382acc6a");
        parse_update_task(
            200,
            r#"{"code":200,"status":"success","message":"修改成功","data":""}"#,
            Locale::En,
        )
        .unwrap();
    }

    #[test]
    fn seed_errors_become_api_errors() {
        for (body, code, name) in [
            (
                r#"{"code":5002,"status":"error","message":"任务不存在","data":[]}"#,
                5002,
                "task_not_found",
            ),
            (
                r#"{"code":50051,"status":"error","message":"该任务下的通话记录ID-27777777777777777-不存在","data":[]}"#,
                50051,
                "record_not_found",
            ),
            (
                r#"{"code":50061,"status":"error","message":"通话记录ID-00075047-af8b-4e92-a897-e4ac382acc7a-录音不存在","data":[]}"#,
                50061,
                "recording_not_found",
            ),
            (
                r#"{"code":4242,"status":"error","message":"其他","data":[]}"#,
                4242,
                "api_error",
            ),
        ] {
            let e = parse_batch_voice_urls(200, body, Locale::En).unwrap_err();
            assert_eq!(e.kind, Kind::Api);
            assert_eq!(e.code, name);
            assert_eq!(e.api_code, Some(ApiCode::Num(code)));
            assert_eq!(e.status, Some(200));
            assert!(e.message.contains(&code.to_string()));
        }
    }

    #[test]
    fn task_running_says_stop_first() {
        let body = r#"{"code": 6007,"status": "error","message": "2.0任务启动中,请先停止任务","data": []}"#;
        let e = parse_update_task(200, body, Locale::En).unwrap_err();
        assert_eq!(e.code, "task_running");
        assert!(e.message.contains("stop the task first"));
        let z = parse_update_task(200, body, Locale::ZhCn).unwrap_err();
        assert!(z.message.contains("请先停止任务"));
    }

    #[test]
    fn laravel_field_messages_become_issues() {
        let body = r#"{"code":422,"status":"error","message":{"data.0.phone":["手机号格式不正确。"],"name":["The name field is required.","Too short."]},"data":[]}"#;
        let e = parse_update_task(200, body, Locale::ZhCn).unwrap_err();
        assert_eq!(
            (e.kind, e.code.as_str(), e.api_code.clone()),
            (Kind::Api, "rejected_by_server", Some(ApiCode::Num(422)))
        );
        let issues = e.issues.unwrap();
        let got: Vec<_> = issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("data.0.phone", "rejected_by_server"),
                ("name", "rejected_by_server"),
                ("name", "rejected_by_server")
            ]
        );
        assert!(
            issues[0].message.contains("手机号格式不正确"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn every_field_named_gets_an_issue_and_no_message_ends_in_a_colon() {
        let err = |message: &str, l| {
            let body = format!(r#"{{"code":422,"status":"error","message":{message},"data":[]}}"#);
            parse_update_task(200, &body, l).unwrap_err()
        };
        for l in [Locale::En, Locale::ZhCn] {
            for (message, shown) in [
                (r#"{"password":[]}"#, None),
                (r#"{"password":["  "]}"#, None),
                (r#"{"password":[null]}"#, None),
                (r#"{"password":null}"#, None),
                (r#"{"password":[{"a":1}]}"#, Some(r#"{"a":1}"#)),
            ] {
                let e = err(message, l);
                let issues = e.issues.clone().unwrap();
                assert_eq!(issues.len(), 1, "{message}");
                assert_eq!(issues[0].path, "password");
                let m = &issues[0].message;
                assert!(
                    !m.trim_end().ends_with([':', '：']) && !m.contains(": ."),
                    "{m}"
                );
                if let Some(shown) = shown {
                    assert!(m.contains(shown), "{m}");
                }
                assert!(!e.message.starts_with('0'), "{}", e.message);
            }
            // Nothing named, no text: the code alone, no dangling colon.
            for message in ["{}", "[]", r#""""#, r#""  \n ""#] {
                let e = err(message, l);
                assert_eq!(
                    (e.code.as_str(), e.issues.is_none()),
                    ("api_error", true),
                    "{message}"
                );
                assert!(
                    !e.message
                        .trim_end_matches(['.', '。', ' ', '\n'])
                        .ends_with([':', '：']),
                    "{}",
                    e.message
                );
            }
        }
    }

    #[test]
    fn field_errors_under_a_4xx_are_the_same_issues() {
        for body in [
            r#"{"message":"The given data was invalid.","errors":{"name":["The name field is required."]}}"#,
            r#"{"code":422,"status":"error","message":{"name":["The name field is required."]}}"#,
        ] {
            let e = parse_update_task(422, body, Locale::En).unwrap_err();
            assert_eq!(
                (e.kind, e.code.as_str(), e.status),
                (Kind::Api, "rejected_by_server", Some(422)),
                "{body}"
            );
            assert_eq!(e.issues.as_ref().map(|i| i[0].path.as_str()), Some("name"));
        }
        // A 5xx is the server's failure, a 401 stays unauthorized, whatever they say; an
        // empty field list is no field error.
        let e = parse_update_task(500, r#"{"errors":{"name":["x"]}}"#, Locale::En).unwrap_err();
        assert_eq!(e.code, "http_status");
        let e = parse_update_task(
            401,
            r#"{"message":"Unauthenticated.","errors":{"token":["x"]}}"#,
            Locale::En,
        )
        .unwrap_err();
        assert_eq!(e.code, "unauthorized");
        let e = parse_update_task(
            422,
            r#"{"message":"The given data was invalid.","errors":{}}"#,
            Locale::En,
        )
        .unwrap_err();
        assert!(
            e.code == "http_status" && e.message.contains("The given data was invalid."),
            "{}",
            e.message
        );
    }

    #[test]
    fn server_text_is_quoted_short() {
        let long = "x".repeat(5_000_000);
        let e = parse_update_task(
            200,
            &format!(r#"{{"code":5002,"status":"error","message":"{long}"}}"#),
            Locale::En,
        )
        .unwrap_err();
        assert!(
            e.message.chars().count() < 400 && e.message.ends_with('…'),
            "{}",
            e.message.len()
        );
        let e =
            parse_update_task(500, &format!(r#"{{"message":"{long}"}}"#), Locale::En).unwrap_err();
        assert!(e.message.chars().count() < 400, "{}", e.message.len());
        let e = parse_update_task(
            200,
            &format!(r#"{{"code":422,"status":"error","message":{{"name":["{long}"]}}}}"#),
            Locale::En,
        )
        .unwrap_err();
        assert!(e.issues.unwrap()[0].message.chars().count() < 500);
    }

    #[test]
    fn server_text_cannot_drive_a_terminal_or_forge_a_log_line() {
        let body = r#"{"code":5002,"status":"error","message":"x\u001b[2J\r\n2026-01-01 INFO forged \u202e!","data":[]}"#;
        for locale in [Locale::En, Locale::ZhCn] {
            let e = parse_update_task(200, body, locale)
                .unwrap_err()
                .in_locale(locale);
            assert!(
                !e.message.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{:?}",
                e.message
            );
            assert!(
                e.message.contains("[2J  2026-01-01 INFO forged"),
                "{:?}",
                e.message
            );
        }
        // The 6007 sentence quotes the server too.
        let body = r#"{"code":6007,"status":"error","message":"running\r\nINFO ok"}"#;
        let e = parse_update_task(200, body, Locale::En).unwrap_err();
        assert!(e.message.contains("running  INFO ok"), "{:?}", e.message);
    }

    #[test]
    fn a_code_given_as_text_is_kept_and_a_message_list_is_read() {
        let body = r#"{"code":"E_FAIL","status":"error","message":"x","data":[]}"#;
        let e = parse_update_task(200, body, Locale::En).unwrap_err();
        assert_eq!(e.api_code, Some(ApiCode::Text("E_FAIL".into())));
        assert_eq!(e.message, "Agent API error E_FAIL: x");
        // A digit string is still the number.
        let body = r#"{"code":"5002","status":"error","message":"x"}"#;
        let e = parse_update_task(200, body, Locale::En).unwrap_err();
        assert_eq!(
            (e.api_code, e.code.as_str()),
            (Some(ApiCode::Num(5002)), "task_not_found")
        );
        let body = r#"{"code":422,"status":"error","message":["名称不能为空","线路无效",null,7],"data":[]}"#;
        let e = parse_update_task(200, body, Locale::ZhCn)
            .unwrap_err()
            .in_locale(Locale::ZhCn);
        assert_eq!(e.message, "接口返回错误 422：名称不能为空; 线路无效; 7");
        assert_eq!(
            e.server_message.as_deref(),
            Some("名称不能为空; 线路无效; 7")
        );
    }

    #[test]
    fn transport_problems() {
        let e = parse_update_task(500, r#"{"message":"Server Error"}"#, Locale::En).unwrap_err();
        assert_eq!(
            (e.kind, e.status, e.retryable),
            (Kind::Http, Some(500), true)
        );
        let e = parse_update_task(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", Locale::En).unwrap_err();
        assert_eq!(e.kind, Kind::Http);
        assert!(e.message.contains("502 Bad Gateway"), "{}", e.message);
        let e = parse_update_task(
            200,
            "<!doctype html><html><body>Login</body></html>",
            Locale::En,
        )
        .unwrap_err();
        assert_eq!((e.kind, e.code.as_str()), (Kind::Parse, "not_json"));
        let e = parse_batch_voice_urls(
            200,
            r#"{"code":200,"status":"success","data":{"batch_url":[{"record_id":"a","#,
            Locale::En,
        )
        .unwrap_err();
        assert_eq!((e.kind, e.code.as_str()), (Kind::Parse, "truncated_body"));
        let e = parse_update_task(200, "", Locale::En).unwrap_err();
        assert_eq!((e.kind, e.code.as_str()), (Kind::Parse, "empty_body"));
        let e = parse_update_task(
            401,
            r#"{"code":401,"status":"error","message":"Unauthenticated."}"#,
            Locale::En,
        )
        .unwrap_err();
        assert_eq!(
            (e.kind, e.code.as_str(), e.retryable),
            (Kind::Http, "unauthorized", false)
        );
        let e = parse_batch_voice_urls(
            200,
            r#"{"code":200,"status":"success","data":[]}"#,
            Locale::En,
        )
        .unwrap_err();
        assert_eq!(e.code, "unexpected_shape");
        let e = parse_update_task(200, "[1,2]", Locale::En).unwrap_err();
        assert_eq!(e.code, "unexpected_shape");
    }
}
