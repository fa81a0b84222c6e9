//! Edits, fixes and applying them without ever producing broken text.

use serde::Serialize;

use crate::span::Span;

/// How sure a rule is that its fix is right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Needs a reader: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Certainly right: applied by `--fix`.
    Safe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
        let clashes = edits.iter().any(|edit| {
            taken.iter().any(|other| {
                edit.span.overlaps(other.span)
                    // Two insertions at one point, or an insertion touching a
                    // replacement, have no defined order: defer the later one.
                    || (edit.span.start == other.span.start)
                    || (edit.span.is_empty() && other.span.contains(edit.span.start()))
                    || (other.span.is_empty() && edit.span.contains(other.span.start()))
            })
        });
        if valid && !self_overlap && !clashes {
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
