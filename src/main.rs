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
    // default): a build frees the raw sources while it makes the model, from other
    // threads than read them, and the freed room was still counted when the model's
    // peak came. `MIMALLOC_PURGE_DELAY` in the environment still decides, if set.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets an integer option, before any thread is started.
        #[allow(unsafe_code)]
        unsafe {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0)
        };
    }
    lianluo::cli::main()
}
