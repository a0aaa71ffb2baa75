//! `AgentApi` for JS: argument reading and I/O only; every rule is in `crate::agent_api`.

use crate::agent_api::response::{parse_batch_voice_urls, parse_update_task, RecordUrl};
use crate::agent_api::task_update::Variant;
use crate::agent_api::{self as core, record_urls, Config};
use crate::error::Error;
use crate::issue::{Locale, Problem};
use crate::wasm::js::{invalid, json_of, throw, to_js, to_js_error, Opts};
use crate::wasm::transport::{aborted_error, sleep, Transport};
use js_sys::{Array, Function, Promise};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

const DEFAULT_TIMEOUT_MS: f64 = 10_000.0;
const DEFAULT_CONCURRENCY: f64 = 4.0;

#[wasm_bindgen]
pub struct AgentApi {
    cfg: Config,
    transport: Rc<Transport>,
}

fn variant_opt(o: &mut Opts) -> Variant {
    match o.string("variant") {
        None => Variant::V2,
        Some(v) => Variant::parse(&v).unwrap_or_else(|| {
            o.bad("variant", Problem::InvalidEnum { allowed: "\"v2\", \"legacy\"".into() });
            Variant::V2
        }),
    }
}

/// The common `{ userId, taskId, subUserId? }` of every call.
struct Target {
    user_id: String,
    task_id: String,
    sub_user_id: Option<String>,
}

fn target(o: &mut Opts) -> Target {
    // Missing ids read as "": the core reports them (once) as required.
    Target { user_id: o.id("userId"), task_id: o.id("taskId"), sub_user_id: o.string("subUserId") }
}

#[wasm_bindgen]
impl AgentApi {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "T.AgentApiOptions")] options: JsValue) -> Result<AgentApi, JsValue> {
        let mut o = Opts::new(&options, Locale::En);
        let token = o.id("token"); // missing reads as "": the core reports "required"
        let base_url = o.string("baseUrl");
        let timeout = o.number("timeoutMs", 1.0, 600_000.0).unwrap_or(DEFAULT_TIMEOUT_MS);
        let fetch = o.function("fetch");
        let cfg = o.then(|locale| Config::new(&token, base_url.as_deref(), locale))?;
        Ok(AgentApi { cfg, transport: Rc::new(Transport { fetch, timeout_ms: timeout as u32 }) })
    }

    /// All issues of a task update body (`[]` when valid). Pure, no I/O.
    #[wasm_bindgen(js_name = validateTaskUpdate, unchecked_return_type = "T.Issue[]")]
    pub fn validate_task_update(
        #[wasm_bindgen(unchecked_param_type = "T.TaskUpdateV2 | T.TaskUpdateLegacy | unknown")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ variant?: \"v2\" | \"legacy\"; locale?: T.Locale } | void")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let mut o = Opts::new(&options, Locale::En);
        let variant = variant_opt(&mut o);
        let locale = o.finish()?;
        Ok(match json_of(&body, "", locale) {
            Ok(v) => to_js(&crate::agent_api::task_update::validate(&v, variant, locale)),
            Err(issue) => to_js(&vec![issue]),
        })
    }

    /// Issues of a record id list: 1..30 unique non-empty strings.
    #[wasm_bindgen(js_name = validateRecordIds, unchecked_return_type = "T.Issue[]")]
    pub fn validate_record_ids(
        #[wasm_bindgen(unchecked_param_type = "string[] | unknown")] record_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ locale?: T.Locale } | void")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let locale = Opts::new(&options, Locale::En).finish()?;
        Ok(match json_of(&record_ids, "recordIds", locale) {
            Ok(v) => to_js(&record_urls::validate(&v, locale)),
            Err(issue) => to_js(&vec![issue]),
        })
    }

    #[wasm_bindgen(js_name = buildUpdateTask, unchecked_return_type = "T.HttpRequest")]
    pub fn build_update_task(&self, #[wasm_bindgen(unchecked_param_type = "T.UpdateTaskArgs")] args: JsValue) -> Result<JsValue, JsValue> {
        self.update_request(&args).map(|r| to_js(&r))
    }

    #[wasm_bindgen(js_name = buildBatchVoiceUrls, unchecked_return_type = "T.HttpRequest")]
    pub fn build_batch_voice_urls(&self, #[wasm_bindgen(unchecked_param_type = "T.BatchVoiceUrlsArgs")] args: JsValue) -> Result<JsValue, JsValue> {
        let mut o = Opts::new(&args, self.cfg.locale);
        let t = target(&mut o);
        let ids = o.json("recordIds");
        o.then(|locale| {
            let cfg = Config { locale, ..self.cfg.clone() };
            let ids = ids.ok_or_else(|| Error::validation(vec![], locale))?;
            core::build_batch_voice_urls(&cfg, &t.user_id, &t.task_id, &ids, t.sub_user_id.as_deref())
        })
        .map(|r| to_js(&r))
    }

    /// Throws `AicallError` unless the answer is a success.
    #[wasm_bindgen(js_name = parseUpdateTask)]
    pub fn parse_update_task(
        #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
        #[wasm_bindgen(js_name = bodyText, unchecked_param_type = "string")] body_text: JsValue,
    ) -> Result<(), JsValue> {
        let (status, body) = status_and_body(&status, &body_text)?;
        parse_update_task(status, &body, Locale::En).map_err(throw)
    }

    #[wasm_bindgen(js_name = parseBatchVoiceUrls, unchecked_return_type = "T.RecordUrl[]")]
    pub fn parse_batch_voice_urls(
        #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
        #[wasm_bindgen(js_name = bodyText, unchecked_param_type = "string")] body_text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (status, body) = status_and_body(&status, &body_text)?;
        parse_batch_voice_urls(status, &body, Locale::En).map(|v| to_js(&v)).map_err(throw)
    }

    /// Validates, sends the PUT and resolves when the server accepted the update.
    #[wasm_bindgen(js_name = updateTask, unchecked_return_type = "Promise<void>")]
    pub fn update_task(&self, #[wasm_bindgen(unchecked_param_type = "T.UpdateTaskArgs & { signal?: AbortSignal }")] args: JsValue) -> Promise {
        let prepared = self.update_request(&args).and_then(|req| {
            let mut o = Opts::new(&args, self.cfg.locale);
            let signal = o.signal("signal");
            o.finish().map(|l| (req, signal, l))
        });
        let transport = self.transport.clone();
        future_to_promise(async move {
            let (req, signal, locale) = prepared?;
            let answer = transport.send(&req, signal.as_ref()).await.map_err(throw)?;
            parse_update_task(answer.status, &answer.body, locale).map_err(throw)?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Any number of ids, sent 30 per request, `concurrency` requests at a time. Every
    /// distinct input id ends up in exactly one of `urls` / `failed`.
    #[wasm_bindgen(js_name = batchVoiceUrls, unchecked_return_type = "Promise<T.BatchVoiceUrlsResult>")]
    pub fn batch_voice_urls(&self, #[wasm_bindgen(unchecked_param_type = "T.BatchVoiceUrlsManyArgs")] args: JsValue) -> Promise {
        let prepared = self.batch_plan(&args);
        let transport = self.transport.clone();
        let cfg = self.cfg.clone();
        future_to_promise(async move {
            let plan = prepared?;
            run_batches(cfg, transport, plan).await
        })
    }
}

fn status_and_body(status: &JsValue, body: &JsValue) -> Result<(u16, String), JsValue> {
    let mut issues = Vec::new();
    let s = status.as_f64().filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s));
    if s.is_none() {
        issues.push(Problem::InvalidType { expected: "an HTTP status (100–599)" }.issue(Locale::En, "status", None));
    }
    let b = body.as_string();
    if b.is_none() {
        issues.push(Problem::InvalidType { expected: "string" }.issue(Locale::En, "bodyText", None));
    }
    match (s, b) {
        (Some(s), Some(b)) => Ok((s as u16, b)),
        _ => Err(invalid(issues, Locale::En)),
    }
}

struct BatchPlan {
    target: Target,
    chunks: VecDeque<Vec<String>>,
    total: usize,
    concurrency: usize,
    signal: Option<web_sys::AbortSignal>,
    on_progress: Option<Function>,
    locale: Locale,
}

impl AgentApi {
    fn update_request(&self, args: &JsValue) -> Result<crate::http::HttpRequest, JsValue> {
        let mut o = Opts::new(args, self.cfg.locale);
        let t = target(&mut o);
        let variant = variant_opt(&mut o);
        let body = o.json("body");
        o.then(|locale| {
            let cfg = Config { locale, ..self.cfg.clone() };
            let body = body.ok_or_else(|| Error::validation(vec![], locale))?;
            core::build_update_task(&cfg, &t.user_id, &t.task_id, t.sub_user_id.as_deref(), &body, variant)
        })
    }

    fn batch_plan(&self, args: &JsValue) -> Result<BatchPlan, JsValue> {
        let mut o = Opts::new(args, self.cfg.locale);
        let target = target(&mut o);
        let concurrency = o.number("concurrency", 1.0, 64.0).unwrap_or(DEFAULT_CONCURRENCY) as usize;
        let signal = o.signal("signal");
        let on_progress = o.function("onProgress");
        let ids = o.json("recordIds");
        let locale = o.locale;
        // Every problem at once: options, ids, then each record id.
        let mut issues = o.issues;
        for i in core::check_target(&target.user_id, &target.task_id, target.sub_user_id.as_deref(), locale) {
            if !issues.iter().any(|x| x.path == i.path) {
                issues.push(i);
            }
        }
        // Any count is fine here; each id must still be a non-empty string. Repeated ids
        // are asked for once and reported once.
        let mut unique: Vec<String> = Vec::new();
        match ids.as_ref().map(|v| v.as_array()) {
            None => {} // unreadable: already an issue
            Some(None) => issues.push(Problem::InvalidType { expected: "array" }.issue(locale, "recordIds", ids.as_ref())),
            Some(Some(items)) if items.is_empty() => issues.push(Problem::TooFewItems { min: 1 }.issue(locale, "recordIds", None)),
            Some(Some(items)) => {
                for (i, v) in items.iter().enumerate() {
                    match v.as_str() {
                        Some(s) if !s.trim().is_empty() => {
                            if !unique.iter().any(|u| u == s) {
                                unique.push(s.to_string());
                            }
                        }
                        Some(_) => issues.push(Problem::TooShort { min: 1 }.issue(locale, &format!("recordIds[{i}]"), Some(v))),
                        None => issues.push(Problem::InvalidType { expected: "string" }.issue(locale, &format!("recordIds[{i}]"), Some(v))),
                    }
                }
            }
        }
        if !issues.is_empty() {
            return Err(invalid(issues, locale));
        }
        let total = unique.len();
        let chunks = unique.chunks(record_urls::MAX_RECORD_IDS).map(|c| c.to_vec()).collect();
        Ok(BatchPlan { target, chunks, total, concurrency, signal, on_progress, locale })
    }
}

#[derive(Default)]
struct Outcome {
    urls: Vec<RecordUrl>,
    failed: Vec<(String, Error)>,
}

/// Workers pull chunks from one queue; a chunk that fails because one id is unknown or
/// has no recording (50051 / 50061 name the id) loses that id and is asked again, so one
/// bad id does not fail 29 good ones.
async fn run_batches(cfg: Config, transport: Rc<Transport>, plan: BatchPlan) -> Result<JsValue, JsValue> {
    let cfg = Rc::new(Config { locale: plan.locale, ..cfg });
    let queue = Rc::new(RefCell::new(plan.chunks));
    let outcome = Rc::new(RefCell::new(Outcome::default()));
    let target = Rc::new(plan.target);
    let signal = plan.signal;
    let progress = plan.on_progress;
    let total = plan.total;
    let workers = Array::new();
    for _ in 0..plan.concurrency.min(queue.borrow().len()).max(1) {
        let (cfg, transport, queue, outcome, target, signal, progress) =
            (cfg.clone(), transport.clone(), queue.clone(), outcome.clone(), target.clone(), signal.clone(), progress.clone());
        workers.push(&future_to_promise(async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some(mut chunk) = next else { break };
                while !chunk.is_empty() {
                    let ids = Value::Array(chunk.iter().cloned().map(Value::String).collect());
                    let result = match core::build_batch_voice_urls(&cfg, &target.user_id, &target.task_id, &ids, target.sub_user_id.as_deref()) {
                        Err(e) => Err(e),
                        Ok(req) => fetch_with_retry(&transport, &req, signal.as_ref(), cfg.locale).await,
                    };
                    match result {
                        Ok(urls) => {
                            let mut out = outcome.borrow_mut();
                            // Keep only what was asked, once; an id the answer left out is
                            // reported as failed rather than silently lost.
                            for u in urls {
                                if let Some(i) = chunk.iter().position(|id| *id == u.record_id) {
                                    chunk.swap_remove(i);
                                    out.urls.push(u);
                                }
                            }
                            for id in chunk.drain(..) {
                                let e = Error::new(crate::error::Kind::Parse, "missing_in_answer", format!("the server's answer did not include record id {id}"));
                                out.failed.push((id, e));
                            }
                        }
                        Err(e) => {
                            let named = matches!(e.code.as_str(), "record_not_found" | "recording_not_found")
                                // The message names the id as "ID-<id>-"; match that token exactly.
                                .then(|| chunk.iter().position(|id| e.message.contains(&format!("ID-{id}-"))))
                                .flatten();
                            match named {
                                Some(i) if chunk.len() > 1 => {
                                    let id = chunk.remove(i);
                                    outcome.borrow_mut().failed.push((id, e));
                                }
                                _ => {
                                    let mut out = outcome.borrow_mut();
                                    for id in chunk.drain(..) {
                                        out.failed.push((id, e.clone()));
                                    }
                                }
                            }
                        }
                    }
                }
                report_progress(progress.as_ref(), &outcome.borrow(), total);
            }
            Ok(JsValue::UNDEFINED)
        }));
    }
    JsFuture::from(Promise::all(&workers)).await?;
    let out = outcome.borrow();
    let result = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&result, &"urls".into(), &to_js(&out.urls));
    let failed = Array::new();
    for (id, e) in &out.failed {
        let item = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&item, &"record_id".into(), &JsValue::from_str(id));
        let _ = js_sys::Reflect::set(&item, &"error".into(), &to_js_error(e));
        failed.push(&item);
    }
    let _ = js_sys::Reflect::set(&result, &"failed".into(), &failed);
    Ok(result.into())
}

/// GET is safe to repeat: up to two more tries after a network error, a timeout, 429 or 5xx.
async fn fetch_with_retry(
    transport: &Transport,
    req: &crate::http::HttpRequest,
    signal: Option<&web_sys::AbortSignal>,
    locale: Locale,
) -> Result<Vec<RecordUrl>, Error> {
    let mut attempt = 0;
    loop {
        let result = match transport.send(req, signal).await {
            Ok(answer) => parse_batch_voice_urls(answer.status, &answer.body, locale),
            Err(e) => Err(e),
        };
        match result {
            Err(e) if e.retryable && attempt < 2 => {
                attempt += 1;
                sleep(200 * attempt).await;
                if signal.is_some_and(|s| s.aborted()) {
                    return Err(aborted_error());
                }
            }
            other => return other,
        }
    }
}

fn report_progress(cb: Option<&Function>, out: &Outcome, total: usize) {
    if let Some(cb) = cb {
        let p = serde_json::json!({"done": out.urls.len() + out.failed.len(), "total": total, "succeeded": out.urls.len(), "failed": out.failed.len()});
        // A throwing progress callback must not lose results.
        let _ = cb.call1(&JsValue::UNDEFINED, &to_js(&p));
    }
}
