//! Where a build's time goes, for `build --timings` and the benchmarks: page rendering,
//! minifying and writing are summed over all threads (they overlap in parallel); the other
//! files and the search index are wall time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Phase times measured while writing, shared by the worker threads.
#[derive(Debug, Default)]
pub struct Clock {
    render: AtomicU64,
    minify: AtomicU64,
    write: AtomicU64,
    other: AtomicU64,
    search: AtomicU64,
}

/// A phase of output.
#[derive(Debug, Clone, Copy)]
pub enum Phase {
    Render,
    Minify,
    Write,
    Other,
    Search,
}

impl Clock {
    /// Add the time since `start` to `phase`; returns now, to start the next phase.
    pub fn lap(&self, phase: Phase, start: Instant) -> Instant {
        let now = Instant::now();
        let nanos = u64::try_from((now - start).as_nanos()).unwrap_or(u64::MAX);
        let counter = match phase {
            Phase::Render => &self.render,
            Phase::Minify => &self.minify,
            Phase::Write => &self.write,
            Phase::Other => &self.other,
            Phase::Search => &self.search,
        };
        counter.fetch_add(nanos, Ordering::Relaxed);
        now
    }

    pub fn times(&self) -> Times {
        let d = |a: &AtomicU64| Duration::from_nanos(a.load(Ordering::Relaxed));
        Times {
            render: d(&self.render),
            minify: d(&self.minify),
            write: d(&self.write),
            other: d(&self.other),
            search: d(&self.search),
        }
    }
}

/// The measured phase times of one build.
#[derive(Debug, Default, Clone, Copy)]
pub struct Times {
    pub render: Duration,
    pub minify: Duration,
    pub write: Duration,
    pub other: Duration,
    pub search: Duration,
}
