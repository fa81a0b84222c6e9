#!/usr/bin/env bash
# Pack-pattern scaling: does a pattern take 10x the time on 10x the text?
#
# Writes a user pack with one pattern rule per pattern below and a one-line
# document at 1x, 10x and 100x its base size, then measures `doclint check
# --select <rule>` on each, after subtracting the start-up cost of checking
# an empty file. Linear is a ratio of about 10 per 10x.
#
# Usage: scripts/pattern-scaling.sh [BASE_KB]   (default 20)
# Needs python3, and valgrind (or else GNU time: apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
base_kb=${1:-20}
cargo build --release --quiet -p doclint-cli
bin=$PWD/target/release/doclint
work=$(mktemp -d "${TMPDIR:-/tmp}/doclint-patterns.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$base_kb" <<'PY'
import os, sys
work, base = sys.argv[1], int(sys.argv[2]) * 1024
rules = [
    ("nested-plus", r"(a+)+$", "a"),
    ("plus-end", r"a+$", "a"),
    ("committee-never", r"\bcommittee\b[^.]*\bnever\b",
     "the committee said that it would meet again and "),
]
with open(os.path.join(work, "pack.toml"), "w") as f:
    f.write('[pack]\nname = "scaling"\n')
    for rid, pattern, _ in rules:
        f.write(f"[[rules]]\nid = \"{rid}\"\nkind = \"existence\"\nmessage = \"m\"\n"
                f"patterns = ['{pattern}']\n")
for rid, _, unit in rules:
    for mult in (1, 10, 100):
        size = base * mult
        # "a" ends with "b" so `a+$` and `(a+)+$` fail at the end of the line:
        # the worst case, every try reads to the line's end.
        text = (unit * (size // len(unit) + 1))[:size] + "b\n"
        with open(os.path.join(work, f"{rid}-{mult}.txt"), "w") as f:
            f.write(text)
open(os.path.join(work, "empty.txt"), "w").close()
PY

# The cost of one run: instructions executed (valgrind's callgrind, which
# other load on a shared machine does not disturb), or else the least CPU
# time (user + system, GNU time) of 3 runs.
if command -v valgrind >/dev/null; then
    unit="M instructions"
    cost() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$bin" check --isolated --threads 1 --packs "$work/pack.toml" --select "$1" "$2" \
            2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' \
            | python3 -c "import sys; print(int(sys.stdin.read()) / 1e6)"
    }
else
    unit="s CPU"
    cost() {
        local best=
        for _ in 1 2 3; do
            /usr/bin/time -f "%U %S" -o "$work/time.txt" \
                "$bin" check --isolated --packs "$work/pack.toml" --select "$1" "$2" >/dev/null || true
            best=$(python3 -c "a='$best'; u, s = open('$work/time.txt').read().split()[-2:]; t=float(u)+float(s); print(min(float(a), t) if a else t)")
        done
        echo "$best"
    }
fi

echo "Cost in $unit, start-up (an empty file) included; ratios after subtracting it."
printf '| pattern | %s KB | %s KB | %s KB | 10x / 1x | 100x / 10x |\n' \
    "$base_kb" "$((base_kb * 10))" "$((base_kb * 100))"
echo '| --- | --- | --- | --- | --- | --- |'
for rid in nested-plus plus-end committee-never; do
    pattern=$(grep -A3 "id = \"$rid\"" "$work/pack.toml" | sed -n "s/^patterns = \['\(.*\)'\]/\1/p")
    start=$(cost "scaling/$rid" "$work/empty.txt")
    t1=$(cost "scaling/$rid" "$work/$rid-1.txt")
    t10=$(cost "scaling/$rid" "$work/$rid-10.txt")
    t100=$(cost "scaling/$rid" "$work/$rid-100.txt")
    python3 - "$pattern" "$start" "$t1" "$t10" "$t100" "$unit" <<'PY'
import sys
p, s, a, b, c, unit = sys.argv[1], *map(float, sys.argv[2:6]), sys.argv[6]
net = lambda t: max(t - s, 1e-3)
print(f"| `{p}` | {a:.1f} | {b:.1f} | {c:.1f} | {net(b)/net(a):.2f} | {net(c)/net(b):.2f} |")
PY
done
