//! Quotation marks: classified by context once, then paired per paragraph.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    /// `"` and `'`
    Straight,
    /// `“ ” ‘ ’`
    Curly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteRole {
    Opening,
    Closing,
    /// Not a quotation mark at all: "Jinping’s", "don't", "'90s", "members'".
    Apostrophe,
}

/// One quotation mark or apostrophe character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    pub ch: char,
    pub kind: QuoteKind,
    pub style: QuoteStyle,
    pub role: QuoteRole,
    /// Index (in [`crate::Document::quotes`]) of the mark this one pairs with.
    pub partner: Option<u32>,
    /// Curly marks are drawn facing a direction; this is the role the glyph
    /// itself claims, which may differ from `role` ("” The strategy").
    pub glyph_role: Option<QuoteRole>,
}

impl Quote {
    pub fn is_quote(&self) -> bool {
        self.role != QuoteRole::Apostrophe
    }

    pub fn is_paired(&self) -> bool {
        self.partner.is_some()
    }
}

/// What the context around a mark says before pairing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lean {
    Open,
    Close,
    /// A closing mark or a plural possessive ("members’"): decided by
    /// whether a matching opener is pending.
    CloseOrApostrophe,
    /// No evidence either way (straight quote between two spaces).
    Either,
    Apostrophe,
}

pub(crate) fn quote_char(c: char) -> Option<(QuoteKind, QuoteStyle)> {
    match c {
        '"' => Some((QuoteKind::Double, QuoteStyle::Straight)),
        '\'' => Some((QuoteKind::Single, QuoteStyle::Straight)),
        '\u{201C}' | '\u{201D}' | '\u{201E}' => Some((QuoteKind::Double, QuoteStyle::Curly)),
        '\u{2018}' | '\u{2019}' | '\u{201A}' => Some((QuoteKind::Single, QuoteStyle::Curly)),
        _ => None,
    }
}

fn is_opening_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || crate::token::is_irregular_space(c)
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\''
                )
        }
    }
}

fn lean(prev: Option<char>, ch: char, next: Option<char>) -> (Lean, Option<QuoteRole>) {
    let prev_word = prev.is_some_and(|c| c.is_alphanumeric());
    let next_letter = next.is_some_and(|c| c.is_alphabetic());
    let next_digit = next.is_some_and(|c| c.is_ascii_digit());
    let after_open = is_opening_context(prev);
    let before_close = next.is_none_or(|c| {
        c.is_whitespace()
            || crate::token::is_irregular_space(c)
            || (c.is_ascii_punctuation() && c != '\'' && c != '"')
            || matches!(c, '”' | '’' | '—' | '–' | '…')
    });
    match ch {
        '\u{201C}' | '\u{201E}' => (Lean::Open, Some(QuoteRole::Opening)),
        '\u{2018}' | '\u{201A}' => {
            if after_open && next_digit {
                (Lean::Apostrophe, None)
            } else {
                (Lean::Open, Some(QuoteRole::Opening))
            }
        }
        '\u{201D}' => (Lean::Close, Some(QuoteRole::Closing)),
        '\u{2019}' | '\'' => {
            let glyph = (ch == '\u{2019}').then_some(QuoteRole::Closing);
            if (prev_word && next_letter) || (after_open && next_digit) {
                (Lean::Apostrophe, glyph)
            } else if prev_word && before_close {
                (Lean::CloseOrApostrophe, glyph)
            } else if after_open && !before_close {
                (Lean::Open, glyph)
            } else if before_close {
                (Lean::Close, glyph)
            } else {
                (Lean::Either, glyph)
            }
        }
        _ => {
            // Straight double quote.
            if after_open && !before_close {
                (Lean::Open, None)
            } else if before_close && !after_open {
                (Lean::Close, None)
            } else {
                (Lean::Either, None)
            }
        }
    }
}

/// Classifies and pairs the quotation marks in `text[span]`, one paragraph.
/// Marks inside `non_prose` ranges (Markdown code) are skipped.
pub(crate) fn scan_paragraph(text: &str, span: Span, non_prose: &[Span], out: &mut Vec<Quote>) {
    let para = &text[span.range()];
    let bytes = para.as_bytes();
    let base = out.len();
    let mut leans = Vec::new();
    // Jump between candidates: `"`, `'` and the lead byte of the curly marks
    // (U+2018..U+201E are E2 80 98..9E in UTF-8); most bytes are neither.
    for i in memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes) {
        let Some(c) = para[i..].chars().next() else {
            continue;
        };
        let Some((kind, style)) = quote_char(c) else {
            continue;
        };
        let start = span.start() + i;
        if in_ranges(non_prose, start) {
            continue;
        }
        let prev = para[..i].chars().next_back();
        let next = para[i + c.len_utf8()..].chars().next();
        let (lean, glyph_role) = lean(prev, c, next);
        out.push(Quote {
            span: Span::new(start, start + c.len_utf8()),
            ch: c,
            kind,
            style,
            role: QuoteRole::Apostrophe,
            partner: None,
            glyph_role,
        });
        leans.push(lean);
    }
    pair(&mut out[base..], &leans, base);
}

fn in_ranges(ranges: &[Span], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end() <= offset);
    ranges.get(i).is_some_and(|r| r.start() <= offset)
}

fn pair(quotes: &mut [Quote], leans: &[Lean], base: usize) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..quotes.len() {
        let kind = quotes[i].kind;
        let open_match = stack.iter().rposition(|&j| quotes[j].kind == kind);
        let role = match leans[i] {
            Lean::Apostrophe => QuoteRole::Apostrophe,
            Lean::Open => QuoteRole::Opening,
            Lean::Close => QuoteRole::Closing,
            Lean::CloseOrApostrophe => {
                if open_match.is_some() {
                    QuoteRole::Closing
                } else {
                    QuoteRole::Apostrophe
                }
            }
            Lean::Either => {
                if open_match.is_some() {
                    QuoteRole::Closing
                } else {
                    QuoteRole::Opening
                }
            }
        };
        quotes[i].role = role;
        match role {
            QuoteRole::Opening => stack.push(i),
            QuoteRole::Closing => {
                if let Some(pos) = open_match {
                    let j = stack[pos];
                    quotes[i].partner = Some((base + j) as u32);
                    quotes[j].partner = Some((base + i) as u32);
                    // Openers above the match were never closed.
                    stack.truncate(pos);
                }
            }
            QuoteRole::Apostrophe => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<Quote> {
        let mut out = Vec::new();
        scan_paragraph(text, Span::new(0, text.len()), &[], &mut out);
        out
    }

    fn roles(text: &str) -> Vec<(char, QuoteRole, bool)> {
        scan(text)
            .iter()
            .map(|q| (q.ch, q.role, q.is_paired()))
            .collect()
    }

    #[test]
    fn curly_pairs_with_nested_single() {
        let r = roles("the “comprehensively ‘two establishments’, and”.");
        assert_eq!(
            r,
            vec![
                ('“', QuoteRole::Opening, true),
                ('‘', QuoteRole::Opening, true),
                ('’', QuoteRole::Closing, true),
                ('”', QuoteRole::Closing, true),
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let r = roles("Xi Jinping’s speech, the '90s, members' homes, don't");
        assert!(
            r.iter().all(|(_, role, _)| *role == QuoteRole::Apostrophe),
            "{r:?}"
        );
    }

    #[test]
    fn stray_closing_mark_is_unpaired() {
        let q = scan("and implement the ” The strategy of “Five New”");
        assert_eq!(q[0].role, QuoteRole::Closing);
        assert!(!q[0].is_paired());
        assert!(q[1].is_paired() && q[2].is_paired());
    }

    #[test]
    fn straight_double_quotes_pair_by_position() {
        let q = scan(r#"the "Regulations" and "two" of them"#);
        assert!(q.iter().all(Quote::is_paired));
        assert_eq!(q[0].role, QuoteRole::Opening);
        assert_eq!(q[1].role, QuoteRole::Closing);
    }

    #[test]
    fn straight_quote_can_close_a_curly_one() {
        let q = scan("the “two safeguards\" and more");
        assert!(q[0].is_paired());
        assert_eq!(q[1].style, QuoteStyle::Straight);
        assert_eq!(q[1].role, QuoteRole::Closing);
    }
}
