//! `--format concise`: one line per problem,
//! `path:line:col: severity [rule] message`, then the summary line.

use std::io::Write;

use super::Summary;
use crate::run::CheckedFile;

pub fn print(out: &mut dyn Write, files: impl Iterator<Item = CheckedFile>) -> std::io::Result<()> {
    let mut summary = Summary::default();
    for file in files {
        summary.add_file(&file);
        let path = super::visible_line(&file.path.display().to_string()).into_owned();
        for reported in file.diagnostics() {
            let d = &reported.diagnostic;
            writeln!(
                out,
                "{path}:{}:{}: {} [{}] {}",
                reported.location.start.line,
                reported.location.start.column,
                d.severity,
                d.rule,
                one_line(&d.message)
            )?;
        }
    }
    writeln!(out, "{}", summary.line())
}

/// Messages quote document text, which may hold line breaks, and
/// control characters (shown escaped: see [`super::visible`]).
pub fn one_line(message: &str) -> String {
    super::visible(&message.replace(['\r', '\n'], " ")).into_owned()
}
