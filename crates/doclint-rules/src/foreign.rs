//! Stretches of text in a script other than Latin ("市委", "Москва"), shared
//! by `untranslated-text` (which reports them) and `fullwidth-punctuation`
//! (which leaves the punctuation inside them alone).

use doclint_core::{Document, Span, TokenKind};
use whatlang::Script;

/// A run of non-Latin letters, with the ideographic punctuation, spaces and
/// digits between and right after them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ForeignRun {
    pub span: Span,
    pub script: Script,
    /// Non-Latin letters in the run.
    pub letters: usize,
    pub paragraph: usize,
}

/// The script of a letter that is not Latin, if it has one whatlang knows.
pub(crate) fn foreign_script(c: char) -> Option<Script> {
    // Latin, Latin-1, Latin Extended and IPA letters, and everything that
    // is not a letter.
    if c <= '\u{2AF}' || !c.is_alphabetic() {
        return None;
    }
    // Full-width Latin letters (ＣＰＣ) are Latin; `fullwidth-punctuation`
    // reports them.
    if matches!(c, '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}') {
        return None;
    }
    // The common case in machine-translated Chinese news, without a lookup.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return Some(Script::Mandarin);
    }
    let mut buf = [0u8; 4];
    whatlang::detect_script(c.encode_utf8(&mut buf)).filter(|s| *s != Script::Latin)
}

/// Ideographic and full-width punctuation that travels with CJK text.
pub(crate) fn is_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}'
        | '\u{30FB}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
    )
}

/// Opening brackets and quotes that may start a run ("（市委）").
fn is_cjk_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '《' | '〈' | '〔' | '〖' | '〘' | '〚' | '［' | '｛' | '｟'
    )
}

/// A short name for a script in messages.
pub(crate) fn script_name(script: Script) -> &'static str {
    match script {
        Script::Mandarin => "Chinese",
        Script::Hiragana | Script::Katakana => "Japanese",
        Script::Hangul => "Korean",
        Script::Cyrillic => "Cyrillic",
        Script::Greek => "Greek",
        Script::Arabic => "Arabic",
        Script::Hebrew => "Hebrew",
        Script::Thai => "Thai",
        Script::Devanagari => "Devanagari",
        Script::Armenian => "Armenian",
        Script::Georgian => "Georgian",
        Script::Ethiopic => "Ethiopic",
        Script::Bengali => "Bengali",
        Script::Gujarati => "Gujarati",
        Script::Gurmukhi => "Gurmukhi",
        Script::Kannada => "Kannada",
        Script::Khmer => "Khmer",
        Script::Malayalam => "Malayalam",
        Script::Myanmar => "Myanmar",
        Script::Oriya => "Oriya",
        Script::Sinhala => "Sinhala",
        Script::Tamil => "Tamil",
        Script::Telugu => "Telugu",
        Script::Latin => "Latin",
    }
}

/// Whether `text` has a non-Latin letter at all: a scan that skips ASCII
/// a block at a time, so English documents cost almost nothing.
pub(crate) fn has_foreign_letter(text: &str) -> bool {
    const BLOCK: usize = 4096;
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + BLOCK).min(bytes.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let block = &text[start..end];
        if !block.is_ascii() && block.chars().any(|c| foreign_script(c).is_some()) {
            return true;
        }
        start = end;
    }
    false
}

/// Every run of non-Latin script in `doc`'s prose, in text order.
pub(crate) fn foreign_runs(doc: &Document) -> Vec<ForeignRun> {
    let text = doc.text();
    let mut runs = Vec::new();
    if !has_foreign_letter(text) {
        return runs;
    }
    for (p, paragraph) in doc.paragraphs().iter().enumerate() {
        let mut current: Option<ForeignRun> = None;
        // An opening bracket that may start the next run.
        let mut opener: Option<Span> = None;
        for token in doc.tokens_in(&paragraph.tokens) {
            let slice = &text[token.span.range()];
            match token.kind {
                TokenKind::Word if !slice.is_ascii() => {
                    let mut first = None;
                    let mut last = token.span.start();
                    let mut letters = 0;
                    let mut script = None;
                    for (i, c) in slice.char_indices() {
                        if let Some(s) = foreign_script(c) {
                            let at = token.span.start() + i;
                            first.get_or_insert(at);
                            last = at + c.len_utf8();
                            letters += 1;
                            if script.is_none() || (is_kana(s) && !script.is_some_and(is_kana)) {
                                script = Some(s);
                            }
                        }
                    }
                    let (Some(first), Some(script)) = (first, script) else {
                        close(&mut current, &mut runs);
                        opener = None;
                        continue;
                    };
                    // A word that mixes scripts ends or starts a run at its
                    // foreign letters.
                    let starts_clean = first == token.span.start();
                    match current.as_mut() {
                        Some(run) if starts_clean => {
                            run.span.end = last as u32;
                            run.letters += letters;
                            if is_kana(script) {
                                run.script = script;
                            }
                        }
                        _ => {
                            close(&mut current, &mut runs);
                            let start =
                                opener.filter(|_| starts_clean).map_or(first, |o| o.start());
                            current = Some(ForeignRun {
                                span: Span::new(start, last),
                                script,
                                letters,
                                paragraph: p,
                            });
                        }
                    }
                    if last != token.span.end() {
                        close(&mut current, &mut runs);
                    }
                    opener = None;
                }
                TokenKind::Punct | TokenKind::Symbol
                    if slice.chars().next().is_some_and(is_cjk_punctuation) =>
                {
                    let c = slice.chars().next().unwrap_or(' ');
                    if let Some(run) = current.as_mut() {
                        if is_cjk_opening(c) {
                            close(&mut current, &mut runs);
                            opener = Some(token.span);
                        } else {
                            run.span.end = token.span.end;
                        }
                    } else if is_cjk_opening(c) {
                        opener = Some(token.span);
                    } else {
                        opener = None;
                    }
                }
                // Spaces and digits inside CJK text do not end a run.
                TokenKind::Space | TokenKind::Number if current.is_some() => {}
                TokenKind::Space if opener.is_some() => {}
                _ => {
                    close(&mut current, &mut runs);
                    opener = None;
                }
            }
        }
        close(&mut current, &mut runs);
    }
    runs
}

/// Kana mark a run as Japanese even when it starts with kanji.
fn is_kana(script: Script) -> bool {
    matches!(script, Script::Hiragana | Script::Katakana)
}

fn close(current: &mut Option<ForeignRun>, runs: &mut Vec<ForeignRun>) {
    if let Some(run) = current.take() {
        runs.push(run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(&str, Script, usize)> {
        let doc = Document::from_text(text);
        foreign_runs(&doc)
            .into_iter()
            .map(|r| (&text[r.span.range()], r.script, r.letters))
            .collect()
    }

    #[test]
    fn runs_take_ideographic_punctuation_and_brackets() {
        assert_eq!(
            runs("The committee (市委) met. 中共大连市委，召开 2 次会议。Then it ended."),
            vec![
                ("市委", Script::Mandarin, 2),
                ("中共大连市委，召开 2 次会议。", Script::Mandarin, 11),
            ]
        );
        assert_eq!(
            runs("Dalian（大连）is a city."),
            vec![("（大连）", Script::Mandarin, 2)]
        );
    }

    #[test]
    fn latin_letters_and_symbols_are_not_foreign() {
        assert!(runs("Café Zürich, São Paulo, Łódź, 5 µm, the ﬁnal ½ and Jinping’s.").is_empty());
    }

    #[test]
    fn other_scripts_and_look_alikes() {
        assert_eq!(
            runs("In Москва and Сommittee, 日本語とカタカナ, 한국어."),
            vec![
                ("Москва", Script::Cyrillic, 6),
                ("С", Script::Cyrillic, 1),
                ("日本語とカタカナ", Script::Hiragana, 8),
                ("한국어", Script::Hangul, 3),
            ]
        );
    }
}
