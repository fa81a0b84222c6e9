//! Per-thread memos in front of the dictionary's fst: bounded, cleared
//! when full, so memory stays flat however large the corpus.

use std::cell::{Cell, RefCell};

use rustc_hash::FxHashMap;

use super::Suggestion;

/// Entries kept before a memo starts over: the common vocabulary of a
/// corpus fits many times over, at a few MB per thread.
const CAPACITY: usize = 1 << 16;
/// Misspellings whose suggestions are kept.
const SUGGESTION_CAPACITY: usize = 1 << 12;

/// Suggestions by misspelt word, how many were asked for and how many
/// edits away they may be.
type SuggestionMemo = FxHashMap<(Box<str>, usize, u8), Vec<Suggestion>>;

/// Slots of the short-word cache: a power of two.
const SHORT_SLOTS: usize = 1 << 12;
/// The longest word (in bytes) the short-word cache keeps: eight bytes
/// in one half of the key, seven and the length in the other.
const SHORT_LEN: usize = 15;

thread_local! {
    static RANKS: RefCell<FxHashMap<Box<[u8]>, Option<u64>>> = RefCell::default();
    static SUGGESTIONS: RefCell<SuggestionMemo> = RefCell::default();
    /// Recent short words as written (bytes and length packed in the key)
    /// with their rank (0 for none): running words are rarely longer than
    /// fifteen bytes and repeat, and one multiply finds them again.
    static SHORT: [Cell<([u64; 2], u8)>; SHORT_SLOTS] =
        const { [const { Cell::new(([0, 0], 0)) }; SHORT_SLOTS] };
}

/// `compute()`, the rank of `word` as written, remembered for words of up
/// to fifteen bytes in a direct-mapped cache (a collision replaces the
/// older word).
#[inline]
pub(super) fn short_rank(word: &str, compute: impl FnOnce() -> Option<u8>) -> Option<u8> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > SHORT_LEN {
        return compute();
    }
    let (head, tail) = bytes.split_at(bytes.len().min(8));
    let key = [
        super::pack_le(head),
        super::pack_le(tail) | (bytes.len() as u64) << 56,
    ];
    let mixed = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let slot = (mixed >> (64 - SHORT_SLOTS.trailing_zeros())) as usize;
    SHORT.with(|cache| {
        let entry = &cache[slot];
        let (cached_key, rank) = entry.get();
        if cached_key == key {
            return (rank != 0).then_some(rank);
        }
        let found = compute();
        entry.set((key, found.unwrap_or(0)));
        found
    })
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
    reach: u8,
    compute: impl FnOnce() -> Vec<Suggestion>,
) -> Vec<Suggestion> {
    let key = (Box::<str>::from(word), max, reach);
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
    fn short_word_cache_keeps_words_apart() {
        let builtin = Dictionary::builtin();
        let plain = Dictionary::load_embedded().expect("embedded");
        // Same bytes but different lengths or case, a miss, a word at the
        // length limit and one past it; twice, so the second round hits.
        for _ in 0..2 {
            for word in [
                "a",
                "ab",
                "abc",
                "the",
                "The",
                "THE",
                "paris",
                "Paris",
                "xqzt",
                "college",
                "colleges",
                "ern",
                "s",
                "I",
                "i",
                "\u{2019}s",
                "caf\u{e9}",
            ] {
                assert_eq!(builtin.rank(word), plain.rank(word), "{word}");
            }
        }
        let computed = std::cell::Cell::new(0);
        let count = || {
            computed.set(computed.get() + 1);
            Some(42)
        };
        assert_eq!(super::short_rank("zqxj", count), Some(42));
        assert_eq!(super::short_rank("zqxj", count), Some(42));
        assert_eq!(computed.get(), 1, "the second call is a hit");
    }

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
