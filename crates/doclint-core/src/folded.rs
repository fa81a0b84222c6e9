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
    offsets: Vec<u32>,
    /// Where each paragraph of the document starts in `text`.
    paragraph_starts: Vec<u32>,
}

impl FoldedText {
    /// Builds the folded view of `doc`'s paragraphs.
    pub fn build(doc: &Document) -> Self {
        let source = doc.text();
        let mut folded = FoldedText {
            text: String::with_capacity(source.len()),
            offsets: Vec::with_capacity(source.len() + 1),
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
                        folded.text.push_str(piece);
                        folded
                            .offsets
                            .extend((0..piece.len() as u32).map(|offset| start + offset));
                    }
                }
                last_end = token.span.end;
            }
        }
        folded.offsets.push(last_end);
        folded
    }

    /// Pushes one folded character standing for original bytes from `start`.
    fn push(&mut self, c: char, start: u32) {
        self.text.push(c);
        self.offsets
            .extend(std::iter::repeat_n(start, c.len_utf8()));
    }

    /// The folded text: one line per paragraph.
    #[inline]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original bytes a folded range stands for. `range` must lie on
    /// character boundaries of [`FoldedText::text`].
    pub fn original_span(&self, range: Range<usize>) -> Span {
        let start = self.offsets.get(range.start).copied().unwrap_or(0);
        // A folded space or paragraph break is mapped to where the text
        // before it ends, so the next byte's offset is always the match's end.
        let end = self
            .offsets
            .get(range.end)
            .copied()
            .unwrap_or(start)
            .max(start);
        Span { start, end }
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

#[cfg(test)]
mod tests {
    use super::*;

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
