//! Build progress on a terminal: an indicatif bar with pages per second, shown only once a
//! build has taken more than a second, and only when stderr is a terminal and `CI` is not
//! set. Everything else (logs, CI, pipes, short builds) gets just the one-line summary the
//! command prints at the end.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// How long a build runs before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Counts written pages; draws a bar when that is wanted and the build is slow.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for this process's stderr: drawn only on a terminal outside CI.
    pub fn for_stderr() -> Self {
        let wanted = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Self::new(wanted)
    }

    /// `wanted`: whether a bar may be drawn at all.
    pub fn new(wanted: bool) -> Self {
        let bar = wanted.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] [{bar:32}] {pos}/{len} · {rate} · {eta} left",
            ) {
                let style = style
                    .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} pages/s", s.per_sec());
                    })
                    .progress_chars("=> ");
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// One more page of `total` is written (called from any thread).
    pub fn page(&self, total: usize) {
        let Some(bar) = &self.bar else { return };
        if !self.shown.load(Ordering::Relaxed) {
            if self.start.elapsed() < DELAY {
                bar.inc(1);
                return;
            }
            if !self.shown.swap(true, Ordering::Relaxed) {
                bar.set_length(total as u64);
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(100));
            }
        }
        bar.inc(1);
    }

    /// Remove the bar (before the summary line is printed).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Whether the bar was ever drawn.
    #[cfg(test)]
    pub fn was_shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_when_not_wanted() {
        let p = Progress::new(false);
        for _ in 0..10 {
            p.page(10);
        }
        p.finish();
        assert!(!p.was_shown());
    }

    #[test]
    fn a_fast_build_draws_no_bar() {
        let p = Progress::new(true);
        for _ in 0..10 {
            p.page(10);
        }
        p.finish();
        assert!(!p.was_shown());
    }
}
