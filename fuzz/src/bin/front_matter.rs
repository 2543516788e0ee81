//! Fuzz target: `lianluo::fuzzing::front_matter` (see fuzz/README.md).

fn main() {
    afl::fuzz!(|data: &[u8]| lianluo::fuzzing::front_matter(data));
}
