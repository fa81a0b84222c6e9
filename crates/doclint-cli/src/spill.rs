//! Where the first pass of a check puts a file it has checked but cannot
//! keep in memory: its text and its own findings, written to an unnamed
//! temporary file and read back when the corpus-level findings are merged.
//! The file is then read from disk and modelled once however large the run
//! is, and memory holds only the files in flight.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use doclint_core::{
    Applicability, Diagnostic, Edit, Fix, Label, Location, Severity, Span, SpanLocation,
};

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
        let mut record = Vec::with_capacity(text.len() + 64 + own.len() * 128);
        put_str(&mut record, text);
        put_len(&mut record, own.len());
        for diagnostic in own {
            put_diagnostic(&mut record, diagnostic);
        }
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
        let mut reader = Reader(&record);
        let text = reader.string()?;
        let count = reader.len()?;
        let mut own = Vec::with_capacity(count.min(record.len()));
        for _ in 0..count {
            own.push(reader.diagnostic()?);
        }
        Ok((text, own))
    }
}

fn corrupt() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "the temporary file of the run was damaged",
    )
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    // Texts are under the loader's file-size limit, far below 4 GiB.
    put_u32(out, u32::try_from(n).unwrap_or(u32::MAX));
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_span(out: &mut Vec<u8>, span: Span) {
    put_u32(out, span.start);
    put_u32(out, span.end);
}

fn put_option<T>(out: &mut Vec<u8>, value: Option<&T>, put: impl FnOnce(&mut Vec<u8>, &T)) {
    match value {
        Some(value) => {
            out.push(1);
            put(out, value);
        }
        None => out.push(0),
    }
}

fn put_location(out: &mut Vec<u8>, location: &SpanLocation) {
    for place in [location.start, location.end] {
        put_u32(out, place.line);
        put_u32(out, place.column);
    }
}

/// Every field, so that a field added to `Diagnostic` fails to compile
/// here rather than vanish from spilled findings.
fn put_diagnostic(out: &mut Vec<u8>, diagnostic: &Diagnostic) {
    let Diagnostic {
        rule,
        severity,
        message,
        span,
        labels,
        help,
        fix,
    } = diagnostic;
    put_str(out, rule);
    out.push(match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    });
    put_str(out, message);
    put_span(out, *span);
    put_len(out, labels.len());
    for Label {
        message,
        span,
        file,
        location,
    } in labels
    {
        put_str(out, message);
        put_span(out, *span);
        put_option(out, file.as_ref(), |out, file| put_u32(out, *file));
        put_option(out, location.as_ref(), put_location);
    }
    put_option(out, help.as_ref(), |out, help| put_str(out, help));
    put_option(out, fix.as_ref(), |out, fix| {
        let Fix {
            title,
            edits,
            applicability,
        } = fix;
        put_str(out, title);
        out.push(match applicability {
            Applicability::Unsafe => 0,
            Applicability::Safe => 1,
        });
        put_len(out, edits.len());
        for Edit { span, replacement } in edits {
            put_span(out, *span);
            put_str(out, replacement);
        }
    });
}

/// Reads back what the `put_*` functions wrote.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> std::io::Result<&[u8]> {
        if self.0.len() < n {
            return Err(corrupt());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn byte(&mut self) -> std::io::Result<u8> {
        Ok(self.bytes(1)?[0])
    }

    fn u32(&mut self) -> std::io::Result<u32> {
        let bytes = self.bytes(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn len(&mut self) -> std::io::Result<usize> {
        Ok(self.u32()? as usize)
    }

    fn string(&mut self) -> std::io::Result<String> {
        let len = self.len()?;
        let bytes = self.bytes(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| corrupt())
    }

    fn span(&mut self) -> std::io::Result<Span> {
        Ok(Span {
            start: self.u32()?,
            end: self.u32()?,
        })
    }

    fn present(&mut self) -> std::io::Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(corrupt()),
        }
    }

    fn location(&mut self) -> std::io::Result<SpanLocation> {
        let mut place = || -> std::io::Result<Location> {
            Ok(Location {
                line: self.u32()?,
                column: self.u32()?,
            })
        };
        Ok(SpanLocation {
            start: place()?,
            end: place()?,
        })
    }

    fn diagnostic(&mut self) -> std::io::Result<Diagnostic> {
        let rule = Cow::Owned(self.string()?);
        let severity = match self.byte()? {
            0 => Severity::Info,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return Err(corrupt()),
        };
        let message = self.string()?;
        let span = self.span()?;
        let count = self.len()?;
        let mut labels = Vec::with_capacity(count.min(self.0.len()));
        for _ in 0..count {
            let message = self.string()?;
            let span = self.span()?;
            let file = if self.present()? {
                Some(self.u32()?)
            } else {
                None
            };
            let location = if self.present()? {
                Some(self.location()?)
            } else {
                None
            };
            labels.push(Label {
                message,
                span,
                file,
                location,
            });
        }
        let help = if self.present()? {
            Some(self.string()?)
        } else {
            None
        };
        let fix = if self.present()? {
            let title = self.string()?;
            let applicability = match self.byte()? {
                0 => Applicability::Unsafe,
                1 => Applicability::Safe,
                _ => return Err(corrupt()),
            };
            let count = self.len()?;
            let mut edits = Vec::with_capacity(count.min(self.0.len()));
            for _ in 0..count {
                let span = self.span()?;
                let replacement = self.string()?;
                edits.push(Edit { span, replacement });
            }
            Some(Fix {
                title,
                edits,
                applicability,
            })
        } else {
            None
        };
        Ok(Diagnostic {
            rule,
            severity,
            message,
            span,
            labels,
            help,
            fix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
