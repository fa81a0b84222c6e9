//! Pack errors and failing pack examples, shown with the same renderer as
//! document problems: file:line:col, the offending line and a caret.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};
use doclint_rules::packs::{ExampleReport, PackErrors};

/// Prints every pack error, then a count.
pub fn print_errors(out: &mut dyn WriteColor, errors: &PackErrors) -> anyhow::Result<()> {
    let config = Config::default();
    let mut files = SimpleFiles::new();
    for error in &errors.0 {
        let (Some(text), Some(span)) = (&error.text, &error.span) else {
            writeln!(out, "error: {}: {}", error.path.display(), error.message)?;
            continue;
        };
        let file = files.add(error.path.display().to_string(), text.to_string());
        let mut labels = vec![Label::primary(file, span.clone())];
        for label in &error.labels {
            let other = if label.path == error.path {
                file
            } else {
                files.add(label.path.display().to_string(), label.text.to_string())
            };
            labels.push(Label::secondary(other, label.span.clone()).with_message(&label.message));
        }
        let diagnostic = CsDiagnostic::error()
            .with_code("pack")
            .with_message(&error.message)
            .with_labels(labels)
            .with_notes(error.notes.clone());
        term::emit(out, &config, &files, &diagnostic)?;
    }
    let n = errors.0.len();
    writeln!(
        out,
        "{n} error{} in rule packs; no file was checked.",
        if n == 1 { "" } else { "s" }
    )?;
    Ok(())
}

/// Prints each failing example at its place in its pack file, then a summary.
pub fn print_report(out: &mut dyn WriteColor, report: &ExampleReport) -> anyhow::Result<()> {
    let config = Config::default();
    let mut files = SimpleFiles::new();
    for failure in &report.failures {
        let file = files.add(
            failure.path.display().to_string(),
            failure.pack_text.to_string(),
        );
        let mut problem = failure.problem.lines();
        let headline = problem.next().unwrap_or("");
        let mut notes = vec![format!("example: {}", failure.example.trim_end())];
        notes.extend(problem.map(str::to_owned));
        let diagnostic = CsDiagnostic::error()
            .with_code(failure.rule.as_str())
            .with_message(format!("example of {} {headline}", failure.subject))
            .with_labels(vec![Label::primary(file, failure.span.clone())])
            .with_notes(notes);
        term::emit(out, &config, &files, &diagnostic)?;
    }
    let failed = report.failures.len();
    writeln!(
        out,
        "{} example{} of {} rule{} in {} file{}: {}.",
        report.examples,
        plural(report.examples),
        report.rules,
        plural(report.rules),
        report.files,
        plural(report.files),
        if failed == 0 {
            "all passed".to_owned()
        } else {
            format!("{failed} failed")
        }
    )?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
