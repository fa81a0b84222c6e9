//! The vocabulary beyond `words.txt` and the list of known misspellings:
//! consulted only for the few words the main dictionary does not know, so
//! they sit in their own transducers, opened on first use.
//!
//! * `rare.txt` (SCOWL size 95, the `-insane` word lists): rare, archaic,
//!   technical and variant forms. Known, so never reported for being
//!   unknown, but never suggested as a correction.
//! * `typos.txt` (the `typos` spell checker's list, from the `typos-dict`
//!   crate): misspellings with their corrections, positive evidence of a slip.

use std::sync::OnceLock;

use fst::{Map, Set};

use super::case::{capitalise, fold, Case, Folded, Ranks};

static RARE_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rare.fst"));
static RARE_EXACT_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rare-exact.fst"));
static TYPOS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typos.fst"));
static TYPOS_FIXES: &str = include_str!(concat!(env!("OUT_DIR"), "/typos-fixes.txt"));

struct Extra {
    rare: Map<&'static [u8]>,
    rare_exact: Set<&'static [u8]>,
    typos: Map<&'static [u8]>,
}

fn extra() -> Option<&'static Extra> {
    static EXTRA: OnceLock<Option<Extra>> = OnceLock::new();
    EXTRA
        .get_or_init(|| {
            Some(Extra {
                rare: Map::new(RARE_FST).ok()?,
                rare_exact: Set::new(RARE_EXACT_FST).ok()?,
                typos: Map::new(TYPOS_FST).ok()?,
            })
        })
        .as_ref()
}

/// The rank (95) of `word` in the rare vocabulary, with the case rules of
/// the main dictionary; possessives of entries count too.
pub(super) fn rare_rank(word: &str) -> Option<u8> {
    let extra = extra()?;
    let look = |word: &str| {
        let folded = fold(word)?;
        let ranks = Ranks(extra.rare.get(folded.as_bytes())?);
        ranks.for_case(Case::of(word), || {
            extra
                .rare_exact
                .contains(Folded::normalised(word).as_bytes())
        })
    };
    look(word).or_else(|| look(crate::words::strip_possessive(word)?))
}

/// The corrections the list of known misspellings gives for `word`
/// (ignoring case), written in the capitalisation of `word`.
pub(super) fn known_misspelling(word: &str) -> Option<Vec<String>> {
    listed_misspelling(word).or_else(|| {
        // "comission's": the possessive of a known misspelling.
        let stem = crate::words::strip_possessive(word)?;
        let clitic = &word[stem.len()..];
        let fixes = listed_misspelling(stem)?;
        Some(fixes.into_iter().map(|fix| fix + clitic).collect())
    })
}

fn listed_misspelling(word: &str) -> Option<Vec<String>> {
    let extra = extra()?;
    let folded = fold(word)?;
    let value = extra.typos.get(folded.as_bytes())?;
    let offset = usize::try_from(value >> 16).ok()?;
    let length = usize::try_from(value & 0xFFFF).ok()?;
    let fixes = TYPOS_FIXES.get(offset..offset + length)?;
    let case = Case::of(word);
    Some(
        fixes
            .split(',')
            .filter(|fix| !fix.is_empty())
            .map(|fix| match case {
                Case::Capitalized => capitalise(fix),
                Case::Upper => fix.to_uppercase(),
                Case::Lower | Case::Mixed => fix.to_owned(),
            })
            .collect(),
    )
}

/// Every entry of `rare.fst`, for the test against the data file.
#[cfg(test)]
pub(super) fn rare_map() -> Option<&'static Map<&'static [u8]>> {
    extra().map(|extra| &extra.rare)
}

/// Every entry of `typos.fst`, for the test against the data file.
#[cfg(test)]
pub(super) fn typos_map() -> Option<&'static Map<&'static [u8]>> {
    extra().map(|extra| &extra.typos)
}
