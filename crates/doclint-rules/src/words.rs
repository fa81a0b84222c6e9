//! Word-level facts shared by the lexical rules (split-word, truncated-word,
//! repeated-word, misspelling), so that each defect is reported by exactly
//! one of them.

use doclint_core::{Document, QuoteRole, Span, Token, TokenKind, WordShape};

use crate::dictionary::{fold, Dictionary};
use crate::rule::Context;
use crate::word_ranks::WordRanks;

/// The rarest SCOWL size a joined or completed word may have: SCOWL's
/// author vouches for sizes up to 60 as real, common-enough words.
pub(crate) const COMMON_RANK: u8 = 60;

/// Closed-class words (articles, pronouns, prepositions, conjunctions,
/// auxiliaries, determiners): two of them side by side are ordinary
/// grammar, they end names and terms ("the", "of"), and a capitalised one
/// at the start of a run is only sentence case.
const FUNCTION_WORDS: &str = include_str!("../../../rules/wordlists/function-words.txt");

/// Abbreviations written with a full stop inside a sentence, beyond the
/// sentence splitter's list: US states, titles, weekdays, units, and some
/// that are also words ("figs", "temp", "info").
const ABBREVIATIONS: &str = include_str!("../../../rules/wordlists/abbreviations.txt");

/// Word-forming prefixes written closed ("nonoil", "cybersecurity") or
/// open ("cyber threats").
const PREFIXES: &str = include_str!("../../../rules/wordlists/prefixes.txt");

fn in_list(list: &'static str, word: &str) -> bool {
    let mut buf = [0u8; 16];
    let Some(lower) = ascii_lower(word, &mut buf) else {
        return false;
    };
    list.lines().any(|line| line.as_bytes() == lower)
}

fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !bytes.is_ascii() {
        return None;
    }
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    Some(&buf[..bytes.len()])
}

/// The month names, capitalised, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month or a day of the week, capitalised ("May", "Monday").
pub(crate) fn is_calendar_name(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    MONTHS.contains(&word) || WEEKDAYS.contains(&word)
}

/// Whether `word` is a closed-class word ("a", "in", "the", "which"), in
/// lower case or capitalised ("US" and "IT" in capitals are names, not "us"
/// and "it").
pub(crate) fn is_function_word(word: &str) -> bool {
    if word.len() > 8 || !word.is_ascii() {
        return false;
    }
    if word.len() > 1 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // Folded into one number: this runs for every word of every document.
    FUNCTION_WORD_SET.contains(&pack_lowercase(word.as_bytes()))
}

/// Up to eight ASCII bytes in lower case, as one number.
fn pack_lowercase(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0u64, |n, &b| n << 8 | u64::from(b.to_ascii_lowercase()))
}

/// [`FUNCTION_WORDS`] packed: one probe of a number instead of string
/// comparisons, for every word of every document.
static FUNCTION_WORD_SET: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> =
    std::sync::LazyLock::new(|| {
        FUNCTION_WORDS
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|word| pack_lowercase(word.as_bytes()))
            .collect()
    });

/// The hyphens a compound is joined with: the ASCII hyphen-minus and U+2010.
pub(crate) const HYPHENS: [char; 2] = ['-', '‐'];

/// Whether `text` is one of the [`HYPHENS`].
pub(crate) fn is_hyphen(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| HYPHENS.contains(&c)) && chars.next().is_none()
}

pub(crate) use doclint_core::strip_possessive;

/// Optimal-string-alignment distance between `a` and `b` (insertions,
/// deletions, substitutions and swaps of neighbours each cost one), or
/// `None` once it exceeds `max`. `strsim::osa_distance` has no bound, and
/// the bound is what lets the consistency rules compare every pair of
/// forms cheaply.
pub(crate) fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    Some(rows[a.len() * width + b.len()]).filter(|&d| d <= max)
}

/// Whether `word` (without its full stop) is an abbreviation: on the
/// sentence splitter's list ([`doclint_core::SENTENCE_ABBREVIATIONS`]) or
/// in `rules/wordlists/abbreviations.txt`, as written there, or a
/// lower-case entry written with a capital or in capitals ("Approx.",
/// "FIGS."). "Sat" and "Ill" are listed capitalised: "sat." and "ill." are
/// words.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let listed = |word: &str| {
        doclint_core::SENTENCE_ABBREVIATIONS.contains(&word)
            || ABBREVIATIONS.lines().any(|line| line == word)
    };
    if listed(word) {
        return true;
    }
    let mut buf = [0u8; 16];
    match ascii_lower(word, &mut buf) {
        Some(lower) if lower != word.as_bytes() => std::str::from_utf8(lower).is_ok_and(listed),
        _ => false,
    }
}

/// Whether `word` is a word-forming prefix ("non", "cyber", "re").
pub(crate) fn is_prefix(word: &str) -> bool {
    in_list(PREFIXES, word)
}

/// Every word-forming prefix.
pub(crate) fn prefixes() -> impl Iterator<Item = &'static str> {
    PREFIXES.lines()
}

/// Entries of SCOWL size 80 are real but so rare ("ern", "ment") that a
/// piece of a broken word is far likelier than the word itself.
pub(crate) const RAREST_PIECE: u8 = 70;

/// Whether `word` reads as a word of its own: in the dictionary (not among
/// its rarest entries) or the project's words, and not a lone letter other
/// than "a" and "I".
///
/// This is the word of token `i` of `doc`, its rank read from the
/// document's shared table.
pub(crate) fn is_word_at(cx: &Context, doc: &Document, ranks: &WordRanks, i: usize) -> bool {
    let span = doc.tokens()[i].span;
    // One character is at most four bytes: longer words skip the test.
    if span.len() <= 4 {
        let mut chars = doc.slice(span).chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return matches!(c, 'a' | 'A' | 'I');
        }
    }
    ranks.rank(doc, i).is_some_and(|rank| rank <= RAREST_PIECE)
        || cx.settings.extra_words.contains(doc.slice(span))
}

/// [`is_common_word`] for word token `i` of `doc`, its rank read from the
/// document's shared table.
pub(crate) fn is_common_word_at(cx: &Context, doc: &Document, ranks: &WordRanks, i: usize) -> bool {
    ranks.rank(doc, i).is_some_and(|rank| rank <= COMMON_RANK)
        || cx
            .settings
            .extra_words
            .contains(doc.slice(doc.tokens()[i].span))
}

/// Whether `word` is common enough to be proposed as a correction.
pub(crate) fn is_common_word(cx: &Context, word: &str) -> bool {
    Dictionary::builtin()
        .rank(word)
        .is_some_and(|rank| rank <= COMMON_RANK)
        || cx.settings.extra_words.contains(word)
}

/// Whether `word` has digits: codes, not words ("G20", "mp3").
pub(crate) fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// The word token joined to word token `i` by exactly one space character
/// on the same line, before it (`forward == false`) or after it.
pub(crate) fn linked_word(tokens: &[Token], text: &str, i: usize, forward: bool) -> Option<usize> {
    let (space, word) = if forward {
        (i + 1, i + 2)
    } else {
        (i.checked_sub(1)?, i.checked_sub(2)?)
    };
    let space_token = tokens.get(space)?;
    let word_token = tokens.get(word)?;
    (space_token.kind == TokenKind::Space
        && (space_token.span.len() == 1 || space_token.text(text).chars().count() == 1)
        && word_token.kind == TokenKind::Word)
        .then_some(word)
}

/// The first token after token `i` past spaces and at most one line break,
/// when at least one blank separates them and both lie in one paragraph (a
/// title line is a paragraph of its own).
pub(crate) fn next_across_blanks(doc: &Document, i: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let mut newlines = 0;
    let mut j = i + 1;
    while let Some(token) = tokens.get(j) {
        match token.kind {
            TokenKind::Space => {}
            TokenKind::Newline => {
                newlines += 1;
                if newlines > 1 {
                    return None;
                }
            }
            _ => break,
        }
        j += 1;
    }
    (j > i + 1 && j < tokens.len() && (newlines == 0 || same_paragraph(doc, i, j))).then_some(j)
}

/// Whether tokens `a` and `b` lie in the same paragraph.
pub(crate) fn same_paragraph(doc: &Document, a: usize, b: usize) -> bool {
    let paragraphs = doc.paragraphs();
    let p = paragraphs.partition_point(|p| (p.tokens.end as usize) <= a);
    paragraphs
        .get(p)
        .is_some_and(|p| (p.tokens.start as usize) <= a && b < p.tokens.end as usize)
}

/// Whether the word token `i` is glued to the token before it (`before`)
/// or after it by punctuation that makes it part of a larger unit: a
/// hyphenated compound, a path, an address, an abbreviation.
pub(crate) fn is_glued(tokens: &[Token], text: &str, i: usize, before: bool) -> bool {
    let neighbour = if before {
        i.checked_sub(1).and_then(|j| tokens.get(j))
    } else {
        tokens.get(i + 1)
    };
    let Some(neighbour) = neighbour else {
        return false;
    };
    match neighbour.kind {
        TokenKind::Word | TokenKind::Number | TokenKind::Symbol | TokenKind::Code => true,
        TokenKind::Punct => {
            let punct = neighbour.text(text);
            if before {
                matches!(
                    punct,
                    "-" | "‐" | "/" | "\\" | "@" | "_" | "." | "'" | "’" | "&" | "#" | "+"
                )
            } else {
                matches!(
                    punct,
                    "-" | "‐" | "/" | "\\" | "@" | "_" | "'" | "’" | "&" | "+"
                ) || (punct == "."
                    && tokens
                        .get(i + 2)
                        .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number)))
            }
        }
        TokenKind::Space | TokenKind::Newline => false,
    }
}

/// Whether the word token `i` is part of a URL, e-mail address, file name or
/// similar run of non-blank text holding `@`, `/`, `:` or a dot between
/// word characters.
pub(crate) fn in_address(tokens: &[Token], text: &str, i: usize) -> bool {
    in_address_besides(tokens, text, i, None)
}

/// [`in_address`], not counting the punctuation token `ignored`: the mark
/// whose place in an address is the question ("year.The").
pub(crate) fn in_address_besides(
    tokens: &[Token],
    text: &str,
    i: usize,
    ignored: Option<usize>,
) -> bool {
    let is_chunk = |t: &Token| !t.is_blank();
    let mut start = i;
    while start > 0 && is_chunk(&tokens[start - 1]) {
        start -= 1;
    }
    let mut end = i + 1;
    while end < tokens.len() && is_chunk(&tokens[end]) {
        end += 1;
    }
    (start..end).filter(|&j| Some(j) != ignored).any(|j| {
        let token = &tokens[j];
        if token.kind == TokenKind::Code || token.kind == TokenKind::Symbol {
            return true;
        }
        if token.kind != TokenKind::Punct {
            return false;
        }
        match token.text(text) {
            "@" | "/" | "\\" | "_" | "=" | "#" | "~" => true,
            "." | ":" => {
                j > start
                    && j + 1 < end
                    && matches!(tokens[j - 1].kind, TokenKind::Word | TokenKind::Number)
                    && matches!(tokens[j + 1].kind, TokenKind::Word | TokenKind::Number)
            }
            _ => false,
        }
    })
}

/// Whether token `i` is the first word of its sentence (opening quotes
/// and brackets may come before it).
pub(crate) fn is_sentence_start(doc: &Document, i: usize) -> bool {
    let sentences = doc.sentences();
    let s = sentences.partition_point(|s| (s.tokens.end as usize) <= i);
    let Some(sentence) = sentences.get(s) else {
        return false;
    };
    let start = sentence.tokens.start as usize;
    start <= i
        && doc.tokens()[start..i]
            .iter()
            .all(|t| !matches!(t.kind, TokenKind::Word | TokenKind::Number))
}

/// Whether token `i` is in a title, dateline or heading, where words are
/// capitalised without being names.
pub(crate) fn in_heading(doc: &Document, i: usize) -> bool {
    let paragraphs = doc.paragraphs();
    let p = paragraphs.partition_point(|p| (p.tokens.end as usize) <= i);
    paragraphs
        .get(p)
        .is_some_and(|p| p.is_heading && (p.tokens.start as usize) <= i)
}

/// Whether a capitalised word at token `i` may be an ordinary word
/// capitalised by position rather than a name.
pub(crate) fn capitalised_by_position(doc: &Document, i: usize) -> bool {
    is_sentence_start(doc, i) || in_heading(doc, i)
}

/// A word broken into pieces by stray spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Split {
    /// Token indices of the first and last piece.
    pub first: usize,
    pub last: usize,
    /// The pieces joined, in the pieces' capitalisation.
    pub joined: String,
    /// Whether this is the only joining of the pieces around the non-word.
    pub unique: bool,
}

impl Split {
    pub fn span(&self, tokens: &[Token]) -> Span {
        tokens[self.first].span.cover(tokens[self.last].span)
    }

    /// The spaces to delete.
    pub fn gaps(&self, tokens: &[Token]) -> Vec<Span> {
        (self.first + 1..self.last)
            .step_by(2)
            .map(|j| tokens[j].span)
            .collect()
    }
}

/// The joining of word token `i` (a non-word) with its neighbours across
/// single spaces that makes a common dictionary word, if there is one.
///
/// Two or three pieces; every piece after the first must be lower case (a
/// capital starts a new word); a capitalised first piece mid-sentence
/// must join into a name. The pieces must not be glued to other text
/// ("co-op", "e.g.").
pub(crate) fn find_split(doc: &Document, cx: &Context, i: usize) -> Option<Split> {
    let tokens = doc.tokens();
    let text = doc.text();
    // The chain of words around `i` linked by single spaces: up to two on
    // either side.
    let mut chain = [usize::MAX; 5];
    chain[2] = i;
    if let Some(prev) = linked_word(tokens, text, i, false) {
        chain[1] = prev;
        if let Some(prev) = linked_word(tokens, text, prev, false) {
            chain[0] = prev;
        }
    }
    if let Some(next) = linked_word(tokens, text, i, true) {
        chain[3] = next;
        if let Some(next) = linked_word(tokens, text, next, true) {
            chain[4] = next;
        }
    }
    if is_lone_letter(tokens[i].text(text)) && near_lone_letter(tokens, text, i) {
        // "x or y", "a, b and c": letters used as symbols.
        return None;
    }
    let ranks = WordRanks::of(doc);
    let non_word = |j: usize| j != usize::MAX && !is_word_at(cx, doc, &ranks, j);
    let mut found: Vec<(usize, Split)> = Vec::new();
    let mut joined = String::new();
    for pieces in [2usize, 3] {
        for start in (3 - pieces)..=2 {
            let window = &chain[start..start + pieces];
            if window.contains(&usize::MAX) {
                continue;
            }
            let (first, last) = (window[0], window[pieces - 1]);
            if is_glued(tokens, text, first, true) || is_glued(tokens, text, last, false) {
                continue;
            }
            if window[1..]
                .iter()
                .any(|&j| tokens[j].shape != WordShape::Lower)
            {
                continue;
            }
            let first_shape = tokens[first].shape;
            if !matches!(first_shape, WordShape::Lower | WordShape::Capitalized) {
                continue;
            }
            // A capitalised piece that is no word ("Dar es Salaam", "Bab el
            // Mandeb") starts a name, not a broken word.
            if first_shape == WordShape::Capitalized && !is_word_at(cx, doc, &ranks, first) {
                continue;
            }
            joined.clear();
            for &j in window {
                joined.push_str(tokens[j].text(text));
            }
            if has_digit(&joined) {
                continue;
            }
            let known =
                if first_shape == WordShape::Capitalized && !capitalised_by_position(doc, first) {
                    // Mid-sentence, a capital marks a name: "Dal ian".
                    Dictionary::builtin()
                        .name_rank(&joined)
                        .is_some_and(|rank| rank <= COMMON_RANK)
                } else {
                    is_common_word(cx, &joined)
                };
            if known {
                // Non-words next to `i` that this joining leaves alone.
                let left_over = [1usize, 2, 3]
                    .into_iter()
                    .filter(|&k| (k < start || k >= start + pieces) && non_word(chain[k]))
                    .count();
                found.push((
                    left_over,
                    Split {
                        first,
                        last,
                        joined: joined.clone(),
                        unique: false,
                    },
                ));
            }
        }
    }
    // A joining that leaves a neighbouring fragment alone ("gov ern" in
    // "gov ern ment") is no repair; of the rest, fewer pieces is the
    // likelier reading, then the commoner word.
    let fewest_left = found.iter().map(|(left, _)| *left).min()?;
    found.retain(|(left, _)| *left == fewest_left);
    let unique = found.len() == 1;
    let (_, mut best) = found.into_iter().min_by_key(|(_, split)| {
        (
            split.last - split.first,
            Dictionary::builtin().rank(&split.joined).unwrap_or(u8::MAX),
        )
    })?;
    best.unique = unique;
    Some(best)
}

fn is_lone_letter(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !matches!(c, 'a' | 'A' | 'I'))
}

/// Whether another lone letter (not "a" or "I") is within two words of
/// token `i`.
fn near_lone_letter(tokens: &[Token], text: &str, i: usize) -> bool {
    let start = i.saturating_sub(4);
    let end = (i + 5).min(tokens.len());
    (start..end).any(|j| {
        j != i && tokens[j].kind == TokenKind::Word && is_lone_letter(tokens[j].text(text))
    })
}

/// Whether word token `i` ends its line with no punctuation after it (a
/// title cut short, or a line or paragraph that stops mid-word).
///
/// A line that the next line carries on in lower case ("to preventa\n
/// balance of payments") is a wrapped sentence, not one that stops.
pub(crate) fn ends_line_unpunctuated(tokens: &[Token], i: usize) -> bool {
    let mut rest = tokens[i + 1..]
        .iter()
        .filter(|t| t.kind != TokenKind::Space);
    match rest.next() {
        None => true,
        Some(t) if t.kind == TokenKind::Newline => !rest
            .next()
            .is_some_and(|next| next.kind == TokenKind::Word && next.shape == WordShape::Lower),
        Some(_) => false,
    }
}

/// Whether `token` opens a quotation, as the Document reads the mark in
/// context ("’90s" and "’em" are apostrophes, not quotation marks); a mark
/// the Document does not read (in Markdown code) counts by its glyph.
pub(crate) fn opens_quote(doc: &Document, token: &Token) -> bool {
    match doc.quote_at(token.span.start()) {
        Some(quote) => quote.role == QuoteRole::Opening,
        None => matches!(doc.slice(token.span), "“" | "‘" | "\"" | "'"),
    }
}

/// Whether `token` closes a quotation, as the Document reads the mark in
/// context ("members’" and "Jinping’s" are apostrophes); a mark the
/// Document does not read counts by its glyph.
pub(crate) fn closes_quote(doc: &Document, token: &Token) -> bool {
    match doc.quote_at(token.span.start()) {
        Some(quote) => quote.role == QuoteRole::Closing,
        None => matches!(doc.slice(token.span), "”" | "’" | "\"" | "'"),
    }
}

/// Whether `token` ends a quotation or a word, as the Document reads the
/// mark: a closing quotation mark, or an apostrophe ("the members’ ,");
/// a mark the Document does not read counts by its glyph.
pub(crate) fn ends_quote_or_word(doc: &Document, token: &Token) -> bool {
    match doc.quote_at(token.span.start()) {
        Some(quote) => quote.role != QuoteRole::Opening,
        None => matches!(doc.slice(token.span), "”" | "’" | "\"" | "'"),
    }
}

/// Whether `token` is a quotation mark, opening or closing, as the
/// Document reads it ("’90s" and "don’t" hold apostrophes); a mark the
/// Document does not read counts by its glyph.
pub(crate) fn is_quotation_mark(doc: &Document, token: &Token) -> bool {
    match doc.quote_at(token.span.start()) {
        Some(quote) => quote.role != QuoteRole::Apostrophe,
        None => is_quote_glyph(doc.slice(token.span)),
    }
}

/// Whether `text` is one of the quotation-mark glyphs, whatever its role:
/// for scans that only ask whether a mark is near.
pub(crate) fn is_quote_glyph(text: &str) -> bool {
    matches!(text, "\"" | "'" | "“" | "”" | "‘" | "’")
}

/// Whether tokens `first..=last` stand in quotation marks with at most a
/// few other words: a term or example mentioned, not used ("the so-called
/// “cuentapropistas”", "a doubled word (“the the”)").
pub(crate) fn is_quoted_mention(doc: &Document, first: usize, last: usize) -> bool {
    /// Tokens looked through on each side: up to three words.
    const REACH: usize = 6;
    let (tokens, text) = (doc.tokens(), doc.text());
    let inside = |t: &Token| {
        matches!(
            t.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Space | TokenKind::Newline
        ) || (t.kind == TokenKind::Punct && matches!(t.text(text), "," | "."))
    };
    let punct =
        |t: &Token, guillemet: &str| t.kind == TokenKind::Punct && t.text(text) == guillemet;
    let before = (1..=REACH.min(first))
        .map(|k| &tokens[first - k])
        .find(|t| !inside(t))
        .is_some_and(|t| t.kind == TokenKind::Punct && (opens_quote(doc, t) || punct(t, "«")));
    let after = tokens[last + 1..]
        .iter()
        .take(REACH)
        .find(|t| !inside(t))
        .is_some_and(|t| t.kind == TokenKind::Punct && (closes_quote(doc, t) || punct(t, "»")));
    before && after
}

/// A 64-bit hash of `word` folded to lower case, for compact corpus facts.
/// ASCII words (almost all) are lower-cased eight bytes at a time while
/// hashed; others are folded first.
pub(crate) fn folded_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        return hash_chunks(bytes, true);
    }
    match fold(word) {
        Some(folded) => hash_chunks(folded.as_bytes(), false),
        None => hash_chunks(&[], false),
    }
}

/// Hashes `bytes` by eight-byte chunks; `lower_ascii` lower-cases the
/// ASCII capitals of each chunk first (the bytes must then be ASCII).
fn hash_chunks(bytes: &[u8], lower_ascii: bool) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut hash = bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut value = crate::dictionary::pack_le(chunk);
        if lower_ascii {
            // A byte's high bit set after adding 0x80 - b'A' means >= 'A';
            // after adding 0x80 - b'[' means > 'Z'. ASCII bytes cannot
            // carry into their neighbours.
            let at_least_a = value.wrapping_add(ONES * u64::from(0x80 - b'A'));
            let past_z = value.wrapping_add(ONES * u64::from(0x80 - b'['));
            let capitals = at_least_a & !past_z & HIGH;
            value |= capitals >> 2;
        }
        hash = (hash.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    // Spread the high bits into the low ones (the hash-set index).
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// The shortest cut-off word worth completing: shorter prefixes begin too
/// many words to tell which was meant.
pub(crate) const SHORTEST_TRUNCATION: usize = 5;

/// The common dictionary words that word token `i` may have been cut from,
/// when it is a non-word of five letters or more ending its line without punctuation; empty
/// otherwise.
pub(crate) fn truncation_completions(
    doc: &Document,
    cx: &Context,
    i: usize,
) -> Vec<crate::dictionary::Completion> {
    let tokens = doc.tokens();
    let text = doc.text();
    let token = tokens[i];
    let word = token.text(text);
    if token.kind != TokenKind::Word
        || !matches!(
            token.shape,
            WordShape::Lower | WordShape::Capitalized | WordShape::AllCaps
        )
        || word.chars().count() < SHORTEST_TRUNCATION
        || has_digit(word)
        || !ends_line_unpunctuated(tokens, i)
        || is_glued(tokens, text, i, true)
        || cx.is_known_word(word)
        || Dictionary::builtin().is_pinyin_name(word)
    {
        return Vec::new();
    }
    let mut completions = Dictionary::builtin().completions(word, 256);
    completions.retain(|c| c.rank <= COMMON_RANK && !c.word.contains('\''));
    completions
}

/// The length in bytes of an emoticon starting at byte `offset` of `text`
/// (":)", ";-)", ":-(", ":P", ":D", "(:", "(-:"), if one starts there and
/// ends at a blank, a closing mark or the end of the text. Eyes are ":" or
/// ";" (or "=" before a mouth); a nose "-", "o" or "'" may come between.
pub(crate) fn emoticon_at(text: &str, offset: usize) -> Option<usize> {
    let rest = text.get(offset..)?.as_bytes();
    let is_end = |j: usize| {
        rest.get(j)
            .is_none_or(|&b| b.is_ascii_whitespace() || b")]}.,!?\"'".contains(&b))
    };
    let mut j = 0;
    let len = match rest.first()? {
        b':' | b';' | b'=' => {
            j += 1;
            if matches!(rest.get(j), Some(b'-' | b'o' | b'\'' | b'^')) {
                j += 1;
            }
            let mouth = rest.get(j)?;
            let letter_mouth = matches!(mouth, b'D' | b'P' | b'p' | b'O' | b'/' | b'|' | b'3');
            if !(matches!(mouth, b')' | b'(' | b']' | b'[') || letter_mouth) {
                return None;
            }
            j += 1;
            while matches!(rest.get(j), Some(&b) if b == *mouth) {
                j += 1;
            }
            // ":D", ":P", ":/" must end there ("a:Point", "http:/").
            if letter_mouth && !is_end(j) {
                return None;
            }
            j
        }
        b'(' => {
            j += 1;
            if rest.get(j) == Some(&b'-') {
                j += 1;
            }
            if !matches!(rest.get(j), Some(b':' | b';')) {
                return None;
            }
            j += 1;
            if !is_end(j) {
                return None;
            }
            j
        }
        _ => return None,
    };
    Some(len)
}

/// Whether the text just before byte `end` is an emoticon (":-)" in
/// "doesn't :-) .").
pub(crate) fn emoticon_before(text: &str, end: usize) -> bool {
    (2..=4).any(|len| {
        end >= len
            && text.is_char_boundary(end - len)
            && emoticon_at(text, end - len).is_some_and(|n| n == len)
    })
}

/// How far, in bytes, the run of non-blank text around a position is
/// followed each way: a URL, path or literal is shorter, and a bound keeps a
/// line of a million marks linear.
const CHUNK_REACH: usize = 512;

/// `start..end` widened by up to `reach` bytes each side, clamped to the
/// text and moved out to character boundaries: a bounded look around a
/// place, whatever the characters there.
pub(crate) fn char_window(
    text: &str,
    start: usize,
    end: usize,
    reach: usize,
) -> std::ops::Range<usize> {
    let mut low = start.min(text.len()).saturating_sub(reach);
    while !text.is_char_boundary(low) {
        low -= 1;
    }
    let mut high = end.saturating_add(reach).min(text.len());
    while !text.is_char_boundary(high) {
        high += 1;
    }
    low..high
}

/// The run of non-blank text around `start..end` (at most [`CHUNK_REACH`]
/// bytes each way).
pub(crate) fn blank_delimited_chunk(
    text: &str,
    start: usize,
    end: usize,
) -> std::ops::Range<usize> {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let std::ops::Range {
        start: low,
        end: high,
    } = char_window(text, start, end, CHUNK_REACH);
    let chunk_start = text[low..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(low, |(p, c)| low + p + c.len_utf8());
    let chunk_end = text[end..high]
        .find(char::is_whitespace)
        .map_or(high, |p| end + p);
    chunk_start..chunk_end
}

/// Whether the run of non-blank text around byte `offset` is a URL, an
/// e-mail address or a path: it holds "://" or "@", starts with "www.",
/// starts at a root ("/usr", "~/x", "./x") or has two separators.
pub(crate) fn in_link_or_path(text: &str, offset: usize) -> bool {
    let std::ops::Range { start, end } = blank_delimited_chunk(text, offset, offset);
    let chunk = text[start..end].trim_start_matches(['(', '<', '[', '"', '\'']);
    // "and/or", "1/2" are words and numbers; a path starts at a root or
    // has two separators ("/usr/lib", "~/x", "dir/sub/file", "C:\x\y").
    let separators = chunk.matches(['/', '\\']).count();
    chunk.contains("://")
        || chunk.starts_with("www.")
        || chunk.contains('@') && chunk.contains('.')
        || (chunk.len() > 1 && chunk.starts_with(['/', '~', '.']) && separators >= 1)
        || separators >= 2
}

/// Longest line, in bytes, that [`in_code_like_line`] reads as code.
const LONGEST_CODE_LINE: usize = 1024;

/// Whether the plain-text line holding byte `offset` reads as code, a
/// command, a log line or program output rather than prose: a shell prompt
/// ("$ ls", "user@host:~$ ls"), a line ending in "{", "}" or ";", an
/// assignment glued to its value ("CFLAGS=-O3", "OPTIONS=\"-F 0\""), a
/// time stamp at the start ("Jul 22 10:59:39", "10:59:41"), or a file
/// listing ("-rw-r--r--  1 root"). Always false in Markdown, whose code is
/// already marked as non-prose.
pub(crate) fn in_code_like_line(doc: &Document, offset: usize) -> bool {
    if doc.kind() != doclint_core::DocumentKind::PlainText {
        return false;
    }
    let Some(line) = doc.lines().get(doc.line_of(offset)) else {
        return false;
    };
    // A line this long is a paragraph (or debris), not a command or a log
    // line; the bound keeps a rule asking at every mark of it linear.
    line.span.len() <= LONGEST_CODE_LINE && is_code_like_line(doc.slice(line.span))
}

/// [`in_code_like_line`] for the text of one line.
pub(crate) fn is_code_like_line(line: &str) -> bool {
    // Reply markers ("> ", ") ", "GLM> ") are not part of the line.
    let mut body = line.trim();
    loop {
        let stripped = body
            .strip_prefix('>')
            .or_else(|| body.strip_prefix(") "))
            .or_else(|| body.strip_prefix('|'));
        match stripped {
            Some(rest) => body = rest.trim_start(),
            None => break,
        }
    }
    if body.is_empty() {
        return false;
    }
    let bytes = body.as_bytes();
    // A shell prompt: "$ ls", "# make install", "user@host:~/dir$ ls".
    if body.starts_with("$ ") || body.starts_with("# ") || body.starts_with("% ") {
        return true;
    }
    if let Some(p) = body.find("$ ") {
        let prompt = &body[..p];
        if !prompt.contains(' ') && (prompt.contains('@') || prompt.contains(':')) {
            return true;
        }
    }
    // A prompt with the user and host in brackets ("[root@box etc]# ls"),
    // or a DOS prompt ("C:\> dir", "C:\TEMP>dir").
    if let Some(close) = body.strip_prefix('[').and_then(|rest| rest.find(']')) {
        let after = &body[close + 2..];
        if body[1..close + 1].contains('@')
            && (after.starts_with("# ") || after.starts_with("$ ") || after.starts_with("% "))
        {
            return true;
        }
    }
    if bytes.len() > 3
        && bytes[0].is_ascii_alphabetic()
        && body[1..].starts_with(":\\")
        && bytes.iter().take(64).any(|&b| b == b'>')
    {
        return true;
    }
    // A line of HTML: "<link rel=\"stylesheet\" href=\"/a.css\">".
    if body.starts_with('<')
        && body.ends_with('>')
        && body[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
    {
        return true;
    }
    // A shell line continued ("... \\"), a syslog tag ("check[6149]: ..."),
    // a call or control statement opening the line ("fprintf(stderr,",
    // "if (x)"), an assignment statement ("char *s = \"a\";").
    if body.ends_with('\\') || starts_with_log_tag(body) || starts_with_call(body) {
        return true;
    }
    if body.ends_with(';') && body.contains(" = ") {
        return true;
    }
    if is_shell_line(body) {
        return true;
    }
    // A setting: "merge = emacs -q --eval", "max_size = 10".
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_')
        .count();
    if name_len >= 2 && body[name_len..].starts_with(" = ") {
        return true;
    }
    // A block or statement: "if (x) {", "}", "free(p);", "color : black;".
    if body.ends_with('{')
        || body.starts_with('}')
        || body.ends_with(");")
        || body.ends_with("};")
        || is_declaration(body)
    {
        return true;
    }
    // An assignment glued to its value: "CFLAGS=-O3", "OPTIONS=\"-F 0\"".
    if let Some(p) = body.find('=') {
        let name_start = body[..p]
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |(q, c)| q + c.len_utf8());
        let name = &body[name_start..p];
        let value = bytes.get(p + 1);
        // At the start of the line, or a variable in capitals anywhere
        // ("make OPTIMIZE=...").
        let placed =
            name_start == 0 || (name.bytes().all(|b| !b.is_ascii_lowercase()) && name.len() >= 3);
        if placed
            && name.len() >= 2
            && name.bytes().any(|b| b.is_ascii_alphabetic())
            && value.is_some_and(|&b| !b.is_ascii_whitespace() && b != b'=')
            && !body[..p].ends_with(['<', '>', '!'])
        {
            return true;
        }
    }
    // A log line: a time stamp first ("Jul 22 10:59:39", "10:59:41.9").
    let first_words: Vec<&str> = body.split_whitespace().take(3).collect();
    let is_clock = |w: &str| {
        let parts: Vec<&str> = w.split(':').collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    };
    if first_words.iter().any(|w| is_clock(w)) {
        return true;
    }
    // A file listing: "-rw-r--r--", "drwxr-xr-x".
    if let Some(first) = first_words.first() {
        if first.len() == 10
            && first.as_bytes()[1..]
                .iter()
                .copied()
                .all(|b| matches!(b, b'r' | b'w' | b'x' | b'-' | b's' | b't'))
            && matches!(bytes[0], b'-' | b'd' | b'l')
        {
            return true;
        }
    }
    false
}

/// A shell command line: a variable expanded ("$HOME", "${d}", "$(pwd)"),
/// a test ("if ! [ -d dir ]"), or a pipeline with an option
/// ("cat f | nc -lp 80"). Prose writes amounts ("$5", "US$ 3") and bars
/// between words ("Home | About"), but neither of these.
fn is_shell_line(body: &str) -> bool {
    let bytes = body.as_bytes();
    let variable = bytes.windows(2).enumerate().any(|(at, pair)| {
        pair[0] == b'$'
            && (pair[1].is_ascii_alphabetic() || matches!(pair[1], b'{' | b'('))
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
    });
    let test = body.match_indices("[ -").any(|(at, _)| {
        let rest = &bytes[at + 3..];
        rest.first().is_some_and(u8::is_ascii_alphabetic) && rest.get(1) == Some(&b' ')
    });
    let option = |word: &str| {
        word.strip_prefix('-').is_some_and(|flag| {
            (1..=4).contains(&flag.len()) && flag.bytes().all(|b| b.is_ascii_lowercase())
        })
    };
    let pipeline = body.contains(" | ") && body.split_whitespace().any(option);
    variable || test || pipeline
}

/// "color : black;", "margin:0;": a style sheet declaration, a short line of
/// a property, a colon and a value ending in a semicolon.
fn is_declaration(body: &str) -> bool {
    let Some(value_and_semi) = body.strip_suffix(';') else {
        return false;
    };
    let Some((property, value)) = value_and_semi.split_once(':') else {
        return false;
    };
    let property = property.trim();
    !property.is_empty()
        && property
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-')
        && !value.trim().is_empty()
        && value.split_whitespace().count() <= 3
}

/// "check[6149]: started", "named[42]: zone loaded": a program name and
/// process number, the tag of a syslog line.
fn starts_with_log_tag(body: &str) -> bool {
    let Some(first) = body.split_whitespace().next() else {
        return false;
    };
    let Some(tag) = first.strip_suffix("]:") else {
        return false;
    };
    let Some((name, pid)) = tag.split_once('[') else {
        return false;
    };
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
}

/// "fprintf(stderr, x,", "if (flags & 1)", "while (n) {": a line that
/// opens with a call or a control statement and ends as code does (with a
/// comma, semicolon, brace or parenthesis).
fn starts_with_call(body: &str) -> bool {
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if name_len == 0 || !body.ends_with([',', ';', '{', '(', ')', '"']) {
        return false;
    }
    let name = &body[..name_len];
    let rest = &body[name_len..];
    let control =
        matches!(name, "if" | "while" | "for" | "switch" | "return") && rest.starts_with(" (");
    let call = rest.starts_with('(')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    control || call
}

/// Whether one whitespace-delimited chunk reads as code, a path, a number
/// with a point or markup rather than a word of prose: it holds a symbol
/// prose does without (`/ \\ $ = < > { } [ ] | _ # @ ~ ^`), a box-drawing
/// line, a point between letters or digits ("ns1.example.com", "5.8"), a
/// semicolon glued to it ("600;"), or it is an option ("-p", "--all").
pub(crate) fn is_code_like_chunk(chunk: &str) -> bool {
    let symbol = chunk.chars().any(|c| {
        matches!(
            c,
            '/' | '\\'
                | '$'
                | '='
                | '<'
                | '>'
                | '{'
                | '}'
                | '['
                | ']'
                | '|'
                | '_'
                | '#'
                | '@'
                | '~'
                | '^'
        ) || ('\u{2500}'..='\u{257F}').contains(&c)
    });
    let mut previous = [None, None];
    let inner_point = chunk.chars().any(|c| {
        let found = previous[1] == Some('.')
            && previous[0].is_some_and(char::is_alphanumeric)
            && c.is_alphanumeric();
        previous = [previous[1], Some(c)];
        found
    });
    let mut chars = chunk.chars();
    let option = chars.next() == Some('-')
        && chars
            .next()
            .is_some_and(|c| c == '-' || c.is_ascii_alphabetic());
    let glued_semicolon = chunk.len() > 1 && chunk.ends_with(';');
    symbol || inner_point || option || glued_semicolon
}

/// How many of the `reach` whitespace-delimited chunks on each side of
/// `start..end`, within the line holding `start`, read as code
/// ([`is_code_like_chunk`]): a word among paths, options and numbered
/// fields ("$d/debian/patches; fi fi", "551.0 MB swap swap #3") belongs to
/// a command or a table.
pub(crate) fn code_like_chunks_in_line(
    doc: &Document,
    start: usize,
    end: usize,
    reach: usize,
) -> usize {
    let Some(line) = doc.lines().get(doc.line_of(start)) else {
        return 0;
    };
    let text = doc.text();
    let line_end = line.span.end().max(end);
    let (Some(before), Some(after)) = (text.get(line.span.start()..start), text.get(end..line_end))
    else {
        return 0;
    };
    let before = before.split_whitespace().rev().take(reach);
    let after = after.split_whitespace().take(reach);
    before
        .chain(after)
        .filter(|c| is_code_like_chunk(c))
        .count()
}

/// The answer for the key asked last. Rules that ask about their findings
/// in text order ask of the same line or paragraph many times running, and
/// answering afresh each time is quadratic in a long one.
#[derive(Default)]
pub(crate) struct LastAnswer {
    last: Option<(usize, bool)>,
}

impl LastAnswer {
    pub(crate) fn get(&mut self, key: usize, answer: impl FnOnce() -> bool) -> bool {
        match self.last {
            Some((known, value)) if known == key => value,
            _ => {
                let value = answer();
                self.last = Some((key, value));
                value
            }
        }
    }
}

/// The byte range of the line holding `span` (of the lines, when it runs
/// over a line feed), without its terminator. Found with the document's
/// line index, not by scanning back and forth: rules ask it for every
/// finding, and a line can be megabytes long.
pub(crate) fn line_bounds(doc: &Document, span: doclint_core::Span) -> std::ops::Range<usize> {
    let lines = doc.lines();
    let first = lines.get(doc.line_of(span.start()));
    let last = lines.get(doc.line_of(span.end()));
    match (first, last) {
        (Some(first), Some(last)) => {
            first.span.start().min(span.start())..last.span.end().max(span.end())
        }
        _ => span.range(),
    }
}

/// Whether paragraph `p` is a fragment of `most` words or fewer
/// ("nations.\"", "it\" but"): the rest of a line whose start a reply cut
/// away, or a signature's last line. A quotation or an aside in it opened
/// in text that is gone. A paragraph without a word ("7.\"") is an item
/// of a list, not a fragment.
pub(crate) fn is_fragment(doc: &Document, p: usize, most: usize) -> bool {
    let paragraph = &doc.paragraphs()[p];
    let words = doc
        .tokens_in(&paragraph.tokens)
        .iter()
        .filter(|t| t.is_word())
        .take(most + 1)
        .count();
    (1..=most).contains(&words)
}

/// Adjectives in "-ly" ("friendly", "early", "costly"): not adverbs.
const LY_ADJECTIVES: &[&str] = &[
    "belly", "bully", "burly", "costly", "curly", "daily", "deadly", "early", "elderly", "family",
    "friendly", "hilly", "holy", "jelly", "kindly", "likely", "lively", "lonely", "lovely",
    "orderly", "rally", "silly", "surly", "ugly", "woolly",
];

/// Whether a lower-case word is an adverb in "-ly" ("similarly", "newly",
/// "highly"): before a participle it is never hyphenated ("a similarly
/// named package", "the newly united kingdom").
pub(crate) fn is_ly_adverb(word: &str) -> bool {
    word.len() >= 5
        && word.ends_with("ly")
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !LY_ADJECTIVES.contains(&word)
}

#[cfg(test)]
mod tests {

    #[test]
    fn emoticons_are_found_where_they_start() {
        let text = "ok :) and ;-) or :P, (: but not a:Point or http:/x";
        let at = |pat: &str| emoticon_at(text, text.find(pat).expect("in the text"));
        assert_eq!(at(":)"), Some(2));
        assert_eq!(at(";-)"), Some(3));
        assert_eq!(at(":P"), Some(2));
        assert_eq!(at("(:"), Some(2));
        assert_eq!(at(":Point"), None);
        assert_eq!(at(":/x"), None);
        assert!(emoticon_before("it :-) .", 6));
        assert!(!emoticon_before("f(x) .", 4));
    }

    #[test]
    fn links_and_paths_are_told_from_words() {
        let is = |text: &str| in_link_or_path(text, 0);
        assert!(is("http://example.org/a"));
        assert!(is("www.example.ie"));
        assert!(is("me@example.org"));
        assert!(is("/usr/lib"));
        assert!(is("dir/sub/file"));
        assert!(!is("and/or"));
        assert!(!is("1/2"));
        assert!(!is("word"));
    }

    #[test]
    fn code_like_lines_are_told_from_prose() {
        for line in [
            "$ ls -l",
            "john@debian:/home/john$ ls -l beatles",
            "    if (x == 1) {",
            "        color : black;",
            "    export CFLAGS=\"-O3",
            "make OPTIMIZE=\"$RPM_OPT_FLAGS\" PREFIX=/usr",
            "Jul 22 10:59:39.878996 check[29891]: [ 1] started",
            "-r-xr-xr-x    1 john  john  5333 Sep 27 file.wav",
            "<link rel=\"stylesheet\" href=\"/a.css\">",
            "    fprintf(stderr, \"[ ERROR: %s\\n\",",
            "        if (!(flags & FL_BEQUIET))",
            "        char *moo = \"220 \";",
            "check[6149]: [ 3] Timed out",
            "send-hook . \"unset x;\"\\",
            "    merge = emacs -q --eval '(ediff-merge-files",
            "    fprintf(stderr, \"Program called with invalid \"",
            ") > $ ls",
            "if ! [ -d $d/debian/patches ]; then mkdir $d/debian/patches; fi",
            "  cat in.fifo ) | nc myproxy 3128 | (read ; read ; nc -lp 80 )",
            "cp ${SRC} \"$(pwd)\" ;",
        ] {
            assert!(is_code_like_line(line), "{line}");
        }
        for line in [
            "Is there anything I could check ?",
            "The meeting ended; the port reopened;",
            "If x = 3 we stop, and we met at 10:30 today.",
            "<this is a quoted aside",
            "“Support of this kind",
            "café=good for us",
            "file(s) are kept here for now.",
            "If it works (and it does), fine.",
            "We set x = 3; then we stop.",
            "It cost $5 ; that is, US$ 3 less.",
            "Home | About | Contact - the menu ; again",
            "See [ -3 dB ] in the table ; and so on.",
        ] {
            assert!(!is_code_like_line(line), "{line}");
        }
    }
    use super::*;

    #[test]
    fn a_chunk_is_the_run_of_non_blank_text_and_is_bounded() {
        let text = "see r\"\\n\" here";
        assert_eq!(&text[blank_delimited_chunk(text, 5, 6)], "r\"\\n\"");
        // No blank for a megabyte: the chunk stops at the reach.
        let marks = "\"".repeat(1 << 20);
        let chunk = blank_delimited_chunk(&marks, 1 << 19, (1 << 19) + 1);
        assert_eq!(chunk.len(), 2 * CHUNK_REACH + 1);
    }

    #[track_caller]
    fn assert_sorted_lower_case_list(list: &str) {
        let lines: Vec<&str> = list.lines().collect();
        assert!(!lines.is_empty());
        assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(lines
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn word_lists_are_sorted_lower_case_and_without_duplicates() {
        assert_sorted_lower_case_list(FUNCTION_WORDS);
        assert_sorted_lower_case_list(PREFIXES);
    }

    #[test]
    fn folded_hashes_ignore_case_and_apostrophe_form() {
        let same = [
            ("Government", "government"),
            ("GOVERNMENT", "government"),
            ("Xi\u{2019}s", "xi's"),
            ("XI\u{2019}S", "Xi's"),
            ("\u{c9}COLE", "\u{e9}cole"),
            ("AZaz@[`{", "azaz@[`{"),
            ("", ""),
        ];
        for (a, b) in same {
            assert_eq!(folded_hash(a), folded_hash(b), "{a} / {b}");
        }
        let different = [
            ("government", "governments"),
            ("a", "b"),
            ("ab", "ab\u{0}"),
            ("@", "`"),
            ("[", "{"),
            ("abcdefgh", "abcdefghi"),
        ];
        for (a, b) in different {
            assert_ne!(folded_hash(a), folded_hash(b), "{a} / {b}");
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(
            edit_distance(&chars("chengxu"), &chars("chenxu"), 2),
            Some(1)
        );
        assert_eq!(
            edit_distance(&chars("chengxu"), &chars("chegnxu"), 2),
            Some(1)
        );
        assert_eq!(edit_distance(&chars("ming"), &chars("min"), 2), Some(1));
        assert_eq!(edit_distance(&chars("colour"), &chars("color"), 0), None);
        assert_eq!(edit_distance(&chars("abc"), &chars("xyz"), 2), None);
    }

    #[test]
    fn quoted_mentions_read_quote_roles_from_the_document() {
        let doc = |text: &str| {
            let source = doclint_core::decode(text.as_bytes().to_vec()).expect("text");
            Document::new(source, doclint_core::DocumentKind::PlainText)
        };
        let word = |doc: &Document, w: &str| {
            doc.tokens()
                .iter()
                .position(|t| t.text(doc.text()) == w)
                .expect("the word")
        };
        let quoted = doc("The so-called “cuentapropistas” work.\n");
        let at = word(&quoted, "cuentapropistas");
        assert!(is_quoted_mention(&quoted, at, at));
        // The marks around "boom" are an elision and a plural possessive,
        // not quotation marks (their glyphs alone would say they were).
        let apostrophes = doc("The '90s boom members' house.\n");
        let at = word(&apostrophes, "boom");
        assert!(!is_quoted_mention(&apostrophes, at, at));
    }

    #[test]
    fn abbreviations_are_found_as_listed_or_capitalised() {
        for word in ["Calif", "approx", "Approx", "FIGS", "Mr", "pp", "vs"] {
            assert!(is_abbreviation(word), "{word}");
        }
        // Listed capitalised only: in lower case they are words.
        for word in ["sat", "ill", "wash", "word", "Word"] {
            assert!(!is_abbreviation(word), "{word}");
        }
    }

    #[test]
    fn function_words_in_capitals_are_names() {
        assert!(is_function_word("of"));
        assert!(!is_function_word("Committee"));
        assert!(is_function_word("Us"));
        assert!(!is_function_word("US"));
    }

    #[test]
    fn possessives_are_stripped_in_either_case() {
        assert_eq!(strip_possessive("Chengxu’s"), Some("Chengxu"));
        assert_eq!(strip_possessive("NATO'S"), Some("NATO"));
        assert_eq!(strip_possessive("'s"), None);
        assert_eq!(strip_possessive("boss"), None);
    }

    #[test]
    fn list_lookups_ignore_case() {
        assert!(is_function_word("The"));
        assert!(is_function_word("in"));
        assert!(!is_function_word("stick"));
        assert!(is_prefix("cyber"));
        assert!(is_prefix("Non"));
        assert!(!is_prefix("speech"));
    }

    #[test]
    fn ly_adverbs_are_not_ly_adjectives() {
        assert!(is_ly_adverb("similarly"));
        assert!(is_ly_adverb("newly"));
        assert!(!is_ly_adverb("early"));
        assert!(!is_ly_adverb("family"));
        assert!(!is_ly_adverb("only"));
        assert!(!is_ly_adverb("Newly"));
    }
}
