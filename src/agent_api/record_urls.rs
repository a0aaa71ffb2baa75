//! Batch recording URLs: which record ids one request may carry.

use crate::issue::{LenUnit, Locale};
use crate::schema::{Ctx, List, Ty};

/// The server takes at most 30 record ids per request (seed 000).
pub const MAX_RECORD_IDS: usize = 30;

pub const RECORD_IDS: List = List {
    item: Ty::Str {
        min: 1,
        max: None,
        unit: LenUnit::Chars,
    },
    min: 1,
    max: Some(MAX_RECORD_IDS),
    unique: true,
};

/// Issues of a `recordIds` list: 1..30 non-empty strings, no duplicates.
pub fn validate(record_ids: &serde_json::Value, locale: Locale) -> Vec<crate::Issue> {
    validate_json(crate::json::tape::Tape::of_value(record_ids).root(), locale)
}

/// `validate` of ids read from JSON text (the wasm entry: no `Value` is built).
#[cfg_attr(aicall_speed, optimize(speed))]
pub fn validate_json<'a, J: crate::json::Json<'a>>(
    record_ids: J,
    locale: Locale,
) -> Vec<crate::Issue> {
    let mut ctx = Ctx::new(locale);
    // None given (undefined or null): required, as the methods that take the list say.
    if record_ids.kind() == crate::json::Kind::Null {
        ctx.report_at("recordIds", crate::issue::Problem::Required, None);
    } else {
        ctx.key("recordIds", |c| c.check(&Ty::List(&RECORD_IDS), record_ids));
    }
    ctx.issues
}

/// True when `json` (as `JSON.stringify` writes it) is certainly a valid id list: 1..=30
/// non-empty strings without escapes, no two alike. One pass over the text, no allocation;
/// anything else (false) goes to `validate`, which says what is wrong.
pub fn plainly_valid(json: &str) -> bool {
    plain_count(json).is_some_and(|n| n <= MAX_RECORD_IDS)
}

/// The issues of `json` when one scan can tell them: a plain list (as `plainly_valid`) of
/// up to 64 ids has none, or only one, too many ids; `None` sends it to `validate`.
pub fn plain_issues(json: &str, locale: Locale) -> Option<Vec<crate::Issue>> {
    let n = plain_count(json)?;
    if n <= MAX_RECORD_IDS {
        return Some(Vec::new());
    }
    let mut ctx = Ctx::new(locale);
    let p = crate::issue::Problem::TooManyItems {
        max: MAX_RECORD_IDS,
        got: n,
    };
    ctx.key("recordIds", |c| {
        c.index(MAX_RECORD_IDS, |c| c.report(p, None))
    });
    Some(ctx.issues)
}

/// Most ids a plain scan takes (pairs compared one by one: at most 2,016 comparisons).
const PLAIN_MAX: usize = 64;

/// The number of ids when `json` is a list of 1..=64 distinct, non-blank strings without
/// escapes; `None` otherwise.
#[cfg_attr(aicall_speed, optimize(speed))]
fn plain_count(json: &str) -> Option<usize> {
    let b = json.as_bytes();
    if b.len() < 4 || b[0] != b'[' || b[b.len() - 1] != b']' {
        return None;
    }
    // Each item with a hash: pairs are compared by hash first, bytes only on a match.
    let mut items: [(u64, &[u8]); PLAIN_MAX] = [(0, &[]); PLAIN_MAX];
    let (mut n, mut i) = (0, 1);
    loop {
        if n == PLAIN_MAX || b.get(i) != Some(&b'"') {
            return None;
        }
        // To the closing quote, eight bytes at a time while none is a quote, a backslash or
        // a control character; an escape goes to the general path.
        let start = i + 1;
        let mut end = start;
        while let Some(w) = b.get(end..end + 8) {
            if crate::http::needs_escape(u64::from_le_bytes(
                <[u8; 8]>::try_from(w).unwrap_or([b'"'; 8]),
            )) {
                break;
            }
            end += 8;
        }
        loop {
            match b.get(end) {
                Some(b'"') => break,
                Some(b'\\') | None => return None,
                Some(_) => end += 1,
            }
        }
        let hash = crate::schema::quick_hash(&b[start..end]);
        let item = &b[start..end];
        // An empty or blank id (the general check trims, Unicode spaces too). An id that
        // starts with a visible ASCII character is neither; only others are decoded.
        let visible_first = item.first().is_some_and(|&c| c > b' ' && c < 0x80);
        if !visible_first && std::str::from_utf8(item).map_or(true, |s| s.trim().is_empty()) {
            return None;
        }
        if items[..n].iter().any(|&(h, x)| h == hash && x == item) {
            return None;
        }
        items[n] = (hash, item);
        n += 1;
        match b.get(end + 1) {
            Some(b',') => i = end + 2,
            Some(b']') if end + 2 == b.len() => return Some(n),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn plainly_valid_only_when_validate_finds_nothing() {
        let ids: Vec<String> = (0..30).map(|i| format!("rec-{i}")).collect();
        let ids31: Vec<String> = (0..31).map(|i| format!("rec-{i}")).collect();
        let texts = [
            json!(ids).to_string(),
            json!(ids31).to_string(),
            r#"["a"]"#.into(),
            r#"["录音-1","录音-2"]"#.into(),
            r#"["a","a"]"#.into(),
            r#"["a",""]"#.into(),
            "[]".into(),
            r#"["a\"b"]"#.into(),
            r#"["a\\","a\\"]"#.into(),
            r#"["a",5]"#.into(),
            r#"["a"] "#.into(),
            r#"[ "a"]"#.into(),
            r#"["a",]"#.into(),
            r#"["a""#.into(),
            "\"a\"".into(),
            r#"["a"],["b"]"#.into(),
            r#"["a","b"]x"#.into(),
            "null".into(),
            r#"{"a":1}"#.into(),
            r#"[" "]"#.into(),
            "[\"\u{3000}\"]".into(),
            "[\"a\",\"\u{a0}\"]".into(),
            r#"[" a "]"#.into(),
        ];
        let mut plain = 0;
        for t in &texts {
            let v: Option<Value> = serde_json::from_str(t).ok();
            if plainly_valid(t) {
                plain += 1;
                assert!(validate(&v.expect(t), Locale::En).is_empty(), "{t}");
            }
        }
        assert_eq!(
            plain, 4,
            "the 30 ids, one id, Chinese ids, an id with spaces around"
        );
    }

    /// Ids of every length around the eight-byte steps of the scan, with a quote, a
    /// backslash or a near-duplicate at each place: the scan says "plain" exactly when
    /// validation finds nothing and the text has no escape.
    #[test]
    fn plainly_valid_at_every_offset() {
        for len in 1..=40 {
            let base: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            for at in 0..len {
                let mut other = base.clone().into_bytes();
                other[at] = b'Z';
                let other = String::from_utf8(other).unwrap();
                let mut quoted = base.clone();
                quoted.insert(at, '"');
                let mut slashed = base.clone();
                slashed.insert(at, '\\');
                for (ids, plain) in [
                    (json!([base, other]), true),
                    (json!([base, base.clone()]), false),
                    (json!([quoted, other]), false),
                    (json!([slashed, other]), false),
                ] {
                    let text = ids.to_string();
                    assert_eq!(plainly_valid(&text), plain, "{text}");
                    if plain {
                        assert!(validate(&ids, Locale::En).is_empty(), "{text}");
                    }
                }
            }
        }
    }

    /// Plain lists of every length up to past the scan's limit: the scan's issues, when it
    /// gives any, are exactly `validate`'s (English and Chinese).
    #[test]
    fn plain_issues_are_validates() {
        for n in 1..=70 {
            let ids: Vec<String> = (0..n)
                .map(|i| format!("00075047-af8b-4e92-a897-e4ac382a{i:04}"))
                .collect();
            let text = json!(ids).to_string();
            for locale in [Locale::En, Locale::ZhCn] {
                match plain_issues(&text, locale) {
                    Some(issues) => assert_eq!(issues, validate(&json!(ids), locale), "{n}"),
                    None => assert!(n > PLAIN_MAX, "{n}"),
                }
            }
            assert_eq!(plainly_valid(&text), n <= MAX_RECORD_IDS);
        }
        assert_eq!(plain_issues(r#"["a","a"]"#, Locale::En), None);
    }

    fn codes(v: Value) -> Vec<(String, String)> {
        validate(&v, Locale::En)
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect()
    }

    #[test]
    fn one_to_thirty_unique_non_empty() {
        let ids: Vec<String> = (0..30).map(|i| format!("rec-{i}")).collect();
        assert!(codes(json!(ids)).is_empty());
        assert!(codes(json!(["00075047-af8b-4e92-a897-e4ac382acc6a"])).is_empty());
        let ids31: Vec<String> = (0..31).map(|i| format!("rec-{i}")).collect();
        assert_eq!(
            codes(json!(ids31)),
            [("recordIds[30]".to_string(), "too_big".to_string())]
        );
        assert_eq!(
            codes(json!([])),
            [("recordIds".to_string(), "too_small".to_string())]
        );
        assert_eq!(
            codes(json!(["a", "", "a"])),
            [
                ("recordIds[1]".to_string(), "too_small".to_string()),
                ("recordIds[2]".to_string(), "duplicate".to_string())
            ]
        );
        assert_eq!(
            codes(json!(["a", 5])),
            [("recordIds[1]".to_string(), "invalid_type".to_string())]
        );
        assert_eq!(
            codes(json!("a")),
            [("recordIds".to_string(), "invalid_type".to_string())]
        );
        assert_eq!(
            codes(Value::Null),
            [("recordIds".to_string(), "required".to_string())]
        );
    }

    #[test]
    fn messages_name_the_field_in_both_languages() {
        let ids31: Vec<String> = (0..31).map(|i| format!("rec-{i}")).collect();
        let en = &validate(&json!(ids31), Locale::En)[0].message;
        let zh = &validate(&json!(ids31), Locale::ZhCn)[0].message;
        assert!(
            en.contains("recordIds[30]") && en.contains("30") && en.contains("31"),
            "{en}"
        );
        assert!(zh.contains("recordIds[30]") && zh.contains("最多"), "{zh}");
    }
}
