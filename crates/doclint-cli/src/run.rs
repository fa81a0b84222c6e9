//! The check pipeline: read, model, lint, gather corpus facts, decide.
//!
//! Documents stream through: each file's findings reach the printer, in
//! input order, as soon as the file and those before it are done, and only
//! a window of files is alive at once. Corpus-level rules need every file
//! before they can decide, so when they run, one parallel pass reads and
//! models each file once, runs the per-document rules and gathers the
//! corpus facts; after `decide`, the streaming pass merges each file's
//! corpus findings in order. The pass keeps each file's text and findings
//! for the merge while they fit in [`KEPT_TEXT_BUDGET`]; past it, they go
//! to a temporary file (see `spill.rs`), so every file is read and modelled
//! once and memory stays bounded on any corpus.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use doclint_core::{
    decode, Diagnostic, Document, DocumentKind, FileId, LineIndex, LoadError, SourceText,
    SpanLocation,
};
use doclint_rules::{Facts, Linter, RuleTiming};
use indicatif::ProgressBar;

use crate::gate::{FileGate, Gate};
use crate::ordered::{ordered_map, InOrder};
use crate::spill::{Spill, SpillPlace};
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

/// Why a file could not be checked.
#[derive(Debug)]
pub enum LoadFailure {
    /// Its bytes could not be read.
    Read(String),
    /// Its bytes are not text doclint checks (binary, UTF-16, ...).
    Text(LoadError),
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadFailure::Read(message) => f.write_str(message),
            LoadFailure::Text(error) => write!(f, "{error}"),
        }
    }
}

impl From<LoadError> for LoadFailure {
    fn from(error: LoadError) -> Self {
        LoadFailure::Text(error)
    }
}

impl LoadFailure {
    /// How the report shows the file: a binary file is skipped with a
    /// note, anything else is a failure.
    pub fn into_outcome(self) -> FileOutcome {
        match self {
            LoadFailure::Text(error) if error.is_binary() => FileOutcome::Skipped {
                reason: error.to_string(),
            },
            other => FileOutcome::Failed {
                message: other.to_string(),
            },
        }
    }
}

/// Reads and decodes one file.
pub fn load(path: &Path) -> Result<SourceText, LoadFailure> {
    Ok(decode(read(path)?)?)
}

/// The bytes of `path`.
fn read(path: &Path) -> Result<Vec<u8>, LoadFailure> {
    use std::io::Read;
    let described = |err: std::io::Error| {
        LoadFailure::Read(if path.is_dir() {
            "is a directory".to_owned()
        } else {
            describe_io_error(&err)
        })
    };
    let mut file = std::fs::File::open(path).map_err(described)?;
    let metadata = file.metadata().map_err(described)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(described)?;
    Ok(bytes)
}

/// Bytes the first pass keeps in memory, over all files (their text and
/// findings); the files past it are spilled to a temporary file. Files in
/// flight when it runs out may overshoot it a little.
pub const KEPT_TEXT_BUDGET: usize = 8 << 20;

/// What one kept finding is counted as against [`KEPT_TEXT_BUDGET`]: the
/// struct, its message and help, a label or a fix.
const KEPT_FINDING_COST: usize = 768;

/// What the first pass made of a file, for the second to merge the corpus
/// findings into: it reads no file again.
enum FirstRead {
    /// Unreadable, or not text.
    Failed(LoadFailure),
    /// Checked whole: the text, its own findings (through the gate's first
    /// pass) and its suppressions.
    Checked {
        text: String,
        own: Vec<Diagnostic>,
        file_gate: FileGate,
    },
    /// Checked whole, its text and own findings in the run's spill file.
    Spilled {
        place: SpillPlace,
        file_gate: FileGate,
    },
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

/// How a run treats findings beyond the rules themselves.
pub struct RunOptions<'a> {
    /// Keep each file's text for printers that show source lines.
    pub keep_source: bool,
    /// Severities, per-file ignores and suppression comments.
    pub gate: &'a Gate,
    /// Ticked once per file and pass.
    pub progress: Option<&'a ProgressBar>,
    /// Keep the progress bar while the report is written (not when it goes
    /// to the same terminal): otherwise it is cleared after the first pass.
    pub progress_while_streaming: bool,
    /// Time per rule and phase, for `--timings`.
    pub timings: Option<&'a Timings>,
    /// Bytes of text the corpus pass may keep (see [`KEPT_TEXT_BUDGET`]).
    pub kept_text_budget: usize,
    /// Counts every file read, for tests.
    pub reads: Option<&'a std::sync::atomic::AtomicUsize>,
}

impl<'a> RunOptions<'a> {
    /// A run through `gate` that keeps no text, shows no progress and
    /// times nothing.
    pub fn new(gate: &'a Gate) -> Self {
        RunOptions {
            keep_source: false,
            gate,
            progress: None,
            progress_while_streaming: false,
            timings: None,
            kept_text_budget: KEPT_TEXT_BUDGET,
            reads: None,
        }
    }
}

/// The checked files, in input order, as the pipeline finishes them.
pub type FileStream<'a> = InOrder<'a, CheckedFile>;

/// Files checked or waiting for the consumer, at most, beyond the one it
/// is on: enough to keep every thread busy past a slow file, few enough
/// that memory does not grow with the run.
fn window() -> usize {
    (8 * rayon::current_num_threads()).max(64)
}

/// Checks every file of `paths` with `linter`, in parallel, and hands the
/// results in input order to `consume`, which runs on this thread while
/// later files are still being checked. The `FileId` of a file is its index
/// in `paths`.
pub fn check_stream<R>(
    linter: &Linter,
    paths: &[PathBuf],
    options: &RunOptions,
    consume: impl FnOnce(&mut FileStream<'_>) -> R,
) -> R {
    let corpus = linter
        .has_corpus_rules()
        .then(|| corpus_findings(linter, paths, options));
    let progress = options
        .progress
        .filter(|_| options.progress_while_streaming);
    if let Some(bar) = options.progress {
        match progress {
            Some(_) => bar.set_position(0),
            None => bar.finish_and_clear(),
        }
    }
    ordered_map(
        paths.len(),
        window(),
        Vec::new,
        |id, scratch| {
            let file = check_one(linter, &paths[id], corpus.as_ref(), id, options, scratch);
            if let Some(progress) = progress {
                progress.inc(1);
            }
            file
        },
        |files| {
            let started = Instant::now();
            let result = consume(files);
            if let Some(timings) = options.timings {
                let writing = started.elapsed().saturating_sub(files.blocked());
                timings.add(Phase::Write, writing);
            }
            result
        },
    )
}

/// A file's share of the first pass: its corpus-level findings and what
/// was read.
pub(crate) struct FirstPass {
    found: Vec<Diagnostic>,
    read: FirstRead,
}

/// The first pass of a run with corpus-level rules: each file's share, to
/// be taken once, and the spill file the shares may point into.
pub(crate) struct FirstPasses {
    slots: Vec<Mutex<Option<FirstPass>>>,
    spill: Spill,
}

impl FirstPasses {
    /// File `id`'s share (`None` once taken).
    pub(crate) fn take(&self, id: usize) -> Option<FirstPass> {
        self.slots
            .get(id)
            .and_then(|slot| slot.lock().unwrap_or_else(|e| e.into_inner()).take())
    }
}

/// The first pass when corpus-level rules run: every file read, modelled
/// and checked once, its corpus facts gathered; then the rules' decision,
/// as each file's findings.
pub(crate) fn corpus_findings(
    linter: &Linter,
    paths: &[PathBuf],
    options: &RunOptions,
) -> FirstPasses {
    let timings = options.timings;
    let kept = std::sync::atomic::AtomicUsize::new(0);
    let spill = Spill::new();
    // Facts reach the rules in file order as files are gathered, so a rule
    // that folds them keeps a summary, not every document's facts.
    let (run, reads) = ordered_map(
        paths.len(),
        window(),
        Vec::new,
        |id, scratch| {
            let facts = gather_one(
                linter,
                id as FileId,
                &paths[id],
                options,
                (&kept, &spill),
                scratch,
            );
            if let Some(progress) = options.progress {
                progress.inc(1);
            }
            facts
        },
        |gathered| {
            let mut run = linter.new_run_facts();
            let mut reads = Vec::with_capacity(paths.len());
            for (id, (facts, read)) in gathered.enumerate() {
                linter.keep(&mut run, id as FileId, facts);
                reads.push(read);
            }
            (run, reads)
        },
    );
    let mut scratch = linter.new_timings();
    let found = linter.decide_run(run, &mut scratch);
    if let Some(timings) = timings {
        timings.add_rules(&mut scratch);
    }
    let mut by_file: Vec<Vec<Diagnostic>> = paths.iter().map(|_| Vec::new()).collect();
    for (file, diagnostic) in found {
        if let Some(slot) = by_file.get_mut(file as usize) {
            slot.push(diagnostic);
        }
    }
    let slots = by_file
        .into_iter()
        .zip(reads)
        .map(|(found, read)| Mutex::new(Some(FirstPass { found, read })))
        .collect();
    FirstPasses { slots, spill }
}

/// Reads and decodes one file, counted for tests.
fn load_counted(path: &Path, options: &RunOptions) -> Result<SourceText, LoadFailure> {
    if let Some(reads) = options.reads {
        reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    load(path)
}

/// Whether `len` more bytes of text fit in the run's budget (taken if so).
fn take_budget(kept: &std::sync::atomic::AtomicUsize, len: usize, budget: usize) -> bool {
    use std::sync::atomic::Ordering;
    kept.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
        (used + len <= budget).then_some(used + len)
    })
    .is_ok()
}

/// Reads, models and checks one file for the first pass: its corpus facts,
/// and its text and own findings kept for the merge, in memory while the
/// budget lasts and in the spill file after.
fn gather_one(
    linter: &Linter,
    id: FileId,
    path: &Path,
    options: &RunOptions,
    (kept, spill): (&std::sync::atomic::AtomicUsize, &Spill),
    scratch: &mut Vec<RuleTiming>,
) -> (Vec<(usize, Facts)>, FirstRead) {
    let timings = options.timings;
    let source = match Timings::time(timings, Phase::Read, || load_counted(path, options)) {
        Ok(source) => source,
        Err(failure) => return (Vec::new(), FirstRead::Failed(failure)),
    };
    let doc = Timings::time(timings, Phase::Build, || {
        Document::new(source, DocumentKind::from_path(path))
    });
    let facts = match timings {
        Some(timings) => {
            let facts = linter.gather_timed(id, &doc, scratch);
            timings.add_rules(scratch);
            facts
        }
        None => linter.gather(id, &doc),
    };
    let facts = facts
        .into_iter()
        .enumerate()
        .filter_map(|(rule, fact)| Some((rule, fact?)))
        .collect();
    let mut own = check_document(linter, &doc, timings, scratch);
    let file_gate = options.gate.first_pass(path, &doc, &mut own);
    let text = doc.into_source().text;
    let cost = text.len() + own.len() * KEPT_FINDING_COST;
    if !take_budget(kept, cost, options.kept_text_budget) {
        if let Some(place) = spill.put(&text, &own) {
            return (facts, FirstRead::Spilled { place, file_gate });
        }
        // No temporary file to be had: kept in memory after all.
    }
    let read = FirstRead::Checked {
        text,
        own,
        file_gate,
    };
    (facts, read)
}

/// The per-document findings of `doc`, timed for `--timings`.
fn check_document(
    linter: &Linter,
    doc: &Document,
    timings: Option<&Timings>,
    scratch: &mut Vec<RuleTiming>,
) -> Vec<Diagnostic> {
    match timings {
        Some(timings) => {
            let diagnostics = linter.check_timed(doc, scratch);
            timings.add_rules(scratch);
            diagnostics
        }
        None => linter.check(doc),
    }
}

/// Checks one file: its own findings, then the corpus-level ones `decide`
/// gave it (from `first`, the first pass, when corpus rules run) and its
/// unused suppressions, each filtered by the gate, merged in position order
/// and resolved to lines and columns. With a first pass, the file was read
/// and checked there; only the merge is left.
pub(crate) fn check_one(
    linter: &Linter,
    path: &Path,
    first: Option<&FirstPasses>,
    id: usize,
    options: &RunOptions,
    scratch: &mut Vec<RuleTiming>,
) -> CheckedFile {
    let timings = options.timings;
    let path = path.to_path_buf();
    let Some(first) = first else {
        return check_alone(linter, path, options, scratch);
    };
    let Some(FirstPass { found, read }) = first.take(id) else {
        // Each file's share is taken once; a second ask is a bug upstream.
        let outcome = FileOutcome::Failed {
            message: "was checked twice in one run".to_owned(),
        };
        return CheckedFile { path, outcome };
    };
    let (text, own, file_gate) = match read {
        FirstRead::Failed(failure) => {
            let outcome = failure.into_outcome();
            return CheckedFile { path, outcome };
        }
        FirstRead::Checked {
            text,
            own,
            file_gate,
        } => (text, own, file_gate),
        FirstRead::Spilled { place, file_gate } => {
            match Timings::time(timings, Phase::Read, || first.spill.take(place)) {
                Ok((text, own)) => (text, own, file_gate),
                Err(err) => {
                    let outcome = FileOutcome::Failed {
                        message: format!(
                            "its findings could not be read back from a temporary file: {}",
                            describe_io_error(&err)
                        ),
                    };
                    return CheckedFile { path, outcome };
                }
            }
        }
    };
    // Only the corpus findings join, and positions need only a line index.
    let diagnostics = options.gate.finish(&path, file_gate, own, found);
    let index = LineIndex::new(&text);
    let reported = Timings::time(timings, Phase::Resolve, || {
        resolve(&text, &index, diagnostics)
    });
    let source = options.keep_source.then(|| Arc::from(text));
    let outcome = FileOutcome::Checked {
        diagnostics: reported,
        source,
    };
    CheckedFile { path, outcome }
}

/// Checks one file of a run without corpus-level rules: read, model, lint,
/// gate and resolve, all here.
fn check_alone(
    linter: &Linter,
    path: PathBuf,
    options: &RunOptions,
    scratch: &mut Vec<RuleTiming>,
) -> CheckedFile {
    let timings = options.timings;
    let source = match Timings::time(timings, Phase::Read, || load_counted(&path, options)) {
        Ok(source) => source,
        Err(failure) => {
            let outcome = failure.into_outcome();
            return CheckedFile { path, outcome };
        }
    };
    let doc = Timings::time(timings, Phase::Build, || {
        Document::new(source, DocumentKind::from_path(&path))
    });
    let diagnostics = check_document(linter, &doc, timings, scratch);
    let diagnostics = options.gate.judge(&path, &doc, diagnostics, Vec::new());
    let reported = Timings::time(timings, Phase::Resolve, || {
        resolve(doc.text(), doc.line_index(), diagnostics)
    });
    let source = options
        .keep_source
        .then(|| Arc::from(doc.into_source().text));
    let outcome = FileOutcome::Checked {
        diagnostics: reported,
        source,
    };
    CheckedFile { path, outcome }
}
