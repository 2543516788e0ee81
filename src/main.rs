//! The `lianluo` binary: everything is in the library; see `lianluo::cli`.
//!
//! Its allocator is mimalloc: with glibc's, a fifth of a large build's CPU went to `malloc`
//! and `free` (millions of small strings, made and dropped on many threads; see the
//! README's dependency notes and `benches/README.md`).
//!
//! The one setting changed as a build goes is how soon mimalloc gives freed memory back to
//! the system (`purge_delay`). While the sources load and the downloads are made (those of
//! the first language's tree), memory is freed on other threads than made it (each raw
//! source once converted, each download's rows), and given back at once (0): at 100k a full
//! build peaked 9 % lower for it (session 11), and the national build's peak is then. Once
//! the pages begin, a page's strings are made and freed a page at a time on one thread:
//! given back at once, each page's memory went to the kernel and came back zeroed for the
//! next one (a `madvise` and page faults a page), so from there mimalloc's own default
//! applies, a second (`benches/README.md`, session 16), for the rest of the process (a
//! further language's tree and `serve`'s rebuilds too). A build into the folder of an
//! earlier build of the same binary (incremental) keeps that default from its start: it
//! loads and makes all a full build does but writes little, and giving its freed memory
//! back at once cost it about a tenth of its time at 100k (session 19); its peak rose, to
//! above a full build's (the memory target is a full build's). `MIMALLOC_PURGE_DELAY` in
//! the environment decides instead, if set: mimalloc reads it (in any case, or by its old
//! name) when the process loads, before `main`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_purge_delay` in its `mimalloc.h`).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's default `purge_delay`, in milliseconds.
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;

fn main() -> std::process::ExitCode {
    // The environment's setting, if any, stands for the whole run: mimalloc has read it.
    if purge_delay_in_environment() {
        return lianluo::cli::main();
    }
    set_purge_delay(0);
    lianluo::cli::main_with(lianluo::cli::Hooks {
        pages_begin: || set_purge_delay(DEFAULT_PURGE_DELAY),
        builds_on_last: || set_purge_delay(DEFAULT_PURGE_DELAY),
    })
}

/// Whether `MIMALLOC_PURGE_DELAY` (or its old name) is set, in any case.
fn purge_delay_in_environment() -> bool {
    std::env::vars_os().any(|(name, _)| {
        name.to_str().is_some_and(|name| {
            ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
                .iter()
                .any(|option| name.eq_ignore_ascii_case(option))
        })
    })
}

/// Set mimalloc's `purge_delay` (milliseconds).
fn set_purge_delay(milliseconds: std::ffi::c_long) {
    // SAFETY: mimalloc's public call for changing an option as the program runs. It
    // makes two plain stores (the value, then "initialised"); the first call is made
    // before any thread is started, and a later one races only with threads reading
    // the already initialised option, which see the old value or the new one.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds)
    };
}
