use doclint_core::{Diagnostic, Document, Edit, Fix, LineKind, TokenKind, WordShape};
use rustc_hash::FxHashMap;

use crate::dictionary::{capitalise, Case, Completion};
use crate::rule::{Context, Rule, RuleMeta};
use crate::words::{folded_hash, truncation_completions};

/// How many candidates the help text lists.
const LISTED: usize = 5;

declare_rule! {
    /// ## What it does
    /// Flags a word cut short at the end of a title, a line or a paragraph
    /// without final punctuation: a non-word (five letters or more) that is
    /// the beginning of common dictionary words, such as "… of Grassroots
    /// Organizati". A line that the next line carries on in lower case is a
    /// wrapped sentence, not one cut short.
    ///
    /// ## Why is this bad?
    /// A field length limit or a careless copy cut the text; the title or
    /// sentence is incomplete and the reader has to guess the rest.
    ///
    /// ## Example
    /// ```text
    /// Comprehensive Standard of Grassroots Organizati
    /// ```
    /// Use instead:
    /// ```text
    /// Comprehensive Standard of Grassroots Organization
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe, and offered only when one completion is clearly best: the
    /// document itself uses it more than any other. Otherwise the help lists
    /// the commonest candidates. More than a word may be missing.
    pub struct TruncatedWord {
        id: "truncated-word",
        category: Lexical,
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for TruncatedWord {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        let mut uses: Option<FxHashMap<u64, u32>> = None;
        for line in doc.lines() {
            if !matches!(line.kind, LineKind::Prose | LineKind::Heading) {
                continue;
            }
            let first = doc.token_at_or_after(line.span.start());
            let mut last = doc.token_at_or_after(line.span.end());
            while last > first && tokens[last - 1].kind == TokenKind::Space {
                last -= 1;
            }
            if last == first || tokens[last - 1].kind != TokenKind::Word {
                continue;
            }
            let i = last - 1;
            // A Markdown identifier or name also written in code or a URL.
            if doc.is_code_word(tokens[i].text(text)) {
                continue;
            }
            let mut completions = truncation_completions(doc, cx, i);
            if completions.is_empty() {
                continue;
            }
            let word = tokens[i].text(text);
            let uses = uses.get_or_insert_with(|| word_uses(doc));
            let count = |word: &str| uses.get(&folded_hash(word)).copied().unwrap_or(0);
            // A plural counts for its singular, which is offered instead:
            // the text shows the word, not which number the cut one had.
            let singulars: Vec<String> = completions.iter().map(|c| c.word.clone()).collect();
            completions.retain(|c| !is_plural_of_any(&c.word, &singulars));
            let used = |c: &Completion| {
                count(&c.word) + count(&format!("{}s", c.word)) + count(&format!("{}es", c.word))
            };
            // Most used in this document first, then commonest, then shortest.
            completions.sort_by(|a, b| {
                (used(b), a.rank, a.word.len(), &a.word).cmp(&(
                    used(a),
                    b.rank,
                    b.word.len(),
                    &b.word,
                ))
            });
            let clear_best = match completions.as_slice() {
                [best] => used(best) > 0,
                [best, second, ..] => used(best) > used(second),
                [] => false,
            };
            let written = |c: &Completion| match Case::of(word) {
                Case::Capitalized => capitalise(&c.word),
                Case::Upper => c.word.to_uppercase(),
                Case::Lower | Case::Mixed => c.word.clone(),
            };
            let listed: Vec<String> = completions
                .iter()
                .take(LISTED)
                .map(|c| format!("`{}`", written(c)))
                .collect();
            let span = tokens[i].span;
            let diagnostic = Self::META.diagnostic(
                span,
                format!("`{word}` looks cut short: it is not a word, only the start of some"),
            );
            out.push(if clear_best {
                let best = written(&completions[0]);
                diagnostic
                    .with_help(format!(
                        "complete it: `{best}` (used elsewhere in this document)"
                    ))
                    .with_fix(Fix::unsafe_(
                        format!("Complete as `{best}`"),
                        vec![Edit::replace(span, best)],
                    ))
            } else {
                diagnostic.with_help(format!("it may be one of {}", listed.join(", ")))
            });
        }
    }
}

fn is_plural_of_any(word: &str, words: &[String]) -> bool {
    let stem = |suffix| word.strip_suffix(suffix);
    [stem("s"), stem("es")]
        .into_iter()
        .flatten()
        .any(|singular| words.iter().any(|w| w == singular))
}

/// How often the document uses each word, by folded hash.
fn word_uses(doc: &Document) -> FxHashMap<u64, u32> {
    let mut uses: FxHashMap<u64, u32> = FxHashMap::default();
    for token in doc.tokens() {
        if token.kind == TokenKind::Word && token.shape != WordShape::None {
            *uses.entry(folded_hash(doc.slice(token.span))).or_default() += 1;
        }
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_a_title_cut_short_and_completes_it_from_the_text() {
        let text = "Extend the Comprehensive Standard of Grassroots Organizati\n\n\
                    The organizations of the branches met; organization matters.\n";
        assert_eq!(flagged(&TruncatedWord, text), vec!["Organizati"]);
        let found = lint(&TruncatedWord, text);
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`Organization`")));
        assert_unsafe_fix(
            &TruncatedWord,
            text,
            &text.replace("Organizati\n", "Organization\n"),
        );
    }

    #[test]
    fn without_evidence_it_lists_candidates_and_offers_no_fix() {
        let text = "Standard of Grassroots Organizati\n\nNothing else here.\n";
        let found = lint(&TruncatedWord, text);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.contains("`Organization`"), "{help}");
    }

    #[test]
    fn complete_words_names_and_punctuated_ends_are_quiet() {
        assert_no_lints(
            &TruncatedWord,
            "Grassroots Organization\n\nSpeech by Tan Chengxu\n\nWe met Wen Xueqiong\n",
        );
        // A non-word followed by punctuation is not cut short.
        assert_no_lints(&TruncatedWord, "It was an organizati.\n");
        // Mid-line non-words belong to misspelling.
        assert_no_lints(&TruncatedWord, "The organizati was here.\n");
        // Too short to tell.
        assert_no_lints(&TruncatedWord, "Welcome to Orga\n");
        // A wrapped line the next line carries on.
        assert_no_lints(
            &TruncatedWord,
            "It was meant to preventa\nbalance of payments crisis.\n",
        );
    }

    #[test]
    fn a_cut_list_item_or_line_before_a_new_sentence_fires() {
        assert_eq!(
            flagged(
                &TruncatedWord,
                "- Grassroots Organizati\n- Party branches\n"
            ),
            vec!["Organizati"]
        );
    }
}
