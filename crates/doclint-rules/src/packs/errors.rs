//! Errors in pack files, with the position of the offending value so that
//! they can be shown like any other diagnostic.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use doclint_core::{LineIndex, Location};

/// A secondary place related to a pack error ("first defined here").
#[derive(Clone, Debug)]
pub struct PackLabel {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub span: Range<usize>,
    pub message: String,
}

/// One problem in one pack file.
#[derive(Clone, Debug)]
pub struct PackError {
    pub path: PathBuf,
    /// The file's text, when it could be read.
    pub text: Option<Arc<str>>,
    /// Byte range of the offending value in `text`.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub labels: Vec<PackLabel>,
    pub notes: Vec<String>,
}

impl PackError {
    pub(crate) fn at(
        path: impl Into<PathBuf>,
        text: &Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = clamp(text, span);
        Self {
            path: path.into(),
            text: Some(text.clone()),
            span: Some(span),
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// An error about a whole file (it could not be read).
    pub(crate) fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: None,
            span: None,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn with_label(mut self, label: PackLabel) -> Self {
        self.labels.push(label);
        self
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The 1-based line and column of the error's start.
    pub fn location(&self) -> Option<Location> {
        let (text, span) = (self.text.as_deref()?, self.span.as_ref()?);
        Some(LineIndex::new(text).location(text, span.start))
    }
}

/// Keeps a span inside the text and on character boundaries.
fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(at) => write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                at.line,
                at.column,
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for PackError {}

/// Every problem found while loading a set of packs.
#[derive(Clone, Debug, Default)]
pub struct PackErrors(pub Vec<PackError>);

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PackErrors {}

impl From<PackError> for PackErrors {
    fn from(error: PackError) -> Self {
        PackErrors(vec![error])
    }
}
