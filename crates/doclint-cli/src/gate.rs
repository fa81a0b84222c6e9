//! What stands between the rules' findings and the report: severities
//! from the selection, `per-file-ignores`, and inline suppressions (with
//! the unused ones reported).

use std::collections::HashMap;
use std::path::Path;

use doclint_core::{Diagnostic, Document};
use doclint_rules::{Category, Rule};

use crate::config::PerFileIgnores;
use crate::selection::{Selection, Selector};
use crate::suppress::{SuppressedRules, Suppressions};

pub const UNUSED_RULE: &str = "unused-suppression";

/// Shared by every file of a run.
#[derive(Debug, Default)]
pub struct Gate {
    selection: Selection,
    per_file_ignores: PerFileIgnores,
    /// Category of every known rule (enabled or not), in registry order.
    known: Vec<(String, Category)>,
    categories: HashMap<String, Category>,
}

/// One file's suppressions, kept until its corpus-level findings are in.
#[derive(Debug, Default)]
pub struct FileGate {
    suppressions: Suppressions,
}

impl FileGate {
    pub fn has_suppressions(&self) -> bool {
        !self.suppressions.is_empty()
    }
}

/// Every rule's id and category, for [`Gate::new`].
pub fn known_rules(all_rules: &[Box<dyn Rule>]) -> Vec<(String, Category)> {
    all_rules
        .iter()
        .map(|rule| (rule.meta().id.to_string(), rule.meta().category))
        .collect()
}

impl Gate {
    /// `all_rules` is every rule that exists (to understand the names in
    /// suppression comments); `selection` says which of them run.
    /// `known` lists every rule that exists (see [`known_rules`]), selected
    /// or not.
    pub fn new(
        known: Vec<(String, Category)>,
        selection: Selection,
        per_file_ignores: PerFileIgnores,
    ) -> Gate {
        let categories = known.iter().cloned().collect();
        Gate {
            selection,
            per_file_ignores,
            known,
            categories,
        }
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    fn category(&self, rule: &str) -> Category {
        self.categories.get(rule).copied().unwrap_or(Category::Meta)
    }

    fn parse(&self, name: &str) -> Result<Selector, String> {
        Selector::parse_among(name, self.known.iter().map(|(id, _)| id.as_str()))
    }

    /// A file's findings as the report shows them: its own (`own`, sorted
    /// by position) and the corpus-level ones `decide` gave it, each
    /// through severities, `per-file-ignores` and suppressions, with the
    /// unused suppressions added; sorted by position (the file's own first
    /// when they tie).
    pub fn judge(
        &self,
        path: &Path,
        doc: &Document,
        mut own: Vec<Diagnostic>,
        corpus: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let file_gate = self.first_pass(path, doc, &mut own);
        self.finish(path, file_gate, own, corpus)
    }

    /// The rest of [`Gate::judge`] once the file's own findings went
    /// through [`Gate::first_pass`]: no Document needed.
    pub fn finish(
        &self,
        path: &Path,
        mut file_gate: FileGate,
        mut own: Vec<Diagnostic>,
        mut corpus: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if !corpus.is_empty() {
            self.filter(path, &mut file_gate, &mut corpus);
        }
        if file_gate.has_suppressions() {
            corpus.extend(self.unused(path, file_gate));
        }
        own.extend(corpus);
        // Stable, and linear on the sorted findings of most files.
        doclint_rules::sort_diagnostics(&mut own);
        own
    }

    /// Reads `doc`'s suppression comments and filters its findings.
    pub fn first_pass(
        &self,
        path: &Path,
        doc: &Document,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> FileGate {
        let mut state = FileGate {
            suppressions: Suppressions::of(doc, &|name| self.parse(name)),
        };
        self.filter(path, &mut state, diagnostics);
        state
    }

    /// Applies severities, `per-file-ignores` and suppressions to findings
    /// of the file `path`.
    fn filter(&self, path: &Path, state: &mut FileGate, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|diagnostic| {
            let category = self.category(&diagnostic.rule);
            if let Some(severity) = self.selection.override_for(&diagnostic.rule) {
                diagnostic.severity = severity;
            }
            !self
                .per_file_ignores
                .ignores(path, &diagnostic.rule, category)
                && !state.suppressions.suppresses(diagnostic, category)
        });
    }

    /// Removes the fixes of findings the user silenced (by `per-file-ignores`
    /// or a suppression comment), so `--fix` leaves them alone. The findings
    /// themselves stay, for the report to filter (and count as used).
    pub fn strip_silenced_fixes(
        &self,
        path: &Path,
        doc: &Document,
        diagnostics: &mut [Diagnostic],
    ) {
        if diagnostics.iter().all(|d| d.fix.is_none()) {
            return;
        }
        let mut suppressions = Suppressions::of(doc, &|name| self.parse(name));
        for diagnostic in diagnostics.iter_mut().filter(|d| d.fix.is_some()) {
            let category = self.category(&diagnostic.rule);
            if self
                .per_file_ignores
                .ignores(path, &diagnostic.rule, category)
                || suppressions.suppresses(diagnostic, category)
            {
                diagnostic.fix = None;
            }
        }
    }

    /// Whether `selector` names at least one rule that ran, so that its
    /// suppressing nothing means something.
    fn ran(&self, selector: &Selector) -> bool {
        self.known
            .iter()
            .any(|(id, category)| selector.matches(id, *category) && self.selection.is_enabled(id))
    }

    /// The `unused-suppression` findings of a file, once all its other
    /// findings have been filtered.
    fn unused(&self, path: &Path, state: FileGate) -> Vec<Diagnostic> {
        let Some(severity) = self.selection.severity(UNUSED_RULE) else {
            return Vec::new();
        };
        if self
            .per_file_ignores
            .ignores(path, UNUSED_RULE, Category::Meta)
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        let note = |span, message: String| {
            Diagnostic::new(UNUSED_RULE, severity, span, message)
                .with_help("remove the comment, or fix the names in it")
        };
        for problem in state.suppressions.problems {
            out.push(note(problem.comment, problem.message));
        }
        for region in state.suppressions.regions {
            let directive = if region.next_line {
                "doclint-disable-next-line"
            } else {
                "doclint-disable"
            };
            match &region.scope {
                SuppressedRules::All => {
                    if !region.used[0] {
                        out.push(note(
                            region.comment,
                            format!("unused suppression: `{directive}` suppressed nothing"),
                        ));
                    }
                }
                SuppressedRules::Some(selectors) => {
                    for (selector, used) in selectors.iter().zip(&region.used) {
                        if !used && self.ran(selector) {
                            out.push(note(
                                region.comment,
                                format!(
                                    "unused suppression: no `{selector}` problem to suppress here"
                                ),
                            ));
                        }
                    }
                }
            }
        }
        out
    }
}

/// The last step of the gate, taken as each file is reported, on every
/// path (check, `--diff`, `--fix`): findings the baseline already records
/// are dropped, and whatever is left is measured against `--fail-on`.
pub struct ReportGate<'a> {
    baseline: Option<crate::baseline::BaselineFilter<'a>>,
    fail_on: doclint_core::Severity,
    failing: bool,
}

impl<'a> ReportGate<'a> {
    pub fn new(
        gate: &'a Gate,
        baseline: Option<&'a crate::baseline::Baseline>,
        fail_on: doclint_core::Severity,
    ) -> ReportGate<'a> {
        ReportGate {
            baseline: baseline.map(|baseline| baseline.filter(gate.selection())),
            fail_on,
            failing: false,
        }
    }

    /// Filters `file` through the baseline and notes whether what is left
    /// fails the run.
    pub fn pass(&mut self, file: &mut crate::run::CheckedFile) {
        if let Some(filter) = self.baseline.as_mut() {
            filter.apply(file);
        }
        self.failing |= file
            .diagnostics()
            .iter()
            .any(|reported| reported.diagnostic.severity >= self.fail_on);
    }

    /// Whether some reported finding is at or above `--fail-on`.
    pub fn failing(&self) -> bool {
        self.failing
    }
}
