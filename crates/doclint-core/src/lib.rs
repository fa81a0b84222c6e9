//! The document model of doclint.
//!
//! A [`Document`] is built once per file: lines, paragraphs, the header block,
//! sentences, word and punctuation tokens and paired quotation marks, each with
//! a byte [`Span`] into the file's original bytes. Rules read these facts and
//! never re-scan the raw text for them. [`Diagnostic`], [`Fix`] and
//! [`apply_fixes`] are the values rules hand back.
//!
//! This crate never prints.

mod diagnostic;
mod document;
mod fix;
mod folded;
mod line_index;
mod load;
mod markdown;
mod quotes;
mod span;
mod token;

pub use diagnostic::{Diagnostic, FileId, Label, Location, Severity, SpanLocation};
pub use document::{
    Document, DocumentKind, Line, LineKind, Paragraph, Sentence, SENTENCE_ABBREVIATIONS,
};
pub use fix::{apply_fixes, Applicability, Edit, Fix, FixOutcome};
pub use folded::{FoldedText, FOLDED_NON_PROSE};
pub use line_index::LineIndex;
pub use load::{
    decode, read_small_file, LineEnding, LoadError, SmallFileError, SourceText, MAX_FILE_SIZE,
};
pub use markdown::BlockKind;
pub use quotes::{starts_with_elided_word, Quote, QuoteKind, QuoteRole, QuoteStyle};
pub use span::Span;
pub use token::{is_irregular_space, strip_possessive, Token, TokenKind, WordShape};
