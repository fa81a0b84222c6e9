#!/usr/bin/env bash
# Regenerate rules/dictionary/pinyin.txt: the toneless Hanyu Pinyin syllables.
#
# Method (no hand-typed list):
#   1. Enumerate the 6763 hanzi of GB 2312 (levels 1+2, the standard set of
#      common simplified characters) with Python's gb2312 codec.
#   2. Ask pypinyin for every reading of each character
#      (pinyin(ch, style=Style.NORMAL, heteronym=True, v_to_u=False)), which
#      yields toneless syllables with ü written as "v" (lv, lve, nv, nve).
#   3. Keep only syllables that fully match zhon's Pinyin syllable grammar
#      (zhon.pinyin.syllable).  This drops the non-syllabic interjections
#      m, n, ng, hng and the dialectal "len".
# Deterministic for pinned package versions.  Needs python3 (with venv) and
# network access to PyPI.
set -euo pipefail
export LC_ALL=C
PYPINYIN_VERSION="${PYPINYIN_VERSION:-0.55.0}"
ZHON_VERSION="${ZHON_VERSION:-2.1.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/rules/dictionary/pinyin.txt"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
fi
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --disable-pip-version-check \
  "pypinyin==$PYPINYIN_VERSION" "zhon==$ZHON_VERSION"

"$WORK/venv/bin/python" - "$OUT" <<'PY'
import re, sys
from pypinyin import pinyin, Style
import zhon.pinyin

chars = []
for hi in range(0xB0, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.append(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
assert len(chars) == 6763, len(chars)

seen = set()
for ch in chars:
    for s in pinyin(ch, style=Style.NORMAL, heteronym=True, v_to_u=False)[0]:
        seen.add(s)

grammar = re.compile(zhon.pinyin.syllable)
keep = sorted(s for s in seen if re.fullmatch(r"[a-z]+", s) and grammar.fullmatch(s))
dropped = sorted(seen - set(keep))
with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
    for s in keep:
        f.write(s + "\n")
print(f"{len(keep)} syllables written; dropped: {' '.join(dropped)}", file=sys.stderr)
PY
