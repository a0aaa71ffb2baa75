//! `Aiccs` for JS: argument reading, nonce/time, and I/O. Every rule is in `crate::aiccs`.

use crate::aiccs::response::parse_response;
use crate::aiccs::validate::{validate, Clock};
use crate::aiccs::{self as core, ops, Config, ConfigInput, Timestamp};
use crate::error::{Error, Kind, Says};
use crate::issue::{Expected, Format, Locale, Problem, Reason};
use crate::json::tape::{Node, Tape};
use crate::wasm::js::{
    finite, invalid, json_of, json_text_of, no_first_page, prop, redacted_js, status_and_body,
    step_locale, to_js, to_js_error, Opts,
};
use crate::wasm::transport::{promise, Answer, Stop, Transport};
use crate::wasm::validators::{self, action_of, params_of};
use js_sys::{Function, Promise, Uint8Array};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
pub struct Aiccs {
    cfg: Config,
    /// The v3 signing key of `cfg`'s secret, prepared once for every request.
    key: Rc<crate::aiccs::sign::V3Key>,
    transport: Rc<Transport>,
}

/// `free()`: the calls still running hold the transport; they stop sending.
impl Drop for Aiccs {
    fn drop(&mut self) {
        self.transport.freed.set(true);
    }
}

/// 16 random bytes from `crypto.getRandomValues`, hex: a fresh nonce for every request.
fn random_nonce() -> Result<String, Error> {
    let crypto = prop(&js_sys::global(), "crypto");
    let get = prop(&crypto, "getRandomValues")
        .dyn_into::<Function>()
        .map_err(|_| Error::said(Kind::Network, "no_crypto", Says::NoCrypto))?;
    let buf = Uint8Array::new_with_length(16);
    get.call1(&crypto, &buf)
        .map_err(|_| Error::said(Kind::Network, "no_crypto", Says::NoCrypto))?;
    Ok(hex::encode(buf.to_vec()))
}

/// The params of a call as read from JS, kept for signing again on a retry: the JSON text
/// (read through the tape when signing: no `Value` is built) or an empty object.
enum Params {
    Text(String),
    Empty,
}

/// The error for a walk of `action`, which pages nothing: the actions that do.
fn not_paged(action: String, locale: Locale) -> Error {
    let p = crate::spelling::not_paged_problem(
        &action,
        ops::find(&action).is_some(),
        ops::all().filter(|o| o.paging.is_some()).map(|o| o.name),
        ops::all().map(|o| o.name),
    );
    Error::validation(
        vec![p.issue(locale, "action", Some(&Value::String(action)))],
        locale,
    )
}

impl Params {
    /// Reads `params` as `params_of` does (the same issues), keeping the text. A NaN or
    /// ±Infinity inside comes back with the params (read as null): its issue, and the
    /// others the params have, are all reported.
    fn read(params: &JsValue, locale: Locale) -> Result<(Params, Vec<crate::Issue>), crate::Issue> {
        if params.is_undefined() || params.is_null() {
            return Ok((Params::Empty, Vec::new()));
        }
        let text = match json_text_of(params, "", locale)? {
            // `JSON.stringify` writes an object as `{…}`; arrays, toJSON results and the
            // rest are refused as `params_of` refuses them.
            Some(text) if params.is_object() && text.starts_with('{') => text,
            _ => {
                return params_of(params, locale)
                    .map(|v| (Params::Text(crate::json::text(&v)), Vec::new()))
            }
        };
        // A lone surrogate is written as `\udxxx`: its string is named now, while the
        // params are at hand (the build reads the text later).
        if text.contains("\\ud") && Tape::parse(&text).is_err() {
            return Err(crate::wasm::js::unreadable(params, "", locale));
        }
        // A NaN or ±Infinity was written as null: only then is the value read twice.
        let non_finite = if text.contains("null") {
            match Tape::parse(&text) {
                Ok(tape) => finite(params, true, tape.root(), "", locale)
                    .err()
                    .unwrap_or_default(),
                Err(_) => vec![crate::wasm::js::unreadable(params, "", locale)],
            }
        } else {
            Vec::new()
        };
        Ok((Params::Text(text), non_finite))
    }

    /// `f` of the params' root (text too deeply nested to read is an issue).
    fn with<T>(&self, locale: Locale, f: impl FnOnce(Node) -> T) -> Result<T, crate::Issue> {
        match self {
            Params::Empty => Ok(f(Tape::of_map(&Default::default()).root())),
            Params::Text(text) => match Tape::parse(text) {
                Ok(tape) => Ok(f(tape.root())),
                Err(_) => Err(crate::wasm::js::unreadable(&JsValue::UNDEFINED, "", locale)),
            },
        }
    }
}

#[wasm_bindgen]
impl Aiccs {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Aiccs, JsValue> {
        let mut o = Opts::new(&options, Locale::En);
        // Empty when missing: the core reports it.
        let access_key_id = o.string("accessKeyId").unwrap_or_default();
        // Read directly, never through `Opts`, so no message can echo the value.
        let raw_secret = crate::wasm::js::own_readable(&options, &"accessKeySecret".into());
        let raw_secret = match raw_secret {
            Some(v) if v.is_undefined() || v.is_null() || v.is_string() => v,
            Some(_) => {
                o.issues.push(
                    Problem::InvalidType {
                        expected: Expected::Str,
                    }
                    .issue(o.locale, "accessKeySecret", None),
                );
                JsValue::UNDEFINED
            }
            None => {
                o.issues.push(
                    Problem::NotSupported {
                        reason: Reason::NotJson,
                    }
                    .issue(o.locale, "accessKeySecret", None),
                );
                JsValue::UNDEFINED
            }
        };
        let secret = raw_secret.as_string().unwrap_or_default();
        let security_token = o.string("securityToken");
        let endpoint = o.string("endpoint");
        let protocol = o.string("protocol");
        let signature_version = o.string("signatureVersion");
        let mut transport = Transport::from_options(&mut o);
        o.only(crate::options::AICCS);
        // The credentials as given, refused or not, are kept out of every message.
        let mut given = crate::wasm::js::credential_secrets(&options);
        given.extend([secret.clone(), security_token.clone().unwrap_or_default()]);
        let cfg = o.then_redacting(&given, |locale| {
            Config::new(ConfigInput {
                access_key_id: &access_key_id,
                access_key_secret: &secret,
                security_token: security_token.as_deref(),
                endpoint: endpoint.as_deref(),
                protocol: protocol.as_deref(),
                signature_version: signature_version.as_deref(),
                locale,
            })
        })?;
        transport.secrets = [
            Some(cfg.access_key_secret.clone()),
            cfg.security_token.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let key = Rc::new(crate::aiccs::sign::V3Key::new(&cfg.access_key_secret));
        Ok(Aiccs {
            cfg,
            key,
            transport: Rc::new(transport),
        })
    }

    /// All issues of `params` for `action` (`[]` when valid). Pure, no I/O.
    pub fn validate(
        action: JsValue,
        params: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        validators::aiccs(action, params, options)
    }

    /// The signed request for one call. Deterministic when `nonce` and `timestamp` are given.
    #[wasm_bindgen(js_name = buildRequest)]
    pub fn build_request(
        &self,
        action: JsValue,
        params: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        // As `to_js` hands values over (one JSON.parse), with the text written directly.
        self.request(&action, &params, &options, self.cfg.locale)
            .map(|(r, _)| js_sys::JSON::parse(&r.to_json()).unwrap_or(JsValue::NULL))
    }

    /// The answer object (vendor field names) on success; throws `AicallError` otherwise.
    #[wasm_bindgen(js_name = parseResponse)]
    pub fn parse_response(
        action: JsValue,
        status: JsValue,
        body_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let action = action_of(&action, Locale::En)?;
        if ops::find(&action).is_none() {
            return Err(invalid(
                validate(&action, &Value::Null, Locale::En, Clock { now_ms: 0 }),
                Locale::En,
            ));
        }
        let (status, body) = status_and_body(&status, &body_text)?;
        parse_response(status, &body, None)
            .map(|v| to_js(&v))
            .map_err(|e| to_js_error(&e))
    }

    /// After one page of a paged read (the answer of `call`): `{ items, next, memo }`, the
    /// page's items, the parameters of the next page (`null` at the end) and what to hand
    /// back with the next page. With `page` null: the first page's parameters. `paginate`
    /// loops on it.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(
        action: JsValue,
        params: JsValue,
        page: JsValue,
        memo: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let locale = step_locale(options)?;
        let action = action_of(&action, locale)?;
        let Some(op) = ops::find(&action).filter(|op| op.paging.is_some()) else {
            return Err(to_js_error(&not_paged(action, locale)));
        };
        let params = params_of(&params, locale).map_err(|i| invalid(vec![i], locale))?;
        let read = |v: &JsValue, path: &str| {
            json_of(v, path, locale).map_err(|i| invalid(vec![i], locale))
        };
        let memo = memo.map_or(Ok(Value::Null), |m| read(&m, "memo"))?;
        let step = crate::aiccs::paging::page_step(op, &params, &read(&page, "page")?, &memo);
        Ok(crate::wasm::js::step_to_js(step, locale))
    }

    /// The option names `buildRequest` (`"build"`) and `call` (`"call"`) take, for the JS
    /// layer's check: it lists an options object's keys in JS (a crossing to list them cost
    /// ~0.7 µs of every signed request) and only for a key not named here asks
    /// `__refuseOptions` for the error.
    #[wasm_bindgen(js_name = "__optionNames")]
    pub fn option_names(which: &str) -> JsValue {
        to_js(&crate::options::of_method(which).unwrap_or(&[]))
    }

    /// The error for options holding a key `which` does not take (`unknown_field`, with the
    /// closest known name, the client's secrets redacted); nothing when there is none.
    #[wasm_bindgen(js_name = "__refuseOptions")]
    pub fn refuse_options(&self, options: JsValue, which: &str) -> Result<(), JsValue> {
        let mut o = Opts::new(&options, self.cfg.locale);
        o.only(crate::options::of_method(which).unwrap_or(&[]));
        o.then_redacting(&self.transport.secrets, |_| Ok(()))
    }

    /// `paginate`'s step before the first page, made by the client: see
    /// `AgentApi::page_start` (the call's language is its `locale` option).
    #[wasm_bindgen(js_name = "__pageStart")]
    pub fn page_start(
        &self,
        action: JsValue,
        params: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let locale = Opts::new(&options, self.cfg.locale).locale;
        let action = action.as_string().unwrap_or_default();
        let Some(op) = ops::find(&action).filter(|op| op.paging.is_some()) else {
            return Err(redacted_js(
                not_paged(action, locale),
                &self.transport.secrets,
            ));
        };
        Ok(match params_of(&params, locale) {
            Ok(params) => crate::wasm::js::step_to_js(
                crate::aiccs::paging::page_step(op, &params, &Value::Null, &Value::Null),
                locale,
            ),
            Err(_) => no_first_page(),
        })
    }

    /// The language of this client's messages (`"en"` or `"zh-CN"`); `paginate` gives
    /// `nextPage` the same (or the call's own `locale` option).
    #[wasm_bindgen(getter)]
    pub fn locale(&self) -> String {
        self.cfg.locale.code().to_string()
    }

    /// Validates, signs (fresh nonce, current time), sends and parses one call.
    pub fn call(&self, action: JsValue, params: JsValue, options: Option<JsValue>) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let mut o = Opts::new(&options, self.cfg.locale);
        let signal = o.signal("signal");
        let locale = o.locale;
        // The params cross from JS once; a retry re-signs the same values. Their issues are
        // in the call's language too, and the options' (a bad locale, shown as given) have
        // the client's secrets redacted, as every other message. (Unknown keys: runtime.js,
        // through `__refuseOptions`.)
        let first = o
            .then_redacting(&self.transport.secrets, |_| Ok(()))
            .and_then(|_| self.request(&action, &params, &JsValue::UNDEFINED, locale));
        let (cfg, key, transport) = (self.cfg.clone(), self.key.clone(), self.transport.clone());
        let action = action.as_string().unwrap_or_default();
        promise(async move {
            let (first, params) = first?;
            // Declared per operation: reads may be sent again after a 5xx or a timeout.
            let idempotent = ops::find(&action).is_some_and(|op| op.idempotent);
            let mut first = Some(first);
            let mut build = || match first.take() {
                Some(req) => Ok(req),
                // A retry is a new request: new nonce, new time (never SignatureNonceUsed).
                None => {
                    let (nonce, ts) = (
                        random_nonce()?,
                        Timestamp {
                            unix_ms: js_sys::Date::now() as i64,
                        },
                    );
                    let built = params.with(cfg.locale, |root| {
                        core::build_request_json(&cfg, Some(&key), &action, root, &nonce, ts)
                    });
                    built.map_err(|issue| Error::validation(vec![issue], cfg.locale))?
                }
            };
            let mut out = Value::Null;
            let mut parse = |a: &Answer| {
                parse_response(a.status, &a.body, a.request_id.as_deref()).map(|v| out = v)
            };
            let stop = Stop::new(signal);
            transport
                .send_with_retry(
                    idempotent,
                    &stop,
                    locale,
                    Vec::new(),
                    &mut build,
                    &mut parse,
                )
                .await
                .map_err(|e| to_js_error(&e))?;
            Ok(to_js(&out))
        })
    }
}

impl Aiccs {
    /// The signed request, and the params as read (for re-signing on a retry).
    /// `locale`: the language when `options` name none.
    fn request(
        &self,
        action: &JsValue,
        params: &JsValue,
        options: &JsValue,
        locale: Locale,
    ) -> Result<(crate::http::HttpRequest, Params), JsValue> {
        let mut o = Opts::new(options, locale);
        let nonce = o.string("nonce");
        let ts = match o.string("timestamp") {
            None => Some(Timestamp {
                unix_ms: js_sys::Date::now() as i64,
            }),
            Some(t) => {
                let parsed = Timestamp::parse(&t);
                if parsed.is_none() {
                    o.bad(
                        "timestamp",
                        Problem::InvalidFormat {
                            format: Format::UtcTimestamp,
                        },
                    );
                }
                parsed
            }
        };
        let action = action.as_string();
        if action.is_none() {
            o.issues.push(
                Problem::InvalidType {
                    expected: Expected::Str,
                }
                .issue(o.locale, "action", None),
            );
        }
        let params = match Params::read(params, o.locale) {
            Ok((p, non_finite)) => {
                // A function among the params: JSON dropped it (see `dropped_param`).
                if let (Some(a), Params::Text(text)) = (&action, &p) {
                    o.issues
                        .extend(validators::dropped_params(a, params, text, o.locale));
                }
                o.issues.extend(non_finite);
                Some(p)
            }
            Err(issue) => {
                o.issues.push(issue);
                None
            }
        };
        o.then_redacting(&self.transport.secrets, |locale| {
            let Some(params) = params else {
                return Err(Error::validation(vec![], locale));
            };
            let Some(action) = action else {
                // Params serde_json cannot read either (a lone surrogate, deep nesting) are
                // reported with the action's issue, as when they were parsed on reading.
                let unreadable = params.with(locale, |_| ()).err();
                return Err(Error::validation(unreadable.into_iter().collect(), locale));
            };
            let nonce = match nonce {
                Some(n) => n,
                None => random_nonce()?,
            };
            // The client's own config unless the call picks another locale (no copy of the
            // credentials per call).
            let cfg = if locale == self.cfg.locale {
                std::borrow::Cow::Borrowed(&self.cfg)
            } else {
                std::borrow::Cow::Owned(Config {
                    locale,
                    ..self.cfg.clone()
                })
            };
            let ts = ts.unwrap_or(Timestamp { unix_ms: 0 });
            let built = params.with(locale, |root| {
                core::build_request_json(&cfg, Some(&self.key), &action, root, &nonce, ts)
            });
            built
                .map_err(|issue| Error::validation(vec![issue], locale))?
                .map(|r| (r, params))
        })
    }
}
