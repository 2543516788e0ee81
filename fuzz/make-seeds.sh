#!/usr/bin/env bash
# Rebuild the seed corpus under fuzz/seeds/ from the demo (content/) and tests/cases/.
# Files over 8 KB are left out (AFL++ mutates small inputs far faster); duplicates too.
# The page target's inputs start with a byte that names the file (see src/fuzzing.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{front_matter,suggestions_csv,site_yaml,page}
small() { find content tests/cases "$@" -type f -size -8k | LC_ALL=C sort; }
name() { echo "$1" | tr '/' '_'; }
for f in $(small \( -path '*/deputies/*' -o -path '*/stations/*' -o -path '*/activities/*' -o -path '*/pages/*' \) -name '*.md'); do
    cp "$f" "$seeds/front_matter/$(name "$f")"
done
for f in $(small -path '*/suggestions/*' -name '*.csv'); do
    cp "$f" "$seeds/suggestions_csv/$(name "$f")"
done
for f in $(small -name site.yaml); do
    cp "$f" "$seeds/site_yaml/$(name "$f")"
done
# The page target: every file of the site it runs on (tests/cases/valid) and of the
# hostile case, and the demo's site.yaml, each under its kind's byte.
page() { { printf '%s' "$1"; cat "$2"; } > "$seeds/page/$1_$(name "$2")"; }
for f in tests/cases/{valid,hostile}/deputies/*.md; do page d "$f"; done
for f in tests/cases/{valid,hostile}/stations/*.md; do page s "$f"; done
for f in $(find tests/cases/{valid,hostile}/activities -name '*.md' | LC_ALL=C sort); do page a "$f"; done
for f in $(find tests/cases/{valid,hostile}/pages -name '*.md' | LC_ALL=C sort); do page p "$f"; done
for f in tests/cases/{valid,hostile}/suggestions/*.csv; do page c "$f"; done
for f in content/site.yaml tests/cases/{valid,hostile}/site.yaml; do page y "$f"; done
# Duplicates add nothing.
for t in "$seeds"/*; do
    (cd "$t" && md5sum -- * | sort | awk 'seen[$1]++ { print $2 }' | xargs -r rm --)
done
for t in "$seeds"/*; do echo "$t: $(ls "$t" | wc -l) files, $(du -sk "$t" | cut -f1) KB"; done
