//! American/British spelling pairs ("color"/"colour"), generated from SCOWL
//! by `scripts/gen-spelling-variants.sh` into `rules/wordlists/en-us-gb.tsv`
//! and embedded at build time.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const PAIRS: &str = include_str!("../../../../rules/wordlists/en-us-gb.tsv");

/// The American spelling paired with `word` (itself when `word` is the
/// American one), or `None` when `word` has no paired spelling. `word` is
/// lower case; a curly apostrophe is read as a straight one.
pub(crate) fn american_of(word: &str) -> Option<&'static str> {
    static INDEX: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = FxHashMap::default();
        for (american, british) in pairs() {
            index.insert(american, american);
            index.insert(british, american);
        }
        index
    });
    if !word.is_ascii() && word.contains('’') {
        index.get(word.replace('’', "'").as_str()).copied()
    } else {
        index.get(word).copied()
    }
}

fn pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    PAIRS.lines().filter_map(|line| line.split_once('\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_unique_and_well_formed() {
        let lines: Vec<&str> = PAIRS.lines().collect();
        assert!(lines.len() > 1000, "{} pairs", lines.len());
        assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicate lines"
        );
        let mut seen = std::collections::HashSet::new();
        for line in &lines {
            let (american, british) = line.split_once('\t').expect("two columns");
            assert_ne!(american, british);
            for word in [american, british] {
                assert!(
                    word.chars().all(|c| c.is_ascii_lowercase() || c == '\''),
                    "{word:?}"
                );
                assert!(seen.insert(word), "{word} appears twice");
            }
        }
    }

    #[test]
    fn known_pairs_are_present() {
        assert_eq!(american_of("colour"), Some("color"));
        assert_eq!(american_of("color"), Some("color"));
        assert_eq!(american_of("analysed"), Some("analyzed"));
        assert_eq!(american_of("centre’s"), Some("center's"));
        assert_eq!(american_of("defence"), Some("defense"));
        // Words spelt alike on both sides, and accidental neighbours, are not.
        assert_eq!(american_of("practice"), None);
        assert_eq!(american_of("math"), None);
    }
}
