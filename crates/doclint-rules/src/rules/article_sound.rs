use std::sync::OnceLock;

use doclint_core::{Diagnostic, Document, Edit, Fix, Token, TokenKind, WordShape};

use crate::dictionary::Dictionary;
use crate::rule::{Context, Rule, RuleMeta};
use crate::words::{
    has_digit, is_function_word, is_glued, is_quoted_mention, is_sentence_start,
    next_across_blanks, COMMON_RANK,
};

/// Words whose first sound their first letter does not tell ("hour",
/// "university", "one"), as `sound word` or `sound start*` lines.
const SOUND_LIST: &str = include_str!("../../../../rules/wordlists/article-sound.txt");

declare_rule! {
    /// ## What it does
    /// Flags the indefinite article that does not match the sound of the
    /// next word: "a" before a vowel sound ("a important meeting", "a 11-year
    /// plan", "a hour") and "an" before a consonant sound ("an new policy",
    /// "an university", "an one-time payment").
    ///
    /// It goes by sound, not letter: "a university", "a European", "a
    /// one-off", "an hour", "an honest", "an 8% rise", "an 18-month", "an
    /// X-ray", "a U-turn", "an F-16". Words whose sound their first letter
    /// does not tell are listed in `rules/wordlists/article-sound.txt`
    /// (extend it there); where both are in use ("a/an historic", "a/an
    /// herb", "a/an hotel") neither is flagged.
    ///
    /// It stays quiet where the sound is a guess: before all-capital words
    /// and acronyms ("an FBI agent", "a NATO summit" — read as letters or as
    /// a word), words with inner capitals or digits ("an iPhone", "a G20"),
    /// names and rare or foreign words it does not know ("a Uber", "a
    /// usted"), a bracket ("an (important) step"), numbers it cannot be sure
    /// how to say ("1800s": eighteen hundreds or one thousand eight
    /// hundred; a long run of digits read one by one), a lone letter not
    /// joined by a hyphen or a dot ("Grade A", "a B grade", "x a y"), a
    /// capital "A" or "An" that does not start a sentence ("Class A
    /// equipment", "Hoi An"), and examples in quotation marks.
    ///
    /// ## Why is this bad?
    /// The article is left behind when an editor or a translation engine
    /// changed the word after it; readers hear the slip at once.
    ///
    /// ## Example
    /// ```text
    /// It was a important meeting on an new policy for a 18-month period.
    /// ```
    /// Use instead:
    /// ```text
    /// It was an important meeting on a new policy for an 18-month period.
    /// ```
    ///
    /// ## Fix safety
    /// The fix swaps the article ("a" ↔ "an", keeping its capital). Safe
    /// when the sound is certain: a known word starting with a consonant
    /// letter other than h, or with a, e, i or o, a word of the list, a
    /// number, or a letter spelled out ("X-ray", "U.S."). Unsafe when it
    /// rests on the first letter alone for h and u ("an house", "a unusual"),
    /// where a word missing from the list would be pronounced the other way.
    pub struct ArticleSound {
        id: "article-sound",
        category: Lexical,
        severity: Warning,
        fix: Always,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sound {
    Vowel,
    Consonant,
    /// Both articles are in use.
    Either,
}

/// The first sound of the word after an article, and whether it is certain
/// (a guess from the first letter is not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Heard {
    sound: Sound,
    certain: bool,
}

impl Heard {
    fn certain(sound: Sound) -> Self {
        Heard {
            sound,
            certain: true,
        }
    }
}

impl Rule for ArticleSound {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        for (i, token) in tokens.iter().enumerate() {
            // Byte tests only: this runs on every token.
            if token.kind != TokenKind::Word {
                continue;
            }
            let is_an = match token.span.len() {
                1 => false,
                2 if bytes.get(token.span.start() + 1) == Some(&b'n') => true,
                _ => continue,
            };
            if matches!(bytes.get(token.span.start()), Some(b'a' | b'A')) {
                if let Some(diagnostic) = check_article(doc, cx, i, is_an) {
                    out.push(diagnostic);
                }
            }
        }
    }
}

fn check_article(doc: &Document, cx: &Context, i: usize, is_an: bool) -> Option<Diagnostic> {
    let tokens = doc.tokens();
    let text = doc.text();
    let next = next_spoken(doc, i)?;
    if plainly_matches(tokens[next].text(text), is_an) {
        return None;
    }
    let article = tokens[i].text(text);
    // "Grade A", "Plan A", "Hoi An": a capital mid-sentence is a letter or
    // a name, not an article.
    if article.starts_with('A') && !is_sentence_start(doc, i) {
        return None;
    }
    // "A-share", "a.m.", "Type-A": part of a larger unit.
    if is_glued(tokens, text, i, true) || is_glued(tokens, text, i, false) {
        return None;
    }
    // "Xi an", "Huai an": a place name split at its apostrophe.
    if is_an && previous_is_pinyin(tokens, text, i) {
        return None;
    }
    if is_quoted_mention(doc, i, next) {
        return None;
    }
    let heard = hear(doc, cx, next, article == "An")?;
    let wrong = match heard.sound {
        Sound::Vowel => !is_an,
        Sound::Consonant => is_an,
        Sound::Either => false,
    };
    if !wrong {
        return None;
    }
    let replacement = match article {
        "a" => "an",
        "A" => "An",
        "an" => "a",
        _ => "A",
    };
    let word = tokens[next].text(text);
    let sound = if heard.sound == Sound::Vowel {
        "a vowel"
    } else {
        "a consonant"
    };
    let span = tokens[i].span.cover(tokens[next].span);
    let title = format!("Write `{replacement}`");
    let edits = vec![Edit::replace(tokens[i].span, replacement)];
    let fix = if heard.certain {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    };
    Some(
        ArticleSound::META
            .diagnostic(span, format!("`{article}` before {sound} sound (`{word}`)"))
            .with_help(format!("write `{replacement} {word}`"))
            .with_fix(fix),
    )
}

/// Whether the article plainly fits `word` by its first letter, as almost
/// every article does, so that the rest of the checks can be skipped: "a"
/// before a consonant letter other than h, "an" before a, e, i or o, when
/// no entry of the list starts with that letter. Lone letters are read by
/// their names ("a F-16") and are never plain.
fn plainly_matches(word: &str, is_an: bool) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() < 2 {
        return false;
    }
    let first = bytes[0].to_ascii_lowercase();
    if !first.is_ascii_lowercase() || sound_list().first_letters & letter_bit(first) != 0 {
        return false;
    }
    match first {
        b'a' | b'e' | b'i' | b'o' => is_an,
        b'h' | b'u' => false,
        _ => !is_an,
    }
}

fn letter_bit(lower: u8) -> u32 {
    1 << (lower - b'a')
}

/// The token the article is spoken with: the next word or number after
/// spaces and at most one line break within the paragraph, looking past
/// one opening quotation mark glued to it.
fn next_spoken(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let mut j = next_across_blanks(doc, i)?;
    let mut token = tokens.get(j)?;
    if token.kind == TokenKind::Punct && crate::words::opens_quote(doc, token) {
        j += 1;
        token = tokens.get(j)?;
    }
    matches!(token.kind, TokenKind::Word | TokenKind::Number).then_some(j)
}

fn previous_is_pinyin(tokens: &[Token], text: &str, i: usize) -> bool {
    i >= 2
        && tokens[i - 1].kind == TokenKind::Space
        && tokens[i - 2].kind == TokenKind::Word
        && tokens[i - 2].shape == WordShape::Capitalized
        && Dictionary::builtin().is_pinyin_name(tokens[i - 2].text(text))
}

/// The first sound of token `j`, when it can be told.
fn hear(doc: &Document, cx: &Context, j: usize, after_capital_an: bool) -> Option<Heard> {
    let tokens = doc.tokens();
    let text = doc.text();
    let token = tokens[j];
    let word = token.text(text);
    if token.kind == TokenKind::Number {
        // "an 20ú": a number glued to letters is another language's
        // ordinal or a code, not read as the number alone.
        if tokens.get(j + 1).is_some_and(|t| t.kind == TokenKind::Word) {
            return None;
        }
        return number_sound(word).map(Heard::certain);
    }
    if word.len() == 1 {
        return spelled_letter(tokens, text, j).map(Heard::certain);
    }
    if !matches!(token.shape, WordShape::Lower | WordShape::Capitalized)
        || !word.is_ascii()
        || has_digit(word)
    {
        return None;
    }
    // "an Hon. member", "a Gov. of": abbreviations are read in full.
    if word.len() <= 4
        && tokens
            .get(j + 1)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == ".")
    {
        return None;
    }
    // "An Xiaoming said": a surname.
    if after_capital_an
        && token.shape == WordShape::Capitalized
        && Dictionary::builtin().is_pinyin_name(word)
    {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    // "an ssh", "an rpm", "an html": a word without vowels is read letter
    // by letter; "an xterm", "an xml": x before a consonant is read "ex".
    let is_vowel = |b: &u8| b"aeiouy".contains(b);
    let first_letter = lower.as_bytes()[0];
    if !lower.bytes().any(|b| is_vowel(&b))
        || (first_letter == b'x' && lower.as_bytes().get(1).is_some_and(|b| !is_vowel(b)))
    {
        let named_with_a_vowel = b"aefhilmnorsx".contains(&first_letter);
        return Some(Heard {
            sound: if named_with_a_vowel {
                Sound::Vowel
            } else {
                Sound::Consonant
            },
            certain: false,
        });
    }
    let listed = listed_sound(&lower);
    // "A and B", "an other": function words after an article are letters
    // or another construction, unless the list names them ("a once").
    if listed.is_none_or(|(_, exact)| !exact) && is_function_word(word) {
        return None;
    }
    // Foreign and rare words ("a usted", "an der") are not guessed.
    let known = Dictionary::builtin()
        .rank(word)
        .is_some_and(|rank| rank <= COMMON_RANK)
        || cx.settings.extra_words.contains(word);
    if !known {
        return None;
    }
    if let Some((sound, _)) = listed {
        return Some(Heard::certain(sound));
    }
    let first = lower.as_bytes().first()?;
    Some(match first {
        b'a' | b'e' | b'i' | b'o' => Heard::certain(Sound::Vowel),
        b'u' => Heard {
            sound: Sound::Vowel,
            certain: false,
        },
        b'h' => Heard {
            sound: Sound::Consonant,
            certain: false,
        },
        _ => Heard::certain(Sound::Consonant),
    })
}

/// The sound of a lone letter read by its name: only when a hyphen or a
/// dot joins it to more ("X-ray", "U-turn", "e-commerce", "U.S.").
fn spelled_letter(tokens: &[Token], text: &str, j: usize) -> Option<Sound> {
    let letter = tokens[j].text(text).chars().next()?;
    if !letter.is_ascii_alphabetic() {
        return None;
    }
    let joiner = tokens.get(j + 1)?;
    let after = tokens.get(j + 2)?;
    let spelled = joiner.kind == TokenKind::Punct
        && match joiner.text(text) {
            "." => after.kind == TokenKind::Word && after.span.len() == 1,
            mark if crate::words::is_hyphen(mark) => {
                matches!(after.kind, TokenKind::Word | TokenKind::Number)
            }
            _ => false,
        };
    if !spelled {
        return None;
    }
    Some(match letter.to_ascii_lowercase() {
        'a' | 'e' | 'f' | 'i' | 'l' | 'm' | 'n' | 'o' | 'r' | 's' | 'x' => Sound::Vowel,
        // "aitch" or "haitch".
        'h' => Sound::Either,
        _ => Sound::Consonant,
    })
}

/// The first sound of a number as said aloud: "an 8", "an 11", "an 18th",
/// "an 80", "an 11,000", "a 1.5", "a 110"; `None` where the reading is
/// unsure ("1800": a year or a count; long digit runs read digit by digit;
/// a leading zero).
fn number_sound(number: &str) -> Option<Sound> {
    let whole = number
        .split(|c: char| !(c.is_ascii_digit() || c == ','))
        .next()?;
    let first_group = whole.split(',').next()?;
    if first_group.is_empty() || first_group.starts_with('0') {
        return None;
    }
    if first_group.starts_with('8') {
        return Some(Sound::Vowel);
    }
    let eleven_or_eighteen = first_group.starts_with("11") || first_group.starts_with("18");
    if !eleven_or_eighteen {
        return Some(Sound::Consonant);
    }
    if whole.contains(',') {
        // "11,000" is eleven thousand; "118,000" a hundred and eighteen.
        return Some(if first_group.len() == 2 {
            Sound::Vowel
        } else {
            Sound::Consonant
        });
    }
    match first_group.len() {
        // eleven, eleven thousand
        2 | 5 => Some(Sound::Vowel),
        // a hundred and ten, a hundred and ten thousand
        3 | 6 => Some(Sound::Consonant),
        _ => None,
    }
}

struct ListEntry {
    sound: Sound,
    word: &'static str,
    /// Matches every word starting with `word`.
    is_start: bool,
}

struct SoundList {
    entries: Vec<ListEntry>,
    /// One bit per letter (a = bit 0) that some entry starts with.
    first_letters: u32,
}

fn sound_list() -> &'static SoundList {
    static LIST: OnceLock<SoundList> = OnceLock::new();
    LIST.get_or_init(|| {
        let entries = parse_sound_list(SOUND_LIST);
        let first_letters = entries
            .iter()
            .filter_map(|entry| entry.word.bytes().next())
            .fold(0, |bits, first| bits | letter_bit(first));
        SoundList {
            entries,
            first_letters,
        }
    })
}

/// The entries of the list; lines that do not parse are skipped (the
/// list's own test rejects them).
fn parse_sound_list(list: &'static str) -> Vec<ListEntry> {
    list.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (sound, word) = line.split_once(' ')?;
            let sound = match sound {
                "vowel" => Sound::Vowel,
                "consonant" => Sound::Consonant,
                "either" => Sound::Either,
                _ => return None,
            };
            let (word, is_start) = match word.strip_suffix('*') {
                Some(start) => (start, true),
                None => (word, false),
            };
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                return None;
            }
            Some(ListEntry {
                sound,
                word,
                is_start,
            })
        })
        .collect()
}

/// The listed sound of lower-case `word` (longest match) and whether the
/// entry names the whole word.
fn listed_sound(lower: &str) -> Option<(Sound, bool)> {
    sound_list()
        .entries
        .iter()
        .filter(|entry| {
            if entry.is_start {
                lower.starts_with(entry.word)
            } else {
                lower == entry.word
            }
        })
        .max_by_key(|entry| (entry.word.len(), !entry.is_start))
        .map(|entry| (entry.sound, !entry.is_start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_a_before_a_vowel_and_an_before_a_consonant() {
        assert_eq!(
            flagged(
                &ArticleSound,
                "It was a important meeting on an new policy. A earlier plan failed. \
                 An big crowd came."
            ),
            vec!["a important", "an new", "A earlier", "An big"]
        );
        assert_safe_fix(
            &ArticleSound,
            "It was a important meeting on an new policy. A earlier plan. An big crowd.",
            "It was an important meeting on a new policy. An earlier plan. A big crowd.",
        );
    }

    #[test]
    fn matching_articles_are_quiet() {
        assert_no_lints(
            &ArticleSound,
            "It was an important meeting on a new policy. An earlier plan. A big crowd \
             saw an elephant, an idea and an orange in a house.",
        );
    }

    #[test]
    fn vowel_letters_with_a_consonant_sound() {
        assert_no_lints(
            &ArticleSound,
            "a university, a unit, a union, a unique case, a user, a usual step, a European \
             firm, a euro coin, a one-time payment, a once-popular song, a Ukrainian \
             farmer, a Uruguayan player, a ewe, a uniform, a utility, a unanimous vote.",
        );
        assert_eq!(
            flagged(
                &ArticleSound,
                "an university, an European firm, an one-time payment, an Ukrainian"
            ),
            vec!["an university", "an European", "an one", "an Ukrainian"]
        );
        assert_safe_fix(
            &ArticleSound,
            "an university and an one-time fee",
            "a university and a one-time fee",
        );
    }

    #[test]
    fn u_words_with_a_vowel_sound() {
        assert_no_lints(
            &ArticleSound,
            "an unusual step, an unimportant detail, an uninformed guess, an urban area, \
             an umbrella, an upper floor, an ugly scene, an unprecedented rise.",
        );
        // The first letter is all there is to go on: unsafe.
        assert_unsafe_fix(
            &ArticleSound,
            "a unprecedented rise",
            "an unprecedented rise",
        );
    }

    #[test]
    fn silent_h_and_both_forms() {
        assert_no_lints(
            &ArticleSound,
            "an hour, an honest man, an honour, an honor, an heir, an herb, a herb, \
             an historic day, a historic day, a historical record, an hotel, a house.",
        );
        assert_eq!(
            flagged(&ArticleSound, "a hour, a honest man, a heir, an house"),
            vec!["a hour", "a honest", "a heir", "an house"]
        );
        assert_safe_fix(&ArticleSound, "a hourly rate", "an hourly rate");
        assert_unsafe_fix(&ArticleSound, "an house", "a house");
    }

    #[test]
    fn numbers_by_how_they_are_said() {
        assert_no_lints(
            &ArticleSound,
            "an 8% rise, an 11-year-old, an 18-month plan, an 80-page report, an 800 line, \
             an 8,000-strong crowd, an 11,000 figure, a 1.5 percent rise, a 1 in 10 chance, \
             a 110-metre tower, a 180-degree turn, a 2019 law, a 100-day plan, an 18th-century \
             house, a 118,000 total.",
        );
        assert_eq!(
            flagged(
                &ArticleSound,
                "a 8% rise, a 11-year-old, a 18-month plan, a 80-page report, an 1 in 10, \
                 an 5-day week, an 110-metre tower. A 18-year-old man"
            ),
            vec!["a 8", "a 11", "a 18", "a 80", "an 1", "an 5", "an 110", "A 18"]
        );
        assert_safe_fix(&ArticleSound, "a 8% rise", "an 8% rise");
    }

    #[test]
    fn unsure_numbers_are_quiet() {
        assert_no_lints(
            &ArticleSound,
            "an 1800s house, a 1800s house, a 1100 total, an 0.5 point, a 0.5 point, \
             a 18912345678 number, an 18912345678 number.",
        );
    }

    #[test]
    fn acronyms_and_initialisms_are_quiet() {
        assert_no_lints(
            &ArticleSound,
            "an FBI agent, a FBI agent, an MBA, an NGO, an SOE, a NATO summit, an NATO \
             summit, a UN agency, an UN agency, a US firm, an iPhone, a iPhone, a G20 summit, \
             an mRNA vaccine.",
        );
    }

    #[test]
    fn words_read_letter_by_letter() {
        assert_no_lints(
            &ArticleSound,
            "They run an ssh agent, build an rpm, open an xterm, write an html page \
             and a tcp socket. Ar an 20ú lá.",
        );
        assert_eq!(
            flagged(&ArticleSound, "They open an tcp socket and an ssh agent."),
            vec!["an tcp"]
        );
    }

    #[test]
    fn spelled_letters() {
        assert_no_lints(
            &ArticleSound,
            "a B-grade film, an X-ray, an A-share, a U-turn, an F-16, an e-commerce firm, \
             a T-shirt, a U.S. firm, an H-bomb, a H-bomb.",
        );
        assert_eq!(
            flagged(
                &ArticleSound,
                "an B-grade film, a X-ray, a A-share, an U-turn, a e-commerce firm, an U.S. firm"
            ),
            vec!["an B", "a X", "a A", "an U", "a e", "an U"]
        );
    }

    #[test]
    fn letters_grades_and_foreign_words_are_quiet() {
        assert_no_lints(
            &ArticleSound,
            "Grade A equipment. Class A shares. A and B met. Plan A is ready. type A or \
             type B. Vitamin A is good. Casa a Roma. a priori, a la carte. x a y. \
             Hoi An ancient town. Xi an city. An Xiaoming said. He went to a usted. \
             It is a. And an (important) step. Meet at 9 a.m. every day.",
        );
    }

    #[test]
    fn quotes_and_line_breaks() {
        assert_eq!(
            flagged(
                &ArticleSound,
                "It was an \"unique\" case and a\nimportant one with a “interesting” view."
            ),
            vec!["an \"unique", "a\nimportant", "a “interesting"]
        );
        assert_no_lints(
            &ArticleSound,
            "It was a \"unique\" case. The slip (\"a apple\") is common. It was a\n\nimportant day.",
        );
    }

    #[test]
    fn markdown_code_is_hidden() {
        assert!(
            lint_markdown(&ArticleSound, "Call `a` `important` and `a important`.\n").is_empty()
        );
    }

    #[test]
    fn sound_list_is_well_formed_and_sorted() {
        let mut words = Vec::new();
        for line in SOUND_LIST.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (sound, word) = line.split_once(' ').unwrap_or_else(|| panic!("{line:?}"));
            assert!(
                matches!(sound, "vowel" | "consonant" | "either"),
                "{line:?}"
            );
            let stem = word.strip_suffix('*').unwrap_or(word);
            assert!(
                !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_lowercase()),
                "{line:?}"
            );
            words.push(word);
        }
        assert_eq!(parse_sound_list(SOUND_LIST).len(), words.len());
        let keys: Vec<&str> = words.iter().map(|w| w.trim_end_matches('*')).collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "sorted by word, no duplicates: {keys:?}"
        );
        assert_eq!(listed_sound("university"), Some((Sound::Consonant, false)));
        assert_eq!(listed_sound("uninformed"), Some((Sound::Vowel, false)));
        assert_eq!(listed_sound("one"), Some((Sound::Consonant, true)));
        assert_eq!(listed_sound("onerous"), None);
    }
}
