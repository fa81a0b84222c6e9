use std::time::{Duration, Instant};

use doclint_core::{Diagnostic, Document, FileId};

use crate::capped::cap_findings;
use crate::rule::{Context, Facts, Rule, Settings};

/// Time one rule spent, for `--timings`.
#[derive(Clone, Debug, Default)]
pub struct RuleTiming {
    pub rule: String,
    pub elapsed: Duration,
}

/// A chosen set of rules with their settings, ready to check documents.
///
/// Checking one document needs only `&self`, so one linter serves every
/// thread of a run.
pub struct Linter {
    rules: Vec<Box<dyn Rule>>,
    settings: Settings,
}

impl Linter {
    pub fn new(rules: Vec<Box<dyn Rule>>, settings: Settings) -> Self {
        Self { rules, settings }
    }

    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn context(&self) -> Context<'_> {
        Context {
            settings: &self.settings,
        }
    }

    /// The per-document findings, sorted by position; at most
    /// [`crate::capped::MAX_FINDINGS_PER_RULE`] of each rule and a summary
    /// of the rest.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let cx = self.context();
        let mut out = Vec::new();
        for rule in &self.rules {
            let start = out.len();
            rule.check(doc, &cx, &mut out);
            cap_findings(&mut out, start);
        }
        sort_diagnostics(&mut out);
        out
    }

    /// One zeroed timing per rule, in rule order, for the `*_timed` methods.
    pub fn new_timings(&self) -> Vec<RuleTiming> {
        self.rules
            .iter()
            .map(|rule| RuleTiming {
                rule: rule.meta().id.to_string(),
                elapsed: Duration::ZERO,
            })
            .collect()
    }

    /// Like [`Linter::check`], adding each rule's time to `timings`
    /// (one entry per rule, in rule order).
    pub fn check_timed(&self, doc: &Document, timings: &mut Vec<RuleTiming>) -> Vec<Diagnostic> {
        let cx = self.context();
        if timings.len() != self.rules.len() {
            *timings = self.new_timings();
        }
        let mut out = Vec::new();
        for (rule, timing) in self.rules.iter().zip(timings.iter_mut()) {
            let started = Instant::now();
            let start = out.len();
            rule.check(doc, &cx, &mut out);
            cap_findings(&mut out, start);
            timing.elapsed += started.elapsed();
        }
        sort_diagnostics(&mut out);
        out
    }

    /// Like [`Linter::gather`], adding each corpus rule's time to `timings`.
    pub fn gather_timed(
        &self,
        file: FileId,
        doc: &Document,
        timings: &mut Vec<RuleTiming>,
    ) -> Vec<Option<Facts>> {
        let cx = self.context();
        if timings.len() != self.rules.len() {
            *timings = self.new_timings();
        }
        self.rules
            .iter()
            .zip(timings.iter_mut())
            .map(|(rule, timing)| {
                rule.corpus().map(|corpus| {
                    let started = Instant::now();
                    let facts = corpus.gather(file, doc, &cx);
                    timing.elapsed += started.elapsed();
                    facts
                })
            })
            .collect()
    }

    /// Whether any selected rule has a corpus phase.
    pub fn has_corpus_rules(&self) -> bool {
        self.rules.iter().any(|rule| rule.corpus().is_some())
    }

    /// The corpus-phase facts of `doc`, one entry per rule (`None` for rules
    /// without a corpus phase).
    pub fn gather(&self, file: FileId, doc: &Document) -> Vec<Option<Facts>> {
        let cx = self.context();
        self.rules
            .iter()
            .map(|rule| rule.corpus().map(|corpus| corpus.gather(file, doc, &cx)))
            .collect()
    }

    /// Decides the corpus-level findings from every document's facts, as
    /// returned by [`Linter::gather`] in file order.
    pub fn decide(&self, per_file: Vec<(FileId, Vec<Option<Facts>>)>) -> Vec<(FileId, Diagnostic)> {
        self.decide_timed(per_file, &mut Vec::new())
    }

    /// Like [`Linter::decide`], adding each corpus rule's time to `timings`.
    pub fn decide_timed(
        &self,
        per_file: Vec<(FileId, Vec<Option<Facts>>)>,
        timings: &mut Vec<RuleTiming>,
    ) -> Vec<(FileId, Diagnostic)> {
        let mut run = self.new_run_facts();
        for (file, facts) in per_file {
            let facts = facts
                .into_iter()
                .enumerate()
                .filter_map(|(rule, fact)| Some((rule, fact?)));
            self.keep(&mut run, file, facts);
        }
        self.decide_run(run, timings)
    }

    /// An empty [`RunFacts`] for this linter's rules.
    pub fn new_run_facts(&self) -> RunFacts {
        RunFacts {
            by_rule: self.rules.iter().map(|_| Vec::new()).collect(),
        }
    }

    /// Adds one document's corpus facts, as `(rule index, facts)` pairs, to
    /// `run`; documents must come in file order. Each rule keeps them its
    /// own way ([`CorpusRule::keep`]).
    pub fn keep(
        &self,
        run: &mut RunFacts,
        file: FileId,
        facts: impl IntoIterator<Item = (usize, Facts)>,
    ) {
        for (rule, fact) in facts {
            let (Some(corpus), Some(kept)) = (
                self.rules.get(rule).and_then(|rule| rule.corpus()),
                run.by_rule.get_mut(rule),
            ) else {
                continue;
            };
            corpus.keep(kept, file, fact);
        }
    }

    /// The corpus-level findings of a run, adding each corpus rule's time
    /// to `timings`.
    pub fn decide_run(
        &self,
        run: RunFacts,
        timings: &mut Vec<RuleTiming>,
    ) -> Vec<(FileId, Diagnostic)> {
        let cx = self.context();
        if timings.len() != self.rules.len() {
            *timings = self.new_timings();
        }
        let mut out = Vec::new();
        for ((rule, facts), timing) in self.rules.iter().zip(run.by_rule).zip(timings.iter_mut()) {
            if let Some(corpus) = rule.corpus() {
                let started = Instant::now();
                out.extend(corpus.decide(facts, &cx));
                timing.elapsed += started.elapsed();
            }
        }
        out
    }
}

/// The corpus facts of a run so far, by rule, as each rule keeps them.
pub struct RunFacts {
    by_rule: Vec<Vec<(FileId, Facts)>>,
}

/// Sorts by start offset, then end, then rule id, for stable output.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
}
