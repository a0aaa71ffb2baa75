//! How validated parameters are written on the wire, as the official SDK writes them:
//! `json` style → one compact JSON text with non-ASCII kept (serde_json writes exactly
//! what Python's `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` writes,
//! keys in the caller's order); `simple` → items joined by commas; scalars as text.
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

/// Objects given where the wire wants JSON text (CallTime windows) become that text.
fn to_wire_json(ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::List(list), Value::Array(items)) => Value::Array(items.iter().map(|x| to_wire_json(&list.item, x)).collect()),
        (Ty::Either(Ty::JsonText(_), _), Value::Object(_)) => Value::String(v.to_string()),
        _ => v.clone(),
    }
}

/// Assumes `params` passed validation for `op`.
pub fn encode(op: &Op, params: &Map<String, Value>) -> Encoded {
    let mut out = Encoded::default();
    for param in op.params {
        let Some(v) = params.get(param.name).filter(|v| !v.is_null()) else { continue };
        let text = match param.style {
            Style::Plain => scalar(v),
            Style::Json => to_wire_json(&param.ty, v).to_string(),
            Style::Simple => v.as_array().map(|a| a.iter().map(scalar).collect::<Vec<_>>().join(",")).unwrap_or_else(|| scalar(v)),
        };
        match param.loc {
            Loc::Query => out.query.push((param.name.to_string(), text)),
            Loc::Body => out.body.push((param.name.to_string(), text)),
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
    }
}
