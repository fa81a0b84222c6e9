//! Printers: every way a run's results reach a person or a machine.
//!
//! Each takes the checked files as an iterator, in input order, and writes
//! as they come, so no printer holds a whole run: totals are running
//! counts, and what must come before the files (JUnit's counts) is written
//! after them into a spool.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod packs;
pub mod sarif;
pub mod statistics;

use doclint_core::{Applicability, Severity};

use crate::run::{CheckedFile, FileOutcome, Reported};

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_problems: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Diagnostics with a safe fix (`--fix` would apply it).
    pub fixable: usize,
    /// Diagnostics whose fix needs `--unsafe-fixes`.
    pub unsafe_fixable: usize,
    /// Files that could not be read or decoded.
    pub failed_files: usize,
}

impl Summary {
    /// Counts one more file of the run.
    pub fn add_file(&mut self, file: &CheckedFile) {
        self.files += 1;
        if let FileOutcome::Failed { .. } | FileOutcome::Skipped { .. } = file.outcome {
            self.failed_files += 1;
        }
        let diagnostics = file.diagnostics();
        if !diagnostics.is_empty() {
            self.files_with_problems += 1;
        }
        for reported in diagnostics {
            self.add(reported);
        }
    }

    fn add(&mut self, reported: &Reported) {
        let diagnostic = &reported.diagnostic;
        self.diagnostics += 1;
        match diagnostic.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
            Some(Applicability::Safe) => self.fixable += 1,
            Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
            None => {}
        }
    }

    /// The closing line of human output.
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        if self.diagnostics == 0 {
            return format!("No problems found in {}.", plural(self.files, "file"));
        }
        let mut extras = Vec::new();
        if self.fixable > 0 {
            extras.push(format!("{} fixable with --fix", self.fixable));
        }
        if self.unsafe_fixable > 0 {
            extras.push(format!("{} more with --unsafe-fixes", self.unsafe_fixable));
        }
        let extras = if extras.is_empty() {
            String::new()
        } else {
            format!(" ({})", extras.join(", "))
        };
        format!(
            "Found {}{extras} in {} of {}.",
            plural(self.diagnostics, "problem"),
            self.files_with_problems,
            plural(self.files, "file")
        )
    }
}
