#!/usr/bin/env python3
"""Extractors for bench/precision/ (called by scripts/gen-precision-corpus.sh).

Every function here is deterministic: the same input packages give the same
bytes out.  Standard library only.

Sub-commands (all paths are directories):
  email SRC_DIR OUT_DIR             SpamAssassin ham messages -> one body per file
  html  OUT_FILE ROOT HTML...       HTML documentation -> one paragraph per line
  plain OUT_FILE [--min-words=N] [--max-words=N] FILE...
                                    hard-wrapped plain text -> one paragraph per line
  readmes OUT_DIR KIND SRC [INCLUDE] [EXCLUDE] [PART] [MIN_WORDS]
                                    package READMEs -> OUT_DIR/NAME.md; KIND is
                                    crates (SRC: a Cargo.lock whose .crate files
                                    are in $CARGO_HOME/registry/cache) or npm
                                    (SRC: a node_modules tree)
"""

import email
import email.policy
import gzip
import hashlib
import html
import html.parser
import io
import json
import os
import re
import sys
import tarfile
import unicodedata

# --------------------------------------------------------------------------
# shared helpers


def norm_space(s):
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"[ \t\r\n\f\v]+", " ", s).strip()


def words(text):
    return len(text.split())


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------
# e-mail bodies

QUOTE = re.compile(r"^\s*(>|\|)")
ATTRIBUTION = re.compile(r"(wrote|writes|said)\s*:\s*$", re.I)
HEADERISH = re.compile(
    r"^\s*(From|Date|To|Cc|Subject|Sent|Message-ID|Reply-To|Newsgroups)\s*:", re.I)
CUT = re.compile(
    r"^(-- ?|_{10,}.*|-{3,} ?Original Message ?-{3,}.*"
    r"|-{5,} *Forwarded .*|-----BEGIN PGP SIGNATURE-----|-{20,}|={20,}|\*{20,}|Yahoo! Groups Sponsor.*|To unsubscribe from this group.*)$",
    re.I)
URL_ONLY = re.compile(r"^\s*<?(https?://|www\.|mailto:)\S+>?\s*$", re.I)
LIST_MARK = re.compile(r"^\s*([-*+o]|\d+[.)]|\(?[a-z]\))\s")


def message_body(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_maintype() == "multipart":
            continue
        if part.get_content_type() != "text/plain":
            # HTML-only or attachment first: the message has no plain body
            return None
        if part.get_filename():
            return None
        payload = part.get_payload(decode=True) or b""
        charset = (part.get_content_charset() or "us-ascii").lower()
        # as mail clients and browsers do (WHATWG Encoding), ASCII and Latin-1
        # labels mean windows-1252: its 0x80-0x9F are curly quotes and dashes
        if charset in ("us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1",
                       "iso8859-1", "iso_8859-1"):
            charset = "cp1252"
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            try:
                return payload.decode("cp1252")
            except UnicodeDecodeError:
                return payload.decode("latin-1")
    return None


def unwrap(block):
    """Join a hard-wrapped prose paragraph; keep anything else line by line."""
    lines = block
    if len(lines) > 1 and all(len(l) >= 45 for l in lines[:-1]) and not any(
            l.startswith((" ", "\t")) or LIST_MARK.match(l) for l in lines):
        return [" ".join(l.strip() for l in lines)]
    return [l.rstrip() for l in lines]


PGP_HEAD = re.compile(r"^-----BEGIN PGP SIGNED MESSAGE-----\n(Hash: \S+\n)?", re.M)


def clean_body(body):
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = PGP_HEAD.sub("", body)
    out = []
    for line in body.split("\n"):
        if CUT.match(line.rstrip()):
            break                                  # signature, list footer, forwarded copy
        if QUOTE.match(line) or ATTRIBUTION.search(line) or HEADERISH.match(line):
            out.append(None)                       # quoted reply: drop, keep a break
            continue
        if URL_ONLY.match(line):
            continue
        out.append(line.expandtabs(8).rstrip())
    paras, cur = [], []
    for line in out + [None]:
        if line is None or not line.strip():
            if cur:
                paras.append(cur)
            cur = []
        else:
            cur.append(line)
    text = []
    for p in paras:
        text.extend(unwrap(p))
        text.append("")
    return unicodedata.normalize("NFC", "\n".join(text).strip("\n"))


# common English words that are not also common Irish words ("a", "an", "i", "is" are)
STOPWORDS = set("""about all also and are as at be been but by can for from
has have he if it its my not of on or our that the their there they this to
was we were what when which will with would you your""".split())


def english(text, threshold=0.05):
    """Crude but deterministic: the share of very common English words.
    English e-mail is near 0.25; the list's Irish-language posts and bare
    lists of advisories are under 0.03."""
    toks = re.findall(r"[a-z']+", text.lower())
    return bool(toks) and sum(t in STOPWORDS for t in toks) / len(toks) >= threshold


def cmd_email(src, out, min_words="25"):
    """The dataset's raw messages (`NNNNN.<md5>.txt`, bytes as received).  Its
    JSON copies are not used: their text was decoded lossily (U+FFFD)."""
    min_words = int(min_words)
    kept = dropped = total = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(src, name), "rb") as f:
            raw = f.read()
        body = message_body(raw)
        if body is None:
            dropped += 1
            continue
        text = clean_body(body)
        if text.startswith("Update of /cvsroot/"):   # commit-notification robot
            dropped += 1
            continue
        if words(text) < min_words or "\ufffd" in text or not english(text):
            dropped += 1
            continue
        write_text(os.path.join(out, name.split(".")[0] + ".txt"), text + "\n")
        kept += 1
        total += words(text)
    print(f"email {src}: {kept} messages kept, {dropped} dropped, {total} words",
          file=sys.stderr)


# --------------------------------------------------------------------------
# HTML documentation (Sphinx and DocBook) -> paragraphs

BLOCK = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
         "div", "td", "th", "caption", "figcaption", "section", "ul", "ol", "dl",
         "table", "tr", "br", "hr", "body", "title"}
SKIP_TAGS = {"pre", "script", "style", "head", "nav", "table", "math", "svg",
             "button", "form", "select", "textarea"}
SKIP_CLASS = {
    "sphinxsidebar", "related", "footer", "headerlink", "navheader", "navfooter",
    "toc", "highlight", "doctest", "literal-block", "screen", "programlisting",
    "synopsis", "mobile-nav", "breadcrumb", "breadcrumbs", "copyright",
    "genindex", "indextable", "contents", "sidebar", "literallayout",
    "cmdsynopsis", "funcsynopsis", "toctree-wrapper", "footnote", "citation",
    "docnav"}  # docnav: Publican's Prev/Next links (the Debian Handbook)
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col",
        "embed", "source", "track", "wbr"}


class Paragraphs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, skipping)
        self.skip = 0
        self.buf = []
        self.paras = []

    def flush(self):
        t = norm_space("".join(self.buf))
        self.buf = []
        if t:
            self.paras.append(t)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        skipping = tag in SKIP_TAGS or bool(SKIP_CLASS & set((a.get("class") or "").split())) \
            or a.get("role") in ("navigation", "search")
        if tag in BLOCK and not self.skip:
            self.flush()
        if tag in VOID:
            return
        self.stack.append((tag, skipping))
        if skipping:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop to the matching tag (HTML in the wild is not always balanced)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, sk in self.stack[i:]:
                    if sk:
                        self.skip -= 1
                del self.stack[i:]
                break
        if tag in BLOCK and not self.skip:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def html_paragraphs(text, min_words=4):
    p = Paragraphs()
    p.feed(text)
    p.close()
    p.flush()
    out = []
    for para in p.paras:
        para = para.replace("\u00b6", "").strip()      # Sphinx pilcrows
        if words(para) >= min_words and "\ufffd" not in para:
            out.append(para)
    return out


def cmd_html(out_file, root, *files):
    paras = []
    for rel in files:
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            paras.extend(html_paragraphs(f.read()))
    # the same paragraph repeated many times (navigation text) is not prose
    seen, uniq = set(), []
    for p in paras:
        if p in seen and words(p) < 12:
            continue
        seen.add(p)
        uniq.append(p)
    write_text(out_file, "\n\n".join(uniq) + "\n")
    print(f"{os.path.basename(out_file)}: {len(uniq)} paragraphs, "
          f"{sum(map(words, uniq))} words", file=sys.stderr)


# --------------------------------------------------------------------------
# hard-wrapped plain text (licences, constitution) -> paragraphs

def options(args):
    """Split leading --name=N options (integers) off an argument list."""
    opts, rest = {}, []
    for a in args:
        m = re.fullmatch(r"--([a-z-]+)=(\d+)", a)
        if m:
            opts[m.group(1)] = int(m.group(2))
        else:
            rest.append(a)
    return opts, rest


def cmd_plain(out_file, *args):
    """--min-words=N drops shorter paragraphs (index lines, headwords);
    --max-words=N stops at the paragraph that reaches N words."""
    opts, files = options(args)
    min_words, max_words = opts.get("min-words", 1), opts.get("max-words", 0)
    paras, total = [], 0
    for path in files:
        opener = gzip.open if path.endswith((".gz", ".dz")) else open  # dictzip is gzip
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            text = f.read().replace("\r\n", "\n").replace("\f", "\n")
        for block in re.split(r"\n\s*\n", text):
            lines = [l for l in block.split("\n") if l.strip()]
            if not lines:
                continue
            if all(re.fullmatch(r"\s*[-=*_]{3,}\s*", l) for l in lines):
                continue
            p = norm_space(" ".join(lines))
            if words(p) < min_words or "\ufffd" in p:
                continue
            if max_words and total >= max_words:
                break
            paras.append(p)
            total += words(p)
    write_text(out_file, "\n\n".join(paras) + "\n")
    print(f"{os.path.basename(out_file)}: {len(paras)} paragraphs, "
          f"{sum(map(words, paras))} words", file=sys.stderr)


# --------------------------------------------------------------------------
# READMEs

README = re.compile(r"^readme(\.md|\.markdown)$", re.I)


def version_key(v):
    return [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in re.split(r"[.+-]", v)]


def crate_readmes(cache_dirs, wanted):
    """wanted: {name: version}.  Yields (name, text)."""
    files = {}
    for d in cache_dirs:
        for f in os.listdir(d):
            if f.endswith(".crate"):
                files[f[:-6]] = os.path.join(d, f)
    for name in sorted(wanted):
        path = files.get(f"{name}-{wanted[name]}")
        if not path:
            print(f"  missing .crate for {name} {wanted[name]}", file=sys.stderr)
            continue
        with tarfile.open(path, "r:gz") as tar:
            top = f"{name}-{wanted[name]}/"
            for m in sorted(tar.getmembers(), key=lambda m: m.name):
                rest = m.name[len(top):] if m.name.startswith(top) else None
                if rest and "/" not in rest and README.match(rest) and m.isfile():
                    f = tar.extractfile(m)
                    if f:
                        yield name, f.read().decode("utf-8", "replace")
                    break


def lock_packages(lock_path):
    """Registry packages of a Cargo.lock, newest version per name (stdlib toml parsing)."""
    import tomllib
    with open(lock_path, "rb") as f:
        d = tomllib.load(f)
    best = {}
    for p in d.get("package", []):
        if "source" not in p or not p["source"].startswith("registry+"):
            continue
        n, v = p["name"], p["version"]
        if n not in best or version_key(v) > version_key(best[n]):
            best[n] = v
    return best


def npm_readmes(node_modules):
    found = {}
    for dirpath, dirnames, filenames in os.walk(node_modules):
        dirnames.sort()
        if "package.json" not in filenames:
            continue
        try:
            with open(os.path.join(dirpath, "package.json"), encoding="utf-8") as f:
                pj = json.load(f)
        except (OSError, ValueError):
            continue
        name, ver = pj.get("name"), pj.get("version", "0")
        if not isinstance(name, str) or not isinstance(ver, str):
            continue
        rd = sorted(f for f in filenames if README.match(f))
        if not rd:
            continue
        if name not in found or version_key(ver) > version_key(found[name][0]):
            found[name] = (ver, os.path.join(dirpath, rd[0]))
    for name in sorted(found):
        with open(found[name][1], encoding="utf-8", errors="replace") as f:
            yield name, f.read()


def cmd_readmes(out_dir, kind, src, include="", exclude="", part="all",
                min_words="80"):
    """kind: crates (src = Cargo.lock; .crate files under $CARGO_HOME) or
    npm (src = node_modules).  include/exclude: files of names, one a line.
    part: all | even | odd — a split by a hash of the name."""
    min_words = int(min_words)

    def names(path):
        if not path:
            return None
        if path.endswith("Cargo.lock"):
            return set(lock_packages(path))
        with open(path, encoding="utf-8") as f:
            return {l.strip() for l in f if l.strip() and not l.startswith("#")}
    inc, exc = names(include), names(exclude) or set()
    if kind == "crates":
        home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
        base = os.path.join(home, "registry", "cache")
        caches = [os.path.join(base, d) for d in sorted(os.listdir(base))]
        items = crate_readmes(caches, lock_packages(src))
    else:
        items = npm_readmes(src)
    kept, total, seen = 0, 0, set()
    for name, text in items:
        if (inc is not None and name not in inc) or name in exc:
            continue
        h = int(hashlib.sha256(name.encode()).hexdigest(), 16)
        if part == "even" and h % 2 or part == "odd" and not h % 2:
            continue
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
        # boilerplate READMEs that differ only by the package's name
        key = hashlib.sha256(
            re.sub(re.escape(name.split("/")[-1]), "", text).encode()).hexdigest()
        if words(text) < min_words or key in seen or "\ufffd" in text:
            continue
        seen.add(key)
        fname = name.replace("/", "__") + ".md"
        write_text(os.path.join(out_dir, fname), text if text.endswith("\n") else text + "\n")
        kept += 1
        total += words(text)
    print(f"readmes {kind} -> {out_dir}: {kept} files, {total} words", file=sys.stderr)


# --------------------------------------------------------------------------
# licence texts from the SPDX licence list (npm `spdx-license-list`)

def cmd_spdx(out_dir, full_json, *ids):
    """Write each listed licence's text verbatim (as the list carries it:
    one paragraph per line, templates' <year> <owner> placeholders kept)."""
    with open(full_json, encoding="utf-8") as f:
        licences = json.load(f)
    total = 0
    for spdx_id in ids:
        text = licences[spdx_id]["licenseText"].replace("\r\n", "\n")
        write_text(os.path.join(out_dir, f"licence-{spdx_id}.txt"),
                   text if text.endswith("\n") else text + "\n")
        total += words(text)
    print(f"spdx -> {out_dir}: {len(ids)} licences, {total} words", file=sys.stderr)


def main(argv):
    cmds = {"email": cmd_email, "html": cmd_html, "plain": cmd_plain,
            "readmes": cmd_readmes, "spdx": cmd_spdx}
    if len(argv) < 2 or argv[1] not in cmds:
        print(__doc__, file=sys.stderr)
        return 2
    cmds[argv[1]](*argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
