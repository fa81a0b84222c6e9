use doclint_core::{Diagnostic, Document, Edit, Fix, Token, TokenKind, WordShape};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a sentence that starts with a lower-case letter after the
    /// full stop, question mark or exclamation mark that ended the sentence
    /// before it.
    ///
    /// ## Why is this bad?
    /// It is the mark of a fragment left over when a translation engine
    /// split or merged sentences ("… benchmarking and comparison. intended
    /// purpose."), or of a full stop typed where a comma was meant.
    ///
    /// ## Example
    /// ```text
    /// and do a good job in the implementation of the rectification. work better.
    /// ```
    /// Use instead:
    /// ```text
    /// and do a good job in the implementation of the rectification. Work better.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: capitalising is right for a real sentence, but the fragment
    /// may rather belong to the sentence before it. Not flagged:
    /// abbreviations (e.g., i.e., etc., Mr., No., U.S.), ellipses, decimals,
    /// URLs and e-mail addresses, words that are lower-case by nature
    /// (iPhone, eBay, mRNA), a lower-case word after a quoted exclamation
    /// or question ("“Why?” she asked"), and the first sentence of a
    /// paragraph.
    pub struct LowercaseSentenceStart {
        id: "lowercase-sentence-start",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for LowercaseSentenceStart {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let sentences = doc.sentences();
        for pair in sentences.windows(2) {
            let (before, sentence) = (&pair[0], &pair[1]);
            if before.paragraph != sentence.paragraph || is_list_marker(doc, before) {
                continue;
            }
            let Some(word_index) = first_word(doc, sentence.tokens.clone()) else {
                continue;
            };
            let word = tokens[word_index];
            if word.shape != WordShape::Lower
                || is_address(doc, tokens, word_index)
                // A Markdown identifier also written in code or a URL.
                || doc.is_code_word(doc.slice(word.span))
            {
                continue;
            }
            let text = doc.slice(word.span);
            let Some(first) = text.chars().next() else {
                continue;
            };
            let capitalised: String = first
                .to_uppercase()
                .chain(text[first.len_utf8()..].chars())
                .collect();
            let first_span =
                doclint_core::Span::new(word.span.start(), word.span.start() + first.len_utf8());
            out.push(
                Self::META
                    .diagnostic(
                        word.span,
                        format!("sentence starts with lower-case `{text}`"),
                    )
                    .with_help(format!(
                        "capitalise it (`{capitalised}`), or join it to the sentence before"
                    ))
                    .with_fix(Fix::unsafe_(
                        format!("Capitalise to `{capitalised}`"),
                        vec![Edit::replace(first_span, first.to_uppercase().to_string())],
                    )),
            );
        }
    }
}

/// An outline marker at the start of a line read as the end of a sentence:
/// "a." or "iv." before an item.
fn is_list_marker(doc: &Document, sentence: &doclint_core::Sentence) -> bool {
    let tokens = doc.tokens_in(&sentence.tokens);
    let [.., word, stop] = tokens else {
        return false;
    };
    let first = sentence.tokens.end as usize - 2;
    let line_start = first == sentence.tokens.start as usize
        || doc.tokens()[first - 1].kind == TokenKind::Newline;
    line_start
        && word.shape == WordShape::Lower
        && word.span.len() <= 4
        && doc.slice(stop.span) == "."
}

/// The sentence's first word, if it opens the sentence (possibly after an
/// opening quotation mark); a sentence opening with a number, a bracket or
/// a symbol is left alone.
fn first_word(doc: &Document, range: std::ops::Range<u32>) -> Option<usize> {
    let tokens = doc.tokens();
    let start = range.start as usize;
    let end = range.end as usize;
    let mut i = start;
    if i < end
        && tokens[i].kind == TokenKind::Punct
        && matches!(doc.slice(tokens[i].span), "“" | "\"" | "‘" | "'")
    {
        i += 1;
    }
    (i < end && tokens[i].is_word()).then_some(i)
}

/// A domain name, URL or e-mail address: the word runs straight into `.`,
/// `@` or `:` followed by more text.
fn is_address(doc: &Document, tokens: &[Token], index: usize) -> bool {
    let (Some(mark), Some(after)) = (tokens.get(index + 1), tokens.get(index + 2)) else {
        return false;
    };
    mark.kind == TokenKind::Punct
        && matches!(doc.slice(mark.span), "." | "@" | ":" | "/" | "_")
        && !after.is_blank()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn fragments_after_a_full_stop() {
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "Promote improvement through benchmarking and comparison. intended purpose. \
                 Do a good job of the rectification. work better."
            ),
            vec!["intended", "work"]
        );
    }

    #[test]
    fn fix_capitalises() {
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "It ended. then more.",
            "It ended. Then more.",
        );
    }

    #[test]
    fn abbreviations_decimals_addresses_and_brands_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "Fruit, e.g. apples, i.e. red ones, etc. and more. Mr. and Mrs. Li met at No. 5 \
             in the U.S. capital. It cost 2.5 yuan. It waited... and then went. Write to \
             info@example.com today. See example.org. www.example.org has it. \
             Buy one. iPhone sales rose. eBay fell. “Why?” she asked. He shouted “Stop!” and ran.",
        );
    }

    #[test]
    fn outline_markers_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "Steps:\na. open the file;\nb. read it;\niv. close it, viz. the end, ca. noon.",
        );
    }

    #[test]
    fn first_sentence_of_a_paragraph_is_not_judged() {
        assert_no_lints(&LowercaseSentenceStart, "Title\n\nand so on. It went.");
    }
}
