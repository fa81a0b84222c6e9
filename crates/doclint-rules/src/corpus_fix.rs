//! Fixing a corpus: every file on its own, then the corpus-level rules.
//!
//! Each file is fixed on its own, in parallel ([`Linter::fix`]: per-document
//! rules, re-checked until nothing more applies). Corpus-level rules then
//! decide over the fixed texts; when their (unsafe) fixes are wanted, the
//! files that receive one are fixed again starting with them, and the corpus
//! is decided anew, until no corpus fix applies or [`MAX_FIX_PASSES`] rounds
//! have run. Nothing is written here: the caller writes or shows the texts,
//! so every diagnostic points into the text it is given back.
//!
//! A round models each file once: the Document that the silenced fixes are
//! stripped on is the one the fix loop starts from, and the one the facts
//! of the next decision are gathered from.

use doclint_core::{Applicability, Diagnostic, Document, DocumentKind, FileId, SourceText};
use rayon::prelude::*;

use crate::fixer::{fix_loop, NonConvergence, MAX_FIX_PASSES};
use crate::linter::Linter;
use crate::rule::Facts;

/// Runs on every pass's findings of one file before their fixes are chosen:
/// the caller's suppressions strip the fixes of findings the user silenced,
/// so they are never applied.
pub type FixGuard<'a> = dyn Fn(FileId, &Document, &mut [Diagnostic]) + Sync + 'a;

/// One file's corpus facts, one entry per rule (see [`Linter::gather`]).
type FileFacts = Vec<Option<Facts>>;

/// One text of a corpus run.
pub struct FixInput {
    pub source: SourceText,
    pub kind: DocumentKind,
}

/// What a corpus run made of one text.
#[derive(Debug)]
pub struct FixedFile {
    pub kind: DocumentKind,
    /// The text as given; a file must still hold it when written.
    pub original: String,
    /// The text after every fix that applied.
    pub current: SourceText,
    /// Per-document findings in `current`, sorted by position.
    pub remaining: Vec<Diagnostic>,
    /// Corpus-level findings in `current`.
    pub corpus: Vec<Diagnostic>,
    /// Fixes applied in all.
    pub fixed: usize,
    pub error: Option<NonConvergence>,
}

impl FixedFile {
    pub fn changed(&self) -> bool {
        self.original != self.current.text
    }
}

impl Linter {
    /// Checks every text of `inputs` (a `None` is a file that could not be
    /// loaded; its `FileId` is kept), corpus-level rules included, fixing
    /// at or above `threshold` when one is given. The `FileId` of a text is
    /// its index in `inputs`.
    pub fn fix_corpus(
        &self,
        inputs: Vec<Option<FixInput>>,
        threshold: Option<Applicability>,
        guard: &FixGuard<'_>,
    ) -> Vec<Option<FixedFile>> {
        let corpus = self.has_corpus_rules();
        let results: Vec<(Option<FixedFile>, Option<FileFacts>)> = inputs
            .into_par_iter()
            .enumerate()
            .map(|(id, input)| {
                let Some(FixInput { source, kind }) = input else {
                    return (None, None);
                };
                let id = id as FileId;
                let original = source.text.clone();
                let doc = Document::new(source, kind);
                let (doc, remaining, fixed, error) = match threshold {
                    None => {
                        let remaining = self.check(&doc);
                        (doc, remaining, 0, None)
                    }
                    Some(threshold) => {
                        let result = self.fix_document(doc, threshold, Vec::new(), id, guard);
                        let fixed = result.fixed();
                        (result.document, result.remaining, fixed, result.error)
                    }
                };
                let facts = corpus.then(|| self.gather(id, &doc));
                let file = FixedFile {
                    kind,
                    original,
                    current: doc.into_source(),
                    remaining,
                    corpus: Vec::new(),
                    fixed,
                    error,
                };
                (Some(file), facts)
            })
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut facts = Vec::new();
        for (id, (file, file_facts)) in results.into_iter().enumerate() {
            if let Some(file_facts) = file_facts {
                facts.push((id as FileId, file_facts));
            }
            files.push(file);
        }
        if corpus {
            self.corpus_rounds(&mut files, facts, threshold, guard);
        }
        files
    }

    /// The per-document fix loop of `doc` (see [`Linter::fix_with`]) with
    /// `guard` run on every pass's findings.
    fn fix_document(
        &self,
        doc: Document,
        threshold: Applicability,
        first: Vec<Diagnostic>,
        id: FileId,
        guard: &FixGuard<'_>,
    ) -> crate::FixResult {
        fix_loop(doc, threshold, first, |doc| {
            let mut diagnostics = self.check(doc);
            guard(id, doc, &mut diagnostics);
            diagnostics
        })
    }

    /// Decides the corpus-level findings; while their fixes are wanted and
    /// apply, fixes the files that receive them and decides again.
    fn corpus_rounds(
        &self,
        files: &mut [Option<FixedFile>],
        mut facts: Vec<(FileId, FileFacts)>,
        threshold: Option<Applicability>,
        guard: &FixGuard<'_>,
    ) {
        let applies = |d: &Diagnostic| {
            threshold.is_some_and(|threshold| {
                d.fix.as_ref().is_some_and(|f| f.applicability >= threshold)
            })
        };
        let mut round = 0;
        loop {
            let mut by_file: Vec<Vec<Diagnostic>> = files.iter().map(|_| Vec::new()).collect();
            for (file, diagnostic) in self.decide(facts) {
                if let Some(slot) = by_file.get_mut(file as usize) {
                    slot.push(diagnostic);
                }
            }
            let fixing = by_file.iter().flatten().any(applies);
            if !fixing || round == MAX_FIX_PASSES {
                for (file, found) in files.iter_mut().zip(by_file) {
                    let Some(file) = file else { continue };
                    if fixing && file.error.is_none() && found.iter().any(applies) {
                        let mut rules: Vec<String> = found
                            .iter()
                            .filter(|d| applies(d))
                            .map(|d| d.rule.to_string())
                            .collect();
                        rules.sort();
                        rules.dedup();
                        file.error = Some(NonConvergence {
                            passes: round,
                            rules,
                            cycle: false,
                        });
                    }
                    file.corpus = found;
                }
                return;
            }
            round += 1;
            let threshold = threshold.unwrap_or(Applicability::Safe);
            // Each file is modelled once: the document its silenced fixes
            // are stripped on starts the fix loop and gives the next facts.
            let rounds: Vec<(bool, Option<FileFacts>)> = files
                .par_iter_mut()
                .zip(by_file)
                .enumerate()
                .map(|(id, (file, mut found))| {
                    let Some(file) = file else {
                        return (false, None);
                    };
                    let id = id as FileId;
                    let doc = Document::new(file.current.clone(), file.kind);
                    if found.iter().any(applies) {
                        guard(id, &doc, &mut found);
                    }
                    if !found.iter().any(applies) {
                        file.corpus = found;
                        return (false, Some(self.gather(id, &doc)));
                    }
                    let result = self.fix_document(doc, threshold, found.clone(), id, guard);
                    // No pass applied: the text is the one given.
                    if result.passes == 0 {
                        file.corpus = found;
                        return (false, Some(self.gather(id, &result.document)));
                    }
                    let facts = self.gather(id, &result.document);
                    file.fixed += result.fixed();
                    file.remaining = result.remaining;
                    file.error = file.error.take().or(result.error);
                    file.current = result.document.into_source();
                    file.corpus = Vec::new();
                    (true, Some(facts))
                })
                .collect();
            if !rounds.iter().any(|(changed, _)| *changed) {
                return;
            }
            facts = rounds
                .into_iter()
                .enumerate()
                .filter_map(|(id, (_, facts))| Some((id as FileId, facts?)))
                .collect();
        }
    }

    /// After a failed write: the file still holds its original text, so its
    /// findings are that text's (per-document rules; the corpus findings
    /// were decided on the fixed text and are dropped).
    pub fn revert(&self, file: &mut FixedFile) {
        let Ok(source) = doclint_core::decode(file.original.clone().into_bytes()) else {
            return;
        };
        let doc = Document::new(source, file.kind);
        file.remaining = self.check(&doc);
        file.corpus = Vec::new();
        file.fixed = 0;
        file.current = doc.into_source();
    }
}

#[cfg(test)]
mod tests {
    use doclint_core::{decode, Edit, Fix, Severity, Span};

    use super::*;
    use crate::rule::{Category, Context, CorpusRule, FixAvailability, Rule, RuleMeta, Settings};
    use crate::rules::DoubleSpace;

    /// Test rule: "grass-roots" and "grassroots" across the corpus; the
    /// minority spelling gets an unsafe fix to the majority one. Its
    /// replacement deliberately leaves a double space behind, which only a
    /// per-file pass after the corpus fix removes.
    struct MajoritySpelling {
        meta: RuleMeta,
    }

    impl MajoritySpelling {
        fn new() -> Self {
            Self {
                meta: RuleMeta {
                    id: "majority-spelling".into(),
                    category: Category::Consistency,
                    default_severity: Severity::Warning,
                    fix: FixAvailability::Always,
                    docs: "## What it does\nTest rule.".into(),
                },
            }
        }
    }

    const FORMS: [&str; 2] = ["grass-roots", "grassroots"];

    impl Rule for MajoritySpelling {
        fn meta(&self) -> &RuleMeta {
            &self.meta
        }
        fn check(&self, _doc: &Document, _cx: &Context, _out: &mut Vec<Diagnostic>) {}
        fn corpus(&self) -> Option<&dyn CorpusRule> {
            Some(self)
        }
    }

    impl CorpusRule for MajoritySpelling {
        fn gather(&self, _file: FileId, doc: &Document, _cx: &Context) -> Facts {
            let text = doc.text();
            let found: Vec<(Span, usize)> = FORMS
                .iter()
                .enumerate()
                .flat_map(|(form, word)| {
                    text.match_indices(word)
                        .map(move |(at, _)| (Span::new(at, at + word.len()), form))
                })
                .collect();
            Box::new(found)
        }

        fn decide(&self, facts: Vec<(FileId, Facts)>, _cx: &Context) -> Vec<(FileId, Diagnostic)> {
            let facts: Vec<(FileId, Vec<(Span, usize)>)> = facts
                .into_iter()
                .filter_map(|(file, f)| Some((file, *f.downcast::<Vec<(Span, usize)>>().ok()?)))
                .collect();
            let mut counts = [0usize; 2];
            for (_, found) in &facts {
                for (_, form) in found {
                    counts[*form] += 1;
                }
            }
            let major = usize::from(counts[1] >= counts[0]);
            let mut out = Vec::new();
            for (file, found) in facts {
                for (span, form) in found {
                    if form != major {
                        let fix = Fix::unsafe_(
                            "Use the majority spelling",
                            vec![Edit::replace(span, format!("{} ", FORMS[major]))],
                        );
                        out.push((
                            file,
                            self.meta
                                .diagnostic(span, "minority spelling")
                                .with_fix(fix),
                        ));
                    }
                }
            }
            out
        }
    }

    fn linter() -> Linter {
        Linter::new(
            vec![Box::new(MajoritySpelling::new()), Box::new(DoubleSpace)],
            Settings::default(),
        )
    }

    fn run(texts: &[(&str, &str)], threshold: Option<Applicability>) -> Vec<FixedFile> {
        let inputs = texts
            .iter()
            .map(|(_, text)| {
                Some(FixInput {
                    source: decode(text.as_bytes().to_vec()).expect("test text decodes"),
                    kind: DocumentKind::PlainText,
                })
            })
            .collect();
        linter()
            .fix_corpus(inputs, threshold, &|_, _, _| {})
            .into_iter()
            .map(|file| file.expect("every test text loads"))
            .collect()
    }

    const CORPUS: [(&str, &str); 3] = [
        ("a.txt", "The grassroots level.\n"),
        ("b.txt", "The grassroots  work.\n"),
        ("c.txt", "At the grass-roots level.\n"),
    ];

    #[test]
    fn corpus_fixes_apply_with_unsafe_fixes_and_files_are_fixed_again() {
        let files = run(&CORPUS, Some(Applicability::Unsafe));
        let texts: Vec<&str> = files.iter().map(|f| f.current.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The grassroots level.\n",
                "The grassroots work.\n",
                "At the grassroots level.\n"
            ]
        );
        let c = &files[2];
        assert_eq!(c.fixed, 2, "the corpus fix and the double space it left");
        assert!(c.error.is_none());
        assert!(
            c.corpus.is_empty() && c.remaining.is_empty(),
            "decided again: nothing left"
        );
    }

    #[test]
    fn corpus_fixes_stay_findings_with_safe_fixes_only() {
        let files = run(&CORPUS, Some(Applicability::Safe));
        let b = &files[1];
        assert_eq!(
            b.current.text, "The grassroots work.\n",
            "safe per-file fix applied"
        );
        let c = &files[2];
        assert!(!c.changed());
        assert_eq!(c.corpus.len(), 1);
        assert_eq!(&c.current.text[c.corpus[0].span.range()], "grass-roots");
        assert!(c.remaining.is_empty());
        let fix = c.corpus[0]
            .fix
            .as_ref()
            .expect("the corpus finding has a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
    }

    #[test]
    fn check_mode_changes_nothing_and_still_decides_the_corpus() {
        let files = run(&CORPUS, None);
        assert!(files.iter().all(|f| !f.changed()));
        assert_eq!(files[1].remaining.len(), 1, "double space reported");
        assert_eq!(files[2].corpus.len(), 1, "minority spelling reported");
    }
}
