use doclint_core::{Diagnostic, Document, Edit, Fix, LineKind, TokenKind, WordShape};
use rustc_hash::FxHashMap;

use crate::dictionary::{capitalise, Case, Completion, Dictionary};
use crate::rule::{Context, Rule, RuleMeta};
use crate::words::{ends_line_unpunctuated, folded_hash, is_glued, truncation_completions};

/// How many candidates the help text lists.
const LISTED: usize = 5;

declare_rule! {
    /// ## What it does
    /// Flags a word cut short at the end of a title, a line or a paragraph
    /// without final punctuation: a non-word (five letters or more) that is
    /// the beginning of common dictionary words, such as "… of Grassroots
    /// Organizati". A line that the next line carries on in lower case is a
    /// wrapped sentence, not one cut short. A shorter fragment (four
    /// letters or more, or one that is also a rare name) at the end of a
    /// paragraph or a title is flagged when the document uses the word it
    /// was cut from ("… the Provincial Gover" in a text about the
    /// government, "… for the peop"), or when it begins a basic word
    /// ("people") and is no word, name or abbreviation at all, after at
    /// least four words on its line; a one-word line (a sign-off such as
    /// "Steph") never is. A title of three or more words that
    /// ends with an article, "and", "of" or a possessive ("… the
    /// Construction of the") was cut after a whole word and is flagged too,
    /// unless it is a first line that runs on into the next one (a wrapped
    /// line, not a title); in Markdown only a heading is a title, not a
    /// first line that is a paragraph. A word the document writes more than once is its
    /// own term ("linux", "param"), never a cut one; so is a capitalised
    /// one that begins only names ("… and Christian Schwarz"): a surname.
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
        let lines = doc.lines();
        let header = doc.header_lines();
        for (l, line) in lines.iter().enumerate() {
            if !matches!(line.kind, LineKind::Prose | LineKind::Heading) {
                continue;
            }
            let title = line.kind == LineKind::Heading || header.contains(&l);
            let paragraph_end = title
                || lines
                    .get(l + 1)
                    .is_none_or(|next| next.kind == LineKind::Blank);
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
            // A one-word line is a name or a sign-off ("Steph", "Geoff").
            if !tokens[first..i].iter().any(|t| t.is_word()) {
                continue;
            }
            let mut completions = truncation_completions(doc, cx, i);
            let word = tokens[i].text(text);
            let uses = uses.get_or_insert_with(|| word_uses(doc));
            let count = |word: &str| uses.get(&folded_hash(word)).copied().unwrap_or(0);
            if completions.is_empty() && paragraph_end {
                completions = short_fragment_completions(doc, cx, first, i, &count);
            }
            // A word the document writes again ("linux", "param") is its
            // own term, not one cut short. A capitalised fragment that
            // begins only names ("Schwarz": Schwarzkopf, Schwarzenegger)
            // is a name of its own, a surname as often as a cut one.
            let begins_only_names = tokens[i].shape == WordShape::Capitalized
                && completions
                    .iter()
                    .all(|c| c.word.starts_with(char::is_uppercase));
            if count(word) > 1 || begins_only_names {
                completions.clear();
            }
            if completions.is_empty() {
                // The document's title: a heading, or the first line of
                // plain text. Markdown marks its title as a heading: a
                // first line that is not one is a paragraph ("**NOTE:**
                // This crate has been folded into the⏎[`x`] crate").
                let first_line = doc.kind() == doclint_core::DocumentKind::PlainText
                    && header.start == l
                    && lines[..l].iter().all(|x| x.kind == LineKind::Blank);
                // A first line that runs on into the next is a wrapped
                // line of a paragraph, not a title ("… going through its⏎
                // \"Let's Use Motif\" phase"); a date may follow a title.
                let runs_on = doc.kind() == doclint_core::DocumentKind::PlainText
                    && lines.get(l + 1).is_some_and(|next| {
                        next.kind != LineKind::Blank
                            && !doc
                                .slice(next.span)
                                .trim_start()
                                .starts_with(|c: char| c.is_ascii_digit())
                    });
                if (line.kind == LineKind::Heading || first_line) && !runs_on {
                    out.extend(cut_title(doc, first, i));
                }
                continue;
            }
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

/// Fewest letters a fragment needs when the document itself uses the
/// word it was cut from.
const SHORTEST_SHOWN: usize = 4;

/// The completions of a short fragment ending a paragraph or a title ("…
/// the Provincial Gover", "… for the peop"), or of one that is also a rare
/// name: the words this document uses elsewhere, so the text itself is
/// the evidence; failing those, the basic words it begins when
/// [`is_cut_from_a_basic_word`] holds.
fn short_fragment_completions(
    doc: &Document,
    cx: &Context,
    first: usize,
    i: usize,
    count: &dyn Fn(&str) -> u32,
) -> Vec<Completion> {
    let dictionary = Dictionary::builtin();
    let token = doc.tokens()[i];
    let word = doc.slice(token.span);
    let letters = word.chars().count();
    let lower = word.to_lowercase();
    if !matches!(
        token.shape,
        WordShape::Lower | WordShape::Capitalized | WordShape::AllCaps
    ) || letters < SHORTEST_SHOWN
        || !word.chars().all(char::is_alphabetic)
        || !ends_line_unpunctuated(doc.tokens(), i)
        || is_glued(doc.tokens(), doc.text(), i, true)
        || dictionary.contains(&lower)
        || cx.settings.extra_words.contains(word)
        || dictionary.is_pinyin_name(word)
        || dictionary.name_rank(word).is_some_and(|rank| rank <= 50)
        || count(word) > 1
    {
        return Vec::new();
    }
    let mut completions = dictionary.completions(&lower, 256);
    completions.retain(|c| {
        c.rank <= crate::words::COMMON_RANK && c.word.len() > lower.len() && !c.word.contains('\'')
    });
    let shown: Vec<Completion> = completions
        .iter()
        .filter(|c| count(&c.word) > 0)
        .cloned()
        .collect();
    if !shown.is_empty() {
        return shown;
    }
    completions.retain(|c| c.rank <= BASIC_RANK);
    if !completions.is_empty() && is_cut_from_a_basic_word(doc, first, i, &lower) {
        return completions;
    }
    Vec::new()
}

/// The SCOWL size of the basic vocabulary ("people", "government"): a
/// short fragment the document does not complete must begin one of these.
const BASIC_RANK: u8 = 20;

/// Fewest words a paragraph or title needs before a short fragment that
/// the document does not complete: a sentence or a title, not a label.
const WORDS_BEFORE_FRAGMENT: usize = 4;

/// Whether word token `i` (lower-cased `lower`), which begins a basic
/// word and ends a paragraph or a title whose line starts at token
/// `first`, was cut from that word though the document never writes it
/// ("… a government for the peop"): it is no word or name in any case or
/// rarity, nor an abbreviation ("intl"), and a sentence of several words
/// leads up to it.
fn is_cut_from_a_basic_word(doc: &Document, first: usize, i: usize, lower: &str) -> bool {
    let dictionary = Dictionary::builtin();
    let tokens = doc.tokens();
    let words_before = tokens[first..i].iter().filter(|t| t.is_word()).count();
    words_before >= WORDS_BEFORE_FRAGMENT
        && crate::words::linked_word(tokens, doc.text(), i, false).is_some()
        && dictionary.rank_any_case(lower).is_none()
        && dictionary.rare_rank(lower).is_none()
        && dictionary.name_rank(&capitalise(lower)).is_none()
        && !crate::words::is_abbreviation(lower)
}

/// Words a title cannot end with: an article, a conjunction, "of" or a
/// possessive ("… Strengthens the Construction of the").
const TITLE_CANNOT_END: &[&str] = &["a", "an", "and", "of", "or", "the", "their", "its", "our"];

/// A title line (a heading or the document's first line) of three or more
/// words that ends with one of
/// [`TITLE_CANNOT_END`]: it was cut after a whole word.
fn cut_title(doc: &Document, first: usize, i: usize) -> Option<Diagnostic> {
    let tokens = doc.tokens();
    let word = doc.slice(tokens[i].span);
    let words = tokens[first..=i].iter().filter(|t| t.is_word()).count();
    // The title starts with a word or a heading mark, not a quotation
    // mark (a quoted reply) or code.
    let starts_plainly = tokens[first..=i]
        .iter()
        .find(|t| !t.is_blank())
        .is_some_and(|t| t.is_word() || doc.slice(t.span) == "#");
    if words < 3
        || !starts_plainly
        || is_glued(tokens, doc.text(), i, true)
        || !TITLE_CANNOT_END.contains(&word.to_lowercase().as_str())
        || !ends_line_unpunctuated(tokens, i)
    {
        return None;
    }
    Some(
        TruncatedWord::META
            .diagnostic(
                tokens[i].span,
                format!("the title ends with `{word}`: it looks cut short"),
            )
            .with_help("restore the rest of the title"),
    )
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
    fn short_fragments_the_text_completes_fire_at_a_paragraph_end() {
        let text = "The government met the people of the county on Monday.\n\n\
                    The mayor thanked the Provincial Gover\n\n\
                    It was a good day for the peop\n";
        assert_eq!(flagged(&TruncatedWord, text), vec!["Gover", "peop"]);
        // Without the whole word in the text, a fragment that is also a
        // name ("Gove") is quiet; so are one inside a paragraph and a
        // complete word.
        assert_no_lints(&TruncatedWord, "The mayor thanked the Provincial Gove\n");
        assert_no_lints(&TruncatedWord, "The people liked it.\n\npeop\n\nSteph\n");
        assert_no_lints(
            &TruncatedWord,
            "The government met the people.\nThe mayor thanked the peop\nand left.\n\n\
             A good day for the pool\n",
        );
    }

    #[test]
    fn a_short_fragment_of_a_basic_word_fires_without_the_word_in_the_text() {
        // Neither "people" nor "government" appears in full: the fragment
        // begins a basic word, is no word or name, and a sentence or a
        // title leads up to it.
        let text = "Notes from the Town Meeting

                    The council wants a budget that serves the peop

                    Minutes of the Annual Session of the Gove
";
        assert_eq!(flagged(&TruncatedWord, text), vec!["peop"]);
        let title = "# Housing Plans of the Town for Its Peop

The council met.
";
        assert_eq!(lint_markdown(&TruncatedWord, title).len(), 1);
        let found = lint(&TruncatedWord, text);
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.contains("`people`"), "{help}");
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn short_words_abbreviations_lists_and_wrapped_lines_are_quiet() {
        // A real short word, an abbreviation and a label before a list.
        assert_no_lints(
            &TruncatedWord,
            "After the match the whole team jumped into the pool

             The grant was paid by the ministry of trade, Govt

             The delegates were sent by Acme Widgets Intl

             Please bring these items with you to the camp
- a tent
- boots
",
        );
        // A hard-wrapped line that the next one carries on, and a fragment
        // after too few words to be a sentence.
        assert_no_lints(
            &TruncatedWord,
            "The council wants a budget that serves the peop
le of the town.

             Ask the peop
",
        );
    }

    #[test]
    fn a_title_cut_after_a_whole_word_fires() {
        let text = "# Province Strengthens the Construction of the\n\nThe body.\n";
        let found = lint_markdown(&TruncatedWord, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "the");
        let whole =
            "# Province Strengthens the Construction of Roads\n\nThe plan is to build the\n";
        assert!(lint_markdown(&TruncatedWord, whole).is_empty());
    }

    #[test]
    fn a_first_line_that_runs_on_and_a_word_used_again_are_quiet() {
        assert_no_lints(
            &TruncatedWord,
            "When Mozilla was going through its\n\"Let's Use Motif\" phase, it forked.\n\n\
             The second param\n\nSet the first param to three.\n",
        );
        assert_eq!(
            flagged(
                &TruncatedWord,
                "Mozilla Goes Through the Construction of the\n2019-04-11\n\nIt forked.\n"
            ),
            vec!["the"]
        );
    }

    #[test]
    fn a_markdown_first_line_is_a_title_only_as_a_heading() {
        // A paragraph first, wrapped onto a line with a link: no title.
        let paragraph = "**DEPRECATED:** This crate has been folded into the\n\
                         [`regex-syntax`](https://docs.rs/regex-syntax) now.\n\n\
                         Old text.\n";
        assert!(lint_markdown(&TruncatedWord, paragraph).is_empty());
        // The same words as a heading are a title cut short.
        let heading = "# This crate has been folded into the\n\nOld text.\n";
        assert_eq!(lint_markdown(&TruncatedWord, heading).len(), 1);
    }

    #[test]
    fn a_surname_that_begins_only_longer_names_is_a_name() {
        assert_no_lints(
            &TruncatedWord,
            "Copyright: 1998, Ian Jackson and Christian Schwarz\n\n\
             Thou hadst not perished by the law of libel. Barney Stims\n",
        );
        // A fragment of a common word after a name still fires.
        assert_eq!(
            flagged(
                &TruncatedWord,
                "The mayor thanked the Grassroots Organizati\n"
            ),
            vec!["Organizati"]
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
