//! What the consistency rules need to know about where a word stands: at the
//! start of a sentence, on an all-capitals line, in a title, or in lower case
//! somewhere in the document.

use std::collections::HashSet;

use doclint_core::{Document, Paragraph, Token, TokenKind, WordShape};

/// English function words: articles, pronouns, prepositions, conjunctions,
/// auxiliaries and determiners. They end names and terms ("the", "of"), and
/// a capitalised one at the start of a run is only sentence case.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "against", "all", "also", "although", "am", "among", "an",
    "and", "another", "any", "are", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each",
    "either", "every", "few", "for", "from", "had", "has", "have", "he", "her", "here", "hers",
    "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "may", "me",
    "might", "more", "most", "much", "must", "my", "neither", "no", "nor", "not", "of", "on",
    "once", "one", "only", "onto", "or", "other", "our", "ours", "over", "shall", "she", "should",
    "since", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "toward",
    "towards", "under", "unless", "until", "up", "upon", "us", "very", "via", "was", "we", "were",
    "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yet", "you", "your", "yours",
];

/// Whether `word` is an English function word, in lower case or
/// capitalised ("US" and "IT" in capitals are names, not "us" and "it").
pub(crate) fn is_function_word(word: &str) -> bool {
    if word.len() > 8 || !word.is_ascii() {
        return false;
    }
    if word.len() > 1 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    FUNCTION_WORDS.binary_search(&lower.as_str()).is_ok()
}

/// Per line of `doc`: whether it is written in capitals (at least one word
/// of two or more capitals, and no lower-case or capitalised word).
pub(crate) fn all_caps_lines(doc: &Document) -> Vec<bool> {
    let text = doc.text();
    let tokens = doc.tokens();
    doc.lines()
        .iter()
        .map(|line| {
            let first = doc.token_at_or_after(line.span.start());
            let mut caps = false;
            for token in tokens[first..]
                .iter()
                .take_while(|t| t.span.end <= line.span.end)
            {
                match token.shape {
                    WordShape::AllCaps if token.text(text).chars().count() > 1 => caps = true,
                    WordShape::Lower | WordShape::Capitalized => return false,
                    _ => {}
                }
            }
            caps
        })
        .collect()
}

/// Every word written in lower case in `doc`'s running text.
pub(crate) fn lowercase_words(doc: &Document) -> HashSet<&str> {
    doc.tokens()
        .iter()
        .filter(|t| t.is_word() && t.shape == WordShape::Lower)
        .map(|t| t.text(doc.text()))
        .collect()
}

/// Whether `word` is an ordinary English word rather than a name: the text
/// writes it in lower case somewhere (`lower`), or the dictionary has it in
/// lower case ("Committee"; not "Chengxu", "Europe"). A word in capitals
/// ("US", "CPC") is an acronym, and a word made of Pinyin syllables ("Tan",
/// "Ping", "Xi") may be a Chinese name even where it is also English.
pub(crate) fn is_ordinary_word(word: &str, lower: &HashSet<&str>) -> bool {
    let dictionary = crate::dictionary::Dictionary::builtin();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && !word.chars().any(char::is_lowercase) {
        return false;
    }
    if word.chars().next().is_some_and(char::is_uppercase) && dictionary.is_pinyin_name(word) {
        return false;
    }
    word.split(['-', '‐'])
        .filter(|part| !part.is_empty())
        .all(|part| {
            lower.contains(part.to_lowercase().as_str()) || dictionary.has_lower_case_entry(part)
        })
}

/// Whether a paragraph reads as a title rather than running text: short, no
/// closing punctuation, and most of its words capitalised.
pub(crate) fn is_title_paragraph(doc: &Document, paragraph: &Paragraph) -> bool {
    if paragraph.is_heading {
        return true;
    }
    let text = doc.text();
    let content = doc.slice(paragraph.span).trim_end();
    if content.ends_with(['.', '!', '?', ':', ';', ',', '。', '”', '"', '’', ')']) {
        return false;
    }
    let words: Vec<&Token> = doc
        .tokens_in(&paragraph.tokens)
        .iter()
        .filter(|t| t.is_word() && !is_function_word(t.text(text)))
        .collect();
    if words.is_empty() || words.len() > 25 {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|t| matches!(t.shape, WordShape::Capitalized | WordShape::AllCaps))
        .count();
    capitalised * 2 > words.len()
}

/// For each token of `tokens` (one sentence), whether it is a word that
/// starts the sentence or follows a colon, an opening quotation mark or an
/// opening bracket: a place where a capital says nothing.
pub(crate) fn initial_words(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut initial = vec![false; tokens.len()];
    let mut seen_word = false;
    for (i, token) in tokens.iter().enumerate() {
        if !token.is_word() {
            continue;
        }
        let opens = i
            .checked_sub(1)
            .map(|p| &tokens[p])
            .filter(|prev| prev.kind == TokenKind::Punct)
            .is_some_and(|prev| {
                matches!(
                    prev.text(text),
                    "“" | "‘" | "\"" | "'" | "(" | "[" | "«" | "「" | "『" | "《"
                )
            });
        let after_colon = tokens[..i]
            .iter()
            .rev()
            .find(|t| !t.is_blank())
            .is_some_and(|t| matches!(t.text(text), ":" | "：" | "—" | "–"));
        initial[i] = !seen_word || opens || after_colon;
        seen_word = true;
    }
    initial
}

/// Whether the tokens between two words are one gap: a run of spaces (a
/// no-break space included) or a line break.
pub(crate) fn word_gap(between: &[Token]) -> bool {
    matches!(between, [t] if t.is_blank())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted_and_found() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_function_word("The"));
        assert!(is_function_word("of"));
        assert!(!is_function_word("Committee"));
        assert!(is_function_word("Us"));
        assert!(!is_function_word("US"));
    }

    #[test]
    fn ordinary_words_and_name_words() {
        let lower = HashSet::from(["harvest"]);
        assert!(is_ordinary_word("Committee", &lower));
        assert!(is_ordinary_word("Harvest", &lower));
        assert!(is_ordinary_word("Grass-roots", &lower));
        // Names, Pinyin syllables that are also English, acronyms.
        assert!(!is_ordinary_word("Europe", &lower));
        assert!(!is_ordinary_word("Chengxu", &lower));
        assert!(!is_ordinary_word("Tan", &lower));
        assert!(!is_ordinary_word("US", &lower));
    }

    #[test]
    fn sentence_starts_and_quotes_are_initial() {
        let doc =
            Document::from_text("Body.\n\nThe party met: We agreed on “Standing Rules” today.");
        let sentence = &doc.sentences()[1];
        let tokens = doc.tokens_in(&sentence.tokens);
        let initial = initial_words(doc.text(), tokens);
        let words: Vec<(&str, bool)> = tokens
            .iter()
            .zip(&initial)
            .filter(|(t, _)| t.is_word())
            .map(|(t, &i)| (t.text(doc.text()), i))
            .collect();
        assert_eq!(
            words,
            [
                ("The", true),
                ("party", false),
                ("met", false),
                ("We", true),
                ("agreed", false),
                ("on", false),
                ("Standing", true),
                ("Rules", false),
                ("today", false)
            ]
        );
    }

    #[test]
    fn all_caps_and_title_lines() {
        let doc = Document::from_text(
            "DALIAN CHINA  DALIAN CHINA\nMunicipal Party Committee Meets\n\nThe Municipal Party Committee met.\n\nStanding Committee Work Report\n",
        );
        let caps = all_caps_lines(&doc);
        assert_eq!(&caps[..3], &[true, false, false]);
        let titles: Vec<bool> = doc
            .paragraphs()
            .iter()
            .map(|p| is_title_paragraph(&doc, p))
            .collect();
        assert_eq!(titles, [true, true, false, true]);
    }
}
