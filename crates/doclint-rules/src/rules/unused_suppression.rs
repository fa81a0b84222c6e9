use doclint_core::{Diagnostic, Document};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment that suppressed nothing: a
    /// `<!-- doclint-disable … -->`, `<!-- doclint-disable-next-line … -->`
    /// comment in Markdown whose rules found no problem in its range, or one
    /// that names a rule or category doclint does not know.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it silenced: once the text is fixed
    /// the comment only hides the next real problem in its range. Removing
    /// stale comments keeps the gate honest.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- doclint-disable-next-line double-space -->
    /// A line with single spaces only.
    /// ```
    /// Use instead: delete the comment.
    ///
    /// ## Fix safety
    /// No fix: whether the comment is still wanted is the author's call.
    /// The check command reports this rule itself, after every other rule
    /// has run; it is only reported for rules that ran (a comment naming a
    /// rule left out by `--select` is not called unused).
    pub struct UnusedSuppression {
        id: "unused-suppression",
        category: Meta,
        severity: Info,
        fix: Never,
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    /// The check command's suppression pass reports this rule: it needs the
    /// findings of every other rule, which a single rule never sees.
    fn check(&self, _doc: &Document, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
}
