#!/usr/bin/env bash
# Regenerate rules/dictionary/words.txt, rare.txt (and LICENSE-SCOWL) from Debian's
# SCOWL-derived packages.  Deterministic: the same package versions always give
# byte-identical output.  Runs on a fresh Debian 12 (bookworm) machine as root
# (or with sudo available); needs network access to the Debian archive only.
#
# Sources (all built by Debian from the same `scowl` source package):
#   scowl                 raw SCOWL "final/" lists, one file per category+size
#   w{american,british,canadian}{-small,,-large,-huge,-insane}
#                         the size-graded /usr/share/dict word lists; each ships
#                         <pkg>.scowl-word-lists-used naming the raw SCOWL lists
#                         it was built from.  We use those names to pick the
#                         raw lists and verify that our union reproduces each
#                         package's word list exactly.
#   hunspell-en-us        en_US.dic/.aff, expanded with `unmunch` (hunspell-tools)
#
# Rank of a word = the SCOWL size of the smallest raw list containing it
# (10, 20, 35, 40, 50, 55, 60, 70, 80; lower = more common).  words.txt stops
# at SCOWL size 80 (the "-huge" packages).  Size 95 (the "-insane" packages)
# is full of rare and archaic words and odd spellings, so it goes to rare.txt,
# a vocabulary of its own: a word there is known (not reported for being
# unknown), but never suggested and never a piece of a split word.
#
# Usage: scripts/gen-dictionary.sh            (writes into rules/dictionary/)
# Env:   SCOWL_VERSION   Debian version of the scowl source to require
#                        (default 2020.12.07-2; set to "any" to accept whatever
#                        the archive serves -- output may then differ).
set -euo pipefail
export LC_ALL=C

SCOWL_VERSION="${SCOWL_VERSION:-2020.12.07-2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/rules/dictionary"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

SIZES=(small "" large huge insane)   # SCOWL 35, 50, 70, 80, 95
VARIETIES=(american british canadian)
WORDLIST_PKGS=()
for v in "${VARIETIES[@]}"; do
  for s in "${SIZES[@]}"; do WORDLIST_PKGS+=("w$v${s:+-$s}"); done
done
DATA_PKGS=(scowl "${WORDLIST_PKGS[@]}" hunspell-en-us)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

# --- tools -----------------------------------------------------------------
need_install=()
command -v unmunch >/dev/null 2>&1 || need_install+=(hunspell-tools)
command -v python3 >/dev/null 2>&1 || need_install+=(python3)
if [ "${#need_install[@]}" -gt 0 ] || [ "${APT_UPDATE:-1}" = 1 ]; then
  $SUDO apt-get update -qq
fi
if [ "${#need_install[@]}" -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

# --- data packages: download and unpack (not installed) ----------------------
mkdir -p "$WORK/debs" "$WORK/root"
pkgspecs=()
for p in "${DATA_PKGS[@]}"; do
  if [ "$SCOWL_VERSION" = any ]; then
    pkgspecs+=("$p")
  elif [ "$p" = hunspell-en-us ]; then
    pkgspecs+=("$p=1:$SCOWL_VERSION")   # hunspell-en-us carries an epoch
  else
    pkgspecs+=("$p=$SCOWL_VERSION")
  fi
done
(cd "$WORK/debs" && apt-get download -qq "${pkgspecs[@]}" 2>/dev/null) || {
  echo "apt-get download failed (try SCOWL_VERSION=any)" >&2; exit 1; }
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/root"; done
: > "$WORK/versions.txt"
for deb in "$WORK"/debs/*.deb; do
  printf '%s\t%s\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)" >> "$WORK/versions.txt"
done
sort -o "$WORK/versions.txt" "$WORK/versions.txt"

SCOWL_DIR="$WORK/root/usr/share/dict/scowl"
DOC="$WORK/root/usr/share/doc"

# --- which raw SCOWL lists; verify each package is reproduced exactly --------
: > "$WORK/lists.txt"; : > "$WORK/lists-insane.txt"
for p in "${WORDLIST_PKGS[@]}"; do
  used="$DOC/$p/$p.scowl-word-lists-used"
  # list names are the indented lines after the two-line header
  lists=$(grep -E '^[[:space:]]+[A-Za-z0-9_.-]+$' "$used" | tr -d ' \t')
  case "$p" in
    *-insane) printf '%s\n' $lists >> "$WORK/lists-insane.txt" ;;
    *) printf '%s\n' $lists >> "$WORK/lists.txt" ;;
  esac
  dictfile=$(sed -n 's/^Hash-Name: //p' "$WORK/root/var/lib/dictionaries-common/wordlist/$p")
  (cd "$SCOWL_DIR" && cat $lists) | sort -u > "$WORK/fromscowl"
  sort -u "$WORK/root/usr/share/dict/$dictfile" > "$WORK/frompkg"
  if ! cmp -s "$WORK/fromscowl" "$WORK/frompkg"; then
    echo "mismatch: raw SCOWL lists do not reproduce $p" >&2; exit 1
  fi
done
sort -u -o "$WORK/lists.txt" "$WORK/lists.txt"
# Lists that only the -insane packages name (size 95, and the variant
# spellings they add at smaller sizes) all count as size 95.
sort -u "$WORK/lists-insane.txt" | comm -23 - "$WORK/lists.txt" > "$WORK/lists-rare.txt"
# rank-tagged raw entries: word<TAB>size
while read -r l; do
  size="${l##*.}"
  case "$size" in 10|20|35|40|50|55|60|70|80) ;; *) echo "unexpected size in $l" >&2; exit 1;; esac
  awk -v s="$size" '{ print $0 "\t" s }' "$SCOWL_DIR/$l"
done < "$WORK/lists.txt" > "$WORK/ranked.tsv"
while read -r l; do
  awk '{ print $0 "\t95" }' "$SCOWL_DIR/$l"
done < "$WORK/lists-rare.txt" >> "$WORK/ranked.tsv"

# --- hunspell expansion -----------------------------------------------------
H="$WORK/root/usr/share/hunspell"
unmunch "$H/en_US.dic" "$H/en_US.aff" 2>/dev/null > "$WORK/unmunch.txt"

# --- merge, filter, rank ------------------------------------------------------
python3 - "$WORK/ranked.tsv" "$WORK/unmunch.txt" "$OUT/words.txt" "$WORK/stats.txt" "$OUT/rare.txt" <<'PY'
import sys, unicodedata
ranked, unm, out, stats, rare_out = sys.argv[1:]

def ok(w):
    # letters (any script, e.g. café), ASCII apostrophe, hyphen; >= 1 letter
    return any(c.isalpha() for c in w) and all(c.isalpha() or c in "'-" for c in w)

def strip_accents(w):
    return "".join(c for c in unicodedata.normalize("NFD", w)
                   if not unicodedata.combining(c))

rank = {}
rare = {}
dropped = 0
with open(ranked, encoding="utf-8") as f:
    for line in f:
        w, s = line.rstrip("\n").split("\t")
        w = unicodedata.normalize("NFC", w)
        if not ok(w):
            dropped += 1
            continue
        s = int(s)
        if s == 95:
            # SCOWL size 95 goes to rare.txt, a vocabulary of its own.
            if s < rare.get(w, 999):
                rare[w] = s
            continue
        if s < rank.get(w, 999):
            rank[w] = s
n_lists = len(rank)

# Words produced by unmunch that the size-80 lists lack.  hunspell-en-us is
# built from SCOWL size 60, so they get rank 60, or the rank of an accented
# list word they are the ASCII spelling of (cafe <- café), whichever is lower.
by_plain = {}
for w, s in rank.items():
    p = strip_accents(w)
    if p != w and s < by_plain.get(p, 999):
        by_plain[p] = s
added = 0
with open(unm, encoding="utf-8") as f:
    for line in f:
        w = unicodedata.normalize("NFC", line.strip())
        if not w or w in rank or not ok(w):
            continue
        rank[w] = min(60, by_plain.get(w, 999))
        added += 1

items = sorted(rank.items(), key=lambda kv: kv[0].encode("utf-8"))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for w, s in items:
        f.write(f"{w}\t{s}\n")
# rare.txt: the size-95 entries that words.txt does not hold as written.
rare_items = sorted(((w, s) for w, s in rare.items() if w not in rank),
                    key=lambda kv: kv[0].encode("utf-8"))
with open(rare_out, "w", encoding="utf-8", newline="\n") as f:
    for w, s in rare_items:
        f.write(f"{w}\t{s}\n")
from collections import Counter
c = Counter(rank.values())
with open(stats, "w") as f:
    f.write(f"entries\t{len(rank)}\nfrom_scowl_lists\t{n_lists}\n"
            f"added_by_unmunch\t{added}\ndropped_by_filter\t{dropped}\n"
            f"rare_size_95\t{len(rare_items)}\n")
    for s in sorted(c):
        f.write(f"rank_{s}\t{c[s]}\n")
PY

cp "$DOC/scowl/copyright" "$OUT/LICENSE-SCOWL"
echo "package versions used:"; cat "$WORK/versions.txt"
echo "statistics:"; cat "$WORK/stats.txt"
