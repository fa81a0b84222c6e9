use rustc_hash::FxHashSet;

use doclint_core::{Diagnostic, Document, Edit, Fix, Span, Token, WordShape};

use crate::dictionary::Dictionary;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a common word capitalised right after a comma in the middle of
    /// a sentence ("rectification, Adhere to problem oriented", "as the
    /// theme, Closely connect with"), when the word is not a name: it is an
    /// ordinary dictionary word, and the document never capitalises it
    /// elsewhere in mid-sentence.
    ///
    /// ## Why is this bad?
    /// Translation engines often render a Chinese list of clauses as one
    /// English sentence but keep the capital letter each clause had as a
    /// sentence of its own. The stray capitals make the reader look for a
    /// name or a title that is not there.
    ///
    /// ## Example
    /// ```text
    /// To control the "Regulations" to grasp the rectification, Adhere to problem oriented
    /// ```
    /// Use instead:
    /// ```text
    /// To control the "Regulations" to grasp the rectification, adhere to problem oriented
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the word is lower-cased, which is right unless it was meant
    /// to start a new sentence (then the comma should be a full stop). Not
    /// flagged: names (the dictionary knows the word as a name, or it is
    /// Chinese pinyin such as "Tan", "Wen"), words the document capitalises
    /// elsewhere in mid-sentence ("the Party, Party members"), parts of
    /// names and titles (the word before the comma or after the capital is
    /// capitalised: "Provincial Party Committee, Governor of Liaoning",
    /// "Response, Liability and Compensation Act"), a word followed by
    /// punctuation (an appositive name), offices and titles of works ("Wang
    /// Li, Minister of finance", "the novel, Gone with the Wind, was": the
    /// next capitalised word comes before any lower-case word other than a
    /// small one such as "of", "with", "the"), the items of a list numbered
    /// with commas ("2, Open the file 3, When you"), a word after inline
    /// code (a list of identifiers: "a `Function`, Glob string") or after
    /// "e.g.," or "i.e.," (an example may be a sentence), line starts of quoted
    /// verse (two or more in one quotation), verse run into a paragraph
    /// (capitalised function words after lower-case words mark its line
    /// starts: "we made A sally", "limbs) To serve"), direct speech after a verb of
    /// saying or asking ("He said, Because it failed", "I asked him, Why?",
    /// "The question is, Where?"), and rare words.
    pub struct CapitalAfterComma {
        id: "capital-after-comma",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

/// SCOWL size up to which a word counts as common (lower is commoner).
const MAX_RANK: u8 = 50;
/// A name entry at least this common makes the word a possible name.
const MAX_NAME_RANK: u8 = 50;

impl Rule for CapitalAfterComma {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let dictionary = Dictionary::builtin();
        let tokens = doc.tokens();
        let mut candidates: Vec<usize> = Vec::new();
        let verse = verse_paragraphs(doc, dictionary);
        for (paragraph, _) in doc
            .paragraphs()
            .iter()
            .zip(&verse)
            .filter(|&(p, &verse)| !p.is_heading && !verse)
        {
            let range = paragraph.tokens.start as usize..paragraph.tokens.end as usize;
            for i in range.start + 2..range.end {
                let word = &tokens[i];
                if word.shape != WordShape::Capitalized
                    || !tokens[i - 1].is_space()
                    || doc.slice(tokens[i - 2].span) != ","
                {
                    continue;
                }
                if !starts_a_clause(doc, &tokens[i + 1..range.end])
                    || ends_a_name(&tokens[range.start..i - 2])
                    || after_code_or_example(doc, &tokens[range.start..i - 2])
                    || ends_a_number(&tokens[range.start..i - 2])
                    || introduces_direct_speech(doc, &tokens[range.start..i - 2])
                    || is_title(doc, word, &tokens[i + 1..range.end])
                {
                    continue;
                }
                if is_common_word(dictionary, doc.slice(word.span))
                    && opens_a_clause(doc, word, &tokens[i + 1..range.end])
                {
                    candidates.push(i);
                }
            }
        }
        drop_verse(doc, &mut candidates);
        if candidates.is_empty() {
            return;
        }
        let capitalised = capitalised_mid_sentence(doc);
        for i in candidates {
            let word = tokens[i];
            let text = doc.slice(word.span);
            if capitalised.contains(text) {
                continue;
            }
            let lower = text.to_lowercase();
            let first = text.chars().next().map_or(1, char::len_utf8);
            let first_letter = Span::new(word.span.start(), word.span.start() + first);
            out.push(
                Self::META
                    .diagnostic(word.span, format!("`{text}` is capitalised after a comma"))
                    .with_help(format!(
                        "write `{lower}`, or end the sentence before it if one was meant"
                    ))
                    .with_fix(Fix::unsafe_(
                        format!("Lower-case to `{lower}`"),
                        vec![Edit::replace(first_letter, lower[..first].to_owned())],
                    )),
            );
        }
    }
}

/// Words that join the parts of a name or title ("Governor of Liaoning",
/// "Liability and Compensation Act").
const NAME_CONNECTORS: &[&str] = &[
    "of", "and", "on", "for", "in", "&", "de", "du", "van", "von",
];

/// The capital starts a clause when a lower-case word follows ("Adhere to",
/// "Closely connect"), not a capitalised one ("Standing Committee"), a
/// connector inside a name ("Governor of Liaoning") or punctuation (an
/// appositive name: "the program, Healthcare, for").
fn starts_a_clause(doc: &Document, rest: &[Token]) -> bool {
    let mut words = rest.iter().filter(|t| !t.is_space());
    let Some(next) = words.next() else {
        return false;
    };
    if !next.is_word() || next.shape != WordShape::Lower {
        return false;
    }
    let connector = NAME_CONNECTORS.contains(&doc.slice(next.span));
    let then_capital = words
        .next()
        .is_some_and(|t| t.is_word() && t.shape != WordShape::Lower);
    !(connector && then_capital)
}

/// The capital reads as a clause's first word, not as a name made of a
/// common word ("the Evolution mail client", "Dish just came out with"):
/// it is a function word, a contraction, an adverb in "-ly", an office or
/// a verb form in "-ed"/"-ing" ("Within our cities", "It's time", "Closely
/// connect", "Installed libstdc++"), or a function word follows it, as one
/// follows a verb ("Adhere to", "Strengthen the").
fn opens_a_clause(doc: &Document, word: &Token, rest: &[Token]) -> bool {
    let text = doc.slice(word.span);
    let next = rest.iter().find(|t| !t.is_space());
    // "If the flag is set, True is returned": a constant of a programming
    // language, spelt with its capital ("None of them" is a clause).
    if matches!(text, "True" | "False" | "None") && next.is_none_or(|t| doc.slice(t.span) != "of") {
        return false;
    }
    let lower = text.to_lowercase();
    let verb_form = lower.chars().count() >= 5 && (lower.ends_with("ed") || lower.ends_with("ing"));
    if crate::words::is_function_word(text)
        || text.contains(['\'', '\u{2019}'])
        || crate::words::is_ly_adverb(&lower)
        || OFFICES.contains(&text)
        || verb_form
    {
        return true;
    }
    next.is_some_and(|next| next.is_word() && crate::words::is_function_word(doc.slice(next.span)))
}

/// The comma ends a name or a title ("the Provincial Party Committee,
/// Governor of …", "Angel Moms, Dads"): a list of capitalised items.
fn ends_a_name(before: &[Token]) -> bool {
    before
        .iter()
        .rev()
        .find(|t| !t.is_blank())
        .is_some_and(|t| t.is_word() && t.shape != WordShape::Lower)
}

/// The comma follows inline code, a list of identifiers and type names
/// ("a `Function`, Glob string or Array", "`[object Null]`, Arrays as"),
/// or "e.g."/"i.e.", after which an example may be a sentence of its own
/// ("(e.g., This code below skips it)").
fn after_code_or_example(doc: &Document, before: &[Token]) -> bool {
    let mut rest = before.iter().rev().filter(|t| !t.is_blank());
    let Some(last) = rest.next() else {
        return false;
    };
    if last.kind == doclint_core::TokenKind::Code {
        return true;
    }
    // "e.g." may be one token or the four "e", ".", "g", ".".
    let mut abbreviation = String::new();
    let mut token = Some(last);
    for _ in 0..4 {
        let Some(t) = token else { break };
        abbreviation.insert_str(0, doc.slice(t.span));
        if matches!(abbreviation.to_ascii_lowercase().as_str(), "e.g." | "i.e.") {
            return true;
        }
        token = rest.next();
    }
    false
}

/// The comma follows a number: a list numbered "1, … 2, … 3, When you …".
fn ends_a_number(before: &[Token]) -> bool {
    before
        .iter()
        .rev()
        .find(|t| !t.is_blank())
        .is_some_and(|t| t.kind == doclint_core::TokenKind::Number)
}

/// Verbs that introduce a quotation or a question put in the speaker's
/// own words.
const SPEECH_VERBS: &[&str] = &[
    "add",
    "added",
    "adds",
    "answer",
    "answered",
    "answers",
    "ask",
    "asked",
    "asking",
    "asks",
    "cried",
    "explained",
    "reply",
    "replied",
    "replies",
    "said",
    "say",
    "says",
    "shouted",
    "think",
    "thinks",
    "thought",
    "told",
    "wonder",
    "wondered",
    "wonders",
    "wrote",
];

/// What a verb of saying takes before the comma: an object pronoun or a
/// particle ("asked him,", "wrote back,", "said to me,").
const SPEECH_OBJECTS: &[&str] = &[
    "again",
    "aloud",
    "back",
    "her",
    "herself",
    "him",
    "himself",
    "me",
    "myself",
    "ourselves",
    "them",
    "themselves",
    "then",
    "to",
    "us",
    "you",
    "yourself",
];

/// Determiners before the one noun a verb of saying may take as its
/// object ("asked the vendor,").
const DETERMINERS: &[&str] = &["a", "an", "her", "his", "my", "our", "the", "their", "your"];

/// How many words may stand between a verb of saying and the comma: its
/// object or particle ("asked the vendor,", "wrote back,", "said to me,").
const SPEECH_OBJECT_WORDS: usize = 2;

/// The comma follows a verb of saying or asking and at most its object
/// ("He said, Because it failed", "I asked the vendor, Why does it
/// crash?", "The question is, Where?"): direct speech or a direct question
/// keeps its capital even without quotation marks.
fn introduces_direct_speech(doc: &Document, before: &[Token]) -> bool {
    let words: Vec<String> = before
        .iter()
        .rev()
        .take_while(|t| t.is_blank() || t.is_word())
        .filter(|t| t.is_word())
        .take(SPEECH_OBJECT_WORDS + 1)
        .map(|t| doc.slice(t.span).to_lowercase())
        .collect();
    // The words after the verb, in text order: none, an object or a
    // particle ("him", "back", "to me"), or a determiner and its noun
    // ("the vendor"), not a phrase of its own ("asked for help,").
    let after_verb_is_its_object = |after: &[String]| match after {
        [] => true,
        [determiner, _noun] if DETERMINERS.contains(&determiner.as_str()) => true,
        _ => after
            .iter()
            .all(|word| SPEECH_OBJECTS.contains(&word.as_str())),
    };
    if let Some(verb) = words
        .iter()
        .position(|word| SPEECH_VERBS.contains(&word.as_str()))
    {
        let after: Vec<String> = words[..verb].iter().rev().cloned().collect();
        if after_verb_is_its_object(&after) {
            return true;
        }
    }
    matches!(words.as_slice(), [is, noun, ..]
        if matches!(is.as_str(), "is" | "was") && matches!(noun.as_str(), "question" | "answer"))
}

/// Nouns of office that head a title after a name ("Wang Li, Minister of
/// Finance", "Zhang, Director of the municipal bureau").
const OFFICES: &[&str] = &[
    "Ambassador",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Commissioner",
    "Dean",
    "Deputy",
    "Director",
    "Editor",
    "Governor",
    "Head",
    "Manager",
    "Mayor",
    "Member",
    "Minister",
    "President",
    "Professor",
    "Secretary",
    "Vice",
];

/// Short words a title of a work or an office leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// The capital opens a title: an office before "of"/"for" ("Minister of
/// Finance", "Director of the bureau"), or a title of a work whose next
/// capitalised word comes before any lower-case word other than a small
/// one ("the novel, Gone with the Wind, was").
fn is_title(doc: &Document, word: &Token, rest: &[Token]) -> bool {
    let mut words = rest
        .iter()
        .take_while(|t| t.is_blank() || t.is_word())
        .filter(|t| t.is_word());
    if OFFICES.contains(&doc.slice(word.span)) {
        let mut again = words.clone();
        if again
            .next()
            .is_some_and(|t| matches!(doc.slice(t.span), "of" | "for" | "at"))
        {
            return true;
        }
    }
    for next in words.by_ref().take(6) {
        if next.shape != WordShape::Lower {
            return true;
        }
        if !TITLE_SMALL_WORDS.contains(&doc.slice(next.span)) {
            return false;
        }
    }
    false
}

/// Quoted verse capitalises every line: two or more candidates inside one
/// quotation are its line starts, not stray capitals.
fn drop_verse(doc: &Document, candidates: &mut Vec<usize>) {
    let quotes = doc.quotes();
    let tokens = doc.tokens();
    let enclosing = |i: usize| -> Option<usize> {
        let at = tokens[i].span.start;
        quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.role == doclint_core::QuoteRole::Opening && q.span.start < at)
            .filter_map(|(j, q)| q.partner.map(|p| (j, quotes[p as usize].span.start)))
            .filter(|&(_, close)| close > at)
            .map(|(j, _)| j)
            .next_back()
    };
    let quoted: Vec<Option<usize>> = candidates.iter().map(|&i| enclosing(i)).collect();
    let mut keep = quoted.iter();
    candidates.retain(|_| {
        let quote = keep.next().copied().flatten();
        quote.is_none() || quoted.iter().filter(|&&q| q == quote).count() < 2
    });
}

/// How many capitalised function words straight after a lower-case word
/// make a paragraph read as verse on their own.
const VERSE_FUNCTION_LINE_STARTS: usize = 2;
/// How many line-start capitals of any word make a paragraph of a document
/// that has verse elsewhere read as a stanza too.
const STANZA_LINE_STARTS: usize = 2;

/// Verse capitalises the first word of every line, and a reflowed or
/// flattened poem keeps those capitals in mid-sentence: "we made A sally",
/// "the skin he hath, And, for he's boiled". Prose capitalises a function
/// word after a lower-case word only in a title, so two of them in one
/// paragraph ("made A", "limbs) To") mark it as verse. A document that
/// quotes a poem so plainly quotes more: there a paragraph with two
/// capitals of common words in mid-sentence ("fair, Who'd give their
/// lords …, No stellar recognition") is a stanza too. Returns, for each
/// paragraph, whether its capitals after commas are line starts.
fn verse_paragraphs(doc: &Document, dictionary: &Dictionary) -> Vec<bool> {
    let tokens = doc.tokens();
    let counts: Vec<(usize, usize)> = doc
        .paragraphs()
        .iter()
        .map(|paragraph| {
            let range = paragraph.tokens.start as usize..paragraph.tokens.end as usize;
            line_start_capitals(doc, dictionary, &tokens[range])
        })
        .collect();
    let has_verse = counts
        .iter()
        .any(|&(function_words, _)| function_words >= VERSE_FUNCTION_LINE_STARTS);
    counts
        .iter()
        .map(|&(function_words, any)| {
            function_words >= VERSE_FUNCTION_LINE_STARTS || (has_verse && any >= STANZA_LINE_STARTS)
        })
        .collect()
}

/// Capitals in mid-sentence that may start a line of verse: (function
/// words straight after a lower-case word or a closing bracket or dash,
/// common words of any kind after such a word or a comma or semicolon).
fn line_start_capitals(
    doc: &Document,
    dictionary: &Dictionary,
    paragraph: &[Token],
) -> (usize, usize) {
    let (mut function_words, mut any) = (0, 0);
    for (i, word) in paragraph.iter().enumerate().skip(2) {
        let text = doc.slice(word.span);
        if word.shape != WordShape::Capitalized || !paragraph[i - 1].is_space() || text == "I" {
            continue;
        }
        let before = &paragraph[i - 2];
        let after_word = (before.is_word() && before.shape == WordShape::Lower)
            || matches!(doc.slice(before.span), ")" | "--");
        let after_comma = matches!(doc.slice(before.span), "," | ";");
        let function_word = crate::words::is_function_word(text);
        if after_word && function_word {
            function_words += 1;
        }
        if (after_word || after_comma) && (function_word || is_common_word(dictionary, text)) {
            any += 1;
        }
    }
    (function_words, any)
}

/// An ordinary, common English word that is not also a name.
fn is_common_word(dictionary: &Dictionary, word: &str) -> bool {
    if word.chars().count() < 2 || word.starts_with("I'") || word.starts_with("I’") {
        return false;
    }
    if dictionary.is_pinyin_name(word) {
        return false;
    }
    if dictionary
        .name_rank(word)
        .is_some_and(|rank| rank <= MAX_NAME_RANK)
    {
        return false;
    }
    dictionary
        .rank(&word.to_lowercase())
        .is_some_and(|rank| rank <= MAX_RANK)
}

/// Capitalised words the document uses in mid-sentence other than right
/// after a comma: its names and capitalised terms.
fn capitalised_mid_sentence(doc: &Document) -> FxHashSet<&str> {
    let tokens = doc.tokens();
    let mut found = FxHashSet::default();
    for sentence in doc.sentences() {
        let range = sentence.tokens.start as usize..sentence.tokens.end as usize;
        let mut seen_word = false;
        for i in range.clone() {
            let token = &tokens[i];
            if !token.is_word() {
                continue;
            }
            let first = !seen_word;
            seen_word = true;
            if first || token.shape != WordShape::Capitalized {
                continue;
            }
            // The mark before the word, skipping spaces and opening quotes.
            let before = tokens[range.start..i].iter().rev().find(|t| {
                !t.is_blank() && !crate::words::opens_quote(doc, t) && doc.slice(t.span) != "("
            });
            let after_break = before.is_some_and(|t| matches!(doc.slice(t.span), "," | ":" | ";"));
            if !after_break {
                found.insert(doc.slice(token.span));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn clause_capitals_after_commas() {
        let text = "To control the Regulations to grasp the rectification, Adhere to problem oriented. \
                    The meeting took the theme, Closely connect with the actual work, and moved on.";
        assert_eq!(flagged(&CapitalAfterComma, text), vec!["Adhere", "Closely"]);
        assert_unsafe_fix(
            &CapitalAfterComma,
            "We grasp the rectification, Adhere to problem oriented.",
            "We grasp the rectification, adhere to problem oriented.",
        );
    }

    #[test]
    fn names_pinyin_and_document_terms_are_quiet() {
        assert_no_lints(
            &CapitalAfterComma,
            "Tan Chengxu, Wen Xueqiong and Li Chunqiu met in Dalian, China, with Bill. \
             The members of the Party, Party members and cadres, attended. \
             Members of the Standing Committee, Standing Committee members, spoke. \
             He said, I agree, and we left, Madam Speaker.",
        );
    }

    #[test]
    fn titles_appositives_and_verse_are_quiet() {
        assert_no_lints(
            &CapitalAfterComma,
            "Tang Yijun, deputy secretary of the Provincial Party Committee, Governor of Liaoning Province, spoke. \
             The Response, Liability and Compensation Act passed. The program, Healthcare, for all. \
             He quoted \"Humanity with all its fears, With all the hopes of future years, Is hanging on thy fate!\"",
        );
    }

    #[test]
    fn offices_works_and_comma_numbered_lists_are_quiet() {
        assert_no_lints(
            &CapitalAfterComma,
            "The talks were led by Wang Li, Minister of finance of the province, and aides. \
             The plan came from Zhao, Director of the municipal bureau, last week. \
             She reread the novel, Gone with the Wind, on the train. \
             Steps: 1, Open the box 2, Check the parts 3, When you are done, close it.",
        );
        // The same words opening a clause still fire.
        assert_eq!(
            flagged(
                &CapitalAfterComma,
                "The minister spoke at length, Director reports were read, and we left. \
                 He packed the box, Gone were the days of waiting, he said."
            ),
            vec!["Director", "Gone"]
        );
    }

    #[test]
    fn items_after_code_and_examples_after_e_g_are_quiet() {
        assert!(lint_markdown(
            &CapitalAfterComma,
            "Pass a `Function`, String or list of strings.\n\n\
             Skip errors (e.g., This code below will skip them).\n"
        )
        .is_empty());
        // After a plain word, the same capitals still fire.
        assert_eq!(
            lint_markdown(
                &CapitalAfterComma,
                "Pass a function, String or list of strings.\n\n\
                 Skip errors (for now, This code below will skip them).\n"
            )
            .len(),
            2
        );
    }

    #[test]
    fn common_words_used_as_names_are_quiet_but_clause_starts_fire() {
        assert_no_lints(
            &CapitalAfterComma,
            "Well, from the looks of things, Evolution mail client is not supported yet. \
             If you like recorders though, Dish just came out with a receiver.",
        );
        assert_eq!(
            flagged(
                &CapitalAfterComma,
                "Programs are needed wherever our roads run, Within our cities they help. \
                 The train leaves the station, It's time we ended this. \
                 I installed the kernel, Installed libstdc++ and went on."
            ),
            vec!["Within", "It's", "Installed"]
        );
    }

    #[test]
    fn direct_speech_after_a_verb_of_saying_is_quiet() {
        assert_no_lints(
            &CapitalAfterComma,
            "She asked the vendor, Why does the card fail? He wrote back, Because the \
             firmware is old. I asked myself, Where did it go wrong? The answer was, It had \
             never been tested.",
        );
        // Other words before the comma, or a verb of saying with a phrase
        // or a clause of its own after it, still leave a stray capital.
        assert_eq!(
            flagged(
                &CapitalAfterComma,
                "As of this morning, Most of the mirrors have it. I asked for help, Then it \
                 came. He said it would work, Within a week it broke."
            ),
            vec!["Most", "Then", "Within"]
        );
    }

    #[test]
    fn language_constants_are_quiet() {
        assert_no_lints(
            &CapitalAfterComma,
            "If the value is missing, None is returned. If it is set, True is returned; \
             otherwise, False is returned to the caller.",
        );
        assert_eq!(
            flagged(
                &CapitalAfterComma,
                "We checked the lists, None of them was right, and it fails, Check the logs."
            ),
            vec!["None", "Check"]
        );
    }

    #[test]
    fn one_capital_inside_a_quotation_is_still_flagged() {
        assert_eq!(
            flagged(
                &CapitalAfterComma,
                "to “understand the ‘two establishments’, Strengthen the “four consciousnesses” and act” now."
            ),
            vec!["Strengthen"]
        );
    }

    #[test]
    fn flattened_verse_is_quiet_but_prose_with_one_title_still_fires() {
        // A poem run into one paragraph: every line starts with a capital.
        assert_no_lints(
            &CapitalAfterComma,
            "The sailors rowed against the tide And cursed the wind that blew them wide, \
             Then, weary of the oar and sail, Turning at last they told the tale \
             With none to hear it but the gale.",
        );
        // A stanza of the same poem after it, with its line starts after commas.
        assert_no_lints(
            &CapitalAfterComma,
            "The sailors rowed against the tide And cursed the wind that blew them wide \
             For all the nights The storm had kept them from the shore.\n\n\
             Yet in the port, Nobody waited on the quay, None welcomed them from sea.",
        );
        // One title after a lower-case word is prose, not a poem.
        assert_eq!(
            flagged(
                &CapitalAfterComma,
                "We read The Wealth of Nations in class, Following the plan of the course."
            ),
            vec!["Following"]
        );
    }

    #[test]
    fn headings_and_sentence_starts_are_not_judged() {
        assert_no_lints(
            &CapitalAfterComma,
            "Strengthen, Adhere, Connect\n\nIt ended. Closely watched, it went on.",
        );
    }
}
