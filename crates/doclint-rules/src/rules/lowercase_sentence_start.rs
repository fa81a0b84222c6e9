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
    /// "sq. metres", "vs. the", "incl. tax", "Calif. to", "in adv. for",
    /// "the std. way", and short
    /// lower-case non-words such as "approx."), version numbers ("the 3.1.
    /// series"), ellipses, decimals, URLs and e-mail addresses, words that
    /// are lower-case by nature (iPhone, eBay, mRNA) or not English words at
    /// all (program names such as "cdrecord", initials), code names ("eval()
    /// is"), a lower-case word after an
    /// exclamation mark ("Yahoo! has", "“Why?” she asked"), outline markers
    /// ("2. they", "b) all"), items on lines of their own that the writer
    /// begins in lower case (the line above opens one too), a quoted
    /// phrase that makes the whole sentence (`"the E.coli of
    /// psychology"?`), a news agency's credit at a paragraph's end
    /// ("… the ministry said. dpa"), a placeholder of a command or file name
    /// just above ("linux_version.orig.tar.xz … version is the upstream
    /// version"), the first sentence of a paragraph, and
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
                || !reads_as_question_if_asked(doc, before)
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
                || is_lower_case_item(doc, &word)
                || is_quoted_fragment(doc, tokens, word_index)
                || is_agency_credit(doc, sentence, sentences)
                || is_name_or_mention(doc, word_index)
                || is_placeholder(doc, sentence.paragraph as usize, word_index)
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

/// One of a run of items on lines of their own that the writer begins in
/// lower case ("So my questions are:\n  what …?\n  do I …?", the steps of
/// a procedure): the line above, at the same indentation, opens an item
/// in lower case too, after a line that ended a sentence or introduced the
/// list. Only the two lines above are read.
fn is_lower_case_item(doc: &Document, word: &Token) -> bool {
    let lines = doc.lines();
    let index = doc.line_of(word.span.start());
    if index < 2 {
        return false;
    }
    let own = doc.slice(lines[index].span);
    let body = own.trim_start();
    let indent = &own[..own.len() - body.len()];
    if word.span.start() != lines[index].span.start() + indent.len() {
        return false;
    }
    let above = doc.slice(lines[index - 1].span);
    let opens_item = above
        .strip_prefix(indent)
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase()));
    let before = doc.slice(lines[index - 2].span).trim_end();
    opens_item && (before.is_empty() || before.ends_with(['.', '?', '!', ':']))
}

/// The word opens a quotation that makes the whole sentence, its stop
/// outside the closing mark (`Axelrod, eh? "the E.coli of social
/// psychology"?`): a phrase quoted as it was written, in its own case.
fn is_quoted_fragment(doc: &Document, tokens: &[Token], word: usize) -> bool {
    let Some(open) = word
        .checked_sub(1)
        .and_then(|q| doc.quote_at(tokens[q].span.start()))
        .filter(|q| q.role == doclint_core::QuoteRole::Opening)
    else {
        return false;
    };
    let Some(close) = open.partner.map(|p| &doc.quotes()[p as usize]) else {
        return false;
    };
    doc.text()[close.span.end()..]
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '.' | '?' | '!'))
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
        || is_named_command(doc, word)
        || is_variable(doc, word)
}

/// How many paragraphs before the sentence's own are searched for the
/// command or file name that uses a placeholder.
const PLACEHOLDER_PARAGRAPHS: usize = 2;

/// "linux_version.orig.tar.xz tarball … version is the upstream version",
/// "$ git clone -b dist … dist is the codename": the word is a placeholder
/// of a command or file name just above, which the sentence explains in
/// the case it is written in there. Found in the sentence's paragraph or
/// the two before it, glued into an identifier (`_`, `.`, `/`, `-`, `=`,
/// `<`) or on a line of code.
fn is_placeholder(doc: &Document, paragraph: usize, word: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let name = tokens[word].text(text);
    let paragraphs = doc.paragraphs();
    let from = paragraphs
        .get(paragraph.saturating_sub(PLACEHOLDER_PARAGRAPHS))
        .map_or(0, |p| p.tokens.start as usize);
    let glue = |t: Option<&Token>| {
        t.is_some_and(|t| {
            t.kind == TokenKind::Punct
                && matches!(t.text(text), "_" | "." | "/" | "-" | "=" | "<" | ">")
        })
    };
    (from..word).any(|i| {
        tokens[i].is_word()
            && tokens[i].text(text) == name
            && (glue(i.checked_sub(1).map(|j| &tokens[j]))
                || (glue(tokens.get(i + 1)) && tokens.get(i + 2).is_some_and(|n| !n.is_blank()))
                || crate::words::in_code_like_line(doc, tokens[i].span.start()))
    })
}

/// Nouns after which the lower-case words before them name commands.
const COMMAND_NOUNS: &[&str] = &[
    "command",
    "commands",
    "program",
    "programs",
    "tool",
    "tools",
    "utility",
    "utilities",
];

/// "make install and make uninstall commands were added", "dump / restore
/// would do": commands named at a sentence start, before a noun saying so
/// (with only lower-case words between) or paired with a slash.
fn is_named_command(doc: &Document, word: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let words = tokens[word + 1..]
        .iter()
        .take_while(|t| !matches!(t.text(text), "." | "?" | "!" | "," | ";" | ":"))
        .filter(|t| !t.is_blank());
    let spaced_pair = matches!(
        (words.clone().next(), words.clone().nth(1)),
        (Some(slash), Some(next)) if slash.text(text) == "/" && next.is_word()
    ) && tokens.get(word + 1).is_some_and(|t| t.is_blank());
    // Not "make sure the commands": a determiner makes a noun phrase.
    const DETERMINERS: &[&str] = &[
        "a", "an", "its", "my", "our", "that", "the", "their", "these", "this", "those", "your",
    ];
    if crate::words::is_function_word(tokens[word].text(text)) {
        return false;
    }
    spaced_pair
        || words
            .take(6)
            .take_while(|t| {
                t.is_word() && t.shape == WordShape::Lower && !DETERMINERS.contains(&t.text(text))
            })
            .any(|t| COMMAND_NOUNS.contains(&t.text(text)))
}

/// "(6e6 m). a t^2/2 = x": a letter of a formula, followed by another lone
/// letter, not the article.
fn is_variable(doc: &Document, word: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    tokens[word].text(text) == "a"
        && tokens.get(word + 1).is_some_and(|t| t.is_blank())
        && tokens.get(word + 2).is_some_and(|t| {
            t.is_word() && t.text(text).chars().count() == 1 && t.text(text) != "a"
        })
}

/// Words that open a question, or its last clause ("why are you …?",
/// "Axelrod, eh?", "…, isn't it?").
const QUESTION_CUES: &[&str] = &[
    "am",
    "are",
    "aren't",
    "can",
    "can't",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "don't",
    "dont",
    "eh",
    "had",
    "has",
    "hasn't",
    "have",
    "haven't",
    "how",
    "huh",
    "is",
    "isn't",
    "may",
    "might",
    "must",
    "ok",
    "okay",
    "right",
    "shall",
    "should",
    "shouldn't",
    "was",
    "wasn't",
    "were",
    "weren't",
    "what",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "won't",
    "would",
    "wouldn't",
];

/// A sentence ending in a question mark reads as a question: it or its last
/// clause (after a comma, colon, semicolon or bracket) opens with a
/// question word or an auxiliary ("Can you…?", "(why are you…?", "…, eh?"),
/// or it is a word or two ("Really?"). Otherwise the "?" stands for a
/// character lost in conversion or marks a doubt ("as Damien? mentioned",
/// "OpenOffice 653??? and 1.0"), and the sentence goes on after it. A
/// sentence ending otherwise is not judged here.
fn reads_as_question_if_asked(doc: &Document, sentence: &doclint_core::Sentence) -> bool {
    let tokens = doc.tokens_in(&sentence.tokens);
    let text = doc.text();
    let Some(end) = tokens
        .iter()
        .rev()
        .find(|t| !matches!(doc.slice(t.span), ")" | "]") && !words::ends_quote_or_word(doc, t))
    else {
        return true;
    };
    if !matches!(end.text(text), "?" | "？") {
        return true;
    }
    if tokens.iter().filter(|t| t.is_word()).count() <= 2 {
        return true;
    }
    let cue = |t: &Token| {
        let w = t.text(text).to_lowercase().replace('\u{2019}', "'");
        QUESTION_CUES.contains(&w.as_str())
    };
    // The first word of the sentence and of each clause after a break.
    let mut opens_clause = true;
    for t in tokens {
        if t.is_word() {
            if opens_clause && cue(t) {
                return true;
            }
            opens_clause = false;
        } else if matches!(t.text(text), "," | ";" | ":" | "(" | "[" | "--" | ">")
            || words::opens_quote(doc, t)
        {
            opens_clause = true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn a_question_mark_that_ends_no_question_is_no_sentence_end() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "He left out the examples I listed, or as Damien? mentioned on a post, the fantasy. \
             His point was that they were a psychological? explanation for it. \
             No problems installing OpenOffice 653??? and 1.0 here.",
        );
        for (text, word) in [
            (
                "Can someone tell me what I am doing wrong? it's like make ignores it.",
                "it's",
            ),
            (
                "It is involved (why are you limiting yourself to sockets? there are others).",
                "there",
            ),
            ("Dont he speak funny, folks? yep they do.", "yep"),
        ] {
            assert_eq!(flagged(&LowercaseSentenceStart, text), vec![word]);
        }
    }

    #[test]
    fn commands_and_formula_letters_at_a_sentence_start_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "The status area shows the output. make install and make uninstall commands were added. \
             It copies each file twice. dump / restore would take care of this. \
             It moves about 6000 km (6e6 m). a t^2/2 = x, if I remember right.",
        );
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "The status area shows the output. make sure the commands were added. \
                 It moves a long way. a test of it is due."
            ),
            vec!["make", "a"]
        );
    }

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
    fn short_abbreviations_that_are_also_dictionary_entries_are_quiet() {
        // "adv", "std", "pref" are in the dictionary, so the short-non-word
        // test does not catch them; the abbreviation list does.
        assert_no_lints(
            &LowercaseSentenceStart,
            "Thanks in adv. for any hints. It is the std. way to build it and the \
             pref. option here. The package was recd. yesterday, esp. the docs.",
        );
        // The full words before a stop still end a sentence.
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "It is the standard. way to build it was found later. Thanks in advance. for now."
            ),
            vec!["way", "for"]
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
    fn items_begun_in_lower_case_on_lines_of_their_own_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            &format!(
                "{}\n\nSo my questions are :\n    what would you do about the above ?\n    \
                 do I need to have NAT ?\n    what other options are there ?\n",
                "It works. ".repeat(12)
            ),
        );
        assert_no_lints(
            &LowercaseSentenceStart,
            "Build the packages in this first stage.\nchroot to the partition and build it.\n\
             strip the binaries and change the boot.\nThen reboot.\n",
        );
        // The first item after a capital, an item at another indentation,
        // and a word after a wrapped line's middle still fire.
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "This problem is very reproducible here.\nthe command I used was this.\n\n\
                 The option is there, but whatever\nthat is, the box lacks it.\n    \
                 doing route shows the right thing.\n"
            ),
            vec!["the", "doing"]
        );
    }

    #[test]
    fn a_quoted_phrase_that_makes_the_sentence_is_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "Axelrod, eh? \"the E.coli of social psychology\"? Nice to see him. \
             It was late. \u{201c}the best of times\u{201d}. So they said.",
        );
        // A quotation that goes on after its closing mark is a sentence.
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "It was late. \"the plan is off,\" she said. It was late. \"the plan\" failed."
            ),
            vec!["the", "the"]
        );
    }

    #[test]
    fn placeholders_of_a_command_or_file_name_above_are_quiet() {
        assert_no_lints(
            &LowercaseSentenceStart,
            "Fetch the tree first:\n\n$ git fetch origin release\n\n\
             This updates the local copy. release is the branch you want to build.\n\n\
             The build leaves a file named pkg_revision.tar.gz behind. revision is the \
             number of the build.",
        );
        // The same word with no command or file name above still fires.
        assert_eq!(
            flagged(
                &LowercaseSentenceStart,
                "The build leaves a file behind. revision is the number of the build."
            ),
            vec!["revision"]
        );
    }

    #[test]
    fn first_sentence_of_a_paragraph_is_not_judged() {
        assert_no_lints(&LowercaseSentenceStart, "Title\n\nand so on. It went.");
    }
}
