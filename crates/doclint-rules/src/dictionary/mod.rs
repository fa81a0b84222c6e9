//! The English dictionary the lexical rules consult, and the Hanyu Pinyin
//! syllables that tell romanised Chinese names from misspellings.
//!
//! `build.rs` compiles `rules/dictionary/words.txt` into a finite-state
//! transducer ([`fst::Map`]) embedded in the binary: start-up only checks a
//! header (no parsing, no allocation), lookups walk at most one transition per
//! byte, and the same structure answers prefix and edit-distance searches for
//! the truncated-word and misspelling rules. `rules/dictionary/README.md`
//! has the benchmark behind the choice.
//!
//! Keys are the words folded to lower case; each value packs one SCOWL rank
//! per capitalisation class of the entries with that folding, so one lookup
//! answers "the", "The" and "THE" alike while keeping "Paris" from matching
//! "paris".

mod case;
mod hot;
mod memo;
mod pinyin;
mod rare;
mod suggest;
mod wordlist;

use std::sync::OnceLock;

use fst::automaton::Automaton;
use fst::{IntoStreamer, Map, Set, Streamer};

pub use case::Case;
pub(crate) use case::{capitalise, fold};
use case::{Folded, Ranks};
pub use suggest::Suggestion;
pub use wordlist::WordList;

static WORDS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));
static EXACT_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/exact.fst"));

/// An English word list with SCOWL commonness ranks.
pub struct Dictionary {
    /// Lower-case folding → packed ranks per capitalisation class.
    words: Map<&'static [u8]>,
    /// Entries with capitals after the first letter, as written.
    exact: Set<&'static [u8]>,
    /// Whether lookups go through the per-thread memo (the built-in
    /// dictionary only: the memo does not tell dictionaries apart).
    memo: bool,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("words", &self.words.len())
            .finish()
    }
}

/// A dictionary word found by a prefix search, folded to lower case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The word as it is usually written: lower case, or capitalised when
    /// the dictionary has it only as a name.
    pub word: String,
    /// SCOWL size: lower is more common.
    pub rank: u8,
}

impl Dictionary {
    /// The dictionary built into the binary.
    pub fn builtin() -> &'static Dictionary {
        static BUILTIN: OnceLock<Dictionary> = OnceLock::new();
        BUILTIN.get_or_init(|| Dictionary {
            memo: true,
            ..Dictionary::load_embedded().expect("the embedded dictionary was built by build.rs")
        })
    }

    /// A fresh handle on the embedded data (what [`Dictionary::builtin`]
    /// does once); public for the start-up benchmark.
    pub fn load_embedded() -> Result<Self, fst::Error> {
        Dictionary::from_static(WORDS_FST, EXACT_FST)
    }

    /// A dictionary over fst bytes made by `build.rs`.
    pub fn from_static(words: &'static [u8], exact: &'static [u8]) -> Result<Self, fst::Error> {
        Ok(Dictionary {
            words: Map::new(words)?,
            exact: Set::new(exact)?,
            memo: false,
        })
    }

    /// How many distinct lower-case foldings the dictionary holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `word` is an English word as written (see [`Dictionary::rank`]).
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.rank(word).is_some()
    }

    /// The SCOWL size of `word` (10 = most common … 80 = rare), if known.
    ///
    /// Case-aware: a lower-case entry matches in lower case, capitalised
    /// (sentence start) and all capitals; a capitalised entry ("Paris")
    /// matches only capitalised or all capitals; an entry with inner
    /// capitals ("McDonald", "NATO") only as written or in all capitals. The
    /// apostrophe ’ counts as '.
    pub fn rank(&self, word: &str) -> Option<u8> {
        if self.memo {
            memo::short_rank(word, || self.rank_uncached(word))
        } else {
            self.rank_uncached(word)
        }
    }

    /// [`Dictionary::rank`] without the per-thread cache.
    fn rank_uncached(&self, word: &str) -> Option<u8> {
        if let Some(rank) = self.rank_ascii(word) {
            return rank;
        }
        let folded = fold(word)?;
        let ranks = self.folded_ranks(folded.as_bytes())?;
        let case = Case::of(word);
        let rank = ranks.for_case(case, || {
            self.exact.contains(Folded::normalised(word).as_bytes())
        });
        if rank.is_none() && case == Case::Mixed {
            // "NATO's", "DALIAN’s": the possessive of a word in capitals.
            if let Some(stem) = crate::words::strip_possessive(word) {
                if Case::of(stem) == Case::Upper {
                    return self.rank_uncached(stem);
                }
            }
        }
        rank
    }

    /// [`Dictionary::rank`] for a short ASCII word without inner
    /// capitals, in one pass over its bytes (the case of almost every
    /// token); `None` when the word needs the general path.
    #[inline]
    fn rank_ascii(&self, word: &str) -> Option<Option<u8>> {
        const MAX: usize = 32;
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > MAX {
            return None;
        }
        if !bytes.is_ascii() {
            return None;
        }
        let mut buf = [0u8; MAX];
        // Folding and hashing in the same pass over the bytes.
        let mut hash = hot::HASH_START;
        for (slot, &b) in buf.iter_mut().zip(bytes) {
            let lower = b.to_ascii_lowercase();
            *slot = lower;
            hash = hot::hash_step(hash, lower);
        }
        let rest = &bytes[1..];
        let inner_upper = rest.iter().any(u8::is_ascii_uppercase);
        let inner_lower = inner_upper && rest.iter().any(u8::is_ascii_lowercase);
        let case = match (bytes[0].is_ascii_uppercase(), inner_upper, inner_lower) {
            (false, false, _) => Case::Lower,
            (true, false, _) => Case::Capitalized,
            (true, true, false) => Case::Upper,
            _ => return None,
        };
        // Shorter than `hot::LONGEST_HASHED`: the table answers alone.
        let folded = &buf[..bytes.len()];
        let ranks = hot::get_hashed(folded, hash).map(Ranks);
        Some(ranks.and_then(|ranks| ranks.for_case(case, || false)))
    }

    /// The rank of `word` as a name: an entry written with a capital
    /// first letter only ("Paris", not "paris" or "NATO").
    pub fn name_rank(&self, word: &str) -> Option<u8> {
        let folded = fold(word)?;
        self.folded_ranks(folded.as_bytes())?.capitalized()
    }

    /// Whether the dictionary has `word` in lower case ("bill", not only
    /// "Bill"): a capitalised word with such an entry may be an ordinary
    /// word at a sentence start.
    pub fn has_lower_case_entry(&self, word: &str) -> bool {
        fold(word)
            .and_then(|folded| self.folded_ranks(folded.as_bytes()))
            .is_some_and(|ranks| ranks.lower().is_some())
    }

    /// The best rank of any entry that folds to `word`, ignoring case.
    pub fn rank_any_case(&self, word: &str) -> Option<u8> {
        let folded = fold(word)?;
        self.folded_ranks(folded.as_bytes())?.best()
    }

    /// The rank (95) of `word` in the rare vocabulary (SCOWL size 95:
    /// rare, archaic, technical and variant forms that `rank` does not
    /// know), with the same case rules. Slower than [`Dictionary::rank`]:
    /// for the few words it does not know.
    pub fn rare_rank(&self, word: &str) -> Option<u8> {
        rare::rare_rank(word)
    }

    /// The corrections of `word` when it is a known misspelling (the
    /// `typos` spell checker's list), ignoring case and written in the
    /// capitalisation of `word`: "comission" → ["commission"].
    pub fn known_misspelling(&self, word: &str) -> Option<Vec<String>> {
        rare::known_misspelling(word)
    }

    /// Whether `word` is made entirely of Hanyu Pinyin syllables
    /// ("Chengxu", "Xueqiong", "Xi'an"), ignoring case.
    #[inline]
    pub fn is_pinyin_name(&self, word: &str) -> bool {
        pinyin::is_pinyin(word)
    }

    /// Dictionary words that start with `prefix` (ignoring case) and are
    /// longer than it, at most `limit` of them, in alphabetical order.
    pub fn completions(&self, prefix: &str, limit: usize) -> Vec<Completion> {
        let Some(folded) = fold(prefix) else {
            return Vec::new();
        };
        let Ok(folded) = std::str::from_utf8(folded.as_bytes()) else {
            return Vec::new();
        };
        let automaton = fst::automaton::Str::new(folded).starts_with();
        let mut stream = self.words.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((key, value)) = stream.next() {
            if key.len() == folded.len() {
                continue;
            }
            let Some((word, rank)) = Ranks(value).usual_form(key) else {
                continue;
            };
            out.push(Completion { word, rank });
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    /// Up to `max` corrections of `word`, best first: by edit distance
    /// (a swap of two neighbouring letters counts as one edit), then by
    /// commonness. Only common words (rank ≤ 70) are suggested, written in
    /// the capitalisation of `word`.
    pub fn suggestions(&self, word: &str, max: usize) -> Vec<Suggestion> {
        suggest::suggestions(self, word, max)
    }

    /// Every key within `distance` edits of `folded` that starts with the
    /// same letter (writers rarely get the first letter wrong, and the
    /// search then walks one branch of the transducer instead of all), with
    /// its ranks.
    fn within(&self, folded: &str, distance: u32) -> Vec<(String, Ranks)> {
        let Ok(automaton) = fst::automaton::Levenshtein::new(folded, distance) else {
            return Vec::new();
        };
        let first_len = folded.chars().next().map_or(0, char::len_utf8);
        let same_start = fst::automaton::Str::new(&folded[..first_len]).starts_with();
        let mut stream = self
            .words
            .search(automaton.intersection(same_start))
            .into_stream();
        let mut out = Vec::new();
        while let Some((key, value)) = stream.next() {
            if let Ok(key) = std::str::from_utf8(key) {
                out.push((key.to_owned(), Ranks(value)));
            }
        }
        out
    }

    /// The packed ranks of a folding: from the hash table of every
    /// folding, or for the very long ones from the transducer.
    #[inline]
    fn folded_ranks(&self, folded: &[u8]) -> Option<Ranks> {
        if folded.len() < hot::LONGEST_HASHED {
            return hot::get(folded).map(Ranks);
        }
        self.cold_ranks(folded).map(Ranks)
    }

    /// The packed ranks of a folding too long for the hash table: the
    /// built-in dictionary answers from a per-thread memo when it can
    /// before walking the transducer.
    fn cold_ranks(&self, folded: &[u8]) -> Option<u64> {
        if self.memo {
            memo::lookup(folded, |key| self.words.get(key))
        } else {
            self.words.get(folded)
        }
    }

    /// [`Dictionary::suggestions`] through a per-thread memo: machine
    /// translation repeats its misspellings, and a search within two edits
    /// costs thousands of lookups.
    pub fn suggestions_memo(&self, word: &str, max: usize) -> Vec<Suggestion> {
        if !self.memo {
            return self.suggestions(word, max);
        }
        memo::suggestions(word, max, 2, || self.suggestions(word, max))
    }

    /// The corrections of [`Dictionary::suggestions`] one edit away (those
    /// at distance 1 among the first `max`), through the same per-thread
    /// memo, without the costly search within two edits.
    pub fn one_edit_suggestions_memo(&self, word: &str, max: usize) -> Vec<Suggestion> {
        let compute = || suggest::suggestions_within(self, word, max, 1);
        if !self.memo {
            return compute();
        }
        memo::suggestions(word, max, 1, compute)
    }
}

/// Up to eight bytes as a little-endian `u64`, zero-padded: two
/// overlapping loads rather than a copy into a buffer, which costs a
/// `memcpy` call for these short variable lengths.
#[inline]
pub(crate) fn pack_le(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    debug_assert!(len <= 8);
    let load4 = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|four| <[u8; 4]>::try_from(four).ok())
            .map_or(0, |four| u64::from(u32::from_le_bytes(four)))
    };
    match len {
        0 => 0,
        // The two loads overlap on equal bytes at equal places.
        4..=8 => load4(0) | load4(len - 4) << (8 * (len - 4)),
        _ => {
            let byte = |at: usize| u64::from(bytes[at]) << (8 * at);
            byte(0) | byte(len / 2) | byte(len - 1)
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod pack_tests {
    #[test]
    fn packs_little_endian_zero_padded() {
        assert_eq!(super::pack_le(b""), 0);
        assert_eq!(super::pack_le(b"a"), 0x61);
        assert_eq!(super::pack_le(b"ab"), 0x6261);
        assert_eq!(super::pack_le(b"abc"), 0x63_6261);
        assert_eq!(super::pack_le(b"abcde"), 0x65_6463_6261);
        assert_eq!(super::pack_le(b"abcdefg"), 0x67_6665_6463_6261);
        assert_eq!(
            super::pack_le(b"abcdefgh"),
            u64::from_le_bytes(*b"abcdefgh")
        );
    }
}
