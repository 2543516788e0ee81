#!/usr/bin/env bash
# benches/compare.sh — lianluo side by side with Hugo on the same generated deputies.
#
#   SIZES="10000 100000" RUNS=3 benches/compare.sh
#
# For each size in SIZES (deputies), the script generates one site with
# `gensite --deputies N --seed 42`, makes a Hugo site from benches/hugo/ (hugo.toml and
# minimal layouts) whose content/deputies/ holds the SAME Markdown files (hard links), and
# then runs, alternating, lianluo, hugo, lianluo, hugo … RUNS times each:
#
#   lianluo build SITE --out OUT --as-of 2026-11-23 --timings
#   hugo --source HUGO --destination OUT --minify --quiet
#
# each under `/usr/bin/time -v` (wall time, peak resident set size). It prints a Markdown
# table (pages written = index.html files, medians, ratios lianluo/hugo, lianluo's µs per
# page and bytes of peak memory per deputy) and appends it to benches/results-<date>.md.
#
# NOT like for like: lianluo builds the WHOLE site (deputies, areas, electing units,
# stations, calendars, activities, suggestions, open data, feeds, the search index …),
# Hugo only the deputy pages, their list and the home page.
#
# Environment:
#   SIZES     deputies per site, space-separated (default "10000 100000")
#   RUNS      timed runs per tool and size (default 3)
#   PHASES    1 (default): also run `lianluo check` once per size (the model's own memory);
#             the split of lianluo's time by phase comes from `build --timings` either way
#   WORK      working folder (default: a new /tmp/lianluo-compare.XXXXXX)
#   KEEP      1: keep WORK (sites and outputs) at the end; default: delete it
#   RESULTS   the results file (default benches/results-<date>.md; appended to)
#
# Every run writes into a fresh folder; the outputs are deleted when the script ends, not
# between runs: after a large `rm -rf`, ext4 creates files slowly for minutes
# (recently_deleted inodes, see benches/README.md), which would slow whichever run came next.
# `sync` runs before each timed run (outside the timing) so that one run's dirty pages are
# not written back during the next.
#
# Needs: cargo; installs Hugo and GNU time from Debian's packages when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${SIZES:-10000 100000}
RUNS=${RUNS:-3}
PHASES=${PHASES:-1}
KEEP=${KEEP:-0}
AS_OF=2026-11-23
SEED=42
DATE=$(date +%F)
RESULTS=${RESULTS:-$ROOT/benches/results-$DATE.md}

log() { printf '[compare %s] %s\n' "$(date +%T)" "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------- tools
missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    if ! as_root apt-get install -y "${missing[@]}"; then
        as_root apt-get update
        as_root apt-get install -y "${missing[@]}"
    fi
fi

log "building lianluo and gensite (release)"
(cd "$ROOT" && cargo build --release --quiet --bins --example gensite)

if [ -z "${WORK:-}" ]; then
    WORK=$(mktemp -d /tmp/lianluo-compare.XXXXXX)
fi
mkdir -p "$WORK/bin"

# Delete big trees with several rm -rf in parallel, one per sub-folder.
remove_tree() {
    local d
    for d in "$@"; do
        [ -e "$d" ] || continue
        find "$d" -mindepth 1 -maxdepth 1 -print0 | xargs -0 -r -n 1 -P 4 rm -rf
        rm -rf "$d"
    done
}
cleanup() {
    if [ "$KEEP" = 1 ]; then
        log "kept $WORK"
    else
        log "deleting $WORK"
        local d
        for d in "$WORK"/*; do remove_tree "$d" & done
        wait
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

# Copies, so that another build in the same target/ cannot swap the binary mid-run.
cp "$ROOT/target/release/lianluo" "$WORK/bin/lianluo"
cp "$ROOT/target/release/examples/gensite" "$WORK/bin/gensite"
LIANLUO=$WORK/bin/lianluo
GENSITE=$WORK/bin/gensite
export HUGO_CACHEDIR=$WORK/hugo-cache

rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- src Cargo.toml Cargo.lock themes 2>/dev/null)" ]; then
    rev="$rev+changes"
fi
hugo_version=$(hugo version | sed -E 's/^hugo v?([^ ]+).*/\1/')
cpus=$(nproc)
mem_gib=$(free -g | awk '/^Mem:/ {print $2}')

# ---------------------------------------------------------------- helpers
# seconds from GNU time's "h:mm:ss" or "m:ss.ss"
to_seconds() {
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"
}
# median of the numbers given as arguments
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
load1() { cut -d' ' -f1 /proc/loadavg; }

# run NAME LOGFILE CMD... — timed; sets WALL (s) and RSS_KB
run_timed() {
    local name=$1 logf=$2
    shift 2
    local tf=$logf.time
    if ! /usr/bin/time -v -o "$tf" "$@" >"$logf" 2>&1; then
        log "$name failed; last lines of $logf:"
        tail -n 20 "$logf" >&2
        exit 1
    fi
    WALL=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tf")")
    RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tf")
    USER_S=$(sed -n 's/.*User time (seconds): //p' "$tf")
    SYS_S=$(sed -n 's/.*System time (seconds): //p' "$tf")
}

# pages (index.html), files and bytes of an output folder
count_output() {
    PAGES=$(find "$1" -name index.html -type f | wc -l)
    read -r FILES BYTES < <(find "$1" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
}

fmt() { printf "%.${2:-2}f" "$1"; }
# 1234567 -> 1,234,567
group() { sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<<"$1"; }

# ---------------------------------------------------------------- runs
table=$WORK/table.md
raw=$WORK/raw.md
phases=$WORK/phases.md
notes=$WORK/notes.md
: >"$table"
: >"$raw"
: >"$phases"
: >"$notes"

for n in $SIZES; do
    site=$WORK/site-$n
    hsite=$WORK/hugo-$n
    outs=$WORK/out-$n
    logs=$WORK/logs-$n
    mkdir -p "$outs" "$logs"

    log "generating $n deputies into $site"
    "$GENSITE" "$site" --deputies "$n" --seed "$SEED" 2>"$logs/gensite.log"
    log "$(tail -n 1 "$logs/gensite.log")"

    log "making the Hugo site $hsite"
    mkdir -p "$hsite/content"
    cp "$ROOT/benches/hugo/hugo.toml" "$hsite/"
    cp -r "$ROOT/benches/hugo/layouts" "$hsite/"
    # the same Markdown files: hard links (copies if the file system refuses)
    cp -al "$site/deputies" "$hsite/content/deputies" 2>/dev/null ||
        cp -r "$site/deputies" "$hsite/content/deputies"

    sync
    echo "- $(group "$n") deputies: load average before the runs $(cut -d' ' -f1-3 /proc/loadavg) (\`uptime\`: $(uptime | sed 's/^ *//'))" >>"$notes"

    declare -A walls=() rsss=() cpu=() pages=() files=() bytes=() phase_s=()
    for i in $(seq 1 "$RUNS"); do
        for tool in lianluo hugo; do
            out=$outs/$tool-$i
            sync
            l=$(load1)
            log "size $n run $i: $tool (load $l)"
            if [ "$tool" = lianluo ]; then
                LIANLUO_SEARCH_STATS=1 run_timed lianluo "$logs/$tool-$i.log" \
                    "$LIANLUO" build "$site" --out "$out" --as-of "$AS_OF" --timings
                # timings: parse 0.30 s, validate 0.06 s; pages (summed over threads): render …
                t=$(grep '^timings:' "$logs/$tool-$i.log" | tail -n 1)
                for ph in parse validate render minify write "other files" "search index"; do
                    v=$(sed -n "s/.*$ph \([0-9.]*\) s.*/\1/p" <<<"$t")
                    phase_s[$ph]+=" ${v:-0}"
                done
            else
                run_timed hugo "$logs/$tool-$i.log" \
                    hugo --source "$hsite" --destination "$out" --minify --quiet
            fi
            walls[$tool]+=" $WALL"
            cpu[$tool]+=" $(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN { print u + s }')"
            rsss[$tool]+=" $RSS_KB"
            if [ "$i" = 1 ]; then
                count_output "$out"
                pages[$tool]=$PAGES
                files[$tool]=$FILES
                bytes[$tool]=$BYTES
            fi
            log "  $tool: $(fmt "$WALL") s wall, $((RSS_KB / 1024)) MB peak RSS, user $USER_S s, sys $SYS_S s"
            echo "| $(group "$n") | $i | $tool | $(fmt "$WALL") | $(fmt "$USER_S" 1) | $(fmt "$SYS_S" 1) | $((RSS_KB / 1024)) | $l |" >>"$raw"
        done
    done

    # shellcheck disable=SC2086
    {
        lw=$(median ${walls[lianluo]})
        hw=$(median ${walls[hugo]})
        lr=$(median ${rsss[lianluo]})
        hr=$(median ${rsss[hugo]})
        lc=$(median ${cpu[lianluo]})
        hc=$(median ${cpu[hugo]})
    }
    for tool in lianluo hugo; do
        if [ "$tool" = lianluo ]; then w=$lw r=$lr c=$lc; else w=$hw r=$hr c=$hc; fi
        p=${pages[$tool]}
        us=$(awk -v w="$w" -v p="$p" 'BEGIN { printf "%.0f", w / p * 1e6 }')
        pps=$(awk -v w="$w" -v p="$p" 'BEGIN { printf "%.0f", p / w }')
        bpd=$(awk -v r="$r" -v n="$n" 'BEGIN { printf "%.0f", r * 1024 / n }')
        echo "| $(group "$n") | $tool | $(group "$p") | $(group "${files[$tool]}") | $(awk -v b="${bytes[$tool]}" 'BEGIN { printf "%.0f", b / 1e6 }') | $(fmt "$w") | $(fmt "$c" 1) | $(awk -v r="$r" 'BEGIN { printf "%.0f", r / 1024 }') | $(group "$pps") | $(group "$us") | $(group "$bpd") |" >>"$table"
    done
    wr=$(awk -v a="$lw" -v b="$hw" 'BEGIN { printf "%.2f", a / b }')
    rr=$(awk -v a="$lr" -v b="$hr" 'BEGIN { printf "%.2f", a / b }')
    cr_=$(awk -v a="$lc" -v b="$hc" 'BEGIN { printf "%.2f", a / b }')
    echo "| $(group "$n") | **lianluo / hugo** | | | | **$wr** | **$cr_** | **$rr** | | | |" >>"$table"
    if [ "$n" -ge 100000 ]; then
        # issue 21's targets: wall ≤ 1.0 × Hugo's, peak ≤ 0.25 × Hugo's (lianluo building its whole site)
        echo "- $(group "$n") deputies, targets (wall ≤ 1.0 × Hugo, peak memory ≤ 0.25 × Hugo): wall $wr ($(awk -v r="$wr" 'BEGIN { if (r <= 1.0) print "met"; else printf "missed, %.2f× too slow", r / 1.0 }')), memory $rr ($(awk -v r="$rr" 'BEGIN { if (r <= 0.25) print "met"; else printf "missed, %.1f× too much", r / 0.25 }'))" >>"$notes"
    fi

    # Where lianluo's time goes: the medians of its own `--timings` (seconds of thread time:
    # pages render, minify and write on every core at once; the search index is built on a
    # thread of its own alongside them).
    # shellcheck disable=SC2086
    {
        total=0
        declare -A med=()
        for ph in parse validate render minify write "other files" "search index"; do
            med[$ph]=$(median ${phase_s[$ph]})
            total=$(awk -v a="$total" -v b="${med[$ph]}" 'BEGIN { print a + b }')
        done
        for ph in parse validate render minify write "other files" "search index"; do
            case $ph in
                render | minify | write) what="pages: $ph (all cores)" ;;
                "other files") what="feeds, calendars, vCards, open data, static files" ;;
                "search index") what="search index (pagefind; alongside the pages)" ;;
                *) what=$ph ;;
            esac
            echo "| $(group "$n") | $what | $(fmt "${med[$ph]}") | $(awk -v a="${med[$ph]}" -v b="$total" 'BEGIN { printf "%.0f%%", 100 * a / b }') |" >>"$phases"
        done
        echo "| $(group "$n") | sum (thread time) / wall time (median) | $(fmt "$total") / $(fmt "$lw") | |" >>"$phases"
        unset med
    }
    if [ "$PHASES" = 1 ]; then
        sync
        l=$(load1)
        log "size $n: lianluo check (load $l)"
        run_timed check "$logs/check.log" "$LIANLUO" check "$site" --as-of "$AS_OF"
        echo "- $(group "$n") deputies: \`lianluo check\` (read, parse, validate: the model alone) $(fmt "$WALL") s, $((RSS_KB / 1024)) MB peak RSS ($(awk -v r="$RSS_KB" -v n="$n" 'BEGIN { printf "%.0f", r * 1024 / n }') bytes per deputy), load $l" >>"$notes"
    fi
    unset walls rsss cpu pages files bytes phase_s
done

# ---------------------------------------------------------------- report
report=$WORK/report.md
{
    echo "### $(date '+%F %H:%M') — SIZES=\"$SIZES\" RUNS=$RUNS"
    echo
    echo "Machine: $cpus cores, $mem_gib GiB (\`nproc\`, \`free -g\`), shared with other builds. lianluo $rev, Hugo $hugo_version (Debian)."
    echo "Commands: \`lianluo build SITE --out OUT --as-of $AS_OF --timings\` vs \`hugo --source HUGO --destination OUT --minify --quiet\`,"
    echo "alternating, each under \`/usr/bin/time -v\`; sites from \`gensite --deputies N --seed $SEED\`."
    echo
    echo "**Not like for like:** lianluo builds the whole site (deputies, areas, electing units, stations, calendars,"
    echo "activities, suggestions, open data, feeds, search index); Hugo builds only the deputy pages, their list and the home page"
    echo "from the same Markdown files. Pages = \`index.html\` files written. µs per page and pages per second from the median wall time;"
    echo "bytes per deputy = median peak RSS / deputies. CPU s = user + system time (less disturbed by other"
    echo "work on a shared machine than wall time)."
    echo
    echo "| deputies | tool | pages | files | MB written | wall s (median) | CPU s (median) | peak RSS MB (median) | pages / s | µs / page | peak bytes / deputy |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    cat "$table"
    echo
    echo "Notes:"
    echo
    cat "$notes"
    echo
    echo "Every run (in the order run; load = 1-minute load average just before it):"
    echo
    echo "| deputies | run | tool | wall s | user s | sys s | peak RSS MB | load |"
    echo "|---|---|---|---|---|---|---|---|"
    cat "$raw"
    if [ -s "$phases" ]; then
        echo
        echo "Where lianluo's time goes: medians of \`lianluo build --timings\` over the timed runs, in seconds of thread"
        echo "time (the pages render, minify and write on every core at once, and the search index is built alongside"
        echo "them, so the sum exceeds the wall time):"
        echo
        echo "| deputies | phase | seconds | share |"
        echo "|---|---|---|---|"
        cat "$phases"
    fi
    echo
} >"$report"

cat "$report"
{
    [ -s "$RESULTS" ] || printf '# Benchmark results %s\n\n' "$DATE"
    cat "$report"
} >>"$RESULTS"
log "appended to $RESULTS"
