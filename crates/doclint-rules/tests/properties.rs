//! Property tests: the invariants the fuzz targets assert, on generated text,
//! on the stable toolchain and in the normal test suite.
//!
//! The generator writes documents from the pieces machine-translated text
//! and real repositories are made of: English words and capitalised names,
//! every Unicode space doclint knows, LF/CRLF/lone CR, straight and curly
//! quotes, CJK, emoji, combining marks, sentence punctuation and Markdown
//! syntax. Every rule in the registry runs on them (see
//! `doclint_rules::invariants`), so a new rule is covered without an edit.

use doclint_rules::invariants::{self, Violation};
use doclint_rules::Linter;
use proptest::prelude::*;
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| invariants::full_linter().expect("built-in packs load"))
}

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "s",
    "tick",
    "stick",
    "party",
    "Party",
    "committee",
    "Committee",
    "municipal",
    "Municipal",
    "grass-roots",
    "grassroots",
    "Dalian",
    "DALIAN",
    "CHINA",
    "Xi",
    "Jinping’s",
    "don't",
    "members'",
    "Organizati",
    "expert",
    "Mr",
    "U.S",
    "e.g",
    "iPhone",
    "CPC",
    "an",
    "An",
    "I",
    "it",
    "It",
    "2019",
    "2.5",
    "1,000",
    "18th",
    "G20",
    "re",
    "search",
    "research",
    "cooperation",
    "co",
    "operation",
];

const SPACES: &[&str] = &[
    " ", " ", " ", "  ", "\t", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}",
    "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200a}",
    "\u{200b}", "\u{200c}", "\u{200d}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{2060}",
    "\u{3000}", "\u{feff}", "\u{b}", "\u{c}", "\u{85}",
];

const BREAKS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\n \n",
    "\n\u{a0}\n",
];

const PUNCTUATION: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "…", "...", "。", "，", "、", "(", ")", "[", "]", "-", "—", "–",
    "/", "&", "%", "$", "*", "_", "+", "=", "@", "#",
];

const QUOTES: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "„", "‚", "「", "」", "«", "»",
];

const OTHER: &[&str] = &[
    "市委",
    "大连",
    "。",
    "\u{3000}",
    "😀",
    "👩‍👩‍👧",
    "🇨🇳",
    "e\u{301}",
    "\u{301}",
    "ß",
    "İ",
    "ﬁ",
    "Ω",
    "٣",
    "\u{fffd}",
    "\u{1}",
    "\u{7f}",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "```",
    "```\n",
    "`",
    "~~~\n",
    "---\n",
    "> ",
    "- ",
    "1. ",
    "* ",
    "[x](http://a.b/c_d)",
    "![i](p.png)",
    "<b>",
    "</b>",
    "<!-- c -->",
    "| a  | b |\n|---|---|\n",
    "<http://x.y>",
    "**",
    "[^1]",
    "    ",
];

fn piece() -> impl Strategy<Value = String> {
    let pick =
        |list: &'static [&'static str]| proptest::sample::select(list).prop_map(str::to_owned);
    prop_oneof![
        6 => pick(WORDS),
        4 => pick(SPACES),
        2 => pick(BREAKS),
        2 => pick(PUNCTUATION),
        2 => pick(QUOTES),
        1 => pick(OTHER),
        1 => pick(MARKDOWN),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = String> {
    (any::<bool>(), proptest::collection::vec(piece(), 0..120)).prop_map(|(bom, pieces)| {
        let mut text = if bom {
            "\u{feff}".to_owned()
        } else {
            String::new()
        };
        text.extend(pieces);
        text
    })
}

fn assert_ok(result: Result<(), Violation>, inputs: &[&[u8]]) -> Result<(), TestCaseError> {
    let shown: Vec<_> = inputs.iter().map(|i| String::from_utf8_lossy(i)).collect();
    prop_assert!(
        result.is_ok(),
        "{} on input {:?}",
        result.err().map(|v| v.to_string()).unwrap_or_default(),
        shown
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_rule_keeps_spans_in_bounds(a in document(), b in document()) {
        // Two files in one run, so corpus-level rules compare documents.
        let result = invariants::check_files(linter(), &[a.as_bytes(), b.as_bytes()]);
        assert_ok(result, &[a.as_bytes(), b.as_bytes()])?;
    }

    #[test]
    fn fixing_converges_and_is_idempotent(text in document()) {
        assert_ok(invariants::check_fixes(linter(), text.as_bytes()), &[text.as_bytes()])?;
    }

    #[test]
    fn arbitrary_bytes_never_break_the_model(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        assert_ok(invariants::check_files(linter(), &[&bytes]), &[&bytes])?;
        assert_ok(invariants::check_fixes(linter(), &bytes), &[&bytes])?;
    }
}

/// Inputs the fuzzers found; each once broke an invariant.
#[test]
fn fuzzer_findings_stay_fixed() {
    let findings: &[&[u8]] = &[
        // The tokenizer looped forever on a line separator.
        "a\u{2028}b \u{2029}".as_bytes(),
        // A Markdown code span ran past a header line's paragraph.
        b" `\n`",
        b"A `o \nh `",
        b"\t.\n",
        "the```\n.```".as_bytes(),
        // Found by the property tests: fixes of a mismatched pair around a
        // German quotation, and of a pair half on a line read as code,
        // undid each other.
        "\"„.“」the".as_bytes(),
        "# “\nthe\"\"\nIt's".as_bytes(),
        "'”‘\"'# ".as_bytes(),
        // Marks of two styles paired across paragraphs in Markdown: a fix
        // of either changed how the next pass paired them.
        "'thethe\n\nthe‘' ".as_bytes(),
        "thethethedon't\"\"the\n\n.“\"# ".as_bytes(),
    ];
    for input in findings {
        assert_eq!(invariants::check_files(linter(), &[input]), Ok(()));
        assert_eq!(invariants::check_fixes(linter(), input), Ok(()));
    }
}
