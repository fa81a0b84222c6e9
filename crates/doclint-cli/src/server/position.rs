//! Byte offsets (doclint's spans) to and from LSP positions, whose
//! `character` counts code units of the negotiated encoding: UTF-16 unless
//! the client offers UTF-8 (or UTF-32). Lines end at `\n`; a `\r` before it
//! belongs to its line, as in [`doclint_core::LineIndex`].

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit of `Position::character`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The server's choice among the client's offers: UTF-8 when offered
    /// (no conversion), else UTF-16, the protocol's default.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.is_empty() || offered.contains(&PositionEncodingKind::UTF16) {
            Encoding::Utf16
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    fn count(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => text.chars().count(),
        }
    }
}

/// Line starts of one text, for converting in both directions.
#[derive(Clone, Debug)]
pub struct LineMap {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineMap {
    pub fn new(text: &str, encoding: Encoding) -> LineMap {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text).map(|at| at + 1));
        LineMap { starts, encoding }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The end of line `line`'s content (before `\n`, and `\r\n`).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return text.len();
        };
        let mut end = next - 1;
        if end > self.starts[line] && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        end
    }

    /// The position of byte `offset` (clamped to the text, and back to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.position_from(text, offset, &mut Cursor::default())
    }

    /// Like [`LineMap::position`], counting on from `cursor` when `offset`
    /// is further along the same line: converting the sorted positions of
    /// many findings on one long line stays linear.
    pub fn position_from(&self, text: &str, offset: usize, cursor: &mut Cursor) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let (from, base) = if cursor.valid && cursor.line == line && cursor.offset <= offset {
            (cursor.offset, cursor.units)
        } else {
            (start, 0)
        };
        let units = base + self.encoding.count(&text[from..offset]);
        *cursor = Cursor {
            valid: true,
            line,
            offset,
            units,
        };
        Position {
            line: line as u32,
            character: units as u32,
        }
    }

    pub fn range(&self, text: &str, start: usize, end: usize, cursor: &mut Cursor) -> Range {
        let start = self.position_from(text, start, cursor);
        let mut end_cursor = *cursor;
        Range {
            start,
            end: self.position_from(text, end, &mut end_cursor),
        }
    }

    /// The byte offset of `position`; a position past the end of its line
    /// means the line's end, one past the last line the text's end (as the
    /// protocol asks). A position inside a character moves to its start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.starts[line];
        let end = self.line_end(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, c) in text[start..end].char_indices() {
            let next = units + self.encoding.units(c);
            if next > wanted {
                return start + at;
            }
            units = next;
        }
        end
    }
}

/// Where the last conversion ended, to count on from there.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cursor {
    valid: bool,
    line: usize,
    offset: usize,
    units: usize,
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

/// Applies one `didChange` content change to `text`: a range and its
/// replacement, or the whole text when `range` is `None`.
pub fn apply_change(
    text: &mut String,
    range: Option<Range>,
    replacement: &str,
    encoding: Encoding,
) {
    match range {
        None => *text = replacement.to_owned(),
        Some(range) => {
            let map = LineMap::new(text, encoding);
            let start = map.offset(text, range.start);
            let end = map.offset(text, range.end).max(start);
            text.replace_range(start..end, replacement);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    // "A 文字 😀\u{a0}x": CJK (3 bytes, 1 UTF-16 unit each), an emoji
    // (4 bytes, 2 units) and a no-break space (2 bytes, 1 unit).
    const LINE: &str = "first\r\nA 文字 😀\u{a0}x\nend";

    #[test]
    fn utf16_counts_surrogate_pairs_and_bmp_characters_as_one() {
        let map = LineMap::new(LINE, Encoding::Utf16);
        let x = LINE.find('x').expect("x");
        // A, space, 文, 字, space, 😀 (2), nbsp = 8 units before x.
        assert_eq!(map.position(LINE, x), pos(1, 8));
        let emoji = LINE.find('😀').expect("emoji");
        assert_eq!(map.position(LINE, emoji), pos(1, 5));
        assert_eq!(map.position(LINE, emoji + 4), pos(1, 7));
        assert_eq!(map.offset(LINE, pos(1, 8)), x);
        assert_eq!(map.offset(LINE, pos(1, 5)), emoji);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(map.offset(LINE, pos(1, 6)), emoji);
    }

    #[test]
    fn utf8_counts_bytes() {
        let map = LineMap::new(LINE, Encoding::Utf8);
        let x = LINE.find('x').expect("x");
        let line_start = LINE.find('A').expect("A");
        assert_eq!(map.position(LINE, x), pos(1, (x - line_start) as u32));
        assert_eq!(map.offset(LINE, pos(1, (x - line_start) as u32)), x);
        let nbsp = LINE.find('\u{a0}').expect("nbsp");
        // Inside the no-break space's two bytes: its start.
        assert_eq!(
            map.offset(LINE, pos(1, (nbsp - line_start + 1) as u32)),
            nbsp
        );
    }

    #[test]
    fn utf32_counts_characters() {
        let map = LineMap::new(LINE, Encoding::Utf32);
        let x = LINE.find('x').expect("x");
        assert_eq!(map.position(LINE, x), pos(1, 7));
        assert_eq!(map.offset(LINE, pos(1, 7)), x);
    }

    #[test]
    fn crlf_belongs_to_its_line_and_overlong_positions_clamp() {
        let map = LineMap::new(LINE, Encoding::Utf16);
        assert_eq!(map.offset(LINE, pos(0, 99)), 5, "before the \\r");
        assert_eq!(map.position(LINE, 5), pos(0, 5));
        assert_eq!(map.offset(LINE, pos(9, 0)), LINE.len());
        assert_eq!(map.position(LINE, LINE.len()), pos(2, 3));
    }

    #[test]
    fn every_offset_round_trips_in_every_encoding() {
        let text = "a文\u{a0}😀b\n\n😀😀\r\nz";
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let map = LineMap::new(text, encoding);
            let mut cursor = Cursor::default();
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                if text[..offset].ends_with('\r') {
                    continue; // between \r and \n: not a position of its own
                }
                let fresh = map.position(text, offset);
                assert_eq!(map.position_from(text, offset, &mut cursor), fresh);
                assert_eq!(map.offset(text, fresh), offset, "{encoding:?} {offset}");
            }
        }
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        let utf16 = [PositionEncodingKind::UTF16];
        assert_eq!(Encoding::negotiate(Some(&utf16)), Encoding::Utf16);
        let utf32 = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&utf32)), Encoding::Utf32);
    }

    #[test]
    fn incremental_changes_edit_in_client_units() {
        let mut text = "A 😀 b\nline two\n".to_owned();
        // Replace "b" (after the emoji: UTF-16 column 5) with "c d".
        let range = Range {
            start: pos(0, 5),
            end: pos(0, 6),
        };
        apply_change(&mut text, Some(range), "c d", Encoding::Utf16);
        assert_eq!(text, "A 😀 c d\nline two\n");
        let range = Range {
            start: pos(1, 0),
            end: pos(2, 0),
        };
        apply_change(&mut text, Some(range), "", Encoding::Utf16);
        assert_eq!(text, "A 😀 c d\n");
        apply_change(&mut text, None, "new", Encoding::Utf16);
        assert_eq!(text, "new");
    }
}
