//! Fuzz target: `lianluo::fuzzing::site_yaml` (see fuzz/README.md).

fn main() {
    afl::fuzz!(|data: &[u8]| lianluo::fuzzing::site_yaml(data));
}
