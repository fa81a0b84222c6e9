//! `--format junit`: JUnit XML with one test case per checked file. A file
//! fails when it has a problem at or above `--fail-on`; its other problems
//! are listed in `system-out`. Unreadable files are errors, binary files
//! skipped.

use std::io::Write;

use doclint_core::Severity;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::run::{CheckedFile, FileOutcome, Reported};

pub fn print(out: &mut dyn Write, files: &[CheckedFile], fail_on: Severity) -> std::io::Result<()> {
    let failing = |file: &CheckedFile| {
        file.diagnostics()
            .iter()
            .any(|r| r.diagnostic.severity >= fail_on)
    };
    let failures = files.iter().filter(|f| failing(f)).count();
    let errors = files
        .iter()
        .filter(|f| matches!(f.outcome, FileOutcome::Failed { .. }))
        .count();
    let skipped = files
        .iter()
        .filter(|f| matches!(f.outcome, FileOutcome::Skipped { .. }))
        .count();
    let (tests, failures, errors, skipped) = (
        files.len().to_string(),
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

    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("testsuites")
        .with_attribute(("name", "doclint"))
        .with_attributes(counts)
        .write_inner_content(|w| {
            w.create_element("testsuite")
                .with_attribute(("name", "doclint"))
                .with_attributes(counts)
                .write_inner_content(|w| {
                    for file in files {
                        test_case(w, file, failing(file), fail_on)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let out = writer.into_inner();
    writeln!(out)
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
