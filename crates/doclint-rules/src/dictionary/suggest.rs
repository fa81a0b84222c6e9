//! Corrections for a misspelt word: a Levenshtein automaton over the
//! dictionary's transducer, re-ranked by true edit distance (with swaps of
//! neighbouring letters as one edit) and commonness.

use super::case::{capitalise, fold, Case, Ranks};
use super::Dictionary;
use crate::words::edit_distance;

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
    suggestions_within(dict, word, max, 2)
}

/// [`suggestions`] that keeps only corrections at most `reach` edits away
/// (1 or 2). At one edit the search within two edits is never run: the
/// words it would add are all farther away, except those one insertion or
/// substitution of a letter outside a–z away ("cafe" → "café"), which
/// [`one_extra_letter_away`] finds for an ASCII word.
pub(crate) fn suggestions_within(
    dict: &Dictionary,
    word: &str,
    max: usize,
    reach: u8,
) -> Vec<Suggestion> {
    let Some(folded) = fold(word) else {
        return Vec::new();
    };
    let Ok(folded) = std::str::from_utf8(folded.as_bytes()) else {
        return Vec::new();
    };
    let query: Vec<char> = folded.chars().collect();
    // One edit first, by generating every edit and looking it up (cheap:
    // a few hundred probes); two edits, through a Levenshtein automaton
    // over the transducer (costlier), only when one edit finds nothing.
    let mut candidates = one_edit_away(dict, &query);
    let limit = reach;
    let mut reach = 1;
    if candidates.is_empty() && query.len() > SHORT_WORD {
        reach = limit;
        // fst's automaton misses some keys for a query with characters
        // beyond ASCII (two characters sharing a UTF-8 lead byte), so such
        // queries keep the automaton and its answers.
        candidates = if limit == 1 && folded.is_ascii() {
            one_extra_letter_away(dict, &query)
        } else {
            dict.within(folded, u32::from(limit))
        };
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
        let key_chars: Vec<char> = key.chars().collect();
        let distance = edit_distance(&query, &key_chars, usize::from(reach));
        let Some(distance) = distance.filter(|&d| d > 0) else {
            continue;
        };
        let distance = u8::try_from(distance).unwrap_or(u8::MAX);
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

/// Every dictionary folding one insertion, deletion, substitution or swap
/// of neighbours away from `query`.
fn one_edit_away(dict: &Dictionary, query: &[char]) -> Vec<(String, Ranks)> {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz'";
    let mut found: Vec<(String, Ranks)> = Vec::new();
    let mut candidate = String::with_capacity(query.len() * 4 + 4);
    let mut probe = |chars: &mut dyn Iterator<Item = char>| {
        candidate.clear();
        candidate.extend(chars);
        if let Some(ranks) = dict.folded_ranks(candidate.as_bytes()) {
            if !found.iter().any(|(word, _)| *word == candidate) {
                found.push((candidate.clone(), ranks));
            }
        }
    };
    for i in 0..query.len() {
        // Deletion.
        probe(
            &mut query
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| *c),
        );
        // Swap with the next letter.
        if i + 1 < query.len() && query[i] != query[i + 1] {
            probe(&mut query.iter().enumerate().map(|(j, c)| match j {
                j if j == i => query[i + 1],
                j if j == i + 1 => query[i],
                _ => *c,
            }));
        }
        // Substitution.
        for letter in LETTERS.chars().filter(|l| *l != query[i]) {
            probe(
                &mut query
                    .iter()
                    .enumerate()
                    .map(|(j, c)| if j == i { letter } else { *c }),
            );
        }
    }
    // Insertion.
    for i in 0..=query.len() {
        for letter in LETTERS.chars() {
            probe(
                &mut query[..i]
                    .iter()
                    .copied()
                    .chain(std::iter::once(letter))
                    .chain(query[i..].iter().copied()),
            );
        }
    }
    found
}

/// The characters of the dictionary's foldings besides a–z and the
/// apostrophe (accented letters, hyphens, digits), from `build.rs`.
const EXTRA_LETTERS: &str = include_str!(concat!(env!("OUT_DIR"), "/extra-letters.txt"));

/// Every dictionary folding that starts with the letter of `query` and is
/// one substitution or insertion of an [`EXTRA_LETTERS`] character away.
/// Where [`one_edit_away`] finds nothing, these are the words one edit away
/// among those the search within two edits over the words of the same
/// first letter ([`Dictionary::within`]) finds, by a few hundred hash
/// probes instead of building an automaton.
fn one_extra_letter_away(dict: &Dictionary, query: &[char]) -> Vec<(String, Ranks)> {
    let mut found: Vec<(String, Ranks)> = Vec::new();
    let mut candidate = String::with_capacity(query.len() * 4 + 4);
    let mut probe = |candidate: &String| {
        if let Some(ranks) = dict.folded_ranks(candidate.as_bytes()) {
            if !found.iter().any(|(word, _)| word == candidate) {
                found.push((candidate.clone(), ranks));
            }
        }
    };
    for i in 1..=query.len() {
        for letter in EXTRA_LETTERS.chars() {
            // Substitution of letter i (not the first).
            if i < query.len() && letter != query[i] {
                candidate.clear();
                candidate.extend(&query[..i]);
                candidate.push(letter);
                candidate.extend(&query[i + 1..]);
                probe(&candidate);
            }
            // Insertion before letter i (after the first).
            candidate.clear();
            candidate.extend(&query[..i]);
            candidate.push(letter);
            candidate.extend(&query[i..]);
            probe(&candidate);
        }
    }
    found
}

/// The inflectional ending of `word`, if it has one.
fn inflection(word: &str) -> Option<&'static str> {
    ["ing", "ed", "s"]
        .into_iter()
        .find(|suffix| word.len() > suffix.len() + 2 && word.ends_with(suffix))
        .filter(|suffix| *suffix != "s" || !word.ends_with("ss"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str) -> u8 {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b, usize::from(u8::MAX))
            .map_or(u8::MAX, |d| u8::try_from(d).unwrap_or(u8::MAX))
    }

    /// Where the generated edits find nothing, the extra-letter probes find
    /// the words one edit away that the search within two edits finds (what
    /// `suggestions` keeps of it at distance 1): queries made from
    /// dictionary words with an accent, hyphen or digit, that character
    /// replaced by a letter or dropped (ASCII queries: the others keep the
    /// automaton).
    #[test]
    fn extra_letter_probes_match_a_search_within_one_edit() {
        use fst::Streamer;
        let dict = Dictionary::load_embedded().expect("embedded");
        let mut stream = dict.words.stream();
        let (mut compared, mut found) = (0, 0);
        while let Some((key, _)) = stream.next() {
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            let Some((at, extra)) = key
                .char_indices()
                .skip(1)
                .find(|(_, c)| EXTRA_LETTERS.contains(*c))
            else {
                continue;
            };
            let rest = &key[at + extra.len_utf8()..];
            for query in [
                format!("{}q{rest}", &key[..at]),
                format!("{}{rest}", &key[..at]),
            ] {
                let chars: Vec<char> = query.chars().collect();
                if !query.is_ascii()
                    || chars.len() <= SHORT_WORD
                    || !one_edit_away(&dict, &chars).is_empty()
                {
                    continue;
                }
                let sorted = |mut keys: Vec<String>| {
                    keys.sort_unstable();
                    keys
                };
                let within = sorted(
                    dict.within(&query, 2)
                        .into_iter()
                        .map(|(word, _)| word)
                        .filter(|word| {
                            let word: Vec<char> = word.chars().collect();
                            edit_distance(&chars, &word, 1) == Some(1)
                        })
                        .collect(),
                );
                let probed = sorted(
                    one_extra_letter_away(&dict, &chars)
                        .into_iter()
                        .map(|(word, _)| word)
                        .collect(),
                );
                assert_eq!(within, probed, "{query}");
                compared += 1;
                found += usize::from(!probed.is_empty());
            }
            if compared >= 400 {
                break;
            }
        }
        assert!(
            compared >= 100 && found >= 50,
            "{compared} compared, {found} found"
        );
    }

    #[test]
    fn edit_distances() {
        assert_eq!(distance("speechs", "speeches"), 1);
        assert_eq!(distance("teh", "the"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
