//! The dictionary rank of every word token of a document, looked up at
//! most once per document and shared by the lexical rules (split-word
//! checks and gathers over the same words, misspelling and find-split ask
//! about them again).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use doclint_core::Document;

use crate::dictionary::Dictionary;

/// The key of the table in [`Document::memo`]: far from the small
/// counters the phrase indexes use.
const MEMO_KEY: u64 = 0x776f_7264_7261_6e6b; // "wordrank"

/// Not looked up yet.
const UNSET: u8 = u8::MAX;
/// Looked up, not in the dictionary.
const UNKNOWN: u8 = 0;

/// The built-in dictionary's rank of each token's text, filled in on
/// first use: a rule that asks about a few tokens pays for those only.
/// One byte per token (SCOWL ranks are 10..=80), relaxed atomics because
/// a document's rules may run on several threads; two threads racing on
/// one token store the same answer.
#[derive(Debug)]
pub(crate) struct WordRanks {
    ranks: Box<[AtomicU8]>,
}

impl WordRanks {
    /// The document's table (made once, shared through its memo).
    pub(crate) fn of(doc: &Document) -> Arc<WordRanks> {
        doc.memo(MEMO_KEY, |doc| WordRanks {
            ranks: (0..doc.tokens().len())
                .map(|_| AtomicU8::new(UNSET))
                .collect(),
        })
    }

    /// [`Dictionary::rank`] of the text of token `i` of `doc` (the
    /// document this table was made for).
    #[inline]
    pub(crate) fn rank(&self, doc: &Document, i: usize) -> Option<u8> {
        let Some(slot) = self.ranks.get(i) else {
            return Dictionary::builtin().rank(doc.slice(doc.tokens()[i].span));
        };
        let mut stored = slot.load(Ordering::Relaxed);
        if stored == UNSET {
            stored = Self::look_up(doc, i);
            slot.store(stored, Ordering::Relaxed);
        }
        (stored != UNKNOWN).then_some(stored)
    }

    /// The first lookup of token `i`; ranks never reach `UNSET`.
    fn look_up(doc: &Document, i: usize) -> u8 {
        Dictionary::builtin()
            .rank(doc.slice(doc.tokens()[i].span))
            .unwrap_or(UNKNOWN)
            .min(UNSET - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_match_the_dictionary_and_are_shared() {
        let doc =
            Document::from_text("The gov ernment met Xi in Dalian, speechs and NATO’s 2019 plan.");
        let ranks = WordRanks::of(&doc);
        let dict = Dictionary::builtin();
        for round in 0..2 {
            for (i, token) in doc.tokens().iter().enumerate() {
                let word = doc.slice(token.span);
                assert_eq!(ranks.rank(&doc, i), dict.rank(word), "{word} round {round}");
            }
        }
        assert!(Arc::ptr_eq(&ranks, &WordRanks::of(&doc)));
        let words = |w: &str| doc.tokens().iter().position(|t| doc.slice(t.span) == w);
        assert!(ranks
            .rank(&doc, words("speechs").expect("present"))
            .is_none());
        assert!(ranks.rank(&doc, words("plan").expect("present")).is_some());
    }
}
