//! `--format json`: one object on stdout, a stable contract (see README).

use std::io::Write;

use doclint_core::{Applicability, Severity};
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

fn diagnostic<'a>(files: &[CheckedFile], path: &str, reported: &'a Reported) -> JsonDiagnostic<'a> {
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
                path: place
                    .file
                    .and_then(|file| files.get(file as usize))
                    .map(|file| file.path.display().to_string()),
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

pub fn print(out: &mut dyn Write, files: &[CheckedFile]) -> std::io::Result<()> {
    let summary = Summary::of(files);
    let mut diagnostics = Vec::with_capacity(summary.diagnostics);
    for file in files {
        let path = file.path.display().to_string();
        diagnostics.extend(
            file.diagnostics()
                .iter()
                .map(|r| diagnostic(files, &path, r)),
        );
    }
    let output = Output {
        version: 1,
        diagnostics,
        summary: JsonSummary {
            files: summary.files,
            diagnostics: summary.diagnostics,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            fixable: summary.fixable,
        },
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}
