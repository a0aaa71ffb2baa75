//! The only I/O in the crate: one `fetch` with a timeout and an optional caller signal.
//! The injected `fetch` (or the global one) is called with the plain request value the
//! core built; the answer is read duck-typed (`status`, `headers.get`, `text()`), so
//! polyfills and test doubles work too.

use crate::error::{Error, Kind};
use crate::http::HttpRequest;
use crate::policy::retry::{parse_retry_after, Decision, RetryPolicy};
use crate::wasm::js::{js_message, prop};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub struct Answer {
    pub status: u16,
    pub body: String,
    pub request_id: Option<String>,
    /// The raw `Retry-After` header, for the core's retry decision.
    pub retry_after: Option<String>,
}

pub struct Transport {
    pub fetch: Option<Function>,
    pub timeout_ms: u32,
}

fn global_fn(name: &str) -> Option<Function> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()
}

fn set_timeout(cb: &Function, ms: u32) -> JsValue {
    match global_fn("setTimeout") {
        Some(st) => st.call2(&JsValue::UNDEFINED, cb, &JsValue::from(ms)).unwrap_or(JsValue::UNDEFINED),
        None => JsValue::UNDEFINED,
    }
}

fn clear_timeout(handle: &JsValue) {
    if let Some(ct) = global_fn("clearTimeout") {
        let _ = ct.call1(&JsValue::UNDEFINED, handle);
    }
}

/// Resolves after `ms` (used between retries).
pub async fn sleep(ms: u32) {
    let p = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(p).await;
}

pub fn aborted_error() -> Error {
    Error::new(Kind::Aborted, "aborted", "the request was aborted by the caller's signal")
}

fn is_aborted(signal: Option<&web_sys::AbortSignal>) -> bool {
    signal.is_some_and(|s| prop(s, "aborted").as_bool() == Some(true))
}

impl Transport {
    /// Sends `build()`'s request, and a freshly built one again for as long as the core's
    /// retry policy says so (a new request each time: aiccs needs a new nonce). `parse`
    /// keeps what it reads; one non-generic loop serves every caller (wasm size).
    pub async fn send_with_retry(
        &self,
        idempotent: bool,
        signal: Option<&web_sys::AbortSignal>,
        build: &mut dyn FnMut() -> Result<HttpRequest, Error>,
        parse: &mut dyn FnMut(&Answer) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let policy = RetryPolicy::default();
        let mut attempts = 0;
        loop {
            let req = build()?;
            attempts += 1;
            let (result, retry_after) = match self.send(&req, signal).await {
                Ok(answer) => (parse(&answer), answer.retry_after),
                Err(e) => (Err(e), None),
            };
            let Err(e) = result else { return Ok(()) };
            let wait = retry_after.as_deref().and_then(|v| parse_retry_after(v, js_sys::Date::now() as i64));
            match policy.decide(&e, idempotent, attempts, wait, js_sys::Math::random()) {
                Decision::Stop => return Err(e),
                Decision::RetryAfterMs(ms) => {
                    sleep(ms).await;
                    if is_aborted(signal) {
                        return Err(aborted_error());
                    }
                }
            }
        }
    }

    pub async fn send(&self, req: &HttpRequest, signal: Option<&web_sys::AbortSignal>) -> Result<Answer, Error> {
        if is_aborted(signal) {
            return Err(aborted_error());
        }
        let fetch = match self.fetch.clone().or_else(|| global_fn("fetch")) {
            Some(f) => f,
            None => return Err(Error::new(Kind::Network, "no_fetch", "no fetch function: pass `fetch` in the options (Node < 18)")),
        };
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        // A promise that rejects on timeout or abort, raced against every await: a fetch
        // (or a body) that ignores the AbortSignal still cannot hang the call.
        let stop: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
        let guard = {
            let stop = stop.clone();
            Promise::new(&mut move |_, reject| *stop.borrow_mut() = Some(reject))
        };
        let fire = {
            let stop = stop.clone();
            let controller = controller.clone();
            move || {
                if let Some(c) = &controller {
                    c.abort();
                }
                if let Some(reject) = stop.borrow().as_ref() {
                    let _ = reject.call1(&JsValue::UNDEFINED, &js_sys::Error::new("stopped"));
                }
            }
        };

        // Timeout: abort our controller and remember why.
        // Kept alive until the timer is cleared below, then dropped (no leak per request).
        let on_timeout = {
            let timed_out = timed_out.clone();
            let fire = fire.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                fire();
            })
        };
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), self.timeout_ms);

        // Caller's signal: forward its abort to our controller.
        let on_abort = Closure::<dyn FnMut()>::new(fire);
        if let Some(s) = signal {
            let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }

        let result = self.exchange(&fetch, req, controller.as_ref(), &guard).await;

        clear_timeout(&timer);
        drop(on_timeout);
        if let Some(s) = signal {
            let _ = s.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        result.map_err(|e| {
            if timed_out.get() {
                Error::new(Kind::Timeout, "timeout", format!("no answer within {} ms", self.timeout_ms)).retryable(true)
            } else if is_aborted(signal) {
                aborted_error()
            } else {
                Error::new(Kind::Network, "network", format!("the request could not be sent: {}", js_message(&e))).retryable(true)
            }
        })
    }

    async fn exchange(&self, fetch: &Function, req: &HttpRequest, controller: Option<&web_sys::AbortController>, guard: &Promise) -> Result<Answer, JsValue> {
        let race = |p: &JsValue| JsFuture::from(Promise::race(&js_sys::Array::of2(&Promise::resolve(p), guard)));
        let init = Object::new();
        Reflect::set(&init, &"method".into(), &req.method.into())?;
        let headers = Object::new();
        for (k, v) in &req.headers {
            Reflect::set(&headers, &k.into(), &v.into())?;
        }
        Reflect::set(&init, &"headers".into(), &headers)?;
        if let Some(body) = &req.body {
            Reflect::set(&init, &"body".into(), &body.into())?;
        }
        if let Some(c) = controller {
            Reflect::set(&init, &"signal".into(), &c.signal())?;
        }
        let promise = fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(&req.url), &init)?;
        let response = race(&promise).await?;
        let status = prop(&response, "status").as_f64().filter(|s| (100.0..=599.0).contains(s)).ok_or_else(|| {
            JsValue::from(js_sys::Error::new("fetch returned something that is not a Response"))
        })? as u16;
        let request_id = header(&response, "x-acs-request-id");
        let text_fn = prop(&response, "text").dyn_into::<Function>().map_err(|_| JsValue::from(js_sys::Error::new("the Response has no text()")))?;
        let text = race(&text_fn.call0(&response)?).await?;
        let retry_after = header(&response, "retry-after");
        Ok(Answer { status, body: text.as_string().unwrap_or_default(), request_id, retry_after })
    }
}

fn header(response: &JsValue, name: &str) -> Option<String> {
    let headers = prop(response, "headers");
    let get = prop(&headers, "get").dyn_into::<Function>().ok()?;
    get.call1(&headers, &JsValue::from_str(name)).ok()?.as_string()
}
