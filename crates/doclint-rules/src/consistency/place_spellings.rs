//! Places written in two established spellings ("Macao" / "Macau",
//! "Kyiv" / "Kiev"), from `rules/wordlists/place-spellings.tsv`, embedded at
//! build time.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const PAIRS: &str = include_str!("../../../../rules/wordlists/place-spellings.tsv");

struct Index {
    /// A spelling -> the number of its pair.
    pair: FxHashMap<&'static str, u32>,
    /// A spelling's first word -> the spellings that start with it.
    by_first_word: FxHashMap<&'static str, Vec<&'static str>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut pair = FxHashMap::default();
        let mut by_first_word: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        for (n, (a, b)) in pairs().enumerate() {
            for name in [a, b] {
                pair.insert(name, n as u32);
                let first = name.split([' ', '-']).next().unwrap_or(name);
                by_first_word.entry(first).or_default().push(name);
            }
        }
        // The longest spelling first, so "Sao Tome" is tried before "Sao".
        for names in by_first_word.values_mut() {
            names.sort_by_key(|name| std::cmp::Reverse(name.len()));
        }
        Index {
            pair,
            by_first_word,
        }
    })
}

fn pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    PAIRS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once('\t'))
}

/// The number of the pair `name` belongs to, if it is a listed spelling.
pub(crate) fn pair_of(name: &str) -> Option<u32> {
    index().pair.get(name).copied()
}

/// The listed spellings that start with the word `first`, longest first.
pub(crate) fn starting_with(first: &str) -> &'static [&'static str] {
    index()
        .by_first_word
        .get(first)
        .map_or(&[], |names| names.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_well_formed_and_without_duplicates() {
        let mut seen = std::collections::BTreeSet::new();
        for line in PAIRS.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 2, "{line:?}");
            for name in fields {
                assert!(!name.is_empty() && name.trim() == name, "{line:?}");
                assert!(name.starts_with(char::is_uppercase), "{line:?}");
                assert!(seen.insert(name), "listed twice: {name}");
            }
        }
        assert!(seen.len() > 40);
    }

    #[test]
    fn both_spellings_of_a_pair_share_its_number() {
        assert_eq!(pair_of("Macao"), pair_of("Macau"));
        assert!(pair_of("Macao").is_some());
        assert_ne!(pair_of("Kyiv"), pair_of("Macau"));
        assert_eq!(pair_of("Paris"), None);
        assert_eq!(starting_with("Sao"), ["Sao Paulo", "Sao Tome"]);
    }
}
