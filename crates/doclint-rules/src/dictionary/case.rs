//! Case folding and the capitalisation classes of words and entries.

/// The capitalisation of a word as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// "mayor", and words without cased letters.
    Lower,
    /// "Mayor", "A", "I".
    Capitalized,
    /// "CPC", "DALIAN": two or more letters, all capitals.
    Upper,
    /// "McDonald", "iPhone", "NATO's".
    Mixed,
}

impl Case {
    pub fn of(word: &str) -> Case {
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let (mut upper, mut lower) = (0usize, 0usize);
        for c in chars {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
        match (first_upper, upper, lower) {
            (false, 0, _) => Case::Lower,
            (true, 0, _) => Case::Capitalized,
            (true, _, 0) => Case::Upper,
            _ => Case::Mixed,
        }
    }
}

/// Ranks packed by `build.rs`: one byte per class of entry, 0 for none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ranks(pub u64);

impl Ranks {
    const LOWER: u32 = 0;
    const CAPITALIZED: u32 = 8;
    const OTHER: u32 = 16;

    #[inline]
    fn class(self, shift: u32) -> Option<u8> {
        match ((self.0 >> shift) & 0xFF) as u8 {
            0 => None,
            rank => Some(rank),
        }
    }

    #[inline]
    pub fn lower(self) -> Option<u8> {
        self.class(Self::LOWER)
    }

    #[inline]
    pub fn capitalized(self) -> Option<u8> {
        self.class(Self::CAPITALIZED)
    }

    #[inline]
    pub fn other(self) -> Option<u8> {
        self.class(Self::OTHER)
    }

    pub fn best(self) -> Option<u8> {
        [self.lower(), self.capitalized(), self.other()]
            .into_iter()
            .flatten()
            .min()
    }

    /// A packed value with `rank` for an entry spelt `entry`.
    pub fn with_entry(self, entry: &str, rank: u8) -> Ranks {
        let shift = match Case::of(entry) {
            Case::Lower => Self::LOWER,
            Case::Capitalized => Self::CAPITALIZED,
            Case::Upper | Case::Mixed => Self::OTHER,
        };
        let previous = self.class(shift);
        if previous.is_some_and(|p| p <= rank) {
            return self;
        }
        Ranks((self.0 & !(0xFF << shift)) | (u64::from(rank) << shift))
    }

    /// The rank that applies to a word written in `case`; `exact` says
    /// whether the word as written is an entry with inner capitals.
    #[inline]
    pub fn for_case(self, case: Case, exact: impl FnOnce() -> bool) -> Option<u8> {
        match case {
            Case::Lower => self.lower(),
            Case::Capitalized => min_of(self.lower(), self.capitalized()),
            Case::Upper => self.best(),
            Case::Mixed => self.other().filter(|_| exact()),
        }
    }

    /// How a folded key is usually written, with its rank: lower case when
    /// a lower-case entry exists, capitalised when only a name does.
    /// Acronyms and inner-capital entries have no usual form here.
    pub fn usual_form(self, key: &[u8]) -> Option<(String, u8)> {
        let key = std::str::from_utf8(key).ok()?;
        if let Some(rank) = self.lower() {
            Some((key.to_owned(), rank))
        } else {
            self.capitalized().map(|rank| (capitalise(key), rank))
        }
    }
}

fn min_of(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `word` with its first letter in capitals.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const STACK: usize = 48;

/// A word folded to lower case with ’ as ', without allocating for the
/// usual short ASCII words.
pub(crate) enum Folded<'a> {
    Borrowed(&'a str),
    Stack([u8; STACK], u8),
    Heap(String),
}

impl Folded<'_> {
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Folded::Borrowed(word) => word.as_bytes(),
            Folded::Stack(buf, len) => &buf[..usize::from(*len)],
            Folded::Heap(word) => word.as_bytes(),
        }
    }

    /// `word` with ’ as ', case kept.
    pub fn normalised(word: &str) -> Folded<'_> {
        if word.contains('\u{2019}') {
            Folded::Heap(word.replace('\u{2019}', "'"))
        } else {
            Folded::Borrowed(word)
        }
    }
}

/// `word` folded for lookup; `None` for an empty word.
#[inline]
pub(crate) fn fold(word: &str) -> Option<Folded<'_>> {
    if word.is_empty() {
        return None;
    }
    let bytes = word.as_bytes();
    if bytes.iter().all(|b| b.is_ascii_lowercase() || *b == b'\'') {
        return Some(Folded::Borrowed(word));
    }
    if bytes.len() <= STACK && bytes.is_ascii() {
        // The usual case: one pass, byte by byte.
        let mut buf = [0u8; STACK];
        for (slot, b) in buf.iter_mut().zip(bytes) {
            *slot = b.to_ascii_lowercase();
        }
        return Some(Folded::Stack(buf, bytes.len() as u8));
    }
    if bytes.len() <= STACK {
        let mut buf = [0u8; STACK];
        let mut len = 0usize;
        let mut ascii = true;
        for c in word.chars() {
            let b = if c.is_ascii() {
                c.to_ascii_lowercase() as u8
            } else if c == '\u{2019}' {
                b'\''
            } else {
                ascii = false;
                break;
            };
            buf[len] = b;
            len += 1;
        }
        if ascii {
            // len <= STACK = 48 fits in a u8.
            return Some(Folded::Stack(buf, len as u8));
        }
    }
    Some(Folded::Heap(
        word.chars()
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(Case::of("mayor"), Case::Lower);
        assert_eq!(Case::of("Mayor"), Case::Capitalized);
        assert_eq!(Case::of("I"), Case::Capitalized);
        assert_eq!(Case::of("CPC"), Case::Upper);
        assert_eq!(Case::of("McDonald"), Case::Mixed);
        assert_eq!(Case::of("iPhone"), Case::Mixed);
    }

    #[test]
    fn folding() {
        assert_eq!(
            fold("The").map(|f| f.as_bytes().to_vec()),
            Some(b"the".to_vec())
        );
        assert_eq!(
            fold("Jinping’s").map(|f| f.as_bytes().to_vec()),
            Some(b"jinping's".to_vec())
        );
        assert_eq!(
            fold("ÉCOLE").map(|f| f.as_bytes().to_vec()),
            Some("école".as_bytes().to_vec())
        );
        assert!(fold("").is_none());
    }
}
