use doclint_core::{is_irregular_space, Diagnostic, Document, Edit, Fix, LineKind, Span};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a no-break space or another irregular Unicode space at the end
    /// of a line, alone or among ordinary spaces, including lines that hold
    /// nothing but such white space.
    ///
    /// ## Why is this bad?
    /// A no-break space left after a sentence is the trace of text pasted
    /// from a web page or a word processor: it survives every editor's
    /// "trim trailing spaces", breaks exact-match search and shows up in
    /// diffs, and a line of no-break spaces renders as an empty line where
    /// none was meant.
    ///
    /// Ordinary spaces and tabs at a line's end are not reported: they are
    /// invisible in any rendering of a plain-text or Markdown document and
    /// change nothing a reader sees. In Markdown the ones that do change
    /// the rendering (two spaces or more before a line break inside a
    /// paragraph make a hard break) are markup the writer chose.
    ///
    /// ## Example
    /// ```text
    /// attended the meeting as a non-voting participant.\u{a0}
    /// ```
    /// Use instead:
    /// ```text
    /// attended the meeting as a non-voting participant.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the removed characters are white space at a line end (the
    /// whole run, ordinary spaces in it included).
    pub struct TrailingWhitespace {
        id: "trailing-whitespace",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

pub(crate) fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || is_irregular_space(c)
}

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        for line in doc.lines() {
            if line.kind == LineKind::Code {
                continue;
            }
            let content = doc.slice(line.span);
            let kept = content.trim_end_matches(is_space);
            // Ordinary spaces and tabs render as nothing: only a pasted
            // irregular space is a defect a reader of the document can
            // meet (as an odd gap, a blank line, a failed search).
            if !content[kept.len()..].chars().any(is_irregular_space) {
                continue;
            }
            let span = Span::new(line.span.start() + kept.len(), line.span.end());
            let message = if kept.is_empty() {
                "line holds only white space"
            } else {
                "trailing white space"
            };
            out.push(
                Self::META
                    .diagnostic(span, message)
                    .with_help("remove the white space at the end of the line")
                    .with_fix(Fix::safe(
                        "Remove trailing white space",
                        vec![Edit::delete(span)],
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_no_break_space_after_final_stop() {
        assert_eq!(
            flagged(
                &TrailingWhitespace,
                "a non-voting participant.\u{a0} \n\nNext."
            ),
            vec!["\u{a0} "]
        );
    }

    #[test]
    fn ordinary_trailing_spaces_and_tabs_are_quiet() {
        // Invisible in any rendering: not reported, even as a single slip.
        assert_no_lints(&TrailingWhitespace, "One. \nTwo.\t\n  \nThree.\n");
        // A pasted no-break space is still flagged among them, with the
        // ordinary spaces of its run.
        assert_eq!(
            flagged(
                &TrailingWhitespace,
                "One. \nTwo. \nThree. \nFour. \u{a0} \n"
            ),
            vec![" \u{a0} "]
        );
        assert_lint_count(
            &TrailingWhitespace,
            "One.\u{a0}\nTwo.\u{2009}\n  \nEnd.\n",
            2,
        );
    }

    #[test]
    fn flags_whitespace_only_line() {
        assert_lint_count(&TrailingWhitespace, "One.\n\u{a0}\nTwo.", 1);
        assert_lint_count(&TrailingWhitespace, "One.\n \u{a0}\t\nTwo.", 1);
        assert_no_lints(&TrailingWhitespace, "One.\n \t \nTwo.");
    }

    #[test]
    fn clean_lines_and_crlf_are_quiet() {
        assert_no_lints(
            &TrailingWhitespace,
            "One line.\r\nAnother line.\r\n\r\nEnd.",
        );
    }

    #[test]
    fn markdown_hard_break_is_kept() {
        assert!(lint_markdown(&TrailingWhitespace, "Line one  \nline two.\n").is_empty());
        assert!(lint_markdown(&TrailingWhitespace, "Line one   \nline two.\n").is_empty());
        // Ordinary spaces render as nothing; a pasted no-break space is
        // still flagged.
        assert_eq!(
            lint_markdown(
                &TrailingWhitespace,
                "Paragraph end.   \n\n| a | \n| b |  \n\nPasted end.\u{a0}\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn fix_removes_only_the_white_space() {
        assert_safe_fix(
            &TrailingWhitespace,
            "Word.\u{a0}\t\r\nNext\u{a0}",
            "Word.\r\nNext",
        );
    }
}
