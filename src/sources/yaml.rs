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

/// At most this many errors are looked for in one file (each needs a parse).
const MAX_ERRORS: usize = 20;

/// A file that did not parse: every error found, and the value of the file as repaired
/// (misspelt keys read as the key they resemble, other wrong lines left out) when that
/// parses, so validation can report the file's other mistakes in the same run.
#[derive(Debug)]
pub struct Failed<T> {
    pub errors: Vec<Diagnostic>,
    pub repaired: Option<T>,
}

/// Parse `text` (the YAML part of a file described by `origin`) into `T`. On failure,
/// every error of the file that can be found, in order: serde stops at the first, so the
/// line it points at is repaired — an unknown key that resembles an allowed one renamed to
/// it, anything else blanked out with the lines nested under it — and the text parsed
/// again, until it parses or an error is not one a repair can get past (broken YAML
/// syntax). Line numbers stay those of the file.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &Origin) -> Result<T, Vec<Diagnostic>> {
    parse_repairing(text, origin).map_err(|failed| failed.errors)
}

/// [`parse`], with the repaired value on failure.
pub fn parse_repairing<T: DeserializeOwned>(text: &str, origin: &Origin) -> Result<T, Failed<T>> {
    let first = match attempt::<T>(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let tries = if text.len() > 1 << 20 { 3 } else { MAX_ERRORS };
    let mut found = vec![first];
    let mut repaired = None;
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut removed_keys: Vec<String> = Vec::new();
    while found.len() < tries {
        let last = &found[found.len() - 1];
        if !last.can_continue() || !repair(&mut lines, last, &mut removed_keys) {
            break;
        }
        match attempt::<T>(&lines.join("\n")) {
            Ok(value) => {
                repaired = Some(value);
                break;
            }
            Err(next) => {
                // A required key that was blanked away is not missing in the file.
                let spurious = next
                    .message
                    .strip_prefix("missing field")
                    .and_then(backticked)
                    .is_some_and(|k| removed_keys.iter().any(|r| r == k));
                if spurious
                    || found
                        .iter()
                        .any(|f| f.line == next.line && f.col == next.col)
                {
                    break;
                }
                found.push(next);
            }
        }
    }
    let lines: Vec<&str> = text.split('\n').collect();
    Err(Failed {
        errors: found.iter().map(|f| f.diagnostic(&lines, origin)).collect(),
        repaired,
    })
}

/// One error of serde-saphyr: its place in the text (1-based; 0 when unknown) and message.
struct Found {
    line: usize,
    col: usize,
    message: String,
}

impl Found {
    /// Errors about one key or value: a blank line gets past them.
    fn can_continue(&self) -> bool {
        self.line > 0
            && [
                "unknown field",
                "unknown variant",
                "invalid ",
                "expected",
                "externally tagged",
                "duplicate mapping key",
            ]
            .iter()
            .any(|p| self.message.starts_with(p))
    }

    fn diagnostic(&self, lines: &[&str], origin: &Origin) -> Diagnostic {
        let at = |col: usize| {
            origin.line(
                u32::try_from(self.line).unwrap_or(0),
                u32::try_from(col).unwrap_or(0),
            )
        };
        let line = self
            .line
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .copied()
            .unwrap_or("");
        if let Some((key, col)) = full_width_colon(line) {
            return Diagnostic::error(at(col), format!("the colon after `{key}` is a full-width colon `：`"))
                .hint(format!("type an ASCII colon and a space after the key: `{key}: …` (switch the input method to English punctuation, or type it in half-width mode)"));
        }
        let (message, hint) = explain(&self.message);
        if self.message.starts_with("unknown field")
            && let Some(key) = backticked(&self.message)
            && let Some(col) = flow_comma_key(line, key)
        {
            return Diagnostic::error(
                at(col),
                format!(
                    "`{key}` was read as a key: inside `{{ … }}` an ASCII comma `,` separates keys"
                ),
            )
            .hint(format!(
                "put the text in quotes (`\"…,{key}\"`), or use the Chinese comma `，`"
            ));
        }
        let d = Diagnostic::error(at(self.col), message);
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}

fn attempt<T: DeserializeOwned>(text: &str) -> Result<T, Found> {
    serde_saphyr::from_str_with_options::<T>(text, options(text.len())).map_err(|e| {
        let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let raw = e.without_snippet().render();
        Found {
            line: usize::try_from(line).unwrap_or(0),
            col: usize::try_from(col).unwrap_or(0),
            message: strip_location(&raw).to_owned(),
        }
    })
}

/// Repair the line of `error`: rename an unknown key to the allowed key it resembles
/// (when the file does not have that key already), or blank the line and the lines nested
/// under it, remembering its key. `false` when there is nothing to repair.
fn repair(lines: &mut [String], error: &Found, removed_keys: &mut Vec<String>) -> bool {
    let Some(index) = error.line.checked_sub(1).filter(|&i| i < lines.len()) else {
        return false;
    };
    if lines[index].trim().is_empty() {
        return false;
    }
    if error.message.starts_with("unknown field")
        && let Some(key) = backticked(&error.message)
        && let Some(like) = did_you_mean(key, expected_list(&error.message))
        && !lines.iter().any(|l| {
            l.trim_start_matches([' ', '-'])
                .starts_with(&format!("{like}:"))
        })
    {
        let line = &lines[index];
        let body = line.trim_start_matches([' ', '-']);
        if let Some(rest) = body.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            let prefix = &line[..line.len() - body.len()];
            lines[index] = format!("{prefix}{like}{rest}");
            return true;
        }
    }
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let own = indent(&lines[index]);
    if let Some((key, _)) = lines[index].trim_start_matches([' ', '-']).split_once(':') {
        removed_keys.push(key.trim().to_owned());
    }
    lines[index].clear();
    for next in lines.iter_mut().skip(index + 1) {
        if next.trim().is_empty() || next.trim_start().starts_with('#') {
            continue;
        }
        if indent(next) <= own {
            break;
        }
        next.clear();
    }
    true
}

/// `occupation：新华社区` — a key followed by a full-width colon: the key and the colon's
/// column (1-based, in characters).
fn full_width_colon(line: &str) -> Option<(&str, usize)> {
    let body = line.trim_start_matches([' ', '-']);
    let (key, _) = body.split_once('：')?;
    let key = key.trim();
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !is_key || key.contains(':') {
        return None;
    }
    let prefix = line.len() - body.len();
    Some((
        key,
        line[..prefix].chars().count() + key.chars().count() + 1,
    ))
}

/// The column of `key` when it follows an ASCII comma inside `{ … }` on `line`.
fn flow_comma_key(line: &str, key: &str) -> Option<usize> {
    let open = line.find('{')?;
    let at = line[open..]
        .find(&format!(",{key}"))
        .or_else(|| line[open..].find(&format!(", {key}")))?;
    let start = open + at + line[open + at..].find(key)?;
    let is_text = !key.is_ascii();
    is_text.then(|| line[..start].chars().count() + 1)
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

    fn first<T: std::fmt::Debug>(r: Result<T, Vec<Diagnostic>>) -> Diagnostic {
        r.expect_err("must fail").remove(0)
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let e = first(parse::<RawPage>("title: 关于\nwieght: 3\n", &origin()));
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
            .unwrap_or_else(|e| panic!("{}", e[0].message));
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
        let e = first(parse::<serde_json::Value>(&text, &origin()));
        assert!(e.message.contains("expands too far"), "{}", e.message);
    }

    #[test]
    fn duplicate_key_is_reported() {
        let e = first(parse::<RawPage>("title: a\ntitle: b\n", &origin()));
        assert_eq!(e.message, "the key `title` appears twice");
        assert_eq!((e.span.line, e.span.col), (3, 1));
    }

    #[test]
    fn a_list_where_one_word_belongs_is_not_called_invalid_yaml() {
        let e = first(parse::<crate::sources::raw::RawDeputy>(
            "name: a\nlevel: county\ngender: [female]\n",
            &origin(),
        ));
        assert_eq!(
            e.message,
            "wrong kind of value: expected one word here, not a list or a map"
        );
        assert_eq!((e.span.line, e.span.col), (4, 9));
    }

    #[test]
    fn wrong_number_is_explained() {
        let e = first(parse::<RawPage>("title: a\nweight: heavy\n", &origin()));
        assert_eq!(e.message, "expected a whole number here");
        assert_eq!((e.span.line, e.span.col), (3, 9));
    }

    #[test]
    fn three_mistakes_in_one_file_are_all_reported_unknown_key_first() {
        let text =
            "name: 李秀英\nlevl: county\ngender: [female]\nstations: [a]\nphoto_url: x.jpg\n";
        let errors =
            parse::<crate::sources::raw::RawDeputy>(text, &origin()).expect_err("must fail");
        let messages: Vec<(u32, &str)> = errors
            .iter()
            .map(|e| (e.span.line, e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (3, "unknown key `levl`"),
                (
                    4,
                    "wrong kind of value: expected one word here, not a list or a map"
                ),
                (6, "unknown key `photo_url`"),
            ],
            "{errors:?}"
        );
    }

    #[test]
    fn a_full_width_colon_after_a_key_is_named() {
        let e = first(parse::<crate::sources::raw::RawDeputy>(
            "name: 李秀英\nlevel: county\noccupation：新华社区党委书记\n",
            &origin(),
        ));
        assert_eq!(
            e.message,
            "the colon after `occupation` is a full-width colon `：`"
        );
        assert_eq!((e.span.line, e.span.col), (4, 11));
        assert!(e.hint.as_deref().unwrap_or("").contains("`occupation: …`"));
    }

    #[test]
    fn an_ascii_comma_in_a_flow_mapping_says_to_quote() {
        let e = first(parse::<Vec<crate::sources::raw::RawException>>(
            "- { date: 2025-11-07, note: 代表不满意,要求重新办理 }\n",
            &origin(),
        ));
        assert!(
            e.message.contains("`要求重新办理` was read as a key"),
            "{}",
            e.message
        );
        assert!(
            e.hint.as_deref().unwrap_or("").contains("，"),
            "{:?}",
            e.hint
        );
    }
}
