//! The fix loop: apply the fixes, check the new text, repeat until nothing
//! more applies.
//!
//! One pass applies every fix at or above the threshold that does not
//! overlap a fix taken before it ([`apply_fixes`]: the first wins, the other
//! waits for the next pass). The loop stops when a pass applies nothing, when
//! a pass would bring back a text already seen (two rules undoing each
//! other), or after [`MAX_FIX_PASSES`] passes; the last two are reported as
//! [`NonConvergence`] and the result is the text after the last good pass.
//!
//! A fix that would edit a byte that is not prose (Markdown code, HTML,
//! front matter, link targets, markup; see [`Document::keeps_non_prose`])
//! is never applied, whatever the rule says: defence in depth.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use doclint_core::{
    apply_fixes, Applicability, Diagnostic, Document, DocumentKind, Fix, LineEnding, SourceText,
};
use thiserror::Error;

use crate::capped::MAX_FINDINGS_PER_RULE;
use crate::linter::{sort_diagnostics, Linter};

/// The most fix passes over one text.
pub const MAX_FIX_PASSES: usize = 10;

/// Fixes that kept changing the text: a defect of the rules involved.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error(
    "fixes did not converge after {passes} passes ({}rules: {}); kept the text of the last good pass",
    if *.cycle { "they undo each other; " } else { "" },
    .rules.join(", ")
)]
pub struct NonConvergence {
    pub passes: usize,
    /// Ids of the rules whose fixes were still applying, sorted.
    pub rules: Vec<String>,
    /// The fixes brought back a text already seen.
    pub cycle: bool,
}

/// What fixing one document produced.
#[derive(Debug)]
pub struct FixResult {
    /// The document after the last good pass (the original if nothing applied).
    pub document: Document,
    /// The findings that remain in `document`, sorted by position.
    pub remaining: Vec<Diagnostic>,
    /// Fixes applied, per rule id, sorted by id.
    pub applied: Vec<(String, usize)>,
    /// Passes that changed the text.
    pub passes: usize,
    pub error: Option<NonConvergence>,
}

impl FixResult {
    /// How many fixes were applied in all.
    pub fn fixed(&self) -> usize {
        self.applied.iter().map(|(_, n)| n).sum()
    }
}

impl Linter {
    /// Applies the per-document rules' fixes at or above `threshold` to
    /// `source` until nothing more applies. Corpus-level rules are left to
    /// the caller (see [`Linter::fix_with`]).
    pub fn fix(
        &self,
        source: SourceText,
        kind: DocumentKind,
        threshold: Applicability,
    ) -> FixResult {
        self.fix_with(source, kind, threshold, Vec::new())
    }

    /// Like [`Linter::fix`], also applying the fixes of `first` (findings
    /// about `source` made elsewhere, e.g. by a corpus-level rule) in the
    /// first pass. Those of them that do not apply stay in
    /// [`FixResult::remaining`] only if the text did not change.
    pub fn fix_with(
        &self,
        source: SourceText,
        kind: DocumentKind,
        threshold: Applicability,
        first: Vec<Diagnostic>,
    ) -> FixResult {
        fix_loop(Document::new(source, kind), threshold, first, |doc| {
            self.check(doc)
        })
    }

    /// Like [`Linter::fix_with`], with `guard` run on every pass's findings
    /// before their fixes are chosen: the caller's suppressions strip the
    /// fixes of findings the user silenced, so they are never applied.
    pub fn fix_guarded(
        &self,
        source: SourceText,
        kind: DocumentKind,
        threshold: Applicability,
        first: Vec<Diagnostic>,
        guard: &dyn Fn(&Document, &mut [Diagnostic]),
    ) -> FixResult {
        fix_loop(Document::new(source, kind), threshold, first, |doc| {
            let mut diagnostics = self.check(doc);
            guard(doc, &mut diagnostics);
            diagnostics
        })
    }

    /// Fixes `source` as if it were the whole corpus: corpus-level rules
    /// run over this one document in every pass. For standard input, tests
    /// and fuzzing.
    pub fn fix_alone(
        &self,
        source: SourceText,
        kind: DocumentKind,
        threshold: Applicability,
    ) -> FixResult {
        fix_loop(Document::new(source, kind), threshold, Vec::new(), |doc| {
            self.check_alone(doc)
        })
    }

    /// [`Linter::fix_alone`], showing `inspect` each pass's document and
    /// findings: for invariant checks (fuzzing) of every intermediate text.
    pub fn fix_alone_inspecting(
        &self,
        source: SourceText,
        kind: DocumentKind,
        threshold: Applicability,
        mut inspect: impl FnMut(&Document, &[Diagnostic]),
    ) -> FixResult {
        fix_loop(Document::new(source, kind), threshold, Vec::new(), |doc| {
            let found = self.check_alone(doc);
            inspect(doc, &found);
            found
        })
    }

    /// Every finding in `doc` when it is the whole corpus: the per-document
    /// rules and the corpus-level rules over this one document.
    pub fn check_alone(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut out = self.check(doc);
        if self.has_corpus_rules() {
            let facts = self.gather(0, doc);
            out.extend(self.decide(vec![(0, facts)]).into_iter().map(|(_, d)| d));
            sort_diagnostics(&mut out);
        }
        out
    }
}

/// The fix loop over `doc`, whose findings in each pass are `diagnose`'s
/// (plus `first` in the first pass): the one loop every fix goes through.
pub(crate) fn fix_loop(
    mut doc: Document,
    threshold: Applicability,
    mut first: Vec<Diagnostic>,
    mut diagnose: impl FnMut(&Document) -> Vec<Diagnostic>,
) -> FixResult {
    let kind = doc.kind();
    let mut seen = vec![text_hash(doc.text())];
    let mut applied: Vec<(String, usize)> = Vec::new();
    let mut passes = 0;
    // Passes in which a rule offered as many fixes as it may keep
    // (`capped`): they do not count towards `MAX_FIX_PASSES`, as the rest
    // of that rule's fixes wait for the next pass; a budget of them that
    // grows with the text still ends a loop that never settles.
    let mut capped_passes = 0;
    let capped_budget = 1 + doc.text().len() / MAX_FINDINGS_PER_RULE;
    loop {
        let mut diagnostics = diagnose(&doc);
        diagnostics.append(&mut first);
        let candidates: Vec<(usize, Cow<'_, Fix>)> = diagnostics
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.fix.as_ref().map(|fix| (i, fix)))
            .filter(|(_, fix)| {
                fix.applicability >= threshold
                    && keeps_file_shape(fix, &doc)
                    && doc.keeps_non_prose(fix)
            })
            .map(|(i, fix)| {
                (
                    i,
                    with_line_ending(fix, doc.text(), doc.source().line_ending),
                )
            })
            .collect();
        let capped = reaches_cap(candidates.iter().map(|&(i, _)| &*diagnostics[i].rule));
        let fixes: Vec<&Fix> = candidates.iter().map(|(_, fix)| fix.as_ref()).collect();
        let outcome = apply_fixes(doc.text(), &fixes, threshold);
        let rules_applied = || -> Vec<String> {
            let mut rules: Vec<String> = outcome
                .applied
                .iter()
                .map(|&k| diagnostics[candidates[k].0].rule.to_string())
                .collect();
            rules.sort();
            rules.dedup();
            rules
        };
        // A fix that rewrites text into itself changes nothing: settled.
        let error = if outcome.applied.is_empty() || outcome.text == doc.text() {
            None
        } else if passes - capped_passes == MAX_FIX_PASSES
            && !(capped && capped_passes < capped_budget)
        {
            Some(NonConvergence {
                passes,
                rules: rules_applied(),
                cycle: false,
            })
        } else if seen.contains(&text_hash(&outcome.text)) {
            Some(NonConvergence {
                passes,
                rules: rules_applied(),
                cycle: true,
            })
        } else {
            for &k in &outcome.applied {
                let rule = &diagnostics[candidates[k].0].rule;
                match applied.iter_mut().find(|(id, _)| id == rule) {
                    Some((_, count)) => *count += 1,
                    None => applied.push((rule.to_string(), 1)),
                }
            }
            passes += 1;
            if capped && capped_passes < capped_budget {
                capped_passes += 1;
            }
            seen.push(text_hash(&outcome.text));
            let source = doc.source();
            let next = SourceText {
                text: outcome.text,
                bom_len: source.bom_len,
                line_ending: source.line_ending,
            };
            doc = Document::new(next, kind);
            continue;
        };
        drop(candidates);
        applied.sort();
        return FixResult {
            document: doc,
            remaining: diagnostics,
            applied,
            passes,
            error,
        };
    }
}

/// Whether one rule offers [`MAX_FINDINGS_PER_RULE`] fixes or more (so
/// some of its findings may have been left out), given each fix's rule.
fn reaches_cap<'a>(rules: impl Iterator<Item = &'a str>) -> bool {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    rules.into_iter().any(|rule| {
        let count = counts.entry(rule).or_insert(0);
        *count += 1;
        *count >= MAX_FINDINGS_PER_RULE
    })
}

fn text_hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A fix must leave the byte-order mark alone and never split a CRLF pair:
/// the file keeps its encoding signature and its line endings.
fn keeps_file_shape(fix: &Fix, doc: &Document) -> bool {
    let bytes = doc.text().as_bytes();
    let bom_len = doc.source().bom_len;
    let splits_crlf =
        |offset: usize| offset > 0 && bytes.get(offset - 1..=offset) == Some(b"\r\n".as_slice());
    fix.edits.iter().all(|edit| {
        (bom_len == 0 || edit.span.start() >= bom_len)
            && !splits_crlf(edit.span.start())
            && !splits_crlf(edit.span.end())
    })
}

/// A fix that inserts line breaks writes them as the file does: `\n`
/// becomes `\r\n` in a CRLF file.
fn with_line_ending<'a>(fix: &'a Fix, text: &str, ending: LineEnding) -> Cow<'a, Fix> {
    let needs_cr = |replacement: &str, start: usize| {
        let bytes = replacement.as_bytes();
        bytes.iter().enumerate().any(|(i, &b)| {
            let before = if i == 0 {
                text.as_bytes().get(start.wrapping_sub(1)).copied()
            } else {
                Some(bytes[i - 1])
            };
            b == b'\n' && before != Some(b'\r')
        })
    };
    if ending != LineEnding::CrLf
        || !fix
            .edits
            .iter()
            .any(|edit| needs_cr(&edit.replacement, edit.span.start()))
    {
        return Cow::Borrowed(fix);
    }
    let mut fix = fix.clone();
    for edit in &mut fix.edits {
        let start = edit.span.start();
        let mut out = String::with_capacity(edit.replacement.len() + 2);
        let mut before = text.as_bytes().get(start.wrapping_sub(1)).copied();
        for c in edit.replacement.chars() {
            if c == '\n' && before != Some(b'\r') {
                out.push('\r');
            }
            out.push(c);
            before = u8::try_from(c).ok().or(Some(0));
        }
        edit.replacement = out;
    }
    Cow::Owned(fix)
}

#[cfg(test)]
mod tests {
    use doclint_core::{decode, Edit, Span};

    use super::*;
    use crate::registry;
    use crate::rule::{Context, Rule, RuleMeta, Settings};

    fn linter(rules: Vec<Box<dyn Rule>>) -> Linter {
        Linter::new(rules, Settings::default())
    }

    fn source(text: &str) -> SourceText {
        decode(text.as_bytes().to_vec()).expect("test text decodes")
    }

    fn fix_text(linter: &Linter, text: &str, threshold: Applicability) -> FixResult {
        linter.fix(source(text), DocumentKind::PlainText, threshold)
    }

    declare_rule! {
        /// ## What it does
        /// Test rule: replaces every `a` with `b` (unsafe).
        pub struct AToB { id: "a-to-b", category: Lexical, severity: Warning, fix: Always }
    }
    declare_rule! {
        /// ## What it does
        /// Test rule: replaces every `b` with `a`.
        pub struct BToA { id: "b-to-a", category: Lexical, severity: Warning, fix: Always }
    }
    declare_rule! {
        /// ## What it does
        /// Test rule: "fixes" every `a` into itself.
        pub struct AToA { id: "a-to-a", category: Lexical, severity: Warning, fix: Always }
    }
    declare_rule! {
        /// ## What it does
        /// Test rule: always appends one more `!` at the end.
        pub struct MoreBang { id: "more-bang", category: Lexical, severity: Warning, fix: Always }
    }
    declare_rule! {
        /// ## What it does
        /// Test rule: inserts a line break before every `|`.
        pub struct BreakBeforeBar { id: "break-before-bar", category: Structure, severity: Warning, fix: Always }
    }

    fn replace_char(
        doc: &Document,
        meta: &RuleMeta,
        from: char,
        to: &str,
        out: &mut Vec<Diagnostic>,
        safe: bool,
    ) {
        for (offset, _) in doc.text().match_indices(from) {
            let span = Span::new(offset, offset + from.len_utf8());
            let edits = vec![Edit::replace(span, to)];
            let fix = if safe {
                Fix::safe("swap", edits)
            } else {
                Fix::unsafe_("swap", edits)
            };
            out.push(meta.diagnostic(span, "swap").with_fix(fix));
        }
    }

    declare_rule! {
        /// ## What it does
        /// Test rule: turns every double space into one, even in code.
        pub struct SquashEverywhere { id: "squash-everywhere", category: Whitespace, severity: Warning, fix: Always }
    }

    impl Rule for SquashEverywhere {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
            for (offset, _) in doc.text().match_indices("  ") {
                let span = Span::new(offset, offset + 2);
                out.push(
                    Self::META
                        .diagnostic(span, "squash")
                        .with_fix(Fix::safe("squash", vec![Edit::replace(span, " ")])),
                );
            }
        }
    }

    impl Rule for AToB {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
            replace_char(doc, &Self::META, 'a', "b", out, false);
        }
    }
    impl Rule for BToA {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
            replace_char(doc, &Self::META, 'b', "a", out, true);
        }
    }
    impl Rule for AToA {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
            replace_char(doc, &Self::META, 'a', "a", out, true);
        }
    }
    impl Rule for MoreBang {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
            let end = doc.text().len();
            out.push(
                Self::META
                    .diagnostic(Span::new(end, end), "more")
                    .with_fix(Fix::safe("bang", vec![Edit::insert(end, "!")])),
            );
        }
    }
    impl Rule for BreakBeforeBar {
        fn meta(&self) -> &RuleMeta {
            &Self::META
        }
        fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
            for (offset, _) in doc.text().match_indices(" |") {
                let span = Span::new(offset, offset + 1);
                out.push(
                    Self::META
                        .diagnostic(span, "bar")
                        .with_fix(Fix::safe("break", vec![Edit::replace(span, "\n")])),
                );
            }
        }
    }

    #[test]
    fn whitespace_rules_converge_and_report_what_they_fixed() {
        let linter = linter(registry::builtin_rules());
        let result = fix_text(
            &linter,
            // Ordinary trailing spaces are no finding; a no-break one is.
            "Dalian\u{a0}  and  more . \u{a0}\n\n\n\nNext.",
            Applicability::Safe,
        );
        assert_eq!(result.document.text(), "Dalian and more.\n\nNext.");
        assert!(result.error.is_none());
        assert!(result.remaining.is_empty(), "{:?}", result.remaining);
        assert!(result.passes >= 1 && result.passes <= MAX_FIX_PASSES);
        let rules: Vec<&str> = result.applied.iter().map(|(id, _)| id.as_str()).collect();
        assert!(
            rules.contains(&"irregular-whitespace") && rules.contains(&"blank-lines"),
            "{rules:?}"
        );
        assert_eq!(
            result.fixed(),
            result.applied.iter().map(|(_, n)| n).sum::<usize>()
        );
    }

    #[test]
    fn clean_text_is_returned_untouched_with_no_pass() {
        let linter = linter(registry::builtin_rules());
        let result = fix_text(&linter, "A clean line.\n", Applicability::Safe);
        assert_eq!(result.document.text(), "A clean line.\n");
        assert_eq!((result.passes, result.fixed()), (0, 0));
    }

    #[test]
    fn unsafe_fixes_wait_for_the_unsafe_threshold() {
        let linter = linter(vec![Box::new(AToB)]);
        let safe = fix_text(&linter, "aa", Applicability::Safe);
        assert_eq!(safe.document.text(), "aa");
        assert_eq!(safe.remaining.len(), 2, "unfixed findings remain");
        let unsafe_ = fix_text(&linter, "aa", Applicability::Unsafe);
        assert_eq!(unsafe_.document.text(), "bb");
        assert_eq!(unsafe_.applied, vec![("a-to-b".to_owned(), 2)]);
    }

    #[test]
    fn rules_undoing_each_other_are_a_cycle_naming_both() {
        let linter = linter(vec![Box::new(AToB), Box::new(BToA)]);
        let result = fix_text(&linter, "ab", Applicability::Unsafe);
        let error = result.error.expect("does not converge");
        assert!(error.cycle);
        assert_eq!(error.rules, vec!["a-to-b", "b-to-a"]);
        // "ab" -> "ba" -> "ab" again: the last good pass left "ba".
        assert_eq!(result.document.text(), "ba");
        assert!(error.to_string().contains("a-to-b, b-to-a"), "{error}");
    }

    #[test]
    fn a_fix_that_changes_nothing_is_settled_not_a_cycle() {
        let linter = linter(vec![Box::new(AToA)]);
        let result = fix_text(&linter, "a cat", Applicability::Safe);
        assert!(result.error.is_none(), "{:?}", result.error);
        assert_eq!(
            (result.document.text(), result.passes, result.fixed()),
            ("a cat", 0, 0)
        );
        assert_eq!(result.remaining.len(), 2);
    }

    #[test]
    fn every_pass_is_shown_to_the_inspector() {
        let linter = linter(vec![Box::new(MoreBang)]);
        let mut seen = Vec::new();
        let result = linter.fix_alone_inspecting(
            source("Go"),
            DocumentKind::PlainText,
            Applicability::Safe,
            |doc, found| {
                seen.push((doc.text().to_owned(), found.len()));
            },
        );
        assert_eq!(seen.len(), MAX_FIX_PASSES + 1);
        assert_eq!(seen[0], ("Go".to_owned(), 1));
        assert_eq!(seen[1].0, "Go!");
        assert!(result.error.is_some());
    }

    #[test]
    fn endless_fixes_stop_after_the_pass_limit() {
        let linter = linter(vec![Box::new(MoreBang)]);
        let result = fix_text(&linter, "Go", Applicability::Safe);
        let error = result.error.expect("does not converge");
        assert!(!error.cycle);
        assert_eq!(error.passes, MAX_FIX_PASSES);
        assert_eq!(error.rules, vec!["more-bang"]);
        assert_eq!(
            result.document.text(),
            format!("Go{}", "!".repeat(MAX_FIX_PASSES))
        );
    }

    #[test]
    fn more_fixes_than_a_rule_may_keep_are_all_applied_in_extra_passes() {
        // A rule keeps 10,000 findings per file and pass: 150,000 fixes take
        // 15 passes, and the passes that reach the cap do not count towards
        // the limit (they were reported as not converging after 10).
        let count = 15 * crate::capped::MAX_FINDINGS_PER_RULE;
        let linter = linter(vec![Box::new(BToA)]);
        let result = fix_text(&linter, &"b ".repeat(count), Applicability::Safe);
        assert!(result.error.is_none(), "{:?}", result.error);
        assert_eq!(result.document.text(), "a ".repeat(count));
        assert_eq!((result.passes, result.fixed()), (15, count));
    }

    #[test]
    fn inserted_line_breaks_follow_the_file() {
        let linter = linter(vec![Box::new(BreakBeforeBar)]);
        let crlf = fix_text(&linter, "a |b\r\nc |d\r\n", Applicability::Safe);
        assert_eq!(crlf.document.text(), "a\r\n|b\r\nc\r\n|d\r\n");
        let lf = fix_text(&linter, "a |b\nc\n", Applicability::Safe);
        assert_eq!(lf.document.text(), "a\n|b\nc\n");
    }

    #[test]
    fn bom_and_crlf_pairs_are_never_edited() {
        let text = "\u{feff}a\r\nb";
        let doc = Document::new(source(text), DocumentKind::PlainText);
        let edit = |start, end| Fix::safe("t", vec![Edit::replace(Span::new(start, end), "")]);
        assert!(!keeps_file_shape(&edit(0, 3), &doc), "BOM");
        assert!(
            !keeps_file_shape(&edit(3, 5), &doc),
            "splits CRLF at its end"
        );
        assert!(
            !keeps_file_shape(&edit(5, 7), &doc),
            "splits CRLF at its start"
        );
        assert!(keeps_file_shape(&edit(3, 4), &doc), "the word itself");
        assert!(keeps_file_shape(&edit(4, 6), &doc), "the whole CRLF");
    }

    #[test]
    fn fixes_that_edit_code_or_markup_are_refused() {
        let linter = linter(vec![Box::new(SquashEverywhere)]);
        let text = "Some  prose.\n\n    indented  code\n\n-   item with `a  b` and [x](<a  b>)\n\n```\nfenced  code\n```\n";
        let result = linter.fix(source(text), DocumentKind::Markdown, Applicability::Safe);
        assert_eq!(
            result.document.text(),
            "Some prose.\n\n    indented  code\n\n-   item with `a  b` and [x](<a  b>)\n\n```\nfenced  code\n```\n"
        );
        assert_eq!(result.fixed(), 1);
    }

    #[test]
    fn an_edit_may_delete_non_prose_with_the_prose_around_it() {
        let doc = Document::new(source("A `x` b.\n"), DocumentKind::Markdown);
        let edit =
            |start, end, to: &str| Fix::safe("t", vec![Edit::replace(Span::new(start, end), to)]);
        assert!(
            doc.keeps_non_prose(&edit(0, 6, "")),
            "the words and the code"
        );
        assert!(doc.keeps_non_prose(&edit(0, 6, "The `x` ")), "written back");
        assert!(!doc.keeps_non_prose(&edit(2, 5, "")), "the code alone");
        assert!(!doc.keeps_non_prose(&edit(3, 4, "y")), "inside the code");
        assert!(!doc.keeps_non_prose(&edit(1, 3, " ")), "cuts into it");
        assert!(!doc.keeps_non_prose(&edit(4, 4, "y")), "inserts inside it");
        assert!(doc.keeps_non_prose(&edit(5, 5, " ")), "inserts after it");
        let doc = Document::new(
            source("Parse [Parse the docs](https://x.org) now.\n\nNext [link](y).\n"),
            DocumentKind::Markdown,
        );
        assert!(
            !doc.keeps_non_prose(&edit(5, 12, "")),
            "cuts the link in two"
        );
        assert!(doc.keeps_non_prose(&edit(0, 43, "")), "the whole paragraph");
    }

    #[test]
    fn first_diagnostics_apply_in_the_first_pass() {
        let linter = linter(vec![Box::new(BToA)]);
        let outside = AToB::META
            .diagnostic(Span::new(0, 1), "from the corpus")
            .with_fix(Fix::unsafe_(
                "swap",
                vec![Edit::replace(Span::new(0, 1), "c")],
            ));
        let result = linter.fix_with(
            source("xb"),
            DocumentKind::PlainText,
            Applicability::Unsafe,
            vec![outside],
        );
        assert_eq!(result.document.text(), "ca");
        assert!(result.error.is_none());
    }
}
