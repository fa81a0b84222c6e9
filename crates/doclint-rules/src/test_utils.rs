//! Small helpers for rule tests, in the spirit of Harper's: each test states
//! the behaviour it pins down in one line.

use doclint_core::{Applicability, Diagnostic, Document, DocumentKind};

use crate::rule::{Context, FixAvailability, Rule, Settings};

/// Runs `rule` (with its corpus phase, over this one document) on `doc`.
/// Panics if the rule emits fixes it does not declare.
#[track_caller]
pub fn lint_document(rule: &dyn Rule, doc: &Document) -> Vec<Diagnostic> {
    let settings = Settings::default();
    let cx = Context {
        settings: &settings,
    };
    let mut out = Vec::new();
    rule.check(doc, &cx, &mut out);
    if let Some(corpus) = rule.corpus() {
        let facts = corpus.gather(0, doc, &cx);
        out.extend(
            corpus
                .decide(vec![(0, facts)], &cx)
                .into_iter()
                .map(|(_, d)| d),
        );
    }
    crate::sort_diagnostics(&mut out);
    let meta = rule.meta();
    for diagnostic in &out {
        assert_eq!(diagnostic.rule, meta.id, "diagnostic carries its rule's id");
        assert!(diagnostic.span.end() <= doc.text().len());
        assert!(doc.text().is_char_boundary(diagnostic.span.start()));
        assert!(doc.text().is_char_boundary(diagnostic.span.end()));
        match meta.fix {
            FixAvailability::Never => assert!(
                diagnostic.fix.is_none(),
                "{} declares no fixes but emitted one: {diagnostic:?}",
                meta.id
            ),
            FixAvailability::Always => assert!(
                diagnostic.fix.is_some(),
                "{} declares a fix on every diagnostic but emitted none: {diagnostic:?}",
                meta.id
            ),
            FixAvailability::Sometimes => {}
        }
    }
    out
}

#[track_caller]
pub fn lint(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    lint_document(rule, &Document::from_text(text))
}

#[track_caller]
pub fn lint_markdown(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    let source = doclint_core::decode(text.as_bytes().to_vec()).expect("test text is UTF-8");
    lint_document(rule, &Document::new(source, DocumentKind::Markdown))
}

/// The flagged text of each diagnostic.
#[track_caller]
pub fn flagged<'a>(rule: &dyn Rule, text: &'a str) -> Vec<&'a str> {
    lint(rule, text)
        .iter()
        .map(|d| &text[d.span.range()])
        .collect()
}

#[track_caller]
pub fn assert_lint_count(rule: &dyn Rule, text: &str, count: usize) {
    let found = lint(rule, text);
    assert_eq!(
        found.len(),
        count,
        "expected {count} diagnostics from {} in {text:?}, got {found:#?}",
        rule.meta().id
    );
}

#[track_caller]
pub fn assert_no_lints(rule: &dyn Rule, text: &str) {
    assert_lint_count(rule, text, 0);
}

/// Applies the rule's fixes at `threshold` until nothing changes, through
/// the linter's own fix loop (the one `--fix` runs), and checks that it
/// converged.
#[track_caller]
pub fn fixed_text(rule: &dyn Rule, text: &str, threshold: Applicability) -> String {
    let result = crate::fixer::fix_loop(Document::from_text(text), threshold, Vec::new(), |doc| {
        lint_document(rule, doc)
    });
    if let Some(error) = result.error {
        panic!("fixes of {} on {text:?}: {error}", rule.meta().id);
    }
    result.document.into_source().text
}

#[track_caller]
pub fn assert_safe_fix(rule: &dyn Rule, text: &str, expected: &str) {
    assert_eq!(fixed_text(rule, text, Applicability::Safe), expected);
}

#[track_caller]
#[allow(dead_code)] // used by rules with unsafe fixes
pub fn assert_unsafe_fix(rule: &dyn Rule, text: &str, expected: &str) {
    assert_eq!(
        fixed_text(rule, text, Applicability::Safe),
        text,
        "no safe fix expected"
    );
    assert_eq!(fixed_text(rule, text, Applicability::Unsafe), expected);
}
