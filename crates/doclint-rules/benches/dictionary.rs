//! Why the dictionary is an embedded `fst::Map`: start-up cost and lookup
//! speed against the obvious alternatives built from the same `words.txt`
//! (a hash set and a sorted array, both parsed at start-up).
//!
//! Run with `cargo bench -p doclint-rules --bench dictionary`.

use std::collections::HashSet;

use divan::{black_box, Bencher};
use doclint_rules::Dictionary;

const WORDS_TXT: &str = include_str!("../../../rules/dictionary/words.txt");
const CLEAN_TEXT: &str = include_str!("../../../bench/clean-text/sotu-1990-2021.txt");

fn main() {
    divan::main();
}

/// The first 10,000 words of clean text, as the tokenizer would see them.
fn sample_words() -> Vec<&'static str> {
    CLEAN_TEXT
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .take(10_000)
        .collect()
}

fn hash_set() -> HashSet<String> {
    WORDS_TXT
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(word, _)| word.to_lowercase())
        .collect()
}

fn sorted_array() -> Vec<&'static str> {
    WORDS_TXT
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(word, _)| word)
        .collect()
}

mod startup {
    use super::*;

    #[divan::bench]
    fn fst_map_embedded() -> Dictionary {
        Dictionary::load_embedded().expect("embedded dictionary")
    }

    #[divan::bench(sample_count = 10)]
    fn hash_set_parsed() -> HashSet<String> {
        hash_set()
    }

    #[divan::bench(sample_count = 10)]
    fn sorted_array_parsed() -> Vec<&'static str> {
        sorted_array()
    }
}

/// 10,000 lookups of running text (case-aware for the fst; the others do
/// only a case-blind or exact lookup, so they are flattered).
mod lookup_10k_words {
    use super::*;

    #[divan::bench]
    fn fst_map_case_aware(bencher: Bencher) {
        let dict = Dictionary::builtin();
        let words = sample_words();
        bencher.bench(|| words.iter().filter(|w| dict.contains(black_box(w))).count());
    }

    #[divan::bench]
    fn hash_set_lowercased(bencher: Bencher) {
        let set = hash_set();
        let words = sample_words();
        bencher.bench(|| {
            words
                .iter()
                .filter(|w| set.contains(&black_box(w).to_lowercase()))
                .count()
        });
    }

    #[divan::bench]
    fn sorted_array_exact(bencher: Bencher) {
        let array = sorted_array();
        let words = sample_words();
        bencher.bench(|| {
            words
                .iter()
                .filter(|w| array.binary_search(black_box(w)).is_ok())
                .count()
        });
    }
}

mod search {
    use super::*;

    #[divan::bench(args = ["speechs", "goverment", "teh", "responsibilty", "steadfastedness"])]
    fn suggestions(word: &str) -> usize {
        Dictionary::builtin().suggestions(black_box(word), 3).len()
    }

    #[divan::bench]
    fn completions_organizati() -> usize {
        Dictionary::builtin()
            .completions(black_box("Organizati"), 50)
            .len()
    }

    #[divan::bench(args = ["Xueqiong", "Organizati"])]
    fn pinyin(word: &str) -> bool {
        Dictionary::builtin().is_pinyin_name(black_box(word))
    }
}
