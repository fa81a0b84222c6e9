use doclint_core::{
    is_irregular_space, Diagnostic, Document, DocumentKind, Edit, Fix, Line, LineKind, Span,
};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags spaces, tabs and no-break spaces at the end of a line, including
    /// lines that hold nothing but white space.
    ///
    /// ## Why is this bad?
    /// Trailing white space is invisible in an editor but shows up in diffs,
    /// breaks exact-match search and often marks text pasted from a web page
    /// (a no-break space left after a sentence).
    ///
    /// ## Example
    /// ```text
    /// attended the meeting as a non-voting participant.␣
    /// ```
    /// Use instead:
    /// ```text
    /// attended the meeting as a non-voting participant.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the removed characters are white space at a line end. In
    /// Markdown, the spaces of a hard line break (two or more before a line
    /// break inside a paragraph) are markup and are left alone, and so are
    /// exactly two spaces after text anywhere (the same habit). Ordinary
    /// spaces and tabs at a line's end are a document's habit rather than
    /// a slip when at least three lines of it end that way, and in Markdown
    /// they render as nothing: then only no-break and other irregular
    /// spaces (left from a pasted web page) are flagged.
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
        let ordinary_trailing = |line: &&Line| {
            let content = doc.slice(line.span);
            let kept = content.trim_end_matches(is_space).len();
            kept != content.len() && content[kept..].chars().all(|c| c == ' ' || c == '\t')
        };
        // Ordinary trailing spaces on several lines are the way this
        // document was written (an editor, a mail client), not a slip.
        let habit = doc.kind() == DocumentKind::Markdown
            || doc
                .lines()
                .iter()
                .filter(|l| l.kind != LineKind::Code)
                .filter(ordinary_trailing)
                .take(3)
                .count()
                >= 3;
        for line in doc.lines() {
            if line.kind == LineKind::Code {
                continue;
            }
            let content = doc.slice(line.span);
            let kept = content.trim_end_matches(is_space);
            if kept.len() == content.len() {
                continue;
            }
            let ordinary = content[kept.len()..].chars().all(|c| c == ' ' || c == '\t');
            if ordinary && habit {
                continue;
            }
            let span = Span::new(line.span.start() + kept.len(), line.span.end());
            // A Markdown hard break (two spaces or more before a line
            // break inside a paragraph) is markup, not white space; two
            // spaces elsewhere are the same habit and render as nothing.
            let hard_break = doc.kind() == DocumentKind::Markdown
                && !kept.is_empty()
                && (doc.is_non_prose(span) || doc.slice(span) == "  ");
            if hard_break {
                continue;
            }
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
    fn ordinary_trailing_spaces_as_a_habit_are_quiet() {
        // One slip among clean lines is flagged ...
        assert_lint_count(&TrailingWhitespace, "One. \nTwo.\nThree.\n", 1);
        // ... three lines ending so are the document's habit ...
        assert_no_lints(&TrailingWhitespace, "One. \nTwo. \nThree.\t\nFour.\n");
        // ... but a pasted no-break space is still flagged among them, and
        // does not itself count towards the habit.
        assert_lint_count(
            &TrailingWhitespace,
            "One. \nTwo. \nThree. \nFour.\u{a0}\n",
            1,
        );
        assert_lint_count(&TrailingWhitespace, "One.\u{a0}\nTwo.\t\n  \nEnd.\n", 3);
    }

    #[test]
    fn flags_whitespace_only_line() {
        assert_lint_count(&TrailingWhitespace, "One.\n\u{a0}\nTwo.", 1);
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
            "Word. \t\r\nNext\u{a0}",
            "Word.\r\nNext",
        );
    }
}
