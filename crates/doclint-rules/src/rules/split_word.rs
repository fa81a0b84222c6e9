use doclint_core::{Diagnostic, Document, Edit, FileId, Fix, Span, TokenKind, WordShape};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::rule::{Context, CorpusRule, Facts, Rule, RuleMeta};
use crate::word_ranks::WordRanks;
use crate::words::{
    capitalised_by_position, find_split, folded_hash, has_digit, is_common_word, is_common_word_at,
    is_glued, is_quoted_mention, is_word_at, linked_word,
};

declare_rule! {
    /// ## What it does
    /// Flags a word broken in two or three by stray spaces: "s tick to" for
    /// "stick to", "gov ernment" for "government".
    ///
    /// It fires when the pieces joined make a common dictionary word and at
    /// least one piece is not a word by itself (a lone letter other than
    /// "a" and "I", an unknown or very rare fragment). When every piece is a
    /// word it fires only on evidence: one piece is an uncommon word
    /// ("pro cess", "cess" being rare), the joined form is used elsewhere in
    /// the checked documents and this split form nowhere else, unless the
    /// document writes the uncommon piece on its own three times or more
    /// (its own term: "in dict" in a text about dicts). A short acronym in
    /// lower case ("ok", "usb") is a word, not a fragment. Two common
    /// words ("a part", "any one", "in to", "salt water") are ordinary
    /// English and never flagged; neither are Latin phrases written open
    /// ("post mortem", "per cent") and examples quoted with at most a
    /// few other words ("“s tick to”").
    ///
    /// ## Why is this bad?
    /// Machine translation and text extraction leave spaces inside words;
    /// the reader stumbles and a search for the word misses it.
    ///
    /// ## Example
    /// ```text
    /// strengthen the ideals and convictions, s tick to the spiritual pursuit
    /// ```
    /// Use instead:
    /// ```text
    /// strengthen the ideals and convictions, stick to the spiritual pursuit
    /// ```
    ///
    /// ## Fix safety
    /// Safe when exactly one joining of the pieces is possible and one piece
    /// is not a word; unsafe when there are several joinings (the best is
    /// offered) or when every piece is a word ("a part" may be right).
    pub struct SplitWord {
        id: "split-word",
        category: Lexical,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for SplitWord {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        let ranks = WordRanks::of(doc);
        let mut next_free = 0usize;
        let standalone = std::cell::OnceCell::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word
                || i < next_free
                || !matches!(token.shape, WordShape::Lower | WordShape::Capitalized)
            {
                continue;
            }
            if linked_word(tokens, text, i, false).is_none()
                && linked_word(tokens, text, i, true).is_none()
            {
                continue;
            }
            if is_word_at(cx, doc, &ranks, i)
                || has_digit(token.text(text))
                || is_acronym_in_lower_case(token.text(text))
            {
                continue;
            }
            // "if x is", "the socket s can", "a tty device": a non-word the
            // document writes three times or more is one of its own names
            // (a variable, a letter, a term), not a fragment.
            let uses = standalone.get_or_init(|| word_counts(doc));
            if uses.get(token.text(text)).is_some_and(|&n| n >= 3) {
                continue;
            }
            let Some(split) = find_split(doc, cx, i) else {
                continue;
            };
            next_free = split.last + 1;
            if is_quoted_mention(doc, split.first, split.last)
                || is_article_and_symbol(doc, &split)
                || is_open_latin_phrase(doc.slice(split.span(tokens)))
            {
                continue;
            }
            let span = split.span(tokens);
            let edits: Vec<Edit> = split.gaps(tokens).into_iter().map(Edit::delete).collect();
            let title = format!("Join into `{}`", split.joined);
            let fix = if split.unique {
                Fix::safe(title, edits)
            } else {
                Fix::unsafe_(title, edits)
            };
            out.push(
                Self::META
                    .diagnostic(
                        span,
                        format!(
                            "`{}` looks like `{}` broken by a stray space",
                            doc.slice(span),
                            split.joined
                        ),
                    )
                    .with_help(format!("join the pieces: `{}`", split.joined))
                    .with_fix(fix),
            );
        }
    }

    fn corpus(&self) -> Option<&dyn CorpusRule> {
        Some(self)
    }
}

/// Latin phrases that dictionaries give written open as well as closed
/// ("a post mortem analysis", "per cent"): the open form is a spelling,
/// not a word broken by a space.
const OPEN_LATIN_PHRASES: &[&str] = &[
    "ante mortem",
    "ad hoc",
    "bona fide",
    "de facto",
    "ex officio",
    "per annum",
    "per capita",
    "per cent",
    "per se",
    "post hoc",
    "post mortem",
    "post partum",
    "pro forma",
    "pro rata",
];

/// Whether `pieces` (the split text) is one of [`OPEN_LATIN_PHRASES`],
/// in any case, with one space between its words.
fn is_open_latin_phrase(pieces: &str) -> bool {
    OPEN_LATIN_PHRASES
        .iter()
        .any(|phrase| phrase.eq_ignore_ascii_case(pieces))
}

/// "go ok", "a usb stick": a short common acronym or abbreviation written
/// in lower case ("OK", "USB") is a word, not a fragment.
fn is_acronym_in_lower_case(word: &str) -> bool {
    (2..=4).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && crate::dictionary::Dictionary::builtin()
            .rank(&word.to_ascii_uppercase())
            .is_some_and(|rank| rank <= 50)
}

/// "a tty device", "marked with a b", "release a v. 8.0", "## var s =": the
/// article "a" before a piece of three letters or fewer names a letter, a
/// device or an abbreviation (a fragment that short after "a" is rare),
/// and in Markdown a piece the document also writes as code is a name.
fn is_article_and_symbol(doc: &Document, split: &crate::words::Split) -> bool {
    let tokens = doc.tokens();
    let pieces: Vec<&str> = (split.first..=split.last)
        .step_by(2)
        .map(|j| doc.slice(tokens[j].span))
        .collect();
    let article_and_short = matches!(pieces.as_slice(), [first, second]
        if matches!(*first, "a" | "A") && second.chars().count() <= 3);
    // "the y axis", "the e mail", "type s to save": a word and then a
    // lone letter names the letter (an axis, a key, a variable); a word
    // loses its last letter to a space far more rarely than its first.
    let word_then_letter = matches!(pieces.as_slice(), [first, second]
        if second.chars().count() == 1
            && !matches!(*second, "a" | "A" | "I")
            && first.chars().count() >= 2
            && crate::dictionary::Dictionary::builtin()
                .rank(&first.to_lowercase())
                .is_some_and(|rank| rank <= RARE_PIECE));
    article_and_short || word_then_letter || pieces.iter().any(|piece| doc.is_code_word(piece))
}

/// How many times each word is written in `doc`, as written (FxHash: the
/// default SipHash made this count most of the rule's time).
fn word_counts(doc: &Document) -> FxHashMap<&str, u32> {
    let mut counts = FxHashMap::default();
    for token in doc.tokens() {
        if token.kind == TokenKind::Word {
            *counts.entry(doc.slice(token.span)).or_insert(0) += 1;
        }
    }
    counts
}

/// SCOWL sizes above 50 (its "medium" list) are uncommon words: "cess",
/// "sider". Two common words side by side are ordinary English ("a part",
/// "salt water"); a rare word beside a common one is likelier a fragment
/// ("pro cess").
const RARE_PIECE: u8 = 55;

/// A pair of words that joined make a common word ("pro cess" → "process").
#[derive(Debug)]
struct Candidate {
    span: Span,
    gap: Span,
    split: String,
    joined: String,
    split_hash: u64,
    joined_hash: u64,
}

/// Joinings shorter than this are not looked for on evidence (nor are
/// shorter words recorded): a short common word split by chance into a
/// rare and a common word is too unlikely to pay for recording every short
/// word of every document.
const SHORTEST_JOIN: usize = 5;

/// What one document tells about two-word splits.
#[derive(Debug, Default)]
struct SplitFacts {
    candidates: Vec<Candidate>,
    /// Folded hashes of the common words (five letters or more) the
    /// document uses, sorted and without repeats: only a common word can be
    /// a joining (see `gather`).
    words: Vec<u64>,
    /// The words of every document kept so far (see `keep`): only their
    /// union is ever asked about, so the first document kept holds it.
    run_words: FxHashSet<u64>,
}

impl CorpusRule for SplitWord {
    fn gather(&self, _file: FileId, doc: &Document, cx: &Context) -> Facts {
        let tokens = doc.tokens();
        let text = doc.text();
        let mut facts = SplitFacts::default();
        let mut joined = String::new();
        let ranks = WordRanks::of(doc);
        let mut counts: Option<FxHashMap<&str, u32>> = None;
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = token.text(text);
            if word.len() >= SHORTEST_JOIN && is_common_word_at(cx, doc, &ranks, i) {
                facts.words.push(folded_hash(word));
            }
            let Some(next) = linked_word(tokens, text, i, true) else {
                continue;
            };
            let rank = ranks.rank(doc, i);
            let next_rank = ranks.rank(doc, next);
            let is_rare = |rank: Option<u8>| rank.is_some_and(|rank| rank >= RARE_PIECE);
            if !is_rare(rank) && !is_rare(next_rank) {
                continue;
            }
            // "in dict" beside "indict" elsewhere: a rare piece the
            // document writes on its own three times or more ("dict",
            // "enum") is one of its terms, not a fragment.
            let counts = counts.get_or_insert_with(|| word_counts(doc));
            let own_term = |j: usize, rank: Option<u8>| {
                is_rare(rank) && counts.get(tokens[j].text(text)).is_some_and(|&n| n >= 3)
            };
            if own_term(i, rank) || own_term(next, next_rank) {
                continue;
            }
            let second = &tokens[next];
            let first_ok = token.shape == WordShape::Lower
                || (token.shape == WordShape::Capitalized && capitalised_by_position(doc, i));
            if !first_ok || second.shape != WordShape::Lower {
                continue;
            }
            let second_word = second.text(text);
            joined.clear();
            joined.push_str(word);
            joined.push_str(second_word);
            if joined.len() > 24
                || joined.len() < SHORTEST_JOIN
                || has_digit(&joined)
                || !is_common_word(cx, &joined)
                || !is_word_at(cx, doc, &ranks, i)
                || !is_word_at(cx, doc, &ranks, next)
                || is_glued(tokens, text, i, true)
                || is_glued(tokens, text, next, false)
            {
                continue;
            }
            let span = token.span.cover(second.span);
            let split = doc.slice(span).to_owned();
            facts.candidates.push(Candidate {
                span,
                gap: tokens[i + 1].span,
                split_hash: folded_hash(&format!("{word} {second_word}")),
                joined_hash: folded_hash(&joined),
                split,
                joined: joined.clone(),
            });
        }
        facts.words.sort_unstable();
        facts.words.dedup();
        facts.words.shrink_to_fit();
        Box::new(facts)
    }

    fn keep(&self, kept: &mut Vec<(FileId, Facts)>, file: FileId, facts: Facts) {
        let Ok(mut facts) = facts.downcast::<SplitFacts>() else {
            return;
        };
        let run_words = match kept
            .first_mut()
            .and_then(|(_, first)| first.downcast_mut::<SplitFacts>())
        {
            Some(first) => &mut first.run_words,
            None => &mut facts.run_words,
        };
        run_words.extend(std::mem::take(&mut facts.words));
        // A document without candidates adds nothing but its words.
        if kept.is_empty() || !facts.candidates.is_empty() {
            kept.push((file, facts));
        }
    }

    fn decide(&self, facts: Vec<(FileId, Facts)>, _cx: &Context) -> Vec<(FileId, Diagnostic)> {
        let mut facts: Vec<(FileId, SplitFacts)> = facts
            .into_iter()
            .filter_map(|(file, facts)| {
                facts
                    .downcast::<SplitFacts>()
                    .ok()
                    .map(|facts| (file, *facts))
            })
            .collect();
        let mut split_uses: FxHashMap<u64, usize> = FxHashMap::default();
        for (_, file_facts) in &facts {
            for candidate in &file_facts.candidates {
                *split_uses.entry(candidate.split_hash).or_default() += 1;
            }
        }
        // Every document's words at once: one probe per candidate instead
        // of a scan over every document.
        let mut words_used: FxHashSet<u64> = FxHashSet::default();
        for (_, file_facts) in &mut facts {
            let run_words = std::mem::take(&mut file_facts.run_words);
            if words_used.is_empty() {
                words_used = run_words;
            } else {
                words_used.extend(run_words);
            }
            words_used.extend(&file_facts.words);
        }
        let mut out = Vec::new();
        for (file, file_facts) in &facts {
            for candidate in &file_facts.candidates {
                if split_uses.get(&candidate.split_hash) != Some(&1) {
                    continue;
                }
                if !words_used.contains(&candidate.joined_hash) {
                    continue;
                }
                out.push((
                    *file,
                    Self::META
                        .diagnostic(
                            candidate.span,
                            format!(
                                "`{}` is written `{}` everywhere else in the checked documents",
                                candidate.split, candidate.joined
                            ),
                        )
                        .with_help(format!(
                            "if it is one word here too, join it: `{}`",
                            candidate.joined
                        ))
                        .with_fix(Fix::unsafe_(
                            format!("Join into `{}`", candidate.joined),
                            vec![Edit::delete(candidate.gap)],
                        )),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_a_lone_letter_split_off() {
        assert_eq!(
            flagged(
                &SplitWord,
                "Strengthen the ideals, s tick to the spiritual pursuit."
            ),
            vec!["s tick"]
        );
        assert_safe_fix(
            &SplitWord,
            "Strengthen the ideals, s tick to the pursuit.",
            "Strengthen the ideals, stick to the pursuit.",
        );
    }

    #[test]
    fn a_latin_phrase_written_open_is_a_spelling() {
        assert_no_lints(
            &SplitWord,
            "The toolkit performs a post mortem analysis of the disk.",
        );
        // A Latin word broken inside is still a broken word.
        assert_eq!(
            flagged(&SplitWord, "The toolkit performs a postmor tem analysis."),
            vec!["postmor tem"]
        );
    }

    #[test]
    fn names_the_document_keeps_using_are_quiet() {
        assert_no_lints(
            &SplitWord,
            "Set x to 1. Then x = 2, and if x is odd the loop stops.",
        );
        // Used twice only, the letter is still a fragment.
        assert_eq!(
            flagged(&SplitWord, "Take (s), then s tick to it."),
            vec!["s tick"]
        );
    }

    #[test]
    fn an_article_before_a_letter_or_device_is_quiet() {
        assert_no_lints(
            &SplitWord,
            "If the input is a tty device, strings are marked with a b first.",
        );
        let markdown = lint_markdown(&SplitWord, "## var s = inspect(obj)\n\nUse `var` here.\n");
        assert!(markdown.is_empty(), "{markdown:#?}");
        assert_eq!(
            flagged(&SplitWord, "The gov ernment uses a tty device."),
            vec!["gov ernment"]
        );
    }

    #[test]
    fn a_word_before_a_lone_letter_names_the_letter() {
        assert_no_lints(
            &SplitWord,
            "Use the e mail address. The y axis shows speed. Then type s to save it.",
        );
        // A letter split off the front, or a fragment before a letter, still fires.
        assert_eq!(
            flagged(
                &SplitWord,
                "Then s tick to the plan and type it in the wor d file."
            ),
            vec!["s tick", "wor d"]
        );
    }

    #[test]
    fn flags_a_fragment_split_off() {
        assert_eq!(
            flagged(&SplitWord, "The gov ernment said so."),
            vec!["gov ernment"]
        );
        assert_safe_fix(
            &SplitWord,
            "The local gov ernment said so.",
            "The local government said so.",
        );
    }

    #[test]
    fn flags_a_word_in_three_pieces() {
        assert_eq!(
            flagged(&SplitWord, "They met the gov ern ment yesterday."),
            vec!["gov ern ment"]
        );
    }

    #[test]
    fn capitalised_split_at_sentence_start_and_in_titles() {
        assert_eq!(
            flagged(&SplitWord, "Gov ernment officials met."),
            vec!["Gov ernment"]
        );
    }

    #[test]
    fn quoted_examples_are_mentions() {
        assert_no_lints(&SplitWord, "It joins \"s tick to\" into “stick to”.");
    }

    #[test]
    fn two_words_without_evidence_are_quiet() {
        assert_no_lints(
            &SplitWord,
            "It is a part of the plan, and any one of them may go in to see.",
        );
    }

    #[test]
    fn two_words_with_evidence_in_the_corpus_fire() {
        let text = "The process was slow. Then the pro cess sped up.";
        assert_eq!(flagged(&SplitWord, text), vec!["pro cess"]);
        assert_unsafe_fix(
            &SplitWord,
            text,
            "The process was slow. Then the process sped up.",
        );
    }

    /// The run keeps one union of words, in the first document's facts,
    /// and the facts of documents with candidates: evidence from a document
    /// kept only for its words still counts.
    #[test]
    fn evidence_folded_from_other_documents_counts() {
        use crate::{Linter, Settings};

        let linter = Linter::new(vec![Box::new(SplitWord)], Settings::default());
        let texts = [
            "The minister spoke first.",
            "The process was slow.",
            "Nothing here matters.",
            "Then the pro cess sped up.",
            "Another pro blem arose.",
        ];
        let mut run = linter.new_run_facts();
        for (file, text) in texts.iter().enumerate() {
            let doc = Document::from_text(text);
            let facts = linter.gather(file as FileId, &doc);
            let facts = facts
                .into_iter()
                .enumerate()
                .filter_map(|(rule, fact)| Some((rule, fact?)));
            linter.keep(&mut run, file as FileId, facts);
        }
        let found: Vec<(FileId, String)> = linter
            .decide_run(run, &mut Vec::new())
            .into_iter()
            .map(|(file, d)| (file, d.message))
            .collect();
        assert_eq!(
            found,
            vec![(
                3,
                "`pro cess` is written `process` everywhere else in the checked documents"
                    .to_owned()
            )]
        );
    }

    #[test]
    fn two_words_without_the_joined_form_elsewhere_are_quiet() {
        assert_no_lints(&SplitWord, "Then the pro cess sped up.");
    }

    #[test]
    fn common_word_pairs_are_quiet_even_when_the_joined_form_is_used() {
        assert_no_lints(
            &SplitWord,
            "The towns lie far apart. It is a part of the plan. They went into town, \
             then in to see him. Pour the salt water out; saltwater fish live here.",
        );
    }

    #[test]
    fn lower_case_acronyms_and_the_documents_own_terms_are_words() {
        // "ok" is "OK" in lower case, not a fragment of "gook".
        assert_no_lints(&SplitWord, "The blanking appears to go ok, but it stops.");
        // "dict" written on its own again and again is a term here.
        assert_no_lints(
            &SplitWord,
            "The process was slow. A dict maps keys; a dict grows; in dict \
             comprehensions the dict is built. They may indict him.",
        );
        // A rare piece written once is still a fragment beside its word.
        assert_eq!(
            flagged(
                &SplitWord,
                "The process was slow. Then the pro cess sped up. A dict maps keys."
            ),
            vec!["pro cess"]
        );
    }

    #[test]
    fn a_split_form_used_twice_is_deliberate() {
        assert_no_lints(
            &SplitWord,
            "The process was slow. The pro cess and the pro cess again.",
        );
    }

    #[test]
    fn names_codes_and_compounds_are_quiet() {
        assert_no_lints(
            &SplitWord,
            "Xi Jinping met Tan Chengxu. Plan B was a co-op, see e.g. the G20 s.",
        );
        // Lone letters that do not join into a word.
        assert_no_lints(
            &SplitWord,
            "Choose option x or y; the vitamin D level rose.",
        );
        // A capitalised piece mid-sentence is a name, not a split.
        assert_no_lints(&SplitWord, "He visited Dar es Salaam.");
    }
}
