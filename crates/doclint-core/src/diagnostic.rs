use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fix::Fix;
use crate::span::Span;

/// Index of a file in one run, for labels that point into another file.
pub type FileId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based line and column (columns in Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanLocation {
    pub start: Location,
    pub end: Location,
}

/// A secondary place related to a diagnostic ("first written here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub message: String,
    pub span: Span,
    /// Set when the place is in another file of the run; its position is then
    /// resolved by the rule that knew that file, since its text may be gone.
    pub file: Option<FileId>,
    pub location: Option<SpanLocation>,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            span,
            file: None,
            location: None,
        }
    }

    /// A label in another file whose position is already known.
    pub fn in_file(
        file: FileId,
        span: Span,
        location: SpanLocation,
        message: impl Into<String>,
    ) -> Self {
        Self {
            message: message.into(),
            span,
            file: Some(file),
            location: Some(location),
        }
    }
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Kebab-case rule id; pack rules are namespaced (`pack/rule`).
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<Cow<'static, str>>,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule: rule.into(),
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
