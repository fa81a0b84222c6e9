#!/usr/bin/env python3
"""Variant-injection benchmark for the consistency rules (issue 16).

Clean text (bench/clean-text/, cut into documents of about 3,000 words, and
the seed documents of corpus/) gets known variants injected at recorded byte
offsets: one occurrence of a term, name or value format that the document
writes one way at least twice is changed, the others are left as they were.
See bench/consistency/README.md for the kinds, the rules of the generator and
how the scorer counts.

    scripts/consistency-bench.py generate [--seed N]   # rewrite the manifest
    scripts/consistency-bench.py score [--doclint BIN] [--keep DIR] [--show KIND]

`generate` writes bench/consistency/injections.jsonl (deterministic for a
seed). `score` rebuilds the documents, checks every injection against the
clean text, writes one directory per round (every document, each with at most
one injection), runs `doclint check --format json` on the clean set and on
every round, and prints recall per kind and the new findings the injections
provoke. Needs only python3 and a doclint binary.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench", "consistency")
MANIFEST = os.path.join(BENCH, "injections.jsonl")
DEFAULT_SEED = 16
CLEAN_FILES = ["factbook.txt", "sotu-1961-1989.txt", "sotu-1990-2021.txt"]
DOC_WORDS = 3000
PER_KIND = 60  # injections generated per kind (the target is >= 50)
PER_DOC_KIND = 4  # at most this many injections of one kind in one document
# Chinese names are rare in the clean text: each occurrence of one may carry
# an injection (in a round of its own).
ROMANISATION_PER_NAME = 10
PER_DOC = {"romanisation": 30, "place-spelling": 12}
# At most this many injections of one kind change the same term ("America"
# must not make up the slips of single-word names).
PER_TERM = 5
PER_TERM_KIND = {"romanisation": 15, "place-spelling": 15}

# kind -> (rules that count as finding it: an id, or a prefix ending in '*')
KINDS = {
    "capital-flip": ["inconsistent-capitalization", "inconsistent-name"],
    "hyphen-spaced": ["inconsistent-spelling"],
    "hyphen-closed": ["inconsistent-spelling"],
    "british-american": ["inconsistent-spelling"],
    "abbreviation-dots": ["inconsistent-spelling", "inconsistent-name"],
    "name-slip-multi": ["inconsistent-name"],
    "name-slip-single": ["inconsistent-name"],
    "romanisation": ["inconsistent-name"],
    "place-spelling": ["inconsistent-name"],
    "date-format": ["inconsistent-format*"],
    "thousands-separator": ["inconsistent-format*"],
    "percent-sign": ["inconsistent-format*"],
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
# Abbreviated in news style (AP); March to July are written in full.
MONTH_ABBR = {"January": "Jan.", "February": "Feb.", "August": "Aug.",
              "September": "Sept.", "October": "Oct.", "November": "Nov.",
              "December": "Dec."}
ABBR_MONTH = {v: k for k, v in MONTH_ABBR.items()}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"]
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XV",
         "XIV", "XIX", "CD", "MD", "MM", "DC", "CV"}
# Chinese surnames as Wade-Giles (Taiwan) writes them, beside the Pinyin ones.
WADE_GILES_SURNAMES = {"chiang", "tsai", "chen", "lee", "sun", "chou", "teng", "mao", "ma",
                       "lin", "wang", "li", "hu", "soong", "lai", "chen", "hsieh", "su"}
QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def load_lines(path):
    return [l.rstrip("\n") for l in open(path, encoding="utf-8")
            if l.strip() and not l.startswith("#")]


# ---------------------------------------------------------------- documents

def documents():
    """[(name, text)]: the clean text cut at paragraph breaks into documents
    of at least DOC_WORDS words, then corpus/'s seed documents."""
    docs = []
    for name in CLEAN_FILES:
        text = read(os.path.join(ROOT, "bench", "clean-text", name))
        stem = name[:-4]
        paras, words, n = [], 0, 0
        for para in text.split("\n\n"):
            para = para.strip("\n")
            if not para:
                continue
            paras.append(para)
            words += len(para.split())
            if words >= DOC_WORDS:
                docs.append((f"{stem}-{n:03}.txt", "\n\n".join(paras) + "\n"))
                paras, words, n = [], 0, n + 1
        if paras:
            docs.append((f"{stem}-{n:03}.txt", "\n\n".join(paras) + "\n"))
    corpus = os.path.join(ROOT, "corpus")
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".txt"):
            docs.append((f"corpus-{name}", read(os.path.join(corpus, name))))
    return docs


# ------------------------------------------------------------------ helpers

class Data:
    def __init__(self):
        words = set()
        for line in open(os.path.join(ROOT, "rules", "dictionary", "words.txt"),
                         encoding="utf-8"):
            words.add(line.split("\t")[0].lower())
        self.dictionary = words
        # Entries written in lower case: ordinary words, not names.
        self.common = {line.split("\t")[0] for line in open(
            os.path.join(ROOT, "rules", "dictionary", "words.txt"), encoding="utf-8")
            if line[:1].islower()}
        self.function = set(load_lines(os.path.join(ROOT, "rules", "wordlists",
                                                    "function-words.txt")))
        self.us_gb = []
        for line in load_lines(os.path.join(ROOT, "rules", "wordlists",
                                            "en-us-gb.tsv")):
            us, gb = line.split("\t")[:2]
            if "'" not in us and "'" not in gb:
                self.us_gb.append((us, gb))
        self.pinyin = set(load_lines(os.path.join(ROOT, "rules", "dictionary",
                                                  "pinyin.txt")))
        self.places = []
        for line in load_lines(os.path.join(ROOT, "rules", "wordlists", "place-spellings.tsv")):
            a, b = line.split("\t")[:2]
            self.places.append((a, b))
        self.chinese_places = set(load_lines(os.path.join(BENCH,
                                                          "chinese-places.txt")))


def sentence_initial(text, start):
    """Whether the word at `start` begins a sentence, a paragraph or a
    quotation (where any word is capitalised)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    return text[i] in ".!?:;\"“‘'([—–-"


def in_caps_line(text, start):
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


def word_boundary_ok(text, start, end):
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum() or before in "-'’"
                or after in "-" or (after in "'’" and end + 1 < len(text)
                                    and text[end + 1].isalpha()))


def segment_pinyin(word, pinyin, parts=(2, 3)):
    """Split a lower-case word into 2-3 Pinyin syllables (the longest first
    syllables first), or None."""
    def go(rest, k):
        if not rest:
            return [] if k == 0 else None
        if k == 0:
            return None
        for n in range(min(6, len(rest)), 0, -1):
            if rest[:n] in pinyin:
                tail = go(rest[n:], k - 1)
                if tail is not None:
                    return [rest[:n]] + tail
        return None
    for k in parts:
        seg = go(word, k)
        if seg:
            return seg
    return None


class Cand:
    """A candidate injection: replace text[start:end] (== original) by
    variant; `term` keeps two injections of one term out of one document."""

    def __init__(self, kind, start, original, variant, term, detail=""):
        self.kind, self.start, self.original = kind, start, original
        self.variant, self.term, self.detail = variant, term, detail


# ----------------------------------------------------------- kind finders

WORD = re.compile(r"[A-Za-z]+")


def words_with_spans(text):
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


# Words that make a bigram a clause fragment ("must bring", "first time"),
# not a term: modals, common verbs and adverbs, quantifiers, ordinals.
NOT_TERM = set("""must shall might also just even still ever never always already
first last next many much every another several less least make makes made take
takes took give given gave keep kept help helps need needs want wants know think
come comes came work get gets got going goes went done doing said says tell told
call called like well back time times year years ago today tonight people thing
things know let ask asked seek sought bring brought find found show shown hold
held move moved meet begin began become became seem seems mean means use used
provide provides continue continues part among amongst whether within
without across around toward towards behind beyond despite unless although though
since along""".split())


def capital_flips(text, data, rng):
    toks = words_with_spans(text)
    groups = collections.defaultdict(list)
    for (a, s, e), (b, s2, e2) in zip(toks, toks[1:]):
        if text[e:s2] != " " or len(a) < 4 or len(b) < 4:
            continue
        if a.lower() in data.function or b.lower() in data.function:
            continue
        if {a.lower(), b.lower()} & NOT_TERM or a.lower().endswith("ly"):
            continue
        if not word_boundary_ok(text, s, e2) or in_caps_line(text, s):
            continue
        groups[(a.lower(), b.lower())].append((s, e2, text[s:e2], a, b))
    out = []
    for key, occs in groups.items():
        inner = [o for o in occs if not sentence_initial(text, o[0])]
        forms = {o[2] for o in inner}
        if len(inner) < 2 or len(forms) != 1:
            continue
        # Every occurrence, sentence starts included, agrees past the first
        # letter (no other capitals anywhere).
        if len({o[2][1:] for o in occs}) != 1:
            continue
        _, _, form, a, b = inner[0]
        lower = a.islower() and b.islower()
        title = a[0].isupper() and b[0].isupper() and a[1:].islower() and b[1:].islower()
        if not (lower or title):
            continue
        if title and key[0] in data.dictionary and key[1] in data.dictionary \
                and f"{key[0]} {key[1]}" in text.lower().replace(form.lower(), ""):
            continue
        s, e2, _, _, _ = rng.choice(inner)
        which = rng.randrange(2)
        words = [a, b]
        w = words[which]
        words[which] = w[0].lower() + w[1:] if title else w[0].upper() + w[1:]
        variant = " ".join(words)
        out.append(Cand("capital-flip", s, form, variant, key[0] + " " + key[1],
                        "lowered" if title else "raised"))
    return out


HYPHEN = re.compile(r"(?<![\w-])([a-z]{2,})-([a-z]{2,})(?![\w-])")


def hyphens(text, data, rng):
    groups = collections.defaultdict(list)
    for m in HYPHEN.finditer(text):
        if not in_caps_line(text, m.start()):
            groups[m.group()].append(m)
    low = text.lower()
    out = []
    for form, ms in groups.items():
        a, b = form.split("-")
        if len(ms) < 2:
            continue
        if re.search(rf"\b{a} {b}\b", low) or re.search(rf"\b{a}{b}\b", low):
            continue
        m = rng.choice(ms)
        spaced = rng.random() < 0.5
        if spaced:
            out.append(Cand("hyphen-spaced", m.start(), form, f"{a} {b}", form))
        else:
            out.append(Cand("hyphen-closed", m.start(), form, f"{a}{b}", form))
    return out


def british_american(text, data, rng):
    low_words = collections.Counter(w.lower() for w, _, _ in words_with_spans(text))
    out = []
    for us, gb in data.us_gb:
        for have, other in ((us, gb), (gb, us)):
            if low_words.get(have, 0) < 2 or low_words.get(other, 0) > 0:
                continue
            occs = [m for m in re.finditer(rf"\b{re.escape(have)}\b", text, re.I)
                    if word_boundary_ok(text, m.start(), m.end())
                    and not in_caps_line(text, m.start())
                    and m.group()[1:].islower()]
            if len(occs) < 2:
                continue
            m = rng.choice(occs)
            word = m.group()
            variant = other[0].upper() + other[1:] if word[0].isupper() else other
            out.append(Cand("british-american", m.start(), word, variant, have,
                            "to-british" if have == us else "to-american"))
    return out


DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,4})")
UNDOTTED = re.compile(r"(?<![\w.&-])([A-Z]{2,3})(?![\w.&'’-])")


def abbreviations(text, data, rng):
    out = []
    groups = collections.defaultdict(list)
    for m in DOTTED.finditer(text):
        after = text[m.end():m.end() + 2]
        # A stop that may also end the sentence would be lost with the dots.
        if after[:1] in ("", "\n") or re.match(r" [A-Z]", after) or after[:1].isalpha():
            continue
        groups[m.group()].append(m)
    for form, ms in groups.items():
        bare = form.replace(".", "")
        if len(ms) < 2 or re.search(rf"\b{bare}\b", text):
            continue
        m = rng.choice(ms)
        out.append(Cand("abbreviation-dots", m.start(), form, bare, form, "undotted"))
    groups = collections.defaultdict(list)
    for m in UNDOTTED.finditer(text):
        # Not a word set in capitals for emphasis ("THE", "AND", "TIP").
        if in_caps_line(text, m.start()) or m.group() in ROMAN \
                or m.group().lower() in data.common:
            continue
        # Nor a surname in capitals beside a given name ("KIM Jong Un").
        if re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]) \
                or re.search(r"[A-Z][a-z]+ $", text[max(0, m.start() - 20):m.start()]):
            continue
        groups[m.group()].append(m)
    for form, ms in groups.items():
        dotted = "".join(c + "." for c in form)
        if len(ms) < 2 or dotted in text:
            continue
        m = rng.choice(ms)
        out.append(Cand("abbreviation-dots", m.start(), form, dotted, form, "dotted"))
    return out


def slip(word, rng, dictionary, avoid):
    """One typing slip inside a word (its first letter kept): (variant, op)."""
    ops = ["drop", "double", "swap", "substitute"]
    rng.shuffle(ops)
    lw = word.lower()
    for op in ops:
        for _ in range(8):
            if op == "drop" and len(word) >= 4:
                i = rng.randrange(1, len(word) - 1)
                v = word[:i] + word[i + 1:]
            elif op == "double":
                i = rng.randrange(1, len(word))
                v = word[:i + 1] + word[i] + word[i + 1:]
            elif op == "swap" and len(word) >= 4:
                i = rng.randrange(1, len(word) - 1)
                if word[i] == word[i + 1]:
                    continue
                v = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            elif op == "substitute":
                i = rng.randrange(1, len(word))
                c = word[i]
                row = next((r for r in QWERTY if c in r), None)
                if row is None:
                    continue
                j = row.index(c)
                near = [row[k] for k in (j - 1, j + 1) if 0 <= k < len(row)]
                v = word[:i] + rng.choice(near) + word[i + 1:]
            else:
                continue
            if v.lower() != lw and v.lower() not in dictionary and v not in avoid:
                return v, op
    return None


NAME_RUN = re.compile(r"(?<![\w.'’-])[A-Z][a-z]+(?: [A-Z][a-z]+)*(?![\w'’-])")


def name_runs(text, data):
    """Maximal runs of capitalised words outside sentence starts and
    capitals lines: [(start, end, words)]."""
    runs = []
    for m in NAME_RUN.finditer(text):
        words = m.group().split(" ")
        if sentence_initial(text, m.start()) or in_caps_line(text, m.start()):
            continue
        if any(w.lower() in data.function or w in MONTHS or w in DAYS for w in words):
            continue
        runs.append((m.start(), m.end(), words))
    return runs


def name_slips(text, data, rng):
    runs = name_runs(text, data)
    all_words = set(WORD.findall(text))
    low_words = {w for w in all_words if w.islower()}
    out = []
    multi = collections.defaultdict(list)
    single = collections.defaultdict(list)
    for s, e, words in runs:
        if 2 <= len(words) <= 3:
            multi[" ".join(words)].append((s, e, words))
        elif len(words) == 1:
            single[words[0]].append((s, e, words))
    for form, occs in multi.items():
        words = occs[0][2]
        # A name, not a title-case phrase: some word is not an ordinary word.
        if all(w.lower() in data.common for w in words):
            continue
        if len(occs) < 2:
            continue
        s, e, words = rng.choice(occs)
        long = [i for i, w in enumerate(words) if len(w) >= 4]
        if not long:
            continue
        i = rng.choice(long)
        got = slip(words[i], rng, data.dictionary, all_words)
        if not got:
            continue
        v, op = got
        variant = " ".join(words[:i] + [v] + words[i + 1:])
        out.append(Cand("name-slip-multi", s, form, variant, form, op))
    for word, occs in single.items():
        if len(word) < 5 or word.lower() in low_words or word.lower() in data.common:
            continue
        # Written alone at least three times (not only inside longer names).
        if len(occs) < 3:
            continue
        s, e, _ = rng.choice(occs)
        got = slip(word, rng, data.dictionary, all_words)
        if not got:
            continue
        v, op = got
        out.append(Cand("name-slip-single", s, word, v, word, op))
    return out


def romanisations(text, data, rng):
    out = []
    groups = collections.defaultdict(list)
    # A Chinese personal name: a one-syllable surname (possibly in capitals,
    # as the Factbook writes it) and a two-syllable given name.
    for m in re.finditer(r"(?<![\w-])([A-Z][a-zA-Z]{0,5}) ([A-Z][a-z]{3,})(?![\w'’-])", text):
        sur, given = m.group(1), m.group(2)
        if sur.lower() not in data.pinyin or in_caps_line(text, m.start()):
            continue
        if given.lower() in data.dictionary:
            continue
        seg = segment_pinyin(given.lower(), data.pinyin, (2,))
        if seg:
            groups[m.group()].append((m.start(), 2, sur + " ", given, seg))
    # A Wade-Giles given name: "TSAI Ing-wen", "Chiang Kai-shek".
    for m in re.finditer(r"(?<![\w-])([A-Z][a-zA-Z]{0,5}) ([A-Z][a-z]{1,5})-([a-z]{2,6})(?![\w'’-])", text):
        if in_caps_line(text, m.start()) or m.group(1).lower() not in WADE_GILES_SURNAMES:
            continue
        groups[m.group()].append((m.start(), 3, m.group(1) + " ", m.group(2) + "-" + m.group(3),
                                  [m.group(2).lower(), m.group(3)]))
    for name in data.chinese_places:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w'’-])", text):
            if in_caps_line(text, m.start()):
                continue
            if " " in name:
                groups[name].append((m.start(), 1, "", name, name.lower().split(" ")))
            else:
                seg = segment_pinyin(name.lower(), data.pinyin, (2, 3))
                if seg:
                    groups[name].append((m.start(), 1, "", name, seg))
    for form, occs in groups.items():
        if len(occs) < 2:
            continue
        picks = rng.sample(occs, min(len(occs), ROMANISATION_PER_NAME))
        shapes = ["hyphen", "camel", "spaced"]
        rng.shuffle(shapes)
        # Each occurrence in two of the three shapes (two injections, each
        # in a round of its own).
        pairs = [(pick, shapes[(i + k) % 3]) for i, pick in enumerate(picks) for k in (0, 1)]
        for (s, _, prefix, given, seg), shape in pairs:
            cap = [p.capitalize() for p in seg]
            if "-" in given:  # "Kai-shek" -> "Kaishek", "KaiShek", "Kai Shek"
                variant = {"hyphen": cap[0] + seg[1], "camel": "".join(cap),
                           "spaced": " ".join(cap)}[shape]
            elif " " in given:  # "Hong Kong" -> "Hongkong", "HongKong"
                variant = {"hyphen": cap[0] + "-" + seg[1], "camel": "".join(cap),
                           "spaced": cap[0] + seg[1]}[shape]
            else:
                variant = {"hyphen": cap[0] + "-" + "".join(seg[1:]),
                           "camel": "".join(cap),
                           "spaced": " ".join(cap)}[shape]
            if variant in text:
                continue
            out.append(Cand("romanisation", s, form, prefix + variant,
                            form + "#" + str(s), shape))
    return out


def places(text, data, rng):
    out = []
    for a, b in data.places:
        for have, other in ((a, b), (b, a)):
            occs = [m for m in re.finditer(rf"(?<![\w-]){re.escape(have)}(?![\w-])", text)
                    if not in_caps_line(text, m.start())]
            if len(occs) < 2 or re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", text):
                continue
            for m in rng.sample(occs, min(len(occs), 6)):
                out.append(Cand("place-spelling", m.start(), have, other,
                                have + "#" + str(m.start())))
    return out


MONTH_RE = "|".join(MONTHS)
ABBR_RE = "|".join(re.escape(a) for a in ABBR_MONTH)
DATE_MD = re.compile(rf"(?<![\w.])({MONTH_RE}) (\d{{1,2}})(?:, (\d{{4}}))?(?![\d,]\d|\w)")
DATE_DM = re.compile(rf"(?<![\w.,])(\d{{1,2}}) ({MONTH_RE})(?: (\d{{4}}))?(?![\w])")
DATE_ABBR = re.compile(rf"(?<![\w.])({ABBR_RE}) (\d{{1,2}})(?:, (\d{{4}}))?(?![\d,]\d|\w)")


def write_date(fmt, month, day, year):
    if fmt == "md":
        return f"{month} {day}" + (f", {year}" if year else "")
    if fmt == "dm":
        return f"{day} {month}" + (f" {year}" if year else "")
    return f"{MONTH_ABBR[month]} {day}" + (f", {year}" if year else "")


def dates(text, data, rng):
    found = {"md": [], "dm": [], "abbr": []}
    for m in DATE_MD.finditer(text):
        if m.group(1) == "May" and sentence_initial(text, m.start()):
            continue
        if 1 <= int(m.group(2)) <= 31:
            found["md"].append((m, m.group(1), m.group(2), m.group(3)))
    for m in DATE_DM.finditer(text):
        if 1 <= int(m.group(1)) <= 31:
            found["dm"].append((m, m.group(2), m.group(1), m.group(3)))
    for m in DATE_ABBR.finditer(text):
        found["abbr"].append((m, ABBR_MONTH[m.group(1)], m.group(2), m.group(3)))
    used = [f for f, v in found.items() if v]
    if len(used) != 1 or len(found[used[0]]) < 2:
        return []
    fmt = used[0]
    out = []
    for m, month, day, year in rng.sample(found[fmt], min(len(found[fmt]), PER_DOC_KIND)):
        others = [f for f in ("md", "dm", "abbr") if f != fmt
                  and (f != "abbr" or month in MONTH_ABBR)]
        to = rng.choice(others)
        variant = write_date(to, month, day, year)
        out.append(Cand("date-format", m.start(), m.group(), variant,
                        "date#" + str(m.start()), f"{fmt}-to-{to}"))
    return out


THOUSANDS = re.compile(r"(?<![\w.,])(\$?)(\d{1,3}(?:,\d{3})+)(?![\d]|,\d|\.\d)")
PLAIN_BIG = re.compile(r"(?<![\w.,])\d{5,}(?![\d,])")


def thousands(text, data, rng):
    occs = [m for m in THOUSANDS.finditer(text)]
    if len(occs) < 2 or PLAIN_BIG.search(text):
        return []
    out = []
    picks = [m for m in occs
             if m.group(1) == "$" or not (1000 <= int(m.group(2).replace(",", "")) <= 2099)]
    for m in rng.sample(picks, min(len(picks), PER_DOC_KIND)):
        num = m.group(2)
        out.append(Cand("thousands-separator", m.start(2), num, num.replace(",", ""),
                        "num#" + str(m.start()), "dropped"))
    return out


PCT_SIGN = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)%")
PCT_WORD = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?) (percent|per cent)\b")


def percents(text, data, rng):
    signs = list(PCT_SIGN.finditer(text))
    words = list(PCT_WORD.finditer(text))
    out = []
    if len(signs) >= 2 and not words:
        for m in rng.sample(signs, min(len(signs), PER_DOC_KIND)):
            out.append(Cand("percent-sign", m.start(), m.group(), m.group(1) + " percent",
                            "pct#" + str(m.start()), "sign-to-word"))
    elif len(words) >= 2 and not signs and len({m.group(2) for m in words}) == 1:
        for m in rng.sample(words, min(len(words), PER_DOC_KIND)):
            out.append(Cand("percent-sign", m.start(), m.group(), m.group(1) + "%",
                            "pct#" + str(m.start()), "word-to-sign"))
    return out


FINDERS = [capital_flips, hyphens, british_american, abbreviations, name_slips,
           romanisations, places, dates, thousands, percents]


# ---------------------------------------------------------------- generate

def generate(seed):
    rng = random.Random(seed)
    data = Data()
    docs = documents()
    by_kind = collections.defaultdict(list)
    for name, text in docs:
        for finder in FINDERS:
            cands = finder(text, data, rng)
            per = collections.Counter()
            rng.shuffle(cands)
            for c in cands:
                assert text[c.start:c.start + len(c.original.encode()) * 0 + len(c.original)] == c.original
                if per[c.kind] >= PER_DOC.get(c.kind, PER_DOC_KIND):
                    continue
                per[c.kind] += 1
                by_kind[c.kind].append((name, text, c))
    chosen = []
    for kind in KINDS:
        cands = by_kind.get(kind, [])
        # Spread over documents: one per document first, then a second, ...
        rng.shuffle(cands)
        rank = collections.Counter()
        ordered = []
        for name, text, c in cands:
            ordered.append((rank[name], name, text, c))
            rank[name] += 1
        ordered.sort(key=lambda t: t[0])
        per_term = collections.Counter()
        kept = []
        for item in ordered:
            original = item[3].original
            if per_term[original] < PER_TERM_KIND.get(kind, PER_TERM):
                per_term[original] += 1
                kept.append(item)
        chosen.extend(kept[:PER_KIND])
    # Rounds: each document carries at most one injection per round.
    rounds = collections.defaultdict(set)
    records = []
    for _, name, text, c in chosen:
        r = 0
        while name in rounds[r]:
            r += 1
        rounds[r].add(name)
        offset = len(text[:c.start].encode("utf-8"))
        records.append({"round": r, "kind": c.kind, "detail": c.detail, "file": name,
                        "offset": offset, "original": c.original, "variant": c.variant})
    records.sort(key=lambda x: (x["round"], x["kind"], x["file"], x["offset"]))
    os.makedirs(BENCH, exist_ok=True)
    with open(MANIFEST, "w", encoding="utf-8") as f:
        f.write(json.dumps({"seed": seed, "doc_words": DOC_WORDS, "per_kind": PER_KIND,
                            "documents": len(docs)}) + "\n")
        for i, rec in enumerate(records):
            rec = {"id": i, **rec}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    counts = collections.Counter(r["kind"] for r in records)
    for kind in KINDS:
        print(f"{kind:22} {counts.get(kind, 0):4}")
    print(f"{len(records)} injections in {len(rounds)} rounds over {len(docs)} documents "
          f"(seed {seed}) -> {os.path.relpath(MANIFEST, ROOT)}")


# ------------------------------------------------------------------- score

def load_manifest():
    with open(MANIFEST, encoding="utf-8") as f:
        header = json.loads(f.readline())
        return header, [json.loads(l) for l in f if l.strip()]


def run_doclint(binary, directory, extra):
    proc = subprocess.run([binary, "check", "--format", "json", "--isolated", *extra,
                           directory], capture_output=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"doclint failed on {directory}: {proc.stderr.decode()[:2000]}")
    out = collections.defaultdict(list)
    for d in json.loads(proc.stdout)["diagnostics"]:
        out[os.path.basename(d["path"])].append(d)
    return out


def spans_of(d):
    yield d["span"]["start"], d["span"]["end"]
    for label in d.get("labels", []):
        yield label["span"]["start"], label["span"]["end"]


def family_has(kind, rule):
    return any(rule == r or (r.endswith("*") and rule.startswith(r[:-1]))
               for r in KINDS[kind])


def key_of(d, shift_from=None, delta=0):
    s, e = d["span"]["start"], d["span"]["end"]
    if shift_from is not None and s >= shift_from:
        s, e = s + delta, e + delta
    return (d["rule"], s, e)


def score(binary, keep, extra, show):
    header, records = load_manifest()
    docs = dict(documents())
    work = keep or tempfile.mkdtemp(prefix="doclint-consistency-bench-")
    clean_dir = os.path.join(work, "clean")
    os.makedirs(clean_dir, exist_ok=True)
    for name, text in docs.items():
        with open(os.path.join(clean_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    by_round = collections.defaultdict(list)
    for rec in records:
        raw = docs[rec["file"]].encode("utf-8")
        orig = rec["original"].encode("utf-8")
        if raw[rec["offset"]:rec["offset"] + len(orig)] != orig:
            sys.exit(f"injection {rec['id']}: {rec['original']!r} is not at byte "
                     f"{rec['offset']} of {rec['file']} (clean text changed?)")
        by_round[rec["round"]].append(rec)
    clean = run_doclint(binary, clean_dir, extra)
    found = collections.Counter()
    total = collections.Counter()
    new_hit = collections.Counter()
    new_other = collections.Counter()
    new_at = collections.Counter()
    at_rules = collections.defaultdict(collections.Counter)
    other_examples = collections.defaultdict(list)
    misses = collections.defaultdict(list)
    for r in sorted(by_round):
        rdir = os.path.join(work, f"round-{r:02}")
        os.makedirs(rdir, exist_ok=True)
        injected = {}
        for rec in by_round[r]:
            injected[rec["file"]] = rec
        for name, text in docs.items():
            raw = text.encode("utf-8")
            rec = injected.get(name)
            if rec:
                o = rec["offset"]
                raw = raw[:o] + rec["variant"].encode("utf-8") + raw[o + len(rec["original"].encode("utf-8")):]
            with open(os.path.join(rdir, name), "wb") as f:
                f.write(raw)
        got = run_doclint(binary, rdir, extra)
        for rec in by_round[r]:
            kind = rec["kind"]
            total[kind] += 1
            s = rec["offset"]
            e = s + len(rec["variant"].encode("utf-8"))
            hit = any(family_has(kind, d["rule"]) and any(a < e and s < b for a, b in spans_of(d))
                      for d in got.get(rec["file"], []))
            if hit:
                found[kind] += 1
            else:
                misses[kind].append(rec)
        for name in set(got) | set(clean):
            rec = injected.get(name)
            shift_from, delta = None, 0
            if rec:
                shift_from = rec["offset"] + len(rec["original"].encode("utf-8"))
                delta = len(rec["variant"].encode("utf-8")) - len(rec["original"].encode("utf-8"))
            before = collections.Counter(key_of(d, shift_from, delta) for d in clean.get(name, []))
            for d in got.get(name, []):
                k = key_of(d)
                if before[k] > 0:
                    before[k] -= 1
                    continue
                kind = rec["kind"] if rec else "(no injection in file)"
                at = rec and any(
                    a < rec["offset"] + len(rec["variant"].encode()) and rec["offset"] < b
                    for a, b in spans_of(d))
                if at and family_has(rec["kind"], d["rule"]):
                    new_hit[kind] += 1
                elif at:
                    new_at[kind] += 1
                    at_rules[kind][d["rule"]] += 1
                else:
                    new_other[kind] += 1
                    other_examples[kind].append((name, d))
    words = sum(len(t.split()) for t in docs.values())
    print(f"variant-injection benchmark: {len(records)} injections, {len(by_round)} rounds, "
          f"{len(docs)} documents, {words} words (seed {header['seed']})")
    print("found: a finding of the kind's rules whose span or a label covers the injection;")
    print("other rules: new findings of other rules there; elsewhere: new findings away from it")
    print(f"{'kind':22} {'found':>7} {'recall':>7} {'other rules':>12} {'elsewhere':>10}")
    for kind in KINDS:
        n = total[kind]
        rate = f"{100 * found[kind] / n:.0f}%" if n else "-"
        print(f"{kind:22} {found[kind]:3}/{n:<3} {rate:>7} {new_at[kind]:>12} {new_other[kind]:>10}")
    all_found, all_n = sum(found.values()), sum(total.values())
    print(f"{'all':22} {all_found:3}/{all_n:<3} {100 * all_found / max(all_n, 1):6.0f}% "
          f"{sum(new_at.values()):>12} {sum(new_other.values()):>10}")
    if new_other.get("(no injection in file)"):
        print(f"new findings in files without an injection: {new_other['(no injection in file)']}")
    for kind in show or []:
        print(f"\n== {kind}: misses")
        for rec in misses.get(kind, []):
            print(f"  {rec['file']}@{rec['offset']}: {rec['original']!r} -> {rec['variant']!r} {rec['detail']}")
        print(f"== {kind}: other rules at the injection: {dict(at_rules[kind])}")
        print(f"== {kind}: new findings elsewhere")
        for name, d in other_examples.get(kind, []):
            print(f"  {name}@{d['span']['start']} [{d['rule']}] {d['message']}")
    if not keep:
        shutil.rmtree(work)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="rewrite bench/consistency/injections.jsonl")
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    s = sub.add_parser("score", help="run doclint on the injected text and print recall")
    s.add_argument("--doclint", default=os.path.join(ROOT, "target", "release", "doclint"))
    s.add_argument("--keep", help="write the documents here and keep them")
    s.add_argument("--show", action="append", help="list misses and other new findings of KIND")
    s.add_argument("extra", nargs="*", help="further doclint check flags (after --)")
    a = p.parse_args()
    if a.cmd == "generate":
        generate(a.seed)
    else:
        score(a.doclint, a.keep, a.extra, a.show)


if __name__ == "__main__":
    main()
