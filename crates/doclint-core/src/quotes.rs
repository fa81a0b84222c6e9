//! Quotation marks: classified by context once, then paired per paragraph.

use std::ops::Range;

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
    /// Not a quotation mark at all: "Jinping’s", "don't", "'90s", "members'",
    /// "’em", or a prime after a digit (5'10", a 12" pipe).
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

/// Words that begin with an elided letter ("’em", "’til"): the mark before
/// them is an apostrophe, not an opening quotation mark.
const ELISIONS: &[&str] = &[
    "bout", "cause", "cept", "em", "fraid", "n", "neath", "nuff", "round", "til", "tis", "twas",
    "twere", "twill",
];

/// Whether `rest` (the text right after a mark) starts with an elided word.
fn starts_with_elision(rest: &str) -> bool {
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word))
}

/// Whether `rest` (the text right after a mark) starts with a word whose
/// first letters are elided ("’em", "’til") or an elided year ("’90s"):
/// the mark before it is an apostrophe, whatever its glyph.
pub fn starts_with_elided_word(rest: &str) -> bool {
    starts_with_elision(rest) || starts_with_elided_year(rest)
}

/// Whether `rest` (the text right after a mark) starts with an elided
/// year: two digits, then an "s" or the end of the word ("’90s", "’05").
/// "'0x144'" and "'12345'" are quoted values, not years.
fn starts_with_elided_year(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    digits == 2
        && match bytes.get(2) {
            None => true,
            Some(b's') => bytes.get(3).is_none_or(|b| !b.is_ascii_alphanumeric()),
            Some(b) => !b.is_ascii_alphanumeric(),
        }
}

/// Classifies one mark from the character before it, the character after
/// it and the rest of the paragraph.
fn lean(prev: Option<char>, ch: char, next: Option<char>, rest: &str) -> (Lean, Option<QuoteRole>) {
    let prev_word = prev.is_some_and(|c| c.is_alphanumeric());
    let prev_digit = prev.is_some_and(|c| c.is_ascii_digit());
    // A mark after a word or after sentence punctuation can close.
    let after_close =
        prev_word || prev.is_some_and(|c| matches!(c, '.' | ',' | '!' | '?' | ';' | ':'));
    let next_letter = next.is_some_and(|c| c.is_alphabetic());
    let next_digit = next.is_some_and(|c| c.is_ascii_digit());
    let after_open = is_opening_context(prev);
    let before_close = next.is_none_or(|c| {
        c.is_whitespace()
            || crate::token::is_irregular_space(c)
            || (c.is_ascii_punctuation() && c != '\'' && c != '"')
            || matches!(c, '”' | '’' | '—' | '–' | '…')
    });
    // `VAR="--flags"`, `key='value'`, `<a href="x">`: a straight mark glued
    // after "=" opens the value assigned, even before a dash. Before a
    // space or sentence punctuation it closes a quoted setting instead:
    // "\"datadir=\", so".
    let value_follows = next.is_some_and(|c| {
        !(c.is_whitespace()
            || c == ch
            || matches!(c, ',' | ';' | '!' | '?' | ')' | ']' | '}' | '>'))
            && (c != '.' || rest[1..].starts_with(['/', '.']))
    });
    if matches!(ch, '"' | '\'') && prev == Some('=') && value_follows {
        return (Lean::Open, None);
    }
    match ch {
        '\u{201C}' | '\u{201E}' => {
            // “ drawn the wrong way round: after a word, before a space.
            if ch == '\u{201C}' && after_close && before_close {
                (Lean::Close, Some(QuoteRole::Opening))
            } else {
                (Lean::Open, Some(QuoteRole::Opening))
            }
        }
        '\u{2018}' | '\u{201A}' => {
            if after_open && next_digit && starts_with_elided_year(rest) {
                (Lean::Apostrophe, None)
            } else if ch == '\u{2018}' && prev_word && next_letter {
                // A turned apostrophe inside a word ("Jinping‘s").
                (Lean::Apostrophe, Some(QuoteRole::Opening))
            } else if ch == '\u{2018}' && after_close && before_close {
                (Lean::CloseOrApostrophe, Some(QuoteRole::Opening))
            } else {
                (Lean::Open, Some(QuoteRole::Opening))
            }
        }
        '\u{201D}' => {
            // ” drawn the wrong way round: after a space, before a word.
            if after_open && !before_close {
                (Lean::Open, Some(QuoteRole::Closing))
            } else {
                (Lean::Close, Some(QuoteRole::Closing))
            }
        }
        '\u{2019}' | '\'' => {
            let glyph = (ch == '\u{2019}').then_some(QuoteRole::Closing);
            let after_abbreviation = prev == Some('.') && next_letter;
            // "replace()’s abilities", "f(x)'s value": the possessive of a
            // call or of a bracketed term.
            let possessive_after_bracket = matches!(prev, Some(')' | ']'))
                && rest.starts_with('s')
                && !rest[1..].starts_with(|c: char| c.is_alphanumeric());
            if (prev_word && next_letter)
                || after_abbreviation
                || possessive_after_bracket
                || (after_open && next_digit && starts_with_elided_year(rest))
                || (after_open && next_letter && starts_with_elision(rest))
            {
                (Lean::Apostrophe, glyph)
            } else if prev_word && before_close {
                (Lean::CloseOrApostrophe, glyph)
            } else if prev_digit {
                // A prime: 5'10.
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
            if prev_digit && !next_letter {
                // A double prime (a 12" pipe), unless it closes a quotation.
                (Lean::CloseOrApostrophe, None)
            } else if after_open && matches!(next, Some('(' | '[')) {
                // ("[3]Programming Perl"), "(see below)": a quotation may
                // start with a bracket.
                (Lean::Open, None)
            } else if after_open && !before_close {
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
/// Marks inside `non_prose` ranges (Markdown code) are skipped; a mark's
/// neighbours are read through `markup` (emphasis marks, link brackets),
/// as the text renders: in `_"/"_` the marks stand between spaces.
pub(crate) fn scan_paragraph(
    text: &str,
    span: Span,
    non_prose: &[Span],
    markup: &[Span],
    out: &mut Vec<Quote>,
) {
    let para = &text[span.range()];
    let bytes = para.as_bytes();
    let base = out.len();
    // Jump between candidates: `"`, `'` and the lead byte of the curly marks
    // (U+2018..U+201E are E2 80 98..9E in UTF-8); most bytes are neither.
    // Counted first, so a paragraph of marks is stored without the spare
    // capacity (up to as much again) of a growing vector.
    let candidates = memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes).count();
    out.reserve(candidates);
    let mut leans = Vec::with_capacity(candidates);
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
        let (before, after) = (
            rendered_before(text, markup, span.start(), start) - span.start(),
            rendered_after(text, markup, span.end(), start + c.len_utf8()) - span.start(),
        );
        let prev = para[..before].chars().next_back();
        let rest = &para[after..];
        let next = rest.chars().next();
        let (lean, glyph_role) = lean(prev, c, next, rest);
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

/// How many paragraphs ahead a quotation left open may still close.
const MAX_PARAGRAPHS_SPANNED: usize = 4;

/// Pairs a quotation left open at the end of one paragraph with a closing
/// mark left over at the start of a following one: a quotation whose text
/// was broken into paragraphs without reopening each ("…words.\n\nMore
/// words.”"). `paragraphs` gives each paragraph's range of quotes and
/// whether it is a heading; headings end the search.
pub(crate) fn pair_across_paragraphs(quotes: &mut [Quote], paragraphs: &[(Range<usize>, bool)]) {
    for (p, (range, is_heading)) in paragraphs.iter().enumerate() {
        if *is_heading {
            continue;
        }
        for kind in [QuoteKind::Double, QuoteKind::Single] {
            let last = quotes[range.clone()]
                .iter()
                .rposition(|q| q.kind == kind && q.is_quote())
                .map(|i| range.start + i);
            let Some(opener) = last
                .filter(|&i| quotes[i].role == QuoteRole::Opening && quotes[i].partner.is_none())
            else {
                continue;
            };
            for (next, is_heading) in paragraphs.iter().skip(p + 1).take(MAX_PARAGRAPHS_SPANNED) {
                if *is_heading {
                    break;
                }
                let Some(first) = next
                    .clone()
                    .find(|&i| quotes[i].kind == kind && quotes[i].is_quote())
                else {
                    continue;
                };
                // Of one style only: a straight mark closing a curly one
                // paragraphs later is a guess on a guess, and a fix of
                // either glyph would change how the next pass pairs them.
                if quotes[first].role == QuoteRole::Closing
                    && quotes[first].partner.is_none()
                    && quotes[first].style == quotes[opener].style
                {
                    quotes[opener].partner = Some(first as u32);
                    quotes[first].partner = Some(opener as u32);
                }
                break;
            }
        }
    }
}

/// Where the text before `offset` renders from: before any markup that
/// ends there (and markup ending right before that), not before `floor`.
/// Markup holding white space (a quote or list marker, table pipes) is
/// read up to that white space, which is the neighbour.
fn rendered_before(text: &str, markup: &[Span], floor: usize, mut offset: usize) -> usize {
    while offset > floor {
        let i = markup.partition_point(|m| m.end() < offset);
        match markup.get(i) {
            Some(m) if m.end() == offset && m.start() < offset => {
                // Up to its last white space: "> _" renders a space.
                match text[m.range()].rfind(char::is_whitespace) {
                    Some(at) => {
                        let space = text[m.start() + at..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                        return (m.start() + at + space).max(floor);
                    }
                    None => offset = m.start().max(floor),
                }
            }
            _ => break,
        }
    }
    offset
}

/// Where the text after `offset` renders from: after any markup that
/// starts there (up to white space in it), not after `ceiling`.
fn rendered_after(text: &str, markup: &[Span], ceiling: usize, mut offset: usize) -> usize {
    while offset < ceiling {
        let i = markup.partition_point(|m| m.end() <= offset);
        match markup.get(i) {
            Some(m) if m.start() == offset && m.end() > offset => {
                match text[m.range()].find(char::is_whitespace) {
                    Some(at) => return (m.start() + at).min(ceiling),
                    None => offset = m.end().min(ceiling),
                }
            }
            _ => break,
        }
    }
    offset
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
        scan_paragraph(text, Span::new(0, text.len()), &[], &[], &mut out);
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
    fn a_quoted_number_is_not_an_elided_year() {
        // "'05" and "’90s" drop a century; "'0x144'" and "'12345'" quote values.
        assert!(roles("the '05 season and the ’90s")
            .iter()
            .all(|(_, role, _)| *role == QuoteRole::Apostrophe));
        assert_eq!(
            roles("int( '0x144', 16) and '12345' too"),
            vec![
                ('\'', QuoteRole::Opening, true),
                ('\'', QuoteRole::Closing, true),
                ('\'', QuoteRole::Opening, true),
                ('\'', QuoteRole::Closing, true),
            ]
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

    #[test]
    fn elisions_primes_and_abbreviation_possessives_are_apostrophes() {
        let r =
            roles("rock ’em till ’tis late, 'cause the U.S.S.R.'s man is 5'10\" with a 12\" pipe");
        assert!(
            r.iter().all(|(_, role, _)| *role == QuoteRole::Apostrophe),
            "{r:?}"
        );
    }

    #[test]
    fn a_prime_still_closes_a_pending_quotation() {
        let q = scan(r#"he said "it was in 2019" and left"#);
        assert!(q.iter().all(Quote::is_paired), "{q:?}");
    }

    #[test]
    fn marks_facing_the_wrong_way_take_their_role_from_context() {
        let q = scan("the ”two safeguards” and “four consciousnesses“ now");
        assert_eq!(q[0].role, QuoteRole::Opening);
        assert_eq!(q[0].glyph_role, Some(QuoteRole::Closing));
        assert_eq!(q[0].partner, Some(1));
        assert_eq!(q[3].role, QuoteRole::Closing);
        assert_eq!(q[3].glyph_role, Some(QuoteRole::Opening));
        assert_eq!(q[3].partner, Some(2));
    }

    #[test]
    fn quotation_broken_over_paragraphs_pairs_across() {
        let text =
            "She wrote: \"We are strong.\n\nWe are resilient.\" Then more.\n\nA \"new\" one.";
        let d = crate::Document::from_text(text);
        let q = d.quotes();
        assert_eq!(q.len(), 4);
        assert_eq!(q[0].partner, Some(1), "{q:?}");
        assert_eq!(q[2].partner, Some(3));
    }

    #[test]
    fn marks_of_two_styles_do_not_pair_across_paragraphs() {
        let text = "She wrote: “We are strong.\n\nWe are resilient.\" Then more.";
        let d = crate::Document::from_text(text);
        assert!(
            d.quotes().iter().all(|q| !q.is_paired()),
            "{:?}",
            d.quotes()
        );
    }

    #[test]
    fn a_stray_closer_far_away_does_not_pair() {
        let text = "He said \"no.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE ends.\" Done.";
        let d = crate::Document::from_text(text);
        assert!(d.quotes().iter().all(|q| !q.is_paired()));
    }

    #[test]
    fn a_value_assigned_in_a_command_opens_after_the_equals_sign() {
        // `VAR="--flag"`: the mark after "=" opens even before a dash.
        let text =
            "QUILT_PATCHES=\"debian/patches\" QUILT_PATCH_OPTS=\"--reject-format=unified\" done";
        assert!(
            roles(text).iter().all(|&(_, _, paired)| paired),
            "{:?}",
            roles(text)
        );
        assert_eq!(
            roles("opts='-p ab' then"),
            vec![
                ('\'', QuoteRole::Opening, true),
                ('\'', QuoteRole::Closing, true)
            ]
        );
        // A stray closer after a word is still a closer, and a quoted
        // setting closes after its "=".
        assert_eq!(roles("the switch\" now")[0].1, QuoteRole::Closing);
        assert!(roles("like \"prefix=\" or \"datadir=\", so")
            .iter()
            .all(|&(_, _, paired)| paired));
    }
}
