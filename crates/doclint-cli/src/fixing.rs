//! `--fix`, `--diff` and standard input.
//!
//! Each file is fixed on its own, in parallel ([`Linter::fix`]: per-document
//! rules, re-checked until nothing more applies). Corpus-level rules then
//! decide over the fixed texts; when their (unsafe) fixes are wanted, the
//! files that receive one are fixed again starting with them, and the corpus
//! is decided anew, until no corpus fix applies. Only then is anything
//! written or shown, so every file is written at most once and every
//! diagnostic reported points into the text that is on disk afterwards.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use codespan_reporting::term::termcolor::BufferedStandardStream;
use doclint_core::{
    decode, Applicability, Diagnostic, Document, DocumentKind, FileId, LineIndex, SourceText,
};
use doclint_rules::{Facts, Linter, NonConvergence, MAX_FIX_PASSES};
use rayon::prelude::*;

use crate::args::{CheckArgs, Format};
use crate::config::FileFilter;
use crate::gate::Gate;
use crate::run::{self, CheckedFile, FileOutcome};
use crate::{color_choice, diff, report_error, report_note, write, Exit};

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

fn reads_stdin(paths: &[PathBuf]) -> bool {
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
    Loaded(Box<Loaded>),
}

struct Loaded {
    kind: DocumentKind,
    /// The bytes as read; the file must still hold them when written.
    original: String,
    current: SourceText,
    /// Per-document findings in `current`.
    remaining: Vec<Diagnostic>,
    /// Corpus-level findings in `current`.
    corpus: Vec<Diagnostic>,
    fixed: usize,
    error: Option<NonConvergence>,
}

impl Loaded {
    fn changed(&self) -> bool {
        self.original != self.current.text
    }
}

/// Runs `check` for `--fix`, `--diff` or standard input.
pub fn run(
    linter: &Linter,
    args: &CheckArgs,
    filter: &FileFilter,
    gate: &Gate,
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
    }) = read_inputs(args, filter)?
    else {
        return Ok(Exit::Trouble);
    };

    if args.fix && stdin.is_some() && machine_format(args) && args.output_file.is_none() {
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
    if let Some(path) = &args.baseline {
        let baseline = crate::baseline::Baseline::load(path)?;
        let mut filter = baseline.filter(gate.selection());
        for file in &mut files {
            filter.apply(file);
        }
    }
    let fail_on = args.fail_on.severity();
    let mut failing = false;
    for file in &files {
        for reported in file.diagnostics() {
            totals.add_remaining(&reported.diagnostic, threshold);
            failing |= reported.diagnostic.severity >= fail_on;
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
    print_report(args, linter, mode, files, &paths, &totals, to_stderr)?;

    Ok(crate::exit_code(failing, trouble))
}

struct Inputs {
    inputs: Vec<Input>,
    /// Standard input as read, when it is the input.
    stdin: Option<Vec<u8>>,
    /// Some path could not be walked.
    trouble: bool,
}

/// The inputs the arguments name; `None` after a usage error (reported).
fn read_inputs(args: &CheckArgs, filter: &FileFilter) -> anyhow::Result<Option<Inputs>> {
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
    let mut walk_errors = Vec::new();
    let paths = crate::walk::collect_filtered_files(
        &args.paths,
        filter,
        args.force_exclude,
        &mut walk_errors,
    );
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
                    keep_original(linter, loaded);
                }
            }
        }
    }
    Ok(trouble)
}

/// After a failed write: the file still holds its original text, so its
/// findings are that text's (per-document rules; the corpus findings were
/// decided on the fixed text and are dropped).
fn keep_original(linter: &Linter, loaded: &mut Loaded) {
    let Ok(source) = decode(loaded.original.clone().into_bytes()) else {
        return;
    };
    let doc = Document::new(source, loaded.kind);
    loaded.remaining = linter.check(&doc);
    loaded.corpus = Vec::new();
    loaded.fixed = 0;
    loaded.current = doc.into_source();
}

/// The diagnostics that remain and the summary line.
fn print_report(
    args: &CheckArgs,
    linter: &Linter,
    mode: Mode,
    files: Vec<CheckedFile>,
    paths: &[PathBuf],
    totals: &Totals,
    to_stderr: bool,
) -> anyhow::Result<()> {
    let terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let choice = color_choice(args.color, terminal);
    // Buffered: a diagnostic is written in many small pieces, one system
    // call each on an unbuffered stream (190,000 for 10,000 findings).
    let mut out = if to_stderr {
        BufferedStandardStream::stderr(choice)
    } else {
        BufferedStandardStream::stdout(choice)
    };
    match args.format {
        _ if machine_format(args) => {
            crate::write_report(args, files.into_iter(), paths, linter.rules())?;
            if mode == Mode::Fix {
                report_summary(&totals.line(mode));
            }
        }
        Format::Human if mode == Mode::Fix => {
            crate::printer::human::print_diagnostics(&mut out, files.into_iter(), paths)?;
            writeln!(out, "{}", totals.line(mode))?;
        }
        Format::Human => crate::printer::human::print(&mut out, files.into_iter(), paths)?,
        Format::Json => {
            crate::printer::json::print(&mut out, files.into_iter(), paths)?;
            if mode == Mode::Fix && !to_stderr {
                report_summary(&totals.line(mode));
            }
        }
        _ => {}
    }
    out.flush()?;
    Ok(())
}

/// Reports other than human and JSON (SARIF, JUnit, statistics, ...) are
/// written by the main report writer, to standard output or `--output-file`.
fn machine_format(args: &CheckArgs) -> bool {
    args.statistics || !matches!(args.format, Format::Human | Format::Json)
}

#[allow(clippy::print_stderr)]
fn report_summary(line: &str) {
    eprintln!("{line}");
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
    fn add_fixed(&mut self, loaded: &Loaded) {
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

/// Loads, fixes (unless `mode` is [`Mode::Check`]) and checks every input,
/// corpus-level rules included; nothing is written.
fn process(
    linter: &Linter,
    inputs: Vec<Input>,
    mode: Mode,
    threshold: Applicability,
    gate: &Gate,
) -> Vec<Entry> {
    let corpus = linter.has_corpus_rules();
    let results: Vec<(Entry, Option<Vec<Option<Facts>>>)> = inputs
        .into_par_iter()
        .enumerate()
        .map(|(id, input)| {
            let (name, stdin, loaded) = match input {
                Input::File(path) => {
                    let loaded = run::load(&path);
                    (path, false, loaded)
                }
                Input::Stdin { name, bytes } => {
                    (name, true, decode(bytes).map_err(|err| err.to_string()))
                }
            };
            let source = match loaded {
                Ok(source) => source,
                Err(message) => {
                    let outcome = if message.starts_with("binary file") {
                        FileOutcome::Skipped { reason: message }
                    } else {
                        FileOutcome::Failed { message }
                    };
                    let state = State::Unreadable(outcome);
                    return (Entry { name, stdin, state }, None);
                }
            };
            let kind = DocumentKind::from_path(&name);
            let original = source.text.clone();
            let (doc, remaining, fixed, error) = if mode == Mode::Check {
                let doc = Document::new(source, kind);
                let remaining = linter.check(&doc);
                (doc, remaining, 0, None)
            } else {
                let result = linter.fix_guarded(source, kind, threshold, Vec::new(), &|doc, d| {
                    gate.strip_silenced_fixes(&name, doc, d);
                });
                let fixed = result.fixed();
                (result.document, result.remaining, fixed, result.error)
            };
            let facts = corpus.then(|| linter.gather(id as FileId, &doc));
            let loaded = Loaded {
                kind,
                original,
                current: doc.into_source(),
                remaining,
                corpus: Vec::new(),
                fixed,
                error,
            };
            let state = State::Loaded(Box::new(loaded));
            (Entry { name, stdin, state }, facts)
        })
        .collect();

    let mut entries = Vec::with_capacity(results.len());
    let mut facts = Vec::new();
    for (id, (entry, file_facts)) in results.into_iter().enumerate() {
        if let Some(file_facts) = file_facts {
            facts.push((id as FileId, file_facts));
        }
        entries.push(entry);
    }
    if corpus {
        corpus_rounds(linter, &mut entries, facts, mode, threshold, gate);
    }
    entries
}

/// Decides the corpus-level findings; while their fixes are wanted and
/// apply, fixes the files that receive them and decides again.
fn corpus_rounds(
    linter: &Linter,
    entries: &mut [Entry],
    mut facts: Vec<(FileId, Vec<Option<Facts>>)>,
    mode: Mode,
    threshold: Applicability,
    gate: &Gate,
) {
    let applies = |d: &Diagnostic| d.fix.as_ref().is_some_and(|f| f.applicability >= threshold);
    let mut round = 0;
    loop {
        let mut by_file: Vec<Vec<Diagnostic>> = entries.iter().map(|_| Vec::new()).collect();
        for (file, diagnostic) in linter.decide(facts) {
            if let Some(slot) = by_file.get_mut(file as usize) {
                slot.push(diagnostic);
            }
        }
        let fixing = mode != Mode::Check && by_file.iter().flatten().any(applies);
        if !fixing || round == MAX_FIX_PASSES {
            for (entry, found) in entries.iter_mut().zip(by_file) {
                if let State::Loaded(loaded) = &mut entry.state {
                    if fixing && loaded.error.is_none() && found.iter().any(applies) {
                        let mut rules: Vec<String> = found
                            .iter()
                            .filter(|d| applies(d))
                            .map(|d| d.rule.to_string())
                            .collect();
                        rules.sort();
                        rules.dedup();
                        loaded.error = Some(NonConvergence {
                            passes: round,
                            rules,
                            cycle: false,
                        });
                    }
                    loaded.corpus = found;
                }
            }
            return;
        }
        round += 1;
        let changed: Vec<bool> = entries
            .par_iter_mut()
            .zip(by_file)
            .map(|(entry, mut found)| {
                let State::Loaded(loaded) = &mut entry.state else {
                    return false;
                };
                if found.iter().any(applies) {
                    let doc = Document::new(loaded.current.clone(), loaded.kind);
                    gate.strip_silenced_fixes(&entry.name, &doc, &mut found);
                }
                if !found.iter().any(applies) {
                    loaded.corpus = found;
                    return false;
                }
                let result = linter.fix_guarded(
                    loaded.current.clone(),
                    loaded.kind,
                    threshold,
                    found.clone(),
                    &|doc, d| gate.strip_silenced_fixes(&entry.name, doc, d),
                );
                if result.document.text() == loaded.current.text {
                    loaded.corpus = found;
                    return false;
                }
                loaded.fixed += result.fixed();
                loaded.remaining = result.remaining;
                loaded.error = loaded.error.take().or(result.error);
                loaded.current = result.document.into_source();
                loaded.corpus = Vec::new();
                true
            })
            .collect();
        if !changed.contains(&true) {
            return;
        }
        facts = entries
            .par_iter()
            .enumerate()
            .filter_map(|(id, entry)| match &entry.state {
                State::Loaded(loaded) => {
                    let doc = Document::new(loaded.current.clone(), loaded.kind);
                    Some((id as FileId, linter.gather(id as FileId, &doc)))
                }
                State::Unreadable(_) => None,
            })
            .collect();
    }
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
                    let Loaded {
                        current,
                        mut remaining,
                        mut corpus,
                        kind,
                        ..
                    } = *loaded;
                    // Severities, per-file ignores and suppressions, judged
                    // on the final text.
                    let doc = Document::new(current, kind);
                    let mut file_gate = gate.first_pass(&entry.name, &doc, &mut remaining);
                    gate.filter(&entry.name, &mut file_gate, &mut corpus);
                    remaining.extend(corpus);
                    remaining.extend(gate.unused(&entry.name, file_gate));
                    let current = doc.into_source();
                    remaining.sort_by(|a, b| {
                        (a.span.start, a.span.end, &a.rule).cmp(&(
                            b.span.start,
                            b.span.end,
                            &b.rule,
                        ))
                    });
                    let index = LineIndex::new(&current.text);
                    let diagnostics = run::resolve(&current.text, &index, remaining);
                    FileOutcome::Checked {
                        diagnostics,
                        source: keep_source.then(|| Arc::from(current.text)),
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
    use doclint_core::{Edit, Fix, Severity, Span};
    use doclint_rules::rules::DoubleSpace;
    use doclint_rules::{Category, Context, CorpusRule, FixAvailability, Rule, RuleMeta, Settings};

    use super::*;

    /// Test rule: "grass-roots" and "grassroots" across the corpus; the
    /// minority spelling gets an unsafe fix to the majority one. Its
    /// replacement deliberately leaves a double space behind, which only a
    /// per-file pass after the corpus fix removes.
    struct MajoritySpelling {
        meta: RuleMeta,
    }

    impl MajoritySpelling {
        fn new() -> Self {
            Self {
                meta: RuleMeta {
                    id: "majority-spelling".into(),
                    category: Category::Consistency,
                    default_severity: Severity::Warning,
                    fix: FixAvailability::Always,
                    docs: "## What it does\nTest rule.".into(),
                },
            }
        }
    }

    const FORMS: [&str; 2] = ["grass-roots", "grassroots"];

    impl Rule for MajoritySpelling {
        fn meta(&self) -> &RuleMeta {
            &self.meta
        }
        fn check(&self, _doc: &Document, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
        fn corpus(&self) -> Option<&dyn CorpusRule> {
            Some(self)
        }
    }

    impl CorpusRule for MajoritySpelling {
        fn gather(&self, _file: FileId, doc: &Document, _cx: &Context) -> Facts {
            let text = doc.text();
            let found: Vec<(Span, usize)> = FORMS
                .iter()
                .enumerate()
                .flat_map(|(form, word)| {
                    text.match_indices(word)
                        .map(move |(at, _)| (Span::new(at, at + word.len()), form))
                })
                .collect();
            Box::new(found)
        }

        fn decide(&self, facts: Vec<(FileId, Facts)>, _cx: &Context) -> Vec<(FileId, Diagnostic)> {
            let facts: Vec<(FileId, Vec<(Span, usize)>)> = facts
                .into_iter()
                .filter_map(|(file, f)| Some((file, *f.downcast::<Vec<(Span, usize)>>().ok()?)))
                .collect();
            let mut counts = [0usize; 2];
            for (_, found) in &facts {
                for (_, form) in found {
                    counts[*form] += 1;
                }
            }
            let major = usize::from(counts[1] >= counts[0]);
            let mut out = Vec::new();
            for (file, found) in facts {
                for (span, form) in found {
                    if form != major {
                        let fix = Fix::unsafe_(
                            "Use the majority spelling",
                            vec![Edit::replace(span, format!("{} ", FORMS[major]))],
                        );
                        out.push((
                            file,
                            self.meta
                                .diagnostic(span, "minority spelling")
                                .with_fix(fix),
                        ));
                    }
                }
            }
            out
        }
    }

    fn linter() -> Linter {
        Linter::new(
            vec![Box::new(MajoritySpelling::new()), Box::new(DoubleSpace)],
            Settings::default(),
        )
    }

    fn inputs(texts: &[(&str, &str)]) -> Vec<Input> {
        texts
            .iter()
            .map(|(name, text)| Input::Stdin {
                name: PathBuf::from(name),
                bytes: text.as_bytes().to_vec(),
            })
            .collect()
    }

    const CORPUS: [(&str, &str); 3] = [
        ("a.txt", "The grassroots level.\n"),
        ("b.txt", "The grassroots  work.\n"),
        ("c.txt", "At the grass-roots level.\n"),
    ];

    fn loaded(entry: &Entry) -> &Loaded {
        match &entry.state {
            State::Loaded(loaded) => loaded,
            State::Unreadable(_) => panic!("{} did not load", entry.name.display()),
        }
    }

    #[test]
    fn corpus_fixes_apply_with_unsafe_fixes_and_files_are_fixed_again() {
        let entries = process(
            &linter(),
            inputs(&CORPUS),
            Mode::Fix,
            Applicability::Unsafe,
            &Gate::default(),
        );
        let texts: Vec<&str> = entries
            .iter()
            .map(|e| loaded(e).current.text.as_str())
            .collect();
        assert_eq!(
            texts,
            vec![
                "The grassroots level.\n",
                "The grassroots work.\n",
                "At the grassroots level.\n"
            ]
        );
        let c = loaded(&entries[2]);
        assert_eq!(c.fixed, 2, "the corpus fix and the double space it left");
        assert!(c.error.is_none());
        assert!(
            c.corpus.is_empty() && c.remaining.is_empty(),
            "decided again: nothing left"
        );
    }

    #[test]
    fn corpus_fixes_stay_findings_with_safe_fixes_only() {
        let entries = process(
            &linter(),
            inputs(&CORPUS),
            Mode::Fix,
            Applicability::Safe,
            &Gate::default(),
        );
        let b = loaded(&entries[1]);
        assert_eq!(
            b.current.text, "The grassroots work.\n",
            "safe per-file fix applied"
        );
        let c = loaded(&entries[2]);
        assert!(!c.changed());
        assert_eq!(c.corpus.len(), 1);
        assert_eq!(&c.current.text[c.corpus[0].span.range()], "grass-roots");
        let mut totals = Totals::default();
        for d in c.corpus.iter().chain(&c.remaining) {
            totals.add_remaining(d, Applicability::Safe);
        }
        assert_eq!((totals.remaining, totals.unsafe_fixable), (1, 1));
    }

    #[test]
    fn check_mode_changes_nothing_and_still_decides_the_corpus() {
        let entries = process(
            &linter(),
            inputs(&CORPUS),
            Mode::Check,
            Applicability::Unsafe,
            &Gate::default(),
        );
        assert!(entries.iter().all(|e| !loaded(e).changed()));
        assert_eq!(
            loaded(&entries[1]).remaining.len(),
            1,
            "double space reported"
        );
        assert_eq!(
            loaded(&entries[2]).corpus.len(),
            1,
            "minority spelling reported"
        );
    }

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
