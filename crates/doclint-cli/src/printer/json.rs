//! `--format json`: one object on stdout, a stable contract (see README).

use std::io::Write;

use doclint_core::{Applicability, FileId, Severity};
use serde::Serialize;

use super::Summary;
use crate::run::{CheckedFile, Reported};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: String,
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

fn diagnostic<'a>(
    path_of: &dyn Fn(FileId) -> Option<String>,
    path: &str,
    reported: &'a Reported,
) -> JsonDiagnostic<'a> {
    let d = &reported.diagnostic;
    JsonDiagnostic {
        rule: &d.rule,
        severity: d.severity,
        message: &d.message,
        path: path.to_owned(),
        span: span(d.span, reported.location),
        labels: d
            .labels
            .iter()
            .zip(&reported.labels)
            .map(|(label, place)| JsonLabel {
                message: &label.message,
                span: span(label.span, place.location),
                path: place.file.and_then(path_of),
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

fn json_summary(summary: &Summary) -> JsonSummary {
    JsonSummary {
        files: summary.files,
        diagnostics: summary.diagnostics,
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
        fixable: summary.fixable,
    }
}

// The whole-run path, for --fix/--diff; `doclint check` streams.
pub fn print(out: &mut dyn Write, files: &[CheckedFile]) -> std::io::Result<()> {
    let summary = Summary::of(files);
    let path_of = |id: FileId| {
        files
            .get(id as usize)
            .map(|file| file.path.display().to_string())
    };
    let mut diagnostics = Vec::with_capacity(summary.diagnostics);
    for file in files {
        let path = file.path.display().to_string();
        diagnostics.extend(
            file.diagnostics()
                .iter()
                .map(|r| diagnostic(&path_of, &path, r)),
        );
    }
    let output = Output {
        version: 1,
        diagnostics,
        summary: json_summary(&summary),
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}

/// The streaming form of [`print`], byte for byte the same object:
/// [`begin`], then [`file_diagnostics`] fragments joined by commas, then
/// [`finish`].
pub fn begin(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(br#"{"version":1,"diagnostics":["#)
}

/// One file's diagnostics as comma-separated JSON objects (nothing for a
/// file without any).
pub fn file_diagnostics(
    out: &mut Vec<u8>,
    path_of: &dyn Fn(FileId) -> Option<String>,
    file: &CheckedFile,
) -> std::io::Result<()> {
    let path = file.path.display().to_string();
    for (i, reported) in file.diagnostics().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut *out, &diagnostic(path_of, &path, reported))?;
    }
    Ok(())
}

pub fn finish(out: &mut dyn Write, summary: &Summary) -> std::io::Result<()> {
    out.write_all(br#"],"summary":"#)?;
    serde_json::to_writer(&mut *out, &json_summary(summary))?;
    out.write_all(b"}\n")
}
