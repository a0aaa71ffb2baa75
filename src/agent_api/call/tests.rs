use super::*;
use crate::agent_api::ops::find;
use serde_json::json;

fn cfg() -> Config {
    Config::new("t", Some("http://h"), Locale::En).unwrap()
}

fn issues(op: &str, args: Value) -> Vec<(String, String)> {
    let mut ctx = Ctx::new(Locale::En);
    validate(find(op).unwrap(), &args, Variant::V2, &mut ctx);
    ctx.issues.into_iter().map(|i| (i.path, i.code)).collect()
}

/// The messages `op` gives `args` in `locale`.
fn messages(op: &str, args: Value, locale: Locale) -> Vec<String> {
    let mut ctx = Ctx::new(locale);
    validate(find(op).unwrap(), &args, Variant::V2, &mut ctx);
    ctx.issues.into_iter().map(|i| i.message).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn queries_are_php_style() {
    let req = build(&cfg(), find("listCallRecords").unwrap(), &json!({"userId": "u", "taskId": "t",
        "query": {"page": 2, "levels": [["A", "B"], ["C"]], "keyword": "138 0", "intention_tags": ["1A"]}}), Variant::V2).unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(req.url, "http://h/agent-api/user/u/task/t/record?page=2&levels%5B0%5D%5B%5D=A&levels%5B0%5D%5B%5D=B&levels%5B1%5D%5B%5D=C&keyword=138%200&intention_tags%5B%5D=1A");
    assert!(req.body.is_none());
    let req = build(&cfg(), find("listCustomers").unwrap(), &json!({"userId": "u", "subUserId": "s",
        "query": {"page": 1, "components": [{"id": 7, "value": "v"}], "created_at": ["2024-01-01 00:00:00", "2024-02-01 00:00:00"]}}), Variant::V2).unwrap();
    assert_eq!(req.url, "http://h/agent-api/user/u/get_customer?sub_user_id=s&page=1&components%5B0%5D%5Bid%5D=7&components%5B0%5D%5Bvalue%5D=v&created_at%5B%5D=2024-01-01%2000%3A00%3A00&created_at%5B%5D=2024-02-01%2000%3A00%3A00");
}

#[test]
fn query_and_body_fields_are_checked_with_their_paths() {
    assert_eq!(
        issues("listDialTimeGroups", json!({"userId": "u"})),
        pairs(&[("query.page", "required")])
    );
    assert_eq!(
        issues(
            "listTasks",
            json!({"userId": "u", "query": {"page": 0, "status": [1, 2], "nme": "x"}})
        ),
        pairs(&[
            ("query.page", "too_small"),
            ("query.status[1]", "invalid_enum"),
            ("query.nme", "unknown_field")
        ])
    );
    assert_eq!(
        issues(
            "listCustomers",
            json!({"userId": "u", "query": {"page": 1, "operator": 4, "created_at": ["2024-01-01 00:00:00"]}})
        ),
        pairs(&[
            ("query.created_at", "too_small"),
            ("query.operator", "invalid_enum")
        ])
    );
    assert_eq!(
        issues("checkToken", json!({"query": {}})),
        pairs(&[("query", "unknown_field")])
    );
    assert_eq!(
        issues(
            "allocateLine",
            json!({"userId": "u", "lineId": "l", "body": {"price": "abc", "deadline_at": "2024-13-01 00:00:00"}})
        ),
        pairs(&[
            ("body.deadline_at", "invalid_format"),
            ("body.price", "invalid_type")
        ])
    );
    assert!(issues(
        "allocateLine",
        json!({"userId": "u", "lineId": "l", "body": {"price": 0.35, "line_concurrency": "5"}})
    )
    .is_empty());
}

#[test]
fn dates_are_written_yyyy_mm_dd_hh_mm_ss_and_intention_tags_are_1a_to_5e() {
    let line = |deadline: &str| {
        issues(
            "allocateLine",
            json!({"userId": "u", "lineId": "l", "body": {"deadline_at": deadline}}),
        )
    };
    assert_eq!(line("2025-01-01 10:00:00"), []);
    for wrong in [
        "2025/1/1 10:00",
        "2025-01-01 10:00",
        "2025-01-01",
        "2025-1-01 10:00:00",
    ] {
        assert_eq!(
            line(wrong),
            pairs(&[("body.deadline_at", "invalid_format")]),
            "{wrong}"
        );
    }
    assert_eq!(
        line("2025-02-30 10:00:00"),
        pairs(&[("body.deadline_at", "invalid_date")])
    );
    let records = |query: Value| {
        issues(
            "listCallRecords",
            json!({"userId": "u", "taskId": "t", "query": query}),
        )
    };
    assert_eq!(
        records(
            json!({"start_at": "2024-06-01 00:00:00", "end_at": "2024-06-30 23:59:59", "intention_tags": ["1A", "5E"]})
        ),
        []
    );
    assert_eq!(
        records(json!({"start_at": "2024-06-01", "intention_tags": ["9Z", "1a"]})),
        pairs(&[
            ("query.start_at", "invalid_format"),
            ("query.intention_tags[0]", "invalid_enum"),
            ("query.intention_tags[1]", "invalid_enum")
        ])
    );
    let customers = issues(
        "listCustomers",
        json!({"userId": "u", "query": {"page": 1, "created_at": ["2024-01-01 00:00:00", "2024/2/1 00:00"]}}),
    );
    assert_eq!(
        customers,
        pairs(&[("query.created_at[1]", "invalid_format")])
    );
}

#[test]
fn sub_accounts_go_where_the_method_carries_them() {
    let get = build(
        &cfg(),
        find("getTask").unwrap(),
        &json!({"userId": "u", "taskId": "t", "subUserId": "s"}),
        Variant::V2,
    )
    .unwrap();
    assert!(get.url.ends_with("/edit?sub_user_id=s"));
    let stop = build(
        &cfg(),
        find("stopTask").unwrap(),
        &json!({"userId": "u", "taskId": "t", "subUserId": "s"}),
        Variant::V2,
    )
    .unwrap();
    assert_eq!(
        (stop.method, stop.url.as_str(), stop.body.is_none()),
        (
            "PUT",
            "http://h/agent-api/new/user/u/task_stop/t?sub_user_id=s",
            true
        )
    );
    let rows = json!({"userId": "u", "taskId": "t", "subUserId": "s", "body": {"data": [{"phone": "13800000000"}]}});
    let add = build(&cfg(), find("addNumbers").unwrap(), &rows, Variant::V2).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(add.body.as_deref().unwrap()).unwrap(),
        json!({"data": [{"phone": "13800000000"}], "sub_user_id": "s"})
    );
}

#[test]
fn create_task_uses_the_task_rules() {
    let body = json!({"name": "n", "destination_extension": 1, "dial_time_id": 1, "maximumcall": 3,
        "task_extras": {"start_time": "2024-11-01 13:25:26", "stop_time": "2025-11-01 13:25:26", "pop_mode": 1,
        "line": [{"id": "a", "limit": 5}, {"id": "b", "limit": 5}]}});
    assert_eq!(
        issues("createTask", json!({"userId": "u", "body": body})),
        pairs(&[("maximumcall", "not_divisible")])
    );
    let mut fixed = body.clone();
    fixed["maximumcall"] = json!(4);
    // Fields the vendor documents for creation are part of the body schema.
    fixed["is_call_in"] = json!(1);
    fixed["end_action"] = json!(0);
    let req = build(
        &cfg(),
        find("createTask").unwrap(),
        &json!({"userId": "u", "body": fixed}),
        Variant::V2,
    )
    .unwrap();
    assert_eq!(
        (req.method, req.url.as_str()),
        ("POST", "http://h/agent-api/new/user/u/task")
    );
    assert!(req.body.unwrap().contains("\"holiday\":[]"));
}

#[test]
fn numbers_any_count_duplicates_named_with_both_indexes() {
    let rows: Vec<Value> = (0..250)
        .map(|i| json!({"phone": format!("138{i:08}")}))
        .collect();
    let op = find("addNumbers").unwrap();
    // One request: at most 100.
    assert_eq!(
        issues(
            "addNumbers",
            json!({"userId": "u", "taskId": "t", "body": {"data": rows}})
        ),
        pairs(&[("body.data[100]", "too_big")])
    );
    // A batch: any count, 3 requests of at most 100, the other body fields in each.
    let mut args =
        json!({"userId": "u", "taskId": "t", "body": {"data": rows, "skip_error": true}});
    let mut run = plan_batch(op, &mut args, Variant::V2, Locale::En).unwrap();
    let mut sizes = Vec::new();
    while let Some((t, items)) = run.next_items() {
        let req = batch_request(&cfg(), op, &args, items);
        let sent: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(sent["skip_error"], json!(true));
        sizes.push(sent["data"].as_array().unwrap().len());
        run.answer(t, Ok(json!({})));
    }
    assert_eq!(sizes, [100, 100, 50]);
    assert_eq!(run.progress().succeeded, 250);
    // Duplicates are refused before anything is sent, naming both indexes.
    let dup = json!({"userId": "u", "taskId": "t", "body": {"data": [{"phone": "1"}, {"phone": "2"}, {"phone": " 1"}, {}]}});
    let mut a = dup.clone();
    let issues = plan_batch(op, &mut a, Variant::V2, Locale::En)
        .err()
        .unwrap();
    let got: Vec<_> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("body.data[3].phone", "required"),
            ("body.data[2].phone", "duplicate")
        ]
    );
    assert!(
        issues[1].message.contains("index 0"),
        "{}",
        issues[1].message
    );
}

#[test]
fn sub_account_passwords_must_match_and_are_never_shown() {
    let body = json!({"name": "n", "email": "e", "phone": "p", "password": "s3cret-A", "password_confirmation": "s3cret-B"});
    let mut ctx = Ctx::new(Locale::ZhCn);
    validate(
        find("createSubAccount").unwrap(),
        &json!({"userId": "u", "body": body}),
        Variant::V2,
        &mut ctx,
    );
    assert_eq!(ctx.issues.len(), 1);
    assert_eq!(
        (ctx.issues[0].path.as_str(), ctx.issues[0].code.as_str()),
        ("body.password_confirmation", "mismatch")
    );
    assert!(!ctx.issues[0].message.contains("s3cret"));
}

#[test]
fn a_password_of_the_wrong_kind_is_not_shown_either() {
    // A PIN given as a number, an object holding it: every issue names the field only.
    for (password, confirmation) in [
        (json!(123456), json!(123456)),
        (json!({"pin": "987654"}), json!([987654])),
    ] {
        let body = json!({"name": "n", "email": "e", "phone": "p", "password": password, "password_confirmation": confirmation});
        for locale in [Locale::En, Locale::ZhCn] {
            let mut ctx = Ctx::new(locale);
            validate(
                find("createSubAccount").unwrap(),
                &json!({"userId": "u", "body": body}),
                Variant::V2,
                &mut ctx,
            );
            let paths: Vec<&str> = ctx.issues.iter().map(|i| i.path.as_str()).collect();
            assert_eq!(paths, ["body.password", "body.password_confirmation"]);
            for i in &ctx.issues {
                assert!(
                    !i.message.contains("123456") && !i.message.contains("987654"),
                    "{}",
                    i.message
                );
            }
        }
    }
    // Other fields still show what they were given.
    let mut ctx = Ctx::new(Locale::En);
    let body = json!({"name": 42, "email": "e", "phone": "p", "password": "a", "password_confirmation": "a"});
    validate(
        find("createSubAccount").unwrap(),
        &json!({"userId": "u", "body": body}),
        Variant::V2,
        &mut ctx,
    );
    assert!(
        ctx.issues[0].message.contains("42"),
        "{}",
        ctx.issues[0].message
    );
    // A body given as JSON text holds the password: the type error does not quote it.
    let mut ctx = Ctx::new(Locale::En);
    let text = json!({"password": "123456", "password_confirmation": "123456"}).to_string();
    validate(
        find("createSubAccount").unwrap(),
        &json!({"userId": "u", "body": text}),
        Variant::V2,
        &mut ctx,
    );
    assert_eq!(ctx.issues.len(), 1);
    assert_eq!(ctx.issues[0].path, "body");
    assert!(
        !ctx.issues[0].message.contains("123456"),
        "{}",
        ctx.issues[0].message
    );
}

#[test]
fn a_password_given_in_another_field_or_as_a_key_is_not_shown() {
    let pw = "Sup3rSecretPassw0rd";
    let mut body = json!({"name": "n", "email": "e", "phone": "p", "password": pw, "password_confirmation": pw,
        "subset_data": {"sex": pw}});
    body[pw] = json!(1);
    let args = json!({"userId": "u", "body": body});
    let op = find("createSubAccount").unwrap();
    for locale in [Locale::En, Locale::ZhCn] {
        let found = check(op, &args, Variant::V2, locale);
        let e = build(&Config { locale, ..cfg() }, op, &args, Variant::V2).unwrap_err();
        let paths: Vec<&str> = found.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["body.subset_data.sex", "body.[redacted]"]);
        let text = format!("{found:?} {e:?} {}", e.message);
        assert!(!text.contains(pw), "{text}");
    }
    // A long one, quoted cut short ("…"): no piece of it either.
    let long = "Sup3rSecret-".repeat(20);
    let body = json!({"name": "n", "email": "e", "phone": "p", "password": long, "password_confirmation": long,
        "subset_data": {"sex": long}});
    let found = check(
        op,
        &json!({"userId": "u", "body": body}),
        Variant::V2,
        Locale::En,
    );
    assert_eq!(found.len(), 1);
    assert!(!found[0].message.contains("Sup3rS"), "{}", found[0].message);
}

#[test]
fn a_read_of_a_documented_object_refuses_any_other_data() {
    let get = find("getTask").unwrap();
    let answer = |data: &str| format!(r#"{{"code":200,"status":"success","message":"ok"{data}}}"#);
    for data in ["", r#","data":null"#, r#","data":"ok""#, r#","data":[]"#] {
        let e = parse(get, 200, &answer(data), Locale::En).unwrap_err();
        assert_eq!(e.code, "unexpected_shape", "{data}");
        assert!(e.message.contains("data as an object"), "{}", e.message);
    }
    let task = parse(get, 200, &answer(r#","data":{"id":7}"#), Locale::En).unwrap();
    assert_eq!(task, json!({"id": 7}));
    // A write that succeeded is never turned into an error (it could be sent again).
    let create = find("createTask").unwrap();
    assert_eq!(
        parse(create, 200, &answer(""), Locale::En).unwrap(),
        Value::Null
    );
}

#[test]
fn the_servers_field_errors_are_named_as_the_clients_own_issues() {
    let refused = |op: &str, fields: &str| {
        let body = format!(r#"{{"code":422,"status":"error","message":{fields},"data":[]}}"#);
        let e = parse(find(op).unwrap(), 200, &body, Locale::En).unwrap_err();
        let paths: Vec<String> = e
            .issues
            .clone()
            .unwrap()
            .into_iter()
            .map(|i| i.path)
            .collect();
        (paths, e)
    };
    // A task body's fields at the root, as validateTaskUpdate names them.
    let (paths, e) = refused(
        "updateTask",
        r#"{"task_extras.line.0.limit":["必须是整数"],"name":["必填"]}"#,
    );
    assert_eq!(paths, ["task_extras.line[0].limit", "name"]);
    let issues = e.issues.unwrap();
    assert!(
        issues[0].message.starts_with("task_extras.line[0].limit: "),
        "{}",
        issues[0].message
    );
    assert!(
        e.message.contains("task_extras.line[0].limit"),
        "{}",
        e.message
    );
    // Other bodies under `body.`, list filters under `query.`, undeclared fields as named.
    let (paths, _) = refused(
        "createSubAccount",
        r#"{"email":["taken"],"subset_data.sex":["bad"],"token":["x"]}"#,
    );
    assert_eq!(paths, ["body.email", "body.subset_data.sex", "token"]);
    let (paths, _) = refused(
        "listCallRecords",
        r#"{"per_page":["too big"],"levels.1.0":["bad"]}"#,
    );
    assert_eq!(paths, ["query.per_page", "query.levels[1][0]"]);
}

#[test]
fn lists_parse_to_data_and_meta_and_pages_end() {
    let op = find("listTasks").unwrap();
    let page = |n: u64, last: u64, items: usize| {
        let data: Vec<Value> = (0..items).map(|i| json!({"id": i})).collect();
        json!({"code": 200, "status": "success", "message": "ok", "data": data,
            "meta": {"has_pages": true, "total": 40, "last_page": last, "current_page": n, "per_page": "15"}}).to_string()
    };
    let args = json!({"userId": "u", "query": {"per_page": 15}});
    let first = parse(op, 200, &page(1, 3, 15), Locale::En).unwrap();
    assert_eq!(first["meta"]["per_page"], "15");
    let next = next_page(&args, &first).unwrap();
    assert_eq!(next["query"], json!({"per_page": 15, "page": 2}));
    let second = parse(op, 200, &page(2, 3, 15), Locale::En).unwrap();
    assert_eq!(next_page(&next, &second).unwrap()["query"]["page"], 3);
    let last = parse(op, 200, &page(3, 3, 10), Locale::En).unwrap();
    assert!(next_page(&json!({"query": {"page": 3}}), &last).is_none());
    // A server that repeats page 1 whatever is asked: stop rather than loop.
    assert!(next_page(&json!({"query": {"page": 2}}), &first).is_none());
    // An empty page, a missing meta, or has_pages false: stop.
    assert!(next_page(&args, &parse(op, 200, &page(1, 3, 0), Locale::En).unwrap()).is_none());
    assert!(next_page(&args, &json!({"data": [1], "meta": null})).is_none());
    assert!(next_page(&args, &json!({"data": [1], "meta": {"has_pages": false}})).is_none());
    // `data` left out or null is an empty list, `meta` left out is null; `data` of another
    // kind is an answer of another shape (never handed out as the list).
    let bare = parse(
        op,
        200,
        r#"{"code":200,"status":"success","message":""}"#,
        Locale::En,
    )
    .unwrap();
    assert_eq!(bare, json!({"data": [], "meta": null}));
    let nested =
        r#"{"code":200,"status":"success","message":"","data":{"data":[1],"current_page":1}}"#;
    assert_eq!(
        parse(op, 200, nested, Locale::En).unwrap_err().code,
        "unexpected_shape"
    );
    // The asked page echoed back with the same items as the page before: the end, and the
    // repeated items are not handed out again.
    let repeat = json!({"data": [{"id": 1}], "meta": {"current_page": 2, "last_page": 99}});
    let before = json!({"data": [{"id": 1}], "meta": {"current_page": 1, "last_page": 99}});
    let memo = page_step(&json!({"query": {"page": 1}}), &before, &Value::Null)["memo"].clone();
    let s = page_step(&json!({"query": {"page": 2}}), &repeat, &memo);
    assert_eq!((&s["items"], &s["next"]), (&json!([]), &Value::Null));
    let fresh = json!({"data": [{"id": 2}], "meta": {"current_page": 2, "last_page": 99}});
    assert_eq!(
        page_step(&json!({"query": {"page": 2}}), &fresh, &memo)["next"]["query"]["page"],
        3
    );
    // Before the first page: page 1 unless given.
    assert_eq!(
        page_step(&json!({"userId": "u"}), &Value::Null, &Value::Null)["next"],
        json!({"userId": "u", "query": {"page": 1}})
    );
    // A server cycling A, B, A, B… (echoing the page asked, last_page far off): driven as
    // `paginate` drives it (each step's memo handed to the next), it stops.
    let mut args = json!({"query": {"page": 1}});
    let mut memo = Value::Null;
    let mut asked = 0;
    loop {
        asked += 1;
        let answer = json!({"data": [{"id": asked % 2}], "meta": {"current_page": asked, "last_page": 99_999}});
        let step = page_step(&args, &answer, &memo);
        if step["next"].is_null() {
            break;
        }
        memo = step["memo"].clone();
        args = step["next"].clone();
    }
    assert_eq!(asked, 4); // A, B, A, then B again: the kept B (kept at the second page)
                          // The server said more pages follow (last_page): the walk says it stopped early.
    let step = page_step(
        &args,
        &json!({"data": [{"id": 0}], "meta": {"current_page": 4, "last_page": 99_999}}),
        &memo,
    );
    assert_eq!(
        (&step["cut"]["why"], &step["cut"]["page"]),
        (&json!("repeated"), &json!(4))
    );
    assert_eq!(
        crate::policy::page_walk(step).unwrap_err().code,
        "repeated_page"
    );
    // Without a word from the server on what follows, a repeat is just the end.
    let quiet = page_step(
        &args,
        &json!({"data": [{"id": 0}], "meta": {"current_page": 4}}),
        &memo,
    );
    assert!(quiet["cut"].is_null() && quiet["next"].is_null());
    assert!(crate::policy::page_walk(quiet).is_ok());
}

/// Walks `answer_to` as `paginate` does: the items handed out, and how the walk ended.
fn walk(answer_to: impl Fn(u64) -> Value) -> (usize, Option<String>) {
    crate::policy::drive_walk(json!({"query": {"page": 1}}), |args, memo| {
        page_step(args, &answer_to(asked_page(args)), memo)
    })
}

#[test]
fn has_pages_is_no_promise_of_more_and_total_over_per_page_is() {
    // 25 rows, 10 a page, `has_pages` true on every page (Laravel), no `last_page`.
    let rows = |page: u64| -> Vec<Value> {
        (0..25u64)
            .filter(|i| i / 10 + 1 == page)
            .map(|i| json!({"id": i}))
            .collect()
    };
    let meta =
        |page: u64| json!({"has_pages": true, "current_page": page, "per_page": "10", "total": 25});
    assert_eq!(
        walk(|p| json!({"data": rows(p), "meta": meta(p)})),
        (25, None)
    );
    assert_eq!(
        walk(|p| json!({"data": rows(p), "meta": {"has_pages": true, "current_page": p}})),
        (25, None)
    );
    // A total alone (no last_page, no per_page): the rows received count against it.
    assert_eq!(
        walk(|p| json!({"data": rows(p), "meta": {"current_page": p, "total": 25}})),
        (25, None)
    );
    let stuck =
        |p: u64| json!({"data": [{"id": p * 100}], "meta": {"current_page": p, "total": 25}});
    assert_eq!(
        walk(|p| if p < 3 {
            stuck(p)
        } else {
            json!({"data": [], "meta": {"current_page": p, "total": 25}})
        }),
        (2, Some("incomplete_pages".into()))
    );
    // The total says 3 pages: a server that ignores `page`, or an empty page 2, is told.
    assert_eq!(
        walk(
            |p| json!({"data": [{"id": p * 100}], "meta": {"current_page": 1, "per_page": 10, "total": 25}})
        ),
        (1, Some("incomplete_pages".into()))
    );
    assert_eq!(
        walk(|p| json!({"data": if p == 1 { rows(1) } else { vec![] }, "meta": meta(p)})),
        (10, Some("incomplete_pages".into()))
    );
}

#[test]
fn a_page_repeated_with_a_field_that_changes_is_still_a_repeat() {
    // The server ignores `page`, echoes it, and signs each answer's URL afresh.
    let n = std::cell::Cell::new(0);
    let answer = |p: u64| {
        n.set(n.get() + 1);
        json!({"data": [{"id": 1, "url": format!("v?sig={}", n.get())}],
            "meta": {"current_page": p, "last_page": 1_000_000_000u64}})
    };
    assert_eq!(walk(answer), (1, Some("repeated_page".into())));
    assert_eq!(n.get(), 2);
    // Rows without ids are compared whole: the same rows with new content are new rows.
    let m = std::cell::Cell::new(0);
    let fresh = |p: u64| {
        m.set(m.get() + 1);
        let data = if p <= 3 {
            json!([{"name": format!("row {}", m.get())}])
        } else {
            json!([])
        };
        json!({"data": data, "meta": {"current_page": p}})
    };
    assert_eq!(walk(fresh), (3, None));
}

#[test]
fn a_server_that_contradicts_itself_is_read_on_and_the_cap_is_never_quiet() {
    // `total` 5 but `last_page` 3, 15 rows a page: all three pages, not the first alone.
    let page = |p: u64| {
        let data: Vec<Value> = (0..15).map(|i| json!({"id": p * 100 + i})).collect();
        json!({"data": data, "meta": {"total": 5, "last_page": 3, "current_page": p, "per_page": 15}})
    };
    assert_eq!(walk(page), (45, None));
    // No end announced and pages that never end: the cap is an error, not a quiet end.
    let memo = json!({"pages": crate::policy::MAX_PAGES - 1, "last": "", "kept": "", "items": 0});
    let step = page_step(
        &json!({"query": {"page": 7}}),
        &json!({"data": [1], "meta": {"current_page": 7}}),
        &memo,
    );
    let e = crate::policy::page_walk(step).unwrap_err();
    assert_eq!(e.code, "incomplete_pages");
    // The server announced nothing: the message does not say it did.
    assert!(
        !e.message.contains("says more") && e.message.contains("100000"),
        "{}",
        e.message
    );
}

#[test]
fn a_walk_cut_short_while_the_server_says_more_follow_is_told() {
    let args = json!({"query": {"page": 2}});
    let first = page_step(
        &json!({"query": {"page": 1}}),
        &json!({"data": [{"id": 1}], "meta": {"current_page": 1, "last_page": 5}}),
        &Value::Null,
    );
    // Asked for page 2, answered page 1 with other rows (a server that ignores `page`).
    let other = json!({"data": [{"id": 9}], "meta": {"current_page": 1, "last_page": 5}});
    let step = page_step(&args, &other, &first["memo"]);
    assert_eq!((&step["items"], &step["next"]), (&json!([]), &Value::Null));
    let e = crate::policy::page_walk(step).unwrap_err();
    assert_eq!(e.code, "incomplete_pages");
    assert!(
        e.message
            .contains("page 2 was asked for and the server answered page 1"),
        "{}",
        e.message
    );
    // An empty page before `last_page`.
    let empty = page_step(
        &args,
        &json!({"data": [], "meta": {"current_page": 2, "last_page": 4}}),
        &first["memo"],
    );
    assert_eq!(
        crate::policy::page_walk(empty).unwrap_err().code,
        "incomplete_pages"
    );
    // Another page, the server saying nothing of more: the end, quietly; its rows are not
    // handed out (they may be ones already given), unless nothing came before them.
    for meta in [
        json!({"current_page": 3, "last_page": 2}),
        json!({"current_page": 3}),
    ] {
        let answer = json!({"data": [{"id": 9}], "meta": meta});
        let step = page_step(&args, &answer, &first["memo"]);
        assert_eq!((&step["items"], &step["next"]), (&json!([]), &Value::Null));
        assert!(crate::policy::page_walk(step).is_ok());
        let alone = page_step(&args, &answer, &Value::Null);
        assert_eq!(
            (&alone["items"], &alone["next"]),
            (&json!([{"id": 9}]), &Value::Null)
        );
    }
}

#[test]
fn pages_count_from_one_and_the_cap_is_pages_walked() {
    // A page 0 echoed back as 0 is walked on from there.
    let step = page_step(
        &json!({"query": {"page": 0}}),
        &json!({"data": [1], "meta": {"current_page": 0, "last_page": 2}}),
        &Value::Null,
    );
    assert_eq!(step["next"]["query"]["page"], 1);
    // The cap counts pages read, wherever the walk started; with more said to follow, told.
    let memo = json!({"pages": crate::policy::MAX_PAGES - 1, "last": "", "kept": "", "items": 0});
    let args = json!({"query": {"page": 150_000}});
    let step = page_step(
        &args,
        &json!({"data": [1], "meta": {"current_page": 150_000, "last_page": 200_000}}),
        &memo,
    );
    assert_eq!(step["items"], json!([1]));
    assert_eq!(
        crate::policy::page_walk(step).unwrap_err().code,
        "incomplete_pages"
    );
    let early = page_step(
        &json!({"query": {"page": 99_998}}),
        &json!({"data": [1], "meta": {"current_page": 99_998, "last_page": 200_000}}),
        &Value::Null,
    );
    assert_eq!(early["next"]["query"]["page"], 99_999);
}

#[test]
fn a_last_page_short_of_the_total_is_told() {
    // 47 rows; the server serves 20 whatever `per_page` says, and calls page 1 the last.
    let rows: Vec<Value> = (0..20).map(|i| json!({"id": i})).collect();
    for meta in [
        json!({"current_page": 1, "per_page": 100, "total": 47, "last_page": 1}),
        json!({"current_page": 1, "per_page": 100, "total": 47}),
    ] {
        assert_eq!(
            walk(|_| json!({"data": rows, "meta": meta})),
            (20, Some("incomplete_pages".into())),
            "{meta}"
        );
    }
    let e = crate::policy::page_walk(page_step(
        &json!({"query": {"page": 1}}),
        &json!({"data": rows, "meta": {"current_page": 1, "last_page": 1, "total": 47}}),
        &Value::Null,
    ))
    .unwrap_err();
    assert!(
        e.message
            .contains("after 20 rows in all, although its total says 47"),
        "{}",
        e.message
    );
    // Started past page 1, the rows before it are unknown: not counted.
    let later = page_step(
        &json!({"query": {"page": 3}}),
        &json!({"data": rows, "meta": {"current_page": 3, "last_page": 3, "total": 47}}),
        &Value::Null,
    );
    assert!(crate::policy::page_walk(later).is_ok());
}

#[test]
fn page_numbers_end_where_javascript_can_still_tell_them_apart() {
    for page in [
        json!(9_007_199_254_740_991u64),
        json!("18446744073709551615"),
    ] {
        let step = page_step(
            &json!({"query": {"page": page}}),
            &json!({"data": [1], "meta": {"current_page": page}}),
            &Value::Null,
        );
        assert_eq!(
            (&step["items"], &step["next"]),
            (&json!([1]), &Value::Null),
            "{page}"
        );
    }
}

#[test]
fn has_pages_false_gives_way_to_a_last_page() {
    let meta = json!({"has_pages": false, "current_page": 1, "last_page": 4});
    assert_eq!(
        next_page(
            &json!({"query": {"page": 1}}),
            &json!({"data": [1], "meta": meta})
        )
        .unwrap()["query"]["page"],
        2
    );
    assert!(next_page(
        &json!({"query": {"page": 1}}),
        &json!({"data": [1], "meta": {"has_pages": false}})
    )
    .is_none());
}

#[test]
fn data_answers_are_the_envelope_data() {
    let op = find("getTask").unwrap();
    let v = parse(
        op,
        200,
        r#"{"code":200,"status":"success","message":"ok","data":{"maximumcall":2,"status":3}}"#,
        Locale::En,
    )
    .unwrap();
    assert_eq!(v, json!({"maximumcall": 2, "status": 3}));
    let e = parse(
        op,
        200,
        r#"{"code":5002,"status":"error","message":"任务不存在","data":[]}"#,
        Locale::En,
    )
    .unwrap_err();
    assert_eq!(e.code, "task_not_found");
}

#[test]
fn a_batch_plan_takes_the_items_out_of_the_arguments() {
    // Each request copies the remaining arguments: were the items left in, every
    // request would copy all of them (quadratic in the count).
    let op = find("batchVoiceUrls").unwrap();
    let ids: Vec<String> = (0..200_000).map(|i| format!("r{i}")).collect();
    let mut args = json!({"userId": "u", "taskId": "t", "recordIds": ids, "subUserId": "s"});
    let mut run = plan_batch(op, &mut args, Variant::V2, Locale::En).unwrap();
    assert_eq!(args["recordIds"], Value::Null);
    let mut requests = 0;
    while let Some((t, ids)) = run.next_items() {
        let req = batch_request(&cfg(), op, &args, ids);
        assert!(req.url.ends_with("&sub_user_id=s"), "{}", req.url);
        requests += 1;
        run.answer(t, Ok(json!([])));
    }
    assert_eq!(requests, 6_667);
    assert_eq!(run.progress().failed, 200_000); // answers named no id: none lost
}

#[test]
fn batch_plans_report_argument_and_item_problems_together() {
    let op = find("batchVoiceUrls").unwrap();
    let mut args = json!({"taskId": "", "recordIds": ["a", ""], "recordId": 1});
    let issues = plan_batch(op, &mut args, Variant::V2, Locale::En)
        .err()
        .unwrap();
    let got: Vec<_> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("userId", "required"),
            ("taskId", "required"),
            ("recordId", "unknown_field"),
            ("recordIds[1]", "too_small")
        ]
    );
}

#[test]
fn numbers_are_accepted_as_path_ids() {
    let op = find("batchVoiceUrls").unwrap();
    let req = build(
        &cfg(),
        op,
        &json!({"userId": 12, "taskId": "t", "recordIds": ["a"]}),
        Variant::V2,
    )
    .unwrap();
    assert_eq!(
        req.url,
        "http://h/agent-api/user/12/task/t/batch_record/download-full-voice?recordIds%5B%5D=a"
    );
    let err = build(
        &cfg(),
        op,
        &json!({"userId": true, "recordIds": ["a"]}),
        Variant::V2,
    )
    .unwrap_err();
    let paths: Vec<_> = err
        .issues
        .unwrap()
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect();
    assert_eq!(
        paths,
        [
            ("userId".into(), "invalid_type".into()),
            ("taskId".into(), "required".into())
        ]
    );
}

#[test]
fn check_is_what_the_client_method_refuses() {
    let codes = |op: &str, args: Value| -> Vec<(String, String)> {
        check(find(op).unwrap(), &args, Variant::V2, Locale::En)
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect()
    };
    // A batched operation takes any count (the method sends 3 requests), not one request's 100.
    let rows: Vec<Value> = (0..250)
        .map(|i| json!({"phone": format!("138{i:08}")}))
        .collect();
    assert_eq!(
        codes(
            "addNumbers",
            json!({"userId": "u", "taskId": "t", "body": {"data": rows}})
        ),
        []
    );
    // ... and refuses what the planner refuses: repeated phones, with the other arguments' issues.
    let dup = json!({"userId": "u", "body": {"data": [{"phone": "1"}, {"phone": "1"}]}});
    assert_eq!(
        codes("addNumbers", dup),
        pairs(&[("taskId", "required"), ("body.data[1].phone", "duplicate")])
    );
    // Repeated record ids are merged by the planner, not refused; an empty one is.
    assert_eq!(
        codes(
            "batchVoiceUrls",
            json!({"userId": "u", "taskId": "t", "recordIds": ["a", "a"]})
        ),
        []
    );
    assert_eq!(
        codes(
            "batchVoiceUrls",
            json!({"userId": "u", "taskId": "t", "recordIds": ["a", ""]})
        ),
        pairs(&[("recordIds[1]", "too_small")])
    );
    // Left out: required, as any other argument.
    assert_eq!(
        codes("batchVoiceUrls", json!({"userId": "u", "taskId": "t"})),
        pairs(&[("recordIds", "required")])
    );
    // Any other operation: the issues `build` refuses the request with.
    let args = json!({"userId": "u", "query": {"page": 0, "nme": "x"}});
    let built = build(&cfg(), find("listTasks").unwrap(), &args, Variant::V2)
        .err()
        .unwrap();
    let want: Vec<(String, String)> = built
        .issues
        .unwrap_or_default()
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect();
    assert_eq!(codes("listTasks", args), want);
    assert_eq!(want.len(), 2);
}

#[test]
fn check_equals_the_planners_verdict_on_batches() {
    for (op, args) in [
        (
            "batchVoiceUrls",
            json!({"taskId": "", "recordIds": ["a", "", 3, "a"], "recordId": 1}),
        ),
        ("batchVoiceUrls", json!({"userId": "u", "taskId": "t"})),
        (
            "batchVoiceUrls",
            json!({"userId": "u", "taskId": "t", "recordIds": []}),
        ),
        (
            "addNumbers",
            json!({"userId": "u", "taskId": "t", "body": {"data": "x"}}),
        ),
        (
            "addNumbersAsync",
            json!({"userId": "u", "taskId": "t", "body": {"data": [{"phone": "1"}, {"phone": "1"}, {}]}}),
        ),
        ("importCustomers", json!({"userId": "u", "body": {}})),
    ] {
        let op = find(op).unwrap();
        let planned = plan_batch(op, &mut args.clone(), Variant::V2, Locale::ZhCn)
            .err()
            .unwrap_or_default();
        assert_eq!(
            check(op, &args, Variant::V2, Locale::ZhCn),
            planned,
            "{}",
            op.name
        );
    }
}

#[test]
fn an_argument_of_other_operations_is_said_to_be_not_taken_never_suggested_as_itself() {
    let message = |op: &str, args: Value| messages(op, args, Locale::En);
    for (op, args, key) in [
        (
            "getTask",
            json!({"userId": "u", "taskId": "t", "query": {}}),
            "query",
        ),
        ("checkToken", json!({"body": {}}), "body"),
        (
            "getTask",
            json!({"userId": "u", "taskId": "t", "concurrency": 2}),
            "concurrency",
        ),
        ("checkToken", json!({"taskId": "t"}), "taskId"),
    ] {
        let m = message(op, args);
        assert_eq!(
            m,
            [format!(
                "{key} is not a known field ({op} does not take it)."
            )]
        );
    }
    // A misspelling still gets the name the operation takes.
    assert_eq!(
        message(
            "getTask",
            json!({"userId": "u", "taskId": "t", "subUserID": "s"})
        ),
        ["subUserID is not a known field (did you mean \"subUserId\"?)."]
    );
}

#[test]
fn a_query_or_body_field_given_as_an_argument_is_told_where_it_goes() {
    let en = |op: &str, args: Value| messages(op, args, Locale::En);
    assert_eq!(
        en("listTasks", json!({"userId": "u", "page": 2})),
        ["page is not an argument of this call; it goes inside query, as query.page."]
    );
    assert_eq!(
        en(
            "addNumbers",
            json!({"userId": "u", "taskId": "t", "data": []})
        ),
        [
            "data is not an argument of this call; it goes inside body, as body.data.",
            "body is required."
        ]
    );
    // A task body's field (either variant), not "check the spelling".
    let m = en(
        "createTask",
        json!({"userId": "u", "name": "x", "body": {}}),
    );
    assert!(
        m.contains(
            &"name is not an argument of this call; it goes inside body, as body.name.".to_string()
        ),
        "{m:?}"
    );
    assert_eq!(
        messages(
            "listTasks",
            json!({"userId": "u", "per_page": 2}),
            Locale::ZhCn
        ),
        ["per_page 不是顶层参数，应放在 query 里，即 query.per_page。"]
    );
    // A near name (or another spelling of a page parameter) is told where it goes too.
    assert_eq!(
        en("listTasks", json!({"userId": "u", "perPage": 2})),
        ["perPage is not an argument of this call; it goes inside query, as query.per_page."]
    );
    assert_eq!(
        en(
            "listTasks",
            json!({"userId": "u", "query": {"currentPage": 2}})
        ),
        ["query.currentPage is not a known field (did you mean \"page\"?)."]
    );
    // A field of another operation's body is still "not taken"; a misspelling still a misspelling.
    assert_eq!(
        en("getTask", json!({"userId": "u", "taskId": "t", "pagee": 1})),
        ["pagee is not a known field; check the spelling."]
    );
}

#[test]
fn a_task_body_sub_account_must_match_sub_user_id() {
    let body = |sub: Value| {
        let mut b = serde_json::from_str::<Value>(include_str!(
            "../../../tests/fixtures/agent_api/update_v2.json"
        ))
        .unwrap();
        b["sub_user_id"] = sub;
        b
    };
    let args = |sub: Value, arg: Value| json!({"userId": "u", "taskId": "t", "subUserId": arg, "body": body(sub)});
    assert_eq!(
        issues("updateTask", args(json!("SUB-A"), json!("SUB-B"))),
        pairs(&[("sub_user_id", "conflict")])
    );
    assert_eq!(
        issues(
            "createTask",
            json!({"userId": "u", "subUserId": "B", "body": body(json!("A"))})
        ),
        pairs(&[("sub_user_id", "conflict")])
    );
    // The same sub-account both ways, or only one of them: fine.
    assert_eq!(
        issues("updateTask", args(json!("A"), json!("A"))),
        pairs(&[])
    );
    assert!(issues("updateTask", args(json!("A"), Value::Null)).is_empty());
    let mut ctx = Ctx::new(Locale::En);
    validate(
        find("updateTask").unwrap(),
        &args(json!("SUB-A"), json!("SUB-B")),
        Variant::V2,
        &mut ctx,
    );
    assert_eq!(
        ctx.issues[0].message,
        "sub_user_id (\"SUB-A\") differs from subUserId (\"SUB-B\"): when both are given they must be equal."
    );
}

#[test]
fn a_path_id_of_the_wrong_type_says_what_is_taken() {
    // A string or an integer ≥ 0 goes into the URL; the message must not say "a string" only.
    for (v, ok) in [
        (json!(7), true),
        (json!("u-1"), true),
        (json!(1.5), false),
        (json!(-1), false),
        (json!(true), false),
    ] {
        let mut ctx = Ctx::new(Locale::En);
        validate(
            find("getTask").unwrap(),
            &json!({"userId": v, "taskId": "t"}),
            Variant::V2,
            &mut ctx,
        );
        assert_eq!(ctx.issues.is_empty(), ok, "{v}");
        if let Some(i) = ctx.issues.first() {
            assert_eq!(i.path, "userId");
            assert!(
                i.message.contains("a string or an integer ≥ 0"),
                "{}",
                i.message
            );
        }
    }
}

/// The vendor's own request examples: a UUID cloud node id (`listLines`), UUID custom field
/// ids, `operator` as a list and `encryption` (`listCustomers`); `number_add_suffix` as a switch.
#[test]
fn vendor_examples_pass() {
    let uuid = "2533f3f6-7ac1-4b55-b1de-7d308ce00d89";
    assert_eq!(
        issues("listLines", json!({"query": {"id": uuid, "page": 1}})),
        pairs(&[])
    );
    assert_eq!(
        issues("listLines", json!({"query": {"id": 42, "page": 1}})),
        pairs(&[])
    );
    assert_eq!(
        issues("listLines", json!({"query": {"id": "", "page": 1}})),
        pairs(&[("query.id", "too_small")])
    );
    let query = json!({"page": 1, "operator": [1], "encryption": false,
        "components": [{"id": "280f5b43-2b2a-4f5e-9c55-3f5f1f5e6a01", "value": "腾讯"}]});
    assert_eq!(
        issues("listCustomers", json!({"userId": "u", "query": query})),
        pairs(&[])
    );
    let req = build(
        &cfg(),
        find("listCustomers").unwrap(),
        &json!({"userId": "u", "query": query}),
        Variant::V2,
    )
    .unwrap();
    assert!(req.url.contains("operator%5B%5D=1"), "{}", req.url);
    assert!(
        req.url
            .contains("components%5B0%5D%5Bid%5D=280f5b43-2b2a-4f5e-9c55-3f5f1f5e6a01"),
        "{}",
        req.url
    );
    assert_eq!(
        issues(
            "listCustomers",
            json!({"userId": "u", "query": {"page": 1, "operator": [1, 4]}})
        ),
        pairs(&[("query.operator[1]", "invalid_enum")])
    );
    let rows = json!([{"phone": "1", "components": [{"id": "733b8535-a1f9-4db9-9945-98a2a0c5490e", "value": "x"}]}]);
    for suffix in [json!(true), json!(1), json!("-01")] {
        let args = json!({"userId": "u", "taskId": "t", "body": {"data": rows, "number_add_suffix": suffix}});
        assert_eq!(issues("addNumbers", args), pairs(&[]));
    }
    assert_eq!(
        issues(
            "addNumbers",
            json!({"userId": "u", "taskId": "t", "body": {"data": [{"phone": "1", "components": [{"id": true}]}]}})
        ),
        pairs(&[("body.data[0].components[0].id", "invalid_type")])
    );
}

/// A task body that is no object is reported at `body`, as every other body is.
#[test]
fn task_body_of_the_wrong_kind_is_named() {
    for body in [json!([]), json!("x"), json!(5)] {
        assert_eq!(
            issues(
                "updateTask",
                json!({"userId": "u", "taskId": "t", "body": body})
            ),
            pairs(&[("body", "invalid_type")])
        );
        assert_eq!(
            issues("createTask", json!({"userId": "u", "body": body})),
            pairs(&[("body", "invalid_type")])
        );
    }
}

/// A filter's time range is in order; equal is a range of one instant; malformed values
/// get their own issue only.
#[test]
fn filter_ranges_are_in_order() {
    let records = |a: &str, b: &str| {
        issues(
            "listCallRecords",
            json!({"userId": "u", "taskId": "t", "query": {"page": 1, "start_at": a, "end_at": b}}),
        )
    };
    assert_eq!(
        records("2024-01-02 00:00:00", "2024-01-01 00:00:00"),
        pairs(&[("query.end_at", "invalid_range")])
    );
    assert_eq!(
        records("2024-01-01 00:00:00", "2024-01-01 00:00:00"),
        pairs(&[])
    );
    assert_eq!(
        records("2024-01-02 00:00:00", "2024/1/1"),
        pairs(&[("query.end_at", "invalid_format")])
    );
    let customers = |a: &str, b: &str| {
        issues(
            "listCustomers",
            json!({"userId": "u", "query": {"page": 1, "created_at": [a, b]}}),
        )
    };
    assert_eq!(
        customers("2024-02-01 00:00:00", "2024-01-01 00:00:00"),
        pairs(&[("query.created_at[1]", "invalid_range")])
    );
    assert_eq!(
        customers("2024-01-01 00:00:00", "2024-02-01 00:00:00"),
        pairs(&[])
    );
    let args = json!({"userId": "u", "taskId": "t", "query": {"page": 1, "start_at": "2024-01-02 00:00:00", "end_at": "2024-01-01 00:00:00"}});
    assert_eq!(
        messages("listCallRecords", args, Locale::ZhCn)[0],
        "query.end_at 不能早于 query.start_at（2024-01-02 00:00:00），收到：\"2024-01-01 00:00:00\"。"
    );
}

/// A value of neither accepted kind is told both kinds where one phrase covers them.
#[test]
fn either_names_both_kinds() {
    let message = |op: &str, args: Value| messages(op, args, Locale::En);
    assert_eq!(
        message(
            "addNumbers",
            json!({"userId": "u", "taskId": "t", "body": {"data": [{"phone": "1", "extra": 5}]}})
        ),
        ["body.data[0].extra must be a string or an object, received 5."]
    );
    assert_eq!(
        message("listLines", json!({"query": {"id": true}})),
        ["query.id must be a string or an integer ≥ 0, received true."]
    );
}

#[test]
fn a_query_enum_takes_its_digits_as_page_does_and_a_body_enum_does_not() {
    assert_eq!(
        issues(
            "listTasks",
            json!({"userId": "u", "query": {"status": "1", "page": "2"}})
        ),
        pairs(&[])
    );
    assert_eq!(
        issues(
            "listTasks",
            json!({"userId": "u", "query": {"status": ["1", 3]}})
        ),
        pairs(&[])
    );
    assert_eq!(
        issues(
            "listTasks",
            json!({"userId": "u", "query": {"status": "2"}})
        ),
        pairs(&[("query.status", "invalid_enum")])
    );
    assert_eq!(
        issues(
            "listTasks",
            json!({"userId": "u", "query": {"status": "x"}})
        ),
        pairs(&[("query.status", "invalid_type")])
    );
    // Sent as the same text a number gives.
    let args = json!({"userId": "u", "query": {"status": "1"}});
    let req = build(&cfg(), find("listTasks").unwrap(), &args, Variant::V2).unwrap();
    assert!(req.url.ends_with("status=1"), "{}", req.url);
    // A JSON body keeps its types: the server reads "1" as a string there.
    let body = json!({"sex": "1"});
    let found = issues(
        "createSubAccount",
        json!({"userId": "u", "body": {"name": "n", "email": "e", "phone": "1",
            "password": "p", "password_confirmation": "p", "subset_data": body}}),
    );
    assert!(
        found
            .iter()
            .any(|(p, c)| p == "body.subset_data.sex" && c == "invalid_type"),
        "{found:?}"
    );
}

#[test]
fn length_and_count_problems_show_what_was_given() {
    let long = "a".repeat(257);
    let m = messages(
        "getTask",
        json!({"userId": long, "taskId": "t"}),
        Locale::En,
    );
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with("userId must have at most 256 characters, received \"aaaa"),
        "{m:?}"
    );
    assert_eq!(
        messages(
            "listTasks",
            json!({"userId": "u", "query": {"status": []}}),
            Locale::En
        ),
        ["query.status must have at least 1 item, received an array of 0 items."]
    );
    assert_eq!(
        messages(
            "listTasks",
            json!({"userId": "u", "query": {"status": []}}),
            Locale::ZhCn
        ),
        ["query.status 至少需要 1 项，收到：含 0 项的数组。"]
    );
}

#[test]
fn a_path_id_past_2_53_is_told_to_go_as_text() {
    let m = messages(
        "getTask",
        json!({"userId": 1_152_921_504_606_846_976u64, "taskId": "t"}),
        Locale::En,
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("userId: ids above 2^53 lose digits as JS numbers; pass them as strings"),
        "{m:?}"
    );
    assert_eq!(
        issues("getTask", json!({"userId": -1, "taskId": "t"})),
        pairs(&[("userId", "invalid_type")])
    );
}
