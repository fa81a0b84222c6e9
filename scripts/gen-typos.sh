#!/usr/bin/env bash
# Regenerate rules/dictionary/typos.txt: the list of known misspellings of
# the `typos` spell checker, from the typos-dict crate (MIT OR Apache-2.0),
# pinned in scripts/gen-typos/Cargo.toml. Deterministic for a given version.
#
# Usage: scripts/gen-typos.sh     (needs cargo and the crates.io registry)
set -euo pipefail
export LC_ALL=C
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$(mktemp -d)}"
cargo run --quiet --release --locked \
  --manifest-path "$ROOT/scripts/gen-typos/Cargo.toml" --target-dir "$TARGET" \
  > "$ROOT/rules/dictionary/typos.txt"
echo "typos.txt: $(wc -l < "$ROOT/rules/dictionary/typos.txt") entries"
