//! `AgentApi` for JS: argument reading and I/O only; every rule is in `crate::agent_api`.

use crate::agent_api::response::{parse_batch_voice_urls, parse_update_task};
use crate::agent_api::{call as core, ops, Config};
use crate::error::Error;
use crate::issue::{Locale, Problem};
use crate::policy::batch::Run;
use crate::wasm::js::{
    invalid, json_of, no_first_page, redacted_js, status_and_body, step_locale, to_js, to_js_error,
    Opts,
};
use crate::wasm::transport::{promise, Answer, Stop, Transport};
use crate::wasm::validators::{self, AgentArgs};
use js_sys::{Array, Function, Promise};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
pub struct AgentApi {
    cfg: Config,
    transport: Rc<Transport>,
}

/// `free()`: the calls still running hold the transport; they stop sending.
impl Drop for AgentApi {
    fn drop(&mut self) {
        self.transport.freed.set(true);
    }
}

#[wasm_bindgen]
impl AgentApi {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<AgentApi, JsValue> {
        let mut o = Opts::new(&options, Locale::En);
        let token = o.id("token"); // missing reads as "": the core reports "required"
        let base_url = o.string("baseUrl");
        let mut transport = Transport::from_options(&mut o); // timeoutMs, fetch, maxResponseBytes
        o.only(crate::options::AGENT_API);
        // The token as given, refused or not, is kept out of every message.
        let mut secrets = crate::wasm::js::credential_secrets(&options);
        secrets.push(token.clone());
        let cfg = o.then_redacting(&secrets, |locale| {
            Config::new(&token, base_url.as_deref(), locale)
        })?;
        transport.secrets = vec![cfg.token.clone()];
        Ok(AgentApi {
            cfg,
            transport: Rc::new(transport),
        })
    }

    /// All issues of a task update body (`[]` when valid). Pure, no I/O.
    #[wasm_bindgen(js_name = validateTaskUpdate)]
    pub fn validate_task_update(
        body: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        validators::task_update(body, options)
    }

    /// Issues of a record id list: 1..30 unique non-empty strings.
    #[wasm_bindgen(js_name = validateRecordIds)]
    pub fn validate_record_ids(
        record_ids: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        validators::record_ids(record_ids, options)
    }

    /// Every issue the method `name` would refuse `args` with (`[]` when it would send them).
    /// Pure, no I/O.
    pub fn validate(
        name: JsValue,
        args: JsValue,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        validators::agent(name, args, options)
    }

    #[wasm_bindgen(js_name = buildUpdateTask)]
    pub fn build_update_task(&self, args: JsValue) -> Result<JsValue, JsValue> {
        self.request("updateTask", &args).map(|r| to_js(&r))
    }

    #[wasm_bindgen(js_name = buildBatchVoiceUrls)]
    pub fn build_batch_voice_urls(&self, args: JsValue) -> Result<JsValue, JsValue> {
        self.request("batchVoiceUrls", &args).map(|r| to_js(&r))
    }

    /// Throws `AicallError` unless the answer is a success.
    #[wasm_bindgen(js_name = parseUpdateTask)]
    pub fn parse_update_task(status: JsValue, body_text: JsValue) -> Result<(), JsValue> {
        let (status, body) = status_and_body(&status, &body_text)?;
        parse_update_task(status, &body, Locale::En).map_err(|e| to_js_error(&e))
    }

    #[wasm_bindgen(js_name = parseBatchVoiceUrls)]
    pub fn parse_batch_voice_urls(status: JsValue, body_text: JsValue) -> Result<JsValue, JsValue> {
        let (status, body) = status_and_body(&status, &body_text)?;
        parse_batch_voice_urls(status, &body, Locale::En)
            .map(|v| to_js(&v))
            .map_err(|e| to_js_error(&e))
    }

    /// Validates, sends the PUT and resolves when the server accepted the update.
    #[wasm_bindgen(js_name = updateTask)]
    pub fn update_task(&self, args: JsValue) -> Promise {
        self.send("updateTask".into(), &args)
    }

    /// Any operation by name: `api.call("updateTask", args)` is `api.updateTask(args)`.
    pub fn call(&self, name: JsValue, args: JsValue) -> Promise {
        let Some(name) = name.as_string() else {
            // `call(null, …)`: said as given (a name that is no string cannot be the token).
            let locale = Opts::args(&args, self.cfg.locale).locale;
            let got = json_of(&name, "name", locale).ok();
            let issue = Problem::InvalidType {
                expected: crate::issue::Expected::Str,
            }
            .issue(locale, "name", got.as_ref());
            return Promise::reject(&invalid(vec![issue], locale));
        };
        match ops::find(&name) {
            Some(op) if op.batch.is_some() => self.run_batch(name, &args),
            _ => self.send(name, &args),
        }
    }

    /// After one page of a list operation (the result of `call`): `{ items, next, memo }`,
    /// the page's items, the arguments of the next page (`null` at the end) and what to hand
    /// back with the next page. With `page` null: the first page's arguments. The core
    /// decides; `paginate` loops on it.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(
        name: JsValue,
        args: JsValue,
        page: JsValue,
        memo: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let locale = step_locale(options)?;
        let name = name.as_string().unwrap_or_default();
        if !ops::find(&name).is_some_and(|op| op.paged) {
            return Err(to_js_error(&not_paged(name, locale)));
        }
        let read = |v: &JsValue, path: &str| {
            json_of(v, path, locale).map_err(|i| invalid(vec![i], locale))
        };
        let memo = memo.map_or(Ok(Value::Null), |m| read(&m, "memo"))?;
        let step = core::page_step(&read(&args, "args")?, &read(&page, "page")?, &memo);
        Ok(crate::wasm::js::step_to_js(step, locale))
    }

    /// `paginate`'s step before the first page, made by the client (not `nextPage`, which has
    /// no client): a name that pages nothing is refused in the call's language with the
    /// client's secrets redacted (the name, or an argument, could be the token); arguments
    /// the step cannot read give no first page, and the call then says what is wrong with
    /// them, as for any call.
    #[wasm_bindgen(js_name = "__pageStart")]
    pub fn page_start(
        &self,
        name: JsValue,
        args: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let locale = Opts::args(&args, self.cfg.locale).locale;
        // `paginate(name, args, { signal })`, as aiccs takes it, would lose the abort here.
        if !options.is_undefined() {
            let hint = Some(crate::issue::Hint::InArgs);
            let issue = Problem::UnknownField { hint }.issue(locale, "options", None);
            return Err(to_js_error(&crate::Error::validation(vec![issue], locale)));
        }
        let name = name.as_string().unwrap_or_default();
        if !ops::find(&name).is_some_and(|op| op.paged) {
            return Err(redacted_js(
                not_paged(name, locale),
                &self.transport.secrets,
            ));
        }
        Ok(match json_of(&args, "args", locale) {
            Ok(args) => crate::wasm::js::step_to_js(
                core::page_step(&args, &Value::Null, &Value::Null),
                locale,
            ),
            Err(_) => no_first_page(),
        })
    }

    /// The language of this client's messages (`"en"` or `"zh-CN"`); `paginate` gives
    /// `nextPage` the same.
    #[wasm_bindgen(getter)]
    pub fn locale(&self) -> String {
        self.cfg.locale.code().to_string()
    }

    /// The validated request of any operation, for your own transport or a preview.
    #[wasm_bindgen(js_name = buildRequest)]
    pub fn build_request(&self, name: JsValue, args: JsValue) -> Result<JsValue, JsValue> {
        self.request(&name.as_string().unwrap_or_default(), &args)
            .map(|r| to_js(&r))
    }

    /// Any number of ids, sent 30 per request, `concurrency` requests at a time. Every
    /// distinct input id ends up in exactly one of `urls` / `failed`.
    #[wasm_bindgen(js_name = batchVoiceUrls)]
    pub fn batch_voice_urls(&self, args: JsValue) -> Promise {
        self.run_batch("batchVoiceUrls".into(), &args)
    }
}

struct BatchPlan {
    op: &'static ops::Op,
    /// The caller's arguments; each request gets them with its own items.
    args: Value,
    run: Box<dyn Run>,
    concurrency: usize,
    signal: Option<web_sys::AbortSignal>,
    on_progress: Option<Function>,
    locale: Locale,
}

impl AgentApi {
    /// Reads `args` for operation `name` (see `validators::agent_args`), the client's
    /// locale as the fallback.
    fn read_args<'a>(&self, name: &str, args: &'a JsValue) -> AgentArgs<'a> {
        validators::agent_args(name, args, self.cfg.locale)
    }

    /// The validated request of operation `name` (options and argument issues together),
    /// with the `signal` to send it with and the locale of its messages.
    fn prepare(
        &self,
        name: &str,
        args: &JsValue,
    ) -> Result<
        (
            crate::http::HttpRequest,
            Option<web_sys::AbortSignal>,
            Locale,
            Vec<String>,
        ),
        JsValue,
    > {
        let AgentArgs {
            o,
            variant,
            op,
            values,
            signal,
            ..
        } = self.read_args(name, args);
        let built = o.then_redacting(&self.transport.secrets, |locale| {
            let Some(op) = op else {
                return Err(Error::validation(vec![], locale));
            };
            let cfg = Config {
                locale,
                ..self.cfg.clone()
            };
            let secrets = crate::agent_api::call::secret_values(op, &values);
            core::build(&cfg, op, &values, variant).map(|req| (req, locale, secrets))
        });
        built.map(|(req, locale, secrets)| (req, signal, locale, secrets))
    }

    fn request(&self, name: &str, args: &JsValue) -> Result<crate::http::HttpRequest, JsValue> {
        self.prepare(name, args).map(|(req, ..)| req)
    }

    /// Any count of items for a batched operation, `concurrency` requests at a time.
    fn run_batch(&self, name: String, args: &JsValue) -> Promise {
        let prepared = self.batch_plan(&name, args);
        let transport = self.transport.clone();
        let cfg = self.cfg.clone();
        promise(async move {
            let plan = prepared?;
            run_batches(cfg, transport, plan).await
        })
    }

    /// Sends one operation (not a batch) and resolves with its parsed answer.
    fn send(&self, name: String, args: &JsValue) -> Promise {
        let prepared = self.prepare(&name, args);
        let transport = self.transport.clone();
        promise(async move {
            let (req, signal, locale, secrets) = prepared?;
            let Some(op) = ops::find(&name) else {
                return Err(invalid(vec![], locale));
            };
            let mut first = Some(req.clone());
            // A GET is rebuilt identically for a retry; writes are never repeated
            // except after a throttling rejection (the core's retry policy decides).
            let mut build = || Ok(first.take().unwrap_or_else(|| req.clone()));
            let mut value = Value::Null;
            let mut parse =
                |a: &Answer| core::parse(op, a.status, &a.body, locale).map(|v| value = v);
            let stop = Stop::new(signal);
            transport
                .send_with_retry(
                    op.idempotent,
                    &stop,
                    locale,
                    secrets,
                    &mut build,
                    &mut parse,
                )
                .await
                .map_err(|e| to_js_error(&e))?;
            Ok(if value.is_null() {
                JsValue::UNDEFINED
            } else {
                to_js(&value)
            })
        })
    }

    fn batch_plan(&self, name: &str, args: &JsValue) -> Result<BatchPlan, JsValue> {
        let AgentArgs {
            o,
            variant,
            op,
            mut values,
            signal,
            concurrency,
            on_progress,
        } = self.read_args(name, args);
        let locale = o.locale;
        let run = o.then_redacting(&self.transport.secrets, |locale| {
            let Some(op) = op else {
                return Err(Error::validation(vec![], locale));
            };
            core::plan_batch(op, &mut values, variant, locale)
                .map(|run| (op, run))
                .map_err(|issues| Error::validation(issues, locale))
        })?;
        let (op, run) = run;
        Ok(BatchPlan {
            op,
            args: values,
            run,
            concurrency,
            signal,
            on_progress,
            locale,
        })
    }
}

/// The error for a walk of `name`, which pages nothing: the operations that do.
fn not_paged(name: String, locale: Locale) -> Error {
    let p = crate::spelling::not_paged_problem(
        &name,
        ops::find(&name).is_some(),
        ops::OPS.iter().filter(|o| o.paged).map(|o| o.name),
        ops::OPS.iter().map(|o| o.name),
    );
    Error::validation(
        vec![p.issue(locale, "name", Some(&Value::String(name)))],
        locale,
    )
}

/// A thenable a callback returned, with its rejection handled (and ignored): the batch
/// neither waits for it nor lets it end a Node process as an unhandled rejection.
fn settle_quietly(ret: JsValue) {
    if ret.is_object() && crate::wasm::js::prop(&ret, "then").is_function() {
        let p = Promise::resolve(&ret);
        let _ = promise(async move {
            let _ = JsFuture::from(p).await;
            Ok(JsValue::UNDEFINED)
        });
    }
}

/// Drives the core's batch state machine: `concurrency` workers take the next request
/// from it, send it (with the core's retry policy) and hand the answer back. A re-ask
/// the machine queues is picked up by the worker that caused it.
async fn run_batches(
    cfg: Config,
    transport: Rc<Transport>,
    plan: BatchPlan,
) -> Result<JsValue, JsValue> {
    let cfg = Rc::new(Config {
        locale: plan.locale,
        ..cfg
    });
    let workers_wanted = plan.concurrency.min(plan.run.waiting()).max(1);
    let run = Rc::new(RefCell::new(plan.run));
    let (op, args) = (plan.op, Rc::new(plan.args));
    let (stop, progress) = (Stop::new(plan.signal), plan.on_progress);
    let workers = Array::new();
    for _ in 0..workers_wanted {
        let (cfg, transport, run, args, stop, progress) = (
            cfg.clone(),
            transport.clone(),
            run.clone(),
            args.clone(),
            stop.clone(),
            progress.clone(),
        );
        workers.push(&promise(async move {
            loop {
                let next = run.borrow_mut().next_items();
                let Some((ticket, items)) = next else { break };
                let req = core::batch_request(&cfg, op, &args, items);
                let mut first = Some(req.clone());
                // A retry after the run ended (a refused token, an abort) is not sent: the
                // request fails with what ended the run.
                let mut build = || match first.take() {
                    Some(r) => Ok(r),
                    None => run.borrow().ended().map_or_else(|| Ok(req.clone()), Err),
                };
                let mut value = Value::Null;
                let mut parse =
                    |a: &Answer| core::parse(op, a.status, &a.body, cfg.locale).map(|v| value = v);
                let sent = transport
                    .send_with_retry(
                        op.idempotent,
                        &stop,
                        cfg.locale,
                        Vec::new(),
                        &mut build,
                        &mut parse,
                    )
                    .await;
                let mut r = run.borrow_mut();
                r.answer(ticket, sent.map(|()| value));
                let (p, ended) = (r.progress(), r.ended().is_some());
                drop(r);
                if ended {
                    // Requests waiting to be retried stop waiting (and are not retried).
                    stop.end();
                }
                if let Some(cb) = &progress {
                    // A throwing progress callback must not lose results, nor an async one
                    // that rejects end the process (an unhandled rejection, in Node).
                    if let Ok(ret) = cb.call1(&JsValue::UNDEFINED, &to_js(&p)) {
                        settle_quietly(ret);
                    }
                }
            }
            Ok(JsValue::UNDEFINED)
        }));
    }
    JsFuture::from(Promise::all(&workers)).await?;
    let Ok(run) = Rc::try_unwrap(run) else {
        return Err(invalid(vec![], Locale::En));
    };
    let out = run.into_inner().outcome();
    let result = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&result, &out.ok_key.into(), &to_js(&out.ok));
    // One AicallError per failed request, shared by its items.
    // (An error the core made itself, a record id missing from an answer, is said here.)
    let errors: Vec<JsValue> = out
        .errors
        .into_iter()
        .map(|e| to_js_error(&e.in_locale(cfg.locale)))
        .collect();
    let failed = Array::new();
    let item_key = JsValue::from_str(out.item_key);
    for (item, e) in &out.failed {
        let entry = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&entry, &item_key, &to_js(item));
        let _ = js_sys::Reflect::set(&entry, &"error".into(), &errors[*e]);
        failed.push(&entry);
    }
    let _ = js_sys::Reflect::set(&result, &"failed".into(), &failed);
    if let Some(answers) = &out.answers {
        let _ = js_sys::Reflect::set(&result, &"answers".into(), &to_js(answers));
    }
    Ok(result.into())
}
