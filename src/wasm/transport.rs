//! The only I/O in the crate: one `fetch` with a timeout and an optional caller signal.
//! The injected `fetch` (or the global one) is called with the plain request value the
//! core built plus `redirect: "manual"`; the answer is read duck-typed (`status`,
//! `headers.get`, `body.getReader()` or `text()`), so polyfills and test doubles work too.
//! Redirects, the size cap, `retryable`/`outcomeUnknown` and redaction are decided in the
//! core (`crate::error`, `crate::policy::retry`, `crate::redact`); this file only moves
//! values.

use crate::error::{
    redirect_error, too_large_error, Error, Kind, Says, DEFAULT_MAX_RESPONSE_BYTES,
};
use crate::http::HttpRequest;
use crate::issue::Locale;
use crate::policy::retry::{parse_retry_after, settle, Decision, RetryBudget, RetryPolicy};
use crate::redact::request_secrets;
use crate::wasm::js::{js_message, prop, Opts};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
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
    /// Answers larger than this are not read further (`maxResponseBytes`).
    pub max_response_bytes: u64,
    /// The client's secrets, replaced in every error message handed out.
    pub secrets: Vec<String>,
    /// Retries left to this client (the core's token bucket).
    pub budget: std::cell::RefCell<RetryBudget>,
    /// Set when the client is freed: a call still running (a retry's wait, a batch's next
    /// chunk, a walk's next page) sends nothing more with its keys.
    pub freed: Cell<bool>,
}

impl Transport {
    /// Reads the transport options every client shares: `timeoutMs`, `fetch`,
    /// `maxResponseBytes`.
    pub fn from_options(o: &mut Opts) -> Transport {
        // Whole milliseconds: `1.5` would be waited as 1 ms and reported as such.
        let timeout = o.whole("timeoutMs", 1.0, 600_000.0).unwrap_or(10_000.0);
        let fetch = o.function("fetch");
        // At most 1 GiB: wasm32 memory could not hold much more.
        let max = o
            .whole("maxResponseBytes", 1.0, 1_073_741_824.0)
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES as f64);
        Transport {
            fetch,
            timeout_ms: timeout as u32,
            max_response_bytes: max as u64,
            secrets: Vec::new(),
            budget: Default::default(),
            freed: Cell::new(false),
        }
    }
}

/// What went wrong in one exchange: a JS failure (network, abort) or an answer the core
/// refuses (a redirect, an oversized body).
enum Fail {
    Js(JsValue),
    Core(Error),
    /// The body was still coming at the deadline: a stream that only ever hands out
    /// settled promises never lets the timer (or the caller's abort) run.
    Late,
    /// The answer (this status) came, then reading its body failed.
    Reading(JsValue, u16),
}

impl From<JsValue> for Fail {
    fn from(v: JsValue) -> Fail {
        Fail::Js(v)
    }
}

fn global_fn(name: &str) -> Option<Function> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn set_timeout(cb: &Function, ms: u32) -> JsValue {
    match global_fn("setTimeout") {
        Some(st) => st
            .call2(&JsValue::UNDEFINED, cb, &JsValue::from(ms))
            .unwrap_or(JsValue::UNDEFINED),
        None => JsValue::UNDEFINED,
    }
}

fn clear_timeout(handle: &JsValue) {
    if let Some(ct) = global_fn("clearTimeout") {
        let _ = ct.call1(&JsValue::UNDEFINED, handle);
    }
}

/// What stops the requests of one call or one batch before their time: the caller's
/// `signal`, and the batch's end. However many requests a batch has in flight, the caller's
/// signal gets one listener (Node warns past 10 on one AbortSignal); each request and each
/// wait between retries registers here instead, and is told when the signal aborts.
pub struct Stop {
    signal: Option<web_sys::AbortSignal>,
    waiters: Rc<Waiters>,
    listener: Option<Closure<dyn Fn()>>,
    /// The signal's `abort` event came: aborted, whatever `aborted` says afterwards (the
    /// requests were already stopped: a read must not go out again as a retry).
    fired: Rc<Cell<bool>>,
    ended: Cell<bool>,
}

/// What to call on an abort (`true`: also when the batch ends); a freed slot is reused, so
/// there are never more than the requests and waits running at once.
type Waiters = RefCell<Vec<Option<(Rc<dyn Fn()>, bool)>>>;

/// Calls what is registered (`end`: only the waits), each outside the borrow (a call may
/// register or unregister).
fn wake_all(waiters: &Waiters, end: bool) {
    let mut i = 0;
    loop {
        let slot = waiters.borrow().get(i).cloned();
        match slot {
            None => break,
            Some(Some((f, on_end))) if !end || on_end => f(),
            Some(_) => {}
        }
        i += 1;
    }
}

impl Stop {
    pub fn new(signal: Option<web_sys::AbortSignal>) -> Rc<Stop> {
        let waiters: Rc<Waiters> = Rc::default();
        let fired: Rc<Cell<bool>> = Rc::default();
        let listener = signal.as_ref().map(|s| {
            let (waiters, fired) = (waiters.clone(), fired.clone());
            // `Fn`, not `FnMut`: an abort dispatched again from inside a handler re-enters.
            let on_abort = Closure::<dyn Fn()>::new(move || {
                fired.set(true);
                wake_all(&waiters, false);
            });
            let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            on_abort
        });
        Rc::new(Stop {
            signal,
            waiters,
            listener,
            fired,
            ended: Cell::new(false),
        })
    }

    pub fn aborted(&self) -> bool {
        self.fired.get()
            || self
                .signal
                .as_ref()
                .is_some_and(|s| prop(s, "aborted").as_bool() == Some(true))
    }

    /// The batch is over: waits between retries end now (the retry is then not sent).
    pub fn end(&self) {
        if !self.ended.replace(true) {
            wake_all(&self.waiters, true);
        }
    }

    fn register(&self, f: Rc<dyn Fn()>, on_end: bool) -> usize {
        let mut w = self.waiters.borrow_mut();
        let i = w.iter().position(Option::is_none).unwrap_or(w.len());
        if i == w.len() {
            w.push(None);
        }
        w[i] = Some((f, on_end));
        i
    }

    fn unregister(&self, i: usize) {
        self.waiters.borrow_mut()[i] = None;
    }
}

impl Drop for Stop {
    fn drop(&mut self) {
        if let (Some(s), Some(l)) = (&self.signal, self.listener.take()) {
            // Only this realm's AbortSignal is trusted to remove the listener: a duck-typed
            // one (another realm's, or a stand-in whose removal does nothing or throws)
            // keeps it, since freeing it would make a later abort throw inside the caller's
            // code. (A few bytes per call, for such signals only.)
            let removed = s
                .remove_event_listener_with_callback("abort", l.as_ref().unchecked_ref())
                .is_ok();
            if !removed || !s.is_instance_of::<web_sys::AbortSignal>() {
                l.forget();
            }
        }
    }
}

/// Resolves after `ms`, or as soon as the call is aborted or its batch ends (used between
/// retries: a wait of up to 30 s must not outlive either).
async fn sleep(ms: u32, stop: &Stop) {
    let mut wake: Option<Function> = None;
    let p = Promise::new(&mut |resolve, _| wake = Some(resolve));
    let Some(wake) = wake else { return };
    let timer = set_timeout(&wake, ms);
    let call_wake = wake.clone();
    let slot = stop.register(
        Rc::new(move || drop(call_wake.call0(&JsValue::UNDEFINED))),
        true,
    );
    if !stop.aborted() && !stop.ended.get() {
        let _ = JsFuture::from(p).await;
    }
    clear_timeout(&timer);
    stop.unregister(slot);
}

/// A future as a JS promise. Every promise the bindings make goes through this one
/// instantiation of `future_to_promise` (a boxed future): one per async entry point cost
/// ~0.8 KB of wasm each, ten of them 8.2 KB.
pub fn promise(f: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let f: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(f);
    wasm_bindgen_futures::future_to_promise(f)
}

pub fn aborted_error() -> Error {
    Error::said(Kind::Aborted, "aborted", Says::Aborted)
}

/// What a call still running gets once its client is freed (the JS layer says the same
/// to a call made after `free()`).
fn freed_error() -> Error {
    Error::said(Kind::Aborted, "client_freed", Says::ClientFreed)
}

impl Transport {
    /// Sends `build()`'s request, and a freshly built one again for as long as the core's
    /// retry policy says so (a new request each time: aiccs needs a new nonce). `parse`
    /// keeps what it reads; one non-generic loop serves every caller (wasm size). `secrets`:
    /// the call's own (a password it sends), redacted as the client's are.
    pub async fn send_with_retry(
        &self,
        idempotent: bool,
        stop: &Stop,
        locale: Locale,
        mut secrets: Vec<String>,
        build: &mut dyn FnMut() -> Result<HttpRequest, Error>,
        parse: &mut dyn FnMut(&Answer) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let policy = RetryPolicy::default();
        let mut attempts = 0;
        secrets.extend(self.secrets.iter().cloned());
        // What the last retry took from the budget: a success gives it back.
        let mut last_retry = None;
        let finish = |e: Error, secrets: &[String]| {
            let s: Vec<&str> = secrets.iter().map(String::as_str).collect();
            settle(e, idempotent).in_locale(locale).redacted(&s)
        };
        loop {
            if self.freed.get() {
                self.refund(last_retry);
                return Err(finish(freed_error(), &secrets));
            }
            let req = match build() {
                Ok(r) => r,
                Err(e) => {
                    // A retry that is not sent (its batch ended) costs nothing.
                    self.refund(last_retry);
                    return Err(finish(e, &secrets));
                }
            };
            secrets.extend(request_secrets(&req));
            attempts += 1;
            let (result, retry_after) = match self.send(&req, stop).await {
                Ok(answer) => (parse(&answer), answer.retry_after),
                Err(e) => (Err(e), None),
            };
            let Err(e) = result else {
                self.budget.borrow_mut().on_success(last_retry);
                return Ok(());
            };
            let wait = retry_after
                .as_deref()
                .and_then(|v| parse_retry_after(v, js_sys::Date::now() as i64));
            let decision = policy.decide(&e, idempotent, attempts, wait, js_sys::Math::random());
            match decision {
                Decision::Stop => return Err(finish(e, &secrets)),
                Decision::RetryAfterMs(ms) => {
                    last_retry = self.budget.borrow_mut().try_spend(&e);
                    if last_retry.is_none() {
                        return Err(finish(e, &secrets));
                    }
                    sleep(ms, stop).await;
                    if stop.aborted() {
                        self.refund(last_retry);
                        return Err(finish(aborted_error(), &secrets));
                    }
                }
            }
        }
    }

    fn refund(&self, taken: Option<u32>) {
        if let Some(t) = taken {
            self.budget.borrow_mut().refund(t);
        }
    }

    pub async fn send(&self, req: &HttpRequest, stop: &Stop) -> Result<Answer, Error> {
        if stop.aborted() {
            return Err(aborted_error());
        }
        let fetch = match self.fetch.clone().or_else(|| global_fn("fetch")) {
            Some(f) => f,
            None => return Err(Error::said(Kind::Network, "no_fetch", Says::NoFetch)),
        };
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        // A promise that rejects on timeout or abort, raced against every await: a fetch
        // (or a body) that ignores the AbortSignal still cannot hang the call.
        let reject: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
        let guard = {
            let reject = reject.clone();
            Promise::new(&mut move |_, r| *reject.borrow_mut() = Some(r))
        };
        // Rejected by an abort that comes before anything races it (inside `fetch`, which
        // then throws): handled here, or Node ends on an unhandled rejection.
        swallow(&guard);
        let fire = {
            let reject = reject.clone();
            let controller = controller.clone();
            move || {
                if let Some(c) = &controller {
                    c.abort();
                }
                if let Some(reject) = reject.borrow().as_ref() {
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

        // Caller's signal: its abort reaches our controller.
        let slot = stop.register(Rc::new(fire.clone()), false);

        let deadline = js_sys::Date::now() + f64::from(self.timeout_ms);
        let result = self
            .exchange(&fetch, req, controller.as_ref(), &guard, deadline)
            .await;
        if matches!(result, Err(Fail::Late)) {
            timed_out.set(true);
            fire();
        }

        clear_timeout(&timer);
        drop(on_timeout);
        stop.unregister(slot);
        result.map_err(|f| {
            let (e, status) = match f {
                Fail::Core(e) => return e,
                Fail::Js(e) => (e, None),
                Fail::Late => (JsValue::UNDEFINED, None),
                Fail::Reading(e, status) => (e, Some(status)),
            };
            if timed_out.get() {
                Error::said(
                    Kind::Timeout,
                    "timeout",
                    Says::Timeout {
                        ms: self.timeout_ms,
                    },
                )
                .retryable(true)
            } else if stop.aborted() {
                // By now fetch had the request: the server may have acted on it.
                aborted_error().sent()
            } else if let Some(status) = status {
                Error::said(
                    Kind::Network,
                    "network",
                    Says::CutOff {
                        status,
                        detail: js_message(&e),
                    },
                )
                .retryable(true)
            } else if prop(&prop(&e, "cause"), "code")
                .as_string()
                .is_some_and(|c| crate::policy::retry::never_sent(&c))
            {
                Error::said(
                    Kind::Network,
                    "not_connected",
                    Says::NotConnected {
                        detail: js_message(&e),
                    },
                )
                .retryable(true)
            } else {
                Error::said(
                    Kind::Network,
                    "network",
                    Says::NoAnswer {
                        detail: js_message(&e),
                    },
                )
                .retryable(true)
            }
        })
    }

    async fn exchange(
        &self,
        fetch: &Function,
        req: &HttpRequest,
        controller: Option<&web_sys::AbortController>,
        guard: &Promise,
        deadline: f64,
    ) -> Result<Answer, Fail> {
        let init = Object::new();
        Reflect::set(&init, &"method".into(), &req.method.into())?;
        // Never followed: the request carries credentials and may be a write.
        Reflect::set(&init, &"redirect".into(), &"manual".into())?;
        let headers = Object::new();
        for (k, v) in &req.headers {
            Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v))?;
        }
        Reflect::set(&init, &"headers".into(), &headers)?;
        if let Some(body) = &req.body {
            Reflect::set(&init, &"body".into(), &body.into())?;
        }
        if let Some(c) = controller {
            Reflect::set(&init, &"signal".into(), &c.signal())?;
        }
        let promise = fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(&req.url), &init)?;
        let response = race(&promise, guard).await?;
        let kind = prop(&response, "type").as_string();
        let status = prop(&response, "status").as_f64().unwrap_or(-1.0);
        if status == 0.0 && kind.as_deref() == Some("opaqueredirect") {
            return Err(Fail::Core(redirect_error(0, None)));
        }
        if !(100.0..=599.0).contains(&status) || status.fract() != 0.0 {
            return Err(Fail::Core(
                Error::said(Kind::Network, "network", Says::NotAResponse).retryable(true),
            ));
        }
        let status = status as u16;
        if (300..=399).contains(&status) {
            let location = header(&response, "location");
            cancel_body(&response);
            return Err(Fail::Core(redirect_error(status, location.as_deref())));
        }
        let request_id = header(&response, "x-acs-request-id");
        let retry_after = header(&response, "retry-after");
        let cap = self.max_response_bytes;
        let declared =
            header(&response, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > cap) {
            cancel_body(&response);
            return Err(Fail::Core(too_large_error(status, cap)));
        }
        let text = match self.read_body(&response, status, guard, deadline).await {
            Ok(text) => text,
            Err(Fail::Js(e)) => return Err(Fail::Reading(e, status)),
            Err(f) => return Err(f),
        };
        Ok(Answer {
            status,
            body: text,
            request_id,
            retry_after,
        })
    }

    /// The answer's text: read chunk by chunk, counting bytes, stopped (and cancelled) past
    /// the cap or the deadline.
    async fn read_body(
        &self,
        response: &JsValue,
        status: u16,
        guard: &Promise,
        deadline: f64,
    ) -> Result<String, Fail> {
        let cap = self.max_response_bytes;
        let body = prop(response, "body");
        let get_reader = prop(&body, "getReader").dyn_into::<Function>().ok();
        match get_reader {
            Some(get_reader) => {
                let reader = get_reader.call0(&body)?;
                let read = prop(&reader, "read")
                    .dyn_into::<Function>()
                    .map_err(|_| bad_body(status))?;
                let mut bytes: Vec<u8> = Vec::new();
                loop {
                    if js_sys::Date::now() > deadline {
                        cancel(&reader);
                        return Err(Fail::Late);
                    }
                    let chunk = race(&read.call0(&reader)?, guard).await?;
                    if prop(&chunk, "done").is_truthy() {
                        break;
                    }
                    let Some(arr) = chunk_bytes(&prop(&chunk, "value")) else {
                        return Err(bad_body(status));
                    };
                    if bytes.len() as u64 + arr.length() as u64 > cap {
                        cancel(&reader);
                        return Err(Fail::Core(too_large_error(status, cap)));
                    }
                    let at = bytes.len();
                    bytes.resize(at + arr.length() as usize, 0);
                    arr.copy_to(&mut bytes[at..]);
                }
                // A leading BOM is dropped, as `Response.text()` drops it.
                if bytes.starts_with("\u{feff}".as_bytes()) {
                    bytes.drain(..3);
                }
                Ok(String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
            }
            None => {
                let text_fn = prop(response, "text")
                    .dyn_into::<Function>()
                    .map_err(|_| bad_body(status))?;
                let text = race(&text_fn.call0(response)?, guard).await?;
                // A JS string has at least as many UTF-8 bytes as UTF-16 units: refuse an
                // oversized one before copying it into wasm memory.
                if text
                    .dyn_ref::<js_sys::JsString>()
                    .is_some_and(|t| t.length() as u64 > cap)
                {
                    return Err(Fail::Core(too_large_error(status, cap)));
                }
                let text = text.as_string().unwrap_or_default();
                // UTF-8 length: the same measure as the stream's bytes.
                if text.len() as u64 > cap {
                    return Err(Fail::Core(too_large_error(status, cap)));
                }
                Ok(text)
            }
        }
    }
}

/// `p` raced against `guard` (the promise that rejects on timeout or abort): every await
/// of an exchange, so a fetch or a body that ignores the AbortSignal cannot hang it.
fn race(p: &JsValue, guard: &Promise) -> JsFuture {
    JsFuture::from(Promise::race(&js_sys::Array::of2(
        &Promise::resolve(p),
        guard,
    )))
}

/// A body chunk's bytes. A `Uint8Array` of another realm (an iframe's `fetch`, a stream
/// built there) fails `instanceof`: any typed array or DataView is read as the bytes it
/// views, through a view made here (no copy).
fn chunk_bytes(value: &JsValue) -> Option<js_sys::Uint8Array> {
    if let Some(arr) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(arr.clone());
    }
    if !js_sys::ArrayBuffer::is_view(value) {
        return None;
    }
    // Through Reflect.construct, which catches: a detached buffer or a view that lies about
    // its length throws here, and the chunk is then a body that cannot be read.
    let args = js_sys::Array::of3(
        &prop(value, "buffer"),
        &prop(value, "byteOffset"),
        &prop(value, "byteLength"),
    );
    let ctor = js_sys::Uint8Array::new_with_length(0).constructor();
    js_sys::Reflect::construct(&ctor, &args)
        .ok()?
        .dyn_into::<js_sys::Uint8Array>()
        .ok()
}

/// A body that offers no way to read it (no reader, no `text()`, chunks that are not bytes).
fn bad_body(status: u16) -> Fail {
    Fail::Core(Error::said(Kind::Network, "network", Says::BadBody { status }).retryable(true))
}

/// Drops an unread body (`response.body.cancel()`), ignoring whatever that does.
fn cancel_body(response: &JsValue) {
    cancel(&prop(response, "body"));
}

/// `stream.cancel()` (a body or its reader), ignoring whatever that does.
fn cancel(stream: &JsValue) {
    if let Ok(f) = prop(stream, "cancel").dyn_into::<Function>() {
        if let Ok(p) = f.call0(stream) {
            swallow(&p);
        }
    }
}

/// A promise whose rejection nobody waits for must not become an unhandled rejection:
/// `Promise.allSettled` handles it (and never rejects itself).
fn swallow(p: &JsValue) {
    let _ = Promise::all_settled(&js_sys::Array::of1(p));
}

fn header(response: &JsValue, name: &str) -> Option<String> {
    let headers = prop(response, "headers");
    let get = prop(&headers, "get").dyn_into::<Function>().ok()?;
    get.call1(&headers, &JsValue::from_str(name))
        .ok()?
        .as_string()
}
