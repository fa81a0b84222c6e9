//! What the consistency rules need to know about where a word stands: at the
//! start of a sentence, on an all-capitals line, in a title, or in lower case
//! somewhere in the document.

use std::borrow::Cow;
use std::cell::OnceCell;

use rustc_hash::{FxHashMap, FxHashSet};

use doclint_core::{Document, Paragraph, Token, TokenKind, WordShape};

use crate::words::strip_possessive;

/// Per line of `doc`: whether it is written in capitals (at least one word
/// of two or more capitals, and no lower-case or capitalised word; a
/// one-letter word such as "A" or "I" is a capital either way: "FITNESS
/// FOR A PARTICULAR PURPOSE").
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
                    WordShape::Capitalized if token.text(text).chars().count() == 1 => {}
                    WordShape::Lower | WordShape::Capitalized => return false,
                    _ => {}
                }
            }
            caps
        })
        .collect()
}

/// Whether `word` is an ordinary English word rather than a name: the text
/// writes it in lower case somewhere (`lower`), or the dictionary has it in
/// lower case ("Committee"; not "Chengxu", "Europe"). A word in capitals
/// ("US", "CPC") is an acronym, and a word made of Pinyin syllables ("Tan",
/// "Ping", "Xi") may be a Chinese name even where it is also English.
#[cfg(test)]
pub(crate) fn is_ordinary_word(word: &str, lower: &FxHashSet<&str>) -> bool {
    is_ordinary_word_by(word, |lc| lower.contains(lc))
}

/// [`is_ordinary_word`], asking `written_lower` whether the text writes a
/// lower-case word.
fn is_ordinary_word_by(word: &str, written_lower: impl Fn(&str) -> bool) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && !word.chars().any(char::is_lowercase) {
        return false;
    }
    let dictionary = crate::dictionary::Dictionary::builtin();
    // The cheap test first: the Pinyin split only matters when every part
    // is otherwise ordinary.
    let parts_ordinary = word
        .split(crate::words::HYPHENS)
        .filter(|part| !part.is_empty())
        .all(|part| {
            with_lowercase(part, |lc| written_lower(lc)) || dictionary.has_lower_case_entry(part)
        });
    // A compound of common English words ("Run-time") is no Pinyin name,
    // however its letters split into syllables ("run-ti-me").
    let common = |part: &str| {
        with_lowercase(part, |lc| {
            dictionary.rank(lc).is_some_and(|rank| rank <= COMMON_RANK)
        })
    };
    parts_ordinary
        && !(word.chars().next().is_some_and(char::is_uppercase)
            && dictionary.is_pinyin_name(word)
            && !(word.contains(crate::words::HYPHENS)
                && word.split(crate::words::HYPHENS).all(common)))
}

/// The dictionary's ranks of the most common English words ("run", "time").
const COMMON_RANK: u8 = 20;

/// Calls `f` with `word` in lower case (`str::to_lowercase`), on the stack
/// for a short ASCII word.
pub(crate) fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII stays valid UTF-8 when its letters are lowered.
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// The words of one document, each distinct word looked at once: which
/// words the text writes in lower case, a small number for each word's
/// lower-case form (so terms compare by numbers, not text), and which words
/// are ordinary words rather than names.
pub(crate) struct Lexicon<'a> {
    doc: &'a Document,
    /// The lower-case forms of the words not written in lower case (and of
    /// them without a possessive ending): whether the text also writes them
    /// in lower case. Other forms are looked up in `all_lower`, every word
    /// the text writes in lower case, gathered the first time it is needed.
    asked: FxHashMap<Cow<'a, str>, bool>,
    all_lower: OnceCell<FxHashSet<&'a str>>,
    /// Lower-case form -> its number, and per number whether the text
    /// writes it in lower case.
    ids: FxHashMap<Cow<'a, str>, u32>,
    id_lower: Vec<bool>,
    /// A word as written -> the number of its lower-case form.
    by_text: FxHashMap<&'a str, u32>,
    /// A word or name as written -> whether it is an ordinary word.
    ordinary: FxHashMap<&'a str, bool>,
}

impl<'a> Lexicon<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let text = doc.text();
        let mut asked: FxHashMap<Cow<'a, str>, bool> = FxHashMap::default();
        let mut filter = WordFilter::default();
        let mut seen: FxHashSet<&'a str> = FxHashSet::default();
        for token in doc.tokens() {
            if !token.is_word() || token.shape == WordShape::Lower {
                continue;
            }
            let word = token.text(text);
            if !seen.insert(word) {
                continue;
            }
            for form in [Some(word), strip_possessive(word)].into_iter().flatten() {
                let lower = lowercase(form);
                filter.insert(&lower);
                asked.entry(lower).or_insert(false);
            }
        }
        // One pass over the words in lower case: most are none of the forms
        // asked about, and the filter turns them away without hashing.
        if !asked.is_empty() {
            for token in doc.tokens() {
                if token.is_word() && token.shape == WordShape::Lower {
                    let word = token.text(text);
                    if filter.may_contain(word) {
                        if let Some(written) = asked.get_mut(word) {
                            *written = true;
                        }
                    }
                }
            }
        }
        Lexicon {
            doc,
            asked,
            all_lower: OnceCell::new(),
            ids: FxHashMap::default(),
            id_lower: Vec::new(),
            by_text: FxHashMap::default(),
            ordinary: FxHashMap::default(),
        }
    }

    /// Whether the text writes `lower` (a lower-case word) in lower case.
    pub fn is_written_lower(&self, lower: &str) -> bool {
        if let Some(&written) = self.asked.get(lower) {
            return written;
        }
        let text = self.doc.text();
        self.all_lower
            .get_or_init(|| {
                self.doc
                    .tokens()
                    .iter()
                    .filter(|t| t.is_word() && t.shape == WordShape::Lower)
                    .map(|t| t.text(text))
                    .collect()
            })
            .contains(lower)
    }

    /// The number of the lower-case form of `token` (a word of the
    /// document): two words have the same number exactly when they are the
    /// same in lower case.
    pub fn id(&mut self, token: &Token) -> u32 {
        let word = token.text(self.doc.text());
        if let Some(&id) = self.by_text.get(word) {
            return id;
        }
        let lower = lowercase(word);
        let id = match self.ids.get(&lower) {
            Some(&id) => id,
            None => {
                let id = self.ids.len() as u32;
                // A word in lower case is itself written in lower case.
                let written = (token.shape == WordShape::Lower && *lower == *word)
                    || self.is_written_lower(&lower);
                self.id_lower.push(written);
                self.ids.insert(lower, id);
                id
            }
        };
        self.by_text.insert(word, id);
        id
    }

    /// Whether the number `id` (from [`Lexicon::id`]) is of a word the text
    /// writes in lower case.
    pub fn id_written_lower(&self, id: u32) -> bool {
        self.id_lower[id as usize]
    }

    /// [`is_ordinary_word`] for `word`, worked out once per distinct word.
    pub fn is_ordinary(&mut self, word: &'a str) -> bool {
        if let Some(&ordinary) = self.ordinary.get(word) {
            return ordinary;
        }
        let ordinary = is_ordinary_word_by(word, |lc| self.is_written_lower(lc));
        self.ordinary.insert(word, ordinary);
        ordinary
    }
}

/// `word` in lower case (`str::to_lowercase`), borrowed when it already is.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// A set of words that may give false positives but no false negatives,
/// tested without hashing the word: a bit per length and last letter.
#[derive(Default)]
pub(crate) struct WordFilter {
    bits: [u64; 16],
    /// A word that is not plain ASCII was inserted: everything may match.
    any: bool,
}

impl WordFilter {
    fn slot(word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        let (&first, &last) = (bytes.first()?, bytes.last()?);
        (first.is_ascii() && last.is_ascii())
            .then(|| (bytes.len() * 37 + usize::from(first) * 11 + usize::from(last)) % (16 * 64))
    }

    pub fn insert(&mut self, word: &str) {
        match Self::slot(word) {
            Some(slot) => self.bits[slot / 64] |= 1 << (slot % 64),
            None => self.any = true,
        }
    }

    pub fn may_contain(&self, word: &str) -> bool {
        self.any
            || Self::slot(word).is_none_or(|slot| self.bits[slot / 64] & (1 << (slot % 64)) != 0)
    }
}

/// The lines of a document written in capitals ([`all_caps_lines`]), asked
/// about by offset; most documents have none, and then no line is looked up.
pub(crate) struct CapsLines {
    lines: Vec<bool>,
    any: bool,
}

impl CapsLines {
    pub fn new(doc: &Document) -> Self {
        let lines = all_caps_lines(doc);
        let any = lines.contains(&true);
        CapsLines { lines, any }
    }

    /// Whether `offset` is on a line in capitals.
    pub fn contains(&self, doc: &Document, offset: usize) -> bool {
        self.any && self.lines[doc.line_of(offset)]
    }
}

/// Whether a paragraph reads as a title rather than running text: short, no
/// closing punctuation, and most of its words capitalised, or a numbered
/// heading.
pub(crate) fn is_title_paragraph(doc: &Document, paragraph: &Paragraph) -> bool {
    if paragraph.is_heading {
        return true;
    }
    let text = doc.text();
    let content = doc.slice(paragraph.span).trim_end();
    if content.ends_with(['.', '!', '?', ':', ';', ',', '。', '”', '"', '’', ')']) {
        return false;
    }
    if starts_with_section_number(content) {
        return true;
    }
    let (mut words, mut capitalised) = (0usize, 0usize);
    for token in doc.tokens_in(&paragraph.tokens) {
        if token.is_word() && !crate::words::is_function_word(token.text(text)) {
            words += 1;
            if words > 25 {
                return false;
            }
            if matches!(token.shape, WordShape::Capitalized | WordShape::AllCaps) {
                capitalised += 1;
            }
        }
    }
    words > 0 && capitalised * 2 > words
}

/// Whether a line opens with a section number of two levels or more and a
/// space ("6.1. Filling in the sources.list File", "11.5.2.1 The smbclient
/// Program"): a numbered heading, however few of its words are
/// capitalised. One level ("3. Add methods") is a list item.
fn starts_with_section_number(line: &str) -> bool {
    let number = line.split(char::is_whitespace).next().unwrap_or_default();
    let number = number.strip_suffix('.').unwrap_or(number);
    let mut levels = 0;
    for part in number.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        levels += 1;
    }
    levels >= 2 && line.len() > number.len() + 2 && !line.contains('\n')
}

/// For each token of `tokens` (one sentence), whether it is a word that
/// starts the sentence or follows a colon, an opening quotation mark or an
/// opening bracket: a place where a capital says nothing.
#[cfg(test)]
pub(crate) fn initial_words(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut initial = Vec::new();
    initial_words_into(text, tokens, &mut initial);
    initial
}

/// [`initial_words`] into a buffer used again for every sentence.
pub(crate) fn initial_words_into(text: &str, tokens: &[Token], initial: &mut Vec<bool>) {
    initial.clear();
    initial.resize(tokens.len(), false);
    let mut seen_word = false;
    // The last token that is not white space, and the token just before.
    let mut last_solid: Option<&Token> = None;
    let mut previous: Option<&Token> = None;
    for (i, token) in tokens.iter().enumerate() {
        if token.is_word() {
            let opens = previous
                .filter(|prev| prev.kind == TokenKind::Punct)
                .is_some_and(|prev| {
                    matches!(
                        prev.text(text),
                        "“" | "‘" | "\"" | "'" | "(" | "[" | "«" | "「" | "『" | "《"
                    )
                });
            let after_colon =
                last_solid.is_some_and(|t| matches!(t.text(text), ":" | "：" | "—" | "–"));
            initial[i] = !seen_word || opens || after_colon;
            seen_word = true;
        }
        if !token.is_blank() {
            last_solid = Some(token);
        }
        previous = Some(token);
    }
}

/// [`initial_words`] for the one word `tokens[k]`, where `first_word` is the
/// index of the sentence's first word.
pub(crate) fn is_initial_word(text: &str, tokens: &[Token], first_word: usize, k: usize) -> bool {
    let opens = k
        .checked_sub(1)
        .map(|p| &tokens[p])
        .filter(|prev| prev.kind == TokenKind::Punct)
        .is_some_and(|prev| {
            matches!(
                prev.text(text),
                "“" | "‘" | "\"" | "'" | "(" | "[" | "«" | "「" | "『" | "《"
            )
        });
    let after_colon = tokens[..k]
        .iter()
        .rev()
        .find(|t| !t.is_blank())
        .is_some_and(|t| matches!(t.text(text), ":" | "：" | "—" | "–"));
    k == first_word || opens || after_colon
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
    fn ordinary_words_and_name_words() {
        let lower: FxHashSet<&str> = ["harvest"].into_iter().collect();
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
        let first_word = tokens.iter().position(|t| t.is_word()).expect("words");
        for (k, token) in tokens.iter().enumerate().filter(|(_, t)| t.is_word()) {
            assert_eq!(
                is_initial_word(doc.text(), tokens, first_word, k),
                initial[k],
                "{}",
                token.text(doc.text())
            );
        }
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
        // A one-letter word ("A", "I") leaves a line in capitals; a
        // capitalised word of more letters does not.
        let doc = Document::from_text(
            "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
A Particular Purpose.
I SAID NO.
",
        );
        assert_eq!(&all_caps_lines(&doc)[..3], &[true, false, true]);
    }

    #[test]
    fn lexicon_numbers_words_by_their_lower_case() {
        let doc = Document::from_text(
            "Body.\n\nThe Standing Committee met the standing committee of Chengxu’s town. Tan Xi spoke.",
        );
        let text = doc.text();
        let token = |word: &str| {
            *doc.tokens()
                .iter()
                .find(|t| t.text(text) == word)
                .expect("word in text")
        };
        let mut lexicon = Lexicon::new(&doc);
        let committee = lexicon.id(&token("Committee"));
        assert_eq!(lexicon.id(&token("committee")), committee);
        assert_ne!(lexicon.id(&token("Standing")), committee);
        assert!(lexicon.id_written_lower(committee));
        // Written only with a capital, or only with a possessive ending.
        let tan = lexicon.id(&token("Tan"));
        assert!(!lexicon.id_written_lower(tan));
        assert!(lexicon.is_written_lower("town"));
        assert!(!lexicon.is_written_lower("chengxu"));
        assert!(!lexicon.is_written_lower("spoken"));
        // Ordinary words as `is_ordinary_word` tells them, asked twice.
        for _ in 0..2 {
            assert!(lexicon.is_ordinary("Committee"));
            assert!(!lexicon.is_ordinary("Chengxu"));
            assert!(!lexicon.is_ordinary("Tan"));
        }
    }

    #[test]
    fn word_filter_has_no_false_negatives() {
        let mut filter = WordFilter::default();
        for word in ["committee", "party", "grass"] {
            filter.insert(word);
        }
        for word in ["committee", "party", "grass"] {
            assert!(filter.may_contain(word));
        }
        let rejected = ["harvest", "meeting", "town", "spoke", "county", "a"]
            .iter()
            .filter(|w| !filter.may_contain(w))
            .count();
        assert!(rejected >= 4, "{rejected}");
        // Words not in plain ASCII are let through.
        filter.insert("café");
        assert!(filter.may_contain("naïve"));
    }

    #[test]
    fn lower_case_on_the_stack_or_not() {
        assert_eq!(with_lowercase("Committee", str::to_owned), "committee");
        assert_eq!(with_lowercase("ÉCOLE", str::to_owned), "école");
        let long = "A".repeat(40);
        assert_eq!(with_lowercase(&long, str::to_owned), "a".repeat(40));
    }
}
