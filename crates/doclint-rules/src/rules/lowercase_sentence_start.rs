use doclint_core::{Diagnostic, Document, Edit, Fix, Token, TokenKind, WordShape};

use crate::dictionary::Dictionary;
use crate::rule::{Context, Rule, RuleMeta};
use crate::words;

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
    /// Unsafe. A full stop that cannot end a sentence is stray and the fix
    /// removes it: after an article, preposition or conjunction ("the. vast
    /// plain" → "the vast plain"), after a lone subject pronoun or
    /// connective adverb ("We. began" → "We began", "Thus. we began" →
    /// "Thus we began"), or inside a word split by it ("sup. port" →
    /// "support", when the joined word is common and the first piece is
    /// not). Otherwise the fix capitalises, which is right for a real
    /// sentence, but the fragment may rather belong to the sentence before
    /// it. Not flagged: abbreviations (e.g., i.e., etc., Mr., No., U.S.,
    /// "sq. metres", "vs. the", "incl. tax", "Calif. to", and short
    /// lower-case non-words such as "approx."), version numbers ("the 3.1.
    /// series"), ellipses, decimals, URLs and e-mail addresses, words that
    /// are lower-case by nature (iPhone, eBay, mRNA) or not English words at
    /// all (program names such as "cdrecord", initials), code names ("eval()
    /// is"), a lower-case word after an
    /// exclamation mark ("Yahoo! has", "“Why?” she asked"), outline markers
    /// ("2. they", "b) all"), a news agency's credit at a paragraph's end
    /// ("… the ministry said. dpa"), the first sentence of a paragraph, and
    /// documents whose writer starts sentences in lower case by habit (the
    /// pronoun "i" written in lower case, or a quarter of the sentences
    /// starting in lower case).
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
        if writes_in_lower_case(doc) {
            return;
        }
        for pair in sentences.windows(2) {
            let (before, sentence) = (&pair[0], &pair[1]);
            if before.paragraph != sentence.paragraph
                || is_list_marker(doc, before)
                || !ends_with_full_stop_or_question(doc, before)
                || ends_with_abbreviation(doc, before)
            {
                continue;
            }
            let Some(word_index) = first_word(doc, sentence.tokens.clone()) else {
                continue;
            };
            let word = tokens[word_index];
            if word.shape != WordShape::Lower
                || !is_english_word(doc.slice(word.span))
                || is_address(doc, tokens, word_index)
                || is_code_name(doc, tokens, word_index)
                // A Markdown identifier also written in code or a URL.
                || doc.is_code_word(doc.slice(word.span))
                || is_outline_item(doc, tokens, word_index)
                || is_agency_credit(doc, sentence, sentences)
                || is_name_or_mention(doc, word_index)
            {
                continue;
            }
            let text = doc.slice(word.span);
            let Some(first) = text.chars().next() else {
                continue;
            };
            let diagnostic = Self::META.diagnostic(
                word.span,
                format!("sentence starts with lower-case `{text}`"),
            );
            if let Some(fix) = stray_stop_fix(doc, before, word_index) {
                out.push(
                    diagnostic
                        .with_help("the full stop before it looks stray: remove it")
                        .with_fix(fix),
                );
                continue;
            }
            let capitalised: String = first
                .to_uppercase()
                .chain(text[first.len_utf8()..].chars())
                .collect();
            let first_span =
                doclint_core::Span::new(word.span.start(), word.span.start() + first.len_utf8());
            out.push(
                diagnostic
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

/// The sentence before ends with a full stop or question mark, not an
/// exclamation: after one a lower-case word is usually meant ("Yahoo! has
/// signed", "Oh! how kind").
fn ends_with_full_stop_or_question(doc: &Document, sentence: &doclint_core::Sentence) -> bool {
    doc.tokens_in(&sentence.tokens)
        .iter()
        .rev()
        .find(|t| !matches!(doc.slice(t.span), ")" | "]") && !words::ends_quote_or_word(doc, t))
        .is_some_and(|t| matches!(doc.slice(t.span), "." | "?" | "？" | "。"))
}

/// The sentence before ends with an abbreviation's stop: "sq.", "vs.",
/// "Calif.", or a short lower-case non-word ("approx.", "cf.").
fn ends_with_abbreviation(doc: &Document, sentence: &doclint_core::Sentence) -> bool {
    let tokens = doc.tokens_in(&sentence.tokens);
    let [.., word, stop] = tokens else {
        return false;
    };
    // A version or section number: "the 3.1. series".
    if word.kind == TokenKind::Number && doc.slice(word.span).contains('.') {
        return doc.slice(stop.span) == ".";
    }
    if doc.slice(stop.span) != "." {
        return false;
    }
    // A number glued to its unit's abbreviation: "5ft. half pipes".
    let unit = doc
        .slice(word.span)
        .trim_start_matches(|c: char| c.is_ascii_digit());
    if unit.len() < doc.slice(word.span).len() && crate::words::is_abbreviation(unit) {
        return true;
    }
    if !word.is_word() {
        return false;
    }
    let text = doc.slice(word.span);
    if crate::words::is_abbreviation(text) {
        return true;
    }
    word.shape == WordShape::Lower
        && text.chars().count() <= 4
        && !Dictionary::builtin().contains(text)
}

/// A lower-case word that is not an English word is a name written in lower
/// case by design ("cdrecord", "libdv", "x86"), an initial or a chat
/// abbreviation ("thx"): not a sentence start to capitalise.
fn is_english_word(word: &str) -> bool {
    word.chars().count() > 1 && Dictionary::builtin().contains(word) || word == "a"
}

/// The word names code: it runs straight into a call's bracket
/// ("eval() is slower").
fn is_code_name(doc: &Document, tokens: &[Token], index: usize) -> bool {
    tokens
        .get(index + 1)
        .is_some_and(|t| doc.slice(t.span) == "(")
}

/// An outline item's marker at a line's start: "b) all of the above", or a
/// bullet "o" before the item.
fn is_outline_item(doc: &Document, tokens: &[Token], index: usize) -> bool {
    let line_start = index == 0 || {
        let before = &tokens[..index];
        before
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Space)
            .is_none_or(|t| t.kind == TokenKind::Newline)
    };
    if !line_start {
        return false;
    }
    let text = doc.slice(tokens[index].span);
    let next = tokens.get(index + 1).map(|t| doc.slice(t.span));
    (text.chars().count() <= 2 && next == Some(")")) || (text == "o" && next == Some(" "))
}

/// News agencies that credit themselves in lower case.
const AGENCIES: &[&str] = &[
    "afp", "ansa", "ap", "apa", "dapd", "ddp", "dpa", "efe", "epd", "kna", "sda", "sid",
];

/// A news agency's credit ("dpa", "afp/mb") as the paragraph's last,
/// unpunctuated sentence.
fn is_agency_credit(
    doc: &Document,
    sentence: &doclint_core::Sentence,
    sentences: &[doclint_core::Sentence],
) -> bool {
    let last_in_paragraph = sentences
        .iter()
        .find(|s| s.tokens.start > sentence.tokens.start)
        .is_none_or(|s| s.paragraph != sentence.paragraph);
    if !last_in_paragraph {
        return false;
    }
    let own = doc.tokens_in(&sentence.tokens);
    if own
        .last()
        .is_some_and(|t| matches!(doc.slice(t.span), "." | "!" | "?"))
    {
        return false;
    }
    let words: Vec<&str> = own
        .iter()
        .filter(|t| t.is_word())
        .map(|t| doc.slice(t.span))
        .collect();
    words.first().is_some_and(|w| AGENCIES.contains(w))
        && words.len() <= 3
        && words.iter().all(|w| w.chars().count() <= 4)
}

/// The writer starts sentences in lower case by habit (informal e-mail,
/// chat): the pronoun "i" is written in lower case, or at least a quarter
/// of the sentences (and three or more) start in lower case.
fn writes_in_lower_case(doc: &Document) -> bool {
    let tokens = doc.tokens();
    let lower_i = tokens
        .iter()
        .filter(|t| t.is_word())
        .filter(|t| {
            let w = doc.slice(t.span);
            w == "i" || w.starts_with("i'") || w.starts_with("i’")
        })
        .count();
    if lower_i >= 2 {
        return true;
    }
    let (mut lower, mut total) = (0usize, 0usize);
    for sentence in doc.sentences() {
        if let Some(i) = first_word(doc, sentence.tokens.clone()) {
            match tokens[i].shape {
                WordShape::Lower => lower += 1,
                WordShape::Capitalized | WordShape::AllCaps => {}
                _ => continue,
            }
            total += 1;
        }
    }
    lower >= 3 && lower * 4 >= total
}

/// Words after which a sentence cannot end: a full stop after them is stray.
const CANNOT_END: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "its", "my", "nor",
    "of", "on", "or", "our", "the", "their", "to", "with", "your",
];

/// Subject pronouns and connective adverbs, which cannot make a sentence
/// on their own ("We. began", "Thus. we began").
const SUBJECTS: &[&str] = &[
    "I",
    "We",
    "They",
    "He",
    "She",
    "Thus",
    "Hence",
    "Therefore",
    "Moreover",
    "Furthermore",
];

/// A full stop that cannot end a sentence, and the fix that removes it:
/// "the. vast" → "the vast", "We. began" → "We began", "sup. port" →
/// "support".
fn stray_stop_fix(doc: &Document, before: &doclint_core::Sentence, word: usize) -> Option<Fix> {
    let tokens = doc.tokens();
    let own = doc.tokens_in(&before.tokens);
    let [.., last, stop] = own else {
        return None;
    };
    if !last.is_word() || doc.slice(stop.span) != "." {
        return None;
    }
    let last_text = doc.slice(last.span);
    let gap = doclint_core::Span::new(stop.span.end(), tokens[word].span.start());
    let next_text = doc.slice(tokens[word].span);
    if doc.slice(gap) == " " {
        let joined = format!("{}{next_text}", last_text.to_lowercase());
        let dictionary = Dictionary::builtin();
        // The joined word is common, the first piece is not ("sup").
        let common = |w: &str| dictionary.rank(w).is_some_and(|r| r <= 20);
        if common(&joined) && !common(&last_text.to_lowercase()) {
            let span = doclint_core::Span::new(stop.span.start(), gap.end());
            return Some(Fix::unsafe_(
                format!("Rejoin the word as `{last_text}{next_text}`"),
                vec![Edit::delete(span)],
            ));
        }
    }
    let alone = own.iter().filter(|t| t.is_word()).count() == 1;
    if CANNOT_END.contains(&last_text.to_lowercase().as_str())
        || (alone && SUBJECTS.contains(&last_text))
    {
        return Some(Fix::unsafe_(
            "Remove the stray full stop",
            vec![Edit::delete(stop.span)],
        ));
    }
    None
}

/// An outline marker at the start of a line read as the end of a sentence:
/// "a.", "iv.", "2." or "B." before an item.
fn is_list_marker(doc: &Document, sentence: &doclint_core::Sentence) -> bool {
    let tokens = doc.tokens_in(&sentence.tokens);
    let [.., word, stop] = tokens else {
        return false;
    };
    let first = sentence.tokens.end as usize - 2;
    let line_start = first == sentence.tokens.start as usize
        || doc.tokens()[first - 1].kind == TokenKind::Newline;
    let marker = (word.shape == WordShape::Lower && word.span.len() <= 4)
        || (word.kind == TokenKind::Number && word.span.len() <= 4)
        || (word.shape == WordShape::AllCaps && word.span.len() == 1);
    line_start && marker && doc.slice(stop.span) == "."
}

/// The sentence's first word, if it opens the sentence (possibly after an
/// opening quotation mark); a sentence opening with a number, a bracket or
/// a symbol is left alone.
fn first_word(doc: &Document, range: std::ops::Range<u32>) -> Option<usize> {
    let tokens = doc.tokens();
    let start = range.start as usize;
    let end = range.end as usize;
    let mut i = start;
    if i < end && tokens[i].kind == TokenKind::Punct && crate::words::opens_quote(doc, &tokens[i]) {
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

/// Whether the lower-case word at token `word` is no sentence's first word
/// but a name or a mention: glued into a command or identifier
/// ("razor-check could", "foo_bar is"), a single word quoted ("'bounce'
/// works"), a signature alone on its line ("mick"), or a word of a
/// plain-text line of code or a command.
fn is_name_or_mention(doc: &Document, word: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let glued_after = tokens.get(word + 1).is_some_and(|t| {
        t.kind == TokenKind::Punct
            && matches!(t.text(text), "-" | "_" | "/")
            && tokens
                .get(word + 2)
                .is_some_and(|n| matches!(n.kind, TokenKind::Word | TokenKind::Number))
    });
    let is_quote = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| t.kind == TokenKind::Punct && words::is_quotation_mark(doc, t))
    };
    let quoted = is_quote(word.checked_sub(1)) && is_quote(Some(word + 1));
    let line = &doc.lines()[doc.line_of(tokens[word].span.start())];
    let alone_on_line = doc.slice(line.span).trim() == tokens[word].text(text);
    glued_after
        || quoted
        || alone_on_line
        || crate::words::in_code_like_line(doc, tokens[word].span.start())
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
    fn commands_mentions_and_signatures_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "The modules should warn. razor-check could catch these. Forwarding fails. \
             'bounce' works.\nAny info is welcome.\nmick\n",
        );
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "The modules should warn. check could catch these. Forwarding fails. bounce works."
            ),
            vec!["check", "bounce"]
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
            "Steps:\na. open the file;\nb. read it;\niv. close it, viz. the end, ca. noon.\n\
             2. they are not binding;\nB. check it.",
        );
    }

    #[test]
    fn abbreviations_beyond_the_tokenizer_list_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "The flat has 80 sq. metres of floor. It costs 900 euros incl. tax and \
             approx. two months of deposit. The firm moved from Calif. to Texas. \
             It was Smith vs. the state. We rode 5ft. half pipes.",
        );
        // A real fragment after a full word still fires.
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "The flat has eighty square metres. metres of floor space were added."
            ),
            vec!["metres"]
        );
        // A bare number before the stop is a sentence end.
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "The pipes were 5 ft high in 2011. half were new."
            ),
            vec!["half"]
        );
    }

    #[test]
    fn stray_full_stops_are_removed_not_capitalised() {
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "Rain fell on the. vast plain of the north.",
            "Rain fell on the vast plain of the north.",
        );
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "The project was hard. We. began in the spring.",
            "The project was hard. We began in the spring.",
        );
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "They asked for more sup. port from the city.",
            "They asked for more support from the city.",
        );
        // A real sentence end before a fragment is capitalised.
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "They asked for more help. port workers joined them.",
            "They asked for more help. Port workers joined them.",
        );
        // A connective adverb alone makes no sentence either.
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "The plan was clear. Thus. we began air action.",
            "The plan was clear. Thus we began air action.",
        );
        assert_unsafe_fix(
            &LowercaseSentenceStart,
            "The plan was clear, thus. we began air action.",
            "The plan was clear, thus. We began air action.",
        );
    }

    #[test]
    fn exclamations_code_outlines_and_credits_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "Shares of Yahoo! rose today. Call the parser first. print() is slower.\n\
             Pick one:\na) none of these.\nb) all of the above.\n\n\
             The ministry confirmed the figures on Monday. dpa\n\n\
             Burn it with the new tool. cdrecord reports the drives. Now that the 3.1. \
             series is out, try it.",
        );
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "Call the parser first. print is slower. Shares of Yahoo rose. has it gone?"
            ),
            vec!["print", "has"]
        );
    }

    #[test]
    fn a_writer_who_writes_in_lower_case_is_left_alone() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "i tried the new kernel. it works fine. i think the bug is gone.",
        );
        assert_no_lints(
            &LowercaseSentenceStart,
            "Tried it. works. builds too. runs fine now. Thanks.",
        );
    }

    #[test]
    fn first_sentence_of_a_paragraph_is_not_judged() {
        assert_no_lints(&LowercaseSentenceStart, "Title\n\nand so on. It went.");
    }
}
