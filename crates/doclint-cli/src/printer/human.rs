//! The default output: compiler-style diagnostics via codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};
use doclint_core::{Applicability, FileId, Severity};

use super::Summary;
use crate::run::{CheckedFile, FileOutcome};

fn severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

// The whole-run path, for --fix/--diff; `doclint check` streams.
/// Prints every diagnostic with its source line, then the summary line.
pub fn print(out: &mut dyn WriteColor, files: &[CheckedFile]) -> anyhow::Result<()> {
    print_diagnostics(out, files)?;
    writeln!(out, "{}", Summary::of(files).line())?;
    Ok(())
}

/// Prints every diagnostic with its source line.
pub fn print_diagnostics(out: &mut dyn WriteColor, files: &[CheckedFile]) -> anyhow::Result<()> {
    let config = Config::default();
    let path_of = |id: FileId| {
        files
            .get(id as usize)
            .map(|file| file.path.display().to_string())
    };
    for file in files {
        emit_file(out, &config, &path_of, file)?;
    }
    Ok(())
}

/// Prints one file's diagnostics with their source lines.
pub fn emit_file(
    out: &mut dyn WriteColor,
    config: &Config,
    path_of: &dyn Fn(FileId) -> Option<String>,
    file: &CheckedFile,
) -> anyhow::Result<()> {
    let FileOutcome::Checked {
        diagnostics,
        source,
    } = &file.outcome
    else {
        return Ok(());
    };
    if diagnostics.is_empty() {
        return Ok(());
    }
    let text = source.as_deref().unwrap_or("");
    let name = file.path.display().to_string();
    let simple = SimpleFile::new(name.as_str(), text);
    for reported in diagnostics {
        let d = &reported.diagnostic;
        let mut labels = vec![Label::primary((), d.span.range())];
        let mut notes = Vec::new();
        for (label, place) in d.labels.iter().zip(&reported.labels) {
            match place.file.and_then(path_of) {
                Some(other) => notes.push(format!(
                    "{}: {}:{}:{}",
                    label.message, other, place.location.start.line, place.location.start.column
                )),
                None => labels
                    .push(Label::secondary((), label.span.range()).with_message(&label.message)),
            }
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        if let Some(fix) = &d.fix {
            let how = match fix.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--fix --unsafe-fixes",
            };
            notes.push(format!("fix ({how}): {}", fix.title));
        }
        let diagnostic = CsDiagnostic::new(severity(d.severity))
            .with_code(d.rule.as_ref())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        term::emit(out, config, &simple, &diagnostic)?;
    }
    Ok(())
}
