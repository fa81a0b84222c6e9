//! `--diff`: what `--fix` would change, as a unified diff.
//!
//! The text is the one `patch` and `git apply` read (`--- a/path`,
//! `+++ b/path`, three lines of context); on a terminal the changed words,
//! and the white space that most fixes touch, are highlighted.

use std::io;

use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use similar::{Algorithm, ChangeTag, TextDiff};

/// Lines of context around each change.
pub const CONTEXT_LINES: usize = 3;

/// Writes the diff from `old` to `new` for the file `name`; nothing when
/// they are equal.
pub fn write_diff(out: &mut dyn WriteColor, name: &str, old: &str, new: &str) -> io::Result<()> {
    if old == new {
        return Ok(());
    }
    // Patience anchors on unique lines, so removing a blank line shows as
    // that and not as a paragraph moved past it.
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_lines(old, new);
    let header = |out: &mut dyn WriteColor, text: String| -> io::Result<()> {
        out.set_color(ColorSpec::new().set_bold(true))?;
        write!(out, "{text}")?;
        out.reset()?;
        writeln!(out)
    };
    // `a/` and `b/` as git writes them; an absolute path loses its leading
    // slash there too.
    let name = name.trim_start_matches('/');
    header(out, format!("--- a/{name}"))?;
    header(out, format!("+++ b/{name}"))?;
    for group in diff.grouped_ops(CONTEXT_LINES) {
        if group.is_empty() {
            continue;
        }
        out.set_color(ColorSpec::new().set_fg(Some(Color::Cyan)))?;
        write!(out, "{}", similar::udiff::UnifiedHunkHeader::new(&group))?;
        out.reset()?;
        writeln!(out)?;
        for op in &group {
            for change in diff.iter_inline_changes(op) {
                let (sign, color) = match change.tag() {
                    ChangeTag::Equal => (' ', None),
                    ChangeTag::Delete => ('-', Some(Color::Red)),
                    ChangeTag::Insert => ('+', Some(Color::Green)),
                };
                let mut plain = ColorSpec::new();
                plain.set_fg(color);
                let mut emphasis = plain.clone();
                emphasis.set_bg(color).set_fg(Some(Color::Black));
                out.set_color(&plain)?;
                write!(out, "{sign}")?;
                for (emphasized, value) in change.values() {
                    // The line break is written uncoloured, so a highlight
                    // never bleeds into the next line.
                    let body = value.trim_end_matches(['\n', '\r']);
                    let ending = &value[body.len()..];
                    out.set_color(if *emphasized { &emphasis } else { &plain })?;
                    write!(out, "{body}")?;
                    out.reset()?;
                    write!(out, "{ending}")?;
                    out.set_color(&plain)?;
                }
                out.reset()?;
                if change.missing_newline() {
                    writeln!(out)?;
                    writeln!(out, "\\ No newline at end of file")?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};

    use super::*;

    fn plain(name: &str, old: &str, new: &str) -> String {
        let mut out = NoColor::new(Vec::new());
        write_diff(&mut out, name, old, new).expect("write to memory");
        String::from_utf8(out.into_inner()).expect("utf-8")
    }

    #[test]
    fn uncoloured_output_is_a_standard_unified_diff() {
        let old = "one\ntwo\nthree\nfour  five\nsix\nseven\neight\nnine\nten\neleven\ntwelve\nthirteen\nfourteen\u{a0}x";
        let new = "one\ntwo\nthree\nfour five\nsix\nseven\neight\nnine\nten\neleven\ntwelve\nthirteen\nfourteen x\n";
        let expected = TextDiff::configure()
            .algorithm(Algorithm::Patience)
            .diff_lines(old, new)
            .unified_diff()
            .context_radius(CONTEXT_LINES)
            .header("a/doc.txt", "b/doc.txt")
            .to_string();
        let actual = plain("doc.txt", old, new);
        assert_eq!(actual, expected);
        assert!(
            actual.starts_with("--- a/doc.txt\n+++ b/doc.txt\n@@ -1,7 +1,7 @@\n"),
            "{actual}"
        );
        assert!(actual.contains("-four  five\n+four five\n"));
        assert!(actual.contains("\\ No newline at end of file"), "{actual}");
    }

    #[test]
    fn crlf_lines_keep_their_carriage_return() {
        let actual = plain("w.txt", "a  b\r\nc\r\n", "a b\r\nc\r\n");
        assert!(actual.contains("-a  b\r\n+a b\r\n c\r\n"), "{actual:?}");
    }

    #[test]
    fn equal_texts_print_nothing() {
        assert_eq!(plain("x.txt", "same\n", "same\n"), "");
    }

    #[test]
    fn terminal_output_highlights_the_changed_words() {
        let mut out = Ansi::new(Vec::new());
        write_diff(
            &mut out,
            "d.txt",
            "keep this  word here\n",
            "keep this word here\n",
        )
        .expect("write");
        let text = String::from_utf8(out.into_inner()).expect("utf-8");
        // The changed run of spaces has a background colour; the rest of the
        // line does not.
        assert!(
            text.contains("\u{1b}[41m"),
            "red background on the deletion: {text:?}"
        );
        assert!(
            text.contains("\u{1b}[42m"),
            "green background on the insertion: {text:?}"
        );
        assert!(!text.contains("\u{1b}[41mkeep"), "{text:?}");
    }
}
