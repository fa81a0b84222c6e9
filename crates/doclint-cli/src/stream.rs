//! The streaming check behind `doclint check`: files are read, checked and
//! rendered in parallel, a chunk at a time, and written in input order, so
//! a run holds one chunk's documents and output in memory, never the whole
//! corpus's diagnostics. Corpus-level findings (rules that compare
//! documents) are decided once every file has been seen and follow the
//! per-file findings.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::Config;
use doclint_core::{Diagnostic, FileId, LineIndex, Severity};
use doclint_rules::Linter;
use rayon::prelude::*;

use crate::printer::{self, Summary};
use crate::run::{self, CheckedFile, FileFacts, FileOutcome};
use crate::timings::{Phase, Timings};

/// Files checked between two writes: enough to keep both cores busy, few
/// enough that a chunk's output stays small.
const CHUNK: usize = 256;

/// How findings are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Human { color: bool },
    Json,
}

/// What a run found, for the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub summary: Summary,
    /// The highest severity reported, if any.
    pub max_severity: Option<Severity>,
}

/// One file, checked and rendered.
struct Rendered {
    bytes: Vec<u8>,
    summary: Summary,
    max_severity: Option<Severity>,
    facts: Option<FileFacts>,
    /// The file could not be checked: its path and outcome.
    trouble: Option<CheckedFile>,
}

/// Checks `paths` and writes the findings to `out` in `style`.
/// `on_trouble` hears about each file that could not be checked, in order.
pub fn check(
    linter: &Linter,
    paths: &[PathBuf],
    style: Style,
    out: &mut dyn Write,
    timings: Option<&Timings>,
    on_trouble: &mut dyn FnMut(&CheckedFile),
) -> anyhow::Result<Outcome> {
    let path_of = |id: FileId| paths.get(id as usize).map(|p| p.display().to_string());
    let keep_source = matches!(style, Style::Human { .. });
    let mut outcome = Outcome::default();
    let mut corpus_facts = Vec::new();
    let mut problems = vec![false; paths.len()];
    let mut wrote_any = false;

    if style == Style::Json {
        printer::json::begin(out)?;
    }
    for (chunk_index, chunk) in paths.chunks(CHUNK).enumerate() {
        let first_id = chunk_index * CHUNK;
        let rendered: Vec<anyhow::Result<Rendered>> = chunk
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |scratch, (i, path)| {
                let id = (first_id + i) as FileId;
                let (file, facts) =
                    run::check_one(linter, id, path.clone(), keep_source, timings, scratch);
                let started = Instant::now();
                let rendered = render(&file, style, &path_of, facts);
                if let Some(timings) = timings {
                    timings.add(Phase::Render, started.elapsed());
                }
                rendered
            })
            .collect();
        let started = Instant::now();
        for (i, rendered) in rendered.into_iter().enumerate() {
            let rendered = rendered?;
            if let Some(file) = &rendered.trouble {
                on_trouble(file);
            }
            if let Some(facts) = rendered.facts {
                corpus_facts.push(((first_id + i) as FileId, facts));
            }
            problems[first_id + i] = rendered.summary.diagnostics > 0;
            write_fragment(out, style, &rendered.bytes, &mut wrote_any)?;
            outcome.summary.absorb(&rendered.summary);
            outcome.max_severity = outcome.max_severity.max(rendered.max_severity);
        }
        if let Some(timings) = timings {
            timings.add(Phase::Write, started.elapsed());
        }
    }

    if linter.has_corpus_rules() {
        let mut scratch = linter.new_timings();
        let found = match timings {
            Some(timings) => {
                let found = linter.decide_timed(corpus_facts, &mut scratch);
                timings.add_rules(&mut scratch);
                found
            }
            None => linter.decide(corpus_facts),
        };
        let started = Instant::now();
        let mut by_file: BTreeMap<FileId, Vec<Diagnostic>> = BTreeMap::new();
        for (file, diagnostic) in found {
            by_file.entry(file).or_default().push(diagnostic);
        }
        for (id, mut found) in by_file {
            let Some(path) = paths.get(id as usize) else {
                continue;
            };
            found.sort_by(|a, b| {
                (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
            });
            let file = corpus_file(path, found, keep_source);
            let mut rendered = render(&file, style, &path_of, None)?;
            // The file was counted when it was checked.
            rendered.summary.files = 0;
            if problems[id as usize] {
                rendered.summary.files_with_problems = 0;
            }
            write_fragment(out, style, &rendered.bytes, &mut wrote_any)?;
            outcome.summary.absorb(&rendered.summary);
            outcome.max_severity = outcome.max_severity.max(rendered.max_severity);
        }
        if let Some(timings) = timings {
            timings.add(Phase::Write, started.elapsed());
        }
    }

    match style {
        Style::Json => printer::json::finish(out, &outcome.summary)?,
        Style::Human { .. } => writeln!(out, "{}", outcome.summary.line())?,
    }
    Ok(outcome)
}

fn write_fragment(
    out: &mut dyn Write,
    style: Style,
    bytes: &[u8],
    wrote_any: &mut bool,
) -> std::io::Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    if style == Style::Json && *wrote_any {
        out.write_all(b",")?;
    }
    *wrote_any = true;
    out.write_all(bytes)
}

/// Renders one file's findings; the file's text is dropped on return.
fn render(
    file: &CheckedFile,
    style: Style,
    path_of: &dyn Fn(FileId) -> Option<String>,
    facts: Option<FileFacts>,
) -> anyhow::Result<Rendered> {
    let summary = Summary::of(std::slice::from_ref(file));
    let max_severity = file
        .diagnostics()
        .iter()
        .map(|reported| reported.diagnostic.severity)
        .max();
    let mut bytes = Vec::new();
    match style {
        Style::Json => printer::json::file_diagnostics(&mut bytes, path_of, file)?,
        Style::Human { color } if !file.diagnostics().is_empty() => {
            let mut buffer = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            printer::human::emit_file(&mut buffer, &Config::default(), path_of, file)?;
            buffer.reset()?;
            bytes = buffer.into_inner();
        }
        Style::Human { .. } => {}
    }
    let trouble = match &file.outcome {
        FileOutcome::Checked { .. } => None,
        FileOutcome::Skipped { reason } => Some(CheckedFile {
            path: file.path.clone(),
            outcome: FileOutcome::Skipped {
                reason: reason.clone(),
            },
        }),
        FileOutcome::Failed { message } => Some(CheckedFile {
            path: file.path.clone(),
            outcome: FileOutcome::Failed {
                message: message.clone(),
            },
        }),
    };
    Ok(Rendered {
        bytes,
        summary,
        max_severity,
        facts,
        trouble,
    })
}

/// A file's corpus-level findings with their positions; the text was dropped
/// after the first phase, so it is read again (few files have such findings).
fn corpus_file(path: &Path, found: Vec<Diagnostic>, keep_source: bool) -> CheckedFile {
    let (diagnostics, source) = match run::load(path) {
        Ok(source) => {
            let text: Arc<str> = Arc::from(source.text);
            let index = LineIndex::new(&text);
            let diagnostics = run::resolve(&text, &index, found);
            (diagnostics, keep_source.then_some(text))
        }
        // Changed or removed during the run: nothing to place them in.
        Err(_) => (Vec::new(), None),
    };
    CheckedFile {
        path: path.to_path_buf(),
        outcome: FileOutcome::Checked {
            diagnostics,
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_rules::{registry, Settings};

    fn corpus_paths() -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("corpus/")
            .map(|entry| entry.expect("entry").path())
            .collect();
        paths.sort();
        paths
    }

    fn diagnostics_of(json: &serde_json::Value) -> Vec<String> {
        let mut all: Vec<String> = json["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| d.to_string())
            .collect();
        all.sort();
        all
    }

    #[test]
    fn streamed_json_holds_what_the_whole_run_printer_prints() {
        let linter = Linter::new(registry::builtin_rules(), Settings::default());
        let paths = corpus_paths();
        let files = run::check_files(&linter, paths.clone(), false);
        let mut whole = Vec::new();
        printer::json::print(&mut whole, &files).expect("print");

        let mut streamed = Vec::new();
        let mut trouble = 0;
        let outcome = check(
            &linter,
            &paths,
            Style::Json,
            &mut streamed,
            None,
            &mut |_| trouble += 1,
        )
        .expect("check");
        assert_eq!(trouble, 0);
        assert!(streamed.ends_with(b"}\n"));
        let whole: serde_json::Value = serde_json::from_slice(&whole).expect("json");
        let streamed: serde_json::Value = serde_json::from_slice(&streamed).expect("json");
        assert!(!diagnostics_of(&whole).is_empty());
        assert_eq!(diagnostics_of(&whole), diagnostics_of(&streamed));
        assert_eq!(whole["summary"], streamed["summary"]);
        assert_eq!(outcome.summary.files, paths.len());
    }

    #[test]
    fn human_output_names_unreadable_files_and_counts_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = dir.path().join("a.txt");
        let bad = dir.path().join("b.txt");
        std::fs::write(&good, "One  two.\n").expect("write");
        std::fs::write(&bad, b"bad \xC3\x28 bytes").expect("write");
        let linter = Linter::new(registry::builtin_rules(), Settings::default());
        let mut out = Vec::new();
        let mut troubled = Vec::new();
        let outcome = check(
            &linter,
            &[good, bad.clone()],
            Style::Human { color: false },
            &mut out,
            None,
            &mut |file| troubled.push(file.path.clone()),
        )
        .expect("check");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(troubled, vec![bad]);
        assert!(text.contains("double-space"), "{text}");
        assert!(text.ends_with("in 1 of 2 files.\n"), "{text}");
        assert_eq!(outcome.max_severity, Some(Severity::Warning));
    }
}
