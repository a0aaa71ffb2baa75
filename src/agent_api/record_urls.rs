//! Batch recording URLs: which record ids one request may carry.

use crate::issue::{LenUnit, Locale};
use crate::schema::{Ctx, List, Ty};
use serde_json::Value;

/// The server takes at most 30 record ids per request (seed 000).
pub const MAX_RECORD_IDS: usize = 30;

pub const RECORD_IDS: List = List {
    item: Ty::Str { min: 1, max: None, unit: LenUnit::Chars },
    min: 1,
    max: Some(MAX_RECORD_IDS),
    unique: true,
};

/// Issues of a `recordIds` list: 1..30 non-empty strings, no duplicates.
pub fn validate(record_ids: &Value, locale: Locale) -> Vec<crate::Issue> {
    let mut ctx = Ctx::new(locale);
    ctx.key("recordIds", |c| c.check(&Ty::List(&RECORD_IDS), record_ids));
    ctx.issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(v: Value) -> Vec<(String, String)> {
        validate(&v, Locale::En).into_iter().map(|i| (i.path, i.code)).collect()
    }

    #[test]
    fn one_to_thirty_unique_non_empty() {
        let ids: Vec<String> = (0..30).map(|i| format!("rec-{i}")).collect();
        assert!(codes(json!(ids)).is_empty());
        assert!(codes(json!(["00075047-af8b-4e92-a897-e4ac382acc6a"])).is_empty());
        let ids31: Vec<String> = (0..31).map(|i| format!("rec-{i}")).collect();
        assert_eq!(codes(json!(ids31)), [("recordIds[30]".to_string(), "too_big".to_string())]);
        assert_eq!(codes(json!([])), [("recordIds".to_string(), "too_small".to_string())]);
        assert_eq!(codes(json!(["a", "", "a"])), [
            ("recordIds[1]".to_string(), "too_small".to_string()),
            ("recordIds[2]".to_string(), "duplicate".to_string())
        ]);
        assert_eq!(codes(json!(["a", 5])), [("recordIds[1]".to_string(), "invalid_type".to_string())]);
        assert_eq!(codes(json!("a")), [("recordIds".to_string(), "invalid_type".to_string())]);
        assert_eq!(codes(Value::Null), [("recordIds".to_string(), "invalid_type".to_string())]);
    }

    #[test]
    fn messages_name_the_field_in_both_languages() {
        let ids31: Vec<String> = (0..31).map(|i| format!("rec-{i}")).collect();
        let en = &validate(&json!(ids31), Locale::En)[0].message;
        let zh = &validate(&json!(ids31), Locale::ZhCn)[0].message;
        assert!(en.contains("recordIds[30]") && en.contains("30") && en.contains("31"), "{en}");
        assert!(zh.contains("recordIds[30]") && zh.contains("最多"), "{zh}");
    }
}
