//! Helpers shared by the rules that pair marks (`unbalanced-quote`,
//! `unbalanced-bracket`) or stay out of quotations (`duplicate-sentence`).

use std::ops::Range;

use doclint_core::{Quote, QuoteRole, Span};

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
