#!/usr/bin/env bash
# The CI smoke run of the fuzz targets (fuzz/README.md): install cargo-afl and build AFL++
# if missing, build the targets, run each for FUZZ_SECONDS (15 by default, about a minute
# for the four), and fail if any found a crash or a hang.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-15}
targets=(front_matter suggestions_csv site_yaml page)

if ! command -v cargo-afl >/dev/null; then
    cargo install cargo-afl --locked
fi
# AFL++ itself (cargo-afl may have built it when installed: then this says so and stops).
log=$(mktemp)
if ! cargo afl config --build >"$log" 2>&1; then
    grep -q 'already built' "$log" || { cat "$log" >&2; exit 1; }
fi
rm -f "$log"

cargo afl build --release --locked --bins

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
out=$(mktemp -d)
export LIANLUO_FUZZ_TMP="$out/tmp"
mkdir -p "$LIANLUO_FUZZ_TMP"
trap 'rm -rf "$out"' EXIT
failed=0
for t in "${targets[@]}"; do
    # -t: the page target builds a whole site per input; the others take microseconds.
    cargo afl fuzz -V "$seconds" -t 5000 -i "seeds/$t" -o "$out/$t" -x dict/lianluo.dict \
        "target/release/$t" >"$out/$t.log" 2>&1 || { tail -30 "$out/$t.log" >&2; failed=1; continue; }
    stats="$out/$t/default/fuzzer_stats"
    execs=$(awk -F' *: *' '$1 == "execs_done" { print $2 }' "$stats")
    crashes=$(awk -F' *: *' '$1 == "saved_crashes" { print $2 }' "$stats")
    hangs=$(awk -F' *: *' '$1 == "saved_hangs" { print $2 }' "$stats")
    echo "fuzz $t: $execs execs in ${seconds} s, $crashes crashes, $hangs hangs"
    if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
        failed=1
        for f in "$out/$t"/default/{crashes,hangs}/id:*; do
            [ -e "$f" ] || continue
            echo "  $f:" >&2
            base64 -w 76 "$f" >&2
        done
    fi
done
exit "$failed"
