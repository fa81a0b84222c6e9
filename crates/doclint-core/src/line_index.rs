use crate::diagnostic::Location;

/// Maps byte offsets to 1-based line and column numbers.
///
/// Columns count Unicode scalar values, so a no-break space or a CJK
/// character is one column, as editors show it. A `\r` before `\n` belongs to
/// its line, so CRLF never shifts a position.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// For each block of [`CHECKPOINT_STRIDE`] bytes: the first character
    /// boundary at or after its start and the 0-based column there, so a
    /// column on a very long line is counted from a nearby checkpoint rather
    /// than from the line's start (which made placing many findings on one
    /// long line quadratic).
    checkpoints: Vec<(u32, u32)>,
}

const CHECKPOINT_STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|pos| pos as u32 + 1));
        let mut index = Self {
            line_starts,
            checkpoints: Vec::new(),
        };
        index.checkpoints = index.build_checkpoints(text);
        index
    }

    fn build_checkpoints(&self, text: &str) -> Vec<(u32, u32)> {
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_STRIDE + 1);
        let mut previous: Option<(usize, usize)> = None;
        for block in (0..text.len()).step_by(CHECKPOINT_STRIDE) {
            let mut at = block;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            let start = self.line_start(self.line_of(at));
            let column = match previous {
                Some((offset, column)) if offset >= start => {
                    column + text[offset..at].chars().count()
                }
                _ => text[start..at].chars().count(),
            };
            checkpoints.push((at as u32, column as u32));
            previous = Some((at, column));
        }
        checkpoints
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Start offset of the 0-based line `line`.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line] as usize
    }

    /// The 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based line and column of `offset` in `text`.
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        // Count from the nearest checkpoint on this line at or before offset.
        let block = offset / CHECKPOINT_STRIDE;
        let (from, base) = [block, block.wrapping_sub(1)]
            .iter()
            .filter_map(|&b| self.checkpoints.get(b))
            .map(|&(at, column)| (at as usize, column as usize))
            .find(|&(at, _)| at >= start && at <= offset)
            .unwrap_or((start, 0));
        let column = text
            .get(from..offset)
            .map_or(offset - start, |prefix| base + prefix.chars().count());
        Location {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_match_counting_from_the_line_start() {
        // Lines longer than a checkpoint stride, with multi-byte characters
        // straddling the stride boundaries and line breaks between them.
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(
                ["ab", "\u{a0}", "文", "😀", "\n", "x y "][i % 6 * (i % 7 != 0) as usize],
            );
        }
        text.push_str(&"é".repeat(5000));
        text.push('a');
        text.push_str(&"😀".repeat(3000));
        text.push_str("\nb");
        text.push_str(&"文".repeat(3000));
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let line = index.line_of(offset);
            let start = index.line_start(line);
            let expected = text[start..offset].chars().count() as u32 + 1;
            assert_eq!(
                index.location(&text, offset).column,
                expected,
                "offset {offset}"
            );
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\nc\u{a0}d\r\ne";
        let index = LineIndex::new(text);
        assert_eq!(index.location(text, 0), Location { line: 1, column: 1 });
        let d = text.find('d').expect("d");
        assert_eq!(index.location(text, d), Location { line: 2, column: 3 });
        let e = text.find('e').expect("e");
        assert_eq!(index.location(text, e), Location { line: 3, column: 1 });
        assert_eq!(index.line_count(), 3);
    }
}
