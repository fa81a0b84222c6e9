#!/usr/bin/env python3
"""Tests of the precision-corpus tooling (standard library only).

Run: python3 scripts/test_precision_tools.py   (or python3 -m unittest discover -s scripts -p 'test_precision*')

The end-to-end tests run precision-sample.py and precision-report.py against
a fake doclint (a tiny script that reports every run of two spaces) on a
temporary copy of the bench/precision layout, so they need no Rust build.
"""

import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import precision_common as pc  # noqa: E402
import precision_corpus as corpus  # noqa: E402


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"),
                                                  os.path.join(HERE, name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


FAKE_DOCLINT = r'''#!/usr/bin/env python3
import json, re, sys
args = [a for a in sys.argv[1:] if not a.startswith("-") and a not in ("check", "json")]
diags = []
for path in args:
    data = open(path, "rb").read()
    for m in re.finditer(rb"  +", data):
        line = data[:m.start()].count(b"\n") + 1
        diags.append({"rule": "double-space", "severity": "warning",
                      "message": f"{m.end() - m.start()} spaces in a row", "path": path,
                      "span": {"start": m.start(), "end": m.end(), "line": line,
                               "column": 1, "end_line": line, "end_column": 1},
                      "labels": [], "help": "use a single space", "fix": None})
json.dump({"version": 1, "diagnostics": diags,
           "summary": {"files": len(args), "diagnostics": len(diags)}}, sys.stdout)
sys.exit(1 if diags else 0)
'''


class Escaping(unittest.TestCase):
    def test_round_trip(self):
        for s in ["a\tb", "x\ny\r\n", "back\\slash\\t", "", "\\", "¶ é\u00a0"]:
            self.assertEqual(pc.unescape(pc.escape(s)), s)
        self.assertNotIn("\t", pc.escape("a\tb"))
        self.assertNotIn("\n", pc.escape("a\nb"))


class Verdicts(unittest.TestCase):
    def write(self, body):
        f = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8")
        f.write("rule\tfile\tstart\tspan\tverdict\tnote\n" + body)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_valid_rows(self):
        rows = pc.read_verdicts(self.write(
            "# comment\n"
            "misspelling\ta.txt\t10\tteh\treal\tslip\n"
            "double-space\ta.txt\t20\t\\t \tfalse\n"))
        self.assertEqual([(r["rule"], r["start"], r["span"], r["verdict"]) for r in rows],
                         [("misspelling", 10, "teh", "real"), ("double-space", 20, "\t ", "false")])

    def test_bad_verdict_and_duplicate(self):
        with self.assertRaises(pc.Failure) as e:
            pc.read_verdicts(self.write("r\ta.txt\t1\tx\tmaybe\t\n"))
        self.assertIn("maybe", str(e.exception))
        with self.assertRaises(pc.Failure):
            pc.read_verdicts(self.write("r\ta.txt\t1\tx\treal\t\nr\ta.txt\t1\tx\tfalse\t\n"))
        with self.assertRaises(pc.Failure):
            pc.read_verdicts(self.write("r\ta.txt\tten\tx\treal\t\n"))

    def test_changed_span_supersedes(self):
        rows = pc.read_verdicts(self.write("r\ta.txt\t1\told\treal\t\nr\ta.txt\t1\tnew\tfalse\t\n"))
        self.assertEqual([(r["span"], r["verdict"]) for r in rows], [("new", "false")])


class Email(unittest.TestCase):
    RAW = textwrap.dedent("""\
        From: someone@example.org
        Subject: Re: boot trouble
        Content-Type: text/plain; charset=iso-8859-1

        On Tue, Aug 13, 2002, Anders wrote:
        > the old quoted text
        > more of it

        I tried the new kernel yesterday and it still hangs at the same place
        during boot, so I think the problem is elsewhere \x93really\x94.

            lilo -u /dev/hda
            reboot

        --\x20
        Kate, who signs off
        """).encode("latin-1")

    def test_body(self):
        text = corpus.clean_body(corpus.message_body(self.RAW))
        self.assertNotIn("quoted", text)
        self.assertNotIn("wrote", text)
        self.assertNotIn("signs off", text)
        # the wrapped paragraph is joined, the code keeps its lines
        self.assertIn("same place during boot", text)
        self.assertIn("\n    lilo -u /dev/hda\n    reboot", text)
        # Latin-1-labelled mail is windows-1252: curly quotes, not C1 controls
        self.assertIn("\u201creally\u201d", text)

    def test_html_only_is_dropped(self):
        raw = b"Subject: x\nContent-Type: text/html\n\n<p>hello</p>\n"
        self.assertIsNone(corpus.message_body(raw))

    def test_english_filter(self):
        self.assertTrue(corpus.english("I think that the problem is with the kernel and not with you."))
        self.assertFalse(corpus.english("Ar mhaith le einne anseo caint le TG4 faoin LBW an Linux"))


class Html(unittest.TestCase):
    def test_paragraphs(self):
        paras = corpus.html_paragraphs(
            '<html><head><title>t</title></head><body>'
            '<div class="sphinxsidebar"><p>Navigation text that is not prose</p></div>'
            '<h2>Using the <code>open</code> function<a class="headerlink" href="#x">\u00b6</a></h2>'
            '<p>Call <code>open()</code> with a path and a mode.\nIt returns a file.</p>'
            '<pre>f = open("x")  # code is skipped</pre>'
            '<ul><li>First item of a list here</li></ul></body></html>')
        self.assertEqual(paras, ["Using the open function",
                                 "Call open() with a path and a mode. It returns a file.",
                                 "First item of a list here"])


class EndToEnd(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        self.old = (pc.ROOT, pc.BENCH, pc.VERDICTS)
        pc.ROOT = self.root
        pc.BENCH = os.path.join(self.root, "bench", "precision")
        pc.VERDICTS = os.path.join(pc.BENCH, "verdicts.tsv")
        prose = os.path.join(pc.BENCH, "heldout", "prose", "src")
        md = os.path.join(pc.BENCH, "heldout", "markdown", "npm")
        os.makedirs(prose)
        os.makedirs(md)
        for i in range(50):
            with open(os.path.join(prose, f"{i:03}.txt"), "w", encoding="utf-8") as f:
                f.write(f"Message {i}.  It has two spaces.  Twice.\n")
        with open(os.path.join(prose, "LICENSE-x.txt"), "w") as f:
            f.write("Not  measured.\n")
        with open(os.path.join(md, "pkg.md"), "w", encoding="utf-8") as f:
            f.write("# Title\n\nSome  text here.\n")
        self.doclint = os.path.join(self.root, "fake-doclint")
        with open(self.doclint, "w") as f:
            f.write(FAKE_DOCLINT)
        os.chmod(self.doclint, 0o755)

    def tearDown(self):
        pc.ROOT, pc.BENCH, pc.VERDICTS = self.old
        import shutil
        shutil.rmtree(self.root)

    def run_main(self, name, *args):
        mod = load(name)
        out = io.StringIO()
        old_argv = sys.argv
        sys.argv = [name, "--doclint", self.doclint, *args]
        try:
            with contextlib.redirect_stdout(out):
                self.assertEqual(mod.main(), 0)
        finally:
            sys.argv = old_argv
        return out.getvalue()

    def test_sample_then_report(self):
        self.run_main("precision-sample", "--per-rule", "30")
        with open(os.path.join(pc.BENCH, "to-judge.tsv"), encoding="utf-8") as f:
            rows = f.read().splitlines()
        # 100 prose findings -> 30 drawn; the one Markdown finding -> drawn
        body = rows[1:]
        self.assertEqual(len(body), 31)
        self.assertFalse(any("LICENSE" in r for r in body))
        with open(os.path.join(pc.BENCH, "to-judge.md"), encoding="utf-8") as f:
            self.assertIn("⟦␠␠⟧".replace("␠", " "), f.read())
        # the same seed gives the same sample
        self.run_main("precision-sample", "--per-rule", "30")
        with open(os.path.join(pc.BENCH, "to-judge.tsv"), encoding="utf-8") as f:
            self.assertEqual(f.read().splitlines(), rows)
        # judge: 27 real, 3 false in prose; the Markdown one arguable; plus one stale row
        judged = []
        for n, r in enumerate(body):
            cols = r.split("\t")
            cols[4] = ("arguable" if cols[1].endswith(".md")
                       else "false" if n < 3 else "real")
            judged.append("\t".join(cols))
        judged.append("double-space\tbench/precision/heldout/prose/src/000.txt\t1\tzz\treal\t")
        with open(pc.VERDICTS, "w", encoding="utf-8") as f:
            f.write(rows[0] + "\n" + "\n".join(judged) + "\n")
        report = self.run_main("precision-report")
        self.assertIn("| `double-space` | 100 | ", report)
        self.assertIn("| 30 | 27 | 3 | 0 | 90.0% | 90.0% | 1 |", report)
        self.assertIn("| 1 | 0 | 0 | 1 | – | 0.0% |", report)
        self.assertIn("1 verdict(s) are stale", report)
        # topping up: every prose finding judged already -> nothing more drawn
        out = self.run_main("precision-sample", "--per-rule", "30")
        self.assertIn("0 findings to judge", out)
        out = self.run_main("precision-sample", "--per-rule", "40", "--kind", "prose")
        self.assertIn("10 findings to judge", out)


if __name__ == "__main__":
    unittest.main()
