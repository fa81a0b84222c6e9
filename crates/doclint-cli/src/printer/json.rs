//! `--format json`: one object on stdout, a stable contract (see README).

//!
//! Written as the files stream in: the `diagnostics` array is serialised
//! file by file and the summary, which follows it, from running counts.

use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;

use doclint_core::{Applicability, Severity};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::Summary;
use crate::run::{CheckedFile, FileOutcome, Reported};

#[derive(Serialize)]
#[serde(bound = "")]
struct Output<'a, I: Iterator<Item = CheckedFile>> {
    version: u32,
    diagnostics: Diagnostics<'a, I>,
    /// The files that could not be read or were skipped, after the
    /// diagnostics (collected as those stream past).
    unreadable: UnreadableField<'a>,
    summary: SummaryField<'a>,
}

/// A file that was not checked: its path and why.
#[derive(Serialize)]
struct Unreadable {
    path: String,
    message: String,
}

struct UnreadableField<'a>(&'a RefCell<Vec<Unreadable>>);

impl Serialize for UnreadableField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.borrow().serialize(serializer)
    }
}

/// Every diagnostic of the files `files` yields, counted into `summary` as
/// they are written.
struct Diagnostics<'a, I> {
    files: RefCell<I>,
    paths: &'a [PathBuf],
    summary: &'a RefCell<Summary>,
    unreadable: &'a RefCell<Vec<Unreadable>>,
}

impl<I: Iterator<Item = CheckedFile>> Serialize for Diagnostics<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut files = self.files.borrow_mut();
        for file in &mut *files {
            self.summary.borrow_mut().add_file(&file);
            let path = file.path.display().to_string();
            if let FileOutcome::Failed { message: reason } | FileOutcome::Skipped { reason } =
                &file.outcome
            {
                self.unreadable.borrow_mut().push(Unreadable {
                    path: path.clone(),
                    message: reason.clone(),
                });
            }
            for reported in file.diagnostics() {
                seq.serialize_element(&diagnostic(self.paths, &path, reported))?;
            }
        }
        seq.end()
    }
}

/// The summary, read once the diagnostics before it are written.
struct SummaryField<'a>(&'a RefCell<Summary>);

impl Serialize for SummaryField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let summary = self.0.borrow();
        JsonSummary {
            files: summary.files,
            diagnostics: summary.diagnostics,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            fixable: summary.fixable,
            unreadable: summary.failed_files,
        }
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    span: JsonSpan,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: u32,
    end: u32,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    span: JsonSpan,
    /// Present only when the label points into another file.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: u32,
    end: u32,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    diagnostics: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
    /// Files that could not be read or were skipped.
    unreadable: usize,
}

fn span(span: doclint_core::Span, location: doclint_core::SpanLocation) -> JsonSpan {
    JsonSpan {
        start: span.start,
        end: span.end,
        line: location.start.line,
        column: location.start.column,
        end_line: location.end.line,
        end_column: location.end.column,
    }
}

fn diagnostic<'a>(paths: &[PathBuf], path: &'a str, reported: &'a Reported) -> JsonDiagnostic<'a> {
    let d = &reported.diagnostic;
    JsonDiagnostic {
        rule: &d.rule,
        severity: d.severity,
        message: &d.message,
        path,
        span: span(d.span, reported.location),
        labels: d
            .labels
            .iter()
            .zip(&reported.labels)
            .map(|(label, place)| JsonLabel {
                message: &label.message,
                span: span(label.span, place.location),
                path: place
                    .file
                    .and_then(|file| paths.get(file as usize))
                    .map(|path| path.display().to_string()),
            })
            .collect(),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            title: &fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    start: edit.span.start,
                    end: edit.span.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
    }
}

/// Writes the report of `files`; `paths` are every input path, by file id
/// (labels in other files name theirs).
pub fn print(
    out: &mut dyn Write,
    files: impl Iterator<Item = CheckedFile>,
    paths: &[PathBuf],
) -> std::io::Result<()> {
    let summary = RefCell::new(Summary::default());
    let unreadable = RefCell::new(Vec::new());
    let output = Output {
        version: 1,
        diagnostics: Diagnostics {
            files: RefCell::new(files),
            paths,
            summary: &summary,
            unreadable: &unreadable,
        },
        unreadable: UnreadableField(&unreadable),
        summary: SummaryField(&summary),
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}
