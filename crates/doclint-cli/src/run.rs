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
use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::gate::{FileGate, Gate};
use crate::timings::{Phase, Timings};

use crate::walk::describe_io_error;

/// A diagnostic with its positions resolved.
#[derive(Debug, Clone)]
pub struct Reported {
    pub diagnostic: Diagnostic,
    pub location: SpanLocation,
    /// One entry per label of `diagnostic`.
    pub labels: Vec<LabelPlace>,
    /// Stable across edits elsewhere in the file (see `baseline.rs`).
    pub fingerprint: String,
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
                fingerprint: crate::baseline::fingerprint(text, &diagnostic.rule, diagnostic.span),
                diagnostic,
            }
        })
        .collect()
}

/// Checks every file with `linter`, in parallel, keeping input order.
#[allow(dead_code)] // the plain entry point, for callers without a gate
pub fn check_files(linter: &Linter, paths: Vec<PathBuf>, keep_source: bool) -> Vec<CheckedFile> {
    check_files_with(
        linter,
        paths,
        &RunOptions {
            keep_source,
            ..RunOptions::default()
        },
    )
}

/// How a run treats findings beyond the rules themselves.
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Keep each file's text for printers that show source lines.
    pub keep_source: bool,
    /// Severities, per-file ignores and suppression comments.
    pub gate: Option<&'a Gate>,
    /// Ticked once per file.
    pub progress: Option<&'a ProgressBar>,
    /// Time per rule and phase, for `--timings`.
    pub timings: Option<&'a Timings>,
}

/// [`check_files`] with a gate and a progress bar.
pub fn check_files_with(
    linter: &Linter,
    paths: Vec<PathBuf>,
    options: &RunOptions,
) -> Vec<CheckedFile> {
    let corpus = linter.has_corpus_rules();
    let keep_source = options.keep_source;
    type FileResult = (
        CheckedFile,
        Option<Vec<Option<doclint_rules::Facts>>>,
        Option<FileGate>,
    );
    let results: Vec<FileResult> = paths
        .into_par_iter()
        .enumerate()
        .map_init(Vec::new, |scratch, (id, path)| {
            let result = check_one(
                linter,
                id as FileId,
                path,
                corpus,
                keep_source,
                options.gate,
                (options.timings, scratch),
            );
            if let Some(progress) = options.progress {
                progress.inc(1);
            }
            result
        })
        .collect();

    let mut files = Vec::with_capacity(results.len());
    let mut facts = Vec::new();
    let mut gates = Vec::with_capacity(results.len());
    for (id, (file, file_facts, file_gate)) in results.into_iter().enumerate() {
        if let Some(file_facts) = file_facts {
            facts.push((id as FileId, file_facts));
        }
        files.push(file);
        gates.push(file_gate);
    }
    let found = if corpus {
        corpus_findings(linter, facts, files.len(), options.timings)
    } else {
        files.iter().map(|_| Vec::new()).collect()
    };
    add_late_findings(found, gates, options.gate, &mut files);
    files
}

fn check_one(
    linter: &Linter,
    id: FileId,
    path: PathBuf,
    corpus: bool,
    keep_source: bool,
    gate: Option<&Gate>,
    (timings, scratch): (Option<&Timings>, &mut Vec<RuleTiming>),
) -> (
    CheckedFile,
    Option<Vec<Option<doclint_rules::Facts>>>,
    Option<FileGate>,
) {
    let source = match Timings::time(timings, Phase::Read, || load(&path)) {
        Ok(source) => source,
        Err(message) => {
            let outcome = if message.starts_with("binary file") {
                FileOutcome::Skipped { reason: message }
            } else {
                FileOutcome::Failed { message }
            };
            return (CheckedFile { path, outcome }, None, None);
        }
    };
    let doc = Timings::time(timings, Phase::Build, || {
        Document::new(source, DocumentKind::from_path(&path))
    });
    let (mut diagnostics, facts) = match timings {
        Some(timings) => {
            let diagnostics = linter.check_timed(&doc, scratch);
            let facts = corpus.then(|| linter.gather_timed(id, &doc, scratch));
            timings.add_rules(scratch);
            (diagnostics, facts)
        }
        None => (linter.check(&doc), corpus.then(|| linter.gather(id, &doc))),
    };
    let file_gate = gate.map(|gate| gate.first_pass(&path, &doc, &mut diagnostics));
    let reported = Timings::time(timings, Phase::Resolve, || {
        resolve(doc.text(), doc.line_index(), diagnostics)
    });
    let source = keep_source.then(|| Arc::from(doc.into_source().text));
    let outcome = FileOutcome::Checked {
        diagnostics: reported,
        source,
    };
    (CheckedFile { path, outcome }, facts, file_gate)
}

/// The corpus-level findings, by file.
fn corpus_findings(
    linter: &Linter,
    facts: Vec<(FileId, Vec<Option<doclint_rules::Facts>>)>,
    file_count: usize,
    timings: Option<&Timings>,
) -> Vec<Vec<Diagnostic>> {
    let mut by_file: Vec<Vec<Diagnostic>> = (0..file_count).map(|_| Vec::new()).collect();
    let found = match timings {
        Some(timings) => {
            let mut scratch = linter.new_timings();
            let found = linter.decide_timed(facts, &mut scratch);
            timings.add_rules(&mut scratch);
            found
        }
        None => linter.decide(facts),
    };
    for (file, diagnostic) in found {
        if let Some(slot) = by_file.get_mut(file as usize) {
            slot.push(diagnostic);
        }
    }
    by_file
}

/// Adds the findings known only once every file is read: corpus-level ones
/// (filtered by the gate) and unused suppressions.
fn add_late_findings(
    found: Vec<Vec<Diagnostic>>,
    gates: Vec<Option<FileGate>>,
    gate: Option<&Gate>,
    files: &mut [CheckedFile],
) {
    for ((file, mut found), file_gate) in files.iter_mut().zip(found).zip(gates) {
        if let (Some(gate), Some(mut file_gate)) = (gate, file_gate) {
            if !found.is_empty() {
                gate.filter(&file.path, &mut file_gate, &mut found);
            }
            if file_gate.has_suppressions() {
                found.extend(gate.unused(&file.path, file_gate));
            }
        }
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
        // the (few) late findings.
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
