//! Edits, fixes and applying them without ever producing broken text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How sure a rule is that its fix is right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Needs a reader: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Certainly right: applied by `--fix`.
    Safe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Self::replace(span, String::new())
    }

    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Self::replace(Span::new(offset, offset), text)
    }
}

/// A suggested correction: one or more edits applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Self {
        Self {
            title: title.into(),
            edits,
            applicability,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Unsafe, edits)
    }

    /// The span covering all edits.
    pub fn span(&self) -> Option<Span> {
        self.edits.iter().map(|edit| edit.span).reduce(Span::cover)
    }
}

/// What applying a batch of fixes produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixOutcome {
    pub text: String,
    /// Indexes (into the given slice) of the fixes that were applied.
    pub applied: Vec<usize>,
}

/// Applies the fixes at or above `threshold` to `text`.
///
/// Fixes are taken in order of their first edit; a fix that overlaps one
/// already taken, or whose edits fall off the text or inside a UTF-8
/// character, is skipped (it will be found again on the next pass). The
/// result is therefore always valid UTF-8.
pub fn apply_fixes(text: &str, fixes: &[&Fix], threshold: Applicability) -> FixOutcome {
    let mut order: Vec<usize> = (0..fixes.len())
        .filter(|&i| fixes[i].applicability >= threshold && !fixes[i].edits.is_empty())
        .collect();
    order.sort_by_key(|&i| (fixes[i].span().map(|s| (s.start, s.end)), i));

    let mut taken: Vec<&Edit> = Vec::new();
    // The taken edits by start (start -> end): they never clash with each
    // other, so only the neighbours of a new edit can clash with it, and
    // checking a fix costs a lookup rather than a scan of every edit taken.
    let mut taken_spans: BTreeMap<u32, u32> = BTreeMap::new();
    let mut applied = Vec::new();
    for i in order {
        let mut edits: Vec<&Edit> = fixes[i].edits.iter().collect();
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        let valid = edits.iter().all(|edit| {
            edit.span.end() <= text.len()
                && text.is_char_boundary(edit.span.start())
                && text.is_char_boundary(edit.span.end())
        });
        let self_overlap = edits
            .windows(2)
            .any(|pair| pair[0].span.end > pair[1].span.start || pair[0].span == pair[1].span);
        let clashes = edits
            .iter()
            .any(|edit| clashes_with_taken(edit.span, &taken_spans));
        if valid && !self_overlap && !clashes {
            taken_spans.extend(edits.iter().map(|edit| (edit.span.start, edit.span.end)));
            taken.extend(edits);
            applied.push(i);
        }
    }

    taken.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in taken {
        out.push_str(&text[cursor..edit.span.start()]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end();
    }
    out.push_str(&text[cursor..]);
    applied.sort_unstable();
    FixOutcome { text: out, applied }
}

/// Whether `span` clashes with an edit already taken: they overlap, start at
/// the same point, or one is an insertion inside the other (two insertions
/// at one point, or an insertion touching a replacement, have no defined
/// order: the later one waits for the next pass).
///
/// Taken edits never clash with each other, so in start order their ends
/// are ordered too: only the last one starting before `span` and the first
/// one starting at or after it can clash.
fn clashes_with_taken(span: Span, taken: &BTreeMap<u32, u32>) -> bool {
    let clash = |start: u32, end: u32| {
        let other = Span { start, end };
        span.overlaps(other)
            || span.start == other.start
            || (span.is_empty() && other.contains(span.start()))
            || (other.is_empty() && span.contains(other.start()))
    };
    let before = taken.range(..span.start).next_back();
    let after = taken.range(span.start..).next();
    before.is_some_and(|(&start, &end)| clash(start, end))
        || after.is_some_and(|(&start, &end)| clash(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: usize, end: usize, replacement: &str, applicability: Applicability) -> Fix {
        Fix::new(
            "test",
            applicability,
            vec![Edit::replace(Span::new(start, end), replacement)],
        )
    }

    #[test]
    fn applies_non_overlapping_edits_in_order() {
        let a = fix(0, 1, "X", Applicability::Safe);
        let b = fix(4, 5, "", Applicability::Safe);
        let outcome = apply_fixes("abc  d", &[&b, &a], Applicability::Safe);
        assert_eq!(outcome.text, "Xbc d");
        assert_eq!(outcome.applied, vec![0, 1]);
    }

    #[test]
    fn first_of_two_overlapping_fixes_wins() {
        let a = fix(1, 3, "Z", Applicability::Safe);
        let b = fix(2, 4, "Y", Applicability::Safe);
        let outcome = apply_fixes("abcde", &[&a, &b], Applicability::Safe);
        assert_eq!(outcome.text, "aZde");
        assert_eq!(outcome.applied, vec![0]);
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_threshold() {
        let a = fix(0, 1, "X", Applicability::Unsafe);
        assert_eq!(apply_fixes("a", &[&a], Applicability::Safe).text, "a");
        assert_eq!(apply_fixes("a", &[&a], Applicability::Unsafe).text, "X");
    }

    #[test]
    fn never_splits_a_character() {
        let text = "a\u{a0}b";
        let bad = fix(1, 2, " ", Applicability::Safe);
        let outcome = apply_fixes(text, &[&bad], Applicability::Safe);
        assert_eq!(outcome.text, text);
        assert!(outcome.applied.is_empty());
    }
}

#[cfg(test)]
mod clash_tests {
    use proptest::prelude::*;

    use super::*;

    /// The definition of a clash, checked against every edit taken: what the
    /// neighbour lookup in `apply_fixes` must agree with.
    fn reference(text: &str, fixes: &[&Fix], threshold: Applicability) -> Vec<usize> {
        let mut order: Vec<usize> = (0..fixes.len())
            .filter(|&i| fixes[i].applicability >= threshold && !fixes[i].edits.is_empty())
            .collect();
        order.sort_by_key(|&i| (fixes[i].span().map(|s| (s.start, s.end)), i));
        let mut taken: Vec<Span> = Vec::new();
        let mut applied = Vec::new();
        for i in order {
            let mut edits: Vec<Span> = fixes[i].edits.iter().map(|e| e.span).collect();
            edits.sort();
            let valid = edits.iter().all(|s| {
                s.end() <= text.len()
                    && text.is_char_boundary(s.start())
                    && text.is_char_boundary(s.end())
            });
            let self_overlap = edits
                .windows(2)
                .any(|p| p[0].end > p[1].start || p[0] == p[1]);
            let clashes = edits.iter().any(|e| {
                taken.iter().any(|o| {
                    e.overlaps(*o)
                        || e.start == o.start
                        || (e.is_empty() && o.contains(e.start()))
                        || (o.is_empty() && e.contains(o.start()))
                })
            });
            if valid && !self_overlap && !clashes {
                taken.extend(edits);
                applied.push(i);
            }
        }
        applied.sort_unstable();
        applied
    }

    fn span() -> impl Strategy<Value = Span> {
        (0usize..24, 0usize..4).prop_map(|(start, len)| Span::new(start, start + len))
    }

    fn fix() -> impl Strategy<Value = Fix> {
        (proptest::collection::vec(span(), 1..3), any::<bool>()).prop_map(|(spans, safe)| {
            let edits = spans.into_iter().map(|s| Edit::replace(s, "x")).collect();
            Fix::new(
                "t",
                if safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                edits,
            )
        })
    }

    proptest! {
        #[test]
        fn neighbour_lookup_agrees_with_checking_every_taken_edit(
            fixes in proptest::collection::vec(fix(), 0..40)
        ) {
            let text = "abcdefghij\u{a0}klmnopqrstu";
            let refs: Vec<&Fix> = fixes.iter().collect();
            let outcome = apply_fixes(text, &refs, Applicability::Unsafe);
            prop_assert_eq!(outcome.applied, reference(text, &refs, Applicability::Unsafe));
        }
    }

    #[test]
    fn a_hundred_thousand_fixes_apply_in_one_pass() {
        // Quadratic clash checking took minutes here.
        let text = "a  b ".repeat(100_000);
        let fixes: Vec<Fix> = (0..100_000)
            .map(|i| {
                Fix::safe(
                    "t",
                    vec![Edit::replace(Span::new(i * 5 + 1, i * 5 + 3), " ")],
                )
            })
            .collect();
        let refs: Vec<&Fix> = fixes.iter().collect();
        let outcome = apply_fixes(&text, &refs, Applicability::Safe);
        assert_eq!(outcome.applied.len(), 100_000);
        assert_eq!(outcome.text, "a b ".repeat(100_000));
    }
}
