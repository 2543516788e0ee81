//! Fuzz target: `lianluo::fuzzing::suggestions_csv` (see fuzz/README.md).

fn main() {
    afl::fuzz!(|data: &[u8]| lianluo::fuzzing::suggestions_csv(data));
}
