//! The `lianluo` binary: everything is in the library; see `lianluo::cli`.
//!
//! Its allocator is mimalloc: with glibc's, a fifth of a large build's CPU went to `malloc`
//! and `free` (millions of small strings, made and dropped on many threads; see the
//! README's dependency notes and `benches/README.md`).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    lianluo::cli::main()
}
