//! Invariants every document model and every rule keeps on any input.
//!
//! The fuzz targets (`fuzz/`) and the property tests (`tests/properties.rs`)
//! drive arbitrary input through these checks; a [`Violation`] is a bug in
//! doclint, never in the input. The checks are generic over the rules of a
//! [`Linter`], so a rule added to the registry is covered without a change
//! here.

use doclint_core::{
    decode, Applicability, Diagnostic, Document, DocumentKind, FileId, LoadError, SourceText, Span,
};
use thiserror::Error;

use crate::registry;
use crate::rule::Settings;
use crate::Linter;

/// Fixing must settle within this many passes.
pub use crate::fixer::MAX_FIX_PASSES;

/// A broken invariant: what broke, and where.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Violation {
    #[error("{what}: span {start}..{end} lies outside the text ({len} bytes)")]
    OutOfBounds {
        what: String,
        start: u32,
        end: u32,
        len: usize,
    },
    #[error("{what}: span {start}..{end} splits a character")]
    NotOnCharBoundary { what: String, start: u32, end: u32 },
    #[error("{what}: {detail}")]
    Model { what: String, detail: String },
    #[error("fixes did not converge within {MAX_FIX_PASSES} passes; last text {last:?}")]
    NoConvergence { last: String },
    #[error("the fixed text no longer loads: {error}")]
    FixedTextUnloadable { error: LoadError },
    #[error("fixing the fixed text changed it again: {before:?} became {after:?}")]
    NotIdempotent { before: String, after: String },
    #[error("fixing changed the file's {what}: {before:?} became {after:?}")]
    FileShapeChanged {
        what: &'static str,
        before: String,
        after: String,
    },
}

/// A linter with every rule doclint ships (built-in rules, the glossary and
/// the built-in packs), as a fuzzer or a property test should exercise it.
pub fn full_linter() -> Result<Linter, crate::packs::PackErrors> {
    let rules = registry::all_rules::<&std::path::Path>(&[])?;
    Ok(Linter::new(rules, Settings::default()))
}

fn model(what: impl Into<String>, detail: impl Into<String>) -> Violation {
    Violation::Model {
        what: what.into(),
        detail: detail.into(),
    }
}

/// The span lies inside `text` and starts and ends on character boundaries.
pub fn check_span(text: &str, span: Span, what: impl FnOnce() -> String) -> Result<(), Violation> {
    if span.start > span.end || span.end() > text.len() {
        return Err(Violation::OutOfBounds {
            what: what(),
            start: span.start,
            end: span.end,
            len: text.len(),
        });
    }
    if !text.is_char_boundary(span.start()) || !text.is_char_boundary(span.end()) {
        return Err(Violation::NotOnCharBoundary {
            what: what(),
            start: span.start,
            end: span.end,
        });
    }
    Ok(())
}

fn check_range(
    range: &std::ops::Range<u32>,
    len: usize,
    what: impl FnOnce() -> String,
) -> Result<(), Violation> {
    if range.start > range.end || range.end as usize > len {
        return Err(model(
            what(),
            format!("index range {range:?} outside 0..{len}"),
        ));
    }
    Ok(())
}

/// Every fact of the document model points into the text, on character
/// boundaries, in order, and the cross-references between facts hold.
pub fn check_document(doc: &Document) -> Result<(), Violation> {
    let text = doc.text();
    let bom = doc.source().bom_len;

    let lines = doc.lines();
    let mut expected_start = bom;
    for (i, line) in lines.iter().enumerate() {
        check_span(text, line.span, || format!("line {i}"))?;
        if line.span.start() != expected_start {
            return Err(model(
                format!("line {i}"),
                format!("starts at {} instead of {expected_start}", line.span.start),
            ));
        }
        let next = line.end_with_terminator as usize;
        if next < line.span.end() || next > text.len() || !text.is_char_boundary(next) {
            return Err(model(
                format!("line {i}"),
                format!("bad terminator end {next}"),
            ));
        }
        expected_start = next;
    }
    if lines.last().is_some_and(|l| l.span.end() != text.len()) {
        return Err(model("last line", "does not end at the end of the text"));
    }

    let tokens = doc.tokens();
    let mut previous_end = 0u32;
    for (i, token) in tokens.iter().enumerate() {
        check_span(text, token.span, || format!("token {i} ({:?})", token.kind))?;
        if token.span.start < previous_end {
            return Err(model(
                format!("token {i}"),
                "overlaps or precedes the previous token",
            ));
        }
        if token.span.is_empty() {
            return Err(model(format!("token {i} ({:?})", token.kind), "is empty"));
        }
        previous_end = token.span.end;
    }

    let mut previous_end = 0u32;
    for (i, span) in doc.non_prose().iter().enumerate() {
        check_span(text, *span, || format!("non-prose range {i}"))?;
        if span.start < previous_end {
            return Err(model(
                format!("non-prose range {i}"),
                "not sorted or overlaps",
            ));
        }
        previous_end = span.end;
    }

    let sentences = doc.sentences();
    let quotes = doc.quotes();
    for (i, paragraph) in doc.paragraphs().iter().enumerate() {
        let what = || format!("paragraph {i}");
        check_span(text, paragraph.span, what)?;
        check_range(&paragraph.lines, lines.len(), what)?;
        check_range(&paragraph.tokens, tokens.len(), what)?;
        check_range(&paragraph.sentences, sentences.len(), what)?;
        check_range(&paragraph.quotes, quotes.len(), what)?;
        for token in doc.tokens_in(&paragraph.tokens) {
            if token.span.start < paragraph.span.start || token.span.end > paragraph.span.end {
                return Err(model(what(), "holds a token outside its span"));
            }
        }
    }
    for (i, sentence) in sentences.iter().enumerate() {
        let what = || format!("sentence {i}");
        check_span(text, sentence.span, what)?;
        check_range(&sentence.tokens, tokens.len(), what)?;
        if sentence.paragraph as usize >= doc.paragraphs().len() {
            return Err(model(what(), "names a paragraph that does not exist"));
        }
    }
    for (i, quote) in quotes.iter().enumerate() {
        let what = || format!("quote {i}");
        check_span(text, quote.span, what)?;
        if !doc.slice(quote.span).starts_with(quote.ch) {
            return Err(model(what(), "its character is not at its span"));
        }
        if let Some(partner) = quote.partner {
            let back = quotes.get(partner as usize).and_then(|q| q.partner);
            if back != Some(i as u32) {
                return Err(model(
                    what(),
                    format!("partner {partner} does not pair back"),
                ));
            }
        }
    }
    let header = doc.header_lines();
    if header.start > header.end || header.end > lines.len() {
        return Err(model(
            "header block",
            format!("{header:?} outside the lines"),
        ));
    }
    Ok(())
}

/// Every span of every diagnostic (its own, its labels', its fix's edits)
/// points into the text of the file it names, on character boundaries; the
/// position of each can be computed.
pub fn check_diagnostics(
    docs: &[Document],
    found: &[(FileId, Diagnostic)],
) -> Result<(), Violation> {
    let text_of = |file: FileId, what: &dyn Fn() -> String| {
        docs.get(file as usize)
            .ok_or_else(|| model(what(), format!("names file {file}, which does not exist")))
    };
    for (file, diagnostic) in found {
        let what = || format!("diagnostic of {} at {:?}", diagnostic.rule, diagnostic.span);
        let doc = text_of(*file, &what)?;
        check_span(doc.text(), diagnostic.span, what)?;
        let location = doc.span_location(diagnostic.span);
        if location.start > location.end || location.start.line == 0 || location.start.column == 0 {
            return Err(model(what(), format!("bad location {location:?}")));
        }
        for label in &diagnostic.labels {
            let label_doc = text_of(label.file.unwrap_or(*file), &what)?;
            check_span(label_doc.text(), label.span, || {
                format!("label {:?} of {}", label.message, what())
            })?;
        }
        if let Some(fix) = &diagnostic.fix {
            for edit in &fix.edits {
                check_span(doc.text(), edit.span, || format!("fix edit of {}", what()))?;
            }
        }
    }
    Ok(())
}

/// Runs every rule of `linter` over `docs` as one run: the per-document
/// phase, then the corpus phase over all of them. Diagnostics are tagged
/// with the file they belong to.
pub fn lint_all(linter: &Linter, docs: &[Document]) -> Vec<(FileId, Diagnostic)> {
    let mut found = Vec::new();
    let mut facts = Vec::with_capacity(docs.len());
    for (id, doc) in docs.iter().enumerate() {
        let id = id as FileId;
        found.extend(linter.check(doc).into_iter().map(|d| (id, d)));
        facts.push((id, linter.gather(id, doc)));
    }
    found.extend(linter.decide(facts));
    found
}

/// Loads `bytes` the way the CLI does. A refusal (binary, not UTF-8,
/// UTF-16) is a correct outcome, not a violation.
pub fn load(bytes: &[u8]) -> Option<SourceText> {
    decode(bytes.to_vec()).ok()
}

/// Loads each of `files` as plain text and as Markdown, checks the model of
/// each and runs every rule over the loadable ones as one run per kind.
pub fn check_files(linter: &Linter, files: &[&[u8]]) -> Result<(), Violation> {
    for kind in [DocumentKind::PlainText, DocumentKind::Markdown] {
        let docs: Vec<Document> = files
            .iter()
            .filter_map(|bytes| load(bytes))
            .map(|source| Document::new(source, kind))
            .collect();
        for doc in &docs {
            check_document(doc)?;
        }
        check_diagnostics(&docs, &lint_all(linter, &docs))?;
    }
    Ok(())
}

/// The result of fixing one text to convergence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixRun {
    pub text: String,
    /// Passes that changed the text.
    pub passes: usize,
}

/// Fixes `source` with [`Linter::fix_alone`], the loop `doclint check --fix`
/// runs, checking the model and the diagnostics of every intermediate text,
/// that the fixed text loads again and that the byte-order mark and CRLF
/// line endings are kept.
pub fn fix_to_convergence(
    linter: &Linter,
    source: SourceText,
    kind: DocumentKind,
    threshold: Applicability,
) -> Result<FixRun, Violation> {
    let original = source.text.clone();
    let mut violation = None;
    let result = linter.fix_alone_inspecting(source, kind, threshold, |doc, found| {
        if violation.is_none() {
            let found: Vec<(FileId, Diagnostic)> = found.iter().map(|d| (0, d.clone())).collect();
            violation = check_document(doc)
                .and_then(|()| check_diagnostics(std::slice::from_ref(doc), &found))
                .err();
        }
    });
    if let Some(violation) = violation {
        return Err(violation);
    }
    let passes = result.passes;
    let text = result.document.into_source().text;
    if result.error.is_some() {
        return Err(Violation::NoConvergence { last: text });
    }
    decode(text.clone().into_bytes()).map_err(|error| Violation::FixedTextUnloadable { error })?;
    check_file_shape(&original, &text)?;
    Ok(FixRun { text, passes })
}

/// A fix keeps the byte-order mark, and a file whose line breaks are all
/// CRLF keeps them all CRLF.
fn check_file_shape(before: &str, after: &str) -> Result<(), Violation> {
    let changed = |what| Violation::FileShapeChanged {
        what,
        before: before.to_owned(),
        after: after.to_owned(),
    };
    if before.starts_with('\u{feff}') != after.starts_with('\u{feff}') {
        return Err(changed("byte-order mark"));
    }
    let all_crlf = |text: &str| {
        let bytes = text.as_bytes();
        (0..bytes.len()).all(|i| bytes[i] != b'\n' || (i > 0 && bytes[i - 1] == b'\r'))
    };
    if before.contains('\n') && all_crlf(before) && !all_crlf(after) {
        return Err(changed("CRLF line endings"));
    }
    Ok(())
}

/// Fixes `bytes` (when they load) as plain text and as Markdown, first with
/// safe fixes only, then with unsafe ones too: each converges, and fixing the
/// result again changes nothing.
pub fn check_fixes(linter: &Linter, bytes: &[u8]) -> Result<(), Violation> {
    let Some(source) = load(bytes) else {
        return Ok(());
    };
    for kind in [DocumentKind::PlainText, DocumentKind::Markdown] {
        for threshold in [Applicability::Safe, Applicability::Unsafe] {
            let first = fix_to_convergence(linter, source.clone(), kind, threshold)?;
            let again = decode(first.text.clone().into_bytes())
                .map_err(|error| Violation::FixedTextUnloadable { error })?;
            let second = fix_to_convergence(linter, again, kind, threshold)?;
            if second.passes != 0 || second.text != first.text {
                return Err(Violation::NotIdempotent {
                    before: first.text,
                    after: second.text,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_documents_keep_every_invariant() {
        let linter = full_linter().expect("built-in packs load");
        let corpus: Vec<Vec<u8>> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"))
                .expect("corpus directory")
                .map(|entry| std::fs::read(entry.expect("entry").path()).expect("readable"))
                .collect();
        assert!(corpus.len() >= 5);
        let files: Vec<&[u8]> = corpus.iter().map(Vec::as_slice).collect();
        assert_eq!(check_files(&linter, &files), Ok(()));
        for bytes in &files {
            assert_eq!(check_fixes(&linter, bytes), Ok(()));
        }
    }

    #[test]
    fn fixing_the_corpus_changes_it_and_settles() {
        let linter = full_linter().expect("built-in packs load");
        let text = include_str!("../../../corpus/002_a1473f90297c5d0a.txt");
        let source = decode(text.as_bytes().to_vec()).expect("utf-8");
        let run = fix_to_convergence(
            &linter,
            source,
            DocumentKind::PlainText,
            Applicability::Safe,
        )
        .expect("converges");
        assert!(run.passes >= 1, "the corpus has fixable defects");
        assert_ne!(run.text, text);
        assert!(!run.text.contains("CHINA  DALIAN"));
    }

    #[test]
    fn a_lost_bom_or_crlf_is_caught() {
        let shape = |before, after| check_file_shape(before, after).map_err(|v| v.to_string());
        assert!(shape("\u{feff}a", "a").is_err_and(|e| e.contains("byte-order mark")));
        assert!(shape("a\r\nb\r\n", "a\r\nb\n").is_err_and(|e| e.contains("CRLF")));
        assert_eq!(shape("a\r\nb\r\n", "ab\r\n"), Ok(()));
        assert_eq!(
            shape("a\nb\r\n", "a\nb\n"),
            Ok(()),
            "mixed endings promise nothing"
        );
    }

    #[test]
    fn a_span_inside_a_character_is_caught() {
        let text = "a\u{a0}b";
        let err = check_span(text, Span::new(1, 2), || "probe".into()).expect_err("splits");
        assert!(matches!(err, Violation::NotOnCharBoundary { .. }));
        let err = check_span(text, Span::new(2, 9), || "probe".into()).expect_err("outside");
        assert!(matches!(err, Violation::OutOfBounds { .. }));
        assert_eq!(check_span(text, Span::new(1, 3), || "probe".into()), Ok(()));
    }

    #[test]
    fn refused_input_is_not_a_violation() {
        let linter = full_linter().expect("built-in packs load");
        assert_eq!(
            check_files(&linter, &[b"\xff\xfeh\0i\0", b"ok \xc3\x28"]),
            Ok(())
        );
        assert_eq!(check_fixes(&linter, b"\0binary"), Ok(()));
    }
}
