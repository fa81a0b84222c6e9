//! Glossary terms (`[[terms]]`, by convention in `rules/glossary/*.toml`)
//! compiled into the one `terminology` rule: a substitution rule whose
//! swaps are the terms' discouraged variants, each replaced by the
//! preferred term with an unsafe fix.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use doclint_core::{Applicability, Severity};
use toml::Spanned;

use super::docs::{self, TermDocs};
use super::errors::{PackError, PackLabel};
use super::load::{needles_of, point_into_string, FileCx};
use super::matcher::{
    fold_phrase, CaseMode, Finder, Needle, ParagraphScope, PhraseIndexBuilder, TaggedNeedle,
};
use super::schema::RawTerm;
use super::substitution::{SubstitutionRule, SwapTarget};
use super::{CompiledRule, PackSource};
use crate::rule::{Category, FixAvailability, RuleMeta};

/// The id of the glossary rule.
pub const TERMINOLOGY: &str = "terminology";

const MESSAGE: &str = "“{match}” is not the glossary’s term: write “{replacement}”";

pub(crate) fn compile_terms(
    sources: &[PackSource],
    terms: &[(usize, &Spanned<RawTerm>)],
    index: &mut PhraseIndexBuilder,
    errors: &mut Vec<PackError>,
) -> Option<CompiledRule> {
    if terms.is_empty() {
        return None;
    }
    let errors_before = errors.len();
    let mut needles = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut targets = Vec::new();
    let mut examples = Vec::new();
    let mut listing = Vec::new();
    // Which term claimed a variant first: (source, span).
    let mut claimed: HashMap<(String, bool), (usize, Range<usize>)> = HashMap::new();

    for &(source_index, spanned) in terms {
        let term = spanned.get_ref();
        let source = &sources[source_index];
        let mut cx = FileCx {
            source,
            source_index,
            errors,
        };
        let preferred = term.preferred.get_ref();
        let severity = cx.severity(term.severity.as_ref());
        let case = cx.case(term.case.as_ref()).unwrap_or(CaseMode::Insensitive);
        if preferred.trim().is_empty() {
            cx.error(term.preferred.span(), "the preferred term is empty");
        }
        if term.variants.is_empty() && term.patterns.is_empty() {
            cx.error(
                term.preferred.span(),
                "a term needs `variants` or `patterns` to flag",
            );
        }
        for variant in &term.variants {
            let key = claim_key(variant.get_ref(), case);
            if key == claim_key(preferred, case) {
                cx.error(variant.span(), "this variant is the preferred term itself");
                continue;
            }
            match claimed.get(&key) {
                Some((first_source, first_span)) => {
                    let first = &sources[*first_source];
                    let label = PackLabel {
                        path: first.path.clone(),
                        text: first.text.clone(),
                        span: first_span.clone(),
                        message: "first listed here".to_owned(),
                    };
                    let error = PackError::at(
                        &source.path,
                        &source.text,
                        variant.span(),
                        format!("variant “{}” is listed under two terms", variant.get_ref()),
                    )
                    .with_label(label);
                    cx.errors.push(error);
                }
                None => {
                    claimed.insert(key, (source_index, variant.span()));
                }
            }
        }
        let tag = targets.len() as u32;
        let (n, s) = needles_of(&term.variants, &term.patterns, tag, case);
        let listed: Vec<Needle> = n.iter().map(|(needle, _, _)| needle.clone()).collect();
        needles.extend(n);
        spans.extend(s);
        let help = match &term.note {
            Some(note) => note.trim().to_owned(),
            None => format!("the glossary prefers “{preferred}”"),
        };
        targets.push(SwapTarget {
            to: preferred.clone(),
            message: None,
            help: Some(help),
            severity,
        });
        examples.extend(cx.examples(&term.examples, true, &format!("term “{preferred}”")));
        listing.push(TermDocs {
            preferred: preferred.clone(),
            variants: listed,
            note: term.note.clone(),
            source: term.source.clone(),
            link: term.link.clone(),
            severity: severity.unwrap_or(Severity::Warning),
        });
    }

    // Needles of several files: compile once, report failures per file.
    let finder = match Finder::new(&needles, ParagraphScope::All, index) {
        Ok(finder) => Some(finder),
        Err(failures) => {
            for failure in failures {
                let (source_index, span) = locate(terms, &needles, failure.index, &spans);
                let source = &sources[source_index];
                let span = point_into_string(&source.text, span, failure.offset);
                errors.push(PackError::at(
                    &source.path,
                    &source.text,
                    span,
                    failure.message,
                ));
            }
            None
        }
    };
    if errors.len() > errors_before {
        return None;
    }
    let meta = RuleMeta {
        id: Cow::Borrowed(TERMINOLOGY),
        category: Category::Language,
        default_severity: Severity::Warning,
        fix: FixAvailability::Always,
        docs: Cow::Owned(docs::terminology_docs(&listing, &examples)),
    };
    Some(CompiledRule {
        rule: Box::new(SubstitutionRule {
            meta,
            finder: finder?,
            targets,
            message: MESSAGE.to_owned(),
            help: None,
            fix: Some(Applicability::Unsafe),
        }),
        examples,
    })
}

fn claim_key(phrase: &str, case: CaseMode) -> (String, bool) {
    let folded = fold_phrase(phrase);
    match case {
        CaseMode::Insensitive => (folded.to_ascii_lowercase(), false),
        CaseMode::Sensitive => (folded, true),
    }
}

/// The file and span of needle `index`: needles were pushed term by term.
fn locate(
    terms: &[(usize, &Spanned<RawTerm>)],
    needles: &[TaggedNeedle],
    index: usize,
    spans: &[Range<usize>],
) -> (usize, Range<usize>) {
    let tag = needles
        .get(index)
        .map(|(_, tag, _)| *tag as usize)
        .unwrap_or(0);
    let source = terms.get(tag).map(|(source, _)| *source).unwrap_or(0);
    (source, spans.get(index).cloned().unwrap_or(0..0))
}
