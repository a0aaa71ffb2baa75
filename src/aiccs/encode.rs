//! How validated parameters are written on the wire, as the official SDK writes them:
//! `json` style → one compact JSON text with non-ASCII kept (serde_json writes exactly
//! what Python's `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` writes;
//! free maps in the caller's key order, SDK models in their declaration order); `simple`
//! → items joined by commas; `flat` → `Name.1.Key=…` pairs; scalars as text.
//! Booleans are written `true`/`false` (decision: the Python SDK writes `True`/`False`,
//! the JS/Go SDKs and the API docs write lowercase; the service accepts both).

use super::ops::{Loc, Op, Style};
use crate::http::json_str;
use crate::json::{Json, Kind};
use crate::schema::Ty;
use std::collections::HashMap;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    /// Sorted by name.
    pub query: Vec<(String, String)>,
    /// Sorted by name; sent as `application/x-www-form-urlencoded`.
    pub body: Vec<(String, String)>,
}

fn scalar<'a, J: Json<'a>>(v: J) -> String {
    match v.kind() {
        Kind::String => v.as_str().unwrap_or_default().to_string(),
        Kind::Bool => v.as_bool().unwrap_or_default().to_string(),
        Kind::Null => String::new(),
        Kind::Number => v.number_text().unwrap_or_default(),
        Kind::Array | Kind::Object => crate::json::text(&v.to_value()),
    }
}

/// The compact JSON of `v` as serde_json writes it (non-ASCII kept). An object goes
/// through its `Value`: a repeated key keeps its first place and its last value there.
fn write_plain<'a, J: Json<'a>>(v: J, out: &mut String) {
    match v.kind() {
        Kind::Null => out.push_str("null"),
        Kind::Bool => out.push_str(if v.as_bool().unwrap_or_default() {
            "true"
        } else {
            "false"
        }),
        Kind::Number => out.push_str(&v.number_text().unwrap_or_default()),
        Kind::String => json_str(out, v.as_str().unwrap_or_default()),
        Kind::Array => {
            out.push('[');
            for (i, x) in v
                .items()
                .into_iter()
                .flat_map(|(_, items)| items)
                .enumerate()
            {
                if i > 0 {
                    out.push(',');
                }
                write_plain(x, out);
            }
            out.push(']');
        }
        Kind::Object => out.push_str(&serde_json::to_string(&v.to_value()).unwrap_or_default()),
    }
}

/// The wire JSON of a `json`-style value, written into `out`. Objects given where the wire
/// wants JSON text (CallTime windows) become that text; a declared object (an SDK model)
/// is written in its declaration order, as the SDK writes it (it rebuilds the model); free
/// maps keep the caller's order.
fn write_wire_json<'a, J: Json<'a>>(ty: &Ty, v: J, out: &mut String) {
    match (ty, v.kind()) {
        (Ty::List(list), Kind::Array) => {
            out.push('[');
            for (i, x) in v
                .items()
                .into_iter()
                .flat_map(|(_, items)| items)
                .enumerate()
            {
                if i > 0 {
                    out.push(',');
                }
                write_wire_json(&list.item, x, out);
            }
            out.push(']');
        }
        // Inside JSON text a number is a number, as the SDK writes it, even when given as
        // text (int64 digit strings, decimal strings); text that does not read stays text.
        (Ty::Int { .. }, Kind::String) => match scalar(v).parse::<i64>() {
            Ok(n) => out.push_str(&n.to_string()),
            Err(_) => write_plain(v, out),
        },
        // Read as a JSON `Value`, exactly (`json::read`; `str::parse::<f64>` would add a
        // second float parser, 13 KB gzip).
        (Ty::Number { .. }, Kind::String) => match crate::json::read(&scalar(v)) {
            Ok(n @ serde_json::Value::Number(_)) => out.push_str(&crate::json::text(&n)),
            _ => write_plain(v, out),
        },
        (Ty::Obj(fields), Kind::Object) => {
            out.push('{');
            let mut first = true;
            for f in fields.iter() {
                if let Some(x) = v.get(f.name).filter(|x| !x.is_null()) {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    json_str(out, f.name);
                    out.push(':');
                    write_wire_json(f.ty, x, out);
                }
            }
            out.push('}');
        }
        (Ty::Either(Ty::JsonText(_), _), Kind::Object) => {
            let mut text = String::new();
            write_plain(v, &mut text);
            json_str(out, &text);
        }
        _ => write_plain(v, out),
    }
}

/// The members of an object that serde_json's map keeps: of a repeated key, the last
/// (its place does not matter here: the encoded pairs are sorted). Linear at any size.
fn kept_members<'a, J: Json<'a>>(v: J) -> Vec<(&'a str, J)> {
    let all: Vec<(&'a str, J)> = v.members().into_iter().flatten().collect();
    if all.len() <= 16 {
        return all
            .iter()
            .enumerate()
            .filter(|(i, (k, _))| all[i + 1..].iter().all(|(k2, _)| k2 != k))
            .map(|(_, m)| *m)
            .collect();
    }
    let last: HashMap<&str, usize> = all.iter().enumerate().map(|(i, (k, _))| (*k, i)).collect();
    all.iter()
        .enumerate()
        .filter(|(i, (k, _))| last.get(k) == Some(i))
        .map(|(_, m)| *m)
        .collect()
}

/// `Name.1=…`, `Name.1.Key=…`: the official SDK's `repeatList` (its `_object_handler`): a
/// list item is numbered from 1, an object key appended after a dot, at any depth; nulls
/// and empty lists write nothing.
fn flatten<'a, J: Json<'a>>(prefix: &str, v: J, out: &mut Vec<(String, String)>) {
    match v.kind() {
        Kind::Null => {}
        Kind::Array => v
            .items()
            .into_iter()
            .flat_map(|(_, items)| items)
            .enumerate()
            .for_each(|(i, x)| flatten(&format!("{prefix}.{}", i + 1), x, out)),
        Kind::Object => kept_members(v)
            .into_iter()
            .for_each(|(k, x)| flatten(&format!("{prefix}.{k}"), x, out)),
        _ => out.push((prefix.to_string(), scalar(v))),
    }
}

/// Whether `flatten` writes anything for `v`: a required flat parameter that writes
/// nothing (`[]`, `[{}]`, `[{"Id": null}]`) is missing on the wire.
pub fn flat_writes<'a, J: Json<'a>>(v: J) -> bool {
    match v.kind() {
        Kind::Null => false,
        Kind::Array => v
            .items()
            .is_some_and(|(_, mut items)| items.any(flat_writes)),
        Kind::Object => kept_members(v).into_iter().any(|(_, x)| flat_writes(x)),
        _ => true,
    }
}

/// Assumes `params` (an object) passed validation for `op`.
pub fn encode<'a, J: Json<'a>>(op: &Op, params: J) -> Encoded {
    encode_given(op, &super::validate::given(op, params))
}

/// `encode` of the value given for each declared parameter of `op` (`validate::given`).
pub fn encode_given<'a, J: Json<'a>>(op: &Op, given: &[Option<J>]) -> Encoded {
    let mut out = Encoded::default();
    // Both lists end sorted, so the walking order does not show.
    for (param, &v) in op.params.iter().zip(given) {
        let Some(v) = v.filter(|v| !v.is_null()) else {
            continue;
        };
        let place = match param.loc {
            Loc::Query => &mut out.query,
            Loc::Body => &mut out.body,
        };
        let text = match param.style {
            Style::Plain => scalar(v),
            Style::Json => {
                let mut text = String::new();
                write_wire_json(param.ty, v, &mut text);
                text
            }
            Style::Simple => match v.items() {
                Some((_, items)) => items.map(scalar).collect::<Vec<_>>().join(","),
                None => scalar(v),
            },
            Style::Flat => {
                flatten(param.name, v, place);
                continue;
            }
        };
        place.push((param.name.to_string(), text));
    }
    crate::sort::sort_pairs(&mut out.query);
    crate::sort::sort_pairs(&mut out.body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aiccs::ops::find;
    use serde_json::json;

    use serde_json::Value;

    fn enc(action: &str, v: Value) -> Encoded {
        let e = encode(find(action).unwrap(), &v);
        // The same from the JSON text, read through the tape.
        let text = v.to_string();
        let tape = crate::json::tape::Tape::parse(&text).unwrap();
        assert_eq!(encode(find(action).unwrap(), tape.root()), e, "{text}");
        e
    }

    #[test]
    fn styles() {
        let e = enc(
            "CreateAiCallTask",
            json!({
                "TaskName": "任务 A", "StartType": "IMMEDIATE", "CallDay": ["MONDAY", "TUESDAY"],
                "CallTime": [{"startTime": "09:00:00", "endTime": "12:00:00"}, "{\"startTime\":\"13:00:00\",\"endTime\":\"18:00:00\"}"],
                "MissCallRetry": false, "TaskCps": 5, "AgentId": null
            }),
        );
        assert_eq!(e.query, vec![
            ("CallDay".into(), r#"["MONDAY","TUESDAY"]"#.into()),
            ("CallTime".into(), r#"["{\"startTime\":\"09:00:00\",\"endTime\":\"12:00:00\"}","{\"startTime\":\"13:00:00\",\"endTime\":\"18:00:00\"}"]"#.into()),
            ("MissCallRetry".into(), "false".into()),
            ("StartType".into(), "IMMEDIATE".into()),
            ("TaskCps".into(), "5".into()),
            ("TaskName".into(), "任务 A".into()),
        ]);
        assert!(e.body.is_empty());
        let e = enc(
            "GetHotlineServiceStatistics",
            json!({"InstanceId": "i", "AgentIds": [1, "2"], "DepIds": []}),
        );
        assert_eq!(
            e.query,
            vec![
                ("AgentIds".into(), "1,2".into()),
                ("DepIds".into(), "".into()),
                ("InstanceId".into(), "i".into())
            ]
        );
        let e = enc(
            "ImportTaskNumberDatas",
            json!({"TaskId": "1", "DataType": "JSON", "PhoneNumberList": [{"calleeNumber": "138", "姓名": "张三"}]}),
        );
        assert_eq!(
            e.body,
            vec![(
                "PhoneNumberList".into(),
                r#"[{"calleeNumber":"138","姓名":"张三"}]"#.into()
            )]
        );
        let e = enc(
            "LlmSmartCall",
            json!({"ApplicationCode": "a", "CalledNumber": "1", "StartWordParam": {"z": 1, "a": "😀/<&>"}}),
        );
        assert_eq!(
            e.query[2],
            ("StartWordParam".into(), r#"{"z":1,"a":"😀/<&>"}"#.into())
        );
        // A model is written in its declared order, nulls left out (the SDK's to_map).
        let e = enc(
            "UpdateAiOutboundTask",
            json!({"InstanceId": "i", "TaskId": 1, "RecallRule": {"Interval": 5, "Count": 2}}),
        );
        assert!(
            e.query
                .contains(&("RecallRule".into(), r#"{"Count":2,"Interval":5}"#.into())),
            "{:?}",
            e.query
        );
        let e = enc(
            "UpdateModelApplication",
            json!({"ApplicationCode": "a", "InterruptConfig": {"StartwordProtectDuration": 1.5, "AvoidInterruptDTO": {"InterruptNum": 1}, "EnableAvoidInterrupt": null}}),
        );
        assert!(
            e.query.contains(&(
                "InterruptConfig".into(),
                r#"{"AvoidInterruptDTO":{"InterruptNum":1},"StartwordProtectDuration":1.5}"#.into()
            )),
            "{:?}",
            e.query
        );
        // Numbers given as text are numbers inside the JSON.
        let e = enc(
            "UpdateModelApplication",
            json!({"ApplicationCode": "a", "InterruptConfig": {"StartwordProtectDuration": "3.5", "AvoidInterruptDTO": {"InterruptNum": "9007199254740993"}}}),
        );
        assert!(e.query.contains(&("InterruptConfig".into(), r#"{"AvoidInterruptDTO":{"InterruptNum":9007199254740993},"StartwordProtectDuration":3.5}"#.into())), "{:?}", e.query);
    }

    /// A float given in a `Value` is written as serde_json writes that float, digit for
    /// digit: the tape copy keeps its bits (serde_json reads its own text of
    /// 6.934698245112694e276 back as …693e276: a copy through text sent other digits).
    #[test]
    fn floats_from_a_value_keep_their_digits() {
        // Spread over the bit patterns (a fixed LCG), plus values that came out wrong.
        let mut bits = 0x9e37_79b9_7f4a_7c15_u64;
        let spread = std::iter::from_fn(|| {
            bits = bits
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            Some(f64::from_bits(bits)).filter(|x| x.is_finite())
        });
        let known = [
            123456789.12345679_f64,
            1e-28,
            6.934698245112694e276,
            0.1,
            -2.5e-308,
            5e-324,
            -0.0,
        ];
        for x in known.into_iter().chain(spread.take(20_000)) {
            let v =
                json!({"ApplicationCode": "a", "CalledNumber": "1", "StartWordParam": {"k": x}});
            // As `build_request` reads a `Value`: copied into a tape.
            let tape = crate::json::tape::Tape::of_value(&v);
            let e = encode(find("LlmSmartCall").unwrap(), tape.root());
            let want = format!(r#"{{"k":{}}}"#, serde_json::Value::from(x));
            assert!(
                e.query
                    .iter()
                    .any(|(k, t)| k == "StartWordParam" && *t == want),
                "{x:e}: {:?}",
                e.query
            );
        }
    }

    #[test]
    fn repeat_lists_are_flattened_like_the_sdk() {
        let e = enc(
            "EditQualityRuleTag",
            json!({"InstanceId": "i", "AnalysisTypes": [{"Id": 7, "Name": "情绪 & tone"}, {"Id": "8"}]}),
        );
        let want: Vec<(String, String)> = [
            ("AnalysisTypes.1.Id", "7"),
            ("AnalysisTypes.1.Name", "情绪 & tone"),
            ("AnalysisTypes.2.Id", "8"),
            ("InstanceId", "i"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(e.query, want);
        let mut out = vec![];
        flatten(
            "X",
            &json!([[1, null, true], {"a": {"b": []}}, 2.5]),
            &mut out,
        );
        // A repeated key: the last value counts, as serde_json reads the text.
        let text = r#"[{"a": 1, "b": 2, "a": 3}]"#;
        let tape = crate::json::tape::Tape::parse(text).unwrap();
        let mut twice = vec![];
        flatten("Y", tape.root(), &mut twice);
        twice.sort();
        assert_eq!(
            twice,
            vec![
                ("Y.1.a".to_string(), "3".to_string()),
                ("Y.1.b".to_string(), "2".to_string())
            ]
        );
        let want: Vec<(String, String)> = [("X.1.1", "1"), ("X.1.3", "true"), ("X.3", "2.5")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(out, want);
    }
}
