//! `--format github`: GitHub Actions workflow commands, one per problem:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=doclint(rule)::message`.
//! Info becomes `notice`. Values are escaped as the runner expects.

use std::io::Write;

use doclint_core::Severity;

use crate::run::CheckedFile;

pub fn print(out: &mut dyn Write, files: impl Iterator<Item = CheckedFile>) -> std::io::Result<()> {
    for file in files {
        let path = property(&file.path.display().to_string());
        for reported in file.diagnostics() {
            let d = &reported.diagnostic;
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (start, end) = (reported.location.start, reported.location.end);
            writeln!(
                out,
                "::{command} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                property(&format!("doclint({})", d.rule)),
                data(&d.message)
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message; other control characters, which would
/// reach the log viewer's terminal, are shown escaped.
fn data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    super::visible(&text).into_owned()
}

/// Escapes a command property (also `:` and `,`, which delimit them).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_parses() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
