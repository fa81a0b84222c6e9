//! `--format junit`: JUnit XML with one test case per checked file. A file
//! fails when it has a problem at or above `--fail-on`; its other problems
//! are listed in `system-out`. Unreadable files are errors, binary files
//! skipped.

use std::io::{Seek, SeekFrom, Write};

use doclint_core::Severity;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::run::{CheckedFile, FileOutcome, Reported};

/// Test cases held in memory up to this size, then in a temporary file.
const SPOOL_BYTES: usize = 8 << 20;

/// Writes the report of `files`. The counts open the document, before the
/// test cases, so the test cases are written as the files stream in into a
/// spool (in memory, then a temporary file), by a writer in the state the
/// real one has after the opening tags, and copied out after the counts.
pub fn print(
    out: &mut dyn Write,
    files: impl Iterator<Item = CheckedFile>,
    fail_on: Severity,
) -> std::io::Result<()> {
    let mut body = Writer::new_with_indent(tempfile::spooled_tempfile(SPOOL_BYTES), b' ', 2);
    opening(&mut body, [("tests", "0"); 4])?;
    let prefix = body.get_mut().stream_position()?;
    let (mut tests, mut failures, mut errors, mut skipped) = (0usize, 0usize, 0usize, 0usize);
    for file in files {
        tests += 1;
        match file.outcome {
            FileOutcome::Failed { .. } => errors += 1,
            FileOutcome::Skipped { .. } => skipped += 1,
            FileOutcome::Checked { .. } => {}
        }
        let failed = file
            .diagnostics()
            .iter()
            .any(|r| r.diagnostic.severity >= fail_on);
        failures += usize::from(failed);
        test_case(&mut body, &file, failed, fail_on)?;
    }
    body.write_event(Event::End(BytesEnd::new("testsuite")))?;
    body.write_event(Event::End(BytesEnd::new("testsuites")))?;

    let (tests, failures, errors, skipped) = (
        tests.to_string(),
        failures.to_string(),
        errors.to_string(),
        skipped.to_string(),
    );
    let counts = [
        ("tests", tests.as_str()),
        ("failures", failures.as_str()),
        ("errors", errors.as_str()),
        ("skipped", skipped.as_str()),
    ];
    let mut header = Writer::new_with_indent(&mut *out, b' ', 2);
    opening(&mut header, counts)?;
    let mut spool = body.into_inner();
    spool.seek(SeekFrom::Start(prefix))?;
    std::io::copy(&mut spool, out)?;
    writeln!(out)
}

/// The declaration and the opening `testsuites` and `testsuite` tags.
fn opening<W: Write>(w: &mut Writer<W>, counts: [(&str, &str); 4]) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    for name in ["testsuites", "testsuite"] {
        let tag = BytesStart::new(name)
            .with_attributes([("name", "doclint")])
            .with_attributes(counts);
        w.write_event(Event::Start(tag))?;
    }
    Ok(())
}

fn test_case<W: Write>(
    w: &mut Writer<W>,
    file: &CheckedFile,
    failed: bool,
    fail_on: Severity,
) -> std::io::Result<()> {
    let path = xml_safe(&file.path.display().to_string());
    let case = w.create_element("testcase").with_attributes([
        ("name", path.as_str()),
        ("classname", "doclint"),
        ("file", path.as_str()),
    ]);
    match &file.outcome {
        FileOutcome::Failed { message } => {
            let message = xml_safe(message);
            case.write_inner_content(|w| {
                w.create_element("error")
                    .with_attribute(("message", message.as_str()))
                    .write_empty()?;
                Ok(())
            })?;
        }
        FileOutcome::Skipped { reason } => {
            let reason = xml_safe(reason);
            case.write_inner_content(|w| {
                w.create_element("skipped")
                    .with_attribute(("message", reason.as_str()))
                    .write_empty()?;
                Ok(())
            })?;
        }
        FileOutcome::Checked { diagnostics, .. } if diagnostics.is_empty() => {
            case.write_empty()?;
        }
        FileOutcome::Checked { diagnostics, .. } => {
            let (failing, other): (Vec<&Reported>, Vec<&Reported>) = diagnostics
                .iter()
                .partition(|r| r.diagnostic.severity >= fail_on);
            case.write_inner_content(|w| {
                if failed {
                    let summary = match failing.len() {
                        1 => "1 problem".to_owned(),
                        n => format!("{n} problems"),
                    };
                    w.create_element("failure")
                        .with_attributes([("message", summary.as_str()), ("type", "doclint")])
                        .write_text_content(BytesText::new(&listing(&failing)))?;
                }
                if !other.is_empty() {
                    w.create_element("system-out")
                        .write_text_content(BytesText::new(&listing(&other)))?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// One line per problem: `line:col: severity [rule] message`.
fn listing(problems: &[&Reported]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|r| {
            format!(
                "{}:{}: {} [{}] {}",
                r.location.start.line,
                r.location.start.column,
                r.diagnostic.severity,
                r.diagnostic.rule,
                super::concise::one_line(&r.diagnostic.message)
            )
        })
        .collect();
    xml_safe(&lines.join("\n"))
}

/// XML 1.0 cannot carry most control characters, even escaped.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(xml_safe("a\u{1}b\tc"), "a\u{FFFD}b\tc");
    }
}
