//! Printing problems to the terminal: sorted, with the source line and a caret, in colour
//! on a terminal; repeated warnings grouped. The command line and `serve` print through
//! this one function.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;

use crate::diag::Diagnostics;

/// Print diagnostics to stderr, sorted, with source snippets (colour on a terminal).
pub fn print(site: &Path, diags: &Diagnostics) {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let sorted = diags.clone().sorted();
    // Warnings that say the same thing (a schedule of every station reaching a year with no
    // holiday calendar) are shown in full a few times, then as one list of places.
    let mut same: HashMap<(&str, Option<&str>), Vec<&crate::diag::Diagnostic>> = HashMap::new();
    for d in sorted.iter() {
        if d.is_error() {
            eprintln!("{}\n", d.render(site, styled));
            continue;
        }
        let seen = same.entry((&d.message, d.hint.as_deref())).or_default();
        seen.push(d);
        if seen.len() <= SAME_WARNING_IN_FULL {
            eprintln!("{}\n", d.render(site, styled));
        }
    }
    let mut groups: Vec<_> = same
        .into_values()
        .filter(|g| g.len() > SAME_WARNING_IN_FULL)
        .collect();
    groups.sort_by_key(|g| g[0].span.to_string());
    for g in groups {
        let rest = &g[SAME_WARNING_IN_FULL..];
        let places: Vec<String> = rest
            .iter()
            .take(SAME_WARNING_PLACES)
            .map(|d| d.span.to_string())
            .collect();
        let more = rest.len().saturating_sub(SAME_WARNING_PLACES);
        let line = format!(
            "warning: {} more like the one at {}: {}{}\n",
            rest.len(),
            g[0].span,
            places.join(", "),
            if more > 0 {
                format!(" and {more} more (`lianluo check` counts them all)")
            } else {
                String::new()
            }
        );
        eprintln!("{}", crate::escape::terminal(&line));
    }
}

/// Warnings with the same message shown in full before the rest are listed by place.
const SAME_WARNING_IN_FULL: usize = 3;
/// Places listed for the rest.
const SAME_WARNING_PLACES: usize = 10;
