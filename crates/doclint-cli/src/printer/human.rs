//! The default output: compiler-style diagnostics via codespan-reporting.
//!
//! Machine-translated documents often hold a whole paragraph on one line,
//! thousands of characters long. Printing that line under every problem
//! buries the caret, so each shown line is cut to a window of
//! [`WINDOW_CHARS`] characters either side of the labels on it, marked with
//! `…`; line and column numbers stay those of the real file.

use std::ops::Range;
use std::path::PathBuf;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, Location as CsLocation};
use codespan_reporting::term::{self, termcolor::WriteColor, Config};
use doclint_core::{Applicability, LineIndex, Severity, Span};

use super::Summary;
use crate::run::{CheckedFile, FileOutcome};

/// Characters of context shown on each side of a label.
pub const WINDOW_CHARS: usize = 60;
const ELLIPSIS: &str = "…";

fn severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Prints every diagnostic with a window of its source line, then the
/// summary line. `paths` are every input path, by file id (labels in other
/// files name theirs).
pub fn print(
    out: &mut dyn WriteColor,
    files: impl Iterator<Item = CheckedFile>,
    paths: &[PathBuf],
) -> anyhow::Result<()> {
    let summary = print_diagnostics(out, files, paths)?;
    writeln!(out, "{}", summary.line())?;
    Ok(())
}

/// Prints every diagnostic with its source line; the run's counts.
pub fn print_diagnostics(
    out: &mut dyn WriteColor,
    files: impl Iterator<Item = CheckedFile>,
    paths: &[PathBuf],
) -> anyhow::Result<Summary> {
    let config = Config::default();
    let mut summary = Summary::default();
    for file in files {
        summary.add_file(&file);
        let FileOutcome::Checked {
            diagnostics,
            source,
        } = &file.outcome
        else {
            continue;
        };
        if diagnostics.is_empty() {
            continue;
        }
        let text = source.as_deref().unwrap_or("");
        let index = LineIndex::new(text);
        let name = super::visible_line(&file.path.display().to_string()).into_owned();
        for reported in diagnostics {
            let d = &reported.diagnostic;
            let mut spans = vec![d.span];
            let mut notes = Vec::new();
            let mut secondary = Vec::new();
            for (label, place) in d.labels.iter().zip(&reported.labels) {
                match place.file.and_then(|id| paths.get(id as usize)) {
                    Some(other) => notes.push(format!(
                        "{}: {}:{}:{}",
                        label.message,
                        other.display(),
                        place.location.start.line,
                        place.location.start.column
                    )),
                    // Far along the same long line, the label would stretch
                    // the window over the whole paragraph: name its place.
                    None if is_far_on_same_line(text, &index, d.span, label.span) => {
                        notes.push(format!(
                            "{}: {}:{}:{}",
                            label.message,
                            file.path.display(),
                            place.location.start.line,
                            place.location.start.column
                        ));
                    }
                    None => {
                        spans.push(label.span);
                        secondary.push((label.span, label.message.as_str()));
                    }
                }
            }
            let excerpt = Excerpt::new(&name, text, &index, &spans);
            let mut labels = vec![Label::primary((), excerpt.map_span(d.span))];
            for (span, message) in secondary {
                labels.push(
                    Label::secondary((), excerpt.map_span(span))
                        .with_message(super::visible(message)),
                );
            }
            if let Some(help) = &d.help {
                notes.push(format!("help: {help}"));
            }
            if let Some(fix) = &d.fix {
                let how = match fix.applicability {
                    Applicability::Safe => "--fix",
                    Applicability::Unsafe => "--fix --unsafe-fixes",
                };
                notes.push(format!("fix ({how}): {}", fix.title));
            }
            let notes = notes
                .iter()
                .map(|note| super::visible(note).into_owned())
                .collect();
            let diagnostic = CsDiagnostic::new(severity(d.severity))
                .with_code(d.rule.as_ref())
                .with_message(super::visible(&d.message))
                .with_labels(labels)
                .with_notes(notes);
            term::emit(out, &config, &excerpt, &diagnostic)?;
        }
    }
    Ok(summary)
}

/// Whether `label` lies on the line of `primary` but further from it than
/// two windows.
fn is_far_on_same_line(text: &str, index: &LineIndex, primary: Span, label: Span) -> bool {
    let clamp = |offset: usize| offset.min(text.len());
    let (a, b) = (clamp(primary.start()), clamp(label.start()));
    if index.line_of(a) != index.line_of(b) {
        return false;
    }
    let (low, high) = (a.min(b), a.max(b));
    text.get(low..high)
        .is_some_and(|between| between.chars().count() > 2 * WINDOW_CHARS)
}

/// One shown line: a window of a real line, in the excerpt's text.
#[derive(Debug, Clone)]
struct ExcerptLine {
    /// 0-based line in the real file.
    line: usize,
    /// The window's bytes in the excerpt text, `…` marks included.
    shown: Range<usize>,
    /// The window in the real file.
    window: Range<usize>,
    /// Bytes of the leading `…` (0 when the window starts the line).
    prefix: usize,
    /// Characters shown escaped (see [`super::escaped_char`]), in order:
    /// real offset, real length, shown length.
    escapes: Vec<(usize, usize, usize)>,
}

impl ExcerptLine {
    /// The shown offset, from the window's shown start, of a real offset.
    fn shown_offset(&self, real: usize) -> usize {
        let grown: usize = self
            .escapes
            .iter()
            .take_while(|(at, _, _)| *at < real)
            .map(|(_, real_len, shown_len)| shown_len - real_len)
            .sum();
        real - self.window.start + grown
    }

    /// The real offset shown at `into` bytes after the window's shown start.
    fn real_offset(&self, into: usize) -> usize {
        let mut grown = 0;
        for &(at, real_len, shown_len) in &self.escapes {
            let shown_at = at - self.window.start + grown;
            if into <= shown_at {
                break;
            }
            if into < shown_at + shown_len {
                return at;
            }
            grown += shown_len - real_len;
        }
        self.window.start + into.saturating_sub(grown)
    }
}

/// The lines a diagnostic needs, each cut to a window, presented to
/// codespan-reporting with the real line and column numbers.
#[derive(Debug)]
struct Excerpt<'a> {
    name: &'a str,
    real: &'a str,
    index: &'a LineIndex,
    text: String,
    lines: Vec<ExcerptLine>,
}

impl<'a> Excerpt<'a> {
    fn new(name: &'a str, real: &'a str, index: &'a LineIndex, spans: &[Span]) -> Excerpt<'a> {
        let clamp = |offset: usize| offset.min(real.len());
        // Label ends, grouped by line.
        let mut points: Vec<(usize, usize)> = Vec::new();
        let mut needed: Vec<usize> = Vec::new();
        for span in spans {
            let (start, end) = (clamp(span.start()), clamp(span.end()));
            let (first, last) = (index.line_of(start), index.line_of(end));
            points.push((first, start));
            points.push((last, end));
            needed.extend(first..=last);
        }
        // codespan-reporting prints the single line between two shown lines
        // instead of a break, so those must be available too.
        let extra: Vec<usize> = needed
            .iter()
            .map(|line| line + 1)
            .filter(|line| *line < index.line_count())
            .collect();
        needed.extend(extra);
        needed.sort_unstable();
        needed.dedup();

        let mut text = String::new();
        let mut lines = Vec::with_capacity(needed.len());
        for line in needed {
            let content = line_content(real, index, line);
            let on_line = points
                .iter()
                .filter(|(l, _)| *l == line)
                .map(|(_, offset)| (*offset).min(content.end));
            let (low, high) = match (on_line.clone().min(), on_line.max()) {
                (Some(low), Some(high)) => (low, high),
                _ => (content.start, content.start),
            };
            let window =
                back_chars(real, low, content.start)..forward_chars(real, high, content.end);
            let start = text.len();
            let prefix = if window.start > content.start {
                text.push_str(ELLIPSIS);
                ELLIPSIS.len()
            } else {
                0
            };
            let mut escapes = Vec::new();
            for (at, c) in real[window.clone()].char_indices() {
                match super::escaped_char(c) {
                    Some(escaped) => {
                        escapes.push((window.start + at, c.len_utf8(), escaped.len()));
                        text.push_str(&escaped);
                    }
                    None => text.push(c),
                }
            }
            if window.end < content.end {
                text.push_str(ELLIPSIS);
            }
            lines.push(ExcerptLine {
                line,
                shown: start..text.len(),
                window,
                prefix,
                escapes,
            });
            text.push('\n');
        }
        Excerpt {
            name,
            real,
            index,
            text,
            lines,
        }
    }

    /// Where a real offset is shown in the excerpt.
    fn map(&self, offset: usize) -> usize {
        let offset = offset.min(self.real.len());
        let line = self.index.line_of(offset);
        let Some(shown) = self.lines.iter().find(|l| l.line == line) else {
            return 0;
        };
        let inside = offset.clamp(shown.window.start, shown.window.end);
        shown.shown.start + shown.prefix + shown.shown_offset(inside)
    }

    fn map_span(&self, span: Span) -> Range<usize> {
        self.map(span.start())..self.map(span.end())
    }

    fn shown_line(&self, line_index: usize) -> Result<&ExcerptLine, FilesError> {
        self.lines
            .iter()
            .find(|l| l.line == line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.index.line_count().saturating_sub(1),
            })
    }

    /// The real offset shown at excerpt offset `byte`.
    fn unmap(&self, byte: usize) -> usize {
        let shown = self
            .lines
            .iter()
            .find(|l| byte <= l.shown.end)
            .or(self.lines.last());
        let Some(shown) = shown else {
            return 0;
        };
        let into = byte.saturating_sub(shown.shown.start + shown.prefix);
        shown.real_offset(into).min(shown.window.end)
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self
            .lines
            .iter()
            .find(|l| byte_index <= l.shown.end)
            .or(self.lines.last())
            .map_or(0, |l| l.line))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(line_index + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let line_start = self
            .index
            .line_start(line_index.min(self.index.line_count() - 1));
        let offset = self.unmap(byte_index).max(line_start);
        Ok(self.real[line_start..offset].chars().count() + 1)
    }

    fn location(&'a self, (): (), byte_index: usize) -> Result<CsLocation, FilesError> {
        let location = self.index.location(self.real, self.unmap(byte_index));
        Ok(CsLocation {
            line_number: location.line as usize,
            column_number: location.column as usize,
        })
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let shown = self.shown_line(line_index)?;
        Ok(shown.shown.start..shown.shown.end + 1)
    }
}

/// The content of 0-based `line`, without its terminator.
fn line_content(text: &str, index: &LineIndex, line: usize) -> Range<usize> {
    let start = index.line_start(line);
    let mut end = if line + 1 < index.line_count() {
        index.line_start(line + 1) - 1
    } else {
        text.len()
    };
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    start..end.max(start)
}

/// The offset [`WINDOW_CHARS`] characters before `offset`, not before `floor`.
fn back_chars(text: &str, offset: usize, floor: usize) -> usize {
    text[floor..offset]
        .char_indices()
        .rev()
        .nth(WINDOW_CHARS - 1)
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset [`WINDOW_CHARS`] characters after `offset`, not after `ceiling`.
fn forward_chars(text: &str, offset: usize, ceiling: usize) -> usize {
    text[offset..ceiling]
        .char_indices()
        .nth(WINDOW_CHARS)
        .map_or(ceiling, |(i, _)| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, span: Span) -> String {
        let index = LineIndex::new(text);
        let excerpt = Excerpt::new("f.txt", text, &index, &[span]);
        let diagnostic = CsDiagnostic::new(CsSeverity::Warning)
            .with_message("m")
            .with_labels(vec![Label::primary((), excerpt.map_span(span))]);
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        term::emit(&mut out, &Config::default(), &excerpt, &diagnostic).expect("renders");
        String::from_utf8(out.into_inner()).expect("utf-8")
    }

    #[test]
    fn long_line_is_windowed_with_real_position() {
        let long = format!("Title\n\n{}X  Y{}\n", "a".repeat(500), "b".repeat(500));
        let start = long.find("  ").expect("double space");
        let shown = render(&long, Span::new(start, start + 2));
        assert!(shown.contains("f.txt:3:502"), "{shown}");
        let source_line = shown
            .lines()
            .find(|l| l.starts_with("3 │"))
            .expect("line 3");
        assert_eq!(
            source_line,
            format!("3 │ …{}X  Y{}…", "a".repeat(59), "b".repeat(59))
        );
        let caret = shown.lines().find(|l| l.contains('^')).expect("caret");
        assert_eq!(
            caret.find('^'),
            source_line.find("  ").map(|i| i - 2),
            "{shown}"
        );
    }

    #[test]
    fn short_lines_are_whole_and_multibyte_safe() {
        let text = "Dalian\u{a0}is a city “in” China.\n";
        let start = text.find('\u{a0}').expect("nbsp");
        let shown = render(text, Span::new(start, start + 2));
        assert!(shown.contains("f.txt:1:7"), "{shown}");
        assert!(
            shown.contains("1 │ Dalian\u{a0}is a city “in” China."),
            "{shown}"
        );
    }

    #[test]
    fn spans_over_several_lines_render() {
        let text = "One.\n\n\n\nTwo.\n";
        let shown = render(text, Span::new(6, 8));
        assert!(shown.contains("f.txt:3:1"), "{shown}");
    }

    #[test]
    fn labels_far_along_the_line_become_notes() {
        let text = format!("{}A{}B\n", "x ".repeat(10), "y ".repeat(200));
        let index = LineIndex::new(&text);
        let a = Span::new(20, 21);
        let b = Span::new(text.len() - 2, text.len() - 1);
        assert!(is_far_on_same_line(&text, &index, a, b));
        assert!(!is_far_on_same_line(&text, &index, a, Span::new(30, 31)));
    }

    #[test]
    fn window_cuts_on_char_boundaries() {
        let text = "é".repeat(100);
        assert_eq!(back_chars(&text, 150, 0), 30);
        assert_eq!(forward_chars(&text, 0, text.len()), 120);
        assert_eq!(forward_chars(&text, 190, text.len()), 200);
    }
}
