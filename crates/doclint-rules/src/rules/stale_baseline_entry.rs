use doclint_core::{Diagnostic, Document};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With `doclint check --baseline FILE`, reports each entry of the
    /// baseline that no longer matches a problem in a checked file.
    ///
    /// ## Why is this bad?
    /// A baseline accepts the problems a document already had. Once one is
    /// fixed its entry should go, or a new problem with the same text and
    /// context would be silently accepted in its place.
    ///
    /// ## Example
    /// ```text
    /// info[stale-baseline-entry]: baseline entry no longer occurs: [double-space] "CHINA  DALIAN"
    /// ```
    /// Use instead: refresh the baseline with `--write-baseline FILE`.
    ///
    /// ## Fix safety
    /// No fix in the document; `--write-baseline` rewrites the baseline.
    /// The check command reports this rule itself while matching the
    /// baseline; entries for files not checked in the run, or for rules that
    /// did not run, are never called stale.
    pub struct StaleBaselineEntry {
        id: "stale-baseline-entry",
        category: Meta,
        severity: Info,
        fix: Never,
    }
}

impl Rule for StaleBaselineEntry {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// The check command's baseline pass reports this rule.
    fn check(&self, _doc: &Document, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
}
