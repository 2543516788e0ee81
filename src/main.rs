//! The `lianluo` binary: everything is in the library; see `lianluo::cli`.

fn main() -> std::process::ExitCode {
    lianluo::cli::main()
}
