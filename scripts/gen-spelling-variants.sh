#!/usr/bin/env bash
# Regenerate rules/wordlists/en-us-gb.tsv: American/British spelling pairs
# ("color"/"colour", "analyze"/"analyse"), derived from SCOWL's spelling
# categories as packaged by Debian (`scowl`), not typed by hand.
#
# SCOWL's `american-words.N` lists hold the words spelt that way only in
# American English, `british-words.N` those spelt that way only in British
# English with -ise ("organisation"; the -ize British lists, british_z, share
# "organization" with American and are not used).  The script pairs them:
#
#   1. Take American-only and British-only words up to SCOWL size 60 (the size
#      SCOWL recommends for spell checking), lower-case letters only (with an
#      optional possessive 's).  Drop words present in both categories.
#   2. Pair each American word with its unique nearest British word (optimal
#      string alignment distance <= 2, same first letter), keeping only mutual
#      nearest neighbours.
#   3. Describe each pair by the edits that turn one into the other (difflib
#      opcodes: "or" -> "our", "z" -> "s", "er" -> "re", ...) and keep only
#      pairs whose edit pattern occurs at least 3 times in the data; this drops
#      accidental neighbours such as math/matt.
#
# Deterministic: the same scowl version always gives byte-identical output.
# Needs apt (the package is downloaded and unpacked, not installed) and python3.
#
# Usage: scripts/gen-spelling-variants.sh      (writes into rules/wordlists/)
# Env:   SCOWL_VERSION  Debian version of scowl to require (default
#                       2020.12.07-2, as for rules/dictionary; "any" for any).
set -euo pipefail
export LC_ALL=C

SCOWL_VERSION="${SCOWL_VERSION:-2020.12.07-2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/rules/wordlists"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

spec=scowl
[ "$SCOWL_VERSION" = any ] || spec="scowl=$SCOWL_VERSION"
(cd "$WORK" && apt-get download -qq "$spec" 2>/dev/null) || {
  echo "apt-get download $spec failed (run apt-get update, or SCOWL_VERSION=any)" >&2; exit 1; }
dpkg-deb -x "$WORK"/scowl_*.deb "$WORK/root"
echo "scowl $(dpkg-deb -f "$WORK"/scowl_*.deb Version)" >&2

mkdir -p "$OUT"
python3 - "$WORK/root/usr/share/dict/scowl" "$OUT/en-us-gb.tsv" <<'PY'
import collections, difflib, os, re, sys

scowl, out = sys.argv[1:]
SIZES = [10, 20, 35, 40, 50, 55, 60]
WORD = re.compile(r"[a-z]+(?:'s)?")

def load(category):
    words = set()
    for size in SIZES:
        path = os.path.join(scowl, f"{category}-words.{size}")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                words.update(w.strip() for w in f if WORD.fullmatch(w.strip()))
    return words

american = load("american")
british = load("british")
both = american & british
american -= both
british -= both

def osa(a, b):
    """Optimal string alignment distance (adjacent transpositions count 1)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]

def nearest(word, pool):
    """The unique closest word of `pool` within distance 2, or None."""
    found = [(osa(word, w), w) for w in pool
             if w[0] == word[0] and abs(len(w) - len(word)) <= 2]
    found = [f for f in found if f[0] <= 2]
    if not found:
        return None
    best = min(d for d, _ in found)
    closest = sorted(w for d, w in found if d == best)
    return (best, closest[0]) if len(closest) == 1 else None

by_first_gb = collections.defaultdict(list)
for w in british:
    by_first_gb[w[0]].append(w)
by_first_us = collections.defaultdict(list)
for w in american:
    by_first_us[w[0]].append(w)

pairs = []
for us in sorted(american):
    gb = nearest(us, by_first_gb[us[0]])
    if gb and (back := nearest(gb[1], by_first_us[us[0]])) and back[1] == us:
        pairs.append((us, gb[1]))

def pattern(a, b):
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return tuple((a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal")

counts = collections.Counter(pattern(a, b) for a, b in pairs)
kept = sorted((a, b) for a, b in pairs if counts[pattern(a, b)] >= 3)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for a, b in kept:
        f.write(f"{a}\t{b}\n")
print(f"american-only {len(american)}, british-only {len(british)}, "
      f"nearest pairs {len(pairs)}, kept {len(kept)}", file=sys.stderr)
PY
cp "$WORK/root/usr/share/doc/scowl/copyright" "$OUT/LICENSE-SCOWL"
