//! The check pipeline: read, model, lint, gather corpus facts, decide.
//!
//! Files are processed in parallel and their text is dropped as soon as
//! their diagnostics are resolved to line/column (unless a printer needs the
//! source); corpus-level rules keep only their compact facts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use doclint_core::{
    decode, Diagnostic, Document, DocumentKind, FileId, LineIndex, SourceText, SpanLocation,
};
use doclint_rules::{Linter, RuleTiming};
use rayon::prelude::*;

use crate::timings::{Phase, Timings};
use crate::walk::describe_io_error;

/// A diagnostic with its positions resolved.
#[derive(Debug, Clone)]
pub struct Reported {
    pub diagnostic: Diagnostic,
    pub location: SpanLocation,
    /// One entry per label of `diagnostic`.
    pub labels: Vec<LabelPlace>,
}

#[derive(Debug, Clone)]
pub struct LabelPlace {
    /// The file the label points into, when it is not the diagnostic's own.
    pub file: Option<FileId>,
    pub location: SpanLocation,
}

#[derive(Debug)]
pub enum FileOutcome {
    Checked {
        diagnostics: Vec<Reported>,
        /// Kept only when a printer shows source lines.
        source: Option<Arc<str>>,
    },
    /// Not text (a NUL byte): skipped with a note.
    Skipped { reason: String },
    /// Could not be read or decoded.
    Failed { message: String },
}

#[derive(Debug)]
pub struct CheckedFile {
    pub path: PathBuf,
    pub outcome: FileOutcome,
}

impl CheckedFile {
    pub fn diagnostics(&self) -> &[Reported] {
        match &self.outcome {
            FileOutcome::Checked { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }
}

/// Reads and decodes one file.
pub fn load(path: &Path) -> Result<SourceText, String> {
    let bytes = std::fs::read(path).map_err(|err| {
        if path.is_dir() {
            "is a directory".to_owned()
        } else {
            describe_io_error(&err)
        }
    })?;
    decode(bytes).map_err(|err| err.to_string())
}

/// Resolves the positions of diagnostics in `doc`'s file.
pub fn resolve(text: &str, index: &LineIndex, diagnostics: Vec<Diagnostic>) -> Vec<Reported> {
    let place = |span: doclint_core::Span| SpanLocation {
        start: index.location(text, span.start()),
        end: index.location(text, span.end()),
    };
    diagnostics
        .into_iter()
        .map(|diagnostic| {
            let labels = diagnostic
                .labels
                .iter()
                .map(|label| match (label.file, label.location) {
                    (Some(file), Some(location)) => LabelPlace {
                        file: Some(file),
                        location,
                    },
                    _ => LabelPlace {
                        file: None,
                        location: place(label.span),
                    },
                })
                .collect();
            Reported {
                location: place(diagnostic.span),
                labels,
                diagnostic,
            }
        })
        .collect()
}

/// The facts one file contributes to corpus-level rules, one entry per rule.
pub type FileFacts = Vec<Option<doclint_rules::Facts>>;

/// Reads, models and checks one file; gathers its corpus facts when the
/// linter has corpus rules. `scratch` holds per-rule times between calls.
pub fn check_one(
    linter: &Linter,
    id: FileId,
    path: PathBuf,
    keep_source: bool,
    timings: Option<&Timings>,
    scratch: &mut Vec<RuleTiming>,
) -> (CheckedFile, Option<FileFacts>) {
    let source = match Timings::time(timings, Phase::Read, || load(&path)) {
        Ok(source) => source,
        Err(message) => {
            let outcome = if message.starts_with("binary file") {
                FileOutcome::Skipped { reason: message }
            } else {
                FileOutcome::Failed { message }
            };
            return (CheckedFile { path, outcome }, None);
        }
    };
    let doc = Timings::time(timings, Phase::Build, || {
        Document::new(source, DocumentKind::from_path(&path))
    });
    let corpus = linter.has_corpus_rules();
    let (diagnostics, facts) = match timings {
        Some(timings) => {
            let diagnostics = linter.check_timed(&doc, scratch);
            let facts = corpus.then(|| linter.gather_timed(id, &doc, scratch));
            timings.add_rules(scratch);
            (diagnostics, facts)
        }
        None => (linter.check(&doc), corpus.then(|| linter.gather(id, &doc))),
    };
    let reported = Timings::time(timings, Phase::Resolve, || {
        resolve(doc.text(), doc.line_index(), diagnostics)
    });
    let source = keep_source.then(|| Arc::from(doc.into_source().text));
    let outcome = FileOutcome::Checked {
        diagnostics: reported,
        source,
    };
    (CheckedFile { path, outcome }, facts)
}

// The whole-run path, for --fix/--diff; `doclint check` streams.
#[cfg_attr(not(test), allow(dead_code))]
/// Checks every file with `linter`, in parallel, keeping input order, and
/// keeps every result (for callers that need the whole run at once).
pub fn check_files(linter: &Linter, paths: Vec<PathBuf>, keep_source: bool) -> Vec<CheckedFile> {
    let corpus = linter.has_corpus_rules();
    let results: Vec<(CheckedFile, Option<FileFacts>)> = paths
        .into_par_iter()
        .enumerate()
        .map_init(Vec::new, |scratch, (id, path)| {
            check_one(linter, id as FileId, path, keep_source, None, scratch)
        })
        .collect();

    let mut files = Vec::with_capacity(results.len());
    let mut facts = Vec::new();
    for (id, (file, file_facts)) in results.into_iter().enumerate() {
        if let Some(file_facts) = file_facts {
            facts.push((id as FileId, file_facts));
        }
        files.push(file);
    }
    if corpus {
        add_corpus_findings(linter, facts, &mut files);
    }
    files
}

// The whole-run path, for --fix/--diff; `doclint check` streams.
#[cfg_attr(not(test), allow(dead_code))]
fn add_corpus_findings(
    linter: &Linter,
    facts: Vec<(FileId, FileFacts)>,
    files: &mut [CheckedFile],
) {
    let mut by_file: Vec<Vec<Diagnostic>> = files.iter().map(|_| Vec::new()).collect();
    for (file, diagnostic) in linter.decide(facts) {
        if let Some(slot) = by_file.get_mut(file as usize) {
            slot.push(diagnostic);
        }
    }
    for (file, found) in files.iter_mut().zip(by_file) {
        if found.is_empty() {
            continue;
        }
        let FileOutcome::Checked {
            diagnostics,
            source,
        } = &mut file.outcome
        else {
            continue;
        };
        // The text was dropped after the first phase; read it again to place
        // the (few) corpus-level findings.
        let text: Arc<str> = match source {
            Some(text) => text.clone(),
            None => match load(&file.path) {
                Ok(source) => Arc::from(source.text),
                Err(_) => continue,
            },
        };
        let index = LineIndex::new(&text);
        diagnostics.extend(resolve(&text, &index, found));
        diagnostics.sort_by(|a, b| {
            (
                a.diagnostic.span.start,
                a.diagnostic.span.end,
                &a.diagnostic.rule,
            )
                .cmp(&(
                    b.diagnostic.span.start,
                    b.diagnostic.span.end,
                    &b.diagnostic.rule,
                ))
        });
    }
}
