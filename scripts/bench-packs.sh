#!/usr/bin/env bash
# Start-up cost of rule packs, measured on the release binary.
#
# Generates 50 packs with 5,000 phrases in total (10 rules of 10 two-word
# phrases each per pack: half existence, half substitution rules), then runs
# `doclint check` on one small clean file with and without them and prints
# the CPU time (user + system) per run of each, and the difference: what
# loading the packs adds to start-up. CPU time rather than wall-clock time,
# so that the figure does not depend on what else the machine is running.
#
# Usage: scripts/bench-packs.sh [RUNS]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet -p doclint-cli
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$runs" <<'PY'
import os, resource, subprocess, sys

out, runs = sys.argv[1], int(sys.argv[2])
syllables = ["ka", "lo", "mi", "ren", "tu", "sha", "vo", "qel",
             "dan", "pri", "zo", "ne", "ust", "bra", "ig", "fen"]
seed = 7
def word():
    global seed
    text = ""
    for _ in range(3):
        seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
        text += syllables[seed >> 60]
    return text

phrases = 0
for p in range(50):
    lines = [f'[pack]\nname = "bench-{p}"\n']
    for r in range(10):
        items = [f"{word()} {word()}" for _ in range(10)]
        phrases += len(items)
        if r % 2 == 0:
            listed = ", ".join(f'"{i}"' for i in items)
            lines.append(f'[[rules]]\nid = "rule-{r}"\nkind = "existence"\nmessage = "{{match}}"\nphrases = [{listed}]\n')
        else:
            lines.append(f'[[rules]]\nid = "rule-{r}"\nkind = "substitution"\nmessage = "{{match}}"\nfix = "unsafe"\n')
            for i in items:
                lines.append(f'[[rules.swap]]\nphrases = ["{i}"]\nto = "{word()}"\n')
    with open(os.path.join(out, f"pack-{p:02}.toml"), "w") as f:
        f.write("\n".join(lines))

def cpu_per_run(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(runs):
        subprocess.run(["./target/release/doclint", *args], stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000 / runs

target = ["check", "--threads", "1", "tests/fixtures/clean.txt"]
cpu_per_run(target)  # warm the page cache
base = cpu_per_run(target)
packs = cpu_per_run(["--packs", out, *target])
print(f"50 packs, {phrases} phrases, {runs} runs each (CPU ms per run)")
print(f"doclint check, built-in packs only:     {base:6.1f}")
print(f"doclint check, plus the 50 packs:       {packs:6.1f}")
print(f"added by loading the 50 packs:          {packs - base:6.1f}")
PY
