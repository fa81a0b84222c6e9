use doclint_core::{Diagnostic, Document, Edit, Fix, Label, Sentence, Span};

use super::duplicate_paragraph::same_text;
use crate::pairing::{is_within, quoted_stretches};
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a sentence of six or more words repeated by the sentence right
    /// after it: the next sentence of the same paragraph, or the first
    /// sentence of the next paragraph. White space does not count; case
    /// does.
    ///
    /// ## Why is this bad?
    /// Stitching translated fragments together, or scraping a page whose
    /// markup repeats a line, doubles single sentences: the last sentence of
    /// one fragment is also the first of the next. A reader sees the same
    /// sentence twice in a row.
    ///
    /// ## Example
    /// ```text
    /// The meeting was presided over by Wang Li. The meeting was presided over by Wang Li. Li Ming attended.
    /// ```
    /// Use instead:
    /// ```text
    /// The meeting was presided over by Wang Li. Li Ming attended.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the second copy is removed with the white space before it
    /// (after it, when it opens a paragraph that goes on, so the paragraphs
    /// stay apart); the label points at the first copy. A reader should
    /// check that the repeat is not deliberate (a transcript of a speaker
    /// saying a line again after applause). Not flagged: sentences under
    /// six words ("Thank you. Thank you.", short refrains), not counting
    /// stage directions in brackets ("[Applause]"), chants ("U.S.A.! U.S.A.!
    /// U.S.A.!"), a repeat in a rhetorical series whose sentences open with
    /// the same three words ("Now is the time to do it. Now is the time to
    /// get it done. Now is the time to get it done."), sentences in or
    /// with quotation marks (quoted words are reproduced as spoken), header
    /// lines and headings (`duplicate-header` owns those), and a paragraph
    /// that is one sentence repeated as the next paragraph, which
    /// `duplicate-paragraph` owns.
    pub struct DuplicateSentence {
        id: "duplicate-sentence",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

/// Shorter sentences repeat legitimately: "Thank you.", "We must act.".
const MIN_WORDS: usize = 6;

impl Rule for DuplicateSentence {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let sentences = doc.sentences();
        let mut quoted: Option<QuotedSpans> = None;
        // The first copy of a run of repeats ("A. A. A."): every later copy
        // points at it.
        let mut original = 0;
        for (before, pair) in sentences.windows(2).enumerate() {
            let (first, sentence) = (&pair[0], &pair[1]);
            let index = before + 1;
            // Only neighbours are compared, so no hash table: comparing the
            // tokens directly stops at the first that differs, which for
            // almost every pair is the first word.
            let words = if is_candidate_pair(doc, first, sentence)
                && same_text(doc, &first.tokens, &sentence.tokens)
            {
                doc.tokens_in(&sentence.tokens)
                    .iter()
                    .filter(|t| t.is_word())
                    .count()
            } else {
                0
            };
            if words < MIN_WORDS
                || super::duplicate_paragraph::is_refrain(doc, &sentence.tokens, MIN_WORDS)
                || (before > 0 && is_anaphora(doc, &sentences[before - 1], first))
                || quoted
                    .get_or_insert_with(|| QuotedSpans::new(doc))
                    .touches(doc, first.span.cover(sentence.span))
            {
                original = index;
                continue;
            }
            let copy = removal_span(sentences, index);
            let source = sentences[original].span;
            out.push(
                Self::META
                    .diagnostic(
                        sentence.span,
                        format!("sentence repeats the one before it ({words} words)"),
                    )
                    .with_label(Label::new(source, "first written here"))
                    .with_help("remove the repeated sentence")
                    .with_fix(Fix::unsafe_(
                        "Remove the repeated sentence",
                        vec![Edit::delete(copy)],
                    )),
            );
        }
    }
}

/// Whether `second` directly follows `first` in running text, and the pair
/// is not a whole paragraph repeated (that is `duplicate-paragraph`'s).
fn is_candidate_pair(doc: &Document, first: &Sentence, second: &Sentence) -> bool {
    let paragraphs = doc.paragraphs();
    let (Some(a), Some(b)) = (
        paragraphs.get(first.paragraph as usize),
        paragraphs.get(second.paragraph as usize),
    ) else {
        return false;
    };
    if a.is_heading || b.is_heading {
        return false;
    }
    if first.paragraph == second.paragraph {
        return true;
    }
    let whole = |range: &std::ops::Range<u32>| range.len() == 1;
    second.paragraph == first.paragraph + 1 && !(whole(&a.sentences) && whole(&b.sentences))
}

/// Whether `earlier` and `first` open with the same three words in one
/// paragraph: a rhetorical series ("Now is the time to do it. Now is the
/// time to get it done. Now is the time to get it done."), in which a
/// repeat is emphasis, not a copy left over.
fn is_anaphora(doc: &Document, earlier: &Sentence, first: &Sentence) -> bool {
    if earlier.paragraph != first.paragraph {
        return false;
    }
    let opening = |sentence: &Sentence| {
        doc.tokens_in(&sentence.tokens)
            .iter()
            .filter(|t| t.is_word())
            .take(3)
            .map(|t| doc.slice(t.span))
            .collect::<Vec<_>>()
    };
    let a = opening(earlier);
    // A run of copies ("A. A. A.") is no series: the earlier sentence must
    // say something else after the same opening.
    a.len() == 3 && a == opening(first) && !same_text(doc, &earlier.tokens, &first.tokens)
}

/// What to delete for the copy at `index`: the sentence and the white space
/// before it; when it opens a paragraph that goes on, the white space after
/// it instead, so the two paragraphs are not joined.
fn removal_span(sentences: &[Sentence], index: usize) -> Span {
    let copy = &sentences[index];
    let next_in_paragraph = sentences
        .get(index + 1)
        .filter(|next| next.paragraph == copy.paragraph);
    match (
        index.checked_sub(1).and_then(|i| sentences.get(i)),
        next_in_paragraph,
    ) {
        (Some(before), Some(next)) if before.paragraph != copy.paragraph => {
            Span::new(copy.span.start(), next.span.start())
        }
        (Some(before), _) => Span::new(before.span.end(), copy.span.end()),
        // Not reached: a copy always has a sentence before it.
        (None, _) => copy.span,
    }
}

/// The stretches of text between paired quotation marks, built on the first
/// repeat found (most documents have none).
struct QuotedSpans(Vec<Span>);

impl QuotedSpans {
    fn new(doc: &Document) -> Self {
        let mut stretches = Vec::new();
        quoted_stretches(doc.quotes(), 0..doc.quotes().len(), &mut stretches);
        QuotedSpans(stretches)
    }

    /// Whether `span` holds a quotation mark or lies inside a quotation.
    fn touches(&self, doc: &Document, span: Span) -> bool {
        let quotes = doc.quotes();
        let first = quotes.partition_point(|q| q.span.start() < span.start());
        let holds_mark = quotes[first..]
            .iter()
            .take_while(|q| q.span.end() <= span.end())
            .any(|q| q.is_quote());
        holds_mark || is_within(&self.0, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    const SENTENCE: &str = "The meeting was presided over by Wang Li.";

    #[test]
    fn repeat_in_one_paragraph_points_at_the_first() {
        let text = format!("{SENTENCE} {SENTENCE} Li Ming attended.\n");
        let found = lint(&DuplicateSentence, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].labels[0].span.start, 0);
        assert_eq!(found[0].span.start(), SENTENCE.len() + 1);
        assert_unsafe_fix(
            &DuplicateSentence,
            &text,
            &format!("{SENTENCE} Li Ming attended.\n"),
        );
    }

    #[test]
    fn white_space_differences_do_not_count() {
        let copy = SENTENCE.replace(" by ", "\n  by\u{a0}");
        let text = format!("It rained. {SENTENCE} {copy}\n");
        assert_eq!(lint(&DuplicateSentence, &text).len(), 1);
    }

    #[test]
    fn last_sentence_repeated_at_the_start_of_the_next_paragraph() {
        let text = format!("It rained all day. {SENTENCE}\n\n{SENTENCE} Li Ming attended.\n");
        let found = lint(&DuplicateSentence, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        // The paragraphs stay apart.
        assert_unsafe_fix(
            &DuplicateSentence,
            &text,
            &format!("It rained all day. {SENTENCE}\n\nLi Ming attended.\n"),
        );
        let text = format!("It rained all day. {SENTENCE}\n\n{SENTENCE}\n\nLi Ming came.\n");
        assert_unsafe_fix(
            &DuplicateSentence,
            &text,
            &format!("It rained all day. {SENTENCE}\n\nLi Ming came.\n"),
        );
    }

    #[test]
    fn every_later_copy_of_a_run_points_at_the_first() {
        let text = format!("{SENTENCE} {SENTENCE} {SENTENCE}\n");
        let found = lint(&DuplicateSentence, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|d| d.labels[0].span.start == 0));
        assert_unsafe_fix(&DuplicateSentence, &text, &format!("{SENTENCE}\n"));
    }

    #[test]
    fn a_repeated_one_sentence_paragraph_is_left_to_duplicate_paragraph() {
        assert_no_lints(&DuplicateSentence, &format!("{SENTENCE}\n\n{SENTENCE}\n"));
    }

    #[test]
    fn short_sentences_and_refrains_are_quiet() {
        assert_no_lints(&DuplicateSentence, "Thank you. Thank you.\n");
        assert_no_lints(&DuplicateSentence, "We must act. We must act. Now.\n");
        assert_no_lints(
            &DuplicateSentence,
            "I have a dream today. I have a dream today.\n",
        );
    }

    #[test]
    fn stage_directions_and_chants_are_quiet() {
        assert_no_lints(
            &DuplicateSentence,
            "Thank you so much. [Laughter and applause from the audience.] \
             [Laughter and applause from the audience.] Now, to the budget.",
        );
        assert_lint_count(
            &DuplicateSentence,
            "The crowd rose. We will fix the roads this year. We will fix the roads this year. He went on.",
            1,
        );
    }

    #[test]
    fn a_repeat_in_a_rhetorical_series_is_quiet() {
        assert_no_lints(
            &DuplicateSentence,
            "Now is the time to do it. Now is the time to get it done. \
             Now is the time to get it done. Real reform means more.\n",
        );
        // Without the series, the same repeat is a copy.
        assert_lint_count(
            &DuplicateSentence,
            "We are ready to do it. Now is the time to get it done. \
             Now is the time to get it done. Real reform means more.\n",
            1,
        );
    }

    #[test]
    fn near_misses_are_quiet() {
        // Same long prefix, different end.
        assert_no_lints(
            &DuplicateSentence,
            &format!("{SENTENCE} {}\n", SENTENCE.replace("Wang Li", "Li Ming")),
        );
        // Case differs.
        assert_no_lints(
            &DuplicateSentence,
            &format!("{SENTENCE} {}\n", SENTENCE.to_uppercase()),
        );
        // Not adjacent.
        assert_no_lints(
            &DuplicateSentence,
            &format!("{SENTENCE} Li Ming attended.  {SENTENCE}\n"),
        );
        // Similar list items.
        assert_no_lints(
            &DuplicateSentence,
            "- Improve the supervision of food safety in schools.\n\
             - Improve the supervision of food safety in markets.\n",
        );
    }

    #[test]
    fn quotations_and_headings_are_quiet() {
        assert_no_lints(
            &DuplicateSentence,
            &format!("He said: “Work hard. {SENTENCE} {SENTENCE} Then rest.”\n"),
        );
        assert_no_lints(
            &DuplicateSentence,
            "“We will never give up on them,” he said. “We will never give up on them,” he said.\n",
        );
        let heading = "Annual work report of the city government.";
        assert!(lint_markdown(
            &DuplicateSentence,
            &format!("# {heading} {heading}\n\nBody text here.\n")
        )
        .is_empty());
    }
}
