//! Per-thread memos in front of the dictionary's fst: bounded, cleared
//! when full, so memory stays flat however large the corpus.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::Suggestion;

/// Entries kept before a memo starts over: the common vocabulary of a
/// corpus fits many times over, at a few MB per thread.
const CAPACITY: usize = 1 << 16;
/// Misspellings whose suggestions are kept.
const SUGGESTION_CAPACITY: usize = 1 << 12;

/// Suggestions by misspelt word and how many were asked for.
type SuggestionMemo = FxHashMap<(Box<str>, usize), Vec<Suggestion>>;

thread_local! {
    static RANKS: RefCell<FxHashMap<Box<[u8]>, Option<u64>>> = RefCell::default();
    static SUGGESTIONS: RefCell<SuggestionMemo> = RefCell::default();
}

/// `get(key)`, remembered (misses too).
pub(super) fn lookup(key: &[u8], get: impl FnOnce(&[u8]) -> Option<u64>) -> Option<u64> {
    RANKS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(value) = memo.get(key) {
            return *value;
        }
        let value = get(key);
        if memo.len() >= CAPACITY {
            memo.clear();
        }
        memo.insert(key.into(), value);
        value
    })
}

/// `compute()`, the suggestions for `word`, remembered.
pub(super) fn suggestions(
    word: &str,
    max: usize,
    compute: impl FnOnce() -> Vec<Suggestion>,
) -> Vec<Suggestion> {
    let key = (Box::<str>::from(word), max);
    if let Some(found) = SUGGESTIONS.with(|memo| memo.borrow().get(&key).cloned()) {
        return found;
    }
    let found = compute();
    SUGGESTIONS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= SUGGESTION_CAPACITY {
            memo.clear();
        }
        memo.insert(key, found.clone());
    });
    found
}

#[cfg(test)]
mod tests {
    use super::super::Dictionary;

    #[test]
    fn memoised_answers_match_the_fst() {
        let builtin = Dictionary::builtin();
        let plain = Dictionary::load_embedded().expect("embedded");
        for word in [
            "the", "The", "THE", "Paris", "paris", "speechs", "NATO", "xqzt", "the",
        ] {
            assert_eq!(builtin.rank(word), plain.rank(word), "{word}");
            assert_eq!(builtin.name_rank(word), plain.name_rank(word), "{word}");
        }
        for _ in 0..2 {
            assert_eq!(
                builtin.suggestions_memo("speechs", 3),
                plain.suggestions("speechs", 3)
            );
        }
        assert!(!plain.suggestions("speechs", 3).is_empty());
    }
}
