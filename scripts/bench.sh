#!/usr/bin/env bash
# End-to-end performance of doclint: doclint, typos and ripgrep side by side,
# throughput, start-up, peak memory and scaling, printed as Markdown tables.
#
#   scripts/bench.sh            # RUNS=5 by default
#   RUNS=10 scripts/bench.sh
#   COMPARE_ONLY=1 scripts/bench.sh   # only the doclint / typos / rg table
#   BASELINE=/tmp/old/doclint scripts/bench.sh   # and an older build, same run
#
# The comparison runs `doclint check --format json`, `typos --format json`
# and `rg -c .` on the same files in one hyperfine run (a warm-up, then RUNS
# runs of each, interleaved by command), so the ratios come from one load;
# it prints the median and the spread (min-max) of each and the ratios of
# the medians. Two corpora: `xtask bench-corpus --mb 20 --seed 7` and a
# clean-English corpus (bench/clean-text/ cut into files of about 10 KB,
# plus bench/precision/dev/prose/; about 9 MB).
#
# Builds the release binary, generates the 20 MB and 200 MB benchmark corpora
# (`cargo run -p xtask -- bench-corpus`, cached under target/bench-corpus/),
# and installs ripgrep, hyperfine and GNU time with apt-get and typos
# (typos-cli, `cargo install --locked` into target/tools/) when they are
# missing and it can. Wall times are the median of RUNS runs after a warm-up
# run (files are read from the page cache). Needs only bash, coreutils and awk
# besides those.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SEED=${SEED:-}
COMPARE_ONLY=${COMPARE_ONLY:-}
# BASELINE=path/to/an/older/doclint adds it to the comparison's run.
BASELINE=${BASELINE:-}
CORPORA=target/bench-corpus
BIN=target/release/doclint
XTASK=target/release/xtask
TOOLS=$PWD/target/tools
PATH=$TOOLS/bin:$PATH

say() { printf '%s\n' "$*" >&2; }

install_missing() {
    local missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [ -x /usr/bin/time ] || missing+=(time)
    if ! command -v typos >/dev/null; then
        say "installing typos-cli with cargo into $TOOLS"
        cargo install --locked --quiet typos-cli --root "$TOOLS" >&2 ||
            say "could not install typos-cli"
    fi
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ${missing[*]} with apt-get"
        apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y "${missing[@]}" >/dev/null 2>&1; } ||
            say "could not install ${missing[*]}"
    else
        say "missing ${missing[*]}: install them (e.g. apt-get install ${missing[*]}) for the full table"
    fi
}

# corpus NAME MB [SEED]: generates target/bench-corpus/NAME unless it is
# there already with the same size and seed (SEED, else $SEED if set).
corpus() {
    local dir=$CORPORA/$1 mb=$2 seed=${3:-$SEED}
    local want="requested_bytes=$((mb * 1000000))"
    if [ -f "$dir/.bench-corpus" ] && grep -qx "$want" "$dir/.bench-corpus" &&
        { [ -z "$seed" ] || grep -qx "seed=$seed" "$dir/.bench-corpus"; }; then
        return
    fi
    say "generating $dir ($mb MB)"
    rm -rf "$dir"
    "$XTASK" bench-corpus "$dir" --mb "$mb" ${seed:+--seed "$seed"} >&2
}

# clean_corpus NAME: professionally written English, the paragraphs of
# bench/clean-text/*.txt cut into files of about 10 KB (news-sized
# documents) and the files of bench/precision/dev/prose/ as they are.
clean_corpus() {
    local dir=$CORPORA/$1
    [ -f "$dir/.clean-corpus" ] && return
    say "generating $dir"
    rm -rf "$dir"
    mkdir -p "$dir/clean-text" "$dir/prose"
    local text
    for text in bench/clean-text/*.txt; do
        case $text in *LICENSE*) continue ;; esac
        awk -v out="$dir/clean-text/$(basename "$text" .txt)" '
            BEGIN { RS = ""; part = 0; size = 0 }
            {
                file = sprintf("%s-%04d.txt", out, part)
                if (size > 0) printf "\n" > file
                print > file
                size += length($0) + 2
                if (size >= 10000) { close(file); part++; size = 0 }
            }' "$text"
    done
    cp -r bench/precision/dev/prose/. "$dir/prose/"
    printf 'files=%s\nbytes=%s\n' "$(find "$dir" -type f -name '*.txt' | wc -l)" \
        "$(find "$dir" -type f -name '*.txt' -exec cat {} + | wc -c)" >"$dir/.clean-corpus"
}

corpus_bytes() { awk -F= '$1 == "bytes" { print $2 }' "$CORPORA/$1/.bench-corpus"; }
corpus_files() { awk -F= '$1 == "files" { print $2 }' "$CORPORA/$1/.bench-corpus"; }

# median_seconds CMD...: median wall time of RUNS runs after one warm-up.
median_seconds() {
    if command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine --style none --ignore-failure -N --warmup 1 --runs "$RUNS" \
            --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        awk -F, 'NR == 2 { print $4 }' "$csv"
        rm -f "$csv"
    else
        "$@" >/dev/null 2>&1 || true
        local times=() start end
        for _ in $(seq "$RUNS"); do
            start=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", (e - s) / 1e9 }')")
        done
        printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
    fi
}

peak_rss_mb() {
    if [ -x /usr/bin/time ]; then
        { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
    else
        echo "n/a"
    fi
}

# compare LABEL DIR: doclint, typos and rg on the files of DIR in one
# hyperfine run; prints a Markdown table row per tool and the ratios.
compare() {
    local label=$1 dir=$2 csv bytes files
    bytes=$(find "$dir" -type f ! -name '.*' -exec cat {} + | wc -c)
    files=$(find "$dir" -type f ! -name '.*' | wc -l)
    csv=$(mktemp)
    local commands=(-n doclint "$BIN check --format json $dir")
    [ -n "$BASELINE" ] && commands+=(-n baseline "$BASELINE check --format json $dir")
    command -v typos >/dev/null && commands+=(-n typos "typos --format json $dir")
    command -v rg >/dev/null && commands+=(-n rg "rg -c . $dir")
    hyperfine --style none --ignore-failure -N --warmup 1 --runs "$RUNS" \
        --export-csv "$csv" "${commands[@]}" >/dev/null 2>&1
    awk -F, -v label="$label" -v bytes="$bytes" -v files="$files" '
    NR > 1 { median[$1] = $4; low[$1] = $7; high[$1] = $8; order[++n] = $1 }
    END {
        printf "\n%s: %.1f MB in %d files\n\n", label, bytes / 1e6, files
        printf "| command | median | spread (min-max) | throughput |\n|---|---|---|---|\n"
        for (i = 1; i <= n; i++) {
            c = order[i]
            printf "| %s | %.3f s | %.3f-%.3f s | %.1f MB/s |\n", c, median[c], low[c], high[c], bytes / 1e6 / median[c]
        }
        d = median["doclint"]
        if ("typos" in median) printf "\ntypos time / doclint time: %.2fx (target >= 5x)\n", median["typos"] / d
        if ("rg" in median) printf "doclint time / rg time: %.1fx\n", d / median["rg"]
        if ("baseline" in median) printf "baseline time / doclint time: %.2fx\n", median["baseline"] / d
    }' "$csv"
    rm -f "$csv"
}

install_missing
say "building release binaries"
cargo build --release -q -p doclint-cli -p xtask
corpus 20mb-seed7 20 7
clean_corpus clean
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
say "comparing doclint, typos and rg ($RUNS runs each after a warm-up)"
compare "xtask bench-corpus --mb 20 --seed 7" "$CORPORA/20mb-seed7"
compare "clean English (bench/clean-text/ in ~10 KB files + bench/precision/dev/prose/)" "$CORPORA/clean"
printf '\n%d cores (%s), load average (1, 5, 15 min) before: %s, after: %s; %s.\n\n' \
    "$(nproc)" "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)" \
    "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)" "$(date -u '+%Y-%m-%d %H:%M UTC')"
[ -n "$COMPARE_ONLY" ] && exit 0

corpus 20mb 20
corpus 200mb 200

big=$CORPORA/200mb
small=$CORPORA/20mb
bytes_big=$(corpus_bytes 200mb)
bytes_small=$(corpus_bytes 20mb)

say "measuring (median of $RUNS runs each)"
t_big=$(median_seconds "$BIN" check --format json "$big")
t_one=$(median_seconds "$BIN" check --format json --threads 1 "$big")
t_small=$(median_seconds "$BIN" check --format json "$small")
t_rg=n/a
command -v rg >/dev/null && t_rg=$(median_seconds rg -c . "$big")
t_start=$(RUNS=$((RUNS * 6)) median_seconds "$BIN" check corpus/)
rss=$(peak_rss_mb "$BIN" check --format json "$big")
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

awk -v bb="$bytes_big" -v bs="$bytes_small" -v tb="$t_big" -v t1="$t_one" \
    -v ts="$t_small" -v tr="$t_rg" -v st="$t_start" -v rss="$rss" \
    -v files="$(corpus_files 200mb)" -v cores="$(nproc)" -v load="$load" -v runs="$RUNS" '
function mark(ok) { return ok ? "yes" : "**no**" }
BEGIN {
    mbs = bb / 1e6 / tb
    printf "| measurement | result | target | met |\n|---|---|---|---|\n"
    printf "| throughput, `check --format json`, %.0f MB in %d files | %.1f MB/s (%.2f s) | >= 100 MB/s | %s |\n", bb / 1e6, files, mbs, tb, mark(mbs >= 100)
    if (tr != "n/a") {
        printf "| `rg -c .` on the same files | %.1f MB/s (%.2f s) | | |\n", bb / 1e6 / tr, tr
        printf "| doclint time / rg time | %.1fx | <= 5x | %s |\n", tb / tr, mark(tb / tr <= 5)
    }
    printf "| start-up, `check corpus/` (5 files) | %.1f ms | < 10 ms | %s |\n", st * 1000, mark(st < 0.010)
    if (rss != "n/a") printf "| peak RSS, %.0f MB corpus | %.1f MB | < 150 MB | %s |\n", bb / 1e6, rss, mark(rss < 150)
    scale = (tb / bb) / (ts / bs)
    printf "| time for 10x data (%.0f MB: %.2f s, %.0f MB: %.2f s) | %.1fx | <= ~10x | %s |\n", bs / 1e6, ts, bb / 1e6, tb, 10 * scale, mark(scale <= 1.1)
    printf "| second core: `--threads 1` %.2f s / default %.2f s | %.2fx | >= 1.7x | %s |\n", t1, tb, t1 / tb, mark(t1 / tb >= 1.7)
    printf "\n%d cores, load average (1, 5, 15 min) after the runs: %s; median of %d runs.\n", cores, load, runs
}'
