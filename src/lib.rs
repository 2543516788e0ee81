//! lianluo (联络) turns a folder of YAML and Markdown about deputies, liaison stations,
//! activities and suggestions into a static website.
//!
//! The pipeline, one stage per module, each taking a value and returning a new one:
//! [`sources`] (files → raw serde types) → [`model`] (validated, cross-referenced) →
//! [`site`] (the pages and their typed contexts) → [`render`] (templates) → [`output`]
//! (minified files, swapped in atomically). [`diag`] carries every problem to the editor.

// The library has no unsafe code (the binary sets one allocator option: src/main.rs).
#![forbid(unsafe_code)]

pub mod cli;
pub mod diag;
pub mod escape;
#[doc(hidden)]
pub mod fuzzing;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod privacy;
pub mod render;
pub mod report;
pub mod schedule;
pub mod search;
pub mod serve;
pub mod site;
pub mod sources;
pub mod vocab;
