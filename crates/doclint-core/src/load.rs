//! Turning a file's bytes into checked text without moving a single offset.

use thiserror::Error;

/// Files larger than this are refused: spans are `u32` byte offsets.
pub const MAX_FILE_SIZE: usize = u32::MAX as usize;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a file's bytes could not be checked as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("binary file (NUL byte at byte offset {offset}); skipped")]
    Binary { offset: usize },
    #[error("UTF-16 text ({endian} byte-order mark) is not supported; convert the file to UTF-8")]
    Utf16 { endian: &'static str },
    #[error("file is {size} bytes; the limit is {MAX_FILE_SIZE} bytes")]
    TooLarge { size: usize },
}

impl LoadError {
    /// A skipped binary file is a note, not a failure of the file's text.
    pub fn is_binary(&self) -> bool {
        matches!(self, LoadError::Binary { .. })
    }
}

/// Why a small data file (a configuration, a rule pack) could not be read.
#[derive(Debug, Error)]
pub enum SmallFileError {
    /// A directory, device or named pipe: `/dev/zero` would never end, and
    /// opening a pipe would wait for a writer.
    #[error("not a regular file")]
    NotRegular,
    #[error("larger than {} MiB", .0 >> 20)]
    TooLarge(u64),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The bytes of the regular file `path`, refused beyond `limit` bytes.
pub fn read_small_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, SmallFileError> {
    use std::io::Read;
    // Asked before opening: opening a named pipe would wait for a writer.
    if !std::fs::metadata(path)?.is_file() {
        return Err(SmallFileError::NotRegular);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(SmallFileError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The line terminator a file mostly uses; fixes keep it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

/// A file's text, exactly as on disk.
///
/// `text` keeps the byte-order mark and every `\r`, so a byte offset into
/// `text` is a byte offset into the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub text: String,
    /// Length of the UTF-8 byte-order mark at the start of `text` (0 or 3).
    pub bom_len: usize,
    pub line_ending: LineEnding,
}

impl SourceText {
    /// The text after the byte-order mark, with its offset in the file.
    pub fn body(&self) -> (usize, &str) {
        (self.bom_len, &self.text[self.bom_len..])
    }
}

/// Decodes a file's bytes: UTF-8 with or without a BOM, LF or CRLF.
pub fn decode(bytes: Vec<u8>) -> Result<SourceText, LoadError> {
    if bytes.len() > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge { size: bytes.len() });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(LoadError::Utf16 {
            endian: "little-endian",
        });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::Utf16 {
            endian: "big-endian",
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(LoadError::Binary { offset });
    }
    let bom_len = if bytes.starts_with(UTF8_BOM) { 3 } else { 0 };
    let text = String::from_utf8(bytes).map_err(|err| LoadError::InvalidUtf8 {
        offset: err.utf8_error().valid_up_to(),
    })?;
    let line_ending = detect_line_ending(&text);
    Ok(SourceText {
        text,
        bom_len,
        line_ending,
    })
}

fn detect_line_ending(text: &str) -> LineEnding {
    let bytes = text.as_bytes();
    let mut crlf = 0usize;
    let mut lf = 0usize;
    for pos in memchr::memchr_iter(b'\n', bytes) {
        if pos > 0 && bytes[pos - 1] == b'\r' {
            crlf += 1;
        } else {
            lf += 1;
        }
    }
    if crlf > lf {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_bom_so_offsets_match_the_file() {
        let source = decode(b"\xEF\xBB\xBFHello".to_vec()).expect("valid");
        assert_eq!(source.bom_len, 3);
        assert_eq!(&source.text[3..], "Hello");
        assert_eq!(source.body(), (3, "Hello"));
    }

    #[test]
    fn detects_crlf_majority() {
        let source = decode(b"a\r\nb\r\nc\n".to_vec()).expect("valid");
        assert_eq!(source.line_ending, LineEnding::CrLf);
        let source = decode(b"a\nb\n".to_vec()).expect("valid");
        assert_eq!(source.line_ending, LineEnding::Lf);
    }

    #[test]
    fn invalid_utf8_reports_first_bad_offset() {
        let err = decode(b"good text \xC3\x28 more".to_vec()).expect_err("invalid");
        assert_eq!(err, LoadError::InvalidUtf8 { offset: 10 });
        assert!(err.to_string().contains("byte offset 10"));
    }

    #[test]
    fn nul_byte_means_binary() {
        let err = decode(b"PK\x03\x04\x00\x00".to_vec()).expect_err("binary");
        assert!(err.is_binary());
    }

    #[test]
    fn utf16_is_refused_with_a_clear_reason() {
        let err = decode(vec![0xFF, 0xFE, b'h', 0]).expect_err("utf16");
        assert!(err.to_string().contains("UTF-16"));
    }

    #[test]
    fn empty_file_is_fine() {
        let source = decode(Vec::new()).expect("valid");
        assert_eq!(source.text, "");
    }
}
