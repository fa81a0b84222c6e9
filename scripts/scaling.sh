#!/usr/bin/env bash
# Resource bounds: does checking 10x more text take about 10x the time?
#
# For each kind of input, ordinary and pathological, generates a small and a
# ten times larger file, times `doclint check` (best of 3 runs) on each and
# prints the ratio: about 10 is linear, far above 10 is super-linear. Then
# measures the peak memory of checking a 50 MB file with /usr/bin/time -v.
#
# Usage: scripts/scaling.sh [--quick]     (--quick: one run per size)
# Needs python3 and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
[[ "${1:-}" == "--quick" ]] && runs=1

cargo build --release --quiet -p doclint-cli
bin=$PWD/target/release/doclint
work=$(mktemp -d "${TMPDIR:-/tmp}/doclint-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import glob, os, random, sys
work = sys.argv[1]
random.seed(7)
clean = "".join(open(p, encoding="utf-8").read()
                for p in sorted(glob.glob("bench/clean-text/*.txt")) if "LICENSE" not in p)

def fill(text, size):
    return (text * (size // len(text) + 1))[:size]

def write(name, text):
    with open(os.path.join(work, name), "w", encoding="utf-8") as f:
        f.write(text)

syllables = open("rules/dictionary/pinyin.txt", encoding="utf-8").read().split()
def name():
    return "".join(random.choice(syllables) for _ in range(2)).capitalize()

for label, n in (("small", 1), ("large", 10)):
    mb = 1024 * 1024
    # Ordinary prose with paragraphs.
    write(f"prose-{label}.txt", fill(clean, n * mb))
    # One paragraph: no blank line anywhere (10 MB at the large size).
    write(f"paragraph-{label}.txt", fill(" ".join(clean.split()) + " ", n * mb))
    # One word repeated (1 MB at the large size).
    write(f"word-{label}.txt", fill("cooperation ", n * mb // 10))
    # Quotation marks: 100,000 at the large size, mixed kinds, half of them
    # openers that never close (the pairing stack grows) and closers of
    # the other kind (each looks for its opener).
    count = n * 10_000
    marks = ["‘a ", "a” ", "“b ", "b’ ", "\"c ", "'d "]
    write(f"quotes-{label}.txt", "".join(marks[(i * 7 // 3) % len(marks)] for i in range(count // 2))
          + "".join("‘e " for _ in range(count // 4)) + "".join("f” " for _ in range(count // 4)))
    # Capitalised names: 100,000 at the large size, many written two ways.
    names = [name() for _ in range(n * 10_000)]
    sentences = []
    for i, nm in enumerate(names):
        other = nm.upper() if i % 5 == 0 else nm
        sentences.append(f"{nm} met {other} and {names[i // 2]} in the city.")
    write(f"names-{label}.txt", " ".join(sentences))
    # Fixable defects: a double space in every sentence (for --fix).
    write(f"fixes-{label}.txt", fill("The mayor  opened it .\n", n * mb // 10))

# Memory: one 50 MB file of prose.
write("memory-50mb.txt", fill(clean, 50 * mb))
PY

row() { # label small-time large-time small-size large-size
    printf '%-34s %9ss %9ss %10.1f %8.1f %8.1f\n' "$1" "$2" "$3" "$(echo "$5 / $4" | bc -l)" \
        "$(echo "$3 / ($2 + 0.0001)" | bc -l)" \
        "$(echo "($3 - $startup) / ($2 - $startup + 0.0001)" | bc -l)"
}

best_time() { # best wall time of $runs runs of: doclint ARGS
    local best=""
    for _ in $(seq "$runs"); do
        local t
        /usr/bin/time -o "$work/time" -f "%e" "$bin" "$@" >/dev/null 2>&1 || true
        t=$(tail -1 "$work/time")
        if [[ -z "$best" ]] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    echo "$best"
}

: >"$work/empty.txt"
startup=$(best_time check --format json "$work/empty.txt")
echo "start-up (empty file): ${startup}s; 'net x' is the ratio after subtracting it"
printf '%-34s %10s %10s %10s %8s %8s\n' "input" "small" "large" "size x" "time x" "net x"
for kind in prose paragraph word quotes names; do
    small=$work/$kind-small.txt large=$work/$kind-large.txt
    ts=$(best_time check --format json "$small")
    tl=$(best_time check --format json "$large")
    ss=$(stat -c %s "$small") sl=$(stat -c %s "$large")
    row "check $kind ($((sl / 1024)) KiB)" "$ts" "$tl" "$ss" "$sl"
done
fix_time() { # best wall time of $runs runs of --fix, each on a fresh copy
    local best=""
    for _ in $(seq "$runs"); do
        cp "$1" "$work/fix-copy.txt"
        /usr/bin/time -o "$work/time" -f "%e" "$bin" check --fix "$work/fix-copy.txt" >/dev/null 2>&1 || true
        local t
        t=$(tail -1 "$work/time")
        if [[ -z "$best" ]] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    echo "$best"
}
ts=$(fix_time "$work/fixes-small.txt")
tl=$(fix_time "$work/fixes-large.txt")
ss=$(stat -c %s "$work/fixes-small.txt") sl=$(stat -c %s "$work/fixes-large.txt")
row "check --fix ($((sl / 1024)) KiB)" "$ts" "$tl" "$ss" "$sl"

file=$work/memory-50mb.txt
size=$(stat -c %s "$file")
for format in json human; do
    /usr/bin/time -o "$work/time" -v "$bin" check --format "$format" "$file" >/dev/null 2>&1 || true
    rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time")
    printf 'peak memory, 50 MB file (--format %s): %d MiB = %.1fx the file size\n' \
        "$format" $((rss_kb / 1024)) "$(echo "$rss_kb * 1024 / $size" | bc -l)"
done
