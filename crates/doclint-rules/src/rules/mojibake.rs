use doclint_core::{Diagnostic, Document, Edit, Fix, Span};
use encoding_rs::WINDOWS_1252;

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags text decoded with the wrong encoding: UTF-8 read as
    /// Windows-1252 or Latin-1 ("â€™" for ’, "Ã©" for é, "â€œ" for “,
    /// "Â " for a no-break space), and U+FFFD replacement characters (�),
    /// which mark a character lost in an earlier conversion.
    ///
    /// ## Why is this bad?
    /// Mis-decoded text is unreadable and spreads: every tool downstream
    /// copies it. It usually means the file passed through a system that
    /// assumed the wrong encoding.
    ///
    /// ## Example
    /// ```text
    /// General Secretary Xi Jinpingâ€™s instructions
    /// ```
    /// Use instead:
    /// ```text
    /// General Secretary Xi Jinping’s instructions
    /// ```
    ///
    /// ## Fix safety
    /// Safe when re-decoding is unambiguous: the characters map back to
    /// bytes that form exactly one valid UTF-8 sequence, and the result is a
    /// letter, symbol or punctuation mark (text encoded twice is undone
    /// twice). No fix for a sequence cut short ("â€" before a space, whose
    /// last byte was lost) or for �: the original character is gone.
    pub struct Mojibake {
        id: "mojibake",
        category: Language,
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Mojibake {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let bytes = text.as_bytes();
        // Every lead character (U+00C2..U+00F4) is encoded starting with
        // 0xC3; U+FFFD with 0xEF.
        let mut from = 0;
        while let Some(found) = memchr::memchr2(0xC3, 0xEF, &bytes[from..]) {
            let at = from + found;
            from = at + 1;
            if !text.is_char_boundary(at) {
                continue;
            }
            if text[at..].starts_with('\u{FFFD}') {
                let end = at + text[at..].chars().take_while(|&c| c == '\u{FFFD}').count() * 3;
                from = end;
                let span = Span::new(at, end);
                if !doc.is_non_prose(span) {
                    out.push(replacement_character(span));
                }
                continue;
            }
            let Some(found) = mis_decoded(text, at) else {
                continue;
            };
            from = found.span.end();
            if !doc.is_non_prose(found.span) {
                out.push(report(doc, found));
            }
        }
    }
}

/// A stretch of mis-decoded text and, when certain, what it should read.
struct Found {
    span: Span,
    repaired: Option<String>,
}

/// The Windows-1252 byte a character came from, if it was decoded from
/// one (Latin-1 for the bytes Windows-1252 leaves undefined).
fn source_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x100 {
        return u8::try_from(c as u32).ok();
    }
    let mut buf = [0u8; 4];
    let (encoded, _, had_errors) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    match (had_errors, encoded.as_ref()) {
        (false, [byte]) => Some(*byte),
        _ => None,
    }
}

/// How many continuation bytes a UTF-8 lead byte takes.
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// Whether a re-decoded character is one a text could have held: a
/// two-byte sequence must give a Latin, Greek or Cyrillic letter or a
/// Latin-1 symbol (so legitimate "Ö»" is not re-read as Hebrew).
fn plausible(decoded: char, width: usize) -> bool {
    if decoded.is_control() {
        return false;
    }
    match width {
        2 => matches!(decoded, '\u{A0}'..='\u{24F}' | '\u{370}'..='\u{4FF}'),
        _ => true,
    }
}

/// One mis-decoded character starting at `at`: its length in the text and
/// the character it should be, or `None` for the length of a sequence cut
/// short. `Err` when `at` does not start one.
fn one_sequence(text: &str, at: usize) -> Result<(usize, Option<char>), ()> {
    let mut chars = text[at..].chars();
    let lead = chars.next().ok_or(())?;
    let lead_byte = source_byte(lead).ok_or(())?;
    let needed = continuation_count(lead_byte).ok_or(())?;
    let mut bytes = vec![lead_byte];
    let mut len = lead.len_utf8();
    for c in chars.take(needed) {
        match source_byte(c) {
            Some(b @ 0x80..=0xBF) => {
                bytes.push(b);
                len += c.len_utf8();
            }
            _ => break,
        }
    }
    if bytes.len() == needed + 1 {
        let decoded = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|s| s.chars().next())
            .filter(|&d| plausible(d, bytes.len()))
            .ok_or(())?;
        return Ok((len, Some(decoded)));
    }
    // "â€" then a space: a quotation mark or dash whose last byte was lost.
    if lead_byte == 0xE2 && bytes.get(1) == Some(&0x80) {
        return Ok((len, None));
    }
    Err(())
}

/// The mis-decoded stretch starting at `at`, if any: consecutive sequences
/// join, and text encoded twice is decoded again.
fn mis_decoded(text: &str, at: usize) -> Option<Found> {
    let mut end = at;
    let mut repaired = Some(String::new());
    while let Ok((len, decoded)) = one_sequence(text, end) {
        match (decoded, repaired.as_mut()) {
            (Some(c), Some(out)) => out.push(c),
            _ => repaired = None,
        }
        end += len;
        if text.len() == end {
            break;
        }
    }
    if end == at {
        return None;
    }
    // Undo a second layer ("Ã¢â‚¬â„¢" → "â€™" → "’").
    let repaired = repaired.map(|mut once| {
        for _ in 0..2 {
            match mis_decoded(&once, 0) {
                Some(Found {
                    span,
                    repaired: Some(again),
                }) if span.len() == once.len() => once = again,
                _ => break,
            }
        }
        once
    });
    Some(Found {
        span: Span::new(at, end),
        repaired,
    })
}

fn report(doc: &Document, found: Found) -> Diagnostic {
    let text = doc.slice(found.span);
    match found.repaired {
        Some(repaired) => {
            let shown = if repaired.chars().all(char::is_whitespace) {
                format!("{:?}", repaired)
            } else {
                repaired.clone()
            };
            Mojibake::META
                .diagnostic(
                    found.span,
                    format!("mis-decoded text `{text}` (UTF-8 read as Windows-1252)"),
                )
                .with_help(format!("it should read `{shown}`"))
                .with_fix(Fix::safe(
                    format!("Replace with `{shown}`"),
                    vec![Edit::replace(found.span, repaired)],
                ))
        }
        None => Mojibake::META
            .diagnostic(
                found.span,
                format!("mis-decoded text `{text}`: part of a quotation mark or dash was lost"),
            )
            .with_help("retype the quotation mark or dash that was meant here"),
    }
}

fn replacement_character(span: Span) -> Diagnostic {
    Mojibake::META
        .diagnostic(
            span,
            "replacement character `�`: a character was lost in decoding",
        )
        .with_help("retype the character from the original document")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn windows_1252_mojibake_is_repaired() {
        let text = "Xi Jinpingâ€™s â€œtwo establishmentsâ€\u{9d} in the cafÃ© â€” forÂ\u{a0}all.";
        assert_eq!(
            flagged(&Mojibake, text),
            vec!["â€™", "â€œ", "â€\u{9d}", "Ã©", "â€”", "Â\u{a0}"]
        );
        assert_safe_fix(
            &Mojibake,
            text,
            "Xi Jinping’s “two establishments” in the café — for\u{a0}all.",
        );
    }

    #[test]
    fn text_encoded_twice_is_decoded_twice() {
        assert_safe_fix(&Mojibake, "Jinpingâ€™s and Ã¢â‚¬â„¢", "Jinping’s and ’");
    }

    #[test]
    fn cut_short_sequences_and_replacement_characters_have_no_fix() {
        let found = lint(&Mojibake, "the â€ strategy and a lost � here");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn accented_words_are_not_mojibake() {
        assert_no_lints(
            &Mojibake,
            "São Paulo, Zürich, crème brûlée, ÉCOLE, Ölmühle, »ÖL«, Ça va, à la carte, naïve, Ångström, 3×½.",
        );
    }
}
