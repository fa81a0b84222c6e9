//! Helpers shared by the rules that pair marks (`unbalanced-quote`,
//! `unbalanced-bracket`) or stay out of quotations (`duplicate-sentence`),
//! and what tells a quotation mark from notation (`unbalanced-quote`,
//! `mixed-quotes`).

use std::ops::Range;

use doclint_core::{Document, Quote, QuoteKind, QuoteRole, QuoteStyle, Span};

/// The stretches of text between the paired quotation marks of
/// `quotes[range]` (from an opening mark to the end of its partner),
/// merged where they overlap: sorted and disjoint, into `out`.
pub(crate) fn quoted_stretches(quotes: &[Quote], range: Range<usize>, out: &mut Vec<Span>) {
    out.clear();
    for quote in &quotes[range] {
        let closer = match (quote.role, quote.partner) {
            (QuoteRole::Opening, Some(partner)) => quotes.get(partner as usize),
            _ => None,
        };
        let Some(closer) = closer else {
            continue;
        };
        let span = Span::new(quote.span.start(), closer.span.end().max(quote.span.end()));
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
}

/// Whether `span` lies inside one of `stretches` (as [`quoted_stretches`]
/// gives them).
pub(crate) fn is_within(stretches: &[Span], span: Span) -> bool {
    let before = stretches.partition_point(|s| s.start <= span.start);
    before > 0 && stretches[before - 1].end >= span.end
}

/// The item of `items[range]` closest to `items[index]` (by `offset`) among
/// those `same` accepts, other than `index` itself: the likeliest partner of
/// a stray mark, labelled to help the reader.
///
/// Items are in text order, so the nearest is the first match on either
/// side. Searching outward keeps a paragraph of many stray marks linear
/// (each search stops at its neighbour of the same kind).
pub(crate) fn nearest_matching<T>(
    items: &[T],
    range: Range<usize>,
    index: usize,
    offset: impl Fn(&T) -> u32,
    same: impl Fn(&T) -> bool,
) -> Option<usize> {
    let before = (range.start..index).rev().find(|&j| same(&items[j]));
    let after = (index + 1..range.end).find(|&j| same(&items[j]));
    match (before, after) {
        (Some(b), Some(a)) => {
            let at = offset(&items[index]);
            let distance = |j: usize| offset(&items[j]).abs_diff(at);
            Some(if distance(a) < distance(b) { a } else { b })
        }
        (b, a) => b.or(a),
    }
}

/// Whether the unpaired mark `quote` is notation rather than a quotation
/// mark: an inch mark after a number or fraction ("3½\" drive bays", "6\""),
/// a mark in a run of text with a backslash (a string literal or escape:
/// `r"\n"`, `\"`), one of an empty string (`""`), or a mark in a line of
/// code, a command or program output in plain text (`export CFLAGS="-O3`,
/// `<link href="/a.css">`).
pub(crate) fn is_notation(doc: &Document, quote: &Quote) -> bool {
    let text = doc.text();
    let start = quote.span.start();
    let end = quote.span.end();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // Smart quotes turn an inch mark into a closing one: "a 55” screen".
    let inches = quote.kind == QuoteKind::Double
        && (quote.style == QuoteStyle::Straight || quote.ch == '”')
        && before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾'))
        && after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ')' | ';'));
    let escaped = text[crate::words::blank_delimited_chunk(text, start, end)].contains('\\');
    // "f()’s parameters", "Py_DECREF()‘ing": an apostrophe after a call.
    let after_call = quote.kind == QuoteKind::Single
        && text[..start].ends_with("()")
        && after.is_some_and(char::is_alphabetic);
    // ":s/\"//g", "'\"'": a mark between two code symbols, or quoted
    // alone by the other straight mark, is a character of code or named.
    let code_symbol = |c: Option<char>| c.is_some_and(|c| "/\\|=<>{}@#$%^&*+~`".contains(c));
    let other = match quote.ch {
        '"' => Some('\''),
        '\'' => Some('"'),
        _ => None,
    };
    let between_symbols = (code_symbol(before) && code_symbol(after))
        || (other.is_some() && before == other && after == other);
    // "git add \"\"", "set it to \"\"": an empty string, two straight
    // double marks glued, quotes nothing.
    let empty_string = quote.ch == '"'
        && (before == Some('"') || after == Some('"'))
        && !text[..start].ends_with("\"\"")
        && !text[end..].starts_with("\"\"");
    inches
        || escaped
        || empty_string
        || after_call
        || between_symbols
        || is_symbol_literal(text, quote)
        || in_call_arguments(text, start)
        || in_triple_quotes(text, start, end)
        || crate::words::in_code_like_line(doc, start)
}

/// Whether the straight mark is one of a pair around a short string of
/// spaces and symbols on one line: "end with ' *'", "join with ', '",
/// "a prompt of \"$ \"". The quote model cannot pair marks with a space
/// inside them, but a literal of no letter or digit quotes nothing.
fn is_symbol_literal(text: &str, quote: &Quote) -> bool {
    const LONGEST: usize = 4;
    let mark = quote.ch;
    if !matches!(mark, '"' | '\'') {
        return false;
    }
    let literal = |inner: &str| {
        (1..=LONGEST).contains(&inner.chars().count())
            && !inner
                .chars()
                .any(|c| c.is_alphanumeric() || c == mark || c == '\n')
    };
    // Only a few bytes each side are read.
    let window = crate::words::char_window(text, quote.span.start(), quote.span.end(), LONGEST + 1);
    let after = &text[quote.span.end()..window.end];
    let before = &text[window.start..quote.span.start()];
    let forward = after.find(mark).is_some_and(|at| literal(&after[..at]));
    let backward = before
        .rfind(mark)
        .is_some_and(|at| literal(&before[at + 1..]));
    forward || backward
}

/// Whether offset `at` lies between the parentheses of a call written in
/// prose, on one line: "re.sub('\n', ' ', S)", "print('a', end='')". The
/// arguments are code, their marks string delimiters. Only a short stretch
/// around the mark is read: arguments in prose are short, and a long line
/// of marks must not be read again for each.
fn in_call_arguments(text: &str, at: usize) -> bool {
    // Code quotes with straight marks.
    if !text[at..].starts_with(['"', '\'']) {
        return false;
    }
    const REACH: usize = 120;
    let std::ops::Range {
        start: from,
        end: to,
    } = crate::words::char_window(text, at, at, REACH);
    let before = text[from..at].rsplit('\n').next().unwrap_or("");
    let Some(open) = before.rfind('(') else {
        return false;
    };
    if before[open..].contains(')') {
        return false;
    }
    let called = before[..open]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    // A string argument is short: the call closes within the line.
    called && text[at..to].split('\n').next().unwrap_or("").contains(')')
}

/// Whether the mark at `start..end` is one of exactly three identical
/// straight marks in a row: a Python triple quote (`"""…"""`, `'''…'''`),
/// not a longer run.
pub(crate) fn in_triple_quotes(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let mark = bytes[start];
    if end != start + 1 || !matches!(mark, b'"' | b'\'') {
        return false;
    }
    let before = bytes[..start]
        .iter()
        .rev()
        .take(3)
        .take_while(|&&b| b == mark)
        .count();
    let after = bytes[end..]
        .iter()
        .take(3)
        .take_while(|&&b| b == mark)
        .count();
    before + 1 + after == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_stretches_merge_nested_quotations() {
        let doc = doclint_core::Document::from_text("A “b ‘c’ d” e “f” g “h");
        let mut stretches = Vec::new();
        quoted_stretches(doc.quotes(), 0..doc.quotes().len(), &mut stretches);
        let texts: Vec<&str> = stretches.iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(texts, ["“b ‘c’ d”", "“f”"]);
        let inner = Span::new(
            doc.text().find('c').expect("c"),
            doc.text().find('d').expect("d"),
        );
        assert!(is_within(&stretches, inner));
        let outside = Span::new(
            doc.text().find('e').expect("e"),
            doc.text().find('g').expect("g"),
        );
        assert!(!is_within(&stretches, outside));
    }

    #[test]
    fn nearest_on_either_side() {
        let offsets = [0u32, 10, 12, 30, 31];
        let at = |x: &u32| *x;
        assert_eq!(nearest_matching(&offsets, 0..5, 2, at, |_| true), Some(1));
        assert_eq!(nearest_matching(&offsets, 0..5, 3, at, |_| true), Some(4));
        assert_eq!(
            nearest_matching(&offsets, 0..5, 0, at, |&x| x >= 30),
            Some(3)
        );
        assert_eq!(nearest_matching(&offsets, 1..3, 1, at, |&x| x > 20), None);
    }
}
