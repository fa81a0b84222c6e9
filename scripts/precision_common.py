"""Shared code of scripts/precision-sample.py and scripts/precision-report.py.

Standard library only (Python 3.11+).  See bench/precision/README.md.
"""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench", "precision")
VERDICTS = os.path.join(BENCH, "verdicts.tsv")
VERDICT_VALUES = ("real", "false", "arguable")
COLUMNS = ("rule", "file", "start", "span", "verdict", "note")
KINDS = ("prose", "markdown")


class Failure(Exception):
    """A problem the user must fix (printed without a traceback)."""


def rel(path):
    """Repository-relative POSIX path."""
    return os.path.relpath(os.path.abspath(path), ROOT).replace(os.sep, "/")


def part_files(part, kind):
    """Sorted files of one part ("dev" | "heldout") and kind ("prose" | "markdown").

    Licence and copyright notes are not text to measure.  The dev prose
    includes bench/clean-text/ (it was tuned on before the split)."""
    dirs = [os.path.join(BENCH, part, kind)]
    if part == "dev" and kind == "prose":
        dirs.append(os.path.join(ROOT, "bench", "clean-text"))
    ext = ".txt" if kind == "prose" else ".md"
    out = []
    for d in dirs:
        for dirpath, dirnames, filenames in os.walk(d):
            dirnames.sort()
            for f in filenames:
                if f.endswith(ext) and not f.startswith(("LICENSE", "COPYRIGHT")):
                    out.append(os.path.join(dirpath, f))
    out.sort(key=rel)
    if not out:
        hint = (" (the READMEs are not committed: run scripts/gen-precision-corpus.sh "
                f"{part} markdown)" if kind == "markdown" else "")
        raise Failure(f"no {ext} files under {rel(dirs[0])}{hint}")
    return out


def count_words(files):
    """Whitespace-separated tokens, as `LC_ALL=C wc -w` counts them."""
    n = 0
    for f in files:
        with open(f, "rb") as fh:
            n += len(fh.read().split())
    return n


def run_doclint(doclint, files, extra=()):
    """Run `doclint check --format json` once over `files`; return its diagnostics.

    Every diagnostic gets "file" (repository-relative path)."""
    if not os.path.isfile(doclint) or not os.access(doclint, os.X_OK):
        raise Failure(f"{doclint}: not an executable (build it: cargo build --release -p doclint-cli)")
    # one run over all files: the consistency rules compare documents of a run
    cmd = [doclint, "check", "--isolated", "--format", "json", *extra, *files]
    with tempfile.TemporaryFile() as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        out.seek(0)
        raw = out.read()
    if proc.returncode not in (0, 1):
        raise Failure(f"doclint exited with {proc.returncode}:\n"
                      + proc.stderr.decode("utf-8", "replace")[-2000:])
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise Failure(f"doclint printed no valid JSON ({e})") from e
    diags = data.get("diagnostics", [])
    for d in diags:
        d["file"] = rel(d["path"]) if os.path.isabs(d["path"]) else \
            rel(os.path.join(ROOT, d["path"]))
    return diags


def key(d):
    """Identity of a finding: rule, file, byte offset of its span."""
    return (d["rule"], d["file"], int(d["span"]["start"]))


def span_text(d, cache={}):
    """The finding's span, decoded from the file's bytes."""
    data = file_bytes(d["file"], cache)
    s, e = int(d["span"]["start"]), int(d["span"]["end"])
    return data[s:e].decode("utf-8", "replace")


def file_bytes(relpath, cache={}):
    if relpath not in cache:
        with open(os.path.join(ROOT, relpath), "rb") as f:
            cache[relpath] = f.read()
    return cache[relpath]


def escape(s):
    """One TSV field: backslash, tab, CR and LF escaped."""
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\n", "\\n").replace("\r", "\\r"))


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(s[i + 1], "\\" + s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_verdicts(path):
    """Rows of the verdicts file as dicts; raises Failure on a malformed row."""
    rows, seen, errors = [], {}, []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8", newline="\n") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[:3] == ["rule", "file", "start"]:
                continue                       # header
            if len(cols) < 5:
                errors.append(f"{rel(path)}:{n}: {len(cols)} columns, want {len(COLUMNS)}")
                continue
            cols += [""] * (len(COLUMNS) - len(cols))
            r = dict(zip(COLUMNS, cols))
            r["line"] = n
            r["span"] = unescape(r["span"])
            r["note"] = unescape(r["note"])
            if r["verdict"] not in VERDICT_VALUES:
                errors.append(f"{rel(path)}:{n}: verdict {r['verdict']!r}, want one of "
                              + ", ".join(VERDICT_VALUES))
                continue
            try:
                r["start"] = int(r["start"])
            except ValueError:
                errors.append(f"{rel(path)}:{n}: byte offset {r['start']!r} is not a number")
                continue
            k = (r["rule"], r["file"], r["start"])
            if k in seen:
                if seen[k]["span"] == r["span"]:
                    errors.append(f"{rel(path)}:{n}: same finding as line {seen[k]['line']}")
                    continue
                # the text at that offset changed and the finding was judged
                # again: the later row supersedes the earlier one
                rows.remove(seen[k])
            seen[k] = r
            rows.append(r)
    if errors:
        raise Failure("malformed verdicts:\n  " + "\n  ".join(errors))
    return rows


def kind_of(relpath):
    return "markdown" if relpath.endswith(".md") else "prose"


def main_guard(fn):
    try:
        sys.exit(fn())
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
