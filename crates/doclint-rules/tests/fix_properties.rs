//! Properties of fixing over generated text, every registered rule.
//!
//! The text mixes words, every kind of Unicode space, quotation marks, CJK,
//! emoji, numbers and Markdown marks, with or without a BOM, and with its
//! line breaks as generated (LF, CRLF, lone CR mixed), all LF or all CRLF.
//! For all of it, fixing with the loop `--fix` runs (`Linter::fix_alone`)
//! must keep the invariants of `invariants::check_fixes` — no panic, spans
//! valid at every pass, fixed text loads, BOM and CRLF kept, convergence
//! within the pass limit, idempotence — and the safe fixes of the
//! white-space rules must change nothing but white space.
//! (`tests/properties.rs` runs the same invariants on another generator.)
//!
//! `PROPTEST_CASES=5000 cargo test -p doclint-rules --test fix_properties`
//! runs a longer search.

use std::sync::LazyLock;

use doclint_core::{decode, Applicability, DocumentKind, SourceText};
use doclint_rules::{invariants, registry, Category, Linter, Settings};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;

static ALL_RULES: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(registry::builtin_rules(), Settings::default()));

static WHITESPACE_RULES: LazyLock<Linter> = LazyLock::new(|| {
    let rules = registry::builtin_rules()
        .into_iter()
        .filter(|rule| rule.meta().category == Category::Whitespace)
        .collect();
    Linter::new(rules, Settings::default())
});

/// Every Unicode white-space character, the zero-width ones and tab.
const SPACES: &[&str] = &[
    " ", "\t", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}",
    "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200a}", "\u{200b}", "\u{200c}",
    "\u{200d}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{2060}", "\u{3000}", "\u{feff}",
    "\u{b}", "\u{c}", "\u{85}",
];

const WORDS: &[&str] = &[
    "the",
    "The",
    "meeting",
    "Dalian",
    "CPC",
    "party",
    "Party",
    "grass-roots",
    "grassroots",
    "s",
    "tick",
    "an",
    "expert",
    "and",
    "Organizati",
    "DALIAN",
    "CHINA",
    "Mr",
    "p",
    "e.g",
    "It's",
    "don't",
    "Xi",
    "Jinping",
    "municipal",
    "Committee",
    "a",
    "I",
];

const PUNCTUATION: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "-", "–", "—", "…", "...", "/", "&", "%",
    "#", "*", "§",
];

const QUOTES: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "«", "»", "「", "」", "„", "‹", "›", "`",
];

const CJK: &[&str] = &[
    "大连",
    "市委",
    "中国共产党",
    "。",
    "，",
    "、",
    "（",
    "）",
    "日本語",
    "한국어",
];

const EMOJI: &[&str] = &[
    "🎉",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "❤\u{fe0f}",
    "1\u{fe0f}\u{20e3}",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "```",
    "```\n",
    "`",
    "**",
    "_",
    "| ",
    " |",
    "[link](http://x.y)",
    "<b>",
    "</b>",
    "---",
    "    ",
];

const BREAKS: &[&str] = &[
    "\n",
    "\r\n",
    "\n\n",
    "\r\n\r\n",
    "\n\n\n",
    "\r\n\r\n\r\n",
    "\r",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(WORDS).prop_map(str::to_owned),
        2 => "[a-zA-Z]{1,12}",
        5 => proptest::collection::vec(select(SPACES), 1..4).prop_map(|s| s.concat()),
        3 => select(BREAKS).prop_map(str::to_owned),
        3 => select(PUNCTUATION).prop_map(str::to_owned),
        2 => select(QUOTES).prop_map(str::to_owned),
        1 => select(CJK).prop_map(str::to_owned),
        1 => select(EMOJI).prop_map(str::to_owned),
        1 => "[0-9]{1,4}",
        1 => select(MARKDOWN).prop_map(str::to_owned),
    ]
}

#[derive(Clone, Copy, Debug)]
enum Endings {
    AsGenerated,
    AllLf,
    AllCrLf,
}

fn document() -> impl Strategy<Value = (String, DocumentKind)> {
    (
        proptest::collection::vec(fragment(), 0..80),
        any::<bool>(),
        select(vec![Endings::AsGenerated, Endings::AllLf, Endings::AllCrLf]),
        any::<bool>(),
    )
        .prop_map(|(fragments, bom, endings, markdown)| {
            let mut text = fragments.concat();
            match endings {
                Endings::AsGenerated => {}
                Endings::AllLf => text = text.replace("\r\n", "\n").replace('\r', "\n"),
                Endings::AllCrLf => {
                    text = text
                        .replace("\r\n", "\n")
                        .replace('\r', "\n")
                        .replace('\n', "\r\n")
                }
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            let kind = if markdown {
                DocumentKind::Markdown
            } else {
                DocumentKind::PlainText
            };
            (text, kind)
        })
}

fn source(text: &str) -> SourceText {
    decode(text.as_bytes().to_vec()).expect("generated text is UTF-8 without NUL")
}

fn visible(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Every registered rule, safe and unsafe fixes, plain text and
    /// Markdown: see `invariants::check_fixes`.
    #[test]
    fn fixing_is_sound_on_any_line_endings((text, _kind) in document()) {
        let result = invariants::check_fixes(&ALL_RULES, text.as_bytes());
        prop_assert!(result.is_ok(), "{}", result.err().map(|v| v.to_string()).unwrap_or_default());
    }

    #[test]
    fn whitespace_fixes_change_only_white_space((text, kind) in document()) {
        let result = WHITESPACE_RULES.fix_alone(source(&text), kind, Applicability::Safe);
        prop_assert!(result.error.is_none(), "{:?}", result.error);
        prop_assert_eq!(visible(result.document.text()), visible(&text));
    }
}

#[test]
fn generated_text_reaches_the_fixes() {
    // The strategy is worth running only if its text has defects to fix.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = document();
    let mut fixed = 0;
    for _ in 0..64 {
        let (text, kind) = strategy.new_tree(&mut runner).expect("generate").current();
        fixed += ALL_RULES
            .fix_alone(source(&text), kind, Applicability::Safe)
            .fixed();
    }
    assert!(fixed > 64, "only {fixed} fixes in 64 generated documents");
}
