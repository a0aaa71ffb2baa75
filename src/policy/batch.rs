//! Sending any number of items through an endpoint that takes a few per request, as a
//! state machine the edge drives (in the manner of sans-IO protocol libraries):
//!
//! ```text
//! let mut run = RecordUrlBatch::plan(ids)?;         // validates, de-duplicates (linear)
//! while let Some((ticket, ids)) = run.next_request() { /* build + send, concurrently */ }
//! run.on_answer(ticket, result);                     // may queue a re-ask
//! run.is_done() → run.finish()                       // every id in exactly one list
//! ```
//!
//! No I/O, no clock, no allocation per item beyond the item itself: a million ids cost a
//! million hash insertions, not a million squared comparisons.

use crate::agent_api::response::RecordUrl;
use crate::error::{ApiCode, Error, Kind};
use crate::issue::{Expected, Issue, Locale, Problem};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};

/// Requests in flight at once unless the caller says otherwise, and the most it may ask.
pub const DEFAULT_CONCURRENCY: usize = 4;
pub const MAX_CONCURRENCY: usize = 64;

/// Which request an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub succeeded: usize,
    pub failed: usize,
}

/// Chunks waiting to be sent and chunks in flight, for items of any kind.
#[derive(Debug)]
pub struct Chunks<T> {
    queue: VecDeque<Vec<T>>,
    in_flight: Vec<Option<Vec<T>>>,
    open: usize,
}

impl<T> Chunks<T> {
    pub fn new(items: Vec<T>, per_request: usize) -> Chunks<T> {
        let per = per_request.max(1);
        let mut queue = VecDeque::with_capacity(items.len().div_ceil(per));
        let mut it = items.into_iter().peekable();
        while it.peek().is_some() {
            queue.push_back(it.by_ref().take(per).collect());
        }
        Chunks {
            queue,
            in_flight: Vec::new(),
            open: 0,
        }
    }

    /// The next chunk to send, now counted as in flight.
    pub fn next_chunk(&mut self) -> Option<(Ticket, &[T])> {
        let chunk = self.queue.pop_front()?;
        self.in_flight.push(Some(chunk));
        self.open += 1;
        let i = self.in_flight.len() - 1;
        Some((Ticket(i), self.in_flight[i].as_deref().unwrap_or(&[])))
    }

    /// The chunk of an answered ticket (empty for an unknown or already answered one).
    pub fn take(&mut self, t: Ticket) -> Vec<T> {
        match self.in_flight.get_mut(t.0).and_then(Option::take) {
            Some(c) => {
                self.open -= 1;
                c
            }
            None => Vec::new(),
        }
    }

    /// Sends these items again before anything else (a re-ask after one item failed).
    pub fn requeue_front(&mut self, chunk: Vec<T>) {
        if !chunk.is_empty() {
            self.queue.push_front(chunk);
        }
    }

    pub fn is_done(&self) -> bool {
        self.queue.is_empty() && self.open == 0
    }

    pub fn waiting(&self) -> usize {
        self.queue.len()
    }
}

/// Batch recording URLs for any count of record ids, at most `per_request` per request.
#[derive(Debug)]
pub struct RecordUrlBatch {
    chunks: Chunks<String>,
    total: usize,
    urls: Vec<RecordUrl>,
    failed: Failed<String>,
    /// Why the run ended early (see `ends_run`): nothing is sent or re-asked after it.
    ended: Option<Error>,
}

/// Items that failed, each with the index of its error in `errors`: the items of one
/// failed request share one error (a million ids of an unknown task are one error, not a
/// million copies).
#[derive(Debug)]
pub struct Failed<T> {
    pub ids: Vec<(T, usize)>,
    pub errors: Vec<Error>,
}

impl<T> Default for Failed<T> {
    fn default() -> Self {
        Failed {
            ids: Vec::new(),
            errors: Vec::new(),
        }
    }
}

impl<T> Failed<T> {
    fn add(&mut self, ids: Vec<T>, e: Error) {
        if !ids.is_empty() {
            let i = self.errors.len();
            self.ids.extend(ids.into_iter().map(|id| (id, i)));
            self.errors.push(e);
        }
    }

    pub fn error(&self, i: usize) -> &Error {
        &self.errors[i]
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl RecordUrlBatch {
    /// Every id must be a non-empty string; repeated ids are asked for once and reported
    /// once. All problems at once, in the order of the input.
    pub fn plan(
        ids: &Value,
        per_request: usize,
        locale: Locale,
    ) -> Result<RecordUrlBatch, Vec<Issue>> {
        let unique = Self::unique_ids(ids, locale)?;
        let total = unique.len();
        Ok(RecordUrlBatch {
            chunks: Chunks::new(unique, per_request),
            total,
            urls: Vec::new(),
            failed: Failed::default(),
            ended: None,
        })
    }

    /// The planner's checks alone: each distinct id once, in the order of the input, or
    /// every problem of the list.
    pub fn unique_ids(ids: &Value, locale: Locale) -> Result<Vec<String>, Vec<Issue>> {
        let items = match ids.as_array() {
            Some(items) if !items.is_empty() => items,
            Some(_) => {
                return Err(vec![Problem::TooFewItems { min: 1 }.issue(
                    locale,
                    "recordIds",
                    None,
                )])
            }
            // Left out (or null, which the other arguments read as left out).
            None if ids.is_null() => {
                return Err(vec![Problem::Required.issue(locale, "recordIds", None)])
            }
            None => {
                return Err(vec![Problem::InvalidType {
                    expected: Expected::Array,
                }
                .issue(locale, "recordIds", Some(ids))])
            }
        };
        let mut issues = Vec::new();
        // A map, not a set: the same instantiation as the other maps keyed by &str (wasm size).
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
        let mut unique = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            match v.as_str() {
                Some(s) if !s.trim().is_empty() => {
                    if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(s) {
                        e.insert(i);
                        unique.push(s.to_string());
                    }
                }
                Some(_) => issues.push(Problem::TooShort { min: 1 }.issue(
                    locale,
                    &format!("recordIds[{i}]"),
                    Some(v),
                )),
                None => issues.push(
                    Problem::InvalidType {
                        expected: Expected::Str,
                    }
                    .issue(locale, &format!("recordIds[{i}]"), Some(v)),
                ),
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(unique)
    }

    pub fn next_request(&mut self) -> Option<(Ticket, &[String])> {
        self.chunks.next_chunk()
    }

    /// Files the final answer to one request (after any retries the edge made).
    pub fn on_answer(&mut self, t: Ticket, answer: Result<Vec<RecordUrl>, Error>) {
        let mut chunk = self.chunks.take(t);
        match answer {
            Ok(urls) => {
                // Keep only what was asked, once; an id the answer left out is failed,
                // never silently lost. A chunk holds at most `per_request` ids (30), so a
                // scan of it per answered URL keeps the whole run linear.
                let mut answered = vec![false; chunk.len()];
                for u in urls {
                    let hit = chunk
                        .iter()
                        .zip(answered.iter())
                        .position(|(id, done)| !done && *id == u.record_id);
                    if let Some(i) = hit {
                        answered[i] = true;
                        self.urls.push(u);
                    }
                }
                for (id, ok) in chunk.into_iter().zip(answered) {
                    if !ok {
                        let e = Error::said(
                            Kind::Parse,
                            "missing_in_answer",
                            crate::error::Says::MissingRecord { id: id.clone() },
                        );
                        self.failed.add(vec![id], e);
                    }
                }
            }
            Err(e) => {
                let named = named_record_id(&e).and_then(|n| chunk.iter().position(|id| *id == n));
                match named {
                    // One unknown id fails the whole request: drop it and ask for the rest
                    // (unless the run has ended: then the rest fail as the unsent ids did).
                    Some(i) if chunk.len() > 1 => {
                        let id = chunk.swap_remove(i);
                        self.failed.add(vec![id], e);
                        match &self.ended {
                            Some(end) => self.failed.add(chunk, end.clone()),
                            None => self.chunks.requeue_front(chunk),
                        }
                    }
                    _ => self.failed.add(chunk, e),
                }
            }
        }
    }

    /// Fails everything not yet sent, and whatever would be re-asked later (the caller's
    /// signal aborted the run, or an answer ended it: see `ends_run`).
    pub fn abort_rest(&mut self, e: &Error) {
        let mut rest = Vec::new();
        while let Some(chunk) = self.chunks.queue.pop_front() {
            rest.extend(chunk);
        }
        self.failed.add(rest, e.clone());
        self.ended.get_or_insert_with(|| e.clone());
    }

    pub fn is_done(&self) -> bool {
        self.chunks.is_done()
    }

    /// Requests that could start now (for bounded concurrency at the edge).
    pub fn waiting(&self) -> usize {
        self.chunks.waiting()
    }

    pub fn progress(&self) -> Progress {
        let (s, f) = (self.urls.len(), self.failed.len());
        Progress {
            done: s + f,
            total: self.total,
            succeeded: s,
            failed: f,
        }
    }

    pub fn finish(self) -> (Vec<RecordUrl>, Failed<String>) {
        (self.urls, self.failed)
    }
}

/// An answer that ends the run: what is not sent yet fails with it instead of being sent.
/// The caller's signal aborted a request; or the server refused the token (`unauthorized`)
/// or the task (`task_not_found`), which every other request of the run would be told as
/// well (a bad token and a million rows were ten thousand refused requests). The error is
/// the answer's own, without `outcome_unknown` (that request may have gone out; these
/// never did).
fn ends_run(answer: &Result<Value, Error>) -> Option<Error> {
    match answer {
        Err(e)
            if e.kind == Kind::Aborted
                || e.code == "unauthorized"
                || e.code == "task_not_found" =>
        {
            // (Nor the refused request's id: these were in no request.)
            Some(Error {
                outcome_unknown: false,
                request_id: None,
                ..e.clone()
            })
        }
        _ => None,
    }
}

/// What the edge needs from any batch run, with items and answers as JSON: it asks for
/// the next request's items, sends them (with the retry policy), and files the answer.
pub trait Run {
    fn next_items(&mut self) -> Option<(Ticket, Value)>;
    /// The final answer to one request: the operation's parsed answer, or its error.
    fn answer(&mut self, t: Ticket, answer: Result<Value, Error>);
    /// Fails everything not yet sent (the caller's signal aborted the run, or an answer
    /// every other request would get too: see `ends_run`).
    fn abort_rest(&mut self, e: &Error);
    fn waiting(&self) -> usize;
    fn progress(&self) -> Progress;
    fn outcome(self: Box<Self>) -> Outcome;
    /// Why the run ended early, if it did: a request waiting to be retried is not sent
    /// again but fails with it.
    fn ended(&self) -> Option<Error>;
}

/// The result of a run: `{ <ok_key>: ok, failed: [{ <item_key>: item, error }] }`, where
/// each failed item names its error by index (shared by the items of one request).
#[derive(Debug)]
pub struct Outcome {
    pub ok_key: &'static str,
    pub ok: Vec<Value>,
    pub item_key: &'static str,
    pub failed: Vec<(Value, usize)>,
    pub errors: Vec<Error>,
    /// What each accepted request answered (its envelope `data`), in the order of the rows
    /// the requests carried: `addNumbersAsync` and `importCustomers` answer a batch id
    /// there, which `getBatchResult` reads. Row batches only.
    pub answers: Option<Vec<Value>>,
}

impl Run for RecordUrlBatch {
    fn next_items(&mut self) -> Option<(Ticket, Value)> {
        self.next_request().map(|(t, ids)| {
            (
                t,
                Value::Array(ids.iter().cloned().map(Value::String).collect()),
            )
        })
    }

    fn answer(&mut self, t: Ticket, answer: Result<Value, Error>) {
        let ends = ends_run(&answer);
        let urls = answer.map(|v| {
            let items = v.as_array().map(Vec::as_slice).unwrap_or(&[]);
            let text = |i: &Value, k: &str| {
                i.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            items
                .iter()
                .map(|i| RecordUrl {
                    record_id: text(i, "record_id"),
                    voice_url: text(i, "voice_url"),
                })
                .collect()
        });
        self.on_answer(t, urls);
        if let Some(e) = ends {
            RecordUrlBatch::abort_rest(self, &e);
        }
    }

    fn abort_rest(&mut self, e: &Error) {
        RecordUrlBatch::abort_rest(self, e)
    }

    fn waiting(&self) -> usize {
        self.chunks.waiting()
    }

    fn progress(&self) -> Progress {
        RecordUrlBatch::progress(self)
    }

    fn ended(&self) -> Option<Error> {
        self.ended.clone()
    }

    fn outcome(self: Box<Self>) -> Outcome {
        let (urls, failed) = self.finish();
        let ok = urls
            .into_iter()
            .map(|u| serde_json::json!({"record_id": u.record_id, "voice_url": u.voice_url}))
            .collect();
        let items = failed
            .ids
            .into_iter()
            .map(|(id, e)| (Value::String(id), e))
            .collect();
        Outcome {
            ok_key: "urls",
            ok,
            item_key: "record_id",
            failed: items,
            errors: failed.errors,
            answers: None,
        }
    }
}

/// Rows sent `per_request` at a time (numbers, customers). A request the server accepts
/// adds all its rows; one it refuses fails all its rows with its error, except when the
/// server refused it for some of its rows alone (it names them): those fail, the others
/// are sent again without them. Rows were validated (and duplicates refused) before the
/// run was planned.
#[derive(Debug)]
pub struct RowBatch {
    /// Each row with its place in the caller's list (a re-asked chunk is not contiguous).
    chunks: Chunks<(usize, Value)>,
    /// Where the rows sit in the caller's arguments (`body.data`): the request carries
    /// them as `data`.
    param: &'static str,
    locale: Locale,
    total: usize,
    /// The accepted requests' rows and answers, by ticket: the answers come in any order,
    /// the result puts them in the rows' order (so `answers[i]` is about the i-th run of
    /// `added` rows of its size).
    accepted: Vec<Option<(Vec<(usize, Value)>, Value)>>,
    added: usize,
    failed: Failed<Value>,
    ended: Option<Error>,
}

impl RowBatch {
    pub fn new(
        rows: Vec<Value>,
        per_request: usize,
        param: &'static str,
        locale: Locale,
    ) -> RowBatch {
        let total = rows.len();
        let (accepted, failed) = (Vec::new(), Failed::default());
        RowBatch {
            chunks: Chunks::new(rows.into_iter().enumerate().collect(), per_request),
            param,
            locale,
            total,
            accepted,
            added: 0,
            failed,
            ended: None,
        }
    }

    /// The server names a refused row by its place in the request (`data.5.phone`, Laravel
    /// style, which the parser names `body.data[5].phone`): said at its place in the
    /// caller's rows instead (`body.data[205].phone`), in each issue and in the error's
    /// summary. With it, which rows of the request the issues name: `Some` only when the
    /// server refused the request for its rows alone (`rejected_by_server`, every issue at a
    /// row of it).
    fn at_caller_rows(&self, mut e: Error, rows: &[(usize, Value)]) -> (Error, Option<Vec<bool>>) {
        let by_rows = e.code == "rejected_by_server";
        let Some(issues) = e.issues.as_mut() else {
            return (e, None);
        };
        let mut named = vec![false; rows.len()];
        let mut all_rows = by_rows && !issues.is_empty();
        let within = format!("{}[", self.param);
        for issue in issues.iter_mut() {
            let at = issue.path.strip_prefix(within.as_str()).and_then(|rest| {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let n = rest[..digits]
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n < rows.len())?;
                Some((n, format!("{within}{}{}", rows[n].0, &rest[digits..])))
            });
            let Some((n, path)) = at else {
                all_rows = false;
                continue;
            };
            named[n] = true;
            issue.move_to(path);
        }
        if named.contains(&true) {
            e.message = crate::messages::validation_summary(issues, self.locale);
        }
        (e, all_rows.then_some(named))
    }
}

impl Run for RowBatch {
    fn next_items(&mut self) -> Option<(Ticket, Value)> {
        self.chunks
            .next_chunk()
            .map(|(t, rows)| (t, rows.iter().map(|(_, row)| row.clone()).collect()))
    }

    fn answer(&mut self, t: Ticket, answer: Result<Value, Error>) {
        let ends = ends_run(&answer);
        let rows = self.chunks.take(t);
        match answer {
            Ok(data) => {
                if self.accepted.len() <= t.0 {
                    self.accepted.resize(t.0 + 1, None);
                }
                self.added += rows.len();
                self.accepted[t.0] = Some((rows, data));
            }
            Err(e) => {
                let (e, named) = self.at_caller_rows(e, &rows);
                match named {
                    // Refused for some of its rows (Laravel's validation runs before anything
                    // is written, and `skip_error` is off unless given): those rows fail with
                    // the server's words, the others go again, without them. Each round
                    // drops a row, so it ends.
                    Some(named) if named.contains(&false) && ends.is_none() => {
                        let (mut bad, mut good) = (Vec::new(), Vec::new());
                        for (row, named) in rows.into_iter().zip(named) {
                            if named {
                                bad.push(row.1);
                            } else {
                                good.push(row);
                            }
                        }
                        self.failed.add(bad, e);
                        self.chunks.requeue_front(good);
                    }
                    _ => self
                        .failed
                        .add(rows.into_iter().map(|(_, row)| row).collect(), e),
                }
            }
        }
        if let Some(e) = ends {
            self.abort_rest(&e);
        }
    }

    fn abort_rest(&mut self, e: &Error) {
        let mut rest = Vec::new();
        while let Some(chunk) = self.chunks.queue.pop_front() {
            rest.extend(chunk.into_iter().map(|(_, row)| row));
        }
        self.failed.add(rest, e.clone());
        self.ended.get_or_insert_with(|| e.clone());
    }

    fn ended(&self) -> Option<Error> {
        self.ended.clone()
    }

    fn waiting(&self) -> usize {
        self.chunks.waiting()
    }

    fn progress(&self) -> Progress {
        let (s, f) = (self.added, self.failed.len());
        Progress {
            done: s + f,
            total: self.total,
            succeeded: s,
            failed: f,
        }
    }

    fn outcome(self: Box<Self>) -> Outcome {
        let (mut added, mut answers) = (Vec::with_capacity(self.added), Vec::new());
        // By ticket is by row but for the re-asked chunks: put in the rows' order again, by
        // each request's first row (no two share one; the crate's heapsort, see sort.rs).
        let mut accepted: Vec<_> = self.accepted.into_iter().flatten().map(Some).collect();
        let mut order: Vec<(usize, usize)> = accepted
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    a.as_ref()
                        .and_then(|(rows, _)| rows.first())
                        .map_or(0, |r| r.0),
                    i,
                )
            })
            .collect();
        crate::sort::heapsort(&mut order);
        for (_, i) in order {
            if let Some((rows, data)) = accepted[i].take() {
                added.extend(rows.into_iter().map(|(_, row)| row));
                answers.push(data);
            }
        }
        Outcome {
            ok_key: "added",
            ok: added,
            item_key: "row",
            failed: self.failed.ids,
            errors: self.failed.errors,
            answers: Some(answers),
        }
    }
}

/// The record id a 50051 / 50061 answer names: the server writes `…记录ID-<id>-不存在` or
/// `…ID-<id>-录音不存在`. The id is everything between the first `ID-` and the last `-`,
/// compared whole, so `ID-x` is never blamed on `x`.
pub fn named_record_id(e: &Error) -> Option<&str> {
    if !matches!(e.api_code, Some(ApiCode::Num(50051 | 50061))) {
        return None;
    }
    let msg = e.server_message.as_deref()?;
    let start = msg.find("ID-")? + 3;
    let end = msg.bytes().rposition(|b| b == b'-')?; // ASCII, so a char boundary
    (end > start).then(|| &msg[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent_api::response::parse_batch_voice_urls;
    use serde_json::json;

    fn ok_for(ids: &[String]) -> Result<Vec<RecordUrl>, Error> {
        Ok(ids
            .iter()
            .map(|id| RecordUrl {
                record_id: id.clone(),
                voice_url: format!("https://v/{id}"),
            })
            .collect())
    }

    fn not_found(id: &str) -> Error {
        let body = format!(
            r#"{{"code":50051,"status":"error","message":"该任务下的通话记录ID-{id}-不存在","data":[]}}"#
        );
        parse_batch_voice_urls(200, &body, Locale::En).unwrap_err()
    }

    /// Drives a run to the end with `answer` deciding each request; returns the requests.
    fn drive(
        run: &mut RecordUrlBatch,
        mut answer: impl FnMut(&[String]) -> Result<Vec<RecordUrl>, Error>,
    ) -> Vec<Vec<String>> {
        let mut sent = Vec::new();
        while let Some((t, ids)) = run.next_request() {
            let ids = ids.to_vec();
            let a = answer(&ids);
            sent.push(ids);
            run.on_answer(t, a);
        }
        assert!(run.is_done());
        sent
    }

    #[test]
    fn plans_chunks_of_thirty_and_deduplicates() {
        let ids: Vec<String> = (0..75).map(|i| format!("r{}", i % 70)).collect();
        let mut run = RecordUrlBatch::plan(&json!(ids), 30, Locale::En).unwrap();
        assert_eq!(run.progress().total, 70);
        let sent = drive(&mut run, ok_for);
        assert_eq!(sent.iter().map(Vec::len).collect::<Vec<_>>(), [30, 30, 10]);
        let (urls, failed) = run.finish();
        assert_eq!((urls.len(), failed.len()), (70, 0));
    }

    #[test]
    fn bad_ids_are_all_reported_before_anything_is_sent() {
        let issues = RecordUrlBatch::plan(&json!(["a", "", 5, " "]), 30, Locale::En).unwrap_err();
        let paths: Vec<_> = issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("recordIds[1]", "too_small"),
                ("recordIds[2]", "invalid_type"),
                ("recordIds[3]", "too_small")
            ]
        );
        assert_eq!(
            RecordUrlBatch::plan(&json!([]), 30, Locale::En).unwrap_err()[0].code,
            "too_small"
        );
        assert_eq!(
            RecordUrlBatch::plan(&json!("a"), 30, Locale::En).unwrap_err()[0].code,
            "invalid_type"
        );
        assert_eq!(
            RecordUrlBatch::plan(&Value::Null, 30, Locale::En).unwrap_err()[0].code,
            "required"
        );
    }

    #[test]
    fn a_named_unknown_id_is_dropped_and_the_rest_asked_again() {
        let ids: Vec<String> = (0..30)
            .map(|i| format!("00075047-af8b-4e92-a897-{i:012}"))
            .collect();
        let bad = ids[7].clone();
        let mut run = RecordUrlBatch::plan(&json!(ids), 30, Locale::En).unwrap();
        let sent = drive(&mut run, |asked| {
            if asked.contains(&bad) {
                Err(not_found(&bad))
            } else {
                ok_for(asked)
            }
        });
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[1].len(), 29);
        let (urls, failed) = run.finish();
        assert_eq!(urls.len(), 29);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed.ids[0].0, bad);
        assert_eq!(failed.error(failed.ids[0].1).code, "record_not_found");
    }

    #[test]
    fn the_named_id_is_matched_whole() {
        // "ID-x" is unknown; "x" is fine. The message names "ID-x": only it may fail.
        let mut run = RecordUrlBatch::plan(&json!(["x", "ID-x"]), 30, Locale::En).unwrap();
        drive(&mut run, |asked| {
            if asked.iter().any(|a| a == "ID-x") {
                Err(not_found("ID-x"))
            } else {
                ok_for(asked)
            }
        });
        let (urls, failed) = run.finish();
        assert_eq!(
            urls.iter()
                .map(|u| u.record_id.as_str())
                .collect::<Vec<_>>(),
            ["x"]
        );
        assert_eq!(
            failed.ids.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
            ["ID-x"]
        );
    }

    #[test]
    fn other_errors_fail_the_chunk_and_left_out_ids_are_not_lost() {
        let ids: Vec<String> = (0..40).map(|i| format!("r{i}")).collect();
        let mut run = RecordUrlBatch::plan(&json!(ids), 30, Locale::En).unwrap();
        drive(&mut run, |asked| {
            if asked.len() == 30 {
                Err(Error::new(Kind::Http, "http_status", "HTTP 500"))
            } else {
                // Answers 9 of 10, plus one that was never asked.
                let mut a = ok_for(&asked[1..]).unwrap();
                a.push(RecordUrl {
                    record_id: "stranger".into(),
                    voice_url: "u".into(),
                });
                Ok(a)
            }
        });
        let (urls, failed) = run.finish();
        assert_eq!(urls.len(), 9);
        assert_eq!(failed.len(), 31);
        assert!(failed
            .ids
            .iter()
            .any(|(id, e)| id == "r30" && failed.error(*e).code == "missing_in_answer"));
        // The 30 ids of the failed request share one error.
        assert_eq!(failed.errors.len(), 2);
    }

    #[test]
    fn rows_the_server_names_fail_alone_and_the_others_are_sent_again() {
        let rows: Vec<Value> = (0..250)
            .map(|i| json!({"phone": format!("p{i}")}))
            .collect();
        let mut run = RowBatch::new(rows, 100, "body.data", Locale::En);
        let op = crate::agent_api::ops::find("addNumbers").unwrap();
        // The server already has p0, p150 and p151: a request holding any of them is
        // refused whole, naming them by their place in it.
        let taken = ["p0", "p150", "p151"];
        let mut sent: Vec<Vec<String>> = Vec::new();
        while let Some((t, items)) = run.next_items() {
            let phones: Vec<String> = items
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["phone"].as_str().unwrap().to_string())
                .collect();
            let fields: Vec<String> = phones
                .iter()
                .enumerate()
                .filter(|(_, p)| taken.contains(&p.as_str()))
                .map(|(i, _)| format!(r#""data.{i}.phone":["号码重复"]"#))
                .collect();
            let answer = if fields.is_empty() {
                Ok(json!({"count": phones.len()}))
            } else {
                let body = format!(
                    r#"{{"code":422,"status":"error","message":{{{}}},"data":[]}}"#,
                    fields.join(",")
                );
                crate::agent_api::call::parse(op, 200, &body, Locale::En)
            };
            sent.push(phones);
            run.answer(t, answer);
        }
        let sizes: Vec<usize> = sent.iter().map(Vec::len).collect();
        assert_eq!(sizes, [100, 99, 100, 98, 50]);
        // Nothing sent twice that was added; every row once in `added` or `failed`.
        let out = Box::new(run).outcome();
        assert_eq!((out.ok.len(), out.failed.len()), (247, 3));
        let added: Vec<&str> = out
            .ok
            .iter()
            .map(|r| r["phone"].as_str().unwrap())
            .collect();
        let expected: Vec<String> = (0..250)
            .map(|i| format!("p{i}"))
            .filter(|p| !taken.contains(&p.as_str()))
            .collect();
        assert_eq!(added, expected, "added in the rows' order");
        let paths: Vec<String> = out
            .failed
            .iter()
            .flat_map(|(_, e)| out.errors[*e].issues.clone().unwrap())
            .map(|i| i.path)
            .collect();
        assert!(
            paths.contains(&"body.data[150].phone".to_string()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"body.data[151].phone".to_string()),
            "{paths:?}"
        );
    }

    #[test]
    fn a_row_the_server_refuses_is_named_at_the_callers_place() {
        let rows: Vec<Value> = (0..250)
            .map(|i| json!({"phone": format!("p{i}")}))
            .collect();
        let mut run = RowBatch::new(rows, 100, "body.data", Locale::En);
        let mut tickets = Vec::new();
        while let Some((t, _)) = run.next_items() {
            tickets.push(t);
        }
        let body =
            r#"{"code":422,"status":"error","message":{"data.7.phone":["taken"],"name":["x"]}}"#;
        let op = crate::agent_api::ops::find("addNumbers").unwrap();
        let refused = crate::agent_api::call::parse(op, 200, body, Locale::En).unwrap_err();
        let [a, b, c] = tickets[..] else {
            panic!("3 requests")
        };
        run.answer(b, Err(refused));
        run.answer(a, Ok(json!({})));
        run.answer(c, Ok(json!({})));
        let out = Box::new(run).outcome();
        let e = &out.errors[0];
        let issues = e.issues.as_ref().unwrap();
        assert_eq!(
            (issues[0].path.as_str(), issues[1].path.as_str()),
            ("body.data[107].phone", "name")
        );
        assert!(
            issues[0].message.starts_with("body.data[107].phone: "),
            "{}",
            issues[0].message
        );
        assert!(
            e.message.contains("body.data[107].phone") && !e.message.contains("data.7"),
            "{}",
            e.message
        );
        assert_eq!((out.ok.len(), out.failed.len()), (150, 100));
    }

    #[test]
    fn concurrent_answers_in_any_order() {
        let ids: Vec<String> = (0..100).map(|i| format!("r{i}")).collect();
        let mut run = RecordUrlBatch::plan(&json!(ids), 30, Locale::En).unwrap();
        let mut open = Vec::new();
        while let Some((t, ids)) = run.next_request() {
            open.push((t, ids.to_vec()));
        }
        assert!(!run.is_done());
        while let Some((t, ids)) = open.pop() {
            run.on_answer(t, ok_for(&ids));
            run.on_answer(t, ok_for(&ids)); // a duplicate answer changes nothing
        }
        assert!(run.is_done());
        assert_eq!(
            run.progress(),
            Progress {
                done: 100,
                total: 100,
                succeeded: 100,
                failed: 0
            }
        );
    }

    #[test]
    fn abort_fails_what_was_not_sent() {
        let ids: Vec<String> = (0..70).map(|i| format!("r{i}")).collect();
        let mut run = RecordUrlBatch::plan(&json!(ids), 30, Locale::En).unwrap();
        let (t, first) = run
            .next_request()
            .map(|(t, ids)| (t, ids.to_vec()))
            .unwrap();
        run.abort_rest(&Error::new(Kind::Aborted, "aborted", "aborted"));
        assert!(!run.is_done());
        run.on_answer(t, ok_for(&first));
        assert!(run.is_done());
        let (urls, failed) = run.finish();
        assert_eq!((urls.len(), failed.len()), (30, 40));
    }

    #[test]
    fn rows_go_in_chunks_and_every_row_ends_in_one_list() {
        let rows: Vec<Value> = (0..250)
            .map(|i| json!({"phone": format!("138{i:08}")}))
            .collect();
        let mut run: Box<dyn Run> = Box::new(RowBatch::new(rows, 100, "body.data", Locale::En));
        let mut sizes = Vec::new();
        while let Some((t, items)) = run.next_items() {
            let n = items.as_array().unwrap().len();
            sizes.push(n);
            // The second request is refused: its 100 rows fail with one shared error.
            let answer = if sizes.len() == 2 {
                Err(Error::new(Kind::Api, "api_error", "no"))
            } else {
                Ok(json!({}))
            };
            run.answer(t, answer);
        }
        assert_eq!(sizes, [100, 100, 50]);
        assert_eq!(
            run.progress(),
            Progress {
                done: 250,
                total: 250,
                succeeded: 150,
                failed: 100
            }
        );
        let out = run.outcome();
        assert_eq!(
            (out.ok.len(), out.failed.len(), out.errors.len()),
            (150, 100, 1)
        );
        assert_eq!(out.failed[0].0["phone"], "13800000100");
    }

    #[test]
    fn a_refused_token_or_task_ends_the_run_unsent_rows_failed_with_it() {
        for (code, status) in [("unauthorized", Some(401)), ("task_not_found", None)] {
            let rows: Vec<Value> = (0..1000)
                .map(|i| json!({"phone": format!("138{i:08}")}))
                .collect();
            let mut run: Box<dyn Run> = Box::new(RowBatch::new(rows, 100, "body.data", Locale::En));
            // Two in flight: the first is refused, the second (already sent) still counts.
            let (t1, _) = run.next_items().unwrap();
            let (t2, _) = run.next_items().unwrap();
            let mut refusal = Error::new(Kind::Api, code, "no");
            refusal.status = status;
            refusal.outcome_unknown = true;
            run.answer(t1, Err(refusal));
            assert_eq!(run.waiting(), 0, "{code}: nothing more is sent");
            run.answer(t2, Ok(json!({})));
            assert!(run.next_items().is_none());
            let out = run.outcome();
            assert_eq!(
                (out.ok.len(), out.failed.len(), out.errors.len()),
                (100, 900, 2),
                "{code}"
            );
            // The unsent rows' error is the refusal's own, never "outcome unknown".
            assert_eq!(out.errors[1].code, code);
            assert!(!out.errors[1].outcome_unknown);
        }
        // Another refusal (a row the server rejects) fails its own request only.
        let rows: Vec<Value> = (0..300)
            .map(|i| json!({"phone": format!("138{i:08}")}))
            .collect();
        let mut run: Box<dyn Run> = Box::new(RowBatch::new(rows, 100, "body.data", Locale::En));
        let (t, _) = run.next_items().unwrap();
        run.answer(t, Err(Error::new(Kind::Api, "api_error", "no")));
        assert_eq!(run.waiting(), 2);
    }

    #[test]
    fn nothing_is_re_asked_after_the_run_ended() {
        let ids: Vec<String> = (0..90).map(|i| format!("r{i}")).collect();
        let mut run: Box<dyn Run> =
            Box::new(RecordUrlBatch::plan(&json!(ids), 30, Locale::En).unwrap());
        let (t1, _) = run.next_items().unwrap();
        let (t2, second) = run.next_items().unwrap();
        let mut refusal = Error::new(Kind::Http, "unauthorized", "no");
        refusal.status = Some(401);
        run.answer(t1, Err(refusal));
        assert_eq!(
            run.ended().map(|e| e.code),
            Some("unauthorized".to_string())
        );
        // The request in flight names one unknown id: the other 29 would be asked again.
        let named = second[0].as_str().unwrap().to_string();
        run.answer(t2, Err(not_found(&named)));
        assert!(
            run.next_items().is_none(),
            "asked again after the run ended"
        );
        let out = run.outcome();
        assert_eq!((out.ok.len(), out.failed.len()), (0, 90));
        let unauthorized = out
            .failed
            .iter()
            .filter(|(_, e)| out.errors[*e].code == "unauthorized")
            .count();
        assert_eq!(
            unauthorized, 89,
            "the refused 30, the 30 never sent, the 29 not re-asked"
        );
    }

    #[test]
    fn a_million_ids_are_planned_and_run_in_linear_time() {
        let ids: Vec<Value> = (0..1_000_000)
            .map(|i| Value::String(format!("rec-{i}")))
            .collect();
        let mut run = RecordUrlBatch::plan(&Value::Array(ids), 30, Locale::En).unwrap();
        let sent = drive(&mut run, ok_for);
        assert_eq!(sent.len(), 33_334);
        assert_eq!(run.progress().succeeded, 1_000_000);
    }
}
