//! How validated parameters are written on the wire, as the official SDK writes them:
//! `json` style → one compact JSON text with non-ASCII kept (serde_json writes exactly
//! what Python's `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` writes;
//! free maps in the caller's key order, SDK models in their declaration order); `simple`
//! → items joined by commas; `flat` → `Name.1.Key=…` pairs; scalars as text.
//! Booleans are written `true`/`false` (decision: the Python SDK writes `True`/`False`,
//! the JS/Go SDKs and the API docs write lowercase; the service accepts both).

use super::ops::{Loc, Op, Style};
use crate::schema::Ty;
use serde_json::{Map, Value};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    /// Sorted by name.
    pub query: Vec<(String, String)>,
    /// Sorted by name; sent as `application/x-www-form-urlencoded`.
    pub body: Vec<(String, String)>,
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Objects given where the wire wants JSON text (CallTime windows) become that text; a
/// declared object (an SDK model) is written in its declaration order, as the SDK writes
/// it (it rebuilds the model); free maps keep the caller's order.
fn to_wire_json(ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::List(list), Value::Array(items)) => Value::Array(items.iter().map(|x| to_wire_json(&list.item, x)).collect()),
        // Inside JSON text a number is a number, as the SDK writes it, even when given as
        // text (int64 digit strings, decimal strings); text that does not read stays text.
        (Ty::Int { .. }, Value::String(s)) => s.parse::<i64>().map(Value::from).unwrap_or_else(|_| v.clone()),
        // Read as a JSON `Value` (the parser the module already has: `str::parse::<f64>` or
        // `from_str::<Number>` would each add a parser, several KB gzip).
        (Ty::Number { .. }, Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(n @ Value::Number(_)) => n,
            _ => v.clone(),
        },
        (Ty::Obj(fields), Value::Object(map)) => Value::Object(
            fields.iter().filter_map(|f| map.get(f.name).filter(|x| !x.is_null()).map(|x| (f.name.to_string(), to_wire_json(&f.ty, x)))).collect(),
        ),
        (Ty::Either(Ty::JsonText(_), _), Value::Object(_)) => Value::String(v.to_string()),
        _ => v.clone(),
    }
}

/// `Name.1=…`, `Name.1.Key=…`: the official SDK's `repeatList` (its `_object_handler`): a
/// list item is numbered from 1, an object key appended after a dot, at any depth; nulls
/// and empty lists write nothing.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Null => {}
        Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| flatten(&format!("{prefix}.{}", i + 1), x, out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| flatten(&format!("{prefix}.{k}"), x, out)),
        scalar_value => out.push((prefix.to_string(), scalar(scalar_value))),
    }
}

/// Assumes `params` passed validation for `op`.
pub fn encode(op: &Op, params: &Map<String, Value>) -> Encoded {
    let mut out = Encoded::default();
    // The given values are walked, each matched to its declaration by name: an operation
    // declares up to ~40 parameters and a call gives a few, and a map lookup per declared
    // name (SipHash in wasm) cost more than the whole encoding. Both lists end sorted, so
    // the walking order does not show.
    for (name, v) in params {
        if v.is_null() {
            continue;
        }
        for param in op.params.iter().filter(|p| p.name == name) {
            let place = match param.loc {
                Loc::Query => &mut out.query,
                Loc::Body => &mut out.body,
            };
            let text = match param.style {
                Style::Plain => scalar(v),
                // serde_json::to_string writes into a Vec directly; `Value::to_string` goes
                // through fmt::Display, a formatter call per token (2× slower in wasm).
                Style::Json => serde_json::to_string(&to_wire_json(&param.ty, v)).unwrap_or_default(),
                Style::Simple => v.as_array().map(|a| a.iter().map(scalar).collect::<Vec<_>>().join(",")).unwrap_or_else(|| scalar(v)),
                Style::Flat => {
                    flatten(param.name, v, place);
                    continue;
                }
            };
            place.push((param.name.to_string(), text));
        }
    }
    out.query.sort();
    out.body.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aiccs::ops::find;
    use serde_json::json;

    fn enc(action: &str, v: Value) -> Encoded {
        encode(find(action).unwrap(), v.as_object().unwrap())
    }

    #[test]
    fn styles() {
        let e = enc("CreateAiCallTask", json!({
            "TaskName": "任务 A", "StartType": "IMMEDIATE", "CallDay": ["MONDAY", "TUESDAY"],
            "CallTime": [{"startTime": "09:00:00", "endTime": "12:00:00"}, "{\"startTime\":\"13:00:00\",\"endTime\":\"18:00:00\"}"],
            "MissCallRetry": false, "TaskCps": 5, "AgentId": null
        }));
        assert_eq!(e.query, vec![
            ("CallDay".into(), r#"["MONDAY","TUESDAY"]"#.into()),
            ("CallTime".into(), r#"["{\"startTime\":\"09:00:00\",\"endTime\":\"12:00:00\"}","{\"startTime\":\"13:00:00\",\"endTime\":\"18:00:00\"}"]"#.into()),
            ("MissCallRetry".into(), "false".into()),
            ("StartType".into(), "IMMEDIATE".into()),
            ("TaskCps".into(), "5".into()),
            ("TaskName".into(), "任务 A".into()),
        ]);
        assert!(e.body.is_empty());
        let e = enc("GetHotlineServiceStatistics", json!({"InstanceId": "i", "AgentIds": [1, "2"], "DepIds": []}));
        assert_eq!(e.query, vec![("AgentIds".into(), "1,2".into()), ("DepIds".into(), "".into()), ("InstanceId".into(), "i".into())]);
        let e = enc("ImportTaskNumberDatas", json!({"TaskId": "1", "DataType": "JSON", "PhoneNumberList": [{"calleeNumber": "138", "姓名": "张三"}]}));
        assert_eq!(e.body, vec![("PhoneNumberList".into(), r#"[{"calleeNumber":"138","姓名":"张三"}]"#.into())]);
        let e = enc("LlmSmartCall", json!({"ApplicationCode": "a", "CalledNumber": "1", "StartWordParam": {"z": 1, "a": "😀/<&>"}}));
        assert_eq!(e.query[2], ("StartWordParam".into(), r#"{"z":1,"a":"😀/<&>"}"#.into()));
        // A model is written in its declared order, nulls left out (the SDK's to_map).
        let e = enc("UpdateAiOutboundTask", json!({"InstanceId": "i", "TaskId": 1, "RecallRule": {"Interval": 5, "Count": 2}}));
        assert!(e.query.contains(&("RecallRule".into(), r#"{"Count":2,"Interval":5}"#.into())), "{:?}", e.query);
        let e = enc("UpdateModelApplication", json!({"ApplicationCode": "a", "InterruptConfig": {"StartwordProtectDuration": 1.5, "AvoidInterruptDTO": {"InterruptNum": 1}, "EnableAvoidInterrupt": null}}));
        assert!(e.query.contains(&("InterruptConfig".into(), r#"{"AvoidInterruptDTO":{"InterruptNum":1},"StartwordProtectDuration":1.5}"#.into())), "{:?}", e.query);
        // Numbers given as text are numbers inside the JSON.
        let e = enc("UpdateModelApplication", json!({"ApplicationCode": "a", "InterruptConfig": {"StartwordProtectDuration": "3.5", "AvoidInterruptDTO": {"InterruptNum": "9007199254740993"}}}));
        assert!(e.query.contains(&("InterruptConfig".into(), r#"{"AvoidInterruptDTO":{"InterruptNum":9007199254740993},"StartwordProtectDuration":3.5}"#.into())), "{:?}", e.query);
    }

    #[test]
    fn repeat_lists_are_flattened_like_the_sdk() {
        let e = enc("EditQualityRuleTag", json!({"InstanceId": "i", "AnalysisTypes": [{"Id": 7, "Name": "情绪 & tone"}, {"Id": "8"}]}));
        let want: Vec<(String, String)> = [("AnalysisTypes.1.Id", "7"), ("AnalysisTypes.1.Name", "情绪 & tone"), ("AnalysisTypes.2.Id", "8"), ("InstanceId", "i")]
            .iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(e.query, want);
        let mut out = vec![];
        flatten("X", &json!([[1, null, true], {"a": {"b": []}}, 2.5]), &mut out);
        let want: Vec<(String, String)> = [("X.1.1", "1"), ("X.1.3", "true"), ("X.3", "2.5")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(out, want);
    }
}
