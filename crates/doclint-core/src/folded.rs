//! The prose of a document folded for phrase and pattern matching.
//!
//! Rule packs match listed phrases and regular expressions against running
//! text. Written one way in a pack ("never forget the original heart"), a
//! phrase can appear in a file wrapped over two lines, with a double space,
//! or with a typographic apostrophe. Matching against this folded view finds
//! all of them, and [`FoldedText::original_span`] maps a match back to the
//! file's bytes.

use std::ops::Range;

use crate::document::Document;
use crate::span::Span;
use crate::token::TokenKind;

/// Stands for a stretch of non-prose text (inline code, HTML) inside a
/// paragraph, so that no phrase matches across it.
pub const FOLDED_NON_PROSE: char = '\u{FFFC}';

/// The paragraphs of a document, one per line (`\n` between them), each
/// with its white space runs and line breaks folded to one ASCII space,
/// typographic apostrophes inside words folded to `'`, and the Unicode
/// hyphens U+2010/U+2011 folded to `-`. Case is kept.
#[derive(Clone, Debug, Default)]
pub struct FoldedText {
    text: String,
    /// The original offset of each byte of `text`, plus one past the end.
    offsets: OffsetMap,
    /// Where each paragraph of the document starts in `text`.
    paragraph_starts: Vec<u32>,
}

impl FoldedText {
    /// Builds the folded view of `doc`'s paragraphs.
    pub fn build(doc: &Document) -> Self {
        let source = doc.text();
        let mut folded = FoldedText {
            text: String::with_capacity(source.len()),
            offsets: OffsetMap::default(),
            paragraph_starts: Vec::with_capacity(doc.paragraphs().len()),
        };
        let mut last_end = 0u32;
        for (i, paragraph) in doc.paragraphs().iter().enumerate() {
            if i > 0 {
                folded.push('\n', last_end);
            }
            let paragraph_start = folded.text.len();
            folded.paragraph_starts.push(paragraph_start as u32);
            let mut pending_space: Option<u32> = None;
            for token in doc.tokens_in(&paragraph.tokens) {
                let start = token.span.start;
                match token.kind {
                    TokenKind::Space | TokenKind::Newline => {
                        if folded.text.len() > paragraph_start && pending_space.is_none() {
                            pending_space = Some(start);
                        }
                        continue;
                    }
                    _ => {}
                }
                if let Some(space) = pending_space.take() {
                    folded.push(' ', space);
                }
                let piece = token.text(source);
                match token.kind {
                    TokenKind::Code => folded.push(FOLDED_NON_PROSE, start),
                    TokenKind::Word if piece.contains('\u{2019}') => {
                        for (offset, c) in piece.char_indices() {
                            let c = if c == '\u{2019}' { '\'' } else { c };
                            folded.push(c, start + offset as u32);
                        }
                    }
                    TokenKind::Punct if matches!(piece, "\u{2010}" | "\u{2011}") => {
                        folded.push('-', start);
                    }
                    _ => {
                        folded.offsets.push_run(folded.text.len(), start, false);
                        folded.text.push_str(piece);
                    }
                }
                last_end = token.span.end;
            }
        }
        folded.offsets.push_run(folded.text.len(), last_end, false);
        folded.offsets.runs.shrink_to_fit();
        folded
    }

    /// Pushes one folded character standing for original bytes from `start`.
    fn push(&mut self, c: char, start: u32) {
        // A one-byte character is a run of one byte, which may extend the
        // run before it; a longer one maps every byte to `start`.
        self.offsets
            .push_run(self.text.len(), start, c.len_utf8() > 1);
        self.text.push(c);
    }

    /// The folded text: one line per paragraph.
    #[inline]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original bytes a folded range stands for. `range` must lie on
    /// character boundaries of [`FoldedText::text`].
    pub fn original_span(&self, range: Range<usize>) -> Span {
        let start = self.original_offset(range.start).unwrap_or(0);
        // A folded space or paragraph break is mapped to where the text
        // before it ends, so the next byte's offset is always the match's end.
        let end = self.original_offset(range.end).unwrap_or(start).max(start);
        Span { start, end }
    }

    /// The original offset of folded byte `at` (`at` may be one past the
    /// end of the text); `None` beyond that.
    fn original_offset(&self, at: usize) -> Option<u32> {
        if at > self.text.len() {
            return None;
        }
        self.offsets.get(at)
    }

    /// The index of the paragraph holding the folded offset `offset`.
    pub fn paragraph_at(&self, offset: usize) -> usize {
        self.paragraph_starts
            .partition_point(|&start| start as usize <= offset)
            .saturating_sub(1)
    }

    /// Where paragraph `index` starts in the folded text.
    pub fn paragraph_start(&self, index: usize) -> Option<usize> {
        self.paragraph_starts
            .get(index)
            .map(|&start| start as usize)
    }
}

/// The original offset of every folded byte, kept as runs: a run maps
/// consecutive folded bytes to consecutive original bytes (text copied as
/// it is) or every byte to one offset (a character standing for several).
/// Running text copies long stretches unchanged, so a document needs a few
/// runs per paragraph instead of four bytes per byte of text.
#[derive(Clone, Debug, Default)]
struct OffsetMap {
    runs: Vec<OffsetRun>,
}

#[derive(Clone, Copy, Debug)]
struct OffsetRun {
    /// The first folded byte of the run.
    folded: u32,
    /// The original offset of that byte.
    original: u32,
    /// Every byte of the run maps to `original`.
    constant: bool,
}

impl OffsetMap {
    /// Starts a run at folded byte `folded` standing for original bytes
    /// from `original`, unless the last run already continues that way.
    fn push_run(&mut self, folded: usize, original: u32, constant: bool) {
        let folded = folded as u32;
        if let Some(last) = self.runs.last() {
            if !constant && !last.constant && last.original + (folded - last.folded) == original {
                return;
            }
        }
        self.runs.push(OffsetRun {
            folded,
            original,
            constant,
        });
    }

    /// The original offset of folded byte `at`, for `at` up to the end
    /// offset pushed last.
    fn get(&self, at: usize) -> Option<u32> {
        let at = u32::try_from(at).ok()?;
        let index = self.runs.partition_point(|run| run.folded <= at);
        let run = self.runs.get(index.checked_sub(1)?)?;
        Some(if run.constant {
            run.original
        } else {
            run.original + (at - run.folded)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The offsets as one entry per folded byte, built the simple way (as
    /// they were stored before the runs).
    fn offsets_byte_by_byte(doc: &Document) -> Vec<u32> {
        let source = doc.text();
        let mut text_len = 0usize;
        let mut offsets = Vec::new();
        let mut push = |offsets: &mut Vec<u32>, len: usize, start: u32, constant: bool| {
            offsets.extend((0..len as u32).map(|k| if constant { start } else { start + k }));
            text_len += len;
            text_len
        };
        let mut last_end = 0u32;
        for (i, paragraph) in doc.paragraphs().iter().enumerate() {
            let mut paragraph_start = offsets.len();
            if i > 0 {
                paragraph_start = push(&mut offsets, 1, last_end, true);
            }
            let mut pending_space: Option<u32> = None;
            for token in doc.tokens_in(&paragraph.tokens) {
                let start = token.span.start;
                if token.is_blank() {
                    if offsets.len() > paragraph_start && pending_space.is_none() {
                        pending_space = Some(start);
                    }
                    continue;
                }
                if let Some(space) = pending_space.take() {
                    push(&mut offsets, 1, space, true);
                }
                let piece = token.text(source);
                match token.kind {
                    TokenKind::Code => {
                        push(&mut offsets, FOLDED_NON_PROSE.len_utf8(), start, true);
                    }
                    TokenKind::Word if piece.contains('\u{2019}') => {
                        for (offset, c) in piece.char_indices() {
                            let len = if c == '\u{2019}' { 1 } else { c.len_utf8() };
                            push(&mut offsets, len, start + offset as u32, true);
                        }
                    }
                    TokenKind::Punct if matches!(piece, "\u{2010}" | "\u{2011}") => {
                        push(&mut offsets, 1, start, true);
                    }
                    _ => {
                        push(&mut offsets, piece.len(), start, false);
                    }
                }
                last_end = token.span.end;
            }
        }
        offsets.push(last_end);
        offsets
    }

    #[test]
    fn offset_runs_match_one_offset_per_byte() {
        let texts = [
            "Title line\n\nWe must never  forget the\noriginal heart of Xi\u{2019}s team.\n",
            "A grass\u{2010}roots effort,\u{a0}\u{a0}caf\u{e9} d\u{e9}j\u{e0} vu.\r\n\r\nNext \u{2019}para\u{2019}\u{2019}s\u{2019} end",
            "# Head\n\nSome `code  here` and <b>html</b> \u{6587}\u{5b57} text.\n\n```\nblock\n```\n\nTail.",
            "",
            "   \n\n  x  ",
        ];
        for (n, text) in texts.iter().enumerate() {
            let kind = if n == 2 {
                crate::DocumentKind::Markdown
            } else {
                crate::DocumentKind::PlainText
            };
            let source = crate::load::decode(text.as_bytes().to_vec()).expect("valid");
            let doc = Document::new(source, kind);
            let folded = doc.folded();
            let expected = offsets_byte_by_byte(&doc);
            assert_eq!(expected.len(), folded.text().len() + 1, "{text:?}");
            for (at, &offset) in expected.iter().enumerate() {
                assert_eq!(folded.original_offset(at), Some(offset), "{text:?} at {at}");
            }
            assert_eq!(folded.original_offset(expected.len()), None);
        }
    }

    fn original<'a>(doc: &'a Document, folded: &FoldedText, needle: &str) -> &'a str {
        let at = folded.text().find(needle).expect("needle in folded text");
        doc.slice(folded.original_span(at..at + needle.len()))
    }

    #[test]
    fn folds_wrapped_lines_runs_of_space_and_apostrophes() {
        let doc = Document::from_text(
            "Title line\n\nWe must never  forget the\noriginal heart of Xi\u{2019}s team.\n",
        );
        let folded = doc.folded();
        assert_eq!(
            folded.text(),
            "Title line\nWe must never forget the original heart of Xi's team."
        );
        assert_eq!(
            original(&doc, folded, "never forget the original heart"),
            "never  forget the\noriginal heart"
        );
        assert_eq!(original(&doc, folded, "Xi's"), "Xi\u{2019}s");
        assert_eq!(original(&doc, folded, "Xi"), "Xi");
        assert_eq!(original(&doc, folded, "team."), "team.");
        assert_eq!(original(&doc, folded, "line"), "line");
        assert_eq!(folded.paragraph_at(3), 0);
        assert_eq!(
            folded.paragraph_at(folded.text().find("We").unwrap_or(0)),
            1
        );
    }

    #[test]
    fn trailing_and_leading_space_is_dropped() {
        let doc = Document::from_text("  Indented text here.   \n");
        assert_eq!(doc.folded().text(), "Indented text here.");
        assert_eq!(original(&doc, doc.folded(), "here."), "here.");
    }

    #[test]
    fn memo_computes_once_per_key() {
        let doc = Document::from_text("Some text.");
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let count = |d: &Document| {
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            d.text().len()
        };
        assert_eq!(*doc.memo(1, count), 10);
        assert_eq!(*doc.memo(1, count), 10);
        assert_eq!(*doc.memo(2, |_| "other"), "other");
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 1);
    }

    #[test]
    fn unicode_hyphen_folds_to_ascii() {
        let doc = Document::from_text("A grass\u{2010}roots effort.");
        assert_eq!(doc.folded().text(), "A grass-roots effort.");
        assert_eq!(
            original(&doc, doc.folded(), "grass-roots"),
            "grass\u{2010}roots"
        );
    }
}
