//! The builder thread: wait for a batch of changes, fold in any that queued up meanwhile,
//! rebuild the pages of what changed, tell open tabs to reload, then bring the rest of the
//! site up to date — unless another change arrives first, which then goes first — and
//! hand the result to the search indexer.
//!
//! A rebuild that panics (a bug, never the content's fault) is caught and shown like any
//! other error; the builder then re-reads the site from scratch on the next change.

use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::incremental::{Builder, Failed, Report};
use super::search::{Job, Worker};
use super::watcher::Batch;
use super::{Shared, inject};

/// Rebuild on every batch until the watcher goes away.
pub fn run(mut builder: Builder, shared: &Shared, search: &Worker, batches: &Receiver<Batch>) {
    let stash: RefCell<Option<Batch>> = RefCell::new(None);
    loop {
        let next = stash.borrow_mut().take();
        let mut batch = match next {
            Some(b) => b,
            None if builder.incomplete() => match batches.try_recv() {
                Ok(b) => b,
                Err(TryRecvError::Empty) => {
                    let interrupted = || {
                        if stash.borrow().is_some() {
                            return true;
                        }
                        match batches.try_recv() {
                            Ok(b) => {
                                *stash.borrow_mut() = Some(b);
                                true
                            }
                            Err(_) => false,
                        }
                    };
                    finish(&mut builder, shared, search, &interrupted);
                    continue;
                }
                Err(TryRecvError::Disconnected) => return,
            },
            None => match batches.recv() {
                Ok(b) => b,
                Err(_) => return,
            },
        };
        while let Ok(more) = batches.try_recv() {
            batch.merge(more);
        }
        if batch.rescan {
            builder.rescan();
        }
        once(&mut builder, shared, &batch.paths);
    }
}

fn phases(report: &Report) -> String {
    let parts: Vec<String> = report
        .phases
        .iter()
        .map(|(name, d)| format!("{name} {}", d.as_millis()))
        .collect();
    parts.join(", ")
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    format!("internal error while building (please report it): {what}")
}

/// Rebuild after `changed`: read, validate, render the pages of the changed items; report
/// and publish.
pub fn once(builder: &mut Builder, shared: &Shared, changed: &HashSet<PathBuf>) {
    let site = builder.site().to_path_buf();
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| builder.rebuild(changed)));
    match result {
        Ok(Ok(report)) => {
            crate::report::print(&site, &report.warnings);
            if report.rendered > 0 {
                eprintln!(
                    "updated in {} ms ({} ms): {} files read, {} pages rendered",
                    report.elapsed.as_millis(),
                    phases(&report),
                    report.read,
                    report.rendered,
                );
            }
            shared.publish(None, report.changed());
        }
        Ok(Err(Failed::Content(diags))) => {
            crate::report::print(&site, &diags);
            let n = diags.error_count();
            eprintln!(
                "the content has {n} error{}: {}",
                if n == 1 { "" } else { "s" },
                if builder.built().is_some() {
                    "the last good site is still served, with the errors over it"
                } else {
                    "every page shows them until they are fixed"
                }
            );
            shared.publish(Some(inject::overlay(&site, &diags, None)), true);
        }
        Ok(Err(Failed::Other(msg))) => show_error(shared, &site, &msg),
        Err(panic) => {
            builder.rescan();
            show_error(shared, &site, &panic_message(panic.as_ref()));
        }
    }
}

/// Bring the rest of the site up to date, unless `interrupted()`; then index it.
pub fn finish(
    builder: &mut Builder,
    shared: &Shared,
    search: &Worker,
    interrupted: &dyn Fn() -> bool,
) {
    let site = builder.site().to_path_buf();
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| builder.complete(interrupted)));
    match result {
        Ok(Ok(Some(report))) => {
            eprintln!(
                "{} in {} ms ({} ms): {} of {} pages rendered, {} files written, {} deleted",
                if report.changed() {
                    "rebuilt"
                } else {
                    "checked"
                },
                report.elapsed.as_millis(),
                phases(&report),
                report.rendered,
                report.pages,
                report.written,
                report.removed,
            );
            if report.changed() {
                shared.reload_now();
            }
            if let Some((model, theme)) = builder.built() {
                search.submit(Job {
                    model,
                    theme,
                    further: builder.further_trees(),
                    generation: shared.generation(),
                });
            }
        }
        Ok(Ok(None)) => {}
        Ok(Err(Failed::Content(diags))) => {
            crate::report::print(&site, &diags);
            shared.publish(Some(inject::overlay(&site, &diags, None)), true);
        }
        Ok(Err(Failed::Other(msg))) => show_error(shared, &site, &msg),
        Err(panic) => {
            builder.rescan();
            show_error(shared, &site, &panic_message(panic.as_ref()));
        }
    }
}

/// Print a build error that is not about the content, and show it over every page.
fn show_error(shared: &Shared, site: &Path, msg: &str) {
    eprintln!("error: {msg}");
    shared.publish(
        Some(inject::overlay(site, &Default::default(), Some(msg))),
        true,
    );
}
