//! The `lianluo` binary: everything is in the library; see `lianluo::cli`.
//!
//! Its allocator is mimalloc: with glibc's, a fifth of a large build's CPU went to `malloc`
//! and `free` (millions of small strings, made and dropped on many threads; see the
//! README's dependency notes and `benches/README.md`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_purge_delay` in its `mimalloc.h`).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Memory freed is given back to the system at once, not a second later (mimalloc 3's
    // default): a build frees much on other threads than made it (the raw sources, each
    // page), and at 100k a full build peaked 9 % lower for it (`benches/README.md`,
    // session 11). The option in the environment still decides, if set: mimalloc reads it
    // (in any case, or by its old name) when the process loads, before `main`.
    let in_environment = std::env::vars_os().any(|(name, _)| {
        name.to_str().is_some_and(|name| {
            ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
                .iter()
                .any(|option| name.eq_ignore_ascii_case(option))
        })
    });
    if !in_environment {
        // SAFETY: sets an integer option, before any thread is started.
        #[allow(unsafe_code)]
        unsafe {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0)
        };
    }
    lianluo::cli::main()
}
