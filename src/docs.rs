//! The README's operation tables, rendered from the declarations (`make readme` writes
//! them between the README's markers; a test fails when the README is stale).

use crate::meta::limits;
use crate::schema::Ty;

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// `name` (limits) for each parameter that has any, required ones first and marked.
fn param_list<'a>(params: impl Iterator<Item = (&'a str, &'a Ty, bool)>) -> String {
    let mut parts: Vec<(bool, String)> = params
        .filter_map(|(name, ty, required)| {
            let l = limits(ty);
            let star = if required { "*" } else { "" };
            (required || !l.is_empty()).then(|| {
                (
                    required,
                    if l.is_empty() {
                        format!("`{name}`{star}")
                    } else {
                        format!("`{name}`{star} {l}")
                    },
                )
            })
        })
        .collect();
    parts.sort_by_key(|(required, _)| !*required);
    parts
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn agent_table() -> String {
    let mut out = String::from("| method | endpoint | retried | arguments (* required) | also checked |\n|---|---|---|---|---|\n");
    for op in crate::agent_api::ops::OPS {
        use crate::agent_api::ops::Body;
        let named = |prefix: &str, fields: &[crate::schema::Field]| -> Vec<(String, Ty, bool)> {
            fields
                .iter()
                .map(|f| (format!("{prefix}.{}", f.name), *f.ty, f.required))
                .collect()
        };
        let mut all: Vec<(String, Ty, bool)> = op
            .params
            .iter()
            .map(|p| (p.arg.to_string(), p.ty, p.required))
            .collect();
        all.extend(named("query", op.query));
        if let Body::Fields(fields) = op.body {
            all.extend(named("body", fields));
        }
        let params = param_list(all.iter().map(|(n, t, r)| (n.as_str(), t, *r)));
        let body = if matches!(op.body, Body::Task) {
            "; `body`* (v2 or legacy task)"
        } else {
            ""
        };
        out.push_str(&format!(
            "| `{}` | {} `{}` | {} | {}{} | {} |\n",
            op.name,
            op.method,
            op.path,
            if op.idempotent {
                "yes"
            } else {
                "throttling only"
            },
            cell(&params),
            body,
            cell(&op.rules)
        ));
    }
    out
}

/// The documented twenty (`sdk == false`) or the ones declared from the SDK.
pub fn aiccs_table(sdk: bool) -> String {
    let documented: Vec<&str> = crate::aiccs::ops::DOCUMENTED
        .iter()
        .map(|o| o.name)
        .collect();
    let mut out = String::from("| action | HTTP | retried | parameters checked (* required) | also checked |\n|---|---|---|---|---|\n");
    for op in crate::aiccs::ops::all().filter(|o| documented.contains(&o.name) != sdk) {
        let params = param_list(op.params.iter().map(|p| (p.name, p.ty, p.required)));
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            op.name,
            op.http_method,
            if op.idempotent {
                "yes"
            } else {
                "throttling only"
            },
            cell(&params),
            cell(&op.rules)
        ));
    }
    out
}

/// Replaces what stands between `<!-- name -->` and `<!-- /name -->` in `text`.
pub fn splice(text: &str, name: &str, content: &str) -> Option<String> {
    let (open, close) = (format!("<!-- {name} -->\n"), format!("<!-- /{name} -->"));
    let a = text.find(&open)? + open.len();
    let b = a + text[a..].find(&close)?;
    Some(format!("{}{}{}", &text[..a], content, &text[b..]))
}

/// The README with both tables brought up to date.
pub fn update_readme(text: &str) -> Option<String> {
    let t = splice(text, "ops:agent", &agent_table())?;
    let t = splice(&t, "ops:aiccs", &aiccs_table(false))?;
    splice(&t, "ops:aiccs-sdk", &aiccs_table(true))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_readme_tables_are_generated_from_the_declarations() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let text = std::fs::read_to_string(path).unwrap();
        let fresh =
            super::update_readme(&text).expect("README has the ops:agent and ops:aiccs markers");
        assert!(
            fresh == text,
            "README.md operation tables are stale: run `make readme`"
        );
    }

    #[test]
    fn splice_replaces_only_between_markers() {
        let t = "a\n<!-- x -->\nold\n<!-- /x -->\nb";
        assert_eq!(
            super::splice(t, "x", "new\n").unwrap(),
            "a\n<!-- x -->\nnew\n<!-- /x -->\nb"
        );
        assert!(super::splice("no markers", "x", "").is_none());
    }
}
