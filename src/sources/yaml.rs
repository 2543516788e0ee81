//! YAML parsing with editor-friendly errors.
//!
//! serde-saphyr locates every error; this module turns its wording ("unknown field `levl`,
//! expected one of …") into what an office editor needs: which key or value is wrong, where,
//! and the fix, with a "did you mean" for typos.

use serde::de::DeserializeOwned;

use super::located::Origin;
use crate::diag::{Diagnostic, did_you_mean};

/// serde-saphyr's resource budget for a file of `len` bytes. The defaults (250,000 nodes,
/// 1,000,000 events, 64 MiB of scalars) guard against documents that expand, but they also
/// stopped a national `areas.yaml` (355,000 areas). A file's own nodes, events and scalar
/// bytes are bounded by its length, so those limits grow with the file; the limits on
/// aliases and anchors, which are what can expand, stay as they are.
fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Parse `text` (the YAML part of a file described by `origin`) into `T`.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &Origin) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options(text.len())).map_err(|e| {
        let (line, col) = e
            .location()
            .map(|l| {
                (
                    u32::try_from(l.line()).unwrap_or(0),
                    u32::try_from(l.column()).unwrap_or(0),
                )
            })
            .unwrap_or((0, 0));
        let raw = e.without_snippet().render();
        let (message, hint) = explain(strip_location(&raw));
        let d = Diagnostic::error(origin.line(line, col), message);
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    })
}

fn strip_location(msg: &str) -> &str {
    let msg = msg.trim();
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

fn backticked(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let end = start + s[start..].find('`')?;
    Some(&s[start..end])
}

fn expected_list(s: &str) -> Vec<&str> {
    s.split_once("expected one of ")
        .map(|(_, list)| list.split(", ").map(|w| w.trim_matches('`')).collect())
        .unwrap_or_default()
}

/// Translate a serde-saphyr message into (message, fix).
fn explain(msg: &str) -> (String, Option<String>) {
    if msg.contains("budget breached") {
        return (
            format!("the YAML parser stopped: this file expands too far ({msg})"),
            Some("a file may hold any number of entries, but aliases (`*name`) may not repeat anchors (`&name`) thousands of times over: write the entries out".into()),
        );
    }
    if msg.starts_with("unknown field") {
        let key = backticked(msg).unwrap_or("?");
        let valid = expected_list(msg);
        let mut hint = match did_you_mean(key, valid.iter().copied()) {
            Some(k) => format!("did you mean `{k}`? "),
            None => String::new(),
        };
        if valid.is_empty() {
            hint.push_str("remove it, or put your own data under `extra:`");
        } else {
            hint.push_str(&format!(
                "the keys allowed here are: {}; put your own data under `extra:`",
                valid.join(", ")
            ));
        }
        return (format!("unknown key `{key}`"), Some(hint));
    }
    if msg.starts_with("unknown variant") {
        let word = backticked(msg).unwrap_or("?");
        let valid = expected_list(msg);
        let hint = match did_you_mean(word, valid.iter().copied()) {
            Some(w) => format!("did you mean `{w}`? use one of: {}", valid.join(", ")),
            None => format!("use one of: {}", valid.join(", ")),
        };
        return (format!("`{word}` is not an allowed value here"), Some(hint));
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            format!("the key `{key}` appears twice"),
            Some("keep one of them: a second value would silently replace the first".into()),
        );
    }
    if msg.starts_with("missing field") {
        let key = backticked(msg).unwrap_or("?");
        return (
            format!("the required key `{key}` is missing"),
            Some(format!("add `{key}: …`")),
        );
    }
    if msg.starts_with("invalid u") || msg.starts_with("invalid i") {
        return (
            "expected a whole number here".into(),
            Some("write digits only, e.g. `3`".into()),
        );
    }
    if msg.starts_with("externally tagged enum expected") {
        return (
            "wrong kind of value: expected one word here, not a list or a map".into(),
            Some("write a single word of the allowed ones, without brackets".into()),
        );
    }
    if msg.starts_with("invalid type") || msg.starts_with("expected") {
        return (
            format!("wrong kind of value: {msg}"),
            Some(
                "a list is written `[a, b]` or as `- a` lines; a single value needs no brackets"
                    .into(),
            ),
        );
    }
    if msg.contains("boolean") {
        return ("expected `true` or `false` here".into(), None);
    }
    (
        format!("this is not valid YAML: {msg}"),
        Some(
            "check the indentation and that every `key: value` pair has a space after the colon"
                .into(),
        ),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::sources::raw::RawPage;

    fn origin() -> Origin {
        Origin::new(Arc::from(Path::new("pages/a.md")), 1)
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let e = parse::<RawPage>("title: 关于\nwieght: 3\n", &origin()).expect_err("must fail");
        assert_eq!(e.span.to_string(), "pages/a.md:3:1");
        assert_eq!(e.message, "unknown key `wieght`");
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains("did you mean `weight`?")
        );
    }

    /// Regression: the national areas.yaml (355,000 areas) breached serde-saphyr's default
    /// budget of 250,000 nodes and the whole site failed to load as "not valid YAML".
    #[test]
    fn an_areas_file_larger_than_the_default_budget_parses() {
        let mut text = String::from("areas:\n");
        for i in 0..100_000 {
            text.push_str(&format!(
                "  - {{ id: a{i}, name: 村{i}, kind: village, parent: a0 }}\n"
            ));
        }
        let areas = parse::<crate::sources::raw::RawAreasFile>(&text, &origin())
            .unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(areas.areas.len(), 100_000);
    }

    #[test]
    fn expanding_aliases_are_still_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse::<serde_json::Value>(&text, &origin()).expect_err("must fail");
        assert!(e.message.contains("expands too far"), "{}", e.message);
    }

    #[test]
    fn duplicate_key_is_reported() {
        let e = parse::<RawPage>("title: a\ntitle: b\n", &origin()).expect_err("must fail");
        assert_eq!(e.message, "the key `title` appears twice");
        assert_eq!((e.span.line, e.span.col), (3, 1));
    }

    #[test]
    fn a_list_where_one_word_belongs_is_not_called_invalid_yaml() {
        let e = parse::<crate::sources::raw::RawDeputy>(
            "name: a\nlevel: county\ngender: [female]\n",
            &origin(),
        )
        .expect_err("must fail");
        assert_eq!(
            e.message,
            "wrong kind of value: expected one word here, not a list or a map"
        );
        assert_eq!((e.span.line, e.span.col), (4, 9));
    }

    #[test]
    fn wrong_number_is_explained() {
        let e = parse::<RawPage>("title: a\nweight: heavy\n", &origin()).expect_err("must fail");
        assert_eq!(e.message, "expected a whole number here");
        assert_eq!((e.span.line, e.span.col), (3, 9));
    }
}
