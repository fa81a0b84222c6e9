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

use std::borrow::Cow;

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
        // A file that could not be checked is not a file without problems.
        let unchecked = match self.failed_files {
            0 => String::new(),
            n => format!(
                " {} could not be checked.",
                if n == 1 {
                    "1 file".to_owned()
                } else {
                    format!("{n} files")
                }
            ),
        };
        if self.diagnostics == 0 {
            let checked = self.files - self.failed_files;
            if self.failed_files == 0 {
                return format!("No problems found in {}.", plural(self.files, "file"));
            }
            return format!(
                "No problems found in {checked} of {}.{unchecked}",
                plural(self.files, "file")
            );
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
            "Found {}{extras} in {} of {}.{unchecked}",
            plural(self.diagnostics, "problem"),
            self.files_with_problems,
            plural(self.files, "file")
        )
    }
}

/// How a character that would act on a terminal instead of showing is
/// printed: control characters (but tab and line feed) and the invisible
/// bidirectional controls, which reorder what follows them, as `\u{1b}`.
pub fn escaped_char(c: char) -> Option<String> {
    let acts = (c.is_control() && !matches!(c, '\t' | '\n'))
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        );
    acts.then(|| format!("\\u{{{:x}}}", c as u32))
}

/// `text` as it is safe to print on a terminal: see [`escaped_char`]. A
/// document's escape sequences, carriage returns and bidirectional
/// overrides would otherwise recolour, retitle or rewrite the reader's
/// terminal, or make a line show other than it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| escaped_char(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match escaped_char(c) {
            Some(escaped) => out.push_str(&escaped),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for a single-line field: line breaks shown escaped too.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return visible(text);
    }
    Cow::Owned(visible(text).replace('\n', "\\u{a}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_escaped() {
        assert_eq!(
            visible("a\u{1b}]0;title\u{7}b\u{1b}[31mc\rd\u{202e}e\u{2066}f\tg\nh"),
            "a\\u{1b}]0;title\\u{7}b\\u{1b}[31mc\\u{d}d\\u{202e}e\\u{2066}f\tg\nh"
        );
        assert!(matches!(visible("plain “text” — ok"), Cow::Borrowed(_)));
        assert_eq!(visible_line("a\nb"), "a\\u{a}b");
    }
}
