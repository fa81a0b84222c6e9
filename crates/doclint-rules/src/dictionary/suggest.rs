//! Corrections for a misspelt word: a Levenshtein automaton over the
//! dictionary's transducer, re-ranked by true edit distance (with swaps of
//! neighbouring letters as one edit) and commonness.

use super::case::{capitalise, fold, Case};
use super::Dictionary;

/// Suggestions rarer than this SCOWL size are not offered: SCOWL's author
/// calls the larger sizes unfit for spell checking.
const RAREST_SUGGESTION: u8 = 70;
/// Words this short (in letters) get suggestions at one edit only: two
/// edits turn a short word into too many others.
const SHORT_WORD: usize = 4;

/// One correction of a misspelt word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Written in the capitalisation of the misspelt word.
    pub word: String,
    /// Edits from the misspelt word; a swap of two neighbours is one edit.
    pub distance: u8,
    /// SCOWL size: lower is more common.
    pub rank: u8,
}

pub(crate) fn suggestions(dict: &Dictionary, word: &str, max: usize) -> Vec<Suggestion> {
    let Some(folded) = fold(word) else {
        return Vec::new();
    };
    let Ok(folded) = std::str::from_utf8(folded.as_bytes()) else {
        return Vec::new();
    };
    let query: Vec<char> = folded.chars().collect();
    let reach = if query.len() <= SHORT_WORD { 1 } else { 2 };
    let mut candidates = dict.within(folded, reach);
    // The automaton counts a swap as two edits; short words need swaps
    // looked up directly.
    if reach == 1 {
        for i in 0..query.len().saturating_sub(1) {
            let mut swapped = query.clone();
            swapped.swap(i, i + 1);
            let swapped: String = swapped.into_iter().collect();
            if let Some(ranks) = dict.folded_ranks(swapped.as_bytes()) {
                candidates.push((swapped, ranks));
            }
        }
    }
    let adds_apostrophe = |candidate: &str| candidate.contains('\'') && !folded.contains('\'');
    let suffix = inflection(folded);
    let drops_inflection = |candidate: &str| suffix.is_some_and(|s| !candidate.ends_with(s));
    let is_swap = |candidate: &str| {
        let mut letters: Vec<char> = candidate.chars().collect();
        let mut typed = query.clone();
        letters.sort_unstable();
        typed.sort_unstable();
        letters == typed
    };
    let mut scored: Vec<(u8, (bool, bool, bool), Suggestion)> = Vec::new();
    for (key, ranks) in candidates {
        if key == folded {
            continue;
        }
        let Some((usual, rank)) = ranks.usual_form(key.as_bytes()) else {
            continue;
        };
        if rank > RAREST_SUGGESTION {
            continue;
        }
        let distance = edit_distance(&query, &key);
        if distance == 0 || u32::from(distance) > reach {
            continue;
        }
        let written = match Case::of(word) {
            Case::Capitalized => capitalise(&usual),
            Case::Upper => usual.to_uppercase(),
            Case::Lower | Case::Mixed => usual,
        };
        if scored.iter().any(|(_, _, s)| s.word == written) {
            continue;
        }
        scored.push((
            distance,
            (
                drops_inflection(&key),
                adds_apostrophe(&key),
                !is_swap(&key),
            ),
            Suggestion {
                word: written,
                distance,
                rank,
            },
        ));
    }
    // Fewest edits first; then words that keep the inflection the writer
    // meant ("speechs" is a plural: "speeches" before "speech"); a
    // possessive made by adding an apostrophe is a weaker guess than a
    // spelling; a swap of two letters keeps everything the writer typed
    // and is the commonest slip; then the commoner word.
    scored.sort_by(|(da, aa, a), (db, ab, b)| {
        (da, aa, a.rank, &a.word).cmp(&(db, ab, b.rank, &b.word))
    });
    scored.into_iter().take(max).map(|(_, _, s)| s).collect()
}

/// The inflectional ending of `word`, if it has one.
fn inflection(word: &str) -> Option<&'static str> {
    ["ing", "ed", "s"]
        .into_iter()
        .find(|suffix| word.len() > suffix.len() + 2 && word.ends_with(suffix))
        .filter(|suffix| *suffix != "s" || !word.ends_with("ss"))
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours each cost one. Saturates at 255.
pub(crate) fn edit_distance(a: &[char], b: &str) -> u8 {
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; width * (a.len() + 1)];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    u8::try_from(rows[a.len() * width + b.len()]).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str) -> u8 {
        edit_distance(&a.chars().collect::<Vec<_>>(), b)
    }

    #[test]
    fn edit_distances() {
        assert_eq!(distance("speechs", "speeches"), 1);
        assert_eq!(distance("teh", "the"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
