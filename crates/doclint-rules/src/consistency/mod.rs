//! The engine behind the consistency rules (`inconsistent-name`,
//! `inconsistent-capitalization`, `inconsistent-spelling`).
//!
//! Each rule finds, in one document, the *forms* of things it compares (a
//! name as written, a multiword term with its capitals, a word with its
//! hyphen or its British spelling). Every occurrence's text is its form, so a
//! document is summed up by a compact [`FormTable`]: each distinct form once,
//! its occurrence spans, and the location of its first occurrence.
//!
//! In `document` scope a rule builds the table and decides inside
//! [`crate::Rule::check`]. In `corpus` scope the table is the document's facts
//! ([`crate::CorpusRule::gather`]); [`crate::CorpusRule::decide`] merges the
//! tables of every document and compares forms across files. Either way the
//! rule groups forms that write one thing, picks the reference form (the most
//! frequent, by the rule's preference) and reports every other form at each
//! of its places, with a label at the reference form's first place.

pub(crate) mod place_spellings;
pub(crate) mod prose;
pub(crate) mod spelling_variants;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::fmt;

use doclint_core::{Diagnostic, Document, Edit, FileId, Fix, Label, Location, Span, SpanLocation};
use serde::Deserialize;

use crate::rule::{Context, Facts, RuleMeta};

/// How far a consistency rule looks for the other forms of a thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComparisonScope {
    /// Each document on its own.
    Document,
    /// Every document of the run together.
    Corpus,
}

impl ComparisonScope {
    pub const ALL: [ComparisonScope; 2] = [ComparisonScope::Document, ComparisonScope::Corpus];

    pub fn as_str(self) -> &'static str {
        match self {
            ComparisonScope::Document => "document",
            ComparisonScope::Corpus => "corpus",
        }
    }

    pub fn from_name(name: &str) -> Option<ComparisonScope> {
        ComparisonScope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == name)
    }
}

impl fmt::Display for ComparisonScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `scope` option every consistency rule takes.
pub const SCOPE_OPTION: crate::rule::RuleOption = crate::rule::RuleOption {
    name: "scope",
    help: "`document` (each file on its own) or `corpus` (all files of the run together)",
};

/// The `Rule` and `CorpusRule` glue every consistency rule shares. The rule's
/// module provides `DEFAULT_SCOPE`, `WORDING`, `occurrences(doc)` (the forms
/// it compares) and `verdicts(forms)` (which forms are variants of which);
/// the engine does the rest in either scope.
macro_rules! consistency_rule {
    ($rule:ident) => {
        $crate::consistency::consistency_rule!($rule, $crate::consistency::DEFAULT_POLICY);
    };
    ($rule:ident, $policy:expr) => {
        impl $crate::rule::Rule for $rule {
            fn meta(&self) -> &$crate::rule::RuleMeta {
                &Self::META
            }

            fn options(&self) -> &[$crate::rule::RuleOption] {
                &[$crate::consistency::SCOPE_OPTION]
            }

            fn check(
                &self,
                doc: &::doclint_core::Document,
                cx: &$crate::rule::Context,
                out: &mut Vec<::doclint_core::Diagnostic>,
            ) {
                use $crate::consistency::{decide_document, scope_of, ComparisonScope, FormTable};
                if scope_of(cx, &Self::META, DEFAULT_SCOPE) == ComparisonScope::Document {
                    let table = FormTable::build(doc, occurrences(doc));
                    decide_document(&Self::META, &WORDING, &$policy, &table, verdicts, out);
                }
            }

            fn corpus(&self) -> Option<&dyn $crate::rule::CorpusRule> {
                Some(self)
            }
        }

        impl $crate::rule::CorpusRule for $rule {
            fn gather(
                &self,
                _file: ::doclint_core::FileId,
                doc: &::doclint_core::Document,
                cx: &$crate::rule::Context,
            ) -> $crate::rule::Facts {
                use $crate::consistency::{scope_of, ComparisonScope, FormTable};
                if scope_of(cx, &Self::META, DEFAULT_SCOPE) == ComparisonScope::Corpus {
                    Box::new(FormTable::build(doc, occurrences(doc)))
                } else {
                    Box::new(FormTable::default())
                }
            }

            fn decide(
                &self,
                facts: Vec<(::doclint_core::FileId, $crate::rule::Facts)>,
                cx: &$crate::rule::Context,
            ) -> Vec<(::doclint_core::FileId, ::doclint_core::Diagnostic)> {
                use $crate::consistency::{decide_corpus, scope_of, ComparisonScope};
                if scope_of(cx, &Self::META, DEFAULT_SCOPE) != ComparisonScope::Corpus {
                    return Vec::new();
                }
                decide_corpus(&Self::META, &WORDING, &$policy, &facts, verdicts)
            }
        }
    };
}
pub(crate) use consistency_rule;

/// The scope a rule runs with: the setting, or the rule's default.
pub(crate) fn scope_of(cx: &Context, meta: &RuleMeta, default: ComparisonScope) -> ComparisonScope {
    cx.settings.scope(&meta.id, default)
}

/// One occurrence of a form: its span (whose text is the form) and a few
/// bits of per-rule evidence (ORed over the occurrences of a form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub span: Span,
    pub flags: u8,
}

/// One distinct form of a [`FormTable`]: 24 bytes. Its text and spans
/// start where the previous entry's end.
#[derive(Clone, Copy, Debug)]
struct FormEntry {
    /// End of the form's text in `FormTable::arena`.
    text_end: u32,
    /// End of its occurrences in `FormTable::spans`.
    spans_end: u32,
    /// Where the first occurrence is, for labels once the text is gone.
    line: u32,
    column: u32,
    end_column: u32,
    end_line_delta: u8,
    flags: u8,
}

impl FormEntry {
    fn first(&self) -> SpanLocation {
        SpanLocation {
            start: Location {
                line: self.line,
                column: self.column,
            },
            end: Location {
                line: self.line + u32::from(self.end_line_delta),
                column: self.end_column,
            },
        }
    }
}

/// The forms one document writes, with their places: the compact facts a
/// consistency rule keeps per document. No document text is kept beyond the
/// distinct forms themselves.
#[derive(Debug, Default)]
pub(crate) struct FormTable {
    arena: Box<str>,
    forms: Box<[FormEntry]>,
    spans: Box<[Span]>,
}

impl FormTable {
    /// Summarises `occurrences` of `doc` (in any order). A form is the
    /// occurrence's text with each run of white space (a no-break space, a
    /// line break) read as one space.
    pub fn build(doc: &Document, occurrences: Vec<Occurrence>) -> Self {
        let mut occurrences: Vec<(Cow<str>, Occurrence)> = occurrences
            .into_iter()
            .map(|o| (normalize_space(doc.slice(o.span)), o))
            .collect();
        occurrences.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.span.start.cmp(&y.span.start)));
        occurrences.dedup_by_key(|(_, o)| o.span);
        let (mut arena, mut forms, mut spans) = (String::new(), Vec::new(), Vec::new());
        for group in occurrences.chunk_by(|(a, _), (b, _)| a == b) {
            spans.extend(group.iter().map(|(_, o)| o.span));
            arena.push_str(&group[0].0);
            let first = doc.span_location(group[0].1.span);
            forms.push(FormEntry {
                text_end: arena.len() as u32,
                spans_end: spans.len() as u32,
                line: first.start.line,
                column: first.start.column,
                end_column: first.end.column,
                end_line_delta: u8::try_from(first.end.line - first.start.line).unwrap_or(u8::MAX),
                flags: group.iter().fold(0, |flags, (_, o)| flags | o.flags),
            });
        }
        FormTable {
            arena: arena.into_boxed_str(),
            forms: forms.into_boxed_slice(),
            spans: spans.into_boxed_slice(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Each distinct form: its text, its spans and its entry.
    fn entries(&self) -> impl Iterator<Item = (&str, &[Span], &FormEntry)> {
        let (mut text_start, mut spans_start) = (0, 0);
        self.forms.iter().map(move |entry| {
            let text = &self.arena[text_start..entry.text_end as usize];
            let spans = &self.spans[spans_start..entry.spans_end as usize];
            (text_start, spans_start) = (entry.text_end as usize, entry.spans_end as usize);
            (text, spans, entry)
        })
    }

    /// Bytes this table holds on the heap plus its own size.
    pub fn footprint(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.arena.len()
            + std::mem::size_of_val(&*self.forms)
            + std::mem::size_of_val(&*self.spans)
    }
}

/// `text` with every run of white space made one ASCII space.
pub(crate) fn normalize_space(text: &str) -> Cow<'_, str> {
    let plain = |c: char| !c.is_whitespace() && !doclint_core::is_irregular_space(c);
    let mut previous_space = false;
    let clean = text.chars().all(|c| {
        let ok = plain(c) || (c == ' ' && !previous_space);
        previous_space = c == ' ';
        ok
    });
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for part in text.split(|c: char| !plain(c)).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    Cow::Owned(out)
}

/// The footprint in bytes of consistency facts (`None` for other facts):
/// for measuring what corpus scope keeps per document.
pub fn facts_footprint(facts: &Facts) -> Option<usize> {
    facts.downcast_ref::<FormTable>().map(FormTable::footprint)
}

/// A place in the run: file, span and its resolved location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    pub file: FileId,
    pub span: Span,
    pub location: SpanLocation,
}

/// One form over all the documents being compared.
#[derive(Clone, Debug)]
pub(crate) struct Form<'a> {
    pub text: &'a str,
    pub count: u32,
    pub flags: u8,
    pub first: Place,
    /// Every occurrence, in file order: filled in ([`fill_places`]) only
    /// for the forms a verdict names, once the verdicts are known.
    pub places: Vec<(FileId, Span)>,
}

/// Merges the tables of several documents (given in file order) into one
/// list of forms, sorted by text, without their places: every distinct form
/// once, however many documents write it.
pub(crate) fn merge<'a>(tables: &[(FileId, &'a FormTable)]) -> Vec<Form<'a>> {
    let mut index: FxHashMap<&'a str, usize> = FxHashMap::default();
    let mut forms: Vec<Form<'a>> = Vec::new();
    for &(file, table) in tables {
        for (text, spans, entry) in table.entries() {
            let i = *index.entry(text).or_insert_with(|| {
                forms.push(Form {
                    text,
                    count: 0,
                    flags: 0,
                    first: Place {
                        file,
                        span: spans[0],
                        location: entry.first(),
                    },
                    places: Vec::new(),
                });
                forms.len() - 1
            });
            let form = &mut forms[i];
            form.count += spans.len() as u32;
            form.flags |= entry.flags;
        }
    }
    forms.sort_unstable_by(|a, b| a.text.cmp(b.text));
    forms
}

/// Fills in the places of the forms the verdicts name, from the same
/// tables [`merge`] was given.
pub(crate) fn fill_places(
    forms: &mut [Form],
    tables: &[(FileId, &FormTable)],
    verdicts: &[Verdict],
) {
    let mut needed: FxHashMap<&str, usize> = FxHashMap::default();
    for verdict in verdicts {
        for i in [verdict.form, verdict.reference] {
            needed.insert(forms[i].text, i);
        }
    }
    if needed.is_empty() {
        return;
    }
    for &(file, table) in tables {
        for (text, spans, _) in table.entries() {
            if let Some(&i) = needed.get(text) {
                forms[i]
                    .places
                    .extend(spans.iter().map(|&span| (file, span)));
            }
        }
    }
}

/// A form to report, and the form it should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub form: usize,
    pub reference: usize,
    /// Another form is as frequent as the reference: no fix is offered.
    pub tie: bool,
    /// Compared only within one document, even in corpus scope (a house
    /// style such as "U.S." or "US" may differ between publications).
    pub within_file: bool,
}

/// Picks the reference among `members` (indices into `forms`): the highest
/// `rank`, then the most frequent, then the first written. Returns it and
/// whether another member ties with it.
pub(crate) fn reference_of<K: Ord + Copy>(
    forms: &[Form],
    members: &[usize],
    rank: impl Fn(&Form) -> K,
) -> Option<(usize, bool)> {
    let key = |i: usize| (rank(&forms[i]), forms[i].count);
    let best = members.iter().copied().max_by(|&a, &b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| order_of(&forms[b].first).cmp(&order_of(&forms[a].first)))
    })?;
    let tie = members
        .iter()
        .any(|&other| other != best && key(other) == key(best));
    Some((best, tie))
}

fn order_of(place: &Place) -> (FileId, u32) {
    (place.file, place.span.start)
}

/// What a rule decides beyond its verdicts, where frequency alone does not
/// ([`DEFAULT_POLICY`] unless the rule sets its own).
pub(crate) struct Policy {
    /// Whether, in a file that writes a within-file verdict's two forms
    /// equally often, its reference is the usual form anyway (evidence other
    /// than frequency: the reference is a known name and the form a slip).
    /// Otherwise the form written first is.
    pub reference_wins_tie: fn(&[Form], &Verdict) -> bool,
    /// Whether the fix may rewrite a file that never writes the reference
    /// toward another file's form: only when that form is clearly the
    /// established one. A file consistent in itself is otherwise reported
    /// without a fix.
    pub fix_across_files: fn(&[Form], &Verdict) -> bool,
    /// Whether a verdict compared within one file holds across the whole
    /// file, however long, rather than within [`DOCUMENT_WINDOW`] of the
    /// reference (a slip is a slip wherever it stands).
    pub whole_file: fn(&[Form], &Verdict) -> bool,
}

/// Frequency decides; a fix may follow another file's majority.
pub(crate) const DEFAULT_POLICY: Policy = Policy {
    reference_wins_tie: |_, _| false,
    fix_across_files: |_, _| true,
    whole_file: |_, _| false,
};

/// How a rule words its findings.
pub(crate) struct Wording {
    /// "name written two ways"
    pub what: &'static str,
    /// The fix writes the usual form with the first letter in the case of
    /// the form it replaces ("Organisation" -> "Organization" where the
    /// usual form is "organization").
    pub keep_initial_case: bool,
}

/// `reference` with its first letter in the case of `form`'s.
fn with_initial_case_of(reference: &str, form: &str) -> String {
    let upper = form.chars().next().is_some_and(char::is_uppercase);
    let mut chars = reference.chars();
    match chars.next() {
        Some(first) if upper => first.to_uppercase().chain(chars).collect(),
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Turns verdicts into diagnostics: one per reported form and file, at its
/// first occurrence there, with labels at its other occurrences and at the
/// reference form's first place (in another file when it is there), and a
/// fix that rewrites every occurrence in the file. Where occurrences of
/// different findings overlap (a longer term and a word inside it), the
/// longer one wins.
///
/// With a `window` (document scope, and verdicts `within_file`), an
/// occurrence is reported only if the reference form occurs within `window`
/// bytes of it in the same file, and the label points there.
pub(crate) fn emit(
    meta: &RuleMeta,
    wording: &Wording,
    policy: &Policy,
    forms: &[Form],
    verdicts: &[Verdict],
    window: Option<usize>,
    related: Option<&Relatedness>,
) -> Vec<(FileId, Diagnostic)> {
    // In corpus scope, a form whose file never writes the reference is
    // compared with another file only when the two belong together.
    let belongs = |verdict: &Verdict, file: FileId| {
        let Some(related) = related else {
            return true;
        };
        let reference = &forms[verdict.reference].places;
        if verdict.within_file || reference.iter().any(|&(f, _)| f == file) {
            return true;
        }
        let skip = [forms[verdict.form].text, forms[verdict.reference].text];
        if is_house_style(skip[0], skip[1]) {
            return false;
        }
        if shares_other_words(skip[0], skip[1]) {
            return true;
        }
        let mut files: Vec<FileId> = reference.iter().map(|&(f, _)| f).collect();
        files.dedup();
        files
            .iter()
            .any(|&other| related.together(file, other, &skip))
    };
    let window_of = |verdict: &Verdict| {
        if (policy.whole_file)(forms, verdict) {
            None
        } else {
            window.or(verdict.within_file.then_some(DOCUMENT_WINDOW))
        }
    };
    // The reference occurrence nearest to `span` in its file, if close enough.
    let nearest = |verdict: &Verdict, file: FileId, span: Span, window: usize| {
        let places = &forms[verdict.reference].places;
        let i = places.partition_point(|&(f, s)| (f, s.start) < (file, span.start));
        [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|i| places.get(i))
            .filter(|&&(f, _)| f == file)
            .map(|&(_, s)| (s.start().abs_diff(span.start()), s))
            .filter(|&(distance, _)| distance <= window)
            .min()
            .map(|(_, s)| s)
    };
    let mut candidates: Vec<(FileId, Span, usize)> = verdicts
        .iter()
        .enumerate()
        .flat_map(|(v, verdict)| {
            forms[verdict.form]
                .places
                .iter()
                .filter(move |&&(file, span)| {
                    window_of(verdict)
                        .is_none_or(|window| nearest(verdict, file, span, window).is_some())
                        && belongs(verdict, file)
                        && (!verdict.within_file
                            || in_file_order(forms, verdict, file, policy).is_some())
                })
                .map(move |&(file, span)| (file, span, v))
        })
        .collect();
    candidates.sort_by_key(|&(file, span, _)| (file, std::cmp::Reverse(span.len()), span.start));
    let mut kept: Vec<(FileId, Span, usize)> = Vec::new();
    // The current file's kept spans by start. They are disjoint, so a
    // candidate overlaps one of them only if it overlaps its neighbour on
    // either side: asking every kept span is quadratic in a file of many
    // variants.
    let mut taken: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
    let mut current = None;
    for (file, span, v) in candidates {
        if current != Some(file) {
            taken.clear();
            current = Some(file);
        }
        let overlaps =
            |(&start, &end): (&u32, &u32)| Span::new(start as usize, end as usize).overlaps(span);
        let before = taken.range(..=span.start).next_back().is_some_and(overlaps);
        let after = taken.range(span.start..).next().is_some_and(overlaps);
        if !before && !after {
            taken.insert(span.start, span.end);
            kept.push((file, span, v));
        }
    }
    kept.sort_by_key(|&(file, span, v)| (file, v, span.start));
    let mut out: Vec<(FileId, Diagnostic)> = kept
        .chunk_by(|a, b| (a.0, a.2) == (b.0, b.2))
        .map(|group| {
            let (file, first, v) = group[0];
            let verdict = &verdicts[v];
            let spans: Vec<Span> = group.iter().map(|&(_, span, _)| span).collect();
            let near = window_of(verdict).and_then(|window| nearest(verdict, file, first, window));
            let in_file = places_in(forms, verdict.reference, file);
            let elsewhere = in_file.is_empty();
            let (reference_count, tie) = match in_file_order(forms, verdict, file, policy) {
                Some((count, tie)) if verdict.within_file => (count, tie),
                // The reference is in this file too: count and show it here.
                _ if !elsewhere => (in_file.len() as u32, verdict.tie),
                _ => (forms[verdict.reference].count, verdict.tie),
            };
            let near = near.or_else(|| {
                (!elsewhere && related.is_some()).then(|| {
                    in_file
                        .iter()
                        .map(|&(_, s)| s)
                        .min_by_key(|s| s.start().abs_diff(first.start()))
                        .unwrap_or(in_file[0].1)
                })
            });
            let finding = Finding {
                verdict,
                file,
                spans: &spans,
                near,
                reference_count,
                tie,
                elsewhere,
                fix: !elsewhere || (policy.fix_across_files)(forms, verdict),
            };
            (file, diagnostic(meta, wording, forms, &finding))
        })
        .collect();
    out.sort_by_key(|(file, d)| (*file, d.span.start, d.span.end));
    out
}

/// The occurrences of `forms[i]` in `file`.
fn places_in<'a>(forms: &'a [Form], i: usize, file: FileId) -> &'a [(FileId, Span)] {
    let places = &forms[i].places;
    let start = places.partition_point(|&(f, _)| f < file);
    let end = places.partition_point(|&(f, _)| f <= file);
    &places[start..end]
}

/// For a verdict compared within one file: whether the reference is the
/// usual form there (more frequent, or as frequent and written first), with
/// its count in the file and whether the two tie.
fn in_file_order(
    forms: &[Form],
    verdict: &Verdict,
    file: FileId,
    policy: &Policy,
) -> Option<(u32, bool)> {
    let form = places_in(forms, verdict.form, file);
    let reference = places_in(forms, verdict.reference, file);
    let (first_form, first_reference) = (form.first()?, reference.first()?);
    let equal = reference.len() == form.len();
    let evidence = equal && (policy.reference_wins_tie)(forms, verdict);
    let usual = reference.len() > form.len()
        || evidence
        || (equal && first_reference.1.start < first_form.1.start);
    usual.then_some((reference.len() as u32, equal && !evidence))
}

/// One diagnostic to write: a form's kept occurrences in one file.
struct Finding<'a> {
    verdict: &'a Verdict,
    file: FileId,
    spans: &'a [Span],
    /// The reference occurrence nearest to the first, when compared locally.
    near: Option<Span>,
    reference_count: u32,
    tie: bool,
    /// The reference is written only in other files.
    elsewhere: bool,
    /// A fix may be offered (unless the forms tie).
    fix: bool,
}

/// Further occurrences shown as labels; the fix still covers them all.
const MAX_EXTRA_LABELS: usize = 5;

fn diagnostic(meta: &RuleMeta, wording: &Wording, forms: &[Form], finding: &Finding) -> Diagnostic {
    let Finding {
        verdict,
        file,
        spans,
        near,
        reference_count,
        tie,
        elsewhere,
        fix,
    } = *finding;
    let form = &forms[verdict.form];
    let reference = &forms[verdict.reference];
    let times = |n: u32| {
        if n == 1 {
            "once".to_owned()
        } else {
            format!("{n} times")
        }
    };
    let more = match spans.len() {
        1 => String::new(),
        2 => " and once more".to_owned(),
        n => format!(" and {} more times", n - 1),
    };
    let message = format!(
        "{}: '{}' here{more}, but '{}' {}{}",
        wording.what,
        form.text,
        reference.text,
        times(reference_count),
        if elsewhere { " in other documents" } else { "" }
    );
    let first = reference.first;
    let label = match near {
        Some(span) => Label::new(span, format!("'{}' written here", reference.text)),
        None => {
            let message = format!(
                "'{}' ({}) first written here",
                reference.text,
                times(reference.count)
            );
            if first.file == file {
                Label::new(first.span, message)
            } else {
                Label::in_file(first.file, first.span, first.location, message)
            }
        }
    };
    let mut diagnostic = meta.diagnostic(spans[0], message).with_label(label);
    for &span in spans.iter().skip(1).take(MAX_EXTRA_LABELS) {
        diagnostic = diagnostic.with_label(Label::new(span, format!("'{}' again", form.text)));
    }
    if tie {
        diagnostic.with_help(format!(
            "no form is clearly the one to use: choose between '{}' and '{}', and use it throughout",
            reference.text, form.text
        ))
    } else if !fix {
        diagnostic.with_help(format!(
            "other documents write '{}'; if this one should agree with them, write '{}' here too",
            reference.text, reference.text
        ))
    } else {
        let replacement = if wording.keep_initial_case {
            with_initial_case_of(reference.text, form.text)
        } else {
            reference.text.to_owned()
        };
        let title = if spans.len() == 1 {
            format!("Replace with '{replacement}'")
        } else {
            format!("Replace all {} with '{replacement}'", spans.len())
        };
        // A rule may prefer a form written less often (a name's capitals).
        let why = if reference_count as usize >= spans.len() {
            "as the text mostly does"
        } else {
            "the preferred form, though written less often"
        };
        diagnostic
            .with_help(format!("write '{}' throughout, {why}", reference.text))
            .with_fix(Fix::unsafe_(
                title,
                spans
                    .iter()
                    .map(|&span| Edit::replace(span, replacement.as_str()))
                    .collect(),
            ))
    }
}

/// In document scope, how close (in bytes, about 4,000 words) an occurrence
/// must be to the reference form to be reported. Every news item or report
/// of ordinary length fits in it whole; in a very long file (a book, a
/// collection of speeches), variants far apart are usually separate parts
/// by separate hands, and an editor checks them section by section.
pub(crate) const DOCUMENT_WINDOW: usize = 24_000;

/// Runs a rule's decision over one document (document scope), returning
/// diagnostics whose labels all point into the same document.
pub(crate) fn decide_document(
    meta: &RuleMeta,
    wording: &Wording,
    policy: &Policy,
    table: &FormTable,
    verdicts: impl Fn(&[Form]) -> Vec<Verdict>,
    out: &mut Vec<Diagnostic>,
) {
    if table.is_empty() {
        return;
    }
    let tables = [(0, table)];
    let mut forms = merge(&tables);
    let found = verdicts(&forms);
    if found.is_empty() {
        return;
    }
    fill_places(&mut forms, &tables, &found);
    out.extend(
        emit(
            meta,
            wording,
            policy,
            &forms,
            &found,
            Some(DOCUMENT_WINDOW),
            None,
        )
        .into_iter()
        .map(|(_, d)| d),
    );
}

/// Runs a rule's decision over every document's facts (corpus scope).
pub(crate) fn decide_corpus(
    meta: &RuleMeta,
    wording: &Wording,
    policy: &Policy,
    facts: &[(FileId, Facts)],
    verdicts: impl Fn(&[Form]) -> Vec<Verdict>,
) -> Vec<(FileId, Diagnostic)> {
    let tables: Vec<(FileId, &FormTable)> = facts
        .iter()
        .filter_map(|(file, facts)| {
            facts
                .downcast_ref::<FormTable>()
                .filter(|table| !table.is_empty())
                .map(|table| (*file, table))
        })
        .collect();
    if tables.is_empty() {
        return Vec::new();
    }
    let mut forms = merge(&tables);
    let found = verdicts(&forms);
    if found.is_empty() {
        return Vec::new();
    }
    fill_places(&mut forms, &tables, &found);
    let related = Relatedness::of(&tables);
    emit(meta, wording, policy, &forms, &found, None, Some(&related))
}

/// Whether two forms of two or more words agree in every word but one, and
/// that one differs in its letters, not only in its capitals ("Tan Chenxu"
/// / "Tan Chengxu"): the other words are the evidence that the documents
/// write of one person.
fn shares_other_words(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let mut differing = wa.iter().zip(&wb).filter(|(x, y)| x != y);
    wa.len() == wb.len()
        && wa.len() >= 2
        && differing
            .next()
            .is_some_and(|(x, y)| x.to_lowercase() != y.to_lowercase())
        && differing.next().is_none()
}

/// Whether two forms differ only as house styles do, word by word: in
/// accents ("Nicolás" / "Nicolas"), a surname in capitals ("MADURO" /
/// "Maduro"), or the capital after a hyphen ("Blu-Ray" / "Blu-ray"). One
/// document's style is no slip of another's. Capitals inside a word
/// ("NetEase" / "Netease") are a brand's spelling and still count.
fn is_house_style(a: &str, b: &str) -> bool {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let bare = |w: &str| -> String { w.nfd().filter(|c| !is_combining_mark(*c)).collect() };
    let all_caps = |w: &str| w.chars().count() >= 2 && !w.chars().any(char::is_lowercase);
    let after_hyphen_only = |x: &str, y: &str| {
        let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
        x.len() == y.len()
            && (0..x.len()).all(|i| {
                x[i] == y[i]
                    || (i > 0 && x[i - 1] == '-' && x[i].to_lowercase().eq(y[i].to_lowercase()))
            })
    };
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    wa.len() == wb.len()
        && a != b
        && wa.iter().zip(&wb).all(|(x, y)| {
            let (x, y) = (bare(x), bare(y));
            x == y
                || (x.to_lowercase() == y.to_lowercase() && (all_caps(&x) || all_caps(&y)))
                || after_hyphen_only(&x, &y)
        })
}

/// A form written in at most this many files of a run is rare: two files
/// that share it are probably about the same thing.
const RARE_FILES: usize = 5;

/// Which documents of a run belong together (a newsroom's stories of one
/// day, the messages of one thread), told by the rare forms they share: a
/// name written two ways is compared across two documents only then, not
/// across unrelated documents by different writers on different topics.
pub(crate) struct Relatedness<'a> {
    /// Per file (sorted by file), its forms written in two to
    /// [`RARE_FILES`] files, sorted.
    rare: Vec<(FileId, Vec<&'a str>)>,
}

impl<'a> Relatedness<'a> {
    pub(crate) fn of(tables: &[(FileId, &'a FormTable)]) -> Self {
        let mut files_of: FxHashMap<&'a str, usize> = FxHashMap::default();
        for (_, table) in tables {
            for (text, _, _) in table.entries() {
                *files_of.entry(text).or_insert(0) += 1;
            }
        }
        let mut rare: Vec<(FileId, Vec<&'a str>)> = tables
            .iter()
            .map(|&(file, table)| {
                let mut texts: Vec<&'a str> = table
                    .entries()
                    .map(|(text, _, _)| text)
                    .filter(|text| (2..=RARE_FILES).contains(&files_of[text]))
                    .collect();
                texts.sort_unstable();
                (file, texts)
            })
            .collect();
        rare.sort_by_key(|(file, _)| *file);
        Relatedness { rare }
    }

    fn rare_of(&self, file: FileId) -> &[&'a str] {
        self.rare
            .binary_search_by_key(&file, |(f, _)| *f)
            .map_or(&[], |i| &self.rare[i].1)
    }

    /// Whether files `a` and `b` share a rare form of two or more words, or
    /// two rare forms, besides the forms in `skip`.
    pub(crate) fn together(&self, a: FileId, b: FileId, skip: &[&str]) -> bool {
        let (mut x, mut y) = (self.rare_of(a).iter().peekable(), self.rare_of(b).iter());
        let mut shared = 0;
        for text in &mut y {
            while x.next_if(|t| *t < text).is_some() {}
            if x.peek() == Some(&text) && !skip.contains(text) {
                if text.contains(' ') {
                    return true;
                }
                shared += 1;
                if shared >= 2 {
                    return true;
                }
            }
        }
        false
    }
}

/// Groups form indices by `key`, keeping groups of two or more forms.
pub(crate) fn groups_by<K: Ord>(
    forms: &[Form],
    key: impl Fn(&Form) -> Option<K>,
) -> Vec<Vec<usize>> {
    let mut groups: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for (i, form) in forms.iter().enumerate() {
        if let Some(k) = key(form) {
            groups.entry(k).or_default().push(i);
        }
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_names_round_trip() {
        for scope in ComparisonScope::ALL {
            assert_eq!(ComparisonScope::from_name(scope.as_str()), Some(scope));
        }
        assert_eq!(ComparisonScope::from_name("file"), None);
    }

    #[test]
    fn form_table_groups_occurrences_by_text() {
        let doc = Document::from_text("Title\n\nTan Chengxu met Tan Chenxu and Tan Chengxu.");
        let text = doc.text();
        let spans: Vec<Span> = ["Tan Chengxu", "Tan Chenxu"]
            .iter()
            .flat_map(|name| {
                text.match_indices(name)
                    .filter(|(i, _)| !text[i + name.len()..].starts_with('g'))
                    .map(|(i, m)| Span::new(i, i + m.len()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let occurrences = spans
            .iter()
            .map(|&span| Occurrence { span, flags: 0 })
            .collect();
        let table = FormTable::build(&doc, occurrences);
        let tables = [(3, &table)];
        let mut forms = merge(&tables);
        assert!(forms[0].places.is_empty(), "places only for verdicts");
        let verdict = Verdict {
            form: 1,
            reference: 0,
            tie: false,
            within_file: false,
        };
        fill_places(&mut forms, &tables, &[verdict]);
        assert_eq!(forms[0].places.len(), 2);
        assert_eq!(forms[1].places, [(3, spans[2])]);
        assert_eq!(forms.len(), 2);
        assert_eq!(forms[0].text, "Tan Chengxu");
        assert_eq!(forms[0].count, 2);
        assert_eq!(forms[0].first.file, 3);
        assert_eq!(forms[0].first.location.start.line, 3);
        assert_eq!(forms[1].text, "Tan Chenxu");
        assert_eq!(forms[1].count, 1);
        assert!(table.footprint() < 200, "{}", table.footprint());
    }
}
