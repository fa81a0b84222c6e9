//! Finding listed phrases and regular expressions in a document's folded
//! prose: the search shared by every pack rule kind.
//!
//! Phrases go into one Aho–Corasick automaton per case mode, so a rule with
//! thousands of phrases still makes one pass over the text; regular
//! expressions use the `regex` crate, whose matching time is linear in the
//! text whatever the pattern.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
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

/// Something to look for, tagged with what it stands for in its rule.
#[derive(Clone, Debug)]
pub(crate) enum Needle {
    Phrase(String),
    Pattern(String),
}

/// A needle with the tag it reports and its case mode.
pub(crate) type TaggedNeedle = (Needle, u32, CaseMode);

/// A needle that failed to compile.
#[derive(Debug)]
pub(crate) struct NeedleError {
    /// Index of the needle in the list given to [`Finder::new`].
    pub index: usize,
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

struct PhraseSet {
    automaton: AhoCorasick,
    tags: Vec<u32>,
}

/// A compiled set of needles.
pub(crate) struct Finder {
    phrase_sets: Vec<PhraseSet>,
    patterns: Vec<(Regex, u32)>,
    scope: Scope,
}

impl Finder {
    /// Compiles `needles`, each with its tag and case mode. Reports every
    /// needle that does not compile.
    pub(crate) fn new(needles: &[TaggedNeedle], scope: Scope) -> Result<Self, Vec<NeedleError>> {
        let mut errors = Vec::new();
        let mut phrase_sets = Vec::new();
        for mode in [CaseMode::Insensitive, CaseMode::Sensitive] {
            let mut phrases = Vec::new();
            let mut tags = Vec::new();
            for (index, (needle, tag, case)) in needles.iter().enumerate() {
                if let Needle::Phrase(phrase) = needle {
                    if *case != mode {
                        continue;
                    }
                    if phrase.trim().is_empty() {
                        errors.push(NeedleError {
                            index,
                            message: "empty phrase".to_owned(),
                        });
                        continue;
                    }
                    phrases.push(fold_phrase(phrase));
                    tags.push(*tag);
                }
            }
            if phrases.is_empty() {
                continue;
            }
            match AhoCorasick::builder()
                .ascii_case_insensitive(mode == CaseMode::Insensitive)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&phrases)
            {
                Ok(automaton) => phrase_sets.push(PhraseSet { automaton, tags }),
                Err(err) => errors.push(NeedleError {
                    index: 0,
                    message: format!("the phrase list cannot be compiled: {err}"),
                }),
            }
        }
        let mut patterns = Vec::new();
        for (index, (needle, tag, case)) in needles.iter().enumerate() {
            if let Needle::Pattern(pattern) = needle {
                match RegexBuilder::new(pattern)
                    .case_insensitive(*case == CaseMode::Insensitive)
                    .multi_line(true)
                    .build()
                {
                    Ok(regex) if regex.is_match("") => errors.push(NeedleError {
                        index,
                        message: "this pattern matches the empty string".to_owned(),
                    }),
                    Ok(regex) => patterns.push((regex, *tag)),
                    Err(err) => errors.push(NeedleError {
                        index,
                        message: format!("invalid regular expression: {err}"),
                    }),
                }
            }
        }
        if errors.is_empty() {
            Ok(Finder {
                phrase_sets,
                patterns,
                scope,
            })
        } else {
            Err(errors)
        }
    }

    /// The regular expression of a pattern match.
    pub(crate) fn pattern(&self, index: usize) -> Option<&Regex> {
        self.patterns.get(index).map(|(regex, _)| regex)
    }

    /// Every match in `doc`, in text order, without overlaps: where two
    /// overlap, the one that starts first wins, then the longer one.
    pub(crate) fn find(&self, doc: &Document) -> Vec<Found> {
        let folded = doc.folded();
        let text = folded.text();
        let mut found = Vec::new();
        for set in &self.phrase_sets {
            for m in set.automaton.find_iter(text) {
                if at_word_boundaries(text, m.start(), m.end()) {
                    found.push((m.start()..m.end(), set.tags[m.pattern().as_usize()], None));
                }
            }
        }
        for (index, (regex, tag)) in self.patterns.iter().enumerate() {
            for m in regex.find_iter(text) {
                if !m.range().is_empty() {
                    found.push((m.range(), *tag, Some(index)));
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
        match Finder::new(needles, scope) {
            Ok(finder) => finder,
            Err(errors) => panic!("needles compile: {errors:?}"),
        }
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
            ],
            Scope::All,
        )
        .err()
        .unwrap_or_default();
        let indexes: Vec<usize> = errors.iter().map(|e| e.index).collect();
        assert_eq!(indexes, vec![2, 0, 1]);
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
