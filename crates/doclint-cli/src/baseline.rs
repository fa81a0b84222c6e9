//! Baselines: accept the problems a document set already has, report only
//! new ones.
//!
//! An entry is matched by path, rule and a fingerprint of the flagged text
//! with its immediate context on the same line, never by line number, so it
//! survives edits elsewhere in the file. Identical entries are counted: two
//! identical problems in a file need two entries.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use doclint_core::{Diagnostic, Location, Span, SpanLocation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::absolute;
use crate::run::{CheckedFile, FileOutcome, Reported};
use crate::selection::Selection;

/// Characters of context taken on each side of the flagged text.
const CONTEXT_CHARS: usize = 24;
/// Flagged text kept in an entry for the reader (not used for matching).
const SHOWN_CHARS: usize = 60;

pub const STALE_RULE: &str = "stale-baseline-entry";

/// A stable fingerprint of a finding: its rule, its text and up to
/// [`CONTEXT_CHARS`] characters either side on the same line.
pub fn fingerprint(text: &str, rule: &str, span: Span) -> String {
    let start = span.start().min(text.len());
    let end = span.end().clamp(start, text.len());
    let (Some(before), Some(flagged), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return String::new();
    };
    // Walk only the context's own characters: finding the whole line first
    // made a long line with many findings quadratic.
    let mut context_before: Vec<char> = before
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(CONTEXT_CHARS)
        .collect();
    context_before.reverse();
    let context_before: String = context_before.into_iter().collect();
    let context_after: String = after
        .chars()
        .take_while(|&c| c != '\n')
        .take(CONTEXT_CHARS)
        .collect();
    let mut hasher = Sha256::new();
    for part in [rule, &context_before, flagged, &context_after] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Relative to the baseline file's directory, with `/` separators.
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// Where it was when recorded; for the reader only.
    pub line: u32,
    /// The flagged text (shortened); for the reader only.
    pub text: String,
}

/// A baseline read from disk.
#[derive(Debug)]
pub struct Baseline {
    dir: PathBuf,
    entries: Vec<Entry>,
}

/// How `path` is written in a baseline kept in `dir`.
fn path_key(dir: &Path, path: &Path) -> String {
    let absolute = absolute(path);
    let relative = absolute.strip_prefix(dir).unwrap_or(&absolute);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn baseline_dir(path: &Path) -> PathBuf {
    absolute(path)
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

/// The flagged text, shortened for the reader.
fn shown_text(source: Option<&str>, reported: &Reported) -> String {
    let Some(text) = source else {
        return String::new();
    };
    let flagged = text.get(reported.diagnostic.span.range()).unwrap_or("");
    let mut shown: String = flagged.chars().take(SHOWN_CHARS).collect();
    if flagged.chars().count() > SHOWN_CHARS {
        shown.push('…');
    }
    shown
}

/// An entry as written, its path shared by the file's entries.
#[derive(Serialize)]
struct EntryOut<'a> {
    path: &'a str,
    rule: &'a str,
    fingerprint: &'a str,
    line: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct BaselineOut<'a> {
    version: u32,
    entries: Vec<EntryOut<'a>>,
}

/// One recorded problem, its path kept once per file.
#[derive(Debug)]
struct Recorded {
    file: usize,
    rule: Cow<'static, str>,
    fingerprint: String,
    line: u32,
    text: String,
}

/// `--write-baseline`: every problem of the files streaming past, kept as
/// compact entries (the texts are gone by the time they are written).
#[derive(Debug)]
pub struct Recorder {
    dir: PathBuf,
    keys: Vec<String>,
    entries: Vec<Recorded>,
    files_with_problems: usize,
}

impl Recorder {
    /// Records for the baseline file `path`.
    pub fn new(path: &Path) -> Recorder {
        Recorder {
            dir: baseline_dir(path),
            keys: Vec::new(),
            entries: Vec::new(),
            files_with_problems: 0,
        }
    }

    /// Records the problems of one file; its source must have been kept.
    pub fn add(&mut self, file: &CheckedFile) {
        let FileOutcome::Checked {
            diagnostics,
            source,
        } = &file.outcome
        else {
            return;
        };
        if diagnostics.is_empty() {
            return;
        }
        self.files_with_problems += 1;
        let index = self.keys.len();
        self.keys.push(path_key(&self.dir, &file.path));
        for reported in diagnostics {
            if reported.diagnostic.rule == STALE_RULE {
                continue;
            }
            self.entries.push(Recorded {
                file: index,
                rule: reported.diagnostic.rule.clone(),
                fingerprint: reported.fingerprint.clone(),
                line: reported.location.start.line,
                text: shown_text(source.as_deref(), reported),
            });
        }
    }

    /// Files with at least one problem.
    pub fn files_with_problems(&self) -> usize {
        self.files_with_problems
    }

    /// Writes the baseline `path`; returns the number of entries.
    pub fn write(mut self, path: &Path) -> anyhow::Result<usize> {
        let keys = &self.keys;
        self.entries.sort_by(|a, b| {
            (&keys[a.file], a.line, &a.rule).cmp(&(&keys[b.file], b.line, &b.rule))
        });
        let count = self.entries.len();
        let entries = self
            .entries
            .iter()
            .map(|e| EntryOut {
                path: &keys[e.file],
                rule: &e.rule,
                fingerprint: &e.fingerprint,
                line: e.line,
                text: &e.text,
            })
            .collect();
        let write = || -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
            serde_json::to_writer_pretty(
                &mut out,
                &BaselineOut {
                    version: 1,
                    entries,
                },
            )?;
            out.write_all(b"\n")?;
            out.flush()
        };
        write().with_context(|| format!("cannot write the baseline {}", path.display()))?;
        Ok(count)
    }
}

/// The key an entry is matched by.
fn lookup(path: &str, rule: &str, fingerprint: &str) -> String {
    format!("{path}\0{rule}\0{fingerprint}")
}

/// [`Baseline::filter`]: the entries not matched yet, as files stream past.
#[derive(Debug)]
pub struct BaselineFilter<'a> {
    baseline: &'a Baseline,
    /// By path, rule and fingerprint: the indices of the entries not yet
    /// matched (the last is matched first).
    remaining: HashMap<String, Vec<usize>>,
    matched: Vec<bool>,
    /// The indices of each path's entries, in baseline order.
    by_path: HashMap<&'a str, Vec<usize>>,
    report_stale: Option<doclint_core::Severity>,
    selection: &'a Selection,
}

impl BaselineFilter<'_> {
    /// Removes the problems of `file` the baseline accepts, and reports (as
    /// `stale-baseline-entry`, when that rule runs) the entries of the file
    /// that matched nothing. Returns how many problems it removed.
    pub fn apply(&mut self, file: &mut CheckedFile) -> usize {
        let key = path_key(&self.baseline.dir, &file.path);
        let FileOutcome::Checked { diagnostics, .. } = &mut file.outcome else {
            return 0;
        };
        let mut removed = 0;
        if self.by_path.contains_key(key.as_str()) {
            diagnostics.retain(|reported| {
                let slot = self.remaining.get_mut(&lookup(
                    &key,
                    &reported.diagnostic.rule,
                    &reported.fingerprint,
                ));
                match slot.and_then(Vec::pop) {
                    Some(entry) => {
                        self.matched[entry] = true;
                        removed += 1;
                        false
                    }
                    None => true,
                }
            });
        }
        let Some(severity) = self.report_stale else {
            return removed;
        };
        let entries = &self.baseline.entries;
        let mut stale: Vec<&Entry> = self
            .by_path
            .get(key.as_str())
            .into_iter()
            .flatten()
            .filter(|&&index| !self.matched[index])
            .map(|&index| &entries[index])
            .filter(|entry| self.selection.is_enabled(&entry.rule))
            .collect();
        stale.sort_by_key(|entry| (entry.line, &entry.rule));
        let start = Location { line: 1, column: 1 };
        let notes = stale.into_iter().map(|entry| {
            let message = format!(
                "baseline entry no longer occurs: [{}] {:?} (was line {})",
                entry.rule, entry.text, entry.line
            );
            Reported {
                diagnostic: Diagnostic::new(STALE_RULE, severity, Span::new(0, 0), message)
                    .with_help("refresh the baseline with --write-baseline"),
                location: SpanLocation { start, end: start },
                labels: Vec::new(),
                fingerprint: entry.fingerprint.clone(),
            }
        });
        diagnostics.splice(0..0, notes);
        removed
    }
}

impl Baseline {
    pub fn load(path: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the baseline {}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text).with_context(|| {
            format!(
                "{} is not a doclint baseline (write one with --write-baseline)",
                path.display()
            )
        })?;
        if file.version != 1 {
            anyhow::bail!(
                "{}: baseline version {} is not supported (expected 1)",
                path.display(),
                file.version
            );
        }
        Ok(Baseline {
            dir: baseline_dir(path),
            entries: file.entries,
        })
    }

    /// A filter for the files of a run, in order; `selection` says whether
    /// `stale-baseline-entry` runs.
    pub fn filter<'a>(&'a self, selection: &'a Selection) -> BaselineFilter<'a> {
        let mut remaining: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, entry) in self.entries.iter().enumerate() {
            remaining
                .entry(lookup(&entry.path, &entry.rule, &entry.fingerprint))
                .or_default()
                .push(index);
            by_path.entry(&entry.path).or_default().push(index);
        }
        BaselineFilter {
            baseline: self,
            remaining,
            matched: vec![false; self.entries.len()],
            by_path,
            report_stale: selection.severity(STALE_RULE),
            selection,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle");
        Span::new(start, start + needle.len())
    }

    #[test]
    fn fingerprint_ignores_text_on_other_lines() {
        let before = "Title\n\nIt was  here.\n";
        let after = "Title\n\nA new paragraph.\n\nIt was  here.\n";
        assert_eq!(
            fingerprint(before, "double-space", at(before, "  ")),
            fingerprint(after, "double-space", at(after, "  "))
        );
    }

    #[test]
    fn fingerprint_depends_on_rule_and_nearby_words() {
        let text = "It was  here.\nIt is  there.\n";
        let first = fingerprint(text, "double-space", at(text, "  here"));
        assert_ne!(
            first,
            fingerprint(text, "double-space", at(text, "  there"))
        );
        assert_ne!(first, fingerprint(text, "other-rule", at(text, "  here")));
        assert_eq!(first.len(), 16);
    }

    #[test]
    fn paths_are_relative_to_the_baseline_with_slashes() {
        let dir = absolute(Path::new("."));
        assert_eq!(path_key(&dir, Path::new("corpus/a.txt")), "corpus/a.txt");
        assert_eq!(
            path_key(&dir, Path::new("./corpus/../corpus/a.txt")),
            "corpus/a.txt"
        );
    }
}
