//! Finding listed phrases and regular expressions in a document's folded
//! prose: the search shared by every pack rule kind.
//!
//! The phrases of every pack rule and glossary term go into one shared
//! [`PhraseIndex`]: one Aho–Corasick automaton per case mode, searched once
//! per document (the result is memoised on the document), so fifty packs
//! with thousands of phrases still make one pass over the text. Regular
//! expressions use the `regex` crate, whose matching time is linear in the
//! text whatever the pattern; they are checked when a pack loads and
//! compiled on first use.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use doclint_core::{Document, Span, FOLDED_NON_PROSE};
use regex::{Regex, RegexBuilder};

/// Whether letters must match in case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaseMode {
    /// ASCII letters match in either case (the default).
    Insensitive,
    Sensitive,
}

impl CaseMode {
    pub(crate) const NAMES: &'static str = "insensitive, sensitive";

    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "insensitive" => Some(CaseMode::Insensitive),
            "sensitive" => Some(CaseMode::Sensitive),
            _ => None,
        }
    }
}

/// Which paragraphs a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every paragraph and heading (the default).
    All,
    /// Running text: not titles, datelines or headings.
    Body,
    /// Titles, datelines, header lines and Markdown headings.
    Headings,
    /// Only the header block at the top of the document.
    Header,
}

impl Scope {
    pub(crate) const NAMES: &'static str = "all, body, headings, header";

    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "all" => Some(Scope::All),
            "body" => Some(Scope::Body),
            "headings" => Some(Scope::Headings),
            "header" => Some(Scope::Header),
            _ => None,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Scope::All => "all text",
            Scope::Body => "running text (not titles, datelines or headings)",
            Scope::Headings => "titles, datelines, header lines and headings",
            Scope::Header => "the header block at the top of the document",
        }
    }
}

/// Something to look for.
#[derive(Clone, Debug)]
pub(crate) enum Needle {
    Phrase(String),
    Pattern(String),
}

/// A needle with the tag it reports and its case mode.
pub(crate) type TaggedNeedle = (Needle, u32, CaseMode);

/// A needle that cannot be used.
#[derive(Debug)]
pub(crate) struct NeedleError {
    /// Index of the needle in the list given to [`Finder::new`].
    pub index: usize,
    /// For a pattern: the byte offset of the problem inside it.
    pub offset: Option<usize>,
    pub message: String,
}

/// One match in the folded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The range in [`doclint_core::FoldedText::text`].
    pub folded: Range<usize>,
    /// The original bytes.
    pub span: Span,
    /// The tag of the needle that matched.
    pub tag: u32,
    /// Set for a pattern match: its index among the finder's patterns.
    pub pattern: Option<usize>,
}

/// Distinguishes phrase indexes in [`Document::memo`].
static NEXT_INDEX_KEY: AtomicU64 = AtomicU64::new(1);

/// Who listed a phrase: the rule's slot in the index, the needle's tag (for
/// a trigger: the pattern's index), and whether it is a pattern's trigger
/// (matched anywhere) rather than a phrase (matched as whole words).
type Owner = (u32, u32, bool);

/// The phrases of one case mode and who listed each.
#[derive(Default)]
struct PhraseList {
    listed: Vec<(String, Owner)>,
}

impl PhraseList {
    fn add(&mut self, phrase: String, owner: Owner) {
        self.listed.push((phrase, owner));
    }

    fn build(mut self) -> Result<Option<PhraseSet>, String> {
        if self.listed.is_empty() {
            return Ok(None);
        }
        // One automaton pattern per distinct phrase, listing every owner:
        // sorting groups duplicates more cheaply than hashing them.
        self.listed.sort_unstable();
        let mut phrases: Vec<String> = Vec::with_capacity(self.listed.len());
        let mut owners: Vec<Vec<Owner>> = Vec::with_capacity(self.listed.len());
        for (phrase, owner) in self.listed {
            match (phrases.last(), owners.last_mut()) {
                (Some(last), Some(list)) if *last == phrase => list.push(owner),
                _ => {
                    phrases.push(phrase);
                    owners.push(vec![owner]);
                }
            }
        }
        // Case-sensitive automata: insensitive phrases are matched lower-cased
        // against lower-cased text, which builds several times faster than
        // an ASCII-case-insensitive automaton. Past a thousand phrases the
        // non-contiguous NFA builds fastest and still searches a document in
        // microseconds.
        let kind = (phrases.len() > 1000).then_some(AhoCorasickKind::NoncontiguousNFA);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(&phrases)
            .map_err(|err| format!("the phrase lists cannot be compiled: {err}"))?;
        Ok(Some(PhraseSet { automaton, owners }))
    }
}

struct PhraseSet {
    automaton: AhoCorasick,
    owners: Vec<Vec<Owner>>,
}

/// Collects the phrases of every rule while packs compile.
pub(crate) struct PhraseIndexBuilder {
    sensitive: PhraseList,
    insensitive: PhraseList,
    slots: u32,
    shared: Arc<OnceLock<PhraseIndex>>,
}

impl PhraseIndexBuilder {
    pub(crate) fn new() -> Self {
        Self {
            sensitive: PhraseList::default(),
            insensitive: PhraseList::default(),
            slots: 0,
            shared: Arc::new(OnceLock::new()),
        }
    }

    fn add(&mut self, phrase: String, case: CaseMode, owner: Owner) {
        match case {
            CaseMode::Sensitive => self.sensitive.add(phrase, owner),
            CaseMode::Insensitive => self.insensitive.add(phrase.to_ascii_lowercase(), owner),
        }
    }

    /// Builds the automata and hands the index to every finder.
    pub(crate) fn finish(self) -> Result<(), String> {
        let index = PhraseIndex {
            key: NEXT_INDEX_KEY.fetch_add(1, Ordering::Relaxed),
            sensitive: self.sensitive.build()?,
            insensitive: self.insensitive.build()?,
        };
        // A fresh builder's cell is always empty.
        let _ = self.shared.set(index);
        Ok(())
    }
}

/// Every phrase of every loaded rule, searched once per document.
pub(crate) struct PhraseIndex {
    key: u64,
    sensitive: Option<PhraseSet>,
    insensitive: Option<PhraseSet>,
}

/// The phrase matches of one document: (slot, start, end, tag, trigger),
/// sorted.
struct PhraseHits(Vec<(u32, u32, u32, u32, bool)>);

impl PhraseIndex {
    fn hits(&self, doc: &Document) -> Arc<PhraseHits> {
        doc.memo(self.key, |doc| self.search(doc))
    }

    fn search(&self, doc: &Document) -> PhraseHits {
        let text = doc.folded().text();
        let mut hits = Vec::new();
        let mut collect = |set: &PhraseSet, haystack: &str| {
            // Overlapping search: each rule then picks its own leftmost
            // longest matches, whatever other rules listed.
            for m in set.automaton.find_overlapping_iter(haystack) {
                let whole = at_word_boundaries(text, m.start(), m.end());
                for &(slot, tag, trigger) in &set.owners[m.pattern().as_usize()] {
                    if trigger || whole {
                        hits.push((slot, m.start() as u32, m.end() as u32, tag, trigger));
                    }
                }
            }
        };
        if let Some(set) = &self.sensitive {
            collect(set, text);
        }
        if let Some(set) = &self.insensitive {
            // ASCII lower-casing keeps every byte offset.
            collect(set, &text.to_ascii_lowercase());
        }
        hits.sort_unstable();
        PhraseHits(hits)
    }
}

/// A regular expression, checked at load and compiled on first use.
struct LazyPattern {
    source: String,
    case: CaseMode,
    tag: u32,
    /// Whether the pattern runs only on documents holding one of its
    /// trigger literals (registered in the phrase index).
    gated: bool,
    regex: OnceLock<Option<Regex>>,
}

impl LazyPattern {
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                RegexBuilder::new(&self.source)
                    .case_insensitive(self.case == CaseMode::Insensitive)
                    .multi_line(true)
                    .build()
                    .ok()
            })
            .as_ref()
    }
}

/// Parses a pattern as the `regex` crate would; an error carries its byte
/// offset in the pattern, when known.
fn parse_pattern(
    pattern: &str,
    insensitive: bool,
) -> Result<regex_syntax::hir::Hir, (Option<usize>, String)> {
    let parsed = regex_syntax::ParserBuilder::new()
        .case_insensitive(insensitive)
        .multi_line(true)
        .build()
        .parse(pattern);
    parsed.map_err(|err| match err {
        regex_syntax::Error::Parse(err) => (
            Some(err.span().start.offset),
            format!("invalid regular expression: {}", err.kind()),
        ),
        regex_syntax::Error::Translate(err) => (
            Some(err.span().start.offset),
            format!("invalid regular expression: {}", err.kind()),
        ),
        err => (None, format!("invalid regular expression: {err}")),
    })
}

/// Checks a pattern's syntax without compiling it (compiling costs up to a
/// millisecond per pattern, parsing a few microseconds), and returns its
/// triggers: literals one of which starts every match, when there are few
/// enough. A pattern with triggers is compiled and run only on documents
/// that contain one, which spares most documents most patterns.
fn check_pattern(pattern: &str, case: CaseMode) -> Result<Vec<String>, (Option<usize>, String)> {
    let hir = parse_pattern(pattern, case == CaseMode::Insensitive)?;
    if hir.properties().minimum_len() == Some(0) {
        return Err((None, "this pattern matches the empty string".to_owned()));
    }
    // Triggers of an insensitive pattern come from its case-sensitive form,
    // lower-cased like the text they are searched in.
    let Ok(hir) = parse_pattern(pattern, false) else {
        return Ok(Vec::new());
    };
    let seq = regex_syntax::hir::literal::Extractor::new()
        .kind(regex_syntax::hir::literal::ExtractKind::Prefix)
        .extract(&hir);
    let Some(literals) = seq.literals() else {
        return Ok(Vec::new());
    };
    let mut triggers = Vec::with_capacity(literals.len());
    for literal in literals {
        let bytes = literal.as_bytes();
        // A literal cut inside a character keeps its whole characters.
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or(""),
        };
        let unsafe_case = case == CaseMode::Insensitive
            && text
                .chars()
                .any(|c| !c.is_ascii() && (c.is_uppercase() || c.is_lowercase()));
        if text.is_empty() || unsafe_case {
            return Ok(Vec::new());
        }
        triggers.push(match case {
            CaseMode::Insensitive => text.to_ascii_lowercase(),
            CaseMode::Sensitive => text.to_owned(),
        });
    }
    Ok(triggers)
}

/// What one rule looks for.
pub(crate) struct Finder {
    phrases: Option<(Arc<OnceLock<PhraseIndex>>, u32)>,
    patterns: Vec<LazyPattern>,
    scope: Scope,
}

impl Finder {
    /// Checks `needles` (each with its tag and case mode) and registers the
    /// phrases with `index`. Reports every needle that cannot be used.
    pub(crate) fn new(
        needles: &[TaggedNeedle],
        scope: Scope,
        index: &mut PhraseIndexBuilder,
    ) -> Result<Self, Vec<NeedleError>> {
        let mut errors = Vec::new();
        let mut patterns = Vec::new();
        let slot = index.slots;
        let mut uses_index = false;
        for (i, (needle, tag, case)) in needles.iter().enumerate() {
            match needle {
                Needle::Phrase(phrase) => {
                    let folded = fold_phrase(phrase);
                    if folded.is_empty() {
                        errors.push(NeedleError {
                            index: i,
                            offset: None,
                            message: "empty phrase".to_owned(),
                        });
                        continue;
                    }
                    index.add(folded, *case, (slot, *tag, false));
                    uses_index = true;
                }
                Needle::Pattern(pattern) => match check_pattern(pattern, *case) {
                    Ok(triggers) => {
                        let gated = !triggers.is_empty();
                        for trigger in triggers {
                            index.add(trigger, *case, (slot, patterns.len() as u32, true));
                        }
                        uses_index |= gated;
                        patterns.push(LazyPattern {
                            source: pattern.clone(),
                            case: *case,
                            tag: *tag,
                            gated,
                            regex: OnceLock::new(),
                        });
                    }
                    Err((offset, message)) => errors.push(NeedleError {
                        index: i,
                        offset,
                        message,
                    }),
                },
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if uses_index {
            index.slots += 1;
        }
        Ok(Finder {
            phrases: uses_index.then(|| (index.shared.clone(), slot)),
            patterns,
            scope,
        })
    }

    /// The regular expression of a pattern match.
    pub(crate) fn pattern(&self, index: usize) -> Option<&Regex> {
        self.patterns.get(index).and_then(LazyPattern::regex)
    }

    /// Every match in `doc`, in text order, without overlaps: where two
    /// overlap, the one that starts first wins, then the longer one.
    pub(crate) fn find(&self, doc: &Document) -> Vec<Found> {
        let folded = doc.folded();
        let text = folded.text();
        let mut found = Vec::new();
        let mut triggered = vec![false; self.patterns.len()];
        if let Some((index, slot)) = &self.phrases {
            if let Some(index) = index.get() {
                let hits = index.hits(doc);
                let first = hits.0.partition_point(|hit| hit.0 < *slot);
                for &(_, start, end, tag, trigger) in
                    hits.0[first..].iter().take_while(|hit| hit.0 == *slot)
                {
                    if trigger {
                        if let Some(flag) = triggered.get_mut(tag as usize) {
                            *flag = true;
                        }
                    } else {
                        found.push((start as usize..end as usize, tag, None));
                    }
                }
            }
        }
        for (index, pattern) in self.patterns.iter().enumerate() {
            if pattern.gated && !triggered[index] {
                continue;
            }
            let Some(regex) = pattern.regex() else {
                continue;
            };
            for m in regex.find_iter(text) {
                if !m.range().is_empty() {
                    found.push((m.range(), pattern.tag, Some(index)));
                }
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        found.sort_by_key(|(range, tag, _)| (range.start, std::cmp::Reverse(range.end), *tag));
        let mut out: Vec<Found> = Vec::with_capacity(found.len());
        let mut taken_until = 0usize;
        for (range, tag, pattern) in found {
            if range.start < taken_until {
                continue;
            }
            let piece = &text[range.clone()];
            if piece.contains('\n') || piece.contains(FOLDED_NON_PROSE) {
                continue;
            }
            let paragraph = folded.paragraph_at(range.start);
            if !self.in_scope(doc, paragraph) {
                continue;
            }
            taken_until = range.end;
            out.push(Found {
                span: folded.original_span(range.clone()),
                folded: range,
                tag,
                pattern,
            });
        }
        out
    }

    fn in_scope(&self, doc: &Document, paragraph: usize) -> bool {
        let Some(paragraph) = doc.paragraphs().get(paragraph) else {
            return false;
        };
        match self.scope {
            Scope::All => true,
            Scope::Body => !paragraph.is_heading,
            Scope::Headings => paragraph.is_heading,
            Scope::Header => doc
                .header_lines()
                .contains(&(paragraph.lines.start as usize)),
        }
    }
}

/// A phrase as the folded text writes it: single spaces, straight
/// apostrophes, ASCII hyphens.
pub(crate) fn fold_phrase(phrase: &str) -> String {
    let plain = |b: &u8| b.is_ascii_graphic() || *b == b' ';
    if phrase.bytes().all(|b| plain(&b))
        && !phrase.starts_with(' ')
        && !phrase.ends_with(' ')
        && !phrase.contains("  ")
    {
        return phrase.to_owned();
    }
    let mut out = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '\u{2019}' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        }));
    }
    out
}

/// A phrase that starts (ends) with a letter or digit matches only where no
/// letter or digit precedes (follows) it: "heart" is not found in "hearts".
/// Nor is it found inside an identifier, e-mail address, file name or URL
/// ("april@example.com", "sunday_schedule.txt", "example.com/june").
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    let glued = |c: char| c.is_alphanumeric() || c == '_' || c == '@';
    let joiner = |c: char| matches!(c, '.' | '/' | '\\');
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let (b1, b2) = (before.next(), before.next());
    let (a1, a2) = (after.next(), after.next());
    let blocked_before =
        b1.is_some_and(glued) || (b1.is_some_and(joiner) && b2.is_some_and(is_word));
    let blocked_after =
        a1.is_some_and(glued) || (a1.is_some_and(joiner) && a2.is_some_and(is_word));
    let starts_glued = first.is_some_and(is_word) && blocked_before;
    let ends_glued = last.is_some_and(is_word) && blocked_after;
    !(starts_glued || ends_glued)
}

/// The replacement adapted to the case of the text it replaces: an all-caps
/// run of words stays all caps; a capital first letter stays capital;
/// otherwise the replacement is used as written (so a proper noun keeps
/// its capital).
pub(crate) fn match_case(found: &str, replacement: &str) -> String {
    let mut letters = found.chars().filter(|c| c.is_alphabetic()).peekable();
    let Some(&first) = letters.peek() else {
        return replacement.to_owned();
    };
    let all_caps = found.contains(' ') && letters.all(|c| c.is_uppercase());
    if all_caps {
        return replacement.to_uppercase();
    }
    if first.is_uppercase() {
        let mut chars = replacement.chars();
        if let Some(head) = chars.next() {
            return head.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(needles: &[TaggedNeedle], scope: Scope) -> Finder {
        let mut index = PhraseIndexBuilder::new();
        let finder = match Finder::new(needles, scope, &mut index) {
            Ok(finder) => finder,
            Err(errors) => panic!("needles compile: {errors:?}"),
        };
        index.finish().unwrap_or_else(|err| panic!("{err}"));
        finder
    }

    fn flagged<'a>(finder: &Finder, text: &'a str) -> Vec<&'a str> {
        let doc = Document::from_text(text);
        finder
            .find(&doc)
            .iter()
            .map(|found| &text[found.span.range()])
            .collect()
    }

    #[test]
    fn phrases_match_whole_words_in_any_case_across_line_breaks() {
        let f = finder(
            &[(
                Needle::Phrase("original heart".into()),
                0,
                CaseMode::Insensitive,
            )],
            Scope::All,
        );
        assert_eq!(
            flagged(&f, "Keep the Original\nheart, not the original hearts.\n"),
            vec!["Original\nheart"]
        );
    }

    #[test]
    fn phrases_inside_addresses_and_file_names_are_skipped() {
        let f = finder(
            &[(Needle::Phrase("april".into()), 0, CaseMode::Sensitive)],
            Scope::All,
        );
        assert_eq!(
            flagged(&f, "Mail april@example.com or see www.april.org, april_notes.txt, x/april. Since april."),
            vec!["april"]
        );
    }

    #[test]
    fn rules_sharing_the_index_keep_their_own_matches() {
        let mut index = PhraseIndexBuilder::new();
        let mut make = |needles: &[TaggedNeedle]| {
            Finder::new(needles, Scope::All, &mut index).unwrap_or_else(|e| panic!("{e:?}"))
        };
        let long = make(&[(
            Needle::Phrase("original heart".into()),
            0,
            CaseMode::Insensitive,
        )]);
        let short = make(&[(Needle::Phrase("heart".into()), 0, CaseMode::Insensitive)]);
        let same = make(&[(
            Needle::Phrase("Original Heart".into()),
            5,
            CaseMode::Sensitive,
        )]);
        index.finish().unwrap_or_else(|e| panic!("{e}"));
        let doc = Document::from_text("The Original Heart and the original heart.");
        let spans = |f: &Finder| -> Vec<(u32, u32)> {
            f.find(&doc).iter().map(|x| (x.span.start, x.tag)).collect()
        };
        assert_eq!(spans(&long), vec![(4, 0), (27, 0)]);
        assert_eq!(spans(&short), vec![(13, 0), (36, 0)]);
        assert_eq!(spans(&same), vec![(4, 5)]);
    }

    #[test]
    fn patterns_run_only_where_their_trigger_literals_occur() {
        let gated = finder(
            &[(
                Needle::Pattern(r"(?:four|4) consciousness(?:es)?".into()),
                0,
                CaseMode::Insensitive,
            )],
            Scope::All,
        );
        assert!(gated.patterns[0].gated);
        assert_eq!(
            flagged(&gated, "Nothing here about it."),
            Vec::<&str>::new()
        );
        assert!(
            gated.patterns[0].regex.get().is_none(),
            "not compiled for a document without a trigger"
        );
        assert_eq!(
            flagged(&gated, "The FOUR Consciousnesses."),
            vec!["FOUR Consciousnesses"]
        );
        // A class too wide for literals leaves the pattern ungated.
        let open = finder(
            &[(
                Needle::Pattern(r"\p{Lu}{3} [0-9]".into()),
                0,
                CaseMode::Sensitive,
            )],
            Scope::All,
        );
        assert!(!open.patterns[0].gated);
        assert_eq!(flagged(&open, "In ABC 5 cases."), vec!["ABC 5"]);
    }

    #[test]
    fn sensitive_phrases_need_the_exact_case() {
        let f = finder(
            &[(Needle::Phrase("US".into()), 0, CaseMode::Sensitive)],
            Scope::All,
        );
        assert_eq!(flagged(&f, "Let us go to the US now."), vec!["US"]);
    }

    #[test]
    fn longest_leftmost_match_wins_across_phrases_and_patterns() {
        let f = finder(
            &[
                (
                    Needle::Phrase("initial heart".into()),
                    0,
                    CaseMode::Insensitive,
                ),
                (
                    Needle::Pattern(r"\bnot forgetting the initial heart\b".into()),
                    1,
                    CaseMode::Insensitive,
                ),
            ],
            Scope::All,
        );
        let doc = Document::from_text("On not forgetting the initial heart today.");
        let found = f.find(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tag, 1);
    }

    #[test]
    fn scope_limits_matches_to_headings_or_body() {
        let text = "Reporter Zhang Wei\n\nThe reporter Zhang Wei wrote this paragraph.\n";
        let needles = [(Needle::Phrase("reporter".into()), 0, CaseMode::Insensitive)];
        assert_eq!(
            flagged(&finder(&needles, Scope::Headings), text),
            vec!["Reporter"]
        );
        assert_eq!(
            flagged(&finder(&needles, Scope::Body), text),
            vec!["reporter"]
        );
        assert_eq!(
            flagged(&finder(&needles, Scope::Header), text),
            vec!["Reporter"]
        );
        assert_eq!(flagged(&finder(&needles, Scope::All), text).len(), 2);
    }

    #[test]
    fn anchors_match_at_paragraph_edges() {
        let f = finder(
            &[(
                Needle::Pattern(r"^date \d{4}".into()),
                0,
                CaseMode::Sensitive,
            )],
            Scope::All,
        );
        assert_eq!(
            flagged(&f, "date 2023 title\n\nAn update date 2023 in text.\n"),
            vec!["date 2023"]
        );
    }

    #[test]
    fn bad_and_empty_patterns_are_errors() {
        let errors = Finder::new(
            &[
                (Needle::Pattern("(unclosed".into()), 0, CaseMode::Sensitive),
                (Needle::Pattern("a*".into()), 1, CaseMode::Sensitive),
                (Needle::Phrase("  ".into()), 2, CaseMode::Sensitive),
                (Needle::Pattern(r"ok \q".into()), 3, CaseMode::Sensitive),
            ],
            Scope::All,
            &mut PhraseIndexBuilder::new(),
        )
        .err()
        .unwrap_or_default();
        let found: Vec<(usize, Option<usize>)> =
            errors.iter().map(|e| (e.index, e.offset)).collect();
        assert_eq!(
            found,
            vec![(0, Some(0)), (1, None), (2, None), (3, Some(3))]
        );
    }

    #[test]
    fn case_of_the_replacement_follows_the_found_text() {
        assert_eq!(match_case("Never forget", "stay true"), "Stay true");
        assert_eq!(match_case("never forget", "stay true"), "stay true");
        assert_eq!(match_case("NEVER FORGET", "stay true"), "STAY TRUE");
        assert_eq!(match_case("obor", "Belt and Road"), "Belt and Road");
        assert_eq!(match_case("OBOR", "Belt and Road"), "Belt and Road");
    }
}
