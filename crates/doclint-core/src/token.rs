//! One pass over the text into words, numbers, spaces and punctuation.
//!
//! A hand-written scanner rather than UAX #29 word segmentation: rules need
//! exactly these classes (an apostrophe inside a word, irregular spaces kept as
//! their own tokens, every quotation mark its own token), and an ASCII fast
//! path keeps the whole pass near memory speed.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, with inner apostrophes ("Jinping’s", "don't") and digits
    /// after the first letter ("G20").
    Word,
    /// Starts with a digit: "2019", "2.5", "1,000", "18th".
    Number,
    /// A run of horizontal white space, including no-break and other
    /// Unicode spaces and zero-width characters.
    Space,
    /// `\n`, `\r\n` or a lone `\r`.
    Newline,
    /// One punctuation character (quotation marks included).
    Punct,
    /// Any other single character: symbols, emoji.
    Symbol,
    /// A stretch that is not prose (Markdown code, HTML, front matter).
    Code,
}

/// The capitalisation of a word token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordShape {
    /// "mayor"
    Lower,
    /// "Mayor"
    Capitalized,
    /// "CPC", "DALIAN"
    AllCaps,
    /// "iPhone", "McDonald"; also words with no cased letters ("市委").
    Mixed,
    /// Not a word.
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub shape: WordShape,
}

impl Token {
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.range()]
    }

    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    #[inline]
    pub fn is_space(&self) -> bool {
        self.kind == TokenKind::Space
    }

    /// Space or newline.
    #[inline]
    pub fn is_blank(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::Newline)
    }
}

/// `word` without a possessive ending ("Chengxu’s", "NATO'S"), if it has
/// one and something is left.
pub fn strip_possessive(word: &str) -> Option<&str> {
    ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty())
}

/// White space that is not an ordinary ASCII space or tab: no-break spaces,
/// the typographic spaces, ideographic space and zero-width characters.
#[inline]
pub fn is_irregular_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200D}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{2060}'
                | '\u{3000}'
                | '\u{FEFF}'
                | '\u{000B}'
                | '\u{000C}'
    )
}

#[inline]
fn is_horizontal_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_irregular_space(c)
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks continue a word ("é" written as e + U+0301).
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}')
}

fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation()
            && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~');
    }
    matches!(c,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF5B}'..='\u{FF65}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE6B}'
    )
}

fn word_shape(word: &str) -> WordShape {
    if word.is_ascii() {
        return ascii_word_shape(word.as_bytes());
    }
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else {
        return WordShape::Mixed;
    };
    let (mut upper_rest, mut lower_rest) = (0usize, 0usize);
    for c in chars {
        if c.is_uppercase() {
            upper_rest += 1;
        } else if c.is_lowercase() {
            lower_rest += 1;
        }
    }
    if first.is_lowercase() {
        if upper_rest == 0 {
            WordShape::Lower
        } else {
            WordShape::Mixed
        }
    } else if first.is_uppercase() {
        if upper_rest == 0 {
            WordShape::Capitalized
        } else if lower_rest == 0 {
            WordShape::AllCaps
        } else {
            WordShape::Mixed
        }
    } else {
        WordShape::Mixed
    }
}

/// [`word_shape`] for ASCII words (nearly all of them), without Unicode
/// tables.
fn ascii_word_shape(word: &[u8]) -> WordShape {
    let mut letters = word.iter().filter(|b| b.is_ascii_alphabetic());
    let Some(first) = letters.next() else {
        return WordShape::Mixed;
    };
    let (mut upper_rest, mut lower_rest) = (0usize, 0usize);
    for b in letters {
        if b.is_ascii_uppercase() {
            upper_rest += 1;
        } else {
            lower_rest += 1;
        }
    }
    match (first.is_ascii_lowercase(), upper_rest, lower_rest) {
        (true, 0, _) => WordShape::Lower,
        (true, _, _) => WordShape::Mixed,
        (false, 0, _) => WordShape::Capitalized,
        (false, _, 0) => WordShape::AllCaps,
        (false, _, _) => WordShape::Mixed,
    }
}

/// Appends the tokens of `text[start..end]` to `out`.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut pos = start;
    while pos < end {
        let b = bytes[pos];
        let (kind, next) = if b < 0x80 {
            match b {
                b'\n' => (TokenKind::Newline, pos + 1),
                b'\r' => {
                    let next = if pos + 1 < end && bytes[pos + 1] == b'\n' {
                        pos + 2
                    } else {
                        pos + 1
                    };
                    (TokenKind::Newline, next)
                }
                // One space before an ASCII character that is no space:
                // most spaces of any text.
                b' ' if bytes
                    .get(pos + 1)
                    .is_some_and(|&n| n < 0x80 && !matches!(n, b' ' | b'\t' | 0x0B | 0x0C))
                    || pos + 1 == end =>
                {
                    (TokenKind::Space, pos + 1)
                }
                b' ' | b'\t' | 0x0B | 0x0C => (TokenKind::Space, scan_space(text, pos, end)),
                b'0'..=b'9' => (TokenKind::Number, scan_number(text, pos, end)),
                b'a'..=b'z' | b'A'..=b'Z' => {
                    let (next, shape) = scan_ascii_word(text, pos, end);
                    out.push(Token {
                        span: Span::new(pos, next),
                        kind: TokenKind::Word,
                        shape,
                    });
                    pos = next;
                    continue;
                }
                _ if (b as char).is_ascii_punctuation() && is_punctuation(b as char) => {
                    (TokenKind::Punct, pos + 1)
                }
                _ => (TokenKind::Symbol, pos + 1),
            }
        } else {
            let c = char_at(text, pos);
            let width = c.len_utf8();
            // Line and paragraph separators count as irregular spaces but
            // end a line: test them first, or the space scanner would stop
            // before them without moving.
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                (TokenKind::Newline, pos + width)
            } else if is_horizontal_space(c) {
                (TokenKind::Space, scan_space(text, pos, end))
            } else if c.is_numeric() {
                (TokenKind::Number, scan_number(text, pos, end))
            } else if c.is_alphabetic() {
                (TokenKind::Word, scan_word(text, pos, end))
            } else if is_punctuation(c) {
                (TokenKind::Punct, pos + width)
            } else {
                (TokenKind::Symbol, pos + width)
            }
        };
        let span = Span::new(pos, next);
        let shape = if kind == TokenKind::Word {
            word_shape(&text[pos..next])
        } else {
            WordShape::None
        };
        out.push(Token { span, kind, shape });
        pos = next;
    }
}

#[inline]
fn char_at(text: &str, pos: usize) -> char {
    text[pos..].chars().next().unwrap_or('\u{FFFD}')
}

fn scan_space(text: &str, mut pos: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < end {
        let b = bytes[pos];
        if b == b' ' || b == b'\t' || b == 0x0B || b == 0x0C {
            pos += 1;
        } else if b >= 0x80 {
            let c = char_at(text, pos);
            if c != '\u{2028}' && c != '\u{2029}' && is_horizontal_space(c) {
                pos += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    pos
}

/// A word starting with an ASCII letter, and its shape, counted on the way
/// while the word stays ASCII letters and digits.
#[inline]
fn scan_ascii_word(text: &str, pos: usize, end: usize) -> (usize, WordShape) {
    let bytes = text.as_bytes();
    let first_upper = bytes[pos].is_ascii_uppercase();
    let (mut upper_rest, mut lower_rest) = (0u32, 0u32);
    let mut next = pos + 1;
    while next < end {
        let b = bytes[next];
        if b.is_ascii_lowercase() {
            lower_rest += 1;
        } else if b.is_ascii_uppercase() {
            upper_rest += 1;
        } else if !b.is_ascii_digit() {
            break;
        }
        next += 1;
    }
    if next < end && (bytes[next] >= 0x80 || bytes[next] == b'\'') {
        // Non-ASCII letters or an apostrophe may continue it.
        let next = scan_word(text, next, end);
        return (next, word_shape(&text[pos..next]));
    }
    let shape = match (first_upper, upper_rest, lower_rest) {
        (false, 0, _) => WordShape::Lower,
        (false, _, _) => WordShape::Mixed,
        (true, 0, _) => WordShape::Capitalized,
        (true, _, 0) => WordShape::AllCaps,
        (true, _, _) => WordShape::Mixed,
    };
    (next, shape)
}

fn scan_word(text: &str, mut pos: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < end {
        let b = bytes[pos];
        if b.is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            char_at(text, pos)
        };
        if c.len_utf8() > 1 && is_word_char(c) && !is_irregular_space(c) {
            pos += c.len_utf8();
        } else if is_apostrophe(c) {
            // An apostrophe stays inside a word only when a letter follows.
            let after = pos + c.len_utf8();
            if after < end && char_at(text, after).is_alphabetic() {
                pos = after;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    pos
}

fn scan_number(text: &str, mut pos: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < end {
        let b = bytes[pos];
        let separator_between_digits = (b == b'.' || b == b',')
            && pos + 1 < end
            && bytes[pos + 1].is_ascii_digit()
            && bytes[pos - 1].is_ascii_digit();
        if b.is_ascii_alphanumeric() || separator_between_digits {
            pos += 1;
        } else if b >= 0x80 {
            let c = char_at(text, pos);
            if c.is_numeric() {
                pos += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| (t.kind, t.text(text))).collect()
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("Jinping’s don't members' "),
            vec![
                (Word, "Jinping’s"),
                (Space, " "),
                (Word, "don't"),
                (Space, " "),
                (Word, "members"),
                (Punct, "'"),
                (Space, " "),
            ]
        );
    }

    #[test]
    fn irregular_spaces_join_the_space_run() {
        use TokenKind::*;
        assert_eq!(
            kinds("Dalian\u{a0} and"),
            vec![(Word, "Dalian"), (Space, "\u{a0} "), (Word, "and")]
        );
    }

    #[test]
    fn numbers_keep_decimals_and_separators() {
        use TokenKind::*;
        assert_eq!(
            kinds("2.5 1,000 2019-04-11."),
            vec![
                (Number, "2.5"),
                (Space, " "),
                (Number, "1,000"),
                (Space, " "),
                (Number, "2019"),
                (Punct, "-"),
                (Number, "04"),
                (Punct, "-"),
                (Number, "11"),
                (Punct, "."),
            ]
        );
    }

    #[test]
    fn crlf_is_one_newline() {
        use TokenKind::*;
        assert_eq!(
            kinds("a\r\nb"),
            vec![(Word, "a"), (Newline, "\r\n"), (Word, "b")]
        );
    }

    #[test]
    fn line_and_paragraph_separators_are_newlines() {
        // Regression (fuzzing): a U+2028 made the scanner loop forever on an
        // empty space token.
        use TokenKind::*;
        assert_eq!(
            kinds("a\u{2028}b\u{2029} \u{2028}"),
            vec![
                (Word, "a"),
                (Newline, "\u{2028}"),
                (Word, "b"),
                (Newline, "\u{2029}"),
                (Space, " "),
                (Newline, "\u{2028}"),
            ]
        );
    }

    #[test]
    fn shapes() {
        let text = "mayor Mayor CPC iPhone 市委";
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        let shapes: Vec<_> = out
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.shape)
            .collect();
        assert_eq!(
            shapes,
            vec![
                WordShape::Lower,
                WordShape::Capitalized,
                WordShape::AllCaps,
                WordShape::Mixed,
                WordShape::Mixed
            ]
        );
    }
}
