#!/usr/bin/env python3
"""Draw, per rule, a seeded random sample of doclint's findings to judge.

Runs `doclint check --isolated --format json` over one part of
bench/precision/ (the held-out part by default), prose and Markdown in two
separate runs, and for each (kind, rule) draws a random sample of its
findings: enough to bring the number of judged findings that still exist up
to --per-rule (30), or all of them if there are fewer.  Findings that already
have a verdict in bench/precision/verdicts.tsv are not drawn again (unless
--fresh), so re-running after a code change only tops the sample up.

Writes (both git-ignored):
  bench/precision/to-judge.md   one entry per drawn finding: rule, file, line,
                                byte offset, message, help, fix, the span
                                (with invisible characters named) and the
                                surrounding text with the span marked ⟦…⟧
  bench/precision/to-judge.tsv  the same findings as verdict rows with an
                                empty verdict: fill in `real`, `false` or
                                `arguable` (and a short note), then append the
                                rows to bench/precision/verdicts.tsv

Usage:
  scripts/precision-sample.py [--part heldout|dev] [--kind prose|markdown|both]
                              [--per-rule 30] [--seed 15] [--rules a,b]
                              [--doclint target/release/doclint] [--fresh]
                              [--out-dir bench/precision]
                              [--verdicts bench/precision/verdicts.tsv]
                              [-- extra doclint flags]

The sample depends only on the seed, the rule and the set of findings, so the
same code and corpus give the same sample on every machine.
"""

import argparse
import collections
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import precision_common as pc  # noqa: E402

CONTEXT = 240          # characters of context each side of the span


def visible(s):
    """The span with invisible and unusual characters named."""
    out = []
    for c in s:
        if c == " ":
            out.append("␠")
        elif c == "\t":
            out.append("⇥")
        elif c == "\n":
            out.append("⏎")
        elif unicodedata.category(c) in ("Zs", "Cf", "Cc", "Zl", "Zp", "Mn", "Co", "Cn"):
            name = unicodedata.name(c, "")
            out.append(f"<U+{ord(c):04X}{' ' + name if name else ''}>")
        else:
            out.append(c)
    return "".join(out)


def context(d):
    data = pc.file_bytes(d["file"])
    s, e = int(d["span"]["start"]), int(d["span"]["end"])
    before = data[:s].decode("utf-8", "replace")
    inside = data[s:e].decode("utf-8", "replace")
    after = data[e:].decode("utf-8", "replace")
    # stay inside the paragraph (blank line) where possible
    cut = before.rfind("\n\n")
    before = before[cut + 2:] if cut >= 0 and len(before) - cut < 4 * CONTEXT else before
    cut = after.find("\n\n")
    after = after[:cut] if 0 <= cut < 4 * CONTEXT else after
    pre = ("…" if len(before) > CONTEXT else "") + before[-CONTEXT:]
    post = after[:CONTEXT] + ("…" if len(after) > CONTEXT else "")
    return f"{pre}⟦{inside}⟧{post}"


def quote(text):
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def fix_text(d):
    fx = d.get("fix")
    if not fx:
        return "none"
    edits = "; ".join(
        f"[{e['start']}..{e['end']}] → {visible(e['replacement']) or '(delete)'}"
        for e in fx.get("edits", []))
    return f"{fx.get('title', '')} ({fx.get('applicability', '?')}): {edits}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("heldout", "dev"), default="heldout")
    ap.add_argument("--kind", choices=("prose", "markdown", "both"), default="both")
    ap.add_argument("--per-rule", type=int, default=30)
    ap.add_argument("--seed", default="15")
    ap.add_argument("--rules", help="only these rules (comma-separated)")
    ap.add_argument("--doclint", default=os.path.join(pc.ROOT, "target", "release", "doclint"))
    ap.add_argument("--fresh", action="store_true",
                    help="ignore existing verdicts: draw a whole new sample")
    ap.add_argument("--out-dir", default=pc.BENCH)
    ap.add_argument("--verdicts", default=pc.VERDICTS)
    ap.add_argument("extra", nargs="*", help="extra doclint flags (after --)")
    a = ap.parse_args()
    if a.per_rule < 1:
        raise pc.Failure("--per-rule must be at least 1")
    only = set(a.rules.split(",")) if a.rules else None
    verdicts = [] if a.fresh else pc.read_verdicts(a.verdicts)
    judged = {(v["rule"], v["file"], v["start"]): v for v in verdicts}
    kinds = pc.KINDS if a.kind == "both" else (a.kind,)

    md, tsv = [], ["\t".join(pc.COLUMNS)]
    summary = []
    for kind in kinds:
        files = pc.part_files(a.part, kind)
        words = pc.count_words(files)
        diags = pc.run_doclint(a.doclint, files, a.extra)
        by_rule = collections.defaultdict(list)
        for d in diags:
            if only is None or d["rule"] in only:
                by_rule[d["rule"]].append(d)
        md.append(f"# {a.part} {kind}: {len(files)} files, {words} words, "
                  f"{len(diags)} findings\n")
        for rule in sorted(by_rule):
            found = sorted(by_rule[rule], key=lambda d: (d["file"], d["span"]["start"],
                                                         d["span"]["end"], d["message"]))
            live = [d for d in found if pc.key(d) in judged
                    and judged[pc.key(d)]["span"] == pc.span_text(d)]
            live_keys = {pc.key(d) for d in live}
            pool = [d for d in found if pc.key(d) not in live_keys]
            want = max(0, min(a.per_rule, len(found)) - len(live))
            rng = random.Random(f"{a.seed}:{a.part}:{kind}:{rule}")
            drawn = sorted(rng.sample(pool, min(want, len(pool))),
                           key=lambda d: (d["file"], d["span"]["start"]))
            summary.append((kind, rule, len(found), len(live), len(drawn)))
            if not drawn:
                continue
            md.append(f"## {rule} ({kind}): {len(drawn)} drawn of {len(found)} findings "
                      f"({len(live)} already judged)\n")
            for i, d in enumerate(drawn, 1):
                sp = d["span"]
                text = pc.span_text(d)
                md.append(
                    f"### {rule} {i}/{len(drawn)}: `{d['file']}` line {sp['line']}, "
                    f"byte {sp['start']}\n\n"
                    f"- severity: {d.get('severity', '?')}\n"
                    f"- message: {d.get('message', '')}\n"
                    f"- help: {d.get('help') or ''}\n"
                    f"- fix: {fix_text(d)}\n"
                    f"- span: `{visible(text)}`\n\n"
                    f"{quote(context(d))}\n")
                tsv.append("\t".join([rule, d["file"], str(sp["start"]),
                                      pc.escape(text), "", ""]))
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "to-judge.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(a.out_dir, "to-judge.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(tsv) + "\n")
    print(f"{'kind':<9} {'rule':<32} {'findings':>8} {'judged':>7} {'drawn':>6}")
    for kind, rule, n, live, drawn in summary:
        print(f"{kind:<9} {rule:<32} {n:>8} {live:>7} {drawn:>6}")
    total = sum(s[4] for s in summary)
    print(f"{total} findings to judge: {pc.rel(os.path.join(a.out_dir, 'to-judge.md'))} "
          f"(read), {pc.rel(os.path.join(a.out_dir, 'to-judge.tsv'))} (fill in the verdict "
          "column, then append the rows to bench/precision/verdicts.tsv)")
    return 0


if __name__ == "__main__":
    pc.main_guard(main)
