#!/usr/bin/env bash
# Seeds each fuzz target's corpus: the real documents, the test fixtures and
# the hand-written seeds in fuzz/seeds/ for `lint` and `fix`; the rule packs,
# glossaries and TOML fixtures for `config`.
set -euo pipefail
cd "$(dirname "$0")"
for target in lint fix; do
    mkdir -p "corpus/$target"
    cp ../corpus/*.txt "corpus/$target/"
    find seeds -maxdepth 1 -type f -exec cp {} "corpus/$target/" \;
    find ../tests/fixtures -type f ! -name '*.toml' -exec cp {} "corpus/$target/" \;
done
mkdir -p corpus/config
cp ../rules/packs/*.toml ../rules/glossary/*.toml seeds/config/* corpus/config/
find ../tests/fixtures -type f -name '*.toml' -exec cp {} corpus/config/ \;
