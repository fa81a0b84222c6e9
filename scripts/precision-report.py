#!/usr/bin/env python3
"""Recompute doclint's judged precision from bench/precision/verdicts.tsv.

Runs doclint afresh over one part of bench/precision/ (held-out by default),
prose and Markdown separately, matches every verdict to a current finding
(same rule, file and byte offset, and the same span text) and prints, as
Markdown ready for the README:

* per kind (prose, Markdown) and rule: findings, findings per 1,000 words,
  judged verdicts (real / false / arguable), precision = real / (real + false),
  strict precision = real / all judged, and stale verdicts (their finding no
  longer appears, or its span text changed);
* per kind and over both: precision weighted by each rule's finding count
  (a rule with findings but no live verdict is listed as unjudged and left out
  of the weighted figure; the table says how many findings that leaves out);
* the date, the doclint commit, and the text measured (files and words).

Usage:
  scripts/precision-report.py [--part heldout|dev] [--kind prose|markdown|both]
                              [--verdicts bench/precision/verdicts.tsv]
                              [--doclint target/release/doclint]
                              [--counts-only] [--list-stale] [-- extra doclint flags]

--counts-only prints the finding counts and rates without precision (the
"before" baseline, or a quick look at a part nobody has judged).
Exit status: 0, or 2 on a usage error or a malformed verdicts file.
"""

import argparse
import collections
import datetime
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import precision_common as pc  # noqa: E402


def pct(num, den):
    return f"{100 * num / den:.1f}%" if den else "–"


def git_commit():
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=pc.ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=pc.ROOT, capture_output=True, text=True).stdout.strip()
        return out + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def source_of(relpath):
    """The source directory of a file: bench/precision/heldout/prose/email/x.txt
    -> heldout/prose/email; bench/clean-text/x.txt -> clean-text."""
    parts = relpath.split("/")
    if parts[:2] == ["bench", "precision"] and len(parts) > 5:
        return "/".join(parts[2:5])
    if parts[:2] == ["bench", "precision"]:
        return "/".join(parts[2:-1])
    return "/".join(parts[1:-1]) if parts[0] == "bench" else "/".join(parts[:-1])


def doclint_version(doclint):
    try:
        return subprocess.run([doclint, "--version"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "doclint (version unknown)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("heldout", "dev"), default="heldout")
    ap.add_argument("--kind", choices=("prose", "markdown", "both"), default="both")
    ap.add_argument("--verdicts", default=pc.VERDICTS)
    ap.add_argument("--doclint", default=os.path.join(pc.ROOT, "target", "release", "doclint"))
    ap.add_argument("--counts-only", action="store_true")
    ap.add_argument("--list-stale", action="store_true",
                    help="list every stale verdict (to stderr)")
    ap.add_argument("extra", nargs="*", help="extra doclint flags (after --)")
    a = ap.parse_args()
    verdicts = [] if a.counts_only else pc.read_verdicts(a.verdicts)
    kinds = pc.KINDS if a.kind == "both" else (a.kind,)

    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"Measured {date} with {doclint_version(a.doclint)} at commit {git_commit()} "
           f"(`{' '.join(['doclint check --isolated', *a.extra])}`), "
           f"on `bench/precision/{a.part}/`:", ""]
    grand = collections.Counter()
    stale_all = []
    for kind in kinds:
        files = pc.part_files(a.part, kind)
        words = pc.count_words(files)
        diags = pc.run_doclint(a.doclint, files, a.extra)
        count = collections.Counter(d["rule"] for d in diags)
        current = {pc.key(d): d for d in diags}
        tally = collections.defaultdict(collections.Counter)
        stale = collections.Counter()
        for v in verdicts:
            if pc.kind_of(v["file"]) != kind or not v["file"].startswith(
                    f"bench/precision/{a.part}/") and not (
                    a.part == "dev" and v["file"].startswith("bench/clean-text/")):
                continue
            d = current.get((v["rule"], v["file"], v["start"]))
            if d is None or pc.span_text(d) != v["span"]:
                stale[v["rule"]] += 1
                stale_all.append(v)
                continue
            tally[v["rule"]][v["verdict"]] += 1
        label = "prose" if kind == "prose" else "Markdown"
        total = sum(count.values())
        out.append(f"**{label}**: {len(files)} files, {words:,} words; "
                   f"{total:,} findings, {1000 * total / words:.2f} per 1,000 words.")
        out.append("")
        # per source directory (register): files, words, findings
        src_files = collections.defaultdict(list)
        for f in files:
            src_files[source_of(pc.rel(f))].append(f)
        src_count = collections.Counter(source_of(d["file"]) for d in diags)
        out.append("| source | files | words | findings | per 1,000 words |")
        out.append("| --- | ---: | ---: | ---: | ---: |")
        for src in sorted(src_files):
            w = pc.count_words(src_files[src])
            out.append(f"| `{src}` | {len(src_files[src]):,} | {w:,} | {src_count[src]:,} | "
                       f"{1000 * src_count[src] / w:.2f} |")
        out.append("")
        if a.counts_only:
            out.append("| rule | findings | per 1,000 words |")
            out.append("| --- | ---: | ---: |")
            for rule in sorted(count, key=lambda r: (-count[r], r)):
                out.append(f"| `{rule}` | {count[rule]:,} | {1000 * count[rule] / words:.2f} |")
            out.append(f"| **total** | **{total:,}** | **{1000 * total / words:.2f}** |")
            out.append("")
            continue
        out.append("| rule | findings | per 1,000 words | judged | real | false | arguable "
                   "| precision | strict | stale |")
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        w_num = w_strict = w_den = unjudged = 0.0
        for rule in sorted(set(count) | set(tally) | set(stale),
                           key=lambda r: (-count[r], r)):
            t = tally[rule]
            real, false, arg = t["real"], t["false"], t["arguable"]
            judged = real + false + arg
            prec = pct(real, real + false)
            strict = pct(real, judged)
            out.append(f"| `{rule}` | {count[rule]:,} | {1000 * count[rule] / words:.2f} | "
                       f"{judged} | {real} | {false} | {arg} | {prec} | {strict} | "
                       f"{stale[rule] or ''} |")
            if count[rule] and real + false:
                w_num += count[rule] * real / (real + false)
                w_strict += count[rule] * real / judged
                w_den += count[rule]
            elif count[rule]:
                unjudged += count[rule]
        out.append(f"| **all rules, weighted by findings** | **{total:,}** | "
                   f"**{1000 * total / words:.2f}** | | | | | "
                   f"**{pct(w_num, w_den)}** | **{pct(w_strict, w_den)}** | |")
        out.append("")
        if unjudged:
            out.append(f"{int(unjudged):,} {label} findings belong to rules without a judged "
                       "finding and are not in the weighted figure.")
            out.append("")
        grand["num"] += w_num
        grand["strict"] += w_strict
        grand["den"] += w_den
        grand["findings"] += total
        grand["words"] += words
        grand["unjudged"] += unjudged
    if not a.counts_only and len(kinds) > 1:
        out.append(f"**Prose and Markdown together**: {int(grand['findings']):,} findings in "
                   f"{int(grand['words']):,} words ({1000 * grand['findings'] / grand['words']:.2f} "
                   f"per 1,000); precision weighted by findings {pct(grand['num'], grand['den'])}, "
                   f"strict {pct(grand['strict'], grand['den'])}.")
        out.append("")
    if stale_all:
        out.append(f"{len(stale_all)} verdict(s) are stale: their finding no longer appears "
                   "(or its span changed). Run `scripts/precision-sample.py` to draw "
                   "replacements; delete stale rows once they are no longer wanted.")
        if a.list_stale:
            for v in stale_all:
                print(f"stale: {pc.rel(a.verdicts)}:{v['line']}: {v['rule']} {v['file']} "
                      f"@{v['start']} {v['span']!r} ({v['verdict']})", file=sys.stderr)
    print("\n".join(out).rstrip() + "\n")
    return 0


if __name__ == "__main__":
    pc.main_guard(main)
