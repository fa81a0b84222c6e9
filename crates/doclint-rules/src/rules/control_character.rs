use doclint_core::{Diagnostic, Document, Edit, Fix, Span};

use crate::capped::Capped;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags control characters and invisible bidirectional controls in the
    /// text: terminal escape sequences (`ESC [ 31 m`, `ESC ] 0 ; title BEL`),
    /// the other C0 and C1 control characters and DEL, and the embedding,
    /// override, isolate and mark characters of the Unicode bidirectional
    /// algorithm (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
    ///
    /// ## Why is this bad?
    /// None of them is visible, and none belongs in English prose. An escape
    /// sequence recolours, retitles or rewrites the terminal of whoever
    /// prints the file; a bidirectional override makes text display in an
    /// order other than the one it is stored in, so what a reviewer reads is
    /// not what the file says ("Trojan Source"). In translated pages they
    /// are debris of copied terminal output or of right-to-left markup.
    ///
    /// ## Example
    /// ```text
    /// The budget was approved␛[31m by the council.
    /// ```
    /// (where ␛ is the escape character U+001B). Use instead:
    /// ```text
    /// The budget was approved by the council.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the character (a whole escape sequence) is removed, as it was
    /// never visible. Unsafe instead when removing it would join two words
    /// ("word␇word": a space replaces it, for a reader to confirm), and for
    /// bidirectional controls in a paragraph that holds right-to-left
    /// letters (Hebrew, Arabic), where they may be deliberate. Tabs, line
    /// breaks (LF, CR, NEL) and form feeds (page breaks) are not flagged;
    /// the vertical tab belongs to `irregular-whitespace`.
    pub struct ControlCharacter {
        id: "control-character",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

/// What was found at one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    /// An escape sequence (CSI, OSC or a two-character one) or a lone ESC.
    Escape,
    /// Another C0 or C1 control character, or DEL.
    Control(char),
    /// A bidirectional embedding, override, isolate or mark.
    Bidi(char),
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// The control characters flagged: all of C0 but tab, line feed, form feed
/// and carriage return; DEL; C1 but NEL. (The vertical tab is a space to
/// `irregular-whitespace`, NEL a line break to the document model.)
fn is_flagged_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}')
}

/// The length of the escape sequence at `text[at..]` (which starts with
/// ESC): a CSI sequence (`ESC [` parameters, intermediates, a final byte),
/// an OSC or other string sequence ended by BEL or `ESC \` (or by the end
/// of the line), a two-character sequence, or a lone ESC.
fn escape_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(1) {
        Some(b'[') => {
            let mut end = 2;
            while bytes.get(end).is_some_and(|b| (0x30..=0x3F).contains(b)) {
                end += 1;
            }
            while bytes.get(end).is_some_and(|b| (0x20..=0x2F).contains(b)) {
                end += 1;
            }
            match bytes.get(end) {
                Some(b) if (0x40..=0x7E).contains(b) => end + 1,
                _ => end,
            }
        }
        // OSC, DCS, SOS, PM, APC: a string up to its terminator.
        Some(b']' | b'P' | b'X' | b'^' | b'_') => {
            let mut end = 2;
            while let Some(&b) = bytes.get(end) {
                match b {
                    0x07 => return end + 1,
                    0x1B if bytes.get(end + 1) == Some(&b'\\') => return end + 2,
                    b'\n' | b'\r' | 0x1B => return end,
                    _ => end += 1,
                }
            }
            end
        }
        Some(b) if (0x20..=0x7E).contains(b) => 2,
        _ => 1,
    }
}

/// Every flagged place in `text`, with its byte span.
fn scan(text: &str) -> Vec<(Span, Found)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // Most bytes cannot start a flagged character: skip them without
        // decoding. (A continuation byte is never a start either, so a
        // sequence that ends inside a character resumes at the next one.)
        if !MAY_START_FLAGGED[usize::from(byte)] {
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            at += 1;
            continue;
        };
        let (len, what) = if c == '\u{1B}' {
            (escape_len(&text[at..]), Found::Escape)
        } else if is_flagged_control(c) {
            (c.len_utf8(), Found::Control(c))
        } else if is_bidi_control(c) {
            (c.len_utf8(), Found::Bidi(c))
        } else {
            at += c.len_utf8();
            continue;
        };
        found.push((Span::new(at, at + len), what));
        at += len;
    }
    found
}

/// The first bytes of the characters [`scan`] flags: ASCII controls
/// (but tab, line feed, vertical tab, form feed, carriage return), DEL, and
/// the lead bytes of C1 controls (0xC2), U+061C (0xD8) and the bidi marks
/// from U+200E (0xE2).
const MAY_START_FLAGGED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b, 0x09..=0x0D);
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xE2] = true;
    table
};

fn describe(what: Found) -> String {
    match what {
        Found::Escape => "a terminal escape sequence".to_owned(),
        Found::Control(c) => format!("the control character U+{:04X}", c as u32),
        Found::Bidi(c) => {
            let name = match c {
                '\u{202A}' => "left-to-right embedding",
                '\u{202B}' => "right-to-left embedding",
                '\u{202C}' => "pop directional formatting",
                '\u{202D}' => "left-to-right override",
                '\u{202E}' => "right-to-left override",
                '\u{2066}' => "left-to-right isolate",
                '\u{2067}' => "right-to-left isolate",
                '\u{2068}' => "first strong isolate",
                '\u{2069}' => "pop directional isolate",
                '\u{200E}' => "left-to-right mark",
                '\u{200F}' => "right-to-left mark",
                _ => "Arabic letter mark",
            };
            format!("an invisible {name} (U+{:04X})", c as u32)
        }
    }
}

/// Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
fn has_right_to_left(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
            && c.is_alphabetic()
    })
}

/// The line (between line breaks) around `span`.
fn line_around(text: &str, span: Span) -> &str {
    let start = text[..span.start()]
        .rfind(['\n', '\r'])
        .map_or(0, |at| at + 1);
    let end = text[span.end()..]
        .find(['\n', '\r'])
        .map_or(text.len(), |at| span.end() + at);
    &text[start..end]
}

impl Rule for ControlCharacter {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let mut out = Capped::new(out);
        for (span, what) in scan(text) {
            let before = text[..span.start()].chars().next_back();
            let after = text[span.end()..].chars().next();
            let joins_words = before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            let fix = match what {
                Found::Bidi(_) if has_right_to_left(line_around(text, span)) => {
                    Fix::unsafe_("Remove the invisible character", vec![Edit::delete(span)])
                }
                Found::Control(_) if joins_words => Fix::unsafe_(
                    "Replace the control character with a space",
                    vec![Edit::replace(span, " ")],
                ),
                Found::Escape => Fix::safe("Remove the escape sequence", vec![Edit::delete(span)]),
                _ => Fix::safe("Remove the invisible character", vec![Edit::delete(span)]),
            };
            let help = match what {
                Found::Bidi(_) => "it changes the order in which the text is displayed; remove it",
                _ => "it is invisible, and a terminal acts on it; remove it",
            };
            out.push(
                Self::META
                    .diagnostic(span, format!("{} in the text", describe(what)))
                    .with_help(help)
                    .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use doclint_core::Applicability;

    use super::*;
    use crate::test_utils::*;

    /// The byte prefilter finds what decoding every character finds: every
    /// character up to U+3000 between letters, escape sequences and one
    /// cut short inside a multi-byte character.
    #[test]
    fn prefilter_finds_what_a_scan_of_every_character_finds() {
        fn every_character(text: &str) -> Vec<(Span, Found)> {
            let mut found = Vec::new();
            let mut resume = 0;
            for (at, c) in text.char_indices() {
                if at < resume {
                    continue;
                }
                let (len, what) = if c == '\u{1B}' {
                    (escape_len(&text[at..]), Found::Escape)
                } else if is_flagged_control(c) {
                    (c.len_utf8(), Found::Control(c))
                } else if is_bidi_control(c) {
                    (c.len_utf8(), Found::Bidi(c))
                } else {
                    continue;
                };
                found.push((Span::new(at, at + len), what));
                resume = at + len;
            }
            found
        }
        let mut text: String = (0..0x3000u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'a'])
            .collect();
        text.push_str("x\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{7}ok \u{1B}é\u{1B}[1é");
        let found = scan(&text);
        assert!(found.len() > 60, "{}", found.len());
        assert_eq!(found, every_character(&text));
    }

    #[test]
    fn escape_sequences_are_flagged_whole_and_removed() {
        let text = "The budget\u{1b}[31m was approved.\u{1b}]0;pwned\u{7} Then \u{1b}[0m.";
        assert_eq!(
            flagged(&ControlCharacter, text),
            vec!["\u{1b}[31m", "\u{1b}]0;pwned\u{7}", "\u{1b}[0m"]
        );
        assert_safe_fix(&ControlCharacter, text, "The budget was approved. Then .");
    }

    #[test]
    fn bidirectional_overrides_in_english_are_removed() {
        let text = "Access is granted \u{202E}nimda\u{202C} only to staff.";
        assert_eq!(
            flagged(&ControlCharacter, text),
            vec!["\u{202E}", "\u{202C}"]
        );
        assert_safe_fix(
            &ControlCharacter,
            text,
            "Access is granted nimda only to staff.",
        );
        let isolate = "He said \u{2066}yes\u{2069}.";
        assert_safe_fix(&ControlCharacter, isolate, "He said yes.");
    }

    #[test]
    fn bidirectional_marks_beside_right_to_left_text_need_a_reader() {
        let text = "The sign read \u{05E9}\u{05DC}\u{05D5}\u{05DD}\u{200F} in Hebrew.";
        let found = lint(&ControlCharacter, text);
        assert_eq!(found.len(), 1);
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
    }

    #[test]
    fn a_control_between_words_becomes_a_space_for_a_reader() {
        let text = "The first\u{7}second line.";
        assert_eq!(flagged(&ControlCharacter, text), vec!["\u{7}"]);
        assert_safe_fix(&ControlCharacter, text, text);
        assert_unsafe_fix(&ControlCharacter, text, "The first second line.");
        // DEL and a C1 control after a space are simply removed.
        assert_safe_fix(&ControlCharacter, "A \u{7f}B and \u{9b}C.", "A B and C.");
    }

    #[test]
    fn tabs_line_breaks_and_page_breaks_are_quiet() {
        assert_no_lints(
            &ControlCharacter,
            "Name\tValue\r\nNext line.\n\u{0C}\nPage\u{0B}two, and \u{2014} a dash, \u{201C}quotes\u{201D}.",
        );
        // Right-to-left text without controls is quiet too.
        assert_no_lints(
            &ControlCharacter,
            "The word \u{0633}\u{0644}\u{0627}\u{0645} means peace.",
        );
    }

    #[test]
    fn an_unterminated_string_sequence_ends_at_the_line() {
        let text = "Title \u{1b}]0;never ended, “quoted”\nNext line.";
        assert_eq!(
            flagged(&ControlCharacter, text),
            vec!["\u{1b}]0;never ended, “quoted”"]
        );
    }
}
