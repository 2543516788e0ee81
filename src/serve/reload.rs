//! The builder thread: wait for a batch of changes, fold in any that queued up meanwhile,
//! rebuild, report to the terminal, and publish the result to open tabs (a reload, with or
//! without the error overlay).
//!
//! A rebuild that panics (a bug, never the content's fault) is caught and shown like any
//! other error; the builder then re-reads the site from scratch on the next change.

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use super::incremental::{Builder, Failed};
use super::search::{Job, Worker};
use super::watcher::Batch;
use super::{Shared, inject};

/// Rebuild on every batch until the watcher goes away.
pub fn run(mut builder: Builder, shared: &Shared, search: &Worker, batches: &Receiver<Batch>) {
    while let Ok(mut batch) = batches.recv() {
        while let Ok(more) = batches.try_recv() {
            batch.merge(more);
        }
        if batch.rescan {
            builder.rescan();
        }
        once(&mut builder, shared, search, &batch.paths);
    }
}

/// One rebuild after `changed`, reported and published.
pub fn once(builder: &mut Builder, shared: &Shared, search: &Worker, changed: &HashSet<PathBuf>) {
    let site = builder.site().to_path_buf();
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| builder.rebuild(changed)));
    match result {
        Ok(Ok(report)) => {
            crate::cli::print(&site, &report.warnings);
            let phases: Vec<String> = report
                .phases
                .iter()
                .map(|(name, d)| format!("{name} {}", d.as_millis()))
                .collect();
            eprintln!(
                "{} in {} ms ({} ms): {} files read, {} of {} pages rendered, {} files written, {} deleted",
                if report.changed() {
                    "rebuilt"
                } else {
                    "checked"
                },
                report.elapsed.as_millis(),
                phases.join(", "),
                report.read,
                report.rendered,
                report.pages,
                report.written,
                report.removed,
            );
            shared.publish(None, report.changed());
            search.submit(Job {
                model: report.model,
                theme: report.theme,
                generation: shared.generation(),
            });
        }
        Ok(Err(Failed::Content(diags))) => {
            crate::cli::print(&site, &diags);
            eprintln!(
                "the content has {} errors: the last good site is still served, with the errors over it",
                diags.error_count()
            );
            shared.publish(Some(inject::overlay(&site, &diags, None)), true);
        }
        Ok(Err(Failed::Other(msg))) => {
            eprintln!("error: {msg}");
            shared.publish(
                Some(inject::overlay(&site, &Default::default(), Some(&msg))),
                true,
            );
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            let msg = format!("internal error while building (please report it): {what}");
            eprintln!("error: {msg}");
            builder.rescan();
            shared.publish(
                Some(inject::overlay(&site, &Default::default(), Some(&msg))),
                true,
            );
        }
    }
}
