//! Helpers shared by the rules that pair marks within a paragraph
//! (`unbalanced-quote`, `unbalanced-bracket`).

use std::ops::Range;

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
