//! The options objects the package takes (constructors, calls, static functions): which
//! exist (a misspelt one would otherwise do nothing: `timeout: 100` is not `timeoutMs`,
//! `singal` is no abort signal) and which hold credentials (never shown in a message, and
//! kept out of the messages about the others).

use crate::issue::{Hint, Issue, Locale, Problem};

/// `new AgentApi({...})` (README "API", `AgentApiOptions` in the types).
pub const AGENT_API: &[&str] = &[
    "token",
    "baseUrl",
    "locale",
    "timeoutMs",
    "fetch",
    "maxResponseBytes",
];

/// `new Aiccs({...})` (README "API", `AiccsOptions` in the types).
pub const AICCS: &[&str] = &[
    "accessKeyId",
    "accessKeySecret",
    "securityToken",
    "endpoint",
    "protocol",
    "signatureVersion",
    "locale",
    "timeoutMs",
    "fetch",
    "maxResponseBytes",
];

/// `client.buildRequest(action, params, {...})` (`BuildOptions`).
pub const BUILD: &[&str] = &["nonce", "timestamp", "locale"];

/// `client.call(action, params, {...})` and every aiccs operation method (`CallOptions`).
pub const CALL: &[&str] = &["signal", "locale"];

/// `Aiccs.validate(action, params, {...})` (`ValidateOptions`).
pub const VALIDATE: &[&str] = &["locale", "now"];

/// `AgentApi.validateTaskUpdate(body, {...})`.
pub const TASK_UPDATE: &[&str] = &["variant", "locale"];

/// The other static functions' options: `AgentApi.validate`, `validateRecordIds`, `nextPage`.
pub const LOCALE: &[&str] = &["locale"];

/// The table of a client method's options, by the name the JS layer asks with.
pub fn of_method(which: &str) -> Option<&'static [&'static str]> {
    match which {
        "build" => Some(BUILD),
        "call" => Some(CALL),
        _ => None,
    }
}

/// The options that hold credentials.
pub const CREDENTIALS: &[&str] = &["token", "accessKeySecret", "securityToken"];

/// An `unknown_field` issue for each of `given` that is not in `known`, with the closest
/// known name when there is one; each named as given, up to 64 characters.
pub fn unknown<'a>(
    given: impl Iterator<Item = &'a str>,
    known: &[&'static str],
    locale: Locale,
) -> Vec<Issue> {
    given
        .filter(|k| !known.contains(k))
        .map(|k| {
            let key: String = k.chars().take(64).collect();
            let hint = crate::spelling::suggest(&key, known.iter().copied())
                .map(|s| Hint::DidYouMean(s.into()));
            Problem::UnknownField { hint }.issue(locale, &key, None)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_options_are_named_with_the_closest_known_one() {
        let issues = unknown(
            ["token", "timeout", "foo", &"x".repeat(100)].into_iter(),
            AGENT_API,
            Locale::En,
        );
        let got: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.path.as_str(), i.message.as_str()))
            .collect();
        assert_eq!(
            got[0],
            (
                "timeout",
                "timeout is not a known field (did you mean \"timeoutMs\"?)."
            )
        );
        assert_eq!(got[1].0, "foo");
        assert_eq!(got[2].0.len(), 64);
        assert!(unknown(AICCS.iter().copied(), AICCS, Locale::En).is_empty());
        assert!(CREDENTIALS
            .iter()
            .all(|c| AGENT_API.contains(c) || AICCS.contains(c)));
    }

    /// The option names of `interface name { … }` in the generated TypeScript.
    fn declared(ts: &str, name: &str) -> Vec<String> {
        let body = ts
            .split(&format!("export interface {name} {{"))
            .nth(1)
            .unwrap()
            .split("\n}")
            .next()
            .unwrap();
        let mut keys: Vec<String> = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('/') && !l.starts_with('*') && l.contains(':'))
            .map(|l| l.split([':', '?']).next().unwrap().to_string())
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_tables_are_the_options_the_types_declare() {
        let ts = crate::types_ts::render();
        for (name, table) in [
            ("AgentApiOptions", AGENT_API),
            ("AiccsOptions", AICCS),
            ("BuildOptions", BUILD),
            ("CallOptions", CALL),
            ("ValidateOptions", VALIDATE),
        ] {
            let mut ours: Vec<String> = table.iter().map(|s| s.to_string()).collect();
            ours.sort();
            assert_eq!(declared(&ts, name), ours, "{name}");
        }
    }
}
