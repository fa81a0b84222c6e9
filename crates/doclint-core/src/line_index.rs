use crate::diagnostic::Location;

/// Maps byte offsets to 1-based line and column numbers.
///
/// Columns count Unicode scalar values, so a no-break space or a CJK
/// character is one column, as editors show it. A `\r` before `\n` belongs to
/// its line, so CRLF never shifts a position.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|pos| pos as u32 + 1));
        Self { line_starts }
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
        let column = text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
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
