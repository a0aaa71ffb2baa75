//! Operation metadata as plain JSON, derived from the same declarations that validate
//! and encode: `AgentApi.operations()` / `Aiccs.operations()`, the demo page's forms and
//! the README tables all read it, so none of them restates a limit or an enum.

use crate::issue::LenUnit;
use crate::schema::{Field, Fmt, Ty};
use serde_json::{json, Map, Value};

/// A JSON description of a value type (`{kind: "integer", minimum: 1, maximum: 500}`).
pub fn type_info(ty: &Ty) -> Value {
    match ty {
        Ty::Str { min, max, unit } => {
            let mut m = obj("string");
            if *min > 0 {
                m.insert("minLength".into(), json!(min));
            }
            if let Some(max) = max {
                m.insert("maxLength".into(), json!(max));
            }
            if *unit == LenUnit::Bytes {
                m.insert("lengthUnit".into(), json!("utf8-bytes"));
            }
            Value::Object(m)
        }
        Ty::Int { min, max, strings } => {
            let mut m = obj("integer");
            if let Some(min) = min {
                m.insert("minimum".into(), json!(min));
            }
            if let Some(max) = max {
                m.insert("maximum".into(), json!(max));
            }
            if *strings {
                m.insert("digitString".into(), json!(true));
            }
            Value::Object(m)
        }
        Ty::Id => json!({"kind": "id"}),
        Ty::Flag => json!({"kind": "flag"}),
        Ty::Bool => json!({"kind": "boolean"}),
        Ty::IntEnum(values) => {
            json!({"kind": "enum", "values": values.iter().map(|(n, _)| json!(n)).collect::<Vec<_>>(),
                   "labels": values.iter().map(|(_, l)| json!(l)).collect::<Vec<_>>()})
        }
        Ty::StrEnum(values) => json!({"kind": "enum", "values": values}),
        Ty::Format(f) => {
            json!({"kind": "format", "format": format_name(*f), "example": f.sample()})
        }
        Ty::List(l) => {
            let mut m = obj("array");
            m.insert("items".into(), type_info(&l.item));
            m.insert("minItems".into(), json!(l.min));
            if let Some(max) = l.max {
                m.insert("maxItems".into(), json!(max));
            }
            m.insert("unique".into(), json!(l.unique));
            Value::Object(m)
        }
        Ty::Obj(fields) => json!({"kind": "object", "fields": fields_info(fields)}),
        Ty::OpenObj(fields) => {
            json!({"kind": "object", "fields": fields_info(fields), "open": true})
        }
        Ty::Map => json!({"kind": "map"}),
        Ty::AnyList => json!({"kind": "any-array"}),
        Ty::JsonText(inner) => json!({"kind": "json-text", "of": type_info(inner)}),
        Ty::Digits { max } => json!({"kind": "digits", "maxLength": max}),
        Ty::Number { min: Some(min) } => json!({"kind": "number", "minimum": min}),
        Ty::Number { min: None } => json!({"kind": "number"}),
        Ty::Either(a, b) => json!({"kind": "either", "of": [type_info(a), type_info(b)]}),
    }
}

pub fn fields_info(fields: &[Field]) -> Vec<Value> {
    fields.iter().map(|f| json!({"name": f.name, "required": f.required, "doc": f.doc, "type": type_info(&f.ty)})).collect()
}

fn obj(kind: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("kind".into(), json!(kind));
    m
}

fn format_name(f: Fmt) -> &'static str {
    match f {
        Fmt::DateTime | Fmt::Timestamp => "date-time",
        Fmt::HourMinute => "time-hm",
        Fmt::HourMinuteSecond => "time-hms",
        Fmt::Date => "date",
    }
}

/// A short human summary of a type's limits, for the README tables ("1–500", "≤ 30 items").
pub fn limits(ty: &Ty) -> String {
    match ty {
        Ty::Str {
            min,
            max: Some(max),
            ..
        } if *min > 0 => format!("{min}–{max} chars"),
        Ty::Str { max: Some(max), .. } => format!("≤ {max} chars"),
        Ty::Str { min, .. } if *min > 0 => "non-empty".into(),
        Ty::Int {
            min: Some(a),
            max: Some(b),
            ..
        } => format!("{a}–{b}"),
        Ty::Int {
            min: Some(a),
            max: None,
            ..
        } => format!("≥ {a}"),
        Ty::Int {
            min: None,
            max: Some(b),
            ..
        } => format!("≤ {b}"),
        Ty::IntEnum(v) => v
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
            .join("/"),
        Ty::StrEnum(v) if v.len() <= 4 => v.join("/"),
        Ty::StrEnum(v) => format!("one of {} values", v.len()),
        Ty::Format(f) => match f {
            Fmt::DateTime | Fmt::Timestamp => "YYYY-MM-DD HH:MM:SS",
            Fmt::HourMinute => "HH:MM",
            Fmt::HourMinuteSecond => "HH:MM:SS",
            Fmt::Date => "yyyy-MM-dd",
        }
        .into(),
        Ty::List(l) => {
            let n = match (l.min, l.max) {
                (0, Some(max)) => format!("≤ {max} items"),
                (min, Some(max)) => format!("{min}–{max} items"),
                (0, None) => String::new(),
                (min, None) => format!("≥ {min} items"),
            };
            let u = if l.unique {
                "unique".to_string()
            } else {
                String::new()
            };
            let each = match limits(&l.item) {
                e if e.is_empty() => String::new(),
                e => format!("each {e}"),
            };
            [n, u, each]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        Ty::Obj(fields) | Ty::OpenObj(fields) => {
            let inner: Vec<String> = fields
                .iter()
                .map(|f| {
                    let l = limits(&f.ty);
                    let star = if f.required { "*" } else { "" };
                    if l.is_empty() {
                        format!("{}{star}", f.name)
                    } else {
                        format!("{}{star} {l}", f.name)
                    }
                })
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        Ty::Either(a, b) => match (limits(a), limits(b)) {
            (x, y) if x == y => x,
            (x, y) if x.is_empty() => y,
            (x, _) => x,
        },
        Ty::JsonText(inner) => limits(inner),
        Ty::Digits { max } => format!("≤ {max} digits"),
        Ty::Number { min: Some(min) } => format!("number ≥ {min}"),
        Ty::Number { min: None } => "number".into(),
        _ => String::new(),
    }
}

/// One aiccs operation as `Aiccs.operations()` lists it.
pub fn aiccs_operation(op: &crate::aiccs::ops::Op) -> Value {
    use crate::aiccs::ops::{Loc, Style};
    let params: Vec<Value> = op
        .params
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("name".into(), json!(p.name));
            m.insert(
                "in".into(),
                json!(if p.loc == Loc::Body { "body" } else { "query" }),
            );
            match p.style {
                Style::Json => drop(m.insert("style".into(), json!("json"))),
                Style::Simple => drop(m.insert("style".into(), json!("simple"))),
                Style::Flat => drop(m.insert("style".into(), json!("flat"))),
                Style::Plain => {}
            }
            m.insert("required".into(), json!(p.required));
            m.insert("doc".into(), json!(p.doc));
            m.insert("type".into(), type_info(&p.ty));
            Value::Object(m)
        })
        .collect();
    json!({
        "name": op.name, "action": op.name, "clientMethod": op.method_name(),
        "method": op.http_method, "path": "/", "summary": op.summary,
        "idempotent": op.idempotent, "paged": op.paging.is_some(),
        "paging": op.paging.map(|p| json!({"page": p.page, "size": p.size})),
        "params": params,
    })
}

/// One Agent API operation as `AgentApi.operations()` lists it.
pub fn agent_operation(op: &crate::agent_api::ops::Op) -> Value {
    use crate::agent_api::ops::{body_fields, Body, In, Style};
    use crate::agent_api::task_update::Variant;
    let batch_param = op.batch.map(|b| b.param);
    let mut params: Vec<Value> = op
        .params
        .iter()
        .map(|p| {
            let loc = match p.loc {
                In::Path => "path",
                In::Query => "query",
                In::Body => "body",
            };
            let mut m = Map::new();
            m.insert("name".into(), json!(p.arg));
            m.insert("wire".into(), json!(p.wire));
            m.insert("in".into(), json!(loc));
            if p.style == Style::Brackets {
                m.insert("style".into(), json!("brackets"));
            }
            m.insert("required".into(), json!(p.required));
            m.insert("doc".into(), json!(p.doc));
            let mut ty = if p.loc == In::Path {
                json!({"kind": "id"})
            } else {
                type_info(&p.ty)
            };
            // The method takes any count; `batch.perRequest` says how many go per request.
            if batch_param == Some(p.arg) {
                if let Some(t) = ty.as_object_mut() {
                    t.remove("maxItems");
                }
            }
            m.insert("type".into(), ty);
            Value::Object(m)
        })
        .collect();
    if !op.query.is_empty() {
        let required = op.query.iter().any(|f| f.required);
        params.push(json!({"name": "query", "in": "query", "required": required, "doc": "Query parameters, vendor field names.",
            "type": {"kind": "object", "fields": fields_info(op.query)}}));
    }
    match op.body {
        Body::None => {}
        Body::Task => {
            let variant = |v| json!({"kind": "object", "fields": fields_info(body_fields(v))});
            params.push(json!({"name": "body", "in": "body", "required": true, "doc": "The task settings, vendor field names.",
                "type": {"kind": "variants", "variants": {"v2": variant(Variant::V2), "legacy": variant(Variant::Legacy)}}}));
        }
        Body::Fields(fields) => {
            let mut ty = json!({"kind": "object", "fields": fields_info(fields)});
            // Rows of a batch: any count here too.
            if batch_param == Some("body.data") {
                if let Some(data) = ty["fields"]
                    .as_array_mut()
                    .and_then(|f| f.iter_mut().find(|f| f["name"] == "data"))
                {
                    if let Some(t) = data["type"].as_object_mut() {
                        t.remove("maxItems");
                    }
                }
            }
            params.push(json!({"name": "body", "in": "body", "required": true, "doc": "The request body, vendor field names.", "type": ty}));
        }
    }
    let batch = op
        .batch
        .map(|b| json!({"param": b.param, "perRequest": b.per_request}));
    json!({
        "name": op.name, "method": op.method, "path": op.path, "summary": op.summary,
        "idempotent": op.idempotent, "paged": op.paged, "batch": batch, "params": params,
    })
}

/// Both APIs' metadata as one JSON document: `{ "agentApi": [...], "aiccs": [...] }`.
/// Generated at build time into the package (the wasm carries none of it).
pub fn all_operations() -> Value {
    json!({
        "agentApi": crate::agent_api::ops::OPS.iter().map(agent_operation).collect::<Vec<_>>(),
        "aiccs": crate::aiccs::ops::all().map(aiccs_operation).collect::<Vec<_>>(),
    })
}
