#!/usr/bin/env bash
# Seeds each fuzz target's corpus with the real documents, the test
# fixtures and the hand-written seeds in fuzz/seeds/.
set -euo pipefail
cd "$(dirname "$0")"
for target in lint fix; do
    mkdir -p "corpus/$target"
    cp ../corpus/*.txt ../tests/fixtures/* seeds/* "corpus/$target/"
done
