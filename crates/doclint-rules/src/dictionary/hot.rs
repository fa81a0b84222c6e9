//! Every folding of the dictionary in a hash table beside the transducer:
//! a lookup costs one hash and one probe or two instead of a walk through
//! the fst, and a miss is an answer. Built by `build.rs`, embedded, read in
//! place; a test checks it against the transducer.

static SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hot-slots.bin"));
static KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hot-keys.bin"));

/// Foldings at least this long are only in the transducer (`build.rs`).
pub(crate) const LONGEST_HASHED: usize = 256;

/// FNV-1a, 64 bits: the same function as `build.rs`.
#[inline]
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(HASH_START, |hash, &b| hash_step(hash, b))
}

/// FNV-1a's starting value, for callers that hash while they fold.
pub(crate) const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a's step for one more byte.
#[inline]
pub(crate) fn hash_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

#[inline]
fn slot(index: usize) -> u64 {
    let at = index * 8;
    SLOTS
        .get(at..at + 8)
        .and_then(|bytes| bytes.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// The packed ranks of a folding shorter than [`LONGEST_HASHED`] bytes;
/// `None` when the dictionary does not have it.
#[inline]
pub(crate) fn get(folded: &[u8]) -> Option<u64> {
    get_hashed(folded, fnv1a(folded))
}

/// [`get`] with the folding's hash already computed.
#[inline]
pub(crate) fn get_hashed(folded: &[u8], hash: u64) -> Option<u64> {
    let slots = SLOTS.len() / 8;
    if slots == 0 {
        return None;
    }
    let mask = slots - 1;
    let mut index = (hash as usize) & mask;
    loop {
        let entry = slot(index);
        if entry == 0 {
            return None;
        }
        let offset = (entry >> 32) as usize;
        let len = ((entry >> 24) & 0xFF) as usize;
        if len == folded.len() && KEYS.get(offset..offset + len) == Some(folded) {
            return Some(entry & 0xFF_FFFF);
        }
        index = (index + 1) & mask;
    }
}

/// How many foldings the table holds.
#[cfg(test)]
pub(crate) fn len() -> usize {
    (0..SLOTS.len() / 8).filter(|&i| slot(i) != 0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_in_the_table_and_misspellings_are_not() {
        assert!(get(b"the").is_some());
        assert!(get(b"government").is_some());
        assert!(get(b"paris").is_some());
        assert!(get(b"speechs").is_none());
        assert!(get(b"").is_none());
    }

    /// Lookups stay one or two probes: the table is half empty and the
    /// hash spreads the keys.
    #[test]
    fn probe_sequences_are_short() {
        let slots = SLOTS.len() / 8;
        let mask = slots - 1;
        let (mut total, mut worst, mut count) = (0usize, 0usize, 0usize);
        for index in 0..slots {
            let entry = slot(index);
            if entry == 0 {
                continue;
            }
            let offset = (entry >> 32) as usize;
            let len = ((entry >> 24) & 0xFF) as usize;
            let key = &KEYS[offset..offset + len];
            let probes = ((index + slots - ((fnv1a(key) as usize) & mask)) & mask) + 1;
            total += probes;
            worst = worst.max(probes);
            count += 1;
        }
        assert!(count * 2 <= slots, "load {count}/{slots}");
        assert!(
            total < count * 2,
            "mean probes {}",
            total as f64 / count as f64
        );
        assert!(worst < 64, "worst probe sequence {worst}");
    }
}
