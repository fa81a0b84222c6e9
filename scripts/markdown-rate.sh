#!/usr/bin/env bash
# Findings per 1,000 words, per rule, on a directory (or list) of Markdown.
#
# Every Markdown file (`*.md`, `*.markdown`) under the given paths is checked
# with doclint; words are counted with `wc -w` over the whole files (code
# included, as a reader would count a README). Use it to measure how quiet
# doclint is on real Markdown, e.g. crate READMEs:
#
#   scripts/markdown-rate.sh ~/.cargo/registry/src/*/*/README.md
#
# Set DOCLINT to use another binary (default: target/release/doclint, built
# if missing); extra doclint flags go after `--`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
doclint="${DOCLINT:-$root/target/release/doclint}"
if [[ ! -x "$doclint" ]]; then
    (cd "$root" && cargo build --release --quiet -p doclint-cli)
fi
paths=()
while [[ $# -gt 0 && "$1" != "--" ]]; do paths+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
if [[ ${#paths[@]} -eq 0 ]]; then
    echo "usage: $0 PATH... [-- doclint check flags]" >&2
    exit 2
fi
list=$(mktemp)
out=$(mktemp)
trap 'rm -f "$list" "$out"' EXIT
find "${paths[@]}" -type f \( -iname '*.md' -o -iname '*.markdown' \) -print0 | sort -z >"$list"
files=$(tr -cd '\0' <"$list" | wc -c)
words=$(xargs -0 cat <"$list" | wc -w)
xargs -0 "$doclint" check --format json "$@" <"$list" >"$out" || true
python3 - "$words" "$files" "$out" <<'PY'
import collections, json, sys
words, files, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
data = json.load(open(path))
counts = collections.Counter(d["rule"] for d in data["diagnostics"])
print(f"markdown: {words} words in {files} files")
print(f"{'rule':<32} {'count':>7} {'per 1k words':>13}")
for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{rule:<32} {n:>7} {n * 1000 / max(words, 1):>13.2f}")
total = sum(counts.values())
print(f"{'total':<32} {total:>7} {total * 1000 / max(words, 1):>13.2f}")
PY
