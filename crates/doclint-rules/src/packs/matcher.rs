//! Finding listed phrases and regular expressions in a document's folded
//! prose: the search shared by every pack rule kind.
//!
//! The phrases of every pack rule and glossary term, and the trigger
//! literals of their patterns, go into one shared [`PhraseIndex`]: one
//! Aho–Corasick automaton over the first bytes of each, searched once per
//! document (the result is memoised on the document), so fifty packs with
//! thousands of phrases still make one pass over the text. A regular
//! expression (`regex-automata`, whose matching time is linear in the text
//! whatever the pattern) is checked when a pack loads, compiled on first
//! use, and tried only where its matches can start: at its triggers, or at
//! paragraph starts for a `^` pattern. Only a pattern with neither is
//! searched through the text.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use doclint_core::{Document, Span, FOLDED_NON_PROSE};
use regex_automata::meta;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

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
pub(crate) enum ParagraphScope {
    /// Every paragraph and heading (the default).
    All,
    /// Running text: not titles, datelines or headings.
    Body,
    /// Titles, datelines, header lines and Markdown headings.
    Headings,
    /// Only the header block at the top of the document.
    Header,
    /// Running text of a document that reads as news copy: plain text that
    /// opens with a header block (a title or dateline) and shows no mark of
    /// an e-mail (quoted reply lines, "… wrote:", addresses, a signature).
    NewsBody,
    /// Titles, datelines and header lines of a document that reads as news
    /// copy: the field block of an e-mailed advisory ("Release Date:
    /// 2002/07/22") is the writer's own layout, not a scraped page's label.
    NewsHeadings,
}

/// Whether `doc` reads as news copy, for [`ParagraphScope::NewsBody`]: plain text
/// with a header block at the top (a title or dateline) and none of the
/// marks of an e-mail or a forum post: a line quoting a reply ("> …"), an
/// attribution ("… wrote:"), a signature separator ("-- "), or an e-mail
/// address. Markdown (a README, documentation) is never news copy.
pub(crate) fn looks_like_news(doc: &Document) -> bool {
    // Asked by every news-body rule of every pack: answered once a document.
    const MEMO_KEY: u64 = 0x6e65_7773_626f_6479; // "newsbody"
    *doc.memo(MEMO_KEY, reads_as_news)
}

fn reads_as_news(doc: &Document) -> bool {
    if doc.kind() != doclint_core::DocumentKind::PlainText || doc.header_lines().is_empty() {
        return false;
    }
    let text = doc.text();
    let bytes = text.as_bytes();
    let has_address = memchr::memchr_iter(b'@', bytes).any(|at| {
        let before = at.checked_sub(1).map(|j| bytes[j]);
        let after = &bytes[at + 1..];
        let domain_len = after
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
            .count();
        let domain = after[..domain_len].trim_ascii_end();
        let domain = domain.strip_suffix(b".").unwrap_or(domain);
        before.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            && domain.contains(&b'.')
    });
    let e_mail_line = doc.lines().iter().any(|line| {
        let line = doc.slice(line.span);
        let trimmed = line.trim_end();
        line.starts_with('>')
            || line == "-- "
            || trimmed.ends_with("wrote:")
            || trimmed.ends_with("writes:")
    });
    !has_address && !e_mail_line && !speaks_in_person(doc)
}

/// Whether the writer of `doc` speaks in person, as in a letter, an e-mail
/// or a chat, rather than reporting as news copy does: outside quotation
/// marks the text says "I", "me", "my" or "you" at least once per 200 words
/// (news copy gives those words only to the people it quotes), or it holds
/// an emoticon.
fn speaks_in_person(doc: &Document) -> bool {
    let text = doc.text();
    let mut quoted = Vec::new();
    crate::pairing::quoted_stretches(doc.quotes(), 0..doc.quotes().len(), &mut quoted);
    let (mut words, mut personal) = (0usize, 0usize);
    for token in doc.tokens() {
        if !token.is_word() {
            if token.kind == doclint_core::TokenKind::Punct
                && crate::words::emoticon_at(text, token.span.start()).is_some()
            {
                return true;
            }
            continue;
        }
        words += 1;
        let word = doc.slice(token.span);
        // Most words cannot be one of those below: decided by the first byte.
        if !matches!(
            word.as_bytes().first(),
            Some(b'I' | b'm' | b'M' | b'y' | b'Y')
        ) {
            continue;
        }
        if crate::pairing::is_within(&quoted, token.span) {
            continue;
        }
        let word = word.split(['\'', '’']).next().unwrap_or(word);
        if matches!(
            word,
            "I" | "me" | "my" | "My" | "you" | "You" | "your" | "Your"
        ) {
            personal += 1;
        }
    }
    personal > 0 && personal * 200 >= words
}

impl ParagraphScope {
    pub(crate) const NAMES: &'static str = "all, body, headings, header, news-body, news-headings";

    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "all" => Some(ParagraphScope::All),
            "body" => Some(ParagraphScope::Body),
            "headings" => Some(ParagraphScope::Headings),
            "header" => Some(ParagraphScope::Header),
            "news-body" => Some(ParagraphScope::NewsBody),
            "news-headings" => Some(ParagraphScope::NewsHeadings),
            _ => None,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            ParagraphScope::All => "all text",
            ParagraphScope::Body => "running text (not titles, datelines or headings)",
            ParagraphScope::Headings => "titles, datelines, header lines and headings",
            ParagraphScope::Header => "the header block at the top of the document",
            ParagraphScope::NewsBody => {
                "running text of news copy (plain text with a title or dateline, not an e-mail)"
            }
            ParagraphScope::NewsHeadings => {
                "titles, datelines and header lines of news copy (plain text, not an e-mail)"
            }
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

/// A listed phrase and who listed it.
struct Listed {
    owner: Owner,
    /// The whole phrase: ASCII-lower-cased, or as written when its letters
    /// must match in case (`exact`).
    phrase: Box<[u8]>,
    exact: bool,
}

/// The longest trigger literal, in bytes: long enough to be rare in text,
/// short enough that a pattern's alternatives share few prefixes.
const TRIGGER_LEN: usize = 12;

/// The automaton looks for the first `KEY_LEN` bytes of each phrase and the
/// rest is compared where they occur: a small automaton builds quickly.
const KEY_LEN: usize = 6;

/// The longest match, in bytes, of a pattern tried anchored at each of its
/// starts; a pattern whose matches can be longer is searched unanchored
/// from its starts (see `Finder::try_at`).
const ANCHORED_MAX_LEN: usize = 256;

/// Every phrase of every rule, both case modes, in one automaton.
#[derive(Default)]
struct PhraseList {
    /// Keyed by the start of the ASCII-lower-cased phrase.
    listed: Vec<(Box<[u8]>, Listed)>,
}

impl PhraseList {
    fn add(&mut self, phrase: String, case: CaseMode, owner: Owner) {
        let lower = phrase.to_ascii_lowercase().into_bytes();
        let key = lower[..key_len(&phrase)].into();
        let exact = case == CaseMode::Sensitive;
        let phrase = if exact { phrase.into_bytes() } else { lower };
        self.listed.push((
            key,
            Listed {
                owner,
                phrase: phrase.into_boxed_slice(),
                exact,
            },
        ));
    }

    fn build(mut self) -> Result<Option<PhraseSet>, String> {
        if self.listed.is_empty() {
            return Ok(None);
        }
        // One automaton pattern per distinct key, listing every phrase that
        // starts with it: sorting groups them more cheaply than hashing.
        self.listed.sort_by(|a, b| {
            (&a.0, &a.1.phrase, a.1.owner, a.1.exact).cmp(&(
                &b.0,
                &b.1.phrase,
                b.1.owner,
                b.1.exact,
            ))
        });
        let mut keys: Vec<Box<[u8]>> = Vec::with_capacity(self.listed.len());
        let mut owners: Vec<Vec<Listed>> = Vec::with_capacity(self.listed.len());
        for (key, listed) in self.listed {
            match (keys.last(), owners.last_mut()) {
                (Some(last), Some(list)) if *last == key => list.push(listed),
                _ => {
                    keys.push(key);
                    owners.push(vec![listed]);
                }
            }
        }
        // One pass over the ASCII-lower-cased text (a smaller automaton than
        // an ASCII-case-insensitive one, so quicker to build): phrases whose
        // case matters are compared with the original bytes afterwards. The
        // keys are short, so even large packs make an automaton of a few
        // thousand states, which the DFA searches fastest.
        let kind = if keys.len() > 5000 {
            AhoCorasickKind::NoncontiguousNFA
        } else {
            AhoCorasickKind::DFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&keys)
            .map_err(|err| format!("the phrase lists cannot be compiled: {err}"))?;
        Ok(Some(PhraseSet { automaton, owners }))
    }
}

/// The length of a phrase's key: at most [`KEY_LEN`] bytes, whole
/// characters (at least one).
fn key_len(phrase: &str) -> usize {
    if phrase.len() <= KEY_LEN {
        return phrase.len();
    }
    let mut end = KEY_LEN;
    while !phrase.is_char_boundary(end) {
        end += 1;
    }
    end
}

struct PhraseSet {
    automaton: AhoCorasick,
    owners: Vec<Vec<Listed>>,
}

/// Collects the phrases of every rule while packs compile.
pub(crate) struct PhraseIndexBuilder {
    phrases: PhraseList,
    slots: u32,
    shared: Arc<OnceLock<PhraseIndex>>,
}

impl PhraseIndexBuilder {
    pub(crate) fn new() -> Self {
        Self {
            phrases: PhraseList::default(),
            slots: 0,
            shared: Arc::new(OnceLock::new()),
        }
    }

    fn add(&mut self, phrase: String, case: CaseMode, owner: Owner) {
        self.phrases.add(phrase, case, owner);
    }

    /// Builds the automaton and hands the index to every finder.
    pub(crate) fn finish(self) -> Result<(), String> {
        let index = PhraseIndex {
            key: NEXT_INDEX_KEY.fetch_add(1, Ordering::Relaxed),
            set: self.phrases.build()?,
        };
        // A fresh builder's cell is always empty.
        let _ = self.shared.set(index);
        Ok(())
    }
}

/// Every phrase of every loaded rule, searched once per document.
pub(crate) struct PhraseIndex {
    key: u64,
    set: Option<PhraseSet>,
}

/// The phrase matches of one document.
struct PhraseHits {
    /// (slot, start, end, tag, trigger), sorted.
    hits: Vec<(u32, u32, u32, u32, bool)>,
    /// Whether the text holds a character that a case-insensitive pattern
    /// matches as an ASCII letter ("ſ" as "s", the Kelvin sign as "k"):
    /// the ASCII trigger literals would not see such a match start.
    folds_to_ascii: bool,
}

/// The characters that Unicode simple case folding maps onto ASCII letters
/// (checked by a test against the regex engine's tables).
const FOLDS_TO_ASCII: [&str; 2] = ["\u{17F}", "\u{212A}"];

impl PhraseIndex {
    fn hits(&self, doc: &Document) -> Arc<PhraseHits> {
        doc.memo(self.key, |doc| self.search(doc))
    }

    fn search(&self, doc: &Document) -> PhraseHits {
        let text = doc.folded().text();
        let mut hits = Vec::new();
        if let Some(set) = &self.set {
            // Overlapping search: each rule then picks its own leftmost
            // longest matches, whatever other rules listed.
            let bytes = text.as_bytes();
            // ASCII lower-casing keeps every byte offset.
            let lower = text.to_ascii_lowercase();
            for m in set.automaton.find_overlapping_iter(&lower) {
                let start = m.start();
                for listed in &set.owners[m.pattern().as_usize()] {
                    let end = start + listed.phrase.len();
                    let Some(found) = bytes.get(start..end) else {
                        continue;
                    };
                    let same = if listed.exact {
                        found == &*listed.phrase
                    } else {
                        found.eq_ignore_ascii_case(&listed.phrase)
                    };
                    let (slot, tag, trigger) = listed.owner;
                    if same && (trigger || at_word_boundaries(text, start, end)) {
                        hits.push((slot, start as u32, end as u32, tag, trigger));
                    }
                }
            }
        }
        hits.sort_unstable();
        let folds_to_ascii = !text.is_ascii()
            && FOLDS_TO_ASCII
                .iter()
                .any(|c| memchr::memmem::find(text.as_bytes(), c.as_bytes()).is_some());
        PhraseHits {
            hits,
            folds_to_ascii,
        }
    }
}

/// Where the matches of a pattern can start, which decides how it is
/// searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Starts {
    /// Only at the start of the text or of a paragraph (`^`): tried there.
    LineStart,
    /// Only where one of its trigger literals occurs (registered in the
    /// phrase index): tried there.
    Triggers,
    /// Anywhere: searched through the text.
    Anywhere,
}

/// A regular expression, checked at load and compiled on first use.
struct LazyPattern {
    source: String,
    case: CaseMode,
    tag: u32,
    starts: Starts,
    /// Whether a match can hold a line break (and so run across
    /// paragraphs).
    crosses_lines: bool,
    /// Tried at given positions only.
    anchored: OnceLock<Option<Anchoring>>,
    /// Searched through the text.
    unanchored: OnceLock<Option<meta::Regex>>,
}

/// A pattern compiled for anchored searches.
struct Anchoring {
    regex: meta::Regex,
    /// The longest match, in bytes, when bounded: a try looks no further.
    max_len: Option<usize>,
}

impl LazyPattern {
    fn hir(&self) -> Option<Hir> {
        case_parse(&self.source, self.case)
    }

    /// The engine for anchored searches at candidate positions: no lazy
    /// DFA and no prefilter, whose building would cost more than they save
    /// on the few bytes a try reads. A bounded pattern uses the bounded
    /// backtracker (each try reads at most `max_len` bytes); an unbounded
    /// one the PikeVM, whose cost does not grow with the paragraph.
    fn anchored(&self) -> Option<&Anchoring> {
        self.anchored
            .get_or_init(|| build_anchored(&self.hir()?).ok())
            .as_ref()
    }

    fn unanchored(&self) -> Option<&meta::Regex> {
        self.unanchored
            .get_or_init(|| build_unanchored(&self.hir()?).ok())
            .as_ref()
    }
}

/// The pattern as its engines compile it, in its case mode.
fn case_parse(pattern: &str, case: CaseMode) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case == CaseMode::Insensitive)
        .multi_line(true)
        .build()
        .parse(pattern)
        .ok()
}

/// See [`LazyPattern::anchored`].
/// The error is the engine's message.
fn build_anchored(hir: &Hir) -> Result<Anchoring, String> {
    let max_len = hir.properties().maximum_len();
    let config = meta::Config::new()
        .auto_prefilter(false)
        .hybrid(false)
        .onepass(false)
        .backtrack(max_len.is_some());
    let regex = meta::Builder::new()
        .configure(config)
        .build_from_hir(hir)
        .map_err(|err| err.to_string())?;
    Ok(Anchoring { regex, max_len })
}

fn build_unanchored(hir: &Hir) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .build_from_hir(hir)
        .map_err(|err| err.to_string())
}

/// Parses a pattern as the regex engine would; an error carries its byte
/// offset in the pattern, when known.
fn parse_pattern(pattern: &str) -> Result<Hir, (Option<usize>, String)> {
    let parsed = regex_syntax::ParserBuilder::new()
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

/// What checking a pattern learnt about it.
struct PatternFacts {
    starts: Starts,
    crosses_lines: bool,
    /// For [`Starts::Triggers`]: literals, one of which starts every match.
    triggers: Vec<String>,
    /// The engines, when the pattern was compiled to check its size.
    anchored: Option<Anchoring>,
    unanchored: Option<meta::Regex>,
}

/// Checks a pattern's syntax without compiling it (compiling costs up to a
/// millisecond per pattern, parsing a few microseconds) and finds where its
/// matches can start: at a paragraph start (`^`), or where one of a few
/// literals occurs, which spares most of the text most patterns.
///
/// One case-sensitive parse serves both case modes: case folding changes
/// neither the syntax's validity nor the shortest match, and the triggers of
/// an insensitive pattern are its case-sensitive literals, matched in any
/// ASCII case.
fn check_pattern(pattern: &str, case: CaseMode) -> Result<PatternFacts, (Option<usize>, String)> {
    // Parsing holds a syntax tree of a hundred bytes or so per character:
    // a list of words written as one pattern would take gigabytes.
    if pattern.len() > MAX_PATTERN_LEN {
        return Err((
            None,
            format!(
                "this pattern is {} bytes long, more than {MAX_PATTERN_LEN}: \
                 list words and phrases as `phrases`, which have no such limit",
                pattern.len()
            ),
        ));
    }
    let hir = parse_pattern(pattern)?;
    if hir.properties().minimum_len() == Some(0) {
        return Err((None, "this pattern matches the empty string".to_owned()));
    }
    let crosses_lines = can_match_newline(&hir);
    let prefix = hir.properties().look_set_prefix();
    let (starts, triggers) = if prefix.contains(Look::Start) || prefix.contains(Look::StartLF) {
        (Starts::LineStart, Vec::new())
    } else {
        let triggers = trigger_literals(&hir, case);
        let starts = if triggers.is_empty() {
            Starts::Anywhere
        } else {
            Starts::Triggers
        };
        (starts, triggers)
    };
    let mut facts = PatternFacts {
        starts,
        crosses_lines,
        triggers,
        anchored: None,
        unanchored: None,
    };
    // A pattern that may be too large for the engine is compiled now, so
    // that it is an error here rather than a rule that never matches; the
    // engines its search uses are kept.
    if size_estimate(&hir) > COMPILE_CHECK_AT {
        drop(hir);
        let hir =
            case_parse(pattern, case).ok_or((None, "invalid regular expression".to_owned()))?;
        let cannot = |err: String| {
            (
                None,
                format!("the regular expression cannot be compiled: {err}"),
            )
        };
        let long = hir
            .properties()
            .maximum_len()
            .is_none_or(|len| len > ANCHORED_MAX_LEN);
        if facts.starts != Starts::Anywhere {
            facts.anchored = Some(build_anchored(&hir).map_err(cannot)?);
        }
        if facts.starts == Starts::Anywhere || long {
            facts.unanchored = Some(build_unanchored(&hir).map_err(cannot)?);
        }
    }
    Ok(facts)
}

/// The longest pattern, in bytes: far longer than any written by hand.
const MAX_PATTERN_LEN: usize = 64 * 1024;

/// The estimated size at or above which a pattern is compiled when its
/// pack loads: far below the engine's limits, far above what patterns
/// written by hand reach.
const COMPILE_CHECK_AT: usize = 20_000;

/// An upper bound, roughly, of the states a pattern compiles to: counted
/// repetitions multiply, classes count their ranges.
fn size_estimate(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(literal) => literal.0.len(),
        HirKind::Class(Class::Unicode(class)) => class.ranges().len().saturating_mul(4),
        HirKind::Class(Class::Bytes(class)) => class.ranges().len(),
        HirKind::Repetition(repetition) => {
            let times = repetition.max.unwrap_or(repetition.min).max(1) as usize;
            size_estimate(&repetition.sub).saturating_mul(times)
        }
        HirKind::Capture(capture) => size_estimate(&capture.sub),
        HirKind::Concat(all) | HirKind::Alternation(all) => all
            .iter()
            .fold(1usize, |sum, sub| sum.saturating_add(size_estimate(sub))),
    }
}

/// Short literals one of which starts every match, or none when there are
/// too many or they cannot be matched in ASCII case alone.
fn trigger_literals(hir: &Hir, case: CaseMode) -> Vec<String> {
    let mut seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(TRIGGER_LEN)
        .limit_total(64)
        .extract(hir);
    seq.keep_first_bytes(TRIGGER_LEN);
    seq.dedup();
    let Some(literals) = seq.literals() else {
        return Vec::new();
    };
    let mut triggers: Vec<String> = Vec::with_capacity(literals.len());
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
            return Vec::new();
        }
        if !triggers.iter().any(|t| t == text) {
            triggers.push(text.to_owned());
        }
    }
    triggers
}

/// Whether some match of `hir` can hold a line break.
fn can_match_newline(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(literal) => literal.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Repetition(repetition) => can_match_newline(&repetition.sub),
        HirKind::Capture(capture) => can_match_newline(&capture.sub),
        HirKind::Concat(all) | HirKind::Alternation(all) => all.iter().any(can_match_newline),
    }
}

/// What one rule looks for.
pub(crate) struct Finder {
    phrases: Option<(Arc<OnceLock<PhraseIndex>>, u32)>,
    patterns: Vec<LazyPattern>,
    scope: ParagraphScope,
}

impl Finder {
    /// Checks `needles` (each with its tag and case mode) and registers the
    /// phrases with `index`. Reports every needle that cannot be used.
    pub(crate) fn new(
        needles: &[TaggedNeedle],
        scope: ParagraphScope,
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
                    Ok(facts) => {
                        for trigger in facts.triggers {
                            index.add(trigger, *case, (slot, patterns.len() as u32, true));
                            uses_index = true;
                        }
                        patterns.push(LazyPattern {
                            source: pattern.clone(),
                            case: *case,
                            tag: *tag,
                            starts: facts.starts,
                            crosses_lines: facts.crosses_lines,
                            anchored: facts
                                .anchored
                                .map_or_else(OnceLock::new, |a| OnceLock::from(Some(a))),
                            unanchored: facts
                                .unanchored
                                .map_or_else(OnceLock::new, |u| OnceLock::from(Some(u))),
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

    /// Expands `replacement` (`$1`, `${name}`) with the captures of pattern
    /// `index`'s match `found` in the folded `text`. The search reads only
    /// the match: the match that starts there and is preferred over the
    /// whole text is still the preferred one inside it.
    pub(crate) fn expand(
        &self,
        index: usize,
        text: &str,
        found: Range<usize>,
        replacement: &str,
    ) -> Option<String> {
        let regex = &self.patterns.get(index)?.anchored()?.regex;
        let mut captures = regex.create_captures();
        regex.search_captures(
            &Input::new(text).range(found).anchored(Anchored::Yes),
            &mut captures,
        );
        if !captures.is_match() {
            return None;
        }
        let mut expanded = String::new();
        captures.interpolate_string_into(text, replacement, &mut expanded);
        Some(expanded)
    }

    /// Every match in `doc`, in text order, without overlaps: where two
    /// overlap, the one that starts first wins, then the longer one.
    pub(crate) fn find(&self, doc: &Document) -> Vec<Found> {
        if matches!(
            self.scope,
            ParagraphScope::NewsBody | ParagraphScope::NewsHeadings
        ) && !looks_like_news(doc)
        {
            return Vec::new();
        }
        let folded = doc.folded();
        let text = folded.text();
        let mut found = Vec::new();
        let mut triggered: Vec<Vec<usize>> = vec![Vec::new(); self.patterns.len()];
        let mut folds_to_ascii = false;
        if let Some((index, slot)) = &self.phrases {
            if let Some(index) = index.get() {
                let hits = index.hits(doc);
                folds_to_ascii = hits.folds_to_ascii;
                let first = hits.hits.partition_point(|hit| hit.0 < *slot);
                for &(_, start, end, tag, trigger) in
                    hits.hits[first..].iter().take_while(|hit| hit.0 == *slot)
                {
                    if trigger {
                        if let Some(starts) = triggered.get_mut(tag as usize) {
                            starts.push(start as usize);
                        }
                    } else {
                        found.push((start as usize..end as usize, tag, None));
                    }
                }
            }
        }
        for (index, pattern) in self.patterns.iter().enumerate() {
            let mut push = |range: Range<usize>| found.push((range, pattern.tag, Some(index)));
            let starts = match pattern.starts {
                Starts::Triggers if folds_to_ascii && pattern.case == CaseMode::Insensitive => {
                    Starts::Anywhere
                }
                starts => starts,
            };
            match starts {
                Starts::Triggers => {
                    if !triggered[index].is_empty() {
                        self.try_at(doc, pattern, &triggered[index], &mut push);
                    }
                }
                Starts::LineStart => {
                    let starts: Vec<usize> = std::iter::once(0)
                        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
                        .collect();
                    self.try_at(doc, pattern, &starts, &mut push);
                }
                Starts::Anywhere => self.search_through(doc, pattern, &mut push),
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

    /// The matches a search through the text would find, sought only from
    /// `starts` (ascending): every match starts at one of them.
    ///
    /// A bounded pattern (at most [`ANCHORED_MAX_LEN`] bytes a match) is
    /// tried anchored at each start, reading at most that many bytes. Any
    /// other pattern is searched unanchored from a start to the end of its
    /// paragraph (or of the text): the leftmost match found is the one the
    /// tries would have found, the starts it passed have none, and when
    /// there is none the rest of the region has none either, so its
    /// remaining starts are skipped. Each byte is then read a bounded number
    /// of times however many starts there are (an anchored try at every
    /// start read to the end of the line each time: quadratic).
    ///
    /// A match that cannot hold a line break stays in its paragraph, so
    /// paragraphs out of scope are skipped and each search ends at the
    /// paragraph's end.
    fn try_at(
        &self,
        doc: &Document,
        pattern: &LazyPattern,
        starts: &[usize],
        push: &mut impl FnMut(Range<usize>),
    ) {
        let folded = doc.folded();
        let text = folded.text();
        let Some(Anchoring { regex, max_len }) = pattern.anchored() else {
            return;
        };
        let bounded = max_len.filter(|len| *len <= ANCHORED_MAX_LEN);
        let unanchored = match bounded {
            Some(_) => None,
            None => match pattern.unanchored() {
                Some(regex) => Some(regex),
                None => return,
            },
        };
        // Matches end at or before `resume`; no match starts before
        // `barren_until` (a search from an earlier start found none).
        let mut resume = 0;
        let mut barren_until = 0;
        for &start in starts {
            if start < resume || start < barren_until || start >= text.len() {
                continue;
            }
            let end = if pattern.crosses_lines {
                text.len()
            } else {
                let paragraph = folded.paragraph_at(start);
                if !self.in_scope(doc, paragraph) {
                    continue;
                }
                paragraph_end(folded, paragraph).max(start)
            };
            let found = match (unanchored, bounded) {
                (Some(search), _) => {
                    let found = search.search(&Input::new(text).range(start..end));
                    if found.is_none() {
                        barren_until = end;
                    }
                    found
                }
                (None, Some(len)) => {
                    let end = end.min(start.saturating_add(len));
                    regex.search(&Input::new(text).range(start..end).anchored(Anchored::Yes))
                }
                (None, None) => None,
            };
            if let Some(m) = found {
                if !m.is_empty() {
                    push(m.range());
                    resume = m.end();
                }
            }
        }
    }

    /// Every match of a search through the text; a pattern that cannot
    /// match a line break is searched only in the paragraphs in scope.
    fn search_through(
        &self,
        doc: &Document,
        pattern: &LazyPattern,
        push: &mut impl FnMut(Range<usize>),
    ) {
        let folded = doc.folded();
        let text = folded.text();
        let Some(regex) = pattern.unanchored() else {
            return;
        };
        let mut search = |range: Range<usize>| {
            for m in regex.find_iter(Input::new(text).range(range)) {
                if !m.is_empty() {
                    push(m.range());
                }
            }
        };
        if pattern.crosses_lines || self.scope == ParagraphScope::All {
            search(0..text.len());
            return;
        }
        for paragraph in 0..doc.paragraphs().len() {
            if self.in_scope(doc, paragraph) {
                if let Some(start) = folded.paragraph_start(paragraph) {
                    search(start..paragraph_end(folded, paragraph).max(start));
                }
            }
        }
    }

    fn in_scope(&self, doc: &Document, paragraph: usize) -> bool {
        let Some(paragraph) = doc.paragraphs().get(paragraph) else {
            return false;
        };
        match self.scope {
            ParagraphScope::All => true,
            ParagraphScope::Body | ParagraphScope::NewsBody => !paragraph.is_heading,
            ParagraphScope::Headings | ParagraphScope::NewsHeadings => paragraph.is_heading,
            ParagraphScope::Header => doc
                .header_lines()
                .contains(&(paragraph.lines.start as usize)),
        }
    }
}

/// Where paragraph `index` ends in the folded text (at the line break
/// before the next one, or at the end).
fn paragraph_end(folded: &doclint_core::FoldedText, index: usize) -> usize {
    folded
        .paragraph_start(index + 1)
        .map_or(folded.text().len(), |next| next.saturating_sub(1))
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

    fn finder(needles: &[TaggedNeedle], scope: ParagraphScope) -> Finder {
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
            ParagraphScope::All,
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
            ParagraphScope::All,
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
            Finder::new(needles, ParagraphScope::All, &mut index)
                .unwrap_or_else(|e| panic!("{e:?}"))
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
            ParagraphScope::All,
        );
        assert_eq!(gated.patterns[0].starts, Starts::Triggers);
        assert_eq!(
            flagged(&gated, "Nothing here about it."),
            Vec::<&str>::new()
        );
        assert!(
            gated.patterns[0].anchored.get().is_none(),
            "not compiled for a document without a trigger"
        );
        assert_eq!(
            flagged(&gated, "The FOUR Consciousnesses and the 4 consciousness."),
            vec!["FOUR Consciousnesses", "4 consciousness"]
        );
        // A class too wide for literals leaves the pattern searched through.
        let open = finder(
            &[(
                Needle::Pattern(r"\p{Lu}{3} [0-9]".into()),
                0,
                CaseMode::Sensitive,
            )],
            ParagraphScope::All,
        );
        assert_eq!(open.patterns[0].starts, Starts::Anywhere);
        assert_eq!(flagged(&open, "In ABC 5 cases."), vec!["ABC 5"]);
    }

    #[test]
    fn tries_at_triggers_find_what_a_search_through_finds() {
        // Overlapping candidates: the second "ab" starts inside the first
        // match, as a search through the text would skip it.
        let f = finder(
            &[(
                Needle::Pattern(r"ab[a-z]{0,3}".into()),
                0,
                CaseMode::Sensitive,
            )],
            ParagraphScope::All,
        );
        assert_eq!(flagged(&f, "xx ababab abz ab"), vec!["ababa", "abz", "ab"]);
        // A long trigger literal is cut: the rest of the pattern still decides.
        let long = finder(
            &[(
                Needle::Pattern(r"\bnot forgetting the (?:initial|original) heart\b".into()),
                0,
                CaseMode::Insensitive,
            )],
            ParagraphScope::All,
        );
        assert_eq!(
            flagged(
                &long,
                "Not forgetting the initial hearts; not forgetting the original heart."
            ),
            vec!["not forgetting the original heart"]
        );
    }

    #[test]
    fn letters_that_fold_to_ascii_are_still_found() {
        // “ſ” (long s) matches “s” case-insensitively, which no ASCII
        // trigger sees: such a document is searched through.
        let f = finder(
            &[(
                Needle::Pattern(r"\bshort boards?\b".into()),
                0,
                CaseMode::Insensitive,
            )],
            ParagraphScope::All,
        );
        assert_eq!(
            flagged(&f, "A ſhort board and a short board."),
            vec!["ſhort board", "short board"]
        );
    }

    #[test]
    fn only_long_s_and_kelvin_fold_onto_ascii_letters() {
        for letter in ('a'..='z').chain('A'..='Z') {
            let hir = regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(&letter.to_string())
                .unwrap_or_else(|err| panic!("{err}"));
            let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
                panic!("{letter} folds to a class");
            };
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    assert!(
                        c.is_ascii() || FOLDS_TO_ASCII.contains(&c.to_string().as_str()),
                        "{c:?} folds onto {letter}"
                    );
                }
            }
        }
    }

    #[test]
    fn line_start_patterns_are_tried_at_paragraph_starts_in_scope() {
        let f = finder(
            &[(
                Needle::Pattern(r"^[A-Z]{2,} CHINA\b".into()),
                0,
                CaseMode::Sensitive,
            )],
            ParagraphScope::Header,
        );
        assert_eq!(f.patterns[0].starts, Starts::LineStart);
        assert!(!f.patterns[0].crosses_lines);
        assert_eq!(
            flagged(
                &f,
                "DALIAN CHINA\nA title\n\nBody text.\n\nDALIAN CHINA again in the body.\n"
            ),
            vec!["DALIAN CHINA"]
        );
    }

    #[test]
    fn sensitive_phrases_need_the_exact_case() {
        let f = finder(
            &[(Needle::Phrase("US".into()), 0, CaseMode::Sensitive)],
            ParagraphScope::All,
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
            ParagraphScope::All,
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
            flagged(&finder(&needles, ParagraphScope::Headings), text),
            vec!["Reporter"]
        );
        assert_eq!(
            flagged(&finder(&needles, ParagraphScope::Body), text),
            vec!["reporter"]
        );
        assert_eq!(
            flagged(&finder(&needles, ParagraphScope::Header), text),
            vec!["Reporter"]
        );
        assert_eq!(
            flagged(&finder(&needles, ParagraphScope::All), text).len(),
            2
        );
    }

    #[test]
    fn anchors_match_at_paragraph_edges() {
        let f = finder(
            &[(
                Needle::Pattern(r"^date \d{4}".into()),
                0,
                CaseMode::Sensitive,
            )],
            ParagraphScope::All,
        );
        assert_eq!(
            flagged(&f, "date 2023 title\n\nAn update date 2023 in text.\n"),
            vec!["date 2023"]
        );
    }

    #[test]
    fn a_pattern_too_large_to_compile_is_an_error_at_load() {
        let mut index = PhraseIndexBuilder::new();
        let needles = [(
            Needle::Pattern("aaaa|a{2000}{2000}".to_owned()),
            0,
            CaseMode::Insensitive,
        )];
        let errors = match Finder::new(&needles, ParagraphScope::All, &mut index) {
            Ok(_) => panic!("a pattern the engine cannot compile was accepted"),
            Err(errors) => errors,
        };
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("cannot be compiled"),
            "{}",
            errors[0].message
        );
        // A word list written as one pattern is refused before it is parsed.
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        let list = [(Needle::Pattern(words.join("|")), 0, CaseMode::Insensitive)];
        let errors = match Finder::new(&list, ParagraphScope::All, &mut index) {
            Ok(_) => panic!("a 130 KB pattern was accepted"),
            Err(errors) => errors,
        };
        assert!(
            errors[0].message.contains("as `phrases`"),
            "{}",
            errors[0].message
        );
        // A large pattern the engine can compile is fine.
        let large = [(
            Needle::Pattern("[a-z]{1,300}x".to_owned()),
            0,
            CaseMode::Insensitive,
        )];
        assert!(Finder::new(&large, ParagraphScope::All, &mut index).is_ok());
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
            ParagraphScope::All,
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

    #[test]
    fn news_copy_is_told_from_letters_and_e_mail() {
        let news = "Officials meet on trade\n\n\
                    The minister said “I will go” and the talks went on for hours.\n";
        assert!(looks_like_news(&Document::from_text(news)));
        // Asked twice of one document: the memo gives the same answer.
        let doc = Document::from_text(news);
        assert_eq!(looks_like_news(&doc), looks_like_news(&doc));
        let letter = "Officials meet on trade\n\n\
                      I think you should see my notes before the talks.\n";
        assert!(!looks_like_news(&Document::from_text(letter)));
        let reply = "Officials meet on trade\n\n\
                     Li wrote:\n> The talks went on.\n";
        assert!(!looks_like_news(&Document::from_text(reply)));
    }
}
