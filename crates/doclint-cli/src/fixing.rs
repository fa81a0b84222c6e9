//! `--fix`, `--diff` and standard input: the texts go through the
//! linter's corpus fix engine ([`Linter::fix_corpus`]); this module only
//! shows the diffs, writes the files and reports.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use codespan_reporting::term::termcolor::BufferedStandardStream;
use doclint_core::{decode, Applicability, Diagnostic, Document, DocumentKind, FileId};
use doclint_rules::{FixInput, FixedFile, Linter};
use rayon::prelude::*;

use crate::args::{CheckArgs, Format};
use crate::gate::{Gate, ReportGate};
use crate::run::{self, CheckedFile, FileOutcome, LoadFailure};
use crate::{color_choice, diff, report_error, report_note, report_summary, write, Exit};

/// The name standard input has in messages when `--stdin-filename` is not given.
const STDIN_NAME: &str = "<stdin>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report only (standard input without `--fix` or `--diff`).
    Check,
    /// Show the fixes as a diff.
    Diff,
    /// Apply the fixes.
    Fix,
}

/// Whether this run is for this module rather than the plain check pipeline.
pub fn wanted(args: &CheckArgs) -> bool {
    args.fix || args.diff || args.stdin_filename.is_some() || reads_stdin(&args.paths)
}

pub fn reads_stdin(paths: &[PathBuf]) -> bool {
    paths.iter().any(|path| path.as_os_str() == "-")
}

/// Where a text comes from.
enum Input {
    File(PathBuf),
    Stdin { name: PathBuf, bytes: Vec<u8> },
}

/// One file's way through the pipeline.
struct Entry {
    /// The path, or the name given to standard input.
    name: PathBuf,
    stdin: bool,
    state: State,
}

enum State {
    Unreadable(FileOutcome),
    Loaded(Box<FixedFile>),
}

/// The files the driver's walk found, and the paths it could not walk.
pub struct Walked {
    pub paths: Vec<PathBuf>,
    pub errors: Vec<crate::walk::WalkError>,
}

/// Runs `check` for `--fix`, `--diff` or standard input, on the files of
/// the driver's walk (or on standard input, which is read here).
pub fn run(
    linter: &Linter,
    args: &CheckArgs,
    walked: Walked,
    gate: &Gate,
    baseline: Option<&crate::baseline::Baseline>,
) -> anyhow::Result<Exit> {
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    let threshold = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let Some(Inputs {
        inputs,
        stdin,
        mut trouble,
    }) = read_inputs(args, walked)?
    else {
        return Ok(Exit::Trouble);
    };

    if args.fix && stdin.is_some() && crate::is_machine_format(args) && args.output_file.is_none() {
        report_error(
            "--fix on standard input prints the fixed text; add --output-file for this report",
        );
        return Ok(Exit::Trouble);
    }
    let mut entries = process(linter, inputs, mode, threshold, gate);
    trouble |= report_unfixable(&entries);
    let mut totals = Totals::default();
    match mode {
        Mode::Check => {}
        Mode::Diff => show_diffs(args, &entries, &mut totals)?,
        Mode::Fix => {
            write::remove_pending_on_signals();
            let roots = (!args.fix_outside_roots).then(|| write::roots(&args.paths));
            trouble |= write_fixes(linter, &mut entries, &stdin, roots.as_deref(), &mut totals)?;
        }
    }

    let paths: Vec<PathBuf> = entries.iter().map(|entry| entry.name.clone()).collect();
    let mut files = checked_files(
        entries,
        matches!(args.format, Format::Human | Format::Html),
        gate,
    );
    let mut report_gate = ReportGate::new(gate, baseline, args.fail_on.severity());
    for file in &mut files {
        report_gate.pass(file);
        for reported in file.diagnostics() {
            totals.add_remaining(&reported.diagnostic, threshold);
        }
    }

    if mode == Mode::Diff {
        report_summary(&totals.line(mode));
        return Ok(if trouble {
            Exit::Trouble
        } else if totals.fixed > 0 {
            Exit::Problems
        } else {
            Exit::Clean
        });
    }
    // With `--fix` on standard input, standard output carries the text.
    let to_stderr = mode == Mode::Fix && stdin.is_some();
    let summary = (mode == Mode::Fix).then(|| totals.line(mode));
    let sink = crate::ReportSink {
        to_stderr,
        fix_summary: summary.as_deref(),
    };
    crate::write_report(args, files.into_iter(), &paths, linter.rules(), sink)?;

    Ok(crate::exit_code(report_gate.failing(), trouble))
}

struct Inputs {
    inputs: Vec<Input>,
    /// Standard input as read, when it is the input.
    stdin: Option<Vec<u8>>,
    /// Some path could not be walked.
    trouble: bool,
}

/// The inputs the arguments name; `None` after a usage error (reported).
fn read_inputs(args: &CheckArgs, walked: Walked) -> anyhow::Result<Option<Inputs>> {
    if reads_stdin(&args.paths) {
        if args.paths.len() > 1 {
            report_error("`-` (standard input) cannot be combined with other paths");
            return Ok(None);
        }
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
        return Ok(Some(Inputs {
            inputs: vec![Input::Stdin {
                name,
                bytes: bytes.clone(),
            }],
            stdin: Some(bytes),
            trouble: false,
        }));
    }
    if args.stdin_filename.is_some() {
        report_error("--stdin-filename needs `-` as the path");
        return Ok(None);
    }
    let Walked {
        paths,
        errors: walk_errors,
    } = walked;
    crate::refuse_overwriting_inputs(args, &paths)?;
    for error in &walk_errors {
        report_error(&format!("{}: {}", error.path.display(), error.message));
    }
    // A file reached twice (through a symbolic link, or named twice) is
    // fixed once: the second write would find it changed on disk.
    let mut seen = std::collections::HashSet::new();
    let mut trouble = !walk_errors.is_empty();
    let inputs = paths
        .into_iter()
        .filter(|path| {
            // A pipe (`<(command)`, `/dev/stdin`) has no file to write back
            // to: refused before it is read (opening a named pipe to write
            // would wait for a reader forever).
            let pipe = args.fix && std::fs::metadata(path).is_ok_and(|meta| !meta.is_file());
            if pipe {
                trouble = true;
                report_error(&format!(
                    "{}: a pipe cannot be fixed in place; pipe the text through \
                     `doclint check --fix -` instead",
                    path.display()
                ));
            }
            !pipe
        })
        .filter(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())))
        .map(Input::File)
        .collect();
    Ok(Some(Inputs {
        inputs,
        stdin: None,
        trouble,
    }))
}

/// Reports files that could not be read and fixes that did not converge;
/// whether there was any.
fn report_unfixable(entries: &[Entry]) -> bool {
    let mut trouble = false;
    for entry in entries {
        let name = entry.name.display();
        match &entry.state {
            State::Unreadable(FileOutcome::Failed { message }) => {
                trouble = true;
                report_error(&format!("{name}: {message}"));
            }
            State::Unreadable(FileOutcome::Skipped { reason }) => {
                trouble = true;
                report_note(&format!("{name}: {reason}"));
            }
            State::Unreadable(FileOutcome::Checked { .. }) => {}
            State::Loaded(loaded) => {
                if let Some(error) = &loaded.error {
                    trouble = true;
                    report_error(&format!("{name}: {error}"));
                }
            }
        }
    }
    trouble
}

/// `--diff`: one unified diff per changed file, on standard output.
fn show_diffs(args: &CheckArgs, entries: &[Entry], totals: &mut Totals) -> std::io::Result<()> {
    let choice = color_choice(args.color, std::io::stdout().is_terminal());
    // Buffered: the diff is written a few bytes at a time.
    let mut out = BufferedStandardStream::stdout(choice);
    // A reader that stops early (`| head`) is not an error.
    let mut reader_gone = false;
    for entry in entries {
        let State::Loaded(loaded) = &entry.state else {
            continue;
        };
        if !loaded.changed() {
            continue;
        }
        totals.add_fixed(loaded);
        if reader_gone {
            continue;
        }
        let name = entry.name.display().to_string();
        match diff::write_diff(&mut out, &name, &loaded.original, &loaded.current.text) {
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => reader_gone = true,
            other => other?,
        }
    }
    if reader_gone {
        return Ok(());
    }
    match out.flush() {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `--fix`: writes every changed file (standard input: prints the text).
/// A file that cannot be written is reported, and what remains in it is
/// what is still on disk: its original text, checked again. Returns
/// whether any write failed.
fn write_fixes(
    linter: &Linter,
    entries: &mut [Entry],
    stdin: &Option<Vec<u8>>,
    within: Option<&[PathBuf]>,
    totals: &mut Totals,
) -> std::io::Result<bool> {
    let mut trouble = false;
    for entry in entries {
        if let Some(input) = stdin {
            print_stdin_result(entry, input)?;
        }
        let State::Loaded(loaded) = &entry.state else {
            continue;
        };
        if !loaded.changed() {
            continue;
        }
        if entry.stdin {
            totals.add_fixed(loaded);
            continue;
        }
        let original = loaded.original.as_bytes();
        let written = write::write_fixed(
            &entry.name,
            original,
            loaded.current.text.as_bytes(),
            within,
        );
        match written {
            Ok(_) => totals.add_fixed(loaded),
            Err(error) => {
                trouble = true;
                let message = format!("{}: {error}", entry.name.display());
                if matches!(error, write::WriteError::OutsideRoots { .. }) {
                    report_note(&message);
                } else {
                    report_error(&message);
                }
                if let State::Loaded(loaded) = &mut entry.state {
                    linter.revert(loaded);
                }
            }
        }
    }
    Ok(trouble)
}

/// Standard input with `--fix`: the fixed text, or the input unchanged when
/// it could not be checked, so a pipe never loses a byte.
fn print_stdin_result(entry: &Entry, input: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match &entry.state {
        State::Loaded(loaded) => out.write_all(loaded.current.text.as_bytes())?,
        State::Unreadable(_) => out.write_all(input)?,
    }
    out.flush()
}

/// Fixed and remaining counts over a run.
#[derive(Debug, Default)]
struct Totals {
    fixed: usize,
    files: usize,
    remaining: usize,
    /// Remaining findings whose fix needs `--unsafe-fixes` (counted only
    /// when it was not given).
    unsafe_fixable: usize,
}

impl Totals {
    fn add_fixed(&mut self, loaded: &FixedFile) {
        self.fixed += loaded.fixed;
        self.files += 1;
    }

    fn add_remaining(&mut self, diagnostic: &Diagnostic, threshold: Applicability) {
        self.remaining += 1;
        let unsafe_fix = diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability < threshold);
        if unsafe_fix {
            self.unsafe_fixable += 1;
        }
    }

    /// `Fixed 31 problems in 4 files; 11 remaining (3 fixable with --unsafe-fixes)`
    fn line(&self, mode: Mode) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let hint = if self.unsafe_fixable > 0 {
            format!(" ({} fixable with --unsafe-fixes)", self.unsafe_fixable)
        } else {
            String::new()
        };
        let (verb, remain) = match mode {
            Mode::Diff => ("Would fix", "would remain"),
            Mode::Fix | Mode::Check => ("Fixed", "remaining"),
        };
        format!(
            "{verb} {} in {}; {} {remain}{hint}",
            plural(self.fixed, "problem"),
            plural(self.files, "file"),
            self.remaining
        )
    }
}

/// Loads every input and hands the texts to the linter's corpus engine,
/// which fixes them (unless `mode` is [`Mode::Check`]) and checks them,
/// corpus-level rules included; nothing is written.
fn process(
    linter: &Linter,
    inputs: Vec<Input>,
    mode: Mode,
    threshold: Applicability,
    gate: &Gate,
) -> Vec<Entry> {
    let loaded: Vec<(PathBuf, bool, Result<_, LoadFailure>)> = inputs
        .into_par_iter()
        .map(|input| match input {
            Input::File(path) => {
                let loaded = run::load(&path);
                (path, false, loaded)
            }
            Input::Stdin { name, bytes } => (name, true, decode(bytes).map_err(LoadFailure::from)),
        })
        .collect();
    let mut names = Vec::with_capacity(loaded.len());
    let mut texts = Vec::with_capacity(loaded.len());
    let mut failures = Vec::with_capacity(loaded.len());
    for (name, stdin, loaded) in loaded {
        let kind = DocumentKind::from_path(&name);
        let (text, failure) = match loaded {
            Ok(source) => (Some(FixInput { source, kind }), None),
            Err(failure) => (None, Some(failure.into_outcome())),
        };
        texts.push(text);
        failures.push(failure);
        names.push((name, stdin));
    }
    let guard = |id: FileId, doc: &Document, found: &mut [Diagnostic]| {
        gate.strip_silenced_fixes(&names[id as usize].0, doc, found);
    };
    let threshold = (mode != Mode::Check).then_some(threshold);
    let fixed = linter.fix_corpus(texts, threshold, &guard);
    names
        .iter()
        .cloned()
        .zip(fixed.into_iter().zip(failures))
        .map(|((name, stdin), (fixed, failure))| {
            // A text the engine did not get is one that failed to load.
            let state = match (fixed, failure) {
                (Some(fixed), _) => State::Loaded(Box::new(fixed)),
                (None, Some(failure)) => State::Unreadable(failure),
                (None, None) => unreachable!("every input is loaded or failed"),
            };
            Entry { name, stdin, state }
        })
        .collect()
}

/// The entries as the printers take them, positions resolved in the final
/// text.
fn checked_files(entries: Vec<Entry>, keep_source: bool, gate: &Gate) -> Vec<CheckedFile> {
    entries
        .into_iter()
        .map(|entry| {
            let outcome = match entry.state {
                State::Unreadable(outcome) => outcome,
                State::Loaded(loaded) => {
                    let FixedFile {
                        current,
                        remaining,
                        corpus,
                        kind,
                        ..
                    } = *loaded;
                    // Severities, per-file ignores and suppressions, judged
                    // on the final text.
                    let doc = Document::new(current, kind);
                    let found = gate.judge(&entry.name, &doc, remaining, corpus);
                    let diagnostics = run::resolve(doc.text(), doc.line_index(), found);
                    FileOutcome::Checked {
                        diagnostics,
                        source: keep_source.then(|| Arc::from(doc.into_source().text)),
                    }
                }
            };
            CheckedFile {
                path: entry.name,
                outcome,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_reads_as_documented() {
        let totals = Totals {
            fixed: 31,
            files: 4,
            remaining: 11,
            unsafe_fixable: 3,
        };
        assert_eq!(
            totals.line(Mode::Fix),
            "Fixed 31 problems in 4 files; 11 remaining (3 fixable with --unsafe-fixes)"
        );
        let one = Totals {
            fixed: 1,
            files: 1,
            remaining: 0,
            unsafe_fixable: 0,
        };
        assert_eq!(
            one.line(Mode::Fix),
            "Fixed 1 problem in 1 file; 0 remaining"
        );
        assert_eq!(
            one.line(Mode::Diff),
            "Would fix 1 problem in 1 file; 0 would remain"
        );
    }
}
