//! Romanised Chinese names: words made entirely of Pinyin syllables.

include!(concat!(env!("OUT_DIR"), "/pinyin.rs"));

/// The longest syllables ("zhuang", "chuang", "shuang") have six letters.
const LONGEST: usize = 6;
/// Longer words are not names (and keep the search on the stack).
const MAX_LEN: usize = 40;

fn is_syllable(letters: &[u8]) -> bool {
    // Packed into integers: a search of plain comparisons, no memcmp calls.
    static PACKED: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        PINYIN_SYLLABLES
            .iter()
            .map(|syllable| pack(syllable.as_bytes()))
            .collect()
    });
    letters.len() <= LONGEST && PACKED.binary_search(&pack(letters)).is_ok()
}

/// Up to eight bytes as one big-endian number: numbers order as the byte
/// strings do (for bytes other than zero).
fn pack(bytes: &[u8]) -> u64 {
    let packed = bytes
        .iter()
        .take(8)
        .fold(0u64, |n, &b| n << 8 | u64::from(b));
    // Shifting by 64 (no bytes) overflows: no bytes pack to 0.
    packed
        .checked_shl(8 * (8 - bytes.len().min(8)) as u32)
        .unwrap_or(0)
}

/// Whether `word` splits into Pinyin syllables, ignoring case; an apostrophe
/// or hyphen may separate syllables ("Xi'an"), ü may be written ü or v.
pub(crate) fn is_pinyin(word: &str) -> bool {
    let mut letters = [0u8; MAX_LEN];
    // Positions where a syllable must end (before an apostrophe or hyphen).
    let mut boundary = [false; MAX_LEN + 1];
    let mut len = 0usize;
    for c in word.chars() {
        let b = match c {
            'a'..='z' => c as u8,
            'A'..='Z' => c.to_ascii_lowercase() as u8,
            'ü' | 'Ü' => b'v',
            '\'' | '\u{2019}' | '-' if len > 0 && !boundary[len] => {
                boundary[len] = true;
                continue;
            }
            _ => return false,
        };
        if len == MAX_LEN {
            return false;
        }
        letters[len] = b;
        len += 1;
    }
    if len == 0 || boundary[len] {
        return false;
    }
    // reachable[i]: letters[..i] splits into whole syllables.
    let mut reachable = [false; MAX_LEN + 1];
    reachable[0] = true;
    for start in 0..len {
        if !reachable[start] {
            continue;
        }
        for end in start + 1..=(start + LONGEST).min(len) {
            if is_syllable(&letters[start..end]) {
                reachable[end] = true;
            }
            if boundary[end] {
                break;
            }
        }
    }
    reachable[len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_list_is_sorted_and_complete() {
        assert_eq!(PINYIN_SYLLABLES.len(), 408);
        assert!(PINYIN_SYLLABLES.windows(2).all(|w| w[0] < w[1]));
        assert!(PINYIN_SYLLABLES.iter().all(|s| s.len() <= LONGEST));
        assert!(is_syllable(b"zhuang") && is_syllable(b"a"));
        assert!(!is_syllable(b"zhuangg") && !is_syllable(b"zhuangx") && !is_syllable(b""));
    }

    #[test]
    fn names_of_the_seed_documents() {
        for name in [
            "Chengxu", "Qiufa", "Xueqiong", "Jinping", "Xi", "Zhuang", "XIAOKANG",
        ] {
            assert!(is_pinyin(name), "{name}");
        }
        assert!(is_pinyin("Xi'an"));
        assert!(is_pinyin("Lüe"));
    }

    #[test]
    fn english_words_that_are_not_pinyin() {
        for word in [
            "Organizati",
            "speechs",
            "stick",
            "government",
            "Dalian's",
            "x",
            "'an",
        ] {
            assert!(!is_pinyin(word), "{word}");
        }
        assert!(!is_pinyin("Xi'"));
    }
}
