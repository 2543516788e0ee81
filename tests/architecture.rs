//! The shape of the code, checked: the pipeline's stages import only earlier stages, no
//! hidden state is carried between them, and only the command line uses the command line.
//!
//! The declared order: the leaves (diag, report, escape, vocab, privacy, schedule) →
//! sources → model (with markdown) → site → render → output → search → pipeline → serve
//! → cli. A module may name (`crate::x`) only modules of its own rank or earlier ones.

mod common;

use std::path::Path;

/// Each top-level module of `src/` and its rank in the pipeline.
const ORDER: &[(&str, u8)] = &[
    ("diag", 0),
    ("report", 0),
    ("escape", 0),
    ("vocab", 0),
    ("privacy", 0),
    ("schedule", 0),
    ("sources", 1),
    ("markdown", 2),
    ("model", 2),
    ("site", 3),
    ("render", 4),
    ("output", 5),
    ("search", 6),
    ("pipeline", 7),
    ("fuzzing", 7),
    ("serve", 8),
    ("cli", 9),
    ("main", 10),
    ("lib", 10),
];

fn rank(module: &str) -> Option<u8> {
    ORDER.iter().find(|(m, _)| *m == module).map(|&(_, r)| r)
}

/// Every `.rs` file below `dir`, with its path relative to `src/`.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("list src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(common::repo().join("src"))
                .expect("below src")
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read_to_string(&path).expect("read")));
        }
    }
}

/// `(file, line, from, to)` for every `crate::to` named in code (comments left out).
fn references() -> Vec<(String, usize, String, String)> {
    let mut files = Vec::new();
    sources(&common::repo().join("src"), &mut files);
    let mut out = Vec::new();
    for (rel, text) in files {
        let from = rel
            .split('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_owned();
        // The code without comments, with the line each byte came from.
        let mut code = String::new();
        let mut line_of = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let kept = line.split("//").next().unwrap_or("");
            code.push_str(kept);
            code.push('\n');
            line_of.extend(std::iter::repeat_n(i + 1, kept.len() + 1));
        }
        let mut from_byte = 0;
        while let Some(at) = code[from_byte..].find("crate::") {
            let start = from_byte + at + "crate::".len();
            from_byte = start;
            for to in first_segments(&code[start..]) {
                out.push((rel.clone(), line_of[start], from.clone(), to));
            }
        }
    }
    out
}

/// The modules named right after `crate::`: one name, or each first name of a `{ … }` list.
fn first_segments(rest: &str) -> Vec<String> {
    let name = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(list) = rest.strip_prefix('{') else {
        return vec![name(rest)];
    };
    let mut names = Vec::new();
    let mut depth = 0;
    let mut item_start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(name(&list[item_start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(name(&list[item_start..i]));
                item_start = i + 1;
            }
            _ => {}
        }
    }
    names.retain(|n| !n.is_empty() && n != "self");
    names
}

#[test]
fn every_module_of_src_has_a_place_in_the_pipeline() {
    let refs = references();
    assert!(refs.len() > 100, "only {} references found", refs.len());
    let mut unknown: Vec<String> = refs
        .iter()
        .flat_map(|(_, _, from, to)| [from, to])
        .filter(|m| rank(m).is_none())
        .cloned()
        .collect();
    unknown.sort();
    unknown.dedup();
    assert!(
        unknown.is_empty(),
        "modules missing from ORDER in tests/architecture.rs: {unknown:?}"
    );
}

#[test]
fn no_stage_imports_a_later_stage() {
    let wrong: Vec<String> = references()
        .into_iter()
        .filter(|(_, _, from, to)| match (rank(from), rank(to)) {
            (Some(a), Some(b)) => b > a,
            _ => false,
        })
        .map(|(file, line, from, to)| format!("src/{file}:{line}: {from} uses {to}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "imports against the pipeline's order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn only_the_command_line_uses_the_command_line() {
    let wrong: Vec<String> = references()
        .into_iter()
        .filter(|(_, _, from, to)| to == "cli" && !matches!(from.as_str(), "cli" | "main" | "lib"))
        .map(|(file, line, ..)| format!("src/{file}:{line}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_cells_or_locks_carry_state_outside_serve() {
    let mut files = Vec::new();
    sources(&common::repo().join("src"), &mut files);
    let mut wrong = Vec::new();
    for (rel, text) in files {
        if rel.starts_with("serve/") {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for what in ["OnceLock", "OnceCell", "Mutex", "RwLock", "RefCell"] {
                if code.contains(what) {
                    wrong.push(format!("src/{rel}:{}: {what}", i + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
