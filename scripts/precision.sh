#!/usr/bin/env bash
# False-positive measurement on clean, professionally edited English.
#
# Runs doclint over bench/clean-text/ (see its README for the sources) and
# prints, per rule, the number of diagnostics and the rate per 10,000 words.
# Every diagnostic on this text is a false positive (or a defect of the
# source text, which the table makes easy to inspect with --format human).
#
# Usage: scripts/precision.sh [extra doclint check flags]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p doclint-cli
mapfile -t texts < <(ls bench/clean-text/*.txt | grep -v /LICENSE)
words=$(cat "${texts[@]}" | wc -w)
./target/release/doclint check --format json "$@" "${texts[@]}" >/tmp/doclint-precision.json || true
python3 - "$words" <<'PY'
import json, sys, collections
words = int(sys.argv[1])
data = json.load(open("/tmp/doclint-precision.json"))
counts = collections.Counter(d["rule"] for d in data["diagnostics"])
print(f"clean text: {words} words in {data['summary']['files']} files")
print(f"{'rule':<32} {'count':>7} {'per 10k words':>14}")
for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{rule:<32} {n:>7} {n * 10000 / words:>14.2f}")
total = sum(counts.values())
print(f"{'total':<32} {total:>7} {total * 10000 / words:>14.2f}")
PY
