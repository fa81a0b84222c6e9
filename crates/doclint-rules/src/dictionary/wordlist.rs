//! Words a project adds to the dictionary.

use std::collections::{HashMap, HashSet};

use super::case::{fold, Case, Folded, Ranks};

/// The rank given to user words: as common as the commonest entries, so
/// the rules treat them as ordinary words.
const USER_RANK: u8 = 10;

/// Extra words, with the same case rules as the built-in dictionary.
#[derive(Clone, Debug, Default)]
pub struct WordList {
    folded: HashMap<Box<[u8]>, Ranks>,
    exact: HashSet<Box<str>>,
}

impl WordList {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.folded.len()
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Adds one word, written as it must match ("Dalian", "xiaokang").
    pub fn insert(&mut self, word: &str) {
        let word = word.trim();
        let Some(folded) = fold(word) else {
            return;
        };
        let key: Box<[u8]> = folded.as_bytes().into();
        let ranks = self.folded.entry(key).or_insert(Ranks(0));
        *ranks = ranks.with_entry(word, USER_RANK);
        if matches!(Case::of(word), Case::Upper | Case::Mixed) {
            self.exact
                .insert(Folded::normalised(word).to_string().into());
        }
    }

    /// Adds the words of a word-list file: one word per line, optionally
    /// followed by a TAB and anything (the rank column of `words.txt`);
    /// blank lines and lines starting with `#` are skipped.
    pub fn extend_from_text(&mut self, text: &str) {
        for line in text.lines() {
            let word = line.split('\t').next().unwrap_or("").trim();
            if word.is_empty() || word.starts_with('#') {
                continue;
            }
            self.insert(word);
        }
    }

    /// Adds every word of `other`.
    pub fn extend(&mut self, other: &WordList) {
        for (key, ranks) in &other.folded {
            // Every user word has USER_RANK, so OR merges the classes.
            let merged = self.folded.entry(key.clone()).or_insert(Ranks(0));
            *merged = Ranks(merged.0 | ranks.0);
        }
        self.exact.extend(other.exact.iter().cloned());
    }

    /// Whether `word` is one of these words, with the dictionary's case
    /// rules.
    pub fn contains(&self, word: &str) -> bool {
        if self.folded.is_empty() {
            return false;
        }
        let Some(folded) = fold(word) else {
            return false;
        };
        let Some(ranks) = self.folded.get(folded.as_bytes()) else {
            return false;
        };
        ranks
            .for_case(Case::of(word), || {
                self.exact
                    .contains(Folded::normalised(word).to_string().as_str())
            })
            .is_some()
    }
}

impl std::fmt::Display for Folded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from_utf8_lossy(self.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_rules_match_the_dictionary() {
        let mut list = WordList::new();
        list.extend_from_text("# project words\nxiaokang\nDalian\tname\nCPCCC\n\n");
        assert_eq!(list.len(), 3);
        assert!(list.contains("xiaokang"));
        assert!(list.contains("Xiaokang"));
        assert!(list.contains("XIAOKANG"));
        assert!(list.contains("Dalian"));
        assert!(list.contains("DALIAN"));
        assert!(!list.contains("dalian"));
        assert!(list.contains("CPCCC"));
        assert!(!list.contains("cpccc"));
        assert!(!list.contains("Cpccc"));
        assert!(!list.contains("speechs"));
    }
}
