//! The Agent API of the AI calling SaaS: Bearer token, JSON bodies, and errors that come
//! back as HTTP 200 with `{"code": 5002, "status": "error", ...}`.

pub mod call;
pub mod ops;
pub mod record_urls;
pub mod response;
pub mod shapes;
pub mod task_update;
pub mod ts;

use crate::error::Error;
use crate::http::HttpRequest;
use crate::issue::{Format, Locale, Problem};
use crate::schema::Ctx;
use serde_json::Value;

pub const DEFAULT_BASE_URL: &str = "https://ai.api.longlonglong.cn";

/// Client settings the builders need. The token is only ever put in the
/// `Authorization` header; `Debug` hides it.
#[derive(Clone)]
pub struct Config {
    pub token: String,
    pub base_url: String,
    pub locale: Locale,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token", &"[redacted]")
            .field("base_url", &self.base_url)
            .finish()
    }
}

impl Config {
    pub fn new(token: &str, base_url: Option<&str>, locale: Locale) -> Result<Config, Error> {
        let mut ctx = Ctx::new(locale);
        if token.trim().is_empty() {
            let p = Problem::RequiredCredential {
                env: "AICALL_AGENT_TOKEN",
            };
            ctx.report_at("token", p, None);
        } else if !token.bytes().all(|b| b.is_ascii_graphic()) {
            // fetch refuses header values outside Latin-1 and splits none: a token with a
            // space, newline or CJK character could only fail later, as a network error.
            ctx.report_at(
                "token",
                Problem::InvalidFormat {
                    format: Format::VisibleAscii,
                },
                None,
            );
        }
        let given = base_url.unwrap_or(DEFAULT_BASE_URL);
        // Scheme, host, port 1–65535, optional path prefix; no user-info, query or fragment
        // (they would swallow the API path or send the token elsewhere).
        let base = crate::endpoint::parse_base_url(given).unwrap_or_else(|| {
            ctx.report_at(
                "baseUrl",
                Problem::InvalidFormat {
                    format: Format::BaseUrl,
                },
                crate::endpoint::echo(given).as_ref(),
            );
            String::new()
        });
        if !ctx.issues.is_empty() {
            return Err(Error::validation(ctx.issues, locale));
        }
        Ok(Config {
            token: token.to_string(),
            base_url: base,
            locale,
        })
    }

    pub(crate) fn headers(
        &self,
        json_body: bool,
    ) -> Vec<(&'static str, std::borrow::Cow<'static, str>)> {
        let mut h = vec![("Accept", "application/json".into())];
        if json_body {
            h.push(("Content-Type", "application/json".into()));
        }
        h.push(("Authorization", format!("Bearer {}", self.token).into()));
        h
    }
}

/// Sanity bound for ids that go into the URL (the vendor's ids are 36-character UUIDs).
pub const MAX_ID_LEN: usize = 256;

/// Path ids must be non-empty; they are percent-encoded into the URL.
pub(crate) fn check_path_ids(ctx: &mut Ctx, ids: &[(&str, &str)]) {
    for (name, v) in ids {
        if v.trim().is_empty() {
            ctx.report_at(name, Problem::Required, None);
        } else if *v == "." || *v == ".." {
            // URL resolution would turn these into another endpoint, encoded or not.
            ctx.report_at(
                name,
                Problem::InvalidFormat {
                    format: Format::PathId,
                },
                Some(&Value::String(v.to_string())),
            );
        } else if v.chars().count() > MAX_ID_LEN {
            ctx.report_at(
                name,
                Problem::TooLong {
                    max: MAX_ID_LEN,
                    unit: crate::issue::LenUnit::Chars,
                },
                Some(&Value::String(v.to_string())),
            );
        }
    }
}

/// The `{ userId, taskId, subUserId? }` part of every call's arguments.
fn target_args(
    user_id: &str,
    task_id: &str,
    sub_user_id: Option<&str>,
) -> serde_json::Map<String, Value> {
    let mut args = serde_json::Map::new();
    args.insert("userId".into(), Value::String(user_id.into()));
    args.insert("taskId".into(), Value::String(task_id.into()));
    if let Some(s) = sub_user_id {
        args.insert("subUserId".into(), Value::String(s.into()));
    }
    args
}

/// `PUT /agent-api/new/user/{user_id}/task/{task_id}` with the validated body.
pub fn build_update_task(
    cfg: &Config,
    user_id: &str,
    task_id: &str,
    sub_user_id: Option<&str>,
    body: &Value,
    variant: task_update::Variant,
) -> Result<HttpRequest, Error> {
    let mut args = target_args(user_id, task_id, sub_user_id);
    args.insert("body".into(), body.clone());
    call::build(
        cfg,
        ops::find("updateTask").expect("declared"),
        &Value::Object(args),
        variant,
    )
}

/// `GET .../batch_record/download-full-voice?recordIds[]=...` for 1..30 ids.
pub fn build_batch_voice_urls(
    cfg: &Config,
    user_id: &str,
    task_id: &str,
    record_ids: &Value,
    sub_user_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    let mut args = target_args(user_id, task_id, sub_user_id);
    args.insert("recordIds".into(), record_ids.clone());
    call::build(
        cfg,
        ops::find("batchVoiceUrls").expect("declared"),
        &Value::Object(args),
        task_update::Variant::V2,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cfg() -> Config {
        Config::new("secret-token-123", Some("http://127.0.0.1:9/"), Locale::En).unwrap()
    }

    #[test]
    fn batch_url_shape() {
        let req =
            build_batch_voice_urls(&cfg(), "u 1", "t/2", &json!(["a b", "c"]), Some("s")).unwrap();
        assert_eq!(req.method, "GET");
        assert_eq!(
            req.url,
            "http://127.0.0.1:9/agent-api/user/u%201/task/t%2F2/batch_record/download-full-voice?recordIds%5B%5D=a%20b&recordIds%5B%5D=c&sub_user_id=s"
        );
        assert_eq!(req.header("authorization"), Some("Bearer secret-token-123"));
        assert!(req.body.is_none());
    }

    #[test]
    fn path_ids_and_sub_user_are_checked() {
        let err = build_batch_voice_urls(&cfg(), "", " ", &json!(["a"]), Some("")).unwrap_err();
        let paths: Vec<_> = err.issues.unwrap().into_iter().map(|i| i.path).collect();
        assert_eq!(paths, ["userId", "taskId", "subUserId"]);
    }

    #[test]
    fn dot_ids_and_bad_base_urls_are_refused() {
        let err = build_batch_voice_urls(&cfg(), "..", ".", &json!(["a"]), None).unwrap_err();
        let issues = err.issues.unwrap();
        assert_eq!(
            issues
                .iter()
                .map(|i| (i.path.as_str(), i.code.as_str()))
                .collect::<Vec<_>>(),
            [("userId", "invalid_format"), ("taskId", "invalid_format")]
        );
        assert!(build_batch_voice_urls(&cfg(), "..x", "a.b", &json!(["a"]), None).is_ok());
        for bad in [
            "https://example.com?x=1",
            "https://example.com#f",
            "https://user:pw@host",
            "https://",
            "http:///x",
            "https://[x]",
            "https://[::1",
            "https://a:b:c",
            "https://h:0",
            "https://h:65536",
        ] {
            assert!(Config::new("t", Some(bad), Locale::En).is_err(), "{bad}");
        }
        for good in [
            "https://ai.api.longlonglong.cn",
            "http://127.0.0.1:8787/",
            "https://gw.example.com/prefix",
        ] {
            assert!(Config::new("t", Some(good), Locale::En).is_ok(), "{good}");
        }
        for bad_token in ["tok-中文", "tok en", "tok\n"] {
            assert!(
                Config::new(bad_token, None, Locale::En).is_err(),
                "{bad_token}"
            );
        }
    }

    #[test]
    fn config_rejects_empty_token_and_bad_base_and_hides_token() {
        let err = Config::new(" ", Some("ftp://x"), Locale::En).unwrap_err();
        assert_eq!(err.issues.as_ref().unwrap().len(), 2);
        let c = cfg();
        assert!(!format!("{c:?}").contains("secret-token-123"));
    }

    #[test]
    fn update_adds_line_and_holiday_and_sub_user() {
        let body = json!({"name":"n","destination_extension":1,"maximumcall":1,"dial_time_id":5,
            "task_extras":{"start_time":"2024-11-01 13:25:26","stop_time":"2025-11-01 13:25:26"}});
        let req = build_update_task(
            &cfg(),
            "u",
            "t",
            Some("sub"),
            &body,
            task_update::Variant::Legacy,
        )
        .unwrap();
        let sent: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(sent["task_extras"]["line"], json!([]));
        assert_eq!(sent["task_extras"]["holiday"], json!([]));
        assert_eq!(sent["sub_user_id"], "sub");
        assert_eq!(req.method, "PUT");
        assert_eq!(req.url, "http://127.0.0.1:9/agent-api/new/user/u/task/t");
        assert_eq!(req.header("content-type"), Some("application/json"));
    }
}
