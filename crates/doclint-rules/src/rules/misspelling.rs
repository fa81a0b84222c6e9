use doclint_core::{Diagnostic, Document, Edit, Fix, TokenKind, WordShape};
use rustc_hash::FxHashSet;

use crate::dictionary::{Dictionary, Suggestion};
use crate::rule::{Context, Rule, RuleMeta};
use crate::words::{
    find_split, folded_hash, has_digit, in_address, is_glued, truncation_completions,
};

/// How many corrections the help offers.
const SUGGESTIONS: usize = 3;

declare_rule! {
    /// ## What it does
    /// Flags lower-case words that are not in the dictionary ("speechs"),
    /// with up to three corrections ranked by edit distance and commonness.
    ///
    /// Never checked: capitalised words (names, or sentence starts), words in
    /// capitals, words with digits, URLs, e-mail addresses and file names,
    /// romanised Chinese names (words made of Pinyin syllables), and words
    /// the same document also writes capitalised as a name. Words broken by
    /// a space or cut short at a line end are left to `split-word` and
    /// `truncated-word`. A project adds its own words in
    /// `rules/dictionary/*.txt`.
    ///
    /// ## Why is this bad?
    /// A misspelt word looks careless and defeats search; machine
    /// translation produces regular-looking but wrong forms ("speechs",
    /// "childs") that a reader notices at once.
    ///
    /// ## Example
    /// ```text
    /// Leading cadres made speechs.
    /// ```
    /// Use instead:
    /// ```text
    /// Leading cadres made speeches.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe, and offered only when exactly one correction is one edit away;
    /// otherwise the help lists the candidates.
    pub struct Misspelling {
        id: "misspelling",
        category: Lexical,
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Misspelling {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        let dict = Dictionary::builtin();
        let mut unknown: Vec<usize> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word || token.shape != WordShape::Lower {
                continue;
            }
            let word = token.text(text);
            if !cx.is_known_word(word) && !has_digit(word) {
                unknown.push(i);
            }
        }
        if unknown.is_empty() {
            return;
        }
        let names = capitalised_words(doc);
        for i in unknown {
            let word = tokens[i].text(text);
            if names.contains(&folded_hash(word))
                || dict.is_pinyin_name(word)
                || in_address(tokens, text, i)
                || is_glued(tokens, text, i, true)
                || is_glued(tokens, text, i, false)
                || find_split(doc, cx, i).is_some()
                || !truncation_completions(doc, cx, i).is_empty()
            {
                continue;
            }
            let suggestions = dict.suggestions_memo(word, SUGGESTIONS);
            out.push(diagnostic(doc, i, word, &suggestions));
        }
    }
}

fn diagnostic(doc: &Document, i: usize, word: &str, suggestions: &[Suggestion]) -> Diagnostic {
    let span = doc.tokens()[i].span;
    let diagnostic =
        Misspelling::META.diagnostic(span, format!("`{word}` is not in the dictionary"));
    let one_edit: Vec<&Suggestion> = suggestions.iter().filter(|s| s.distance == 1).collect();
    let listed: Vec<String> = suggestions
        .iter()
        .map(|s| format!("`{}`", s.word))
        .collect();
    match (listed.as_slice(), one_edit.as_slice()) {
        ([], _) => diagnostic
            .with_help("if it is a word, add it to a word list in the project's rules/dictionary/"),
        (_, [only]) => diagnostic
            .with_help(format!("did you mean {}?", listed.join(", ")))
            .with_fix(Fix::unsafe_(
                format!("Replace with `{}`", only.word),
                vec![Edit::replace(span, only.word.clone())],
            )),
        _ => diagnostic.with_help(format!("did you mean {}?", listed.join(", "))),
    }
}

/// Folded hashes of the words the document writes capitalised mid-sentence
/// or in capitals: names, which the document also uses in lower case
/// ("the xiaokang society … Xiaokang").
fn capitalised_words(doc: &Document) -> FxHashSet<u64> {
    doc.tokens()
        .iter()
        .filter(|t| {
            t.kind == TokenKind::Word
                && matches!(t.shape, WordShape::Capitalized | WordShape::AllCaps)
        })
        .map(|t| folded_hash(doc.slice(t.span)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_an_unknown_word_with_ranked_suggestions() {
        let found = lint(&Misspelling, "Leading cadres made speechs at the meeting.");
        assert_eq!(found.len(), 1);
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.starts_with("did you mean `speeches`"), "{help}");
    }

    #[test]
    fn one_correction_at_one_edit_is_an_unsafe_fix() {
        assert_unsafe_fix(
            &Misspelling,
            "The goverment met on Monday.",
            "The government met on Monday.",
        );
    }

    #[test]
    fn known_words_names_and_codes_are_quiet() {
        assert_no_lints(
            &Misspelling,
            "The Mayor met Tan Chengxu and Wen Xueqiong in Dalian. NATO and the \
             CPC sent a G20 note to info@example.com about https://example.org/docs/page \
             and the file report_v2.txt. It’s the mayor’s speech. Don't stop.",
        );
    }

    #[test]
    fn lower_case_pinyin_and_names_used_capitalised_are_quiet() {
        assert_no_lints(
            &Misspelling,
            "The xiaokang society. Zorblat said so, and zorblat agreed.",
        );
    }

    #[test]
    fn near_misses_of_real_words_are_quiet() {
        // British and American spellings, inflections, contractions.
        assert_no_lints(
            &Misspelling,
            "The organisation and organization honoured the colours; they're cooperating.",
        );
    }

    #[test]
    fn unknown_word_without_suggestion_explains_how_to_add_it() {
        let found = lint(&Misspelling, "The qzxvwk appeared.");
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("rules/dictionary")));
        assert!(found[0].fix.is_none());
    }
}
