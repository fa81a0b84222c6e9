//! Where the first pass of a check puts a file it has checked but cannot
//! keep in memory: its text and its own findings, written to an unnamed
//! temporary file and read back when the corpus-level findings are merged.
//! The file is then read from disk and modelled once however large the run
//! is, and memory holds only the files in flight.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use doclint_core::Diagnostic;

/// Where one file's record lies in the spill file.
#[derive(Debug, Clone, Copy)]
pub struct SpillPlace {
    offset: u64,
    len: usize,
}

/// The spill file of one run, deleted when it is dropped (or the process
/// ends).
#[derive(Debug)]
pub struct Spill {
    file: Mutex<Option<(File, u64)>>,
}

impl Spill {
    /// A spill whose file is created on first use.
    pub fn new() -> Self {
        Spill {
            file: Mutex::new(None),
        }
    }

    /// Writes `text` and `own`; `None` (with nothing written) when the
    /// file cannot be created or written, for the caller to keep them.
    pub fn put(&self, text: &str, own: &[Diagnostic]) -> Option<SpillPlace> {
        let record = postcard::to_stdvec(&(text, own)).ok()?;
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some((tempfile::tempfile().ok()?, 0));
        }
        let (file, end) = guard.as_mut()?;
        let offset = *end;
        file.seek(SeekFrom::Start(offset)).ok()?;
        if file.write_all(&record).is_err() {
            // A partial record past `end` is overwritten by the next one.
            return None;
        }
        *end += record.len() as u64;
        Some(SpillPlace {
            offset,
            len: record.len(),
        })
    }

    /// The text and findings written at `place`.
    pub fn take(&self, place: SpillPlace) -> std::io::Result<(String, Vec<Diagnostic>)> {
        let mut record = vec![0; place.len];
        {
            let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
            let Some((file, _)) = guard.as_mut() else {
                return Err(corrupt());
            };
            file.seek(SeekFrom::Start(place.offset))?;
            file.read_exact(&mut record)?;
        }
        postcard::from_bytes(&record).map_err(|_| corrupt())
    }
}

fn corrupt() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "the temporary file of the run was damaged",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_core::{Applicability, Edit, Fix, Label, Location, Severity, Span, SpanLocation};

    #[test]
    fn a_record_reads_back_as_written() {
        let fix = Fix::new(
            "Remove the extra space",
            Applicability::Safe,
            vec![Edit::delete(Span::new(9, 10)), Edit::insert(3, "é")],
        );
        let location = SpanLocation {
            start: Location { line: 2, column: 1 },
            end: Location { line: 2, column: 7 },
        };
        let own = vec![
            Diagnostic::new(
                "double-space",
                Severity::Warning,
                Span::new(8, 10),
                "Two spaces",
            )
            .with_help("One is enough.")
            .with_fix(fix),
            Diagnostic::new(
                "inconsistent-name",
                Severity::Error,
                Span::new(0, 4),
                "Name",
            )
            .with_label(Label::new(Span::new(1, 2), "here"))
            .with_label(Label::in_file(3, Span::new(5, 9), location, "there")),
        ];
        let spill = Spill::new();
        let first = spill.put("The mayor  spoke.\n", &own).expect("spilled");
        let second = spill.put("Nothing.\n", &[]).expect("spilled");
        assert_eq!(
            spill.take(second).expect("read back"),
            ("Nothing.\n".to_owned(), Vec::new())
        );
        assert_eq!(
            spill.take(first).expect("read back"),
            ("The mayor  spoke.\n".to_owned(), own)
        );
    }
}
